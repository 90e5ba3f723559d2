/* disputes.c: the dispute panel on the customer's, vendor's and staff booking pages. */
#include <string.h>

#include "arena.h"
#include "booking.h"
#include "dispute.h"
#include "disputes.h"
#include "fmt.h"
#include "web.h"

/* The panel's headline: open, answered, or settled. */
static const char *
dispute_state(const struct dispute *d, const char **label)
{
	if (d->resolved)
		return *label = "Settled", "resolved";
	return *label = "Open", "disputed";
}

static void
resolved_fill(struct web *w, struct tmpl_dict *s, const struct dispute *d,
    const char *link_prefix)
{
	struct tmpl_dict	*r = tmpl_section(s, "resolved");

	tmpl_set(r, "outcome_label", dispute_outcome_label(d->outcome));
	if (d->refund_paise > 0)
		tmpl_set(tmpl_section(r, "refunded"), "refund",
		    fmt_money(w->arena, d->refund_paise));
	tmpl_set(r, "resolved", fmt_time(w->arena, d->resolved_at));
	tmpl_set(r, "resolved_iso", fmt_time_iso(w->arena, d->resolved_at));
	tmpl_set(r, "note", d->note);
	if (d->redo_booking_id != 0) {
		struct tmpl_dict	*x = tmpl_section(r, "redo");

		tmpl_set_int(x, "redo_id", d->redo_booking_id);
		tmpl_setf(x, "redo_url", "%s%lld", link_prefix,
		    (long long)d->redo_booking_id);
	}
}

void
dispute_panel_fill(struct web *w, struct tmpl_dict *d, const struct booking *b,
    const char *link_prefix, const struct dispute_answer *answer)
{
	struct dispute		 x;
	struct tmpl_dict	*s;
	const char		*label;

	if (!dispute_get(w->db, w->arena, b->id, &x))
		return;
	s = tmpl_section(d, "dispute");
	tmpl_set_int(s, "id", b->id);
	tmpl_set(s, "state", dispute_state(&x, &label));
	tmpl_set(s, "state_label", label);
	tmpl_set(s, "opened", fmt_time(w->arena, x.opened_at));
	tmpl_set(s, "opened_iso", fmt_time_iso(w->arena, x.opened_at));
	tmpl_set(s, "reason", x.reason);
	if (x.responded_at != 0) {
		struct tmpl_dict	*r = tmpl_section(s, "answered");

		tmpl_set(r, "response", x.response);
		tmpl_set(r, "responded", fmt_time(w->arena, x.responded_at));
		tmpl_set(r, "responded_iso", fmt_time_iso(w->arena,
		    x.responded_at));
	} else
		tmpl_show(s, "unanswered");
	if (answer != NULL && x.responded_at == 0 && !x.resolved &&
	    b->vendor_id == w->session.user_id) {
		struct tmpl_dict	*f = tmpl_section(s, "can_answer");

		tmpl_set(f, "draft", answer->draft != NULL ? answer->draft : "");
		if (answer->error != NULL)
			tmpl_set(tmpl_section(f, "answer_error"), "message",
			    answer->error);
	}
	if (x.resolved)
		resolved_fill(w, s, &x, link_prefix);
	else
		tmpl_show(s, "waiting");
}
