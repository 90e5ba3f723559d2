/* booking-bookings.c: a customer's bookings: book, list, detail, cancel, messages, notifications. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "address.h"
#include "arena.h"
#include "booking-view.h"
#include "booking.h"
#include "booking_rules.h"
#include "panels.h"
#include "clock.h"
#include "demand.h"
#include "payments.h"
#include "photos.h"
#include "signatures.h"
#include "catalog.h"
#include "fmt.h"
#include "message.h"
#include "notify.h"
#include "pricing.h"
#include "setting.h"
#include "booking-area.h"
#include "booking-choice.h"
#include "booking-pincode.h"
#include "booking-slots.h"
#include "web.h"

enum new_field {
	NEW_SERVICE, NEW_ADDRESS, NEW_PINCODE, NEW_WHEN, NEW_NOTES,
	NEW_QUOTED_PAISE, NEW_QUOTED_FACTOR, NEW_STEP, NEW_FORM_KEY, NEW_VENDOR,
	NEW_DAY, NEW_SLOT, NEW__MAX
};

static const struct form_field new_fields[NEW__MAX] = {
	[NEW_SERVICE] = { "service_id", "Service", FORM_INT, FORM_REQUIRED,
	    1, INT64_MAX / 2 },
	[NEW_ADDRESS] = { "address", "Address", FORM_MULTILINE, FORM_REQUIRED,
	    5, 300 },
	[NEW_PINCODE] = { "pincode", "Pincode", FORM_PINCODE, FORM_REQUIRED,
	    0, 0 },
	/* The typed time: the fallback for a slot (booking-slots.c). */
	[NEW_WHEN] = { "scheduled_date", "Date and time", FORM_LOCAL_TIME,
	    0, 0, 0 },
	[NEW_NOTES] = { "notes", "Notes for the vendor", FORM_MULTILINE, 0,
	    0, 500 },
	/* The price the form showed, which is the only one charged. */
	[NEW_QUOTED_PAISE] = { "quoted_paise", "Price shown", FORM_INT, 0,
	    1, FMT_MAX_PAISE },
	[NEW_QUOTED_FACTOR] = { "quoted_factor", "Adjustment shown", FORM_INT,
	    0, 100, 200 },
	/* "quote": the "Check the price" button, which books nothing;
	 * "vendors": "Show professionals for this pincode", likewise. */
	[NEW_STEP] = { "step", "Step", FORM_TEXT, 0, 0, 10 },
	/* The one-time key (booking_rules.h): judged in page_booking_new. */
	[NEW_FORM_KEY] = { "form_key", "Form key", FORM_TEXT, 0, 0, 64 },
	/* Empty: any available professional (booking-choice.c). */
	[NEW_VENDOR] = { "vendor_id", "Professional", FORM_INT, 0, 1,
	    INT64_MAX / 2 },
	/* A day of the next 7 and a start on it, judged in new_check. */
	[NEW_DAY] = { "day", "Day", FORM_TEXT, 0, 0, 100 },
	[NEW_SLOT] = { "slot", "Time", FORM_TEXT, 0, 0, 100 },
};

static const struct form_field body_fields[] = {
	{ "body", "Message", FORM_MULTILINE, FORM_REQUIRED, 1,
	    MESSAGE_MAX_CHARS },
};

/* Saved addresses as links that pre-fill the form: no script needed. */
static void
saved_addresses_fill(struct web *w, struct tmpl_dict *d, int64_t service_id)
{
	struct address		*list;
	struct tmpl_dict	*row;
	size_t			 n, i;

	n = address_list(w->db, w->arena, w->session.user_id, &list);
	for (i = 0; i < n; i++) {
		row = tmpl_section(d, "saved");
		tmpl_set(row, "address", list[i].address);
		tmpl_set(row, "pincode", list[i].pincode);
		tmpl_set(row, "href", arena_printf(w->arena,
		    "/bookings/new?service_id=%lld&address_id=%lld",
		    (long long)service_id, (long long)list[i].id));
		if (list[i].is_default)
			tmpl_show(row, "default");
	}
}

