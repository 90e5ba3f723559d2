/* reviews.h: reviews on the web: the block on service pages and the vendor's public profile. */
#ifndef HS_REVIEWS_H
#define HS_REVIEWS_H

#include <stdint.h>

#include "review.h"

struct tmpl_dict;
struct web;

/*
 * GET /vendors/{id}?before=N (booking area, public): a vendor's
 * categories, pincodes, average rating, count and reviews, a page at a
 * time.  404 for anyone who is not a vendor; 400 for a bad before.
 */
void	page_vendor_public(struct web *);

/* ?before=N of a review listing: 0 when absent, -1 when invalid (400). */
int64_t	reviews_before(struct web *);

/*
 * Include templates/reviews.tpl as {{>reviews}} in d, filled with the
 * average, the count and one page of reviews of the service or vendor
 * older than before (0: the newest); "Older reviews" links to
 * page_url?before=N.
 */
void	reviews_fill(struct web *, struct tmpl_dict *, enum review_of,
	    int64_t id, int64_t before, const char *page_url);

#endif
