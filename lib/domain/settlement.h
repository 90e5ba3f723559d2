/* settlement.h: every rule that moves money, above bookings, payments and payouts: a completed job opens its payment, a signed one is captured and earns its vendor, refunds and their clawbacks, expired signatures, dispute outcomes, manual payments; bookings, payments and payouts never call each other. */
#ifndef HS_SETTLEMENT_H
#define HS_SETTLEMENT_H

#include <stddef.h>
#include <stdint.h>

#include "booking.h"
#include "dispute.h"
#include "payment.h"
#include "signature.h"

struct actor;
struct arena;
struct db;

enum booking_result settle_complete(struct db *, struct arena *,
		    const struct actor *, int64_t booking_id);
enum payment_result settle_capture(struct db *, struct arena *,
		    const struct actor *, int64_t booking_id, const char **why);
/*
 * The customer signs and pays in one step: signature id with a rating
 * and comments, its booking's payment already held (authorised) or
 * paid.  OK: the money is taken and the signature, the capture and the
 * booking 'paid' are committed together.  A refusal of the signature
 * (closed, signed, a bad rating) is *sig with REFUSED or NOT_FOUND; a
 * payment not held yet (or cancelled) is REFUSED with *sig OK; a
 * failed capture is DECLINED or UNAVAILABLE, with nothing signed.  A
 * free follow-up visit, or a booking with no payment row at all (none
 * to take), is signed as before.
 */
enum payment_result settle_sign(struct db *, struct arena *,
		    const struct actor *, int64_t signature_id, int64_t rating,
		    const char *comments, enum signature_result *sig,
		    const char **why);
enum payment_result settle_capture_payment(struct db *, struct arena *,
		    const struct actor *, int64_t payment_id, const char **why);
enum payment_result settle_refund(struct db *, struct arena *,
		    const struct actor *, int64_t payment_id, int64_t amount_paise,
		    const char *reason, const char **why);
enum payment_result settle_refunded_by_gateway(struct db *, struct arena *,
		    const struct actor *, int64_t payment_id,
		    int64_t refunded_total);
enum booking_result settle_cancel(struct db *, struct arena *,
		    const struct actor *, int64_t booking_id,
		    const char *reason, int64_t shown_fee, int64_t now,
		    int64_t *fee, const char **why);
size_t		 settle_expire_signatures(struct db *, struct arena *,
		    int64_t now);
enum payment_result settle_manual(struct db *, struct arena *,
		    const struct actor *, int64_t booking_id, const char *method,
		    int64_t amount_paise, const char *reference, int64_t *id,
		    const char **why);

/* Operations' decision on a dispute (settle_dispute). */
struct settle_decision {
	enum dispute_outcome	 outcome;
	int64_t			 amount_paise;	/* refund_partial */
	const char		*note;		/* to both parties */
	int			 redo_board;	/* redo: another vendor may take it */
	int64_t			 redo_at;	/* redo: when */
};

enum payment_result settle_dispute(struct db *, struct arena *,
		    const struct actor *, int64_t booking_id,
		    const struct settle_decision *, int64_t *redo,
		    const char **why);

#endif
