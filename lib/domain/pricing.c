/* pricing.c: demand pricing: the formula, the daily recomputation, operations' overrides, and the price a customer is quoted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "arena.h"
#include "audit.h"
#include "catalog.h"
#include "clock.h"
#include "db.h"
#include "fmt.h"
#include "log.h"
#include "pricing.h"
#include "setting.h"

/* The largest step at most the setting: 1.23 allows 1.20. */
int64_t
pricing_cap(int64_t max_setting)
{
	if (max_setting <= PRICING_NONE)
		return PRICING_NONE;
	return max_setting - (max_setting - PRICING_NONE) % PRICING_STEP;
}

/*
 * The factor for a pincode and category from its demand (the formula
 * in pricing.h): one step of 0.05 for each full PRICING_STEP_DEMAND
 * requests per vendor beyond PRICING_BASELINE, in whole numbers so
 * that no rounding can differ between the page and the job.
 */
int64_t
pricing_factor_compute(const struct pricing_demand *d, int64_t cap)
{
	int64_t	demand = d->bookings + d->refused, excess, steps;

	if (demand <= 0)
		return PRICING_NONE;
	if (d->vendors <= 0)
		return cap;
	excess = demand - PRICING_BASELINE * d->vendors;
	if (excess <= 0)
		return PRICING_NONE;
	steps = excess / (PRICING_STEP_DEMAND * d->vendors);
	if (steps >= (cap - PRICING_NONE) / PRICING_STEP)
		return cap;
	return PRICING_NONE + steps * PRICING_STEP;
}

/*
 * The catalogue's price with the factor: the adjustment (price x
 * (factor - 1)) is rounded to the rupee, half up, and added, so the
 * result is never below the catalogue price and keeps its paise
 * (₹499.50 at 1.05 is ₹499.50 + ₹25 = ₹524.50).
 */
int64_t
pricing_price(int64_t paise, int64_t factor)
{
	int64_t	rupees;

	if (factor <= PRICING_NONE)
		return paise;
	/* paise x hundredths is 1/10000 of a rupee. */
	rupees = (paise * (factor - PRICING_NONE) + 5000) / 10000;
	return paise + rupees * 100;
}

/* "1.1", "1.10", "1": 0 and the hundredths, or -1; the range is not checked. */
int
pricing_factor_parse(const char *s, int64_t *factor)
{
	if (strlen(s) > 6 || fmt_parse_money(s, factor))
		return -1;
	return 0;
}

/* "1.10": how a factor is written everywhere. */
char *
pricing_factor_text(struct arena *a, int64_t factor)
{
	return arena_printf(a, "%lld.%02lld", (long long)(factor / 100),
	    (long long)(factor % 100));
}

/* A stored factor (computed or overridden) within today's cap; 100 if none. */
static int64_t
stored_factor(struct db *db, const char *pincode, const char *category,
    int64_t cap)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT coalesce(override_factor, factor) FROM price_factors "
	    "WHERE pincode = :p AND category = :c");
	int64_t		 f = PRICING_NONE;

	db_bind_text(st, ":p", pincode);
	db_bind_text(st, ":c", category);
	if (db_step(st) == DB_ROW)
		f = db_int(st, 0);
	db_done(st);
	return f < cap ? f : cap;
}

/*
 * The factor in force for a pincode and category: 1.00 while pricing
 * is off; else the override or the computed factor, never above the
 * maximum of the moment (lowering the setting applies at once).
 */
int64_t
pricing_factor(struct db *db, const char *pincode, const char *category)
{
	if (!setting(db, SET_PRICING_ENABLED))
		return PRICING_NONE;
	return stored_factor(db, pincode, category,
	    pricing_cap(setting(db, SET_PRICING_MAX_FACTOR)));
}

static int
pincode_valid(const char *s)
{
	return s != NULL && strlen(s) == 6 && strspn(s, "0123456789") == 6 &&
	    s[0] != '0';
}

