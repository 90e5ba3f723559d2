/* totp.c (test): RFC 4226 and RFC 6238 known answers, the verify window and reuse, base32 and the key URI. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "crypto.h"
#include "tap.h"
#include "totp.h"

static struct arena	*arena;

/* The secret of both RFCs' SHA-1 tests. */
static const unsigned char	rfc_key[] = "12345678901234567890";
#define RFC_KEYLEN	20

/* The 6-digit code for a step, with its leading zeros. */
static const char *
code_for(int64_t step)
{
	return arena_printf(arena, "%06u", (unsigned)totp_hotp(rfc_key,
	    RFC_KEYLEN, (uint64_t)step, 6));
}

/* RFC 4226 Appendix D. */
static void
test_hotp(void)
{
	static const uint32_t	want[] = { 755224, 287082, 359152, 969429,
				    338314, 254676, 287922, 162583, 399871,
				    520489 };
	uint64_t		i;

	for (i = 0; i < 10; i++)
		is_int(totp_hotp(rfc_key, RFC_KEYLEN, i, 6), want[i],
		    "hotp: RFC 4226 counter %d", (int)i);
}

/* RFC 6238 Appendix B, SHA-1 rows: 8 digits as printed, and our 6. */
static void
test_rfc6238(void)
{
	static const struct {
		int64_t		 time;
		uint32_t	 eight;
		const char	*six;
	} rows[] = {
		{ 59, 94287082, "287082" },
		{ 1111111109, 7081804, "081804" },
		{ 1111111111, 14050471, "050471" },
		{ 1234567890, 89005924, "005924" },
		{ 2000000000, 69279037, "279037" },
		{ 20000000000, 65353130, "353130" },
	};
	int64_t		step;
	size_t		i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		step = totp_step(rows[i].time);
		is_int(totp_hotp(rfc_key, RFC_KEYLEN, (uint64_t)step, 8),
		    rows[i].eight, "totp: RFC 6238 at %lld, 8 digits",
		    (long long)rows[i].time);
		is_str(code_for(step), rows[i].six,
		    "totp: RFC 6238 at %lld, 6 digits",
		    (long long)rows[i].time);
		step = -1;
		is_int(totp_verify(rfc_key, RFC_KEYLEN, rows[i].six,
		    rows[i].time, -1, &step), 1, "verify: RFC 6238 at %lld",
		    (long long)rows[i].time);
		is_int(step, totp_step(rows[i].time), "verify: ... its step");
	}
}

static void
test_step(void)
{
	is_int(totp_step(0), 0, "step: the epoch");
	is_int(totp_step(29), 0, "step: 29 s");
	is_int(totp_step(30), 1, "step: 30 s");
	is_int(totp_step(59), 1, "step: 59 s");
	is_int(totp_step(1111111109), 37037036, "step: RFC 6238 T=0x23523EC");
	is_int(totp_step(1111111111), 37037037, "step: RFC 6238 T=0x23523ED");
	is_int(totp_step(20000000000), 666666666, "step: past 2038");
	is_int(totp_step(-1), -1, "step: before the epoch rounds down");
	is_int(totp_step(-30), -1, "step: -30 s");
	is_int(totp_step(-31), -2, "step: -31 s");
}

/* now-1, now and now+1 are accepted, and nothing further out. */
static void
test_window(void)
{
	const int64_t	now = 1111111111, step = totp_step(now);
	int64_t		got, d;

	for (d = -1; d <= 1; d++) {
		got = -1;
		is_int(totp_verify(rfc_key, RFC_KEYLEN, code_for(step + d),
		    now, -1, &got), 1, "window: step now%+d accepted", (int)d);
		is_int(got, step + d, "window: ... matched step now%+d",
		    (int)d);
	}
	for (d = -3; d <= 3; d += 1) {
		if (d >= -1 && d <= 1)
			continue;
		got = 12345;
		is_int(totp_verify(rfc_key, RFC_KEYLEN, code_for(step + d),
		    now, -1, &got), 0, "window: step now%+d refused", (int)d);
		is_int(got, 12345, "window: ... matched step left alone");
	}
	/* Either edge of the current step is the same step. */
	is_int(totp_verify(rfc_key, RFC_KEYLEN, code_for(step), step * 30,
	    -1, NULL), 1, "window: first second of the step, no out pointer");
	is_int(totp_verify(rfc_key, RFC_KEYLEN, code_for(step), step * 30 + 29,
	    -1, NULL), 1, "window: last second of the step");
	is_int(totp_verify(rfc_key, RFC_KEYLEN, code_for(step - 1),
	    step * 30 + 30, -1, NULL), 0,
	    "window: a code two steps old at the next step's start");
	is_int(totp_verify(rfc_key, RFC_KEYLEN, code_for(0), 15, -1, NULL), 1,
	    "window: step 0 works");
	is_int(totp_verify(rfc_key, RFC_KEYLEN, "755224", 15, -1, NULL), 1,
	    "window: ... which is HOTP counter 0");
	is_int(totp_verify(rfc_key, RFC_KEYLEN, code_for(0), -45, -1, NULL),
	    0, "window: before the epoch, no steps at all");
	is_int(totp_verify(rfc_key, RFC_KEYLEN, code_for(-1), -45,
	    INT64_MIN, NULL), 0, "window: ... not even -1 as counter 2^64-1");
}

