/* analytics.c (test): every figure of /ops/analytics and /ops/demand over a scratch database with a known pattern, the edges of the range, and an index under every query they run. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analytics.h"
#include "arena.h"
#include "audit.h"
#include "clock.h"
#include "db.h"
#include "demand.h"
#include "fmt.h"
#include "scratch.h"
#include "tap.h"

#define DAY	INT64_C(86400)
#define HOUR	INT64_C(3600)

enum { CUSTOMER = 1, CUSTOMER2, VENDOR, BLOCKED, SUSPENDED, IDLE };

static struct arena	*arena;
static char		 dir[] = "/tmp/hs-analytics-XXXXXX";
static int64_t		 day0;	/* 2026-03-01 00:00 IST */

static const struct actor	customer = { CUSTOMER, "127.0.0.1", "test" };
static const struct actor	customer2 = { CUSTOMER2, "127.0.0.1", "test" };

/* A statement made from a pattern with times in it (test-only SQL). */
static void __attribute__((format(printf, 1, 2)))
execf(const char *fmt, ...)
{
	char	sql[1024];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	exec(sql);
}

/*
 * A booking made `made` seconds after day0, for service `service` at
 * `pincode`, held by `vendor` (0: none), starting `when` seconds after
 * day0, and its timeline: each status of `path` an hour after the one
 * before from its making, but the last at `last_at` after day0 when
 * that is not 0.
 */
static void
booking(int64_t id, int64_t made, int64_t service, const char *pincode,
    int64_t vendor, int64_t when, const char *status, const char *const *path,
    int64_t last_at)
{
	char		 sql[1024];
	int64_t		 at = day0 + made;
	size_t		 i;

	execf("INSERT INTO bookings (id, customer_id, vendor_id, service_id, "
	    "category, address, pincode, scheduled_at, duration_minutes, "
	    "price_paise, status, created_at, updated_at) "
	    "SELECT %lld, %d, %s, id, category, '1 Test Road', '%s', %lld, "
	    "duration_minutes, price_paise, '%s', %lld, %lld FROM services "
	    "WHERE id = %lld", (long long)id, CUSTOMER, vendor > 0 ?
	    arena_printf(arena, "%lld", (long long)vendor) : "NULL", pincode,
	    (long long)(day0 + when), status, (long long)at, (long long)at,
	    (long long)service);
	for (i = 0; path[i] != NULL; i++) {
		snprintf(sql, sizeof(sql), "INSERT INTO booking_events "
		    "(booking_id, from_status, to_status, at) VALUES (%lld, "
		    "%s%s%s, '%s', %lld)", (long long)id, i ? "'" : "",
		    i ? path[i - 1] : "NULL", i ? "'" : "", path[i],
		    (long long)(path[i + 1] == NULL && last_at != 0 ?
		    day0 + last_at : at + (int64_t)i * HOUR));
		exec(sql);
	}
}

static void
setup(void)
{
	const char	*src = getenv("HS_SRCDIR");
	int64_t		 end;
	int		 from, to, rc;

	fmt_set_timezone("Asia/Kolkata");
	if (mkdtemp(dir) == NULL)
		exit(EXIT_FAILURE);
	db = db_open(arena_printf(arena, "%s/test.db", dir), 1);
	rc = db_migrate(db, arena_printf(arena, "%s/sql", src != NULL ? src :
	    "."), &from, &to);
	ok(rc == 0 && to >= 20, "setup: migrated to %d", to);
	fmt_parse_day("2026-03-01", &day0, &end);
	exec("INSERT INTO users (id, username, email, phone, password_hash, "
	    "role, is_blocked, created_at, updated_at) VALUES "
	    "(1, 'customer1', 'c1@x.test', '', 'x', 'customer', 0, 0, 0),"
	    "(2, 'customer2', 'c2@x.test', '', 'x', 'customer', 0, 0, 0),"
	    "(3, 'vendor1', 'v1@x.test', '', 'x', 'vendor', 0, 0, 0),"
	    "(4, 'blocked', 'v2@x.test', '', 'x', 'vendor', 1, 0, 0),"
	    "(5, 'suspended', 'v3@x.test', '', 'x', 'vendor', 0, 0, 0),"
	    "(6, 'idle', 'v4@x.test', '', 'x', 'vendor', 0, 0, 0);"
	    "INSERT INTO vendor_profiles (user_id, status, business_name, "
	    "verified_at, status_at, updated_at) VALUES "
	    "(3, 'verified', 'Cool Air Co', 0, 0, 0), "
	    "(4, 'verified', '', 0, 0, 0), (5, 'suspended', '', 0, 0, 0), "
	    "(6, 'verified', '', 0, 0, 0);"
	    "INSERT INTO vendor_categories (vendor_id, category) VALUES "
	    "(3, 'ac'), (3, 'plumbing'), (4, 'ac'), (5, 'ac'), (6, 'ac');"
	    "INSERT INTO vendor_pincodes (vendor_id, pincode) VALUES "
	    "(3, '110001'), (4, '110001'), (5, '110001'), (6, '110001');"
	    "INSERT INTO services (id, name, category, price_paise, "
	    "duration_minutes, created_at, updated_at) VALUES "
	    "(1, 'AC Repair', 'ac', 50000, 90, 0, 0), "
	    "(2, 'Plumbing Service', 'plumbing', 40000, 60, 0, 0);");
}

