/* booking-payments.c: the customer's pay page (the test gateway's card and UPI forms, or the hand-over to Stripe) and the printable receipt. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "booking-view.h"
#include "booking.h"
#include "fmt.h"
#include "gateway.h"
#include "payment.h"
#include "payments.h"
#include "pricing.h"
#include "setting.h"
#include "settlement.h"
#include "web.h"

enum card_field { CARD_NAME, CARD_NUMBER, CARD_EXPIRY, CARD_CVV, CARD__MAX };

/*
 * The CVV is FORM_PASSWORD: form_fill never puts it back into a page.
 * The card number goes back only into the answer to the same POST, so
 * a customer corrects a field without typing the card again (the issue
 * asks for it; it is not kept anywhere), and not after the gateway
 * declined the card.  Nothing here logs or stores either.
 */
static const struct form_field card_fields[CARD__MAX] = {
	[CARD_NAME] = { "name", "Name on card", FORM_TEXT, FORM_REQUIRED,
	    2, 100 },
	[CARD_NUMBER] = { "card_number", "Card number", FORM_TEXT,
	    FORM_REQUIRED, 0, 40 },
	[CARD_EXPIRY] = { "expiry", "Expiry date", FORM_TEXT, FORM_REQUIRED,
	    1, 9 },
	[CARD_CVV] = { "cvv", "Security code", FORM_PASSWORD, FORM_REQUIRED,
	    0, 8 },
};

enum upi_field { UPI_ID, UPI__MAX };

/* The UPI ID is shown back to correct it, and kept only masked. */
static const struct form_field upi_fields[UPI__MAX] = {
	[UPI_ID] = { "upi_id", "UPI ID", FORM_TEXT, FORM_REQUIRED, 0, 256 },
};

/* How the customer pays on the test gateway's page: `method`. */
enum pay_method { PAY_BY_CARD, PAY_BY_UPI, PAY_BY__MAX };

static const char *const pay_method_names[PAY_BY__MAX] = {
	[PAY_BY_CARD] = "card",
	[PAY_BY_UPI] = "upi",
};

/* The two forms of the pay page, as they go back to the customer. */
struct pay_forms {
	struct form	card;
	struct form	upi;
};

/* The documented test cards, as the pay page lists them. */
static const struct {
	const char	*number;
	const char	*outcome;
} test_cards[] = {
	{ "4242 4242 4242 4242", "Visa: always succeeds" },
	{ "5555 5555 5555 4444", "Mastercard: always succeeds" },
	{ "4000 0000 0000 0002", "Visa: always declined" },
	{ "4000 0000 0000 9995", "Visa: declined for insufficient funds" },
};

/* The test UPI IDs (gateway_upi.c decides). */
static const struct {
	const char	*id;
	const char	*outcome;
} test_upi_ids[] = {
	{ "success@upi", "Always succeeds" },
	{ "failure@upi", "Always declined" },
};

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

/* "MM/YY" or "MM/YYYY", spaces allowed around the slash: 0, or -1. */
static int
expiry_parse(const char *s, int *month, int *year)
{
	int	n = 0, m = 0, y = 0, digits = 0;

	for (; *s >= '0' && *s <= '9' && n < 2; s++, n++)
		m = m * 10 + (*s - '0');
	if (n == 0)
		return -1;
	s += strspn(s, " ");
	if (*s++ != '/')
		return -1;
	s += strspn(s, " ");
	for (; *s >= '0' && *s <= '9' && digits < 4; s++, digits++)
		y = y * 10 + (*s - '0');
	if (*s != '\0' || (digits != 2 && digits != 4))
		return -1;
	*month = m;
	*year = y;
	return 0;
}

/*
 * The card's own checks, every field in one pass, each problem beside
 * its field (a field already wrong in the form keeps its message): 0
 * when it may go to the gateway, else the number of problems.
 */
