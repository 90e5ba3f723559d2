/* ops-pricing.c: /ops/pricing: the demand factor per pincode and category with the figures behind it, and operations' overrides, set with a reason and removed. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "catalog.h"
#include "fmt.h"
#include "ops-area.h"
#include "pricing.h"
#include "setting.h"
#include "web.h"

enum override_field { OV_PINCODE, OV_CATEGORY, OV_FACTOR, OV_REASON,
    OV__MAX };

static const struct form_field override_fields[OV__MAX] = {
	[OV_PINCODE] = { "pincode", "Pincode", FORM_PINCODE, FORM_REQUIRED,
	    0, 0 },
	[OV_CATEGORY] = { "category_id", "Category", FORM_INT, FORM_REQUIRED,
	    1, INT64_MAX / 2 },
	[OV_FACTOR] = { "factor", "Factor", FORM_TEXT, FORM_REQUIRED, 1, 10 },
	[OV_REASON] = { "reason", "Reason", FORM_MULTILINE, FORM_REQUIRED,
	    PRICING_REASON_MIN, PRICING_REASON_MAX },
};

/* Removing names the row only: the same two fields. */
static const struct form_field remove_fields[] = {
	{ "pincode", "Pincode", FORM_PINCODE, FORM_REQUIRED, 0, 0 },
	{ "category_id", "Category", FORM_INT, FORM_REQUIRED, 1,
	    INT64_MAX / 2 },
};

static const struct form_field filter_fields[] = {
	{ "pincode", "Pincode", FORM_PINCODE, 0, 0, 0 },
};

/* Every category, active or not: overrides may name any of them. */
struct categories {
	struct category	*list;
	size_t		 n;
};

static const struct category *
category_by_id(const struct categories *c, int64_t id)
{
	size_t	i;

	for (i = 0; i < c->n; i++)
		if (c->list[i].id == id)
			return &c->list[i];
	return NULL;
}

static const struct category *
category_by_slug(const struct categories *c, const char *slug)
{
	size_t	i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->list[i].slug, slug) == 0)
			return &c->list[i];
	return NULL;
}

/* One table row: the figures, the computed factor, the override, in force. */
static void
row_fill(struct web *w, struct tmpl_dict *d, const struct categories *cats,
    const struct pricing_row *r)
{
	const struct category	*c = category_by_slug(cats, r->category);
	struct tmpl_dict	*row = tmpl_section(d, "row"), *o;

	tmpl_set(row, "pincode", r->pincode);
	tmpl_set(row, "category", c != NULL ? c->name : r->category);
	tmpl_set_int(row, "bookings", r->demand.bookings);
	tmpl_set_int(row, "refused", r->demand.refused);
	tmpl_set_int(row, "vendors", r->demand.vendors);
	tmpl_set(row, "computed", pricing_factor_text(w->arena, r->computed));
	tmpl_set(row, "in_force", pricing_factor_text(w->arena, r->in_force));
	if (r->in_force > PRICING_NONE)
		tmpl_show(row, "raised");
	if (r->override == 0)
		return;
	o = tmpl_section(row, "override");
	tmpl_set(o, "factor", pricing_factor_text(w->arena, r->override));
	tmpl_set(o, "reason", r->reason);
	tmpl_set(o, "by", r->override_by != NULL ? r->override_by : "");
	tmpl_set(o, "at", fmt_time(w->arena, r->override_at));
	tmpl_set(o, "at_iso", fmt_time_iso(w->arena, r->override_at));
	tmpl_set(o, "pincode", r->pincode);
	if (c != NULL)
		tmpl_set_int(tmpl_section(o, "removable"), "category_id",
		    c->id);
}

/* What the page says about the setting, the cap and the formula. */
static void
state_fill(struct web *w, struct tmpl_dict *d)
{
	int64_t	cap = pricing_cap(setting(w->db, SET_PRICING_MAX_FACTOR));

	tmpl_show(d, setting(w->db, SET_PRICING_ENABLED) ? "pricing_on" :
	    "pricing_off");
	tmpl_set(d, "cap", pricing_factor_text(w->arena, cap));
	tmpl_set_int(d, "window", PRICING_WINDOW_DAYS);
	tmpl_set_int(d, "baseline", PRICING_BASELINE);
	tmpl_set_int(d, "step_demand", PRICING_STEP_DEMAND);
}

static void
category_options(struct tmpl_dict *d, const struct categories *cats,
    int64_t chosen)
{
	struct tmpl_dict	*opt;
	size_t			 i;

	for (i = 0; i < cats->n; i++) {
		opt = tmpl_section(d, "category_option");
		tmpl_set_int(opt, "id", cats->list[i].id);
		tmpl_set(opt, "name", cats->list[i].name);
		if (!cats->list[i].active)
			tmpl_show(opt, "inactive");
		if (cats->list[i].id == chosen)
			tmpl_show(opt, "selected");
	}
}

