/* panels.c: one function fills every booking page's panels, so the customer's, the vendor's and the staff's pages cannot drift apart. */
#include "booking-view.h"
#include "booking.h"
#include "disputes.h"
#include "panels.h"
#include "payments.h"
#include "photos.h"
#include "signatures.h"
#include "web.h"

void
booking_panels_fill(struct web *w, struct tmpl_dict *d, const struct booking *b,
    const struct booking_panels *p)
{
	signature_fill(w, tmpl_include(d, "signature", "booking_signature.tpl"),
	    b->id);
	dispute_panel_fill(w, tmpl_include(d, "dispute", "booking_dispute.tpl"),
	    b, p->link_prefix, p->answer);
	payment_fill(w, tmpl_include(d, "payment", "booking_payment.tpl"), b);
	photos_fill(w, tmpl_include(d, "photos", "booking_photos.tpl"), b->id);
	booking_timeline_fill(w, tmpl_include(d, "timeline",
	    "booking_timeline.tpl"), b->id);
	booking_thread_fill(w, tmpl_include(d, "thread", "booking_thread.tpl"),
	    b, p->thread_action, p->thread_error, p->thread_draft);
}
