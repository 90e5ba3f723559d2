/* csv.c (test): the CSV writer: RFC 4180 quoting, formula neutralising, numbers, the BOM, and its fixed buffer's flushes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "tap.h"

/* What the write callback saw: every byte, and each call's size. */
struct sink {
	struct buf	out;
	size_t		calls;
	size_t		sizes[64];
	size_t		empty;		/* calls with nothing to write */
	size_t		fail_at;	/* refuse this call (1-based); 0: never */
};

static int
sink_write(void *ctx, const char *p, size_t n)
{
	struct sink	*s = ctx;

	s->calls++;
	if (s->fail_at != 0 && s->calls >= s->fail_at)
		return -1;
	if (n == 0)
		s->empty++;
	if (s->calls <= sizeof(s->sizes) / sizeof(s->sizes[0]))
		s->sizes[s->calls - 1] = n;
	buf_append(&s->out, p, n);
	return (int)n;
}

static void
sink_reset(struct sink *s)
{
	buf_free(&s->out);
	memset(s, 0, sizeof(*s));
}

/* One row of one text field through a roomy buffer: its bytes. */
static const char *
one_text(struct sink *s, const char *text)
{
	static char	 mem[4096];
	struct csv	 c;

	sink_reset(s);
	csv_init(&c, mem, sizeof(mem), sink_write, s);
	csv_text(&c, text);
	csv_end_row(&c);
	csv_finish(&c);
	return s->out.data;
}

static void
test_quoting(void)
{
	static const struct {
		const char	*text;
		const char	*want;
		const char	*why;
	} cases[] = {
		{ "plain", "plain\r\n", "plain text as it is" },
		{ "", "\r\n", "empty text is an empty field" },
		{ "a,b", "\"a,b\"\r\n", "a comma is quoted" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"\r\n",
		    "quotes are doubled inside quotes" },
		{ "\"", "\"\"\"\"\r\n", "a lone quote" },
		{ "line\r\nbreak", "\"line\r\nbreak\"\r\n",
		    "CR LF inside a cell is kept, quoted" },
		{ "line\nbreak", "\"line\nbreak\"\r\n", "a bare LF is quoted" },
		{ "a\rb", "\"a\rb\"\r\n", "a bare CR is quoted" },
		{ "tab\tinside", "tab\tinside\r\n", "a tab inside is left" },
		{ "₹ 500 – Ünïcödé", "₹ 500 – Ünïcödé\r\n",
		    "UTF-8 passes through" },
		{ "it's", "it's\r\n", "a single quote inside is left" },
		{ "a=b", "a=b\r\n", "= after the first character is left" },
		/* OWASP's CSV Injection: each starting character. */
		{ "=cmd|'/C calc'!A0", "'=cmd|'/C calc'!A0\r\n",
		    "= at the start is neutralised" },
		{ "+91 98765 43210", "'+91 98765 43210\r\n",
		    "+ at the start is neutralised" },
		{ "-2+3", "'-2+3\r\n", "- at the start is neutralised" },
		{ "@SUM(A1:A9)", "'@SUM(A1:A9)\r\n",
		    "@ at the start is neutralised" },
		{ "\t=1+1", "'\t=1+1\r\n", "a tab at the start is neutralised" },
		{ "\r=1+1", "\"'\r=1+1\"\r\n",
		    "CR at the start is neutralised, and quoted" },
		{ "=HYPERLINK(\"http://x\",\"y\")",
		    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n",
		    "neutralised and quoted: the quote mark inside the cell" },
		{ "\r\nname", "\"'\r\nname\"\r\n",
		    "CR LF at the start: neutralised and quoted" },
		{ "'already", "'already\r\n", "a leading single quote is left" },
		{ " =1", " =1\r\n", "a space before = is left" },
	};
	struct sink	s = { 0 };
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_str(one_text(&s, cases[i].text), cases[i].want, "text: %s",
		    cases[i].why);
	sink_reset(&s);
}

