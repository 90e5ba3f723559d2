/* stripe_webhook.c: Stripe's signed events: each verified, handled once, and turned into a payment change. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "arena.h"
#include "audit.h"
#include "db.h"
#include "log.h"
#include "payment.h"
#include "settlement.h"
#include "stripe.h"

/* One event being handled: what every handler needs. */
struct webhook {
	struct db		*db;
	struct arena		*arena;
	const struct actor	*actor;
	const char		*event_id;
	const char		*type;
	const json_t		*object;	/* data.object */
	int64_t			 now;
};

static enum stripe_webhook_result on_checkout_completed(struct webhook *);
static enum stripe_webhook_result on_intent_succeeded(struct webhook *);
static enum stripe_webhook_result on_intent_failed(struct webhook *);
static enum stripe_webhook_result on_charge_refunded(struct webhook *);

/* The events we act on; any other type is answered 200 and ignored. */
static const struct {
	const char	*type;
	enum stripe_webhook_result (*handle)(struct webhook *);
} webhook_events[] = {
	{ "checkout.session.completed",	on_checkout_completed },
	{ "payment_intent.succeeded",	on_intent_succeeded },
	{ "payment_intent.payment_failed", on_intent_failed },
	{ "charge.refunded",		on_charge_refunded },
};

static int
event_seen(struct webhook *h)
{
	sqlite3_stmt	*st = db_prepare(h->db,
	    "SELECT 1 FROM webhook_events WHERE event_id = :id");
	int		 seen;

	db_bind_text(st, ":id", h->event_id);
	seen = db_step(st) == DB_ROW;
	db_done(st);
	return seen;
}

/* Record the event inside the open transaction; 0 if it was already. */
static int
event_record(struct webhook *h)
{
	sqlite3_stmt	*st = db_prepare(h->db,
	    "INSERT OR IGNORE INTO webhook_events (event_id, type, received_at)"
	    " VALUES (:id, :type, :at)");

	db_bind_text(st, ":id", h->event_id);
	db_bind_text(st, ":type", h->type);
	db_bind_int(st, ":at", h->now);
	db_step(st);
	db_done(st);
	return db_changes(h->db) == 1;
}

/* Open the event's transaction; REPEATED if a twin delivery won. */
static int
event_begin(struct webhook *h)
{
	db_begin(h->db);
	if (event_record(h))
		return 1;
	db_rollback(h->db);
	return 0;
}

/* What a payment change answered, as the webhook's result. */
static enum stripe_webhook_result
event_end(struct webhook *h, int64_t payment_id, enum payment_result rc)
{
	db_commit(h->db);
	if (rc == PAYMENT_OK) {
		log_info("stripe: %s %s: payment %lld handled", h->type,
		    h->event_id, (long long)payment_id);
		return STRIPE_WEBHOOK_HANDLED;
	}
	log_warn("stripe: %s %s: payment %lld left as it was (result %d)",
	    h->type, h->event_id, (long long)payment_id, (int)rc);
	return STRIPE_WEBHOOK_IGNORED;
}

/* A string member, or the "id" of an expanded object in its place. */
static const char *
json_id(struct arena *a, const json_t *o, const char *name)
{
	const json_t	*v = json_object_get(o, name);
	const char	*s;

	if (json_is_object(v))
		v = json_object_get(v, "id");
	s = json_string_value(v);
	return s != NULL && *s != '\0' ? arena_strdup(a, s) : NULL;
}

/* Our payment named in an object's metadata (we set metadata[payment_id]). */
static int
payment_by_metadata(struct webhook *h, const json_t *o, struct payment *p)
{
	const char	*s = json_string_value(json_object_get(
			    json_object_get(o, "metadata"), "payment_id"));
	char		*end;
	long long	 id;

	if (s == NULL || *s < '1' || *s > '9')
		return 0;
	id = strtoll(s, &end, 10);
	if (*end != '\0' || !payment_get(h->db, h->arena, id, p))
		return 0;
	return p->gateway != NULL && gateway_get(p->gateway) == &gateway_stripe;
}

