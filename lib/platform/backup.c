/* backup.c: an online, consistent copy of a data directory (the database through SQLite's backup API, the keys and the uploads) with a manifest of checksums, and its restore into an empty data directory. */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <sqlite3.h>

#include "backup.h"

/*
 * A backup directory holds the files under the same relative paths as
 * the data directory, and MANIFEST, written last (to MANIFEST.tmp, then
 * renamed): a backup without one was cut short and is never restored.
 *
 *	homeserve-backup 1
 *	created 1764619200
 *	<sha256 hex> <size> <path>	one line per file
 *
 * The database is copied first, in one step of the backup API: one
 * read transaction, so one consistent snapshot, while writers go on
 * (WAL).  Uploads are copied after it, so every file a row of that
 * snapshot names was already there (uploads are written before the row
 * that names them); files newer than the snapshot may come along.
 */
#define BACKUP_MANIFEST		"MANIFEST"
#define BACKUP_HEADER		"homeserve-backup 1"
#define BACKUP_DB		"homeserve.db"
#define BACKUP_MAX_FILES	1000000

/* The parts of a data directory a backup holds, in the order copied. */
static const char *const backup_dirs[] = { "keys", "uploads" };

struct backup_file {
	char	*path;		/* relative to the directory */
	char	 sha[2 * 32 + 1];
	off_t	 size;
};

struct backup_list {
	struct backup_file	*v;
	size_t			 n, cap;
};

static int
fail(char *err, size_t len, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return -1;
}

static void
list_free(struct backup_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].path);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static struct backup_file *
list_add(struct backup_list *l, const char *path)
{
	struct backup_file	*v;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		if ((v = realloc(l->v, l->cap * sizeof(*v))) == NULL)
			return NULL;
		l->v = v;
	}
	memset(&l->v[l->n], 0, sizeof(l->v[l->n]));
	if ((l->v[l->n].path = strdup(path)) == NULL)
		return NULL;
	return &l->v[l->n++];
}

static int
join(char *out, size_t len, const char *dir, const char *rel)
{
	int	n = snprintf(out, len, "%s/%s", dir, rel);

	return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* Makes every directory above rel under root (0700: keys live there). */
static int
mkparents(const char *root, const char *rel)
{
	char	path[PATH_MAX], *p;

	if (join(path, sizeof(path), root, rel) != 0)
		return -1;
	for (p = path + strlen(root) + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return 0;
}

/*
 * Copies from to to (created, with from's permission bits), and its
 * SHA-256 and size into f.  The copy is synced before it counts.
 */
static int
copy_file(const char *from, const char *to, struct backup_file *f)
{
	unsigned char	 buf[65536], md[32];
	EVP_MD_CTX	*ctx = EVP_MD_CTX_new();
	struct stat	 st;
	ssize_t		 n;
	unsigned	 mdlen;
	int		 in = -1, out = -1, rc = -1;
	size_t		 i;

	if (ctx == NULL || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		goto done;
	if ((in = open(from, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0 ||
	    fstat(in, &st) != 0 || !S_ISREG(st.st_mode))
		goto done;
	if ((out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    st.st_mode & 0777)) < 0)
		goto done;
	f->size = 0;
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		if (write(out, buf, (size_t)n) != n ||
		    EVP_DigestUpdate(ctx, buf, (size_t)n) != 1)
			goto done;
		f->size += n;
	}
	if (n < 0 || fsync(out) != 0 ||
	    EVP_DigestFinal_ex(ctx, md, &mdlen) != 1)
		goto done;
	for (i = 0; i < mdlen; i++)
		snprintf(f->sha + 2 * i, 3, "%02x", md[i]);
	rc = 0;
done:
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) != 0)
		rc = -1;
	EVP_MD_CTX_free(ctx);
	return rc;
}

/* The SHA-256 and size of a file, as copy_file gives them. */
static int
hash_file(const char *path, char sha[2 * 32 + 1], off_t *size)
{
	unsigned char	 buf[65536], md[32];
	EVP_MD_CTX	*ctx = EVP_MD_CTX_new();
	ssize_t		 n;
	unsigned	 mdlen;
	int		 fd, rc = -1;
	size_t		 i;

	if (ctx == NULL || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1 ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0) {
		EVP_MD_CTX_free(ctx);
		return -1;
	}
	*size = 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		if (EVP_DigestUpdate(ctx, buf, (size_t)n) != 1)
			break;
		*size += n;
	}
	if (n == 0 && EVP_DigestFinal_ex(ctx, md, &mdlen) == 1) {
		for (i = 0; i < mdlen; i++)
			snprintf(sha + 2 * i, 3, "%02x", md[i]);
		rc = 0;
	}
	close(fd);
	EVP_MD_CTX_free(ctx);
	return rc;
}

