/* booking.c: the booking state machine (one table), booking rules, the job board and start codes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "appkey.h"
#include "arena.h"
#include "audit.h"
#include "booking.h"
#include "booking_rules.h"
#include "catalog.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "fmt.h"
#include "fsm.h"
#include "log.h"
#include "notify.h"
#include "pricing.h"
#include "setting.h"

static const struct fsm_state statuses[BK__MAX] = {
	[BK_PENDING] = { "pending", "Waiting for a vendor" },
	[BK_ACCEPTED] = { "accepted", "Accepted" },
	[BK_IN_PROGRESS] = { "in_progress", "In progress" },
	[BK_COMPLETED] = { "completed", "Completed" },
	[BK_SIGNATURE_REQUESTED] = { "signature_requested",
	    "Awaiting customer signature" },
	[BK_SIGNED] = { "signed", "Signed" },
	[BK_PAID] = { "paid", "Paid" },
	[BK_CANCELLED] = { "cancelled", "Cancelled" },
	[BK_DISPUTED] = { "disputed", "Disputed" },
	[BK_EXPIRED] = { "expired", "Expired" },
	[BK_RESOLVED] = { "resolved", "Dispute resolved" },
};

/*
 * Every move a booking can make, and who may make it.  Anything not
 * here is refused with 409.  Ops may cancel what a customer may.
 */
static const struct fsm_move transitions[] = {
	/* from			to			who may */
	{ BK_PENDING,		BK_ACCEPTED,		ROLE_VENDOR },
	{ BK_ACCEPTED,		BK_IN_PROGRESS,		ROLE_VENDOR },
	{ BK_IN_PROGRESS,	BK_COMPLETED,		ROLE_VENDOR },
	{ BK_COMPLETED,		BK_SIGNATURE_REQUESTED,	ROLE_VENDOR },
	{ BK_SIGNATURE_REQUESTED, BK_SIGNED,		ROLE_CUSTOMER },
	{ BK_PENDING,		BK_CANCELLED,		ROLE_CUSTOMER | ROLE_OPS },
	{ BK_ACCEPTED,		BK_CANCELLED,		ROLE_CUSTOMER | ROLE_OPS },
	{ BK_SIGNATURE_REQUESTED, BK_DISPUTED,		ROLE_CUSTOMER },
	{ BK_SIGNATURE_REQUESTED, BK_EXPIRED,		BK_BY_SYSTEM },
	{ BK_PENDING,		BK_EXPIRED,		BK_BY_SYSTEM },
	/*
	 * Its vendor may no longer work (suspended, blocked, or unavailable
	 * as operations hear), or gives it back (policy.c counts it when
	 * late): the job goes back to the board.
	 */
	{ BK_ACCEPTED,		BK_PENDING,		BK_BY_SYSTEM | ROLE_ONBOARD |
	    ROLE_OPS | ROLE_ADMIN | ROLE_VENDOR },
	{ BK_SIGNED,		BK_PAID,		ROLE_CUSTOMER | ROLE_OPS | BK_BY_SYSTEM },
	/* A silent window: the payment held is taken (settlement.c). */
	{ BK_EXPIRED,		BK_PAID,		ROLE_CUSTOMER | ROLE_OPS | BK_BY_SYSTEM },
	/* Operations settle a dispute with an outcome (settlement.c). */
	{ BK_DISPUTED,		BK_RESOLVED,		ROLE_OPS },
};

/* What the other party is told, per destination state. */
static const char *const notices[BK__MAX] = {
	[BK_ACCEPTED] = "was accepted by a vendor.",
	[BK_IN_PROGRESS] = "has started.",
	[BK_COMPLETED] = "is completed.",
	[BK_SIGNATURE_REQUESTED] = "is waiting for your signature: its page "
	    "says until when.",
	[BK_SIGNED] = "was signed by the customer.",
	[BK_PAID] = "is paid.",
	[BK_CANCELLED] = "was cancelled.",
	[BK_DISPUTED] = "was disputed by the customer.",
	[BK_EXPIRED] = "closed without a signature.",
	[BK_RESOLVED] = "had its dispute settled by HomeServe.",
};

/* Where the move it came from changes the story. */
static const struct {
	enum booking_status	 from;
	enum booking_status	 to;
	const char		*text;
} notices_from[] = {
	{ BK_PENDING, BK_EXPIRED, "expired: no vendor accepted it before its "
	    "time. Nothing was charged; you can book again." },
	{ BK_ACCEPTED, BK_PENDING, "is back on the job board: its "
	    "professional can no longer come. Another verified professional "
	    "can take it; you need do nothing." },
};

static const char *
notice_for(enum booking_status from, enum booking_status to)
{
	size_t	i;

	for (i = 0; i < sizeof(notices_from) / sizeof(notices_from[0]); i++)
		if (notices_from[i].from == from && notices_from[i].to == to)
			return notices_from[i].text;
	return notices[to];
}

const char *
booking_status_name(enum booking_status s)
{
	return fsm_name(statuses, BK__MAX, (int)s);
}

const char *
booking_status_label(enum booking_status s)
{
	return fsm_label(statuses, BK__MAX, (int)s);
}

enum booking_status
booking_status_parse(const char *s)
{
	int	i = fsm_find(statuses, BK__MAX, s);

	if (i < 0)
		log_fatal("booking: unknown status %s", s);
	return (enum booking_status)i;
}

int
booking_transition_allowed(enum booking_status from, enum booking_status to,
    unsigned who)
{
	return fsm_allowed(transitions, sizeof(transitions) /
	    sizeof(transitions[0]), (int)from, (int)to, who);
}

/* The sentence shown with a 409. */
const char *
booking_refusal(enum booking_status from, enum booking_status to)
{
	static char	why[160];

	snprintf(why, sizeof(why), "A booking that is “%s” cannot become "
	    "“%s”.", statuses[from].label, statuses[to].label);
	return why;
}

/*
 * A time a customer may book, by the settings of the moment: ahead
 * enough, not too far, in the hours visits start.
 */
enum booking_result
booking_check_time(struct db *db, struct arena *a, int64_t when, int64_t now,
    const char **why)
{
	int64_t		lead = setting(db, SET_LEAD_HOURS);
	int64_t		horizon = setting(db, SET_HORIZON_DAYS);
	int64_t		opens = setting(db, SET_HOURS_START);
	int64_t		closes = setting(db, SET_HOURS_END);
	time_t		t = (time_t)when;
	struct tm	tm;
	int		minute;

	localtime_r(&t, &tm);
	minute = tm.tm_hour * 60 + tm.tm_min;
	if (when < now + lead * 3600)
		*why = lead == 0 ? "Choose a time that has not passed." :
		    arena_printf(a, "Choose a time at least %lld hour%s from "
		    "now.", (long long)lead, lead == 1 ? "" : "s");
	else if (when > now + horizon * 86400)
		*why = arena_printf(a, "Choose a time within the next %lld "
		    "day%s.", (long long)horizon, horizon == 1 ? "" : "s");
	else if (minute < opens || minute > closes)
		*why = arena_printf(a, "Vendors visit between %s and %s.",
		    setting_text(a, SET_HOURS_START, opens),
		    setting_text(a, SET_HOURS_END, closes));
	else
		return BOOKING_OK;
	return BOOKING_BAD_TIME;
}

