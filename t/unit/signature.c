/* signature.c (test): the signature window, the signed record, tamper detection, expiry and reviews, on a scratch database. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "arena.h"
#include "audit.h"
#include "booking.h"
#include "crypto.h"
#include "clock.h"
#include "db.h"
#include "fmt.h"
#include "review.h"
#include "sign.h"
#include "signature.h"
#include "messages.h"
#include "tap.h"

enum { CUSTOMER = 1, CUSTOMER2, VENDOR, VENDOR2 };
enum { SERVICE = 1, SERVICE2 };

static struct arena	*arena;
static struct db	*db;
static char		 dir[] = "/tmp/hs-signature-XXXXXX";

static const struct actor	customer = { CUSTOMER, "127.0.0.1", "test" };
static const struct actor	customer2 = { CUSTOMER2, "127.0.0.1", "test" };
static const struct actor	vendor = { VENDOR, "127.0.0.1", "test" };
static const struct actor	vendor2 = { VENDOR2, "127.0.0.1", "test" };

/* Test-only SQL, outside the statement cache. */
static void
exec(const char *sql)
{
	char	*err = NULL;

	if (sqlite3_exec(db_handle(db), sql, NULL, NULL, &err) != SQLITE_OK) {
		diag("sql: %s: %s", sql, err);
		exit(EXIT_FAILURE);
	}
}

static char *
text_of(const char *sql)
{
	sqlite3_stmt	*st;
	char		*out = NULL;

	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) != SQLITE_OK)
		exit(EXIT_FAILURE);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		out = arena_strdup(arena, (const char *)sqlite3_column_text(st,
		    0));
	sqlite3_finalize(st);
	return out;
}

static long long
int_of(const char *sql)
{
	char	*s = text_of(sql);

	return s != NULL ? atoll(s) : -1;
}

static void
setup(void)
{
	const char	*src = getenv("HS_SRCDIR");
	char		*key;
	EVP_PKEY	*pkey;
	FILE		*f;
	int		 from, to;

	if (mkdtemp(dir) == NULL)
		exit(EXIT_FAILURE);
	db = db_open(arena_printf(arena, "%s/test.db", dir), 1);
	ok(db_migrate(db, arena_printf(arena, "%s/sql", src != NULL ? src :
	    "."), &from, &to) == 0 && to >= 5, "setup: migrated to %d", to);
	ok(messages_setup(arena, src != NULL ? src : ".", dir) == 0,
	    "setup: email templates and a server secret");
	exec("INSERT INTO users (id, username, email, phone, password_hash, "
	    "role, created_at, updated_at) VALUES "
	    "(1, 'customer1', 'c1@x.test', '', 'x', 'customer', 0, 0),"
	    "(2, 'customer2', 'c2@x.test', '', 'x', 'customer', 0, 0),"
	    "(3, 'vendor1', 'v1@x.test', '', 'x', 'vendor', 0, 0),"
	    "(4, 'vendor2', 'v2@x.test', '', 'x', 'vendor', 0, 0);"
	    "INSERT INTO services (id, name, category, price_paise, "
	    "duration_minutes, created_at, updated_at) VALUES "
	    "(1, 'AC Repair', 'ac', 50000, 90, 0, 0),"
	    "(2, 'Plumbing Service', 'plumbing', 40000, 60, 0, 0);");
	/* Bookings 1-6 completed by vendor1, 7 accepted, 8 vendor2's. */
	exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
	    "WHERE i < 8) INSERT INTO bookings (id, customer_id, vendor_id, "
	    "service_id, category, address, pincode, scheduled_at, "
	    "duration_minutes, price_paise, status, created_at, updated_at) "
	    "SELECT i, 1, CASE i WHEN 8 THEN 4 ELSE 3 END, "
	    "CASE WHEN i % 2 = 1 THEN 1 ELSE 2 END, "
	    "CASE WHEN i % 2 = 1 THEN 'ac' ELSE 'plumbing' END, "
	    "'12 Janpath', '110001', unixepoch() - 86400, 60, "
	    "CASE WHEN i % 2 = 1 THEN 50000 ELSE 40000 END, "
	    "CASE i WHEN 7 THEN 'accepted' ELSE 'completed' END, 0, 0 FROM n");
	pkey = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	key = arena_printf(arena, "%s/signing.pem", dir);
	if (pkey == NULL || (f = fopen(key, "w")) == NULL ||
	    PEM_write_PrivateKey(f, pkey, NULL, NULL, 0, NULL, NULL) != 1)
		exit(EXIT_FAILURE);
	fclose(f);
	EVP_PKEY_free(pkey);
	is_int(sign_init(key), 0, "setup: the signing key loads");
}

