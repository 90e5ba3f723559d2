/* payment.h: a booking's payment: its state machine, the gateways' calls and news, receipts, refunds; settlement.c decides when money moves. */
#ifndef HS_PAYMENT_H
#define HS_PAYMENT_H

#include <stddef.h>
#include <stdint.h>

#include "gateway.h"

struct actor;
struct arena;
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
	int			 fee;		/* a late-cancellation fee, not a job's price */
	const char		*upi_masked;	/* UPI through a gateway: "su•••@upi" */
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

/* What a payment is for: a booking's parties and its price. */
struct payment_for {
	int64_t		 booking_id;
	int64_t		 customer_id;
	int64_t		 vendor_id;
	int64_t		 amount_paise;
	const char	*service_name;
	int		 fee;		/* a late-cancellation fee (settle_cancel) */
};

/*
 * Inside the completion's transaction (settlement.c): the booking's
 * payment, for its price, 'requires_authorization', through the
 * configured gateway.
 */
void		 payment_open(struct db *, struct arena *, const struct actor *,
		    const struct payment_for *);

int		 payment_get(struct db *, struct arena *, int64_t,
		    struct payment *);
int		 payment_for_booking(struct db *, struct arena *, int64_t,
		    struct payment *);
int		 payment_fee_due(struct db *, struct arena *, int64_t customer,
		    struct payment *);

/*
 * The gateway's capture, outside any transaction: OK when the money is
 * taken, else the failure recorded for ops (DECLINED, UNAVAILABLE) with
 * *why.  Then, inside one transaction, payment_capture_record makes the
 * payment 'captured' with the next receipt number (gap-free).
 * settlement.c decides when a payment is captured and what follows.
 */
enum payment_result payment_capture_call(struct db *, struct arena *,
		    const struct actor *, const struct payment *,
		    const char **why);
enum payment_result payment_capture_record(struct db *, struct arena *,
		    const struct actor *, unsigned role, struct payment *);
unsigned	 payment_actor_role(struct db *, struct arena *,
		    const struct actor *);
enum gateway_checkout payment_checkout(const struct payment *);

/* Gateway news about a payment (Stripe webhooks; the test gateway). */
enum payment_result payment_authorized(struct db *, struct arena *,
		    const struct actor *, int64_t id, const char *gateway_ref,
		    const char *brand, const char *last4);
/* The same for a UPI payment: method 'upi', the ID kept masked only. */
enum payment_result payment_authorized_upi(struct db *, struct arena *,
		    const struct actor *, int64_t id, const char *upi_masked);
enum payment_result payment_failed(struct db *, struct arena *,
		    const struct actor *, int64_t id, const char *error);
enum payment_result payment_refunded_by_gateway(struct db *, struct arena *,
		    const struct actor *, int64_t id, int64_t refunded_total,
		    struct payment *, int64_t *amount_paise);
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

/* A refund made at the gateway, to be recorded (payment_refund_record). */
struct payment_refund {
	int64_t		 payment_id;
	int64_t		 seq;		/* the payment's n-th refund */
	int64_t		 refunded_before;
	int64_t		 amount_paise;
	const char	*reason;
};

/*
 * A refund of part or all of a captured payment, with a reason, in two
 * halves around the gateway (settlement.c joins them and takes the
 * vendor's share back): payment_refund_call checks (INVALID: the
 * amount must be more than 0 and at most captured - refunded; REFUSED:
 * not captured) and calls the gateway outside any transaction
 * (UNAVAILABLE or DECLINED leave everything as it was, with
 * last_error set); payment_refund_record then records it inside the
 * caller's transaction: the refund row, 'partially_refunded' or
 * 'refunded', audit and the customer's notification.
 */
enum payment_result payment_refund_call(struct db *, struct arena *,
		    const struct actor *, int64_t id, int64_t amount_paise,
		    const char *reason, struct payment_refund *,
		    const char **why);
enum payment_result payment_refund_record(struct db *, struct arena *,
		    const struct actor *, const struct payment_refund *,
		    struct payment *, const char **why);
/*
 * Ops cancel a payment that is not captured yet, with a reason; an
 * authorised one is released at the gateway first ("cancel-<id>").
 */
enum payment_result payment_cancel(struct db *, struct arena *,
		    const struct actor *, int64_t id, const char *reason,
		    const char **why);
/* The same in two halves around the gateway, for settlement.c. */
enum payment_result payment_cancel_call(struct db *, struct arena *,
		    const struct actor *, int64_t id, const char *reason,
		    const char **why);
enum payment_result payment_cancel_record(struct db *, struct arena *,
		    const struct actor *, int64_t id, const char *reason,
		    const char **why);

/*
 * Inside the caller's transaction (settlement.c checks the booking):
 * money received outside any gateway (method "cash", "upi" or
 * "bank_transfer", a reference required for UPI and bank transfers),
 * an unpaid card payment cancelled, the manual payment captured at
 * once with its receipt into *p.  INVALID or REFUSED with *why.
 */
enum payment_result payment_manual_record(struct db *, struct arena *,
		    const struct actor *, unsigned role,
		    const struct payment_for *, const char *method,
		    const char *reference, struct payment *, const char **why);

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
