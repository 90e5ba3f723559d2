/* jobs.c: the timed jobs, one table; each leaves a mark per thing done, in the transaction that does it, so no run repeats another's work. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "alert.h"
#include "arena.h"
#include "audit.h"
#include "board.h"
#include "booking.h"
#include "booking_rules.h"
#include "db.h"
#include "fmt.h"
#include "jobs.h"
#include "log.h"
#include "notify.h"
#include "payment.h"
#include "outbox.h"
#include "pricing.h"
#include "session.h"
#include "settlement.h"
#include "signature.h"
#include "throttle.h"
#include "tmpl.h"
#include "vendor.h"
#include "vendor_doc.h"

#define JOBS_BATCH	100
#define JOBS_NAME_MAX	48	/* a period or a month's name */

static const struct actor	system_actor = { 0, "", "timed jobs" };

/*
 * Take the mark for (job, period, subject) inside the caller's
 * transaction: 1 if it was free (do the work), 0 if a run did it already.
 */
static int
mark_take(struct db *db, const char *job, const char *period, int64_t subject,
    int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO job_marks (job, period, subject_id, at) "
	    "VALUES (:j, :p, :s, :now) ON CONFLICT DO NOTHING");

	db_bind_text(st, ":j", job);
	db_bind_text(st, ":p", period);
	db_bind_int(st, ":s", subject);
	db_bind_int(st, ":now", now);
	db_step(st);
	db_done(st);
	return db_changes(db) == 1;
}

/*
 * One pass of a job over its subjects (bookings, people), a batch of
 * ids at a time after a cursor, each done in its own transaction.  The
 * arena is reset after each subject: a month's thousand reports do not
 * pile up in memory.
 */
struct sweep {
	size_t		(*batch)(struct db *, const struct sweep *, int64_t after,
			    int64_t ids[]);
	int		(*one)(struct db *, struct arena *, const struct sweep *,
			    int64_t id);
	int64_t		 now;
	char		 period[JOBS_NAME_MAX]; /* "2026-12-01", "2026-11" */
	char		 label[JOBS_NAME_MAX];	/* "November 2026" */
	int64_t		 from, to;	/* a month's span */
};

static size_t
sweep(struct db *db, struct arena *a, const struct sweep *s)
{
	int64_t	ids[JOBS_BATCH], after = 0;
	size_t	n, i, done = 0;

	do {
		n = s->batch(db, s, after, ids);
		for (i = 0; i < n; i++) {
			done += (size_t)s->one(db, a, s, ids[i]);
			arena_reset(a);
			after = ids[i];
		}
	} while (n == JOBS_BATCH);
	return done;
}

/* Up to JOBS_BATCH ids from a statement's first column. */
static size_t
ids_read(sqlite3_stmt *st, int64_t ids[])
{
	size_t	n = 0;

	while (n < JOBS_BATCH && db_step(st) == DB_ROW)
		ids[n++] = db_int(st, 0);
	db_done(st);
	return n;
}

/* The local calendar of an instant (the display zone, as TZ says). */
static struct tm
local_tm(int64_t utc)
{
	time_t		t = (time_t)utc;
	struct tm	tm;

	localtime_r(&t, &tm);
	return tm;
}

