/* settlement.c: every rule that moves money, in one place above bookings, payments and payouts, which never call each other: opening a job's payment, capturing it once the customer signs (one function for every caller), signing and paying in one step (settle_sign), the vendor's earning, manual payments. */
#include <string.h>

#include "account.h"
#include "arena.h"
#include "audit.h"
#include "clock.h"
#include "db.h"
#include "dispute.h"
#include "fmt.h"
#include "log.h"
#include "notify.h"
#include "payout.h"
#include "policy.h"
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
 * A late-cancellation fee earns the vendor who had set the time aside,
 * under the same commission as a job's price (the platform ran the
 * booking either way); its earning line says what it was for.
 */
#define FEE_EARNING	"Late-cancellation fee"

/* Inside a fee's capture: both parties told; its booking stays cancelled. */
static void
fee_follow(struct db *db, struct arena *a, const struct payment *p,
    int64_t net, const char *month)
{
	notify_add(db, a, p->customer_id, p->booking_id, arena_printf(a,
	    "Booking #%lld (%s): your late-cancellation fee of %s is paid. "
	    "Receipt #%lld. You can book again.", (long long)p->booking_id,
	    p->service_name, fmt_money(a, p->amount_paise),
	    (long long)p->receipt_number));
	notify_add(db, a, p->vendor_id, p->booking_id, arena_printf(a,
	    "Booking #%lld (%s): the customer's late-cancellation fee is paid: "
	    "%s is added to your payout for %s.", (long long)p->booking_id,
	    p->service_name, fmt_money(a, net), month));
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
					    p->captured_at, p->fee ?
					    FEE_EARNING : NULL };
	int64_t				 net, commission;
	const char			*month;

	payout_earning_add(db, a, who, &in, &net, &commission, &month);
	if (p->fee) {
		fee_follow(db, a, p, net, month);
		return;
	}
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

/*
 * May the payment of this booking be taken now?  When it may be paid
 * (signed, or a silent window closed), or when its dispute ended in a
 * release, or in a follow-up visit that is now signed or closed.
 */
