/* ops-bookings.c: the operations bookings monitor: every booking by status, days, pincode, service, vendor, customer or number, counted per status, a page at a time or streamed as CSV. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "arena.h"
#include "booking.h"
#include "catalog.h"
#include "csv.h"
#include "db.h"
#include "fmt.h"
#include "log.h"
#include "ops-area.h"
#include "web.h"

#define MONITOR_PAGE	50
#define PAGE_MAX	100000
#define RANGE_DAYS	366	/* the widest range of days, both included */
#define DAY		86400
#define CSV_BUFFER	16384	/* what csv.c fills before each write */

enum filter_field {
	FILTER_STATUS,
	FILTER_FROM,
	FILTER_TO,
	FILTER_PINCODE,
	FILTER_SERVICE,
	FILTER_VENDOR,
	FILTER_CUSTOMER,
	FILTER_Q,
	FILTER_ORDER,
	FILTER_PAGE,
	FILTER__MAX
};

static const struct form_field filter_fields[FILTER__MAX] = {
	[FILTER_STATUS] = { "status", "Status", FORM_TEXT, 0, 0, 40 },
	[FILTER_FROM] = { "from", "From", FORM_TEXT, 0, 0, 10 },
	[FILTER_TO] = { "to", "To", FORM_TEXT, 0, 0, 10 },
	[FILTER_PINCODE] = { "pincode", "Pincode", FORM_PINCODE, 0, 6, 6 },
	[FILTER_SERVICE] = { "service_id", "Service", FORM_INT, 0, 1,
	    INT64_MAX / 2 },
	[FILTER_VENDOR] = { "vendor", "Vendor", FORM_TEXT, 0, 0, 30 },
	[FILTER_CUSTOMER] = { "customer", "Customer", FORM_TEXT, 0, 0, 30 },
	[FILTER_Q] = { "q", "Booking number", FORM_TEXT, 0, 0, 20 },
	[FILTER_ORDER] = { "order", "Order", FORM_TEXT, 0, 0, 4 },
	[FILTER_PAGE] = { "page", "Page", FORM_INT, 0, 1, PAGE_MAX },
};

/*
 * Fields people type: a mistake there shows the form again with its
 * message (422).  The others come from a select or a link, so anything
 * wrong in them was made by hand: 400.
 */
static const int filter_typed[FILTER__MAX] = {
	[FILTER_FROM] = 1, [FILTER_TO] = 1, [FILTER_PINCODE] = 1,
	[FILTER_VENDOR] = 1, [FILTER_CUSTOMER] = 1, [FILTER_Q] = 1,
};

/* The orders the list offers; the first is the default. */
static const struct {
	const char	*value;
	const char	*label;
	int		 oldest_first;
} orders[] = {
	{ "desc", "Newest first", 0 },
	{ "asc", "Oldest first", 1 },
};

#define NORDERS	(sizeof(orders) / sizeof(orders[0]))

/* The filters as read: the form (shown back) and what they select. */
struct monitor {
	struct form		 f;
	struct booking_filter	 bf;
	int64_t			 page;
	const char		*clamped;	/* the range was cut: why */
};

/* One CSV in flight: its filters and its writer's fixed buffer. */
struct monitor_csv {
	const struct booking_filter	*bf;
	struct csv			 csv;
	char				 buf[CSV_BUFFER];
};

static const char *const csv_headers[] = {
	"Booking ID", "Created", "Scheduled", "Status", "Customer", "Vendor",
	"Service", "Category", "Pincode", "Price (₹)",
};

/* --- reading the filters ------------------------------------------------- */

/* The local day t falls in, as YYYY-MM-DD. */
static const char *
day_of(struct web *w, int64_t t)
{
	char	iso[FMT_ISO_MAX];

	return arena_strndup(w->arena, fmt_time_iso_local(iso, t), 10);
}

/*
 * A range wider than RANGE_DAYS, or open at one end, becomes RANGE_DAYS
 * from the end that was given (from when both were): its days are set
 * in the form, so the page and its links show what was read.  Half a
 * day's slack finds the right day across a change of summer time.
 */
