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
 * entry.  On failure nothing is left behind.  Returns 0 or -1.
 */
int
store_write(const char *dir, const char *path, const void *data, size_t n)
{
	const unsigned char	*p = data;
	ssize_t			 w;
	int			 fd, dfd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0640)) == -1) {
		log_error("store: create %s: %s", path, strerror(errno));
		return -1;
	}
	while (n > 0) {
		if ((w = write(fd, p, n)) < 0 && errno == EINTR)
			continue;
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
	log_error("store: write %s: %s", path, strerror(errno));
	if (fd != -1)
		close(fd);
	unlink(path);
	return -1;
}

/*
 * Commit the transaction that records a file just stored; should the
 * commit fail, the file goes before the fatal error, so no file is
 * ever left without its row.
 */
void
store_commit(struct db *db, const char *path)
{
	if (sqlite3_exec(db_handle(db), "COMMIT", NULL, NULL, NULL) ==
	    SQLITE_OK)
		return;
	unlink(path);
	log_fatal("store: commit: %s", sqlite3_errmsg(db_handle(db)));
}
