/* vendor_face.h: how customers see a professional: display name, profile photo, rating and jobs done. */
#ifndef HS_VENDOR_FACE_H
#define HS_VENDOR_FACE_H

#include <stddef.h>
#include <stdint.h>

#include "picture.h"
#include "review.h"

struct actor;
struct arena;
struct db;

#define VENDOR_DISPLAY_NAME_MAX	60	/* characters (sql/033) */

struct vendor_face {
	int64_t			 user_id;
	const char		*name;		/* ACCOUNT_SHOWN_NAME's rule */
	const char		*display_name;	/* as set; "" until then */
	struct picture		 photo;		/* key "" for none */
	struct review_summary	 rating;
	int64_t			 jobs_done;	/* completed and after */
};

/* What the vendor's profile form saves, already validated. */
struct vendor_face_form {
	const char *const	*categories;
	size_t			 ncategories;
	const char *const	*pincodes;
	size_t			 npincodes;
	const char		*display_name;
	const struct picture	*photo;		/* NULL: keep the current one */
};

int	vendor_face_get(struct db *, struct arena *, int64_t vendor,
	    struct vendor_face *);
int	vendor_face_set(struct db *, const struct actor *, int64_t vendor,
	    const char *display_name, const struct picture *photo);
void	vendor_face_save(struct db *, const struct actor *, int64_t vendor,
	    const struct vendor_face_form *);

#endif
