/* admin-invite.c: the super admin invites staff: an account with no password, and an emailed link for the person to choose their own. */
#include "admin-area.h"
#include "admin_user.h"
#include "arena.h"
#include "web.h"

enum invite_field { INVITE_USERNAME, INVITE_EMAIL, INVITE_PHONE, INVITE_ROLE,
    INVITE__MAX };

/* As registration's fields; a mobile number is optional for staff. */
static const struct form_field invite_fields[INVITE__MAX] = {
	[INVITE_USERNAME] = { "username", "Username", FORM_USERNAME,
	    FORM_REQUIRED, 3, 30 },
	[INVITE_EMAIL] = { "email", "Email", FORM_EMAIL, FORM_REQUIRED, 3, 254 },
	[INVITE_PHONE] = { "phone", "Mobile number", FORM_PHONE, 0, 0, 0 },
	[INVITE_ROLE] = { "role", "Role", FORM_TEXT, FORM_REQUIRED, 1, 20 },
};

/* The roles one may be invited to, in the select's order. */
static const enum role staff_roles[] = { ROLE_ONBOARD, ROLE_OPS, ROLE_ADMIN };

/* Which field a refusal belongs to, and what it says there. */
static const struct {
	enum admin_user_result	 rc;
	enum invite_field	 field;
	const char		*message;
} taken[] = {
	{ ADMIN_USER_USERNAME_TAKEN, INVITE_USERNAME, "This username is "
	    "taken." },
	{ ADMIN_USER_EMAIL_TAKEN, INVITE_EMAIL, "An account with this email "
	    "exists already." },
	{ ADMIN_USER_PHONE_TAKEN, INVITE_PHONE, "An account with this mobile "
	    "number exists already." },
	{ ADMIN_USER_BAD_ROLE, INVITE_ROLE, "Choose a staff role from the "
	    "list." },
};

static void
invite_show(struct web *w, struct form *f, int status)
{
	struct tmpl_dict	*d = web_page(w, "Invite a staff member",
	    "admin_user_new.tpl");
	struct tmpl_dict	*opt;
	size_t			 i;

	form_fill(f, d);
	for (i = 0; i < sizeof(staff_roles) / sizeof(staff_roles[0]); i++) {
		opt = tmpl_section(d, "role_option");
		tmpl_set(opt, "value", role_name(staff_roles[i]));
		tmpl_set(opt, "label", role_label(staff_roles[i]));
		if (staff_roles[i] == role_parse(f->v[INVITE_ROLE].text))
			tmpl_show(opt, "selected");
	}
	web_csrf(w);
	web_render(w, status);
}

/*
 * GET shows the form; POST creates the account and emails the
 * invitation, then 303 to the new account's page.  422 with the form
 * kept for invalid input, a role that is not staff, or a username,
 * email or mobile number in use.  The link is never shown here.
 */
void
page_admin_user_new(struct web *w)
{
	struct form		 f;
	struct admin_user_invite in;
	enum admin_user_result	 r;
	int64_t			 id;
	size_t			 i;

	if (w->req.method != HTTP_POST) {
		form_init(&f, w->arena, invite_fields, INVITE__MAX);
		invite_show(w, &f, 200);
		return;
	}
	web_form_read(w, &f, invite_fields, INVITE__MAX);
	in = (struct admin_user_invite){ f.v[INVITE_USERNAME].text,
	    f.v[INVITE_EMAIL].text, f.v[INVITE_PHONE].text,
	    role_parse(f.v[INVITE_ROLE].text) };
	if (!f.v[INVITE_ROLE].error && !admin_user_may_give(in.role, 1))
		form_error(&f, INVITE_ROLE, "Choose a staff role from the list.");
	if (f.errors) {
		invite_show(w, &f, 422);
		return;
	}
	if ((r = admin_user_invite(w->db, w->arena, &w->actor, &in, &id)) ==
	    ADMIN_USER_OK) {
		web_redirect(w, arena_printf(w->arena, "/admin/users/%lld?"
		    "notice=invited", (long long)id));
		return;
	}
	for (i = 0; i < sizeof(taken) / sizeof(taken[0]); i++)
		if (taken[i].rc == r)
			form_error(&f, taken[i].field, taken[i].message);
	invite_show(w, &f, 422);
}
