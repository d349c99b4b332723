/*
 * cs-classify: credit-risk classes A-D from scores and the facts that fix
 * a class directly.  Reads cs-score's output (uscc, score; model and
 * as_of when present) and appends class and class_reason; --previous
 * adds previous_class and change; --save keeps the classes in the store.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"

static struct opts {
	const char *previous;
	int changes_only;
	int save;
	const char *model;
	struct cs_args in;		/* FILE... */
	int history;			/* "history USCC" */
	int help;			/* "help": --help; "help history" */
	char uscc[19];
} opt;

enum { OPT_PREVIOUS = 0x200, OPT_CHANGES_ONLY, OPT_SAVE, OPT_MODEL };

static const struct argp_option options[] = {
	{ "previous", OPT_PREVIOUS, "FILE", 0,
	  "an earlier output of cs-classify: add previous_class and change",
	  0 },
	{ "changes-only", OPT_CHANGES_ONLY, NULL, 0,
	  "with --previous: only the rows whose class changed or is new", 0 },
	{ "save", OPT_SAVE, NULL, 0,
	  "record each entity's class on its as_of in the store's ledger", 0 },
	{ "model", OPT_MODEL, "FILE", 0,
	  "take the direct determinations from the model in FILE", 0 },
	{ 0 }
};

static const char doc[] =
	"Sort scored entities into credit-risk classes A to D.\v"
	"Examples:\n"
	"  cs-score --all | cs-classify --save > classes.csv\n"
	"  cs-score --all | cs-classify --previous=last-month.csv "
	"--changes-only\n"
	"  cs-classify history 91350100M000100Y43\n\n"
	"Output: the input columns, then class and class_reason (the "
	"threshold, or the direct determination that fixed the class, or the "
	"ceiling that held it down: an entity on the key-attention list is at "
	"best C, e.g. \"KEY_LIST: on the key-attention list: at best C (list "
	"entry 14); score>=90.0\"); with --previous also previous_class and "
	"change (up: a better class, down: a worse one, same, new).  "
	"Thresholds: share/cs/classes.json; direct determinations and "
	"ceilings: the model named in the model column, from the store (-d).  "
	"history USCC lists the classes --save recorded: "
	"'cs-classify help history' describes it.\n\n"
	"Exit status: see cs(7).";

static const char history_doc[] =
	"List the classes --save recorded for an entity, oldest first.\v"
	"Examples:\n"
	"  cs-classify history 91350100M000100Y43\n"
	"  cs-classify history --to=ndjson 91350100M000100Y43 | jq .class\n\n"
	"Columns: uscc, as_of, class, score, model, class_reason, seq.\n\n"
	"Exit status: see cs(7).";

/* "help WORD" where WORD is not history: the one command there is. */
static void
unknown_command(struct argp_state *state, const char *word)
{
	static const char *const names[] = { "history" };

	if (cs_nearest(names, 1, word) != NULL)
		cs_argp_error(state, "unknown command '%s'; did you mean "
		    "'history'?", word);
	cs_argp_error(state, "unknown command '%s' (the one command is "
	    "history)", word);
}

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case OPT_PREVIOUS:
		opt.previous = arg;
		break;
	case OPT_CHANGES_ONLY:
		opt.changes_only = 1;
		break;
	case OPT_SAVE:
		opt.save = 1;
		break;
	case OPT_MODEL:
		opt.model = arg;
		break;
	case ARGP_KEY_ARG:
		if (opt.help)
			unknown_command(state, arg);
		if (state->arg_num == 0 && !opt.history &&
		    strcmp(arg, "help") == 0) {
			opt.help = 1;
			break;
		}
		if (opt.history && opt.in.n == 1)
			cs_argp_error(state, "takes one USCC (got '%s' too)",
			    arg);
		cs_args_push(state, arg, &opt.in);
		break;
	case ARGP_KEY_END:
		if (opt.help)
			argp_state_help(state, stdout, ARGP_HELP_STD_HELP);
		if (opt.changes_only && opt.previous == NULL)
			cs_argp_error(state, "--changes-only needs --previous");
		if (!opt.history)
			break;
		if (opt.in.n == 0)
			cs_argp_error(state, "needs a USCC");
		cs_opt_uscc(state, "USCC", opt.in.v[0], opt.uscc);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const char *const own_cols[] = {
	"class", "class_reason", "previous_class", "change"
};

struct classifier {
	struct cs_run c;
	struct cs_models *ms;
	struct cs_classes cl;
	struct cs_classing k;
	struct cs_passthru pt;
	long saved, unchanged, written;
};

/* A row of the input streams: classified, written, saved. */
static int
classify_row(void *ctx, struct cs_item *it, struct cs_said *said,
    struct cs_error *err)
{
	struct classifier *x = ctx;
	struct cs_classing *k = &x->k;
	const struct cs_row *row = &it->row;
	const char *v[4];
	int r;

