/* gateway_upi.c: UPI IDs in the test gateway: their format, their masked form, and the test IDs' decisions (like gateways' test modes). */
#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "gateway.h"

#define UPI_ID_MIN	2
#define UPI_ID_MAX	256
#define UPI_BANK_MIN	2
#define UPI_BANK_MAX	64
#define UPI_MASK_SHOWN	2	/* leading characters of the handle kept */

/*
 * The documented test UPI IDs (listed on the pay page), compared
 * without regard to case as UPI IDs are.  Any other well-formed ID is
 * declined with a pointer to this list, as other test cards are.
 */
static const struct {
	const char		*id;
	enum gateway_result	 result;
	const char		*why;
} test_ids[] = {
	{ "success@upi", GATEWAY_OK, NULL },
	{ "failure@upi", GATEWAY_DECLINED,
	    "Your UPI payment was declined by your bank." },
};

static const char	not_a_test_id[] =
    "This UPI ID is unknown to the test gateway: use one of the test UPI "
    "IDs listed on this page.";

static int
handle_char(int c)
{
	return isascii(c) && (isalnum(c) || c == '.' || c == '_' || c == '-');
}

/*
 * "handle@bank": 2-256 characters, one '@', the handle of letters,
 * digits, '.', '_' and '-', the bank of 2-64 letters.  NULL when it
 * is one, else the sentence shown beside the field.
 */
const char *
gateway_upi_check(const char *upi_id)
{
	const char	*at = strchr(upi_id, '@');
	size_t		 n = strlen(upi_id), i, bank;

	if (n < UPI_ID_MIN || n > UPI_ID_MAX || at == NULL ||
	    strchr(at + 1, '@') != NULL || at == upi_id)
		return "Enter your UPI ID as name@bank, like rahul@okaxis.";
	for (i = 0; upi_id + i < at; i++)
		if (!handle_char((unsigned char)upi_id[i]))
			return "The part of a UPI ID before the @ has only "
			    "letters, digits, dots, dashes and underscores.";
	bank = strlen(at + 1);
	if (bank < UPI_BANK_MIN || bank > UPI_BANK_MAX)
		return "The part of a UPI ID after the @ is 2 to 64 letters, "
		    "like okaxis.";
	for (i = 1; i <= bank; i++)
		if (!isascii((unsigned char)at[i]) ||
		    !isalpha((unsigned char)at[i]))
			return "The part of a UPI ID after the @ has only "
			    "letters, like okaxis.";
	return NULL;
}

/*
 * The ID as it may be kept and shown: the handle's first two characters
 * (fewer for a short one, so it is never whole), "•••@" and the bank,
 * lower case: "su•••@upi".  upi_id must pass gateway_upi_check.
 */
const char *
gateway_upi_mask(struct arena *a, const char *upi_id)
{
	const char	*at = strchr(upi_id, '@');
	size_t		 handle = (size_t)(at - upi_id), shown, i;
	char		*out;

	shown = handle > UPI_MASK_SHOWN ? UPI_MASK_SHOWN : handle - 1;
	out = arena_printf(a, "%.*s\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2@%s",
	    (int)shown, upi_id, at + 1);
	for (i = 0; out[i] != '\0'; i++)	/* ASCII only: the dots stay */
		if (out[i] >= 'A' && out[i] <= 'Z')
			out[i] = (char)(out[i] - 'A' + 'a');
	return out;
}

/*
 * The test gateway's decision on a UPI collect request: the format,
 * then the test IDs.  Only the masked ID leaves this function.
 */
enum gateway_result
gateway_test_upi_authorize(struct arena *a, const char *upi_id,
    const char **masked, const char **why)
{
	size_t	i;

	*masked = NULL;
	if ((*why = gateway_upi_check(upi_id)) != NULL)
		return GATEWAY_DECLINED;
	*masked = gateway_upi_mask(a, upi_id);
	*why = not_a_test_id;
	for (i = 0; i < sizeof(test_ids) / sizeof(test_ids[0]); i++)
		if (strcasecmp(upi_id, test_ids[i].id) == 0) {
			*why = test_ids[i].why;
			return test_ids[i].result;
		}
	return GATEWAY_DECLINED;
}
