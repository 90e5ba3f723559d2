/* setting.c: the settings table: each setting's range and meaning, a per-process copy re-read when settings_version moves, and saving a whole form's worth in one audited transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "arena.h"
#include "audit.h"
#include "clock.h"
#include "db.h"
#include "fmt.h"
#include "log.h"
#include "setting.h"

/*
 * Uploads stop at 10 MB because nginx and the request parser refuse
 * any body over 12 MiB (nginx.conf, HTTP_MAX_UPLOAD_BODY).
 */
static const struct setting_def defs[SET__MAX] = {
	[SET_COMMISSION] = { "commission_percent", "Commission", "%",
	    "The platform's share of each payment, kept when the payment is "
	    "captured.", SETTING_HUNDREDTHS, 0, 10000, 1500 },
	[SET_GST] = { "gst_percent", "GST", "%",
	    "Included in every price and shown on receipts; a booking keeps "
	    "the rate of the day it was made.", SETTING_HUNDREDTHS, 0, 4000,
	    1800 },
	[SET_SIGNATURE_WINDOW_HOURS] = { "signature_window_hours",
	    "Signature window", "hours", "How long a customer has to sign "
	    "after the vendor asks; a request keeps the window it was made "
	    "with.", SETTING_WHOLE, 1, 168, 48 },
	[SET_LEAD_HOURS] = { "lead_hours", "Booking lead time", "hours",
	    "How far ahead a visit must be booked.", SETTING_WHOLE, 0, 168, 2 },
	[SET_HORIZON_DAYS] = { "horizon_days", "Booking horizon", "days",
	    "How far ahead a visit may be booked.", SETTING_WHOLE, 1, 365, 30 },
	[SET_HOURS_START] = { "hours_start", "Visits start from", "",
	    "The earliest time a visit may start, India time.", SETTING_TIME,
	    0, 24 * 60 - 1, 8 * 60 },
	[SET_HOURS_END] = { "hours_end", "Visits end by", "",
	    "The time every visit, its whole duration included, must end by, "
	    "India time.", SETTING_TIME,
	    0, 24 * 60 - 1, 20 * 60 },
	[SET_BUFFER_MINUTES] = { "buffer_minutes", "Travel buffer", "minutes",
	    "Free time a vendor keeps between two jobs.", SETTING_WHOLE, 0, 240,
	    30 },
	[SET_START_CODE_TRIES] = { "start_code_tries", "Start-code tries", "",
	    "Wrong start codes before starting a job locks and operations are "
	    "told.", SETTING_WHOLE, 1, 20, 5 },
	[SET_PHOTO_MAX_MB] = { "photo_max_mb", "Largest job photo", "MB",
	    "At most 10.", SETTING_WHOLE, 1, 10, 5 },
	[SET_DOCUMENT_MAX_MB] = { "document_max_mb", "Largest vendor document",
	    "MB", "At most 10.", SETTING_WHOLE, 1, 10, 10 },
	[SET_STAFF_2FA_REQUIRED] = { "staff_2fa_required",
	    "Staff must use two-factor sign-in", "", "Staff who have not "
	    "enrolled are sent to enrol before anything else.", SETTING_SWITCH,
	    0, 1, 0 },
	[SET_PRICING_ENABLED] = { "pricing_enabled", "Demand pricing", "",
	    "Busy areas may cost more, up to the factor below.", SETTING_SWITCH,
	    0, 1, 0 },
	[SET_PRICING_MAX_FACTOR] = { "pricing_max_factor",
	    "Demand pricing at most", "×", "From 1.00 (never more) to 2.00.",
	    SETTING_HUNDREDTHS, 100, 200, 125 },
	[SET_RESET_PER_EMAIL_HOUR] = { "reset_requests_per_email_hour",
	    "Password resets per address", "an hour", "Reset emails one "
	    "address may ask for.", SETTING_WHOLE, 1, 100, 3 },
	[SET_RESET_PER_IP_HOUR] = { "reset_requests_per_ip_hour",
	    "Password resets per network address", "an hour", "Reset requests "
	    "from one IP address.", SETTING_WHOLE, 1, 10000, 10 },
	[SET_START_EARLY_MINUTES] = { "start_early_minutes",
	    "Jobs can start early by", "minutes", "How long before its "
	    "scheduled time a vendor may start a job.", SETTING_WHOLE, 0,
	    30 * 24 * 60, 60 },
	[SET_MAX_PENDING_PER_CUSTOMER] = { "max_pending_per_customer",
	    "Bookings waiting per customer", "", "Bookings one customer may "
	    "have waiting for a professional at once.", SETTING_WHOLE, 1,
	    10000, 5 },
	[SET_MAX_BOOKINGS_PER_DAY] = { "max_bookings_per_day",
	    "Bookings per customer a day", "", "Bookings one customer may "
	    "make in any 24 hours.", SETTING_WHOLE, 1, 100000, 20 },
	[SET_CUTOFF_HOURS] = { "cutoff_hours", "Change and cancel cut-off",
	    "hours", "Before a visit, the time after which it can no longer be "
	    "moved, and cancelling an accepted visit costs the late fee.",
	    SETTING_WHOLE, 0, 72, 3 },
	[SET_MAX_RESCHEDULES] = { "max_reschedules", "Reschedules per booking",
	    "", "How many times a customer may move one booking.",
	    SETTING_WHOLE, 0, 10, 2 },
	[SET_LATE_FEE_RUPEES] = { "late_fee_rupees", "Late-cancellation fee",
	    "rupees", "Charged for cancelling an accepted visit inside the cut-off "
	    "(the booking's price if that is lower); it goes to the vendor, "
	    "less commission.", SETTING_WHOLE, 0, 10000, 100 },
	[SET_CHOSEN_VENDOR_HOURS] = { "chosen_vendor_hours",
	    "Chosen professional's window", "hours", "A booking for a chosen "
	    "professional waits for them alone this long, then goes to every "
	    "professional.", SETTING_WHOLE, 1, 48, 2 },
	[SET_IDLE_DAYS_CUSTOMER] = { "idle_days_customer",
	    "Sign customers and vendors out after", "days idle", "A session "
	    "unused this long ends.", SETTING_WHOLE, 1, 365, 30 },
	[SET_IDLE_MINUTES_STAFF] = { "idle_minutes_staff",
	    "Sign staff out after", "minutes idle", "Operations, onboarding "
	    "and super admin sessions unused this long end.", SETTING_WHOLE,
	    5, 24 * 60, 30 },
	[SET_LOGIN_FAILURES_PER_PAIR] = { "login_failures_per_pair",
	    "Failed sign-ins per account and address", "in 15 minutes",
	    "Then that address waits before trying that account again; the "
	    "owner elsewhere is not affected.", SETTING_WHOLE, 1, 100, 5 },
	[SET_LOGIN_FAILURES_PER_ADDRESS] = { "login_failures_per_address",
	    "Failed sign-ins per network address", "in 15 minutes",
	    "Then that IP address waits, whichever accounts it tries.",
	    SETTING_WHOLE, 1, 10000, 20 },
	[SET_LOGIN_FAILURES_ACCOUNT_CEILING] = {
	    "login_failures_account_ceiling",
	    "Failed sign-ins per account before delays", "in 15 minutes",
	    "Past this, each further try at the account from an address that "
	    "already failed waits longer (up to a minute); a right password "
	    "from a clean address always gets in.", SETTING_WHOLE, 1, 10000,
	    50 },
	[SET_REGISTER_PER_IP_HOUR] = { "register_per_ip_hour",
	    "Registrations per network address", "an hour",
	    "Accounts one IP address may try to create.", SETTING_WHOLE, 1,
	    10000, 10 },
	[SET_SLOT_MINUTES] = { "slot_minutes", "Booking slot step", "minutes",
	    "The time between two start times the booking form offers, from "
	    "the hour visits start.", SETTING_WHOLE, 5, 240, 30 },
	[SET_PICTURE_MAX_MEGAPIXELS] = { "picture_max_megapixels",
	    "Largest picture", "megapixels", "Service pictures and vendors' "
	    "photos, read from the file's header before decoding (each "
	    "megapixel takes 4 MB to decode). At most 40.", SETTING_WHOLE, 1,
	    40, 24 },
};

