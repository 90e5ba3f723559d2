/* booking_rules.h: the rules that keep booking honest: the booking form's one-time keys, the per-customer caps, and when a job may be started. */
#ifndef HS_BOOKING_RULES_H
#define HS_BOOKING_RULES_H

#include <stdint.h>

struct arena;
struct db;

/* A form key: 128 random bits as 32 lowercase hex digits. */
#define BOOKING_RULES_KEY_LEN	32

char		*booking_rules_key_new(struct arena *);
int		 booking_rules_key_valid(const char *);
int64_t		 booking_rules_key_find(struct db *, int64_t customer,
		    const char *key);
void		 booking_rules_key_store(struct db *, int64_t customer,
		    const char *key, int64_t booking, int64_t now);
int64_t		 booking_rules_key_purge(struct db *, int64_t before);

/* Which cap a new booking would break, if any (settings decide). */
enum booking_cap {
	BOOKING_CAP_OK,
	BOOKING_CAP_PENDING,	/* too many waiting for a vendor: 422 */
	BOOKING_CAP_TODAY,	/* too many made in 24 hours: 429 */
};

enum booking_cap booking_rules_cap(struct db *, struct arena *,
		    int64_t customer, int64_t now, const char **why);
int64_t		 booking_rules_retry_after(struct db *, int64_t customer,
		    int64_t now);

int64_t		 booking_rules_start_opens(struct db *, int64_t scheduled_at);
const char	*booking_rules_start_refusal(struct db *, struct arena *,
		    int64_t scheduled_at, int64_t now);

#endif
