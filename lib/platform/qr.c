/* qr.c: QR codes drawn as SVG with libqrencode: one path, one subpath per run of dark modules. */
#include <stddef.h>
#include <stdint.h>

#include <qrencode.h>

#include "arena.h"
#include "buf.h"
#include "qr.h"

#define QR_QUIET	4	/* modules of margin, as ISO/IEC 18004 asks */
#define QR_PIXELS	8	/* CSS pixels a module, at the default size */
#define QR_TITLE	"QR code for your authenticator app"

/* Bit 0 of each libqrencode module byte is dark; the others say why. */
static int
qr_dark(const QRcode *qr, int x, int y)
{
	return qr->data[(size_t)y * (size_t)qr->width + (size_t)x] & 1;
}

/*
 * "M x y hN v1 h-N z" for each horizontal run of dark modules, in module
 * units offset by the quiet zone: a subpath a run rather than one a
 * module halves the path.
 */
static void
qr_path(struct buf *b, const QRcode *qr)
{
	int	x, y, start;

	for (y = 0; y < qr->width; y++) {
		for (x = 0; x < qr->width; ) {
			if (!qr_dark(qr, x, y)) {
				x++;
				continue;
			}
			for (start = x; x < qr->width && qr_dark(qr, x, y); x++)
				continue;
			buf_printf(b, "M%d %dh%dv1h-%dz", start + QR_QUIET,
			    y + QR_QUIET, x - start, x - start);
		}
	}
}

/*
 * Only numbers computed here go into the document: the title is a
 * constant, so there is nothing to escape.  The white rectangle makes
 * the quiet zone part of the image, whatever the viewer's background.
 */
char *
qr_svg(struct arena *a, const char *text)
{
	QRcode		*qr;
	struct buf	 b = { NULL, 0, 0 };
	char		*svg;
	int		 size;

	if (text == NULL || (qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M,
	    QR_MODE_8, 1)) == NULL)
		return NULL;
	size = qr->width + 2 * QR_QUIET;
	buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\" "
	    "shape-rendering=\"crispEdges\">\n"
	    "<title>" QR_TITLE "</title>\n"
	    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n"
	    "<path fill=\"#000\" d=\"", size * QR_PIXELS, size * QR_PIXELS,
	    size, size, size, size);
	qr_path(&b, qr);
	buf_puts(&b, "\"/>\n</svg>\n");
	QRcode_free(qr);
	svg = arena_strndup(a, b.data, b.len);
	buf_free(&b);
	return svg;
}
