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
	"threshold, or the direct determination that fixed the class); with "
	"--previous also previous_class and change (up: a better class, down: "
	"a worse one, same, new).  Thresholds: share/cs/classes.json; direct "
	"determinations: the model named in the model column, from the store "
	"(-d).  history USCC lists the classes --save recorded.\n\n"
	"Exit status: see cs(7).";

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	char msg[256];

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
		if (state->arg_num == 0 && strcmp(arg, "history") == 0) {
			opt.history = 1;
			break;
		}
		if (opt.history && opt.in.n == 1)
			argp_error(state, "history takes one USCC (got '%s' "
			    "too)", arg);
		cs_args_push(state, arg, &opt.in);
		break;
	case ARGP_KEY_END:
		if (opt.changes_only && opt.previous == NULL)
			argp_error(state, "--changes-only needs --previous");
		if (!opt.history)
			break;
		if (opt.previous != NULL || opt.save || opt.model != NULL)
			argp_error(state, "history lists saved classes: "
			    "--previous, --changes-only, --save and --model do "
			    "not apply");
		if (opt.in.n == 0)
			argp_error(state, "history needs a USCC");
		if (cs_uscc_check(NULL, "USCC", opt.in.v[0],
		    strlen(opt.in.v[0]), opt.uscc, msg, sizeof(msg)) ==
		    CS_USCC_BAD)
			argp_error(state, "invalid %s", msg);
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
	struct cs_facts f;
	struct cs_strmap prev;		/* uscc -> class letter */
	struct cs_passthru pt;
	long per_class[8];
	long saved, unchanged, written;
	struct cs_buf reason;
};

static void
load_previous(struct classifier *k)
{
	struct cs_read_opts ro = { 0 };
	struct cs_reader *r;
	struct cs_row *row;
	struct cs_error err;
	const char *u, *cl;
	long cu, cc, *slot;
	int n;

	cs_strmap_init(&k->prev);
	if (opt.previous == NULL)
		return;
	ro.aliases = k->c.ru->aliases;
	if (cs_reader_open(&r, opt.previous, &ro, &err) != 0)
		cs_run_fatal(&k->c, &err);
	while ((n = cs_reader_next(r, &row, &err)) == 1) {
		cu = cs_header_find(row->hdr, "uscc");
		cc = cs_header_find(row->hdr, "class");
		if (cu < 0 || cc < 0) {
			cs_error_set(&err, CS_EX_DATAERR, row->file, row->line,
			    "--previous needs the columns uscc and class (an "
			    "output of cs-classify)");
			cs_reader_close(r);
			cs_run_fatal(&k->c, &err);
		}
		u = cs_row_get(row, cu);
		cl = cs_row_get(row, cc);
		if (row->bad != NULL || u == NULL || cl == NULL ||
		    strlen(cl) != 1)
			continue;
		slot = cs_strmap_put(&k->prev, u, NULL);
		*slot = cl[0];
	}
	cs_reader_close(r);
	if (n < 0)
		cs_run_fatal(&k->c, &err);
}

