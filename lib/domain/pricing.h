/* pricing.h: demand pricing: a factor per pincode and category from the last 14 days' demand per active vendor, or an operations override, and the price it makes. */
#ifndef HS_PRICING_H
#define HS_PRICING_H

#include <stddef.h>
#include <stdint.h>

struct actor;
struct arena;
struct db;
struct service;

/*
 * Factors are hundredths: 100 is 1.00 (the catalogue price), 110 is
 * 1.10.  The formula (pricing_factor_compute):
 *
 *   demand = bookings made + attempts refused for want of a vendor,
 *            over the PRICING_WINDOW_DAYS before the run
 *   per vendor = demand / active vendors (verified, not blocked)
 *   factor = 1.00 + 0.05 x floor((per vendor - 10) / 2) above 10,
 *            else 1.00; no demand: 1.00; demand but no vendor: the cap
 *
 * and never above the cap: pricing_max_factor rounded down to a step.
 */
#define PRICING_WINDOW_DAYS	14
#define PRICING_BASELINE	10	/* requests per vendor at 1.00 */
#define PRICING_STEP_DEMAND	2	/* more per vendor for each step */
#define PRICING_STEP		5	/* 0.05 */
#define PRICING_NONE		100	/* 1.00 */
#define PRICING_REASON_MIN	3	/* an override's reason, characters */
#define PRICING_REASON_MAX	500
#define PRICING_LIST_MAX	200	/* rows on /ops/pricing */

struct pricing_demand {
	int64_t		 bookings;
	int64_t		 refused;	/* booking_refusals rows */
	int64_t		 vendors;
};

/* What a customer is asked to pay for a service in a pincode. */
struct pricing_quote {
	int64_t		 price_paise;	/* the catalogue's, adjusted */
	int64_t		 factor;	/* 100 when nothing was added */
};

/* One pincode and category as /ops/pricing shows it. */
struct pricing_row {
	const char	*pincode;
	const char	*category;	/* slug */
	int64_t		 computed;	/* the job's factor */
	struct pricing_demand demand;	/* the figures behind it */
	int64_t		 computed_at;
	int64_t		 override;	/* 0: none */
	const char	*reason;
	const char	*override_by;	/* username */
	int64_t		 override_at;
	int64_t		 in_force;	/* either, within today's cap */
};

enum pricing_result {
	PRICING_OK,
	PRICING_BAD_FACTOR,	/* outside 1.00..cap or not a step: 422 */
	PRICING_NOT_FOUND,	/* no override to remove: 404 */
};

int64_t		 pricing_cap(int64_t max_setting);
int64_t		 pricing_factor_compute(const struct pricing_demand *,
		    int64_t cap);
int64_t		 pricing_price(int64_t paise, int64_t factor);
int		 pricing_factor_parse(const char *, int64_t *factor);
char		*pricing_factor_text(struct arena *, int64_t factor);

int64_t		 pricing_factor(struct db *, const char *pincode,
		    const char *category);
void		 pricing_quote(struct db *, const struct service *,
		    const char *pincode, struct pricing_quote *);
int64_t		 pricing_booking_factor(struct db *, int64_t booking);
size_t		 pricing_list(struct db *, struct arena *, const char *pincode,
		    size_t limit, struct pricing_row **);
size_t		 pricing_recompute(struct db *, struct arena *,
		    const struct actor *, int64_t now);
enum pricing_result pricing_override_set(struct db *, struct arena *,
		    const struct actor *, const char *pincode,
		    const char *category, int64_t factor, const char *reason,
		    const char **why);
enum pricing_result pricing_override_remove(struct db *, struct arena *,
		    const struct actor *, const char *pincode,
		    const char *category);

#endif
