/* session.h: cookie sessions (stored hashed), their CSRF tokens, sign-in with throttling, sign-out. */
#ifndef HS_SESSION_H
#define HS_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "account.h"
#include "signin.h"

struct actor;
struct arena;
struct db;

#define SESSION_TTL		(7 * 24 * 3600)	/* signed in */
#define SESSION_ANON_TTL	(24 * 3600)	/* a visitor's form token */
#define SESSION_TOKEN_BYTES	32		/* 256 bits */

/*
 * Failed sign-ins count for LOGIN_WINDOW; their limits are settings
 * (signin.c).  Wrong two-factor codes allowed per account in the window:
 */
#define LOGIN_WINDOW		SIGNIN_WINDOW
#define LOGIN_MAX_CODES		5

struct session {
	int		 found;		/* a live session row */
	const char	*token;		/* set only when a cookie must be sent */
	const char	*token_hash;
	const char	*csrf;
	int64_t		 user_id;	/* 0: an anonymous visitor */
	const char	*username;
	enum role	 role;
	int64_t		 unread;	/* unread notifications, as loaded */
	const char	*vendor_status;	/* a vendor's standing, as stored */
	int		 two_factor;	/* the user has enrolled a TOTP app */
	int64_t		 pending_user;	/* password right, code still due */
	const char	*full_name;	/* the name they go by, or "" */
};

/* last_seen_at moves at most this often: no write on every request. */
#define SESSION_SEEN_EVERY	60
#define SESSION_UA_MAX		200	/* bytes of User-Agent kept */

/* One of a user's live sessions, for the sessions page. */
struct session_info {
	const char	*user_agent;
	const char	*ip;
	int64_t		 created_at;
	int64_t		 last_seen_at;
	int		 current;	/* the session asking */
};

enum login_result {
	LOGIN_OK,
	LOGIN_BAD_CREDENTIALS,
	LOGIN_BLOCKED,
	LOGIN_THROTTLED,
	LOGIN_NEEDS_CODE,	/* the password was right: now the app's code */
	LOGIN_NOTHING_PENDING,	/* a code with no password before it */
};

/* How long the code may take after the password. */
#define LOGIN_CODE_TTL		(5 * 60)

void	session_load(struct db *, struct arena *, const char *cookie,
	    struct session *);
void	session_start_anonymous(struct db *, struct arena *, struct session *);
enum login_result session_login(struct db *, struct arena *,
	    const struct actor *, const char *login, const char *password,
	    struct session *, int64_t *retry_after);
enum login_result session_login_code(struct db *, struct arena *,
	    const struct actor *, const char *code, struct session *,
	    int64_t *retry_after);
void	session_begin(struct db *, struct arena *, const struct actor *,
	    int64_t user_id, struct session *);
void	session_logout(struct db *, const struct actor *, struct session *);
int64_t	session_end_all(struct db *, int64_t user_id);
int64_t	session_end_others(struct db *, int64_t user_id, const char *keep_hash);
int64_t	session_revoke_others(struct db *, const struct actor *,
	    int64_t user_id, const char *keep_hash);
size_t	session_list(struct db *, struct arena *, int64_t user_id, enum role,
	    const char *current_hash, struct session_info **);
int64_t	session_idle_limit(struct db *, enum role);
int64_t	session_purge(struct db *);

#endif