/*
 * What the customer pays for the service in the pincode (none yet, or
 * not a pincode: the catalogue price).  A factor whose adjustment rounds
 * to nothing is recorded as 1.00: the booking says what it included.
 */
void
pricing_quote(struct db *db, const struct service *s, const char *pincode,
    struct pricing_quote *q)
{
	int64_t	factor = pincode_valid(pincode) ?
		    pricing_factor(db, pincode, s->category) : PRICING_NONE;

	q->price_paise = pricing_price(s->price_paise, factor);
	q->factor = q->price_paise > s->price_paise ? factor : PRICING_NONE;
}

/* The factor a booking was priced with (sql/024's column); 100 if none. */
int64_t
pricing_booking_factor(struct db *db, int64_t booking)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT price_factor FROM bookings WHERE id = :id");
	int64_t		 f = PRICING_NONE;

	db_bind_int(st, ":id", booking);
	if (db_step(st) == DB_ROW)
		f = db_int(st, 0);
	db_done(st);
	return f;
}

/*
 * Every pincode and category, or one pincode's, in key order (the
 * primary key), with the figures, the override and who made it.
 */
size_t
pricing_list(struct db *db, struct arena *a, const char *pincode,
    size_t limit, struct pricing_row **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT f.pincode, f.category, f.factor, f.bookings, f.refused, "
	    "f.vendors, f.computed_at, f.override_factor, f.override_reason, "
	    "u.username, f.override_at FROM price_factors f "
	    "LEFT JOIN users u ON u.id = f.override_by "
	    "WHERE f.pincode BETWEEN :lo AND :hi "
	    "ORDER BY f.pincode, f.category LIMIT :n");
	int64_t		 cap = pricing_cap(setting(db, SET_PRICING_MAX_FACTOR));
	struct pricing_row *r;
	size_t		 n = 0;

	*out = arena_zalloc(a, sizeof(**out) * (limit ? limit : 1));
	/* One range for both, so the primary key serves either. */
	db_bind_text(st, ":lo", pincode[0] != '\0' ? pincode : "");
	db_bind_text(st, ":hi", pincode[0] != '\0' ? pincode : "999999");
	db_bind_int(st, ":n", (int64_t)limit);
	while (n < limit && db_step(st) == DB_ROW) {
		r = &(*out)[n++];
		r->pincode = db_text(st, 0, a);
		r->category = db_text(st, 1, a);
		r->computed = db_int(st, 2);
		r->demand.bookings = db_int(st, 3);
		r->demand.refused = db_int(st, 4);
		r->demand.vendors = db_int(st, 5);
		r->computed_at = db_int(st, 6);
		r->override = db_int(st, 7);
		r->reason = db_text(st, 8, a);
		r->override_by = db_text(st, 9, a);
		r->override_at = db_int(st, 10);
		r->in_force = r->override ? r->override : r->computed;
		if (r->in_force > cap)
			r->in_force = cap;
	}
	db_done(st);
	return n;
}

/*
 * Start a run: computed rows go, overridden ones stay at 1.00 with no
 * figures until this run's demand finds them again.
 */
static void
recompute_clear(struct db *db, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "DELETE FROM price_factors WHERE override_factor IS NULL");

	db_step(st);
	db_done(st);
	st = db_prepare(db,
	    "UPDATE price_factors SET factor = 100, bookings = 0, refused = 0, "
	    "vendors = 0, computed_at = :now");
	db_bind_int(st, ":now", now);
	db_step(st);
	db_done(st);
}

