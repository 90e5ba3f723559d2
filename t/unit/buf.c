/* buf.c (test): the growable buffer: appends, binary data, printf, growth, reset and free. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tap.h"

static void
test_basics(void)
{
	struct buf	b = { 0 };

	buf_puts(&b, "");
	ok(b.data != NULL && b.data[0] == '\0' && b.len == 0,
	    "puts \"\": allocated, empty, terminated");
	buf_puts(&b, "Hello");
	buf_putc(&b, ',');
	buf_append(&b, " world!!", 6);
	is_str(b.data, "Hello, world", "puts, putc, append");
	is_int(b.len, 12, "length");
	buf_append(&b, NULL, 0);
	is_int(b.len, 12, "append nothing");
	buf_append(&b, "a\0b", 3);
	ok(b.len == 15 && memcmp(b.data + 12, "a\0b", 3) == 0 &&
	    b.data[15] == '\0', "binary append keeps NUL bytes and terminates");
	buf_free(&b);
	ok(b.data == NULL && b.len == 0 && b.cap == 0, "free: all cleared");
	buf_free(&b);
	ok(1, "free: twice is fine");
	buf_putc(&b, 'x');
	is_str(b.data, "x", "reuse after free");
	buf_free(&b);
}

static void
test_printf(void)
{
	struct buf	 b = { 0 };
	char		*p;

	buf_printf(&b, "%s=%d;", "n", -7);
	buf_printf(&b, "%05.2f|%zu", 3.14159, (size_t)42);
	is_str(b.data, "n=-7;03.14|42", "printf appends");
	is_int(b.len, 13, "printf length");
	buf_printf(&b, "%s", "");
	is_int(b.len, 13, "printf of nothing");
	buf_printf(&b, "%0*d", 10000, 9);
	ok(b.len == 13 + 10000 && b.data[13] == '0' && b.data[b.len - 1] == '9'
	    && b.data[b.len] == '\0', "printf longer than the first block");
	ok(b.cap > b.len, "capacity leaves room for the NUL");
	p = b.data;
	buf_reset(&b);
	ok(b.len == 0 && b.data == p && b.data[0] == '\0',
	    "reset keeps the memory, empties the text");
	buf_reset(&b);
	is_int(b.len, 0, "reset twice");
	buf_free(&b);
	buf_reset(&b);
	ok(b.data == NULL && b.len == 0, "reset of a freed buffer");
}

static void
test_putu(void)
{
	struct buf	b = { 0 };

	buf_putu(&b, 0);
	buf_putc(&b, ' ');
	buf_putu(&b, 404);
	buf_putc(&b, ' ');
	buf_putu(&b, UINT64_MAX);
	is_str(b.data, "0 404 18446744073709551615", "putu: zero, a status, "
	    "the largest");
	buf_free(&b);
}

static void
test_growth(void)
{
	struct buf	b = { 0 };
	char		chunk[1000];
	size_t		i, bad = 0;

	for (i = 0; i < sizeof(chunk); i++)
		chunk[i] = (char)('a' + i % 26);
	for (i = 0; i < 1000; i++)
		buf_append(&b, chunk, sizeof(chunk));
	is_int(b.len, 1000000, "1 MB appended in pieces");
	ok(b.cap >= b.len + 1 && b.data[b.len] == '\0', "terminated");
	for (i = 0; i < b.len; i++)
		bad += b.data[i] != (char)('a' + (i % 1000) % 26);
	is_int(bad, 0, "content intact after every growth");
	buf_free(&b);
	for (i = 0; i < 5000; i++)
		buf_putc(&b, (char)(i % 256));
	for (i = 0; i < 5000; i++)
		bad += (unsigned char)b.data[i] != i % 256;
	ok(b.len == 5000 && bad == 0, "putc across a growth");
	buf_free(&b);
}

int
main(void)
{
	test_basics();
	test_printf();
	test_putu();
	test_growth();
	return done_testing();
}
