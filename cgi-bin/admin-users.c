/* admin-users.c: the super admin's users: the list with its search and filters, one account's page (profile, sign-ins, bookings, payments, audit rows) and its reasoned actions. */
#include <string.h>

#include "admin-area.h"
#include "admin_user.h"
#include "arena.h"
#include "booking.h"
#include "fmt.h"
#include "payment.h"
#include "web.h"

#define SIGNINS_SHOWN	20
#define BOOKINGS_SHOWN	20
#define PAYMENTS_SHOWN	20
#define AUDIT_SHOWN	50
#define PAGE_MAX	100000

/* Every role, in the order the list's filter offers them. */
static const enum role all_roles[] = {
	ROLE_CUSTOMER, ROLE_VENDOR, ROLE_ONBOARD, ROLE_OPS, ROLE_ADMIN,
};

#define NROLES	(sizeof(all_roles) / sizeof(all_roles[0]))

/* The list's status filter: its value in the URL, its label, what it means. */
static const struct {
	const char	*name;
	const char	*label;
	int		 blocked;
} statuses[] = {
	{ "active", "Active", 0 },
	{ "blocked", "Blocked", 1 },
};

#define NSTATUSES	(sizeof(statuses) / sizeof(statuses[0]))

enum filter_field { FILTER_Q, FILTER_ROLE, FILTER_STATUS, FILTER_PAGE,
    FILTER__MAX };

static const struct form_field filter_fields[FILTER__MAX] = {
	[FILTER_Q] = { "q", "Search", FORM_TEXT, 0, 0, 100 },
	[FILTER_ROLE] = { "role", "Role", FORM_TEXT, 0, 0, 20 },
	[FILTER_STATUS] = { "status", "Status", FORM_TEXT, 0, 0, 10 },
	[FILTER_PAGE] = { "page", "Page", FORM_INT, 0, 1, PAGE_MAX },
};

/* Every action's form: a reason, and for a role change the new role. */
enum action_field { FIELD_REASON, FIELD_ROLE, FIELD__MAX };

static const struct form_field action_fields[FIELD__MAX] = {
	[FIELD_REASON] = { "reason", "Reason", FORM_MULTILINE, FORM_REQUIRED,
	    ADMIN_USER_REASON_MIN, ADMIN_USER_REASON_MAX },
	[FIELD_ROLE] = { "role", "New role", FORM_TEXT, FORM_REQUIRED, 1, 20 },
};

enum action { ACT_BLOCK, ACT_UNBLOCK, ACT_ROLE, ACT_RESET, ACT__MAX };

static enum admin_user_result	run_block(struct web *, int64_t, enum role,
				    const char *, const char **);
static enum admin_user_result	run_unblock(struct web *, int64_t, enum role,
				    const char *, const char **);
static enum admin_user_result	run_role(struct web *, int64_t, enum role,
				    const char *, const char **);
static enum admin_user_result	run_reset(struct web *, int64_t, enum role,
				    const char *, const char **);

/*
 * Each action: its form's path (and the ids of its fields), its words,
 * the notice after it, when its form shows (-1 always, else only when
 * the account's blocked is this), how many fields it reads, and the
 * domain call.
 */
static const struct {
	const char		*name;
	const char		*heading;
	const char		*button;
	const char		*hint;
	const char		*notice;
	int			 when_blocked;
	size_t			 nfields;
	enum admin_user_result	(*run)(struct web *, int64_t, enum role,
				    const char *, const char **);
} actions[ACT__MAX] = {
	[ACT_BLOCK] = { "block", "Block", "Block the account", "They are "
	    "signed out everywhere at once and cannot sign in; a vendor's "
	    "accepted upcoming jobs go back to the job board.", "user-blocked",
	    0, 1, run_block },
	[ACT_UNBLOCK] = { "unblock", "Unblock", "Unblock the account", "They "
	    "can sign in again.", "user-unblocked", 1, 1, run_unblock },
	[ACT_ROLE] = { "role", "Change the role", "Change the role", "They are "
	    "signed out everywhere and sign in again with the new role.",
	    "role-changed", -1, FIELD__MAX, run_role },
	[ACT_RESET] = { "reset-password", "Force a password reset", "Reset the "
	    "password", "Their password stops working at once, they are "
	    "signed out everywhere, and a link to choose a new one goes to "
	    "their email.", "password-reset", -1, 1, run_reset },
};

