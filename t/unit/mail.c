/* mail.c (test): addresses, MIME formatting, header encoding and injection, quoted-printable, the mbox file, SMTP refusals. */
#include <sys/socket.h>
#include <sys/stat.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "mail.h"
#include "tap.h"

/* 2025-12-01T12:01:49Z: 17:31:49 in Kolkata, 07:01:49 in New York. */
#define DEC01	INT64_C(1764590509)

static struct arena	*arena;

/* A message everything below starts from. */
static struct mail
sample(void)
{
	struct mail	m;

	memset(&m, 0, sizeof(m));
	m.from_name = "HomeServe";
	m.from = "no-reply@example.com";
	m.to = "asha@example.org";
	m.subject = "Your booking is confirmed";
	m.text = "Hello Asha,\nsee you on Monday.\n";
	m.message_id = "0123abcd@example.com";
	m.date = DEC01;
	return m;
}

/* The formatted message in the arena, or NULL when mail_format refused it. */
static char *
format(const struct mail *m)
{
	struct buf	 out = { NULL, 0, 0 };
	char		*s = NULL;

	if (mail_format(m, &out) == 0)
		s = arena_strndup(arena, out.data, out.len);
	buf_free(&out);
	return s;
}

/* The header block, up to and including its last CRLF. */
static char *
headers_of(const char *msg)
{
	const char	*end = strstr(msg, "\r\n\r\n");

	return arena_strndup(arena, msg, end != NULL ? (size_t)(end - msg) + 2 :
	    strlen(msg));
}

/* How many header fields (not continuation lines) begin with name. */
static int
header_count(const char *hdrs, const char *name)
{
	const char	*p;
	size_t		 n = strlen(name);
	int		 count = 0;

	for (p = hdrs; *p != '\0'; p = strstr(p, "\r\n") + 2)
		if (strncmp(p, name, n) == 0)
			count++;
	return count;
}

/* A header's value, unfolded (the CRLF before a space removed), or NULL. */
static char *
header_value(const char *hdrs, const char *name)
{
	struct buf	 v = { NULL, 0, 0 };
	const char	*p, *end;
	char		*s;
	size_t		 n = strlen(name);

	for (p = hdrs; *p != '\0'; p = strstr(p, "\r\n") + 2)
		if (strncmp(p, name, n) == 0 && p[n] == ':')
			break;
	if (*p == '\0')
		return NULL;
	for (p += n + 1; *p == ' '; p++)
		continue;
	for (;;) {
		end = strstr(p, "\r\n");
		buf_append(&v, p, (size_t)(end - p));
		if (end[2] != ' ' && end[2] != '\t')
			break;
		p = end + 2;
	}
	s = arena_strndup(arena, v.data != NULL ? v.data : "", v.len);
	buf_free(&v);
	return s;
}

/* The longest line in s, CRLF not counted. */
static size_t
longest_line(const char *s)
{
	size_t	n, longest = 0;

	for (;;) {
		n = strcspn(s, "\r\n");
		if (n > longest)
			longest = n;
		if (s[n] == '\0')
			return longest;
		s += n + 1;
	}
}

/* 1 when every CR is followed by LF and every LF preceded by CR. */
static int
only_crlf(const char *s)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '\r' && s[i + 1] != '\n')
			return 0;
		if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))
			return 0;
	}
	return 1;
}

/* 1 when s holds only printable ASCII, tab, CR and LF. */
static int
only_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if (((unsigned char)*s < ' ' && strchr("\t\r\n", *s) == NULL) ||
		    (unsigned char)*s >= 0x7f)
			return 0;
	return 1;
}

static int
base64_digit(char c)
{
	const char	*digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	const char	*p = c != '\0' ? strchr(digits, c) : NULL;

	return p != NULL ? (int)(p - digits) : -1;
}

/* Base64 of n characters (a multiple of 4) appended to out; -1 if broken. */
static int
base64_decode(const char *s, size_t n, struct buf *out)
{
	int	d[4], i;
	size_t	k;

	if (n % 4 != 0)
		return -1;
	for (k = 0; k < n; k += 4) {
		for (i = 0; i < 4; i++)
			d[i] = s[k + i] == '=' ? 0 : base64_digit(s[k + i]);
		if (d[0] < 0 || d[1] < 0 || d[2] < 0 || d[3] < 0)
			return -1;
		buf_putc(out, (char)(d[0] << 2 | d[1] >> 4));
		if (s[k + 2] != '=')
			buf_putc(out, (char)((d[1] & 15) << 4 | d[2] >> 2));
		if (s[k + 3] != '=')
			buf_putc(out, (char)((d[2] & 3) << 6 | d[3]));
	}
	return 0;
}

