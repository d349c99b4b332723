/*
 * Records and entity register rows as typed field sets: filled from rows
 * through a binding (schema.h), validated against the catalogue, written
 * as canonical JSON, compared, given derived ids.  Pure: no I/O.
 */
#ifndef CS_DOMAIN_RECORD_H
#define CS_DOMAIN_RECORD_H

#include <stddef.h>

#include "core/util.h"
#include "domain/catalog.h"
#include "domain/schema.h"
#include "io/row.h"

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
/*
 * The same without settling the pointers f->v, f->xname and f->xval,
 * for a loader that fills a whole row: call cs_fields_settle after the
 * last one and before reading f.
 */
void cs_fields_add(struct cs_fields *f, int c, const char *s, size_t n);
void cs_fields_add_extra(struct cs_fields *f, const char *name,
    const char *val, size_t n);
void cs_fields_settle(struct cs_fields *f);
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
 * entity row by the catalogue cat.  Returns 0 when valid, 1 when valid
 * with a warning in warn, -1 with the reason in msg (the subject value in
 * single quotes).
 */
int cs_fields_check(const struct cs_catalog *cat, struct cs_fields *f,
    const struct cs_check_opts *o, char *msg, size_t msgsz, char *warn,
    size_t warnsz);

/*
 * Check value as column c of sc in a row would be (for --set, before any
 * row is read): 0, or -1 with the reason in msg; an unknown type names
 * the types of the catalogue, once.
 */
int cs_field_check_value(const struct cs_catalog *cat,
    const struct cs_schema *sc, int c, const char *value,
    const struct cs_check_opts *o, char *msg, size_t msgsz);

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

#endif
