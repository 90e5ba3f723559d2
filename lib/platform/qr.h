/* qr.h: a QR code as a standalone SVG document (libqrencode), for enrolling an authenticator app. */
#ifndef HS_QR_H
#define HS_QR_H

struct arena;

/*
 * An SVG document (served as image/svg+xml from its own URL, never
 * inlined) of the QR code for text: 8-bit mode, error correction M,
 * a four-module quiet zone.  NULL when libqrencode cannot encode it,
 * as when the text is too long for any QR code.
 */
char	*qr_svg(struct arena *, const char *text);

#endif
