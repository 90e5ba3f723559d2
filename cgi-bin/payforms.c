/* payforms.c: the test gateway's card and UPI forms, read in one pass and sent to the gateway, for the pay page and the "Check the work and pay" page. */
#include <string.h>
#include <time.h>

#include "arena.h"
#include "gateway.h"
#include "payforms.h"
#include "payment.h"
#include "web.h"

enum card_field { CARD_NAME, CARD_NUMBER, CARD_EXPIRY, CARD_CVV, CARD__MAX };

/*
 * The CVV is FORM_PASSWORD: form_fill never puts it back into a page.
 * The card number goes back only into the answer to the same POST, so
 * a customer corrects a field without typing the card again (the issue
 * asks for it; it is not kept anywhere).  Nothing here logs or stores
 * either.
 */
static const struct form_field card_fields[CARD__MAX] = {
	[CARD_NAME] = { "name", "Name on card", FORM_TEXT, FORM_REQUIRED,
	    2, 100 },
	[CARD_NUMBER] = { "card_number", "Card number", FORM_TEXT,
	    FORM_REQUIRED, 0, 40 },
	[CARD_EXPIRY] = { "expiry", "Expiry date", FORM_TEXT, FORM_REQUIRED,
	    1, 9 },
	[CARD_CVV] = { "cvv", "Security code", FORM_PASSWORD, FORM_REQUIRED,
	    0, 8 },
};

enum upi_field { UPI_ID, UPI__MAX };

/* The UPI ID is shown back to correct it, and kept only masked. */
static const struct form_field upi_fields[UPI__MAX] = {
	[UPI_ID] = { "upi_id", "UPI ID", FORM_TEXT, FORM_REQUIRED, 0, 256 },
};

static const char *const method_names[PAYFORM__MAX] = {
	[PAYFORM_CARD] = "card",
	[PAYFORM_UPI] = "upi",
};

/* The documented test cards, as the pages list them. */
static const struct {
	const char	*number;
	const char	*outcome;
} test_cards[] = {
	{ "4242 4242 4242 4242", "Visa: always succeeds" },
	{ "5555 5555 5555 4444", "Mastercard: always succeeds" },
	{ "4000 0000 0000 0002", "Visa: always declined" },
	{ "4000 0000 0000 9995", "Visa: declined for insufficient funds" },
};

/* The test UPI IDs (gateway_upi.c decides). */
static const struct {
	const char	*id;
	const char	*outcome;
} test_upi_ids[] = {
	{ "success@upi", "Always succeeds" },
	{ "failure@upi", "Always declined" },
};

void
payforms_init(struct web *w, struct payforms *f)
{
	form_init(&f->card, w->arena, card_fields, CARD__MAX);
	form_init(&f->upi, w->arena, upi_fields, UPI__MAX);
	f->method = PAYFORM_CARD;
	f->month = f->year = 0;
}

/* "MM/YY" or "MM/YYYY", spaces allowed around the slash: 0, or -1. */
static int
expiry_parse(const char *s, int *month, int *year)
{
	int	n = 0, m = 0, y = 0, digits = 0;

	for (; *s >= '0' && *s <= '9' && n < 2; s++, n++)
		m = m * 10 + (*s - '0');
	if (n == 0)
		return -1;
	s += strspn(s, " ");
	if (*s++ != '/')
		return -1;
	s += strspn(s, " ");
	for (; *s >= '0' && *s <= '9' && digits < 4; s++, digits++)
		y = y * 10 + (*s - '0');
	if (*s != '\0' || (digits != 2 && digits != 4))
		return -1;
	*month = m;
	*year = y;
	return 0;
}

/*
 * The card's own checks, every field in one pass, each problem beside
 * its field (a field already wrong in the form keeps its message).
 */
static int
card_read(struct form *f, int *month, int *year)
{
	static const enum card_field	 field_of[GATEWAY_CARD__MAX] = {
		[GATEWAY_CARD_NUMBER] = CARD_NUMBER,
		[GATEWAY_CARD_EXPIRY] = CARD_EXPIRY,
		[GATEWAY_CARD_CVV] = CARD_CVV,
	};
	const char			*why[GATEWAY_CARD__MAX];
	int				 i;

	*month = *year = 0;
	if (f->v[CARD_EXPIRY].error == NULL &&
	    expiry_parse(f->v[CARD_EXPIRY].text, month, year))
		form_error(f, CARD_EXPIRY, "Enter the expiry date as MM/YY, "
		    "like 08/29.");
	if (f->v[CARD_EXPIRY].error != NULL)
		*month = 0;
	gateway_card_problems(f->v[CARD_NUMBER].error == NULL ?
	    f->v[CARD_NUMBER].text : NULL, *month, *year,
	    f->v[CARD_CVV].error == NULL ? f->v[CARD_CVV].text : NULL,
	    (int64_t)time(NULL), why);
	for (i = GATEWAY_CARD_NUMBER; i < GATEWAY_CARD__MAX; i++)
		if (why[i] != NULL)
			form_error(f, field_of[i], why[i]);
	return f->errors;
}