static const char *
booking_status_of(int64_t id)
{
	struct booking	b;

	return booking_get(db, arena, id, &b) ? booking_status_name(b.status) :
	    "(none)";
}

static int64_t
request_ok(int64_t booking)
{
	const char	*why = NULL;
	int64_t		 id = 0;

	is_int(signature_request(db, arena, &vendor, booking, &id, &why),
	    SIGNATURE_OK, "request: booking %lld", (long long)booking);
	return id;
}

/* Returns the id of booking 1's signature. */
static int64_t
test_request(void)
{
	struct signature	 s;
	const char		*why = NULL;
	int64_t			 id = 0, again;

	is_int(signature_request(db, arena, &vendor2, 1, &id, &why),
	    SIGNATURE_NOT_FOUND, "request: another vendor's booking is not found");
	is_int(signature_request(db, arena, &customer, 1, &id, &why),
	    SIGNATURE_NOT_FOUND, "request: the customer cannot request");
	is_int(signature_request(db, arena, &vendor, 999, &id, &why),
	    SIGNATURE_NOT_FOUND, "request: an unknown booking is not found");
	is_int(signature_request(db, arena, &vendor, 7, &id, &why),
	    SIGNATURE_REFUSED, "request: an accepted booking is refused");
	is_str(why, "A booking that is “Accepted” cannot become “Awaiting "
	    "customer signature”.", "request: ... with the state machine's "
	    "sentence, which does not speak to the vendor as the signer");
	is_str(booking_status_of(7), "accepted", "request: ... and stays put");
	is_int(int_of("SELECT count(*) FROM signatures"), 0,
	    "request: refusals store nothing");

	id = request_ok(1);
	ok(signature_get(db, arena, id, &s), "request: the row exists");
	is_int(s.status, SIG_REQUESTED, "request: status requested");
	is_int(s.expires_at - s.requested_at, 48 * 3600,
	    "request: open for 48 hours");
	ok(s.requested_at >= (int64_t)time(NULL) - 5, "request: requested now");
	is_int(s.customer_id, CUSTOMER, "request: for the booking's customer");
	is_str(booking_status_of(1), "signature_requested",
	    "request: the booking waits for the signature");
	is_int(int_of("SELECT count(*) FROM audit_log WHERE action = "
	    "'signature.request' AND entity_id = 1"), 1,
	    "request: audited");
	is_int(int_of("SELECT count(*) FROM audit_log WHERE action = "
	    "'booking.signature_requested' AND entity_id = 1"), 1,
	    "request: the booking transition is audited");
	ok(signature_for_booking(db, arena, 1, &s) && s.id == id,
	    "for_booking: finds it");
	ok(!signature_for_booking(db, arena, 2, &s), "for_booking: none yet");
	is_int(signature_request(db, arena, &vendor, 1, &again, &why),
	    SIGNATURE_REFUSED, "request: twice is refused");
	return id;
}

/* The record, spelled out independently of signature_record(). */
static char *
expected_record(const struct signature *s, const char *comments)
{
	const char	*iso = fmt_time_iso(arena, s->signed_at);
	char		*input = arena_printf(arena, "%lld_%lld_%s_%lld",
	    (long long)s->booking_id, (long long)s->customer_id, iso,
	    (long long)s->rating);

	return arena_printf(arena, "homeserve-signature-v1\nsignature_id=%lld\n"
	    "booking_id=%lld\ncustomer_id=1\nvendor_id=3\nservice_id=1\n"
	    "price_paise=50000\nrating=%lld\nsigned_at=%s\n"
	    "comments_sha256=%s\nsha256=%s\n", (long long)s->id,
	    (long long)s->booking_id, (long long)s->rating, iso,
	    crypto_sha256_hex(arena, comments, strlen(comments)),
	    crypto_sha256_hex(arena, input, strlen(input)));
}

