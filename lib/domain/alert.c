/* alert.c: business alerts: one table of rules the worker checks each hour, each situation raised once and told to the staff chat; staff acknowledge and resolve them. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "account.h"
#include "alert.h"
#include "arena.h"
#include "audit.h"
#include "db.h"
#include "fmt.h"
#include "fsm.h"
#include "log.h"
#include "notify.h"
#include "setting.h"

#define DAY		86400
#define FOUND_MAX	1000	/* subjects a rule raises per pass, at most */

static const struct actor	system_actor = { 0, "", "business alerts" };

static const struct fsm_state statuses[ALERT_STATUS__MAX] = {
	[ALERT_OPEN] = { "open", "Open" },
	[ALERT_ACKNOWLEDGED] = { "acknowledged", "Acknowledged" },
	[ALERT_RESOLVED] = { "resolved", "Resolved" },
};

/* Staff take an alert on, then resolve it (or resolve it at once). */
#define BY_STAFF	(ROLE_STAFF | ROLE_ADMIN)
static const struct fsm_move moves[] = {
	/* from			to			who may */
	{ ALERT_OPEN,		ALERT_ACKNOWLEDGED,	BY_STAFF },
	{ ALERT_OPEN,		ALERT_RESOLVED,		BY_STAFF },
	{ ALERT_ACKNOWLEDGED,	ALERT_RESOLVED,		BY_STAFF },
};

/*
 * Who may see and handle an alert.  Onboarding managers decide on
 * vendors (suspend, re-verify), so they see alerts about a vendor's
 * work; alerts about customers' bookings and money are operations'
 * alone, as the bookings and payments themselves are.
 */
static const struct {
	const char	*name;		/* as stored */
	unsigned	 roles;
} scopes[] = {
	{ "vendor", ROLE_STAFF | ROLE_ADMIN },
	{ "operations", ROLE_OPS | ROLE_ADMIN },
};
enum scope { SCOPE_VENDOR, SCOPE_OPERATIONS };

/* What an alert is about, and how it is named as a key. */
enum subject { SUBJECT_VENDOR, SUBJECT_PAIR, SUBJECT_BOOKING, SUBJECT_PAYMENT };

/*
 * A rule's query returns one row per subject over its threshold, always
 * these columns: vendor, customer, booking, payment (NULL when not
 * part of it), the evidence (the id of the newest fact behind it: with
 * the kind and subject it names the situation), and up to three
 * figures.
 */
struct found {
	int64_t		 vendor, customer, booking, payment;
	int64_t		 evidence;
	int64_t		 n[3];
};

/* A new alert's text, figures and link, as a rule describes it. */
struct draft {
	const char	*summary;
	json_t		*figures;
	const char	*link;
};

struct rule;
typedef size_t	 rule_find(struct db *, struct arena *, const struct rule *,
		    int64_t now, struct found **);
typedef void	 rule_describe(struct db *, struct arena *, const struct rule *,
		    const struct found *, int64_t now, struct draft *);

struct rule {
	const char	*name;		/* alerts.kind */
	const char	*label;
	const char	*evidence;	/* what its link opens */
	enum scope	 scope;
	enum subject	 subject;
	int64_t		 min;		/* how many it takes */
	int64_t		 level;		/* an average or a percent to cross */
	int64_t		 days;		/* the window before now; 0: all time */
	rule_find	*find;
	rule_describe	*describe;
};

/* Up to FOUND_MAX rows of a rule's statement, in the columns above. */
static size_t
found_read(sqlite3_stmt *st, struct arena *a, struct found **out)
{
	struct found	*f;
	size_t		 n = 0;
	int		 i;

	*out = arena_alloc(a, sizeof(**out) * FOUND_MAX);
	db_bind_int(st, ":max", FOUND_MAX);
	while (n < FOUND_MAX && db_step(st) == DB_ROW) {
		f = &(*out)[n++];
		f->vendor = db_int(st, 0);
		f->customer = db_int(st, 1);
		f->booking = db_int(st, 2);
		f->payment = db_int(st, 3);
		f->evidence = db_int(st, 4);
		for (i = 0; i < 3; i++)
			f->n[i] = db_int(st, 5 + i);
	}
	db_done(st);
	return n;
}

/*
 * The bookings of a statement's first column (at most limit, and
 * ALERT_EVIDENCE_MAX), as the figures' evidence.
 */
static void
evidence_add(sqlite3_stmt *st, json_t *figures, int64_t limit)
{
	json_t	*ids = json_array();
	int64_t	 n = 0;

	if (limit > ALERT_EVIDENCE_MAX)
		limit = ALERT_EVIDENCE_MAX;
	db_bind_int(st, ":n", limit);
	while (n++ < limit && db_step(st) == DB_ROW)
		json_array_append_new(ids, json_integer(db_int(st, 0)));
	db_done(st);
	json_object_set_new(figures, "bookings", ids);
}

static const char *
vendor_link(struct arena *a, const struct found *f)
{
	return arena_printf(a, "/ops/vendors/%lld", (long long)f->vendor);
}

static const char *
booking_link(struct arena *a, int64_t booking)
{
	return arena_printf(a, "/ops/bookings/%lld", (long long)booking);
}

