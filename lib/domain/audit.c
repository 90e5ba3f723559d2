/* audit.c: write, list and verify audit rows: each row carries the SHA-256 of the previous row's hash and its own content, so an edit, a deletion or an insertion breaks the chain at that row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "buf.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "log.h"

/* The "previous hash" of the first row. */
static const char	genesis[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

/*
 * A row's content as hashed: its fields in column order, each as a
 * netstring ("<bytes>:<value>,"), NULL as the empty one.  No field is
 * ever the empty string where it could also be NULL, so every row has
 * one reading; an auditor can recompute it in a few lines of any
 * language (README, "The audit chain").
 */
struct audit_row {
	int64_t		 id, at, actor_id, entity_id;	/* 0: NULL */
	const char	*action, *entity, *old_values, *new_values, *ip, *ua;
};

static void
netstring(struct buf *b, const char *s)
{
	size_t	n = s != NULL ? strlen(s) : 0;

	buf_putu(b, n);
	buf_putc(b, ':');
	buf_append(b, s != NULL ? s : "", n);
	buf_putc(b, ',');
}

static void
netnumber(struct buf *b, int64_t v, int null_if_zero)
{
	char	num[24];

	snprintf(num, sizeof(num), "%lld", (long long)v);
	netstring(b, null_if_zero && v == 0 ? NULL : num);
}

/* SHA-256, in hex, of the previous hash and the row's content. */
static void
row_hash(const char *prev, const struct audit_row *r, char out[65])
{
	struct buf	b = { 0 };
	unsigned char	md[CRYPTO_SHA256_LEN];

	buf_puts(&b, prev);
	netnumber(&b, r->id, 0);
	netnumber(&b, r->at, 0);
	netnumber(&b, r->actor_id, 1);
	netstring(&b, r->action);
	netstring(&b, r->entity);
	netnumber(&b, r->entity_id, 1);
	netstring(&b, r->old_values);
	netstring(&b, r->new_values);
	netstring(&b, r->ip);
	netstring(&b, r->ua);
	crypto_sha256(b.data, b.len, md);
	crypto_hex(md, sizeof(md), out);
	buf_free(&b);
}

/* The last row's id and hash; genesis for an empty log. */
static void
chain_head(struct db *db, int64_t *id, char prev[65])
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");

	*id = 0;
	memcpy(prev, genesis, sizeof(genesis));
	if (db_step(st) == DB_ROW) {
		*id = db_int(st, 0);
		if (strlen(db_text_tmp(st, 1)) == 64)
			memcpy(prev, db_text_tmp(st, 1), 65);
	}
	db_done(st);
}

static char *
json_text(json_t *v)
{
	char	*s;

	if (v == NULL)
		return NULL;
	if ((s = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS)) == NULL)
		log_fatal("audit: cannot encode values");
	return s;
}

/*
 * Must be called inside the transaction of the change it records: the
 * write lock it holds keeps the chain's head still until the commit.
 */
void
audit_write(struct db *db, const struct actor *who, const char *action,
    const char *entity, int64_t entity_id, json_t *old_values,
    json_t *new_values)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "INSERT INTO audit_log (id, at, actor_id, action, entity, "
	    "entity_id, old_values, new_values, ip, user_agent, hash) VALUES "
	    "(:id, :at, :actor, :action, :entity, :eid, :old, :new, :ip, :ua, "
	    ":hash)");
	struct audit_row r;
	char		 prev[65], hash[65];

	if (!db_in_transaction(db))
		log_fatal("audit: %s written outside a transaction", action);
	chain_head(db, &r.id, prev);
	r = (struct audit_row){ r.id + 1, clock_now(),
	    who->user_id > 0 ? who->user_id : 0, entity_id > 0 ? entity_id : 0,
	    action, entity, json_text(old_values), json_text(new_values),
	    who->ip != NULL ? who->ip : "",
	    who->user_agent != NULL ? who->user_agent : "" };
	row_hash(prev, &r, hash);
	db_bind_int(st, ":id", r.id);
	db_bind_int(st, ":at", r.at);
	if (r.actor_id > 0)
		db_bind_int(st, ":actor", r.actor_id);
	db_bind_text(st, ":action", r.action);
	db_bind_text(st, ":entity", r.entity);
	if (r.entity_id > 0)
		db_bind_int(st, ":eid", r.entity_id);
	db_bind_text(st, ":old", r.old_values);
	db_bind_text(st, ":new", r.new_values);
	db_bind_text(st, ":ip", r.ip);
	db_bind_text(st, ":ua", r.ua);
	db_bind_text(st, ":hash", hash);
	/* Bound as copies: freed before the step, which a full disk leaves
	 * by longjmp (log_disk_full), so that nothing of the row leaks. */
	free((char *)r.old_values);
	free((char *)r.new_values);
	json_decref(old_values);
	json_decref(new_values);
	if (db_step(st) != DB_DONE)
		log_fatal("audit: insert refused");
	db_done(st);
}

