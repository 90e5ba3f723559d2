/* demand.c: booking attempts refused because no vendor serves the pincode and category, and demand per pincode and category: where customers are turned away. */
#include <jansson.h>

#include "arena.h"
#include "audit.h"
#include "clock.h"
#include "db.h"
#include "demand.h"
#include "log.h"

/*
 * Record one booking attempt refused for want of a vendor, in its own
 * transaction with its audit row.  The booking page calls it after
 * booking_create refused (BOOKING_NO_VENDOR): one row per form sent,
 * so a customer who tries three times counts three attempts.  The row
 * keeps no customer (booking_refusals is shared with pricing and kept
 * small); the audit row names them.
 */
void
demand_refused(struct db *db, const struct actor *who, int64_t service_id,
    const char *pincode)
{
	sqlite3_stmt	*st;
	int64_t		 id;

	db_begin(db);
	st = db_prepare(db,
	    "INSERT INTO booking_refusals (pincode, service_id, created_at) "
	    "VALUES (:p, :s, :at)");
	db_bind_text(st, ":p", pincode);
	db_bind_int(st, ":s", service_id);
	db_bind_int(st, ":at", clock_now());
	if (db_step(st) != DB_DONE)
		log_fatal("demand: refusal refused");
	db_done(st);
	id = db_last_id(db);
	audit_write(db, who, "booking.refused", "booking_refusal", id, NULL,
	    json_pack("{s:I, s:s, s:s}", "service_id", (json_int_t)service_id,
	    "pincode", pincode, "reason", "no vendor"));
	db_commit(db);
}

/*
 * Demand in [from, to) per pincode and category that saw any: bookings
 * made, attempts refused (in the category of the service asked for),
 * and the active vendors (verified, not blocked) serving it now.  Worst first:
 * the largest share of attempts refused, refused / (bookings +
 * refused), then the most refused; at most limit rows, with the totals
 * of every row in *t.
 */
size_t
demand_list(struct db *db, struct arena *a, int64_t from, int64_t to,
    size_t limit, struct demand_line **out, struct demand_totals *t)
{
	sqlite3_stmt		*st = db_prepare(db,
	    "SELECT d.pincode, d.category, sum(d.booked) AS n_booked, "
	    "sum(d.refused) AS n_refused, "
	    "(SELECT count(*) FROM vendor_pincodes z "
	    "JOIN vendor_categories c ON c.vendor_id = z.vendor_id "
	    "JOIN vendor_profiles p ON p.user_id = z.vendor_id "
	    "JOIN users u ON u.id = z.vendor_id "
	    "WHERE z.pincode = d.pincode AND c.category = d.category "
	    "AND p.status = 'verified' AND u.is_blocked = 0) AS n_vendors, "
	    "count(*) OVER () AS n_pairs, sum(sum(d.booked)) OVER (), "
	    "sum(sum(d.refused)) OVER () "
	    "FROM (SELECT pincode, category, count(*) AS booked, 0 AS refused "
	    "FROM bookings WHERE created_at >= :from AND created_at < :to "
	    "GROUP BY pincode, category "
	    "UNION ALL "
	    "SELECT r.pincode, s.category, 0, count(*) "
	    "FROM booking_refusals r JOIN services s ON s.id = r.service_id "
	    "WHERE r.created_at >= :from AND r.created_at < :to "
	    "GROUP BY r.pincode, s.category) d "
	    "GROUP BY d.pincode, d.category "
	    "ORDER BY sum(d.refused) * 1.0 / (sum(d.booked) + sum(d.refused)) "
	    "DESC, sum(d.refused) DESC, d.pincode, d.category LIMIT :limit");
	struct demand_line	*l;
	size_t			 n = 0;

	*out = arena_alloc(a, sizeof(**out) * (limit > 0 ? limit : 1));
	*t = (struct demand_totals){ 0, 0, 0 };
	db_bind_int(st, ":from", from);
	db_bind_int(st, ":to", to);
	db_bind_int(st, ":limit", (int64_t)limit);
	while (n < limit && db_step(st) == DB_ROW) {
		l = &(*out)[n++];
		l->pincode = db_text(st, 0, a);
		l->category = db_text(st, 1, a);
		l->bookings = db_int(st, 2);
		l->refused = db_int(st, 3);
		l->vendors = db_int(st, 4);
		*t = (struct demand_totals){ db_int(st, 5), db_int(st, 6),
		    db_int(st, 7) };
	}
	db_done(st);
	return n;
}
