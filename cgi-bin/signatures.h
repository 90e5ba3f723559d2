/* signatures.h: the satisfaction signature on the web: sign or reject, the record and its checks, the vendor's request. */
#ifndef HS_SIGNATURES_H
#define HS_SIGNATURES_H

#include <stdint.h>

struct tmpl_dict;
struct web;

/*
 * Booking area (paysign.c, "Check the work and pay"):
 *
 * GET|POST /signatures/{id}/sign (customer): the booking's summary,
 *   its photos, the amount and the form: satisfaction_rating (radio
 *   buttons, 1-5), comments (at most 1000 characters) and, when no
 *   payment is held yet, the test gateway's method (card, upi) with
 *   name, card_number, expiry, cvv or upi_id.  Authorises, then signs
 *   and captures together (settle_sign).  303 to
 *   /bookings/{booking}?notice=signed-paid (notice=signed for a visit
 *   with nothing to pay); 404 not the customer's; 409 signed, rejected,
 *   expired or past the deadline, or the payment cancelled; 422 the
 *   form again with its input (never the CVV) and every message; 402
 *   declined, or no payment sent or held (nothing signed); 503 the
 *   gateway did not answer (nothing signed).
 * POST /signatures/{id}/reject (customer): reason (required, at most
 *   1000).  303 to /bookings/{booking}?notice=disputed; 404; 409; 422
 *   the page again with the reason's message.
 *
 * Booking area (signatures.c):
 *
 * GET /signatures/{id} (the booking's customer and vendor, staff,
 *   admin; anyone else 404): the record and whether its SHA-256 and
 *   Ed25519 checks pass, the downloads and the openssl command.
 * GET /signatures/{id}/record.txt: the canonical text (signature.h),
 *   text/plain; 404 for those who may not see it or before signing.
 * GET /signatures/{id}/record.sig: the 64 raw Ed25519 bytes,
 *   application/octet-stream; 404 likewise.
 * GET /signatures/public-key.pem (public): the platform's public key.
 */
void	page_signature_sign(struct web *);
void	page_signature_reject(struct web *);
void	page_signature_view(struct web *);
void	page_signature_record_txt(struct web *);
void	page_signature_record_sig(struct web *);
void	page_signature_public_key(struct web *);

/*
 * Vendor area (vendor-signatures.c):
 * POST /vendor/bookings/{id}/request-signature (vendor): 303 to
 *   /vendor/bookings/{id}?notice=signature-requested; 404 not the
 *   vendor's job; 409 the job is not completed, with the sentence.
 */
void	page_vendor_request_signature(struct web *);

/*
 * For any page showing a booking (in signatures.c, linked into the
 * booking, vendor and ops areas).  If the booking has a signature
 * record, adds one "signature" section to d; otherwise adds nothing.
 * templates/booking_signature.tpl renders it, so a booking page does
 *
 *	signature_fill(w, tmpl_include(d, "signature",
 *	    "booking_signature.tpl"), b.id);
 *
 * and puts {{>signature}} where it belongs.  The caller has checked
 * that the viewer may see the booking.  Inside {{#signature}}:
 *
 *	{{id}}			the signature's id
 *	{{status}}		requested | signed | rejected | expired
 *	{{status_label}}	"Waiting for the customer's signature", ...
 *	{{view_url}}		"/signatures/{id}": the record and its checks
 *	{{deadline}}		expires_at in local time ("23 Nov 2026, 4:30 pm")
 *	{{deadline_iso}}	the same for <time datetime>
 *	{{#requested}}		still waiting (even if the deadline passed
 *				and the expiry timer has not run yet)
 *	{{#can_sign}}		the viewer is the customer and it is open;
 *	  {{sign_url}}		holds "/signatures/{id}/sign"
 *	{{#signed}}		signed, holding:
 *	  {{signed_at}} {{signed_at_iso}}  when
 *	  {{rating}}		1 to 5
 *	  {{rating_text}}	"4 out of 5"
 *	  {{comments}}		may be ""; {{#has_comments}} when not
 *	{{#rejected}}		rejected, holding {{reason}}
 *	{{#expired}}		expired unsigned
 */
void	signature_fill(struct web *, struct tmpl_dict *, int64_t booking_id);

#endif
