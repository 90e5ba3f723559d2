/* reset.c: the forgot-password request (throttled, silent about who has an account), a super admin's links (a forced reset, a staff invitation), and setting a password from a link. */
#include <ctype.h>
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "notify.h"
#include "reset.h"
#include "session.h"
#include "setting.h"
#include "signin.h"
#include "throttle.h"

struct reset_user {
	int64_t		 id;
	int		 blocked;
};

static int
user_by_email(struct db *db, const char *email, struct reset_user *u)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT id, is_blocked FROM users WHERE email = :e");
	int		 found = 0;

	db_bind_text(st, ":e", email);
	if (db_step(st) == DB_ROW) {
		u->id = db_int(st, 0);
		u->blocked = (int)db_int(st, 1);
		found = 1;
	}
	db_done(st);
	return found;
}

static const char *
lower(struct arena *a, const char *s)
{
	char	*p = arena_strdup(a, s), *q;

	for (q = p; *q != '\0'; q++)
		*q = (char)tolower((unsigned char)*q);
	return p;
}

/* What the password's change is told as, once a link set it. */
static const char changed_text[] = "The password of your HomeServe account "
    "was just changed with a reset link, and every place you were signed "
    "in was signed out. If this was not you, reset it again at once with "
    "the link below and tell us.";

/*
 * Each purpose of a link: its stored name, its life, its email's
 * templates, and what is said once it sets the password (NULL: nothing,
 * as for a first password).
 */
static const struct {
	const char	*name;
	int64_t		 ttl;
	const char	*email;
	const char	*changed;
} purposes[RESET_PURPOSE__MAX] = {
	[RESET_FORGOT] = { "forgot", RESET_TTL, "email_reset", changed_text },
	[RESET_FORCED] = { "forced", RESET_TTL, "email_reset", changed_text },
	[RESET_INVITED] = { "invited", RESET_INVITE_TTL, "email_invite", NULL },
};

static enum reset_purpose
purpose_parse(const char *s)
{
	int	i;

	for (i = 0; i < RESET_PURPOSE__MAX; i++)
		if (strcmp(purposes[i].name, s) == 0)
			return (enum reset_purpose)i;
	return RESET_FORGOT;
}

/*
 * A new link for the user; the token exists only in the email.  A super
 * admin's link is the only one that works: earlier ones are spent.
 */
static const char *
link_insert(struct db *db, struct arena *a, int64_t user,
    enum reset_purpose purpose, const char *ip, int64_t now)
{
	sqlite3_stmt	*st;
	const char	*token = crypto_token(a, RESET_TOKEN_BYTES);

	if (purpose != RESET_FORGOT) {
		st = db_prepare(db, "UPDATE password_resets SET used_at = :now "
		    "WHERE user_id = :u AND used_at IS NULL");
		db_bind_int(st, ":now", now);
		db_bind_int(st, ":u", user);
		db_step(st);
		db_done(st);
	}
	st = db_prepare(db, "INSERT INTO password_resets (token_hash, user_id, "
	    "created_at, expires_at, ip, purpose) VALUES (:h, :u, :now, :exp, "
	    ":ip, :p)");
	db_bind_text(st, ":h", crypto_sha256_hex(a, token, strlen(token)));
	db_bind_int(st, ":u", user);
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":exp", now + purposes[purpose].ttl);
	db_bind_text(st, ":ip", ip != NULL ? ip : "");
	db_bind_text(st, ":p", purposes[purpose].name);
	if (db_step(st) != DB_DONE)
		log_fatal("reset: insert refused");
	db_done(st);
	return token;
}

/* The link's email (and an SMS without it), through the outbox. */
static void
link_mail(struct db *db, struct arena *a, int64_t user,
    const struct reset_link *l, const char *token, int64_t now)
{
	struct notice	 n;

	memset(&n, 0, sizeof(n));
	n.user_id = user;
	n.kind = OUTBOX_SECURITY;
	n.subject = l->subject;
	n.text = l->text;
	n.link = arena_printf(a, "/password/reset/%s", token);
	n.email = purposes[l->purpose].email;
	n.sms = l->sms;
	n.sms_link = 0;
	notify_send(db, a, &n, now);
}

