/* vendor-signatures.c: the vendor asks the customer to sign for a completed job. */
#include "arena.h"
#include "signature.h"
#include "signatures.h"
#include "booking-view.h"
#include "web.h"

/* POST /vendor/bookings/{id}/request-signature: 303, 404 or 409 (see signatures.h). */
void
page_vendor_request_signature(struct web *w)
{
	const char	*why = NULL;
	int64_t		 id;

	switch (signature_request(w->db, w->arena, &w->actor, w->id[0], &id,
	    &why)) {
	case SIGNATURE_OK:
		web_redirect(w, arena_printf(w->arena, "/vendor/bookings/%lld"
		    "?notice=signature-requested", (long long)w->id[0]));
		break;
	case SIGNATURE_NOT_FOUND:
		web_error(w, 404, "There is no such job.");
		break;
	default:
		booking_error(w, 409, why, "The job's page shows what it needs "
		    "before the customer can sign.", w->id[0]);
		break;
	}
}
