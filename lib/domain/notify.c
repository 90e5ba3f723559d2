/* notify.c: in-app notifications, and the emails and SMS that go with them, rendered from templates and queued in the outbox. */
#include <string.h>

#include "account.h"
#include "arena.h"
#include "audit.h"
#include "buf.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "mail.h"
#include "notify.h"
#include "prefs.h"
#include "tmpl.h"

/* Who a notice is for, as read when it is queued. */
struct recipient {
	const char	*name;
	const char	*email;
	const char	*phone;		/* "" when none */
	enum role	 role;
	int		 blocked;
};

static int
recipient_get(struct db *db, struct arena *a, int64_t user,
    struct recipient *r)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT username, email, phone, role, is_blocked FROM users "
	    "WHERE id = :u");
	int		 found = 0;

	db_bind_int(st, ":u", user);
	if (db_step(st) == DB_ROW) {
		r->name = db_text(st, 0, a);
		r->email = db_text(st, 1, a);
		r->phone = db_text(st, 2, a);
		r->role = role_parse(db_text_tmp(st, 3));
		r->blocked = (int)db_int(st, 4);
		found = 1;
	}
	db_done(st);
	return found;
}

/* An absolute URL on the site, for links that leave it in a message. */
const char *
notify_url(struct arena *a, const char *path)
{
	return arena_printf(a, "%s%s", config_load()->base_url, path);
}

/* Where a booking's page is for this person. */
static const char *
booking_path(struct arena *a, enum role role, int64_t id)
{
	const char	*prefix = role == ROLE_CUSTOMER ? "/bookings/" :
	    role == ROLE_VENDOR ? "/vendor/bookings/" : "/ops/bookings/";

	return arena_printf(a, "%s%lld", prefix, (long long)id);
}

/* The text and HTML of a notice's email: 0, or -1 if a template failed. */
static int
email_render(struct arena *a, const struct notice *n, const struct recipient *r,
    const char *link, const char *unsubscribe, const char **text,
    const char **html)
{
	static const char *const footers[][2] = {
		{ "footer_text", "email_footer.txt.tpl" },
		{ "footer_html", "email_footer.html.tpl" },
	};
	struct tmpl_dict	*d = tmpl_dict_new(), *f;
	struct buf		 t = { NULL, 0, 0 }, h = { NULL, 0, 0 };
	size_t			 i;
	int			 rc;

	tmpl_set(d, "name", r->name);
	tmpl_set(d, "subject", n->subject);
	tmpl_set(d, "text", n->text);
	if (link != NULL)
		tmpl_set(tmpl_section(d, "link"), "url", link);
	for (i = 0; i < sizeof(footers) / sizeof(footers[0]); i++) {
		f = tmpl_include(d, footers[i][0], footers[i][1]);
		tmpl_set(f, "site", config_load()->base_url);
		tmpl_set(f, "prefs_url", notify_url(a,
		    "/account/notifications"));
		if (unsubscribe != NULL)
			tmpl_set(tmpl_section(f, "unsubscribe"), "url",
			    unsubscribe);
	}
	if (n->fill != NULL)
		n->fill(d, n->ctx);
	rc = tmpl_render(arena_printf(a, "%s.txt.tpl", n->email), d, &t) ||
	    tmpl_render(arena_printf(a, "%s.html.tpl", n->email), d, &h) ?
	    -1 : 0;
	tmpl_dict_free(d);
	*text = arena_strndup(a, t.data != NULL ? t.data : "", t.len);
	*html = arena_strndup(a, h.data != NULL ? h.data : "", h.len);
	buf_free(&t);
	buf_free(&h);
	return rc;
}

static size_t
queue_email(struct db *db, struct arena *a, const struct notice *n,
    const struct recipient *r, const char *link, int64_t now)
{
	struct outbox_new	 m;
	const char		*unsubscribe = NULL;

	if (!mail_address_valid(r->email)) {
		log_warn("notify: user %lld has no usable email address",
		    (long long)n->user_id);
		return 0;
	}
	memset(&m, 0, sizeof(m));
	if (n->kind < OUTBOX_SWITCHABLE)
		unsubscribe = notify_url(a, arena_printf(a, "/unsubscribe/%s",
		    prefs_unsubscribe_token(a, n->user_id, n->kind)));
	if (email_render(a, n, r, link, unsubscribe, &m.text, &m.html))
		log_fatal("notify: cannot render the %s email", n->email);
	m.channel = OUTBOX_EMAIL;
	m.kind = n->kind;
	m.user_id = n->user_id;
	m.recipient = r->email;
	m.subject = n->subject;
	m.unsubscribe_url = unsubscribe;
	outbox_add(db, a, &m, now);
	return 1;
}

