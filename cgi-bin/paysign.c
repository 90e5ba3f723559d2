/* paysign.c: "Check the work and pay": the customer's one step that checks the photos, rates, signs and pays (/signatures/{id}/sign), and the reject that opens a dispute instead. */
#include <string.h>
#include <time.h>

#include "arena.h"
#include "booking-view.h"
#include "booking.h"
#include "fmt.h"
#include "gateway.h"
#include "payforms.h"
#include "payment.h"
#include "payments.h"
#include "photos.h"
#include "settlement.h"
#include "signature.h"
#include "signatures.h"
#include "web.h"

enum sign_field { SIGN_RATING, SIGN_COMMENTS, SIGN__MAX };

static const struct form_field sign_fields[SIGN__MAX] = {
	[SIGN_RATING] = { "satisfaction_rating", "Rating", FORM_INT,
	    FORM_REQUIRED, 1, 5 },
	[SIGN_COMMENTS] = { "comments", "Comments", FORM_MULTILINE, 0, 0,
	    SIGNATURE_COMMENTS_MAX },
};

enum reject_field { REJECT_REASON, REJECT__MAX };

static const struct form_field reject_fields[REJECT__MAX] = {
	[REJECT_REASON] = { "reason", "Reason", FORM_MULTILINE, FORM_REQUIRED,
	    1, SIGNATURE_REASON_MAX },
};

/* The rating choices, as the radio buttons read. */
static const char *const rating_labels[] = {
	"1: very dissatisfied",
	"2: dissatisfied",
	"3: neither satisfied nor dissatisfied",
	"4: satisfied",
	"5: very satisfied",
};

static const char	not_found[] = "There is no such signature.";

/*
 * How the page takes the money, by the booking's payment: already
 * held (the saved authorisation) or paid, the test gateway's card and
 * UPI form, or elsewhere first (Stripe's page, operations, a cancelled
 * payment), when the sign form waits.
 */
enum paysign_mode { PS_HELD, PS_PAID, PS_FORM, PS_ELSEWHERE, PS_FREE };

/* Everything one answer of the page shows. */
struct paysign {
	struct signature	 s;
	struct booking		 b;
	struct payment		 p;
	int			 has_payment;
	enum paysign_mode	 mode;
	struct form		 sign;
	struct form		 reject;
	struct payforms		 pay;
	const char		*problem;	/* the sentence at the top */
};

static const char *
signature_url(struct web *w, int64_t id, const char *tail)
{
	return arena_printf(w->arena, "/signatures/%lld%s", (long long)id, tail);
}

static enum paysign_mode
mode_of(const struct paysign *ps)
{
	/* A follow-up visit costs nothing; no payment row: see settle_sign. */
	if (ps->b.redo_of != 0 || !ps->has_payment)
		return PS_FREE;
	switch (ps->p.status) {
	case PAY_AUTHORIZED:
		return PS_HELD;
	case PAY_CAPTURED:
	case PAY_PARTIALLY_REFUNDED:
	case PAY_REFUNDED:
		return PS_PAID;
	case PAY_REQUIRES_AUTHORIZATION:
	case PAY_FAILED:
		return payment_checkout(&ps->p) == GATEWAY_CHECKOUT_CARD_FORM ?
		    PS_FORM : PS_ELSEWHERE;
	default:
		return PS_ELSEWHERE;
	}
}

/* The signature in the URL and its booking, for its customer only; else 404. */
static int
load(struct web *w, struct paysign *ps)
{
	memset(ps, 0, sizeof(*ps));
	if (!signature_get(w->db, w->arena, w->id[0], &ps->s) ||
	    ps->s.customer_id != w->session.user_id ||
	    !booking_get(w->db, w->arena, ps->s.booking_id, &ps->b) ||
	    ps->b.customer_id != w->session.user_id) {
		web_error(w, 404, not_found);
		return 0;
	}
	ps->has_payment = payment_for_booking(w->db, w->arena, ps->b.id,
	    &ps->p);
	ps->mode = mode_of(ps);
	form_init(&ps->sign, w->arena, sign_fields, SIGN__MAX);
	form_init(&ps->reject, w->arena, reject_fields, REJECT__MAX);
	payforms_init(w, &ps->pay);
	return 1;
}