/*
 * A time a customer may book a visit of this length: booking_check_time's
 * rules, then the whole visit must end by the hours_end setting.
 */
enum booking_result
booking_check_visit(struct db *db, struct arena *a, int64_t when,
    int64_t duration_minutes, int64_t now, const char **why)
{
	int64_t		closes = setting(db, SET_HOURS_END);
	time_t		t = (time_t)when;
	struct tm	tm;
	int64_t		minute;

	if (booking_check_time(db, a, when, now, why) != BOOKING_OK)
		return BOOKING_BAD_TIME;
	localtime_r(&t, &tm);
	minute = tm.tm_hour * 60 + tm.tm_min;
	if (minute + duration_minutes <= closes)
		return BOOKING_OK;
	*why = closes - duration_minutes < setting(db, SET_HOURS_START) ?
	    arena_printf(a, "A %lld-minute visit cannot end by %s.",
	    (long long)duration_minutes, setting_text(a, SET_HOURS_END, closes)) :
	    arena_printf(a, "A %lld-minute visit must end by %s: choose a start "
	    "by %s.", (long long)duration_minutes, setting_text(a,
	    SET_HOURS_END, closes), setting_text(a, SET_HOURS_END,
	    closes - duration_minutes));
	return BOOKING_BAD_TIME;
}

/*
 * Whether a verified, unblocked vendor (this one; any, for 0) does the
 * category in the pincode: the rule every booking and offer obeys.
 */
int
booking_vendor_serves(struct db *db, int64_t vendor, const char *category,
    const char *pincode)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT 1 FROM vendor_profiles p "
	    "JOIN users u ON u.id = p.user_id "
	    "JOIN vendor_categories c ON c.vendor_id = p.user_id "
	    "JOIN vendor_pincodes z ON z.vendor_id = p.user_id "
	    "WHERE p.status = 'verified' AND u.is_blocked = 0 "
	    "AND c.category = :cat AND z.pincode = :pin "
	    "AND (:v = 0 OR p.user_id = :v) LIMIT 1");
	int		 found;

	db_bind_text(st, ":cat", category);
	db_bind_text(st, ":pin", pincode);
	db_bind_int(st, ":v", vendor);
	found = db_step(st) == DB_ROW;
	db_done(st);
	return found;
}

static void
event_add(struct db *db, int64_t id, const enum booking_status *from,
    enum booking_status to, int64_t actor, const char *note)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO booking_events (booking_id, from_status, to_status, "
	    "actor_id, note, at) VALUES (:b, :f, :t, :a, :n, unixepoch())");

	db_bind_int(st, ":b", id);
	db_bind_text(st, ":f", from != NULL ? statuses[*from].name : NULL);
	db_bind_text(st, ":t", statuses[to].name);
	if (actor > 0)
		db_bind_int(st, ":a", actor);
	db_bind_text(st, ":n", note != NULL ? note : "");
	if (db_step(st) != DB_DONE)
		log_fatal("booking: event refused");
	db_done(st);
}

/*
 * Demand pricing (pricing.c): the price in force for the pincode must
 * be the one the customer was shown (no quote: the catalogue's, at
 * 1.00), else BOOKING_PRICE_CHANGED with the new one in *why.  Called
 * inside booking_create's transaction, so neither the daily job nor an
 * override can move it between this check and the insert.
 */
static enum booking_result
price_settle(struct db *db, struct arena *a, const struct service *s,
    const struct booking_request *in, struct pricing_quote *q,
    const char **why)
{
	int64_t	want_paise = in->quoted_paise ? in->quoted_paise :
		    s->price_paise;
	int64_t	want_factor = in->quoted_factor ? in->quoted_factor :
		    PRICING_NONE;

	pricing_quote(db, s, in->pincode, q);
	if (q->price_paise == want_paise && q->factor == want_factor)
		return BOOKING_OK;
	*why = arena_printf(a, "The price changed since you saw it: it is now "
	    "%s for pincode %s%s. Nothing was booked: check the price and "
	    "book again.", fmt_money(a, q->price_paise), in->pincode,
	    q->factor > PRICING_NONE ? arena_printf(a, ", which includes a "
	    "%lld%% busy-area adjustment", (long long)(q->factor -
	    PRICING_NONE)) : "");
	return BOOKING_PRICE_CHANGED;
}

/* A chosen vendor's offer, alone for the setting's hours; else open. */
static void
offer_bind(struct db *db, sqlite3_stmt *st, int64_t vendor)
{
	if (vendor == 0) {
		db_bind_null(st, ":offered_to");
		db_bind_null(st, ":offered_until");
		return;
	}
	db_bind_int(st, ":offered_to", vendor);
	db_bind_int(st, ":offered_until", clock_now() +
	    setting(db, SET_CHOSEN_VENDOR_HOURS) * 3600);
}

/*
 * Inside booking_create's transaction, which holds the write lock: the
 * form key not yet used (a second POST of one form finds the first's
 * booking, BOOKING_DUPLICATE with *id), and the customer's caps.
 */
static enum booking_result
create_allowed(struct db *db, struct arena *a, const struct actor *who,
    const struct booking_request *in, int64_t *id, const char **why)
{
	static const enum booking_result	caps[] = {
		[BOOKING_CAP_OK] = BOOKING_OK,
		[BOOKING_CAP_PENDING] = BOOKING_TOO_MANY_PENDING,
		[BOOKING_CAP_TODAY] = BOOKING_TOO_MANY_TODAY,
	};

	if (in->form_key != NULL &&
	    (*id = booking_rules_key_find(db, who->user_id, in->form_key)) > 0)
		return BOOKING_DUPLICATE;
	return caps[booking_rules_cap(db, a, who->user_id, clock_now(), why)];
}

/*
 * Create a pending booking at the catalogue's price, with the demand
 * factor it was quoted at.  Returns BOOKING_OK with *id, or the rule
 * that failed with *why.
 */
