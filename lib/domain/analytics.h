/* analytics.h: the operations figures over a range of days: bookings per day, revenue and trouble per week, the funnel, ratings, top services and vendor utilisation. */
#ifndef HS_ANALYTICS_H
#define HS_ANALYTICS_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

#define ANALYTICS_MAX_DAYS	366
#define ANALYTICS_DAY		86400
#define ANALYTICS_WEEK		(7 * ANALYTICS_DAY)
#define ANALYTICS_TOP_SERVICES	10
#define ANALYTICS_TOP_VENDORS	20

/*
 * Whole local days: [from, to) in UTC seconds, from the start of the
 * first day to the end of the last.  Days are 86,400 seconds (India
 * keeps no summer time), so day i of the range starts at from + i days
 * and week j (seven days from the first, the last one maybe shorter)
 * at from + 7j days.
 */
struct analytics_range {
	int64_t	from;
	int64_t	to;
	size_t	days;
	size_t	weeks;
};

/* The funnel's stages, in the order a booking reaches them. */
enum analytics_stage {
	STAGE_BOOKED,
	STAGE_ACCEPTED,
	STAGE_COMPLETED,
	STAGE_SIGNED,
	STAGE_PAID,
	STAGE__MAX
};

struct analytics_week {
	int64_t	captured_paise;	/* payments captured in the week */
	int64_t	refunded_paise;	/* refunds made in the week */
	int64_t	cancelled;	/* bookings cancelled in the week */
	int64_t	disputed;	/* bookings disputed in the week */
};

struct analytics_service {
	int64_t		 service_id;
	const char	*name;
	int64_t		 bookings;
};

struct analytics_vendor {
	int64_t		 vendor_id;
	const char	*username;
	const char	*business_name;	/* "" when none */
	int64_t		 jobs;
	int64_t		 minutes;	/* booked: the jobs' lengths */
};

struct analytics {
	int64_t			*per_day;	/* days: bookings made */
	struct analytics_week	*weeks;		/* weeks */
	int64_t			 funnel[STAGE__MAX];
	int64_t			 ratings[5];	/* [0]: one star */
	struct analytics_service *services;	/* the busiest, busiest first */
	size_t			 nservices;
	struct analytics_vendor	*vendors;	/* the busiest, busiest first */
	size_t			 nvendors;
	int64_t			 active_vendors;
	int64_t			 idle_vendors;	/* active, with no job */
	int64_t			 booked_minutes; /* of every active vendor */
	int64_t			 open_minutes;	/* one vendor's: hours x days */
};

int		 analytics_range_days(struct analytics_range *, int64_t from,
		    int64_t to);
void		 analytics_read(struct db *, struct arena *,
		    const struct analytics_range *, struct analytics *);
const char	*analytics_stage_label(enum analytics_stage);

#endif