/*
 * An unfolded value made only of "=?UTF-8?B?...?=" words, decoded and
 * joined (the space between encoded-words is not text); NULL if any
 * part is not such a word or one is longer than 75 characters.
 */
static char *
b_decode(const char *v)
{
	struct buf	 out = { NULL, 0, 0 };
	const char	*end;
	char		*s = NULL;
	size_t		 n;

	for (;;) {
		while (*v == ' ')
			v++;
		if (*v == '\0')
			break;
		n = strcspn(v, " ");
		if (n > 75 || strncmp(v, "=?UTF-8?B?", 10) != 0 ||
		    (end = strstr(v + 10, "?=")) != v + n - 2 ||
		    base64_decode(v + 10, n - 12, &out) == -1)
			goto done;
		v += n;
	}
	s = arena_strndup(arena, out.data != NULL ? out.data : "", out.len);
done:
	buf_free(&out);
	return s;
}

/* The encoded-words of an unfolded value, each decoded on its own. */
static int
each_word_utf8(const char *v)
{
	char	*word, *copy = arena_strdup(arena, v), *save = NULL, *d;
	const unsigned char	*p;

	for (word = strtok_r(copy, " ", &save); word != NULL;
	    word = strtok_r(NULL, " ", &save)) {
		if ((d = b_decode(word)) == NULL)
			return 0;
		/* Whole characters: no lead byte without its continuations. */
		for (p = (const unsigned char *)d; *p != '\0'; p++) {
			size_t	n = *p < 0x80 ? 0 : *p < 0xe0 ? 1 :
				    *p < 0xf0 ? 2 : 3;

			if ((*p & 0xc0) == 0x80)
				return 0;
			for (; n > 0; n--)
				if ((*++p & 0xc0) != 0x80)
					return 0;
		}
	}
	return 1;
}

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Quoted-printable decoded: soft breaks dropped, =XX (upper case) bytes. */
static char *
qp_decode(const char *s, size_t n)
{
	struct buf	 out = { NULL, 0, 0 };
	char		*d;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (s[i] != '=')
			buf_putc(&out, s[i]);
		else if (i + 2 < n && s[i + 1] == '\r' && s[i + 2] == '\n')
			i += 2;
		else if (i + 2 < n && hex_digit(s[i + 1]) >= 0 &&
		    hex_digit(s[i + 2]) >= 0) {
			buf_putc(&out, (char)(hex_digit(s[i + 1]) << 4 |
			    hex_digit(s[i + 2])));
			i += 2;
		} else {
			buf_free(&out);
			return arena_strdup(arena, "(bad quoted-printable)");
		}
	}
	d = arena_strndup(arena, out.data != NULL ? out.data : "", out.len);
	buf_free(&out);
	return d;
}

/* s with every line end made CRLF. */
static char *
crlf(const char *s)
{
	struct buf	 out = { NULL, 0, 0 };
	char		*d;

	for (; *s != '\0'; s++) {
		if (*s == '\n' &&
		    (out.len == 0 || out.data[out.len - 1] != '\r'))
			buf_putc(&out, '\r');
		buf_putc(&out, *s);
	}
	d = arena_strndup(arena, out.data != NULL ? out.data : "", out.len);
	buf_free(&out);
	return d;
}

static void
test_address(void)
{
	static const struct {
		const char	*s;
		int		 valid;
	} cases[] = {
		{ "asha@example.com", 1 },
		{ "a.b+tag@mail.example.co.in", 1 },
		{ "x@y", 1 },
		{ "o'brien_99@sub-domain.example", 1 },
		{ "", 0 },
		{ "a@", 0 },
		{ "@example.com", 0 },
		{ "asha", 0 },
		{ "a@b@example.com", 0 },
		{ "asha@example.com\r\nBcc: evil@example.com", 0 },
		{ "asha@example.com\n", 0 },
		{ "asha\r@example.com", 0 },
		{ "asha @example.com", 0 },
		{ "asha@exa mple.com", 0 },
		{ "<asha@example.com>", 0 },
		{ "asha@example.com>", 0 },
		{ "Asha <asha@example.com>", 0 },
		{ "\"asha\"@example.com", 0 },
		{ "a,b@example.com", 0 },
		{ "a;b@example.com", 0 },
		{ "a\\b@example.com", 0 },
		{ "a\tb@example.com", 0 },
		{ "asha@.example.com", 0 },
		{ "asha@example.com.", 0 },
		{ "asha@-example.com", 0 },
		{ "asha@example.com-", 0 },
		{ "asha@example..com", 0 },
		{ "asha@exam_ple.com", 0 },
		{ "asha@[127.0.0.1]", 0 },
		{ "\xc3\xa4sha@example.com", 0 },
	};
	char	long_addr[300];
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_int(mail_address_valid(cases[i].s), cases[i].valid,
		    "address: '%s'", cases[i].s);
	is_int(mail_address_valid(NULL), 0, "address: NULL");
	/* 254 characters in all is the most. */
	memset(long_addr, 'a', sizeof(long_addr));
	memcpy(long_addr + 254 - 12, "@example.com", 13);
	is_int(mail_address_valid(long_addr), 1, "address: 254 characters");
	memset(long_addr, 'a', sizeof(long_addr));
	memcpy(long_addr + 255 - 12, "@example.com", 13);
	is_int(mail_address_valid(long_addr), 0, "address: 255 characters");
}