static int
card_read(struct form *f, int *month, int *year)
{
	static const enum card_field	 field_of[GATEWAY_CARD__MAX] = {
		[GATEWAY_CARD_NUMBER] = CARD_NUMBER,
		[GATEWAY_CARD_EXPIRY] = CARD_EXPIRY,
		[GATEWAY_CARD_CVV] = CARD_CVV,
	};
	const char			*why[GATEWAY_CARD__MAX];
	int				 i;

	*month = *year = 0;
	if (f->v[CARD_EXPIRY].error == NULL &&
	    expiry_parse(f->v[CARD_EXPIRY].text, month, year))
		form_error(f, CARD_EXPIRY, "Enter the expiry date as MM/YY, "
		    "like 08/29.");
	if (f->v[CARD_EXPIRY].error != NULL)
		*month = 0;
	gateway_card_problems(f->v[CARD_NUMBER].error == NULL ?
	    f->v[CARD_NUMBER].text : NULL, *month, *year,
	    f->v[CARD_CVV].error == NULL ? f->v[CARD_CVV].text : NULL,
	    (int64_t)time(NULL), why);
	for (i = GATEWAY_CARD_NUMBER; i < GATEWAY_CARD__MAX; i++)
		if (why[i] != NULL)
			form_error(f, field_of[i], why[i]);
	return f->errors;
}

static void
test_cards_fill(struct tmpl_dict *d)
{
	struct tmpl_dict	*row;
	size_t			 i;

	for (i = 0; i < sizeof(test_cards) / sizeof(test_cards[0]); i++) {
		row = tmpl_section(d, "test_card");
		tmpl_set(row, "number", test_cards[i].number);
		tmpl_set(row, "outcome", test_cards[i].outcome);
	}
	for (i = 0; i < sizeof(test_upi_ids) / sizeof(test_upi_ids[0]); i++) {
		row = tmpl_section(d, "test_upi");
		tmpl_set(row, "id", test_upi_ids[i].id);
		tmpl_set(row, "outcome", test_upi_ids[i].outcome);
	}
}

/*
 * The summary at the top of the page: every problem of a form, each a
 * link to its field (the input's id is the field's name).
 */
static void
error_summary_fill(struct tmpl_dict *d, const struct form *f)
{
	struct tmpl_dict	*row;
	size_t			 i;

	for (i = 0; i < f->n; i++) {
		if (f->v[i].error == NULL)
			continue;
		row = tmpl_section(d, "error_link");
		tmpl_set(row, "field", f->fields[i].name);
		tmpl_set(row, "message", form_displayable(f->arena,
		    f->v[i].error));
	}
}

/* The card and UPI forms, with what the customer typed except the CVV. */
static void
pay_show(struct web *w, const struct payment *p, const struct pay_forms *forms,
    int status, const char *problem)
{
	struct tmpl_dict	*d, *s;

	d = web_page(w, arena_printf(w->arena, "Pay for booking #%lld",
	    (long long)p->booking_id), "payment_pay.tpl");
	tmpl_set_int(d, "id", p->id);
	tmpl_set_int(d, "booking_id", p->booking_id);
	tmpl_set(d, "service", p->service_name);
	tmpl_set(d, "amount", fmt_money(w->arena, p->amount_paise));
	tmpl_show(d, p->fee ? "fee" : "job");
	tmpl_set(d, "action", payment_url(w, p->id, "/pay"));
	form_fill(&forms->card, d);
	form_fill(&forms->upi, d);
	if (forms->card.errors + forms->upi.errors > 0) {
		s = tmpl_section(d, "error_summary");
		tmpl_set_int(s, "count", forms->card.errors + forms->upi.errors);
		error_summary_fill(s, &forms->card);
		error_summary_fill(s, &forms->upi);
	}
	if (problem != NULL)
		tmpl_set(tmpl_section(d, "problem"), "message", problem);
	else if (p->status == PAY_FAILED && p->last_error != NULL)
		tmpl_set(tmpl_section(d, "problem"), "message", arena_printf(
		    w->arena, "Your last attempt failed: %s", p->last_error));
	test_cards_fill(d);
	web_csrf(w);
	web_render(w, status);
}

static void
pay_forms_init(struct web *w, struct pay_forms *forms)
{
	form_init(&forms->card, w->arena, card_fields, CARD__MAX);
	form_init(&forms->upi, w->arena, upi_fields, UPI__MAX);
}

