/* bare-cgi.c: bench/cgi's ceiling: a bare C program that answers one plain CGI request with a fixed HTML page of a given size, linking nothing but libc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The headers HomeServe's pages carry (http.c), as bare.c sends them. */
static const char head[] =
    "Status: 200 OK\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "Content-Security-Policy: default-src 'none'; style-src 'self'; "
    "img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: same-origin\r\n"
    "Cache-Control: no-store\r\n";

static const char line[] =
    "<p>A fixed line of text that pads the page to the size asked.</p>\n";

int
main(int argc, char *argv[])
{
	long	size = argc > 1 ? strtol(argv[1], NULL, 10) : 8000, n;
	size_t	len = strlen(line);

	if (size < 0 || size > 10 * 1024 * 1024)
		size = 8000;
	fputs(head, stdout);
	printf("Content-Length: %ld\r\n\r\n", size);
	for (n = size; n >= (long)len; n -= (long)len)
		fputs(line, stdout);
	while (n-- > 0)
		putchar('\n');
	return fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
