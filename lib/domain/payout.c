/* payout.c: vendors' earnings (price minus the commission setting), their monthly payouts, and marking them paid. */
#include <string.h>
#include <time.h>

#include "arena.h"
#include "audit.h"
#include "clock.h"
#include "db.h"
#include "fmt.h"
#include "log.h"
#include "notify.h"
#include "payout.h"
#include "setting.h"

/* The commission setting, in hundredths of a percent (1500 is 15%). */
int64_t
payout_commission_rate(struct db *db)
{
	return setting(db, SET_COMMISSION);
}

char *
payout_month(struct arena *a, int64_t utc)
{
	time_t		t = (time_t)utc;
	struct tm	tm;
	char		out[16];

	localtime_r(&t, &tm);
	strftime(out, sizeof(out), "%Y-%m", &tm);
	return arena_strdup(a, out);
}

/* The vendor's pending payout for the month, made when there is none. */
static int64_t
pending_payout(struct db *db, int64_t vendor, const char *month)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO payouts (vendor_id, month, created_at, updated_at) "
	    "VALUES (:v, :m, unixepoch(), unixepoch()) "
	    "ON CONFLICT (vendor_id, month) WHERE status = 'pending' "
	    "DO NOTHING");
	sqlite3_stmt	*get;
	int64_t		 id = 0;

	db_bind_int(st, ":v", vendor);
	db_bind_text(st, ":m", month);
	if (db_step(st) != DB_DONE)
		log_fatal("payout: insert refused");
	db_done(st);
	get = db_prepare(db, "SELECT id FROM payouts WHERE vendor_id = :v "
	    "AND month = :m AND status = 'pending'");
	db_bind_int(get, ":v", vendor);
	db_bind_text(get, ":m", month);
	if (db_step(get) == DB_ROW)
		id = db_int(get, 0);
	db_done(get);
	if (id == 0)
		log_fatal("payout: no pending payout for vendor %lld",
		    (long long)vendor);
	return id;
}

/* Inside a transaction: a pending payout's total moves by n. */
static void
payout_amount_add(struct db *db, int64_t payout, int64_t n)
{
	sqlite3_stmt	*st = db_prepare(db, "UPDATE payouts SET amount_paise = "
	    "amount_paise + :n, updated_at = :now WHERE id = :id AND "
	    "status = 'pending'");

	db_bind_int(st, ":n", n);
	db_bind_int(st, ":now", clock_now());
	db_bind_int(st, ":id", payout);
	if (db_step(st) != DB_DONE || db_changes(db) != 1)
		log_fatal("payout: adding to payout %lld refused",
		    (long long)payout);
	db_done(st);
}

int64_t
payout_commission(int64_t amount, int64_t rate_hundredths)
{
	return (amount * rate_hundredths + 5000) / 10000;
}

void
payout_earning_add(struct db *db, struct arena *a, const struct actor *who,
    const struct payout_earning_in *p, int64_t *net, int64_t *commission,
    const char **month)
{
	int64_t		 rate = payout_commission_rate(db), payout;
	sqlite3_stmt	*st;

	*commission = payout_commission(p->gross_paise, rate);
	*net = p->gross_paise - *commission;
	*month = payout_month(a, p->at);
	payout = pending_payout(db, p->vendor_id, *month);
	st = db_prepare(db,
	    "INSERT INTO earnings (payment_id, vendor_id, booking_id, month, "
	    "gross_paise, commission_paise, net_paise, payout_id, created_at, "
	    "reason) VALUES (:p, :v, :b, :m, :g, :c, :n, :po, :at, :r)");
	db_bind_int(st, ":p", p->payment_id);
	db_bind_int(st, ":v", p->vendor_id);
	db_bind_int(st, ":b", p->booking_id);
	db_bind_text(st, ":m", *month);
	db_bind_int(st, ":g", p->gross_paise);
	db_bind_int(st, ":c", *commission);
	db_bind_int(st, ":n", *net);
	db_bind_int(st, ":po", payout);
	db_bind_int(st, ":at", p->at);
	db_bind_text(st, ":r", p->reason != NULL ? p->reason : "");
	if (db_step(st) != DB_DONE)
		log_fatal("payout: earning for payment %lld refused",
		    (long long)p->payment_id);
	db_done(st);
	payout_amount_add(db, payout, *net);
	audit_write(db, who, "earning.record", "payment", p->payment_id, NULL,
	    json_pack("{s:I, s:I, s:I, s:I, s:I, s:s, s:I}", "vendor_id",
	    (json_int_t)p->vendor_id, "gross_paise",
	    (json_int_t)p->gross_paise, "commission_paise",
	    (json_int_t)*commission, "net_paise", (json_int_t)*net,
	    "commission_rate_hundredths", (json_int_t)rate, "month", *month,
	    "payout_id", (json_int_t)payout));
}

/*
 * Inside the refund's transaction: the vendor's share of a refund taken
 * back as a negative line on their pending payout for the month of at:
 * the earning's own split (net over gross) of the amount refunded, half
 * up, the rest being commission returned.  A payment that never earned
 * (refunded before capture) takes nothing back.  Returns the net taken
 * back (0 if none) and the month.
 */