enum booking_result
booking_create(struct db *db, struct arena *a, const struct actor *who,
    const struct booking_request *in, int64_t *id, const char **why)
{
	struct service		 s;
	struct pricing_quote	 q;
	enum booking_result	 rc;
	sqlite3_stmt		*st;
	int64_t			 now = clock_now();

	if (!catalog_get(db, a, in->service_id, &s) || !catalog_offered(&s))
		return *why = "This service is not offered.", BOOKING_BAD_SERVICE;
	if (in->form_key != NULL &&
	    (*id = booking_rules_key_find(db, who->user_id, in->form_key)) > 0)
		return BOOKING_DUPLICATE;
	if (booking_check_visit(db, a, in->scheduled_at, s.duration_minutes,
	    clock_now(), why))
		return BOOKING_BAD_TIME;
	if (!booking_vendor_serves(db, 0, s.category, in->pincode)) {
		*why = arena_printf(a, "No verified vendor offers %s in pincode "
		    "%s yet.", s.category_name, in->pincode);
		return BOOKING_NO_VENDOR;
	}
	if (in->vendor_id != 0 && !booking_vendor_serves(db, in->vendor_id,
	    s.category, in->pincode)) {
		*why = arena_printf(a, "The professional you chose does not "
		    "offer %s in pincode %s now: choose another, or any "
		    "available professional.", s.category_name, in->pincode);
		return BOOKING_NOT_ELIGIBLE;
	}
	db_begin(db);
	if ((rc = create_allowed(db, a, who, in, id, why)) != BOOKING_OK ||
	    (rc = price_settle(db, a, &s, in, &q, why)) != BOOKING_OK) {
		db_rollback(db);
		return rc;
	}
	st = db_prepare(db,
	    "INSERT INTO bookings (customer_id, service_id, service_name, "
	    "category, address, pincode, scheduled_at, duration_minutes, "
	    "price_paise, price_factor, gst_rate, notes, created_at, "
	    "updated_at, offered_to, offered_until) VALUES (:c, :s, :name, "
	    ":cat, :a, :p, :t, :d, :price, :factor, :gst, :n, :now, :now, "
	    ":offered_to, :offered_until)");
	db_bind_int(st, ":c", who->user_id);
	db_bind_int(st, ":s", s.id);
	db_bind_text(st, ":name", s.name);
	db_bind_text(st, ":cat", s.category);
	db_bind_text(st, ":a", in->address);
	db_bind_text(st, ":p", in->pincode);
	db_bind_int(st, ":t", in->scheduled_at);
	db_bind_int(st, ":d", s.duration_minutes);
	db_bind_int(st, ":price", q.price_paise);
	db_bind_int(st, ":factor", q.factor);
	db_bind_int(st, ":gst", setting(db, SET_GST));
	db_bind_text(st, ":n", in->notes);
	db_bind_int(st, ":now", now);
	offer_bind(db, st, in->vendor_id);
	if (db_step(st) != DB_DONE)
		log_fatal("booking: insert refused");
	db_done(st);
	*id = db_last_id(db);
	if (in->form_key != NULL)
		booking_rules_key_store(db, who->user_id, in->form_key, *id, now);
	event_add(db, *id, NULL, BK_PENDING, who->user_id, "");
	if (in->vendor_id != 0)
		notify_add(db, a, in->vendor_id, *id, arena_printf(a,
		    "Booking #%lld (%s) was requested for you: it waits for you "
		    "alone for %lld hour(s), then goes to every professional.",
		    (long long)*id, s.name, (long long)setting(db,
		    SET_CHOSEN_VENDOR_HOURS)));
	audit_write(db, who, "booking.create", "booking", *id, NULL,
	    json_pack("{s:I, s:s, s:s, s:I, s:I, s:I}", "service_id",
	    (json_int_t)s.id, "pincode", in->pincode, "status", "pending",
	    "scheduled_at", (json_int_t)in->scheduled_at, "price_paise",
	    (json_int_t)q.price_paise, "price_factor", (json_int_t)q.factor));
	db_commit(db);
	return BOOKING_OK;
}

static void
booking_read(sqlite3_stmt *st, struct arena *a, struct booking *b)
{
	b->id = db_int(st, 0);
	b->customer_id = db_int(st, 1);
	b->customer_name = db_text(st, 2, a);
	b->vendor_id = db_int(st, 3);
	b->vendor_name = db_text(st, 4, a);
	b->service_id = db_int(st, 5);
	b->service_name = db_text(st, 6, a);
	b->category = db_text(st, 7, a);
	b->address = db_text(st, 8, a);
	b->pincode = db_text(st, 9, a);
	b->scheduled_at = db_int(st, 10);
	b->duration_minutes = db_int(st, 11);
	b->price_paise = db_int(st, 12);
	b->notes = db_text(st, 13, a);
	b->status = booking_status_parse(db_text_tmp(st, 14));
	b->start_failures = db_int(st, 15);
	b->created_at = db_int(st, 16);
	b->gst_rate = db_int(st, 17);
	b->redo_of = db_int(st, 18);
	b->offered_to = db_int(st, 19);
	b->offered_until = db_int(st, 20);
}

#define BOOKING_COLUMNS \
	"b.id, b.customer_id, " ACCOUNT_SHOWN_NAME("c") ", " \
	"coalesce(b.vendor_id, 0), " ACCOUNT_SHOWN_NAME("v") ", " \
	"b.service_id, b.service_name, b.category, b.address, " \
	"b.pincode, b.scheduled_at, b.duration_minutes, b.price_paise, " \
	"b.notes, b.status, b.start_failures, b.created_at, b.gst_rate, " \
	"coalesce(b.redo_of, 0), coalesce(b.offered_to, 0), " \
	"coalesce(b.offered_until, 0) " \
	"FROM bookings b JOIN users c ON c.id = b.customer_id " \
	"LEFT JOIN users v ON v.id = b.vendor_id "

/* Returns 1 and fills *b if the booking exists; callers check access. */
int
booking_get(struct db *db, struct arena *a, int64_t id, struct booking *b)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT " BOOKING_COLUMNS "WHERE b.id = :id");
	int		 found = 0;

	db_bind_int(st, ":id", id);
	if (db_step(st) == DB_ROW) {
		booking_read(st, a, b);
		found = 1;
	}
	db_done(st);
	return found;
}

/*
 * Its customer, its vendor, operations managers and the super admin
 * may see a booking; onboarding managers verify vendors and have no
 * business with customers' bookings, addresses or threads.
 */
int
booking_visible(const struct booking *b, int64_t user, enum role role)
{
	switch (role) {
	case ROLE_CUSTOMER:
		return b->customer_id == user;
	case ROLE_VENDOR:
		return b->vendor_id == user;
	case ROLE_OPS:
	case ROLE_ADMIN:
		return 1;
	default:
		return 0;
	}
}

/* A vendor may look at a job they hold, or a pending one on their board. */
int
booking_vendor_may_view(struct db *db, const struct booking *b, int64_t vendor)
{
	if (b->vendor_id == vendor)
		return 1;
	return b->status == BK_PENDING &&
	    !booking_offered_to_other(b, vendor, clock_now()) &&
	    booking_vendor_serves(db, vendor, b->category, b->pincode);
}

/* Offered to another vendor, whose window is still open at now. */
int
booking_offered_to_other(const struct booking *b, int64_t vendor, int64_t now)
{
	return b->offered_to != 0 && b->offered_to != vendor &&
	    b->offered_until > now;
}

static size_t
booking_rows(sqlite3_stmt *st, struct arena *a, size_t limit,
    struct booking **out)
{
	size_t	n = 0;

	*out = arena_alloc(a, sizeof(**out) * (limit ? limit : 1));
	while (n < limit && db_step(st) == DB_ROW)
		booking_read(st, a, &(*out)[n++]);
	db_done(st);
	return n;
}

