/* booking.h: bookings and the one state machine that moves them, with its timeline. */
#ifndef HS_BOOKING_DOMAIN_H
#define HS_BOOKING_DOMAIN_H

#include <stddef.h>
#include <stdint.h>

#include "account.h"

struct actor;
struct arena;
struct db;

/*
 * Lead time, horizon, visiting hours, the travel buffer and start-code
 * tries are settings (setting.h).
 */
#define BOOKING_PAGE		20

enum booking_status {
	BK_PENDING,
	BK_ACCEPTED,
	BK_IN_PROGRESS,
	BK_COMPLETED,
	BK_SIGNATURE_REQUESTED,
	BK_SIGNED,
	BK_PAID,
	BK_CANCELLED,
	BK_DISPUTED,
	BK_EXPIRED,
	BK_RESOLVED,	/* a dispute ended with an outcome (dispute.h) */
	BK__MAX
};

/* Who takes a transition: a role, or the system (the expiry timer). */
#define BK_BY_SYSTEM	0x100

struct booking {
	int64_t			 id;
	int64_t			 customer_id;
	const char		*customer_name;
	int64_t			 vendor_id;	/* 0 until accepted */
	const char		*vendor_name;
	int64_t			 service_id;
	const char		*service_name;
	const char		*category;
	const char		*address;
	const char		*pincode;
	int64_t			 scheduled_at;
	int64_t			 duration_minutes;
	int64_t			 price_paise;
	const char		*notes;
	enum booking_status	 status;
	int64_t			 start_failures;
	int64_t			 gst_rate;	/* hundredths of a percent */
	int64_t			 created_at;
	int64_t			 redo_of;	/* a free follow-up visit's original, or 0 */
	int64_t			 offered_to;	/* the chosen vendor, alone until */
	int64_t			 offered_until;	/* this time; 0 and 0: open */
};

/* One row of a list: only what lists show, so a page of them reads less. */
struct booking_line {
	int64_t			 id;
	const char		*service_name;
	const char		*customer_name;	/* NULL in a customer's own list */
	const char		*vendor_name;	/* NULL until accepted, and in a
						   customer's own list */
	int64_t			 scheduled_at;
	int64_t			 price_paise;
	enum booking_status	 status;
};

struct booking_event {
	enum booking_status	 to;
	int			 has_from;
	enum booking_status	 from;
	const char		*actor_name;
	const char		*note;
	int64_t			 at;
};

/*
 * What a customer asks for; the price and duration come from the
 * catalogue, with demand pricing's factor (pricing.h).  The quote is
 * the price and factor the form showed (0: none shown, which is the
 * catalogue price at 1.00); booking_create charges nothing else.
 */
struct booking_request {
	int64_t		 service_id;
	const char	*address;
	const char	*pincode;
	int64_t		 scheduled_at;
	const char	*notes;
	int64_t		 quoted_paise;
	int64_t		 quoted_factor;
	const char	*form_key;	/* the form's one-time key (booking_rules.h) */
	int64_t		 vendor_id;	/* the professional chosen, or 0: any */
};

enum booking_result {
	BOOKING_OK,
	BOOKING_NOT_FOUND,	/* or not this user's: 404 */
	BOOKING_REFUSED,	/* the state machine says no: 409 */
	BOOKING_BAD_SERVICE,	/* unknown or inactive service */
	BOOKING_BAD_TIME,	/* outside the booking window */
	BOOKING_NO_VENDOR,	/* nobody verified serves it there */
	BOOKING_TAKEN,		/* another vendor accepted first */
	BOOKING_OVERLAP,	/* the vendor holds an overlapping job */
	BOOKING_NOT_ELIGIBLE,	/* vendor unverified or not serving it */
	BOOKING_WRONG_CODE,
	BOOKING_LOCKED,		/* too many wrong start codes */
	BOOKING_NEED_PHOTOS,
	BOOKING_PRICE_CHANGED,	/* not the price quoted: 409, *why the new one */
	BOOKING_DUPLICATE,	/* the form key was used: *id the booking made */
	BOOKING_TOO_MANY_PENDING, /* the pending cap: 422 */
	BOOKING_TOO_MANY_TODAY,	/* the daily cap: 429 */
	BOOKING_TOO_EARLY,	/* before the start window: 409 */
};

const char	*booking_status_name(enum booking_status);
const char	*booking_status_label(enum booking_status);
enum booking_status booking_status_parse(const char *);
int		 booking_transition_allowed(enum booking_status,
		    enum booking_status, unsigned who);
const char	*booking_refusal(enum booking_status, enum booking_status);

