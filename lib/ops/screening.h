/*
 * Screening against the lists: every entry active on a day, read from the
 * store once into a compact hash table by USCC and by normalised name,
 * with the columns cs-blacklist check appends worked out per entity.
 */
#ifndef CS_OPS_SCREENING_H
#define CS_OPS_SCREENING_H

#include <stddef.h>
#include <stdint.h>

#include "core/util.h"
#include "domain/lists.h"
#include "domain/uscc.h"
#include "store/store.h"

/* What screening appends for one USCC or one name. */
struct cs_hit {
	char *key;			/* the USCC or the normalised name */
	unsigned long long lists;	/* bit per list type of cs_lists */
	char until[11];			/* latest last day, or "permanent"; */
					/* with a dept, of its lists only */
	const char *lists_s;		/* "serious;ban" (borrowed from the */
	const char *measures_s;		/* screen); "PROC;INSP" for --dept */
};

/* The columns of one set of lists, worked out once. */
struct cs_screen_cols {
	unsigned long long lists;
	char *lists_s;
	char *measures_s;
};

/* A slot of the tables: the key's hash (0: empty) and its hit. */
struct cs_screen_slot {
	uint64_t h;
	long hit;
};

struct cs_screen {
	struct cs_hit *hits;
	size_t nhits;
	size_t cap;			/* of each table: a power of two */
	int shift;			/* 64 - log2(cap) */
	struct cs_screen_slot *by_uscc;
	struct cs_screen_slot *by_name;
	uint64_t *bloom;		/* a bit per hash of any key: most */
	size_t bmask;			/* misses stop here, in the cache */
	struct cs_screen_cols *cols;	/* per distinct set of lists */
	size_t ncols;
	struct cs_listed *entries;	/* as read, for the names table, */
	char **names;			/* which is built when first asked */
	size_t nentries;
	const struct cs_lists *ls;	/* borrowed */
	const char *dept;
	unsigned long long dept_lists;	/* types with a measure of dept */
	int named;			/* by_name is built */
	struct cs_buf nb;		/* scratch for names */
};

/*
 * Read the entries active on as_of (cs_store_iter_listed) into s; dept
 * NULL: every list and measure, else the lists, measures and until of a
 * hit are those of the list types with a measure dept applies (a hit on
 * other lists only has them empty, but is a hit).  List types that ls
 * does not define are left out.  Returns 0, or -1 with err.
 */
int cs_screen_load(struct cs_screen *s, struct cs_store *st,
    const struct cs_lists *ls, const char *as_of, const char *dept,
    struct cs_error *err);
void cs_screen_release(struct cs_screen *s);
/* The hit of a normalised USCC, or NULL (borrowed). */
/* The columns a screening appends: listed, lists, measures, ... */
enum { CS_SCREEN_NCOLS = 5 };
extern const char *const cs_screen_colnames[CS_SCREEN_NCOLS];

/*
 * Screen one counterparty: by its USCC u (ul bytes) when it has one, else
 * by its name nm (nl bytes).  Returns 0 with *h (NULL: not listed) and
 * *match ("uscc", "name" or ""), or -1 with msg when the USCC is invalid.
 */
int cs_screen_judge(struct cs_screen *s, const struct cs_uscc_rules *ur,
    const char *u, size_t ul, const char *nm, size_t nl,
    const struct cs_hit **h, const char **match, char *msg, size_t msgsz);
/* The values of the appended columns for hit h (borrowed). */
void cs_screen_values(const struct cs_hit *h, const char *match,
    const char *v[CS_SCREEN_NCOLS]);
/* Append them, CSV-quoted, each after a comma, and an LF, to b. */
void cs_screen_add_csv(struct cs_buf *b, const struct cs_hit *h,
    const char *match);

const struct cs_hit *cs_screen_uscc(const struct cs_screen *s,
    const char *uscc);
/* The hit of a name (n bytes, normalised here), or NULL (borrowed). */
const struct cs_hit *cs_screen_name(struct cs_screen *s, const char *name,
    size_t n);

#endif
