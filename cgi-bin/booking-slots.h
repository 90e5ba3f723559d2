/* booking-slots.h: the booking form's day and start-time choice (the next days as links, the free times as radio buttons), reading a chosen slot back, and the form's error summary. */
#ifndef HS_BOOKING_SLOTS_H
#define HS_BOOKING_SLOTS_H

#include <stddef.h>
#include <stdint.h>

struct form;
struct service;
struct tmpl_dict;
struct web;

/* What the form holds: kept in the day links and the "Show times" form. */
struct slot_choice {
	const struct service	*service;
	const char		*address;
	const char		*pincode;	/* "" unless a valid pincode */
	int64_t			 vendor;	/* 0: any */
	const char		*notes;
	const char		*day;		/* as sent, or "" */
	const char		*slot;		/* as sent, or "" */
	const int64_t		*instead;	/* a full slot's alternatives */
	size_t			 ninstead;
};

/* Reading a posted day and slot. */
enum slot_read {
	SLOT_NONE,		/* no slot sent: the typed date, if any */
	SLOT_OK,		/* a free start, in *when */
	SLOT_BAD,		/* not one offered: 422, *why */
	SLOT_FULL,		/* a start nobody is free for now: 409 */
};

void		slot_choice_fill(struct web *, struct tmpl_dict *,
		    const struct slot_choice *);
enum slot_read	slot_choice_read(struct web *, const struct service *,
		    const char *day, const char *slot, const char *pincode,
		    int64_t *when, const char **why);
size_t		slot_choice_instead(struct web *, const struct service *,
		    const char *pincode, int64_t wanted, int64_t **out);
void		slot_errors_fill(struct tmpl_dict *, const struct form *);

#endif