/*
 * The pattern, over the ten days from 2026-03-01: four bookings made
 * inside (days 0, 0, 3, 9), one the day before and one the day after.
 */
static void
seed(void)
{
	static const char *const	paid[] = { "pending", "accepted",
	    "in_progress", "completed", "signature_requested", "signed",
	    "paid", NULL };
	static const char *const	cancelled[] = { "pending", "accepted",
	    "cancelled", NULL };
	static const char *const	disputed[] = { "pending", "accepted",
	    "in_progress", "completed", "signature_requested", "disputed",
	    NULL };
	static const char *const	settled[] = { "pending", "accepted",
	    "in_progress", "completed", "signature_requested", "disputed",
	    "resolved", NULL };
	static const char *const	pending[] = { "pending", NULL };
	static const char *const	early[] = { "pending", "cancelled",
	    NULL };

	booking(1, HOUR, 1, "110001", VENDOR, DAY + 10 * HOUR, "paid", paid, 0);
	booking(2, 2 * HOUR, 1, "110001", VENDOR, 4 * DAY + 10 * HOUR,
	    "cancelled", cancelled, 2 * DAY);
	booking(3, 3 * DAY, 2, "110001", VENDOR, 5 * DAY + 11 * HOUR,
	    "disputed", disputed, 8 * DAY);
	booking(4, 9 * DAY + 23 * HOUR, 2, "110001", 0, 12 * DAY + 9 * HOUR,
	    "pending", pending, 0);
	/* Outside the range, made after it and before it; the one before
	 * is cancelled inside it. */
	booking(5, 10 * DAY, 1, "110001", 0, 12 * DAY, "pending", pending, 0);
	booking(6, -HOUR, 1, "110001", 0, 3 * DAY, "cancelled", early, DAY);
	/* Made and done before the range, disputed two hours into it and
	 * settled in week 2: a dispute still, in the week it was raised
	 * (analytics.c). */
	booking(7, -3 * HOUR, 2, "110001", VENDOR, -DAY, "resolved", settled,
	    9 * DAY);
	/* Captured in week 1 (day 2), refunded in week 2 (day 8); one
	 * captured after the range. */
	execf("INSERT INTO payments (id, booking_id, customer_id, vendor_id, "
	    "amount_paise, refunded_paise, status, gateway, captured_at, "
	    "created_at, updated_at) VALUES "
	    "(1, 1, 1, 3, 50000, 10000, 'partially_refunded', 'test', "
	    "%lld, 0, 0), (2, 3, 1, 3, 40000, 0, 'captured', 'test', %lld, 0, 0)",
	    (long long)(day0 + 2 * DAY), (long long)(day0 + 12 * DAY));
	execf("INSERT INTO payment_refunds (payment_id, seq, amount_paise, "
	    "reason, created_at) VALUES (1, 1, 10000, 'Late.', %lld), "
	    "(2, 1, 5000, 'Later.', %lld)", (long long)(day0 + 8 * DAY),
	    (long long)(day0 + 11 * DAY));
	execf("INSERT INTO reviews (booking_id, service_id, vendor_id, "
	    "customer_id, rating, created_at) VALUES (1, 1, 3, 1, 5, %lld), "
	    "(3, 2, 3, 1, 3, %lld)", (long long)(day0 + 2 * DAY),
	    (long long)(day0 + 4 * DAY));
	execf("INSERT INTO reviews (booking_id, service_id, vendor_id, "
	    "customer_id, rating, created_at) VALUES (2, 1, 3, 1, 1, %lld), "
	    "(6, 1, 3, 1, 2, %lld)", (long long)(day0 + 10 * DAY),
	    (long long)(day0 - 1));
}

static void
test_range(void)
{
	struct analytics_range	r;

	is_int(analytics_range_days(&r, day0, day0 + 10 * DAY), 0, "range: ten days");
	ok(r.days == 10 && r.weeks == 2, "range: ten days are two weeks");
	analytics_range_days(&r, day0, day0 + 7 * DAY);
	ok(r.days == 7 && r.weeks == 1, "range: seven days are one week");
	analytics_range_days(&r, day0, day0 + 366 * DAY);
	ok(r.days == 366 && r.weeks == 53, "range: 366 days are 53 weeks");
	is_int(analytics_range_days(&r, day0, day0 + 367 * DAY), -1,
	    "range: 367 days are refused");
	is_int(analytics_range_days(&r, day0, day0), -1, "range: no day is refused");
	is_int(analytics_range_days(&r, day0, day0 - DAY), -1,
	    "range: backwards is refused");
}