/*
 * HOTP counters 910737 and 910738 of the RFC key give the same code:
 * either step's use spends both, so the later one is recorded.
 */
static void
test_collision(void)
{
	const int64_t	first = 910737, second = 910738;
	int64_t		got;

	is_str(code_for(first), "911617", "collision: counter %lld",
	    (long long)first);
	is_str(code_for(second), "911617", "collision: counter %lld",
	    (long long)second);
	got = -1;
	is_int(totp_verify(rfc_key, RFC_KEYLEN, "911617", first * 30, -1,
	    &got), 1, "collision: accepted in the first step");
	is_int(got, second, "collision: ... the later step recorded");
	is_int(totp_verify(rfc_key, RFC_KEYLEN, "911617", second * 30, first,
	    &got), 1, "collision: the first step spent, the second is not");
	is_int(got, second, "collision: ... and is recorded");
}

/* A code signs in once: steps at or before last_step are spent. */
static void
test_reuse(void)
{
	const int64_t	now = 1234567890, step = totp_step(now);
	int64_t		got = -1;

	is_int(totp_verify(rfc_key, RFC_KEYLEN, code_for(step), now, -1, &got),
	    1, "reuse: first use");
	is_int(got, step, "reuse: ... records the step");
	is_int(totp_verify(rfc_key, RFC_KEYLEN, code_for(step), now, got, &got),
	    0, "reuse: same code again refused");
	is_int(totp_verify(rfc_key, RFC_KEYLEN, code_for(step), now + 29,
	    got, &got), 0, "reuse: ... and later in the window");
	is_int(totp_verify(rfc_key, RFC_KEYLEN, code_for(step - 1), now, got,
	    &got), 0, "reuse: an older code after a newer one refused");
	is_int(totp_verify(rfc_key, RFC_KEYLEN, code_for(step + 1), now, got,
	    &got), 1, "reuse: the next step's code accepted");
	is_int(got, step + 1, "reuse: ... records the next step");
	is_int(totp_verify(rfc_key, RFC_KEYLEN, code_for(step), now,
	    step - 1, NULL), 1, "reuse: last_step one before is fine");
	is_int(totp_verify(rfc_key, RFC_KEYLEN, code_for(step), now,
	    INT64_MAX, NULL), 0, "reuse: last_step far ahead refuses all");
}

/* Malformed codes are refused even when the digits in them are right. */
static void
test_malformed(void)
{
	const int64_t	 now = 2000000000;
	const char	*right = code_for(totp_step(now));
	const char	*bad[] = { "12345", "1234567", "12a456", " 123456",
			    "123456 ", "", "+12345", "-12345", "12345\n",
			    "123 456", "123-456", "\xef\xbc\x91" "23456",
			    "1234.5", "12345\x7f" };
	static const char	*around[][2] = { { " ", "" }, { "", " " },
				    { "", "\n" }, { "0", "" }, { "", "0" },
				    { "\t", "" }, { "", "\r\n" } };
	char		 buf[32];
	unsigned char	 empty[1] = { 0 };
	size_t		 i;

	is_int(totp_verify(rfc_key, RFC_KEYLEN, right, now, -1, NULL), 1,
	    "malformed: control code '%s' is right", right);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		is_int(totp_verify(rfc_key, RFC_KEYLEN, bad[i], now, -1, NULL),
		    0, "malformed: '%s' refused", bad[i]);
	for (i = 0; i < sizeof(around) / sizeof(around[0]); i++) {
		snprintf(buf, sizeof(buf), "%s%s%s", around[i][0], right,
		    around[i][1]);
		is_int(totp_verify(rfc_key, RFC_KEYLEN, buf, now, -1, NULL), 0,
		    "malformed: right code as '%s' refused", buf);
	}
	memcpy(buf, right, 3);
	memcpy(buf + 4, right + 3, 4);
	buf[3] = ' ';
	is_int(totp_verify(rfc_key, RFC_KEYLEN, buf, now, -1, NULL), 0,
	    "malformed: right code with a space inside refused");
	totp_normalise(buf);
	is_int(totp_verify(rfc_key, RFC_KEYLEN, buf, now, -1, NULL), 1,
	    "malformed: ... accepted once normalised");
	is_int(totp_verify(rfc_key, RFC_KEYLEN, NULL, now, -1, NULL), 0,
	    "malformed: NULL refused");
	snprintf(buf, sizeof(buf), "%06u", (unsigned)totp_hotp(empty, 0,
	    (uint64_t)totp_step(now), 6));
	is_int(totp_verify(empty, 0, buf, now, -1, NULL), 0,
	    "malformed: an empty key refuses even its own code");
}

