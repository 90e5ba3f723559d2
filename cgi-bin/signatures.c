/* signatures.c: the customer's sign and reject pages, the signed record with its checks and downloads, signature_fill. */
#include <string.h>
#include <time.h>

#include "arena.h"
#include "booking-view.h"
#include "booking.h"
#include "fmt.h"
#include "payment.h"
#include "settlement.h"
#include "sign.h"
#include "signature.h"
#include "signatures.h"
#include "web.h"

enum sign_field { SIGN_RATING, SIGN_COMMENTS, SIGN__MAX };

static const struct form_field sign_fields[SIGN__MAX] = {
	[SIGN_RATING] = { "satisfaction_rating", "Rating", FORM_INT,
	    FORM_REQUIRED, 1, 5 },
	[SIGN_COMMENTS] = { "comments", "Comments", FORM_MULTILINE, 0, 0,
	    SIGNATURE_COMMENTS_MAX },
};

enum reject_field { REJECT_REASON, REJECT__MAX };

static const struct form_field reject_fields[REJECT__MAX] = {
	[REJECT_REASON] = { "reason", "Reason", FORM_MULTILINE, FORM_REQUIRED,
	    1, SIGNATURE_REASON_MAX },
};

/* The rating choices, as the radio buttons read. */
static const char *const rating_labels[] = {
	"1: very dissatisfied",
	"2: dissatisfied",
	"3: neither satisfied nor dissatisfied",
	"4: satisfied",
	"5: very satisfied",
};

static const char	not_found[] = "There is no such signature.";

#define OFFLINE_COMMAND	"openssl pkeyutl -verify -pubin -inkey public-key.pem " \
	"-rawin -in record.txt -sigfile record.sig"

static const char *
rating_text(struct web *w, int64_t rating)
{
	return arena_printf(w->arena, "%lld out of 5", (long long)rating);
}

static const char *
signature_url(struct web *w, int64_t id, const char *tail)
{
	return arena_printf(w->arena, "/signatures/%lld%s", (long long)id, tail);
}

/* The signature in the URL and its booking, for whoever may see the booking; else 404. */
static int
load_visible(struct web *w, struct signature *s, struct booking *b)
{
	if (!signature_get(w->db, w->arena, w->id[0], s) ||
	    !booking_get(w->db, w->arena, s->booking_id, b) ||
	    !booking_visible(b, w->session.user_id, w->session.role)) {
		web_error(w, 404, not_found);
		return 0;
	}
	return 1;
}

/* The same, for the booking's customer only; else 404. */
static int
load_own(struct web *w, struct signature *s, struct booking *b)
{
	if (!signature_get(w->db, w->arena, w->id[0], s) ||
	    s->customer_id != w->session.user_id ||
	    !booking_get(w->db, w->arena, s->booking_id, b) ||
	    b->customer_id != w->session.user_id) {
		web_error(w, 404, not_found);
		return 0;
	}
	return 1;
}

/* A domain refusal as a page: 404, 409 or 422 with its sentence. */
static void
refusal_answer(struct web *w, enum signature_result rc, const char *why)
{
	if (rc == SIGNATURE_NOT_FOUND)
		web_error(w, 404, not_found);
	else
		web_error(w, rc == SIGNATURE_INVALID ? 422 : 409, why);
}

static void
rating_options(struct tmpl_dict *d, const char *chosen)
{
	struct tmpl_dict	*row;
	size_t			 i;

	for (i = 0; i < sizeof(rating_labels) / sizeof(rating_labels[0]); i++) {
		row = tmpl_section(d, "rating_option");
		tmpl_set_int(row, "value", (int64_t)i + 1);
		tmpl_set(row, "label", rating_labels[i]);
		if (chosen[0] == (char)('1' + i) && chosen[1] == '\0')
			tmpl_show(row, "checked");
	}
}