/*
 * The price for the form's pincode, shown and carried in the form:
 * booking_create refuses any other (pricing.h).  With demand pricing
 * on, the customer is told that a pincode changes it, and can check.
 */
static void
quote_fill(struct web *w, struct tmpl_dict *d, struct tmpl_dict *sd,
    const struct form *f, const struct service *s)
{
	struct pricing_quote	 q;
	struct tmpl_dict	*adj, *on;
	const char		*pincode = f->v[NEW_PINCODE].error == NULL ?
				    f->v[NEW_PINCODE].text : "";

	pricing_quote(w->db, s, pincode, &q);
	tmpl_set(sd, "price", fmt_money(w->arena, q.price_paise));
	if (q.factor > PRICING_NONE) {
		adj = tmpl_section(sd, "adjusted");
		tmpl_set(adj, "pincode", pincode);
		tmpl_set_int(adj, "percent", q.factor - PRICING_NONE);
		tmpl_set(adj, "usual", fmt_money(w->arena, s->price_paise));
	}
	if (setting(w->db, SET_PRICING_ENABLED)) {
		on = tmpl_section(sd, "pricing_on");
		if (q.factor == PRICING_NONE && pincode[0] != '\0')
			tmpl_set(tmpl_section(on, "usual_here"), "pincode",
			    pincode);
		else if (pincode[0] == '\0')
			tmpl_show(on, "no_pincode");
		tmpl_show(d, "can_check");
	}
	d = tmpl_section(d, "quote");
	tmpl_set_int(d, "paise", q.price_paise);
	tmpl_set_int(d, "factor", q.factor);
}

/* The latest start that lets this service's visit end by hours_end. */
static void
latest_fill(struct web *w, struct tmpl_dict *d, const struct service *s)
{
	int64_t			 latest = setting(w->db, SET_HOURS_END) -
				    s->duration_minutes;
	struct tmpl_dict	*l;

	if (latest < setting(w->db, SET_HOURS_START))
		return;
	l = tmpl_section(d, "latest");
	tmpl_set_int(l, "duration", s->duration_minutes);
	tmpl_set(l, "time", setting_text(w->arena, SET_HOURS_END, latest));
}

/* The day and times (booking-slots.c), from what the form holds. */
static void
new_slots_fill(struct web *w, struct tmpl_dict *d, const struct form *f,
    const struct service *s, const int64_t *instead, size_t ninstead)
{
	struct slot_choice	c = { s, f->v[NEW_ADDRESS].text,
	    pincode_valid(f->v[NEW_PINCODE].text) ? f->v[NEW_PINCODE].text : "",
	    f->v[NEW_VENDOR].error == NULL ? f->v[NEW_VENDOR].num : 0,
	    f->v[NEW_NOTES].text, f->v[NEW_DAY].text, f->v[NEW_SLOT].text,
	    instead, ninstead };

	slot_choice_fill(w, d, &c);
}

