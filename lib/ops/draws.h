/*
 * A draw of cs-sample: computed from a frame file (drawing_frame.c; the
 * frame read twice, the classes counted, then the lowest tickets kept in
 * a bounded heap per class; canonical frames by drawing_fast.c), the
 * inspectors assigned (drawing_inspectors.c), the rows handed out in
 * output order or compared with a published sample (drawing.c), and
 * rounds recorded in the store (draws.c).  Never prints or exits.
 */
#ifndef CS_OPS_DRAWS_H
#define CS_OPS_DRAWS_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "core/util.h"
#include "domain/sample.h"
#include "io/row.h"
#include "rules/plans.h"
#include "rules/rules.h"
#include "store/store.h"

/* What a draw is computed from (strings borrowed for the draw's life). */
struct cs_draw_in {
	const char *frame;		/* path; NULL or "-": stdin, spooled */
	const char *seed;
	size_t seedlen;
	const char *inspectors;		/* NULL: no inspectors */
	const char *conflicts;		/* NULL: none declared */
	const long *esc;		/* tickets per class of each escalation */
	size_t nesc;
	int from;			/* enum cs_format of the frame */
	const char *encoding;		/* NULL: UTF-8 */
	int delim;			/* CSV delimiter of the frame; 0: ',' */
};

/* A draw computed; the fields are read-only for the caller. */
struct cs_drawing {
	struct cs_draw_in in;
	const struct cs_rules *ru;
	const struct cs_plan *plan;
	const char *name;		/* the frame's display name */
	char frame_hash[65];		/* SHA-256 of the frame's bytes */
	char ins_hash[65];		/* of the inspectors file, or "" */
	char conf_hash[65];		/* of the conflicts file, or "" */
	long *n;			/* entities per class */
	struct cs_heap *heap;		/* per class: the picks, by rank */
	long total;			/* picks */
	long unassigned;		/* picks without their inspectors */
	char **why;			/* per pick (class, rank order): NULL,
					 * or why it has no inspectors */
	int fmt;			/* enum cs_format of the frame */
	const char **names;		/* output columns */
	size_t ncols;
	/* private */
	off_t start;
	long *base;
	struct cs_sampler *s;
	struct cs_header hdr;
	long *pass;
	size_t npass;
	char **strs;
	size_t nstrs;
	struct cs_inspector *ins;
	size_t nins;
	struct cs_strmap conflicts;
	size_t *chosen;
	int fast;
};

/*
 * Compute the draw of in->frame for plan (both borrowed, as ru).  Reading
 * stdin spools it to a temporary file (it is read twice) and moves that
 * file onto descriptor 0.  Returns 0 with *dp new (cs_drawing_free), or
 * -1 with err: 66 a file cannot be opened, 65 a frame that is not clean
 * (a bad or non-canonical USCC, a class the plan lacks, an entity twice:
 * on adjacent lines of a sorted canonical frame, else among the picks),
 * or bad inspector or conflict files, 73 and 74.
 */
int cs_drawing_run(struct cs_drawing **dp, const struct cs_rules *ru,
    const struct cs_plan *plan, const struct cs_draw_in *in,
    struct cs_error *err);
void cs_drawing_free(struct cs_drawing *d);

/* The round (1: the plan's count, 2...: escalations) of rank r of a class. */
int cs_drawing_round(const struct cs_drawing *d, size_t cls, long r);
/*
 * Hand the output rows (d->ncols values with their lengths, borrowed for
 * the call), by class and rank, to emit; stops when emit returns non-zero
 * and returns that.
 */
int cs_drawing_rows(const struct cs_drawing *d, int (*emit)(void *ctx,
    const char *const *v, const size_t *len), void *ctx);
/*
 * Write the rows of d to fp in format (CS_FMT_AUTO: NDJSON for an NDJSON
 * frame, else CSV).  A write error shows in ferror(fp).
 */
void cs_drawing_write(const struct cs_drawing *d, FILE *fp, int format);
struct cs_reader;
/*
 * Compare the draw d with a published sample read by r: 0 when they are
 * the same rows and columns, 1 with diff[n] naming the first difference
 * (or that the frame holds no entity, or the sample is an empty file:
 * nothing is verified then), -1 with err when the sample cannot be read.
 */
int cs_drawing_verify(const struct cs_drawing *d, struct cs_reader *r,
    char *diff, size_t n, struct cs_error *err);
/*
 * Read a seed file: its bytes with one final newline dropped, which must
 * be text (UTF-8, no NUL) and not empty.  Returns 0 with *seed new and
 * *len, or -1 with err (66, 74, 65 naming the byte at fault).
 */
int cs_seed_read(const char *path, char **seed, size_t *len,
    struct cs_error *err);
/*
 * The canonical JSON body of the "draw" event of round (its picks only)
 * into out (reset first); as_of is the day of the round.
 */
void cs_drawing_body(const struct cs_drawing *d, const char *draw_id,
    const char *period, const char *as_of, int round, struct cs_buf *out);
/* What the store holds of a draw before a new round is recorded. */
struct cs_draw_prior {
	int recorded;			/* 1: the draw is in the store */
	long seq;			/* its last draw event */
	char *seed, *frame_hash, *inspectors_hash, *conflicts_hash;
	long *esc;			/* tickets per class of each escalation */
	size_t nesc;
};

/*
 * Read draw draw_id before recording a round of it: a first round
 * (escalating 0) needs it absent, an escalation present.  Returns 0 with
 * p filled (cs_draw_prior_release), or -1 with err: 65 when the draw is
 * recorded already or there is nothing to escalate.
 */
int cs_draw_prior_read(struct cs_store *st, const char *draw_id,
    int escalating, struct cs_draw_prior *p, struct cs_error *err);
void cs_draw_prior_release(struct cs_draw_prior *p);
/*
 * Record round (p->nesc + escalations + 1) of d as draw draw_id, in one
 * transaction.  A frame without entities is not recorded (65: it would
 * hold the period for nothing).  An escalation must continue the same
 * draw: the seed, frame, plan, inspectors and conflicts of p (65 naming
 * what differs); a draw another run recorded meanwhile is 75.  receipt
 * (may be NULL) is called with ctx inside the transaction, before the
 * commit, to write the sample: when it fails the draw is not recorded.
 * Returns 0 with *seq, or -1 with err (nothing recorded).
 */
int cs_drawing_record(struct cs_store *st, const struct cs_drawing *d,
    const struct cs_draw_prior *p, const char *draw_id, const char *period,
    const char *as_of, int round, int (*receipt)(void *ctx,
    struct cs_error *err), void *ctx, long *seq, struct cs_error *err);
/*
 * The targets of draw draw_id that are done (a valid result), into
 * *done.  Returns 0, or -1 with err.
 */
int cs_draw_count_done(struct cs_store *st, const char *draw_id, long *done,
    struct cs_error *err);

/*
 * The USCC and class of a row of a classified stream: 0, or -1 with the
 * reason in msg (a bad row, a missing column, a bad or pilot USCC, a class
 * plan lacks).  The USCC is normalised into uscc[19].
 */
int cs_frame_row(const struct cs_row *row, const struct cs_rules *ru,
    const struct cs_plan *plan, char uscc[19], long *cls, char *msg,
    size_t msgsz);

#endif
