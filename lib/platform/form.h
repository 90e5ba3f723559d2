/* form.h: forms declared as tables of fields; input is validated once into typed values. */
#ifndef HS_FORM_H
#define HS_FORM_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct http_params;
struct tmpl_dict;

enum form_type {
	FORM_TEXT,	/* one line, trimmed; min/max in characters */
	FORM_MULTILINE,	/* like TEXT but keeps line breaks */
	FORM_USERNAME,	/* 3-30 of A-Z a-z 0-9 . _ - */
	FORM_EMAIL,
	FORM_PHONE,	/* Indian mobile, stored as +91XXXXXXXXXX */
	FORM_PINCODE,	/* six digits, not starting with 0 */
	FORM_PASSWORD,	/* kept exactly as typed; min/max in bytes */
	FORM_NEW_PASSWORD, /* a password being chosen: as FORM_PASSWORD, and
			    pwpolicy_check (not common, not the username or
			    email of a FORM_USERNAME or FORM_EMAIL field
			    declared before it) */
	FORM_INT,	/* decimal integer within min..max */
	FORM_MONEY,	/* rupees with up to 2 decimals; num is paise */
	FORM_CHECKBOX,	/* num is 1 when present */
	FORM_SLUG,	/* a-z 0-9 - up to max characters */
	FORM_SLUG_LIST,	/* every value sent under the name, each a slug */
	FORM_PINCODE_LIST, /* pincodes separated by commas or spaces */
	FORM_LOCAL_TIME, /* "YYYY-MM-DDTHH:MM[:SS]" in the display zone;
			    num is the UTC second */
	FORM_TYPE__MAX
};

#define FORM_REQUIRED	0x01

struct form_field {
	const char	*name;
	const char	*label;
	enum form_type	 type;
	unsigned	 flags;
	int64_t		 min;
	int64_t		 max;
};

struct form_value {
	const char	*raw;	/* as submitted, "" when absent: shown back */
	const char	*text;	/* normalised text */
	int64_t		 num;	/* integers, paise, checkbox */
	const char	*error;	/* NULL when valid */
	const char	**list;	/* the list types: distinct values, in order */
	size_t		 nlist;	/* at most max */
};

struct form {
	const struct form_field	*fields;
	size_t			 n;
	struct form_value	*v;
	int			 errors;
	struct arena		*arena;
};

void	form_init(struct form *, struct arena *, const struct form_field *,
	    size_t);
int	form_read(struct form *, const struct http_params *);
void	form_set(struct form *, size_t, const char *);
void	form_error(struct form *, size_t, const char *);
void	form_fill(const struct form *, struct tmpl_dict *);
void	form_summary(const struct form *, struct tmpl_dict *,
	    const char *id_suffix);

int	form_utf8_valid(const char *, size_t);
char	*form_displayable(struct arena *, const char *);
size_t	form_utf8_len(const char *);

#endif
