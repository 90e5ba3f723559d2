/* booking-account.c: a signed-in person's own account: /account (name, email, mobile), /account/password, /account/sessions (where they are signed in) and /account/delete (erasure under the DPDP Act). */
#include <string.h>

#include "arena.h"
#include "booking-area.h"
#include "device.h"
#include "erasure.h"
#include "fmt.h"
#include "profile.h"
#include "pwpolicy.h"
#include "web.h"

enum account_field { ACC_NAME, ACC_EMAIL, ACC_PHONE, ACC_CURRENT, ACC__MAX };

static const struct form_field account_fields[ACC__MAX] = {
	[ACC_NAME] = { "name", "Your name", FORM_TEXT, 0, 0, 100 },
	[ACC_EMAIL] = { "email", "Email", FORM_EMAIL, FORM_REQUIRED, 3, 254 },
	[ACC_PHONE] = { "phone", "Mobile number", FORM_PHONE, 0, 0, 0 },
	[ACC_CURRENT] = { "current_password", "Current password",
	    FORM_PASSWORD, 0, 0, 128 },
};

enum password_field { PW_CURRENT, PW_NEW, PW_CONFIRM, PW__MAX };

static const struct form_field password_fields[PW__MAX] = {
	[PW_CURRENT] = { "current_password", "Current password",
	    FORM_PASSWORD, FORM_REQUIRED, 1, 128 },
	/* The rules for a new password: registration's (pwpolicy.h). */
	[PW_NEW] = { "password", "New password", FORM_NEW_PASSWORD,
	    FORM_REQUIRED, PWPOLICY_MIN_LENGTH, 128 },
	[PW_CONFIRM] = { "password_confirm", "New password again",
	    FORM_PASSWORD, FORM_REQUIRED, 0, 128 },
};

enum delete_field { DEL_PASSWORD, DEL_CONFIRM, DEL__MAX };

static const struct form_field delete_fields[DEL__MAX] = {
	[DEL_PASSWORD] = { "password", "Password", FORM_PASSWORD,
	    FORM_REQUIRED, 1, 128 },
	[DEL_CONFIRM] = { "confirm", "Type DELETE to confirm", FORM_TEXT,
	    FORM_REQUIRED, 1, 20 },
};

#define HELD_MESSAGE	"Too many wrong passwords: try again in 15 minutes."

/* What the account form's refusals say, by field. */
static const struct {
	enum profile_result	 rc;
	enum account_field	 field;
	int			 status;
	const char		*message;
} account_refusals[] = {
	{ PROFILE_WRONG_PASSWORD, ACC_CURRENT, 422, "Your current password is "
	    "needed to change your email or mobile number, and this is not "
	    "it." },
	{ PROFILE_PASSWORD_HELD, ACC_CURRENT, 429, HELD_MESSAGE },
	{ PROFILE_EMAIL_TAKEN, ACC_EMAIL, 422, "That email belongs to another "
	    "account." },
	{ PROFILE_PHONE_LOCKED, ACC_PHONE, 422, "A vendor's mobile number is "
	    "verified by HomeServe: ask operations to change it." },
};

static void
account_show(struct web *w, struct form *f, int status)
{
	struct tmpl_dict	*d = web_page(w, "Your account", "account.tpl");

	tmpl_set(d, "username", w->session.username);
	tmpl_set(d, "role", role_label(w->session.role));
	if (w->session.role == ROLE_CUSTOMER)
		tmpl_show(d, "customer");
	form_fill(f, d);
	web_csrf(w);
	web_render(w, status);
}

/* The form as the account is now. */
static void
account_current(struct web *w, struct form *f)
{
	struct account	acct;

	form_init(f, w->arena, account_fields, ACC__MAX);
	if (!account_get(w->db, w->arena, w->session.user_id, &acct))
		return;
	form_set(f, ACC_NAME, acct.full_name);
	form_set(f, ACC_EMAIL, acct.email);
	form_set(f, ACC_PHONE, acct.phone);
}

/*
 * GET shows the name, email and mobile number; POST saves them: 303
 * back with a notice, 422 with the form as typed and a sentence for
 * bad input, a wrong or missing current password (needed for a new
 * email or number), or an email another account has.
 */
