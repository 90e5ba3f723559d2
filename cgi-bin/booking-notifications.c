/* booking-notifications.c: everyone's notifications page (grouped by day, 50 a page), opening one, and marking them all read. */
#include <stdint.h>

#include "arena.h"
#include "booking-area.h"
#include "booking-view.h"
#include "clock.h"
#include "fmt.h"
#include "form.h"
#include "notify.h"
#include "web.h"

#define NOTIFY_PAGE	50
#define NOTIFY_PAGE_MAX	100000

enum list_field { LIST_PAGE, LIST__MAX };

static const struct form_field list_fields[LIST__MAX] = {
	[LIST_PAGE] = { "page", "Page", FORM_INT, 0, 1, NOTIFY_PAGE_MAX },
};

/* A day's heading in India time: "Today", "Yesterday" or "Mon 30 Nov". */
static const char *
day_label(struct arena *a, int64_t when, int64_t today)
{
	int64_t	day = fmt_local_days(when);

	if (day == today)
		return "Today";
	if (day == today - 1)
		return "Yesterday";
	return fmt_weekday_day(a, when);
}

/*
 * One notification: the "New" label for unread ones (a word, not bold
 * alone), and its sentence as the link text, so every link on the page
 * says where it goes.  Without a booking or a link of its own there is
 * nowhere to go, and it is plain text.
 */
static void
list_row(struct web *w, struct tmpl_dict *day, const struct notification *n)
{
	struct tmpl_dict	*row = tmpl_section(day, "notification"), *link;

	if (n->booking_id > 0 || n->has_link) {
		link = tmpl_section(row, "link");
		tmpl_set(link, "href", arena_printf(w->arena,
		    "/notifications/%lld", (long long)n->id));
		tmpl_set(link, "text", n->text);
	} else
		tmpl_set(tmpl_section(row, "plain"), "text", n->text);
	tmpl_set(row, "when", fmt_time(w->arena, n->created_at));
	tmpl_set(row, "when_iso", fmt_time_iso(w->arena, n->created_at));
	if (n->unread)
		tmpl_show(row, "unread");
}

/* The page's rows under a heading per day, newest first. */
static void
list_days(struct web *w, struct tmpl_dict *d, const struct notification *list,
    size_t n)
{
	struct tmpl_dict	*day = NULL;
	int64_t			 today = fmt_local_days(clock_now()), shown = 0;
	size_t			 i;

	for (i = 0; i < n; i++) {
		if (day == NULL || fmt_local_days(list[i].created_at) != shown) {
			shown = fmt_local_days(list[i].created_at);
			day = tmpl_section(d, "day");
			tmpl_set_int(day, "n", (int64_t)i);
			tmpl_set(day, "label", day_label(w->arena,
			    list[i].created_at, today));
		}
		list_row(w, day, &list[i]);
	}
}

/* Links to the newer and older pages, inside a nav only when there are. */
static void
pager_links(struct tmpl_dict *d, int64_t page, size_t shown, int64_t total)
{
	struct tmpl_dict	*pager = NULL;

	if ((page > 1 && shown > 0) || page * NOTIFY_PAGE < total)
		pager = tmpl_section(d, "pager");
	if (page > 1 && shown > 0)
		tmpl_set_int(tmpl_section(pager, "newer"), "to", page - 1);
	if (page * NOTIFY_PAGE < total)
		tmpl_set_int(tmpl_section(pager, "older"), "to", page + 1);
}

/*
 * GET /notifications?page=N: the person's notifications, 50 a page,
 * with links to newer and older pages.  400 for a page that is none.
 */
void
page_notifications(struct web *w)
{
	struct notification	*list;
	struct tmpl_dict	*d;
	struct form		 f;
	int64_t			 page, total;
	size_t			 n;

	form_init(&f, w->arena, list_fields, LIST__MAX);
	form_read(&f, &w->req.query);
	if (f.errors) {
		web_error(w, 400, "That page number is not valid: pages count "
		    "from 1.");
		return;
	}
	page = f.v[LIST_PAGE].num > 0 ? f.v[LIST_PAGE].num : 1;
	d = web_page(w, "Notifications", "notifications.tpl");
	total = notify_count(w->db, w->session.user_id);
	n = notify_list(w->db, w->arena, w->session.user_id,
	    (size_t)(page - 1) * NOTIFY_PAGE, NOTIFY_PAGE, &list);
	list_days(w, d, list, n);
	if (total == 0)
		tmpl_show(d, "none");
	else if (n == 0)
		tmpl_show(d, "past_end");
	pager_links(d, page, n, total);
	if (notify_unread(w->db, w->session.user_id) > 0)
		tmpl_show(d, "has_unread");
	web_render(w, 200);
}

/*
 * GET /notifications/{id}: opening one of one's own notifications marks
 * it read (a side effect on the reader's own row only, so a GET is
 * fine: following it twice changes nothing more) and 303s to where it
 * leads: its own link, else its booking's page for the reader's role.
 * 404 for anyone else's.
 */
void
page_notification_open(struct web *w)
{
	const char	*link = NULL;
	int64_t		 booking = 0;

	if (notify_open(w->db, w->arena, &w->actor, w->id[0], &booking,
	    &link)) {
		web_error(w, 404, "There is no such notification.");
		return;
	}
	web_redirect(w, link != NULL ? link : booking > 0 ?
	    booking_url(w, booking) : "/notifications");
}

void
page_notifications_read(struct web *w)
{
	notify_mark_read(w->db, &w->actor);
	web_redirect(w, "/notifications");
}
