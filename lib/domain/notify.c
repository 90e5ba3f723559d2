/* notify.c: write, count and list a user's notifications. */
#include "arena.h"
#include "audit.h"
#include "db.h"
#include "log.h"
#include "notify.h"

/* Inside the transaction of the change it tells about. */
void
notify_add(struct db *db, int64_t user, int64_t booking, const char *text)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO notifications (user_id, booking_id, text, created_at) "
	    "VALUES (:u, :b, :t, unixepoch())");

	if (user <= 0)
		return;
	db_bind_int(st, ":u", user);
	if (booking > 0)
		db_bind_int(st, ":b", booking);
	db_bind_text(st, ":t", text);
	if (db_step(st) != DB_DONE)
		log_fatal("notify: insert refused");
	db_done(st);
}

int64_t
notify_unread(struct db *db, int64_t user)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT count(*) FROM notifications WHERE user_id = :u "
	    "AND read_at IS NULL");
	int64_t		 n;

	db_bind_int(st, ":u", user);
	db_step(st);
	n = db_int(st, 0);
	db_done(st);
	return n;
}

/* The newest first. */
size_t
notify_list(struct db *db, struct arena *a, int64_t user, size_t limit,
    struct notification **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT id, coalesce(booking_id, 0), text, created_at, "
	    "read_at IS NULL FROM notifications WHERE user_id = :u "
	    "ORDER BY id DESC LIMIT :n");
	size_t		 n = 0;

	*out = arena_alloc(a, sizeof(**out) * (limit ? limit : 1));
	db_bind_int(st, ":u", user);
	db_bind_int(st, ":n", (int64_t)limit);
	while (n < limit && db_step(st) == DB_ROW) {
		(*out)[n].id = db_int(st, 0);
		(*out)[n].booking_id = db_int(st, 1);
		(*out)[n].text = db_text(st, 2, a);
		(*out)[n].created_at = db_int(st, 3);
		(*out)[n].unread = (int)db_int(st, 4);
		n++;
	}
	db_done(st);
	return n;
}

/* Mark all of the actor's notifications read; audited like any change. */
void
notify_mark_read(struct db *db, const struct actor *who)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "UPDATE notifications SET read_at = unixepoch() "
	    "WHERE user_id = :u AND read_at IS NULL");
	int		 n;

	db_begin(db);
	db_bind_int(st, ":u", who->user_id);
	db_step(st);
	db_done(st);
	n = db_changes(db);
	audit_write(db, who, "notifications.read", "user", who->user_id, NULL,
	    json_pack("{s:i}", "count", n));
	db_commit(db);
}