static void
rating_options(struct tmpl_dict *d, const char *chosen)
{
	struct tmpl_dict	*row;
	size_t			 i;

	for (i = 0; i < sizeof(rating_labels) / sizeof(rating_labels[0]); i++) {
		row = tmpl_section(d, "rating_option");
		tmpl_set_int(row, "value", (int64_t)i + 1);
		tmpl_set(row, "label", rating_labels[i]);
		if (chosen[0] == (char)('1' + i) && chosen[1] == '\0')
			tmpl_show(row, "checked");
	}
}

/* The payment's part of the sign form, and the button's words. */
static void
payment_part_fill(struct web *w, struct tmpl_dict *d, const struct paysign *ps)
{
	const char		*amount = fmt_money(w->arena, ps->has_payment ?
	    ps->p.amount_paise : ps->b.price_paise);

	tmpl_set(d, "amount", amount);
	switch (ps->mode) {
	case PS_HELD:
		tmpl_set(tmpl_section(d, "held"), "text", arena_printf(w->arena,
		    "%s %s", amount, payment_held_text(w, &ps->p)));
		break;
	case PS_PAID:
		tmpl_set(tmpl_section(d, "paid"), "with", payment_paid_with(w,
		    &ps->p));
		break;
	case PS_FORM:	/* its values: payforms_fill in open_fill */
		tmpl_show(d, "pay_form");
		break;
	default:
		break;
	}
	tmpl_set(d, "submit", ps->mode == PS_FREE || ps->mode == PS_PAID ?
	    "Sign" : arena_printf(w->arena, "Sign and pay %s", amount));
}

/* Paying elsewhere first: Stripe's page, or operations take it. */
static void
elsewhere_fill(struct web *w, struct tmpl_dict *d, const struct paysign *ps)
{
	struct tmpl_dict	*e = tmpl_section(d, "pay_first");

	if (ps->has_payment && payment_waiting(&ps->p) &&
	    payment_checkout(&ps->p) == GATEWAY_CHECKOUT_HOSTED) {
		tmpl_set(e, "message", "Pay first on the secure payment page; "
		    "then come back here to sign. The amount is held until "
		    "you sign.");
		tmpl_set(tmpl_section(e, "link"), "pay_url", payment_url(w,
		    ps->p.id, "/pay"));
	} else
		tmpl_set(e, "message", ps->has_payment &&
		    ps->p.status == PAY_CANCELLED ? "This payment was "
		    "cancelled. Our operations team will contact you before "
		    "you sign." : "Our operations team will contact you to "
		    "take the payment; you can sign once it is in.");
}

/* The summary at the top: every message of the sign and pay forms. */
static void
summary_fill(struct tmpl_dict *d, const struct paysign *ps)
{
	struct tmpl_dict	*s;
	size_t			 i;

	if (ps->mode == PS_FORM || ps->sign.errors == 0)
		return;		/* payforms_fill's summary covers both */
	s = tmpl_section(d, "error_summary");
	tmpl_set_int(s, "count", ps->sign.errors);
	for (i = 0; i < SIGN__MAX; i++)
		if (ps->sign.v[i].error != NULL) {
			struct tmpl_dict *row = tmpl_section(s, "error_link");

			tmpl_set(row, "field", sign_fields[i].name);
			tmpl_set(row, "message", ps->sign.v[i].error);
		}
}

