/* crypto.c (test): hex, SHA-256 and HMAC known answers, comparison, tokens and scrypt password hashes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "crypto.h"
#include "tap.h"

static struct arena	*arena;

/* Hex of a fresh SHA-256 of n bytes of p. */
static const char *
sha_hex(const void *p, size_t n)
{
	return crypto_sha256_hex(arena, p, n);
}

/* Hex of HMAC-SHA256(key, msg), the first outlen bytes of it. */
static const char *
hmac_hex(const void *key, size_t klen, const void *msg, size_t mlen,
    size_t outlen)
{
	unsigned char	 md[CRYPTO_SHA256_LEN];
	char		*hex = arena_alloc(arena, 2 * CRYPTO_SHA256_LEN + 1);

	crypto_hmac_sha256(key, klen, msg, mlen, md);
	crypto_hex(md, outlen, hex);
	return hex;
}

static void
test_hex(void)
{
	static const unsigned char	bytes[] = { 0x00, 0x01, 0xab, 0xff };
	unsigned char			out[4];
	char				hex[9];

	crypto_hex(bytes, 4, hex);
	is_str(hex, "0001abff", "hex: lower-case, two digits a byte");
	crypto_hex(bytes, 0, hex);
	is_str(hex, "", "hex: nothing");
	is_int(crypto_unhex("0001abff", out, 4), 0, "unhex: decodes");
	is_mem(out, bytes, 4, "unhex: bytes");
	memset(out, 0, sizeof(out));
	is_int(crypto_unhex("0001ABFF", out, 4), 0, "unhex: upper case too");
	is_mem(out, bytes, 4, "unhex: ... same bytes");
	is_int(crypto_unhex("", out, 0), 0, "unhex: nothing");
	is_int(crypto_unhex("0001abf", out, 4), -1, "unhex: too short");
	is_int(crypto_unhex("0001abff0", out, 4), -1, "unhex: too long");
	is_int(crypto_unhex("0001abfg", out, 4), -1, "unhex: not hex");
	is_int(crypto_unhex(" 001abff", out, 4), -1, "unhex: space");
	is_int(crypto_unhex("+001abff", out, 4), -1, "unhex: sign");
	is_int(crypto_unhex("0x01abff", out, 4), -1, "unhex: 0x");
}

static void
test_sha256(void)
{
	unsigned char	md[CRYPTO_SHA256_LEN];
	char		hex[2 * CRYPTO_SHA256_LEN + 1], *million;

	is_str(sha_hex("", 0), "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855", "sha256: empty");
	is_str(sha_hex("abc", 3), "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad", "sha256: abc");
	is_str(sha_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	    56), "248d6a61d20638b8e5c026930c3e6039"
	    "a33ce45964ff2167f6ecedd419db06c1", "sha256: 448 bits");
	million = arena_alloc(arena, 1000000);
	memset(million, 'a', 1000000);
	is_str(sha_hex(million, 1000000), "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0", "sha256: a million 'a'");
	crypto_sha256("abc", 3, md);
	crypto_hex(md, sizeof(md), hex);
	is_str(hex, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad", "sha256: raw digest");
	is_str(sha_hex("a\0b", 3), "59b271ae1bbcb1d31d41929817f4b16f"
	    "b439eb4f31520b5ad1d5ce98920a7138", "sha256: NUL bytes are data");
}

/* RFC 4231 test cases 1 to 7. */
static void
test_hmac(void)
{
	unsigned char	key[131], data[50];
	size_t		i;

	memset(key, 0x0b, 20);
	is_str(hmac_hex(key, 20, "Hi There", 8, 32),
	    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
	    "hmac: RFC 4231 case 1");
	is_str(hmac_hex("Jefe", 4, "what do ya want for nothing?", 28, 32),
	    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
	    "hmac: RFC 4231 case 2");
	memset(key, 0xaa, 20);
	memset(data, 0xdd, 50);
	is_str(hmac_hex(key, 20, data, 50, 32),
	    "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
	    "hmac: RFC 4231 case 3");
	for (i = 0; i < 25; i++)
		key[i] = (unsigned char)(i + 1);
	memset(data, 0xcd, 50);
	is_str(hmac_hex(key, 25, data, 50, 32),
	    "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
	    "hmac: RFC 4231 case 4");
	memset(key, 0x0c, 20);
	is_str(hmac_hex(key, 20, "Test With Truncation", 20, 16),
	    "a3b6167473100ee06e0c796c2955552b", "hmac: RFC 4231 case 5");
	memset(key, 0xaa, 131);
	is_str(hmac_hex(key, 131, "Test Using Larger Than Block-Size Key - "
	    "Hash Key First", 54, 32),
	    "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
	    "hmac: RFC 4231 case 6");
	is_str(hmac_hex(key, 131, "This is a test using a larger than "
	    "block-size key and a larger than block-size data. The key needs "
	    "to be hashed before being used by the HMAC algorithm.", 152, 32),
	    "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
	    "hmac: RFC 4231 case 7");
}