/* "2.9": tenths of a ratio, rounded down, so it never reads as the limit. */
static const char *
tenths(struct arena *a, int64_t num, int64_t den)
{
	int64_t	t = den > 0 ? num * 10 / den : 0;

	return arena_printf(a, "%lld.%lld", (long long)(t / 10),
	    (long long)(t % 10));
}

/* --- the rules ----------------------------------------------------------- */

/*
 * Low ratings: a vendor in good standing (verified, not blocked) with
 * at least min ratings whose latest min (newest reviews first) average
 * below level.  Evidence: the newest of those reviews.
 */
static size_t
find_low_rating(struct db *db, struct arena *a, const struct rule *r,
    int64_t now, struct found **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT l.vendor_id, NULL, NULL, NULL, max(l.id), count(*), "
	    "sum(l.rating), 0 FROM (SELECT vendor_id, id, rating, "
	    "row_number() OVER (PARTITION BY vendor_id ORDER BY id DESC) AS n "
	    "FROM reviews) l WHERE l.n <= :min GROUP BY l.vendor_id "
	    "HAVING count(*) = :min AND sum(l.rating) < :level * :min "
	    "AND EXISTS (SELECT 1 FROM vendor_profiles p JOIN users u "
	    "ON u.id = p.user_id WHERE p.user_id = l.vendor_id "
	    "AND p.status = 'verified' AND u.is_blocked = 0) "
	    "ORDER BY l.vendor_id LIMIT :max");

	(void)now;
	db_bind_int(st, ":min", r->min);
	db_bind_int(st, ":level", r->level);
	return found_read(st, a, out);
}

static void
describe_low_rating(struct db *db, struct arena *a, const struct rule *r,
    const struct found *f, int64_t now, struct draft *d)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT booking_id FROM reviews WHERE vendor_id = :v "
	    "AND id <= :last ORDER BY id DESC LIMIT :n");

	(void)now;
	d->summary = arena_printf(a, "The last %lld ratings average %s out of "
	    "5, below %lld.", (long long)f->n[0], tenths(a, f->n[1], f->n[0]),
	    (long long)r->level);
	json_object_set_new(d->figures, "ratings", json_integer(f->n[0]));
	json_object_set_new(d->figures, "rating_sum", json_integer(f->n[1]));
	json_object_set_new(d->figures, "below", json_integer(r->level));
	db_bind_int(st, ":v", f->vendor);
	db_bind_int(st, ":last", f->evidence);
	evidence_add(st, d->figures, r->min);
	d->link = vendor_link(a, f);
}

/*
 * Cancellations after accepting: moves out of 'accepted' into
 * 'cancelled' (by anyone) or back to 'pending' (released to the
 * board), in the days before now by the time of that move, counted
 * for the vendor who accepted (the actor of the booking's last move
 * into 'accepted' before it, not a reschedule's accepted -> accepted
 * event, whose actor is the customer): min or more, for a vendor in
 * good standing.  Evidence: the newest such move.
 */
static size_t
find_cancellations(struct db *db, struct arena *a, const struct rule *r,
    int64_t now, struct found **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT x.vendor_id, NULL, NULL, NULL, max(x.id), count(*), 0, 0 "
	    "FROM (SELECT e.id, (SELECT t.actor_id FROM booking_events t "
	    "WHERE t.booking_id = e.booking_id AND t.to_status = 'accepted' "
	    "AND coalesce(t.from_status, '') <> 'accepted' "
	    "AND t.id < e.id ORDER BY t.id DESC LIMIT 1) AS vendor_id "
	    "FROM booking_events e WHERE e.to_status IN ('cancelled', "
	    "'pending') AND e.from_status = 'accepted' AND e.at > :since "
	    "AND e.at <= :now) x JOIN vendor_profiles p "
	    "ON p.user_id = x.vendor_id JOIN users u ON u.id = x.vendor_id "
	    "WHERE p.status = 'verified' AND u.is_blocked = 0 "
	    "GROUP BY x.vendor_id HAVING count(*) >= :min "
	    "ORDER BY x.vendor_id LIMIT :max");

	db_bind_int(st, ":since", now - r->days * DAY);
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":min", r->min);
	return found_read(st, a, out);
}

static void
describe_cancellations(struct db *db, struct arena *a, const struct rule *r,
    const struct found *f, int64_t now, struct draft *d)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT e.booking_id FROM booking_events e "
	    "WHERE e.to_status IN ('cancelled', 'pending') "
	    "AND e.from_status = 'accepted' AND e.at > :since AND e.at <= :now "
	    "AND (SELECT t.actor_id FROM booking_events t "
	    "WHERE t.booking_id = e.booking_id AND t.to_status = 'accepted' "
	    "AND coalesce(t.from_status, '') <> 'accepted' "
	    "AND t.id < e.id ORDER BY t.id DESC LIMIT 1) = :v "
	    "ORDER BY e.id DESC LIMIT :n");

	d->summary = arena_printf(a, "%lld accepted jobs were cancelled or "
	    "sent back to the board in the last %lld days.",
	    (long long)f->n[0], (long long)r->days);
	json_object_set_new(d->figures, "cancellations", json_integer(f->n[0]));
	json_object_set_new(d->figures, "days", json_integer(r->days));
	db_bind_int(st, ":since", now - r->days * DAY);
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":v", f->vendor);
	evidence_add(st, d->figures, ALERT_EVIDENCE_MAX);
	d->link = vendor_link(a, f);
}

