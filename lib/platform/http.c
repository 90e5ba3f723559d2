/* http.c: parse the CGI/FastCGI environment and body; write status, headers and body. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "http.h"
#include "log.h"
#include "multipart.h"

static const struct {
	int		 status;
	const char	*text;
} http_statuses[] = {
	{ 200, "OK" },
	{ 201, "Created" },
	{ 204, "No Content" },
	{ 301, "Moved Permanently" },
	{ 302, "Found" },
	{ 303, "See Other" },
	{ 304, "Not Modified" },
	{ 400, "Bad Request" },
	{ 401, "Unauthorized" },
	{ 402, "Payment Required" },
	{ 403, "Forbidden" },
	{ 404, "Not Found" },
	{ 405, "Method Not Allowed" },
	{ 409, "Conflict" },
	{ 413, "Content Too Large" },
	{ 415, "Unsupported Media Type" },
	{ 422, "Unprocessable Content" },
	{ 429, "Too Many Requests" },
	{ 500, "Internal Server Error" },
	{ 502, "Bad Gateway" },
	{ 503, "Service Unavailable" },
};

/*
 * Headers every dynamic response carries, set here and nowhere else.
 * No inline script or style anywhere: the policy forbids both.
 * Cache-Control follows them: "no-store" unless the response says
 * otherwise (res->cache_control).
 */
static const struct http_header http_security_headers[] = {
	{ "Content-Security-Policy", "default-src 'none'; style-src 'self'; "
	    "img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
	    "base-uri 'none'" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "X-Frame-Options", "DENY" },
	{ "Referrer-Policy", "same-origin" },
};

const char *
http_status_text(int status)
{
	size_t	i;

	for (i = 0; i < sizeof(http_statuses) / sizeof(http_statuses[0]); i++)
		if (http_statuses[i].status == status)
			return http_statuses[i].text;
	return "Unknown";
}

const char *
http_env(char *const *envp, const char *name)
{
	size_t	len = strlen(name);

	for (; envp != NULL && *envp != NULL; envp++)
		if (strncmp(*envp, name, len) == 0 && (*envp)[len] == '=')
			return *envp + len + 1;
	return NULL;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Percent-decode n bytes of s into a new NUL-terminated string.
 * Returns -1 on a malformed escape or an encoded NUL byte.
 */
int
http_urldecode(struct arena *a, const char *s, size_t n, int plus_is_space,
    char **out, size_t *outlen)
{
	char	*p = arena_alloc(a, n + 1);
	size_t	 i, j = 0;
	int	 hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] == '%') {
			if (i + 2 >= n)
				return -1;
			if ((hi = hexval((unsigned char)s[i + 1])) < 0 ||
			    (lo = hexval((unsigned char)s[i + 2])) < 0)
				return -1;
			if (hi == 0 && lo == 0)
				return -1;
			p[j++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (s[i] == '+' && plus_is_space)
			p[j++] = ' ';
		else if (s[i] == '\0')
			return -1;
		else
			p[j++] = s[i];
	}
	p[j] = '\0';
	*out = p;
	if (outlen != NULL)
		*outlen = j;
	return 0;
}

char *
http_urlencode(struct arena *a, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	size_t			 n = strlen(s), j = 0, i;
	char			*p = arena_alloc(a, n * 3 + 1);
	unsigned char		 c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/", c) != NULL)
			p[j++] = (char)c;
		else {
			p[j++] = '%';
			p[j++] = hex[c >> 4];
			p[j++] = hex[c & 15];
		}
	}
	p[j] = '\0';
	return p;
}

/*
 * Parse "a=1&b=2" (query string or urlencoded body) into params.
 * Returns 0, 400 on malformed encoding, or 413 past HTTP_MAX_PARAMS.
 */
int
http_parse_urlencoded(struct arena *a, const char *s, size_t n,
    struct http_params *out)
{
	const char	*end = s + n, *amp, *eq;
	struct http_param *p;
	char		*name;

	out->v = arena_alloc(a, sizeof(*out->v) * HTTP_MAX_PARAMS);
	out->n = 0;
	while (s < end) {
		if ((amp = memchr(s, '&', (size_t)(end - s))) == NULL)
			amp = end;
		if (amp == s) {
			s++;
			continue;
		}
		if (out->n == HTTP_MAX_PARAMS)
			return 413;
		p = &out->v[out->n];
		if ((eq = memchr(s, '=', (size_t)(amp - s))) == NULL)
			eq = amp;
		if (http_urldecode(a, s, (size_t)(eq - s), 1, &name, NULL) ||
		    http_urldecode(a, eq < amp ? eq + 1 : eq,
		    eq < amp ? (size_t)(amp - eq - 1) : 0, 1,
		    (char **)&p->value, &p->len))
			return 400;
		p->name = name;
		out->n++;
		s = amp + 1;
	}
	return 0;
}