/* The UTC second a local month starts, months after the one of utc. */
static int64_t
month_start(int64_t utc, int months)
{
	struct tm	tm = local_tm(utc);

	tm.tm_mday = 1;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_mon += months;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* "2026-12-01": the local day of an instant, a daily job's period. */
static void
local_day(int64_t utc, char day[JOBS_NAME_MAX])
{
	struct tm	tm = local_tm(utc);

	snprintf(day, JOBS_NAME_MAX, "%04d-%02d-%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
}

/* "2026-11" and "November 2026": a month's period and its name. */
static void
local_month(int64_t utc, char name[JOBS_NAME_MAX], char label[JOBS_NAME_MAX])
{
	static const char *const months[12] = { "January", "February",
	    "March", "April", "May", "June", "July", "August", "September",
	    "October", "November", "December" };
	struct tm	tm = local_tm(utc);

	snprintf(name, JOBS_NAME_MAX, "%04d-%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1);
	snprintf(label, JOBS_NAME_MAX, "%s %d", months[tm.tm_mon],
	    tm.tm_year + 1900);
}

/* --- expiry -------------------------------------------------------------- */

static size_t
job_expire_signatures(struct db *db, struct arena *a, int64_t now)
{
	return settle_expire_signatures(db, a, now);
}

/* Pending bookings whose time has come, by id after a cursor. */
static size_t
overdue_pending(struct db *db, const struct sweep *s, int64_t after,
    int64_t ids[])
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT id FROM bookings WHERE status = 'pending' "
	    "AND scheduled_at <= :now AND id > :after ORDER BY id LIMIT :n");

	db_bind_int(st, ":now", s->now);
	db_bind_int(st, ":after", after);
	db_bind_int(st, ":n", JOBS_BATCH);
	return ids_read(st, ids);
}

/* One booking expires in its own transaction, re-read under the lock. */
static int
expire_booking(struct db *db, struct arena *a, const struct sweep *s,
    int64_t id)
{
	struct booking	b;
	int		done = 0;

	db_begin(db);
	if (booking_get(db, a, id, &b) && b.status == BK_PENDING &&
	    b.scheduled_at <= s->now)
		done = booking_apply(db, a, &system_actor, BK_BY_SYSTEM, &b,
		    BK_EXPIRED, "No vendor accepted it before its time.") ==
		    BOOKING_OK;
	if (done)
		db_commit(db);
	else
		db_rollback(db);
	return done;
}

/* Nobody took it and its time came: the customer is told, nothing is owed. */
static size_t
job_expire_bookings(struct db *db, struct arena *a, int64_t now)
{
	struct sweep	s = { overdue_pending, expire_booking, now, "", "",
			    0, 0 };

	return sweep(db, a, &s);
}

/* --- a chosen vendor's window --------------------------------------------- */

/*
 * Offers whose window closed by now, or whose vendor may no longer work
 * (suspended, blocked, deleted): by id after a cursor.
 */
static size_t
offers_due(struct db *db, const struct sweep *s, int64_t after, int64_t ids[])
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT b.id FROM bookings b WHERE b.offered_to IS NOT NULL "
	    "AND (b.offered_until <= :now OR NOT EXISTS (SELECT 1 FROM "
	    "vendor_profiles p JOIN users u ON u.id = p.user_id WHERE "
	    "p.user_id = b.offered_to AND p.status = 'verified' AND "
	    "u.is_blocked = 0)) AND b.id > :after ORDER BY b.id LIMIT :n");

	db_bind_int(st, ":now", s->now);
	db_bind_int(st, ":after", after);
	db_bind_int(st, ":n", JOBS_BATCH);
	return ids_read(st, ids);
}

static int
offer_expire(struct db *db, struct arena *a, const struct sweep *s, int64_t id)
{
	return booking_offer_expire(db, a, id, s->now);
}

/*
 * The chosen vendor did not answer in time, or may no longer work: the
 * booking opens to every vendor (after the window the board already
 * shows it, job or not) and the customer is told which happened.
 */
static size_t
job_offers_expire(struct db *db, struct arena *a, int64_t now)
{
	struct sweep	s = { offers_due, offer_expire, now, "", "", 0, 0 };

	return sweep(db, a, &s);
}

/* --- reminders ----------------------------------------------------------- */

static size_t
visits_to_remind(struct db *db, const struct sweep *s, int64_t after,
    int64_t ids[])
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT b.id FROM bookings b WHERE b.status = 'accepted' "
	    "AND b.scheduled_at > :now AND b.scheduled_at <= :until "
	    "AND b.id > :after AND NOT EXISTS (SELECT 1 FROM job_marks m "
	    "WHERE m.job = 'reminder' AND m.period = '' "
	    "AND m.subject_id = b.id) ORDER BY b.id LIMIT :n");

	db_bind_int(st, ":now", s->now);
	db_bind_int(st, ":until", s->now + JOBS_REMIND_AHEAD);
	db_bind_int(st, ":after", after);
	db_bind_int(st, ":n", JOBS_BATCH);
	return ids_read(st, ids);
}

