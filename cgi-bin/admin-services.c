/* admin-services.c: the super admin's catalogue pages: list, create, edit, (de)activate. */
#include <stdio.h>
#include <string.h>

#include "admin-area.h"
#include "arena.h"
#include "catalog.h"
#include "fmt.h"
#include "picture.h"
#include "web.h"

enum service_field {
	SVC_NAME, SVC_CATEGORY, SVC_DESCRIPTION, SVC_PRICE, SVC_DURATION,
	SVC_ACTIVE, SVC_INCLUDED, SVC_NOT_INCLUDED, SVC_IMAGE, SVC__MAX
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
	[SVC_INCLUDED] = { "included", "What is included", FORM_MULTILINE, 0,
	    0, 2000 },
	[SVC_NOT_INCLUDED] = { "not_included", "What is not included",
	    FORM_MULTILINE, 0, 0, 2000 },
	/* A file part: never a text value; only here to carry its error. */
	[SVC_IMAGE] = { "image", "Picture", FORM_TEXT, 0, 0, 255 },
};

/* The lists, one item a line, each checked and normalised in place. */
static void
service_lists_read(struct web *w, struct form *f, struct service_input *in)
{
	const char	*why;

	if (!f->v[SVC_INCLUDED].error && (why = catalog_list_normalise(w->arena,
	    f->v[SVC_INCLUDED].text, &in->included)) != NULL)
		form_error(f, SVC_INCLUDED, why);
	if (!f->v[SVC_NOT_INCLUDED].error && (why = catalog_list_normalise(
	    w->arena, f->v[SVC_NOT_INCLUDED].text, &in->not_included)) != NULL)
		form_error(f, SVC_NOT_INCLUDED, why);
}

/*
 * A new picture, if a file was chosen: checked by content, resized and
 * stored; called after every other field is checked.  Without one the
 * service keeps in->image.  Returns the HTTP status for a refusal, or 0.
 */
static int
service_image_read(struct web *w, struct form *f, struct service_input *in)
{
	const struct http_upload	*u = http_upload_get(&w->req, "image");
	const char			*why;
	enum picture_result		 rc;

	if (u == NULL || (u->filename[0] == '\0' && u->size == 0))
		return 0;
	/* With another field wrong it is only checked, never stored. */
	rc = picture_store(w->db, w->arena, PICTURE_SERVICE, u->data, u->size,
	    f->errors ? NULL : w->config->uploads_dir, &in->image, &why);
	if (rc == PICTURE_OK)
		return 0;
	form_error(f, SVC_IMAGE, why);
	return rc == PICTURE_STORE_FAILED ? 503 : 422;
}

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
service_form_show(struct web *w, struct form *f, int64_t id, int status,
    const struct picture *image)
{
	struct tmpl_dict	*d, *pic;

	d = web_page(w, id ? "Edit service" : "New service",
	    "admin_service_form.tpl");
	form_fill(f, d);
	if (image != NULL && image->key != NULL && image->key[0] != '\0') {
		pic = tmpl_section(d, "current_image");
		tmpl_set(pic, "src", picture_url(w->arena, image->key, 1));
		tmpl_set_int(pic, "width", image->thumb_width);
		tmpl_set_int(pic, "height", image->thumb_height);
	}
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

/*
 * Validate the form, the category, the lists and the picture (every
 * field in one pass); fills *in, whose image is kept unless a new one
 * came.  Returns 0, or the status for the form shown again (422, or
 * 503 when the picture could not be stored).
 */
static int
service_form_read(struct web *w, struct form *f, struct service_input *in)
{
	struct picture	 image = in->image;
	int		 status;

	web_form_read(w, f, service_fields, SVC__MAX);
	if (!f->v[SVC_CATEGORY].error &&
	    !catalog_category_exists(w->db, f->v[SVC_CATEGORY].text))
		form_error(f, SVC_CATEGORY, "Choose a category from the list.");
	*in = (struct service_input){ f->v[SVC_NAME].text,
	    f->v[SVC_CATEGORY].text, f->v[SVC_DESCRIPTION].text,
	    f->v[SVC_PRICE].num, f->v[SVC_DURATION].num,
	    f->v[SVC_ACTIVE].num != 0, "", "", image };
	service_lists_read(w, f, in);
	status = service_image_read(w, f, in);
	return status != 0 ? status : f->errors ? 422 : 0;
}

/* GET: an empty form; POST: create, or 422 with the form kept. */
void
page_admin_service_new(struct web *w)
{
	struct form		f;
	struct service_input	in = { 0 };
	int			status;

	in.image.key = "";
	if (w->req.method != HTTP_POST) {
		form_init(&f, w->arena, service_fields, SVC__MAX);
		form_set(&f, SVC_DURATION, "60");
		f.v[SVC_ACTIVE].num = 1;
		service_form_show(w, &f, 0, 200, NULL);
		return;
	}
	if ((status = service_form_read(w, &f, &in)) != 0) {
		service_form_show(w, &f, 0, status, NULL);
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
	form_set(f, SVC_INCLUDED, s->included);
	form_set(f, SVC_NOT_INCLUDED, s->not_included);
}

/* GET: the form filled from the service; POST: save, 422, or 404. */
void
page_admin_service_edit(struct web *w)
{
	struct form		f;
	struct service		s;
	struct service_input	in;
	int			status;

	if (!catalog_get(w->db, w->arena, w->id[0], &s)) {
		web_error(w, 404, "There is no such service.");
		return;
	}
	if (w->req.method != HTTP_POST) {
		service_form_load(w, &f, &s);
		service_form_show(w, &f, s.id, 200, &s.image);
		return;
	}
	in.image = s.image;
	if ((status = service_form_read(w, &f, &in)) != 0) {
		service_form_show(w, &f, s.id, status, &s.image);
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