/* The forgot form's link, emailed, with its audit row. */
static void
link_send(struct db *db, struct arena *a, const struct actor *who,
    int64_t user, int64_t now)
{
	static const struct reset_link	forgot = { RESET_FORGOT,
	    "Reset your HomeServe password", "Someone asked to reset the "
	    "password of your HomeServe account. If it was you, choose a new "
	    "password with the link below within an hour. If not, ignore this "
	    "email: your password stays as it is.", NULL };

	link_mail(db, a, user, &forgot, link_insert(db, a, user, RESET_FORGOT,
	    who->ip, now), now);
	audit_write(db, who, "password.reset_requested", "user", user, NULL,
	    NULL);
}

/* A new password hash (or RESET_NO_PASSWORD), in the caller's transaction. */
static void
hash_store(struct db *db, int64_t user, const char *hash, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE users SET password_hash = :h, updated_at = :now "
	    "WHERE id = :u");

	db_bind_text(st, ":h", hash);
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":u", user);
	db_step(st);
	db_done(st);
}

/*
 * A super admin's link, inside the caller's transaction, which writes
 * the audit row: a forced reset first makes the password stop working
 * and ends every session of the account; an invitation's account has
 * no password yet.
 */
void
reset_link_send(struct db *db, struct arena *a, int64_t user,
    const struct reset_link *l, const char *ip, int64_t now)
{
	if (l->purpose == RESET_FORCED) {
		hash_store(db, user, RESET_NO_PASSWORD, now);
		session_end_all(db, user);
	}
	link_mail(db, a, user, l, link_insert(db, a, user, l->purpose, ip, now),
	    now);
}

/*
 * The forgot form.  Whether or not the address has an account, the
 * answer is the same; only the client's own flood is refused (429,
 * *retry_after seconds).  An address asked for too often gets no more
 * links for the hour, silently, so nobody can mail-bomb it from here.
 */
enum reset_request
reset_request(struct db *db, struct arena *a, const struct actor *who,
    const char *email, int64_t now, int64_t *retry_after)
{
	const char		*ip_scope, *email_scope;
	struct reset_user	 u;
	int64_t			 oldest;

	ip_scope = arena_printf(a, "reset-ip:%s", who->ip);
	email_scope = arena_printf(a, "reset-email:%s", lower(a, email));
	db_begin(db);
	if (throttle_count(db, ip_scope, now - RESET_WINDOW + 1, &oldest) >=
	    setting(db, SET_RESET_PER_IP_HOUR)) {
		db_rollback(db);
		*retry_after = oldest + RESET_WINDOW - now;
		return RESET_THROTTLED;
	}
	throttle_hit(db, ip_scope, now);
	if (throttle_count(db, email_scope, now - RESET_WINDOW + 1, NULL) <
	    setting(db, SET_RESET_PER_EMAIL_HOUR)) {
		throttle_hit(db, email_scope, now);
		if (user_by_email(db, email, &u) && !u.blocked)
			link_send(db, a, who, u.id, now);
	}
	db_commit(db);
	return RESET_REQUESTED;
}

static int
token_wellformed(const char *t)
{
	return strlen(t) == 2 * RESET_TOKEN_BYTES &&
	    strspn(t, "0123456789abcdef") == 2 * RESET_TOKEN_BYTES;
}

/* What a link is worth now, whose it is, and what it is for. */
static enum reset_result
lookup(struct db *db, struct arena *a, const char *token, int64_t now,
    int64_t *user, enum reset_purpose *purpose)
{
	sqlite3_stmt		*st = db_prepare(db,
	    "SELECT r.user_id, r.expires_at, r.used_at IS NOT NULL, "
	    "u.is_blocked, r.purpose FROM password_resets r "
	    "JOIN users u ON u.id = r.user_id WHERE r.token_hash = :h");
	enum reset_result	 rc = RESET_UNKNOWN;

	*purpose = RESET_FORGOT;
	if (!token_wellformed(token))
		return RESET_UNKNOWN;
	db_bind_text(st, ":h", crypto_sha256_hex(a, token, strlen(token)));
	if (db_step(st) == DB_ROW) {
		*user = db_int(st, 0);
		*purpose = purpose_parse(db_text_tmp(st, 4));
		rc = db_int(st, 3) ? RESET_UNKNOWN : db_int(st, 2) ?
		    RESET_USED : db_int(st, 1) <= now ? RESET_EXPIRED : RESET_OK;
	}
	db_done(st);
	return rc;
}