/*
 * Lines of a list: id, service name, customer, vendor, time, price,
 * status.  The name is the booking's own copy (a renamed service keeps
 * its old name on past bookings), read from the same index.
 */
static size_t
booking_lines(sqlite3_stmt *st, struct arena *a, size_t limit,
    struct booking_line **out)
{
	struct booking_line	*l;
	size_t			 n = 0;

	*out = arena_alloc(a, sizeof(**out) * (limit ? limit : 1));
	while (n < limit && db_step(st) == DB_ROW) {
		l = &(*out)[n];
		l->id = db_int(st, 0);
		l->service_name = db_text(st, 1, a);
		l->customer_name = db_text(st, 2, a);
		l->vendor_name = db_text(st, 3, a);
		l->scheduled_at = db_int(st, 4);
		l->price_paise = db_int(st, 5);
		l->status = booking_status_parse(db_text_tmp(st, 6));
		n++;
	}
	db_done(st);
	return n;
}

/*
 * A customer's bookings, newest first, older than before_id (0: newest).
 * The customer knows who they are and the list shows no vendor, so
 * neither name is read; every column comes from the index
 * bookings_customer_list.
 */
size_t
booking_list_customer(struct db *db, struct arena *a, int64_t customer,
    int64_t before_id, size_t limit, struct booking_line **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT b.id, b.service_name, NULL, NULL, b.scheduled_at, "
	    "b.price_paise, b.status FROM bookings b "
	    "WHERE b.customer_id = :c AND b.id < :before "
	    "ORDER BY b.id DESC LIMIT :n");

	db_bind_int(st, ":c", customer);
	db_bind_int(st, ":before", before_id > 0 ? before_id : INT64_MAX);
	db_bind_int(st, ":n", (int64_t)limit);
	return booking_lines(st, a, limit, out);
}

/* A vendor's latest jobs, by time, newest first: for onboarding's view. */
size_t
booking_list_vendor_recent(struct db *db, struct arena *a, int64_t vendor,
    size_t limit, struct booking_line **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT b.id, b.service_name, NULL, NULL, b.scheduled_at, "
	    "b.price_paise, b.status FROM bookings b WHERE b.vendor_id = :v "
	    "ORDER BY b.scheduled_at DESC LIMIT :n");

	db_bind_int(st, ":v", vendor);
	db_bind_int(st, ":n", (int64_t)limit);
	return booking_lines(st, a, limit, out);
}

/* A vendor's jobs scheduled in [from, to), soonest first. */
size_t
booking_list_vendor(struct db *db, struct arena *a, int64_t vendor,
    int64_t from, int64_t to, struct booking **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT " BOOKING_COLUMNS "WHERE b.vendor_id = :v AND "
	    "b.scheduled_at >= :from AND b.scheduled_at < :to "
	    "ORDER BY b.scheduled_at LIMIT 500");

	db_bind_int(st, ":v", vendor);
	db_bind_int(st, ":from", from);
	db_bind_int(st, ":to", to);
	return booking_rows(st, a, 500, out);
}

size_t
booking_events(struct db *db, struct arena *a, int64_t id,
    struct booking_event **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT e.from_status, e.to_status, " ACCOUNT_SHOWN_NAME("u") ", "
	    "e.note, e.at "
	    "FROM booking_events e LEFT JOIN users u ON u.id = e.actor_id "
	    "WHERE e.booking_id = :b ORDER BY e.id LIMIT 100");
	size_t		 n = 0;

	*out = arena_alloc(a, sizeof(**out) * 100);
	db_bind_int(st, ":b", id);
	while (db_step(st) == DB_ROW) {
		struct booking_event	*e = &(*out)[n++];

		e->has_from = sqlite3_column_type(st, 0) != SQLITE_NULL;
		if (e->has_from)
			e->from = booking_status_parse(db_text_tmp(st, 0));
		e->to = booking_status_parse(db_text_tmp(st, 1));
		e->actor_name = db_text(st, 2, a);
		e->note = db_text(st, 3, a);
		e->at = db_int(st, 4);
	}
	db_done(st);
	return n;
}

/*
 * Move a loaded booking to a new state, inside the caller's
 * transaction: the row (guarded by its current status), the timeline
 * event, the audit row and the other party's notification.
 */
enum booking_result
booking_apply(struct db *db, struct arena *a, const struct actor *who,
    unsigned role, struct booking *b, enum booking_status to, const char *note)
{
	sqlite3_stmt		*st;
	enum booking_status	 from = b->status;
	int64_t			 tell[2] = { 0, 0 };

	if (!booking_transition_allowed(from, to, role))
		return BOOKING_REFUSED;
	st = db_prepare(db,
	    "UPDATE bookings SET status = :to, vendor_id = :v, "
	    "updated_at = unixepoch() WHERE id = :id AND status = :from");
	db_bind_text(st, ":to", statuses[to].name);
	db_bind_int(st, ":v", b->vendor_id);
	if (b->vendor_id == 0)
		db_bind_null(st, ":v");
	db_bind_int(st, ":id", b->id);
	db_bind_text(st, ":from", statuses[from].name);
	db_step(st);
	db_done(st);
	if (db_changes(db) != 1)
		return BOOKING_TAKEN;
	b->status = to;
	event_add(db, b->id, &from, to, who->user_id, note);
	audit_write(db, who, arena_printf(a, "booking.%s", statuses[to].name),
	    "booking", b->id, json_pack("{s:s}", "status", statuses[from].name),
	    json_pack("{s:s, s:s}", "status", statuses[to].name, "note",
	    note != NULL ? note : ""));
	/* Tell whoever did not act; the system tells both. */
	if (who->user_id != b->customer_id)
		tell[0] = b->customer_id;
	if (who->user_id != b->vendor_id)
		tell[1] = b->vendor_id;
	if (notice_for(from, to) != NULL) {
		const char	*text = arena_printf(a, "Booking #%lld (%s) %s",
		    (long long)b->id, b->service_name, notice_for(from, to));

		notify_add(db, a, tell[0], b->id, text);
		notify_add(db, a, tell[1], b->id, text);
	}
	if (to == BK_DISPUTED)
		notify_alert(db, a, arena_printf(a, "Booking #%lld (%s) is "
		    "disputed by the customer: %s", (long long)b->id,
		    b->service_name, note != NULL ? note : ""), clock_now());
	return BOOKING_OK;
}

/* Begin, load, and check that this user may act on the booking at all. */
static enum booking_result
begin_loaded(struct db *db, struct arena *a, int64_t id, struct booking *b)
{
	db_begin(db);
	if (!booking_get(db, a, id, b)) {
		db_rollback(db);
		return BOOKING_NOT_FOUND;
	}
	return BOOKING_OK;
}

static enum booking_result
finish(struct db *db, enum booking_result rc)
{
	if (rc == BOOKING_OK)
		db_commit(db);
	else
		db_rollback(db);
	return rc;
}

