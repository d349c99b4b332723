/*
 * What the monthly supervision report reads of the ledger itself: the
 * records ingested in a span of recorded days (the events' "at"), by
 * type and authority, and the head of the chain.
 */
#ifndef CS_STORE_STORE_SUMMARY_H
#define CS_STORE_STORE_SUMMARY_H

#include "core/util.h"
#include "store/db.h"

/* A count of ingest events of one kind; strings borrowed until the next. */
struct cs_ingested {
	const char *action;		/* "add", "correct" or "entity" */
	const char *type;		/* the record type; NULL for "entity" */
	const char *authority;		/* NULL when the body has none */
	long n;
};

/*
 * The add, correct and entity events of cs-record recorded on the days
 * from..to (YYYY-MM-DD, both included; the UTC day of "at"), grouped by
 * action, type and authority in that order.  0 with *it new
 * (cs_store_iter_free), or -1 with err.
 */
int cs_store_iter_ingested(struct cs_store *st, const char *from,
    const char *to, struct cs_store_iter **it, struct cs_error *err);
int cs_store_next_ingested(struct cs_store_iter *it, struct cs_ingested *g,
    struct cs_error *err);

/* The sequence number of the last event (0: none) in *seq; 0 or -1. */
int cs_store_head_seq(struct cs_store *st, long *seq, struct cs_error *err);

#endif
