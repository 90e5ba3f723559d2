/* catalog.c (test): the catalogue a worker keeps between requests follows every change, whoever makes it, and never keeps one rolled back; an inactive category hides its services; slugs made from names. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "audit.h"
#include "catalog.h"
#include "category.h"
#include "db.h"
#include "tap.h"

static struct arena	*arena;
static struct db	*db;		/* the worker's connection */
static struct db	*other;		/* anyone else: admin, homeserve-ctl */
static char		 dir[] = "/tmp/hs-catalog-XXXXXX";

/* Test-only SQL on a connection, outside the statement cache. */
static void
exec_on(struct db *on, const char *sql)
{
	char	*err = NULL;

	if (sqlite3_exec(db_handle(on), sql, NULL, NULL, &err) != SQLITE_OK) {
		diag("sql: %s: %s", sql, err);
		exit(EXIT_FAILURE);
	}
}

/* The names listed for a category ("" for all), joined with commas. */
static const char *
listed(const char *q, const char *category)
{
	struct service	*s;
	size_t		 n, i;
	char		*out = arena_alloc(arena, 1024);

	out[0] = '\0';
	n = catalog_search(db, arena, q, category, 0, &s);
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(out, ",");
		strncat(out, s[i].name, 1000 - strlen(out));
	}
	return out;
}

/* "slug=name:count" for every category, joined with commas. */
static const char *
categories(void)
{
	struct category	*c;
	size_t		 n, i;
	char		*out = arena_alloc(arena, 1024);

	out[0] = '\0';
	n = catalog_categories(db, arena, &c);
	for (i = 0; i < n; i++)
		snprintf(out + strlen(out), 1024 - strlen(out), "%s%s=%s:%lld",
		    i > 0 ? "," : "", c[i].slug, c[i].name,
		    (long long)c[i].active_services);
	return out;
}

static void
setup(void)
{
	const char	*src = getenv("HS_SRCDIR");
	const char	*path;
	int		 from, to;

	if (mkdtemp(dir) == NULL)
		exit(EXIT_FAILURE);
	path = arena_printf(arena, "%s/test.db", dir);
	db = db_open(path, 1);
	from = to = 0;
	if (db_migrate(db, arena_printf(arena, "%s/sql", src != NULL ? src :
	    "."), &from, &to) != 0)
		to = -1;
	ok(to >= 9, "setup: migrated to %d", to);
	other = db_open(path, 0);
	exec_on(db, "DELETE FROM categories WHERE slug NOT IN ('ac', "
	    "'plumbing');"
	    "INSERT INTO services (id, name, category, description, "
	    "price_paise, duration_minutes, created_at, updated_at) VALUES "
	    "(1, 'AC Repair', 'ac', 'Cooling', 50000, 90, 0, 0),"
	    "(2, 'Plumbing', 'plumbing', 'Leaks', 30000, 60, 0, 0);");
}

