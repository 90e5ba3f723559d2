/* ops-signatures.c: the signature vault: every record with both checks computed as it is shown, filtered, and its CSV for auditors. */
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "csv.h"
#include "db.h"
#include "fmt.h"
#include "log.h"
#include "ops-area.h"
#include "signature.h"
#include "vault.h"
#include "web.h"

#define PAGE_MAX	100000
#define RANGE_DAYS_MAX	366	/* a leap year, both ends included */
#define EXPORT_BUFFER	16384	/* what csv.c fills before each write */

enum filter_field { FILTER_STATUS, FILTER_FROM, FILTER_TO, FILTER_RATING,
    FILTER_PAGE, FILTER__MAX };

static const struct form_field filter_fields[FILTER__MAX] = {
	[FILTER_STATUS] = { "status", "Status", FORM_TEXT, 0, 0, 20 },
	[FILTER_FROM] = { "from", "From", FORM_TEXT, 0, 0, 10 },
	[FILTER_TO] = { "to", "To", FORM_TEXT, 0, 0, 10 },
	[FILTER_RATING] = { "rating", "Rating", FORM_INT, 0, 1, 5 },
	[FILTER_PAGE] = { "page", "Page", FORM_INT, 0, 1, PAGE_MAX },
};

/* The filters a link to another page or to the CSV keeps. */
static const enum filter_field kept[] = {
	FILTER_STATUS, FILTER_FROM, FILTER_TO, FILTER_RATING,
};

/* Short words for the status filter and the list's status column. */
static const char *const status_words[SIG__MAX] = {
	[SIG_REQUESTED] = "Requested",
	[SIG_SIGNED] = "Signed",
	[SIG_REJECTED] = "Rejected",
	[SIG_EXPIRED] = "Expired",
};

/* How each day should look, after what was given. */
static const char *const day_hints[FILTER__MAX] = {
	[FILTER_FROM] = "give the first day as YYYY-MM-DD, such as 2026-05-01, "
	    "or leave it empty.",
	[FILTER_TO] = "give the last day as YYYY-MM-DD, such as 2026-05-31, or "
	    "leave it empty.",
};

/* "" is any (-1), a status's name its index; anything else an error. */
static void
status_read(struct form *f, struct vault_filter *vf)
{
	const char	*v = f->v[FILTER_STATUS].text;
	int		 i;

	vf->status = -1;
	for (i = 0; v[0] != '\0' && i < SIG__MAX; i++)
		if (strcmp(v, signature_status_name((enum signature_status)i))
		    == 0)
			vf->status = i;
	if (v[0] != '\0' && vf->status < 0)
		form_error(f, FILTER_STATUS, "Choose a status from the list.");
}

/*
 * One optional day, India's, as [*start, *end) in UTC seconds: 1 when
 * given and valid; 0 when empty or not a day (with its error, quoting
 * what was given: the field is shown empty, as a date input must be).
 */
static int
day_read(struct form *f, enum filter_field i, int64_t *start, int64_t *end)
{
	const char	*v = f->v[i].text;

	if (f->v[i].error == NULL && v[0] == '\0')
		return 0;
	if (f->v[i].error == NULL && fmt_parse_day(v, start, end) == 0)
		return 1;
	if (f->v[i].error == NULL)
		form_error(f, i, arena_printf(f->arena, "“%s” is not a day: %s",
		    v, day_hints[i]));
	return 0;
}

/*
 * The days, both optional and both included, as [from, to) over India's
 * days: the last day must not come before the first, and together they
 * span at most RANGE_DAYS_MAX days.
 */
static void
days_read(struct form *f, struct vault_filter *vf)
{
	int64_t	start, end;
	int	from, to;

	vf->from = INT64_MIN;
	vf->to = INT64_MAX;
	if ((from = day_read(f, FILTER_FROM, &start, &end)))
		vf->from = start;
	if ((to = day_read(f, FILTER_TO, &start, &end)))
		vf->to = end;
	if (!from || !to)
		return;
	if (vf->to <= vf->from)
		form_error(f, FILTER_TO, "The last day comes before the first: "
		    "choose a last day on or after it.");
	else if (vf->to - vf->from > (int64_t)RANGE_DAYS_MAX * 86400)
		form_error(f, FILTER_TO, "Choose at most a year: 366 days, "
		    "both ends included.");
}

/*
 * The query's filters into *vf and *page; returns the number of
 * errors, each on its field (for a 422).
 */
