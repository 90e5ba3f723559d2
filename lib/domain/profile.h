/* profile.h: a signed-in person changing their own account: name, email and mobile number, and password. */
#ifndef HS_PROFILE_H
#define HS_PROFILE_H

#include <stdint.h>

struct actor;
struct arena;
struct db;

/* What the account form sends, already validated and normalised. */
struct profile_change {
	const char	*full_name;
	const char	*email;
	const char	*phone;		/* "" or +91XXXXXXXXXX */
	const char	*password;	/* the current one; "" if not given */
};

enum profile_result {
	PROFILE_OK,
	PROFILE_UNCHANGED,
	PROFILE_WRONG_PASSWORD,		/* or none, when one was needed */
	PROFILE_PASSWORD_HELD,		/* too many wrong: not even checked */
	PROFILE_EMAIL_TAKEN,
	PROFILE_PHONE_LOCKED,		/* a vendor's number is verified */
};

enum profile_result profile_update(struct db *, struct arena *,
		    const struct actor *, int64_t user,
		    const struct profile_change *);
enum profile_result profile_password_change(struct db *, struct arena *,
		    const struct actor *, int64_t user, const char *current,
		    const char *password, const char *keep_session,
		    int64_t *ended);
enum profile_result profile_reauth(struct db *, struct arena *,
		    int64_t user, const char *password);

/* How long wrong current passwords count against profile_reauth. */
#define PROFILE_REAUTH_WINDOW	(15 * 60)

#endif