static int
sent(struct web *w, const char *name)
{
	const char	*v = http_param_get(&w->req.form, name);

	return v != NULL && v[0] != '\0';
}

/* `method`: see payforms.h. */
static int
method_read(struct web *w)
{
	const char	*m = http_param_get(&w->req.form, "method");
	int		 i;

	if (m == NULL || m[0] == '\0')
		return sent(w, "upi_id") && !sent(w, "card_number") ?
		    PAYFORM_UPI : PAYFORM_CARD;
	for (i = 0; i < PAYFORM__MAX; i++)
		if (strcmp(m, method_names[i]) == 0)
			return i;
	return -1;
}

int
payforms_read(struct web *w, struct payforms *f)
{
	const char	*why;

	switch ((f->method = method_read(w))) {
	case PAYFORM_CARD:
		web_form_read(w, &f->card, card_fields, CARD__MAX);
		return card_read(&f->card, &f->month, &f->year);
	case PAYFORM_UPI:
		web_form_read(w, &f->upi, upi_fields, UPI__MAX);
		if (f->upi.errors == 0 &&
		    (why = gateway_upi_check(f->upi.v[UPI_ID].text)) != NULL)
			form_error(&f->upi, UPI_ID, why);
		return f->upi.errors;
	default:
		return 1;
	}
}

/* The gateway said no: the payment records it, and the customer reads why. */
static enum payment_result
declined(struct web *w, struct payforms *f, struct payment *p,
    enum gateway_result grc, const char *gwhy, const char **why)
{
	enum payment_result	rc;

	*why = NULL;
	if (grc != GATEWAY_DECLINED)
		return PAYMENT_UNAVAILABLE;
	if ((rc = payment_failed(w->db, w->arena, &w->actor, p->id, gwhy)) !=
	    PAYMENT_OK)
		return rc;
	if (f->method == PAYFORM_UPI)
		form_error(&f->upi, UPI_ID, gwhy);
	else
		*why = gwhy;
	payment_get(w->db, w->arena, p->id, p);
	return PAYMENT_DECLINED;
}

enum payment_result
payforms_authorize(struct web *w, struct payforms *f, struct payment *p,
    const char **why)
{
	enum gateway_result	 grc;
	enum payment_result	 rc;
	const char		*brand, *last4, *masked, *gwhy;

	if (f->method == PAYFORM_UPI)
		grc = gateway_test_upi_authorize(w->arena,
		    f->upi.v[UPI_ID].text, &masked, &gwhy);
	else
		grc = gateway_test_authorize(w->arena,
		    f->card.v[CARD_NUMBER].text, f->month, f->year,
		    f->card.v[CARD_CVV].text, &brand, &last4, &gwhy);
	if (grc != GATEWAY_OK)
		return declined(w, f, p, grc, gwhy, why);
	*why = NULL;
	rc = f->method == PAYFORM_UPI ? payment_authorized_upi(w->db, w->arena,
	    &w->actor, p->id, masked) : payment_authorized(w->db, w->arena,
	    &w->actor, p->id, NULL, brand, last4);
	payment_get(w->db, w->arena, p->id, p);
	return rc;
}

/* Every problem of a form, each a link to its field (the input's id). */
static void
error_links(struct tmpl_dict *d, const struct form *f)
{
	struct tmpl_dict	*row;
	size_t			 i;

	for (i = 0; i < f->n; i++) {
		if (f->v[i].error == NULL)
			continue;
		row = tmpl_section(d, "error_link");
		tmpl_set(row, "field", f->fields[i].name);
		tmpl_set(row, "message", form_displayable(f->arena,
		    f->v[i].error));
	}
}

static void
test_cards_fill(struct tmpl_dict *d)
{
	struct tmpl_dict	*row;
	size_t			 i;

	for (i = 0; i < sizeof(test_cards) / sizeof(test_cards[0]); i++) {
		row = tmpl_section(d, "test_card");
		tmpl_set(row, "number", test_cards[i].number);
		tmpl_set(row, "outcome", test_cards[i].outcome);
	}
	for (i = 0; i < sizeof(test_upi_ids) / sizeof(test_upi_ids[0]); i++) {
		row = tmpl_section(d, "test_upi");
		tmpl_set(row, "id", test_upi_ids[i].id);
		tmpl_set(row, "outcome", test_upi_ids[i].outcome);
	}
}

void
payforms_forget_number(struct payforms *f)
{
	form_set(&f->card, CARD_NUMBER, "");
}

void
payforms_fill(struct tmpl_dict *d, const struct payforms *f,
    const struct form *other)
{
	struct tmpl_dict	*s;
	int			 n = f->card.errors + f->upi.errors;

	form_fill(&f->card, d);
	form_fill(&f->upi, d);
	if (other != NULL)
		n += other->errors;
	if (n > 0) {
		s = tmpl_section(d, "error_summary");
		tmpl_set_int(s, "count", n);
		if (other != NULL)
			error_links(s, other);
		error_links(s, &f->card);
		error_links(s, &f->upi);
	}
	tmpl_show(d, f->method == PAYFORM_UPI ? "method_upi" : "method_card");
	test_cards_fill(d);
}
