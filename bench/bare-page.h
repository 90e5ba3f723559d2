/* bare-page.h: what the benchmarks' bare programs (bare.c, bare-cgi.c) answer: HomeServe's headers and a line to pad the body with. */
#ifndef HS_BARE_PAGE_H
#define HS_BARE_PAGE_H

/*
 * The same headers HomeServe's pages carry (http.c), so the bytes sent
 * differ from a page's only in the body, padded to the size asked.
 * Without the blank line that ends them.
 */
#define BARE_HEAD \
    "Status: 200 OK\r\n" \
    "Content-Type: text/html; charset=utf-8\r\n" \
    "Content-Security-Policy: default-src 'none'; style-src 'self'; " \
    "img-src 'self'; form-action 'self'; frame-ancestors 'none'; " \
    "base-uri 'none'\r\n" \
    "X-Content-Type-Options: nosniff\r\n" \
    "X-Frame-Options: DENY\r\n" \
    "Referrer-Policy: same-origin\r\n" \
    "Cache-Control: no-store\r\n"

#define BARE_LINE \
    "<p>A fixed line of text that pads the page to the size asked.</p>\n"

#endif
