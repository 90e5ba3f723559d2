/* fuzz_document.c: libFuzzer harness for recognising uploaded documents (PDF, JPEG, PNG) by their bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "image.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
document_fuzz_check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_document: %s\n", what);
		abort();
	}
}

/* Whether "%%EOF" starts somewhere in the last 1024 bytes. */
static int
document_fuzz_eof_near_end(const uint8_t *data, size_t size)
{
	size_t	i = size > 1024 ? size - 1024 : 0;

	for (; i + 5 <= size; i++)
		if (memcmp(data + i, "%%EOF", 5) == 0)
			return 1;
	return 0;
}

/*
 * A recognised PDF has its header and trailer; JPEG and PNG are exactly
 * what image_recognise says, and WebP is never a document.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum document_type	t = document_recognise(data, size);
	enum image_type		image = image_recognise(data, size);

	document_fuzz_check(t < DOCUMENT_TYPE__MAX, "type out of range");
	document_fuzz_check((t == DOCUMENT_NONE) ==
	    (document_content_type(t) == NULL) && (t == DOCUMENT_NONE) ==
	    (document_extension(t) == NULL), "type and its names disagree");
	document_fuzz_check(document_inline(t) ==
	    (t == DOCUMENT_JPEG || t == DOCUMENT_PNG), "only images inline");
	if (t == DOCUMENT_PDF)
		document_fuzz_check(size >= 13 &&
		    memcmp(data, "%PDF-", 5) == 0 &&
		    document_fuzz_eof_near_end(data, size),
		    "PDF without its header or a %%EOF near the end");
	document_fuzz_check((t == DOCUMENT_JPEG) == (image == IMAGE_JPEG) &&
	    (t == DOCUMENT_PNG) == (image == IMAGE_PNG),
	    "JPEG or PNG disagrees with image_recognise");
	document_fuzz_check(image != IMAGE_WEBP || t == DOCUMENT_NONE,
	    "WebP taken for a document");
	/* Every prefix is looked at too: truncated uploads are common. */
	if (size > 0)
		document_recognise(data, size - 1);
	return 0;
}