static int
cookie_char_ok(unsigned char c)
{
	return c > 0x20 && c < 0x7f && c != ';' && c != ',' && c != '"' &&
	    c != '\\';
}

/*
 * Parse a Cookie header.  Browsers send junk; malformed pairs are
 * skipped rather than failing the request.  Returns 0 or 400 when the
 * header is over its size limit.
 */
int
http_parse_cookies(struct arena *a, const char *h, struct http_params *out)
{
	const char	*name, *val;
	size_t		 nlen, vlen;

	out->v = arena_alloc(a, sizeof(*out->v) * HTTP_MAX_COOKIES);
	out->n = 0;
	if (h == NULL)
		return 0;
	if (strlen(h) > HTTP_MAX_COOKIE_HEADER)
		return 400;
	while (*h != '\0' && out->n < HTTP_MAX_COOKIES) {
		while (*h == ' ' || *h == ';')
			h++;
		name = h;
		while (*h != '\0' && *h != '=' && *h != ';')
			h++;
		nlen = (size_t)(h - name);
		if (*h != '=') {
			continue;
		}
		val = ++h;
		while (*h != '\0' && *h != ';')
			h++;
		vlen = (size_t)(h - val);
		if (vlen >= 2 && val[0] == '"' && val[vlen - 1] == '"') {
			val++;
			vlen -= 2;
		}
		if (nlen == 0)
			continue;
		{
			size_t	i;
			int	ok = 1;

			for (i = 0; i < nlen; i++)
				ok &= cookie_char_ok((unsigned char)name[i]) &&
				    name[i] != '=';
			for (i = 0; i < vlen; i++)
				ok &= cookie_char_ok((unsigned char)val[i]);
			if (!ok)
				continue;
		}
		out->v[out->n].name = arena_strndup(a, name, nlen);
		out->v[out->n].value = arena_strndup(a, val, vlen);
		out->v[out->n].len = vlen;
		out->n++;
	}
	return 0;
}

const char *
http_param_get(const struct http_params *ps, const char *name)
{
	size_t	i;

	for (i = 0; i < ps->n; i++)
		if (strcmp(ps->v[i].name, name) == 0)
			return ps->v[i].value;
	return NULL;
}

/* The first file part sent under name, or NULL. */
const struct http_upload *
http_upload_get(const struct http_request *r, const char *name)
{
	size_t	i;

	for (i = 0; i < r->nuploads; i++)
		if (strcmp(r->uploads[i].name, name) == 0)
			return &r->uploads[i];
	return NULL;
}

static enum http_method
method_parse(const char *m)
{
	if (m == NULL)
		return HTTP_OTHER;
	if (strcmp(m, "GET") == 0)
		return HTTP_GET;
	if (strcmp(m, "HEAD") == 0)
		return HTTP_HEAD;
	if (strcmp(m, "POST") == 0)
		return HTTP_POST;
	return HTTP_OTHER;
}

/* The path: PATH_INFO under plain CGI, else REQUEST_URI up to '?'. */
static int
path_read(struct http_request *r, struct arena *a, char *const *env,
    const char **why)
{
	const char	*uri = http_env(env, "REQUEST_URI");
	const char	*info = http_env(env, "PATH_INFO");
	const char	*q;
	size_t		 n;
	char		*decoded;

	if (info != NULL && *info != '\0') {
		if (strlen(info) > HTTP_MAX_PATH)
			return *why = "The address is too long.", 400;
		r->path = r->raw_path = arena_strdup(a, info);
		return 0;
	}
	if (uri == NULL || *uri != '/')
		uri = "/";
	n = (q = strchr(uri, '?')) != NULL ? (size_t)(q - uri) : strlen(uri);
	if (n > HTTP_MAX_PATH)
		return *why = "The address is too long.", 400;
	if (http_urldecode(a, uri, n, 0, &decoded, NULL))
		return *why = "The address has a malformed %-escape.", 400;
	r->raw_path = arena_strndup(a, uri, n);
	r->path = decoded;
	return 0;
}

