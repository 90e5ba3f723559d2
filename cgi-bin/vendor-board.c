/* vendor-board.c: the vendor's job board: filters by pincode, category and day, pages of 20 soonest first, a capped count; no customer's name, address or notes. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "board.h"
#include "booking-view.h"
#include "booking.h"
#include "catalog.h"
#include "clock.h"
#include "db.h"
#include "fmt.h"
#include "http.h"
#include "vendor-area.h"
#include "vendor.h"
#include "web.h"

/* What the query string asked for, and what was wrong with it. */
struct board_query {
	struct board_filter	 f;
	const char		*day;
	int64_t			 page;
	const char		*pincode_error;
	const char		*category_error;
	const char		*day_error;
	const char		*page_error;
};

static const char *
param(struct web *w, const char *name)
{
	const char	*v = web_query(w, name);

	return v != NULL ? v : "";
}

static int
one_of(const char *v, const char **list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(v, list[i]) == 0)
			return 1;
	return 0;
}

/* "1" to "50", else 0. */
static int64_t
page_number(const char *s)
{
	int64_t	n = 0;

	if (strlen(s) > 2 || strspn(s, "0123456789") != strlen(s))
		return 0;
	while (*s != '\0')
		n = n * 10 + (*s++ - '0');
	return n >= 1 && n <= BOARD_MAX_PAGE ? n : 0;
}

/* Reads every filter in one pass; returns how many were wrong. */
static int
board_query_read(struct web *w, const struct vendor_profile *p,
    struct board_query *q)
{
	const char	*pin = param(w, "pincode"), *cat = param(w, "category");
	const char	*page = param(w, "page");
	int		 bad = 0;

	memset(q, 0, sizeof(*q));
	q->day = param(w, "day");
	q->page = 1;
	if (*pin != '\0' && !one_of(pin, p->pincodes, p->npincodes)) {
		q->pincode_error = "Choose one of the pincodes you serve.";
		bad++;
	} else if (*pin != '\0')
		q->f.pincode = pin;
	if (*cat != '\0' && !one_of(cat, p->categories, p->ncategories)) {
		q->category_error = "Choose one of the categories you do.";
		bad++;
	} else if (*cat != '\0')
		q->f.category = cat;
	if (*q->day != '\0' &&
	    fmt_parse_day(q->day, &q->f.from, &q->f.to) != 0) {
		q->day_error = "Give the day as YYYY-MM-DD, like 2026-12-24.";
		bad++;
	}
	if (*page != '\0' && (q->page = page_number(page)) == 0) {
		q->page_error = arena_printf(w->arena, "Pages go from 1 to %d; "
		    "narrow the board with the filters to see later jobs.",
		    BOARD_MAX_PAGE);
		q->page = 1;
		bad++;
	}
	return bad;
}

/* "1,000+" beyond the cap: counting further would read every job. */
const char *
vendor_board_waiting(struct web *w, int64_t count)
{
	if (count > BOARD_COUNT_CAP)
		return "1,000+";
	return arena_printf(w->arena, "%lld", (long long)count);
}

/* The filter form: the vendor's own pincodes and categories only. */
static void
filters_fill(struct web *w, struct tmpl_dict *d,
    const struct vendor_profile *p, const struct board_query *q)
{
	struct tmpl_dict	*o;
	const char		*pin = param(w, "pincode");
	const char		*cat = param(w, "category");
	size_t			 i;

	for (i = 0; i < p->npincodes; i++) {
		o = tmpl_section(d, "pincode_option");
		tmpl_set(o, "value", p->pincodes[i]);
		if (strcmp(pin, p->pincodes[i]) == 0)
			tmpl_show(o, "selected");
	}
	for (i = 0; i < p->ncategories; i++) {
		o = tmpl_section(d, "category_option");
		tmpl_set(o, "value", p->categories[i]);
		tmpl_set(o, "label", catalog_category_name(w->db, w->arena,
		    p->categories[i]));
		if (strcmp(cat, p->categories[i]) == 0)
			tmpl_show(o, "selected");
	}
	tmpl_set(d, "day", q->day);
	/* A date input may not hold what is not a date: kept as text. */
	tmpl_set(d, "day_type", q->day_error != NULL ? "text" : "date");
	if (q->pincode_error != NULL)
		tmpl_set(tmpl_section(d, "pincode_error"), "message",
		    q->pincode_error);
	if (q->category_error != NULL)
		tmpl_set(tmpl_section(d, "category_error"), "message",
		    q->category_error);
	if (q->day_error != NULL)
		tmpl_set(tmpl_section(d, "day_error"), "message", q->day_error);
	if (q->page_error != NULL)
		tmpl_set(tmpl_section(d, "page_error"), "message",
		    q->page_error);
}