/* The payment a PaymentIntent belongs to, by its id or its metadata. */
static int
payment_of_intent(struct webhook *h, const json_t *intent, const char *pi,
    struct payment *p)
{
	if (pi != NULL && payment_by_gateway_ref(h->db, h->arena, pi, p))
		return 1;
	return payment_by_metadata(h, intent, p);
}

/*
 * An authorisation the payment cannot take (it was cancelled, or paid
 * another way meanwhile) is released at once rather than left holding
 * the customer's money until Stripe lets it lapse.
 */
static void
intent_release(struct webhook *h, const struct payment *p, const char *pi)
{
	const char	*why = NULL;

	if (stripe_cancel_intent(h->arena, pi, arena_printf(h->arena,
	    "release-%s", pi), &why) == GATEWAY_OK)
		log_warn("stripe: %s %s: payment %lld is %s: released %s",
		    h->type, h->event_id, (long long)p->id,
		    payment_status_name(p->status), pi);
	else
		log_error("stripe: %s %s: payment %lld is %s: could not "
		    "release %s: %s", h->type, h->event_id, (long long)p->id,
		    payment_status_name(p->status), pi,
		    why != NULL ? why : "no reason");
}

/*
 * The customer finished Checkout: the PaymentIntent is authorised
 * (manual capture) and the payment becomes 'authorized' with it; if
 * the booking is already signed, it is captured at once.
 */
static enum stripe_webhook_result
on_checkout_completed(struct webhook *h)
{
	const char	*cs = json_id(h->arena, h->object, "id");
	const char	*pi = json_id(h->arena, h->object, "payment_intent");
	const json_t	*total = json_object_get(h->object, "amount_total");
	const char	*brand, *last4, *why = NULL;
	enum stripe_webhook_result rc;
	enum payment_result prc;
	struct payment	 p;

	if (cs == NULL || pi == NULL)
		return STRIPE_WEBHOOK_MALFORMED;
	if (!payment_by_checkout(h->db, h->arena, cs, &p) &&
	    !payment_by_metadata(h, h->object, &p)) {
		log_warn("stripe: %s %s: no payment for session %s", h->type,
		    h->event_id, cs);
		return STRIPE_WEBHOOK_IGNORED;
	}
	if (json_is_integer(total) && json_integer_value(total) !=
	    p.amount_paise) {
		log_error("stripe: %s %s: session %s is for %lld paise, payment "
		    "%lld for %lld", h->type, h->event_id, cs,
		    (long long)json_integer_value(total), (long long)p.id,
		    (long long)p.amount_paise);
		return STRIPE_WEBHOOK_IGNORED;
	}
	stripe_card_of(h->arena, pi, &brand, &last4);
	if (!event_begin(h))
		return STRIPE_WEBHOOK_REPEATED;
	prc = payment_authorized(h->db, h->arena, h->actor, p.id, pi, brand,
	    last4);
	rc = event_end(h, p.id, prc);
	if (prc == PAYMENT_REFUSED)
		intent_release(h, &p, pi);
	/* A customer who signed before paying: the capture is due now. */
	else if (rc == STRIPE_WEBHOOK_HANDLED &&
	    settle_capture(h->db, h->arena, h->actor,
	    p.booking_id, &why) != PAYMENT_OK)
		log_warn("stripe: %s %s: payment %lld not captured yet: %s",
		    h->type, h->event_id, (long long)p.id,
		    why != NULL ? why : "no reason");
	return rc;
}

/*
 * The PaymentIntent is captured at Stripe.  Normally that is our own
 * capture confirming itself; if our side is still 'authorized' (the
 * capture's answer was lost, or someone captured in Stripe's
 * dashboard), capture it here: the idempotent call finds it done.
 */
static enum stripe_webhook_result
on_intent_succeeded(struct webhook *h)
{
	const char	*pi = json_id(h->arena, h->object, "id");
	const char	*why = NULL;
	struct payment	 p;

	if (pi == NULL)
		return STRIPE_WEBHOOK_MALFORMED;
	if (!payment_of_intent(h, h->object, pi, &p))
		return STRIPE_WEBHOOK_IGNORED;
	if (p.status == PAY_AUTHORIZED &&
	    settle_capture(h->db, h->arena, h->actor,
	    p.booking_id, &why) != PAYMENT_OK)
		log_warn("stripe: %s %s: payment %lld not captured here: %s",
		    h->type, h->event_id, (long long)p.id,
		    why != NULL ? why : "no reason");
	if (!event_begin(h))
		return STRIPE_WEBHOOK_REPEATED;
	db_commit(h->db);
	return STRIPE_WEBHOOK_HANDLED;
}

