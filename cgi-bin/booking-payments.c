/* booking-payments.c: the customer's pay page (the test gateway's card and UPI forms of payforms.c, or the hand-over to Stripe) and the printable receipt. */
#include <stdio.h>
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
#include "pricing.h"
#include "setting.h"
#include "settlement.h"
#include "web.h"

static const char	not_found[] = "There is no such payment in your account.";

static int
captured(const struct payment *p)
{
	return p->receipt_number > 0;
}

/* The payment in the URL, for its customer only; else 404. */
static int
load_own(struct web *w, struct payment *p)
{
	if (payment_get(w->db, w->arena, w->id[0], p) &&
	    p->customer_id == w->session.user_id &&
	    w->session.role == ROLE_CUSTOMER)
		return 1;
	web_error(w, 404, not_found);
	return 0;
}

/*
 * What the customer reads about when the money is taken: held until
 * they sign, or taken at once once signed (or the window closed).
 */
static void
pay_lead_fill(struct web *w, struct tmpl_dict *d, const struct payment *p)
{
	struct booking	b;

	if (p->fee)
		tmpl_show(d, "fee");
	else if (booking_get(w->db, w->arena, p->booking_id, &b) &&
	    (b.status == BK_SIGNED || b.status == BK_EXPIRED))
		tmpl_show(d, "job_now");
	else
		tmpl_show(d, "job");
}

/* The card and UPI forms, with what the customer typed except the CVV. */
static void
pay_show(struct web *w, const struct payment *p, const struct payforms *forms,
    int status, const char *problem)
{
	struct tmpl_dict	*d;

	d = web_page(w, arena_printf(w->arena, "Pay for booking #%lld",
	    (long long)p->booking_id), "payment_pay.tpl");
	tmpl_set_int(d, "id", p->id);
	tmpl_set_int(d, "booking_id", p->booking_id);
	tmpl_set(d, "service", p->service_name);
	tmpl_set(d, "amount", fmt_money(w->arena, p->amount_paise));
	pay_lead_fill(w, d, p);
	tmpl_set(d, "action", payment_url(w, p->id, "/pay"));
	payforms_fill(d, forms, NULL);
	if (problem != NULL)
		tmpl_set(tmpl_section(d, "problem"), "message", problem);
	else if (p->status == PAY_FAILED && p->last_error != NULL)
		tmpl_set(tmpl_section(d, "problem"), "message", arena_printf(
		    w->arena, "Your last attempt failed: %s", p->last_error));
	web_csrf(w);
	web_render(w, status);
}

/* After authorising: a booking already signed is captured at once. */
static void
pay_done(struct web *w, const struct payment *p)
{
	struct booking	 b;
	const char	*why;

	settle_capture(w->db, w->arena, &w->actor, p->booking_id,
	    &why);
	web_redirect(w, arena_printf(w->arena, "/bookings/%lld?notice=%s",
	    (long long)p->booking_id, booking_get(w->db, w->arena,
	    p->booking_id, &b) && b.status == BK_PAID ? "paid" :
	    "payment-authorized"));
}

/*
 * POST: card or UPI; see payments.h for the statuses.  A declined card
 * comes back without its number; a declined UPI ID with the gateway's
 * sentence beside it.
 */
static void
pay_post(struct web *w, struct payment *p)
{
	struct payforms		 forms;
	enum payment_result	 rc;
	const char		*why;

	payforms_init(w, &forms);
	if (payforms_read(w, &forms)) {
		pay_show(w, p, &forms, 422, forms.method < 0 ? "Choose how to "
		    "pay: by card or by UPI." : NULL);
		return;
	}
	switch ((rc = payforms_authorize(w, &forms, p, &why))) {
	case PAYMENT_OK:
		pay_done(w, p);
		return;
	case PAYMENT_DECLINED:
		payforms_forget_number(&forms);	/* that card was refused */
		pay_show(w, p, &forms, 422, why);
		return;
	case PAYMENT_UNAVAILABLE:
		web_error(w, 503, "The payment gateway is not answering. Nothing "
		    "was charged; try again in a few minutes.");
		return;
	case PAYMENT_NOT_FOUND:
		web_error(w, 404, not_found);
		return;
	default:
		web_error(w, 409, payment_get(w->db, w->arena, p->id, p) ?
		    payment_pay_refusal(p) : "This booking is already paid.");
		return;
	}
}

