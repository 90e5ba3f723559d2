/* documents.c: a vendor's documents in pages: one row of a list, and the file: images shown in the page, PDFs only as attachments, never cached. */
#include <string.h>

#include "arena.h"
#include "documents.h"
#include "fmt.h"
#include "vendor_doc.h"
#include "web.h"

/*
 * 200 with the file, for a caller that has checked who may see it.  A
 * PDF is an attachment, so a script inside it never runs in this
 * site's pages; nothing is cached, these are identity papers.
 */
void
document_send(struct web *w, const struct vendor_doc *d)
{
	int	pdf = strcmp(d->content_type, "application/pdf") == 0;

	http_header_add(&w->res, "Content-Disposition", arena_printf(w->arena,
	    "%s; filename=\"%s-%lld.%s\"", pdf ? "attachment" : "inline",
	    vendor_doc_type_name(d->type), (long long)d->id,
	    strrchr(d->file, '.') + 1));
	web_send_file(w, d->content_type, "private, no-store",
	    arena_printf(w->arena, "/_protected/%s", d->file),
	    arena_printf(w->arena, "%s/%s", w->config->uploads_dir, d->file));
}

/* One document of a list, in row: its names are listed in documents.h. */
void
document_row_fill(struct web *w, struct tmpl_dict *row,
    const struct vendor_doc *d)
{
	tmpl_set_int(row, "id", d->id);
	tmpl_set(row, "type", vendor_doc_type_label(d->type));
	tmpl_set(row, "status", vendor_doc_status_name(d->status));
	tmpl_set(row, "status_label", vendor_doc_status_label(d->status));
	tmpl_set(row, "uploaded", fmt_time(w->arena, d->uploaded_at));
	tmpl_set(row, "uploaded_iso", fmt_time_iso(w->arena, d->uploaded_at));
	if (d->expires_on != NULL)
		tmpl_set(tmpl_section(row, "expires"), "on", d->expires_on);
	if (d->review_reason[0] != '\0')
		tmpl_set(tmpl_section(row, "review_reason"), "text",
		    d->review_reason);
}
