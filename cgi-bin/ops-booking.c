/* ops-booking.c: one booking as staff see it, with operations' actions: cancel (refunding what was paid), back to the job board, a staff note, a message as HomeServe support. */
#include "arena.h"
#include "booking-view.h"
#include "booking.h"
#include "catalog.h"
#include "fmt.h"
#include "message.h"
#include "ops-area.h"
#include "ops_booking.h"
#include "panels.h"
#include "web.h"

enum action {
	ACT_CANCEL,
	ACT_RELEASE,
	ACT_NOTE,
	ACT_MESSAGE,
	ACT__MAX
};

static enum booking_result	run_cancel(struct web *, const struct booking *,
				    const char *, const char **);
static enum booking_result	run_release(struct web *,
				    const struct booking *, const char *,
				    const char **);
static enum booking_result	run_note(struct web *, const struct booking *,
				    const char *, const char **);
static enum booking_result	run_message(struct web *,
				    const struct booking *, const char *,
				    const char **);

/*
 * Each action: its one field, the move a refusal is about (with a
 * sentence of its own, or NULL for the state machine's), where the
 * page goes back to, and the domain call, which names the notice.
 */
static const struct {
	struct form_field	 field;
	enum booking_status	 to;
	const char		*refusal;
	const char		*anchor;
	enum booking_result	(*run)(struct web *, const struct booking *,
				    const char *, const char **);
} actions[ACT__MAX] = {
	[ACT_CANCEL] = { { "reason", "Reason", FORM_MULTILINE, FORM_REQUIRED,
	    3, 500 }, BK_CANCELLED, NULL, "", run_cancel },
	[ACT_RELEASE] = { { "reason", "Reason", FORM_MULTILINE, FORM_REQUIRED,
	    3, 500 }, BK_PENDING, "Only an accepted booking can go back to the "
	    "job board.", "", run_release },
	[ACT_NOTE] = { { "body", "Note", FORM_MULTILINE, FORM_REQUIRED, 1,
	    OPS_NOTE_MAX }, BK_PENDING, NULL, "#notes-heading", run_note },
	[ACT_MESSAGE] = { { "body", "Message", FORM_MULTILINE, FORM_REQUIRED, 1,
	    MESSAGE_MAX_CHARS }, BK_PENDING, NULL, "#messages", run_message },
};

/* The notice after a cancellation, by what became of the money. */
static const char *const cancel_notices[] = {
	[OPS_REFUND_NONE] = "cancelled",
	[OPS_REFUND_DONE] = "cancelled-refunded",
	[OPS_REFUND_FAILED] = "cancelled-refund-failed",
};

/* An action's form shown again (its action, or -1) with what was sent. */
struct shown {
	int			 action;
	const struct form	*form;
};

/* The cancel and release forms, for operations managers when the state allows. */
static void
moves_fill(struct web *w, struct tmpl_dict *d, const struct booking *b,
    const struct shown *e)
{
	struct tmpl_dict	*c;
	int64_t			 paise;

	if (w->session.role != ROLE_OPS)
		return;
	if (booking_transition_allowed(b->status, BK_CANCELLED, ROLE_OPS)) {
		c = tmpl_section(d, "can_cancel");
		if (e->action == ACT_CANCEL)
			form_fill(e->form, c);
		if (ops_booking_refundable(w->db, w->arena, b->id, &paise))
			tmpl_set(tmpl_section(c, "refund"), "amount",
			    fmt_money(w->arena, paise));
	}
	if (b->status == BK_ACCEPTED &&
	    booking_transition_allowed(BK_ACCEPTED, BK_PENDING, ROLE_OPS)) {
		c = tmpl_section(d, "can_release");
		if (e->action == ACT_RELEASE)
			form_fill(e->form, c);
	}
}

/* The staff notes, newest first, and the form to add one. */
static void
notes_fill(struct web *w, struct tmpl_dict *d, const struct booking *b,
    const struct shown *e)
{
	struct ops_note		*notes;
	struct tmpl_dict	*list = NULL, *row, *form;
	size_t			 n, i;

	n = ops_booking_notes(w->db, w->arena, b->id, OPS_NOTES_SHOWN, &notes);
	if (n == 0)
		tmpl_show(d, "no_notes");
	else
		list = tmpl_section(d, "notes");
	for (i = 0; i < n; i++) {
		row = tmpl_section(list, "note");
		tmpl_set(row, "author", notes[i].author_name);
		tmpl_set(row, "body", notes[i].body);
		tmpl_set(row, "when", fmt_time(w->arena, notes[i].created_at));
		tmpl_set(row, "when_iso", fmt_time_iso(w->arena,
		    notes[i].created_at));
	}
	form = tmpl_section(d, "note_form");
	tmpl_set(form, "body", "");
	if (e->action == ACT_NOTE)
		form_fill(e->form, form);
}

