/* ops_booking.c: operations managers' moves on one booking: cancel and refund, back to the board with the vendor told, and the staff notes (booking_notes). */
#include "arena.h"
#include "audit.h"
#include "booking.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "notify.h"
#include "ops_booking.h"
#include "payment.h"
#include "policy.h"
#include "settlement.h"

/* A payment that holds money the customer could have back. */
static int
captured(const struct payment *p)
{
	return (p->status == PAY_CAPTURED ||
	    p->status == PAY_PARTIALLY_REFUNDED) &&
	    p->amount_paise > p->refunded_paise;
}

/*
 * All that is left of the capture, with the cancellation's reason,
 * through settlement (the vendor's share taken back with it).  The
 * gateway is called outside any transaction, so this runs after the
 * cancellation has committed.
 */
static enum payment_result
refund_rest(struct db *db, struct arena *a, const struct actor *who,
    const struct payment *p, const char *reason, const char **why)
{
	return settle_refund(db, a, who, p->id,
	    p->amount_paise - p->refunded_paise, reason, why);
}

/*
 * What a cancellation would refund now: 1 with *paise when the
 * booking's payment is captured with something left, else 0.
 */
int
ops_booking_refundable(struct db *db, struct arena *a, int64_t id,
    int64_t *paise)
{
	struct payment	p;

	if (!payment_for_booking(db, a, id, &p) || !captured(&p))
		return 0;
	*paise = p.amount_paise - p.refunded_paise;
	return 1;
}

/*
 * Cancel a pending or accepted booking with a reason (booking_cancel:
 * its transaction, timeline, audit row and both parties told), then, if
 * its payment was captured, refund the rest of it.  A refund the
 * gateway refuses leaves the booking cancelled and the payment as it
 * was with the gateway's error on it (*refund FAILED, *why), for ops to
 * refund from the payment later.  NOT_FOUND, REFUSED (409) or OK.
 */
enum booking_result
ops_booking_cancel(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, const char *reason, enum ops_refund *refund, const char **why)
{
	struct payment		p;
	enum booking_result	rc;

	*refund = OPS_REFUND_NONE;
	*why = NULL;
	if ((rc = booking_cancel(db, a, who, ROLE_OPS, id, reason)) !=
	    BOOKING_OK)
		return rc;
	if (payment_for_booking(db, a, id, &p) && captured(&p))
		*refund = refund_rest(db, a, who, &p, reason, why) ==
		    PAYMENT_OK ? OPS_REFUND_DONE : OPS_REFUND_FAILED;
	return BOOKING_OK;
}

/*
 * Put an accepted booking back on the job board, its vendor being
 * unavailable: one transaction with booking_release (the timeline, the
 * audit row and the customer told) and the vendor's own message, since
 * the job is no longer on their list.  Inside the cut-off before the
 * visit it counts as the vendor's late cancellation.  NOT_FOUND,
 * REFUSED unless accepted (409), or OK.
 */
enum booking_result
ops_booking_release(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, const char *reason)
{
	struct booking		b;
	enum booking_result	rc;
	int64_t			vendor;

	db_begin(db);
	if (!booking_get(db, a, id, &b)) {
		db_rollback(db);
		return BOOKING_NOT_FOUND;
	}
	vendor = b.vendor_id;
	/* The vendor gave it up late: counted for ops (policy.c). */
	policy_vendor_late_record(db, &b, clock_now());
	if ((rc = booking_release(db, a, who, ROLE_OPS, &b, reason)) !=
	    BOOKING_OK) {
		db_rollback(db);
		return rc;
	}
	notify_add(db, a, vendor, b.id, arena_printf(a, "Booking #%lld (%s) "
	    "is no longer yours: our operations team put it back on the job "
	    "board. Their reason: %s", (long long)b.id, b.service_name,
	    reason));
	db_commit(db);
	return BOOKING_OK;
}

/* A staff note on the booking, with its audit row.  NOT_FOUND or OK. */
enum booking_result
ops_booking_note(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, const char *body)
{
	struct booking	 b;
	sqlite3_stmt	*st;

	db_begin(db);
	if (!booking_get(db, a, id, &b)) {
		db_rollback(db);
		return BOOKING_NOT_FOUND;
	}
	st = db_prepare(db, "INSERT INTO booking_notes (booking_id, author_id, "
	    "body, created_at) VALUES (:b, :a, :body, :at)");
	db_bind_int(st, ":b", id);
	db_bind_int(st, ":a", who->user_id);
	db_bind_text(st, ":body", body);
	db_bind_int(st, ":at", clock_now());
	if (db_step(st) != DB_DONE)
		log_fatal("ops_booking: note refused");
	db_done(st);
	audit_write(db, who, "booking.note", "booking", id, NULL,
	    json_pack("{s:I}", "note_id", (json_int_t)db_last_id(db)));
	db_commit(db);
	return BOOKING_OK;
}

/* The booking's staff notes, newest first, at most limit. */
size_t
ops_booking_notes(struct db *db, struct arena *a, int64_t id, size_t limit,
    struct ops_note **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT n.id, u.username, n.body, n.created_at FROM booking_notes n "
	    "JOIN users u ON u.id = n.author_id WHERE n.booking_id = :b "
	    "ORDER BY n.id DESC LIMIT :n");
	size_t		 n = 0;

	*out = arena_alloc(a, sizeof(**out) * (limit ? limit : 1));
	db_bind_int(st, ":b", id);
	db_bind_int(st, ":n", (int64_t)limit);
	while (n < limit && db_step(st) == DB_ROW) {
		(*out)[n].id = db_int(st, 0);
		(*out)[n].author_name = db_text(st, 1, a);
		(*out)[n].body = db_text(st, 2, a);
		(*out)[n].created_at = db_int(st, 3);
		n++;
	}
	db_done(st);
	return n;
}