/* A payment attempt failed: the payment says so, with Stripe's message. */
static enum stripe_webhook_result
on_intent_failed(struct webhook *h)
{
	const char	*pi = json_id(h->arena, h->object, "id");
	const char	*message = json_string_value(json_object_get(
			    json_object_get(h->object, "last_payment_error"),
			    "message"));
	struct payment	 p;

	if (pi == NULL)
		return STRIPE_WEBHOOK_MALFORMED;
	if (!payment_of_intent(h, h->object, pi, &p))
		return STRIPE_WEBHOOK_IGNORED;
	if (message == NULL || *message == '\0')
		message = "The payment failed at Stripe.";
	if (!event_begin(h))
		return STRIPE_WEBHOOK_REPEATED;
	return event_end(h, p.id, payment_failed(h->db, h->arena, h->actor,
	    p.id, arena_printf(h->arena, "Stripe: %s", message)));
}

/* A refund made at Stripe (ours, or from its dashboard): the total. */
static enum stripe_webhook_result
on_charge_refunded(struct webhook *h)
{
	const char	*pi = json_id(h->arena, h->object, "payment_intent");
	const json_t	*refunded = json_object_get(h->object,
			    "amount_refunded");
	struct payment	 p;

	if (pi == NULL || !json_is_integer(refunded) ||
	    json_integer_value(refunded) < 0)
		return STRIPE_WEBHOOK_MALFORMED;
	if (!payment_by_gateway_ref(h->db, h->arena, pi, &p))
		return STRIPE_WEBHOOK_IGNORED;
	if (!event_begin(h))
		return STRIPE_WEBHOOK_REPEATED;
	return event_end(h, p.id, settle_refunded_by_gateway(h->db, h->arena,
	    h->actor, p.id, json_integer_value(refunded)));
}

/* The event's id, type and data.object; -1 when it is not an event. */
static int
event_read(struct webhook *h, const json_t *event)
{
	const char	*id = json_string_value(json_object_get(event, "id"));
	const char	*type = json_string_value(json_object_get(event, "type"));

	h->object = json_object_get(json_object_get(event, "data"), "object");
	if (id == NULL || type == NULL || !json_is_object(h->object) ||
	    strlen(id) == 0 || strlen(id) > 255 || strlen(type) == 0 ||
	    strlen(type) > 100)
		return -1;
	h->event_id = arena_strdup(h->arena, id);
	h->type = arena_strdup(h->arena, type);
	return 0;
}

enum stripe_webhook_result
stripe_webhook(struct db *db, struct arena *a, const struct actor *actor,
    const char *secret, const char *signature_header, const char *body,
    size_t len, int64_t now)
{
	struct webhook			 h = { db, a, actor, NULL, NULL, NULL,
					    now };
	enum stripe_signature		 sig;
	enum stripe_webhook_result	 rc = STRIPE_WEBHOOK_IGNORED;
	json_error_t			 jerr;
	json_t				*event;
	size_t				 i;

	sig = stripe_signature_check(signature_header, secret, body, len, now);
	if (sig != STRIPE_SIGNATURE_OK) {
		log_warn("stripe: webhook refused: signature %s",
		    stripe_signature_name(sig));
		return STRIPE_WEBHOOK_BAD_SIGNATURE;
	}
	if ((event = json_loadb(body, len, 0, &jerr)) == NULL)
		return STRIPE_WEBHOOK_MALFORMED;
	if (event_read(&h, event) != 0)
		rc = STRIPE_WEBHOOK_MALFORMED;
	else if (event_seen(&h))
		rc = STRIPE_WEBHOOK_REPEATED;
	else
		for (i = 0; i < sizeof(webhook_events) /
		    sizeof(webhook_events[0]); i++)
			if (strcmp(h.type, webhook_events[i].type) == 0) {
				rc = webhook_events[i].handle(&h);
				break;
			}
	json_decref(event);
	return rc;
}
