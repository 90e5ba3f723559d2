/* admin-services.c: the super admin's catalogue pages: list, create, edit, (de)activate. */
#include <stdio.h>
#include <string.h>

#include "admin-area.h"
#include "arena.h"
#include "catalog.h"
#include "fmt.h"
#include "web.h"

enum service_field {
	SVC_NAME, SVC_CATEGORY, SVC_DESCRIPTION, SVC_PRICE, SVC_DURATION,
	SVC_ACTIVE, SVC__MAX
};

static const struct form_field service_fields[SVC__MAX] = {
	[SVC_NAME] = { "name", "Name", FORM_TEXT, FORM_REQUIRED, 2, 100 },
	[SVC_CATEGORY] = { "category", "Category", FORM_SLUG, FORM_REQUIRED,
	    1, 40 },
	[SVC_DESCRIPTION] = { "description", "Description", FORM_MULTILINE, 0,
	    0, 2000 },
	[SVC_PRICE] = { "price", "Price", FORM_MONEY, FORM_REQUIRED,
	    CATALOG_MIN_PAISE, CATALOG_MAX_PAISE },
	[SVC_DURATION] = { "duration_minutes", "Duration", FORM_INT,
	    FORM_REQUIRED, 15, 720 },
	[SVC_ACTIVE] = { "active", "Active", FORM_CHECKBOX, 0, 0, 0 },
};

/* The whole catalogue, inactive services included. */
void
page_admin_services(struct web *w)
{
	struct service		*list;
	struct tmpl_dict	*d, *row;
	size_t			 n, i;

	d = web_page(w, "Services", "admin_services.tpl");
	n = catalog_search(w->db, w->arena, NULL, NULL, 1, &list);
	for (i = 0; i < n; i++) {
		row = tmpl_section(d, "service");
		tmpl_set_int(row, "id", list[i].id);
		tmpl_set(row, "name", list[i].name);
		tmpl_set(row, "category_name", list[i].category_name);
		if (!list[i].category_active)
			tmpl_show(row, "category_inactive");
		tmpl_set(row, "price", fmt_money(w->arena, list[i].price_paise));
		tmpl_set_int(row, "duration", list[i].duration_minutes);
		tmpl_show(row, list[i].active ? "active" : "inactive");
	}
	web_render(w, 200);
}

/* Every category, inactive ones labelled: staff may file a service under one. */
static void
category_options(struct web *w, struct tmpl_dict *d, const char *chosen)
{
	struct category		*cats;
	struct tmpl_dict	*row;
	size_t			 n, i;

	n = catalog_categories_all(w->db, w->arena, &cats);
	for (i = 0; i < n; i++) {
		row = tmpl_section(d, "category_option");
		tmpl_set(row, "slug", cats[i].slug);
		tmpl_set(row, "name", cats[i].name);
		if (!cats[i].active)
			tmpl_show(row, "inactive");
		if (strcmp(cats[i].slug, chosen) == 0)
			tmpl_show(row, "selected");
	}
}

static void
service_form_show(struct web *w, struct form *f, int64_t id, int status)
{
	struct tmpl_dict	*d;

	d = web_page(w, id ? "Edit service" : "New service",
	    "admin_service_form.tpl");
	form_fill(f, d);
	category_options(w, d, f->v[SVC_CATEGORY].text);
	if (id) {
		tmpl_set(d, "action", arena_printf(w->arena,
		    "/admin/services/%lld/edit", (long long)id));
		tmpl_show(d, "editing");
	} else {
		tmpl_set(d, "action", "/admin/services/new");
		tmpl_show(d, "creating");
	}
	web_render(w, status);
}

/* Validate the form and the category; fills *in.  Returns errors. */
static int
service_form_read(struct web *w, struct form *f, struct service_input *in)
{
	web_form_read(w, f, service_fields, SVC__MAX);
	if (!f->v[SVC_CATEGORY].error &&
	    !catalog_category_exists(w->db, f->v[SVC_CATEGORY].text))
		form_error(f, SVC_CATEGORY, "Choose a category from the list.");
	*in = (struct service_input){ f->v[SVC_NAME].text,
	    f->v[SVC_CATEGORY].text, f->v[SVC_DESCRIPTION].text,
	    f->v[SVC_PRICE].num, f->v[SVC_DURATION].num, f->v[SVC_ACTIVE].num != 0 };
	return f->errors;
}

/* GET: an empty form; POST: create, or 422 with the form kept. */
void
page_admin_service_new(struct web *w)
{
	struct form		f;
	struct service_input	in;

	if (w->req.method != HTTP_POST) {
		form_init(&f, w->arena, service_fields, SVC__MAX);
		form_set(&f, SVC_DURATION, "60");
		f.v[SVC_ACTIVE].num = 1;
		service_form_show(w, &f, 0, 200);
		return;
	}
	if (service_form_read(w, &f, &in)) {
		service_form_show(w, &f, 0, 422);
		return;
	}
	catalog_create(w->db, &w->actor, &in);
	web_redirect(w, "/admin/services?notice=created");
}

static void
service_form_load(struct web *w, struct form *f, const struct service *s)
{
	form_init(f, w->arena, service_fields, SVC__MAX);
	form_set(f, SVC_NAME, s->name);
	form_set(f, SVC_CATEGORY, s->category);
	form_set(f, SVC_DESCRIPTION, s->description);
	form_set(f, SVC_PRICE, fmt_rupees_input(w->arena, s->price_paise));
	form_set(f, SVC_DURATION, arena_printf(w->arena, "%lld",
	    (long long)s->duration_minutes));
	f->v[SVC_ACTIVE].num = s->active;
}

/* GET: the form filled from the service; POST: save, 422, or 404. */
void
page_admin_service_edit(struct web *w)
{
	struct form		f;
	struct service		s;
	struct service_input	in;

	if (!catalog_get(w->db, w->arena, w->id[0], &s)) {
		web_error(w, 404, "There is no such service.");
		return;
	}
	if (w->req.method != HTTP_POST) {
		service_form_load(w, &f, &s);
		service_form_show(w, &f, s.id, 200);
		return;
	}
	if (service_form_read(w, &f, &in)) {
		service_form_show(w, &f, s.id, 422);
		return;
	}
	if (!catalog_update(w->db, w->arena, &w->actor, s.id, &in)) {
		web_error(w, 404, "There is no such service.");
		return;
	}
	web_redirect(w, "/admin/services?notice=saved");
}

static void
service_set_active(struct web *w, int active)
{
	if (!catalog_set_active(w->db, w->arena, &w->actor, w->id[0], active)) {
		web_error(w, 404, "There is no such service.");
		return;
	}
	web_redirect(w, active ? "/admin/services?notice=activated" :
	    "/admin/services?notice=deactivated");
}

void
page_admin_service_deactivate(struct web *w)
{
	service_set_active(w, 0);
}

void
page_admin_service_activate(struct web *w)
{
	service_set_active(w, 1);
}
