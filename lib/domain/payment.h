/* payment.h: a booking's payment and its state machine, receipts, and the vendor's earning. */
#ifndef HS_PAYMENT_H
#define HS_PAYMENT_H

#include <stddef.h>
#include <stdint.h>

struct actor;
struct arena;
struct booking;
struct db;

enum payment_status {
	PAY_REQUIRES_AUTHORIZATION,
	PAY_AUTHORIZED,
	PAY_CAPTURED,
	PAY_REFUNDED,
	PAY_PARTIALLY_REFUNDED,
	PAY_FAILED,
	PAY_CANCELLED,
	PAY__MAX
};

struct payment {
	int64_t			 id;
	int64_t			 booking_id;
	int64_t			 customer_id;
	int64_t			 vendor_id;
	const char		*service_name;
	int64_t			 amount_paise;
	int64_t			 refunded_paise;
	enum payment_status	 status;
	const char		*gateway;	/* "test", "stripe", "manual" */
	const char		*method;	/* "card", "cash", "upi", "bank_transfer" */
	const char		*card_brand;	/* NULL unless a card */
	const char		*card_last4;
	const char		*reference;	/* a manual payment's reference */
	const char		*gateway_ref;	/* Stripe's PaymentIntent id */
	const char		*checkout_ref;	/* Stripe's Checkout Session id */
	const char		*last_error;	/* the gateway's last complaint */
	int64_t			 receipt_number; /* 0 until captured */
	int64_t			 captured_at;
	int64_t			 created_at;
	int64_t			 updated_at;
};

enum payment_result {
	PAYMENT_OK,
	PAYMENT_NOT_FOUND,	/* or not this user's: 404 */
	PAYMENT_REFUSED,	/* the state machine says no: 409, *why */
	PAYMENT_INVALID,	/* a bad amount or field: 422, *why */
	PAYMENT_DECLINED,	/* the gateway declined: 422 (402), *why */
	PAYMENT_UNAVAILABLE,	/* the gateway could not be reached: 503 */
};

const char	*payment_status_name(enum payment_status);
const char	*payment_status_label(enum payment_status);

/*
 * booking_complete calls this inside its transaction: the booking's
 * payment, for its price, 'requires_authorization', through the
 * configured gateway.
 */
void		 payment_open(struct db *, struct arena *, const struct actor *,
		    const struct booking *);

int		 payment_get(struct db *, struct arena *, int64_t,
		    struct payment *);
int		 payment_for_booking(struct db *, struct arena *, int64_t,
		    struct payment *);

/*
 * Capture the booking's authorised payment once the booking is signed
 * (or, for ops, disputed): the gateway call happens outside any
 * transaction; then one transaction makes the payment 'captured' with
 * the next receipt number (gap-free), the vendor's earning (price minus
 * the commission setting) and the booking 'paid', with audit rows.  A
 * gateway that stays unavailable leaves the payment 'authorized' with
 * last_error set, for ops to retry.  OK when there is nothing to do yet.
 */
enum payment_result payment_capture_for_booking(struct db *, struct arena *,
		    const struct actor *, int64_t booking_id,
		    const char **why);

/* Gateway news about a payment (Stripe webhooks; the test gateway). */
enum payment_result payment_authorized(struct db *, struct arena *,
		    const struct actor *, int64_t id, const char *gateway_ref,
		    const char *brand, const char *last4);
enum payment_result payment_failed(struct db *, struct arena *,
		    const struct actor *, int64_t id, const char *error);
enum payment_result payment_refunded_by_gateway(struct db *, struct arena *,
		    const struct actor *, int64_t id, int64_t refunded_total);
void		 payment_set_checkout(struct db *, const struct actor *,
		    int64_t id, const char *checkout_ref);
int		 payment_by_gateway_ref(struct db *, struct arena *,
		    const char *, struct payment *);
int		 payment_by_checkout(struct db *, struct arena *, const char *,
		    struct payment *);