static void
test_compare(void)
{
	is_int(crypto_streq("abc", "abc"), 1, "streq: equal");
	is_int(crypto_streq("abc", "abd"), 0, "streq: last byte differs");
	is_int(crypto_streq("xbc", "abc"), 0, "streq: first byte differs");
	is_int(crypto_streq("abc", "abcd"), 0, "streq: prefix is not equal");
	is_int(crypto_streq("abcd", "abc"), 0, "streq: ... either way");
	is_int(crypto_streq("", ""), 1, "streq: empty strings");
	is_int(crypto_streq("", "a"), 0, "streq: empty and not");
	is_int(crypto_equal("a\0b", "a\0b", 3), 1, "equal: past a NUL");
	is_int(crypto_equal("a\0b", "a\0c", 3), 0, "equal: ... differs");
	is_int(crypto_equal("x", "y", 0), 1, "equal: zero bytes");
}

static void
test_random(void)
{
	unsigned char	 zero[32] = { 0 }, r[32];
	char		*t1 = crypto_token(arena, 32), *t2 = crypto_token(arena, 32);

	is_int(strlen(t1), 64, "token: two hex digits a byte");
	is_int(strspn(t1, "0123456789abcdef"), 64, "token: all hex");
	ok(strcmp(t1, t2) != 0, "token: two tokens differ");
	is_int(strlen(crypto_token(arena, 1)), 2, "token: one byte");
	is_str(crypto_token(arena, 0), "", "token: zero bytes");
	crypto_random(r, sizeof(r));
	ok(memcmp(r, zero, sizeof(r)) != 0, "random: not all zero");
}

static void
test_passwords(void)
{
	static const char	*prefix = "scrypt$ln=13$r=8$p=10$";
	char			 h1[CRYPTO_HASH_MAX], h2[CRYPTO_HASH_MAX];
	char			 bad[CRYPTO_HASH_MAX * 2];
	const char		*salt, *key;
	size_t			 plen = strlen(prefix);

	is_int(crypto_password_hash("correct horse", h1), 0, "hash: works");
	ok(strncmp(h1, prefix, plen) == 0, "hash: '%s' names its parameters",
	    h1);
	is_int(strlen(h1), plen + 32 + 1 + 64, "hash: salt and key lengths");
	is_int(strspn(h1 + plen, "0123456789abcdef$"), 97,
	    "hash: lower-case hex");
	ok(strlen(h1) < CRYPTO_HASH_MAX, "hash: fits CRYPTO_HASH_MAX");
	is_int(crypto_password_verify("correct horse", h1), 1,
	    "verify: right password");
	is_int(crypto_password_verify("correct horsE", h1), 0,
	    "verify: wrong password");
	is_int(crypto_password_verify("correct horse ", h1), 0,
	    "verify: a trailing space matters");
	is_int(crypto_password_verify("", h1), 0, "verify: empty password");
	crypto_password_hash("correct horse", h2);
	ok(strcmp(h1, h2) != 0, "hash: salted, so two hashes differ");
	is_int(crypto_password_verify("correct horse", h2), 1,
	    "verify: ... both verify");
	is_int(crypto_password_hash("", h2), 0, "hash: empty password");
	is_int(crypto_password_verify("", h2), 1, "verify: empty password");
	crypto_password_hash("p\xc3\xa4ss w\xe2\x82\xb9rd", h2);
	is_int(crypto_password_verify("p\xc3\xa4ss w\xe2\x82\xb9rd", h2), 1,
	    "verify: UTF-8 password");

	/* Tampering with a well-formed hash is a mismatch, not an error. */
	salt = h1 + plen;
	key = salt + 33;
	snprintf(bad, sizeof(bad), "%s%c%s", prefix,
	    salt[0] == '0' ? '1' : '0', salt + 1);
	is_int(crypto_password_verify("correct horse", bad), 0,
	    "verify: tampered salt is a mismatch");
	snprintf(bad, sizeof(bad), "%.*s%c", (int)(key - h1 + 63), h1,
	    key[63] == '0' ? '1' : '0');
	is_int(crypto_password_verify("correct horse", bad), 0,
	    "verify: tampered key is a mismatch");
	snprintf(bad, sizeof(bad), "scrypt$ln=12$r=8$p=10$%s", salt);
	is_int(crypto_password_verify("correct horse", bad), 0,
	    "verify: changed cost is a mismatch");
}

/* frame with its "%s" replaced by tail. */
static const char *
framed(const char *frame, const char *tail)
{
	const char	*at = strstr(frame, "%s");

	return arena_printf(arena, "%.*s%s%s", (int)(at - frame), frame, tail,
	    at + 2);
}

