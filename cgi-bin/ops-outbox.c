/* ops-outbox.c: operations managers see what was sent and what failed, each message's attempts, and put a failed one back in the queue. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "clock.h"
#include "fmt.h"
#include "ops-area.h"
#include "outbox.h"
#include "web.h"

enum filter_field { FILTER_STATUS, FILTER_CHANNEL, FILTER_Q, FILTER_BEFORE,
    FILTER__MAX };

static const struct form_field filter_fields[FILTER__MAX] = {
	[FILTER_STATUS] = { "status", "Status", FORM_TEXT, 0, 0, 20 },
	[FILTER_CHANNEL] = { "channel", "Channel", FORM_TEXT, 0, 0, 20 },
	[FILTER_Q] = { "q", "Recipient", FORM_TEXT, 0, 0, 254 },
	[FILTER_BEFORE] = { "before", "Page", FORM_INT, 0, 1, INT64_MAX / 2 },
};

/* A value of a filter: "" is any (-1), a known name its index, else -2. */
static int
choice(const char *v, int (*parse)(const char *))
{
	int	i;

	if (v[0] == '\0')
		return -1;
	return (i = parse(v)) >= 0 ? i : -2;
}

static void
options_fill(struct tmpl_dict *d, const char *section, int n, int chosen,
    const char *(*name)(int), const char *(*label)(int))
{
	struct tmpl_dict	*opt;
	int			 i;

	for (i = 0; i < n; i++) {
		opt = tmpl_section(d, section);
		tmpl_set(opt, "value", name(i));
		tmpl_set(opt, "label", label(i));
		if (i == chosen)
			tmpl_show(opt, "selected");
	}
}

static const char *
status_name(int i)
{
	return outbox_status_name((enum outbox_status)i);
}

static const char *
status_label(int i)
{
	return outbox_status_label((enum outbox_status)i);
}

static const char *
channel_name(int i)
{
	return outbox_channel_name((enum outbox_channel)i);
}

static const char *
channel_label(int i)
{
	return outbox_channel_label((enum outbox_channel)i);
}

/* What a list row shows of a message: its subject, or its text's start. */
static const char *
summary(struct arena *a, const struct outbox_item *m)
{
	const char	*s = m->subject[0] != '\0' ? m->subject : m->text;
	size_t		 n = strlen(s);

	return n <= 90 ? s : arena_printf(a, "%.87s...", s);
}

/* One "message" section of d for m; returned for more. */
static struct tmpl_dict *
row_fill(struct web *w, struct tmpl_dict *d, const struct outbox_item *m)
{
	struct tmpl_dict	*row = tmpl_section(d, "message");

	tmpl_set_int(row, "id", m->id);
	tmpl_set(row, "created", fmt_time(w->arena, m->created_at));
	tmpl_set(row, "created_iso", fmt_time_iso(w->arena, m->created_at));
	tmpl_set(row, "channel", outbox_channel_label(m->channel));
	tmpl_set(row, "kind", outbox_kind_label(m->kind));
	tmpl_set(row, "recipient", m->recipient);
	tmpl_set(row, "summary", summary(w->arena, m));
	tmpl_set(row, "status", outbox_status_name(m->status));
	tmpl_set(row, "status_label", outbox_status_label(m->status));
	tmpl_set_int(row, "attempts", m->attempts);
	if (m->last_error[0] != '\0')
		tmpl_set(tmpl_section(row, "error"), "text", m->last_error);
	if (m->status == OUTBOX_FAILED || m->status == OUTBOX_DEAD)
		tmpl_show(row, "can_retry");
	return row;
}

/*
 * /ops/outbox?status=&channel=&q=&before=: newest first, 50 a page;
 * 400 for a filter that names no status or channel.
 */