static int
both_ok(int64_t id)
{
	struct signature	s;
	int			hash_ok, sig_ok;

	if (!signature_get(db, arena, id, &s) ||
	    signature_verify(arena, &s, &hash_ok, &sig_ok) != 0)
		return -1;
	return hash_ok * 2 + sig_ok;	/* 3: both pass */
}

static void
test_sign(int64_t id)
{
	static const char	 comments[] = "Neat work, cleaned up after.\r\n"
	    "धन्यवाद!";
	struct signature	 s;
	const char		*why = NULL;
	char			*long_text;
	int			 hash_ok = 9, sig_ok = 9;

	is_int(signature_sign(db, arena, &customer2, id, 5, "", &why),
	    SIGNATURE_NOT_FOUND, "sign: another customer's is not found");
	is_int(signature_sign(db, arena, &vendor, id, 5, "", &why),
	    SIGNATURE_NOT_FOUND, "sign: the vendor cannot sign");
	is_int(signature_sign(db, arena, &customer, 999, 5, "", &why),
	    SIGNATURE_NOT_FOUND, "sign: an unknown id is not found");
	is_int(signature_sign(db, arena, &customer, id, 0, "", &why),
	    SIGNATURE_INVALID, "sign: rating 0 is refused");
	is_int(signature_sign(db, arena, &customer, id, 6, "", &why),
	    SIGNATURE_INVALID, "sign: rating 6 is refused");
	long_text = arena_alloc(arena, 1002);
	memset(long_text, 'x', 1001);
	long_text[1001] = '\0';
	is_int(signature_sign(db, arena, &customer, id, 5, long_text, &why),
	    SIGNATURE_INVALID, "sign: 1001 characters of comments are refused");
	ok(signature_get(db, arena, id, &s) && s.status == SIG_REQUESTED,
	    "sign: refusals leave it open");
	is_int(signature_verify(arena, &s, &hash_ok, &sig_ok), -1,
	    "verify: nothing to check before signing");
	ok(!hash_ok && !sig_ok, "verify: ... both false");

	is_int(signature_sign(db, arena, &customer, id, 4, comments, &why),
	    SIGNATURE_OK, "sign: the customer signs with 4");
	ok(signature_get(db, arena, id, &s), "sign: reload");
	is_int(s.status, SIG_SIGNED, "sign: status signed");
	is_int(s.rating, 4, "sign: rating stored");
	is_str(s.comments, comments, "sign: comments stored as given");
	ok(s.signed_at >= (int64_t)time(NULL) - 5 && s.signed_at <=
	    (int64_t)time(NULL), "sign: signed_at is now");
	is_str(s.sha256, crypto_sha256_hex(arena, signature_hash_input(arena,
	    &s), strlen(signature_hash_input(arena, &s))),
	    "sign: sha256 of the hash input");
	is_str(signature_hash_input(arena, &s), arena_printf(arena,
	    "1_1_%s_4", fmt_time_iso(arena, s.signed_at)),
	    "sign: the hash input is {booking}_{customer}_{ISO}_{rating}");
	is_str(signature_record(arena, &s), expected_record(&s, comments),
	    "sign: the canonical record, line by line");
	ok(sign_verify_base64(expected_record(&s, comments),
	    strlen(expected_record(&s, comments)), s.ed25519),
	    "sign: ed25519 verifies over the independent record");
	is_int(signature_verify(arena, &s, &hash_ok, &sig_ok), 0,
	    "verify: a signed record is checked");
	ok(hash_ok && sig_ok, "verify: both checks pass");
	is_str(booking_status_of(1), "signed", "sign: the booking is signed");
	is_int(int_of("SELECT count(*) FROM reviews WHERE booking_id = 1 AND "
	    "rating = 4 AND vendor_id = 3 AND service_id = 1 AND "
	    "customer_id = 1"), 1, "sign: the review is written");
	is_int(int_of("SELECT count(*) FROM audit_log WHERE action = "
	    "'signature.sign' AND entity_id = 1"), 1, "sign: audited");

	is_int(signature_sign(db, arena, &customer, id, 5, "", &why),
	    SIGNATURE_REFUSED, "sign: twice is refused");
	is_str(why, "This booking is already signed.", "sign: ... saying so");
	is_int(signature_reject(db, arena, &customer, id, "changed my mind",
	    &why), SIGNATURE_REFUSED, "reject: after signing is refused");
	is_int(int_of("SELECT count(*) FROM reviews"), 1,
	    "sign: still one review");
}