static int
remind_one(struct db *db, struct arena *a, const struct sweep *s, int64_t id)
{
	struct booking	 b;
	const char	*when;

	db_begin(db);
	if (!booking_get(db, a, id, &b) || b.status != BK_ACCEPTED ||
	    !mark_take(db, "reminder", "", id, s->now)) {
		db_rollback(db);
		return 0;
	}
	when = fmt_time(a, b.scheduled_at);
	notify_post(db, a, b.customer_id, b.id, NULL, OUTBOX_REMINDER,
	    arena_printf(a, "Reminder: %s with %s, %s", b.service_name,
	    b.vendor_name, when),
	    arena_printf(a, "Reminder: your %s visit (booking #%lld) is on %s "
	    "with %s. Keep your start code ready: the professional needs it "
	    "to begin.", b.service_name, (long long)b.id, when, b.vendor_name),
	    s->now);
	db_commit(db);
	return 1;
}

/* The customer of each accepted visit hears about it a day ahead, once. */
static size_t
job_reminders(struct db *db, struct arena *a, int64_t now)
{
	struct sweep	s = { visits_to_remind, remind_one, now, "", "", 0, 0 };

	return sweep(db, a, &s);
}

/* Requests to sign closing within JOBS_SIGN_REMIND_AHEAD, not reminded yet. */
static size_t
signatures_to_remind(struct db *db, const struct sweep *s, int64_t after,
    int64_t ids[])
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT g.id FROM signatures g WHERE g.status = 'requested' "
	    "AND g.expires_at > :now AND g.expires_at <= :until "
	    "AND g.id > :after AND NOT EXISTS (SELECT 1 FROM job_marks m "
	    "WHERE m.job = 'sign-reminder' AND m.period = '' "
	    "AND m.subject_id = g.id) ORDER BY g.id LIMIT :n");

	db_bind_int(st, ":now", s->now);
	db_bind_int(st, ":until", s->now + JOBS_SIGN_REMIND_AHEAD);
	db_bind_int(st, ":after", after);
	db_bind_int(st, ":n", JOBS_BATCH);
	return ids_read(st, ids);
}

/* What closing the window means for this customer's money. */
static const char *
sign_stakes(struct db *db, struct arena *a, int64_t booking)
{
	struct payment	p;

	if (payment_for_booking(db, a, booking, &p) &&
	    p.status == PAY_AUTHORIZED)
		return "If you do not, the booking closes and the payment you "
		    "authorised (card or UPI) is taken.";
	return "If you do not, the booking closes without your signature.";
}

static int
sign_remind_one(struct db *db, struct arena *a, const struct sweep *s,
    int64_t id)
{
	struct signature	 g;
	struct booking		 b;

	db_begin(db);
	if (!signature_get(db, a, id, &g) || g.status != SIG_REQUESTED ||
	    !booking_get(db, a, g.booking_id, &b) ||
	    !mark_take(db, "sign-reminder", "", id, s->now)) {
		db_rollback(db);
		return 0;
	}
	notify_post(db, a, b.customer_id, b.id, arena_printf(a,
	    "/signatures/%lld/sign", (long long)g.id), OUTBOX_REMINDER,
	    arena_printf(a, "Please sign for booking #%lld by %s",
	    (long long)b.id, fmt_time(a, g.expires_at)),
	    arena_printf(a, "Your %s visit (booking #%lld) is waiting for your "
	    "signature until %s: sign if you are satisfied, or reject it to "
	    "open a dispute. %s", b.service_name, (long long)b.id,
	    fmt_time(a, g.expires_at), sign_stakes(db, a, b.id)), s->now);
	db_commit(db);
	return 1;
}

/* Each customer asked to sign hears a few hours before the window closes, once. */
static size_t
job_sign_reminders(struct db *db, struct arena *a, int64_t now)
{
	struct sweep	s = { signatures_to_remind, sign_remind_one, now, "",
			    "", 0, 0 };

	return sweep(db, a, &s);
}

/* --- the vendors' daily digest ------------------------------------------- */

