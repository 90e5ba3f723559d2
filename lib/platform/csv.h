/* csv.h: an RFC 4180 writer in constant memory: a fixed buffer flushed through a write callback. */
#ifndef HS_CSV_H
#define HS_CSV_H

#include <stddef.h>
#include <stdint.h>

/*
 * The caller owns the buffer (any size from 1 byte); when it is full
 * it goes to write(ctx, bytes, n), which returns a negative number on
 * failure.  After a failure nothing more is written and csv_failed()
 * says so, so a caller can stop producing rows (the client has gone).
 */
struct csv {
	char	*buf;
	size_t	 size;
	size_t	 len;
	size_t	 fields;	/* fields written in the current row */
	int	 failed;
	int	(*write)(void *, const char *, size_t);
	void	*ctx;
};

void	csv_init(struct csv *, char *buf, size_t size,
	    int (*write)(void *, const char *, size_t), void *ctx);
void	csv_begin(struct csv *);
void	csv_text(struct csv *, const char *);
void	csv_number(struct csv *, const char *);
void	csv_int(struct csv *, int64_t);
void	csv_null(struct csv *);
void	csv_end_row(struct csv *);
int	csv_finish(struct csv *);
int	csv_failed(const struct csv *);

#endif