static void
range_clamp(struct web *w, struct monitor *m, int have_from, int have_to)
{
	struct form	*f = &m->f;
	int64_t		 start, end;
	const char	*day;

	if (have_from) {
		day = day_of(w, m->bf.from + RANGE_DAYS * DAY - DAY / 2);
		fmt_parse_day(day, &start, &end);
		m->bf.to = end;
		form_set(f, FILTER_TO, day);
	} else {
		day = day_of(w, m->bf.to - RANGE_DAYS * DAY + DAY / 2);
		fmt_parse_day(day, &start, &end);
		m->bf.from = start;
		form_set(f, FILTER_FROM, day);
	}
	m->clamped = arena_printf(w->arena, "A range is at most %d days, both "
	    "included: these are the bookings from %s to %s.", RANGE_DAYS,
	    f->v[FILTER_FROM].text, f->v[FILTER_TO].text);
}

/*
 * from and to, local days both included, into [bf.from, bf.to); the
 * field's message when one is not a day or to comes before from.  No
 * day at all is every booking; one day, or a range too wide, is cut to
 * RANGE_DAYS (range_clamp).
 */
static void
range_read(struct web *w, struct monitor *m)
{
	struct form	*f = &m->f;
	int64_t		 start[2], end[2];
	int		 have[2] = { 0, 0 }, i;

	for (i = 0; i < 2; i++) {
		const struct form_value	*v = &f->v[FILTER_FROM + i];

		if (v->error != NULL || v->text[0] == '\0')
			continue;
		if (fmt_parse_day(v->text, &start[i], &end[i]) != 0)
			form_error(f, (size_t)(FILTER_FROM + i), "Enter a day "
			    "as YYYY-MM-DD, such as 2026-05-01.");
		else
			have[i] = 1;
	}
	m->bf.from = have[0] ? start[0] : INT64_MIN;
	m->bf.to = have[1] ? end[1] : INT64_MAX;
	if (f->v[FILTER_FROM].error != NULL || f->v[FILTER_TO].error != NULL)
		return;
	if (have[0] && have[1] && end[1] <= start[0])
		form_error(f, FILTER_TO, "The to day comes before the from day: "
		    "no day lies between them.");
	else if (have[0] != have[1] ||
	    (have[0] && m->bf.to - m->bf.from > RANGE_DAYS * DAY))
		range_clamp(w, m, have[0], have[1]);
}

/* q: a booking number, "123" or "#123". */
static void
number_read(struct monitor *m)
{
	const char	*q = m->f.v[FILTER_Q].text;
	size_t		 len;

	if (m->f.v[FILTER_Q].error != NULL || q[0] == '\0')
		return;
	if (q[0] == '#')
		q++;
	len = strlen(q);
	if (len == 0 || len > 15 || strspn(q, "0123456789") != len ||
	    q[0] == '0') {
		form_error(&m->f, FILTER_Q, "Enter a booking number, such as "
		    "123 or #123.");
		return;
	}
	m->bf.id = strtoll(q, NULL, 10);
}

/* A username typed for vendor or customer: exact, any case. */
static int64_t
person_read(struct web *w, struct monitor *m, enum filter_field i)
{
	const char	*name = m->f.v[i].text;
	int64_t		 id;

	if (m->f.v[i].error != NULL || name[0] == '\0')
		return 0;
	if ((id = account_id_by_username(w->db, name)) == 0)
		form_error(&m->f, i, arena_printf(w->arena, "No account is "
		    "called “%s”.", form_displayable(w->arena, name)));
	return id;
}

/* status, service_id and order: a choice from the list, or nothing. */
static int
choices_read(struct web *w, struct monitor *m)
{
	const char	*status = m->f.v[FILTER_STATUS].text;
	const char	*order = m->f.v[FILTER_ORDER].text;
	struct service	 s;
	size_t		 i;
	int		 k;

	m->bf.status = -1;
	for (k = 0; status[0] != '\0' && k < BK__MAX; k++)
		if (strcmp(status, booking_status_name(
		    (enum booking_status)k)) == 0)
			m->bf.status = k;
	if (status[0] != '\0' && m->bf.status < 0)
		return -1;
	m->bf.service_id = m->f.v[FILTER_SERVICE].num;
	if (m->bf.service_id > 0 && !catalog_get(w->db, w->arena,
	    m->bf.service_id, &s))
		return -1;
	for (i = 0; order[0] != '\0' && i < NORDERS; i++)
		if (strcmp(order, orders[i].value) == 0)
			break;
	if (i == NORDERS)
		return -1;
	m->bf.oldest_first = order[0] != '\0' && orders[i].oldest_first;
	return 0;
}

