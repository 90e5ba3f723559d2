/* mail.c: e-mail messages: RFC 5322 with MIME alternatives, sent over SMTP with libcurl or appended to an mbox file. */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "arena.h"
#include "buf.h"
#include "crypto.h"
#include "log.h"
#include "mail.h"

#define HEADER_LINE_MAX		76	/* RFC 5322 asks for 78; a margin */
#define PLAIN_WORD_MAX		60	/* longer ones are encoded, to split */
#define ENCODED_WORD_MAX	75	/* RFC 2047 */
#define ENCODED_WORD_EXTRA	12	/* "=?UTF-8?B?" and "?=" */
#define QP_LINE_MAX		76	/* RFC 2045, with a soft break's '=' */
#define SEVEN_BIT_LINE_MAX	900	/* under SMTP's 998-byte limit */
#define URL_MAX			900	/* keeps List-Unsubscribe under 998 */
#define BOUNDARY_RANDOM		12	/* bytes: 24 hex characters */
#define SMTP_REPLY_MAX		200
#define SMTP_CONNECT_MS		5000
#define SMTP_TIMEOUT_MS		30000	/* when the caller gives none */
#define SMTP_NOT_SMTP		"the SMTP URL is not smtp:// or smtps://"

/* Not in a local part: RFC 5322 specials, which would need quoting. */
#define LOCAL_FORBIDDEN		"<>(),;:\\\"[]@"
/* A display name holding one of these is written as a quoted string. */
#define PHRASE_SPECIALS		"()<>[]:;@\\,.\""
#define DOMAIN_CHARS		"abcdefghijklmnopqrstuvwxyz" \
				"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"
#define REPLACEMENT		"\xef\xbf\xbd"	/* U+FFFD */

/* C locale names: strftime's %a and %b follow LC_TIME. */
static const char	*const day_names[] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};
static const char	*const month_names[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* A header being written: it folds before a word that would not fit. */
struct header {
	struct buf	*out;
	size_t		 col;	/* characters on the current line */
	size_t		 words;	/* words written so far */
};

/* Letters, digits and inner hyphens, in dot-separated labels. */
static int
domain_valid(const char *d)
{
	size_t	n;

	for (;;) {
		n = strspn(d, DOMAIN_CHARS);
		if (n == 0 || d[0] == '-' || d[n - 1] == '-')
			return 0;
		d += n;
		if (*d == '\0')
			return 1;
		if (*d++ != '.')
			return 0;
	}
}

int
mail_address_valid(const char *s)
{
	const char	*at, *p;
	size_t		 len;

	if (s == NULL || (len = strnlen(s, MAIL_ADDRESS_MAX + 1)) < 3 ||
	    len > MAIL_ADDRESS_MAX || (at = strchr(s, '@')) == NULL || at == s)
		return 0;
	for (p = s; p < at; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f ||
		    strchr(LOCAL_FORBIDDEN, *p) != NULL)
			return 0;
	return domain_valid(at + 1);
}

char *
mail_message_id(struct arena *a, const char *from)
{
	unsigned char	raw[16];
	char		hex[2 * sizeof(raw) + 1];

	crypto_random(raw, sizeof(raw));
	crypto_hex(raw, sizeof(raw), hex);
	return arena_printf(a, "%s@%s", hex,
	    mail_address_valid(from) ? strchr(from, '@') + 1 : "localhost");
}

/* The length of the valid UTF-8 character at p (1-4), or 0 if it is not one. */
static size_t
utf8_len(const unsigned char *p)
{
	if (p[0] < 0x80)
		return 1;
	if (p[0] < 0xc2 || p[0] > 0xf4 || (p[1] & 0xc0) != 0x80)
		return 0;
	if (p[0] < 0xe0)
		return 2;
	/* No overlong forms, no surrogates, nothing past U+10FFFF. */
	if ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] >= 0xa0) ||
	    (p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] >= 0x90) ||
	    (p[2] & 0xc0) != 0x80)
		return 0;
	if (p[0] < 0xf0)
		return 3;
	return (p[3] & 0xc0) == 0x80 ? 4 : 0;
}

