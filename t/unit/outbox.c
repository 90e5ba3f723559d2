/* outbox.c (test): the outbox on a scratch database: queued only with a committed event, claimed by one worker, leases, back-off, giving up, choices and unsubscribe tokens. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "audit.h"
#include "clock.h"
#include "db.h"
#include "messages.h"
#include "notify.h"
#include "outbox.h"
#include "prefs.h"
#include "scratch.h"
#include "tap.h"

enum { CUSTOMER = 1, VENDOR, BLOCKED, STAFF };

static struct arena	*arena;
static struct db	*db2;	/* a second worker (scratch.h has db) */
static char		 dir[] = "/tmp/hs-outbox-XXXXXX";

static const struct actor	customer = { CUSTOMER, "127.0.0.1", "test" };

static void
setup(void)
{
	const char	*src = getenv("HS_SRCDIR");
	int		 from, to;

	if (mkdtemp(dir) == NULL)
		exit(EXIT_FAILURE);
	db = db_open(arena_printf(arena, "%s/test.db", dir), 1);
	ok(db_migrate(db, arena_printf(arena, "%s/sql", src != NULL ? src :
	    "."), &from, &to) == 0 && to >= 11, "setup: migrated to %d", to);
	ok(messages_setup(arena, src != NULL ? src : ".", dir) == 0,
	    "setup: email templates and a server secret");
	exec("INSERT INTO users (id, username, email, phone, password_hash, "
	    "role, is_blocked, created_at, updated_at) VALUES "
	    "(1, 'customer1', 'c1@x.test', '+919876543210', 'x', 'customer', 0, "
	    "0, 0), (2, 'vendor1', 'v1@x.test', '', 'x', 'vendor', 0, 0, 0), "
	    "(3, 'blocked1', 'b1@x.test', '+919876543211', 'x', 'customer', 1, "
	    "0, 0), (4, 'ops1', 'o1@x.test', '', 'x', 'ops_manager', 0, 0, 0)");
	db2 = db_open(arena_printf(arena, "%s/test.db", dir), 0);
}

/* An in-app notification and its messages, in a transaction of our own. */
static void
tell(int64_t user, const char *text, int commit)
{
	db_begin(db);
	notify_add(db, arena, user, 0, text);
	if (commit)
		db_commit(db);
	else
		db_rollback(db);
}

static void
test_same_transaction(void)
{
	tell(CUSTOMER, "Rolled back.", 0);
	is_int(int_of("SELECT count(*) FROM outbox"), 0,
	    "an event rolled back queues nothing");
	is_int(int_of("SELECT count(*) FROM notifications"), 0,
	    "... nor shows in the app");
	tell(CUSTOMER, "Committed.", 1);
	is_int(int_of("SELECT count(*) FROM outbox WHERE user_id = 1"), 2,
	    "a committed one queues an email and an SMS");
	is_int(int_of("SELECT count(*) FROM outbox WHERE user_id = 1 AND "
	    "channel = 'email' AND message_id LIKE '%@%'"), 1,
	    "the email has its Message-ID from the start");
	tell(VENDOR, "No phone.", 1);
	is_int(int_of("SELECT count(*) FROM outbox WHERE user_id = 2"), 1,
	    "someone without a phone gets the email only");
	tell(BLOCKED, "Blocked.", 1);
	is_int(int_of("SELECT count(*) FROM outbox WHERE user_id = 3"), 0,
	    "a blocked account gets nothing");
}

static void
test_backoff(void)
{
	int64_t		attempts, w, lo, hi;
	uint32_t	r;
	int		i, in_range = 1;

	for (attempts = 1; attempts <= 10; attempts++) {
		lo = INT64_MAX;
		hi = 0;
		for (i = 0; i < 2000; i++) {
			r = (uint32_t)rand() * 2654435761u;
			w = outbox_backoff(attempts, r);
			lo = w < lo ? w : lo;
			hi = w > hi ? w : hi;
		}
		w = OUTBOX_FIRST_RETRY << (attempts - 1);
		if (w > OUTBOX_MAX_RETRY || attempts > 8)
			w = OUTBOX_MAX_RETRY;
		if (lo < w * 3 / 4 || hi > w * 5 / 4 || hi - lo < w / 4)
			in_range = 0;
		if (!in_range)
			diag("attempt %lld: %lld..%lld around %lld",
			    (long long)attempts, (long long)lo, (long long)hi,
			    (long long)w);
	}
	ok(in_range, "back-off doubles from 60 s to an hour, spread +-25%%");
}

