/* booking-choice.c: choosing a professional on the booking form (the verified ones serving the pincode, best rated first) and "Book again" with the same one. */
#include <string.h>
#include <time.h>

#include "address.h"
#include "arena.h"
#include "booking-choice.h"
#include "booking-view.h"
#include "booking.h"
#include "catalog.h"
#include "clock.h"
#include "faces.h"
#include "fmt.h"
#include "vendor_choice.h"
#include "picture.h"
#include "web.h"

/* "8 years of experience", or "on HomeServe since March 2026". */
static const char *
choice_experience(struct web *w, const struct vendor_choice *v)
{
	time_t		t = (time_t)v->since;
	struct tm	tm;
	char		month[40];

	if (v->experience_years > 0)
		return arena_printf(w->arena, "%lld year%s of experience",
		    (long long)v->experience_years,
		    v->experience_years == 1 ? "" : "s");
	localtime_r(&t, &tm);
	strftime(month, sizeof(month), "%B %Y", &tm);
	return arena_printf(w->arena, "on HomeServe since %s", month);
}

static void
choice_row(struct web *w, struct tmpl_dict *row, const struct vendor_choice *v)
{
	struct tmpl_dict	*r;

	tmpl_set_int(row, "id", v->user_id);
	tmpl_set(row, "name", v->name);
	if (v->photo[0] != '\0') {
		r = tmpl_section(row, "photo");
		tmpl_set(r, "src", picture_url(w->arena, v->photo, 1));
		tmpl_set_int(r, "width", v->photo_width);
		tmpl_set_int(r, "height", v->photo_height);
	}
	faces_record_fill(w, row, &v->rating, v->jobs_done);
	tmpl_set(row, "experience", choice_experience(w, v));
}

/*
 * The booking form's choice of professional for the service in the
 * pincode: "Any available professional" first, checked unless the
 * chosen one is listed.  A chosen one who no longer serves there is
 * said so (unless the form already says it: refused).
 */
void
choice_fill(struct web *w, struct tmpl_dict *d, const struct service *s,
    const char *pincode, int64_t chosen, int refused)
{
	struct vendor_choice	*list;
	struct tmpl_dict	*c = tmpl_section(d, "choice"), *row;
	size_t			 n = 0, i;
	int			 found = 0;

	if (pincode[0] != '\0')
		n = vendor_choice_list(w->db, w->arena, s->category, pincode,
		    VENDOR_CHOICE_MAX, &list);
	else
		tmpl_show(c, "no_pincode");
	for (i = 0; i < n; i++) {
		row = tmpl_section(c, "vendor");
		choice_row(w, row, &list[i]);
		if (list[i].user_id == chosen) {
			tmpl_show(row, "checked");
			found = 1;
		}
	}
	if (!found)
		tmpl_show(c, "any_checked");
	if (pincode[0] != '\0' && n == 0)
		tmpl_set(tmpl_section(c, "nobody"), "pincode", pincode);
	if (chosen != 0 && !found && !refused && pincode[0] != '\0') {
		row = tmpl_section(c, "gone");
		tmpl_set(row, "category", s->category_name);
		tmpl_set(row, "pincode", pincode);
	}
}

/*
 * On the customer's booking page: while the chosen vendor has it alone,
 * who and until when (then every professional may take it).
 */
void
choice_offer_fill(struct web *w, struct tmpl_dict *d, const struct booking *b)
{
	const char	*name;

	if (b->status != BK_PENDING || b->offered_to == 0 ||
	    b->offered_until <= clock_now() ||
	    (name = vendor_choice_name(w->db, w->arena, b->offered_to)) == NULL)
		return;
	d = tmpl_section(d, "offered");
	tmpl_set(d, "name", name);
	tmpl_set(d, "until", fmt_time(w->arena, b->offered_until));
}

/* A finished job with a professional: what "Book again" repeats. */
int
choice_rebookable(const struct booking *b)
{
	return b->vendor_id != 0 && (b->status == BK_SIGNED ||
	    b->status == BK_PAID || b->status == BK_RESOLVED);
}

/* The booking's address as the form's query: a saved one by id. */
static const char *
rebook_address(struct web *w, const struct booking *b)
{
	struct address	*list;
	size_t		 n, i;

	n = address_list(w->db, w->arena, w->session.user_id, &list);
	for (i = 0; i < n; i++)
		if (strcmp(list[i].address, b->address) == 0 &&
		    strcmp(list[i].pincode, b->pincode) == 0)
			return arena_printf(w->arena, "address_id=%lld",
			    (long long)list[i].id);
	return arena_printf(w->arena, "address=%s&pincode=%s",
	    http_urlencode(w->arena, b->address), b->pincode);
}

/*
 * POST /bookings/{id}/rebook: "Book again" starts a new booking with
 * the same service, address and professional: 303 to the booking form
 * filled in with them, where the customer picks a time and confirms.
 * Another customer's booking: 404; one not finished or without a
 * professional: 409.
 */
void
page_booking_rebook(struct web *w)
{
	struct booking	b;

	if (!booking_get(w->db, w->arena, w->id[0], &b) ||
	    b.customer_id != w->session.user_id) {
		web_error(w, 404, "There is no such booking in your account.");
		return;
	}
	if (!choice_rebookable(&b)) {
		booking_error(w, 409, "Only a finished job, signed for, can "
		    "be booked again with the same professional.", "You can "
		    "book the same service with any professional from the "
		    "catalogue.", b.id);
		return;
	}
	web_redirect(w, arena_printf(w->arena, "/bookings/new?service_id=%lld"
	    "&vendor_id=%lld&%s", (long long)b.service_id,
	    (long long)b.vendor_id, rebook_address(w, &b)));
}
