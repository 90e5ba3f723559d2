/* vendor_doc.c: vendors' documents: a file (recognised by its bytes, under a random name) and its row kept together or not at all; reviews; what counts as ready. */
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "audit.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "document.h"
#include "fsm.h"
#include "log.h"
#include "notify.h"
#include "setting.h"
#include "store.h"
#include "vendor_doc.h"

static const struct fsm_state types[VDOC_TYPE__MAX] = {
	[VDOC_ID_PROOF] = { "id_proof", "ID proof" },
	[VDOC_ADDRESS_PROOF] = { "address_proof", "Address proof" },
	[VDOC_CERTIFICATE] = { "certificate", "Trade certificate" },
};

static const struct fsm_state statuses[VDOC_STATUS__MAX] = {
	[VDOC_PENDING] = { "pending", "Waiting for review" },
	[VDOC_ACCEPTED] = { "accepted", "Accepted" },
	[VDOC_REJECTED] = { "rejected", "Rejected" },
	[VDOC_REPLACED] = { "replaced", "Replaced" },
};

const char *
vendor_doc_type_name(enum vendor_doc_type t)
{
	return fsm_name(types, VDOC_TYPE__MAX, (int)t);
}

const char *
vendor_doc_type_label(enum vendor_doc_type t)
{
	return fsm_label(types, VDOC_TYPE__MAX, (int)t);
}

int
vendor_doc_type_parse(const char *s)
{
	return fsm_find(types, VDOC_TYPE__MAX, s);
}

const char *
vendor_doc_status_name(enum vendor_doc_status s)
{
	return fsm_name(statuses, VDOC_STATUS__MAX, (int)s);
}

const char *
vendor_doc_status_label(enum vendor_doc_status s)
{
	return fsm_label(statuses, VDOC_STATUS__MAX, (int)s);
}

#define DOC_COLUMNS \
	"d.id, d.vendor_id, d.doc_type, d.file, d.content_type, d.size, " \
	"d.expires_on, coalesce(d.expires_at, 0), d.status, d.review_reason, " \
	"r.username, coalesce(d.reviewed_at, 0), d.uploaded_at " \
	"FROM vendor_documents d LEFT JOIN users r ON r.id = d.reviewed_by "

static void
doc_read(sqlite3_stmt *st, struct arena *a, struct vendor_doc *d)
{
	d->id = db_int(st, 0);
	d->vendor_id = db_int(st, 1);
	d->type = (enum vendor_doc_type)fsm_find(types, VDOC_TYPE__MAX,
	    db_text_tmp(st, 2));
	d->file = db_text(st, 3, a);
	d->content_type = db_text(st, 4, a);
	d->size = db_int(st, 5);
	d->expires_on = db_text(st, 6, a);
	d->expires_at = db_int(st, 7);
	d->status = (enum vendor_doc_status)fsm_find(statuses,
	    VDOC_STATUS__MAX, db_text_tmp(st, 8));
	d->review_reason = db_text(st, 9, a);
	d->reviewed_by = db_text(st, 10, a);
	d->reviewed_at = db_int(st, 11);
	d->uploaded_at = db_int(st, 12);
}

int
vendor_doc_get(struct db *db, struct arena *a, int64_t id, struct vendor_doc *d)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT " DOC_COLUMNS "WHERE d.id = :id");
	int		 found = 0;

	db_bind_int(st, ":id", id);
	if (db_step(st) == DB_ROW) {
		doc_read(st, a, d);
		found = 1;
	}
	db_done(st);
	return found;
}

/* A vendor's documents but the replaced ones, by type, newest first. */
size_t
vendor_doc_list(struct db *db, struct arena *a, int64_t vendor,
    struct vendor_doc **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT " DOC_COLUMNS "WHERE d.vendor_id = :v "
	    "AND d.status <> 'replaced' ORDER BY d.doc_type, d.id DESC LIMIT :n");
	size_t		 n = 0;

	*out = arena_alloc(a, sizeof(**out) * VENDOR_DOC_MAX);
	db_bind_int(st, ":v", vendor);
	db_bind_int(st, ":n", VENDOR_DOC_MAX);
	while (n < VENDOR_DOC_MAX && db_step(st) == DB_ROW)
		doc_read(st, a, &(*out)[n++]);
	db_done(st);
	return n;
}

