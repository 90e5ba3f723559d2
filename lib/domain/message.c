/* message.c: post to and read a booking's thread: its two parties, and staff as HomeServe support. */
#include "arena.h"
#include "audit.h"
#include "booking.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "message.h"
#include "notify.h"

/*
 * Post as the booking's customer or vendor (checked here too), telling
 * the other party.  Returns 0, or -1 if the actor is neither.
 */
int
message_post(struct db *db, struct arena *a, const struct actor *who,
    const struct booking *b, const char *body)
{
	sqlite3_stmt	*st;
	int64_t		 other;

	if (who->user_id == b->customer_id)
		other = b->vendor_id;
	else if (who->user_id == b->vendor_id && b->vendor_id != 0)
		other = b->customer_id;
	else
		return -1;
	db_begin(db);
	st = db_prepare(db, "INSERT INTO messages (booking_id, sender_id, body, "
	    "created_at) VALUES (:b, :s, :body, unixepoch())");
	db_bind_int(st, ":b", b->id);
	db_bind_int(st, ":s", who->user_id);
	db_bind_text(st, ":body", body);
	if (db_step(st) != DB_DONE)
		log_fatal("message: insert refused");
	db_done(st);
	audit_write(db, who, "message.post", "booking", b->id, NULL,
	    json_pack("{s:I}", "message_id", (json_int_t)db_last_id(db)));
	notify_add(db, a, other, b->id, arena_printf(a, "New message about "
	    "booking #%lld (%s).", (long long)b->id, b->service_name));
	db_commit(db);
	return 0;
}

/*
 * Post as HomeServe support (the caller is staff: its route says so),
 * telling the customer and the vendor, if there is one yet.  The
 * message keeps its author, whom only staff pages name.
 */
void
message_post_support(struct db *db, struct arena *a, const struct actor *who,
    const struct booking *b, const char *body)
{
	sqlite3_stmt	*st;
	const char	*text;

	db_begin(db);
	st = db_prepare(db, "INSERT INTO messages (booking_id, sender_id, body, "
	    "created_at, from_support) VALUES (:b, :s, :body, :at, 1)");
	db_bind_int(st, ":b", b->id);
	db_bind_int(st, ":s", who->user_id);
	db_bind_text(st, ":body", body);
	db_bind_int(st, ":at", clock_now());
	if (db_step(st) != DB_DONE)
		log_fatal("message: insert refused");
	db_done(st);
	audit_write(db, who, "message.support", "booking", b->id, NULL,
	    json_pack("{s:I}", "message_id", (json_int_t)db_last_id(db)));
	text = arena_printf(a, "HomeServe support wrote about booking #%lld "
	    "(%s).", (long long)b->id, b->service_name);
	notify_add(db, a, b->customer_id, b->id, text);
	notify_add(db, a, b->vendor_id, b->id, text);
	db_commit(db);
}

/* Oldest first, as a conversation reads. */
size_t
message_list(struct db *db, struct arena *a, int64_t booking,
    struct message **out)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT m.id, m.sender_id, " ACCOUNT_SHOWN_NAME("u") ", m.body, m.created_at, "
	    "m.from_support "
	    "FROM messages m JOIN users u ON u.id = m.sender_id "
	    "WHERE m.booking_id = :b ORDER BY m.id LIMIT :n");
	size_t		 n = 0;

	*out = arena_alloc(a, sizeof(**out) * MESSAGE_PAGE);
	db_bind_int(st, ":b", booking);
	db_bind_int(st, ":n", MESSAGE_PAGE);
	while (db_step(st) == DB_ROW) {
		(*out)[n].id = db_int(st, 0);
		(*out)[n].sender_id = db_int(st, 1);
		(*out)[n].sender_name = db_text(st, 2, a);
		(*out)[n].body = db_text(st, 3, a);
		(*out)[n].created_at = db_int(st, 4);
		(*out)[n].from_support = (int)db_int(st, 5);
		n++;
	}
	db_done(st);
	return n;
}