/* C0 and C1 controls and DEL, the space too: what becomes a word break. */
static int
utf8_blank(const unsigned char *p, size_t n)
{
	return (n == 1 && (p[0] <= ' ' || p[0] == 0x7f)) ||
	    (n == 2 && p[0] == 0xc2 && p[1] < 0xa0);
}

/*
 * s as valid UTF-8 with single spaces between words and none at the
 * ends: control characters (CR and LF among them) become spaces, so no
 * header can be smuggled in, and invalid bytes become U+FFFD.
 */
static void
text_clean(const char *s, struct buf *out)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n, start = out->len;
	int			 space = 0;

	for (; *p != '\0'; p += n > 0 ? n : 1) {
		if ((n = utf8_len(p)) > 0 && utf8_blank(p, n)) {
			space = 1;
			continue;
		}
		if (space && out->len > start)
			buf_putc(out, ' ');
		space = 0;
		if (n > 0)
			buf_append(out, p, n);
		else
			buf_puts(out, REPLACEMENT);
	}
}

/*
 * 1 when clean text can go into a header as it is: printable ASCII,
 * nothing a reader would take for an encoded-word, and no word too long
 * to fold.
 */
static int
text_plain(const char *s)
{
	size_t	word = 0;

	if (strstr(s, "=?") != NULL)
		return 0;
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < ' ' || (unsigned char)*s >= 0x7f)
			return 0;
		word = *s == ' ' ? 0 : word + 1;
		if (word > PLAIN_WORD_MAX)
			return 0;
	}
	return 1;
}

static void
header_begin(struct header *h, struct buf *out, const char *name)
{
	buf_printf(out, "%s:", name);
	h->out = out;
	h->col = strlen(name) + 1;
	h->words = 0;
}

/* Room for a word of n characters: a space, after a fold if it is needed. */
static void
header_space(struct header *h, size_t n)
{
	if (h->words > 0 && h->col + 1 + n > HEADER_LINE_MAX) {
		buf_puts(h->out, "\r\n");
		h->col = 0;
	}
	buf_putc(h->out, ' ');
	h->col += 1 + n;
	h->words++;
}

static void
header_word(struct header *h, const char *word, size_t n)
{
	header_space(h, n);
	buf_append(h->out, word, n);
}

/* Space-separated words, folded where needed. */
static void
header_words(struct header *h, const char *s)
{
	size_t	n;

	while (*s != '\0') {
		if ((n = strcspn(s, " ")) > 0)
			header_word(h, s, n);
		s += n + (s[n] == ' ');
	}
}

/* "<s>" as one word: a Message-ID, an address or a URL. */
static void
header_angle(struct header *h, const char *s)
{
	header_space(h, strlen(s) + 2);
	buf_putc(h->out, '<');
	buf_puts(h->out, s);
	buf_putc(h->out, '>');
}

static void
header_end(struct header *h)
{
	buf_puts(h->out, "\r\n");
}

