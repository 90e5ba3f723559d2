/* ops-analytics.c: operations figures over a range of days, as SVG charts with their numbers beside them (/ops/analytics), and demand per pincode and category (/ops/demand). */
#include <string.h>

#include "analytics.h"
#include "arena.h"
#include "catalog.h"
#include "charts.h"
#include "clock.h"
#include "demand.h"
#include "fmt.h"
#include "ops-area.h"
#include "setting.h"
#include "web.h"

#define DEFAULT_DAYS	30
#define NOON		(ANALYTICS_DAY / 2)	/* a day's middle: its date
						   whatever the clocks do */

enum range_field { RANGE_FROM, RANGE_TO, RANGE__MAX };

/* Both optional local days, YYYY-MM-DD, checked by fmt_parse_day. */
static const struct form_field range_fields[RANGE__MAX] = {
	[RANGE_FROM] = { "from", "First day", FORM_TEXT, 0, 0, 10 },
	[RANGE_TO] = { "to", "Last day", FORM_TEXT, 0, 0, 10 },
};

/* The days asked for, as checked: the form to show back, and the range. */
struct range {
	struct form		 f;
	struct analytics_range	 r;
	const char		*clamped;	/* why fewer days are shown */
};

/* What every figure is filled from. */
struct view {
	const struct analytics		*a;
	const struct analytics_range	*r;
	const char			**days;		/* "1 Dec 2026" */
	const char			**days_axis;	/* "1 Dec" */
	const char			**weeks;	/* "1 Dec 2026 – 7 Dec 2026" */
	const char			**weeks_axis;	/* "1 Dec" */
};

/* The day n days before the day starting at start, as YYYY-MM-DD. */
static const char *
day_before(struct web *w, int64_t start, int64_t n)
{
	char	day[FMT_DAY_MAX];

	return arena_strdup(w->arena, fmt_day_iso(day, start -
	    n * ANALYTICS_DAY + NOON));
}

/*
 * Fill in what was left empty: the last day is today, the first the
 * one 29 days before it.  start and end hold each day's bounds.
 */
static void
range_defaults(struct web *w, struct range *g, int64_t *start, int64_t *end)
{
	char	today[FMT_DAY_MAX];

	if (g->f.v[RANGE_TO].text[0] == '\0') {
		form_set(&g->f, RANGE_TO, arena_strdup(w->arena,
		    fmt_day_iso(today, clock_now())));
		fmt_parse_day(g->f.v[RANGE_TO].text, &start[RANGE_TO],
		    &end[RANGE_TO]);
	}
	if (g->f.v[RANGE_FROM].text[0] == '\0') {
		form_set(&g->f, RANGE_FROM, day_before(w, start[RANGE_TO],
		    DEFAULT_DAYS - 1));
		fmt_parse_day(g->f.v[RANGE_FROM].text, &start[RANGE_FROM],
		    &end[RANGE_FROM]);
	}
}

/*
 * ?from=&to= into g: 0, or -1 with the form's errors set (a day that
 * is not one, or a last day before the first: the page is a 422).  A
 * range longer than ANALYTICS_MAX_DAYS is cut to that many days ending
 * on the last day, and g->clamped says so.
 */
