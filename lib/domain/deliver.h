/* deliver.h: sending claimed outbox messages: email over SMTP (or the mbox), SMS over an HTTP API (or a log), the staff chat webhook (or a log). */
#ifndef HS_DELIVER_H
#define HS_DELIVER_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

/* Once per process: the providers' secrets from keys/. */
void	deliver_init(void);
int	deliver_one(struct db *, struct arena *, const char *worker,
	    int64_t now);
size_t	deliver_due(struct db *, struct arena *, const char *worker,
	    int64_t (*now)(void), volatile sig_atomic_t *stop);

#endif
