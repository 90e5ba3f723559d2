/* signature.h: the customer's satisfaction signature, in a window (a setting): request, sign, reject, expire, verify. */
#ifndef HS_SIGNATURE_H
#define HS_SIGNATURE_H

#include <stddef.h>
#include <stdint.h>

struct actor;
struct arena;
struct db;

#define SIGNATURE_COMMENTS_MAX	1000		/* characters */
#define SIGNATURE_REASON_MAX	1000

enum signature_status {
	SIG_REQUESTED,
	SIG_SIGNED,
	SIG_REJECTED,
	SIG_EXPIRED,
	SIG__MAX
};

/*
 * One row of `signatures`, with the booking facts the signed record
 * covers (vendor, service, price), read through a join.
 */
struct signature {
	int64_t			 id;
	int64_t			 booking_id;
	int64_t			 customer_id;
	int64_t			 vendor_id;
	int64_t			 service_id;
	int64_t			 price_paise;
	enum signature_status	 status;
	int64_t			 requested_at;
	int64_t			 expires_at;
	int64_t			 signed_at;	/* 0 until signed */
	int64_t			 rating;	/* 0 until signed */
	const char		*comments;
	const char		*reject_reason;
	const char		*sha256;	/* NULL until signed */
	const char		*ed25519;	/* NULL until signed */
};

enum signature_result {
	SIGNATURE_OK,
	SIGNATURE_NOT_FOUND,	/* or not this user's: 404 */
	SIGNATURE_REFUSED,	/* wrong state, signed, closed: 409, *why */
	SIGNATURE_INVALID,	/* rating outside 1-5, no reason: 422 */
};

const char	*signature_status_name(enum signature_status);
const char	*signature_status_label(enum signature_status);
const char	*signature_closed(const struct signature *, int64_t now);

/*
 * The booking's vendor asks its customer to sign: the booking goes
 * completed -> signature_requested and a 'requested' row is made that
 * expires a signature window later (a setting), with its audit row, in one
 * transaction.  NOT_FOUND when it is not the actor's booking; REFUSED
 * (with booking_refusal's sentence in *why) in any other state.
 */
enum signature_result signature_request(struct db *, struct arena *,
		    const struct actor *, int64_t booking_id, int64_t *id,
		    const char **why);

/*
 * The booking's customer signs with a rating of 1 to 5 and comments:
 * the row becomes 'signed' with signed_at, rating, comments, the
 * SHA-256 and the Ed25519 signature below; the booking becomes
 * 'signed'; the rating becomes a review; one transaction with its
 * audit row.  NOT_FOUND when it is not the actor's; REFUSED once
 * signed, rejected or expired, or at or after expires_at ("The window
 * to sign has closed."); INVALID for a rating outside 1-5.
 */
enum signature_result signature_sign(struct db *, struct arena *,
		    const struct actor *, int64_t id, int64_t rating,
		    const char *comments, const char **why);

/*
 * The customer rejects instead, with a reason (required): the row
 * becomes 'rejected' and the booking 'disputed'.  Results as for
 * signature_sign; INVALID for an empty reason.
 */
enum signature_result signature_reject(struct db *, struct arena *,
		    const struct actor *, int64_t id, const char *reason,
		    const char **why);

/*
 * The requests whose window closed, SIGNATURE_EXPIRE_BATCH at most
 * after a cursor; and one of them made 'expired' with its booking (by
 * the system) in its own transaction.  settle_expire_signatures joins
 * them and takes the payment that was held.
 */
#define SIGNATURE_EXPIRE_BATCH	100
size_t		 signature_expiring(struct db *, struct arena *,
		    int64_t after, int64_t now, int64_t **ids);
int		 signature_expire(struct db *, struct arena *,
		    const struct actor *, int64_t id, int64_t now,
		    int64_t *booking_id);

/* 1 and *out when it exists; callers check who may see it. */
int		 signature_get(struct db *, struct arena *, int64_t,
		    struct signature *);
int		 signature_for_booking(struct db *, struct arena *, int64_t,
		    struct signature *);

/*
 * The two values a signed record stores, both over its own fields:
 *
 * sha256: the lower-case hex SHA-256 of the ASCII text
 *     "{booking_id}_{customer_id}_{signed_at}_{rating}"
 *   with signed_at in ISO 8601 UTC ("2025-01-31T09:05:00Z"), e.g.
 *     "12_2_2025-01-31T09:05:00Z_5".
 *
 * ed25519: the base64 (RFC 4648, with padding) Ed25519 signature by
 *   the platform's key (keys/signing.pem) over the canonical text
 *   below, byte for byte: eleven lines, each "name=value" after the
 *   first, each ending in one "\n" (the last one too), decimal
 *   integers without signs or leading zeros, no other whitespace:
 *
 *     homeserve-signature-v1
 *     signature_id={signatures.id}
 *     booking_id={booking_id}
 *     customer_id={customer_id}
 *     vendor_id={the booking's vendor_id}
 *     service_id={the booking's service_id}
 *     price_paise={the booking's price_paise}
 *     rating={rating}
 *     signed_at={signed_at, ISO 8601 UTC as above}
 *     comments_sha256={lower-case hex SHA-256 of the comments' UTF-8 bytes}
 *     sha256={the sha256 column}
 *
 * Anyone with the public key (GET /signatures/public-key.pem) checks a
 * record offline with
 *   openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin \
 *       -in record.txt -sigfile record.sig
 * where record.txt is that text and record.sig the 64 raw bytes.
 */
char		*signature_hash_input(struct arena *, const struct signature *);
char		*signature_record(struct arena *, const struct signature *);

/*
 * Rebuild both from the stored fields: *hash_ok when the stored
 * sha256 matches, *sig_ok when the stored Ed25519 signature verifies
 * over the rebuilt record.  Returns 0, or -1 (both 0) when the record
 * is not signed and there is nothing to check.
 */
int		 signature_verify(struct arena *, const struct signature *,
		    int *hash_ok, int *sig_ok);

#endif