static size_t
queue_sms(struct db *db, struct arena *a, const struct notice *n,
    const struct recipient *r, const char *link, int64_t now)
{
	struct outbox_new	m;

	if (n->sms == NULL || r->phone[0] == '\0')
		return 0;
	memset(&m, 0, sizeof(m));
	m.channel = OUTBOX_SMS;
	m.kind = n->kind;
	m.user_id = n->user_id;
	m.recipient = r->phone;
	m.text = n->sms_link && link != NULL ? arena_printf(a,
	    "HomeServe: %s %s", n->sms, link) : arena_printf(a,
	    "HomeServe: %s", n->sms);
	outbox_add(db, a, &m, now);
	return 1;
}

/*
 * Queue a notice's email and SMS, each if the person allows that kind
 * on that channel; nothing for an unknown account, and for a blocked
 * one nothing but security messages (such as being blocked: they
 * concern the account itself).  Inside the caller's transaction.
 * Returns how many messages were queued.
 */
size_t
notify_send(struct db *db, struct arena *a, const struct notice *n,
    int64_t now)
{
	struct recipient	 r;
	struct prefs		 p;
	const char		*link = NULL;
	size_t			 queued = 0;

	if (n->user_id <= 0 || !recipient_get(db, a, n->user_id, &r) ||
	    (r.blocked && n->kind != OUTBOX_SECURITY))
		return 0;
	prefs_get(db, n->user_id, &p);
	if (n->link != NULL)
		link = notify_url(a, n->link);
	else if (n->booking_id > 0)
		link = notify_url(a, booking_path(a, r.role, n->booking_id));
	if (n->email != NULL && prefs_allows(&p, OUTBOX_EMAIL, n->kind))
		queued += queue_email(db, a, n, &r, link, now);
	if (prefs_allows(&p, OUTBOX_SMS, n->kind))
		queued += queue_sms(db, a, n, &r, link, now);
	return queued;
}

/* A sentence without its full stop, as a subject line. */
static const char *
subject_of(struct arena *a, const char *text)
{
	size_t	n = strlen(text);

	if (n > 150)
		n = 150;
	while (n > 0 && (text[n - 1] == '.' || text[n - 1] == ' '))
		n--;
	return arena_strndup(a, text, n);
}

static void
inapp_add(struct db *db, int64_t user, int64_t booking, const char *link,
    const char *text, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO notifications (user_id, booking_id, link, text, "
	    "created_at) VALUES (:u, :b, :l, :t, :now)");

	db_bind_int(st, ":u", user);
	if (booking > 0)
		db_bind_int(st, ":b", booking);
	if (link != NULL)
		db_bind_text(st, ":l", link);
	db_bind_text(st, ":t", text);
	db_bind_int(st, ":now", now);
	if (db_step(st) != DB_DONE)
		log_fatal("notify: insert refused");
	db_done(st);
}

/*
 * Tell someone about a booking (or their account, booking 0): the
 * in-app notification, and by email and SMS as they choose.  The link
 * is the booking's page for them unless given; the subject is the
 * text's unless given.
 */
void
notify_post(struct db *db, struct arena *a, int64_t user, int64_t booking,
    const char *link, enum outbox_kind kind, const char *subject,
    const char *text, int64_t now)
{
	struct notice	n;

	if (user <= 0)
		return;
	inapp_add(db, user, booking, link, text, now);
	memset(&n, 0, sizeof(n));
	n.user_id = user;
	n.kind = kind;
	n.subject = subject != NULL ? subject : subject_of(a, text);
	n.text = text;
	n.booking_id = booking;
	n.link = link != NULL ? link : booking > 0 ? NULL : "/notifications";
	n.sms = text;
	n.sms_link = 1;
	n.email = "email_notice";
	notify_send(db, a, &n, now);
}

/* Inside the transaction of the change it tells about. */
void
notify_add(struct db *db, struct arena *a, int64_t user, int64_t booking,
    const char *text)
{
	notify_post(db, a, user, booking, NULL, OUTBOX_BOOKING, NULL, text,
	    clock_now());
}

/* One line for the staff chat (operations alerts). */
void
notify_alert(struct db *db, struct arena *a, const char *text, int64_t now)
{
	struct outbox_new	m;

	memset(&m, 0, sizeof(m));
	m.channel = OUTBOX_CHAT;
	m.kind = OUTBOX_ALERT;
	m.recipient = "chat";
	m.text = text;
	outbox_add(db, a, &m, now);
}

