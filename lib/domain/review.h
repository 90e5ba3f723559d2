/* review.h: reviews from signed bookings: lists by service or vendor, with average and count. */
#ifndef HS_REVIEW_H
#define HS_REVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "picture.h"

struct arena;
struct db;

#define REVIEW_PAGE	10

struct review {
	int64_t		 id;
	int64_t		 booking_id;
	int64_t		 service_id;
	const char	*service_name;
	int64_t		 vendor_id;
	const char	*vendor_name;
	const char	*customer_name;
	int64_t		 rating;		/* 1 to 5 */
	const char	*comment;
	int64_t		 created_at;
	struct picture	 vendor_photo;	/* key "" for none; the thumb's size */
};

struct review_summary {
	int64_t		 count;
	int64_t		 average_tenths;	/* 45 is 4.5; 0 with no reviews */
};

enum review_of {
	REVIEW_OF_SERVICE,
	REVIEW_OF_VENDOR,
};

/*
 * Reviews of one service or one vendor, newest first, with ids below
 * before_id (0: from the newest); at most limit.  Returns how many.
 */
size_t	review_list(struct db *, struct arena *, enum review_of, int64_t id,
	    int64_t before_id, size_t limit, struct review **);
void	review_summary(struct db *, enum review_of, int64_t id,
	    struct review_summary *);
char	*review_average_text(struct arena *, const struct review_summary *);

#endif
