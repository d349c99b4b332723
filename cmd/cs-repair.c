/*
 * cs-repair: credit repair as a tracked procedure: who may repair what
 * and from when, the repair notices of new decisions, applications and
 * their handling (accept, return, decide, revoke, withdraw), with the
 * effects of a grant on publicity, score and lists.  See cs-repair(1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"

static struct opts {
	const char *state;		/* ls --state */
	int overdue;			/* ls --overdue */
	int all;			/* eligible --all */
	long since;			/* notice --since-seq */
	struct cs_args in;		/* FILE... */
	int takes_args;
	const char *cmd;
} opt;

enum { OPT_STATE = 0x200, OPT_OVERDUE, OPT_ALL, OPT_SINCE };

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	char *end;

	switch (key) {
	case OPT_STATE:
		if (cs_rstate_parse(arg) < 0)
			cs_argp_error(state, "invalid --state '%s': use filed, "
			    "returned, accepted, granted, refused, revoked or "
			    "withdrawn", arg);
		opt.state = arg;
		break;
	case OPT_OVERDUE:
		opt.overdue = 1;
		break;
	case OPT_ALL:
		opt.all = 1;
		break;
	case OPT_SINCE:
		opt.since = strtol(arg, &end, 10);
		if (*arg == '\0' || *end != '\0' || opt.since < 0)
			cs_argp_error(state, "invalid --since-seq '%s'", arg);
		break;
	case ARGP_KEY_ARG:
		if (!opt.takes_args)
			cs_argp_error(state, "takes no arguments (got '%s')",
			    arg);
		cs_args_push(state, arg, &opt.in);
		break;
	case ARGP_KEY_END:
		if (opt.all && opt.in.n > 0)
			cs_argp_error(state, "--all takes no FILE");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* The run and the rules every command needs. */
struct rctx {
	struct cs_run c;
	struct cs_lists *ls;
	struct cs_repair_rules *rr;
	struct cs_repairops o;
	int step;			/* enum cs_rstep, -1: apply */
	const char *day_col;
};

static void
open_run(struct rctx *x, int need_store)
{
	struct cs_run_opts o = { .com = &cs_opt, .tool = "cs-repair",
	    .need_store = need_store, .inputs = opt.in.v, .ninputs = opt.in.n,
	    .batch = cs_shared.batch, .sets = cs_shared.sets,
	    .nsets = cs_shared.nsets };
	struct cs_error err;

	cs_run_open(&x->c, &o);
	if (cs_lists_load(&x->ls, x->c.ru, &err) != 0 ||
	    cs_repair_rules_load(&x->rr, x->c.ru, &err) != 0)
		cs_run_fatal(&x->c, &err);
	cs_repairops_init(&x->o, x->c.st, x->c.ru, x->rr, x->ls, cs_opt.as_of);
}

static int
close_run(struct rctx *x)
{
	cs_repairops_release(&x->o);
	cs_repair_rules_free(x->rr);
	cs_lists_free(x->ls);
	return cs_run_close(&x->c);
}

/* The commands that step applications: their step and day column. */
static const struct step {
	const char *cmd;
	int step;			/* enum cs_rstep; -1: apply */
	const char *day_col;
	const char *verb;
} steps[] = {
	{ "apply", -1, "filed_on", "filed" },
	{ "accept", CS_RSTEP_ACCEPT, "accepted_on", "accepted" },
	{ "return", CS_RSTEP_RETURN, "returned_on", "returned" },
	{ "decide", CS_RSTEP_GRANT, "decided_on", "decided" },
	{ "revoke", CS_RSTEP_REVOKE, "revoked_on", "revoked" },
	{ "withdraw", CS_RSTEP_WITHDRAW, "withdrawn_on", "withdrawn" },
	{ NULL, 0, NULL, NULL }
};

static int
step_row(void *ctx, struct cs_item *it, struct cs_said *said,
    struct cs_error *err)
{
	struct rctx *x = ctx;
	struct cs_repair_in in;

	cs_repair_in_from_row(&x->o, &in, &it->row, x->day_col, x->step < 0,
	    cs_shared.sets, cs_shared.nsets);
	said->why = x->o.msg;
	if (x->step < 0)
		return cs_repair_apply(&x->o, &in, &said->id, err);
	return cs_repair_act(&x->o, x->step, &in, &said->id, err);
}

/* apply and the steps: one per row, the applications printed. */
static int
cmd_step(void)
{
	const struct step *s = steps;
	struct cs_rows rows = { 0 };
	struct cs_writer *w;
	struct cs_error err;
	struct rctx x;

	while (strcmp(s->cmd, opt.cmd) != 0)
		s++;
	open_run(&x, 1);
	x.step = s->step;
	x.day_col = s->day_col;
	rows.tx = CS_ROWS_BATCHED;
	rows.what = "rows";
	rows.keep = CS_KEEP_ADDED | CS_KEEP_UNCHANGED;
	rows.row = step_row;
	rows.ctx = &x;
	rows.need_cols = cs_repair_need(s->step);
	rows.with_set = 1;
	cs_run_rows(&x.c, &rows);
	w = cs_writer_new(stdout, cs_run_out_format(&x.c), CS_RAPP_NCOLS,
	    cs_rapp_cols);
	cs_writer_begin(w);
	if (rows.nids > 0 && cs_repairs_write(x.c.st, rows.ids, rows.nids,
	    NULL, 0, cs_opt.as_of, w, &err) != 0)
		cs_run_fatal(&x.c, &err);
	cs_writer_close(w, NULL);
	cs_run_stored_rows(&x.c, NULL);
	cs_run_summary(&x.c, s->verb, 0);
	free(rows.ids);
	return close_run(&x);
}

/* eligible FILE: the entities of a uscc column, each judged. */
struct elig {
	struct rctx *x;
	struct cs_writer *w;
};

static int
elig_row(void *ctx, struct cs_item *it, struct cs_said *said,
    struct cs_error *err)
{
	struct elig *e = ctx;
	const char *u = cs_row_trimmed(&it->row, "uscc", cs_shared.sets,
	    cs_shared.nsets);
	char uscc[19], m[512];

	said->why = e->x->o.msg;
	if (u == NULL) {
		cs_fmt(e->x->o.msg, sizeof(e->x->o.msg), "required column "
		    "'uscc' is empty");
		return CS_REFUSED;
	}
	if (cs_uscc_check(&e->x->c.ru->uscc, "uscc", u, strlen(u), uscc, m,
	    sizeof(m)) == CS_USCC_BAD) {
		cs_fmt(e->x->o.msg, sizeof(e->x->o.msg), "%s", m);
		return CS_REFUSED;
	}
	if (cs_repair_eligible_write(&e->x->o, uscc, cs_opt.as_of, e->w,
	    err) != 0)
		return -1;
	return CS_UNCHANGED;
}

static int
cmd_eligible(void)
{
	static const char *const need[] = { "uscc", NULL };
	struct cs_rows rows = { .tx = CS_ROWS_READ };
	struct cs_error err;
	struct elig e;
	struct rctx x;

	open_run(&x, 1);
	e.x = &x;
	e.w = cs_writer_new(stdout, cs_run_out_format(&x.c), CS_RELIG_NCOLS,
	    cs_relig_cols);
	cs_writer_begin(e.w);
	if (opt.all) {
		if (cs_repair_eligible_write(&x.o, NULL, cs_opt.as_of, e.w,
		    &err) != 0)
			cs_run_fatal(&x.c, &err);
	} else {
		rows.row = elig_row;
		rows.ctx = &e;
		rows.need_cols = need;
		rows.with_set = 1;
		cs_run_rows(&x.c, &rows);
	}
	cs_writer_close(e.w, NULL);
	return close_run(&x);
}

static int
cmd_notice(void)
{
	struct cs_error err;
	struct cs_writer *w;
	struct rctx x;

	open_run(&x, 1);
	w = cs_writer_new(stdout, cs_run_out_format(&x.c), CS_RNOTICE_NCOLS,
	    cs_rnotice_cols);
	cs_writer_begin(w);
	if (cs_repair_notices_write(&x.o, opt.since, w, &err) != 0)
		cs_run_fatal(&x.c, &err);
	cs_writer_close(w, NULL);
	return close_run(&x);
}

static int
cmd_ls(void)
{
	struct cs_error err;
	struct cs_writer *w;
	struct rctx x;

	open_run(&x, 1);
	w = cs_writer_new(stdout, cs_run_out_format(&x.c), CS_RAPP_NCOLS,
	    cs_rapp_cols);
	cs_writer_begin(w);
	if (cs_repairs_write(x.c.st, NULL, 0, opt.state, opt.overdue,
	    cs_opt.as_of, w, &err) != 0)
		cs_run_fatal(&x.c, &err);
	cs_writer_close(w, NULL);
	return close_run(&x);
}

/* The steps: --set and --batch. */
static const struct argp_child step_children[] = {
	{ &cs_set_use_argp, 0, NULL, 0 },
	{ &cs_batch_argp, 0, NULL, 0 },
	{ 0 }
};

static const struct argp_option eligible_options[] = {
	{ "all", OPT_ALL, NULL, 0, "every entity of the store (no FILE)", 0 },
	{ 0 }
};

static const struct argp_option notice_options[] = {
	{ "since-seq", OPT_SINCE, "N", 0,
	  "only decisions recorded after ledger event N (default 0: all)", 0 },
	{ 0 }
};

static const struct argp_option ls_options[] = {
	{ "state", OPT_STATE, "STATE", 0, "only applications in STATE on "
	  "--as-of (filed, returned, accepted, granted, refused, revoked, "
	  "withdrawn)", 0 },
	{ "overdue", OPT_OVERDUE, NULL, 0, "only applications past a deadline "
	  "on --as-of with no step since", 0 },
	{ 0 }
};

#define STEP_TAIL "Prints the applications (ls columns).  Exit status: " \
	"see cs(7)."

static const struct cs_command commands[] = {
	{ "eligible", "[FILE...]",
	  "For each published penalty and listed entry of the entities of a "
	  "uscc column (or --all): uscc, target, kind, regime, eligible, "
	  "repair_from, required, missing, why.\vExamples:\n"
	  "  cs-repair eligible --as-of=2026-09-30 entities.csv\n"
	  "  cs-repair eligible --all | awk -F, '$5 == \"yes\"'\n\n"
	  "Exit status: see cs(7).", eligible_options, cmd_eligible,
	  step_children, CS_USES_FILTER },
	{ "notice", "",
	  "The repair notice of each penalty or listing decision (one row "
	  "each, for a mail merge): when and how repair can be applied for."
	  "\vExamples:\n"
	  "  cs-repair notice --since-seq=120 > letters.csv\n"
	  "  cs-repair notice --to=ndjson | jq .how\n\n"
	  "Exit status: see cs(7).", notice_options, cmd_notice, NULL,
	  CS_USES_OUT },
	{ "apply", "[FILE...]",
	  "File applications: uscc, target (record id or list entry id), "
	  "filed_on, commitment, evidence; other columns kept in the event."
	  "\vExamples:\n"
	  "  cs-repair apply applications.csv\n"
	  "  printf 'uscc,target,commitment\\n...,PA1,yes\\n' | cs-repair "
	  "apply\n\n" STEP_TAIL, NULL, cmd_step, step_children,
	  CS_USES_FILTER },
	{ "accept", "[FILE...]",
	  "Accept applications: application_id, reason, accepted_on; the "
	  "decision deadline starts. A returned application completed by "
	  "the applicant: its commitment and evidence columns are recorded "
	  "and decide reads them.\vExamples:\n"
	  "  cs-repair accept accepted.csv\n"
	  "  printf 'application_id,commitment\\n9,yes\\n' | cs-repair "
	  "accept\n"
	  "  cs-repair ls --state=filed | cs-repair accept\n\n" STEP_TAIL,
	  NULL, cmd_step, step_children, CS_USES_FILTER },
	{ "return", "[FILE...]",
	  "Return incomplete applications once: application_id, missing, "
	  "reason, returned_on; ls shows the missing list, and a returned "
	  "application waits for the applicant (never overdue).\vExamples:\n"
	  "  cs-repair return returns.csv\n"
	  "  printf 'application_id,missing,reason\\n9,proof of payment,"
	  "incomplete\\n' | cs-repair return\n\n" STEP_TAIL, NULL, cmd_step,
	  step_children, CS_USES_FILTER },
	{ "decide", "[FILE...]",
	  "Decide accepted applications: application_id, outcome (granted, "
	  "refused or extended), reason, decided_on.\vExamples:\n"
	  "  cs-repair decide decisions.csv\n"
	  "  cs-repair ls --state=accepted | cs-repair decide --set "
	  "outcome=granted\n\n"
	  "A grant needs the target eligible on the day; its effects start "
	  "the next day.\n" STEP_TAIL, NULL, cmd_step, step_children,
	  CS_USES_FILTER },
	{ "revoke", "[FILE...]",
	  "Revoke granted repairs: application_id, reason, revoked_on; "
	  "publicity, score and listing resume that day.\vExamples:\n"
	  "  cs-repair revoke revocations.csv\n"
	  "  printf 'application_id,reason\\n9,false statements\\n' | "
	  "cs-repair revoke\n\n" STEP_TAIL, NULL, cmd_step, step_children,
	  CS_USES_FILTER },
	{ "withdraw", "[FILE...]",
	  "Withdraw open applications: application_id, reason, withdrawn_on."
	  "\vExamples:\n"
	  "  cs-repair withdraw withdrawals.csv\n"
	  "  printf 'application_id,reason\\n9,by the applicant\\n' | "
	  "cs-repair withdraw\n\n" STEP_TAIL, NULL, cmd_step, step_children,
	  CS_USES_FILTER },
	{ "ls", "",
	  "List applications with their deadlines on --as-of.\vExamples:\n"
	  "  cs-repair ls --state=accepted\n"
	  "  cs-repair ls --overdue --as-of=2026-10-01\n\n"
	  "Exit status: see cs(7).", ls_options, cmd_ls, NULL, CS_USES_OUT },
	{ NULL, NULL, NULL, NULL, NULL, NULL, 0 }
};

static const char top_doc[] =
	"Credit repair: eligibility, notices, applications and their effects."
	"\v"
	"Commands:\n"
	"  eligible  whether each penalty or listing can be repaired now\n"
	"  notice    the repair notice of each new decision\n"
	"  apply     file applications\n"
	"  accept    accept applications (the decision deadline starts)\n"
	"  return    return incomplete applications, once\n"
	"  decide    grant, refuse or extend\n"
	"  revoke    revoke a granted repair\n"
	"  withdraw  withdraw open applications\n"
	"  ls        applications and their deadlines\n\n"
	"Examples:\n"
	"  cs-repair eligible --all | grep ',yes,'\n"
	"  cs-repair ls --overdue\n\n"
	"'cs-repair COMMAND --help' describes a command.  "
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
