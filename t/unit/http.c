/* http.c (test): percent-decoding, urlencoded and cookie parsing, request reading with hostile input, response writing. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "http.h"
#include "tap.h"

/* A body that a test controls: what read() hands out, and how. */
struct fake_body {
	const char	*data;
	size_t		 len;
	size_t		 pos;
	size_t		 chunk;		/* most bytes per read; 0 = all */
	int		 fail;		/* read returns -1 */
	int		 calls;
};

static long
fake_read(void *ctx, char *p, size_t n)
{
	struct fake_body	*b = ctx;
	size_t			 left = b->len - b->pos;

	b->calls++;
	if (b->fail)
		return -1;
	if (n > left)
		n = left;
	if (b->chunk > 0 && n > b->chunk)
		n = b->chunk;
	memcpy(p, b->data + b->pos, n);
	b->pos += n;
	return (long)n;
}

static int
fake_write(void *ctx, const char *p, size_t n)
{
	buf_append(ctx, p, n);
	return 0;
}

/*
 * Read a request from env (NULL-terminated) and an optional body; a
 * server always sends REQUEST_METHOD, so one without says GET (the
 * request without one is test_no_method's).
 */
static int
request(struct http_request *r, struct arena *a, char **env,
    struct fake_body *body, const char **why)
{
	static struct fake_body	 none;
	struct http_io		 io;
	char			*with[64];
	size_t			 n = 0;

	memset(&none, 0, sizeof(none));
	if (http_env(env, "REQUEST_METHOD") == NULL) {
		while (env[n] != NULL && n < sizeof(with) / sizeof(with[0]) - 2) {
			with[n] = env[n];
			n++;
		}
		with[n++] = "REQUEST_METHOD=GET";
		with[n] = NULL;
		env = with;
	}
	io.envp = env;
	io.read = fake_read;
	io.write = fake_write;
	io.ctx = body != NULL ? body : &none;
	return http_request_read(r, a, &io, why);
}

/* "k=0&k=1&...": n parameters. */
static char *
many_params(struct arena *a, size_t n)
{
	struct buf	b = { 0 };
	char		*s;
	size_t		 i;

	for (i = 0; i < n; i++)
		buf_printf(&b, "%sk%zu=%zu", i ? "&" : "", i, i);
	s = arena_strdup(a, b.data != NULL ? b.data : "");
	buf_free(&b);
	return s;
}

/* A string of n copies of c. */
static char *
repeat(struct arena *a, char c, size_t n)
{
	char	*s = arena_alloc(a, n + 1);

	memset(s, c, n);
	s[n] = '\0';
	return s;
}

static void
test_urldecode(struct arena *a)
{
	static const char *const bad[] = {
		"%", "%4", "%G1", "%1G", "abc%", "abc%2", "%%41", "%-1",
		"%00", "a%00b", "%0", "% 41",
	};
	char	*out = NULL;
	size_t	 len = 99, i;
	char	 all[256], *enc;
	int	 rc;

	is_int(http_urldecode(a, "a%20b+c", 7, 1, &out, &len), 0,
	    "urldecode: plain escapes decode");
	is_str(out, "a b c", "urldecode: '+' is a space in forms");
	is_int(len, 5, "urldecode: length out");
	http_urldecode(a, "a%20b+c", 7, 0, &out, &len);
	is_str(out, "a b+c", "urldecode: '+' kept outside forms");
	http_urldecode(a, "%4a%4A%7e", 9, 0, &out, NULL);
	is_str(out, "JJ~", "urldecode: either hex case; outlen may be NULL");
	http_urldecode(a, "%C3%A9%e2%82%b9", 15, 0, &out, &len);
	is_str(out, "\xc3\xa9\xe2\x82\xb9", "urldecode: bytes above 0x7f");
	is_int(len, 5, "urldecode: multibyte length");
	http_urldecode(a, "%25%2B%26", 9, 1, &out, NULL);
	is_str(out, "%+&", "urldecode: encoded specials are data");
	http_urldecode(a, "abcdef", 3, 0, &out, &len);
	is_str(out, "abc", "urldecode: stops at n");
	http_urldecode(a, "", 0, 1, &out, &len);
	ok(out != NULL && *out == '\0' && len == 0, "urldecode: empty input");
	is_int(http_urldecode(a, "%41", 2, 0, &out, NULL), -1,
	    "urldecode: escape cut short by n is malformed");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		is_int(http_urldecode(a, bad[i], strlen(bad[i]), 1, &out, NULL),
		    -1, "urldecode: '%s' refused", bad[i]);
	is_int(http_urldecode(a, "a\0b", 3, 1, &out, NULL), -1,
	    "urldecode: raw NUL byte refused");

	/* Every non-NUL byte survives encode then decode. */
	for (i = 0; i < 255; i++)
		all[i] = (char)(i + 1);
	all[255] = '\0';
	enc = http_urlencode(a, all);
	rc = http_urldecode(a, enc, strlen(enc), 0, &out, &len);
	ok(rc == 0 && len == 255 && memcmp(out, all, 255) == 0,
	    "urlencode then urldecode: all 255 bytes round-trip");
	rc = http_urldecode(a, enc, strlen(enc), 1, &out, &len);
	ok(rc == 0 && len == 255 && memcmp(out, all, 255) == 0,
	    "urlencode output never holds '+', so form decoding agrees");
}

