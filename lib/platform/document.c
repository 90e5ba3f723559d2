/* document.c: a PDF recognised by its header and trailer, JPEG and PNG by image_recognise. */
#include <string.h>

#include "document.h"
#include "image.h"

#define PDF_HEADER_LEN	8	/* "%PDF-" and a version "d.d" */
#define PDF_EOF		"%%EOF"
#define PDF_EOF_LEN	5
#define PDF_TAIL	1024	/* "%%EOF" must start this near the end */

/* One row per accepted format; a PDF is never shown inside our pages. */
static const struct {
	const char	*content_type;
	const char	*extension;
	int		 shown_inline;
} document_formats[DOCUMENT_TYPE__MAX] = {
	[DOCUMENT_NONE] = { NULL, NULL, 0 },
	[DOCUMENT_PDF] = { "application/pdf", "pdf", 0 },
	[DOCUMENT_JPEG] = { "image/jpeg", "jpg", 1 },
	[DOCUMENT_PNG] = { "image/png", "png", 1 },
};

static int
pdf_is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* The white space allowed after the trailer; unlike in PDF itself, not NUL. */
static int
pdf_is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

/*
 * "%PDF-d.d" first, and last (white space aside) a "%%EOF" that starts
 * in the final PDF_TAIL bytes, after the header.  What lies between,
 * JavaScript included, is not looked at: a PDF is only ever served as
 * an attachment.
 */
static int
pdf_ok(const unsigned char *p, size_t n)
{
	size_t	end = n;

	if (n < PDF_HEADER_LEN + PDF_EOF_LEN || memcmp(p, "%PDF-", 5) != 0 ||
	    !pdf_is_digit(p[5]) || p[6] != '.' || !pdf_is_digit(p[7]))
		return 0;
	while (end > PDF_HEADER_LEN + PDF_EOF_LEN && pdf_is_space(p[end - 1]))
		end--;
	return memcmp(p + end - PDF_EOF_LEN, PDF_EOF, PDF_EOF_LEN) == 0 &&
	    n - (end - PDF_EOF_LEN) <= PDF_TAIL;
}

/* Which accepted document the bytes are, or DOCUMENT_NONE (WebP included). */
enum document_type
document_recognise(const void *data, size_t n)
{
	if (data == NULL)
		return DOCUMENT_NONE;
	if (pdf_ok(data, n))
		return DOCUMENT_PDF;
	switch (image_recognise(data, n)) {
	case IMAGE_JPEG:
		return DOCUMENT_JPEG;
	case IMAGE_PNG:
		return DOCUMENT_PNG;
	default:
		return DOCUMENT_NONE;
	}
}

const char *
document_content_type(enum document_type t)
{
	return t < DOCUMENT_TYPE__MAX ? document_formats[t].content_type : NULL;
}

const char *
document_extension(enum document_type t)
{
	return t < DOCUMENT_TYPE__MAX ? document_formats[t].extension : NULL;
}

int
document_inline(enum document_type t)
{
	return t < DOCUMENT_TYPE__MAX ? document_formats[t].shown_inline : 0;
}
