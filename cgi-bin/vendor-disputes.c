/* vendor-disputes.c: the vendor answers a dispute on their job, once, with text and an optional photo (multipart/form-data). */
#include <string.h>

#include "arena.h"
#include "dispute.h"
#include "disputes.h"
#include "http.h"
#include "photo.h"
#include "vendor-area.h"
#include "web.h"

static const struct form_field answer_fields[] = {
	{ "body", "Your answer", FORM_MULTILINE, 0, 0, DISPUTE_TEXT_MAX },
};

/* The job page again with the answer's problem beside its form. */
static void
answer_refused(struct web *w, int status, const char *why, const char *draft)
{
	struct vendor_job_errors	e = { 0 };

	e.answer = why;
	e.answer_draft = draft;
	vendor_job_render(w, w->id[0], status, &e);
}

/* The photo sent with the answer, if any: NULL for none. */
static const struct photo_upload *
answer_photo(struct web *w, int64_t booking_id)
{
	const struct http_upload	*u = http_upload_get(&w->req, "image");
	struct photo_upload		*p;

	if (u == NULL || (u->filename[0] == '\0' && u->size == 0))
		return NULL;
	p = arena_alloc(w->arena, sizeof(*p));
	*p = (struct photo_upload){ booking_id, PHOTO_DISPUTE, u->data,
	    u->size, "" };
	return p;
}

/* What each refusal answers; a photo's own status comes from photo.h's. */
static int
answer_status(enum dispute_result rc, int photo_rc)
{
	switch (rc) {
	case DISPUTE_NOT_FOUND:
		return 404;
	case DISPUTE_REFUSED:
		return 409;
	case DISPUTE_PHOTO:
		return photo_rc == PHOTO_STORE_FAILED ? 503 : 422;
	default:
		return 422;
	}
}

void
page_vendor_dispute_response(struct web *w)
{
	struct form		 f;
	enum dispute_result	 rc;
	const char		*why = NULL;
	int			 photo_rc = PHOTO_OK;

	web_form_read(w, &f, answer_fields, 1);
	if (f.v[0].error != NULL) {
		answer_refused(w, 422, f.v[0].error, f.v[0].raw);
		return;
	}
	rc = dispute_respond(w->db, w->arena, &w->actor, w->id[0], f.v[0].text,
	    answer_photo(w, w->id[0]), w->config->uploads_dir, &photo_rc, &why);
	if (rc == DISPUTE_OK)
		web_redirect(w, arena_printf(w->arena, "/vendor/bookings/%lld"
		    "?notice=dispute-answered", (long long)w->id[0]));
	else if (rc == DISPUTE_NOT_FOUND || rc == DISPUTE_REFUSED ||
	    photo_rc == PHOTO_STORE_FAILED)
		web_error_back(w, answer_status(rc, photo_rc), why, NULL,
		    rc == DISPUTE_NOT_FOUND ? NULL : arena_printf(w->arena,
		    "/vendor/bookings/%lld", (long long)w->id[0]),
		    "Back to the job");
	else
		answer_refused(w, answer_status(rc, photo_rc), why, f.v[0].raw);
}
