/* review.c: read reviews by service or vendor, newest first, and their average and count. */
#include "account.h"
#include "arena.h"
#include "db.h"
#include "picture.h"
#include "review.h"

/*
 * The service as it was booked: a renamed service keeps old reviews'
 * name.  The vendor as customers see them: shown name and small photo.
 */
#define REVIEW_COLUMNS \
	"r.id, r.booking_id, r.service_id, b.service_name, r.vendor_id, " \
	ACCOUNT_SHOWN_NAME("v") ", " ACCOUNT_SHOWN_NAME("c") ", r.rating, " \
	"r.comment, r.created_at, coalesce(vp.photo, ''), " \
	"coalesce(vp.photo_thumb_width, 0), coalesce(vp.photo_thumb_height, 0) " \
	"FROM reviews r " \
	"JOIN bookings b ON b.id = r.booking_id " \
	"JOIN users v ON v.id = r.vendor_id " \
	"JOIN users c ON c.id = r.customer_id " \
	"LEFT JOIN vendor_profiles vp ON vp.user_id = r.vendor_id "

static size_t
review_rows(sqlite3_stmt *st, struct arena *a, int64_t id, int64_t before_id,
    size_t limit, struct review **out)
{
	size_t	n = 0;

	*out = arena_alloc(a, sizeof(**out) * (limit ? limit : 1));
	db_bind_int(st, ":id", id);
	db_bind_int(st, ":before", before_id > 0 ? before_id : INT64_MAX);
	db_bind_int(st, ":n", (int64_t)limit);
	while (n < limit && db_step(st) == DB_ROW) {
		struct review	*r = &(*out)[n++];

		r->id = db_int(st, 0);
		r->booking_id = db_int(st, 1);
		r->service_id = db_int(st, 2);
		r->service_name = db_text(st, 3, a);
		r->vendor_id = db_int(st, 4);
		r->vendor_name = db_text(st, 5, a);
		r->customer_name = db_text(st, 6, a);
		r->rating = db_int(st, 7);
		r->comment = db_text(st, 8, a);
		r->created_at = db_int(st, 9);
		r->vendor_photo.key = db_text(st, 10, a);
		r->vendor_photo.thumb_width = (int)db_int(st, 11);
		r->vendor_photo.thumb_height = (int)db_int(st, 12);
	}
	db_done(st);
	return n;
}

size_t
review_list(struct db *db, struct arena *a, enum review_of of, int64_t id,
    int64_t before_id, size_t limit, struct review **out)
{
	sqlite3_stmt	*st;

	if (of == REVIEW_OF_SERVICE)
		st = db_prepare(db, "SELECT " REVIEW_COLUMNS
		    "WHERE r.service_id = :id AND r.id < :before "
		    "ORDER BY r.id DESC LIMIT :n");
	else
		st = db_prepare(db, "SELECT " REVIEW_COLUMNS
		    "WHERE r.vendor_id = :id AND r.id < :before "
		    "ORDER BY r.id DESC LIMIT :n");
	return review_rows(st, a, id, before_id, limit, out);
}

/* The count and the average rounded to one decimal, in tenths. */
void
review_summary(struct db *db, enum review_of of, int64_t id,
    struct review_summary *sum)
{
	sqlite3_stmt	*st;

	if (of == REVIEW_OF_SERVICE)
		st = db_prepare(db, "SELECT count(*), coalesce(CAST(round("
		    "avg(rating) * 10) AS INTEGER), 0) FROM reviews "
		    "WHERE service_id = :id");
	else
		st = db_prepare(db, "SELECT count(*), coalesce(CAST(round("
		    "avg(rating) * 10) AS INTEGER), 0) FROM reviews "
		    "WHERE vendor_id = :id");
	db_bind_int(st, ":id", id);
	sum->count = sum->average_tenths = 0;
	if (db_step(st) == DB_ROW) {
		sum->count = db_int(st, 0);
		sum->average_tenths = db_int(st, 1);
	}
	db_done(st);
}

/* "4.5" */
char *
review_average_text(struct arena *a, const struct review_summary *sum)
{
	return arena_printf(a, "%lld.%lld",
	    (long long)(sum->average_tenths / 10),
	    (long long)(sum->average_tenths % 10));
}
