/* payments-stripe.h: the booking area's Stripe webhook handler (payments-stripe.c); the Checkout hand-over is in payments.h. */
#ifndef HS_PAYMENTS_STRIPE_H
#define HS_PAYMENTS_STRIPE_H

struct web;

void	page_webhook_stripe(struct web *);

#endif
