/* payments.c: payment_fill, the payment panel on the customer's, vendor's and staff booking pages. */
#include <string.h>

#include "arena.h"
#include "booking.h"
#include "fmt.h"
#include "payment.h"
#include "payments.h"
#include "web.h"

/* "/payments/{id}" followed by tail ("/pay", "/receipt"). */
const char *
payment_url(struct web *w, int64_t id, const char *tail)
{
	return arena_printf(w->arena, "/payments/%lld%s", (long long)id, tail);
}

/* Why a payment that is not waiting cannot be paid (the 409's sentence). */
const char *
payment_pay_refusal(const struct payment *p)
{
	switch (p->status) {
	case PAY_AUTHORIZED:
		return "This payment is already held: it is taken when you "
		    "sign that you are satisfied.";
	case PAY_CANCELLED:
		return "This payment was cancelled. Our operations team will "
		    "contact you.";
	default:
		return "This booking is already paid.";
	}
}

/* Still to be paid: nothing authorised yet, or the last try failed. */
int
payment_waiting(const struct payment *p)
{
	return p->status == PAY_REQUIRES_AUTHORIZATION ||
	    p->status == PAY_FAILED;
}

/* How it was paid: "Visa ending 4242", "UPI su•••@upi", "Cash". */
const char *
payment_paid_with(struct web *w, const struct payment *p)
{
	if (p->upi_masked != NULL)
		return arena_printf(w->arena, "UPI %s", p->upi_masked);
	if (p->card_brand != NULL && p->card_last4 != NULL)
		return arena_printf(w->arena, "%s ending %s", p->card_brand,
		    p->card_last4);
	if (strcmp(p->method, "card") == 0)
		return "Card";
	if (p->reference != NULL && p->reference[0] != '\0')
		return arena_printf(w->arena, "%s, reference %s",
		    payment_method_label(p->method), p->reference);
	return payment_method_label(p->method);
}

/*
 * Where money is held, as the customer reads it: "held on your Visa
 * ending 4242", "held through UPI (su•••@upi)": a UPI payment is not
 * on a card.
 */
const char *
payment_held_text(struct web *w, const struct payment *p)
{
	if (p->upi_masked != NULL || strcmp(p->method, "upi") == 0)
		return p->upi_masked != NULL ? arena_printf(w->arena,
		    "held through UPI (%s)", p->upi_masked) :
		    "held through UPI";
	if (p->card_brand != NULL && p->card_last4 != NULL)
		return arena_printf(w->arena, "held on your %s ending %s",
		    p->card_brand, p->card_last4);
	return "held on your card";
}

/* Staff read the payment's timeline. */
static void
events_fill(struct web *w, struct tmpl_dict *pd, int64_t id)
{
	struct payment_event	*e;
	struct tmpl_dict	*row, *list;
	size_t			 n, i;

	if ((n = payment_events(w->db, w->arena, id, &e)) == 0)
		return;
	list = tmpl_section(pd, "history");
	for (i = 0; i < n; i++) {
		row = tmpl_section(list, "event");
		tmpl_set(row, "label", payment_status_label(e[i].to));
		tmpl_set(row, "by", e[i].actor_name != NULL ?
		    e[i].actor_name : "HomeServe");
		tmpl_set(row, "when", fmt_time(w->arena, e[i].at));
		tmpl_set(row, "when_iso", fmt_time_iso(w->arena, e[i].at));
		if (e[i].amount_paise > 0)
			tmpl_set(tmpl_section(row, "refund_amount"), "value",
			    fmt_money(w->arena, e[i].amount_paise));
		if (e[i].note[0] != '\0')
			tmpl_set(tmpl_section(row, "note"), "text", e[i].note);
	}
}

