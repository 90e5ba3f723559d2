/* sign.c: the platform's Ed25519 key: loaded once, signs byte strings, verifies base64 signatures. */
#include <stdio.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "arena.h"
#include "log.h"
#include "sign.h"

#define SIGN_PEM_MAX	256	/* an Ed25519 public key PEM is 113 bytes */

static EVP_PKEY	*private_key;	/* signs */
static EVP_PKEY	*public_key;	/* verifies: the public half only */
static char	 public_pem[SIGN_PEM_MAX];
static char	 deferred[4096];	/* sign_defer's path, until loaded */

static int	 sign_ready(void);

void
sign_fini(void)
{
	EVP_PKEY_free(private_key);
	EVP_PKEY_free(public_key);
	private_key = public_key = NULL;
	public_pem[0] = '\0';
}

int
sign_loaded(void)
{
	return sign_ready() == 0;
}

/* The public half of an Ed25519 key, as a key of its own. */
static EVP_PKEY *
public_half(EVP_PKEY *key)
{
	unsigned char	raw[32];
	size_t		len = sizeof(raw);

	if (EVP_PKEY_get_raw_public_key(key, raw, &len) != 1 ||
	    len != sizeof(raw))
		return NULL;
	return EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, raw, len);
}

/* The public key as PEM into public_pem; 0 or -1. */
static int
public_pem_write(EVP_PKEY *pub)
{
	BIO	*bio = BIO_new(BIO_s_mem());
	char	*data;
	long	 len;
	int	 rc = -1;

	if (bio == NULL)
		return -1;
	if (PEM_write_bio_PUBKEY(bio, pub) == 1 &&
	    (len = BIO_get_mem_data(bio, &data)) > 0 &&
	    (size_t)len < sizeof(public_pem)) {
		memcpy(public_pem, data, (size_t)len);
		public_pem[len] = '\0';
		rc = 0;
	}
	BIO_free(bio);
	return rc;
}

int
sign_init(const char *path)
{
	FILE		*f;
	EVP_PKEY	*key, *pub = NULL;

	sign_fini();
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	key = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	if (key == NULL || !EVP_PKEY_is_a(key, "ED25519") ||
	    (pub = public_half(key)) == NULL || public_pem_write(pub)) {
		EVP_PKEY_free(key);
		EVP_PKEY_free(pub);
		public_pem[0] = '\0';
		ERR_clear_error();
		return -1;
	}
	private_key = key;
	public_key = pub;
	return 0;
}

/*
 * Plain CGI serves one request, which seldom signs: reading the key
 * (OpenSSL's PEM decoders) cost a sixth of such a request.  The key at
 * path is read at its first use instead; a key that will not load is
 * then an error of that request, as a missing one is.
 */
void
sign_defer(const char *path)
{
	sign_fini();
	snprintf(deferred, sizeof(deferred), "%s", path);
}

/* Loads a deferred key on first use; 0 when one is loaded. */
static int
sign_ready(void)
{
	if (private_key == NULL && deferred[0] != '\0') {
		if (sign_init(deferred) != 0)
			log_error("sign: cannot load the Ed25519 signing key %s",
			    deferred);
		deferred[0] = '\0';
	}
	return private_key != NULL ? 0 : -1;
}

/* Ed25519 signs the message itself: EVP_DigestSign with no digest. */
char *
sign_base64(struct arena *a, const void *msg, size_t len)
{
	EVP_MD_CTX	*ctx;
	unsigned char	 sig[SIGN_LEN];
	size_t		 siglen = sizeof(sig);
	char		*out;

	if (sign_ready() != 0)
		log_fatal("sign: no signing key is loaded");
	if ((ctx = EVP_MD_CTX_new()) == NULL)
		log_fatal("sign: out of memory");
	if (EVP_DigestSignInit(ctx, NULL, NULL, NULL, private_key) != 1 ||
	    EVP_DigestSign(ctx, sig, &siglen, msg, len) != 1 ||
	    siglen != SIGN_LEN)
		log_fatal("sign: Ed25519 signing failed");
	EVP_MD_CTX_free(ctx);
	out = arena_alloc(a, SIGN_B64_LEN + 1);
	if (EVP_EncodeBlock((unsigned char *)out, sig, SIGN_LEN) !=
	    SIGN_B64_LEN)
		log_fatal("sign: base64 failed");
	return out;
}

/*
 * Strict: exactly 88 characters of the standard alphabet ending in
 * "==", and the only spelling of its bytes (EVP_DecodeBlock alone
 * would skip blanks and ignore stray bits).
 */
int
sign_decode(const char *b64, unsigned char out[SIGN_LEN])
{
	static const char	alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char		raw[SIGN_LEN + 2];
	char			back[SIGN_B64_LEN + 1];

	if (b64 == NULL || strlen(b64) != SIGN_B64_LEN ||
	    strspn(b64, alphabet) != SIGN_B64_LEN - 2 ||
	    strcmp(b64 + SIGN_B64_LEN - 2, "==") != 0)
		return -1;
	if (EVP_DecodeBlock(raw, (const unsigned char *)b64, SIGN_B64_LEN) !=
	    SIGN_LEN + 2)
		return -1;
	EVP_EncodeBlock((unsigned char *)back, raw, SIGN_LEN);
	if (strcmp(back, b64) != 0)
		return -1;
	memcpy(out, raw, SIGN_LEN);
	return 0;
}

int
sign_verify_base64(const void *msg, size_t len, const char *b64)
{
	EVP_MD_CTX	*ctx;
	unsigned char	 sig[SIGN_LEN];
	int		 ok;

	if (sign_ready() != 0)
		log_fatal("sign: no signing key is loaded");
	if (sign_decode(b64, sig))
		return 0;
	if ((ctx = EVP_MD_CTX_new()) == NULL)
		log_fatal("sign: out of memory");
	ok = EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, public_key) == 1 &&
	    EVP_DigestVerify(ctx, sig, sizeof(sig), msg, len) == 1;
	EVP_MD_CTX_free(ctx);
	ERR_clear_error();	/* a bad signature is an answer, not an error */
	return ok;
}

const char *
sign_public_pem(void)
{
	if (sign_ready() != 0)
		log_fatal("sign: no signing key is loaded");
	return public_pem;
}
