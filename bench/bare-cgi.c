/* bare-cgi.c: bench/cgi's ceiling: a bare C program that answers one plain CGI request with a fixed HTML page of a given size, linking nothing but libc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bare-page.h"

static const char head[] = BARE_HEAD;
static const char line[] = BARE_LINE;

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