/* HMAC of a message under the start-code key, as 32 raw bytes. */
static void
start_mac(const char *msg, unsigned char out[CRYPTO_SHA256_LEN])
{
	appkey_mac(msg, strlen(msg), out);
}

/* The 6-digit code for a booking and nonce; derived, never stored. */
static char *
start_code_derive(struct arena *a, int64_t id, const char *nonce)
{
	unsigned char	mac[CRYPTO_SHA256_LEN];
	uint32_t	n;

	start_mac(arena_printf(a, "start-code:%lld:%s", (long long)id, nonce),
	    mac);
	n = (uint32_t)mac[0] << 24 | (uint32_t)mac[1] << 16 |
	    (uint32_t)mac[2] << 8 | mac[3];
	return arena_printf(a, "%06u", n % 1000000);
}

/* What is stored: a keyed hash of the code, useless without the key. */
static char *
start_code_hash(struct arena *a, int64_t id, const char *code)
{
	unsigned char	 mac[CRYPTO_SHA256_LEN];
	char		*hex = arena_alloc(a, 2 * sizeof(mac) + 1);

	start_mac(arena_printf(a, "start-hash:%lld:%s", (long long)id, code),
	    mac);
	crypto_hex(mac, sizeof(mac), hex);
	return hex;
}

/* The code the customer gives the vendor, while the booking is accepted. */
char *
booking_start_code(struct db *db, struct arena *a, int64_t id)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT start_nonce FROM bookings WHERE id = :id "
	    "AND status = 'accepted' AND start_nonce IS NOT NULL");
	char		*nonce = NULL;

	db_bind_int(st, ":id", id);
	if (db_step(st) == DB_ROW)
		nonce = db_text(st, 0, a);
	db_done(st);
	return nonce != NULL ? start_code_derive(a, id, nonce) : NULL;
}

static int
vendor_overlaps(struct db *db, int64_t vendor, const struct booking *b)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT 1 FROM bookings WHERE vendor_id = :v AND id <> :id "
	    "AND status IN ('accepted', 'in_progress') "
	    "AND scheduled_at < :end + :buf "
	    "AND scheduled_at + duration_minutes * 60 + :buf > :start LIMIT 1");
	int		 found;

	db_bind_int(st, ":v", vendor);
	db_bind_int(st, ":id", b->id);
	db_bind_int(st, ":start", b->scheduled_at);
	db_bind_int(st, ":end", b->scheduled_at + b->duration_minutes * 60);
	db_bind_int(st, ":buf", setting(db, SET_BUFFER_MINUTES) * 60);
	found = db_step(st) == DB_ROW;
	db_done(st);
	return found;
}

static void
start_code_set(struct db *db, struct arena *a, int64_t id)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE bookings SET start_nonce = :n, start_code_hash = :h, "
	    "start_failures = 0 WHERE id = :id");
	const char	*nonce = crypto_token(a, 16);

	db_bind_text(st, ":n", nonce);
	db_bind_text(st, ":h", start_code_hash(a, id,
	    start_code_derive(a, id, nonce)));
	db_bind_int(st, ":id", id);
	db_step(st);
	db_done(st);
}

/* --- a chosen vendor's offer ------------------------------------------- */

/* Open the booking to every vendor; 1 if it was offered to one. */
static int
offer_clear(struct db *db, int64_t id)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE bookings SET offered_to = NULL, offered_until = NULL "
	    "WHERE id = :id AND offered_to IS NOT NULL");

	db_bind_int(st, ":id", id);
	db_step(st);
	db_done(st);
	return db_changes(db) == 1;
}

/* The customer hears that the chosen vendor did not take it, and why. */
static void
offer_tell(struct db *db, struct arena *a, const struct booking *b,
    const char *what)
{
	notify_add(db, a, b->customer_id, b->id, arena_printf(a, "Booking "
	    "#%lld (%s): your chosen professional %s: the booking is now open "
	    "to all professionals.", (long long)b->id, b->service_name, what));
}

/*
 * The timed job's step, in its own transaction: an offer whose window
 * closed by now, or whose vendor no longer serves there (suspended,
 * blocked, deleted), opens to every vendor, and the customer is told
 * if the booking still waits for one; a booking that moved on (accepted
 * elsewhere, cancelled, expired) is only cleared.  1 if it did that.
 */
int
booking_offer_expire(struct db *db, struct arena *a, int64_t id, int64_t now)
{
	struct booking	b;
	int		done = 0, gone;

	db_begin(db);
	if (booking_get(db, a, id, &b) && b.offered_to != 0) {
		gone = !booking_vendor_serves(db, b.offered_to, b.category,
		    b.pincode);
		if ((gone || b.offered_until <= now) &&
		    (done = offer_clear(db, id)) && b.status == BK_PENDING)
			offer_tell(db, a, &b, gone ? "is no longer available" :
			    "did not answer in time");
	}
	if (done)
		db_commit(db);
	else
		db_rollback(db);
	return done;
}

/*
 * A vendor takes a pending job.  The write lock and the status guard in
 * booking_apply make it atomic: of many vendors, exactly one wins.
 */
enum booking_result
booking_accept(struct db *db, struct arena *a, const struct actor *who,
    int64_t id)
{
	struct booking		b;
	enum booking_result	rc;

	if ((rc = begin_loaded(db, a, id, &b)) != BOOKING_OK)
		return rc;
	if (b.status != BK_PENDING)
		rc = b.vendor_id != 0 && b.vendor_id != who->user_id &&
		    b.status == BK_ACCEPTED ? BOOKING_TAKEN : BOOKING_REFUSED;
	else if (booking_offered_to_other(&b, who->user_id, clock_now()))
		rc = BOOKING_NOT_FOUND;	/* not on this vendor's board yet */
	else if (!booking_vendor_serves(db, who->user_id, b.category,
	    b.pincode))
		rc = BOOKING_NOT_ELIGIBLE;
	else if (vendor_overlaps(db, who->user_id, &b))
		rc = BOOKING_OVERLAP;
	else {
		b.vendor_id = who->user_id;
		if ((rc = booking_apply(db, a, who, ROLE_VENDOR, &b, BK_ACCEPTED,
		    NULL)) == BOOKING_OK) {
			start_code_set(db, a, id);
			offer_clear(db, id);
		}
	}
	return finish(db, rc);
}

/* A vendor hides a pending job from their board. */
enum booking_result
booking_decline(struct db *db, struct arena *a, const struct actor *who,
    int64_t id)
{
	struct booking		 b;
	enum booking_result	 rc;
	sqlite3_stmt		*st;

	if ((rc = begin_loaded(db, a, id, &b)) != BOOKING_OK)
		return rc;
	if (b.status != BK_PENDING)
		return finish(db, BOOKING_REFUSED);
	if (booking_offered_to_other(&b, who->user_id, clock_now()))
		return finish(db, BOOKING_NOT_FOUND);
	if (!booking_vendor_serves(db, who->user_id, b.category,
	    b.pincode))
		return finish(db, BOOKING_NOT_ELIGIBLE);
	/* The chosen vendor says no: the job goes to everyone at once. */
	if (b.offered_to == who->user_id && offer_clear(db, id))
		offer_tell(db, a, &b, "declined it");
	st = db_prepare(db, "INSERT OR IGNORE INTO booking_declines "
	    "(booking_id, vendor_id, at) VALUES (:b, :v, unixepoch())");
	db_bind_int(st, ":b", id);
	db_bind_int(st, ":v", who->user_id);
	db_step(st);
	db_done(st);
	audit_write(db, who, "booking.decline", "booking", id, NULL, NULL);
	return finish(db, BOOKING_OK);
}

