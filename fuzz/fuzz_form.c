/* fuzz_form.c: libFuzzer harness for the form validators, money and local-time parsing, on urlencoded input. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "fmt.h"
#include "form.h"
#include "http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct arena	*formfuzz_arena;

/* One field of every type, with limits a real form would use. */
static const struct form_field	formfuzz_fields[] = {
	{ "name", "Name", FORM_TEXT, FORM_REQUIRED, 2, 40 },
	{ "bio", "Bio", FORM_MULTILINE, 0, 0, 500 },
	{ "user", "Username", FORM_USERNAME, 0, 0, 0 },
	{ "email", "Email", FORM_EMAIL, 0, 0, 0 },
	{ "phone", "Phone", FORM_PHONE, 0, 0, 0 },
	{ "pin", "Pincode", FORM_PINCODE, 0, 0, 0 },
	{ "pass", "Password", FORM_PASSWORD, 0, 8, 128 },
	{ "newpass", "New password", FORM_NEW_PASSWORD, 0, 8, 128 },
	{ "qty", "Quantity", FORM_INT, 0, 1, 99 },
	{ "price", "Price", FORM_MONEY, 0, 100, FMT_MAX_PAISE },
	{ "agree", "Agree", FORM_CHECKBOX, 0, 0, 0 },
	{ "terms", "Terms", FORM_CHECKBOX, FORM_REQUIRED, 0, 0 },
	{ "slug", "Slug", FORM_SLUG, 0, 0, 40 },
	{ "cats", "Categories", FORM_SLUG_LIST, 0, 0, 5 },
	{ "pins", "Pincodes", FORM_PINCODE_LIST, 0, 0, 5 },
	{ "when", "Date and time", FORM_LOCAL_TIME, 0, 0, 0 },
};
#define FORMFUZZ_NFIELDS	(sizeof(formfuzz_fields) / sizeof(formfuzz_fields[0]))

static void
formfuzz_check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_form: %s\n", what);
		abort();
	}
}

static int
formfuzz_all_of(const char *s, const char *set)
{
	return strspn(s, set) == strlen(s);
}

