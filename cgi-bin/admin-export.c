/* admin-export.c: the super admin's CSV exports, streamed a row at a time, and the page that offers them. */
#include <stdint.h>
#include <string.h>

#include "admin-area.h"
#include "arena.h"
#include "csv.h"
#include "db.h"
#include "export.h"
#include "fmt.h"
#include "log.h"
#include "web.h"

#define EXPORT_PATH	"/admin/export/"
#define EXPORT_BUFFER	16384	/* what csv.c fills before each write */

/* One export in flight: what it reads, and its writer's fixed buffer. */
struct export_run {
	enum export_kind kind;
	int64_t		 from, to;	/* UTC seconds, [from, to) */
	struct csv	 csv;
	char		 buf[EXPORT_BUFFER];
};

enum range_field {
	RANGE_FROM,
	RANGE_TO,
	RANGE__MAX
};

/* Both optional local days, YYYY-MM-DD, checked by fmt_parse_day. */
static const struct form_field range_fields[RANGE__MAX] = {
	[RANGE_FROM] = { "from", "From", FORM_TEXT, 0, 0, 10 },
	[RANGE_TO] = { "to", "To", FORM_TEXT, 0, 0, 10 },
};

static void
cell_int(struct csv *c, const struct export_row *r, size_t i)
{
	csv_int(c, export_int(r, i));
}

static void
cell_text(struct csv *c, const struct export_row *r, size_t i)
{
	csv_text(c, export_text(r, i));
}

/* Rupees with two decimals: a number to a spreadsheet, never text. */
static void
cell_paise(struct csv *c, const struct export_row *r, size_t i)
{
	char	out[FMT_DECIMAL_MAX];

	csv_number(c, fmt_rupees_decimal(out, export_int(r, i)));
}

static void
cell_time(struct csv *c, const struct export_row *r, size_t i)
{
	char	out[FMT_ISO_MAX];

	csv_number(c, fmt_time_iso_local(out, export_int(r, i)));
}

static void
cell_yes_no(struct csv *c, const struct export_row *r, size_t i)
{
	csv_text(c, export_int(r, i) ? "yes" : "no");
}

/* How each type of column is written; NULL is always an empty field. */
static void (*const cell_writers[EXPORT_TYPE__MAX])(struct csv *,
    const struct export_row *, size_t) = {
	[EXPORT_INT] = cell_int,
	[EXPORT_TEXT] = cell_text,
	[EXPORT_PAISE] = cell_paise,
	[EXPORT_TIME] = cell_time,
	[EXPORT_YES_NO] = cell_yes_no,
};

/* export_rows' callback: one record; non-zero stops (the client left). */
static int
row_write(void *ctx, const struct export_row *r)
{
	struct export_run		*run = ctx;
	const struct export_info	*info = &export_infos[run->kind];
	size_t				 i;

	for (i = 0; i < info->ncolumns; i++) {
		if (export_null(r, i))
			csv_null(&run->csv);
		else
			cell_writers[info->columns[i].type](&run->csv, r, i);
	}
	csv_end_row(&run->csv);
	return csv_failed(&run->csv);
}

static int
csv_to_client(void *ctx, const char *data, size_t n)
{
	return web_write(ctx, data, n);
}

/*
 * web_stream's callback, after the headers: the BOM, the header row,
 * then every row.  A database error here is fatal and the client gets
 * a truncated file: the 200 is already sent (see web_stream).
 */
static int
export_write(struct web *w, void *ctx)
{
	struct export_run		*run = ctx;
	const struct export_info	*info = &export_infos[run->kind];
	size_t				 i;

	csv_init(&run->csv, run->buf, sizeof(run->buf), csv_to_client, w);
	csv_begin(&run->csv);
	for (i = 0; i < info->ncolumns; i++)
		csv_text(&run->csv, info->columns[i].header);
	csv_end_row(&run->csv);
	if (export_rows(w->db, run->kind, run->from, run->to, row_write,
	    run) != 0)
		return -1;
	return csv_finish(&run->csv);
}

/*
 * from and to from the query into [*from, *to): either may be empty
 * (no bound); both days count.  Returns NULL, or the sentence for the
 * 400.
 */
