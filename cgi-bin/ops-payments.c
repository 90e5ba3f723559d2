/* ops-payments.c: operations managers watch payments, capture, refund and cancel them, record manual payments, and pay vendors out. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "booking.h"
#include "fmt.h"
#include "payment.h"
#include "payments.h"
#include "payout.h"
#include "settlement.h"
#include "web.h"

#define PAYOUTS_SHOWN	200
#define PAID_SHOWN	20

enum filter_field { FILTER_STATUS, FILTER_FROM, FILTER_TO, FILTER_BEFORE,
    FILTER__MAX };

static const struct form_field filter_fields[FILTER__MAX] = {
	[FILTER_STATUS] = { "status", "Status", FORM_TEXT, 0, 0, 40 },
	[FILTER_FROM] = { "from", "From", FORM_TEXT, 0, 0, 10 },
	[FILTER_TO] = { "to", "To", FORM_TEXT, 0, 0, 10 },
	[FILTER_BEFORE] = { "before", "Page", FORM_INT, 0, 1, INT64_MAX / 2 },
};

enum refund_field { REFUND_AMOUNT, REFUND_REASON, REFUND__MAX };

static const struct form_field refund_fields[REFUND__MAX] = {
	[REFUND_AMOUNT] = { "amount", "Amount", FORM_MONEY, FORM_REQUIRED, 1,
	    FMT_MAX_PAISE },
	[REFUND_REASON] = { "reason", "Reason", FORM_MULTILINE, FORM_REQUIRED,
	    3, PAYMENT_REASON_MAX },
};

static const struct form_field cancel_fields[] = {
	{ "reason", "Reason", FORM_MULTILINE, FORM_REQUIRED, 3,
	    PAYMENT_REASON_MAX },
};

enum manual_field { MANUAL_METHOD, MANUAL_AMOUNT, MANUAL_REFERENCE,
    MANUAL__MAX };

static const struct form_field manual_fields[MANUAL__MAX] = {
	[MANUAL_METHOD] = { "method", "Method", FORM_TEXT, FORM_REQUIRED, 1,
	    20 },
	[MANUAL_AMOUNT] = { "amount", "Amount", FORM_MONEY, FORM_REQUIRED, 1,
	    FMT_MAX_PAISE },
	[MANUAL_REFERENCE] = { "reference", "Reference", FORM_TEXT, 0, 0,
	    PAYMENT_REFERENCE_MAX },
};

static const struct form_field paid_fields[] = {
	{ "reference", "Reference", FORM_TEXT, FORM_REQUIRED, 1,
	    PAYOUT_REFERENCE_MAX },
};

static const char	no_payment[] = "There is no such payment.";

/* A date "YYYY-MM-DD" as the UTC second its local day starts: 0, or -1. */
static int
day_start(struct web *w, const char *date, int64_t *utc)
{
	return strlen(date) == 10 ? fmt_parse_local(arena_printf(w->arena,
	    "%sT00:00", date), utc) : -1;
}

/* The filters, checked: 0, or the message for a 400. */
static const char *
filters_read(struct web *w, struct form *f, struct payment_filter *pf)
{
	const char	*status;
	int		 i;

	form_init(f, w->arena, filter_fields, FILTER__MAX);
	if (form_read(f, &w->req.query))
		return "Those filters are not valid.";
	*pf = (struct payment_filter){ -1, 0, 0, f->v[FILTER_BEFORE].num };
	status = f->v[FILTER_STATUS].text;
	for (i = 0; status[0] != '\0' && i < PAY__MAX; i++)
		if (strcmp(status, payment_status_name(
		    (enum payment_status)i)) == 0)
			pf->status = i;
	if (status[0] != '\0' && pf->status < 0)
		return "Choose a status from the list.";
	if (f->v[FILTER_FROM].text[0] != '\0' &&
	    day_start(w, f->v[FILTER_FROM].text, &pf->from))
		return "Enter the first day as YYYY-MM-DD, like 2026-05-01.";
	if (f->v[FILTER_TO].text[0] != '\0') {
		if (day_start(w, f->v[FILTER_TO].text, &pf->to))
			return "Enter the last day as YYYY-MM-DD, like "
			    "2026-05-31.";
		pf->to += 86400;	/* India keeps no summer time */
	}
	return NULL;
}

