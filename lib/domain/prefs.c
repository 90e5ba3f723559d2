/* prefs.c: notification choices (a missing row is the default) and unsubscribe tokens signed with the server secret. */
#include <stdlib.h>
#include <string.h>

#include "appkey.h"
#include "arena.h"
#include "audit.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "prefs.h"

#define TOKEN_MAC_BYTES	16	/* 128 bits of HMAC in a link */

/* What someone receives until they choose: no marketing, no report by SMS. */
static const int defaults[PREFS_CHANNELS][OUTBOX_SWITCHABLE] = {
	/* booking reminder report marketing */
	[OUTBOX_EMAIL] = { 1, 1, 1, 0 },
	[OUTBOX_SMS] = { 1, 1, 0, 0 },
};

void
prefs_defaults(struct prefs *p)
{
	memcpy(p->on, defaults, sizeof(p->on));
}

void
prefs_get(struct db *db, int64_t user, struct prefs *p)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT channel, kind, enabled FROM notification_prefs "
	    "WHERE user_id = :u");
	int		 ch, kind;

	prefs_defaults(p);
	db_bind_int(st, ":u", user);
	while (db_step(st) == DB_ROW) {
		ch = outbox_channel_parse(db_text_tmp(st, 0));
		kind = outbox_kind_parse(db_text_tmp(st, 1));
		if (ch >= 0 && ch < PREFS_CHANNELS && kind >= 0 &&
		    kind < OUTBOX_SWITCHABLE)
			p->on[ch][kind] = db_int(st, 2) != 0;
	}
	db_done(st);
}

/* Security messages reach everyone; the staff chat is no one's choice. */
int
prefs_allows(const struct prefs *p, enum outbox_channel ch,
    enum outbox_kind kind)
{
	if ((int)ch >= PREFS_CHANNELS)
		return kind == OUTBOX_ALERT;
	if (kind >= OUTBOX_SWITCHABLE)
		return kind == OUTBOX_SECURITY;
	return p->on[ch][kind];
}

static void
pref_write(struct db *db, int64_t user, int ch, int kind, int on, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO notification_prefs (user_id, channel, kind, enabled, "
	    "updated_at) VALUES (:u, :ch, :k, :on, :now) "
	    "ON CONFLICT (user_id, channel, kind) DO UPDATE SET "
	    "enabled = excluded.enabled, updated_at = excluded.updated_at");

	db_bind_int(st, ":u", user);
	db_bind_text(st, ":ch", outbox_channel_name((enum outbox_channel)ch));
	db_bind_text(st, ":k", outbox_kind_name((enum outbox_kind)kind));
	db_bind_int(st, ":on", on);
	db_bind_int(st, ":now", now);
	if (db_step(st) != DB_DONE)
		log_fatal("prefs: write refused");
	db_done(st);
}

/* {"booking": {"email": true, "sms": true}, ...} for the audit log. */
static json_t *
prefs_json(const struct prefs *p)
{
	json_t	*o = json_object(), *kind;
	int	 ch, k;

	for (k = 0; k < OUTBOX_SWITCHABLE; k++) {
		kind = json_object();
		for (ch = 0; ch < PREFS_CHANNELS; ch++)
			json_object_set_new(kind, outbox_channel_name(
			    (enum outbox_channel)ch), json_boolean(p->on[ch][k]));
		json_object_set_new(o, outbox_kind_name((enum outbox_kind)k),
		    kind);
	}
	return o;
}

/* Every switch, in one transaction with its audit row. */
void
prefs_save(struct db *db, const struct actor *who, int64_t user,
    const struct prefs *p, int64_t now)
{
	struct prefs	old;
	int		ch, k;

	db_begin(db);
	prefs_get(db, user, &old);
	for (ch = 0; ch < PREFS_CHANNELS; ch++)
		for (k = 0; k < OUTBOX_SWITCHABLE; k++)
			pref_write(db, user, ch, k, p->on[ch][k] != 0, now);
	audit_write(db, who, "prefs.update", "user", user, prefs_json(&old),
	    prefs_json(p));
	db_commit(db);
}

static void
token_mac(int64_t user, enum outbox_kind kind,
    char hex[2 * TOKEN_MAC_BYTES + 1])
{
	unsigned char	mac[CRYPTO_SHA256_LEN];
	char		msg[80];
	int		n;

	n = snprintf(msg, sizeof(msg), "unsubscribe:%lld:%s", (long long)user,
	    outbox_kind_name(kind));
	appkey_mac(msg, (size_t)n, mac);
	crypto_hex(mac, TOKEN_MAC_BYTES, hex);
}

/*
 * "<user>-<kind>-<mac>": a link that needs no sign-in and works for one
 * person and one kind.
 */
char *
prefs_unsubscribe_token(struct arena *a, int64_t user, enum outbox_kind kind)
{
	char	hex[2 * TOKEN_MAC_BYTES + 1];

	token_mac(user, kind, hex);
	return arena_printf(a, "%lld-%s-%s", (long long)user,
	    outbox_kind_name(kind), hex);
}

/* 0 with the person and kind of a genuine token, else -1. */
int
prefs_unsubscribe_parse(struct arena *a, const char *token, int64_t *user,
    enum outbox_kind *kind)
{
	char		 hex[2 * TOKEN_MAC_BYTES + 1], *end;
	const char	*dash, *mac;
	int		 k;
	long long	 id;

	if (token[0] < '1' || token[0] > '9')
		return -1;
	id = strtoll(token, &end, 10);
	if (*end != '-' || id <= 0 || (dash = strchr(end + 1, '-')) == NULL)
		return -1;
	k = outbox_kind_parse(arena_strndup(a, end + 1,
	    (size_t)(dash - end - 1)));
	mac = dash + 1;
	if (k < 0 || k >= OUTBOX_SWITCHABLE ||
	    strlen(mac) != 2 * TOKEN_MAC_BYTES)
		return -1;
	token_mac(id, (enum outbox_kind)k, hex);
	if (!crypto_streq(mac, hex))
		return -1;
	*user = id;
	*kind = (enum outbox_kind)k;
	return 0;
}

/* Emails of this kind off; 1 if that changed anything, 0 if already off. */
int
prefs_unsubscribe(struct db *db, const struct actor *who, int64_t user,
    enum outbox_kind kind, int64_t now)
{
	struct prefs	p;

	db_begin(db);
	prefs_get(db, user, &p);
	if (!p.on[OUTBOX_EMAIL][kind]) {
		db_rollback(db);
		return 0;
	}
	pref_write(db, user, OUTBOX_EMAIL, kind, 0, now);
	audit_write(db, who, "prefs.unsubscribe", "user", user,
	    json_pack("{s:s, s:b}", "kind", outbox_kind_name(kind), "email", 1),
	    json_pack("{s:s, s:b}", "kind", outbox_kind_name(kind), "email", 0));
	db_commit(db);
	return 1;
}
