/* payforms.h: the test gateway's card and UPI forms, shared by the pay page and the "Check the work and pay" page: read in one pass, sent to the gateway, shown back. */
#ifndef HS_PAYFORMS_H
#define HS_PAYFORMS_H

#include "form.h"
#include "payment.h"

struct tmpl_dict;
struct web;

/* How the customer pays: the form's `method` (card, upi). */
enum payform_method { PAYFORM_CARD, PAYFORM_UPI, PAYFORM__MAX };

/* Both forms, as they go back to the customer, and the method chosen. */
struct payforms {
	struct form	card;	/* name, card_number, expiry, cvv */
	struct form	upi;	/* upi_id */
	int		method;	/* enum payform_method, or -1: unknown */
	int		month;	/* the card's expiry, once read */
	int		year;
};

void	payforms_init(struct web *, struct payforms *);

/*
 * Read `method` and that method's form from the POST, every problem
 * beside its field (the CVV never shown back; the card number and the
 * UPI ID are, to correct them): the number of problems, 0 when it may
 * go to the gateway.  `method` absent means card, unless only a UPI ID
 * was sent; an unknown method is one problem with forms->method -1.
 */
int	payforms_read(struct web *, struct payforms *);

/*
 * The gateway decides on what was read, and its answer is recorded on
 * p: OK (authorised, p re-read), DECLINED (the payment 'failed', the
 * sentence beside the UPI ID or in *why for a card), UNAVAILABLE
 * (nothing recorded), or the state machine's NOT_FOUND/REFUSED.
 */
enum payment_result payforms_authorize(struct web *, struct payforms *,
	    struct payment *, const char **why);

/* After a decline: that card number is not shown back. */
void	payforms_forget_number(struct payforms *);

/*
 * Both forms into d with their values and messages, the error summary
 * ({{#error_summary}} with {{count}} and {{#error_link}} rows of
 * {{field}} and {{message}}) when there are problems, the method
 * chosen ({{#method_card}} or {{#method_upi}}) and the test cards and
 * UPI IDs ({{#test_card}}, {{#test_upi}}).  other (or NULL), a form
 * on the same page, leads the summary.
 */
void	payforms_fill(struct tmpl_dict *, const struct payforms *,
	    const struct form *other);

#endif