/* Edit one stored field behind the application's back, check, restore. */
static void
tamper(int64_t id, const char *edit, const char *undo, const char *what)
{
	exec(edit);
	ok(both_ok(id) != 3, "tamper: editing %s is detected", what);
	exec(undo);
	is_int(both_ok(id), 3, "tamper: ... and passes again once restored");
}

static void
test_tamper(int64_t id)
{
	struct signature	s;
	const char		*sha, *ed;
	int			hash_ok, sig_ok;

	signature_get(db, arena, id, &s);
	sha = s.sha256;
	ed = s.ed25519;
	tamper(id, "UPDATE signatures SET rating = 1 WHERE id = 1",
	    "UPDATE signatures SET rating = 4 WHERE id = 1", "the rating");
	exec("UPDATE signatures SET rating = 5 WHERE id = 1");
	signature_get(db, arena, id, &s);
	signature_verify(arena, &s, &hash_ok, &sig_ok);
	ok(!hash_ok && !sig_ok, "tamper: a changed rating fails both checks");
	exec("UPDATE signatures SET rating = 4 WHERE id = 1");
	tamper(id, "UPDATE signatures SET signed_at = signed_at - 1 WHERE id = 1",
	    "UPDATE signatures SET signed_at = signed_at + 1 WHERE id = 1",
	    "signed_at");
	tamper(id, "UPDATE signatures SET comments = comments || '!' "
	    "WHERE id = 1", "UPDATE signatures SET "
	    "comments = substr(comments, 1, length(comments) - 1) "
	    "WHERE id = 1", "the comments");
	exec("UPDATE signatures SET comments = 'Terrible' WHERE id = 1");
	signature_get(db, arena, id, &s);
	signature_verify(arena, &s, &hash_ok, &sig_ok);
	ok(hash_ok && !sig_ok, "tamper: changed comments fail the Ed25519 "
	    "check (the hash does not cover them)");
	exec("UPDATE signatures SET comments = 'Neat work, cleaned up after.' "
	    "|| char(13, 10) || 'धन्यवाद!' WHERE id = 1");
	is_int(both_ok(id), 3, "tamper: comments restored");
	tamper(id, "UPDATE signatures SET booking_id = 2 WHERE id = 1",
	    "UPDATE signatures SET booking_id = 1 WHERE id = 1",
	    "booking_id");
	tamper(id, "UPDATE signatures SET customer_id = 2 WHERE id = 1",
	    "UPDATE signatures SET customer_id = 1 WHERE id = 1",
	    "customer_id");
	tamper(id, "UPDATE bookings SET price_paise = 100 WHERE id = 1",
	    "UPDATE bookings SET price_paise = 50000 WHERE id = 1",
	    "the booking's price");
	tamper(id, "UPDATE signatures SET sha256 = replace(sha256, "
	    "substr(sha256, 1, 1), 'x') WHERE id = 1", arena_printf(arena,
	    "UPDATE signatures SET sha256 = '%s' WHERE id = 1", sha),
	    "the sha256");
	tamper(id, "UPDATE signatures SET ed25519 = 'AAAA' WHERE id = 1",
	    arena_printf(arena, "UPDATE signatures SET ed25519 = '%s' "
	    "WHERE id = 1", ed), "the ed25519 value");
	/* A hash recomputed to match a new rating still fails Ed25519. */
	exec("UPDATE signatures SET rating = 5 WHERE id = 1");
	signature_get(db, arena, id, &s);
	s.sha256 = crypto_sha256_hex(arena, signature_hash_input(arena, &s),
	    strlen(signature_hash_input(arena, &s)));
	exec(arena_printf(arena, "UPDATE signatures SET sha256 = '%s' "
	    "WHERE id = 1", s.sha256));
	signature_get(db, arena, id, &s);
	signature_verify(arena, &s, &hash_ok, &sig_ok);
	ok(hash_ok && !sig_ok, "tamper: a consistent forged hash still fails "
	    "the platform signature");
	exec(arena_printf(arena, "UPDATE signatures SET rating = 4, sha256 = "
	    "'%s' WHERE id = 1", sha));
	is_int(both_ok(id), 3, "tamper: all restored");
}

