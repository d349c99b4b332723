/*
 * Classifying scored entities (cs-classify): a row's uscc, score, model
 * and as_of checked, the class fixed by a direct determination of the
 * model or by the score's threshold, compared with an earlier output,
 * saved in the store; and the history of the saved classes.
 */
#ifndef CS_OPS_CLASSES_H
#define CS_OPS_CLASSES_H

#include "io/stream.h"
#include "ops/facts.h"

/* A classifying run and its last row. */
struct cs_classing {
	struct cs_store *st;		/* borrowed */
	const struct cs_models *ms;	/* borrowed */
	const struct cs_classes *cl;	/* borrowed */
	int as_of;			/* days: rows without an as_of */
	struct cs_facts f;
	struct cs_strmap prev;		/* --previous: uscc -> class letter */
	int has_prev;
	long per_class[8];		/* rows per class, by rank */
	/* The last row (cs_classing_row). */
	char uscc[19];
	long score;			/* tenths */
	int day;			/* its as_of */
	const struct cs_model *m;	/* its model */
	char cls[2];			/* its class */
	char prev_cls[2];		/* its previous class, or "" */
	const char *change;		/* up, down, same, new; NULL */
	struct cs_buf reason;		/* class_reason */
	char msg[512];			/* why a row was refused */
};

/*
 * Set up k to classify with ms and cl (borrowed) over st on as_of (days)
 * for rows without an as_of; the store's cache is kept small (the facts
 * are read in order, with a sort).  Returns 0, or -1 with err; call
 * cs_classing_release either way.
 */
int cs_classing_init(struct cs_classing *k, struct cs_store *st,
    const struct cs_models *ms, const struct cs_classes *cl, int as_of,
    struct cs_error *err);
void cs_classing_release(struct cs_classing *k);

/*
 * Read an earlier output of cs-classify (path; its uscc and class
 * columns) for the change column.  Returns 0, or -1 with err.
 */
int cs_classing_previous(struct cs_classing *k, const char *path,
    const struct cs_aliases *aliases, struct cs_error *err);

/*
 * Classify row (its uscc checked with ur): 0 with the fields of the last
 * row set and counted in per_class, 1 when the row is refused (k->msg),
 * -1 with err.
 */
int cs_classing_row(struct cs_classing *k, const struct cs_uscc_rules *ur,
    const struct cs_row *row, struct cs_error *err);
/*
 * Save the class of the last row in the ledger: 1 when saved, 0 when the
 * store has it already, -1 with err.
 */
int cs_classing_save(struct cs_classing *k, struct cs_error *err);

/* The columns of the history listing. */
enum { CS_CLASS_NCOLS = 7 };
extern const char *const cs_class_cols[CS_CLASS_NCOLS];
/*
 * Write the classes saved for uscc to w (begun).  Returns 0, or -1 with
 * err.
 */
int cs_classes_history(struct cs_store *st, const char *uscc,
    struct cs_writer *w, struct cs_error *err);

#endif