static void
test_headers(void)
{
	static const char	*const once[] = {
		"Date:", "From:", "To:", "Subject:", "Message-ID:",
		"MIME-Version:", "Auto-Submitted:", "Content-Type:",
		"Content-Transfer-Encoding:",
	};
	struct mail		 m = sample();
	char			*msg, *hdrs;
	size_t			 i;

	setenv("TZ", "Asia/Kolkata", 1);
	tzset();
	msg = format(&m);
	ok(msg != NULL, "format: a plain message");
	hdrs = headers_of(msg);
	for (i = 0; i < sizeof(once) / sizeof(once[0]); i++)
		is_int(header_count(hdrs, once[i]), 1, "format: one %s",
		    once[i]);
	is_int(header_count(hdrs, "List-Unsubscribe:"), 0,
	    "format: no List-Unsubscribe unless given");
	is_str(header_value(hdrs, "Date"), "Mon, 01 Dec 2025 17:31:49 +0530",
	    "format: Date in Kolkata");
	is_str(header_value(hdrs, "From"), "HomeServe <no-reply@example.com>",
	    "format: From with its display name");
	is_str(header_value(hdrs, "To"), "asha@example.org", "format: To");
	is_str(header_value(hdrs, "Subject"), "Your booking is confirmed",
	    "format: a plain subject as it is");
	is_str(header_value(hdrs, "Message-ID"), "<0123abcd@example.com>",
	    "format: Message-ID in angle brackets");
	is_str(header_value(hdrs, "MIME-Version"), "1.0",
	    "format: MIME-Version");
	is_str(header_value(hdrs, "Auto-Submitted"), "auto-generated",
	    "format: Auto-Submitted");
	ok(strncmp(msg, "Date: ", 6) == 0, "format: Date comes first");
	ok(only_crlf(msg), "format: CRLF line ends only");
	ok(only_ascii(msg), "format: ASCII only");

	setenv("TZ", "America/New_York", 1);
	tzset();
	hdrs = headers_of(format(&m));
	is_str(header_value(hdrs, "Date"), "Mon, 01 Dec 2025 07:01:49 -0500",
	    "format: Date west of Greenwich");
	setenv("TZ", "UTC", 1);
	tzset();
	m.date = 0;
	hdrs = headers_of(format(&m));
	is_str(header_value(hdrs, "Date"), "Thu, 01 Jan 1970 00:00:00 +0000",
	    "format: Date in UTC");
	setenv("TZ", "Asia/Kolkata", 1);
	tzset();
}

static void
test_from_names(void)
{
	static const struct {
		const char	*name;
		const char	*want;
	} cases[] = {
		{ NULL, "no-reply@example.com" },
		{ "", "no-reply@example.com" },
		{ " \r\n ", "no-reply@example.com" },
		{ "Home Serve", "Home Serve <no-reply@example.com>" },
		{ "Ravi's Plumbing, Pune",
		    "\"Ravi's Plumbing, Pune\" <no-reply@example.com>" },
		{ "HomeServe Pvt. Ltd.",
		    "\"HomeServe Pvt. Ltd.\" <no-reply@example.com>" },
		{ "The \"Best\" \\ Co",
		    "\"The \\\"Best\\\" \\\\ Co\" <no-reply@example.com>" },
		{ "Evil\r\nBcc: x@example.com",
		    "\"Evil Bcc: x@example.com\" <no-reply@example.com>" },
	};
	struct mail	 m = sample();
	char		*hdrs, *v;
	size_t		 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		m.from_name = cases[i].name;
		hdrs = headers_of(format(&m));
		is_str(header_value(hdrs, "From"), cases[i].want,
		    "from: display name '%s'", cases[i].name != NULL ?
		    cases[i].name : "(null)");
		is_int(header_count(hdrs, "Bcc:"), 0, "from: ... no Bcc line");
	}
	m.from_name = "Ramesh Kum\xc4\x81r Home Services";
	hdrs = headers_of(format(&m));
	v = header_value(hdrs, "From");
	ok(v != NULL && strncmp(v, "=?UTF-8?B?", 10) == 0 &&
	    strstr(v, " <no-reply@example.com>") != NULL,
	    "from: a non-ASCII name is encoded, the address is not");
	if (v != NULL)
		*strstr(v, " <no-reply@example.com>") = '\0';
	is_str(b_decode(v), m.from_name, "from: ... and decodes back");
	ok(only_ascii(hdrs), "from: ... ASCII only");
}

