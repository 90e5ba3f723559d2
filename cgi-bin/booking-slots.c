/* booking-slots.c: the booking form's day and start-time choice (the next days as links that keep the form's fields, the free times as radio buttons), reading a chosen slot back, and the form's error summary. */
#include <string.h>

#include "arena.h"
#include "booking-slots.h"
#include "booking.h"
#include "catalog.h"
#include "clock.h"
#include "fmt.h"
#include "form.h"
#include "setting.h"
#include "slots.h"
#include "web.h"

static struct slots_want
slot_want(const struct service *s, const char *pincode)
{
	return (struct slots_want){ s->category, s->duration_minutes, pincode };
}

/* "09:30": a start's time of day (India has no daylight saving). */
static const char *
slot_hhmm(struct arena *a, int64_t day_start, int64_t at)
{
	int64_t	minute = (at - day_start) / 60;

	return arena_printf(a, "%02lld:%02lld", (long long)(minute / 60),
	    (long long)(minute % 60));
}

/* "HH:MM" as minutes after midnight, or -1. */
static int
slot_minute(const char *s)
{
	int	h, m;

	if (strlen(s) != 5 || s[2] != ':' || strspn(s, "0123456789") != 2 ||
	    strspn(s + 3, "0123456789") != 2)
		return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	return h < 24 && m < 60 ? h * 60 + m : -1;
}

/* Which of the offered days "YYYY-MM-DD" names, or -1. */
static int
slot_day_index(const int64_t *days, size_t n, const char *text)
{
	char	iso[FMT_DAY_MAX];
	size_t	i;

	for (i = 0; text != NULL && i < n; i++)
		if (strcmp(fmt_day_iso(iso, days[i]), text) == 0)
			return (int)i;
	return -1;
}

/* The first day on which a visit can still start after the lead time. */
static int
slot_day_default(struct web *w, const struct service *s, const int64_t *days,
    size_t n, int64_t now)
{
	int64_t	earliest = now + setting(w->db, SET_LEAD_HOURS) * 3600;
	int64_t	last = setting(w->db, SET_HOURS_END) - s->duration_minutes;
	size_t	i;

	for (i = 0; i < n; i++)
		if (days[i] + last * 60 >= earliest)
			return (int)i;
	return 0;
}

/* "Today, Tue 1 Dec": a day's name on its link. */
static const char *
slot_day_label(struct arena *a, const int64_t *days, size_t i)
{
	static const char *const near[] = { "Today", "Tomorrow" };
	const char		*day = fmt_weekday_day(a, days[i] + 43200);

	return i < 2 ? arena_printf(a, "%s, %s", near[i], day) : day;
}

/* The form at a day (and slot): the fields it holds in the query. */
static const char *
slot_href(struct web *w, const struct slot_choice *c, const char *day,
    const char *slot)
{
	struct arena	*a = w->arena;
	const char	*q = arena_printf(a, "/bookings/new?service_id=%lld"
			    "&day=%s", (long long)c->service->id, day);

	if (c->pincode[0] != '\0')
		q = arena_printf(a, "%s&pincode=%s", q, c->pincode);
	if (c->address[0] != '\0')
		q = arena_printf(a, "%s&address=%s", q,
		    http_urlencode(a, c->address));
	if (c->vendor != 0)
		q = arena_printf(a, "%s&vendor_id=%lld", q,
		    (long long)c->vendor);
	if (c->notes[0] != '\0')
		q = arena_printf(a, "%s&notes=%s", q,
		    http_urlencode(a, c->notes));
	if (slot != NULL)
		q = arena_printf(a, "%s&slot=%s", q, slot);
	return q;
}

/* The free times of the day as radio buttons, the one sent checked. */
static void
slot_times_fill(struct web *w, struct tmpl_dict *t, const struct slot_choice *c,
    int64_t day)
{
	struct slots_want	 want = slot_want(c->service, c->pincode);
	struct tmpl_dict	*row;
	int64_t			*starts;
	const char		*hhmm;
	size_t			 n, i;

	n = slots_for_day(w->db, w->arena, &want, day, clock_now(), &starts);
	if (n == 0) {
		tmpl_show(t, "no_times");
		return;
	}
	t = tmpl_section(t, "times");
	for (i = 0; i < n; i++) {
		hhmm = slot_hhmm(w->arena, day, starts[i]);
		row = tmpl_section(t, "slot_option");
		tmpl_set(row, "value", hhmm);
		tmpl_set(row, "id", arena_printf(w->arena, "%.2s%.2s", hhmm,
		    hhmm + 3));
		if (strcmp(hhmm, c->slot) == 0)
			tmpl_show(row, "checked");
	}
}

/* A full slot's alternatives: links to the form with each chosen. */
static void
slot_instead_fill(struct web *w, struct tmpl_dict *t,
    const struct slot_choice *c)
{
	struct tmpl_dict	*row;
	char			 iso[FMT_DAY_MAX];
	int64_t			 day_start, day_end;
	size_t			 i;

	if (c->ninstead == 0)
		return;
	t = tmpl_section(t, "instead");
	for (i = 0; i < c->ninstead; i++) {
		fmt_day_iso(iso, c->instead[i]);
		if (fmt_parse_day(iso, &day_start, &day_end) != 0)
			continue;
		row = tmpl_section(t, "option");
		tmpl_set(row, "label", arena_printf(w->arena, "%s at %s",
		    fmt_weekday_day(w->arena, c->instead[i]),
		    slot_hhmm(w->arena, day_start, c->instead[i])));
		tmpl_set(row, "href", slot_href(w, c, arena_printf(w->arena,
		    "%s", iso), slot_hhmm(w->arena, day_start, c->instead[i])));
	}
}

