/* reviews.c: reviews on service pages, and the vendor's public profile with theirs. */
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "catalog.h"
#include "fmt.h"
#include "reviews.h"
#include "faces.h"
#include "vendor_face.h"
#include "vendor.h"
#include "web.h"

int64_t
reviews_before(struct web *w)
{
	static const struct form_field	fields[] = {
		{ "before", "Page", FORM_INT, 0, 1, INT64_MAX / 2 },
	};
	struct form			f;

	form_init(&f, w->arena, fields, 1);
	return form_read(&f, &w->req.query) ? -1 : f.v[0].num;
}

static void
review_row(struct web *w, struct tmpl_dict *d, enum review_of of,
    const struct review *r)
{
	struct tmpl_dict	*row = tmpl_section(d, "review");

	tmpl_set_int(row, "id", r->id);
	tmpl_set_int(row, "rating", r->rating);
	tmpl_set(row, "rating_text", arena_printf(w->arena, "%lld out of 5",
	    (long long)r->rating));
	tmpl_set(row, "comment", r->comment);
	if (r->comment[0] != '\0')
		tmpl_show(row, "has_comment");
	tmpl_set(row, "customer", r->customer_name);
	tmpl_set(row, "when", fmt_time(w->arena, r->created_at));
	tmpl_set(row, "when_iso", fmt_time_iso(w->arena, r->created_at));
	/* A service page names the vendor; a vendor page the service. */
	if (of == REVIEW_OF_SERVICE) {
		struct tmpl_dict	*v = tmpl_section(row, "by_vendor");

		tmpl_set_int(v, "vendor_id", r->vendor_id);
		tmpl_set(v, "vendor_name", r->vendor_name);
		if (r->vendor_photo.key[0] != '\0') {
			struct tmpl_dict	*p = tmpl_section(v, "photo");

			tmpl_set(p, "src", picture_url(w->arena,
			    r->vendor_photo.key, 1));
			tmpl_set_int(p, "width", r->vendor_photo.thumb_width);
			tmpl_set_int(p, "height", r->vendor_photo.thumb_height);
		}
	} else {
		struct tmpl_dict	*s = tmpl_section(row, "for_service");

		tmpl_set_int(s, "service_id", r->service_id);
		tmpl_set(s, "service_name", r->service_name);
	}
}

void
reviews_fill(struct web *w, struct tmpl_dict *d, enum review_of of,
    int64_t id, int64_t before, const char *page_url)
{
	struct tmpl_dict	*rd = tmpl_include(d, "reviews", "reviews.tpl");
	struct review_summary	 sum;
	struct review		*list;
	size_t			 n, i;

	review_summary(w->db, of, id, &sum);
	if (sum.count == 0) {
		tmpl_show(rd, "no_reviews");
		return;
	}
	tmpl_set(rd, "average", review_average_text(w->arena, &sum));
	tmpl_set(rd, "count_text", arena_printf(w->arena, "%lld review%s",
	    (long long)sum.count, sum.count == 1 ? "" : "s"));
	tmpl_show(rd, "has_reviews");
	/* One extra row says whether an older page exists. */
	n = review_list(w->db, w->arena, of, id, before, REVIEW_PAGE + 1, &list);
	for (i = 0; i < n && i < REVIEW_PAGE; i++)
		review_row(w, rd, of, &list[i]);
	if (n == 0)
		tmpl_show(rd, "no_more");
	if (before > 0)
		tmpl_set(tmpl_section(rd, "not_newest"), "url", page_url);
	if (n > REVIEW_PAGE)
		tmpl_set(tmpl_section(rd, "older"), "url", arena_printf(w->arena,
		    "%s?before=%lld", page_url,
		    (long long)list[REVIEW_PAGE - 1].id));
}

/* The names of the vendor's categories, in the catalogue's order. */
static void
categories_fill(struct web *w, struct tmpl_dict *d,
    const struct vendor_profile *p)
{
	struct category	*cats;
	size_t		 n, i;

	n = catalog_categories(w->db, w->arena, &cats);
	for (i = 0; i < n; i++)
		if (vendor_serves_category(p, cats[i].slug)) {
			struct tmpl_dict	*row = tmpl_section(d,
			    "category");

			tmpl_set(row, "slug", cats[i].slug);
			tmpl_set(row, "name", cats[i].name);
		}
	if (p->ncategories == 0)
		tmpl_show(d, "no_categories");
}

/* GET /vendors/{id}: see reviews.h. */
void
page_vendor_public(struct web *w)
{
	struct vendor_profile	 p;
	struct vendor_face	 face;
	struct tmpl_dict	*d, *v;
	int64_t			 before;
	size_t			 i;

	/* Applicants have no public page; the ones once verified keep it. */
	if (!vendor_get(w->db, w->arena, w->id[0], &p) || p.verified_at == 0) {
		web_error(w, 404, "There is no such vendor.");
		return;
	}
	if ((before = reviews_before(w)) < 0) {
		web_error(w, 400, "There is no such page of reviews.");
		return;
	}
	if (!vendor_face_get(w->db, w->arena, p.user_id, &face)) {
		web_error(w, 404, "There is no such vendor.");
		return;
	}
	/* The username is for signing in: the page shows the display name. */
	d = web_page(w, face.name, "vendor_public.tpl");
	faces_fill_from(w, d, &face, 0);
	tmpl_set(d, "member_since", fmt_time(w->arena, p.member_since));
	tmpl_set(d, "member_since_iso", fmt_time_iso(w->arena,
	    p.member_since));
	if (p.verified) {
		v = tmpl_section(d, "verified");
		tmpl_set(v, "since", fmt_time(w->arena, p.verified_at));
		tmpl_set(v, "since_iso", fmt_time_iso(w->arena, p.verified_at));
	} else
		tmpl_show(d, "unverified");
	tmpl_set_int(d, "experience", p.experience_years);
	if (p.business_name[0] != '\0')
		tmpl_set(tmpl_section(d, "business"), "name", p.business_name);
	categories_fill(w, d, &p);
	for (i = 0; i < p.npincodes; i++)
		tmpl_set(tmpl_section(d, "pincode"), "pincode", p.pincodes[i]);
	if (p.npincodes == 0)
		tmpl_show(d, "no_pincodes");
	reviews_fill(w, d, REVIEW_OF_VENDOR, p.user_id, before,
	    arena_printf(w->arena, "/vendors/%lld", (long long)p.user_id));
	web_render(w, 200);
}
