/* admin-categories.c: the super admin's categories: the list with a new-category form, and editing one (rename, reorder, deactivate). */

#include "admin-area.h"
#include "arena.h"
#include "catalog.h"
#include "category.h"
#include "web.h"

enum category_field { CAT_NAME, CAT_POSITION, CAT_ACTIVE, CAT__MAX };

static const struct form_field category_fields[CAT__MAX] = {
	[CAT_NAME] = { "name", "Name", FORM_TEXT, FORM_REQUIRED,
	    CATEGORY_NAME_MIN, CATEGORY_NAME_MAX },
	[CAT_POSITION] = { "position", "Position", FORM_INT, FORM_REQUIRED,
	    0, CATEGORY_POSITION_MAX },
	/* Unticked, a checkbox sends nothing: inactive. */
	[CAT_ACTIVE] = { "active", "Active", FORM_CHECKBOX, 0, 0, 0 },
};

#define DIGITS(n)	#n
#define NUMBER(n)	DIGITS(n)

/* The sentence for a refusal the form's fields could not see. */
static const struct {
	enum category_result	 rc;
	const char		*message;
} refusals[] = {
	{ CATEGORY_NAME_TAKEN, "Another category has this name (in capitals "
	    "or not). Choose another name." },
	{ CATEGORY_TOO_MANY, "There are already "
	    NUMBER(CATALOG_MAX_CATEGORIES) " categories, the most HomeServe "
	    "lists. Rename or reactivate one instead." },
};

static void
refusal_show(struct form *f, enum category_result rc)
{
	size_t	i;

	for (i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++)
		if (refusals[i].rc == rc)
			form_error(f, CAT_NAME, refusals[i].message);
}

static struct category_input
category_input_of(const struct form *f)
{
	return (struct category_input){ f->v[CAT_NAME].text,
	    f->v[CAT_POSITION].num, f->v[CAT_ACTIVE].num != 0 };
}

static void
list_fill(struct web *w, struct tmpl_dict *d)
{
	struct category		*cats;
	struct tmpl_dict	*row;
	size_t			 n, i;

	n = catalog_categories_all(w->db, w->arena, &cats);
	for (i = 0; i < n; i++) {
		row = tmpl_section(d, "category");
		tmpl_set_int(row, "id", cats[i].id);
		tmpl_set_int(row, "position", cats[i].position);
		tmpl_set(row, "name", cats[i].name);
		tmpl_set(row, "slug", cats[i].slug);
		tmpl_show(row, cats[i].active ? "active" : "inactive");
		tmpl_set_int(row, "active_services", cats[i].active_services);
		tmpl_set_int(row, "services", cats[i].services);
	}
}

/* The list and the new-category form, kept as typed when status is 422. */
static void
list_show(struct web *w, struct form *f, int status)
{
	struct tmpl_dict	*d;

	d = web_page(w, "Categories", "admin_categories.tpl");
	list_fill(w, d);
	form_fill(f, tmpl_include(d, "fields", "admin_category_fields.tpl"));
	web_csrf(w);
	web_render(w, status);
}

/*
 * GET /admin/categories: the list and an empty new-category form (10
 * after the last position, active).  POST: create (303 to the list with
 * a notice), or 422 with the form kept and the error beside the field.
 */
void
page_admin_categories(struct web *w)
{
	struct form		f;
	struct category_input	in;
	enum category_result	rc;
	int64_t			id;

	if (w->req.method != HTTP_POST) {
		form_init(&f, w->arena, category_fields, CAT__MAX);
		form_set(&f, CAT_POSITION, arena_printf(w->arena, "%lld",
		    (long long)category_next_position(w->db)));
		f.v[CAT_ACTIVE].num = 1;
		list_show(w, &f, 200);
		return;
	}
	if (web_form_read(w, &f, category_fields, CAT__MAX)) {
		list_show(w, &f, 422);
		return;
	}
	in = category_input_of(&f);
	if ((rc = category_create(w->db, w->arena, &w->actor, &in, &id)) !=
	    CATEGORY_OK) {
		refusal_show(&f, rc);
		list_show(w, &f, 422);
		return;
	}
	web_redirect(w, "/admin/categories?notice=category-created");
}

static void
edit_show(struct web *w, const struct category *c, struct form *f, int status)
{
	struct tmpl_dict	*d;

	d = web_page(w, arena_printf(w->arena, "Edit category: %s", c->name),
	    "admin_category_edit.tpl");
	tmpl_set_int(d, "id", c->id);
	tmpl_set(d, "slug", c->slug);
	tmpl_set_int(d, "active_services", c->active_services);
	tmpl_set_int(d, "services", c->services);
	form_fill(f, tmpl_include(d, "fields", "admin_category_fields.tpl"));
	web_csrf(w);
	web_render(w, status);
}

/* Which notice a saved edit earns: a change of status says what it does. */
static const char *
saved_notice(const struct category *old, const struct category_input *in)
{
	if (old->active && !in->active)
		return "/admin/categories?notice=category-deactivated";
	if (!old->active && in->active)
		return "/admin/categories?notice=category-activated";
	return "/admin/categories?notice=category-saved";
}

/*
 * GET /admin/categories/{id}/edit: the form filled from the category;
 * POST: save (303 to the list with a notice), 422 with the form kept,
 * or 404 for an unknown id.
 */
void
page_admin_category_edit(struct web *w)
{
	struct category		c;
	struct form		f;
	struct category_input	in;
	enum category_result	rc;

	if (!category_get(w->db, w->arena, w->id[0], &c)) {
		web_error(w, 404, "There is no such category.");
		return;
	}
	if (w->req.method != HTTP_POST) {
		form_init(&f, w->arena, category_fields, CAT__MAX);
		form_set(&f, CAT_NAME, c.name);
		form_set(&f, CAT_POSITION, arena_printf(w->arena, "%lld",
		    (long long)c.position));
		f.v[CAT_ACTIVE].num = c.active;
		edit_show(w, &c, &f, 200);
		return;
	}
	if (web_form_read(w, &f, category_fields, CAT__MAX)) {
		edit_show(w, &c, &f, 422);
		return;
	}
	in = category_input_of(&f);
	if ((rc = category_update(w->db, w->arena, &w->actor, c.id, &in)) ==
	    CATEGORY_NOT_FOUND) {
		web_error(w, 404, "There is no such category.");
		return;
	}
	if (rc != CATEGORY_OK) {
		refusal_show(&f, rc);
		edit_show(w, &c, &f, 422);
		return;
	}
	web_redirect(w, saved_notice(&c, &in));
}
