/* web.c: dispatch one request through the area's route table, its gates, and the page frame. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alert.h"
#include "arena.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "setting.h"
#include "vendor.h"
#include "web.h"

/*
 * The navigation each kind of visitor sees in the page header.  A
 * vendor sees a link only as far as their standing reaches (an
 * applicant: the application), the same reach the vendor area's gate
 * asks of its pages.
 */
static const struct {
	unsigned		 roles;		/* 0: signed-out visitors */
	const char		*href;
	const char		*label;
	enum vendor_reach	 reach;
} web_nav[] = {
	{ 0, "/services", "Services", VR_APPLICATION },
	{ ROLE_CUSTOMER, "/services", "Services", VR_APPLICATION },
	{ ROLE_CUSTOMER, "/bookings", "My bookings", VR_APPLICATION },
	{ ROLE_CUSTOMER, "/addresses", "Addresses", VR_APPLICATION },
	{ ROLE_VENDOR, "/vendor/", "Dashboard", VR_JOBS_IN_HAND },
	{ ROLE_VENDOR, "/vendor/jobs", "Job board", VR_ALL },
	{ ROLE_VENDOR, "/vendor/calendar", "Calendar", VR_JOBS_IN_HAND },
	{ ROLE_VENDOR, "/vendor/profile", "Profile", VR_JOBS_IN_HAND },
	{ ROLE_VENDOR, "/vendor/earnings", "Earnings", VR_JOBS_IN_HAND },
	{ ROLE_VENDOR, "/vendor/application", "Application", VR_APPLICATION },
	{ ROLE_STAFF, "/ops/", "Overview", VR_APPLICATION },
	{ ROLE_STAFF, "/ops/vendors", "Vendors", VR_APPLICATION },
	{ ROLE_STAFF, "/ops/alerts", "Alerts", VR_APPLICATION },
	{ ROLE_OPS, "/ops/bookings", "Bookings", VR_APPLICATION },
	{ ROLE_OPS, "/ops/disputes", "Disputes", VR_APPLICATION },
	{ ROLE_OPS, "/ops/payments", "Payments", VR_APPLICATION },
	{ ROLE_OPS, "/ops/payouts", "Payouts", VR_APPLICATION },
	{ ROLE_OPS, "/ops/outbox", "Outbox", VR_APPLICATION },
	{ ROLE_OPS, "/ops/signatures", "Signatures", VR_APPLICATION },
	{ ROLE_OPS, "/ops/analytics", "Analytics", VR_APPLICATION },
	{ ROLE_OPS, "/ops/demand", "Demand", VR_APPLICATION },
	{ ROLE_OPS, "/ops/pricing", "Pricing", VR_APPLICATION },
	{ ROLE_ADMIN, "/admin/", "Overview", VR_APPLICATION },
	{ ROLE_ADMIN, "/admin/users", "Users", VR_APPLICATION },
	{ ROLE_ADMIN, "/ops/bookings", "Bookings", VR_APPLICATION },
	{ ROLE_ADMIN, "/ops/vendors", "Vendors", VR_APPLICATION },
	{ ROLE_ADMIN, "/ops/disputes", "Disputes", VR_APPLICATION },
	{ ROLE_ADMIN, "/ops/payments", "Payments", VR_APPLICATION },
	{ ROLE_ADMIN, "/ops/outbox", "Outbox", VR_APPLICATION },
	{ ROLE_ADMIN, "/ops/signatures", "Signatures", VR_APPLICATION },
	{ ROLE_ADMIN, "/ops/alerts", "Alerts", VR_APPLICATION },
	{ ROLE_ADMIN, "/ops/analytics", "Analytics", VR_APPLICATION },
	{ ROLE_ADMIN, "/ops/demand", "Demand", VR_APPLICATION },
	{ ROLE_ADMIN, "/ops/pricing", "Pricing", VR_APPLICATION },
	{ ROLE_ADMIN, "/admin/services", "Services", VR_APPLICATION },
	{ ROLE_ADMIN, "/admin/categories", "Categories", VR_APPLICATION },
	{ ROLE_ADMIN, "/admin/settings", "Settings", VR_APPLICATION },
	{ ROLE_ADMIN, "/admin/audit", "Audit log", VR_APPLICATION },
	{ ROLE_ADMIN, "/admin/export", "Exports", VR_APPLICATION },
	{ ROLE_ANY, "/account", "Account", VR_APPLICATION },
};