/* Read exactly len bytes of body into a new NUL-terminated buffer. */
static char *
body_bytes(struct arena *a, const struct http_io *io, size_t len)
{
	char	*body = arena_alloc(a, len + 1);
	size_t	 got = 0;
	long	 n;

	while (got < len) {
		if ((n = io->read(io->ctx, body + got, len - got)) <= 0)
			return NULL;
		got += (size_t)n;
	}
	body[got] = '\0';
	return body;
}

/* A multipart/form-data body: text fields to r->form, files to r->uploads. */
static int
body_multipart(struct http_request *r, struct arena *a,
    const struct http_io *io, const char *ctype, size_t len, const char **why)
{
	static const char	 bad[] = "The upload arrived incomplete or "
				    "malformed.";
	const char		*boundary, *body;

	if (multipart_boundary(a, ctype, &boundary) != 0)
		return *why = bad, 400;
	if ((body = body_bytes(a, io, len)) == NULL)
		return *why = bad, 400;
	switch (multipart_parse(a, boundary, (const unsigned char *)body, len,
	    &r->form, &r->uploads, &r->nuploads)) {
	case MULTIPART_OK:
		return 0;
	case MULTIPART_TOO_MANY:
		return *why = "The upload has too many parts.", 413;
	default:
		return *why = bad, 400;
	}
}

/* The media type itself, not a longer one that starts the same way. */
static int
media_type_is(const char *ct, const char *type)
{
	size_t	n = strlen(type);

	if (ct == NULL || strncasecmp(ct, type, n) != 0)
		return 0;
	return ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ' || ct[n] == '\t';
}

static int
urlencoded_is(const char *ct)
{
	return media_type_is(ct, "application/x-www-form-urlencoded");
}

/*
 * An application/json body is kept byte for byte, unparsed: a webhook
 * checks its signature over the exact bytes.  No form fields, so the
 * CSRF gate refuses it on every route but those that opt out.
 */
static int
body_raw(struct http_request *r, struct arena *a, const struct http_io *io,
    size_t len, const char **why)
{
	if (len > HTTP_MAX_JSON_BODY)
		return *why = "The request is larger than this site accepts.", 413;
	if ((r->raw_body = body_bytes(a, io, len)) == NULL)
		return *why = "The request arrived incomplete.", 400;
	r->raw_len = len;
	return 0;
}

/*
 * The POST body, by its type: urlencoded up to HTTP_MAX_FORM_BODY,
 * multipart/form-data up to HTTP_MAX_UPLOAD_BODY, application/json up
 * to HTTP_MAX_JSON_BODY (kept raw); a larger one is 413 before a byte
 * is read, another type 415.
 */
static int
body_read(struct http_request *r, struct arena *a, const struct http_io *io,
    const char **why)
{
	const char	*ctype = http_env(io->envp, "CONTENT_TYPE");
	const char	*clen = http_env(io->envp, "CONTENT_LENGTH");
	char		*body, *end;
	unsigned long long len = 0;
	int		 multipart = multipart_is(ctype);

	r->form.v = NULL;
	r->form.n = 0;
	if (clen != NULL && *clen != '\0') {
		errno = 0;
		len = strtoull(clen, &end, 10);
		if (errno || *end != '\0' || *clen == '-')
			return *why = "The request length is malformed.", 400;
	}
	if (r->method != HTTP_POST)
		return 0;
	if (multipart && len > HTTP_MAX_UPLOAD_BODY)
		return *why = "The upload is larger than this site accepts.", 413;
	if (multipart)
		return body_multipart(r, a, io, ctype, (size_t)len, why);
	if (media_type_is(ctype, "application/json"))
		return body_raw(r, a, io, (size_t)len, why);
	if (len > HTTP_MAX_FORM_BODY)
		return *why = "The form is larger than this site accepts.", 413;
	if (len > 0 && !urlencoded_is(ctype))
		return *why = "This form encoding is not accepted.", 415;
	if ((body = body_bytes(a, io, (size_t)len)) == NULL)
		return *why = "The form arrived incomplete.", 400;
	switch (http_parse_urlencoded(a, body, (size_t)len, &r->form)) {
	case 0:
		return 0;
	case 413:
		return *why = "The form has too many fields.", 413;
	default:
		return *why = "The form has a malformed %-escape.", 400;
	}
}

/*
 * Fill the request from the environment and body.  Returns 0, or the
 * status to answer with *why saying what was wrong: 400, 413 or 415.
 */
