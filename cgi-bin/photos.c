/* photos.c: the access-checked image URL and the photo gallery, shared by the booking, vendor and ops areas. */
#include "arena.h"
#include "booking.h"
#include "fmt.h"
#include "photo.h"
#include "photos.h"
#include "web.h"

/* Browsers may keep a photo an hour, privately: it never changes. */
#define PHOTO_CACHE	"private, max-age=3600"

/*
 * GET /photos/{id}: 200 with the image for the booking's customer and
 * vendor and for staff; 404 for everyone else, as for a missing photo.
 */
void
page_photo(struct web *w)
{
	struct photo	p;
	struct booking	b;

	if (!photo_get(w->db, w->arena, w->id[0], &p) ||
	    !booking_get(w->db, w->arena, p.booking_id, &b) ||
	    !booking_visible(&b, w->session.user_id, w->session.role)) {
		web_error(w, 404, "There is no such photo.");
		return;
	}
	web_send_file(w, p.content_type, PHOTO_CACHE,
	    arena_printf(w->arena, "/_protected/%s", p.file),
	    arena_printf(w->arena, "%s/%s", w->config->uploads_dir, p.file));
}

/* The booking's photos into d: the names are listed in photos.h. */
void
photos_fill(struct web *w, struct tmpl_dict *d, int64_t booking_id)
{
	struct photo		*list;
	struct tmpl_dict	*row;
	int64_t			 count[PHOTO_KIND__MAX] = { 0 };
	size_t			 i, n;

	n = photo_list(w->db, w->arena, booking_id, &list);
	for (i = 0; i < n; i++) {
		row = tmpl_section(d, "photo");
		tmpl_set_int(row, "id", list[i].id);
		tmpl_set(row, "kind", photo_kind_name(list[i].kind));
		tmpl_set(row, "kind_label", photo_kind_label(list[i].kind));
		tmpl_set(row, "description", list[i].description);
		if (list[i].description[0] != '\0')
			tmpl_show(row, "has_description");
		tmpl_setf(row, "url", "/photos/%lld", (long long)list[i].id);
		tmpl_set(row, "when", fmt_time(w->arena, list[i].created_at));
		tmpl_set(row, "when_iso", fmt_time_iso(w->arena,
		    list[i].created_at));
		count[list[i].kind]++;
	}
	tmpl_show(d, n > 0 ? "has_photos" : "no_photos");
	tmpl_set_int(d, "before_count", count[PHOTO_BEFORE]);
	tmpl_set_int(d, "after_count", count[PHOTO_AFTER]);
}
