/* export.c: the super admin's CSV exports: for each, its columns and the one SELECT that reads its rows. */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "export.h"

/*
 * Why one module rather than a query in each table's own: an export is
 * a read-only report that spans tables (a booking names its customer,
 * vendor and service), the five share one shape (a range of days,
 * stepped row by row), and what personal data leaves the platform is
 * then reviewed in one place.
 *
 * Each SELECT filters its date column by [from, to) and orders by that
 * column and the id, which an index serves (sql/018_exports.sql): the
 * rows come in order as SQLite walks it, with no sort holding the range
 * in memory.  Names of other rows are scalar subqueries, not joins, so
 * the planner has no other table to start from.  The column order of
 * each SELECT is the order of its columns below.
 */
struct export_row {
	sqlite3_stmt	*st;
};

static const struct export_column users_columns[] = {
	{ "User ID", EXPORT_INT },
	{ "Username", EXPORT_TEXT },
	{ "Role", EXPORT_TEXT },
	{ "Email", EXPORT_TEXT },
	{ "Phone", EXPORT_TEXT },
	{ "Pincode", EXPORT_TEXT },
	{ "Created", EXPORT_TIME },
	{ "Blocked", EXPORT_YES_NO },
};

static const struct export_column bookings_columns[] = {
	{ "Booking ID", EXPORT_INT },
	{ "Created", EXPORT_TIME },
	{ "Scheduled", EXPORT_TIME },
	{ "Status", EXPORT_TEXT },
	{ "Customer", EXPORT_TEXT },
	{ "Vendor", EXPORT_TEXT },
	{ "Service", EXPORT_TEXT },
	{ "Category", EXPORT_TEXT },
	{ "Pincode", EXPORT_TEXT },
	{ "Price (₹)", EXPORT_PAISE },
};

/* Card details stay out: not even the brand and last four digits. */
static const struct export_column payments_columns[] = {
	{ "Payment ID", EXPORT_INT },
	{ "Booking ID", EXPORT_INT },
	{ "Status", EXPORT_TEXT },
	{ "Amount (₹)", EXPORT_PAISE },
	{ "Refunded (₹)", EXPORT_PAISE },
	{ "Gateway", EXPORT_TEXT },
	{ "Method", EXPORT_TEXT },
	{ "Created", EXPORT_TIME },
	{ "Captured", EXPORT_TIME },
};

static const struct export_column reviews_columns[] = {
	{ "Review ID", EXPORT_INT },
	{ "Booking ID", EXPORT_INT },
	{ "Rating", EXPORT_INT },
	{ "Comment", EXPORT_TEXT },
	{ "Customer", EXPORT_TEXT },
	{ "Vendor", EXPORT_TEXT },
	{ "Created", EXPORT_TIME },
};

static const struct export_column audit_columns[] = {
	{ "Entry ID", EXPORT_INT },
	{ "At", EXPORT_TIME },
	{ "Actor ID", EXPORT_INT },
	{ "Actor", EXPORT_TEXT },
	{ "Action", EXPORT_TEXT },
	{ "Entity", EXPORT_TEXT },
	{ "Entity ID", EXPORT_INT },
	{ "Old values", EXPORT_TEXT },
	{ "New values", EXPORT_TEXT },
	{ "IP address", EXPORT_TEXT },
	{ "User agent", EXPORT_TEXT },
	{ "Hash", EXPORT_TEXT },
};

#define COLUMNS(a)	(a), sizeof(a) / sizeof((a)[0])

const struct export_info export_infos[EXPORT__MAX] = {
	[EXPORT_USERS] = { "users", "Users",
	    "Every account: username, role, email, phone, pincode, when it "
	    "was created and whether it is blocked. No passwords.",
	    COLUMNS(users_columns) },
	[EXPORT_BOOKINGS] = { "bookings", "Bookings",
	    "Every booking: when it was made and for when, its status, the "
	    "customer and vendor, the service, the pincode and the price.",
	    COLUMNS(bookings_columns) },
	[EXPORT_PAYMENTS] = { "payments", "Payments",
	    "Every payment: its booking, status, amount, refunds, gateway and "
	    "method, when it was opened and captured. No card details.",
	    COLUMNS(payments_columns) },
	[EXPORT_REVIEWS] = { "reviews", "Reviews",
	    "Every review: its booking, rating and comment, the customer who "
	    "wrote it and the vendor it is about.",
	    COLUMNS(reviews_columns) },
	[EXPORT_AUDIT] = { "audit", "Audit log",
	    "Every audit log entry: when, who, what and on which record, the "
	    "values before and after, the address and browser it came from, "
	    "and its link in the chain (the README says how to check it).",
	    COLUMNS(audit_columns) },
};

