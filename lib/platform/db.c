/* db.c: open SQLite with our pragmas, reuse prepared statements, run transactions and migrations. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "db.h"
#include "log.h"

#define DB_CACHE_SLOTS	256	/* power of two; far more than our statements */
#define DB_BUSY_MS	5000	/* how long a writer waits for the lock */
#define DB_BUSY_MIN_US	20	/* its first wait, doubled each try ... */
#define DB_BUSY_MAX_US	1000	/* ... up to this */

struct db_cached {
	const char	*sql;	/* the literal's address is the key */
	sqlite3_stmt	*stmt;
};

struct db {
	sqlite3			*h;
	struct db_cached	 cache[DB_CACHE_SLOTS];
	size_t			 ncached;
	int			 nested;	/* open savepoints: see db_begin */
	int64_t			 busy_since;	/* us: see db_busy */
	int64_t			 busy_limit_us;	/* DB_BUSY_MS, less in db_wal */
	uint32_t		 busy_seed;
	int			 wal_restart;	/* pages: see db_wal */
	int			 wal_retry;	/* pages: RESTART next tried */
	int			 wal_copied;	/* pages: the WAL's size at our
						   last PASSIVE checkpoint */
};

static const char *const db_pragmas =
    "PRAGMA journal_mode = WAL;"
    "PRAGMA synchronous = NORMAL;"
    "PRAGMA foreign_keys = ON;"
    "PRAGMA recursive_triggers = ON;"	/* REPLACE fires DELETE triggers */
    "PRAGMA temp_store = MEMORY;"
    /* A WAL started over (db_wal) is cut back to 64 MB on disk. */
    "PRAGMA journal_size_limit = 67108864;";

/*
 * Whether a call failed for want of space: SQLITE_FULL (a WAL or
 * database write got ENOSPC), or an I/O error with ENOSPC or EDQUOT
 * beneath it (growing the WAL index, a quota).  Neither is a fault of
 * the program: the caller answers 503 and keeps going (log_disk_full).
 */
int
db_error_is_full(sqlite3 *h, int rc)
{
	int	e;

	if ((rc & 0xff) == SQLITE_FULL)
		return 1;
	e = sqlite3_system_errno(h);
	return (rc & 0xff) == SQLITE_IOERR && (e == ENOSPC || e == EDQUOT);
}

static void __attribute__((noreturn))
db_fail(struct db *db, const char *what)
{
	if (db != NULL && db->h != NULL &&
	    db_error_is_full(db->h, sqlite3_extended_errcode(db->h)))
		log_disk_full("db: %s: %s", what, sqlite3_errmsg(db->h));
	log_fatal("db: %s: %s", what, db && db->h ? sqlite3_errmsg(db->h) :
	    "no connection");
}

static int64_t
db_monotonic_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/*
 * Waiting for another connection's write lock.  SQLite's own handler
 * (sqlite3_busy_timeout) sleeps 1, 2, 5, 10 ... up to 100 ms between
 * tries, but a write here holds the lock for well under a millisecond:
 * under contention writers slept many times longer than the lock was
 * held (booking creation at 16 connections: p99 61 ms).  This one
 * sleeps 20 us doubling to 1 ms, each wait drawn between half and all
 * of that so that waiting writers do not retry in step, and gives up
 * after DB_BUSY_MS as before.
 */
static int
db_busy(void *arg, int tries)
{
	struct db	*db = arg;
	struct timespec	 ts;
	int64_t		 now = db_monotonic_us(), wait;

	if (tries == 0)
		db->busy_since = now;
	else if (now - db->busy_since >= db->busy_limit_us)
		return 0;
	wait = tries < 6 ? (int64_t)DB_BUSY_MIN_US << tries : DB_BUSY_MAX_US;
	if (wait > DB_BUSY_MAX_US)
		wait = DB_BUSY_MAX_US;
	/* xorshift32: cheap, and only spreads the waits. */
	db->busy_seed ^= db->busy_seed << 13;
	db->busy_seed ^= db->busy_seed >> 17;
	db->busy_seed ^= db->busy_seed << 5;
	wait = wait / 2 + db->busy_seed % (uint32_t)(wait / 2 + 1);
	ts.tv_sec = 0;
	ts.tv_nsec = (long)wait * 1000;
	nanosleep(&ts, NULL);
	return 1;
}

