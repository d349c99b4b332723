/*
 * The facts an early removal of a list entry is judged on (DESIGN.md
 * 5.4, lists.json early_removal_requires): the entry's basis records
 * with their severities and whether an obligation_performed record
 * refers to each, and the entity's penalties since the listing.  The
 * judgement is cs_list_early_conditions' (domain/lists.h).
 */
#ifndef CS_OPS_REMOVAL_H
#define CS_OPS_REMOVAL_H

#include "core/util.h"
#include "domain/lists.h"
#include "store/store.h"

/* The facts, owning their strings; embed, zeroed, then _release. */
struct cs_removal_facts {
	struct cs_lremoval r;		/* what the judgement reads */
	struct cs_lfact *basis;
	struct cs_lfact *penalties;
	size_t capp;
	char **strs;			/* the strings the facts point to */
	size_t nstrs;
};

/*
 * Load into rf (released first) the facts of an early removal on day of
 * entry_id of uscc listed on listed_on (YYYY-MM-DD): its basis records,
 * each performed when an active obligation_performed record of uscc
 * decided by day has it as ref; the active penalties of uscc decided
 * from listed_on to day; evidence (borrowed, NULL: none) and the
 * severity order of ls (borrowed).  Returns 0, or -1 with err.
 */
int cs_removal_facts_load(struct cs_removal_facts *rf, struct cs_store *st,
    const struct cs_lists *ls, long entry_id, const char *uscc,
    const char *listed_on, int day, const char *evidence,
    struct cs_error *err);
void cs_removal_facts_release(struct cs_removal_facts *rf);

#endif
