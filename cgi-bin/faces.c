/* faces.c: a professional's display name, photo, rating and jobs done on customers' pages (booking page, public page). */
#include "arena.h"
#include "faces.h"
#include "picture.h"
#include "review.h"
#include "vendor_face.h"
#include "web.h"

/* The names listed in faces.h, from a face already read. */
void
faces_fill_from(struct web *w, struct tmpl_dict *d, const struct vendor_face *f,
    int thumb)
{
	struct tmpl_dict	*s;

	tmpl_set_int(d, "vendor_id", f->user_id);
	tmpl_set(d, "vendor_name", f->name);
	if (f->photo.key[0] != '\0') {
		s = tmpl_section(d, "photo");
		tmpl_set(s, "src", picture_url(w->arena, f->photo.key, thumb));
		tmpl_set_int(s, "width", thumb ? f->photo.thumb_width :
		    f->photo.width);
		tmpl_set_int(s, "height", thumb ? f->photo.thumb_height :
		    f->photo.height);
		tmpl_set(s, "alt", arena_printf(w->arena, "Photo of %s",
		    f->name));
	}
	faces_record_fill(w, d, &f->rating, f->jobs_done);
}

/* A professional's record: rating and jobs done (faces.h). */
void
faces_record_fill(struct web *w, struct tmpl_dict *d,
    const struct review_summary *rating, int64_t jobs_done)
{
	struct tmpl_dict	*s;

	if (rating->count > 0) {
		s = tmpl_section(d, "rated");
		tmpl_set(s, "average", review_average_text(w->arena, rating));
		tmpl_set_int(s, "count", rating->count);
		tmpl_set(s, "reviews", rating->count == 1 ? "review" :
		    "reviews");
	} else
		tmpl_show(d, "unrated");
	tmpl_set_int(d, "jobs", jobs_done);
	tmpl_set(d, "jobs_word", jobs_done == 1 ? "job" : "jobs");
}

/* Read the vendor's face and fill d (faces.h). */
int
faces_fill(struct web *w, struct tmpl_dict *d, int64_t vendor, int thumb)
{
	struct vendor_face	f;

	if (!vendor_face_get(w->db, w->arena, vendor, &f))
		return -1;
	faces_fill_from(w, d, &f, thumb);
	return 0;
}
