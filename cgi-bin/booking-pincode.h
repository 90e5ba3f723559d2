/* booking-pincode.h: the pincode a visitor or customer shops for, remembered between visits. */
#ifndef HS_BOOKING_PINCODE_H
#define HS_BOOKING_PINCODE_H

struct web;

#define PINCODE_COOKIE		"hs_pincode"
#define PINCODE_COOKIE_AGE	(365 * 86400)	/* a year */

int		 pincode_valid(const char *);
const char	*pincode_remembered(struct web *);
void		 pincode_remember(struct web *, const char *);

#endif
