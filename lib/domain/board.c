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
 *
 * Where the vendor's area holds most pending jobs (the flooded case the
 * board must stay fast for), walking all pending jobs in time order and
 * keeping the vendor's is cheaper still: board_scan reads about one
 * index entry per job shown, in one statement.  It gives up after
 * BOARD_SCAN_ROWS(want) entries (a quiet area among busy ones) and the
 * per-pair merge answers; the worker then remembers, for a while, not
 * to try the scan for that board.
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

/*
 * What a board row shows, as board_row_read reads it: never the
 * customer's name, house address or notes (left empty), which the board
 * must not show before the job is the vendor's; the customer's number
 * of paid bookings ("12 past bookings") is users.paid_bookings, kept by
 * triggers (sql/034).
 */
#define BOARD_COLUMNS \
	"b.id, b.customer_id, b.service_id, b.service_name, b.category, " \
	"b.pincode, b.scheduled_at, b.duration_minutes, b.price_paise, " \
	"coalesce(b.offered_to, 0), coalesce(b.offered_until, 0), " \
	"b.created_at, u.paid_bookings"

static void
board_row_read(sqlite3_stmt *st, struct arena *a, struct booking *b,
    int64_t *done)
{
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
	*done = db_int(st, 12);
}

#define BOARD_ROWS	21	/* ids per read of the rows (:i0 .. :i20) */

static const char *const board_row_params[BOARD_ROWS] = {
	":i0", ":i1", ":i2", ":i3", ":i4", ":i5", ":i6", ":i7", ":i8", ":i9",
	":i10", ":i11", ":i12", ":i13", ":i14", ":i15", ":i16", ":i17",
	":i18", ":i19", ":i20",
};

/*
 * Up to BOARD_ROWS jobs as the board shows them, in one statement,
 * soonest first; unused ids are bound to 0, which no booking has.
 */
static size_t
board_rows(struct db *db, struct arena *a, const struct board_key *keys,
    size_t n, struct booking *out, int64_t *done)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT " BOARD_COLUMNS " "
	    "FROM bookings b JOIN users u ON u.id = b.customer_id "
	    "WHERE b.id IN (:i0, :i1, :i2, "
	    ":i3, :i4, :i5, :i6, :i7, :i8, :i9, :i10, :i11, :i12, :i13, :i14, "
	    ":i15, :i16, :i17, :i18, :i19, :i20) "
	    "ORDER BY b.scheduled_at, b.id");
	size_t		 i, got = 0;

	for (i = 0; i < BOARD_ROWS; i++)
		db_bind_int(st, board_row_params[i], i < n ? keys[i].id : 0);
	while (got < n && db_step(st) == DB_ROW) {
		board_row_read(st, a, &out[got], &done[got]);
		got++;
	}
	db_done(st);
	return got;
}

/*
 * A worker remembers a few verdicts about boards (a vendor, a filter and
 * a number), each for some seconds: which boards reached the count's
 * cap, and which walks fell short.  Per process memory, nothing
 * written; a slot is simply overwritten by the next verdict hashed to it.
 */
#define BOARD_MEMO_SLOTS	64

struct board_memo {
	int64_t		 vendor;
	int64_t		 n;
	int64_t		 from;
	int64_t		 to;
	char		 pincode[8];
	char		 category[40];
	int64_t		 until;
};

static struct board_memo	board_full[BOARD_MEMO_SLOTS];
static struct board_memo	board_scan_miss[BOARD_MEMO_SLOTS];

static struct board_memo *
board_memo_slot(struct board_memo *table, int64_t vendor, int64_t n,
    const struct board_filter *f)
{
	return &table[(uint64_t)(vendor * 31 + n + f->from / 86400 +
	    (f->pincode != NULL ? f->pincode[5] : 0) +
	    (f->category != NULL ? f->category[0] * 7 : 0)) % BOARD_MEMO_SLOTS];
}

/* Whether table holds this verdict, still valid at now. */
static int
board_memo_has(struct board_memo *table, int64_t vendor, int64_t n,
    const struct board_filter *f, int64_t now)
{
	const struct board_memo	*e = board_memo_slot(table, vendor, n, f);

	return e->until > now && e->vendor == vendor && e->n == n &&
	    e->from == f->from && e->to == f->to &&
	    strcmp(e->pincode, f->pincode != NULL ? f->pincode : "") == 0 &&
	    strcmp(e->category, f->category != NULL ? f->category : "") == 0;
}

static void
board_memo_note(struct board_memo *table, int64_t vendor, int64_t n,
    const struct board_filter *f, int64_t now, int64_t seconds)
{
	struct board_memo	*e = board_memo_slot(table, vendor, n, f);

	if ((f->pincode != NULL && strlen(f->pincode) >= sizeof(e->pincode)) ||
	    (f->category != NULL &&
	    strlen(f->category) >= sizeof(e->category)))
		return;		/* not kept: read again next time */
	e->vendor = vendor;
	e->n = n;
	e->from = f->from;
	e->to = f->to;
	snprintf(e->pincode, sizeof(e->pincode), "%s",
	    f->pincode != NULL ? f->pincode : "");
	snprintf(e->category, sizeof(e->category), "%s",
	    f->category != NULL ? f->category : "");
	e->until = now + seconds;
}

