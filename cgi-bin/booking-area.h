/* booking-area.h: the booking area's handlers, shared between its route table and page files. */
#ifndef HS_BOOKING_AREA_H
#define HS_BOOKING_AREA_H

struct booking;
struct tmpl_dict;
struct web;

void	page_home(struct web *);
void	page_services(struct web *);
void	page_service(struct web *);
void	page_register(struct web *);
void	page_login(struct web *);
void	page_logout(struct web *);
void	page_login_2fa(struct web *);
void	page_account(struct web *);
void	page_account_password(struct web *);
void	page_account_sessions(struct web *);
void	page_account_sessions_revoke(struct web *);
void	page_account_delete(struct web *);
void	page_account_deleted(struct web *);
void	page_account_2fa(struct web *);
void	page_account_2fa_qr(struct web *);
void	page_account_2fa_disable(struct web *);
void	page_booking_new(struct web *);
void	page_bookings(struct web *);
void	page_booking(struct web *);
void	page_booking_cancel(struct web *);
void	page_booking_reschedule(struct web *);
void	page_booking_message(struct web *);
void	page_notifications(struct web *);
void	page_notifications_read(struct web *);
void	page_notification_open(struct web *);
void	page_addresses(struct web *);
void	page_address_default(struct web *);
void	page_address_delete(struct web *);
void	page_password_forgot(struct web *);
void	page_password_reset(struct web *);
void	page_account_notifications(struct web *);
void	page_unsubscribe(struct web *);
void	page_signature_verify(struct web *);

/* The cancellation policy on the booking page and form (booking-changes.c). */
void	booking_changes_fill(struct web *, struct tmpl_dict *,
	    struct tmpl_dict *cancel, const struct booking *);
int	booking_fee_due_fill(struct web *, struct tmpl_dict *);

#endif
