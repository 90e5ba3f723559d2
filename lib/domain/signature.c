/* signature.c: satisfaction signatures: the window to sign (a setting), the signed record (SHA-256 + Ed25519), expiry. */
#include <string.h>
#include <time.h>

#include "arena.h"
#include "audit.h"
#include "booking.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "dispute.h"
#include "fmt.h"
#include "log.h"
#include "setting.h"
#include "sign.h"
#include "signature.h"


static const struct {
	const char	*name;
	const char	*label;
	const char	*refusal;	/* why it can no longer be signed */
} statuses[SIG__MAX] = {
	[SIG_REQUESTED] = { "requested", "Waiting for the customer's signature",
	    NULL },
	[SIG_SIGNED] = { "signed", "Signed", "This booking is already signed." },
	[SIG_REJECTED] = { "rejected", "Rejected: the booking is disputed",
	    "This signature was rejected: the booking is disputed." },
	[SIG_EXPIRED] = { "expired", "Expired without a signature",
	    "The window to sign has closed." },
};

static const char	window_closed[] = "The window to sign has closed.";

const char *
signature_status_name(enum signature_status s)
{
	return s < SIG__MAX ? statuses[s].name : "";
}

const char *
signature_status_label(enum signature_status s)
{
	return s < SIG__MAX ? statuses[s].label : "";
}

static enum signature_status
status_parse(const char *s)
{
	int	i;

	for (i = 0; i < SIG__MAX; i++)
		if (strcmp(statuses[i].name, s) == 0)
			return (enum signature_status)i;
	log_fatal("signature: unknown status %s", s);
}

/* NULL while the customer may still sign or reject at now; else why not. */
const char *
signature_closed(const struct signature *s, int64_t now)
{
	if (s->status != SIG_REQUESTED)
		return statuses[s->status].refusal;
	if (now >= s->expires_at)
		return window_closed;
	return NULL;
}

#define SIGNATURE_COLUMNS \
	"s.id, s.booking_id, s.customer_id, coalesce(b.vendor_id, 0), " \
	"coalesce(b.service_id, 0), coalesce(b.price_paise, 0), s.status, " \
	"s.requested_at, s.expires_at, coalesce(s.signed_at, 0), " \
	"coalesce(s.rating, 0), s.comments, s.reject_reason, s.sha256, " \
	"s.ed25519 FROM signatures s LEFT JOIN bookings b ON b.id = s.booking_id "

static int
signature_read(sqlite3_stmt *st, struct arena *a, struct signature *s)
{
	int	found = 0;

	if (db_step(st) == DB_ROW) {
		s->id = db_int(st, 0);
		s->booking_id = db_int(st, 1);
		s->customer_id = db_int(st, 2);
		s->vendor_id = db_int(st, 3);
		s->service_id = db_int(st, 4);
		s->price_paise = db_int(st, 5);
		s->status = status_parse(db_text_tmp(st, 6));
		s->requested_at = db_int(st, 7);
		s->expires_at = db_int(st, 8);
		s->signed_at = db_int(st, 9);
		s->rating = db_int(st, 10);
		s->comments = db_text(st, 11, a);
		s->reject_reason = db_text(st, 12, a);
		s->sha256 = db_text(st, 13, a);
		s->ed25519 = db_text(st, 14, a);
		found = 1;
	}
	db_done(st);
	return found;
}

int
signature_get(struct db *db, struct arena *a, int64_t id, struct signature *s)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT " SIGNATURE_COLUMNS "WHERE s.id = :id");

	db_bind_int(st, ":id", id);
	return signature_read(st, a, s);
}

int
signature_for_booking(struct db *db, struct arena *a, int64_t booking_id,
    struct signature *s)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT " SIGNATURE_COLUMNS "WHERE s.booking_id = :b");

	db_bind_int(st, ":b", booking_id);
	return signature_read(st, a, s);
}

/* "{booking_id}_{customer_id}_{signed_at ISO 8601 UTC}_{rating}" */
char *
signature_hash_input(struct arena *a, const struct signature *s)
{
	return arena_printf(a, "%lld_%lld_%s_%lld", (long long)s->booking_id,
	    (long long)s->customer_id, fmt_time_iso(a, s->signed_at),
	    (long long)s->rating);
}

