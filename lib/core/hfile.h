/*
 * A file written through stdio and hashed as it is written: its SHA-256,
 * bytes and lines are known when it is closed, without reading it back.
 * The hashing and writing run in a thread of the file's own.
 */
#ifndef CS_CORE_HFILE_H
#define CS_CORE_HFILE_H

#include <pthread.h>
#include <stdio.h>

#include "core/hash.h"

struct cs_pipe;
struct chunk;

/* Its counts and hash are the thread's until the stream is closed. */
struct cs_hfile {
	int fd;
	struct cs_sha256_ctx *sha;
	long bytes;			/* written so far */
	long lines;			/* newlines written so far */
	long synced;			/* bytes handed to writeback */
	unsigned char sha256[32];	/* of every byte, once closed */
	struct cs_pipe *queue;		/* chunks for the thread */
	struct cs_pipe *free;		/* chunks to fill again */
	struct chunk *cur;		/* the chunk being filled */
	pthread_t thread;
	int error;			/* errno of a write that failed */
};

/*
 * Create path (it must not exist; mode 0666 less the umask) for writing
 * through the returned stream, each byte hashed and counted into h as
 * the stream writes it; h must stay where it is until the stream is
 * closed.  NULL with errno when path cannot be created.
 */
FILE *cs_hfile_create(const char *path, struct cs_hfile *h);
/*
 * Flush fp, sync the file to disk and close it (fclose alone closes it
 * too, unsynced); h->sha256 and the counts are then complete.  0, or -1
 * with errno when a write, the sync or the close failed.
 */
int cs_hfile_close(FILE *fp, struct cs_hfile *h);
/*
 * The errno of the first write of h's thread that failed, 0 while none
 * did: what a failed fflush or ferror of the stream stands for, whatever
 * errno holds by then (an earlier failure leaves stdio nothing to write).
 */
int cs_hfile_error(const struct cs_hfile *h);

#endif
