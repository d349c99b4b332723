/*
 * Records and entity register rows as typed field sets: the canonical
 * columns, binding a stream header to them, validation against the
 * catalogue, canonical JSON bodies and derived record ids.  Pure: no I/O.
 */
#ifndef CS_DOMAIN_RECORD_H
#define CS_DOMAIN_RECORD_H

#include <stddef.h>

#include "core/util.h"
#include "io/row.h"

struct cs_rules;

enum cs_col_kind {
	CK_TEXT,
	CK_ID,				/* letters, digits and ._:- */
	CK_USCC,
	CK_DATE,
	CK_DECIMAL,
	CK_BOOL,
	CK_RESIDENT_ID,			/* GB 11643, unless its *_type says not */
	CK_TYPE,			/* a record type of the catalogue */
	CK_SEVERITY,
	CK_DOMAIN,
	CK_REGION,			/* six digits */
	CK_INDUSTRY,			/* GB/T 4754: a letter and up to 4 digits */
	CK_KIND,			/* entity kind */
	CK_STATUS			/* entity status */
};

struct cs_coldef {
	const char *name;
	int kind;
	int idtype;			/* CK_RESIDENT_ID: column of its type, or -1 */
};

struct cs_schema {
	const char *what;		/* "record", "entity" */
	size_t n;
	const struct cs_coldef *cols;
	const size_t *sorted;		/* column indexes by name, for JSON */
};

/* Record columns, in export order. */
enum cs_rcol {
	R_ID, R_USCC, R_NAME, R_TYPE, R_SEVERITY, R_AUTHORITY,
	R_AUTHORITY_USCC, R_DOC_NO, R_DECIDED_ON, R_VALID_FROM,
	R_VALID_UNTIL, R_DUE_ON, R_REF, R_AMOUNT, R_FINE_10K_YUAN, R_BASIS,
	R_CONTENT, R_SOURCE, R_DOMAIN, R_CERTIFIED, R_DISHONEST_DEBTOR,
	R_PERSON_NAME, R_PERSON_ID, R_NOTE, R_VIOLATION_TYPE,
	R_PENALTY_CATEGORY, R_LICENSE_CATEGORY, R_PARTY_CATEGORY,
	R_SOURCE_USCC, R_PERSON_ID_TYPE, R_LEGAL_REP, R_LEGAL_REP_ID_TYPE,
	R_LEGAL_REP_ID,
	R_NCOLS
};

/* Entity register columns. */
enum cs_ecol {
	E_USCC, E_NAME, E_KIND, E_REGION, E_INDUSTRY, E_LEGAL_REP,
	E_LEGAL_REP_ID, E_REGISTERED_ON, E_STATUS,
	E_NCOLS
};

enum { CS_MAXCOLS = 40 };

extern const struct cs_schema cs_record_schema;
extern const struct cs_schema cs_entity_schema;

/* Index of a column of sc by name, or -1. */
int cs_schema_find(const struct cs_schema *sc, const char *name);

/*
 * How the columns of a stream header feed a schema.  Columns whose names
 * start with "_" (tool annotations such as _line and _error) and the
 * columns export computes (seq, disputed) are ignored; every other column
 * not in the schema is an extra column, kept with the record.
 */
struct cs_binding {
	const struct cs_schema *sc;
	size_t hdr_n;			/* header size when bound */
	long col[CS_MAXCOLS];		/* header index per column, or -1 */
	size_t nx;
	long *xcol;			/* header indexes of extra columns */
	const char **xname;
	size_t capx;
	const char *set[CS_MAXCOLS];	/* --set values (used when empty) */
	size_t nxset;
	char **xset_name;		/* --set of extra columns */
	char **xset_val;
	const char *const *reserved;	/* names the command reads itself */
};

void cs_binding_init(struct cs_binding *b, const struct cs_schema *sc);
void cs_binding_release(struct cs_binding *b);
/*
 * Add a "COLUMN=VALUE" default; returns 0, or -1 when the text has no
 * "=" or an empty column name.  The column is matched through aliases.
 */
