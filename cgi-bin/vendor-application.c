/* vendor-application.c: joining as a vendor: the application form, its status page, proving the mobile number by SMS code, submitting for review. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "catalog.h"
#include "clock.h"
#include "documents.h"
#include "fmt.h"
#include "phone.h"
#include "vendor-area.h"
#include "vendor.h"
#include "vendor_doc.h"
#include "web.h"

enum apply_field {
	APPLY_USERNAME, APPLY_EMAIL, APPLY_PHONE, APPLY_PASSWORD,
	APPLY_PASSWORD_CONFIRM, APPLY_BUSINESS, APPLY_EXPERIENCE,
	APPLY_CATEGORIES, APPLY_PINCODES, APPLY_ADDRESS, APPLY_PINCODE,
	APPLY__MAX
};

static const struct form_field apply_fields[APPLY__MAX] = {
	[APPLY_USERNAME] = { "username", "Username", FORM_USERNAME,
	    FORM_REQUIRED, 3, 30 },
	[APPLY_EMAIL] = { "email", "Email", FORM_EMAIL, FORM_REQUIRED, 3, 254 },
	[APPLY_PHONE] = { "phone", "Mobile number", FORM_PHONE, FORM_REQUIRED,
	    0, 0 },
	[APPLY_PASSWORD] = { "password", "Password", FORM_NEW_PASSWORD,
	    FORM_REQUIRED, 8, 128 },
	[APPLY_PASSWORD_CONFIRM] = { "password_confirm", "Password again",
	    FORM_PASSWORD, FORM_REQUIRED, 0, 128 },
	[APPLY_BUSINESS] = { "business_name", "Business or trading name",
	    FORM_TEXT, FORM_REQUIRED, 2, 100 },
	[APPLY_EXPERIENCE] = { "experience_years", "Years of experience",
	    FORM_INT, FORM_REQUIRED, 0, 70 },
	[APPLY_CATEGORIES] = { "categories", "Services you offer",
	    FORM_SLUG_LIST, FORM_REQUIRED, 1, 20 },
	[APPLY_PINCODES] = { "pincodes", "Pincodes you serve",
	    FORM_PINCODE_LIST, FORM_REQUIRED, 1, VENDOR_MAX_PINCODES },
	[APPLY_ADDRESS] = { "address", "Your address", FORM_MULTILINE,
	    FORM_REQUIRED, 5, 300 },
	[APPLY_PINCODE] = { "pincode", "Your pincode", FORM_PINCODE,
	    FORM_REQUIRED, 0, 0 },
};

static const struct form_field otp_fields[] = {
	{ "otp", "Code", FORM_TEXT, FORM_REQUIRED, 1, 20 },
};

/* The sentence for a refused code or resend; n is tries left or seconds. */
static const char *
phone_sentence(struct arena *a, enum phone_result rc, int64_t n)
{
	switch (rc) {
	case PHONE_WRONG:
		return arena_printf(a, "That code is wrong. You have %lld "
		    "tr%s left.", (long long)n, n == 1 ? "y" : "ies");
	case PHONE_LOCKED:
		return "Five wrong tries: this code no longer works. Ask for a "
		    "new code.";
	case PHONE_EXPIRED:
		return "This code has expired: codes work for 10 minutes. Ask "
		    "for a new code.";
	case PHONE_TOO_SOON:
		return arena_printf(a, "A code was sent less than a minute ago. "
		    "Ask again in %lld second%s.", (long long)n,
		    n == 1 ? "" : "s");
	case PHONE_TOO_MANY:
		return arena_printf(a, "Five codes were sent to this number in "
		    "the last hour. Ask again in %lld minute%s.",
		    (long long)(n + 59) / 60, n <= 60 ? "" : "s");
	default:
		return "There is no code waiting: it was used or replaced by a "
		    "newer one. Ask for a new code.";
	}
}

static void
apply_show(struct web *w, struct form *f, int status)
{
	struct tmpl_dict	*d;

	d = web_page(w, "Join HomeServe as a professional", "vendor_apply.tpl");
	form_fill(f, d);
	vendor_categories_fill(w, d, f->v[APPLY_CATEGORIES].list,
	    f->v[APPLY_CATEGORIES].nlist, NULL, 0);
	web_csrf(w);
	web_render(w, status);
}

/* The checks a field's type cannot make alone. */
static void
apply_check(struct web *w, struct form *f)
{
	size_t	i;

	if (!f->v[APPLY_PASSWORD].error && strcmp(f->v[APPLY_PASSWORD].text,
	    f->v[APPLY_PASSWORD_CONFIRM].text) != 0)
		form_error(f, APPLY_PASSWORD_CONFIRM, "The two passwords differ.");
	for (i = 0; !f->v[APPLY_CATEGORIES].error &&
	    i < f->v[APPLY_CATEGORIES].nlist; i++)
		if (!vendor_category_choosable(w,
		    f->v[APPLY_CATEGORIES].list[i], NULL, 0))
			form_error(f, APPLY_CATEGORIES, "Choose services from "
			    "the list.");
}

