/* image_resize.c: decode an accepted image with libgd (after checking its header's size), scale it and re-encode it as WebP, metadata dropped. */
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include <gd.h>

#include "arena.h"
#include "image.h"
#include "log.h"

/* WebP quality: photos stay sharp at a quarter of JPEG's size. */
#define IMAGE_WEBP_QUALITY	80

/* A decoder per accepted format, from memory. */
typedef gdImagePtr (*image_decoder)(int, void *);

/* How many complaints libgd made while decoding the current image. */
static int	image_complaints;

/*
 * libjpeg only warns about a truncated or damaged scan and fills the
 * rest with grey (libgd decodes it even when asked not to ignore
 * warnings); any complaint while decoding a JPEG refuses it.  PNG's
 * warnings (an odd colour profile) are harmless; its damage is an error.
 */
static gdImagePtr
image_jpeg_strict(int size, void *data)
{
	gdImagePtr	im;

	image_complaints = 0;
	im = gdImageCreateFromJpegPtrEx(size, data, 0);
	if (im != NULL && image_complaints > 0) {
		gdImageDestroy(im);
		return NULL;
	}
	return im;
}

static const image_decoder image_decoders[IMAGE_TYPE__MAX] = {
	[IMAGE_NONE] = NULL,
	[IMAGE_JPEG] = image_jpeg_strict,
	[IMAGE_PNG] = gdImageCreateFromPngPtr,
	[IMAGE_WEBP] = gdImageCreateFromWebpPtr,
};

/*
 * libgd reports corrupt data on stderr; here it is only counted, and
 * the caller's answer says it.
 */
static void
image_gd_quiet(int priority, const char *format, va_list args)
{
	(void)priority;
	(void)format;
	(void)args;
	image_complaints++;
}

/* One size of im, scaled to fit max_width, as WebP bytes in a. */
static int
image_encode(struct arena *a, gdImagePtr im, int max_width,
    struct image_out *out)
{
	gdImagePtr	 scaled = im;
	void		*bytes;
	int		 w, h, size = 0;

	image_fit(gdImageSX(im), gdImageSY(im), max_width, &w, &h);
	if (w != gdImageSX(im) &&
	    (scaled = gdImageScale(im, (unsigned)w, (unsigned)h)) == NULL)
		return -1;
	gdImageSaveAlpha(scaled, 1);
	bytes = gdImageWebpPtrEx(scaled, &size, IMAGE_WEBP_QUALITY);
	out->width = gdImageSX(scaled);
	out->height = gdImageSY(scaled);
	if (scaled != im)
		gdImageDestroy(scaled);
	if (bytes == NULL || size <= 0) {
		gdFree(bytes);
		return -1;
	}
	out->data = memcpy(arena_alloc(a, (size_t)size), bytes, (size_t)size);
	out->size = (size_t)size;
	gdFree(bytes);
	return 0;
}

/*
 * Recognise the bytes, refuse more than max_pixels before any
 * decoding, decode, and write each of nsizes sizes (fitting each of
 * max_widths, largest first) as a new WebP file: only pixels survive,
 * never EXIF, comments or trailing data.  out has nsizes elements.
 */
enum image_result
image_resize(struct arena *a, const void *data, size_t n, int64_t max_pixels,
    const int *max_widths, size_t nsizes, struct image_out *out)
{
	enum image_type	 type = image_recognise(data, n);
	gdImagePtr	 im;
	size_t		 i;
	int		 w, h;

	if (type == IMAGE_NONE || n > INT32_MAX)
		return IMAGE_NOT_IMAGE;
	if (max_pixels <= 0 || max_pixels > IMAGE_MAX_PIXELS)
		max_pixels = IMAGE_MAX_PIXELS;
	if (!image_dimensions(data, n, &w, &h))
		return IMAGE_CORRUPT;
	if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE ||
	    (int64_t)w * h > max_pixels)
		return IMAGE_TOO_BIG;
	gdSetErrorMethod(image_gd_quiet);
	if ((im = image_decoders[type]((int)n, (void *)(uintptr_t)data)) ==
	    NULL)
		return IMAGE_CORRUPT;
	/* The decoded size, not the header's, is what gets scaled. */
	if ((int64_t)gdImageSX(im) * gdImageSY(im) > max_pixels ||
	    (!gdImageTrueColor(im) && !gdImagePaletteToTrueColor(im))) {
		gdImageDestroy(im);
		return IMAGE_CORRUPT;
	}
	gdImageSetInterpolationMethod(im, GD_BILINEAR_FIXED);
	for (i = 0; i < nsizes; i++)
		if (image_encode(a, im, max_widths[i], &out[i]) != 0) {
			gdImageDestroy(im);
			log_warn("image: could not re-encode a %dx%d image",
			    w, h);
			return IMAGE_CORRUPT;
		}
	gdImageDestroy(im);
	return IMAGE_OK;
}