/* Base64 of n bytes into out, which has room; returns the length. */
static size_t
base64(char *out, const unsigned char *p, size_t n)
{
	static const char	 digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	uint32_t		 v;
	size_t			 i, len = 0;

	for (i = 0; i < n; i += 3) {
		v = (uint32_t)p[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		out[len++] = digits[v >> 18 & 63];
		out[len++] = digits[v >> 12 & 63];
		out[len++] = i + 1 < n ? digits[v >> 6 & 63] : '=';
		out[len++] = i + 2 < n ? digits[v & 63] : '=';
	}
	return len;
}

/*
 * Clean UTF-8 as RFC 2047 "B" encoded-words, one a line, none longer
 * than ENCODED_WORD_MAX or the room left on the header's first line.
 * Each holds whole characters, so no decoder ever sees half of one; the
 * spaces are inside the words, where decoders keep them.
 */
static void
header_encoded(struct header *h, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			 word[ENCODED_WORD_MAX + 1];
	size_t			 room, take, n, len;

	while (*p != '\0') {
		room = h->words == 0 ? HEADER_LINE_MAX - 1 - h->col :
		    HEADER_LINE_MAX - 1;
		if (room > ENCODED_WORD_MAX)
			room = ENCODED_WORD_MAX;
		for (take = 0; p[take] != '\0'; take += n) {
			n = utf8_len(p + take);
			if (ENCODED_WORD_EXTRA + 4 * ((take + n + 2) / 3) >
			    room)
				break;
		}
		if (take == 0)
			take = 1;	/* cannot happen with our limits */
		/*
		 * End a word after a space when one is near: readers that
		 * (wrongly) show a space between words then split no word.
		 */
		for (n = take; p[take] != '\0' && n > take / 2; n--)
			if (p[n - 1] == ' ') {
				take = n;
				break;
			}
		memcpy(word, "=?UTF-8?B?", 10);
		len = 10 + base64(word + 10, p, take);
		memcpy(word + len, "?=", 2);
		header_word(h, word, len + 2);
		p += take;
	}
}

/* A display name or subject: as it is when it can be, else encoded. */
static void
header_text(struct header *h, const char *clean, int phrase)
{
	struct buf	quoted = { NULL, 0, 0 };

	if (!text_plain(clean))
		header_encoded(h, clean);
	else if (!phrase || strpbrk(clean, PHRASE_SPECIALS) == NULL)
		header_words(h, clean);
	else {
		/* A quoted string may fold at its spaces like any text. */
		buf_putc(&quoted, '"');
		for (; *clean != '\0'; clean++) {
			if (*clean == '"' || *clean == '\\')
				buf_putc(&quoted, '\\');
			buf_putc(&quoted, *clean);
		}
		buf_putc(&quoted, '"');
		header_words(h, quoted.data);
		buf_free(&quoted);
	}
}

/* "From: Name <addr>", or the bare address when there is no name. */
static void
header_from(struct buf *out, const char *name, const char *addr)
{
	struct buf	clean = { NULL, 0, 0 };
	struct header	h;

	header_begin(&h, out, "From");
	if (name != NULL)
		text_clean(name, &clean);
	if (clean.len > 0) {
		header_text(&h, clean.data, 1);
		header_angle(&h, addr);
	} else
		header_words(&h, addr);
	header_end(&h);
	buf_free(&clean);
}

/* The subject, folded or encoded; empty when there is none. */
static void
header_subject(struct buf *out, const char *subject)
{
	struct buf	clean = { NULL, 0, 0 };
	struct header	h;

	header_begin(&h, out, "Subject");
	text_clean(subject != NULL ? subject : "", &clean);
	if (clean.len > 0)
		header_text(&h, clean.data, 0);
	header_end(&h);
	buf_free(&clean);
}

/* One header whose value is a single word, or one in angle brackets. */
static void
header_one(struct buf *out, const char *name, const char *value, int angled)
{
	struct header	h;

	header_begin(&h, out, name);
	if (angled)
		header_angle(&h, value);
	else
		header_words(&h, value);
	header_end(&h);
}

/* RFC 5322's date in the local zone (TZ): "Mon, 01 Dec 2025 17:31:49 +0530". */
static void
header_date(struct buf *out, int64_t date)
{
	time_t		t = (time_t)date;
	struct tm	tm;
	long		off;

	if (localtime_r(&t, &tm) == NULL) {
		t = 0;
		gmtime_r(&t, &tm);
	}
	off = tm.tm_gmtoff / 60;
	buf_printf(out,
	    "Date: %s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld\r\n",
	    day_names[tm.tm_wday], tm.tm_mday, month_names[tm.tm_mon],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    off < 0 ? '-' : '+', labs(off) / 60, labs(off) % 60);
}

/*
 * 1 for a plain http(s) URL with nothing that could end the <...> or
 * the header; RFC 2369 wants literal commas encoded, so none either.
 */
static int
unsubscribe_valid(const char *url)
{
	const unsigned char	*p;
	size_t			 scheme;

	if (url == NULL)
		return 0;
	if (strncmp(url, "https://", 8) == 0)
		scheme = 8;
	else if (strncmp(url, "http://", 7) == 0)
		scheme = 7;
	else
		return 0;
	if (url[scheme] == '\0' || strnlen(url, URL_MAX + 1) > URL_MAX)
		return 0;
	for (p = (const unsigned char *)url; *p != '\0'; p++)
		if (*p <= ' ' || *p >= 0x7f || strchr("<>,", *p) != NULL)
			return 0;
	return 1;
}

/* 1 when p starts a line end, or ends the text: LF, CRLF or NUL. */
static int
qp_line_end(const unsigned char *p)
{
	return p[0] == '\0' || p[0] == '\n' || (p[0] == '\r' && p[1] == '\n');
}

/* The byte at p, to go at column col, as quoted-printable: 1 or 3 bytes. */
static size_t
qp_token(const unsigned char *p, size_t col, char tok[3])
{
	static const char	hex[] = "0123456789ABCDEF";
	int			literal;

	if (*p == ' ' || *p == '\t')
		literal = !qp_line_end(p + 1);
	else
		literal = *p > ' ' && *p < 0x7f && *p != '=' &&
		    (col > 0 || strncmp((const char *)p, "From ", 5) != 0);
	if (literal) {
		tok[0] = (char)*p;
		return 1;
	}
	tok[0] = '=';
	tok[1] = hex[*p >> 4];
	tok[2] = hex[*p & 15];
	return 3;
}

/*
 * Quoted-printable (RFC 2045) with CRLF line ends: lines of at most
 * QP_LINE_MAX with soft breaks; '=', controls, bytes from 0x7f and a
 * space or tab before a line end are encoded, and so is the F of a
 * "From " that would start a line, so mbox quoting never changes a body.
 */
static void
qp_encode(struct buf *out, const char *text)
{
	const unsigned char	*p = (const unsigned char *)text;
	char			 tok[3];
	size_t			 col = 0, n;

	while (*p != '\0') {
		if (qp_line_end(p)) {
			buf_puts(out, "\r\n");
			col = 0;
			p += *p == '\r' ? 2 : 1;
			continue;
		}
		n = qp_token(p, col, tok);
		/* Keep room for the soft break's '='. */
		if (col + n > QP_LINE_MAX - 1) {
			buf_puts(out, "=\r\n");
			col = 0;
			n = qp_token(p, col, tok);
		}
		buf_append(out, tok, n);
		col += n;
		p++;
	}
}

/*
 * 1 when text can go as it is ("7bit"): printable ASCII and tabs, lines
 * well under SMTP's 998 bytes, no bare CR, and nothing like a boundary
 * ("=_hs_").  Links then stay whole for someone reading the raw mbox.
 */
static int
seven_bit_ok(const char *text)
{
	const unsigned char	*p = (const unsigned char *)text;
	size_t			 col = 0;

	if (strstr(text, "=_hs_") != NULL)
		return 0;
	for (; *p != '\0'; p++) {
		if (*p == '\n' || (*p == '\r' && p[1] == '\n')) {
			p += *p == '\r';
			col = 0;
			continue;
		}
		if ((*p < ' ' && *p != '\t') || *p >= 0x7f ||
		    ++col > SEVEN_BIT_LINE_MAX)
			return 0;
	}
	return 1;
}

/* The text with every line end made CRLF. */
static void
crlf_copy(struct buf *out, const char *text)
{
	const char	*p = text;
	size_t		 n;

	while (*p != '\0') {
		n = strcspn(p, "\r\n");
		buf_append(out, p, n);
		p += n;
		if (*p == '\0')
			break;
		buf_puts(out, "\r\n");
		p += p[0] == '\r' && p[1] == '\n' ? 2 : 1;
	}
}

/* A part's headers, the blank line and its body, not ending in a line break. */
static void
body_part(struct buf *out, const char *type, const char *text)
{
	int	plain;

	text = text != NULL ? text : "";
	plain = seven_bit_ok(text);
	buf_printf(out, "Content-Type: %s; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: %s\r\n\r\n", type,
	    plain ? "7bit" : "quoted-printable");
	if (plain)
		crlf_copy(out, text);
	else
		qp_encode(out, text);
}

/*
 * The text and HTML as multipart/alternative.  The boundary holds '=',
 * which quoted-printable never leaves bare, so no body can contain it.
 */
static void
body_alternative(struct buf *out, const char *text, const char *html)
{
	unsigned char	raw[BOUNDARY_RANDOM];
	char		hex[2 * BOUNDARY_RANDOM + 1];
	char		param[sizeof("boundary=\"=_hs_\"") + sizeof(hex)];
	struct header	h;

	crypto_random(raw, sizeof(raw));
	crypto_hex(raw, sizeof(raw), hex);
	snprintf(param, sizeof(param), "boundary=\"=_hs_%s\"", hex);
	header_begin(&h, out, "Content-Type");
	header_words(&h, "multipart/alternative;");
	header_words(&h, param);
	header_end(&h);
	buf_printf(out, "\r\n--=_hs_%s\r\n", hex);
	body_part(out, "text/plain", text);
	buf_printf(out, "\r\n--=_hs_%s\r\n", hex);
	body_part(out, "text/html", html);
	buf_printf(out, "\r\n--=_hs_%s--\r\n", hex);
}

int
mail_format(const struct mail *m, struct buf *out)
{
	if (!mail_address_valid(m->from) || !mail_address_valid(m->to) ||
	    !mail_address_valid(m->message_id))
		return -1;
	header_date(out, m->date);
	header_from(out, m->from_name, m->from);
	header_one(out, "To", m->to, 0);
	header_subject(out, m->subject);
	header_one(out, "Message-ID", m->message_id, 1);
	buf_puts(out, "MIME-Version: 1.0\r\n");
	buf_puts(out, "Auto-Submitted: auto-generated\r\n");
	if (unsubscribe_valid(m->list_unsubscribe))
		header_one(out, "List-Unsubscribe", m->list_unsubscribe, 1);
	if (m->html != NULL) {
		body_alternative(out, m->text, m->html);
		return 0;
	}
	body_part(out, "text/plain", m->text);
	if (out->len < 2 || memcmp(out->data + out->len - 2, "\r\n", 2) != 0)
		buf_puts(out, "\r\n");
	return 0;
}

/* What a 4xx or 5xx reply means, by the command it answers. */
static const struct smtp_step {
	const char	*verb;
	const char	*refused;
} smtp_steps[] = {
	{ "EHLO",	"the server refused the greeting" },
	{ "HELO",	"the server refused the greeting" },
	{ "STARTTLS",	"the server refused STARTTLS" },
	{ "AUTH",	"the server refused the login" },
	{ "MAIL",	"the server refused the sender" },
	{ "RCPT",	"the server refused the recipient" },
	{ "DATA",	"the server refused the message" },
};

/* How a failure without such a reply reads, by libcurl's code. */
static const struct smtp_failure {
	CURLcode	 code;
	const char	*what;
} smtp_failures[] = {
	{ CURLE_UNSUPPORTED_PROTOCOL,	SMTP_NOT_SMTP },
	{ CURLE_URL_MALFORMAT,		"the SMTP URL is malformed" },
	{ CURLE_COULDNT_RESOLVE_HOST,	"the server's name did not resolve" },
	{ CURLE_COULDNT_CONNECT,	"the connection failed" },
	{ CURLE_USE_SSL_FAILED,		"the server would not start TLS, and "
					"the password is never sent in clear" },
	{ CURLE_PEER_FAILED_VERIFICATION,
	    "the server's certificate did not verify" },
	{ CURLE_SSL_CONNECT_ERROR,	"the TLS handshake failed" },
	{ CURLE_SSL_CACERT_BADFILE,	"the CA file could not be read" },
	{ CURLE_LOGIN_DENIED,		"the login failed" },
	{ CURLE_GOT_NOTHING,		"the server closed the connection" },
	{ CURLE_RECV_ERROR,		"the server closed the connection" },
	{ CURLE_SEND_ERROR,		"the server closed the connection" },
	{ CURLE_WEIRD_SERVER_REPLY,	"the server's reply made no sense" },
};

/* One transfer: the message being read out, and what the server said. */
struct smtp_transfer {
	const char		*data;		/* not yet given to libcurl */
	size_t			 left;
	char			 line[SMTP_REPLY_MAX + 1]; /* coming in */
	size_t			 len;
	char			 reply[SMTP_REPLY_MAX + 1]; /* the last one */
	int			 replied;
	int			 quitting;	/* QUIT's answer says nothing */
	const struct smtp_step	*step;		/* the last command sent */
	char			 errbuf[CURL_ERROR_SIZE];
};

static size_t
smtp_read(char *dst, size_t size, size_t n, void *ctx)
{
	struct smtp_transfer	*t = ctx;
	size_t			 len = size * n < t->left ? size * n : t->left;

	memcpy(dst, t->data, len);
	t->data += len;
	t->left -= len;
	return len;
}

/*
 * Note which command went out, by its verb alone: AUTH lines carry
 * credentials, which are never copied.
 */
static void
smtp_sent(struct smtp_transfer *t, const char *data, size_t size)
{
	size_t	verb, i;

	for (verb = 0; verb < size && data[verb] >= 'A' && data[verb] <= 'Z';
	    verb++)
		continue;
	if (verb < size && data[verb] != ' ' && data[verb] != '\r')
		return;
	if (verb == 4 && memcmp(data, "QUIT", 4) == 0)
		t->quitting = 1;
	for (i = 0; i < sizeof(smtp_steps) / sizeof(smtp_steps[0]); i++)
		if (strlen(smtp_steps[i].verb) == verb &&
		    memcmp(data, smtp_steps[i].verb, verb) == 0)
			t->step = &smtp_steps[i];
}

/* Reply lines, printable ASCII only, cut at SMTP_REPLY_MAX; keep the last. */
static void
smtp_heard(struct smtp_transfer *t, const char *data, size_t size)
{
	size_t	i;

	for (i = 0; i < size; i++) {
		if (data[i] == '\n') {
			t->line[t->len] = '\0';
			memcpy(t->reply, t->line, t->len + 1);
			t->replied = 1;
			t->len = 0;
		} else if (data[i] >= ' ' && data[i] < 0x7f &&
		    t->len < SMTP_REPLY_MAX)
			t->line[t->len++] = data[i];
	}
}

/* libcurl's trace: SMTP commands go out, and replies come in, as "headers". */
static int
smtp_debug(CURL *c, curl_infotype type, char *data, size_t size, void *ctx)
{
	struct smtp_transfer	*t = ctx;

	if (type == CURLINFO_HEADER_OUT)
		smtp_sent(t, data, size);
	else if (type == CURLINFO_HEADER_IN && !t->quitting)
		smtp_heard(t, data, size);
	return 0;
}

/*
 * Check the URL, and give it back without its user, who is set apart
 * (into *user, in the arena) and only when there is a password: a user
 * alone would make libcurl log in with an empty one.  The error, or NULL.
 */
static const char *
smtp_url(struct arena *a, const char *url, int login, char **clean,
    char **user)
{
	const char	*error = NULL;
	char		*scheme = NULL, *name = NULL, *password = NULL;
	char		*s = NULL;
	CURLU		*u;

	if ((u = curl_url()) == NULL)
		return "out of memory";
	if (url == NULL || curl_url_set(u, CURLUPART_URL, url,
	    CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK)
		error = "the SMTP URL is malformed";
	else if (strcmp(scheme, "smtp") != 0 && strcmp(scheme, "smtps") != 0)
		error = SMTP_NOT_SMTP;
	else if (curl_url_get(u, CURLUPART_PASSWORD, &password, 0) == CURLUE_OK)
		error = "the SMTP URL must not hold the password";
	else if ((curl_url_get(u, CURLUPART_USER, &name, CURLU_URLDECODE) !=
	    CURLUE_OK || *name == '\0') && login)
		error = "the SMTP URL names no user for the password";
	else if (curl_url_set(u, CURLUPART_USER, NULL, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_URL, &s, 0) != CURLUE_OK)
		error = "the SMTP URL is malformed";
	else {
		*clean = arena_strdup(a, s);
		*user = login ? arena_strdup(a, name) : NULL;
	}
	curl_free(scheme);
	curl_free(name);
	curl_free(password);
	curl_free(s);
	curl_url_cleanup(u);
	return error;
}

/*
 * Everything for one message.  TLS: smtps:// is TLS from the start; on
 * smtp:// STARTTLS is required before a login and tried otherwise.
 * Peers are always verified.
 */
static void
smtp_options(CURL *c, const struct mail_smtp *s, const char *url,
    const char *user, struct curl_slist *rcpt, const char *from,
    struct smtp_transfer *t)
{
	long	timeout = s->timeout_ms > 0 ? s->timeout_ms : SMTP_TIMEOUT_MS;

	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
	    timeout < SMTP_CONNECT_MS ? timeout : (long)SMTP_CONNECT_MS);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout);
	curl_easy_setopt(c, CURLOPT_USE_SSL,
	    (long)(user != NULL ? CURLUSESSL_ALL : CURLUSESSL_TRY));
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (s->ca_file != NULL)
		curl_easy_setopt(c, CURLOPT_CAINFO, s->ca_file);
	if (user != NULL) {
		curl_easy_setopt(c, CURLOPT_USERNAME, user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, s->password);
	}
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, smtp_read);
	curl_easy_setopt(c, CURLOPT_READDATA, t);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)t->left);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, t->errbuf);
	/* Verbose, or the debug function is never called; it prints nothing. */
	curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, smtp_debug);
	curl_easy_setopt(c, CURLOPT_DEBUGDATA, t);
}