static sqlite3_stmt *
users_prepare(struct db *db)
{
	return db_prepare(db,
	    "SELECT id, username, role, email, phone, pincode, created_at, "
	    "is_blocked FROM users "
	    "WHERE created_at >= :from AND created_at < :to "
	    "ORDER BY created_at, id");
}

static sqlite3_stmt *
bookings_prepare(struct db *db)
{
	return db_prepare(db,
	    "SELECT b.id, b.created_at, b.scheduled_at, b.status, "
	    "(SELECT username FROM users WHERE id = b.customer_id), "
	    "(SELECT username FROM users WHERE id = b.vendor_id), "
	    "b.service_name, "
	    "b.category, b.pincode, b.price_paise FROM bookings b "
	    "WHERE b.created_at >= :from AND b.created_at < :to "
	    "ORDER BY b.created_at, b.id");
}

static sqlite3_stmt *
payments_prepare(struct db *db)
{
	return db_prepare(db,
	    "SELECT id, booking_id, status, amount_paise, refunded_paise, "
	    "gateway, method, created_at, captured_at FROM payments "
	    "WHERE created_at >= :from AND created_at < :to "
	    "ORDER BY created_at, id");
}

static sqlite3_stmt *
reviews_prepare(struct db *db)
{
	return db_prepare(db,
	    "SELECT r.id, r.booking_id, r.rating, r.comment, "
	    "(SELECT username FROM users WHERE id = r.customer_id), "
	    "(SELECT username FROM users WHERE id = r.vendor_id), "
	    "r.created_at FROM reviews r "
	    "WHERE r.created_at >= :from AND r.created_at < :to "
	    "ORDER BY r.created_at, r.id");
}

static sqlite3_stmt *
audit_prepare(struct db *db)
{
	return db_prepare(db,
	    "SELECT l.id, l.at, l.actor_id, "
	    "(SELECT username FROM users WHERE id = l.actor_id), "
	    "l.action, l.entity, l.entity_id, l.old_values, l.new_values, "
	    "l.ip, l.user_agent, l.hash FROM audit_log l "
	    "WHERE l.at >= :from AND l.at < :to "
	    "ORDER BY l.at, l.id");
}

static sqlite3_stmt *(*const export_prepare[EXPORT__MAX])(struct db *) = {
	[EXPORT_USERS] = users_prepare,
	[EXPORT_BOOKINGS] = bookings_prepare,
	[EXPORT_PAYMENTS] = payments_prepare,
	[EXPORT_REVIEWS] = reviews_prepare,
	[EXPORT_AUDIT] = audit_prepare,
};

/* The export called name ("bookings"), or -1. */
int
export_parse(const char *name)
{
	int	k;

	for (k = 0; k < EXPORT__MAX; k++)
		if (strcmp(name, export_infos[k].name) == 0)
			return k;
	return -1;
}

/*
 * Call row(ctx, r) for each row whose date is in [from, to), in order,
 * until it returns non-zero (the reader has gone): then -1, else 0.
 * The row's values live until row returns; nothing is kept, so memory
 * stays the same whatever the count.  One statement is one snapshot
 * (WAL): writers carry on meanwhile.  A database error is fatal.
 */
int
export_rows(struct db *db, enum export_kind kind, int64_t from, int64_t to,
    int (*row)(void *, const struct export_row *), void *ctx)
{
	struct export_row	r;
	int			stopped = 0;

	r.st = export_prepare[kind](db);
	db_bind_int(r.st, ":from", from);
	db_bind_int(r.st, ":to", to);
	while (!stopped && db_step(r.st) == DB_ROW)
		stopped = row(ctx, &r) != 0;
	db_done(r.st);
	return stopped ? -1 : 0;
}

int
export_null(const struct export_row *r, size_t column)
{
	return sqlite3_column_type(r->st, (int)column) == SQLITE_NULL;
}

int64_t
export_int(const struct export_row *r, size_t column)
{
	return db_int(r->st, (int)column);
}

/* Valid until the row callback returns; "" for NULL. */
const char *
export_text(const struct export_row *r, size_t column)
{
	return db_text_tmp(r->st, (int)column);
}