/*
 * Every filter from the query into m.  Returns 0 when the list can be
 * shown, 422 when a typed field is wrong (its message is on the form),
 * or 400 for a choice or a page that none of the lists offers.
 */
static int
monitor_read(struct web *w, struct monitor *m)
{
	struct form	*f = &m->f;
	size_t		 i;

	memset(&m->bf, 0, sizeof(m->bf));
	m->clamped = NULL;
	form_init(f, w->arena, filter_fields, FILTER__MAX);
	form_read(f, &w->req.query);
	for (i = 0; i < FILTER__MAX; i++)
		if (f->v[i].error != NULL && !filter_typed[i])
			return 400;
	if (choices_read(w, m) != 0)
		return 400;
	m->page = f->v[FILTER_PAGE].num > 0 ? f->v[FILTER_PAGE].num : 1;
	m->bf.pincode = f->v[FILTER_PINCODE].error == NULL ?
	    f->v[FILTER_PINCODE].text : "";
	m->bf.vendor_id = person_read(w, m, FILTER_VENDOR);
	m->bf.customer_id = person_read(w, m, FILTER_CUSTOMER);
	number_read(m);
	range_read(w, m);
	return f->errors ? 422 : 0;
}

/* The first field's message, for an answer with no form to show it in. */
static const char *
first_error(const struct form *f)
{
	size_t	i;

	for (i = 0; i < f->n; i++)
		if (f->v[i].error != NULL)
			return f->v[i].error;
	return NULL;
}

static const char	bad_choice[] = "Those filters are not valid: choose a "
    "status, a service and an order from the lists, and a page from 1.";

/* --- links --------------------------------------------------------------- */

/*
 * path with the filters as a query: status as given (NULL: the one
 * read), and page when above 1.  Values are URL-encoded here; the
 * template escapes the whole for HTML.
 */
static const char *
monitor_href(struct web *w, const char *path, const struct monitor *m,
    const char *status, int64_t page)
{
	const char	*href = path, *value;
	char		 sep = '?';
	size_t		 i;

	for (i = 0; i < FILTER_PAGE; i++) {
		value = i == FILTER_STATUS && status != NULL ? status :
		    m->f.v[i].text;
		if (value[0] == '\0')
			continue;
		href = arena_printf(w->arena, "%s%c%s=%s", href, sep,
		    filter_fields[i].name, http_urlencode(w->arena, value));
		sep = '&';
	}
	if (page > 1)
		href = arena_printf(w->arena, "%s%cpage=%lld", href, sep,
		    (long long)page);
	return href;
}

/* --- the page ------------------------------------------------------------ */

static void
options_fill(struct web *w, struct tmpl_dict *d, const struct monitor *m)
{
	struct tmpl_dict	*opt;
	struct service		*svc;
	size_t			 i, n;

	for (i = 0; i < BK__MAX; i++) {
		opt = tmpl_section(d, "status_option");
		tmpl_set(opt, "value", booking_status_name((enum booking_status)i));
		tmpl_set(opt, "label", booking_status_label((enum booking_status)i));
		if ((int)i == m->bf.status)
			tmpl_show(opt, "selected");
	}
	/* Every service, offered or not: bookings keep theirs. */
	n = catalog_search(w->db, w->arena, NULL, NULL, 1, &svc);
	for (i = 0; i < n; i++) {
		opt = tmpl_section(d, "service_option");
		tmpl_set_int(opt, "value", svc[i].id);
		tmpl_set(opt, "label", svc[i].active && svc[i].category_active ?
		    svc[i].name : arena_printf(w->arena, "%s (not offered)",
		    svc[i].name));
		if (svc[i].id == m->bf.service_id)
			tmpl_show(opt, "selected");
	}
	for (i = 0; i < NORDERS; i++) {
		opt = tmpl_section(d, "order_option");
		tmpl_set(opt, "value", orders[i].value);
		tmpl_set(opt, "label", orders[i].label);
		if (orders[i].oldest_first == m->bf.oldest_first)
			tmpl_show(opt, "selected");
	}
}

/*
 * The counts per status under the other filters, as links that keep
 * them; the one chosen is marked.  Returns how many the list holds.
 */