#define ROW_COLUMNS \
	"l.id, l.at, coalesce(l.actor_id, 0), l.action, l.entity, " \
	"coalesce(l.entity_id, 0), l.old_values, l.new_values, l.ip, " \
	"l.user_agent, l.hash "

/* Columns ROW_COLUMNS into r; the strings live until the next step. */
static void
row_read(sqlite3_stmt *st, struct audit_row *r)
{
	r->id = db_int(st, 0);
	r->at = db_int(st, 1);
	r->actor_id = db_int(st, 2);
	r->action = db_text_tmp(st, 3);
	r->entity = db_text_tmp(st, 4);
	r->entity_id = db_int(st, 5);
	r->old_values = sqlite3_column_type(st, 6) == SQLITE_NULL ? NULL :
	    db_text_tmp(st, 6);
	r->new_values = sqlite3_column_type(st, 7) == SQLITE_NULL ? NULL :
	    db_text_tmp(st, 7);
	r->ip = db_text_tmp(st, 8);
	r->ua = db_text_tmp(st, 9);
}

/* The hash of the row before id, or genesis. */
static void
hash_before(struct db *db, int64_t id, char prev[65])
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT hash FROM audit_log WHERE id < :id ORDER BY id DESC LIMIT 1");

	memcpy(prev, genesis, sizeof(genesis));
	db_bind_int(st, ":id", id);
	if (db_step(st) == DB_ROW && strlen(db_text_tmp(st, 0)) == 64)
		memcpy(prev, db_text_tmp(st, 0), 65);
	db_done(st);
}

/*
 * The first row after *after without a hash, hashed after its
 * predecessor; 0 if none.  The cursor keeps the whole fill one pass
 * over the log, not one pass per row.
 */
static int
chain_next(struct db *db, int64_t *after)
{
	sqlite3_stmt	*st = db_prepare(db, "SELECT " ROW_COLUMNS
	    "FROM audit_log l WHERE l.id > :after AND l.hash IS NULL "
	    "ORDER BY l.id LIMIT 1");
	sqlite3_stmt	*up;
	struct audit_row r;
	char		 prev[65], hash[65];

	db_bind_int(st, ":after", *after);
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return 0;
	}
	row_read(st, &r);
	*after = r.id;
	hash_before(db, r.id, prev);
	row_hash(prev, &r, hash);
	db_done(st);
	up = db_prepare(db, "UPDATE audit_log SET hash = :h WHERE id = :id");
	db_bind_text(up, ":h", hash);
	db_bind_int(up, ":id", r.id);
	if (db_step(up) != DB_DONE)
		log_fatal("audit: cannot chain row %lld", (long long)r.id);
	db_done(up);
	return 1;
}

/*
 * Chain the rows that have no hash yet, oldest first: those written
 * before the chain existed (homeserve-ctl migrate runs this after
 * sql/014, in one transaction).  Returns how many were chained.
 */
int64_t
audit_chain_fill(struct db *db)
{
	int64_t	n = 0, after = 0;

	db_begin(db);
	while (chain_next(db, &after))
		n++;
	db_commit(db);
	return n;
}

/*
 * Read the whole log in order, recomputing each row's hash from the
 * previous row's stored hash: the first row whose stored hash differs
 * breaks the chain (its content was edited, or the row before it was
 * deleted or inserted).  One statement reads one snapshot of the log
 * (WAL), and takes no write lock: writers go on meanwhile.
 */
void
audit_verify(struct db *db, struct audit_check *c)
{
	sqlite3_stmt	*st;
	struct audit_row r;
	char		 prev[65], hash[65];
	const char	*stored;

	memset(c, 0, sizeof(*c));
	memcpy(prev, genesis, sizeof(genesis));
	st = db_prepare(db, "SELECT " ROW_COLUMNS "FROM audit_log l "
	    "ORDER BY l.id");
	while (db_step(st) == DB_ROW) {
		c->rows++;
		row_read(st, &r);
		stored = db_text_tmp(st, 10);
		row_hash(prev, &r, hash);
		if (strcmp(hash, stored) != 0) {
			c->broken_id = r.id;
			c->why = stored[0] == '\0' ? "it has no hash: it was "
			    "written outside HomeServe" : "its hash does not match "
			    "its content and the row before it: this row was "
			    "changed, or a row before it was removed or added";
			break;
		}
		memcpy(prev, hash, sizeof(hash));
	}
	db_done(st);
	memcpy(c->head, prev, sizeof(prev));
}

