/* catalog.h: service categories and services: public listing, full-text search, staff editing. */
#ifndef HS_CATALOG_H
#define HS_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "picture.h"

struct actor;
struct arena;
struct db;

#define CATALOG_MIN_PAISE	100		/* ₹1 */
#define CATALOG_MAX_PAISE	10000000	/* ₹1,00,000 */
#define CATALOG_MAX_RESULTS	200
#define CATALOG_MAX_CATEGORIES	200	/* the admin may make no more */
#define CATALOG_MAX_LIST_ITEMS	12	/* lines of included, not_included */
#define CATALOG_MAX_LIST_ITEM	120	/* characters a line */

/*
 * A category.  The slug is its key everywhere (services, bookings,
 * vendors) and never changes; the name is only what is shown.  An
 * inactive category and its services are hidden from customers.
 */
struct category {
	int64_t		 id;
	const char	*slug;
	const char	*name;
	int64_t		 position;
	int		 active;
	int64_t		 active_services;
	int64_t		 services;	/* active or not */
	int64_t		 updated_at;
};

struct service {
	int64_t		 id;
	const char	*name;
	const char	*category;	/* slug */
	const char	*category_name;
	const char	*description;
	int64_t		 price_paise;
	int64_t		 duration_minutes;
	int		 active;		/* the service's own switch */
	int		 category_active;
	int64_t		 created_at;
	int64_t		 updated_at;
	const char	*included;	/* one item a line; "" for none */
	const char	*not_included;
	struct picture	 image;		/* key "" for none */
};

/* What staff may set on a service. */
struct service_input {
	const char	*name;
	const char	*category;
	const char	*description;
	int64_t		 price_paise;
	int64_t		 duration_minutes;
	int		 active;
	/* Last, so older initialisers leave them NULL: "" and no picture. */
	const char	*included;
	const char	*not_included;
	struct picture	 image;
};

int64_t	catalog_version(struct db *);
size_t	catalog_categories(struct db *, struct arena *, struct category **);
size_t	catalog_categories_all(struct db *, struct arena *,
	    struct category **);
int	catalog_category_exists(struct db *, const char *);
int	catalog_category_active(struct db *, const char *);
const char *catalog_category_name(struct db *, struct arena *, const char *);
int	catalog_offered(const struct service *);
size_t	catalog_search(struct db *, struct arena *, const char *q,
	    const char *category, int include_inactive, struct service **);
int	catalog_get(struct db *, struct arena *, int64_t, struct service *);
int64_t	catalog_create(struct db *, const struct actor *,
	    const struct service_input *);
int	catalog_update(struct db *, struct arena *, const struct actor *,
	    int64_t, const struct service_input *);
int	catalog_set_active(struct db *, struct arena *, const struct actor *,
	    int64_t, int);
char	*catalog_fts_query(struct arena *, const char *);
const char *catalog_list_normalise(struct arena *, const char *,
	    const char **);
void	catalog_input_from(const struct service *, struct service_input *);

#endif