static void
test_urlencode(struct arena *a)
{
	is_str(http_urlencode(a, "a b&c=d/\xc3\xa9~-._"),
	    "a%20b%26c%3Dd/%C3%A9~-._", "urlencode: reserved and high bytes");
	is_str(http_urlencode(a, ""), "", "urlencode: empty");
	is_str(http_urlencode(a, "AZaz09"), "AZaz09", "urlencode: alnum kept");
	is_str(http_urlencode(a, "+%?#\"<>'\r\n"),
	    "%2B%25%3F%23%22%3C%3E%27%0D%0A", "urlencode: hostile characters");
	is_str(http_urlencode(a, "/services?x=1"), "/services%3Fx%3D1",
	    "urlencode: a path stays a path, a query does not leak");
}

static void
test_urlencoded(struct arena *a)
{
	struct http_params	 ps;
	char			*s;

	is_int(http_parse_urlencoded(a, "a=1&b=2", 7, &ps), 0, "form: parses");
	is_int(ps.n, 2, "form: two params");
	is_str(ps.v[0].name, "a", "form: first name");
	is_str(ps.v[0].value, "1", "form: first value");
	is_str(ps.v[1].name, "b", "form: second name");
	is_int(ps.v[1].len, 1, "form: value length");

	http_parse_urlencoded(a, "a=1&&b=&c&", 10, &ps);
	ok(ps.n == 3 && strcmp(ps.v[1].name, "b") == 0 &&
	    strcmp(ps.v[1].value, "") == 0 && strcmp(ps.v[2].name, "c") == 0 &&
	    strcmp(ps.v[2].value, "") == 0 && ps.v[2].len == 0,
	    "form: empty pairs skipped, missing '=' is an empty value");
	is_int(http_parse_urlencoded(a, "&&&", 3, &ps), 0, "form: only '&'");
	is_int(ps.n, 0, "form: ... gives nothing");
	is_int(http_parse_urlencoded(a, "", 0, &ps), 0, "form: empty input");
	is_int(ps.n, 0, "form: ... gives nothing");

	http_parse_urlencoded(a, "a=1=2&=x", 8, &ps);
	ok(ps.n == 2 && strcmp(ps.v[0].value, "1=2") == 0 &&
	    strcmp(ps.v[1].name, "") == 0 && strcmp(ps.v[1].value, "x") == 0,
	    "form: second '=' belongs to the value; empty name allowed");
	http_parse_urlencoded(a, "q=a+b%2Bc&n%61me=%E2%82%B9", 26, &ps);
	is_str(http_param_get(&ps, "q"), "a b+c", "form: '+' and %%2B");
	is_str(http_param_get(&ps, "name"), "\xe2\x82\xb9",
	    "form: names are decoded too");
	http_parse_urlencoded(a, "x=%FF%FE", 8, &ps);
	ok(ps.n == 1 && ps.v[0].len == 2 &&
	    (unsigned char)ps.v[0].value[0] == 0xff,
	    "form: binary values keep their length");

	http_parse_urlencoded(a, "a=1&b=2&a=3", 11, &ps);
	is_str(http_param_get(&ps, "a"), "1", "param_get: first one wins");
	is_str(http_param_get(&ps, "c"), NULL, "param_get: missing is NULL");
	is_str(http_param_get(&ps, ""), NULL, "param_get: empty name missing");

	http_parse_urlencoded(a, "a=1&b=2", 3, &ps);
	ok(ps.n == 1 && strcmp(ps.v[0].value, "1") == 0,
	    "form: only n bytes are read");

	is_int(http_parse_urlencoded(a, "a=%zz", 5, &ps), 400,
	    "form: bad escape in a value is 400");
	is_int(http_parse_urlencoded(a, "a%=1", 4, &ps), 400,
	    "form: bad escape in a name is 400");
	is_int(http_parse_urlencoded(a, "a=%00", 5, &ps), 400,
	    "form: %%00 in a value is 400");
	is_int(http_parse_urlencoded(a, "%00=1", 5, &ps), 400,
	    "form: %%00 in a name is 400");
	is_int(http_parse_urlencoded(a, "a=1\0&b=2", 8, &ps), 400,
	    "form: raw NUL is 400");
	is_int(http_parse_urlencoded(a, "ok=1&a=%4", 9, &ps), 400,
	    "form: truncated escape at the very end is 400");

	s = many_params(a, HTTP_MAX_PARAMS);
	is_int(http_parse_urlencoded(a, s, strlen(s), &ps), 0,
	    "form: exactly HTTP_MAX_PARAMS is fine");
	is_int(ps.n, HTTP_MAX_PARAMS, "form: ... all of them kept");
	is_str(ps.v[HTTP_MAX_PARAMS - 1].value, "127", "form: ... the last one");
	s = many_params(a, HTTP_MAX_PARAMS + 1);
	is_int(http_parse_urlencoded(a, s, strlen(s), &ps), 413,
	    "form: one more than HTTP_MAX_PARAMS is 413");
	s = arena_printf(a, "%s%s", repeat(a, '&', 1000),
	    many_params(a, HTTP_MAX_PARAMS));
	is_int(http_parse_urlencoded(a, s, strlen(s), &ps), 0,
	    "form: empty pairs do not count towards the limit");
}