static void
test_figures(void)
{
	static const int64_t	per_day[10] = { 2, 0, 0, 1, 0, 0, 0, 0, 0, 1 };
	struct analytics_range	r;
	struct analytics	a;
	size_t			i;
	int			same = 1;

	analytics_range_days(&r, day0, day0 + 10 * DAY);
	analytics_read(db, arena, &r, &a);
	for (i = 0; i < 10; i++)
		same &= a.per_day[i] == per_day[i];
	ok(same, "per day: 2 on the first day, 1 on the fourth and the last");
	is_int(a.weeks[0].captured_paise, 50000, "revenue: captured in week 1");
	is_int(a.weeks[0].refunded_paise, 0, "revenue: no refund in week 1");
	is_int(a.weeks[1].captured_paise, 0, "revenue: nothing captured in week 2");
	is_int(a.weeks[1].refunded_paise, 10000, "revenue: the refund in week 2, "
	    "when it was made");
	is_int(a.weeks[0].cancelled, 2, "trouble: two cancelled in week 1, one "
	    "of them made before the range");
	is_int(a.weeks[1].disputed, 1, "trouble: one disputed in week 2");
	is_int(a.weeks[0].disputed, 1, "trouble: the dispute settled in week 2 "
	    "counts in week 1, when it was raised");
	is_int(a.weeks[1].cancelled, 0, "trouble: nothing else");
	is_int(a.funnel[STAGE_BOOKED], 4, "funnel: 4 booked");
	is_int(a.funnel[STAGE_ACCEPTED], 3, "funnel: 3 accepted, the cancelled one too");
	is_int(a.funnel[STAGE_COMPLETED], 2, "funnel: 2 completed");
	is_int(a.funnel[STAGE_SIGNED], 1, "funnel: 1 signed");
	is_int(a.funnel[STAGE_PAID], 1, "funnel: 1 paid");
	ok(a.ratings[4] == 1 && a.ratings[2] == 1 && a.ratings[0] == 0 &&
	    a.ratings[1] == 0 && a.ratings[3] == 0,
	    "ratings: one 5 and one 3 inside, none of those outside");
	is_int(a.nservices, 2, "services: two were booked");
	ok(a.nservices == 2 && strcmp(a.services[0].name, "AC Repair") == 0 &&
	    a.services[0].bookings == 2 && a.services[1].bookings == 2,
	    "services: two each, a tie in name order");
	is_int(a.active_vendors, 2, "vendors: two active (not the blocked, "
	    "not the suspended)");
	is_int(a.idle_vendors, 1, "vendors: one with no job");
	ok(a.nvendors == 2 && a.vendors[0].vendor_id == VENDOR &&
	    a.vendors[0].jobs == 2 && a.vendors[0].minutes == 150,
	    "vendors: vendor1 first, two jobs of 90 and 60 minutes (not the "
	    "cancelled one)");
	ok(a.nvendors == 2 && strcmp(a.vendors[0].business_name,
	    "Cool Air Co") == 0, "vendors: with the business name");
	is_int(a.open_minutes, 720 * 10, "vendors: 12 hours a day for 10 days");

	/* One day alone: the last one, with the booking at 23:00. */
	analytics_range_days(&r, day0 + 9 * DAY, day0 + 10 * DAY);
	analytics_read(db, arena, &r, &a);
	ok(r.days == 1 && a.per_day[0] == 1 && a.funnel[STAGE_BOOKED] == 1,
	    "one day: the booking made at 23:00 IST is that day's");
}