static void
factor_store(struct db *db, const char *pincode, const char *category,
    int64_t factor, const struct pricing_demand *d, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO price_factors (pincode, category, factor, bookings, "
	    "refused, vendors, computed_at) VALUES (:p, :c, :f, :b, :r, :v, "
	    ":now) ON CONFLICT (pincode, category) DO UPDATE SET "
	    "factor = excluded.factor, bookings = excluded.bookings, "
	    "refused = excluded.refused, vendors = excluded.vendors, "
	    "computed_at = excluded.computed_at");

	db_bind_text(st, ":p", pincode);
	db_bind_text(st, ":c", category);
	db_bind_int(st, ":f", factor);
	db_bind_int(st, ":b", d->bookings);
	db_bind_int(st, ":r", d->refused);
	db_bind_int(st, ":v", d->vendors);
	db_bind_int(st, ":now", now);
	if (db_step(st) != DB_DONE)
		log_fatal("pricing: factor for %s/%s refused", pincode,
		    category);
	db_done(st);
}

/*
 * Recompute every pincode and category with bookings or refusals in
 * the window (from - to], or an active vendor, inside the caller's
 * transaction, with one audit row for the run naming every factor
 * above 1.00.  Returns how many were computed.
 */
size_t
pricing_recompute(struct db *db, struct arena *a, const struct actor *who,
    int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT pincode, category, sum(bookings), sum(refused), "
	    "sum(vendors) FROM ("
	    " SELECT pincode, category, count(*) AS bookings, 0 AS refused, "
	    " 0 AS vendors FROM bookings WHERE created_at > :from "
	    " AND created_at <= :to GROUP BY pincode, category"
	    " UNION ALL"
	    " SELECT r.pincode, s.category, 0, count(*), 0 "
	    " FROM booking_refusals r JOIN services s ON s.id = r.service_id "
	    " WHERE r.created_at > :from AND r.created_at <= :to "
	    " GROUP BY r.pincode, s.category"
	    " UNION ALL"
	    " SELECT z.pincode, c.category, 0, 0, count(*) "
	    " FROM vendor_profiles p JOIN users u ON u.id = p.user_id "
	    " JOIN vendor_categories c ON c.vendor_id = p.user_id "
	    " JOIN vendor_pincodes z ON z.vendor_id = p.user_id "
	    " WHERE p.status = 'verified' AND u.is_blocked = 0 "
	    " GROUP BY z.pincode, c.category"
	    ") AS demand GROUP BY pincode, category");
	int64_t		 cap = pricing_cap(setting(db, SET_PRICING_MAX_FACTOR));
	int64_t		 from = now - PRICING_WINDOW_DAYS * 86400, factor;
	struct pricing_demand d;
	json_t		*raised = json_object();
	size_t		 n = 0;

	recompute_clear(db, now);
	db_bind_int(st, ":from", from);
	db_bind_int(st, ":to", now);
	while (db_step(st) == DB_ROW) {
		d.bookings = db_int(st, 2);
		d.refused = db_int(st, 3);
		d.vendors = db_int(st, 4);
		factor = pricing_factor_compute(&d, cap);
		factor_store(db, db_text_tmp(st, 0), db_text_tmp(st, 1), factor,
		    &d, now);
		if (factor > PRICING_NONE)
			json_object_set_new(raised, arena_printf(a, "%s/%s",
			    db_text_tmp(st, 0), db_text_tmp(st, 1)),
			    json_string(pricing_factor_text(a, factor)));
		n++;
	}
	db_done(st);
	audit_write(db, who, "pricing.recompute", "pricing", 0, NULL,
	    json_pack("{s:I, s:I, s:I, s:s, s:o}", "from", (json_int_t)from,
	    "to", (json_int_t)now, "pairs", (json_int_t)n, "max",
	    pricing_factor_text(a, cap), "raised", raised));
	return n;
}

/* An override row's factor and reason before a change, for the audit. */
static json_t *
override_old(struct db *db, struct arena *a, const char *pincode,
    const char *category)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT override_factor, override_reason FROM price_factors "
	    "WHERE pincode = :p AND category = :c "
	    "AND override_factor IS NOT NULL");
	json_t		*old = NULL;

	db_bind_text(st, ":p", pincode);
	db_bind_text(st, ":c", category);
	if (db_step(st) == DB_ROW)
		old = json_pack("{s:s, s:s, s:s, s:s}", "pincode", pincode,
		    "category", category, "factor", pricing_factor_text(a,
		    db_int(st, 0)), "reason", db_text_tmp(st, 1));
	db_done(st);
	return old;
}

