/* booking-auth.c: registration, sign-in and sign-out pages. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "booking-area.h"
#include "clock.h"
#include "signin.h"
#include "web.h"

enum register_field {
	REG_USERNAME, REG_EMAIL, REG_PHONE, REG_PASSWORD, REG_PASSWORD_CONFIRM,
	REG_ADDRESS, REG_PINCODE, REG__MAX
};

static const struct form_field register_fields[REG__MAX] = {
	[REG_USERNAME] = { "username", "Username", FORM_USERNAME,
	    FORM_REQUIRED, 3, 30 },
	[REG_EMAIL] = { "email", "Email", FORM_EMAIL, FORM_REQUIRED, 3, 254 },
	[REG_PHONE] = { "phone", "Mobile number", FORM_PHONE, FORM_REQUIRED,
	    0, 0 },
	[REG_PASSWORD] = { "password", "Password", FORM_NEW_PASSWORD,
	    FORM_REQUIRED, 8, 128 },
	[REG_PASSWORD_CONFIRM] = { "password_confirm", "Password again",
	    FORM_PASSWORD, FORM_REQUIRED, 0, 128 },
	[REG_ADDRESS] = { "address", "Address", FORM_MULTILINE, FORM_REQUIRED,
	    5, 300 },
	[REG_PINCODE] = { "pincode", "Pincode", FORM_PINCODE, FORM_REQUIRED,
	    0, 0 },
};

enum login_field {
	LOGIN_USERNAME, LOGIN_PASSWORD, LOGIN_NEXT, LOGIN__MAX
};

static const struct form_field login_fields[LOGIN__MAX] = {
	[LOGIN_USERNAME] = { "username", "Username or email", FORM_TEXT,
	    FORM_REQUIRED, 1, 254 },
	[LOGIN_PASSWORD] = { "password", "Password", FORM_PASSWORD,
	    FORM_REQUIRED, 1, 128 },
	[LOGIN_NEXT] = { "next", "Next page", FORM_TEXT, 0, 0, 512 },
};

static void
register_show(struct web *w, struct form *f, int status, const char *problem)
{
	struct tmpl_dict	*d = web_page(w, "Create your account",
	    "register.tpl");

	form_fill(f, d);
	if (problem != NULL)
		tmpl_set(tmpl_section(d, "problem"), "message", problem);
	web_csrf(w);
	web_render(w, status);
}

/*
 * Past register_per_ip_hour, a 429 with the form kept (never the
 * passwords); returns 1 when refused.  Counted only for forms that are
 * valid, the ones that could create an account or name one as taken.
 */
static int
register_throttled(struct web *w, struct form *f)
{
	int64_t	wait = signin_register_wait(w->db, w->arena, w->actor.ip,
	    clock_now());

	if (wait == 0)
		return 0;
	http_header_add(&w->res, "Retry-After", arena_printf(w->arena, "%lld",
	    (long long)wait));
	register_show(w, f, 429, arena_printf(w->arena, "Too many new "
	    "accounts were asked for from your connection. Try again in %lld "
	    "minute%s.", (long long)(wait + 59) / 60, wait > 60 ? "s" : ""));
	return 1;
}

/*
 * GET shows the form; POST creates a customer and signs them in (422 on
 * errors, a weak password included; 429 past the per-address limit).
 */
void
page_register(struct web *w)
{
	struct form		 f;
	struct account_new	 in;
	enum account_result	 rc;
	int64_t			 id;

	if (w->session.user_id) {
		web_redirect(w, role_home(w->session.role));
		return;
	}
	if (w->req.method != HTTP_POST) {
		form_init(&f, w->arena, register_fields, REG__MAX);
		register_show(w, &f, 200, NULL);
		return;
	}
	web_form_read(w, &f, register_fields, REG__MAX);
	if (!f.v[REG_PASSWORD].error && strcmp(f.v[REG_PASSWORD].text,
	    f.v[REG_PASSWORD_CONFIRM].text) != 0)
		form_error(&f, REG_PASSWORD_CONFIRM, "The two passwords differ.");
	if (f.errors) {
		register_show(w, &f, 422, NULL);
		return;
	}
	if (register_throttled(w, &f))
		return;
	in = (struct account_new){ f.v[REG_USERNAME].text, f.v[REG_EMAIL].text,
	    f.v[REG_PHONE].text, f.v[REG_PASSWORD].text,
	    f.v[REG_ADDRESS].text, f.v[REG_PINCODE].text, ROLE_CUSTOMER };
	rc = account_create(w->db, &w->actor, &in, &id);
	if (rc == ACCOUNT_USERNAME_TAKEN || rc == ACCOUNT_BOTH_TAKEN)
		form_error(&f, REG_USERNAME, "This username is taken.");
	if (rc == ACCOUNT_EMAIL_TAKEN || rc == ACCOUNT_BOTH_TAKEN)
		form_error(&f, REG_EMAIL, "An account with this email exists. "
		    "Sign in instead.");
	if (rc != ACCOUNT_OK) {
		register_show(w, &f, 422, NULL);
		return;
	}
	session_begin(w->db, w->arena, &w->actor, id, &w->session);
	web_set_session_cookie(w);
	web_redirect(w, "/?notice=registered");
}

static void
login_show(struct web *w, struct form *f, int status, const char *problem)
{
	struct tmpl_dict	*d = web_page(w, "Sign in", "login.tpl");

	form_fill(f, d);
	if (problem != NULL)
		tmpl_set(tmpl_section(d, "problem"), "message", problem);
	web_csrf(w);
	web_render(w, status);
}

