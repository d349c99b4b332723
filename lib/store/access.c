/*
 * Reaching the store file: what is at the path (no file, an unreadable
 * one, an I/O error, an empty file, a file that is no database), read and
 * write or read-only access (a read-only directory or file is read as it
 * is), and waiting for a busy store: writers wait up to the wait set by
 * cs_store_set_wait, and one that commits batch after batch lets the
 * writers that wait go first.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/internal.h"

/* How long a writer waits for a busy store, in milliseconds. */
static long wait_ms = 60000;

void
cs_store_set_wait(long ms)
{
	wait_ms = ms < 0 ? 0 : ms;
}

/*
 * The page cache of each store opened, in KiB: that of a writer (set at
 * its first transaction) and that of a reader, which a scan does not
 * need large, unless the user chose one for both.
 */
static int cache_kib = CS_STORE_CACHE_MIB * 1024;
static int read_kib = 24 * 1024;

static int cache_chosen;

void
cs_store_set_cache_mib(int mib, int chosen)
{
	cache_kib = mib < 1 ? 1024 : mib * 1024;
	read_kib = chosen ? cache_kib : 24 * 1024;
	cache_chosen = chosen;
}

int
cs_store_set_cache(struct cs_store *st, int kib, struct cs_error *err)
{
	char sql[64];

	cs_fmt(sql, sizeof(sql), "PRAGMA cache_size = -%d", kib);
	return store_exec(st, sql, err);
}

int
cs_store_scan(struct cs_store *st, struct cs_error *err)
{
	return cache_chosen ? 0 : cs_store_set_cache(st, CS_STORE_SCAN_KIB,
	    err);
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
nap(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/*
 * SQLite's busy handler.  Short naps, so that a writer gets in soon after
 * a commit; a writer that waits for BEGIN IMMEDIATE holds a shared flock
 * on the store file meanwhile, which tells a long writer to let it in
 * (store_yield).
 */
static int
busy_wait(void *p, int count)
{
	static const long naps[] = { 1, 2, 5, 10, 20 };
	struct cs_store *st = p;
	long left, ms;

	if (count == 0)
		st->busy_since = now_ms();
	if (st->want_write && !st->queued && st->lockfd >= 0 &&
	    flock(st->lockfd, LOCK_SH | LOCK_NB) == 0)
		st->queued = 1;
	left = wait_ms - (now_ms() - st->busy_since);
	if (left <= 0)
		return 0;
	ms = naps[count < 5 ? count : 4];
	nap(ms < left ? ms : left);
	return 1;
}

/*
 * Before the next transaction of a writer that has committed one: when
 * others wait for the store (they hold shared flocks), wait until they
 * got it, at most the wait.
 */
static void
store_yield(struct cs_store *st)
{
	long start;

	if (st->lockfd < 0 || st->commits == 0)
		return;
	if (flock(st->lockfd, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK)
			return;
		start = now_ms();
		do
			nap(1);
		while (flock(st->lockfd, LOCK_EX | LOCK_NB) != 0 &&
		    errno == EWOULDBLOCK && now_ms() - start < wait_ms);
	}
	flock(st->lockfd, LOCK_UN);
}

int
store_begin_write(struct cs_store *st, struct cs_error *err)
{
	int rc;

	if (cs_store_writable(st, err) != 0)
		return -1;
	store_yield(st);
	store_reset_all(st);
	st->want_write = 1;
	rc = store_exec(st, "BEGIN IMMEDIATE", err);
	st->want_write = 0;
	if (st->queued) {
		flock(st->lockfd, LOCK_UN);
		st->queued = 0;
	}
	return rc;
}

int
cs_store_readonly(const struct cs_store *st)
{
	return st->readonly;
}

int
cs_store_writable(struct cs_store *st, struct cs_error *err)
{
	if (!st->readonly)
		return 0;
	return cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "store '%s' is "
	    "read-only: %s", st->path, strerror(st->ro_errno));
}

/* The directory of path, into dir (n bytes). */
static void
dir_of(const char *path, char *dir, size_t n)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		cs_fmt(dir, n, ".");
	else if (slash == path)
		cs_fmt(dir, n, "/");
	else
		cs_fmt(dir, n, "%.*s", (int)(slash - path), path);
}

/*
 * Can the store be written?  Its file, and its directory for the
 * write-ahead log.  0, or the errno that says why not.
 */
static int
write_access(const char *path)
{
	char dir[4096];

	if (access(path, W_OK) != 0)
		return errno;
	dir_of(path, dir, sizeof(dir));
	if (access(dir, W_OK) != 0)
		return errno;
	return 0;
}

/*
 * The "file:" URI of path, read-only (mode=ro) and, when immutable, read
 * as a file nothing changes.  The connection itself is opened read and
 * write: the databases verify attaches must be writable.
 */
static void
readonly_uri(const char *path, int immutable, struct cs_buf *b)
{
	const unsigned char *p;

	cs_buf_adds(b, path[0] == '/' ? "file://" : "file:");
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if (*p <= ' ' || *p >= 0x7f || *p == '%' || *p == '?' ||
		    *p == '#')
			cs_buf_addf(b, "%%%02X", *p);
		else
			cs_buf_addc(b, *p);
	}
	cs_buf_adds(b, immutable ? "?mode=ro&immutable=1" : "?mode=ro");
}

/*
 * A statement journal (the pages a statement of several rows changes,
 * kept until it ends) up to this size stays in memory: SQLite's 64 KiB
 * default sent one of a transaction's many batch inserts (a release's
 * published ids) to a temporary file, which then took every batch's
 * pages, a write each.  A statement that changes more still spills.
 */
