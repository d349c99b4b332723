/*
 * Temporary output files (lib/core/tmpfile.c, lib/io/stream.c publish):
 * made by mkstemp beside their target, renamed into place, and removed
 * on an error, at exit and on a signal a binary catches (cs_init), so
 * that none is left behind (issue 12).
 */
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "unit.h"

static char dir[256];

/* A child that creates a temporary file for DIR/out, says its name on fd
 * and ends by how: 's' SIGTERM, 'i' SIGINT, 'h' SIGHUP, 'x' exit(3). */
static pid_t
child(int fd, int how)
{
	char path[512], tmp[600], *argv[] = { "test_tmpfile", NULL };
	struct cs_error err;
	pid_t pid;
	int t;

	/* The child's exit flushes what stdio holds: nothing twice. */
	fflush(stdout);
	pid = fork();
	if (pid != 0)
		return pid;
	/* As a shell gives them, whatever this test was started under
	 * (nohup ignores SIGHUP, and an ignored signal stays ignored). */
	signal(SIGHUP, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	cs_init(1, argv);
	snprintf(path, sizeof(path), "%s/out", dir);
	t = cs_tmpfile_create(path, tmp, sizeof(tmp), &err);
	if (t < 0 || write(fd, tmp, strlen(tmp) + 1) < 0)
		_exit(99);
	if (how == 'x')
		exit(3);
	raise(how == 's' ? SIGTERM : how == 'i' ? SIGINT : SIGHUP);
	_exit(98);
}

static void
ends_clean(int how, int sig, const char *what)
{
	char tmp[600] = "", msg[256];
	int p[2], st;
	ssize_t n;
	pid_t pid;

	if (pipe(p) != 0)
		unit_bail(what, strerror(errno));
	pid = child(p[1], how);
	close(p[1]);
	n = read(p[0], tmp, sizeof(tmp) - 1);
	close(p[0]);
	waitpid(pid, &st, 0);
	snprintf(msg, sizeof(msg), "%s: the child made a temporary file", what);
	CHECK(n > 0 && strncmp(tmp, dir, strlen(dir)) == 0, msg);
	snprintf(msg, sizeof(msg), "%s: it ends as it would have", what);
	CHECK(sig ? WIFSIGNALED(st) && WTERMSIG(st) == sig :
	    WIFEXITED(st) && WEXITSTATUS(st) == 3, msg);
	snprintf(msg, sizeof(msg), "%s: and leaves no temporary file", what);
	CHECK(n > 0 && access(tmp, F_OK) != 0 && errno == ENOENT, msg);
}

int
main(void)
{
	char path[512], tmp[600], tmp2[600];
	struct cs_error err;
	struct stat sb;
	FILE *fp;
	int fd;

	unit_tmp(dir, sizeof(dir), "tmpfile");
	if (mkdir(dir, 0700) != 0)
		unit_bail(dir, strerror(errno));
	umask(022);

	/* Beside the target, hidden, unpredictable, 0666 less the umask. */
	snprintf(path, sizeof(path), "%s/frame.csv", dir);
	fd = cs_tmpfile_create(path, tmp, sizeof(tmp), &err);
	CHECK(fd >= 0, "cs_tmpfile_create makes a file");
	CHECK(strncmp(tmp + strlen(dir), "/.frame.csv.", 12) == 0 &&
	    strlen(tmp) == strlen(dir) + 18, "named DIR/.BASE.XXXXXX");
	CHECK(fstat(fd, &sb) == 0 && (sb.st_mode & 0777) == 0644,
	    "with mode 0644 under umask 022");
	fd = cs_tmpfile_create(path, tmp2, sizeof(tmp2), &err);
	CHECK(fd >= 0 && strcmp(tmp, tmp2) != 0, "each call a new name");
	cs_tmpfile_cleanup();
	CHECK(access(tmp, F_OK) != 0 && access(tmp2, F_OK) != 0,
	    "cs_tmpfile_cleanup removes what is listed");

	/* Published: in place, the temporary name gone and forgotten. */
	fp = cs_publish_open(path, tmp, sizeof(tmp), &err);
	CHECK(fp != NULL && fputs("a,b\n", fp) >= 0 &&
	    cs_publish_close(fp, 0, tmp, path, &err) == 0,
	    "cs_publish_open and _close publish");
	CHECK(stat(path, &sb) == 0 && sb.st_size == 4 &&
	    access(tmp, F_OK) != 0, "the file is in place, alone");
	/* A failed one leaves the old file as it was. */
	fp = cs_publish_open(path, tmp, sizeof(tmp), &err);
	fputs("half", fp);
	errno = ENOSPC;
	CHECK(cs_publish_close(fp, 1, tmp, path, &err) == -1 &&
	    err.code == CS_EX_IOERR, "a failed write is 74");
	CHECK_STR(strrchr(err.msg, ':'), ": No space left on device",
	    "with the error of the write");
	CHECK(stat(path, &sb) == 0 && sb.st_size == 4 &&
	    access(tmp, F_OK) != 0, "the old file stays, no temporary one");
	snprintf(path, sizeof(path), "%s/no/such/dir", dir);
	CHECK(cs_publish_open(path, tmp, sizeof(tmp), &err) == NULL &&
	    err.code == CS_EX_CANTCREAT, "no directory: 73");

	/* A binary (cs_init) removes them however it ends. */
	ends_clean('s', SIGTERM, "SIGTERM");
	ends_clean('i', SIGINT, "SIGINT");
	ends_clean('h', SIGHUP, "SIGHUP");
	ends_clean('x', 0, "exit(3)");

	snprintf(path, sizeof(path), "%s/frame.csv", dir);
	unlink(path);
	rmdir(dir);
	return UNIT_DONE();
}
