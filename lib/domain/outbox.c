/* outbox.c: the outbox table: queue, claim under a lease, record each attempt with back-off, list and retry for ops. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "fsm.h"
#include "log.h"
#include "mail.h"
#include "outbox.h"

static const struct fsm_state channels[OUTBOX_CHANNEL__MAX] = {
	[OUTBOX_EMAIL] = { "email", "Email" },
	[OUTBOX_SMS] = { "sms", "SMS" },
	[OUTBOX_CHAT] = { "chat", "Staff chat" },
};

static const struct fsm_state kinds[OUTBOX_KIND__MAX] = {
	[OUTBOX_BOOKING] = { "booking", "Booking updates" },
	[OUTBOX_REMINDER] = { "reminder", "Reminders" },
	[OUTBOX_REPORT] = { "report", "Monthly report" },
	[OUTBOX_MARKETING] = { "marketing", "Offers and news" },
	[OUTBOX_SECURITY] = { "security", "Account security" },
	[OUTBOX_ALERT] = { "alert", "Operations alert" },
};

static const struct fsm_state statuses[OUTBOX_STATUS__MAX] = {
	[OUTBOX_PENDING] = { "pending", "Waiting" },
	[OUTBOX_SENDING] = { "sending", "Sending" },
	[OUTBOX_SENT] = { "sent", "Sent" },
	[OUTBOX_FAILED] = { "failed", "Failed, will retry" },
	[OUTBOX_DEAD] = { "dead", "Given up" },
};

/* What a delivered security message keeps: its link must not linger. */
static const char	removed_body[] = "(Removed after delivery: it held a "
    "one-time link.)";

const char *
outbox_channel_name(enum outbox_channel c)
{
	return fsm_name(channels, OUTBOX_CHANNEL__MAX, (int)c);
}

const char *
outbox_channel_label(enum outbox_channel c)
{
	return fsm_label(channels, OUTBOX_CHANNEL__MAX, (int)c);
}

int
outbox_channel_parse(const char *s)
{
	return fsm_find(channels, OUTBOX_CHANNEL__MAX, s);
}

const char *
outbox_kind_name(enum outbox_kind k)
{
	return fsm_name(kinds, OUTBOX_KIND__MAX, (int)k);
}

const char *
outbox_kind_label(enum outbox_kind k)
{
	return fsm_label(kinds, OUTBOX_KIND__MAX, (int)k);
}

int
outbox_kind_parse(const char *s)
{
	return fsm_find(kinds, OUTBOX_KIND__MAX, s);
}

const char *
outbox_status_name(enum outbox_status s)
{
	return fsm_name(statuses, OUTBOX_STATUS__MAX, (int)s);
}

const char *
outbox_status_label(enum outbox_status s)
{
	return fsm_label(statuses, OUTBOX_STATUS__MAX, (int)s);
}

int
outbox_status_parse(const char *s)
{
	return fsm_find(statuses, OUTBOX_STATUS__MAX, s);
}

/*
 * Queue one message, inside the transaction of the event that causes
 * it: if that rolls back, nothing is sent.  An email gets its
 * Message-ID now, so every retry carries the same one.
 */
int64_t
outbox_add(struct db *db, struct arena *a, const struct outbox_new *m,
    int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO outbox (channel, kind, user_id, recipient, subject, "
	    "body_text, body_html, message_id, unsubscribe_url, "
	    "next_attempt_at, created_at, updated_at) VALUES (:ch, :k, :u, "
	    ":to, :subj, :text, :html, :mid, :unsub, :now, :now, :now)");

	if (!db_in_transaction(db))
		log_fatal("outbox: a message queued outside a transaction");
	db_bind_text(st, ":ch", channels[m->channel].name);
	db_bind_text(st, ":k", kinds[m->kind].name);
	if (m->user_id > 0)
		db_bind_int(st, ":u", m->user_id);
	db_bind_text(st, ":to", m->recipient);
	db_bind_text(st, ":subj", m->subject != NULL ? m->subject : "");
	db_bind_text(st, ":text", m->text);
	db_bind_text(st, ":html", m->channel == OUTBOX_EMAIL ? m->html : NULL);
	db_bind_text(st, ":mid", m->channel == OUTBOX_EMAIL ?
	    mail_message_id(a, config_load()->mail_from) : NULL);
	db_bind_text(st, ":unsub", m->channel == OUTBOX_EMAIL ?
	    m->unsubscribe_url : NULL);
	db_bind_int(st, ":now", now);
	if (db_step(st) != DB_DONE)
		log_fatal("outbox: insert refused");
	db_done(st);
	return db_last_id(db);
}

