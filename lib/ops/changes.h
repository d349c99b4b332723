/*
 * The rows of cs-record correct, object and resolve: which columns each
 * reads itself, and the record operation a row asks for (ops/records.h)
 * with its values taken from those columns.
 */
#ifndef CS_OPS_CHANGES_H
#define CS_OPS_CHANGES_H

#include "ops/records.h"

/* What a row changes. */
enum cs_change {
	CS_CHANGE_CORRECT,		/* id, reason, corrected columns */
	CS_CHANGE_OBJECT,		/* id, filed_on, reason */
	CS_CHANGE_RESOLVE		/* objection_id, outcome, reason, ... */
};

/*
 * The columns a row of change reads itself and not as record columns
 * (a NULL-terminated static array), or NULL when it binds none.
 */
const char *const *cs_change_reserved(int change);

/*
 * The columns every row of change needs (a NULL-terminated static
 * array): a CSV header without one of them stops the run.
 */
const char *const *cs_change_need(int change);

/*
 * Do change for row (its record columns bound by b; clears the columns
 * --clear empties, for a correction).  Returns an enum cs_outcome (why
 * in ops->msg), or -1 with err; an objection filed is *id.
 */
int cs_change_row(struct cs_recops *ops, int change,
    const struct cs_binding *b, const struct cs_row *row,
    const char *const *clears, size_t nclears, long *id,
    struct cs_error *err);

#endif
