/* board.c: the vendor's job board: pending jobs per (category, pincode) the vendor serves, merged soonest first, and a capped count. */
#include <stdint.h>
#include <stdio.h>
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

/*
 * Appends one pair's first want jobs to keys after *n, soonest first,
 * none later than upto (once the page is full, later ones cannot
 * enter it, so each further pair stops early).
 */
static void
board_pair_keys(struct db *db, int64_t vendor, int64_t now,
    const struct board_filter *f, const struct board_pair *p, size_t want,
    int64_t upto, struct board_key *keys, size_t *n)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT b.id, b.scheduled_at FROM bookings b " BOARD_WHERE
	    "ORDER BY b.scheduled_at, b.id LIMIT :n");
	size_t		 got = 0;

	board_bind(st, vendor, now, f, p);
	/* The index's upper bound itself, so the walk stops there. */
	if (upto < INT64_MAX && (f->to == 0 || upto < f->to))
		db_bind_int(st, ":to", upto + 1);
	db_bind_int(st, ":n", (int64_t)want);
	while (got < want && db_step(st) == DB_ROW) {
		keys[*n].id = db_int(st, 0);
		keys[*n].at = db_int(st, 1);
		(*n)++;
		got++;
	}
	db_done(st);
}

#define BOARD_ROWS	21	/* ids per read of the rows (:i0 .. :i20) */

static const char *const board_row_params[BOARD_ROWS] = {
	":i0", ":i1", ":i2", ":i3", ":i4", ":i5", ":i6", ":i7", ":i8", ":i9",
	":i10", ":i11", ":i12", ":i13", ":i14", ":i15", ":i16", ":i17",
	":i18", ":i19", ":i20",
};

/*
 * Up to BOARD_ROWS jobs as the board shows them, in one statement,
 * soonest first, each with its customer's paid bookings up to the cap
 * ("12 past bookings": a probe of the partial index
 * bookings_customer_paid, sql/030); unused ids are bound to 0, which no
 * booking has.  No join, and never the customer's name, house address
 * or notes (left empty): the board must not show them before the job
 * is the vendor's.
 */
static size_t
board_rows(struct db *db, struct arena *a, const struct board_key *keys,
    size_t n, struct booking *out, int64_t *done)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT b.id, b.customer_id, b.service_id, b.service_name, "
	    "b.category, b.pincode, b.scheduled_at, b.duration_minutes, "
	    "b.price_paise, coalesce(b.offered_to, 0), "
	    "coalesce(b.offered_until, 0), b.created_at, "
	    "(SELECT count(*) FROM (SELECT 1 FROM bookings p "
	    "WHERE p.customer_id = b.customer_id AND p.status = 'paid' "
	    "LIMIT :cap) AS t) FROM bookings b WHERE b.id IN (:i0, :i1, :i2, "
	    ":i3, :i4, :i5, :i6, :i7, :i8, :i9, :i10, :i11, :i12, :i13, :i14, "
	    ":i15, :i16, :i17, :i18, :i19, :i20) "
	    "ORDER BY b.scheduled_at, b.id");
	struct booking	*b;
	size_t		 i, got = 0;

	for (i = 0; i < BOARD_ROWS; i++)
		db_bind_int(st, board_row_params[i], i < n ? keys[i].id : 0);
	db_bind_int(st, ":cap", BOARD_HISTORY_CAP + 1);
	while (got < n && db_step(st) == DB_ROW) {
		b = &out[got];
		memset(b, 0, sizeof(*b));
		b->id = db_int(st, 0);
		b->customer_id = db_int(st, 1);
		b->service_id = db_int(st, 2);
		b->service_name = db_text(st, 3, a);
		b->category = db_text(st, 4, a);
		b->pincode = db_text(st, 5, a);
		b->scheduled_at = db_int(st, 6);
		b->duration_minutes = db_int(st, 7);
		b->price_paise = db_int(st, 8);
		b->offered_to = db_int(st, 9);
		b->offered_until = db_int(st, 10);
		b->created_at = db_int(st, 11);
		b->status = BK_PENDING;
		b->customer_name = b->vendor_name = b->address = b->notes = "";
		done[got++] = db_int(st, 12);
	}
	db_done(st);
	return got;
}

