/* csv.c: write RFC 4180 CSV through a fixed buffer, neutralising cells a spreadsheet would run as formulas. */
#include <stdint.h>
#include <string.h>

#include "csv.h"
#include "fmt.h"
#include "log.h"

/* UTF-8's byte order mark: spreadsheets then read the file as UTF-8 (₹). */
#define CSV_BOM		"\xEF\xBB\xBF"

/*
 * A cell beginning with one of these is read by spreadsheets as a
 * formula (=, + and - start one; @ calls a function in Excel; a tab or
 * CR before them is skipped by some importers), so a name like
 * "=cmd|'/C calc'!A0" would run on the reader's machine: OWASP's "CSV
 * Injection".  Such a cell gets a single quote in front, inside the
 * cell, which spreadsheets show as text and never evaluate.
 */
static const char	csv_formula_starts[] = "=+-@\t\r";

void
csv_init(struct csv *c, char *buf, size_t size,
    int (*write)(void *, const char *, size_t), void *ctx)
{
	if (buf == NULL || size == 0)
		log_fatal("csv: no buffer");
	memset(c, 0, sizeof(*c));
	c->buf = buf;
	c->size = size;
	c->write = write;
	c->ctx = ctx;
}

/* Hand the buffer to the callback; a failure drops everything after it. */
static void
csv_flush(struct csv *c)
{
	if (c->len > 0 && !c->failed && c->write(c->ctx, c->buf, c->len) < 0)
		c->failed = 1;
	c->len = 0;
}

/* Append n bytes, flushing each time the buffer is full: any n fits. */
static void
csv_put(struct csv *c, const char *p, size_t n)
{
	size_t	room;

	while (n > 0 && !c->failed) {
		if (c->len == c->size)
			csv_flush(c);
		room = c->size - c->len;
		if (room > n)
			room = n;
		memcpy(c->buf + c->len, p, room);
		c->len += room;
		p += room;
		n -= room;
	}
}

/* The comma before every field but a row's first. */
static void
csv_separate(struct csv *c)
{
	if (c->fields++ > 0)
		csv_put(c, ",", 1);
}

/* The byte order mark; call once, first. */
void
csv_begin(struct csv *c)
{
	csv_put(c, CSV_BOM, sizeof(CSV_BOM) - 1);
}

/*
 * A text field: quoted when it holds a comma, a quote, CR or LF (its
 * quotes doubled), and neutralised (see csv_formula_starts) when it
 * begins like a formula.  NULL is an empty field.
 */
void
csv_text(struct csv *c, const char *s)
{
	const char	*q;
	int		 quoted;

	if (s == NULL) {
		csv_null(c);
		return;
	}
	csv_separate(c);
	quoted = strpbrk(s, ",\"\r\n") != NULL;
	if (quoted)
		csv_put(c, "\"", 1);
	if (s[0] != '\0' && strchr(csv_formula_starts, s[0]) != NULL)
		csv_put(c, "'", 1);
	while ((q = strchr(s, '"')) != NULL) {
		csv_put(c, s, (size_t)(q - s) + 1);
		csv_put(c, "\"", 1);
		s = q + 1;
	}
	csv_put(c, s, strlen(s));
	if (quoted)
		csv_put(c, "\"", 1);
}

/*
 * A value we formatted ourselves (an amount "1234.50", an integer, an
 * ISO 8601 time), written as it is so that a spreadsheet reads a
 * number: never quoted, never neutralised.  Text from anywhere else
 * must go through csv_text; a separator here is a bug, so fatal.
 */
void
csv_number(struct csv *c, const char *s)
{
	if (strpbrk(s, ",\"\r\n") != NULL)
		log_fatal("csv: a number field holds a separator");
	csv_separate(c);
	csv_put(c, s, strlen(s));
}

void
csv_int(struct csv *c, int64_t v)
{
	char	digits[24], *p = digits;

	if (v < 0)
		*p++ = '-';
	p = fmt_uint(p, v < 0 ? -(uint64_t)v : (uint64_t)v, 1);
	csv_separate(c);
	csv_put(c, digits, (size_t)(p - digits));
}

/* An empty field: SQL's NULL, or nothing to say. */
void
csv_null(struct csv *c)
{
	csv_separate(c);
}

/* RFC 4180 ends every record, the last one too, with CR LF. */
void
csv_end_row(struct csv *c)
{
	csv_put(c, "\r\n", 2);
	c->fields = 0;
}

/* Flush what is left: 0, or -1 if any write failed. */
int
csv_finish(struct csv *c)
{
	csv_flush(c);
	return c->failed ? -1 : 0;
}

int
csv_failed(const struct csv *c)
{
	return c->failed;
}