/* Verified vendors without today's digest, after a cursor. */
static size_t
vendors_undigested(struct db *db, const struct sweep *s, int64_t after,
    int64_t ids[])
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT u.id FROM users u JOIN vendor_profiles p "
	    "ON p.user_id = u.id WHERE u.role = 'vendor' AND u.is_blocked = 0 "
	    "AND p.status = 'verified' AND u.id > :after AND NOT EXISTS "
	    "(SELECT 1 FROM job_marks m WHERE m.job = 'digest' "
	    "AND m.period = :p AND m.subject_id = u.id) ORDER BY u.id LIMIT :n");

	db_bind_int(st, ":after", after);
	db_bind_text(st, ":p", s->period);
	db_bind_int(st, ":n", JOBS_BATCH);
	return ids_read(st, ids);
}

struct digest {
	struct booking	*jobs;
	size_t		 n;
	int64_t		 count;
	struct arena	*arena;
};

static void
digest_fill(struct tmpl_dict *d, const void *ctx)
{
	const struct digest	*g = ctx;
	struct tmpl_dict	*row;
	size_t			 i;

	tmpl_set_int(d, "count", g->count);
	if (g->count > (int64_t)g->n)
		tmpl_set_int(tmpl_section(d, "more"), "shown", (int64_t)g->n);
	for (i = 0; i < g->n; i++) {
		row = tmpl_section(d, "job");
		tmpl_set(row, "service", g->jobs[i].service_name);
		tmpl_set(row, "when", fmt_time(g->arena, g->jobs[i].scheduled_at));
		tmpl_set(row, "pincode", g->jobs[i].pincode);
		tmpl_set(row, "price", fmt_money(g->arena,
		    g->jobs[i].price_paise));
	}
}

static int
digest_one(struct db *db, struct arena *a, const struct sweep *s,
    int64_t vendor)
{
	struct digest	g = { NULL, 0, 0, a };
	struct board_filter any = { NULL, NULL, 0, 0 };
	int64_t		*done;		/* the board's customer history: unused */
	struct notice	n;
	int64_t		now = s->now;

	db_begin(db);
	if (!mark_take(db, "digest", s->period, vendor, now)) {
		db_rollback(db);
		return 0;
	}
	g.count = board_count(db, a, vendor, now, &any, 1000);
	if (g.count > 0) {
		g.n = board_page(db, a, vendor, now, &any, 0, JOBS_DIGEST_JOBS,
		    &g.jobs, &done);
		memset(&n, 0, sizeof(n));
		n.user_id = vendor;
		n.kind = OUTBOX_REMINDER;
		n.subject = g.count == 1 ? "1 job is waiting on your board" :
		    arena_printf(a, "%s%lld jobs are waiting on your board",
		    g.count >= 1000 ? "Over " : "", (long long)g.count);
		n.text = arena_printf(a, "%s in your area and trades. The first "
		    "to accept a job gets it.", n.subject);
		n.link = "/vendor/jobs";
		n.sms = n.text;
		n.sms_link = 1;
		n.email = "email_digest";
		n.fill = digest_fill;
		n.ctx = &g;
		notify_send(db, a, &n, now);
	}
	db_commit(db);
	return g.count > 0;
}

/* Each morning, each verified vendor with jobs waiting hears how many. */
static size_t
job_vendor_digest(struct db *db, struct arena *a, int64_t now)
{
	struct sweep	s = { vendors_undigested, digest_one, now, "", "", 0,
			    0 };

	if (local_tm(now).tm_hour < JOBS_DIGEST_HOUR)
		return 0;
	local_day(now, s.period);
	return sweep(db, a, &s);
}

/* --- monthly reports ----------------------------------------------------- */

struct customer_report {
	int64_t		 bookings;
	int64_t		 completed;
	int64_t		 spent_paise;
	int64_t		 reviews;
	const char	*month;
	const char	*spent;
};

static void
report_fill(struct tmpl_dict *d, const void *ctx)
{
	const struct customer_report	*r = ctx;

	tmpl_set(d, "month", r->month);
	tmpl_set_int(d, "bookings", r->bookings);
	tmpl_set_int(d, "completed", r->completed);
	tmpl_set(d, "spent", r->spent);
	tmpl_set_int(d, "reviews", r->reviews);
}