/* Every active member of a staff role hears about it (at most 64). */
void
notify_role(struct db *db, struct arena *a, enum role role, int64_t booking,
    const char *link, const char *text)
{
	sqlite3_stmt	*st = db_prepare(db, "SELECT id FROM users "
	    "WHERE role = :r AND is_blocked = 0 ORDER BY id LIMIT 64");
	int64_t		 ids[64], now = clock_now();
	size_t		 n = 0, i;

	db_bind_text(st, ":r", role_name(role));
	while (n < 64 && db_step(st) == DB_ROW)
		ids[n++] = db_int(st, 0);
	db_done(st);
	for (i = 0; i < n; i++)
		notify_post(db, a, ids[i], booking, link, OUTBOX_BOOKING, NULL,
		    text, now);
}

/* Every active operations manager, and the staff chat, hear about it. */
void
notify_ops(struct db *db, struct arena *a, int64_t booking, const char *text)
{
	notify_role(db, a, ROLE_OPS, booking, NULL, text);
	notify_alert(db, a, text, clock_now());
}

int64_t
notify_unread(struct db *db, int64_t user)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT count(*) FROM notifications WHERE user_id = :u "
	    "AND read_at IS NULL");
	int64_t		 n;

	db_bind_int(st, ":u", user);
	db_step(st);
	n = db_int(st, 0);
	db_done(st);
	return n;
}

/* How many notifications a person has, read or not (for the pages). */
int64_t
notify_count(struct db *db, int64_t user)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT count(*) FROM notifications WHERE user_id = :u");
	int64_t		 n;

	db_bind_int(st, ":u", user);
	db_step(st);
	n = db_int(st, 0);
	db_done(st);
	return n;
}

/* The newest first, skipping offset of them. */
size_t
notify_list(struct db *db, struct arena *a, int64_t user, size_t offset,
    size_t limit, struct notification **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT id, coalesce(booking_id, 0), text, created_at, "
	    "read_at IS NULL, link IS NOT NULL FROM notifications "
	    "WHERE user_id = :u ORDER BY id DESC LIMIT :n OFFSET :o");
	size_t		 n = 0;

	*out = arena_alloc(a, sizeof(**out) * (limit ? limit : 1));
	db_bind_int(st, ":u", user);
	db_bind_int(st, ":n", (int64_t)limit);
	db_bind_int(st, ":o", (int64_t)offset);
	while (n < limit && db_step(st) == DB_ROW) {
		(*out)[n].id = db_int(st, 0);
		(*out)[n].booking_id = db_int(st, 1);
		(*out)[n].text = db_text(st, 2, a);
		(*out)[n].created_at = db_int(st, 3);
		(*out)[n].unread = (int)db_int(st, 4);
		(*out)[n].has_link = (int)db_int(st, 5);
		n++;
	}
	db_done(st);
	return n;
}

/*
 * Open one of the actor's own notifications: mark it read (audited,
 * once) and give where it leads: its own link, or NULL, and its booking
 * (0 for none).  Returns 0, or -1 when the actor has no such
 * notification (someone else's is as good as none).
 */
int
notify_open(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, int64_t *booking, const char **link)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT coalesce(booking_id, 0), read_at IS NULL, "
	    "coalesce(link, '') "
	    "FROM notifications WHERE id = :id AND user_id = :u");
	int		 found = 0, unread = 0;

	db_begin(db);
	db_bind_int(st, ":id", id);
	db_bind_int(st, ":u", who->user_id);
	if (db_step(st) == DB_ROW) {
		*booking = db_int(st, 0);
		unread = (int)db_int(st, 1);
		*link = db_text_tmp(st, 2)[0] != '\0' ?
		    db_text(st, 2, a) : NULL;
		found = 1;
	}
	db_done(st);
	if (unread) {
		st = db_prepare(db, "UPDATE notifications SET read_at = :now "
		    "WHERE id = :id AND read_at IS NULL");
		db_bind_int(st, ":now", clock_now());
		db_bind_int(st, ":id", id);
		db_step(st);
		db_done(st);
		audit_write(db, who, "notification.read", "notification", id,
		    NULL, NULL);
	}
	db_commit(db);
	return found ? 0 : -1;
}

/* Mark all of the actor's notifications read; audited like any change. */
void
notify_mark_read(struct db *db, const struct actor *who)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE notifications SET read_at = :now "
	    "WHERE user_id = :u AND read_at IS NULL");
	int		 n;

	db_begin(db);
	db_bind_int(st, ":now", clock_now());
	db_bind_int(st, ":u", who->user_id);
	db_step(st);
	db_done(st);
	n = db_changes(db);
	audit_write(db, who, "notifications.read", "user", who->user_id, NULL,
	    json_pack("{s:i}", "count", n));
	db_commit(db);
}