static void
new_render(struct web *w, struct form *f, const struct service *s, int status,
    const char *problem, const int64_t *instead, size_t ninstead)
{
	struct tmpl_dict	*d = web_page(w, "Book a service",
	    "booking_new.tpl");
	int64_t			 lead = setting(w->db, SET_LEAD_HOURS);
	int64_t			 horizon = setting(w->db, SET_HORIZON_DAYS);
	time_t			 now = (time_t)(clock_now() + lead * 3600);
	struct tm		 tm;
	char			 min[20];

	/* form_fill also puts the date and time in a picker or a text box. */
	form_fill(f, d);
	if (s != NULL) {
		struct tmpl_dict	*sd = tmpl_section(d, "service");

		tmpl_set_int(sd, "id", s->id);
		tmpl_set(sd, "name", s->name);
		quote_fill(w, d, sd, f, s);
		tmpl_set_int(sd, "duration", s->duration_minutes);
		saved_addresses_fill(w, d, s->id);
		choice_fill(w, d, s, f->v[NEW_PINCODE].error == NULL ?
		    f->v[NEW_PINCODE].text : "", f->v[NEW_VENDOR].error ==
		    NULL ? f->v[NEW_VENDOR].num : 0, f->v[NEW_VENDOR].error !=
		    NULL);
	}
	/* A form shown again keeps its key: it booked nothing yet. */
	tmpl_set(d, "form_key", booking_rules_key_valid(f->v[NEW_FORM_KEY].text) ?
	    f->v[NEW_FORM_KEY].text : booking_rules_key_new(w->arena));
	if (s != NULL) {
		latest_fill(w, d, s);
		new_slots_fill(w, d, f, s, instead, ninstead);
	}
	slot_errors_fill(d, f);
	if (f->v[NEW_WHEN].raw[0] != '\0' || f->v[NEW_WHEN].error != NULL)
		tmpl_show(d, "typed_open");	/* the typed time shown open */
	localtime_r(&now, &tm);
	strftime(min, sizeof(min), "%Y-%m-%dT%H:%M", &tm);
	tmpl_set(d, "min_when", min);
	tmpl_set(d, "hours_start", setting_text(w->arena, SET_HOURS_START,
	    setting(w->db, SET_HOURS_START)));
	tmpl_set(d, "hours_end", setting_text(w->arena, SET_HOURS_END,
	    setting(w->db, SET_HOURS_END)));
	tmpl_set(d, "lead", arena_printf(w->arena, "%lld hour%s",
	    (long long)lead, lead == 1 ? "" : "s"));
	tmpl_set(d, "horizon", arena_printf(w->arena, "%lld day%s",
	    (long long)horizon, horizon == 1 ? "" : "s"));
	if (problem != NULL)
		tmpl_set(tmpl_section(d, "problem"), "message", problem);
	booking_fee_due_fill(w, d);	/* an unpaid late fee holds it back */
	web_csrf(w);
	web_render(w, status);
}

static void
new_show(struct web *w, struct form *f, const struct service *s, int status,
    const char *problem)
{
	new_render(w, f, s, status, problem, NULL, 0);
}

/*
 * Pre-fill from ?address_id= (one of the customer's own), or from
 * ?address= and ?pincode= ("Book again"), or the saved address in
 * ?pincode= or the remembered one (the default address's, or a
 * visitor's cookie), else that pincode alone.
 */
static void
new_prefill(struct web *w, struct form *f)
{
	struct address	*list;
	const char	*want = web_query(w, "address_id");
	const char	*pin = web_query(w, "pincode");
	const char	*typed = web_query(w, "address");
	size_t		 n, i;

	if (!pincode_valid(pin))
		pin = want == NULL ? pincode_remembered(w) : NULL;
	if (pin != NULL && typed != NULL) {
		form_set(f, NEW_ADDRESS, typed);
		form_set(f, NEW_PINCODE, pin);
		return;
	}
	n = address_list(w->db, w->arena, w->session.user_id, &list);
	for (i = 0; i < n; i++)
		if (want != NULL ? strcmp(want, arena_printf(w->arena, "%lld",
		    (long long)list[i].id)) == 0 : pin != NULL ?
		    strcmp(pin, list[i].pincode) == 0 : list[i].is_default) {
			form_set(f, NEW_ADDRESS, list[i].address);
			form_set(f, NEW_PINCODE, list[i].pincode);
			return;
		}
	if (pin != NULL)
		form_set(f, NEW_PINCODE, pin);
	if (typed != NULL)	/* a day link keeps what the form held */
		form_set(f, NEW_ADDRESS, typed);
}

/* A day link's other fields (booking-slots.c): the day, slot and notes. */
static void
new_prefill_when(struct web *w, struct form *f)
{
	static const size_t	 kept[] = { NEW_DAY, NEW_SLOT, NEW_NOTES };
	const char		*v;
	size_t			 i;

	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		if ((v = web_query(w, new_fields[kept[i]].name)) != NULL &&
		    form_utf8_valid(v, strlen(v)) && strlen(v) <=
		    (size_t)new_fields[kept[i]].max)
			form_set(f, kept[i], v);
}