static int64_t
counts_fill(struct web *w, struct tmpl_dict *d, const struct monitor *m)
{
	int64_t			 counts[BK__MAX], all = 0;
	struct tmpl_dict	*row;
	int			 i;

	d = tmpl_section(d, "counts");
	booking_search_counts(w->db, &m->bf, counts);
	for (i = 0; i < BK__MAX; i++)
		all += counts[i];
	row = tmpl_section(d, "count");
	tmpl_set(row, "label", "All");
	tmpl_set_int(row, "n", all);
	tmpl_set(row, "href", monitor_href(w, "/ops/bookings", m, "", 0));
	if (m->bf.status < 0)
		tmpl_show(row, "current");
	for (i = 0; i < BK__MAX; i++) {
		row = tmpl_section(d, "count");
		tmpl_set(row, "label", booking_status_label((enum booking_status)i));
		tmpl_set_int(row, "n", counts[i]);
		tmpl_set(row, "href", monitor_href(w, "/ops/bookings", m,
		    booking_status_name((enum booking_status)i), 0));
		if (i == m->bf.status)
			tmpl_show(row, "current");
	}
	return m->bf.status >= 0 ? counts[m->bf.status] : all;
}

static void
row_fill(struct web *w, struct tmpl_dict *d, const struct booking_found *r)
{
	struct tmpl_dict	*row = tmpl_section(d, "booking");

	tmpl_set_int(row, "id", r->id);
	tmpl_set(row, "service", r->service_name);
	tmpl_set(row, "customer", r->customer_name);
	tmpl_set(row, "vendor", r->vendor_name != NULL ? r->vendor_name : "—");
	tmpl_set(row, "when", fmt_time(w->arena, r->scheduled_at));
	tmpl_set(row, "when_iso", fmt_time_iso(w->arena, r->scheduled_at));
	tmpl_set(row, "pincode", r->pincode);
	tmpl_set(row, "status", booking_status_name(r->status));
	tmpl_set(row, "status_label", booking_status_label(r->status));
	tmpl_set(row, "price", fmt_money(w->arena, r->price_paise));
}

/* This page of the list, and the links to the pages either side. */
static void
rows_fill(struct web *w, struct tmpl_dict *d, const struct monitor *m,
    int64_t total)
{
	struct booking_found	*list;
	struct tmpl_dict	*pager;
	int64_t			 pages = (total + MONITOR_PAGE - 1) / MONITOR_PAGE;
	size_t			 n = 0, i;

	if (total > (m->page - 1) * MONITOR_PAGE)
		n = booking_search(w->db, w->arena, &m->bf,
		    (m->page - 1) * MONITOR_PAGE, MONITOR_PAGE, &list);
	for (i = 0; i < n; i++)
		row_fill(w, d, &list[i]);
	if (total == 0) {
		tmpl_show(d, "none");
		return;
	}
	tmpl_set(tmpl_section(d, "download"), "href", monitor_href(w,
	    "/ops/bookings.csv", m, NULL, 0));
	if (n == 0) {
		tmpl_set(tmpl_section(d, "past_end"), "href", monitor_href(w,
		    "/ops/bookings", m, NULL, 0));
		return;
	}
	tmpl_show(d, "table");
	pager = tmpl_section(d, "pager");
	tmpl_set_int(pager, "page", m->page);
	tmpl_set_int(pager, "pages", pages);
	tmpl_set_int(pager, "total", total);
	if (m->page > 1)
		tmpl_set(tmpl_section(pager, "previous"), "href", monitor_href(w,
		    "/ops/bookings", m, NULL, m->page - 1));
	if (m->page < pages)
		tmpl_set(tmpl_section(pager, "next"), "href", monitor_href(w,
		    "/ops/bookings", m, NULL, m->page + 1));
}

/*
 * GET /ops/bookings?status=&from=&to=&pincode=&service_id=&vendor=
 * &customer=&q=&order=&page=: the bookings under every filter given, by
 * scheduled time (newest first unless order=asc), 50 a page, with the
 * counts per status under the other filters.  422 with the form and
 * its messages for a typed filter that is wrong (a day, to before
 * from, a pincode, a username nobody has, a booking number); 400 for
 * a status, service, order or page none of the lists offers.
 */
void
page_ops_bookings(struct web *w)
{
	struct monitor		 m;
	struct tmpl_dict	*d;
	int			 status = monitor_read(w, &m);

	if (status == 400) {
		web_error(w, 400, bad_choice);
		return;
	}
	d = web_page(w, "Bookings", "ops_bookings.tpl");
	form_fill(&m.f, d);
	/* A date input's value must be a date: what was typed wrong shows as text. */
	tmpl_set(d, "from_type", m.f.v[FILTER_FROM].error ? "text" : "date");
	tmpl_set(d, "to_type", m.f.v[FILTER_TO].error ? "text" : "date");
	options_fill(w, d, &m);
	if (m.clamped != NULL)
		tmpl_set(tmpl_section(d, "clamped"), "message", m.clamped);
	if (status == 0)
		rows_fill(w, d, &m, counts_fill(w, d, &m));
	web_render(w, status == 0 ? 200 : status);
}

