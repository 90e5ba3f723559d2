/* ops-disputes.c: operations mediate disputes: the open ones oldest first, one case's evidence on one page, and the decision that settles the money. */
#include <string.h>

#include "arena.h"
#include "booking-view.h"
#include "booking.h"
#include "clock.h"
#include "dispute.h"
#include "disputes.h"
#include "fmt.h"
#include "ops-area.h"
#include "panels.h"
#include "settlement.h"
#include "web.h"

enum {
	RESOLVE_OUTCOME,
	RESOLVE_AMOUNT,
	RESOLVE_NOTE,
	RESOLVE_WHEN,
	RESOLVE_REDO_VENDOR,
	RESOLVE__MAX
};

static const struct form_field resolve_fields[RESOLVE__MAX] = {
	[RESOLVE_OUTCOME] = { "outcome", "Outcome", FORM_TEXT, FORM_REQUIRED,
	    1, 20 },
	[RESOLVE_AMOUNT] = { "amount", "Amount to refund", FORM_MONEY, 0, 0,
	    INT64_MAX / 2 },
	[RESOLVE_NOTE] = { "note", "Note to both parties", FORM_MULTILINE,
	    FORM_REQUIRED, 1, DISPUTE_TEXT_MAX },
	[RESOLVE_WHEN] = { "when", "Follow-up visit", FORM_LOCAL_TIME, 0, 0,
	    0 },
	[RESOLVE_REDO_VENDOR] = { "redo_vendor", "Who visits", FORM_SLUG, 0,
	    0, 10 },
};

/* How old, in words: "3 days", "5 hours". */
static const char *
age_text(struct arena *a, int64_t seconds)
{
	int64_t	h = seconds / 3600;

	if (h >= 48)
		return arena_printf(a, "%lld days", (long long)(h / 24));
	if (h == 0)
		return "under an hour";
	return arena_printf(a, "%lld hour%s", (long long)h, h == 1 ? "" : "s");
}

/* GET /ops/disputes: the open ones, oldest first, DISPUTE_PAGE a page. */
void
page_ops_disputes(struct web *w)
{
	static const struct form_field	 fields[] = {
		{ "page", "Page", FORM_INT, 0, 1, 100000 },
	};
	struct form			 f;
	struct dispute_line		*list;
	struct tmpl_dict		*d, *row;
	int64_t				 page, total, now = clock_now();
	size_t				 n, i;

	form_init(&f, w->arena, fields, 1);
	if (form_read(&f, &w->req.query)) {
		web_error(w, 400, f.v[0].error);
		return;
	}
	page = f.v[0].num > 0 ? f.v[0].num : 1;
	d = web_page(w, "Disputes", "ops_disputes.tpl");
	total = dispute_count_open(w->db);
	tmpl_set_int(d, "total", total);
	n = dispute_list_open(w->db, w->arena, (page - 1) * DISPUTE_PAGE, &list);
	for (i = 0; i < n; i++) {
		row = tmpl_section(d, "row");
		tmpl_set_int(row, "id", list[i].booking_id);
		tmpl_set(row, "service", list[i].service_name);
		tmpl_set(row, "customer", list[i].customer_name);
		tmpl_set(row, "vendor", list[i].vendor_name);
		tmpl_set(row, "amount", fmt_money(w->arena, list[i].price_paise));
		tmpl_set(row, "reason", list[i].reason);
		tmpl_set(row, "age", age_text(w->arena, now - list[i].opened_at));
		tmpl_set(row, "opened_iso", fmt_time_iso(w->arena,
		    list[i].opened_at));
		tmpl_set(row, "answered", list[i].answered ? "Answered" :
		    "Not yet");
	}
	tmpl_show(d, n > 0 ? "has_rows" : "none");
	if (page > 1 || page * DISPUTE_PAGE < total) {
		struct tmpl_dict	*p = tmpl_section(d, "pager");

		if (page > 1)
			tmpl_set_int(tmpl_section(p, "newer"), "page", page - 1);
		if (page * DISPUTE_PAGE < total)
			tmpl_set_int(tmpl_section(p, "older"), "page", page + 1);
	}
	web_render(w, 200);
}

