/* vault.h: the signature vault: every signature record, filtered, newest first, with both checks computed as it is read. */
#ifndef HS_VAULT_H
#define HS_VAULT_H

#include <stddef.h>
#include <stdint.h>

#include "signature.h"

struct arena;
struct db;

#define VAULT_PAGE	50	/* records a page of /ops/signatures shows */

/*
 * Which records: each field narrows, its "any" value does not.  A
 * record's time is when it was signed, or for one never signed when it
 * was requested; from and to bound it as [from, to) in UTC seconds.  A
 * rating means a signed record with that rating.
 */
struct vault_filter {
	int		 status;	/* an enum signature_status, or -1: any */
	int64_t		 rating;	/* 1 to 5, or 0: any */
	int64_t		 from;		/* INT64_MIN: no first day */
	int64_t		 to;		/* INT64_MAX: no last day */
};

/*
 * One record as the vault shows it: the signature (signature_get's
 * reading, so the checks see exactly what the record page sees), the
 * people's names, and when it is signed the two checks, computed now by
 * signature_verify over the stored fields.
 */
struct vault_record {
	struct signature	 s;
	const char		*customer_name;
	const char		*vendor_name;	/* "" when the booking has none */
	int			 checked;	/* signed: hash_ok and sig_ok hold */
	int			 hash_ok;	/* the stored SHA-256 matches */
	int			 sig_ok;	/* the Ed25519 signature verifies */
};

/* 1 when the record is signed and either check fails. */
int	 vault_failing(const struct vault_record *);

/*
 * Up to limit records matching f, newest first (by vault_time, then id),
 * after skipping offset; *out holds them.  Every record is checked.
 */
size_t	 vault_list(struct db *, struct arena *, const struct vault_filter *,
	    int64_t offset, size_t limit, struct vault_record **out);

/*
 * Every record matching f, in vault_list's order, one at a time to
 * fn(ctx, record), for a download of any length: each record is read
 * into scratch, which is reset before the next, so memory stays flat.
 * Stops early, returning fn's result, when fn returns non-zero; else 0.
 */
int	 vault_each(struct db *, struct arena *scratch,
	    const struct vault_filter *,
	    int (*fn)(void *, const struct vault_record *), void *ctx);

#endif
