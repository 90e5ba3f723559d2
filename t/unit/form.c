/* form.c (test): every field validator with good, bad and hostile input, and the form <-> template bridge. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "fmt.h"
#include "form.h"
#include "http.h"
#include "tap.h"
#include "tmpl.h"

static struct arena	*arena;

static const struct form_field f_name =
    { "name", "Name", FORM_TEXT, FORM_REQUIRED, 2, 10 };
static const struct form_field f_bio =
    { "bio", "Bio", FORM_MULTILINE, 0, 0, 20 };
static const struct form_field f_nolimit =
    { "any", "Any", FORM_TEXT, 0, 0, 0 };
static const struct form_field f_user =
    { "user", "Username", FORM_USERNAME, FORM_REQUIRED, 0, 0 };
static const struct form_field f_email =
    { "email", "Email", FORM_EMAIL, 0, 0, 0 };
static const struct form_field f_phone =
    { "phone", "Phone", FORM_PHONE, 0, 0, 0 };
static const struct form_field f_pin =
    { "pin", "Pincode", FORM_PINCODE, 0, 0, 0 };
static const struct form_field f_pass =
    { "pass", "Password", FORM_PASSWORD, FORM_REQUIRED, 8, 64 };
static const struct form_field f_newpass =
    { "pass", "New password", FORM_NEW_PASSWORD, FORM_REQUIRED, 8, 128 };
static const struct form_field f_qty =
    { "qty", "Quantity", FORM_INT, 0, 1, 99 };
static const struct form_field f_big =
    { "big", "Big", FORM_INT, 0, 0, INT64_MAX };
static const struct form_field f_price =
    { "price", "Price", FORM_MONEY, FORM_REQUIRED, 100, 1000000 };
static const struct form_field f_agree =
    { "agree", "Agree", FORM_CHECKBOX, 0, 0, 0 };
static const struct form_field f_terms =
    { "terms", "Terms", FORM_CHECKBOX, FORM_REQUIRED, 0, 0 };
static const struct form_field f_slug =
    { "slug", "Slug", FORM_SLUG, 0, 0, 20 };
static const struct form_field f_when =
    { "when", "Date and time", FORM_LOCAL_TIME, FORM_REQUIRED, 0, 0 };
static const struct form_field f_later =
    { "later", "Later", FORM_LOCAL_TIME, 0, 0, 0 };

#define NOV21_0500Z	INT64_C(1795237200)	/* 2026-11-21T10:30 in India */
#define LOCAL_TIME_MSG	"Enter a date and time like 2026-12-05T10:30."

/* s with every byte outside printable ASCII escaped, for test names. */
static const char *
shown(const char *s)
{
	struct buf	 b = { 0 };
	const char	*out;

	if (s == NULL)
		return "(absent)";
	buf_puts(&b, "");
	for (; *s != '\0'; s++) {
		unsigned char	c = (unsigned char)*s;

		if (c >= 0x20 && c < 0x7f && c != '\\' && c != '#')
			buf_putc(&b, (char)c);
		else
			buf_printf(&b, "\\x%02x", c);
	}
	out = arena_strdup(arena, b.data);
	buf_free(&b);
	return out;
}

/* Read value (NULL: absent) as the only field fd; returns its error or NULL. */
static const char *
validate(const struct form_field *fd, const char *value, struct form_value *out)
{
	struct http_param	 p;
	struct http_params	 ps;
	struct form		 f;

	p.name = fd->name;
	p.value = value;
	p.len = value != NULL ? strlen(value) : 0;
	ps.v = &p;
	ps.n = value != NULL;
	form_init(&f, arena, fd, 1);
	if (form_read(&f, &ps) != (f.v[0].error != NULL))
		diag("form_read's count disagrees with the error");
	*out = f.v[0];
	return f.v[0].error;
}

#define accepts(fd, value, want) accepts_at(__LINE__, &(fd), (value), (want))
#define accepts_num(fd, value, want) \
	accepts_num_at(__LINE__, &(fd), (value), (want))
#define refuses(fd, value) refuses_at(__LINE__, &(fd), (value), NULL)
#define refuses_with(fd, value, message) \
	refuses_at(__LINE__, &(fd), (value), (message))

static void
accepts_at(int line, const struct form_field *fd, const char *value,
    const char *want)
{
	struct form_value	 v;
	const char		*err = validate(fd, value, &v);

	if (!tap_ok(err == NULL && strcmp(v.text, want) == 0, __FILE__, line,
	    "%s accepts '%s' as '%s'", fd->label, shown(value), shown(want)))
		diag("  error: %s; text: '%s'", err ? err : "none",
		    shown(v.text));
}

static void
accepts_num_at(int line, const struct form_field *fd, const char *value,
    int64_t want)
{
	struct form_value	 v;
	const char		*err = validate(fd, value, &v);

	if (!tap_ok(err == NULL && v.num == want, __FILE__, line,
	    "%s accepts '%s' as %lld", fd->label, shown(value),
	    (long long)want))
		diag("  error: %s; num: %lld", err ? err : "none",
		    (long long)v.num);
}

