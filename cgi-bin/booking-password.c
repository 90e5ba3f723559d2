/* booking-password.c: a forgotten password: ask for a link by email, then choose a new password with it. */
#include <string.h>

#include "arena.h"
#include "booking-area.h"
#include "clock.h"
#include "pwpolicy.h"
#include "reset.h"
#include "web.h"

static const struct form_field forgot_fields[] = {
	{ "email", "Email", FORM_EMAIL, FORM_REQUIRED, 3, 254 },
};

enum reset_field { RESET_PASSWORD, RESET_PASSWORD_CONFIRM, RESET__MAX };

static const struct form_field reset_fields[RESET__MAX] = {
	[RESET_PASSWORD] = { "password", "New password", FORM_NEW_PASSWORD,
	    FORM_REQUIRED, 8, 128 },
	[RESET_PASSWORD_CONFIRM] = { "password_confirm", "New password again",
	    FORM_PASSWORD, FORM_REQUIRED, 0, 128 },
};

/*
 * Why a link does not work, and the status that says so; a row for an
 * invitation's link (invited) is taken first for one.
 */
static const struct {
	enum reset_result	 rc;
	int			 invited;
	int			 status;
	const char		*message;
} link_problems[] = {
	{ RESET_UNKNOWN, 0, 404, "This reset link is not valid. Copy the whole "
	    "address from the email, or ask for a new link." },
	{ RESET_EXPIRED, 1, 410, "This invitation has expired: invitations "
	    "work for 72 hours. Ask for a new link with the email address it "
	    "came to." },
	{ RESET_EXPIRED, 0, 410, "This reset link has expired: links work for "
	    "an hour. Ask for a new one." },
	{ RESET_USED, 1, 410, "This invitation was already used: sign in with "
	    "the password you chose. Forgot it? Ask for a new link." },
	{ RESET_USED, 0, 410, "This reset link was already used. If you still "
	    "cannot sign in, ask for a new one." },
};

/* The form's words: a first password for an invitation, else a new one. */
static const struct {
	const char	*title;
	const char	*section;	/* what the template says above the form */
	const char	*button;
	const char	*notice;	/* on the sign-in page, once saved */
} form_words[RESET_PURPOSE__MAX] = {
	[RESET_FORGOT] = { "Choose a new password", "new_password",
	    "Save the new password", "password-changed" },
	[RESET_FORCED] = { "Choose a new password", "new_password",
	    "Save the new password", "password-changed" },
	[RESET_INVITED] = { "Choose your password", "first_password",
	    "Save my password", "password-set" },
};

static void
forgot_show(struct web *w, struct form *f, int status, const char *problem)
{
	struct tmpl_dict	*d = web_page(w, "Forgot your password?",
	    "password_forgot.tpl");

	form_fill(f, d);
	if (problem != NULL)
		tmpl_set(tmpl_section(d, "problem"), "message", problem);
	web_csrf(w);
	web_render(w, status);
}

/*
 * GET shows the form; POST asks for a link and always answers alike
 * (a 303 back here with a notice), whether or not the address has an
 * account.  422 for a malformed address, 429 for a flood from one client.
 */
void
page_password_forgot(struct web *w)
{
	struct form	f;
	int64_t		retry_after = 0;

	if (w->req.method != HTTP_POST) {
		form_init(&f, w->arena, forgot_fields, 1);
		forgot_show(w, &f, 200, NULL);
		return;
	}
	if (web_form_read(w, &f, forgot_fields, 1)) {
		forgot_show(w, &f, 422, NULL);
		return;
	}
	if (reset_request(w->db, w->arena, &w->actor, f.v[0].text, clock_now(),
	    &retry_after) == RESET_THROTTLED) {
		http_header_add(&w->res, "Retry-After", arena_printf(w->arena,
		    "%lld", (long long)retry_after));
		forgot_show(w, &f, 429, arena_printf(w->arena, "Too many "
		    "requests from your connection. Try again in %lld "
		    "minute%s.", (long long)(retry_after + 59) / 60,
		    retry_after > 60 ? "s" : ""));
		return;
	}
	web_redirect(w, "/password/forgot?notice=reset-sent");
}

static void
reset_show(struct web *w, struct form *f, enum reset_purpose purpose,
    int status)
{
	struct tmpl_dict	*form = tmpl_section(web_page(w,
	    form_words[purpose].title, "password_reset.tpl"), "form");

	tmpl_set(form, "heading", form_words[purpose].title);
	tmpl_set(form, "button", form_words[purpose].button);
	tmpl_show(form, form_words[purpose].section);
	tmpl_set(form, "token", w->token);
	form_fill(f, form);
	web_csrf(w);
	web_render(w, status);
}

static void
link_refused(struct web *w, enum reset_result rc, enum reset_purpose purpose)
{
	struct tmpl_dict	*d;
	size_t			 i;

	for (i = 0; i < sizeof(link_problems) / sizeof(link_problems[0]); i++)
		if (link_problems[i].rc == rc && (!link_problems[i].invited ||
		    purpose == RESET_INVITED))
			break;
	if (i == sizeof(link_problems) / sizeof(link_problems[0]))
		i = 0;
	d = web_page(w, "This link does not work", "password_reset.tpl");
	tmpl_set(tmpl_section(d, "problem"), "message",
	    link_problems[i].message);
	web_render(w, link_problems[i].status);
}

/* The new password must not contain the account's username or email. */
static void
name_check(struct web *w, struct form *f)
{
	const char	*username, *email, *why;

	reset_names(w->db, w->arena, w->token, clock_now(), &username, &email);
	if ((why = pwpolicy_check(w->arena, f->v[RESET_PASSWORD].text,
	    username, email)) != NULL)
		form_error(f, RESET_PASSWORD, why);
}

/*
 * GET checks the link and shows the form (worded for a first password
 * when the link is an invitation); POST sets the password, ends every
 * session of the account and sends the person to sign in.  404 or 410
 * for a link that does not work, 422 for a password too short, too
 * common or containing the account's name (pwpolicy_check).
 */
void
page_password_reset(struct web *w)
{
	struct form		f;
	enum reset_result	rc;
	enum reset_purpose	purpose;

	rc = reset_check(w->db, w->arena, w->token, clock_now(), &purpose);
	if (rc != RESET_OK) {
		link_refused(w, rc, purpose);
		return;
	}
	if (w->req.method != HTTP_POST) {
		form_init(&f, w->arena, reset_fields, RESET__MAX);
		reset_show(w, &f, purpose, 200);
		return;
	}
	web_form_read(w, &f, reset_fields, RESET__MAX);
	if (!f.v[RESET_PASSWORD].error)
		name_check(w, &f);
	if (!f.v[RESET_PASSWORD].error && strcmp(f.v[RESET_PASSWORD].text,
	    f.v[RESET_PASSWORD_CONFIRM].text) != 0)
		form_error(&f, RESET_PASSWORD_CONFIRM, "The two passwords differ.");
	if (f.errors) {
		reset_show(w, &f, purpose, 422);
		return;
	}
	rc = reset_complete(w->db, w->arena, &w->actor, w->token,
	    f.v[RESET_PASSWORD].text, clock_now());
	if (rc != RESET_OK) {
		link_refused(w, rc, purpose);
		return;
	}
	/* Whatever session this browser had is gone: say so to it too. */
	web_clear_session_cookie(w);
	web_redirect(w, arena_printf(w->arena, "/login?notice=%s",
	    form_words[purpose].notice));
}
