/* charts.c: bar charts drawn as inline SVG by templates (chart_columns.tpl, chart_rows.tpl), placed by lib/platform/chart.c. */
#include <string.h>

#include "arena.h"
#include "chart.h"
#include "charts.h"
#include "form.h"
#include "tmpl.h"

/*
 * Sizes in tenths of a viewBox unit.  The viewBox is 640 units wide
 * whatever the number of bars, so a chart keeps its shape and scales
 * to the screen (style.css: width 100%); text is 13 units high, about
 * 8 pixels on a 400-pixel phone, where the table beside it is the
 * easier read.
 */
#define COLUMNS_WIDTH	6400
#define COLUMNS_HEIGHT	3000
#define COLUMNS_LINES	4	/* grid intervals, about */
#define AXIS_LABEL_ROOM	600	/* one label under the axis, with space */
#define TICK_GAP	60	/* from a tick's label to the plot */
#define TEXT_HALF	45	/* half a text's height: baselines centre it */
#define LEGEND_STEP	1800
#define LEGEND_BOX	120
#define ROWS_WIDTH	6400
#define ROW_HEIGHT	420
#define ROW_BAR		150
#define ROW_BAR_MAX	5000	/* leaves room for the value after a bar */
#define ROW_LABEL_MAX	70	/* characters, then "…" */

/* Where the columns' plot lies: room for ticks left, labels below. */
static const struct chart_box	columns_plot = { 840, 360, 5460, 2240 };

static void
set_coord(struct tmpl_dict *d, const char *key, int64_t tenths)
{
	char	out[CHART_COORD_MAX];

	tmpl_set(d, key, chart_coord(out, tenths));
}

/* A count as shown in a chart: "1234". */
char *
charts_count(struct arena *a, int64_t v)
{
	return arena_printf(a, "%lld", (long long)v);
}

/* The chart's frame: its size, its title and description for readers. */
static void
frame_fill(struct tmpl_dict *d, const char *id, const char *title,
    const char *desc, int64_t width, int64_t height)
{
	tmpl_set(d, "id", id);
	tmpl_set(d, "title", title);
	tmpl_set(d, "desc", desc);
	set_coord(d, "width", width);
	set_coord(d, "height", height);
}

/* The scale's grid: a line and its value at every step. */
static void
grid_fill(struct arena *a, struct tmpl_dict *d, const struct charts_columns *c,
    const struct chart_scale *s)
{
	struct tmpl_dict	*row;
	int64_t			 v, y;

	set_coord(d, "x1", columns_plot.x);
	set_coord(d, "x2", columns_plot.x + columns_plot.w);
	set_coord(d, "zero", chart_y(&columns_plot, s, 0));
	for (v = s->low; v <= s->high; v += s->step) {
		y = chart_y(&columns_plot, s, v);
		row = tmpl_section(d, "grid");
		set_coord(row, "y", y);
		set_coord(row, "tx", columns_plot.x - TICK_GAP);
		set_coord(row, "ty", y + TEXT_HALF);
		tmpl_set(row, "label", c->show(a, v));
	}
}

static void
legend_fill(struct tmpl_dict *d, const struct charts_columns *c)
{
	struct tmpl_dict	*row;
	size_t			 s;

	for (s = 0; c->series > 1 && s < c->series; s++) {
		row = tmpl_section(d, "legend");
		tmpl_set_int(row, "series", (int64_t)s);
		set_coord(row, "x", columns_plot.x + (int64_t)s * LEGEND_STEP);
		set_coord(row, "y", 60);
		set_coord(row, "tx", columns_plot.x + (int64_t)s * LEGEND_STEP +
		    LEGEND_BOX + TICK_GAP);
		set_coord(row, "ty", 60 + LEGEND_BOX - 10);
		tmpl_set(row, "name", c->series_names[s]);
	}
}

