/* profile.c: a person's own changes to their account: name (freely), email and mobile number (with the current password), and a new password that signs out every other session; each audited without secrets. */
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "account.h"
#include "arena.h"
#include "audit.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "notify.h"
#include "profile.h"
#include "session.h"
#include "setting.h"
#include "throttle.h"

/*
 * The current password, asked again before a change that could take
 * the account over: PROFILE_OK, PROFILE_WRONG_PASSWORD, or, after
 * login_failures_per_pair wrong ones in PROFILE_REAUTH_WINDOW,
 * PROFILE_PASSWORD_HELD without even checking it, so that someone
 * holding a stolen session cannot guess it here; the right one forgives
 * the wrong ones before it.  The hashing is done outside any lock.
 */
enum profile_result
profile_reauth(struct db *db, struct arena *a, int64_t user,
    const char *password)
{
	const char	*hash;
	const char	*scope = arena_printf(a, "reauth:%lld", (long long)user);
	int64_t		 now = clock_now();

	if (throttle_count(db, scope, now - PROFILE_REAUTH_WINDOW, NULL) >=
	    setting(db, SET_LOGIN_FAILURES_PER_PAIR))
		return PROFILE_PASSWORD_HELD;
	hash = account_password_hash(db, a, user);
	if (strncmp(hash, "scrypt$", 7) == 0 &&
	    crypto_password_verify(password, hash) == 1) {
		throttle_forget(db, scope);
		return PROFILE_OK;
	}
	throttle_hit(db, scope, now);
	return PROFILE_WRONG_PASSWORD;
}

static int
email_taken(struct db *db, const char *email, int64_t user)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT 1 FROM users WHERE email = :e AND id <> :u");
	int		 taken;

	db_bind_text(st, ":e", email);
	db_bind_int(st, ":u", user);
	taken = db_step(st) == DB_ROW;
	db_done(st);
	return taken;
}

static void
profile_store(struct db *db, int64_t user, const struct profile_change *in)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE users SET full_name = :n, email = :e, phone = :p, "
	    "updated_at = :now WHERE id = :u");

	db_bind_text(st, ":n", in->full_name);
	db_bind_text(st, ":e", in->email);
	db_bind_text(st, ":p", in->phone);
	db_bind_int(st, ":now", clock_now());
	db_bind_int(st, ":u", user);
	if (db_step(st) != DB_DONE)
		log_fatal("profile: update refused for a checked account");
	db_done(st);
}

/* The audit's old and new values: only the fields that changed. */
static void
profile_audit(struct db *db, const struct actor *who, int64_t user,
    const struct account *old, const struct profile_change *in)
{
	static const char *const names[] = { "full_name", "email", "phone" };
	const char	*was[] = { old->full_name, old->email, old->phone };
	const char	*now[] = { in->full_name, in->email, in->phone };
	json_t		*o = json_object(), *n = json_object();
	size_t		 i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(was[i], now[i]) != 0) {
			json_object_set_new(o, names[i], json_string(was[i]));
			json_object_set_new(n, names[i], json_string(now[i]));
		}
	audit_write(db, who, "account.update", "user", user, o, n);
}

/*
 * Save the account form.  The name changes freely; a new email or
 * mobile number needs the current password, checked before the write
 * lock.  A vendor's number, verified by a code, is not changed here.
 */
enum profile_result
profile_update(struct db *db, struct arena *a, const struct actor *who,
    int64_t user, const struct profile_change *in)
{
	struct account		old;
	int			email_new, phone_new;
	enum profile_result	rc;

	if (!account_get(db, a, user, &old))
		log_fatal("profile: signed-in account %lld missing",
		    (long long)user);
	/* Emails are kept lower-case; an old mixed-case one is no change. */
	email_new = strcasecmp(old.email, in->email) != 0;
	phone_new = strcmp(old.phone, in->phone) != 0;
	if (!email_new && !phone_new && strcmp(old.email, in->email) == 0 &&
	    strcmp(old.full_name, in->full_name) == 0)
		return PROFILE_UNCHANGED;
	if (phone_new && old.role == ROLE_VENDOR)
		return PROFILE_PHONE_LOCKED;
	if ((email_new || phone_new) &&
	    (rc = profile_reauth(db, a, user, in->password)) != PROFILE_OK)
		return rc;
	db_begin(db);
	if (email_new && email_taken(db, in->email, user)) {
		db_rollback(db);
		return PROFILE_EMAIL_TAKEN;
	}
	profile_store(db, user, in);
	profile_audit(db, who, user, &old, in);
	db_commit(db);
	return PROFILE_OK;
}

/* Told like a reset: by email always, and in the app. */
static void
password_changed_send(struct db *db, struct arena *a, int64_t user,
    int64_t now)
{
	struct notice	n;

	memset(&n, 0, sizeof(n));
	n.user_id = user;
	n.kind = OUTBOX_SECURITY;
	n.subject = "Your HomeServe password was changed";
	n.text = "The password of your HomeServe account was just changed "
	    "from your account page, and every other place you were signed "
	    "in was signed out. If this was not you, reset it at once with "
	    "the link below and tell us.";
	n.link = "/password/forgot";
	n.email = "email_notice";
	notify_send(db, a, &n, now);
}

/*
 * A new password, given the current one: hashed before the write lock,
 * stored with every other session of the account ended (*ended says how
 * many) and the owner told.  A current password refused (profile_reauth)
 * changes nothing.
 */
enum profile_result
profile_password_change(struct db *db, struct arena *a,
    const struct actor *who, int64_t user, const char *current,
    const char *password, const char *keep_session, int64_t *ended)
{
	char			 hash[CRYPTO_HASH_MAX];
	sqlite3_stmt		*st;
	int64_t			 now = clock_now();
	enum profile_result	 rc;

	*ended = 0;
	if ((rc = profile_reauth(db, a, user, current)) != PROFILE_OK)
		return rc;
	if (crypto_password_hash(password, hash))
		log_fatal("profile: cannot hash a password");
	db_begin(db);
	st = db_prepare(db, "UPDATE users SET password_hash = :h, "
	    "updated_at = :now WHERE id = :u");
	db_bind_text(st, ":h", hash);
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":u", user);
	db_step(st);
	db_done(st);
	*ended = session_end_others(db, user, keep_session);
	audit_write(db, who, "password.change", "user", user, NULL,
	    json_pack("{s:I}", "sessions_ended", (json_int_t)*ended));
	password_changed_send(db, a, user, now);
	db_commit(db);
	explicit_bzero(hash, sizeof(hash));
	return PROFILE_OK;
}
