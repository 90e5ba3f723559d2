/* dispute.c: a disputed booking's case: opened with the customer's rejection, answered once by the vendor (text and a photo), closed by operations with an outcome; settlement.c moves the money. */
#include <string.h>
#include <time.h>

#include "arena.h"
#include "audit.h"
#include "booking.h"
#include "clock.h"
#include "db.h"
#include "dispute.h"
#include "form.h"
#include "fsm.h"
#include "log.h"
#include "notify.h"
#include "photo.h"
#include "store.h"

static const struct fsm_state outcomes[DISPUTE__MAX] = {
	[DISPUTE_RELEASE] = { "release", "Payment released to the vendor" },
	[DISPUTE_REFUND_FULL] = { "refund_full", "Refunded in full" },
	[DISPUTE_REFUND_PARTIAL] = { "refund_partial", "Refunded in part" },
	[DISPUTE_REDO] = { "redo", "A free follow-up visit" },
};

const char *
dispute_outcome_name(enum dispute_outcome o)
{
	return fsm_name(outcomes, DISPUTE__MAX, (int)o);
}

const char *
dispute_outcome_label(enum dispute_outcome o)
{
	return fsm_label(outcomes, DISPUTE__MAX, (int)o);
}

/* Returns 0 with *o set, or -1. */
int
dispute_outcome_parse(const char *s, enum dispute_outcome *o)
{
	int	i = s != NULL ? fsm_find(outcomes, DISPUTE__MAX, s) : -1;

	if (i < 0)
		return -1;
	*o = (enum dispute_outcome)i;
	return 0;
}

/* NULL, or why this answer or note cannot be taken. */
const char *
dispute_text_check(const char *s, const char *what)
{
	if (s == NULL || s[strspn(s, " \t\r\n")] == '\0')
		return what;
	if (form_utf8_len(s) > DISPUTE_TEXT_MAX)
		return "Write at most 2,000 characters.";
	return NULL;
}

/* Inside the transaction that disputes the booking: its case, open. */
void
dispute_open(struct db *db, int64_t booking_id, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO disputes (booking_id, opened_at) VALUES (:b, :now)");

	db_bind_int(st, ":b", booking_id);
	db_bind_int(st, ":now", now);
	if (db_step(st) != DB_DONE)
		log_fatal("dispute: opening %lld refused", (long long)booking_id);
	db_done(st);
}

/* Returns 1 and fills *d if the booking has a dispute; callers check access. */
int
dispute_get(struct db *db, struct arena *a, int64_t booking_id,
    struct dispute *d)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT d.booking_id, d.opened_at, d.response, "
	    "coalesce(d.responded_at, 0), d.outcome, d.refund_paise, d.note, "
	    "coalesce(u.username, ''), coalesce(d.resolved_at, 0), "
	    "coalesce(d.redo_booking_id, 0), coalesce(g.reject_reason, '') "
	    "FROM disputes d LEFT JOIN users u ON u.id = d.resolved_by "
	    "LEFT JOIN signatures g ON g.booking_id = d.booking_id "
	    "WHERE d.booking_id = :b");
	int		 found = 0;

	db_bind_int(st, ":b", booking_id);
	if (db_step(st) == DB_ROW) {
		memset(d, 0, sizeof(*d));
		d->booking_id = db_int(st, 0);
		d->opened_at = db_int(st, 1);
		d->response = db_text(st, 2, a);
		d->responded_at = db_int(st, 3);
		d->resolved = dispute_outcome_parse(db_text_tmp(st, 4),
		    &d->outcome) == 0;
		d->refund_paise = db_int(st, 5);
		d->note = db_text(st, 6, a);
		d->resolver_name = db_text(st, 7, a);
		d->resolved_at = db_int(st, 8);
		d->redo_booking_id = db_int(st, 9);
		d->reason = db_text(st, 10, a);
		found = 1;
	}
	db_done(st);
	return found;
}

/* Open disputes, oldest first (the partial index disputes_open). */
size_t
dispute_list_open(struct db *db, struct arena *a, int64_t offset,
    struct dispute_line **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT d.booking_id, d.opened_at, b.price_paise, b.service_name, "
	    "c.username, v.username, coalesce(g.reject_reason, ''), "
	    "d.responded_at IS NOT NULL FROM disputes d "
	    "JOIN bookings b ON b.id = d.booking_id "
	    "JOIN users c ON c.id = b.customer_id "
	    "JOIN users v ON v.id = b.vendor_id "
	    "LEFT JOIN signatures g ON g.booking_id = d.booking_id "
	    "WHERE d.outcome IS NULL ORDER BY d.opened_at, d.booking_id "
	    "LIMIT :n OFFSET :o");
	size_t		 n = 0;

	*out = arena_alloc(a, sizeof(**out) * DISPUTE_PAGE);
	db_bind_int(st, ":n", DISPUTE_PAGE);
	db_bind_int(st, ":o", offset);
	while (n < DISPUTE_PAGE && db_step(st) == DB_ROW) {
		struct dispute_line	*l = &(*out)[n++];

		l->booking_id = db_int(st, 0);
		l->opened_at = db_int(st, 1);
		l->price_paise = db_int(st, 2);
		l->service_name = db_text(st, 3, a);
		l->customer_name = db_text(st, 4, a);
		l->vendor_name = db_text(st, 5, a);
		l->reason = db_text(st, 6, a);
		l->answered = (int)db_int(st, 7);
	}
	db_done(st);
	return n;
}

int64_t
dispute_count_open(struct db *db)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT count(*) FROM disputes WHERE outcome IS NULL");
	int64_t		 n;

	db_step(st);
	n = db_int(st, 0);
	db_done(st);
	return n;
}