/*
 * The filter's statement: one literal per index that can lead it (the
 * actor, a record, the action, the day, or the id order alone), each
 * applying the other filters as it goes.  A single statement with "x
 * IS NULL OR" for every filter would have the planner scan the whole
 * log; "+l.at" keeps the day's index out of the others' way.
 */
#define LIST_SELECT "SELECT " ROW_COLUMNS ", u.username FROM audit_log l " \
	"LEFT JOIN users u ON u.id = l.actor_id WHERE "
#define LIST_OTHERS \
	"(:actor = 0 OR l.actor_id = :actor) " \
	"AND (:action = '' OR l.action = :action) " \
	"AND (:entity = '' OR +l.entity = :entity) " \
	"AND (:eid = 0 OR +l.entity_id = :eid) "
#define LIST_BY_ID \
	"AND +l.at >= :from AND +l.at < :to " \
	"ORDER BY l.id DESC LIMIT :n OFFSET :off"

static sqlite3_stmt *
list_statement(struct db *db, const struct audit_filter *f)
{
	if (f->actor_id != 0)
		return db_prepare(db, LIST_SELECT "l.actor_id = :actor AND "
		    LIST_OTHERS LIST_BY_ID);
	if (f->entity != NULL && f->entity[0] != '\0' && f->entity_id > 0 &&
	    f->action != NULL && f->action[0] != '\0')
		return db_prepare(db, LIST_SELECT "l.entity = :entity AND "
		    "l.entity_id = :eid AND l.action = :action AND " LIST_OTHERS
		    LIST_BY_ID);
	if (f->entity != NULL && f->entity[0] != '\0' && f->entity_id > 0)
		return db_prepare(db, LIST_SELECT "l.entity = :entity AND "
		    "l.entity_id = :eid AND " LIST_OTHERS LIST_BY_ID);
	if (f->action != NULL && f->action[0] != '\0')
		return db_prepare(db, LIST_SELECT "l.action = :action AND "
		    LIST_OTHERS LIST_BY_ID);
	if (f->from > 0 || f->to > 0)	/* the day's index, in its order */
		return db_prepare(db, LIST_SELECT "l.at >= :from AND "
		    "l.at < :to AND " LIST_OTHERS "ORDER BY l.at DESC, l.id "
		    "DESC LIMIT :n OFFSET :off");
	return db_prepare(db, LIST_SELECT LIST_OTHERS LIST_BY_ID);
}

/* Newest first, the page at offset; at most limit into *out. */
size_t
audit_list(struct db *db, struct arena *a, const struct audit_filter *f,
    int64_t offset, size_t limit, struct audit_entry **out)
{
	sqlite3_stmt		*st = list_statement(db, f);
	struct audit_entry	*e;
	size_t			 n = 0;

	*out = arena_alloc(a, sizeof(**out) * (limit ? limit : 1));
	db_bind_int(st, ":actor", f->actor_id);
	db_bind_text(st, ":action", f->action != NULL ? f->action : "");
	db_bind_text(st, ":entity", f->entity != NULL ? f->entity : "");
	db_bind_int(st, ":eid", f->entity_id);
	db_bind_int(st, ":from", f->from);
	db_bind_int(st, ":to", f->to > 0 ? f->to : INT64_MAX);
	db_bind_int(st, ":n", (int64_t)limit);
	db_bind_int(st, ":off", offset);
	while (n < limit && db_step(st) == DB_ROW) {
		e = &(*out)[n++];
		e->id = db_int(st, 0);
		e->at = db_int(st, 1);
		e->actor_id = db_int(st, 2);
		e->action = db_text(st, 3, a);
		e->entity = db_text(st, 4, a);
		e->entity_id = db_int(st, 5);
		e->old_values = db_text(st, 6, a);
		e->new_values = db_text(st, 7, a);
		e->ip = db_text(st, 8, a);
		e->user_agent = db_text(st, 9, a);
		e->hash = db_text(st, 10, a);
		e->actor_name = db_text(st, 11, a);
	}
	db_done(st);
	return n;
}

/*
 * The newest rows about one record (an account's: entity "user"), all
 * or only one action's (NULL: all), each way led by its own index.
 */
size_t
audit_list_about(struct db *db, struct arena *a, const char *entity,
    int64_t entity_id, const char *action, size_t limit,
    struct audit_entry **out)
{
	struct audit_filter	f = { 0 };

	f.entity = entity;
	f.entity_id = entity_id;
	f.action = action;
	return audit_list(db, a, &f, 0, limit, out);
}