static void
history_fill(struct tmpl_dict *d, const char *name,
    const struct dispute_history *h, struct arena *a)
{
	struct tmpl_dict	*s = tmpl_section(d, name);

	tmpl_set_int(s, "bookings", h->bookings);
	tmpl_set_int(s, "disputes", h->disputes);
	tmpl_set_int(s, "ratings", h->ratings);
	tmpl_set(s, "average", h->ratings > 0 ? arena_printf(a, "%lld.%lld",
	    (long long)(h->average_tenths / 10),
	    (long long)(h->average_tenths % 10)) : "none");
}

/* The decision form, with what was sent and the problem, while open. */
static void
decision_fill(struct web *w, struct tmpl_dict *d, const struct form *f,
    const char *problem)
{
	struct tmpl_dict	*s = tmpl_section(d, "can_resolve"), *o;
	const char		*chosen = f != NULL ?
				    f->v[RESOLVE_OUTCOME].raw : "";
	int			 k;

	for (k = 0; k < DISPUTE__MAX; k++) {
		o = tmpl_section(s, "outcome");
		tmpl_set(o, "value", dispute_outcome_name(k));
		tmpl_set(o, "label", dispute_outcome_label(k));
		if (strcmp(chosen, dispute_outcome_name(k)) == 0)
			tmpl_show(o, "checked");
	}
	if (f != NULL) {
		tmpl_set(s, "amount", f->v[RESOLVE_AMOUNT].raw);
		tmpl_set(s, "note", f->v[RESOLVE_NOTE].raw);
		tmpl_set(s, "redo_when", f->v[RESOLVE_WHEN].raw);
		if (strcmp(f->v[RESOLVE_REDO_VENDOR].raw, "board") == 0)
			tmpl_show(s, "board_checked");
		else
			tmpl_show(s, "same_checked");
	} else {
		tmpl_show(s, "same_checked");
		tmpl_show(s, "when_as_picker");
	}
	if (f != NULL)
		form_fill(f, s);	/* each field's message, and the summary */
	if (problem != NULL)
		tmpl_set(tmpl_section(s, "problem"), "message", problem);
}

/* The evidence page; with the form's input and a problem when refused. */
static void
evidence_show(struct web *w, const struct booking *b, int status,
    const struct form *f, const char *problem)
{
	static const struct booking_panels	 panels = { "/ops/bookings/",
						    NULL, NULL, NULL, NULL };
	struct tmpl_dict			*d;
	struct dispute				 x;
	struct dispute_history			 h;

	if (!dispute_get(w->db, w->arena, b->id, &x)) {
		web_error(w, 404, "This booking was never disputed.");
		return;
	}
	d = web_page(w, arena_printf(w->arena, "Dispute on booking #%lld",
	    (long long)b->id), "ops_dispute.tpl");
	booking_fill(w, d, b);
	tmpl_set(d, "age", age_text(w->arena, clock_now() - x.opened_at));
	dispute_history_customer(w->db, b->customer_id, &h);
	history_fill(d, "customer_history", &h, w->arena);
	dispute_history_vendor(w->db, b->vendor_id, &h);
	history_fill(d, "vendor_history", &h, w->arena);
	booking_panels_fill(w, d, b, &panels);
	if (!x.resolved && b->status == BK_DISPUTED &&
	    w->session.role == ROLE_OPS)
		decision_fill(w, d, f, problem);
	web_csrf(w);
	web_render(w, status);
}

/* GET /ops/disputes/{booking} */
void
page_ops_dispute(struct web *w)
{
	struct booking	b;

	if (!booking_get(w->db, w->arena, w->id[0], &b)) {
		web_error(w, 404, "There is no such booking.");
		return;
	}
	evidence_show(w, &b, 200, NULL, NULL);
}

/* A field the chosen outcome does not use: whatever it holds is ignored. */
static void
unused_field(struct form *f, size_t i)
{
	if (f->v[i].error != NULL)
		f->errors--;
	f->v[i].error = NULL;
}

