/* gateway_stripe.c: the Stripe gateway over its REST API: Checkout Sessions in manual-capture mode, captures, refunds, cancellations. */
#include <stdint.h>
#include <string.h>

#include <jansson.h>

#include "arena.h"
#include "config.h"
#include "gateway.h"
#include "httpclient.h"
#include "log.h"
#include "payment.h"
#include "stripe.h"

#define STRIPE_ID_MAX		255
#define STRIPE_QUICK_TIMEOUT_MS	5000

/* Stripe's card brands, as a receipt shows them. */
static const struct {
	const char	*stripe;
	const char	*label;
} stripe_brands[] = {
	{ "visa", "Visa" },
	{ "mastercard", "Mastercard" },
	{ "amex", "American Express" },
	{ "rupay", "RuPay" },
	{ "discover", "Discover" },
	{ "diners", "Diners Club" },
	{ "jcb", "JCB" },
	{ "unionpay", "UnionPay" },
};

/* An object id Stripe made ("pi_...", "cs_test_..."): safe in a path. */
static int
stripe_id_ok(const char *id)
{
	size_t	n;

	if (id == NULL || (n = strlen(id)) == 0 || n > STRIPE_ID_MAX)
		return 0;
	return strspn(id, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == n;
}

/* A string member of a JSON object, copied into the arena; NULL if none. */
static const char *
json_str(struct arena *a, const json_t *o, const char *name)
{
	const char	*s = json_string_value(json_object_get(o, name));

	return s != NULL ? arena_strdup(a, s) : NULL;
}

/* Stripe's complaint in an error answer, for ops and logs. */
static const char *
stripe_error(struct arena *a, const json_t *answer, int status)
{
	const json_t	*e = json_object_get(answer, "error");
	const char	*m = json_string_value(json_object_get(e, "message"));

	return m != NULL ? arena_printf(a, "Stripe: %s", m) :
	    arena_printf(a, "Stripe answered %d.", status);
}

/*
 * One API call (quick: one try with a short timeout, for a webhook that
 * must answer fast).  OK with *answer for a 2xx; DECLINED with *answer (the
 * error object) for a 400, 402 or 404 that is about this request;
 * UNAVAILABLE for network errors and 5xx after the retries, and for
 * answers that say our side is wrong (401, 403: a bad key; 409, 429:
 * try later), so the payment stays as it is for ops to retry.
 * The caller frees *answer.
 */
static enum gateway_result
stripe_call(struct arena *a, const char *method, const char *path,
    const char *idempotency_key, const struct httpclient_field *fields,
    size_t nfields, int quick, json_t **answer, const char **why)
{
	const struct config		*cfg = config_load();
	struct httpclient_request	 rq;
	struct httpclient_response	 res;
	json_error_t			 jerr;
	json_t				*j;

	*answer = NULL;
	if (cfg->stripe_secret_key == NULL) {
		*why = "Stripe is not configured: there is no "
		    "keys/stripe_secret_key in the data directory.";
		log_error("stripe: %s", *why);
		return GATEWAY_UNAVAILABLE;
	}
	memset(&rq, 0, sizeof(rq));
	rq.method = method;
	rq.url = arena_printf(a, "%s%s", cfg->stripe_api_base, path);
	rq.bearer = cfg->stripe_secret_key;
	rq.idempotency_key = idempotency_key;
	rq.header = "Stripe-Version: " STRIPE_API_VERSION;
	rq.fields = fields;
	rq.nfields = nfields;
	if (quick) {
		rq.attempts = 1;
		rq.timeout_ms = STRIPE_QUICK_TIMEOUT_MS;
	}
	if (httpclient_send(a, &rq, &res) != HTTPCLIENT_ANSWERED) {
		*why = arena_printf(a, "Stripe could not be reached (%s, %d "
		    "attempts).", res.error, res.attempts);
		return GATEWAY_UNAVAILABLE;
	}
	if ((j = json_loadb(res.body, res.len, 0, &jerr)) == NULL ||
	    !json_is_object(j)) {
		json_decref(j);
		*why = arena_printf(a, "Stripe answered %d with something "
		    "other than a JSON object.", res.status);
		log_error("stripe: %s %s: %s", method, path, *why);
		return GATEWAY_UNAVAILABLE;
	}
	*answer = j;
	if (res.status >= 200 && res.status < 300)
		return GATEWAY_OK;
	*why = stripe_error(a, j, res.status);
	log_warn("stripe: %s %s: %d: %s", method, path, res.status, *why);
	if (res.status == 400 || res.status == 402 || res.status == 404)
		return GATEWAY_DECLINED;
	return GATEWAY_UNAVAILABLE;
}

/* The error is about a PaymentIntent already in the wanted state. */
static int
stripe_already(const json_t *answer, const char *status)
{
	const json_t	*e = json_object_get(answer, "error");
	const char	*code = json_string_value(json_object_get(e, "code"));
	const char	*now = json_string_value(json_object_get(
			    json_object_get(e, "payment_intent"), "status"));

	return code != NULL && strcmp(code, "payment_intent_unexpected_state")
	    == 0 && now != NULL && strcmp(now, status) == 0;
}

/*
 * Capture the authorised PaymentIntent in full.  A capture whose answer
 * was lost more than a day ago (the idempotency key is forgotten by
 * then) is told apart by the error naming a PaymentIntent that already
 * succeeded.
 */
static enum gateway_result
stripe_capture(struct arena *a, const struct payment *p, const char *key,
    const char **why)
{
	enum gateway_result	 rc;
	const char		*status;
	json_t			*j;

	if (!stripe_id_ok(p->gateway_ref)) {
		*why = "This payment has no Stripe PaymentIntent to capture.";
		return GATEWAY_DECLINED;
	}
	rc = stripe_call(a, "POST", arena_printf(a,
	    "/v1/payment_intents/%s/capture", p->gateway_ref), key, NULL, 0,
	    0, &j, why);
	if (rc == GATEWAY_DECLINED && stripe_already(j, "succeeded"))
		rc = GATEWAY_OK;
	else if (rc == GATEWAY_OK &&
	    ((status = json_string_value(json_object_get(j, "status"))) ==
	    NULL || strcmp(status, "succeeded") != 0)) {
		*why = arena_printf(a, "Stripe says the payment is %s, not "
		    "captured.", status != NULL ? status : "in no state");
		rc = GATEWAY_UNAVAILABLE;
	}
	json_decref(j);
	return rc;
}

/* Refund part or all of a captured PaymentIntent. */
static enum gateway_result
stripe_refund(struct arena *a, const struct payment *p, int64_t amount,
    const char *key, const char **why)
{
	struct httpclient_field	 f[2];
	enum gateway_result	 rc;
	const char		*status;
	json_t			*j;

	if (!stripe_id_ok(p->gateway_ref)) {
		*why = "This payment has no Stripe PaymentIntent to refund.";
		return GATEWAY_DECLINED;
	}
	f[0] = (struct httpclient_field){ "payment_intent", p->gateway_ref };
	f[1] = (struct httpclient_field){ "amount",
	    arena_printf(a, "%lld", (long long)amount) };
	rc = stripe_call(a, "POST", "/v1/refunds", key, f, 2, 0, &j, why);
	if (rc == GATEWAY_OK) {
		status = json_string_value(json_object_get(j, "status"));
		/* "pending" ends in charge.refunded or refund.failed later. */
		if (status == NULL || (strcmp(status, "succeeded") != 0 &&
		    strcmp(status, "pending") != 0)) {
			*why = arena_printf(a, "Stripe says the refund is %s.",
			    status != NULL ? status : "in no state");
			rc = GATEWAY_DECLINED;
		}
	}
	json_decref(j);
	return rc;
}

/* Cancel a PaymentIntent; one that is already cancelled is fine. */
enum gateway_result
stripe_cancel_intent(struct arena *a, const char *pi, const char *key,
    const char **why)
{
	enum gateway_result	 rc;
	json_t			*j;

	if (!stripe_id_ok(pi)) {
		*why = "That is not a Stripe PaymentIntent.";
		return GATEWAY_DECLINED;
	}
	rc = stripe_call(a, "POST", arena_printf(a,
	    "/v1/payment_intents/%s/cancel", pi), key, NULL, 0, 0, &j, why);
	if (rc == GATEWAY_DECLINED && stripe_already(j, "canceled"))
		rc = GATEWAY_OK;
	json_decref(j);
	return rc;
}

/*
 * Release an authorisation, or close the Checkout Session of a payment
 * not yet authorised (if the customer finished paying meanwhile, the
 * session's PaymentIntent is cancelled instead).
 */
static enum gateway_result
stripe_cancel(struct arena *a, const struct payment *p, const char *key,
    const char **why)
{
	struct stripe_session	 s;
	enum gateway_result	 rc;
	json_t			*j;

	if (stripe_id_ok(p->gateway_ref))
		return stripe_cancel_intent(a, p->gateway_ref, key, why);
	if (!stripe_id_ok(p->checkout_ref))
		return GATEWAY_OK;	/* nothing was ever sent to Stripe */
	rc = stripe_call(a, "POST", arena_printf(a,
	    "/v1/checkout/sessions/%s/expire", p->checkout_ref), key, NULL, 0,
	    0, &j, why);
	json_decref(j);
	if (rc != GATEWAY_DECLINED)
		return rc;
	if ((rc = stripe_checkout_get(a, p->checkout_ref, &s, why)) !=
	    GATEWAY_OK)
		return rc;
	if (strcmp(s.status, "expired") == 0)
		return GATEWAY_OK;
	if (strcmp(s.status, "complete") == 0 && stripe_id_ok(s.payment_intent))
		return stripe_cancel_intent(a, s.payment_intent,
		    arena_printf(a, "%s-intent", key), why);
	return GATEWAY_DECLINED;
}

const struct gateway	gateway_stripe = {
	"stripe", GATEWAY_CHECKOUT_HOSTED, stripe_capture, stripe_refund,
	stripe_cancel
};

/* A Checkout Session's fields from its JSON; -1 if it is not one. */
static int
session_read(struct arena *a, const json_t *j, struct stripe_session *s)
{
	const json_t	*pi = json_object_get(j, "payment_intent");

	s->id = json_str(a, j, "id");
	s->url = json_str(a, j, "url");
	s->status = json_str(a, j, "status");
	s->payment_intent = json_is_object(pi) ? json_str(a, pi, "id") :
	    json_str(a, j, "payment_intent");
	if (!stripe_id_ok(s->id) || s->status == NULL)
		return -1;
	if (s->payment_intent != NULL && !stripe_id_ok(s->payment_intent))
		s->payment_intent = NULL;
	return 0;
}

enum gateway_result
stripe_checkout_get(struct arena *a, const char *id, struct stripe_session *s,
    const char **why)
{
	enum gateway_result	 rc;
	json_t			*j;

	memset(s, 0, sizeof(*s));
	if (!stripe_id_ok(id)) {
		*why = "That is not a Stripe Checkout Session.";
		return GATEWAY_DECLINED;
	}
	rc = stripe_call(a, "GET", arena_printf(a, "/v1/checkout/sessions/%s",
	    id), NULL, NULL, 0, 0, &j, why);
	if (rc == GATEWAY_OK && session_read(a, j, s) != 0) {
		*why = "Stripe's Checkout Session answer has no id or status.";
		rc = GATEWAY_UNAVAILABLE;
	}
	json_decref(j);
	return rc;
}

enum gateway_result
stripe_checkout_create(struct arena *a, const struct payment *p,
    const char *success_url, const char *cancel_url, const char **session_id,
    const char **url, const char **why)
{
	const char		*id = arena_printf(a, "%lld", (long long)p->id);
	const struct httpclient_field f[] = {
		{ "mode", "payment" },
		{ "payment_method_types[0]", "card" },
		{ "payment_intent_data[capture_method]", "manual" },
		{ "payment_intent_data[metadata][payment_id]", id },
		{ "line_items[0][price_data][currency]", "inr" },
		{ "line_items[0][price_data][unit_amount]",
		    arena_printf(a, "%lld", (long long)p->amount_paise) },
		{ "line_items[0][price_data][product_data][name]",
		    p->service_name != NULL && *p->service_name != '\0' ?
		    p->service_name : "HomeServe booking" },
		{ "line_items[0][quantity]", "1" },
		{ "client_reference_id", id },
		{ "metadata[payment_id]", id },
		{ "success_url", success_url },
		{ "cancel_url", cancel_url },
	};
	struct stripe_session	 s;
	enum gateway_result	 rc;
	json_t			*j;

	*session_id = *url = NULL;
	/* The same key for the same payment and the session it replaces. */
	rc = stripe_call(a, "POST", "/v1/checkout/sessions", arena_printf(a,
	    "checkout-%lld-%s", (long long)p->id, p->checkout_ref != NULL ?
	    p->checkout_ref : "first"), f, sizeof(f) / sizeof(f[0]), 0, &j,
	    why);
	if (rc == GATEWAY_OK && (session_read(a, j, &s) != 0 ||
	    s.url == NULL || strncmp(s.url, "https://", 8) != 0)) {
		*why = "Stripe's answer has no Checkout Session address.";
		log_error("stripe: %s", *why);
		rc = GATEWAY_UNAVAILABLE;
	}
	json_decref(j);
	if (rc == GATEWAY_OK) {
		*session_id = s.id;
		*url = s.url;
	}
	return rc;
}

/*
 * The card behind a PaymentIntent, for the receipt: one quick try (a
 * webhook must answer fast); *brand and *last4 stay NULL if it fails.
 */
void
stripe_card_of(struct arena *a, const char *pi, const char **brand,
    const char **last4)
{
	const struct httpclient_field f[] = { { "expand[]", "latest_charge" } };
	const json_t		*card;
	const char		*why, *b, *l;
	json_t			*j;
	size_t			 i;

	*brand = *last4 = NULL;
	if (!stripe_id_ok(pi))
		return;
	if (stripe_call(a, "GET", arena_printf(a, "/v1/payment_intents/%s",
	    pi), NULL, f, 1, 1, &j, &why) != GATEWAY_OK) {
		json_decref(j);
		return;
	}
	card = json_object_get(json_object_get(json_object_get(j,
	    "latest_charge"), "payment_method_details"), "card");
	b = json_string_value(json_object_get(card, "brand"));
	l = json_string_value(json_object_get(card, "last4"));
	if (b != NULL && *b != '\0' && strlen(b) <= 30) {
		*brand = arena_strdup(a, b);
		for (i = 0; i < sizeof(stripe_brands) / sizeof(stripe_brands[0]);
		    i++)
			if (strcmp(b, stripe_brands[i].stripe) == 0)
				*brand = stripe_brands[i].label;
	}
	if (l != NULL && strlen(l) == 4 && strspn(l, "0123456789") == 4)
		*last4 = arena_strdup(a, l);
	json_decref(j);
}
