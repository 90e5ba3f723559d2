/* crypto.h: random bytes, SHA-256, HMAC, constant-time compare, sealed secrets and scrypt passwords (OpenSSL). */
#ifndef HS_CRYPTO_H
#define HS_CRYPTO_H

#include <stddef.h>

struct arena;

#define CRYPTO_SHA256_LEN	32
#define CRYPTO_HASH_MAX		160	/* longest stored password hash + NUL */

void	 crypto_random(void *, size_t);
char	*crypto_token(struct arena *, size_t nbytes);
void	 crypto_sha256(const void *, size_t, unsigned char[CRYPTO_SHA256_LEN]);
char	*crypto_sha256_hex(struct arena *, const void *, size_t);
void	 crypto_hmac_sha256(const void *, size_t, const void *, size_t,
	    unsigned char[CRYPTO_SHA256_LEN]);
int	 crypto_equal(const void *, const void *, size_t);
void	 crypto_wipe(void *, size_t);
int	 crypto_streq(const char *, const char *);
void	 crypto_hex(const unsigned char *, size_t, char *);
int	 crypto_unhex(const char *, unsigned char *, size_t);

/* Authenticated encryption (AES-256-GCM): nonce, ciphertext, tag. */
#define CRYPTO_SEAL_KEY		32
#define CRYPTO_SEAL_NONCE	12
#define CRYPTO_SEAL_TAG		16
#define CRYPTO_SEAL_OVERHEAD	(CRYPTO_SEAL_NONCE + CRYPTO_SEAL_TAG)

void	 crypto_seal(const unsigned char[CRYPTO_SEAL_KEY], const void *,
	    size_t, unsigned char *);
int	 crypto_open(const unsigned char[CRYPTO_SEAL_KEY],
	    const unsigned char *, size_t, void *);

int	 crypto_password_hash(const char *, char[CRYPTO_HASH_MAX]);
int	 crypto_password_verify(const char *, const char *);

#endif