/*
 * This process's copy, good while settings_version (moved by triggers
 * on every write, whoever writes: sql/013) is the one it was read at.
 */
static struct {
	struct db	*db;
	int64_t		 version;
	int64_t		 v[SET__MAX];
} cache;

const struct setting_def *
setting_def(enum setting_key k)
{
	return &defs[k];
}

static int64_t
version_read(struct db *db)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT n FROM settings_version WHERE id = 1");
	int64_t		 n = -1;

	if (db_step(st) == DB_ROW)
		n = db_int(st, 0);
	db_done(st);
	return n;
}

static int
key_find(const char *key)
{
	int	i;

	for (i = 0; i < SET__MAX; i++)
		if (strcmp(defs[i].key, key) == 0)
			return i;
	return -1;
}

/* A stored value that does not parse is logged and its built-in used. */
static void
cache_fill(struct db *db, struct arena *a)
{
	sqlite3_stmt	*st = db_prepare(db, "SELECT key, value FROM settings");
	const char	*why;
	int64_t		 v;
	int		 i;

	for (i = 0; i < SET__MAX; i++)
		cache.v[i] = defs[i].fallback;
	while (db_step(st) == DB_ROW) {
		if ((i = key_find(db_text_tmp(st, 0))) < 0)
			continue;
		if ((why = setting_parse(a, (enum setting_key)i,
		    db_text_tmp(st, 1), &v)) != NULL)
			log_warn("setting: %s: %s", defs[i].key, why);
		else
			cache.v[i] = v;
	}
	db_done(st);
}

/* The setting's value now, in its unit (setting.h). */
int64_t
setting(struct db *db, enum setting_key k)
{
	int64_t		 version = version_read(db);
	struct arena	*a;

	if (cache.db != db || cache.version != version) {
		a = arena_new();
		cache_fill(db, a);
		arena_free(a);
		cache.db = db;
		cache.version = version;
	}
	return cache.v[k];
}