/* Inside the transaction: the answer stored, if none was and it is open. */
static int
response_store(struct db *db, int64_t booking_id, const char *body,
    int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE disputes SET response = :r, responded_at = :now "
	    "WHERE booking_id = :b AND responded_at IS NULL "
	    "AND outcome IS NULL");

	db_bind_text(st, ":r", body);
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":b", booking_id);
	db_step(st);
	db_done(st);
	return db_changes(db) == 1;
}

/*
 * The booking's vendor answers its open dispute, once, with text and
 * optionally one photo: the answer, the photo (file and row) and the
 * audit row together or not at all; operations are told.
 */
enum dispute_result
dispute_respond(struct db *db, struct arena *a, const struct actor *who,
    int64_t booking_id, const char *body, const struct photo_upload *img,
    const char *uploads_dir, int *photo_rc, const char **why)
{
	struct booking	 b;
	const char	*path = NULL;
	int64_t		 now = clock_now();

	if ((*why = dispute_text_check(body, "Write your answer to the "
	    "customer's complaint.")) != NULL)
		return DISPUTE_INVALID;
	db_begin(db);
	if (!booking_get(db, a, booking_id, &b) || b.vendor_id != who->user_id) {
		db_rollback(db);
		*why = "There is no such job among yours.";
		return DISPUTE_NOT_FOUND;
	}
	if (b.status != BK_DISPUTED || !response_store(db, booking_id, body,
	    now)) {
		db_rollback(db);
		*why = b.status != BK_DISPUTED ? "This job is not disputed, or "
		    "its dispute is settled already." : "You have answered this "
		    "dispute already: operations will decide on what they have.";
		return DISPUTE_REFUSED;
	}
	if (img != NULL && (*photo_rc = photo_add_in(db, a, who, img,
	    uploads_dir, &path, why)) != PHOTO_OK) {
		db_rollback(db);
		return DISPUTE_PHOTO;
	}
	audit_write(db, who, "dispute.respond", "booking", booking_id, NULL,
	    json_pack("{s:s, s:b}", "response", body, "photo", img != NULL));
	notify_ops(db, a, booking_id, arena_printf(a, "Booking #%lld (%s): the "
	    "vendor answered the dispute.", (long long)booking_id,
	    b.service_name));
	if (path != NULL)
		store_commit(db, path);
	else
		db_commit(db);
	return DISPUTE_OK;
}

/*
 * Inside settlement's transaction: the outcome on an open dispute.
 * Returns 0 when another decision got there first.
 */
int
dispute_record(struct db *db, const struct actor *who, int64_t booking_id,
    enum dispute_outcome o, int64_t refund, const char *note, int64_t redo,
    int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE disputes SET outcome = :o, refund_paise = :r, note = :n, "
	    "resolved_by = :u, resolved_at = :now, redo_booking_id = :redo "
	    "WHERE booking_id = :b AND outcome IS NULL");

	db_bind_text(st, ":o", outcomes[o].name);
	db_bind_int(st, ":r", refund);
	db_bind_text(st, ":n", note);
	db_bind_int(st, ":u", who->user_id);
	db_bind_int(st, ":now", now);
	if (redo != 0)
		db_bind_int(st, ":redo", redo);
	db_bind_int(st, ":b", booking_id);
	db_step(st);
	db_done(st);
	if (db_changes(db) != 1)
		return 0;
	audit_write(db, who, "dispute.resolve", "booking", booking_id,
	    json_pack("{s:n}", "outcome"),
	    json_pack("{s:s, s:I, s:s, s:I}", "outcome", outcomes[o].name,
	    "refund_paise", (json_int_t)refund, "note", note,
	    "redo_booking_id", (json_int_t)redo));
	return 1;
}

static void
history_read(sqlite3_stmt *st, int64_t user, struct dispute_history *h)
{
	db_bind_int(st, ":u", user);
	memset(h, 0, sizeof(*h));
	if (db_step(st) == DB_ROW) {
		h->bookings = db_int(st, 0);
		h->disputes = db_int(st, 1);
		h->ratings = db_int(st, 2);
		h->average_tenths = db_int(st, 3);
	}
	db_done(st);
}

/* A customer's bookings, disputes opened and ratings given. */
void
dispute_history_customer(struct db *db, int64_t user,
    struct dispute_history *h)
{
	history_read(db_prepare(db,
	    "SELECT count(*), count(d.booking_id), count(g.rating), "
	    "coalesce(round(avg(g.rating) * 10), 0) FROM bookings b "
	    "LEFT JOIN disputes d ON d.booking_id = b.id "
	    "LEFT JOIN signatures g ON g.booking_id = b.id "
	    "AND g.status = 'signed' WHERE b.customer_id = :u"), user, h);
}

/* A vendor's jobs, disputes against them and ratings received. */
void
dispute_history_vendor(struct db *db, int64_t user, struct dispute_history *h)
{
	history_read(db_prepare(db,
	    "SELECT count(*), count(d.booking_id), count(g.rating), "
	    "coalesce(round(avg(g.rating) * 10), 0) FROM bookings b "
	    "LEFT JOIN disputes d ON d.booking_id = b.id "
	    "LEFT JOIN signatures g ON g.booking_id = b.id "
	    "AND g.status = 'signed' WHERE b.vendor_id = :u"), user, h);
}

/*
 * When a follow-up visit is put if operations name no time: two days on
 * at 10 am local time, inside visiting hours and past the lead time.
 */
int64_t
dispute_redo_default(int64_t now)
{
	time_t		t = (time_t)now;
	struct tm	tm;

	localtime_r(&t, &tm);
	tm.tm_mday += 2;
	tm.tm_hour = 10;
	tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}