/* Regular files under root/rel, recursively, appended to l. */
static int
walk(const char *root, const char *rel, struct backup_list *l)
{
	char		 path[PATH_MAX], sub[PATH_MAX];
	struct dirent	*e;
	struct stat	 st;
	DIR		*d;
	int		 rc = 0;

	if (join(path, sizeof(path), root, rel) != 0)
		return -1;
	if ((d = opendir(path)) == NULL)
		return errno == ENOENT ? 0 : -1;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (join(sub, sizeof(sub), rel, e->d_name) != 0 ||
		    join(path, sizeof(path), root, sub) != 0 ||
		    lstat(path, &st) != 0 || l->n >= BACKUP_MAX_FILES)
			rc = -1;
		else if (S_ISDIR(st.st_mode))
			rc = walk(root, sub, l);
		else if (S_ISREG(st.st_mode) && strchr(sub, '\n') == NULL &&
		    strchr(sub, ' ') == NULL)
			rc = list_add(l, sub) == NULL ? -1 : 0;
		/* Anything else (sockets, links, odd names) is not ours. */
	}
	closedir(d);
	return rc;
}

/* Whether dir holds nothing (or does not exist). */
static int
dir_empty(const char *dir)
{
	struct dirent	*e;
	DIR		*d;
	int		 empty = 1;

	if ((d = opendir(dir)) == NULL)
		return errno == ENOENT;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = 0;
	closedir(d);
	return empty;
}

/* PRAGMA integrity_check of the database at path: 0 when "ok". */
static int
integrity(const char *path, char *err, size_t len)
{
	sqlite3		*db = NULL;
	sqlite3_stmt	*st = NULL;
	int		 rc = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) ==
	    SQLITE_OK && sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1,
	    &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		if (strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0)
			rc = 0;
		else
			fail(err, len, "the database copy fails its integrity "
			    "check: %s", sqlite3_column_text(st, 0));
	} else
		fail(err, len, "cannot check the database copy: %s",
		    sqlite3_errmsg(db));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc;
}

/* The live database into to, in one step: one consistent snapshot. */
static int
copy_db(const char *from, const char *to, char *err, size_t len)
{
	sqlite3		*src = NULL, *dst = NULL;
	sqlite3_backup	*b;
	int		 rc = -1;

	if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		fail(err, len, "cannot open %s: %s", from, sqlite3_errmsg(src));
		goto done;
	}
	sqlite3_busy_timeout(src, 5000);
	if (sqlite3_open_v2(to, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		fail(err, len, "cannot create %s: %s", to, sqlite3_errmsg(dst));
		goto done;
	}
	if ((b = sqlite3_backup_init(dst, "main", src, "main")) == NULL) {
		fail(err, len, "cannot start the copy: %s", sqlite3_errmsg(dst));
		goto done;
	}
	if (sqlite3_backup_step(b, -1) != SQLITE_DONE) {
		sqlite3_backup_finish(b);
		fail(err, len, "copying the database failed: %s",
		    sqlite3_errmsg(dst));
		goto done;
	}
	if (sqlite3_backup_finish(b) != SQLITE_OK) {
		fail(err, len, "copying the database failed: %s",
		    sqlite3_errmsg(dst));
		goto done;
	}
	/* One file, no -wal beside it: what a restore puts back. */
	if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL,
	    NULL) != SQLITE_OK) {
		fail(err, len, "cannot close the copy: %s", sqlite3_errmsg(dst));
		goto done;
	}
	rc = 0;
done:
	sqlite3_close(src);
	sqlite3_close(dst);
	return rc;
}

static int
manifest_write(const char *dir, const struct backup_list *l, char *err,
    size_t len)
{
	char	 tmp[PATH_MAX], path[PATH_MAX];
	FILE	*f;
	size_t	 i;
	int	 bad;

	if (join(tmp, sizeof(tmp), dir, BACKUP_MANIFEST ".tmp") != 0 ||
	    join(path, sizeof(path), dir, BACKUP_MANIFEST) != 0 ||
	    (f = fopen(tmp, "wx")) == NULL)
		return fail(err, len, "cannot write the manifest in %s", dir);
	fprintf(f, "%s\ncreated %lld\n", BACKUP_HEADER, (long long)time(NULL));
	for (i = 0; i < l->n; i++)
		fprintf(f, "%s %lld %s\n", l->v[i].sha,
		    (long long)l->v[i].size, l->v[i].path);
	bad = fflush(f) != 0 || fsync(fileno(f)) != 0;
	if (fclose(f) != 0 || bad || rename(tmp, path) != 0)
		return fail(err, len, "cannot write the manifest in %s", dir);
	return 0;
}

