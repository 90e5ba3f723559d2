/* booking-view.h: how a booking is shown, shared by the customer, vendor and staff pages. */
#ifndef HS_BOOKING_VIEW_H
#define HS_BOOKING_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "booking.h"

struct booking;
struct tmpl_dict;
struct web;

void	booking_fill(struct web *, struct tmpl_dict *, const struct booking *);
void	booking_row_fill(struct web *, struct tmpl_dict *,
	    const struct booking_line *);
void	booking_timeline_fill(struct web *, struct tmpl_dict *, int64_t);
void	booking_thread_fill(struct web *, struct tmpl_dict *,
	    const struct booking *, const char *action, const char *error,
	    const char *draft);
const char *booking_result_text(int);
void	booking_refused(struct web *, enum booking_status, int,
	    enum booking_status);
const char *booking_url(struct web *, int64_t);
void	booking_error(struct web *, int, const char *, const char *,
	    int64_t);
const char *booking_label(const struct web *, enum booking_status);
int	booking_result_status(int);

#endif