/*
 * Start-code lock-outs: accepted bookings whose wrong start codes
 * reached the start_code_tries setting (starting is refused).  Evidence:
 * the booking's last acceptance, so a job taken again and locked again
 * is a new situation.  "start_failures > 0" lets the partial index
 * bookings_start_failed serve it.
 */
static size_t
find_start_lockout(struct db *db, struct arena *a, const struct rule *r,
    int64_t now, struct found **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT b.vendor_id, b.customer_id, b.id, NULL, "
	    "coalesce((SELECT max(e.id) FROM booking_events e "
	    "WHERE e.booking_id = b.id AND e.to_status = 'accepted' "
	    "AND coalesce(e.from_status, '') <> 'accepted'), 0), "
	    "b.start_failures, :tries, 0 FROM bookings b "
	    "WHERE b.status = 'accepted' AND b.start_failures > 0 "
	    "AND b.start_failures >= :tries ORDER BY b.id LIMIT :max");

	(void)r;
	(void)now;
	db_bind_int(st, ":tries", setting(db, SET_START_CODE_TRIES));
	return found_read(st, a, out);
}

static void
describe_start_lockout(struct db *db, struct arena *a, const struct rule *r,
    const struct found *f, int64_t now, struct draft *d)
{
	(void)db;
	(void)r;
	(void)now;
	d->summary = arena_printf(a, "Starting is locked after %lld wrong "
	    "start codes (%lld allowed).", (long long)f->n[0],
	    (long long)f->n[1]);
	json_object_set_new(d->figures, "failures", json_integer(f->n[0]));
	json_object_set_new(d->figures, "tries", json_integer(f->n[1]));
	json_object_set_new(d->figures, "bookings", json_pack("[I]",
	    (json_int_t)f->booking));
	d->link = booking_link(a, f->booking);
}

/*
 * The booking statuses that count as disputed: SQL text spliced into
 * the dispute rule's literals.  A dispute that ended ('resolved')
 * still counts against the vendor.
 */
#define DISPUTED	"'disputed', 'resolved'"

/*
 * Dispute rate: a vendor in good standing whose disputed bookings are
 * more than level percent of their finished jobs (completed, waiting
 * for a signature, signed, paid, expired unsigned, or disputed), with
 * at least min such jobs.  Evidence: the newest move into 'disputed'
 * among those bookings.
 */
static size_t
find_dispute_rate(struct db *db, struct arena *a, const struct rule *r,
    int64_t now, struct found **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT b.vendor_id, NULL, NULL, NULL, "
	    "coalesce(max(CASE WHEN b.status IN (" DISPUTED ") THEN "
	    "(SELECT max(e.id) FROM booking_events e WHERE e.booking_id = b.id "
	    "AND e.to_status = 'disputed') END), 0), "
	    "sum(CASE WHEN b.status IN (" DISPUTED ") THEN 1 ELSE 0 END), "
	    "count(*), 0 FROM bookings b JOIN vendor_profiles p "
	    "ON p.user_id = b.vendor_id JOIN users u ON u.id = b.vendor_id "
	    "WHERE b.status IN ('completed', 'signature_requested', 'signed', "
	    "'paid', 'expired', " DISPUTED ") AND p.status = 'verified' "
	    "AND u.is_blocked = 0 GROUP BY b.vendor_id "
	    "HAVING count(*) >= :min AND sum(CASE WHEN b.status IN (" DISPUTED
	    ") THEN 1 ELSE 0 END) * 100 > count(*) * :level "
	    "ORDER BY b.vendor_id LIMIT :max");

	(void)now;
	db_bind_int(st, ":min", r->min);
	db_bind_int(st, ":level", r->level);
	return found_read(st, a, out);
}

static void
describe_dispute_rate(struct db *db, struct arena *a, const struct rule *r,
    const struct found *f, int64_t now, struct draft *d)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT id FROM bookings WHERE vendor_id = :v "
	    "AND status IN (" DISPUTED ") ORDER BY id DESC LIMIT :n");

	(void)now;
	d->summary = arena_printf(a, "%lld of %lld finished jobs were "
	    "disputed: %s%%, above %lld%%.", (long long)f->n[0],
	    (long long)f->n[1], tenths(a, f->n[0] * 100, f->n[1]),
	    (long long)r->level);
	json_object_set_new(d->figures, "disputes", json_integer(f->n[0]));
	json_object_set_new(d->figures, "jobs", json_integer(f->n[1]));
	json_object_set_new(d->figures, "above_percent", json_integer(r->level));
	db_bind_int(st, ":v", f->vendor);
	evidence_add(st, d->figures, ALERT_EVIDENCE_MAX);
	d->link = vendor_link(a, f);
}

/*
 * Repeated refunds: min or more payments between the same customer and
 * vendor with a refund (whole or part) made in the days before now.
 * Evidence: the newest of those refunds.
 */
