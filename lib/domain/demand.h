/* demand.h: booking attempts refused because no vendor serves the pincode and category, and demand per pincode and category: where customers are turned away. */
#ifndef HS_DEMAND_H
#define HS_DEMAND_H

#include <stddef.h>
#include <stdint.h>

struct actor;
struct arena;
struct db;

#define DEMAND_ROWS_MAX	200

/* One pincode and category over a range of days. */
struct demand_line {
	const char	*pincode;
	const char	*category;	/* slug */
	int64_t		 bookings;	/* made in the range */
	int64_t		 refused;	/* attempts refused in the range */
	int64_t		 vendors;	/* active vendors serving it now */
};

/* Every pincode and category with demand in the range, added up. */
struct demand_totals {
	int64_t		 pairs;
	int64_t		 bookings;
	int64_t		 refused;
};

void	demand_refused(struct db *, const struct actor *, int64_t service_id,
	    const char *pincode);
size_t	demand_list(struct db *, struct arena *, int64_t from, int64_t to,
	    size_t limit, struct demand_line **, struct demand_totals *);

#endif
