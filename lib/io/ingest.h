/*
 * Reading the inputs of a command: FILE... (or stdin) in order, of one
 * format and one CSV header -- optionally on a second thread, so that a
 * command writing to the store overlaps with it.  The command may hand in
 * hooks that run on the reading thread (when an input opens, and per row
 * to bind, check and convert it into a payload of the item); it gets the
 * results in input order as items.
 */
#ifndef CS_IO_INGEST_H
#define CS_IO_INGEST_H

#include <stddef.h>

#include "core/util.h"
#include "io/row.h"
#include "io/stream.h"

struct cs_item;

/*
 * What a command does on the reading thread.  Any hook may be NULL; with
 * none, rows are only read.  The hooks run one at a time, in input order.
 */
struct cs_ingest_hooks {
	void *ctx;			/* handed to every hook */
	/*
	 * A payload for one slot of items (made at the start, reused row
	 * after row), freed by data_free.
	 */
	void *(*data_new)(void *ctx);
	void (*data_free)(void *ctx, void *data);
	/*
	 * An input was opened: name is its name in messages, format its
	 * format, h its header (NDJSON adds keys as rows come).  Returns 0,
	 * or -1 with err: the run stops there with a FATAL item.
	 */
	int (*open)(void *ctx, const char *name, int format,
	    const struct cs_header *h, struct cs_error *err);
	/*
	 * A row read well: row is as read (borrowed for the call), it the
	 * item to fill (it->data, and a warning in it->msg), or to make a
	 * CS_ITEM_REJECT with the reason in it->msg.
	 */
	void (*prepare)(void *ctx, const struct cs_row *row,
	    struct cs_item *it);
	/* Free ctx, in cs_ingest_free (after the reading thread ended). */
	void (*ctx_free)(void *ctx);
};

struct cs_ingest_opts {
	char *const *paths;		/* NULL or none: stdin */
	int npaths;
	struct cs_read_opts ro;
	struct cs_ingest_hooks hooks;
	int threaded;			/* read on a second thread */
};

enum cs_item_kind {
	CS_ITEM_ROW,			/* a row (prepared by the hook, if any) */
	CS_ITEM_REJECT,			/* a row that is bad: msg says why */
	CS_ITEM_HEADER,			/* the first input's header and format */
	CS_ITEM_MESSAGE,		/* an input that cannot be opened: err */
	CS_ITEM_FATAL			/* the run must stop: err */
};

/*
 * One result.  row is the row as given (its header is a snapshot that
 * lives as long as the ingest); data and msg belong to the item.  All
 * are valid until the next cs_ingest_next.
 */
struct cs_item {
	int kind;
	struct cs_row row;
	void *data;			/* ROW: the payload prepare filled */
	char msg[1024];			/* REJECT: the reason; ROW: a warning or "" */
	int format;			/* HEADER: enum cs_format of the inputs */
	struct cs_error err;		/* MESSAGE, FATAL */
	long long at;			/* ROW, REJECT: input bytes read so
					   far, over all inputs (progress) */
	int mark;			/* ROW, REJECT: what prepare did, for
					   the command's counts per input (0:
					   nothing to count) */
};

struct cs_ingest;

/*
 * Start reading; returns new memory (cs_ingest_free), which takes
 * o->hooks.ctx (freed by ctx_free).  o is copied.
 */
struct cs_ingest *cs_ingest_start(const struct cs_ingest_opts *o);
/*
 * The next item: 1 with *it (borrowed until the next call), 0 at the end.
 * After a CS_ITEM_FATAL item there are no more.
 */
int cs_ingest_next(struct cs_ingest *ing, struct cs_item **it);
/*
 * The bytes of all inputs as stored (cs_inputs_size), or -1 when that is
 * not known: what cs_item.at counts towards.
 */
long long cs_ingest_size(const struct cs_ingest *ing);
/*
 * Stop early (a --strict reject, a store failure): the reading thread
 * stops at its next row; this waits up to two seconds for it to end.
 * Safe to call before exit without freeing.
 */
void cs_ingest_stop(struct cs_ingest *ing);
/* Wait for the reading thread and free everything.  Accepts NULL. */
void cs_ingest_free(struct cs_ingest *ing);

#endif