int64_t
payout_clawback_add(struct db *db, struct arena *a, const struct actor *who,
    const struct payout_clawback_in *c, const char **month)
{
	sqlite3_stmt	*st = db_prepare(db, "SELECT gross_paise, net_paise "
	    "FROM earnings WHERE payment_id = :p AND kind = 'earning'");
	int64_t		 gross = 0, net = 0, back, payout;

	db_bind_int(st, ":p", c->payment_id);
	if (db_step(st) == DB_ROW) {
		gross = db_int(st, 0);
		net = db_int(st, 1);
	}
	db_done(st);
	*month = payout_month(a, c->at);
	if (gross <= 0 || c->refund_paise <= 0)
		return 0;
	back = (2 * c->refund_paise * net + gross) / (2 * gross);
	payout = pending_payout(db, c->vendor_id, *month);
	st = db_prepare(db,
	    "INSERT INTO earnings (payment_id, kind, vendor_id, booking_id, "
	    "month, gross_paise, commission_paise, net_paise, reason, "
	    "payout_id, created_at) VALUES (:p, 'clawback', :v, :b, :m, :g, "
	    ":c, :n, :r, :po, :at)");
	db_bind_int(st, ":p", c->payment_id);
	db_bind_int(st, ":v", c->vendor_id);
	db_bind_int(st, ":b", c->booking_id);
	db_bind_text(st, ":m", *month);
	db_bind_int(st, ":g", -c->refund_paise);
	db_bind_int(st, ":c", -(c->refund_paise - back));
	db_bind_int(st, ":n", -back);
	db_bind_text(st, ":r", c->reason);
	db_bind_int(st, ":po", payout);
	db_bind_int(st, ":at", c->at);
	if (db_step(st) != DB_DONE)
		log_fatal("payout: clawback for payment %lld refused",
		    (long long)c->payment_id);
	db_done(st);
	payout_amount_add(db, payout, -back);
	audit_write(db, who, "earning.clawback", "payment", c->payment_id, NULL,
	    json_pack("{s:I, s:I, s:I, s:s, s:I, s:s}", "vendor_id",
	    (json_int_t)c->vendor_id, "refund_paise",
	    (json_int_t)c->refund_paise, "net_paise", (json_int_t)-back,
	    "month", *month, "payout_id", (json_int_t)payout, "reason",
	    c->reason));
	return back;
}

#define PAYOUT_COLUMNS \
	"o.id, o.vendor_id, v.username, o.month, o.amount_paise, " \
	"o.status = 'paid', o.reference, coalesce(o.paid_at, 0), b.username, " \
	"(SELECT count(*) FROM earnings e WHERE e.payout_id = o.id), " \
	"o.created_at FROM payouts o JOIN users v ON v.id = o.vendor_id " \
	"LEFT JOIN users b ON b.id = o.paid_by "

static void
payout_read(sqlite3_stmt *st, struct arena *a, struct payout *o)
{
	o->id = db_int(st, 0);
	o->vendor_id = db_int(st, 1);
	o->vendor_name = db_text(st, 2, a);
	o->month = db_text(st, 3, a);
	o->amount_paise = db_int(st, 4);
	o->paid = (int)db_int(st, 5);
	o->reference = db_text(st, 6, a);
	o->paid_at = db_int(st, 7);
	o->paid_by_name = db_text(st, 8, a);
	o->earnings = db_int(st, 9);
	o->created_at = db_int(st, 10);
}

static size_t
payout_rows(sqlite3_stmt *st, struct arena *a, size_t limit,
    struct payout **out)
{
	size_t	n = 0;

	*out = arena_alloc(a, sizeof(**out) * (limit ? limit : 1));
	while (n < limit && db_step(st) == DB_ROW)
		payout_read(st, a, &(*out)[n++]);
	db_done(st);
	return n;
}

size_t
payout_list(struct db *db, struct arena *a, int paid, size_t limit,
    struct payout **out)
{
	sqlite3_stmt	*pending = db_prepare(db, "SELECT " PAYOUT_COLUMNS
	    "WHERE o.status = 'pending' AND o.amount_paise > 0 "
	    "ORDER BY o.month, v.username LIMIT :n");
	sqlite3_stmt	*done = db_prepare(db, "SELECT " PAYOUT_COLUMNS
	    "WHERE o.status = 'paid' ORDER BY o.paid_at DESC, o.id DESC "
	    "LIMIT :n");
	sqlite3_stmt	*st = paid ? done : pending;

	db_bind_int(st, ":n", (int64_t)limit);
	return payout_rows(st, a, limit, out);
}

int
payout_get(struct db *db, struct arena *a, int64_t id, struct payout *o)
{
	sqlite3_stmt	*st = db_prepare(db, "SELECT " PAYOUT_COLUMNS
	    "WHERE o.id = :id");
	int		 found = 0;

	db_bind_int(st, ":id", id);
	if (db_step(st) == DB_ROW) {
		payout_read(st, a, o);
		found = 1;
	}
	db_done(st);
	return found;
}

