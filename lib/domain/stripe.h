/* stripe.h: the Stripe gateway: Checkout Sessions, captures, refunds and cancellations over its REST API, and its signed webhooks. */
#ifndef HS_STRIPE_H
#define HS_STRIPE_H

#include <stddef.h>
#include <stdint.h>

#include "gateway.h"

struct actor;
struct arena;
struct db;
struct payment;

/* The API version every request asks for, so answers keep their shape. */
#define STRIPE_API_VERSION	"2024-06-20"
/* How far a webhook's signed timestamp may be from our clock. */
#define STRIPE_SIGNATURE_TOLERANCE	300
#define STRIPE_SIGNATURE_MAX_V1	8	/* v1 values looked at in one header */

/* gateway_stripe, the gateway itself, is declared in gateway.h. */

/* A Checkout Session, as much of it as we use. */
struct stripe_session {
	const char	*id;
	const char	*url;		/* Stripe's page; NULL unless open */
	const char	*status;	/* "open", "complete" or "expired" */
	const char	*payment_intent; /* NULL until the customer pays */
};

/*
 * A Checkout Session in manual-capture mode for the payment's amount in
 * INR, coming back to success_url or cancel_url.  The idempotency key
 * names the payment and the session it replaces, so two clicks at once
 * get the same session.
 */
enum gateway_result	 stripe_checkout_create(struct arena *,
			    const struct payment *, const char *success_url,
			    const char *cancel_url, const char **session_id,
			    const char **url, const char **why);
enum gateway_result	 stripe_checkout_get(struct arena *, const char *id,
			    struct stripe_session *, const char **why);

/*
 * Release an authorisation we cannot use (a payment cancelled while
 * its customer was at Checkout); an intent already cancelled is OK.
 */
enum gateway_result	 stripe_cancel_intent(struct arena *, const char *intent,
			    const char *idempotency_key, const char **why);

/*
 * The card behind a PaymentIntent (brand as a receipt shows it, last 4
 * digits), in one quick try; both NULL when Stripe does not say.
 */
void			 stripe_card_of(struct arena *, const char *intent,
			    const char **brand, const char **last4);

enum stripe_signature {
	STRIPE_SIGNATURE_OK,
	STRIPE_SIGNATURE_MISSING,	/* no header, or no secret configured */
	STRIPE_SIGNATURE_MALFORMED,	/* no t=, no v1=, or junk */
	STRIPE_SIGNATURE_STALE,		/* t more than the tolerance away */
	STRIPE_SIGNATURE_MISMATCH,	/* no v1 is our HMAC */
};

/*
 * Check a Stripe-Signature header ("t=<unix time>,v1=<hex>[,v1=...]",
 * other schemes ignored): some v1 must be the HMAC-SHA256, keyed with
 * the endpoint's secret, of "<t>.<body>", compared in constant time,
 * and t within STRIPE_SIGNATURE_TOLERANCE seconds of now.
 */
enum stripe_signature	 stripe_signature_check(const char *header,
			    const char *secret, const void *body, size_t len,
			    int64_t now);
const char		*stripe_signature_name(enum stripe_signature);

enum stripe_webhook_result {
	STRIPE_WEBHOOK_HANDLED,		/* 200: the payment is updated */
	STRIPE_WEBHOOK_REPEATED,	/* 200: seen before, nothing changed */
	STRIPE_WEBHOOK_IGNORED,		/* 200: not an event we act on */
	STRIPE_WEBHOOK_BAD_SIGNATURE,	/* 400: nothing changed */
	STRIPE_WEBHOOK_MALFORMED,	/* 400: signed, but not an event */
};

/*
 * Verify and handle one webhook delivery: its event id is recorded in
 * the same transaction as the change it makes, so each event is
 * handled once however often Stripe delivers it.
 */
enum stripe_webhook_result stripe_webhook(struct db *, struct arena *,
			    const struct actor *, const char *secret,
			    const char *signature_header, const char *body,
			    size_t len, int64_t now);

#endif
