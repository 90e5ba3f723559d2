/* reset.h: password resets by an emailed link: a random token stored hashed, valid an hour (an invitation's 72 hours), usable once. */
#ifndef HS_RESET_H
#define HS_RESET_H

#include <stdint.h>

struct actor;
struct arena;
struct db;

#define RESET_TTL		3600
#define RESET_TOKEN_BYTES	32
#define RESET_WINDOW		3600	/* the forgot form's throttles count an hour */
#define RESET_INVITE_TTL	(72 * 3600)
/*
 * A stored password hash that no password matches (crypto_password_verify
 * reads only "scrypt$..."): the account waits for its link.
 */
#define RESET_NO_PASSWORD	"!"

/* What a link is for: how long it works, what its page and email say. */
enum reset_purpose {
	RESET_FORGOT,		/* asked for at /password/forgot */
	RESET_FORCED,		/* a super admin made the password stop working */
	RESET_INVITED,		/* a staff invitation: the first password */
	RESET_PURPOSE__MAX
};

/* A link a super admin sends: the words of its email, and of an SMS. */
struct reset_link {
	enum reset_purpose	 purpose;
	const char		*subject;
	const char		*text;
	const char		*sms;	/* NULL: none; never holds the link */
};

enum reset_request {
	RESET_REQUESTED,	/* the same answer whoever the address is */
	RESET_THROTTLED,	/* too many from this client address: 429 */
};

enum reset_result {
	RESET_OK,
	RESET_UNKNOWN,		/* no such token (or altered): 404 */
	RESET_EXPIRED,		/* 410 */
	RESET_USED,		/* 410 */
};

enum reset_request reset_request(struct db *, struct arena *,
		    const struct actor *, const char *email, int64_t now,
		    int64_t *retry_after);
void		 reset_link_send(struct db *, struct arena *, int64_t user,
		    const struct reset_link *, const char *ip, int64_t now);
enum reset_result reset_check(struct db *, struct arena *, const char *token,
		    int64_t now, enum reset_purpose *);
void		 reset_names(struct db *, struct arena *, const char *token,
		    int64_t now, const char **username, const char **email);
enum reset_result reset_complete(struct db *, struct arena *,
		    const struct actor *, const char *token,
		    const char *password, int64_t now);

#endif
