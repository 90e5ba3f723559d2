/* ops-alerts.c: staff see the business alerts the worker raised, open one with its evidence, acknowledge it and resolve it with a note. */
#include <stdio.h>
#include <string.h>

#include "alert.h"
#include "arena.h"
#include "clock.h"
#include "fmt.h"
#include "ops-area.h"
#include "web.h"

enum filter_field { FILTER_STATUS, FILTER_BEFORE, FILTER__MAX };

static const struct form_field filter_fields[FILTER__MAX] = {
	[FILTER_STATUS] = { "status", "Status", FORM_TEXT, 0, 0, 20 },
	[FILTER_BEFORE] = { "before", "Page", FORM_INT, 0, 1, INT64_MAX / 2 },
};

static const struct form_field resolve_fields[] = {
	{ "note", "Note", FORM_MULTILINE, FORM_REQUIRED, ALERT_NOTE_MIN,
	    ALERT_NOTE_MAX },
};

/* Who may open the bookings an alert names (onboarding may not). */
#define BOOKING_READERS	(ROLE_OPS | ROLE_ADMIN)

static const char	no_alert[] = "There is no such alert.";
static const char	not_yours[] = "This alert is about customers' bookings "
			    "or payments: operations managers handle it.";

/* "3 hours": how long ago, in the largest whole unit. */
static const char *
age(struct arena *a, int64_t seconds)
{
	static const struct {
		int64_t		 unit;
		const char	*one, *many;
	} units[] = {
		{ 86400, "day", "days" },
		{ 3600, "hour", "hours" },
		{ 60, "minute", "minutes" },
	};
	int64_t	n;
	size_t	i;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if ((n = seconds / units[i].unit) > 0)
			return arena_printf(a, "%lld %s", (long long)n,
			    n == 1 ? units[i].one : units[i].many);
	return "under a minute";
}

/* The values a list row and the alert's page share. */
static void
alert_fill(struct web *w, struct tmpl_dict *d, const struct alert *al)
{
	tmpl_set_int(d, "id", al->id);
	tmpl_set(d, "kind", alert_kind_label(al->kind));
	tmpl_set(d, "subject", alert_subject_label(w->arena, al, 1));
	tmpl_set(d, "summary", al->summary);
	tmpl_set(d, "raised", fmt_time(w->arena, al->raised_at));
	tmpl_set(d, "raised_iso", fmt_time_iso(w->arena, al->raised_at));
	tmpl_set(d, "age", age(w->arena, clock_now() - al->raised_at));
	tmpl_set(d, "status", alert_status_name(al->status));
	tmpl_set(d, "status_label", alert_status_label(al->status));
	tmpl_set(d, "link", al->link);
	tmpl_set(d, "link_label", alert_evidence_label(al->kind));
	if (alert_may(al->status, ALERT_ACKNOWLEDGED))
		tmpl_show(d, "can_ack");
}

/*
 * /ops/alerts?status=&before=: newest first, 50 a page; open and
 * acknowledged unless a status is chosen; 400 for a status that is
 * none.  Onboarding managers see the alerts about vendors' work.
 */
void
page_ops_alerts(struct web *w)
{
	struct form		 f;
	struct alert		*list;
	struct tmpl_dict	*d, *opt, *older, *table = NULL;
	size_t			 n, i;
	int			 status = -1;

	form_init(&f, w->arena, filter_fields, FILTER__MAX);
	form_read(&f, &w->req.query);
	if (f.v[FILTER_STATUS].text[0] != '\0')
		status = alert_status_parse(f.v[FILTER_STATUS].text);
	if (f.errors || (f.v[FILTER_STATUS].text[0] != '\0' && status < 0)) {
		web_error(w, 400, "Those filters are not valid: choose a status "
		    "from the list.");
		return;
	}
	d = web_page(w, "Alerts", "ops_alerts.tpl");
	for (i = 0; i < ALERT_STATUS__MAX; i++) {
		opt = tmpl_section(d, "status_option");
		tmpl_set(opt, "value", alert_status_name((enum alert_status)i));
		tmpl_set(opt, "label", alert_status_label((enum alert_status)i));
		if ((int)i == status)
			tmpl_show(opt, "selected");
	}
	n = alert_list(w->db, w->arena, status, w->session.role,
	    f.v[FILTER_BEFORE].num, ALERT_PAGE + 1, &list);
	if (n == 0)
		tmpl_show(d, "none");
	else
		table = tmpl_section(d, "some");
	for (i = 0; i < n && i < ALERT_PAGE; i++)
		alert_fill(w, tmpl_section(table, "alert"), &list[i]);
	if (n > ALERT_PAGE) {
		older = tmpl_section(d, "older");
		tmpl_set(older, "status", f.v[FILTER_STATUS].text);
		tmpl_set_int(older, "before", list[ALERT_PAGE - 1].id);
	}
	web_csrf(w);
	web_render(w, 200);
}