static void
detail_show(struct web *w, const struct booking *b, int status,
    const struct shown *e)
{
	struct booking_panels	 panels;
	struct tmpl_dict	*d;
	int			 mine = e->action == ACT_MESSAGE;

	d = web_page(w, arena_printf(w->arena, "Booking #%lld", (long long)b->id),
	    "ops_booking.tpl");
	booking_fill(w, d, b);
	/* The category's name today: a booking keeps only its slug. */
	tmpl_set(d, "category_name", catalog_category_name(w->db, w->arena,
	    b->category));
	moves_fill(w, d, b, e);
	notes_fill(w, d, b, e);
	panels = (struct booking_panels){ "/ops/bookings/", arena_printf(
	    w->arena, "/ops/bookings/%lld/messages", (long long)b->id), mine ?
	    e->form->v[0].error : NULL, mine ? form_displayable(w->arena,
	    e->form->v[0].raw) : NULL, NULL };
	booking_panels_fill(w, d, b, &panels);
	web_csrf(w);
	web_render(w, status);
}

/* GET /ops/bookings/{id}: 404 for an unknown booking. */
void
page_ops_booking(struct web *w)
{
	struct booking	b;
	struct shown	e = { -1, NULL };

	if (!booking_get(w->db, w->arena, w->id[0], &b)) {
		web_error(w, 404, "There is no such booking.");
		return;
	}
	detail_show(w, &b, 200, &e);
}

/* --- the actions --------------------------------------------------------- */

static enum booking_result
run_cancel(struct web *w, const struct booking *b, const char *reason,
    const char **notice)
{
	enum booking_result	rc;
	enum ops_refund		refund;
	const char		*why;

	rc = ops_booking_cancel(w->db, w->arena, &w->actor, b->id, reason,
	    &refund, &why);
	*notice = cancel_notices[refund];
	return rc;
}

static enum booking_result
run_release(struct web *w, const struct booking *b, const char *reason,
    const char **notice)
{
	*notice = "released";
	return ops_booking_release(w->db, w->arena, &w->actor, b->id, reason);
}

static enum booking_result
run_note(struct web *w, const struct booking *b, const char *body,
    const char **notice)
{
	*notice = "note-added";
	return ops_booking_note(w->db, w->arena, &w->actor, b->id, body);
}

static enum booking_result
run_message(struct web *w, const struct booking *b, const char *body,
    const char **notice)
{
	*notice = "support-message";
	message_post_support(w->db, w->arena, &w->actor, b, body);
	return BOOKING_OK;
}

/* A refused move: 404, or 409 with why the booking's state does not allow it. */
static void
refused(struct web *w, const struct booking *b, enum action act,
    enum booking_result rc)
{
	if (rc == BOOKING_REFUSED && actions[act].refusal != NULL)
		booking_error(w, 409, arena_printf(w->arena, "%s This one is "
		    "“%s”.", actions[act].refusal,
		    booking_status_label(b->status)), NULL, b->id);
	else
		booking_refused(w, b->status, rc, actions[act].to);
}

/*
 * An action: 404 for an unknown booking, 422 for a missing or bad
 * reason or text (the page again, what was typed kept beside its
 * form), 409 when the booking's state does not allow it, else 303 back
 * to the booking with a notice.
 */
static void
action_run(struct web *w, enum action act)
{
	struct booking		 b;
	struct form		 f;
	struct shown		 e = { (int)act, &f };
	enum booking_result	 rc;
	const char		*notice = NULL;

	if (!booking_get(w->db, w->arena, w->id[0], &b)) {
		web_error(w, 404, "There is no such booking.");
		return;
	}
	if (web_form_read(w, &f, &actions[act].field, 1)) {
		detail_show(w, &b, 422, &e);
		return;
	}
	rc = actions[act].run(w, &b, f.v[0].text, &notice);
	if (rc != BOOKING_OK) {
		refused(w, &b, act, rc);
		return;
	}
	web_redirect(w, arena_printf(w->arena, "/ops/bookings/%lld?notice=%s%s",
	    (long long)b.id, notice, actions[act].anchor));
}

/* POST /ops/bookings/{id}/cancel (reason): pending or accepted; a captured payment is refunded. */
void
page_ops_booking_cancel(struct web *w)
{
	action_run(w, ACT_CANCEL);
}

/* POST /ops/bookings/{id}/release (reason): an accepted booking back on the board. */
void
page_ops_booking_release(struct web *w)
{
	action_run(w, ACT_RELEASE);
}

/* POST /ops/bookings/{id}/notes (body): a note only staff read. */
void
page_ops_booking_note(struct web *w)
{
	action_run(w, ACT_NOTE);
}

/* POST /ops/bookings/{id}/messages (body): in the thread, as HomeServe support. */
void
page_ops_booking_message(struct web *w)
{
	action_run(w, ACT_MESSAGE);
}
