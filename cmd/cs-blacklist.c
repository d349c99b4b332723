/*
 * cs-blacklist: lists of seriously dishonest entities with due process
 * (notice, objection, review, decision, removal, expiry), the joint
 * measures of the departments, and screening of counterparty streams.
 * Reads and writes CSV or NDJSON; see cs-blacklist(1) for the columns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"

static struct opts {
	const char *list;		/* --list */
	const char *state;		/* ls --state */
	const char *dept;		/* --dept */
	struct cs_args in;		/* FILE... */
	int takes_args;
	const char *cmd;
} opt;

enum { OPT_LIST = 0x200, OPT_STATE, OPT_DEPT };

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case OPT_LIST:
		opt.list = arg;
		break;
	case OPT_STATE:
		if (cs_lstate_parse(arg) <= CS_LS_PROPOSED)
			cs_argp_error(state, "invalid --state '%s': use noticed, "
			    "objected, dismissed, listed, removed or withdrawn",
			    arg);
		opt.state = arg;
		break;
	case OPT_DEPT:
		opt.dept = arg;
		break;
	case ARGP_KEY_ARG:
		if (!opt.takes_args)
			cs_argp_error(state, "takes no arguments (got '%s')", arg);
		cs_args_push(state, arg, &opt.in);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* The run and the list rules every command needs. */
static struct cs_lists *
open_run(struct cs_run *c, int need_store)
{
	struct cs_run_opts o = { .com = &cs_opt, .tool = "cs-blacklist",
	    .need_store = need_store, .inputs = opt.in.v, .ninputs = opt.in.n,
	    .batch = cs_shared.batch, .sets = cs_shared.sets,
	    .nsets = cs_shared.nsets };
	struct cs_lists *ls;
	struct cs_error err;

	cs_run_open(c, &o);
	if (cs_lists_load(&ls, c->ru, &err) != 0)
		cs_run_fatal(c, &err);
	if (opt.list != NULL && cs_lists_type(ls, opt.list) == NULL)
		cs_usage_error(opt.cmd, "invalid --list '%s': not a list type of "
		    "lists.json", opt.list);
	if (opt.dept != NULL && !cs_lists_has_dept(ls, opt.dept))
		cs_usage_error(opt.cmd, "invalid --dept '%s': no measure of measures.json "
		    "names it", opt.dept);
	return ls;
}

/* Before entries ids are shown --unmasked: the ledger records it. */
static void
unmask_first(struct cs_run *c, const long *ids, size_t n)
{
	struct cs_error err;

	if (cs_shared.unmasked && cs_list_record_unmask(c->st, ids, n,
	    cs_opt.as_of_str, opt.cmd, &err) != 0)
		cs_run_fatal(c, &err);
}

/*
 * Write entries ids (as they are now) in the ls columns; with decision,
 * the columns of decide.
 */
static void
write_entries(struct cs_run *c, const long *ids, size_t n,
    const struct cs_lists *ls, int decision)
{
	struct cs_writer *w;
	struct cs_error err;

	unmask_first(c, ids, n);
	w = cs_writer_new(stdout, cs_run_out_format(c), decision ?
	    CS_LDECISION_NCOLS : CS_LENTRY_NCOLS, cs_lentry_cols);
	cs_writer_begin(w);
	if (cs_entries_write(c->st, ids, n, cs_shared.unmasked, ls,
	    decision, w, &err) != 0)
		cs_run_fatal(c, &err);
	cs_writer_close(w, NULL);
}

/* The steps of due process: the command, its day column, its verb. */
static const struct step {
	const char *cmd;
	int step;			/* enum cs_lstep */
	const char *day_col;
	const char *verb;
} steps[] = {
	{ "object", CS_LSTEP_OBJECT, "filed_on", "objected" },
	{ "review", CS_LSTEP_DISMISS, "reviewed_on", "reviewed" },
	{ "decide", CS_LSTEP_DECIDE, "effective_on", "listed" },
	{ "remove", CS_LSTEP_REMOVE, "removed_on", "removed" },
	{ "withdraw", CS_LSTEP_WITHDRAW, "withdrawn_on", "withdrawn" },
	{ NULL, 0, NULL, NULL }
};

/* A list operation on rows: add, or one step of due process. */
struct stepper {
	struct cs_listops o;
	const struct step *st;		/* a step: which */
};

