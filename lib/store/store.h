/*
 * The SQLite store: schema and migrations, the hash-chained ledger, and the
 * derived tables (entities, records, objections, history) that every
 * event updates in the same transaction, through one apply path that
 * `verify` replays.  The only file that includes sqlite3.h is store.c.
 */
#ifndef CS_STORE_STORE_H
#define CS_STORE_STORE_H

#include <stddef.h>

#include "cli/cli.h"
#include "core/util.h"
#include "domain/record.h"
#include "domain/score.h"
#include "store/body.h"

/* The schema version this binary reads and writes (PRAGMA user_version). */
enum { CS_STORE_SCHEMA = 2 };

struct cs_store;

/*
 * Create the store at path (mode 0600) or migrate it to CS_STORE_SCHEMA.
 * *from gets the version found (0: created now).  Idempotent.  Returns 0,
 * or -1 with err (69: not a store, newer than this binary; 73: cannot be
 * created; 75: busy).
 */
int cs_store_init(const char *path, const char *operator, const char *tool,
    int *from, struct cs_error *err);

/*
 * Open an existing store of this schema version.  Returns 0 with *sp new
 * (cs_store_close), or -1 with err: 69 when it does not exist, is not a
 * store or has another version (the message says what to run).
 */
int cs_store_open(struct cs_store **sp, const char *path,
    struct cs_error *err);
void cs_store_close(struct cs_store *st);
/* Who writes the events that follow (borrowed; must outlive st). */
void cs_store_set_actor(struct cs_store *st, const char *operator,
    const char *tool);

/*
 * Cap the page cache (and so the memory of a sort) at kib KiB; the
 * default is 24 MiB.  Returns 0, or -1 with err.
 */
int cs_store_set_cache(struct cs_store *st, int kib, struct cs_error *err);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK.  Busy past the timeout: 75. */
int cs_store_begin(struct cs_store *st, struct cs_error *err);
int cs_store_commit(struct cs_store *st, struct cs_error *err);
void cs_store_rollback(struct cs_store *st);

/*
 * Bulk loading: when the records table is empty, its secondary index is
 * dropped at bulk_begin and built once at bulk_end (faster than keeping
 * it up to date row by row).  Both run inside their own transactions.
 */
int cs_store_bulk_begin(struct cs_store *st, struct cs_error *err);
int cs_store_bulk_end(struct cs_store *st, struct cs_error *err);

/* What the derived tables say about one record. */
struct cs_recinfo {
	long rid;			/* seq of its add event */
	long seq;			/* event holding the current version */
	char type[64];
	char uscc[19];
	int revoked;
	long objection;			/* open objection_id, or 0 */
	char decided_on[11];
};

/* 1 with *ri, 0 when there is no record id, -1 with err. */
int cs_store_record_info(struct cs_store *st, const char *id,
    struct cs_recinfo *ri, struct cs_error *err);
/*
 * The first active record (by decision date) of one of types that refers
 * to ref, other than except_id (NULL: none): 1 with its id and *ri, 0
 * when there is none, -1 with err.
 */
int cs_store_first_ref(struct cs_store *st, const char *ref,
    const char *const *types, size_t ntypes, const char *except_id,
    struct cs_recinfo *ri, char id[65], struct cs_error *err);

/*
 * Load into f (record schema) the version of a record held by event seq
 * (an add body, or the "record" of a correct or resolve body).
 */
int cs_store_record_version(struct cs_store *st, long seq,
    struct cs_fields *f, struct cs_error *err);

/*
 * Append an "add" event whose body is the canonical JSON of f (body,
 * blen) and apply it.  Inside a transaction.  Returns 1 with *seq the
 * event number, 0 when a record with f's id exists (nothing is written:
 * compare with cs_store_record_info), -1 with err.
 */
int cs_store_add_record(struct cs_store *st, const struct cs_fields *f,
    const char *body, size_t blen, long *seq, struct cs_error *err);
/*
 * Append a "correct" event: record id becomes newf; changes is the
 * canonical JSON object of the changed columns (null for cleared ones).
 */
int cs_store_correct(struct cs_store *st, const char *id,
    const struct cs_fields *newf, const char *changes, const char *reason,
    long *seq, struct cs_error *err);
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
/* Append an "entity" event (the register row ef) and apply it. */
int cs_store_add_entity(struct cs_store *st, const struct cs_fields *ef,
    const char *body, size_t blen, long *seq, struct cs_error *err);
