/* multipart.c (test): the multipart/form-data parser and its hook in request reading, with hostile bodies. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "http.h"
#include "multipart.h"
#include "tap.h"

#define B	"XyZ-boundary"
#define CT	"multipart/form-data; boundary=" B

/* Parse len bytes of body with boundary B; the result code. */
static enum multipart_result
parse(struct arena *a, const void *body, size_t len, struct http_params *form,
    struct http_upload **up, size_t *nup)
{
	return multipart_parse(a, B, body, len, form, up, nup);
}

static enum multipart_result
parse_str(struct arena *a, const char *body)
{
	struct http_params	 form;
	struct http_upload	*up;
	size_t			 nup;

	return parse(a, body, strlen(body), &form, &up, &nup);
}

/* One text part as a client sends it. */
static char *
text_part(struct arena *a, const char *name, const char *value)
{
	return arena_printf(a, "--" B "\r\nContent-Disposition: form-data; "
	    "name=\"%s\"\r\n\r\n%s\r\n", name, value);
}

static void
test_is(void)
{
	ok(multipart_is("multipart/form-data"), "is: bare type");
	ok(multipart_is("Multipart/Form-Data; boundary=x"), "is: any case");
	ok(multipart_is("multipart/form-data ;boundary=x"), "is: space");
	ok(!multipart_is("multipart/form-datax"), "is: longer type is not");
	ok(!multipart_is("multipart/mixed; boundary=x"), "is: mixed is not");
	ok(!multipart_is("application/x-www-form-urlencoded"),
	    "is: urlencoded is not");
	ok(!multipart_is(""), "is: empty is not");
	ok(!multipart_is(NULL), "is: NULL is not");
}

static void
test_boundary(struct arena *a)
{
	static const struct {
		const char	*ct;
		const char	*want;		/* NULL: refused */
	} cases[] = {
		{ "multipart/form-data; boundary=abc", "abc" },
		{ "multipart/form-data; boundary=\"abc\"", "abc" },
		{ "multipart/form-data;boundary=abc", "abc" },
		{ "multipart/form-data; charset=utf-8; boundary=abc", "abc" },
		{ "multipart/form-data; boundary=abc; charset=utf-8", "abc" },
		{ "multipart/form-data; BOUNDARY=abc", "abc" },
		{ "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxk",
		    "----WebKitFormBoundary7MA4YWxk" },
		{ "multipart/form-data; boundary=\"a b:c/d=e?f\"",
		    "a b:c/d=e?f" },
		{ "multipart/form-data; boundary=abc ", "abc" },
		{ "multipart/form-data", NULL },
		{ "multipart/form-data;", NULL },
		{ "multipart/form-data; charset=utf-8", NULL },
		{ "multipart/form-data; boundary=", NULL },
		{ "multipart/form-data; boundary=\"\"", NULL },
		{ "multipart/form-data; boundary=\"abc", NULL },
		{ "multipart/form-data; boundary=\"abc \"", NULL },
		{ "multipart/form-data; boundary = abc", NULL },
		{ "multipart/form-data; boundary=a; boundary=b", NULL },
		{ "multipart/form-data; boundary=\"a\\\"b\"", NULL },
		{ "multipart/form-data; boundary=\"a;b\"", NULL },
		{ "multipart/form-data; boundary=\"a\tb\"", NULL },
		{ "multipart/form-data; boundary=\"a\x01" "b\"", NULL },
		{ "multipart/form-data; boundary=a\x7f", NULL },
		{ "multipart/form-data; boundary=abc junk", NULL },
		{ "multipart/mixed; boundary=abc", NULL },
		{ "text/plain; boundary=abc", NULL },
	};
	const char	*b;
	size_t		 i;
	int		 rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		rc = multipart_boundary(a, cases[i].ct, &b);
		if (cases[i].want != NULL)
			ok(rc == 0 && b != NULL && strcmp(b, cases[i].want) == 0,
			    "boundary: %s", cases[i].ct);
		else
			ok(rc == -1, "boundary refused: %s", cases[i].ct);
	}
	b = arena_printf(a, "multipart/form-data; boundary=%070d", 7);
	ok(multipart_boundary(a, b, &b) == 0 && strlen(b) == 70,
	    "boundary: 70 characters ok");
	b = arena_printf(a, "multipart/form-data; boundary=%071d", 7);
	is_int(multipart_boundary(a, b, &b), -1, "boundary: 71 refused");
}

