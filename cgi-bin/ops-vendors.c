/* ops-vendors.c: the onboarding queue: applications by status, one vendor's application, documents and record, and the onboarding managers' decisions. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "booking.h"
#include "catalog.h"
#include "clock.h"
#include "documents.h"
#include "fmt.h"
#include "ops-area.h"
#include "policy.h"
#include "vendor.h"
#include "vendor_doc.h"
#include "web.h"

enum action {
	ACT_APPROVE, ACT_REJECT, ACT_REQUEST_INFO, ACT_SUSPEND, ACT_REINSTATE,
	ACT_REVERIFY, ACT__MAX
};

/* Each decision: where it moves the vendor, from where, with a reason or not. */
static const struct {
	const char		*name;		/* the form's path */
	const char		*button;
	enum vendor_status	 to;
	unsigned		 from;		/* bits of vendor_status */
	int			 reason;	/* required */
	const char		*notice;
} actions[ACT__MAX] = {
	[ACT_APPROVE] = { "approve", "Approve", VS_VERIFIED,
	    1u << VS_SUBMITTED | 1u << VS_REVERIFY, 0, "vendor-approved" },
	[ACT_REJECT] = { "reject", "Reject", VS_REJECTED, 1u << VS_SUBMITTED,
	    1, "vendor-rejected" },
	[ACT_REQUEST_INFO] = { "request-info", "Ask for more information",
	    VS_NEEDS_INFO, 1u << VS_SUBMITTED, 1, "vendor-info-requested" },
	[ACT_SUSPEND] = { "suspend", "Suspend", VS_SUSPENDED,
	    1u << VS_VERIFIED | 1u << VS_REVERIFY, 1, "vendor-suspended" },
	[ACT_REINSTATE] = { "reinstate", "Reinstate", VS_VERIFIED,
	    1u << VS_SUSPENDED, 0, "vendor-reinstated" },
	[ACT_REVERIFY] = { "reverify", "Ask to re-verify", VS_REVERIFY,
	    1u << VS_VERIFIED, 1, "vendor-reverify" },
};

static const struct form_field reason_fields[] = {
	{ "reason", "Reason", FORM_MULTILINE, FORM_REQUIRED, 3,
	    VENDOR_REASON_MAX },
};

static const struct form_field optional_reason_fields[] = {
	{ "reason", "Reason", FORM_MULTILINE, 0, 0, VENDOR_REASON_MAX },
};

enum filter_field { FILTER_STATUS, FILTER_Q, FILTER_AFTER_AT, FILTER_AFTER_ID,
    FILTER__MAX };

static const struct form_field filter_fields[FILTER__MAX] = {
	[FILTER_STATUS] = { "status", "Status", FORM_TEXT, 0, 0, 20 },
	[FILTER_Q] = { "q", "Search", FORM_TEXT, 0, 0, 100 },
	[FILTER_AFTER_AT] = { "after_at", "Page", FORM_INT, 0, 0,
	    INT64_MAX / 2 },
	[FILTER_AFTER_ID] = { "after_id", "Page", FORM_INT, 0, 0,
	    INT64_MAX / 2 },
};

/*
 * A problem to show on the vendor's page with the 4xx: beside a
 * decision's form (its enum action), beside document n's form
 * (ACT__MAX + n), beside the flag form (-2), at the top (-3); -1: none.
 * The reason typed is shown back.
 */
struct shown_error {
	int		 action;
	const char	*message;
	const char	*reason;
};

static void
queue_row(struct web *w, struct tmpl_dict *d, const struct vendor_line *l)
{
	struct tmpl_dict	*row = tmpl_section(d, "vendor");

	tmpl_set_int(row, "id", l->user_id);
	tmpl_set(row, "username", l->username);
	tmpl_set(row, "business", l->business_name);
	tmpl_set(row, "phone", l->phone);
	tmpl_set(row, "pincode", l->pincode);
	tmpl_set(row, "status", vendor_status_name(l->status));
	tmpl_set(row, "status_label", vendor_status_label(l->status));
	tmpl_set(row, "since", fmt_time(w->arena, l->status_at));
	tmpl_set(row, "since_iso", fmt_time_iso(w->arena, l->status_at));
	if (l->flag_reason != NULL)
		tmpl_set(tmpl_section(row, "flag"), "reason", l->flag_reason);
}

/*
 * /ops/vendors?status=&q=: applications in a status (any when empty),
 * longest waiting first, 50 a page; 400 for a status that is none.
 */
