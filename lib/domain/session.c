/* session.c: sessions keyed by the SHA-256 of a random cookie token; sign-in, throttling, sign-out. */
#include <string.h>
#include <time.h>

#include "arena.h"
#include "audit.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "session.h"
#include "setting.h"
#include "twofactor.h"

static int
token_wellformed(const char *t)
{
	return t != NULL && strlen(t) == 2 * SESSION_TOKEN_BYTES &&
	    strspn(t, "0123456789abcdef") == 2 * SESSION_TOKEN_BYTES;
}

static void
session_clear(struct session *s)
{
	memset(s, 0, sizeof(*s));
}

static void	session_delete(struct db *, const char *);

/*
 * How long a signed-in session of this role may go unused: customers
 * and vendors days, staff minutes (settings idle_days_customer and
 * idle_minutes_staff).
 */
int64_t
session_idle_limit(struct db *db, enum role role)
{
	if (role & (ROLE_CUSTOMER | ROLE_VENDOR))
		return setting(db, SET_IDLE_DAYS_CUSTOMER) * 86400;
	return setting(db, SET_IDLE_MINUTES_STAFF) * 60;
}

/* Delete a session row, stepped by db_step or db_step_unless_full. */
static void
token_delete(struct db *db, const char *token_hash,
    enum db_step (*step)(sqlite3_stmt *))
{
	sqlite3_stmt	*st = db_prepare(db,
	    "DELETE FROM sessions WHERE token_hash = :h");

	db_bind_text(st, ":h", token_hash);
	step(st);
	db_done(st);
}

/*
 * A loaded session idle too long is deleted and treated as absent;
 * otherwise its last_seen_at moves when a minute or more has passed, so
 * a busy page costs no write per request.  Neither write may fail a
 * page on a full disk (db_step_unless_full): the idle session is
 * treated as absent all the same, and stays idle until it can go; a
 * last_seen_at left behind only moves the idle limit nearer.
 */
static void
session_keep_alive(struct db *db, struct session *s, int64_t last_seen)
{
	sqlite3_stmt	*st;
	int64_t		 now = clock_now();

	/* Seen within the minute: neither idle (limits are minutes) nor due. */
	if (now - last_seen < SESSION_SEEN_EVERY)
		return;
	if (now - last_seen > session_idle_limit(db, s->role)) {
		token_delete(db, s->token_hash, db_step_unless_full);
		session_clear(s);
		return;
	}
	st = db_prepare(db, "UPDATE sessions SET last_seen_at = :now "
	    "WHERE token_hash = :h");
	db_bind_int(st, ":now", now);
	db_bind_text(st, ":h", s->token_hash);
	db_step_unless_full(st);
	db_done(st);
}

/*
 * Find the live session for a cookie.  An unknown, expired or
 * malformed token, or one whose user is blocked, yields found = 0.
 * The user's count of unread notifications, which every page's header
 * shows, and a vendor's standing, which decides their header and the
 * pages they may open, come in the same statement: fewer reads of the
 * database per page.  A signed-in session idle for longer than its
 * role allows is ended here; one still in use has its last_seen_at
 * moved, at most once every SESSION_SEEN_EVERY seconds.
 */
void
session_load(struct db *db, struct arena *a, const char *cookie,
    struct session *s)
{
	sqlite3_stmt	*st;
	int64_t		 last_seen = 0;