static void
payment_row_fill(struct web *w, struct tmpl_dict *d,
    const struct payment_listed *row)
{
	const struct payment	*p = &row->p;
	struct tmpl_dict	*r = tmpl_section(d, "payment");

	tmpl_set_int(r, "id", p->id);
	tmpl_set_int(r, "booking_id", p->booking_id);
	tmpl_set(r, "service", p->service_name);
	tmpl_set(r, "customer", row->customer_name);
	tmpl_set(r, "vendor", row->vendor_name);
	tmpl_set(r, "amount", fmt_money(w->arena, p->amount_paise));
	tmpl_set(r, "status", payment_status_name(p->status));
	tmpl_set(r, "status_label", payment_status_label(p->status));
	tmpl_set(r, "gateway", p->gateway);
	tmpl_set(r, "method", payment_method_label(p->method));
	tmpl_set(r, "created", fmt_time(w->arena, p->created_at));
	tmpl_set(r, "created_iso", fmt_time_iso(w->arena, p->created_at));
	if (p->refunded_paise > 0)
		tmpl_set(tmpl_section(r, "refunded"), "amount",
		    fmt_money(w->arena, p->refunded_paise));
	if (p->receipt_number > 0)
		tmpl_set_int(tmpl_section(r, "receipt"), "number",
		    p->receipt_number);
	if (p->last_error != NULL)
		tmpl_set(tmpl_section(r, "error"), "message", p->last_error);
}

/* The link to the next page keeps the filters. */
static const char *
older_url(struct web *w, const struct form *f, int64_t before)
{
	return arena_printf(w->arena, "/ops/payments?status=%s&from=%s&to=%s"
	    "&before=%lld", http_urlencode(w->arena, f->v[FILTER_STATUS].text),
	    http_urlencode(w->arena, f->v[FILTER_FROM].text),
	    http_urlencode(w->arena, f->v[FILTER_TO].text), (long long)before);
}

/* GET /ops/payments: see payments.h. */
void
page_ops_payments(struct web *w)
{
	struct form		 f;
	struct payment_filter	 pf;
	struct payment_listed	*list;
	struct tmpl_dict	*d, *opt;
	const char		*problem;
	size_t			 n, i;

	if ((problem = filters_read(w, &f, &pf)) != NULL) {
		web_error(w, 400, problem);
		return;
	}
	d = web_page(w, "Payments", "ops_payments.tpl");
	form_fill(&f, d);
	for (i = 0; i < PAY__MAX; i++) {
		opt = tmpl_section(d, "status_option");
		tmpl_set(opt, "value", payment_status_name((enum payment_status)i));
		tmpl_set(opt, "label", payment_status_label((enum payment_status)i));
		if ((int)i == pf.status)
			tmpl_show(opt, "selected");
	}
	n = payment_list(w->db, w->arena, &pf, PAYMENT_PAGE + 1, &list);
	for (i = 0; i < n && i < PAYMENT_PAGE; i++)
		payment_row_fill(w, d, &list[i]);
	if (n == 0)
		tmpl_show(d, "none");
	if (n > PAYMENT_PAGE)
		tmpl_set(tmpl_section(d, "older"), "href", older_url(w, &f,
		    list[PAYMENT_PAGE - 1].p.id));
	web_render(w, 200);
}

/* How a refusal from the domain reads, and what to do next. */
struct payment_answer {
	enum payment_result	 rc;
	int			 status;
	const char		*fallback;
	const char		*next;
};

static const struct payment_answer payment_answers[] = {
	{ PAYMENT_NOT_FOUND, 404, no_payment, NULL },
	{ PAYMENT_REFUSED, 409, "This payment cannot do that now.",
	    "The booking's payment panel shows its state now." },
	{ PAYMENT_INVALID, 422, "Check the amount and the reason.",
	    "Send the form again from the booking's payment panel." },
	{ PAYMENT_DECLINED, 422, "The payment gateway refused.",
	    "The gateway's error is kept with the payment; try again later "
	    "or record a manual payment." },
	{ PAYMENT_UNAVAILABLE, 503, "The payment gateway is not answering; "
	    "nothing was changed. Try again later.",
	    "Try again in a few minutes from the booking's page." },
};

/*
 * A refusal from the domain as a page with its sentence, what to do next
 * and a link back to the booking's payment.
 */
static void
payment_refused(struct web *w, enum payment_result rc, const char *why,
    int64_t booking_id)
{
	const struct payment_answer	*a = &payment_answers[1];
	size_t				 i;

	for (i = 0; i < sizeof(payment_answers) / sizeof(payment_answers[0]);
	    i++)
		if (payment_answers[i].rc == rc)
			a = &payment_answers[i];
	if (a->status == 404) {
		web_error(w, 404, why != NULL ? why : a->fallback);
		return;
	}
	web_error_back(w, a->status, why != NULL ? why : a->fallback, a->next,
	    arena_printf(w->arena, "/ops/bookings/%lld#payment-heading",
	    (long long)booking_id), arena_printf(w->arena,
	    "Back to booking #%lld", (long long)booking_id));
}

