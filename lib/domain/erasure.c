/* erasure.c: deleting an account at its owner's request (DPDP): refused while a booking is open or a payment due; otherwise, in one transaction, the person's data erased or anonymised while bookings, payments, receipts, signatures and the audit log stay. */
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "clock.h"
#include "db.h"
#include "erasure.h"
#include "fmt.h"
#include "log.h"
#include "profile.h"

/* Final states: nothing more can happen to the booking. */
#define OPEN_BOOKING \
	"b.status NOT IN ('paid', 'cancelled', 'expired', 'resolved')"

/* "Booking #12 (AC Repair on 3 Dec) is still open." for each open one. */
static size_t
open_bookings(struct db *db, struct arena *a, int64_t user,
    const char **out, size_t n)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT b.id, b.service_name, b.scheduled_at FROM bookings b "
	    "WHERE (b.customer_id = :u OR b.vendor_id = :u) AND "
	    OPEN_BOOKING " ORDER BY b.id LIMIT :max");

	db_bind_int(st, ":u", user);
	db_bind_int(st, ":max", ERASURE_REASONS_MAX - (int64_t)n);
	while (n < ERASURE_REASONS_MAX && db_step(st) == DB_ROW)
		out[n++] = arena_printf(a, "Booking #%lld (%s on %s) is still "
		    "open.", (long long)db_int(st, 0), db_text_tmp(st, 1),
		    fmt_day(a, db_int(st, 2), 0));
	db_done(st);
	return n;
}

/*
 * "The payment for booking #9 is still due." for each one due: a
 * declined try stays due (a late-cancellation fee, an expired visit's
 * price) unless a newer payment for the booking replaced it.
 */
static size_t
payments_due(struct db *db, struct arena *a, int64_t user,
    const char **out, size_t n)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT p.booking_id FROM payments p WHERE p.customer_id = :u "
	    "AND p.status IN ('requires_authorization', 'authorized', "
	    "'failed') AND NOT EXISTS (SELECT 1 FROM payments q WHERE "
	    "q.booking_id = p.booking_id AND q.id > p.id) "
	    "ORDER BY p.id LIMIT :max");

	db_bind_int(st, ":u", user);
	db_bind_int(st, ":max", ERASURE_REASONS_MAX - (int64_t)n);
	while (n < ERASURE_REASONS_MAX && db_step(st) == DB_ROW)
		out[n++] = arena_printf(a, "The payment for booking #%lld is "
		    "still due.", (long long)db_int(st, 0));
	db_done(st);
	return n;
}

/*
 * Why the account cannot be deleted now, one sentence each (none: it
 * can).  Staff accounts are removed by the super admin, not here.
 */
size_t
erasure_blockers(struct db *db, struct arena *a, int64_t user, enum role role,
    const char ***reasons)
{
	const char	**out = arena_alloc(a, ERASURE_REASONS_MAX *
			    sizeof(*out));
	size_t		  n = 0;

	*reasons = out;
	if (role & (ROLE_STAFF | ROLE_ADMIN)) {
		out[n++] = "Staff accounts are removed by the super admin: ask "
		    "them to close yours.";
		return n;
	}
	n = open_bookings(db, a, user, out, n);
	return payments_due(db, a, user, out, n);
}

/* The account row: nothing left that names or reaches the person. */
static void
user_anonymise(struct db *db, struct arena *a, int64_t user, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE users SET username = :name, email = :email, phone = '', "
	    "full_name = '', address = '', pincode = '', password_hash = '', "
	    "is_blocked = 1, blocked_at = :now, blocked_by = NULL, "
	    "blocked_reason = 'Deleted at the owner''s request.', "
	    "deleted_at = :now, updated_at = :now WHERE id = :u");

	db_bind_text(st, ":name", arena_printf(a, "deleted-%lld",
	    (long long)user));
	db_bind_text(st, ":email", arena_printf(a, "deleted-%lld@invalid",
	    (long long)user));
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":u", user);
	if (db_step(st) != DB_DONE)
		log_fatal("erasure: cannot anonymise user %lld",
		    (long long)user);
	db_done(st);
}