/*
 * The entity uscc: 1 with ef filled (its register data, or only the name
 * records gave) and *regseq the seq of its last register event (0: none),
 * 0 when unknown, -1 with err.
 */
int cs_store_entity(struct cs_store *st, const char *uscc,
    struct cs_fields *ef, long *regseq, struct cs_error *err);

/* One ledger event; strings borrowed until the next call on st. */
struct cs_event {
	long seq;
	const char *at;
	const char *operator;
	const char *tool;
	const char *action;
	const char *subject;
	const char *body;
};

/* 1 with *ev, 0 when there is no such event, -1 with err. */
int cs_store_event(struct cs_store *st, long seq, struct cs_event *ev,
    struct cs_error *err);

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

/* Filters for listing records. */
struct cs_record_filter {
	const char *const *types;	/* NULL: all */
	size_t ntypes;
	const char *uscc;		/* NULL: all */
	long since_seq;			/* versions after this event */
	const char *decided_from;	/* NULL or YYYY-MM-DD, inclusive */
	const char *decided_to;
	int revoked;			/* include revoked records */
	int by_decision;		/* order by decided_on, not seq */
};

struct cs_recmeta {
	long seq;
	long rid;
	int disputed;
	int revoked;
};

struct cs_commitment {
	char id[65];
	char uscc[19];
	char decided_on[11];
	char due_on[11];
	char state[16];			/* open, kept, broken, overdue on as_of */
	char settled_by[65];
	char settled_on[11];
	long seq;
	const char *name;		/* the record's, else the register's */
	const char *content;		/* borrowed until the next call */
};

struct cs_store_iter;

/* Records in version order (seq). */
int cs_store_iter_records(struct cs_store *st,
    const struct cs_record_filter *flt, struct cs_store_iter **it,
    struct cs_error *err);
int cs_store_next_record(struct cs_store_iter *it, struct cs_fields *f,
    struct cs_recmeta *m, struct cs_error *err);
/*
 * Objections (state "open", "resolved" or NULL for all; id NULL for all
 * records); overdue: open with answer_by before as_of.
 */
int cs_store_iter_objections(struct cs_store *st, const char *state,
    const char *id, int overdue, const char *as_of,
    struct cs_store_iter **it, struct cs_error *err);
int cs_store_next_objection(struct cs_store_iter *it, struct cs_objection *o,
    struct cs_error *err);
/*
 * Commitments (of uscc, or all) with their state on as_of: kept or broken
 * by the first record that settles them, else overdue once due_on has
 * passed, else open.
 */
int cs_store_iter_commitments(struct cs_store *st, const char *uscc,
    const char *as_of, struct cs_store_iter **it, struct cs_error *err);
int cs_store_next_commitment(struct cs_store_iter *it,
    struct cs_commitment *c, struct cs_error *err);
/* Events other than the add that touched record id, in order. */
int cs_store_iter_history(struct cs_store *st, const char *id,
    struct cs_store_iter **it, struct cs_error *err);
int cs_store_next_event(struct cs_store_iter *it, struct cs_event *ev,
    struct cs_error *err);
void cs_store_iter_free(struct cs_store_iter *it);

/*
 * Active records of uscc (NULL: of every entity), of one of types (ntypes
 * 0: of any type), ordered by uscc, then decision date, then the order
 * they were added.
 */
int cs_store_iter_scoring(struct cs_store *st, const char *uscc,
    const char *const *types, size_t ntypes, struct cs_store_iter **it,
    struct cs_error *err);
int cs_store_next_scoring(struct cs_store_iter *it, struct cs_srec_in *r,
    struct cs_error *err);

/* An entity of the register; strings borrowed until the next call. */
struct cs_entrow {
	const char *uscc, *name, *industry, *status;
};

/* Every entity, by uscc. */
int cs_store_iter_entities(struct cs_store *st, struct cs_store_iter **it,
    struct cs_error *err);
int cs_store_next_entity(struct cs_store_iter *it, struct cs_entrow *e,
    struct cs_error *err);

/* A class saved by cs-classify. */
struct cs_class {
	char uscc[19];
	char as_of[11];
	char cls[2];			/* A, B, C or D */
	long seq;			/* its event */
	const char *score;		/* iterators: borrowed until the next */
	const char *model;		/* call; NULL when absent */
	const char *reason;
};