int
http_request_read(struct http_request *r, struct arena *a,
    const struct http_io *io, const char **why)
{
	char *const	*env = io->envp;
	const char	*qs, *https;
	int		 rc;

	memset(r, 0, sizeof(*r));
	*why = NULL;
	r->env = env;
	r->method_name = http_env(env, "REQUEST_METHOD");
	if (r->method_name == NULL) {
		/* RFC 3875 requires it: not a request a server sent. */
		r->method_name = "GET";
		r->method = method_parse(r->method_name);
		r->remote_addr = r->user_agent = "";
		r->path = "/";
		r->raw_query = "";
		return *why = "The request has no method (REQUEST_METHOD).", 400;
	}
	r->method = method_parse(r->method_name);
	r->remote_addr = http_env(env, "REMOTE_ADDR");
	r->user_agent = http_env(env, "HTTP_USER_AGENT");
	r->host = http_env(env, "HTTP_HOST");
	https = http_env(env, "HTTPS");
	r->https = https != NULL && strcasecmp(https, "on") == 0;
	if (r->remote_addr == NULL)
		r->remote_addr = "";
	if (r->user_agent == NULL)
		r->user_agent = "";
	if ((rc = path_read(r, a, env, why)) != 0)
		return rc;
	qs = http_env(env, "QUERY_STRING");
	r->raw_query = qs != NULL ? qs : "";
	if (strlen(r->raw_query) > HTTP_MAX_QUERY)
		return *why = "The address is too long.", 400;
	if ((rc = http_parse_urlencoded(a, r->raw_query, strlen(r->raw_query),
	    &r->query)) != 0)
		return *why = rc == 413 ? "The address has too many parameters." :
		    "The address has a malformed %-escape.", 400;
	if (http_parse_cookies(a, http_env(env, "HTTP_COOKIE"), &r->cookies))
		return *why = "The cookies sent are too large.", 400;
	return body_read(r, a, io, why);
}

void
http_response_reset(struct http_response *res)
{
	res->status = 200;
	res->content_type = "text/html; charset=utf-8";
	res->cache_control = "no-store";
	res->nheaders = 0;
	buf_reset(&res->body);
	res->stream = NULL;
	res->stream_ctx = NULL;
}

void
http_response_free(struct http_response *res)
{
	buf_free(&res->body);
}

/* Add a header; values holding CR or LF are refused to prevent splitting. */
void
http_header_add(struct http_response *res, const char *name, const char *value)
{
	if (strpbrk(value, "\r\n") != NULL) {
		log_error("http: refused header %s with a line break", name);
		return;
	}
	if (res->nheaders == HTTP_MAX_HEADERS)
		log_fatal("http: too many response headers");
	res->headers[res->nheaders].name = name;
	res->headers[res->nheaders].value = value;
	res->nheaders++;
}

static void
header_write(struct buf *b, const char *name, const char *value)
{
	buf_puts(b, name);
	buf_puts(b, ": ");
	buf_puts(b, value);
	buf_puts(b, "\r\n");
}

/* Status and headers, then the body: buffered, or streamed (see http.h). */
void
http_response_write(const struct http_response *res, const struct http_io *io,
    int head_only)
{
	static struct buf	head;	/* reused: rebuilt for every response */
	size_t			i;

	buf_reset(&head);
	buf_puts(&head, "Status: ");
	buf_putu(&head, (uint64_t)res->status);
	buf_putc(&head, ' ');
	buf_puts(&head, http_status_text(res->status));
	buf_puts(&head, "\r\n");
	if (res->content_type != NULL)
		header_write(&head, "Content-Type", res->content_type);
	for (i = 0; i < sizeof(http_security_headers) /
	    sizeof(http_security_headers[0]); i++)
		header_write(&head, http_security_headers[i].name,
		    http_security_headers[i].value);
	header_write(&head, "Cache-Control", res->cache_control != NULL ?
	    res->cache_control : "no-store");
	for (i = 0; i < res->nheaders; i++)
		header_write(&head, res->headers[i].name,
		    res->headers[i].value);
	/*
	 * A streamed body's length is unknown until its end: nginx sends
	 * it chunked to HTTP/1.1 clients, a CGI server as it likes.
	 */
	if (res->stream == NULL) {
		buf_puts(&head, "Content-Length: ");
		buf_putu(&head, res->body.len);
		buf_puts(&head, "\r\n");
	}
	buf_puts(&head, "\r\n");
	io->write(io->ctx, head.data, head.len);
	if (head_only)
		return;
	if (res->stream != NULL)
		res->stream(res->stream_ctx, io);
	else if (res->body.len > 0)
		io->write(io->ctx, res->body.data, res->body.len);
}
