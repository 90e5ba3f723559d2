/* catalog.c: categories and services as customers and staff read them, kept per worker; search through the services_fts (FTS5) index. */
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "catalog.h"
#include "db.h"
#include "log.h"

#define FTS_MAX_TERMS	8

/*
 * Every category in display order, inactive ones too, with how many
 * services each has: active, and in all.
 */
static size_t
categories_read(struct db *db, struct arena *a, struct category **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT c.id, c.slug, c.name, c.position, c.active, "
	    "(SELECT count(*) FROM services s WHERE s.category = c.slug "
	    "AND s.is_active = 1), "
	    "(SELECT count(*) FROM services s WHERE s.category = c.slug), "
	    "c.updated_at FROM categories c ORDER BY c.position, c.name "
	    "LIMIT :max");
	size_t		 n = 0;

	*out = arena_alloc(a, sizeof(**out) * CATALOG_MAX_CATEGORIES);
	db_bind_int(st, ":max", CATALOG_MAX_CATEGORIES);
	while (n < CATALOG_MAX_CATEGORIES && db_step(st) == DB_ROW) {
		struct category	*c = &(*out)[n++];

		c->id = db_int(st, 0);
		c->slug = db_text(st, 1, a);
		c->name = db_text(st, 2, a);
		c->position = db_int(st, 3);
		c->active = db_int(st, 4) != 0;
		c->active_services = db_int(st, 5);
		c->services = db_int(st, 6);
		c->updated_at = db_int(st, 7);
	}
	db_done(st);
	return n;
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
	s->category_active = (int)db_int(st, 10);
	s->included = db_text(st, 11, a);
	s->not_included = db_text(st, 12, a);
	s->image.key = db_text(st, 13, a);
	s->image.width = (int)db_int(st, 14);
	s->image.height = (int)db_int(st, 15);
	s->image.thumb_width = (int)db_int(st, 16);
	s->image.thumb_height = (int)db_int(st, 17);
}

/* Customers see and book a service only if it and its category are active. */
int
catalog_offered(const struct service *s)
{
	return s->active && s->category_active;
}

/*
 * Services matching an FTS5 query and a category (either NULL: any), by
 * category and name, at most limit of them.  Staff listings include
 * inactive ones, and those of inactive categories.
 */
static size_t
services_read(struct db *db, struct arena *a, const char *match,
    const char *category, int include_inactive, size_t limit,
    struct service **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT s.id, s.name, s.category, c.name, s.description, "
	    "s.price_paise, s.duration_minutes, s.is_active, s.created_at, "
	    "s.updated_at, c.active, s.included, s.not_included, s.image, "
	    "s.image_width, s.image_height, s.thumb_width, s.thumb_height "
	    "FROM services s JOIN categories c ON c.slug = s.category "
	    "WHERE (:all OR (s.is_active = 1 AND c.active = 1)) "
	    "AND (:cat IS NULL OR s.category = :cat) "
	    "AND (:match IS NULL OR s.id IN (SELECT rowid FROM services_fts "
	    "WHERE services_fts MATCH :match)) "
	    "ORDER BY c.position, s.name LIMIT :limit");
	size_t		 n = 0;

	*out = arena_alloc(a, sizeof(**out) * limit);
	db_bind_int(st, ":all", include_inactive != 0);
	db_bind_text(st, ":cat", category != NULL && *category ? category : NULL);
	db_bind_text(st, ":match", match);
	db_bind_int(st, ":limit", (int64_t)limit);
	while (n < limit && db_step(st) == DB_ROW)
		service_read(st, a, &(*out)[n++]);
	db_done(st);
	return n;
}

/*
 * Each worker keeps a copy of the whole catalogue, which is small and
 * on most pages, and reads it again only when catalog_version (moved by
 * triggers on every change: sql/009) is not the copy's.  The version is
 * read before the copy, so a change committed in between only makes the
 * next request read again.  Inside a transaction the copy is neither
 * used nor refreshed: the transaction may see its own change, which it
 * may still roll back.  Callers get copies in their own arena, so a
 * refresh never pulls strings from under them.
 */