static void
classify_row(struct classifier *k, const struct cs_row *row)
{
	const struct cs_model *m = k->ms->base;
	const char *u, *sc, *mid, *asof, *v[4];
	char uscc[19], msg[512], cls[2] = "", prevc[2] = "", *reason;
	char day[11];
	struct cs_error err;
	long score, det, *pv;
	size_t rec;
	int as_of = cs_opt.as_of, r;

	u = cs_row_get(row, cs_header_find(row->hdr, "uscc"));
	sc = cs_row_get(row, cs_header_find(row->hdr, "score"));
	mid = cs_row_get(row, cs_header_find(row->hdr, "model"));
	asof = cs_row_get(row, cs_header_find(row->hdr, "as_of"));
	if (u == NULL || *u == '\0') {
		cs_run_reject(&k->c, row, "required column 'uscc' is empty");
		return;
	}
	r = cs_uscc_check(&k->c.ru->uscc, "uscc", u, strlen(u), uscc, msg,
	    sizeof(msg));
	if (r == CS_USCC_BAD) {
		cs_run_reject(&k->c, row, msg);
		return;
	}
	if (sc == NULL || *sc == '\0') {
		cs_run_reject(&k->c, row, "required column 'score' is empty");
		return;
	}
	if (cs_points_parse(sc, &score) != 0) {
		cs_fmt(msg, sizeof(msg), "score '%s' is not a number with at "
		    "most one decimal", sc != NULL ? sc : "");
		cs_run_reject(&k->c, row, msg);
		return;
	}
	if (asof != NULL && *asof != '\0' &&
	    cs_date_parse(asof, strlen(asof), &as_of) != 0) {
		cs_fmt(msg, sizeof(msg), "as_of '%s' is not a date", asof);
		cs_run_reject(&k->c, row, msg);
		return;
	}
	if (!k->ms->forced && mid != NULL && *mid != '\0') {
		m = cs_models_find(k->ms, mid);
		if (m == NULL) {
			cs_fmt(msg, sizeof(msg), "model '%s' is not one of "
			    "share/cs/models: give its file with --model", mid);
			cs_run_reject(&k->c, row, msg);
			return;
		}
	}
	cs_buf_reset(&k->reason);
	cs_date_format(as_of, day);
	if (cs_facts_of(&k->f, uscc, day, &err) != 0)
		cs_run_fatal(&k->c, &err);
	det = cs_score_determine(m, k->f.rs.r, k->f.rs.n, as_of, &rec);
	if (det >= 0) {
		cls[0] = m->dets[det].cls[0];
		const struct cs_srec *fr = &k->f.rs.r[rec];

		cs_buf_addf(&k->reason, "%s: %s (%s %s)", m->dets[det].code,
		    m->dets[det].why, fr->entry ? "list entry" : "record",
		    fr->entry ? strchr(fr->id, ':') + 1 : fr->id);
	} else {
		cls[0] = k->cl.c[cs_classify_score(&k->cl, score,
		    &k->reason)].cls[0];
	}
	reason = k->reason.s;
	v[0] = cls;
	v[1] = reason;
	v[2] = v[3] = NULL;
	if (opt.previous != NULL) {
		pv = cs_strmap_get(&k->prev, uscc);
		if (pv == NULL) {
			v[3] = "new";
		} else {
			prevc[0] = (char)*pv;
			v[2] = prevc;
			v[3] = cs_classify_change(&k->cl, prevc[0], cls[0]);
		}
		if (opt.changes_only && strcmp(v[3], "same") == 0)
			goto save;
	}
	cs_passthru_row(&k->pt, row, v);
	k->written++;
save:
	k->per_class[cs_classify_rank(&k->cl, cls[0]) & 7]++;
	if (opt.save) {
		struct cs_class c = { 0 };
		char sbuf[24];
		long seq;

		memcpy(c.uscc, uscc, sizeof(c.uscc));
		cs_date_format(as_of, c.as_of);
		c.cls[0] = cls[0];
		cs_points_format(score, 0, sbuf);
		c.score = sbuf;
		c.model = m->id;
		c.reason = reason;
		r = cs_store_save_class(k->c.st, &c, &seq, &err);
		if (r < 0)
			cs_run_fatal(&k->c, &err);
		if (r == 1)
			k->saved++;
		else
			k->unchanged++;
		cs_run_batch(&k->c);
	}
}

static int
history(struct classifier *k)
{
	static const char *const cols[] = { "uscc", "as_of", "class", "score",
	    "model", "class_reason", "seq" };
	struct cs_store_iter *it;
	struct cs_writer *w;
	struct cs_class c;
	struct cs_error err;
	const char *v[7];
	char seq[24];
	int r;

	if (cs_store_iter_classes(k->c.st, opt.uscc, NULL, &it, &err) != 0)
		cs_run_fatal(&k->c, &err);
	w = cs_writer_new(stdout, cs_run_out_format(NULL), 7, cols);
	cs_writer_begin(w);
	while ((r = cs_store_next_class(it, &c, &err)) == 1) {
		cs_fmt(seq, sizeof(seq), "%ld", c.seq);
		v[0] = c.uscc;
		v[1] = c.as_of;
		v[2] = c.cls;
		v[3] = c.score;
		v[4] = c.model;
		v[5] = c.reason;
		v[6] = seq;
		cs_writer_row(w, v, NULL);
	}
	cs_store_iter_free(it);
	if (r < 0)
		cs_run_fatal(&k->c, &err);
	if (cs_writer_close(w, &err) != 0) {
		cs_warn_err(&err);
		cs_run_status(&k->c, err.code);
	}
	return cs_run_close(&k->c);
}