/*
 * Save c as a "class" event (inside a transaction).  Returns 1 with *seq,
 * 0 when the entity's last class saved for c->as_of is the same (nothing
 * is written), -1 with err.
 */
int cs_store_save_class(struct cs_store *st, const struct cs_class *c,
    long *seq, struct cs_error *err);
/*
 * With uscc: the classes saved for that entity in date order (as_of NULL,
 * or up to as_of).  Without: the last class of every entity on or before
 * as_of (NULL: the last saved), by uscc.
 */
int cs_store_iter_classes(struct cs_store *st, const char *uscc,
    const char *as_of, struct cs_store_iter **it, struct cs_error *err);
int cs_store_next_class(struct cs_store_iter *it, struct cs_class *c,
    struct cs_error *err);

/*
 * Draws of cs-sample ("double random, one open").  A draw is one "draw"
 * event per round, subject its draw id (plan:period); its body is the
 * canonical JSON cs-sample(1) describes: as_of, draw_id, plan, period,
 * seed, frame_hash, inspectors_hash, conflicts_hash, escalations (the
 * tickets added per class in each later round), round and the picks of
 * this round (uscc, class, ticket, rank, round, inspectors, unassigned).
 */
int cs_store_record_draw(struct cs_store *st, const char *draw_id,
    const char *body, size_t blen, long *seq, struct cs_error *err);

struct cs_draw {
	char draw_id[96];
	char plan[72];
	char period[16];
	char drawn_on[11];		/* the first round */
	long targets;
	long seq;			/* the last draw event */
	const char *seed;		/* iterators: borrowed until the next */
	const char *frame_hash;		/* call */
	const char *inspectors_hash;	/* NULL when none were given */
	const char *conflicts_hash;
	const char *escalations;	/* "" or "2,3" */
};

/* The draws (draw_id NULL: all), by draw id. */
int cs_store_iter_draws(struct cs_store *st, const char *draw_id,
    struct cs_store_iter **it, struct cs_error *err);
int cs_store_next_draw(struct cs_store_iter *it, struct cs_draw *d,
    struct cs_error *err);

/* A drawn target and its inspection result, if one was recorded. */
struct cs_target {
	char draw_id[96];
	char uscc[19];
	char cls[17];
	long rank;
	int round;
	char drawn_on[11];
	const char *ticket;		/* borrowed until the next call */
	const char *inspectors;		/* "i1 i2", or NULL */
	const char *unassigned;		/* why not, or NULL */
	const char *result;		/* NULL: open; else extra.result or "" */
	const char *result_id;		/* the inspection record */
	const char *decided_on;
};

/*
 * The targets of a draw (NULL: every draw) by draw id, class and rank,
 * each with the latest active "inspection" record whose ref is the draw
 * id.
 */
int cs_store_iter_targets(struct cs_store *st, const char *draw_id,
    struct cs_store_iter **it, struct cs_error *err);
int cs_store_next_target(struct cs_store_iter *it, struct cs_target *t,
    struct cs_error *err);
/* USCCs drawn on a day in (after, upto], each once. */
int cs_store_iter_drawn(struct cs_store *st, const char *after,
    const char *upto, struct cs_store_iter **it, struct cs_error *err);
/* USCCs of the entities whose register status is status, by USCC. */
int cs_store_iter_status(struct cs_store *st, const char *status,
    struct cs_store_iter **it, struct cs_error *err);
/* The next USCC of cs_store_iter_drawn or cs_store_iter_status. */
int cs_store_next_uscc(struct cs_store_iter *it, char uscc[19],
    struct cs_error *err);

/*
 * List entries of cs-blacklist (DESIGN.md 5.4).  An entry is created by
 * a "list_notice" event (its entry_id is that event's seq) and moved by
 * list_object, list_uphold, list_dismiss, list_decide, list_remove and
 * list_withdraw events; list_steps keeps every step with its day, so
 * the state on any past day can be answered.  Dates are YYYY-MM-DD.
 */
struct cs_lrow {
	long entry_id;
	char uscc[19];
	char list[32];			/* "serious", "key", "ban" */
	char state[16];			/* current, or on the day asked */
	char noticed_on[11];
	char deadline[11];		/* last day objections are accepted */
	char objected_on[11];		/* "" when none */
	char listed_on[11];		/* "" before a decision */
	char until[11];			/* last day listed; "" permanent/none */
	char ended_on[11];		/* removed or withdrawn on, or "" */
	char end_reason[16];		/* expired, early, basis_revoked, error,
					   upheld, or "" */
	char last_on[11];		/* day of the last step */
	long seq;			/* its last event */
	const char *name;		/* borrowed until the next call; may */
	const char *body;		/* be NULL; body: the notice event */
};