/* One sentence for a failure: the server's refusal, or else curl's. */
static const char *
smtp_error(struct arena *a, CURL *c, CURLcode rc, const struct smtp_transfer *t)
{
	const char	*detail = t->errbuf[0] != '\0' ? t->errbuf :
			    curl_easy_strerror(rc);
	curl_off_t	 us = 0;
	size_t		 i;

	if (t->replied && (t->reply[0] == '4' || t->reply[0] == '5'))
		return arena_printf(a, "%s: %s", t->step != NULL ?
		    t->step->refused : "the server refused the connection",
		    t->reply);
	if (rc == CURLE_OPERATION_TIMEDOUT) {
		curl_easy_getinfo(c, CURLINFO_TOTAL_TIME_T, &us);
		return arena_printf(a, "the connection timed out after %ld ms",
		    (long)(us / 1000));
	}
	for (i = 0; i < sizeof(smtp_failures) / sizeof(smtp_failures[0]); i++)
		if (smtp_failures[i].code == rc)
			return arena_printf(a, "%s: %s", smtp_failures[i].what,
			    detail);
	return arena_printf(a, "sending failed: %s", detail);
}

/* Why we would not even try, or NULL. */
static const char *
smtp_refuse(const char *from, const char *to, const struct buf *message)
{
	if (!mail_address_valid(from))
		return "the sender is not a valid address";
	if (!mail_address_valid(to))
		return "the recipient is not a valid address";
	if (message == NULL || message->len == 0)
		return "the message is empty";
	return NULL;
}

