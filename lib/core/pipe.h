/*
 * A bounded blocking queue of pointers between one producer thread and
 * one consumer thread (pthreads), used to overlap parsing and checking of
 * input with writing to the store.
 */
#ifndef CS_CORE_PIPE_H
#define CS_CORE_PIPE_H

#include <stddef.h>

struct cs_pipe;

/* A queue of at most cap items; returns new memory (cs_pipe_free). */
struct cs_pipe *cs_pipe_new(size_t cap);
/* Accepts NULL.  No thread may be using the queue any more. */
void cs_pipe_free(struct cs_pipe *p);
/*
 * Append item, waiting while the queue is full.  Returns 0, or -1 when
 * the queue was cancelled (the item is not queued).
 */
int cs_pipe_put(struct cs_pipe *p, void *item);
/*
 * Take the oldest item, waiting while the queue is empty.  Returns NULL
 * once the queue is closed (or cancelled) and empty.
 */
void *cs_pipe_get(struct cs_pipe *p);
/* The producer is done: cs_pipe_get returns NULL when the queue runs dry. */
void cs_pipe_close(struct cs_pipe *p);
/* Stop both sides: puts fail and gets return NULL from now on. */
void cs_pipe_cancel(struct cs_pipe *p);

#endif
