/*
 * Hashed output files: a stdio stream over fopencookie(3) whose buffers
 * are handed to a thread of the file's own, which hashes, counts and
 * writes them while the caller goes on making the next (a release spends
 * a quarter of its time in write(2) and SHA-256 otherwise).  A write
 * that fails is reported by the next write of the stream or by its close.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/hfile.h"
#include "core/pipe.h"
#include "core/xalloc.h"

/*
 * Every WRITEBACK bytes the file's new pages are handed to the disk
 * (without waiting), so the sync at its close waits for the last few
 * only, not for the whole file written since it was opened.
 */
enum { WRITEBACK = 8 << 20 };

/*
 * The stream's buffer, and the chunks that go round between the stream
 * and the thread: a chunk is handed over when full, so the thread is
 * woken once a MiB, not once a buffer.
 */
enum { BUFSIZE = 1 << 16, CHUNK = 1 << 20, QUEUED = 4 };

struct chunk {
	size_t n;
	char data[];
};

/* Hash, count and write n bytes of buf: 0, or an errno. */
static int
put(struct cs_hfile *h, const char *buf, size_t n)
{
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
		if (w < 0)
			return errno;
		if (w == 0)
			return EIO;
		done += (size_t)w;
	}
	if (h->bytes - h->synced >= WRITEBACK) {
		/* Only a hint: a failure shows at the sync of the close. */
		sync_file_range(h->fd, h->synced, h->bytes - h->synced,
		    SYNC_FILE_RANGE_WRITE);
		h->synced = h->bytes;
	}
	return 0;
}

/*
 * The file's thread: the chunks in turn, each given back to be filled
 * again; after a failure it only gives them back.
 */
static void *
writer(void *arg)
{
	struct cs_hfile *h = arg;
	struct chunk *c;
	int e;

	while ((c = cs_pipe_get(h->queue)) != NULL) {
		if (__atomic_load_n(&h->error, __ATOMIC_ACQUIRE) == 0 &&
		    (e = put(h, c->data, c->n)) != 0)
			__atomic_store_n(&h->error, e, __ATOMIC_RELEASE);
		cs_pipe_put(h->free, c);
	}
	return NULL;
}

/* Hand the chunk being filled to the thread: 0, or -1 with errno. */
static int
hand_over(struct cs_hfile *h)
{
	struct chunk *c = h->cur;

	h->cur = NULL;
	if (c == NULL || c->n == 0) {
		if (c != NULL)
			cs_pipe_put(h->free, c);
		return 0;
	}
	if (cs_pipe_put(h->queue, c) != 0) {
		free(c);
		errno = EIO;
		return -1;
	}
	return 0;
}

/* The stream's write: n bytes of buf copied into chunks for the thread. */
static ssize_t
hwrite(void *cookie, const char *buf, size_t n)
{
	struct cs_hfile *h = cookie;
	size_t done = 0, k;
	int e;

	while (done < n) {
		e = __atomic_load_n(&h->error, __ATOMIC_ACQUIRE);
		if (e == 0 && h->cur == NULL &&
		    (h->cur = cs_pipe_get(h->free)) != NULL)
			h->cur->n = 0;
		if (e != 0 || h->cur == NULL) {
			errno = e != 0 ? e : EIO;
			return 0;	/* the stream's error; errno says */
		}
		k = CHUNK - h->cur->n;
		if (k > n - done)
			k = n - done;
		memcpy(h->cur->data + h->cur->n, buf + done, k);
		h->cur->n += k;
		done += k;
		if (h->cur->n == CHUNK && hand_over(h) != 0)
			return 0;
	}
	return (ssize_t)n;
}

/* Wait for the thread to write what it was given: 0, or -1 with errno. */
static int
drain(struct cs_hfile *h)
{
	struct chunk *c;
	int lost = 0;

	if (h->queue != NULL) {
		lost = hand_over(h) != 0;
		cs_pipe_close(h->queue);
		pthread_join(h->thread, NULL);
		cs_pipe_free(h->queue);
		h->queue = NULL;
	}
	if (lost && h->error == 0)
		h->error = EIO;
	if (h->free != NULL) {
		cs_pipe_close(h->free);
		while ((c = cs_pipe_get(h->free)) != NULL)
			free(c);
		cs_pipe_free(h->free);
		h->free = NULL;
	}
	if (h->error != 0) {
		errno = h->error;
		return -1;
	}
	return 0;
}

static int
hclose(void *cookie)
{
	struct cs_hfile *h = cookie;
	int bad = drain(h) != 0, e = errno;

	cs_sha256_final(h->sha, h->sha256);
	h->sha = NULL;
	if (close(h->fd) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	errno = e;
	return bad ? -1 : 0;
}

FILE *
cs_hfile_create(const char *path, struct cs_hfile *h)
{
	cookie_io_functions_t io = { .write = hwrite, .close = hclose };
	FILE *fp;
	int e, i;

	memset(h, 0, sizeof(*h));
	h->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (h->fd < 0)
		return NULL;
	h->sha = cs_sha256_new();
	h->queue = cs_pipe_new(QUEUED);
	h->free = cs_pipe_new(QUEUED);
	for (i = 0; i < QUEUED; i++)
		cs_pipe_put(h->free, cs_xmalloc(sizeof(struct chunk) + CHUNK));
	if ((e = pthread_create(&h->thread, NULL, writer, h)) != 0) {
		cs_pipe_free(h->queue);
		h->queue = NULL;	/* no thread to wait for */
		hclose(h);
		errno = e;
		return NULL;
	}
	fp = fopencookie(h, "w", io);
	if (fp == NULL) {
		e = errno;
		hclose(h);
		errno = e;
		return NULL;
	}
	setvbuf(fp, NULL, _IOFBF, BUFSIZE);
	return fp;
}

int
cs_hfile_error(const struct cs_hfile *h)
{
	return __atomic_load_n(&h->error, __ATOMIC_ACQUIRE);
}

int
cs_hfile_close(FILE *fp, struct cs_hfile *h)
{
	int bad = fflush(fp) != 0, e = errno;

	if (!bad && drain(h) != 0) {
		bad = 1;
		e = errno;
	}
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
