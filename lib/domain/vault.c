/* vault.c: the signature vault's reads: records by status, days and rating, each walking its own index, checked as read. */
#include <stdint.h>

#include "arena.h"
#include "db.h"
#include "signature.h"
#include "vault.h"

/*
 * Why the records are read again through signature_get rather than in
 * the list's own SELECT: the checks must see a record exactly as the
 * record page (/signatures/{id}) and signing see it, and signature.c
 * owns how a row becomes a struct signature.  One lookup by primary
 * key per record shown (50 at most) costs microseconds.
 *
 * A record's time is coalesce(signed_at, requested_at), written exactly
 * as sql/021_vault.sql indexes it: SQLite uses an index on an
 * expression only for the same expression.  Names are scalar
 * subqueries, not joins, so the planner has no other table to start
 * from (as in export.c).
 */
#define VAULT_TIME	"coalesce(s.signed_at, s.requested_at)"
#define VAULT_SELECT \
	"SELECT s.id, " \
	"coalesce((SELECT username FROM users WHERE id = s.customer_id), ''), " \
	"coalesce((SELECT u.username FROM bookings b JOIN users u " \
	"ON u.id = b.vendor_id WHERE b.id = s.booking_id), '') " \
	"FROM signatures s WHERE "
#define VAULT_RANGE_ORDER \
	VAULT_TIME " >= :from AND " VAULT_TIME " < :to " \
	"ORDER BY " VAULT_TIME " DESC, s.id DESC LIMIT :n OFFSET :skip"

/* The list's three shapes, each served by one index of sql/021. */
enum vault_shape {
	SHAPE_ANY,	/* signatures_vault */
	SHAPE_STATUS,	/* signatures_vault_status */
	SHAPE_RATING,	/* signatures_vault_rating */
	SHAPE__MAX
};

static sqlite3_stmt *
prepare_any(struct db *db)
{
	return db_prepare(db, VAULT_SELECT VAULT_RANGE_ORDER);
}

static sqlite3_stmt *
prepare_status(struct db *db)
{
	return db_prepare(db, VAULT_SELECT "s.status = :status AND "
	    VAULT_RANGE_ORDER);
}

static sqlite3_stmt *
prepare_rating(struct db *db)
{
	return db_prepare(db, VAULT_SELECT "s.status = :status AND "
	    "s.rating = :rating AND " VAULT_RANGE_ORDER);
}

/* Each shape: its statement, and whether it binds :status and :rating. */
static const struct {
	sqlite3_stmt	*(*prepare)(struct db *);
	int		 has_status;
	int		 has_rating;
} shapes[SHAPE__MAX] = {
	[SHAPE_ANY] = { prepare_any, 0, 0 },
	[SHAPE_STATUS] = { prepare_status, 1, 0 },
	[SHAPE_RATING] = { prepare_rating, 1, 1 },
};

static enum vault_shape
shape_of(const struct vault_filter *f)
{
	if (f->rating > 0)
		return SHAPE_RATING;
	return f->status >= 0 ? SHAPE_STATUS : SHAPE_ANY;
}

/* The filter's statement, bound; a rating alone means signed. */
static sqlite3_stmt *
vault_query(struct db *db, const struct vault_filter *f, int64_t offset,
    int64_t limit)
{
	enum vault_shape	 shape = shape_of(f);
	sqlite3_stmt		*st = shapes[shape].prepare(db);

	if (shapes[shape].has_status)
		db_bind_text(st, ":status", signature_status_name(f->status >= 0 ?
		    (enum signature_status)f->status : SIG_SIGNED));
	if (shapes[shape].has_rating)
		db_bind_int(st, ":rating", f->rating);
	db_bind_int(st, ":from", f->from);
	db_bind_int(st, ":to", f->to);
	db_bind_int(st, ":n", limit);
	db_bind_int(st, ":skip", offset);
	return st;
}

/* The current row's record into *r, read and checked: 1, or 0 if gone. */
static int
record_read(struct db *db, struct arena *a, sqlite3_stmt *st,
    struct vault_record *r)
{
	int64_t	id = db_int(st, 0);

	r->customer_name = db_text(st, 1, a);
	r->vendor_name = db_text(st, 2, a);
	if (!signature_get(db, a, id, &r->s))
		return 0;
	r->checked = signature_verify(a, &r->s, &r->hash_ok, &r->sig_ok) == 0;
	return 1;
}

int
vault_failing(const struct vault_record *r)
{
	return r->checked && !(r->hash_ok && r->sig_ok);
}

size_t
vault_list(struct db *db, struct arena *a, const struct vault_filter *f,
    int64_t offset, size_t limit, struct vault_record **out)
{
	sqlite3_stmt	*st = vault_query(db, f, offset, (int64_t)limit);
	size_t		 n = 0;

	*out = arena_zalloc(a, sizeof(**out) * (limit ? limit : 1));
	while (n < limit && db_step(st) == DB_ROW)
		n += (size_t)record_read(db, a, st, &(*out)[n]);
	db_done(st);
	return n;
}

int
vault_each(struct db *db, struct arena *scratch, const struct vault_filter *f,
    int (*fn)(void *, const struct vault_record *), void *ctx)
{
	sqlite3_stmt		*st = vault_query(db, f, 0, INT64_MAX);
	struct vault_record	 r;
	int			 rc = 0;

	while (rc == 0 && db_step(st) == DB_ROW) {
		arena_reset(scratch);
		if (record_read(db, scratch, st, &r))
			rc = fn(ctx, &r);
	}
	db_done(st);
	return rc;
}
