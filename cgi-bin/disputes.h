/* disputes.h: a dispute on the web: the panel on every booking page, the vendor's answer, the operations console's list, evidence and decision. */
#ifndef HS_DISPUTES_H
#define HS_DISPUTES_H

#include <stdint.h>

struct booking;
struct tmpl_dict;
struct web;

/*
 * For any page showing a booking (disputes.c, linked into the booking,
 * vendor and ops areas), like signature_fill:
 *
 *	dispute_panel_fill(w, tmpl_include(d, "dispute",
 *	    "booking_dispute.tpl"), &b, "/vendor/bookings/", NULL);
 *
 * and {{>dispute}} in the page.  Adds nothing when the booking was never
 * disputed.  link_prefix makes the follow-up visit's link for this
 * viewer; answer (vendor pages) carries a refused answer's message and
 * draft, and shows the form when the viewer is the vendor and may
 * still answer.  The caller has checked that the viewer may see the
 * booking.
 */
struct dispute_answer {
	const char	*error;
	const char	*draft;
};
void	dispute_panel_fill(struct web *, struct tmpl_dict *,
	    const struct booking *, const char *link_prefix,
	    const struct dispute_answer *);

/*
 * POST /vendor/bookings/{id}/dispute-response (vendor; multipart: body,
 * optional image): 303 to the job page; 404 not the vendor's job; 409
 * not disputed, answered already or settled; 422 the job page again
 * with the message beside the form and the draft kept (no text, a
 * photo that is not JPEG/PNG/WebP or too large).
 */
void	page_vendor_dispute_response(struct web *);

/*
 * Ops area (ops-disputes.c): GET /ops/disputes (open, oldest first),
 * GET /ops/disputes/{booking} (the evidence and the decision form),
 * POST /ops/disputes/{booking}/resolve: outcome (release, refund_full,
 * refund_partial, redo), amount (rupees, for refund_partial), note;
 * for redo, optionally when (datetime-local) and redo_vendor (same or
 * board).  303 to the evidence page; 409 settled already or not
 * disputed; 422 the page again with the input and the message.
 */
void	page_ops_disputes(struct web *);
void	page_ops_dispute(struct web *);
void	page_ops_dispute_resolve(struct web *);

#endif