static void
test_injection(void)
{
	struct mail	 m = sample();
	char		*msg, *hdrs;

	m.subject = "Hello\r\nBcc: evil@example.com";
	msg = format(&m);
	hdrs = headers_of(msg);
	is_int(header_count(hdrs, "Bcc:"), 0, "injection: no Bcc header");
	is_str(header_value(hdrs, "Subject"), "Hello Bcc: evil@example.com",
	    "injection: CRLF became a space");
	ok(only_crlf(hdrs), "injection: no bare CR or LF in the headers");

	m.subject = "Hi\n\nBody in the headers\rX-Evil: 1\x0b\x7f\x1b[31m";
	msg = format(&m);
	hdrs = headers_of(msg);
	ok(only_crlf(hdrs) && only_ascii(hdrs),
	    "injection: controls in the subject leave only CRLF line ends");
	is_int(header_count(hdrs, "X-Evil:"), 0, "injection: no X-Evil header");
	is_int(header_count(hdrs, "Content-Type:"), 1,
	    "injection: no early blank line ends the headers");
	is_str(header_value(hdrs, "Subject"),
	    "Hi Body in the headers X-Evil: 1 [31m",
	    "injection: each run of controls is one space");
	m.subject = "C1 \xc2\x85next line";
	hdrs = headers_of(format(&m));
	is_str(header_value(hdrs, "Subject"), "C1 next line",
	    "injection: U+0085 (NEL) is a control too");
}

static void
test_subject_encoded(void)
{
	const char	*subject = "Booking #12 \xe2\x80\x94 "
			    "\xe2\x82\xb9" "500 paid \xe2\x9c\x93";
	struct mail	 m = sample();
	struct buf	 long_subject = { NULL, 0, 0 };
	char		*hdrs, *v;
	int		 i;

	m.subject = subject;
	hdrs = headers_of(format(&m));
	v = header_value(hdrs, "Subject");
	ok(v != NULL && strncmp(v, "=?UTF-8?B?", 10) == 0,
	    "subject: non-ASCII is encoded");
	is_str(b_decode(v), subject, "subject: ... and decodes back");
	ok(only_ascii(hdrs), "subject: ... the headers are ASCII");

	for (i = 0; i < 40; i++)
		buf_puts(&long_subject, "\xe2\x82\xb9\xe0\xa4\xa8 ");
	buf_puts(&long_subject, "\xf0\x9f\x8f\xa0 done");
	m.subject = long_subject.data;
	hdrs = headers_of(format(&m));
	v = header_value(hdrs, "Subject");
	is_str(b_decode(v), long_subject.data,
	    "subject: a long non-ASCII subject decodes back");
	ok(each_word_utf8(v), "subject: ... no character split across words");
	ok(strchr(v, ' ') != NULL, "subject: ... in several words");
	ok(longest_line(hdrs) <= 78, "subject: ... no line over 78 (%zu)",
	    longest_line(hdrs));
	ok(header_count(hdrs, "Subject:") == 1 && only_ascii(hdrs),
	    "subject: ... one field, ASCII");
	buf_free(&long_subject);

	m.subject = "Pay =?UTF-8?B?SGk=?= now";
	hdrs = headers_of(format(&m));
	is_str(b_decode(header_value(hdrs, "Subject")), m.subject,
	    "subject: ASCII that looks encoded is encoded");
}

