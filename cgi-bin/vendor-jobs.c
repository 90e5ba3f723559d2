/* vendor-jobs.c: the vendor's dashboard, job board and job pages with their actions. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "board.h"
#include "booking-view.h"
#include "booking.h"
#include "booking_rules.h"
#include "disputes.h"
#include "fmt.h"
#include "panels.h"
#include "clock.h"
#include "message.h"
#include "payments.h"
#include "photos.h"
#include "setting.h"
#include "settlement.h"
#include "signatures.h"
#include "vendor-area.h"
#include "vendor.h"
#include "web.h"

static const struct form_field otp_fields[] = {
	{ "otp", "Start code", FORM_TEXT, FORM_REQUIRED, 6, 6 },
};

static const struct form_field body_fields[] = {
	{ "body", "Message", FORM_MULTILINE, FORM_REQUIRED, 1,
	    MESSAGE_MAX_CHARS },
};

/* Midnight today in the display zone, as UTC seconds. */
static int64_t
local_midnight(time_t now)
{
	struct tm	tm;

	localtime_r(&now, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

static void
rows_fill(struct web *w, struct tmpl_dict *d, const char *section,
    struct booking *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		booking_fill(w, tmpl_section(d, section), &list[i]);
}

/* Today's jobs, the next 30 days', and how many wait on the board. */
void
page_vendor_home(struct web *w)
{
	struct vendor_profile	 p;
	struct booking		*list;
	struct board_filter	 any = { NULL, NULL, 0, 0 };
	struct tmpl_dict	*d;
	int64_t			 today = local_midnight(time(NULL));
	size_t			 n;

	vendor_get(w->db, w->arena, w->session.user_id, &p);
	d = web_page(w, "Vendor dashboard", "vendor_home.tpl");
	if (p.verified)
		tmpl_show(d, "verified");
	else
		tmpl_set(tmpl_section(d, "unverified"), "standing",
		    vendor_status_label(p.status));
	n = booking_list_vendor(w->db, w->arena, w->session.user_id, today,
	    today + 86400, &list);
	rows_fill(w, d, "today", list, n);
	if (n == 0)
		tmpl_show(d, "nothing_today");
	n = booking_list_vendor(w->db, w->arena, w->session.user_id,
	    today + 86400, today + 31 * 86400, &list);
	rows_fill(w, d, "upcoming", list, n);
	if (n == 0)
		tmpl_show(d, "nothing_upcoming");
	tmpl_set(d, "board_count", vendor_board_waiting(w, board_count(w->db,
	    w->arena, w->session.user_id, clock_now(), &any,
	    BOARD_COUNT_CAP + 1)));
	web_render(w, 200);
}

/*
 * Locked after wrong codes; before the start window, the sentence
 * saying when it opens instead of the form; else the form.
 */
static void
start_fill(struct web *w, struct tmpl_dict *d, const struct booking *b)
{
	const char	*not_yet;

	if (b->start_failures >= setting(w->db, SET_START_CODE_TRIES))
		tmpl_show(d, "start_locked");
	else if ((not_yet = booking_rules_start_refusal(w->db, w->arena,
	    b->scheduled_at, clock_now())) != NULL)
		tmpl_set(tmpl_section(d, "start_not_yet"), "message", not_yet);
	else
		tmpl_show(d, "can_start");
}

/* Which forms the job page offers, from the state machine itself. */
static void
actions_fill(struct web *w, struct tmpl_dict *d, const struct booking *b,
    int mine)
{
	if (b->status == BK_PENDING) {
		tmpl_show(d, "can_accept");
		return;
	}
	if (!mine)
		return;
	if (booking_transition_allowed(b->status, BK_IN_PROGRESS, ROLE_VENDOR))
		start_fill(w, d, b);
	if (b->status == BK_ACCEPTED)
		vendor_release_fill(w, d, b);	/* give it back (vendor-release.c) */
	if (b->status == BK_IN_PROGRESS) {
		tmpl_show(d, "can_upload");
		tmpl_set_int(d, "photo_max_mb", setting(w->db,
		    SET_PHOTO_MAX_MB));
	}
	if (booking_transition_allowed(b->status, BK_COMPLETED, ROLE_VENDOR))
		tmpl_show(d, "can_complete");
	if (booking_transition_allowed(b->status, BK_SIGNATURE_REQUESTED,
	    ROLE_VENDOR))
		tmpl_show(d, "can_request_signature");
}

static void
job_errors_fill(struct tmpl_dict *d, const struct vendor_job_errors *e)
{
	if (e == NULL)
		return;
	if (e->otp != NULL)
		tmpl_set(tmpl_section(d, "otp_error"), "message", e->otp);
	if (e->upload != NULL)
		tmpl_set(tmpl_section(d, "upload_error"), "message", e->upload);
	if (e->release != NULL)
		tmpl_set(tmpl_section(d, "release_error"), "message",
		    e->release);
	tmpl_set(d, "release_draft", e->release_draft != NULL ?
	    e->release_draft : "");
}

/*
 * Before a vendor holds the job, the customer stays unnamed: no name,
 * house address or notes, only the area (pincode), time, service and
 * price.  Cleared here rather than only in the template, so no later
 * change to the template can show them.
 */
static void
hide_customer(struct booking *b)
{
	b->customer_name = "";
	b->address = "";
	b->notes = "";
}

/*
 * The job page: 404 unless it is the vendor's job or one on their
 * board.  Other pages call this to show a problem beside its form.
 */
void
vendor_job_render(struct web *w, int64_t id, int status,
    const struct vendor_job_errors *e)
{
	struct booking		 b;
	struct booking_panels	 panels;
	struct dispute_answer	 answer = { e != NULL ? e->answer : NULL,
				    e != NULL ? e->answer_draft : NULL };
	struct tmpl_dict	*d;
	int			 mine;

	if (!booking_get(w->db, w->arena, id, &b) ||
	    !booking_vendor_may_view(w->db, &b, w->session.user_id)) {
		web_error(w, 404, "There is no such job for you.");
		return;
	}
	mine = b.vendor_id == w->session.user_id;
	if (!mine)
		hide_customer(&b);
	d = web_page(w, arena_printf(w->arena, "Job #%lld", (long long)b.id),
	    "vendor_booking.tpl");
	booking_fill(w, d, &b);
	actions_fill(w, d, &b, mine);
	if (!mine)
		tmpl_show(d, "not_mine");
	job_errors_fill(d, e);
	if (mine) {
		tmpl_show(d, "mine");
		panels = (struct booking_panels){ "/vendor/bookings/",
		    arena_printf(w->arena, "/vendor/bookings/%lld/messages",
		    (long long)b.id), e != NULL ? e->message : NULL, e != NULL ?
		    e->draft : NULL, &answer };
		booking_panels_fill(w, d, &b, &panels);
	}
	web_csrf(w);
	web_render(w, status);
}

void
page_vendor_booking(struct web *w)
{
	vendor_job_render(w, w->id[0], 200, NULL);
}

/* Answer a refused action, reading the state it was refused in. */
static void
refused(struct web *w, enum booking_result rc, enum booking_status to)
{
	struct booking	b;

	if (rc == BOOKING_REFUSED && booking_get(w->db, w->arena, w->id[0], &b))
		booking_refused(w, b.status, rc, to);
	else	/* not a move the state machine refused: "from" is unused */
		booking_refused(w, to, rc, to);
}

static void
done(struct web *w, const char *notice)
{
	web_redirect(w, arena_printf(w->arena, "/vendor/bookings/%lld?notice=%s",
	    (long long)w->id[0], notice));
}

void
page_vendor_accept(struct web *w)
{
	enum booking_result	rc;

	if ((rc = booking_accept(w->db, w->arena, &w->actor, w->id[0])))
		refused(w, rc, BK_ACCEPTED);
	else
		done(w, "accepted");
}

void
page_vendor_decline(struct web *w)
{
	enum booking_result	rc;

	if ((rc = booking_decline(w->db, w->arena, &w->actor, w->id[0])))
		refused(w, rc, BK_CANCELLED);
	else
		web_redirect(w, "/vendor/jobs?notice=declined");
}

/*
 * POST otp: 422 with tries left for a wrong code, 423 once locked, 409
 * before the start window (the page says from when; no try is spent).
 */
void
page_vendor_start(struct web *w)
{
	struct form			f;
	struct vendor_job_errors	e = { 0 };
	enum booking_result		rc;
	int64_t				left;

	if (web_form_read(w, &f, otp_fields, 1) ||
	    strspn(f.v[0].text, "0123456789") != 6) {
		e.otp = "Enter the 6-digit code the customer gives you.";
		vendor_job_render(w, w->id[0], 422, &e);
		return;
	}
	rc = booking_start(w->db, w->arena, &w->actor, w->id[0], f.v[0].text,
	    &left);
	if (rc == BOOKING_WRONG_CODE) {
		e.otp = arena_printf(w->arena, "That start code is wrong. %lld "
		    "%s left.", (long long)left, left == 1 ? "try" : "tries");
		vendor_job_render(w, w->id[0], 422, &e);
	} else if (rc == BOOKING_LOCKED) {
		e.otp = booking_result_text(rc);
		vendor_job_render(w, w->id[0], 423, &e);
	} else if (rc == BOOKING_TOO_EARLY)
		/* The page says when it opens, where the form would be. */
		vendor_job_render(w, w->id[0], 409, NULL);
	else if (rc != BOOKING_OK)
		refused(w, rc, BK_IN_PROGRESS);
	else
		done(w, "started");
}

void
page_vendor_complete(struct web *w)
{
	enum booking_result	rc;

	if ((rc = settle_complete(w->db, w->arena, &w->actor, w->id[0])))
		refused(w, rc, BK_COMPLETED);
	else
		done(w, "completed");
}

/* The vendor's side of the thread; 422 keeps the draft beside the form. */
void
page_vendor_message(struct web *w)
{
	struct booking			b;
	struct form			f;
	struct vendor_job_errors	e = { 0 };

	if (!booking_get(w->db, w->arena, w->id[0], &b) ||
	    b.vendor_id != w->session.user_id) {
		web_error(w, 404, "There is no such job for you.");
		return;
	}
	if (web_form_read(w, &f, body_fields, 1)) {
		e.message = f.v[0].error;
		e.draft = f.v[0].raw;
		vendor_job_render(w, b.id, 422, &e);
		return;
	}
	message_post(w->db, w->arena, &w->actor, &b, f.v[0].text);
	web_redirect(w, arena_printf(w->arena, "/vendor/bookings/%lld#messages",
	    (long long)b.id));
}
