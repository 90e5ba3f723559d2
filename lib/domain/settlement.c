/* settlement.c: every rule that moves money, in one place above bookings, payments and payouts, which never call each other: opening a job's payment, capturing it once the customer signs (one function for every caller), the vendor's earning, manual payments. */
#include <string.h>

#include "account.h"
#include "arena.h"
#include "audit.h"
#include "clock.h"
#include "db.h"
#include "fmt.h"
#include "log.h"
#include "notify.h"
#include "payout.h"
#include "settlement.h"
#include "signature.h"

/* May a booking in this state become paid by role? */
static int
payable(enum booking_status s, unsigned role)
{
	return booking_transition_allowed(s, BK_PAID, role);
}

/* Inside a transaction: a booking whose money is in becomes 'paid' when it may. */
static void
booking_paid(struct db *db, struct arena *a, const struct actor *who,
    unsigned role, int64_t booking_id)
{
	struct booking	b;

	if (!booking_get(db, a, booking_id, &b) || !payable(b.status, role))
		return;
	if (booking_apply(db, a, who, role, &b, BK_PAID, NULL) != BOOKING_OK)
		log_warn("settlement: booking %lld did not become paid",
		    (long long)booking_id);
}

/*
 * Inside the capture's transaction, once the payment is 'captured'
 * with its receipt: the vendor's earning on their pending payout, the
 * booking 'paid' when it may, and both parties told.
 */
static void
captured_follow(struct db *db, struct arena *a, const struct actor *who,
    unsigned role, const struct payment *p)
{
	struct payout_earning_in	 in = { p->id, p->booking_id,
					    p->vendor_id, p->amount_paise,
					    p->captured_at };
	int64_t				 net, commission;
	const char			*month;

	payout_earning_add(db, a, who, &in, &net, &commission, &month);
	booking_paid(db, a, who, role, p->booking_id);
	notify_add(db, a, p->customer_id, p->booking_id, arena_printf(a,
	    "Booking #%lld (%s): your payment of %s is received. Receipt "
	    "#%lld.", (long long)p->booking_id, p->service_name,
	    fmt_money(a, p->amount_paise), (long long)p->receipt_number));
	notify_add(db, a, p->vendor_id, p->booking_id, arena_printf(a,
	    "Booking #%lld (%s) is paid: %s is added to your payout for %s "
	    "(%s commission kept).", (long long)p->booking_id, p->service_name,
	    fmt_money(a, net), month, fmt_money(a, commission)));
}

/* A booking whose payment was captured before it was signed, now paid. */
static enum payment_result
paid_only(struct db *db, struct arena *a, const struct actor *who,
    unsigned role, int64_t booking_id)
{
	db_begin(db);
	booking_paid(db, a, who, role, booking_id);
	db_commit(db);
	return PAYMENT_OK;
}

/* Why a payment cannot be captured now, for ops (strict callers). */
static const char *
not_capturable(struct arena *a, const struct payment *p,
    const struct booking *b)
{
	if (p->status != PAY_AUTHORIZED)
		return arena_printf(a, "Only an authorised payment can be "
		    "captured; this one is “%s”.",
		    payment_status_label(p->status));
	return arena_printf(a, "The booking is “%s”: a payment is captured "
	    "once the customer signs (or, by operations, when the booking is "
	    "disputed).", booking_status_label(b->status));
}

/*
 * The one capture: an authorised payment of a booking that may be paid
 * is taken at the gateway (outside any transaction), then recorded with
 * its receipt, earning and the booking 'paid' in one transaction.
 * strict (ops asking for it) refuses with *why what the signature's
 * automatic capture silently leaves for later.
 */
static enum payment_result
capture_run(struct db *db, struct arena *a, const struct actor *who,
    unsigned role, struct payment *p, const struct booking *b, int strict,
    const char **why)
{
	enum payment_result	rc;

	*why = NULL;
	if (p->status == PAY_CAPTURED || p->status == PAY_REFUNDED ||
	    p->status == PAY_PARTIALLY_REFUNDED) {
		if (payable(b->status, role))
			return paid_only(db, a, who, role, b->id);
		if (strict)
			*why = "This payment is already captured.";
		return strict ? PAYMENT_REFUSED : PAYMENT_OK;
	}
	if (p->status != PAY_AUTHORIZED || !payable(b->status, role)) {
		if (strict)
			*why = not_capturable(a, p, b);
		return strict ? PAYMENT_REFUSED : PAYMENT_OK;
	}
	if ((rc = payment_capture_call(db, a, who, p, why)) != PAYMENT_OK)
		return rc;
	db_begin(db);
	/* Re-read under the write lock: a second capture may have won. */
	if (!payment_get(db, a, p->id, p) || p->status != PAY_AUTHORIZED) {
		db_rollback(db);
		return PAYMENT_OK;
	}
	if (payment_capture_record(db, a, who, role, p) != PAYMENT_OK)
		log_fatal("settlement: payment %lld captured at the gateway but "
		    "not recorded", (long long)p->id);
	captured_follow(db, a, who, role, p);
	db_commit(db);
	return PAYMENT_OK;
}

