/* photo.c: a booking's photos: the file and its row in one transaction (nothing half-stored), listing, lookup. */
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "audit.h"
#include "booking.h"
#include "crypto.h"
#include "db.h"
#include "image.h"
#include "log.h"
#include "photo.h"
#include "setting.h"
#include "store.h"

static const struct {
	const char	*name;
	const char	*label;
} kinds[PHOTO_KIND__MAX] = {
	[PHOTO_BEFORE] = { "before", "Before" },
	[PHOTO_AFTER] = { "after", "After" },
	[PHOTO_DISPUTE] = { "dispute", "Evidence from the vendor" },
};

/*
 * When each kind may be added: before photos once the job has started,
 * after photos until it is completed; so both only while in progress.
 */
static const struct {
	enum photo_kind		 kind;
	enum booking_status	 status;
} photo_windows[] = {
	/* kind		booking status */
	{ PHOTO_BEFORE,	BK_IN_PROGRESS },
	{ PHOTO_AFTER,	BK_IN_PROGRESS },
	/* The vendor's answer to a dispute (dispute.c). */
	{ PHOTO_DISPUTE, BK_DISPUTED },
};

const char *
photo_kind_name(enum photo_kind k)
{
	return k < PHOTO_KIND__MAX ? kinds[k].name : "";
}

const char *
photo_kind_label(enum photo_kind k)
{
	return k < PHOTO_KIND__MAX ? kinds[k].label : "";
}

/* "before" or "after"; returns 0 with *k set, or -1. */
int
photo_kind_parse(const char *s, enum photo_kind *k)
{
	int	i;

	for (i = 0; s != NULL && i < PHOTO_KIND__MAX; i++)
		if (strcmp(kinds[i].name, s) == 0) {
			*k = (enum photo_kind)i;
			return 0;
		}
	return -1;
}

static int
window_open(enum photo_kind kind, enum booking_status status)
{
	size_t	i;

	for (i = 0; i < sizeof(photo_windows) / sizeof(photo_windows[0]); i++)
		if (photo_windows[i].kind == kind &&
		    photo_windows[i].status == status)
			return 1;
	return 0;
}

static int64_t
kind_count(struct db *db, int64_t booking_id, enum photo_kind kind)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT count(*) FROM photos WHERE booking_id = :b AND kind = :k");
	int64_t		 n;

	db_bind_int(st, ":b", booking_id);
	db_bind_text(st, ":k", kinds[kind].name);
	db_step(st);
	n = db_int(st, 0);
	db_done(st);
	return n;
}

/*
 * Inside the transaction: the actor's job (or a pending one, which is
 * nobody's yet), in the right state, not full.  Every state that takes
 * photos has a vendor, so only the job's vendor ever gets past here.
 */
static enum photo_result
photo_allowed(struct db *db, struct arena *a, const struct actor *who,
    int64_t booking_id, enum photo_kind kind, const char **why)
{
	struct booking	b;

	/* A pending job has no vendor yet: it is told it has not started. */
	if (!booking_get(db, a, booking_id, &b) || (b.status != BK_PENDING &&
	    b.vendor_id != who->user_id)) {
		*why = "There is no such job among yours.";
		return PHOTO_NOT_FOUND;
	}
	if (!window_open(kind, b.status)) {
		*why = arena_printf(a, "%s photos can be added only after the "
		    "job has started and before it is completed; this booking "
		    "is “%s”.", kinds[kind].label,
		    booking_status_label(b.status));
		return PHOTO_WRONG_STATE;
	}
	if (kind_count(db, booking_id, kind) >= PHOTO_MAX_PER_KIND) {
		*why = arena_printf(a, "This job already has %d %s photos, the "
		    "most it can have.", PHOTO_MAX_PER_KIND, kinds[kind].name);
		return PHOTO_TOO_MANY;
	}
	return PHOTO_OK;
}

static int64_t
photo_insert(struct db *db, const struct actor *who, int64_t booking_id,
    enum photo_kind kind, const char *file, enum image_type type,
    size_t size, const char *description)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO photos (booking_id, kind, file, content_type, size, "
	    "description, uploaded_by, created_at) VALUES (:b, :k, :f, :t, "
	    ":s, :d, :u, unixepoch())");

	db_bind_int(st, ":b", booking_id);
	db_bind_text(st, ":k", kinds[kind].name);
	db_bind_text(st, ":f", file);
	db_bind_text(st, ":t", image_content_type(type));
	db_bind_int(st, ":s", (int64_t)size);
	db_bind_text(st, ":d", description);
	db_bind_int(st, ":u", who->user_id);
	if (db_step(st) != DB_DONE)
		log_fatal("photo: insert refused for %s", file);
	db_done(st);
	return db_last_id(db);
}