static int
range_read(struct web *w, struct range *g)
{
	static const char *const	 bad[RANGE__MAX] = {
		[RANGE_FROM] = "Enter the first day as YYYY-MM-DD, like "
		    "2026-05-01, or leave it empty.",
		[RANGE_TO] = "Enter the last day as YYYY-MM-DD, like "
		    "2026-05-31, or leave it empty.",
	};
	int64_t				 start[RANGE__MAX] = { 0 };
	int64_t				 end[RANGE__MAX] = { 0 };
	size_t				 i;

	g->clamped = NULL;
	form_init(&g->f, w->arena, range_fields, RANGE__MAX);
	form_read(&g->f, &w->req.query);
	for (i = 0; i < RANGE__MAX; i++)
		if (g->f.v[i].error != NULL || (g->f.v[i].text[0] != '\0' &&
		    fmt_parse_day(g->f.v[i].text, &start[i], &end[i]) != 0))
			form_error(&g->f, i, bad[i]);
	if (g->f.errors)
		return -1;
	range_defaults(w, g, start, end);
	if (start[RANGE_FROM] > start[RANGE_TO]) {
		form_error(&g->f, RANGE_TO, "The last day is before the first "
		    "day: choose a last day on or after the first.");
		return -1;
	}
	if (analytics_range_days(&g->r, start[RANGE_FROM], end[RANGE_TO])) {
		form_set(&g->f, RANGE_FROM, day_before(w, start[RANGE_TO],
		    ANALYTICS_MAX_DAYS - 1));
		fmt_parse_day(g->f.v[RANGE_FROM].text, &start[RANGE_FROM],
		    &end[RANGE_FROM]);
		analytics_range_days(&g->r, start[RANGE_FROM], end[RANGE_TO]);
		g->clamped = arena_printf(w->arena, "At most %d days at a "
		    "time: showing the %d days that end on %s, from %s.",
		    ANALYTICS_MAX_DAYS, ANALYTICS_MAX_DAYS,
		    g->f.v[RANGE_TO].text, g->f.v[RANGE_FROM].text);
	}
	return 0;
}

/* The range form, as the page's "range" include; a date picker only
 * for a real date, so that what was typed comes back and the page
 * stays valid HTML. */
static void
range_fill(struct tmpl_dict *page, const struct range *g,
    const char *action)
{
	static const char *const	 type_keys[RANGE__MAX] = {
		[RANGE_FROM] = "from_type",
		[RANGE_TO] = "to_type",
	};
	struct tmpl_dict		*d = tmpl_include(page, "range",
	    "ops_range.tpl");
	int64_t				 start, end;
	size_t				 i;

	form_fill(&g->f, d);
	tmpl_set(d, "action", action);
	for (i = 0; i < RANGE__MAX; i++)
		tmpl_set(d, type_keys[i], g->f.v[i].raw[0] == '\0' ||
		    fmt_parse_day(g->f.v[i].raw, &start, &end) == 0 ?
		    "date" : "text");
	if (g->clamped != NULL)
		tmpl_set(tmpl_section(d, "clamped"), "message", g->clamped);
}

/* The range in words on the page: first and last day, and how many. */
static void
range_shown(struct web *w, struct tmpl_dict *d, const struct analytics_range *r)
{
	tmpl_show(d, "shown");
	tmpl_set(d, "first", fmt_day(w->arena, r->from + NOON, 1));
	tmpl_set(d, "last", fmt_day(w->arena, r->to - NOON, 1));
	tmpl_set_int(d, "days", (int64_t)r->days);
}

/* "66.7%": part of whole to a tenth of a percent; "–" of nothing. */
static const char *
percent(struct arena *a, int64_t part, int64_t whole)
{
	int64_t	tenths;

	if (whole <= 0)
		return "–";
	tenths = (part * 1000 + whole / 2) / whole;
	return arena_printf(a, "%lld.%lld%%", (long long)(tenths / 10),
	    (long long)(tenths % 10));
}

static char *
money(struct arena *a, int64_t paise)
{
	return fmt_money(a, paise);
}

/* --- the table beside each chart --------------------------------------- */

/* Header cells: the first names the rows, the others are numbers. */
static void
table_columns(struct tmpl_dict *fig, const char *const *labels, size_t n)
{
	struct tmpl_dict	*col;
	size_t			 i;

	for (i = 0; i < n; i++) {
		col = tmpl_section(fig, "column");
		tmpl_set(col, "label", labels[i]);
		if (i > 0)
			tmpl_show(col, "num");
	}
}

/* A row headed by label, a link when href is not NULL. */
static struct tmpl_dict *
table_row(struct tmpl_dict *fig, const char *label, const char *href)
{
	struct tmpl_dict	*row = tmpl_section(fig, "row");

	tmpl_set(row, "label", label);
	if (href != NULL)
		tmpl_set(tmpl_section(row, "link"), "href", href);
	else
		tmpl_show(row, "plain");
	return row;
}

static void
table_cell(struct tmpl_dict *row, const char *value)
{
	tmpl_set(tmpl_section(row, "cell"), "value", value);
}