/* Links that show a count beside their label, as the reader may see it. */
static const struct {
	const char	*href;
	int64_t		(*count)(struct db *, unsigned role);
	const char	*what;		/* for screen readers: "3 open" */
} web_nav_counts[] = {
	{ "/ops/alerts", alert_open_count, "open" },
};

/* Notices a redirect may ask the next page to show (?notice=key). */
static const struct {
	const char	*key;
	const char	*text;
} web_notices[] = {
	{ "registered", "Welcome to HomeServe. Your account is ready." },
	{ "signed-out", "You have signed out." },
	{ "created", "Created." },
	{ "saved", "Your changes are saved." },
	{ "deactivated", "The service is deactivated: customers no longer "
	    "see it." },
	{ "activated", "The service is active again." },
	{ "settings-saved", "Settings saved. They apply from now on." },
	{ "2fa-off", "Two-factor sign-in is off." },
	{ "2fa-required", "Staff accounts must use two-factor sign-in: set it "
	    "up to go on." },
	{ "code-expired", "Sign in again: the code was not given within five "
	    "minutes of the password." },
	{ "settings-unchanged", "Nothing changed: the settings are as they "
	    "were." },
	{ "cancelled", "The booking is cancelled." },
	{ "already-booked", "This booking was already made." },
	{ "cancelled-fee", "The booking is cancelled. Its late-cancellation "
	    "fee is due: pay it from the payment panel below." },
	{ "released-vendor", "The job is back on the job board. The customer "
	    "has been told." },
	{ "released-late", "The job is back on the job board. The customer "
	    "has been told. It was close to its visit, so it counts as a late "
	    "cancellation on your record." },
	{ "rescheduled", "The booking is moved to its new time." },
	{ "rescheduled-kept", "The booking is moved to its new time. Its "
	    "vendor is free then and keeps it; they have been told." },
	{ "rescheduled-released", "The booking is moved to its new time. Its "
	    "vendor is busy then, so it is back on the job board for another "
	    "verified professional; they have been told." },
	{ "cancelled-refunded", "The booking is cancelled and its payment "
	    "refunded in full. The customer and the vendor have been told." },
	{ "cancelled-refund-failed", "The booking is cancelled, but the payment "
	    "gateway did not refund its payment: the payment below shows why. "
	    "Refund it there or from Payments once the gateway answers." },
	{ "released", "The booking is back on the job board. The customer and "
	    "the vendor have been told." },
	{ "note-added", "Your note is saved. Only staff see it." },
	{ "support-message", "Your message is in the thread as HomeServe "
	    "support. The customer and the vendor have been told." },
	{ "deleted", "Deleted." },
	{ "accepted", "The job is yours. The customer has been told." },
	{ "declined", "The job is off your board." },
	{ "started", "The job has started." },
	{ "completed", "The job is completed. Ask the customer to sign." },
	{ "photo-added", "Photo added." },
	{ "dispute-answered", "Your answer is sent. HomeServe's operations team will decide and tell you both." },
	{ "dispute-settled", "The dispute is settled. The customer and the vendor have been told." },
	{ "signature-requested", "The customer has been asked to sign." },
	{ "signed", "Thank you: your signature is recorded." },
	{ "signed-paid", "Thank you: your signature is recorded and your "
	    "payment is taken; your receipt is ready." },
	{ "disputed", "Your dispute is recorded; our operations team will "
	    "contact you." },
	{ "stripe-returned", "Thank you. Stripe has your card details; the "
	    "payment shows here as authorised as soon as Stripe confirms it." },
	{ "stripe-cancelled", "You left Stripe's payment page. Nothing was "
	    "charged; you can pay whenever you are ready." },
	{ "payment-authorized", "Your payment is authorised: the amount is "
	    "held, on your card or through UPI, and taken when you sign that "
	    "you are satisfied." },
	{ "paid", "Thank you: your payment is received and your receipt is "
	    "ready." },
	{ "payment-captured", "The payment is captured and its receipt "
	    "issued." },
	{ "refunded", "The refund is recorded. The customer has been told." },
	{ "payment-cancelled", "The payment is cancelled. The customer has "
	    "been told." },
	{ "manual-payment", "The manual payment is recorded, with its "
	    "receipt." },
	{ "payout-paid", "The payout is marked paid. The vendor has been "
	    "told." },
	{ "password-changed", "Your password is changed, and every other "
	    "place you were signed in is signed out." },
	{ "reset-sent", "If an account uses that address, a link to choose "
	    "a new password is on its way. It works for an hour; nothing "
	    "there? Look in your spam folder, or ask again in a few minutes." },
	{ "password-changed", "Your new password is saved, and every place "
	    "your account was signed in is signed out. Sign in with it now." },
	{ "prefs-saved", "Your choices are saved." },
	{ "unsubscribed", "Done: you are unsubscribed." },
	{ "outbox-retry", "The message is back in the queue and will be sent "
	    "in a moment." },
	{ "applied", "Your application is started. We sent a 6-digit code by "
	    "SMS to your mobile: type it here." },
	{ "code-sent", "A new code is on its way by SMS." },
	{ "phone-verified", "Your mobile number is verified." },
	{ "document-added", "The document is uploaded." },
	{ "submitted", "Your application is submitted for review." },
	{ "vendor-approved", "The vendor is verified and has been told." },
	{ "vendor-rejected", "The application is rejected; the vendor has been "
	    "told why." },
	{ "vendor-info-requested", "The application is back with the vendor, "
	    "with your request." },
	{ "vendor-suspended", "The vendor is suspended; their accepted "
	    "upcoming jobs are back on the job board." },
	{ "vendor-reinstated", "The vendor is reinstated and has been told." },
	{ "vendor-reverify", "The vendor is asked to re-verify and has been "
	    "told." },
	{ "vendor-flagged", "The application is flagged for a second look." },
	{ "document-accepted", "The document is accepted." },
	{ "document-rejected", "The document is rejected; the vendor has been "
	    "told why." },
	{ "category-created", "The category is created." },
	{ "category-saved", "Your changes to the category are saved." },
	{ "category-deactivated", "The category is deactivated: customers no "
	    "longer see it or its services. Its bookings and vendors keep it." },
	{ "category-activated", "The category is active again: customers see "
	    "it and its active services." },
	{ "user-blocked", "The account is blocked and signed out everywhere; "
	    "a vendor's accepted upcoming jobs are back on the job board. The "
	    "person has been told why." },
	{ "user-unblocked", "The account is unblocked: they can sign in again, "
	    "and have been told." },
	{ "role-changed", "The role is changed and the person is signed out "
	    "everywhere; they have been told, and sign in again with it." },
	{ "password-reset", "The password no longer works and every session "
	    "has ended; a link to choose a new one is on its way to the "
	    "person's email." },
	{ "invited", "The invitation is on its way: the link in it lets them "
	    "choose their own password within 72 hours." },
	{ "password-set", "Your password is saved. Sign in with it now." },
	{ "alert-acknowledged", "The alert is acknowledged: it stays on this "
	    "list until someone resolves it." },
	{ "alert-resolved", "The alert is resolved, with your note." },
	{ "pricing-override-saved", "The override is saved: new bookings get "
	    "it while demand pricing is on." },
	{ "pricing-override-removed", "The override is removed: the computed "
	    "factor applies again." },
};