enum { STMT_JOURNAL_SPILL = 4 << 20 };

static int
sqlite_open(struct cs_store *st, const char *name, int flags,
    struct cs_error *err)
{
	static int configured;

	/*
	 * Before SQLite's first open, which initialises it: once (after
	 * that SQLite refuses it, and the default stays: only slower).
	 */
	if (!configured) {
		sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL,
		    STMT_JOURNAL_SPILL);
		configured = 1;
	}
	if (st->db != NULL) {
		sqlite3_close(st->db);
		st->db = NULL;
	}
	if (sqlite3_open_v2(name, &st->db, flags | SQLITE_OPEN_NOMUTEX,
	    NULL) == SQLITE_OK) {
		if (store_register_functions(st) == SQLITE_OK)
			return 0;
		return cs_error_set(err, CS_EX_SOFTWARE, NULL, 0, "cannot "
		    "set up store '%s': %s", st->path, sqlite3_errmsg(st->db));
	}
	if (st->db == NULL)
		return cs_error_set(err, CS_EX_SOFTWARE, NULL, 0, "out of "
		    "memory opening the store");
	return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "cannot open "
	    "store '%s': %s", st->path, sqlite3_errmsg(st->db));
}

/* Open st->path read-only, immutable or not (see readonly_uri). */
static int
open_uri(struct cs_store *st, int immutable, struct cs_error *err)
{
	struct cs_buf uri;
	int rc;

	cs_buf_init(&uri);
	readonly_uri(st->path, immutable, &uri);
	rc = sqlite_open(st, uri.s, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI,
	    err);
	cs_buf_release(&uri);
	return rc;
}

/*
 * A store that cannot be written is opened read-only.  When SQLite cannot
 * make its shared-memory file either (a read-only directory), the store
 * is read as an immutable file, which is right as long as its write-ahead
 * log holds nothing.
 */
static int
open_readonly(struct cs_store *st, int probe, struct cs_error *err)
{
	struct stat sb;
	char wal[4200];
	int rc;

	if (open_uri(st, 0, err) != 0)
		return -1;
	if (!probe)
		return 0;
	rc = sqlite3_exec(st->db, "SELECT count(*) FROM sqlite_master", NULL,
	    NULL, NULL);
	if (rc == SQLITE_OK)
		return 0;
	rc = sqlite3_errcode(st->db) & 0xff;
	if (rc != SQLITE_CANTOPEN && rc != SQLITE_READONLY)
		return store_dberr(st, err, "read it");
	cs_fmt(wal, sizeof(wal), "%s-wal", st->path);
	if (stat(wal, &sb) == 0 && sb.st_size > 0)
		return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "store "
		    "'%s' cannot be written here, and its write-ahead log "
		    "'%s' holds changes not yet in it; open it once where it "
		    "can be written", st->path, wal);
	return open_uri(st, 1, err);
}

int
store_connect(struct cs_store *st, const char *path, int init,
    struct cs_error *err)
{
	static const char magic[16] = "SQLite format 3";
	const char *hint = init ? "; choose another --db" : "";
	char head[100];
	ssize_t n;
	int e;

	st->path = cs_xstrdup(path);
	st->lockfd = open(path, O_RDONLY | O_CLOEXEC);
	if (st->lockfd < 0) {
		e = errno;
		if (e == ENOENT)
			return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0,
			    "store '%s' does not exist; create it with "
			    "'cs-record init'", path);
		return cs_error_set(err, e == EIO ? CS_EX_IOERR :
		    CS_EX_UNAVAILABLE, NULL, 0, "cannot open store '%s': %s",
		    path, strerror(e));
	}
	n = pread(st->lockfd, head, sizeof(head), 0);
	if (n < 0) {
		e = errno;
		return cs_error_set(err, e == EIO ? CS_EX_IOERR :
		    CS_EX_UNAVAILABLE, NULL, 0, "cannot read store '%s': %s",
		    path, strerror(e));
	}
	if (n == 0 && !init)
		return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "store "
		    "'%s' is an empty file; create the store with 'cs-record "
		    "init'", path);
	if (n > 0 && (n < (ssize_t)sizeof(magic) || memcmp(head, magic,
	    sizeof(magic)) != 0))
		return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "'%s' is "
		    "not a cs store (file is not a database)%s", path, hint);
	st->ro_errno = write_access(path);
	st->readonly = st->ro_errno != 0;
	if (st->readonly) {
		if (open_readonly(st, n > 0, err) != 0)
			return -1;
	} else if (sqlite_open(st, path, SQLITE_OPEN_READWRITE, err) != 0) {
		return -1;
	}
	sqlite3_busy_handler(st->db, busy_wait, st);
	sqlite3_extended_result_codes(st->db, 0);
	st->cache_kib = read_kib;
	st->write_kib = cache_kib;
	/* Said as what failed, not as the SQL (an I/O error lands here). */
	if (sqlite3_exec(st->db, "PRAGMA foreign_keys = ON;"
	    "PRAGMA synchronous = NORMAL;"
	    "PRAGMA temp_store = FILE;"
	    "PRAGMA wal_autocheckpoint = 8192", NULL, NULL, NULL) == SQLITE_OK)
		return cs_store_set_cache(st, st->cache_kib, err);
	switch (sqlite3_errcode(st->db) & 0xff) {
	case SQLITE_IOERR:
	case SQLITE_FULL:
		return cs_error_set(err, CS_EX_IOERR, NULL, 0, "cannot set up "
		    "store '%s': %s", st->path, sqlite3_errmsg(st->db));
	default:
		return store_dberr(st, err, "set up the connection");
	}
}
