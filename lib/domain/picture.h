/* picture.h: public pictures (services, vendors' photos): checked by content, resized once into two WebP sizes, stored by content hash. */
#ifndef HS_PICTURE_H
#define HS_PICTURE_H

#include <stddef.h>

struct arena;
struct db;

/*
 * A stored picture: key names the files media/<key>-l.webp and
 * <key>-s.webp under the uploads dir (served at /media/), "" for none.
 */
struct picture {
	const char	*key;
	int		 width, height;		/* the large size */
	int		 thumb_width, thumb_height;
};

/* How wide each kind's two sizes are at most (aspect kept, never enlarged). */
enum picture_kind {
	PICTURE_SERVICE,	/* 640 and 160 */
	PICTURE_VENDOR,		/* 320 and 96 */
	PICTURE_KIND__MAX
};

enum picture_result {
	PICTURE_OK,
	PICTURE_EMPTY,		/* no bytes: 422 */
	PICTURE_TOO_LARGE,	/* over the photo_max_mb setting: 422 */
	PICTURE_NOT_IMAGE,	/* not JPEG, PNG or WebP by content: 422 */
	PICTURE_TOO_BIG,	/* too many pixels claimed: 422 */
	PICTURE_CORRUPT,	/* does not decode: 422 */
	PICTURE_STORE_FAILED,	/* the files could not be written: 503 */
};

enum picture_result picture_store(struct db *, struct arena *,
		    enum picture_kind, const void *, size_t,
		    const char *uploads_dir, struct picture *, const char **why);
/* In picture_url.c, apart: pages that only show pictures need no libgd. */
#define PICTURE_DIR	"media"
const char	*picture_url(struct arena *, const char *key, int thumb);

#endif