/* Stored strings that are not hashes we would write are -1, quickly. */
static void
test_malformed(void)
{
	static const char	*frames[] = {
		"scrypt$ln=9$r=8$p=10$%s",
		"scrypt$ln=21$r=8$p=10$%s",
		"scrypt$ln=-1$r=8$p=10$%s",
		"scrypt$ln=13$r=0$p=10$%s",
		"scrypt$ln=13$r=17$p=10$%s",
		"scrypt$ln=13$r=8$p=0$%s",
		"scrypt$ln=13$r=8$p=17$%s",
		"scrypt$ln=99$r=99$p=99$%s",
		"scrypt$ln=13$r=8$%s",
		"scrypt$ln=13$r=8$p=10$p=10$%s",
		"bcrypt$ln=13$r=8$p=10$%s",
		"SCRYPT$ln=13$r=8$p=10$%s",
		"scrypt$ln=13$r=8$p=10$%sx",
		"scrypt$ln=13$r=8$p=10$%s$",
		"scrypt$ln=13$r=8$p=10$%s0",
		"scrypt$ln=13$r=8$p=10$%s\n",
		"scrypt$ln=13$r=8$p=10$0%s",
		"scrypt$ln=130$r=8$p=10$%s",
		" scrypt$ln=13$r=8$p=10$%s",
	};
	static const char	*whole[] = {
		"", "scrypt", "scrypt$", "scrypt$ln=13$r=8$p=10$",
		"scrypt$ln=13$r=8$p=10$$",
		/* salt one digit short, then key one digit short */
		"scrypt$ln=13$r=8$p=10$00112233445566778899aabbccddeef$"
		"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
		"scrypt$ln=13$r=8$p=10$00112233445566778899aabbccddeeff$"
		"00112233445566778899aabbccddeeff00112233445566778899aabbccddeef",
		/* upper-case hex is not what we write */
		"scrypt$ln=13$r=8$p=10$00112233445566778899AABBCCDDEEFF$"
		"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
		/* salt too long */
		"scrypt$ln=13$r=8$p=10$00112233445566778899aabbccddeeff00$"
		"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
	};
	static const char	*tail = "00112233445566778899aabbccddeeff$"
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
	char			*huge;
	size_t			 i;

	/* The well-formed frame first, so the malformed ones can fail. */
	is_int(crypto_password_verify("x", framed("scrypt$ln=10$r=1$p=1$%s",
	    tail)), 0, "malformed: the control frame is a plain mismatch");
	for (i = 0; i < sizeof(frames) / sizeof(frames[0]); i++)
		is_int(crypto_password_verify("x", framed(frames[i], tail)), -1,
		    "malformed: %s", frames[i]);
	for (i = 0; i < sizeof(whole) / sizeof(whole[0]); i++)
		is_int(crypto_password_verify("x", whole[i]), -1,
		    "malformed: whole string %zu", i);
	huge = arena_alloc(arena, 100001);
	memset(huge, 'a', 100000);
	huge[100000] = '\0';
	memcpy(huge, "scrypt$ln=13$r=8$p=10$", 22);
	is_int(crypto_password_verify("x", huge), -1, "malformed: 100 kB salt");
}

/* Sealed secrets: only the key opens them, and any change is refused. */
static void
test_seal(void)
{
	static const char	 secret[] = "12345678901234567890";
	unsigned char		 key[CRYPTO_SEAL_KEY], other[CRYPTO_SEAL_KEY];
	unsigned char		 box[sizeof(secret) + CRYPTO_SEAL_OVERHEAD];
	unsigned char		 box2[sizeof(box)];
	char			 out[sizeof(secret)];
	size_t			 i, n = sizeof(box), refused = 0;

	memset(key, 7, sizeof(key));
	memset(other, 8, sizeof(other));
	crypto_seal(key, secret, sizeof(secret), box);
	ok(crypto_open(key, box, n, out) == 0 &&
	    memcmp(out, secret, sizeof(secret)) == 0, "seal: opens to the secret");
	ok(memmem(box, n, "1234567890", 10) == NULL, "seal: no plain text inside");
	crypto_seal(key, secret, sizeof(secret), box2);
	ok(memcmp(box, box2, n) != 0, "seal: a fresh nonce each time");
	is_int(crypto_open(other, box, n, out), -1, "seal: another key is refused");
	for (i = 0; i < n * 8; i++) {
		box[i / 8] ^= (unsigned char)(1u << i % 8);
		refused += crypto_open(key, box, n, out) == -1;
		box[i / 8] ^= (unsigned char)(1u << i % 8);
	}
	is_int((long long)refused, (long long)(n * 8),
	    "seal: each of the %zu bits flipped is refused", n * 8);
	is_int(crypto_open(key, box, n - 1, out), -1, "seal: cut short: refused");
	is_int(crypto_open(key, box, CRYPTO_SEAL_OVERHEAD - 1, out), -1,
	    "seal: shorter than its overhead: refused");
	crypto_seal(key, "", 0, box);
	is_int(crypto_open(key, box, CRYPTO_SEAL_OVERHEAD, out), 0,
	    "seal: an empty secret round-trips");
}

int
main(void)
{
	arena = arena_new();
	test_hex();
	test_sha256();
	test_hmac();
	test_compare();
	test_random();
	test_passwords();
	test_malformed();
	test_seal();
	arena_free(arena);
	return done_testing();
}