static void
test_demand(void)
{
	struct demand_totals	 t;
	struct demand_line	*l;
	size_t			 n;

	clock_set(day0 + DAY);
	demand_refused(db, &customer, 1, "560001");
	demand_refused(db, &customer, 1, "560001");
	demand_refused(db, &customer2, 2, "110002");
	clock_set(day0 + 10 * DAY);
	demand_refused(db, &customer2, 2, "110002");
	is_int(int_of("SELECT count(*) FROM booking_refusals"), 4,
	    "refusals: one row each");
	is_int(int_of("SELECT count(*) FROM audit_log WHERE action = "
	    "'booking.refused' AND entity = 'booking_refusal' AND actor_id = 1"),
	    2, "refusals: each with its audit row, naming the customer");
	is_int(int_of(arena_printf(arena, "SELECT count(*) FROM booking_refusals "
	    "WHERE service_id = 1 AND pincode = '560001' AND created_at = %lld",
	    (long long)(day0 + DAY))), 2, "refusals: what, where and when");

	n = demand_list(db, arena, day0, day0 + 10 * DAY, DEMAND_ROWS_MAX, &l,
	    &t);
	is_int(n, 4, "demand: four pincode and category pairs");
	ok(t.pairs == 4 && t.bookings == 4 && t.refused == 3,
	    "demand: totals of 4 bookings and 3 refused (the last refusal is "
	    "the day after)");
	ok(n == 4 && strcmp(l[0].pincode, "560001") == 0 &&
	    strcmp(l[0].category, "ac") == 0 && l[0].refused == 2 &&
	    l[0].bookings == 0 && l[0].vendors == 0,
	    "demand: 560001 AC first: 2 refused, no vendor");
	ok(n == 4 && strcmp(l[1].pincode, "110002") == 0 && l[1].refused == 1,
	    "demand: then 110002 plumbing: everything refused, but fewer");
	ok(n == 4 && strcmp(l[2].pincode, "110001") == 0 &&
	    strcmp(l[2].category, "ac") == 0 && l[2].bookings == 2 &&
	    l[2].refused == 0 && l[2].vendors == 2,
	    "demand: 110001 AC: 2 bookings, 2 active vendors (not the "
	    "blocked or the suspended)");
	ok(n == 4 && strcmp(l[3].category, "plumbing") == 0 &&
	    l[3].bookings == 2 && l[3].vendors == 1,
	    "demand: 110001 plumbing: 2 bookings, vendor1");
	n = demand_list(db, arena, day0, day0 + 10 * DAY, 1, &l, &t);
	ok(n == 1 && t.pairs == 4 && t.refused == 3,
	    "demand: one row asked for, the totals still of all");
	n = demand_list(db, arena, day0 + 20 * DAY, day0 + 21 * DAY,
	    DEMAND_ROWS_MAX, &l, &t);
	ok(n == 0 && t.pairs == 0 && t.bookings == 0,
	    "demand: a day with nothing");
}

/* Whether an EXPLAIN QUERY PLAN line reads a whole table or index. */
static int
scans_a_table(const char *detail)
{
	static const char *const	derived[] = { "SCAN d", "SCAN t",
	    "SCAN (subquery" };
	size_t				i;

	if (strncmp(detail, "SCAN ", 5) != 0)
		return 0;
	for (i = 0; i < sizeof(derived) / sizeof(derived[0]); i++)
		if (strncmp(detail, derived[i], strlen(derived[i])) == 0 &&
		    (detail[strlen(derived[i])] == '\0' ||
		    strchr(" -", detail[strlen(derived[i])]) != NULL))
			return 0;
	return 1;
}

/*
 * Every statement the figures prepared (they stay in the connection's
 * cache) reads the big tables through an index: no line of its plan
 * scans a table, only the small results of its own subqueries.
 */
static void
test_plans(void)
{
	static const char *const	 tables[] = { "bookings",
	    "booking_events", "payments", "payment_refunds", "reviews",
	    "booking_refusals" };
	sqlite3			*h = db_handle(db);
	sqlite3_stmt		*st = NULL, *plan;
	const char		*sql, *detail;
	size_t			 i;
	int			 checked = 0, mine, good;

	while ((st = sqlite3_next_stmt(h, st)) != NULL) {
		sql = sqlite3_sql(st);
		for (i = 0, mine = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
			mine |= strstr(sql, tables[i]) != NULL &&
			    strncmp(sql, "SELECT", 6) == 0;
		if (!mine)
			continue;
		if (sqlite3_prepare_v2(h, arena_printf(arena,
		    "EXPLAIN QUERY PLAN %s", sql), -1, &plan, NULL) != SQLITE_OK)
			continue;
		good = 1;
		while (sqlite3_step(plan) == SQLITE_ROW) {
			detail = (const char *)sqlite3_column_text(plan, 3);
			if (scans_a_table(detail)) {
				diag("%s: %s", sql, detail);
				good = 0;
			}
		}
		sqlite3_finalize(plan);
		ok(good, "plan: an index serves %.60s...", sql);
		checked++;
	}
	ok(checked >= 9, "plans: %d statements checked", checked);
}

int
main(void)
{
	arena = arena_new();
	setup();
	seed();
	test_range();
	test_figures();
	test_demand();
	test_plans();
	db_close(db);
	unlink(arena_printf(arena, "%s/test.db", dir));
	unlink(arena_printf(arena, "%s/test.db-wal", dir));
	unlink(arena_printf(arena, "%s/test.db-shm", dir));
	rmdir(dir);
	arena_free(arena);
	return done_testing();
}
