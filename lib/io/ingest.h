/*
 * Reading the inputs of a command: FILE... (or stdin) in order, of one
 * format and one CSV header, each row bound to a schema, checked against
 * the rules and turned into canonical JSON -- optionally on a second
 * thread, so that a command writing to the store overlaps with it.  The
 * command gets the results in input order as items.
 */
#ifndef CS_IO_INGEST_H
#define CS_IO_INGEST_H

#include <stddef.h>

#include "core/util.h"
#include "domain/record.h"
#include "io/row.h"
#include "io/stream.h"

struct cs_rules;

struct cs_ingest_opts {
	char *const *paths;		/* NULL or none: stdin */
	int npaths;
	struct cs_read_opts ro;
	const struct cs_schema *sc;	/* NULL: rows are only read */
	const struct cs_rules *ru;	/* with sc: the rules to check by */
	const struct cs_check_opts *co;
	const char *const *sets;	/* --set COLUMN=VALUE */
	size_t nsets;
	const char *const *reserved;	/* columns the command reads itself */
	const int *need;		/* columns a CSV header must have */
	size_t nneed;
	int derive_id;			/* give records without one their id */
	int threaded;			/* check on a second thread */
};

enum cs_item_kind {
	CS_ITEM_ROW,			/* a row (checked, when there is a schema) */
	CS_ITEM_REJECT,			/* a row that is bad: msg says why */
	CS_ITEM_HEADER,			/* the first input's header and format */
	CS_ITEM_MESSAGE,		/* an input that cannot be opened: err */
	CS_ITEM_FATAL			/* the run must stop: err */
};

/*
 * One result.  row is the row as given (its header is a snapshot that
 * lives as long as the ingest); f, body and msg belong to the item.  All
 * are valid until the next cs_ingest_next.
 */
struct cs_item {
	int kind;
	struct cs_row row;
	struct cs_fields f;		/* ROW with a schema: checked, normalised */
	struct cs_buf body;		/* ROW with a schema: canonical JSON of f */
	char msg[1024];			/* REJECT: the reason; ROW: a warning or "" */
	int format;			/* HEADER: enum cs_format of the inputs */
	struct cs_error err;		/* MESSAGE, FATAL */
};

struct cs_ingest;

/* Start reading; returns new memory (cs_ingest_free).  o is copied. */
struct cs_ingest *cs_ingest_start(const struct cs_ingest_opts *o);
/*
 * The next item: 1 with *it (borrowed until the next call), 0 at the end.
 * After a CS_ITEM_FATAL item there are no more.
 */
int cs_ingest_next(struct cs_ingest *ing, struct cs_item **it);
/*
 * Stop early (a --strict reject, a store failure): the reading thread
 * stops at its next row; this waits up to two seconds for it to end.
 * Safe to call before exit without freeing.
 */
void cs_ingest_stop(struct cs_ingest *ing);
/* Wait for the reading thread and free everything.  Accepts NULL. */
void cs_ingest_free(struct cs_ingest *ing);

#endif