/* A full disk's answer (log_disk_full): see web_full_answer. */
static jmp_buf		*web_full_jump;		/* armed while a request runs */
static const struct web	*web_full_request;

const char *
web_query(const struct web *w, const char *name)
{
	return http_param_get(&w->req.query, name);
}

/* A path on this site, safe to redirect to after sign-in. */
int
web_local_path(const char *p)
{
	size_t	i;

	if (p == NULL || p[0] != '/' || p[1] == '/' || p[1] == '\\' ||
	    strlen(p) > 512)
		return 0;
	for (i = 0; p[i] != '\0'; i++)
		if ((unsigned char)p[i] < 0x21 || p[i] == '\\' ||
		    (unsigned char)p[i] >= 0x7f)
			return 0;
	return 1;
}

/*
 * The cookie's "; Secure": over TLS, and always where the site says it
 * is served only over HTTPS (HOMESERVE_SECURE_COOKIES=1), whatever a
 * front end in between reports.
 */
const char *
web_cookie_secure(const struct web *w)
{
	return w->req.https || w->config->secure_cookies ? "; Secure" : "";
}

void
web_set_session_cookie(struct web *w)
{
	http_header_add(&w->res, "Set-Cookie", arena_printf(w->arena,
	    WEB_COOKIE "=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Lax%s",
	    w->session.token, w->session.user_id ? SESSION_TTL :
	    SESSION_ANON_TTL, web_cookie_secure(w)));
}