static void
test_cookies(struct arena *a)
{
	struct http_params	 ps;
	struct buf		 b = { 0 };
	int			 i;

	is_int(http_parse_cookies(a, NULL, &ps), 0, "cookies: none sent");
	is_int(ps.n, 0, "cookies: ... none parsed");
	http_parse_cookies(a, "sid=abc; theme=dark", &ps);
	ok(ps.n == 2 && strcmp(ps.v[0].name, "sid") == 0 &&
	    strcmp(ps.v[0].value, "abc") == 0 && ps.v[0].len == 3 &&
	    strcmp(ps.v[1].name, "theme") == 0 &&
	    strcmp(ps.v[1].value, "dark") == 0, "cookies: two pairs");
	http_parse_cookies(a, "sid=abc;theme=dark", &ps);
	is_str(http_param_get(&ps, "theme"), "dark", "cookies: no space needed");
	http_parse_cookies(a, "a=\"xyz\"", &ps);
	is_str(http_param_get(&ps, "a"), "xyz", "cookies: quotes removed");
	is_int(ps.v[0].len, 3, "cookies: ... and not counted");
	http_parse_cookies(a, "t=YWJj==", &ps);
	is_str(http_param_get(&ps, "t"), "YWJj==", "cookies: '=' in a value");
	http_parse_cookies(a, "e=", &ps);
	ok(ps.n == 1 && strcmp(ps.v[0].value, "") == 0, "cookies: empty value");
	http_parse_cookies(a, " ;; a=1 ;", &ps);
	is_int(ps.n, 0, "cookies: space before ';' makes the value invalid");
	http_parse_cookies(a, ";; a=1;;", &ps);
	is_str(http_param_get(&ps, "a"), "1", "cookies: stray separators");

	http_parse_cookies(a, "junk; a=1; =nope; b c=2; d=\"x\\y\"; f=g h; "
	    "i=\xc3\xa9; j=1,2; k=\"; e=ok", &ps);
	ok(ps.n == 2 && strcmp(ps.v[0].name, "a") == 0 &&
	    strcmp(ps.v[1].name, "e") == 0 && strcmp(ps.v[1].value, "ok") == 0,
	    "cookies: malformed pairs skipped, good ones kept");
	if (ps.n != 2)
		for (i = 0; i < (int)ps.n; i++)
			diag("got %s=%s", ps.v[i].name, ps.v[i].value);
	http_parse_cookies(a, "sid=first; sid=second", &ps);
	is_str(http_param_get(&ps, "sid"), "first", "cookies: first one wins");
	http_parse_cookies(a, "a\t=1; b=\x01", &ps);
	is_int(ps.n, 0, "cookies: control characters refused");

	for (i = 0; i < 40; i++)
		buf_printf(&b, "c%d=%d; ", i, i);
	is_int(http_parse_cookies(a, b.data, &ps), 0, "cookies: 40 sent");
	is_int(ps.n, HTTP_MAX_COOKIES, "cookies: ... HTTP_MAX_COOKIES kept");
	is_str(ps.v[HTTP_MAX_COOKIES - 1].name, "c31", "cookies: ... in order");
	buf_free(&b);

	is_int(http_parse_cookies(a, arena_printf(a, "a=%s",
	    repeat(a, 'x', HTTP_MAX_COOKIE_HEADER - 2)), &ps), 0,
	    "cookies: header of exactly the limit");
	is_int(ps.v[0].len, HTTP_MAX_COOKIE_HEADER - 2, "cookies: ... value kept");
	is_int(http_parse_cookies(a, arena_printf(a, "a=%s",
	    repeat(a, 'x', HTTP_MAX_COOKIE_HEADER - 1)), &ps), 400,
	    "cookies: one byte over the limit is 400");
}

static void
test_env(void)
{
	char	*env[] = { "PATH_INFO=/x", "HTTPS=", "A==b", NULL };

	is_str(http_env(env, "PATH"), NULL, "env: a prefix is not a match");
	is_str(http_env(env, "PATH_INFO"), "/x", "env: exact name");
	is_str(http_env(env, "HTTPS"), "", "env: empty value");
	is_str(http_env(env, "A"), "=b", "env: only the first '=' splits");
	is_str(http_env(NULL, "A"), NULL, "env: no environment");
}

/* No REQUEST_METHOD (RFC 3875 requires one): a 400 that says so. */
static void
test_no_method(struct arena *a)
{
	static struct fake_body	 none;
	struct http_request	 r;
	struct http_io		 io = { NULL, fake_read, fake_write, &none };
	char			*env[] = { "REQUEST_URI=/", NULL };
	const char		*why = NULL;

	io.envp = env;
	is_int(http_request_read(&r, a, &io, &why), 400, "no method: 400");
	ok(why != NULL && strstr(why, "no method") != NULL,
	    "no method: says why");
	is_str(r.path, "/", "no method: a path to log");
}

