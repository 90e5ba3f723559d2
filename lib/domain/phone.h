/* phone.h: proving a mobile number: a 6-digit code by SMS, stored as a keyed hash, ten minutes and five tries to use it. */
#ifndef HS_PHONE_H
#define HS_PHONE_H

#include <stdint.h>

struct actor;
struct arena;
struct db;

#define PHONE_CODE_TTL		600	/* seconds a code works */
#define PHONE_CODE_TRIES	5	/* wrong tries that end a code */
#define PHONE_RESEND_GAP	60	/* seconds between two codes */
#define PHONE_CODES_PER_HOUR	5	/* per number */

enum phone_result {
	PHONE_OK,		/* sent, or proved */
	PHONE_TOO_SOON,		/* a code went less than a minute ago */
	PHONE_TOO_MANY,		/* five codes this hour */
	PHONE_WRONG,		/* tries left */
	PHONE_LOCKED,		/* five wrong tries: ask for a new code */
	PHONE_EXPIRED,
	PHONE_NO_CODE,		/* none sent, or it was used */
};

enum phone_result phone_code_send(struct db *, struct arena *,
		    const struct actor *, int64_t user, const char *phone,
		    int64_t now, int64_t *wait);
enum phone_result phone_code_check(struct db *, struct arena *,
		    const struct actor *, int64_t user, const char *phone,
		    const char *code, int64_t now, int64_t *tries_left);

#endif
