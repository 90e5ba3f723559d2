/* ops_booking.h: what operations managers do with one booking beyond the state machine's own moves: cancel it and refund what was paid, send it back to the board with its vendor told, keep staff notes on it. */
#ifndef HS_OPS_BOOKING_H
#define HS_OPS_BOOKING_H

#include <stddef.h>
#include <stdint.h>

#include "booking.h"

struct actor;
struct arena;
struct db;

#define OPS_NOTE_MAX		2000	/* characters */
#define OPS_NOTES_SHOWN		100

/* What became of a cancelled booking's money. */
enum ops_refund {
	OPS_REFUND_NONE,	/* nothing was captured */
	OPS_REFUND_DONE,	/* the rest of the capture is refunded */
	OPS_REFUND_FAILED,	/* the gateway refused or was away: *why */
};

/* A staff note: only staff pages show it. */
struct ops_note {
	int64_t		 id;
	const char	*author_name;
	const char	*body;
	int64_t		 created_at;
};

enum booking_result ops_booking_cancel(struct db *, struct arena *,
		    const struct actor *, int64_t id, const char *reason,
		    enum ops_refund *, const char **why);
enum booking_result ops_booking_release(struct db *, struct arena *,
		    const struct actor *, int64_t id, const char *reason);
enum booking_result ops_booking_note(struct db *, struct arena *,
		    const struct actor *, int64_t id, const char *body);
size_t		 ops_booking_notes(struct db *, struct arena *, int64_t id,
		    size_t limit, struct ops_note **);
int		 ops_booking_refundable(struct db *, struct arena *, int64_t id,
		    int64_t *paise);

#endif