/* The open page: photos, the sign-and-pay form, then the reject form. */
static void
open_fill(struct web *w, struct tmpl_dict *d, struct paysign *ps)
{
	struct tmpl_dict	*o = tmpl_section(d, "open");

	tmpl_set(o, "sign_url", signature_url(w, ps->s.id, "/sign"));
	tmpl_set(o, "reject_url", signature_url(w, ps->s.id, "/reject"));
	web_csrf(w);
	form_fill(&ps->sign, o);
	form_fill(&ps->reject, o);
	rating_options(o, ps->sign.v[SIGN_RATING].raw);
	if (ps->mode == PS_ELSEWHERE)
		elsewhere_fill(w, o, ps);
	else
		payment_part_fill(w, tmpl_section(o, "sign_form"), ps);
	if (ps->mode == PS_FORM) {
		payforms_fill(o, &ps->pay, &ps->sign);
		tmpl_show(o, "pay_tests");
	}
	summary_fill(o, ps);
	if (ps->problem != NULL)
		tmpl_set(tmpl_section(o, "problem"), "message", ps->problem);
	photos_fill(w, tmpl_include(o, "photos", "booking_photos.tpl"),
	    ps->b.id);
}

/* The page, open or closed, with what the customer typed except the CVV. */
static void
paysign_show(struct web *w, struct paysign *ps, int status)
{
	struct tmpl_dict	*d;
	const char		*why = signature_closed(&ps->s,
	    (int64_t)time(NULL));

	d = web_page(w, arena_printf(w->arena, "Check the work and pay: "
	    "booking #%lld", (long long)ps->b.id), "signature_sign.tpl");
	booking_fill(w, d, &ps->b);
	tmpl_set(d, "amount", fmt_money(w->arena, ps->has_payment ?
	    ps->p.amount_paise : ps->b.price_paise));
	tmpl_set(d, "deadline", fmt_time(w->arena, ps->s.expires_at));
	tmpl_set(d, "deadline_iso", fmt_time_iso(w->arena, ps->s.expires_at));
	tmpl_set(d, "view_url", signature_url(w, ps->s.id, ""));
	if (why != NULL)
		tmpl_set(tmpl_section(d, "closed"), "message", why);
	else
		open_fill(w, d, ps);
	web_render(w, status);
}

/*
 * A domain refusal of the signature as a page: 404, or 409 or 422 with
 * the way back to the booking.
 */
static void
refusal_answer(struct web *w, enum signature_result rc, const char *why,
    int64_t booking)
{
	if (rc == SIGNATURE_NOT_FOUND)
		web_error(w, 404, not_found);
	else
		booking_error(w, rc == SIGNATURE_INVALID ? 422 : 409, why,
		    "The booking's page shows where it stands now.", booking);
}

/* Did the POST carry anything of a payment? */
static int
payment_sent(struct web *w)
{
	static const char *const names[] = { "card_number", "upi_id", "name",
	    "expiry", "cvv" };
	const char	*v;
	size_t		 i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if ((v = http_param_get(&w->req.form, names[i])) != NULL &&
		    v[0] != '\0')
			return 1;
	return 0;
}

/*
 * The form's own checks, all at once: 0, or the page answered (422
 * with every message; 402 for a sign POST without any payment, as the
 * sign page took before paying and signing became one step).
 */
static int
paysign_read(struct web *w, struct paysign *ps)
{
	int	bad;

	bad = web_form_read(w, &ps->sign, sign_fields, SIGN__MAX);
	if (ps->mode == PS_FORM) {
		if (payforms_read(w, &ps->pay) && ps->pay.method < 0)
			ps->problem = "Choose how to pay: by card or by UPI.";
		else if (!payment_sent(w))
			ps->problem = "Signing now pays too: choose card or UPI "
			    "and enter its details, then sign.";
		bad += ps->pay.card.errors + ps->pay.upi.errors +
		    (ps->pay.method < 0);
	}
	if (bad == 0)
		return 0;
	paysign_show(w, ps, ps->sign.errors == 0 && ps->mode == PS_FORM &&
	    !payment_sent(w) ? 402 : 422);
	return 1;
}

/*
 * The gateway decides on the card or UPI ID: 0 when held, else the
 * page answered: declined, 402 with the form again (nothing signed,
 * the card number kept to check it, never the CVV); unavailable, 503.
 */
