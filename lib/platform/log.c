/* log.c: timestamped log lines on standard error; never logs request secrets. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static const char	*log_name = "homeserve";
static void		(*fatal_hook)(void);
static void		(*disk_full_hook)(void);
static int		 disk_full_dying;	/* see log_disk_full_fatal */

void
log_set_name(const char *name)
{
	log_name = name;
}

void
log_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

void
log_set_disk_full_hook(void (*hook)(void))
{
	disk_full_hook = hook;
}

/* Whether the fatal exit under way is a full disk's: 503, not 500. */
int
log_disk_full_fatal(void)
{
	return disk_full_dying;
}

static void	log_line(const char *, const char *, va_list)
		    __attribute__((format(printf, 2, 0)));

static void
log_line(const char *level, const char *fmt, va_list ap)
{
	char		stamp[32];
	time_t		now = time(NULL);
	struct tm	tm;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "%s %s[%d] %s: ", stamp, log_name, (int)getpid(), level);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	fflush(stderr);
}

#define LOG_FN(fn, level)			\
void						\
fn(const char *fmt, ...)			\
{						\
	va_list	ap;				\
	va_start(ap, fmt);			\
	log_line(level, fmt, ap);		\
	va_end(ap);				\
}

LOG_FN(log_info, "info")
LOG_FN(log_warn, "warning")
LOG_FN(log_error, "error")

void
log_fatal(const char *fmt, ...)
{
	static int	dying;
	va_list		ap;

	va_start(ap, fmt);
	log_line("fatal", fmt, ap);
	va_end(ap);
	/* A fatal error inside the hook must not recurse. */
	if (!dying && fatal_hook != NULL) {
		dying = 1;
		fatal_hook();
	}
	exit(EXIT_FAILURE);
}

void
log_disk_full(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_line("error", fmt, ap);
	va_end(ap);
	if (disk_full_hook != NULL)
		disk_full_hook();
	disk_full_dying = 1;
	log_fatal("the disk is full and nothing here can answer for it");
}