/*
 * SQLite opens a database it may only read without a word, and keeps
 * its WAL journal beside it: a data directory the programs cannot
 * write would fail at a request's first write, a page at a time.  Say
 * so at once, naming the path and the user (root passes access(2) on
 * any mode, but not on a read-only file system).
 */
static void
db_check_writable(const char *path)
{
	char		 dir[4096];
	const char	*slash = strrchr(path, '/');

	if (access(path, R_OK | W_OK) != 0)
		log_fatal("db: %s is not readable and writable by uid %d: %s "
		    "(the data directory must belong to the user the "
		    "programs run as)", path, (int)getuid(), strerror(errno));
	snprintf(dir, sizeof(dir), "%.*s", slash != NULL ? (int)(slash - path) :
	    1, slash != NULL ? path : ".");
	if (access(dir[0] != '\0' ? dir : "/", W_OK | X_OK) != 0)
		log_fatal("db: the data directory %s is not writable by uid "
		    "%d: %s (SQLite keeps its journal beside the database)",
		    dir, (int)getuid(), strerror(errno));
}

/*
 * After each commit: the WAL's checkpoints.  SQLite's automatic one
 * (PASSIVE at 1000 pages) copies pages back into the database but can
 * start the WAL over only at a moment when no reader holds a snapshot
 * in it, and with workers reading all the time that moment never comes:
 * under bench/soak the WAL reached 5 GB beside a 255 MB database, and
 * every read slowed as its index grew.  So past wal_restart pages the
 * commit runs a RESTART instead, which waits (the busy handler, at most
 * DB_WAL_WAIT_MS: readers take milliseconds) until the readers of the
 * old snapshot are done, so that the next writer starts the WAL from
 * its beginning (journal_size_limit then trims the file).  A RESTART
 * that readers outlast (SQLITE_BUSY) is tried again a quarter of
 * wal_restart later.
 *
 * SQLite's hook checkpoints whenever the WAL holds 1000 pages or more,
 * and since readers keep it from starting over, that came to be every
 * commit: each one copied its few pages back and waited for an fsync
 * (perf, booking creation: 7% of the workers' time).  Here a connection
 * checkpoints when 1000 pages have been added since its own last one,
 * and at every commit only while a RESTART waits to be tried again, so
 * that little is left to copy when it is (t/unit/wal: without, the WAL
 * grew twice as far past the RESTART under ASan's slower readers).
 */
#define DB_WAL_PASSIVE		1000	/* pages, as SQLite's default */
#define DB_WAL_RESTART		16384	/* pages: 64 MB of 4 KB pages */
#define DB_WAL_WAIT_MS		200