/*
 * The page: the rows (one pincode's, or the first PRICING_LIST_MAX),
 * and the override form, empty or as posted with its errors.
 */
static void
pricing_show(struct web *w, const char *pincode, struct form *f, int status)
{
	struct categories	 cats;
	struct pricing_row	*rows;
	struct tmpl_dict	*d;
	size_t			 n, i;

	cats.n = catalog_categories_all(w->db, w->arena, &cats.list);
	d = web_page(w, "Pricing", "ops_pricing.tpl");
	state_fill(w, d);
	tmpl_set(d, "filter", pincode);
	n = pricing_list(w->db, w->arena, pincode, PRICING_LIST_MAX + 1, &rows);
	for (i = 0; i < n && i < PRICING_LIST_MAX; i++)
		row_fill(w, d, &cats, &rows[i]);
	if (n == 0)
		tmpl_show(d, "none");
	if (n > PRICING_LIST_MAX)
		tmpl_set_int(tmpl_section(d, "more"), "shown",
		    PRICING_LIST_MAX);
	form_fill(f, d);
	category_options(d, &cats, f->v[OV_CATEGORY].error == NULL ?
	    f->v[OV_CATEGORY].num : 0);
	web_csrf(w);
	web_render(w, status);
}

/*
 * POST: an override, checked field by field (422 with the form as
 * typed: a pincode that is not one, a category id that is none, a
 * factor outside 1.00 to the maximum or off a 0.05 step, a reason
 * missing or too short or long), then saved with its audit row; 303.
 */
static void
override_post(struct web *w)
{
	struct form		 f;
	struct categories	 cats;
	const struct category	*c = NULL;
	const char		*why;
	int64_t			 factor = 0;

	web_form_read(w, &f, override_fields, OV__MAX);
	cats.n = catalog_categories_all(w->db, w->arena, &cats.list);
	if (!f.v[OV_CATEGORY].error && (c = category_by_id(&cats,
	    f.v[OV_CATEGORY].num)) == NULL)
		form_error(&f, OV_CATEGORY, "Choose a category from the list.");
	if (!f.v[OV_FACTOR].error && pricing_factor_parse(f.v[OV_FACTOR].text,
	    &factor))
		form_error(&f, OV_FACTOR, "Factor must be a number such as "
		    "1.10.");
	if (!f.errors && pricing_override_set(w->db, w->arena, &w->actor,
	    f.v[OV_PINCODE].text, c->slug, factor, f.v[OV_REASON].text,
	    &why) != PRICING_OK)
		form_error(&f, OV_FACTOR, why);
	if (f.errors) {
		pricing_show(w, "", &f, 422);
		return;
	}
	web_redirect(w, arena_printf(w->arena, "/ops/pricing?pincode=%s&"
	    "notice=pricing-override-saved", f.v[OV_PINCODE].text));
}

/*
 * GET|POST /ops/pricing (?pincode= shows one pincode; 400 if it is no
 * pincode).  See override_post for the POST.
 */
void
page_ops_pricing(struct web *w)
{
	struct form	filter, f;

	if (w->req.method == HTTP_POST) {
		override_post(w);
		return;
	}
	form_init(&filter, w->arena, filter_fields, 1);
	if (form_read(&filter, &w->req.query)) {
		web_error(w, 400, filter.v[0].error);
		return;
	}
	form_init(&f, w->arena, override_fields, OV__MAX);
	form_set(&f, OV_PINCODE, filter.v[0].text);
	pricing_show(w, filter.v[0].text, &f, 200);
}

/*
 * POST /ops/pricing/remove: the computed factor applies again.  422 for
 * a pincode or category that is none, 404 when there is no override,
 * else one audited transaction and 303.
 */
void
page_ops_pricing_remove(struct web *w)
{
	struct form		 f;
	struct categories	 cats;
	const struct category	*c = NULL;

	web_form_read(w, &f, remove_fields, 2);
	cats.n = catalog_categories_all(w->db, w->arena, &cats.list);
	if (f.errors || (c = category_by_id(&cats, f.v[1].num)) == NULL) {
		web_error(w, 422, f.v[0].error != NULL ? f.v[0].error :
		    "Choose a category from the list.");
		return;
	}
	if (pricing_override_remove(w->db, w->arena, &w->actor, f.v[0].text,
	    c->slug) == PRICING_NOT_FOUND) {
		web_error(w, 404, arena_printf(w->arena, "There is no override "
		    "for %s in pincode %s.", c->name, f.v[0].text));
		return;
	}
	web_redirect(w, arena_printf(w->arena, "/ops/pricing?pincode=%s&"
	    "notice=pricing-override-removed", f.v[0].text));
}