static int
filters_read(struct web *w, struct form *f, struct vault_filter *vf,
    int64_t *page)
{
	form_init(f, w->arena, filter_fields, FILTER__MAX);
	form_read(f, &w->req.query);
	status_read(f, vf);
	days_read(f, vf);
	vf->rating = f->v[FILTER_RATING].error == NULL ?
	    f->v[FILTER_RATING].num : 0;
	*page = f->v[FILTER_PAGE].num > 0 ? f->v[FILTER_PAGE].num : 1;
	return f->errors;
}

/* The filters given, as a query string: "status=signed&rating=4", or "". */
static const char *
filters_query(struct web *w, const struct form *f)
{
	const char	*q = "", *v;
	size_t		 i;

	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		if ((v = f->v[kept[i]].text)[0] != '\0')
			q = arena_printf(w->arena, "%s%s%s=%s", q,
			    q[0] != '\0' ? "&" : "", filter_fields[kept[i]].name,
			    http_urlencode(w->arena, v));
	return q;
}

/* A path with the filters given, and more parameters (or ""). */
static const char *
filtered_url(struct web *w, const char *path, const struct form *f,
    const char *more)
{
	const char	*q = filters_query(w, f);

	if (q[0] == '\0' && more[0] == '\0')
		return path;
	return arena_printf(w->arena, "%s?%s%s%s", path, q,
	    q[0] != '\0' && more[0] != '\0' ? "&" : "", more);
}

/* --- the page ------------------------------------------------------------ */

static void
filter_options(struct tmpl_dict *d, const struct vault_filter *vf)
{
	struct tmpl_dict	*opt;
	int			 i;

	for (i = 0; i < SIG__MAX; i++) {
		opt = tmpl_section(d, "status_option");
		tmpl_set(opt, "value", signature_status_name(
		    (enum signature_status)i));
		tmpl_set(opt, "label", status_words[i]);
		if (i == vf->status)
			tmpl_show(opt, "selected");
	}
	for (i = 1; i <= 5; i++) {
		opt = tmpl_section(d, "rating_option");
		tmpl_set_int(opt, "value", i);
		if (i == vf->rating)
			tmpl_show(opt, "selected");
	}
}

/* One check's cell: passes, fails, or nothing to check (not signed). */
static void
check_fill(struct tmpl_dict *row, const char *name, int checked, int ok)
{
	struct tmpl_dict	*cell = tmpl_section(row, name);

	if (!checked)
		tmpl_show(cell, "none");
	else
		tmpl_show(cell, ok ? "ok" : "failed");
}

static void
record_row(struct web *w, struct tmpl_dict *d, const struct vault_record *r)
{
	const struct signature	*s = &r->s;
	struct tmpl_dict	*row = tmpl_section(d, "record");
	struct tmpl_dict	*sd;

	tmpl_set_int(row, "id", s->id);
	tmpl_set_int(row, "booking_id", s->booking_id);
	tmpl_set(row, "customer", r->customer_name);
	tmpl_set(row, "vendor", r->vendor_name);
	tmpl_set(row, "status", signature_status_name(s->status));
	tmpl_set(row, "status_label", status_words[s->status]);
	tmpl_set(row, "requested", fmt_time(w->arena, s->requested_at));
	tmpl_set(row, "requested_iso", fmt_time_iso(w->arena, s->requested_at));
	if (s->status == SIG_SIGNED) {
		sd = tmpl_section(row, "signed");
		tmpl_set(sd, "when", fmt_time(w->arena, s->signed_at));
		tmpl_set(sd, "when_iso", fmt_time_iso(w->arena, s->signed_at));
		tmpl_set_int(sd, "rating", s->rating);
	} else
		tmpl_show(row, "unsigned");
	check_fill(row, "sha256", r->checked, r->hash_ok);
	check_fill(row, "ed25519", r->checked, r->sig_ok);
	if (vault_failing(r))
		tmpl_show(row, "failing");
}

/* The count at the top: how many of the signed records shown fail. */
static void
summary_fill(struct tmpl_dict *d, const struct vault_record *list, size_t n)
{
	struct tmpl_dict	*sum;
	int64_t			 checked = 0, failing = 0;
	size_t			 i;

	for (i = 0; i < n; i++) {
		checked += list[i].checked;
		failing += vault_failing(&list[i]);
	}
	if (checked == 0)
		return;
	sum = tmpl_section(d, failing > 0 ? "some_fail" : "all_pass");
	tmpl_set_int(sum, "count", failing);
	tmpl_set_int(sum, "checked", checked);
}

/* A pager link (previous, next, back to the first) with the filters. */
static void
page_link(struct web *w, struct tmpl_dict *d, const char *section,
    const struct form *f, int64_t page)
{
	tmpl_set(tmpl_section(d, section), "href", filtered_url(w,
	    "/ops/signatures", f, arena_printf(w->arena, "page=%lld",
	    (long long)page)));
}

