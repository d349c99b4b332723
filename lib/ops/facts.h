/*
 * The facts a determination of a scoring model looks at, one entity at a
 * time: its records of the types the determinations name, and its list
 * entries on a day.  Read in step with the store while the entities come
 * in uscc order (cs-score's), so memory does not grow with the store;
 * looked up one by one otherwise.  Silent: errors come back in err.
 */
#ifndef CS_OPS_FACTS_H
#define CS_OPS_FACTS_H

#include "domain/model.h"
#include "domain/score.h"
#include "store/store.h"

struct cs_facts {
	struct cs_store *st;		/* borrowed */
	const char **types;		/* record types of the determinations */
	size_t ntypes;
	const char **lists;		/* the lists the models look at */
	size_t nlists;
	struct cs_store_iter *it;	/* the records, by uscc */
	struct cs_srec_in in;		/* its current row, when have */
	int have;
	char pending[19];		/* the uscc of in */
	char merged[19];		/* the last uscc read in step */
	struct cs_store_iter *lit;	/* the entries listed on lit_on */
	struct cs_listed l;		/* its current row, when lhave */
	int lhave;
	char lit_on[11];
	char lmerged[19];
	char cached[19];		/* the uscc whose records are in rs */
	char cached_on[11];		/* ... as they stood on this day */
	char it_on[11];			/* it: records not repaired on this day */
	size_t nrec;			/* records in rs before the entries */
	struct cs_srecs rs;		/* the facts of the last cs_facts_of */
};

/* Set up f for the determinations of ms over st (both borrowed). */
void cs_facts_init(struct cs_facts *f, struct cs_store *st,
    const struct cs_models *ms);
void cs_facts_release(struct cs_facts *f);
/*
 * The facts of uscc on as_of (YYYY-MM-DD) into f->rs (valid until the
 * next call).  Returns 0, or -1 with err.
 */
int cs_facts_of(struct cs_facts *f, const char *uscc, const char *as_of,
    struct cs_error *err);

#endif