int
backup_make(const char *data_dir, const char *out_dir,
    struct backup_summary *sum, char *err, size_t len)
{
	struct backup_list	 l = { 0 };
	char			 from[PATH_MAX], to[PATH_MAX];
	struct backup_file	*f;
	size_t			 i, first;
	int			 rc = -1;

	memset(sum, 0, sizeof(*sum));
	if (!dir_empty(out_dir))
		return fail(err, len, "%s is not empty: a backup goes into a "
		    "new or empty directory", out_dir);
	if (mkdir(out_dir, 0700) != 0 && errno != EEXIST)
		return fail(err, len, "cannot make %s: %s", out_dir,
		    strerror(errno));
	if (join(from, sizeof(from), data_dir, BACKUP_DB) != 0 ||
	    join(to, sizeof(to), out_dir, BACKUP_DB) != 0)
		return fail(err, len, "path too long");
	if (copy_db(from, to, err, len) != 0 || integrity(to, err, len) != 0)
		return -1;
	if ((f = list_add(&l, BACKUP_DB)) == NULL ||
	    hash_file(to, f->sha, &f->size) != 0) {
		fail(err, len, "cannot read back %s", to);
		goto done;
	}
	for (i = 0; i < sizeof(backup_dirs) / sizeof(backup_dirs[0]); i++) {
		first = l.n;
		if (walk(data_dir, backup_dirs[i], &l) != 0) {
			fail(err, len, "cannot read %s/%s", data_dir,
			    backup_dirs[i]);
			goto done;
		}
		for (; first < l.n; first++) {
			f = &l.v[first];
			if (join(from, sizeof(from), data_dir, f->path) != 0 ||
			    join(to, sizeof(to), out_dir, f->path) != 0 ||
			    mkparents(out_dir, f->path) != 0 ||
			    copy_file(from, to, f) != 0) {
				fail(err, len, "cannot copy %s: %s", f->path,
				    strerror(errno));
				goto done;
			}
			sum->bytes += (int64_t)f->size;
		}
	}
	if (manifest_write(out_dir, &l, err, len) != 0)
		goto done;
	sum->files = l.n;
	sum->bytes += (int64_t)l.v[0].size;
	rc = 0;
done:
	list_free(&l);
	return rc;
}

/*
 * A manifest path must name a file a backup holds, inside the directory:
 * the database, or under keys/ or uploads/, with no empty, "." or ".."
 * component.
 */
static int
path_safe(const char *p)
{
	const char	*c = p, *end;
	size_t		 n;

	if (strcmp(p, BACKUP_DB) != 0 && strncmp(p, "keys/", 5) != 0 &&
	    strncmp(p, "uploads/", 8) != 0)
		return 0;
	for (;;) {
		end = strchr(c, '/');
		n = end != NULL ? (size_t)(end - c) : strlen(c);
		if (n == 0 || (n == 1 && c[0] == '.') ||
		    (n == 2 && c[0] == '.' && c[1] == '.'))
			return 0;
		if (end == NULL)
			return 1;
		c = end + 1;
	}
}

/* Reads and checks dir's manifest against its files. */
static int
manifest_check(const char *dir, struct backup_list *l, char *err, size_t len)
{
	char		 path[PATH_MAX], line[PATH_MAX + 128], sha[65],
			 got_sha[65], rel[PATH_MAX];
	long long	 size;
	off_t		 got;
	FILE		*f;
	struct backup_file *e;
	int		 lineno = 0, rc = -1;

	if (join(path, sizeof(path), dir, BACKUP_MANIFEST) != 0)
		return fail(err, len, "%s: the path is too long", dir);
	if ((f = fopen(path, "r")) == NULL && errno == ENOENT)
		return fail(err, len, "%s has no %s: not a backup, or one cut "
		    "short", dir, BACKUP_MANIFEST);
	if (f == NULL)		/* EACCES above all: say so, not "no backup" */
		return fail(err, len, "cannot read %s: %s", path,
		    strerror(errno));
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (lineno == 1) {
			if (strcmp(line, BACKUP_HEADER) != 0) {
				fail(err, len, "%s: not a HomeServe backup "
				    "manifest", path);
				goto done;
			}
			continue;
		}
		if (strncmp(line, "created ", 8) == 0 && lineno == 2)
			continue;
		if (sscanf(line, "%64[0-9a-f] %lld %4095s", sha, &size,
		    rel) != 3 || strlen(sha) != 64 || size < 0 ||
		    !path_safe(rel)) {
			fail(err, len, "%s line %d is not a file's checksum, "
			    "size and path", path, lineno);
			goto done;
		}
		if (join(path, sizeof(path), dir, rel) != 0 ||
		    hash_file(path, got_sha, &got) != 0) {
			fail(err, len, "%s is listed in the manifest but "
			    "cannot be read", rel);
			goto done;
		}
		if (got != size || strcmp(got_sha, sha) != 0) {
			fail(err, len, "%s does not match its checksum in the "
			    "manifest: the backup is damaged", rel);
			goto done;
		}
		if ((e = list_add(l, rel)) == NULL) {
			fail(err, len, "out of memory");
			goto done;
		}
		memcpy(e->sha, sha, sizeof(e->sha));
		e->size = (off_t)size;
	}
	if (l->n == 0 || strcmp(l->v[0].path, BACKUP_DB) != 0)
		fail(err, len, "the manifest lists no database");
	else
		rc = 0;
