/* buf.c: growable byte buffer on the heap; out of memory is fatal. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fmt.h"
#include "log.h"

static void
buf_grow(struct buf *b, size_t extra)
{
	size_t	 cap;
	char	*p;

	if (extra > SIZE_MAX / 2 - b->len)
		log_fatal("buf: too large");
	if (b->len + extra + 1 <= b->cap)
		return;
	cap = b->cap ? b->cap : 4096;
	while (cap < b->len + extra + 1)
		cap *= 2;
	if ((p = realloc(b->data, cap)) == NULL)
		log_fatal("buf: out of memory");
	b->data = p;
	b->cap = cap;
}

/* buf_append when the buffer must grow first (see buf.h). */
void
buf_append_grow(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_append(b, &c, 1);
}

/* A number in decimal, without printf. */
void
buf_putu(struct buf *b, uint64_t v)
{
	char	num[24];

	buf_append(b, num, (size_t)(fmt_uint(num, v, 1) - num));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		log_fatal("buf: bad format");
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