static int
db_wal(void *arg, sqlite3 *h, const char *name, int pages)
{
	struct db	*db = arg;
	int		 rc;

	if (db->wal_restart > 0 && pages >= db->wal_retry) {
		db->busy_limit_us = (int64_t)DB_WAL_WAIT_MS * 1000;
		rc = sqlite3_wal_checkpoint_v2(h, name,
		    SQLITE_CHECKPOINT_RESTART, NULL, NULL);
		db->busy_limit_us = (int64_t)DB_BUSY_MS * 1000;
		db->wal_retry = rc == SQLITE_OK ? db->wal_restart :
		    pages + db->wal_restart / 4;
		db->wal_copied = pages;
		return SQLITE_OK;
	}
	if (pages < db->wal_copied)	/* the WAL started over */
		db->wal_copied = 0;
	if (pages - db->wal_copied >= DB_WAL_PASSIVE ||
	    (db->wal_restart > 0 && pages >= db->wal_restart)) {
		(void)sqlite3_wal_checkpoint_v2(h, name,
		    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		db->wal_copied = pages;
	}
	return SQLITE_OK;
}

void
db_wal_restart_at(struct db *db, int pages)
{
	db->wal_restart = db->wal_retry = pages;
}

/*
 * Open the database.  Only the migration tool creates it: a worker
 * facing a missing file fails loudly instead of serving an empty one.
 */
struct db *
db_open(const char *path, int create)
{
	static int	 configured;
	struct db	*db;

	/*
	 * Every program here uses SQLite from one thread, so SQLite's own
	 * mutexes (taken on every call, even with NOMUTEX connections, for
	 * its allocator) are switched off; this must precede any other
	 * SQLite call, and is refused (harmlessly) if it does not.
	 */
	if (!configured) {
		sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		configured = 1;
	}
	if ((db = calloc(1, sizeof(*db))) == NULL)
		log_fatal("db: out of memory");
	if (!create)
		db_check_writable(path);
	if (sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READWRITE |
	    (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK)
		db_fail(db, path);
	db->busy_seed = (uint32_t)db_monotonic_us() | 1;
	db->busy_limit_us = (int64_t)DB_BUSY_MS * 1000;
	sqlite3_busy_handler(db->h, db_busy, db);
	db_wal_restart_at(db, DB_WAL_RESTART);
	sqlite3_wal_hook(db->h, db_wal, db);	/* replaces the automatic one */
	sqlite3_extended_result_codes(db->h, 1);
	if (sqlite3_exec(db->h, db_pragmas, NULL, NULL, NULL) != SQLITE_OK)
		db_fail(db, "pragmas");
	if (sqlite3_db_readonly(db->h, "main") == 1)
		log_fatal("db: %s opened read-only (a read-only file system?): "
		    "HomeServe must write to it", path);
	return db;
}

void
db_close(struct db *db)
{
	size_t	i;

	if (db == NULL)
		return;
	for (i = 0; i < DB_CACHE_SLOTS; i++)
		sqlite3_finalize(db->cache[i].stmt);
	sqlite3_close(db->h);
	free(db);
}

sqlite3 *
db_handle(struct db *db)
{
	return db->h;
}

/*
 * Return the prepared statement for this literal, preparing it on first
 * use.  Statements live for the life of the process.
 */
sqlite3_stmt *
db_prepare_literal(struct db *db, const char *sql)
{
	size_t	 i = ((uintptr_t)sql >> 3) & (DB_CACHE_SLOTS - 1);

	while (db->cache[i].sql != NULL) {
		if (db->cache[i].sql == sql)
			return db->cache[i].stmt;
		i = (i + 1) & (DB_CACHE_SLOTS - 1);
	}
	if (db->ncached + 1 >= DB_CACHE_SLOTS)
		log_fatal("db: statement cache full");
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &db->cache[i].stmt, NULL) != SQLITE_OK)
		log_fatal("db: prepare: %s: %s", sqlite3_errmsg(db->h), sql);
	db->cache[i].sql = sql;
	db->ncached++;
	return db->cache[i].stmt;
}

static int
param(sqlite3_stmt *st, const char *name)
{
	int	i = sqlite3_bind_parameter_index(st, name);

	if (i == 0)
		log_fatal("db: no parameter %s in: %s", name, sqlite3_sql(st));
	return i;
}

void
db_bind_int(sqlite3_stmt *st, const char *name, int64_t v)
{
	if (sqlite3_bind_int64(st, param(st, name), v) != SQLITE_OK)
		log_fatal("db: bind %s", name);
}

void
db_bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
	int	rc;

	rc = v == NULL ? sqlite3_bind_null(st, param(st, name)) :
	    sqlite3_bind_text(st, param(st, name), v, -1, SQLITE_TRANSIENT);
	if (rc != SQLITE_OK)
		log_fatal("db: bind %s", name);
}

void
db_bind_null(sqlite3_stmt *st, const char *name)
{
	if (sqlite3_bind_null(st, param(st, name)) != SQLITE_OK)
		log_fatal("db: bind %s", name);
}