/*
 * The "When" part of the booking form: the next SLOTS_DAYS days as
 * links (the chosen one current), then that day's free times for the
 * pincode, or, without a pincode, a "Show times" form asking for it.
 * One indexed query (slots.c).
 */
void
slot_choice_fill(struct web *w, struct tmpl_dict *d, const struct slot_choice *c)
{
	struct tmpl_dict	*t = tmpl_section(d, "when"), *row;
	int64_t			 days[SLOTS_DAYS], now = clock_now();
	size_t			 n = slots_days(now, days), i;
	char			 iso[FMT_DAY_MAX];
	int			 chosen;

	if (n == 0)
		return;
	if ((chosen = slot_day_index(days, n, c->day)) < 0)
		chosen = slot_day_default(w, c->service, days, n, now);
	tmpl_set(t, "day", fmt_day_iso(iso, days[chosen]));
	tmpl_set(t, "day_label", slot_day_label(w->arena, days, chosen));
	for (i = 0; i < n; i++) {
		row = tmpl_section(t, "day_choice");
		tmpl_set(row, "label", slot_day_label(w->arena, days, i));
		tmpl_set(row, "href", slot_href(w, c, arena_printf(w->arena,
		    "%s", fmt_day_iso(iso, days[i])), NULL));
		if ((int)i == chosen)
			tmpl_show(row, "current");
	}
	slot_instead_fill(w, t, c);
	if (c->pincode[0] != '\0') {
		slot_times_fill(w, t, c, days[chosen]);
		return;
	}
	tmpl_show(t, "need_pincode");
	row = tmpl_section(d, "times_form");
	tmpl_set_int(row, "service_id", c->service->id);
	tmpl_set(row, "day", fmt_day_iso(iso, days[chosen]));
	tmpl_set(row, "address", c->address);
	tmpl_set(row, "notes", c->notes);
	if (c->vendor != 0)
		tmpl_set_int(tmpl_section(row, "vendor"), "id", c->vendor);
}

/*
 * A posted day and slot: SLOT_NONE when no slot was sent, SLOT_OK with
 * *when for a start offered now, SLOT_BAD with *why for a day not
 * offered, a time not on the day's steps or outside the booking rules
 * (booking_check_visit), SLOT_FULL when no vendor is free at it in the
 * pincode (pass "" for a pincode that is wrong or has nobody: its own
 * message says so).
 */
enum slot_read
slot_choice_read(struct web *w, const struct service *s, const char *day,
    const char *slot, const char *pincode, int64_t *when, const char **why)
{
	struct slots_want	 want = slot_want(s, pincode);
	int64_t			 days[SLOTS_DAYS], now = clock_now(), *starts;
	size_t			 n = slots_days(now, days), i;
	int			 d, minute;

	if (slot[0] == '\0')
		return SLOT_NONE;
	if ((d = slot_day_index(days, n, day)) < 0) {
		*why = arena_printf(w->arena, "Choose one of the next %d days.",
		    SLOTS_DAYS);
		return SLOT_BAD;
	}
	if ((minute = slot_minute(slot)) < 0 || !slots_on_grid(w->db, days[d],
	    *when = days[d] + minute * 60)) {
		*why = "Choose one of the times offered.";
		return SLOT_BAD;
	}
	if (booking_check_visit(w->db, w->arena, *when, s->duration_minutes,
	    now, why) != BOOKING_OK)
		return SLOT_BAD;
	if (pincode[0] == '\0')
		return SLOT_OK;
	n = slots_for_day(w->db, w->arena, &want, days[d], now, &starts);
	for (i = 0; i < n; i++)
		if (starts[i] == *when)
			return SLOT_OK;
	*why = arena_printf(w->arena, "No professional is free at %s on %s any "
	    "more: choose another time.", slot, fmt_weekday_day(w->arena,
	    *when));
	return SLOT_FULL;
}

/* A full slot's nearest free ones (slots.c), at most SLOTS_NEAREST. */
size_t
slot_choice_instead(struct web *w, const struct service *s,
    const char *pincode, int64_t wanted, int64_t **out)
{
	struct slots_want	want = slot_want(s, pincode);

	*out = arena_alloc(w->arena, sizeof(**out) * SLOTS_NEAREST);
	return slots_nearest(w->db, w->arena, &want, wanted, clock_now(), *out,
	    SLOTS_NEAREST);
}

/*
 * The summary at the top of the form: every problem, each a link to
 * its field (the element whose id is the field's name).
 */
void
slot_errors_fill(struct tmpl_dict *d, const struct form *f)
{
	struct tmpl_dict	*row;
	size_t			 i;

	if (f->errors == 0)
		return;
	d = tmpl_section(d, "error_summary");
	tmpl_set_int(d, "count", f->errors);
	for (i = 0; i < f->n; i++) {
		if (f->v[i].error == NULL)
			continue;
		row = tmpl_section(d, "error_link");
		tmpl_set(row, "field", f->fields[i].name);
		tmpl_set(row, "message", form_displayable(f->arena,
		    f->v[i].error));
	}
}