/* GET|POST /payments/{id}/pay: see payments.h for the statuses. */
void
page_payment_pay(struct web *w)
{
	struct payment		p;
	struct payforms		forms;

	if (!load_own(w, &p))
		return;
	switch (payment_checkout(&p)) {
	case GATEWAY_CHECKOUT_HOSTED:	/* the gateway's page takes the card */
		payments_stripe_checkout(w, &p);
		return;
	case GATEWAY_CHECKOUT_CARD_FORM:
		break;
	default:
		web_error(w, payment_waiting(&p) ? 503 : 409, payment_waiting(&p) ?
		    "Card payments are not available yet. Our operations team "
		    "can record a cash or UPI payment for you." :
		    payment_pay_refusal(&p));
		return;
	}
	if (!payment_waiting(&p)) {
		web_error(w, 409, payment_pay_refusal(&p));
		return;
	}
	if (w->req.method == HTTP_POST) {
		pay_post(w, &p);
		return;
	}
	payforms_init(w, &forms);
	pay_show(w, &p, &forms, 200, NULL);
}

/* GET /payments/{id}/receipt: customer (own), ops and admin; 404 before capture. */
void
page_payment_receipt(struct web *w)
{
	struct payment		 p;
	struct booking		 b;
	struct tmpl_dict	*d;
	int64_t			 factor;

	if (!payment_get(w->db, w->arena, w->id[0], &p) ||
	    !booking_get(w->db, w->arena, p.booking_id, &b) ||
	    (w->session.role == ROLE_CUSTOMER &&
	    p.customer_id != w->session.user_id)) {
		web_error(w, 404, not_found);
		return;
	}
	if (!captured(&p)) {
		web_error(w, 404, "There is no receipt for this payment yet: it "
		    "is issued when the payment is taken.");
		return;
	}
	d = web_page(w, arena_printf(w->arena, "Receipt #%lld",
	    (long long)p.receipt_number), "payment_receipt.tpl");
	tmpl_set_int(d, "number", p.receipt_number);
	tmpl_set(d, "date", fmt_time(w->arena, p.captured_at));
	tmpl_set(d, "date_iso", fmt_time_iso(w->arena, p.captured_at));
	tmpl_set_int(d, "booking_id", b.id);
	tmpl_set(d, "booking_url", booking_url(w, b.id));
	tmpl_set(d, "service", b.service_name);
	if (p.fee)
		tmpl_show(d, "late_fee");
	tmpl_set(d, "when", fmt_time(w->arena, b.scheduled_at));
	tmpl_set(d, "when_iso", fmt_time_iso(w->arena, b.scheduled_at));
	tmpl_set(d, "customer", b.customer_name);
	tmpl_set(d, "vendor", b.vendor_name != NULL ? b.vendor_name : "");
	tmpl_set(d, "amount", fmt_money(w->arena, p.amount_paise));
	if (!p.fee && (factor = pricing_booking_factor(w->db, b.id)) >
	    PRICING_NONE)
		tmpl_set_int(tmpl_section(d, "adjusted"), "percent",
		    factor - PRICING_NONE);
	tmpl_set(d, "gst", fmt_money(w->arena,
	    payment_gst_included(p.amount_paise, b.gst_rate)));
	tmpl_set(d, "gst_rate", setting_text(w->arena, SET_GST, b.gst_rate));
	tmpl_set(d, "paid_with", payment_paid_with(w, &p));
	if (p.refunded_paise > 0)
		tmpl_set(tmpl_section(d, "refunded"), "amount",
		    fmt_money(w->arena, p.refunded_paise));
	web_render(w, 200);
}