/*
 * What a step's result code means: a row, the end or a constraint
 * refusal; a full disk goes to log_disk_full (503), anything else is
 * fatal.
 */
static enum db_step
db_step_result(sqlite3_stmt *st, int rc)
{
	sqlite3	*h = sqlite3_db_handle(st);

	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return DB_CONSTRAINT;
	if (db_error_is_full(h, rc))
		log_disk_full("db: step: %s: %s", sqlite3_errmsg(h),
		    sqlite3_sql(st));
	log_fatal("db: step: %s: %s", sqlite3_errmsg(h), sqlite3_sql(st));
}

enum db_step
db_step(sqlite3_stmt *st)
{
	return db_step_result(st, sqlite3_step(st));
}

/*
 * Step a write that a page can do without (a session's last-seen
 * time, outside any transaction): on a full disk it returns DB_FULL,
 * where db_step would fail the request with 503, so that reading a
 * page never needs free space.
 */
enum db_step
db_step_unless_full(sqlite3_stmt *st)
{
	int	rc = sqlite3_step(st);

	if (db_error_is_full(sqlite3_db_handle(st), rc)) {
		log_warn("db: the disk is full: skipped: %s", sqlite3_sql(st));
		return DB_FULL;
	}
	return db_step_result(st, rc);
}

void
db_done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

int64_t
db_int(sqlite3_stmt *st, int col)
{
	return sqlite3_column_int64(st, col);
}

/* Copy a text column into the arena; NULL stays NULL. */
char *
db_text(sqlite3_stmt *st, int col, struct arena *a)
{
	const unsigned char	*s = sqlite3_column_text(st, col);

	if (s == NULL)
		return NULL;
	return arena_strndup(a, (const char *)s,
	    (size_t)sqlite3_column_bytes(st, col));
}

/* A text column valid until the next step or reset; "" for NULL. */
const char *
db_text_tmp(sqlite3_stmt *st, int col)
{
	const unsigned char	*s = sqlite3_column_text(st, col);

	return s != NULL ? (const char *)s : "";
}

int64_t
db_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}

/* "%text%" for LIKE ... ESCAPE '\', with text's own wildcards escaped. */
const char *
db_like_pattern(struct arena *a, const char *text)
{
	char	*p = arena_alloc(a, 2 * strlen(text) + 3), *q = p;

	*q++ = '%';
	for (; *text != '\0'; text++) {
		if (*text == '%' || *text == '_' || *text == '\\')
			*q++ = '\\';
		*q++ = *text;
	}
	*q++ = '%';
	*q = '\0';
	return p;
}

int
db_changes(struct db *db)
{
	return sqlite3_changes(db->h);
}

static void
db_exec(struct db *db, const char *sql)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		db_fail(db, sql);
}

/*
 * Write transactions take the lock up front so they never deadlock.
 * Inside an open transaction, db_begin opens a savepoint instead, so a
 * domain function that makes its own transaction can also run as part
 * of a caller's (a webhook records its event id and the change it
 * makes in one transaction); its commit releases the savepoint and its
 * rollback undoes only its own part.
 */
void
db_begin(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h)) {
		db_exec(db, "SAVEPOINT nested");
		db->nested++;
	} else
		db_exec(db, "BEGIN IMMEDIATE");
}

void
db_commit(struct db *db)
{
	if (db->nested > 0) {
		db->nested--;
		db_exec(db, "RELEASE nested");
	} else
		db_exec(db, "COMMIT");
}

void
db_rollback(struct db *db)
{
	if (db->nested > 0) {
		db->nested--;
		db_exec(db, "ROLLBACK TO nested; RELEASE nested");
	} else if (!sqlite3_get_autocommit(db->h))
		db_exec(db, "ROLLBACK");
}

/*
 * A read-only snapshot for a page that runs many small reads (the job
 * board): one WAL read lock for them all instead of one per statement.
 * Outside any transaction only; end it with db_read_end.  A deferred
 * BEGIN takes no write lock, so readers never wait on each other.
 */