/* A page link keeping the filters (only validated values reach here). */
static const char *
page_link(struct web *w, const struct board_query *q, int64_t page)
{
	return arena_printf(w->arena, "/vendor/jobs?pincode=%s&category=%s"
	    "&day=%s&page=%lld",
	    http_urlencode(w->arena, q->f.pincode ? q->f.pincode : ""),
	    http_urlencode(w->arena, q->f.category ? q->f.category : ""),
	    http_urlencode(w->arena, q->day), (long long)page);
}

/*
 * A row shows what a vendor needs to choose a job, and no more: the
 * area, time, service, price and how many bookings the customer has
 * paid for; the name, house address and notes wait until it is theirs.
 */
static void
row_fill(struct web *w, struct tmpl_dict *d, const struct booking *b,
    int64_t done, int64_t now)
{
	struct tmpl_dict	*row = tmpl_section(d, "job");

	tmpl_set_int(row, "id", b->id);
	tmpl_set(row, "service", b->service_name);
	tmpl_set(row, "when", fmt_time(w->arena, b->scheduled_at));
	tmpl_set(row, "when_iso", fmt_time_iso(w->arena, b->scheduled_at));
	tmpl_set_int(row, "duration", b->duration_minutes);
	tmpl_set(row, "pincode", b->pincode);
	tmpl_set(row, "price", fmt_money(w->arena, b->price_paise));
	if (done == 0)
		tmpl_set(row, "history", "First booking");
	else if (done > BOARD_HISTORY_CAP)
		tmpl_setf(row, "history", "%d+ past bookings",
		    BOARD_HISTORY_CAP);
	else
		tmpl_setf(row, "history", "%lld past booking%s",
		    (long long)done, done == 1 ? "" : "s");
	if (b->offered_to == w->session.user_id && b->offered_until > now)
		tmpl_set(tmpl_section(row, "requested"), "until",
		    fmt_time(w->arena, b->offered_until));
}

static void
pager_fill(struct web *w, struct tmpl_dict *d, const struct board_query *q,
    int more)
{
	if (q->page > 1)
		tmpl_set(tmpl_section(d, "prev"), "href", page_link(w, q,
		    q->page - 1));
	if (more && q->page < BOARD_MAX_PAGE)
		tmpl_set(tmpl_section(d, "next"), "href", page_link(w, q,
		    q->page + 1));
	if (q->page > 1 || more)
		tmpl_set_int(tmpl_section(d, "pager"), "page", q->page);
}

/*
 * GET /vendor/jobs?pincode=&category=&day=&page=: pending jobs this
 * vendor may take, soonest first, 20 a page; a wrong filter answers
 * 422 with the form and what was wrong, and no jobs.
 */
void
page_vendor_jobs(struct web *w)
{
	struct vendor_profile	 p;
	struct board_query	 q;
	struct booking		*list;
	struct tmpl_dict	*d, *row;
	int64_t			 now = clock_now(), count, *done;
	size_t			 n, i;
	int			 bad, snap;

	vendor_get(w->db, w->arena, w->session.user_id, &p);
	bad = board_query_read(w, &p, &q);
	d = web_page(w, "Job board", "vendor_jobs.tpl");
	filters_fill(w, d, &p, &q);
	if (bad) {
		tmpl_show(d, "bad_filter");
		web_render(w, 422);
		return;
	}
	/* One snapshot for the board's many small reads (db_read_begin). */
	snap = db_read_begin(w->db);
	count = board_count(w->db, w->arena, w->session.user_id, now, &q.f,
	    BOARD_COUNT_CAP + 1);
	row = tmpl_section(d, "counted");
	tmpl_set(row, "count", vendor_board_waiting(w, count));
	tmpl_set(row, "count_noun", count == 1 ? "job" : "jobs");
	n = board_page(w->db, w->arena, w->session.user_id, now, &q.f,
	    (size_t)(q.page - 1) * BOARD_PAGE, BOARD_PAGE + 1, &list, &done);
	db_read_end(w->db, snap);
	for (i = 0; i < n && i < BOARD_PAGE; i++)
		row_fill(w, d, &list[i], done[i], now);
	if (n == 0)
		tmpl_show(d, q.f.pincode || q.f.category || q.f.from ||
		    q.page > 1 ? "no_match" : "no_jobs");
	pager_fill(w, d, &q, n > BOARD_PAGE);
	web_csrf(w);
	web_render(w, 200);
}