static struct tmpl_dict *
table_total(struct tmpl_dict *fig)
{
	struct tmpl_dict	*row = tmpl_section(fig, "total");

	tmpl_set(row, "label", "Total");
	return row;
}

/* --- the figures --------------------------------------------------------- */

/* Bookings per day: bookings made (created) on each day. */
static void
fill_per_day(struct web *w, struct tmpl_dict *fig, const struct view *v)
{
	static const char *const	 columns[] = { "Day", "Bookings" };
	struct charts_columns		 c;
	int64_t				 total = v->a->funnel[STAGE_BOOKED];
	size_t				 i;

	tmpl_set(fig, "caption", "Bookings made each day");
	table_columns(fig, columns, 2);
	for (i = 0; i < v->r->days; i++)
		table_cell(table_row(fig, v->days[i], NULL),
		    charts_count(w->arena, v->a->per_day[i]));
	table_cell(table_total(fig), charts_count(w->arena, total));
	c = (struct charts_columns){ "per-day-chart", "Bookings per day",
	    arena_printf(w->arena, "A column for each of the %zu days from "
	    "%s to %s: %lld bookings in all.", v->r->days, v->days[0],
	    v->days[v->r->days - 1], (long long)total), v->r->days, 1, NULL,
	    v->a->per_day, v->days, v->days_axis, 1, charts_count };
	charts_columns(w->arena, tmpl_include(fig, "chart",
	    "chart_columns.tpl"), &c);
}

/*
 * Revenue per week: captured less refunded, each in its own week (see
 * analytics.c); a week of more refunds than captures is negative.
 */
static void
fill_revenue(struct web *w, struct tmpl_dict *fig, const struct view *v)
{
	static const char *const	 columns[] = { "Week", "Captured",
	    "Refunded", "Revenue" };
	const struct analytics_week	*wk = v->a->weeks;
	struct tmpl_dict		*row;
	struct charts_columns		 c;
	int64_t				*net, captured = 0, refunded = 0;
	size_t				 i;

	net = arena_alloc(w->arena, sizeof(*net) * v->r->weeks);
	tmpl_set(fig, "caption", "Revenue each week, in rupees");
	table_columns(fig, columns, 4);
	for (i = 0; i < v->r->weeks; i++) {
		net[i] = wk[i].captured_paise - wk[i].refunded_paise;
		captured += wk[i].captured_paise;
		refunded += wk[i].refunded_paise;
		row = table_row(fig, v->weeks[i], NULL);
		table_cell(row, money(w->arena, wk[i].captured_paise));
		table_cell(row, money(w->arena, wk[i].refunded_paise));
		table_cell(row, money(w->arena, net[i]));
	}
	row = table_total(fig);
	table_cell(row, money(w->arena, captured));
	table_cell(row, money(w->arena, refunded));
	table_cell(row, money(w->arena, captured - refunded));
	c = (struct charts_columns){ "revenue-chart", "Revenue per week",
	    arena_printf(w->arena, "A column for each of the %zu weeks from "
	    "%s: payments captured less refunds made, %s in all.",
	    v->r->weeks, v->days[0], money(w->arena, captured - refunded)),
	    v->r->weeks, 1, NULL, net, v->weeks, v->weeks_axis, 100, money };
	charts_columns(w->arena, tmpl_include(fig, "chart",
	    "chart_columns.tpl"), &c);
}

/* The funnel: of the bookings made, how many reached each stage. */
static void
fill_funnel(struct web *w, struct tmpl_dict *fig, const struct view *v)
{
	static const char *const	 columns[] = { "Stage", "Bookings",
	    "Share of booked" };
	const char			*labels[STAGE__MAX], *texts[STAGE__MAX];
	const int64_t			*n = v->a->funnel;
	struct tmpl_dict		*row;
	struct charts_rows		 c;
	size_t				 s;

	tmpl_set(fig, "caption", "Bookings made in these days that "
	    "reached each stage");
	table_columns(fig, columns, 3);
	for (s = 0; s < STAGE__MAX; s++) {
		labels[s] = analytics_stage_label((enum analytics_stage)s);
		texts[s] = charts_count(w->arena, n[s]);
		row = table_row(fig, labels[s], NULL);
		table_cell(row, texts[s]);
		table_cell(row, percent(w->arena, n[s], n[STAGE_BOOKED]));
	}
	c = (struct charts_rows){ "funnel-chart", "Booking funnel",
	    arena_printf(w->arena, "A bar for each stage, from %lld bookings "
	    "made to %lld paid.", (long long)n[STAGE_BOOKED],
	    (long long)n[STAGE_PAID]), STAGE__MAX, labels, n, texts,
	    n[STAGE_BOOKED] > 0 ? n[STAGE_BOOKED] : 1, NULL };
	charts_rows(w->arena, tmpl_include(fig, "chart", "chart_rows.tpl"),
	    &c);
}

