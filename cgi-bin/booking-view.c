/* booking-view.c: fill templates with a booking, its timeline and its message thread. */
#include <stdio.h>

#include "arena.h"
#include "booking-view.h"
#include "faces.h"
#include "booking.h"
#include "booking_label.h"
#include "fmt.h"
#include "message.h"
#include "web.h"

/*
 * Refusals as people read them, the status each answers with, what to
 * do next (shown under the refusal) and where the way back goes: the
 * booking's page with the anchor ("" for its top), or a page of its own
 * (elsewhere, with its words) when the booking is no longer the reader's
 * to open.
 */
static const struct {
	enum booking_result	 rc;
	int			 status;
	const char		*text;
	const char		*next;
	const char		*anchor;
	const char		*elsewhere;
	const char		*elsewhere_label;
} results[] = {
	{ BOOKING_NOT_FOUND, 404, "There is no such booking.", NULL, NULL,
	    NULL, NULL },
	{ BOOKING_REFUSED, 409, "This booking cannot do that now.",
	    "Its page shows its status now and what can be done.", "", NULL,
	    NULL },
	{ BOOKING_TAKEN, 409, "Another vendor has already taken this job.",
	    "Other jobs are waiting on the job board.", NULL, "/vendor/jobs",
	    "Back to the job board" },
	{ BOOKING_OVERLAP, 409, "You already hold a job at that time (jobs "
	    "need their duration plus 30 minutes between them).",
	    "Your calendar shows the jobs you hold.", NULL,
	    "/vendor/calendar", "Open your calendar" },
	{ BOOKING_NOT_ELIGIBLE, 403, "You do not serve this category and "
	    "pincode, or your profile is not verified yet.",
	    "Your profile lists the categories and pincodes you serve.", NULL,
	    "/vendor/profile", "Open your profile" },
	{ BOOKING_WRONG_CODE, 422, "That start code is wrong.",
	    "Ask the customer for the code again and enter it on the job's "
	    "page.", "", NULL, NULL },
	{ BOOKING_LOCKED, 423, "Starting this job is locked after 5 wrong "
	    "codes. The operations team has been told and will contact you.",
	    NULL, "", NULL, NULL },
	{ BOOKING_NEED_PHOTOS, 409, "Add at least one before photo and one "
	    "after photo before completing the job.",
	    "Add before and after photos first, on the job's page; then "
	    "complete the job.", "#photos-heading", NULL, NULL },
	{ BOOKING_TOO_EARLY, 409, "It is too early to start this job.",
	    "The job's page says from when it can start.", "", NULL, NULL },
	{ BOOKING_TOO_MANY_PENDING, 422, "You have too many bookings waiting "
	    "for a professional.", NULL, NULL, NULL, NULL },
	{ BOOKING_TOO_MANY_TODAY, 429, "You have made too many bookings "
	    "today.", NULL, NULL, NULL, NULL },
};

/* The row of results for a result code, or the table's length. */
static size_t
result_row(int rc)
{
	size_t	i;

	for (i = 0; i < sizeof(results) / sizeof(results[0]); i++)
		if (results[i].rc == (enum booking_result)rc)
			break;
	return i;
}

const char *
booking_result_text(int rc)
{
	size_t	i = result_row(rc);

	return i < sizeof(results) / sizeof(results[0]) ? results[i].text :
	    "This booking cannot do that now.";
}

int
booking_result_status(int rc)
{
	size_t	i = result_row(rc);

	return i < sizeof(results) / sizeof(results[0]) ? results[i].status :
	    409;
}

/*
 * Answer a refused move on the booking of the route's {id}: 409 with
 * the state machine's sentence, or the refusal's own status and text;
 * either way with what to do next and a link back to the booking.
 */
void
booking_refused(struct web *w, enum booking_status from, int rc,
    enum booking_status to)
{
	size_t		 i = result_row(rc);
	const char	*next = NULL, *back = NULL, *label;

	label = arena_printf(w->arena, "Back to booking #%lld",
	    (long long)w->id[0]);
	if (i < sizeof(results) / sizeof(results[0])) {
		next = results[i].next;
		if (results[i].elsewhere != NULL) {
			back = results[i].elsewhere;
			label = results[i].elsewhere_label;
		} else if (results[i].anchor != NULL && w->id[0] > 0)
			back = arena_printf(w->arena, "%s%s",
			    booking_url(w, w->id[0]), results[i].anchor);
	}
	web_error_back(w, booking_result_status(rc), rc == BOOKING_REFUSED ?
	    booking_refusal(from, to) : booking_result_text(rc), next, back,
	    label);
}

/*
 * An error page for an action refused on a booking: the sentence, what
 * to do next (or NULL) and a link back to the booking's page for whoever
 * reads it.
 */
void
booking_error(struct web *w, int status, const char *message,
    const char *next_step, int64_t booking_id)
{
	web_error_back(w, status, message, next_step,
	    booking_url(w, booking_id), arena_printf(w->arena,
	    "Back to booking #%lld", (long long)booking_id));
}

/* A status in the words for whoever reads the page (booking_label.c). */
const char *
booking_label(const struct web *w, enum booking_status s)
{
	return booking_status_label_for(s,
	    booking_audience_of(w->session.role));
}

