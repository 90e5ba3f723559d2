/* sign.h: Ed25519 signatures by the platform's own key (OpenSSL 3): load once, sign, verify, publish. */
#ifndef HS_SIGN_H
#define HS_SIGN_H

#include <stddef.h>

struct arena;

#define SIGN_LEN	64	/* an Ed25519 signature, raw */
#define SIGN_B64_LEN	88	/* ... in base64, with its "==", without NUL */

/*
 * Load the private key, a PEM file as `openssl genpkey -algorithm
 * ed25519` writes it, once per process (before the workers fork).
 * Returns 0, or -1 when it is missing, unreadable or not Ed25519.
 * Loading again replaces the key.
 */
int		 sign_init(const char *path);
void		 sign_defer(const char *path);	/* read at first use (CGI) */
void		 sign_fini(void);
int		 sign_loaded(void);

/* The signature of len bytes of msg in base64; fatal without a key. */
char		*sign_base64(struct arena *, const void *msg, size_t len);

/*
 * 1 when b64 is the base64 of a valid signature of msg by the loaded
 * key's public half; 0 otherwise, malformed base64 included.
 */
int		 sign_verify_base64(const void *msg, size_t len,
		    const char *b64);

/* Strict base64 of exactly SIGN_LEN bytes to raw bytes: 0 or -1. */
int		 sign_decode(const char *b64, unsigned char out[SIGN_LEN]);

/* The public key as PEM text (SubjectPublicKeyInfo), as `openssl pkey -pubout` writes it. */
const char	*sign_public_pem(void);

#endif
