/* fuzz_urlencoded.c: libFuzzer harness for percent-decoding and urlencoded query/body parsing. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct arena	*urlencoded_arena;

static void
urlencoded_check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_urlencoded: %s\n", what);
		abort();
	}
}

/* Each value is NUL-free with the right length, and re-encoding round-trips. */
static void
urlencoded_check_params(struct arena *a, const struct http_params *ps)
{
	const char	*enc;
	char		*back;
	size_t		 i, len;

	for (i = 0; i < ps->n; i++) {
		urlencoded_check(ps->v[i].name != NULL &&
		    ps->v[i].value != NULL, "NULL name or value");
		urlencoded_check(strlen(ps->v[i].value) == ps->v[i].len,
		    "value length disagrees with its NUL");
		enc = http_urlencode(a, ps->v[i].value);
		urlencoded_check(strspn(enc, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789-._~/%") == strlen(enc),
		    "urlencode left a reserved byte");
		urlencoded_check(http_urldecode(a, enc, strlen(enc), 1, &back,
		    &len) == 0, "urlencode output does not decode");
		urlencoded_check(len == ps->v[i].len &&
		    memcmp(back, ps->v[i].value, len) == 0,
		    "encode/decode round trip changed the value");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*s = (const char *)data;
	struct http_params	 ps;
	char			*out;
	size_t			 len;
	int			 rc, plus;

	if (urlencoded_arena == NULL)
		urlencoded_arena = arena_new();
	arena_reset(urlencoded_arena);
	rc = http_parse_urlencoded(urlencoded_arena, s, size, &ps);
	urlencoded_check(rc == 0 || rc == 400 || rc == 413, "unknown status");
	urlencoded_check(ps.n <= HTTP_MAX_PARAMS, "too many params kept");
	if (rc == 0)
		urlencoded_check_params(urlencoded_arena, &ps);
	for (plus = 0; plus < 2; plus++) {
		if (http_urldecode(urlencoded_arena, s, size, plus, &out,
		    &len) != 0)
			continue;
		urlencoded_check(len <= size, "decoding grew the input");
		urlencoded_check(out[len] == '\0' && memchr(out, '\0', len) ==
		    NULL, "decoded text holds a NUL or is unterminated");
	}
	return 0;
}