void
page_account(struct web *w)
{
	struct form		f;
	enum profile_result	rc;
	size_t			i;

	if (w->req.method != HTTP_POST) {
		account_current(w, &f);
		account_show(w, &f, 200);
		return;
	}
	if (web_form_read(w, &f, account_fields, ACC__MAX)) {
		account_show(w, &f, 422);
		return;
	}
	rc = profile_update(w->db, w->arena, &w->actor, w->session.user_id,
	    &(struct profile_change){ f.v[ACC_NAME].text, f.v[ACC_EMAIL].text,
	    f.v[ACC_PHONE].text, f.v[ACC_CURRENT].text });
	for (i = 0; i < sizeof(account_refusals) / sizeof(account_refusals[0]);
	    i++)
		if (account_refusals[i].rc == rc) {
			form_error(&f, account_refusals[i].field,
			    account_refusals[i].message);
			account_show(w, &f, account_refusals[i].status);
			return;
		}
	web_redirect(w, "/account?notice=saved");
}

static void
password_show(struct web *w, struct form *f, int status)
{
	form_fill(f, web_page(w, "Change your password",
	    "account_password.tpl"));
	web_csrf(w);
	web_render(w, status);
}

/* The new password must not contain the account's username or email. */
static void
name_check(struct web *w, struct form *f)
{
	struct account	 acct;
	const char	*why;

	if (account_get(w->db, w->arena, w->session.user_id, &acct) &&
	    (why = pwpolicy_check(w->arena, f->v[PW_NEW].text, acct.username,
	    acct.email)) != NULL)
		form_error(f, PW_NEW, why);
}

/*
 * GET shows the form; POST changes the password and signs out every
 * other session: 303 back with a notice; 422 for a wrong current
 * password, a new one too short, too common or naming the account
 * (pwpolicy.h), or two that differ.
 */
void
page_account_password(struct web *w)
{
	struct form	f;
	int64_t		ended;

	if (w->req.method != HTTP_POST) {
		form_init(&f, w->arena, password_fields, PW__MAX);
		password_show(w, &f, 200);
		return;
	}
	web_form_read(w, &f, password_fields, PW__MAX);
	if (!f.v[PW_NEW].error && strcmp(f.v[PW_NEW].text,
	    f.v[PW_CONFIRM].text) != 0)
		form_error(&f, PW_CONFIRM, "The two passwords differ.");
	if (!f.v[PW_NEW].error)
		name_check(w, &f);
	if (f.errors) {
		password_show(w, &f, 422);
		return;
	}
	switch (profile_password_change(w->db, w->arena, &w->actor,
	    w->session.user_id, f.v[PW_CURRENT].text, f.v[PW_NEW].text,
	    w->session.token_hash, &ended)) {
	case PROFILE_OK:
		break;
	case PROFILE_PASSWORD_HELD:
		form_error(&f, PW_CURRENT, HELD_MESSAGE);
		password_show(w, &f, 429);
		return;
	default:
		form_error(&f, PW_CURRENT, "That is not your current password.");
		password_show(w, &f, 422);
		return;
	}
	web_redirect(w, "/account/password?notice=password-changed");
}

/* One row of the sessions table. */
static void
session_row(struct web *w, struct tmpl_dict *d, const struct session_info *s)
{
	struct tmpl_dict	*row = tmpl_section(d, "session");
	char			 device[64];

	tmpl_set(row, "device", device_describe(device, sizeof(device),
	    s->user_agent));
	tmpl_set(row, "ip", s->ip[0] != '\0' ? s->ip : "Unknown");
	tmpl_set(row, "signed_in", fmt_time(w->arena, s->created_at));
	tmpl_set(row, "signed_in_iso", fmt_time_iso(w->arena, s->created_at));
	tmpl_set(row, "last_seen", fmt_time(w->arena, s->last_seen_at));
	tmpl_set(row, "last_seen_iso", fmt_time_iso(w->arena,
	    s->last_seen_at));
	if (s->current)
		tmpl_show(row, "current");
}