static size_t
find_repeat_refunds(struct db *db, struct arena *a, const struct rule *r,
    int64_t now, struct found **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT p.vendor_id, p.customer_id, NULL, NULL, max(f.id), "
	    "count(DISTINCT p.id), sum(f.amount_paise), 0 "
	    "FROM payment_refunds f JOIN payments p ON p.id = f.payment_id "
	    "WHERE f.created_at > :since AND f.created_at <= :now "
	    "GROUP BY p.customer_id, p.vendor_id "
	    "HAVING count(DISTINCT p.id) >= :min "
	    "ORDER BY p.customer_id, p.vendor_id LIMIT :max");

	db_bind_int(st, ":since", now - r->days * DAY);
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":min", r->min);
	return found_read(st, a, out);
}

static void
describe_repeat_refunds(struct db *db, struct arena *a, const struct rule *r,
    const struct found *f, int64_t now, struct draft *d)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT DISTINCT p.booking_id FROM payment_refunds f "
	    "JOIN payments p ON p.id = f.payment_id "
	    "WHERE p.customer_id = :c AND p.vendor_id = :v "
	    "AND f.created_at > :since AND f.created_at <= :now "
	    "ORDER BY p.booking_id DESC LIMIT :n");
	json_t		*ids;

	d->summary = arena_printf(a, "%lld payments between them were "
	    "refunded in the last %lld days, %s in all.", (long long)f->n[0],
	    (long long)r->days, fmt_money(a, f->n[1]));
	json_object_set_new(d->figures, "refunded_payments",
	    json_integer(f->n[0]));
	json_object_set_new(d->figures, "refunded_paise", json_integer(f->n[1]));
	json_object_set_new(d->figures, "days", json_integer(r->days));
	db_bind_int(st, ":c", f->customer);
	db_bind_int(st, ":v", f->vendor);
	db_bind_int(st, ":since", now - r->days * DAY);
	db_bind_int(st, ":now", now);
	evidence_add(st, d->figures, ALERT_EVIDENCE_MAX);
	/* No one page shows the pair: the newest refunded booking does. */
	ids = json_object_get(d->figures, "bookings");
	d->link = booking_link(a, json_integer_value(json_array_get(ids, 0)));
}

/*
 * Suspended or re-verifying vendors with accepted jobs scheduled after
 * now (min or more): a suspension sends them back to the board, so
 * these are jobs kept by a vendor asked to re-verify, or left behind.
 * Evidence: the vendor's move into that status, so a later suspension
 * is a new situation.  CROSS JOIN keeps SQLite on the few inactive
 * vendors first, not on every accepted booking.
 */
static size_t
find_inactive_vendor_jobs(struct db *db, struct arena *a,
    const struct rule *r, int64_t now, struct found **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT p.user_id, NULL, NULL, NULL, coalesce((SELECT max(e.id) "
	    "FROM vendor_events e WHERE e.vendor_id = p.user_id "
	    "AND e.to_status = p.status), 0), count(*), min(b.scheduled_at), "
	    "CASE p.status WHEN 'suspended' THEN 1 ELSE 0 END "
	    "FROM vendor_profiles p CROSS JOIN bookings b "
	    "WHERE b.vendor_id = p.user_id "
	    "AND p.status IN ('suspended', 'reverify') "
	    "AND b.status = 'accepted' AND b.scheduled_at > :now "
	    "GROUP BY p.user_id, p.status HAVING count(*) >= :min "
	    "ORDER BY p.user_id LIMIT :max");

	db_bind_int(st, ":now", now);
	db_bind_int(st, ":min", r->min);
	return found_read(st, a, out);
}

static void
describe_inactive_vendor_jobs(struct db *db, struct arena *a,
    const struct rule *r, const struct found *f, int64_t now, struct draft *d)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT id FROM bookings WHERE vendor_id = :v "
	    "AND status = 'accepted' AND scheduled_at > :now "
	    "ORDER BY scheduled_at LIMIT :n");

	(void)r;
	d->summary = arena_printf(a, "%s, with %lld accepted job%s still to "
	    "come, the first on %s.", f->n[2] ? "Suspended" : "Asked to "
	    "re-verify", (long long)f->n[0], f->n[0] == 1 ? "" : "s",
	    fmt_time(a, f->n[1]));
	json_object_set_new(d->figures, "status", json_string(f->n[2] ?
	    "suspended" : "reverify"));
	json_object_set_new(d->figures, "accepted_jobs", json_integer(f->n[0]));
	json_object_set_new(d->figures, "first_at", json_integer(f->n[1]));
	db_bind_int(st, ":v", f->vendor);
	db_bind_int(st, ":now", now);
	evidence_add(st, d->figures, ALERT_EVIDENCE_MAX);
	d->link = vendor_link(a, f);
}

/*
 * Authorised and not captured: payments still 'authorized' whose last
 * move into it is more than days old.  Evidence: that move.
 */
static size_t
find_stale_authorization(struct db *db, struct arena *a,
    const struct rule *r, int64_t now, struct found **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT p.vendor_id, p.customer_id, p.booking_id, p.id, e.id, "
	    "e.at, p.amount_paise, 0 FROM payments p JOIN payment_events e "
	    "ON e.id = (SELECT max(x.id) FROM payment_events x "
	    "WHERE x.payment_id = p.id AND x.to_status = 'authorized') "
	    "WHERE p.status = 'authorized' AND e.at < :since "
	    "ORDER BY p.id LIMIT :max");

	db_bind_int(st, ":since", now - r->days * DAY);
	return found_read(st, a, out);
}