	session_clear(s);
	if (!token_wellformed(cookie))
		return;
	st = db_prepare(db,
	    "SELECT s.csrf_token, s.user_id, u.username, u.role, "
	    "(SELECT count(*) FROM notifications n WHERE n.user_id = s.user_id "
	    "AND n.read_at IS NULL), p.status, t.enrolled_at IS NOT NULL, "
	    "CASE WHEN s.pending_until > :now THEN s.pending_user_id END, "
	    "coalesce(s.last_seen_at, s.created_at), u.full_name "
	    "FROM sessions s LEFT JOIN users u ON u.id = s.user_id "
	    "LEFT JOIN vendor_profiles p ON p.user_id = s.user_id "
	    "LEFT JOIN user_totp t ON t.user_id = s.user_id "
	    "WHERE s.token_hash = :h AND s.expires_at > unixepoch() "
	    "AND coalesce(u.is_blocked, 0) = 0");
	s->token_hash = crypto_sha256_hex(a, cookie, strlen(cookie));
	db_bind_text(st, ":h", s->token_hash);
	db_bind_int(st, ":now", clock_now());
	if (db_step(st) == DB_ROW) {
		s->found = 1;
		s->csrf = db_text(st, 0, a);
		s->user_id = db_int(st, 1);
		s->username = db_text(st, 2, a);
		s->role = role_parse(db_text_tmp(st, 3));
		s->unread = db_int(st, 4);
		s->vendor_status = db_text(st, 5, a);
		s->two_factor = db_int(st, 6) != 0;
		s->pending_user = db_int(st, 7);
		last_seen = db_int(st, 8);
		s->full_name = db_text(st, 9, a);
	}
	db_done(st);
	if (s->found && s->user_id > 0)
		session_keep_alive(db, s, last_seen);
}

/* Insert a new session row; the caller owns the transaction, if any. */
static void
session_insert(struct db *db, struct arena *a, int64_t user_id,
    struct session *s)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, "
	    "expires_at) VALUES (:h, :u, :c, unixepoch(), unixepoch() + :ttl)");

	s->token = crypto_token(a, SESSION_TOKEN_BYTES);
	s->token_hash = crypto_sha256_hex(a, s->token, strlen(s->token));
	s->csrf = crypto_token(a, SESSION_TOKEN_BYTES);
	s->user_id = user_id;
	s->found = 1;
	db_bind_text(st, ":h", s->token_hash);
	if (user_id > 0)
		db_bind_int(st, ":u", user_id);
	db_bind_text(st, ":c", s->csrf);
	db_bind_int(st, ":ttl", user_id > 0 ? SESSION_TTL : SESSION_ANON_TTL);
	if (db_step(st) != DB_DONE)
		log_fatal("session: insert refused");
	db_done(st);
}

static void
session_delete(struct db *db, const char *token_hash)
{
	token_delete(db, token_hash, db_step);
}

/* A visitor about to see a form gets a session to carry its CSRF token. */
void
session_start_anonymous(struct db *db, struct arena *a, struct session *s)
{
	session_clear(s);
	session_insert(db, a, 0, s);
}

/* Failures for a scope within the window, and when the oldest expires. */
static int64_t
failures(struct db *db, const char *scope, int64_t *oldest)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT count(*), min(at) FROM login_failures "
	    "WHERE scope = :s AND at > unixepoch() - :w");
	int64_t		 n;

	db_bind_text(st, ":s", scope);
	db_bind_int(st, ":w", LOGIN_WINDOW);
	db_step(st);
	n = db_int(st, 0);
	*oldest = db_int(st, 1);
	db_done(st);
	return n;
}

static void
failure_add(struct db *db, const char *scope)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO login_failures (scope, at) VALUES (:s, unixepoch())");

	db_bind_text(st, ":s", scope);
	db_step(st);
	db_done(st);
}

static void
failures_clear(struct db *db, const char *scope)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "DELETE FROM login_failures WHERE scope = :s OR at < "
	    "unixepoch() - :w");

	db_bind_text(st, ":s", scope);
	db_bind_int(st, ":w", LOGIN_WINDOW);
	db_step(st);
	db_done(st);
}

struct login_user {
	int64_t		 id;
	const char	*hash;
	int		 blocked;
	enum role	 role;
	const char	*username;
};

static int
user_by_login(struct db *db, struct arena *a, const char *login,
    struct login_user *u)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT id, password_hash, is_blocked, role, username FROM users "
	    "WHERE username = :l OR email = :l");
	int		 found = 0;

	memset(u, 0, sizeof(*u));
	db_bind_text(st, ":l", login);
	if (db_step(st) == DB_ROW) {
		u->id = db_int(st, 0);
		u->hash = db_text(st, 1, a);
		u->blocked = (int)db_int(st, 2);
		u->role = role_parse(db_text_tmp(st, 3));
		u->username = db_text(st, 4, a);
		found = 1;
	}
	db_done(st);
	return found;
}

