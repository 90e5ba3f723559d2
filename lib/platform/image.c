/* image.c: JPEG, PNG and WebP recognised by magic numbers and a walk over their outer structure, and their size read from the header. */
#include <stdint.h>
#include <string.h>

#include "image.h"

typedef int (*image_check)(const unsigned char *, size_t);

static int	jpeg_ok(const unsigned char *, size_t);
static int	png_ok(const unsigned char *, size_t);
static int	webp_ok(const unsigned char *, size_t);

/* One row per accepted format. */
static const struct {
	const char	*content_type;
	const char	*extension;
	image_check	 check;
} image_formats[IMAGE_TYPE__MAX] = {
	[IMAGE_NONE] = { NULL, NULL, NULL },
	[IMAGE_JPEG] = { "image/jpeg", "jpg", jpeg_ok },
	[IMAGE_PNG] = { "image/png", "png", png_ok },
	[IMAGE_WEBP] = { "image/webp", "webp", webp_ok },
};

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[1] << 8 | p[0];
}

/* A start-of-frame marker: C0-CF except DHT (C4), JPG (C8) and DAC (CC). */
static int
jpeg_is_sof(unsigned char m)
{
	return m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc;
}

/*
 * SOI (FF D8), then length-prefixed segments up to the start of scan
 * with a frame header among them, and EOI (FF D9) as the last bytes.
 */
static int
jpeg_ok(const unsigned char *p, size_t n)
{
	size_t	i = 2, len;
	int	frame = 0;

	if (n < 6 || p[0] != 0xff || p[1] != 0xd8 || p[2] != 0xff ||
	    p[n - 2] != 0xff || p[n - 1] != 0xd9)
		return 0;
	for (;;) {
		if (i + 4 > n - 2 || p[i] != 0xff)
			return 0;
		while (p[i + 1] == 0xff && i + 5 <= n - 2)
			i++;	/* fill bytes before a marker */
		if (p[i + 1] == 0x00 || p[i + 1] == 0xd8 || p[i + 1] == 0xd9 ||
		    (p[i + 1] >= 0xd0 && p[i + 1] <= 0xd7) || p[i + 1] == 0xff)
			return 0;	/* no segment may be those here */
		len = (size_t)p[i + 2] << 8 | p[i + 3];
		if (len < 2 || i + 2 + len > n - 2)
			return 0;
		if (jpeg_is_sof(p[i + 1]))
			frame = 1;
		if (p[i + 1] == 0xda)
			return frame;
		i += 2 + len;
	}
}

/* The PNG CRC-32 (ISO 3309), bit by bit: a few KB of chunk types, not data. */
static uint32_t
png_crc(const unsigned char *p, size_t n)
{
	uint32_t	c = 0xffffffffu;
	size_t		i;
	int		k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
	}
	return c ^ 0xffffffffu;
}

/* The IHDR fields: size, bit depth for the colour type, methods. */
static int
png_ihdr_ok(const unsigned char *d)
{
	uint32_t	w = be32(d), h = be32(d + 4);
	unsigned	depth = d[8], colour = d[9];

	if (w == 0 || h == 0 || w > 0x7fffffffu || h > 0x7fffffffu ||
	    d[10] != 0 || d[11] != 0 || d[12] > 1)
		return 0;
	switch (colour) {
	case 0:
		return depth == 1 || depth == 2 || depth == 4 || depth == 8 ||
		    depth == 16;
	case 3:
		return depth == 1 || depth == 2 || depth == 4 || depth == 8;
	case 2: case 4: case 6:
		return depth == 8 || depth == 16;
	default:
		return 0;
	}
}

/*
 * The signature, an IHDR chunk first (13 bytes, its CRC right), then
 * whole chunks with at least one IDAT, ending exactly with IEND.
 */
static int
png_ok(const unsigned char *p, size_t n)
{
	static const unsigned char	sig[8] = { 0x89, 'P', 'N', 'G', '\r',
					    '\n', 0x1a, '\n' };
	size_t				i = 8, len;
	int				idat = 0;

	if (n < 8 + 25 + 12 || memcmp(p, sig, 8) != 0 || be32(p + 8) != 13 ||
	    memcmp(p + 12, "IHDR", 4) != 0 || !png_ihdr_ok(p + 16) ||
	    png_crc(p + 12, 17) != be32(p + 29))
		return 0;
	while (i + 12 <= n) {
		len = be32(p + i);
		if (len > 0x7fffffffu || len > n - i - 12)
			return 0;
		if (memcmp(p + i + 4, "IDAT", 4) == 0)
			idat = 1;
		if (memcmp(p + i + 4, "IEND", 4) == 0)
			return idat && len == 0 && i + 12 == n;
		i += 12 + len;
	}
	return 0;
}

/*
 * RIFF, a size that covers exactly the rest of the data, WEBP, then a
 * VP8 (key frame start code), VP8L (signature byte) or VP8X (10-byte
 * header) chunk that fits.
 */
