/*
 * Records and entities in the store: adding and correcting them, looking
 * them up, and the listings of records (export), of commitments, of the
 * rows cs-score reads and of the entity register.
 */
#ifndef CS_STORE_STORE_RECORDS_H
#define CS_STORE_STORE_RECORDS_H

#include <stddef.h>

#include "core/util.h"
#include "domain/record.h"
#include "domain/score.h"
#include "store/db.h"

struct cs_prepacked;

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
 * blen), pp what of it was packed ahead (cs_body_prepack) or NULL, and
 * apply it.  Inside a transaction.  Returns 1 with *seq the event number,
 * 0 when a record with f's id exists (nothing is written: compare with
 * cs_store_record_info), -1 with err.
 */
int cs_store_add_record(struct cs_store *st, const struct cs_fields *f,
    const char *body, size_t blen, const struct cs_prepacked *pp, long *seq,
    struct cs_error *err);
/*
 * Append a "correct" event: record id becomes newf; changes is the
 * canonical JSON object of the changed columns (null for cleared ones).
 */
int cs_store_correct(struct cs_store *st, const char *id,
    const struct cs_fields *newf, const char *changes, const char *reason,
    long *seq, struct cs_error *err);
/*
 * Append an "entity" event (the register row ef, its canonical JSON body
 * and what of it was packed ahead, pp, or NULL) and apply it.
 */
int cs_store_add_entity(struct cs_store *st, const struct cs_fields *ef,
    const char *body, size_t blen, const struct cs_prepacked *pp, long *seq,
    struct cs_error *err);
/*
 * The entity uscc: 1 with ef filled (its register data, or only the name
 * records gave) and *regseq the seq of its last register event (0: none),
 * 0 when unknown, -1 with err.
 */
int cs_store_entity(struct cs_store *st, const char *uscc,
    struct cs_fields *ef, long *regseq, struct cs_error *err);

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
	int by_id;			/* order by id (bytes) */
	int derived;			/* only those with a severity_rule */
	int bare;			/* no disputed, no repair: the caller */
					/* judges neither (two look-ups a row) */
};

struct cs_recmeta {
	long seq;
	long rid;
	int disputed;
	int revoked;
	long repair;			/* the latest granted repair, 0: none ... */
	int repaired_from;		/* ... its effects from this day ... */
	int resumed_on;			/* ... until its revocation day, or -1 */
};

/* Records in version order (seq). */
int cs_store_iter_records(struct cs_store *st,
    const struct cs_record_filter *flt, struct cs_store_iter **it,
    struct cs_error *err);
int cs_store_next_record(struct cs_store_iter *it, struct cs_fields *f,
    struct cs_recmeta *m, struct cs_error *err);

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

/*
 * Commitments (of uscc, or all) with their state on as_of: kept or broken
 * by the first record that settles them, else overdue once due_on has
 * passed, else open.
 */
int cs_store_iter_commitments(struct cs_store *st, const char *uscc,
    const char *as_of, struct cs_store_iter **it, struct cs_error *err);
int cs_store_next_commitment(struct cs_store_iter *it,
    struct cs_commitment *c, struct cs_error *err);

/*
 * Active records of uscc (NULL: of every entity), of one of types (ntypes
 * 0: of any type), ordered by uscc, then decision date, then the order
 * they were added.  With as_of (YYYY-MM-DD; NULL: none), records that a
 * granted credit repair ends on as_of (effective by then, not revoked
 * by then) are left out.
 */
int cs_store_iter_scoring(struct cs_store *st, const char *uscc,
    const char *as_of, const char *const *types, size_t ntypes, struct cs_store_iter **it,
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

/*
 * Names of the extra columns records carry, in order of first use: a new
 * array of new strings (free each and the array).
 */
int cs_store_extra_columns(struct cs_store *st, char ***names, size_t *n,
    struct cs_error *err);

#endif