/* A customer's month: bookings made, finished, money paid, reviews. */
static void
customer_totals(struct db *db, int64_t user, const struct sweep *m,
    struct customer_report *r)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT (SELECT count(*) FROM bookings WHERE customer_id = :u "
	    "AND created_at >= :from AND created_at < :to), "
	    "(SELECT count(*) FROM bookings WHERE customer_id = :u "
	    "AND created_at >= :from AND created_at < :to "
	    "AND status IN ('signed', 'paid')), "
	    "(SELECT coalesce(sum(amount_paise - refunded_paise), 0) "
	    "FROM payments WHERE customer_id = :u AND captured_at >= :from "
	    "AND captured_at < :to), "
	    "(SELECT count(*) FROM reviews WHERE customer_id = :u "
	    "AND created_at >= :from AND created_at < :to)");

	db_bind_int(st, ":u", user);
	db_bind_int(st, ":from", m->from);
	db_bind_int(st, ":to", m->to);
	db_step(st);
	r->bookings = db_int(st, 0);
	r->completed = db_int(st, 1);
	r->spent_paise = db_int(st, 2);
	r->reviews = db_int(st, 3);
	db_done(st);
}

static int
report_customer(struct db *db, struct arena *a, const struct sweep *m,
    int64_t user)
{
	struct customer_report	r;
	struct notice		n;

	db_begin(db);
	if (!mark_take(db, "report", m->period, user, m->now)) {
		db_rollback(db);
		return 0;
	}
	customer_totals(db, user, m, &r);
	r.month = m->label;
	r.spent = fmt_money(a, r.spent_paise);
	memset(&n, 0, sizeof(n));
	n.user_id = user;
	n.kind = OUTBOX_REPORT;
	n.subject = arena_printf(a, "Your HomeServe %s", m->label);
	n.text = arena_printf(a, "In %s you made %lld booking%s and spent %s.",
	    m->label, (long long)r.bookings, r.bookings == 1 ? "" : "s",
	    r.spent);
	n.link = "/bookings";
	n.sms = n.text;
	n.email = "email_report";
	n.fill = report_fill;
	n.ctx = &r;
	notify_send(db, a, &n, m->now);
	db_commit(db);
	return 1;
}

/* Customers who booked in the month and have no report yet, after a cursor. */
static size_t
customers_unreported(struct db *db, const struct sweep *m, int64_t after,
    int64_t ids[])
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT DISTINCT b.customer_id FROM bookings b "
	    "WHERE b.created_at >= :from AND b.created_at < :to "
	    "AND b.customer_id > :after AND NOT EXISTS (SELECT 1 "
	    "FROM job_marks m WHERE m.job = 'report' AND m.period = :p "
	    "AND m.subject_id = b.customer_id) ORDER BY b.customer_id "
	    "LIMIT :n");

	db_bind_int(st, ":from", m->from);
	db_bind_int(st, ":to", m->to);
	db_bind_int(st, ":after", after);
	db_bind_text(st, ":p", m->period);
	db_bind_int(st, ":n", JOBS_BATCH);
	return ids_read(st, ids);
}

struct statement {
	const char	*month;
	int64_t		 jobs;
	const char	*gross;
	const char	*commission;
	const char	*net;
};

static void
statement_fill(struct tmpl_dict *d, const void *ctx)
{
	const struct statement	*s = ctx;

	tmpl_set(d, "month", s->month);
	tmpl_set_int(d, "jobs", s->jobs);
	tmpl_set(d, "gross", s->gross);
	tmpl_set(d, "commission", s->commission);
	tmpl_set(d, "net", s->net);
}

static void
vendor_totals(struct db *db, struct arena *a, int64_t vendor,
    const char *month, struct statement *s)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT count(*), coalesce(sum(gross_paise), 0), "
	    "coalesce(sum(commission_paise), 0), coalesce(sum(net_paise), 0) "
	    "FROM earnings WHERE vendor_id = :v AND month = :m");

	db_bind_int(st, ":v", vendor);
	db_bind_text(st, ":m", month);
	db_step(st);
	s->jobs = db_int(st, 0);
	s->gross = fmt_money(a, db_int(st, 1));
	s->commission = fmt_money(a, db_int(st, 2));
	s->net = fmt_money(a, db_int(st, 3));
	db_done(st);
}

