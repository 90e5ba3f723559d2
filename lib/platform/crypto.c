/* crypto.c: thin wrappers over OpenSSL; passwords are scrypt with parameters stored alongside, secrets the server reads back are sealed with AES-256-GCM. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "arena.h"
#include "crypto.h"
#include "log.h"

/*
 * One of OWASP's recommended scrypt sets (N=2^13, r=8, p=10): the same
 * work as N=2^17 with p=1 but needing 8 MiB rather than 128 MiB, so
 * several workers can check passwords at once on a small machine.
 */
#define SCRYPT_LOG_N	13
#define SCRYPT_R	8
#define SCRYPT_P	10
#define SCRYPT_SALT	16
#define SCRYPT_KEY	32

void
crypto_random(void *p, size_t n)
{
	if (RAND_bytes(p, (int)n) != 1)
		log_fatal("crypto: no random bytes");
}

void
crypto_hex(const unsigned char *p, size_t n, char *out)
{
	static const char	hex[] = "0123456789abcdef";
	size_t			i;

	for (i = 0; i < n; i++) {
		out[2 * i] = hex[p[i] >> 4];
		out[2 * i + 1] = hex[p[i] & 15];
	}
	out[2 * n] = '\0';
}

/* Decode exactly 2n hex digits into n bytes; returns 0 or -1. */
int
crypto_unhex(const char *s, unsigned char *out, size_t n)
{
	size_t	i;
	int	hi, lo;

	if (strlen(s) != 2 * n)
		return -1;
	for (i = 0; i < n; i++) {
		hi = OPENSSL_hexchar2int((unsigned char)s[2 * i]);
		lo = OPENSSL_hexchar2int((unsigned char)s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

/* A random token of nbytes, hex-encoded. */
char *
crypto_token(struct arena *a, size_t nbytes)
{
	unsigned char	 raw[64];
	char		*out;

	if (nbytes > sizeof(raw))
		log_fatal("crypto: token too long");
	crypto_random(raw, nbytes);
	out = arena_alloc(a, nbytes * 2 + 1);
	crypto_hex(raw, nbytes, out);
	OPENSSL_cleanse(raw, sizeof(raw));
	return out;
}

/*
 * SHA-256 fetched from the provider once per process: given
 * EVP_sha256(), OpenSSL 3 looks the implementation up again on every
 * digest, which cost more than hashing a session cookie.
 */
void
crypto_sha256(const void *p, size_t n, unsigned char out[CRYPTO_SHA256_LEN])
{
	static EVP_MD	*sha256;

	if (sha256 == NULL && (sha256 = EVP_MD_fetch(NULL, "SHA256",
	    NULL)) == NULL)
		log_fatal("crypto: no SHA-256");
	if (EVP_Digest(p, n, out, NULL, sha256, NULL) != 1)
		log_fatal("crypto: sha256 failed");
}

char *
crypto_sha256_hex(struct arena *a, const void *p, size_t n)
{
	unsigned char	 md[CRYPTO_SHA256_LEN];
	char		*out = arena_alloc(a, CRYPTO_SHA256_LEN * 2 + 1);

	crypto_sha256(p, n, md);
	crypto_hex(md, sizeof(md), out);
	return out;
}

void
crypto_hmac_sha256(const void *key, size_t klen, const void *msg, size_t mlen,
    unsigned char out[CRYPTO_SHA256_LEN])
{
	unsigned int	len = CRYPTO_SHA256_LEN;

	if (HMAC(EVP_sha256(), key, (int)klen, msg, mlen, out, &len) == NULL)
		log_fatal("crypto: hmac failed");
}

int
crypto_equal(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}

/* Zero a secret in a way the compiler may not leave out. */
void
crypto_wipe(void *p, size_t n)
{
	OPENSSL_cleanse(p, n);
}

/* Constant time in the contents; the lengths are not secret. */
int
crypto_streq(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b);

	return la == lb && crypto_equal(a, b, la);
}

static int
scrypt_derive(const char *pw, const unsigned char *salt, int logn, int r, int p,
    unsigned char key[SCRYPT_KEY])
{
	uint64_t	N = (uint64_t)1 << logn;
	uint64_t	maxmem = 128 * (uint64_t)r * N * 2 +
			    128 * (uint64_t)r * (uint64_t)p + 1024 * 1024;

	return EVP_PBE_scrypt(pw, strlen(pw), salt, SCRYPT_SALT, N,
	    (uint64_t)r, (uint64_t)p, maxmem, key, SCRYPT_KEY) == 1 ? 0 : -1;
}

/* Hash a password as "scrypt$ln=13$r=8$p=10$<salt hex>$<key hex>". */
int
crypto_password_hash(const char *pw, char out[CRYPTO_HASH_MAX])
{
	unsigned char	salt[SCRYPT_SALT], key[SCRYPT_KEY];
	char		salthex[2 * SCRYPT_SALT + 1], keyhex[2 * SCRYPT_KEY + 1];

	crypto_random(salt, sizeof(salt));
	if (scrypt_derive(pw, salt, SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P, key))
		return -1;
	crypto_hex(salt, sizeof(salt), salthex);
	crypto_hex(key, sizeof(key), keyhex);
	snprintf(out, CRYPTO_HASH_MAX, "scrypt$ln=%d$r=%d$p=%d$%s$%s",
	    SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P, salthex, keyhex);
	OPENSSL_cleanse(key, sizeof(key));
	return 0;
}

/*
 * Check a password against a stored hash.  Returns 1 on a match, 0 on
 * a mismatch, -1 when the stored hash is malformed or its parameters
 * are out of the range we would ever have written.
 */
int
crypto_password_verify(const char *pw, const char *stored)
{
	unsigned char	salt[SCRYPT_SALT], want[SCRYPT_KEY], got[SCRYPT_KEY];
	char		salthex[2 * SCRYPT_SALT + 2], keyhex[2 * SCRYPT_KEY + 2];
	int		logn, r, p, used = 0, ok;

	if (sscanf(stored, "scrypt$ln=%2d$r=%2d$p=%2d$%33[0-9a-f]$%65[0-9a-f]%n",
	    &logn, &r, &p, salthex, keyhex, &used) != 5 ||
	    stored[used] != '\0')
		return -1;
	/* Bounds near what we write, so a stored hash cannot ask for gigabytes. */
	if (logn < 10 || logn > 17 || r < 1 || r > 16 || p < 1 || p > 16)
		return -1;
	if (crypto_unhex(salthex, salt, sizeof(salt)) ||
	    crypto_unhex(keyhex, want, sizeof(want)))
		return -1;
	if (scrypt_derive(pw, salt, logn, r, p, got))
		return -1;
	ok = crypto_equal(got, want, sizeof(got));
	OPENSSL_cleanse(got, sizeof(got));
	return ok;
}

/*
 * AES-256-GCM with a fresh random nonce: out holds nonce, ciphertext
 * and tag, n + CRYPTO_SEAL_OVERHEAD bytes.  For the few secrets the
 * server must read back (a TOTP key), so a copy of the database alone
 * does not give them away.
 */
void
crypto_seal(const unsigned char key[CRYPTO_SEAL_KEY], const void *in,
    size_t n, unsigned char *out)
{
	EVP_CIPHER_CTX	*c = EVP_CIPHER_CTX_new();
	unsigned char	*nonce = out, *body = out + CRYPTO_SEAL_NONCE;
	int		 len;

	crypto_random(nonce, CRYPTO_SEAL_NONCE);
	if (c == NULL || n > INT32_MAX ||
	    EVP_EncryptInit_ex(c, EVP_aes_256_gcm(), NULL, key, nonce) != 1 ||
	    EVP_EncryptUpdate(c, body, &len, in, (int)n) != 1 ||
	    EVP_EncryptFinal_ex(c, body + len, &len) != 1 ||
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, CRYPTO_SEAL_TAG,
	    body + n) != 1)
		log_fatal("crypto: seal failed");
	EVP_CIPHER_CTX_free(c);
}

/* The inverse: 0, or -1 when the bytes were not sealed with this key. */
int
crypto_open(const unsigned char key[CRYPTO_SEAL_KEY], const unsigned char *in,
    size_t n, void *out)
{
	EVP_CIPHER_CTX	*c;
	size_t		 body = n - CRYPTO_SEAL_OVERHEAD;
	int		 len, ok;

	if (n < CRYPTO_SEAL_OVERHEAD || body > INT32_MAX)
		return -1;
	if ((c = EVP_CIPHER_CTX_new()) == NULL ||
	    EVP_DecryptInit_ex(c, EVP_aes_256_gcm(), NULL, key, in) != 1)
		log_fatal("crypto: open failed");
	ok = EVP_DecryptUpdate(c, out, &len, in + CRYPTO_SEAL_NONCE,
	    (int)body) == 1 &&
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, CRYPTO_SEAL_TAG,
	    (void *)(in + CRYPTO_SEAL_NONCE + body)) == 1 &&
	    EVP_DecryptFinal_ex(c, (unsigned char *)out + len, &len) == 1;
	EVP_CIPHER_CTX_free(c);
	if (!ok)
		OPENSSL_cleanse(out, body);
	return ok ? 0 : -1;
}