/* The bars, slot by slot, and the labels under the axis that fit. */
static void
columns_bars(struct arena *a, struct tmpl_dict *d, const struct charts_columns *c,
    const struct chart_scale *s)
{
	size_t			 every = chart_label_every(c->slots,
	    (size_t)(columns_plot.w / AXIS_LABEL_ROOM)), i, k;
	struct chart_box	 bar;
	struct tmpl_dict	*row;
	int64_t			 v;

	for (i = 0; i < c->slots; i++) {
		for (k = 0; k < c->series; k++) {
			v = c->values[i * c->series + k];
			chart_column(&bar, &columns_plot, s, c->slots, i,
			    c->series, k, v);
			row = tmpl_section(d, "bar");
			tmpl_set_int(row, "series", (int64_t)k);
			set_coord(row, "x", bar.x);
			set_coord(row, "y", bar.y);
			set_coord(row, "w", bar.w);
			set_coord(row, "h", bar.h);
			tmpl_set(row, "label", c->series > 1 ? arena_printf(a,
			    "%s, %s", c->series_names[k], c->labels[i]) :
			    c->labels[i]);
			tmpl_set(row, "value", c->show(a, v));
		}
		if (i % every != 0)
			continue;
		row = tmpl_section(d, "xlabel");
		chart_column(&bar, &columns_plot, s, c->slots, i, 1, 0, 0);
		set_coord(row, "x", bar.x + bar.w / 2);
		set_coord(row, "y", columns_plot.y + columns_plot.h + 240);
		tmpl_set(row, "text", c->axis_labels[i]);
	}
}

/* Fill chart_columns.tpl's dictionary. */
void
charts_columns(struct arena *a, struct tmpl_dict *d,
    const struct charts_columns *c)
{
	struct chart_scale	 s;
	int64_t			 min = 0, max = 0;
	size_t			 i;

	for (i = 0; i < c->slots * c->series; i++) {
		min = c->values[i] < min ? c->values[i] : min;
		max = c->values[i] > max ? c->values[i] : max;
	}
	chart_scale(&s, min, max, COLUMNS_LINES, c->unit);
	frame_fill(d, c->id, c->title, c->desc, COLUMNS_WIDTH, COLUMNS_HEIGHT);
	grid_fill(a, d, c, &s);
	legend_fill(d, c);
	columns_bars(a, d, c, &s);
}

/* A label cut to ROW_LABEL_MAX characters, whole UTF-8 sequences only. */
static const char *
row_label(struct arena *a, const char *s)
{
	size_t	n = 0, i;

	if (form_utf8_len(s) <= ROW_LABEL_MAX)
		return s;
	for (i = 0; s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && n++ ==
		    ROW_LABEL_MAX - 1)
			break;
	return arena_printf(a, "%.*s…", (int)i, s);
}

/* Fill chart_rows.tpl's dictionary. */
void
charts_rows(struct arena *a, struct tmpl_dict *d, const struct charts_rows *c)
{
	struct tmpl_dict	*row;
	int64_t			 top, length;
	size_t			 i;

	frame_fill(d, c->id, c->title, c->desc, ROWS_WIDTH, c->n > 0 ?
	    (int64_t)c->n * ROW_HEIGHT + 60 : ROW_HEIGHT);
	if (c->n == 0)
		tmpl_set(tmpl_section(d, "empty"), "text", c->empty);
	for (i = 0; i < c->n; i++) {
		top = (int64_t)i * ROW_HEIGHT;
		length = chart_length(c->values[i], c->max, ROW_BAR_MAX);
		row = tmpl_section(d, "bar");
		tmpl_set(row, "label", row_label(a, c->labels[i]));
		tmpl_set(row, "name", c->labels[i]);
		tmpl_set(row, "value", c->texts[i]);
		set_coord(row, "ty", top + 150);
		set_coord(row, "y", top + 210);
		set_coord(row, "w", length);
		set_coord(row, "h", ROW_BAR);
		set_coord(row, "vx", length + TICK_GAP);
		set_coord(row, "vy", top + 330);
	}
}
