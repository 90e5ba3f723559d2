/* booking-2fa.c: /account/2fa: turning on two-factor sign-in with an authenticator app (a QR code or the secret typed in), the recovery codes shown once, and turning it off. */
#include <string.h>

#include "arena.h"
#include "booking-area.h"
#include "fmt.h"
#include "qr.h"
#include "setting.h"
#include "twofactor.h"
#include "web.h"

enum confirm_field { CONFIRM_CODE, CONFIRM__MAX };

static const struct form_field confirm_fields[CONFIRM__MAX] = {
	[CONFIRM_CODE] = { "code", "Code from the app", FORM_TEXT,
	    FORM_REQUIRED, 1, 20 },
};

enum disable_field { DISABLE_PASSWORD, DISABLE_CODE, DISABLE__MAX };

static const struct form_field disable_fields[DISABLE__MAX] = {
	[DISABLE_PASSWORD] = { "password", "Password", FORM_PASSWORD,
	    FORM_REQUIRED, 1, 128 },
	[DISABLE_CODE] = { "code", "Code", FORM_TEXT, FORM_REQUIRED, 1, 20 },
};

/* The secret in groups of four, as authenticator apps show theirs. */
static char *
secret_grouped(struct arena *a, const char *s)
{
	size_t	n = strlen(s), i;
	char	*out = arena_alloc(a, n + n / 4 + 1), *w = out;

	for (i = 0; i < n; i++) {
		if (i > 0 && i % 4 == 0)
			*w++ = ' ';
		*w++ = s[i];
	}
	*w = '\0';
	return out;
}

/* Not enrolled: the QR code, the secret, the form for the first code. */
static void
setup_fill(struct web *w, struct tmpl_dict *d, const struct form *f)
{
	struct tmpl_dict	*s = tmpl_section(d, "setup");
	const char		*secret = twofactor_pending(w->db, w->arena,
				    w->session.user_id);

	tmpl_set(s, "secret", secret_grouped(w->arena, secret));
	if (f != NULL && f->fields == confirm_fields &&
	    f->v[CONFIRM_CODE].error != NULL)
		tmpl_set(tmpl_section(s, "code_error"), "message",
		    f->v[CONFIRM_CODE].error);
	if (w->session.role & (ROLE_STAFF | ROLE_ADMIN) &&
	    setting(w->db, SET_STAFF_2FA_REQUIRED))
		tmpl_show(s, "required");
}

/* Enrolled: since when, recovery codes left, the form to turn it off. */
static void
enrolled_fill(struct web *w, struct tmpl_dict *d,
    const struct twofactor_state *st, const struct form *f)
{
	struct tmpl_dict	*e = tmpl_section(d, "enrolled");

	tmpl_set(e, "since", fmt_time(w->arena, st->enrolled_at));
	tmpl_set(e, "since_iso", fmt_time_iso(w->arena, st->enrolled_at));
	tmpl_set_int(e, "recovery_left", st->recovery_left);
	if (w->session.role & (ROLE_STAFF | ROLE_ADMIN) &&
	    setting(w->db, SET_STAFF_2FA_REQUIRED)) {
		tmpl_show(e, "required");
		return;
	}
	e = tmpl_section(e, "can_disable");
	if (f != NULL && f->fields == disable_fields)
		form_fill(f, e);
}

static void
twofactor_show(struct web *w, const struct form *f, int status,
    const char *problem)
{
	struct twofactor_state	 st;
	struct tmpl_dict	*d;

	twofactor_state(w->db, w->session.user_id, &st);
	d = web_page(w, "Two-factor sign-in", "account_2fa.tpl");
	if (st.enrolled)
		enrolled_fill(w, d, &st, f);
	else
		setup_fill(w, d, f);
	if (problem != NULL)
		tmpl_set(tmpl_section(d, "problem"), "message", problem);
	web_csrf(w);
	web_render(w, status);
}

/* Enrolled just now: the recovery codes, on this page only, once. */
static void
codes_show(struct web *w, char **codes)
{
	struct tmpl_dict	*d = web_page(w, "Two-factor sign-in is on",
				    "account_2fa.tpl");
	struct tmpl_dict	*c = tmpl_section(d, "codes");
	size_t			 i;

	for (i = 0; i < TWOFACTOR_RECOVERY_CODES; i++)
		tmpl_set(tmpl_section(c, "code"), "text", codes[i]);
	web_render(w, 200);
}

/*
 * GET: the setup (QR code, secret, a form for the first code) or the
 * state once on.  POST code: 200 with the recovery codes when it is
 * right, 422 with the setup again when not; 409 when already on.
 */
void
page_account_2fa(struct web *w)
{
	struct form	  f;
	char		**codes;

	if (w->req.method != HTTP_POST) {
		twofactor_show(w, NULL, 200, NULL);
		return;
	}
	if (web_form_read(w, &f, confirm_fields, CONFIRM__MAX)) {
		twofactor_show(w, &f, 422, NULL);
		return;
	}
	switch (twofactor_enrol(w->db, w->arena, &w->actor,
	    w->session.user_id, f.v[CONFIRM_CODE].text, &codes)) {
	case TF_OK:
		codes_show(w, codes);
		return;
	case TF_WRONG_CODE:
		form_error(&f, CONFIRM_CODE, "That code is not right: check "
		    "the time on your phone, and type the newest code.");
		twofactor_show(w, &f, 422, NULL);
		return;
	default:
		twofactor_show(w, NULL, 409, "Two-factor sign-in is on already.");
		return;
	}
}

/* GET: the QR code of the secret waiting to be enrolled; 404 once on. */
void
page_account_2fa_qr(struct web *w)
{
	const char	*secret, *svg;

	if ((secret = twofactor_pending(w->db, w->arena,
	    w->session.user_id)) == NULL ||
	    (svg = qr_svg(w->arena, twofactor_uri(w->arena, secret,
	    w->session.username))) == NULL) {
		web_error(w, 404, "There is no code to set up.");
		return;
	}
	web_send_bytes(w, "image/svg+xml", svg, strlen(svg));
}

/*
 * POST password and code: off, and 303 back; 422 a wrong password or
 * code (the form again), 409 when staff must keep it or it is off.
 */
void
page_account_2fa_disable(struct web *w)
{
	struct form	f;

	if (web_form_read(w, &f, disable_fields, DISABLE__MAX)) {
		twofactor_show(w, &f, 422, NULL);
		return;
	}
	switch (twofactor_disable(w->db, w->arena, &w->actor,
	    w->session.user_id, f.v[DISABLE_PASSWORD].text,
	    f.v[DISABLE_CODE].text)) {
	case TF_OK:
		web_redirect(w, "/account/2fa?notice=2fa-off");
		return;
	case TF_WRONG_PASSWORD:
		form_error(&f, DISABLE_PASSWORD, "The password is wrong.");
		twofactor_show(w, &f, 422, NULL);
		return;
	case TF_WRONG_CODE:
		form_error(&f, DISABLE_CODE, "That code is not right.");
		twofactor_show(w, &f, 422, NULL);
		return;
	case TF_REQUIRED:
		twofactor_show(w, NULL, 409, "Staff must keep two-factor "
		    "sign-in on: the super admin requires it.");
		return;
	default:
		twofactor_show(w, NULL, 409, "Two-factor sign-in is off "
		    "already.");
		return;
	}
}
