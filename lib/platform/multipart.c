/* multipart.c: parse multipart/form-data strictly: the boundary, each part's headers, text fields and files. */
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "http.h"
#include "multipart.h"

/* One "name=value" of a header's parameter list. */
struct mp_param {
	const char	*name;
	size_t		 nlen;
	char		*value;		/* unquoted, NUL-terminated */
	size_t		 vlen;
};

/* What a part's headers say about it. */
struct mp_part {
	char		*name;
	char		*filename;	/* NULL: a text field */
	char		*content_type;
	int		 disposition_seen;
};

static int
is_tchar(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' && strchr("!#$%&'*+-.^_`|~",
	    c) != NULL);
}

/* Header text: HTAB, printable ASCII and bytes of UTF-8; no controls. */
static int
text_ok(const char *s, const char *end)
{
	unsigned char	c;

	for (; s < end; s++) {
		c = (unsigned char)*s;
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return 0;
	}
	return 1;
}

static const char *
skip_ows(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

/* The same name, case-insensitive, of exactly this length. */
static int
name_is(const char *s, size_t n, const char *want)
{
	return n == strlen(want) && strncasecmp(s, want, n) == 0;
}

/*
 * A quoted string at s (just past its opening quote).  Only \" and \\
 * are escapes: browsers send other backslashes as they are (a Windows
 * path), and those must survive for the caller to refuse.
 */
static const char *
quoted_read(struct arena *a, const char *s, const char *end,
    struct mp_param *p)
{
	char	*out = arena_alloc(a, (size_t)(end - s) + 1);
	size_t	 n = 0;

	while (s < end && *s != '"') {
		if (*s == '\\' && s + 1 < end && (s[1] == '"' || s[1] == '\\'))
			s++;
		out[n++] = *s++;
	}
	if (s == end)
		return NULL;
	out[n] = '\0';
	p->value = out;
	p->vlen = n;
	return s + 1;
}

/*
 * The next "; name=value" at *sp (value a token or a quoted string).
 * Returns 1 with *p filled, 0 at the end, -1 on anything else.
 */
static int
param_next(struct arena *a, const char **sp, const char *end,
    struct mp_param *p)
{
	const char	*s = skip_ows(*sp, end), *v;

	if (s == end)
		return 0;
	if (*s != ';')
		return -1;
	if ((s = skip_ows(s + 1, end)) == end)
		return 0;
	for (p->name = s; s < end && is_tchar((unsigned char)*s); s++)
		;
	if ((p->nlen = (size_t)(s - p->name)) == 0 || s == end || *s != '=')
		return -1;
	if (++s < end && *s == '"') {
		if ((s = quoted_read(a, s + 1, end, p)) == NULL)
			return -1;
	} else {
		for (v = s; s < end && is_tchar((unsigned char)*s); s++)
			;
		if (s == v)
			return -1;
		p->value = arena_strndup(a, v, (size_t)(s - v));
		p->vlen = (size_t)(s - v);
	}
	*sp = s;
	return 1;
}

/* Is the type multipart/form-data (parameters may follow)? */
int
multipart_is(const char *ct)
{
	static const char	type[] = "multipart/form-data";
	size_t			n = sizeof(type) - 1;

	if (ct == NULL || strncasecmp(ct, type, n) != 0)
		return 0;
	return ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ' || ct[n] == '\t';
}

/* RFC 2046's bchars; a space may not end the boundary. */
static int
boundary_ok(const char *b, size_t n)
{
	static const char	other[] = "'()+_,-./:=? ";
	size_t			i;

	if (n == 0 || n > MULTIPART_MAX_BOUNDARY || b[n - 1] == ' ')
		return 0;
	for (i = 0; i < n; i++)
		if (!((b[i] >= 'a' && b[i] <= 'z') || (b[i] >= 'A' &&
		    b[i] <= 'Z') || (b[i] >= '0' && b[i] <= '9') ||
		    (b[i] != '\0' && strchr(other, b[i]) != NULL)))
			return 0;
	return 1;
}

/*
 * The boundary parameter of a multipart/form-data Content-Type, quoted
 * or not.  Returns 0 with *boundary set, or -1 when it is missing,
 * repeated, too long or holds characters RFC 2046 does not allow.
 */
int
multipart_boundary(struct arena *a, const char *ct, const char **boundary)
{
	const char	*s, *end;
	struct mp_param	 p;
	int		 rc;

	*boundary = NULL;
	if (!multipart_is(ct))
		return -1;
	end = ct + strlen(ct);
	s = ct + strlen("multipart/form-data");
	if (!text_ok(s, end))
		return -1;
	while ((rc = param_next(a, &s, end, &p)) == 1) {
		if (!name_is(p.name, p.nlen, "boundary"))
			continue;
		if (*boundary != NULL || !boundary_ok(p.value, p.vlen))
			return -1;
		*boundary = p.value;
	}
	return rc == 0 && *boundary != NULL ? 0 : -1;
}

/* Content-Disposition: form-data; name="..."[; filename="..."]. */
static int
disposition_read(struct arena *a, const char *s, const char *end,
    struct mp_part *part)
{
	const char	*type = s;
	struct mp_param	 p;
	int		 rc;

	if (part->disposition_seen++)
		return -1;
	while (s < end && is_tchar((unsigned char)*s))
		s++;
	if (!name_is(type, (size_t)(s - type), "form-data"))
		return -1;
	while ((rc = param_next(a, &s, end, &p)) == 1) {
		if (name_is(p.name, p.nlen, "name")) {
			if (part->name != NULL || p.vlen == 0 ||
			    p.vlen > MULTIPART_MAX_NAME ||
			    strlen(p.value) != p.vlen)
				return -1;
			part->name = p.value;
		} else if (name_is(p.name, p.nlen, "filename")) {
			if (part->filename != NULL || strlen(p.value) != p.vlen)
				return -1;
			part->filename = p.value;
		} else if (name_is(p.name, p.nlen, "filename*"))
			return -1;	/* RFC 7578 4.2: MUST NOT be used */
	}
	return rc == 0 && part->name != NULL ? 0 : -1;
}

/* One header line of a part; headers other than these are ignored. */
static int
header_read(struct arena *a, const char *s, const char *end,
    struct mp_part *part)
{
	const char	*name = s, *vend = end;
	size_t		 nlen;

	while (s < end && is_tchar((unsigned char)*s))
		s++;
	if ((nlen = (size_t)(s - name)) == 0 || s == end || *s != ':')
		return -1;
	s = skip_ows(s + 1, end);
	while (vend > s && (vend[-1] == ' ' || vend[-1] == '\t'))
		vend--;
	if (name_is(name, nlen, "Content-Disposition"))
		return disposition_read(a, s, vend, part);
	if (name_is(name, nlen, "Content-Type")) {
		if (part->content_type != NULL)
			return -1;
		part->content_type = arena_strndup(a, s, (size_t)(vend - s));
	} else if (name_is(name, nlen, "Content-Transfer-Encoding")) {
		/* Deprecated (RFC 7578 4.7); only the identity is understood. */
		if (!name_is(s, (size_t)(vend - s), "binary") &&
		    !name_is(s, (size_t)(vend - s), "8bit") &&
		    !name_is(s, (size_t)(vend - s), "7bit"))
			return -1;
	}
	return 0;
}

/*
 * The header block at *sp, up to and past its blank line, at most
 * MULTIPART_MAX_HEADERS bytes.  Returns 0 or -1.
 */
static int
headers_read(struct arena *a, const unsigned char **sp,
    const unsigned char *end, struct mp_part *part)
{
	const char	*s = (const char *)*sp, *stop, *eol;
	size_t		 window = (size_t)(end - *sp);

	memset(part, 0, sizeof(*part));
	/* The lines with their CRLFs, then the blank line's CRLF. */
	if (window > MULTIPART_MAX_HEADERS + 2)
		window = MULTIPART_MAX_HEADERS + 2;
	if ((stop = memmem(s, window, "\r\n\r\n", 4)) == NULL)
		return -1;
	stop += 2;	/* the last line's CRLF belongs to it */
	while (s < stop) {
		eol = memmem(s, (size_t)(stop - s), "\r\n", 2);
		if (!text_ok(s, eol) || header_read(a, s, eol, part) != 0)
			return -1;
		s = eol + 2;
	}
	*sp = (const unsigned char *)stop + 2;
	return part->disposition_seen ? 0 : -1;
}

/*
 * Past a boundary at *sp: transport padding, then CRLF (another part
 * follows: 1) or "--" and the end of the body, or one CRLF (the last:
 * 0).  Anything else is -1.
 */
static int
boundary_after(const unsigned char **sp, const unsigned char *end)
{
	const unsigned char	*s = *sp;

	if (end - s >= 2 && s[0] == '-' && s[1] == '-') {
		s += 2;
		if (s == end || (end - s == 2 && s[0] == '\r' && s[1] == '\n'))
			return 0;
		return -1;
	}
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (end - s < 2 || s[0] != '\r' || s[1] != '\n')
		return -1;
	*sp = s + 2;
	return 1;
}

/* File the part's data as a text field or an upload. */
static int
part_keep(struct arena *a, const struct mp_part *part,
    const unsigned char *data, size_t n, struct http_params *form,
    struct http_upload *uploads, size_t *nuploads)
{
	struct http_param	*f;
	struct http_upload	*u;

	if (part->filename == NULL) {
		if (memchr(data, '\0', n) != NULL)
			return -1;
		f = &form->v[form->n++];
		f->name = part->name;
		f->value = arena_strndup(a, (const char *)data, n);
		f->len = n;
		return 0;
	}
	u = &uploads[(*nuploads)++];
	u->name = part->name;
	u->filename = part->filename;
	u->content_type = part->content_type != NULL ? part->content_type : "";
	u->data = data;
	u->size = n;
	return 0;
}

/*
 * Split a multipart/form-data body: text parts become form params,
 * file parts (those with a filename) uploads pointing into the body.
 * No preamble; the close delimiter is required and only a CRLF may
 * follow it.  Returns MULTIPART_OK, MULTIPART_MALFORMED (400) or
 * MULTIPART_TOO_MANY (413).
 */
enum multipart_result
multipart_parse(struct arena *a, const char *boundary,
    const unsigned char *body, size_t len, struct http_params *form,
    struct http_upload **uploads, size_t *nuploads)
{
	const unsigned char	*s = body, *end = body + len, *next;
	struct mp_part		 part;
	size_t			 blen = strlen(boundary), parts = 0;
	char			*delim = arena_printf(a, "\r\n--%s", boundary);
	int			 more;

	form->v = arena_alloc(a, sizeof(*form->v) * MULTIPART_MAX_PARTS);
	form->n = 0;
	*uploads = arena_alloc(a, sizeof(**uploads) * MULTIPART_MAX_PARTS);
	*nuploads = 0;
	if (blen == 0 || len < blen + 2 || memcmp(s, delim + 2, blen + 2) != 0)
		return MULTIPART_MALFORMED;
	s += blen + 2;
	if (boundary_after(&s, end) != 1)
		return MULTIPART_MALFORMED;
	do {
		if (++parts > MULTIPART_MAX_PARTS)
			return MULTIPART_TOO_MANY;
		if (headers_read(a, &s, end, &part) != 0)
			return MULTIPART_MALFORMED;
		if ((next = memmem(s, (size_t)(end - s), delim, blen + 4)) ==
		    NULL)
			return MULTIPART_MALFORMED;
		if (part_keep(a, &part, s, (size_t)(next - s), form, *uploads,
		    nuploads) != 0)
			return MULTIPART_MALFORMED;
		s = next + blen + 4;
		if ((more = boundary_after(&s, end)) < 0)
			return MULTIPART_MALFORMED;
	} while (more);
	return MULTIPART_OK;
}