/* The fields every view of a booking shows. */
void
booking_fill(struct web *w, struct tmpl_dict *d, const struct booking *b)
{
	tmpl_set_int(d, "id", b->id);
	tmpl_set_int(d, "service_id", b->service_id);
	tmpl_set(d, "service", b->service_name);
	tmpl_set(d, "status", booking_status_name(b->status));
	tmpl_set(d, "status_label", booking_label(w, b->status));
	tmpl_set(d, "when", fmt_time(w->arena, b->scheduled_at));
	tmpl_set(d, "when_iso", fmt_time_iso(w->arena, b->scheduled_at));
	tmpl_set_int(d, "duration", b->duration_minutes);
	tmpl_set(d, "price", fmt_money(w->arena, b->price_paise));
	tmpl_set(d, "address", b->address);
	tmpl_set(d, "pincode", b->pincode);
	tmpl_set(d, "notes", b->notes);
	tmpl_set(d, "customer", b->customer_name);
	if (b->notes[0] != '\0')
		tmpl_show(d, "has_notes");
	if (b->vendor_id) {
		struct tmpl_dict	*v = tmpl_section(d, "vendor");

		tmpl_set_int(v, "vendor_id", b->vendor_id);
		tmpl_set(v, "vendor_name", b->vendor_name);
		faces_fill(w, v, b->vendor_id, 1);	/* photo, rating, jobs */
	} else
		tmpl_show(d, "no_vendor");
}

/*
 * One row of a list of bookings: only what lists show (a page of rows
 * spends most of its time setting values).  The names are set only
 * when the list read them: a customer's own list has neither.
 */
void
booking_row_fill(struct web *w, struct tmpl_dict *d,
    const struct booking_line *l)
{
	struct tmpl_dict	*row = tmpl_section(d, "booking");

	tmpl_set_int(row, "id", l->id);
	tmpl_set(row, "service", l->service_name);
	tmpl_set(row, "status", booking_status_name(l->status));
	tmpl_set(row, "status_label", booking_label(w, l->status));
	tmpl_set(row, "when", fmt_time(w->arena, l->scheduled_at));
	tmpl_set(row, "when_iso", fmt_time_iso(w->arena, l->scheduled_at));
	tmpl_set(row, "price", fmt_money(w->arena, l->price_paise));
	if (l->customer_name != NULL) {
		tmpl_set(row, "customer", l->customer_name);
		tmpl_set(row, "vendor", l->vendor_name != NULL ?
		    l->vendor_name : "—");
	}
}

void
booking_timeline_fill(struct web *w, struct tmpl_dict *d, int64_t id)
{
	struct booking_event	*e;
	struct tmpl_dict	*row;
	size_t			 n, i;

	n = booking_events(w->db, w->arena, id, &e);
	for (i = 0; i < n; i++) {
		row = tmpl_section(d, "event");
		/* A move in time keeps the state (booking_reschedule_write). */
		tmpl_set(row, "label", e[i].has_from && e[i].from == e[i].to ?
		    "Rescheduled" : booking_label(w, e[i].to));
		tmpl_set(row, "by", e[i].actor_name != NULL ? e[i].actor_name :
		    "HomeServe");
		tmpl_set(row, "when", fmt_time(w->arena, e[i].at));
		tmpl_set(row, "when_iso", fmt_time_iso(w->arena, e[i].at));
		if (e[i].note[0] != '\0')
			tmpl_set(tmpl_section(row, "note"), "text", e[i].note);
	}
}

/*
 * Who wrote a message, as this viewer reads it: staff who write as
 * support are "HomeServe support" to the customer and the vendor, and
 * named on staff pages.
 */
static const char *
sender_shown(struct web *w, const struct message *m)
{
	if (!m->from_support)
		return m->sender_name;
	if (w->session.role & (ROLE_STAFF | ROLE_ADMIN))
		return arena_printf(w->arena, "HomeServe support (%s)",
		    m->sender_name);
	return "HomeServe support";
}

/*
 * The thread, oldest first, and the form to write (when action is not
 * NULL: the booking's two parties write once a vendor is there, staff
 * at any time, as HomeServe support).
 */
void
booking_thread_fill(struct web *w, struct tmpl_dict *d, const struct booking *b,
    const char *action, const char *error, const char *draft)
{
	struct message		*m;
	struct tmpl_dict	*row, *form;
	size_t			 n, i;
	int			 staff = (w->session.role &
				    (ROLE_STAFF | ROLE_ADMIN)) != 0;

	n = message_list(w->db, w->arena, b->id, &m);
	for (i = 0; i < n; i++) {
		row = tmpl_section(d, "message");
		tmpl_set(row, "from", sender_shown(w, &m[i]));
		tmpl_set(row, "body", m[i].body);
		tmpl_set(row, "when", fmt_time(w->arena, m[i].created_at));
		tmpl_set(row, "when_iso", fmt_time_iso(w->arena, m[i].created_at));
		if (m[i].sender_id == w->session.user_id)
			tmpl_show(row, "mine");
	}
	if (n == 0)
		tmpl_show(d, "no_messages");
	if (action == NULL || (b->vendor_id == 0 && !staff))
		return;
	form = tmpl_section(d, "message_form");
	tmpl_set(form, "action", action);
	tmpl_set(form, "label", staff ? "Write as HomeServe support: the "
	    "customer and the vendor read it" : "Write a message");
	tmpl_set(form, "body", draft != NULL ? draft : "");
	if (error != NULL)
		tmpl_set(tmpl_section(form, "body_error"), "message", error);
}

/* Where this viewer reads a booking: each role has its own page. */
const char *
booking_url(struct web *w, int64_t id)
{
	switch (w->session.role) {
	case ROLE_CUSTOMER:
		return arena_printf(w->arena, "/bookings/%lld", (long long)id);
	case ROLE_VENDOR:
		return arena_printf(w->arena, "/vendor/bookings/%lld",
		    (long long)id);
	default:
		return arena_printf(w->arena, "/ops/bookings/%lld",
		    (long long)id);
	}
}