static void
test_good(struct arena *a)
{
	/* File data holding NUL, CR, LF, "--" and the boundary without CRLF. */
	static const unsigned char	 data[] = "\x89PNG\r\n\x1a\n\0\0--" B
					    "\r\n-" B "\n\r-" B "\n--" B "x";
	struct http_params		 form;
	struct http_upload		*up;
	size_t				 nup;
	char				*head, *body;
	size_t				 hlen, len;

	head = arena_printf(a, "%s%s--" B "\r\ncontent-disposition: form-data; "
	    "name=\"image\"; filename=\"ph\\\"oto.png\"\r\nContent-Type: "
	    "image/png\r\nX-Ignored: yes\r\nContent-Transfer-Encoding: binary"
	    "\r\n\r\n", text_part(a, "csrf_token", "tok"),
	    text_part(a, "description", "Tap\r\nfixed -- " B));
	hlen = strlen(head);
	len = hlen + sizeof(data) - 1 + strlen("\r\n--" B "--\r\n");
	body = arena_alloc(a, len);
	memcpy(body, head, hlen);
	memcpy(body + hlen, data, sizeof(data) - 1);
	memcpy(body + hlen + sizeof(data) - 1, "\r\n--" B "--\r\n",
	    strlen("\r\n--" B "--\r\n"));
	is_int(parse(a, body, len, &form, &up, &nup), MULTIPART_OK,
	    "good: parses");
	is_int(form.n, 2, "good: two text fields");
	is_str(http_param_get(&form, "csrf_token"), "tok", "good: csrf_token");
	is_str(http_param_get(&form, "description"), "Tap\r\nfixed -- " B,
	    "good: a value keeps CRLF and the boundary without its CRLF");
	is_int(form.v[1].len, strlen("Tap\r\nfixed -- " B), "good: length");
	is_int(nup, 1, "good: one upload");
	is_str(up[0].name, "image", "good: upload name");
	is_str(up[0].filename, "ph\"oto.png", "good: \\\" unescaped");
	is_str(up[0].content_type, "image/png", "good: declared type kept");
	is_int(up[0].size, sizeof(data) - 1, "good: upload size");
	is_mem(up[0].data, data, sizeof(data) - 1, "good: exact bytes");
	ok(up[0].data >= (const unsigned char *)body &&
	    up[0].data < (const unsigned char *)body + len,
	    "good: upload points into the body, not a copy");
	is_int(parse(a, body, len - 2, &form, &up, &nup), MULTIPART_OK,
	    "good: no CRLF after the close delimiter is fine");

	/* Truncated anywhere before the close delimiter ends: malformed. */
	{
		size_t	cut, bad = 0;

		for (cut = 0; cut < len - 2; cut++)
			if (parse(a, body, cut, &form, &up, &nup) !=
			    MULTIPART_MALFORMED) {
				diag("a cut at %zu of %zu parsed", cut, len);
				bad++;
			}
		is_int(bad, 0, "truncated: every shorter body is malformed");
	}
}