static void
test_subject_folded(void)
{
	struct mail	 m = sample();
	struct buf	 s = { NULL, 0, 0 };
	char		*hdrs;
	int		 i;

	while (s.len < 300)
		buf_puts(&s, "booking confirmed for tomorrow ");
	s.len = 300;
	s.data[300] = '\0';
	if (s.data[299] == ' ')
		s.data[299] = 'x';
	m.subject = s.data;
	hdrs = headers_of(format(&m));
	ok(longest_line(hdrs) <= 78, "fold: no header line over 78 (%zu)",
	    longest_line(hdrs));
	ok(strstr(hdrs, "\r\n ") != NULL, "fold: the subject is folded");
	is_str(header_value(hdrs, "Subject"), s.data,
	    "fold: unfolds to the subject");

	buf_reset(&s);
	for (i = 0; i < 120; i++)
		buf_putc(&s, (char)('a' + i % 26));
	m.subject = s.data;
	hdrs = headers_of(format(&m));
	ok(longest_line(hdrs) <= 78, "fold: a 120-letter word still fits (%zu)",
	    longest_line(hdrs));
	is_str(b_decode(header_value(hdrs, "Subject")), s.data,
	    "fold: ... as encoded-words");
	buf_free(&s);

	m.subject = "Bad \xff\xfe bytes \xc3 and \xc0\xaf overlong "
	    "\xed\xa0\x80 end";
	hdrs = headers_of(format(&m));
	ok(only_ascii(hdrs) && only_crlf(hdrs),
	    "invalid UTF-8: the headers stay ASCII");
	is_str(b_decode(header_value(hdrs, "Subject")),
	    "Bad \xef\xbf\xbd\xef\xbf\xbd bytes \xef\xbf\xbd and "
	    "\xef\xbf\xbd\xef\xbf\xbd overlong "
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd end",
	    "invalid UTF-8: each bad byte is U+FFFD");
	m.subject = "Trailing lead \xe2\x82";
	hdrs = headers_of(format(&m));
	is_str(b_decode(header_value(hdrs, "Subject")),
	    "Trailing lead \xef\xbf\xbd\xef\xbf\xbd",
	    "invalid UTF-8: a cut character at the end");
	m.subject = NULL;
	hdrs = headers_of(format(&m));
	is_int(header_count(hdrs, "Subject:"), 1,
	    "subject: NULL gives an empty one");
}

/* The body of a single-part message: everything after the blank line. */
static const char *
body_of(const char *msg)
{
	const char	*p = strstr(msg, "\r\n\r\n");

	return p != NULL ? p + 4 : "";
}

static const char	qp_text[] =
	"Hello Asha,\n"
	"A long line: 0123456789 0123456789 0123456789 0123456789 0123456789 "
	"0123456789 0123456789 0123456789 0123456789 the end.\n"
	"a = b, and =3D is not an escape\n"
	"trailing spaces   \n"
	"trailing tab\t\n"
	"\xe0\xa4\xa8\xe0\xa4\xae\xe0\xa4\xb8\xe0\xa5\x8d\xe0\xa4\xa4"
	"\xe0\xa5\x87 \xe2\x82\xb9" "500\r\n"
	"From the vendor\n"
	">From quoted\n"
	".\n"
	"\n"
	"tab\tinside and a lone \r in the middle\n"
	"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	"xxxxxxxxxxxxxxxxxxxxxxxxx" "From here on the line is long\n"
	"last line ends with =\n";

static void
test_quoted_printable(void)
{
	struct mail	 m = sample();
	const char	*body;
	char		*msg, *hdrs;

	m.text = qp_text;
	msg = format(&m);
	hdrs = headers_of(msg);
	is_str(header_value(hdrs, "Content-Type"), "text/plain; charset=utf-8",
	    "text only: text/plain");
	is_str(header_value(hdrs, "Content-Transfer-Encoding"),
	    "quoted-printable", "text only: quoted-printable");
	ok(strstr(msg, "multipart") == NULL, "text only: no multipart");
	body = body_of(msg);
	is_str(qp_decode(body, strlen(body)), crlf(qp_text),
	    "qp: decodes back, line ends made CRLF");
	ok(longest_line(body) <= 76, "qp: no line over 76 (%zu)",
	    longest_line(body));
	ok(only_ascii(body) && only_crlf(body), "qp: ASCII, CRLF");
	ok(strncmp(body, "From ", 5) != 0 && strstr(body, "\nFrom ") == NULL,
	    "qp: no line starts with \"From \"");
	ok(strstr(body, "\r\n=46rom the vendor\r\n") != NULL,
	    "qp: its F is encoded");
	ok(strstr(body, "trailing spaces  =20\r\n") != NULL,
	    "qp: a trailing space is encoded");
	ok(strstr(body, "trailing tab=09\r\n") != NULL,
	    "qp: a trailing tab is encoded");
	ok(strstr(body, "a =3D b") != NULL, "qp: '=' is encoded");
	ok(strstr(body, "lone =0D in") != NULL, "qp: a lone CR is encoded");

	m.text = "no line end";
	body = body_of(format(&m));
	is_str(body, "no line end\r\n", "qp: the message ends with CRLF");

	/* Plain ASCII goes as it is, so a long link stays whole in the mbox. */
	m.text = "Choose a new password:\nhttps://homeserve.example.in/password/"
	    "reset/0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
	    "abcdef\nFrom here, a = b\n";
	msg = format(&m);
	is_str(header_value(headers_of(msg), "Content-Transfer-Encoding"),
	    "7bit", "7bit: plain ASCII is sent as it is");
	is_str(body_of(msg), crlf(m.text), "7bit: the text, lines CRLF");
	m.text = "a line with =_hs_ in it\n";
	is_str(header_value(headers_of(format(&m)),
	    "Content-Transfer-Encoding"), "quoted-printable",
	    "7bit: not with anything like a boundary");
	m.text = "\xe2\x82\xb9" "500\n";
	is_str(header_value(headers_of(format(&m)),
	    "Content-Transfer-Encoding"), "quoted-printable",
	    "7bit: not with UTF-8");
	m.text = NULL;
	body = body_of(format(&m));
	is_str(body, "", "qp: no text, an empty body");
}