static int
capture_allowed(struct db *db, struct arena *a, const struct booking *b,
    unsigned role)
{
	struct dispute	d;
	struct booking	redo;

	if (payable(b->status, role))
		return 1;
	if (b->status != BK_RESOLVED || !dispute_get(db, a, b->id, &d) ||
	    !d.resolved)
		return 0;
	if (d.outcome == DISPUTE_RELEASE)
		return 1;
	return d.outcome == DISPUTE_REDO &&
	    booking_get(db, a, d.redo_booking_id, &redo) &&
	    (redo.status == BK_SIGNED || redo.status == BK_PAID ||
	    redo.status == BK_EXPIRED);
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
	    "once the customer signs, or when operations settle its dispute.",
	    booking_status_label(b->status));
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
	/* A late-cancellation fee is taken as soon as it is authorised. */
	if (p->status != PAY_AUTHORIZED ||
	    (!p->fee && !capture_allowed(db, a, b, role))) {
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
 * A free follow-up visit signed (or its window closed): nothing is owed
 * for it, so it is paid; the original's payment, held since its
 * dispute, is taken now.
 */
static enum payment_result
redo_settled(struct db *db, struct arena *a, const struct actor *who,
    unsigned role, const struct booking *redo, const char **why)
{
	struct booking	o;
	struct payment	p;

	if (payable(redo->status, role))
		paid_only(db, a, who, role, redo->id);
	if (!booking_get(db, a, redo->redo_of, &o) ||
	    !payment_for_booking(db, a, o.id, &p))
		return PAYMENT_OK;
	return capture_run(db, a, who, role, &p, &o, 0, why);
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
	if (b.redo_of != 0)
		return redo_settled(db, a, who, role, &b, why);
	if (!payment_for_booking(db, a, booking_id, &p))
		return PAYMENT_OK;
	return capture_run(db, a, who, role, &p, &b, 0, why);
}

/* Why a booking cannot be signed yet: its payment is not held or in. */
static const char *
sign_unpaid(const struct payment *p)
{
	switch (p->status) {
	case PAY_AUTHORIZED:
	case PAY_CAPTURED:
	case PAY_PARTIALLY_REFUNDED:
	case PAY_REFUNDED:
		return NULL;
	case PAY_CANCELLED:
		return "This payment was cancelled. Our operations team will "
		    "contact you before you sign.";
	default:
		return "Pay to sign: your signature takes the payment, so it "
		    "must be held on your card or UPI first.";
	}
}

/*
 * Nothing to take here: a free follow-up visit (the original's held
 * money follows its signature), or a booking without any payment row
 * (made before payments, sql/007, or by hand), which no page could
 * pay, so signing it must not wait for one.  Signed as before.
 */
static enum payment_result
sign_only(struct db *db, struct arena *a, const struct actor *who,
    const struct booking *b, int64_t id, int64_t rating, const char *comments,
    enum signature_result *sig, const char **why)
{
	if ((*sig = signature_sign(db, a, who, id, rating, comments, why)) !=
	    SIGNATURE_OK)
		return PAYMENT_REFUSED;
	settle_capture(db, a, who, b->id, why);
	*why = NULL;
	return PAYMENT_OK;
}

/*
 * The customer signs and pays in one step; see settlement.h.
 *
 * Why the money is taken before the signature's transaction: the
 * gateway's capture is the one step that can fail for reasons outside
 * the database, and it never runs inside a transaction (an SQLite
 * writer must not wait on the network; payment_capture_call refuses).
 * So once the signature is known to be open and the payment held, the
 * gateway takes the money, and only then the signature, the capture's
 * record with its receipt and the booking 'paid' commit together, in
 * that order, in one transaction.  A capture that fails leaves nothing
 * signed (the authorisation stays; the customer may try again), and a
 * signed booking is never left unpaid.  The gateway's capture is
 * idempotent ("capture-<id>"), so a double submit that reaches it twice
 * takes the money once, and the second transaction finds the signature
 * signed and the payment captured and changes nothing.  Should the
 * window close between the check and the commit, the expiry job takes
 * the same held payment (settle_expire_signatures).
 */
enum payment_result
settle_sign(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, int64_t rating, const char *comments,
    enum signature_result *sig, const char **why)
{
	struct signature	s;
	struct booking		b;
	struct payment		p;
	unsigned		role = payment_actor_role(db, a, who);
	enum payment_result	rc;
	int			found;

	*sig = SIGNATURE_OK;
	*why = NULL;
	if (!signature_get(db, a, id, &s) || s.customer_id != who->user_id ||
	    !booking_get(db, a, s.booking_id, &b)) {
		*sig = SIGNATURE_NOT_FOUND;
		return PAYMENT_NOT_FOUND;
	}
	if ((*why = signature_closed(&s, clock_now())) != NULL) {
		*sig = SIGNATURE_REFUSED;
		return PAYMENT_REFUSED;
	}
	found = payment_for_booking(db, a, b.id, &p);
	if (b.redo_of != 0 || !found)
		return sign_only(db, a, who, &b, id, rating, comments, sig, why);
	if ((*why = sign_unpaid(&p)) != NULL)
		return PAYMENT_REFUSED;
	if (p.status == PAY_AUTHORIZED &&
	    (rc = payment_capture_call(db, a, who, &p, why)) != PAYMENT_OK)
		return rc;
	db_begin(db);
	if ((*sig = signature_sign(db, a, who, id, rating, comments, why)) !=
	    SIGNATURE_OK) {
		db_rollback(db);
		return PAYMENT_REFUSED;
	}
	if (payment_get(db, a, p.id, &p) && p.status == PAY_AUTHORIZED) {
		if (payment_capture_record(db, a, who, role, &p) != PAYMENT_OK)
			log_fatal("settlement: payment %lld captured at the "
			    "gateway but not recorded", (long long)p.id);
		captured_follow(db, a, who, role, &p);
	} else
		booking_paid(db, a, who, role, b.id);
	db_commit(db);
	return PAYMENT_OK;
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
	    b.price_paise, b.service_name, 0 };
	/* A free follow-up visit owes nothing: its original's payment counts. */
	if (b.price_paise > 0)
		payment_open(db, a, who, &f);	/* the customer may now pay */
	db_commit(db);
	return BOOKING_OK;
}

