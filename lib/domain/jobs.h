/* jobs.h: the timed jobs (expiry, reminders, digests, monthly reports), each safe to run twice and at any moment. */
#ifndef HS_JOBS_H
#define HS_JOBS_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

#define JOBS_DIGEST_HOUR	7	/* local: vendors' morning digest */
#define JOBS_REPORT_HOUR	8	/* local, on the 1st: monthly reports */
#define JOBS_REMIND_AHEAD	(24 * 3600)	/* remind a day before a visit */
#define JOBS_SIGN_REMIND_AHEAD	(6 * 3600)	/* and 6 hours before a window closes */
#define JOBS_DIGEST_JOBS	10	/* jobs listed in a digest */

/* Run every job as of now; report(name, count, ctx) after each.  The
 * arena is reset as they go: callers keep nothing in it. */
void	jobs_run(struct db *, struct arena *, int64_t now,
	    void (*report)(const char *, size_t, void *), void *ctx);

#endif