/* What each result of an action answers. */
static const int result_status[] = {
	[ADMIN_USER_OK] = 303,
	[ADMIN_USER_NOT_FOUND] = 404,
	[ADMIN_USER_REFUSED] = 409,
	[ADMIN_USER_BAD_ROLE] = 422,
	[ADMIN_USER_USERNAME_TAKEN] = 422,
	[ADMIN_USER_EMAIL_TAKEN] = 422,
	[ADMIN_USER_PHONE_TAKEN] = 422,
};

/* An action's form shown again (its action, or -1) with what was sent. */
struct shown {
	int			 action;
	const struct form	*form;
	const char		*refusal;	/* a 409's sentence */
};

/* --- the list ------------------------------------------------------------ */

/* The filters from the query; 0, or -1 after a 400. */
static int
filter_read(struct web *w, struct form *f, struct admin_user_filter *out,
    int64_t *page)
{
	const char	*role, *status;
	size_t		 i;

	form_init(f, w->arena, filter_fields, FILTER__MAX);
	form_read(f, &w->req.query);
	role = f->v[FILTER_ROLE].text;
	status = f->v[FILTER_STATUS].text;
	*out = (struct admin_user_filter){ f->v[FILTER_Q].text,
	    role_parse(role), -1 };
	for (i = 0; i < NSTATUSES; i++)
		if (strcmp(statuses[i].name, status) == 0)
			out->blocked = statuses[i].blocked;
	*page = f->v[FILTER_PAGE].num > 0 ? f->v[FILTER_PAGE].num : 1;
	if (f->errors || (role[0] != '\0' && out->role == ROLE_NONE) ||
	    (status[0] != '\0' && out->blocked < 0)) {
		web_error(w, 400, "Those filters are not valid: choose a role "
		    "and a status from the lists, and a page from 1.");
		return -1;
	}
	return 0;
}

static void
filter_options(struct tmpl_dict *d, const struct admin_user_filter *f)
{
	struct tmpl_dict	*opt;
	size_t			 i;

	for (i = 0; i < NROLES; i++) {
		opt = tmpl_section(d, "role_option");
		tmpl_set(opt, "value", role_name(all_roles[i]));
		tmpl_set(opt, "label", role_label(all_roles[i]));
		if (all_roles[i] == f->role)
			tmpl_show(opt, "selected");
	}
	for (i = 0; i < NSTATUSES; i++) {
		opt = tmpl_section(d, "status_option");
		tmpl_set(opt, "value", statuses[i].name);
		tmpl_set(opt, "label", statuses[i].label);
		if (statuses[i].blocked == f->blocked)
			tmpl_show(opt, "selected");
	}
}

static void
list_row(struct web *w, struct tmpl_dict *d, const struct admin_user_line *l)
{
	struct tmpl_dict	*row = tmpl_section(d, "user");

	tmpl_set_int(row, "id", l->id);
	tmpl_set(row, "username", l->username);
	if (l->business_name[0] != '\0')
		tmpl_set(tmpl_section(row, "business"), "name",
		    l->business_name);
	tmpl_set(row, "email", l->email);
	tmpl_set(row, "phone", l->phone);
	tmpl_set(row, "role", role_label(l->role));
	tmpl_set(row, "status", l->blocked ? "blocked" : "active");
	tmpl_set(row, "status_label", l->blocked ? "Blocked" : "Active");
	tmpl_set(row, "since", fmt_time(w->arena, l->created_at));
	tmpl_set(row, "since_iso", fmt_time_iso(w->arena, l->created_at));
}

