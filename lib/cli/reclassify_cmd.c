/*
 * reclassify of cs-record: the severities severity.json derived, derived
 * again after the rules changed; the changes written as a stream and
 * stored as correction events (none with --dry-run).
 */
#include <stdio.h>
#include <string.h>

#include "cli/messages.h"
#include "cli/options.h"
#include "cli/reclassify_cmd.h"
#include "cli/run.h"
#include "ops/reclassify.h"

enum { OPT_DRY_RUN = 0x2c0 };

static int dry_run;

static error_t
parse_reclassify(int key, char *arg, struct argp_state *state)
{
	(void)arg, (void)state;
	if (key != OPT_DRY_RUN)
		return ARGP_ERR_UNKNOWN;
	dry_run = 1;
	return 0;
}

static const struct argp_option reclassify_options[] = {
	{ "dry-run", OPT_DRY_RUN, NULL, 0,
	  "print what would change and store nothing", 0 },
	{ 0 }
};

static const struct argp reclassify_argp = {
	reclassify_options, parse_reclassify, NULL, NULL, NULL, NULL, NULL
};

const struct argp_child cs_reclassify_children[] = {
	{ &reclassify_argp, 0, NULL, 0 },
	{ 0 }
};

/*
 * The help of add lives here, beside reclassify: both say how a severity
 * is derived from the decision.
 */
const char cs_add_doc[] =
	"Ingest credit records (or, with --entities, the entity register)."
	"\vExamples:\n"
	"  cs-record add --rejects=bad.csv records.csv\n"
	"  iconv -f gb18030 -t utf-8 cf.csv | cs-record add --set "
	"type=penalty\n\n"
	"Every column is checked (USCC check characters, dates, types, "
	"amounts, references); rejected rows are reported with file:line "
	"and the rest is stored.  Adding a record again changes nothing.\n\n"
	"A penalty without a severity (失信严重程度) gets one from "
	"severity.json in the rules directory: the first rule in force on "
	"its decision date that matches its penalty_category, fine_10k_yuan "
	"(罚款金额（万元）, or 罚款金额（元） in yuan), party_category, domain "
	"or authority; the rule's id is stored as severity_rule.  A severity "
	"the feed gives always wins.  A row whose severity cannot be derived "
	"is rejected naming what is missing, never guessed, and each input "
	"ends with the line 'FILE: severity derived N, not derivable M "
	"(severity.json)'.  Without severity.json nothing is derived.  After "
	"the rules change, run 'cs-record reclassify'.  Exit status: see "
	"cs(7).";

const char cs_reclassify_doc[] =
	"Derive again the severities severity.json derived, after the rules "
	"changed.\v"
	"Examples:\n"
	"  cs-record reclassify --dry-run\n"
	"  cs-record reclassify --as-of=2026-04-01 --to=ndjson | jq -c .\n\n"
	"Looks at the active records whose severity a rule gave (those with "
	"a severity_rule; a severity the feed gave is never touched) decided "
	"on or before --as-of, by the rules in force on each decision date.  "
	"Each one the rules now give another severity is corrected, with the "
	"reason, so publicity windows, scores and list bases follow; one they "
	"give the same severity by a rule of another id only gets the new "
	"severity_rule (counted as 'rule renamed', its own reason); "
	"it is written with its doc_no and authority, to review against the "
	"source file, and severity_was and severity_rule_was.  One the "
	"rules give nothing is reported and left as it is (exit status 1).  "
	"Exit status: see cs(7).";

static const char *const cols[] = { "id", "uscc", "doc_no", "authority",
	"decided_on", "severity_was", "severity_rule_was", "severity",
	"severity_rule" };

enum { NCOLS = sizeof(cols) / sizeof(cols[0]) };

/* The run: the writer of the changes and the status so far. */
struct rc_ctx {
	struct cs_run *c;
	struct cs_writer *w;
};

static int
each(void *ctx, const struct cs_reclass_row *r, struct cs_error *err)
{
	struct rc_ctx *k = ctx;
	const char *v[NCOLS];

	(void)err;
	if (r->why != NULL) {
		cs_warn("record '%s' (decided %s): severity cannot be derived "
		    "now: %s; left %s by rule '%s'", r->id, r->decided_on, r->why,
		    r->severity_was, r->rule_was);
		cs_run_status(k->c, CS_EX_FOUND);
		return 0;
	}
	v[0] = r->id;
	v[1] = r->uscc;
	v[2] = r->doc_no;
	v[3] = r->authority;
	v[4] = r->decided_on;
	v[5] = r->severity_was;
	v[6] = r->rule_was;
	v[7] = r->severity;
	v[8] = r->rule;
	cs_writer_row(k->w, v, NULL);
	return 0;
}

int
cs_record_reclassify(void)
{
	struct cs_run_opts o = { 0 };
	struct cs_reclass_counts n;
	struct cs_recops ops;
	struct cs_error err;
	struct cs_run c;
	struct rc_ctx k;

	o.com = &cs_opt;
	o.tool = "cs-record";
	o.need_store = 1;
	o.writes = !dry_run;
	cs_run_open(&c, &o);
	cs_recops_init(&ops, c.st, c.ru, &c.co);
	if (cs_rec_reclassify_ready(&ops, &err) != 0)
		cs_run_fatal(&c, &err);
	k.c = &c;
	k.w = cs_writer_new(stdout, cs_run_out_format(&c), NCOLS, cols);
	cs_writer_begin(k.w);
	if (!dry_run)
		cs_run_begin(&c);
	if (cs_rec_reclassify(&ops, cs_opt.as_of_str, dry_run, each, &k, &n,
	    &err) != 0)
		cs_run_fatal(&c, &err);
	if (!dry_run)
		cs_run_commit(&c);
	cs_run_stored_rows(&c, k.w);
	if (!cs_opt.quiet)
		cs_warn("%s %ld, rule renamed %ld, unchanged %ld, not "
		    "derivable %ld", dry_run ? "would reclassify" :
		    "reclassified", n.changed, n.renamed, n.unchanged,
		    n.underivable);
	cs_recops_release(&ops);
	return cs_run_close(&c);
}