/* Ratings: reviews written in the range by stars, five stars first. */
static void
fill_ratings(struct web *w, struct tmpl_dict *fig, const struct view *v)
{
	static const char *const	 columns[] = { "Rating", "Reviews",
	    "Share" };
	const char			*labels[5], *texts[5];
	int64_t				 values[5], total = 0, stars = 0, max = 1;
	struct tmpl_dict		*row;
	struct charts_rows		 c;
	size_t				 i;

	for (i = 0; i < 5; i++) {
		values[i] = v->a->ratings[4 - i];
		total += values[i];
		stars += values[i] * (int64_t)(5 - i);
		max = values[i] > max ? values[i] : max;
	}
	tmpl_set(fig, "caption", "Reviews written in these days, by rating");
	table_columns(fig, columns, 3);
	for (i = 0; i < 5; i++) {
		labels[i] = i == 4 ? "1 star" : arena_printf(w->arena,
		    "%zu stars", 5 - i);
		texts[i] = charts_count(w->arena, values[i]);
		row = table_row(fig, labels[i], NULL);
		table_cell(row, texts[i]);
		table_cell(row, percent(w->arena, values[i], total));
	}
	table_cell(table_total(fig), charts_count(w->arena, total));
	if (total > 0)
		tmpl_set(tmpl_section(fig, "summary"), "text", arena_printf(
		    w->arena, "%lld reviews, %lld.%lld stars on average.",
		    (long long)total, (long long)((stars * 10 + total / 2) /
		    total / 10), (long long)((stars * 10 + total / 2) / total %
		    10)));
	c = (struct charts_rows){ "ratings-chart", "Ratings",
	    arena_printf(w->arena, "A bar for each rating from five stars to "
	    "one: %lld reviews.", (long long)total), 5, labels, values, texts,
	    max, NULL };
	charts_rows(w->arena, tmpl_include(fig, "chart", "chart_rows.tpl"),
	    &c);
}

/* Top services: the most booked in the range, with their share. */
static void
fill_services(struct web *w, struct tmpl_dict *fig, const struct view *v)
{
	static const char *const	 columns[] = { "Service", "Bookings",
	    "Share of bookings" };
	const struct analytics		*a = v->a;
	const char			**labels, **texts;
	int64_t				*values;
	struct tmpl_dict		*row;
	struct charts_rows		 c;
	size_t				 i, n = a->nservices;

	labels = arena_alloc(w->arena, sizeof(*labels) * (n + 1));
	texts = arena_alloc(w->arena, sizeof(*texts) * (n + 1));
	values = arena_alloc(w->arena, sizeof(*values) * (n + 1));
	tmpl_set(fig, "caption", arena_printf(w->arena, "The %d most booked "
	    "services in these days", ANALYTICS_TOP_SERVICES));
	table_columns(fig, columns, 3);
	for (i = 0; i < n; i++) {
		labels[i] = a->services[i].name;
		values[i] = a->services[i].bookings;
		texts[i] = charts_count(w->arena, values[i]);
		row = table_row(fig, labels[i], NULL);
		table_cell(row, texts[i]);
		table_cell(row, percent(w->arena, values[i],
		    a->funnel[STAGE_BOOKED]));
	}
	c = (struct charts_rows){ "services-chart", "Top services",
	    n > 0 ? arena_printf(w->arena, "A bar for each of the %zu most "
	    "booked services, most booked first.", n) :
	    "No service was booked in these days.", n, labels, values, texts,
	    n > 0 ? values[0] : 1, "No bookings." };
	charts_rows(w->arena, tmpl_include(fig, "chart", "chart_rows.tpl"),
	    &c);
}

