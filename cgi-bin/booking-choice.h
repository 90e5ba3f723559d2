/* booking-choice.h: choosing a professional on the booking form, and "Book again". */
#ifndef HS_BOOKING_CHOICE_H
#define HS_BOOKING_CHOICE_H

#include <stdint.h>

struct booking;
struct service;
struct tmpl_dict;
struct web;

void	choice_fill(struct web *, struct tmpl_dict *, const struct service *,
	    const char *pincode, int64_t chosen, int refused);
void	choice_offer_fill(struct web *, struct tmpl_dict *,
	    const struct booking *);
int	choice_rebookable(const struct booking *);
void	page_booking_rebook(struct web *);

#endif