void
web_clear_session_cookie(struct web *w)
{
	http_header_add(&w->res, "Set-Cookie", arena_printf(w->arena,
	    WEB_COOKIE "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax%s",
	    web_cookie_secure(w)));
}

/* The CSRF token for forms on this page; a visitor gets a session for it. */
const char *
web_csrf(struct web *w)
{
	if (!w->session.found) {
		session_start_anonymous(w->db, w->arena, &w->session);
		web_set_session_cookie(w);
	}
	if (w->dict != NULL)
		tmpl_set_global(w->dict, "csrf", w->session.csrf);
	return w->session.csrf;
}

/* The count beside a link, if it has one and it is not zero. */
static void
nav_count(struct web *w, struct tmpl_dict *row, const char *href)
{
	struct tmpl_dict	*c;
	int64_t			 n;
	size_t			 i;

	for (i = 0; i < sizeof(web_nav_counts) / sizeof(web_nav_counts[0]);
	    i++) {
		if (strcmp(web_nav_counts[i].href, href) != 0 ||
		    (n = web_nav_counts[i].count(w->db, w->session.role)) == 0)
			continue;
		c = tmpl_section(row, "count");
		tmpl_set_int(c, "n", n);
		tmpl_set(c, "what", web_nav_counts[i].what);
	}
}

static void
frame_nav(struct web *w)
{
	unsigned	 role = w->session.user_id ? w->session.role : 0;
	enum vendor_reach reach = role == ROLE_VENDOR ?
			    vendor_reach(w->session.vendor_status) : VR_ALL;
	struct tmpl_dict *row;
	size_t		 i;

	for (i = 0; i < sizeof(web_nav) / sizeof(web_nav[0]); i++) {
		if (role == 0 ? web_nav[i].roles != 0 :
		    !(web_nav[i].roles & role) || web_nav[i].reach > reach)
			continue;
		row = tmpl_section(w->dict, "nav");
		tmpl_set(row, "href", web_nav[i].href);
		tmpl_set(row, "label", web_nav[i].label);
		if (strcmp(web_nav[i].href, w->req.path) == 0)
			tmpl_show(row, "current");
		nav_count(w, row, web_nav[i].href);
	}
}

static void
frame_notice(struct web *w)
{
	const char	*key = web_query(w, "notice");
	size_t		 i;

	for (i = 0; key != NULL && i < sizeof(web_notices) /
	    sizeof(web_notices[0]); i++)
		if (strcmp(key, web_notices[i].key) == 0)
			tmpl_set(tmpl_section(w->dict, "notice"), "text",
			    web_notices[i].text);
}