static void
test_fields(void)
{
	char		mem[256];
	struct sink	s = { 0 };
	struct csv	c;

	csv_init(&c, mem, sizeof(mem), sink_write, &s);
	csv_begin(&c);
	csv_text(&c, "Amount (₹)");
	csv_text(&c, "When");
	csv_end_row(&c);
	csv_number(&c, "-500.00");
	csv_number(&c, "2026-12-01T18:30:00+05:30");
	csv_end_row(&c);
	csv_int(&c, 0);
	csv_int(&c, -42);
	csv_int(&c, INT64_MAX);
	csv_int(&c, INT64_MIN);
	csv_end_row(&c);
	csv_null(&c);
	csv_text(&c, NULL);
	csv_text(&c, "");
	csv_end_row(&c);
	csv_text(&c, "x");
	csv_null(&c);
	csv_end_row(&c);
	is_int(s.calls, 0, "nothing is written before the buffer fills");
	is_int(csv_finish(&c), 0, "finish: 0");
	is_int(s.calls, 1, "finish writes what is buffered, once");
	ok(s.out.len >= 3 && memcmp(s.out.data, "\xEF\xBB\xBF", 3) == 0,
	    "begin writes the UTF-8 byte order mark");
	is_str(s.out.data + 3,
	    "Amount (₹),When\r\n"
	    "-500.00,2026-12-01T18:30:00+05:30\r\n"
	    "0,-42,9223372036854775807,-9223372036854775808\r\n"
	    ",,\r\n"
	    "x,\r\n",
	    "numbers as they are (a minus sign is not neutralised), "
	    "NULL and empty as empty fields, a comma between, CR LF after");
	is_int(csv_finish(&c), 0, "finish again: 0");
	is_int(s.calls, 1, "... and writes nothing more");
	is_int(s.empty, 0, "no write is ever empty");
	sink_reset(&s);
}

/* The buffer flushes when full, exactly at its boundary, never empty. */
static void
test_flushing(void)
{
	char		mem[8], big[100], want[300], *p;
	struct sink	s = { 0 };
	struct csv	c;
	size_t		i, n, over = 0;

	csv_init(&c, mem, sizeof(mem), sink_write, &s);
	csv_text(&c, "abcdefgh");
	is_int(s.calls, 0, "8 bytes fill a buffer of 8 without a write");
	csv_end_row(&c);
	is_int(s.calls, 1, "the next byte flushes the full buffer");
	is_int(s.sizes[0], 8, "... all 8 bytes at once");
	csv_text(&c, "123456");
	is_int(s.calls, 1, "CR LF and 6 bytes fill the buffer again");
	is_int(csv_finish(&c), 0, "finish: 0");
	is_int(s.calls, 2, "finish writes the full buffer once");
	is_int(s.sizes[1], 8, "... 8 bytes");
	is_str(s.out.data, "abcdefgh\r\n123456", "the bytes are in order");
	is_int(s.empty, 0, "no empty write at the boundary");
	sink_reset(&s);

	/* A quoted field 12 times the buffer with quotes to double. */
	for (i = 0; i < 96; i++)
		big[i] = i % 10 == 9 ? '"' : (char)('a' + i % 26);
	big[96] = '\0';
	p = want;
	*p++ = '"';
	for (i = 0; i < 96; i++) {
		*p++ = big[i];
		if (big[i] == '"')
			*p++ = '"';
	}
	p += sprintf(p, "\"\r\n");
	csv_init(&c, mem, sizeof(mem), sink_write, &s);
	csv_text(&c, big);
	csv_end_row(&c);
	csv_finish(&c);
	n = (size_t)(p - want);
	is_mem(s.out.data, want, n, "a field longer than the buffer comes out "
	    "whole");
	is_int(s.out.len, n, "... with nothing more");
	is_int(s.calls, (n + 7) / 8, "... in writes of a full buffer each");
	for (i = 0; i < s.calls && i < 64; i++)
		over += s.sizes[i] > 8;
	is_int(over, 0, "no write is larger than the buffer");
	sink_reset(&s);

	/* A one-byte buffer gives the same bytes, one write per byte. */
	csv_init(&c, mem, 1, sink_write, &s);
	csv_begin(&c);
	csv_text(&c, "=a,b");
	csv_int(&c, 7);
	csv_end_row(&c);
	csv_finish(&c);
	is_str(s.out.data, "\xEF\xBB\xBF\"'=a,b\",7\r\n",
	    "a one-byte buffer writes the same bytes");
	is_int(s.calls, s.out.len, "... one write each");
	sink_reset(&s);
}