static int
paysign_authorize(struct web *w, struct paysign *ps)
{
	enum payment_result	 rc;
	const char		*why;

	rc = payforms_authorize(w, &ps->pay, &ps->p, &why);
	switch (rc) {
	case PAYMENT_OK:
	case PAYMENT_REFUSED:	/* held meanwhile: settle_sign decides */
		return 0;
	case PAYMENT_DECLINED:
		ps->problem = arena_printf(w->arena, "Your payment was "
		    "declined, so nothing was signed. %s", why != NULL ? why :
		    "Check the UPI ID, or pay another way.");
		paysign_show(w, ps, 402);
		return 1;
	case PAYMENT_NOT_FOUND:
		web_error(w, 404, not_found);
		return 1;
	default:
		ps->problem = "The payment gateway is not answering. Nothing was "
		    "charged and nothing was signed; try again in a few minutes.";
		paysign_show(w, ps, 503);
		return 1;
	}
}

/* settle_sign's answer: on to the booking, or the page with why. */
static void
paysign_settled(struct web *w, struct paysign *ps, enum payment_result rc,
    enum signature_result sig, const char *why)
{
	if (rc == PAYMENT_OK) {
		web_redirect(w, arena_printf(w->arena, "/bookings/%lld?notice=%s",
		    (long long)ps->b.id, ps->mode == PS_FREE ? "signed" :
		    "signed-paid"));
		return;
	}
	if (sig != SIGNATURE_OK) {
		refusal_answer(w, sig, why, ps->b.id);
		return;
	}
	ps->has_payment = payment_for_booking(w->db, w->arena, ps->b.id,
	    &ps->p);
	ps->mode = mode_of(ps);
	ps->problem = rc == PAYMENT_REFUSED ? why : arena_printf(w->arena,
	    "Your payment is held but could not be taken, so nothing was "
	    "signed. %s", why != NULL ? why : "Try again in a few minutes.");
	if (rc == PAYMENT_REFUSED)	/* not paid yet: 402; cancelled: 409 */
		paysign_show(w, ps, ps->has_payment && payment_waiting(&ps->p) ?
		    402 : 409);
	else
		paysign_show(w, ps, rc == PAYMENT_DECLINED ? 402 : 503);
}

/* GET|POST /signatures/{id}/sign: see signatures.h for the statuses. */
void
page_signature_sign(struct web *w)
{
	struct paysign		 ps;
	enum signature_result	 sig;
	enum payment_result	 rc;
	const char		*why;

	if (!load(w, &ps))
		return;
	if (w->req.method != HTTP_POST) {
		paysign_show(w, &ps, 200);
		return;
	}
	if ((why = signature_closed(&ps.s, (int64_t)time(NULL))) != NULL) {
		booking_error(w, 409, why, "The booking's page shows where it "
		    "stands now.", ps.s.booking_id);
		return;
	}
	if (paysign_read(w, &ps))
		return;
	if (ps.mode == PS_FORM && paysign_authorize(w, &ps))
		return;
	rc = settle_sign(w->db, w->arena, &w->actor, ps.s.id,
	    ps.sign.v[SIGN_RATING].num, ps.sign.v[SIGN_COMMENTS].text, &sig,
	    &why);
	paysign_settled(w, &ps, rc, sig, why);
}

/* POST /signatures/{id}/reject: see signatures.h. */
void
page_signature_reject(struct web *w)
{
	struct paysign		 ps;
	enum signature_result	 rc;
	const char		*why;

	if (!load(w, &ps))
		return;
	if ((why = signature_closed(&ps.s, (int64_t)time(NULL))) != NULL) {
		booking_error(w, 409, why, "The booking's page shows where it "
		    "stands now.", ps.s.booking_id);
		return;
	}
	if (web_form_read(w, &ps.reject, reject_fields, REJECT__MAX)) {
		paysign_show(w, &ps, 422);
		return;
	}
	rc = signature_reject(w->db, w->arena, &w->actor, ps.s.id,
	    ps.reject.v[REJECT_REASON].text, &why);
	if (rc != SIGNATURE_OK) {
		refusal_answer(w, rc, why, ps.s.booking_id);
		return;
	}
	web_redirect(w, arena_printf(w->arena,
	    "/bookings/%lld?notice=disputed", (long long)ps.s.booking_id));
}