/*
 * An ID proof and an address proof that may be reviewed (pending or
 * accepted), or, with accepted_only, accepted and not expired.
 */
int
vendor_doc_ready(struct db *db, int64_t vendor, int accepted_only)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT count(DISTINCT doc_type) FROM vendor_documents "
	    "WHERE vendor_id = :v AND doc_type IN ('id_proof', 'address_proof') "
	    "AND (status = 'accepted' OR (status = 'pending' AND :any)) "
	    "AND (expires_at IS NULL OR expires_at > :now)");
	int64_t		 n;

	db_bind_int(st, ":v", vendor);
	db_bind_int(st, ":any", !accepted_only);
	db_bind_int(st, ":now", clock_now());
	db_step(st);
	n = db_int(st, 0);
	db_done(st);
	return n == 2;
}

static int64_t
live_count(struct db *db, int64_t vendor)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT count(*) FROM vendor_documents WHERE vendor_id = :v "
	    "AND status <> 'replaced'");
	int64_t		 n;

	db_bind_int(st, ":v", vendor);
	db_step(st);
	n = db_int(st, 0);
	db_done(st);
	return n;
}

/*
 * Before a new ID or address proof: the current one, unless accepted
 * (and current, and the vendor not asked to re-verify), is replaced.
 * Its file's name goes to *gone, to be removed once the change commits.
 */
static enum vendor_doc_result
make_room(struct db *db, struct arena *a, int64_t vendor,
    enum vendor_doc_type type, int reverifying, int64_t now,
    const char **gone)
{
	sqlite3_stmt		*st = db_prepare(db,
	    "SELECT id, status, file, coalesce(expires_at, 0) "
	    "FROM vendor_documents WHERE vendor_id = :v AND doc_type = :t "
	    "AND status <> 'replaced' ORDER BY id DESC LIMIT 1");
	enum vendor_doc_result	 rc = VDOC_OK;
	int64_t			 id = 0, expires_at = 0;
	int			 accepted = 0;

	*gone = NULL;
	db_bind_int(st, ":v", vendor);
	db_bind_text(st, ":t", types[type].name);
	if (db_step(st) == DB_ROW) {
		id = db_int(st, 0);
		accepted = strcmp(db_text_tmp(st, 1), "accepted") == 0;
		*gone = db_text(st, 2, a);
		expires_at = db_int(st, 3);
	}
	db_done(st);
	if (id == 0 || type == VDOC_CERTIFICATE)
		return *gone = NULL, VDOC_OK;
	if (accepted) {
		*gone = NULL;
		return reverifying || (expires_at != 0 &&
		    expires_at <= now) ? VDOC_OK : VDOC_LOCKED;
	}
	st = db_prepare(db, "UPDATE vendor_documents SET status = 'replaced' "
	    "WHERE id = :id");
	db_bind_int(st, ":id", id);
	db_step(st);
	db_done(st);
	return rc;
}

static int64_t
doc_insert(struct db *db, int64_t vendor, enum vendor_doc_type type,
    const char *file, enum document_type dt, size_t size,
    const char *expires_on, int64_t expires_at, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO vendor_documents (vendor_id, doc_type, file, "
	    "content_type, size, expires_on, expires_at, uploaded_at) VALUES "
	    "(:v, :t, :f, :ct, :s, :on, :at, :now)");

	db_bind_int(st, ":v", vendor);
	db_bind_text(st, ":t", types[type].name);
	db_bind_text(st, ":f", file);
	db_bind_text(st, ":ct", document_content_type(dt));
	db_bind_int(st, ":s", (int64_t)size);
	db_bind_text(st, ":on", expires_on);
	if (expires_on != NULL)
		db_bind_int(st, ":at", expires_at);
	else
		db_bind_null(st, ":at");
	db_bind_int(st, ":now", now);
	if (db_step(st) != DB_DONE)
		log_fatal("vendor_doc: insert refused for %s", file);
	db_done(st);
	return db_last_id(db);
}