/*
 * Seconds to wait after a failed attempt (attempts made so far, from
 * 1): OUTBOX_FIRST_RETRY doubling up to OUTBOX_MAX_RETRY, then between
 * 75% and 125% of that, so messages that failed together spread out.
 */
int64_t
outbox_backoff(int64_t attempts, uint32_t random)
{
	int64_t	wait = OUTBOX_FIRST_RETRY;

	while (--attempts > 0 && wait < OUTBOX_MAX_RETRY)
		wait *= 2;
	if (wait > OUTBOX_MAX_RETRY)
		wait = OUTBOX_MAX_RETRY;
	return wait * 3 / 4 + (int64_t)(random % (uint32_t)(wait / 2 + 1));
}

#define ITEM_COLUMNS \
	"o.id, o.channel, o.kind, coalesce(o.user_id, 0), o.recipient, " \
	"o.subject, o.body_text, o.body_html, o.message_id, " \
	"o.unsubscribe_url, o.status, o.attempts, o.next_attempt_at, " \
	"o.last_error, o.provider_id, o.created_at, coalesce(o.sent_at, 0) "

static void
item_read(sqlite3_stmt *st, struct arena *a, struct outbox_item *m)
{
	m->id = db_int(st, 0);
	m->channel = (enum outbox_channel)fsm_find(channels,
	    OUTBOX_CHANNEL__MAX, db_text_tmp(st, 1));
	m->kind = (enum outbox_kind)fsm_find(kinds, OUTBOX_KIND__MAX,
	    db_text_tmp(st, 2));
	m->user_id = db_int(st, 3);
	m->recipient = db_text(st, 4, a);
	m->subject = db_text(st, 5, a);
	m->text = db_text(st, 6, a);
	m->html = db_text(st, 7, a);
	m->message_id = db_text(st, 8, a);
	m->unsubscribe_url = db_text(st, 9, a);
	m->status = (enum outbox_status)fsm_find(statuses,
	    OUTBOX_STATUS__MAX, db_text_tmp(st, 10));
	m->attempts = db_int(st, 11);
	m->next_attempt_at = db_int(st, 12);
	m->last_error = db_text(st, 13, a);
	m->provider_id = db_text(st, 14, a);
	m->created_at = db_int(st, 15);
	m->sent_at = db_int(st, 16);
}

/* The row and whether its person is blocked (0 for the staff chat). */
static int
item_load(struct db *db, struct arena *a, int64_t id, struct outbox_item *m,
    int *blocked)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT " ITEM_COLUMNS ", coalesce(u.is_blocked, 0) FROM outbox o "
	    "LEFT JOIN users u ON u.id = o.user_id WHERE o.id = :id");
	int		 found = 0;

	db_bind_int(st, ":id", id);
	if (db_step(st) == DB_ROW) {
		item_read(st, a, m);
		*blocked = (int)db_int(st, 17);
		found = 1;
	}
	db_done(st);
	return found;
}

int
outbox_get(struct db *db, struct arena *a, int64_t id, struct outbox_item *m)
{
	int	blocked;

	return item_load(db, a, id, m, &blocked);
}

/*
 * The next row to claim: the earliest due one, else one whose worker's
 * lease ran out.  One query per waiting status, each answered by the
 * first entry of outbox_wait (sql/036): an IN over both would sort every
 * waiting row, and a queue of thousands made each claim cost that.
 */
static int64_t
claimable(struct db *db, int64_t now)
{
	static const char *const	 waiting[] = { "pending", "failed" };
	sqlite3_stmt	*due = db_prepare(db,
	    "SELECT id, next_attempt_at FROM outbox WHERE status = :s "
	    "AND next_attempt_at <= :now ORDER BY next_attempt_at, id LIMIT 1");
	sqlite3_stmt	*leased = db_prepare(db,
	    "SELECT id FROM outbox WHERE status = 'sending' "
	    "AND lease_until <= :now ORDER BY lease_until, id LIMIT 1");
	int64_t		 id = 0, at = 0;
	size_t		 i;

	for (i = 0; i < sizeof(waiting) / sizeof(waiting[0]); i++) {
		db_bind_text(due, ":s", waiting[i]);
		db_bind_int(due, ":now", now);
		if (db_step(due) == DB_ROW && (id == 0 ||
		    db_int(due, 1) < at || (db_int(due, 1) == at &&
		    db_int(due, 0) < id))) {
			id = db_int(due, 0);
			at = db_int(due, 1);
		}
		db_done(due);
	}
	if (id != 0)
		return id;
	db_bind_int(leased, ":now", now);
	if (db_step(leased) == DB_ROW)
		id = db_int(leased, 0);
	db_done(leased);
	return id;
}