/*
 * Inside the caller's transaction: the checks, the row, its audit row and
 * the file, written last under a new random name in uploads_dir; *path
 * is for store_commit, which removes the file if the commit fails.  On
 * a refusal nothing is written and the caller rolls back.
 */
enum photo_result
photo_add_in(struct db *db, struct arena *a, const struct actor *who,
    const struct photo_upload *in, const char *uploads_dir,
    const char **path, const char **why)
{
	enum image_type		 type;
	enum photo_result	 rc;
	const char		*file;
	int64_t			 id, max_mb = setting(db, SET_PHOTO_MAX_MB);

	if (in->size == 0)
		return *why = "Choose a photo to upload: the file sent is "
		    "empty.", PHOTO_EMPTY;
	if (in->size > (size_t)max_mb * 1024 * 1024)
		return *why = arena_printf(a, "The photo is too large: at most "
		    "%lld MB is accepted.", (long long)max_mb), PHOTO_TOO_LARGE;
	if ((type = image_recognise(in->data, in->size)) == IMAGE_NONE)
		return *why = "This file is not a photo: choose a JPEG, PNG or "
		    "WebP image.", PHOTO_NOT_IMAGE;
	if ((rc = photo_allowed(db, a, who, in->booking_id, in->kind, why)) !=
	    PHOTO_OK)
		return rc;
	file = arena_printf(a, "%s.%s", crypto_token(a, 16),
	    image_extension(type));
	*path = arena_printf(a, "%s/%s", uploads_dir, file);
	id = photo_insert(db, who, in->booking_id, in->kind, file, type,
	    in->size, in->description != NULL ? in->description : "");
	audit_write(db, who, "photo.add", "photo", id, NULL,
	    json_pack("{s:I, s:s, s:s, s:s, s:I}", "booking_id",
	    (json_int_t)in->booking_id, "kind", kinds[in->kind].name, "file",
	    file, "content_type", image_content_type(type), "size",
	    (json_int_t)in->size));
	if (store_write(uploads_dir, *path, in->data, in->size) != 0)
		return *why = "The photo could not be stored just now. Please "
		    "try again later.", PHOTO_STORE_FAILED;
	return PHOTO_OK;
}

/*
 * The booking's vendor adds a photo while the job is in progress: the
 * row, its audit row and the file together or not at all.
 */
enum photo_result
photo_add(struct db *db, struct arena *a, const struct actor *who,
    int64_t booking_id, enum photo_kind kind, const void *data, size_t size,
    const char *description, const char *uploads_dir, const char **why)
{
	struct photo_upload	 in = { booking_id, kind, data, size,
				    description };
	enum photo_result	 rc;
	const char		*path;

	db_begin(db);
	if ((rc = photo_add_in(db, a, who, &in, uploads_dir, &path, why)) !=
	    PHOTO_OK) {
		db_rollback(db);
		return rc;
	}
	store_commit(db, path);
	return PHOTO_OK;
}

static void
photo_read(sqlite3_stmt *st, struct arena *a, struct photo *p)
{
	p->id = db_int(st, 0);
	p->booking_id = db_int(st, 1);
	if (photo_kind_parse(db_text_tmp(st, 2), &p->kind) != 0)
		log_fatal("photo: unknown kind %s", db_text_tmp(st, 2));
	p->file = db_text(st, 3, a);
	p->content_type = db_text(st, 4, a);
	p->size = db_int(st, 5);
	p->description = db_text(st, 6, a);
	p->uploaded_by = db_int(st, 7);
	p->created_at = db_int(st, 8);
}

/* A booking's photos, before ones first, each kind oldest first. */
size_t
photo_list(struct db *db, struct arena *a, int64_t booking_id,
    struct photo **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT id, booking_id, kind, file, content_type, size, "
	    "description, uploaded_by, created_at FROM photos "
	    "WHERE booking_id = :b ORDER BY kind = 'dispute', kind = 'after', id "
	    "LIMIT :n");
	size_t		 n = 0, max = PHOTO_KIND__MAX * PHOTO_MAX_PER_KIND;

	*out = arena_alloc(a, sizeof(**out) * max);
	db_bind_int(st, ":b", booking_id);
	db_bind_int(st, ":n", (int64_t)max);
	while (n < max && db_step(st) == DB_ROW)
		photo_read(st, a, &(*out)[n++]);
	db_done(st);
	return n;
}

/* Returns 1 and fills *p if the photo exists; callers check access. */
int
photo_get(struct db *db, struct arena *a, int64_t id, struct photo *p)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT id, booking_id, kind, file, content_type, size, "
	    "description, uploaded_by, created_at FROM photos WHERE id = :id");
	int		 found = 0;

	db_bind_int(st, ":id", id);
	if (db_step(st) == DB_ROW) {
		photo_read(st, a, p);
		found = 1;
	}
	db_done(st);
	return found;
}