#define CACHE_MAX_SERVICES	1000

static struct {
	struct db	*db;		/* the connection it was read through */
	int64_t		 version;	/* 0: nothing usable */
	struct arena	*arena;
	struct category	*cats;
	size_t		 ncats;
	struct service	*services;	/* all of them, in listing order */
	size_t		 nservices;
} cache;

static int64_t
version_read(struct db *db)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT n FROM catalog_version WHERE id = 1");
	int64_t		 v = 0;

	if (db_step(st) == DB_ROW)
		v = db_int(st, 0);
	db_done(st);
	return v;
}

/* 1 if the cached catalogue is current and may be used now, else 0. */
static int
cache_fresh(struct db *db)
{
	int64_t	v;

	if (db_in_transaction(db))
		return 0;
	v = version_read(db);
	if (v == 0)
		return 0;
	if (cache.db == db && cache.version == v)
		return 1;
	if (cache.arena == NULL)
		cache.arena = arena_new();
	arena_reset(cache.arena);
	cache.db = db;
	cache.version = 0;
	cache.ncats = categories_read(db, cache.arena, &cache.cats);
	cache.nservices = services_read(db, cache.arena, NULL, NULL, 1,
	    CACHE_MAX_SERVICES + 1, &cache.services);
	if (cache.nservices > CACHE_MAX_SERVICES)
		return 0;	/* too big to copy per request: ask SQLite */
	cache.version = v;
	return 1;
}

/*
 * The version of the catalogue this worker holds, brought up to date:
 * a page made from the catalogue alone may be kept until it changes.
 * 0 when nothing may be kept just now (inside a transaction).
 */
int64_t
catalog_version(struct db *db)
{
	return cache_fresh(db) ? cache.version : 0;
}

/* Copies of the categories in src, only the active ones if asked. */
static size_t
categories_copy(struct arena *a, const struct category *src, size_t n,
    int active_only, struct category **out)
{
	size_t	i, k = 0;

	*out = arena_alloc(a, sizeof(**out) * (n ? n : 1));
	for (i = 0; i < n; i++) {
		if (active_only && !src[i].active)
			continue;
		(*out)[k] = src[i];
		(*out)[k].slug = arena_strdup(a, src[i].slug);
		(*out)[k].name = arena_strdup(a, src[i].name);
		k++;
	}
	return k;
}

/* The categories customers see, in display order. */
size_t
catalog_categories(struct db *db, struct arena *a, struct category **out)
{
	struct category	*all;
	size_t		 n;

	if (cache_fresh(db))
		return categories_copy(a, cache.cats, cache.ncats, 1, out);
	n = categories_read(db, a, &all);
	return categories_copy(a, all, n, 1, out);
}

/* Every category, inactive ones too: for staff, and vendors' own. */
size_t
catalog_categories_all(struct db *db, struct arena *a, struct category **out)
{
	if (!cache_fresh(db))
		return categories_read(db, a, out);
	return categories_copy(a, cache.cats, cache.ncats, 0, out);
}

/* The cached category with this slug, or NULL; the cache is fresh. */
static const struct category *
cache_category(const char *slug)
{
	size_t	i;

	for (i = 0; i < cache.ncats; i++)
		if (strcmp(cache.cats[i].slug, slug) == 0)
			return &cache.cats[i];
	return NULL;
}

/* -1 if there is no such category, else whether it is active. */
static int
category_state(struct db *db, const char *slug)
{
	const struct category	*c;
	sqlite3_stmt		*st;
	int			 state = -1;

	if (cache_fresh(db))
		return (c = cache_category(slug)) != NULL ? c->active : -1;
	st = db_prepare(db, "SELECT active FROM categories WHERE slug = :s");
	db_bind_text(st, ":s", slug);
	if (db_step(st) == DB_ROW)
		state = db_int(st, 0) != 0;
	db_done(st);
	return state;
}

