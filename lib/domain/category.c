/* category.c: the super admin's changes to categories, each one transaction with its audit row; the slug is made once and never changes. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "category.h"
#include "clock.h"
#include "db.h"
#include "log.h"

/* Returns 1 and fills *out (with its service counts) if it exists. */
int
category_get(struct db *db, struct arena *a, int64_t id, struct category *out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT c.id, c.slug, c.name, c.position, c.active, "
	    "(SELECT count(*) FROM services s WHERE s.category = c.slug "
	    "AND s.is_active = 1), "
	    "(SELECT count(*) FROM services s WHERE s.category = c.slug), "
	    "c.updated_at FROM categories c WHERE c.id = :id");
	int		 found = 0;

	db_bind_int(st, ":id", id);
	if (db_step(st) == DB_ROW) {
		out->id = db_int(st, 0);
		out->slug = db_text(st, 1, a);
		out->name = db_text(st, 2, a);
		out->position = db_int(st, 3);
		out->active = db_int(st, 4) != 0;
		out->active_services = db_int(st, 5);
		out->services = db_int(st, 6);
		out->updated_at = db_int(st, 7);
		found = 1;
	}
	db_done(st);
	return found;
}

/* Where a new category goes by default: 10 after the last, at most the end. */
int64_t
category_next_position(struct db *db)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT coalesce(max(position), 0) FROM categories");
	int64_t		 last = 0;

	if (db_step(st) == DB_ROW)
		last = db_int(st, 0);
	db_done(st);
	return last + 10 > CATEGORY_POSITION_MAX ? CATEGORY_POSITION_MAX :
	    last + 10;
}

static int
slug_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/*
 * The slug a name suggests: lower-case ASCII letters and digits, every
 * run of anything else one '-', none at either end, at most
 * CATEGORY_SLUG_MAX; "category" when nothing is left (a name all
 * punctuation or in another script).
 */
char *
category_slug_base(struct arena *a, const char *name)
{
	char		*out = arena_alloc(a, CATEGORY_SLUG_MAX + 1);
	size_t		 n = 0;
	int		 gap = 0;
	unsigned char	 c;

	for (; *name != '\0' && n < CATEGORY_SLUG_MAX; name++) {
		c = (unsigned char)*name;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (!slug_char(c)) {
			gap = n > 0;
			continue;
		}
		if (gap && n + 1 < CATEGORY_SLUG_MAX)
			out[n++] = '-';
		else if (gap)
			break;	/* a '-' would end it */
		gap = 0;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return n > 0 ? out : arena_strdup(a, "category");
}

static int
slug_taken(struct db *db, const char *slug)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT 1 FROM categories WHERE slug = :s");
	int		 taken;

	db_bind_text(st, ":s", slug);
	taken = db_step(st) == DB_ROW;
	db_done(st);
	return taken;
}

/*
 * The first free slug of base, base-2, base-3...: the base cut short
 * (and any '-' it then ends with dropped) to leave room for the suffix.
 * Inside the creating transaction, so no one takes it meanwhile.
 */
static char *
slug_free(struct db *db, struct arena *a, const char *base)
{
	char	*slug = arena_strdup(a, base), suffix[24];
	size_t	 keep;
	int	 n;

	for (n = 2; slug_taken(db, slug); n++) {
		snprintf(suffix, sizeof(suffix), "-%d", n);
		keep = strlen(base);
		if (keep > CATEGORY_SLUG_MAX - strlen(suffix))
			keep = CATEGORY_SLUG_MAX - strlen(suffix);
		while (keep > 0 && base[keep - 1] == '-')
			keep--;
		slug = arena_printf(a, "%.*s%s", (int)keep, base, suffix);
	}
	return slug;
}

/* Another category has this name, compared without regard to case. */
static int
name_taken(struct db *db, const char *name, int64_t except)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT 1 FROM categories WHERE name = :n AND id <> :id");
	int		 taken;

	db_bind_text(st, ":n", name);	/* the column's collation: NOCASE */
	db_bind_int(st, ":id", except);
	taken = db_step(st) == DB_ROW;
	db_done(st);
	return taken;
}

