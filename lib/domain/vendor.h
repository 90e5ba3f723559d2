/* vendor.h: vendor profiles: verification, the categories they do and the pincodes they serve. */
#ifndef HS_VENDOR_H
#define HS_VENDOR_H

#include <stddef.h>
#include <stdint.h>

struct actor;
struct arena;
struct db;

#define VENDOR_MAX_PINCODES	50

struct vendor_profile {
	int64_t		 user_id;
	const char	*username;
	int		 verified;
	int64_t		 member_since;
	const char	**categories;	/* slugs */
	size_t		 ncategories;
	const char	**pincodes;
	size_t		 npincodes;
};

int	vendor_get(struct db *, struct arena *, int64_t, struct vendor_profile *);
int	vendor_serves_category(const struct vendor_profile *, const char *);
void	vendor_set_areas(struct db *, const struct actor *, int64_t,
	    const char *const *categories, size_t ncategories,
	    const char *const *pincodes, size_t npincodes);
void	vendor_set_verified(struct db *, const struct actor *, int64_t, int);

#endif