static void
new_get(struct web *w)
{
	struct form	 f;
	struct service	 s;
	int64_t		 vendor;

	form_init(&f, w->arena, new_fields, NEW__MAX);
	form_read(&f, &w->req.query);
	if (f.v[NEW_SERVICE].error || !catalog_get(w->db, w->arena,
	    f.v[NEW_SERVICE].num, &s) || !catalog_offered(&s)) {
		web_error(w, 404, "Choose a service to book from the catalogue.");
		return;
	}
	vendor = f.v[NEW_VENDOR].error == NULL ? f.v[NEW_VENDOR].num : 0;
	form_init(&f, w->arena, new_fields, NEW__MAX);
	form_set(&f, NEW_SERVICE, arena_printf(w->arena, "%lld",
	    (long long)s.id));
	new_prefill(w, &f);
	new_prefill_when(w, &f);
	if (vendor != 0) {
		form_set(&f, NEW_VENDOR, arena_printf(w->arena, "%lld",
		    (long long)vendor));
		f.v[NEW_VENDOR].num = vendor;
	}
	new_show(w, &f, &s, 200, NULL);
}

/* Put a domain refusal on the field it is about. */
static void
new_refused(struct web *w, struct form *f, struct service *s,
    enum booking_result rc, const char *why)
{
	switch (rc) {
	case BOOKING_BAD_TIME:
		form_error(f, NEW_WHEN, why);
		break;
	case BOOKING_NO_VENDOR:
		form_error(f, NEW_PINCODE, why);
		break;
	case BOOKING_NOT_ELIGIBLE:
		form_error(f, NEW_VENDOR, why);
		break;
	case BOOKING_PRICE_CHANGED:
		/* The form shows the new price, and carries it this time. */
		new_show(w, f, s, 409, why);
		return;
	case BOOKING_TOO_MANY_PENDING:
		new_show(w, f, s, 422, why);
		return;
	case BOOKING_TOO_MANY_TODAY:
		http_header_add(&w->res, "Retry-After", arena_printf(w->arena,
		    "%lld", (long long)booking_rules_retry_after(w->db,
		    w->session.user_id, clock_now())));
		new_show(w, f, s, 429, why);
		return;
	default:
		form_error(f, NEW_SERVICE, why);
		s = NULL;
		break;
	}
	new_show(w, f, s, 422, why);
}

/* What new_check found beyond the fields' own errors. */
enum new_found {
	NEW_FOUND_FULL = 0x01,		/* the slot filled up: 409 */
	NEW_FOUND_UNCOVERED = 0x02,	/* nobody serves the pincode */
};

/* The slot, else the typed time, by the booking rules; *when its start. */
static unsigned
new_check_when(struct web *w, struct form *f, const struct service *s,
    const char *covered, int64_t *when)
{
	const char	*why;

	if (f->v[NEW_DAY].error != NULL) {	/* slot_choice_read says it */
		f->v[NEW_DAY].error = NULL;
		f->v[NEW_DAY].text = "";
		f->errors--;
	}
	switch (slot_choice_read(w, s, f->v[NEW_DAY].text, f->v[NEW_SLOT].text,
	    covered, when, &why)) {
	case SLOT_OK:
		return 0;
	case SLOT_FULL:
		form_error(f, NEW_SLOT, why);
		return NEW_FOUND_FULL;
	case SLOT_BAD:
		form_error(f, NEW_SLOT, why);
		return 0;
	case SLOT_NONE:
		break;
	}
	if (f->v[NEW_SLOT].error != NULL || f->v[NEW_WHEN].error != NULL)
		return 0;
	if (f->v[NEW_WHEN].raw[0] == '\0')
		form_error(f, NEW_SLOT, "Choose a day and a time.");
	else if (booking_check_visit(w->db, w->arena, *when =
	    f->v[NEW_WHEN].num, s->duration_minutes, clock_now(), &why) !=
	    BOOKING_OK)
		form_error(f, NEW_WHEN, why);
	return 0;
}

