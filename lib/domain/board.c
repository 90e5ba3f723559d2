/* board.c: the vendor's job board: pending jobs per (category, pincode) the vendor serves, merged soonest first, and a capped count. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "board.h"
#include "booking.h"
#include "db.h"

/*
 * Why per pair: one query over all the vendor's categories and pincodes
 * gathers every pending row they match and sorts them (a flooded area
 * made that 84 ms).  Per (category, pincode) the partial index
 * bookings_board (sql/030) is already in scheduled_at order, so each
 * query walks it and stops after the rows a page needs; the few lists
 * are merged here.  The offer and decline conditions are those
 * booking_vendor_may_view applies to one job: none offered to another
 * vendor whose window is open, none this vendor declined.
 */
#define BOARD_WHERE \
	"WHERE b.category = :c AND b.pincode = :p AND b.status = 'pending' " \
	"AND b.scheduled_at >= :from AND b.scheduled_at < :to " \
	"AND (b.offered_to IS NULL OR b.offered_to = :v " \
	"OR b.offered_until <= :now) " \
	"AND NOT EXISTS (SELECT 1 FROM booking_declines d " \
	"WHERE d.vendor_id = :v AND d.booking_id = b.id) "

#define BOARD_MAX_PAIRS	400

struct board_pair {
	const char	*category;
	const char	*pincode;
};

struct board_key {
	int64_t		 at;
	int64_t		 id;
};

/* The pairs a verified vendor serves, narrowed by the filter. */
static size_t
board_pairs(struct db *db, struct arena *a, int64_t vendor,
    const struct board_filter *f, struct board_pair **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT vc.category, vz.pincode FROM vendor_profiles vp "
	    "JOIN vendor_categories vc ON vc.vendor_id = vp.user_id "
	    "JOIN vendor_pincodes vz ON vz.vendor_id = vp.user_id "
	    "WHERE vp.user_id = :v AND vp.status = 'verified' "
	    "AND (:c = '' OR vc.category = :c) "
	    "AND (:p = '' OR vz.pincode = :p) "
	    "ORDER BY vc.category, vz.pincode LIMIT 400");
	size_t		 n = 0;

	*out = arena_alloc(a, sizeof(**out) * BOARD_MAX_PAIRS);
	db_bind_int(st, ":v", vendor);
	db_bind_text(st, ":c", f->category != NULL ? f->category : "");
	db_bind_text(st, ":p", f->pincode != NULL ? f->pincode : "");
	while (n < BOARD_MAX_PAIRS && db_step(st) == DB_ROW) {
		(*out)[n].category = db_text(st, 0, a);
		(*out)[n].pincode = db_text(st, 1, a);
		n++;
	}
	db_done(st);
	return n;
}

static void
board_bind(sqlite3_stmt *st, int64_t vendor, int64_t now,
    const struct board_filter *f, const struct board_pair *p)
{
	db_bind_int(st, ":v", vendor);
	db_bind_int(st, ":now", now);
	db_bind_text(st, ":c", p->category);
	db_bind_text(st, ":p", p->pincode);
	/* Only jobs still ahead; a day narrows that further. */
	db_bind_int(st, ":from", f->from > now ? f->from : now + 1);
	db_bind_int(st, ":to", f->to > 0 ? f->to : INT64_MAX);
}

static int
board_key_cmp(const void *x, const void *y)
{
	const struct board_key	*a = x, *b = y;

	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* Appends one pair's first want jobs to keys after *n, soonest first. */
static void
board_pair_keys(struct db *db, int64_t vendor, int64_t now,
    const struct board_filter *f, const struct board_pair *p, size_t want,
    struct board_key *keys, size_t *n)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT b.id, b.scheduled_at FROM bookings b " BOARD_WHERE
	    "ORDER BY b.scheduled_at, b.id LIMIT :n");
	size_t		 got = 0;

	board_bind(st, vendor, now, f, p);
	db_bind_int(st, ":n", (int64_t)want);
	while (got < want && db_step(st) == DB_ROW) {
		keys[*n].id = db_int(st, 0);
		keys[*n].at = db_int(st, 1);
		(*n)++;
		got++;
	}
	db_done(st);
}

/*
 * The jobs [offset, offset + limit) of the board, soonest first (ties
 * by id).  Keeps only the first offset + limit keys while merging, so
 * memory stays two lists' worth whatever the number of pairs.
 */
size_t
board_page(struct db *db, struct arena *a, int64_t vendor, int64_t now,
    const struct board_filter *f, size_t offset, size_t limit,
    struct booking **out)
{
	struct board_pair	*pairs;
	struct board_key	*keys;
	size_t			 npairs, want = offset + limit, n = 0, i, got = 0;

	*out = arena_alloc(a, sizeof(**out) * (limit ? limit : 1));
	npairs = board_pairs(db, a, vendor, f, &pairs);
	keys = arena_alloc(a, sizeof(*keys) * 2 * (want ? want : 1));
	for (i = 0; i < npairs; i++) {
		board_pair_keys(db, vendor, now, f, &pairs[i], want, keys, &n);
		if (npairs > 1)
			qsort(keys, n, sizeof(*keys), board_key_cmp);
		if (n > want)
			n = want;
	}
	for (i = offset; i < n; i++)
		if (booking_get(db, a, keys[i].id, &(*out)[got]))
			got++;
	return got;
}

/* How many jobs the board holds, counting no further than cap. */
int64_t
board_count(struct db *db, struct arena *a, int64_t vendor, int64_t now,
    const struct board_filter *f, int64_t cap)
{
	struct board_pair	*pairs;
	sqlite3_stmt		*st;
	size_t			 npairs, i;
	int64_t			 total = 0;

	npairs = board_pairs(db, a, vendor, f, &pairs);
	for (i = 0; i < npairs && total < cap; i++) {
		st = db_prepare(db, "SELECT count(*) FROM (SELECT 1 "
		    "FROM bookings b " BOARD_WHERE "LIMIT :n) AS t");
		board_bind(st, vendor, now, f, &pairs[i]);
		db_bind_int(st, ":n", cap - total);
		if (db_step(st) == DB_ROW)
			total += db_int(st, 0);
		db_done(st);
	}
	return total;
}

/*
 * The customer's paid bookings, up to cap: what the board says of who
 * asks ("12 past bookings").  One probe of the partial index
 * bookings_customer_paid (sql/030) per row shown.
 */
int64_t
board_customer_done(struct db *db, int64_t customer, int64_t cap)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT count(*) FROM (SELECT 1 FROM bookings "
	    "WHERE customer_id = :c AND status = 'paid' LIMIT :n) AS t");
	int64_t		 n = 0;

	db_bind_int(st, ":c", customer);
	db_bind_int(st, ":n", cap);
	if (db_step(st) == DB_ROW)
		n = db_int(st, 0);
	db_done(st);
	return n;
}