/*
 * A hash to check against when the login names nobody, so an unknown
 * name costs as much time as a wrong password.
 */
static const char *
dummy_hash(void)
{
	static char	hash[CRYPTO_HASH_MAX];

	if (hash[0] == '\0' && crypto_password_hash("not a password", hash))
		log_fatal("session: cannot hash");
	return hash;
}

/* Wrong codes over the limit for the account or the address: seconds to wait, else 0. */
static int64_t
throttled(struct db *db, const char *acct_scope, const char *ip_scope)
{
	int64_t	oldest, wait = 0, now = clock_now();

	if (failures(db, acct_scope, &oldest) >= LOGIN_MAX_CODES)
		wait = oldest + LOGIN_WINDOW - now;
	else if (failures(db, ip_scope, &oldest) >=
	    setting(db, SET_LOGIN_FAILURES_PER_ADDRESS))
		wait = oldest + LOGIN_WINDOW - now;
	return wait > 0 ? wait : 0;
}

static void
login_failed(struct db *db, const struct actor *who, const struct login_user *u,
    const struct signin_scopes *scopes)
{
	db_begin(db);
	signin_failed(db, scopes, clock_now());
	audit_write(db, who, "session.login_failed", "user", u->id, NULL, NULL);
	db_commit(db);
}

/*
 * The User-Agent cut to SESSION_UA_MAX bytes, never inside a UTF-8
 * sequence, so the sessions page can name the device.
 */
static const char *
ua_cut(struct arena *a, const char *ua)
{
	size_t	n;
	char	*out;

	if (ua == NULL)
		return "";
	if ((n = strlen(ua)) <= SESSION_UA_MAX)
		return ua;
	n = SESSION_UA_MAX;
	while (n > 0 && ((unsigned char)ua[n] & 0xc0) == 0x80)
		n--;
	out = arena_alloc(a, n + 1);
	memcpy(out, ua, n);
	out[n] = '\0';
	return out;
}

/* Where a new signed-in session is: device, address, first seen now. */
static void
session_describe(struct db *db, struct arena *a, const struct actor *who,
    const struct session *s)
{
	sqlite3_stmt	*st = db_prepare(db, "UPDATE sessions SET "
	    "user_agent = :ua, ip = :ip, last_seen_at = :now "
	    "WHERE token_hash = :h");

	db_bind_text(st, ":ua", ua_cut(a, who->user_agent));
	db_bind_text(st, ":ip", who->ip != NULL ? who->ip : "");
	db_bind_int(st, ":now", clock_now());
	db_bind_text(st, ":h", s->token_hash);
	db_step(st);
	db_done(st);
}

/*
 * Replace the visitor's session (if any) with a new signed-in one: a new
 * token and CSRF secret at every sign-in.  Inside the caller's transaction.
 */
static void
session_rotate(struct db *db, struct arena *a, const struct actor *who,
    int64_t user_id, struct session *s)
{
	const char	*old = s->token_hash;

	if (old != NULL)
		session_delete(db, old);
	session_clear(s);
	session_insert(db, a, user_id, s);
	session_describe(db, a, who, s);
	audit_write(db, &(struct actor){ user_id, who->ip, who->user_agent },
	    "session.login", "user", user_id, NULL, NULL);
}

/*
 * The password was right and the account asks for a code: the visitor
 * gets a new anonymous session that remembers who, for LOGIN_CODE_TTL.
 * Inside the caller's transaction.
 */