static void
test_reject(void)
{
	struct signature	 s;
	const char		*why = NULL;
	int64_t			 id = request_ok(2);

	is_int(signature_reject(db, arena, &customer, id, "  \n ", &why),
	    SIGNATURE_INVALID, "reject: a blank reason is refused");
	is_int(signature_reject(db, arena, &customer2, id, "no", &why),
	    SIGNATURE_NOT_FOUND, "reject: another customer's is not found");
	is_int(signature_reject(db, arena, &customer, id, "The tap still "
	    "leaks.", &why), SIGNATURE_OK, "reject: with a reason");
	ok(signature_get(db, arena, id, &s) && s.status == SIG_REJECTED,
	    "reject: status rejected");
	is_str(s.reject_reason, "The tap still leaks.", "reject: reason kept");
	is_str(booking_status_of(2), "disputed", "reject: the booking is disputed");
	is_int(int_of("SELECT count(*) FROM booking_events WHERE booking_id = 2 "
	    "AND to_status = 'disputed' AND note = 'The tap still leaks.'"), 1,
	    "reject: the reason is on the timeline");
	is_int(signature_sign(db, arena, &customer, id, 5, "", &why),
	    SIGNATURE_REFUSED, "reject: signing afterwards is refused");
	is_int(int_of("SELECT count(*) FROM audit_log WHERE action = "
	    "'signature.reject'"), 1, "reject: audited");
}

/* What settle_expire_signatures does, without the payment: every due one. */
static size_t
expire_due(void)
{
	static const struct actor	 system = { 0, "", "signature expiry" };
	int64_t				*ids, after = 0, booking, now = clock_now();
	size_t				 n, i, expired = 0;

	do {
		n = signature_expiring(db, arena, after, now, &ids);
		for (i = 0; i < n; i++) {
			after = ids[i];
			expired += signature_expire(db, arena, &system, ids[i],
			    now, &booking) != 0;
		}
	} while (n == SIGNATURE_EXPIRE_BATCH);
	return expired;
}

static void
test_expiry(void)
{
	struct signature	 s;
	const char		*why = NULL;
	int64_t			 due = request_ok(3), open = request_ok(4);

	exec(arena_printf(arena, "UPDATE signatures SET requested_at = "
	    "unixepoch() - 49 * 3600, expires_at = unixepoch() - 3600 "
	    "WHERE id = %lld", (long long)due));
	is_int(signature_sign(db, arena, &customer, due, 5, "", &why),
	    SIGNATURE_REFUSED, "expiry: signing past the deadline is refused");
	is_str(why, "The window to sign has closed.",
	    "expiry: ... saying the window closed");
	is_int(signature_reject(db, arena, &customer, due, "late", &why),
	    SIGNATURE_REFUSED, "expiry: rejecting past the deadline too");
	is_int(expire_due(), 1, "expiry: one expires");
	ok(signature_get(db, arena, due, &s) && s.status == SIG_EXPIRED,
	    "expiry: status expired");
	is_str(booking_status_of(3), "expired", "expiry: the booking expired");
	is_int(int_of("SELECT count(*) FROM booking_events WHERE booking_id = 3 "
	    "AND to_status = 'expired' AND actor_id IS NULL"), 1,
	    "expiry: the system moved it");
	is_int(int_of("SELECT count(*) FROM audit_log WHERE action = "
	    "'signature.expire' AND entity_id = 3 AND actor_id IS NULL"), 1,
	    "expiry: audited as the system");
	ok(signature_get(db, arena, open, &s) && s.status == SIG_REQUESTED,
	    "expiry: a signature still in its window stays open");
	is_int(expire_due(), 0, "expiry: running again "
	    "expires nothing");
	is_int(signature_sign(db, arena, &customer, due, 5, "", &why),
	    SIGNATURE_REFUSED, "expiry: signing an expired one is refused");
	is_str(why, "The window to sign has closed.",
	    "expiry: ... with the same sentence");
	/* Many at once, past one batch. */
	exec("WITH RECURSIVE n(i) AS (SELECT 100 UNION ALL SELECT i + 1 FROM n "
	    "WHERE i < 349) INSERT INTO bookings (id, customer_id, vendor_id, "
	    "service_id, category, address, pincode, scheduled_at, "
	    "duration_minutes, price_paise, status, created_at, updated_at) "
	    "SELECT i, 2, 3, 1, 'ac', '12 Janpath', '110001', 0, 60, 50000, "
	    "'signature_requested', 0, 0 FROM n;"
	    "INSERT INTO signatures (booking_id, customer_id, requested_at, "
	    "expires_at) SELECT id, 2, 0, 1 FROM bookings WHERE id >= 100");
	is_int(expire_due(), 250, "expiry: 250 due in three "
	    "batches all expire");
	is_int(int_of("SELECT count(*) FROM bookings WHERE id >= 100 AND "
	    "status = 'expired'"), 250, "expiry: ... with their bookings");
}