/* Who did what when, and the evidence's bookings for those who may open them. */
static void
history_fill(struct web *w, struct tmpl_dict *d, const struct alert *al)
{
	struct tmpl_dict	*s;
	size_t			 i;

	if (al->acknowledged_at > 0) {
		s = tmpl_section(d, "acknowledged");
		tmpl_set(s, "by", al->acknowledged_by);
		tmpl_set(s, "at", fmt_time(w->arena, al->acknowledged_at));
		tmpl_set(s, "at_iso", fmt_time_iso(w->arena,
		    al->acknowledged_at));
	}
	if (al->resolved_at > 0) {
		s = tmpl_section(d, "resolved");
		tmpl_set(s, "by", al->resolved_by);
		tmpl_set(s, "at", fmt_time(w->arena, al->resolved_at));
		tmpl_set(s, "at_iso", fmt_time_iso(w->arena, al->resolved_at));
		tmpl_set(s, "note", al->resolution);
	}
	for (i = 0; (w->session.role & BOOKING_READERS) && i < al->nbookings;
	    i++)
		tmpl_set_int(tmpl_section(d, "booking"), "id", al->bookings[i]);
}

/*
 * The alert's page with status: a problem at the top (409), or the
 * note's error beside the resolve form with what was typed (422).
 */
static void
alert_show(struct web *w, const struct alert *al, int status,
    const char *problem, const struct form *f)
{
	struct tmpl_dict	*d, *form;

	d = web_page(w, arena_printf(w->arena, "Alert #%lld",
	    (long long)al->id), "ops_alert.tpl");
	alert_fill(w, d, al);
	history_fill(w, d, al);
	if (problem != NULL)
		tmpl_set(tmpl_section(d, "problem"), "message", problem);
	if (alert_may(al->status, ALERT_RESOLVED)) {
		form = tmpl_section(d, "can_resolve");
		tmpl_set_int(form, "min", ALERT_NOTE_MIN);
		tmpl_set_int(form, "max", ALERT_NOTE_MAX);
		if (f != NULL)
			form_fill(f, form);
	}
	web_csrf(w);
	web_render(w, status);
}

/* The alert of {id} if this person may handle it; else a 404 or 403 page. */
static int
alert_load(struct web *w, struct alert *al)
{
	if (!alert_get(w->db, w->arena, w->id[0], al)) {
		web_error(w, 404, no_alert);
		return 0;
	}
	if (!alert_visible(al->kind, w->session.role)) {
		web_error(w, 403, not_yours);
		return 0;
	}
	return 1;
}

void
page_ops_alert(struct web *w)
{
	struct alert	al;

	if (alert_load(w, &al))
		alert_show(w, &al, 200, NULL, NULL);
}

/* Why a move was refused, from the alert's status now. */
static const char *
refusal(struct web *w, const struct alert *al, const char *move)
{
	return arena_printf(w->arena, "An alert that is “%s” cannot be %s.",
	    alert_status_label(al->status), move);
}

/* POST: someone takes it on.  303 to the list, 403, 404, 409. */
void
page_ops_alert_ack(struct web *w)
{
	struct alert	al;

	if (!alert_load(w, &al))
		return;
	switch (alert_acknowledge(w->db, &w->actor, al.id, clock_now())) {
	case ALERT_NOT_FOUND:
		web_error(w, 404, no_alert);
		return;
	case ALERT_REFUSED:
		alert_get(w->db, w->arena, al.id, &al);
		alert_show(w, &al, 409, refusal(w, &al, "acknowledged"), NULL);
		return;
	case ALERT_OK:
		break;
	}
	web_redirect(w, "/ops/alerts?notice=alert-acknowledged");
}

/*
 * POST note: dealt with.  409 if already resolved, 422 without a note
 * of 3 to 500 characters (the page again, the note kept), 403, 404;
 * 303 to the list.
 */
void
page_ops_alert_resolve(struct web *w)
{
	struct alert	al;
	struct form	f;

	if (!alert_load(w, &al))
		return;
	web_form_read(w, &f, resolve_fields, 1);
	if (!alert_may(al.status, ALERT_RESOLVED)) {
		alert_show(w, &al, 409, refusal(w, &al, "resolved"), NULL);
		return;
	}
	if (f.errors) {
		alert_show(w, &al, 422, NULL, &f);
		return;
	}
	switch (alert_resolve(w->db, &w->actor, al.id, f.v[0].text,
	    clock_now())) {
	case ALERT_NOT_FOUND:
		web_error(w, 404, no_alert);
		return;
	case ALERT_REFUSED:
		alert_get(w->db, w->arena, al.id, &al);
		alert_show(w, &al, 409, refusal(w, &al, "resolved"), NULL);
		return;
	case ALERT_OK:
		break;
	}
	web_redirect(w, "/ops/alerts?notice=alert-resolved");
}
