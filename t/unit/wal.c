/* wal.c (test): with readers always in the database, commits still start the WAL over (db.c: db_wal), where SQLite's automatic checkpoint alone lets it grow without end. */
#include <sys/stat.h>
#include <sys/wait.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db.h"
#include "tap.h"

#define COMMITS		3000	/* about 2 pages each */
#define RESTART_AT	300	/* pages */

/*
 * Two connections reading in turn, so that one of them always holds a
 * snapshot: the next begins before the last ends.  Tells the parent
 * through FD once the first read is open; runs until killed.
 */
static void __attribute__((noreturn))
readers(const char *path, int fd)
{
	sqlite3	*r[2];
	int	 i;

	for (i = 0; i < 2; i++)
		if (sqlite3_open(path, &r[i]) != SQLITE_OK)
			_exit(1);
	sqlite3_exec(r[0], "BEGIN; SELECT count(*) FROM t;", NULL, NULL, NULL);
	if (write(fd, "r", 1) != 1)
		_exit(1);
	for (i = 1;; i ^= 1) {
		sqlite3_exec(r[i], "BEGIN; SELECT count(*) FROM t;", NULL,
		    NULL, NULL);
		sqlite3_exec(r[i ^ 1], "COMMIT", NULL, NULL, NULL);
	}
}

/* The largest the WAL file got over COMMITS commits, in bytes. */
static long long
run(const char *path, int restart_at)
{
	char		 wal[4200], c;
	struct stat	 sb;
	struct db	*db;
	sqlite3_stmt	*st;
	long long	 most = 0;
	int		 p[2], i;
	pid_t		 pid;

	snprintf(wal, sizeof(wal), "%s-wal", path);
	unlink(path);
	unlink(wal);
	db = db_open(path, 1);
	sqlite3_exec(db_handle(db), "CREATE TABLE t (x BLOB)", NULL, NULL, NULL);
	db_wal_restart_at(db, restart_at);
	if (pipe(p) != 0 || (pid = fork()) < 0)
		return -1;
	if (pid == 0)
		readers(path, p[1]);
	if (read(p[0], &c, 1) != 1)
		return -1;
	st = db_prepare(db, "INSERT INTO t (x) VALUES (randomblob(6000))");
	for (i = 0; i < COMMITS; i++) {
		db_step(st);
		db_done(st);
		if (stat(wal, &sb) == 0 && sb.st_size > most)
			most = sb.st_size;
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(p[0]);
	close(p[1]);
	db_close(db);
	return most;
}

int
main(void)
{
	char		 path[] = "/tmp/hs-wal-XXXXXX", file[4096];
	long long	 starved, bounded;
	/*
	 * A RESTART the readers outlast is tried again 75 pages on, so the
	 * WAL may pass RESTART_AT a few times over; never near the 40 MB
	 * it reaches without.
	 */
	long long	 limit = 8LL * RESTART_AT * 4096;

	if (mkdtemp(path) == NULL)
		return 1;
	snprintf(file, sizeof(file), "%s/wal.db", path);
	starved = run(file, 0);
	diag("PASSIVE only: the WAL reached %lld KB", starved / 1024);
	ok(starved > 3 * limit, "with readers always there, the automatic "
	    "checkpoint alone lets the WAL grow (%lld KB)", starved / 1024);
	bounded = run(file, RESTART_AT);
	diag("RESTART past %d pages: the WAL reached %lld KB", RESTART_AT,
	    bounded / 1024);
	ok(bounded > 0 && bounded <= limit, "RESTART starts it over: at most "
	    "%lld KB (%lld KB)", limit / 1024, bounded / 1024);
	unlink(file);
	snprintf(file + strlen(file), sizeof(file) - strlen(file), "-wal");
	unlink(file);
	file[strlen(file) - 4] = '\0';
	snprintf(file + strlen(file), sizeof(file) - strlen(file), "-shm");
	unlink(file);
	rmdir(path);
	return done_testing();
}