/* The payment in the URL, or 404 answered. */
static int
load(struct web *w, struct payment *p)
{
	if (payment_get(w->db, w->arena, w->id[0], p))
		return 1;
	web_error(w, 404, no_payment);
	return 0;
}

static void
back_to_booking(struct web *w, int64_t booking_id, const char *notice)
{
	web_redirect(w, arena_printf(w->arena, "/ops/bookings/%lld?notice=%s"
	    "#payment-heading", (long long)booking_id, notice));
}

/*
 * A money form refused for its fields (422): shown again on a page of
 * its own, every field's message beside it and a summary linking to
 * each, what was typed kept, and a way back to the booking.  Returns
 * the form's section for what only that form shows.
 */
static struct tmpl_dict *
money_form_show(struct web *w, const char *form, const char *title,
    const char *action, int64_t booking_id, const struct form *f)
{
	struct tmpl_dict	*d, *s;

	d = web_page(w, title, "ops_payment_form.tpl");
	tmpl_set(d, "title", title);
	tmpl_set_int(d, "booking_id", booking_id);
	s = tmpl_section(d, form);
	tmpl_set(s, "action", action);
	form_fill(f, s);
	web_csrf(w);
	return s;
}

/* POST /ops/payments/{id}/capture */
void
page_ops_payment_capture(struct web *w)
{
	struct payment		 p;
	enum payment_result	 rc;
	const char		*why = NULL;

	if (!load(w, &p))
		return;
	if ((rc = settle_capture_payment(w->db, w->arena, &w->actor, p.id, &why)))
		payment_refused(w, rc, why, p.booking_id);
	else
		back_to_booking(w, p.booking_id, "payment-captured");
}

/* POST /ops/payments/{id}/refund: amount (rupees) and reason. */
void
page_ops_payment_refund(struct web *w)
{
	struct payment		 p;
	struct form		 f;
	enum payment_result	 rc;
	const char		*why = NULL;

	if (!load(w, &p))
		return;
	if (web_form_read(w, &f, refund_fields, REFUND__MAX)) {
		tmpl_set(money_form_show(w, "refund", arena_printf(w->arena,
		    "Refund payment #%lld", (long long)p.id), w->req.path,
		    p.booking_id, &f), "left", fmt_money(w->arena,
		    p.amount_paise - p.refunded_paise));
		web_render(w, 422);
		return;
	}
	rc = settle_refund(w->db, w->arena, &w->actor, p.id,
	    f.v[REFUND_AMOUNT].num, f.v[REFUND_REASON].text, &why);
	if (rc != PAYMENT_OK)
		payment_refused(w, rc, why, p.booking_id);
	else
		back_to_booking(w, p.booking_id, "refunded");
}

/* POST /ops/payments/{id}/cancel: reason. */
void
page_ops_payment_cancel(struct web *w)
{
	struct payment		 p;
	struct form		 f;
	enum payment_result	 rc;
	const char		*why = NULL;

	if (!load(w, &p))
		return;
	if (web_form_read(w, &f, cancel_fields, 1)) {
		money_form_show(w, "cancel", arena_printf(w->arena,
		    "Cancel payment #%lld", (long long)p.id), w->req.path,
		    p.booking_id, &f);
		web_render(w, 422);
		return;
	}
	rc = payment_cancel(w->db, w->arena, &w->actor, p.id, f.v[0].text,
	    &why);
	if (rc != PAYMENT_OK)
		payment_refused(w, rc, why, p.booking_id);
	else
		back_to_booking(w, p.booking_id, "payment-cancelled");
}

/* POST /ops/bookings/{id}/manual-payment: method, amount, reference. */
void
page_ops_manual_payment(struct web *w)
{
	struct form		 f;
	enum payment_result	 rc;
	static const char *const methods[] = { "cash", "upi",
				    "bank_transfer" };
	struct booking		 b;
	struct tmpl_dict	*s;
	const char		*why = NULL;
	int64_t			 id;
	size_t			 i;

	web_form_read(w, &f, manual_fields, MANUAL__MAX);
	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (strcmp(f.v[MANUAL_METHOD].text, methods[i]) == 0)
			break;
	if (i == sizeof(methods) / sizeof(methods[0]))
		form_error(&f, MANUAL_METHOD, "Choose how the customer paid: "
		    "cash, UPI or bank transfer.");
	if (f.errors) {
		if (!booking_get(w->db, w->arena, w->id[0], &b)) {
			web_error(w, 404, "There is no such booking.");
			return;
		}
		s = money_form_show(w, "manual", arena_printf(w->arena,
		    "Record a manual payment for booking #%lld",
		    (long long)b.id), w->req.path, b.id, &f);
		tmpl_set(s, "price", fmt_money(w->arena, b.price_paise));
		if (i < sizeof(methods) / sizeof(methods[0]))
			tmpl_show(s, arena_printf(w->arena, "chose_%s",
			    methods[i]));
		web_render(w, 422);
		return;
	}
	rc = settle_manual(w->db, w->arena, &w->actor, w->id[0],
	    f.v[MANUAL_METHOD].text, f.v[MANUAL_AMOUNT].num,
	    f.v[MANUAL_REFERENCE].text, &id, &why);
	if (rc == PAYMENT_NOT_FOUND)
		web_error(w, 404, "There is no such booking.");
	else if (rc != PAYMENT_OK)
		payment_refused(w, rc, why, w->id[0]);
	else
		back_to_booking(w, w->id[0], "manual-payment");
}

