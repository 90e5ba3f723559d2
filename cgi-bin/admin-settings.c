/* admin-settings.c: /admin/settings: the platform's rules in one form, each checked against its range, saved together with one audit row. */
#include <string.h>

#include "admin-area.h"
#include "arena.h"
#include "setting.h"
#include "web.h"

/* The form's sections and what each holds, in the order shown. */
static const struct {
	const char		*legend;
	enum setting_key	 keys[8];
	size_t			 n;
} groups[] = {
	{ "Money", { SET_COMMISSION, SET_GST }, 2 },
	{ "Bookings", { SET_LEAD_HOURS, SET_HORIZON_DAYS, SET_HOURS_START,
	    SET_HOURS_END, SET_BUFFER_MINUTES, SET_START_CODE_TRIES,
	    SET_SIGNATURE_WINDOW_HOURS, SET_SLOT_MINUTES }, 8 },
	{ "Uploads", { SET_PHOTO_MAX_MB, SET_DOCUMENT_MAX_MB,
	    SET_PICTURE_MAX_MEGAPIXELS }, 3 },
	{ "Demand pricing", { SET_PRICING_ENABLED, SET_PRICING_MAX_FACTOR }, 2 },
	{ "Security", { SET_STAFF_2FA_REQUIRED, SET_RESET_PER_EMAIL_HOUR,
	    SET_RESET_PER_IP_HOUR }, 3 },
	{ "Booking limits", { SET_START_EARLY_MINUTES,
	    SET_MAX_PENDING_PER_CUSTOMER, SET_MAX_BOOKINGS_PER_DAY }, 3 },
	{ "Changes and cancellations", { SET_CUTOFF_HOURS, SET_MAX_RESCHEDULES,
	    SET_LATE_FEE_RUPEES }, 3 },
	{ "Choosing a professional", { SET_CHOSEN_VENDOR_HOURS }, 1 },
	{ "Sessions", { SET_IDLE_DAYS_CUSTOMER, SET_IDLE_MINUTES_STAFF }, 2 },
	{ "Sign-in and registration", { SET_LOGIN_FAILURES_PER_PAIR,
	    SET_LOGIN_FAILURES_PER_ADDRESS, SET_LOGIN_FAILURES_ACCOUNT_CEILING,
	    SET_REGISTER_PER_IP_HOUR }, 4 },
};

/* The phone keyboard each kind of value wants. */
static const char *const inputmodes[] = {
	[SETTING_WHOLE] = "numeric",
	[SETTING_HUNDREDTHS] = "decimal",
	[SETTING_TIME] = "numeric",
	[SETTING_SWITCH] = "",
};

/* One field per setting, built from the settings' own table. */
static void
fields_make(struct form_field fields[SET__MAX])
{
	const struct setting_def	*d;
	int				 i;

	for (i = 0; i < SET__MAX; i++) {
		d = setting_def((enum setting_key)i);
		fields[i] = d->kind == SETTING_SWITCH ?
		    (struct form_field){ d->key, d->label, FORM_CHECKBOX, 0, 0,
		    0 } :
		    (struct form_field){ d->key, d->label, FORM_TEXT,
		    FORM_REQUIRED, 1, 10 };
	}
}

static void
field_fill(struct web *w, struct tmpl_dict *row, const struct form *f,
    enum setting_key k)
{
	const struct setting_def	*d = setting_def(k);
	const char			*value;
	int64_t				 v;

	tmpl_set(row, "key", d->key);
	tmpl_set(row, "label", d->label);
	tmpl_set(row, "help", d->help);
	if (d->unit[0] != '\0')
		tmpl_set(tmpl_section(row, "unit"), "text", d->unit);
	if (f != NULL && f->v[k].error != NULL)
		tmpl_set(tmpl_section(row, "error"), "message", f->v[k].error);
	if (d->kind == SETTING_SWITCH) {
		row = tmpl_section(row, "switch");
		tmpl_set(row, "key", d->key);
		tmpl_set(row, "label", d->label);
		if (f != NULL ? f->v[k].num : setting(w->db, k))
			tmpl_show(row, "checked");
		return;
	}
	/* What is shown back must itself be valid, printable text. */
	value = f != NULL ? form_displayable(w->arena, f->v[k].raw) :
	    setting_text(w->arena, k, setting(w->db, k));
	/* A time picker may only hold a well-formed time. */
	row = tmpl_section(row, d->kind == SETTING_TIME &&
	    setting_parse(w->arena, k, value, &v) == NULL ? "time" : "text");
	tmpl_set(row, "key", d->key);
	tmpl_set(row, "value", value);
	tmpl_set(row, "inputmode", inputmodes[d->kind]);
	if (f != NULL && f->v[k].error != NULL)
		tmpl_show(row, "invalid");
}

/* The form, from the settings in force, or as posted with its errors. */
static void
settings_show(struct web *w, const struct form *f, int status)
{
	struct tmpl_dict	*d, *g;
	size_t			 i, j;

	d = web_page(w, "Settings", "admin_settings.tpl");
	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		g = tmpl_section(d, "group");
		tmpl_set(g, "legend", groups[i].legend);
		for (j = 0; j < groups[i].n; j++)
			field_fill(w, tmpl_section(g, "setting"), f,
			    groups[i].keys[j]);
	}
	if (f != NULL && f->errors)
		tmpl_set_int(tmpl_section(d, "form_errors"), "count",
		    f->errors);
	web_csrf(w);
	web_render(w, status);
}

/*
 * GET: the settings in force.  POST: each value checked against its
 * range (422 with the form as typed and each error beside its field),
 * then the changed ones saved in one transaction with one audit row;
 * 303 back with a notice.  Every worker reads them at its next use.
 */
void
page_admin_settings(struct web *w)
{
	struct form_field	 fields[SET__MAX];
	struct form		 f;
	enum setting_key	 bad;
	int64_t			 values[SET__MAX];
	const char		*why;
	int			 i, changed;

	if (w->req.method != HTTP_POST) {
		settings_show(w, NULL, 200);
		return;
	}
	fields_make(fields);
	web_form_read(w, &f, fields, SET__MAX);
	for (i = 0; i < SET__MAX; i++) {
		if (fields[i].type == FORM_CHECKBOX)
			values[i] = f.v[i].num != 0;
		else if (f.v[i].error == NULL && (why = setting_parse(w->arena,
		    (enum setting_key)i, f.v[i].text, &values[i])) != NULL)
			form_error(&f, (size_t)i, why);
	}
	if (!f.errors && (why = settings_save(w->db, w->arena, &w->actor,
	    values, &changed, &bad)) != NULL)
		form_error(&f, bad, why);
	if (f.errors) {
		settings_show(w, &f, 422);
		return;
	}
	web_redirect(w, changed ? "/admin/settings?notice=settings-saved" :
	    "/admin/settings?notice=settings-unchanged");
}
