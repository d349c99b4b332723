/*
 * Reclassify: the severities severity.json derived, derived again by the
 * rules as they are now (a new sector standard, a rule with a new "from"
 * date), each change a correction event with its reason, so that the
 * publicity windows, scores and list bases follow.
 */
#ifndef CS_OPS_RECLASSIFY_H
#define CS_OPS_RECLASSIFY_H

#include "core/util.h"
#include "ops/records.h"

/* One record looked at; strings borrowed for the call. */
struct cs_reclass_row {
	const char *id, *uscc, *doc_no, *authority, *decided_on;
	const char *severity_was, *rule_was;
	const char *severity, *rule;	/* NULL when underivable */
	const char *why;		/* underivable: the reason, else NULL */
};

struct cs_reclass_counts {
	long changed;			/* reclassified (or would be) */
	long renamed;			/* the same severity by another rule */
	long unchanged;			/* the rules give what it has */
	long underivable;		/* the rules give nothing: left as is */
};

/*
 * Derive again the severity of every active record whose severity was
 * derived (severity_rule set) and that was decided on or before as_of
 * (YYYY-MM-DD), in order of decision.  A record the rules now give
 * another severity is corrected (unless dry_run) with the reason
 * "severity reclassified by severity.json: ..." and the list entries its
 * change leaves without a basis end; one they give the same severity by
 * another rule gets the new severity_rule with the reason "severity rule
 * renamed by severity.json: ..." (counted apart: its severity, windows
 * and lists do not change); one they give nothing is left as it is.  Each changed or underivable record goes to each (may be NULL; 0,
 * or -1 with err to stop).  Inside a transaction unless dry_run.
 * Returns 0 with *n, or -1 with err.
 */
/*
 * 0 when the rules of ops have a severity.json to reclassify by, else -1
 * with err (69) saying the rules directory has none.
 */
int cs_rec_reclassify_ready(const struct cs_recops *ops,
    struct cs_error *err);

int cs_rec_reclassify(struct cs_recops *ops, const char *as_of,
    int dry_run, int (*each)(void *ctx, const struct cs_reclass_row *r,
    struct cs_error *err), void *ctx, struct cs_reclass_counts *n,
    struct cs_error *err);

#endif