static void
test_request_get(struct arena *a)
{
	struct http_request	 r;
	const char		*why = "unset";
	char			*env[] = {
		"REQUEST_METHOD=GET",
		"REQUEST_URI=/services/deep%20cleaning?x=1&y=a+b",
		"QUERY_STRING=x=1&y=a+b",
		"REMOTE_ADDR=203.0.113.9",
		"HTTP_USER_AGENT=test/1.0",
		"HTTP_HOST=homeserve.example",
		"HTTP_COOKIE=sid=s3cr3t; theme=dark",
		"HTTPS=on",
		NULL
	};

	is_int(request(&r, a, env, NULL, &why), 0, "GET: reads");
	is_str(why, NULL, "GET: no reason on success");
	is_int(r.method, HTTP_GET, "GET: method");
	is_str(r.method_name, "GET", "GET: method name");
	is_str(r.path, "/services/deep cleaning", "GET: path decoded");
	is_str(r.raw_path, "/services/deep%20cleaning", "GET: raw path as sent");
	is_str(r.raw_query, "x=1&y=a+b", "GET: raw query");
	is_int(r.query.n, 2, "GET: query params");
	is_str(http_param_get(&r.query, "y"), "a b", "GET: query decoded");
	is_str(http_param_get(&r.cookies, "sid"), "s3cr3t", "GET: cookies");
	is_str(r.remote_addr, "203.0.113.9", "GET: remote address");
	is_str(r.user_agent, "test/1.0", "GET: user agent");
	is_str(r.host, "homeserve.example", "GET: host");
	is_int(r.https, 1, "GET: HTTPS=on");
	is_int(r.form.n, 0, "GET: no form");
}

static void
test_request_env(struct arena *a)
{
	struct http_request	 r;
	const char		*why;
	char			*bare[] = { NULL };
	char			*head[] = { "REQUEST_METHOD=HEAD", "HTTPS=ON", NULL };
	char			*put[] = { "REQUEST_METHOD=PUT", "HTTPS=off", NULL };
	char			*info[] = { "PATH_INFO=/a/b%20c",
				    "REQUEST_URI=/cgi-bin/booking/x/y?z", NULL };
	char			*noinfo[] = { "PATH_INFO=",
				    "REQUEST_URI=/x/y%2Fz?q=1", NULL };
	char			*absolute[] = {
				    "REQUEST_URI=http://evil.example/x", NULL };
	char			*plus[] = { "REQUEST_URI=/a+b", "HTTPS=1", NULL };

	is_int(request(&r, a, bare, NULL, &why), 0, "bare env: reads");
	ok(r.method == HTTP_GET && strcmp(r.method_name, "GET") == 0,
	    "bare env: method defaults to GET");
	is_str(r.path, "/", "bare env: path defaults to /");
	is_str(r.raw_query, "", "bare env: query is \"\"");
	ok(r.remote_addr != NULL && *r.remote_addr == '\0' &&
	    r.user_agent != NULL && *r.user_agent == '\0',
	    "bare env: address and agent are \"\"");
	is_str(r.host, NULL, "bare env: no host");
	is_int(r.https, 0, "bare env: not HTTPS");
	is_int(r.cookies.n, 0, "bare env: no cookies");

	request(&r, a, head, NULL, &why);
	is_int(r.method, HTTP_HEAD, "HEAD: method");
	is_int(r.https, 1, "HTTPS=ON counts");
	request(&r, a, put, NULL, &why);
	ok(r.method == HTTP_OTHER && strcmp(r.method_name, "PUT") == 0,
	    "PUT: other, name kept");
	is_int(r.https, 0, "HTTPS=off is not HTTPS");

	request(&r, a, info, NULL, &why);
	is_str(r.path, "/a/b%20c", "PATH_INFO wins over REQUEST_URI, as given");
	is_str(r.raw_path, "/a/b%20c", "PATH_INFO: raw path too");
	request(&r, a, noinfo, NULL, &why);
	is_str(r.path, "/x/y/z", "empty PATH_INFO: REQUEST_URI up to '?'");
	is_str(r.raw_path, "/x/y%2Fz", "empty PATH_INFO: raw path");
	request(&r, a, absolute, NULL, &why);
	is_str(r.path, "/", "absolute-form REQUEST_URI is not trusted");
	request(&r, a, plus, NULL, &why);
	is_str(r.path, "/a+b", "'+' in a path is not a space");
	is_int(r.https, 0, "HTTPS=1 is not 'on'");
}