/* The forms operations managers get for this payment's state. */
static void
ops_actions_fill(struct web *w, struct tmpl_dict *pd, const struct booking *b,
    const struct payment *p)
{
	struct tmpl_dict	*f;

	if (b->status == BK_DISPUTED)
		tmpl_set_int(tmpl_section(pd, "dispute_open"), "booking_id",
		    b->id);
	else if (p->status == PAY_AUTHORIZED)
		tmpl_set(tmpl_section(pd, "can_capture"), "action",
		    arena_printf(w->arena, "/ops/payments/%lld/capture",
		    (long long)p->id));
	if (p->status == PAY_CAPTURED || p->status == PAY_PARTIALLY_REFUNDED) {
		f = tmpl_section(pd, "can_refund");
		tmpl_set(f, "action", arena_printf(w->arena,
		    "/ops/payments/%lld/refund", (long long)p->id));
		tmpl_set(f, "left", fmt_money(w->arena, p->amount_paise -
		    p->refunded_paise));
		tmpl_set(f, "left_input", fmt_rupees_input(w->arena,
		    p->amount_paise - p->refunded_paise));
	}
	if (payment_transition_allowed(p->status, PAY_CANCELLED, ROLE_OPS))
		tmpl_set(tmpl_section(pd, "can_cancel"), "action",
		    arena_printf(w->arena, "/ops/payments/%lld/cancel",
		    (long long)p->id));
}

/*
 * What the customer is told about paying, by the booking's state and
 * the payment's (PAY_NONE: none opened yet, which happens when the job
 * is completed).  The first row that matches speaks: a sentence of
 * up to three parts around one fact (an amount, a date), and, where
 * something is due, the pay link.
 */
#define PAY_NONE	PAY__MAX
#define BK(s)		(1u << (s))
#define BK_ANY		(~0u)
#define BK_BEFORE_SIGN	(BK(BK_PENDING) | BK(BK_ACCEPTED) | \
	BK(BK_IN_PROGRESS) | BK(BK_COMPLETED) | BK(BK_SIGNATURE_REQUESTED))
#define PAY_IS_DUE(p)	((p) == PAY_REQUIRES_AUTHORIZATION || (p) == PAY_FAILED)

enum pay_fact { FACT_NONE, FACT_AMOUNT, FACT_HELD, FACT_TAKEN_ON,
	FACT_REFUNDED };

static const struct pay_state {
	unsigned		 bookings;	/* BK() of the statuses it is for */
	int			 waiting;	/* 1: for a payment still due */
	enum payment_status	 payment;	/* else this one (or PAY_NONE) */
	const char		*lead;		/* in bold, or NULL */
	const char		*before;
	enum pay_fact		 fact;
	const char		*after;
	int			 pay_link;
} pay_states[] = {
	{ BK_BEFORE_SIGN, 0, PAY_NONE, NULL, "", FACT_AMOUNT, " is due after "
	    "you sign that you are satisfied: nothing is taken before.", 0 },
	{ BK(BK_CANCELLED), 0, PAY_NONE, NULL, "Nothing is due: the booking "
	    "was cancelled.", FACT_NONE, "", 0 },
	{ BK(BK_COMPLETED), 1, 0, NULL, "Due after you sign: pay now and ",
	    FACT_AMOUNT, " is held on your card or through UPI, then taken "
	    "only when you sign that you are satisfied.", 1 },
	/* The signature's "Check the work and pay" takes it: no second link. */
	{ BK(BK_SIGNATURE_REQUESTED), 1, 0, NULL, "", FACT_AMOUNT, " is "
	    "taken when you check the work and pay, in one step with your "
	    "signature.", 0 },
	{ BK(BK_SIGNED), 1, 0, "Due now.", "You signed that you are satisfied: "
	    "pay now and ", FACT_AMOUNT, " is taken at once.", 1 },
	{ BK(BK_EXPIRED), 1, 0, "This payment is still due.", "The time to sign "
	    "has passed, so the visit is closed as done: pay now and ",
	    FACT_AMOUNT, " is taken at once.", 1 },
	{ BK(BK_DISPUTED), 1, 0, NULL, "You disputed this visit: nothing is "
	    "taken until HomeServe decides the dispute.", FACT_NONE, "", 0 },
	{ BK_BEFORE_SIGN, 0, PAY_AUTHORIZED, NULL, "", FACT_HELD, ". It is "
	    "taken only when you sign that you are satisfied.", 0 },
	{ BK(BK_DISPUTED), 0, PAY_AUTHORIZED, NULL, "", FACT_HELD, ": nothing "
	    "is taken until HomeServe decides the dispute.", 0 },
	{ BK_ANY, 0, PAY_AUTHORIZED, NULL, "", FACT_HELD, ". It is being "
	    "taken: nothing more is asked of you.", 0 },
	{ BK_ANY, 0, PAY_CAPTURED, NULL, "Taken on ", FACT_TAKEN_ON, ".", 0 },
	{ BK_ANY, 0, PAY_PARTIALLY_REFUNDED, NULL, "Taken on ", FACT_TAKEN_ON,
	    "; part of it was refunded to how you paid.", 0 },
	{ BK_ANY, 0, PAY_REFUNDED, NULL, "Refunded in full: ", FACT_REFUNDED,
	    " went back to how you paid.", 0 },
	{ BK_ANY, 0, PAY_CANCELLED, NULL, "This payment was cancelled. Our "
	    "operations team will contact you.", FACT_NONE, "", 0 },
};

