/* outbox.h: messages that leave the site, queued in the transaction of their event and claimed by one worker at a time. */
#ifndef HS_OUTBOX_H
#define HS_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

struct actor;
struct arena;
struct db;

#define OUTBOX_MAX_ATTEMPTS	8
#define OUTBOX_FIRST_RETRY	60		/* seconds; doubles each time */
#define OUTBOX_MAX_RETRY	3600		/* the longest wait */
#define OUTBOX_LEASE		300		/* a claim's life: well over any
						   delivery's timeout */
#define OUTBOX_PAGE		50

enum outbox_channel {
	OUTBOX_EMAIL,
	OUTBOX_SMS,
	OUTBOX_CHAT,
	OUTBOX_CHANNEL__MAX
};

/* The first OUTBOX_SWITCHABLE kinds are people's to switch off. */
enum outbox_kind {
	OUTBOX_BOOKING,
	OUTBOX_REMINDER,
	OUTBOX_REPORT,
	OUTBOX_MARKETING,
	OUTBOX_SECURITY,	/* password resets: always sent */
	OUTBOX_ALERT,		/* to the staff chat */
	OUTBOX_KIND__MAX
};
#define OUTBOX_SWITCHABLE	OUTBOX_SECURITY

enum outbox_status {
	OUTBOX_PENDING,
	OUTBOX_SENDING,
	OUTBOX_SENT,
	OUTBOX_FAILED,		/* will be tried again */
	OUTBOX_DEAD,		/* given up */
	OUTBOX_STATUS__MAX
};

/* What to queue; the recipient is an address, a +91 number or "chat". */
struct outbox_new {
	enum outbox_channel	 channel;
	enum outbox_kind	 kind;
	int64_t			 user_id;	/* 0 for the staff chat */
	const char		*recipient;
	const char		*subject;	/* email */
	const char		*text;
	const char		*html;		/* email, or NULL */
	const char		*unsubscribe_url; /* email, or NULL */
};

struct outbox_item {
	int64_t			 id;
	enum outbox_channel	 channel;
	enum outbox_kind	 kind;
	int64_t			 user_id;
	const char		*recipient;
	const char		*subject;
	const char		*text;
	const char		*html;
	const char		*message_id;
	const char		*unsubscribe_url;
	enum outbox_status	 status;
	int64_t			 attempts;
	int64_t			 next_attempt_at;
	const char		*last_error;
	const char		*provider_id;
	int64_t			 created_at;
	int64_t			 sent_at;
};

struct outbox_attempt {
	int64_t		 attempt;
	int64_t		 at;
	int		 ok;
	const char	*detail;
};

/* Filters of /ops/outbox: -1 for any status or channel, "" for any recipient. */
struct outbox_filter {
	int		 status;
	int		 channel;
	const char	*recipient;
	int64_t		 before_id;	/* 0: from the newest */
};

enum outbox_result {
	OUTBOX_OK,
	OUTBOX_NOT_FOUND,	/* 404 */
	OUTBOX_REFUSED,		/* not failed or dead: 409 */
};

const char	*outbox_channel_name(enum outbox_channel);
const char	*outbox_channel_label(enum outbox_channel);
int		 outbox_channel_parse(const char *);
const char	*outbox_kind_name(enum outbox_kind);
const char	*outbox_kind_label(enum outbox_kind);
int		 outbox_kind_parse(const char *);
const char	*outbox_status_name(enum outbox_status);
const char	*outbox_status_label(enum outbox_status);
int		 outbox_status_parse(const char *);

const char	*outbox_recipient_masked(struct arena *,
		    const struct outbox_item *);

int64_t		 outbox_add(struct db *, struct arena *,
		    const struct outbox_new *, int64_t now);

int64_t		 outbox_backoff(int64_t attempts, uint32_t random);
int		 outbox_claim(struct db *, struct arena *, const char *worker,
		    int64_t now, struct outbox_item *);
void		 outbox_record(struct db *, struct arena *,
		    const struct outbox_item *, const char *worker,
		    int64_t now, int ok, const char *detail,
		    const char *provider_id);
size_t		 outbox_release(struct db *, const char *worker, int64_t now);

size_t		 outbox_list(struct db *, struct arena *,
		    const struct outbox_filter *, size_t limit,
		    struct outbox_item **);
int		 outbox_get(struct db *, struct arena *, int64_t,
		    struct outbox_item *);
size_t		 outbox_attempts(struct db *, struct arena *, int64_t,
		    struct outbox_attempt **);
enum outbox_result outbox_retry(struct db *, const struct actor *, int64_t,
		    int64_t now);

#endif
