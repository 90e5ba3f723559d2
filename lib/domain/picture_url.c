/* picture_url.c: where nginx serves a stored picture, apart from picture.c so that showing one never links libgd. */
#include "arena.h"
#include "picture.h"

/* The URL of a stored picture's large or small size. */
const char *
picture_url(struct arena *a, const char *key, int thumb)
{
	return arena_printf(a, "/%s/%s-%s.webp", PICTURE_DIR, key,
	    thumb ? "s" : "l");
}