/* The page's dictionary with its frame: title, navigation, who is signed in. */
static void
frame_fill(struct web *w, const char *title)
{
	struct tmpl_dict	*who;

	if (w->dict != NULL)
		tmpl_dict_free(w->dict);
	w->dict = tmpl_dict_new();
	tmpl_set(w->dict, "title", title);
	frame_nav(w);
	frame_notice(w);
	if (w->session.user_id) {
		struct tmpl_dict	*bell = tmpl_section(w->dict,
		    "notifications");

		if (strcmp(w->req.path, "/notifications") == 0)
			tmpl_show(bell, "current");
		if (w->session.unread > 0)
			tmpl_set_int(tmpl_section(bell, "unread"), "count",
			    w->session.unread);
		who = tmpl_section(w->dict, "signed_in");
		/* The name they go by, when they gave one. */
		tmpl_set(who, "username", w->session.full_name != NULL &&
		    w->session.full_name[0] != '\0' ? w->session.full_name :
		    w->session.username);
		tmpl_set(who, "role", role_label(w->session.role));
	} else if (strcmp(w->req.path, "/login") != 0)
		tmpl_show(w->dict, "signed_out");
	/* Every form on the page, in any included template, sees the token. */
	if (w->session.found)
		tmpl_set_global(w->dict, "csrf", w->session.csrf);
}

/*
 * Start a page: the frame and the body template, whose dictionary is
 * returned for the handler.
 */
struct tmpl_dict *
web_page(struct web *w, const char *title, const char *file)
{
	frame_fill(w, title);
	w->body = tmpl_include(w->dict, "body", file);
	return w->body;
}

/*
 * Start a page whose body a handler rendered earlier with tmpl_render
 * and kept (the same for every visitor, such as the catalogue): only
 * the frame is filled.  Nothing but tmpl_render's output may be given.
 */
void
web_page_rendered(struct web *w, const char *title, const struct buf *body)
{
	frame_fill(w, title);
	w->body = NULL;
	tmpl_set_rendered(w->dict, "body_html", body);
}

void
web_render(struct web *w, int status)
{
	buf_reset(&w->res.body);
	w->res.status = status;
	if (tmpl_render("layout.tpl", w->dict, &w->res.body))
		log_fatal("web: cannot render %s", w->req.path);
	w->answered = 1;
}

/* An error page; the message is shown as text, escaped by the template. */
void
web_error(struct web *w, int status, const char *message)
{
	web_error_back(w, status, message, NULL, NULL, NULL);
}

/*
 * An error page for a refused action: what went wrong, what to do next
 * (a sentence, or NULL) and a link back to the object the action came
 * from (href and its words, or NULL), so nobody is left on a dead end.
 */
void
web_error_back(struct web *w, int status, const char *message,
    const char *next_step, const char *back_href, const char *back_label)
{
	struct tmpl_dict	*d, *back;

	d = web_page(w, http_status_text(status), "error.tpl");
	tmpl_set_int(d, "status", status);
	tmpl_set(d, "reason", http_status_text(status));
	tmpl_set(d, "message", message);
	if (next_step != NULL)
		tmpl_set(tmpl_section(d, "next_step"), "text", next_step);
	if (back_href != NULL) {
		back = tmpl_section(d, "back");
		tmpl_set(back, "href", back_href);
		tmpl_set(back, "label", back_label != NULL ? back_label :
		    "Go back");
	}
	web_render(w, status);
}

/* 303: after a POST the browser fetches the next page with GET. */
void
web_redirect(struct web *w, const char *location)
{
	buf_reset(&w->res.body);
	w->res.status = 303;
	w->res.content_type = NULL;
	http_header_add(&w->res, "Location", location);
	w->answered = 1;
}

/*
 * 200 with a stored file.  Behind nginx the answer is an
 * X-Accel-Redirect to internal_uri and nginx sends the bytes; as plain
 * CGI they are read from path here.  404 if the file cannot be read.
 */
void
web_send_file(struct web *w, const char *content_type,
    const char *cache_control, const char *internal_uri, const char *path)
{
	FILE	*f;
	char	 chunk[16384];
	size_t	 n;

	buf_reset(&w->res.body);
	if (!w->behind_nginx) {
		if ((f = fopen(path, "rb")) == NULL) {
			log_error("web: cannot open %s", path);
			web_error(w, 404, "This file is no longer available.");
			return;
		}
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_append(&w->res.body, chunk, n);
		if (ferror(f)) {
			fclose(f);
			log_error("web: cannot read %s", path);
			web_error(w, 404, "This file is no longer available.");
			return;
		}
		fclose(f);
	} else
		http_header_add(&w->res, "X-Accel-Redirect", internal_uri);
	w->res.status = 200;
	w->res.content_type = content_type;
	w->res.cache_control = cache_control;
	w->answered = 1;
}