/* Each of these environments is refused with the given status. */
static void
test_request_refused(struct arena *a)
{
	static const struct {
		const char	*var, *var2;
		int		 status;
		const char	*why;
	} cases[] = {
		{ "REQUEST_URI=/a%zz", NULL, 400, "%-escape" },
		{ "REQUEST_URI=/a%00b", NULL, 400, "%-escape" },
		{ "REQUEST_URI=/a%2", NULL, 400, "%-escape" },
		{ "REQUEST_URI=/a%2?q=1", NULL, 400, "%-escape" },
		{ "QUERY_STRING=a=%zz", NULL, 400, "%-escape" },
		{ "QUERY_STRING=a=%00", NULL, 400, "%-escape" },
		{ "QUERY_STRING=%", NULL, 400, "%-escape" },
		{ "CONTENT_LENGTH=abc", NULL, 400, "length" },
		{ "CONTENT_LENGTH=12x", NULL, 400, "length" },
		{ "CONTENT_LENGTH=-1", NULL, 400, "length" },
		{ "CONTENT_LENGTH=99999999999999999999999", NULL, 400, "length" },
		{ "CONTENT_LENGTH=-1", "REQUEST_METHOD=POST", 400, "length" },
		{ "CONTENT_LENGTH=65537", "REQUEST_METHOD=POST", 413, "larger" },
		{ "CONTENT_LENGTH=18446744073709551615", "REQUEST_METHOD=POST",
		    413, "larger" },
		{ "CONTENT_LENGTH=5", "REQUEST_METHOD=POST", 415, "encoding" },
	};
	struct http_request	 r;
	struct fake_body	 body;
	const char		*why;
	char			*env[3];
	size_t			 i;
	int			 rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		env[0] = (char *)cases[i].var;
		env[1] = (char *)cases[i].var2;
		env[2] = NULL;
		memset(&body, 0, sizeof(body));
		body.data = "a=1&b";
		body.len = 5;
		why = NULL;
		rc = request(&r, a, env, &body, &why);
		is_int(rc, cases[i].status, "%s %s: status",
		    cases[i].var, cases[i].var2 ? cases[i].var2 : "");
		ok(why != NULL && strstr(why, cases[i].why) != NULL,
		    "%s: says why", cases[i].var);
		is_int(body.calls, 0, "%s: body never read", cases[i].var);
	}
}

static void
test_request_limits(struct arena *a)
{
	struct http_request	 r;
	const char		*why;
	char			*env[3] = { NULL, NULL, NULL };

	env[0] = arena_printf(a, "REQUEST_URI=/%s?q", repeat(a, 'p',
	    HTTP_MAX_PATH - 1));
	is_int(request(&r, a, env, NULL, &why), 0, "path of HTTP_MAX_PATH ok");
	is_int(strlen(r.path), HTTP_MAX_PATH, "... all of it");
	env[0] = arena_printf(a, "REQUEST_URI=/%s", repeat(a, 'p',
	    HTTP_MAX_PATH));
	is_int(request(&r, a, env, NULL, &why), 400, "path one over: 400");
	ok(why != NULL && strstr(why, "too long") != NULL, "... says too long");
	env[0] = arena_printf(a, "PATH_INFO=/%s", repeat(a, 'p',
	    HTTP_MAX_PATH));
	is_int(request(&r, a, env, NULL, &why), 400, "PATH_INFO one over: 400");

	env[0] = arena_printf(a, "QUERY_STRING=q=%s", repeat(a, 'q',
	    HTTP_MAX_QUERY - 2));
	is_int(request(&r, a, env, NULL, &why), 0, "query of HTTP_MAX_QUERY ok");
	env[0] = arena_printf(a, "QUERY_STRING=q=%s", repeat(a, 'q',
	    HTTP_MAX_QUERY - 1));
	is_int(request(&r, a, env, NULL, &why), 400, "query one over: 400");
	ok(why != NULL && strstr(why, "too long") != NULL, "... says too long");

	env[0] = arena_printf(a, "QUERY_STRING=%s",
	    many_params(a, HTTP_MAX_PARAMS));
	is_int(request(&r, a, env, NULL, &why), 0, "query: max params ok");
	env[0] = arena_printf(a, "QUERY_STRING=%s",
	    many_params(a, HTTP_MAX_PARAMS + 1));
	is_int(request(&r, a, env, NULL, &why), 400, "query: one more is 400");
	ok(why != NULL && strstr(why, "too many") != NULL, "... says too many");

	env[0] = arena_printf(a, "HTTP_COOKIE=a=%s", repeat(a, 'c',
	    HTTP_MAX_COOKIE_HEADER));
	is_int(request(&r, a, env, NULL, &why), 400, "huge cookie header: 400");
	ok(why != NULL && strstr(why, "cookies") != NULL, "... says cookies");
}

/* POST a body with a content type; the status and, if 0, the request. */
static int
post(struct http_request *r, struct arena *a, const char *ctype,
    const char *clen, const char *data, size_t len, size_t chunk,
    const char **why)
{
	struct fake_body	 body;
	char			*env[4];
	size_t			 n = 0;

	env[n++] = "REQUEST_METHOD=POST";
	if (ctype != NULL)
		env[n++] = arena_printf(a, "CONTENT_TYPE=%s", ctype);
	if (clen != NULL)
		env[n++] = arena_printf(a, "CONTENT_LENGTH=%s", clen);
	env[n] = NULL;
	memset(&body, 0, sizeof(body));
	body.data = data;
	body.len = len;
	body.chunk = chunk;
	return request(r, a, env, &body, why);
}

