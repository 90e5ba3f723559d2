/* buf.h: a growable byte buffer, used for response bodies and rendered text. */
#ifndef HS_BUF_H
#define HS_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

struct buf {
	char	*data;	/* always NUL-terminated when non-NULL */
	size_t	 len;
	size_t	 cap;
};

void	buf_append_grow(struct buf *, const void *, size_t);

/*
 * Append n bytes.  Inline because templates and responses append a few
 * bytes at a time, and growing is the rare case.
 */
static inline void
buf_append(struct buf *b, const void *p, size_t n)
{
	if (b->data == NULL || n >= b->cap - b->len) {
		buf_append_grow(b, p, n);
		return;
	}
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void	buf_puts(struct buf *, const char *);
void	buf_putc(struct buf *, char);
void	buf_putu(struct buf *, uint64_t);
void	buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	buf_reset(struct buf *);
void	buf_free(struct buf *);

#ifdef __cplusplus
}
#endif

#endif
