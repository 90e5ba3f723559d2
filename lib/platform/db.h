/* db.h: the SQLite connection, a per-process cache of prepared statements, and migrations. */
#ifndef HS_DB_H
#define HS_DB_H

#include <stdint.h>

#include <sqlite3.h>

struct arena;
struct db;

/*
 * SQL is always a string literal: the macro refuses anything else at
 * compile time, so no statement can be assembled from request data.
 */
#define DB_SQL(s)	("" s "")
#define db_prepare(db, sql)	db_prepare_literal((db), DB_SQL(sql))

enum db_step {
	DB_ROW,
	DB_DONE,
	DB_CONSTRAINT,	/* a UNIQUE, CHECK or FOREIGN KEY refused the write */
	DB_FULL,	/* the disk is full: only from db_step_unless_full */
};

struct db	*db_open(const char *path, int create);
void		 db_close(struct db *);
sqlite3		*db_handle(struct db *);
/* Past this many WAL pages a commit starts the WAL over (db_wal); 0: never. */
void		 db_wal_restart_at(struct db *, int pages);

sqlite3_stmt	*db_prepare_literal(struct db *, const char *);
void		 db_bind_int(sqlite3_stmt *, const char *, int64_t);
void		 db_bind_text(sqlite3_stmt *, const char *, const char *);
void		 db_bind_null(sqlite3_stmt *, const char *);
enum db_step	 db_step(sqlite3_stmt *);
enum db_step	 db_step_unless_full(sqlite3_stmt *);
int		 db_error_is_full(sqlite3 *, int rc);
void		 db_done(sqlite3_stmt *);

int64_t		 db_int(sqlite3_stmt *, int);
char		*db_text(sqlite3_stmt *, int, struct arena *);
const char	*db_text_tmp(sqlite3_stmt *, int);
int64_t		 db_last_id(struct db *);
int		 db_changes(struct db *);
const char	*db_like_pattern(struct arena *, const char *);

/* Inside a transaction, begin/commit/rollback work on a savepoint. */
void		 db_begin(struct db *);
void		 db_commit(struct db *);
void		 db_rollback(struct db *);
int		 db_in_transaction(struct db *);
int		 db_read_begin(struct db *);
void		 db_read_end(struct db *, int begun);
void		 db_reset_all(struct db *);

int		 db_migrate(struct db *, const char *dir, int *from, int *to);

#endif
