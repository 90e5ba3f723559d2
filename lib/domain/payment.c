/* payment.c: the payment state machine (one table); capture with its receipt, earning and payout; refunds, cancellations, manual payments. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "account.h"
#include "arena.h"
#include "audit.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "fmt.h"
#include "fsm.h"
#include "gateway.h"
#include "log.h"
#include "notify.h"
#include "payment.h"

static const struct fsm_state statuses[PAY__MAX] = {
	[PAY_REQUIRES_AUTHORIZATION] = { "requires_authorization",
	    "Waiting for payment" },
	[PAY_AUTHORIZED] = { "authorized", "Authorised" },
	[PAY_CAPTURED] = { "captured", "Paid" },
	[PAY_REFUNDED] = { "refunded", "Refunded" },
	[PAY_PARTIALLY_REFUNDED] = { "partially_refunded", "Partly refunded" },
	[PAY_FAILED] = { "failed", "Failed" },
	[PAY_CANCELLED] = { "cancelled", "Cancelled" },
};

/* Who: the payer or ops, each or the gateway's webhook telling us. */
#define BY_PAYER	(ROLE_CUSTOMER | PAY_BY_SYSTEM)
#define BY_OPS		(ROLE_OPS | PAY_BY_SYSTEM)

/*
 * Every move a payment can make, and who may make it: the customer
 * authorises (through the gateway's page), the signature or ops
 * capture, ops refund and cancel, and a gateway's webhook (the system)
 * may report any of it.  Anything not here is refused.
 */
static const struct fsm_move transitions[] = {
	/* from				to			who may */
	{ PAY_REQUIRES_AUTHORIZATION,	PAY_AUTHORIZED,		BY_PAYER | ROLE_OPS },
	{ PAY_REQUIRES_AUTHORIZATION,	PAY_FAILED,		BY_PAYER },
	{ PAY_REQUIRES_AUTHORIZATION,	PAY_CANCELLED,		BY_OPS },
	{ PAY_FAILED,		PAY_REQUIRES_AUTHORIZATION,	BY_PAYER },
	{ PAY_AUTHORIZED,		PAY_CAPTURED,		BY_PAYER | ROLE_OPS },
	{ PAY_AUTHORIZED,		PAY_CANCELLED,		BY_OPS },
	{ PAY_CAPTURED,			PAY_REFUNDED,		BY_OPS },
	{ PAY_CAPTURED,			PAY_PARTIALLY_REFUNDED,	BY_OPS },
	{ PAY_PARTIALLY_REFUNDED,	PAY_REFUNDED,		BY_OPS },
	{ PAY_PARTIALLY_REFUNDED,	PAY_PARTIALLY_REFUNDED,	BY_OPS },
};

static const struct {
	const char	*name;
	const char	*label;
} methods[] = {
	{ "card", "Card" },
	{ "cash", "Cash" },
	{ "upi", "UPI" },
	{ "bank_transfer", "Bank transfer" },
};

const char *
payment_status_name(enum payment_status s)
{
	return fsm_name(statuses, PAY__MAX, (int)s);
}

const char *
payment_status_label(enum payment_status s)
{
	return fsm_label(statuses, PAY__MAX, (int)s);
}

enum payment_status
payment_status_parse(const char *s)
{
	int	i = fsm_find(statuses, PAY__MAX, s);

	if (i < 0)
		log_fatal("payment: unknown status %s", s);
	return (enum payment_status)i;
}

int
payment_transition_allowed(enum payment_status from, enum payment_status to,
    unsigned who)
{
	return fsm_allowed(transitions, sizeof(transitions) /
	    sizeof(transitions[0]), (int)from, (int)to, who);
}

const char *
payment_method_label(const char *method)
{
	size_t	i;

	for (i = 0; method != NULL && i < sizeof(methods) / sizeof(methods[0]);
	    i++)
		if (strcmp(methods[i].name, method) == 0)
			return methods[i].label;
	return "";
}

/*
 * The GST inside a GST-inclusive price at rate (hundredths of a
 * percent: 1800 is 18%), rounded half up to the paisa.
 */
int64_t
payment_gst_included(int64_t amount, int64_t rate)
{
	return (2 * amount * rate + 10000 + rate) / (2 * (10000 + rate));
}

/* What a payment's state means to whoever is refused a move. */
static const char *
refusal(struct arena *a, enum payment_status from, enum payment_status to)
{
	return arena_printf(a, "A payment that is “%s” cannot become “%s”.",
	    statuses[from].label, statuses[to].label);
}

/* How the customer pays this payment, by its gateway's own account. */
enum gateway_checkout
payment_checkout(const struct payment *p)
{
	const struct gateway	*gw = gateway_get(p->gateway);

	return gw != NULL ? gw->checkout : GATEWAY_CHECKOUT_NONE;
}

/* The actor's role bit, or PAY_BY_SYSTEM for user 0 (a gateway). */
unsigned
payment_actor_role(struct db *db, struct arena *a, const struct actor *who)
{
	struct account	acct;

	if (who->user_id <= 0)
		return PAY_BY_SYSTEM;
	if (!account_get(db, a, who->user_id, &acct))
		return 0;
	return (unsigned)acct.role;
}

#define PAYMENT_COLUMNS \
	"p.id, p.booking_id, p.customer_id, p.vendor_id, b.service_name, " \
	"p.amount_paise, p.refunded_paise, p.status, p.gateway, p.method, " \
	"p.card_brand, p.card_last4, p.reference, p.gateway_ref, " \
	"p.checkout_ref, p.last_error, coalesce(r.number, 0), " \
	"coalesce(p.captured_at, 0), p.created_at, p.updated_at, " \
	"p.kind = 'fee', p.upi_masked "
