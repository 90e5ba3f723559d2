/* gateway.c: the table of payment gateways, looked up by the name a payment was made through. */
#include <stddef.h>
#include <string.h>

#include "gateway.h"

/* Every gateway the product knows (each declared in gateway.h). */
static const struct gateway *const gateways[] = {
	&gateway_test,		/* gateway_test.c */
	&gateway_manual,	/* gateway_test.c */
	&gateway_stripe,	/* gateway_stripe.c */
};

const struct gateway *
gateway_get(const char *name)
{
	size_t	i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < sizeof(gateways) / sizeof(gateways[0]); i++)
		if (strcmp(gateways[i]->name, name) == 0)
			return gateways[i];
	return NULL;
}
