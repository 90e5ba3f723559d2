/* address.h: a customer's saved addresses, one of them the default. */
#ifndef HS_ADDRESS_H
#define HS_ADDRESS_H

#include <stddef.h>
#include <stdint.h>

struct actor;
struct arena;
struct db;

#define ADDRESS_MAX	10

struct address {
	int64_t		 id;
	const char	*address;
	const char	*pincode;
	int		 is_default;
};

size_t	address_list(struct db *, struct arena *, int64_t user,
	    struct address **);
int	address_add(struct db *, const struct actor *, int64_t user,
	    const char *address, const char *pincode, int make_default);
void	address_insert(struct db *, int64_t user, const char *address,
	    const char *pincode, int make_default);
int	address_set_default(struct db *, const struct actor *, int64_t user,
	    int64_t id);
int	address_delete(struct db *, const struct actor *, int64_t user,
	    int64_t id);

#endif
