/* vendor-profile.c: the vendor edits the categories they do and the pincodes they serve. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "catalog.h"
#include "fmt.h"
#include "vendor-area.h"
#include "vendor.h"
#include "web.h"

enum profile_field { PROF_CATEGORIES, PROF_PINCODES, PROF__MAX };

static const struct form_field profile_fields[PROF__MAX] = {
	[PROF_CATEGORIES] = { "categories", "Categories", FORM_SLUG_LIST,
	    FORM_REQUIRED, 1, 20 },
	[PROF_PINCODES] = { "pincodes", "Pincodes", FORM_PINCODE_LIST,
	    FORM_REQUIRED, 1, VENDOR_MAX_PINCODES },
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
	struct tmpl_dict	*d;

	vendor_get(w->db, w->arena, w->session.user_id, &p);
	d = web_page(w, "Your profile", "vendor_profile.tpl");
	tmpl_show(d, p.verified ? "verified" : "unverified");
	tmpl_set_int(d, "vendor_id", p.user_id);
	form_fill(f, d);
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
 * GET the form from the profile; POST replaces both lists (422 if
 * invalid).  An inactive category stays choosable for a vendor who
 * already does it, and only for them.
 */
void
page_vendor_profile(struct web *w)
{
	struct vendor_profile	 p;
	struct form		 f;
	size_t			 i;

	vendor_get(w->db, w->arena, w->session.user_id, &p);
	if (w->req.method != HTTP_POST) {
		form_init(&f, w->arena, profile_fields, PROF__MAX);
		form_set(&f, PROF_PINCODES, pincodes_text(w->arena, p.pincodes,
		    p.npincodes));
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
	if (f.errors) {
		profile_show(w, &f, f.v[PROF_CATEGORIES].list,
		    f.v[PROF_CATEGORIES].nlist, 422);
		return;
	}
	vendor_set_areas(w->db, &w->actor, w->session.user_id,
	    f.v[PROF_CATEGORIES].list, f.v[PROF_CATEGORIES].nlist,
	    f.v[PROF_PINCODES].list, f.v[PROF_PINCODES].nlist);
	web_redirect(w, "/vendor/profile?notice=saved");
}
