/* fuzz_image.c: libFuzzer harness for recognising uploaded images by their bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
image_fuzz_check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_image: %s\n", what);
		abort();
	}
}

/* A recognised image starts (and for JPEG ends) with its format's magic. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum image_type	t = image_recognise(data, size);

	image_fuzz_check(t < IMAGE_TYPE__MAX, "type out of range");
	image_fuzz_check((t == IMAGE_NONE) == (image_content_type(t) == NULL) &&
	    (t == IMAGE_NONE) == (image_extension(t) == NULL),
	    "type and its names disagree");
	switch (t) {
	case IMAGE_JPEG:
		image_fuzz_check(size >= 6 && data[0] == 0xff &&
		    data[1] == 0xd8 && data[size - 2] == 0xff &&
		    data[size - 1] == 0xd9, "JPEG without SOI and EOI");
		break;
	case IMAGE_PNG:
		image_fuzz_check(size >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n",
		    8) == 0 && memcmp(data + size - 8, "IEND", 4) == 0,
		    "PNG without its signature or IEND");
		break;
	case IMAGE_WEBP:
		image_fuzz_check(size >= 20 && memcmp(data, "RIFF", 4) == 0 &&
		    memcmp(data + 8, "WEBP", 4) == 0, "WebP without RIFF");
		break;
	default:
		break;
	}
	/* Every prefix is looked at too: truncated uploads are common. */
	if (size > 0)
		image_recognise(data, size - 1);
	/* The header's size (read before any decoding) is positive if found. */
	{
		int	w = 0, h = 0;

		image_fuzz_check(!image_dimensions(data, size, &w, &h) ||
		    (t != IMAGE_NONE && w > 0 && h > 0),
		    "a size for a non-image, or not positive");
	}
	return 0;
}
