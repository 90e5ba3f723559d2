/* twofactor.h: two-factor sign-in: a TOTP secret per account (sealed with the server key), enrolling it with a first code, ten one-time recovery codes, checking a code at sign-in, turning it off. */
#ifndef HS_TWOFACTOR_H
#define HS_TWOFACTOR_H

#include <stdint.h>

struct actor;
struct arena;
struct db;

#define TWOFACTOR_RECOVERY_CODES	10
#define TWOFACTOR_ISSUER		"HomeServe"

enum twofactor_result {
	TF_OK,
	TF_WRONG_CODE,		/* 422 */
	TF_WRONG_PASSWORD,	/* 422 */
	TF_NOT_PENDING,		/* nothing to enrol: 409 */
	TF_NOT_ENROLLED,	/* 409 */
	TF_REQUIRED,		/* staff may not turn it off: 409 */
};

struct twofactor_state {
	int		 enrolled;
	int64_t		 enrolled_at;
	int64_t		 recovery_left;
};

void		 twofactor_state(struct db *, int64_t user,
		    struct twofactor_state *);
const char	*twofactor_pending(struct db *, struct arena *, int64_t user);
char		*twofactor_uri(struct arena *, const char *secret,
		    const char *username);
enum twofactor_result twofactor_enrol(struct db *, struct arena *,
		    const struct actor *, int64_t user, const char *code,
		    char ***recovery);
enum twofactor_result twofactor_check(struct db *, struct arena *,
		    const struct actor *, int64_t user, const char *code);
enum twofactor_result twofactor_disable(struct db *, struct arena *,
		    const struct actor *, int64_t user, const char *password,
		    const char *code);

#endif
