/* gateway.h: what a payment gateway does for an authorised payment; the test gateway and Stripe implement it. */
#ifndef HS_GATEWAY_H
#define HS_GATEWAY_H

#include <stdint.h>

struct arena;
struct payment;

enum gateway_result {
	GATEWAY_OK,
	GATEWAY_DECLINED,	/* the gateway said no: final, *why says why */
	GATEWAY_UNAVAILABLE,	/* network error or 5xx after the retries */
};

/*
 * Each call carries an idempotency key derived from the payment and the
 * action ("capture-<id>", "refund-<id>-<n>", "cancel-<id>"), so a retry
 * after a lost answer can never charge or refund twice.
 */
/* How a customer pays through a gateway, which the pay page follows. */
enum gateway_checkout {
	GATEWAY_CHECKOUT_NONE,		/* not by the customer: ops record it */
	GATEWAY_CHECKOUT_CARD_FORM,	/* our own card form (the test one) */
	GATEWAY_CHECKOUT_HOSTED,	/* the gateway's own page (Stripe) */
};

struct gateway {
	const char	*name;		/* "test", "stripe", "manual" */
	enum gateway_checkout checkout;
	enum gateway_result (*capture)(struct arena *, const struct payment *,
			    const char *idempotency_key, const char **why);
	enum gateway_result (*refund)(struct arena *, const struct payment *,
			    int64_t amount_paise, const char *idempotency_key,
			    const char **why);
	enum gateway_result (*cancel)(struct arena *, const struct payment *,
			    const char *idempotency_key, const char **why);
};

/* The gateway a payment was made through; NULL for an unknown name. */
const struct gateway	*gateway_get(const char *name);

/* The built-in test gateway's card check (it keeps brand and last 4 only). */
enum gateway_result	 gateway_test_authorize(struct arena *,
			    const char *card_number, int exp_month,
			    int exp_year, const char *cvv, const char **brand,
			    const char **last4, const char **why);

/*
 * Added with payments (lib/domain/gateway.c, gateway_test.c).
 *
 * The built-in gateways: "test" (cards checked and decided locally) and
 * "manual" (cash, UPI, bank transfer recorded by ops); capture, refund
 * and cancel succeed locally for both.  gateway_get also knows
 * gateway_stripe (lib/domain/gateway_stripe.c).
 */
extern const struct gateway	gateway_test;
extern const struct gateway	gateway_manual;
extern const struct gateway	gateway_stripe;	/* gateway_stripe.c, stripe.h */

/* Which part of a card is wrong; the pay page shows *why beside it. */
enum gateway_card_problem {
	GATEWAY_CARD_OK,
	GATEWAY_CARD_NUMBER,	/* not 12-19 digits, or fails the Luhn check */
	GATEWAY_CARD_EXPIRY,	/* not a month, or in the past */
	GATEWAY_CARD_CVV,	/* 3 digits (4 for American Express) */
	GATEWAY_CARD__MAX
};

/*
 * Check a card before anyone is asked to authorise it: card_number as
 * digits (spaces and dashes allowed), expiry month 1-12 and year (two
 * or four digits; the card works to the end of that month, local
 * time, against now), cvv.  Never logs or keeps any of them.
 */
enum gateway_card_problem gateway_card_check(const char *card_number,
			    int exp_month, int exp_year, const char *cvv,
			    int64_t now, const char **why);

/*
 * Every part of a card checked in one pass, so a form can show every
 * problem at once: why[part] is the sentence for each part that is
 * wrong, NULL for each that is fine or skipped (card_number or cvv
 * NULL, exp_month 0: the form already found that field wrong).  The
 * CVV's length follows the brand when the number is good, else 3 or 4
 * digits are accepted.  Returns how many parts are wrong.
 */
int			 gateway_card_problems(const char *card_number,
			    int exp_month, int exp_year, const char *cvv,
			    int64_t now, const char *why[GATEWAY_CARD__MAX]);

/*
 * UPI in the test gateway (gateway_upi.c).  A UPI ID is "handle@bank":
 * gateway_upi_check returns NULL for a well-formed one, else the
 * sentence to show beside the field.  gateway_upi_mask is the only form
 * that is kept: "su•••@upi".  gateway_test_upi_authorize decides like a
 * gateway's test mode: success@upi is authorised, failure@upi declined,
 * any other ID declined as unknown; *masked is set for a well-formed ID.
 */
const char		*gateway_upi_check(const char *upi_id);
const char		*gateway_upi_mask(struct arena *, const char *upi_id);
enum gateway_result	 gateway_test_upi_authorize(struct arena *,
			    const char *upi_id, const char **masked,
			    const char **why);

/* "Visa", "Mastercard", "American Express", "RuPay" or "Card". */
const char		*gateway_card_brand(const char *digits);

#endif