#define PAYMENT_FROM \
	"FROM payments p JOIN bookings b ON b.id = p.booking_id " \
	"LEFT JOIN receipts r ON r.payment_id = p.id "

static void
payment_read(sqlite3_stmt *st, struct arena *a, struct payment *p)
{
	p->id = db_int(st, 0);
	p->booking_id = db_int(st, 1);
	p->customer_id = db_int(st, 2);
	p->vendor_id = db_int(st, 3);
	p->service_name = db_text(st, 4, a);
	p->amount_paise = db_int(st, 5);
	p->refunded_paise = db_int(st, 6);
	p->status = payment_status_parse(db_text_tmp(st, 7));
	p->gateway = db_text(st, 8, a);
	p->method = db_text(st, 9, a);
	p->card_brand = db_text(st, 10, a);
	p->card_last4 = db_text(st, 11, a);
	p->reference = db_text(st, 12, a);
	p->gateway_ref = db_text(st, 13, a);
	p->checkout_ref = db_text(st, 14, a);
	p->last_error = db_text(st, 15, a);
	p->receipt_number = db_int(st, 16);
	p->captured_at = db_int(st, 17);
	p->created_at = db_int(st, 18);
	p->updated_at = db_int(st, 19);
	p->fee = (int)db_int(st, 20);
	p->upi_masked = db_text(st, 21, a);
}

static int
payment_one(sqlite3_stmt *st, struct arena *a, struct payment *p)
{
	int	found = 0;

	if (db_step(st) == DB_ROW) {
		payment_read(st, a, p);
		found = 1;
	}
	db_done(st);
	return found;
}

/* 1 and *p when it exists; callers check who may see it. */
int
payment_get(struct db *db, struct arena *a, int64_t id, struct payment *p)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT " PAYMENT_COLUMNS PAYMENT_FROM "WHERE p.id = :id");

	db_bind_int(st, ":id", id);
	return payment_one(st, a, p);
}

/* The booking's live payment, else its latest failed or cancelled one. */
int
payment_for_booking(struct db *db, struct arena *a, int64_t booking_id,
    struct payment *p)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT " PAYMENT_COLUMNS PAYMENT_FROM "WHERE p.booking_id = :b "
	    "ORDER BY p.status IN ('failed', 'cancelled'), p.id DESC LIMIT 1");

	db_bind_int(st, ":b", booking_id);
	return payment_one(st, a, p);
}

int
payment_by_gateway_ref(struct db *db, struct arena *a, const char *ref,
    struct payment *p)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT " PAYMENT_COLUMNS PAYMENT_FROM "WHERE p.gateway_ref = :r "
	    "ORDER BY p.id DESC LIMIT 1");

	db_bind_text(st, ":r", ref);
	return payment_one(st, a, p);
}

int
payment_by_checkout(struct db *db, struct arena *a, const char *ref,
    struct payment *p)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT " PAYMENT_COLUMNS PAYMENT_FROM "WHERE p.checkout_ref = :r "
	    "ORDER BY p.id DESC LIMIT 1");

	db_bind_text(st, ":r", ref);
	return payment_one(st, a, p);
}

size_t
payment_list(struct db *db, struct arena *a, const struct payment_filter *f,
    size_t limit, struct payment_listed **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT " PAYMENT_COLUMNS ", " ACCOUNT_SHOWN_NAME("c") ", "
	    ACCOUNT_SHOWN_NAME("v") " " PAYMENT_FROM
	    "JOIN users c ON c.id = p.customer_id "
	    "JOIN users v ON v.id = p.vendor_id "
	    "WHERE p.id < :before AND (:status IS NULL OR p.status = :status) "
	    "AND p.created_at >= :from AND p.created_at < :to "
	    "ORDER BY p.id DESC LIMIT :n");
	size_t		 n = 0;

	*out = arena_alloc(a, sizeof(**out) * (limit ? limit : 1));
	db_bind_int(st, ":before", f->before_id > 0 ? f->before_id : INT64_MAX);
	db_bind_text(st, ":status", f->status >= 0 && f->status < PAY__MAX ?
	    statuses[f->status].name : NULL);
	db_bind_int(st, ":from", f->from > 0 ? f->from : INT64_MIN);
	db_bind_int(st, ":to", f->to > 0 ? f->to : INT64_MAX);
	db_bind_int(st, ":n", (int64_t)limit);
	while (n < limit && db_step(st) == DB_ROW) {
		struct payment_listed	*row = &(*out)[n++];

		payment_read(st, a, &row->p);
		row->customer_name = db_text(st, 20, a);
		row->vendor_name = db_text(st, 21, a);
	}
	db_done(st);
	return n;
}

/*
 * The newest payments of one person's bookings, as the customer or as
 * the vendor (a super admin's view of an account): each side walks its
 * own index (payments_customer, payments_vendor), newest first.
 */
size_t
payment_list_person(struct db *db, struct arena *a, int64_t user,
    size_t limit, struct payment **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT * FROM (SELECT " PAYMENT_COLUMNS PAYMENT_FROM
	    "WHERE p.customer_id = :u ORDER BY p.id DESC LIMIT :n) "
	    "UNION ALL SELECT * FROM (SELECT " PAYMENT_COLUMNS PAYMENT_FROM
	    "WHERE p.vendor_id = :u ORDER BY p.id DESC LIMIT :n) "
	    "ORDER BY 1 DESC LIMIT :n");
	size_t		 n = 0;

	*out = arena_alloc(a, sizeof(**out) * (limit ? limit : 1));
	db_bind_int(st, ":u", user);
	db_bind_int(st, ":n", (int64_t)limit);
	while (n < limit && db_step(st) == DB_ROW)
		payment_read(st, a, &(*out)[n++]);
	db_done(st);
	return n;
}

