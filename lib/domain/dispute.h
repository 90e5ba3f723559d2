/* dispute.h: a disputed booking's case: the customer's reason, the vendor's one answer, operations' outcome; the money it moves is settlement.c's. */
#ifndef HS_DISPUTE_H
#define HS_DISPUTE_H

#include <stddef.h>
#include <stdint.h>

struct actor;
struct arena;
struct db;
struct photo_upload;

#define DISPUTE_TEXT_MAX	2000	/* characters, answer and note */
#define DISPUTE_PAGE		50

enum dispute_outcome {
	DISPUTE_RELEASE,	/* the payment is taken, the vendor paid */
	DISPUTE_REFUND_FULL,
	DISPUTE_REFUND_PARTIAL,	/* an amount; the vendor's share in proportion */
	DISPUTE_REDO,		/* a free follow-up visit; the payment held */
	DISPUTE__MAX
};

struct dispute {
	int64_t			 booking_id;
	int64_t			 opened_at;
	const char		*reason;	/* the customer's, at rejecting */
	const char		*response;	/* "" until the vendor answers */
	int64_t			 responded_at;	/* 0 until then */
	int			 resolved;
	enum dispute_outcome	 outcome;	/* when resolved */
	int64_t			 refund_paise;
	const char		*note;
	const char		*resolver_name;
	int64_t			 resolved_at;
	int64_t			 redo_booking_id;	/* 0: none */
};

/* A row of the open list, oldest first. */
struct dispute_line {
	int64_t		 booking_id;
	int64_t		 opened_at;
	int64_t		 price_paise;
	const char	*service_name;
	const char	*customer_name;
	const char	*vendor_name;
	const char	*reason;
	int		 answered;
};

/* One party's record, for the evidence page. */
struct dispute_history {
	int64_t		 bookings;	/* as customer, or jobs as vendor */
	int64_t		 disputes;
	int64_t		 ratings;	/* given, or received */
	int64_t		 average_tenths;
};

enum dispute_result {
	DISPUTE_OK,
	DISPUTE_NOT_FOUND,	/* no such dispute, or not this vendor's: 404 */
	DISPUTE_REFUSED,	/* answered already, or settled: 409 */
	DISPUTE_INVALID,	/* the text: 422 */
	DISPUTE_PHOTO,		/* the photo refused: *why, *photo_rc */
};

const char	*dispute_outcome_name(enum dispute_outcome);
const char	*dispute_outcome_label(enum dispute_outcome);
int		 dispute_outcome_parse(const char *, enum dispute_outcome *);
const char	*dispute_text_check(const char *, const char *what);

void		 dispute_open(struct db *, int64_t booking_id, int64_t now);
int		 dispute_get(struct db *, struct arena *, int64_t booking_id,
		    struct dispute *);
size_t		 dispute_list_open(struct db *, struct arena *, int64_t offset,
		    struct dispute_line **);
int64_t		 dispute_count_open(struct db *);
enum dispute_result dispute_respond(struct db *, struct arena *,
		    const struct actor *, int64_t booking_id, const char *body,
		    const struct photo_upload *, const char *uploads_dir,
		    int *photo_rc, const char **why);
int		 dispute_record(struct db *, const struct actor *,
		    int64_t booking_id, enum dispute_outcome, int64_t refund,
		    const char *note, int64_t redo_booking_id, int64_t now);
int64_t		 dispute_redo_default(int64_t now);
void		 dispute_history_customer(struct db *, int64_t user,
		    struct dispute_history *);
void		 dispute_history_vendor(struct db *, int64_t user,
		    struct dispute_history *);

#endif
