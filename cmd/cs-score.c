/*
 * cs-score: the public credit evaluation of market entities, explained.
 * Reads a stream with a uscc column (or --all: every entity of the store)
 * and appends score, model, as_of, reasons and signals; --explain writes
 * the full breakdown per entity as NDJSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"

static struct opts {
	int all;
	int explain;
	const char *model;
	struct cs_args in;		/* FILE... */
} opt;

enum { OPT_ALL = 0x200, OPT_EXPLAIN, OPT_MODEL };

static const struct argp_option options[] = {
	{ "all", OPT_ALL, NULL, 0,
	  "score every entity of the store instead of reading FILE", 0 },
	{ "explain", OPT_EXPLAIN, NULL, 0,
	  "write the full breakdown per entity as NDJSON: rules, records, "
	  "decay, caps, and what to fix", 0 },
	{ "model", OPT_MODEL, "FILE", 0,
	  "score every entity with the model in FILE (no industry models)",
	  0 },
	{ 0 }
};

static const char doc[] =
	"Score market entities by the public credit evaluation model, with "
	"the reasons.\v"
	"Examples:\n"
	"  cs-score --all --as-of=2026-11-27 | cs-classify\n"
	"  cs-score --explain --as-of=2026-11-27 bidders.csv | jq .rules\n\n"
	"Output: the input columns, then score (0.0 to 100.0), model, as_of, "
	"reasons (up to 4 CODE:points, most negative first) and signals "
	"(early-warning codes).  With --all: uscc and name first.  The models "
	"are share/cs/models/*.json, described in cs-score(1).\n\n"
	"Exit status: see cs(7).";

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	const char *o;

	switch (key) {
	case OPT_ALL:
		opt.all = 1;
		break;
	case OPT_EXPLAIN:
		opt.explain = 1;
		break;
	case OPT_MODEL:
		opt.model = arg;
		break;
	case ARGP_KEY_ARG:
		cs_args_push(state, arg, &opt.in);
		break;
	case ARGP_KEY_END:
		if (opt.all && opt.in.n > 0)
			cs_argp_error(state, "--all scores the store: give no FILE");
		/* --all reads no rows: nothing to read, reject or keep. */
		if (opt.all && (o = cs_common_given(CS_USES_IN |
		    CS_USES_REJECTS)) != NULL)
			cs_argp_error(state, "option '--%s' does not apply to --all "
			    "(it reads no rows)", o);
		if (opt.explain && cs_opt.to == CS_FMT_CSV)
			cs_argp_error(state, "--explain writes NDJSON: leave out "
			    "--to=csv");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const char *const own_cols[] = {
	"score", "model", "as_of", "reasons", "signals"
};

struct scorer {
	struct cs_run c;
	struct cs_models *ms;
	struct cs_scoring sg;
	struct cs_passthru pt;
	long n;
};

/* Score the entity in s->sg; row is its input row (NULL with --all). */
static void
score_entity(struct scorer *s, const struct cs_row *row)
{
	struct cs_scoring *sg = &s->sg;
	struct cs_error err;
	const char *v[7];

	cs_scoring_run(sg);
	s->n++;
	if (opt.explain) {
		if (cs_scoring_explain(sg, &err) != 0)
			cs_run_fatal(&s->c, &err);
		fwrite(sg->line.s, 1, sg->line.len, stdout);
		return;
	}
	if (row == NULL) {
		v[0] = sg->uscc;
		v[1] = sg->name.len > 0 ? sg->name.s : NULL;
		v[2] = sg->points;
		v[3] = sg->m->id;
		v[4] = cs_opt.as_of_str;
		v[5] = sg->reasons.s;
		v[6] = sg->signals.s;
		cs_writer_row(s->pt.w, v, NULL);
		return;
	}
	v[0] = sg->points;
	v[1] = sg->m->id;
	v[2] = cs_opt.as_of_str;
	v[3] = sg->reasons.s;
	v[4] = sg->signals.s;
	cs_passthru_row(&s->pt, row, v);
}

/* An entity of --all. */
static void
score_next(void *ctx)
{
	struct scorer *s = ctx;

	cs_progress_tick(&s->c.pr);
	score_entity(s, NULL);
}

static void
score_all(struct scorer *s)
{
	static const char *const cols[] = { "uscc", "name", "score", "model",
	    "as_of", "reasons", "signals" };
	struct cs_error err;

	if (!opt.explain) {
		s->pt.w = cs_writer_new(stdout, cs_run_out_format(&s->c), 7,
		    cols);
		cs_writer_begin(s->pt.w);
	}
	if (cs_scoring_all(&s->sg, score_next, s, &err) != 0)
		cs_run_fatal(&s->c, &err);
}

/* A row of the input streams: its uscc scored. */
static int
score_row(void *ctx, struct cs_item *it, struct cs_said *said,
    struct cs_error *err)
{
	static char msg[512];
	struct scorer *s = ctx;
	const struct cs_row *row = &it->row;
	const char *v;
	char uscc[19];
	int r;

	if (s->pt.w == NULL && !opt.explain)
		cs_passthru_init(&s->pt, own_cols, 5, cs_run_out_format(&s->c));
	v = cs_row_get(row, cs_header_find(row->hdr, "uscc"));
	said->why = msg;
	if (v == NULL || *v == '\0') {
		said->why = "required column 'uscc' is empty";
		return CS_REFUSED;
	}
	r = cs_uscc_check(&s->c.ru->uscc, "uscc", v, strlen(v), uscc, msg,
	    sizeof(msg));
	if (r == CS_USCC_BAD)
		return CS_REFUSED;
	if (cs_scoring_load(&s->sg, uscc, err) != 0)
		return -1;
	if (r == CS_USCC_PILOT && !s->sg.known)
		return CS_REFUSED;
	score_entity(s, row);
	return CS_UNCHANGED;
}

static void
score_stream(struct scorer *s)
{
	static const char *const need[] = { "uscc", NULL };
	struct cs_rows rows = { .row = score_row, .ctx = s, .need_cols = need };

	cs_run_rows(&s->c, &rows);
	if (s->pt.w == NULL && !opt.explain && s->c.hdr != NULL) {
		cs_passthru_init(&s->pt, own_cols, 5,
		    cs_run_out_format(&s->c));
		cs_passthru_begin(&s->pt, s->c.hdr);
	}
}

int
main(int argc, char **argv)
{
	struct argp argp = { options, parse_opt, "[FILE...]", doc,
	    cs_common_children,
	    NULL, NULL };
	struct cs_run_opts o = { 0 };
	struct scorer s;
	struct cs_error err;
	int rc;

	cs_init(argc, argv);
	cs_argp_check(&argp, NULL, NULL);
	argp_parse(&argp, argc, argv, 0, NULL, NULL);
	memset(&s, 0, sizeof(s));
	o.com = &cs_opt;
	o.tool = "cs-score";
	o.need_store = 1;
	o.inputs = opt.in.v;
	o.ninputs = opt.in.n;
	cs_run_open(&s.c, &o);
	if (cs_models_load(&s.ms, s.c.ru->dir, opt.model, &err) != 0)
		cs_run_fatal(&s.c, &err);
	cs_scoring_init(&s.sg, s.c.st, s.ms, &s.c.ru->pub, cs_opt.as_of);
	cs_run_progress(&s.c, "entities");
	if (opt.all)
		score_all(&s);
	else
		score_stream(&s);
	cs_progress_end(&s.c.pr);
	if (cs_passthru_release(&s.pt, &err) != 0) {
		cs_warn_err(&err);
		cs_run_status(&s.c, err.code);
	}
	if (!cs_opt.quiet)
		cs_warn("scored %ld, rejected %ld", s.n, s.c.n.rejected);
	cs_scoring_release(&s.sg);
	cs_models_free(s.ms);
	free(opt.in.v);
	rc = cs_run_close(&s.c);
	return cs_finish(rc);
}