/* What a link is worth now; *purpose (if wanted) says what it is for. */
enum reset_result
reset_check(struct db *db, struct arena *a, const char *token, int64_t now,
    enum reset_purpose *purpose)
{
	enum reset_purpose	p;
	int64_t			user;

	return lookup(db, a, token, now, &user, purpose != NULL ? purpose : &p);
}

/*
 * The username and email of the account a working link is for, so the
 * new password can be refused if it contains either; NULL when the
 * link does not work.
 */
void
reset_names(struct db *db, struct arena *a, const char *token, int64_t now,
    const char **username, const char **email)
{
	sqlite3_stmt		*st;
	enum reset_purpose	 p;
	int64_t			 user;

	*username = *email = NULL;
	if (lookup(db, a, token, now, &user, &p) != RESET_OK)
		return;
	st = db_prepare(db, "SELECT username, email FROM users WHERE id = :u");
	db_bind_int(st, ":u", user);
	if (db_step(st) == DB_ROW) {
		*username = db_text(st, 0, a);
		*email = db_text(st, 1, a);
	}
	db_done(st);
}

/*
 * Inside the reset's transaction: the new hash, the links spent, every
 * session ended.
 */
static void
password_set(struct db *db, struct arena *a, int64_t user, const char *hash,
    int64_t now)
{
	sqlite3_stmt	*st;

	hash_store(db, user, hash, now);
	st = db_prepare(db, "UPDATE password_resets SET used_at = :now "
	    "WHERE user_id = :u AND used_at IS NULL");
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":u", user);
	db_step(st);
	db_done(st);
	st = db_prepare(db, "DELETE FROM sessions WHERE user_id = :u");
	db_bind_int(st, ":u", user);
	db_step(st);
	db_done(st);
	/*
	 * A fresh link always works: the owner signs in at once, wherever
	 * the failures at the account (theirs or an attacker's) came from.
	 */
	signin_forget(db, a, user);
}

static void
changed_send(struct db *db, struct arena *a, int64_t user,
    enum reset_purpose purpose, int64_t now)
{
	struct notice	n;

	if (purposes[purpose].changed == NULL)
		return;
	memset(&n, 0, sizeof(n));
	n.user_id = user;
	n.kind = OUTBOX_SECURITY;
	n.subject = "Your HomeServe password was changed";
	n.text = purposes[purpose].changed;
	n.link = "/password/forgot";
	n.email = "email_notice";
	notify_send(db, a, &n, now);
}

/*
 * Set a new password from a link: checked again under the write lock,
 * so a link works once however many tabs submit it.  The password is
 * hashed before the lock is taken.
 */
enum reset_result
reset_complete(struct db *db, struct arena *a, const struct actor *who,
    const char *token, const char *password, int64_t now)
{
	char			 hash[CRYPTO_HASH_MAX];
	enum reset_result	 rc;
	enum reset_purpose	 purpose;
	int64_t			 user = 0;

	if (!token_wellformed(token))
		return RESET_UNKNOWN;
	if (crypto_password_hash(password, hash))
		log_fatal("reset: cannot hash a password");
	db_begin(db);
	if ((rc = lookup(db, a, token, now, &user, &purpose)) != RESET_OK) {
		db_rollback(db);
		return rc;
	}
	password_set(db, a, user, hash, now);
	audit_write(db, &(struct actor){ user, who->ip, who->user_agent },
	    "password.reset", "user", user, NULL, NULL);
	changed_send(db, a, user, purpose, now);
	db_commit(db);
	explicit_bzero(hash, sizeof(hash));
	return RESET_OK;
}
