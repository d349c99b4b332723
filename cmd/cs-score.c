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
			argp_error(state, "--all scores the store: give no FILE");
		if (opt.explain && cs_opt.to == CS_FMT_CSV)
			argp_error(state, "--explain writes NDJSON: leave out "
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

/* The entity being scored. */
struct entity {
	char uscc[19];
	struct cs_buf name;
	struct cs_buf industry;
	int known;
	struct cs_srecs rs;
};

struct scorer {
	struct cs_run c;
	struct cs_models *ms;
	struct cs_publicity pb;
	struct cs_score sc;
	struct entity e;
	struct cs_buf reasons, signals, line;
	struct cs_passthru pt;
	const char **lists;		/* the lists the models look at */
	size_t nlists;
	long n;
};

static void
entity_reset(struct entity *e, const char *uscc, const char *name,
    const char *industry, int known)
{
	cs_fmt(e->uscc, sizeof(e->uscc), "%s", uscc);
	cs_buf_reset(&e->name);
	cs_buf_reset(&e->industry);
	if (name != NULL)
		cs_buf_adds(&e->name, name);
	if (industry != NULL)
		cs_buf_adds(&e->industry, industry);
	e->known = known;
	cs_srecs_clear(&e->rs);
}

static void
entity_release(struct entity *e)
{
	cs_buf_release(&e->name);
	cs_buf_release(&e->industry);
	cs_srecs_release(&e->rs);
}

/* --explain: one NDJSON line for the entity scored in s->sc. */
static void
write_explain(struct scorer *s, const struct cs_model *m)
{
	json_t *doc = cs_score_explain(&s->sc, m, s->e.rs.r, s->e.rs.n,
	    cs_opt.as_of, &s->pb), *sig = json_array(), *det;
	size_t i, rec;
	long d;

	json_object_set_new(doc, "uscc", json_string(s->e.uscc));
	json_object_set_new(doc, "name", s->e.name.len > 0 ?
	    json_string(s->e.name.s) : json_null());
	json_object_set_new(doc, "model", json_string(m->id));
	json_object_set_new(doc, "as_of", json_string(cs_opt.as_of_str));
	json_object_set_new(doc, "score", json_string(s->line.s));
	json_object_set_new(doc, "reasons", json_string(s->reasons.s));
	if (!s->e.known)
		json_array_append_new(sig, json_pack("{s:s,s:s}", "code",
		    "unknown_entity", "why", "the store has no entity with "
		    "this code"));
	for (i = 0; i < m->nsigs && i < 64; i++)
		if (s->sc.signals & (1ULL << i))
			json_array_append_new(sig, json_pack("{s:s,s:s}",
			    "code", m->sigs[i].code, "why", m->sigs[i].why));
	json_object_set_new(doc, "signals", sig);
	d = cs_score_determine(m, s->e.rs.r, s->e.rs.n, cs_opt.as_of, &rec);
	det = d < 0 ? json_null() : json_pack("{s:s,s:s,s:s,s:s}", "code",
	    m->dets[d].code, "class", m->dets[d].cls, "why", m->dets[d].why,
	    "record", s->e.rs.r[rec].id);
	json_object_set_new(doc, "determination", det);
	cs_buf_reset(&s->line);
	cs_canon_json(doc, &s->line);
	cs_buf_addc(&s->line, '\n');
	fwrite(s->line.s, 1, s->line.len, stdout);
	json_decref(doc);
}

/* Score s->e; row is the input row (NULL with --all). */
static void
score_entity(struct scorer *s, const struct cs_row *row)
{
	const struct cs_model *m;
	const char *v[7];
	char pts[24];

	cs_srecs_seal(&s->e.rs);
	m = cs_models_pick(s->ms, s->e.industry.len > 0 ? s->e.industry.s :
	    NULL);
	cs_score_run(&s->sc, m, s->e.rs.r, s->e.rs.n, cs_opt.as_of, cs_opt.as_of,
	    -1);
	cs_score_run_signals(&s->sc, m, s->e.rs.r, s->e.rs.n, cs_opt.as_of);
	cs_buf_reset(&s->reasons);
	cs_buf_reset(&s->signals);
	cs_score_reasons(&s->sc, m, &s->reasons);
	cs_score_signals(&s->sc, m, !s->e.known, &s->signals);
	cs_points_format(s->sc.score, 0, pts);
	s->n++;
	if (opt.explain) {
		cs_buf_reset(&s->line);
		cs_buf_adds(&s->line, pts);
		write_explain(s, m);
		return;
	}
	if (row == NULL) {
		v[0] = s->e.uscc;
		v[1] = s->e.name.len > 0 ? s->e.name.s : NULL;
		v[2] = pts;
		v[3] = m->id;
		v[4] = cs_opt.as_of_str;
		v[5] = s->reasons.s;
		v[6] = s->signals.s;
		cs_writer_row(s->pt.w, v, NULL);
		return;
	}
	v[0] = pts;
	v[1] = m->id;
	v[2] = cs_opt.as_of_str;
	v[3] = s->reasons.s;
	v[4] = s->signals.s;
	cs_passthru_row(&s->pt, row, v);
}

static void
score_all(struct scorer *s)
{
	static const char *const cols[] = { "uscc", "name", "score", "model",
	    "as_of", "reasons", "signals" };
	struct cs_store_iter *ei = NULL, *ri = NULL, *li = NULL;
	struct cs_srec_in rr;
	struct cs_entrow er;
	struct cs_listed l;
	struct cs_error err;
	int re, rn, ln = 0, cmp;

	if (!opt.explain) {
		s->pt.w = cs_writer_new(stdout, cs_run_out_format(NULL), 7,
		    cols);
		cs_writer_begin(s->pt.w);
	}
	if (cs_store_iter_entities(s->c.st, &ei, &err) != 0 ||
	    cs_store_iter_scoring(s->c.st, NULL, NULL, 0, &ri, &err) != 0 ||
	    (s->nlists > 0 && cs_store_iter_listed(s->c.st, NULL,
	    cs_opt.as_of_str, &li, &err) != 0))
		cs_run_fatal(&s->c, &err);
	rn = cs_store_next_scoring(ri, &rr, &err);
	if (li != NULL)
		ln = cs_store_next_listed(li, &l, &err);
	while ((re = cs_store_next_entity(ei, &er, &err)) == 1) {
		entity_reset(&s->e, er.uscc, er.name, er.industry, 1);
		while (rn == 1 && (cmp = strcmp(rr.uscc, er.uscc)) <= 0) {
			if (cmp == 0)
				cs_srecs_add(&s->e.rs, &rr);
			rn = cs_store_next_scoring(ri, &rr, &err);
		}
		while (ln == 1 && (cmp = strcmp(l.uscc, er.uscc)) <= 0) {
			if (cmp == 0)
				cs_srecs_add_entry(&s->e.rs, l.uscc,
				    l.entry_id, l.list, l.listed_on, l.until);
			ln = cs_store_next_listed(li, &l, &err);
		}
		if (rn < 0 || ln < 0)
			break;
		cs_progress_tick(&s->c.pr);
		score_entity(s, NULL);
	}
	if (re < 0 || rn < 0 || ln < 0)
		cs_run_fatal(&s->c, &err);
	cs_store_iter_free(ei);
	cs_store_iter_free(ri);
	cs_store_iter_free(li);
}

/* Load the entity and records of a valid uscc into s->e. */
static void
load_entity(struct scorer *s, const char *uscc)
{
	struct cs_store_iter *it;
	struct cs_srec_in rr;
	struct cs_fields ef;
	struct cs_listed l;
	struct cs_error err;
	long regseq;
	size_t i;
	int r;

	cs_fields_init(&ef, &cs_entity_schema);
	r = cs_store_entity(s->c.st, uscc, &ef, &regseq, &err);
	if (r < 0)
		cs_run_fatal(&s->c, &err);
	entity_reset(&s->e, uscc, ef.v[E_NAME], ef.v[E_INDUSTRY], r == 1);
	cs_fields_release(&ef);
	if (cs_store_iter_scoring(s->c.st, uscc, NULL, 0, &it, &err) != 0)
		cs_run_fatal(&s->c, &err);
	while ((r = cs_store_next_scoring(it, &rr, &err)) == 1)
		cs_srecs_add(&s->e.rs, &rr);
	cs_store_iter_free(it);
	if (r < 0)
		cs_run_fatal(&s->c, &err);
	for (i = 0; i < s->nlists; i++) {
		r = cs_store_listed(s->c.st, uscc, s->lists[i],
		    cs_opt.as_of_str, &l, &err);
		if (r < 0)
			cs_run_fatal(&s->c, &err);
		if (r == 1)
			cs_srecs_add_entry(&s->e.rs, uscc, l.entry_id, l.list,
			    l.listed_on, l.until);
	}
}

static void
score_stream(struct scorer *s)
{
	struct cs_item *it;
	const char *v;
	char uscc[19], msg[512];
	long col = -1;
	int r;

	cs_run_inputs(&s->c, NULL, NULL, 0, NULL, 0);
	while (cs_run_next(&s->c, &it)) {
		const struct cs_row *row = &it->row;

		if (s->pt.w == NULL && !opt.explain)
			cs_passthru_init(&s->pt, own_cols, 5,
			    cs_run_out_format(&s->c));
		col = cs_header_find(row->hdr, "uscc");
		if (col < 0 && s->c.format == CS_FMT_CSV) {
			struct cs_error err;

			cs_error_set(&err, CS_EX_DATAERR, row->file, 0, "no "
			    "column 'uscc' (or an alias of it) in the header");
			cs_run_fatal(&s->c, &err);
		}
		v = cs_row_get(row, col);
		if (v == NULL || *v == '\0') {
			cs_run_reject(&s->c, row,
			    "required column 'uscc' is empty");
			continue;
		}
		r = cs_uscc_check(&s->c.ru->uscc, "uscc", v, strlen(v), uscc,
		    msg, sizeof(msg));
		if (r == CS_USCC_BAD) {
			cs_run_reject(&s->c, row, msg);
			continue;
		}
		load_entity(s, uscc);
		if (r == CS_USCC_PILOT && !s->e.known) {
			cs_run_reject(&s->c, row, msg);
			continue;
		}
		score_entity(s, row);
	}
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
	argp_parse(&argp, argc, argv, 0, NULL, NULL);
	memset(&s, 0, sizeof(s));
	o.tool = "cs-score";
	o.need_store = 1;
	o.inputs = opt.in.v;
	o.ninputs = opt.in.n;
	cs_run_open(&s.c, &o);
	if (cs_models_load(&s.ms, s.c.ru->dir, opt.model, &err) != 0 ||
	    cs_publicity_load(&s.pb, s.c.ru->dir, &err) != 0)
		cs_run_fatal(&s.c, &err);
	s.lists = cs_models_lists(s.ms, &s.nlists);
	cs_score_init(&s.sc);
	cs_buf_init(&s.reasons);
	cs_buf_init(&s.signals);
	cs_buf_init(&s.line);
	cs_buf_init(&s.e.name);
	cs_buf_init(&s.e.industry);
	cs_srecs_init(&s.e.rs);
	cs_progress_start(&s.c.pr, "entities");
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
	cs_score_release(&s.sc);
	entity_release(&s.e);
	cs_buf_release(&s.reasons);
	cs_buf_release(&s.signals);
	cs_buf_release(&s.line);
	cs_publicity_release(&s.pb);
	free(s.lists);
	cs_models_free(s.ms);
	free(opt.in.v);
	rc = cs_run_close(&s.c);
	return cs_finish(rc);
}