done:
	fclose(f);
	return rc;
}

/*
 * Whether a program of the site runs on data_dir: a live process in
 * one of its run/NAME.pid files (script/stack and the packaged units
 * write them).
 */
static int
site_running(const char *data_dir)
{
	char		 run[PATH_MAX], path[PATH_MAX];
	struct dirent	*e;
	DIR		*d;
	FILE		*f;
	long		 pid;
	size_t		 n;
	int		 running = 0;

	if (join(run, sizeof(run), data_dir, "run") != 0 ||
	    (d = opendir(run)) == NULL)
		return 0;
	while (!running && (e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".pid") != 0 ||
		    join(path, sizeof(path), run, e->d_name) != 0 ||
		    (f = fopen(path, "r")) == NULL)
			continue;
		if (fscanf(f, "%ld", &pid) == 1 && pid > 0 &&
		    (kill((pid_t)pid, 0) == 0 || errno == EPERM))
			running = 1;
		fclose(f);
	}
	closedir(d);
	return running;
}

int
backup_restore(const char *in_dir, const char *data_dir,
    struct backup_summary *sum, char *err, size_t len)
{
	struct backup_list	 l = { 0 };
	char			 from[PATH_MAX], to[PATH_MAX];
	struct stat		 st;
	size_t			 i, j, restored = 0;
	int			 rc = -1, copying = 0;

	memset(sum, 0, sizeof(*sum));
	if (manifest_check(in_dir, &l, err, len) != 0)
		goto done;
	if (site_running(data_dir)) {
		fail(err, len, "%s is in use: stop the site before restoring "
		    "into it", data_dir);
		goto done;
	}
	/* Nothing of what the backup holds may be there already. */
	for (i = 0; i < l.n; i++) {
		if (join(to, sizeof(to), data_dir, l.v[i].path) != 0 ||
		    lstat(to, &st) == 0) {
			fail(err, len, "%s already holds %s: restore only into "
			    "an empty data directory", data_dir, l.v[i].path);
			goto done;
		}
	}
	for (j = 0; j < 2; j++) {
		if (join(to, sizeof(to), data_dir, j == 0 ? "homeserve.db-wal" :
		    "homeserve.db-shm") == 0 && lstat(to, &st) == 0) {
			fail(err, len, "%s holds a database journal: restore "
			    "only into an empty data directory", data_dir);
			goto done;
		}
	}
	if (mkdir(data_dir, 0700) != 0 && errno != EEXIST) {
		fail(err, len, "cannot make %s: %s", data_dir, strerror(errno));
		goto done;
	}
	copying = 1;
	for (i = 0; i < l.n; i++, restored++) {
		struct backup_file	copied;

		if (join(from, sizeof(from), in_dir, l.v[i].path) != 0 ||
		    join(to, sizeof(to), data_dir, l.v[i].path) != 0 ||
		    mkparents(data_dir, l.v[i].path) != 0 ||
		    copy_file(from, to, &copied) != 0) {
			fail(err, len, "cannot restore %s: %s", l.v[i].path,
			    strerror(errno));
			goto done;
		}
		/* The file may have changed since the manifest was checked. */
		if (strcmp(copied.sha, l.v[i].sha) != 0) {
			fail(err, len, "%s changed while it was restored",
			    l.v[i].path);
			goto done;
		}
		sum->bytes += (int64_t)copied.size;
	}
	if (join(to, sizeof(to), data_dir, BACKUP_DB) != 0 ||
	    integrity(to, err, len) != 0)
		goto done;
	sum->files = l.n;
	rc = 0;
done:
	/* A restore that failed leaves the directory as it found it. */
	for (i = 0; rc != 0 && copying && i <= restored && i < l.n; i++)
		if (join(to, sizeof(to), data_dir, l.v[i].path) == 0)
			unlink(to);
	list_free(&l);
	return rc;
}
