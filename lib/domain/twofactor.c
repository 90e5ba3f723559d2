/* twofactor.c: the TOTP secret of an account, sealed with a key made from the server key; enrolment with a first code; recovery codes kept as keyed hashes; each code usable once. */
#include <ctype.h>
#include <string.h>

#include "account.h"
#include "appkey.h"
#include "arena.h"
#include "audit.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "notify.h"
#include "outbox.h"
#include "setting.h"
#include "totp.h"
#include "twofactor.h"

#define SEALED_BYTES	(TOTP_SECRET_BYTES + CRYPTO_SEAL_OVERHEAD)
#define RECOVERY_LEN	10	/* characters, shown as two groups of five */

/* No 0/o, 1/l/i: a code read off paper is typed right. */
static const char	recovery_alphabet[] = "23456789abcdefghjkmnpqrstuvwxyz";

struct totp_row {
	int		 found;
	int		 readable;	/* opened with this server's key */
	unsigned char	 secret[TOTP_SECRET_BYTES];
	int64_t		 enrolled_at;	/* 0: waiting for the first code */
	int64_t		 last_step;
};

static void
seal_key(unsigned char key[CRYPTO_SEAL_KEY])
{
	static const char	purpose[] = "homeserve two-factor secret v1";

	appkey_mac(purpose, sizeof(purpose) - 1, key);
}

static void
row_load(struct db *db, int64_t user, struct totp_row *r)
{
	sqlite3_stmt	*st = db_prepare(db, "SELECT secret, "
	    "coalesce(enrolled_at, 0), last_step FROM user_totp "
	    "WHERE user_id = :u");
	unsigned char	 sealed[SEALED_BYTES], key[CRYPTO_SEAL_KEY];

	memset(r, 0, sizeof(*r));
	db_bind_int(st, ":u", user);
	if (db_step(st) == DB_ROW) {
		r->found = 1;
		seal_key(key);
		r->readable = crypto_unhex(db_text_tmp(st, 0), sealed,
		    sizeof(sealed)) == 0 && crypto_open(key, sealed,
		    sizeof(sealed), r->secret) == 0;
		r->enrolled_at = db_int(st, 1);
		r->last_step = db_int(st, 2);
		crypto_wipe(key, sizeof(key));
		if (!r->readable)
			log_error("twofactor: the secret of user %lld does not "
			    "open with this server's key", (long long)user);
	}
	db_done(st);
}

void
twofactor_state(struct db *db, int64_t user, struct twofactor_state *s)
{
	sqlite3_stmt	*st = db_prepare(db, "SELECT t.enrolled_at, "
	    "(SELECT count(*) FROM recovery_codes r WHERE r.user_id = t.user_id "
	    "AND r.used_at IS NULL) FROM user_totp t "
	    "WHERE t.user_id = :u AND t.enrolled_at IS NOT NULL");

	memset(s, 0, sizeof(*s));
	db_bind_int(st, ":u", user);
	if (db_step(st) == DB_ROW) {
		s->enrolled = 1;
		s->enrolled_at = db_int(st, 0);
		s->recovery_left = db_int(st, 1);
	}
	db_done(st);
}

/* The account's secret and recovery codes, gone. */
static void
rows_delete(struct db *db, int64_t user)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "DELETE FROM user_totp WHERE user_id = :u");

	db_bind_int(st, ":u", user);
	db_step(st);
	db_done(st);
	st = db_prepare(db, "DELETE FROM recovery_codes WHERE user_id = :u");
	db_bind_int(st, ":u", user);
	db_step(st);
	db_done(st);
}

static void
secret_insert(struct db *db, int64_t user, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db, "INSERT INTO user_totp (user_id, "
	    "secret, created_at) VALUES (:u, :s, :now) "
	    "ON CONFLICT (user_id) DO NOTHING");
	unsigned char	 secret[TOTP_SECRET_BYTES], sealed[SEALED_BYTES];
	unsigned char	 key[CRYPTO_SEAL_KEY];
	char		 hex[2 * SEALED_BYTES + 1];

	crypto_random(secret, sizeof(secret));
	seal_key(key);
	crypto_seal(key, secret, sizeof(secret), sealed);
	crypto_hex(sealed, sizeof(sealed), hex);
	crypto_wipe(secret, sizeof(secret));
	crypto_wipe(key, sizeof(key));
	db_bind_int(st, ":u", user);
	db_bind_text(st, ":s", hex);
	db_bind_int(st, ":now", now);
	db_step(st);
	db_done(st);
}

/*
 * The secret waiting for its first code, in base32 for an
 * authenticator app, made now if there is none; NULL once enrolled.
 */
