/*
 * cs-sample: publicly verifiable "double random, one open" draws.  frame
 * writes the canonical population (uscc,class) and its hash; draw takes
 * the lowest tickets per class and random inspectors for each target;
 * verify recomputes a draw; draws lists recorded draws and open targets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"

static struct opts {
	char *seed_buf;			/* the --seed-file bytes */
	const char *output;		/* frame -o */
	int saved;			/* frame --saved */
	int record;
	long *escalate;			/* --escalate, in order */
	size_t nescalate;
	const char *draw_id;		/* draws --draw */
	int targets;			/* draws --targets */
	int open_only;			/* draws --open */
	struct cs_args in;		/* FILE... */
	const char *cmd;
} opt;

enum {
	OPT_SAVED = 0x300, OPT_RECORD, OPT_ESCALATE, OPT_DRAW, OPT_TARGETS,
	OPT_OPEN
};

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	const struct cs_shared_opts *sh = &cs_shared;
	long v;

	switch (key) {
	case 'o':
		opt.output = arg;
		break;
	case OPT_SAVED:
		opt.saved = 1;
		break;
	case OPT_RECORD:
		opt.record = 1;
		break;
	case OPT_ESCALATE:
		v = cs_opt_long(state, "--escalate", arg, 1, 100000000);
		opt.escalate = cs_xreallocarray(opt.escalate,
		    opt.nescalate + 1, sizeof(long));
		opt.escalate[opt.nescalate++] = v;
		break;
	case OPT_DRAW:
		if (!cs_id_valid(arg, strlen(arg)))
			cs_argp_error(state, "invalid --draw '%s': not a draw id",
			    arg);
		opt.draw_id = arg;
		break;
	case OPT_TARGETS:
		opt.targets = 1;
		break;
	case OPT_OPEN:
		opt.open_only = 1;
		opt.targets = 1;
		break;
	case ARGP_KEY_ARG:
		cs_args_push(state, arg, &opt.in);
		break;
	case ARGP_KEY_END:
		if (strcmp(opt.cmd, "draws") == 0 && opt.in.n > 0)
			cs_argp_error(state, "takes no arguments (got '%s')",
			    opt.in.v[0]);
		if (strcmp(opt.cmd, "draw") == 0 && opt.in.n > 1)
			cs_argp_error(state, "takes one FRAME (got '%s' too)",
			    opt.in.v[1]);
		if (strcmp(opt.cmd, "verify") == 0 && opt.in.n != 2)
			cs_argp_error(state, "needs FRAME and SAMPLE");
		if (strcmp(opt.cmd, "frame") == 0 && opt.saved &&
		    opt.in.n > 0)
			cs_argp_error(state, "--saved reads the store: no FILE "
			    "(got '%s')", opt.in.v[0]);
		if (strcmp(opt.cmd, "frame") == 0 &&
		    cs_opt.to == CS_FMT_NDJSON)
			cs_argp_error(state, "the frame is canonical CSV (its bytes "
			    "are hashed): leave out --to=ndjson");
		if (strcmp(opt.cmd, "draws") != 0 && sh->plan == NULL)
			cs_argp_error(state, "needs --plan");
		if ((strcmp(opt.cmd, "draw") == 0 ||
		    strcmp(opt.cmd, "verify") == 0) && sh->seed == NULL &&
		    sh->seed_file == NULL)
			cs_argp_error(state, "needs --seed or --seed-file: there is "
			    "no draw without a published seed");
		if (sh->seed != NULL && sh->seed_file != NULL)
			cs_argp_error(state, "--seed and --seed-file exclude each "
			    "other");
		if (sh->seed != NULL && sh->seedlen == 0)
			cs_argp_error(state, "the seed is empty");
		if (sh->conflicts != NULL && sh->inspectors == NULL)
			cs_argp_error(state, "--conflicts needs --inspectors");
		if (opt.record && opt.nescalate > 1)
			cs_argp_error(state, "--record takes one --escalate (the "
			    "earlier rounds are in the store)");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* --seed-file: the seed it holds. */
static void
read_seed(void)
{
	struct cs_error err;

	if (cs_shared.seed_file == NULL)
		return;
	if (cs_seed_read(cs_shared.seed_file, &opt.seed_buf,
	    &cs_shared.seedlen, &err) != 0)
		cs_die_err(&err);
	cs_shared.seed = opt.seed_buf;
}

static void
load_rules(struct cs_rules **ru)
{
	struct cs_error err;
	char *dir = cs_rules_dir(cs_opt.rules);
	int r = cs_rules_load(ru, dir, &err);

	free(dir);
	if (r != 0)
		cs_die_err(&err);
}

static struct cs_plan *
load_plan(const struct cs_rules *ru)
{
	struct cs_plan *p;
	struct cs_error err;

	if (cs_plan_load(&p, ru->dir, cs_shared.plan, &err) != 0)
		cs_die_err(&err);
	return p;
}

/* Write the frame to stdout, or -o FRAME and FRAME.sha256 (published). */
static void
frame_output(struct cs_run *c, const struct cs_frame *f, char hex[65])
{
	struct cs_error err;

	if (opt.output != NULL) {
		if (cs_frame_publish(f, opt.output, hex, &err) != 0)
			cs_run_fatal(c, &err);
		return;
	}
	cs_frame_write(f, stdout, hex);
	/* The hash is told only of a frame that was written whole. */
	if (fflush(stdout) != 0 || ferror(stdout))
		cs_run_leave(c, CS_EX_IOERR);
}

/* A frame being built. */
struct framer {
	struct cs_run *c;
	struct cs_frame f;
	char msg[512];			/* why a row was refused */
};

/* A saved class that is not one of the plan's: left out. */
static void
skip_saved(void *ctx, const struct cs_class *k)
{
	struct framer *fr = ctx;
	const struct cs_plan *plan = fr->f.plan;
	char *list = cs_plan_class_list(plan);

	cs_warn("%s: saved class '%s' (ledger seq %ld) is not a class of plan "
	    "'%s' (%s); left out", k->uscc, k->cls, k->seq, plan->id, list);
	free(list);
	fr->c->n.rejected++;
	cs_run_status(fr->c, CS_EX_FOUND);
}

/* A row of the input streams; bad rows are rejected. */
static int
frame_row(void *ctx, struct cs_item *it, struct cs_said *said,
    struct cs_error *err)
{
	struct framer *fr = ctx;
	const struct cs_row *row = &it->row;
	char uscc[19];
	long cls;

	(void)err;
	said->why = fr->msg;
	if (cs_frame_row(row, fr->c->ru, fr->f.plan, uscc, &cls, fr->msg,
	    sizeof(fr->msg)) != 0)
		return CS_REFUSED;
	cs_frame_add(&fr->f, uscc, (int)cls, row->file, row->line);
	return CS_ADDED;
}

static int
cmd_frame(void)
{
	struct cs_run_opts o = { .com = &cs_opt, .tool = "cs-sample",
	    .need_store = 1, .inputs = opt.in.v, .ninputs = opt.in.n };
	struct cs_strmap recent, gone;
	const struct cs_frame_entry *x, *y;
	static const char *const need[] = { "uscc", "class", NULL };
	struct framer fr = { 0 };
	struct cs_rows rows = { .row = frame_row, .ctx = &fr,
	    .need_cols = need };
	struct cs_frame *f = &fr.f;
	struct cs_error err;
	struct cs_plan *plan;
	struct cs_buf sum;
	struct cs_run c;
	char hex[65], cut[11];
	size_t i;

	cs_run_open(&c, &o);
	plan = load_plan(c.ru);
	cs_strmap_init(&recent);
	cs_strmap_init(&gone);
	if (cs_frame_exclusions(c.st, plan, cs_opt.as_of, &recent, &gone, cut,
	    &err) != 0)
		cs_run_fatal(&c, &err);
	fr.c = &c;
	cs_frame_init(f, plan);
	if (opt.saved && cs_frame_saved(c.st, f, cs_opt.as_of_str, skip_saved,
	    &fr, &err) != 0)
		cs_run_fatal(&c, &err);
	if (!opt.saved)
		cs_run_rows(&c, &rows);
	if (cs_frame_sort(f, &i)) {
		/* Name the later line first, as a reader would find it. */
		cs_frame_dup(f, i, &x, &y);
		if (x->file < 0)
			cs_warn("uscc '%s' has two saved classes", x->uscc);
		else
			cs_warn("%s:%ld: uscc '%s' is also at %s:%ld; a frame "
			    "holds an entity once", f->files[x->file], x->line,
			    x->uscc, f->files[y->file], y->line);
		cs_run_leave(&c, CS_EX_DATAERR);
	}
	/* A frame is whole or not written: its hash gets published. */
	if (c.rc == CS_EX_NOINPUT) {
		cs_warn("no frame written: an input could not be read");
		cs_run_leave(&c, CS_EX_NOINPUT);
	}
	cs_frame_select(f, &recent, &gone);
	frame_output(&c, f, hex);
	cs_warn("frame_hash %s", hex);
	if (!cs_opt.quiet) {
		cs_buf_init(&sum);
		cs_frame_counts(f, &sum);
		cs_warn("frame of %ld entit%s (%s); left out: %ld drawn after "
		    "%s, %ld deregistered, %ld rejected", f->kept, f->kept == 1 ?
		    "y" : "ies", sum.s, f->recent,
		    plan->has_skip ? cut : "(no skip_recent)", f->gone,
		    c.n.rejected);
		cs_buf_release(&sum);
	}
	cs_frame_release(f);
	cs_strmap_release(&recent);
	cs_strmap_release(&gone);
	cs_plan_free(plan);
	return cs_run_close(&c);
}

static void
report(const struct cs_drawing *d)
{
	struct cs_buf b;
	size_t i, j, at = 0;

	for (i = 0; i < d->plan->nclasses; i++)
		for (j = 0; j < d->heap[i].n; j++, at++)
			if (d->why[at] != NULL)
				cs_warn("target '%s' (class %s, rank %zu) is "
				    "unassigned: %s", d->heap[i].a[j].uscc,
				    d->plan->classes[i], j + 1, d->why[at]);
	if (cs_opt.quiet)
		return;
	cs_buf_init(&b);
	for (i = 0; i < d->plan->nclasses; i++)
		cs_buf_addf(&b, "%s%s %zu of %ld", i ? ", " : "",
		    d->plan->classes[i], d->heap[i].n, d->n[i]);
	cs_warn("drew %ld target%s (%s); frame_hash %s", d->total,
	    d->total == 1 ? "" : "s", b.s, d->frame_hash);
	cs_buf_release(&b);
}

static struct cs_drawing *
run_draw(const struct cs_rules *ru, const struct cs_plan *plan,
    const char *frame, const long *esc, size_t nesc)
{
	struct cs_draw_in in = { 0 };
	struct cs_drawing *d;
	struct cs_error err;

	in.frame = frame;
	in.seed = cs_shared.seed;
	in.seedlen = cs_shared.seedlen;
	in.inspectors = cs_shared.inspectors;
	in.conflicts = cs_shared.conflicts;
	in.esc = esc;
	in.nesc = nesc;
	in.from = cs_opt.from;
	in.encoding = cs_opt.encoding;
	in.delim = cs_opt.delim;
	if (cs_drawing_run(&d, ru, plan, &in, &err) != 0)
		cs_die_err(&err);
	return d;
}

/* The sample on stdout, flushed: 0, or -1 with err (74). */
static int
write_sample(void *d, struct cs_error *err)
{
	cs_drawing_write(d, stdout, cs_opt.to);
	return cs_stdout_flush(err);
}

static int
cmd_draw(void)
{
	struct cs_draw_prior prior = { 0 };
	struct cs_store *st = NULL;
	struct cs_drawing *d;
	struct cs_rules *ru;
	struct cs_plan *plan;
	struct cs_error err;
	char period[16], draw_id[96];
	long *esc = NULL, seq = 0;
	size_t nesc = 0, i;
	int round, rc = CS_EX_OK;

	load_rules(&ru);
	plan = load_plan(ru);
	cs_plan_period_label(plan, cs_opt.as_of, period);
	cs_fmt(draw_id, sizeof(draw_id), "%s:%s", plan->id, period);
	if (opt.record) {
		if (cs_store_open(&st, cs_opt.db, &err) != 0 ||
		    cs_draw_prior_read(st, draw_id, opt.nescalate > 0, &prior,
		    &err) != 0)
			cs_die_err(&err);
		cs_store_set_actor(st, cs_opt.operator, "cs-sample");
	}
	/* The rounds recorded, then the ones asked for now. */
	for (i = 0; i < prior.nesc + opt.nescalate; i++) {
		esc = cs_xreallocarray(esc, nesc + 1, sizeof(long));
		esc[nesc++] = i < prior.nesc ? prior.esc[i] :
		    opt.escalate[i - prior.nesc];
	}
	round = (int)nesc + 1;
	d = run_draw(ru, plan, opt.in.n ? opt.in.v[0] : NULL, esc, nesc);
	/*
	 * The sample is written inside the transaction that records it: a
	 * run that cannot record (busy, a race, a refused round) leaves no
	 * sample that looks drawn, one that cannot write it records nothing.
	 */
	if (opt.record ? cs_drawing_record(st, d, &prior, draw_id, period,
	    cs_opt.as_of_str, round, write_sample, d, &seq, &err) != 0 :
	    write_sample(d, &err) != 0) {
		cs_warn_err(&err);
		if (opt.record && err.code == CS_EX_IOERR)
			cs_warn("nothing of this run was stored");
		rc = err.code;
	} else {
		report(d);
		if (d->unassigned > 0)
			rc = CS_EX_FOUND;
		if (opt.record && !cs_opt.quiet)
			cs_warn("recorded draw '%s' round %d (ledger seq %ld)",
			    draw_id, round, seq);
	}
	cs_draw_prior_release(&prior);
	cs_store_close(st);
	free(esc);
	cs_drawing_free(d);
	cs_plan_free(plan);
	cs_rules_free(ru);
	return rc;
}

/* Comparing the draw with a published sample, row by row. */
static int
cmd_verify(void)
{
	struct cs_read_opts ro = { CS_FMT_AUTO, NULL, NULL, 0 };
	struct cs_reader *r;
	struct cs_drawing *d;
	struct cs_rules *ru;
	struct cs_plan *plan;
	struct cs_error err;
	char diff[1024];
	int k;

	if (strcmp(opt.in.v[1], "-") == 0 && strcmp(opt.in.v[0], "-") == 0)
		cs_usage_error(opt.cmd, "FRAME and SAMPLE cannot both be stdin");
	load_rules(&ru);
	plan = load_plan(ru);
	d = run_draw(ru, plan, opt.in.v[0], opt.escalate, opt.nescalate);
	ro.encoding = cs_opt.encoding;
	ro.aliases = ru->aliases;
	if (cs_reader_open(&r, opt.in.v[1], &ro, &err) != 0)
		cs_die_err(&err);
	k = cs_drawing_verify(d, r, diff, sizeof(diff), &err);
	if (k < 0)
		cs_die_err(&err);
	if (k > 0) {
		cs_warn("%s", diff);
		cs_warn("the sample does not verify against frame_hash %s",
		    d->frame_hash);
	} else if (!cs_opt.quiet) {
		cs_warn("verified: %s is the draw of %s (frame_hash %s, %ld "
		    "target%s)", cs_reader_name(r), d->name, d->frame_hash,
		    d->total, d->total == 1 ? "" : "s");
	}
	cs_reader_close(r);
	cs_drawing_free(d);
	cs_plan_free(plan);
	cs_rules_free(ru);
	return k > 0 ? CS_EX_FOUND : CS_EX_OK;
}

static int
cmd_draws(void)
{
	struct cs_run_opts o = { .com = &cs_opt, .tool = "cs-sample",
	    .need_store = 1 };
	struct cs_writer *w;
	struct cs_error err;
	struct cs_run c;
	long open = 0, invalid = 0;
	int found, r;

	cs_run_open(&c, &o);
	w = cs_writer_new(stdout, cs_run_out_format(&c), opt.targets ?
	    CS_TARGET_NCOLS : CS_DRAW_NCOLS, opt.targets ? cs_target_cols :
	    cs_draw_cols);
	cs_writer_begin(w);
	r = opt.targets ? cs_targets_list(c.st, opt.draw_id, opt.open_only, w,
	    &open, &invalid, &found, &err) : cs_draws_list(c.st, opt.draw_id, w,
	    &found, &err);
	if (r != 0)
		cs_run_fatal(&c, &err);
	cs_writer_close(w, NULL);
	if (opt.draw_id != NULL && !found) {
		cs_warn("no draw '%s' in the store", opt.draw_id);
		cs_run_status(&c, CS_EX_FOUND);
	} else if (opt.targets && !cs_opt.quiet && invalid > 0) {
		cs_warn("%ld target%s open, %ld of them with an invalid result "
		    "(not pass, issues or fail)", open, open == 1 ? "" : "s",
		    invalid);
	} else if (opt.targets && !cs_opt.quiet) {
		cs_warn("%ld target%s open", open, open == 1 ? "" : "s");
	}
	return cs_run_close(&c);
}

/* frame: --plan; draw, verify: the seed and the inspectors too. */
static const struct argp_child draw_children[] = {
	{ &cs_seed_argp, 0, NULL, 0 },
	{ &cs_panel_draw_argp, 0, NULL, 0 },
	{ &cs_plan_argp, 0, NULL, 0 },
	{ 0 }
};

static const struct argp_child verify_children[] = {
	{ &cs_seed_argp, 0, NULL, 0 },
	{ &cs_panel_verify_argp, 0, NULL, 0 },
	{ &cs_plan_argp, 0, NULL, 0 },
	{ 0 }
};

static const struct argp_option frame_options[] = {
	{ "output", 'o', "FRAME", 0,
	  "write the frame to FRAME and its hash to FRAME.sha256", 0 },
	{ "saved", OPT_SAVED, NULL, 0,
	  "read the classes cs-classify saved in the store (as of --as-of)",
	  0 },
	{ 0 }
};

static const struct argp_option draw_options[] = {
	{ "record", OPT_RECORD, NULL, 0,
	  "store the draw as a ledger event (one per plan and period)", 0 },
	{ "escalate", OPT_ESCALATE, "N", 0,
	  "take the next N tickets per class, keeping the earlier picks", 0 },
	{ 0 }
};

static const struct argp_option verify_options[] = {
	{ "escalate", OPT_ESCALATE, "N", 0,
	  "an escalation round of N tickets per class (repeat per round)", 0 },
	{ 0 }
};

static const struct argp_option draws_options[] = {
	{ "draw", OPT_DRAW, "ID", 0, "only the draw ID (plan:period)", 0 },
	{ "targets", OPT_TARGETS, NULL, 0,
	  "one row per target with its inspection result, not per draw", 0 },
	{ "open", OPT_OPEN, NULL, 0,
	  "only targets without an inspection result (implies --targets)",
	  0 },
	{ 0 }
};

static const struct cs_command commands[] = {
	{ "frame", "[FILE...]",
	  "Write the canonical frame (uscc,class) of a classified stream and "
	  "print its SHA-256.\vExamples:\n"
	  "  cs-classify --as-of=2026-11-27 scores.csv |\n"
	  "    cs-sample frame --plan=general -o frame.csv\n"
	  "  cs-sample frame --plan=general --saved --as-of=2026-11-27 "
	  "-o frame.csv\n\n"
	  "Entities drawn within the plan's skip_recent period (except the "
	  "classes it names) and deregistered entities are left out.  "
	  "Publish the hash before the seed exists.  Exit status: see cs(7).",
	  frame_options, cmd_frame,
	  draw_children + 2, CS_USES_ROWS | CS_USES_TO },
	{ "draw", "[FRAME]",
	  "Draw the targets of a frame: the lowest tickets of each class."
	  "\vExamples:\n"
	  "  cs-sample draw --plan=general --seed=4812093377 frame.csv\n"
	  "  cs-sample draw --plan=general --seed-file=dice.txt \\\n"
	  "    --inspectors=staff.csv --conflicts=ties.csv --record frame.csv "
	  ">sample.csv\n\n"
	  "ticket(uscc) = u(h(seed) + uscc), as cs-sample(1) spells out.  "
	  "Exit status: 1 when a target cannot get its inspectors; "
	  "see cs(7).", draw_options, cmd_draw, draw_children,
	  CS_USES_IN | CS_USES_OUT },
	{ "verify", "FRAME SAMPLE",
	  "Recompute a draw and compare it with a published sample."
	  "\vExamples:\n"
	  "  cs-sample verify --plan=general --seed=4812093377 frame.csv "
	  "sample.csv\n"
	  "  cs-sample verify --plan=general --seed-file=dice.txt \\\n"
	  "    --inspectors=staff.csv --conflicts=ties.csv frame.csv "
	  "sample.csv\n\n"
	  "Exit status: 0 identical, 1 naming the first difference; see "
	  "cs(7).", verify_options, cmd_verify,
	  verify_children, CS_USES_IN },
	{ "draws", "",
	  "List recorded draws, or their targets and inspection results."
	  "\vExamples:\n"
	  "  cs-sample draws\n"
	  "  cs-sample draws --open --draw=general:2026\n\n"
	  "A target's result is the latest inspection record whose ref is the "
	  "draw id.  Exit status: see cs(7).", draws_options, cmd_draws, NULL,
	  CS_USES_OUT },
	{ NULL, NULL, NULL, NULL, NULL, NULL, 0 }
};

static const char top_doc[] =
	"Publicly verifiable \"double random, one open\" draws of inspection "
	"targets and inspectors.\v"
	"Commands:\n"
	"  frame    the canonical frame of a classified stream, and its hash\n"
	"  draw     the targets (and inspectors) of a frame for a seed\n"
	"  verify   recompute a draw and compare it with a sample\n"
	"  draws    recorded draws and which targets are still open\n\n"
	"Examples:\n"
	"  cs-sample frame --plan=general --saved -o frame.csv\n"
	"  cs-sample draw --plan=general --seed-file=dice.txt --record "
	"frame.csv\n\n"
	"'cs-sample COMMAND --help' describes a command.  "
	"Exit status: see cs(7).";

static void
chosen(const struct cs_command *cmd)
{
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
	read_seed();
	rc = cmd->run();
	free(opt.in.v);
	free(opt.escalate);
	free(opt.seed_buf);
	return cs_finish(rc);
}
