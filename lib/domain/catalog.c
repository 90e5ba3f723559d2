/* catalog.c: categories and services; search through the services_fts (FTS5) index. */
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "catalog.h"
#include "db.h"
#include "log.h"

#define FTS_MAX_TERMS	8

/* Categories in display order, with how many active services each has. */
size_t
catalog_categories(struct db *db, struct arena *a, struct category **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT c.slug, c.name, (SELECT count(*) FROM services s "
	    "WHERE s.category = c.slug AND s.is_active = 1) "
	    "FROM categories c ORDER BY c.position, c.name LIMIT 100");
	size_t		 n = 0;

	*out = arena_alloc(a, sizeof(**out) * 100);
	while (db_step(st) == DB_ROW) {
		(*out)[n].slug = db_text(st, 0, a);
		(*out)[n].name = db_text(st, 1, a);
		(*out)[n].active_services = db_int(st, 2);
		n++;
	}
	db_done(st);
	return n;
}

int
catalog_category_exists(struct db *db, const char *slug)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT 1 FROM categories WHERE slug = :s");
	int		 found;

	db_bind_text(st, ":s", slug);
	found = db_step(st) == DB_ROW;
	db_done(st);
	return found;
}

/*
 * Turn what a person typed into an FTS5 query that cannot be a syntax
 * error: each word becomes a quoted prefix term, all must match.
 * Returns NULL when nothing searchable is left.
 */
char *
catalog_fts_query(struct arena *a, const char *q)
{
	char		*out = arena_alloc(a, strlen(q) * 2 + FTS_MAX_TERMS * 4 + 1);
	char		*p = out;
	int		 terms = 0;
	unsigned char	 c;

	while (*q != '\0' && terms < FTS_MAX_TERMS) {
		/* Words are runs of letters, digits and any non-ASCII text. */
		while (*q != '\0' && (c = (unsigned char)*q) < 0x80 &&
		    !((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
		    (c | 0x20) <= 'z')))
			q++;
		if (*q == '\0')
			break;
		if (terms++ > 0)
			*p++ = ' ';
		*p++ = '"';
		while (*q != '\0' && ((c = (unsigned char)*q) >= 0x80 ||
		    (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
		    (c | 0x20) <= 'z')))
			*p++ = *q++;
		*p++ = '"';
		*p++ = '*';
	}
	*p = '\0';
	return terms > 0 ? out : NULL;
}

static void
service_read(sqlite3_stmt *st, struct arena *a, struct service *s)
{
	s->id = db_int(st, 0);
	s->name = db_text(st, 1, a);
	s->category = db_text(st, 2, a);
	s->category_name = db_text(st, 3, a);
	s->description = db_text(st, 4, a);
	s->price_paise = db_int(st, 5);
	s->duration_minutes = db_int(st, 6);
	s->active = (int)db_int(st, 7);
	s->created_at = db_int(st, 8);
	s->updated_at = db_int(st, 9);
}

/*
 * Services matching an optional text query and category, by category
 * and name.  Staff listings include inactive ones.
 */
size_t
catalog_search(struct db *db, struct arena *a, const char *q,
    const char *category, int include_inactive, struct service **out)
{
	const char	*match = q != NULL ? catalog_fts_query(a, q) : NULL;
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT s.id, s.name, s.category, c.name, s.description, "
	    "s.price_paise, s.duration_minutes, s.is_active, s.created_at, "
	    "s.updated_at FROM services s JOIN categories c ON c.slug = s.category "
	    "WHERE (:all OR s.is_active = 1) "
	    "AND (:cat IS NULL OR s.category = :cat) "
	    "AND (:match IS NULL OR s.id IN (SELECT rowid FROM services_fts "
	    "WHERE services_fts MATCH :match)) "
	    "ORDER BY c.position, s.name LIMIT :limit");
	size_t		 n = 0;

	*out = arena_alloc(a, sizeof(**out) * CATALOG_MAX_RESULTS);
	db_bind_int(st, ":all", include_inactive != 0);
	db_bind_text(st, ":cat", category != NULL && *category ? category : NULL);
	db_bind_text(st, ":match", match);
	db_bind_int(st, ":limit", CATALOG_MAX_RESULTS);
	while (db_step(st) == DB_ROW)
		service_read(st, a, &(*out)[n++]);
	db_done(st);
	return n;
}

