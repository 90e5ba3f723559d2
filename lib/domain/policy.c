/* policy.c: rescheduling and the cancellation policy: the cut-off before a visit, the reschedule cap, the late-cancellation fee's amount, and vendors' late cancellations counted for ops. */
#include "arena.h"
#include "audit.h"
#include "booking.h"
#include "db.h"
#include "fmt.h"
#include "log.h"
#include "notify.h"
#include "policy.h"
#include "setting.h"

int
policy_inside_cutoff(struct db *db, const struct booking *b, int64_t now)
{
	return now >= b->scheduled_at - setting(db, SET_CUTOFF_HOURS) * 3600;
}

/* The late fee for this booking, whenever it applies: never above its price. */
static int64_t
fee_of(struct db *db, const struct booking *b)
{
	int64_t	fee = setting(db, SET_LATE_FEE_RUPEES) * 100;

	return fee < b->price_paise ? fee : b->price_paise;
}

int64_t
policy_late_fee(struct db *db, const struct booking *b, int64_t now)
{
	if (b->status != BK_ACCEPTED || !policy_inside_cutoff(db, b, now))
		return 0;
	return fee_of(db, b);
}

/* "3 hours", "1 hour". */
static const char *
hours(struct arena *a, int64_t n)
{
	return arena_printf(a, "%lld hour%s", (long long)n, n == 1 ? "" : "s");
}

enum booking_result
policy_may_reschedule(struct db *db, struct arena *a, const struct booking *b,
    int64_t now, int64_t *left, const char **why)
{
	int64_t	most = setting(db, SET_MAX_RESCHEDULES);
	int64_t	done = booking_reschedules(db, b->id);
	int64_t	fee = fee_of(db, b);

	*why = NULL;
	if (left != NULL)
		*left = most - done;
	if (b->status != BK_PENDING && b->status != BK_ACCEPTED)
		*why = arena_printf(a, "A booking that is “%s” cannot be "
		    "rescheduled: only one waiting for a vendor or accepted "
		    "can.", booking_status_label(b->status));
	else if (done >= most)
		*why = most == 0 ? "Bookings cannot be moved at the moment. You "
		    "can cancel it and book again." : arena_printf(a, "This "
		    "booking was already moved %lld time%s, the most allowed. "
		    "You can cancel it and book again.", (long long)done,
		    done == 1 ? "" : "s");
	else if (policy_inside_cutoff(db, b, now))
		*why = arena_printf(a, "A visit can be moved until %s before "
		    "it starts, and this one is closer than that. You can "
		    "still cancel it%s.", hours(a, setting(db,
		    SET_CUTOFF_HOURS)), b->status == BK_ACCEPTED && fee > 0 ?
		    arena_printf(a, ": as its vendor has set time aside, a "
		    "late-cancellation fee of %s applies", fmt_money(a, fee)) :
		    ", free");
	return *why == NULL ? BOOKING_OK : BOOKING_REFUSED;
}

static enum booking_result
rollback(struct db *db, enum booking_result rc)
{
	db_rollback(db);
	return rc;
}

/* The vendor hears whether the moved job is still theirs. */
static void
vendor_told(struct db *db, struct arena *a, const struct booking *b,
    int64_t vendor, int released)
{
	notify_add(db, a, vendor, b->id, released ? arena_printf(a,
	    "Booking #%lld (%s) was moved by the customer to %s, when you "
	    "have another job, so it is no longer yours: it is back on the "
	    "job board.", (long long)b->id, b->service_name,
	    fmt_time(a, b->scheduled_at)) : arena_printf(a, "Booking #%lld "
	    "(%s) was moved by the customer to %s. It is still yours.",
	    (long long)b->id, b->service_name, fmt_time(a, b->scheduled_at)));
}

enum booking_result
policy_reschedule(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, int64_t when, int64_t now, int *released, const char **why)
{
	struct booking		b;
	enum booking_result	rc;
	int64_t			vendor;

	*released = 0;
	*why = NULL;
	db_begin(db);
	if (!booking_get(db, a, id, &b) || b.customer_id != who->user_id)
		return rollback(db, BOOKING_NOT_FOUND);
	if ((rc = policy_may_reschedule(db, a, &b, now, NULL, why)) !=
	    BOOKING_OK)
		return rollback(db, rc);
	if (booking_check_visit(db, a, when, b.duration_minutes, now, why) !=
	    BOOKING_OK)
		return rollback(db, BOOKING_BAD_TIME);
	*why = "The booking changed while you were moving it: look at it "
	    "again.";
	if (booking_reschedule_write(db, a, who, &b, when, now) != 0)
		return rollback(db, BOOKING_TAKEN);
	vendor = b.vendor_id;
	if (b.status == BK_ACCEPTED) {
		/* The system's move, as with any release: the customer may not. */
		*released = booking_vendor_overlaps(db, vendor, &b);
		if (*released && booking_release(db, a, who, BK_BY_SYSTEM, &b,
		    "Moved to a time its vendor is busy.") != BOOKING_OK)
			return rollback(db, BOOKING_TAKEN);
		vendor_told(db, a, &b, vendor, *released);
	}
	*why = NULL;
	db_commit(db);
	return BOOKING_OK;
}

int
policy_vendor_late_record(struct db *db, const struct booking *b, int64_t now)
{
	sqlite3_stmt	*st;

	if (b->status != BK_ACCEPTED || b->vendor_id == 0 ||
	    !policy_inside_cutoff(db, b, now))
		return 0;
	st = db_prepare(db, "INSERT INTO vendor_late_cancellations "
	    "(vendor_id, booking_id, scheduled_at, at) VALUES (:v, :b, :t, "
	    ":now)");
	db_bind_int(st, ":v", b->vendor_id);
	db_bind_int(st, ":b", b->id);
	db_bind_int(st, ":t", b->scheduled_at);
	db_bind_int(st, ":now", now);
	if (db_step(st) != DB_DONE)
		log_fatal("policy: late cancellation refused");
	db_done(st);
	return 1;
}

enum booking_result
policy_vendor_release(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, const char *reason, int64_t now, int *late)
{
	struct booking		b;
	enum booking_result	rc;

	*late = 0;
	db_begin(db);
	if (!booking_get(db, a, id, &b) || b.vendor_id == 0 ||
	    b.vendor_id != who->user_id)
		return rollback(db, BOOKING_NOT_FOUND);
	*late = policy_vendor_late_record(db, &b, now);
	if ((rc = booking_release(db, a, who, ROLE_VENDOR, &b, reason)) !=
	    BOOKING_OK)
		return rollback(db, rc);
	db_commit(db);
	return BOOKING_OK;
}

void
policy_vendor_late_counts(struct db *db, int64_t vendor, int64_t now,
    int64_t *recent, int64_t *total)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT count(*), coalesce(sum(at >= :since), 0) "
	    "FROM vendor_late_cancellations WHERE vendor_id = :v");

	db_bind_int(st, ":v", vendor);
	db_bind_int(st, ":since", now - POLICY_LATE_RECENT_DAYS * 86400);
	*total = *recent = 0;
	if (db_step(st) == DB_ROW) {
		*total = db_int(st, 0);
		*recent = db_int(st, 1);
	}
	db_done(st);
}
