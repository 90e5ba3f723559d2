/* draw.c: draws the five sample services' pictures (flat illustrations made for HomeServe) and the upload tests' small images, with libgd. */
/*
 * Not part of the build; the PNGs it writes are committed.  To redraw:
 *	cc -O2 -o /tmp/draw sample/pictures/draw.c -lgd
 *	/tmp/draw sample/pictures t/data
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gd.h>

#define W	480
#define H	320

static int
rgb(gdImagePtr im, int hex)
{
	return gdImageColorAllocate(im, hex >> 16, (hex >> 8) & 0xff,
	    hex & 0xff);
}

/* A rounded card of colour c: a rectangle with round corners. */
static void
rounded(gdImagePtr im, int x1, int y1, int x2, int y2, int r, int c)
{
	gdImageFilledRectangle(im, x1 + r, y1, x2 - r, y2, c);
	gdImageFilledRectangle(im, x1, y1 + r, x2, y2 - r, c);
	gdImageFilledEllipse(im, x1 + r, y1 + r, 2 * r, 2 * r, c);
	gdImageFilledEllipse(im, x2 - r, y1 + r, 2 * r, 2 * r, c);
	gdImageFilledEllipse(im, x1 + r, y2 - r, 2 * r, 2 * r, c);
	gdImageFilledEllipse(im, x2 - r, y2 - r, 2 * r, 2 * r, c);
}

/* An air conditioner's indoor unit blowing cool air. */
static void
draw_ac(gdImagePtr im)
{
	int	white = rgb(im, 0xffffff), grey = rgb(im, 0x9aa5b1);
	int	blue = rgb(im, 0x2b7bd6), i, x;

	rounded(im, 80, 60, 400, 150, 24, white);
	gdImageSetThickness(im, 4);
	gdImageLine(im, 110, 130, 370, 130, grey);
	gdImageFilledEllipse(im, 370, 85, 12, 12, rgb(im, 0x39c16c));
	for (i = 0; i < 4; i++)
		for (x = 130; x < 360; x += 20)
			gdImageArc(im, x + 10, 190 + i * 28, 20, 16,
			    i % 2 ? 180 : 0, i % 2 ? 360 : 180, blue);
}

/* A tap over a pipe, with a drop falling. */
static void
draw_plumbing(gdImagePtr im)
{
	int	steel = rgb(im, 0x8795a1), dark = rgb(im, 0x52606d);
	int	water = rgb(im, 0x3ba3f0);
	gdPoint	drop[3] = { { 300, 196 }, { 290, 220 }, { 310, 220 } };

	gdImageFilledRectangle(im, 60, 100, 260, 140, steel);
	gdImageFilledRectangle(im, 250, 100, 320, 140, dark);
	gdImageFilledRectangle(im, 285, 140, 315, 180, steel);
	gdImageFilledRectangle(im, 270, 70, 300, 100, dark);
	gdImageFilledRectangle(im, 240, 60, 330, 72, steel);
	gdImageFilledPolygon(im, drop, 3, water);
	gdImageFilledEllipse(im, 300, 226, 22, 22, water);
	gdImageFilledRectangle(im, 200, 262, 400, 280, rgb(im, 0xd9e2ec));
}

/* A light bulb beside a lightning bolt. */
static void
draw_electrical(gdImagePtr im)
{
	int	yellow = rgb(im, 0xffd23f), grey = rgb(im, 0x7b8794);
	int	orange = rgb(im, 0xf08c00);
	gdPoint	bolt[6] = { { 330, 50 }, { 280, 170 }, { 320, 170 },
		    { 290, 280 }, { 380, 140 }, { 335, 140 } };

	gdImageFilledEllipse(im, 170, 140, 150, 150, yellow);
	gdImageFilledRectangle(im, 140, 200, 200, 250, grey);
	gdImageSetThickness(im, 3);
	gdImageLine(im, 140, 215, 200, 215, rgb(im, 0x3e4c59));
	gdImageLine(im, 140, 232, 200, 232, rgb(im, 0x3e4c59));
	gdImageFilledPolygon(im, bolt, 6, orange);
}

