/* booking_rules.c: the rules that keep booking honest: the booking form's one-time keys, the per-customer caps, and when a job may be started. */
#include <string.h>
#include <time.h>

#include "arena.h"
#include "booking_rules.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "setting.h"

/* --- one-time form keys ---------------------------------------------------- */

/*
 * Issued each time the booking form is drawn.  A double click, or a
 * retry after the answer was lost, carries the same key, and finds the
 * booking the first one made instead of making a second.
 */
char *
booking_rules_key_new(struct arena *a)
{
	return crypto_token(a, BOOKING_RULES_KEY_LEN / 2);
}

int
booking_rules_key_valid(const char *key)
{
	return key != NULL && strlen(key) == BOOKING_RULES_KEY_LEN &&
	    strspn(key, "0123456789abcdef") == BOOKING_RULES_KEY_LEN;
}

/* The booking this customer's key made, or 0. */
int64_t
booking_rules_key_find(struct db *db, int64_t customer, const char *key)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT booking_id FROM booking_form_keys "
	    "WHERE customer_id = :c AND form_key = :k");
	int64_t		 id = 0;

	db_bind_int(st, ":c", customer);
	db_bind_text(st, ":k", key);
	if (db_step(st) == DB_ROW)
		id = db_int(st, 0);
	db_done(st);
	return id;
}

/* Inside the booking's own transaction; the key must be new (find first). */
void
booking_rules_key_store(struct db *db, int64_t customer, const char *key,
    int64_t booking, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO booking_form_keys (customer_id, form_key, booking_id, "
	    "created_at) VALUES (:c, :k, :b, :now)");

	db_bind_int(st, ":c", customer);
	db_bind_text(st, ":k", key);
	db_bind_int(st, ":b", booking);
	db_bind_int(st, ":now", now);
	if (db_step(st) != DB_DONE)
		log_fatal("booking_rules: form key refused");
	db_done(st);
}

/* The daily cleanup: a form is not resubmitted a day later. */
int64_t
booking_rules_key_purge(struct db *db, int64_t before)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "DELETE FROM booking_form_keys WHERE created_at < :before");

	db_bind_int(st, ":before", before);
	db_step(st);
	db_done(st);
	return db_changes(db);
}

/* --- caps ------------------------------------------------------------------ */

/*
 * The caps count a customer's bookings no further than the cap itself:
 * inside the write lock, a count must not grow with a customer's
 * history (or with a cap a benchmark raised).  Both read an index
 * alone (sql/027, sql/035).
 */
static int64_t
count_pending(struct db *db, int64_t customer, int64_t cap)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT count(*) FROM (SELECT 1 FROM bookings "
	    "WHERE customer_id = :c AND status = 'pending' LIMIT :cap) AS t");
	int64_t		 n;

	db_bind_int(st, ":c", customer);
	db_bind_int(st, ":cap", cap);
	db_step(st);
	n = db_int(st, 0);
	db_done(st);
	return n;
}

static int64_t
count_since(struct db *db, int64_t customer, int64_t since, int64_t cap)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT count(*) FROM (SELECT 1 FROM bookings "
	    "WHERE customer_id = :c AND created_at > :since "
	    "AND redo_of IS NULL LIMIT :cap) AS t");
	int64_t		 n;

	db_bind_int(st, ":c", customer);
	db_bind_int(st, ":since", since);
	db_bind_int(st, ":cap", cap);
	db_step(st);
	n = db_int(st, 0);
	db_done(st);
	return n;
}

/*
 * Inside booking_create's transaction (which holds the write lock), so
 * two POSTs at once cannot both take the last place.  One customer
 * must not flood every vendor's board: max_pending_per_customer
 * waiting at once, max_bookings_per_day in any 24 hours.
 */
enum booking_cap
booking_rules_cap(struct db *db, struct arena *a, int64_t customer,
    int64_t now, const char **why)
{
	int64_t	pending = setting(db, SET_MAX_PENDING_PER_CUSTOMER);
	int64_t	daily = setting(db, SET_MAX_BOOKINGS_PER_DAY);

	if (count_pending(db, customer, pending) >= pending) {
		*why = arena_printf(a, "You already have %lld booking%s waiting "
		    "for a professional: wait until one is accepted, or cancel "
		    "one you no longer need, before booking again.",
		    (long long)pending, pending == 1 ? "" : "s");
		return BOOKING_CAP_PENDING;
	}
	if (count_since(db, customer, now - 86400, daily) >= daily) {
		*why = arena_printf(a, "You have made %lld bookings in the last "
		    "24 hours, the most one account may. Please try again "
		    "later.", (long long)daily);
		return BOOKING_CAP_TODAY;
	}
	return BOOKING_CAP_OK;
}

/* Seconds until the daily cap lets this customer book again (at least 1). */
int64_t
booking_rules_retry_after(struct db *db, int64_t customer, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT created_at FROM bookings WHERE customer_id = :c "
	    "AND created_at > :since AND redo_of IS NULL "
	    "ORDER BY created_at DESC LIMIT 1 OFFSET :n");
	int64_t		 wait = 3600;

	/* The one whose leaving the window brings the count under the cap. */
	db_bind_int(st, ":c", customer);
	db_bind_int(st, ":since", now - 86400);
	db_bind_int(st, ":n", setting(db, SET_MAX_BOOKINGS_PER_DAY) - 1);
	if (db_step(st) == DB_ROW)
		wait = db_int(st, 0) + 86400 - now;
	db_done(st);
	return wait > 0 ? wait : 1;
}

/* --- the start window ------------------------------------------------------ */

/* A vendor starts no earlier than start_early_minutes before the visit. */
int64_t
booking_rules_start_opens(struct db *db, int64_t scheduled_at)
{
	return scheduled_at - setting(db, SET_START_EARLY_MINUTES) * 60;
}

/*
 * NULL when a job scheduled then may be started now; else the sentence
 * saying when it may: "You can start this job from 09:00 on Thu 3 Dec."
 * (India time: the process runs in the platform's zone).
 */
const char *
booking_rules_start_refusal(struct db *db, struct arena *a,
    int64_t scheduled_at, int64_t now)
{
	time_t		opens = (time_t)booking_rules_start_opens(db,
			    scheduled_at);
	struct tm	tm;
	char		clock[8], day[8], month[8];

	if (now >= opens)
		return NULL;
	localtime_r(&opens, &tm);
	strftime(clock, sizeof(clock), "%H:%M", &tm);
	strftime(day, sizeof(day), "%a", &tm);
	strftime(month, sizeof(month), "%b", &tm);
	return arena_printf(a, "You can start this job from %s on %s %d %s.",
	    clock, day, tm.tm_mday, month);
}
