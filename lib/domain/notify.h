/* notify.h: in-app notifications, recorded so a later worker can also deliver them by email or SMS. */
#ifndef HS_NOTIFY_H
#define HS_NOTIFY_H

#include <stddef.h>
#include <stdint.h>

struct actor;
struct arena;
struct db;

struct notification {
	int64_t		 id;
	int64_t		 booking_id;
	const char	*text;
	int64_t		 created_at;
	int		 unread;
};

void	notify_add(struct db *, int64_t user, int64_t booking, const char *);
int64_t	notify_unread(struct db *, int64_t user);
size_t	notify_list(struct db *, struct arena *, int64_t user, size_t limit,
	    struct notification **);
void	notify_mark_read(struct db *, const struct actor *);

#endif