/* Returns 1 and fills *out if the service exists (active or not). */
int
catalog_get(struct db *db, struct arena *a, int64_t id, struct service *out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT s.id, s.name, s.category, c.name, s.description, "
	    "s.price_paise, s.duration_minutes, s.is_active, s.created_at, "
	    "s.updated_at FROM services s JOIN categories c ON c.slug = s.category "
	    "WHERE s.id = :id");
	int		 found = 0;

	db_bind_int(st, ":id", id);
	if (db_step(st) == DB_ROW) {
		service_read(st, a, out);
		found = 1;
	}
	db_done(st);
	return found;
}

static json_t *
service_json(const struct service_input *in)
{
	return json_pack("{s:s, s:s, s:s, s:I, s:I, s:b}", "name", in->name,
	    "category", in->category, "description", in->description,
	    "price_paise", (json_int_t)in->price_paise, "duration_minutes",
	    (json_int_t)in->duration_minutes, "active", in->active);
}

static json_t *
service_json_from(const struct service *s)
{
	struct service_input	in = { s->name, s->category, s->description,
	    s->price_paise, s->duration_minutes, s->active };

	return service_json(&in);
}

/* Create a service; the category must exist.  Returns the new id. */
int64_t
catalog_create(struct db *db, const struct actor *who,
    const struct service_input *in)
{
	sqlite3_stmt	*st;
	int64_t		 id;

	db_begin(db);
	st = db_prepare(db,
	    "INSERT INTO services (name, category, description, price_paise, "
	    "duration_minutes, is_active, created_at, updated_at) VALUES "
	    "(:n, :c, :d, :p, :m, :a, unixepoch(), unixepoch())");
	db_bind_text(st, ":n", in->name);
	db_bind_text(st, ":c", in->category);
	db_bind_text(st, ":d", in->description);
	db_bind_int(st, ":p", in->price_paise);
	db_bind_int(st, ":m", in->duration_minutes);
	db_bind_int(st, ":a", in->active != 0);
	if (db_step(st) != DB_DONE)
		log_fatal("catalog: insert refused for a checked service");
	db_done(st);
	id = db_last_id(db);
	audit_write(db, who, "service.create", "service", id, NULL,
	    service_json(in));
	db_commit(db);
	return id;
}

/* Update every field of a service.  Returns 1, or 0 if there is none. */
int
catalog_update(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, const struct service_input *in)
{
	struct service	 old;
	sqlite3_stmt	*st;

	db_begin(db);
	if (!catalog_get(db, a, id, &old)) {
		db_rollback(db);
		return 0;
	}
	st = db_prepare(db,
	    "UPDATE services SET name = :n, category = :c, description = :d, "
	    "price_paise = :p, duration_minutes = :m, is_active = :a, "
	    "updated_at = unixepoch() WHERE id = :id");
	db_bind_text(st, ":n", in->name);
	db_bind_text(st, ":c", in->category);
	db_bind_text(st, ":d", in->description);
	db_bind_int(st, ":p", in->price_paise);
	db_bind_int(st, ":m", in->duration_minutes);
	db_bind_int(st, ":a", in->active != 0);
	db_bind_int(st, ":id", id);
	if (db_step(st) != DB_DONE)
		log_fatal("catalog: update refused for a checked service");
	db_done(st);
	audit_write(db, who, "service.update", "service", id,
	    service_json_from(&old), service_json(in));
	db_commit(db);
	return 1;
}

/* Activate or deactivate.  Returns 1, or 0 if there is no such service. */
int
catalog_set_active(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, int active)
{
	struct service		old;
	struct service_input	in;

	if (!catalog_get(db, a, id, &old))
		return 0;
	in = (struct service_input){ old.name, old.category, old.description,
	    old.price_paise, old.duration_minutes, active != 0 };
	return catalog_update(db, a, who, id, &in);
}
