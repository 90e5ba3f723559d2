/* stripe_signature.c: the Stripe-Signature header of a webhook: parse it and check its HMAC and age. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "log.h"
#include "stripe.h"

#define SIGNATURE_HEADER_MAX	4096
#define SIGNATURE_T_DIGITS	15	/* far beyond any real time, no overflow */

/* What a header holds: the timestamp as sent, and its v1 digests. */
struct signature_parts {
	const char	*t;
	size_t		 tlen;
	int64_t		 when;
	unsigned char	 v1[STRIPE_SIGNATURE_MAX_V1][CRYPTO_SHA256_LEN];
	size_t		 nv1;
	size_t		 nv1_bad;	/* v1 values that are not 64 hex digits */
};

static const char *const signature_names[] = {
	"ok", "missing", "malformed", "stale", "mismatch",
};

const char *
stripe_signature_name(enum stripe_signature s)
{
	return (size_t)s < sizeof(signature_names) / sizeof(signature_names[0]) ?
	    signature_names[s] : "unknown";
}

/* "t=<digits>": exactly one, all digits. */
static int
part_t(struct signature_parts *p, const char *v, size_t n)
{
	size_t	i;

	if (p->t != NULL || n == 0 || n > SIGNATURE_T_DIGITS)
		return -1;
	p->when = 0;
	for (i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -1;
		p->when = p->when * 10 + (v[i] - '0');
	}
	p->t = v;
	p->tlen = n;
	return 0;
}

/* "v1=<64 hex digits>": kept; one of another length never matches. */
static int
part_v1(struct signature_parts *p, const char *v, size_t n)
{
	char	hex[2 * CRYPTO_SHA256_LEN + 1];

	if (p->nv1 + p->nv1_bad == STRIPE_SIGNATURE_MAX_V1)
		return -1;
	if (n != 2 * CRYPTO_SHA256_LEN) {
		p->nv1_bad++;
		return 0;
	}
	memcpy(hex, v, n);
	hex[n] = '\0';
	if (crypto_unhex(hex, p->v1[p->nv1], CRYPTO_SHA256_LEN) != 0) {
		p->nv1_bad++;
		return 0;
	}
	p->nv1++;
	return 0;
}

/*
 * Split "k=v,k=v,...": t and v1 are kept, other schemes (v0) skipped.
 * Returns 0, or -1 when the header is junk or has no t or no v1.
 */
static int
signature_parse(const char *h, struct signature_parts *p)
{
	const char	*item, *eq, *end;
	size_t		 klen;

	memset(p, 0, sizeof(*p));
	if (strlen(h) > SIGNATURE_HEADER_MAX)
		return -1;
	for (item = h; *item != '\0'; item = *end == ',' ? end + 1 : end) {
		while (*item == ' ')
			item++;
		end = item + strcspn(item, ",");
		if ((eq = memchr(item, '=', (size_t)(end - item))) == NULL)
			return -1;
		klen = (size_t)(eq - item);
		if (klen == 1 && item[0] == 't') {
			if (part_t(p, eq + 1, (size_t)(end - eq - 1)))
				return -1;
		} else if (klen == 2 && item[0] == 'v' && item[1] == '1') {
			if (part_v1(p, eq + 1, (size_t)(end - eq - 1)))
				return -1;
		} else if (klen == 0)
			return -1;
	}
	return p->t != NULL && p->nv1 + p->nv1_bad > 0 ? 0 : -1;
}

/* HMAC-SHA256 of "<t>.<body>" with the endpoint's secret. */
static void
signature_expected(const struct signature_parts *p, const char *secret,
    const void *body, size_t len, unsigned char mac[CRYPTO_SHA256_LEN])
{
	char	*msg;

	if ((msg = malloc(p->tlen + 1 + len + 1)) == NULL)
		log_fatal("stripe: out of memory");
	memcpy(msg, p->t, p->tlen);
	msg[p->tlen] = '.';
	if (len > 0)
		memcpy(msg + p->tlen + 1, body, len);
	crypto_hmac_sha256(secret, strlen(secret), msg, p->tlen + 1 + len, mac);
	free(msg);
}

enum stripe_signature
stripe_signature_check(const char *header, const char *secret,
    const void *body, size_t len, int64_t now)
{
	struct signature_parts	 p;
	unsigned char		 mac[CRYPTO_SHA256_LEN];
	size_t			 i;
	int			 match = 0;

	if (header == NULL || *header == '\0' || secret == NULL ||
	    *secret == '\0')
		return STRIPE_SIGNATURE_MISSING;
	if (signature_parse(header, &p) != 0)
		return STRIPE_SIGNATURE_MALFORMED;
	signature_expected(&p, secret, body, len, mac);
	for (i = 0; i < p.nv1; i++)
		match |= crypto_equal(mac, p.v1[i], sizeof(mac));
	if (!match)
		return STRIPE_SIGNATURE_MISMATCH;
	if (p.when > now + STRIPE_SIGNATURE_TOLERANCE ||
	    p.when < now - STRIPE_SIGNATURE_TOLERANCE)
		return STRIPE_SIGNATURE_STALE;
	return STRIPE_SIGNATURE_OK;
}
