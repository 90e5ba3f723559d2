/* phone.c: SMS codes that prove a vendor's mobile number: sending (throttled per number) and checking (a few tries, once). */
#include <stdio.h>
#include <string.h>

#include "appkey.h"
#include "arena.h"
#include "audit.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "notify.h"
#include "phone.h"

/* A code's keyed hash, bound to its person, number and moment. */
static const char *
code_hash(struct arena *a, int64_t user, int64_t created_at, const char *phone,
    const char *code)
{
	unsigned char	 mac[CRYPTO_SHA256_LEN];
	const char	*msg = arena_printf(a, "phone-code:%lld:%lld:%s:%s",
			    (long long)user, (long long)created_at, phone, code);
	char		*hex = arena_alloc(a, 2 * sizeof(mac) + 1);

	appkey_mac(msg, strlen(msg), mac);
	crypto_hex(mac, sizeof(mac), hex);
	return hex;
}

/* Six random digits, each value equally likely. */
static const char *
code_new(struct arena *a)
{
	uint32_t	r;

	do
		crypto_random(&r, sizeof(r));
	while (r >= 4294000000u);	/* a multiple of a million */
	return arena_printf(a, "%06u", r % 1000000u);
}

/* When the last code went to the number, and how many this hour. */
static void
sent_recently(struct db *db, const char *phone, int64_t now, int64_t *last,
    int64_t *hour, int64_t *oldest)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT coalesce(max(created_at), 0), "
	    "coalesce(sum(created_at > :hour_ago), 0), "
	    "coalesce(min(CASE WHEN created_at > :hour_ago THEN created_at END), "
	    "0) FROM phone_codes WHERE phone = :p");

	db_bind_text(st, ":p", phone);
	db_bind_int(st, ":hour_ago", now - 3600);
	db_step(st);
	*last = db_int(st, 0);
	*hour = db_int(st, 1);
	*oldest = db_int(st, 2);
	db_done(st);
}

static void
codes_close(struct db *db, int64_t user, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE phone_codes SET used_at = :now WHERE user_id = :u "
	    "AND used_at IS NULL");

	db_bind_int(st, ":now", now);
	db_bind_int(st, ":u", user);
	db_step(st);
	db_done(st);
}

static void
code_sms(struct db *db, struct arena *a, int64_t user, const char *code,
    int64_t now)
{
	struct notice	n;

	memset(&n, 0, sizeof(n));
	n.user_id = user;
	n.kind = OUTBOX_SECURITY;
	n.subject = "Your HomeServe code";
	n.text = "Your verification code.";
	n.sms = arena_printf(a, "your code is %s. It works for 10 minutes. "
	    "Never share it: HomeServe will not ask you for it.", code);
	notify_send(db, a, &n, now);
}

/*
 * Send a new code to the number by SMS (through the outbox), ending any
 * earlier one.  At most one a minute and PHONE_CODES_PER_HOUR an hour
 * per number: PHONE_TOO_SOON or PHONE_TOO_MANY with *wait seconds.
 * Inside the caller's transaction, or one of its own.
 */
enum phone_result
phone_code_send(struct db *db, struct arena *a, const struct actor *who,
    int64_t user, const char *phone, int64_t now, int64_t *wait)
{
	sqlite3_stmt	*st;
	const char	*code = code_new(a);
	int64_t		 last, hour, oldest;

	*wait = 0;
	db_begin(db);
	sent_recently(db, phone, now, &last, &hour, &oldest);
	if (last > now - PHONE_RESEND_GAP || hour >= PHONE_CODES_PER_HOUR) {
		db_rollback(db);
		*wait = hour >= PHONE_CODES_PER_HOUR ? oldest + 3600 - now :
		    last + PHONE_RESEND_GAP - now;
		return hour >= PHONE_CODES_PER_HOUR ? PHONE_TOO_MANY :
		    PHONE_TOO_SOON;
	}
	codes_close(db, user, now);
	st = db_prepare(db, "INSERT INTO phone_codes (user_id, phone, "
	    "code_hash, created_at, expires_at) VALUES (:u, :p, :h, :now, :exp)");
	db_bind_int(st, ":u", user);
	db_bind_text(st, ":p", phone);
	db_bind_text(st, ":h", code_hash(a, user, now, phone, code));
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":exp", now + PHONE_CODE_TTL);
	if (db_step(st) != DB_DONE)
		log_fatal("phone: insert refused");
	db_done(st);
	code_sms(db, a, user, code, now);
	audit_write(db, who, "phone.code_sent", "user", user, NULL,
	    json_pack("{s:s}", "phone", phone));
	db_commit(db);
	return PHONE_OK;
}

