/* image.h: recognise JPEG, PNG and WebP by their bytes alone, never by name or declared type. */
#ifndef HS_IMAGE_H
#define HS_IMAGE_H

#include <stddef.h>

enum image_type {
	IMAGE_NONE,	/* not an image we accept */
	IMAGE_JPEG,
	IMAGE_PNG,
	IMAGE_WEBP,
	IMAGE_TYPE__MAX
};

enum image_type	 image_recognise(const void *, size_t);
const char	*image_content_type(enum image_type);	/* NULL for NONE */
const char	*image_extension(enum image_type);	/* "jpg", no dot */

#endif
