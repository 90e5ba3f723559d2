/* bare-cgi.c: bench/cgi's ceiling: a bare C program that answers one plain CGI request with a fixed HTML page of a given size, linking nothing but libc; built with -DBARE_SQLITE, the floor under any page that reads the database: the same after opening HomeServe's database and stepping one statement, which makes SQLite parse the whole schema, as every process must. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef BARE_SQLITE
#include <sqlite3.h>
#endif

#include "bare-page.h"

static const char head[] = BARE_HEAD;
static const char line[] = BARE_LINE;

#ifdef BARE_SQLITE
/* The database named by path opened, one statement stepped: 0, else -1. */
static int
bare_open(const char *path)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	int		 rc = -1;

	if (path == NULL || sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM services", -1, &st,
	    NULL) == SQLITE_OK) {
		rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return rc;
}
#endif

/* Usage: bare-cgi SIZE, or (-DBARE_SQLITE) bare-cgi SIZE DATABASE. */
int
main(int argc, char *argv[])
{
	long	size = argc > 1 ? strtol(argv[1], NULL, 10) : 8000, n;
	size_t	len = strlen(line);

#ifdef BARE_SQLITE
	if (bare_open(argc > 2 ? argv[2] : NULL) != 0)
		return EXIT_FAILURE;
#endif
	if (size < 0 || size > 10 * 1024 * 1024)
		size = 8000;
	fputs(head, stdout);
	printf("Content-Length: %ld\r\n\r\n", size);
	for (n = size; n >= (long)len; n -= (long)len)
		fputs(line, stdout);
	while (n-- > 0)
		putchar('\n');
	return fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