enum payout_result
payout_mark_paid(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, const char *reference)
{
	struct payout	 o;
	sqlite3_stmt	*st;

	db_begin(db);
	if (!payout_get(db, a, id, &o)) {
		db_rollback(db);
		return PAYOUT_NOT_FOUND;
	}
	if (o.amount_paise < 0) {	/* refunds took back more than it earned */
		db_rollback(db);
		return PAYOUT_NEGATIVE;
	}
	st = db_prepare(db, "UPDATE payouts SET status = 'paid', reference = "
	    ":r, paid_at = unixepoch(), paid_by = :by, updated_at = unixepoch() "
	    "WHERE id = :id AND status = 'pending'");
	db_bind_text(st, ":r", reference);
	db_bind_int(st, ":by", who->user_id);
	db_bind_int(st, ":id", id);
	if (db_step(st) != DB_DONE)
		log_fatal("payout: marking %lld paid refused", (long long)id);
	db_done(st);
	if (db_changes(db) != 1) {
		db_rollback(db);
		return PAYOUT_REFUSED;
	}
	audit_write(db, who, "payout.paid", "payout", id,
	    json_pack("{s:s}", "status", "pending"),
	    json_pack("{s:s, s:s, s:I, s:I, s:s}", "status", "paid",
	    "reference", reference, "amount_paise", (json_int_t)o.amount_paise,
	    "vendor_id", (json_int_t)o.vendor_id, "month", o.month));
	notify_add(db, a, o.vendor_id, 0, arena_printf(a, "Your payout of %s for "
	    "%s is paid (reference %s).", fmt_money(a, o.amount_paise),
	    o.month, reference));
	db_commit(db);
	return PAYOUT_OK;
}

size_t
payout_vendor_months(struct db *db, struct arena *a, int64_t vendor,
    struct earning_month **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT e.month, count(*), sum(e.gross_paise), "
	    "sum(e.commission_paise), sum(e.net_paise), "
	    "coalesce(sum(e.net_paise) FILTER (WHERE o.status = 'paid'), 0) "
	    "FROM earnings e LEFT JOIN payouts o ON o.id = e.payout_id "
	    "WHERE e.vendor_id = :v GROUP BY e.month ORDER BY e.month DESC "
	    "LIMIT 120");
	size_t		 n = 0;

	*out = arena_alloc(a, sizeof(**out) * 120);
	db_bind_int(st, ":v", vendor);
	while (n < 120 && db_step(st) == DB_ROW) {
		struct earning_month	*m = &(*out)[n++];

		m->month = db_text(st, 0, a);
		m->count = db_int(st, 1);
		m->gross_paise = db_int(st, 2);
		m->commission_paise = db_int(st, 3);
		m->net_paise = db_int(st, 4);
		m->paid_paise = db_int(st, 5);
		m->pending_paise = m->net_paise - m->paid_paise;
	}
	db_done(st);
	return n;
}

size_t
payout_vendor_earnings(struct db *db, struct arena *a, int64_t vendor,
    size_t limit, struct earning **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT e.booking_id, b.service_name, e.gross_paise, e.commission_paise, "
	    "e.net_paise, coalesce(o.status = 'paid', 0), e.created_at, "
	    "e.kind = 'clawback', e.reason "
	    "FROM earnings e JOIN bookings b ON b.id = e.booking_id "
	    "LEFT JOIN payouts o ON o.id = e.payout_id "
	    "WHERE e.vendor_id = :v ORDER BY e.id DESC LIMIT :n");
	size_t		 n = 0;

	*out = arena_alloc(a, sizeof(**out) * (limit ? limit : 1));
	db_bind_int(st, ":v", vendor);
	db_bind_int(st, ":n", (int64_t)limit);
	while (n < limit && db_step(st) == DB_ROW) {
		struct earning	*e = &(*out)[n++];

		e->booking_id = db_int(st, 0);
		e->service_name = db_text(st, 1, a);
		e->gross_paise = db_int(st, 2);
		e->commission_paise = db_int(st, 3);
		e->net_paise = db_int(st, 4);
		e->paid = (int)db_int(st, 5);
		e->created_at = db_int(st, 6);
		e->clawback = (int)db_int(st, 7);
		e->reason = db_text(st, 8, a);
	}
	db_done(st);
	return n;
}

size_t
payout_vendor_payouts(struct db *db, struct arena *a, int64_t vendor,
    size_t limit, struct payout **out)
{
	sqlite3_stmt	*st = db_prepare(db, "SELECT " PAYOUT_COLUMNS
	    "WHERE o.vendor_id = :v AND o.amount_paise > 0 "
	    "ORDER BY o.month DESC, o.id DESC LIMIT :n");

	db_bind_int(st, ":v", vendor);
	db_bind_int(st, ":n", (int64_t)limit);
	return payout_rows(st, a, limit, out);
}
