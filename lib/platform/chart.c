/* chart.c: the geometry of bar charts that templates draw as SVG: a nice scale, bars placed in a viewBox, axis labels thinned to fit. */
#include <stdint.h>

#include "chart.h"
#include "fmt.h"

static int64_t
clamp(int64_t v, int64_t low, int64_t high)
{
	return v < low ? low : v > high ? high : v;
}

/* a / b rounded up, for a >= 0 and b > 0. */
static int64_t
div_up(int64_t a, int64_t b)
{
	return a / b + (a % b != 0);
}

/* a / b rounded to the nearest, for a >= 0 and b > 0. */
static int64_t
div_round(int64_t a, int64_t b)
{
	return (a + b / 2) / b;
}

/*
 * The smallest number of the form 1, 2 or 5 times a power of ten that
 * is at least v (1 for v <= 1): the steps a reader counts in.
 */
int64_t
chart_nice(int64_t v)
{
	static const int64_t	mantissa[] = { 1, 2, 5 };
	int64_t			p;
	size_t			i;

	if (v <= 1)
		return 1;
	for (p = 1; p <= INT64_MAX / 10; p *= 10)
		for (i = 0; i < sizeof(mantissa) / sizeof(mantissa[0]); i++)
			if (mantissa[i] * p >= v)
				return mantissa[i] * p;
	return v;
}

/*
 * An axis for values from min to max with about `lines` intervals:
 * its step is a nice number of units (unit 100 for paise makes steps
 * of whole rupees), and its ends are the multiples of the step just
 * outside the values, zero always included.  Values that are all zero
 * still get one step, so nothing divides by zero.
 */
void
chart_scale(struct chart_scale *s, int64_t min, int64_t max, int64_t lines,
    int64_t unit)
{
	int64_t	range;

	min = clamp(min, -CHART_VALUE_MAX, 0);
	max = clamp(max, 0, CHART_VALUE_MAX);
	lines = lines < 1 ? 1 : lines;
	unit = unit < 1 ? 1 : unit;
	range = max - min;
	s->step = unit * chart_nice(div_up(range, lines * unit));
	s->high = div_up(max, s->step) * s->step;
	s->low = -div_up(-min, s->step) * s->step;
	if (s->high == s->low)
		s->high = s->step;
}

/* Where a value lies on the plot's vertical axis: high at the top. */
int64_t
chart_y(const struct chart_box *plot, const struct chart_scale *s,
    int64_t value)
{
	value = clamp(value, s->low, s->high);
	return plot->y + div_round((s->high - value) * plot->h,
	    s->high - s->low);
}

/*
 * Bar s of `series` in slot `slot` of `slots` side by side across the
 * plot, rising from zero (or falling, for a negative value).  A fifth
 * of each slot is left as the gap between slots; a bar is never
 * narrower than a tenth of a unit.
 */
void
chart_column(struct chart_box *bar, const struct chart_box *plot,
    const struct chart_scale *s, size_t slots, size_t slot, size_t series,
    size_t si, int64_t value)
{
	int64_t	start, end, gap, width, zero, top;

	slots = slots < 1 ? 1 : slots;
	series = series < 1 ? 1 : series;
	start = plot->x + (int64_t)slot * plot->w / (int64_t)slots;
	end = plot->x + (int64_t)(slot + 1) * plot->w / (int64_t)slots;
	gap = (end - start) / 5;
	width = (end - start - gap) / (int64_t)series;
	width = width < 1 ? 1 : width;
	bar->x = start + gap / 2 + (int64_t)si * width;
	bar->w = width;
	zero = chart_y(plot, s, 0);
	top = chart_y(plot, s, value);
	bar->y = top < zero ? top : zero;
	bar->h = top < zero ? zero - top : top - zero;
}

/* A horizontal bar's length: value's share of max, in length's units. */
int64_t
chart_length(int64_t value, int64_t max, int64_t length)
{
	if (value <= 0 || max <= 0)
		return 0;
	if (value >= max)
		return length;
	return div_round(value * length, max);
}

/*
 * With room for `room` labels along an axis of n slots, label every
 * this many (slot 0 first), so no two labels overlap.
 */
size_t
chart_label_every(size_t n, size_t room)
{
	room = room < 1 ? 1 : room;
	return n <= room ? 1 : (n + room - 1) / room;
}

/* Tenths as an attribute value: "12.3", "12", "-0.5". */
char *
chart_coord(char out[CHART_COORD_MAX], int64_t tenths)
{
	uint64_t	abs = tenths < 0 ? -(uint64_t)tenths : (uint64_t)tenths;
	char		*p = out;

	if (tenths < 0)
		*p++ = '-';
	p = fmt_uint(p, abs / 10, 1);
	if (abs % 10 != 0) {
		*p++ = '.';
		*p++ = (char)('0' + abs % 10);
	}
	*p = '\0';
	return out;
}
