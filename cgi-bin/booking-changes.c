/* booking-changes.c: a customer changes their booking: reschedule it (GET|POST /bookings/{id}/reschedule) or cancel it under the cancellation policy (GET|POST /bookings/{id}/cancel), and the late fee that holds back new bookings. */
#include <string.h>

#include "arena.h"
#include "booking-area.h"
#include "booking-view.h"
#include "booking.h"
#include "clock.h"
#include "fmt.h"
#include "payment.h"
#include "policy.h"
#include "setting.h"
#include "settlement.h"
#include "web.h"

enum cancel_field { CANCEL_REASON, CANCEL_FEE, CANCEL__MAX };

static const struct form_field cancel_fields[CANCEL__MAX] = {
	[CANCEL_REASON] = { "reason", "Reason", FORM_MULTILINE, FORM_REQUIRED,
	    3, 500 },
	/* The fee the form showed (0: free); settle_cancel charges no other. */
	[CANCEL_FEE] = { "fee_paise", "Fee shown", FORM_INT, 0, 0,
	    FMT_MAX_PAISE },
};

static const struct form_field when_fields[] = {
	{ "scheduled_date", "New date and time", FORM_LOCAL_TIME, FORM_REQUIRED,
	    0, 0 },
};

static const char	no_such[] = "There is no such booking in your account.";

/* The customer's own booking, or 404: never another customer's. */
static int
own(struct web *w, struct booking *b)
{
	if (booking_get(w->db, w->arena, w->id[0], b) &&
	    b->customer_id == w->session.user_id)
		return 1;
	web_error(w, 404, no_such);
	return 0;
}

/* "YYYY-MM-DDTHH:MM" in India time, as the date-and-time input takes it. */
static const char *
local_input(struct web *w, int64_t t)
{
	char	iso[FMT_ISO_MAX];

	return arena_printf(w->arena, "%.16s", fmt_time_iso_local(iso, t));
}

/* --- cancelling ---------------------------------------------------------- */

/* The confirm form: free, or the fee it costs, carried in the form. */
static void
cancel_show(struct web *w, const struct booking *b, struct form *f,
    int64_t fee, int status, const char *problem)
{
	struct tmpl_dict	*d;

	d = web_page(w, arena_printf(w->arena, "Cancel booking #%lld",
	    (long long)b->id), "booking_cancel.tpl");
	booking_fill(w, d, b);
	form_fill(f, d);
	tmpl_set_int(d, "fee_paise", fee);
	if (fee > 0) {
		struct tmpl_dict	*l = tmpl_section(d, "late_fee");

		tmpl_set(l, "fee", fmt_money(w->arena, fee));
		tmpl_set(l, "cutoff", arena_printf(w->arena, "%lld",
		    (long long)setting(w->db, SET_CUTOFF_HOURS)));
	} else
		tmpl_show(d, "free");
	if (problem != NULL)
		tmpl_set(tmpl_section(d, "problem"), "message", problem);
	web_csrf(w);
	web_render(w, status);
}

static void
cancel_post(struct web *w, struct booking *b)
{
	struct form		 f;
	enum booking_result	 rc;
	int64_t			 fee;
	const char		*why;

	if (web_form_read(w, &f, cancel_fields, CANCEL__MAX)) {
		cancel_show(w, b, &f, policy_late_fee(w->db, b, clock_now()), 422,
		    NULL);
		return;
	}
	rc = settle_cancel(w->db, w->arena, &w->actor, b->id,
	    f.v[CANCEL_REASON].text, f.v[CANCEL_FEE].num, clock_now(), &fee,
	    &why);
	if (rc == BOOKING_PRICE_CHANGED)
		cancel_show(w, b, &f, fee, 409, why);
	else if (rc != BOOKING_OK)
		booking_refused(w, b->status, rc, BK_CANCELLED);
	else
		web_redirect(w, arena_printf(w->arena, "/bookings/%lld?notice=%s",
		    (long long)b->id, fee > 0 ? "cancelled-fee" : "cancelled"));
}

/*
 * GET|POST /bookings/{id}/cancel (its customer; anyone else 404): GET
 * the confirm form, saying whether cancelling is free or what late fee
 * it costs; POST reason and fee_paise (the fee shown) cancels: 303 to
 * the booking; 422 without a reason; 409 when it cannot be cancelled,
 * or when the fee is no longer the one shown (the form shows the new
 * one).  A fee becomes a payment due (settle_cancel).
 */
void
page_booking_cancel(struct web *w)
{
	struct booking	b;
	struct form	f;

	if (!own(w, &b))
		return;
	if (w->req.method == HTTP_POST) {
		cancel_post(w, &b);
		return;
	}
	if (!booking_transition_allowed(b.status, BK_CANCELLED, ROLE_CUSTOMER)) {
		booking_refused(w, b.status, BOOKING_REFUSED, BK_CANCELLED);
		return;
	}
	form_init(&f, w->arena, cancel_fields, CANCEL__MAX);
	cancel_show(w, &b, &f, policy_late_fee(w->db, &b, clock_now()), 200,
	    NULL);
}

/* --- rescheduling -------------------------------------------------------- */