/* The stored and shown form of a value: "15", "12.5", "1.25", "08:00", "1". */
char *
setting_text(struct arena *a, enum setting_key k, int64_t v)
{
	switch (defs[k].kind) {
	case SETTING_HUNDREDTHS:
		if (v % 100 == 0)
			return arena_printf(a, "%lld", (long long)(v / 100));
		if (v % 10 == 0)
			return arena_printf(a, "%lld.%lld", (long long)(v / 100),
			    (long long)(v % 100 / 10));
		return arena_printf(a, "%lld.%02lld", (long long)(v / 100),
		    (long long)(v % 100));
	case SETTING_TIME:
		return arena_printf(a, "%02lld:%02lld", (long long)(v / 60),
		    (long long)(v % 60));
	default:
		return arena_printf(a, "%lld", (long long)v);
	}
}

static int
parse_whole(const char *s, int64_t *v)
{
	size_t	n = strspn(s, "0123456789");

	if (n == 0 || n > 9 || s[n] != '\0')
		return -1;
	*v = strtoll(s, NULL, 10);
	return 0;
}

/* "HH:MM", 24-hour, as the time input sends it. */
static int
parse_time(const char *s, int64_t *v)
{
	if (strlen(s) != 5 || s[2] != ':' ||
	    strspn(s, "0123456789") != 2 || strspn(s + 3, "0123456789") != 2)
		return -1;
	*v = ((s[0] - '0') * 10 + (s[1] - '0')) * 60 +
	    (s[3] - '0') * 10 + (s[4] - '0');
	return (s[0] - '0') * 10 + (s[1] - '0') > 23 || s[3] > '5' ? -1 : 0;
}

/* A value as a person types it; NULL, or the sentence saying what is wrong. */
const char *
setting_parse(struct arena *a, enum setting_key k, const char *s, int64_t *v)
{
	const struct setting_def	*d = &defs[k];
	int				 bad;

	switch (d->kind) {
	case SETTING_HUNDREDTHS:
		bad = fmt_parse_money(s, v);
		break;
	case SETTING_TIME:
		bad = parse_time(s, v);
		break;
	default:
		bad = parse_whole(s, v);
		break;
	}
	if (!bad && *v >= d->min && *v <= d->max)
		return NULL;
	if (d->kind == SETTING_TIME)
		return arena_printf(a, "%s must be a time such as 08:30.",
		    d->label);
	return arena_printf(a, "%s must be a number from %s to %s%s.",
	    d->label, setting_text(a, k, d->min), setting_text(a, k, d->max),
	    d->kind == SETTING_HUNDREDTHS ? ", with two decimals at most" : "");
}

/* Rules across settings; NULL, or why and which field to mark. */
static const char *
values_check(const int64_t v[SET__MAX], enum setting_key *field)
{
	if (v[SET_HOURS_END] <= v[SET_HOURS_START]) {
		*field = SET_HOURS_END;
		return "Visits must end later in the day than they start.";
	}
	return NULL;
}

static void
value_store(struct db *db, const char *key, const char *text, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO settings (key, value, updated_at) VALUES (:k, :v, :t) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
	    "updated_at = excluded.updated_at");

	db_bind_text(st, ":k", key);
	db_bind_text(st, ":v", text);
	db_bind_int(st, ":t", now);
	if (db_step(st) != DB_DONE)
		log_fatal("setting: %s refused", key);
	db_done(st);
}

/*
 * Save every setting of the form (values in range already, from
 * setting_parse): the changed ones in one transaction with one audit
 * row holding their old and new values.  Returns NULL, or why not
 * with *field set; *changed counts what changed.
 */
const char *
settings_save(struct db *db, struct arena *a, const struct actor *who,
    const int64_t values[SET__MAX], int *changed, enum setting_key *field)
{
	json_t		*old = json_object(), *new = json_object();
	const char	*why;
	int64_t		 now = clock_now(), was;
	int		 i;

	*changed = 0;
	if ((why = values_check(values, field)) != NULL) {
		json_decref(old);
		json_decref(new);
		return why;
	}
	db_begin(db);
	for (i = 0; i < SET__MAX; i++) {
		if ((was = setting(db, (enum setting_key)i)) == values[i])
			continue;
		json_object_set_new(old, defs[i].key,
		    json_string(setting_text(a, (enum setting_key)i, was)));
		json_object_set_new(new, defs[i].key,
		    json_string(setting_text(a, (enum setting_key)i, values[i])));
		(*changed)++;
	}
	for (i = 0; i < SET__MAX; i++)
		if (json_object_get(new, defs[i].key) != NULL)
			value_store(db, defs[i].key, setting_text(a,
			    (enum setting_key)i, values[i]), now);
	if (*changed > 0)
		audit_write(db, who, "settings.changed", "settings", 0, old, new);
	else {
		json_decref(old);
		json_decref(new);
	}
	db_commit(db);
	return NULL;
}
