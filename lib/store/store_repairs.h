/*
 * Repair applications of cs-repair (DESIGN.md 5.3).  An application is
 * created by a "repair_apply" event (its application_id is that event's
 * seq) and moved by repair_accept, repair_return, repair_extend,
 * repair_grant, repair_refuse, repair_revoke and repair_withdraw events;
 * repair_steps keeps every step with its day.  Dates are YYYY-MM-DD.
 */
#ifndef CS_STORE_STORE_REPAIRS_H
#define CS_STORE_STORE_REPAIRS_H

#include <stddef.h>

#include "core/util.h"
#include "store/db.h"

struct cs_rrow {
	long application_id;
	char uscc[19];
	char target[65];		/* record id, or list entry id */
	char kind[8];			/* "record", "entry" */
	char state[16];
	char filed_on[11];
	char accept_by[11];
	char accepted_on[11];		/* "" when none, and so on */
	char decide_by[11];
	int extended;
	char decided_on[11];
	char effective_on[11];		/* a grant: the effects from this day */
	char revoked_on[11];
	char bar_until[11];
	char last_on[11];
	long seq;
	const char *reason;		/* borrowed until the next call */
	const char *missing;		/* what its return listed, borrowed */
};

/*
 * Append the event "repair_<step>" with the canonical JSON body and
 * apply it (inside a transaction); subject is the entity's USCC.  *seq
 * gets the event number (for apply: the new application_id).
 */
int cs_store_repair_event(struct cs_store *st, const char *step,
    const char *subject, const char *body, size_t blen, long *seq,
    struct cs_error *err);
/* Application id as it is now: 1 with *r, 0 when there is none, -1. */
int cs_store_repair(struct cs_store *st, long id, struct cs_rrow *r,
    struct cs_error *err);
/*
 * The latest application for target of kind: 1 with *r, 0 when none, -1.
 */
int cs_store_repair_last(struct cs_store *st, const char *target,
    const char *kind, struct cs_rrow *r, struct cs_error *err);
/*
 * The event of the latest acceptance of application id (which may
 * complete it: commitment, evidence): 1 with *seq, 0 when it was never
 * accepted, -1 with err.
 */
int cs_store_repair_completion(struct cs_store *st, long id, long *seq,
    struct cs_error *err);
/*
 * The latest granted repair of record id: 1 with *effective (the first
 * day it is repaired) and *resumed (the revocation day, or -1), 0 when
 * the record was never repaired, -1 with err.
 */
int cs_store_record_repair(struct cs_store *st, const char *id,
    int *effective, int *resumed, struct cs_error *err);
/*
 * The last day of the longest bar after a revoked repair of target of
 * kind: 1 with *bar_until (a day number), 0 when none, -1 with err.
 */
int cs_store_repair_bar(struct cs_store *st, const char *target,
    const char *kind, int *bar_until, struct cs_error *err);
/*
 * A penalty with everything its repair rests on, read in one row (all
 * strings borrowed until the next call, NULL when absent): its columns,
 * the penalty category of its current version, its latest granted
 * repair, its latest application, the longest bar after a revoked repair
 * and the first active obligation_performed record that refers to it.
 */
struct cs_rpen {
	const char *id;
	const char *uscc;
	const char *severity;
	const char *domain;
	const char *violation_type;
	const char *penalty_category;
	const char *decided_on;
	const char *valid_until;
	int revoked;
	const char *effective_on;	/* the latest grant: repaired from ... */
	const char *revoked_on;		/* ... until its revocation */
	long app;			/* the latest application, 0: none */
	const char *bar_until;		/* last day barred, NULL: none */
	const char *performed_on;	/* obligations performed on */
	const char *type;		/* "penalty" but for a single lookup */
};

/*
 * The record id (active or revoked, of any type) as a struct cs_rpen: 1,
 * 0 when there is no record id, -1 with err.
 */
int cs_store_repair_penalty(struct cs_store *st, const char *id,
    struct cs_rpen *p, struct cs_error *err);
/*
 * The active penalties decided on or before as_of, of uscc (NULL: of
 * every entity), ordered by uscc, decision date and record: one query,
 * one pass over the records_uscc index, whatever the store size.
 */
int cs_store_iter_repair_penalties(struct cs_store *st, const char *uscc,
    const char *as_of, struct cs_store_iter **it, struct cs_error *err);
int cs_store_next_repair_penalty(struct cs_store_iter *it,
    struct cs_rpen *p, struct cs_error *err);
/*
 * The list entries decided (list_decide) after event since: new arrays
 * of *n entry ids in event order and the events of their decisions.
 * 0, or -1 with err.
 */
int cs_store_decided_since(struct cs_store *st, long since, long **ids,
    long **seqs, size_t *n, struct cs_error *err);
/*
 * The authority that decided the latest basis record of list entry
 * entry_id into out (n bytes; "" when none gives one): 1, 0, -1 with err.
 */
int cs_store_entry_authority(struct cs_store *st, long entry_id, char *out,
    size_t n, struct cs_error *err);
/*
 * Applications (in state, or all when NULL) in application_id order,
 * filed on or before as_of (NULL: all), as they stood on as_of: the state
 * is the one of their last step by then (also what state filters), and
 * a step's dates after as_of are empty.
 */
int cs_store_iter_repairs(struct cs_store *st, const char *state,
    const char *as_of, struct cs_store_iter **it, struct cs_error *err);
int cs_store_next_repair(struct cs_store_iter *it, struct cs_rrow *r,
    struct cs_error *err);

#endif
