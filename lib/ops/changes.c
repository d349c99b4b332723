/*
 * A row of correct, object or resolve turned into its record operation:
 * the columns the command owns read trimmed, the rest bound as record
 * columns.
 */
#include <stddef.h>

#include "ops/changes.h"

static const char *const correct_cols[] = { "reason", NULL };
/* Also the columns of the objections listing, so it can be fed back. */
static const char *const resolve_cols[] = { "objection_id", "outcome",
    "reason", "resolved_on", "revoke", "filed_on", "answer_by", "state",
    NULL };

const char *const *
cs_change_reserved(int change)
{
	switch (change) {
	case CS_CHANGE_CORRECT:
		return correct_cols;
	case CS_CHANGE_RESOLVE:
		return resolve_cols;
	default:
		return NULL;
	}
}

const char *const *
cs_change_need(int change)
{
	static const char *const correct[] = { "id", "reason", NULL };
	static const char *const object[] = { "id", "filed_on", "reason",
	    NULL };
	static const char *const resolve[] = { "objection_id", "outcome",
	    "reason", NULL };

	return change == CS_CHANGE_CORRECT ? correct : change ==
	    CS_CHANGE_OBJECT ? object : resolve;
}

/* A column the command reads itself, trimmed; NULL when absent or empty. */
static const char *
own_col(const struct cs_row *row, const char *name)
{
	return cs_row_trimmed(row, name, NULL, 0);
}

int
cs_change_row(struct cs_recops *ops, int change,
    const struct cs_binding *b, const struct cs_row *row,
    const char *const *clears, size_t nclears, long *id,
    struct cs_error *err)
{
	struct cs_change_in in = { b, row, clears, nclears };

	switch (change) {
	case CS_CHANGE_CORRECT:
		return cs_rec_correct(ops, &in, own_col(row, "id"),
		    own_col(row, "reason"), err);
	case CS_CHANGE_OBJECT:
		return cs_rec_object(ops, own_col(row, "id"), own_col(row,
		    "filed_on"), own_col(row, "reason"), id, err);
	default:
		in.clears = NULL;
		in.nclears = 0;
		return cs_rec_resolve(ops, &in, own_col(row, "objection_id"),
		    own_col(row, "outcome"), own_col(row, "reason"),
		    own_col(row, "resolved_on"), own_col(row, "revoke"), err);
	}
}
