/* ops-area.h: the staff area's handlers, shared between its route table and page files. */
#ifndef HS_OPS_AREA_H
#define HS_OPS_AREA_H

struct web;

void	page_ops_bookings(struct web *);
void	page_ops_bookings_csv(struct web *);
void	page_ops_booking(struct web *);
void	page_ops_booking_cancel(struct web *);
void	page_ops_booking_release(struct web *);
void	page_ops_booking_note(struct web *);
void	page_ops_booking_message(struct web *);
void	page_ops_vendors(struct web *);
void	page_ops_vendor(struct web *);
void	page_ops_vendor_document(struct web *);
void	page_ops_vendor_approve(struct web *);
void	page_ops_vendor_reject(struct web *);
void	page_ops_vendor_request_info(struct web *);
void	page_ops_vendor_flag(struct web *);
void	page_ops_vendor_suspend(struct web *);
void	page_ops_vendor_reinstate(struct web *);
void	page_ops_vendor_reverify(struct web *);
void	page_ops_document_accept(struct web *);
void	page_ops_document_reject(struct web *);
void	page_ops_outbox(struct web *);
void	page_ops_outbox_message(struct web *);
void	page_ops_outbox_retry(struct web *);
void	page_ops_signatures(struct web *);
void	page_ops_signatures_export(struct web *);
void	page_ops_alerts(struct web *);
void	page_ops_alert(struct web *);
void	page_ops_alert_ack(struct web *);
void	page_ops_alert_resolve(struct web *);
void	page_ops_analytics(struct web *);
void	page_ops_demand(struct web *);
void	page_ops_pricing(struct web *);
void	page_ops_pricing_remove(struct web *);

#endif
