/* booking.h: the booking area's handlers, shared between its route table and page files. */
#ifndef HS_BOOKING_H
#define HS_BOOKING_H

struct web;

void	page_home(struct web *);
void	page_services(struct web *);
void	page_service(struct web *);
void	page_register(struct web *);
void	page_login(struct web *);
void	page_logout(struct web *);

#endif