static void
refuses_at(int line, const struct form_field *fd, const char *value,
    const char *message)
{
	struct form_value	 v;
	const char		*err = validate(fd, value, &v);

	if (message == NULL)
		tap_ok(err != NULL, __FILE__, line, "%s refuses '%s'",
		    fd->label, shown(value));
	else
		tap_is_str(err, message, __FILE__, line, "%s refuses '%s': %s",
		    fd->label, shown(value), message);
}

static void
test_utf8(void)
{
	static const char *const good[] = {
		"", "plain", "\x7f", "\xc2\x80", "\xdf\xbf", "\xe0\xa0\x80",
		"\xed\x9f\xbf", "\xee\x80\x80", "\xef\xbf\xbf",
		"\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf", "\xe2\x82\xb9 500",
		"\xe0\xa4\xa8\xe0\xa4\xae\xe0\xa4\xb8\xe0\xa5\x8d\xe0\xa4\xa4\xe0\xa5\x87",
	};
	static const char *const bad[] = {
		"\x80", "\xbf", "\xc0\x80", "\xc0\xaf", "\xc1\xbf", "\xc2",
		"\xc2\x41", "\xe0\x80\xaf", "\xe0\x9f\xbf", "\xed\xa0\x80",
		"\xed\xbf\xbf", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80",
		"\xf5\x80\x80\x80", "\xf8\x88\x80\x80\x80", "\xfe", "\xff",
		"ok\xe2\x82", "\xe2\x82\xb9\xb9", "\xf0\x9f\x98",
	};
	size_t	i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		is_int(form_utf8_valid(good[i], strlen(good[i])), 1,
		    "utf8: '%s' valid", shown(good[i]));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		is_int(form_utf8_valid(bad[i], strlen(bad[i])), 0,
		    "utf8: '%s' invalid", shown(bad[i]));
	is_int(form_utf8_valid("\xe2\x82\xb9", 2), 0,
	    "utf8: a sequence cut by n is invalid");
	is_int(form_utf8_len(""), 0, "utf8 length: empty");
	is_int(form_utf8_len("abc"), 3, "utf8 length: ASCII");
	is_int(form_utf8_len("\xe2\x82\xb9\xc3\xa9\xf0\x9f\x98\x80"), 3,
	    "utf8 length: characters, not bytes");
}

