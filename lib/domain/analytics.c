/* analytics.c: the operations figures over a range of days, each one aggregate SELECT over an index (sql/020), with its definition beside it. */
#include <string.h>

#include "analytics.h"
#include "arena.h"
#include "db.h"
#include "setting.h"

/*
 * Why no cache of past days: timed on 100,000 bookings (bench/fill.sql
 * plus a payment and a review for each paid one, on two shared cores),
 * the default 30 days cost about 30 ms a page and a whole year 250 to
 * 400 ms, over half of that the funnel, which no cache of closed days
 * could hold: a booking made on a closed day still moves through the
 * stages, and a dispute settled later leaves its week's count.  What a
 * closed day could keep (bookings per day, captures and refunds,
 * ratings, services) is about 150 ms of a year and a few ms of a month,
 * not worth a table to keep in step.  So every figure is computed on
 * request, each from one index range (sql/020), and none is ever
 * stale.  Should a year's page matter, per-day rows of bookings,
 * captures and refunds before today are the first to keep.
 *
 * Buckets are computed here, not by SQLite's date functions: the range
 * starts at a local midnight bound as :from, and (at - :from) / :span
 * numbers the day or week of an instant, which PostgreSQL computes the
 * same way.
 */

static const char *const stage_labels[STAGE__MAX] = {
	[STAGE_BOOKED] = "Booked",
	[STAGE_ACCEPTED] = "Accepted by a vendor",
	[STAGE_COMPLETED] = "Completed",
	[STAGE_SIGNED] = "Signed by the customer",
	[STAGE_PAID] = "Paid",
};

/* The status whose event marks each stage; the first is every booking. */
static const char *const stage_statuses[STAGE__MAX] = {
	[STAGE_BOOKED] = "pending",
	[STAGE_ACCEPTED] = "accepted",
	[STAGE_COMPLETED] = "completed",
	[STAGE_SIGNED] = "signed",
	[STAGE_PAID] = "paid",
};

const char *
analytics_stage_label(enum analytics_stage s)
{
	return stage_labels[s];
}

/*
 * The range [from, to) of whole days: 0, or -1 when it holds no day or
 * more than ANALYTICS_MAX_DAYS.  A day with a change of clocks (none in
 * India) rounds to the nearest whole day.
 */
int
analytics_range_days(struct analytics_range *r, int64_t from, int64_t to)
{
	int64_t	days = (to - from + ANALYTICS_DAY / 2) / ANALYTICS_DAY;

	if (to <= from || days < 1 || days > ANALYTICS_MAX_DAYS)
		return -1;
	r->from = from;
	r->to = to;
	r->days = (size_t)days;
	r->weeks = (r->days + 6) / 7;
	return 0;
}

static void
bind_range(sqlite3_stmt *st, const struct analytics_range *r)
{
	db_bind_int(st, ":from", r->from);
	db_bind_int(st, ":to", r->to);
}

/* A bucket number from SQL, kept inside the n buckets there are. */
static size_t
bucket(int64_t i, size_t n)
{
	return i < 0 ? 0 : (size_t)i >= n ? n - 1 : (size_t)i;
}

/* Bookings per day: bookings made (created) on each day. */
static void
per_day_read(struct db *db, const struct analytics_range *r, int64_t *out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT (created_at - :from) / :span AS day, count(*) "
	    "FROM bookings WHERE created_at >= :from AND created_at < :to "
	    "GROUP BY day");

	bind_range(st, r);
	db_bind_int(st, ":span", ANALYTICS_DAY);
	while (db_step(st) == DB_ROW)
		out[bucket(db_int(st, 0), r->days)] += db_int(st, 1);
	db_done(st);
}

/*
 * Revenue per week: the amounts of payments captured in the week, and
 * apart, the refunds made in it (a refund counts in the week it was
 * made, whenever its payment was captured).
 */