/* The canonical text the platform signs; the format is in signature.h. */
char *
signature_record(struct arena *a, const struct signature *s)
{
	const char	*comments = s->comments != NULL ? s->comments : "";

	return arena_printf(a,
	    "homeserve-signature-v1\n"
	    "signature_id=%lld\n"
	    "booking_id=%lld\n"
	    "customer_id=%lld\n"
	    "vendor_id=%lld\n"
	    "service_id=%lld\n"
	    "price_paise=%lld\n"
	    "rating=%lld\n"
	    "signed_at=%s\n"
	    "comments_sha256=%s\n"
	    "sha256=%s\n",
	    (long long)s->id, (long long)s->booking_id,
	    (long long)s->customer_id, (long long)s->vendor_id,
	    (long long)s->service_id, (long long)s->price_paise,
	    (long long)s->rating, fmt_time_iso(a, s->signed_at),
	    crypto_sha256_hex(a, comments, strlen(comments)),
	    s->sha256 != NULL ? s->sha256 : "");
}

int
signature_verify(struct arena *a, const struct signature *s, int *hash_ok,
    int *sig_ok)
{
	const char	*input, *record;

	*hash_ok = *sig_ok = 0;
	if (s->status != SIG_SIGNED || s->sha256 == NULL || s->ed25519 == NULL)
		return -1;
	input = signature_hash_input(a, s);
	*hash_ok = crypto_streq(crypto_sha256_hex(a, input, strlen(input)),
	    s->sha256);
	record = signature_record(a, s);
	*sig_ok = sign_verify_base64(record, strlen(record), s->ed25519);
	return 0;
}

static enum signature_result
rollback(struct db *db, enum signature_result rc)
{
	db_rollback(db);
	return rc;
}

/* Characters, not bytes: the form counts them so. */
static size_t
utf8_length(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/*
 * The vendor's request: completed -> signature_requested, and the row
 * the customer signs, open for the signature_window_hours setting of
 * the moment: the row keeps its own expiry, whatever the setting later.
 */
enum signature_result
signature_request(struct db *db, struct arena *a, const struct actor *who,
    int64_t booking_id, int64_t *id, const char **why)
{
	struct booking		 b;
	enum booking_status	 from;
	sqlite3_stmt		*st;
	int64_t			 now = clock_now(), expires;

	*id = 0;
	expires = now + setting(db, SET_SIGNATURE_WINDOW_HOURS) * 3600;
	db_begin(db);
	if (!booking_get(db, a, booking_id, &b) || b.vendor_id == 0 ||
	    b.vendor_id != who->user_id)
		return rollback(db, SIGNATURE_NOT_FOUND);
	from = b.status;
	if (booking_apply(db, a, who, ROLE_VENDOR, &b, BK_SIGNATURE_REQUESTED,
	    NULL) != BOOKING_OK) {
		*why = arena_strdup(a, booking_refusal(from,
		    BK_SIGNATURE_REQUESTED));
		return rollback(db, SIGNATURE_REFUSED);
	}
	st = db_prepare(db,
	    "INSERT INTO signatures (booking_id, customer_id, status, "
	    "requested_at, expires_at) VALUES (:b, :c, 'requested', :now, "
	    ":exp)");
	db_bind_int(st, ":b", b.id);
	db_bind_int(st, ":c", b.customer_id);
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":exp", expires);
	if (db_step(st) != DB_DONE) {
		db_done(st);
		*why = "A signature was already requested for this booking.";
		return rollback(db, SIGNATURE_REFUSED);
	}
	db_done(st);
	*id = db_last_id(db);
	audit_write(db, who, "signature.request", "signature", *id, NULL,
	    json_pack("{s:I, s:s, s:I}", "booking_id", (json_int_t)b.id,
	    "status", "requested", "expires_at", (json_int_t)expires));
	db_commit(db);
	return SIGNATURE_OK;
}

/*
 * Inside a transaction: load the signature and its booking, and check
 * that the actor is its customer and it is still open at now.
 */
