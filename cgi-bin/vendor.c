/* vendor.c: the vendor area, mounted at /vendor/: its route table and main. */
#include "payments.h"
#include "photos.h"
#include "signatures.h"
#include "vendor-area.h"
#include "web.h"

static const struct web_route routes[] = {
	/* methods		path						roles		handler */
	{ WEB_GET,		"/vendor/",					ROLE_VENDOR,	page_vendor_home },
	{ WEB_GET,		"/vendor/jobs",					ROLE_VENDOR,	page_vendor_jobs },
	{ WEB_GET,		"/vendor/bookings/{id}",			ROLE_VENDOR,	page_vendor_booking },
	{ WEB_POST,		"/vendor/bookings/{id}/accept",			ROLE_VENDOR,	page_vendor_accept },
	{ WEB_POST,		"/vendor/bookings/{id}/decline",		ROLE_VENDOR,	page_vendor_decline },
	{ WEB_POST,		"/vendor/bookings/{id}/start",			ROLE_VENDOR,	page_vendor_start },
	{ WEB_POST,		"/vendor/bookings/{id}/complete",		ROLE_VENDOR,	page_vendor_complete },
	{ WEB_POST,		"/vendor/bookings/{id}/messages",		ROLE_VENDOR,	page_vendor_message },
	{ WEB_GET,		"/vendor/calendar",				ROLE_VENDOR,	page_vendor_calendar },
	{ WEB_GET | WEB_POST,	"/vendor/profile",				ROLE_VENDOR,	page_vendor_profile },
	{ WEB_POST,		"/vendor/bookings/{id}/photos",			ROLE_VENDOR,	page_vendor_photo_upload },
	{ WEB_POST,		"/vendor/bookings/{id}/request-signature",	ROLE_VENDOR,	page_vendor_request_signature },
	{ WEB_GET,		"/vendor/earnings",				ROLE_VENDOR,	page_vendor_earnings },
};

static const struct web_area area = {
	"vendor", routes, sizeof(routes) / sizeof(routes[0])
};

int
main(void)
{
	return web_main(&area);
}