static void
start_failure(struct db *db, struct arena *a, const struct actor *who,
    const struct booking *b, int64_t tries)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE bookings SET start_failures = start_failures + 1 "
	    "WHERE id = :id");

	db_bind_int(st, ":id", b->id);
	db_step(st);
	db_done(st);
	audit_write(db, who, "booking.start_code_wrong", "booking", b->id,
	    NULL, json_pack("{s:I}", "failures",
	    (json_int_t)b->start_failures + 1));
	if (b->start_failures + 1 < tries)
		return;
	/* Locked: every operations manager hears about it. */
	notify_ops(db, a, b->id, arena_printf(a, "Starting booking #%lld (%s) "
	    "is locked after %lld wrong start codes from vendor %s.",
	    (long long)b->id, b->service_name, (long long)tries,
	    b->vendor_name));
}

/*
 * The vendor starts the job with the customer's code, from
 * start_early_minutes before its time (BOOKING_TOO_EARLY before then,
 * which is no wrong code: booking_rules_start_refusal says when).
 * Wrong codes count; at the start_code_tries setting starting locks
 * and ops are told.
 */
enum booking_result
booking_start(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, const char *code, int64_t *tries_left)
{
	struct booking		 b;
	enum booking_result	 rc;
	sqlite3_stmt		*st;
	char			*stored = NULL;
	int64_t			 tries = setting(db, SET_START_CODE_TRIES);

	*tries_left = 0;
	if ((rc = begin_loaded(db, a, id, &b)) != BOOKING_OK)
		return rc;
	if (b.vendor_id != who->user_id)
		return finish(db, BOOKING_NOT_FOUND);
	if (b.status != BK_ACCEPTED)
		return finish(db, BOOKING_REFUSED);
	if (b.start_failures >= tries)
		return finish(db, BOOKING_LOCKED);
	if (booking_rules_start_refusal(db, a, b.scheduled_at, clock_now()))
		return finish(db, BOOKING_TOO_EARLY);
	st = db_prepare(db, "SELECT start_code_hash FROM bookings WHERE id = :id");
	db_bind_int(st, ":id", id);
	if (db_step(st) == DB_ROW)
		stored = db_text(st, 0, a);
	db_done(st);
	if (stored == NULL || strlen(code) != 6 ||
	    !crypto_streq(start_code_hash(a, id, code), stored)) {
		start_failure(db, a, who, &b, tries);
		*tries_left = tries - b.start_failures - 1;
		db_commit(db);
		return *tries_left > 0 ? BOOKING_WRONG_CODE : BOOKING_LOCKED;
	}
	return finish(db, booking_apply(db, a, who, ROLE_VENDOR, &b,
	    BK_IN_PROGRESS, NULL));
}

/* Customer (their own booking) or ops cancel, with a reason. */
enum booking_result
booking_cancel(struct db *db, struct arena *a, const struct actor *who,
    enum role role, int64_t id, const char *reason)
{
	struct booking		b;
	enum booking_result	rc;

	if ((rc = begin_loaded(db, a, id, &b)) != BOOKING_OK)
		return rc;
	if (role == ROLE_CUSTOMER && b.customer_id != who->user_id)
		return finish(db, BOOKING_NOT_FOUND);
	return finish(db, booking_apply(db, a, who, role, &b, BK_CANCELLED,
	    reason));
}

/*
 * Inside the caller's transaction: an accepted job whose vendor may no
 * longer work (suspended, blocked) goes back to the board with no
 * vendor and no start code; the customer is told.
 */
enum booking_result
booking_release(struct db *db, struct arena *a, const struct actor *who,
    unsigned role, struct booking *b, const char *reason)
{
	sqlite3_stmt		*st;
	enum booking_result	 rc;

	if (b->status != BK_ACCEPTED)
		return BOOKING_REFUSED;
	b->vendor_id = 0;
	if ((rc = booking_apply(db, a, who, role, b, BK_PENDING, reason)) !=
	    BOOKING_OK)
		return rc;
	st = db_prepare(db, "UPDATE bookings SET start_nonce = NULL, "
	    "start_code_hash = NULL, start_failures = 0 WHERE id = :id");
	db_bind_int(st, ":id", b->id);
	db_step(st);
	db_done(st);
	return BOOKING_OK;
}

/* Would the vendor's other jobs overlap b at its time (policy.c's reschedule)? */
int
booking_vendor_overlaps(struct db *db, int64_t vendor, const struct booking *b)
{
	return vendor_overlaps(db, vendor, b);
}

/* How many times the customer has moved the booking (policy.c caps it). */
int64_t
booking_reschedules(struct db *db, int64_t id)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT reschedules FROM bookings WHERE id = :id");
	int64_t		 n = 0;

	db_bind_int(st, ":id", id);
	if (db_step(st) == DB_ROW)
		n = db_int(st, 0);
	db_done(st);
	return n;
}

/*
 * Inside the caller's transaction (policy.c decides whether it may):
 * the booking moved to when and counted, guarded by its status, with a
 * timeline event in the state it stays in and an audit row.  0, or -1
 * when the booking changed meanwhile.
 */
int
booking_reschedule_write(struct db *db, struct arena *a,
    const struct actor *who, struct booking *b, int64_t when, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE bookings SET scheduled_at = :t, reschedules = reschedules "
	    "+ 1, updated_at = :now WHERE id = :id AND status = :s");
	int64_t		 was = b->scheduled_at;

	db_bind_int(st, ":t", when);
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":id", b->id);
	db_bind_text(st, ":s", statuses[b->status].name);
	db_step(st);
	db_done(st);
	if (db_changes(db) != 1)
		return -1;
	b->scheduled_at = when;
	event_add(db, b->id, &b->status, b->status, who->user_id,
	    arena_printf(a, "Moved from %s to %s.", fmt_time(a, was),
	    fmt_time(a, when)));
	audit_write(db, who, "booking.reschedule", "booking", b->id,
	    json_pack("{s:I}", "scheduled_at", (json_int_t)was),
	    json_pack("{s:I}", "scheduled_at", (json_int_t)when));
	return 0;
}

/*
 * Inside the caller's transaction: the free follow-up visit a dispute
 * ended in, at ₹0 and linked to its original, with the original's
 * address and service.  For its vendor it starts accepted, with its own
 * start code (operations decided, as with a release), if that vendor
 * could accept it: still verified and serving there (NOT_ELIGIBLE), and
 * free then (OVERLAP).  With vendor 0 it waits on the board.
 */
