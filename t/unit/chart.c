/* chart.c (test): nice scales, bars placed in the viewBox (negative ones too), horizontal lengths, label thinning and coordinates. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "chart.h"
#include "tap.h"

/* The analytics pages' plot: x, y, width, height in tenths. */
static const struct chart_box	plot = { 840, 360, 5460, 2240 };

static void
test_nice(void)
{
	static const struct {
		int64_t	v, want;
	} cases[] = {
		{ -5, 1 }, { 0, 1 }, { 1, 1 }, { 2, 2 }, { 3, 5 }, { 5, 5 },
		{ 6, 10 }, { 11, 20 }, { 21, 50 }, { 51, 100 }, { 1000, 1000 },
		{ 1001, 2000 }, { 4000000, 5000000 },
		{ INT64_C(5000000000000000001), INT64_C(5000000000000000001) },
	};
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_int(chart_nice(cases[i].v), cases[i].want, "nice(%lld)",
		    (long long)cases[i].v);
}

static void
scale_is(int64_t min, int64_t max, int64_t unit, int64_t low, int64_t high,
    int64_t step)
{
	struct chart_scale	s;

	chart_scale(&s, min, max, 4, unit);
	ok(s.low == low && s.high == high && s.step == step,
	    "scale %lld..%lld (unit %lld): %lld..%lld by %lld (got %lld..%lld "
	    "by %lld)", (long long)min, (long long)max, (long long)unit,
	    (long long)low, (long long)high, (long long)step,
	    (long long)s.low, (long long)s.high, (long long)s.step);
}

static void
test_scale(void)
{
	scale_is(0, 7, 1, 0, 8, 2);
	scale_is(0, 8, 1, 0, 8, 2);
	scale_is(0, 23, 1, 0, 30, 10);
	scale_is(0, 100, 1, 0, 100, 50);
	scale_is(0, 1, 1, 0, 1, 1);
	scale_is(0, 0, 1, 0, 1, 1);		/* nothing: still one step */
	scale_is(0, 0, 100, 0, 100, 100);	/* ₹1 for money */
	scale_is(0, 123456, 100, 0, 150000, 50000);
	scale_is(0, 150, 100, 0, 200, 100);	/* never below a rupee */
	scale_is(-250, 1000, 100, -500, 1000, 500);
	scale_is(-3, 0, 1, -3, 0, 1);		/* only negatives */
	scale_is(5, 7, 1, 0, 8, 2);		/* zero stays on the axis */
	scale_is(-CHART_VALUE_MAX * 10, CHART_VALUE_MAX * 10, 1,
	    -CHART_VALUE_MAX, CHART_VALUE_MAX, CHART_VALUE_MAX / 2);
}

static void
test_y(void)
{
	struct chart_scale	s;

	chart_scale(&s, 0, 8, 4, 1);
	is_int(chart_y(&plot, &s, 8), 360, "y: the top of the scale is the plot's top");
	is_int(chart_y(&plot, &s, 0), 2600, "y: zero is its bottom");
	is_int(chart_y(&plot, &s, 4), 1480, "y: half way");
	is_int(chart_y(&plot, &s, 1), 2320, "y: an eighth up");
	is_int(chart_y(&plot, &s, 99), 360, "y: above the scale is clamped");
	is_int(chart_y(&plot, &s, -1), 2600, "y: below it too");
}

static void
test_columns(void)
{
	struct chart_scale	s;
	struct chart_box	b, prev;
	size_t			i;
	int			inside = 1, apart = 1;

	chart_scale(&s, 0, 8, 4, 1);
	chart_column(&b, &plot, &s, 2, 0, 1, 0, 8);
	ok(b.x == 840 + 273 && b.w == 2184 && b.y == 360 && b.h == 2240,
	    "column: the tallest bar of two fills its slot but the gap "
	    "(%lld %lld %lld %lld)", (long long)b.x, (long long)b.y,
	    (long long)b.w, (long long)b.h);
	chart_column(&b, &plot, &s, 2, 1, 1, 0, 0);
	ok(b.x == 840 + 2730 + 273 && b.h == 0 && b.y == 2600,
	    "column: a zero is a bar of no height on the axis");
	chart_column(&b, &plot, &s, 1, 0, 2, 1, 4);
	ok(b.x == 840 + 546 + 2184 && b.w == 2184 && b.y == 1480 && b.h == 1120,
	    "column: the second of two series sits beside the first");

	chart_scale(&s, -500, 1000, 4, 100);
	chart_column(&b, &plot, &s, 1, 0, 1, 0, -500);
	ok(b.y == 1853 && b.h == 747, "column: a negative value hangs "
	    "from zero (%lld %lld)", (long long)b.y, (long long)b.h);
	chart_column(&b, &plot, &s, 1, 0, 1, 0, 1000);
	ok(b.y == 360 && b.h == 1493, "column: a positive one rises to it");

	/* A year of days: every bar inside the plot, none overlapping. */
	chart_scale(&s, 0, 300, 4, 1);
	for (i = 0; i < 366; i++) {
		chart_column(&b, &plot, &s, 366, i, 2, i % 2, (int64_t)i % 300);
		if (b.x < plot.x || b.x + b.w > plot.x + plot.w || b.w < 1 ||
		    b.y < plot.y || b.y + b.h > plot.y + plot.h)
			inside = 0;
		if (i > 0 && b.x < prev.x + prev.w)
			apart = 0;
		prev = b;
	}
	ok(inside, "column: 366 slots of two bars stay inside the plot");
	ok(apart, "column: and never overlap");
}

static void
test_length(void)
{
	is_int(chart_length(5, 10, 5000), 2500, "length: half");
	is_int(chart_length(1, 3, 5000), 1667, "length: rounded");
	is_int(chart_length(10, 10, 5000), 5000, "length: the max is full");
	is_int(chart_length(11, 10, 5000), 5000, "length: beyond it too");
	is_int(chart_length(0, 10, 5000), 0, "length: zero");
	is_int(chart_length(-3, 10, 5000), 0, "length: negative is none");
	is_int(chart_length(3, 0, 5000), 0, "length: of no max, none");
	is_int(chart_length(CHART_VALUE_MAX - 1, CHART_VALUE_MAX, 6400), 6400,
	    "length: huge values do not overflow");
}

static void
test_labels(void)
{
	is_int(chart_label_every(30, 9), 4, "labels: 30 days, room for 9");
	is_int(chart_label_every(9, 9), 1, "labels: all fit");
	is_int(chart_label_every(366, 9), 41, "labels: a year");
	is_int(chart_label_every(0, 9), 1, "labels: none");
	is_int(chart_label_every(5, 0), 5, "labels: no room still shows one");
}

static void
test_coord(void)
{
	char	out[CHART_COORD_MAX];

	is_str(chart_coord(out, 123), "12.3", "coord: tenths");
	is_str(chart_coord(out, 120), "12", "coord: whole");
	is_str(chart_coord(out, 0), "0", "coord: zero");
	is_str(chart_coord(out, -5), "-0.5", "coord: negative");
	is_str(chart_coord(out, INT64_MIN), "-922337203685477580.8",
	    "coord: the least int64_t");
}

int
main(void)
{
	test_nice();
	test_scale();
	test_y();
	test_columns();
	test_length();
	test_labels();
	test_coord();
	return done_testing();
}