enum booking_result booking_check_time(struct db *, struct arena *,
		    int64_t when, int64_t now, const char **why);
int		 booking_vendor_serves(struct db *, int64_t, const char *,
		    const char *);
enum booking_result booking_check_visit(struct db *, struct arena *,
		    int64_t when, int64_t duration_minutes, int64_t now,
		    const char **why);
enum booking_result booking_create(struct db *, struct arena *,
		    const struct actor *, const struct booking_request *,
		    int64_t *id, const char **why);

/*
 * Inside the caller's transaction: a free follow-up visit (₹0) of a
 * disputed booking, for its vendor (accepted, with a start code; or
 * NOT_ELIGIBLE, OVERLAP as an acceptance) or, with vendor 0, on the
 * board; *id is the new booking.
 */
enum booking_result booking_create_redo(struct db *, struct arena *,
		    const struct actor *, const struct booking *original,
		    int64_t vendor, int64_t scheduled_at, int64_t *id);
int		 booking_get(struct db *, struct arena *, int64_t,
		    struct booking *);
int		 booking_visible(const struct booking *, int64_t user,
		    enum role);
size_t		 booking_list_customer(struct db *, struct arena *, int64_t,
		    int64_t before_id, size_t limit, struct booking_line **);
size_t		 booking_list_vendor(struct db *, struct arena *, int64_t,
		    int64_t from, int64_t to, struct booking **);
size_t		 booking_list_vendor_recent(struct db *, struct arena *,
		    int64_t, size_t limit, struct booking_line **);
size_t		 booking_events(struct db *, struct arena *, int64_t,
		    struct booking_event **);
char		*booking_start_code(struct db *, struct arena *, int64_t);

enum booking_result booking_accept(struct db *, struct arena *,
		    const struct actor *, int64_t);
enum booking_result booking_decline(struct db *, struct arena *,
		    const struct actor *, int64_t);
enum booking_result booking_start(struct db *, struct arena *,
		    const struct actor *, int64_t, const char *code,
		    int64_t *tries_left);
enum booking_result booking_complete(struct db *, struct arena *,
		    const struct actor *, int64_t);
enum booking_result booking_cancel(struct db *, struct arena *,
		    const struct actor *, enum role, int64_t,
		    const char *reason);
enum booking_result booking_release(struct db *, struct arena *,
		    const struct actor *, unsigned who, struct booking *,
		    const char *reason);
enum booking_result booking_apply(struct db *, struct arena *,
		    const struct actor *, unsigned who, struct booking *,
		    enum booking_status to, const char *note);
int		 booking_vendor_may_view(struct db *, const struct booking *,
		    int64_t vendor);
int		 booking_offered_to_other(const struct booking *,
		    int64_t vendor, int64_t now);
int		 booking_offer_expire(struct db *, struct arena *, int64_t,
		    int64_t now);

/* Rescheduling's parts, for policy.c (which holds its rules). */
int		 booking_vendor_overlaps(struct db *, int64_t vendor,
		    const struct booking *);
int64_t		 booking_reschedules(struct db *, int64_t);
int		 booking_reschedule_write(struct db *, struct arena *,
		    const struct actor *, struct booking *, int64_t when,
		    int64_t now);

/*
 * The operations monitor's filters (booking_search); 0, "" and -1
 * match anything.  from and to bound scheduled_at to [from, to):
 * INT64_MIN and INT64_MAX when open.
 */
struct booking_filter {
	int64_t		 id;		/* a booking number */
	int64_t		 customer_id;
	int64_t		 vendor_id;
	const char	*pincode;
	int64_t		 service_id;
	int		 status;	/* an enum booking_status, or -1 */
	int64_t		 from;
	int64_t		 to;
	int		 oldest_first;	/* else newest first */
};

/* One booking as the monitor lists and exports it. */
struct booking_found {
	int64_t			 id;
	int64_t			 created_at;
	int64_t			 scheduled_at;
	enum booking_status	 status;
	const char		*customer_name;
	const char		*vendor_name;	/* NULL until accepted */
	const char		*service_name;
	const char		*category;
	const char		*pincode;
	int64_t			 price_paise;
};

size_t		 booking_search(struct db *, struct arena *,
		    const struct booking_filter *, int64_t offset,
		    size_t limit, struct booking_found **);
int		 booking_search_each(struct db *,
		    const struct booking_filter *,
		    int (*)(void *, const struct booking_found *), void *);
void		 booking_search_counts(struct db *,
		    const struct booking_filter *, int64_t counts[BK__MAX]);

#endif
