/* chart.h: the geometry of bar charts that templates draw as SVG: a nice scale, bars placed in a viewBox, axis labels thinned to fit. */
#ifndef HS_CHART_H
#define HS_CHART_H

#include <stddef.h>
#include <stdint.h>

/*
 * Every coordinate and length is in tenths of a viewBox unit: integer
 * arithmetic places a bar to a tenth of a unit, and chart_coord writes
 * it for an attribute ("12.3", "12").  Values are whatever the caller
 * counts (bookings, paise); up to 10^14 in magnitude, so that a value
 * times a length in tenths stays inside int64_t.
 */
#define CHART_COORD_MAX	24	/* chart_coord's output, NUL included */
#define CHART_VALUE_MAX	((int64_t)100000000000000)

/* An axis from low to high, low <= 0 <= high, both multiples of step. */
struct chart_scale {
	int64_t	low;
	int64_t	high;
	int64_t	step;
};

/* A rectangle in the viewBox: the plot area, or one bar. */
struct chart_box {
	int64_t	x, y, w, h;
};

int64_t	chart_nice(int64_t);
void	chart_scale(struct chart_scale *, int64_t min, int64_t max,
	    int64_t lines, int64_t unit);
int64_t	chart_y(const struct chart_box *plot, const struct chart_scale *,
	    int64_t value);
void	chart_column(struct chart_box *, const struct chart_box *plot,
	    const struct chart_scale *, size_t slots, size_t slot,
	    size_t series, size_t s, int64_t value);
int64_t	chart_length(int64_t value, int64_t max, int64_t length);
size_t	chart_label_every(size_t n, size_t room);
char	*chart_coord(char out[CHART_COORD_MAX], int64_t tenths);

#endif
