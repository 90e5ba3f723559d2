/* prefs.h: what each person chooses to receive, per channel and kind, and the signed links that switch a kind off from an email. */
#ifndef HS_PREFS_H
#define HS_PREFS_H

#include <stdint.h>

#include "outbox.h"

struct actor;
struct arena;
struct db;

/* People choose for email and SMS (the first two channels). */
#define PREFS_CHANNELS	2

struct prefs {
	int	on[PREFS_CHANNELS][OUTBOX_SWITCHABLE];
};

void	 prefs_defaults(struct prefs *);
void	 prefs_get(struct db *, int64_t user, struct prefs *);
int	 prefs_allows(const struct prefs *, enum outbox_channel,
	    enum outbox_kind);
void	 prefs_save(struct db *, const struct actor *, int64_t user,
	    const struct prefs *, int64_t now);

char	*prefs_unsubscribe_token(struct arena *, int64_t user,
	    enum outbox_kind);
int	 prefs_unsubscribe_parse(struct arena *, const char *token,
	    int64_t *user, enum outbox_kind *);
int	 prefs_unsubscribe(struct db *, const struct actor *, int64_t user,
	    enum outbox_kind, int64_t now);

#endif
