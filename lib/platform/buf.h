/* buf.h: a growable byte buffer, used for response bodies and rendered text. */
#ifndef HS_BUF_H
#define HS_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct buf {
	char	*data;	/* always NUL-terminated when non-NULL */
	size_t	 len;
	size_t	 cap;
};

void	buf_append(struct buf *, const void *, size_t);
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