/*
 * Added with the implementation (lib/domain/payment.c).
 *
 * Who moves a payment, as in booking.h: a role bit, or the system (a
 * gateway's webhook, user 0).  The actor's role is read from users.
 */
#define PAY_BY_SYSTEM		0x100
#define PAYMENT_REASON_MAX	500		/* characters */
#define PAYMENT_REFERENCE_MAX	100
#define PAYMENT_PAGE		50

enum payment_status payment_status_parse(const char *);
int		 payment_transition_allowed(enum payment_status,
		    enum payment_status, unsigned who);
const char	*payment_method_label(const char *method);

/* Money shown on receipts: GST at the booking's rate inside a price. */
int64_t		 payment_gst_included(int64_t amount_paise, int64_t rate);
/* The platform's share: amount x rate / 10000, half up (rate 1500 = 15%). */
int64_t		 payment_commission(int64_t amount_paise,
		    int64_t rate_hundredths);

/*
 * Ops capture one payment by id: as payment_capture_for_booking, but
 * anything that is not capturable now is REFUSED with *why (409).
 */
enum payment_result payment_capture(struct db *, struct arena *,
		    const struct actor *, int64_t id, const char **why);

/*
 * Ops refund part or all of a captured payment, with a reason: amount
 * at most captured - refunded (INVALID otherwise), the gateway called
 * outside any transaction with "refund-<id>-<n>" (n counts the
 * payment's refunds from 1), then one transaction: the refund row, the
 * payment 'partially_refunded' or 'refunded', audit and the customer's
 * notification.  UNAVAILABLE or DECLINED from the gateway leave
 * everything as it was, with last_error set.
 */
enum payment_result payment_refund(struct db *, struct arena *,
		    const struct actor *, int64_t id, int64_t amount_paise,
		    const char *reason, const char **why);

/*
 * Ops cancel a payment that is not captured yet, with a reason; an
 * authorised one is released at the gateway first ("cancel-<id>").
 */
enum payment_result payment_cancel(struct db *, struct arena *,
		    const struct actor *, int64_t id, const char *reason,
		    const char **why);

/*
 * Ops record money received outside any gateway for a booking that is
 * completed, waiting for or carrying its signature, or disputed:
 * method "cash", "upi" or "bank_transfer", amount (must be the
 * booking's price: INVALID saying so otherwise), reference (required
 * for UPI and bank transfers).  One transaction: an unpaid card payment
 * is cancelled, the manual payment is captured at once with its
 * receipt and earning, and a signed or disputed booking becomes 'paid'
 * (a booking not signed yet becomes 'paid' when it is).  REFUSED when
 * the booking is already paid or a card payment is authorised.
 */
enum payment_result payment_manual(struct db *, struct arena *,
		    const struct actor *, int64_t booking_id,
		    const char *method, int64_t amount_paise,
		    const char *reference, int64_t *id, const char **why);

struct payment_event {
	enum payment_status	 to;
	int			 has_from;
	enum payment_status	 from;
	const char		*actor_name;	/* NULL: the system */
	int64_t			 amount_paise;	/* a refund's, else 0 */
	const char		*note;
	int64_t			 at;
};

size_t		 payment_events(struct db *, struct arena *, int64_t id,
		    struct payment_event **);

/* A row of the ops list. */
struct payment_listed {
	struct payment	 p;
	const char	*customer_name;
	const char	*vendor_name;
};

/* status -1: all; from/to: created_at in [from, to), 0 for open ends. */
struct payment_filter {
	int		 status;
	int64_t		 from;
	int64_t		 to;
	int64_t		 before_id;	/* 0: from the newest */
};

size_t		 payment_list(struct db *, struct arena *,
		    const struct payment_filter *, size_t limit,
		    struct payment_listed **);
size_t		 payment_list_person(struct db *, struct arena *, int64_t user,
		    size_t limit, struct payment **);

#endif
