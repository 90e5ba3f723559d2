/* vendor-profile.c: the vendor edits the categories they do, the pincodes they serve, and the display name and photo customers see. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "catalog.h"
#include "fmt.h"
#include "picture.h"
#include "vendor-area.h"
#include "vendor.h"
#include "vendor_face.h"
#include "web.h"

enum profile_field {
	PROF_CATEGORIES, PROF_PINCODES, PROF_DISPLAY_NAME, PROF_PHOTO,
	PROF__MAX
};

static const struct form_field profile_fields[PROF__MAX] = {
	[PROF_CATEGORIES] = { "categories", "Categories", FORM_SLUG_LIST,
	    FORM_REQUIRED, 1, 20 },
	[PROF_PINCODES] = { "pincodes", "Pincodes", FORM_PINCODE_LIST,
	    FORM_REQUIRED, 1, VENDOR_MAX_PINCODES },
	[PROF_DISPLAY_NAME] = { "display_name", "Display name", FORM_TEXT, 0,
	    0, VENDOR_DISPLAY_NAME_MAX },
	/* A file part: never a text value; only here to carry its error. */
	[PROF_PHOTO] = { "photo", "Photo", FORM_TEXT, 0, 0, 255 },
};

static int
listed(const char *const *list, size_t n, const char *s)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

/*
 * The categories a vendor may choose, as checkboxes, those CHOSEN
 * checked: the active ones, and any inactive one the vendor already
 * does (HELD), labelled, so that saving the form keeps it unless it is
 * unticked.
 */
void
vendor_categories_fill(struct web *w, struct tmpl_dict *d,
    const char *const *chosen, size_t nchosen, const char *const *held,
    size_t nheld)
{
	struct category		*cats;
	struct tmpl_dict	*row;
	size_t			 n, i;

	n = catalog_categories_all(w->db, w->arena, &cats);
	for (i = 0; i < n; i++) {
		if (!cats[i].active && !listed(held, nheld, cats[i].slug))
			continue;
		row = tmpl_section(d, "category");
		tmpl_set(row, "slug", cats[i].slug);
		tmpl_set(row, "name", cats[i].name);
		if (!cats[i].active)
			tmpl_show(row, "inactive");
		if (listed(chosen, nchosen, cats[i].slug))
			tmpl_show(row, "checked");
	}
}

/* Whether a vendor who does HELD may choose a category: one offered above. */
int
vendor_category_choosable(struct web *w, const char *slug,
    const char *const *held, size_t nheld)
{
	return catalog_category_active(w->db, slug) ||
	    (listed(held, nheld, slug) && catalog_category_exists(w->db, slug));
}

static void
profile_show(struct web *w, struct form *f, const char *const *chosen,
    size_t nchosen, int status)
{
	struct vendor_profile	 p;
	struct vendor_face	 face;
	struct tmpl_dict	*d, *s;

	vendor_get(w->db, w->arena, w->session.user_id, &p);
	d = web_page(w, "Your profile", "vendor_profile.tpl");
	tmpl_show(d, p.verified ? "verified" : "unverified");
	tmpl_set_int(d, "vendor_id", p.user_id);
	form_fill(f, d);
	if (vendor_face_get(w->db, w->arena, w->session.user_id, &face)) {
		tmpl_set(tmpl_section(d, "shown"), "name", face.name);
		if (face.photo.key[0] != '\0') {
			s = tmpl_section(d, "current_photo");
			tmpl_set(s, "src", picture_url(w->arena, face.photo.key,
			    1));
			tmpl_set_int(s, "width", face.photo.thumb_width);
			tmpl_set_int(s, "height", face.photo.thumb_height);
		}
	}
	vendor_categories_fill(w, d, chosen, nchosen,
	    p.categories, p.ncategories);
	web_csrf(w);
	web_render(w, status);
}

static char *
pincodes_text(struct arena *a, const char *const *pins, size_t n)
{
	char	*s = arena_strdup(a, "");
	size_t	 i;

	for (i = 0; i < n; i++)
		s = arena_printf(a, "%s%s%s", s, i ? ", " : "", pins[i]);
	return s;
}

/*
 * A new photo, if a file was chosen: checked by content, resized and
 * stored; called after every other field is checked.  *photo stays
 * NULL without one.  Returns the status for a
 * refusal (422, 503), or 0.
 */
static int
profile_photo_read(struct web *w, struct form *f, struct picture *stored,
    const struct picture **photo)
{
	const struct http_upload	*u = http_upload_get(&w->req, "photo");
	const char			*why;
	enum picture_result		 rc;

	*photo = NULL;
	if (u == NULL || (u->filename[0] == '\0' && u->size == 0))
		return 0;
	/* With another field wrong it is only checked, never stored. */
	rc = picture_store(w->db, w->arena, PICTURE_VENDOR, u->data, u->size,
	    f->errors ? NULL : w->config->uploads_dir, stored, &why);
	if (rc == PICTURE_OK) {
		*photo = stored;
		return 0;
	}
	form_error(f, PROF_PHOTO, why);
	return rc == PICTURE_STORE_FAILED ? 503 : 422;
}

/*
 * GET the form from the profile; POST replaces both lists, the display
 * name and (if a file came) the photo (422 if anything is invalid,
 * nothing saved).  An inactive category stays choosable for a vendor
 * who already does it, and only for them.
 */
void
page_vendor_profile(struct web *w)
{
	struct vendor_profile	 p;
	struct vendor_face	 face;
	struct picture		 stored;
	const struct picture	*photo;
	struct form		 f;
	size_t			 i;
	int			 status;

	vendor_get(w->db, w->arena, w->session.user_id, &p);
	if (w->req.method != HTTP_POST) {
		form_init(&f, w->arena, profile_fields, PROF__MAX);
		form_set(&f, PROF_PINCODES, pincodes_text(w->arena, p.pincodes,
		    p.npincodes));
		if (vendor_face_get(w->db, w->arena, w->session.user_id, &face))
			form_set(&f, PROF_DISPLAY_NAME, face.display_name);
		profile_show(w, &f, p.categories, p.ncategories, 200);
		return;
	}
	web_form_read(w, &f, profile_fields, PROF__MAX);
	for (i = 0; !f.v[PROF_CATEGORIES].error &&
	    i < f.v[PROF_CATEGORIES].nlist; i++)
		if (!vendor_category_choosable(w, f.v[PROF_CATEGORIES].list[i],
		    p.categories, p.ncategories))
			form_error(&f, PROF_CATEGORIES, "Choose categories "
			    "from the list.");
	status = profile_photo_read(w, &f, &stored, &photo);
	if (f.errors) {
		profile_show(w, &f, f.v[PROF_CATEGORIES].list,
		    f.v[PROF_CATEGORIES].nlist, status ? status : 422);
		return;
	}
	vendor_face_save(w->db, &w->actor, w->session.user_id,
	    &(struct vendor_face_form){ f.v[PROF_CATEGORIES].list,
	    f.v[PROF_CATEGORIES].nlist, f.v[PROF_PINCODES].list,
	    f.v[PROF_PINCODES].nlist, f.v[PROF_DISPLAY_NAME].text, photo });
	web_redirect(w, "/vendor/profile?notice=saved");
}
