/*
 * A command run: its rules, store and rejects sink, its inputs, the rows
 * it rejects, its exit status and its batches.  The silent core returns
 * errors in struct cs_error; the talking side (cs_run_open, cs_run_next,
 * cs_run_reject, cs_run_fatal, ...) reports them and exits.
 */
#ifndef CS_CLI_RUN_H
#define CS_CLI_RUN_H

#include <stdnoreturn.h>

#include "cli/messages.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "domain/record.h"
#include "io/ingest.h"
#include "io/stream.h"
#include "ops/unmask.h"
#include "rules/rules.h"
#include "store/store.h"

/* What a run is given; the pointers are borrowed for the run's life. */
struct cs_run_opts {
	const struct cs_common *com;	/* the parsed common options */
	const char *tool;		/* for the ledger: "cs-record" */
	int need_store;			/* open the store ($CS_DB, -d) */
	int writes;			/* rows go into the store */
	char *const *inputs;		/* FILE... (none: stdin) */
	int ninputs;
	int allow_pilot;		/* --allow-pilot-codes */
	const char *pilot_list;		/* --pilot-list */
	const char *const *sets;	/* --set COLUMN=VALUE */
	size_t nsets;
	long batch;			/* rows per transaction (0: 50000) */
};

/* What a command did with its rows, for the summary. */
struct cs_counts {
	long added;
	long updated;
	long unchanged;
	long rejected;
};

struct cs_run {
	struct cs_run_opts o;
	struct cs_rules *ru;
	struct cs_store *st;		/* NULL unless need_store */
	struct cs_rejects *rj;
	struct cs_progress pr;
	struct cs_check_opts co;	/* --as-of, pilot codes */
	char **pilots;			/* --pilot-list, sorted */
	size_t npilots;
	struct cs_ingest *ing;		/* the inputs being read */
	int format;			/* of the inputs, or CS_FMT_AUTO */
	const struct cs_header *hdr;	/* of the inputs, once read, or NULL */
	long committed;			/* rows stored by committed batches */
	long inbatch;			/* rows in the open batch */
	long kill_rows;			/* rows handed out (CS_TEST_KILL_AT) */
	const char *const *need_cols;	/* a CSV header must have these */
	int with_set;			/* ... or --set them (o.sets) */
	struct cs_counts n;
	int rc;				/* exit status so far */
	/*
	 * Called before each COMMIT, inside the transaction (may be NULL):
	 * write what the batch stored; 0, or -1 with err.  stdout is then
	 * flushed: a commit never outruns its receipt.
	 */
	int (*receipt)(void *ctx, struct cs_error *err);
	void *receipt_ctx;
	int out_failed;			/* stdout failed before a commit */
	long handled;			/* rows handled by committed batches */
	const char *mark_file;		/* the input of marks (borrowed) */
	long marks[3];			/* its items by mark (cs_item.mark) */
	struct cs_disclosure dc;	/* of cs_run_disclosure */
};

/*
 * The silent core.
 *
 * Load the rules, open the store and the rejects file (which may be
 * neither an input nor the store).  Returns 0, or -1 with err (64, 66,
 * 69, 73).
 */
int cs_run_init(struct cs_run *c, const struct cs_run_opts *o,
    struct cs_error *err);
/* Free everything; -1 with err when the rejects file failed (74). */
int cs_run_release(struct cs_run *c, struct cs_error *err);
/*
 * Stop the reading thread, roll back, close the rejects file and the
 * store (the rules stay: the reading thread may still look at them).
 */
int cs_run_abandon(struct cs_run *c, struct cs_error *err);

/*
 * How command shows ID numbers: masked by the rules' pattern, or whole
 * with --unmasked (recorded with --as-of).  Borrowed from c.
 */
const struct cs_disclosure *cs_run_disclosure(struct cs_run *c,
    const char *command);

/* The output format: --to, else that of the inputs read, else CSV. */
int cs_run_out_format(const struct cs_run *c);

/* Keep the worse exit status: fatal > 66 > 1 > 0. */
void cs_run_status(struct cs_run *c, int code);
/*
 * Copy a rejected row to the rejects file, status 1; returns 1 when
 * --strict wants the run stopped.
 */
int cs_run_copy_reject(struct cs_run *c, const struct cs_row *row,
    const char *msg);

/*
 * Start reading the inputs: rows bound to sc and checked (derived ids for
 * records), CSV headers needing the columns need, reserved columns left
 * to the command, on a second thread when threaded.  sc NULL: rows only.
 * A --set value that no row could pass stops the run first (64).
 */
void cs_run_inputs(struct cs_run *c, const struct cs_schema *sc,
    const int *need, size_t nneed, const char *const *reserved,
    int threaded);
/*
 * Start the progress line of the run, counting what (NULL: "rows"), as
 * --progress says, with the size of the inputs when it is known.
 */
void cs_run_progress(struct cs_run *c, const char *what);
/*
 * The next item other than a header (headers set the rejects file and
 * c->format): 1 with *it (borrowed until the next call), 0 at the end.
 * A CSV header that lacks a column of c->need_cols makes a FATAL item.
 */
int cs_run_item(struct cs_run *c, struct cs_item **it);

/* BEGIN; after each row COMMIT and BEGIN every o.batch rows (never with
 * --strict); COMMIT.  Each returns 0, or -1 with err.  Before a COMMIT
 * the receipt is written and stdout flushed; a write error fails it (74)
 * and the batch is not stored. */
int cs_run_tx_begin(struct cs_run *c, struct cs_error *err);
int cs_run_tx_row(struct cs_run *c, struct cs_error *err);
int cs_run_tx_commit(struct cs_run *c, struct cs_error *err);

/*
 * The talking side: each reports on stderr and exits when the run cannot
 * go on.
 *
 * cs_run_init, or report and exit.
 */
void cs_run_open(struct cs_run *c, const struct cs_run_opts *o);
/*
 * Free everything; returns the exit status of the run (74 on a failed
 * rejects file, reported).
 */
int cs_run_close(struct cs_run *c);
/*
 * Reject a row: "prog: file:line: msg", counted in c->n.rejected, a copy
 * in the rejects file, exit status 1; with --strict, roll back and exit
 * 65.
 */
void cs_run_reject(struct cs_run *c, const struct cs_row *row,
    const char *msg);
/*
 * Report err, say what earlier batches stored (or, when stdout failed
 * before a commit, that nothing else was), roll back, exit.
 */
noreturn void cs_run_fatal(struct cs_run *c, const struct cs_error *err);
/* Roll back, close, exit with code. */
noreturn void cs_run_leave(struct cs_run *c, int code);
/*
 * The next row to handle: 1 with *it (borrowed until the next call), 0
 * at the end.  Inputs that cannot be opened (66), bad rows (counted) and
 * fatal errors are dealt with, and the progress line kept.  An input
 * whose rows had severities derived, or rejected as underivable, ends
 * with one line saying how many of each, unless --quiet.
 */
int cs_run_next(struct cs_run *c, struct cs_item **it);
/* The transaction steps above, exiting on failure. */
void cs_run_begin(struct cs_run *c);
void cs_run_batch(struct cs_run *c);
void cs_run_commit(struct cs_run *c);
/*
 * Close w, the rows of what the run stored and committed, and flush
 * stdout; on a write error report it, say that the same command run
 * again prints the rows again, and set the status to 74.  w may be NULL.
 */
void cs_run_stored_rows(struct cs_run *c, struct cs_writer *w);

#endif
