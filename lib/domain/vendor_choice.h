/* vendor_choice.h: the vendors a customer may choose for a booking (verified, unblocked, serving the category in the pincode) with their rating, jobs done and experience; and what a pincode can book. */
#ifndef HS_VENDOR_CHOICE_H
#define HS_VENDOR_CHOICE_H

#include <stddef.h>
#include <stdint.h>

#include "review.h"

struct arena;
struct db;

#define VENDOR_CHOICE_MAX	20	/* the booking form lists the best 20 */

/* One vendor on the booking form's list. */
struct vendor_choice {
	int64_t			 user_id;
	const char		*name;		/* ACCOUNT_SHOWN_NAME's */
	struct review_summary	 rating;
	int64_t			 jobs_done;	/* completed and after */
	int64_t			 experience_years;	/* 0: not given */
	int64_t			 since;		/* first verified */
	const char		*photo;		/* picture key, "" for none */
	int			 photo_width;	/* its small size */
	int			 photo_height;
};

size_t	vendor_choice_list(struct db *, struct arena *, const char *category,
	    const char *pincode, size_t limit, struct vendor_choice **);
char	*vendor_choice_name(struct db *, struct arena *, int64_t);
size_t	vendor_choice_categories(struct db *, struct arena *,
	    const char *pincode, const char ***slugs);

#endif
