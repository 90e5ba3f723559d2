/* payout.h: vendors' earnings from captured payments, the commission setting, and monthly payouts. */
#ifndef HS_PAYOUT_H
#define HS_PAYOUT_H

#include <stddef.h>
#include <stdint.h>

struct actor;
struct arena;
struct db;

#define PAYOUT_REFERENCE_MAX	100

struct payout {
	int64_t		 id;
	int64_t		 vendor_id;
	const char	*vendor_name;
	const char	*month;		/* "YYYY-MM", local time */
	int64_t		 amount_paise;
	int		 paid;
	const char	*reference;	/* NULL while pending */
	int64_t		 paid_at;
	const char	*paid_by_name;
	int64_t		 earnings;	/* how many earnings it sums */
	int64_t		 created_at;
};

/* A vendor's month: what was earned, and how much of it is paid out. */
struct earning_month {
	const char	*month;
	int64_t		 count;
	int64_t		 gross_paise;
	int64_t		 commission_paise;
	int64_t		 net_paise;
	int64_t		 paid_paise;
	int64_t		 pending_paise;
};

/* One earning with what it came from, for the vendor's list. */
struct earning {
	int64_t		 booking_id;
	int		 clawback;	/* a refund taking the share back */
	const char	*reason;	/* a clawback's, a fee's, else "" */
	const char	*service_name;
	int64_t		 gross_paise;
	int64_t		 commission_paise;
	int64_t		 net_paise;
	int		 paid;
	int64_t		 created_at;
};

enum payout_result {
	PAYOUT_OK,
	PAYOUT_NOT_FOUND,	/* 404 */
	PAYOUT_REFUSED,		/* already paid: 409 */
	PAYOUT_NEGATIVE,	/* below zero: the vendor owes it: 409 */
};

/* The commission_percent setting in hundredths of a percent (1500 = 15%). */
int64_t		 payout_commission_rate(struct db *);

/* "YYYY-MM" of a time in the display zone. */
char		*payout_month(struct arena *, int64_t utc);

/* The platform's share: amount x rate / 10000, half up (rate 1500 = 15%). */
int64_t		 payout_commission(int64_t amount_paise, int64_t rate_hundredths);

/* What a captured payment earns its vendor. */
struct payout_earning_in {
	int64_t		 payment_id;
	int64_t		 booking_id;
	int64_t		 vendor_id;
	int64_t		 gross_paise;	/* the amount captured */
	int64_t		 at;		/* when: its month is the payout's */
	const char	*reason;	/* NULL, or what it was for ("Late-cancellation fee") */
};

/*
 * Inside the capture's transaction: the payment's earning (its amount
 * minus the commission) added to the vendor's pending payout for the
 * month of at, with an audit row.  Returns the earning's net and
 * commission, and the month.
 */
void		 payout_earning_add(struct db *, struct arena *,
		    const struct actor *, const struct payout_earning_in *,
		    int64_t *net, int64_t *commission, const char **month);

/* What a refund takes back from the vendor of its payment. */
struct payout_clawback_in {
	int64_t		 payment_id;
	int64_t		 booking_id;
	int64_t		 vendor_id;
	int64_t		 refund_paise;
	int64_t		 at;
	const char	*reason;
};

int64_t		 payout_clawback_add(struct db *, struct arena *,
		    const struct actor *, const struct payout_clawback_in *,
		    const char **month);

/* Payouts, pending (paid 0) oldest month first, or paid newest first. */
size_t		 payout_list(struct db *, struct arena *, int paid,
		    size_t limit, struct payout **);
int		 payout_get(struct db *, struct arena *, int64_t,
		    struct payout *);

/*
 * Ops mark a pending payout paid with the bank's reference: one
 * transaction with the audit row and the vendor's notification.
 */
enum payout_result payout_mark_paid(struct db *, struct arena *,
		    const struct actor *, int64_t id, const char *reference);

/* A vendor's months, newest first, and their latest earnings. */
size_t		 payout_vendor_months(struct db *, struct arena *, int64_t,
		    struct earning_month **);
size_t		 payout_vendor_earnings(struct db *, struct arena *, int64_t,
		    size_t limit, struct earning **);
size_t		 payout_vendor_payouts(struct db *, struct arena *, int64_t,
		    size_t limit, struct payout **);

#endif