/* A pager link (previous, next, first) to page n with the same filters. */
static void
page_link(struct web *w, struct tmpl_dict *d, const char *section,
    const struct form *f, int64_t n)
{
	struct tmpl_dict	*link = tmpl_section(d, section);

	tmpl_set(link, "q", http_urlencode(w->arena, f->v[FILTER_Q].text));
	tmpl_set(link, "role", f->v[FILTER_ROLE].text);
	tmpl_set(link, "status", f->v[FILTER_STATUS].text);
	tmpl_set_int(link, "to", n);
}

/*
 * /admin/users?q=&role=&status=&page=: accounts by username, 50 a
 * page; a page past the end says so with a way back.  400 for a role,
 * a status or a page that is none.
 */
void
page_admin_users(struct web *w)
{
	struct form			 f;
	struct admin_user_filter	 filter;
	struct admin_user_line		*list;
	struct tmpl_dict		*d;
	int64_t				 page;
	size_t				 n, i;

	if (filter_read(w, &f, &filter, &page))
		return;
	d = web_page(w, "Users", "admin_users.tpl");
	form_fill(&f, d);
	filter_options(d, &filter);
	n = admin_user_search(w->db, w->arena, &filter,
	    (page - 1) * ADMIN_USER_PAGE, ADMIN_USER_PAGE + 1, &list);
	for (i = 0; i < n && i < ADMIN_USER_PAGE; i++)
		list_row(w, d, &list[i]);
	tmpl_set_int(d, "page", page);
	if (n == 0 && page > 1)
		page_link(w, d, "past_end", &f, 1);
	else if (n == 0)
		tmpl_show(d, "none");
	if (page > 1 && n > 0)
		page_link(w, d, "previous", &f, page - 1);
	if (n > ADMIN_USER_PAGE)
		page_link(w, d, "next", &f, page + 1);
	web_render(w, 200);
}

/* --- one account --------------------------------------------------------- */

static void
profile_fill(struct web *w, struct tmpl_dict *d, const struct admin_user *u)
{
	const struct account	*acct = &u->account;
	struct tmpl_dict	*blocked;

	tmpl_set_int(d, "user_id", acct->id);
	tmpl_set(d, "username", acct->username);
	tmpl_set(d, "email", acct->email);
	if (acct->phone[0] != '\0')
		tmpl_set(tmpl_section(d, "phone"), "number", acct->phone);
	else
		tmpl_show(d, "no_phone");
	tmpl_set(d, "role_label", role_label(acct->role));
	tmpl_set(d, "since", fmt_time(w->arena, acct->created_at));
	tmpl_set(d, "since_iso", fmt_time_iso(w->arena, acct->created_at));
	if (acct->role == ROLE_VENDOR && u->business_name[0] != '\0')
		tmpl_set(tmpl_section(tmpl_section(d, "vendor"), "business"),
		    "name", u->business_name);
	else if (acct->role == ROLE_VENDOR)
		tmpl_show(d, "vendor");
	if (!acct->blocked) {
		tmpl_show(d, "active");
		return;
	}
	blocked = tmpl_section(d, "blocked");
	if (u->blocked_at != 0) {
		tmpl_set(blocked, "at", fmt_time(w->arena, u->blocked_at));
		tmpl_set(blocked, "at_iso", fmt_time_iso(w->arena,
		    u->blocked_at));
		tmpl_set(blocked, "by", u->blocked_by != NULL ? u->blocked_by :
		    "—");
		tmpl_set(blocked, "reason", u->blocked_reason);
		tmpl_show(blocked, "recorded");
	} else
		tmpl_show(blocked, "unrecorded");
}