static enum signature_result
open_for_customer(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, int64_t now, struct signature *s, struct booking *b,
    const char **why)
{
	if (!signature_get(db, a, id, s) || s->customer_id != who->user_id ||
	    !booking_get(db, a, s->booking_id, b) ||
	    b->customer_id != who->user_id)
		return SIGNATURE_NOT_FOUND;
	if ((*why = signature_closed(s, now)) != NULL)
		return SIGNATURE_REFUSED;
	return SIGNATURE_OK;
}

/* Move the loaded booking for the customer; REFUSED with the sentence. */
static enum signature_result
booking_move(struct db *db, struct arena *a, const struct actor *who,
    struct booking *b, enum booking_status to, const char *note,
    const char **why)
{
	enum booking_status	from = b->status;

	if (booking_apply(db, a, who, ROLE_CUSTOMER, b, to, note) ==
	    BOOKING_OK)
		return SIGNATURE_OK;
	*why = arena_strdup(a, booking_refusal(from, to));
	return SIGNATURE_REFUSED;
}

static void
review_add(struct db *db, const struct signature *s)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO reviews (booking_id, service_id, vendor_id, "
	    "customer_id, rating, comment, created_at) VALUES (:b, :s, :v, "
	    ":c, :r, :t, :at)");

	db_bind_int(st, ":b", s->booking_id);
	db_bind_int(st, ":s", s->service_id);
	db_bind_int(st, ":v", s->vendor_id);
	db_bind_int(st, ":c", s->customer_id);
	db_bind_int(st, ":r", s->rating);
	db_bind_text(st, ":t", s->comments);
	db_bind_int(st, ":at", s->signed_at);
	if (db_step(st) != DB_DONE)
		log_fatal("signature: review for booking %lld refused",
		    (long long)s->booking_id);
	db_done(st);
}

static void
signed_store(struct db *db, const struct signature *s)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE signatures SET status = 'signed', signed_at = :t, "
	    "rating = :r, comments = :c, sha256 = :h, ed25519 = :e "
	    "WHERE id = :id AND status = 'requested'");

	db_bind_int(st, ":t", s->signed_at);
	db_bind_int(st, ":r", s->rating);
	db_bind_text(st, ":c", s->comments);
	db_bind_text(st, ":h", s->sha256);
	db_bind_text(st, ":e", s->ed25519);
	db_bind_int(st, ":id", s->id);
	if (db_step(st) != DB_DONE || db_changes(db) != 1)
		log_fatal("signature: storing %lld refused", (long long)s->id);
	db_done(st);
}

enum signature_result
signature_sign(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, int64_t rating, const char *comments, const char **why)
{
	struct signature	 s;
	struct booking		 b;
	enum signature_result	 rc;
	const char		*input, *record;
	int64_t			 now = clock_now();

	if (rating < 1 || rating > 5) {
		*why = "Choose a rating from 1 to 5.";
		return SIGNATURE_INVALID;
	}
	if (comments == NULL)
		comments = "";
	if (utf8_length(comments) > SIGNATURE_COMMENTS_MAX) {
		*why = "Comments must be at most 1000 characters.";
		return SIGNATURE_INVALID;
	}
	db_begin(db);
	if ((rc = open_for_customer(db, a, who, id, now, &s, &b, why)) !=
	    SIGNATURE_OK ||
	    (rc = booking_move(db, a, who, &b, BK_SIGNED, NULL, why)) !=
	    SIGNATURE_OK)
		return rollback(db, rc);
	s.signed_at = now;
	s.rating = rating;
	s.comments = comments;
	input = signature_hash_input(a, &s);
	s.sha256 = crypto_sha256_hex(a, input, strlen(input));
	record = signature_record(a, &s);
	s.ed25519 = sign_base64(a, record, strlen(record));
	signed_store(db, &s);
	s.status = SIG_SIGNED;
	review_add(db, &s);
	audit_write(db, who, "signature.sign", "signature", s.id,
	    json_pack("{s:s}", "status", "requested"),
	    json_pack("{s:I, s:s, s:I, s:s, s:s}", "booking_id",
	    (json_int_t)s.booking_id, "status", "signed", "rating",
	    (json_int_t)rating, "signed_at", fmt_time_iso(a, now), "sha256",
	    s.sha256));
	db_commit(db);
	return SIGNATURE_OK;
}