/*
 * After a signature, an authorisation or a gateway's news: capture the
 * booking's payment if the booking may now be paid; OK when there is
 * nothing to do yet.  NOT_FOUND for a customer who is not the
 * booking's.
 */
enum payment_result
settle_capture(struct db *db, struct arena *a, const struct actor *who,
    int64_t booking_id, const char **why)
{
	struct booking	b;
	struct payment	p;
	unsigned	role = payment_actor_role(db, a, who);

	*why = NULL;
	if (!booking_get(db, a, booking_id, &b) ||
	    (role == ROLE_CUSTOMER && b.customer_id != who->user_id))
		return PAYMENT_NOT_FOUND;
	if (!payment_for_booking(db, a, booking_id, &p))
		return PAYMENT_OK;
	return capture_run(db, a, who, role, &p, &b, 0, why);
}

/* Ops capture one payment: anything not capturable now is REFUSED (409). */
enum payment_result
settle_capture_payment(struct db *db, struct arena *a, const struct actor *who,
    int64_t payment_id, const char **why)
{
	struct booking	b;
	struct payment	p;

	*why = NULL;
	if (!payment_get(db, a, payment_id, &p) ||
	    !booking_get(db, a, p.booking_id, &b))
		return PAYMENT_NOT_FOUND;
	return capture_run(db, a, who, payment_actor_role(db, a, who), &p, &b,
	    1, why);
}

/*
 * The vendor completes the job: the booking 'completed' and its payment
 * opened for its price, in one transaction.
 */
enum booking_result
settle_complete(struct db *db, struct arena *a, const struct actor *who,
    int64_t booking_id)
{
	struct booking		b;
	struct payment_for	f;
	enum booking_result	rc;

	db_begin(db);
	if ((rc = booking_complete(db, a, who, booking_id)) != BOOKING_OK ||
	    !booking_get(db, a, booking_id, &b)) {
		db_rollback(db);
		return rc != BOOKING_OK ? rc : BOOKING_NOT_FOUND;
	}
	f = (struct payment_for){ b.id, b.customer_id, b.vendor_id,
	    b.price_paise, b.service_name };
	payment_open(db, a, who, &f);	/* the customer may now pay */
	db_commit(db);
	return BOOKING_OK;
}

/* A booking in these states may take a manual payment. */
static int
manual_allowed(enum booking_status s)
{
	return s == BK_COMPLETED || s == BK_SIGNATURE_REQUESTED ||
	    s == BK_SIGNED || s == BK_DISPUTED;
}

/*
 * Ops record money received outside any gateway for a booking that is
 * completed, waiting for or carrying its signature, or disputed: the
 * amount must be the booking's price.  One transaction: the payment
 * captured with its receipt and earning, a signed or disputed booking
 * 'paid' (one not signed yet becomes paid when it is).
 */
enum payment_result
settle_manual(struct db *db, struct arena *a, const struct actor *who,
    int64_t booking_id, const char *method, int64_t amount,
    const char *reference, int64_t *id, const char **why)
{
	struct booking		b;
	struct payment		p;
	struct payment_for	f;
	unsigned		role;
	enum payment_result	rc;

	*id = 0;
	*why = NULL;
	db_begin(db);
	role = payment_actor_role(db, a, who);
	if (!booking_get(db, a, booking_id, &b)) {
		db_rollback(db);
		return PAYMENT_NOT_FOUND;
	}
	if (!manual_allowed(b.status) || b.vendor_id == 0) {
		*why = arena_printf(a, "A booking that is “%s” cannot take a "
		    "manual payment: only completed, signed or disputed ones.",
		    booking_status_label(b.status));
		db_rollback(db);
		return PAYMENT_REFUSED;
	}
	if (amount != b.price_paise) {
		*why = arena_printf(a, "The amount must be the booking's price, "
		    "%s; %s was entered.", fmt_money(a, b.price_paise),
		    fmt_money(a, amount));
		db_rollback(db);
		return PAYMENT_INVALID;
	}
	f = (struct payment_for){ b.id, b.customer_id, b.vendor_id,
	    b.price_paise, b.service_name };
	if ((rc = payment_manual_record(db, a, who, role, &f, method,
	    reference, &p, why)) != PAYMENT_OK) {
		db_rollback(db);
		return rc;
	}
	captured_follow(db, a, who, role, &p);
	db_commit(db);
	*id = p.id;
	return PAYMENT_OK;
}

