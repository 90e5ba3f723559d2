/* fuzz_stripe_sig.c: libFuzzer harness for the Stripe-Signature header parser and check. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "stripe.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * The input is the header up to the first newline, then the body.  The
 * clock and the secret are fixed, so the seeds can hold real signatures.
 */
#define STRIPE_SIG_NOW		1700000000
#define STRIPE_SIG_SECRET	"whsec_fuzz"
#define STRIPE_SIG_MAX		8192

static void
stripe_sig_require(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_stripe_sig: %s\n", what);
		abort();
	}
}

/* "t=<now>,v1=<our HMAC of body>" for the fixed clock and secret. */
static void
stripe_sig_sign(const char *body, size_t len, char *out, size_t outlen)
{
	unsigned char	 mac[CRYPTO_SHA256_LEN];
	char		 hex[2 * CRYPTO_SHA256_LEN + 1], *msg;
	int		 n;

	msg = malloc(32 + len);
	stripe_sig_require(msg != NULL, "out of memory");
	n = snprintf(msg, 32, "%d.", STRIPE_SIG_NOW);
	if (len > 0)
		memcpy(msg + n, body, len);
	crypto_hmac_sha256(STRIPE_SIG_SECRET, strlen(STRIPE_SIG_SECRET), msg,
	    (size_t)n + len, mac);
	free(msg);
	crypto_hex(mac, sizeof(mac), hex);
	snprintf(out, outlen, "t=%d,v1=%s", STRIPE_SIG_NOW, hex);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*nl = memchr(data, '\n', size);
	size_t			 hlen = nl != NULL ? (size_t)(nl - (const char *)
				    data) : size;
	const char		*body = nl != NULL ? nl + 1 : "";
	size_t			 blen = nl != NULL ? size - hlen - 1 : 0;
	char			*header, *signed_header, *flipped;
	enum stripe_signature	 rc;

	if (hlen > STRIPE_SIG_MAX)
		return 0;
	header = malloc(hlen + 1);
	signed_header = malloc(hlen + 128);
	stripe_sig_require(header != NULL && signed_header != NULL,
	    "out of memory");
	memcpy(header, data, hlen);
	header[hlen] = '\0';	/* a header is a C string: it ends at a NUL */

	rc = stripe_signature_check(header, STRIPE_SIG_SECRET, body, blen,
	    STRIPE_SIG_NOW);
	stripe_sig_require(rc <= STRIPE_SIGNATURE_MISMATCH, "unknown result");
	stripe_sig_require(stripe_signature_check(header, "", body, blen,
	    STRIPE_SIG_NOW) == STRIPE_SIGNATURE_MISSING, "no secret is not "
	    "missing");
	if (rc == STRIPE_SIGNATURE_OK)
		stripe_sig_require(stripe_signature_check(header,
		    "whsec_other", body, blen, STRIPE_SIG_NOW) !=
		    STRIPE_SIGNATURE_OK, "another secret verifies too");

	/* Our own valid signature, then the input's items: never a mismatch. */
	stripe_sig_sign(body, blen, signed_header, hlen + 128);
	if (strlen(header) > 0) {
		strcat(signed_header, ",");
		strcat(signed_header, header);
	}
	rc = stripe_signature_check(signed_header, STRIPE_SIG_SECRET, body,
	    blen, STRIPE_SIG_NOW);
	stripe_sig_require(rc == STRIPE_SIGNATURE_OK ||
	    rc == STRIPE_SIGNATURE_MALFORMED, "a valid v1 did not verify");
	stripe_sig_require(stripe_signature_check(signed_header,
	    STRIPE_SIG_SECRET, body, blen, STRIPE_SIG_NOW +
	    STRIPE_SIGNATURE_TOLERANCE + 1) != STRIPE_SIGNATURE_OK,
	    "a stale signature verified");
	if (rc == STRIPE_SIGNATURE_OK && blen > 0) {
		flipped = malloc(blen);
		stripe_sig_require(flipped != NULL, "out of memory");
		memcpy(flipped, body, blen);
		flipped[blen - 1] ^= 1;
		stripe_sig_require(stripe_signature_check(signed_header,
		    STRIPE_SIG_SECRET, flipped, blen, STRIPE_SIG_NOW) ==
		    STRIPE_SIGNATURE_MISMATCH, "a tampered body verified");
		free(flipped);
	}
	free(header);
	free(signed_header);
	return 0;
}