static int
statement_vendor(struct db *db, struct arena *a, const struct sweep *m,
    int64_t vendor)
{
	struct statement	s = { m->label, 0, NULL, NULL, NULL };
	struct notice		n;

	db_begin(db);
	if (!mark_take(db, "statement", m->period, vendor, m->now)) {
		db_rollback(db);
		return 0;
	}
	vendor_totals(db, a, vendor, m->period, &s);
	memset(&n, 0, sizeof(n));
	n.user_id = vendor;
	n.kind = OUTBOX_REPORT;
	n.subject = arena_printf(a, "Your HomeServe statement for %s",
	    m->label);
	n.text = arena_printf(a, "In %s you were paid for %lld job%s: %s "
	    "after %s commission.", m->label, (long long)s.jobs,
	    s.jobs == 1 ? "" : "s", s.net, s.commission);
	n.link = "/vendor/earnings";
	n.sms = n.text;
	n.email = "email_statement";
	n.fill = statement_fill;
	n.ctx = &s;
	notify_send(db, a, &n, m->now);
	db_commit(db);
	return 1;
}

/* Vendors with earnings in the month and no statement yet, after a cursor. */
static size_t
vendors_unstated(struct db *db, const struct sweep *m, int64_t after,
    int64_t ids[])
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT DISTINCT e.vendor_id FROM earnings e WHERE e.month = :p "
	    "AND e.vendor_id > :after AND NOT EXISTS (SELECT 1 FROM job_marks "
	    "m WHERE m.job = 'statement' AND m.period = :p "
	    "AND m.subject_id = e.vendor_id) ORDER BY e.vendor_id LIMIT :n");

	db_bind_text(st, ":p", m->period);
	db_bind_int(st, ":after", after);
	db_bind_int(st, ":n", JOBS_BATCH);
	return ids_read(st, ids);
}

/*
 * From 08:00 on the 1st, last month's report to each customer who
 * booked in it, and a statement to each vendor who earned in it.
 */
static size_t
job_monthly_reports(struct db *db, struct arena *a, int64_t now)
{
	struct sweep	s = { customers_unreported, report_customer, now, "",
			    "", 0, 0 };
	struct tm	tm = local_tm(now);
	size_t		sent;

	if (tm.tm_mday == 1 && tm.tm_hour < JOBS_REPORT_HOUR)
		return 0;
	s.from = month_start(now, -1);
	s.to = month_start(now, 0);
	local_month(s.from, s.period, s.label);
	sent = sweep(db, a, &s);
	s.batch = vendors_unstated;
	s.one = statement_vendor;
	return sent + sweep(db, a, &s);
}

/* --- vendors' documents -------------------------------------------------- */

static size_t
documents_between(struct db *db, const struct sweep *s, int64_t after,
    int64_t ids[])
{
	return vendor_doc_expiring(db, s->from, s->to, after, ids, JOBS_BATCH);
}

/* A month before a document expires, its vendor is asked for a new one. */
static int
document_remind(struct db *db, struct arena *a, const struct sweep *s,
    int64_t id)
{
	struct vendor_doc	d;

	db_begin(db);
	if (!vendor_doc_get(db, a, id, &d) ||
	    !mark_take(db, "document-reminder", "", id, s->now)) {
		db_rollback(db);
		return 0;
	}
	notify_post(db, a, d.vendor_id, 0, "/vendor/documents",
	    OUTBOX_REMINDER, NULL, arena_printf(a, "Your %s is valid until %s. "
	    "Upload a new one before then to keep taking jobs.",
	    vendor_doc_type_label(d.type), d.expires_on), s->now);
	db_commit(db);
	return 1;
}

static size_t
job_document_reminders(struct db *db, struct arena *a, int64_t now)
{
	struct sweep	s = { documents_between, document_remind, now, "", "",
			    now, now + VENDOR_DOC_REMIND };

	return sweep(db, a, &s);
}

/*
 * A document expired: its vendor, if verified, must re-verify (finish
 * the jobs held, take no new ones) until a new one is accepted; the
 * onboarding managers hear of it.
 */