static void
revenue_read(struct db *db, const struct analytics_range *r,
    struct analytics_week *out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT (captured_at - :from) / :span AS week, sum(amount_paise) "
	    "FROM payments WHERE captured_at >= :from AND captured_at < :to "
	    "GROUP BY week");

	bind_range(st, r);
	db_bind_int(st, ":span", ANALYTICS_WEEK);
	while (db_step(st) == DB_ROW)
		out[bucket(db_int(st, 0), r->weeks)].captured_paise +=
		    db_int(st, 1);
	db_done(st);
	st = db_prepare(db,
	    "SELECT (created_at - :from) / :span AS week, sum(amount_paise) "
	    "FROM payment_refunds WHERE created_at >= :from AND created_at < :to "
	    "GROUP BY week");
	bind_range(st, r);
	db_bind_int(st, ":span", ANALYTICS_WEEK);
	while (db_step(st) == DB_ROW)
		out[bucket(db_int(st, 0), r->weeks)].refunded_paise +=
		    db_int(st, 1);
	db_done(st);
}

/*
 * Cancellations and disputes per week, each in the week the booking
 * moved there by its timeline.  A booking counts as cancelled when it
 * was ever cancelled (nothing leaves that status), and as disputed when
 * it is disputed or its dispute was settled ('resolved'): a dispute
 * counts in the week it was raised, whatever became of it.
 */
#define DISPUTED_STATUSES	"('disputed', 'resolved')"

static void
trouble_read(struct db *db, const struct analytics_range *r,
    struct analytics_week *out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT (e.at - :from) / :span AS week, "
	    "count(DISTINCT CASE WHEN e.to_status = 'cancelled' "
	    "THEN e.booking_id END), "
	    "count(DISTINCT CASE WHEN e.to_status = 'disputed' "
	    "AND b.status IN " DISPUTED_STATUSES " THEN e.booking_id END) "
	    "FROM booking_events e JOIN bookings b ON b.id = e.booking_id "
	    "WHERE e.to_status IN ('cancelled', 'disputed') "
	    "AND e.at >= :from AND e.at < :to GROUP BY week");
	struct analytics_week	*w;

	bind_range(st, r);
	db_bind_int(st, ":span", ANALYTICS_WEEK);
	while (db_step(st) == DB_ROW) {
		w = &out[bucket(db_int(st, 0), r->weeks)];
		w->cancelled += db_int(st, 1);
		w->disputed += db_int(st, 2);
	}
	db_done(st);
}

/*
 * The funnel: of the bookings made in the range, how many ever reached
 * each stage, by their timeline, whatever came after (a job accepted
 * and then cancelled still counts as accepted; one accepted twice,
 * once).  A disputed job that operations settled reaches paid without
 * being signed.  Booked, the first stage, is every booking made.
 */
static void
funnel_read(struct db *db, const struct analytics_range *r, int64_t *out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT e.to_status, count(DISTINCT e.booking_id) "
	    "FROM bookings b JOIN booking_events e ON e.booking_id = b.id "
	    "WHERE b.created_at >= :from AND b.created_at < :to "
	    "AND e.to_status IN ('accepted', 'completed', 'signed', 'paid') "
	    "GROUP BY e.to_status");
	const char	*status;
	size_t		 s;

	bind_range(st, r);
	while (db_step(st) == DB_ROW) {
		status = db_text_tmp(st, 0);
		for (s = STAGE_ACCEPTED; s < STAGE__MAX; s++)
			if (strcmp(status, stage_statuses[s]) == 0)
				out[s] = db_int(st, 1);
	}
	db_done(st);
}

/* Ratings: reviews written in the range, by their stars. */
static void
ratings_read(struct db *db, const struct analytics_range *r, int64_t *out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT rating, count(*) FROM reviews "
	    "WHERE created_at >= :from AND created_at < :to GROUP BY rating");
	int64_t		 stars;

	bind_range(st, r);
	while (db_step(st) == DB_ROW)
		if ((stars = db_int(st, 0)) >= 1 && stars <= 5)
			out[stars - 1] = db_int(st, 1);
	db_done(st);
}

/*
 * Top services: bookings made in the range per service, active or not,
 * the most booked first (then by name).
 */