#define TEXT_PART	"Content-Type: text/plain; charset=utf-8\r\n" \
			"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
#define HTML_PART	"Content-Type: text/html; charset=utf-8\r\n" \
			"Content-Transfer-Encoding: quoted-printable\r\n\r\n"

/* Where the boundary is, and what the parts hold. */
static void
test_multipart(void)
{
	const char	*html = "<p>Hello <b>Asha</b> &amp; "
			    "\xe2\x82\xb9" "500</p>\n"
			    "<p style=\"color: red\">=_hs_ fake boundary</p>\n";
	struct mail	 m = sample();
	char		*msg, *hdrs, *ct, *boundary, *delim, *p, *part;
	char		*end;
	int		 count;

	m.html = html;
	m.text = qp_text;
	msg = format(&m);
	hdrs = headers_of(msg);
	ct = header_value(hdrs, "Content-Type");
	ok(ct != NULL && strncmp(ct, "multipart/alternative; boundary=\"=_hs_",
	    38) == 0 && strlen(ct) == 38 + 24 + 1,
	    "multipart: the boundary parameter");
	ok(longest_line(hdrs) <= 78, "multipart: headers folded (%zu)",
	    longest_line(hdrs));
	boundary = arena_strndup(arena, ct + 33, 29);
	ok(strspn(boundary + 5, "0123456789abcdef") == 24,
	    "multipart: =_hs_ and 24 hex: %s", boundary);
	delim = arena_printf(arena, "--%s", boundary);
	for (count = 0, p = strstr(msg, boundary); p != NULL;
	    p = strstr(p + 1, boundary))
		count++;
	is_int(count, 4, "multipart: the boundary: the header, 3 delimiters");
	p = strstr(body_of(msg), delim);
	ok(p == body_of(msg), "multipart: the body opens with a delimiter");
	ok(strstr(msg, arena_printf(arena, "\r\n%s--\r\n", delim)) != NULL &&
	    msg[strlen(msg) - 2] == '\r',
	    "multipart: the close delimiter ends the message");

	part = strstr(p, "\r\n") + 2;
	ok(strncmp(part, TEXT_PART, strlen(TEXT_PART)) == 0,
	    "multipart: text/plain first");
	part += strlen(TEXT_PART);
	end = strstr(part, arena_printf(arena, "\r\n%s\r\n", delim));
	is_str(qp_decode(part, (size_t)(end - part)), crlf(qp_text),
	    "multipart: the text part decodes back");
	part = end + 2 + strlen(delim) + 2;
	ok(strncmp(part, HTML_PART, strlen(HTML_PART)) == 0,
	    "multipart: then text/html");
	part += strlen(HTML_PART);
	end = strstr(part, arena_printf(arena, "\r\n%s--\r\n", delim));
	is_str(qp_decode(part, (size_t)(end - part)), crlf(html),
	    "multipart: the HTML part decodes back");
	ok(longest_line(body_of(msg)) <= 76 && only_ascii(msg) &&
	    only_crlf(msg), "multipart: lines of 76 at most, ASCII, CRLF");

	ct = header_value(headers_of(format(&m)), "Content-Type");
	ok(strstr(ct, boundary) == NULL, "multipart: a new boundary each time");
}