static void
test_forms(struct arena *a)
{
	struct http_params	 form;
	struct http_upload	*up;
	size_t			 nup;
	const char		*body;

	body = "--" B "\r\nContent-Disposition: form-data; name=plain\r\n\r\n"
	    "v\r\n--" B "--";
	is_int(parse(a, body, strlen(body), &form, &up, &nup), MULTIPART_OK,
	    "token name accepted");
	is_str(http_param_get(&form, "plain"), "v", "... and read");

	body = "--" B "\r\nContent-Disposition: form-data; name=\"image\"; "
	    "filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n"
	    "\r\n--" B "--\r\n";
	is_int(parse(a, body, strlen(body), &form, &up, &nup), MULTIPART_OK,
	    "no file chosen: parses");
	ok(nup == 1 && up[0].size == 0 && up[0].filename[0] == '\0',
	    "no file chosen: an empty upload with an empty name");

	body = "--" B "\r\nContent-Disposition: form-data; name=\"f\"; "
	    "filename=\"C:\\Users\\x\\a.jpg\"\r\n\r\nx\r\n--" B "--\r\n";
	is_int(parse(a, body, strlen(body), &form, &up, &nup), MULTIPART_OK,
	    "Windows path in a file name: parses");
	is_str(nup == 1 ? up[0].filename : NULL, "C:\\Users\\x\\a.jpg",
	    "... its backslashes survive for the handler to refuse");
	ok(nup == 1 && up[0].content_type[0] == '\0',
	    "... no Content-Type is \"\"");

	body = "--" B " \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "1\r\n--" B "  \r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "\r\n2\r\n--" B "--";
	is_int(parse(a, body, strlen(body), &form, &up, &nup), MULTIPART_OK,
	    "transport padding after a boundary is allowed");
	is_int(form.n, 2, "... a repeated name gives two fields");

	body = "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "\r\n--" B "--";
	is_int(parse(a, body, strlen(body), &form, &up, &nup), MULTIPART_OK,
	    "an empty text value");
	is_str(http_param_get(&form, "a"), "", "... is \"\"");
}

static void
test_malformed(struct arena *a)
{
	static const struct {
		const char	*body;
		const char	*what;
	} cases[] = {
		{ "", "empty body" },
		{ "--" B "--\r\n", "no part at all" },
		{ "preamble\r\n--" B "\r\nContent-Disposition: form-data; "
		    "name=\"a\"\r\n\r\n1\r\n--" B "--", "a preamble" },
		{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
		    "1\r\n--" B "--\r\njunk", "an epilogue" },
		{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
		    "1\r\n--" B "--junk", "junk after the close delimiter" },
		{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
		    "1\r\n--" B, "no close delimiter" },
		{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
		    "1", "no final boundary at all" },
		{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
		    "1\r\n--" B "X\r\nContent-Disposition: form-data; name=\"b\""
		    "\r\n\r\n2\r\n--" B "--", "the boundary inside the data" },
		{ "--" B "\nContent-Disposition: form-data; name=\"a\"\n\n1\n--"
		    B "--\n", "LF instead of CRLF throughout" },
		{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\n\r\n"
		    "1\r\n--" B "--", "a header ending in a bare LF" },
		{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n"
		    "1\r\n--" B "--", "no blank line after the headers" },
		{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
		    "1--" B "--", "no CRLF before the close delimiter" },
		{ "--" B "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
		    "1\r\n--" B "--", "no CRLF after the first boundary" },
		{ "--" B "\r\n\r\n1\r\n--" B "--", "a part without headers" },
		{ "--" B "\r\nContent-Type: text/plain\r\n\r\n1\r\n--" B "--",
		    "no Content-Disposition" },
		{ "--" B "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n"
		    "1\r\n--" B "--", "attachment, not form-data" },
		{ "--" B "\r\nContent-Disposition: form-data\r\n\r\n1\r\n--" B
		    "--", "no name" },
		{ "--" B "\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n"
		    "1\r\n--" B "--", "an empty name" },
		{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"; "
		    "name=\"b\"\r\n\r\n1\r\n--" B "--", "two names" },
		{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n"
		    "Content-Disposition: form-data; name=\"b\"\r\n\r\n1\r\n--" B
		    "--", "two Content-Disposition headers" },
		{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"; "
		    "filename=\"x\"; filename=\"y\"\r\n\r\n1\r\n--" B "--",
		    "two file names" },
		{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"; "
		    "filename*=UTF-8''x.jpg\r\n\r\n1\r\n--" B "--", "filename*" },
		{ "--" B "\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1"
		    "\r\n--" B "--", "an unterminated quoted name" },
		{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"junk\r\n"
		    "\r\n1\r\n--" B "--", "junk after a parameter" },
		{ "--" B "\r\nContent-Disposition: form-data; name\r\n\r\n1\r\n--"
		    B "--", "a parameter without a value" },
		{ "--" B "\r\nContent-Disposition : form-data; name=\"a\"\r\n\r\n"
		    "1\r\n--" B "--", "a space before the colon" },
		{ "--" B "\r\nContent-Disposition: form-data;\r\n name=\"a\"\r\n"
		    "\r\n1\r\n--" B "--", "a folded header line" },
		{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n"
		    "Content-Type: text/plain\r\nContent-Type: text/html\r\n\r\n1"
		    "\r\n--" B "--", "two Content-Type headers" },
		{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n"
		    "Content-Transfer-Encoding: base64\r\n\r\nMQ==\r\n--" B "--",
		    "base64 transfer encoding" },
		{ "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n"
		    "X-Junk: a\x01" "b\r\n\r\n1\r\n--" B "--",
		    "a control byte in a header" },
		{ "--" B "\r\nno colon here\r\n\r\n1\r\n--" B "--",
		    "a header line without a colon" },
		{ "--" B "\r\n: no name\r\n\r\n1\r\n--" B "--",
		    "a header without a name" },
	};
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_int(parse_str(a, cases[i].body), MULTIPART_MALFORMED,
		    "malformed: %s", cases[i].what);
}