size_t
payment_events(struct db *db, struct arena *a, int64_t id,
    struct payment_event **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT e.from_status, e.to_status, u.username, "
	    "coalesce(e.amount_paise, 0), e.note, e.at "
	    "FROM payment_events e LEFT JOIN users u ON u.id = e.actor_id "
	    "WHERE e.payment_id = :p ORDER BY e.id LIMIT 100");
	size_t		 n = 0;

	*out = arena_alloc(a, sizeof(**out) * 100);
	db_bind_int(st, ":p", id);
	while (n < 100 && db_step(st) == DB_ROW) {
		struct payment_event	*e = &(*out)[n++];

		e->has_from = sqlite3_column_type(st, 0) != SQLITE_NULL;
		if (e->has_from)
			e->from = payment_status_parse(db_text_tmp(st, 0));
		e->to = payment_status_parse(db_text_tmp(st, 1));
		e->actor_name = db_text(st, 2, a);
		e->amount_paise = db_int(st, 3);
		e->note = db_text(st, 4, a);
		e->at = db_int(st, 5);
	}
	db_done(st);
	return n;
}

static void
event_add(struct db *db, int64_t id, const enum payment_status *from,
    enum payment_status to, int64_t actor, int64_t amount, const char *note)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO payment_events (payment_id, from_status, to_status, "
	    "actor_id, amount_paise, note, at) VALUES (:p, :f, :t, :a, :amt, "
	    ":n, unixepoch())");

	db_bind_int(st, ":p", id);
	db_bind_text(st, ":f", from != NULL ? statuses[*from].name : NULL);
	db_bind_text(st, ":t", statuses[to].name);
	if (actor > 0)
		db_bind_int(st, ":a", actor);
	if (amount > 0)
		db_bind_int(st, ":amt", amount);
	db_bind_text(st, ":n", note != NULL ? note : "");
	if (db_step(st) != DB_DONE)
		log_fatal("payment: event refused");
	db_done(st);
}

/*
 * Move a loaded payment, inside the caller's transaction: the row
 * (guarded by the status and refunded total it was read with), adding
 * refund to refunded_paise, the timeline event and the audit row.
 * REFUSED when the table says no or someone moved it first.
 */
static enum payment_result
payment_apply(struct db *db, struct arena *a, const struct actor *who,
    unsigned role, struct payment *p, enum payment_status to, int64_t refund,
    const char *note)
{
	sqlite3_stmt		*st;
	enum payment_status	 from = p->status;
	enum db_step		 rc;
	int64_t			 now = clock_now();

	if (!payment_transition_allowed(from, to, role))
		return PAYMENT_REFUSED;
	st = db_prepare(db,
	    "UPDATE payments SET status = :to, refunded_paise = refunded_paise "
	    "+ :refund, captured_at = CASE WHEN :to = 'captured' THEN :now "
	    "ELSE captured_at END, updated_at = :now "
	    "WHERE id = :id AND status = :from AND refunded_paise = :refunded");
	db_bind_text(st, ":to", statuses[to].name);
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":refund", refund);
	db_bind_int(st, ":id", p->id);
	db_bind_text(st, ":from", statuses[from].name);
	db_bind_int(st, ":refunded", p->refunded_paise);
	rc = db_step(st);
	db_done(st);
	if (rc == DB_CONSTRAINT) {
		/* Another live payment for the booking, most likely. */
		log_warn("payment: %lld %s -> %s refused by a constraint",
		    (long long)p->id, statuses[from].name, statuses[to].name);
		return PAYMENT_REFUSED;
	}
	if (db_changes(db) != 1)
		return PAYMENT_REFUSED;
	p->status = to;
	p->refunded_paise += refund;
	if (to == PAY_CAPTURED)
		p->captured_at = now;
	event_add(db, p->id, &from, to, who->user_id, refund, note);
	audit_write(db, who, arena_printf(a, "payment.%s", statuses[to].name),
	    "payment", p->id, json_pack("{s:s}", "status", statuses[from].name),
	    json_pack("{s:s, s:I, s:I, s:I, s:s}", "status", statuses[to].name,
	    "booking_id", (json_int_t)p->booking_id, "amount_paise",
	    (json_int_t)p->amount_paise, "refunded_paise",
	    (json_int_t)p->refunded_paise, "note", note != NULL ? note : ""));
	return PAYMENT_OK;
}

static enum payment_result
rollback(struct db *db, enum payment_result rc)
{
	db_rollback(db);
	return rc;
}

static enum payment_result
commit(struct db *db, enum payment_result rc)
{
	if (rc == PAYMENT_OK)
		db_commit(db);
	else
		db_rollback(db);
	return rc;
}

/*
 * Inside the completion's transaction (settlement.c): the booking's
 * payment for its price, waiting for the customer, through the
 * configured gateway.
 */
