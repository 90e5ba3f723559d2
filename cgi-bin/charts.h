/* charts.h: bar charts drawn as inline SVG by templates (chart_columns.tpl, chart_rows.tpl), placed by lib/platform/chart.c. */
#ifndef HS_CHARTS_H
#define HS_CHARTS_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct tmpl_dict;

/*
 * Columns over time (days, weeks): one or two series side by side per
 * slot, on a scale with grid lines; values may be negative.  Each bar
 * has a <title> "LABEL: VALUE" (with the series' name first when there
 * are two), and every n-th slot a label under the axis, as many as fit.
 */
struct charts_columns {
	const char		*id;		/* unique on the page */
	const char		*title;		/* the chart's <title> */
	const char		*desc;		/* its <desc>: what it shows */
	size_t			 slots;
	size_t			 series;	/* 1 or 2 */
	const char *const	*series_names;	/* the legend, when 2 */
	const int64_t		*values;	/* slots x series, slot by slot */
	const char *const	*labels;	/* per slot: in the bar titles */
	const char *const	*axis_labels;	/* per slot: under the axis */
	int64_t			 unit;		/* the least grid step: 1, 100 */
	char			*(*show)(struct arena *, int64_t);
};

/*
 * Horizontal bars, one per row (stages, ratings, services, vendors):
 * the label above its bar and the value after it; a bar of max is the
 * full width.  No rows draws the empty text instead.
 */
struct charts_rows {
	const char		*id;
	const char		*title;
	const char		*desc;
	size_t			 n;
	const char *const	*labels;
	const int64_t		*values;
	const char *const	*texts;		/* each value as shown */
	int64_t			 max;
	const char		*empty;
};

void	charts_columns(struct arena *, struct tmpl_dict *,
	    const struct charts_columns *);
void	charts_rows(struct arena *, struct tmpl_dict *,
	    const struct charts_rows *);
char	*charts_count(struct arena *, int64_t);

#endif