static const struct pay_state *
pay_state_find(enum booking_status b, const struct payment *p)
{
	enum payment_status	ps = p != NULL ? p->status : PAY_NONE;
	size_t			i;

	for (i = 0; i < sizeof(pay_states) / sizeof(pay_states[0]); i++) {
		const struct pay_state	*r = &pay_states[i];

		if ((r->bookings & BK(b)) == 0)
			continue;
		if (r->waiting ? p != NULL && PAY_IS_DUE(ps) : r->payment == ps)
			return r;
	}
	return NULL;
}

static const char *
pay_fact_text(struct web *w, enum pay_fact fact, const struct booking *b,
    const struct payment *p)
{
	switch (fact) {
	case FACT_AMOUNT:
		return fmt_money(w->arena, p != NULL ? p->amount_paise :
		    b->price_paise);
	case FACT_HELD:		/* "₹500.00 held on your Visa ending 4242" */
		return arena_printf(w->arena, "%s %s", fmt_money(w->arena,
		    p->amount_paise), payment_held_text(w, p));
	case FACT_TAKEN_ON:
		return p->captured_at > 0 ? fmt_time(w->arena, p->captured_at) :
		    fmt_time(w->arena, p->updated_at);
	case FACT_REFUNDED:
		return fmt_money(w->arena, p->refunded_paise);
	default:
		return NULL;
	}
}

/* The sentence, and the pay link where something is due and payable. */
static void
pay_state_fill(struct web *w, struct tmpl_dict *d, const struct booking *b,
    const struct payment *p)
{
	const struct pay_state	*r = pay_state_find(b->status, p);
	struct tmpl_dict	*sd;
	const char		*fact;

	if (r == NULL)
		return;
	sd = tmpl_section(d, "state");
	if (r->lead != NULL)
		tmpl_set(tmpl_section(sd, "lead"), "text", r->lead);
	tmpl_set(sd, "before", r->before);
	if ((fact = pay_fact_text(w, r->fact, b, p)) != NULL)
		tmpl_set(tmpl_section(sd, "fact"), "text", fact);
	tmpl_set(sd, "after", r->after);
	if (!r->pay_link)
		return;
	if (payment_checkout(p) != GATEWAY_CHECKOUT_NONE)
		tmpl_set(tmpl_section(d, "can_pay"), "pay_url",
		    payment_url(w, p->id, "/pay"));
	else
		tmpl_show(d, "pay_offline");
}

/* The customer's part: what is true of paying now, why a try failed. */
static void
customer_fill(struct web *w, struct tmpl_dict *pd, const struct booking *b,
    const struct payment *p)
{
	if (!p->fee)
		pay_state_fill(w, pd, b, p);
	else if (payment_waiting(p)) {
		/* A late-cancellation fee: due now, taken at once. */
		tmpl_set(tmpl_section(pd, "fee_due"), "pay_url",
		    payment_url(w, p->id, "/pay"));
		tmpl_set(pd, "amount", fmt_money(w->arena, p->amount_paise));
	} else
		tmpl_show(pd, "fee_paid");
	if (p->status == PAY_FAILED && p->last_error != NULL)
		tmpl_set(tmpl_section(pd, "declined"), "message", p->last_error);
}

