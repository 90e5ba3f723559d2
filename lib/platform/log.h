/* log.h: one-line logs to standard error, and the fatal-error exit. */
#ifndef HS_LOG_H
#define HS_LOG_H

#ifdef __cplusplus
extern "C" {
#endif

void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_error(const char *, ...) __attribute__((format(printf, 1, 2)));

/*
 * Unrecoverable error: log it, run the fatal hook (which answers 500
 * if a request is in flight), and exit.  Uncommitted SQLite work is
 * rolled back by SQLite itself; the supervisor restarts the worker.
 */
void	log_fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	log_set_fatal_hook(void (*)(void));
void	log_set_name(const char *);

#ifdef __cplusplus
}
#endif

#endif
