/* fuzz_multipart.c: libFuzzer harness for multipart/form-data: the Content-Type's boundary, then the body. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "http.h"
#include "multipart.h"

/*
 * The input is the Content-Type, a newline, then the body:
 *
 *	multipart/form-data; boundary=B
 *	--B\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--B--\r\n
 *
 * Whatever parses must come out the same when written again and parsed
 * a second time.
 */
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct arena	*multipart_arena;

static void
multipart_check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_multipart: %s\n", what);
		abort();
	}
}

/* s as a quoted-string: only '"' and '\\' need a backslash. */
static void
multipart_quote(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* Write the parsed parts again: text fields first, then files. */
static void
multipart_write(struct buf *b, const char *boundary,
    const struct http_params *form, const struct http_upload *up, size_t nup)
{
	size_t	i;

	for (i = 0; i < form->n; i++) {
		buf_printf(b, "--%s\r\nContent-Disposition: form-data; name=",
		    boundary);
		multipart_quote(b, form->v[i].name);
		buf_puts(b, "\r\n\r\n");
		buf_append(b, form->v[i].value, form->v[i].len);
		buf_puts(b, "\r\n");
	}
	for (i = 0; i < nup; i++) {
		buf_printf(b, "--%s\r\nContent-Disposition: form-data; name=",
		    boundary);
		multipart_quote(b, up[i].name);
		buf_puts(b, "; filename=");
		multipart_quote(b, up[i].filename);
		if (up[i].content_type[0] != '\0')
			buf_printf(b, "\r\nContent-Type: %s", up[i].content_type);
		buf_puts(b, "\r\n\r\n");
		buf_append(b, up[i].data, up[i].size);
		buf_puts(b, "\r\n");
	}
	buf_printf(b, "--%s--\r\n", boundary);
}

static void
multipart_check_parts(const struct http_params *form,
    const struct http_upload *up, size_t nup, const unsigned char *body,
    size_t len)
{
	size_t	i;

	multipart_check(form->n + nup <= MULTIPART_MAX_PARTS, "too many parts");
	for (i = 0; i < form->n; i++) {
		multipart_check(form->v[i].name[0] != '\0' &&
		    strlen(form->v[i].name) <= MULTIPART_MAX_NAME, "text name");
		multipart_check(strlen(form->v[i].value) == form->v[i].len,
		    "NUL inside a text value");
	}
	for (i = 0; i < nup; i++) {
		multipart_check(up[i].name[0] != '\0' &&
		    strlen(up[i].name) <= MULTIPART_MAX_NAME, "upload name");
		multipart_check(up[i].filename != NULL &&
		    up[i].content_type != NULL, "upload strings");
		multipart_check(up[i].data >= body && up[i].size <= len &&
		    up[i].data + up[i].size <= body + len,
		    "upload outside the body");
	}
}

/*
 * Whether writing the parts again keeps each header block within
 * MULTIPART_MAX_HEADERS: quoting may double a name that came unquoted.
 */
static int
multipart_rewritable(const struct http_params *form,
    const struct http_upload *up, size_t nup)
{
	size_t	i;

	for (i = 0; i < form->n; i++)
		if (2 * strlen(form->v[i].name) + 100 > MULTIPART_MAX_HEADERS)
			return 0;
	for (i = 0; i < nup; i++)
		if (2 * (strlen(up[i].name) + strlen(up[i].filename)) +
		    strlen(up[i].content_type) + 100 > MULTIPART_MAX_HEADERS)
			return 0;
	return 1;
}

/* The second parse of what the first one found gives the same parts. */
static void
multipart_check_again(struct arena *a, const char *boundary,
    const struct http_params *form, const struct http_upload *up, size_t nup)
{
	struct http_params	 form2;
	struct http_upload	*up2;
	size_t			 nup2, i;
	struct buf		 b = { 0 };

	multipart_write(&b, boundary, form, up, nup);
	multipart_check(multipart_parse(a, boundary, (unsigned char *)b.data,
	    b.len, &form2, &up2, &nup2) == MULTIPART_OK, "rewritten body refused");
	multipart_check(form2.n == form->n && nup2 == nup, "part counts differ");
	for (i = 0; i < form->n; i++)
		multipart_check(strcmp(form2.v[i].name, form->v[i].name) == 0 &&
		    form2.v[i].len == form->v[i].len &&
		    memcmp(form2.v[i].value, form->v[i].value,
		    form->v[i].len) == 0, "text part differs");
	for (i = 0; i < nup; i++)
		multipart_check(strcmp(up2[i].name, up[i].name) == 0 &&
		    strcmp(up2[i].filename, up[i].filename) == 0 &&
		    strcmp(up2[i].content_type, up[i].content_type) == 0 &&
		    up2[i].size == up[i].size && memcmp(up2[i].data, up[i].data,
		    up[i].size) == 0, "file part differs");
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t		*nl = memchr(data, '\n', size);
	const unsigned char	*body;
	const char		*boundary;
	char			*ctype;
	struct http_params	 form;
	struct http_upload	*up;
	size_t			 len, nup;
	enum multipart_result	 rc;

	if (multipart_arena == NULL)
		multipart_arena = arena_new();
	arena_reset(multipart_arena);
	if (nl == NULL)
		nl = data + size;
	ctype = arena_strndup(multipart_arena, (const char *)data,
	    (size_t)(nl - data));
	multipart_is(ctype);
	if (multipart_boundary(multipart_arena, ctype, &boundary) != 0)
		boundary = "B";	/* still exercise the body parser */
	multipart_check(strlen(boundary) > 0 &&
	    strlen(boundary) <= MULTIPART_MAX_BOUNDARY, "boundary length");
	body = nl < data + size ? nl + 1 : nl;
	len = size - (size_t)(body - data);
	rc = multipart_parse(multipart_arena, boundary, body, len, &form, &up,
	    &nup);
	multipart_check(rc == MULTIPART_OK || rc == MULTIPART_MALFORMED ||
	    rc == MULTIPART_TOO_MANY, "unknown result");
	if (rc != MULTIPART_OK)
		return 0;
	multipart_check_parts(&form, up, nup, body, len);
	if (multipart_rewritable(&form, up, nup))
		multipart_check_again(multipart_arena, boundary, &form, up, nup);
	return 0;
}
