/* booking-prefs.c: what reaches each person by email and SMS: their switches, and the unsubscribe link every non-essential email carries. */
#include <stdio.h>
#include <string.h>

#include "account.h"
#include "arena.h"
#include "booking-area.h"
#include "clock.h"
#include "prefs.h"
#include "web.h"

/* What each switchable kind covers, as the page explains it. */
static const char *const kind_hints[OUTBOX_SWITCHABLE] = {
	[OUTBOX_BOOKING] = "A booking is accepted, started, completed, paid "
	    "or cancelled; a new message about it.",
	[OUTBOX_REMINDER] = "A day before a visit; for professionals, the "
	    "morning list of jobs waiting in their area.",
	[OUTBOX_REPORT] = "On the 1st: your month's bookings and spending, "
	    "or your statement of earnings.",
	[OUTBOX_MARKETING] = "Offers and news from HomeServe. Off unless you "
	    "switch it on.",
};

/* The checkbox of a channel and kind: "email_booking", "sms_reminder". */
static const char *
switch_name(struct arena *a, int ch, int kind)
{
	return arena_printf(a, "%s_%s",
	    outbox_channel_name((enum outbox_channel)ch),
	    outbox_kind_name((enum outbox_kind)kind));
}

static void
prefs_show(struct web *w, const struct prefs *p)
{
	struct tmpl_dict	*d, *row, *cell;
	struct account		 me;
	int			 ch, k;

	d = web_page(w, "Emails and text messages", "account_notifications.tpl");
	for (k = 0; k < OUTBOX_SWITCHABLE; k++) {
		row = tmpl_section(d, "kind");
		tmpl_set(row, "label", outbox_kind_label((enum outbox_kind)k));
		tmpl_set(row, "hint", kind_hints[k]);
		tmpl_set(row, "slug", outbox_kind_name((enum outbox_kind)k));
		for (ch = 0; ch < PREFS_CHANNELS; ch++) {
			cell = tmpl_section(row, "switch");
			tmpl_set(cell, "name", switch_name(w->arena, ch, k));
			tmpl_set(cell, "channel", outbox_channel_label(
			    (enum outbox_channel)ch));
			if (p->on[ch][k])
				tmpl_show(cell, "checked");
		}
	}
	if (account_get(w->db, w->arena, w->session.user_id, &me)) {
		tmpl_set(d, "email", me.email);
		if (me.phone[0] != '\0')
			tmpl_set(tmpl_section(d, "phone"), "number", me.phone);
		else
			tmpl_show(d, "no_phone");
	}
	web_csrf(w);
	web_render(w, 200);
}

/*
 * GET shows a switch per channel and kind; POST saves them all (an
 * unchecked box is a switch turned off) and comes back here.
 */
void
page_account_notifications(struct web *w)
{
	struct prefs	p;
	const char	*v;
	int		ch, k;

	if (w->req.method != HTTP_POST) {
		prefs_get(w->db, w->session.user_id, &p);
		prefs_show(w, &p);
		return;
	}
	for (ch = 0; ch < PREFS_CHANNELS; ch++)
		for (k = 0; k < OUTBOX_SWITCHABLE; k++) {
			v = http_param_get(&w->req.form, switch_name(w->arena,
			    ch, k));
			p.on[ch][k] = v != NULL && v[0] != '\0';
		}
	prefs_save(w->db, &w->actor, w->session.user_id, &p, clock_now());
	web_redirect(w, "/account/notifications?notice=prefs-saved");
}

/* The link's person and kind, or a 404 page (0). */
static int
token_read(struct web *w, int64_t *user, enum outbox_kind *kind,
    struct account *who)
{
	if (prefs_unsubscribe_parse(w->arena, w->token, user, kind) != 0 ||
	    !account_get(w->db, w->arena, *user, who)) {
		web_error(w, 404, "This unsubscribe link is not valid. Copy the "
		    "whole address from the email, or sign in and choose what "
		    "we send you under Emails and text messages.");
		return 0;
	}
	return 1;
}

/*
 * One click from an email, no sign-in: GET asks to confirm (a link
 * follower such as a mail scanner changes nothing), POST switches that
 * kind of email off.  404 for a forged or mangled link.
 */
void
page_unsubscribe(struct web *w)
{
	struct tmpl_dict	*d;
	struct account		 who;
	struct prefs		 p;
	enum outbox_kind	 kind;
	int64_t			 user;

	if (!token_read(w, &user, &kind, &who))
		return;
	if (w->req.method == HTTP_POST) {
		prefs_unsubscribe(w->db, &(struct actor){ user, w->actor.ip,
		    w->actor.user_agent }, user, kind, clock_now());
		web_redirect(w, arena_printf(w->arena,
		    "/unsubscribe/%s?notice=unsubscribed", w->token));
		return;
	}
	prefs_get(w->db, user, &p);
	d = web_page(w, "Unsubscribe", "unsubscribe.tpl");
	tmpl_set(d, "kind", outbox_kind_label(kind));
	tmpl_set(d, "email", who.email);
	tmpl_set(d, "token", w->token);
	tmpl_show(d, p.on[OUTBOX_EMAIL][kind] ? "subscribed" : "unsubscribed");
	web_csrf(w);
	web_render(w, 200);
}