/* "?ended=N" from the sign-out below, if it is a small number. */
static void
ended_fill(struct web *w, struct tmpl_dict *d)
{
	const char	*n = web_query(w, "ended");

	if (n == NULL || n[0] == '\0' || strlen(n) > 4 ||
	    strspn(n, "0123456789") != strlen(n))
		return;
	d = tmpl_section(d, "ended");
	tmpl_set(d, "count", n);
	if (strcmp(n, "1") != 0)
		tmpl_show(d, "plural");
}

/* GET: every live session of the account, this one marked first. */
void
page_account_sessions(struct web *w)
{
	struct tmpl_dict	*d = web_page(w, "Where you are signed in",
				    "account_sessions.tpl");
	struct session_info	*list;
	size_t			 n, i;

	n = session_list(w->db, w->arena, w->session.user_id, w->session.role,
	    w->session.token_hash, &list);
	for (i = 0; i < n; i++)
		session_row(w, d, &list[i]);
	if (n > 1)
		tmpl_show(d, "others");
	ended_fill(w, d);
	web_csrf(w);
	web_render(w, 200);
}

/* POST: sign out every other session, audited; 303 back with the count. */
void
page_account_sessions_revoke(struct web *w)
{
	int64_t	ended = session_revoke_others(w->db, &w->actor,
	    w->session.user_id, w->session.token_hash);

	web_redirect(w, arena_printf(w->arena, "/account/sessions?ended=%lld",
	    (long long)ended));
}

static void
delete_show(struct web *w, struct form *f, int status)
{
	struct tmpl_dict	*d = web_page(w, "Delete your account",
				    "account_delete.tpl");
	const char		**reasons;
	size_t			  n, i;

	n = erasure_blockers(w->db, w->arena, w->session.user_id,
	    w->session.role, &reasons);
	if (n > 0) {
		struct tmpl_dict	*r = tmpl_section(d, "refused");

		for (i = 0; i < n; i++)
			tmpl_set(tmpl_section(r, "reason"), "text", reasons[i]);
	} else
		form_fill(f, tmpl_section(d, "can_delete"));
	web_csrf(w);
	web_render(w, status);
}

/*
 * GET explains what deleting keeps and erases, or why it cannot be
 * done yet; POST deletes: 303 to the goodbye page, signed out; 409
 * while a booking is open, a payment due, or for staff; 422 for a
 * wrong password or a confirmation that is not DELETE.
 */
void
page_account_delete(struct web *w)
{
	struct form		 f;
	const char		**reasons;

	form_init(&f, w->arena, delete_fields, DEL__MAX);
	if (w->req.method != HTTP_POST) {
		delete_show(w, &f, 200);
		return;
	}
	if (erasure_blockers(w->db, w->arena, w->session.user_id,
	    w->session.role, &reasons) > 0) {
		delete_show(w, &f, 409);
		return;
	}
	web_form_read(w, &f, delete_fields, DEL__MAX);
	if (!f.v[DEL_CONFIRM].error && strcmp(f.v[DEL_CONFIRM].text,
	    "DELETE") != 0)
		form_error(&f, DEL_CONFIRM, "Type the word DELETE, in capitals, "
		    "to confirm.");
	if (f.errors) {
		delete_show(w, &f, 422);
		return;
	}
	switch (erasure_run(w->db, w->arena, &w->actor, w->session.user_id,
	    w->session.role, f.v[DEL_PASSWORD].text)) {
	case ERASURE_OK:
		web_clear_session_cookie(w);
		web_redirect(w, "/account/deleted");
		return;
	case ERASURE_WRONG_PASSWORD:
		form_error(&f, DEL_PASSWORD, "That is not your password.");
		delete_show(w, &f, 422);
		return;
	case ERASURE_PASSWORD_HELD:
		form_error(&f, DEL_PASSWORD, HELD_MESSAGE);
		delete_show(w, &f, 429);
		return;
	default:
		delete_show(w, &f, 409);
		return;
	}
}

/* GET: the goodbye, for anyone (the account it was for is gone). */
void
page_account_deleted(struct web *w)
{
	web_page(w, "Your account is deleted", "account_deleted.tpl");
	web_render(w, 200);
}