static int
document_expire(struct db *db, struct arena *a, const struct sweep *s,
    int64_t id)
{
	static const struct actor	 system = { 0, "", "document expiry" };
	struct vendor_doc		 d;
	struct vendor_profile		 p;
	const char			*why;

	db_begin(db);
	if (!vendor_doc_get(db, a, id, &d) ||
	    !mark_take(db, "document-expired", "", id, s->now) ||
	    !vendor_get(db, a, d.vendor_id, &p)) {
		db_rollback(db);
		return 0;
	}
	if (p.status == VS_VERIFIED)
		vendor_move(db, a, &system, VS_BY_SYSTEM, p.user_id,
		    VS_REVERIFY, arena_printf(a, "Your %s expired on %s.",
		    vendor_doc_type_label(d.type), d.expires_on), &why);
	notify_role(db, a, ROLE_ONBOARD, 0, arena_printf(a, "/ops/vendors/%lld",
	    (long long)p.user_id), arena_printf(a, "The %s of vendor %s "
	    "expired on %s.", vendor_doc_type_label(d.type), p.username,
	    d.expires_on));
	db_commit(db);
	return 1;
}

static size_t
job_document_expiry(struct db *db, struct arena *a, int64_t now)
{
	struct sweep	s = { documents_between, document_expire, now, "", "",
			    0, now };

	return sweep(db, a, &s);
}

/* --- demand pricing ------------------------------------------------------ */

/*
 * At the first run of each local day, every pincode and category's
 * factor from the last 14 days (pricing.c), in one transaction with the
 * day's mark and one audit row.  Computed whether pricing is on or off,
 * so /ops/pricing shows what switching it on would do.
 */
static size_t
job_pricing(struct db *db, struct arena *a, int64_t now)
{
	char	day[JOBS_NAME_MAX];
	size_t	n;

	local_day(now, day);
	db_begin(db);
	if (!mark_take(db, "pricing", day, 0, now)) {
		db_rollback(db);
		return 0;
	}
	n = pricing_recompute(db, a, &system_actor, now);
	db_commit(db);
	return n;
}

/* --- housekeeping -------------------------------------------------------- */

/* Once a day: expired sessions, old throttle counts and form keys go. */
static size_t
job_cleanup(struct db *db, struct arena *a, int64_t now)
{
	char		 day[JOBS_NAME_MAX];
	int		 mine;
	size_t		 n;

	local_day(now, day);
	db_begin(db);
	mine = mark_take(db, "cleanup", day, 0, now);
	db_commit(db);
	if (!mine)
		return 0;
	n = (size_t)session_purge(db);
	db_begin(db);
	n += (size_t)throttle_purge(db, now - 2 * 86400);
	n += (size_t)booking_rules_key_purge(db, now - 86400);
	db_commit(db);
	return n;
}

/* --- business alerts ----------------------------------------------------- */

/* Once an hour: alert.c's rules; each situation is raised once, ever. */
static size_t
job_alerts(struct db *db, struct arena *a, int64_t now)
{
	struct tm	tm = local_tm(now);
	char		hour[JOBS_NAME_MAX];
	int		mine;

	snprintf(hour, sizeof(hour), "%04d-%02d-%02dT%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour);
	db_begin(db);
	mine = mark_take(db, "alerts", hour, 0, now);
	db_commit(db);
	return mine ? alert_raise_due(db, a, now) : 0;
}

static const struct {
	const char	*name;
	size_t		(*run)(struct db *, struct arena *, int64_t);
} jobs[] = {
	{ "sign-reminders", job_sign_reminders },
	{ "expire-signatures", job_expire_signatures },
	{ "expire-bookings", job_expire_bookings },
	{ "offers-expire", job_offers_expire },
	{ "reminders", job_reminders },
	{ "vendor-digest", job_vendor_digest },
	{ "monthly-reports", job_monthly_reports },
	{ "document-reminders", job_document_reminders },
	{ "document-expiry", job_document_expiry },
	{ "pricing", job_pricing },
	{ "cleanup", job_cleanup },
	{ "alerts", job_alerts },
};

void
jobs_run(struct db *db, struct arena *a, int64_t now,
    void (*report)(const char *, size_t, void *), void *ctx)
{
	size_t	i, n;

	for (i = 0; i < sizeof(jobs) / sizeof(jobs[0]); i++) {
		n = jobs[i].run(db, a, now);
		if (report != NULL)
			report(jobs[i].name, n, ctx);
	}
}