static int
payment_result_status(enum payment_result rc)
{
	switch (rc) {
	case PAYMENT_OK:
		return 200;
	case PAYMENT_NOT_FOUND:
		return 404;
	case PAYMENT_REFUSED:
		return 409;
	case PAYMENT_INVALID:
	case PAYMENT_DECLINED:
		return 422;
	default:
		return 503;
	}
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

/* The gateway's answer recorded: on to the booking, or why not. */
static void
pay_authorized(struct web *w, struct payment *p, enum payment_result rc)
{
	if (rc == PAYMENT_OK)
		pay_done(w, p);
	else if (rc == PAYMENT_NOT_FOUND)
		web_error(w, 404, not_found);
	else if (payment_get(w->db, w->arena, p->id, p))
		web_error(w, 409, payment_pay_refusal(p));
	else
		web_error(w, 409, "This booking is already paid.");
}

/*
 * The gateway said no or did not answer: the payment records the
 * decline (the customer may try again) and the forms come back, with
 * the sentence beside the field when field is not -1.
 */
static void
pay_declined(struct web *w, struct payment *p, struct pay_forms *forms,
    struct form *f, int field, enum gateway_result grc, const char *why)
{
	enum payment_result	rc;

	if (grc != GATEWAY_DECLINED) {
		web_error(w, 503, "The payment gateway is not answering. Nothing "
		    "was charged; try again in a few minutes.");
		return;
	}
	rc = payment_failed(w->db, w->arena, &w->actor, p->id, why);
	if (rc != PAYMENT_OK) {
		web_error(w, payment_result_status(rc), payment_pay_refusal(p));
		return;
	}
	if (field >= 0)
		form_error(f, (size_t)field, why);
	pay_show(w, p, forms, 422, field >= 0 ? NULL : why);
}

/* POST with method=card: the test gateway decides on the card. */
static void
pay_card(struct web *w, struct payment *p, struct pay_forms *forms)
{
	struct form		*f = &forms->card;
	enum gateway_result	 grc;
	const char		*brand, *last4, *why;
	int			 month = 0, year = 0;

	web_form_read(w, f, card_fields, CARD__MAX);
	if (card_read(f, &month, &year)) {
		pay_show(w, p, forms, 422, NULL);
		return;
	}
	grc = gateway_test_authorize(w->arena, f->v[CARD_NUMBER].text, month,
	    year, f->v[CARD_CVV].text, &brand, &last4, &why);
	if (grc != GATEWAY_OK) {
		form_set(f, CARD_NUMBER, "");	/* that card was refused */
		pay_declined(w, p, forms, f, -1, grc, why);
		return;
	}
	pay_authorized(w, p, payment_authorized(w->db, w->arena, &w->actor,
	    p->id, NULL, brand, last4));
}

/* POST with method=upi: the test gateway decides on the UPI ID. */
static void
pay_upi(struct web *w, struct payment *p, struct pay_forms *forms)
{
	struct form		*f = &forms->upi;
	enum gateway_result	 grc;
	const char		*masked, *why;

	web_form_read(w, f, upi_fields, UPI__MAX);
	if (f->errors == 0 && (why = gateway_upi_check(f->v[UPI_ID].text))
	    != NULL)
		form_error(f, UPI_ID, why);
	if (f->errors) {
		pay_show(w, p, forms, 422, NULL);
		return;
	}
	grc = gateway_test_upi_authorize(w->arena, f->v[UPI_ID].text, &masked,
	    &why);
	if (grc != GATEWAY_OK) {
		pay_declined(w, p, forms, f, UPI_ID, grc, why);
		return;
	}
	pay_authorized(w, p, payment_authorized_upi(w->db, w->arena,
	    &w->actor, p->id, masked));
}

/* `method`: card when absent (the form before UPI), else card or upi. */
static int
pay_method_read(struct web *w)
{
	const char	*m = http_param_get(&w->req.form, "method");
	int		 i;

	if (m == NULL || m[0] == '\0')
		return PAY_BY_CARD;
	for (i = 0; i < PAY_BY__MAX; i++)
		if (strcmp(m, pay_method_names[i]) == 0)
			return i;
	return -1;
}

/* POST: card or UPI; see payments.h for the statuses. */
static void
pay_post(struct web *w, struct payment *p)
{
	struct pay_forms	forms;

	pay_forms_init(w, &forms);
	switch (pay_method_read(w)) {
	case PAY_BY_CARD:
		pay_card(w, p, &forms);
		return;
	case PAY_BY_UPI:
		pay_upi(w, p, &forms);
		return;
	default:
		pay_show(w, p, &forms, 422, "Choose how to pay: by card or by "
		    "UPI.");
		return;
	}
}

/* GET|POST /payments/{id}/pay: see payments.h for the statuses. */
void
page_payment_pay(struct web *w)
{
	struct payment		p;
	struct pay_forms	forms;

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
	pay_forms_init(w, &forms);
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

