/* export.h: the super admin's CSV exports: what each holds, its columns, and its rows over a range of days. */
#ifndef HS_EXPORT_H
#define HS_EXPORT_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct export_row;

enum export_kind {
	EXPORT_USERS,
	EXPORT_BOOKINGS,
	EXPORT_PAYMENTS,
	EXPORT_REVIEWS,
	EXPORT_AUDIT,
	EXPORT__MAX
};

/* How a column's values are to be written; each may be NULL (empty). */
enum export_type {
	EXPORT_INT,	/* an integer: an id, a rating */
	EXPORT_TEXT,	/* text, possibly someone's own words */
	EXPORT_PAISE,	/* an amount in paise, shown in rupees */
	EXPORT_TIME,	/* UTC seconds, shown in the local zone */
	EXPORT_YES_NO,	/* 0 or 1 */
	EXPORT_TYPE__MAX
};

struct export_column {
	const char		*header;
	enum export_type	 type;
};

struct export_info {
	const char			*name;		/* "bookings": URL, file, audit */
	const char			*label;		/* "Bookings" */
	const char			*summary;	/* what the file holds */
	const struct export_column	*columns;
	size_t				 ncolumns;
};

extern const struct export_info	export_infos[EXPORT__MAX];

int		 export_parse(const char *name);
int		 export_rows(struct db *, enum export_kind, int64_t from,
		    int64_t to, int (*)(void *, const struct export_row *),
		    void *);
int		 export_null(const struct export_row *, size_t column);
int64_t		 export_int(const struct export_row *, size_t column);
const char	*export_text(const struct export_row *, size_t column);

#endif