static void
login_refused(struct web *w, struct form *f, enum login_result rc,
    int64_t retry_after)
{
	switch (rc) {
	case LOGIN_THROTTLED:
		http_header_add(&w->res, "Retry-After", arena_printf(w->arena,
		    "%lld", (long long)retry_after));
		login_show(w, f, 429, retry_after < 60 ?
		    arena_printf(w->arena, "Too many failed sign-in attempts. "
		    "Try again in %lld second%s.", (long long)retry_after,
		    retry_after > 1 ? "s" : "") :
		    arena_printf(w->arena, "Too many failed sign-in attempts. "
		    "Try again in %lld minute%s.",
		    (long long)(retry_after + 59) / 60,
		    retry_after > 60 ? "s" : ""));
		break;
	case LOGIN_BLOCKED:
		login_show(w, f, 403, "This account is blocked. Contact "
		    "HomeServe support.");
		break;
	default:
		login_show(w, f, 422, "The username or password is wrong.");
		break;
	}
}

/*
 * GET shows the form (keeping ?next=); POST signs in and goes to next
 * if it is a local path, else to the role's own area.  422 wrong
 * credentials, 403 blocked, 429 throttled.
 */
void
page_login(struct web *w)
{
	struct form		 f;
	enum login_result	 rc;
	int64_t			 retry_after;
	const char		*next;

	if (w->req.method != HTTP_POST) {
		form_init(&f, w->arena, login_fields, LOGIN__MAX);
		next = web_query(w, "next");
		form_set(&f, LOGIN_NEXT, web_local_path(next) ? next : "");
		login_show(w, &f, 200, NULL);
		return;
	}
	if (web_form_read(w, &f, login_fields, LOGIN__MAX)) {
		login_show(w, &f, 422, NULL);
		return;
	}
	rc = session_login(w->db, w->arena, &w->actor,
	    f.v[LOGIN_USERNAME].text, f.v[LOGIN_PASSWORD].text, &w->session,
	    &retry_after);
	next = f.v[LOGIN_NEXT].text;
	if (rc == LOGIN_NEEDS_CODE) {
		web_set_session_cookie(w);
		web_redirect(w, web_local_path(next) ? arena_printf(w->arena,
		    "/login/2fa?next=%s", http_urlencode(w->arena, next)) :
		    "/login/2fa");
		return;
	}
	if (rc != LOGIN_OK) {
		login_refused(w, &f, rc, retry_after);
		return;
	}
	web_set_session_cookie(w);
	web_redirect(w, web_local_path(next) ? next :
	    role_home(w->session.role));
}

enum code_field { CODE_CODE, CODE_NEXT, CODE__MAX };

static const struct form_field code_fields[CODE__MAX] = {
	[CODE_CODE] = { "code", "Code", FORM_TEXT, FORM_REQUIRED, 1, 20 },
	[CODE_NEXT] = { "next", "Next page", FORM_TEXT, 0, 0, 512 },
};

static void
code_show(struct web *w, struct form *f, int status, const char *problem)
{
	struct tmpl_dict	*d = web_page(w, "Your sign-in code",
	    "login_2fa.tpl");

	form_fill(f, d);
	if (problem != NULL)
		tmpl_set(tmpl_section(d, "problem"), "message", problem);
	web_csrf(w);
	web_render(w, status);
}

/*
 * /login/2fa: after a right password, the code from the app or a
 * recovery code.  303 signed in (to next or the role's home); 422 a
 * wrong code, 429 too many, 403 blocked; without a password just given
 * (or after LOGIN_CODE_TTL), back to /login.
 */
void
page_login_2fa(struct web *w)
{
	struct form		 f;
	enum login_result	 rc;
	int64_t			 retry_after;
	const char		*next;

	if (w->session.pending_user == 0) {
		web_redirect(w, "/login?notice=code-expired");
		return;
	}
	if (w->req.method != HTTP_POST) {
		form_init(&f, w->arena, code_fields, CODE__MAX);
		next = web_query(w, "next");
		form_set(&f, CODE_NEXT, web_local_path(next) ? next : "");
		code_show(w, &f, 200, NULL);
		return;
	}
	if (web_form_read(w, &f, code_fields, CODE__MAX)) {
		code_show(w, &f, 422, NULL);
		return;
	}
	rc = session_login_code(w->db, w->arena, &w->actor,
	    f.v[CODE_CODE].text, &w->session, &retry_after);
	switch (rc) {
	case LOGIN_OK:
		web_set_session_cookie(w);
		next = f.v[CODE_NEXT].text;
		web_redirect(w, web_local_path(next) ? next :
		    role_home(w->session.role));
		return;
	case LOGIN_THROTTLED:
		http_header_add(&w->res, "Retry-After", arena_printf(w->arena,
		    "%lld", (long long)retry_after));
		code_show(w, &f, 429, arena_printf(w->arena, "Too many wrong "
		    "codes. Try again in %lld minute%s.",
		    (long long)(retry_after + 59) / 60,
		    retry_after > 60 ? "s" : ""));
		return;
	case LOGIN_BLOCKED:
		code_show(w, &f, 403, "This account is blocked. Contact "
		    "HomeServe support.");
		return;
	case LOGIN_NOTHING_PENDING:
		web_redirect(w, "/login?notice=code-expired");
		return;
	default:
		form_error(&f, CODE_CODE, "That code is not right: type the "
		    "newest code your app shows, or one of your recovery "
		    "codes.");
		code_show(w, &f, 422, NULL);
		return;
	}
}

/* POST only: end the session and forget the cookie. */
void
page_logout(struct web *w)
{
	session_logout(w->db, &w->actor, &w->session);
	web_clear_session_cookie(w);
	web_redirect(w, "/?notice=signed-out");
}