/* Staff: the gateway, its last error, the timeline, ops' forms. */
static void
staff_fill(struct web *w, struct tmpl_dict *pd, const struct booking *b,
    const struct payment *p)
{
	tmpl_set(tmpl_section(pd, "staff"), "gateway", p->gateway);
	if (p->last_error != NULL)
		tmpl_set(tmpl_section(pd, "gateway_error"), "message",
		    p->last_error);
	events_fill(w, pd, p->id);
	if (w->session.role == ROLE_OPS)
		ops_actions_fill(w, pd, b, p);
}

/* What each viewer sees of the payment; see payments.h. */
static void
payment_section_fill(struct web *w, struct tmpl_dict *d,
    const struct booking *b, const struct payment *p)
{
	struct tmpl_dict	*pd = tmpl_section(d, "payment"), *r;
	enum role		 role = w->session.role;
	int			 staff = (role & (ROLE_STAFF | ROLE_ADMIN)) != 0;
	int			 customer = role == ROLE_CUSTOMER &&
	    p->customer_id == w->session.user_id;

	tmpl_set_int(pd, "id", p->id);
	tmpl_set(pd, "status", payment_status_name(p->status));
	tmpl_set(pd, "status_label", payment_status_label(p->status));
	tmpl_set(pd, "amount", fmt_money(w->arena, p->amount_paise));
	if ((customer || staff) &&
	    (p->card_last4 != NULL || strcmp(p->method, "card") != 0))
		tmpl_set(tmpl_section(pd, "paid_with"), "text",
		    payment_paid_with(w, p));
	if (p->refunded_paise > 0)
		tmpl_set(tmpl_section(pd, "refunded"), "amount",
		    fmt_money(w->arena, p->refunded_paise));
	if (p->receipt_number > 0 &&
	    (customer || role == ROLE_OPS || role == ROLE_ADMIN)) {
		r = tmpl_section(pd, "receipt");
		tmpl_set_int(r, "number", p->receipt_number);
		tmpl_set(r, "receipt_url", payment_url(w, p->id, "/receipt"));
	}
	if (customer)
		customer_fill(w, pd, b, p);
	if (staff)
		staff_fill(w, pd, b, p);
}

/* Operations managers record cash, UPI or bank payments from here. */
static void
manual_fill(struct web *w, struct tmpl_dict *d, const struct booking *b,
    const struct payment *p)
{
	struct tmpl_dict	*m;

	if (w->session.role != ROLE_OPS || b->vendor_id == 0 ||
	    (b->status != BK_COMPLETED && b->status != BK_SIGNATURE_REQUESTED &&
	    b->status != BK_SIGNED && b->status != BK_DISPUTED) ||
	    (p != NULL && !payment_waiting(p) && p->status != PAY_CANCELLED))
		return;
	m = tmpl_section(d, "manual");
	tmpl_set(m, "action", arena_printf(w->arena,
	    "/ops/bookings/%lld/manual-payment", (long long)b->id));
	tmpl_set(m, "price", fmt_money(w->arena, b->price_paise));
}

void
payment_fill(struct web *w, struct tmpl_dict *d, const struct booking *b)
{
	struct payment	p;
	int		found;

	found = payment_for_booking(w->db, w->arena, b->id, &p);
	if (found)
		payment_section_fill(w, d, b, &p);
	else if (w->session.role == ROLE_CUSTOMER &&
	    b->customer_id == w->session.user_id &&
	    pay_state_find(b->status, NULL) != NULL)
		/* Before the job is completed: what will be due, and when. */
		pay_state_fill(w, tmpl_section(d, "unpaid"), b, NULL);
	manual_fill(w, d, b, found ? &p : NULL);
}