/*
 * Rows that die with the person's data, each a statement binding :u
 * (db_prepare takes literals only, hence statements, not strings).
 * Messages not yet sent to them go, their attempts first; sent ones
 * stay as a record of the sending, with no address or text.  A vendor
 * leaves the board: no more areas or trades.  The street of their
 * bookings goes; pincode, service, times and prices stay.
 */
static void
rows_erase(struct db *db, int64_t user)
{
	sqlite3_stmt	*erase[] = {
		db_prepare(db, "DELETE FROM addresses WHERE user_id = :u"),
		db_prepare(db, "DELETE FROM sessions WHERE user_id = :u OR "
		    "pending_user_id = :u"),
		db_prepare(db, "DELETE FROM recovery_codes WHERE user_id = :u"),
		db_prepare(db, "DELETE FROM user_totp WHERE user_id = :u"),
		db_prepare(db, "DELETE FROM password_resets WHERE user_id = :u"),
		db_prepare(db, "DELETE FROM notification_prefs "
		    "WHERE user_id = :u"),
		db_prepare(db, "DELETE FROM notifications WHERE user_id = :u"),
		db_prepare(db, "DELETE FROM phone_codes WHERE user_id = :u"),
		db_prepare(db, "DELETE FROM outbox_attempts WHERE outbox_id IN "
		    "(SELECT id FROM outbox WHERE user_id = :u AND status IN "
		    "('pending', 'failed'))"),
		db_prepare(db, "DELETE FROM outbox WHERE user_id = :u AND "
		    "status IN ('pending', 'failed')"),
		db_prepare(db, "UPDATE outbox SET recipient = 'erased', "
		    "subject = '', body_text = 'Erased at the request of the "
		    "person it was sent to.', body_html = NULL, "
		    "unsubscribe_url = NULL WHERE user_id = :u AND "
		    "status IN ('sent', 'dead')"),
		db_prepare(db, "DELETE FROM vendor_pincodes WHERE vendor_id = :u"),
		db_prepare(db, "DELETE FROM vendor_categories "
		    "WHERE vendor_id = :u"),
		db_prepare(db, "UPDATE bookings SET address = '" ERASURE_ADDRESS
		    "' WHERE customer_id = :u"),
	};
	size_t		 i;

	for (i = 0; i < sizeof(erase) / sizeof(erase[0]); i++) {
		db_bind_int(erase[i], ":u", user);
		if (db_step(erase[i]) != DB_DONE)
			log_fatal("erasure: step %zu refused", i);
		db_done(erase[i]);
	}
}

/* A vendor is off the board for good: no name, no proven number. */
static void
vendor_withdraw(struct db *db, int64_t user, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE vendor_profiles SET business_name = '', "
	    "phone_verified = NULL, phone_verified_at = NULL, "
	    "status = CASE WHEN verified_at IS NULL THEN 'rejected' "
	    "ELSE 'suspended' END, status_reason = 'Account deleted at the "
	    "owner''s request.', status_at = :now, updated_at = :now "
	    "WHERE user_id = :u");

	db_bind_int(st, ":now", now);
	db_bind_int(st, ":u", user);
	if (db_step(st) != DB_DONE)
		log_fatal("erasure: cannot withdraw vendor %lld",
		    (long long)user);
	db_done(st);
}

/*
 * Delete the account: the password checked before the write lock, the
 * refusals checked again under it, then everything in one transaction
 * with its audit row ("account.delete", no personal data in it).
 */
enum erasure_result
erasure_run(struct db *db, struct arena *a, const struct actor *who,
    int64_t user, enum role role, const char *password)
{
	const char	**reasons;
	int64_t		  now = clock_now();

	switch (profile_reauth(db, a, user, password)) {
	case PROFILE_OK:
		break;
	case PROFILE_PASSWORD_HELD:
		return ERASURE_PASSWORD_HELD;
	default:
		return ERASURE_WRONG_PASSWORD;
	}
	db_begin(db);
	if (erasure_blockers(db, a, user, role, &reasons) > 0) {
		db_rollback(db);
		return ERASURE_REFUSED;
	}
	user_anonymise(db, a, user, now);
	rows_erase(db, user);
	vendor_withdraw(db, user, now);
	audit_write(db, who, "account.delete", "user", user, NULL, NULL);
	db_commit(db);
	return ERASURE_OK;
}
