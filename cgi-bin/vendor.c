/* vendor.c: the vendor area, mounted at /vendor/: its route table, the gate that keeps each page to vendors in the right standing, and main. */
#include <stddef.h>

#include "payments.h"
#include "photos.h"
#include "signatures.h"
#include "vendor-area.h"
#include "vendor.h"
#include "disputes.h"
#include "web.h"

static const struct web_route routes[] = {
	/* methods		path						roles		handler */
	{ WEB_GET | WEB_POST,	"/vendor/apply",				WEB_PUBLIC,	page_vendor_apply },
	{ WEB_GET,		"/vendor/application",				ROLE_VENDOR,	page_vendor_application },
	{ WEB_POST,		"/vendor/application/submit",			ROLE_VENDOR,	page_vendor_application_submit },
	{ WEB_GET | WEB_POST,	"/vendor/phone",				ROLE_VENDOR,	page_vendor_phone },
	{ WEB_POST,		"/vendor/phone/resend",				ROLE_VENDOR,	page_vendor_phone_resend },
	{ WEB_GET | WEB_POST,	"/vendor/documents",				ROLE_VENDOR,	page_vendor_documents },
	{ WEB_GET,		"/vendor/documents/{id}",			ROLE_VENDOR,	page_vendor_document },
	{ WEB_GET,		"/vendor/",					ROLE_VENDOR,	page_vendor_home },
	{ WEB_GET,		"/vendor/jobs",					ROLE_VENDOR,	page_vendor_jobs },
	{ WEB_GET,		"/vendor/bookings/{id}",			ROLE_VENDOR,	page_vendor_booking },
	{ WEB_POST,		"/vendor/bookings/{id}/accept",			ROLE_VENDOR,	page_vendor_accept },
	{ WEB_POST,		"/vendor/bookings/{id}/decline",		ROLE_VENDOR,	page_vendor_decline },
	{ WEB_POST,		"/vendor/bookings/{id}/release",		ROLE_VENDOR,	page_vendor_release },
	{ WEB_POST,		"/vendor/bookings/{id}/start",			ROLE_VENDOR,	page_vendor_start },
	{ WEB_POST,		"/vendor/bookings/{id}/complete",		ROLE_VENDOR,	page_vendor_complete },
	{ WEB_POST,		"/vendor/bookings/{id}/messages",		ROLE_VENDOR,	page_vendor_message },
	{ WEB_GET,		"/vendor/calendar",				ROLE_VENDOR,	page_vendor_calendar },
	{ WEB_GET | WEB_POST,	"/vendor/profile",				ROLE_VENDOR,	page_vendor_profile },
	{ WEB_POST,		"/vendor/bookings/{id}/dispute-response",	ROLE_VENDOR,	page_vendor_dispute_response },
	{ WEB_POST,		"/vendor/bookings/{id}/photos",			ROLE_VENDOR,	page_vendor_photo_upload },
	{ WEB_POST,		"/vendor/bookings/{id}/request-signature",	ROLE_VENDOR,	page_vendor_request_signature },
	{ WEB_GET,		"/vendor/earnings",				ROLE_VENDOR,	page_vendor_earnings },
};

/*
 * How far into the area a page lies.  Not listed: a verified vendor
 * only (the job board, accepting): a new page is closed to applicants
 * until someone opens it here.  The header's links follow the same
 * reach (web.c).
 */
static const struct {
	void			(*handler)(struct web *);
	enum vendor_reach	 need;
} reaches[] = {
	{ page_vendor_apply,			VR_APPLICATION },
	{ page_vendor_application,		VR_APPLICATION },
	{ page_vendor_application_submit,	VR_APPLICATION },
	{ page_vendor_phone,			VR_APPLICATION },
	{ page_vendor_phone_resend,		VR_APPLICATION },
	{ page_vendor_documents,		VR_APPLICATION },
	{ page_vendor_document,			VR_APPLICATION },
	{ page_vendor_home,			VR_JOBS_IN_HAND },
	{ page_vendor_booking,			VR_JOBS_IN_HAND },
	{ page_vendor_start,			VR_JOBS_IN_HAND },
	{ page_vendor_complete,			VR_JOBS_IN_HAND },
	{ page_vendor_message,			VR_JOBS_IN_HAND },
	{ page_vendor_calendar,			VR_JOBS_IN_HAND },
	{ page_vendor_profile,			VR_JOBS_IN_HAND },
	{ page_vendor_photo_upload,		VR_JOBS_IN_HAND },
	{ page_vendor_request_signature,	VR_JOBS_IN_HAND },
	{ page_vendor_earnings,			VR_JOBS_IN_HAND },
};

static enum vendor_reach
reach_of(const struct web_route *r)
{
	size_t	i;

	for (i = 0; i < sizeof(reaches) / sizeof(reaches[0]); i++)
		if (reaches[i].handler == r->handler)
			return reaches[i].need;
	return VR_ALL;
}

/*
 * The area's gate: an applicant sees only their application's pages
 * (the dashboard sends them there; anything else is 403), and a
 * suspended or re-verifying vendor finishes their jobs but takes none.
 * The standing comes with the session.
 */
static int
vendor_gate(struct web *w, const struct web_route *r)
{
	enum vendor_reach	 have;

	if (w->session.role != ROLE_VENDOR)
		return 1;
	have = vendor_reach(w->session.vendor_status);
	if (have >= reach_of(r))
		return 1;
	if (r->handler == page_vendor_home && w->req.method != HTTP_POST) {
		web_redirect(w, "/vendor/application");
		return 0;
	}
	web_error(w, 403, have == VR_JOBS_IN_HAND ? "Your account cannot "
	    "take new jobs now: see your application for why." : "Your "
	    "application is not verified yet: finish it and wait for the "
	    "onboarding team, under Application.");
	return 0;
}

static const struct web_area area = {
	"vendor", routes, sizeof(routes) / sizeof(routes[0]), vendor_gate
};

int
main(void)
{
	return web_main(&area);
}