static void
test_follows_changes(void)
{
	struct service	*s;

	is_str(listed(NULL, NULL), "AC Repair,Plumbing", "listed: both");
	is_str(categories(), "ac=AC & cooling:1,plumbing=Plumbing:1",
	    "categories: both, one service each");
	ok(catalog_category_exists(db, "ac"), "ac exists");
	ok(!catalog_category_exists(db, "cleaning"), "cleaning does not");

	/* Another connection's changes show on the next call, every time. */
	exec_on(other, "UPDATE services SET name = 'Pipes and Drains' "
	    "WHERE id = 2");
	is_str(listed(NULL, NULL), "AC Repair,Pipes and Drains",
	    "a rename by another connection shows at once");
	exec_on(other, "UPDATE services SET is_active = 0 WHERE id = 1");
	is_str(listed(NULL, NULL), "Pipes and Drains",
	    "a deactivation shows at once");
	is_str(categories(), "ac=AC & cooling:0,plumbing=Plumbing:1",
	    "... and the category's count follows");
	exec_on(other, "INSERT INTO categories (slug, name, position) "
	    "VALUES ('cleaning', 'Cleaning', 3)");
	ok(catalog_category_exists(db, "cleaning"), "a new category exists "
	    "at once");
	exec_on(other, "UPDATE categories SET name = 'Cooling' WHERE slug = "
	    "'ac'");
	is_str(categories(), "ac=Cooling:0,plumbing=Plumbing:1,"
	    "cleaning=Cleaning:0", "a renamed category shows at once");
	exec_on(other, "UPDATE services SET is_active = 1 WHERE id = 1");
	is_str(listed(NULL, "ac"), "AC Repair", "filtered by category");
	is_str(listed("", "plumbing"), "Pipes and Drains",
	    "an empty query is no query");
	is_str(listed("drains", NULL), "Pipes and Drains",
	    "words still go to the full-text index");

	/* Staff listings include inactive services, in the same order. */
	exec_on(other, "UPDATE services SET is_active = 0 WHERE id = 2");
	is_int((int64_t)catalog_search(db, arena, NULL, NULL, 1, &s), 2,
	    "staff see both services");
	is_str(s[1].name, "Pipes and Drains", "... the inactive one too");
	ok(!s[1].active, "... marked inactive");

	/* What a caller got stays whole after the copy is read again. */
	catalog_search(db, arena, NULL, NULL, 1, &s);
	exec_on(other, "UPDATE services SET description = 'Changed' "
	    "WHERE id = 1");
	listed(NULL, NULL);
	is_str(s[0].description, "Cooling", "a caller's strings outlive a "
	    "refresh");
	exec_on(other, "UPDATE services SET is_active = 1");
}

/*
 * Inside a transaction the listing sees the transaction's own change,
 * and once it is rolled back, the change is gone from the listing too:
 * a copy read inside would otherwise outlive the rollback.
 */
static void
test_rollback(void)
{
	db_begin(db);
	exec_on(db, "UPDATE services SET name = 'Never Committed' WHERE id = 1");
	is_str(listed(NULL, NULL), "Never Committed,Pipes and Drains",
	    "inside a transaction, its own change is listed");
	db_rollback(db);
	/* The next change elsewhere brings the version to where the
	 * rolled-back one had it: a copy read inside would look current. */
	exec_on(other, "UPDATE services SET price_paise = 55000 WHERE id = 1");
	is_str(listed(NULL, NULL), "AC Repair,Pipes and Drains",
	    "after the rollback and another change, the rolled-back name "
	    "is not listed");
}

/* The slug a name suggests, before any suffix. */
static void
test_slug_base(void)
{
	static const struct {
		const char	*name;
		const char	*slug;
	} cases[] = {
		{ "AC & cooling", "ac-cooling" },
		{ "  Pest -- Control!! ", "pest-control" },
		{ "Plumbing", "plumbing" },
		{ "24x7 Emergency", "24x7-emergency" },
		{ "???", "category" },
		{ "\xe0\xa4\xb8\xe0\xa4\xab\xe0\xa4\xbe\xe0\xa4\x88", "category" },
		{ "\xc3\x89lectricit\xc3\xa9 g\xc3\xa9n\xc3\xa9rale", "lectricit-g-n-rale" },
		{ "Caf\xc3\xa9 machines", "caf-machines" },
		/* 50 letters: the first 40. */
		{ "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij",
		    "abcdefghijabcdefghijabcdefghijabcdefghij" },
		/* A word ending at 39: no '-' at the end, nothing after. */
		{ "abcdefghijabcdefghijabcdefghijabcdefghi jklm",
		    "abcdefghijabcdefghijabcdefghijabcdefghi" },
	};
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_str(category_slug_base(arena, cases[i].name), cases[i].slug,
		    "slug of '%s'", cases[i].name);
}