/* Clear the queue and put one email of the customer's in it. */
static int64_t
one_message(void)
{
	exec("DELETE FROM outbox_attempts; DELETE FROM outbox");
	tell(VENDOR, "One.", 1);
	return int_of("SELECT id FROM outbox");
}

static void
test_claims(void)
{
	struct outbox_item	m, m2;
	int64_t			id = one_message(), now = clock_now() + 10;

	ok(outbox_claim(db, arena, "A", now, &m) == 1 && m.id == id,
	    "worker A claims the message");
	is_int(m.attempts, 1, "the claim counts an attempt");
	ok(outbox_claim(db2, arena, "B", now, &m2) == 0,
	    "worker B finds nothing to claim meanwhile");
	ok(outbox_claim(db2, arena, "B", now + OUTBOX_LEASE - 1, &m2) == 0,
	    "... until the lease runs out");
	ok(outbox_claim(db2, arena, "B", now + OUTBOX_LEASE, &m2) == 1 &&
	    m2.id == id, "then B takes it over");
	is_int(m2.attempts, 2, "counting A's attempt");
	outbox_record(db, arena, &m, "A", now + OUTBOX_LEASE + 1, 1, "late", NULL);
	is_int(int_of("SELECT count(*) FROM outbox WHERE status = 'sending' "
	    "AND claimed_by = 'B'"), 1,
	    "A's late answer does not overwrite B's claim");
	outbox_record(db2, arena, &m2, "B", now + OUTBOX_LEASE + 2, 1, "250 ok",
	    "Q1");
	is_int(int_of("SELECT count(*) FROM outbox WHERE status = 'sent' AND "
	    "provider_id = 'Q1' AND lease_until IS NULL"), 1,
	    "B's answer marks it sent");
	is_int(int_of("SELECT count(*) FROM outbox_attempts"), 3,
	    "every attempt is in its history");

	id = one_message();
	outbox_claim(db, arena, "C", now, &m);
	is_int(outbox_release(db, "C", now + 5), 1,
	    "a dead worker's claim is released");
	ok(outbox_claim(db2, arena, "D", now + 5, &m2) == 1 && m2.id == id,
	    "and taken at once by another");
	is_int(m2.attempts, 2, "its lost attempt counted");
}

static void
test_failures(void)
{
	struct outbox_item	m;
	int64_t			id = one_message(), now = clock_now() + 10;
	int			i;

	for (i = 1; i <= OUTBOX_MAX_ATTEMPTS; i++) {
		if (!outbox_claim(db, arena, "W", now, &m)) {
			diag("attempt %d: nothing to claim", i);
			break;
		}
		outbox_record(db, arena, &m, "W", now, 0, "550 no", NULL);
		if (i < OUTBOX_MAX_ATTEMPTS)
			ok(int_of("SELECT next_attempt_at FROM outbox WHERE "
			    "status = 'failed'") > now, "attempt %d failed: "
			    "due again later", i);
		now += OUTBOX_MAX_RETRY * 2;
	}
	is_int(int_of("SELECT count(*) FROM outbox WHERE status = 'dead' AND "
	    "attempts = 8"), 1, "given up after 8 attempts");
	ok(outbox_claim(db, arena, "W", now, &m) == 0 || m.id != id,
	    "a given-up message is never claimed");
	is_int(int_of("SELECT count(*) FROM outbox WHERE channel = 'chat' AND "
	    "body_text LIKE '%given up after 8 attempts: 550 no'"), 1,
	    "the staff chat is told");
	is_int(outbox_retry(db, &customer, id, now), OUTBOX_OK,
	    "a given-up message can be queued again");
	is_int(outbox_retry(db, &customer, id, now), OUTBOX_REFUSED,
	    "but not twice");
	is_int(outbox_retry(db, &customer, 424242, now), OUTBOX_NOT_FOUND,
	    "an unknown one is not found");

	id = one_message();
	exec("UPDATE users SET is_blocked = 1 WHERE id = 2");
	ok(outbox_claim(db, arena, "W", now, &m) == 0,
	    "a blocked person's message is not claimed");
	is_int(int_of("SELECT count(*) FROM outbox WHERE status = 'dead' AND "
	    "last_error LIKE '%blocked%'"), 1, "it is given up instead");
	exec("UPDATE users SET is_blocked = 0 WHERE id = 2");
}

