/* policy.h: rescheduling and the cancellation policy: the cut-off before a visit, the reschedule cap, the late-cancellation fee's amount, and vendors' late cancellations counted for ops. */
#ifndef HS_POLICY_H
#define HS_POLICY_H

#include <stdint.h>

#include "booking.h"

struct actor;
struct arena;
struct db;

/*
 * The cut-off (setting cutoff_hours) before a visit: inside it a
 * booking can no longer be moved, and cancelling an accepted one costs
 * the late fee.
 */
int		 policy_inside_cutoff(struct db *, const struct booking *,
		    int64_t now);

/*
 * What cancelling costs now, in paise: 0 while pending, or accepted
 * before the cut-off; else the setting late_fee_rupees, or the
 * booking's price if lower.
 */
int64_t		 policy_late_fee(struct db *, const struct booking *,
		    int64_t now);

/*
 * May the customer move the booking now?  BOOKING_OK with *left, the
 * moves left (this one included); else REFUSED (409) with *why: not pending
 * or accepted, no moves left, or inside the cut-off.
 */
enum booking_result policy_may_reschedule(struct db *, struct arena *,
		    const struct booking *, int64_t now, int64_t *left,
		    const char **why);

/*
 * The customer moves their booking to when, in one transaction: the
 * rules above, then the booking's time rules (BAD_TIME, 422, *why).
 * An accepted booking stays with its vendor when they are free then
 * (told so), else goes back to the board (*released; the vendor told).
 * NOT_FOUND (not theirs), REFUSED or TAKEN (409), BAD_TIME, OK.
 */
enum booking_result policy_reschedule(struct db *, struct arena *,
		    const struct actor *, int64_t id, int64_t when,
		    int64_t now, int *released, const char **why);

/*
 * Inside the caller's transaction, as an accepted booking goes back to
 * the board for its vendor: counted against the vendor when inside the
 * cut-off (1), else nothing (0).
 */
int		 policy_vendor_late_record(struct db *, const struct booking *,
		    int64_t now);

/*
 * The vendor gives an accepted job back, with a reason, in one
 * transaction: it goes back to the board (booking_release; the
 * customer told), counted as a late cancellation inside the cut-off
 * (*late).  NOT_FOUND (not their job), REFUSED unless accepted (409), OK.
 */
enum booking_result policy_vendor_release(struct db *, struct arena *,
		    const struct actor *, int64_t id, const char *reason,
		    int64_t now, int *late);

/* A vendor's late cancellations: in the last 90 days, and ever. */
#define POLICY_LATE_RECENT_DAYS	90
void		 policy_vendor_late_counts(struct db *, int64_t vendor,
		    int64_t now, int64_t *recent, int64_t *total);

#endif
