/* admin_user.h: what a super admin does with accounts: find them, read one whole, block and unblock, change a role, force a password reset, invite staff. */
#ifndef HS_ADMIN_USER_H
#define HS_ADMIN_USER_H

#include <stddef.h>
#include <stdint.h>

#include "account.h"

struct actor;
struct arena;
struct db;

#define ADMIN_USER_PAGE		50	/* rows of the list a page */
#define ADMIN_USER_REASON_MIN	3	/* characters */
#define ADMIN_USER_REASON_MAX	500

/* The list's filters: q "" and role ROLE_NONE match anyone. */
struct admin_user_filter {
	const char	*q;		/* username, email, mobile, business */
	enum role	 role;
	int		 blocked;	/* 0 active, 1 blocked, -1 either */
};

/* One row of the list. */
struct admin_user_line {
	int64_t		 id;
	const char	*username;
	const char	*email;
	const char	*phone;
	enum role	 role;
	int		 blocked;
	int64_t		 created_at;
	const char	*business_name;	/* "" but for a vendor */
};

/* One account as a super admin sees it. */
struct admin_user {
	struct account	 account;
	const char	*business_name;	/* "" but for a vendor */
	int64_t		 blocked_at;	/* 0: not recorded (blocked in SQL) */
	const char	*blocked_by;	/* NULL: not recorded */
	const char	*blocked_reason;
};

enum admin_user_result {
	ADMIN_USER_OK,
	ADMIN_USER_NOT_FOUND,		/* 404 */
	ADMIN_USER_REFUSED,		/* not from this state, or a rule: 409 */
	ADMIN_USER_BAD_ROLE,		/* a role not given here: 422 */
	ADMIN_USER_USERNAME_TAKEN,	/* inviting: 422 */
	ADMIN_USER_EMAIL_TAKEN,
	ADMIN_USER_PHONE_TAKEN,
};

/* Someone to invite as staff; the form validated it. */
struct admin_user_invite {
	const char	*username;
	const char	*email;
	const char	*phone;		/* +91XXXXXXXXXX, or "" */
	enum role	 role;
};

int		 admin_user_may_give(enum role, int inviting);
const char	*admin_user_role_phrase(enum role);

size_t		 admin_user_search(struct db *, struct arena *,
		    const struct admin_user_filter *, int64_t offset,
		    size_t limit, struct admin_user_line **);
int		 admin_user_get(struct db *, struct arena *, int64_t,
		    struct admin_user *);

enum admin_user_result admin_user_block(struct db *, struct arena *,
		    const struct actor *, int64_t, const char *reason,
		    const char **why);
enum admin_user_result admin_user_unblock(struct db *, struct arena *,
		    const struct actor *, int64_t, const char *reason,
		    const char **why);
enum admin_user_result admin_user_set_role(struct db *, struct arena *,
		    const struct actor *, int64_t, enum role,
		    const char *reason, const char **why);
enum admin_user_result admin_user_reset_password(struct db *,
		    struct arena *, const struct actor *, int64_t,
		    const char *reason, const char **why);
enum admin_user_result admin_user_invite(struct db *, struct arena *,
		    const struct actor *, const struct admin_user_invite *,
		    int64_t *id);

#endif