/* Cancellations and disputes per week, side by side. */
static void
fill_trouble(struct web *w, struct tmpl_dict *fig, const struct view *v)
{
	static const char *const	 columns[] = { "Week", "Cancellations",
	    "Disputes" };
	static const char *const	 series[] = { "Cancellations",
	    "Disputes" };
	const struct analytics_week	*wk = v->a->weeks;
	struct tmpl_dict		*row;
	struct charts_columns		 c;
	int64_t				*values, cancelled = 0, disputed = 0;
	size_t				 i;

	values = arena_alloc(w->arena, sizeof(*values) * 2 * v->r->weeks);
	tmpl_set(fig, "caption", "Bookings cancelled and disputed each week");
	table_columns(fig, columns, 3);
	for (i = 0; i < v->r->weeks; i++) {
		values[2 * i] = wk[i].cancelled;
		values[2 * i + 1] = wk[i].disputed;
		cancelled += wk[i].cancelled;
		disputed += wk[i].disputed;
		row = table_row(fig, v->weeks[i], NULL);
		table_cell(row, charts_count(w->arena, wk[i].cancelled));
		table_cell(row, charts_count(w->arena, wk[i].disputed));
	}
	row = table_total(fig);
	table_cell(row, charts_count(w->arena, cancelled));
	table_cell(row, charts_count(w->arena, disputed));
	c = (struct charts_columns){ "trouble-chart",
	    "Cancellations and disputes per week", arena_printf(w->arena,
	    "Two columns for each of the %zu weeks from %s: %lld "
	    "cancellations and %lld disputes in all.", v->r->weeks,
	    v->days[0], (long long)cancelled, (long long)disputed),
	    v->r->weeks, 2, series, values, v->weeks, v->weeks_axis, 1,
	    charts_count };
	charts_columns(w->arena, tmpl_include(fig, "chart",
	    "chart_columns.tpl"), &c);
}

/* A vendor as staff know them: the business, and the username. */
static const char *
vendor_label(struct arena *a, const struct analytics_vendor *vd)
{
	if (vd->business_name == NULL || vd->business_name[0] == '\0')
		return vd->username;
	return arena_printf(a, "%s (%s)", vd->business_name, vd->username);
}

/* "1.5": minutes as hours to a tenth. */
static const char *
hours(struct arena *a, int64_t minutes)
{
	int64_t	tenths = (minutes + 3) / 6;

	return arena_printf(a, "%lld.%lld", (long long)(tenths / 10),
	    (long long)(tenths % 10));
}

/* The sentence over the utilisation chart: the whole team at once. */
static void
utilisation_summary(struct web *w, struct tmpl_dict *fig, const struct view *v)
{
	const struct analytics	*a = v->a;
	int64_t			 open = setting(w->db, SET_HOURS_END) -
	    setting(w->db, SET_HOURS_START);

	tmpl_set(tmpl_section(fig, "summary"), "text", arena_printf(w->arena,
	    "%lld active vendors, %lld of them with no job in these days; "
	    "together %s of their hours (%s a day, from %s to %s, over %zu "
	    "days).", (long long)a->active_vendors, (long long)a->idle_vendors,
	    percent(w->arena, a->booked_minutes, a->open_minutes *
	    a->active_vendors), hours(w->arena, open > 0 ? open : 0),
	    setting_text(w->arena, SET_HOURS_START, setting(w->db,
	    SET_HOURS_START)), setting_text(w->arena, SET_HOURS_END,
	    setting(w->db, SET_HOURS_END)), v->r->days));
}

/*
 * Vendor utilisation: each active vendor's booked hours over the hours
 * visits may start in these days (see analytics.c); the busiest first.
 */
