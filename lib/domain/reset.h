/* reset.h: password resets by an emailed link: a random token stored hashed, valid an hour, usable once. */
#ifndef HS_RESET_H
#define HS_RESET_H

#include <stdint.h>

struct actor;
struct arena;
struct db;

#define RESET_TTL		3600
#define RESET_TOKEN_BYTES	32
#define RESET_WINDOW		3600	/* the forgot form's throttles count an hour */

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
enum reset_result reset_check(struct db *, struct arena *, const char *token,
		    int64_t now);
enum reset_result reset_complete(struct db *, struct arena *,
		    const struct actor *, const char *token,
		    const char *password, int64_t now);

#endif
