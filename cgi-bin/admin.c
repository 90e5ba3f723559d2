/* admin.c: the super admin area, mounted at /admin/: route table, overview and main. */
#include "account.h"
#include "admin-area.h"
#include "catalog.h"
#include "web.h"

/* Users by role (each count links its list), the catalogue, and the latest audit entries. */
static void
page_admin_home(struct web *w)
{
	static const enum role	 shown[] = { ROLE_CUSTOMER, ROLE_VENDOR,
	    ROLE_ONBOARD, ROLE_OPS, ROLE_ADMIN };
	struct tmpl_dict	*d, *row;
	size_t			 i;

	d = web_page(w, "Admin overview", "admin_home.tpl");
	for (i = 0; i < sizeof(shown) / sizeof(shown[0]); i++) {
		row = tmpl_section(d, "people");
		tmpl_set(row, "role", role_label(shown[i]));
		tmpl_set(row, "role_name", role_name(shown[i]));
		tmpl_set_int(row, "count", account_count(w->db, shown[i]));
	}
	audit_rows_fill(w, d, 5);
	web_render(w, 200);
}

static const struct web_route routes[] = {
	/* methods		path					roles		handler */
	{ WEB_GET,		"/admin/",				ROLE_ADMIN,	page_admin_home },
	{ WEB_GET,		"/admin/services",			ROLE_ADMIN,	page_admin_services },
	{ WEB_GET | WEB_POST,	"/admin/services/new",			ROLE_ADMIN,	page_admin_service_new },
	{ WEB_GET | WEB_POST,	"/admin/services/{id}/edit",		ROLE_ADMIN,	page_admin_service_edit },
	{ WEB_POST,		"/admin/services/{id}/deactivate",	ROLE_ADMIN,	page_admin_service_deactivate },
	{ WEB_POST,		"/admin/services/{id}/activate",	ROLE_ADMIN,	page_admin_service_activate },
	{ WEB_GET | WEB_POST,	"/admin/categories",			ROLE_ADMIN,	page_admin_categories },
	{ WEB_GET | WEB_POST,	"/admin/categories/{id}/edit",		ROLE_ADMIN,	page_admin_category_edit },
	{ WEB_GET,		"/admin/audit",				ROLE_ADMIN,	page_admin_audit },
	{ WEB_GET,		"/admin/audit/verify",			ROLE_ADMIN,	page_admin_audit_verify },
	{ WEB_GET | WEB_POST,	"/admin/settings",			ROLE_ADMIN,	page_admin_settings },
	{ WEB_GET,		"/admin/users",				ROLE_ADMIN,	page_admin_users },
	{ WEB_GET | WEB_POST,	"/admin/users/new",			ROLE_ADMIN,	page_admin_user_new },
	{ WEB_GET,		"/admin/users/{id}",			ROLE_ADMIN,	page_admin_user },
	{ WEB_POST,		"/admin/users/{id}/block",		ROLE_ADMIN,	page_admin_user_block },
	{ WEB_POST,		"/admin/users/{id}/unblock",		ROLE_ADMIN,	page_admin_user_unblock },
	{ WEB_POST,		"/admin/users/{id}/role",		ROLE_ADMIN,	page_admin_user_role },
	{ WEB_POST,		"/admin/users/{id}/reset-password",	ROLE_ADMIN,	page_admin_user_reset_password },
	{ WEB_GET,		"/admin/export",			ROLE_ADMIN,	page_admin_export },
	{ WEB_GET,		"/admin/export/users.csv",		ROLE_ADMIN,	page_admin_export_csv },
	{ WEB_GET,		"/admin/export/bookings.csv",		ROLE_ADMIN,	page_admin_export_csv },
	{ WEB_GET,		"/admin/export/payments.csv",		ROLE_ADMIN,	page_admin_export_csv },
	{ WEB_GET,		"/admin/export/reviews.csv",		ROLE_ADMIN,	page_admin_export_csv },
	{ WEB_GET,		"/admin/export/audit.csv",		ROLE_ADMIN,	page_admin_export_csv },
};

static const struct web_area area = {
	"admin", routes, sizeof(routes) / sizeof(routes[0]), NULL
};

int
main(void)
{
	return web_main(&area);
}