/* 200 with bytes made here (a download, not a page); any content type. */
void
web_send_bytes(struct web *w, const char *content_type, const void *data,
    size_t len)
{
	buf_reset(&w->res.body);
	buf_append(&w->res.body, data, len);
	w->res.status = 200;
	w->res.content_type = content_type;
	w->answered = 1;
}

/* http_response_write's hook for web_stream: the headers are out. */
static void
stream_run(void *ctx, const struct http_io *io)
{
	struct web	*w = ctx;

	(void)io;	/* w->io: web_write writes there */
	w->streaming = 1;
	if (w->stream(w, w->stream_ctx) != 0)
		log_warn("web: %s %s: the client stopped reading",
		    w->req.method_name, w->req.path);
}

/*
 * 200 with a body written while it is made, for a download too large
 * to hold (a year of bookings): after the headers, fn(w, ctx) writes
 * it with web_write and returns 0, or -1 when a write failed (the
 * client left).  The status is decided here, so every check and write
 * that could change it (validation, the audit row) comes before this
 * call.  An error inside fn can only cut the download short (see
 * worker.c's fatal_answer): once the headers are out, a truncated body
 * is all HTTP/1.1 can say.  filename is the name a browser saves it
 * under; it must be printable ASCII without quotes or backslashes.
 */
void
web_stream(struct web *w, const char *content_type, const char *filename,
    int (*fn)(struct web *, void *), void *ctx)
{
	const char	*c;

	for (c = filename; *c != '\0'; c++)
		if (*c < 0x20 || *c > 0x7e || *c == '"' || *c == '\\')
			log_fatal("web: download name %s", filename);
	buf_reset(&w->res.body);
	w->res.status = 200;
	w->res.content_type = content_type;
	w->res.cache_control = "no-store";
	http_header_add(&w->res, "Content-Disposition", arena_printf(w->arena,
	    "attachment; filename=\"%s\"", filename));
	w->stream = fn;
	w->stream_ctx = ctx;
	w->res.stream = stream_run;
	w->res.stream_ctx = w;
	w->answered = 1;
}

/* Part of a streamed body (web_stream's callback only): 0, or -1. */
int
web_write(struct web *w, const void *data, size_t n)
{
	if (!w->streaming)
		log_fatal("web: %s written to outside a stream", w->req.path);
	return w->io->write(w->io->ctx, data, n) < 0 ? -1 : 0;
}

/* Validate a form from the POST body; returns the number of errors. */
int
web_form_read(struct web *w, struct form *f, const struct form_field *fields,
    size_t n)
{
	form_init(f, w->arena, fields, n);
	return form_read(f, &w->req.form);
}

#define TOKEN_CHARS \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"

/*
 * Match "/a/{id}/b" against a path, collecting the ids; "{token}"
 * matches 1 to WEB_MAX_TOKEN letters, digits, '-' and '_' (a link's
 * secret), found at *token for *toklen bytes.
 */
static int
route_match(const char *pat, const char *path, int64_t *ids,
    const char **token, size_t *toklen)
{
	size_t	nid = 0, len;

	while (*pat != '\0' && *path != '\0') {
		if (strncmp(pat, "{token}", 7) == 0) {
			len = strspn(path, TOKEN_CHARS);
			if (len == 0 || len > WEB_MAX_TOKEN)
				return 0;
			*token = path;
			*toklen = len;
			pat += 7;
			path += len;
		} else if (strncmp(pat, "{id}", 4) == 0) {
			len = strspn(path, "0123456789");
			if (len == 0 || len > 15 || path[0] == '0' ||
			    nid == WEB_MAX_IDS)
				return 0;
			ids[nid++] = strtoll(path, NULL, 10);
			pat += 4;
			path += len;
		} else if (*pat++ != *path++)
			return 0;
	}
	return *pat == '\0' && *path == '\0';
}