	if (x->pt.format == CS_FMT_AUTO)
		x->pt.format = x->c.format;
	said->why = k->msg;
	r = cs_classing_row(k, &x->c.ru->uscc, row, err);
	if (r != 0)
		return r < 0 ? -1 : CS_REFUSED;
	v[0] = k->cls;
	v[1] = k->reason.s;
	v[2] = k->prev_cls[0] != '\0' ? k->prev_cls : NULL;
	v[3] = k->change;
	if (!(opt.changes_only && strcmp(k->change, "same") == 0)) {
		cs_passthru_row(&x->pt, row, v);
		x->written++;
	}
	if (opt.save) {
		r = cs_classing_save(k, err);
		if (r < 0)
			return -1;
		if (r == 1)
			x->saved++;
		else
			x->unchanged++;
	}
	return CS_UNCHANGED;
}

static int
history(struct classifier *x)
{
	struct cs_writer *w;
	struct cs_error err;

	w = cs_writer_new(stdout, cs_run_out_format(&x->c), CS_CLASS_NCOLS,
	    cs_class_cols);
	cs_writer_begin(w);
	if (cs_classes_history(x->c.st, opt.uscc, w, &err) != 0)
		cs_run_fatal(&x->c, &err);
	if (cs_writer_close(w, &err) != 0) {
		cs_warn_err(&err);
		cs_run_status(&x->c, err.code);
	}
	return cs_run_close(&x->c);
}

int
main(int argc, char **argv)
{
	static const char *const need[] = { "uscc", "score", NULL };
	struct argp argp = { options, parse_opt, "[FILE...]\nhistory USCC", doc,
	    cs_common_children, NULL, NULL };
	struct argp hist = { NULL, parse_opt, "USCC", history_doc,
	    NULL, NULL, NULL };
	static char help[] = "--help", history_word[] = "history";
	static char name[64];
	struct cs_run_opts o = { 0 };
	struct classifier x;
	struct cs_rows rows = { .row = classify_row, .ctx = &x,
	    .need_cols = need };
	struct cs_error err;
	struct cs_buf b;
	size_t i;
	int rc, at;

	cs_init(argc, argv);
	/* "help history" is "history --help", as in the tools of commands. */
	at = cs_operand_at(argc, argv);
	if (at != 0 && at + 1 < argc && strcmp(argv[at], "help") == 0 &&
	    strcmp(argv[at + 1], "history") == 0) {
		argv[at] = history_word;
		argv[at + 1] = help;
	}
	/* history is a command of its own: its help, its options. */
	if (at != 0 && strcmp(argv[at], "history") == 0) {
		opt.history = 1;
		cs_command_take(&argc, argv, at, "history", name);
		hist.children = cs_common_children_for(CS_USES_OUT);
		cs_argp_check(&hist, &argp, "history");
		argp_parse(&hist, argc, argv, 0, NULL, NULL);
	} else {
		cs_argp_check(&argp, NULL, NULL);
		argp_parse(&argp, argc, argv, 0, NULL, NULL);
	}
	memset(&x, 0, sizeof(x));
	o.com = &cs_opt;
	o.tool = "cs-classify";
	o.need_store = 1;
	o.writes = opt.save;
	o.inputs = opt.history ? NULL : opt.in.v;
	o.ninputs = opt.history ? 0 : opt.in.n;
	o.batch = 50000;
	cs_run_open(&x.c, &o);
	if (opt.history) {
		rc = history(&x);
		free(opt.in.v);
		return cs_finish(rc);
	}
	if (cs_models_load(&x.ms, x.c.ru->dir, opt.model, &err) != 0 ||
	    cs_classes_load(&x.cl, x.c.ru->dir, &err) != 0 ||
	    cs_classing_init(&x.k, x.c.st, x.ms, &x.cl, cs_opt.as_of,
	    &err) != 0 || (opt.previous != NULL &&
	    cs_classing_previous(&x.k, opt.previous, x.c.ru->aliases,
	    &err) != 0))
		cs_run_fatal(&x.c, &err);
	cs_passthru_init(&x.pt, own_cols, opt.previous != NULL ? 4 : 2,
	    cs_opt.to);
	rows.tx = opt.save ? CS_ROWS_BATCHED : CS_ROWS_READ;
	cs_run_rows(&x.c, &rows);
	if (x.pt.w == NULL && x.c.hdr != NULL) {
		if (x.pt.format == CS_FMT_AUTO)
			x.pt.format = x.c.format;
		cs_passthru_begin(&x.pt, x.c.hdr);
	}
	if (cs_passthru_release(&x.pt, &err) != 0) {
		cs_warn_err(&err);
		cs_run_status(&x.c, err.code);
	}
	if (!cs_opt.quiet) {
		cs_buf_init(&b);
		for (i = 0; i < x.cl.n; i++)
			cs_buf_addf(&b, "%s%s %ld", i ? ", " : "",
			    x.cl.c[i].cls, x.k.per_class[i]);
		cs_warn("classified %s; rejected %ld", b.s, x.c.n.rejected);
		if (opt.save)
			cs_warn("saved %ld classes, unchanged %ld", x.saved,
			    x.unchanged);
		cs_buf_release(&b);
	}
	cs_classing_release(&x.k);
	cs_classes_release(&x.cl);
	cs_models_free(x.ms);
	free(opt.in.v);
	rc = cs_run_close(&x.c);
	return cs_finish(rc);
}
