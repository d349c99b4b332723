/*
 * The unit that flows through every tool: a row of named string fields,
 * its header, and the table of column aliases (the Chinese names and
 * CF_/XK_ codes of the national double-publicity data standard).
 */
#ifndef CS_IO_ROW_H
#define CS_IO_ROW_H

#include <stddef.h>

/*
 * The JSON type a column's values take in NDJSON output (a value that is
 * not a literal of the type stays a string).
 */
enum cs_jtype {
	CS_JT_TEXT,			/* a string; left out when empty */
	CS_JT_INT,			/* a whole number; null when empty */
	CS_JT_DECIMAL,			/* a number, its digits as given */
	CS_JT_BOOL			/* true/false (also yes/no) */
};

/* Column names of a stream, in input order.  Owns its strings. */
struct cs_header {
	size_t n;
	size_t cap;
	char **name;			/* canonical name when aliased, else as given */
	char **orig;			/* as in the input */
};

void cs_header_init(struct cs_header *h);
void cs_header_release(struct cs_header *h);
/* Append a column; copies both strings; returns its index. */
size_t cs_header_add(struct cs_header *h, const char *orig, const char *name);
/* Index of the column named name (canonical), or -1. */
long cs_header_find(const struct cs_header *h, const char *name);
/*
 * The columns of need (canonical names, NULL-terminated) that h lacks,
 * neither a column of the name (or an alias of it) nor "name=value" among
 * sets[0..nsets) (--set): 0 when none; else how many, with the one
 * message that names them all in msg[n], and for each the column of h
 * whose name is near, if any: "no columns 'type' and 'decided_on' in the
 * header ('typ' may be 'type')".  with_set adds how --set fills one.
 */
size_t cs_header_lacks(const struct cs_header *h, const char *const *need,
    const char *const *sets, size_t nsets, int with_set, char *msg,
    size_t n);

/*
 * One row.  Values are borrowed from the reader and valid until the next
 * cs_reader_next(); val[i] is NULL when the field is absent (NDJSON).
 */
struct cs_row {
	const struct cs_header *hdr;
	size_t n;			/* values; may differ from hdr->n when bad */
	char **val;
	size_t *len;
	const char *file;		/* display name of the input */
	long line;			/* line where the row starts */
	const char *bad;		/* why the row is unusable, or NULL */
	const char *raw;		/* NDJSON: the line as read (for rejects) */
	size_t rawlen;
};

/* The value of column i, or NULL when absent or out of range. */
const char *cs_row_get(const struct cs_row *r, long i);
/*
 * The value of column name, spaces, tabs and line ends trimmed, else the
 * value of "name=value" among sets[0..nsets) (--set), else NULL when it
 * is absent or empty.  Borrowed: a copy that stays valid for the next
 * seven calls.
 */
const char *cs_row_trimmed(const struct cs_row *r, const char *name,
    const char *const *sets, size_t nsets);

/*
 * Aliases: normalised name -> canonical column.  Names are normalised by
 * trimming spaces (also U+3000), folding full-width ASCII forms and
 * lower-casing ASCII, so "（万元）" matches "(万元)" and "CF_WSH" "cf_wsh".
 */
struct cs_aliases;

struct cs_aliases *cs_aliases_new(void);
void cs_aliases_free(struct cs_aliases *a);
/*
 * Map alias to column (both copied).  Returns 0, or -1 when the alias is
 * already mapped to another column.
 */
int cs_aliases_add(struct cs_aliases *a, const char *alias, const char *column);
/* The canonical column for name, or NULL; borrowed from a. */
const char *cs_aliases_lookup(const struct cs_aliases *a, const char *name);
/* Normalise a column name as described above; returns new memory. */
char *cs_column_normalise(const char *s);

#endif