/* --- the CSV ------------------------------------------------------------- */

static int
csv_to_client(void *ctx, const char *data, size_t n)
{
	return web_write(ctx, data, n);
}

/* booking_search_each's callback: one row; non-zero stops (the client left). */
static int
csv_row(void *ctx, const struct booking_found *r)
{
	struct monitor_csv	*run = ctx;
	struct csv		*c = &run->csv;
	char			 t[FMT_ISO_MAX], money[FMT_DECIMAL_MAX];

	csv_int(c, r->id);
	csv_number(c, fmt_time_iso_local(t, r->created_at));
	csv_number(c, fmt_time_iso_local(t, r->scheduled_at));
	csv_text(c, booking_status_name(r->status));
	csv_text(c, r->customer_name);
	if (r->vendor_name != NULL)
		csv_text(c, r->vendor_name);
	else
		csv_null(c);
	csv_text(c, r->service_name);
	csv_text(c, r->category);
	csv_text(c, r->pincode);
	csv_number(c, fmt_rupees_decimal(money, r->price_paise));
	csv_end_row(c);
	return csv_failed(c);
}

/*
 * web_stream's callback, after the headers: the BOM, the header row,
 * then every booking.  A database error here is fatal and the client
 * gets a truncated file (see web_stream).
 */
static int
csv_write(struct web *w, void *ctx)
{
	struct monitor_csv	*run = ctx;
	size_t			 i;

	csv_init(&run->csv, run->buf, sizeof(run->buf), csv_to_client, w);
	csv_begin(&run->csv);
	for (i = 0; i < sizeof(csv_headers) / sizeof(csv_headers[0]); i++)
		csv_text(&run->csv, csv_headers[i]);
	csv_end_row(&run->csv);
	if (booking_search_each(w->db, run->bf, csv_row, run) != 0)
		return -1;
	return csv_finish(&run->csv);
}

/* The export's audit row, with the filters, committed before the first byte. */
static void
csv_audit(struct web *w, const struct monitor *m)
{
	json_t	*filters = json_object();
	size_t	 i;

	if (filters == NULL)
		log_fatal("ops-bookings: cannot encode the filters");
	for (i = 0; i < FILTER_PAGE; i++)
		if (m->f.v[i].text[0] != '\0' && json_object_set_new(filters,
		    filter_fields[i].name, json_string(m->f.v[i].text)) != 0)
			log_fatal("ops-bookings: cannot encode the filters");
	db_begin(w->db);
	audit_write(w->db, &w->actor, "export.ops_bookings", "export", 0, NULL,
	    filters);
	db_commit(w->db);
}

/* bookings.csv, or bookings-2026-01-01-to-2026-12-31.csv. */
static const char *
csv_name(struct web *w, const struct monitor *m)
{
	if (m->f.v[FILTER_FROM].text[0] == '\0')
		return "bookings.csv";
	return arena_printf(w->arena, "bookings-%s-to-%s.csv",
	    m->f.v[FILTER_FROM].text, m->f.v[FILTER_TO].text);
}

/*
 * GET /ops/bookings.csv?(the list's filters): every booking the list
 * would show, in its order, streamed (the columns of the super admin's
 * bookings.csv; a cell a spreadsheet would run as a formula gets a
 * leading '), after its audit row.  400 or 422 as the list.  A HEAD
 * exports nothing and writes no audit row.
 */
void
page_ops_bookings_csv(struct web *w)
{
	struct monitor		*m = arena_zalloc(w->arena, sizeof(*m));
	struct monitor_csv	*run;
	int			 status = monitor_read(w, m);

	if (status != 0) {
		web_error(w, status, status == 422 ? first_error(&m->f) :
		    bad_choice);
		return;
	}
	run = arena_zalloc(w->arena, sizeof(*run));
	run->bf = &m->bf;
	if (w->req.method != HTTP_HEAD)
		csv_audit(w, m);
	web_stream(w, "text/csv; charset=utf-8", csv_name(w, m), csv_write,
	    run);
}
