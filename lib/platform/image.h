/* image.h: recognise JPEG, PNG and WebP by their bytes alone, never by name or declared type; resize them into fresh WebP files. */
#ifndef HS_IMAGE_H
#define HS_IMAGE_H

#include <stddef.h>
#include <stdint.h>

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

/*
 * Decoding is refused above the caller's number of pixels (never more
 * than this), read from the header before any decoding: a few hundred
 * bytes may claim 20000 x 20000 pixels (1.6 GB decoded).
 */
#define IMAGE_MAX_PIXELS	(40 * 1000 * 1000)
#define IMAGE_MAX_SIDE		16384
#define IMAGE_MAX_SIZES		4

struct arena;

/* What image_resize says. */
enum image_result {
	IMAGE_OK,
	IMAGE_NOT_IMAGE,	/* not JPEG, PNG or WebP by content */
	IMAGE_TOO_BIG,		/* the header claims too many pixels */
	IMAGE_CORRUPT,		/* recognised, but it does not decode */
};

/* One re-encoded size: WebP bytes in the caller's arena. */
struct image_out {
	const void	*data;
	size_t		 size;
	int		 width;
	int		 height;
};

int	image_dimensions(const void *, size_t, int *width, int *height);
void	image_fit(int width, int height, int max_width, int *w, int *h);
enum image_result image_resize(struct arena *, const void *, size_t,
	    int64_t max_pixels, const int *max_widths, size_t nsizes, struct image_out *);

#endif
