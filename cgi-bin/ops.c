/* ops.c: the staff area for onboarding and operations managers, mounted at /ops/. */
#include "account.h"
#include "catalog.h"
#include "disputes.h"
#include "ops-area.h"
#include "payments.h"
#include "vendor.h"
#include "web.h"

/* Platform at a glance: vendors by status, people by role, the catalogue's size. */
static void
page_overview(struct web *w)
{
	static const enum role	 shown[] = { ROLE_CUSTOMER, ROLE_VENDOR };
	struct tmpl_dict	*d, *row;
	struct category		*cats;
	size_t			 i, n;

	d = web_page(w, "Operations overview", "ops_home.tpl");
	for (i = 0; i < sizeof(shown) / sizeof(shown[0]); i++) {
		row = tmpl_section(d, "people");
		tmpl_set(row, "role", role_label(shown[i]));
		tmpl_set_int(row, "count", account_count(w->db, shown[i]));
	}
	for (i = 0; i < VS__MAX; i++) {
		row = tmpl_section(d, "vendor_status");
		tmpl_set(row, "status", vendor_status_name((enum vendor_status)i));
		tmpl_set(row, "label", vendor_status_label((enum vendor_status)i));
		tmpl_set_int(row, "count", vendor_count(w->db,
		    (enum vendor_status)i));
	}
	n = catalog_categories(w->db, w->arena, &cats);
	for (i = 0; i < n; i++) {
		row = tmpl_section(d, "category");
		tmpl_set(row, "name", cats[i].name);
		tmpl_set_int(row, "count", cats[i].active_services);
	}
	web_render(w, 200);
}

