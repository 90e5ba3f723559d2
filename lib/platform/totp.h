/* totp.h: one-time sign-in codes (RFC 6238 TOTP over RFC 4226 HOTP, HMAC-SHA1), base32 secrets and the otpauth:// URI. */
#ifndef HS_TOTP_H
#define HS_TOTP_H

#include <stddef.h>
#include <stdint.h>

struct arena;

#define TOTP_SECRET_BYTES	20	/* 160 bits, as RFC 4226 recommends */
#define TOTP_SECRET_BASE32_LEN	32	/* ... in base32, without NUL */
#define TOTP_DIGITS		6
#define TOTP_PERIOD		30	/* seconds a step, from the epoch */

/* The step a Unix time falls in: floor(unix_time / 30). */
int64_t		 totp_step(int64_t unix_time);

/*
 * The RFC 4226 value for counter, digits (6 to 8) long, as a number:
 * print it with leading zeros.  Exposed for the known-answer tests;
 * sign-in wants totp_verify.
 */
uint32_t	 totp_hotp(const unsigned char *key, size_t keylen,
		    uint64_t counter, int digits);

/*
 * 1 when code is exactly TOTP_DIGITS ASCII digits and is the code for
 * the step of now (Unix seconds), or the step either side of it, and
 * that step is greater than last_step; *matched_step, unless NULL, is
 * then set (store it as the next last_step, so each code signs in once).
 * 0 otherwise, for a NULL or malformed code or an empty key too.  Pass
 * -1 as last_step for a secret never used.
 */
int		 totp_verify(const unsigned char *key, size_t keylen,
		    const char *code, int64_t now, int64_t last_step,
		    int64_t *matched_step);

/* Remove spaces and hyphens in place, as apps show "123 456"; NULL is fine. */
void		 totp_normalise(char *);

/* RFC 4648 base32, upper case, without '=' padding. */
char		*totp_base32(struct arena *, const unsigned char *, size_t);

/*
 * Decode base32 of either case, ignoring spaces and trailing '='.  0 and
 * *outlen (when not NULL) set, or -1 for any other character, a length
 * or final bits no encoder writes, or more than outmax bytes.
 */
int		 totp_unbase32(const char *, unsigned char *out, size_t outmax,
		    size_t *outlen);

/*
 * The otpauth://totp/ key URI an authenticator app reads from a QR
 * code, issuer and account percent-encoded.
 */
char		*totp_uri(struct arena *, const char *issuer,
		    const char *account, const char *secret_base32);

#endif
