/* picture.c: public pictures: the upload checked by content and size, resized by image_resize, stored once under its content hash. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "crypto.h"
#include "db.h"
#include "image.h"
#include "log.h"
#include "picture.h"
#include "setting.h"
#include "store.h"

#define PICTURE_KEY_LEN	32	/* hex digits of SHA-256 kept */

static const int picture_widths[PICTURE_KIND__MAX][2] = {
	[PICTURE_SERVICE] = { 640, 160 },
	[PICTURE_VENDOR] = { 320, 96 },
};

/* What each other image_resize refusal tells the person uploading. */
static const struct {
	enum image_result	 from;
	enum picture_result	 to;
	const char		*why;
} picture_refusals[] = {
	{ IMAGE_NOT_IMAGE, PICTURE_NOT_IMAGE, "This file is not a picture: "
	    "choose a JPEG, PNG or WebP image." },
	{ IMAGE_CORRUPT, PICTURE_CORRUPT, "This picture is damaged and cannot "
	    "be read: choose another file." },
};

/*
 * Write one size unless a file of that name is there already: the name
 * is the content's hash, so it holds these very bytes.  World-readable:
 * nginx serves it to anyone.  Returns 0 or -1.
 */
static int
picture_write(struct arena *a, const char *dir, const char *key,
    const char *suffix, const struct image_out *o)
{
	const char	*path = arena_printf(a, "%s/%s-%s.webp", dir, key, suffix);

	if (access(path, F_OK) == 0)
		return 0;
	if (store_write(dir, path, o->data, o->size) != 0)
		return -1;
	if (chmod(path, 0644) != 0)
		log_warn("picture: chmod %s: %s", path, strerror(errno));
	return 0;
}

/* uploads_dir/media, made on first use. */
static const char *
picture_dir(struct arena *a, const char *uploads_dir)
{
	const char	*dir = arena_printf(a, "%s/%s", uploads_dir, PICTURE_DIR);

	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		log_error("picture: mkdir %s: %s", dir, strerror(errno));
		return NULL;
	}
	return dir;
}

static enum picture_result
picture_refused(enum image_result rc, const char **why)
{
	size_t	i;

	for (i = 0; i < sizeof(picture_refusals) / sizeof(picture_refusals[0]);
	    i++)
		if (picture_refusals[i].from == rc) {
			*why = picture_refusals[i].why;
			return picture_refusals[i].to;
		}
	log_fatal("picture: unknown image result %d", (int)rc);
}

/*
 * Check, resize and store an upload, filling *out; with uploads_dir
 * NULL only check it (the form has other errors).  Files are written
 * before the caller's transaction records the key: one that is never
 * recorded is only an unused file, and a recorded key always has its
 * files.  Nothing is written on a refusal.
 */
enum picture_result
picture_store(struct db *db, struct arena *a, enum picture_kind kind,
    const void *data, size_t size, const char *uploads_dir,
    struct picture *out, const char **why)
{
	struct image_out	 o[2];
	enum image_result	 rc;
	const char		*dir;
	int64_t			 max_mb = setting(db, SET_PHOTO_MAX_MB);
	int64_t			 max_mp = setting(db,
				    SET_PICTURE_MAX_MEGAPIXELS);

	if (size == 0)
		return *why = "The file sent is empty: choose a picture.",
		    PICTURE_EMPTY;
	if (size > (size_t)max_mb * 1024 * 1024)
		return *why = arena_printf(a, "The picture is too large: at "
		    "most %lld MB is accepted.", (long long)max_mb),
		    PICTURE_TOO_LARGE;
	rc = image_resize(a, data, size, max_mp * 1000 * 1000,
	    picture_widths[kind], 2, o);
	if (rc == IMAGE_TOO_BIG)
		return *why = arena_printf(a, "This picture has too many "
		    "pixels: choose one of at most %lld megapixels.",
		    (long long)max_mp), PICTURE_TOO_BIG;
	if (rc != IMAGE_OK)
		return picture_refused(rc, why);
	out->key = arena_strndup(a, crypto_sha256_hex(a, o[0].data, o[0].size),
	    PICTURE_KEY_LEN);
	out->width = o[0].width;
	out->height = o[0].height;
	out->thumb_width = o[1].width;
	out->thumb_height = o[1].height;
	if (uploads_dir == NULL)
		return PICTURE_OK;	/* only checked: another field is wrong */
	if ((dir = picture_dir(a, uploads_dir)) == NULL ||
	    picture_write(a, dir, out->key, "l", &o[0]) != 0 ||
	    picture_write(a, dir, out->key, "s", &o[1]) != 0)
		return *why = "The picture could not be stored just now. "
		    "Please try again later.", PICTURE_STORE_FAILED;
	return PICTURE_OK;
}