void
payment_open(struct db *db, struct arena *a, const struct actor *who,
    const struct payment_for *b)
{
	const char	*gateway = config_load()->payment_gateway;
	sqlite3_stmt	*st;
	enum db_step	 rc;
	int64_t		 id;

	if (!db_in_transaction(db))
		log_fatal("payment: opened outside a transaction");
	if (gateway_get(gateway) == NULL ||
	    gateway_get(gateway)->checkout == GATEWAY_CHECKOUT_NONE)
		log_fatal("payment: HOMESERVE_PAYMENT_GATEWAY must be test or "
		    "stripe, not %s", gateway);
	st = db_prepare(db,
	    "INSERT INTO payments (booking_id, customer_id, vendor_id, "
	    "amount_paise, gateway, kind, created_at, updated_at) VALUES (:b, "
	    ":c, :v, :amt, :g, :kind, :now, :now)");
	db_bind_int(st, ":b", b->booking_id);
	db_bind_int(st, ":c", b->customer_id);
	db_bind_int(st, ":v", b->vendor_id);
	db_bind_int(st, ":amt", b->amount_paise);
	db_bind_text(st, ":g", gateway);
	db_bind_text(st, ":kind", b->fee ? "fee" : "job");
	db_bind_int(st, ":now", clock_now());
	rc = db_step(st);
	db_done(st);
	if (rc == DB_CONSTRAINT) {
		log_warn("payment: booking %lld already has a payment",
		    (long long)b->booking_id);
		return;
	}
	id = db_last_id(db);
	event_add(db, id, NULL, PAY_REQUIRES_AUTHORIZATION, who->user_id, 0,
	    "");
	audit_write(db, who, "payment.open", "payment", id, NULL,
	    json_pack("{s:I, s:I, s:s, s:s, s:s}", "booking_id",
	    (json_int_t)b->booking_id, "amount_paise",
	    (json_int_t)b->amount_paise, "gateway", gateway, "status",
	    statuses[PAY_REQUIRES_AUTHORIZATION].name, "kind",
	    b->fee ? "fee" : "job"));
	notify_add(db, a, b->customer_id, b->booking_id, b->fee ?
	    arena_printf(a, "Booking #%lld (%s): a late-cancellation fee of %s "
	    "is due. Pay it from the booking page; you can book again once it "
	    "is paid.", (long long)b->booking_id, b->service_name,
	    fmt_money(a, b->amount_paise)) : arena_printf(a,
	    "Booking #%lld (%s): your payment of %s is ready. Pay from the "
	    "booking page; it is taken when you sign.",
	    (long long)b->booking_id, b->service_name,
	    fmt_money(a, b->amount_paise)));
}

/*
 * A late-cancellation fee the customer has not paid yet (waiting, or
 * authorised but not taken): 1 and *p, else 0.  New bookings wait for
 * it (booking-bookings.c); the index payments_fee_due (sql/028) holds
 * only such rows.
 */
int
payment_fee_due(struct db *db, struct arena *a, int64_t customer,
    struct payment *p)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT " PAYMENT_COLUMNS PAYMENT_FROM "WHERE p.customer_id = :c "
	    "AND p.kind = 'fee' AND p.status IN ('requires_authorization', "
	    "'authorized', 'failed') ORDER BY p.id LIMIT 1");

	db_bind_int(st, ":c", customer);
	return payment_one(st, a, p);
}

/* Card details the gateway reported, kept as brand and last 4 only. */
static void
card_store(struct db *db, int64_t id, const char *ref, const char *brand,
    const char *last4)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE payments SET gateway_ref = coalesce(:ref, gateway_ref), "
	    "card_brand = coalesce(:brand, card_brand), card_last4 = "
	    "coalesce(:l4, card_last4), last_error = NULL WHERE id = :id");

	if (last4 != NULL && (strlen(last4) != 4 ||
	    strspn(last4, "0123456789") != 4))
		last4 = NULL;
	if (brand != NULL && (brand[0] == '\0' || strlen(brand) > 30))
		brand = NULL;
	db_bind_text(st, ":ref", ref);
	db_bind_text(st, ":brand", brand);
	db_bind_text(st, ":l4", last4);
	db_bind_int(st, ":id", id);
	if (db_step(st) != DB_DONE)
		log_fatal("payment: storing card details refused");
	db_done(st);
}

static void
error_store(struct db *db, int64_t id, const char *error)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE payments SET last_error = :e, updated_at = unixepoch() "
	    "WHERE id = :id");

	db_bind_text(st, ":e", error);
	db_bind_int(st, ":id", id);
	if (db_step(st) != DB_DONE)
		log_fatal("payment: storing an error refused");
	db_done(st);
}

/*
 * The gateway authorised the payment (the customer's card on the test
 * page, or Stripe's webhook).  A failed payment is tried again first.
 * The same news twice (a gateway_ref already recorded) is OK; an
 * authorised or later payment otherwise is REFUSED (paying twice).
 * Callers then call settle_capture: a signed booking is captured at
 * once.
 */
/* How the customer paid, as the gateway reported it. */
struct paid_by {
	const char	*gateway_ref;
	const char	*brand, *last4;		/* a card */
	const char	*upi_masked;		/* UPI */
};

/* A UPI payment: no card details, the masked ID only. */
static void
upi_store(struct db *db, int64_t id, const char *upi_masked)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE payments SET method = 'upi', upi_masked = :m, "
	    "card_brand = NULL, card_last4 = NULL, last_error = NULL "
	    "WHERE id = :id");

	db_bind_text(st, ":m", upi_masked);
	db_bind_int(st, ":id", id);
	if (db_step(st) != DB_DONE)
		log_fatal("payment: storing UPI details refused");
	db_done(st);
}

static const char *
paid_by_note(struct arena *a, const struct paid_by *by)
{
	if (by->upi_masked != NULL)
		return arena_printf(a, "UPI %s", by->upi_masked);
	if (by->brand != NULL && by->last4 != NULL)
		return arena_printf(a, "%s ending %s", by->brand, by->last4);
	return NULL;
}