static int
add_row(void *ctx, struct cs_item *it, struct cs_said *said,
    struct cs_error *err)
{
	struct stepper *k = ctx;
	struct cs_list_notice n;

	cs_notice_from_row(&n, &it->row, cs_shared.sets, cs_shared.nsets);
	said->why = k->o.msg;
	return cs_list_add(&k->o, &n, &said->id, err);
}

static int
step_row(void *ctx, struct cs_item *it, struct cs_said *said,
    struct cs_error *err)
{
	struct stepper *k = ctx;
	struct cs_list_act a;

	cs_act_from_row(&a, &it->row, k->st->day_col, cs_shared.sets,
	    cs_shared.nsets);
	said->why = k->o.msg;
	return cs_list_act(&k->o, k->st->step, &a, &said->id, err);
}

/*
 * Read the rows of add or of a step with fn, batched; the entries they
 * touched are kept in rows->ids.
 */
static struct cs_lists *
run_rows(struct cs_run *c, struct stepper *k, struct cs_rows *rows,
    int (*fn)(void *, struct cs_item *, struct cs_said *,
    struct cs_error *))
{
	struct cs_lists *ls = open_run(c, 1);

	cs_listops_init(&k->o, c->st, c->ru, ls, cs_opt.as_of);
	rows->tx = CS_ROWS_BATCHED;
	rows->what = "rows";
	rows->keep = CS_KEEP_ADDED | CS_KEEP_UNCHANGED;
	rows->row = fn;
	rows->ctx = k;
	rows->need_cols = cs_list_need(k->st != NULL ? k->st->step : -1);
	rows->with_set = 1;
	cs_run_rows(c, rows);
	return ls;
}

static int
cmd_add(void)
{
	struct cs_rows rows = { 0 };
	struct stepper k = { 0 };
	struct cs_writer *w;
	struct cs_error err;
	struct cs_lists *ls;
	struct cs_run c;

	ls = run_rows(&c, &k, &rows, add_row);
	/* Only what was stored is printed: after the commit. */
	unmask_first(&c, rows.ids, rows.nids);
	w = cs_writer_new(stdout, cs_run_out_format(&c), CS_LNOTICE_NCOLS,
	    cs_lnotice_cols);
	cs_writer_begin(w);
	if (cs_notices_write(c.st, ls, rows.ids, rows.nids,
	    cs_shared.unmasked, w, &err) != 0)
		cs_run_fatal(&c, &err);
	cs_run_stored_rows(&c, w);
	cs_run_summary(&c, "noticed", 0);
	free(rows.ids);
	cs_listops_release(&k.o);
	cs_lists_free(ls);
	return cs_run_close(&c);
}

/* object, review, decide, remove, withdraw: one step per row. */
static int
cmd_step(void)
{
	struct stepper k = { .st = steps };
	struct cs_rows rows = { 0 };
	struct cs_lists *ls;
	struct cs_run c;

	while (strcmp(k.st->cmd, opt.cmd) != 0)
		k.st++;
	ls = run_rows(&c, &k, &rows, step_row);
	write_entries(&c, rows.ids, rows.nids, ls, k.st->step ==
	    CS_LSTEP_DECIDE);
	cs_run_stored_rows(&c, NULL);
	cs_run_summary(&c, k.st->verb, 0);
	free(rows.ids);
	cs_listops_release(&k.o);
	cs_lists_free(ls);
	return cs_run_close(&c);
}

static int
cmd_expire(void)
{
	struct cs_listops o;
	struct cs_error err;
	struct cs_lists *ls;
	struct cs_run c;
	long *ids = NULL;
	size_t n = 0, i;
	int r;

	ls = open_run(&c, 1);
	cs_listops_init(&o, c.st, c.ru, ls, cs_opt.as_of);
	cs_run_begin(&c);
	if (cs_list_due_expiry(c.st, opt.list, cs_opt.as_of_str, &ids, &n,
	    &err) != 0)
		cs_run_fatal(&c, &err);
	for (i = 0; i < n; i++) {
		r = cs_list_expire(&o, ids[i], &err);
		if (r < 0)
			cs_run_fatal(&c, &err);
		if (r == CS_REFUSED) {
			cs_error_set(&err, CS_EX_SOFTWARE, NULL, 0, "%s",
			    o.msg);
			cs_run_fatal(&c, &err);
		}
	}
	write_entries(&c, ids, n, ls, 0);
	cs_run_commit(&c);
	if (!cs_opt.quiet)
		cs_warn("expired %zu", n);
	free(ids);
	cs_listops_release(&o);
	cs_lists_free(ls);
	return cs_run_close(&c);
}

