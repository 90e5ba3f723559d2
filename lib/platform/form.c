/* form.c: the validators, one per field type, and the form <-> template bridge. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "fmt.h"
#include "form.h"
#include "http.h"
#include "pwpolicy.h"
#include "tmpl.h"

typedef const char *(*form_check)(struct form *, const struct form_field *,
    struct form_value *);

/*
 * Strict UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF.
 * Returns 1 when valid.
 */
int
form_utf8_valid(const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s, *end = p + n;
	unsigned int		 c, need, min;

	while (p < end) {
		c = *p++;
		if (c < 0x80)
			continue;
		if (c >= 0xc2 && c <= 0xdf)
			need = 1, min = 0x80, c &= 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			need = 2, min = 0x800, c &= 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			need = 3, min = 0x10000, c &= 0x07;
		else
			return 0;
		if ((size_t)(end - p) < need)
			return 0;
		for (; need > 0; need--, p++) {
			if ((*p & 0xc0) != 0x80)
				return 0;
			c = c << 6 | (*p & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return 0;
	}
	return 1;
}

size_t
form_utf8_len(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* Control characters other than tab (and CR/LF in multi-line text). */
static int
has_controls(const char *s, int multiline)
{
	for (; *s != '\0'; s++) {
		unsigned char	c = (unsigned char)*s;

		if ((c < 0x20 && c != '\t' && !(multiline &&
		    (c == '\n' || c == '\r'))) || c == 0x7f)
			return 1;
	}
	return 0;
}

static char *
trim(struct arena *a, const char *s)
{
	const char	*end;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\n' || end[-1] == '\r'))
		end--;
	return arena_strndup(a, s, (size_t)(end - s));
}

static const char *msg(struct form *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static const char *
msg(struct form *f, const char *fmt, ...)
{
	va_list		 ap;
	const char	*s;

	va_start(ap, fmt);
	s = arena_vprintf(f->arena, fmt, ap);
	va_end(ap);
	return s;
}

static const char *
check_text(struct form *f, const struct form_field *fd, struct form_value *v)
{
	size_t	len = form_utf8_len(v->text);

	if (has_controls(v->text, fd->type == FORM_MULTILINE))
		return msg(f, "%s contains characters that are not allowed.",
		    fd->label);
	if ((int64_t)len < fd->min)
		return arena_printf(f->arena, "%s must be at least %lld "
		    "characters.", fd->label, (long long)fd->min);
	if (fd->max > 0 && (int64_t)len > fd->max)
		return arena_printf(f->arena, "%s must be at most %lld "
		    "characters.", fd->label, (long long)fd->max);
	return NULL;
}

static const char *
check_username(struct form *f, const struct form_field *fd, struct form_value *v)
{
	size_t	len = strlen(v->text);

	if (len < 3 || len > 30 || strspn(v->text, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != len)
		return msg(f, "%s must be 3 to 30 letters, digits, dots, dashes "
		    "or underscores.", fd->label);
	return NULL;
}

static const char *
check_email(struct form *f, const struct form_field *fd, struct form_value *v)
{
	const char	*at = strchr(v->text, '@'), *dot;
	size_t		 len = strlen(v->text), i;
	char		*lower;

	for (i = 0; i < len; i++)
		if (isspace((unsigned char)v->text[i]) ||
		    iscntrl((unsigned char)v->text[i]))
			at = NULL;
	if (len > 254 || at == NULL || at == v->text ||
	    strchr(at + 1, '@') != NULL || (dot = strrchr(at, '.')) == NULL ||
	    dot == at + 1 || dot[1] == '\0')
		return msg(f, "%s must be an email address like "
		    "name@example.com.", fd->label);
	/* Stored lower-case so one address cannot register twice. */
	lower = arena_strdup(f->arena, v->text);
	for (i = 0; i < len; i++)
		lower[i] = (char)tolower((unsigned char)lower[i]);
	v->text = lower;
	return NULL;
}

/* Accept 98765 43210, 098765-43210, +91 98765 43210; store +919876543210. */
static const char *
check_phone(struct form *f, const struct form_field *fd, struct form_value *v)
{
	char		 digits[16];
	const char	*s = v->text, *d;
	size_t		 n = 0;

	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '-' || (*s == '+' && s == v->text))
			continue;
		if (!isdigit((unsigned char)*s) || n == sizeof(digits) - 1)
			return msg(f, "%s must be a 10-digit Indian mobile "
			    "number.", fd->label);
		digits[n++] = *s;
	}
	digits[n] = '\0';
	d = digits;
	if (n == 12 && strncmp(d, "91", 2) == 0)
		d += 2;
	else if (n == 11 && d[0] == '0')
		d += 1;
	/* A leading '+' starts a country code, which must be India's. */
	if (strlen(d) != 10 || d[0] < '6' || (v->text[0] == '+' && n != 12))
		return msg(f, "%s must be a 10-digit Indian mobile number.",
		    fd->label);
	v->text = arena_printf(f->arena, "+91%s", d);
	return NULL;
}

static const char *
check_pincode(struct form *f, const struct form_field *fd, struct form_value *v)
{
	if (strlen(v->text) != 6 || strspn(v->text, "0123456789") != 6 ||
	    v->text[0] == '0')
		return msg(f, "%s must be a 6-digit pincode, like 110001.",
		    fd->label);
	return NULL;
}

static const char *
check_password(struct form *f, const struct form_field *fd, struct form_value *v)
{
	size_t	len = strlen(v->raw);

	v->text = v->raw;	/* never trimmed: spaces are part of it */
	if ((int64_t)len < fd->min)
		return arena_printf(f->arena, "%s must be at least %lld "
		    "characters.", fd->label, (long long)fd->min);
	if (fd->max > 0 && (int64_t)len > fd->max)
		return arena_printf(f->arena, "%s must be at most %lld "
		    "characters.", fd->label, (long long)fd->max);
	return NULL;
}

/* The valid text of the first field of type before fd, or NULL. */
static const char *
earlier(const struct form *f, const struct form_field *fd, enum form_type type)
{
	size_t	i;

	for (i = 0; &f->fields[i] < fd; i++)
		if (f->fields[i].type == type && f->v[i].error == NULL &&
		    f->v[i].text[0] != '\0')
			return f->v[i].text;
	return NULL;
}

/*
 * A password being chosen: its length, then the policy (with the
 * username and email typed above it in the same form, if any).
 */
static const char *
check_new_password(struct form *f, const struct form_field *fd,
    struct form_value *v)
{
	const char	*why;

	if ((why = check_password(f, fd, v)) != NULL)
		return why;
	return pwpolicy_check(f->arena, v->text, earlier(f, fd, FORM_USERNAME),
	    earlier(f, fd, FORM_EMAIL));
}

static const char *
check_int(struct form *f, const struct form_field *fd, struct form_value *v)
{
	char	*end;
	long long n;

	if (strlen(v->text) > 18 || strspn(v->text, "0123456789") !=
	    strlen(v->text) || (n = strtoll(v->text, &end, 10), *end != '\0') ||
	    n < fd->min || n > fd->max)
		return arena_printf(f->arena, "%s must be a whole number from "
		    "%lld to %lld.", fd->label, (long long)fd->min,
		    (long long)fd->max);
	v->num = n;
	return NULL;
}

static const char *
check_money(struct form *f, const struct form_field *fd, struct form_value *v)
{
	const char	*s = v->text;

	if (strncmp(s, "₹", strlen("₹")) == 0)
		s += strlen("₹");
	if (fmt_parse_money(s, &v->num) || v->num < fd->min || v->num > fd->max)
		return arena_printf(f->arena, "%s must be an amount in rupees "
		    "from %s to %s, with at most 2 decimals.", fd->label,
		    fmt_rupees_input(f->arena, fd->min),
		    fmt_rupees_input(f->arena, fd->max));
	return NULL;
}

static const char *
check_checkbox(struct form *f, const struct form_field *fd, struct form_value *v)
{
	(void)f;
	(void)fd;
	v->num = v->raw[0] != '\0';
	return NULL;
}

static const char *
check_slug(struct form *f, const struct form_field *fd, struct form_value *v)
{
	size_t	len = strlen(v->text);

	if (len == 0 || (int64_t)len > fd->max ||
	    strspn(v->text, "abcdefghijklmnopqrstuvwxyz0123456789-") != len)
		return msg(f, "Choose a valid %s.", fd->label);
	return NULL;
}

/* Append to the value's list unless already there; returns -1 when full. */
static int
list_add(struct form *f, const struct form_field *fd, struct form_value *v,
    const char *item)
{
	size_t	i;

	for (i = 0; i < v->nlist; i++)
		if (strcmp(v->list[i], item) == 0)
			return 0;
	if ((int64_t)v->nlist >= fd->max)
		return -1;
	if (v->list == NULL)
		v->list = arena_alloc(f->arena, sizeof(*v->list) *
		    (size_t)fd->max);
	v->list[v->nlist++] = item;
	return 0;
}

/* Each value sent for the name (gathered by form_read) must be a slug. */
static const char *
check_slug_list(struct form *f, const struct form_field *fd,
    struct form_value *v)
{
	size_t	i, len;

	for (i = 0; i < v->nlist; i++) {
		len = strlen(v->list[i]);
		if (len == 0 || len > 40 || strspn(v->list[i],
		    "abcdefghijklmnopqrstuvwxyz0123456789-") != len)
			return msg(f, "Choose valid %s.", fd->label);
	}
	return NULL;
}

static const char *
check_pincode_list(struct form *f, const struct form_field *fd,
    struct form_value *v)
{
	const char	*s = v->text, *end;
	char		*pin;

	v->nlist = 0;
	while (*s != '\0') {
		s += strspn(s, ", \t\r\n");
		if (*s == '\0')
			break;
		end = s + strcspn(s, ", \t\r\n");
		pin = arena_strndup(f->arena, s, (size_t)(end - s));
		if (strlen(pin) != 6 || strspn(pin, "0123456789") != 6 ||
		    pin[0] == '0')
			return msg(f, "“%.20s” is not a 6-digit pincode.", pin);
		if (list_add(f, fd, v, pin))
			return msg(f, "%s can hold at most %lld pincodes.",
			    fd->label, (long long)fd->max);
		s = end;
	}
	/* Only separators ("," or " , ") is no pincode at all. */
	if (v->nlist == 0 && (fd->flags & FORM_REQUIRED))
		return msg(f, "%s is required.", fd->label);
	return NULL;
}

/*
 * What <input type="datetime-local"> sends: "YYYY-MM-DDTHH:MM", or
 * with ":SS" as some browsers send, a real time in the display zone
 * (fmt_set_timezone).  Sets the UTC second; returns 0, or -1 if s is
 * anything else, spaces around it included.
 */
static int
local_time_parse(const char *s, int64_t *utc)
{
	char	minute[17];
	size_t	len = strlen(s);
	int	sec = 0;

	if (len == 19) {
		if (s[16] != ':' || s[17] < '0' || s[17] > '5' ||
		    s[18] < '0' || s[18] > '9')
			return -1;
		sec = (s[17] - '0') * 10 + (s[18] - '0');
	} else if (len != 16)
		return -1;
	memcpy(minute, s, 16);
	minute[16] = '\0';
	if (fmt_parse_local(minute, utc) != 0)
		return -1;
	*utc += sec;
	return 0;
}

static const char *
check_local_time(struct form *f, const struct form_field *fd,
    struct form_value *v)
{
	(void)fd;
	if (local_time_parse(v->text, &v->num) != 0)
		return msg(f, "Enter a date and time like 2026-12-05T10:30.");
	return NULL;
}

static const form_check form_checks[FORM_TYPE__MAX] = {
	[FORM_TEXT] = check_text,
	[FORM_MULTILINE] = check_text,
	[FORM_USERNAME] = check_username,
	[FORM_EMAIL] = check_email,
	[FORM_PHONE] = check_phone,
	[FORM_PINCODE] = check_pincode,
	[FORM_PASSWORD] = check_password,
	[FORM_NEW_PASSWORD] = check_new_password,
	[FORM_INT] = check_int,
	[FORM_MONEY] = check_money,
	[FORM_CHECKBOX] = check_checkbox,
	[FORM_SLUG] = check_slug,
	[FORM_SLUG_LIST] = check_slug_list,
	[FORM_PINCODE_LIST] = check_pincode_list,
	[FORM_LOCAL_TIME] = check_local_time,
};

/* A password, old or new: kept as typed and never shown back. */
static int
form_secret(const struct form_field *fd)
{
	return fd->type == FORM_PASSWORD || fd->type == FORM_NEW_PASSWORD;
}

void
form_init(struct form *f, struct arena *a, const struct form_field *fields,
    size_t n)
{
	size_t	i;

	f->fields = fields;
	f->n = n;
	f->arena = a;
	f->errors = 0;
	f->v = arena_zalloc(a, sizeof(*f->v) * n);
	for (i = 0; i < n; i++)
		f->v[i].raw = f->v[i].text = "";
}

/* Set a field's shown value, as when pre-filling an edit form. */
void
form_set(struct form *f, size_t i, const char *value)
{
	f->v[i].raw = f->v[i].text = value != NULL ? value : "";
}

void
form_error(struct form *f, size_t i, const char *message)
{
	if (f->v[i].error == NULL)
		f->errors++;
	f->v[i].error = message;
}

/*
 * A list field takes every value sent under its name.  Returns 1 when
 * the field is already decided (in error), else 0 to go on checking.
 */
static int
list_gather(struct form *f, const struct form_field *fd, struct form_value *v,
    const struct http_params *params)
{
	size_t	i;

	v->list = NULL;
	v->nlist = 0;
	for (i = 0; i < params->n; i++) {
		if (strcmp(params->v[i].name, fd->name) != 0)
			continue;
		if (list_add(f, fd, v, params->v[i].value)) {
			form_error(f, (size_t)(fd - f->fields), msg(f,
			    "Choose at most %lld %s.", (long long)fd->max,
			    fd->label));
			return 1;
		}
	}
	/* The raw text only says whether anything was sent. */
	v->raw = v->nlist > 0 ? v->list[0] : "";
	return 0;
}

/*
 * Whether nothing was sent: a slug list by its items (an empty first
 * one must not hide the rest), a checkbox only when it is required.
 */
static int
value_empty(const struct form_field *fd, const struct form_value *v)
{
	if (fd->type == FORM_SLUG_LIST)
		return v->nlist == 0;
	return v->text[0] == '\0' && (fd->type != FORM_CHECKBOX ||
	    (fd->flags & FORM_REQUIRED));
}

/*
 * A copy of s fit to show back in a page: every byte that is not part
 * of valid UTF-8, and every control character but tab and line breaks,
 * becomes U+FFFD.
 */
char *
form_displayable(struct arena *a, const char *s)
{
	static const char	 repl[] = "\xef\xbf\xbd";
	size_t			 n = strlen(s), i = 0, j = 0, len;
	char			*out = arena_alloc(a, n * 3 + 1);
	unsigned char		 c;

	while (i < n) {
		c = (unsigned char)s[i];
		len = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
		if (c < 0x80 ? ((c < 0x20 && c != '\t' && c != '\n' &&
		    c != '\r') || c == 0x7f) : (i + len > n ||
		    !form_utf8_valid(s + i, len))) {
			memcpy(out + j, repl, 3);
			j += 3;
			i++;
			continue;
		}
		memcpy(out + j, s + i, len);
		i += len;
		j += len;
	}
	out[j] = '\0';
	return out;
}

/*
 * Validate every declared field from params.  Undeclared parameters are
 * ignored.  Returns the number of fields in error.
 */
int
form_read(struct form *f, const struct http_params *params)
{
	const struct form_field	*fd;
	struct form_value	*v;
	const char		*raw;
	size_t			 i;

	for (i = 0; i < f->n; i++) {
		fd = &f->fields[i];
		v = &f->v[i];
		raw = http_param_get(params, fd->name);
		v->raw = raw != NULL ? raw : "";
		if (fd->type == FORM_SLUG_LIST && list_gather(f, fd, v, params))
			continue;
		v->text = form_secret(fd) ? v->raw : trim(f->arena, v->raw);
		v->error = NULL;
		if (!form_utf8_valid(v->raw, strlen(v->raw)))
			form_error(f, i, msg(f, "%s is not valid text.",
			    fd->label));
		else if (value_empty(fd, v)) {
			if (fd->flags & FORM_REQUIRED)
				form_error(f, i, msg(f, "%s is required.",
				    fd->label));
		} else if ((v->error = form_checks[fd->type](f, fd, v)) != NULL)
			f->errors++;
	}
	return f->errors;
}

/*
 * A local time goes back into a date picker only when the picker can
 * hold what was sent (nothing, or a well-formed time): anything else
 * comes back in a text box, so the input is kept and the page stays
 * valid HTML.
 */
static void
local_time_fill(const struct form_field *fd, const struct form_value *v,
    struct tmpl_dict *d)
{
	char	key[96];
	int64_t	utc;

	snprintf(key, sizeof(key), "%s_%s", fd->name, v->raw[0] == '\0' ||
	    local_time_parse(v->raw, &utc) == 0 ? "as_picker" : "as_text");
	tmpl_show(d, key);
}

/*
 * The summary at the top of a form ({{>error_summary}}, error_summary.tpl):
 * how many fields are wrong and, for each, its message linking to the
 * field, whose id is the field's name followed by id_suffix (a form
 * repeated per row of a table tells its fields apart by "-{id}"; NULL
 * for none).  Every message found in the one validation pass is listed,
 * in the order of the fields.  form_fill calls it; a page whose form
 * sits in a section calls it for the page's top with the suffix.
 */
void
form_summary(const struct form *f, struct tmpl_dict *d, const char *id_suffix)
{
	struct tmpl_dict	*s, *row;
	size_t			 i;

	if (f->errors == 0)
		return;
	s = tmpl_include(d, "error_summary", "error_summary.tpl");
	tmpl_set_int(s, "count", f->errors);
	for (i = 0; i < f->n; i++) {
		if (f->v[i].error == NULL)
			continue;
		row = tmpl_section(s, "error_link");
		tmpl_setf(row, "field", "%s%s", f->fields[i].name,
		    id_suffix != NULL ? id_suffix : "");
		tmpl_set(row, "message", form_displayable(f->arena,
		    f->v[i].error));
	}
}

/*
 * Put each field into the template: {{name}} holds what the user typed
 * (never a password), {{#name_error}}{{message}} the problem,
 * {{#name_checked}} a ticked checkbox, and {{#name_as_picker}} or
 * {{#name_as_text}} the kind of input a local time goes back in, and
 * {{>error_summary}} the summary of every problem, linking to each field.
 */
void
form_fill(const struct form *f, struct tmpl_dict *d)
{
	char	key[96];
	size_t	i;

	for (i = 0; i < f->n; i++) {
		const struct form_field	*fd = &f->fields[i];
		const struct form_value	*v = &f->v[i];

		/* What is shown back must itself be valid, printable text. */
		if (!form_secret(fd))
			tmpl_set(d, fd->name, form_displayable(f->arena, v->raw));
		if (fd->type == FORM_LOCAL_TIME)
			local_time_fill(fd, v, d);
		if (fd->type == FORM_CHECKBOX && v->num) {
			snprintf(key, sizeof(key), "%s_checked", fd->name);
			tmpl_show(d, key);
		}
		if (v->error != NULL) {
			snprintf(key, sizeof(key), "%s_error", fd->name);
			tmpl_set(tmpl_section(d, key), "message",
			    form_displayable(f->arena, v->error));
		}
	}
	if (f->errors > 0) {
		tmpl_set_int(tmpl_section(d, "form_errors"), "count", f->errors);
		form_summary(f, d, NULL);
	}
}