static void
test_request_post(struct arena *a)
{
	static const char	 form[] = "application/x-www-form-urlencoded";
	struct http_request	 r;
	struct fake_body	 body;
	const char		*why, *big;
	char			*env[5];
	size_t			 len;

	is_int(post(&r, a, form, "17", "name=Asha&city=Pune", 19, 0, &why), 0,
	    "POST: reads");
	is_int(r.method, HTTP_POST, "POST: method");
	ok(r.form.n == 2 && strcmp(http_param_get(&r.form, "name"), "Asha") == 0
	    && strcmp(http_param_get(&r.form, "city"), "Pu") == 0,
	    "POST: reads exactly CONTENT_LENGTH bytes");
	is_int(post(&r, a, form, "19", "name=Asha&city=Pune", 19, 1, &why), 0,
	    "POST: body one byte per read");
	is_str(http_param_get(&r.form, "city"), "Pune", "POST: ... reassembled");
	is_int(post(&r, a, "application/x-www-form-urlencoded; charset=UTF-8",
	    "3", "a=1", 3, 0, &why), 0, "POST: charset parameter accepted");
	is_int(post(&r, a, "Application/X-WWW-Form-URLEncoded", "3", "a=1", 3,
	    0, &why), 0, "POST: content type is case-insensitive");
	is_int(post(&r, a, NULL, "0", "", 0, 0, &why), 0,
	    "POST: empty body needs no content type");
	is_int(r.form.n, 0, "POST: ... and has no fields");
	is_int(post(&r, a, NULL, NULL, "a=1", 3, 0, &why), 0,
	    "POST: no CONTENT_LENGTH is an empty body");
	is_int(r.form.n, 0, "POST: ... nothing read");

	is_int(post(&r, a, "text/plain", "3", "a=1", 3, 0, &why), 415,
	    "POST: text/plain is 415");
	ok(why != NULL && strstr(why, "encoding") != NULL, "... says encoding");
	is_int(post(&r, a, "multipart/form-datax; boundary=B", "3", "a=1", 3,
	    0, &why), 415, "POST: a longer type than multipart is 415");
	is_int(post(&r, a, "application/json; charset=utf-8", "9",
	    "{\"a\":\"1\"}", 9, 2, &why), 0, "POST: JSON is read raw");
	ok(r.raw_len == 9 && memcmp(r.raw_body, "{\"a\":\"1\"}", 9) == 0 &&
	    r.form.n == 0, "POST: ... byte for byte, no form fields");
	is_int(post(&r, a, "application/json", "a=1", "a=1", 3, 0, &why), 400,
	    "POST: JSON with a malformed length is 400");
	is_int(post(&r, a, "application/json", "10", "{}", 2, 0, &why), 400,
	    "POST: short JSON body is 400");
	len = HTTP_MAX_JSON_BODY + 1;
	is_int(post(&r, a, "application/json", arena_printf(a, "%zu", len),
	    "", 0, 0, &why), 413, "POST: JSON over HTTP_MAX_JSON_BODY is 413");
	is_int(post(&r, a, "application/jsonx", "2", "{}", 2, 0, &why), 415,
	    "POST: a longer type than JSON is 415");
	is_int(post(&r, a, "", "3", "a=1", 3, 0, &why), 415,
	    "POST: empty content type is 415");
	is_int(post(&r, a, "application/x-www-form", "3", "a=1", 3, 0, &why),
	    415, "POST: a prefix of the right type is 415");

	is_int(post(&r, a, form, "10", "a=1", 3, 0, &why), 400,
	    "POST: short body is 400");
	ok(why != NULL && strstr(why, "incomplete") != NULL,
	    "... says incomplete");
	is_int(post(&r, a, form, "10", "a=1", 3, 2, &why), 400,
	    "POST: short body in pieces is 400");
	is_int(post(&r, a, form, "5", "a=%zz", 5, 0, &why), 400,
	    "POST: bad escape is 400");
	ok(why != NULL && strstr(why, "%-escape") != NULL, "... says %%-escape");
	is_int(post(&r, a, form, "5", "a=%00", 5, 0, &why), 400,
	    "POST: %%00 is 400");
	is_int(post(&r, a, form, "5", "a=1\0b", 5, 0, &why), 400,
	    "POST: raw NUL in the body is 400");

	big = many_params(a, HTTP_MAX_PARAMS);
	len = strlen(big);
	is_int(post(&r, a, form, arena_printf(a, "%zu", len), big, len, 0,
	    &why), 0, "POST: HTTP_MAX_PARAMS fields ok");
	is_int(r.form.n, HTTP_MAX_PARAMS, "POST: ... all there");
	big = many_params(a, HTTP_MAX_PARAMS + 1);
	len = strlen(big);
	is_int(post(&r, a, form, arena_printf(a, "%zu", len), big, len, 0,
	    &why), 413, "POST: one field more is 413");
	ok(why != NULL && strstr(why, "too many") != NULL, "... says too many");

	big = arena_printf(a, "v=%s", repeat(a, 'v', HTTP_MAX_FORM_BODY - 2));
	is_int(post(&r, a, form, "65536", big, HTTP_MAX_FORM_BODY, 7, &why), 0,
	    "POST: body of exactly HTTP_MAX_FORM_BODY ok");
	is_int(r.form.v[0].len, HTTP_MAX_FORM_BODY - 2, "POST: ... all of it");

	/* A read error, and a GET with a body that must not be read. */
	memset(&body, 0, sizeof(body));
	body.fail = 1;
	env[0] = "REQUEST_METHOD=POST";
	env[1] = (char *)"CONTENT_TYPE=application/x-www-form-urlencoded";
	env[2] = "CONTENT_LENGTH=3";
	env[3] = NULL;
	is_int(request(&r, a, env, &body, &why), 400, "POST: read error is 400");
	memset(&body, 0, sizeof(body));
	body.data = "a=1";
	body.len = 3;
	env[0] = "REQUEST_METHOD=GET";
	is_int(request(&r, a, env, &body, &why), 0, "GET with a body: reads");
	ok(body.calls == 0 && r.form.n == 0, "GET with a body: body ignored");
}

