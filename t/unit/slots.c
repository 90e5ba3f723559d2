/* slots.c (test): a day's bookable starts from the rules alone: the hours with the visit's length, the step, the lead time and the horizon, and vendors' jobs (with the travel buffer) leaving a start only when every vendor is busy; and the next 7 local midnights. */
#include <stdint.h>
#include <stdio.h>

#include "fmt.h"
#include "slots.h"
#include "tap.h"

#define DAY	((int64_t)1796083200)	/* 2026-12-01 00:00 UTC, any midnight */
#define AT(h, m)	(DAY + (h) * 3600 + (m) * 60)

/* 08:00-20:00, every 30 minutes, a 90-minute visit, nothing else in the way. */
static const struct slots_rules plain = { DAY, 8 * 60, 20 * 60, 30, 90, 0,
    INT64_MAX, 30 * 60 };

static size_t
run(const struct slots_rules *r, const struct slots_busy *b, size_t nb,
    int64_t out[300])
{
	return slots_compute(r, b, nb, out, 300);
}

static void
test_hours(void)
{
	static const struct slots_busy	free1[] = { { 7, 0, 0 } };
	struct slots_rules		r = plain;
	int64_t				out[300];
	size_t				n;

	n = run(&r, free1, 1, out);
	is_int(n, 22, "hours: 08:00 to 18:30 every half hour: 22 starts");
	is_int(out[0], AT(8, 0), "hours: the first at the opening");
	is_int(out[n - 1], AT(18, 30), "hours: the last ends by 20:00");
	r.duration = 120;
	n = run(&r, free1, 1, out);
	is_int(out[n - 1], AT(18, 0), "hours: a 120-minute visit: the last at 18:00");
	r.step = 60;
	is_int(run(&r, free1, 1, out), 11, "step: hourly, 08:00 to 18:00: 11");
	r.step = 45;
	n = run(&r, free1, 1, out);
	is_int(out[1], AT(8, 45), "step: 45 minutes from the opening");
	r = plain;
	r.duration = 13 * 60;
	is_int(run(&r, free1, 1, out), 0, "hours: a visit longer than the day: none");
	r = plain;
	r.step = 0;
	is_int(run(&r, free1, 1, out), 0, "step: 0 is refused, not looped on");
	r = plain;
	is_int(slots_compute(&r, free1, 1, out, 3), 3, "max: at most what fits");
}

static void
test_window(void)
{
	static const struct slots_busy	free1[] = { { 7, 0, 0 } };
	struct slots_rules		r = plain;
	int64_t				out[300];
	size_t				n;

	r.earliest = AT(10, 1);
	n = run(&r, free1, 1, out);
	is_int(out[0], AT(10, 30), "lead: nothing before now plus the lead time");
	r.earliest = AT(10, 0);
	n = run(&r, free1, 1, out);
	is_int(out[0], AT(10, 0), "lead: exactly the lead time is allowed");
	r = plain;
	r.latest = AT(12, 0);
	n = run(&r, free1, 1, out);
	is_int(out[n - 1], AT(12, 0), "horizon: nothing beyond it");
	r.earliest = DAY + 86400;
	is_int(run(&r, free1, 1, out), 0, "a day already past: none");
}

static void
test_vendors(void)
{
	/* Vendor 7: a job 12:00-13:00; vendor 9: free. */
	static const struct slots_busy	one[] = {
		{ 7, AT(12, 0), AT(13, 0) },
	};
	static const struct slots_busy	two[] = {
		{ 7, AT(12, 0), AT(13, 0) }, { 9, 0, 0 },
	};
	static const struct slots_busy	both[] = {
		{ 7, AT(12, 0), AT(13, 0) }, { 7, AT(16, 0), AT(17, 0) },
		{ 9, AT(12, 30), AT(14, 0) },
	};
	struct slots_rules		r = plain;
	int64_t				out[300];
	size_t				n, i;
	int				has1000 = 0, has1030 = 0, has1300 = 0,
					has1330 = 0;

	is_int(run(&r, NULL, 0, out), 0, "no vendor at all: none");
	n = run(&r, one, 1, out);
	for (i = 0; i < n; i++) {
		has1000 |= out[i] == AT(10, 0);
		has1030 |= out[i] == AT(10, 30);
		has1300 |= out[i] == AT(13, 0);
		has1330 |= out[i] == AT(13, 30);
	}
	is_int(n, 22 - 6, "the only vendor busy 12-13 (+30 buffer): 10:30 to 13:00 gone");
	ok(has1000 && !has1030, "10:00 ends at 11:30, the buffer's edge: kept; 10:30 gone");
	ok(!has1300 && has1330, "13:00 inside the buffer: gone; 13:30 kept");
	is_int(run(&r, two, 2, out), 22, "another vendor free: every start");
	n = run(&r, both, 3, out);
	for (i = 0, has1030 = has1330 = 0; i < n; i++) {
		has1030 |= out[i] == AT(12, 0);
		has1330 |= out[i] == AT(16, 0);
	}
	ok(!has1030, "12:00: both vendors busy: gone");
	ok(has1330, "16:00: vendor 7 busy, vendor 9 free: kept");
	r.buffer = 0;
	n = run(&r, one, 1, out);
	is_int(n, 22 - 4, "no buffer: only the four overlapping starts gone");
}

static void
test_days(void)
{
	int64_t	days[SLOTS_DAYS];
	char	iso[FMT_DAY_MAX];
	size_t	n;

	fmt_set_timezone("Asia/Kolkata");
	/* 2026-12-01 23:30 India time. */
	n = slots_days(DAY + 18 * 3600, days);
	is_int(n, SLOTS_DAYS, "days: 7");
	is_str(fmt_day_iso(iso, days[0]), "2026-12-01", "days: today first");
	is_int(days[0], DAY - 19800, "days: from the India midnight");
	is_str(fmt_day_iso(iso, days[6]), "2026-12-07", "days: 6 days on");
	is_int(days[6] - days[0], 6 * 86400, "days: a day apart");
	n = slots_days(DAY + 18 * 3600 + 1800, days);
	is_str(fmt_day_iso(iso, days[0]), "2026-12-02", "days: after India midnight, the next");
}

int
main(void)
{
	test_hours();
	test_window();
	test_vendors();
	test_days();
	return done_testing();
}