enum booking_result
booking_create_redo(struct db *db, struct arena *a, const struct actor *who,
    const struct booking *o, int64_t vendor, int64_t scheduled_at,
    int64_t *id)
{
	enum booking_status	 to = vendor != 0 ? BK_ACCEPTED : BK_PENDING;
	struct booking		 visit = *o;
	int64_t			 now = clock_now();
	sqlite3_stmt		*st;

	visit.id = 0;
	visit.scheduled_at = scheduled_at;
	if (vendor != 0 && !booking_vendor_serves(db, vendor, o->category,
	    o->pincode))
		return BOOKING_NOT_ELIGIBLE;
	if (vendor != 0 && vendor_overlaps(db, vendor, &visit))
		return BOOKING_OVERLAP;
	st = db_prepare(db,
	    "INSERT INTO bookings (customer_id, vendor_id, service_id, "
	    "service_name, category, address, pincode, scheduled_at, "
	    "duration_minutes, price_paise, gst_rate, notes, status, "
	    "created_at, updated_at, redo_of) VALUES (:c, :v, :s, :name, :cat, "
	    ":a, :p, :t, :d, 0, :gst, :n, :st, :now, :now, :o)");

	db_bind_int(st, ":c", o->customer_id);
	if (vendor != 0)
		db_bind_int(st, ":v", vendor);
	db_bind_int(st, ":s", o->service_id);
	db_bind_text(st, ":name", o->service_name);
	db_bind_text(st, ":cat", o->category);
	db_bind_text(st, ":a", o->address);
	db_bind_text(st, ":p", o->pincode);
	db_bind_int(st, ":t", scheduled_at);
	db_bind_int(st, ":d", o->duration_minutes);
	db_bind_int(st, ":gst", o->gst_rate);
	db_bind_text(st, ":n", arena_printf(a, "A free follow-up visit for "
	    "booking #%lld.", (long long)o->id));
	db_bind_text(st, ":st", statuses[to].name);
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":o", o->id);
	if (db_step(st) != DB_DONE)
		log_fatal("booking: follow-up visit refused");
	db_done(st);
	*id = db_last_id(db);
	event_add(db, *id, NULL, to, who->user_id, arena_printf(a,
	    "A free follow-up visit for booking #%lld.", (long long)o->id));
	if (vendor != 0)
		start_code_set(db, a, *id);
	audit_write(db, who, "booking.redo", "booking", *id, NULL,
	    json_pack("{s:I, s:s, s:I, s:I}", "redo_of", (json_int_t)o->id,
	    "status", statuses[to].name, "vendor_id", (json_int_t)vendor,
	    "scheduled_at", (json_int_t)scheduled_at));
	return BOOKING_OK;
}

static int64_t
photo_count(struct db *db, int64_t id, const char *kind)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT count(*) FROM photos WHERE booking_id = :b AND kind = :k");
	int64_t		 n;

	db_bind_int(st, ":b", id);
	db_bind_text(st, ":k", kind);
	db_step(st);
	n = db_int(st, 0);
	db_done(st);
	return n;
}

/* The vendor completes a started job that has before and after photos. */
enum booking_result
booking_complete(struct db *db, struct arena *a, const struct actor *who,
    int64_t id)
{
	struct booking		b;
	enum booking_result	rc;

	if ((rc = begin_loaded(db, a, id, &b)) != BOOKING_OK)
		return rc;
	if (b.vendor_id != who->user_id)
		return finish(db, BOOKING_NOT_FOUND);
	if (b.status == BK_IN_PROGRESS && (photo_count(db, id, "before") == 0 ||
	    photo_count(db, id, "after") == 0))
		return finish(db, BOOKING_NEED_PHOTOS);
	return finish(db, booking_apply(db, a, who, ROLE_VENDOR, &b,
	    BK_COMPLETED, NULL));
}

/* --- the operations monitor: every booking, filtered --------------------- */

/*
 * Which index leads a search: the first filter given in this order, the
 * most selective first (one booking, a customer's few, a vendor's
 * hundreds, a pincode's, a service's, a status's, a range of days).
 * One literal statement per lead, as audit.c's list_statement: a single
 * one with "x = 0 OR" for every filter has SQLite scan every booking.
 * Each applies only the filters after its own, since those before it
 * are empty whenever it leads, and every index it walks (sql/023) has
 * the scheduled time second and the id after it, so a page is read in
 * order, the time range included, with nothing sorted.  "+" keeps the
 * other filters' columns from tempting the planner to another index.
 */
enum search_lead {
	LEAD_ID,
	LEAD_CUSTOMER,
	LEAD_VENDOR,
	LEAD_PINCODE,
	LEAD_SERVICE,
	LEAD_STATUS,
	LEAD_TIME
};

#define IN_TIME		"b.scheduled_at >= :from AND b.scheduled_at < :to "
#define AFTER_SERVICE	"(:status = '' OR +b.status = :status) AND " IN_TIME
#define AFTER_PINCODE	"(:service = 0 OR +b.service_id = :service) AND " \
	AFTER_SERVICE
#define AFTER_VENDOR	"(:pincode = '' OR +b.pincode = :pincode) AND " \
	AFTER_PINCODE
#define AFTER_CUSTOMER	"(:vendor = 0 OR +b.vendor_id = :vendor) AND " \
	AFTER_VENDOR
#define AFTER_ID	"(:customer = 0 OR +b.customer_id = :customer) AND " \
	AFTER_CUSTOMER
#define BY_ID		"b.id = :id AND " AFTER_ID
#define BY_CUSTOMER	"b.customer_id = :customer AND " AFTER_CUSTOMER
#define BY_VENDOR	"b.vendor_id = :vendor AND " AFTER_VENDOR
#define BY_PINCODE	"b.pincode = :pincode AND " AFTER_PINCODE
#define BY_SERVICE	"b.service_id = :service AND " AFTER_SERVICE
#define BY_STATUS	"b.status = :status AND " IN_TIME

/*
 * What a row shows, for the list and the CSV alike; names are scalar
 * subqueries, as in export.c, so the planner has no other table to
 * start from, and a streamed export keeps nothing per row.
 */
#define SEARCH_SELECT \
	"SELECT b.id, b.created_at, b.scheduled_at, b.status, " \
	"(SELECT " ACCOUNT_SHOWN_NAME("u") " FROM users u " \
	"WHERE u.id = b.customer_id), " \
	"(SELECT " ACCOUNT_SHOWN_NAME("u") " FROM users u " \
	"WHERE u.id = b.vendor_id), " \
	"b.service_name, " \
	"b.category, b.pincode, b.price_paise FROM bookings b WHERE "
#define SEARCH_NEWEST	"ORDER BY b.scheduled_at DESC, b.id DESC " \
	"LIMIT :n OFFSET :off"
#define SEARCH_OLDEST	"ORDER BY b.scheduled_at, b.id LIMIT :n OFFSET :off"
#define SEARCH_ORDERED(db, oldest, where) ((oldest) ? \
	db_prepare((db), SEARCH_SELECT where SEARCH_OLDEST) : \
	db_prepare((db), SEARCH_SELECT where SEARCH_NEWEST))
