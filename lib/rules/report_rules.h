/*
 * The credit report of an entity as policy: share/cs/report.json (its
 * title, the sections in the order of the national standard with their
 * titles, sources, filters and columns, and the labels of the page)
 * loaded into struct cs_report_rules, with messages naming file and key.
 */
#ifndef CS_RULES_REPORT_RULES_H
#define CS_RULES_REPORT_RULES_H

#include <stddef.h>

#include "core/util.h"

/* What a section is built from. */
enum cs_rsource {
	CS_RSRC_ENTITY, CS_RSRC_RECORDS, CS_RSRC_COMMITMENTS, CS_RSRC_LISTS,
	CS_RSRC_EVALUATION, CS_RSRC_SUGGESTIONS
};

/* Which records a records section takes. */
enum cs_rfilter {
	CS_RFLT_ALL,			/* active, decided by the date */
	CS_RFLT_PUBLISHED,		/* published on the date, as releases */
	CS_RFLT_IN_FORCE		/* active and not past valid_until */
};

struct cs_rsection {
	char *key;			/* "penalties" */
	char *title;			/* "行政处罚信息" */
	char *en;
	int source;			/* enum cs_rsource */
	int filter;			/* enum cs_rfilter */
	char **types;			/* record types (records) */
	size_t ntypes;
	char **where;			/* column, value, column, value ... */
	size_t nwhere;			/* pairs */
	char **col;			/* column keys */
	char **label;			/* their headers */
	size_t ncols;
};

struct cs_report_rules {
	char *title, *title_en, *subtitle, *prefix, *none;
	char **numbering;		/* "一", "二", ...: one per section */
	char **lkey, **lval;		/* labels: key -> label */
	size_t nl;
	char **tkey, **tval;		/* terms: code -> word */
	size_t nt;
	struct cs_rsection *s;
	size_t n;
	char *css;			/* report.css, whole */
};

/*
 * Load DIR/report.json and the stylesheet DIR/report.css into r
 * (cs_report_rules_release).  0, or -1 with err (69) naming the file and
 * key; r is empty then.
 */
int cs_report_rules_load(struct cs_report_rules *r, const char *dir,
    struct cs_error *err);
void cs_report_rules_release(struct cs_report_rules *r);

/* The label of key (borrowed), or key itself when report.json has none. */
const char *cs_report_label(const struct cs_report_rules *r,
    const char *key);
/* The word for code (borrowed), or the code when terms has none. */
const char *cs_report_term(const struct cs_report_rules *r,
    const char *code);

#endif
