/* gateway_test.c: the built-in test gateway (cards decided locally, like Stripe's test cards) and the manual one. */
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "clock.h"
#include "gateway.h"

#define CARD_DIGITS_MIN	12
#define CARD_DIGITS_MAX	19

/*
 * The documented test cards (shown on the pay page).  Any other card
 * that passes the checks is declined with a pointer to this list.
 */
static const struct {
	const char		*number;
	enum gateway_result	 result;
	const char		*why;
} test_cards[] = {
	{ "4242424242424242", GATEWAY_OK, NULL },
	{ "5555555555554444", GATEWAY_OK, NULL },
	{ "4000000000000002", GATEWAY_DECLINED, "Your card was declined." },
	{ "4000000000009995", GATEWAY_DECLINED,
	    "Your card has insufficient funds." },
};

static const char	not_a_test_card[] =
    "Use one of the test cards listed on this page.";

/* Card brands by their leading digits (IIN ranges), first match wins. */
static const struct {
	const char	*brand;
	int		 digits;	/* how many leading digits to read */
	int		 low, high;	/* inclusive */
} brands[] = {
	{ "American Express", 2, 34, 34 },
	{ "American Express", 2, 37, 37 },
	{ "Visa", 1, 4, 4 },
	{ "Mastercard", 2, 51, 55 },
	{ "Mastercard", 4, 2221, 2720 },
	{ "RuPay", 2, 60, 60 },
	{ "RuPay", 2, 65, 65 },
	{ "RuPay", 2, 81, 82 },
};

/* The test and manual gateways move no money: every call succeeds. */
static enum gateway_result
local_capture(struct arena *a, const struct payment *p, const char *key,
    const char **why)
{
	(void)a, (void)p, (void)key;
	*why = NULL;
	return GATEWAY_OK;
}

static enum gateway_result
local_refund(struct arena *a, const struct payment *p, int64_t amount,
    const char *key, const char **why)
{
	(void)a, (void)p, (void)amount, (void)key;
	*why = NULL;
	return GATEWAY_OK;
}

static enum gateway_result
local_cancel(struct arena *a, const struct payment *p, const char *key,
    const char **why)
{
	(void)a, (void)p, (void)key;
	*why = NULL;
	return GATEWAY_OK;
}

const struct gateway gateway_test = {
	"test", GATEWAY_CHECKOUT_CARD_FORM, local_capture, local_refund,
	local_cancel
};

const struct gateway gateway_manual = {
	"manual", GATEWAY_CHECKOUT_NONE, local_capture, local_refund,
	local_cancel
};

/*
 * The digits of a card number typed with optional spaces or dashes,
 * into out (CARD_DIGITS_MAX + 1 bytes).  Returns how many, or -1 for
 * any other character or too many digits.
 */
static int
card_digits(const char *in, char *out)
{
	int	n = 0;

	for (; *in != '\0'; in++) {
		if (*in == ' ' || *in == '-')
			continue;
		if (*in < '0' || *in > '9' || n == CARD_DIGITS_MAX)
			return -1;
		out[n++] = *in;
	}
	out[n] = '\0';
	return n;
}

static int
luhn_valid(const char *digits)
{
	size_t	n = strlen(digits), i;
	int	sum = 0, d;

	for (i = 0; i < n; i++) {
		d = digits[n - 1 - i] - '0';
		if (i % 2 == 1 && (d *= 2) > 9)
			d -= 9;
		sum += d;
	}
	return sum % 10 == 0;
}

const char *
gateway_card_brand(const char *digits)
{
	size_t	i;
	int	j, lead;

	for (i = 0; i < sizeof(brands) / sizeof(brands[0]); i++) {
		if ((int)strlen(digits) < brands[i].digits)
			continue;
		for (lead = 0, j = 0; j < brands[i].digits; j++)
			lead = lead * 10 + (digits[j] - '0');
		if (lead >= brands[i].low && lead <= brands[i].high)
			return brands[i].brand;
	}
	return "Card";
}

static enum gateway_card_problem
number_check(const char *card_number, char *digits, const char **why)
{
	int	n = card_digits(card_number, digits);

	if (n < CARD_DIGITS_MIN) {
		*why = "Enter the card number: 12 to 19 digits, as printed on "
		    "the card.";
		return GATEWAY_CARD_NUMBER;
	}
	if (!luhn_valid(digits)) {
		*why = "This card number is not valid: check the digits.";
		return GATEWAY_CARD_NUMBER;
	}
	return GATEWAY_CARD_OK;
}

