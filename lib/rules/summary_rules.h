/*
 * share/cs/summary.json: what the monthly supervision report shows and
 * how it names it (the page title, the charts in page order with their
 * titles and notes, the most bars of a chart, the table labels).
 */
#ifndef CS_RULES_SUMMARY_RULES_H
#define CS_RULES_SUMMARY_RULES_H

#include <stddef.h>

#include "core/util.h"

/* The charts the report knows how to draw, by id. */
extern const char *const cs_summary_chart_ids[];
enum { CS_SUMMARY_NCHART_IDS = 8 };

struct cs_summary_chart {
	char *id;			/* one of cs_summary_chart_ids */
	char *title;			/* Chinese */
	char *title_en;
	char *note;			/* what it counts, in English */
};

struct cs_summary_rules {
	char *title, *title_en;
	long max_bars;			/* bars per chart, the rest summed */
	struct cs_summary_chart *charts;
	size_t ncharts;
	char **keys, **labels;		/* labels[i] of keys[i] */
	size_t nlabels;
	char *css;			/* summary.css, inlined in the page */
};

/*
 * Load DIR/summary.json and the stylesheet DIR/summary.css into r
 * (cs_summary_rules_release).  Returns 0, or -1 with err (69) naming the
 * file and the key at fault.
 */
int cs_summary_rules_load(struct cs_summary_rules *r, const char *dir,
    struct cs_error *err);
void cs_summary_rules_release(struct cs_summary_rules *r);

/* The label of key, or key itself when the file has none; borrowed. */
const char *cs_summary_label(const struct cs_summary_rules *r,
    const char *key);

#endif
