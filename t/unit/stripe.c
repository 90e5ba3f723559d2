/* stripe.c (test): the Stripe-Signature check: valid, wrong secret, tampered body, stale, several v1 values, malformed headers. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "crypto.h"
#include "stripe.h"
#include "tap.h"

#define NOW	1763700000
#define SECRET	"whsec_unit_test_secret"

static const char	body[] = "{\"id\":\"evt_1\",\"object\":\"event\","
			    "\"type\":\"charge.refunded\"}";

/* The v1 value Stripe would send for body at time t with secret. */
static void
v1_of(const char *secret, long long t, const void *data, size_t len,
    char hex[2 * CRYPTO_SHA256_LEN + 1])
{
	unsigned char	mac[CRYPTO_SHA256_LEN];
	char		msg[4096];
	int		n = snprintf(msg, sizeof(msg), "%lld.", t);

	memcpy(msg + n, data, len);
	crypto_hmac_sha256(secret, strlen(secret), msg, (size_t)n + len, mac);
	crypto_hex(mac, sizeof(mac), hex);
}

static enum stripe_signature
check(const char *header)
{
	return stripe_signature_check(header, SECRET, body, strlen(body), NOW);
}

static void
test_valid(void)
{
	char	v1[65], h[512];

	v1_of(SECRET, NOW, body, strlen(body), v1);
	snprintf(h, sizeof(h), "t=%d,v1=%s", NOW, v1);
	is_int(check(h), STRIPE_SIGNATURE_OK, "valid signature");
	snprintf(h, sizeof(h), "t=%d,v1=%s,v0=%s", NOW, v1,
	    "6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39");
	is_int(check(h), STRIPE_SIGNATURE_OK, "a v0 scheme is ignored");
	snprintf(h, sizeof(h), "v1=%s,t=%d", v1, NOW);
	is_int(check(h), STRIPE_SIGNATURE_OK, "items in any order");
	snprintf(h, sizeof(h), "t=%d,v1=%s,", NOW, v1);
	is_int(check(h), STRIPE_SIGNATURE_OK, "a trailing comma is harmless");
	is_int(stripe_signature_check(h, SECRET, body, strlen(body),
	    NOW + STRIPE_SIGNATURE_TOLERANCE), STRIPE_SIGNATURE_OK,
	    "exactly the tolerance old is accepted");
	is_int(stripe_signature_check(h, SECRET, body, strlen(body),
	    NOW - STRIPE_SIGNATURE_TOLERANCE), STRIPE_SIGNATURE_OK,
	    "exactly the tolerance ahead is accepted");

	/* Bytes, not a C string: a NUL in the body is signed like any other. */
	v1_of(SECRET, NOW, "a\0b", 3, v1);
	snprintf(h, sizeof(h), "t=%d,v1=%s", NOW, v1);
	is_int(stripe_signature_check(h, SECRET, "a\0b", 3, NOW),
	    STRIPE_SIGNATURE_OK, "a body with a NUL byte verifies");
	is_int(stripe_signature_check(h, SECRET, "a\0c", 3, NOW),
	    STRIPE_SIGNATURE_MISMATCH, "... and a change after it shows");
	v1_of(SECRET, NOW, "", 0, v1);
	snprintf(h, sizeof(h), "t=%d,v1=%s", NOW, v1);
	is_int(stripe_signature_check(h, SECRET, "", 0, NOW),
	    STRIPE_SIGNATURE_OK, "an empty body verifies");
}

static void
test_wrong(void)
{
	char	v1[65], h[512], tampered[sizeof(body)];
	size_t	i;

	v1_of("whsec_someone_else", NOW, body, strlen(body), v1);
	snprintf(h, sizeof(h), "t=%d,v1=%s", NOW, v1);
	is_int(check(h), STRIPE_SIGNATURE_MISMATCH, "wrong secret: mismatch");

	v1_of(SECRET, NOW, body, strlen(body), v1);
	snprintf(h, sizeof(h), "t=%d,v1=%s", NOW, v1);
	memcpy(tampered, body, sizeof(body));
	tampered[10] ^= 1;
	is_int(stripe_signature_check(h, SECRET, tampered, strlen(tampered),
	    NOW), STRIPE_SIGNATURE_MISMATCH, "tampered body: mismatch");
	is_int(stripe_signature_check(h, SECRET, body, strlen(body) - 1, NOW),
	    STRIPE_SIGNATURE_MISMATCH, "truncated body: mismatch");
	snprintf(h, sizeof(h), "t=%d,v1=%s", NOW + 1, v1);
	is_int(check(h), STRIPE_SIGNATURE_MISMATCH,
	    "another timestamp than the one signed: mismatch");
	v1[0] = v1[0] == 'a' ? 'b' : 'a';
	snprintf(h, sizeof(h), "t=%d,v1=%s", NOW, v1);
	is_int(check(h), STRIPE_SIGNATURE_MISMATCH, "one hex digit off: mismatch");
	v1_of(SECRET, NOW, body, strlen(body), v1);
	for (i = 0; v1[i] != '\0'; i++)
		v1[i] = (char)toupper((unsigned char)v1[i]);
	snprintf(h, sizeof(h), "t=%d,v1=%s", NOW, v1);
	is_int(check(h), STRIPE_SIGNATURE_OK,
	    "upper-case hex reads as the same digest");
	is_int(stripe_signature_check(h, "", body, strlen(body), NOW),
	    STRIPE_SIGNATURE_MISSING, "no secret configured: refused");
	is_int(stripe_signature_check(h, NULL, body, strlen(body), NOW),
	    STRIPE_SIGNATURE_MISSING, "NULL secret: refused");
}