/*
 * The customer cancels their booking under the cancellation policy, in
 * one transaction: free while pending or before the cut-off; inside it
 * an accepted booking's late fee (policy_late_fee) is opened as a
 * payment due from them, to its vendor.  shown is the fee the confirm
 * form showed: another one now (the cut-off passed meanwhile) is
 * BOOKING_PRICE_CHANGED (409) with *fee the fee now and *why.
 * NOT_FOUND (not theirs), REFUSED (409), OK.
 */
enum booking_result
settle_cancel(struct db *db, struct arena *a, const struct actor *who,
    int64_t booking_id, const char *reason, int64_t shown, int64_t now,
    int64_t *fee, const char **why)
{
	struct booking		b;
	struct payment_for	f;
	enum booking_result	rc;

	*why = NULL;
	*fee = 0;
	db_begin(db);
	if (!booking_get(db, a, booking_id, &b) ||
	    b.customer_id != who->user_id) {
		db_rollback(db);
		return BOOKING_NOT_FOUND;
	}
	*fee = policy_late_fee(db, &b, now);
	if (*fee != shown && booking_transition_allowed(b.status,
	    BK_CANCELLED, ROLE_CUSTOMER)) {
		*why = *fee > 0 ? arena_printf(a, "The visit is now less than "
		    "the cut-off away, so cancelling costs a late-cancellation "
		    "fee of %s. Nothing was cancelled: confirm again if you "
		    "still want to cancel.", fmt_money(a, *fee)) :
		    "Cancelling is now free. Nothing was cancelled: confirm "
		    "again if you still want to cancel.";
		db_rollback(db);
		return BOOKING_PRICE_CHANGED;
	}
	if ((rc = booking_apply(db, a, who, ROLE_CUSTOMER, &b, BK_CANCELLED,
	    reason)) != BOOKING_OK) {
		db_rollback(db);
		return rc;
	}
	if (*fee > 0) {
		f = (struct payment_for){ b.id, b.customer_id, b.vendor_id,
		    *fee, b.service_name, 1 };
		payment_open(db, a, who, &f);
	}
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
	    b.price_paise, b.service_name, 0 };
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

/* --- disputes -------------------------------------------------------------- */

/* A dispute's case with its booking and payment, checked before any money moves. */
struct dispute_case {
	struct booking	 b;
	struct dispute	 d;
	struct payment	 p;
	int		 has_payment;
};

/* Held or taken: there is money a refund can come out of. */
static int
paid_in(const struct dispute_case *c)
{
	return c->has_payment && (c->p.status == PAY_AUTHORIZED ||
	    c->p.status == PAY_CAPTURED ||
	    c->p.status == PAY_PARTIALLY_REFUNDED);
}

static int64_t
left_to_refund(const struct dispute_case *c)
{
	return c->p.status == PAY_AUTHORIZED ? c->p.amount_paise :
	    c->p.amount_paise - c->p.refunded_paise;
}

/* NOT_FOUND, REFUSED (not disputed, settled) or INVALID, with *why. */
static enum payment_result
dispute_check(struct db *db, struct arena *a, int64_t booking_id,
    const struct settle_decision *in, struct dispute_case *c,
    const char **why)
{
	if ((*why = dispute_text_check(in->note, "Write a note to the customer "
	    "and the vendor: it tells both of them why.")) != NULL)
		return PAYMENT_INVALID;
	if (!booking_get(db, a, booking_id, &c->b))
		return *why = "There is no such booking.", PAYMENT_NOT_FOUND;
	if (!dispute_get(db, a, booking_id, &c->d) || c->b.status != BK_DISPUTED)
		return *why = c->d.resolved ? arena_printf(a, "This dispute is "
		    "settled already: %s.", dispute_outcome_label(c->d.outcome)) :
		    arena_printf(a, "Booking #%lld is not disputed: it is “%s”.",
		    (long long)booking_id, booking_status_label(c->b.status)),
		    PAYMENT_REFUSED;
	c->has_payment = payment_for_booking(db, a, booking_id, &c->p);
	if (in->outcome == DISPUTE_REDO)
		return booking_check_visit(db, a, in->redo_at,
		    c->b.duration_minutes, clock_now(), why) != BOOKING_OK ?
		    PAYMENT_INVALID : PAYMENT_OK;
	if (in->outcome != DISPUTE_REFUND_PARTIAL)
		return PAYMENT_OK;
	if (!paid_in(c))
		return *why = "Nothing was paid for this booking, so nothing can "
		    "be refunded in part: release it (the payment stays due) or "
		    "refund it in full (nothing is owed).", PAYMENT_INVALID;
	if (in->amount_paise <= 0 || in->amount_paise >= left_to_refund(c))
		return *why = arena_printf(a, "A partial refund must be more "
		    "than ₹0 and less than %s, what was paid%s; for all of it, "
		    "choose the full refund.", fmt_money(a, left_to_refund(c)),
		    c->p.refunded_paise > 0 ? " and is not refunded yet" : ""),
		    PAYMENT_INVALID;
	return PAYMENT_OK;
}