static void
test_normalise(void)
{
	static const struct {
		const char	*in, *out;
	} cases[] = {
		{ "123456", "123456" },
		{ "123 456", "123456" },
		{ "123-456", "123456" },
		{ " 12 34-56 ", "123456" },
		{ "", "" },
		{ "  - ", "" },
		{ "12\t3456", "12\t3456" },
		{ "12a456", "12a456" },
	};
	char	buf[32];
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(buf, sizeof(buf), "%s", cases[i].in);
		totp_normalise(buf);
		is_str(buf, cases[i].out, "normalise: '%s'", cases[i].in);
	}
	totp_normalise(NULL);
	ok(1, "normalise: NULL is left alone");
}

/* RFC 4648 section 10, without the padding we never write. */
static void
test_base32_vectors(void)
{
	static const struct {
		const char	*raw, *enc;
	} v[] = {
		{ "", "" }, { "f", "MY" }, { "fo", "MZXQ" }, { "foo", "MZXW6" },
		{ "foob", "MZXW6YQ" }, { "fooba", "MZXW6YTB" },
		{ "foobar", "MZXW6YTBOI" },
	};
	unsigned char	out[16];
	size_t		i, n;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		is_str(totp_base32(arena, (const unsigned char *)v[i].raw,
		    strlen(v[i].raw)), v[i].enc, "base32: '%s'", v[i].raw);
		n = 99;
		is_int(totp_unbase32(v[i].enc, out, sizeof(out), &n), 0,
		    "unbase32: '%s'", v[i].enc);
		is_int(n, strlen(v[i].raw), "unbase32: ... length");
		is_mem(out, v[i].raw, n, "unbase32: ... bytes");
	}
	is_str(totp_base32(arena, (const unsigned char *)"\xff\x00\x80", 3),
	    "74AIA", "base32: high and zero bytes");
}

static void
test_base32_roundtrip(void)
{
	unsigned char	 raw[25], back[25];
	char		*enc;
	size_t		 len, n;
	int		 good = 1;

	for (len = 0; len <= sizeof(raw); len++) {
		crypto_random(raw, len);
		enc = totp_base32(arena, raw, len);
		n = 99;
		good &= is_int(strlen(enc), (len * 8 + 4) / 5,
		    "roundtrip: %zu bytes, %zu digits", len, strlen(enc));
		good &= is_int(strspn(enc, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
		    strlen(enc), "roundtrip: ... all from the alphabet");
		good &= is_int(totp_unbase32(enc, back, len, &n), 0,
		    "roundtrip: ... decodes into exactly %zu bytes", len);
		good &= is_int(n, len, "roundtrip: ... length");
		good &= is_mem(back, raw, len, "roundtrip: ... bytes");
		if (len > 0)
			good &= is_int(totp_unbase32(enc, back, len - 1, &n),
			    -1, "roundtrip: ... not into %zu", len - 1);
		if (!good)
			diag("raw bytes gave '%s'", enc);
	}
}

/* What people type or paste: lower case, spaces, padding. */
static void
test_base32_tolerant(void)
{
	static const char	*same[] = { "mzxw6ytboi", "MzXw6YtBoI",
				    "MZXW 6YTB OI", " MZXW6YTBOI ",
				    "MZXW6YTBOI======", "mzxw 6ytb oi== ====",
				    "MZXW6YTBOI= " };
	unsigned char		 out[16];
	size_t			 i, n;

	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		n = 0;
		is_int(totp_unbase32(same[i], out, sizeof(out), &n), 0,
		    "unbase32: '%s' decodes", same[i]);
		ok(n == 6 && memcmp(out, "foobar", 6) == 0,
		    "unbase32: ... to 'foobar'");
	}
	is_int(totp_unbase32("MZXW6YQ=", out, sizeof(out), &n), 0,
	    "unbase32: padded 'foob'");
	ok(n == 4 && memcmp(out, "foob", 4) == 0, "unbase32: ... to 'foob'");
	is_int(totp_unbase32("my======", out, sizeof(out), NULL), 0,
	    "unbase32: padded lower case, no length wanted");
	is_int(out[0], 'f', "unbase32: ... is 'f'");
	is_int(totp_unbase32("", out, 0, &n), 0, "unbase32: empty");
	is_int(n, 0, "unbase32: ... nothing");
	is_int(totp_unbase32("  ==", out, 0, &n), 0, "unbase32: only padding");
}