static void
test_request_multipart(struct arena *a)
{
	static const char	 type[] = "multipart/form-data; boundary=B";
	static const char	 body[] = "--B\r\n"
	    "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
	    "Deep cleaning\r\n--B\r\n"
	    "Content-Disposition: form-data; name=\"photo\"; "
	    "filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
	    "\xff\xd8\0\xff\xd9\r\n--B--\r\n";
	struct http_request	 r;
	const struct http_upload *u;
	struct fake_body	 fb;
	const char		*why, *head = "--B\r\nContent-Disposition: "
				    "form-data; name=big\r\n\r\n";
	const char		*tail = "\r\n--B--\r\n";
	char			*env[5];
	char			*len = arena_printf(a, "%zu", sizeof(body) - 1);

	is_int(post(&r, a, type, len, body, sizeof(body) - 1, 5, &why), 0,
	    "multipart: reads");
	is_str(http_param_get(&r.form, "title"), "Deep cleaning",
	    "multipart: text part is a form field");
	is_int(r.nuploads, 1, "multipart: one upload");
	u = http_upload_get(&r, "photo");
	ok(u != NULL && strcmp(u->filename, "a.jpg") == 0 &&
	    strcmp(u->content_type, "image/jpeg") == 0 && u->size == 5 &&
	    memcmp(u->data, "\xff\xd8\0\xff\xd9", 5) == 0,
	    "multipart: the upload, bytes intact");
	ok(http_upload_get(&r, "title") == NULL &&
	    http_upload_get(&r, "nope") == NULL,
	    "multipart: upload_get finds only files");
	is_int(post(&r, a, "multipart/form-data", len, body, sizeof(body) - 1, 0,
	    &why), 400, "multipart: no boundary is 400");
	is_int(post(&r, a, "multipart/form-data; boundary=C", len, body,
	    sizeof(body) - 1, 0, &why), 400, "multipart: wrong boundary is 400");
	is_int(post(&r, a, type, len, body, sizeof(body) - 10, 0, &why), 400,
	    "multipart: short body is 400");
	is_int(post(&r, a, type, "3", "a=1", 3, 0, &why), 400,
	    "multipart: not multipart inside is 400");
	ok(why != NULL && strstr(why, "malformed") != NULL,
	    "... says malformed");

	/* Too large is refused before a byte is read. */
	memset(&fb, 0, sizeof(fb));
	fb.data = body;
	fb.len = sizeof(body) - 1;
	env[0] = "REQUEST_METHOD=POST";
	env[1] = (char *)"CONTENT_TYPE=multipart/form-data; boundary=B";
	env[2] = arena_printf(a, "CONTENT_LENGTH=%d", HTTP_MAX_UPLOAD_BODY + 1);
	env[3] = NULL;
	is_int(request(&r, a, env, &fb, &why), 413, "multipart: over "
	    "HTTP_MAX_UPLOAD_BODY is 413");
	ok(why != NULL && strstr(why, "larger") != NULL && fb.calls == 0,
	    "... says larger, reads nothing");
	env[2] = arena_printf(a, "CONTENT_LENGTH=%d", HTTP_MAX_FORM_BODY + 1);
	fb.data = arena_printf(a, "%s%0*d%s", head, HTTP_MAX_FORM_BODY + 1 -
	    (int)(strlen(head) + strlen(tail)), 0, tail);
	fb.len = strlen(fb.data);
	is_int(fb.len, HTTP_MAX_FORM_BODY + 1, "multipart: a body over the "
	    "form limit...");
	is_int(request(&r, a, env, &fb, &why), 0, "... is fine for multipart");
}

/* Add a header with standard error caught; returns what was logged. */
static char *
header_add_logged(struct arena *a, struct http_response *res,
    const char *name, const char *value)
{
	FILE	*tmp = tmpfile();
	char	 line[512];
	int	 saved;
	size_t	 n = 0;

	if (tmp == NULL)
		return arena_strdup(a, "(no tmpfile)");
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	dup2(fileno(tmp), STDERR_FILENO);
	http_header_add(res, name, value);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	rewind(tmp);
	n = fread(line, 1, sizeof(line) - 1, tmp);
	line[n] = '\0';
	fclose(tmp);
	return arena_strdup(a, line);
}

