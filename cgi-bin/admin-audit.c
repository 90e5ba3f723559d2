/* admin-audit.c: the audit log, newest first, a page at a time. */
#include <stdlib.h>

#include "admin-area.h"
#include "arena.h"
#include "fmt.h"
#include "web.h"

#define AUDIT_PAGE	50

/* Rows older than before (0: the newest); returns through the template. */
void
audit_rows_fill(struct web *w, struct tmpl_dict *d, int64_t before,
    size_t limit)
{
	struct audit_entry	*e;
	struct tmpl_dict	*row;
	size_t			 n, i;

	/* One extra row says whether an older page exists. */
	n = audit_list(w->db, w->arena, before, limit + 1, &e);
	for (i = 0; i < n && i < limit; i++) {
		row = tmpl_section(d, "entry");
		tmpl_set_int(row, "id", e[i].id);
		tmpl_set(row, "when", fmt_time(w->arena, e[i].at));
		tmpl_set(row, "when_iso", fmt_time_iso(w->arena, e[i].at));
		tmpl_set(row, "actor", e[i].actor_name != NULL ?
		    e[i].actor_name : "—");
		tmpl_set(row, "action", e[i].action);
		tmpl_set(row, "entity", e[i].entity);
		if (e[i].entity_id)
			tmpl_set_int(row, "entity_id", e[i].entity_id);
		tmpl_set(row, "old_values", e[i].old_values);
		tmpl_set(row, "new_values", e[i].new_values);
		tmpl_set(row, "ip", e[i].ip);
		tmpl_set(row, "user_agent", e[i].user_agent);
	}
	if (n == 0)
		tmpl_show(d, "no_entries");
	if (n > limit)
		tmpl_set_int(tmpl_section(d, "older"), "before", e[limit - 1].id);
}

/* /admin/audit?before=N: 400 when before is not a positive number. */
void
page_admin_audit(struct web *w)
{
	static const struct form_field	 fields[] = {
		{ "before", "Page", FORM_INT, 0, 1, INT64_MAX / 2 },
	};
	struct form			 f;
	struct tmpl_dict		*d;

	form_init(&f, w->arena, fields, 1);
	if (form_read(&f, &w->req.query)) {
		web_error(w, 400, f.v[0].error);
		return;
	}
	d = web_page(w, "Audit log", "admin_audit.tpl");
	if (f.v[0].num > 0)
		tmpl_show(d, "not_newest");
	audit_rows_fill(w, d, f.v[0].num, AUDIT_PAGE);
	web_render(w, 200);
}