/*
 * The gateway's half, outside any transaction.  An authorised payment
 * refunded in part is captured first and recorded at once (its
 * earning on the vendor's payout), so that the refund, like any,
 * comes out of captured money; the refund is then called.
 */
static enum payment_result
dispute_gateway(struct db *db, struct arena *a, const struct actor *who,
    const struct settle_decision *in, struct dispute_case *c,
    struct payment_refund *r, const char **why)
{
	enum payment_result	rc;
	int64_t			amount;

	if (!c->has_payment)
		return PAYMENT_OK;
	switch (in->outcome) {
	case DISPUTE_RELEASE:
		return c->p.status == PAY_AUTHORIZED ?
		    payment_capture_call(db, a, who, &c->p, why) : PAYMENT_OK;
	case DISPUTE_REFUND_FULL:
		if (c->p.status != PAY_CAPTURED &&
		    c->p.status != PAY_PARTIALLY_REFUNDED)
			return payment_transition_allowed(c->p.status,
			    PAY_CANCELLED, ROLE_OPS) ? payment_cancel_call(db, a,
			    who, c->p.id, in->note, why) : PAYMENT_OK;
		amount = c->p.amount_paise - c->p.refunded_paise;
		return payment_refund_call(db, a, who, c->p.id, amount,
		    in->note, r, why);
	case DISPUTE_REFUND_PARTIAL:
		if (c->p.status == PAY_AUTHORIZED) {
			if ((rc = payment_capture_call(db, a, who, &c->p, why)) !=
			    PAYMENT_OK)
				return rc;
			db_begin(db);
			if (!payment_get(db, a, c->p.id, &c->p) ||
			    c->p.status != PAY_AUTHORIZED ||
			    payment_capture_record(db, a, who, ROLE_OPS, &c->p) !=
			    PAYMENT_OK) {
				db_rollback(db);
				return *why = "The payment changed meanwhile: "
				    "look again.", PAYMENT_REFUSED;
			}
			captured_follow(db, a, who, ROLE_OPS, &c->p);
			db_commit(db);
		}
		return payment_refund_call(db, a, who, c->p.id,
		    in->amount_paise, in->note, r, why);
	default:
		return PAYMENT_OK;
	}
}

/* Inside the transaction: what the gateway did, recorded. */
static enum payment_result
dispute_money(struct db *db, struct arena *a, const struct actor *who,
    const struct settle_decision *in, struct dispute_case *c,
    const struct payment_refund *r, const char **why)
{
	struct payment	p;

	if (!c->has_payment)
		return PAYMENT_OK;
	switch (in->outcome) {
	case DISPUTE_RELEASE:
		if (c->p.status != PAY_AUTHORIZED)
			return PAYMENT_OK;
		if (!payment_get(db, a, c->p.id, &p) ||
		    payment_capture_record(db, a, who, ROLE_OPS, &p) !=
		    PAYMENT_OK)
			return *why = "The payment changed meanwhile: look "
			    "again.", PAYMENT_REFUSED;
		captured_follow(db, a, who, ROLE_OPS, &p);
		return PAYMENT_OK;
	case DISPUTE_REFUND_FULL:
	case DISPUTE_REFUND_PARTIAL:
		if (r->payment_id == 0)
			return payment_transition_allowed(c->p.status,
			    PAY_CANCELLED, ROLE_OPS) ? payment_cancel_record(db,
			    a, who, c->p.id, in->note, why) : PAYMENT_OK;
		if (payment_refund_record(db, a, who, r, &p, why) != PAYMENT_OK)
			return PAYMENT_REFUSED;
		refund_follow(db, a, who, &p, r->amount_paise, in->note);
		return PAYMENT_OK;
	default:
		return PAYMENT_OK;
	}
}