/* The last sign-ins: the session.login rows of the audit log. */
static void
signins_fill(struct web *w, struct tmpl_dict *d, int64_t id)
{
	struct audit_entry	*e;
	struct tmpl_dict	*list = NULL, *row;
	size_t			 n, i;

	n = audit_list_about(w->db, w->arena, "user", id, "session.login",
	    SIGNINS_SHOWN, &e);
	if (n == 0)
		tmpl_show(d, "no_signins");
	else
		list = tmpl_section(d, "signins");
	for (i = 0; i < n; i++) {
		row = tmpl_section(list, "signin");
		tmpl_set(row, "when", fmt_time(w->arena, e[i].at));
		tmpl_set(row, "when_iso", fmt_time_iso(w->arena, e[i].at));
		tmpl_set(row, "ip", e[i].ip);
		tmpl_set(row, "user_agent", e[i].user_agent);
	}
}

static void
booking_rows(struct web *w, struct tmpl_dict *d, const char *section,
    const struct booking_line *l, size_t n)
{
	struct tmpl_dict	*list, *row;
	size_t			 i;

	if (n == 0)
		return;
	list = tmpl_section(d, section);
	for (i = 0; i < n; i++) {
		row = tmpl_section(list, "booking");
		tmpl_set_int(row, "id", l[i].id);
		tmpl_set(row, "service", l[i].service_name);
		tmpl_set(row, "when", fmt_time(w->arena, l[i].scheduled_at));
		tmpl_set(row, "when_iso", fmt_time_iso(w->arena,
		    l[i].scheduled_at));
		tmpl_set(row, "status", booking_status_name(l[i].status));
		tmpl_set(row, "status_label", booking_status_label(l[i].status));
		tmpl_set(row, "price", fmt_money(w->arena, l[i].price_paise));
	}
}

/* Their latest bookings as a customer, and jobs as a vendor. */
static void
bookings_fill(struct web *w, struct tmpl_dict *d, int64_t id)
{
	struct booking_line	*mine, *jobs;
	size_t			 nmine, njobs;

	nmine = booking_list_customer(w->db, w->arena, id, 0, BOOKINGS_SHOWN,
	    &mine);
	njobs = booking_list_vendor_recent(w->db, w->arena, id, BOOKINGS_SHOWN,
	    &jobs);
	booking_rows(w, d, "as_customer", mine, nmine);
	booking_rows(w, d, "as_vendor", jobs, njobs);
	if (nmine + njobs == 0)
		tmpl_show(d, "no_bookings");
}

static void
payments_fill(struct web *w, struct tmpl_dict *d, int64_t id)
{
	struct payment		*p;
	struct tmpl_dict	*list = NULL, *row;
	size_t			 n, i;

	n = payment_list_person(w->db, w->arena, id, PAYMENTS_SHOWN, &p);
	if (n == 0)
		tmpl_show(d, "no_payments");
	else
		list = tmpl_section(d, "payments");
	for (i = 0; i < n; i++) {
		row = tmpl_section(list, "payment");
		tmpl_set_int(row, "id", p[i].id);
		tmpl_set_int(row, "booking_id", p[i].booking_id);
		tmpl_set(row, "service", p[i].service_name);
		tmpl_set(row, "side", p[i].customer_id == id ? "Paid" :
		    "Earned from");
		tmpl_set(row, "amount", fmt_money(w->arena, p[i].amount_paise));
		tmpl_set(row, "method", payment_method_label(p[i].method));
		tmpl_set(row, "status", payment_status_name(p[i].status));
		tmpl_set(row, "status_label", payment_status_label(p[i].status));
		tmpl_set(row, "when", fmt_time(w->arena, p[i].created_at));
		tmpl_set(row, "when_iso", fmt_time_iso(w->arena,
		    p[i].created_at));
	}
}

