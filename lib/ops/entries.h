/*
 * Listings of cs-blacklist: entries of the lists as they are now (after
 * a step, or ls on a date, with ID numbers masked unless unmasked) and
 * the joint measures catalogue.  Rows go to a writer the caller made.
 */
#ifndef CS_OPS_ENTRIES_H
#define CS_OPS_ENTRIES_H

#include "io/row.h"
#include "io/stream.h"
#include "ops/list_actions.h"

/*
 * Write entries ids, read now, to w (begun) in the ls columns, ID
 * numbers masked by ls->mask unless unmasked; with decision the columns
 * of a decision too.  Returns 0, or -1 with err (the writer is left to
 * the caller).
 */
int cs_entries_write(struct cs_store *st, const long *ids, size_t n,
    int unmasked, const struct cs_lists *ls, int decision,
    struct cs_writer *w, struct cs_error *err);

/* What ls lists. */
struct cs_entries_query {
	const char *list;		/* list type, or NULL: all */
	const char *state;		/* state on as_of, or NULL: any */
	const char *as_of;		/* YYYY-MM-DD */
	int unmasked;			/* ID numbers whole */
	const char *command;		/* recorded with an unmask event */
	const struct cs_lists *lists;	/* their masking pattern */
};

/*
 * Begin w (not yet begun) and write the entries q asks for.  Unmasked, a
 * first pass finds them and their unmask event is committed before the
 * first byte goes out (an entry noticed in between is shown masked).
 * Returns 0, or -1 with err.
 */
int cs_entries_list(struct cs_store *st, const struct cs_entries_query *q,
    struct cs_writer *w, struct cs_error *err);

/*
 * The notice a row of add asks for, and the step a row of object, review,
 * decide, remove or withdraw asks for (its day in column day_col): each
 * column trimmed, else its --set value among sets.  The strings are
 * borrowed from cs_row_trimmed.
 */
void cs_notice_from_row(struct cs_list_notice *n, const struct cs_row *row,
    const char *const *sets, size_t nsets);
void cs_act_from_row(struct cs_list_act *a, const struct cs_row *row,
    const char *day_col, const char *const *sets, size_t nsets);

/*
 * Write the notice data of entries ids to w (begun), masked unless
 * unmasked.  Returns 0, or -1 with err.
 */
int cs_notices_write(struct cs_store *st, const struct cs_lists *ls,
    const long *ids, size_t n, int unmasked, struct cs_writer *w,
    struct cs_error *err);

/* The columns of the candidates of propose. */
enum { CS_PROPOSAL_NCOLS = 6 };
extern const char *const cs_proposal_cols[CS_PROPOSAL_NCOLS];

/*
 * Write to w (begun) the candidates of list type list (NULL: every type
 * of ls) on as_of.  Returns 0, or -1 with err.
 */
int cs_proposals_write(struct cs_store *st, const struct cs_lists *ls,
    const char *list, const char *as_of, struct cs_writer *w,
    struct cs_error *err);

/* The columns of the measures catalogue. */
enum { CS_MEASURE_NCOLS = 6 };
extern const char *const cs_measure_cols[CS_MEASURE_NCOLS];

/*
 * Write the measures of ls to w (begun): those of list type list and of
 * department dept (either may be NULL: all).
 */
void cs_measures_write(const struct cs_lists *ls, const char *list,
    const char *dept, struct cs_writer *w);

#endif
