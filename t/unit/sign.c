/* sign.c (test): Ed25519 key loading, the RFC 8032 known answer, tampering, and strict base64. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "arena.h"
#include "crypto.h"
#include "sign.h"
#include "tap.h"

static struct arena	*arena;

/* RFC 8032, section 7.1, test 1 (the empty message) and test 2. */
static const char	rfc_secret[] =
    "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
static const char	rfc_public[] =
    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
static const char	rfc_sig_empty[] =
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb88215"
    "90a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
static const char	rfc2_secret[] =
    "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
static const char	rfc2_sig_72[] =
    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e4"
    "3e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";

/* A temporary file holding text; returns its path (in the arena). */
static char *
temp_file(const char *text)
{
	const char	*dir = getenv("TMPDIR");
	char		*path;
	int		 fd;

	path = arena_printf(arena, "%s/hs-sign-XXXXXX",
	    dir != NULL && *dir != '\0' ? dir : "/tmp");
	if ((fd = mkstemp(path)) < 0 ||
	    write(fd, text, strlen(text)) != (ssize_t)strlen(text) ||
	    close(fd) != 0) {
		perror("temp file");
		exit(EXIT_FAILURE);
	}
	return path;
}

/* The PEM of a private key: Ed25519 from raw hex, or a fresh key of a type. */
static char *
key_pem(EVP_PKEY *key)
{
	BIO	*bio = BIO_new(BIO_s_mem());
	char	*data, *out;
	long	 len;

	if (bio == NULL || PEM_write_bio_PrivateKey(bio, key, NULL, NULL, 0,
	    NULL, NULL) != 1)
		exit(EXIT_FAILURE);
	len = BIO_get_mem_data(bio, &data);
	out = arena_strndup(arena, data, (size_t)len);
	BIO_free(bio);
	EVP_PKEY_free(key);
	return out;
}

static char *
ed25519_pem(const char *hex)
{
	unsigned char	raw[32];

	if (crypto_unhex(hex, raw, sizeof(raw)))
		exit(EXIT_FAILURE);
	return key_pem(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL,
	    raw, sizeof(raw)));
}

static char *
hex_of_b64(const char *b64)
{
	unsigned char	 raw[SIGN_LEN];
	char		*hex = arena_alloc(arena, 2 * SIGN_LEN + 1);

	if (sign_decode(b64, raw))
		return NULL;
	crypto_hex(raw, sizeof(raw), hex);
	return hex;
}

static void
test_loading(void)
{
	char	*path;

	is_int(sign_init("/nonexistent/signing.pem"), -1,
	    "init: a missing file is refused");
	ok(!sign_loaded(), "init: ... and nothing is loaded");
	path = temp_file("not a key\n");
	is_int(sign_init(path), -1, "init: a file that is not PEM is refused");
	unlink(path);
	path = temp_file(key_pem(EVP_PKEY_Q_keygen(NULL, NULL, "EC",
	    "P-256")));
	is_int(sign_init(path), -1, "init: a P-256 key is refused");
	unlink(path);
	path = temp_file(key_pem(EVP_PKEY_Q_keygen(NULL, NULL, "X25519")));
	is_int(sign_init(path), -1, "init: an X25519 key is refused");
	unlink(path);
	ok(!sign_loaded(), "init: after refusals nothing is loaded");
}

static void
test_known_answer(void)
{
	unsigned char	 raw[32];
	BIO		*bio;
	EVP_PKEY	*pub;
	size_t		 len = sizeof(raw);
	char		*path = temp_file(ed25519_pem(rfc_secret)), hex[65];
	const char	*pem;

	is_int(sign_init(path), 0, "init: the RFC 8032 key loads");
	unlink(path);
	ok(sign_loaded(), "init: ... and is loaded");
	is_str(hex_of_b64(sign_base64(arena, "", 0)), rfc_sig_empty,
	    "sign: RFC 8032 test 1 (empty message)");
	is_int(strlen(sign_base64(arena, "", 0)), SIGN_B64_LEN,
	    "sign: base64 is %d characters", SIGN_B64_LEN);
	pem = sign_public_pem();
	ok(strncmp(pem, "-----BEGIN PUBLIC KEY-----\n", 27) == 0,
	    "public key: PEM SubjectPublicKeyInfo");
	bio = BIO_new_mem_buf(pem, -1);
	pub = PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL);
	BIO_free(bio);
	ok(pub != NULL && EVP_PKEY_get_raw_public_key(pub, raw, &len) == 1,
	    "public key: OpenSSL reads it back");
	crypto_hex(raw, sizeof(raw), hex);
	is_str(hex, rfc_public, "public key: the RFC 8032 public key");
	EVP_PKEY_free(pub);

	path = temp_file(ed25519_pem(rfc2_secret));
	is_int(sign_init(path), 0, "init: loading again replaces the key");
	unlink(path);
	is_str(hex_of_b64(sign_base64(arena, "\x72", 1)), rfc2_sig_72,
	    "sign: RFC 8032 test 2 (one byte 0x72)");
	ok(sign_verify_base64("\x72", 1, sign_base64(arena, "\x72", 1)),
	    "verify: RFC 8032 test 2 verifies");
}