static void
apply_taken(struct web *w, struct form *f, enum vendor_result rc)
{
	if (rc == VENDOR_USERNAME_TAKEN || rc == VENDOR_BOTH_TAKEN)
		form_error(f, APPLY_USERNAME, "This username is taken.");
	if (rc == VENDOR_EMAIL_TAKEN || rc == VENDOR_BOTH_TAKEN)
		form_error(f, APPLY_EMAIL, "An account with this email exists. "
		    "Sign in instead.");
	if (rc == VENDOR_PHONE_TAKEN)
		form_error(f, APPLY_PHONE, "An account with this mobile number "
		    "exists.");
	apply_show(w, f, 422);
}

/*
 * GET /vendor/apply: the form; POST: a vendor account in 'applied',
 * signed in, a code on its way to the phone (303 to /vendor/phone), or
 * 422 with the form kept.  A signed-in vendor goes to their application.
 */
void
page_vendor_apply(struct web *w)
{
	struct vendor_application	 in;
	struct form			 f;
	enum vendor_result		 rc;
	int64_t				 id;

	if (w->session.user_id && w->session.role == ROLE_VENDOR) {
		web_redirect(w, "/vendor/application");
		return;
	}
	if (w->session.user_id) {
		web_error(w, 403, "You are signed in with an account that is "
		    "not a professional's. Sign out to apply as one.");
		return;
	}
	if (w->req.method != HTTP_POST) {
		form_init(&f, w->arena, apply_fields, APPLY__MAX);
		apply_show(w, &f, 200);
		return;
	}
	web_form_read(w, &f, apply_fields, APPLY__MAX);
	apply_check(w, &f);
	if (f.errors) {
		apply_show(w, &f, 422);
		return;
	}
	in = (struct vendor_application){ f.v[APPLY_USERNAME].text,
	    f.v[APPLY_EMAIL].text, f.v[APPLY_PHONE].text,
	    f.v[APPLY_PASSWORD].text, f.v[APPLY_BUSINESS].text,
	    f.v[APPLY_EXPERIENCE].num, f.v[APPLY_CATEGORIES].list,
	    f.v[APPLY_CATEGORIES].nlist, f.v[APPLY_PINCODES].list,
	    f.v[APPLY_PINCODES].nlist, f.v[APPLY_ADDRESS].text,
	    f.v[APPLY_PINCODE].text };
	if ((rc = vendor_apply(w->db, w->arena, &w->actor, &in, clock_now(),
	    &id)) != VENDOR_OK) {
		apply_taken(w, &f, rc);
		return;
	}
	session_begin(w->db, w->arena, &w->actor, id, &w->session);
	web_set_session_cookie(w);
	web_redirect(w, "/vendor/phone?notice=applied");
}

static void
documents_fill(struct web *w, struct tmpl_dict *d, int64_t vendor)
{
	struct vendor_doc	*docs;
	size_t			 n, i;

	n = vendor_doc_list(w->db, w->arena, vendor, &docs);
	for (i = 0; i < n; i++)
		document_row_fill(w, tmpl_section(d, "document"), &docs[i]);
	if (n == 0)
		tmpl_show(d, "no_documents");
}

/* The application: where it stands, what is missing, what was decided. */
static void
application_show(struct web *w, int status, const char *problem)
{
	struct vendor_profile	 p;
	struct category		*cats;
	struct tmpl_dict	*d;
	size_t			 i, n;

	if (!vendor_get(w->db, w->arena, w->session.user_id, &p)) {
		web_error(w, 404, "There is no application for this account.");
		return;
	}
	d = web_page(w, "Your application", "vendor_application.tpl");
	tmpl_set(d, "status", vendor_status_name(p.status));
	tmpl_set(d, "status_label", vendor_status_label(p.status));
	tmpl_show(d, arena_printf(w->arena, "is_%s",
	    vendor_status_name(p.status)));
	if (p.status_reason[0] != '\0')
		tmpl_set(tmpl_section(d, "reason"), "text", p.status_reason);
	if (problem != NULL)
		tmpl_set(tmpl_section(d, "problem"), "message", problem);
	tmpl_show(d, p.phone_ok ? "phone_ok" : "phone_missing");
	tmpl_set(d, "phone", p.phone);
	if (p.phone_ok)
		tmpl_set(d, "phone_at", fmt_time(w->arena, p.phone_verified_at));
	tmpl_show(d, vendor_doc_ready(w->db, p.user_id, 0) ? "docs_ok" :
	    "docs_missing");
	documents_fill(w, d, p.user_id);
	if (p.status == VS_APPLIED || p.status == VS_NEEDS_INFO)
		tmpl_show(d, "can_submit");
	tmpl_set(d, "business_name", p.business_name);
	tmpl_set_int(d, "experience_years", p.experience_years);
	n = catalog_categories_all(w->db, w->arena, &cats);
	for (i = 0; i < n; i++)
		if (vendor_serves_category(&p, cats[i].slug))
			tmpl_set(tmpl_section(d, "category"), "name",
			    cats[i].name);
	for (i = 0; i < p.npincodes; i++)
		tmpl_set(tmpl_section(d, "pincode"), "pincode", p.pincodes[i]);
	web_csrf(w);
	web_render(w, status);
}