static const char *
created_slug(const char *name)
{
	static const struct actor	 system = { 0, "", "" };
	struct category_input		 in = { name, 500, 1 };
	struct category			 c;
	int64_t				 id = 0;

	if (category_create(db, arena, &system, &in, &id) != CATEGORY_OK ||
	    !category_get(db, arena, id, &c))
		return "(refused)";
	return c.slug;
}

/* Slugs that are taken get -2, -3..., cut to fit; a name only once. */
static void
test_slug_suffix(void)
{
	static const struct actor	 system = { 0, "", "" };
	struct category_input		 dup = { "AIR conditioning", 1, 1 };
	int64_t				 id;

	is_str(created_slug("Pest control"), "pest-control", "a new slug");
	is_str(created_slug("Pest  control!"), "pest-control-2",
	    "the same slug again gets -2");
	is_str(created_slug("pest-control?"), "pest-control-3", "and -3");
	is_str(created_slug("abcdefghijabcdefghijabcdefghijabcdefghijXYZ"),
	    "abcdefghijabcdefghijabcdefghijabcdefghij", "40 characters");
	is_str(created_slug("abcdefghijabcdefghijabcdefghijabcdefghij 2"),
	    "abcdefghijabcdefghijabcdefghijabcdefgh-2",
	    "cut to make room for -2");
	is_str(created_slug("abcdefghijabcdefghijabcdefghijabcdefg hij"),
	    "abcdefghijabcdefghijabcdefghijabcdefg-hi", "a word cut short");
	is_str(created_slug("abcdefghijabcdefghijabcdefghijabcdefg hij!"),
	    "abcdefghijabcdefghijabcdefghijabcdefg-2",
	    "a '-' left at the cut is dropped");
	is_int(category_create(db, arena, &system, &dup, &id),
	    CATEGORY_NAME_TAKEN, "a name in other capitals is taken");
}

/* An inactive category hides itself and its services from customers. */
static void
test_inactive_category(void)
{
	struct category	*c;
	struct service	 s, *list;
	size_t		 n;

	exec_on(other, "UPDATE categories SET active = 0 WHERE slug = 'ac'");
	is_str(listed(NULL, NULL), "Pipes and Drains",
	    "an inactive category's services are not listed");
	is_str(listed(NULL, "ac"), "", "... not even asked for by category");
	is_str(listed("repair", NULL), "", "... nor found by a search");
	ok(!catalog_category_active(db, "ac"), "ac is not active");
	ok(catalog_category_exists(db, "ac"), "... but exists");
	ok(strstr(categories(), "ac=") == NULL, "customers' categories "
	    "leave it out");
	n = catalog_categories_all(db, arena, &c);
	ok(n > 0 && strcmp(c[0].slug, "ac") == 0 && !c[0].active,
	    "staff's categories have it, marked inactive");
	ok(catalog_get(db, arena, 1, &s) && s.active && !s.category_active &&
	    !catalog_offered(&s), "its service is active but not offered");
	is_int((int64_t)catalog_search(db, arena, NULL, "ac", 1, &list), 1,
	    "staff still list it");
	exec_on(other, "UPDATE categories SET name = 'Air Conditioning' "
	    "WHERE slug = 'ac'");
	is_str(catalog_category_name(db, arena, "ac"), "Air Conditioning",
	    "the name of an inactive category, renamed");
	exec_on(other, "UPDATE categories SET active = 1 WHERE slug = 'ac'");
	is_str(listed(NULL, "ac"), "AC Repair", "active again: listed");
	is_str(listed("conditioning", NULL), "AC Repair",
	    "and found by its category's new name");
}

int
main(void)
{
	arena = arena_new();
	setup();
	test_follows_changes();
	test_rollback();
	test_slug_base();
	test_inactive_category();
	test_slug_suffix();
	db_close(other);
	db_close(db);
	unlink(arena_printf(arena, "%s/test.db", dir));
	unlink(arena_printf(arena, "%s/test.db-wal", dir));
	unlink(arena_printf(arena, "%s/test.db-shm", dir));
	rmdir(dir);
	arena_free(arena);
	return done_testing();
}