/* Whether a category exists, active or not (staff choices). */
int
catalog_category_exists(struct db *db, const char *slug)
{
	return category_state(db, slug) >= 0;
}

/* Whether a category exists and is offered to customers. */
int
catalog_category_active(struct db *db, const char *slug)
{
	return category_state(db, slug) == 1;
}

/*
 * The category's name now: what pages about bookings show, since a
 * booking keeps only the slug.  "" if there is none.
 */
const char *
catalog_category_name(struct db *db, struct arena *a, const char *slug)
{
	const struct category	*c;
	sqlite3_stmt		*st;
	const char		*name = "";

	if (cache_fresh(db))
		return (c = cache_category(slug)) != NULL ?
		    arena_strdup(a, c->name) : "";
	st = db_prepare(db, "SELECT name FROM categories WHERE slug = :s");
	db_bind_text(st, ":s", slug);
	if (db_step(st) == DB_ROW)
		name = db_text(st, 0, a);
	db_done(st);
	return name;
}

static void
service_copy(struct arena *a, struct service *to, const struct service *from)
{
	*to = *from;
	to->name = arena_strdup(a, from->name);
	to->category = arena_strdup(a, from->category);
	to->category_name = arena_strdup(a, from->category_name);
	to->description = arena_strdup(a, from->description);
	to->included = arena_strdup(a, from->included);
	to->not_included = arena_strdup(a, from->not_included);
	to->image.key = arena_strdup(a, from->image.key);
}

/*
 * Services matching an optional text query and category, by category
 * and name.  Staff listings include inactive ones.  Without words to
 * search for, the answer comes from the cached catalogue.
 */
size_t
catalog_search(struct db *db, struct arena *a, const char *q,
    const char *category, int include_inactive, struct service **out)
{
	const char	*match = q != NULL ? catalog_fts_query(a, q) : NULL;
	const char	*cat = category != NULL && *category ? category : NULL;
	size_t		 i, n = 0;

	if (match != NULL || !cache_fresh(db))
		return services_read(db, a, match, cat, include_inactive,
		    CATALOG_MAX_RESULTS, out);
	*out = arena_alloc(a, sizeof(**out) * CATALOG_MAX_RESULTS);
	for (i = 0; i < cache.nservices && n < CATALOG_MAX_RESULTS; i++) {
		if (!include_inactive && !catalog_offered(&cache.services[i]))
			continue;
		if (cat != NULL && strcmp(cat, cache.services[i].category) != 0)
			continue;
		service_copy(a, &(*out)[n++], &cache.services[i]);
	}
	return n;
}

/*
 * An "included" or "not included" list as typed, one item a line:
 * lines trimmed, blank ones dropped, at most CATALOG_MAX_LIST_ITEMS
 * of at most CATALOG_MAX_LIST_ITEM characters.  Returns NULL with *out
 * the normalised text, or the sentence saying what is wrong.
 */
const char *
catalog_list_normalise(struct arena *a, const char *text, const char **out)
{
	char		*buf = arena_alloc(a, strlen(text) + 1), *p = buf;
	const char	*line = text, *end, *b, *e;
	size_t		 items = 0, chars;

	for (; *line != '\0'; line = *end != '\0' ? end + 1 : end) {
		if ((end = strchr(line, '\n')) == NULL)
			end = line + strlen(line);
		for (b = line; b < end && (*b == ' ' || *b == '\t' ||
		    *b == '\r'); b++)
			;
		for (e = end; e > b && (e[-1] == ' ' || e[-1] == '\t' ||
		    e[-1] == '\r'); e--)
			;
		if (e == b)
			continue;
		for (chars = 0, line = b; line < e; line++)
			chars += ((unsigned char)*line & 0xc0) != 0x80;
		if (++items > CATALOG_MAX_LIST_ITEMS)
			return arena_printf(a, "List at most %d items.",
			    CATALOG_MAX_LIST_ITEMS);
		if (chars > CATALOG_MAX_LIST_ITEM)
			return arena_printf(a, "Keep each item to %d characters "
			    "or fewer, one item a line.", CATALOG_MAX_LIST_ITEM);
		if (p != buf)
			*p++ = '\n';
		memcpy(p, b, (size_t)(e - b));
		p += e - b;
	}
	*p = '\0';
	*out = buf;
	return NULL;
}