void
page_ops_vendors(struct web *w)
{
	struct form		 f;
	struct vendor_line	*list;
	struct tmpl_dict	*d, *opt, *next;
	size_t			 n, i;
	int			 status = -1;

	form_init(&f, w->arena, filter_fields, FILTER__MAX);
	form_read(&f, &w->req.query);
	if (f.v[FILTER_STATUS].text[0] != '\0')
		status = vendor_status_parse(f.v[FILTER_STATUS].text);
	if (f.errors || (f.v[FILTER_STATUS].text[0] != '\0' && status < 0)) {
		web_error(w, 400, "Those filters are not valid: choose a status "
		    "from the list.");
		return;
	}
	d = web_page(w, "Vendors", "ops_vendors.tpl");
	form_fill(&f, d);
	for (i = 0; i < VS__MAX; i++) {
		opt = tmpl_section(d, "status_option");
		tmpl_set(opt, "value", vendor_status_name((enum vendor_status)i));
		tmpl_set(opt, "label", vendor_status_label((enum vendor_status)i));
		if ((int)i == status)
			tmpl_show(opt, "selected");
	}
	n = vendor_queue(w->db, w->arena, status, f.v[FILTER_Q].text,
	    f.v[FILTER_AFTER_AT].num, f.v[FILTER_AFTER_ID].num,
	    VENDOR_QUEUE_PAGE + 1, &list);
	for (i = 0; i < n && i < VENDOR_QUEUE_PAGE; i++)
		queue_row(w, d, &list[i]);
	if (n == 0)
		tmpl_show(d, "none");
	if (n > VENDOR_QUEUE_PAGE) {
		next = tmpl_section(d, "next");
		tmpl_set(next, "status", f.v[FILTER_STATUS].text);
		tmpl_set(next, "q", http_urlencode(w->arena, f.v[FILTER_Q].text));
		tmpl_set_int(next, "after_at", list[VENDOR_QUEUE_PAGE - 1].status_at);
		tmpl_set_int(next, "after_id", list[VENDOR_QUEUE_PAGE - 1].user_id);
	}
	web_render(w, 200);
}

static void
application_fill(struct web *w, struct tmpl_dict *d,
    const struct vendor_profile *p)
{
	struct tmpl_dict	*flag;
	struct category		*cats;
	size_t			 n, i;

	tmpl_set_int(d, "vendor_id", p->user_id);
	tmpl_set(d, "username", p->username);
	tmpl_set(d, "email", p->email);
	tmpl_set(d, "phone", p->phone);
	tmpl_set(d, "address", p->address);
	tmpl_set(d, "pincode", p->pincode);
	tmpl_set(d, "business", p->business_name);
	tmpl_set_int(d, "experience", p->experience_years);
	tmpl_set(d, "status", vendor_status_name(p->status));
	tmpl_set(d, "status_label", vendor_status_label(p->status));
	if (p->status_reason[0] != '\0')
		tmpl_set(tmpl_section(d, "reason"), "text", p->status_reason);
	if (p->phone_ok)
		tmpl_set(tmpl_section(d, "phone_ok"), "at", fmt_time(w->arena,
		    p->phone_verified_at));
	else
		tmpl_show(d, "phone_missing");
	if (p->verified_at != 0)
		tmpl_set(tmpl_section(d, "verified"), "at", fmt_time(w->arena,
		    p->verified_at));
	if (p->flag_reason != NULL) {
		flag = tmpl_section(d, "flag");
		tmpl_set(flag, "reason", p->flag_reason);
		tmpl_set(flag, "by", p->flagged_by);
	}
	n = catalog_categories_all(w->db, w->arena, &cats);
	for (i = 0; i < n; i++)
		if (vendor_serves_category(p, cats[i].slug))
			tmpl_set(tmpl_section(d, "category"), "name",
			    cats[i].name);
	for (i = 0; i < p->npincodes; i++)
		tmpl_set(tmpl_section(d, "pincode_served"), "pincode",
		    p->pincodes[i]);
}

static void
documents_fill(struct web *w, struct tmpl_dict *d, int64_t vendor,
    int reviewer, const struct shown_error *e)
{
	struct vendor_doc	*docs;
	struct tmpl_dict	*row, *review;
	size_t			 n, i;

	n = vendor_doc_list(w->db, w->arena, vendor, &docs);
	for (i = 0; i < n; i++) {
		row = tmpl_section(d, "document");
		document_row_fill(w, row, &docs[i]);
		tmpl_show(row, strcmp(docs[i].content_type, "application/pdf")
		    == 0 ? "pdf" : "image");
		if (!reviewer || docs[i].status != VDOC_PENDING)
			continue;
		review = tmpl_section(row, "can_review");
		if (e->action == ACT__MAX + (int)docs[i].id) {
			tmpl_set(review, "reason", e->reason);
			tmpl_set(tmpl_section(review, "reason_error"), "message",
			    e->message);
		}
	}
	if (n == 0)
		tmpl_show(d, "no_documents");
}