const char *
twofactor_pending(struct db *db, struct arena *a, int64_t user)
{
	struct totp_row	 r;
	const char	*b32;

	row_load(db, user, &r);
	if (r.found && r.enrolled_at != 0)
		return NULL;
	if (!r.found || !r.readable) {
		db_begin(db);
		if (r.found)	/* sealed with another key: start again */
			rows_delete(db, user);
		secret_insert(db, user, clock_now());
		db_commit(db);
		row_load(db, user, &r);
	}
	b32 = totp_base32(a, r.secret, sizeof(r.secret));
	crypto_wipe(r.secret, sizeof(r.secret));
	return b32;
}

char *
twofactor_uri(struct arena *a, const char *secret, const char *username)
{
	return totp_uri(a, TWOFACTOR_ISSUER, username, secret);
}

/* A code as typed: without spaces and hyphens, lower case. */
static char *
code_clean(struct arena *a, const char *code)
{
	char	*s = arena_strdup(a, code != NULL ? code : ""), *p;

	totp_normalise(s);
	for (p = s; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

static char *
recovery_hash(struct arena *a, const char *clean)
{
	unsigned char	 mac[CRYPTO_SHA256_LEN];
	char		*hex = arena_alloc(a, 2 * sizeof(mac) + 1);
	char		*msg = arena_printf(a, "recovery code:%s", clean);

	appkey_mac(msg, strlen(msg), mac);
	crypto_hex(mac, sizeof(mac), hex);
	return hex;
}

/* One code of RECOVERY_LEN, evenly from the alphabet: "k3m9p-x7q2w". */
static char *
recovery_make(struct arena *a, char *clean)
{
	unsigned char	b;
	size_t		n = 0, m = sizeof(recovery_alphabet) - 1;

	while (n < RECOVERY_LEN) {
		crypto_random(&b, 1);
		if (b < 256 / m * m)	/* no bias towards the first letters */
			clean[n++] = recovery_alphabet[b % m];
	}
	clean[n] = '\0';
	return arena_printf(a, "%.5s-%s", clean, clean + 5);
}

/* Ten new codes in place of any old ones; *shown gets them, once. */
static void
recovery_replace(struct db *db, struct arena *a, int64_t user, int64_t now,
    char ***shown)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "DELETE FROM recovery_codes WHERE user_id = :u");
	char		 clean[RECOVERY_LEN + 1];
	size_t		 i;

	db_bind_int(st, ":u", user);
	db_step(st);
	db_done(st);
	*shown = arena_alloc(a, sizeof(**shown) * TWOFACTOR_RECOVERY_CODES);
	for (i = 0; i < TWOFACTOR_RECOVERY_CODES; i++) {
		(*shown)[i] = recovery_make(a, clean);
		st = db_prepare(db, "INSERT INTO recovery_codes (user_id, "
		    "code_hash, created_at) VALUES (:u, :h, :now)");
		db_bind_int(st, ":u", user);
		db_bind_text(st, ":h", recovery_hash(a, clean));
		db_bind_int(st, ":now", now);
		if (db_step(st) != DB_DONE)
			log_fatal("twofactor: recovery code refused");
		db_done(st);
	}
	crypto_wipe(clean, sizeof(clean));
}

static void
security_tell(struct db *db, struct arena *a, int64_t user,
    const char *subject, const char *text, int64_t now)
{
	notify_post(db, a, user, 0, "/account/2fa", OUTBOX_SECURITY, subject,
	    text, now);
}

/*
 * The first code from the app proves it holds the secret: the account
 * is enrolled, and ten recovery codes are made and handed back to be
 * shown once.  409 nothing waiting, 422 a wrong code.
 */
enum twofactor_result
twofactor_enrol(struct db *db, struct arena *a, const struct actor *who,
    int64_t user, const char *code, char ***recovery)
{
	struct totp_row	 r;
	sqlite3_stmt	*st;
	int64_t		 now = clock_now(), step;
	int		 ok;

	db_begin(db);
	row_load(db, user, &r);
	if (!r.found || !r.readable || r.enrolled_at != 0) {
		db_rollback(db);
		return TF_NOT_PENDING;
	}
	ok = totp_verify(r.secret, sizeof(r.secret), code_clean(a, code), now,
	    r.last_step, &step);
	crypto_wipe(r.secret, sizeof(r.secret));
	if (!ok) {
		db_rollback(db);
		return TF_WRONG_CODE;
	}
	st = db_prepare(db, "UPDATE user_totp SET enrolled_at = :now, "
	    "last_step = :step WHERE user_id = :u");
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":step", step);
	db_bind_int(st, ":u", user);
	db_step(st);
	db_done(st);
	recovery_replace(db, a, user, now, recovery);
	audit_write(db, who, "2fa.enrolled", "user", user, NULL, NULL);
	security_tell(db, a, user, "Two-factor sign-in is on",
	    "Two-factor sign-in is now on for your HomeServe account: signing "
	    "in asks for a code from your authenticator app. If this was not "
	    "you, reset your password at once and tell us.", now);
	db_commit(db);
	return TF_OK;
}