static void
services_read(struct db *db, struct arena *a, const struct analytics_range *r,
    struct analytics *out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT s.id, s.name, t.n FROM (SELECT service_id, count(*) AS n "
	    "FROM bookings WHERE created_at >= :from AND created_at < :to "
	    "GROUP BY service_id) t JOIN services s ON s.id = t.service_id "
	    "ORDER BY t.n DESC, s.name, s.id LIMIT :limit");
	struct analytics_service	*sv;

	out->services = arena_alloc(a, sizeof(*out->services) *
	    ANALYTICS_TOP_SERVICES);
	bind_range(st, r);
	db_bind_int(st, ":limit", ANALYTICS_TOP_SERVICES);
	while (db_step(st) == DB_ROW) {
		sv = &out->services[out->nservices++];
		sv->service_id = db_int(st, 0);
		sv->name = db_text(st, 1, a);
		sv->bookings = db_int(st, 2);
	}
	db_done(st);
}

/*
 * Vendor utilisation: for each active vendor (verified and not blocked
 * now), the jobs they hold or held that start in the range (accepted or
 * further along: not pending or cancelled) and their booked length; the
 * busiest ANALYTICS_TOP_VENDORS kept, every one counted.  Their share
 * of the hours visits may start (settings hours_start to hours_end,
 * times the days) is the page's to divide.
 */
static void
vendors_read(struct db *db, struct arena *a, const struct analytics_range *r,
    struct analytics *out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT p.user_id, u.username, p.business_name, count(b.id), "
	    "coalesce(sum(b.duration_minutes), 0) AS minutes "
	    "FROM vendor_profiles p JOIN users u ON u.id = p.user_id "
	    "LEFT JOIN bookings b ON b.vendor_id = p.user_id "
	    "AND b.scheduled_at >= :from AND b.scheduled_at < :to "
	    "AND b.status NOT IN ('pending', 'cancelled') "
	    "WHERE p.status = 'verified' AND u.is_blocked = 0 "
	    "GROUP BY p.user_id, u.username, p.business_name "
	    "ORDER BY minutes DESC, u.username");
	struct analytics_vendor	*v;
	int64_t			 minutes;

	out->vendors = arena_alloc(a, sizeof(*out->vendors) *
	    ANALYTICS_TOP_VENDORS);
	bind_range(st, r);
	while (db_step(st) == DB_ROW) {
		minutes = db_int(st, 4);
		out->active_vendors++;
		out->idle_vendors += db_int(st, 3) == 0;
		out->booked_minutes += minutes;
		if (out->nvendors == ANALYTICS_TOP_VENDORS)
			continue;
		v = &out->vendors[out->nvendors++];
		v->vendor_id = db_int(st, 0);
		v->username = db_text(st, 1, a);
		v->business_name = db_text(st, 2, a);
		v->jobs = db_int(st, 3);
		v->minutes = minutes;
	}
	db_done(st);
	out->open_minutes = (setting(db, SET_HOURS_END) -
	    setting(db, SET_HOURS_START)) * (int64_t)r->days;
	if (out->open_minutes < 0)
		out->open_minutes = 0;
}

/* Every figure of the range, in memory from the arena. */
void
analytics_read(struct db *db, struct arena *a, const struct analytics_range *r,
    struct analytics *out)
{
	size_t	i;

	memset(out, 0, sizeof(*out));
	out->per_day = arena_zalloc(a, sizeof(*out->per_day) * r->days);
	out->weeks = arena_zalloc(a, sizeof(*out->weeks) * r->weeks);
	per_day_read(db, r, out->per_day);
	for (i = 0; i < r->days; i++)
		out->funnel[STAGE_BOOKED] += out->per_day[i];
	revenue_read(db, r, out->weeks);
	trouble_read(db, r, out->weeks);
	funnel_read(db, r, out->funnel);
	ratings_read(db, r, out->ratings);
	services_read(db, a, r, out);
	vendors_read(db, a, r, out);
}