/* The last audit rows about the account (entity user, its id). */
static void
audit_fill(struct web *w, struct tmpl_dict *d, int64_t id)
{
	struct audit_entry	*e;
	struct tmpl_dict	*list = NULL, *row;
	size_t			 n, i;

	n = audit_list_about(w->db, w->arena, "user", id, NULL, AUDIT_SHOWN,
	    &e);
	if (n == 0)
		tmpl_show(d, "no_entries");
	else
		list = tmpl_section(d, "entries");
	for (i = 0; i < n; i++) {
		row = tmpl_section(list, "entry");
		tmpl_set_int(row, "id", e[i].id);
		tmpl_set(row, "when", fmt_time(w->arena, e[i].at));
		tmpl_set(row, "when_iso", fmt_time_iso(w->arena, e[i].at));
		tmpl_set(row, "actor", e[i].actor_name != NULL ?
		    e[i].actor_name : "—");
		tmpl_set(row, "action", e[i].action);
		tmpl_set(row, "old_values", e[i].old_values);
		tmpl_set(row, "new_values", e[i].new_values);
		tmpl_set(row, "ip", e[i].ip);
	}
}

/* The new-role select: the roles given here, the account's own left out. */
static void
role_options(struct tmpl_dict *d, const struct admin_user *u, const char *kept)
{
	struct tmpl_dict	*opt;
	size_t			 i;

	for (i = 0; i < NROLES; i++) {
		if (!admin_user_may_give(all_roles[i], 0) ||
		    all_roles[i] == u->account.role)
			continue;
		opt = tmpl_section(d, "role_option");
		tmpl_set(opt, "value", role_name(all_roles[i]));
		tmpl_set(opt, "label", role_label(all_roles[i]));
		if (strcmp(role_name(all_roles[i]), kept) == 0)
			tmpl_show(opt, "selected");
	}
}

/* One action's form, shown again with what was sent when it was this one. */
static void
action_fill(struct tmpl_dict *d, const struct admin_user *u, enum action i,
    const struct shown *e)
{
	struct tmpl_dict	*a;
	const char		*kept = "";

	a = tmpl_section(d, i == ACT_ROLE ? "role_action" : "action");
	tmpl_set(a, "name", actions[i].name);
	tmpl_set(a, "heading", actions[i].heading);
	tmpl_set(a, "button", actions[i].button);
	tmpl_set(a, "hint", actions[i].hint);
	if (e->action == (int)i) {
		form_fill(e->form, a);
		if (i == ACT_ROLE)
			kept = e->form->v[FIELD_ROLE].raw;
		if (e->refusal != NULL)
			tmpl_set(tmpl_section(a, "refused"), "message",
			    e->refusal);
	}
	if (i == ACT_ROLE)
		role_options(a, u, kept);
}

/* What went wrong with a form the page does not show: said at the top. */
static const char *
problem_of(const struct shown *e)
{
	size_t	i;

	if (e->refusal != NULL)
		return e->refusal;
	for (i = 0; i < e->form->n; i++)
		if (e->form->v[i].error != NULL)
			return e->form->v[i].error;
	return NULL;
}

/*
 * The forms of the actions this account allows: on one's own page none
 * (the rules refuse them all), on a vendor's no role change.
 */
static void
actions_fill(struct web *w, struct tmpl_dict *d, const struct admin_user *u,
    const struct shown *e)
{
	const char	*problem;
	int		 i, shown = 0;

	if (u->account.id == w->session.user_id)
		tmpl_show(d, "own_account");
	else if (u->account.role == ROLE_VENDOR)
		tmpl_show(d, "vendor_role");
	for (i = 0; i < ACT__MAX && u->account.id != w->session.user_id; i++) {
		if ((actions[i].when_blocked >= 0 &&
		    actions[i].when_blocked != u->account.blocked) ||
		    (i == ACT_ROLE && u->account.role == ROLE_VENDOR))
			continue;
		action_fill(d, u, (enum action)i, e);
		shown |= e->action == i;
	}
	if (e->action >= 0 && !shown && (problem = problem_of(e)) != NULL)
		tmpl_set(tmpl_section(d, "problem"), "message", problem);
}