/* A refused write stops all output; the caller learns it. */
static void
test_failure(void)
{
	char		mem[4];
	struct sink	s = { 0 };
	struct csv	c;

	s.fail_at = 2;
	csv_init(&c, mem, sizeof(mem), sink_write, &s);
	csv_text(&c, "abcd");
	ok(!csv_failed(&c), "no failure before a write");
	csv_text(&c, "efgh");
	is_int(s.calls, 2, "the second write is refused");
	ok(csv_failed(&c), "csv_failed says so");
	csv_text(&c, "a longer field that would need many writes");
	csv_end_row(&c);
	is_int(s.calls, 2, "nothing is written after a failure");
	is_int(csv_finish(&c), -1, "finish: -1");
	is_int(s.calls, 2, "finish writes nothing either");
	is_str(s.out.data, "abcd", "only what went before the failure");
	sink_reset(&s);
}

/*
 * A small RFC 4180 reader for the round trip: one record from *p, its
 * fields into out (NUL-separated), returns the number of fields and
 * moves *p past the record's CR LF.  -1 if the text is not RFC 4180.
 */
static int
read_record(const char **p, char *out, size_t *outlen)
{
	const char	*s = *p;
	int		 n = 0;
	size_t		 o = 0;

	for (;;) {
		n++;
		if (*s == '"') {
			for (s++;; s++) {
				if (*s == '\0')
					return -1;
				if (*s == '"' && s[1] == '"')
					out[o++] = *s++;
				else if (*s == '"')
					break;
				else
					out[o++] = *s;
			}
			s++;
		} else
			while (*s != ',' && *s != '\r' && *s != '\0') {
				if (*s == '"' || *s == '\n')
					return -1;
				out[o++] = *s++;
			}
		out[o++] = '\0';
		if (*s == ',') {
			s++;
			continue;
		}
		if (s[0] != '\r' || s[1] != '\n')
			return -1;
		*p = s + 2;
		*outlen = o;
		return n;
	}
}

/* Random cells of awkward bytes read back as written, bar the ' mark. */
static void
test_round_trip(void)
{
	static const char	alphabet[] = "ab,\"\r\n\t=+-@' \xE2\x82\xB9";
	char			mem[16], cells[3][24], parsed[256];
	char			want[256];
	struct sink		s = { 0 };
	struct csv		c;
	const char		*p;
	size_t			i, j, k, len, wlen, bad = 0;
	unsigned		seed = 12345;

	for (i = 0; i < 20000; i++) {
		sink_reset(&s);
		csv_init(&c, mem, sizeof(mem), sink_write, &s);
		wlen = 0;
		for (k = 0; k < 3; k++) {
			seed = seed * 1103515245 + 12345;
			len = (seed >> 16) % 20;
			for (j = 0; j < len; j++) {
				seed = seed * 1103515245 + 12345;
				cells[k][j] = alphabet[(seed >> 16) %
				    (sizeof(alphabet) - 1)];
			}
			cells[k][len] = '\0';
			csv_text(&c, cells[k]);
			if (len > 0 && strchr("=+-@\t\r", cells[k][0]) != NULL)
				want[wlen++] = '\'';
			memcpy(want + wlen, cells[k], len + 1);
			wlen += len + 1;
		}
		csv_end_row(&c);
		csv_finish(&c);
		p = s.out.data;
		if (read_record(&p, parsed, &len) != 3 || *p != '\0' ||
		    len != wlen || memcmp(parsed, want, len) != 0) {
			if (bad++ == 0)
				diag("round trip %zu failed: '%s'", i, s.out.data);
		}
	}
	is_int(bad, 0, "20000 random rows read back as written");
	sink_reset(&s);
}

int
main(void)
{
	test_quoting();
	test_fields();
	test_flushing();
	test_failure();
	test_round_trip();
	return done_testing();
}
