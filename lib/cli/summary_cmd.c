/*
 * cs-publish summary: the run (store, rules, the models of the signals,
 * the classes, summary.json), the figures as canonical JSON, and the
 * page drawn from that same JSON, written whole or not at all.
 */
#include <stdio.h>
#include <string.h>

#include "cli/options.h"
#include "cli/run.h"
#include "cli/summary_cmd.h"
#include "core/hash.h"
#include "ops/release.h"
#include "ops/summary.h"
#include "rules/models.h"
#include "rules/publish_rules.h"

int
cs_summary_main(const char *month, int json, const char *output)
{
	struct cs_run_opts o = { .com = &cs_opt, .tool = "cs-publish",
	    .need_store = 1 };
	struct cs_summary_rules sr;
	struct cs_summary_in in;
	struct cs_models *ms = NULL;
	struct cs_classes cl;
	struct cs_disclose dc;
	struct cs_error err;
	struct cs_buf canon, page;
	struct cs_run c;
	char tmp[4096];
	json_t *j;
	FILE *fp;
	int year, mon;

	if (month == NULL)
		cs_usage_error("summary", "give the month with --month=YYYY-MM");
	if (cs_summary_month_parse(month, &year, &mon) != 0)
		cs_usage_error("summary", "invalid --month '%s': expected "
		    "YYYY-MM with a month from 01 to 12", month);
	memset(&cl, 0, sizeof(cl));
	cs_run_open(&c, &o);
	if (cs_disclose_load(&dc, c.ru->dir, &err) != 0)
		cs_run_fatal(&c, &err);
	if (cs_models_load(&ms, c.ru->dir, NULL, &err) != 0 ||
	    cs_classes_load(&cl, c.ru->dir, &err) != 0 ||
	    cs_summary_rules_load(&sr, c.ru->dir, &err) != 0)
		cs_run_fatal(&c, &err);
	in = (struct cs_summary_in){ .st = c.st, .ru = c.ru, .dc = &dc,
	    .ms = ms, .cl = &cl, .year = year, .month = mon };
	j = cs_summary_build(&in, &err);
	if (j == NULL)
		cs_run_fatal(&c, &err);
	cs_buf_init(&canon);
	cs_buf_init(&page);
	/* Integers and strings only: canonical JSON cannot fail. */
	if (cs_canon_json(j, &canon) != 0)
		cs_xfail("canonical JSON of a summary");
	cs_buf_addc(&canon, '\n');
	if (!json)
		cs_summary_html(j, &sr, sr.css, &page);
	json_decref(j);
	if (output != NULL) {
		fp = cs_publish_open(output, tmp, sizeof(tmp), &err);
		if (fp == NULL)
			cs_run_fatal(&c, &err);
		fwrite(json ? canon.s : page.s, 1, json ? canon.len : page.len,
		    fp);
		if (cs_publish_close(fp, 0, tmp, output, &err) != 0)
			cs_run_fatal(&c, &err);
	} else {
		fwrite(json ? canon.s : page.s, 1, json ? canon.len : page.len,
		    stdout);
	}
	if (output != NULL && !cs_opt.quiet)
		cs_warn("wrote the summary of %s to '%s'", month, output);
	cs_buf_release(&canon);
	cs_buf_release(&page);
	cs_summary_rules_release(&sr);
	cs_classes_release(&cl);
	cs_models_free(ms);
	cs_disclose_release(&dc);
	return cs_run_close(&c);
}

const char cs_summary_doc[] =
	"The monthly supervision report of --month: one self-contained "
	"HTML page of charts with their tables, or its figures as JSON.\v"
	"Examples:\n"
	"  cs-publish summary --month=2026-11 -o summary-2026-11.html\n"
	"  cs-publish summary --month=2026-11 --format=json | jq .repairs\n\n"
	"The month's figures: records ingested by the day the ledger "
	"recorded them, by type and authority; disclosure timeliness (the "
	"figures of 'lateness --since --until' for the month); classes at "
	"the end of the month and of the month before, and the movements "
	"between them; the targets of the month's draws, done or open, "
	"and their results; list notices, inflow and outflow; repair "
	"applications filed, granted, refused and overdue; the "
	"early-warning signals of the scoring model raised in the month.  "
	"Each chart has its numbers in a table below it; a chart with "
	"nothing to count says so.  The page is drawn from exactly the "
	"JSON, which prints canonical; the same store and month give the "
	"same bytes (no clock is read).  Titles, chart order and labels: "
	"share/cs/summary.json; the stylesheet: share/cs/summary.css.  "
	"Exit status: 64 for a bad or missing --month; see cs(7).";