/*
 * Every field judged in one pass, beyond its format, so the form says
 * all that is wrong at once: the pincode's coverage, the professional
 * chosen, the slot or typed time.  booking_create checks them again
 * (booking_vendor_serves: one index probe each, where the list of
 * professionals the form offers would rank them all).
 */
static unsigned
new_check(struct web *w, struct form *f, const struct service *s,
    int64_t *when)
{
	const char	*pin = f->v[NEW_PINCODE].text, *covered = "";
	int64_t		 vendor = f->v[NEW_VENDOR].error == NULL ?
			    f->v[NEW_VENDOR].num : 0;
	unsigned	 found = 0;

	if (f->v[NEW_PINCODE].error == NULL &&
	    !booking_vendor_serves(w->db, 0, s->category, pin)) {
		form_error(f, NEW_PINCODE, arena_printf(w->arena, "No verified "
		    "vendor offers %s in pincode %s yet.", s->category_name,
		    pin));
		found |= NEW_FOUND_UNCOVERED;
	} else if (f->v[NEW_PINCODE].error == NULL) {
		covered = pin;
		if (vendor != 0 && !booking_vendor_serves(w->db, vendor,
		    s->category, pin))
			form_error(f, NEW_VENDOR, arena_printf(w->arena, "The "
			    "professional you chose does not offer %s in "
			    "pincode %s now: choose another, or any available "
			    "professional.", s->category_name, pin));
	}
	return found | new_check_when(w, f, s, covered, when);
}

/*
 * The form again with every problem: 409 with the nearest free times
 * when only the slot filled up, else 422.  A pincode nobody serves is
 * a customer turned away (demand.c) when nothing else was wrong.
 */
static void
new_failed(struct web *w, struct form *f, const struct service *s,
    unsigned found, int64_t when)
{
	int64_t	*instead;
	size_t	 n;

	if (s == NULL) {
		new_show(w, f, s, 422, "This service is not offered.");
		return;
	}
	if ((found & NEW_FOUND_UNCOVERED) && f->errors == 1)
		demand_refused(w->db, &w->actor, s->id, f->v[NEW_PINCODE].text);
	if ((found & NEW_FOUND_FULL) && f->errors == 1) {
		n = slot_choice_instead(w, s, f->v[NEW_PINCODE].text, when,
		    &instead);
		new_render(w, f, s, 409, NULL, instead, n);
		return;
	}
	new_show(w, f, s, 422, NULL);
}

/*
 * "Check the price": the form again with the price for the pincode
 * typed (422 if it is no pincode), booking nothing; the other fields
 * may still be blank, so only the service and pincode are judged.
 */
static void
new_quote(struct web *w, struct form *f, struct service *s)
{
	size_t	i;

	for (i = 0; i < NEW__MAX; i++)
		if (i != NEW_SERVICE && i != NEW_PINCODE && i != NEW_VENDOR &&
		    f->v[i].error != NULL) {
			f->v[i].error = NULL;
			f->errors--;
		}
	new_show(w, f, s, f->errors ? 422 : 200, NULL);
}

/*
 * GET /bookings/new?service_id=N[&day=YYYY-MM-DD] shows the form with
 * the day's free times; POST books at the slot (day and slot=HH:MM), or
 * the typed scheduled_date, at the price the form showed (the
 * catalogue's, with demand pricing's factor for the pincode) and goes
 * to /bookings/{id}.  422 with every problem at once, 409 when the slot
 * filled up (with the nearest free ones) or the price is no longer the
 * one shown (the form shows the new one); step=quote only shows the price for the pincode, and
 * step=vendors the professionals there to choose from (booking-choice.c).
 * The form's one-time key (booking_rules.h) makes a repeat a 303 to the
 * booking already made; without one, 422 with a fresh key.  A late-
 * cancellation fee still due: 409.  The customer's caps: 422 for too
 * many waiting, 429 with Retry-After for too many in a day.
 */