static enum payment_result
authorize(struct db *db, struct arena *a, const struct actor *who, int64_t id,
    const struct paid_by *by)
{
	struct payment		p;
	unsigned		role;
	enum payment_result	rc = PAYMENT_OK;

	db_begin(db);
	role = payment_actor_role(db, a, who);
	if (!payment_get(db, a, id, &p) ||
	    (role == ROLE_CUSTOMER && p.customer_id != who->user_id))
		return rollback(db, PAYMENT_NOT_FOUND);
	if (p.status != PAY_REQUIRES_AUTHORIZATION && p.status != PAY_FAILED)
		return rollback(db, by->gateway_ref != NULL &&
		    p.gateway_ref != NULL && strcmp(by->gateway_ref,
		    p.gateway_ref) == 0 ? PAYMENT_OK : PAYMENT_REFUSED);
	if (p.status == PAY_FAILED)
		rc = payment_apply(db, a, who, role, &p,
		    PAY_REQUIRES_AUTHORIZATION, 0, "Trying again.");
	if (rc == PAYMENT_OK)
		rc = payment_apply(db, a, who, role, &p, PAY_AUTHORIZED, 0,
		    paid_by_note(a, by));
	if (rc == PAYMENT_OK && by->upi_masked != NULL)
		upi_store(db, p.id, by->upi_masked);
	else if (rc == PAYMENT_OK)
		card_store(db, p.id, by->gateway_ref, by->brand, by->last4);
	return commit(db, rc);
}

/*
 * The gateway authorised the payment (the customer's card on the test
 * page, or Stripe's webhook).  A failed payment is tried again first.
 * The same news twice (a gateway_ref already recorded) is OK; an
 * authorised or later payment otherwise is REFUSED (paying twice).
 * Callers then call settle_capture: a signed booking is captured at
 * once.
 */
enum payment_result
payment_authorized(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, const char *gateway_ref, const char *brand, const char *last4)
{
	struct paid_by	by = { gateway_ref, brand, last4, NULL };

	return authorize(db, a, who, id, &by);
}

/* The test gateway's UPI: the ID arrives masked (gateway_upi_mask). */
enum payment_result
payment_authorized_upi(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, const char *upi_masked)
{
	struct paid_by	by = { NULL, NULL, NULL, upi_masked };

	return authorize(db, a, who, id, &by);
}

/*
 * The gateway declined: 'failed' with the reason in last_error (a
 * failed payment just records the new reason).  The customer may try
 * again.
 */
enum payment_result
payment_failed(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, const char *error)
{
	struct payment		p;
	unsigned		role;
	enum payment_result	rc = PAYMENT_OK;

	db_begin(db);
	role = payment_actor_role(db, a, who);
	if (!payment_get(db, a, id, &p) ||
	    (role == ROLE_CUSTOMER && p.customer_id != who->user_id))
		return rollback(db, PAYMENT_NOT_FOUND);
	if (p.status == PAY_FAILED)
		audit_write(db, who, "payment.declined", "payment", p.id, NULL,
		    json_pack("{s:s, s:s}", "status", "failed", "error",
		    error));
	else
		rc = payment_apply(db, a, who, role, &p, PAY_FAILED, 0, error);
	if (rc == PAYMENT_OK)
		error_store(db, p.id, error);
	return commit(db, rc);
}

/* Remember a Stripe Checkout Session for the payment; in or out of a transaction. */
void
payment_set_checkout(struct db *db, const struct actor *who, int64_t id,
    const char *checkout_ref)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE payments SET checkout_ref = :c, updated_at = unixepoch() "
	    "WHERE id = :id");
	int		 own = !db_in_transaction(db);

	if (own)
		db_begin(db);
	db_bind_text(st, ":c", checkout_ref);
	db_bind_int(st, ":id", id);
	if (db_step(st) != DB_DONE)
		log_fatal("payment: storing a checkout session refused");
	db_done(st);
	audit_write(db, who, "payment.checkout", "payment", id, NULL,
	    json_pack("{s:s}", "checkout_ref", checkout_ref));
	if (own)
		db_commit(db);
}

/* Inside the capture's transaction: the next receipt number, max + 1. */
static int64_t
receipt_issue(struct db *db, const struct actor *who, int64_t payment)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO receipts (number, payment_id, issued_at) "
	    "SELECT coalesce(max(number), 0) + 1, :p, unixepoch() "
	    "FROM receipts");
	sqlite3_stmt	*get;
	int64_t		 number = 0;

	db_bind_int(st, ":p", payment);
	if (db_step(st) != DB_DONE)
		log_fatal("payment: receipt for %lld refused",
		    (long long)payment);
	db_done(st);
	get = db_prepare(db, "SELECT number FROM receipts WHERE "
	    "payment_id = :p");
	db_bind_int(get, ":p", payment);
	if (db_step(get) == DB_ROW)
		number = db_int(get, 0);
	db_done(get);
	audit_write(db, who, "receipt.issue", "payment", payment, NULL,
	    json_pack("{s:I}", "receipt_number", (json_int_t)number));
	return number;
}

/*
 * Inside the capture's transaction (settlement.c), for an authorised
 * payment the gateway has captured: 'captured', the error cleared, and
 * the next receipt number.  REFUSED when the state machine says no.
 */