static void
attempt_add(struct db *db, int64_t id, int64_t attempt, int64_t now, int ok,
    const char *detail)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO outbox_attempts (outbox_id, attempt, at, ok, detail) "
	    "VALUES (:id, :n, :at, :ok, :d)");

	db_bind_int(st, ":id", id);
	db_bind_int(st, ":n", attempt > 0 ? attempt : 1);
	db_bind_int(st, ":at", now);
	db_bind_int(st, ":ok", ok);
	db_bind_text(st, ":d", detail != NULL ? detail : "");
	db_step(st);
	db_done(st);
}

/* "cu***@example.com", "+91******3210": enough for ops, little for logs. */
const char *
outbox_recipient_masked(struct arena *a, const struct outbox_item *m)
{
	const char	*r = m->recipient, *at = strchr(r, '@');
	size_t		 n = strlen(r);

	if (m->channel == OUTBOX_CHAT)
		return "the staff chat";
	if (at != NULL)
		return arena_printf(a, "%.*s***%s", (int)(at - r > 2 ? 2 :
		    at - r > 0 ? 1 : 0), r, at);
	return n > 7 ? arena_printf(a, "%.3s******%s", r, r + n - 4) : "***";
}

/*
 * Inside the caller's transaction: the message is given up.  With
 * alert, and unless it was itself for the staff chat or a security
 * message, the chat hears about it.
 */
static void
give_up(struct db *db, struct arena *a, const struct outbox_item *m,
    int64_t now, const char *why, int alert_staff)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE outbox SET status = 'dead', last_error = :e, "
	    "lease_until = NULL, claimed_by = NULL, updated_at = :now "
	    "WHERE id = :id");
	struct outbox_new alert;

	db_bind_text(st, ":e", why);
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":id", m->id);
	db_step(st);
	db_done(st);
	if (!alert_staff || m->channel == OUTBOX_CHAT ||
	    m->kind == OUTBOX_SECURITY)
		return;
	memset(&alert, 0, sizeof(alert));
	alert.channel = OUTBOX_CHAT;
	alert.kind = OUTBOX_ALERT;
	alert.recipient = "chat";
	alert.text = arena_printf(a, "Outbox: message #%lld (%s to %s) was "
	    "given up after %lld attempts: %s", (long long)m->id,
	    channels[m->channel].name, outbox_recipient_masked(a, m),
	    (long long)m->attempts, why);
	outbox_add(db, a, &alert, now);
}

/* Move a row to 'sending' for this worker; attempts counts this one. */
static void
claim_row(struct db *db, int64_t id, const char *worker, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE outbox SET status = 'sending', attempts = attempts + 1, "
	    "lease_until = :lease, claimed_by = :w, updated_at = :now "
	    "WHERE id = :id");

	db_bind_int(st, ":lease", now + OUTBOX_LEASE);
	db_bind_text(st, ":w", worker);
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":id", id);
	db_step(st);
	db_done(st);
}

/*
 * Claim the next message to send, for this worker only: the write lock
 * of the transaction makes two workers take two different rows.  Rows
 * that must not be sent (a blocked person's, but for a security message
 * about the account itself, such as its blocking; one whose worker died
 * on its last attempt) are given up on the way.  1 with *m filled, or 0
 * when nothing is due.
 */
int
outbox_claim(struct db *db, struct arena *a, const char *worker, int64_t now,
    struct outbox_item *m)
{
	int64_t	id;
	int	blocked;

	for (;;) {
		db_begin(db);
		if ((id = claimable(db, now)) == 0 ||
		    !item_load(db, a, id, m, &blocked)) {
			db_rollback(db);
			return 0;
		}
		if (blocked && m->kind != OUTBOX_SECURITY) {
			attempt_add(db, id, m->attempts + 1, now, 0,
			    "not sent: the recipient's account is blocked");
			give_up(db, a, m, now, "The recipient's account is "
			    "blocked.", 0);
		} else if (m->status == OUTBOX_SENDING &&
		    m->attempts >= OUTBOX_MAX_ATTEMPTS) {
			attempt_add(db, id, m->attempts, now, 0, "the worker "
			    "stopped while sending; delivery is unknown");
			give_up(db, a, m, now, "The worker stopped during the "
			    "last attempt; it may or may not have arrived.", 1);
		} else {
			if (m->status == OUTBOX_SENDING)
				attempt_add(db, id, m->attempts, now, 0, "the "
				    "worker's lease ran out during this attempt");
			claim_row(db, id, worker, now);
			db_commit(db);
			m->attempts++;
			m->status = OUTBOX_SENDING;
			return 1;
		}
		db_commit(db);
	}
}

