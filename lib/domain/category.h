/* category.h: the super admin's changes to categories: create, rename, reorder, (de)activate, each audited; slugs made once from the name. */
#ifndef HS_CATEGORY_H
#define HS_CATEGORY_H

#include <stdint.h>

#include "catalog.h"

struct actor;
struct arena;
struct db;

#define CATEGORY_NAME_MIN	2	/* characters, after trimming */
#define CATEGORY_NAME_MAX	60
#define CATEGORY_POSITION_MAX	1000
#define CATEGORY_SLUG_MAX	40	/* as categories.slug's CHECK */

/* What the admin may set; the slug is not among it. */
struct category_input {
	const char	*name;
	int64_t		 position;
	int		 active;
};

enum category_result {
	CATEGORY_OK,
	CATEGORY_NOT_FOUND,
	CATEGORY_NAME_TAKEN,	/* by another category, in any case */
	CATEGORY_TOO_MANY,	/* CATALOG_MAX_CATEGORIES exist */
};

int			 category_get(struct db *, struct arena *, int64_t,
			    struct category *);
int64_t			 category_next_position(struct db *);
enum category_result	 category_create(struct db *, struct arena *,
			    const struct actor *, const struct category_input *,
			    int64_t *id);
enum category_result	 category_update(struct db *, struct arena *,
			    const struct actor *, int64_t,
			    const struct category_input *);
char			*category_slug_base(struct arena *, const char *name);

#endif
