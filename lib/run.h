/*
 * The plumbing every command shares: its rules, store and rejects sink,
 * its inputs, the rows it rejects, its exit status and its batches.  Like
 * cli, this module reports on stderr and exits on fatal errors.
 */
#ifndef CS_RUN_H
#define CS_RUN_H

#include <stdnoreturn.h>

#include "cli.h"
#include "ingest.h"
#include "record.h"
#include "rules.h"
#include "store.h"
#include "stream.h"

struct cs_run_opts {
	const char *tool;		/* recorded in the ledger: "cs-record" */
	int need_store;			/* open the store ($CS_DB, -d) */
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
	long committed;			/* rows stored by committed batches */
	long inbatch;			/* rows in the open batch */
	long kill_rows;			/* rows handed out (CS_TEST_KILL_AT) */
	struct cs_counts n;
	int rc;				/* exit status so far */
};

/*
 * Load the rules, open the store and the rejects file (which may be
 * neither an input nor the store).  Reports and exits on failure.
 */
void cs_run_open(struct cs_run *c, const struct cs_run_opts *o);
/* Close everything; returns the exit status of the run. */
int cs_run_close(struct cs_run *c);

/* Keep the worse exit status: fatal > 66 > 1 > 0. */
void cs_run_status(struct cs_run *c, int code);
/*
 * Reject a row: "prog: file:line: msg", a copy to the rejects file, exit
 * status 1; with --strict, roll back and exit 65.
 */
void cs_run_reject(struct cs_run *c, const struct cs_row *row,
    const char *msg);
/*
 * Report err, say what earlier batches stored, roll back the open batch
 * and exit with err->code.
 */
noreturn void cs_run_fatal(struct cs_run *c, const struct cs_error *err);
/*
 * Stop the reading thread, roll back, close the rejects file and the
 * store, exit with code.  The rules stay allocated: the reading thread
 * may still look at them.
 */
noreturn void cs_run_leave(struct cs_run *c, int code);

/*
 * Start reading the inputs: rows bound to sc and checked (derived ids for
 * records), CSV headers needing the columns need, reserved columns left
 * to the command, on a second thread when threaded.  sc NULL: rows only.
 */
void cs_run_inputs(struct cs_run *c, const struct cs_schema *sc,
    const int *need, size_t nneed, const char *const *reserved,
    int threaded);
/*
 * The next row to handle: 1 with *it (borrowed until the next call), 0 at
 * the end.  Headers, inputs that cannot be opened (66), bad rows (counted
 * in c->n.rejected) and fatal errors are dealt with here.
 */
int cs_run_next(struct cs_run *c, struct cs_item **it);

/* BEGIN the first transaction (exit on failure). */
void cs_run_begin(struct cs_run *c);
/* After a row: commit every o.batch rows (never with --strict). */
void cs_run_batch(struct cs_run *c);
/* COMMIT the last batch. */
void cs_run_commit(struct cs_run *c);

/*
 * Check f (record or entity) against the rules: 0 when valid (a warning
 * is reported), -1 when the row was rejected.
 */
int cs_run_check(struct cs_run *c, const struct cs_row *row,
    struct cs_fields *f);

#endif