/*
 * The form read into a decision, every field checked in one pass: the
 * number of fields in error, each with its message beside it (422).
 * The amount counts only for a partial refund, the follow-up visit's
 * fields only for a free follow-up visit.
 */
static int
decision_read(struct web *w, struct form *f, struct settle_decision *in)
{
	const char	*who;
	int		 known;

	web_form_read(w, f, resolve_fields, RESOLVE__MAX);
	memset(in, 0, sizeof(*in));
	known = dispute_outcome_parse(f->v[RESOLVE_OUTCOME].text,
	    &in->outcome) == 0;
	if (!known)
		form_error(f, RESOLVE_OUTCOME, "Choose an outcome: release, "
		    "full refund, partial refund or a free follow-up visit.");
	if (f->v[RESOLVE_NOTE].error != NULL)
		form_error(f, RESOLVE_NOTE, "Write a note to the customer and "
		    "the vendor: it tells both of them why.");
	in->note = f->v[RESOLVE_NOTE].text;
	if (known && in->outcome == DISPUTE_REFUND_PARTIAL) {
		if (f->v[RESOLVE_AMOUNT].error != NULL ||
		    f->v[RESOLVE_AMOUNT].raw[0] == '\0')
			form_error(f, RESOLVE_AMOUNT, "Enter the amount to "
			    "refund in rupees, such as 250 or 250.50.");
		in->amount_paise = f->v[RESOLVE_AMOUNT].num;
	} else
		unused_field(f, RESOLVE_AMOUNT);
	if (!known || in->outcome != DISPUTE_REDO) {
		unused_field(f, RESOLVE_REDO_VENDOR);
		unused_field(f, RESOLVE_WHEN);
		return f->errors;
	}
	who = f->v[RESOLVE_REDO_VENDOR].text;
	if (who[0] != '\0' && strcmp(who, "same") != 0 &&
	    strcmp(who, "board") != 0)
		form_error(f, RESOLVE_REDO_VENDOR, "Choose who visits: the same "
		    "vendor or the job board.");
	in->redo_board = strcmp(who, "board") == 0;
	/* Unset: the same time of day, two days on; ops can agree another. */
	in->redo_at = f->v[RESOLVE_WHEN].raw[0] != '\0' ?
	    f->v[RESOLVE_WHEN].num : dispute_redo_default(clock_now());
	return f->errors;
}

/* POST /ops/disputes/{booking}/resolve */
void
page_ops_dispute_resolve(struct web *w)
{
	/* The refusals shown as an error page; the rest re-show the form. */
	static const struct {
		enum payment_result	 rc;
		int			 status;
	} answers[] = {
		{ PAYMENT_NOT_FOUND, 404 }, { PAYMENT_REFUSED, 409 },
		{ PAYMENT_UNAVAILABLE, 503 },
	};
	struct booking		 b;
	struct form		 f;
	struct settle_decision	 in;
	enum payment_result	 rc;
	const char		*why;
	int64_t			 redo;
	size_t			 i;

	if (!booking_get(w->db, w->arena, w->id[0], &b)) {
		web_error(w, 404, "There is no such booking.");
		return;
	}
	if (decision_read(w, &f, &in)) {
		evidence_show(w, &b, 422, &f, NULL);
		return;
	}
	rc = settle_dispute(w->db, w->arena, &w->actor, b.id, &in, &redo, &why);
	if (rc == PAYMENT_OK) {
		web_redirect(w, arena_printf(w->arena, "/ops/disputes/%lld"
		    "?notice=dispute-settled", (long long)b.id));
		return;
	}
	for (i = 0; i < sizeof(answers) / sizeof(answers[0]); i++)
		if (answers[i].rc == rc) {
			web_error_back(w, answers[i].status, why, NULL,
			    arena_printf(w->arena, "/ops/disputes/%lld",
			    (long long)b.id), "Back to the dispute");
			return;
		}
	evidence_show(w, &b, 422, &f, why);	/* INVALID, DECLINED */
}