/*
 * Boards that reached the cap are remembered for BOARD_FULL_SECONDS: in
 * a flooded area every view would otherwise walk cap index entries to
 * print the same "1,000+".  Only that verdict is kept (a smaller count
 * is read every time, so it is exact); at worst a board that just fell
 * below the cap says "1,000+" for a few seconds more.
 */
#define BOARD_FULL_SECONDS	10

/*
 * The scan's bound: enough index entries for the page where at least
 * one pending job in eight is the vendor's, with room for a few offered
 * elsewhere or declined.
 */
#define BOARD_SCAN_ROWS(want)	(8 * (int64_t)(want) + 64)
#define BOARD_SCAN_RETRY	60	/* seconds before that board's next try */

/* Whether the vendor serves this (category, pincode), filter applied. */
static int
board_pair_has(const struct board_pair *pairs, size_t npairs,
    const char *category, const char *pincode)
{
	size_t	i;

	for (i = 0; i < npairs; i++)
		if (strcmp(pairs[i].pincode, pincode) == 0 &&
		    strcmp(pairs[i].category, category) == 0)
			return 1;
	return 0;
}

/*
 * The jobs [offset, want) of the board by walking every pending job in
 * time order (the partial index bookings_pending_time, sql/034, holds
 * all a row shows) and keeping the vendor's.  The statement returns
 * every job it walks, and the pairs, the offer and the decline are
 * checked here, so that the walk can stop at its bound: with
 * IN (SELECT ...) SQLite would build two temporary tables on every run,
 * and a LIMIT on a subquery made it a co-routine; each cost more than
 * the walk.  CROSS JOIN keeps the walk the outer loop, so rows come
 * soonest first.  Returns 1 with the rows in out and done when the
 * walk found them all within its bound, 0 when the per-pair merge must
 * answer.
 */
static int
board_scan(struct db *db, struct arena *a, int64_t vendor, int64_t now,
    const struct board_filter *f, const struct board_pair *pairs,
    size_t npairs, size_t offset, size_t want, struct booking *out,
    int64_t *done)
{
	sqlite3_stmt		*st;
	struct booking		 skipped;
	int64_t			 skipped_done, last_at = INT64_MIN,
				 last_id = INT64_MIN, walked = 0;
	size_t			 n = 0;
	int			 ordered = 1;

	if (board_memo_has(board_scan_miss, vendor, (int64_t)want, f, now))
		return 0;
	st = db_prepare(db,
	    "SELECT " BOARD_COLUMNS ", EXISTS (SELECT 1 FROM booking_declines d "
	    "WHERE d.vendor_id = :v AND d.booking_id = b.id) "
	    "FROM bookings b CROSS JOIN users u "
	    "WHERE b.status = 'pending' AND b.scheduled_at >= :from "
	    "AND b.scheduled_at < :to AND u.id = b.customer_id "
	    "ORDER BY b.scheduled_at, b.id");
	db_bind_int(st, ":v", vendor);
	db_bind_int(st, ":from", f->from > now ? f->from : now + 1);
	db_bind_int(st, ":to", f->to > 0 ? f->to : INT64_MAX);
	while (n < want && walked++ < BOARD_SCAN_ROWS(want) &&
	    db_step(st) == DB_ROW) {
		struct booking	*b = n >= offset ? &out[n - offset] : &skipped;
		int64_t		 to = db_int(st, 9), until = db_int(st, 10);

		/* As BOARD_WHERE: open to all, or to this vendor. */
		if ((to != 0 && to != vendor && until > now) ||
		    db_int(st, 13) != 0 ||
		    !board_pair_has(pairs, npairs, db_text_tmp(st, 4),
		    db_text_tmp(st, 5)))
			continue;
		board_row_read(st, a, b, n >= offset ? &done[n - offset] :
		    &skipped_done);
		/* The plan is the order; should it ever differ, merge. */
		if (b->scheduled_at < last_at || (b->scheduled_at == last_at &&
		    b->id <= last_id))
			ordered = 0;
		last_at = b->scheduled_at;
		last_id = b->id;
		n++;
	}
	db_done(st);
	if (n == want && ordered)
		return 1;
	board_memo_note(board_scan_miss, vendor, (int64_t)want, f, now,
	    BOARD_SCAN_RETRY);
	return 0;
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
	if (npairs == 0 || limit == 0)
		return 0;
	if (board_scan(db, a, vendor, now, f, pairs, npairs, offset, want,
	    *out, *done))
		return limit;
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

/* How many jobs the board holds, counting no further than cap. */
int64_t
board_count(struct db *db, struct arena *a, int64_t vendor, int64_t now,
    const struct board_filter *f, int64_t cap)
{
	struct board_pair	*pairs;
	sqlite3_stmt		*st;
	size_t			 npairs, i;
	int64_t			 total = 0;

	if (board_memo_has(board_full, vendor, cap, f, now))
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
		board_memo_note(board_full, vendor, cap, f, now,
		    BOARD_FULL_SECONDS);
	return total;
}