static int64_t
category_count(struct db *db)
{
	sqlite3_stmt	*st = db_prepare(db, "SELECT count(*) FROM categories");
	int64_t		 n;

	db_step(st);
	n = db_int(st, 0);
	db_done(st);
	return n;
}

/*
 * A new category, its slug made from the name.  CATEGORY_NAME_TAKEN or
 * CATEGORY_TOO_MANY write nothing; CATEGORY_OK sets *id.
 */
enum category_result
category_create(struct db *db, struct arena *a, const struct actor *who,
    const struct category_input *in, int64_t *id)
{
	sqlite3_stmt		*st;
	const char		*slug;
	enum category_result	 rc = CATEGORY_OK;

	db_begin(db);
	if (name_taken(db, in->name, 0))
		rc = CATEGORY_NAME_TAKEN;
	else if (category_count(db) >= CATALOG_MAX_CATEGORIES)
		rc = CATEGORY_TOO_MANY;
	if (rc != CATEGORY_OK) {
		db_rollback(db);
		return rc;
	}
	slug = slug_free(db, a, category_slug_base(a, in->name));
	st = db_prepare(db,
	    "INSERT INTO categories (slug, name, position, active, updated_at) "
	    "VALUES (:slug, :name, :pos, :active, :now)");
	db_bind_text(st, ":slug", slug);
	db_bind_text(st, ":name", in->name);
	db_bind_int(st, ":pos", in->position);
	db_bind_int(st, ":active", in->active != 0);
	db_bind_int(st, ":now", clock_now());
	if (db_step(st) != DB_DONE)
		log_fatal("category: insert refused for a checked category");
	db_done(st);
	*id = db_last_id(db);
	audit_write(db, who, "category.created", "category", *id, NULL,
	    json_pack("{s:s, s:s, s:I, s:b}", "slug", slug, "name", in->name,
	    "position", (json_int_t)in->position, "active", in->active != 0));
	db_commit(db);
	return CATEGORY_OK;
}

/*
 * What changed from old to in, as two objects of the changed fields'
 * old and new values.  Returns how many fields changed.
 */
static int
changes(const struct category *old, const struct category_input *in,
    json_t *was, json_t *now)
{
	int	n = 0;

	if (strcmp(old->name, in->name) != 0) {
		json_object_set_new(was, "name", json_string(old->name));
		json_object_set_new(now, "name", json_string(in->name));
		n++;
	}
	if (old->position != in->position) {
		json_object_set_new(was, "position", json_integer(old->position));
		json_object_set_new(now, "position", json_integer(in->position));
		n++;
	}
	if (old->active != (in->active != 0)) {
		json_object_set_new(was, "active", json_boolean(old->active));
		json_object_set_new(now, "active", json_boolean(in->active));
		n++;
	}
	return n;
}

/*
 * Rename, move or (de)activate a category.  Only the category's row
 * changes: services, bookings and vendors refer to its slug, which
 * stays.  Saving what is already there writes nothing.
 */
enum category_result
category_update(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, const struct category_input *in)
{
	struct category		 old;
	sqlite3_stmt		*st;
	json_t			*was = json_object(), *now = json_object();
	enum category_result	 rc = CATEGORY_OK;

	if (was == NULL || now == NULL)
		log_fatal("category: out of memory");
	db_begin(db);
	if (!category_get(db, a, id, &old))
		rc = CATEGORY_NOT_FOUND;
	else if (name_taken(db, in->name, id))
		rc = CATEGORY_NAME_TAKEN;
	if (rc != CATEGORY_OK || changes(&old, in, was, now) == 0)
		goto unchanged;
	st = db_prepare(db,
	    "UPDATE categories SET name = :name, position = :pos, "
	    "active = :active, updated_at = :now WHERE id = :id");
	db_bind_text(st, ":name", in->name);
	db_bind_int(st, ":pos", in->position);
	db_bind_int(st, ":active", in->active != 0);
	db_bind_int(st, ":now", clock_now());
	db_bind_int(st, ":id", id);
	if (db_step(st) != DB_DONE)
		log_fatal("category: update refused for a checked category");
	db_done(st);
	audit_write(db, who, "category.updated", "category", id, was, now);
	db_commit(db);
	return CATEGORY_OK;
unchanged:
	json_decref(was);
	json_decref(now);
	db_rollback(db);
	return rc;
}
