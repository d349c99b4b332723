/*
 * The canonical columns: the record and entity register schemas, and
 * binding a stream header to them (which column feeds which, the extra
 * columns kept with a record, --set defaults).  Pure: no I/O.
 */
#ifndef CS_DOMAIN_SCHEMA_H
#define CS_DOMAIN_SCHEMA_H

#include <stddef.h>

#include "io/row.h"

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
	R_LEGAL_REP_ID, R_FACTS, R_PUBLICITY_END, R_SEVERITY_RULE,
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
 * The same for the members of a canonical JSON object, which come in
 * name order: *pos (0 for the first member) is where in sc->sorted the
 * next name is looked for first; it moves past the column found.
 */
int cs_schema_find_next(const struct cs_schema *sc, const char *name,
    size_t *pos);

/*
 * The JSON type (enum cs_jtype) of a canonical column in NDJSON output:
 * the record columns of a decimal or boolean kind, and the columns the
 * tools compute (seq, disputed, entry_id, score, ...); CS_JT_TEXT for
 * any other.
 */
int cs_column_jtype(const char *name);

/*
 * How the columns of a stream header feed a schema.  Columns whose names
 * start with "_" (tool annotations such as _line and _error) and the
 * columns export computes (seq, disputed, published, publicity_until,
 * repair_from, publicity_end_differs) are ignored; every other column
 * not in the schema is an extra column, kept with the record under the
 * target of its alias when it has one (aliases.csv may name columns
 * outside the schema, such as reg_no), else under its name as given.
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

#endif