void
page_vendor_application(struct web *w)
{
	application_show(w, 200, NULL);
}

/* POST: submit for review; 409 with the application and what is missing. */
void
page_vendor_application_submit(struct web *w)
{
	const char	*why;

	switch (vendor_move(w->db, w->arena, &w->actor, ROLE_VENDOR,
	    w->session.user_id, VS_SUBMITTED, "", &why)) {
	case VENDOR_OK:
		web_redirect(w, "/vendor/application?notice=submitted");
		return;
	case VENDOR_NOT_FOUND:
		web_error(w, 404, why);
		return;
	default:
		application_show(w, 409, why);
		return;
	}
}

static void
phone_show(struct web *w, struct form *f, int status, const char *problem)
{
	struct vendor_profile	 p;
	struct tmpl_dict	*d;

	if (!vendor_get(w->db, w->arena, w->session.user_id, &p)) {
		web_error(w, 404, "There is no application for this account.");
		return;
	}
	d = web_page(w, "Verify your mobile number", "vendor_phone.tpl");
	tmpl_set(d, "phone", p.phone);
	if (p.phone_ok)
		tmpl_set(tmpl_section(d, "verified"), "at",
		    fmt_time(w->arena, p.phone_verified_at));
	else
		form_fill(f, tmpl_section(d, "unverified"));
	if (problem != NULL)
		tmpl_set(tmpl_section(d, "problem"), "message", problem);
	web_csrf(w);
	web_render(w, status);
}

/* A phone result as a page: 429 for too many tries or codes, else 422. */
static void
phone_refused(struct web *w, struct form *f, enum phone_result rc, int64_t n)
{
	int	throttled = rc == PHONE_TOO_SOON || rc == PHONE_TOO_MANY;

	if (throttled)
		http_header_add(&w->res, "Retry-After", arena_printf(w->arena,
		    "%lld", (long long)n));
	phone_show(w, f, throttled || rc == PHONE_LOCKED ? 429 : 422,
	    phone_sentence(w->arena, rc, n));
}

/* GET the code form (or the proof); POST checks the code: 303, 422, 429. */
void
page_vendor_phone(struct web *w)
{
	struct vendor_profile	p;
	struct form		f;
	enum phone_result	rc;
	int64_t			left;

	if (w->req.method != HTTP_POST) {
		form_init(&f, w->arena, otp_fields, 1);
		phone_show(w, &f, 200, NULL);
		return;
	}
	if (web_form_read(w, &f, otp_fields, 1)) {
		phone_show(w, &f, 422, NULL);
		return;
	}
	if (!vendor_get(w->db, w->arena, w->session.user_id, &p) || p.phone_ok) {
		web_redirect(w, "/vendor/phone");
		return;
	}
	rc = phone_code_check(w->db, w->arena, &w->actor, p.user_id, p.phone,
	    f.v[0].text, clock_now(), &left);
	if (rc != PHONE_OK) {
		phone_refused(w, &f, rc, left);
		return;
	}
	web_redirect(w, "/vendor/application?notice=phone-verified");
}

/* POST: a new code, at most one a minute and five an hour (429). */
void
page_vendor_phone_resend(struct web *w)
{
	struct vendor_profile	p;
	struct form		f;
	enum phone_result	rc;
	int64_t			wait;

	if (!vendor_get(w->db, w->arena, w->session.user_id, &p)) {
		web_error(w, 404, "There is no application for this account.");
		return;
	}
	if (p.phone_ok) {
		web_error(w, 409, "Your mobile number is verified already.");
		return;
	}
	rc = phone_code_send(w->db, w->arena, &w->actor, p.user_id, p.phone,
	    clock_now(), &wait);
	if (rc != PHONE_OK) {
		form_init(&f, w->arena, otp_fields, 1);
		phone_refused(w, &f, rc, wait);
		return;
	}
	web_redirect(w, "/vendor/phone?notice=code-sent");
}
