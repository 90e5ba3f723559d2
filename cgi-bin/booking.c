/* booking.c: the public and customer area, mounted at "/": its route table and main. */
#include "booking-area.h"
#include "booking-choice.h"
#include "payments-stripe.h"
#include "payments.h"
#include "photos.h"
#include "reviews.h"
#include "signatures.h"
#include "web.h"

static const struct web_route routes[] = {
	/* methods		path			roles		handler */
	{ WEB_GET,		"/",			WEB_PUBLIC,	page_home },
	{ WEB_GET,		"/services",		WEB_PUBLIC,	page_services },
	{ WEB_GET,		"/services/{id}",	WEB_PUBLIC,	page_service },
	{ WEB_GET | WEB_POST,	"/register",		WEB_PUBLIC,	page_register },
	{ WEB_GET | WEB_POST,	"/login",		WEB_PUBLIC,	page_login },
	{ WEB_POST,		"/logout",		WEB_PUBLIC,	page_logout },
	{ WEB_GET | WEB_POST,	"/login/2fa",		WEB_PUBLIC,	page_login_2fa },
	{ WEB_GET | WEB_POST,	"/bookings/new",	ROLE_CUSTOMER,	page_booking_new },
	{ WEB_GET,		"/bookings",		ROLE_CUSTOMER,	page_bookings },
	{ WEB_GET,		"/bookings/{id}",	ROLE_CUSTOMER,	page_booking },
	{ WEB_GET | WEB_POST,	"/bookings/{id}/cancel", ROLE_CUSTOMER,	page_booking_cancel },
	{ WEB_GET | WEB_POST,	"/bookings/{id}/reschedule", ROLE_CUSTOMER, page_booking_reschedule },
	{ WEB_POST,		"/bookings/{id}/rebook", ROLE_CUSTOMER,	page_booking_rebook },
	{ WEB_POST,		"/bookings/{id}/messages", ROLE_CUSTOMER | ROLE_VENDOR, page_booking_message },
	{ WEB_GET,		"/notifications",	ROLE_ANY,	page_notifications },
	{ WEB_POST,		"/notifications/read",	ROLE_ANY,	page_notifications_read },
	{ WEB_GET,		"/notifications/{id}",	ROLE_ANY,	page_notification_open },
	{ WEB_GET | WEB_POST,	"/addresses",		ROLE_CUSTOMER,	page_addresses },
	{ WEB_POST,		"/addresses/{id}/default", ROLE_CUSTOMER, page_address_default },
	{ WEB_POST,		"/addresses/{id}/delete", ROLE_CUSTOMER,	page_address_delete },
	{ WEB_GET,		"/photos/{id}",		ROLE_ANY,	page_photo },
	{ WEB_GET | WEB_POST,	"/signatures/{id}/sign", ROLE_CUSTOMER,	page_signature_sign },
	{ WEB_POST,		"/signatures/{id}/reject", ROLE_CUSTOMER, page_signature_reject },
	{ WEB_GET,		"/signatures/{id}",	ROLE_ANY,	page_signature_view },
	{ WEB_GET,		"/signatures/{id}/record.txt", ROLE_ANY, page_signature_record_txt },
	{ WEB_GET,		"/signatures/{id}/record.sig", ROLE_ANY, page_signature_record_sig },
	{ WEB_GET,		"/signatures/public-key.pem", WEB_PUBLIC, page_signature_public_key },
	{ WEB_GET,		"/signatures/verify",	WEB_PUBLIC,	page_signature_verify },
	{ WEB_GET,		"/vendors/{id}",	WEB_PUBLIC,	page_vendor_public },
	/* Stripe proves itself by signature: no session, so no CSRF gate. */
	{ WEB_POST | WEB_NO_CSRF, "/webhooks/stripe",	WEB_PUBLIC,	page_webhook_stripe },
	{ WEB_GET | WEB_POST,	"/payments/{id}/pay",	ROLE_CUSTOMER,	page_payment_pay },
	{ WEB_GET | WEB_POST,	"/password/forgot",	WEB_PUBLIC,	page_password_forgot },
	{ WEB_GET | WEB_POST,	"/password/reset/{token}", WEB_PUBLIC,	page_password_reset },
	{ WEB_GET | WEB_POST,	"/account",		ROLE_ANY,	page_account },
	{ WEB_GET | WEB_POST,	"/account/password",	ROLE_ANY,	page_account_password },
	{ WEB_GET,		"/account/sessions",	ROLE_ANY,	page_account_sessions },
	{ WEB_POST,		"/account/sessions/revoke-others", ROLE_ANY, page_account_sessions_revoke },
	{ WEB_GET | WEB_POST,	"/account/delete",	ROLE_ANY,	page_account_delete },
	{ WEB_GET,		"/account/deleted",	WEB_PUBLIC,	page_account_deleted },
	{ WEB_GET | WEB_POST,	"/account/notifications", ROLE_ANY,	page_account_notifications },
	{ WEB_GET | WEB_POST,	"/account/2fa",		ROLE_ANY,	page_account_2fa },
	{ WEB_GET,		"/account/2fa/qr.svg",	ROLE_ANY,	page_account_2fa_qr },
	{ WEB_POST,		"/account/2fa/disable",	ROLE_ANY,	page_account_2fa_disable },
	{ WEB_GET | WEB_POST,	"/unsubscribe/{token}",	WEB_PUBLIC,	page_unsubscribe },
	{ WEB_GET,		"/payments/{id}/receipt", ROLE_CUSTOMER | ROLE_OPS | ROLE_ADMIN, page_payment_receipt },
};

static const struct web_area area = {
	"booking", routes, sizeof(routes) / sizeof(routes[0]), NULL
};

int
main(void)
{
	return web_main(&area);
}
