/* vendor_face.c: a vendor's display name and profile photo (vendor_profiles, sql/033), read with their rating and jobs done for customers' pages. */
#include "account.h"
#include "arena.h"
#include "audit.h"
#include "db.h"
#include "log.h"
#include "vendor.h"
#include "vendor_face.h"

/*
 * Returns 1 and fills *f for a vendor with a profile, else 0.  One
 * query: the rating from reviews_vendor, the jobs from
 * bookings_vendor_status, as vendor_choice_list counts them.
 */
int
vendor_face_get(struct db *db, struct arena *a, int64_t vendor,
    struct vendor_face *f)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT u.id, " ACCOUNT_SHOWN_NAME("u") ", p.display_name, "
	    "p.photo, p.photo_width, p.photo_height, p.photo_thumb_width, "
	    "p.photo_thumb_height, "
	    "(SELECT count(*) FROM reviews r WHERE r.vendor_id = u.id), "
	    "(SELECT coalesce(CAST(round(avg(r.rating) * 10) AS INTEGER), 0) "
	    "FROM reviews r WHERE r.vendor_id = u.id), "
	    "(SELECT count(*) FROM bookings b WHERE b.vendor_id = u.id "
	    "AND b.status IN ('completed', 'signature_requested', 'signed', "
	    "'paid', 'resolved')) "
	    "FROM users u JOIN vendor_profiles p ON p.user_id = u.id "
	    "WHERE u.id = :v");
	int		 found = 0;

	db_bind_int(st, ":v", vendor);
	if (db_step(st) == DB_ROW) {
		f->user_id = db_int(st, 0);
		f->name = db_text(st, 1, a);
		f->display_name = db_text(st, 2, a);
		f->photo.key = db_text(st, 3, a);
		f->photo.width = (int)db_int(st, 4);
		f->photo.height = (int)db_int(st, 5);
		f->photo.thumb_width = (int)db_int(st, 6);
		f->photo.thumb_height = (int)db_int(st, 7);
		f->rating.count = db_int(st, 8);
		f->rating.average_tenths = db_int(st, 9);
		f->jobs_done = db_int(st, 10);
		found = 1;
	}
	db_done(st);
	return found;
}

/*
 * The vendor sets their display name ("" to go back to the fallback)
 * and, when photo is not NULL, a new photo (already stored by
 * picture_store).  One transaction with its audit row.  Returns 1, or 0
 * if the vendor has no profile.
 */
int
vendor_face_set(struct db *db, const struct actor *who, int64_t vendor,
    const char *display_name, const struct picture *photo)
{
	sqlite3_stmt	*st;
	int		 changed;

	db_begin(db);
	st = db_prepare(db,
	    "UPDATE vendor_profiles SET display_name = :n, "
	    "photo = CASE WHEN :keep THEN photo ELSE :p END, "
	    "photo_width = CASE WHEN :keep THEN photo_width ELSE :w END, "
	    "photo_height = CASE WHEN :keep THEN photo_height ELSE :h END, "
	    "photo_thumb_width = CASE WHEN :keep THEN photo_thumb_width "
	    "ELSE :tw END, "
	    "photo_thumb_height = CASE WHEN :keep THEN photo_thumb_height "
	    "ELSE :th END WHERE user_id = :v");
	db_bind_text(st, ":n", display_name);
	db_bind_int(st, ":keep", photo == NULL);
	db_bind_text(st, ":p", photo != NULL ? photo->key : "");
	db_bind_int(st, ":w", photo != NULL ? photo->width : 0);
	db_bind_int(st, ":h", photo != NULL ? photo->height : 0);
	db_bind_int(st, ":tw", photo != NULL ? photo->thumb_width : 0);
	db_bind_int(st, ":th", photo != NULL ? photo->thumb_height : 0);
	db_bind_int(st, ":v", vendor);
	if (db_step(st) != DB_DONE)
		log_fatal("vendor_face: update refused for vendor %lld",
		    (long long)vendor);
	db_done(st);
	if ((changed = db_changes(db)) == 0) {
		db_rollback(db);
		return 0;
	}
	audit_write(db, who, "vendor.face", "user", vendor, NULL,
	    json_pack("{s:s, s:s}", "display_name", display_name, "photo",
	    photo != NULL ? photo->key : "(kept)"));
	db_commit(db);
	return 1;
}

/*
 * The vendor's profile form as one action: categories and pincodes
 * (vendor_set_areas, which makes the profile if need be), then the
 * display name and photo, in one transaction.
 */
void
vendor_face_save(struct db *db, const struct actor *who, int64_t vendor,
    const struct vendor_face_form *in)
{
	db_begin(db);
	vendor_set_areas(db, who, vendor, in->categories, in->ncategories,
	    in->pincodes, in->npincodes);
	if (!vendor_face_set(db, who, vendor, in->display_name, in->photo))
		log_fatal("vendor_face: no profile for vendor %lld after "
		    "saving its areas", (long long)vendor);
	db_commit(db);
}
