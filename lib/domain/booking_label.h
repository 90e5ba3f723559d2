/* booking_label.h: a booking's status in words that speak to who is reading (customer, vendor or staff). */
#ifndef HS_BOOKING_LABEL_H
#define HS_BOOKING_LABEL_H

#include "booking.h"

enum booking_audience {
	BK_FOR_STAFF,		/* ops, onboarding, admin: the neutral word */
	BK_FOR_CUSTOMER,	/* the booking's customer: "your" means them */
	BK_FOR_VENDOR,		/* its professional */
	BK_FOR__MAX
};

enum booking_audience booking_audience_of(unsigned role);
const char	*booking_status_label_for(enum booking_status,
		    enum booking_audience);

#endif