static void
describe_stale_authorization(struct db *db, struct arena *a,
    const struct rule *r, const struct found *f, int64_t now, struct draft *d)
{
	(void)db;
	d->summary = arena_printf(a, "%s was authorised on %s, %lld days ago, "
	    "and is not captured (limit %lld days).", fmt_money(a, f->n[1]),
	    fmt_time(a, f->n[0]), (long long)((now - f->n[0]) / DAY),
	    (long long)r->days);
	json_object_set_new(d->figures, "amount_paise", json_integer(f->n[1]));
	json_object_set_new(d->figures, "authorized_at", json_integer(f->n[0]));
	json_object_set_new(d->figures, "days", json_integer(r->days));
	json_object_set_new(d->figures, "bookings", json_pack("[I]",
	    (json_int_t)f->booking));
	d->link = booking_link(a, f->booking);
}

/*
 * The rules.  Thresholds are here, in one place: min (how many), level
 * (an average or a percent to cross), days (the window before now).
 * The README lists the same definitions.
 */
static const struct rule rules[ALERT_KIND__MAX] = {
	[ALERT_LOW_RATING] = { "low_rating", "Low ratings",
	    "The vendor's record", SCOPE_VENDOR, SUBJECT_VENDOR, 10, 3, 0,
	    find_low_rating, describe_low_rating },
	[ALERT_CANCELLATIONS] = { "cancellations",
	    "Cancellations after accepting", "The vendor's record",
	    SCOPE_VENDOR, SUBJECT_VENDOR, 3, 0, 30,
	    find_cancellations, describe_cancellations },
	[ALERT_START_LOCKOUT] = { "start_lockout", "Start code locked",
	    "The booking", SCOPE_OPERATIONS, SUBJECT_BOOKING, 0, 0, 0,
	    find_start_lockout, describe_start_lockout },
	[ALERT_DISPUTE_RATE] = { "dispute_rate", "High dispute rate",
	    "The vendor's record", SCOPE_VENDOR, SUBJECT_VENDOR, 10, 10, 0,
	    find_dispute_rate, describe_dispute_rate },
	[ALERT_REPEAT_REFUNDS] = { "repeat_refunds", "Repeated refunds",
	    "The latest refunded booking", SCOPE_OPERATIONS, SUBJECT_PAIR,
	    2, 0, 90, find_repeat_refunds, describe_repeat_refunds },
	[ALERT_INACTIVE_VENDOR_JOBS] = { "inactive_vendor_jobs",
	    "Jobs held by an inactive vendor", "The vendor's record",
	    SCOPE_VENDOR, SUBJECT_VENDOR, 1, 0, 0,
	    find_inactive_vendor_jobs, describe_inactive_vendor_jobs },
	[ALERT_STALE_AUTHORIZATION] = { "stale_authorization",
	    "Authorised, not captured", "The booking and its payment",
	    SCOPE_OPERATIONS, SUBJECT_PAYMENT, 0, 0, 7,
	    find_stale_authorization, describe_stale_authorization },
};

const char *
alert_kind_label(enum alert_kind k)
{
	return rules[k].label;
}

const char *
alert_evidence_label(enum alert_kind k)
{
	return rules[k].evidence;
}

const char *
alert_status_name(enum alert_status s)
{
	return fsm_name(statuses, ALERT_STATUS__MAX, (int)s);
}

const char *
alert_status_label(enum alert_status s)
{
	return fsm_label(statuses, ALERT_STATUS__MAX, (int)s);
}

int
alert_status_parse(const char *s)
{
	return fsm_find(statuses, ALERT_STATUS__MAX, s);
}

/* May someone of this role see and handle an alert of this kind? */
int
alert_visible(enum alert_kind k, unsigned role)
{
	return (scopes[rules[k].scope].roles & role) != 0;
}

int
alert_may(enum alert_status from, enum alert_status to)
{
	return fsm_allowed(moves, sizeof(moves) / sizeof(moves[0]), (int)from,
	    (int)to, BY_STAFF);
}

static enum alert_kind
kind_parse(const char *s)
{
	int	i;

	for (i = 0; i < ALERT_KIND__MAX; i++)
		if (strcmp(rules[i].name, s) == 0)
			return (enum alert_kind)i;
	log_fatal("alert: unknown kind %s", s);
}

/*
 * "Booking #7, vendor vendor1, customer customer1": what an alert is
 * about, in words; the staff chat gets it without the customer.
 */
const char *
alert_subject_label(struct arena *a, const struct alert *al, int with_customer)
{
	const char	*s = "";

	if (al->payment_id > 0)
		s = arena_printf(a, "Payment #%lld, booking #%lld, ",
		    (long long)al->payment_id, (long long)al->booking_id);
	else if (al->booking_id > 0)
		s = arena_printf(a, "Booking #%lld, ", (long long)al->booking_id);
	if (al->vendor_id > 0)
		s = arena_printf(a, "%svendor %s, ", s, al->vendor_name);
	if (with_customer && al->customer_id > 0)
		s = arena_printf(a, "%scustomer %s, ", s, al->customer_name);
	return arena_strndup(a, s, strlen(s) >= 2 ? strlen(s) - 2 : 0);
}

/* --- raising ------------------------------------------------------------- */