static void
test_unsubscribe(void)
{
	static const char	*const refused[] = {
		"https://example.com/u?t=a b",
		"https://example.com/u>X-Evil: 1",
		"https://example.com/<u>",
		"https://example.com/u\r\nBcc: x@example.com",
		"https://example.com/\xc3\xa4",
		"https://example.com/a,b",
		"mailto:unsubscribe@example.com",
		"javascript:alert(1)",
		"https://",
		"",
	};
	struct mail	 m = sample();
	char		*hdrs;
	size_t		 i;

	m.list_unsubscribe = "https://homeserve.example/unsubscribe?t=abc123";
	hdrs = headers_of(format(&m));
	is_int(header_count(hdrs, "List-Unsubscribe:"), 1,
	    "unsubscribe: present when given");
	is_str(header_value(hdrs, "List-Unsubscribe"),
	    "<https://homeserve.example/unsubscribe?t=abc123>",
	    "unsubscribe: the URL in angle brackets");
	m.list_unsubscribe = "http://localhost:8080/u/1";
	hdrs = headers_of(format(&m));
	is_str(header_value(hdrs, "List-Unsubscribe"),
	    "<http://localhost:8080/u/1>", "unsubscribe: http too");
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		m.list_unsubscribe = refused[i];
		hdrs = headers_of(format(&m));
		ok(hdrs != NULL &&
		    header_count(hdrs, "List-Unsubscribe:") == 0 &&
		    header_count(hdrs, "X-Evil:") == 0 &&
		    header_count(hdrs, "Bcc:") == 0 && only_crlf(hdrs),
		    "unsubscribe: left out: '%s'", refused[i]);
	}
}

static void
test_refused(void)
{
	static const char	*const bad[] = {
		NULL, "", "asha", "asha@example.com\r\nBcc: x@example.com",
		"Asha <asha@example.com>", "<id@example.com>",
	};
	struct buf		 out = { NULL, 0, 0 };
	struct mail		 m;
	size_t			 i;
	int			 field;

	for (field = 0; field < 3; field++)
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			m = sample();
			if (field == 0)
				m.from = bad[i];
			else if (field == 1)
				m.to = bad[i];
			else
				m.message_id = bad[i];
			buf_reset(&out);
			buf_puts(&out, "kept");
			ok(mail_format(&m, &out) == -1 && out.len == 4 &&
			    strcmp(out.data, "kept") == 0,
			    "refused: %s '%s', nothing appended",
			    field == 0 ? "from" : field == 1 ? "to" :
			    "message_id", bad[i] != NULL ? bad[i] : "(null)");
		}
	buf_reset(&out);
	buf_puts(&out, "kept");
	m = sample();
	ok(mail_format(&m, &out) == 0 &&
	    strncmp(out.data, "keptDate: ", 10) == 0,
	    "format: appends to what is there");
	buf_free(&out);
}

static void
test_message_id(void)
{
	struct mail	 m = sample();
	char		*a, *b;

	a = mail_message_id(arena, "no-reply@mail.example.com");
	b = mail_message_id(arena, "no-reply@mail.example.com");
	ok(strlen(a) == 32 + 1 + 16 && strspn(a, "0123456789abcdef") == 32 &&
	    strcmp(a + 32, "@mail.example.com") == 0,
	    "message-id: 32 hex @ the sender's domain: %s", a);
	ok(strcmp(a, b) != 0, "message-id: two differ");
	ok(mail_address_valid(a), "message-id: mail_format will take it");
	m.message_id = a;
	is_str(header_value(headers_of(format(&m)), "Message-ID"),
	    arena_printf(arena, "<%s>", a), "message-id: in the header");
	a = mail_message_id(arena, "not an address");
	ok(strcmp(a + 32, "@localhost") == 0,
	    "message-id: @localhost without an address");
}

/* The whole file at path, in the arena. */
static char *
slurp(const char *path)
{
	FILE	*f = fopen(path, "rb");
	char	 chunk[4096];
	size_t	 n;
	struct buf	 b = { NULL, 0, 0 };
	char	*s;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	s = arena_strndup(arena, b.data != NULL ? b.data : "", b.len);
	buf_free(&b);
	return s;
}

