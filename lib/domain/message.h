/* message.h: the message thread of a booking, between its customer and its vendor, where staff write as HomeServe support. */
#ifndef HS_MESSAGE_H
#define HS_MESSAGE_H

#include <stddef.h>
#include <stdint.h>

struct actor;
struct arena;
struct db;
struct booking;

#define MESSAGE_MAX_CHARS	2000
#define MESSAGE_PAGE		200

struct message {
	int64_t		 id;
	int64_t		 sender_id;
	const char	*sender_name;
	const char	*body;
	int64_t		 created_at;
	int		 from_support;	/* staff, shown as HomeServe support */
};

int	message_post(struct db *, struct arena *, const struct actor *,
	    const struct booking *, const char *body);
void	message_post_support(struct db *, struct arena *,
	    const struct actor *, const struct booking *, const char *body);
size_t	message_list(struct db *, struct arena *, int64_t booking,
	    struct message **);

#endif