int
mail_smtp_send(struct arena *a, const struct mail_smtp *s, const char *from,
    const char *to, const struct buf *message, const char **error,
    const char **reply)
{
	struct smtp_transfer	 t;
	struct curl_slist	*rcpt;
	char			*url = NULL, *user = NULL;
	int			 login;
	CURL			*c;
	CURLcode		 rc;

	*reply = NULL;
	login = s->password != NULL && *s->password != '\0';
	if ((*error = smtp_refuse(from, to, message)) != NULL ||
	    (*error = smtp_url(a, s->url, login, &url, &user)) != NULL)
		return -1;
	if ((c = curl_easy_init()) == NULL || (rcpt = curl_slist_append(NULL,
	    arena_printf(a, "<%s>", to))) == NULL) {
		curl_easy_cleanup(c);
		*error = "libcurl could not start";
		return -1;
	}
	memset(&t, 0, sizeof(t));
	t.data = message->data;
	t.left = message->len;
	smtp_options(c, s, url, user, rcpt, arena_printf(a, "<%s>", from), &t);
	rc = curl_easy_perform(c);
	*reply = t.replied ? arena_strdup(a, t.reply) : NULL;
	*error = rc != CURLE_OK ? smtp_error(a, c, rc, &t) : NULL;
	/* Nothing of this call stays behind: the handle held the password. */
	curl_easy_cleanup(c);
	curl_slist_free_all(rcpt);
	return rc == CURLE_OK ? 0 : -1;
}