/*
 * Append the list event "list_<step>" with the canonical JSON body and
 * apply it (inside a transaction); subject is the entity's USCC.  *seq
 * gets the event number (for a notice: the new entry_id).
 */
int cs_store_list_event(struct cs_store *st, const char *step,
    const char *subject, const char *body, size_t blen, long *seq,
    struct cs_error *err);
/* Append an "unmask" event (body: canonical JSON of what was shown). */
int cs_store_unmask_event(struct cs_store *st, const char *body,
    size_t blen, struct cs_error *err);
/* Entry entry_id as it is now: 1 with *e, 0 when there is none, -1. */
int cs_store_lentry(struct cs_store *st, long entry_id, struct cs_lrow *e,
    struct cs_error *err);
/*
 * The entry of uscc on list that is not over (noticed, objected,
 * dismissed or listed): 1 with *entry_id, 0 when there is none, -1.
 */
int cs_store_lentry_open(struct cs_store *st, const char *uscc,
    const char *list, long *entry_id, struct cs_error *err);

/*
 * Entries (of list, or all when NULL) in entry_id order with their state
 * on as_of (NULL: now): entries noticed after as_of are left out, and
 * the columns of later steps are empty.  A listing whose term ended
 * before as_of shows as removed (expired) on the day after its "until",
 * whether or not 'cs-blacklist expire' has run.  state NULL: all.
 */
int cs_store_iter_lentries(struct cs_store *st, const char *list,
    const char *state, const char *as_of, struct cs_store_iter **it,
    struct cs_error *err);
int cs_store_next_lentry(struct cs_store_iter *it, struct cs_lrow *e,
    struct cs_error *err);
/*
 * The basis record ids of entry_id (new array of new strings, sorted;
 * free each and the array), or, with entry_id 0 and list, every record
 * id that is or was the basis of an entry on list.
 */
int cs_store_lbasis(struct cs_store *st, long entry_id, const char *list,
    char ***ids, size_t *n, struct cs_error *err);
/*
 * The entries not over (noticed, objected, dismissed, listed) that have
 * record_id among their bases: a new array of entry ids.
 */
int cs_store_lentries_of_basis(struct cs_store *st, const char *record_id,
    long **ids, size_t *n, struct cs_error *err);

/* An entry active on a day: for cs-score, cs-classify and screening. */
struct cs_listed {
	long entry_id;
	char uscc[19];
	char list[32];
	char listed_on[11];
	char until[11];			/* last day listed; "" permanent */
	const char *name;		/* iterators: borrowed until the next */
};

/*
 * Is uscc on list (NULL: any list) on as_of: decided on or before as_of,
 * its term not ended (as_of <= until), not removed by then?  1 with *l
 * (the earliest such entry; l->name NULL), 0 when not, -1 with err.
 */
int cs_store_listed(struct cs_store *st, const char *uscc, const char *list,
    const char *as_of, struct cs_listed *l, struct cs_error *err);
/*
 * Every entry active on as_of (of list, or all when NULL), in uscc order
 * (then list, entry_id); one read of the store.
 */
int cs_store_iter_listed(struct cs_store *st, const char *list,
    const char *as_of, struct cs_store_iter **it, struct cs_error *err);
int cs_store_next_listed(struct cs_store_iter *it, struct cs_listed *l,
    struct cs_error *err);

/* Names of the extra columns records carry, in order of first use. */
int cs_store_extra_columns(struct cs_store *st, char ***names, size_t *n,
    struct cs_error *err);

/* The outcome of cs_store_verify. */
struct cs_verify {
	long events;
	char head[65];			/* hash of the last event, hex */
	long bad_seq;			/* first bad event, 0 when clean */
	char msg[1024];			/* what differs */
};

/*
 * Recompute the hash chain and replay every event into fresh derived
 * tables, then compare them with the store's.  Returns 0 when clean, 1
 * when something differs (v->bad_seq and v->msg say what), -1 with err.
 */
int cs_store_verify(struct cs_store *st, struct cs_verify *v,
    struct cs_progress *pr, struct cs_error *err);

#endif
