/* booking-catalog.c: the public catalogue: home, service listing with search and for a pincode, service detail. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "booking-area.h"
#include "booking-pincode.h"
#include "catalog.h"
#include "fmt.h"
#include "log.h"
#include "picture.h"
#include "reviews.h"
#include "vendor_choice.h"
#include "web.h"

enum search_field { SEARCH_Q, SEARCH_CATEGORY, SEARCH_PINCODE, SEARCH__MAX };

static const struct form_field search_fields[SEARCH__MAX] = {
	[SEARCH_Q] = { "q", "Search", FORM_TEXT, 0, 0, 100 },
	[SEARCH_CATEGORY] = { "category", "Category", FORM_SLUG, 0, 0, 40 },
	[SEARCH_PINCODE] = { "pincode", "Your pincode", FORM_PINCODE, 0, 0, 0 },
};

/* Category choices for the search form, marking the chosen one. */
static void
categories_fill(struct web *w, struct tmpl_dict *d, const char *chosen,
    const char *section)
{
	struct category		*cats;
	struct tmpl_dict	*row;
	size_t			 n, i;

	n = catalog_categories(w->db, w->arena, &cats);
	for (i = 0; i < n; i++) {
		row = tmpl_section(d, section);
		tmpl_set(row, "slug", cats[i].slug);
		tmpl_set(row, "name", cats[i].name);
		tmpl_set_int(row, "count", cats[i].active_services);
		if (chosen != NULL && strcmp(chosen, cats[i].slug) == 0)
			tmpl_show(row, "selected");
	}
}

/* One section per line of a list, and has_<section> when there is one. */
static void
list_fill(struct web *w, struct tmpl_dict *d, const char *section,
    const char *text)
{
	const char	*line = text, *end;

	if (*text == '\0')
		return;
	tmpl_show(d, arena_printf(w->arena, "has_%s", section));
	for (; *line != '\0'; line = *end != '\0' ? end + 1 : end) {
		if ((end = strchr(line, '\n')) == NULL)
			end = line + strlen(line);
		tmpl_set(tmpl_section(d, section), "item",
		    arena_strndup(w->arena, line, (size_t)(end - line)));
	}
}

/*
 * The picture (the small size on lists, the large one on the service's
 * page), with its size for the img element, and the two lists.
 */
static void
service_media_fill(struct web *w, struct tmpl_dict *row,
    const struct service *s, int thumb)
{
	struct tmpl_dict	*pic;

	if (s->image.key[0] != '\0') {
		pic = tmpl_section(row, "picture");
		tmpl_set(pic, "src", picture_url(w->arena, s->image.key, thumb));
		tmpl_set_int(pic, "width", thumb ? s->image.thumb_width :
		    s->image.width);
		tmpl_set_int(pic, "height", thumb ? s->image.thumb_height :
		    s->image.height);
		tmpl_set(pic, "alt", s->name);
	}
	list_fill(w, row, "included", s->included);
	list_fill(w, row, "not_included", s->not_included);
}

/* A service's facts; its picture small (lists) or large (its page). */
static void
service_fill(struct web *w, struct tmpl_dict *row, const struct service *s,
    int thumb)
{
	tmpl_set_int(row, "id", s->id);
	tmpl_set(row, "name", s->name);
	tmpl_set(row, "category", s->category);
	tmpl_set(row, "category_name", s->category_name);
	tmpl_set(row, "description", s->description);
	tmpl_set(row, "price", fmt_money(w->arena, s->price_paise));
	tmpl_set_int(row, "duration", s->duration_minutes);
	service_media_fill(w, row, s, thumb);
}

static void
services_fill(struct web *w, struct tmpl_dict *d, const char *q,
    const char *category)
{
	struct service	*list;
	size_t		 n, i;

	n = catalog_search(w->db, w->arena, q, category, 0, &list);
	for (i = 0; i < n; i++)
		service_fill(w, tmpl_section(d, "service"), &list[i], 1);
	if (n == 0)
		tmpl_show(d, "no_services");
	tmpl_set_int(d, "count", (int64_t)n);
}

/*
 * The services a pincode can book (a verified, unblocked vendor does
 * their category there), and a sentence naming the categories of the
 * others: "Not available in 560001 yet: Plumbing, Cleaning".
 */
/* Whether slug is one of the n in list. */
static int
slug_in(const char *slug, const char **list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(slug, list[i]) == 0)
			return 1;
	return 0;
}

/*
 * The services a pincode can book (a verified, unblocked vendor does
 * their category there), and a sentence naming the categories of the
 * others: "Not available in 560001 yet: Plumbing, House Cleaning".
 */
static void
services_fill_pincode(struct web *w, struct tmpl_dict *d, const char *q,
    const char *category, const char *pincode)
{
	struct service	*list;
	const char	**slugs, **missed, *names = NULL;
	size_t		 n, nslugs, nmissed = 0, i, shown = 0;

	n = catalog_search(w->db, w->arena, q, category, 0, &list);
	nslugs = vendor_choice_categories(w->db, w->arena, pincode, &slugs);
	missed = arena_alloc(w->arena, sizeof(*missed) * (n ? n : 1));
	for (i = 0; i < n; i++) {
		if (slug_in(list[i].category, slugs, nslugs)) {
			service_fill(w, tmpl_section(d, "service"), &list[i], 1);
			shown++;
		} else if (!slug_in(list[i].category, missed, nmissed)) {
			missed[nmissed++] = list[i].category;
			names = names == NULL ? list[i].category_name :
			    arena_printf(w->arena, "%s, %s", names,
			    list[i].category_name);
		}
	}
	d = tmpl_section(d, "for_pincode");
	tmpl_set(d, "pincode", pincode);
	tmpl_set_int(d, "count", (int64_t)shown);
	if (shown == 0)
		tmpl_show(d, "none_here");
	if (names != NULL)
		tmpl_set(tmpl_section(d, "unavailable"), "names", names);
}