int
db_read_begin(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		return 0;
	db_exec(db, "BEGIN");
	return 1;
}

void
db_read_end(struct db *db, int begun)
{
	if (begun && !sqlite3_get_autocommit(db->h))
		db_exec(db, "COMMIT");
}

int
db_in_transaction(struct db *db)
{
	return !sqlite3_get_autocommit(db->h);
}

/* After each request: no statement may stay mid-step holding a read lock. */
void
db_reset_all(struct db *db)
{
	size_t	i;

	for (i = 0; i < DB_CACHE_SLOTS; i++)
		if (db->cache[i].stmt != NULL)
			db_done(db->cache[i].stmt);
	db->nested = 0;
	db_rollback(db);
}

static int
migration_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
read_file(const char *path, struct buf *out)
{
	FILE	*f;
	char	 chunk[8192];
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(out, chunk, n);
	fclose(f);
	return 0;
}

/* The first row of PRAGMA foreign_key_check, as a sentence; NULL if none. */
static char *
foreign_key_problem(struct db *db)
{
	sqlite3_stmt	*st;
	char		*why = NULL;

	if (sqlite3_prepare_v2(db->h, "PRAGMA foreign_key_check", -1, &st,
	    NULL) != SQLITE_OK)
		db_fail(db, "foreign_key_check");
	if (sqlite3_step(st) == SQLITE_ROW)
		why = sqlite3_mprintf("row %lld of %s refers to a missing row of "
		    "%s", (long long)sqlite3_column_int64(st, 1),
		    sqlite3_column_text(st, 0), sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
	return why;
}

/*
 * Apply one numbered file inside a transaction that also bumps
 * user_version.  Foreign keys are off meanwhile, as SQLite asks for a
 * migration that rebuilds a table, and checked before the commit.
 */
static int
migration_apply(struct db *db, const char *dir, const char *name, int version)
{
	struct buf	 sql = { 0 };
	char		 path[4096], *err = NULL;
	int		 rc = -1;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (read_file(path, &sql)) {
		log_error("migrate: %s: %s", path, strerror(errno));
		goto out;
	}
	buf_printf(&sql, "\n;PRAGMA user_version = %d;", version);
	db_exec(db, "PRAGMA foreign_keys = OFF");
	db_exec(db, "BEGIN IMMEDIATE");
	if (sqlite3_exec(db->h, sql.data, NULL, NULL, &err) != SQLITE_OK ||
	    (err = foreign_key_problem(db)) != NULL) {
		log_error("migrate: %s: %s", name, err);
		sqlite3_free(err);
		db_rollback(db);
		goto out;
	}
	db_exec(db, "COMMIT");
	rc = 0;
out:
	db_exec(db, "PRAGMA foreign_keys = ON");
	buf_free(&sql);
	return rc;
}

/*
 * Apply every "NNN_name.sql" in dir whose number is above the
 * database's user_version, in order.  Returns 0 or -1.
 */
int
db_migrate(struct db *db, const char *dir, int *from, int *to)
{
	DIR		*d;
	struct dirent	*e;
	char		*names[512];
	size_t		 n = 0, i;
	int		 version, rc = 0;
	sqlite3_stmt	*st = db_prepare(db, "PRAGMA user_version");

	db_step(st);
	*from = *to = (int)db_int(st, 0);
	db_done(st);
	if ((d = opendir(dir)) == NULL) {
		log_error("migrate: %s: %s", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL && n < 512) {
		size_t	len = strlen(e->d_name);

		if (len > 8 && strspn(e->d_name, "0123456789") == 3 &&
		    e->d_name[3] == '_' && strcmp(e->d_name + len - 4, ".sql") == 0)
			if ((names[n] = strdup(e->d_name)) != NULL)
				n++;
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), migration_cmp);
	for (i = 0; i < n; i++) {
		version = atoi(names[i]);
		if (rc == 0 && version > *to) {
			if ((rc = migration_apply(db, dir, names[i], version)) == 0)
				*to = version;
		}
		free(names[i]);
	}
	return rc;
}
