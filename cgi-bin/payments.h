/* payments.h: payments on the web: the customer's pay page and receipt, the payment panel on booking pages, the ops and vendor money pages. */
#ifndef HS_PAYMENTS_H
#define HS_PAYMENTS_H

#include <stdint.h>

struct payment;
struct tmpl_dict;
struct web;

/*
 * Booking area (booking-payments.c):
 *
 * GET|POST /payments/{id}/pay (the payment's customer; anyone else
 *   404): the test gateway's card form: card_number, expiry (MM/YY),
 *   cvv, name.  The amount is the payment's, never the form's.  303 to
 *   /bookings/{booking}?notice=payment-authorized (or ?notice=paid when
 *   the booking was already signed and the capture went through); 409
 *   when the payment is not waiting for one (paying twice); 422 the
 *   form again (name and expiry kept, never the card number or the CVV)
 *   with the field's message, or with the gateway's sentence for a
 *   declined card (the payment becomes 'failed'; the customer may try
 *   again); 503 when the gateway is not available.  With the stripe
 *   gateway the page hands over to payments_stripe_checkout.
 * GET /payments/{id}/receipt (the customer, operations managers, the
 *   super admin): the printable receipt; 404 before capture.
 */
void	page_payment_pay(struct web *);
void	page_payment_receipt(struct web *);

/*
 * The stripe gateway's half of /payments/{id}/pay (payments-stripe.c):
 * send the customer to a Checkout Session for p, or answer an error
 * page.  page_payment_pay calls it after the ownership check, for GET
 * and POST alike.
 */
void	payments_stripe_checkout(struct web *, const struct payment *p);

/*
 * For any page showing a booking (payments.c, linked into the booking,
 * vendor and ops areas), like signature_fill:
 *
 *	payment_fill(w, tmpl_include(d, "payment", "booking_payment.tpl"),
 *	    &b);
 *
 * and {{>payment}} in the page.  The caller has checked that the
 * viewer may see the booking.  The customer gets "Pay now" while the
 * payment waits and the receipt once it is captured; the vendor the
 * status and their earning; staff the gateway's last error and, for
 * operations managers, the capture, refund, cancel and manual payment
 * forms (a disputed booking's money moves only by the dispute's
 * decision, so it links there instead of offering a capture).
 */
struct booking;
void	payment_fill(struct web *, struct tmpl_dict *, const struct booking *);

/* Where a held payment is: "held on your Visa ending 4242", "held through UPI (su•••@upi)". */
const char *payment_held_text(struct web *, const struct payment *);

/* How it was paid: "Visa ending 4242", "UPI, reference 123", "Cash". */
const char *payment_paid_with(struct web *, const struct payment *);

/*
 * Ops area (ops-payments.c); lists for operations managers and the
 * super admin, actions for operations managers only:
 *
 * GET /ops/payments?status=&from=&to=&before=: newest first, 50 a
 *   page, with each payment's last gateway error; from and to are
 *   dates (YYYY-MM-DD, India time, both included); 400 on bad filters.
 * POST /ops/payments/{id}/capture: 303 to the booking; 404; 409 not
 *   capturable now; 503 (or 422 declined) the gateway failed: the
 *   payment stays authorised with the error shown.
 * POST /ops/payments/{id}/refund (amount in rupees, reason): 303; 404;
 *   409 not captured; 422 above what is left, no reason; 503.
 * POST /ops/payments/{id}/cancel (reason): 303; 404; 409; 422; 503.
 * POST /ops/bookings/{id}/manual-payment (method, amount, reference):
 *   303; 404; 409 already paid or a card authorised; 422 a wrong
 *   amount (not the booking's price), method or reference.
 * GET /ops/payouts: pending payouts per vendor and month, and the
 *   latest paid ones.
 * POST /ops/payouts/{id}/paid (reference): 303; 404; 409 already paid;
 *   422 no reference.
 */
void	page_ops_payments(struct web *);
void	page_ops_payment_capture(struct web *);
void	page_ops_payment_refund(struct web *);
void	page_ops_payment_cancel(struct web *);
void	page_ops_manual_payment(struct web *);
void	page_ops_payouts(struct web *);
void	page_ops_payout_paid(struct web *);

/*
 * Vendor area (vendor-earnings.c):
 * GET /vendor/earnings: by month, gross, commission and net, with
 *   what is paid out and what is pending; the latest earnings and
 *   payouts.
 */
void	page_vendor_earnings(struct web *);

/* Shared by the payment pages (payments.c). */
const char	*payment_url(struct web *, int64_t, const char *tail);
int		 payment_waiting(const struct payment *);
const char	*payment_pay_refusal(const struct payment *);

#endif
