/* scratch.h (test): the scratch database `db` of a unit test over the domain, and test-only SQL on it outside the statement cache. */
#ifndef HS_TEST_SCRATCH_H
#define HS_TEST_SCRATCH_H

#include <stdlib.h>

#include <sqlite3.h>

#include "db.h"
#include "tap.h"

static struct db	*db;

static __attribute__((unused)) void
exec(const char *sql)
{
	char	*err = NULL;

	if (sqlite3_exec(db_handle(db), sql, NULL, NULL, &err) != SQLITE_OK) {
		diag("sql: %s: %s", sql, err);
		exit(EXIT_FAILURE);
	}
}

static __attribute__((unused)) long long
int_of(const char *sql)
{
	sqlite3_stmt	*st;
	long long	 n = -1;

	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) != SQLITE_OK) {
		diag("sql: %s: %s", sql, sqlite3_errmsg(db_handle(db)));
		exit(EXIT_FAILURE);
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

#endif
