/* booking.c: the public and customer area, mounted at "/": its route table and main. */
#include "booking.h"
#include "web.h"

static const struct web_route routes[] = {
	/* methods		path			roles		handler */
	{ WEB_GET,		"/",			WEB_PUBLIC,	page_home },
	{ WEB_GET,		"/services",		WEB_PUBLIC,	page_services },
	{ WEB_GET,		"/services/{id}",	WEB_PUBLIC,	page_service },
	{ WEB_GET | WEB_POST,	"/register",		WEB_PUBLIC,	page_register },
	{ WEB_GET | WEB_POST,	"/login",		WEB_PUBLIC,	page_login },
	{ WEB_POST,		"/logout",		WEB_PUBLIC,	page_logout },
};

static const struct web_area area = {
	"booking", routes, sizeof(routes) / sizeof(routes[0])
};

int
main(void)
{
	return web_main(&area);
}