/* What a valid value of each type must look like. */
static void
formfuzz_check_value(struct arena *a, const struct form_field *fd,
    const struct form_value *v)
{
	const char	*t = v->text;
	int64_t		 back;
	struct tm	 tm;
	time_t		 utc;
	char		 local[32];

	formfuzz_check(form_utf8_valid(t, strlen(t)), "valid field is not UTF-8");
	switch (fd->type) {
	case FORM_TEXT:
	case FORM_MULTILINE:
		formfuzz_check((int64_t)form_utf8_len(t) >= fd->min &&
		    (int64_t)form_utf8_len(t) <= fd->max, "text length");
		formfuzz_check(fd->type == FORM_MULTILINE || strpbrk(t, "\r\n") ==
		    NULL, "line break in one-line text");
		break;
	case FORM_USERNAME:
		formfuzz_check(strlen(t) >= 3 && strlen(t) <= 30 && formfuzz_all_of(t,
		    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789._-"), "username");
		break;
	case FORM_EMAIL:
		formfuzz_check(strchr(t, '@') != NULL && strchr(t, '@') ==
		    strrchr(t, '@') && strpbrk(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZ "
		    "\t\r\n") == NULL, "email");
		break;
	case FORM_PHONE:
		formfuzz_check(strlen(t) == 13 && strncmp(t, "+91", 3) == 0 &&
		    formfuzz_all_of(t + 3, "0123456789") && t[3] >= '6', "phone");
		break;
	case FORM_PINCODE:
		formfuzz_check(strlen(t) == 6 && formfuzz_all_of(t, "0123456789") &&
		    t[0] != '0', "pincode");
		break;
	case FORM_PASSWORD:
	case FORM_NEW_PASSWORD:
		formfuzz_check(t == v->raw, "password was changed");
		break;
	case FORM_INT:
		formfuzz_check(v->num >= fd->min && v->num <= fd->max, "int range");
		break;
	case FORM_MONEY:
		formfuzz_check(v->num >= fd->min && v->num <= fd->max &&
		    fmt_parse_money(fmt_rupees_input(a, v->num), &back) == 0 &&
		    back == v->num, "money range or round trip");
		break;
	case FORM_CHECKBOX:
		formfuzz_check(v->num == 0 || v->num == 1, "checkbox");
		break;
	case FORM_SLUG:
		formfuzz_check(strlen(t) <= (size_t)fd->max && formfuzz_all_of(t,
		    "abcdefghijklmnopqrstuvwxyz0123456789-"), "slug");
		break;
	case FORM_LOCAL_TIME:
		/* The instant, shown in the zone, is what was typed. */
		utc = (time_t)v->num;
		localtime_r(&utc, &tm);
		strftime(local, sizeof(local), strlen(t) == 19 ?
		    "%Y-%m-%dT%H:%M:%S" : "%Y-%m-%dT%H:%M", &tm);
		formfuzz_check(strcmp(local, t) == 0, "local time round trip");
		break;
	default:
		formfuzz_check(0, "unknown type");
	}
}

/* A valid list field holds at most max distinct items of its kind. */
static void
formfuzz_check_list(const struct form_field *fd, const struct form_value *v)
{
	const char	*item;
	size_t		 i, j;

	formfuzz_check((int64_t)v->nlist <= fd->max, "list longer than max");
	for (i = 0; i < v->nlist; i++) {
		item = v->list[i];
		if (fd->type == FORM_SLUG_LIST)
			formfuzz_check(item[0] != '\0' && strlen(item) <= 40 &&
			    formfuzz_all_of(item, "abcdefghijklmnopqrstuvwxyz"
			    "0123456789-"), "slug list item");
		else
			formfuzz_check(strlen(item) == 6 && item[0] != '0' &&
			    formfuzz_all_of(item, "0123456789"),
			    "pincode list item");
		for (j = 0; j < i; j++)
			formfuzz_check(strcmp(v->list[j], item) != 0,
			    "list item repeated");
	}
}

static void
formfuzz_check_form(struct arena *a, const struct http_params *ps)
{
	struct form	f;
	int		errors, n = 0;
	size_t		i;

	form_init(&f, a, formfuzz_fields, FORMFUZZ_NFIELDS);
	errors = form_read(&f, ps);
	for (i = 0; i < FORMFUZZ_NFIELDS; i++) {
		if (f.v[i].error != NULL) {
			n++;
			continue;
		}
		if (formfuzz_fields[i].type == FORM_SLUG_LIST ||
		    formfuzz_fields[i].type == FORM_PINCODE_LIST)
			formfuzz_check_list(&formfuzz_fields[i], &f.v[i]);
		else if (f.v[i].text[0] != '\0')
			formfuzz_check_value(a, &formfuzz_fields[i], &f.v[i]);
	}
	formfuzz_check(errors == f.errors && errors == n, "error count");
}

/* Money and local times parsed from s must print back the same way. */
static void
formfuzz_check_fmt(struct arena *a, const char *s)
{
	struct tm	tm;
	time_t		t;
	int64_t		paise, utc;
	char		back[32];

	if (fmt_parse_money(s, &paise) == 0) {
		formfuzz_check(paise >= 0 && paise <= FMT_MAX_PAISE, "money range");
		formfuzz_check(fmt_parse_money(fmt_rupees_input(a, paise),
		    &utc) == 0 && utc == paise, "money round trip");
		formfuzz_check(fmt_money(a, paise) != NULL, "fmt_money");
	}
	if (fmt_parse_local(s, &utc) == 0) {
		t = (time_t)utc;
		localtime_r(&t, &tm);
		strftime(back, sizeof(back), "%Y-%m-%dT%H:%M", &tm);
		formfuzz_check(strcmp(back, s) == 0, "local time round trip");
		formfuzz_check(fmt_time(a, utc) != NULL, "fmt_time");
	}
}

/* What is shown back is valid UTF-8 without controls, and good text is kept. */
static void
formfuzz_check_displayable(struct arena *a, const char *s)
{
	const char	*out = form_displayable(a, s);
	const char	*p;

	formfuzz_check(form_utf8_valid(out, strlen(out)), "shown text not UTF-8");
	for (p = out; *p != '\0'; p++)
		formfuzz_check((unsigned char)*p >= 0x20 || *p == '\t' ||
		    *p == '\n' || *p == '\r', "control shown");
	formfuzz_check(strchr(out, 0x7f) == NULL, "DEL shown");
	if (form_utf8_valid(s, strlen(s)) && strpbrk(s, "\x01\x02\x03\x04"
	    "\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15"
	    "\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f") == NULL)
		formfuzz_check(strcmp(out, s) == 0, "good text changed");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_params	 ps;
	const char		*when;
	char			*s;

	if (formfuzz_arena == NULL) {
		formfuzz_arena = arena_new();
		fmt_set_timezone("Asia/Kolkata");
	}
	arena_reset(formfuzz_arena);
	s = arena_strndup(formfuzz_arena, (const char *)data, size);
	formfuzz_check_fmt(formfuzz_arena, s);
	formfuzz_check_displayable(formfuzz_arena, s);
	form_utf8_valid((const char *)data, size);
	if (http_parse_urlencoded(formfuzz_arena, (const char *)data, size,
	    &ps) != 0)
		return 0;
	formfuzz_check_form(formfuzz_arena, &ps);
	if ((when = http_param_get(&ps, "when")) != NULL)
		formfuzz_check_fmt(formfuzz_arena, when);
	return 0;
}
