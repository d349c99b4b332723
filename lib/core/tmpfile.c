/*
 * Temporary output files: created with mkstemp(3) beside their target,
 * listed so that an exit or a caught signal removes them.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/tmpfile.h"

/*
 * The list a signal handler reads: a slot's name is written before the
 * slot is marked used, and only the main thread changes the list.  A
 * run publishes two files at most (a frame and its .sha256); a name that
 * finds no slot is still removed on every error path, only not by a
 * signal.
 */
#define TMP_SLOTS 8
#define TMP_NAME 4096

static char names[TMP_SLOTS][TMP_NAME];
static volatile sig_atomic_t used[TMP_SLOTS];

static void
list_add(const char *tmp)
{
	size_t i, len = strlen(tmp);

	if (len >= TMP_NAME)
		return;
	for (i = 0; i < TMP_SLOTS; i++)
		if (!used[i]) {
			memcpy(names[i], tmp, len + 1);
			used[i] = 1;
			return;
		}
}

void
cs_tmpfile_keep(const char *tmp)
{
	size_t i;

	for (i = 0; i < TMP_SLOTS; i++)
		if (used[i] && strcmp(names[i], tmp) == 0)
			used[i] = 0;
}

void
cs_tmpfile_discard(const char *tmp)
{
	int e = errno;

	unlink(tmp);
	cs_tmpfile_keep(tmp);
	errno = e;
}

void
cs_tmpfile_cleanup(void)
{
	size_t i;
	int e = errno;

	for (i = 0; i < TMP_SLOTS; i++)
		if (used[i]) {
			unlink(names[i]);
			used[i] = 0;
		}
	errno = e;
}

int
cs_tmpfile_create(const char *path, char *tmp, size_t n,
    struct cs_error *err)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash != NULL ? slash + 1 : path;
	struct stat sb;
	mode_t mask;
	int fd, dirlen = slash != NULL ? (int)(slash - path) + 1 : 0;

	if (base[0] == '\0' || (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)))
		return cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "cannot "
		    "create '%s': %s", path, strerror(EISDIR));
	if ((size_t)snprintf(tmp, n, "%.*s.%s.XXXXXX", dirlen, path,
	    base) >= n)
		return cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "cannot "
		    "create '%s': %s", path, strerror(ENAMETOOLONG));
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "cannot "
		    "create '%s': %s", path, strerror(errno));
	list_add(tmp);
	/* mkstemp makes 0600; an output file gets what fopen would give. */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0) {
		int e = errno;

		close(fd);
		cs_tmpfile_discard(tmp);
		return cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "cannot "
		    "create '%s': %s", path, strerror(e));
	}
	return fd;
}
