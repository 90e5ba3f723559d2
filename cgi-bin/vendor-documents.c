/* vendor-documents.c: a vendor's documents: the list, uploading (multipart/form-data) and viewing their own. */
#include <string.h>

#include "arena.h"
#include "clock.h"
#include "documents.h"
#include "fmt.h"
#include "log.h"
#include "setting.h"
#include "vendor-area.h"
#include "vendor_doc.h"
#include "web.h"

enum upload_field { UPLOAD_TYPE, UPLOAD_EXPIRES, UPLOAD_FILE, UPLOAD__MAX };

static const struct form_field upload_fields[UPLOAD__MAX] = {
	[UPLOAD_TYPE] = { "doc_type", "Document", FORM_TEXT, FORM_REQUIRED, 1,
	    20 },
	[UPLOAD_EXPIRES] = { "expires_on", "Valid until", FORM_TEXT, 0, 0,
	    10 },
	/* The file itself arrives as an upload: this carries its message. */
	[UPLOAD_FILE] = { "document", "File", FORM_TEXT, 0, 0, 255 },
};

/* What each refusal answers: all beside the form but a failed store. */
static const struct {
	enum vendor_doc_result	 rc;
	int			 status;
} refusals[] = {
	{ VDOC_NOT_FOUND,	404 },
	{ VDOC_EMPTY,		422 },
	{ VDOC_TOO_LARGE,	422 },
	{ VDOC_NOT_DOCUMENT,	422 },
	{ VDOC_TOO_MANY,	409 },
	{ VDOC_LOCKED,		409 },
	{ VDOC_CLOSED,		409 },
	{ VDOC_REFUSED,		409 },
	{ VDOC_STORE_FAILED,	503 },
};

static void
list_fill(struct web *w, struct tmpl_dict *d)
{
	struct vendor_doc	*docs;
	size_t			 n, i;

	n = vendor_doc_list(w->db, w->arena, w->session.user_id, &docs);
	for (i = 0; i < n; i++)
		document_row_fill(w, tmpl_section(d, "document"), &docs[i]);
	if (n == 0)
		tmpl_show(d, "none");
}

static void
documents_show(struct web *w, struct form *f, int status, const char *problem)
{
	static const enum vendor_doc_type	 order[] = { VDOC_ID_PROOF,
						    VDOC_ADDRESS_PROOF,
						    VDOC_CERTIFICATE };
	struct tmpl_dict			*d, *opt;
	int64_t					 start, end;
	size_t					 i;

	d = web_page(w, "Your documents", "vendor_documents.tpl");
	list_fill(w, d);
	form_fill(f, d);
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		opt = tmpl_section(d, "type_option");
		tmpl_set(opt, "value", vendor_doc_type_name(order[i]));
		tmpl_set(opt, "label", vendor_doc_type_label(order[i]));
		if (strcmp(f->v[UPLOAD_TYPE].text,
		    vendor_doc_type_name(order[i])) == 0)
			tmpl_show(opt, "selected");
	}
	if (problem != NULL)
		tmpl_set(tmpl_section(d, "problem"), "message", problem);
	/* A date picker cannot hold what is not a date: a text box keeps it. */
	tmpl_set(d, "expires_on_type", f->v[UPLOAD_EXPIRES].raw[0] == '\0' ||
	    fmt_parse_day(f->v[UPLOAD_EXPIRES].raw, &start, &end) == 0 ?
	    "date" : "text");
	tmpl_set_int(d, "max_mb", setting(w->db, SET_DOCUMENT_MAX_MB));
	web_csrf(w);
	web_render(w, status);
}

/*
 * The form's own checks, all in one pass: a kind, a real date not yet
 * past, a file.  Returns the number of fields in error (422), each with
 * its message beside it.
 */
static int
upload_check(struct web *w, struct form *f, int *type, int64_t *expires_at,
    const struct http_upload **u)
{
	int64_t	start;

	*type = -1;
	web_form_read(w, f, upload_fields, UPLOAD__MAX);
	if (f->v[UPLOAD_TYPE].error != NULL ||
	    (*type = vendor_doc_type_parse(f->v[UPLOAD_TYPE].text)) < 0)
		form_error(f, UPLOAD_TYPE, "Choose which document this is.");
	*expires_at = 0;
	if (f->v[UPLOAD_EXPIRES].error != NULL ||
	    (f->v[UPLOAD_EXPIRES].text[0] != '\0' &&
	    fmt_parse_day(f->v[UPLOAD_EXPIRES].text, &start, expires_at) != 0))
		form_error(f, UPLOAD_EXPIRES, "Give the date it is valid until "
		    "as YYYY-MM-DD, or leave it empty.");
	else if (*expires_at != 0 && *expires_at <= clock_now())
		form_error(f, UPLOAD_EXPIRES, "This document has expired "
		    "already: upload a current one.");
	if ((*u = http_upload_get(&w->req, "document")) == NULL ||
	    ((*u)->filename[0] == '\0' && (*u)->size == 0))
		form_error(f, UPLOAD_FILE, "Choose a file to upload.");
	return f->errors;
}

static void
upload_refused(struct web *w, struct form *f, enum vendor_doc_result rc,
    const char *why)
{
	size_t	i;

	for (i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++)
		if (refusals[i].rc == rc) {
			if (refusals[i].status == 503)
				web_error(w, 503, why);
			else
				documents_show(w, f, refusals[i].status, why);
			return;
		}
	log_fatal("documents: unknown result %d", (int)rc);
}

/*
 * GET: the list and the upload form.  POST: store a document (303), or
 * 422 (empty, too large, not a PDF, JPEG or PNG, a bad date), 409 (an
 * accepted proof cannot be replaced) beside the form, 503 if storing
 * failed; nothing is stored on refusal.
 */
void
page_vendor_documents(struct web *w)
{
	const struct http_upload	*u;
	struct form			 f;
	enum vendor_doc_result		 rc;
	const char			*why;
	int64_t				 expires_at;
	int				 type;

	if (w->req.method != HTTP_POST) {
		form_init(&f, w->arena, upload_fields, UPLOAD__MAX);
		documents_show(w, &f, 200, NULL);
		return;
	}
	if (upload_check(w, &f, &type, &expires_at, &u)) {
		documents_show(w, &f, 422, NULL);
		return;
	}
	rc = vendor_doc_add(w->db, w->arena, &w->actor, w->session.user_id,
	    (enum vendor_doc_type)type, u->data, u->size, expires_at != 0 ?
	    f.v[UPLOAD_EXPIRES].text : NULL, expires_at,
	    w->config->uploads_dir, clock_now(), &why);
	if (rc != VDOC_OK) {
		upload_refused(w, &f, rc, why);
		return;
	}
	web_redirect(w, "/vendor/documents?notice=document-added");
}

/* GET /vendor/documents/{id}: the vendor's own document; 404 for any other. */
void
page_vendor_document(struct web *w)
{
	struct vendor_doc	d;

	if (!vendor_doc_get(w->db, w->arena, w->id[0], &d) ||
	    d.vendor_id != w->session.user_id || d.status == VDOC_REPLACED) {
		web_error(w, 404, "There is no such document among yours.");
		return;
	}
	document_send(w, &d);
}
