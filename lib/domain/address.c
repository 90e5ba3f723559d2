/* address.c: list, add, delete and choose the default of a customer's saved addresses. */
#include "address.h"
#include "arena.h"
#include "audit.h"
#include "db.h"
#include "log.h"

/* The default first, then in the order they were added. */
size_t
address_list(struct db *db, struct arena *a, int64_t user, struct address **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT id, address, pincode, is_default FROM addresses "
	    "WHERE user_id = :u ORDER BY is_default DESC, id LIMIT :n");
	size_t		 n = 0;

	*out = arena_alloc(a, sizeof(**out) * ADDRESS_MAX);
	db_bind_int(st, ":u", user);
	db_bind_int(st, ":n", ADDRESS_MAX);
	while (db_step(st) == DB_ROW) {
		(*out)[n].id = db_int(st, 0);
		(*out)[n].address = db_text(st, 1, a);
		(*out)[n].pincode = db_text(st, 2, a);
		(*out)[n].is_default = (int)db_int(st, 3);
		n++;
	}
	db_done(st);
	return n;
}

static void
default_clear(struct db *db, int64_t user)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE addresses SET is_default = 0 WHERE user_id = :u "
	    "AND is_default = 1");

	db_bind_int(st, ":u", user);
	db_step(st);
	db_done(st);
}

static int64_t
address_count(struct db *db, int64_t user)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT count(*) FROM addresses WHERE user_id = :u");
	int64_t		 n;

	db_bind_int(st, ":u", user);
	db_step(st);
	n = db_int(st, 0);
	db_done(st);
	return n;
}

/* Inside the caller's transaction; the first address is the default. */
void
address_insert(struct db *db, int64_t user, const char *address,
    const char *pincode, int make_default)
{
	sqlite3_stmt	*st;

	if (address_count(db, user) == 0)
		make_default = 1;
	if (make_default)
		default_clear(db, user);
	st = db_prepare(db, "INSERT INTO addresses (user_id, address, pincode, "
	    "is_default, created_at) VALUES (:u, :a, :p, :d, unixepoch())");
	db_bind_int(st, ":u", user);
	db_bind_text(st, ":a", address);
	db_bind_text(st, ":p", pincode);
	db_bind_int(st, ":d", make_default != 0);
	if (db_step(st) != DB_DONE)
		log_fatal("address: insert refused");
	db_done(st);
}

/* Returns 0, or -1 when the customer already has ADDRESS_MAX. */
int
address_add(struct db *db, const struct actor *who, int64_t user,
    const char *address, const char *pincode, int make_default)
{
	db_begin(db);
	if (address_count(db, user) >= ADDRESS_MAX) {
		db_rollback(db);
		return -1;
	}
	address_insert(db, user, address, pincode, make_default);
	audit_write(db, who, "address.add", "address", db_last_id(db), NULL,
	    json_pack("{s:s, s:s, s:b}", "address", address, "pincode",
	    pincode, "default", make_default));
	db_commit(db);
	return 0;
}

/* Returns 1, or 0 when the address is not this user's. */
int
address_set_default(struct db *db, const struct actor *who, int64_t user,
    int64_t id)
{
	sqlite3_stmt	*st;
	int		 found;

	db_begin(db);
	st = db_prepare(db, "SELECT 1 FROM addresses WHERE id = :id AND "
	    "user_id = :u");
	db_bind_int(st, ":id", id);
	db_bind_int(st, ":u", user);
	found = db_step(st) == DB_ROW;
	db_done(st);
	if (!found) {
		db_rollback(db);
		return 0;
	}
	default_clear(db, user);
	st = db_prepare(db, "UPDATE addresses SET is_default = 1 WHERE id = :id");
	db_bind_int(st, ":id", id);
	db_step(st);
	db_done(st);
	audit_write(db, who, "address.default", "address", id, NULL, NULL);
	db_commit(db);
	return 1;
}

/*
 * Delete one of the user's addresses; bookings keep their own copy.
 * If it was the default, the oldest remaining becomes the default.
 */
int
address_delete(struct db *db, const struct actor *who, int64_t user,
    int64_t id)
{
	sqlite3_stmt	*st;

	db_begin(db);
	st = db_prepare(db, "DELETE FROM addresses WHERE id = :id AND "
	    "user_id = :u");
	db_bind_int(st, ":id", id);
	db_bind_int(st, ":u", user);
	db_step(st);
	db_done(st);
	if (db_changes(db) != 1) {
		db_rollback(db);
		return 0;
	}
	st = db_prepare(db, "UPDATE addresses SET is_default = 1 WHERE id = "
	    "(SELECT id FROM addresses WHERE user_id = :u ORDER BY id LIMIT 1) "
	    "AND NOT EXISTS (SELECT 1 FROM addresses WHERE user_id = :u "
	    "AND is_default = 1)");
	db_bind_int(st, ":u", user);
	db_step(st);
	db_done(st);
	audit_write(db, who, "address.delete", "address", id, NULL, NULL);
	db_commit(db);
	return 1;
}