int
main(int argc, char **argv)
{
	struct argp argp = { options, parse_opt, "[FILE...]\nhistory USCC", doc,
	    cs_common_children, NULL, NULL };
	struct cs_run_opts o = { 0 };
	struct classifier k;
	struct cs_item *it;
	struct cs_error err;
	size_t i;
	int rc;

	cs_init(argc, argv);
	argp_parse(&argp, argc, argv, 0, NULL, NULL);
	memset(&k, 0, sizeof(k));
	o.tool = "cs-classify";
	o.need_store = 1;
	o.writes = opt.save;
	o.inputs = opt.history ? NULL : opt.in.v;
	o.ninputs = opt.history ? 0 : opt.in.n;
	o.batch = 50000;
	cs_run_open(&k.c, &o);
	if (opt.history) {
		rc = history(&k);
		free(opt.in.v);
		return cs_finish(rc);
	}
	if (cs_models_load(&k.ms, k.c.ru->dir, opt.model, &err) != 0 ||
	    cs_classes_load(&k.cl, k.c.ru->dir, &err) != 0)
		cs_run_fatal(&k.c, &err);
	/*
	 * The facts are read once, in order, with a sort: a small cache
	 * bounds the sort's memory, so it does not grow with the store.
	 */
	if (cs_store_set_cache(k.c.st, 4096, &err) != 0)
		cs_run_fatal(&k.c, &err);
	cs_buf_init(&k.reason);
	cs_facts_init(&k.f, k.c.st, k.ms);
	load_previous(&k);
	cs_passthru_init(&k.pt, own_cols, opt.previous != NULL ? 4 : 2,
	    cs_opt.to);
	if (opt.save)
		cs_run_begin(&k.c);
	cs_run_inputs(&k.c, NULL, NULL, 0, NULL, 0);
	while (cs_run_next(&k.c, &it)) {
		if (k.pt.format == CS_FMT_AUTO)
			k.pt.format = k.c.format;
		if (k.c.format == CS_FMT_CSV && (cs_header_find(it->row.hdr,
		    "uscc") < 0 || cs_header_find(it->row.hdr, "score") < 0)) {
			cs_error_set(&err, CS_EX_DATAERR, it->row.file, 0, "no "
			    "column '%s' (or an alias of it) in the header",
			    cs_header_find(it->row.hdr, "uscc") < 0 ? "uscc" :
			    "score");
			cs_run_fatal(&k.c, &err);
		}
		classify_row(&k, &it->row);
	}
	if (opt.save)
		cs_run_commit(&k.c);
	if (k.pt.w == NULL && k.c.hdr != NULL) {
		if (k.pt.format == CS_FMT_AUTO)
			k.pt.format = k.c.format;
		cs_passthru_begin(&k.pt, k.c.hdr);
	}
	if (cs_passthru_release(&k.pt, &err) != 0) {
		cs_warn_err(&err);
		cs_run_status(&k.c, err.code);
	}
	if (!cs_opt.quiet) {
		struct cs_buf b;

		cs_buf_init(&b);
		for (i = 0; i < k.cl.n; i++)
			cs_buf_addf(&b, "%s%s %ld", i ? ", " : "",
			    k.cl.c[i].cls, k.per_class[i]);
		cs_warn("classified %s; rejected %ld", b.s, k.c.n.rejected);
		if (opt.save)
			cs_warn("saved %ld classes, unchanged %ld", k.saved,
			    k.unchanged);
		cs_buf_release(&b);
	}
	cs_buf_release(&k.reason);
	cs_facts_release(&k.f);
	cs_strmap_release(&k.prev);
	cs_classes_release(&k.cl);
	cs_models_free(k.ms);
	free(opt.in.v);
	rc = cs_run_close(&k.c);
	return cs_finish(rc);
}
