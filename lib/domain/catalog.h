/*
 * The record catalogue as the record checks see it: record types, value
 * lists with their accepted spellings, the columns every record needs,
 * the document types that are resident IDs and the USCC tables.  lib/rules
 * fills it from share/cs/catalog.json and uscc.json; pure: no I/O.
 */
#ifndef CS_DOMAIN_CATALOG_H
#define CS_DOMAIN_CATALOG_H

#include <stddef.h>

#include "domain/uscc.h"

struct cs_rtype {
	char *name;			/* "penalty" */
	char *title;			/* Chinese title */
	char *en;			/* English title */
	unsigned long long requires;	/* bit per record column */
	char *ref_type;			/* type a ref must point to, or NULL */
	char **settled_by;		/* types whose ref_type is this one */
	size_t nsettled_by;		/* (borrowed names) */
};

/* A value list: canonical values with their accepted spellings. */
struct cs_vocab {
	size_t n;
	char **spelling;		/* normalised: ASCII lower-cased */
	const char **value;		/* canonical, borrowed from values */
	size_t nvalues;
	char **values;
};

struct cs_catalog {
	unsigned long long required;	/* columns every record needs */
	struct cs_rtype *types;
	size_t ntypes;
	struct cs_vocab severities;
	struct cs_vocab booleans;
	struct cs_vocab domains;
	struct cs_vocab entity_kinds;
	struct cs_vocab entity_statuses;
	struct cs_vocab resident_id_types; /* documents that are resident IDs */
	const struct cs_uscc_rules *uscc; /* borrowed, or NULL: no tables */
};

/*
 * Add spelling (copied, ASCII lower-cased) of the canonical value (copied
 * once) to v.
 */
void cs_vocab_add(struct cs_vocab *v, const char *value,
    const char *spelling);
/* Free what v holds and empty it. */
void cs_vocab_release(struct cs_vocab *v);
/* The canonical value of s in v (ASCII case ignored), or NULL. */
const char *cs_vocab_lookup(const struct cs_vocab *v, const char *s,
    size_t n);
/* "a, b, c": the canonical values of v; returns new memory. */
char *cs_vocab_list(const struct cs_vocab *v);

/* The type named by the n bytes at name, or NULL; borrowed. */
const struct cs_rtype *cs_catalog_type(const struct cs_catalog *cat,
    const char *name, size_t n);
/* Free the types and value lists of cat (not the USCC tables) and empty it. */
void cs_catalog_release(struct cs_catalog *cat);

#endif