void
page_ops_outbox(struct web *w)
{
	struct form		 f;
	struct outbox_filter	 of;
	struct outbox_item	*list;
	struct tmpl_dict	*d, *older;
	size_t			 n, i;

	form_init(&f, w->arena, filter_fields, FILTER__MAX);
	form_read(&f, &w->req.query);
	of.status = choice(f.v[FILTER_STATUS].text, outbox_status_parse);
	of.channel = choice(f.v[FILTER_CHANNEL].text, outbox_channel_parse);
	of.recipient = f.v[FILTER_Q].text;
	of.before_id = f.v[FILTER_BEFORE].num;
	if (f.errors || of.status == -2 || of.channel == -2) {
		web_error(w, 400, "Those filters are not valid: choose a status "
		    "and a channel from the lists.");
		return;
	}
	d = web_page(w, "Outbox", "ops_outbox.tpl");
	form_fill(&f, d);
	options_fill(d, "status_option", OUTBOX_STATUS__MAX, of.status,
	    status_name, status_label);
	options_fill(d, "channel_option", OUTBOX_CHANNEL__MAX, of.channel,
	    channel_name, channel_label);
	n = outbox_list(w->db, w->arena, &of, OUTBOX_PAGE + 1, &list);
	for (i = 0; i < n && i < OUTBOX_PAGE; i++)
		row_fill(w, d, &list[i]);
	if (n == 0)
		tmpl_show(d, "none");
	if (n > OUTBOX_PAGE) {
		older = tmpl_section(d, "older");
		tmpl_set_int(older, "before", list[OUTBOX_PAGE - 1].id);
		tmpl_set(older, "status", f.v[FILTER_STATUS].text);
		tmpl_set(older, "channel", f.v[FILTER_CHANNEL].text);
		tmpl_set(older, "q", http_urlencode(w->arena,
		    f.v[FILTER_Q].text));
	}
	web_csrf(w);
	web_render(w, 200);
}

static void
attempts_fill(struct web *w, struct tmpl_dict *d, int64_t id)
{
	struct outbox_attempt	*list;
	struct tmpl_dict	*row;
	size_t			 n, i;

	n = outbox_attempts(w->db, w->arena, id, &list);
	for (i = 0; i < n; i++) {
		row = tmpl_section(d, "attempt");
		tmpl_set_int(row, "n", list[i].attempt);
		tmpl_set(row, "at", fmt_time(w->arena, list[i].at));
		tmpl_set(row, "at_iso", fmt_time_iso(w->arena, list[i].at));
		tmpl_set(row, "outcome", list[i].ok ? "Sent" : "Failed");
		tmpl_set(row, "detail", list[i].detail);
	}
	if (n == 0)
		tmpl_show(d, "no_attempts");
}

/* One message: where it goes, its text, every attempt.  404 if none. */
void
page_ops_outbox_message(struct web *w)
{
	struct outbox_item	 m;
	struct tmpl_dict	*d;

	if (!outbox_get(w->db, w->arena, w->id[0], &m)) {
		web_error(w, 404, "There is no such message.");
		return;
	}
	d = web_page(w, arena_printf(w->arena, "Message #%lld",
	    (long long)m.id), "ops_outbox_message.tpl");
	d = row_fill(w, d, &m);
	if (m.message_id != NULL)
		tmpl_set(tmpl_section(d, "message_id"), "value", m.message_id);
	if (m.provider_id != NULL)
		tmpl_set(tmpl_section(d, "provider_id"), "value", m.provider_id);
	if (m.status == OUTBOX_SENT)
		tmpl_set(tmpl_section(d, "sent"), "at", fmt_time(w->arena,
		    m.sent_at));
	else if (m.status == OUTBOX_PENDING || m.status == OUTBOX_FAILED)
		tmpl_set(tmpl_section(d, "next"), "at", fmt_time(w->arena,
		    m.next_attempt_at));
	/* A reset link or a code is its reader's only: never on this page. */
	if (m.kind == OUTBOX_SECURITY)
		tmpl_show(d, "private");
	else
		tmpl_set(tmpl_section(d, "body"), "text", m.text);
	attempts_fill(w, d, m.id);
	web_csrf(w);
	web_render(w, 200);
}

/* POST: a failed or given-up message goes back in the queue.  404, 409. */
void
page_ops_outbox_retry(struct web *w)
{
	switch (outbox_retry(w->db, &w->actor, w->id[0], clock_now())) {
	case OUTBOX_NOT_FOUND:
		web_error(w, 404, "There is no such message.");
		return;
	case OUTBOX_REFUSED:
		web_error(w, 409, "Only a failed or given-up message can be "
		    "sent again; this one is waiting, sending or sent.");
		return;
	case OUTBOX_OK:
		break;
	}
	web_redirect(w, arena_printf(w->arena, "/ops/outbox/%lld?notice="
	    "outbox-retry", (long long)w->id[0]));
}