/* The entries ls shows; with --unmasked, recorded before the output. */
static int
cmd_ls(void)
{
	struct cs_entries_query q = { 0 };
	struct cs_error err;
	struct cs_writer *w;
	struct cs_lists *ls;
	struct cs_run c;

	ls = open_run(&c, 1);
	q.list = opt.list;
	q.state = opt.state;
	q.as_of = cs_opt.as_of_str;
	q.unmasked = cs_shared.unmasked;
	q.command = opt.cmd;
	q.lists = ls;
	w = cs_writer_new(stdout, cs_run_out_format(&c), CS_LENTRY_NCOLS,
	    cs_lentry_cols);
	if (cs_entries_list(c.st, &q, w, &err) != 0)
		cs_run_fatal(&c, &err);
	cs_writer_close(w, NULL);
	cs_lists_free(ls);
	return cs_run_close(&c);
}

static int
cmd_propose(void)
{
	struct cs_error err;
	struct cs_writer *w;
	struct cs_lists *ls;
	struct cs_run c;

	ls = open_run(&c, 1);
	w = cs_writer_new(stdout, cs_run_out_format(&c), CS_PROPOSAL_NCOLS,
	    cs_proposal_cols);
	cs_writer_begin(w);
	if (cs_proposals_write(c.st, ls, opt.list, cs_opt.as_of_str, w,
	    &err) != 0)
		cs_run_fatal(&c, &err);
	cs_writer_close(w, NULL);
	cs_lists_free(ls);
	return cs_run_close(&c);
}

static int
cmd_measures(void)
{
	struct cs_writer *w;
	struct cs_lists *ls;
	struct cs_run c;

	ls = open_run(&c, 0);
	w = cs_writer_new(stdout, cs_run_out_format(&c), CS_MEASURE_NCOLS,
	    cs_measure_cols);
	cs_writer_begin(w);
	cs_measures_write(ls, opt.list, opt.dept, w);
	cs_writer_close(w, NULL);
	cs_lists_free(ls);
	return cs_run_close(&c);
}

/* A screening run. */
struct check {
	struct cs_run *c;
	struct cs_checker k;
};

/* The general path: a row of any input, through the stream readers. */
static int
check_row(void *ctx, struct cs_item *it, struct cs_said *said,
    struct cs_error *err)
{
	struct check *ck = ctx;
	struct cs_run *c = ck->c;
	struct cs_checker *k = &ck->k;

	(void)err;
	if (k->pt.format == CS_FMT_AUTO)
		cs_checker_begin(k, it->row.hdr, cs_run_out_format(c));
	if (it->row.hdr->n != k->pt.nhdr)
		cs_checker_columns(k, it->row.hdr);
	said->why = k->msg;
	return cs_checker_row(k, &it->row) != 0 ? CS_REFUSED : CS_UNCHANGED;
}

static int
cmd_check(void)
{
	struct cs_rows rows = { .threaded = 1, .tx = CS_ROWS_READ };
	struct check ck;
	struct cs_checker *k = &ck.k;
	struct cs_lists *ls;
	struct cs_error err;
	struct cs_run c;

	ls = open_run(&c, 1);
	ck.c = &c;
	if (cs_checker_init(k, c.st, ls, &c.ru->uscc, cs_opt.as_of_str,
	    opt.dept, &err) != 0)
		cs_run_fatal(&c, &err);
	cs_run_progress(&c, "rows");
	if (cs_csv_lines_usable(opt.in.v, opt.in.n, cs_opt.from,
	    cs_opt.delim)) {
		cs_run_lines(&c, k);
	} else {
		rows.row = check_row;
		rows.ctx = &ck;
		cs_run_rows(&c, &rows);
	}
	cs_progress_end(&c.pr);
	if (cs_checker_end(k, c.hdr, cs_run_out_format(&c), &err) != 0) {
		cs_warn_err(&err);
		cs_run_status(&c, err.code);
	}
	if (!cs_opt.quiet)
		cs_warn("checked %ld, listed %ld, rejected %ld", k->rows,
		    k->listed, c.n.rejected);
	if (k->listed > 0)
		cs_run_status(&c, CS_EX_FOUND);
	cs_checker_release(k);
	cs_lists_free(ls);
	return cs_run_close(&c);
}