/* Bodies holding NUL bytes where no NUL may be. */
static void
test_nul(struct arena *a)
{
	static const char	name[] = "--" B "\r\nContent-Disposition: "
				    "form-data; name=\"a\0b\"\r\n\r\n1\r\n--" B
				    "--";
	static const char	filename[] = "--" B "\r\nContent-Disposition: "
				    "form-data; name=\"f\"; filename=\"a\0.jpg\""
				    "\r\n\r\n1\r\n--" B "--";
	static const char	value[] = "--" B "\r\nContent-Disposition: "
				    "form-data; name=\"a\"\r\n\r\n1\0" "2\r\n--"
				    B "--";
	static const char	file[] = "--" B "\r\nContent-Disposition: "
				    "form-data; name=\"f\"; filename=\"a.jpg\""
				    "\r\n\r\n1\0" "2\r\n--" B "--";
	struct http_params	form;
	struct http_upload	*up;
	size_t			nup;

	is_int(parse(a, name, sizeof(name) - 1, &form, &up, &nup),
	    MULTIPART_MALFORMED, "NUL: in a name is malformed");
	is_int(parse(a, filename, sizeof(filename) - 1, &form, &up, &nup),
	    MULTIPART_MALFORMED, "NUL: in a file name is malformed");
	is_int(parse(a, value, sizeof(value) - 1, &form, &up, &nup),
	    MULTIPART_MALFORMED, "NUL: in a text value is malformed");
	is_int(parse(a, file, sizeof(file) - 1, &form, &up, &nup),
	    MULTIPART_OK, "NUL: in file data is fine");
	ok(nup == 1 && up[0].size == 3 && memcmp(up[0].data, "1\0" "2", 3) == 0,
	    "NUL: ... and kept");
}

