/*
 * Hashed output files: a stdio stream over fopencookie(3) whose write
 * function hashes and counts each buffer it is given before it writes it
 * to the file.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "core/hfile.h"

/*
 * Every WRITEBACK bytes the file's new pages are handed to the disk
 * (without waiting), so the sync at its close waits for the last few
 * only, not for the whole file written since it was opened.
 */
enum { WRITEBACK = 8 << 20 };

static ssize_t
hwrite(void *cookie, const char *buf, size_t n)
{
	struct cs_hfile *h = cookie;
	const char *p = buf, *end = buf + n;
	ssize_t w;
	size_t done = 0;

	cs_sha256_update(h->sha, buf, n);
	h->bytes += (long)n;
	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		h->lines++;
		p++;
	}
	while (done < n) {
		w = write(h->fd, buf + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return 0;	/* the stream's error; errno says */
		done += (size_t)w;
	}
	if (h->bytes - h->synced >= WRITEBACK) {
		/* Only a hint: a failure shows at the sync of the close. */
		sync_file_range(h->fd, h->synced, h->bytes - h->synced,
		    SYNC_FILE_RANGE_WRITE);
		h->synced = h->bytes;
	}
	return (ssize_t)n;
}

static int
hclose(void *cookie)
{
	struct cs_hfile *h = cookie;

	cs_sha256_final(h->sha, h->sha256);
	h->sha = NULL;
	return close(h->fd);
}

FILE *
cs_hfile_create(const char *path, struct cs_hfile *h)
{
	cookie_io_functions_t io = { .write = hwrite, .close = hclose };
	FILE *fp;
	int e;

	memset(h, 0, sizeof(*h));
	h->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (h->fd < 0)
		return NULL;
	h->sha = cs_sha256_new();
	fp = fopencookie(h, "w", io);
	if (fp == NULL) {
		e = errno;
		hclose(h);
		errno = e;
		return NULL;
	}
	setvbuf(fp, NULL, _IOFBF, 1 << 16);
	return fp;
}

int
cs_hfile_close(FILE *fp, struct cs_hfile *h)
{
	int bad = fflush(fp) != 0, e = errno;

	if (!bad && fsync(h->fd) != 0) {
		bad = 1;
		e = errno;
	}
	if (fclose(fp) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	errno = e;
	return bad ? -1 : 0;
}
