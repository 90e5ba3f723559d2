/* qr.c (test): the SVG QR code draws exactly libqrencode's dark modules, and too much text is NULL. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "arena.h"
#include "qr.h"
#include "tap.h"
#include "totp.h"

#define QUIET	4

static struct arena	*arena;

/* The text between `attr="` and the next quote, or NULL. */
static const char *
attribute(const char *svg, const char *attr)
{
	const char	*at, *end;
	char		*key = arena_printf(arena, " %s=\"", attr);

	if ((at = strstr(svg, key)) == NULL)
		return NULL;
	at += strlen(key);
	if ((end = strchr(at, '"')) == NULL)
		return NULL;
	return arena_strndup(arena, at, (size_t)(end - at));
}

static size_t
count(const char *s, const char *needle)
{
	size_t	n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/*
 * Paint the path's runs, "M x y hN v1 h-N z" each, on a size x size grid;
 * -1 when the path is not in that form, overlaps itself or leaves the
 * grid, else the number of modules painted.
 */
static long
paint(const char *d, unsigned char *grid, int size)
{
	int	x, y, w, back, used, i;
	long	dark = 0;

	while (*d != '\0') {
		used = 0;
		if (sscanf(d, "M%d %dh%dv1h-%dz%n", &x, &y, &w, &back,
		    &used) != 4 || used == 0 || w != back || w < 1 ||
		    x < 0 || y < 0 || x + w > size || y >= size)
			return -1;
		for (i = 0; i < w; i++) {
			if (grid[y * size + x + i])
				return -1;
			grid[y * size + x + i] = 1;
		}
		dark += w;
		d += used;
	}
	return dark;
}

/* 1 when grid is qr's matrix inside a QUIET-wide white margin. */
static int
same_modules(const unsigned char *grid, int size, const QRcode *qr,
    long *want)
{
	int	x, y, in, dark;

	*want = 0;
	for (y = 0; y < size; y++) {
		for (x = 0; x < size; x++) {
			in = x >= QUIET && y >= QUIET && x < size - QUIET &&
			    y < size - QUIET;
			dark = in && (qr->data[(y - QUIET) * qr->width +
			    x - QUIET] & 1);
			*want += dark;
			if (grid[y * size + x] != dark) {
				diag("module (%d, %d) should be %s", x, y,
				    dark ? "dark" : "light");
				return 0;
			}
		}
	}
	return 1;
}

/* The SVG of text against libqrencode's own encoding of it. */
static void
check_svg(const char *what, const char *text)
{
	QRcode		*qr;
	const char	*svg, *d;
	unsigned char	*grid;
	long		 dark, want;
	int		 size;

	svg = qr_svg(arena, text);
	qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!ok(svg != NULL && qr != NULL, "%s: encodes", what)) {
		QRcode_free(qr);
		return;
	}
	size = qr->width + 2 * QUIET;
	ok(strncmp(svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ",
	    44) == 0, "%s: an XML declaration, then <svg", what);
	is_str(attribute(svg, "xmlns"), "http://www.w3.org/2000/svg",
	    "%s: SVG namespace", what);
	is_str(attribute(svg, "viewBox"), arena_printf(arena, "0 0 %d %d",
	    size, size), "%s: viewBox is version %d's %d modules + 8", what,
	    qr->version, qr->width);
	is_str(attribute(svg, "width"), arena_printf(arena, "%d", size * 8),
	    "%s: 8 px a module wide", what);
	is_str(attribute(svg, "height"), arena_printf(arena, "%d", size * 8),
	    "%s: ... and high", what);
	is_str(attribute(svg, "shape-rendering"), "crispEdges",
	    "%s: crisp edges", what);
	ok(strstr(svg, "\n<title>QR code for your authenticator app</title>\n")
	    != NULL, "%s: says what it is", what);
	is_int(count(svg, "<path"), 1, "%s: one path", what);
	is_int(count(svg, "<"), 7, "%s: declaration, svg, title and its end, "
	    "rect, path, end of svg; nothing else", what);
	ok(strlen(svg) > 7 && strcmp(svg + strlen(svg) - 7, "</svg>\n") == 0,
	    "%s: ends with </svg>", what);
	d = attribute(svg, "d");
	if (!ok(d != NULL, "%s: the path has data", what)) {
		QRcode_free(qr);
		return;
	}
	is_int(strspn(d, "0123456789 Mhvz-"), strlen(d),
	    "%s: the path is only numbers and commands", what);
	grid = calloc((size_t)size * (size_t)size, 1);
	dark = paint(d, grid, size);
	ok(dark > 0, "%s: the path is runs of modules, none drawn twice",
	    what);
	ok(same_modules(grid, size, qr, &want),
	    "%s: the runs are the matrix's dark modules, in the margin", what);
	is_int(dark, want, "%s: %ld dark modules", what, want);
	free(grid);
	QRcode_free(qr);
}

static void
test_svg(void)
{
	const char	*uri;

	uri = totp_uri(arena, "HomeServe", "ops mgr@example.test",
	    "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
	check_svg("otpauth", uri);
	check_svg("one letter", "A");
	check_svg("case kept", "otpauth://totp/a:b?secret=abc");
	check_svg("UTF-8", "R\xc3\xa9mi & <friends> \"quoted\"");
}

static void
test_refused(void)
{
	char	*big;

	big = arena_alloc(arena, 5001);
	memset(big, 'x', 5000);
	big[5000] = '\0';
	ok(qr_svg(arena, big) == NULL, "refused: 5000 characters");
	ok(qr_svg(arena, "") == NULL, "refused: empty text");
	ok(qr_svg(arena, NULL) == NULL, "refused: NULL");
}

int
main(void)
{
	arena = arena_new();
	test_svg();
	test_refused();
	arena_free(arena);
	return done_testing();
}
