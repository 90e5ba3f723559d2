/* alert.h: business alerts: the rules the worker checks each hour, and the alerts staff acknowledge and resolve. */
#ifndef HS_ALERT_H
#define HS_ALERT_H

#include <stddef.h>
#include <stdint.h>

struct actor;
struct arena;
struct db;

/* The rules, in the order of the table in alert.c. */
enum alert_kind {
	ALERT_LOW_RATING,
	ALERT_CANCELLATIONS,
	ALERT_START_LOCKOUT,
	ALERT_DISPUTE_RATE,
	ALERT_REPEAT_REFUNDS,
	ALERT_INACTIVE_VENDOR_JOBS,
	ALERT_STALE_AUTHORIZATION,
	ALERT_KIND__MAX
};

enum alert_status {
	ALERT_OPEN,
	ALERT_ACKNOWLEDGED,
	ALERT_RESOLVED,
	ALERT_STATUS__MAX
};

#define ALERT_PAGE		50	/* alerts a page on /ops/alerts */
#define ALERT_NOTE_MIN		3	/* a resolution's note, in characters */
#define ALERT_NOTE_MAX		500
#define ALERT_EVIDENCE_MAX	20	/* bookings kept as an alert's evidence */

struct alert {
	int64_t			 id;
	enum alert_kind		 kind;
	enum alert_status	 status;
	int64_t			 vendor_id;	/* 0 when none, and so on */
	const char		*vendor_name;	/* "" when none */
	int64_t			 customer_id;
	const char		*customer_name;
	int64_t			 booking_id;
	int64_t			 payment_id;
	const char		*summary;	/* the figures in a sentence */
	const char		*link;		/* the evidence: a path under /ops/ */
	int64_t			 raised_at;
	int64_t			 acknowledged_at;	/* 0: not yet */
	const char		*acknowledged_by;
	int64_t			 resolved_at;
	const char		*resolved_by;
	const char		*resolution;	/* the note; "" until resolved */
	int64_t			*bookings;	/* the evidence's bookings: */
	size_t			 nbookings;	/* filled by alert_get only */
};

enum alert_result {
	ALERT_OK,
	ALERT_NOT_FOUND,	/* 404 */
	ALERT_REFUSED,		/* its status does not allow it: 409 */
};

const char	*alert_kind_label(enum alert_kind);
const char	*alert_evidence_label(enum alert_kind);
const char	*alert_status_name(enum alert_status);
const char	*alert_status_label(enum alert_status);
int		 alert_status_parse(const char *);	/* -1: none */
int		 alert_visible(enum alert_kind, unsigned role);
int		 alert_may(enum alert_status from, enum alert_status to);
const char	*alert_subject_label(struct arena *, const struct alert *,
		    int with_customer);

/* The worker's hourly pass: every rule, each new situation one alert. */
size_t		 alert_raise_due(struct db *, struct arena *, int64_t now);

size_t		 alert_list(struct db *, struct arena *, int status,
		    unsigned role, int64_t before_id, size_t limit,
		    struct alert **);
int		 alert_get(struct db *, struct arena *, int64_t id,
		    struct alert *);
int64_t		 alert_open_count(struct db *, unsigned role);
enum alert_result alert_acknowledge(struct db *, const struct actor *,
		    int64_t id, int64_t now);
enum alert_result alert_resolve(struct db *, const struct actor *, int64_t id,
		    const char *note, int64_t now);

#endif