static void
test_response(struct arena *a)
{
	struct http_response	 res;
	struct http_io		 io;
	struct buf		 out = { 0 };

	memset(&res, 0, sizeof(res));
	memset(&io, 0, sizeof(io));
	io.write = fake_write;
	io.ctx = &out;
	http_response_reset(&res);
	is_int(res.status, 200, "response: 200 by default");
	buf_puts(&res.body, "hello");
	http_header_add(&res, "Location", "/x");
	ok(strstr(header_add_logged(a, &res, "X-Evil", "a\r\nSet-Cookie: "
	    "sid=1"), "refused header X-Evil") != NULL,
	    "response: header with CR LF refused and logged");
	ok(strstr(header_add_logged(a, &res, "X-Evil2", "a\nb"),
	    "refused header X-Evil2") != NULL, "response: bare LF too");
	ok(strstr(header_add_logged(a, &res, "X-Evil3", "a\rb"),
	    "refused header X-Evil3") != NULL, "response: bare CR too");
	is_int(res.nheaders, 1, "response: only the good header kept");
	http_response_write(&res, &io, 0);
	ok(out.data != NULL && strncmp(out.data, "Status: 200 OK\r\n"
	    "Content-Type: text/html; charset=utf-8\r\n", 56) == 0,
	    "response: status line, then content type");
	ok(strstr(out.data, "\r\nContent-Security-Policy: default-src 'none';")
	    != NULL && strstr(out.data, "\r\nX-Frame-Options: DENY\r\n") != NULL
	    && strstr(out.data, "\r\nCache-Control: no-store\r\n") != NULL,
	    "response: security headers always sent");
	ok(strstr(out.data, "\r\nLocation: /x\r\n") != NULL &&
	    strstr(out.data, "Evil") == NULL, "response: own headers only");
	ok(out.len > 26 && strcmp(out.data + out.len - 26,
	    "Content-Length: 5\r\n\r\nhello") == 0,
	    "response: length, blank line, body");
	buf_reset(&out);
	res.status = 413;
	http_response_write(&res, &io, 1);
	ok(strncmp(out.data, "Status: 413 Content Too Large\r\n", 31) == 0,
	    "response: 413 text");
	ok(out.len > 4 && strcmp(out.data + out.len - 4, "\r\n\r\n") == 0 &&
	    strstr(out.data, "Content-Length: 5\r\n") != NULL,
	    "response: HEAD has the length but no body");
	is_str(http_status_text(415), "Unsupported Media Type", "status: 415");
	is_str(http_status_text(299), "Unknown", "status: unknown");
	buf_free(&out);
	http_response_free(&res);
}

/* A streamed body: written in pieces by the callback, through io. */
static void
stream_body(void *ctx, const struct http_io *io)
{
	int	*calls = ctx;

	(*calls)++;
	io->write(io->ctx, "a,b\r\n", 5);
	io->write(io->ctx, "1,2\r\n", 5);
}

static void
test_response_stream(void)
{
	struct http_response	 res;
	struct http_io		 io;
	struct buf		 out = { 0 };
	int			 calls = 0;

	memset(&res, 0, sizeof(res));
	memset(&io, 0, sizeof(io));
	io.write = fake_write;
	io.ctx = &out;
	http_response_reset(&res);
	buf_puts(&res.body, "ignored");
	res.content_type = "text/csv; charset=utf-8";
	res.stream = stream_body;
	res.stream_ctx = &calls;
	http_response_write(&res, &io, 0);
	is_int(calls, 1, "stream: the callback is called once");
	ok(strncmp(out.data, "Status: 200 OK\r\nContent-Type: text/csv; "
	    "charset=utf-8\r\n", 50) == 0, "stream: status and type first");
	ok(strstr(out.data, "\r\nX-Frame-Options: DENY\r\n") != NULL,
	    "stream: security headers sent");
	ok(strstr(out.data, "Content-Length") == NULL,
	    "stream: no Content-Length");
	ok(out.len > 14 && strcmp(out.data + out.len - 14,
	    "\r\n\r\na,b\r\n1,2\r\n") == 0,
	    "stream: blank line, then what the callback wrote, not the buffer");
	buf_reset(&out);
	http_response_write(&res, &io, 1);
	is_int(calls, 1, "stream: HEAD does not call the callback");
	ok(out.len > 4 && strcmp(out.data + out.len - 4, "\r\n\r\n") == 0 &&
	    strstr(out.data, "Content-Length") == NULL,
	    "stream: HEAD has the headers only");
	http_response_reset(&res);
	ok(res.stream == NULL && res.stream_ctx == NULL,
	    "stream: reset forgets the callback");
	buf_free(&out);
	http_response_free(&res);
}

int
main(void)
{
	struct arena	*a = arena_new();

	test_urldecode(a);
	test_urlencode(a);
	test_urlencoded(a);
	test_cookies(a);
	test_env();
	test_no_method(a);
	test_request_get(a);
	test_request_env(a);
	test_request_refused(a);
	test_request_limits(a);
	test_request_post(a);
	test_request_multipart(a);
	test_response(a);
	test_response_stream();
	arena_free(a);
	return done_testing();
}
