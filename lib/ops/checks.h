/*
 * Screening a stream of counterparties (cs-blacklist check): each row
 * judged against the lists and written with the screening columns after
 * its own, either through the writer or, for a plain CSV line, copied as
 * it is with the new columns appended.
 */
#ifndef CS_OPS_CHECKS_H
#define CS_OPS_CHECKS_H

#include "io/csvlines.h"
#include "io/stream.h"
#include "ops/screening.h"

struct cs_checker {
	struct cs_screen s;
	const struct cs_uscc_rules *ur;	/* borrowed */
	struct cs_passthru pt;		/* input columns, then ours */
	struct cs_buf out;		/* lines path: output not yet written */
	long ucol, ncol;		/* the uscc and name columns, or -1 */
	int raw_ok;			/* lines may be copied as they are */
	long rows;			/* rows screened */
	long listed;			/* of them, listed */
	char msg[512];			/* why the last row was refused */
};

/*
 * Load the entries in force on as_of (for dept, or NULL) and get ready
 * to write to stdout.  ur is borrowed.  Returns 0, or -1 with err; call
 * cs_checker_release either way.
 */
int cs_checker_init(struct cs_checker *k, struct cs_store *st,
    const struct cs_lists *ls, const struct cs_uscc_rules *ur,
    const char *as_of, const char *dept, struct cs_error *err);
/* Free everything; accepts a zeroed struct. */
void cs_checker_release(struct cs_checker *k);

/*
 * Start the output for header h in format (CSV: its header line goes out
 * now); raw says whether the lines path may copy lines as they are.
 */
void cs_checker_begin(struct cs_checker *k, const struct cs_header *h,
    int format);
/* The header changed (NDJSON keys new to the stream): find the columns. */
void cs_checker_columns(struct cs_checker *k, const struct cs_header *h);
/*
 * Screen a split row and write it: 0, or -1 when its USCC is invalid
 * (k->msg says why; the row is to be rejected).
 */
int cs_checker_row(struct cs_checker *k, const struct cs_row *row);
/*
 * Screen a CSV line of the lines path: 0 when it was copied with the new
 * columns, -1 when refused (k->msg), 1 when it must be split and given to
 * cs_checker_row (quoted, another shape, or raw lines not allowed).
 */
int cs_checker_line(struct cs_checker *k, const struct cs_csv_rec *rec,
    size_t nhdr);
/* Write what the lines path has buffered. */
void cs_checker_flush(struct cs_checker *k);
/*
 * End the output (nothing read: the new columns alone, after hdr, which
 * may be NULL) and close the writer: 0, or -1 with err (74).
 */
int cs_checker_end(struct cs_checker *k, const struct cs_header *hdr,
    int format, struct cs_error *err);

#endif