/* The deadline in local time, and for <time datetime>. */
static void
deadline_fill(struct web *w, struct tmpl_dict *d, const struct signature *s)
{
	tmpl_set(d, "deadline", fmt_time(w->arena, s->expires_at));
	tmpl_set(d, "deadline_iso", fmt_time_iso(w->arena, s->expires_at));
}

/* The sign page: the booking, the deadline, and both forms while open. */
static void
sign_page(struct web *w, const struct signature *s, const struct booking *b,
    const struct form *sign, const struct form *reject, int status)
{
	struct tmpl_dict	*d, *closed;
	const char		*why = signature_closed(s, (int64_t)time(NULL));

	d = web_page(w, arena_printf(w->arena, "Sign for booking #%lld",
	    (long long)b->id), "signature_sign.tpl");
	booking_fill(w, d, b);
	tmpl_set_int(d, "signature_id", s->id);
	deadline_fill(w, d, s);
	tmpl_set(d, "view_url", signature_url(w, s->id, ""));
	if (why != NULL) {
		closed = tmpl_section(d, "closed");
		tmpl_set(closed, "message", why);
	} else {
		tmpl_show(d, "open");
		tmpl_set(d, "sign_url", signature_url(w, s->id, "/sign"));
		tmpl_set(d, "reject_url", signature_url(w, s->id, "/reject"));
		form_fill(sign, d);
		form_fill(reject, d);
		rating_options(d, sign->v[SIGN_RATING].raw);
	}
	web_render(w, status);
}

/* GET|POST /signatures/{id}/sign: see signatures.h for the statuses. */
void
page_signature_sign(struct web *w)
{
	struct signature	 s;
	struct booking		 b;
	struct form		 sign, reject;
	enum signature_result	 rc;
	const char		*why;

	if (!load_own(w, &s, &b))
		return;
	form_init(&sign, w->arena, sign_fields, SIGN__MAX);
	form_init(&reject, w->arena, reject_fields, REJECT__MAX);
	if (w->req.method != HTTP_POST) {
		sign_page(w, &s, &b, &sign, &reject, 200);
		return;
	}
	if ((why = signature_closed(&s, (int64_t)time(NULL))) != NULL) {
		booking_error(w, 409, why, "The booking's page shows where it "
		    "stands now.", s.booking_id);
		return;
	}
	if (web_form_read(w, &sign, sign_fields, SIGN__MAX)) {
		sign_page(w, &s, &b, &sign, &reject, 422);
		return;
	}
	rc = signature_sign(w->db, w->arena, &w->actor, s.id,
	    sign.v[SIGN_RATING].num, sign.v[SIGN_COMMENTS].text, &why);
	if (rc != SIGNATURE_OK) {
		refusal_answer(w, rc, why);
		return;
	}
	/*
	 * The signature releases the authorised payment (payment.h).  A
	 * gateway failure leaves it authorised, with the error for ops;
	 * the signature stands either way.
	 */
	settle_capture(w->db, w->arena, &w->actor, s.booking_id,
	    &why);
	web_redirect(w, arena_printf(w->arena, "/bookings/%lld?notice=signed",
	    (long long)s.booking_id));
}

/* POST /signatures/{id}/reject: see signatures.h. */
void
page_signature_reject(struct web *w)
{
	struct signature	 s;
	struct booking		 b;
	struct form		 sign, reject;
	enum signature_result	 rc;
	const char		*why;

	if (!load_own(w, &s, &b))
		return;
	if ((why = signature_closed(&s, (int64_t)time(NULL))) != NULL) {
		booking_error(w, 409, why, "The booking's page shows where it "
		    "stands now.", s.booking_id);
		return;
	}
	form_init(&sign, w->arena, sign_fields, SIGN__MAX);
	if (web_form_read(w, &reject, reject_fields, REJECT__MAX)) {
		sign_page(w, &s, &b, &sign, &reject, 422);
		return;
	}
	rc = signature_reject(w->db, w->arena, &w->actor, s.id,
	    reject.v[REJECT_REASON].text, &why);
	if (rc != SIGNATURE_OK) {
		refusal_answer(w, rc, why);
		return;
	}
	web_redirect(w, arena_printf(w->arena,
	    "/bookings/%lld?notice=disputed", (long long)s.booking_id));
}

