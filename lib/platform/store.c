/* store.c: write an upload to a new file (a part file, then linked under its name), flushed to disk with its directory entry, and keep it only if its row commits. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "log.h"
#include "store.h"

/* No space: 503, the caller's transaction rolled back with it. */
static void
store_fail(const char *what, const char *path, int e)
{
	if (e == ENOSPC || e == EDQUOT)
		log_disk_full("store: %s %s: %s", what, path, strerror(e));
	log_error("store: %s %s: %s", what, path, strerror(e));
}

/* Write all of data to fd; 0, or -1 with errno set. */
static int
store_fill(int fd, const unsigned char *p, size_t n)
{
	ssize_t	w;

	while (n > 0) {
		if ((w = write(fd, p, n)) < 0 && errno == EINTR)
			continue;
		if (w == 0)
			errno = ENOSPC;	/* write(2) says 0 only for want of room */
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return fsync(fd);
}

/*
 * Write a new file that nobody else may have made, readable by its
 * owner and group only, and flushed to disk with its directory entry.
 * The bytes go to PATH.part first (O_EXCL), which becomes PATH by
 * link(2) only when complete (a link, unlike a rename, never replaces
 * a file already there): a file under its own name is always whole,
 * and on failure the part is removed.  Returns 0 or -1; for want of
 * space (ENOSPC, EDQUOT) it does not return but goes to log_disk_full,
 * which answers 503 and rolls the caller's transaction back.
 */
int
store_write(const char *dir, const char *path, const void *data, size_t n)
{
	char	part[4096];
	int	fd, dfd, e;

	if ((size_t)snprintf(part, sizeof(part), "%s.part", path) >=
	    sizeof(part)) {
		log_error("store: name too long: %s", path);
		return -1;
	}
	if ((fd = open(part, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0640)) == -1) {
		store_fail("create", part, errno);
		return -1;
	}
	if (store_fill(fd, data, n) != 0) {
		e = errno;
		close(fd);
		unlink(part);
		store_fail("write", part, e);
		return -1;
	}
	if (close(fd) != 0 || link(part, path) != 0) {
		e = errno;
		unlink(part);
		store_fail("keep", path, e);
		return -1;
	}
	unlink(part);
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		if (fsync(dfd) != 0)
			log_warn("store: sync %s: %s", dir, strerror(errno));
		close(dfd);
	}
	return 0;
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
