/*
 * Credit repair (cs-repair, DESIGN.md 5.3): applications to end the
 * publicity of a penalty early or to leave a list early, each step
 * checked by the state machine of domain/repair.h before its one ledger
 * event; a grant is judged eligible on its day and its effects (the list
 * entry removed as repaired; publicity and scoring follow the repairs
 * table) are written in the same transaction; a revocation reverses
 * them from its day.  Silent: a refused row gets its reason in o->msg.
 */
#ifndef CS_OPS_REPAIRS_H
#define CS_OPS_REPAIRS_H

#include <jansson.h>

#include "core/util.h"
#include "domain/lists.h"
#include "domain/publicity.h"
#include "domain/repair.h"
#include "io/row.h"
#include "io/stream.h"
#include "ops/list_actions.h"
#include "rules/rules.h"
#include "store/store.h"

/* The scratch of the operations; embed, cs_repairops_init/_release. */
struct cs_repairops {
	struct cs_store *st;
	const struct cs_rules *ru;	/* calendar, USCC tables, publicity */
	const struct cs_repair_rules *rr;
	const struct cs_lists *ls;
	int as_of;			/* day number of --as-of */
	struct cs_listops lo;		/* list removals of a grant */
	struct cs_fields f;		/* a record */
	struct cs_buf b;		/* an event body */
	void *extra;			/* apply: the extra columns (json_t) */
	char msg[1024];			/* CS_REFUSED: why */
};

void cs_repairops_init(struct cs_repairops *o, struct cs_store *st,
    const struct cs_rules *ru, const struct cs_repair_rules *rr,
    const struct cs_lists *ls, int as_of);
void cs_repairops_release(struct cs_repairops *o);

/* A row of apply or of a step (values borrowed, NULL absent). */
struct cs_repair_in {
	const char *uscc;
	const char *target;		/* record id or list entry id */
	const char *commitment;
	const char *evidence;
	const char *application_id;
	const char *outcome;		/* decide: granted, refused, extended */
	const char *reason;
	const char *missing;		/* return: what is missing */
	const char *on;			/* the day of the step; NULL: --as-of */
};

/*
 * Fill in from row (--set values among sets) with the day read from
 * column day_col; with extra (apply), the columns apply does not own
 * go into o->extra as a JSON object.  The values stay valid until the
 * row is read again; in keeps copies in o.
 */
void cs_repair_in_from_row(struct cs_repairops *o, struct cs_repair_in *in,
    const struct cs_row *row, const char *day_col, int extra,
    const char *const *sets, size_t nsets);

/*
 * File an application: checks the USCC, the target (an active record
 * of that entity, or one of its list entries), the day, an open
 * application for the target (the same filing again is CS_UNCHANGED)
 * and the bar after a revoked repair; counts accept_by.  Returns
 * CS_ADDED with *id, CS_UNCHANGED, CS_REFUSED, or -1.
 */
int cs_repair_apply(struct cs_repairops *o, const struct cs_repair_in *in,
    long *id, struct cs_error *err);
/*
 * One step (CS_RSTEP_ACCEPT, _RETURN, _REVOKE, _WITHDRAW, or for decide
 * CS_RSTEP_GRANT with the outcome choosing grant, refuse or extend) on
 * the application a row names.  A grant is refused, naming the first
 * failing condition, unless the target is eligible on the day; granted,
 * its effects take effect the next day (a list entry is removed as
 * repaired then), in the same transaction.  A revocation reverses them
 * from its day and bars a new application for the rule's period.  The
 * same step on the same day again is CS_UNCHANGED.
 */
int cs_repair_act(struct cs_repairops *o, int step,
    const struct cs_repair_in *in, long *id, struct cs_error *err);
/* The columns a row of step needs (-1: apply), NULL-terminated. */
const char *const *cs_repair_need(int step);

/* Eligibility of one target on a day, with what it rests on. */
struct cs_repair_judgement {
	struct cs_religible e;
	const char *kind;		/* "record", "entry" */
	char regime[40];		/* publicity regime, or "list:NAME" */
	unsigned required;
	struct cs_buf missing;		/* the missing conditions, ';' */
	int last;			/* last day of publicity (or listing) */
};

/*
 * The body of application id's apply event (a new reference), with the
 * commitment and evidence its latest acceptance completed it with, if
 * any, in their place; NULL when there is none (err set on a failure).
 */
json_t *cs_repair_app_body(struct cs_store *st, long id,
    struct cs_error *err);

/*
 * Judge target (a record id or entry id of uscc) on day, with the
 * commitment and evidence of application app (0: the latest one of the
 * target, if any) into j (j->missing initialised the first time: j
 * zeroed; cs_buf_release it).  Returns 1, 0 when target is no record or
 * entry of uscc (o->msg says so), -1 with err.
 */
int cs_repair_judge_target(struct cs_repairops *o, const char *uscc,
    const char *target, int day, long app, struct cs_repair_judgement *j,
    struct cs_error *err);

/* The columns of eligible. */
enum { CS_RELIG_NCOLS = 9 };
extern const char *const cs_relig_cols[CS_RELIG_NCOLS];
/*
 * Write the eligibility on day of the published penalties and listed
 * entries of uscc (NULL: of every entity) to w.  0, or -1 with err.
 */
int cs_repair_eligible_write(struct cs_repairops *o, const char *uscc,
    int day, struct cs_writer *w, struct cs_error *err);

/* The columns of notice. */
enum { CS_RNOTICE_NCOLS = 13 };
extern const char *const cs_rnotice_cols[CS_RNOTICE_NCOLS];
/*
 * The repair notices of the penalty decisions and listing decisions
 * recorded after ledger event since_seq, one row each, to w.
 */
int cs_repair_notices_write(struct cs_repairops *o, long since_seq,
    struct cs_writer *w, struct cs_error *err);

/* The columns of ls (and of every step's output). */
enum { CS_RAPP_NCOLS = 18 };
extern const char *const cs_rapp_cols[CS_RAPP_NCOLS];
/*
 * Write applications to w: ids[0..n) as they are now (n > 0 or ids
 * non-NULL), else those in state (NULL: all) filed by as_of, only the
 * overdue ones on as_of when overdue.
 */
int cs_repairs_write(struct cs_store *st, const long *ids, size_t n,
    const char *state, int overdue, int as_of, struct cs_writer *w,
    struct cs_error *err);

/* The repair applications of a span of days, as the monthly report counts. */
struct cs_repair_tally {
	long filed;			/* filed in the span */
	long granted;			/* granted in it (revoked later too) */
	long refused;			/* refused in it */
	long overdue;			/* filed by its end and overdue on it */
};

/*
 * Count the applications of days from..to (both included) into t: the
 * overdue ones are those 'cs-repair ls --overdue --as-of=TO' lists.  0,
 * or -1 with err.
 */
int cs_repairs_tally(struct cs_store *st, int from, int to,
    struct cs_repair_tally *t, struct cs_error *err);

/*
 * Set the repair of record id (r->repaired, repaired_from, resumed_on)
 * from the store.  0, or -1 with err.
 */
int cs_pubrec_repair(struct cs_store *st, const char *id,
    struct cs_pubrec *r, struct cs_error *err);

#endif