/* The signed part of the record page: the values, both checks, the downloads. */
static void
signed_fill(struct web *w, struct tmpl_dict *d, const struct signature *s)
{
	struct tmpl_dict	*sd = tmpl_section(d, "signed");
	int			 hash_ok, sig_ok;

	tmpl_set(sd, "signed_at", fmt_time(w->arena, s->signed_at));
	tmpl_set(sd, "signed_at_iso", fmt_time_iso(w->arena, s->signed_at));
	tmpl_set_int(sd, "rating", s->rating);
	tmpl_set(sd, "rating_text", rating_text(w, s->rating));
	tmpl_set(sd, "comments", s->comments);
	if (s->comments[0] != '\0')
		tmpl_show(sd, "has_comments");
	tmpl_set(sd, "hash_input", signature_hash_input(w->arena, s));
	tmpl_set(sd, "sha256", s->sha256);
	tmpl_set(sd, "ed25519", s->ed25519);
	tmpl_set(sd, "record", signature_record(w->arena, s));
	tmpl_set(sd, "record_txt_url", signature_url(w, s->id, "/record.txt"));
	tmpl_set(sd, "record_sig_url", signature_url(w, s->id, "/record.sig"));
	tmpl_set(sd, "public_key_url", "/signatures/public-key.pem");
	tmpl_set(sd, "command", OFFLINE_COMMAND);
	signature_verify(w->arena, s, &hash_ok, &sig_ok);
	tmpl_show(sd, hash_ok ? "hash_ok" : "hash_failed");
	tmpl_show(sd, sig_ok ? "sig_ok" : "sig_failed");
	tmpl_show(sd, hash_ok && sig_ok ? "all_ok" : "tampered");
}

/* GET /signatures/{id}: the record and its checks; 404 for outsiders. */
void
page_signature_view(struct web *w)
{
	struct signature	 s;
	struct booking		 b;
	struct tmpl_dict	*d;

	if (!load_visible(w, &s, &b))
		return;
	d = web_page(w, arena_printf(w->arena, "Signature for booking #%lld",
	    (long long)b.id), "signature_view.tpl");
	booking_fill(w, d, &b);
	tmpl_set(d, "booking_url", booking_url(w, b.id));
	tmpl_set_int(d, "signature_id", s.id);
	tmpl_set(d, "signature_status", signature_status_name(s.status));
	tmpl_set(d, "signature_status_label", signature_status_label(s.status));
	tmpl_set(d, "requested_at", fmt_time(w->arena, s.requested_at));
	tmpl_set(d, "requested_at_iso", fmt_time_iso(w->arena, s.requested_at));
	deadline_fill(w, d, &s);
	switch (s.status) {
	case SIG_SIGNED:
		signed_fill(w, d, &s);
		break;
	case SIG_REJECTED:
		tmpl_set(tmpl_section(d, "rejected"), "reason",
		    s.reject_reason);
		break;
	case SIG_EXPIRED:
		tmpl_show(d, "expired");
		break;
	default:
		tmpl_show(d, "requested");
		if (b.customer_id == w->session.user_id &&
		    signature_closed(&s, (int64_t)time(NULL)) == NULL)
			tmpl_set(tmpl_section(d, "can_sign"), "sign_url",
			    signature_url(w, s.id, "/sign"));
		break;
	}
	web_render(w, 200);
}

/* A download under a fixed name; the page shows the command that uses it. */
static void
download(struct web *w, const char *type, const char *name, const void *data,
    size_t len)
{
	http_header_add(&w->res, "Content-Disposition", arena_printf(w->arena,
	    "attachment; filename=\"%s\"", name));
	web_send_bytes(w, type, data, len);
}

