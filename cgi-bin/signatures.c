/* signatures.c: the signed record with its checks and downloads, signature_fill (the sign-and-pay and reject pages are in paysign.c). */
#include <string.h>
#include <time.h>

#include "arena.h"
#include "booking-view.h"
#include "booking.h"
#include "fmt.h"
#include "sign.h"
#include "signature.h"
#include "signatures.h"
#include "web.h"

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

/* The deadline in local time, and for <time datetime>. */
static void
deadline_fill(struct web *w, struct tmpl_dict *d, const struct signature *s)
{
	tmpl_set(d, "deadline", fmt_time(w->arena, s->expires_at));
	tmpl_set(d, "deadline_iso", fmt_time_iso(w->arena, s->expires_at));
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