static void
record_fill(struct web *w, struct tmpl_dict *d, int64_t vendor)
{
	struct vendor_record	 r;
	struct booking_line	*jobs;
	int64_t			 late_recent, late_total;
	struct tmpl_dict	*row;
	size_t			 n, i;

	vendor_record_get(w->db, vendor, &r);
	tmpl_set_int(d, "jobs", r.jobs);
	tmpl_set_int(d, "completed", r.completed);
	tmpl_set_int(d, "cancelled", r.cancelled);
	tmpl_set_int(d, "disputed", r.disputed);
	/* Accepted jobs given up inside the cut-off (policy.c). */
	policy_vendor_late_counts(w->db, vendor, clock_now(), &late_recent,
	    &late_total);
	tmpl_set_int(d, "late_recent", late_recent);
	tmpl_set_int(d, "late_total", late_total);
	tmpl_set_int(d, "reviews", r.reviews);
	if (r.reviews > 0)
		tmpl_setf(tmpl_section(d, "rated"), "rating", "%lld.%lld",
		    (long long)r.average_tenths / 10,
		    (long long)r.average_tenths % 10);
	else
		tmpl_show(d, "unrated");
	n = booking_list_vendor_recent(w->db, w->arena, vendor, 20, &jobs);
	for (i = 0; i < n; i++) {
		row = tmpl_section(d, "job");
		tmpl_set_int(row, "id", jobs[i].id);
		tmpl_set(row, "service", jobs[i].service_name);
		tmpl_set(row, "when", fmt_time(w->arena, jobs[i].scheduled_at));
		tmpl_set(row, "when_iso", fmt_time_iso(w->arena,
		    jobs[i].scheduled_at));
		tmpl_set(row, "status", booking_status_label(jobs[i].status));
	}
	if (n == 0)
		tmpl_show(d, "no_jobs");
}

static void
timeline_fill(struct web *w, struct tmpl_dict *d, int64_t vendor)
{
	struct vendor_event	*ev;
	struct tmpl_dict	*row;
	size_t			 n, i;

	n = vendor_events(w->db, w->arena, vendor, &ev);
	for (i = 0; i < n; i++) {
		row = tmpl_section(d, "event");
		tmpl_set(row, "to", vendor_status_label(ev[i].to));
		tmpl_set(row, "who", ev[i].actor_name != NULL ?
		    ev[i].actor_name : "HomeServe");
		tmpl_set(row, "at", fmt_time(w->arena, ev[i].at));
		tmpl_set(row, "at_iso", fmt_time_iso(w->arena, ev[i].at));
		if (ev[i].reason[0] != '\0')
			tmpl_set(tmpl_section(row, "reason"), "text",
			    ev[i].reason);
	}
}

/* The forms of the decisions this vendor's status allows, for a manager. */
static void
actions_fill(struct tmpl_dict *d, const struct vendor_profile *p,
    const struct shown_error *e)
{
	struct tmpl_dict	*a;
	int			 i;

	for (i = 0; i < ACT__MAX; i++) {
		if (!(actions[i].from & 1u << p->status))
			continue;
		a = tmpl_section(d, "action");
		tmpl_set(a, "name", actions[i].name);
		tmpl_set(a, "button", actions[i].button);
		if (actions[i].reason)
			a = tmpl_section(a, "with_reason");
		else
			a = tmpl_section(a, "without_reason");
		tmpl_set(a, "name", actions[i].name);
		if (e->action == i) {
			tmpl_set(a, "reason", e->reason);
			tmpl_set(tmpl_section(a, "reason_error"), "message",
			    e->message);
		}
	}
	if (e->action == -2) {
		a = tmpl_section(d, "flag_error");
		tmpl_set(a, "message", e->message);
		tmpl_set(a, "reason", e->reason);
	}
}

static void
vendor_show(struct web *w, const struct vendor_profile *p, int status,
    const struct shown_error *e)
{
	struct tmpl_dict	*d;
	int			 reviewer = w->session.role == ROLE_ONBOARD;

	d = web_page(w, arena_printf(w->arena, "Vendor %s", p->username),
	    "ops_vendor.tpl");
	application_fill(w, d, p);
	documents_fill(w, d, p->user_id, reviewer, e);
	record_fill(w, d, p->user_id);
	timeline_fill(w, d, p->user_id);
	if (reviewer)
		actions_fill(tmpl_section(d, "manager"), p, e);
	if (e->action == -3)
		tmpl_set(tmpl_section(d, "problem"), "message", e->message);
	web_csrf(w);
	web_render(w, status);
}

/* The vendor of {id}, or a 404 page: staff accounts are never found here. */
static int
vendor_load(struct web *w, struct vendor_profile *p)
{
	if (vendor_get(w->db, w->arena, w->id[0], p))
		return 1;
	web_error(w, 404, "There is no such vendor.");
	return 0;
}

void
page_ops_vendor(struct web *w)
{
	struct vendor_profile	p;
	struct shown_error	e = { -1, NULL, NULL };

	if (vendor_load(w, &p))
		vendor_show(w, &p, 200, &e);
}

