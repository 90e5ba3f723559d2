/* notify.h: telling people: in-app notifications, and the email and SMS each person chooses, queued in the outbox with the event. */
#ifndef HS_NOTIFY_H
#define HS_NOTIFY_H

#include <stddef.h>
#include <stdint.h>

#include "account.h"
#include "outbox.h"

struct actor;
struct arena;
struct db;
struct tmpl_dict;

struct notification {
	int64_t		 id;
	int64_t		 booking_id;
	const char	*text;
	int64_t		 created_at;
	int		 unread;
	int		 has_link;	/* leads somewhere of its own */
};

/*
 * A message for one person, by email and SMS as they allow.  The email
 * is <email>.txt.tpl and <email>.html.tpl, given {{name}}, {{text}},
 * {{link}} (an absolute URL), {{site}}, {{prefs_url}} and, for a kind
 * people may switch off, {{unsubscribe_url}}; fill adds the rest.
 */
struct notice {
	int64_t		 user_id;
	enum outbox_kind kind;
	const char	*subject;
	const char	*text;		/* one sentence: the point of it */
	const char	*link;		/* a path on the site, or NULL */
	int64_t		 booking_id;	/* link to it when link is NULL */
	const char	*sms;		/* the SMS, or NULL for none */
	int		 sms_link;	/* the SMS ends with the link */
	const char	*email;		/* template base name; NULL: no email */
	void		(*fill)(struct tmpl_dict *, const void *);
	const void	*ctx;
};

/* In-app, email and SMS, inside the transaction of what it tells about. */
void	notify_add(struct db *, struct arena *, int64_t user, int64_t booking,
	    const char *text);
void	notify_post(struct db *, struct arena *, int64_t user, int64_t booking,
	    const char *link, enum outbox_kind, const char *subject,
	    const char *text, int64_t now);
size_t	notify_send(struct db *, struct arena *, const struct notice *,
	    int64_t now);
void	notify_role(struct db *, struct arena *, enum role, int64_t booking,
	    const char *link, const char *text);
void	notify_ops(struct db *, struct arena *, int64_t booking,
	    const char *text);
void	notify_alert(struct db *, struct arena *, const char *text,
	    int64_t now);
const char *notify_url(struct arena *, const char *path);

int64_t	notify_unread(struct db *, int64_t user);
int64_t	notify_count(struct db *, int64_t user);
size_t	notify_list(struct db *, struct arena *, int64_t user, size_t offset,
	    size_t limit, struct notification **);
int	notify_open(struct db *, struct arena *, const struct actor *,
	    int64_t id, int64_t *booking, const char **link);
void	notify_mark_read(struct db *, const struct actor *);

#endif