void
page_booking_new(struct web *w)
{
	struct form		 f;
	struct service		 s, *sp = NULL;
	struct booking_request	 in;
	enum booking_result	 rc;
	const char		*why = NULL;
	int64_t			 id, when = 0;
	unsigned		 found = 0;

	if (w->req.method != HTTP_POST) {
		new_get(w);
		return;
	}
	web_form_read(w, &f, new_fields, NEW__MAX);
	if (!f.v[NEW_SERVICE].error && catalog_get(w->db, w->arena,
	    f.v[NEW_SERVICE].num, &s) && catalog_offered(&s))
		sp = &s;
	else if (!f.v[NEW_SERVICE].error)
		form_error(&f, NEW_SERVICE, "This service is not offered.");
	if (sp != NULL && (strcmp(f.v[NEW_STEP].text, "quote") == 0 ||
	    strcmp(f.v[NEW_STEP].text, "vendors") == 0)) {
		new_quote(w, &f, sp);
		return;
	}
	if (f.v[NEW_QUOTED_PAISE].error || f.v[NEW_QUOTED_FACTOR].error) {
		new_show(w, &f, sp, 422, "The price this form showed could not "
		    "be read. Nothing was booked: check the price below and "
		    "book again.");
		return;
	}
	if (sp != NULL)
		found = new_check(w, &f, sp, &when);
	if (f.errors) {
		new_failed(w, &f, sp, found, when);
		return;
	}
	if (!booking_rules_key_valid(f.v[NEW_FORM_KEY].text)) {
		/* Browsers always send the key the form carried; the form
		 * shown again carries a fresh one. */
		new_show(w, &f, sp, 422, "The form expired, please submit "
		    "again.");
		return;
	}
	if (booking_fee_due_fill(w, NULL)) {
		new_show(w, &f, sp, 409, "A late-cancellation fee is still due: "
		    "pay it first, then book. Nothing was booked.");
		return;
	}
	in = (struct booking_request){ s.id, f.v[NEW_ADDRESS].text,
	    f.v[NEW_PINCODE].text, when, f.v[NEW_NOTES].text,
	    f.v[NEW_QUOTED_PAISE].num, f.v[NEW_QUOTED_FACTOR].num,
	    f.v[NEW_FORM_KEY].text, f.v[NEW_VENDOR].num };
	rc = booking_create(w->db, w->arena, &w->actor, &in, &id, &why);
	if (rc == BOOKING_DUPLICATE) {
		/* The same form again: the booking it made, not a second. */
		web_redirect(w, arena_printf(w->arena, "/bookings/%lld?"
		    "notice=already-booked", (long long)id));
		return;
	}
	if (rc != BOOKING_OK) {
		/* Where customers are turned away: /ops/demand and demand
		 * pricing count it. */
		if (rc == BOOKING_NO_VENDOR)
			demand_refused(w->db, &w->actor, s.id, in.pincode);
		new_refused(w, &f, sp, rc, why);
		return;
	}
	web_redirect(w, arena_printf(w->arena, "/bookings/%lld", (long long)id));
}

/* /bookings?before=N: the customer's bookings, newest first, 20 a page. */
void
page_bookings(struct web *w)
{
	static const struct form_field	 fields[] = {
		{ "before", "Page", FORM_INT, 0, 1, INT64_MAX / 2 },
	};
	struct form			 f;
	struct booking_line		*list;
	struct tmpl_dict		*d;
	size_t				 n, i;

	form_init(&f, w->arena, fields, 1);
	if (form_read(&f, &w->req.query)) {
		web_error(w, 400, f.v[0].error);
		return;
	}
	d = web_page(w, "My bookings", "bookings.tpl");
	n = booking_list_customer(w->db, w->arena, w->session.user_id,
	    f.v[0].num, BOOKING_PAGE + 1, &list);
	for (i = 0; i < n && i < BOOKING_PAGE; i++)
		booking_row_fill(w, d, &list[i]);
	if (n == 0)
		tmpl_show(d, "no_bookings");
	if (n > BOOKING_PAGE)
		tmpl_set_int(tmpl_section(d, "older"), "before",
		    list[BOOKING_PAGE - 1].id);
	if (f.v[0].num > 0)
		tmpl_show(d, "not_newest");
	web_render(w, 200);
}

