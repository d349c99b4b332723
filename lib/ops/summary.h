/*
 * The monthly supervision report (cs-publish summary): the month's
 * figures gathered from the store as one JSON document (summary.c), and
 * the self-contained HTML page with its SVG charts drawn from exactly
 * that document (summary_html.c).
 */
#ifndef CS_OPS_SUMMARY_H
#define CS_OPS_SUMMARY_H

#include <jansson.h>

#include "core/util.h"
#include "domain/disclose.h"
#include "domain/model.h"
#include "rules/models.h"
#include "rules/rules.h"
#include "rules/summary_rules.h"
#include "store/store.h"

/* What the figures of one month are gathered from (all borrowed). */
struct cs_summary_in {
	struct cs_store *st;
	const struct cs_rules *ru;
	const struct cs_disclose *dc;	/* publish.json: deadlines */
	const struct cs_models *ms;	/* the signals */
	const struct cs_classes *cl;	/* the class letters, in order */
	int year, month;		/* the month reported */
};

/*
 * Parse "YYYY-MM" (a year from 1000 to 9999, a month 01 to 12, nothing
 * after): 0 with *year and *month, else -1.
 */
int cs_summary_month_parse(const char *s, int *year, int *month);

/*
 * The figures of the month in->year-in->month: records ingested, the
 * disclosure timeliness of lateness, classes and movements, inspections,
 * list inflow and outflow, repairs, early-warning signals.  Returns new
 * (json_decref), or NULL with err.
 */
json_t *cs_summary_build(const struct cs_summary_in *in,
    struct cs_error *err);

/*
 * The page of the figures j (as cs_summary_build makes them) with the
 * presentation of sr and the stylesheet css (the project's own, inlined
 * as given), appended to b.
 */
void cs_summary_html(const json_t *j, const struct cs_summary_rules *sr,
    const char *css, struct cs_buf *b);

#endif