/* A signed record the viewer may see, or 404 answered. */
static int
load_signed(struct web *w, struct signature *s)
{
	struct booking	b;

	if (!load_visible(w, s, &b))
		return 0;
	if (s->status != SIG_SIGNED || s->ed25519 == NULL) {
		web_error(w, 404, "This record is not signed.");
		return 0;
	}
	return 1;
}

/* GET /signatures/{id}/record.txt: the canonical text, rebuilt from the stored fields. */
void
page_signature_record_txt(struct web *w)
{
	struct signature	 s;
	const char		*record;

	if (!load_signed(w, &s))
		return;
	record = signature_record(w->arena, &s);
	download(w, "text/plain; charset=utf-8", "record.txt", record,
	    strlen(record));
}

/* GET /signatures/{id}/record.sig: the stored signature as 64 raw bytes. */
void
page_signature_record_sig(struct web *w)
{
	struct signature	 s;
	unsigned char		 raw[SIGN_LEN];

	if (!load_signed(w, &s))
		return;
	if (sign_decode(s.ed25519, raw)) {
		web_error(w, 404, "The stored signature is damaged: this record "
		    "cannot be verified.");
		return;
	}
	download(w, "application/octet-stream", "record.sig", raw, sizeof(raw));
}

/*
 * GET /signatures/public-key.pem: anyone may verify records.  The key
 * changes only with a new data directory, so caches may keep it a day.
 */
void
page_signature_public_key(struct web *w)
{
	const char	*pem = sign_public_pem();

	download(w, "text/plain; charset=utf-8", "public-key.pem", pem,
	    strlen(pem));
	w->res.cache_control = "public, max-age=86400";
}

void
signature_fill(struct web *w, struct tmpl_dict *d, int64_t booking_id)
{
	struct signature	 s;
	struct tmpl_dict	*sd, *part;

	if (!signature_for_booking(w->db, w->arena, booking_id, &s))
		return;
	sd = tmpl_section(d, "signature");
	tmpl_set_int(sd, "id", s.id);
	tmpl_set(sd, "status", signature_status_name(s.status));
	/* While it waits, whose signature it is depends on who reads. */
	tmpl_set(sd, "status_label", s.status == SIG_REQUESTED ?
	    booking_label(w, BK_SIGNATURE_REQUESTED) :
	    signature_status_label(s.status));
	tmpl_set(sd, "view_url", signature_url(w, s.id, ""));
	deadline_fill(w, sd, &s);
	switch (s.status) {
	case SIG_SIGNED:
		part = tmpl_section(sd, "signed");
		tmpl_set(part, "signed_at", fmt_time(w->arena, s.signed_at));
		tmpl_set(part, "signed_at_iso", fmt_time_iso(w->arena,
		    s.signed_at));
		tmpl_set_int(part, "rating", s.rating);
		tmpl_set(part, "rating_text", rating_text(w, s.rating));
		tmpl_set(part, "comments", s.comments);
		if (s.comments[0] != '\0')
			tmpl_show(part, "has_comments");
		break;
	case SIG_REJECTED:
		tmpl_set(tmpl_section(sd, "rejected"), "reason",
		    s.reject_reason);
		break;
	case SIG_EXPIRED:
		tmpl_show(sd, "expired");
		break;
	default:
		tmpl_set(tmpl_section(sd, "requested"), "sign_by",
		    w->session.role == ROLE_CUSTOMER ? "Sign by" :
		    "The customer can sign until");
		if (s.customer_id == w->session.user_id &&
		    w->session.role == ROLE_CUSTOMER &&
		    signature_closed(&s, (int64_t)time(NULL)) == NULL)
			tmpl_set(tmpl_section(sd, "can_sign"), "sign_url",
			    signature_url(w, s.id, "/sign"));
		break;
	}
}