int cs_binding_set(struct cs_binding *b, const struct cs_aliases *al,
    const char *assignment);
/* (Re)bind to header h; cheap when h has not grown. */
void cs_binding_bind(struct cs_binding *b, const struct cs_header *h);
/* 1 when column c has a source (a header column or a --set value). */
int cs_binding_has(const struct cs_binding *b, int c);

/*
 * The values of one row, trimmed of surrounding white space; an empty
 * value is an absent one.  The field set owns copies of its values, so
 * they stay valid after the row is gone.
 */
struct cs_fields {
	const struct cs_schema *sc;
	const char *v[CS_MAXCOLS];	/* NUL-terminated, or NULL when absent */
	size_t vlen[CS_MAXCOLS];
	long voff[CS_MAXCOLS];		/* offset in own, or -1 when absent */
	size_t nx;
	const char **xname;		/* extra columns with a value */
	const char **xval;
	size_t *xlen;
	long *xnoff;
	long *xvoff;
	size_t capx;
	struct cs_buf own;
};

void cs_fields_init(struct cs_fields *f, const struct cs_schema *sc);
void cs_fields_release(struct cs_fields *f);
/* Fill f from row through b (values copied). */
void cs_fields_from_row(struct cs_fields *f, const struct cs_binding *b,
    const struct cs_row *row);
/* Set column c to the n bytes at s (copied, trimmed); NULL or "" clears it. */
void cs_fields_put(struct cs_fields *f, int c, const char *s, size_t n);
/* Add or replace extra column name (both copied); "" removes it. */
void cs_fields_put_extra(struct cs_fields *f, const char *name,
    const char *val, size_t n);
/* Empty f for the next row. */
void cs_fields_clear(struct cs_fields *f);

struct cs_check_opts {
	int as_of;			/* day number */
	int allow_pilot;		/* accept early pilot codes */
	int (*pilot_listed)(void *ctx, const char *uscc);
	void *pilot_ctx;
};

/*
 * Validate and normalise a record (f->sc must be cs_record_schema) or an
 * entity row.  Returns 0 when valid, 1 when valid with a warning in warn,
 * -1 with the reason in msg (the subject value in single quotes).
 */
int cs_fields_check(const struct cs_rules *ru, struct cs_fields *f,
    const struct cs_check_opts *o, char *msg, size_t msgsz, char *warn,
    size_t warnsz);

/*
 * Canonical JSON of the fields (non-empty schema columns, plus "extra"
 * with the extra columns when there are any) appended to b.  skip is a
 * column left out (-1: none).
 */
void cs_fields_json(const struct cs_fields *f, struct cs_buf *b, int skip);

/*
 * The id of a record without one: the first 16 hex digits of the SHA-256
 * of the canonical JSON array [type, authority, doc_no, uscc] when it has
 * a doc_no, else of the canonical JSON of its schema columns (extra
 * columns left out, so a feed's own columns do not make a new record).
 */
void cs_record_derive_id(const struct cs_fields *f, char out[17]);

/*
 * The columns that differ from old to new as a canonical JSON object
 * (new values; null for a value removed; extra columns under "extra"),
 * written to out.  Returns the number of changed columns.
 */
int cs_fields_diff(const struct cs_fields *old, const struct cs_fields *new,
    struct cs_buf *out);

/*
 * Apply a row that changes f: every non-empty value of a column bound by
 * b replaces f's (the id never changes), then the columns named in clears
 * lose their values.
 */
void cs_fields_apply(struct cs_fields *f, const struct cs_binding *b,
    const struct cs_row *row, const char *const *clears, size_t nclears);

/* 1 when s is a valid id (letters, digits, ._:-, 1 to 64 bytes). */
int cs_id_valid(const char *s, size_t n);

/*
 * Fill f from a JSON object (a ledger body: schema columns as strings and
 * an optional "extra" object of strings).  Returns 0, or -1 when obj has
 * another shape.
 */
int cs_fields_from_json(struct cs_fields *f, const void *obj);

#endif