/* A TOTP code, each 30-second step usable once, however many tabs try. */
static enum twofactor_result
totp_use(struct db *db, int64_t user, const char *clean, int64_t now)
{
	struct totp_row	 r;
	sqlite3_stmt	*st;
	int64_t		 step;
	int		 ok;

	row_load(db, user, &r);
	if (!r.found || r.enrolled_at == 0)
		return TF_NOT_ENROLLED;
	ok = r.readable && totp_verify(r.secret, sizeof(r.secret), clean, now,
	    r.last_step, &step);
	crypto_wipe(r.secret, sizeof(r.secret));
	if (!ok)
		return TF_WRONG_CODE;
	st = db_prepare(db, "UPDATE user_totp SET last_step = :step "
	    "WHERE user_id = :u AND last_step < :step");
	db_bind_int(st, ":step", step);
	db_bind_int(st, ":u", user);
	db_step(st);
	db_done(st);
	return db_changes(db) == 1 ? TF_OK : TF_WRONG_CODE;
}

static enum twofactor_result
recovery_use(struct db *db, struct arena *a, const struct actor *who,
    int64_t user, const char *clean, int64_t now)
{
	struct twofactor_state	 s;
	sqlite3_stmt		*st = db_prepare(db, "UPDATE recovery_codes "
	    "SET used_at = :now WHERE user_id = :u AND code_hash = :h "
	    "AND used_at IS NULL");

	db_bind_int(st, ":now", now);
	db_bind_int(st, ":u", user);
	db_bind_text(st, ":h", recovery_hash(a, clean));
	db_step(st);
	db_done(st);
	if (db_changes(db) != 1)
		return TF_WRONG_CODE;
	twofactor_state(db, user, &s);
	audit_write(db, who, "2fa.recovery_used", "user", user, NULL,
	    json_pack("{s:I}", "recovery_codes_left",
	    (json_int_t)s.recovery_left));
	security_tell(db, a, user, "A recovery code was used",
	    arena_printf(a, "A recovery code was used to sign in to your "
	    "HomeServe account; %lld %s left. If this was not you, reset your "
	    "password at once and tell us.", (long long)s.recovery_left,
	    s.recovery_left == 1 ? "is" : "are"), now);
	return TF_OK;
}

/*
 * A code at sign-in: six digits from the app, or a recovery code (used
 * up, and the account's owner told).  One transaction.
 */
enum twofactor_result
twofactor_check(struct db *db, struct arena *a, const struct actor *who,
    int64_t user, const char *code)
{
	char			*clean = code_clean(a, code);
	enum twofactor_result	 rc;

	db_begin(db);
	rc = strlen(clean) == RECOVERY_LEN ?
	    recovery_use(db, a, who, user, clean, clock_now()) :
	    totp_use(db, user, clean, clock_now());
	if (rc == TF_OK)
		db_commit(db);
	else
		db_rollback(db);
	return rc;
}

/*
 * Turn it off with the password and a code: 409 when staff must keep
 * it, 422 a wrong password or code (the password is checked first,
 * outside any lock).
 */
enum twofactor_result
twofactor_disable(struct db *db, struct arena *a, const struct actor *who,
    int64_t user, const char *password, const char *code)
{
	struct account		 acct;
	struct twofactor_state	 s;
	enum twofactor_result	 rc;

	twofactor_state(db, user, &s);
	if (!s.enrolled)
		return TF_NOT_ENROLLED;
	if (!account_get(db, a, user, &acct))
		return TF_NOT_ENROLLED;
	if (acct.role & (ROLE_STAFF | ROLE_ADMIN) &&
	    setting(db, SET_STAFF_2FA_REQUIRED))
		return TF_REQUIRED;
	if (crypto_password_verify(password, account_password_hash(db, a,
	    user)) != 1)
		return TF_WRONG_PASSWORD;
	if ((rc = twofactor_check(db, a, who, user, code)) != TF_OK)
		return rc;
	db_begin(db);
	rows_delete(db, user);
	audit_write(db, who, "2fa.disabled", "user", user, NULL, NULL);
	security_tell(db, a, user, "Two-factor sign-in is off",
	    "Two-factor sign-in was turned off for your HomeServe account: "
	    "signing in asks for your password only. If this was not you, "
	    "reset your password at once and tell us.", clock_now());
	db_commit(db);
	return TF_OK;
}