static const char *
range_read(struct web *w, const char **from_day, const char **to_day,
    int64_t *from, int64_t *to)
{
	static const char *const	 bad[RANGE__MAX] = {
		[RANGE_FROM] = "The from date must be a real day as "
		    "YYYY-MM-DD, such as 2026-01-01, or empty.",
		[RANGE_TO] = "The to date must be a real day as YYYY-MM-DD, "
		    "such as 2026-12-31, or empty.",
	};
	const char			**day[RANGE__MAX] = { from_day, to_day };
	int64_t				 bounds[RANGE__MAX][2] = { { 0 } };
	struct form			 f;
	size_t				 i;

	form_init(&f, w->arena, range_fields, RANGE__MAX);
	form_read(&f, &w->req.query);
	for (i = 0; i < RANGE__MAX; i++) {
		*day[i] = NULL;
		if (f.v[i].error == NULL && f.v[i].text[0] == '\0')
			continue;
		if (f.v[i].error != NULL ||
		    fmt_parse_day(f.v[i].text, &bounds[i][0], &bounds[i][1]))
			return bad[i];
		*day[i] = f.v[i].text;
	}
	/* From the start of the first day to the end of the last. */
	*from = *from_day != NULL ? bounds[RANGE_FROM][0] : INT64_MIN;
	*to = *to_day != NULL ? bounds[RANGE_TO][1] : INT64_MAX;
	if (*from >= *to)
		return "The from date is after the to date: no day lies "
		    "between them.";
	return NULL;
}

/* What the browser saves it as: bookings-2026-01-01-to-2026-12-31.csv. */
static const char *
file_name(struct web *w, const char *name, const char *from_day,
    const char *to_day)
{
	if (from_day != NULL && to_day != NULL)
		return arena_printf(w->arena, "%s-%s-to-%s.csv", name,
		    from_day, to_day);
	if (from_day != NULL)
		return arena_printf(w->arena, "%s-from-%s.csv", name, from_day);
	if (to_day != NULL)
		return arena_printf(w->arena, "%s-to-%s.csv", name, to_day);
	return arena_printf(w->arena, "%s.csv", name);
}

/* The export a route's path names: /admin/export/NAME.csv, or -1. */
static int
export_of_path(struct web *w)
{
	const char	*p = w->req.path;
	size_t		 len;

	if (strncmp(p, EXPORT_PATH, strlen(EXPORT_PATH)) != 0)
		return -1;
	p += strlen(EXPORT_PATH);
	len = strlen(p);
	if (len <= 4 || strcmp(p + len - 4, ".csv") != 0)
		return -1;
	return export_parse(arena_strndup(w->arena, p, len - 4));
}

/* The export's own audit row, committed before the first byte is sent. */
static void
export_audit(struct web *w, const char *name, const char *from_day,
    const char *to_day)
{
	json_t	*range = json_pack("{s:s?, s:s?}", "from", from_day, "to",
		    to_day);

	if (range == NULL)
		log_fatal("export: cannot encode the range");
	db_begin(w->db);
	audit_write(w->db, &w->actor, arena_printf(w->arena, "export.%s",
	    name), "export", 0, NULL, range);
	db_commit(w->db);
}

/*
 * GET /admin/export/{users,bookings,payments,reviews,audit}.csv
 * ?from=&to=: 200 with the CSV, streamed; 400 for a malformed day or
 * from after to.  A HEAD gets the same headers and no row is written
 * to the audit log, since nothing is exported.
 */
void
page_admin_export_csv(struct web *w)
{
	const char		*why, *from_day, *to_day, *name;
	struct export_run	*run;
	int			 kind;

	if ((kind = export_of_path(w)) < 0)
		log_fatal("export: no export at %s", w->req.path);
	run = arena_zalloc(w->arena, sizeof(*run));
	run->kind = (enum export_kind)kind;
	if ((why = range_read(w, &from_day, &to_day, &run->from,
	    &run->to)) != NULL) {
		web_error(w, 400, why);
		return;
	}
	name = export_infos[kind].name;
	if (w->req.method != HTTP_HEAD)
		export_audit(w, name, from_day, to_day);
	web_stream(w, "text/csv; charset=utf-8", file_name(w, name, from_day,
	    to_day), export_write, run);
}

/* GET /admin/export: the dates and a button for each export. */
void
page_admin_export(struct web *w)
{
	struct tmpl_dict	*d, *row;
	size_t			 k;

	d = web_page(w, "Exports", "admin_export.tpl");
	for (k = 0; k < EXPORT__MAX; k++) {
		row = tmpl_section(d, "export");
		tmpl_set(row, "name", export_infos[k].name);
		tmpl_set(row, "label", export_infos[k].label);
		tmpl_set(row, "summary", export_infos[k].summary);
	}
	web_render(w, 200);
}