static const struct argp_option list_option[] = {
	{ "list", OPT_LIST, "LIST", 0, "only the list type LIST (serious, key, "
	  "ban)", 0 },
	{ 0 }
};

/* add and the steps: --set, --batch, --unmasked; ls: the last alone. */
static const struct argp_child step_children[] = {
	{ &cs_set_use_argp, 0, NULL, 0 },
	{ &cs_batch_argp, 0, NULL, 0 },
	{ &cs_unmasked_argp, 0, NULL, 0 },
	{ 0 }
};

static const struct argp_option ls_options[] = {
	{ "list", OPT_LIST, "LIST", 0, "only entries of list type LIST", 0 },
	{ "state", OPT_STATE, "STATE", 0,
	  "only entries in STATE on --as-of (noticed, objected, dismissed, "
	  "listed, removed, withdrawn)", 0 },
	{ 0 }
};

static const struct argp_option check_options[] = {
	{ "dept", OPT_DEPT, "DEPT", 0,
	  "only the measures department DEPT applies", 0 },
	{ 0 }
};

static const struct argp_option measures_options[] = {
	{ "list", OPT_LIST, "LIST", 0, "only the measures of list type LIST",
	  0 },
	{ "dept", OPT_DEPT, "DEPT", 0,
	  "only the measures department DEPT applies", 0 },
	{ 0 }
};