#define COUNT_BY(where) \
	"SELECT b.status, count(*) FROM bookings b WHERE " where \
	"GROUP BY b.status"

static enum search_lead
search_lead(const struct booking_filter *f, int by_status)
{
	const int	given[] = {
		[LEAD_ID] = f->id > 0,
		[LEAD_CUSTOMER] = f->customer_id > 0,
		[LEAD_VENDOR] = f->vendor_id > 0,
		[LEAD_PINCODE] = f->pincode != NULL && f->pincode[0] != '\0',
		[LEAD_SERVICE] = f->service_id > 0,
		[LEAD_STATUS] = by_status && f->status >= 0,
		[LEAD_TIME] = 1,
	};
	int		i = 0;

	while (!given[i])
		i++;
	return (enum search_lead)i;
}

static sqlite3_stmt *
search_statement(struct db *db, const struct booking_filter *f)
{
	int	old = f->oldest_first;

	switch (search_lead(f, 1)) {
	case LEAD_ID:
		return SEARCH_ORDERED(db, old, BY_ID);
	case LEAD_CUSTOMER:
		return SEARCH_ORDERED(db, old, BY_CUSTOMER);
	case LEAD_VENDOR:
		return SEARCH_ORDERED(db, old, BY_VENDOR);
	case LEAD_PINCODE:
		return SEARCH_ORDERED(db, old, BY_PINCODE);
	case LEAD_SERVICE:
		return SEARCH_ORDERED(db, old, BY_SERVICE);
	case LEAD_STATUS:
		return SEARCH_ORDERED(db, old, BY_STATUS);
	default:
		return SEARCH_ORDERED(db, old, IN_TIME);
	}
}

/*
 * The counts ignore the status filter (they are what choosing one
 * would show).  With no other filter, over a range of days or none, one
 * walk of bookings_status_time (sql/023), which holds both columns.
 */
static sqlite3_stmt *
count_statement(struct db *db, const struct booking_filter *f)
{
	switch (search_lead(f, 0)) {
	case LEAD_ID:
		return db_prepare(db, COUNT_BY(BY_ID));
	case LEAD_CUSTOMER:
		return db_prepare(db, COUNT_BY(BY_CUSTOMER));
	case LEAD_VENDOR:
		return db_prepare(db, COUNT_BY(BY_VENDOR));
	case LEAD_PINCODE:
		return db_prepare(db, COUNT_BY(BY_PINCODE));
	case LEAD_SERVICE:
		return db_prepare(db, COUNT_BY(BY_SERVICE));
	default:
		return db_prepare(db, COUNT_BY(IN_TIME));
	}
}

/* Bind a value the statement names: a lead's leaves out those before it. */
static void
search_bind_int(sqlite3_stmt *st, const char *name, int64_t v)
{
	if (sqlite3_bind_parameter_index(st, name) > 0)
		db_bind_int(st, name, v);
}

static void
search_bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
	if (sqlite3_bind_parameter_index(st, name) > 0)
		db_bind_text(st, name, v);
}

static void
search_bind(sqlite3_stmt *st, const struct booking_filter *f, int by_status)
{
	search_bind_int(st, ":id", f->id);
	search_bind_int(st, ":customer", f->customer_id);
	search_bind_int(st, ":vendor", f->vendor_id);
	search_bind_text(st, ":pincode", f->pincode != NULL ? f->pincode : "");
	search_bind_int(st, ":service", f->service_id);
	search_bind_text(st, ":status", by_status && f->status >= 0 &&
	    f->status < BK__MAX ? statuses[f->status].name : "");
	search_bind_int(st, ":from", f->from);
	search_bind_int(st, ":to", f->to);
}

/* SEARCH_SELECT's columns; the strings live until the next step. */
static void
found_read(sqlite3_stmt *st, struct booking_found *r)
{
	r->id = db_int(st, 0);
	r->created_at = db_int(st, 1);
	r->scheduled_at = db_int(st, 2);
	r->status = booking_status_parse(db_text_tmp(st, 3));
	r->customer_name = db_text_tmp(st, 4);
	r->vendor_name = sqlite3_column_type(st, 5) == SQLITE_NULL ? NULL :
	    db_text_tmp(st, 5);
	r->service_name = db_text_tmp(st, 6);
	r->category = db_text_tmp(st, 7);
	r->pincode = db_text_tmp(st, 8);
	r->price_paise = db_int(st, 9);
}

/* A page of the filtered bookings by scheduled time: limit rows after offset. */
size_t
booking_search(struct db *db, struct arena *a, const struct booking_filter *f,
    int64_t offset, size_t limit, struct booking_found **out)
{
	sqlite3_stmt		*st = search_statement(db, f);
	struct booking_found	*r;
	size_t			 n = 0;

	*out = arena_alloc(a, sizeof(**out) * (limit ? limit : 1));
	search_bind(st, f, 1);
	db_bind_int(st, ":n", (int64_t)limit);
	db_bind_int(st, ":off", offset);
	while (n < limit && db_step(st) == DB_ROW) {
		r = &(*out)[n++];
		found_read(st, r);
		r->customer_name = arena_strdup(a, r->customer_name);
		r->vendor_name = r->vendor_name != NULL ?
		    arena_strdup(a, r->vendor_name) : NULL;
		r->service_name = arena_strdup(a, r->service_name);
		r->category = arena_strdup(a, r->category);
		r->pincode = arena_strdup(a, r->pincode);
	}
	db_done(st);
	return n;
}

/*
 * Every filtered booking, in the list's order, to row(ctx, r) until it
 * returns non-zero (the reader has gone): then -1, else 0.  Nothing is
 * kept, so memory stays the same whatever the count; the strings live
 * until row returns.  One statement is one snapshot (WAL).
 */
int
booking_search_each(struct db *db, const struct booking_filter *f,
    int (*row)(void *, const struct booking_found *), void *ctx)
{
	sqlite3_stmt		*st = search_statement(db, f);
	struct booking_found	 r;
	int			 stopped = 0;

	search_bind(st, f, 1);
	db_bind_int(st, ":n", INT64_MAX);
	db_bind_int(st, ":off", 0);
	while (!stopped && db_step(st) == DB_ROW) {
		found_read(st, &r);
		stopped = row(ctx, &r) != 0;
	}
	db_done(st);
	return stopped ? -1 : 0;
}

/* How many bookings each status holds under the filters but the status. */
void
booking_search_counts(struct db *db, const struct booking_filter *f,
    int64_t counts[BK__MAX])
{
	sqlite3_stmt	*st = count_statement(db, f);

	memset(counts, 0, sizeof(counts[0]) * BK__MAX);
	search_bind(st, f, 0);
	while (db_step(st) == DB_ROW)
		counts[booking_status_parse(db_text_tmp(st, 0))] =
		    db_int(st, 1);
	db_done(st);
}