/* Returns 1 and fills *out if the service exists (active or not). */
int
catalog_get(struct db *db, struct arena *a, int64_t id, struct service *out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT s.id, s.name, s.category, c.name, s.description, "
	    "s.price_paise, s.duration_minutes, s.is_active, s.created_at, "
	    "s.updated_at, c.active, s.included, s.not_included, s.image, "
	    "s.image_width, s.image_height, s.thumb_width, s.thumb_height "
	    "FROM services s JOIN categories c ON c.slug = s.category "
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

/* NULL (an initialiser without the newer fields) reads as "". */
static const char *
or_empty(const char *s)
{
	return s != NULL ? s : "";
}

static json_t *
service_json(const struct service_input *in)
{
	return json_pack("{s:s, s:s, s:s, s:I, s:I, s:b, s:s, s:s, s:s}",
	    "name", in->name, "category", in->category, "description",
	    in->description, "price_paise", (json_int_t)in->price_paise,
	    "duration_minutes", (json_int_t)in->duration_minutes, "active",
	    in->active, "included", or_empty(in->included), "not_included",
	    or_empty(in->not_included), "image", or_empty(in->image.key));
}

/* What staff set on s, to change some of it and save. */
void
catalog_input_from(const struct service *s, struct service_input *in)
{
	*in = (struct service_input){ s->name, s->category, s->description,
	    s->price_paise, s->duration_minutes, s->active, s->included,
	    s->not_included, s->image };
}

static json_t *
service_json_from(const struct service *s)
{
	struct service_input	in;

	catalog_input_from(s, &in);
	return service_json(&in);
}

/* The newer columns' values, shared by insert and update. */
static void
service_bind_extras(sqlite3_stmt *st, const struct service_input *in)
{
	db_bind_text(st, ":inc", or_empty(in->included));
	db_bind_text(st, ":exc", or_empty(in->not_included));
	db_bind_text(st, ":img", or_empty(in->image.key));
	db_bind_int(st, ":iw", in->image.width);
	db_bind_int(st, ":ih", in->image.height);
	db_bind_int(st, ":tw", in->image.thumb_width);
	db_bind_int(st, ":th", in->image.thumb_height);
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
	    "duration_minutes, is_active, created_at, updated_at, included, "
	    "not_included, image, image_width, image_height, thumb_width, "
	    "thumb_height) VALUES (:n, :c, :d, :p, :m, :a, unixepoch(), "
	    "unixepoch(), :inc, :exc, :img, :iw, :ih, :tw, :th)");
	db_bind_text(st, ":n", in->name);
	db_bind_text(st, ":c", in->category);
	db_bind_text(st, ":d", in->description);
	db_bind_int(st, ":p", in->price_paise);
	db_bind_int(st, ":m", in->duration_minutes);
	db_bind_int(st, ":a", in->active != 0);
	service_bind_extras(st, in);
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
	    "updated_at = unixepoch(), included = :inc, not_included = :exc, "
	    "image = :img, image_width = :iw, image_height = :ih, "
	    "thumb_width = :tw, thumb_height = :th WHERE id = :id");
	db_bind_text(st, ":n", in->name);
	db_bind_text(st, ":c", in->category);
	db_bind_text(st, ":d", in->description);
	db_bind_int(st, ":p", in->price_paise);
	db_bind_int(st, ":m", in->duration_minutes);
	db_bind_int(st, ":a", in->active != 0);
	db_bind_int(st, ":id", id);
	service_bind_extras(st, in);
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
	catalog_input_from(&old, &in);
	in.active = active != 0;
	return catalog_update(db, a, who, id, &in);
}