/* The bytes' own checks, before any lock: 0, or the refusal with *why. */
static enum vendor_doc_result
bytes_check(struct arena *a, const void *data, size_t size, int64_t max_mb,
    enum document_type *dt, const char **why)
{
	if (size == 0)
		return *why = "Choose a file to upload: the file sent is empty.",
		    VDOC_EMPTY;
	if (size > (size_t)max_mb * 1024 * 1024)
		return *why = arena_printf(a, "The file is too large: at most "
		    "%lld MB is accepted.", (long long)max_mb),
		    VDOC_TOO_LARGE;
	if ((*dt = document_recognise(data, size)) == DOCUMENT_NONE)
		return *why = "This file is not a PDF, JPEG or PNG document. "
		    "Scan or photograph the document and upload that.",
		    VDOC_NOT_DOCUMENT;
	return VDOC_OK;
}

/*
 * Inside the transaction: may this vendor add a document now?  The
 * vendor's status is read here, not through vendor.c, which calls this
 * module: two modules never call each other.
 */
static enum vendor_doc_result
upload_allowed(struct db *db, int64_t vendor, int *reverifying,
    const char **why)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT status FROM vendor_profiles WHERE user_id = :v");
	int		 found = 0, rejected = 0;

	db_bind_int(st, ":v", vendor);
	if (db_step(st) == DB_ROW) {
		found = 1;
		rejected = strcmp(db_text_tmp(st, 0), "rejected") == 0;
		*reverifying = strcmp(db_text_tmp(st, 0), "reverify") == 0;
	}
	db_done(st);
	if (!found)
		return *why = "There is no such vendor.", VDOC_NOT_FOUND;
	if (rejected)
		return *why = "This application was not accepted: it takes no "
		    "more documents.", VDOC_CLOSED;
	if (live_count(db, vendor) >= VENDOR_DOC_MAX)
		return *why = "You have uploaded as many documents as we keep. "
		    "Ask HomeServe support to remove old ones.", VDOC_TOO_MANY;
	return VDOC_OK;
}

/*
 * A vendor uploads a document.  The file is written last, under a
 * random name in uploads_dir, and the row, its audit row and the file
 * are kept together or not at all; a replaced document's file is
 * removed once that has committed.
 */
enum vendor_doc_result
vendor_doc_add(struct db *db, struct arena *a, const struct actor *who,
    int64_t vendor, enum vendor_doc_type type, const void *data, size_t size,
    const char *expires_on, int64_t expires_at, const char *uploads_dir,
    int64_t now, const char **why)
{
	enum document_type	 dt;
	enum vendor_doc_result	 rc;
	int			 reverifying = 0;
	const char		*file, *path, *gone;
	int64_t			 id;

	if ((rc = bytes_check(a, data, size,
	    setting(db, SET_DOCUMENT_MAX_MB), &dt, why)) != VDOC_OK)
		return rc;
	db_begin(db);
	if ((rc = upload_allowed(db, vendor, &reverifying, why)) != VDOC_OK ||
	    (rc = make_room(db, a, vendor, type, reverifying, now, &gone)) !=
	    VDOC_OK) {
		if (rc == VDOC_LOCKED)
			*why = arena_printf(a, "Your %s is accepted already: it "
			    "can no longer be replaced.", types[type].label);
		db_rollback(db);
		return rc;
	}
	file = arena_printf(a, "%s.%s", crypto_token(a, 16),
	    document_extension(dt));
	path = arena_printf(a, "%s/%s", uploads_dir, file);
	id = doc_insert(db, vendor, type, file, dt, size, expires_on,
	    expires_at, now);
	audit_write(db, who, "document.add", "document", id, NULL,
	    json_pack("{s:I, s:s, s:s, s:I, s:s?}", "vendor_id",
	    (json_int_t)vendor, "type", types[type].name, "content_type",
	    document_content_type(dt), "size", (json_int_t)size, "expires_on",
	    expires_on));
	if (store_write(uploads_dir, path, data, size) != 0) {
		db_rollback(db);
		return *why = "The document could not be stored just now. "
		    "Please try again later.", VDOC_STORE_FAILED;
	}
	store_commit(db, path);
	if (gone != NULL && unlink(arena_printf(a, "%s/%s", uploads_dir,
	    gone)) != 0)
		log_warn("vendor_doc: cannot remove the replaced %s", gone);
	return VDOC_OK;
}