/* A bucket with a mop, and a few bubbles. */
static void
draw_cleaning(gdImagePtr im)
{
	int	red = rgb(im, 0xe4572e), wood = rgb(im, 0xa0703c);
	int	bubble = rgb(im, 0xffffff), mop = rgb(im, 0xf5f0e1);
	gdPoint	bucket[4] = { { 140, 160 }, { 300, 160 }, { 280, 280 },
		    { 160, 280 } };

	gdImageSetThickness(im, 10);
	gdImageLine(im, 330, 40, 300, 230, wood);
	gdImageFilledEllipse(im, 298, 250, 90, 40, mop);
	gdImageFilledPolygon(im, bucket, 4, red);
	gdImageFilledEllipse(im, 110, 120, 40, 40, bubble);
	gdImageFilledEllipse(im, 160, 90, 26, 26, bubble);
	gdImageFilledEllipse(im, 380, 100, 30, 30, bubble);
}

/* A front-loading washing machine. */
static void
draw_appliance(gdImagePtr im)
{
	int	white = rgb(im, 0xfdfdfd), grey = rgb(im, 0xbcccdc);
	int	glass = rgb(im, 0x5fa8d3), dark = rgb(im, 0x334e68);

	rounded(im, 150, 40, 330, 290, 16, white);
	gdImageFilledRectangle(im, 150, 90, 330, 94, grey);
	gdImageFilledEllipse(im, 240, 190, 130, 130, grey);
	gdImageFilledEllipse(im, 240, 190, 100, 100, glass);
	gdImageFilledEllipse(im, 180, 66, 18, 18, dark);
	gdImageFilledRectangle(im, 260, 60, 310, 72, dark);
}

static const struct {
	const char	*name;
	int		 background;
	void		(*draw)(gdImagePtr);
} pictures[] = {
	{ "ac", 0xcfe8fc, draw_ac },
	{ "plumbing", 0xe3f0e8, draw_plumbing },
	{ "electrical", 0x2f3a56, draw_electrical },
	{ "cleaning", 0xd8f3ef, draw_cleaning },
	{ "appliance", 0xf0e6f6, draw_appliance },
};

static void
save(gdImagePtr im, const char *dir, const char *name, const char *ext)
{
	char	 path[512];
	void	*bytes = NULL;
	int	 size = 0;
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s.%s", dir, name, ext);
	if (strcmp(ext, "png") == 0)
		bytes = gdImagePngPtrEx(im, &size, 9);
	else if (strcmp(ext, "jpg") == 0)
		bytes = gdImageJpegPtr(im, &size, 80);
	else if (strcmp(ext, "webp") == 0)
		bytes = gdImageWebpPtrEx(im, &size, 80);
	else if (strcmp(ext, "gif") == 0)
		bytes = gdImageGifPtr(im, &size);
	if (bytes == NULL || (f = fopen(path, "wb")) == NULL ||
	    fwrite(bytes, 1, (size_t)size, f) != (size_t)size || fclose(f)) {
		fprintf(stderr, "draw: cannot write %s\n", path);
		exit(1);
	}
	gdFree(bytes);
}

/* Small images for t/114: one per format, 300 x 200. */
static void
test_images(const char *dir)
{
	static const char *const exts[] = { "jpg", "png", "webp", "gif" };
	gdImagePtr	im = gdImageCreateTrueColor(300, 200);
	size_t		i;

	gdImageFilledRectangle(im, 0, 0, 299, 199, rgb(im, 0x3e7cb1));
	gdImageFilledEllipse(im, 150, 100, 120, 120, rgb(im, 0xf2c14e));
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		save(im, dir, "picture", exts[i]);
	gdImageDestroy(im);
}

int
main(int argc, char *argv[])
{
	gdImagePtr	im;
	size_t		i;

	if (argc < 2) {
		fprintf(stderr, "usage: draw pictures-dir [test-data-dir]\n");
		return 2;
	}
	for (i = 0; i < sizeof(pictures) / sizeof(pictures[0]); i++) {
		im = gdImageCreateTrueColor(W, H);
		gdImageFilledRectangle(im, 0, 0, W - 1, H - 1,
		    rgb(im, pictures[i].background));
		pictures[i].draw(im);
		save(im, argv[1], pictures[i].name, "png");
		gdImageDestroy(im);
	}
	if (argc > 2)
		test_images(argv[2]);
	return 0;
}
