/* setting.h: the platform's rules an operator changes without a release (commission, hours, limits): one table of settings with ranges, read through a per-process copy. */
#ifndef HS_SETTING_H
#define HS_SETTING_H

#include <stdint.h>

struct actor;
struct arena;
struct db;

/*
 * Every setting, by the unit its value is held in.  Percentages and
 * factors are hundredths ("12.5" is 1250, "1.25" is 125); times of day
 * are minutes after local midnight; switches are 0 or 1.
 */
enum setting_key {
	SET_COMMISSION,			/* hundredths of a percent */
	SET_GST,			/* hundredths of a percent */
	SET_SIGNATURE_WINDOW_HOURS,
	SET_LEAD_HOURS,
	SET_HORIZON_DAYS,
	SET_HOURS_START,		/* minutes after midnight */
	SET_HOURS_END,
	SET_BUFFER_MINUTES,
	SET_START_CODE_TRIES,
	SET_PHOTO_MAX_MB,		/* MiB */
	SET_DOCUMENT_MAX_MB,
	SET_STAFF_2FA_REQUIRED,
	SET_PRICING_ENABLED,
	SET_PRICING_MAX_FACTOR,		/* hundredths */
	SET_RESET_PER_EMAIL_HOUR,
	SET_RESET_PER_IP_HOUR,
	SET_START_EARLY_MINUTES,
	SET_MAX_PENDING_PER_CUSTOMER,
	SET_MAX_BOOKINGS_PER_DAY,
	SET_CUTOFF_HOURS,		/* rescheduling and free cancelling stop */
	SET_MAX_RESCHEDULES,
	SET_LATE_FEE_RUPEES,		/* whole rupees */
	SET_CHOSEN_VENDOR_HOURS,	/* a chosen vendor's window alone */
	SET_IDLE_DAYS_CUSTOMER,		/* customers' and vendors' sessions */
	SET_IDLE_MINUTES_STAFF,		/* staff and super admins' sessions */
	SET_LOGIN_FAILURES_PER_PAIR,	/* in LOGIN_WINDOW, one account from one address */
	SET_LOGIN_FAILURES_PER_ADDRESS,	/* in LOGIN_WINDOW, any accounts */
	SET_LOGIN_FAILURES_ACCOUNT_CEILING, /* in LOGIN_WINDOW: then a delay */
	SET_REGISTER_PER_IP_HOUR,
	SET_SLOT_MINUTES,		/* between the booking form's start times */
	SET_PICTURE_MAX_MEGAPIXELS,	/* services' and vendors' pictures */
	SET__MAX
};

enum setting_kind {
	SETTING_WHOLE,			/* "5" */
	SETTING_HUNDREDTHS,		/* "12.5", "1.25": two decimals at most */
	SETTING_TIME,			/* "08:00" */
	SETTING_SWITCH,			/* "1" or "0"; a checkbox */
};

struct setting_def {
	const char		*key;	/* the row's key and the form field's name */
	const char		*label;
	const char		*unit;	/* after the input: "%", "hours"; or "" */
	const char		*help;
	enum setting_kind	 kind;
	int64_t			 min, max, fallback;
};

const struct setting_def *setting_def(enum setting_key);
int64_t		 setting(struct db *, enum setting_key);
char		*setting_text(struct arena *, enum setting_key, int64_t);
const char	*setting_parse(struct arena *, enum setting_key, const char *,
		    int64_t *);
const char	*settings_save(struct db *, struct arena *,
		    const struct actor *, const int64_t values[SET__MAX],
		    int *changed, enum setting_key *field);

#endif