static void
test_limits(struct arena *a)
{
	char	*body, *pad;
	size_t	 i;

	body = arena_printf(a, "%s--" B "--", text_part(a,
	    arena_printf(a, "%064d", 1), "v"));
	is_int(parse_str(a, body), MULTIPART_OK, "limits: 64-byte name ok");
	body = arena_printf(a, "%s--" B "--", text_part(a,
	    arena_printf(a, "%065d", 1), "v"));
	is_int(parse_str(a, body), MULTIPART_MALFORMED,
	    "limits: 65-byte name is malformed");

	body = "";
	for (i = 0; i < MULTIPART_MAX_PARTS; i++)
		body = arena_printf(a, "%s%s", body, text_part(a, "f", "v"));
	is_int(parse_str(a, arena_printf(a, "%s--" B "--", body)),
	    MULTIPART_OK, "limits: %d parts ok", MULTIPART_MAX_PARTS);
	body = arena_printf(a, "%s%s--" B "--", body, text_part(a, "f", "v"));
	is_int(parse_str(a, body), MULTIPART_TOO_MANY,
	    "limits: one more part is too many");

	/* A header block of exactly the limit, then one byte over. */
	i = MULTIPART_MAX_HEADERS - strlen("Content-Disposition: form-data; "
	    "name=\"a\"\r\nX-Pad: \r\n");
	pad = arena_alloc(a, i + 2);
	memset(pad, 'p', i + 1);
	pad[i] = '\0';
	body = arena_printf(a, "--" B "\r\nContent-Disposition: form-data; "
	    "name=\"a\"\r\nX-Pad: %s\r\n\r\n1\r\n--" B "--", pad);
	is_int(parse_str(a, body), MULTIPART_OK,
	    "limits: %d bytes of headers ok", MULTIPART_MAX_HEADERS);
	pad[i] = 'p';
	pad[i + 1] = '\0';
	body = arena_printf(a, "--" B "\r\nContent-Disposition: form-data; "
	    "name=\"a\"\r\nX-Pad: %s\r\n\r\n1\r\n--" B "--", pad);
	is_int(parse_str(a, body), MULTIPART_MALFORMED,
	    "limits: one byte more of headers is malformed");
	pad = arena_alloc(a, 1024 * 1024);
	memset(pad, 'h', 1024 * 1024 - 1);
	pad[1024 * 1024 - 1] = '\0';
	body = arena_printf(a, "--" B "\r\nContent-Disposition: form-data; "
	    "name=\"a\"\r\nX-Huge: %s\r\n\r\n1\r\n--" B "--", pad);
	is_int(parse_str(a, body), MULTIPART_MALFORMED,
	    "limits: a 1 MB header is malformed");
}

/* --- the hook in http_request_read ------------------------------------ */

struct fake_body {
	const char	*data;
	size_t		 len;
	size_t		 pos;
	int		 calls;
};

static long
fake_read(void *ctx, char *p, size_t n)
{
	struct fake_body	*b = ctx;

	b->calls++;
	if (n > b->len - b->pos)
		n = b->len - b->pos;
	if (n > 4096)
		n = 4096;
	memcpy(p, b->data + b->pos, n);
	b->pos += n;
	return (long)n;
}

/* POST data with a content type and length (NULL: the data's length). */
static int
post(struct http_request *r, struct arena *a, const char *ctype,
    const char *clen, const char *data, size_t len, struct fake_body *body,
    const char **why)
{
	struct http_io	 io;
	char		*env[4];

	env[0] = "REQUEST_METHOD=POST";
	env[1] = arena_printf(a, "CONTENT_TYPE=%s", ctype);
	env[2] = arena_printf(a, "CONTENT_LENGTH=%s", clen != NULL ? clen :
	    arena_printf(a, "%zu", len));
	env[3] = NULL;
	memset(body, 0, sizeof(*body));
	body->data = data;
	body->len = len;
	memset(&io, 0, sizeof(io));
	io.envp = env;
	io.read = fake_read;
	io.ctx = body;
	*why = NULL;
	return http_request_read(r, a, &io, why);
}