static void
reschedule_show(struct web *w, const struct booking *b, struct form *f,
    int64_t left, int status)
{
	struct tmpl_dict	*d;
	int64_t			 now = clock_now();

	d = web_page(w, arena_printf(w->arena, "Reschedule booking #%lld",
	    (long long)b->id), "booking_reschedule.tpl");
	booking_fill(w, d, b);
	form_fill(f, d);
	tmpl_set_int(d, "left", left);
	tmpl_set(d, "left_plural", left == 1 ? "" : "s");
	tmpl_set(d, "min_when", local_input(w, now + setting(w->db,
	    SET_LEAD_HOURS) * 3600));
	tmpl_set(d, "hours_start", setting_text(w->arena, SET_HOURS_START,
	    setting(w->db, SET_HOURS_START)));
	tmpl_set(d, "hours_end", setting_text(w->arena, SET_HOURS_END,
	    setting(w->db, SET_HOURS_END)));
	tmpl_set_int(d, "horizon", setting(w->db, SET_HORIZON_DAYS));
	tmpl_set_int(d, "cutoff", setting(w->db, SET_CUTOFF_HOURS));
	if (b->status == BK_ACCEPTED)
		tmpl_show(d, "accepted");
	web_csrf(w);
	web_render(w, status);
}

static void
reschedule_post(struct web *w, struct booking *b, int64_t left)
{
	struct form		 f;
	enum booking_result	 rc;
	const char		*why;
	int			 released;

	if (web_form_read(w, &f, when_fields, 1)) {
		reschedule_show(w, b, &f, left, 422);
		return;
	}
	rc = policy_reschedule(w->db, w->arena, &w->actor, b->id, f.v[0].num,
	    clock_now(), &released, &why);
	if (rc == BOOKING_BAD_TIME) {
		form_error(&f, 0, why);
		reschedule_show(w, b, &f, left, 422);
	} else if (rc == BOOKING_NOT_FOUND)
		web_error(w, 404, no_such);
	else if (rc != BOOKING_OK)
		booking_error(w, 409, why != NULL ? why : booking_result_text(rc),
		    "The booking's page shows what can still be changed.",
		    b->id);
	else
		web_redirect(w, arena_printf(w->arena, "/bookings/%lld?notice=%s",
		    (long long)b->id, b->status != BK_ACCEPTED ? "rescheduled" :
		    released ? "rescheduled-released" : "rescheduled-kept"));
}

/*
 * GET|POST /bookings/{id}/reschedule (its customer; anyone else 404):
 * scheduled_date, a new time under the booking rules.  303 to the
 * booking; 409 with the reason when it may not be moved (not pending
 * or accepted, no moves left, inside the cut-off); 422 the form again
 * with the time's problem (past, outside hours, beyond the horizon).
 */
void
page_booking_reschedule(struct web *w)
{
	struct booking	 b;
	struct form	 f;
	int64_t		 left;
	const char	*why;

	if (!own(w, &b))
		return;
	if (policy_may_reschedule(w->db, w->arena, &b, clock_now(), &left,
	    &why) != BOOKING_OK) {
		booking_error(w, 409, why, "The booking's page shows what can "
		    "still be changed; you may cancel it there instead.", b.id);
		return;
	}
	if (w->req.method == HTTP_POST) {
		reschedule_post(w, &b, left);
		return;
	}
	form_init(&f, w->arena, when_fields, 1);
	form_set(&f, 0, local_input(w, b.scheduled_at));
	reschedule_show(w, &b, &f, left, 200);
}

/* --- the booking page and the booking form ------------------------------- */

/*
 * The booking page's parts of the policy: a "Reschedule" link while
 * allowed, with the moves left, on d; the fee cancelling costs now on
 * the cancel form's dictionary c (NULL: it cannot be cancelled).
 */
void
booking_changes_fill(struct web *w, struct tmpl_dict *d, struct tmpl_dict *c,
    const struct booking *b)
{
	struct tmpl_dict	*r;
	int64_t			 left, fee;
	const char		*why;

	if (policy_may_reschedule(w->db, w->arena, b, clock_now(), &left,
	    &why) == BOOKING_OK) {
		r = tmpl_section(d, "can_reschedule");
		tmpl_set_int(r, "left", left);
		tmpl_set(r, "left_plural", left == 1 ? "" : "s");
	}
	if (c == NULL)
		return;
	fee = policy_late_fee(w->db, b, clock_now());
	tmpl_set_int(c, "fee_paise", fee);
	if (fee > 0)
		tmpl_set(tmpl_section(c, "late_fee"), "fee",
		    fmt_money(w->arena, fee));
	else
		tmpl_show(c, "free");
}

/*
 * A late-cancellation fee the customer has not paid holds back new
 * bookings: 1, and on the booking form's dictionary d (unless NULL) the
 * sentence with its pay link; else 0.
 */
int
booking_fee_due_fill(struct web *w, struct tmpl_dict *d)
{
	struct payment		 p;
	struct tmpl_dict	*s;

	if (!payment_fee_due(w->db, w->arena, w->session.user_id, &p))
		return 0;
	if (d == NULL)
		return 1;
	s = tmpl_section(d, "fee_due");
	tmpl_set(s, "fee", fmt_money(w->arena, p.amount_paise));
	tmpl_set_int(s, "booking_id", p.booking_id);
	tmpl_set(s, "pay_url", arena_printf(w->arena, "/payments/%lld/pay",
	    (long long)p.id));
	return 1;
}
