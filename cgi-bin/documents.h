/* documents.h: a vendor's documents in the vendor and ops areas: list rows, and the file after its access check. */
#ifndef HS_DOCUMENTS_H
#define HS_DOCUMENTS_H

struct tmpl_dict;
struct vendor_doc;
struct web;

/*
 * A row: {{id}}, {{type}}, {{status}}, {{status_label}}, {{uploaded}},
 * {{uploaded_iso}}, {{#expires}}{{on}}, {{#review_reason}}{{text}}.
 */
void	document_row_fill(struct web *, struct tmpl_dict *,
	    const struct vendor_doc *);
void	document_send(struct web *, const struct vendor_doc *);

#endif
