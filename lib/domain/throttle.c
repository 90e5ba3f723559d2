/* throttle.c: hits recorded per scope; a caller compares the count in its window with its limit. */
#include <stddef.h>

#include "db.h"
#include "throttle.h"

/* Hits for scope at or after since, and the oldest of them (0 if none). */
int64_t
throttle_count(struct db *db, const char *scope, int64_t since, int64_t *oldest)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT count(*), coalesce(min(at), 0) FROM throttle_hits "
	    "WHERE scope = :s AND at >= :since");
	int64_t		 n;

	db_bind_text(st, ":s", scope);
	db_bind_int(st, ":since", since);
	db_step(st);
	n = db_int(st, 0);
	if (oldest != NULL)
		*oldest = db_int(st, 1);
	db_done(st);
	return n;
}

/* Inside the caller's transaction. */
void
throttle_hit(struct db *db, const char *scope, int64_t now)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO throttle_hits (scope, at) VALUES (:s, :at)");

	db_bind_text(st, ":s", scope);
	db_bind_int(st, ":at", now);
	db_step(st);
	db_done(st);
}

/* Forget hits older than before; returns how many. */
int64_t
throttle_purge(struct db *db, int64_t before)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "DELETE FROM throttle_hits WHERE at < :before");

	db_bind_int(st, ":before", before);
	db_step(st);
	db_done(st);
	return db_changes(db);
}

/* Forget every hit for scope: the person proved who they are. */
void
throttle_forget(struct db *db, const char *scope)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "DELETE FROM throttle_hits WHERE scope = :s");

	db_bind_text(st, ":s", scope);
	db_step(st);
	db_done(st);
}