static void
test_mbox(void)
{
	char		 path[] = "/tmp/hs-mail-XXXXXX";
	struct buf	 first = { NULL, 0, 0 }, second = { NULL, 0, 0 };
	struct stat	 st;
	const char	*error = NULL;
	int		 fd;

	if ((fd = mkstemp(path)) == -1) {
		skip("mkstemp failed");
		return;
	}
	close(fd);
	unlink(path);
	buf_puts(&first, "Subject: one\r\n\r\nHello\r\n");
	buf_puts(&second, "Subject: two\r\n\r\nFrom me\r\n>From you\r\n"
	    "Not From here\r\n>>>From far\r\nFrom\r\nno end");
	is_int(mail_mbox_append(path, "no-reply@example.com", DEC01, &first,
	    &error), 0, "mbox: the first message");
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600,
	    "mbox: created 0600 (%o)", (unsigned)(st.st_mode & 0777));
	is_int(mail_mbox_append(path, "ops@example.com", 0, &second, &error), 0,
	    "mbox: the second");
	is_str(slurp(path),
	    "From no-reply@example.com Mon Dec  1 12:01:49 2025\n"
	    "Subject: one\n\nHello\n\n"
	    "From ops@example.com Thu Jan  1 00:00:00 1970\n"
	    "Subject: two\n\n>From me\n>>From you\nNot From here\n"
	    ">>>>From far\nFrom\nno end\n\n",
	    "mbox: the file's bytes");
	is_int(mail_mbox_append(path, "bad address", 0, &first, &error), -1,
	    "mbox: an invalid sender is refused");
	is_str(error, "the sender is not a valid address",
	    "mbox: ... and says so");
	unlink(path);
	is_int(mail_mbox_append("/nonexistent-dir/mbox", "a@example.com", 0,
	    &first, &error), -1, "mbox: an impossible path");
	ok(error != NULL && strstr(error, "cannot open the mbox file") != NULL,
	    "mbox: ... says why: %s", error != NULL ? error : "(null)");
	buf_free(&first);
	buf_free(&second);
}

/* A loopback port nobody listens on: bound, then let go. */
static int
closed_port(void)
{
	struct sockaddr_in	sin;
	socklen_t		len = sizeof(sin);
	int			fd, port = -1;

	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		return -1;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&sin, &len) == 0)
		port = ntohs(sin.sin_port);
	close(fd);
	return port;
}

static void
test_smtp(void)
{
	struct mail_smtp	 s = { NULL, NULL, NULL, 2000 };
	struct buf		 msg = { NULL, 0, 0 };
	const char		*error = NULL, *reply = "unset";
	struct timespec		 t0, t1;
	long			 ms;
	int			 port;

	buf_puts(&msg, "Subject: hi\r\n\r\nhi\r\n");
	s.url = "smtp://127.0.0.1:2525";
	s.password = "hunter2-secret";
	is_int(mail_smtp_send(arena, &s, "a@example.com", "b@example.com", &msg,
	    &error, &reply), -1, "smtp: a password but no user");
	is_str(error, "the SMTP URL names no user for the password",
	    "smtp: ... says so");
	ok(reply == NULL, "smtp: ... no reply");
	s.url = "smtp://mailer:hunter2-secret@127.0.0.1:2525";
	is_int(mail_smtp_send(arena, &s, "a@example.com", "b@example.com", &msg,
	    &error, &reply), -1, "smtp: a password in the URL is refused");
	ok(error != NULL && strstr(error, "hunter2") == NULL,
	    "smtp: ... without repeating it: %s", error);
	s.url = "https://127.0.0.1/";
	is_int(mail_smtp_send(arena, &s, "a@example.com", "b@example.com", &msg,
	    &error, &reply), -1, "smtp: not an SMTP URL");
	is_str(error, "the SMTP URL is not smtp:// or smtps://",
	    "smtp: ... says so");
	s.password = NULL;
	s.url = "smtp://127.0.0.1:2525";
	is_int(mail_smtp_send(arena, &s, "a@example.com",
	    "b@example.com>\r\nRCPT TO:<c@example.com", &msg, &error,
	    &reply), -1, "smtp: a recipient with a line break");
	is_str(error, "the recipient is not a valid address",
	    "smtp: ... says so");

	if ((port = closed_port()) == -1) {
		skip("no loopback socket");
		return;
	}
	s.url = arena_printf(arena, "smtp://127.0.0.1:%d", port);
	reply = "unset";
	clock_gettime(CLOCK_MONOTONIC, &t0);
	is_int(mail_smtp_send(arena, &s, "a@example.com", "b@example.com", &msg,
	    &error, &reply), -1, "smtp: nobody listening");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 +
	    (t1.tv_nsec - t0.tv_nsec) / 1000000;
	ok(ms < 1500, "smtp: ... fails quickly (%ld ms)", ms);
	ok(error != NULL && strncmp(error, "the connection failed: ", 23) == 0,
	    "smtp: ... says so: %s", error != NULL ? error : "(null)");
	ok(reply == NULL, "smtp: ... and no reply came");
	buf_free(&msg);
}

int
main(void)
{
	arena = arena_new();
	test_address();
	test_headers();
	test_from_names();
	test_injection();
	test_subject_encoded();
	test_subject_folded();
	test_quoted_printable();
	test_multipart();
	test_unsubscribe();
	test_refused();
	test_message_id();
	test_mbox();
	test_smtp();
	arena_free(arena);
	return done_testing();
}
