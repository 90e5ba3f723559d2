/* totp.c: RFC 6238 codes for staff sign-in: HOTP over HMAC-SHA1 (OpenSSL), base32 and the key URI. */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "arena.h"
#include "crypto.h"
#include "log.h"
#include "totp.h"

#define SHA1_LEN	20
#define TOTP_DRIFT	1	/* steps either side of now still accepted */

static const char	base32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/* Floor, not C's truncation, so the second before the epoch is step -1. */
int64_t
totp_step(int64_t t)
{
	int64_t	step = t / TOTP_PERIOD;

	if (t % TOTP_PERIOD < 0)
		step--;
	return step;
}

/*
 * RFC 4226 section 5.3: HMAC-SHA1 of the big-endian counter; the low
 * nibble of its last byte picks four bytes, whose top bit is dropped
 * so the number is the same signed or unsigned; then modulo 10^digits.
 */
uint32_t
totp_hotp(const unsigned char *key, size_t keylen, uint64_t counter,
    int digits)
{
	static const uint32_t	 modulus[] = { 1000000, 10000000, 100000000 };
	unsigned char		 msg[8], md[EVP_MAX_MD_SIZE];
	unsigned int		 mdlen = sizeof(md);
	uint32_t		 bin;
	int			 i, off;

	if (digits < 6 || digits > 8 || keylen > INT_MAX)
		log_fatal("totp: %d digits, %zu-byte key", digits, keylen);
	for (i = 7; i >= 0; i--, counter >>= 8)
		msg[i] = (unsigned char)(counter & 0xff);
	/* OpenSSL wants a key pointer even for an empty key. */
	if (HMAC(EVP_sha1(), keylen > 0 ? key : msg, (int)keylen, msg,
	    sizeof(msg), md, &mdlen) == NULL || mdlen != SHA1_LEN)
		log_fatal("totp: hmac failed");
	off = md[SHA1_LEN - 1] & 0x0f;
	bin = (uint32_t)(md[off] & 0x7f) << 24 | (uint32_t)md[off + 1] << 16 |
	    (uint32_t)md[off + 2] << 8 | (uint32_t)md[off + 3];
	OPENSSL_cleanse(md, sizeof(md));
	return bin % modulus[digits - 6];
}

/* Exactly TOTP_DIGITS ASCII digits: no sign, no spaces, nothing after. */
static int
code_wellformed(const char *code)
{
	size_t	i;

	if (code == NULL)
		return 0;
	for (i = 0; i < TOTP_DIGITS; i++)
		if (code[i] < '0' || code[i] > '9')
			return 0;
	return code[TOTP_DIGITS] == '\0';
}

/* v as TOTP_DIGITS digits, leading zeros kept, no NUL. */
static void
code_digits(uint32_t v, char out[TOTP_DIGITS])
{
	int	i;

	for (i = TOTP_DIGITS - 1; i >= 0; i--, v /= 10)
		out[i] = (char)('0' + v % 10);
}

/*
 * Every step in the window is computed and compared whether or not an
 * earlier one matched, and with a constant-time compare, so the time
 * taken says nothing about how close a guess was.  On the one-in-a-
 * million chance that two steps give the same code, the later step is
 * the one recorded, which spends both.
 */
int
totp_verify(const unsigned char *key, size_t keylen, const char *code,
    int64_t now, int64_t last_step, int64_t *matched_step)
{
	char	want[TOTP_DIGITS];
	int64_t	step, s, found = 0;
	int	match = 0;

	if (!code_wellformed(code) || keylen == 0)
		return 0;
	step = totp_step(now);
	for (s = step - TOTP_DRIFT; s <= step + TOTP_DRIFT; s++) {
		if (s < 0 || s <= last_step)
			continue;
		code_digits(totp_hotp(key, keylen, (uint64_t)s, TOTP_DIGITS),
		    want);
		if (crypto_equal(want, code, TOTP_DIGITS)) {
			match = 1;
			found = s;
		}
	}
	OPENSSL_cleanse(want, sizeof(want));
	if (match && matched_step != NULL)
		*matched_step = found;
	return match;
}

