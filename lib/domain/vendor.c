/* vendor.c: read and replace a vendor's profile: categories, pincodes, verification. */
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "db.h"
#include "log.h"
#include "vendor.h"

static size_t
strings(sqlite3_stmt *st, struct arena *a, const char ***out, size_t max)
{
	size_t	n = 0;

	*out = arena_alloc(a, sizeof(**out) * max);
	while (n < max && db_step(st) == DB_ROW)
		(*out)[n++] = db_text(st, 0, a);
	db_done(st);
	return n;
}

/* Returns 1 and fills *p when the user is a vendor. */
int
vendor_get(struct db *db, struct arena *a, int64_t id, struct vendor_profile *p)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT u.id, u.username, coalesce(p.is_verified, 0), u.created_at "
	    "FROM users u LEFT JOIN vendor_profiles p ON p.user_id = u.id "
	    "WHERE u.id = :id AND u.role = 'vendor'");
	int		 found = 0;

	memset(p, 0, sizeof(*p));
	db_bind_int(st, ":id", id);
	if (db_step(st) == DB_ROW) {
		p->user_id = db_int(st, 0);
		p->username = db_text(st, 1, a);
		p->verified = (int)db_int(st, 2);
		p->member_since = db_int(st, 3);
		found = 1;
	}
	db_done(st);
	if (!found)
		return 0;
	st = db_prepare(db, "SELECT category FROM vendor_categories "
	    "WHERE vendor_id = :id ORDER BY category");
	db_bind_int(st, ":id", id);
	p->ncategories = strings(st, a, &p->categories, 100);
	st = db_prepare(db, "SELECT pincode FROM vendor_pincodes "
	    "WHERE vendor_id = :id ORDER BY pincode");
	db_bind_int(st, ":id", id);
	p->npincodes = strings(st, a, &p->pincodes, VENDOR_MAX_PINCODES);
	return 1;
}

int
vendor_serves_category(const struct vendor_profile *p, const char *slug)
{
	size_t	i;

	for (i = 0; i < p->ncategories; i++)
		if (strcmp(p->categories[i], slug) == 0)
			return 1;
	return 0;
}

static json_t *
areas_json(const char *const *cats, size_t ncats, const char *const *pins,
    size_t npins)
{
	json_t	*c = json_array(), *p = json_array();
	size_t	 i;

	for (i = 0; i < ncats; i++)
		json_array_append_new(c, json_string(cats[i]));
	for (i = 0; i < npins; i++)
		json_array_append_new(p, json_string(pins[i]));
	return json_pack("{s:o, s:o}", "categories", c, "pincodes", p);
}

static void
profile_ensure(struct db *db, int64_t id)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT OR IGNORE INTO vendor_profiles (user_id, updated_at) "
	    "VALUES (:id, unixepoch())");

	db_bind_int(st, ":id", id);
	db_step(st);
	db_done(st);
}

/*
 * Replace the vendor's categories and pincodes (already validated:
 * categories exist, pincodes are well-formed) in one transaction.
 */
void
vendor_set_areas(struct db *db, const struct actor *who, int64_t id,
    const char *const *cats, size_t ncats, const char *const *pins,
    size_t npins)
{
	sqlite3_stmt	*st;
	size_t		 i;

	db_begin(db);
	profile_ensure(db, id);
	st = db_prepare(db, "DELETE FROM vendor_categories WHERE vendor_id = :id");
	db_bind_int(st, ":id", id);
	db_step(st);
	db_done(st);
	st = db_prepare(db, "DELETE FROM vendor_pincodes WHERE vendor_id = :id");
	db_bind_int(st, ":id", id);
	db_step(st);
	db_done(st);
	for (i = 0; i < ncats; i++) {
		st = db_prepare(db, "INSERT OR IGNORE INTO vendor_categories "
		    "(vendor_id, category) VALUES (:id, :c)");
		db_bind_int(st, ":id", id);
		db_bind_text(st, ":c", cats[i]);
		if (db_step(st) == DB_CONSTRAINT)
			log_fatal("vendor: unknown category %s", cats[i]);
		db_done(st);
	}
	for (i = 0; i < npins; i++) {
		st = db_prepare(db, "INSERT OR IGNORE INTO vendor_pincodes "
		    "(vendor_id, pincode) VALUES (:id, :p)");
		db_bind_int(st, ":id", id);
		db_bind_text(st, ":p", pins[i]);
		if (db_step(st) == DB_CONSTRAINT)
			log_fatal("vendor: bad pincode %s", pins[i]);
		db_done(st);
	}
	audit_write(db, who, "vendor.areas", "user", id, NULL,
	    areas_json(cats, ncats, pins, npins));
	db_commit(db);
}

void
vendor_set_verified(struct db *db, const struct actor *who, int64_t id,
    int verified)
{
	sqlite3_stmt	*st;

	db_begin(db);
	profile_ensure(db, id);
	st = db_prepare(db, "UPDATE vendor_profiles SET is_verified = :v, "
	    "verified_at = CASE WHEN :v THEN unixepoch() END, "
	    "updated_at = unixepoch() WHERE user_id = :id");
	db_bind_int(st, ":v", verified != 0);
	db_bind_int(st, ":id", id);
	db_step(st);
	db_done(st);
	audit_write(db, who, verified ? "vendor.verify" : "vendor.unverify",
	    "user", id, NULL, json_pack("{s:b}", "verified", verified));
	db_commit(db);
}
