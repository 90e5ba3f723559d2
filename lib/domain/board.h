/* board.h: the vendor's job board: its pages, its capped count and the customer's history shown beside each job. */
#ifndef HS_BOARD_H
#define HS_BOARD_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct booking;
struct db;

#define BOARD_PAGE		20	/* jobs per page */
#define BOARD_MAX_PAGE		50	/* pages reached by page=N */
#define BOARD_COUNT_CAP		1000	/* "1,000+" beyond this */
#define BOARD_HISTORY_CAP	10	/* "10+ past bookings" beyond */

/*
 * What the vendor narrowed the board to: NULL pincode or category and
 * from 0, to 0 (the day, as UTC seconds) mean any.  The caller checks
 * the pincode and category are the vendor's own.
 */
struct board_filter {
	const char	*pincode;
	const char	*category;
	int64_t		 from;
	int64_t		 to;
};

/*
 * The jobs [offset, offset + limit) soonest first, each with how many
 * bookings its customer has paid for in the same place of *done (the
 * page says "10+" beyond BOARD_HISTORY_CAP).  Names, addresses and
 * notes are left empty.
 */
size_t		 board_page(struct db *, struct arena *, int64_t vendor,
		    int64_t now, const struct board_filter *, size_t offset,
		    size_t limit, struct booking **, int64_t **done);
int64_t		 board_count(struct db *, struct arena *, int64_t vendor,
		    int64_t now, const struct board_filter *, int64_t cap);

#endif