/* The customer's own booking, or 404: never another customer's. */
static int
own_booking(struct web *w, struct booking *b)
{
	if (booking_get(w->db, w->arena, w->id[0], b) &&
	    b->customer_id == w->session.user_id)
		return 1;
	web_error(w, 404, "There is no such booking in your account.");
	return 0;
}

struct detail_errors {
	const char	*cancel;
	const char	*reason;
	const char	*message;
	const char	*draft;
};

static void
detail_show(struct web *w, struct booking *b, int status,
    const struct detail_errors *e)
{
	struct booking_panels	 panels;
	struct tmpl_dict	*d, *c;
	const char		*code;

	d = web_page(w, arena_printf(w->arena, "Booking #%lld", (long long)b->id),
	    "booking.tpl");
	booking_fill(w, d, b);
	if ((code = booking_start_code(w->db, w->arena, b->id)) != NULL)
		tmpl_set(tmpl_section(d, "start_code"), "code", code);
	c = NULL;
	choice_offer_fill(w, d, b);
	if (choice_rebookable(b))
		tmpl_set(tmpl_section(d, "can_rebook"), "professional",
		    b->vendor_name);
	if (booking_transition_allowed(b->status, BK_CANCELLED, ROLE_CUSTOMER)) {
		c = tmpl_section(d, "can_cancel");
		tmpl_set(c, "reason", e != NULL && e->reason ? e->reason : "");
		if (e != NULL && e->cancel != NULL)
			tmpl_set(tmpl_section(c, "reason_error"), "message",
			    e->cancel);
	}
	booking_changes_fill(w, d, c, b);	/* reschedule, the cancel's fee */
	panels = (struct booking_panels){ "/bookings/", arena_printf(w->arena,
	    "/bookings/%lld/messages", (long long)b->id), e != NULL ?
	    e->message : NULL, e != NULL ? e->draft : NULL, NULL };
	booking_panels_fill(w, d, b, &panels);
	web_csrf(w);
	web_render(w, status);
}

void
page_booking(struct web *w)
{
	struct booking	b;

	if (own_booking(w, &b))
		detail_show(w, &b, 200, NULL);
}

/*
 * POST: the customer or the vendor writes to the thread.  Others get
 * 404.  The vendor's own pages post to /vendor/bookings/{id}/messages,
 * which can re-show their form; this answers them plainly.
 */
void
page_booking_message(struct web *w)
{
	struct booking		b;
	struct form		f;
	struct detail_errors	e = { 0 };
	int			vendor;

	if (!booking_get(w->db, w->arena, w->id[0], &b) ||
	    (b.customer_id != w->session.user_id &&
	    (b.vendor_id == 0 || b.vendor_id != w->session.user_id))) {
		web_error(w, 404, "There is no such booking in your account.");
		return;
	}
	vendor = b.vendor_id == w->session.user_id;
	if (web_form_read(w, &f, body_fields, 1) || b.vendor_id == 0) {
		e.message = f.errors ? f.v[0].error :
		    "You can write once a vendor has accepted the booking.";
		e.draft = f.v[0].raw;
		if (vendor)
			booking_error(w, 422, e.message, NULL, b.id);
		else
			detail_show(w, &b, 422, &e);
		return;
	}
	message_post(w->db, w->arena, &w->actor, &b, f.v[0].text);
	web_redirect(w, arena_printf(w->arena, vendor ?
	    "/vendor/bookings/%lld#messages" : "/bookings/%lld#messages",
	    (long long)b.id));
}