/* With a fresh key: a round trip, then every kind of tampering. */
static void
test_tampering(void)
{
	static const char	 msg[] = "homeserve-signature-v1\nrating=5\n";
	char			*path, *good, *bad;
	unsigned char		 raw[SIGN_LEN];
	size_t			 n = strlen(msg);

	path = temp_file(key_pem(EVP_PKEY_Q_keygen(NULL, NULL, "ED25519")));
	is_int(sign_init(path), 0, "init: a fresh genpkey-style key loads");
	unlink(path);
	good = sign_base64(arena, msg, n);
	ok(sign_verify_base64(msg, n, good), "verify: the signature verifies");
	is_str(sign_base64(arena, msg, n), good,
	    "sign: Ed25519 is deterministic");
	ok(!sign_verify_base64("homeserve-signature-v1\nrating=1\n", n, good),
	    "verify: a tampered message fails");
	ok(!sign_verify_base64(msg, n - 1, good),
	    "verify: a truncated message fails");
	ok(!sign_verify_base64(msg, n, sign_base64(arena, "other", 5)),
	    "verify: another message's signature fails");

	is_int(sign_decode(good, raw), 0, "decode: the signature decodes");
	raw[10] ^= 0x01;
	bad = arena_alloc(arena, SIGN_B64_LEN + 1);
	EVP_EncodeBlock((unsigned char *)bad, raw, SIGN_LEN);
	ok(!sign_verify_base64(msg, n, bad), "verify: one flipped bit fails");
	raw[10] ^= 0x01;
	raw[63] ^= 0x80;
	EVP_EncodeBlock((unsigned char *)bad, raw, SIGN_LEN);
	ok(!sign_verify_base64(msg, n, bad), "verify: a flipped last bit fails");

	/* Malformed base64 is a failed check, never a crash. */
	ok(!sign_verify_base64(msg, n, ""), "malformed: empty");
	ok(!sign_verify_base64(msg, n, NULL), "malformed: NULL");
	ok(!sign_verify_base64(msg, n, "not base64 at all"), "malformed: words");
	bad = arena_strndup(arena, good, SIGN_B64_LEN - 2);
	ok(!sign_verify_base64(msg, n, bad), "malformed: no padding");
	bad = arena_printf(arena, "%s=", good);
	ok(!sign_verify_base64(msg, n, bad), "malformed: too long");
	bad = arena_strdup(arena, good);
	bad[20] = '*';
	ok(!sign_verify_base64(msg, n, bad), "malformed: a character outside "
	    "the alphabet");
	bad = arena_strdup(arena, good);
	bad[20] = ' ';
	ok(!sign_verify_base64(msg, n, bad), "malformed: a space inside");
	bad = arena_printf(arena, "%.44s\n%s", good, good + 44);
	ok(!sign_verify_base64(msg, n, bad), "malformed: a line break inside");
	bad = arena_strdup(arena, good);
	bad[40] = '=';
	ok(!sign_verify_base64(msg, n, bad), "malformed: padding inside");
	/* The character before "==" carries 4 spare bits that must be 0. */
	bad = arena_strdup(arena, good);
	bad[SIGN_B64_LEN - 3] = bad[SIGN_B64_LEN - 3] == 'B' ? 'C' : 'B';
	ok(sign_decode(bad, raw) == -1 || !sign_verify_base64(msg, n, bad),
	    "malformed: spare bits or another signature");
	bad[SIGN_B64_LEN - 3] = 'B';
	is_int(sign_decode(bad, raw), -1, "decode: non-zero spare bits are "
	    "refused");
	is_int(sign_decode("QUJD", raw), -1, "decode: the wrong length");
	sign_fini();
	ok(!sign_loaded(), "fini: nothing is loaded");
}

int
main(void)
{
	arena = arena_new();
	test_loading();
	test_known_answer();
	test_tampering();
	arena_free(arena);
	return done_testing();
}