/*
 * Inside a refund's transaction: the vendor's share of the refunded
 * amount taken back on their next payout, and the vendor told.
 */
static void
refund_follow(struct db *db, struct arena *a, const struct actor *who,
    const struct payment *p, int64_t amount, const char *reason)
{
	struct payout_clawback_in	 c = { p->id, p->booking_id,
					    p->vendor_id, amount, clock_now(),
					    reason };
	const char			*month;
	int64_t				 back;

	if ((back = payout_clawback_add(db, a, who, &c, &month)) <= 0)
		return;
	notify_add(db, a, p->vendor_id, p->booking_id, arena_printf(a,
	    "Booking #%lld (%s): %s was refunded to the customer, so %s of "
	    "your earning is taken back from your payout for %s. The reason: "
	    "%s", (long long)p->booking_id, p->service_name,
	    fmt_money(a, amount), fmt_money(a, back), month, reason));
}

/*
 * Ops refund part or all of a captured payment, with a reason: the
 * gateway first (outside any transaction), then one transaction
 * records the refund and takes the vendor's share of it back.
 * INVALID, REFUSED, DECLINED, UNAVAILABLE as payment_refund_call.
 */
enum payment_result
settle_refund(struct db *db, struct arena *a, const struct actor *who,
    int64_t payment_id, int64_t amount, const char *reason, const char **why)
{
	struct payment_refund	r;
	struct payment		p;
	enum payment_result	rc;

	if ((rc = payment_refund_call(db, a, who, payment_id, amount, reason,
	    &r, why)) != PAYMENT_OK)
		return rc;
	db_begin(db);
	if ((rc = payment_refund_record(db, a, who, &r, &p, why)) !=
	    PAYMENT_OK) {
		db_rollback(db);
		return rc;
	}
	refund_follow(db, a, who, &p, amount, reason);
	db_commit(db);
	return PAYMENT_OK;
}

/* The gateway's news of refunds made there (Stripe's dashboard). */
enum payment_result
settle_refunded_by_gateway(struct db *db, struct arena *a,
    const struct actor *who, int64_t payment_id, int64_t refunded_total)
{
	struct payment		p;
	enum payment_result	rc;
	int64_t			amount;

	db_begin(db);
	rc = payment_refunded_by_gateway(db, a, who, payment_id,
	    refunded_total, &p, &amount);
	if (rc == PAYMENT_OK && amount > 0)
		refund_follow(db, a, who, &p, amount,
		    "Refunded at the payment gateway.");
	if (rc == PAYMENT_OK)
		db_commit(db);
	else
		db_rollback(db);
	return rc;
}

/*
 * Every request to sign whose window closed: the booking 'expired',
 * and a payment the customer authorised is then taken, as a
 * marketplace releases escrow after a silent window (a booking whose
 * payment is still due stays owed: its page says so).  Each in its own
 * transaction, the gateway outside them.  Returns how many expired.
 */
size_t
settle_expire_signatures(struct db *db, struct arena *a, int64_t now)
{
	static const struct actor	 system = { 0, "", "signature expiry" };
	int64_t				*ids, after = 0, booking;
	const char			*why;
	size_t				 n, i, expired = 0;

	do {
		n = signature_expiring(db, a, after, now, &ids);
		for (i = 0; i < n; i++) {
			after = ids[i];
			if (!signature_expire(db, a, &system, ids[i], now,
			    &booking))
				continue;
			expired++;
			if (settle_capture(db, a, &system, booking, &why) !=
			    PAYMENT_OK)
				log_warn("settlement: booking %lld expired; its "
				    "payment could not be taken: %s",
				    (long long)booking, why != NULL ? why : "");
		}
	} while (n == SIGNATURE_EXPIRE_BATCH);
	return expired;
}