static void
fill_utilisation(struct web *w, struct tmpl_dict *fig, const struct view *v)
{
	static const char *const	 columns[] = { "Vendor", "Jobs",
	    "Hours booked", "Utilisation" };
	const struct analytics		*a = v->a;
	const char			**labels, **texts;
	int64_t				*values, max = 1000;
	struct tmpl_dict		*row;
	struct charts_rows		 c;
	size_t				 i, n = a->nvendors;

	labels = arena_alloc(w->arena, sizeof(*labels) * (n + 1));
	texts = arena_alloc(w->arena, sizeof(*texts) * (n + 1));
	values = arena_alloc(w->arena, sizeof(*values) * (n + 1));
	utilisation_summary(w, fig, v);
	tmpl_set(fig, "caption", arena_printf(w->arena, "The %d busiest "
	    "active vendors in these days", ANALYTICS_TOP_VENDORS));
	table_columns(fig, columns, 4);
	for (i = 0; i < n; i++) {
		labels[i] = vendor_label(w->arena, &a->vendors[i]);
		values[i] = a->open_minutes > 0 ? (a->vendors[i].minutes *
		    1000 + a->open_minutes / 2) / a->open_minutes : 0;
		max = values[i] > max ? values[i] : max;
		texts[i] = percent(w->arena, a->vendors[i].minutes,
		    a->open_minutes);
		row = table_row(fig, labels[i], arena_printf(w->arena,
		    "/ops/vendors/%lld", (long long)a->vendors[i].vendor_id));
		table_cell(row, charts_count(w->arena, a->vendors[i].jobs));
		table_cell(row, hours(w->arena, a->vendors[i].minutes));
		table_cell(row, texts[i]);
	}
	c = (struct charts_rows){ "utilisation-chart", "Vendor utilisation",
	    n > 0 ? arena_printf(w->arena, "A bar for each of the %zu "
	    "busiest active vendors: the share of their hours booked.", n) :
	    "No vendor is active.", n, labels, values, texts, max,
	    "No active vendors." };
	charts_rows(w->arena, tmpl_include(fig, "chart", "chart_rows.tpl"),
	    &c);
}

/* Each figure of the page, in order: its anchor, heading, definition. */
static const struct figure {
	const char	*id;
	const char	*heading;
	const char	*definition;
	void		(*fill)(struct web *, struct tmpl_dict *,
			    const struct view *);
} figures[] = {
	{ "per-day", "Bookings per day", "Bookings made on each day, "
	    "whatever happened to them after.", fill_per_day },
	{ "revenue", "Revenue per week", "Payments captured in each week "
	    "(seven days from the first day shown), less the refunds made in "
	    "that week, whenever their payment was captured.", fill_revenue },
	{ "funnel", "Booking funnel", "Of the bookings made in these days, "
	    "how many were ever accepted by a vendor, completed, signed by "
	    "the customer and paid, by each booking's timeline, up to now. A "
	    "disputed job that operations settled is paid without being "
	    "signed.", fill_funnel },
	{ "ratings", "Ratings", "Reviews written in these days (a customer "
	    "rates when signing), by the stars given.", fill_ratings },
	{ "services", "Top services", "Bookings made in these days for "
	    "each service, the most booked first.", fill_services },
	{ "trouble", "Cancellations and disputes per week", "Bookings "
	    "cancelled, by the customer or operations, and bookings in "
	    "dispute (disputed by the customer and not yet settled), each in "
	    "the week it moved there (seven days from the first day shown).",
	    fill_trouble },
	{ "utilisation", "Vendor utilisation", "For each active vendor "
	    "(verified and not blocked today): the length of the jobs they "
	    "accepted that start in these days, except those cancelled, over "
	    "the hours in which visits may start on those days (the "
	    "settings' visiting hours). A job that starts late may run past "
	    "them, so a vendor can pass 100%.", fill_utilisation },
};

/* The labels of every day and week of the range, made once. */
static void
view_labels(struct web *w, struct view *v)
{
	const struct analytics_range	*r = v->r;
	int64_t				 start;
	size_t				 i, last;

	v->days = arena_alloc(w->arena, sizeof(*v->days) * r->days);
	v->days_axis = arena_alloc(w->arena, sizeof(*v->days_axis) * r->days);
	v->weeks = arena_alloc(w->arena, sizeof(*v->weeks) * r->weeks);
	v->weeks_axis = arena_alloc(w->arena, sizeof(*v->weeks_axis) *
	    r->weeks);
	for (i = 0; i < r->days; i++) {
		start = r->from + (int64_t)i * ANALYTICS_DAY + NOON;
		v->days[i] = fmt_day(w->arena, start, 1);
		v->days_axis[i] = fmt_day(w->arena, start, 0);
	}
	for (i = 0; i < r->weeks; i++) {
		last = i * 7 + 6 < r->days ? i * 7 + 6 : r->days - 1;
		v->weeks[i] = last == i * 7 ? v->days[i * 7] : arena_printf(
		    w->arena, "%s – %s", v->days[i * 7], v->days[last]);
		v->weeks_axis[i] = v->days_axis[i * 7];
	}
}

