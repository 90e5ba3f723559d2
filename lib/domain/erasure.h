/* erasure.h: deleting an account at its owner's request, as India's DPDP Act expects: personal data erased, the records others rely on kept under an anonymous label. */
#ifndef HS_ERASURE_H
#define HS_ERASURE_H

#include <stddef.h>
#include <stdint.h>

#include "account.h"

struct actor;
struct arena;
struct db;

/* What a booking's street address becomes once its customer is erased. */
#define ERASURE_ADDRESS		"Address erased at the request of the customer"
/* At most this many reasons are named on the page. */
#define ERASURE_REASONS_MAX	10

enum erasure_result {
	ERASURE_OK,
	ERASURE_WRONG_PASSWORD,
	ERASURE_PASSWORD_HELD,	/* too many wrong ones (profile_reauth) */
	ERASURE_REFUSED,	/* open bookings, payments due, or staff */
};

size_t	erasure_blockers(struct db *, struct arena *, int64_t user, enum role,
	    const char ***reasons);
enum erasure_result erasure_run(struct db *, struct arena *,
	    const struct actor *, int64_t user, enum role,
	    const char *password);

#endif