enum payment_result
payment_capture_record(struct db *db, struct arena *a, const struct actor *who,
    unsigned role, struct payment *p)
{
	if (payment_apply(db, a, who, role, p, PAY_CAPTURED, 0, NULL) !=
	    PAYMENT_OK)
		return PAYMENT_REFUSED;
	error_store(db, p->id, NULL);
	p->receipt_number = receipt_issue(db, who, p->id);
	return PAYMENT_OK;
}

/*
 * A gateway call that failed: the payment keeps its state, with the
 * reason for ops, in its own small transaction with its audit row.
 */
static enum payment_result
gateway_failed(struct db *db, struct arena *a, const struct actor *who,
    const struct payment *p, const char *action, enum gateway_result grc,
    const char *gwhy, const char **why)
{
	const char	*error = gwhy != NULL && gwhy[0] != '\0' ? gwhy :
	    grc == GATEWAY_DECLINED ? "The gateway refused." :
	    "The gateway could not be reached.";

	db_begin(db);
	error_store(db, p->id, error);
	audit_write(db, who, arena_printf(a, "payment.%s_failed", action),
	    "payment", p->id, NULL, json_pack("{s:s, s:s, s:s}", "status",
	    statuses[p->status].name, "error", error, "result",
	    grc == GATEWAY_DECLINED ? "declined" : "unavailable"));
	notify_ops(db, a, p->booking_id, arena_printf(a, "Booking #%lld (%s): "
	    "payment #%lld: the %s failed (%s). See Payments.",
	    (long long)p->booking_id, p->service_name, (long long)p->id,
	    action, error));
	db_commit(db);
	*why = arena_printf(a, "The payment gateway did not %s the payment: "
	    "%s Nothing was changed; try again later.", action, error);
	return grc == GATEWAY_DECLINED ? PAYMENT_DECLINED : PAYMENT_UNAVAILABLE;
}

/* The gateway a payment was made through; UNAVAILABLE when unknown. */
static const struct gateway *
gateway_of(const struct payment *p, const char **why)
{
	const struct gateway	*gw = gateway_get(p->gateway);

	if (gw == NULL) {
		log_error("payment: %lld uses gateway %s, which is not built in",
		    (long long)p->id, p->gateway);
		*why = "This payment's gateway is not available.";
	}
	return gw;
}

/*
 * The gateway's capture of an authorised payment, outside any
 * transaction (a network call must not hold the write lock): OK when
 * the gateway took the money, else the failure recorded for ops with
 * *why.  The caller records the capture (payment_capture_record).
 */
enum payment_result
payment_capture_call(struct db *db, struct arena *a, const struct actor *who,
    const struct payment *p, const char **why)
{
	const struct gateway	*gw;
	enum gateway_result	 grc;
	const char		*gwhy = NULL;

	if ((gw = gateway_of(p, why)) == NULL)
		return PAYMENT_UNAVAILABLE;
	if (db_in_transaction(db))
		log_fatal("payment: capture called inside a transaction");
	grc = gw->capture(a, p, arena_printf(a, "capture-%lld",
	    (long long)p->id), &gwhy);
	if (grc != GATEWAY_OK)
		return gateway_failed(db, a, who, p, "capture", grc, gwhy, why);
	return PAYMENT_OK;
}

static int
blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

/* Characters, not bytes, as the forms count them. */
static size_t
utf8_chars(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static int64_t
refund_next_seq(struct db *db, int64_t id)
{
	sqlite3_stmt	*st = db_prepare(db, "SELECT coalesce(max(seq), 0) + 1 "
	    "FROM payment_refunds WHERE payment_id = :p");
	int64_t		 seq;

	db_bind_int(st, ":p", id);
	db_step(st);
	seq = db_int(st, 0);
	db_done(st);
	return seq;
}

/* Inside a transaction: the refund's row; 0 when seq is taken. */
static int
refund_add(struct db *db, const struct actor *who, int64_t id, int64_t seq,
    int64_t amount, const char *reason)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO payment_refunds (payment_id, seq, amount_paise, "
	    "reason, actor_id, created_at) VALUES (:p, :s, :amt, :r, :a, "
	    "unixepoch())");
	enum db_step	 rc;

	db_bind_int(st, ":p", id);
	db_bind_int(st, ":s", seq);
	db_bind_int(st, ":amt", amount);
	db_bind_text(st, ":r", reason);
	if (who->user_id > 0)
		db_bind_int(st, ":a", who->user_id);
	rc = db_step(st);
	db_done(st);
	return rc == DB_DONE;
}

/*
 * Inside a transaction: record a refund the gateway made, moving the
 * loaded payment to 'partially_refunded' or 'refunded'.
 */
static enum payment_result
refund_record(struct db *db, struct arena *a, const struct actor *who,
    unsigned role, struct payment *p, int64_t seq, int64_t amount,
    const char *reason)
{
	enum payment_status	to = p->refunded_paise + amount ==
	    p->amount_paise ? PAY_REFUNDED : PAY_PARTIALLY_REFUNDED;

	if (!refund_add(db, who, p->id, seq, amount, reason) ||
	    payment_apply(db, a, who, role, p, to, amount, reason) !=
	    PAYMENT_OK)
		return PAYMENT_REFUSED;
	notify_add(db, a, p->customer_id, p->booking_id, arena_printf(a,
	    "Booking #%lld (%s): %s of your payment is refunded. %s",
	    (long long)p->booking_id, p->service_name, fmt_money(a, amount),
	    reason));
	return PAYMENT_OK;
}

static int
refundable(const struct payment *p)
{
	return p->status == PAY_CAPTURED || p->status == PAY_PARTIALLY_REFUNDED;
}