/* Why the vendor cannot make the follow-up visit; NULL when they can. */
static const char *
redo_refusal(enum booking_result rc)
{
	switch (rc) {
	case BOOKING_OK:
		return NULL;
	case BOOKING_OVERLAP:
		return "The vendor holds another job at that time: choose "
		    "another time, or put the visit on the job board.";
	default:
		return "The vendor can no longer take this job (not verified "
		    "or not serving there now): put the visit on the job "
		    "board.";
	}
}

/* Both parties hear the outcome and operations' note. */
static void
dispute_told(struct db *db, struct arena *a, const struct dispute_case *c,
    const struct settle_decision *in, int64_t redo)
{
	const char	*what = dispute_outcome_label(in->outcome);
	const char	*text;

	if (in->outcome == DISPUTE_REFUND_PARTIAL)
		what = arena_printf(a, "%s: %s of %s", what,
		    fmt_money(a, in->amount_paise), fmt_money(a, c->b.price_paise));
	else if (redo != 0)
		what = arena_printf(a, "%s, booking #%lld on %s (the payment is "
		    "taken once it is signed)", what, (long long)redo,
		    fmt_time(a, in->redo_at));
	text = arena_printf(a, "Booking #%lld (%s): HomeServe settled the "
	    "dispute. %s. Note from HomeServe: %s", (long long)c->b.id,
	    c->b.service_name, what, in->note);
	notify_add(db, a, c->b.customer_id, c->b.id, text);
	notify_add(db, a, c->b.vendor_id, c->b.id, text);
}

/*
 * Operations settle a dispute with an outcome and a note: the gateway
 * first (outside any transaction), then one transaction records the
 * money, the follow-up visit for a redo, the booking 'resolved', the
 * outcome (audited) and both parties told.  REFUSED: not disputed, or
 * settled already (409); INVALID: the note or the amount (422).
 */
enum payment_result
settle_dispute(struct db *db, struct arena *a, const struct actor *who,
    int64_t booking_id, const struct settle_decision *in, int64_t *redo,
    const char **why)
{
	struct dispute_case	c;
	struct payment_refund	r = { 0 };
	enum payment_result	rc;
	int64_t			now = clock_now();

	*redo = 0;
	memset(&c, 0, sizeof(c));
	if ((rc = dispute_check(db, a, booking_id, in, &c, why)) != PAYMENT_OK ||
	    (rc = dispute_gateway(db, a, who, in, &c, &r, why)) != PAYMENT_OK)
		return rc;
	db_begin(db);
	if (!booking_get(db, a, booking_id, &c.b) || c.b.status != BK_DISPUTED) {
		db_rollback(db);
		return *why = "This dispute was settled meanwhile.",
		    PAYMENT_REFUSED;
	}
	if ((rc = dispute_money(db, a, who, in, &c, &r, why)) != PAYMENT_OK) {
		db_rollback(db);
		return rc;
	}
	if (in->outcome == DISPUTE_REDO &&
	    (*why = redo_refusal(booking_create_redo(db, a, who, &c.b,
	    in->redo_board ? 0 : c.b.vendor_id, in->redo_at, redo))) != NULL) {
		db_rollback(db);
		return PAYMENT_INVALID;
	}
	if (booking_apply(db, a, who, ROLE_OPS, &c.b, BK_RESOLVED,
	    arena_printf(a, "%s. %s", dispute_outcome_label(in->outcome),
	    in->note)) != BOOKING_OK ||
	    !dispute_record(db, who, booking_id, in->outcome,
	    r.amount_paise, in->note, *redo, now)) {
		db_rollback(db);
		return *why = "This dispute was settled meanwhile.",
		    PAYMENT_REFUSED;
	}
	dispute_told(db, a, &c, in, *redo);
	db_commit(db);
	return PAYMENT_OK;
}