static void
test_prefs(void)
{
	struct prefs		 p;
	enum outbox_kind	 kind;
	int64_t			 user;
	char			*token, *bad;

	prefs_get(db, CUSTOMER, &p);
	ok(p.on[OUTBOX_EMAIL][OUTBOX_BOOKING] && p.on[OUTBOX_SMS][OUTBOX_REMINDER]
	    && !p.on[OUTBOX_EMAIL][OUTBOX_MARKETING] &&
	    !p.on[OUTBOX_SMS][OUTBOX_REPORT], "defaults: all but marketing and "
	    "SMS reports");
	p.on[OUTBOX_EMAIL][OUTBOX_BOOKING] = p.on[OUTBOX_SMS][OUTBOX_BOOKING] = 0;
	ok(prefs_allows(&p, OUTBOX_EMAIL, OUTBOX_SECURITY) &&
	    prefs_allows(&p, OUTBOX_SMS, OUTBOX_SECURITY) &&
	    !prefs_allows(&p, OUTBOX_EMAIL, OUTBOX_ALERT),
	    "security messages always go; staff alerts never to a person");
	p.on[OUTBOX_EMAIL][OUTBOX_BOOKING] = 1;
	p.on[OUTBOX_SMS][OUTBOX_BOOKING] = 0;
	prefs_save(db, &customer, CUSTOMER, &p, 100);
	exec("DELETE FROM outbox_attempts; DELETE FROM outbox");
	tell(CUSTOMER, "Email only.", 1);
	is_int(int_of("SELECT count(*) FROM outbox WHERE channel = 'sms'"), 0,
	    "a switched-off channel gets nothing");

	token = prefs_unsubscribe_token(arena, CUSTOMER, OUTBOX_REMINDER);
	ok(prefs_unsubscribe_parse(arena, token, &user, &kind) == 0 &&
	    user == CUSTOMER && kind == OUTBOX_REMINDER, "a token names its "
	    "person and kind: %s", token);
	bad = arena_strdup(arena, token);
	bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == '0' ? '1' : '0';
	ok(prefs_unsubscribe_parse(arena, bad, &user, &kind) != 0,
	    "an altered token is refused");
	ok(prefs_unsubscribe_parse(arena, arena_printf(arena, "2%s", token),
	    &user, &kind) != 0, "another person's is refused");
	ok(prefs_unsubscribe_parse(arena, "1-security-0123456789abcdef"
	    "0123456789abcdef", &user, &kind) != 0,
	    "security messages have no token");
	ok(prefs_unsubscribe_parse(arena, "", &user, &kind) != 0 &&
	    prefs_unsubscribe_parse(arena, "1--", &user, &kind) != 0 &&
	    prefs_unsubscribe_parse(arena, "-1-booking-x", &user, &kind) != 0,
	    "malformed tokens are refused");
	is_int(prefs_unsubscribe(db, &customer, CUSTOMER, OUTBOX_REMINDER, 200),
	    1, "unsubscribing switches the email off");
	is_int(prefs_unsubscribe(db, &customer, CUSTOMER, OUTBOX_REMINDER, 200),
	    0, "twice changes nothing");
	prefs_get(db, CUSTOMER, &p);
	ok(!p.on[OUTBOX_EMAIL][OUTBOX_REMINDER] && p.on[OUTBOX_EMAIL][OUTBOX_BOOKING],
	    "only that kind");
}

int
main(void)
{
	arena = arena_new();
	setup();
	test_same_transaction();
	test_backoff();
	test_claims();
	test_failures();
	test_prefs();
	db_close(db2);
	db_close(db);
	unlink(arena_printf(arena, "%s/test.db", dir));
	unlink(arena_printf(arena, "%s/test.db-wal", dir));
	unlink(arena_printf(arena, "%s/test.db-shm", dir));
	unlink(arena_printf(arena, "%s/app.key", dir));
	rmdir(dir);
	arena_free(arena);
	return done_testing();
}