/*
 * A refund, first half, outside any transaction: the checks (a
 * captured payment, a reason, an amount up to what is left) and the
 * gateway's refund, keyed "refund-<id>-<n>".  The caller records it
 * with payment_refund_record inside its transaction.
 */
enum payment_result
payment_refund_call(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, int64_t amount, const char *reason, struct payment_refund *r,
    const char **why)
{
	struct payment		 p;
	const struct gateway	*gw;
	enum gateway_result	 grc;
	const char		*gwhy = NULL;

	*why = NULL;
	if (!payment_get(db, a, id, &p))
		return PAYMENT_NOT_FOUND;
	if (!refundable(&p)) {
		*why = arena_printf(a, "Only a captured payment can be refunded; "
		    "this one is “%s”.", statuses[p.status].label);
		return PAYMENT_REFUSED;
	}
	if (blank(reason) || utf8_chars(reason) > PAYMENT_REASON_MAX) {
		*why = blank(reason) ? "Say why you are refunding." :
		    "The reason must be at most 500 characters.";
		return PAYMENT_INVALID;
	}
	if (amount <= 0 || amount > p.amount_paise - p.refunded_paise) {
		*why = arena_printf(a, "The refund must be more than ₹0 and at "
		    "most %s, what is left of the %s captured.",
		    fmt_money(a, p.amount_paise - p.refunded_paise),
		    fmt_money(a, p.amount_paise));
		return PAYMENT_INVALID;
	}
	if ((gw = gateway_of(&p, why)) == NULL)
		return PAYMENT_UNAVAILABLE;
	*r = (struct payment_refund){ p.id, refund_next_seq(db, p.id),
	    p.refunded_paise, amount, reason };
	grc = gw->refund(a, &p, amount, arena_printf(a, "refund-%lld-%lld",
	    (long long)p.id, (long long)r->seq), &gwhy);
	if (grc != GATEWAY_OK)
		return gateway_failed(db, a, who, &p, "refund", grc, gwhy, why);
	return PAYMENT_OK;
}

/*
 * A refund, second half, inside the caller's transaction: the payment
 * re-read, the refund row, 'partially_refunded' or 'refunded', the
 * customer told.  REFUSED when another refund got in between.
 */
enum payment_result
payment_refund_record(struct db *db, struct arena *a, const struct actor *who,
    const struct payment_refund *r, struct payment *p, const char **why)
{
	if (!payment_get(db, a, r->payment_id, p) ||
	    p->refunded_paise != r->refunded_before || !refundable(p) ||
	    refund_record(db, a, who, payment_actor_role(db, a, who), p,
	    r->seq, r->amount_paise, r->reason) != PAYMENT_OK) {
		*why = "Another refund of this payment was recorded at the same "
		    "time. Check the payment and try again.";
		return PAYMENT_REFUSED;
	}
	return PAYMENT_OK;
}

/*
 * Inside the caller's transaction: Stripe says the charge's refunds now
 * total refunded_total: the difference recorded as one refund, once
 * (*amount; 0 when there is nothing new).
 */
enum payment_result
payment_refunded_by_gateway(struct db *db, struct arena *a,
    const struct actor *who, int64_t id, int64_t refunded_total,
    struct payment *p, int64_t *amount)
{
	*amount = 0;
	if (!payment_get(db, a, id, p))
		return PAYMENT_NOT_FOUND;
	if (refunded_total <= p->refunded_paise)
		return PAYMENT_OK;
	if (refunded_total > p->amount_paise)
		return PAYMENT_INVALID;
	if (!refundable(p))
		return PAYMENT_REFUSED;
	*amount = refunded_total - p->refunded_paise;
	return refund_record(db, a, who, payment_actor_role(db, a, who), p,
	    refund_next_seq(db, p->id), *amount,
	    "Refunded at the payment gateway.");
}

/*
 * A cancellation, first half: the checks, and an authorisation released
 * at the gateway ("cancel-<id>") outside any transaction.
 */
enum payment_result
payment_cancel_call(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, const char *reason, const char **why)
{
	struct payment		 p;
	const struct gateway	*gw;
	enum gateway_result	 grc;
	const char		*gwhy = NULL;

	*why = NULL;
	if (!payment_get(db, a, id, &p))
		return PAYMENT_NOT_FOUND;
	if (!payment_transition_allowed(p.status, PAY_CANCELLED,
	    payment_actor_role(db, a, who))) {
		*why = refusal(a, p.status, PAY_CANCELLED);
		return PAYMENT_REFUSED;
	}
	if (blank(reason)) {
		*why = "Say why you are cancelling the payment.";
		return PAYMENT_INVALID;
	}
	if (p.status != PAY_AUTHORIZED)
		return PAYMENT_OK;
	if ((gw = gateway_of(&p, why)) == NULL)
		return PAYMENT_UNAVAILABLE;
	grc = gw->cancel(a, &p, arena_printf(a, "cancel-%lld", (long long)p.id),
	    &gwhy);
	if (grc != GATEWAY_OK)
		return gateway_failed(db, a, who, &p, "cancel", grc, gwhy, why);
	return PAYMENT_OK;
}

/*
 * Second half, inside the caller's transaction: the payment re-read and
 * 'cancelled', the customer told.  REFUSED when it moved meanwhile.
 */
