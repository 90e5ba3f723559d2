/* payments-stripe.c: the stripe gateway on the web: the hand-over to Stripe Checkout from the pay page, and Stripe's webhook. */
#include <string.h>
#include <time.h>

#include "arena.h"
#include "booking.h"
#include "http.h"
#include "log.h"
#include "payment.h"
#include "payments-stripe.h"
#include "payments.h"
#include "settlement.h"
#include "stripe.h"
#include "web.h"

static const char	unavailable[] = "Stripe, our card payment provider, is "
			    "not answering. Nothing was charged; try again in a "
			    "few minutes.";

/*
 * The customer paid on Stripe's page but its webhook has not arrived
 * yet: Stripe's own answer (fetched with our key) is as good, so the
 * payment is authorised now, and captured at once if already signed.
 */
static void
stripe_completed(struct web *w, const struct payment *p, const char *intent)
{
	const char	*brand, *last4, *why;
	struct booking	 b;

	stripe_card_of(w->arena, intent, &brand, &last4);
	if (payment_authorized(w->db, w->arena, &w->actor, p->id, intent, brand,
	    last4) != PAYMENT_OK) {
		web_error(w, 409, "This payment has already been made.");
		return;
	}
	settle_capture(w->db, w->arena, &w->actor, p->booking_id,
	    &why);
	web_redirect(w, arena_printf(w->arena, "/bookings/%lld?notice=%s",
	    (long long)p->booking_id, booking_get(w->db, w->arena,
	    p->booking_id, &b) && b.status == BK_PAID ? "paid" :
	    "payment-authorized"));
}

/*
 * The payment's Checkout Session if it is still open (303 to it), or
 * complete (recorded); 0 when a new one is needed.
 */
static int
stripe_reuse(struct web *w, const struct payment *p)
{
	struct stripe_session	 s;
	const char		*why;

	if (p->checkout_ref == NULL ||
	    stripe_checkout_get(w->arena, p->checkout_ref, &s, &why) !=
	    GATEWAY_OK)
		return 0;
	if (strcmp(s.status, "open") == 0 && s.url != NULL &&
	    strncmp(s.url, "https://", 8) == 0) {
		web_redirect(w, s.url);
		return 1;
	}
	if (strcmp(s.status, "complete") == 0 && s.payment_intent != NULL) {
		stripe_completed(w, p, s.payment_intent);
		return 1;
	}
	return 0;
}

/*
 * GET|POST /payments/{id}/pay with the stripe gateway (payments.h):
 * 303 to the payment's Checkout Session, made here or reused, which
 * comes back to the booking page; 409 when the payment is not waiting
 * for one; 503 when Stripe cannot be reached or refuses the session.
 *
 * Content-Security-Policy says form-action 'self', and browsers apply
 * it to a form's redirects too, so the booking page's "Pay now" must be
 * a plain link (GET) here, never a form: a GET is safe because it
 * makes at most one open session per payment (the open one is reused,
 * and the idempotency key names the session being replaced).
 */
void
payments_stripe_checkout(struct web *w, const struct payment *p)
{
	const struct config	*cfg = w->config;
	const char		*back, *id, *url, *why;

	if (p->status != PAY_REQUIRES_AUTHORIZATION &&
	    p->status != PAY_FAILED) {
		web_error(w, 409, payment_pay_refusal(p));
		return;
	}
	if (stripe_reuse(w, p))
		return;
	back = arena_printf(w->arena, "%s/bookings/%lld", cfg->base_url,
	    (long long)p->booking_id);
	switch (stripe_checkout_create(w->arena, p, arena_printf(w->arena,
	    "%s?notice=stripe-returned", back), arena_printf(w->arena,
	    "%s?notice=stripe-cancelled", back), &id, &url, &why)) {
	case GATEWAY_OK:
		payment_set_checkout(w->db, &w->actor, p->id, id);
		web_redirect(w, url);
		return;
	default:
		log_error("stripe: payment %lld: no Checkout Session: %s",
		    (long long)p->id, why);
		web_error(w, 503, unavailable);
		return;
	}
}

/* A short plain-text answer for Stripe (a machine, not a browser). */
static void
webhook_answer(struct web *w, int status, const char *text)
{
	web_send_bytes(w, "text/plain; charset=utf-8", text, strlen(text));
	w->res.status = status;
}

/*
 * POST /webhooks/stripe: no session and no CSRF token (WEB_NO_CSRF):
 * the Stripe-Signature header over the raw JSON body proves the sender.
 * 200 "ok" for an event handled, seen before or not ours to act on;
 * 400 for a missing, wrong or stale signature or a body that is not an
 * event, with nothing changed.
 */
void
page_webhook_stripe(struct web *w)
{
	const struct actor	 system = { 0, w->req.remote_addr,
				    w->req.user_agent };

	if (w->req.raw_body == NULL) {
		webhook_answer(w, 400, "expected a JSON event\n");
		return;
	}
	switch (stripe_webhook(w->db, w->arena, &system,
	    w->config->stripe_webhook_secret, http_env(w->req.env,
	    "HTTP_STRIPE_SIGNATURE"), w->req.raw_body, w->req.raw_len,
	    (int64_t)time(NULL))) {
	case STRIPE_WEBHOOK_BAD_SIGNATURE:
		webhook_answer(w, 400, "bad signature\n");
		break;
	case STRIPE_WEBHOOK_MALFORMED:
		webhook_answer(w, 400, "not an event\n");
		break;
	default:
		webhook_answer(w, 200, "ok\n");
		break;
	}
}
