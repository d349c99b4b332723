/*
 * What can be done to the records of the store, each step checked as the
 * rules and DESIGN.md section 4 and 5 say: read rows as checked records
 * or register rows, add them, correct a record, file an objection,
 * resolve it.  Silent: a row refused gets its reason in ops->msg, an
 * error comes back in err.
 */
#ifndef CS_OPS_RECORDS_H
#define CS_OPS_RECORDS_H

#include "core/util.h"
#include "domain/record.h"
#include "io/ingest.h"
#include "io/row.h"
#include "rules/rules.h"
#include "store/packed.h"
#include "store/store.h"

struct cs_lists;

/* The scratch of the operations; embed, cs_recops_init/_release. */
struct cs_recops {
	struct cs_store *st;
	const struct cs_rules *ru;
	const struct cs_check_opts *co;
	struct cs_fields tmp;		/* a stored version */
	struct cs_fields nf;		/* a corrected version */
	struct cs_buf b;
	struct cs_buf changes;		/* canonical JSON of what differs */
	char msg[1024];			/* CS_REFUSED: why */
	char warn[512];			/* a warning about the row, or "" */
	struct cs_lists *lists;		/* lists.json, loaded when a change
					   touches the basis of a list entry */
};

enum cs_outcome {
	CS_ADDED,			/* stored: added, corrected, filed, resolved */
	CS_UPDATED,			/* a register row that changed an entity */
	CS_UNCHANGED,			/* the store holds it already */
	CS_REFUSED			/* not stored: msg says why */
};

/* The record columns a row changes (correct, resolve). */
struct cs_change_in {
	const struct cs_binding *b;
	const struct cs_row *row;
	const char *const *clears;	/* --clear */
	size_t nclears;
};

/* Rows read as records or register rows (cs_rec_read_hooks). */
struct cs_rec_read {
	const struct cs_schema *sc;	/* record or entity schema */
	const struct cs_catalog *cat;	/* to check by */
	const struct cs_check_opts *co;
	const struct cs_aliases *aliases; /* for the columns of sets */
	const char *const *sets;	/* --set COLUMN=VALUE */
	size_t nsets;
	const char *const *reserved;	/* columns the command reads itself */
	const int *need;		/* columns a CSV header must have */
	size_t nneed;
	const struct cs_publicity *pub;	/* a feed's publicity_end is checked
					   against it (NULL: not) */
	const struct cs_severity *sev;	/* derives a missing severity (NULL:
					   none is derived) */
};

/* The marks the hooks leave on items (cs_item.mark). */
enum cs_rec_mark {
	CS_MARK_DERIVED = 1,		/* severity derived by severity.json */
	CS_MARK_UNDERIVABLE		/* rejected: it could not be derived */
};

/* What the hooks make of a row read well: the data of its item. */
struct cs_rec_item {
	struct cs_fields f;		/* checked, normalised */
	struct cs_buf body;		/* canonical JSON of f */
	struct cs_prepacked pp;		/* body packed ahead */
};

/*
 * Hooks for cs_ingest_start that read rows as o->sc says, on the reading
 * thread: each row bound to the schema, checked (cs_fields_check; a
 * warning goes to the item's msg, a failure makes it a reject), a record
 * without a severity given one by o->sev with its rule in severity_rule
 * (marked CS_MARK_DERIVED; when none can be derived, a reject marked
 * CS_MARK_UNDERIVABLE that names what is missing), a record without an
 * id given its derived one, a feed's publicity_end that
 * disagrees with o->pub a warning, and its canonical JSON written;
 * the item's data is a struct cs_rec_item.  A CSV header without a
 * column of need that no --set gives stops the run (65).  o is copied;
 * what it points to must outlive the ingest, which frees h->ctx.
 */
void cs_rec_read_hooks(struct cs_ingest_hooks *h, const struct cs_rec_read *o);
/*
 * Check the --set values of o that fill columns of o->sc as the rows'
 * values will be, before any row is read: 0, or -1 with err (64, "invalid
 * --set 'type=penality': unknown type 'penality'; the types are ...").
 */
int cs_rec_check_sets(const struct cs_rec_read *o, struct cs_error *err);

void cs_recops_init(struct cs_recops *ops, struct cs_store *st,
    const struct cs_rules *ru, const struct cs_check_opts *co);
void cs_recops_release(struct cs_recops *ops);

/*
 * Add a checked record f (body: its canonical JSON; pp: the body packed
 * ahead, or NULL): added, unchanged (the same record is stored) or
 * refused (the id has other content; a kept/broken record that names no
 * active, unsettled commitment of its entity made before it).  -1 with
 * err.
 */
int cs_rec_add(struct cs_recops *ops, const struct cs_fields *f,
    const char *body, size_t blen, const struct cs_prepacked *pp,
    struct cs_error *err);
/*
 * Derive the severity of the record f by sv when its type has one
 * derived and f has none: 1 with severity and severity_rule set in f, 0
 * when nothing is to be derived (f keeps what it has), -1 with the
 * reject message in msg ("severity is empty and cannot be derived: rule
 * 'large-fine' of severity.json needs fine_10k_yuan").  Values are read
 * as given (dates in any accepted form).
 */
int cs_rec_derive_severity(const struct cs_severity *sv,
    struct cs_fields *f, char *msg, size_t msgsz);
/*
 * Register a checked entity row f (body, pp as cs_rec_add's): added,
 * updated or unchanged.
 */
int cs_rec_register(struct cs_recops *ops, const struct cs_fields *f,
    const char *body, size_t blen, const struct cs_prepacked *pp,
    struct cs_error *err);
/*
 * Correct record id (reason required) with the columns of in.  A list
 * entry left without a basis by the change is ended (basis_revoked).
 */
int cs_rec_correct(struct cs_recops *ops, const struct cs_change_in *in,
    const char *id, const char *reason, struct cs_error *err);
/*
 * File an objection to record id on filed_on (any date form) for reason;
 * *objection_id gets its number when it is added.
 */
int cs_rec_object(struct cs_recops *ops, const char *id,
    const char *filed_on, const char *reason, long *objection_id,
    struct cs_error *err);
/*
 * Resolve objection number objection_id with outcome (upheld, dismissed),
 * reason, resolved_on (NULL: --as-of), revoke (a boolean or NULL) and the
 * corrected columns of in.  An upheld objection ends the list entries
 * it leaves without a basis (basis_revoked).
 */
int cs_rec_resolve(struct cs_recops *ops, const struct cs_change_in *in,
    const char *objection_id, const char *outcome, const char *reason,
    const char *resolved_on, const char *revoke, struct cs_error *err);

#endif