enum signature_result
signature_reject(struct db *db, struct arena *a, const struct actor *who,
    int64_t id, const char *reason, const char **why)
{
	struct signature	 s;
	struct booking		 b;
	enum signature_result	 rc;
	sqlite3_stmt		*st;
	int64_t			 now = clock_now();

	if (reason == NULL || reason[strspn(reason, " \t\r\n")] == '\0') {
		*why = "Say why you do not want to sign.";
		return SIGNATURE_INVALID;
	}
	if (utf8_length(reason) > SIGNATURE_REASON_MAX) {
		*why = "The reason must be at most 1000 characters.";
		return SIGNATURE_INVALID;
	}
	db_begin(db);
	if ((rc = open_for_customer(db, a, who, id, now, &s, &b, why)) !=
	    SIGNATURE_OK ||
	    (rc = booking_move(db, a, who, &b, BK_DISPUTED, reason, why)) !=
	    SIGNATURE_OK)
		return rollback(db, rc);
	st = db_prepare(db, "UPDATE signatures SET status = 'rejected', "
	    "reject_reason = :r WHERE id = :id AND status = 'requested'");
	db_bind_text(st, ":r", reason);
	db_bind_int(st, ":id", id);
	if (db_step(st) != DB_DONE || db_changes(db) != 1)
		log_fatal("signature: rejecting %lld refused", (long long)id);
	db_done(st);
	dispute_open(db, s.booking_id, now);
	audit_write(db, who, "signature.reject", "signature", id,
	    json_pack("{s:s}", "status", "requested"),
	    json_pack("{s:I, s:s, s:s}", "booking_id", (json_int_t)s.booking_id,
	    "status", "rejected", "reason", reason));
	db_commit(db);
	return SIGNATURE_OK;
}

/* Ids of open rows past their deadline, after a cursor, oldest id first. */
size_t
signature_expiring(struct db *db, struct arena *a, int64_t after, int64_t now,
    int64_t **ids)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT id FROM signatures WHERE status = 'requested' "
	    "AND expires_at <= :now AND id > :after ORDER BY id LIMIT :n");
	size_t		 n = 0;

	*ids = arena_alloc(a, sizeof(**ids) * SIGNATURE_EXPIRE_BATCH);
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":after", after);
	db_bind_int(st, ":n", SIGNATURE_EXPIRE_BATCH);
	while (n < SIGNATURE_EXPIRE_BATCH && db_step(st) == DB_ROW)
		(*ids)[n++] = db_int(st, 0);
	db_done(st);
	return n;
}

/*
 * One expiry in its own transaction, re-read under the lock: the row
 * and its booking 'expired'.  1 and its booking's id if it expired now.
 */
int
signature_expire(struct db *db, struct arena *a, const struct actor *system,
    int64_t id, int64_t now, int64_t *booking_id)
{
	struct signature	 s;
	struct booking		 b;
	sqlite3_stmt		*st;

	db_begin(db);
	/* Re-read under the write lock: the customer may just have signed. */
	if (!signature_get(db, a, id, &s) || s.status != SIG_REQUESTED ||
	    s.expires_at > now) {
		db_rollback(db);
		return 0;
	}
	if (!booking_get(db, a, s.booking_id, &b) ||
	    booking_apply(db, a, system, BK_BY_SYSTEM, &b, BK_EXPIRED,
	    "No signature within the window to sign.") != BOOKING_OK)
		log_warn("signature: %lld expires, but its booking %lld could "
		    "not move to expired", (long long)id,
		    (long long)s.booking_id);
	st = db_prepare(db, "UPDATE signatures SET status = 'expired' "
	    "WHERE id = :id AND status = 'requested'");
	db_bind_int(st, ":id", id);
	db_step(st);
	db_done(st);
	audit_write(db, system, "signature.expire", "signature", id,
	    json_pack("{s:s}", "status", "requested"),
	    json_pack("{s:I, s:s, s:I}", "booking_id", (json_int_t)s.booking_id,
	    "status", "expired", "expires_at", (json_int_t)s.expires_at));
	db_commit(db);
	*booking_id = s.booking_id;
	return 1;
}