/* GET a vendor's document, for staff: 404 unless it is this vendor's. */
void
page_ops_vendor_document(struct web *w)
{
	struct vendor_doc	d;

	if (!vendor_doc_get(w->db, w->arena, w->id[1], &d) ||
	    d.vendor_id != w->id[0] || d.status == VDOC_REPLACED) {
		web_error(w, 404, "There is no such document.");
		return;
	}
	document_send(w, &d);
}

/* A form without its reason: 422, the page again with the error beside it. */
static int
form_refused(struct web *w, struct vendor_profile *p, const struct form *f,
    int form_id)
{
	struct shown_error	e = { form_id, f->v[0].error, f->v[0].raw };

	if (!f->errors)
		return 0;
	vendor_show(w, p, 422, &e);
	return 1;
}

/* What the domain said: 303 back with a notice, 404, or 409 with why. */
static void
answer(struct web *w, struct vendor_profile *p, int status,
    const char *notice, const char *why)
{
	struct shown_error	e = { -3, why, NULL };

	if (status == 303)
		web_redirect(w, arena_printf(w->arena, "/ops/vendors/%lld?"
		    "notice=%s", (long long)p->user_id, notice));
	else if (status == 404)
		web_error(w, 404, why);
	else
		vendor_show(w, p, 409, &e);
}

/*
 * A decision: 422 without a required reason (beside its form), 409
 * from a status it does not apply to or with something missing (the
 * page says what), 303 back to the vendor with a notice.
 */
static void
decide(struct web *w, enum action act)
{
	struct vendor_profile	 p;
	struct shown_error	 e;
	struct form		 f;
	const char		*why;
	enum vendor_result	 r;

	if (!vendor_load(w, &p))
		return;
	web_form_read(w, &f, actions[act].reason ? reason_fields :
	    optional_reason_fields, 1);
	if (!(actions[act].from & 1u << p.status)) {
		e = (struct shown_error){ -3, arena_printf(w->arena, "A vendor "
		    "who is “%s” cannot be given “%s”.",
		    vendor_status_label(p.status), actions[act].button), NULL };
		vendor_show(w, &p, 409, &e);
		return;
	}
	if (form_refused(w, &p, &f, (int)act))
		return;
	r = vendor_move(w->db, w->arena, &w->actor, ROLE_ONBOARD, p.user_id,
	    actions[act].to, f.v[0].text, &why);
	answer(w, &p, r == VENDOR_OK ? 303 : r == VENDOR_NOT_FOUND ? 404 : 409,
	    actions[act].notice, why);
}

void
page_ops_vendor_approve(struct web *w)
{
	decide(w, ACT_APPROVE);
}

void
page_ops_vendor_reject(struct web *w)
{
	decide(w, ACT_REJECT);
}

void
page_ops_vendor_request_info(struct web *w)
{
	decide(w, ACT_REQUEST_INFO);
}

void
page_ops_vendor_suspend(struct web *w)
{
	decide(w, ACT_SUSPEND);
}

void
page_ops_vendor_reinstate(struct web *w)
{
	decide(w, ACT_REINSTATE);
}

void
page_ops_vendor_reverify(struct web *w)
{
	decide(w, ACT_REVERIFY);
}

/* POST: a second look asked for, with a reason the queue shows (422 without). */
void
page_ops_vendor_flag(struct web *w)
{
	struct vendor_profile	p;
	struct form		f;

	if (!vendor_load(w, &p))
		return;
	web_form_read(w, &f, reason_fields, 1);
	if (form_refused(w, &p, &f, -2))
		return;
	vendor_flag(w->db, w->arena, &w->actor, p.user_id, f.v[0].text);
	answer(w, &p, 303, "vendor-flagged", NULL);
}

/* Accept or reject one document: 404 another vendor's, 409 reviewed, 422. */
static void
review(struct web *w, int accept)
{
	struct vendor_profile	 p;
	struct form		 f;
	const char		*why;
	enum vendor_doc_result r;

	if (!vendor_load(w, &p))
		return;
	web_form_read(w, &f, accept ? optional_reason_fields : reason_fields, 1);
	if (form_refused(w, &p, &f, ACT__MAX + (int)w->id[1]))
		return;
	r = vendor_document_review(w->db, w->arena, &w->actor, p.user_id,
	    w->id[1], accept, f.v[0].text, w->config->uploads_dir, &why);
	answer(w, &p, r == VDOC_OK ? 303 : r == VDOC_NOT_FOUND ? 404 : 409,
	    accept ? "document-accepted" : "document-rejected", why);
}

void
page_ops_document_accept(struct web *w)
{
	review(w, 1);
}

void
page_ops_document_reject(struct web *w)
{
	review(w, 0);
}
