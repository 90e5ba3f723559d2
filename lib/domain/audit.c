/* audit.c: write and list audit rows; the table's triggers refuse UPDATE and DELETE. */
#include <stdlib.h>

#include "arena.h"
#include "audit.h"
#include "db.h"
#include "log.h"

/* Must be called inside the transaction of the change it records. */
void
audit_write(struct db *db, const struct actor *who, const char *action,
    const char *entity, int64_t entity_id, json_t *old_values,
    json_t *new_values)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO audit_log (at, actor_id, action, entity, entity_id, "
	    "old_values, new_values, ip, user_agent) VALUES (unixepoch(), "
	    ":actor, :action, :entity, :eid, :old, :new, :ip, :ua)");
	char		*old_json = NULL, *new_json = NULL;

	if (!db_in_transaction(db))
		log_fatal("audit: %s written outside a transaction", action);
	if (old_values != NULL)
		old_json = json_dumps(old_values, JSON_COMPACT | JSON_SORT_KEYS);
	if (new_values != NULL)
		new_json = json_dumps(new_values, JSON_COMPACT | JSON_SORT_KEYS);
	if ((old_values != NULL && old_json == NULL) ||
	    (new_values != NULL && new_json == NULL))
		log_fatal("audit: cannot encode values");
	if (who->user_id > 0)
		db_bind_int(st, ":actor", who->user_id);
	db_bind_text(st, ":action", action);
	db_bind_text(st, ":entity", entity);
	if (entity_id > 0)
		db_bind_int(st, ":eid", entity_id);
	db_bind_text(st, ":old", old_json);
	db_bind_text(st, ":new", new_json);
	db_bind_text(st, ":ip", who->ip != NULL ? who->ip : "");
	db_bind_text(st, ":ua", who->user_agent != NULL ? who->user_agent : "");
	if (db_step(st) != DB_DONE)
		log_fatal("audit: insert refused");
	db_done(st);
	free(old_json);
	free(new_json);
	json_decref(old_values);
	json_decref(new_values);
}

#define AUDIT_SELECT \
	"SELECT l.id, l.at, l.actor_id, u.username, l.action, l.entity, " \
	"l.entity_id, l.old_values, l.new_values, l.ip, l.user_agent " \
	"FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id "

/* Rows of an AUDIT_SELECT statement, at most limit, into *out. */
static size_t
entries_read(sqlite3_stmt *st, struct arena *a, size_t limit,
    struct audit_entry **out)
{
	struct audit_entry	*e;
	size_t			 n = 0;

	*out = arena_alloc(a, sizeof(**out) * (limit ? limit : 1));
	while (n < limit && db_step(st) == DB_ROW) {
		e = &(*out)[n++];
		e->id = db_int(st, 0);
		e->at = db_int(st, 1);
		e->actor_id = db_int(st, 2);
		e->actor_name = db_text(st, 3, a);
		e->action = db_text(st, 4, a);
		e->entity = db_text(st, 5, a);
		e->entity_id = db_int(st, 6);
		e->old_values = db_text(st, 7, a);
		e->new_values = db_text(st, 8, a);
		e->ip = db_text(st, 9, a);
		e->user_agent = db_text(st, 10, a);
	}
	db_done(st);
	return n;
}

/*
 * Newest first, entries older than before_id (0: from the newest).
 * Returns how many were read into *out, at most limit.
 */
size_t
audit_list(struct db *db, struct arena *a, int64_t before_id, size_t limit,
    struct audit_entry **out)
{
	sqlite3_stmt	*st = db_prepare(db, AUDIT_SELECT
	    "WHERE l.id < :before ORDER BY l.id DESC LIMIT :limit");

	db_bind_int(st, ":before", before_id > 0 ? before_id : INT64_MAX);
	db_bind_int(st, ":limit", (int64_t)limit);
	return entries_read(st, a, limit, out);
}

/*
 * The newest rows about one record (an account's: entity "user"), all
 * or only those of one action (NULL: all): two statements, each walking
 * its own index newest first (audit_log_entity, audit_log_entity_action).
 */
size_t
audit_list_about(struct db *db, struct arena *a, const char *entity,
    int64_t entity_id, const char *action, size_t limit,
    struct audit_entry **out)
{
	sqlite3_stmt	*st = action == NULL ? db_prepare(db, AUDIT_SELECT
	    "WHERE l.entity = :e AND l.entity_id = :id "
	    "ORDER BY l.id DESC LIMIT :limit") : db_prepare(db, AUDIT_SELECT
	    "WHERE l.entity = :e AND l.entity_id = :id AND l.action = :action "
	    "ORDER BY l.id DESC LIMIT :limit");

	db_bind_text(st, ":e", entity);
	db_bind_int(st, ":id", entity_id);
	if (action != NULL)
		db_bind_text(st, ":action", action);
	db_bind_int(st, ":limit", (int64_t)limit);
	return entries_read(st, a, limit, out);
}