/*
 * GET /ops/analytics?from=&to=: every figure over the days asked for
 * (the last 30 by default), each as a chart with its table.  422 with
 * the form for a day that is not one or a last day before the first;
 * more than 366 days are cut to the 366 ending on the last, saying so.
 */
void
page_ops_analytics(struct web *w)
{
	struct tmpl_dict	*d, *fig;
	struct analytics	 a;
	struct range		 g;
	struct view		 v;
	size_t			 i;
	int			 bad;

	d = web_page(w, "Analytics", "ops_analytics.tpl");
	bad = range_read(w, &g);
	range_fill(d, &g, "/ops/analytics");
	if (bad) {
		web_render(w, 422);
		return;
	}
	analytics_read(w->db, w->arena, &g.r, &a);
	v = (struct view){ &a, &g.r, NULL, NULL, NULL, NULL };
	view_labels(w, &v);
	range_shown(w, d, &g.r);
	for (i = 0; i < sizeof(figures) / sizeof(figures[0]); i++) {
		fig = tmpl_section(d, "figure");
		tmpl_set(fig, "id", figures[i].id);
		tmpl_set(fig, "heading", figures[i].heading);
		tmpl_set(fig, "definition", figures[i].definition);
		figures[i].fill(w, fig, &v);
	}
	web_render(w, 200);
}

/* One row of demand: names for slugs, and the refused share. */
static void
demand_row_fill(struct web *w, struct tmpl_dict *d, const struct demand_line *l)
{
	struct tmpl_dict	*row = tmpl_section(d, "line");

	tmpl_set(row, "pincode", l->pincode);
	tmpl_set(row, "category", catalog_category_name(w->db, w->arena,
	    l->category));
	tmpl_set_int(row, "bookings", l->bookings);
	tmpl_set_int(row, "refused", l->refused);
	tmpl_set_int(row, "vendors", l->vendors);
	tmpl_set(row, "share", percent(w->arena, l->refused, l->bookings +
	    l->refused));
}

/*
 * GET /ops/demand?from=&to=: per pincode and category, bookings made,
 * attempts refused for want of a vendor, active vendors, and the
 * refused share, worst first (at most DEMAND_ROWS_MAX rows).  The same
 * range rules and statuses as /ops/analytics.
 */
void
page_ops_demand(struct web *w)
{
	struct demand_totals	 t;
	struct demand_line	*list;
	struct tmpl_dict	*d;
	struct range		 g;
	size_t			 n, i;
	int			 bad;

	d = web_page(w, "Demand", "ops_demand.tpl");
	bad = range_read(w, &g);
	range_fill(d, &g, "/ops/demand");
	if (bad) {
		web_render(w, 422);
		return;
	}
	n = demand_list(w->db, w->arena, g.r.from, g.r.to, DEMAND_ROWS_MAX,
	    &list, &t);
	range_shown(w, d, &g.r);
	tmpl_set_int(d, "bookings", t.bookings);
	tmpl_set_int(d, "refused", t.refused);
	tmpl_set_int(d, "pairs", t.pairs);
	tmpl_set(d, "share", percent(w->arena, t.refused, t.bookings +
	    t.refused));
	tmpl_show(d, n > 0 ? "some" : "none");
	tmpl_set(d, "caption", (int64_t)n < t.pairs ? arena_printf(w->arena,
	    "The %zu pincode and category pairs that turned most away, of "
	    "%lld", n, (long long)t.pairs) : "Every pincode and category "
	    "with demand, worst first");
	for (i = 0; i < n; i++)
		demand_row_fill(w, d, &list[i]);
	web_render(w, 200);
}
