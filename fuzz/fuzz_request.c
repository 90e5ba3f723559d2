/* fuzz_request.c: libFuzzer harness for reading a whole request (environment and body) and writing headers. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "http.h"

/*
 * The input is "NAME=value" lines, a blank line, then the body:
 *
 *	REQUEST_METHOD=POST
 *	CONTENT_TYPE=application/x-www-form-urlencoded
 *	CONTENT_LENGTH=3
 *
 *	a=1
 *
 * CONTENT_LENGTH may lie; the body is handed out in small pieces.
 */
#define REQUEST_MAX_ENV	32

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct arena	*request_arena;

struct request_body {
	const char	*data;
	size_t		 len, pos, chunk;
};

static void
request_check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_request: %s\n", what);
		abort();
	}
}

static long
request_read(void *ctx, char *p, size_t n)
{
	struct request_body	*b = ctx;

	request_check(n > 0, "read asked for nothing");
	if (n > b->len - b->pos)
		n = b->len - b->pos;
	if (n > b->chunk)
		n = b->chunk;
	memcpy(p, b->data + b->pos, n);
	b->pos += n;
	return (long)n;
}

static int
request_write(void *ctx, const char *p, size_t n)
{
	buf_append(ctx, p, n);
	return 0;
}

/* Split the input into environment lines and a body; returns the body start. */
static size_t
request_env(struct arena *a, const char *s, size_t size, char **env)
{
	size_t	i = 0, start, n = 0;

	while (i < size && n < REQUEST_MAX_ENV) {
		start = i;
		while (i < size && s[i] != '\n')
			i++;
		if (i == start) {
			i += i < size;
			break;
		}
		env[n++] = arena_strndup(a, s + start, i - start);
		i += i < size;
	}
	env[n] = NULL;
	return i;
}

static void
request_check_ok(const struct http_request *r, const char *why)
{
	request_check(why == NULL, "a reason given for success");
	request_check(r->path != NULL && r->raw_path != NULL &&
	    r->raw_query != NULL && r->method_name != NULL &&
	    r->remote_addr != NULL && r->user_agent != NULL, "NULL field");
	request_check(strlen(r->path) <= HTTP_MAX_PATH, "path too long");
	request_check(strlen(r->raw_query) <= HTTP_MAX_QUERY, "query too long");
	request_check(r->query.n <= HTTP_MAX_PARAMS &&
	    r->form.n <= HTTP_MAX_PARAMS && r->cookies.n <= HTTP_MAX_COOKIES,
	    "too many params");
	request_check(r->method == HTTP_POST || r->form.n == 0,
	    "a form without POST");
	request_check(r->https == 0 || r->https == 1, "https not a flag");
}

/* Add a header; one with a line break must be refused, its log line muted. */
static void
request_header(struct http_response *res, const char *name, const char *value)
{
	size_t	before = res->nheaders;
	int	saved, null;

	if (strpbrk(value, "\r\n") == NULL) {
		http_header_add(res, name, value);
		request_check(res->nheaders == before + 1, "header not added");
		return;
	}
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	if ((null = open("/dev/null", O_WRONLY)) != -1) {
		dup2(null, STDERR_FILENO);
		close(null);
	}
	http_header_add(res, name, value);
	if (saved != -1) {
		dup2(saved, STDERR_FILENO);
		close(saved);
	}
	request_check(res->nheaders == before, "header with a line break added");
}

/* Headers carrying request data never split: exactly one line each. */
static void
request_check_response(const struct http_request *r)
{
	struct http_response	 res;
	struct http_io		 io;
	struct buf		 out = { 0 };
	const char		*p;
	size_t			 lines = 0;

	memset(&res, 0, sizeof(res));
	memset(&io, 0, sizeof(io));
	io.write = request_write;
	io.ctx = &out;
	http_response_reset(&res);
	buf_puts(&res.body, r->path);
	request_header(&res, "Location", r->path);
	request_header(&res, "X-Query", r->raw_query);
	http_response_write(&res, &io, 1);
	for (p = out.data; (p = strstr(p, "\r\n")) != NULL; p += 2)
		lines++;
	/* Status, type, 5 security headers, ours, length, blank line. */
	request_check(lines == 9 + res.nheaders, "a header was split");
	request_check(strchr(out.data, '\0') == out.data + out.len,
	    "NUL in the response head");
	buf_free(&out);
	http_response_free(&res);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*s = (const char *)data;
	char			*env[REQUEST_MAX_ENV + 1];
	struct request_body	 body;
	struct http_request	 r;
	struct http_io		 io;
	const char		*why = "unset";
	int			 rc;

	if (request_arena == NULL)
		request_arena = arena_new();
	arena_reset(request_arena);
	body.pos = request_env(request_arena, s, size, env);
	body.data = s;
	body.len = size;
	body.chunk = 1 + size % 17;
	io.envp = env;
	io.read = request_read;
	io.write = request_write;
	io.ctx = &body;
	rc = http_request_read(&r, request_arena, &io, &why);
	request_check(rc == 0 || rc == 400 || rc == 413 || rc == 415,
	    "unknown status");
	if (rc != 0) {
		request_check(why != NULL, "no reason for a refusal");
		return 0;
	}
	request_check_ok(&r, why);
	request_check_response(&r);
	return 0;
}