static int
webp_ok(const unsigned char *p, size_t n)
{
	uint32_t	len;

	if (n < 20 || memcmp(p, "RIFF", 4) != 0 || memcmp(p + 8, "WEBP", 4)
	    != 0 || le32(p + 4) != n - 8 || (n & 1) != 0)
		return 0;
	len = le32(p + 16);
	if (len > n - 20)
		return 0;
	if (memcmp(p + 12, "VP8 ", 4) == 0)
		return len >= 10 && p[23] == 0x9d && p[24] == 0x01 &&
		    p[25] == 0x2a;
	if (memcmp(p + 12, "VP8L", 4) == 0)
		return len >= 5 && p[20] == 0x2f;
	if (memcmp(p + 12, "VP8X", 4) == 0)
		return len >= 10;
	return 0;
}

/* Which accepted format the bytes are, or IMAGE_NONE. */
enum image_type
image_recognise(const void *data, size_t n)
{
	int	t;

	if (data == NULL)
		return IMAGE_NONE;
	for (t = IMAGE_NONE + 1; t < IMAGE_TYPE__MAX; t++)
		if (image_formats[t].check(data, n))
			return (enum image_type)t;
	return IMAGE_NONE;
}

const char *
image_content_type(enum image_type t)
{
	return t < IMAGE_TYPE__MAX ? image_formats[t].content_type : NULL;
}

const char *
image_extension(enum image_type t)
{
	return t < IMAGE_TYPE__MAX ? image_formats[t].extension : NULL;
}

/*
 * The frame header's size: the same walk as jpeg_ok (which has passed),
 * up to the first start-of-frame segment, whose bytes 3-6 are the
 * height and width.
 */
static int
jpeg_size(const unsigned char *p, size_t n, int *w, int *h)
{
	size_t	i = 2, len;

	while (i + 4 <= n - 2 && p[i] == 0xff) {
		while (p[i + 1] == 0xff && i + 5 <= n - 2)
			i++;
		len = (size_t)p[i + 2] << 8 | p[i + 3];
		if (len < 2 || i + 2 + len > n - 2)
			return 0;
		if (jpeg_is_sof(p[i + 1])) {
			if (len < 7)
				return 0;
			*h = p[i + 5] << 8 | p[i + 6];
			*w = p[i + 7] << 8 | p[i + 8];
			return 1;
		}
		i += 2 + len;
	}
	return 0;
}

/* WebP: VP8 (14-bit sizes after the start code), VP8L (14-bit fields), VP8X (24-bit). */
static int
webp_size(const unsigned char *p, size_t n, int *w, int *h)
{
	if (memcmp(p + 12, "VP8 ", 4) == 0 && n >= 30) {
		*w = (p[26] | p[27] << 8) & 0x3fff;
		*h = (p[28] | p[29] << 8) & 0x3fff;
	} else if (memcmp(p + 12, "VP8L", 4) == 0 && n >= 25) {
		*w = (int)((p[21] | p[22] << 8) & 0x3fff) + 1;
		*h = (int)(((p[22] >> 6) | p[23] << 2 | (p[24] & 0x0f) << 10)) + 1;
	} else if (memcmp(p + 12, "VP8X", 4) == 0 && n >= 30) {
		*w = (int)(p[24] | p[25] << 8 | (uint32_t)p[26] << 16) + 1;
		*h = (int)(p[27] | p[28] << 8 | (uint32_t)p[29] << 16) + 1;
	} else
		return 0;
	return 1;
}

/*
 * The width and height an accepted image claims in its header, read
 * without decoding anything: 1 and both set, or 0 (not an image, or no
 * size found).  Sizes beyond INT_MAX are clamped so callers compare
 * them against their caps safely.
 */
int
image_dimensions(const void *data, size_t n, int *width, int *height)
{
	const unsigned char	*p = data;
	uint32_t		 w, h;

	switch (image_recognise(data, n)) {
	case IMAGE_JPEG:
		return jpeg_size(p, n, width, height) && *width > 0 &&
		    *height > 0;
	case IMAGE_PNG:
		w = be32(p + 16);
		h = be32(p + 20);
		*width = w > 0x7fffffffu ? 0x7fffffff : (int)w;
		*height = h > 0x7fffffffu ? 0x7fffffff : (int)h;
		return 1;
	case IMAGE_WEBP:
		return webp_size(p, n, width, height) && *width > 0 &&
		    *height > 0;
	default:
		return 0;
	}
}

/*
 * The size that fits max_width (never larger than the original: small
 * pictures are not blown up), the aspect kept, at least one pixel.
 */
void
image_fit(int width, int height, int max_width, int *w, int *h)
{
	if (width <= max_width) {
		*w = width;
		*h = height;
		return;
	}
	*w = max_width;
	*h = (int)(((int64_t)height * max_width + width / 2) / width);
	if (*h < 1)
		*h = 1;
}
