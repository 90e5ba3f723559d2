/* image.c (test): JPEG, PNG and WebP recognised by content; look-alikes, truncations and other files refused. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gd.h>

#include "arena.h"
#include "image.h"
#include "samples.h"
#include "tap.h"

/* WebP in its other forms: lossy and extended (lossless: samples.h). */
static const unsigned char webp_lossy[] = {
	'R', 'I', 'F', 'F', 24, 0, 0, 0, 'W', 'E', 'B', 'P',
	'V', 'P', '8', ' ', 12, 0, 0, 0,
	0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00,
};
static const unsigned char webp_extended[] = {
	'R', 'I', 'F', 'F', 44, 0, 0, 0, 'W', 'E', 'B', 'P',
	'V', 'P', '8', 'X', 10, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	'V', 'P', '8', 'L', 13, 0, 0, 0,
	0x2f, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe,
	0x07, 0x00,
};

/* Recognise a copy of exactly n bytes, so a read past the end is caught. */
static enum image_type
recognise(const void *p, size_t n)
{
	unsigned char	*copy = malloc(n > 0 ? n : 1);
	enum image_type	 t;

	if (copy == NULL)
		abort();
	memcpy(copy, p, n);
	t = image_recognise(copy, n);
	free(copy);
	return t;
}

static void
test_good(void)
{
	is_int(recognise(jpeg, sizeof(jpeg)), IMAGE_JPEG, "JPEG recognised");
	is_int(recognise(png, sizeof(png)), IMAGE_PNG, "PNG recognised");
	is_int(recognise(webp_lossless, sizeof(webp_lossless)), IMAGE_WEBP,
	    "WebP lossless recognised");
	is_int(recognise(webp_lossy, sizeof(webp_lossy)), IMAGE_WEBP,
	    "WebP lossy recognised");
	is_int(recognise(webp_extended, sizeof(webp_extended)), IMAGE_WEBP,
	    "WebP extended recognised");
	is_str(image_content_type(IMAGE_JPEG), "image/jpeg", "JPEG type");
	is_str(image_extension(IMAGE_JPEG), "jpg", "JPEG extension");
	is_str(image_content_type(IMAGE_PNG), "image/png", "PNG type");
	is_str(image_extension(IMAGE_PNG), "png", "PNG extension");
	is_str(image_content_type(IMAGE_WEBP), "image/webp", "WebP type");
	is_str(image_extension(IMAGE_WEBP), "webp", "WebP extension");
	ok(image_content_type(IMAGE_NONE) == NULL &&
	    image_extension(IMAGE_NONE) == NULL, "not an image: no type");
}

static void
test_other_files(void)
{
	static const struct {
		const char	*data;
		size_t		 len;
		const char	*what;
	} files[] = {
		{ "", 0, "an empty file" },
		{ "<!DOCTYPE html><html><script>alert(1)</script></html>", 53,
		    "HTML (named photo.jpg)" },
		{ "<?php system($_GET['c']); ?>", 28, "PHP" },
		{ "GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!"
		    "\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00"
		    "\x00\x02\x02\x44\x01\x00;", 43, "a GIF" },
		{ "BM\x1e\x00\x00\x00\x00\x00\x00\x00\x1a\x00\x00\x00", 14,
		    "a BMP header" },
		{ "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", 15, "a PDF" },
		{ "\xff\xd8\xff", 3, "only a JPEG's first bytes" },
		{ "\xff\xd8\xff\xd9", 4, "SOI then EOI" },
		{ "\xff\xd8\xff\xe0<?php ?>\xff\xd9", 14,
		    "a JPEG magic around PHP" },
		{ "\x89PNG\r\n\x1a\n", 8, "only the PNG signature" },
		{ "RIFF\x04\x00\x00\x00WEBP", 12, "only a WebP header" },
		{ "RIFF\x0c\x00\x00\x00WAVEfmt \x00\x00\x00\x00", 20,
		    "a RIFF that is WAVE" },
	};
	size_t	i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		is_int(recognise(files[i].data, files[i].len), IMAGE_NONE,
		    "not an image: %s", files[i].what);
	is_int(image_recognise(NULL, 10), IMAGE_NONE, "not an image: NULL");
}

/* Every proper prefix is refused, and so is anything appended. */
static void
test_cut_and_appended(const char *name, const unsigned char *p, size_t n)
{
	unsigned char	*more = malloc(n + 32);
	size_t		 cut, accepted = 0;

	if (more == NULL)
		abort();
	for (cut = 0; cut < n; cut++)
		if (recognise(p, cut) != IMAGE_NONE) {
			diag("%s cut to %zu bytes was accepted", name, cut);
			accepted++;
		}
	is_int(accepted, 0, "%s: every truncation refused", name);
	memcpy(more, p, n);
	memcpy(more + n, "<?php ?>", 8);
	is_int(recognise(more, n + 8), IMAGE_NONE, "%s: PHP appended refused",
	    name);
	memcpy(more + n, "\0\0", 2);
	is_int(recognise(more, n + 2), IMAGE_NONE, "%s: 2 bytes appended refused",
	    name);
	free(more);
}

