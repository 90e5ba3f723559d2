/* web.h: what every area shares: route tables, role and CSRF gates, the page frame, errors. */
#ifndef HS_WEB_H
#define HS_WEB_H

#include <stddef.h>
#include <stdint.h>

#include "account.h"
#include "audit.h"
#include "config.h"
#include "form.h"
#include "http.h"
#include "session.h"
#include "tmpl.h"

struct arena;
struct db;

#define WEB_GET		0x01	/* also answers HEAD */
#define WEB_POST	0x02
/*
 * A POST route without the CSRF gate: only for a machine-to-machine
 * callback that has no session and proves itself another way (the
 * Stripe webhook checks its Stripe-Signature HMAC).  Never for a page.
 */
#define WEB_NO_CSRF	0x04
#define WEB_PUBLIC	0	/* roles: anyone, signed in or not */
#define WEB_MAX_IDS	3
#define WEB_MAX_TOKEN	128
#define WEB_COOKIE	"hs_session"
#define WEB_CSRF_FIELD	"csrf_token"

struct web;

/*
 * One row per page: which methods, which path ("{id}" matches a
 * positive integer, read as w->id[0], w->id[1]...; "{token}" a link's
 * secret, read as w->token), which roles may use it, and the handler.  A handler must answer through web_render,
 * web_redirect or web_error.
 */
struct web_route {
	unsigned	 methods;
	const char	*pattern;
	unsigned	 roles;
	void		(*handler)(struct web *);
};

/*
 * An area: its routes, and optionally a gate of its own that every
 * route passes after the sign-in, role and CSRF gates (the vendor area
 * asks for a vendor in good standing).  The gate answers and returns 0
 * to stop the request, or returns 1.
 */
struct web_area {
	const char		*name;
	const struct web_route	*routes;
	size_t			 nroutes;
	int			(*gate)(struct web *, const struct web_route *);
};

struct web {
	struct arena		*arena;
	struct db		*db;
	const struct config	*config;
	struct http_request	 req;
	struct http_response	 res;
	struct session		 session;
	struct actor		 actor;
	int64_t			 id[WEB_MAX_IDS];
	const char		*token;		/* a route's {token}, or NULL */
	struct tmpl_dict	*dict;		/* the page frame's dictionary */
	struct tmpl_dict	*body;		/* the page's own dictionary */
	int			 answered;
	int			 behind_nginx;	/* FastCGI: X-Accel-Redirect works */
	const struct http_io	*io;		/* where the answer goes */
	int			(*stream)(struct web *, void *);
	void			*stream_ctx;	/* web_stream's callback and its */
	int			 streaming;	/* headers sent: no error page now */
};

int		 web_main(const struct web_area *);
void		 web_serve(const struct web_area *, struct web *,
		    const struct http_io *);

struct tmpl_dict *web_page(struct web *, const char *title, const char *file);
void		 web_page_rendered(struct web *, const char *title,
		    const struct buf *body);
void		 web_render(struct web *, int status);
void		 web_error(struct web *, int status, const char *message);
void		 web_error_back(struct web *, int status, const char *message,
		    const char *next_step, const char *back_href,
		    const char *back_label);
void		 web_redirect(struct web *, const char *location);
void		 web_send_file(struct web *, const char *content_type,
		    const char *cache_control, const char *internal_uri,
		    const char *path);
void		 web_send_bytes(struct web *, const char *content_type,
		    const void *, size_t);
void		 web_stream(struct web *, const char *content_type,
		    const char *filename, int (*)(struct web *, void *),
		    void *);
int		 web_write(struct web *, const void *, size_t);
const char	*web_csrf(struct web *);
void		 web_set_session_cookie(struct web *);
/*
 * A full disk's answer (log_disk_full): web_serve's page, and worker.c's
 * fixed page when the fatal path has to answer for it.
 */
#define WEB_FULL_MESSAGE	"HomeServe cannot save anything right now: " \
	"the server's disk is full. Nothing was saved; try again later."
#define WEB_FULL_RETRY		"120"	/* Retry-After, seconds */
/* "; Secure" for a cookie over TLS or on an HTTPS-only site, else "". */
const char	*web_cookie_secure(const struct web *);
void		 web_clear_session_cookie(struct web *);
const char	*web_query(const struct web *, const char *);
int		 web_form_read(struct web *, struct form *,
		    const struct form_field *, size_t);
int		 web_local_path(const char *);

#endif