/* For mail_mbox_append's *error: one process, one thread, one at a time. */
static char	mbox_error[256];

static const char *
mbox_fail(const char *what)
{
	snprintf(mbox_error, sizeof(mbox_error), "%s: %s", what,
	    strerror(errno));
	return mbox_error;
}

/* 1 for a line mboxrd quotes: ^>*From . */
static int
mbox_from_line(const char *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n && p[i] == '>'; i++)
		continue;
	return n - i >= 5 && memcmp(p + i, "From ", 5) == 0;
}

/* The separator line, the message with LF ends and quoted, a blank line. */
static void
mbox_entry(struct buf *out, const char *from, int64_t date,
    const struct buf *m)
{
	time_t		 t = (time_t)date;
	struct tm	 tm;
	const char	*p = m->data, *end, *nl;
	size_t		 n;

	if (gmtime_r(&t, &tm) == NULL) {
		t = 0;
		gmtime_r(&t, &tm);
	}
	buf_printf(out, "From %s %s %s %2d %02d:%02d:%02d %d\n", from,
	    day_names[tm.tm_wday], month_names[tm.tm_mon], tm.tm_mday,
	    tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_year + 1900);
	end = m->len > 0 ? p + m->len : p;
	for (; p < end; p = nl < end ? nl + 1 : end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		n = (size_t)(nl - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (mbox_from_line(p, n))
			buf_putc(out, '>');
		buf_append(out, p, n);
		buf_putc(out, '\n');
	}
	buf_putc(out, '\n');
}

/* All n bytes, through short writes and signals. */
static int
write_all(int fd, const char *p, size_t n)
{
	ssize_t	w;

	while (n > 0) {
		if ((w = write(fd, p, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (w == 0) {
			errno = EIO;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int
lock_wait(int fd, int op)
{
	while (flock(fd, op) == -1)
		if (errno != EINTR)
			return -1;
	return 0;
}

/* Under the lock: the entry whole, or (on a write error) none of it. */
static const char *
mbox_write(int fd, const struct buf *entry)
{
	const char	*error;
	struct stat	 st;

	if (fstat(fd, &st) == -1)
		return mbox_fail("cannot read the mbox file's size");
	if (write_all(fd, entry->data, entry->len) == -1) {
		error = mbox_fail("cannot write the mbox file");
		/* Take a torn entry back: readers never see half a message. */
		if (ftruncate(fd, st.st_size) == -1)
			log_warn("mail: %s, and a torn entry is left: %s",
			    error, strerror(errno));
		return error;
	}
	if (fsync(fd) == -1)
		return mbox_fail("cannot flush the mbox file");
	return NULL;
}

int
mail_mbox_append(const char *path, const char *from, int64_t date,
    const struct buf *message, const char **error)
{
	static const struct buf	 empty = { NULL, 0, 0 };
	struct buf		 entry = { NULL, 0, 0 };
	int			 fd;

	if (!mail_address_valid(from)) {
		*error = "the sender is not a valid address";
		return -1;
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
	    0600)) == -1) {
		*error = mbox_fail("cannot open the mbox file");
		return -1;
	}
	mbox_entry(&entry, from, date, message != NULL ? message : &empty);
	if (lock_wait(fd, LOCK_EX) == -1)
		*error = mbox_fail("cannot lock the mbox file");
	else
		*error = mbox_write(fd, &entry);
	flock(fd, LOCK_UN);
	close(fd);
	buf_free(&entry);
	return *error == NULL ? 0 : -1;
}
