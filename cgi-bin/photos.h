/* photos.h: a booking's photos on the web: the access-checked image URL, the gallery, the vendor's upload. */
#ifndef HS_PHOTOS_H
#define HS_PHOTOS_H

#include <stdint.h>

struct tmpl_dict;
struct web;

/*
 * GET /photos/{id} (booking area, any signed-in role): the booking's
 * customer, its vendor, and staff or admin see the image; anyone else
 * gets 404.  Behind nginx the answer is X-Accel-Redirect to
 * /_protected/<file>; as plain CGI the bytes are sent from here.
 */
void	page_photo(struct web *);

/*
 * POST /vendor/bookings/{id}/photos (vendor area only; in
 * vendor-photos.c), multipart/form-data with image_type (before|after),
 * image (the file) and description (at most 300 characters).  303 to
 * /vendor/bookings/{id}?notice=photo-added; 404 not the vendor's job;
 * 409 the job is not in progress, or the kind already has 10 photos;
 * 422 no file, a path in its name, not a JPEG/PNG/WebP, too large, a
 * bad image_type or description; 503 the file could not be written.
 */
void	page_vendor_photo_upload(struct web *);

/*
 * Fill a dictionary with a booking's photos, before ones first.  It is
 * meant for templates/booking_photos.tpl, included as the page's
 * "photos" sub-template:
 *
 *	photos_fill(w, tmpl_include(d, "photos", "booking_photos.tpl"), id);
 *
 * but any template may use the same names:
 *
 *	{{#photo}}		one section per photo, holding:
 *	  {{id}}		the photo's id
 *	  {{kind}}		"before" or "after"
 *	  {{kind_label}}	"Before" or "After"
 *	  {{description}}	the vendor's text, may be ""
 *	  {{#has_description}}	shown when it is not ""
 *	  {{url}}		"/photos/{id}", the access-checked image
 *	  {{when}}		uploaded, in local time ("21 Nov 2026, 4:05 pm")
 *	  {{when_iso}}		the same in UTC ISO 8601, for <time datetime>
 *	{{/photo}}
 *	{{#has_photos}}		shown when there is at least one
 *	{{#no_photos}}		shown when there are none
 *	{{before_count}} {{after_count}}
 *
 * The caller checks that the viewer may see the booking.
 */
void	photos_fill(struct web *, struct tmpl_dict *, int64_t booking_id);

#endif
