/* slots.h: the start times a service can be booked at on each of the next days: inside the hours with the visit's length, after the lead time, with a verified vendor free in the pincode. */
#ifndef HS_SLOTS_H
#define HS_SLOTS_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

#define SLOTS_DAYS	7	/* the booking form offers today and 6 more */
#define SLOTS_NEAREST	6	/* alternatives offered for a full slot */

/* The rules of one day, all in UTC seconds except the minutes. */
struct slots_rules {
	int64_t		 day_start;	/* the local midnight */
	int64_t		 opens;		/* minutes after midnight */
	int64_t		 closes;	/* the visit ends by it */
	int64_t		 step;		/* minutes between starts */
	int64_t		 duration;	/* the visit's minutes */
	int64_t		 earliest;	/* now + the lead time */
	int64_t		 latest;	/* now + the horizon */
	int64_t		 buffer;	/* seconds a vendor keeps between jobs */
};

/* An eligible vendor's job that day; start == end: a vendor with none. */
struct slots_busy {
	int64_t		 vendor;
	int64_t		 start;
	int64_t		 end;
};

/* What is being booked, and where. */
struct slots_want {
	const char	*category;
	int64_t		 duration;	/* minutes */
	const char	*pincode;
};

size_t	 slots_compute(const struct slots_rules *, const struct slots_busy *,
	    size_t nbusy, int64_t *out, size_t max);
size_t	 slots_days(int64_t now, int64_t days[SLOTS_DAYS]);
int	 slots_on_grid(struct db *, int64_t day_start, int64_t when);
size_t	 slots_for_day(struct db *, struct arena *, const struct slots_want *,
	    int64_t day_start, int64_t now, int64_t **starts);
size_t	 slots_nearest(struct db *, struct arena *, const struct slots_want *,
	    int64_t wanted, int64_t now, int64_t *out, size_t max);

#endif
