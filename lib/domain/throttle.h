/* throttle.h: counted requests per scope and time window, for limits such as the forgot-password form's. */
#ifndef HS_THROTTLE_H
#define HS_THROTTLE_H

#include <stdint.h>

struct db;

int64_t	throttle_count(struct db *, const char *scope, int64_t since,
	    int64_t *oldest);
void	throttle_hit(struct db *, const char *scope, int64_t now);
int64_t	throttle_purge(struct db *, int64_t before);
void	throttle_forget(struct db *, const char *scope);

#endif