static void
test_displayable(void)
{
	static const struct {
		const char	*in, *out;
	} cases[] = {
		{ "", "" },
		{ "plain <b>&", "plain <b>&" },
		{ "tab\tcr\rlf\n", "tab\tcr\rlf\n" },
		{ "\xc3\xa9\xe2\x82\xb9\xf0\x9f\x98\x80",
		    "\xc3\xa9\xe2\x82\xb9\xf0\x9f\x98\x80" },
		{ "a\x01z", "a\xef\xbf\xbdz" },
		{ "\x1b[31m", "\xef\xbf\xbd[31m" },
		{ "\x7f", "\xef\xbf\xbd" },
		{ "\xff", "\xef\xbf\xbd" },
		{ "a\xc3", "a\xef\xbf\xbd" },
		{ "\xe2\x82", "\xef\xbf\xbd\xef\xbf\xbd" },
		{ "\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd" },
		{ "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
		{ "\xf4\x90\x80\x80!",
		    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd!" },
		{ "\x80\xc3\xa9", "\xef\xbf\xbd\xc3\xa9" },
	};
	const char	*out;
	size_t		 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		out = form_displayable(arena, cases[i].in);
		is_str(out, cases[i].out, "displayable: '%s'", shown(cases[i].in));
	}
	out = form_displayable(arena, "\xff\xff\xff\xff");
	ok(strlen(out) == 12 && form_utf8_valid(out, 12),
	    "displayable: the worst case fits, three bytes for one");
}

static void
test_text(void)
{
	static const char *const broken[] = {
		"\xff", "Asha\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80",
		"\xf4\x90\x80\x80", "Ash\xc3", "\x80sha",
	};
	size_t	i;

	accepts(f_name, "Asha", "Asha");
	accepts(f_name, "  Asha Rao \t\r\n", "Asha Rao");
	accepts(f_name, "a\tb", "a\tb");
	accepts(f_name, "Ab", "Ab");
	accepts(f_name, "0123456789", "0123456789");
	accepts(f_name, "<b>&'\"", "<b>&'\"");
	refuses_with(f_name, "A", "Name must be at least 2 characters.");
	refuses_with(f_name, "   A   ", "Name must be at least 2 characters.");
	refuses_with(f_name, "0123456789A", "Name must be at most 10 characters.");
	/* Lengths count characters: ten 2-byte, 3-byte and 4-byte ones. */
	accepts(f_name, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", "\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
	refuses(f_name, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
	accepts(f_name, "\xe2\x82\xb9\xe2\x82\xb9", "\xe2\x82\xb9\xe2\x82\xb9");
	accepts(f_name, "\xf0\x9f\x98\x80\xf0\x9f\x98\x80",
	    "\xf0\x9f\x98\x80\xf0\x9f\x98\x80");
	refuses_with(f_name, "\xe2\x82\xb9", "Name must be at least 2 characters.");
	refuses_with(f_name, "a\x01z", "Name contains characters that are not "
	    "allowed.");
	refuses(f_name, "a\x1b[31mz");
	refuses(f_name, "a\x7fz");
	refuses(f_name, "a\nz");
	refuses(f_name, "a\rz");
	refuses(f_name, "a\vz");
	refuses_with(f_name, NULL, "Name is required.");
	refuses_with(f_name, "", "Name is required.");
	refuses_with(f_name, " \t\r\n ", "Name is required.");
	for (i = 0; i < sizeof(broken) / sizeof(broken[0]); i++)
		refuses_with(f_name, broken[i], "Name is not valid text.");

	accepts(f_bio, "line one\r\nline two", "line one\r\nline two");
	accepts(f_bio, "\n\na\nb\n\n", "a\nb");
	accepts(f_bio, NULL, "");
	accepts(f_bio, "  ", "");
	refuses(f_bio, "a\x1b" "b");
	refuses(f_bio, "a\x0c" "b");
	refuses(f_bio, "a\x7f" "b");
	refuses(f_bio, "a\xc0\x80");
	accepts(f_bio, "\xe0\xa4\xa8\xe0\xa4\xae\xe0\xa4\xb8\xe0\xa5\x8d"
	    "\xe0\xa4\xa4\xe0\xa5\x87 1234567890123", "\xe0\xa4\xa8\xe0\xa4"
	    "\xae\xe0\xa4\xb8\xe0\xa5\x8d\xe0\xa4\xa4\xe0\xa5\x87 "
	    "1234567890123");	/* 6 + 1 + 13 characters */
	refuses_with(f_bio, "123456789012345678901", "Bio must be at most 20 "
	    "characters.");
	accepts(f_nolimit, "x", "x");
}

static void
test_username(void)
{
	accepts(f_user, "asha_k.99-x", "asha_k.99-x");
	accepts(f_user, "  AshaRao  ", "AshaRao");
	accepts(f_user, "abc", "abc");
	accepts(f_user, "a23456789012345678901234567890",
	    "a23456789012345678901234567890");
	refuses_with(f_user, "ab", "Username must be 3 to 30 letters, digits, "
	    "dots, dashes or underscores.");
	refuses(f_user, "a234567890123456789012345678901");
	refuses(f_user, "asha rao");
	refuses(f_user, "asha@rao");
	refuses(f_user, "asha/rao");
	refuses(f_user, "../etc");
	refuses(f_user, "\xe0\xa4\x86\xe0\xa4\xb6\xe0\xa4\xbe");
	refuses(f_user, "asha\xc3\xa9");
	refuses_with(f_user, NULL, "Username is required.");
}

static void
test_email(void)
{
	accepts(f_email, "Asha@Example.COM", "asha@example.com");
	accepts(f_email, "  a@b.in \r\n", "a@b.in");
	accepts(f_email, "first.last+tag@mail.example.co.in",
	    "first.last+tag@mail.example.co.in");
	accepts(f_email, NULL, "");
	refuses_with(f_email, "asha", "Email must be an email address like "
	    "name@example.com.");
	refuses(f_email, "@example.com");
	refuses(f_email, "asha@");
	refuses(f_email, "asha@example");
	refuses(f_email, "asha@.com");
	refuses(f_email, "asha@example.");
	refuses(f_email, "a@b@example.com");
	refuses(f_email, "a sha@example.com");
	refuses(f_email, "asha@exa\tmple.com");
	refuses(f_email, "asha@example.com\nBcc: x@y.z");
	refuses(f_email, "asha\x01@example.com");
	refuses(f_email, "asha@example.com\x7f");
	refuses(f_email, "asha@\xff.com");
	/* 254 characters is the most an address may have. */
	accepts(f_email, arena_printf(arena, "%0249d@b.in", 0),
	    arena_printf(arena, "%0249d@b.in", 0));
	refuses(f_email, arena_printf(arena, "%0250d@b.in", 0));
}

static void
test_phone(void)
{
	static const char *const same[] = {
		"9876543210", "98765 43210", "98765-43210", "098765-43210",
		"09876543210", "+91 98765 43210", "+91-98765-43210",
		"+919876543210", "919876543210", " 9876 543 210 ",
		"91 98765 43210", "9876543210\n",
	};
	static const char *const bad[] = {
		"5876543210", "0876543210", "987654321", "98765432101",
		"+92 98765 43210", "98765x43210", "98765+43210",
		"++919876543210", "(98765) 43210", "98765.43210",
		"+1 650 555 1234", "+44 7911 123456", "99999999999999999999",
		"0000000000000000000000000000", "+", "-", "+ 91",
		"٩٨٧٦٥٤٣٢١٠" /* Arabic-Indic digits */, "+9876543210",
		"+09876543210",
	};
	size_t	i;

	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++)
		accepts(f_phone, same[i], "+919876543210");
	accepts(f_phone, "6000000000", "+916000000000");
	accepts(f_phone, NULL, "");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		refuses_with(f_phone, bad[i], "Phone must be a 10-digit Indian "
		    "mobile number.");
}

static void
test_pincode(void)
{
	accepts(f_pin, "110001", "110001");
	accepts(f_pin, " 560001 ", "560001");
	accepts(f_pin, "999999", "999999");
	refuses_with(f_pin, "11000", "Pincode must be a 6-digit pincode, like "
	    "110001.");
	refuses(f_pin, "011000");
	refuses(f_pin, "000000");
	refuses(f_pin, "1100011");
	refuses(f_pin, "11000a");
	refuses(f_pin, "110 001");
	refuses(f_pin, "-11000");
	refuses(f_pin, "+110001");
	refuses(f_pin, "\xef\xbc\x91\xef\xbc\x91\xef\xbc\x90\xef\xbc\x90"
	    "\xef\xbc\x90\xef\xbc\x91");
	accepts(f_pin, NULL, "");
}

static void
test_password(void)
{
	accepts(f_pass, "  secret pw  ", "  secret pw  ");
	accepts(f_pass, "        ", "        ");
	accepts(f_pass, "p\tssw\rrd", "p\tssw\rrd");
	accepts(f_pass, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
	refuses_with(f_pass, "\xc3\xa9\xc3\xa9\xc3\xa9z",
	    "Password must be at least 8 characters.");
	refuses(f_pass, "1234567");
	accepts(f_pass, arena_printf(arena, "%064d", 7),
	    arena_printf(arena, "%064d", 7));
	refuses_with(f_pass, arena_printf(arena, "%065d", 7),
	    "Password must be at most 64 characters.");
	refuses_with(f_pass, NULL, "Password is required.");
	refuses_with(f_pass, "", "Password is required.");
	refuses_with(f_pass, "secret\xff\xfe pass", "Password is not valid text.");
}

/* FORM_NEW_PASSWORD: the length, then libpwquality and the names above it. */
static void
test_new_password(void)
{
	static const struct form_field	fields[] = {
		{ "username", "Username", FORM_USERNAME, FORM_REQUIRED, 3, 30 },
		{ "email", "Email", FORM_EMAIL, FORM_REQUIRED, 3, 254 },
		{ "password", "Password", FORM_NEW_PASSWORD, FORM_REQUIRED, 8,
		    128 },
	};
	static const struct {
		const char	*password, *error;
	} cases[] = {
		{ "Quiet-harbour-31", NULL },
		{ "xx-Ravi_K-2026", "This password contains your username: "
		    "choose one that does not." },
		{ "my-Ravi.Kumar-pw", "This password contains your email "
		    "address: choose one that does not." },
		{ "password", "This password is too common: it is based on a "
		    "dictionary word." },
	};
	struct http_params	 ps;
	struct form		 f;
	const char		*body;
	size_t			 i;

	accepts(f_newpass, "Quiet-harbour-31", "Quiet-harbour-31");
	accepts(f_newpass, "  spaced out words  ", "  spaced out words  ");
	refuses_with(f_newpass, "password", "This password is too common: it "
	    "is based on a dictionary word.");
	refuses_with(f_newpass, "12345678", "This password is too common: it "
	    "is too simplistic/systematic.");
	refuses_with(f_newpass, "abcdefgh", "This password is too common: it "
	    "is too simplistic/systematic.");
	refuses_with(f_newpass, "1234567", "New password must be at least 8 "
	    "characters.");
	refuses_with(f_newpass, NULL, "New password is required.");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		body = arena_printf(arena, "username=Ravi_K&"
		    "email=ravi.kumar%%40example.com&password=%s",
		    cases[i].password);
		http_parse_urlencoded(arena, body, strlen(body), &ps);
		form_init(&f, arena, fields, 3);
		form_read(&f, &ps);
		if (cases[i].error == NULL)
			ok(f.errors == 0, "new password '%s' with the names: "
			    "accepted", cases[i].password);
		else
			is_str(f.v[2].error, cases[i].error, "new password "
			    "'%s' with the names: refused", cases[i].password);
	}
}

static void
test_int(void)
{
	accepts_num(f_qty, "1", 1);
	accepts_num(f_qty, "99", 99);
	accepts_num(f_qty, "007", 7);
	accepts_num(f_qty, " 42 ", 42);
	refuses_with(f_qty, "0", "Quantity must be a whole number from 1 to 99.");
	refuses(f_qty, "100");
	refuses(f_qty, "-1");
	refuses(f_qty, "+5");
	refuses(f_qty, "4.0");
	refuses(f_qty, "1e2");
	refuses(f_qty, "0x10");
	refuses(f_qty, "12a");
	refuses(f_qty, "5 5");
	refuses(f_qty, "\xd9\xa5");
	refuses(f_qty, "99999999999999999999999999");
	accepts_num(f_qty, NULL, 0);
	accepts_num(f_big, "999999999999999999", INT64_C(999999999999999999));
	refuses(f_big, "1000000000000000000");
	refuses(f_big, "9223372036854775808");
}

static void
test_money(void)
{
	accepts_num(f_price, "500", 50000);
	accepts_num(f_price, "450.5", 45050);
	accepts_num(f_price, "450.50", 45050);
	accepts_num(f_price, "450.05", 45005);
	accepts_num(f_price, "\xe2\x82\xb9" "500", 50000);
	accepts_num(f_price, " \xe2\x82\xb9" "500.25 ", 50025);
	accepts_num(f_price, "1", 100);
	accepts_num(f_price, "10000", 1000000);
	refuses_with(f_price, "0.99", "Price must be an amount in rupees from 1 "
	    "to 10000, with at most 2 decimals.");
	refuses(f_price, "10000.01");
	refuses(f_price, "1.234");
	refuses(f_price, "-5");
	refuses(f_price, "1e3");
	refuses(f_price, "5.");
	refuses(f_price, ".5");
	refuses(f_price, "5,000");
	refuses(f_price, "\xe2\x82\xb9");
	refuses(f_price, "\xe2\x82\xb9 500");
	refuses(f_price, "\xe2\x82\xb9\xe2\x82\xb9" "500");
	refuses(f_price, "500\xe2\x82\xb9");
	refuses(f_price, "Rs 500");
	refuses(f_price, "0x1F4");
	refuses(f_price, "99999999999999999999");
	refuses_with(f_price, "", "Price is required.");
	refuses_with(f_price, NULL, "Price is required.");
}

static void
test_checkbox_slug(void)
{
	accepts_num(f_agree, "on", 1);
	accepts_num(f_agree, "1", 1);
	accepts_num(f_agree, NULL, 0);
	accepts_num(f_agree, "", 0);
	accepts_num(f_terms, "on", 1);
	refuses_with(f_terms, NULL, "Terms is required.");

	accepts(f_slug, "deep-cleaning", "deep-cleaning");
	accepts(f_slug, "ac-repair-2", "ac-repair-2");
	accepts(f_slug, "abcdefghij0123456789", "abcdefghij0123456789");
	refuses_with(f_slug, "Deep", "Choose a valid Slug.");
	refuses(f_slug, "abcdefghij0123456789x");
	refuses(f_slug, "a_b");
	refuses(f_slug, "a b");
	refuses(f_slug, "a/b");
	refuses(f_slug, "../x");
	refuses(f_slug, "caf\xc3\xa9");
	accepts(f_slug, NULL, "");
}

/*
 * A datetime-local value in the display zone: the shape, seconds as
 * some browsers send them, the calendar, and the zone itself.
 */
static void
test_local_time(void)
{
	static const char *const malformed[] = {
		"tomorrow", "2026-11-21", "10:30", "2026-11-21 10:30",
		"2026-11-21t10:30", "2026/11/21T10:30", "2026-11-21T10.30",
		"2026.11-21T10:30", "2026-11-21T1:30", "2026-1-21T10:30",
		"26-11-21T10:30", "+026-11-21T10:30", "2026-+1-21T10:30",
		"2026- 1-21T10:30", "2026-11-21T10:-0", "2026-11-2aT10:30",
		"2026-11-21T10:30Z", "2026-11-21T10:30+05:30",
		"2026-11-21T10:30:", "2026-11-21T10:30:6", "2026-11-21T10:30:5a",
		"2026-11-21T10:30:-5", "2026-11-21T10:30:+5",
		"2026-11-21T10:30:00Z", "2026-11-21T10:30:00.000",
		"2026-11-21T10:30:00:00", "2026-11-21T10:30 :00",
		"2026-11-21T10:30\v", "\xef\xbc\x92" "026-11-21T10:30",
		"2026-11-21T10:30\xc2\xa0", "2026-11-21T10:30.00",
	};
	static const char *const unreal[] = {
		"2026-02-29T10:00", "2026-02-30T10:00", "2026-04-31T10:00",
		"2100-02-29T10:00", "2026-11-21T24:00", "2026-11-21T23:60",
		"2026-11-21T10:30:60", "2026-11-21T10:30:99", "2026-13-01T10:00",
		"2026-00-10T10:00", "2026-11-00T10:00", "2026-11-32T10:00",
		"1969-12-31T23:59", "0000-01-01T00:00",
	};
	struct form_value	v;
	size_t			i;

	fmt_set_timezone("Asia/Kolkata");
	accepts_num(f_when, "2026-11-21T10:30", NOV21_0500Z);
	accepts(f_when, "2026-11-21T10:30", "2026-11-21T10:30");
	accepts_num(f_when, "2026-11-21T10:30:00", NOV21_0500Z);
	accepts_num(f_when, "2026-11-21T10:30:45", NOV21_0500Z + 45);
	accepts_num(f_when, "2026-11-21T10:30:59", NOV21_0500Z + 59);
	accepts_num(f_when, " 2026-11-21T10:30\r\n", NOV21_0500Z);
	accepts_num(f_when, "2026-11-21T00:00", NOV21_0500Z - 10 * 3600 - 1800);
	accepts_num(f_when, "2026-11-21T23:59:59",
	    NOV21_0500Z + 13 * 3600 + 29 * 60 + 59);
	accepts_num(f_when, "1970-01-01T05:30", 0);
	accepts_num(f_when, "9999-12-31T23:59", INT64_C(253402300740) - 19800);
	/* Leap days: every fourth year, not every hundredth, every 400th. */
	accepts_num(f_when, "2028-02-29T09:15", INT64_C(1835408700));
	accepts_num(f_when, "2000-02-29T10:00", INT64_C(951798600));
	accepts_num(f_when, "2028-03-01T09:15", INT64_C(1835408700) + 86400);
	for (i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++)
		refuses_with(f_when, malformed[i], LOCAL_TIME_MSG);
	for (i = 0; i < sizeof(unreal) / sizeof(unreal[0]); i++)
		refuses_with(f_when, unreal[i], LOCAL_TIME_MSG);
	refuses_with(f_when, NULL, "Date and time is required.");
	refuses_with(f_when, " \t", "Date and time is required.");
	refuses_with(f_when, "2026-11-21T10:30\xff",
	    "Date and time is not valid text.");
	accepts_num(f_later, NULL, 0);
	accepts(f_later, "", "");
	refuses_with(f_later, "2026-02-30T10:00", LOCAL_TIME_MSG);
	ok(validate(&f_later, "soon", &v) != NULL && v.num == 0,
	    "a refused time leaves num alone");

	/* The zone decides the instant: the same wall time in UTC. */
	fmt_set_timezone("UTC");
	accepts_num(f_when, "2026-11-21T10:30", NOV21_0500Z + 5 * 3600 + 1800);
	accepts_num(f_when, "2026-11-21T10:30:07",
	    NOV21_0500Z + 5 * 3600 + 1800 + 7);
	/* A zone with summer time: the hour skipped in spring is no time. */
	fmt_set_timezone("Europe/London");
	refuses_with(f_when, "2026-03-29T01:30", LOCAL_TIME_MSG);
	refuses_with(f_when, "2026-03-29T01:59:59", LOCAL_TIME_MSG);
	accepts_num(f_when, "2026-03-29T02:00", INT64_C(1774746000));
	accepts_num(f_when, "2026-07-01T12:00", INT64_C(1782903600));
	/* ... and the hour repeated in autumn is one of its two instants. */
	validate(&f_when, "2026-10-25T01:30", &v);
	ok(v.error == NULL && (v.num == INT64_C(1792888200) ||
	    v.num == INT64_C(1792891800)), "Date and time accepts the repeated "
	    "hour as one of its instants (%lld)", (long long)v.num);
	fmt_set_timezone("Asia/Kolkata");
}

/* Read body (urlencoded) as the only field fd; returns its error or NULL. */
static const char *
validate_body(const struct form_field *fd, const char *body,
    struct form_value *out)
{
	struct http_params	 ps;
	struct form		 f;

	if (http_parse_urlencoded(arena, body, strlen(body), &ps) != 0)
		return "unparsable test body";
	form_init(&f, arena, fd, 1);
	form_read(&f, &ps);
	*out = f.v[0];
	return f.v[0].error;
}

/* The list a list field holds, joined with '|', or its error. */
static const char *
list_of(const struct form_field *fd, const char *body)
{
	struct form_value	 v;
	const char		*err = validate_body(fd, body, &v), *s = "";
	size_t			 i;

	if (err != NULL)
		return arena_printf(arena, "error: %s", err);
	for (i = 0; i < v.nlist; i++)
		s = arena_printf(arena, "%s%s%s", s, i ? "|" : "", v.list[i]);
	return s;
}

static void
test_lists(void)
{
	static const struct form_field	cats = { "cats", "Categories",
	    FORM_SLUG_LIST, FORM_REQUIRED, 1, 3 };
	static const struct form_field	tags = { "tags", "Tags",
	    FORM_SLUG_LIST, 0, 0, 3 };
	static const struct form_field	pins = { "pins", "Pincodes",
	    FORM_PINCODE_LIST, FORM_REQUIRED, 1, 3 };

	is_str(list_of(&cats, "cats=cleaning&x=1&cats=ac-repair"),
	    "cleaning|ac-repair", "slug list: every value, in order");
	is_str(list_of(&cats, "cats=a&cats=b&cats=a&cats=c&cats=b"), "a|b|c",
	    "slug list: repeats counted once");
	is_str(list_of(&cats, "cats=a&cats=b&cats=c&cats=d"),
	    "error: Choose at most 3 Categories.", "slug list: over max");
	is_str(list_of(&cats, "cats=cleaning&cats=Plumbing"),
	    "error: Choose valid Categories.", "slug list: a bad slug");
	is_str(list_of(&cats, "cats=a&cats=%3Cscript%3E"),
	    "error: Choose valid Categories.", "slug list: hostile value");
	is_str(list_of(&cats, arena_printf(arena, "cats=%0*d", 41, 0)),
	    "error: Choose valid Categories.", "slug list: 41 characters");
	is_str(list_of(&cats, arena_printf(arena, "cats=%0*d", 40, 0)),
	    arena_printf(arena, "%0*d", 40, 0), "slug list: 40 characters");
	is_str(list_of(&cats, "x=1"), "error: Categories is required.",
	    "slug list: none sent, required");
	is_str(list_of(&tags, "x=1"), "", "slug list: none sent, optional");
	is_str(list_of(&cats, "cats=&cats=cleaning"),
	    "error: Choose valid Categories.",
	    "slug list: an empty first value does not hide the rest");
	is_str(list_of(&tags, "tags=&tags=%3Cscript%3E"),
	    "error: Choose valid Tags.",
	    "slug list: ... nor skip checking them when optional");
	is_str(list_of(&tags, "tags=%C0%AF"), "error: Tags is not valid text.",
	    "slug list: invalid UTF-8");

	is_str(list_of(&pins, "pins=110001%2C+560001%0A400001"),
	    "110001|560001|400001", "pincode list: commas, spaces, newlines");
	is_str(list_of(&pins, "pins=+110001%2C%2C110001%2C+"), "110001",
	    "pincode list: repeats and empty items dropped");
	is_str(list_of(&pins, "pins=110001+011000"),
	    "error: \xe2\x80\x9c" "011000\xe2\x80\x9d is not a 6-digit "
	    "pincode.", "pincode list: leading zero");
	is_str(list_of(&pins, "pins=11000"), "error: \xe2\x80\x9c" "11000"
	    "\xe2\x80\x9d is not a 6-digit pincode.", "pincode list: 5 digits");
	is_str(list_of(&pins, "pins=110001%3B560001"), "error: \xe2\x80\x9c"
	    "110001;560001\xe2\x80\x9d is not a 6-digit pincode.",
	    "pincode list: ';' is not a separator");
	is_str(list_of(&pins, "pins=abcdefghijklmnopqrstuvwxyz"),
	    "error: \xe2\x80\x9c" "abcdefghijklmnopqrst\xe2\x80\x9d is not a "
	    "6-digit pincode.", "pincode list: the message is cut short");
	is_str(list_of(&pins, "pins=110001+110002+110003+110004"),
	    "error: Pincodes can hold at most 3 pincodes.",
	    "pincode list: over max");
	is_str(list_of(&pins, "pins=+%2C+"), "error: Pincodes is required.",
	    "pincode list: only separators is nothing");
	is_str(list_of(&pins, "x=1"), "error: Pincodes is required.",
	    "pincode list: none sent, required");
}

/* Several fields at once, undeclared parameters, form_set and form_error. */
static void
test_whole_form(void)
{
	static const struct form_field	fields[] = {
		{ "name", "Name", FORM_TEXT, FORM_REQUIRED, 1, 50 },
		{ "email", "Email", FORM_EMAIL, FORM_REQUIRED, 0, 0 },
		{ "qty", "Quantity", FORM_INT, 0, 1, 9 },
		{ "agree", "Agree", FORM_CHECKBOX, 0, 0, 0 },
	};
	struct http_params	 ps;
	struct form		 f;
	const char		*body = "name=+Asha+&email=bad&qty=3&is_admin=1&"
				    "agree=on&name=second";

	http_parse_urlencoded(arena, body, strlen(body), &ps);
	form_init(&f, arena, fields, 4);
	ok(strcmp(f.v[0].raw, "") == 0 && strcmp(f.v[0].text, "") == 0 &&
	    f.errors == 0, "form_init: empty values, no errors");
	is_int(form_read(&f, &ps), 1, "form_read: one field in error");
	is_int(f.errors, 1, "form_read: count kept in the form");
	is_str(f.v[0].raw, " Asha ", "form_read: raw is as sent (first one)");
	is_str(f.v[0].text, "Asha", "form_read: text is normalised");
	is_str(f.v[1].error, "Email must be an email address like "
	    "name@example.com.", "form_read: the error is on its field");
	ok(f.v[2].error == NULL && f.v[2].num == 3, "form_read: int value");
	is_int(f.v[3].num, 1, "form_read: checkbox ticked");

	form_error(&f, 0, "Taken.");
	is_int(f.errors, 2, "form_error: counts a new error");
	form_error(&f, 0, "Taken, really.");
	is_int(f.errors, 2, "form_error: a second error on a field counts once");
	is_str(f.v[0].error, "Taken, really.", "form_error: last message kept");
	form_set(&f, 2, "7");
	ok(strcmp(f.v[2].raw, "7") == 0 && strcmp(f.v[2].text, "7") == 0,
	    "form_set: shown value");
	form_set(&f, 2, NULL);
	is_str(f.v[2].raw, "", "form_set: NULL shows nothing");
}

/* Write the test template into a fresh directory; returns its path. */
static char *
template_dir(void)
{
	char	*dir = arena_strdup(arena, "/tmp/hs-form-test-XXXXXX");
	char	*file;
	FILE	*fp;

	if (mkdtemp(dir) == NULL)
		return NULL;
	file = arena_printf(arena, "%s/form.tpl", dir);
	if ((fp = fopen(file, "w")) == NULL)
		return NULL;
	fputs("{{%AUTOESCAPE context=\"HTML\"}}"
	    "name=[{{name}}] error=[{{#name_error}}{{message}}{{/name_error}}] "
	    "pass=[{{pass}}] agree=[{{#agree_checked}}yes{{/agree_checked}}] "
	    "errors=[{{#form_errors}}{{count}}{{/form_errors}}]\n", fp);
	fclose(fp);
	file = arena_printf(arena, "%s/when.tpl", dir);
	if ((fp = fopen(file, "w")) == NULL)
		return NULL;
	fputs("{{%AUTOESCAPE context=\"HTML\"}}"
	    "<input{{#when_as_picker}} type=\"datetime-local\"{{/when_as_picker}}"
	    "{{#when_as_text}} type=\"text\"{{/when_as_text}} value=\"{{when}}\">"
	    "{{#when_error}} {{message}}{{/when_error}}\n", fp);
	fclose(fp);
	return dir;
}

/* Read body into a form of f_when alone, maybe refuse it, fill when.tpl. */
static char *
fill_when(const char *body, const char *refusal)
{
	struct http_params	 ps;
	struct form		 f;
	struct tmpl_dict	*d = tmpl_dict_new();
	struct buf		 out = { 0 };
	char			*page;

	http_parse_urlencoded(arena, body, strlen(body), &ps);
	form_init(&f, arena, &f_when, 1);
	form_read(&f, &ps);
	if (refusal != NULL)
		form_error(&f, 0, refusal);
	form_fill(&f, d);
	tmpl_render("when.tpl", d, &out);
	page = arena_strdup(arena, out.data != NULL ? out.data : "");
	buf_free(&out);
	tmpl_dict_free(d);
	return page;
}

/*
 * A local time goes back in a date picker when the picker can hold what
 * was sent, else in a text box: the input is kept, the page valid HTML.
 */
static void
test_fill_local_time(void)
{
	is_str(fill_when("x=1", NULL), "<input type=\"datetime-local\" "
	    "value=\"\"> Date and time is required.\n",
	    "fill: nothing sent, a picker");
	is_str(fill_when("when=2026-11-21T10%3A30", NULL),
	    "<input type=\"datetime-local\" value=\"2026-11-21T10:30\">\n",
	    "fill: a time, a picker");
	is_str(fill_when("when=2026-11-21T10%3A30%3A45", NULL),
	    "<input type=\"datetime-local\" value=\"2026-11-21T10:30:45\">\n",
	    "fill: a time with seconds, a picker");
	is_str(fill_when("when=2026-11-21T10%3A30", "Too soon."),
	    "<input type=\"datetime-local\" value=\"2026-11-21T10:30\"> "
	    "Too soon.\n", "fill: a good time refused later, still a picker");
	is_str(fill_when("when=+2026-11-21T10%3A30+", NULL),
	    "<input type=\"text\" value=\" 2026-11-21T10:30 \">\n",
	    "fill: accepted with spaces around, which no picker holds: text");
	is_str(fill_when("when=2026-02-30T10%3A00", NULL),
	    "<input type=\"text\" value=\"2026-02-30T10:00\"> "
	    LOCAL_TIME_MSG "\n", "fill: no such day, a text box");
	is_str(fill_when("when=%22%3E%3Cb%3E", NULL),
	    "<input type=\"text\" value=\"&quot;&gt;&lt;b&gt;\"> "
	    LOCAL_TIME_MSG "\n", "fill: hostile text, a text box, escaped");
}

static void
test_fill(void)
{
	static const struct form_field	fields[] = {
		{ "name", "Name", FORM_TEXT, FORM_REQUIRED, 5, 50 },
		{ "pass", "Password", FORM_PASSWORD, FORM_REQUIRED, 8, 64 },
		{ "agree", "Agree", FORM_CHECKBOX, 0, 0, 0 },
	};
	struct http_params	 ps;
	struct form		 f;
	struct tmpl_dict	*d;
	struct buf		 out = { 0 };
	const char		*body = "name=%3Cb%3E%01%FF&pass=hunter2hunter2&"
				    "agree=on";
	char			*dir = template_dir();

	if (!ok(dir != NULL && tmpl_init(dir) == 0, "fill: template loads"))
		return;
	http_parse_urlencoded(arena, body, strlen(body), &ps);
	form_init(&f, arena, fields, 3);
	form_read(&f, &ps);
	d = tmpl_dict_new();
	form_fill(&f, d);
	is_int(tmpl_render("form.tpl", d, &out), 0, "fill: renders");
	is_str(out.data, "name=[&lt;b&gt;\xef\xbf\xbd\xef\xbf\xbd] error=[Name "
	    "is not valid text.] pass=[] agree=[yes] errors=[1]\n",
	    "fill: value escaped and made displayable, error shown, password "
	    "never, checkbox ticked");
	tmpl_dict_free(d);

	body = "name=Ab%3Cc&pass=x&agree=";
	http_parse_urlencoded(arena, body, strlen(body), &ps);
	form_init(&f, arena, fields, 3);
	form_read(&f, &ps);
	d = tmpl_dict_new();
	form_fill(&f, d);
	buf_reset(&out);
	tmpl_render("form.tpl", d, &out);
	is_str(out.data, "name=[Ab&lt;c] error=[Name must be at least 5 "
	    "characters.] pass=[] agree=[] errors=[2]\n",
	    "fill: two errors counted, the first one shown, box unticked");
	tmpl_dict_free(d);

	form_init(&f, arena, fields, 3);
	d = tmpl_dict_new();
	form_fill(&f, d);
	buf_reset(&out);
	tmpl_render("form.tpl", d, &out);
	is_str(out.data, "name=[] error=[] pass=[] agree=[] errors=[]\n",
	    "fill: an empty form shows nothing");
	tmpl_dict_free(d);
	buf_free(&out);
	test_fill_local_time();
	unlink(arena_printf(arena, "%s/form.tpl", dir));
	unlink(arena_printf(arena, "%s/when.tpl", dir));
	rmdir(dir);
}

int
main(void)
{
	arena = arena_new();
	test_utf8();
	test_displayable();
	test_text();
	test_username();
	test_email();
	test_phone();
	test_pincode();
	test_password();
	test_new_password();
	test_int();
	test_money();
	test_checkbox_slug();
	test_local_time();
	test_lists();
	test_whole_form();
	test_fill();
	arena_free(arena);
	return done_testing();
}
