/* ops-area.h: the staff area's handlers, shared between its route table and page files. */
#ifndef HS_OPS_AREA_H
#define HS_OPS_AREA_H

struct web;

void	page_ops_bookings(struct web *);
void	page_ops_booking(struct web *);
void	page_ops_booking_cancel(struct web *);
void	page_ops_outbox(struct web *);
void	page_ops_outbox_message(struct web *);
void	page_ops_outbox_retry(struct web *);

#endif