static void
allow_header(struct web *w, unsigned methods)
{
	http_header_add(&w->res, "Allow", methods & WEB_POST ?
	    (methods & WEB_GET ? "GET, HEAD, POST" : "POST") : "GET, HEAD");
}

/*
 * The pages a staff member who must enrol in two-factor sign-in may
 * still open (static files never reach the areas).
 */
static const char *const web_enrol_paths[] = {
	"/account/2fa", "/account/2fa/qr.svg", "/logout",
};

/*
 * With the staff_2fa_required setting on, a staff account without an
 * app is sent to enrol before anything else: 303 to /account/2fa for
 * a GET, 403 for anything else.  Returns 1 when the request may go on.
 */
static int
enrolment_gate(struct web *w)
{
	size_t	i;

	if (w->session.user_id == 0 || w->session.two_factor ||
	    !(w->session.role & (ROLE_STAFF | ROLE_ADMIN)))
		return 1;
	for (i = 0; i < sizeof(web_enrol_paths) / sizeof(web_enrol_paths[0]);
	    i++)
		if (strcmp(w->req.path, web_enrol_paths[i]) == 0)
			return 1;
	if (!setting(w->db, SET_STAFF_2FA_REQUIRED))
		return 1;
	if (w->req.method == HTTP_GET || w->req.method == HTTP_HEAD)
		web_redirect(w, "/account/2fa?notice=2fa-required");
	else
		web_error(w, 403, "Staff accounts must turn on two-factor "
		    "sign-in first, at /account/2fa.");
	return 0;
}

/*
 * The gates every route passes: sign-in, role, then CSRF for a POST
 * (unless the route is WEB_NO_CSRF: see web.h), then the staff
 * two-factor requirement.
 */
static int
gates_pass(struct web *w, const struct web_route *r)
{
	const char	*sent, *next;

	if (r->roles != WEB_PUBLIC && w->session.user_id == 0) {
		next = w->req.raw_query[0] != '\0' ? arena_printf(w->arena,
		    "%s?%s", w->req.raw_path, w->req.raw_query) :
		    w->req.raw_path;
		web_redirect(w, arena_printf(w->arena, "/login?next=%s",
		    http_urlencode(w->arena, next)));
		return 0;
	}
	if (r->roles != WEB_PUBLIC && !(r->roles & w->session.role)) {
		web_error(w, 403, "Your account cannot use this page.");
		return 0;
	}
	if (w->req.method == HTTP_POST && !(r->methods & WEB_NO_CSRF)) {
		sent = http_param_get(&w->req.form, WEB_CSRF_FIELD);
		if (!w->session.found || sent == NULL ||
		    !crypto_streq(sent, w->session.csrf)) {
			web_error(w, 403, "This form has expired or did not come "
			    "from this site. Go back, reload the page and try "
			    "again.");
			return 0;
		}
	}
	return enrolment_gate(w);
}

static void
dispatch(const struct web_area *area, struct web *w)
{
	unsigned	 want, allowed = 0;
	const char	*token = NULL;
	size_t		 i, toklen = 0;

	want = w->req.method == HTTP_POST ? WEB_POST :
	    (w->req.method == HTTP_OTHER ? 0 : WEB_GET);
	for (i = 0; i < area->nroutes; i++) {
		const struct web_route	*r = &area->routes[i];

		token = NULL;
		if (!route_match(r->pattern, w->req.path, w->id, &token,
		    &toklen))
			continue;
		allowed |= r->methods;
		if (!(r->methods & want))
			continue;
		if (token != NULL)
			w->token = arena_strndup(w->arena, token, toklen);
		if (gates_pass(w, r) && (area->gate == NULL ||
		    area->gate(w, r)))
			r->handler(w);
		return;
	}
	if (allowed != 0) {
		allow_header(w, allowed);
		web_error(w, 405, "This page cannot be used that way.");
	} else
		web_error(w, 404, "There is no page at this address.");
}