enum payment_result
payment_cancel_record(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, const char *reason, const char **why)
{
	struct payment		p;
	enum payment_result	rc;

	if (!payment_get(db, a, id, &p))
		return PAYMENT_NOT_FOUND;
	if ((rc = payment_apply(db, a, who, payment_actor_role(db, a, who), &p,
	    PAY_CANCELLED, 0, reason)) != PAYMENT_OK) {
		*why = refusal(a, p.status, PAY_CANCELLED);
		return rc;
	}
	notify_add(db, a, p.customer_id, p.booking_id, arena_printf(a,
	    "Booking #%lld (%s): your payment was cancelled. %s",
	    (long long)p.booking_id, p.service_name, reason));
	return PAYMENT_OK;
}

/* Ops cancel a payment that is not captured yet, with a reason. */
enum payment_result
payment_cancel(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, const char *reason, const char **why)
{
	enum payment_result	rc;

	if ((rc = payment_cancel_call(db, a, who, id, reason, why)) !=
	    PAYMENT_OK)
		return rc;
	db_begin(db);
	if ((rc = payment_cancel_record(db, a, who, id, reason, why)) !=
	    PAYMENT_OK)
		return rollback(db, rc);
	db_commit(db);
	return PAYMENT_OK;
}

/* Inside the manual payment's transaction: the booking's live payment steps aside. */
static enum payment_result
manual_clear(struct db *db, struct arena *a, const struct actor *who,
    unsigned role, int64_t booking_id, const char *method, const char **why)
{
	struct payment	p;

	if (!payment_for_booking(db, a, booking_id, &p) ||
	    p.status == PAY_FAILED || p.status == PAY_CANCELLED)
		return PAYMENT_OK;
	switch (p.status) {
	case PAY_REQUIRES_AUTHORIZATION:
		if (payment_apply(db, a, who, role, &p, PAY_CANCELLED, 0,
		    arena_printf(a, "Paid by %s instead.",
		    payment_method_label(method))) == PAYMENT_OK)
			return PAYMENT_OK;
		break;
	case PAY_AUTHORIZED:
		*why = "The customer's card payment is authorised: capture it, "
		    "or cancel it before recording a manual payment.";
		return PAYMENT_REFUSED;
	default:
		break;
	}
	*why = p.receipt_number > 0 ? arena_printf(a, "This booking is already "
	    "paid (receipt #%lld).", (long long)p.receipt_number) :
	    "This booking is already paid.";
	return PAYMENT_REFUSED;
}

/* Inside the manual payment's transaction: the new payment. */
static int64_t
manual_insert(struct db *db, struct arena *a, const struct actor *who,
    const struct payment_for *b, const char *method, const char *reference)
{
	sqlite3_stmt		*st = db_prepare(db,
	    "INSERT INTO payments (booking_id, customer_id, vendor_id, "
	    "amount_paise, gateway, method, reference, created_at, updated_at) "
	    "VALUES (:b, :c, :v, :amt, 'manual', :m, :r, unixepoch(), "
	    "unixepoch())");
	int64_t			 id;

	db_bind_int(st, ":b", b->booking_id);
	db_bind_int(st, ":c", b->customer_id);
	db_bind_int(st, ":v", b->vendor_id);
	db_bind_int(st, ":amt", b->amount_paise);
	db_bind_text(st, ":m", method);
	db_bind_text(st, ":r", blank(reference) ? NULL : reference);
	if (db_step(st) != DB_DONE)
		log_fatal("payment: manual payment for booking %lld refused",
		    (long long)b->booking_id);
	db_done(st);
	id = db_last_id(db);
	event_add(db, id, NULL, PAY_REQUIRES_AUTHORIZATION, who->user_id, 0,
	    "");
	audit_write(db, who, "payment.manual", "payment", id, NULL,
	    json_pack("{s:I, s:I, s:s, s:s}", "booking_id",
	    (json_int_t)b->booking_id, "amount_paise",
	    (json_int_t)b->amount_paise, "method", method,
	    "reference", blank(reference) ? "" : reference));
	(void)a;
	return id;
}

static const char *
manual_check(const char *method, const char *reference)
{
	if (strcmp(method, "cash") != 0 && strcmp(method, "upi") != 0 &&
	    strcmp(method, "bank_transfer") != 0)
		return "Choose how the customer paid: cash, UPI or bank "
		    "transfer.";
	if (strcmp(method, "cash") != 0 && blank(reference))
		return "Enter the UPI or bank transfer reference.";
	if (reference != NULL && strlen(reference) > PAYMENT_REFERENCE_MAX)
		return "The reference must be at most 100 characters.";
	return NULL;
}

/*
 * Inside the caller's transaction (settlement.c, which has checked the
 * booking): money received outside any gateway, captured at once with
 * its receipt.  INVALID (the method or reference), REFUSED (a card
 * payment is authorised, or the booking is paid already), with *why.
 */
enum payment_result
payment_manual_record(struct db *db, struct arena *a, const struct actor *who,
    unsigned role, const struct payment_for *b, const char *method,
    const char *reference, struct payment *p, const char **why)
{
	enum payment_result	rc;
	int64_t			id;

	if ((*why = manual_check(method, reference)) != NULL)
		return PAYMENT_INVALID;
	if ((rc = manual_clear(db, a, who, role, b->booking_id, method,
	    why)) != PAYMENT_OK)
		return rc;
	id = manual_insert(db, a, who, b, method, reference);
	if (!payment_get(db, a, id, p) ||
	    payment_apply(db, a, who, role, p, PAY_AUTHORIZED, 0,
	    arena_printf(a, "%s received.", payment_method_label(method))) !=
	    PAYMENT_OK || payment_capture_record(db, a, who, role, p) !=
	    PAYMENT_OK) {
		*why = "Your account cannot record payments.";
		return PAYMENT_REFUSED;
	}
	return PAYMENT_OK;
}