static const struct web_route routes[] = {
	/* methods	path		roles		handler */
	{ WEB_GET,	"/ops/",			ROLE_STAFF,	page_overview },
	/* Customers' bookings, addresses, payments and threads: not onboarding's. */
	{ WEB_GET,	"/ops/bookings",		ROLE_OPS | ROLE_ADMIN, page_ops_bookings },
	{ WEB_GET,	"/ops/bookings.csv",		ROLE_OPS | ROLE_ADMIN, page_ops_bookings_csv },
	{ WEB_GET,	"/ops/bookings/{id}",		ROLE_OPS | ROLE_ADMIN, page_ops_booking },
	{ WEB_POST,	"/ops/bookings/{id}/cancel",	ROLE_OPS,	page_ops_booking_cancel },
	{ WEB_POST,	"/ops/bookings/{id}/release",	ROLE_OPS,	page_ops_booking_release },
	{ WEB_POST,	"/ops/bookings/{id}/notes",	ROLE_OPS | ROLE_ADMIN, page_ops_booking_note },
	{ WEB_POST,	"/ops/bookings/{id}/messages",	ROLE_OPS | ROLE_ADMIN, page_ops_booking_message },
	{ WEB_POST,	"/ops/bookings/{id}/manual-payment", ROLE_OPS,	page_ops_manual_payment },
	{ WEB_GET,	"/ops/payments",		ROLE_OPS | ROLE_ADMIN, page_ops_payments },
	{ WEB_POST,	"/ops/payments/{id}/capture",	ROLE_OPS,	page_ops_payment_capture },
	{ WEB_POST,	"/ops/payments/{id}/refund",	ROLE_OPS,	page_ops_payment_refund },
	{ WEB_POST,	"/ops/payments/{id}/cancel",	ROLE_OPS,	page_ops_payment_cancel },
	{ WEB_GET,	"/ops/disputes",		ROLE_OPS | ROLE_ADMIN, page_ops_disputes },
	{ WEB_GET,	"/ops/disputes/{id}",		ROLE_OPS | ROLE_ADMIN, page_ops_dispute },
	{ WEB_POST,	"/ops/disputes/{id}/resolve",	ROLE_OPS,	page_ops_dispute_resolve },
	{ WEB_GET,	"/ops/payouts",			ROLE_OPS | ROLE_ADMIN, page_ops_payouts },
	{ WEB_POST,	"/ops/payouts/{id}/paid",	ROLE_OPS,	page_ops_payout_paid },
	/* Vendors: onboarding managers decide; operations and the admin look. */
	{ WEB_GET,	"/ops/vendors",			ROLE_STAFF | ROLE_ADMIN, page_ops_vendors },
	{ WEB_GET,	"/ops/vendors/{id}",		ROLE_STAFF | ROLE_ADMIN, page_ops_vendor },
	{ WEB_GET,	"/ops/vendors/{id}/documents/{id}", ROLE_STAFF | ROLE_ADMIN, page_ops_vendor_document },
	{ WEB_POST,	"/ops/vendors/{id}/approve",	ROLE_ONBOARD,	page_ops_vendor_approve },
	{ WEB_POST,	"/ops/vendors/{id}/reject",	ROLE_ONBOARD,	page_ops_vendor_reject },
	{ WEB_POST,	"/ops/vendors/{id}/request-info", ROLE_ONBOARD,	page_ops_vendor_request_info },
	{ WEB_POST,	"/ops/vendors/{id}/flag",	ROLE_ONBOARD,	page_ops_vendor_flag },
	{ WEB_POST,	"/ops/vendors/{id}/suspend",	ROLE_ONBOARD,	page_ops_vendor_suspend },
	{ WEB_POST,	"/ops/vendors/{id}/reinstate",	ROLE_ONBOARD,	page_ops_vendor_reinstate },
	{ WEB_POST,	"/ops/vendors/{id}/reverify",	ROLE_ONBOARD,	page_ops_vendor_reverify },
	{ WEB_POST,	"/ops/vendors/{id}/documents/{id}/accept", ROLE_ONBOARD, page_ops_document_accept },
	{ WEB_POST,	"/ops/vendors/{id}/documents/{id}/reject", ROLE_ONBOARD, page_ops_document_reject },
	{ WEB_GET,	"/ops/outbox",			ROLE_OPS | ROLE_ADMIN, page_ops_outbox },
	{ WEB_GET,	"/ops/outbox/{id}",		ROLE_OPS | ROLE_ADMIN, page_ops_outbox_message },
	{ WEB_POST,	"/ops/outbox/{id}/retry",	ROLE_OPS | ROLE_ADMIN, page_ops_outbox_retry },
	/* The signature vault: customers' records, so not onboarding's. */
	{ WEB_GET,	"/ops/signatures",		ROLE_OPS | ROLE_ADMIN, page_ops_signatures },
	{ WEB_GET,	"/ops/signatures/export",	ROLE_OPS | ROLE_ADMIN, page_ops_signatures_export },
	/* Alerts: onboarding sees those about vendors' work (ops-alerts.c). */
	{ WEB_GET,	"/ops/alerts",			ROLE_STAFF | ROLE_ADMIN, page_ops_alerts },
	{ WEB_GET,	"/ops/alerts/{id}",		ROLE_STAFF | ROLE_ADMIN, page_ops_alert },
	{ WEB_POST,	"/ops/alerts/{id}/ack",		ROLE_STAFF | ROLE_ADMIN, page_ops_alert_ack },
	{ WEB_POST,	"/ops/alerts/{id}/resolve",	ROLE_STAFF | ROLE_ADMIN, page_ops_alert_resolve },
	/* Figures with revenue in them, and demand: not onboarding's. */
	{ WEB_GET,	"/ops/analytics",		ROLE_OPS | ROLE_ADMIN, page_ops_analytics },
	{ WEB_GET,	"/ops/demand",			ROLE_OPS | ROLE_ADMIN, page_ops_demand },
	{ WEB_GET | WEB_POST, "/ops/pricing",		ROLE_OPS | ROLE_ADMIN, page_ops_pricing },
	{ WEB_POST,	"/ops/pricing/remove",		ROLE_OPS | ROLE_ADMIN, page_ops_pricing_remove },
};

static const struct web_area area = {
	"ops", routes, sizeof(routes) / sizeof(routes[0]), NULL
};

int
main(void)
{
	return web_main(&area);
}