static void
list_fill(struct web *w, struct tmpl_dict *d, const struct form *f,
    const struct vault_filter *vf, int64_t page)
{
	struct vault_record	*list;
	size_t			 n, i;

	/* One extra record says whether a next page exists. */
	n = vault_list(w->db, w->arena, vf, (page - 1) * VAULT_PAGE,
	    VAULT_PAGE + 1, &list);
	for (i = 0; i < n && i < VAULT_PAGE; i++)
		record_row(w, d, &list[i]);
	summary_fill(d, list, n < VAULT_PAGE ? n : VAULT_PAGE);
	if (n > 0)
		tmpl_show(d, "table");
	tmpl_set_int(d, "page", page);
	tmpl_set(tmpl_section(d, "export"), "href", filtered_url(w,
	    "/ops/signatures/export", f, ""));
	if (n == 0 && page > 1)
		page_link(w, d, "past_end", f, 1);
	else if (n == 0)
		tmpl_show(d, "no_records");
	if (page > 1 && n > 0)
		page_link(w, d, "previous", f, page - 1);
	if (n > VAULT_PAGE)
		page_link(w, d, "next", f, page + 1);
}

/*
 * GET /ops/signatures?status=&from=&to=&rating=&page=: 50 records a
 * page, newest first, each signed one checked now; 422 with the form
 * and a message on each field that is not valid.
 */
void
page_ops_signatures(struct web *w)
{
	struct form		 f;
	struct vault_filter	 vf;
	struct tmpl_dict	*d;
	int64_t			 page;
	int			 errors;

	errors = filters_read(w, &f, &vf, &page);
	d = web_page(w, "Signatures", "ops_signatures.tpl");
	form_fill(&f, d);
	filter_options(d, &vf);
	/* A date input may only hold a date: what was wrong is in the message. */
	if (f.v[FILTER_FROM].error != NULL && vf.from == INT64_MIN)
		tmpl_set(d, "from", "");
	if (f.v[FILTER_TO].error != NULL && vf.to == INT64_MAX)
		tmpl_set(d, "to", "");
	if (errors > 0) {
		web_render(w, 422);
		return;
	}
	list_fill(w, d, &f, &vf, page);
	web_render(w, 200);
}

/* --- the CSV ------------------------------------------------------------- */

/* One export in flight: its filter, its writer and the writer's buffer. */
struct vault_export {
	struct vault_filter	 filter;
	struct arena		*scratch;	/* one record at a time */
	struct csv		 csv;
	char			 buf[EXPORT_BUFFER];
};

static void
cell_id(struct vault_export *x, const struct vault_record *r)
{
	csv_int(&x->csv, r->s.id);
}

static void
cell_booking(struct vault_export *x, const struct vault_record *r)
{
	csv_int(&x->csv, r->s.booking_id);
}

static void
cell_status(struct vault_export *x, const struct vault_record *r)
{
	csv_text(&x->csv, signature_status_name(r->s.status));
}

static void
cell_customer(struct vault_export *x, const struct vault_record *r)
{
	csv_text(&x->csv, r->customer_name);
}

static void
cell_vendor(struct vault_export *x, const struct vault_record *r)
{
	csv_text(&x->csv, r->vendor_name);
}

static void
cell_requested(struct vault_export *x, const struct vault_record *r)
{
	char	out[FMT_ISO_MAX];

	csv_number(&x->csv, fmt_time_iso_local(out, r->s.requested_at));
}

/* The cells only a signed record has: empty for the others. */
static void
cell_rating(struct vault_export *x, const struct vault_record *r)
{
	csv_int(&x->csv, r->s.rating);
}

static void
cell_signed(struct vault_export *x, const struct vault_record *r)
{
	char	out[FMT_ISO_MAX];

	csv_number(&x->csv, fmt_time_iso_local(out, r->s.signed_at));
}

static void
cell_comments(struct vault_export *x, const struct vault_record *r)
{
	csv_text(&x->csv, r->s.comments);
}

static void
cell_hash_input(struct vault_export *x, const struct vault_record *r)
{
	csv_text(&x->csv, signature_hash_input(x->scratch, &r->s));
}

static void
cell_sha256(struct vault_export *x, const struct vault_record *r)
{
	csv_text(&x->csv, r->s.sha256);
}

static void
cell_record(struct vault_export *x, const struct vault_record *r)
{
	csv_text(&x->csv, signature_record(x->scratch, &r->s));
}

static void
cell_ed25519(struct vault_export *x, const struct vault_record *r)
{
	csv_text(&x->csv, r->s.ed25519);
}

