/* bare.c: the benchmark's ceiling: a bare libfcgi program answering one fixed HTML page of a given size. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcgiapp.h>

#include "bare-page.h"

static const char head[] = BARE_HEAD "\r\n";

static const char top[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<title>Bare · HomeServe bench</title>\n</head>\n<body>\n<main>\n"
    "<h1>Bare page</h1>\n";

static const char line[] = BARE_LINE;

static const char bottom[] = "</main>\n</body>\n</html>\n";

/* The whole response, headers and a body of about size bytes. */
static char *
page_make(size_t size, size_t *len)
{
	size_t	 body = strlen(top) + strlen(bottom), cap;
	char	*p;

	cap = sizeof(head) + body + size + sizeof(line);
	if ((p = malloc(cap)) == NULL)
		return NULL;
	strcpy(p, head);
	strcat(p, top);
	while (body + strlen(line) <= size) {
		strcat(p, line);
		body += strlen(line);
	}
	strcat(p, bottom);
	*len = strlen(p);
	return p;
}

int
main(int argc, char *argv[])
{
	FCGX_Request	 req;
	char		*page;
	size_t		 len;
	long		 size = argc > 1 ? strtol(argv[1], NULL, 10) : 6144;

	if (size < 0 || size > 1 << 20) {
		fprintf(stderr, "usage: bare [body bytes, at most 1 MB]\n");
		return 2;
	}
	if ((page = page_make((size_t)size, &len)) == NULL) {
		fprintf(stderr, "bare: out of memory\n");
		return 1;
	}
	if (FCGX_Init() != 0 || FCGX_InitRequest(&req, 0, 0) != 0) {
		fprintf(stderr, "bare: cannot start FastCGI\n");
		return 1;
	}
	while (FCGX_Accept_r(&req) >= 0) {
		FCGX_PutStr(page, (int)len, req.out);
		FCGX_Finish_r(&req);
	}
	free(page);
	return 0;
}