static void
test_broken(void)
{
	unsigned char	b[sizeof(jpeg)];

	memcpy(b, jpeg, sizeof(jpeg));
	b[22] = 0xff;	/* the DQT segment's length runs past the end */
	is_int(recognise(b, sizeof(jpeg)), IMAGE_NONE,
	    "JPEG: a segment longer than the file refused");
	memcpy(b, jpeg, sizeof(jpeg));
	b[90] = 0xc4;	/* SOF0 becomes DHT: no frame header */
	is_int(recognise(b, sizeof(jpeg)), IMAGE_NONE,
	    "JPEG: no frame header refused");
	memcpy(b, jpeg, sizeof(jpeg));
	b[20] = 0x00;	/* not a marker where one must be */
	is_int(recognise(b, sizeof(jpeg)), IMAGE_NONE,
	    "JPEG: junk between segments refused");

	memcpy(b, png, sizeof(png));
	b[19] = 0;	/* width 0; the CRC no longer matches either */
	is_int(recognise(b, sizeof(png)), IMAGE_NONE, "PNG: width 0 refused");
	memcpy(b, png, sizeof(png));
	b[32] ^= 1;
	is_int(recognise(b, sizeof(png)), IMAGE_NONE, "PNG: bad IHDR CRC refused");
	memcpy(b, png, sizeof(png));
	b[12] = 'i';
	is_int(recognise(b, sizeof(png)), IMAGE_NONE,
	    "PNG: no IHDR first refused");
	memcpy(b, png, sizeof(png));
	memcpy(b + 37, "tEXt", 4);
	is_int(recognise(b, sizeof(png)), IMAGE_NONE, "PNG: no IDAT refused");
	memcpy(b, png, sizeof(png));
	b[35] = 0xff;	/* IDAT's length runs past the end */
	is_int(recognise(b, sizeof(png)), IMAGE_NONE,
	    "PNG: a chunk longer than the file refused");

	memcpy(b, webp_lossless, sizeof(webp_lossless));
	b[4] = 28;
	is_int(recognise(b, sizeof(webp_lossless)), IMAGE_NONE,
	    "WebP: RIFF size larger than the data refused");
	b[4] = 24;
	is_int(recognise(b, sizeof(webp_lossless)), IMAGE_NONE,
	    "WebP: RIFF size smaller than the data refused");
	memcpy(b, webp_lossless, sizeof(webp_lossless));
	b[20] = 0x2e;
	is_int(recognise(b, sizeof(webp_lossless)), IMAGE_NONE,
	    "WebP: VP8L without its signature refused");
	memcpy(b, webp_lossy, sizeof(webp_lossy));
	b[24] = 0x02;
	is_int(recognise(b, sizeof(webp_lossy)), IMAGE_NONE,
	    "WebP: VP8 without its start code refused");
	memcpy(b, webp_lossless, sizeof(webp_lossless));
	memcpy(b + 12, "ALPH", 4);
	is_int(recognise(b, sizeof(webp_lossless)), IMAGE_NONE,
	    "WebP: an unknown first chunk refused");
	memcpy(b, webp_lossless, sizeof(webp_lossless));
	b[16] = 200;
	is_int(recognise(b, sizeof(webp_lossless)), IMAGE_NONE,
	    "WebP: a chunk longer than the file refused");
}

/* Many random buffers wearing each magic number: nothing crashes. */
static void
test_random(void)
{
	static const unsigned char	*magic[] = { jpeg, png, webp_lossless };
	static const size_t		 mlen[] = { 4, 16, 16 };
	unsigned char			 b[256];
	uint32_t			 x = 2463534242u;
	size_t				 i, k, n, accepted = 0;

	for (i = 0; i < 30000; i++) {
		n = 1 + i % sizeof(b);
		for (k = 0; k < n; k++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			b[k] = (unsigned char)x;
		}
		memcpy(b, magic[i % 3], mlen[i % 3] < n ? mlen[i % 3] : n);
		accepted += recognise(b, n) != IMAGE_NONE;
	}
	ok(accepted < 30, "random data with magic numbers: %zu of 30000 "
	    "accepted", accepted);
}