static void
test_stale(void)
{
	char		 v1[65], h[512];
	long long	 t;

	t = NOW - STRIPE_SIGNATURE_TOLERANCE - 1;
	v1_of(SECRET, t, body, strlen(body), v1);
	snprintf(h, sizeof(h), "t=%lld,v1=%s", t, v1);
	is_int(check(h), STRIPE_SIGNATURE_STALE, "301 s old: stale");
	t = NOW - 86400;
	v1_of(SECRET, t, body, strlen(body), v1);
	snprintf(h, sizeof(h), "t=%lld,v1=%s", t, v1);
	is_int(check(h), STRIPE_SIGNATURE_STALE, "a day old (a replay): stale");
	t = NOW + STRIPE_SIGNATURE_TOLERANCE + 1;
	v1_of(SECRET, t, body, strlen(body), v1);
	snprintf(h, sizeof(h), "t=%lld,v1=%s", t, v1);
	is_int(check(h), STRIPE_SIGNATURE_STALE, "301 s in the future: stale");
	v1_of(SECRET, 0, body, strlen(body), v1);
	snprintf(h, sizeof(h), "t=0,v1=%s", v1);
	is_int(check(h), STRIPE_SIGNATURE_STALE, "t=0: stale");
}

static void
test_multiple(void)
{
	char	v1[65], other[65], h[1024];

	v1_of(SECRET, NOW, body, strlen(body), v1);
	v1_of("whsec_old_secret", NOW, body, strlen(body), other);
	snprintf(h, sizeof(h), "t=%d,v1=%s,v1=%s", NOW, other, v1);
	is_int(check(h), STRIPE_SIGNATURE_OK, "several v1: the last matches");
	snprintf(h, sizeof(h), "t=%d,v1=%s,v1=%s", NOW, v1, other);
	is_int(check(h), STRIPE_SIGNATURE_OK, "several v1: the first matches");
	snprintf(h, sizeof(h), "t=%d,v1=%s,v1=%s", NOW, other, other);
	is_int(check(h), STRIPE_SIGNATURE_MISMATCH, "several v1: none matches");
	snprintf(h, sizeof(h), "t=%d,v1=abc,v1=%s", NOW, v1);
	is_int(check(h), STRIPE_SIGNATURE_OK,
	    "a short v1 beside the right one is ignored");
	snprintf(h, sizeof(h), "t=%d,v1=abc", NOW);
	is_int(check(h), STRIPE_SIGNATURE_MISMATCH, "only a short v1: mismatch");
	snprintf(h, sizeof(h), "t=%d,v1=%s,v1=%s,v1=%s,v1=%s,v1=%s,v1=%s,"
	    "v1=%s,v1=%s,v1=%s", NOW, other, other, other, other, other, other,
	    other, other, v1);
	is_int(check(h), STRIPE_SIGNATURE_MALFORMED,
	    "more than STRIPE_SIGNATURE_MAX_V1 values: malformed");
}

static void
test_malformed(void)
{
	static const char *const bad[] = {
		"garbage", "t=", "t=abc,v1=00", "t=-5,v1=00", "t=+5,v1=00",
		"t=1763700000", "v1=0000", "t=1,t=1,v1=00", "t=1,,v1=00",
		"=1,t=1,v1=00", "t=1;v1=00", "t=1 ,v1=00",
		"t=1763700000,v0=00", "t=1763700000000000000,v1=00",
		"t=99999999999999999999,v1=00",
	};
	char	v1[65], h[8192];
	size_t	i;

	is_int(check(NULL), STRIPE_SIGNATURE_MISSING, "no header: missing");
	is_int(check(""), STRIPE_SIGNATURE_MISSING, "empty header: missing");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		is_int(check(bad[i]), STRIPE_SIGNATURE_MALFORMED,
		    "malformed: \"%s\"", bad[i]);
	v1_of(SECRET, NOW, body, strlen(body), v1);
	memset(h, 'x', sizeof(h) - 1);
	h[sizeof(h) - 1] = '\0';
	snprintf(h, 100, "t=%d,v1=%s,x=", NOW, v1);
	h[strlen(h)] = 'x';
	is_int(check(h), STRIPE_SIGNATURE_MALFORMED,
	    "a header over 4 KiB is malformed, even with a good v1");
	is_str(stripe_signature_name(STRIPE_SIGNATURE_STALE), "stale",
	    "names: stale");
}

int
main(void)
{
	test_valid();
	test_wrong();
	test_stale();
	test_multiple();
	test_malformed();
	return done_testing();
}
