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

/*
 * The disk is full (SQLITE_FULL, ENOSPC, EDQUOT): nothing could be
 * saved, and nothing is wrong with the program.  Log it and run the
 * disk-full hook, which answers 503 and does not return (a request
 * jumps back to web_serve, which rolls back and keeps the worker);
 * without a hook, or if it returns, this ends as log_fatal does, and
 * log_disk_full_fatal() tells the fatal hook to answer 503, not 500.
 */
void	log_disk_full(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	log_set_disk_full_hook(void (*)(void));
int	log_disk_full_fatal(void);
void	log_set_name(const char *);

#ifdef __cplusplus
}
#endif

#endif