void
totp_normalise(char *s)
{
	char	*w;

	if (s == NULL)
		return;
	for (w = s; *s != '\0'; s++)
		if (*s != ' ' && *s != '-')
			*w++ = *s;
	*w = '\0';
}

/* Five bits at a time, most significant first; the last digit zero-filled. */
char *
totp_base32(struct arena *a, const unsigned char *p, size_t n)
{
	char		*out, *w;
	uint32_t	 acc = 0;
	int		 bits = 0;
	size_t		 i;

	if (n > (SIZE_MAX - 5) / 8)
		log_fatal("totp: base32 of %zu bytes", n);
	out = w = arena_alloc(a, (n * 8 + 4) / 5 + 1);
	for (i = 0; i < n; i++) {
		acc = (acc << 8 | p[i]) & 0xfff;
		for (bits += 8; bits >= 5; bits -= 5)
			*w++ = base32_alphabet[acc >> (bits - 5) & 31];
	}
	if (bits > 0)
		*w++ = base32_alphabet[acc << (5 - bits) & 31];
	*w = '\0';
	return out;
}

/* The value of a base32 digit of either case, or -1. */
static int
base32_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a';
	if (c >= '2' && c <= '7')
		return c - '2' + 26;
	return -1;
}

/*
 * Strict apart from case, spaces and padding: 1, 3 or 6 digits after the
 * last whole group, or bits set past the last byte, mean a mistyped or
 * cut-off secret, which is better refused than silently changed.
 */
int
totp_unbase32(const char *s, unsigned char *out, size_t outmax,
    size_t *outlen)
{
	uint32_t	acc = 0;
	size_t		n = 0;
	int		bits = 0, padded = 0, v;

	if (s == NULL)
		goto err;
	for (; *s != '\0'; s++) {
		if (*s == ' ')
			continue;
		if (*s == '=') {
			padded = 1;
			continue;
		}
		if (padded || (v = base32_value((unsigned char)*s)) < 0)
			goto err;
		acc = (acc << 5 | (uint32_t)v) & 0xfff;
		if ((bits += 5) >= 8) {
			bits -= 8;
			if (n == outmax)
				goto err;
			out[n++] = (unsigned char)(acc >> bits);
		}
	}
	if (bits >= 5 || (acc & ((1u << bits) - 1)) != 0)
		goto err;
	if (outlen != NULL)
		*outlen = n;
	return 0;
err:
	/* Half a secret is still secret. */
	if (n > 0)
		OPENSSL_cleanse(out, n);
	return -1;
}

/* RFC 3986: unreserved characters as they are, every other byte as %XX. */
static char *
uri_escape(struct arena *a, const char *s)
{
	static const char	 unreserved[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "abcdefghijklmnopqrstuvwxyz0123456789-._~";
	static const char	 hex[] = "0123456789ABCDEF";
	char			*out, *w;
	unsigned char		 c;

	out = w = arena_alloc(a, strlen(s) * 3 + 1);
	for (; (c = (unsigned char)*s) != '\0'; s++) {
		if (strchr(unreserved, c) != NULL)
			*w++ = (char)c;
		else {
			*w++ = '%';
			*w++ = hex[c >> 4];
			*w++ = hex[c & 15];
		}
	}
	*w = '\0';
	return out;
}

/*
 * Google Authenticator's "Key Uri Format".  The issuer goes both in the
 * label, for older apps, and as a parameter, which newer ones prefer;
 * the label's own ':' is the only one not escaped.
 */
char *
totp_uri(struct arena *a, const char *issuer, const char *account,
    const char *secret_base32)
{
	const char	*iss = uri_escape(a, issuer);

	return arena_printf(a, "otpauth://totp/%s:%s?secret=%s&issuer=%s"
	    "&algorithm=SHA1&digits=%d&period=%d", iss,
	    uri_escape(a, account), uri_escape(a, secret_base32), iss,
	    TOTP_DIGITS, TOTP_PERIOD);
}
