/* vendor.c: the vendor area, mounted at /vendor/: the vendor's dashboard. */
#include "account.h"
#include "fmt.h"
#include "web.h"

/* The vendor's own account, as the platform holds it. */
static void
page_dashboard(struct web *w)
{
	struct account		 a;
	struct tmpl_dict	*d;

	if (!account_get(w->db, w->arena, w->session.user_id, &a)) {
		web_error(w, 404, "Your account no longer exists.");
		return;
	}
	d = web_page(w, "Vendor dashboard", "vendor_home.tpl");
	tmpl_set(d, "username", a.username);
	tmpl_set(d, "email", a.email);
	tmpl_set(d, "phone", a.phone);
	tmpl_set(d, "address", a.address);
	tmpl_set(d, "pincode", a.pincode);
	tmpl_set(d, "member_since", fmt_time(w->arena, a.created_at));
	web_render(w, 200);
}

static const struct web_route routes[] = {
	/* methods	path		roles		handler */
	{ WEB_GET,	"/vendor/",	ROLE_VENDOR,	page_dashboard },
};

static const struct web_area area = {
	"vendor", routes, sizeof(routes) / sizeof(routes[0])
};

int
main(void)
{
	return web_main(&area);
}