static void
test_request(struct arena *a)
{
	struct http_request	 r;
	struct fake_body	 body;
	const struct http_upload *u;
	const char		*why, *data;
	char			*big;
	size_t			 len, head;

	data = arena_printf(a, "%s--" B "\r\nContent-Disposition: form-data; "
	    "name=\"image\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg"
	    "\r\n\r\n\xff\xd8\xff\r\n--" B "--\r\n", text_part(a, "csrf_token",
	    "tok"));
	is_int(post(&r, a, CT, NULL, data, strlen(data), &body, &why), 0,
	    "request: multipart POST reads");
	is_str(http_param_get(&r.form, "csrf_token"), "tok",
	    "request: text parts are form params");
	u = http_upload_get(&r, "image");
	ok(u != NULL && u->size == 3 && memcmp(u->data, "\xff\xd8\xff", 3) == 0,
	    "request: the file part is an upload");
	ok(http_upload_get(&r, "csrf_token") == NULL &&
	    http_upload_get(&r, "other") == NULL,
	    "request: http_upload_get finds only file parts");

	is_int(post(&r, a, CT, arena_printf(a, "%d", HTTP_MAX_UPLOAD_BODY + 1),
	    data, strlen(data), &body, &why), 413,
	    "request: one byte over HTTP_MAX_UPLOAD_BODY is 413");
	ok(why != NULL && strstr(why, "larger") != NULL, "... says larger");
	is_int(body.calls, 0, "... without reading the body");
	is_int(post(&r, a, "application/x-www-form-urlencoded",
	    arena_printf(a, "%d", HTTP_MAX_FORM_BODY + 1), "a=1", 3, &body,
	    &why), 413, "request: urlencoded still stops at HTTP_MAX_FORM_BODY");
	is_int(body.calls, 0, "... without reading the body");

	is_int(post(&r, a, "multipart/form-data", NULL, data, strlen(data),
	    &body, &why), 400, "request: no boundary is 400");
	ok(why != NULL && strcmp(why, "The upload arrived incomplete or "
	    "malformed.") == 0, "... says incomplete or malformed");
	is_int(body.calls, 0, "... without reading the body");
	is_int(post(&r, a, "multipart/form-data; boundary=other", NULL, data,
	    strlen(data), &body, &why), 400, "request: wrong boundary is 400");
	is_int(post(&r, a, CT, arena_printf(a, "%zu", strlen(data) + 10), data,
	    strlen(data), &body, &why), 400,
	    "request: a body shorter than its length is 400");
	is_int(post(&r, a, CT, NULL, data, strlen(data) - 12, &body, &why), 400,
	    "request: a truncated body is 400");
	ok(why != NULL && strstr(why, "incomplete") != NULL,
	    "... says incomplete");
	is_int(post(&r, a, CT, "0", "", 0, &body, &why), 400,
	    "request: an empty multipart body is 400");

	big = "";
	for (len = 0; len <= MULTIPART_MAX_PARTS; len++)
		big = arena_printf(a, "%s%s", big, text_part(a, "f", "v"));
	big = arena_printf(a, "%s--" B "--", big);
	is_int(post(&r, a, CT, NULL, big, strlen(big), &body, &why), 413,
	    "request: too many parts is 413");

	/* A body of exactly HTTP_MAX_UPLOAD_BODY bytes is read whole. */
	big = arena_alloc(a, HTTP_MAX_UPLOAD_BODY);
	head = (size_t)snprintf(big, HTTP_MAX_UPLOAD_BODY, "--" B "\r\n"
	    "Content-Disposition: form-data; name=\"image\"; filename=\"b\""
	    "\r\n\r\n");
	len = HTTP_MAX_UPLOAD_BODY - head - strlen("\r\n--" B "--\r\n");
	memset(big + head, 'x', len);
	memcpy(big + head + len, "\r\n--" B "--\r\n",
	    strlen("\r\n--" B "--\r\n"));
	is_int(post(&r, a, CT, NULL, big, HTTP_MAX_UPLOAD_BODY, &body, &why), 0,
	    "request: a body of exactly HTTP_MAX_UPLOAD_BODY is read");
	u = http_upload_get(&r, "image");
	is_int(u != NULL ? u->size : 0, len, "... the whole file is there");
}

int
main(void)
{
	struct arena	*a = arena_new();

	test_is();
	test_boundary(a);
	test_good(a);
	test_forms(a);
	test_malformed(a);
	test_nul(a);
	test_limits(a);
	arena_reset(a);
	test_request(a);
	arena_free(a);
	return done_testing();
}
