/* sqlite-cgi.c: bench/cgi's floor for any page that reads the database: bare-cgi.c's page after opening HomeServe's database and stepping one statement, which makes SQLite read and parse the whole schema, as every HomeServe process must. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "bare-page.h"

static const char head[] = BARE_HEAD;
static const char line[] = BARE_LINE;

int
main(int argc, char *argv[])
{
	long		 size = argc > 2 ? strtol(argv[2], NULL, 10) : 8000, n;
	size_t		 len = strlen(line);
	sqlite3		*db;
	sqlite3_stmt	*st;

	if (argc < 2 || sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE,
	    NULL) != SQLITE_OK || sqlite3_prepare_v2(db, "SELECT count(*) "
	    "FROM services", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW)
		return EXIT_FAILURE;
	sqlite3_finalize(st);
	sqlite3_close(db);
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