/* Older accepted documents of the type give way to a newly accepted one. */
static void
older_replaced(struct db *db, struct arena *a, const struct vendor_doc *d,
    const char **gone)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT file FROM vendor_documents WHERE vendor_id = :v "
	    "AND doc_type = :t AND status = 'accepted' AND id <> :id LIMIT 1");

	*gone = NULL;
	if (d->type == VDOC_CERTIFICATE)
		return;
	db_bind_int(st, ":v", d->vendor_id);
	db_bind_text(st, ":t", types[d->type].name);
	db_bind_int(st, ":id", d->id);
	if (db_step(st) == DB_ROW)
		*gone = db_text(st, 0, a);
	db_done(st);
	st = db_prepare(db, "UPDATE vendor_documents SET status = 'replaced' "
	    "WHERE vendor_id = :v AND doc_type = :t AND status = 'accepted' "
	    "AND id <> :id");
	db_bind_int(st, ":v", d->vendor_id);
	db_bind_text(st, ":t", types[d->type].name);
	db_bind_int(st, ":id", d->id);
	db_step(st);
	db_done(st);
}

static void
review_write(struct db *db, const struct actor *who, int64_t id, int accept,
    const char *reason, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE vendor_documents SET status = :s, review_reason = :r, "
	    "reviewed_by = :by, reviewed_at = :now WHERE id = :id "
	    "AND status = 'pending'");

	db_bind_text(st, ":s", accept ? "accepted" : "rejected");
	db_bind_text(st, ":r", reason != NULL ? reason : "");
	db_bind_int(st, ":by", who->user_id);
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":id", id);
	db_step(st);
	db_done(st);
}

/*
 * An onboarding manager accepts or rejects (with a reason) a pending
 * document of this vendor's, inside the caller's transaction
 * (vendor_document_review in vendor.c, which then looks at the
 * vendor's standing).  404 for another vendor's, 409 for one reviewed
 * already.  *gone: a replaced file to remove once the caller commits.
 */
enum vendor_doc_result
vendor_doc_review(struct db *db, struct arena *a, const struct actor *who,
    int64_t vendor, int64_t id, int accept, const char *reason,
    const char **gone, const char **why)
{
	struct vendor_doc	 d;
	int64_t			 now = clock_now();

	*gone = NULL;
	db_begin(db);
	if (!vendor_doc_get(db, a, id, &d) || d.vendor_id != vendor) {
		db_rollback(db);
		return *why = "There is no such document.", VDOC_NOT_FOUND;
	}
	if (d.status != VDOC_PENDING) {
		db_rollback(db);
		return *why = arena_printf(a, "This document is “%s”: only one "
		    "waiting for review can be accepted or rejected.",
		    statuses[d.status].label), VDOC_REFUSED;
	}
	review_write(db, who, id, accept, reason, now);
	if (accept)
		older_replaced(db, a, &d, gone);
	audit_write(db, who, accept ? "document.accept" : "document.reject",
	    "document", id, json_pack("{s:s}", "status", "pending"),
	    json_pack("{s:s, s:s}", "status", accept ? "accepted" : "rejected",
	    "reason", reason != NULL ? reason : ""));
	notify_post(db, a, vendor, 0, "/vendor/documents", OUTBOX_SECURITY,
	    NULL, accept ? arena_printf(a, "Your %s was accepted.",
	    types[d.type].label) : arena_printf(a, "Your %s was not accepted; "
	    "please upload a new one. The reason: %s", types[d.type].label,
	    reason), now);
	db_commit(db);
	return VDOC_OK;
}

/* Accepted documents expiring in (from, to], by id after a cursor. */
size_t
vendor_doc_expiring(struct db *db, int64_t from, int64_t to, int64_t after,
    int64_t ids[], size_t max)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT id FROM vendor_documents WHERE status = 'accepted' "
	    "AND expires_at > :from AND expires_at <= :to AND id > :after "
	    "ORDER BY id LIMIT :n");
	size_t		 n = 0;

	db_bind_int(st, ":from", from);
	db_bind_int(st, ":to", to);
	db_bind_int(st, ":after", after);
	db_bind_int(st, ":n", (int64_t)max);
	while (n < max && db_step(st) == DB_ROW)
		ids[n++] = db_int(st, 0);
	db_done(st);
	return n;
}
