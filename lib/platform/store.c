/* store.c: write an upload to a new file (O_EXCL), flushed to disk with its directory entry, and keep it only if its row commits. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "log.h"
#include "store.h"

/*
 * Write a new file that nobody else may have made (O_EXCL), readable
 * by its owner and group only, and flushed to disk with its directory
 * entry.  On failure nothing is left behind: the name is new and
 * random, and no row names it until the caller commits, so a file cut
 * short is removed here and never seen.  Returns 0 or -1; for want of
 * space (ENOSPC, EDQUOT) it does not return but goes to log_disk_full,
 * which answers 503 and rolls the caller's transaction back.
 */
int
store_write(const char *dir, const char *path, const void *data, size_t n)
{
	const unsigned char	*p = data;
	ssize_t			 w;
	int			 fd, dfd, saved;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0640)) == -1) {
		if (errno == ENOSPC || errno == EDQUOT)
			log_disk_full("store: create %s: %s", path,
			    strerror(errno));
		log_error("store: create %s: %s", path, strerror(errno));
		return -1;
	}
	while (n > 0) {
		if ((w = write(fd, p, n)) < 0 && errno == EINTR)
			continue;
		if (w == 0)
			errno = ENOSPC;	/* write(2) says 0 only for want of room */
		if (w <= 0)
			goto err;
		p += w;
		n -= (size_t)w;
	}
	if (fsync(fd) != 0)
		goto err;
	if (close(fd) != 0) {
		fd = -1;
		goto err;
	}
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		if (fsync(dfd) != 0)
			log_warn("store: sync %s: %s", dir, strerror(errno));
		close(dfd);
	}
	return 0;
err:
	saved = errno;
	if (fd != -1)
		close(fd);
	unlink(path);
	/* No space: 503, the caller's transaction rolled back with it. */
	if (saved == ENOSPC || saved == EDQUOT)
		log_disk_full("store: write %s: %s", path, strerror(saved));
	log_error("store: write %s: %s", path, strerror(saved));
	return -1;
}

/*
 * Commit the transaction that records a file just stored; should the
 * commit fail, the file goes before the error (503 for a full disk,
 * else fatal), so no file is ever left without its row.
 */
void
store_commit(struct db *db, const char *path)
{
	int	rc = sqlite3_exec(db_handle(db), "COMMIT", NULL, NULL, NULL);

	if (rc == SQLITE_OK)
		return;
	unlink(path);
	if (db_error_is_full(db_handle(db), rc))
		log_disk_full("store: commit: %s", sqlite3_errmsg(db_handle(db)));
	log_fatal("store: commit: %s", sqlite3_errmsg(db_handle(db)));
}
