/*
 * Objections to records: filing one ("object" event), resolving it
 * ("resolve": upheld objections revoke or correct the record), and
 * looking them up.
 */
#ifndef CS_STORE_OBJECTIONS_H
#define CS_STORE_OBJECTIONS_H

#include "core/util.h"
#include "domain/record.h"
#include "store/db.h"

/* Append an "object" event; *objection_id = its seq. */
int cs_store_object(struct cs_store *st, const char *id, const char *uscc,
    const char *filed_on, const char *answer_by, const char *reason,
    long *objection_id, struct cs_error *err);
/*
 * Append a "resolve" event.  outcome "upheld" or "dismissed"; an upheld
 * objection revokes the record (revoke) or corrects it (newf, changes).
 */
int cs_store_resolve(struct cs_store *st, long objection_id, const char *id,
    const char *uscc, const char *outcome, const char *resolved_on,
    const char *reason, int revoke, const struct cs_fields *newf,
    const char *changes, long *seq, struct cs_error *err);

struct cs_objection {
	long objection_id;
	char id[65];
	char uscc[19];
	char filed_on[11];
	char answer_by[11];
	char state[16];			/* open, resolved */
	char outcome[16];		/* upheld, dismissed, or "" */
	char resolved_on[11];
	long seq;			/* last event */
	const char *reason;		/* iterators: borrowed until the next */
};

/* 1 with *o, 0 when there is no such objection, -1 with err. */
int cs_store_objection(struct cs_store *st, long objection_id,
    struct cs_objection *o, struct cs_error *err);

/*
 * The reason an objection gave: 0 with *reason new (free it), -1 with
 * err.
 */
int cs_store_objection_reason(struct cs_store *st, long objection_id,
    char **reason, struct cs_error *err);
/*
 * Is there an objection to record id filed on filed_on for reason?  1
 * with *objection_id, 0 when there is none, -1 with err.
 */
int cs_store_objection_find(struct cs_store *st, const char *id,
    const char *filed_on, const char *reason, long *objection_id,
    struct cs_error *err);

/*
 * Objections (state "open", "resolved" or NULL for all; id NULL for all
 * records); overdue: open with answer_by before as_of.
 */
int cs_store_iter_objections(struct cs_store *st, const char *state,
    const char *id, int overdue, const char *as_of,
    struct cs_store_iter **it, struct cs_error *err);
int cs_store_next_objection(struct cs_store_iter *it, struct cs_objection *o,
    struct cs_error *err);

#endif
