/* vendor-photos.c: the vendor uploads a before or after photo of a job in progress (multipart/form-data). */
#include <string.h>

#include "arena.h"
#include "booking.h"
#include "log.h"
#include "photo.h"
#include "photos.h"
#include "vendor-area.h"
#include "web.h"

static const struct form_field upload_fields[] = {
	{ "image_type", "Photo taken", FORM_SLUG, FORM_REQUIRED, 0, 10 },
	{ "description", "Description", FORM_TEXT, 0, 0,
	    PHOTO_MAX_DESCRIPTION },
};

/* What each refusal answers, and whether it is shown beside the form. */
static const struct {
	enum photo_result	 rc;
	int			 status;
	int			 beside_form;
} photo_refusals[] = {
	{ PHOTO_NOT_FOUND,	404,	0 },
	{ PHOTO_WRONG_STATE,	409,	0 },	/* the form is not shown */
	{ PHOTO_TOO_MANY,	409,	1 },
	{ PHOTO_EMPTY,		422,	1 },
	{ PHOTO_TOO_LARGE,	422,	1 },
	{ PHOTO_NOT_IMAGE,	422,	1 },
	{ PHOTO_STORE_FAILED,	503,	0 },
};

/* The job page again, with the problem beside the upload form. */
static void
upload_refused(struct web *w, int status, const char *why)
{
	struct vendor_job_errors	e = { 0 };

	e.upload = why;
	vendor_job_render(w, w->id[0], status, &e);
}

static void
photo_refused(struct web *w, enum photo_result rc, const char *why)
{
	size_t	i;

	for (i = 0; i < sizeof(photo_refusals) / sizeof(photo_refusals[0]); i++)
		if (photo_refusals[i].rc == rc) {
			if (photo_refusals[i].beside_form)
				upload_refused(w, photo_refusals[i].status, why);
			else if (photo_refusals[i].status == 404)
				web_error(w, 404, why);
			else
				web_error_back(w, photo_refusals[i].status,
				    why, NULL, arena_printf(w->arena,
				    "/vendor/bookings/%lld",
				    (long long)w->id[0]), "Back to the job");
			return;
		}
	log_fatal("photos: unknown result %d", (int)rc);
}

/*
 * The form's own checks: the kind, the description, a file under
 * "image" whose name holds no path.  Returns NULL or the sentence for
 * the 422.  The client's file name is never used to store anything.
 */
static const char *
upload_check(struct web *w, enum photo_kind *kind, const char **description,
    const struct http_upload **u)
{
	struct form	 f;
	const char	*name;

	web_form_read(w, &f, upload_fields, 2);
	/* Evidence for a dispute comes only with the answer to it. */
	if (f.v[0].error != NULL || photo_kind_parse(f.v[0].text, kind) != 0 ||
	    *kind == PHOTO_DISPUTE)
		return "Choose whether the photo was taken before or after the "
		    "work.";
	if (f.v[1].error != NULL)
		return f.v[1].error;
	*description = f.v[1].text;
	if ((*u = http_upload_get(&w->req, "image")) == NULL ||
	    ((*u)->filename[0] == '\0' && (*u)->size == 0))
		return "Choose a photo to upload.";
	name = (*u)->filename;
	if (strchr(name, '/') != NULL || strchr(name, '\\') != NULL ||
	    strstr(name, "..") != NULL)
		return "The file name must not contain a folder path (“/”, "
		    "“\\” or “..”): choose the photo file itself.";
	return NULL;
}

/* POST /vendor/bookings/{id}/photos: see photos.h for the statuses. */
void
page_vendor_photo_upload(struct web *w)
{
	struct booking			 b;
	const struct http_upload	*u;
	const char			*why, *description = "";
	enum photo_kind			 kind;
	enum photo_result		 rc;

	if (!booking_get(w->db, w->arena, w->id[0], &b) ||
	    !booking_vendor_may_view(w->db, &b, w->session.user_id)) {
		web_error(w, 404, "There is no such job for you.");
		return;
	}
	if ((why = upload_check(w, &kind, &description, &u)) != NULL) {
		upload_refused(w, 422, why);
		return;
	}
	rc = photo_add(w->db, w->arena, &w->actor, b.id, kind, u->data,
	    u->size, description, w->config->uploads_dir, &why);
	if (rc != PHOTO_OK) {
		photo_refused(w, rc, why);
		return;
	}
	web_redirect(w, arena_printf(w->arena,
	    "/vendor/bookings/%lld?notice=photo-added", (long long)b.id));
}