/* An image of w x h made with libgd, in the given format, malloc'd. */
static unsigned char *
made(int w, int h, enum image_type type, size_t *n)
{
	gdImagePtr	 im = gdImageCreateTrueColor(w, h);
	void		*bytes;
	unsigned char	*copy;
	int		 size = 0;

	gdImageFilledRectangle(im, 0, 0, w - 1, h - 1,
	    gdImageColorAllocate(im, 200, 40, 40));
	bytes = type == IMAGE_JPEG ? gdImageJpegPtr(im, &size, 80) :
	    type == IMAGE_PNG ? gdImagePngPtr(im, &size) :
	    gdImageWebpPtr(im, &size);
	gdImageDestroy(im);
	if (bytes == NULL || (copy = malloc((size_t)size)) == NULL)
		abort();
	memcpy(copy, bytes, (size_t)size);
	gdFree(bytes);
	*n = (size_t)size;
	return copy;
}

/* Header sizes, read without decoding, for each format. */
static void
test_dimensions(void)
{
	static const enum image_type	 types[] = { IMAGE_JPEG, IMAGE_PNG,
					    IMAGE_WEBP };
	unsigned char			*p;
	size_t				 i, n;
	int				 w = 0, h = 0;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		p = made(123, 45, types[i], &n);
		ok(image_dimensions(p, n, &w, &h) && w == 123 && h == 45,
		    "%s: 123 x 45 read from the header",
		    image_extension(types[i]));
		free(p);
	}
	ok(!image_dimensions("not an image", 12, &w, &h), "text: no size");
}

static void
test_fit(void)
{
	int	w, h;

	image_fit(1280, 960, 640, &w, &h);
	ok(w == 640 && h == 480, "1280 x 960 fits 640 as 640 x 480");
	image_fit(300, 200, 640, &w, &h);
	ok(w == 300 && h == 200, "300 x 200 is never enlarged");
	image_fit(300, 200, 160, &w, &h);
	ok(w == 160 && h == 107, "300 x 200 at 160: 160 x 107 (rounded)");
	image_fit(16000, 1, 160, &w, &h);
	ok(w == 160 && h == 1, "a 1-pixel line keeps one pixel");
}

/* Each format resized to two WebP sizes; bombs and damage refused. */
static void
test_resize(void)
{
	static const int	 widths[2] = { 640, 160 };
	struct arena		*a = arena_new();
	struct image_out	 out[2];
	unsigned char		*p;
	size_t			 n;

	p = made(1000, 500, IMAGE_JPEG, &n);
	is_int(image_resize(a, p, n, 0, widths, 2, out), IMAGE_OK,
	    "a 1000 x 500 JPEG resizes");
	ok(out[0].width == 640 && out[0].height == 320 &&
	    out[1].width == 160 && out[1].height == 80, "... to 640 x 320 "
	    "and 160 x 80");
	is_int(image_recognise(out[0].data, out[0].size), IMAGE_WEBP,
	    "... as WebP");
	ok(image_dimensions(out[1].data, out[1].size, &out[0].width,
	    &out[0].height) && out[0].width == 160, "... whose header agrees");
	is_int(image_resize(a, p, n / 2, 0, widths, 2, out), IMAGE_NOT_IMAGE,
	    "half a JPEG is not an image");
	p[n / 2] ^= 0xff;
	p[n / 2 + 1] ^= 0x55;
	ok(image_resize(a, p, n, 0, widths, 2, out) != IMAGE_OK,
	    "a damaged JPEG is refused");
	free(p);
	p = made(40, 30, IMAGE_PNG, &n);
	is_int(image_resize(a, p, n, 0, widths, 2, out), IMAGE_OK, "a PNG resizes");
	ok(out[0].width == 40 && out[1].width == 40, "... never enlarged");
	free(p);
	p = made(4, 4, IMAGE_PNG, &n);
	/* The IHDR claims 20000 x 20000: refused before any decoding. */
	p[16] = 0; p[17] = 0; p[18] = 0x4e; p[19] = 0x20;
	p[20] = 0; p[21] = 0; p[22] = 0x4e; p[23] = 0x20;
	ok(image_resize(a, p, n, 0, widths, 2, out) != IMAGE_OK,
	    "a 20000 x 20000 PNG header is refused");
	free(p);
	p = made(4, 4, IMAGE_WEBP, &n);
	is_int(image_resize(a, p, n, 0, widths, 2, out), IMAGE_OK, "a WebP resizes");
	free(p);
	is_int(image_resize(a, "GIF89a", 6, 0, widths, 2, out), IMAGE_NOT_IMAGE,
	    "a GIF is not accepted");
	arena_free(a);
}

int
main(void)
{
	test_good();
	test_other_files();
	test_cut_and_appended("JPEG", jpeg, sizeof(jpeg));
	test_cut_and_appended("PNG", png, sizeof(png));
	test_cut_and_appended("WebP", webp_lossless, sizeof(webp_lossless));
	test_broken();
	test_random();
	test_dimensions();
	test_fit();
	test_resize();
	return done_testing();
}
