/* panels.h: the panels every booking page shows (signature, dispute, payment, photos, timeline, thread), assembled by one function for the customer's, the vendor's and the staff's pages. */
#ifndef HS_PANELS_H
#define HS_PANELS_H

struct booking;
struct dispute_answer;
struct tmpl_dict;
struct web;

/*
 * What differs between the pages: where links to a booking go for this
 * viewer ("/bookings/", "/vendor/bookings/", "/ops/bookings/"), where
 * the thread's form posts (NULL: read only) with a refused message's
 * problem and draft, and the vendor's dispute answer form (NULL: none).
 */
struct booking_panels {
	const char			*link_prefix;
	const char			*thread_action;
	const char			*thread_error;
	const char			*thread_draft;
	const struct dispute_answer	*answer;
};

/*
 * The booking, already loaded and checked visible to this viewer, into
 * d's sub-templates {{>signature}} {{>dispute}} {{>payment}}
 * {{>photos}} {{>timeline}} {{>thread}}; a page places them.
 */
void	booking_panels_fill(struct web *, struct tmpl_dict *,
	    const struct booking *, const struct booking_panels *);

#endif
