/* setting.c: read one whole-number setting, falling back to the built-in value when it is missing or malformed. */
#include <stdlib.h>

#include "db.h"
#include "log.h"
#include "setting.h"

int64_t
setting_int(struct db *db, const char *key, int64_t fallback)
{
	sqlite3_stmt	*st = db_prepare(db,
	    "SELECT value FROM settings WHERE key = :k");
	int64_t		 v = fallback;
	const char	*text;
	char		*end;

	db_bind_text(st, ":k", key);
	if (db_step(st) == DB_ROW) {
		text = db_text_tmp(st, 0);
		v = strtoll(text, &end, 10);
		if (text[0] == '\0' || *end != '\0') {
			log_warn("setting: %s is not a whole number", key);
			v = fallback;
		}
	}
	db_done(st);
	return v;
}