/*
 * log_disk_full's hook: a request that could not save for want of
 * space jumps back to web_serve, which rolls it back and answers 503;
 * the worker lives on, and writes work again once there is room.  A
 * download whose headers are out cannot change its answer: then this
 * returns and the fatal path cuts it short.
 */
static void
web_disk_full(void)
{
	jmp_buf	*to = web_full_jump;

	if (to == NULL || web_full_request->streaming)
		return;
	web_full_jump = NULL;	/* a second one while answering is fatal */
	longjmp(*to, 1);
}

/* The Referer, when it is a page of this site: the form a POST came from. */
static const char *
referer_path(const struct web *w)
{
	const char	*r = http_env(w->req.env, "HTTP_REFERER");
	size_t		 n;

	if (r == NULL || w->req.host == NULL)
		return NULL;
	if (strncmp(r, "https://", 8) == 0)
		r += 8;
	else if (strncmp(r, "http://", 7) == 0)
		r += 7;
	else
		return NULL;
	/* Host as nginx passes it, without the port. */
	n = strcspn(w->req.host, ":");
	if (strncmp(r, w->req.host, n) != 0 || (r[n] != ':' && r[n] != '/'))
		return NULL;
	r += n;
	if (*r == ':')
		r += 1 + strspn(r + 1, "0123456789");
	return web_local_path(r) ? r : NULL;
}

/*
 * 503 for a request that needed space the disk did not have: its
 * transaction rolled back, whatever it set on the response dropped (a
 * cookie for a session never saved), Retry-After, and a way back to
 * the form, which the browser's Back button shows as it was filled.
 */
static void
web_full_answer(struct web *w)
{
	const char	*back = referer_path(w);

	db_reset_all(w->db);
	http_response_reset(&w->res);
	http_header_add(&w->res, "Retry-After", WEB_FULL_RETRY);
	web_error_back(w, 503, WEB_FULL_MESSAGE, "Your browser's Back button "
	    "returns to the form as you filled it: send it again in a few "
	    "minutes.", back != NULL ? back : "/", back != NULL ?
	    "Back to the page you were on" : "HomeServe's front page");
}

/*
 * Serve one request end to end.  Everything it allocates is in
 * w->arena or the response buffer, both reset by the caller.  A full
 * disk anywhere in it ends in web_full_answer (503), by web_disk_full.
 */
void
web_serve(const struct web_area *area, struct web *w, const struct http_io *io)
{
	jmp_buf		 full;
	const char	*why;
	int		 rc;

	http_response_reset(&w->res);
	w->answered = 0;
	w->dict = w->body = NULL;
	memset(w->id, 0, sizeof(w->id));
	w->token = NULL;
	w->io = io;
	w->stream = NULL;
	w->stream_ctx = NULL;
	w->streaming = 0;
	memset(&w->session, 0, sizeof(w->session));
	rc = http_request_read(&w->req, w->arena, io, &why);
	if (w->req.path == NULL)
		w->req.path = w->req.raw_path = "/";
	if (w->req.raw_query == NULL)
		w->req.raw_query = "";
	log_set_disk_full_hook(web_disk_full);
	web_full_request = w;
	if (setjmp(full) != 0)
		web_full_answer(w);
	else {
		web_full_jump = &full;
		if (rc == 0)
			session_load(w->db, w->arena, http_param_get(
			    &w->req.cookies, WEB_COOKIE), &w->session);
		w->actor = (struct actor){ w->session.user_id,
		    w->req.remote_addr, w->req.user_agent };
		if (rc != 0)
			web_error(w, rc, why);
		else
			dispatch(area, w);
	}
	web_full_jump = NULL;
	if (!w->answered)
		log_fatal("web: %s %s gave no answer", w->req.method_name,
		    w->req.path);
	if (db_in_transaction(w->db))
		log_fatal("web: %s %s left a transaction open",
		    w->req.method_name, w->req.path);
	http_response_write(&w->res, io, w->req.method == HTTP_HEAD);
	if (w->dict != NULL)
		tmpl_dict_free(w->dict);
	w->dict = w->body = NULL;
	db_reset_all(w->db);
}