/* The subject as a key: one live alert per kind and key. */
static const char *
subject_key(struct arena *a, const struct rule *r, const struct found *f)
{
	switch (r->subject) {
	case SUBJECT_VENDOR:
		return arena_printf(a, "vendor:%lld", (long long)f->vendor);
	case SUBJECT_PAIR:
		return arena_printf(a, "customer:%lld/vendor:%lld",
		    (long long)f->customer, (long long)f->vendor);
	case SUBJECT_BOOKING:
		return arena_printf(a, "booking:%lld", (long long)f->booking);
	case SUBJECT_PAYMENT:
		break;
	}
	return arena_printf(a, "payment:%lld", (long long)f->payment);
}

/* The alert about a subject that is not resolved: its id and evidence, or 0. */
static int64_t
live_get(struct db *db, const struct rule *r, const char *subject,
    int64_t *evidence)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT id, evidence_id FROM alerts WHERE kind = :k "
	    "AND subject = :s AND status <> 'resolved'");
	int64_t		 id = 0;

	db_bind_text(st, ":k", r->name);
	db_bind_text(st, ":s", subject);
	if (db_step(st) == DB_ROW) {
		id = db_int(st, 0);
		*evidence = db_int(st, 1);
	}
	db_done(st);
	return id;
}

/*
 * Raised before: an alert of this kind about this subject already had
 * this evidence or newer, whatever became of it.  Evidence ids only
 * grow, so a resolved alert comes back only on a fact newer than any
 * it was raised or updated on, not because an older fact went away
 * (a dispute settled, a cancellation out of the window).
 */
static int
situation_seen(struct db *db, const struct rule *r, const char *subject,
    int64_t evidence)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT 1 FROM alerts WHERE kind = :k AND subject = :s "
	    "AND evidence_id >= :e LIMIT 1");
	int		 seen;

	db_bind_text(st, ":k", r->name);
	db_bind_text(st, ":s", subject);
	db_bind_int(st, ":e", evidence);
	seen = db_step(st) == DB_ROW;
	db_done(st);
	return seen;
}

/* A rule's description of a subject, its figures as JSON text (free it). */
static char *
draft_make(struct db *db, struct arena *a, const struct rule *r,
    const struct found *f, int64_t now, struct draft *d)
{
	char	*figures;

	d->figures = json_object();
	r->describe(db, a, r, f, now, d);
	if ((figures = json_dumps(d->figures, JSON_COMPACT)) == NULL)
		log_fatal("alert: out of memory");
	return figures;
}

static void
bind_id(sqlite3_stmt *st, const char *name, int64_t id)
{
	if (id > 0)
		db_bind_int(st, name, id);
	else
		db_bind_null(st, name);
}

/* The row, inside the caller's transaction: its id, or 0 if a race lost. */
static int64_t
alert_insert(struct db *db, const struct rule *r, const char *subject,
    const struct found *f, const struct draft *d, const char *figures,
    int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO alerts (kind, scope, subject, evidence_id, vendor_id, "
	    "customer_id, booking_id, payment_id, summary, figures, link, "
	    "raised_at) VALUES (:k, :scope, :s, :e, :v, :c, :b, :p, :summary, "
	    ":figures, :link, :now) ON CONFLICT DO NOTHING");

	db_bind_text(st, ":k", r->name);
	db_bind_text(st, ":scope", scopes[r->scope].name);
	db_bind_text(st, ":s", subject);
	db_bind_int(st, ":e", f->evidence);
	bind_id(st, ":v", f->vendor);
	bind_id(st, ":c", f->customer);
	bind_id(st, ":b", f->booking);
	bind_id(st, ":p", f->payment);
	db_bind_text(st, ":summary", d->summary);
	db_bind_text(st, ":figures", figures);
	db_bind_text(st, ":link", d->link);
	db_bind_int(st, ":now", now);
	if (db_step(st) != DB_DONE)
		log_fatal("alert: insert refused");
	db_done(st);
	return db_changes(db) == 1 ? db_last_id(db) : 0;
}

/* The staff chat's line: what, about whom, the figures, the alert's page. */
static void
alert_tell(struct db *db, struct arena *a, const struct rule *r, int64_t id,
    int64_t now)
{
	struct alert	al;

	if (!alert_get(db, a, id, &al))
		log_fatal("alert: %lld vanished", (long long)id);
	notify_alert(db, a, arena_printf(a, "Alert #%lld, %s: %s. %s %s",
	    (long long)id, r->label, alert_subject_label(a, &al, 0),
	    al.summary, notify_url(a, arena_printf(a, "/ops/alerts/%lld",
	    (long long)id))), now);
}

/*
 * While an alert is open or acknowledged it follows its situation: a
 * newer fact (another low rating, another cancellation) brings its
 * figures up to date, in one transaction with an audit row and no new
 * message.  So resolving it covers what was seen until then.
 */