static void
test_base32_refused(void)
{
	static const char	*bad[] = { "MZXW6YTBO1", "MZXW6YTBO0",
				    "MZXW6YTBO8", "MZXW6YTBO!", "MZXW6YTBO9",
				    "MZXW6YT-BOI", "MZXW6YTB\tOI",
				    "MZXW6YTB\nOI", "MZXW6YTBOI\n", "MY=MY",
				    "MZ=XQ", "MZXW6YTBO\xc3\x89", "M", "MZX",
				    "MZXW6Y", "MZ", "MZXR", "MZXW7", "MZXW6YR",
				    "A", "AAA", "MYA", "AAAAAA", "MZXW6YTBOIA",
				    "MZXW6YTBOJ", "+ZXW6YTBOI", "MZXW6YTBOI/" };
	unsigned char		 out[16];
	size_t			 i, n;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(out, 0xaa, sizeof(out));
		n = 77;
		is_int(totp_unbase32(bad[i], out, sizeof(out), &n), -1,
		    "unbase32: '%s' refused", bad[i]);
		ok(n == 77 && out[0] != 'f', "unbase32: ... and left nothing");
	}
	is_int(totp_unbase32(NULL, out, sizeof(out), &n), -1,
	    "unbase32: NULL refused");
	is_int(totp_unbase32("MZXW6YTBOI", out, 5, &n), -1,
	    "unbase32: 6 bytes do not fit in 5");
	is_int(totp_unbase32("MZXW6YTBOI", out, 6, &n), 0,
	    "unbase32: ... but do in 6");
	is_int(totp_unbase32("MY", out, 0, &n), -1,
	    "unbase32: 1 byte does not fit in 0");
}

/* A generated secret's base32, as the enrolment page will show it. */
static void
test_secret(void)
{
	unsigned char	 key[TOTP_SECRET_BYTES], back[TOTP_SECRET_BYTES + 1];
	char		*enc;
	size_t		 n;

	crypto_random(key, sizeof(key));
	enc = totp_base32(arena, key, sizeof(key));
	is_int(strlen(enc), TOTP_SECRET_BASE32_LEN,
	    "secret: TOTP_SECRET_BASE32_LEN digits");
	is_int(totp_unbase32(enc, back, sizeof(back), &n), 0,
	    "secret: decodes");
	is_int(n, TOTP_SECRET_BYTES, "secret: ... TOTP_SECRET_BYTES");
	is_mem(back, key, sizeof(key), "secret: ... the same bytes");
}

static void
test_uri(void)
{
	is_str(totp_uri(arena, "HomeServe", "ops mgr@example.test",
	    "JBSWY3DPEHPK3PXP"), "otpauth://totp/HomeServe:"
	    "ops%20mgr%40example.test?secret=JBSWY3DPEHPK3PXP"
	    "&issuer=HomeServe&algorithm=SHA1&digits=6&period=30",
	    "uri: issuer and account");
	is_str(totp_uri(arena, "A:B & C", "x:y?z=1#f/g+h",
	    "GEZDGNBV"), "otpauth://totp/A%3AB%20%26%20C:"
	    "x%3Ay%3Fz%3D1%23f%2Fg%2Bh?secret=GEZDGNBV"
	    "&issuer=A%3AB%20%26%20C&algorithm=SHA1&digits=6&period=30",
	    "uri: ':' and the URI's own delimiters escaped in the names");
	is_str(totp_uri(arena, "Home-Serve_1.0~", "R\xc3\xa9mi%", "MY"),
	    "otpauth://totp/Home-Serve_1.0~:R%C3%A9mi%25?secret=MY"
	    "&issuer=Home-Serve_1.0~&algorithm=SHA1&digits=6&period=30",
	    "uri: unreserved kept, UTF-8 and '%%' escaped byte by byte");
	is_str(totp_uri(arena, "", "", ""), "otpauth://totp/:?secret="
	    "&issuer=&algorithm=SHA1&digits=6&period=30", "uri: empty parts");
}

int
main(void)
{
	arena = arena_new();
	test_hotp();
	test_rfc6238();
	test_step();
	test_window();
	test_reuse();
	test_collision();
	test_malformed();
	test_normalise();
	test_base32_vectors();
	test_base32_roundtrip();
	test_base32_tolerant();
	test_base32_refused();
	test_secret();
	test_uri();
	arena_free(arena);
	return done_testing();
}
