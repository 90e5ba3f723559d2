/* fuzz_cookies.c: libFuzzer harness for the Cookie header parser. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct arena	*cookies_arena;

static void
cookies_check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_cookies: %s\n", what);
		abort();
	}
}

/* What RFC 6265 allows in a cookie name or value (names also lose '='). */
static int
cookies_octet_ok(unsigned char c)
{
	return c > 0x20 && c < 0x7f && c != ';' && c != ',' && c != '"' &&
	    c != '\\';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_params	 ps;
	const char		*p;
	char			*h;
	int			 rc;
	size_t			 i;

	if (cookies_arena == NULL)
		cookies_arena = arena_new();
	arena_reset(cookies_arena);
	/* A header is a C string: it ends at the first NUL. */
	h = arena_strndup(cookies_arena, (const char *)data, size);
	rc = http_parse_cookies(cookies_arena, h, &ps);
	cookies_check(rc == (strlen(h) > HTTP_MAX_COOKIE_HEADER ? 400 : 0),
	    "status does not match the size limit");
	cookies_check(ps.n <= HTTP_MAX_COOKIES, "too many cookies kept");
	for (i = 0; i < ps.n; i++) {
		cookies_check(ps.v[i].name[0] != '\0', "empty cookie name");
		for (p = ps.v[i].name; *p != '\0'; p++)
			cookies_check(cookies_octet_ok((unsigned char)*p) &&
			    *p != '=', "bad byte in a cookie name");
		for (p = ps.v[i].value; *p != '\0'; p++)
			cookies_check(cookies_octet_ok((unsigned char)*p),
			    "bad byte in a cookie value");
		cookies_check(strlen(ps.v[i].value) == ps.v[i].len,
		    "value length is wrong");
		cookies_check(strstr(h, ps.v[i].name) != NULL,
		    "a name that was never sent");
	}
	return 0;
}