static int
record_sent(struct db *db, const struct outbox_item *m, const char *worker,
    int64_t now, const char *provider_id)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE outbox SET status = 'sent', sent_at = :now, "
	    "provider_id = :pid, last_error = '', lease_until = NULL, "
	    "claimed_by = NULL, updated_at = :now, "
	    "body_text = CASE WHEN kind = 'security' THEN :removed "
	    "ELSE body_text END, "
	    "body_html = CASE WHEN kind = 'security' THEN NULL "
	    "ELSE body_html END "
	    "WHERE id = :id AND status = 'sending' AND claimed_by = :w");

	db_bind_int(st, ":now", now);
	db_bind_text(st, ":pid", provider_id);
	db_bind_text(st, ":removed", removed_body);
	db_bind_int(st, ":id", m->id);
	db_bind_text(st, ":w", worker);
	db_step(st);
	db_done(st);
	return db_changes(db);
}

static int
record_failed(struct db *db, const struct outbox_item *m, const char *worker,
    int64_t now, const char *error)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE outbox SET status = 'failed', last_error = :e, "
	    "next_attempt_at = :next, lease_until = NULL, claimed_by = NULL, "
	    "updated_at = :now "
	    "WHERE id = :id AND status = 'sending' AND claimed_by = :w");
	uint32_t	 r;

	crypto_random(&r, sizeof(r));
	db_bind_text(st, ":e", error);
	db_bind_int(st, ":next", now + outbox_backoff(m->attempts, r));
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":id", m->id);
	db_bind_text(st, ":w", worker);
	db_step(st);
	db_done(st);
	return db_changes(db);
}

/* Still this worker's claim? (Not if its lease ran out meanwhile.) */
static int
still_claimed(struct db *db, int64_t id, const char *worker)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT 1 FROM outbox WHERE id = :id AND status = 'sending' "
	    "AND claimed_by = :w");
	int		 mine;

	db_bind_int(st, ":id", id);
	db_bind_text(st, ":w", worker);
	mine = db_step(st) == DB_ROW;
	db_done(st);
	return mine;
}

/*
 * Record one attempt of a claimed message: sent, or failed and due
 * again after the back-off, or given up after OUTBOX_MAX_ATTEMPTS.
 */
void
outbox_record(struct db *db, struct arena *a, const struct outbox_item *m,
    const char *worker, int64_t now, int ok, const char *detail,
    const char *provider_id)
{
	int	mine;

	db_begin(db);
	if (!(mine = still_claimed(db, m->id, worker)))
		log_warn("outbox: #%lld: the lease ran out before the attempt "
		    "ended; another worker may send it again",
		    (long long)m->id);
	attempt_add(db, m->id, m->attempts, now, ok, detail);
	if (mine && ok)
		record_sent(db, m, worker, now, provider_id);
	else if (mine && m->attempts >= OUTBOX_MAX_ATTEMPTS)
		give_up(db, a, m, now, detail, 1);
	else if (mine)
		record_failed(db, m, worker, now, detail);
	db_commit(db);
}

/*
 * A worker died: its claims are due again at once, their attempt
 * counted and noted.  Returns how many.
 */
size_t
outbox_release(struct db *db, const char *worker, int64_t now)
{
	sqlite3_stmt	*ids = db_prepare(db,
	    "SELECT id, attempts FROM outbox WHERE status = 'sending' "
	    "AND claimed_by = :w");
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE outbox SET status = 'failed', next_attempt_at = :now, "
	    "last_error = :e, lease_until = NULL, claimed_by = NULL, "
	    "updated_at = :now WHERE status = 'sending' AND claimed_by = :w");
	static const char why[] = "the worker stopped while sending";
	size_t		 n;

	db_begin(db);
	db_bind_text(ids, ":w", worker);
	while (db_step(ids) == DB_ROW)
		attempt_add(db, db_int(ids, 0), db_int(ids, 1), now, 0, why);
	db_done(ids);
	db_bind_int(st, ":now", now);
	db_bind_text(st, ":e", why);
	db_bind_text(st, ":w", worker);
	db_step(st);
	db_done(st);
	n = (size_t)db_changes(db);
	db_commit(db);
	return n;
}

static size_t
items_read(sqlite3_stmt *st, struct arena *a, size_t limit,
    struct outbox_item **out)
{
	size_t	n = 0;

