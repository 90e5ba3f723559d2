/* backup.h: an online, consistent copy of a data directory with a manifest of checksums, and its restore into an empty one. */
#ifndef HS_BACKUP_H
#define HS_BACKUP_H

#include <stddef.h>
#include <stdint.h>

struct backup_summary {
	size_t		 files;
	int64_t		 bytes;
};

/*
 * Copies data_dir's database (a consistent snapshot, taken while the
 * site serves), keys and uploads into out_dir, which must be new or
 * empty, and writes its MANIFEST last.  0, or -1 with a sentence in err.
 */
int	backup_make(const char *data_dir, const char *out_dir,
	    struct backup_summary *, char *err, size_t errlen);

/*
 * Checks in_dir's manifest against every file, then copies them into
 * data_dir, which must hold none of them and must not be in use, and
 * checks the database's integrity.  0, or -1 with a sentence in err
 * and nothing left behind.
 */
int	backup_restore(const char *in_dir, const char *data_dir,
	    struct backup_summary *, char *err, size_t errlen);

#endif