struct code_row {
	int64_t		 id;
	const char	*phone;
	const char	*hash;
	int64_t		 created_at;
	int64_t		 expires_at;
	int64_t		 failures;
	int		 used;
};

static int
code_latest(struct db *db, struct arena *a, int64_t user, struct code_row *c)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT id, phone, code_hash, created_at, expires_at, failures, "
	    "used_at IS NOT NULL FROM phone_codes WHERE user_id = :u "
	    "ORDER BY id DESC LIMIT 1");
	int		 found = 0;

	db_bind_int(st, ":u", user);
	if (db_step(st) == DB_ROW) {
		c->id = db_int(st, 0);
		c->phone = db_text(st, 1, a);
		c->hash = db_text(st, 2, a);
		c->created_at = db_int(st, 3);
		c->expires_at = db_int(st, 4);
		c->failures = db_int(st, 5);
		c->used = (int)db_int(st, 6);
		found = 1;
	}
	db_done(st);
	return found;
}

/* The code is right: it is spent and the number proved. */
static void
phone_proved(struct db *db, const struct actor *who, const struct code_row *c,
    int64_t user, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE phone_codes SET used_at = :now WHERE id = :id");

	db_bind_int(st, ":now", now);
	db_bind_int(st, ":id", c->id);
	db_step(st);
	db_done(st);
	st = db_prepare(db, "UPDATE vendor_profiles SET phone_verified = :p, "
	    "phone_verified_at = :now, updated_at = :now WHERE user_id = :u");
	db_bind_text(st, ":p", c->phone);
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":u", user);
	db_step(st);
	db_done(st);
	audit_write(db, who, "phone.verified", "user", user, NULL,
	    json_pack("{s:s}", "phone", c->phone));
}

static void
code_failed(struct db *db, const struct actor *who, const struct code_row *c,
    int64_t user)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE phone_codes SET failures = failures + 1 WHERE id = :id");

	db_bind_int(st, ":id", c->id);
	db_step(st);
	db_done(st);
	audit_write(db, who, "phone.code_wrong", "user", user, NULL,
	    json_pack("{s:I}", "failures", (json_int_t)c->failures + 1));
}

/*
 * Check the code typed for the number sent to: PHONE_OK proves the
 * number.  A wrong code counts (the count is kept even though the
 * answer is a refusal); the fifth ends the code.
 */
enum phone_result
phone_code_check(struct db *db, struct arena *a, const struct actor *who,
    int64_t user, const char *phone, const char *code, int64_t now,
    int64_t *tries_left)
{
	struct code_row		c;
	enum phone_result	rc;

	*tries_left = 0;
	db_begin(db);
	if (!code_latest(db, a, user, &c) || c.used ||
	    strcmp(c.phone, phone) != 0)
		rc = PHONE_NO_CODE;
	else if (c.failures >= PHONE_CODE_TRIES)
		rc = PHONE_LOCKED;
	else if (c.expires_at <= now)
		rc = PHONE_EXPIRED;
	else if (strlen(code) != 6 || strspn(code, "0123456789") != 6 ||
	    !crypto_streq(code_hash(a, user, c.created_at, c.phone, code),
	    c.hash)) {
		code_failed(db, who, &c, user);
		*tries_left = PHONE_CODE_TRIES - c.failures - 1;
		rc = *tries_left > 0 ? PHONE_WRONG : PHONE_LOCKED;
		db_commit(db);
		return rc;
	} else {
		phone_proved(db, who, &c, user, now);
		db_commit(db);
		return PHONE_OK;
	}
	db_rollback(db);
	return rc;
}