	*out = arena_alloc(a, sizeof(**out) * (limit ? limit : 1));
	while (n < limit && db_step(st) == DB_ROW)
		item_read(st, a, &(*out)[n++]);
	db_done(st);
	return n;
}

static void
filter_bind(sqlite3_stmt *st, struct arena *a, const struct outbox_filter *f,
    size_t limit)
{
	db_bind_int(st, ":before", f->before_id > 0 ? f->before_id : INT64_MAX);
	db_bind_text(st, ":q", f->recipient[0] != '\0' ?
	    db_like_pattern(a, f->recipient) : "%");
	db_bind_int(st, ":n", (int64_t)limit);
}

/*
 * Newest first, filtered.  Each filter has its statement, so SQLite
 * walks the index that suits it (by status, by channel, or the table).
 */
size_t
outbox_list(struct db *db, struct arena *a, const struct outbox_filter *f,
    size_t limit, struct outbox_item **out)
{
	sqlite3_stmt	*st;

	if (f->status >= 0) {
		st = db_prepare(db, "SELECT " ITEM_COLUMNS "FROM outbox o "
		    "WHERE o.status = :s AND o.id < :before "
		    "AND (:ch IS NULL OR o.channel = :ch) "
		    "AND o.recipient LIKE :q ESCAPE '\\' "
		    "ORDER BY o.id DESC LIMIT :n");
		db_bind_text(st, ":s", statuses[f->status].name);
		db_bind_text(st, ":ch", f->channel >= 0 ?
		    channels[f->channel].name : NULL);
	} else if (f->channel >= 0) {
		st = db_prepare(db, "SELECT " ITEM_COLUMNS "FROM outbox o "
		    "WHERE o.channel = :ch AND o.id < :before "
		    "AND o.recipient LIKE :q ESCAPE '\\' "
		    "ORDER BY o.id DESC LIMIT :n");
		db_bind_text(st, ":ch", channels[f->channel].name);
	} else
		st = db_prepare(db, "SELECT " ITEM_COLUMNS "FROM outbox o "
		    "WHERE o.id < :before AND o.recipient LIKE :q ESCAPE '\\' "
		    "ORDER BY o.id DESC LIMIT :n");
	filter_bind(st, a, f, limit);
	return items_read(st, a, limit, out);
}

/* A message's attempts, oldest first (at most 100). */
size_t
outbox_attempts(struct db *db, struct arena *a, int64_t id,
    struct outbox_attempt **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT attempt, at, ok, detail FROM outbox_attempts "
	    "WHERE outbox_id = :id ORDER BY id LIMIT 100");
	size_t		 n = 0;

	*out = arena_alloc(a, sizeof(**out) * 100);
	db_bind_int(st, ":id", id);
	while (n < 100 && db_step(st) == DB_ROW) {
		(*out)[n].attempt = db_int(st, 0);
		(*out)[n].at = db_int(st, 1);
		(*out)[n].ok = (int)db_int(st, 2);
		(*out)[n].detail = db_text(st, 3, a);
		n++;
	}
	db_done(st);
	return n;
}

/*
 * Ops put a failed or given-up message back in the queue, due now with
 * a fresh set of attempts (the old ones stay in its history).
 */
enum outbox_result
outbox_retry(struct db *db, const struct actor *who, int64_t id, int64_t now)
{
	sqlite3_stmt	*get = db_prepare(db,
	    "SELECT status, attempts FROM outbox WHERE id = :id");
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE outbox SET status = 'pending', attempts = 0, "
	    "next_attempt_at = :now, updated_at = :now "
	    "WHERE id = :id AND status IN ('failed', 'dead')");
	char		 old[16] = "";
	int64_t		 attempts = 0;

	db_begin(db);
	db_bind_int(get, ":id", id);
	if (db_step(get) == DB_ROW) {
		snprintf(old, sizeof(old), "%s", db_text_tmp(get, 0));
		attempts = db_int(get, 1);
	}
	db_done(get);
	if (old[0] == '\0' || (strcmp(old, "failed") != 0 &&
	    strcmp(old, "dead") != 0)) {
		db_rollback(db);
		return old[0] == '\0' ? OUTBOX_NOT_FOUND : OUTBOX_REFUSED;
	}
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":id", id);
	db_step(st);
	db_done(st);
	audit_write(db, who, "outbox.retry", "outbox", id,
	    json_pack("{s:s, s:I}", "status", old, "attempts",
	    (json_int_t)attempts), json_pack("{s:s}", "status", "pending"));
	db_commit(db);
	return OUTBOX_OK;
}