static void
user_show(struct web *w, const struct admin_user *u, int status,
    const struct shown *e)
{
	struct tmpl_dict	*d;

	d = web_page(w, arena_printf(w->arena, "User %s", u->account.username),
	    "admin_user.tpl");
	profile_fill(w, d, u);
	actions_fill(w, d, u, e);
	signins_fill(w, d, u->account.id);
	bookings_fill(w, d, u->account.id);
	payments_fill(w, d, u->account.id);
	audit_fill(w, d, u->account.id);
	web_csrf(w);
	web_render(w, status);
}

/* The account of {id}, or a 404 page. */
static int
user_load(struct web *w, struct admin_user *u)
{
	if (admin_user_get(w->db, w->arena, w->id[0], u))
		return 1;
	web_error(w, 404, "There is no such user.");
	return 0;
}

/* GET /admin/users/{id}: 404 for an unknown id. */
void
page_admin_user(struct web *w)
{
	struct admin_user	u;
	struct shown		e = { -1, NULL, NULL };

	if (user_load(w, &u))
		user_show(w, &u, 200, &e);
}

/* --- the actions --------------------------------------------------------- */

static enum admin_user_result
run_block(struct web *w, int64_t id, enum role to, const char *reason,
    const char **why)
{
	return admin_user_block(w->db, w->arena, &w->actor, id, reason, why);
}

static enum admin_user_result
run_unblock(struct web *w, int64_t id, enum role to, const char *reason,
    const char **why)
{
	return admin_user_unblock(w->db, w->arena, &w->actor, id, reason, why);
}

static enum admin_user_result
run_role(struct web *w, int64_t id, enum role to, const char *reason,
    const char **why)
{
	return admin_user_set_role(w->db, w->arena, &w->actor, id, to, reason,
	    why);
}

static enum admin_user_result
run_reset(struct web *w, int64_t id, enum role to, const char *reason,
    const char **why)
{
	return admin_user_reset_password(w->db, w->arena, &w->actor, id,
	    reason, why);
}

/*
 * An action: 422 for a missing or bad reason or role (beside its form,
 * what was typed kept), 409 when a rule or the account's state refuses
 * it (the page says why beside the form), 404 for an unknown account,
 * else 303 back to the account with a notice.
 */
static void
action_run(struct web *w, enum action act)
{
	struct admin_user	 u;
	struct form		 f;
	struct shown		 e = { (int)act, &f, NULL };
	enum admin_user_result	 r;
	enum role		 to = ROLE_NONE;
	const char		*why = NULL;

	if (!user_load(w, &u))
		return;
	web_form_read(w, &f, action_fields, actions[act].nfields);
	if (act == ACT_ROLE && !f.v[FIELD_ROLE].error &&
	    (to = role_parse(f.v[FIELD_ROLE].text)) == ROLE_NONE)
		form_error(&f, FIELD_ROLE, "Choose a role from the list.");
	if (f.errors) {
		user_show(w, &u, 422, &e);
		return;
	}
	r = actions[act].run(w, u.account.id, to, f.v[FIELD_REASON].text, &why);
	if (r == ADMIN_USER_OK)
		web_redirect(w, arena_printf(w->arena, "/admin/users/%lld?"
		    "notice=%s", (long long)u.account.id, actions[act].notice));
	else if (r == ADMIN_USER_NOT_FOUND)
		web_error(w, 404, why);
	else {
		if (r == ADMIN_USER_BAD_ROLE)
			form_error(&f, FIELD_ROLE, why);
		else
			e.refusal = why;
		user_show(w, &u, result_status[r], &e);
	}
}

void
page_admin_user_block(struct web *w)
{
	action_run(w, ACT_BLOCK);
}

void
page_admin_user_unblock(struct web *w)
{
	action_run(w, ACT_UNBLOCK);
}

void
page_admin_user_role(struct web *w)
{
	action_run(w, ACT_ROLE);
}

void
page_admin_user_reset_password(struct web *w)
{
	action_run(w, ACT_RESET);
}