/* A card works until the end of its expiry month, in local time. */
static enum gateway_card_problem
expiry_check(int month, int year, int64_t now, const char **why)
{
	time_t		t = (time_t)now;
	struct tm	tm;
	int		here;

	if (year >= 0 && year < 100)
		year += 2000;
	localtime_r(&t, &tm);
	here = (tm.tm_year + 1900) * 12 + tm.tm_mon;
	if (month < 1 || month > 12 || year < 2000 || year > 9999) {
		*why = "Enter the expiry date as MM/YY, like 08/29.";
		return GATEWAY_CARD_EXPIRY;
	}
	if (year * 12 + month - 1 < here) {
		*why = "This card has expired: check the expiry date, or use "
		    "another card.";
		return GATEWAY_CARD_EXPIRY;
	}
	if (year * 12 + month - 1 > here + 20 * 12) {
		*why = "Check the expiry date: it is too far in the future.";
		return GATEWAY_CARD_EXPIRY;
	}
	return GATEWAY_CARD_OK;
}

/* brand NULL: the number is not known good, so 3 or 4 digits pass. */
static enum gateway_card_problem
cvv_check(const char *cvv, const char *brand, const char **why)
{
	int	amex = brand != NULL && strcmp(brand, "American Express") == 0;
	size_t	n = strlen(cvv);

	if (strspn(cvv, "0123456789") != n || (brand != NULL ?
	    n != (amex ? 4u : 3u) : (n != 3 && n != 4))) {
		*why = amex ? "Enter the 4-digit security code printed on the "
		    "front of the card." : "Enter the 3-digit security code "
		    "from the back of the card.";
		return GATEWAY_CARD_CVV;
	}
	return GATEWAY_CARD_OK;
}

int
gateway_card_problems(const char *card_number, int exp_month, int exp_year,
    const char *cvv, int64_t now, const char *why[GATEWAY_CARD__MAX])
{
	char		 digits[CARD_DIGITS_MAX + 1];
	const char	*brand = NULL;
	int		 n, problems = 0;

	for (n = 0; n < GATEWAY_CARD__MAX; n++)
		why[n] = NULL;
	if (card_number != NULL) {
		if (number_check(card_number, digits, &why[GATEWAY_CARD_NUMBER])
		    == GATEWAY_CARD_OK)
			brand = gateway_card_brand(digits);
		else
			problems++;
		explicit_bzero(digits, sizeof(digits));
	}
	if (exp_month != 0 && expiry_check(exp_month, exp_year, now,
	    &why[GATEWAY_CARD_EXPIRY]) != GATEWAY_CARD_OK)
		problems++;
	if (cvv != NULL && cvv_check(cvv, brand, &why[GATEWAY_CARD_CVV]) !=
	    GATEWAY_CARD_OK)
		problems++;
	return problems;
}

/* The first problem, in the order the fields are on the form. */
enum gateway_card_problem
gateway_card_check(const char *card_number, int exp_month, int exp_year,
    const char *cvv, int64_t now, const char **why)
{
	const char	*whys[GATEWAY_CARD__MAX];
	int		 i;

	*why = NULL;
	if (gateway_card_problems(card_number, exp_month == 0 ? -1 : exp_month,
	    exp_year, cvv, now, whys) == 0)
		return GATEWAY_CARD_OK;
	for (i = GATEWAY_CARD_NUMBER; i < GATEWAY_CARD__MAX; i++)
		if (whys[i] != NULL) {
			*why = whys[i];
			return (enum gateway_card_problem)i;
		}
	return GATEWAY_CARD_OK;
}

/*
 * The test gateway's decision: the checks above, then the test card
 * list.  Only the brand and the last 4 digits leave this function.
 */
enum gateway_result
gateway_test_authorize(struct arena *a, const char *card_number,
    int exp_month, int exp_year, const char *cvv, const char **brand,
    const char **last4, const char **why)
{
	char			digits[CARD_DIGITS_MAX + 1];
	enum gateway_result	rc = GATEWAY_DECLINED;
	size_t			i, n;

	*brand = *last4 = NULL;
	if (gateway_card_check(card_number, exp_month, exp_year, cvv,
	    clock_now(), why) != GATEWAY_CARD_OK)
		return GATEWAY_DECLINED;
	n = (size_t)card_digits(card_number, digits);
	*brand = gateway_card_brand(digits);
	*last4 = arena_strdup(a, digits + n - 4);
	*why = not_a_test_card;
	for (i = 0; i < sizeof(test_cards) / sizeof(test_cards[0]); i++)
		if (strcmp(digits, test_cards[i].number) == 0) {
			rc = test_cards[i].result;
			*why = test_cards[i].why;
			break;
		}
	explicit_bzero(digits, sizeof(digits));
	return rc;
}
