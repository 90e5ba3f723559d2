/* admin-audit.c: the audit log, newest first, filtered by actor, action, record and date, a page at a time; and the check of its hash chain. */
#include <stdlib.h>

#include "account.h"
#include "admin-area.h"
#include "arena.h"
#include "fmt.h"
#include "http.h"
#include "web.h"

#define AUDIT_PAGE	50

enum audit_field { AF_ACTOR, AF_ACTION, AF_ENTITY, AF_ENTITY_ID, AF_FROM,
    AF_TO, AF_PAGE, AF__MAX };

static const struct form_field audit_fields[AF__MAX] = {
	[AF_ACTOR] = { "actor", "Who", FORM_TEXT, 0, 0, 30 },
	[AF_ACTION] = { "action", "Action", FORM_TEXT, 0, 0, 60 },
	[AF_ENTITY] = { "entity", "Record type", FORM_TEXT, 0, 0, 30 },
	[AF_ENTITY_ID] = { "entity_id", "Record number", FORM_INT, 0, 1,
	    INT64_MAX / 2 },
	[AF_FROM] = { "from", "From", FORM_TEXT, 0, 0, 10 },
	[AF_TO] = { "to", "To", FORM_TEXT, 0, 0, 10 },
	[AF_PAGE] = { "page", "Page", FORM_INT, 0, 1, 1000000 },
};

static void
entry_fill(struct web *w, struct tmpl_dict *row, const struct audit_entry *e)
{
	tmpl_set_int(row, "id", e->id);
	tmpl_set(row, "when", fmt_time(w->arena, e->at));
	tmpl_set(row, "when_iso", fmt_time_iso(w->arena, e->at));
	tmpl_set(row, "actor", e->actor_name != NULL ? e->actor_name : "—");
	tmpl_set(row, "action", e->action);
	tmpl_set(row, "entity", e->entity);
	if (e->entity_id)
		tmpl_set_int(row, "entity_id", e->entity_id);
	tmpl_set(row, "old_values", e->old_values);
	tmpl_set(row, "new_values", e->new_values);
	tmpl_set(row, "ip", e->ip);
	tmpl_set(row, "user_agent", e->user_agent);
}

/* The latest limit rows, for the admin overview. */
void
audit_rows_fill(struct web *w, struct tmpl_dict *d, size_t limit)
{
	struct audit_filter	 f = { 0 };
	struct audit_entry	*e;
	size_t			 n, i;

	n = audit_list(w->db, w->arena, &f, 0, limit, &e);
	for (i = 0; i < n; i++)
		entry_fill(w, tmpl_section(d, "entry"), &e[i]);
	if (n == 0)
		tmpl_show(d, "no_entries");
}

/*
 * The query as a filter: 0, or 400's sentence.  A day is a whole day
 * in India; "to" is the last day shown.
 */
static const char *
filter_make(struct web *w, const struct form *f, struct audit_filter *af)
{
	int64_t	start, end;

	*af = (struct audit_filter){ 0 };
	if (f->errors)
		return "Those filters are not valid: a record number and a page "
		    "are whole numbers.";
	if (f->v[AF_ACTOR].text[0] != '\0' && (af->actor_id =
	    account_id_by_username(w->db, f->v[AF_ACTOR].text)) == 0)
		af->actor_id = -1;
	af->action = f->v[AF_ACTION].text;
	af->entity = f->v[AF_ENTITY].text;
	af->entity_id = f->v[AF_ENTITY_ID].num;
	if (f->v[AF_FROM].text[0] != '\0') {
		if (fmt_parse_day(f->v[AF_FROM].text, &start, &end) != 0)
			return "Give dates as YYYY-MM-DD.";
		af->from = start;
	}
	if (f->v[AF_TO].text[0] != '\0') {
		if (fmt_parse_day(f->v[AF_TO].text, &start, &end) != 0)
			return "Give dates as YYYY-MM-DD.";
		af->to = end;
	}
	if (af->to > 0 && af->from >= af->to)
		return "The first day comes after the last one.";
	return NULL;
}

/* The query string of this filter on another page. */
static char *
page_query(struct web *w, const struct form *f, int64_t page)
{
	static const enum audit_field	 kept[] = { AF_ACTOR, AF_ACTION,
					    AF_ENTITY, AF_ENTITY_ID, AF_FROM,
					    AF_TO };
	char				*q = "";
	size_t				 i;

	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		q = arena_printf(w->arena, "%s%s=%s&", q,
		    audit_fields[kept[i]].name, http_urlencode(w->arena,
		    f->v[kept[i]].text));
	return arena_printf(w->arena, "%spage=%lld", q, (long long)page);
}

/*
 * /admin/audit?actor=&action=&entity=&entity_id=&from=&to=&page=:
 * 50 a page, newest first; 400 for filters that are not valid.
 */
void
page_admin_audit(struct web *w)
{
	struct form		 f;
	struct audit_filter	 af;
	struct audit_entry	*e;
	struct tmpl_dict	*d;
	const char		*why;
	int64_t			 page;
	size_t			 n, i;

	form_init(&f, w->arena, audit_fields, AF__MAX);
	form_read(&f, &w->req.query);
	if ((why = filter_make(w, &f, &af)) != NULL) {
		web_error(w, 400, why);
		return;
	}
	page = f.v[AF_PAGE].num > 0 ? f.v[AF_PAGE].num : 1;
	d = web_page(w, "Audit log", "admin_audit.tpl");
	form_fill(&f, d);
	/* One extra row says whether a later page exists. */
	n = audit_list(w->db, w->arena, &af, (page - 1) * AUDIT_PAGE,
	    AUDIT_PAGE + 1, &e);
	for (i = 0; i < n && i < AUDIT_PAGE; i++)
		entry_fill(w, tmpl_section(d, "entry"), &e[i]);
	if (n == 0)
		tmpl_show(d, "no_entries");
	if (page > 1)
		tmpl_set(tmpl_section(d, "newer"), "query", page_query(w, &f,
		    page - 1));
	if (n > AUDIT_PAGE)
		tmpl_set(tmpl_section(d, "older"), "query", page_query(w, &f,
		    page + 1));
	web_render(w, 200);
}

/* /admin/audit/verify: the chain read from the first row to the last. */
void
page_admin_audit_verify(struct web *w)
{
	struct audit_check	 c;
	struct tmpl_dict	*d, *broken;

	audit_verify(w->db, &c);
	d = web_page(w, "Audit log check", "admin_audit_verify.tpl");
	tmpl_set_int(d, "rows", c.rows);
	tmpl_set(d, "head", c.head);
	if (c.broken_id == 0) {
		tmpl_show(d, "intact");
	} else {
		broken = tmpl_section(d, "broken");
		tmpl_set_int(broken, "id", c.broken_id);
		tmpl_set(broken, "why", c.why);
		tmpl_set_int(broken, "good", c.rows - 1);
	}
	web_render(w, 200);
}
