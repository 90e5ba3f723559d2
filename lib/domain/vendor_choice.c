/* vendor_choice.c: the vendors a customer may choose on the booking form, best rated first, and the categories a pincode can book. */
#include <string.h>

#include "account.h"
#include "arena.h"
#include "db.h"
#include "vendor_choice.h"

/*
 * The verified, unblocked vendors who do the category in the pincode,
 * best average rating first, then most reviews, then most jobs done:
 * at most limit.  From the pincode's index (vendor_pincodes_pincode),
 * each vendor's category by its key, ratings by reviews_vendor and
 * jobs by bookings_vendor_status.  The same rule as booking.c's
 * vendor_serves, which booking_create checks again.
 */
size_t
vendor_choice_list(struct db *db, struct arena *a, const char *category,
    const char *pincode, size_t limit, struct vendor_choice **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT p.user_id, " ACCOUNT_SHOWN_NAME("u") ", "
	    "p.experience_years, coalesce(p.verified_at, 0), "
	    "(SELECT count(*) FROM reviews r WHERE r.vendor_id = p.user_id) "
	    "AS reviews, "
	    "(SELECT coalesce(CAST(round(avg(r.rating) * 10) AS INTEGER), 0) "
	    "FROM reviews r WHERE r.vendor_id = p.user_id) AS average, "
	    "(SELECT count(*) FROM bookings b WHERE b.vendor_id = p.user_id "
	    "AND b.status IN ('completed', 'signature_requested', 'signed', "
	    "'paid', 'resolved')) AS jobs, "
	    "p.photo, p.photo_thumb_width, p.photo_thumb_height "
	    "FROM vendor_pincodes z "
	    "JOIN vendor_categories c ON c.vendor_id = z.vendor_id "
	    "AND c.category = :cat "
	    "JOIN vendor_profiles p ON p.user_id = z.vendor_id "
	    "AND p.status = 'verified' "
	    "JOIN users u ON u.id = z.vendor_id AND u.is_blocked = 0 "
	    "WHERE z.pincode = :pin "
	    "ORDER BY average DESC, reviews DESC, jobs DESC, p.user_id "
	    "LIMIT :n");
	size_t		 n = 0;

	*out = arena_alloc(a, sizeof(**out) * (limit ? limit : 1));
	db_bind_text(st, ":cat", category);
	db_bind_text(st, ":pin", pincode);
	db_bind_int(st, ":n", (int64_t)limit);
	while (n < limit && db_step(st) == DB_ROW) {
		struct vendor_choice	*v = &(*out)[n++];

		v->user_id = db_int(st, 0);
		v->name = db_text(st, 1, a);
		v->experience_years = db_int(st, 2);
		v->since = db_int(st, 3);
		v->rating.count = db_int(st, 4);
		v->rating.average_tenths = db_int(st, 5);
		v->jobs_done = db_int(st, 6);
		v->photo = db_text(st, 7, a);
		v->photo_width = (int)db_int(st, 8);
		v->photo_height = (int)db_int(st, 9);
	}
	db_done(st);
	return n;
}

/* How the choice names a vendor: as every customer's page does. */
char *
vendor_choice_name(struct db *db, struct arena *a, int64_t vendor)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT " ACCOUNT_SHOWN_NAME("u") " FROM users u WHERE u.id = :v");
	char		*name = NULL;

	db_bind_int(st, ":v", vendor);
	if (db_step(st) == DB_ROW)
		name = db_text(st, 0, a);
	db_done(st);
	return name;
}

/*
 * The category slugs a verified, unblocked vendor serves in the
 * pincode, in one indexed query: what /services may call bookable
 * there.  Returns how many.
 */
size_t
vendor_choice_categories(struct db *db, struct arena *a, const char *pincode,
    const char ***slugs)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT DISTINCT c.category FROM vendor_pincodes z "
	    "JOIN vendor_profiles p ON p.user_id = z.vendor_id "
	    "AND p.status = 'verified' "
	    "JOIN users u ON u.id = z.vendor_id AND u.is_blocked = 0 "
	    "JOIN vendor_categories c ON c.vendor_id = z.vendor_id "
	    "WHERE z.pincode = :pin ORDER BY c.category LIMIT 1000");
	size_t		 n = 0, cap = 16;
	const char	**list = arena_alloc(a, sizeof(*list) * cap), **grown;

	db_bind_text(st, ":pin", pincode);
	while (db_step(st) == DB_ROW) {
		if (n == cap) {
			grown = arena_alloc(a, sizeof(*list) * cap * 2);
			memcpy(grown, list, sizeof(*list) * n);
			list = grown;
			cap *= 2;
		}
		list[n++] = db_text(st, 0, a);
	}
	db_done(st);
	*slugs = list;
	return n;
}
