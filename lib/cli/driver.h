/*
 * The one streaming loop of the commands that read rows (mblaze's
 * blaze822_loop): rows in, one handler call per row, the outcome counted
 * or the row rejected, batches committed, the progress line kept.  The
 * command keeps its options, its output and its summary line.
 */
#ifndef CS_CLI_DRIVER_H
#define CS_CLI_DRIVER_H

#include "cli/run.h"
#include "ops/checks.h"
#include "ops/records.h"

/* How the rows of a run are stored. */
enum cs_rows_tx {
	CS_ROWS_READ,			/* nothing stored: no transaction */
	CS_ROWS_ONE_TX,			/* one transaction for the whole run */
	CS_ROWS_BATCHED			/* a commit every o.batch rows */
};

/* Which ids of handled rows cs_run_rows keeps (enum cs_outcome bits). */
enum cs_rows_keep {
	CS_KEEP_ADDED = 1 << 0,
	CS_KEEP_UNCHANGED = 1 << 1
};

/*
 * What a handler says of its row besides the outcome; cs_run_rows clears
 * it before each row.  Strings are borrowed until the handler's next
 * call.
 */
struct cs_said {
	const char *why;		/* CS_REFUSED: the reject message */
	const char *warn;		/* otherwise: a warning, or NULL */
	long id;			/* what the row made (see keep) */
};

/* A streaming run: its inputs, its handler, what it keeps. */
struct cs_rows {
	/* The inputs, as cs_run_inputs takes them. */
	const struct cs_schema *sc;	/* bind and check rows, or NULL */
	const int *need;		/* CSV columns required */
	size_t nneed;
	const char *const *reserved;	/* columns the handler reads itself */
	int threaded;			/* read on a second thread */
	/*
	 * Columns a CSV header must have (canonical names, NULL-terminated;
	 * NULL: none), or --set when with_set: else the run stops at the
	 * header (65) with one message naming all that are missing.
	 */
	const char *const *need_cols;
	int with_set;

	int tx;				/* enum cs_rows_tx */
	const char *what;		/* progress unit; NULL: "rows", unless
					   the command started its own line */
	int keep;			/* enum cs_rows_keep: ids to keep */
	/*
	 * Called after the first BEGIN, before reading (may be NULL):
	 * 0, or -1 with err (fatal).
	 */
	int (*begin)(void *ctx, struct cs_error *err);
	/* Called after the last COMMIT (may be NULL): 0, or -1 with err. */
	int (*end)(void *ctx, struct cs_error *err);
	/*
	 * Called before each COMMIT, inside the transaction (may be NULL),
	 * with the ids kept since the previous one: write the rows of what
	 * the batch stored.  stdout is flushed next; a write error rolls
	 * the batch back (74).  0, or -1 with err (fatal).
	 */
	int (*receipt)(void *ctx, const long *ids, size_t n,
	    struct cs_error *err);
	/*
	 * The handler of one row (it borrowed): an enum cs_outcome (a reader
	 * that stores nothing returns CS_UNCHANGED), or -1 with err (fatal:
	 * the run is rolled back).
	 */
	int (*row)(void *ctx, struct cs_item *it, struct cs_said *said,
	    struct cs_error *err);
	void *ctx;			/* handed to begin, end and row */

	/* Filled by cs_run_rows: the ids kept, in input order. */
	long *ids;			/* new (free), or NULL */
	size_t nids;
	size_t nsent;			/* ids handed to receipt */
};

/*
 * Read c's inputs and hand each row to r->row: CS_ADDED, CS_UPDATED and
 * CS_UNCHANGED are counted in c->n, a refused row is rejected (reported,
 * copied to --rejects; with --strict the run stops), a warning reported,
 * -1 is fatal.  Transactions as r->tx says; the progress line counts
 * r->what.  Exits on a fatal error (cs_run_fatal).
 */
void cs_run_rows(struct cs_run *c, struct cs_rows *r);

/*
 * The loop of screening on its fast path: c's inputs, CSV files that
 * cs_csv_lines_usable allows, read line by line as one stream, each
 * record given to k (cs_checker_line; split into a row only when it must
 * be), rejects reported and copied, the progress line kept (cs-blacklist
 * check).  Exits on a fatal error.
 */
void cs_run_lines(struct cs_run *c, struct cs_checker *k);

/*
 * The summary of a storing run on stderr unless --quiet: "VERB n,
 * unchanged n, rejected n", with "updated n" after VERB when updated.
 */
void cs_run_summary(const struct cs_run *c, const char *verb, int updated);

#endif