/*
 * The jobs [offset, offset + limit) of the board, soonest first (ties
 * by id).  Keeps only the first offset + limit keys while merging, so
 * memory stays two lists' worth whatever the number of pairs.
 */
size_t
board_page(struct db *db, struct arena *a, int64_t vendor, int64_t now,
    const struct board_filter *f, size_t offset, size_t limit,
    struct booking **out, int64_t **done)
{
	struct board_pair	*pairs;
	struct board_key	*keys;
	size_t			 npairs, want = offset + limit, n = 0, i, got = 0;

	*out = arena_alloc(a, sizeof(**out) * (limit ? limit : 1));
	*done = arena_alloc(a, sizeof(**done) * (limit ? limit : 1));
	npairs = board_pairs(db, a, vendor, f, &pairs);
	keys = arena_alloc(a, sizeof(*keys) * 2 * (want ? want : 1));
	for (i = 0; i < npairs; i++) {
		board_pair_keys(db, vendor, now, f, &pairs[i], want,
		    n == want ? keys[want - 1].at : INT64_MAX, keys, &n);
		if (npairs > 1)
			qsort(keys, n, sizeof(*keys), board_key_cmp);
		if (n > want)
			n = want;
	}
	for (i = offset; i < n; i += BOARD_ROWS)
		got += board_rows(db, a, &keys[i], n - i < BOARD_ROWS ? n - i :
		    BOARD_ROWS, &(*out)[got], &(*done)[got]);
	return got;
}

/*
 * A worker remembers, for BOARD_FULL_SECONDS, which boards reached the
 * cap: in a flooded area every view would otherwise walk cap index
 * entries to print the same "1,000+".  Only that verdict is kept (a
 * smaller count is read every time, so it is exact); at worst a board
 * that just fell below the cap says "1,000+" for a few seconds more.
 * Per process memory, nothing written.
 */
#define BOARD_FULL_SECONDS	10
#define BOARD_FULL_SLOTS	64

static struct board_full {
	int64_t		 vendor;
	int64_t		 cap;
	int64_t		 from;
	int64_t		 to;
	char		 pincode[8];
	char		 category[40];
	int64_t		 until;
} board_full[BOARD_FULL_SLOTS];

static int
board_full_same(const struct board_full *e, int64_t vendor, int64_t cap,
    const struct board_filter *f)
{
	return e->vendor == vendor && e->cap == cap && e->from == f->from &&
	    e->to == f->to &&
	    strcmp(e->pincode, f->pincode != NULL ? f->pincode : "") == 0 &&
	    strcmp(e->category, f->category != NULL ? f->category : "") == 0;
}

static struct board_full *
board_full_slot(int64_t vendor, int64_t cap, const struct board_filter *f)
{
	return &board_full[(uint64_t)(vendor * 31 + cap + f->from / 86400 +
	    (f->pincode != NULL ? f->pincode[5] : 0) +
	    (f->category != NULL ? f->category[0] * 7 : 0)) % BOARD_FULL_SLOTS];
}

static void
board_full_note(int64_t vendor, int64_t cap, const struct board_filter *f,
    int64_t now)
{
	struct board_full	*e = board_full_slot(vendor, cap, f);

	if ((f->pincode != NULL && strlen(f->pincode) >= sizeof(e->pincode)) ||
	    (f->category != NULL &&
	    strlen(f->category) >= sizeof(e->category)))
		return;		/* not kept: read again next time */
	e->vendor = vendor;
	e->cap = cap;
	e->from = f->from;
	e->to = f->to;
	snprintf(e->pincode, sizeof(e->pincode), "%s",
	    f->pincode != NULL ? f->pincode : "");
	snprintf(e->category, sizeof(e->category), "%s",
	    f->category != NULL ? f->category : "");
	e->until = now + BOARD_FULL_SECONDS;
}

/* How many jobs the board holds, counting no further than cap. */
int64_t
board_count(struct db *db, struct arena *a, int64_t vendor, int64_t now,
    const struct board_filter *f, int64_t cap)
{
	struct board_pair	*pairs;
	struct board_full	*e = board_full_slot(vendor, cap, f);
	sqlite3_stmt		*st;
	size_t			 npairs, i;
	int64_t			 total = 0;

	if (e->until > now && board_full_same(e, vendor, cap, f))
		return cap;
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
	if (total >= cap)
		board_full_note(vendor, cap, f, now);
	return total;
}