static void
code_awaited(struct db *db, struct arena *a, const struct actor *who,
    int64_t user, struct session *s)
{
	sqlite3_stmt	*st;

	if (s->token_hash != NULL)
		session_delete(db, s->token_hash);
	session_clear(s);
	session_insert(db, a, 0, s);
	st = db_prepare(db, "UPDATE sessions SET pending_user_id = :u, "
	    "pending_until = :until WHERE token_hash = :h");
	db_bind_int(st, ":u", user);
	db_bind_int(st, ":until", clock_now() + LOGIN_CODE_TTL);
	db_bind_text(st, ":h", s->token_hash);
	db_step(st);
	db_done(st);
	s->pending_user = user;
	audit_write(db, &(struct actor){ user, who->ip, who->user_agent },
	    "session.code_asked", "user", user, NULL, NULL);
}

/* Sign in an account just created (registration), in one transaction. */
void
session_begin(struct db *db, struct arena *a, const struct actor *who,
    int64_t user_id, struct session *s)
{
	db_begin(db);
	session_rotate(db, a, who, user_id, s);
	db_commit(db);
}

/*
 * Sign in with a username or email.  The password is checked before any
 * write lock is taken; on success the session is rotated.
 */
enum login_result
session_login(struct db *db, struct arena *a, const struct actor *who,
    const char *login, const char *password, struct session *s,
    int64_t *retry_after)
{
	struct login_user	 u;
	struct twofactor_state	 tf;
	struct signin_scopes	 scopes;
	const char		*hash;
	int			 ok;

	*retry_after = 0;
	signin_scopes(a, user_by_login(db, a, login, &u) ?
	    arena_printf(a, "user:%lld", (long long)u.id) :
	    arena_printf(a, "name:%s", login), who->ip, &scopes);
	if ((*retry_after = signin_wait(db, &scopes, clock_now())) > 0)
		return LOGIN_THROTTLED;
	/*
	 * An account with no usable password (invited, or reset by a super
	 * admin: "!") costs a whole scrypt too, so the time taken does not
	 * tell an attacker which accounts are in that state.
	 */
	hash = u.id != 0 && strncmp(u.hash, "scrypt$", 7) == 0 ? u.hash :
	    dummy_hash();
	ok = crypto_password_verify(password, hash);
	if (ok != 1 || hash != u.hash) {
		login_failed(db, who, &u, &scopes);
		return LOGIN_BAD_CREDENTIALS;
	}
	if (u.blocked)
		return LOGIN_BLOCKED;
	twofactor_state(db, u.id, &tf);
	db_begin(db);
	signin_passed(db, &scopes);
	if (tf.enrolled) {
		code_awaited(db, a, who, u.id, s);
		db_commit(db);
		return LOGIN_NEEDS_CODE;
	}
	session_rotate(db, a, who, u.id, s);
	db_commit(db);
	s->username = u.username;
	s->role = u.role;
	return LOGIN_OK;
}

/*
 * The second step: the code from the app (or a recovery code) for the
 * account whose password this session gave.  Wrong codes count against
 * the account and the address like wrong passwords: the sixth in the
 * window is throttled.  On success the session is rotated, signed in.
 */
enum login_result
session_login_code(struct db *db, struct arena *a, const struct actor *who,
    const char *code, struct session *s, int64_t *retry_after)
{
	struct account	 acct;
	const char	*scope, *ip_scope;
	int64_t		 user = s->pending_user;

	*retry_after = 0;
	if (user == 0 || !account_get(db, a, user, &acct))
		return LOGIN_NOTHING_PENDING;
	if (acct.blocked)
		return LOGIN_BLOCKED;
	scope = arena_printf(a, "code:user:%lld", (long long)user);
	ip_scope = arena_printf(a, "ip:%s", who->ip);
	if ((*retry_after = throttled(db, scope, ip_scope)) > 0)
		return LOGIN_THROTTLED;
	if (twofactor_check(db, a, &(struct actor){ user, who->ip,
	    who->user_agent }, user, code) != TF_OK) {
		db_begin(db);
		failure_add(db, scope);
		failure_add(db, ip_scope);
		audit_write(db, who, "session.code_wrong", "user", user, NULL,
		    NULL);
		db_commit(db);
		return LOGIN_BAD_CREDENTIALS;
	}
	db_begin(db);
	failures_clear(db, scope);
	session_rotate(db, a, who, user, s);
	db_commit(db);
	s->username = acct.username;
	s->role = acct.role;
	s->two_factor = 1;
	return LOGIN_OK;
}