/*
 * Operations set a pincode and category's factor (the category's slug
 * known to exist) with a reason: it wins over the computed one until
 * removed.  PRICING_BAD_FACTOR with *why outside 1.00 to the cap or
 * off a step; else one transaction with its audit row.
 */
enum pricing_result
pricing_override_set(struct db *db, struct arena *a, const struct actor *who,
    const char *pincode, const char *category, int64_t factor,
    const char *reason, const char **why)
{
	int64_t		 cap = pricing_cap(setting(db, SET_PRICING_MAX_FACTOR));
	sqlite3_stmt	*st;
	json_t		*old;

	if (factor < PRICING_NONE || factor > cap ||
	    factor % PRICING_STEP != 0) {
		*why = arena_printf(a, "Factor must be from 1.00 to %s in "
		    "steps of 0.05, like 1.10.", pricing_factor_text(a, cap));
		return PRICING_BAD_FACTOR;
	}
	db_begin(db);
	old = override_old(db, a, pincode, category);
	st = db_prepare(db,
	    "INSERT INTO price_factors (pincode, category, factor, bookings, "
	    "refused, vendors, computed_at, override_factor, override_reason, "
	    "override_by, override_at) VALUES (:p, :c, 100, 0, 0, 0, 0, :f, "
	    ":r, :by, :now) ON CONFLICT (pincode, category) DO UPDATE SET "
	    "override_factor = excluded.override_factor, "
	    "override_reason = excluded.override_reason, "
	    "override_by = excluded.override_by, "
	    "override_at = excluded.override_at");
	db_bind_text(st, ":p", pincode);
	db_bind_text(st, ":c", category);
	db_bind_int(st, ":f", factor);
	db_bind_text(st, ":r", reason);
	db_bind_int(st, ":by", who->user_id);
	db_bind_int(st, ":now", clock_now());
	if (db_step(st) != DB_DONE)
		log_fatal("pricing: override for %s/%s refused", pincode,
		    category);
	db_done(st);
	audit_write(db, who, "pricing.override", "pricing", strtoll(pincode,
	    NULL, 10), old, json_pack("{s:s, s:s, s:s, s:s}", "pincode",
	    pincode, "category", category, "factor", pricing_factor_text(a,
	    factor), "reason", reason));
	db_commit(db);
	return PRICING_OK;
}

/*
 * The computed factor applies again.  PRICING_NOT_FOUND when there is
 * no override; else one transaction with its audit row.  A row left
 * with no figures is the same as no row, and goes.
 */
enum pricing_result
pricing_override_remove(struct db *db, struct arena *a,
    const struct actor *who, const char *pincode, const char *category)
{
	sqlite3_stmt	*st;
	json_t		*old;

	db_begin(db);
	if ((old = override_old(db, a, pincode, category)) == NULL) {
		db_rollback(db);
		return PRICING_NOT_FOUND;
	}
	st = db_prepare(db,
	    "UPDATE price_factors SET override_factor = NULL, "
	    "override_reason = NULL, override_by = NULL, override_at = NULL "
	    "WHERE pincode = :p AND category = :c");
	db_bind_text(st, ":p", pincode);
	db_bind_text(st, ":c", category);
	db_step(st);
	db_done(st);
	st = db_prepare(db,
	    "DELETE FROM price_factors WHERE pincode = :p AND category = :c "
	    "AND factor = 100 AND bookings = 0 AND refused = 0 "
	    "AND vendors = 0");
	db_bind_text(st, ":p", pincode);
	db_bind_text(st, ":c", category);
	db_step(st);
	db_done(st);
	audit_write(db, who, "pricing.override_remove", "pricing",
	    strtoll(pincode, NULL, 10), old, NULL);
	db_commit(db);
	return PRICING_OK;
}