static void
payout_row_fill(struct web *w, struct tmpl_dict *row, const struct payout *o)
{
	tmpl_set_int(row, "id", o->id);
	tmpl_set(row, "vendor", o->vendor_name);
	tmpl_set_int(row, "vendor_id", o->vendor_id);
	tmpl_set(row, "month", o->month);
	tmpl_set(row, "amount", fmt_money(w->arena, o->amount_paise));
	tmpl_set_int(row, "earnings", o->earnings);
	if (o->paid) {
		tmpl_set(row, "reference", o->reference);
		tmpl_set(row, "paid_at", fmt_time(w->arena, o->paid_at));
		tmpl_set(row, "paid_at_iso", fmt_time_iso(w->arena, o->paid_at));
		tmpl_set(row, "paid_by", o->paid_by_name != NULL ?
		    o->paid_by_name : "");
	}
}

/*
 * The payouts page: pending by vendor and month; the latest paid.  With
 * a form (the mark-paid form of payout "failed" that was refused), that
 * row keeps what was typed and says what is wrong, and the top of the
 * page links to it.
 */
static void
payouts_show(struct web *w, int status, const struct form *f, int64_t failed)
{
	struct payout		*list;
	struct tmpl_dict	*d, *row, *pay;
	size_t			 n, i;
	int64_t			 total = 0;

	d = web_page(w, "Payouts", "ops_payouts.tpl");
	if (f != NULL)
		form_summary(f, d, arena_printf(w->arena, "-%lld",
		    (long long)failed));
	n = payout_list(w->db, w->arena, 0, PAYOUTS_SHOWN, &list);
	for (i = 0; i < n; i++) {
		row = tmpl_section(d, "pending");
		payout_row_fill(w, row, &list[i]);
		total += list[i].amount_paise;
		if (w->session.role != ROLE_OPS)
			continue;
		pay = tmpl_section(row, "can_pay");
		tmpl_set(pay, "action", arena_printf(w->arena,
		    "/ops/payouts/%lld/paid", (long long)list[i].id));
		if (f != NULL && list[i].id == failed)
			form_fill(f, pay);
	}
	if (n == 0)
		tmpl_show(d, "none_pending");
	tmpl_set(d, "pending_total", fmt_money(w->arena, total));
	n = payout_list(w->db, w->arena, 1, PAID_SHOWN, &list);
	for (i = 0; i < n; i++)
		payout_row_fill(w, tmpl_section(d, "paid"), &list[i]);
	if (n == 0)
		tmpl_show(d, "none_paid");
	web_csrf(w);
	web_render(w, status);
}

/* GET /ops/payouts */
void
page_ops_payouts(struct web *w)
{
	payouts_show(w, 200, NULL, 0);
}

/* POST /ops/payouts/{id}/paid: reference. */
void
page_ops_payout_paid(struct web *w)
{
	struct form		f;
	enum payout_result	rc;

	if (web_form_read(w, &f, paid_fields, 1)) {
		payouts_show(w, 422, &f, w->id[0]);
		return;
	}
	rc = payout_mark_paid(w->db, w->arena, &w->actor, w->id[0],
	    f.v[0].text);
	if (rc == PAYOUT_NOT_FOUND)
		web_error(w, 404, "There is no such payout.");
	else if (rc == PAYOUT_REFUSED)
		web_error_back(w, 409, "This payout is already marked paid.",
		    NULL, "/ops/payouts", "Back to payouts");
	else if (rc == PAYOUT_NEGATIVE)
		web_error_back(w, 409, "This payout is below zero: refunds took back "
		    "more than the vendor earned this month, so there is "
		    "nothing to pay. It stays open while new earnings come "
		    "in.", "Nothing needs doing now.", "/ops/payouts",
		    "Back to payouts");
	else
		web_redirect(w, "/ops/payouts?notice=payout-paid");
}