void
session_logout(struct db *db, const struct actor *who, struct session *s)
{
	db_begin(db);
	session_delete(db, s->token_hash);
	if (s->user_id > 0)
		audit_write(db, who, "session.logout", "user", s->user_id,
		    NULL, NULL);
	db_commit(db);
	session_clear(s);
}

/*
 * End every session of an account at once (blocked, its role changed,
 * its password reset by an administrator): the next request of each of
 * its browsers is a visitor's.  Inside the caller's transaction;
 * returns how many ended.
 */
int64_t
session_end_all(struct db *db, int64_t user_id)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "DELETE FROM sessions WHERE user_id = :u");

	db_bind_int(st, ":u", user_id);
	db_step(st);
	db_done(st);
	return db_changes(db);
}

/*
 * End every session of an account but the one asking (a password
 * changed, "sign out everywhere else").  Inside the caller's
 * transaction; returns how many ended.
 */
int64_t
session_end_others(struct db *db, int64_t user_id, const char *keep_hash)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "DELETE FROM sessions WHERE user_id = :u AND token_hash <> :h");

	db_bind_int(st, ":u", user_id);
	db_bind_text(st, ":h", keep_hash);
	db_step(st);
	db_done(st);
	return db_changes(db);
}

/* "Sign out everywhere else": one audited transaction; how many ended. */
int64_t
session_revoke_others(struct db *db, const struct actor *who, int64_t user_id,
    const char *keep_hash)
{
	int64_t	ended;

	db_begin(db);
	ended = session_end_others(db, user_id, keep_hash);
	audit_write(db, who, "session.revoke_others", "user", user_id, NULL,
	    json_pack("{s:I}", "sessions_ended", (json_int_t)ended));
	db_commit(db);
	return ended;
}

/*
 * The user's live sessions, the one asking first, then by last use;
 * sessions_user finds them.  Returns how many.
 */
size_t
session_list(struct db *db, struct arena *a, int64_t user_id, enum role role,
    const char *current_hash, struct session_info **out)
{
	sqlite3_stmt		*st = db_prepare(db,
	    "SELECT user_agent, ip, created_at, coalesce(last_seen_at, "
	    "created_at) AS seen, token_hash = :h FROM sessions "
	    "WHERE user_id = :u AND expires_at > :now AND "
	    "coalesce(last_seen_at, created_at) >= :idle "
	    "ORDER BY token_hash = :h DESC, seen DESC LIMIT 100");
	struct session_info	*list = arena_alloc(a, 100 * sizeof(*list));
	int64_t			 now = clock_now();
	size_t			 n = 0;

	db_bind_text(st, ":h", current_hash);
	db_bind_int(st, ":u", user_id);
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":idle", now - session_idle_limit(db, role));
	while (n < 100 && db_step(st) == DB_ROW) {
		list[n].user_agent = db_text(st, 0, a);
		list[n].ip = db_text(st, 1, a);
		list[n].created_at = db_int(st, 2);
		list[n].last_seen_at = db_int(st, 3);
		list[n].current = db_int(st, 4) != 0;
		n++;
	}
	db_done(st);
	*out = list;
	return n;
}

/* Drop expired sessions and old failure records; returns sessions removed. */
int64_t
session_purge(struct db *db)
{
	sqlite3_stmt	*st;
	int64_t		 n;

	db_begin(db);
	st = db_prepare(db, "DELETE FROM sessions WHERE expires_at <= unixepoch()");
	db_step(st);
	db_done(st);
	n = db_changes(db);
	st = db_prepare(db, "DELETE FROM login_failures WHERE at < "
	    "unixepoch() - :w");
	db_bind_int(st, ":w", LOGIN_WINDOW);
	db_step(st);
	db_done(st);
	db_commit(db);
	return n;
}