static void
live_follow(struct db *db, struct arena *a, const struct rule *r,
    const struct found *f, int64_t id, int64_t was, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE alerts SET evidence_id = :e, summary = :summary, "
	    "figures = :figures, link = :link WHERE id = :id "
	    "AND evidence_id = :was AND status <> 'resolved'");
	struct draft	 d = { NULL, NULL, NULL };
	char		*figures;
	int		 moved;

	db_begin(db);
	figures = draft_make(db, a, r, f, now, &d);
	db_bind_int(st, ":e", f->evidence);
	db_bind_text(st, ":summary", d.summary);
	db_bind_text(st, ":figures", figures);
	db_bind_text(st, ":link", d.link);
	db_bind_int(st, ":id", id);
	db_bind_int(st, ":was", was);
	moved = db_step(st) == DB_DONE && db_changes(db) == 1;
	db_done(st);
	if (moved) {
		audit_write(db, &system_actor, "alert.updated", "alert", id,
		    json_pack("{s:I}", "evidence_id", (json_int_t)was),
		    json_pack("{s:I, s:O}", "evidence_id",
		    (json_int_t)f->evidence, "figures", d.figures));
		db_commit(db);
	} else
		db_rollback(db);
	free(figures);
	json_decref(d.figures);
}

/*
 * One situation, in its own transaction: the alert, its audit row and
 * the staff chat's message; or, if its subject has a live alert, that
 * alert brought up to date; or nothing if it was raised before.
 * Returns 1 if an alert was raised.
 */
static int
raise_one(struct db *db, struct arena *a, const struct rule *r,
    const struct found *f, int64_t now)
{
	const char	*subject = subject_key(a, r, f);
	struct draft	 d = { NULL, NULL, NULL };
	char		*figures;
	int64_t		 id, was = 0;

	if ((id = live_get(db, r, subject, &was)) > 0) {
		if (was != f->evidence)
			live_follow(db, a, r, f, id, was, now);
		return 0;
	}
	if (situation_seen(db, r, subject, f->evidence))
		return 0;
	db_begin(db);
	figures = draft_make(db, a, r, f, now, &d);
	id = alert_insert(db, r, subject, f, &d, figures, now);
	if (id > 0) {
		audit_write(db, &system_actor, "alert.raised", "alert", id,
		    NULL, json_pack("{s:s, s:s, s:s, s:O}", "kind", r->name,
		    "subject", subject, "status", "open", "figures",
		    d.figures));
		alert_tell(db, a, r, id, now);
		db_commit(db);
	} else
		db_rollback(db);
	free(figures);
	json_decref(d.figures);
	return id > 0;
}

/*
 * Every rule as of now; each subject over its threshold whose situation
 * is new becomes an alert.  Returns how many were raised.
 */
size_t
alert_raise_due(struct db *db, struct arena *a, int64_t now)
{
	struct found	*found;
	size_t		 i, j, n, raised = 0;

	for (i = 0; i < ALERT_KIND__MAX; i++) {
		n = rules[i].find(db, a, &rules[i], now, &found);
		for (j = 0; j < n; j++)
			raised += (size_t)raise_one(db, a, &rules[i], &found[j],
			    now);
		arena_reset(a);
	}
	return raised;
}

/* --- reading and handling ------------------------------------------------ */

#define ALERT_COLUMNS \
	"a.id, a.kind, a.status, coalesce(a.vendor_id, 0), " \
	"coalesce(v.username, ''), coalesce(a.customer_id, 0), " \
	"coalesce(c.username, ''), coalesce(a.booking_id, 0), " \
	"coalesce(a.payment_id, 0), a.summary, a.link, a.raised_at, " \
	"coalesce(a.acknowledged_at, 0), coalesce(k.username, ''), " \
	"coalesce(a.resolved_at, 0), coalesce(r.username, ''), " \
	"coalesce(a.resolution, ''), a.figures " \
	"FROM alerts a LEFT JOIN users v ON v.id = a.vendor_id " \
	"LEFT JOIN users c ON c.id = a.customer_id " \
	"LEFT JOIN users k ON k.id = a.acknowledged_by " \
	"LEFT JOIN users r ON r.id = a.resolved_by "

static void
alert_read(sqlite3_stmt *st, struct arena *a, struct alert *al)
{
	memset(al, 0, sizeof(*al));
	al->id = db_int(st, 0);
	al->kind = kind_parse(db_text_tmp(st, 1));
	al->status = (enum alert_status)alert_status_parse(db_text_tmp(st, 2));
	al->vendor_id = db_int(st, 3);
	al->vendor_name = db_text(st, 4, a);
	al->customer_id = db_int(st, 5);
	al->customer_name = db_text(st, 6, a);
	al->booking_id = db_int(st, 7);
	al->payment_id = db_int(st, 8);
	al->summary = db_text(st, 9, a);
	al->link = db_text(st, 10, a);
	al->raised_at = db_int(st, 11);
	al->acknowledged_at = db_int(st, 12);
	al->acknowledged_by = db_text(st, 13, a);
	al->resolved_at = db_int(st, 14);
	al->resolved_by = db_text(st, 15, a);
	al->resolution = db_text(st, 16, a);
}

/* The evidence's bookings from the stored figures. */
static void
bookings_read(struct arena *a, const char *figures, struct alert *al)
{
	json_t	*root = json_loads(figures, 0, NULL), *ids, *v;
	size_t	 i;

	ids = json_object_get(root, "bookings");
	al->nbookings = json_is_array(ids) ? json_array_size(ids) : 0;
	al->bookings = arena_alloc(a, sizeof(int64_t) * (al->nbookings + 1));
	json_array_foreach(ids, i, v)
		al->bookings[i] = json_integer_value(v);
	json_decref(root);
}

