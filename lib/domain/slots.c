/* slots.c: the start times a service can be booked at on each of the next days: inside the hours with the visit's length, after the lead time, with a verified vendor free in the pincode (one indexed query a day). */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "fmt.h"
#include "setting.h"
#include "slots.h"

/* Does the vendor's job overlap a visit [start, end), travel included? */
static int
slots_overlaps(const struct slots_busy *b, int64_t start, int64_t end,
    int64_t buffer)
{
	return b->start != b->end && b->start < end + buffer &&
	    b->end + buffer > start;
}

/*
 * Is some vendor free for [start, end)?  busy is grouped by vendor (the
 * query orders it): a vendor is free when none of their rows overlaps.
 */
static int
slots_someone_free(const struct slots_busy *busy, size_t n, int64_t start,
    int64_t end, int64_t buffer)
{
	size_t	i = 0, j;
	int	clash;

	while (i < n) {
		clash = 0;
		for (j = i; j < n && busy[j].vendor == busy[i].vendor; j++)
			clash |= slots_overlaps(&busy[j], start, end, buffer);
		if (!clash)
			return 1;
		i = j;
	}
	return 0;
}

/*
 * The starts of one day a customer may book, earliest first, at most
 * max: every step from the opening whose visit ends by the close, not
 * before the lead time nor beyond the horizon, with a vendor free.
 * Pure: the unit test gives it the rules and the vendors' jobs.
 */
size_t
slots_compute(const struct slots_rules *r, const struct slots_busy *busy,
    size_t nbusy, int64_t *out, size_t max)
{
	int64_t	minute, at;
	size_t	n = 0;

	if (r->step <= 0)
		return 0;
	for (minute = r->opens; minute + r->duration <= r->closes &&
	    n < max; minute += r->step) {
		at = r->day_start + minute * 60;
		if (at < r->earliest || at > r->latest)
			continue;
		if (slots_someone_free(busy, nbusy, at, at + r->duration * 60,
		    r->buffer))
			out[n++] = at;
	}
	return n;
}

/* The local midnights of today and the next SLOTS_DAYS - 1 days. */
size_t
slots_days(int64_t now, int64_t days[SLOTS_DAYS])
{
	char	iso[FMT_DAY_MAX];
	int64_t	start, end = now;
	size_t	i;

	for (i = 0; i < SLOTS_DAYS; i++) {
		if (fmt_parse_day(fmt_day_iso(iso, end), &start, &end) != 0)
			return i;
		days[i] = start;
	}
	return SLOTS_DAYS;
}

/* Is when one of the day's starts (the step from the opening)? */
int
slots_on_grid(struct db *db, int64_t day_start, int64_t when)
{
	int64_t	minute = (when - day_start) / 60;

	return when >= day_start && (when - day_start) % 60 == 0 &&
	    minute < 24 * 60 && minute >= setting(db, SET_HOURS_START) &&
	    (minute - setting(db, SET_HOURS_START)) %
	    setting(db, SET_SLOT_MINUTES) == 0;
}

/*
 * Every verified, unblocked vendor of the category in the pincode (the
 * rule of booking.c's vendor_serves) with their accepted or started
 * jobs near the day: one query, from the pincode's index and each
 * vendor's jobs by bookings_vendor (vendor_id, scheduled_at).
 */
static size_t
slots_busy_read(struct db *db, struct arena *a, const struct slots_want *want,
    int64_t day_start, int64_t buffer, struct slots_busy **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT z.vendor_id, coalesce(b.scheduled_at, 0), "
	    "coalesce(b.scheduled_at + b.duration_minutes * 60, 0) "
	    "FROM vendor_pincodes z "
	    "JOIN vendor_categories c ON c.vendor_id = z.vendor_id "
	    "AND c.category = :cat "
	    "JOIN vendor_profiles p ON p.user_id = z.vendor_id "
	    "AND p.status = 'verified' "
	    "JOIN users u ON u.id = z.vendor_id AND u.is_blocked = 0 "
	    "LEFT JOIN bookings b ON b.vendor_id = z.vendor_id "
	    "AND b.scheduled_at > :from AND b.scheduled_at < :to "
	    "AND b.status IN ('accepted', 'in_progress') "
	    "WHERE z.pincode = :pin ORDER BY z.vendor_id LIMIT 10000");
	size_t		 n = 0, cap = 16;
	struct slots_busy *list = arena_alloc(a, sizeof(*list) * cap), *grown;

	/* A job starting the day before may run into this one. */
	db_bind_text(st, ":cat", want->category);
	db_bind_text(st, ":pin", want->pincode);
	db_bind_int(st, ":from", day_start - 86400 - buffer);
	db_bind_int(st, ":to", day_start + 86400 + buffer);
	while (db_step(st) == DB_ROW) {
		if (n == cap) {
			grown = arena_alloc(a, sizeof(*list) * cap * 2);
			memcpy(grown, list, sizeof(*list) * n);
			list = grown;
			cap *= 2;
		}
		list[n++] = (struct slots_busy){ db_int(st, 0), db_int(st, 1),
		    db_int(st, 2) };
	}
	db_done(st);
	*out = list;
	return n;
}

/* The day's bookable starts for the service in the pincode, by the settings. */
size_t
slots_for_day(struct db *db, struct arena *a, const struct slots_want *want,
    int64_t day_start, int64_t now, int64_t **starts)
{
	struct slots_rules	 r;
	struct slots_busy	*busy;
	size_t			 nbusy, max;

	r = (struct slots_rules){ day_start, setting(db, SET_HOURS_START),
	    setting(db, SET_HOURS_END), setting(db, SET_SLOT_MINUTES),
	    want->duration, now + setting(db, SET_LEAD_HOURS) * 3600,
	    now + setting(db, SET_HORIZON_DAYS) * 86400,
	    setting(db, SET_BUFFER_MINUTES) * 60 };
	max = (size_t)(24 * 60 / (r.step > 0 ? r.step : 1) + 1);
	*starts = arena_alloc(a, sizeof(**starts) * max);
	nbusy = slots_busy_read(db, a, want, day_start, r.buffer, &busy);
	return slots_compute(&r, busy, nbusy, *starts, max);
}

/* Nearest to wanted first, the earlier of two as near (an insertion sort). */
static void
slots_sort_nearest(int64_t *v, size_t n, int64_t wanted)
{
	int64_t	x;
	size_t	i, j;

	for (i = 1; i < n; i++) {
		x = v[i];
		for (j = i; j > 0 && (llabs(v[j - 1] - wanted) > llabs(x - wanted) ||
		    (llabs(v[j - 1] - wanted) == llabs(x - wanted) &&
		    v[j - 1] > x)); j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/*
 * Free starts to offer instead of wanted, at most max: the same day's,
 * nearest first, then the following days' of the SLOTS_DAYS, earliest
 * first.  A query per day looked at, only when a slot filled up.
 */
size_t
slots_nearest(struct db *db, struct arena *a, const struct slots_want *want,
    int64_t wanted, int64_t now, int64_t *out, size_t max)
{
	int64_t	 days[SLOTS_DAYS], *starts;
	size_t	 ndays = slots_days(now, days), i, k, n = 0, found, first;

	for (i = 0; i + 1 < ndays && days[i + 1] <= wanted; i++)
		;
	for (first = i; i < ndays && n < max; i++) {
		found = slots_for_day(db, a, want, days[i], now, &starts);
		if (i == first && wanted >= days[i])
			slots_sort_nearest(starts, found, wanted);
		for (k = 0; k < found && n < max; k++)
			if (starts[k] != wanted)
				out[n++] = starts[k];
	}
	return n;
}
