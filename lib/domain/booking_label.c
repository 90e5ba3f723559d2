/* booking_label.c: a booking's status in words that speak to who is reading (customer, vendor or staff). */
#include "account.h"
#include "booking.h"
#include "booking_label.h"

/*
 * Where a status reads differently per reader; a NULL cell falls back
 * to the state machine's own label (booking_status_label), which is the
 * staff's neutral word.  Only the customer is "you" for the customer's
 * own step: the vendor and staff read about the customer.
 */
static const char *const labels[BK__MAX][BK_FOR__MAX] = {
	[BK_SIGNATURE_REQUESTED] = {
		[BK_FOR_STAFF] = "Awaiting customer signature",
		[BK_FOR_CUSTOMER] = "Waiting for your signature",
		[BK_FOR_VENDOR] = "Waiting for the customer's signature",
	},
};

/* Staff (and anyone not a customer or vendor) read the neutral word. */
enum booking_audience
booking_audience_of(unsigned role)
{
	if (role & ROLE_CUSTOMER)
		return BK_FOR_CUSTOMER;
	if (role & ROLE_VENDOR)
		return BK_FOR_VENDOR;
	return BK_FOR_STAFF;
}

const char *
booking_status_label_for(enum booking_status s, enum booking_audience a)
{
	if ((unsigned)s < BK__MAX && (unsigned)a < BK_FOR__MAX &&
	    labels[s][a] != NULL)
		return labels[s][a];
	return booking_status_label(s);
}
