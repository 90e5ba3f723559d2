/* photo.h: a booking's before and after photos: files outside the web root, rows in `photos`. */
#ifndef HS_PHOTO_H
#define HS_PHOTO_H

#include <stddef.h>
#include <stdint.h>

struct actor;
struct arena;
struct db;

/* The largest photo accepted is the photo_max_mb setting (MiB). */
#define PHOTO_MAX_PER_KIND	10	/* per booking */
#define PHOTO_MAX_DESCRIPTION	300	/* characters */

enum photo_kind {
	PHOTO_BEFORE,
	PHOTO_AFTER,
	PHOTO_DISPUTE,	/* the vendor's answer to a dispute */
	PHOTO_KIND__MAX
};

struct photo {
	int64_t		 id;
	int64_t		 booking_id;
	enum photo_kind	 kind;
	const char	*file;		/* name under the uploads dir */
	const char	*content_type;
	int64_t		 size;
	const char	*description;
	int64_t		 uploaded_by;
	int64_t		 created_at;
};

/* What photo_add says; the caller maps each to an HTTP status. */
enum photo_result {
	PHOTO_OK,
	PHOTO_NOT_FOUND,	/* no such booking, or not this vendor's: 404 */
	PHOTO_WRONG_STATE,	/* not in progress: 409 */
	PHOTO_TOO_MANY,		/* PHOTO_MAX_PER_KIND reached: 409 */
	PHOTO_EMPTY,		/* no bytes: 422 */
	PHOTO_TOO_LARGE,	/* over the photo_max_mb setting: 422 */
	PHOTO_NOT_IMAGE,	/* not JPEG, PNG or WebP by content: 422 */
	PHOTO_STORE_FAILED,	/* the file could not be written: 503 */
};

const char	*photo_kind_name(enum photo_kind);
const char	*photo_kind_label(enum photo_kind);
int		 photo_kind_parse(const char *, enum photo_kind *);

/* One upload, as photo_add_in takes it. */
struct photo_upload {
	int64_t		 booking_id;
	enum photo_kind	 kind;
	const void	*data;
	size_t		 size;
	const char	*description;
};

enum photo_result photo_add_in(struct db *, struct arena *,
		    const struct actor *, const struct photo_upload *,
		    const char *uploads_dir, const char **path,
		    const char **why);
enum photo_result photo_add(struct db *, struct arena *, const struct actor *,
		    int64_t booking_id, enum photo_kind, const void *data,
		    size_t size, const char *description,
		    const char *uploads_dir, const char **why);
size_t		 photo_list(struct db *, struct arena *, int64_t booking_id,
		    struct photo **);
int		 photo_get(struct db *, struct arena *, int64_t,
		    struct photo *);

#endif
