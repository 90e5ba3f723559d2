/* ops-bookings.c: staff watch every booking: list by status, read one, cancel with a reason. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "booking-view.h"
#include "booking.h"
#include "disputes.h"
#include "catalog.h"
#include "payments.h"
#include "photos.h"
#include "signatures.h"
#include "ops-area.h"
#include "web.h"

static const struct form_field reason_fields[] = {
	{ "reason", "Reason", FORM_MULTILINE, FORM_REQUIRED, 3, 500 },
};

/* ?status= must name a status, or be empty for all: else -2. */
static int
status_read(struct web *w)
{
	const char	*s = web_query(w, "status");
	int		 i;

	if (s == NULL || *s == '\0')
		return -1;
	for (i = 0; i < BK__MAX; i++)
		if (strcmp(s, booking_status_name((enum booking_status)i)) == 0)
			return i;
	return -2;
}

/* /ops/bookings?status=&before=: newest first, 50 a page; 400 on bad filters. */
void
page_ops_bookings(struct web *w)
{
	static const struct form_field	 fields[] = {
		{ "before", "Page", FORM_INT, 0, 1, INT64_MAX / 2 },
	};
	struct form			 f;
	struct booking_line		*list;
	struct tmpl_dict		*d, *opt;
	int				 status = status_read(w), i;
	size_t				 n, k;

	form_init(&f, w->arena, fields, 1);
	if (form_read(&f, &w->req.query) || status == -2) {
		web_error(w, 400, status == -2 ? "Choose a status from the "
		    "list." : f.v[0].error);
		return;
	}
	d = web_page(w, "Bookings", "ops_bookings.tpl");
	for (i = 0; i < BK__MAX; i++) {
		opt = tmpl_section(d, "status_option");
		tmpl_set(opt, "value", booking_status_name((enum booking_status)i));
		tmpl_set(opt, "label", booking_status_label((enum booking_status)i));
		if (i == status)
			tmpl_show(opt, "selected");
	}
	if (status >= 0)
		tmpl_set(d, "status", booking_status_name((enum booking_status)status));
	n = booking_list_all(w->db, w->arena, status, f.v[0].num, 51, &list);
	for (k = 0; k < n && k < 50; k++)
		booking_row_fill(w, d, &list[k]);
	if (n == 0)
		tmpl_show(d, "none");
	if (n > 50)
		tmpl_set_int(tmpl_section(d, "older"), "before", list[49].id);
	web_render(w, 200);
}

static void
detail_show(struct web *w, const struct booking *b, int status,
    const char *reason_error, const char *reason)
{
	struct tmpl_dict	*d, *c;

	d = web_page(w, arena_printf(w->arena, "Booking #%lld", (long long)b->id),
	    "ops_booking.tpl");
	booking_fill(w, d, b);
	/* The category's name today: a booking keeps only its slug. */
	tmpl_set(d, "category_name", catalog_category_name(w->db, w->arena,
	    b->category));
	if (booking_transition_allowed(b->status, BK_CANCELLED, ROLE_OPS) &&
	    w->session.role == ROLE_OPS) {
		c = tmpl_section(d, "can_cancel");
		tmpl_set(c, "reason", reason != NULL ? reason : "");
		if (reason_error != NULL)
			tmpl_set(tmpl_section(c, "reason_error"), "message",
			    reason_error);
	}
	signature_fill(w, tmpl_include(d, "signature",
	    "booking_signature.tpl"), b->id);
	dispute_panel_fill(w, tmpl_include(d, "dispute",
	    "booking_dispute.tpl"), b, "/ops/bookings/", NULL);
	payment_fill(w, tmpl_include(d, "payment", "booking_payment.tpl"),
	    b->id);
	photos_fill(w, tmpl_include(d, "photos", "booking_photos.tpl"),
	    b->id);
	booking_timeline_fill(w, tmpl_include(d, "timeline",
	    "booking_timeline.tpl"), b->id);
	booking_thread_fill(w, tmpl_include(d, "thread", "booking_thread.tpl"),
	    b, NULL, NULL, NULL);
	web_csrf(w);
	web_render(w, status);
}

void
page_ops_booking(struct web *w)
{
	struct booking	b;

	if (!booking_get(w->db, w->arena, w->id[0], &b)) {
		web_error(w, 404, "There is no such booking.");
		return;
	}
	detail_show(w, &b, 200, NULL, NULL);
}

/* Operations managers cancel pending or accepted bookings, with a reason. */
void
page_ops_booking_cancel(struct web *w)
{
	struct booking		b;
	struct form		f;
	enum booking_result	rc;

	if (!booking_get(w->db, w->arena, w->id[0], &b)) {
		web_error(w, 404, "There is no such booking.");
		return;
	}
	if (web_form_read(w, &f, reason_fields, 1)) {
		detail_show(w, &b, 422, f.v[0].error, f.v[0].raw);
		return;
	}
	rc = booking_cancel(w->db, w->arena, &w->actor, ROLE_OPS, b.id,
	    f.v[0].text);
	if (rc != BOOKING_OK) {
		booking_refused(w, b.status, rc, BK_CANCELLED);
		return;
	}
	web_redirect(w, arena_printf(w->arena,
	    "/ops/bookings/%lld?notice=cancelled", (long long)b.id));
}