static void
cell_hash_check(struct vault_export *x, const struct vault_record *r)
{
	csv_text(&x->csv, r->hash_ok ? "pass" : "fail");
}

static void
cell_sig_check(struct vault_export *x, const struct vault_record *r)
{
	csv_text(&x->csv, r->sig_ok ? "pass" : "fail");
}

/*
 * The file's columns, in order.  Times carry their offset; the hash
 * input and the signed record are rebuilt from the stored fields,
 * exactly the bytes hashed and signed while the record is intact (both
 * are ASCII text, the record eleven lines each ending in LF); the
 * checks are computed as the file is written.
 */
static const struct {
	const char	*header;
	int		 signed_only;
	void		(*write)(struct vault_export *,
			    const struct vault_record *);
} columns[] = {
	{ "Signature ID", 0, cell_id },
	{ "Booking ID", 0, cell_booking },
	{ "Status", 0, cell_status },
	{ "Customer", 0, cell_customer },
	{ "Vendor", 0, cell_vendor },
	{ "Rating", 1, cell_rating },
	{ "Requested", 0, cell_requested },
	{ "Signed", 1, cell_signed },
	{ "Comments", 1, cell_comments },
	{ "Hash input", 1, cell_hash_input },
	{ "SHA-256", 1, cell_sha256 },
	{ "Signed record", 1, cell_record },
	{ "Ed25519 (base64)", 1, cell_ed25519 },
	{ "SHA-256 check", 1, cell_hash_check },
	{ "Ed25519 check", 1, cell_sig_check },
};

#define NCOLUMNS	(sizeof(columns) / sizeof(columns[0]))

/* vault_each's callback: one record; non-zero stops (the client left). */
static int
record_write(void *ctx, const struct vault_record *r)
{
	struct vault_export	*x = ctx;
	size_t			 i;

	for (i = 0; i < NCOLUMNS; i++) {
		if (columns[i].signed_only && !r->checked)
			csv_null(&x->csv);
		else
			columns[i].write(x, r);
	}
	csv_end_row(&x->csv);
	return csv_failed(&x->csv);
}

static int
csv_to_client(void *ctx, const char *data, size_t n)
{
	return web_write(ctx, data, n);
}

/*
 * web_stream's callback, after the headers: the BOM, the header row,
 * every record.  A database error here is fatal and the client gets a
 * truncated file (see web_stream).
 */
static int
export_write(struct web *w, void *ctx)
{
	struct vault_export	*x = ctx;
	size_t			 i;
	int			 rc;

	csv_init(&x->csv, x->buf, sizeof(x->buf), csv_to_client, w);
	csv_begin(&x->csv);
	for (i = 0; i < NCOLUMNS; i++)
		csv_text(&x->csv, columns[i].header);
	csv_end_row(&x->csv);
	x->scratch = arena_new();
	rc = vault_each(w->db, x->scratch, &x->filter, record_write, x);
	arena_free(x->scratch);
	return rc != 0 ? -1 : csv_finish(&x->csv);
}

/* The export's audit row, with its filters, committed before any byte. */
static void
export_audit(struct web *w, const struct form *f)
{
	json_t	*filters = json_object();
	size_t	 i;

	if (filters == NULL)
		log_fatal("vault: cannot encode the filters");
	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		if (f->v[kept[i]].text[0] != '\0' && json_object_set_new(
		    filters, filter_fields[kept[i]].name,
		    json_string(f->v[kept[i]].text)) != 0)
			log_fatal("vault: cannot encode the filters");
	db_begin(w->db);
	audit_write(w->db, &w->actor, "export.signatures", "export", 0, NULL,
	    filters);
	db_commit(w->db);
}

/* The first field's message, for the error page. */
static const char *
first_error(const struct form *f)
{
	size_t	i;

	for (i = 0; i < f->n; i++)
		if (f->v[i].error != NULL)
			return f->v[i].error;
	return "Those filters are not valid.";
}

/*
 * GET /ops/signatures/export?status=&from=&to=&rating=: every matching
 * record (all pages) as CSV, streamed, after its audit row; 422 with the
 * first problem when a filter is not valid.  A HEAD writes no audit row:
 * nothing leaves.
 */
void
page_ops_signatures_export(struct web *w)
{
	struct form		 f;
	struct vault_export	*x = arena_zalloc(w->arena, sizeof(*x));
	int64_t			 page;

	if (filters_read(w, &f, &x->filter, &page) > 0) {
		web_error(w, 422, first_error(&f));
		return;
	}
	if (w->req.method != HTTP_HEAD)
		export_audit(w, &f);
	web_stream(w, "text/csv; charset=utf-8", "signatures.csv",
	    export_write, x);
}