static const struct cs_command commands[] = {
	{ "propose", "",
	  "Candidates that meet a list's criteria on --as-of and are not on "
	  "it: uscc, name, list, basis, reason, qualifies.\vExamples:\n"
	  "  cs-blacklist propose --list=serious --as-of=2026-09-30 > p.csv\n"
	  "  cs-blacklist propose --list=serious | cs-blacklist add\n\n"
	  "Review the candidates before giving them to add.  Exit status: "
	  "see cs(7).", list_option, cmd_propose, NULL, CS_USES_OUT },
	{ "add", "[FILE...]",
	  "Notify proposals (uscc, list, basis; name, reason, noticed_on, "
	  "persons): they become noticed entries; prints the notice data."
	  "\vExamples:\n"
	  "  cs-blacklist add --as-of=2026-09-30 proposals.csv > letters.csv\n"
	  "  cs-blacklist propose --list=serious | cs-blacklist add\n\n"
	  "The objection deadline counts working days of the calendar.  "
	  "Exit status: see cs(7).", NULL, cmd_add, step_children,
	  CS_USES_FILTER },
	{ "object", "[FILE...]",
	  "Record objections: entry_id, reason, filed_on (default --as-of)."
	  "\vExamples:\n"
	  "  cs-blacklist object objections.csv\n"
	  "  printf 'entry_id,reason\\n12,paid in full\\n' | cs-blacklist "
	  "object\n\n"
	  "Objections after the deadline are refused.  Exit status: see "
	  "cs(7).", NULL, cmd_step, step_children, CS_USES_FILTER },
	{ "review", "[FILE...]",
	  "Answer objections: entry_id, outcome (upheld or dismissed), "
	  "reason, reviewed_on.\vExamples:\n"
	  "  cs-blacklist review answers.csv\n"
	  "  printf 'entry_id,outcome,reason\\n12,dismissed,not paid\\n' |\n"
	  "    cs-blacklist review\n\n"
	  "An upheld objection withdraws the entry.  Exit status: see cs(7).",
	  NULL, cmd_step, step_children, CS_USES_FILTER },
	{ "decide", "[FILE...]",
	  "Decide listings: entry_id, reason, effective_on (default "
	  "--as-of), term (ban list: P5Y or permanent); prints the decision "
	  "(ls columns, reasons, measures, early_removal_from, remedies)."
	  "\vExamples:\n"
	  "  cs-blacklist decide decisions.csv\n"
	  "  cs-blacklist ls --state=noticed |\n"
	  "    cs-blacklist decide --set reason='basis confirmed'\n\n"
	  "Refused before the objection deadline is over or while an "
	  "objection is open.\nExit status: see cs(7).", NULL,
	  cmd_step, step_children, CS_USES_FILTER },
	{ "remove", "[FILE...]",
	  "Remove listed entries: entry_id, removal (early or error), reason, "
	  "removed_on, evidence.\vExamples:\n"
	  "  cs-blacklist remove removals.csv\n"
	  "  printf 'entry_id,removal,reason\\n12,early,rectified\\n' | "
	  "cs-blacklist remove\n\n"
	  "Early removal needs the list's minimum and conditions.  Exit "
	  "status: see cs(7).", NULL, cmd_step, step_children, CS_USES_FILTER },
	{ "withdraw", "[FILE...]",
	  "Withdraw entries not yet decided: entry_id, reason, withdrawn_on."
	  "\vExamples:\n"
	  "  cs-blacklist withdraw withdrawals.csv\n"
	  "  printf 'entry_id,reason\\n12,wrong entity\\n' | cs-blacklist "
	  "withdraw\n\n"
	  "Exit status: see cs(7).", NULL, cmd_step, step_children,
	  CS_USES_FILTER },
	{ "expire", "",
	  "Remove the listings whose term ended before --as-of; prints what "
	  "it removed.\vExamples:\n"
	  "  cs-blacklist expire\n"
	  "  cs-blacklist expire --as-of=2029-10-20 --to=ndjson\n\n"
	  "Meant for cron; running it twice changes nothing.  Exit status: "
	  "see cs(7).", list_option, cmd_expire, NULL, CS_USES_OUT },
	{ "ls", "",
	  "List entries with their state on --as-of (also past dates)."
	  "\vExamples:\n"
	  "  cs-blacklist ls --state=listed\n"
	  "  cs-blacklist ls --as-of=2026-10-01 --list=serious\n\n"
	  "ID numbers are masked unless --unmasked.  Exit status: see cs(7).",
	  ls_options, cmd_ls,
	  step_children + 2, CS_USES_OUT },
	{ "check", "[FILE...]",
	  "Screen a stream with a uscc or a name column: appends listed, "
	  "lists, measures, listed_until, match.\vExamples:\n"
	  "  cs-blacklist check --dept=procurement bidders.csv\n"
	  "  cs-blacklist check -q applicants.csv >/dev/null || echo "
	  "'listed applicant'\n\n"
	  "Exit status: 0 when no row is listed, 1 when one is (or a row was "
	  "rejected); see cs(7).", check_options, cmd_check, NULL,
	  CS_USES_FILTER },
	{ "measures", "",
	  "Print the joint measures catalogue: code, title, en, dept, basis, "
	  "lists.\vExamples:\n"
	  "  cs-blacklist measures --dept=tax\n"
	  "  cs-blacklist measures --list=key --to=ndjson\n\n"
	  "Exit status: see cs(7).", measures_options, cmd_measures,
	  NULL, CS_USES_OUT },
	{ NULL, NULL, NULL, NULL, NULL, NULL, 0 }
};

static const char top_doc[] =
	"Lists of seriously dishonest entities: due process, joint measures, "
	"screening.\v"
	"Commands:\n"
	"  propose   candidates that meet a list's criteria\n"
	"  add       notify proposals: noticed entries, notice data\n"
	"  object    record objections within the objection period\n"
	"  review    answer objections: upheld or dismissed\n"
	"  decide    list entries, with their term\n"
	"  remove    remove listed entries early or as an error\n"
	"  withdraw  withdraw entries not yet decided\n"
	"  expire    remove listings whose term ended\n"
	"  ls        entries and their state on a date\n"
	"  check     screen a stream of counterparties\n"
	"  measures  the joint measures catalogue\n\n"
	"Examples:\n"
	"  cs-blacklist propose --list=serious | cs-blacklist add\n"
	"  cs-blacklist check --dept=procurement bidders.csv\n\n"
	"'cs-blacklist COMMAND --help' describes a command.  "
	"Exit status: see cs(7).";

static void
chosen(const struct cs_command *cmd)
{
	opt.takes_args = cmd->args[0] != '\0';
	opt.cmd = cmd->name;
}

int
main(int argc, char **argv)
{
	const struct cs_command *cmd;
	char name[64];
	int rc;

	cs_init(argc, argv);
	cmd = cs_command_parse(argc, argv, commands, top_doc, parse_opt,
	    chosen, name);
	rc = cmd->run();
	free(opt.in.v);
	cs_shared_release();
	return cs_finish(rc);
}