/*
 * Alerts newest first, older than before_id (0: from the newest): one
 * status, or (-1) all that are not resolved; only the kinds the role
 * may see.
 */
size_t
alert_list(struct db *db, struct arena *a, int status, unsigned role,
    int64_t before_id, size_t limit, struct alert **out)
{
	sqlite3_stmt	*st;
	size_t		 n = 0;

	if (status < 0)
		st = db_prepare(db, "SELECT " ALERT_COLUMNS
		    "WHERE a.status <> 'resolved' AND a.id < :before "
		    "AND (:all = 1 OR a.scope = 'vendor') "
		    "ORDER BY a.id DESC LIMIT :n");
	else {
		st = db_prepare(db, "SELECT " ALERT_COLUMNS
		    "WHERE a.status = :status AND a.id < :before "
		    "AND (:all = 1 OR a.scope = 'vendor') "
		    "ORDER BY a.id DESC LIMIT :n");
		db_bind_text(st, ":status", statuses[status].name);
	}
	db_bind_int(st, ":before", before_id > 0 ? before_id : INT64_MAX);
	db_bind_int(st, ":all", (scopes[SCOPE_OPERATIONS].roles & role) != 0);
	db_bind_int(st, ":n", (int64_t)limit);
	*out = arena_alloc(a, sizeof(**out) * (limit ? limit : 1));
	while (n < limit && db_step(st) == DB_ROW)
		alert_read(st, a, &(*out)[n++]);
	db_done(st);
	return n;
}

/* One alert with its evidence; 0 if there is none.  Callers check roles. */
int
alert_get(struct db *db, struct arena *a, int64_t id, struct alert *al)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT " ALERT_COLUMNS "WHERE a.id = :id");
	int		 found = 0;

	db_bind_int(st, ":id", id);
	if (db_step(st) == DB_ROW) {
		alert_read(st, a, al);
		bookings_read(a, db_text_tmp(st, 17), al);
		found = 1;
	}
	db_done(st);
	return found;
}

/* Open alerts the role may see: the count in the staff navigation. */
int64_t
alert_open_count(struct db *db, unsigned role)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT count(*) FROM alerts WHERE status = 'open' "
	    "AND (:all = 1 OR scope = 'vendor')");
	int64_t		 n;

	db_bind_int(st, ":all", (scopes[SCOPE_OPERATIONS].roles & role) != 0);
	db_step(st);
	n = db_int(st, 0);
	db_done(st);
	return n;
}

/* The status of an alert inside a transaction; -1 if there is none. */
static int
status_locked(struct db *db, int64_t id)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT status FROM alerts WHERE id = :id");
	int		 s = -1;

	db_bind_int(st, ":id", id);
	if (db_step(st) == DB_ROW)
		s = alert_status_parse(db_text_tmp(st, 0));
	db_done(st);
	return s;
}

/* The audit log's name for each move, by where it goes. */
static const char *const actions[ALERT_STATUS__MAX] = {
	[ALERT_ACKNOWLEDGED] = "alert.acknowledged",
	[ALERT_RESOLVED] = "alert.resolved",
};

/*
 * Move an alert, in one transaction with its audit row: the statement
 * sets the new status, who and when from :to, :u, :now and :note.
 */
static enum alert_result
alert_move(struct db *db, const struct actor *who, int64_t id,
    enum alert_status to, const char *note, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE alerts SET status = :to, "
	    "acknowledged_at = CASE WHEN :to = 'acknowledged' THEN :now "
	    "ELSE acknowledged_at END, "
	    "acknowledged_by = CASE WHEN :to = 'acknowledged' THEN :u "
	    "ELSE acknowledged_by END, "
	    "resolved_at = CASE WHEN :to = 'resolved' THEN :now ELSE NULL END, "
	    "resolved_by = CASE WHEN :to = 'resolved' THEN :u ELSE NULL END, "
	    "resolution = :note WHERE id = :id AND status = :from");
	int		 from;

	db_begin(db);
	if ((from = status_locked(db, id)) < 0 ||
	    !alert_may((enum alert_status)from, to)) {
		db_rollback(db);
		return from < 0 ? ALERT_NOT_FOUND : ALERT_REFUSED;
	}
	db_bind_text(st, ":to", statuses[to].name);
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":u", who->user_id);
	db_bind_text(st, ":note", note);
	db_bind_int(st, ":id", id);
	db_bind_text(st, ":from", statuses[from].name);
	db_step(st);
	db_done(st);
	audit_write(db, who, actions[to], "alert", id,
	    json_pack("{s:s}", "status", statuses[from].name), note != NULL ?
	    json_pack("{s:s, s:s}", "status", statuses[to].name, "note",
	    note) : json_pack("{s:s}", "status", statuses[to].name));
	db_commit(db);
	return ALERT_OK;
}

/* Someone takes it on: only an open alert.  404, 409. */
enum alert_result
alert_acknowledge(struct db *db, const struct actor *who, int64_t id,
    int64_t now)
{
	return alert_move(db, who, id, ALERT_ACKNOWLEDGED, NULL, now);
}

/* Dealt with, with a note (checked at the edge): not twice.  404, 409. */
enum alert_result
alert_resolve(struct db *db, const struct actor *who, int64_t id,
    const char *note, int64_t now)
{
	return alert_move(db, who, id, ALERT_RESOLVED, note, now);
}