/* The home page: the pincode first, search, categories, services. */
void
page_home(struct web *w)
{
	struct tmpl_dict	*d = web_page(w, "Home services you can trust",
	    "home.tpl");
	const char		*pincode = pincode_remembered(w);

	tmpl_set(d, "pincode", pincode != NULL ? pincode : "");
	categories_fill(w, d, NULL, "category");
	services_fill(w, d, NULL, NULL);
	web_render(w, 200);
}

/* The body of /services: the search form, kept values, and the results. */
static void
services_body(struct web *w, struct tmpl_dict *d, struct form *f)
{
	const char	*q = f->v[SEARCH_Q].text, *cat = f->v[SEARCH_CATEGORY].text;
	const char	*pin = f->v[SEARCH_PINCODE].text;

	form_fill(f, d);
	categories_fill(w, d, cat, "category");
	if (f->errors)
		return;
	if (*q != '\0' || *cat != '\0')
		tmpl_show(d, "filtered");
	if (*pin != '\0')
		services_fill_pincode(w, d, q, cat, pin);
	else
		services_fill(w, d, q, cat);
}

/*
 * /services with no search: the same body for every visitor until the
 * catalogue changes, so each worker renders it once per catalogue
 * version and keeps it.  If the catalogue changes while the body is
 * made, the version kept is the older one, and the next request makes
 * it again.
 */
static void
services_plain(struct web *w, struct form *f)
{
	static struct buf	 kept;
	static int64_t		 kept_version;	/* 0: nothing kept */
	int64_t			 now = catalog_version(w->db);
	struct tmpl_dict	*d;

	if (now == 0 || now != kept_version) {
		kept_version = 0;
		d = tmpl_dict_new();
		services_body(w, d, f);
		buf_reset(&kept);
		if (tmpl_render("services.tpl", d, &kept))
			log_fatal("catalog: cannot render services.tpl");
		tmpl_dict_free(d);
		kept_version = now;
	}
	web_page_rendered(w, "Services", &kept);
	web_render(w, 200);
}

/* The page's title: what was searched for, and where. */
static const char *
services_title(struct web *w, const struct form *f)
{
	const char	*q = f->v[SEARCH_Q].text, *pin = f->v[SEARCH_PINCODE].text;
	const char	*title = "Services";

	if (*q != '\0' && !f->v[SEARCH_Q].error)
		title = arena_printf(w->arena, "Services matching “%s”", q);
	if (*pin != '\0' && !f->v[SEARCH_PINCODE].error)
		title = arena_printf(w->arena, "%s in pincode %s", title, pin);
	return title;
}

/*
 * /services?q=&category=&pincode=: 422 with the search form when any is
 * invalid.  Without a pincode, the one remembered (pincode_remembered)
 * is used; a visitor's typed one is remembered for next time.
 */
void
page_services(struct web *w)
{
	struct form		 f;
	struct tmpl_dict	*d;
	const char		*q, *cat, *pin;

	form_init(&f, w->arena, search_fields, SEARCH__MAX);
	form_read(&f, &w->req.query);
	q = f.v[SEARCH_Q].text;
	cat = f.v[SEARCH_CATEGORY].text;
	pin = f.v[SEARCH_PINCODE].text;
	if (!f.v[SEARCH_CATEGORY].error && *cat != '\0' &&
	    !catalog_category_active(w->db, cat))
		form_error(&f, SEARCH_CATEGORY, "Choose a category from the list.");
	if (f.v[SEARCH_PINCODE].error == NULL) {
		if (*pin != '\0')
			pincode_remember(w, pin);
		else if ((pin = pincode_remembered(w)) != NULL)
			form_set(&f, SEARCH_PINCODE, pin);
	}
	if (f.errors == 0 && *q == '\0' && *cat == '\0' &&
	    *f.v[SEARCH_PINCODE].text == '\0') {
		services_plain(w, &f);
		return;
	}
	d = web_page(w, services_title(w, &f), "services.tpl");
	services_body(w, d, &f);
	web_render(w, f.errors ? 422 : 200);
}

/* One service on offer; unknown, inactive or in an inactive category: 404. */
void
page_service(struct web *w)
{
	struct service		 s;
	struct tmpl_dict	*d;
	int64_t			 before;

	if (!catalog_get(w->db, w->arena, w->id[0], &s) ||
	    !catalog_offered(&s)) {
		web_error(w, 404, "This service is not offered.");
		return;
	}
	if ((before = reviews_before(w)) < 0) {
		web_error(w, 400, "There is no such page of reviews.");
		return;
	}
	d = web_page(w, s.name, "service.tpl");
	service_fill(w, d, &s, 0);
	/* Customers book; visitors sign in first and come back to the form. */
	if (w->session.user_id == 0)
		tmpl_show(d, "sign_in_to_book");
	else if (w->session.role == ROLE_CUSTOMER)
		tmpl_show(d, "can_book");
	reviews_fill(w, d, REVIEW_OF_SERVICE, s.id, before, arena_printf(w->arena,
	    "/services/%lld", (long long)s.id));
	web_render(w, 200);
}
