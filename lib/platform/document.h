/* document.h: recognise an uploaded document (PDF, JPEG or PNG) by its bytes alone, never by name or declared type. */
#ifndef HS_DOCUMENT_H
#define HS_DOCUMENT_H

#include <stddef.h>

enum document_type {
	DOCUMENT_NONE,	/* not a document we accept */
	DOCUMENT_PDF,
	DOCUMENT_JPEG,
	DOCUMENT_PNG,
	DOCUMENT_TYPE__MAX
};

enum document_type	 document_recognise(const void *, size_t);
const char		*document_content_type(enum document_type); /* "application/pdf", "image/jpeg", "image/png"; NULL for NONE */
const char		*document_extension(enum document_type);    /* "pdf", "jpg", "png"; NULL for NONE */
int			 document_inline(enum document_type);       /* 1 for images (shown in the page), 0 for PDF (served as an attachment) */

#endif