static void
test_reviews(void)
{
	struct review		*r;
	struct review_summary	 sum;
	const char		*why = NULL;
	int64_t			 id = request_ok(5);

	is_int(signature_sign(db, arena, &customer, id, 5, "Quick.", &why),
	    SIGNATURE_OK, "reviews: a second signed booking");
	review_summary(db, REVIEW_OF_SERVICE, SERVICE, &sum);
	is_int(sum.count, 2, "reviews: the service has two");
	is_str(review_average_text(arena, &sum), "4.5", "reviews: average 4.5");
	review_summary(db, REVIEW_OF_VENDOR, VENDOR, &sum);
	is_int(sum.count, 2, "reviews: the vendor has two");
	review_summary(db, REVIEW_OF_SERVICE, SERVICE2, &sum);
	is_int(sum.count, 0, "reviews: the other service has none");
	is_str(review_average_text(arena, &sum), "0.0", "reviews: ... 0.0");
	review_summary(db, REVIEW_OF_VENDOR, VENDOR2, &sum);
	is_int(sum.count, 0, "reviews: vendor2 has none");
	is_int(review_list(db, arena, REVIEW_OF_VENDOR, VENDOR, 0, 10, &r), 2,
	    "reviews: list the vendor's");
	is_str(r[0].comment, "Quick.", "reviews: newest first");
	is_int(r[0].rating, 5, "reviews: its rating");
	is_str(r[0].customer_name, "customer1", "reviews: the customer's name");
	is_str(r[0].service_name, "AC Repair", "reviews: the service's name");
	is_int(review_list(db, arena, REVIEW_OF_SERVICE, SERVICE, 0, 1, &r), 1,
	    "reviews: a page of one");
	is_int(review_list(db, arena, REVIEW_OF_SERVICE, SERVICE, r[0].id, 10,
	    &r), 1, "reviews: the page before it");
	is_int(r[0].rating, 4, "reviews: ... is the older one");
	is_int(review_list(db, arena, REVIEW_OF_SERVICE, SERVICE, r[0].id, 10,
	    &r), 0, "reviews: nothing older");
}

int
main(void)
{
	int64_t	id;

	arena = arena_new();
	setup();
	id = test_request();
	test_sign(id);
	test_tamper(id);
	test_reject();
	test_expiry();
	test_reviews();
	db_close(db);
	sign_fini();
	unlink(arena_printf(arena, "%s/test.db", dir));
	unlink(arena_printf(arena, "%s/test.db-wal", dir));
	unlink(arena_printf(arena, "%s/test.db-shm", dir));
	unlink(arena_printf(arena, "%s/signing.pem", dir));
	unlink(arena_printf(arena, "%s/app.key", dir));
	rmdir(dir);
	arena_free(arena);
	return done_testing();
}
