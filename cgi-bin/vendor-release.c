/* vendor-release.c: a vendor gives an accepted job back to the job board (POST /vendor/bookings/{id}/release); inside the cut-off before the visit it counts as a late cancellation (policy.c). */
#include "arena.h"
#include "booking-view.h"
#include "booking.h"
#include "clock.h"
#include "policy.h"
#include "setting.h"
#include "vendor-area.h"
#include "web.h"

static const struct form_field reason_fields[] = {
	{ "reason", "Reason", FORM_MULTILINE, FORM_REQUIRED, 3, 500 },
};

/* The give-back form on an accepted job's page, warning when it is late. */
void
vendor_release_fill(struct web *w, struct tmpl_dict *d,
    const struct booking *b)
{
	struct tmpl_dict	*r = tmpl_section(d, "can_release");

	if (policy_inside_cutoff(w->db, b, clock_now()))
		tmpl_set_int(tmpl_section(r, "late"), "cutoff",
		    setting(w->db, SET_CUTOFF_HOURS));
}

/*
 * POST reason: 303 to the job board; 404 not their job; 409 not
 * accepted; 422 the job page again without a reason.
 */
void
page_vendor_release(struct web *w)
{
	struct form			f;
	struct vendor_job_errors	e = { 0 };
	enum booking_result		rc;
	int				late;

	if (web_form_read(w, &f, reason_fields, 1)) {
		e.release = f.v[0].error;
		e.release_draft = f.v[0].raw;
		vendor_job_render(w, w->id[0], 422, &e);
		return;
	}
	rc = policy_vendor_release(w->db, w->arena, &w->actor, w->id[0],
	    f.v[0].text, clock_now(), &late);
	if (rc == BOOKING_NOT_FOUND)
		web_error(w, 404, "There is no such job for you.");
	else if (rc != BOOKING_OK)
		booking_error(w, 409, "Only an accepted job that has not "
		    "started can be given back.", "If you cannot finish it, "
		    "message the customer from the job's page or call "
		    "operations.", w->id[0]);
	else
		web_redirect(w, late ? "/vendor/jobs?notice=released-late" :
		    "/vendor/jobs?notice=released-vendor");
}
