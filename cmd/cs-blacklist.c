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
	int unmasked;			/* --unmasked */
	const char **sets;		/* --set COLUMN=VALUE */
	size_t nsets;
	long batch;
	struct cs_args in;		/* FILE... */
	int takes_args;
	const char *cmd;
} opt;

enum {
	OPT_LIST = 0x200,
	OPT_STATE,
	OPT_DEPT,
	OPT_UNMASKED,
	OPT_SET,
	OPT_BATCH
};

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case OPT_LIST:
		opt.list = arg;
		break;
	case OPT_STATE:
		if (cs_lstate_parse(arg) <= CS_LS_PROPOSED)
			argp_error(state, "invalid --state '%s': use noticed, "
			    "objected, dismissed, listed, removed or withdrawn",
			    arg);
		opt.state = arg;
		break;
	case OPT_DEPT:
		opt.dept = arg;
		break;
	case OPT_UNMASKED:
		opt.unmasked = 1;
		break;
	case OPT_SET:
		if (strchr(arg, '=') == NULL || arg[0] == '=')
			argp_error(state, "invalid --set '%s': use "
			    "COLUMN=VALUE", arg);
		opt.sets = cs_xreallocarray(opt.sets, opt.nsets + 1,
		    sizeof(char *));
		opt.sets[opt.nsets++] = arg;
		break;
	case OPT_BATCH:
		opt.batch = cs_opt_long(state, "--batch", arg, 1, 1000000);
		break;
	case ARGP_KEY_ARG:
		if (!opt.takes_args)
			argp_error(state, "takes no arguments (got '%s')", arg);
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
	struct cs_run_opts o = { 0 };
	struct cs_lists *ls;
	struct cs_error err;

	o.tool = "cs-blacklist";
	o.need_store = need_store;
	o.inputs = opt.in.v;
	o.ninputs = opt.in.n;
	o.batch = opt.batch;
	cs_run_open(c, &o);
	if (cs_lists_load(&ls, c->ru->dir, &err) != 0)
		cs_run_fatal(c, &err);
	if (opt.list != NULL && cs_lists_type(ls, opt.list) == NULL)
		cs_usage_error(opt.cmd, "invalid --list '%s': not a list type of "
		    "lists.json", opt.list);
	if (opt.dept != NULL && !cs_lists_has_dept(ls, opt.dept))
		cs_usage_error(opt.cmd, "invalid --dept '%s': no measure of measures.json "
		    "names it", opt.dept);
	return ls;
}

/* Column name of row, trimmed, else its --set value, else NULL. */
static const char *
col(const struct cs_row *row, const char *name)
{
	return cs_row_trimmed(row, name, opt.sets, opt.nsets);
}


/*
 * Before entries ids are shown with --unmasked: record it in the ledger
 * (cs_list_record_unmask), committed before any output.
 */
static void
unmask_first(struct cs_run *c, const long *ids, size_t n)
{
	struct cs_error err;

	if (opt.unmasked && cs_list_record_unmask(c->st, ids, n,
	    cs_opt.as_of_str, opt.cmd, &err) != 0)
		cs_run_fatal(c, &err);
}

/*
 * Write entries ids (as they are now) in the ls columns; with ls, the
 * columns of decide.
 */
static void
write_entries(struct cs_run *c, const long *ids, size_t n, int fmt,
    const struct cs_lists *ls)
{
	struct cs_list_notice_info no = { 0 };
	struct cs_lentry_row row = { 0 };
	struct cs_writer *w;
	struct cs_event ev;
	struct cs_error err;
	struct cs_lrow e;
	size_t i;
	char *body;

	unmask_first(c, ids, n);
	w = cs_writer_new(stdout, fmt, ls != NULL ? CS_LDECISION_NCOLS :
	    CS_LENTRY_NCOLS, cs_lentry_cols);
	cs_writer_begin(w);
	for (i = 0; i < n; i++) {
		if (cs_store_event(c->st, ids[i], &ev, &err) != 1)
			cs_run_fatal(c, &err);
		body = cs_xstrdup(ev.body);
		if (cs_store_lentry(c->st, ids[i], &e, &err) != 1)
			cs_run_fatal(c, &err);
		e.body = body;
		cs_lentry_row(&row, &e, &no, opt.unmasked, ls != NULL ?
		    cs_lists_type(ls, e.list) : NULL);
		cs_writer_row(w, row.v, NULL);
		free(body);
	}
	cs_list_notice_info_release(&no);
	cs_buf_release(&row.measures);
	cs_writer_close(w, NULL);
}

/* Count the outcome of a row operation; a refused row is rejected. */
static void
outcome(struct cs_run *c, const struct cs_row *row, const char *msg, int r,
    long id, long **ids)
{
	switch (r) {
	case CS_ADDED:
		c->n.added++;
		break;
	case CS_UNCHANGED:
		c->n.unchanged++;
		break;
	default:
		cs_run_reject(c, row, msg);
		return;
	}
	*ids = cs_xreallocarray(*ids, (size_t)(c->n.added + c->n.unchanged),
	    sizeof(long));
	(*ids)[c->n.added + c->n.unchanged - 1] = id;
}

static int
cmd_add(void)
{
	struct cs_listops o;
	struct cs_list_notice n;
	struct cs_writer *w;
	struct cs_lnotice_row row = { 0 };
	struct cs_error err;
	struct cs_item *it;
	struct cs_lists *ls;
	struct cs_run c;
	long *ids = NULL, id = 0, i;
	int r, k;

	ls = open_run(&c, 1);
	cs_listops_init(&o, c.st, c.ru, ls, cs_opt.as_of);
	cs_progress_start(&c.pr, "rows");
	cs_run_begin(&c);
	cs_run_inputs(&c, NULL, NULL, 0, NULL, 0);
	while (cs_run_next(&c, &it)) {
		memset(&n, 0, sizeof(n));
		n.uscc = col(&it->row, "uscc");
		n.name = col(&it->row, "name");
		n.list = col(&it->row, "list");
		n.basis = col(&it->row, "basis");
		n.reasons = col(&it->row, "reasons");
		if (n.reasons == NULL)
			n.reasons = col(&it->row, "reason");
		n.noticed_on = col(&it->row, "noticed_on");
		for (k = 0; k < CS_LP_N; k++)
			n.person[k] = col(&it->row, cs_list_person_cols[k]);
		r = cs_list_add(&o, &n, &id, &err);
		if (r < 0)
			cs_run_fatal(&c, &err);
		outcome(&c, &it->row, o.msg, r, id, &ids);
		cs_run_batch(&c);
	}
	cs_run_commit(&c);
	cs_progress_end(&c.pr);
	/* Only what was stored is printed: after the commit. */
	unmask_first(&c, ids, (size_t)(c.n.added + c.n.unchanged));
	w = cs_writer_new(stdout, cs_run_out_format(&c), CS_LNOTICE_NCOLS,
	    cs_lnotice_cols);
	cs_writer_begin(w);
	for (i = 0; i < c.n.added + c.n.unchanged; i++) {
		if (cs_lnotice_row(&row, c.st, ls, ids[i], opt.unmasked,
		    &err) != 0)
			cs_run_fatal(&c, &err);
		cs_writer_row(w, row.v, NULL);
	}
	cs_lnotice_row_release(&row);
	cs_writer_close(w, NULL);
	if (!cs_opt.quiet)
		cs_warn("noticed %ld, unchanged %ld, rejected %ld", c.n.added,
		    c.n.unchanged, c.n.rejected);
	free(ids);
	cs_listops_release(&o);
	cs_lists_free(ls);
	return cs_run_close(&c);
}

/* object, review, decide, remove, withdraw: one step per row. */
static int
run_steps(int step, const char *day_col, const char *verb)
{
	struct cs_listops o;
	struct cs_list_act a;
	struct cs_error err;
	struct cs_item *it;
	struct cs_lists *ls;
	struct cs_run c;
	long *ids = NULL, id = 0;
	int r;

	ls = open_run(&c, 1);
	cs_listops_init(&o, c.st, c.ru, ls, cs_opt.as_of);
	cs_progress_start(&c.pr, "rows");
	cs_run_begin(&c);
	cs_run_inputs(&c, NULL, NULL, 0, NULL, 0);
	while (cs_run_next(&c, &it)) {
		memset(&a, 0, sizeof(a));
		a.entry_id = col(&it->row, "entry_id");
		a.on = col(&it->row, day_col);
		a.reason = col(&it->row, "reason");
		a.outcome = col(&it->row, "outcome");
		a.removal = col(&it->row, "removal");
		a.term = col(&it->row, "term");
		r = cs_list_act(&o, step, &a, &id, &err);
		if (r < 0)
			cs_run_fatal(&c, &err);
		outcome(&c, &it->row, o.msg, r, id, &ids);
		cs_run_batch(&c);
	}
	cs_run_commit(&c);
	cs_progress_end(&c.pr);
	write_entries(&c, ids, (size_t)(c.n.added + c.n.unchanged),
	    cs_run_out_format(&c), step == CS_LSTEP_DECIDE ? ls : NULL);
	if (!cs_opt.quiet)
		cs_warn("%s %ld, unchanged %ld, rejected %ld", verb, c.n.added,
		    c.n.unchanged, c.n.rejected);
	free(ids);
	cs_listops_release(&o);
	cs_lists_free(ls);
	return cs_run_close(&c);
}

static int
cmd_object(void)
{
	return run_steps(CS_LSTEP_OBJECT, "filed_on", "objected");
}

static int
cmd_review(void)
{
	return run_steps(CS_LSTEP_DISMISS, "reviewed_on", "reviewed");
}

static int
cmd_decide(void)
{
	return run_steps(CS_LSTEP_DECIDE, "effective_on", "listed");
}

static int
cmd_remove(void)
{
	return run_steps(CS_LSTEP_REMOVE, "removed_on", "removed");
}

static int
cmd_withdraw(void)
{
	return run_steps(CS_LSTEP_WITHDRAW, "withdrawn_on", "withdrawn");
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
	if (cs_list_due_expiry(c.st, opt.list, cs_opt.as_of_str, &ids, &n,
	    &err) != 0)
		cs_run_fatal(&c, &err);
	cs_run_begin(&c);
	for (i = 0; i < n; i++) {
		r = cs_list_expire(&o, ids[i], &err);
		if (r < 0)
			cs_run_fatal(&c, &err);
		if (r == CS_REFUSED) {
			err.code = CS_EX_SOFTWARE;
			cs_fmt(err.msg, sizeof(err.msg), "%s", o.msg);
			err.file[0] = '\0';
			err.line = 0;
			cs_run_fatal(&c, &err);
		}
		cs_run_batch(&c);
	}
	cs_run_commit(&c);
	write_entries(&c, ids, n, cs_run_out_format(NULL), NULL);
	if (!cs_opt.quiet)
		cs_warn("expired %zu", n);
	free(ids);
	cs_listops_release(&o);
	cs_lists_free(ls);
	return cs_run_close(&c);
}

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* Is id among ids[0..n) (ascending)? */
static int
bsearch_long(const long *ids, size_t n, long id)
{
	return n > 0 && bsearch(&id, ids, n, sizeof(long), cmp_long) != NULL;
}

/* The entries ls shows; with --unmasked, recorded before the output. */
static int
cmd_ls(void)
{
	struct cs_list_notice_info no = { 0 };
	struct cs_lentry_row row = { 0 };
	struct cs_store_iter *it;
	struct cs_error err;
	struct cs_writer *w;
	struct cs_lists *ls;
	struct cs_lrow e;
	struct cs_run c;
	long *ids = NULL;
	size_t n = 0;
	int r, pass;

	ls = open_run(&c, 1);
	w = cs_writer_new(stdout, cs_run_out_format(NULL), CS_LENTRY_NCOLS,
	    cs_lentry_cols);
	/*
	 * --unmasked: a first pass finds the entries, whose unmask event is
	 * committed before the first byte goes out; an entry noticed in
	 * between is shown masked.
	 */
	for (pass = opt.unmasked ? 0 : 1; pass < 2; pass++) {
		if (pass == 1) {
			unmask_first(&c, ids, n);
			cs_writer_begin(w);
		}
		if (cs_store_iter_lentries(c.st, opt.list, opt.state,
		    cs_opt.as_of_str, &it, &err) != 0)
			cs_run_fatal(&c, &err);
		while ((r = cs_store_next_lentry(it, &e, &err)) == 1) {
			if (pass == 0) {
				ids = cs_xreallocarray(ids, n + 1,
				    sizeof(long));
				ids[n++] = e.entry_id;
				continue;
			}
			cs_lentry_row(&row, &e, &no, opt.unmasked &&
			    bsearch_long(ids, n, e.entry_id), NULL);
			cs_writer_row(w, row.v, NULL);
		}
		cs_store_iter_free(it);
		if (r < 0)
			cs_run_fatal(&c, &err);
	}
	cs_writer_close(w, NULL);
	cs_list_notice_info_release(&no);
	cs_buf_release(&row.measures);
	free(ids);
	cs_lists_free(ls);
	return cs_run_close(&c);
}

static const char *const propose_cols[] = {
	"uscc", "name", "list", "basis", "reason"
};

/* Write one candidate of cs_list_propose. */
static void
propose_row(void *ctx, const char *const v[5])
{
	cs_writer_row(ctx, v, NULL);
}

static int
cmd_propose(void)
{
	struct cs_error err;
	struct cs_writer *w;
	struct cs_lists *ls;
	struct cs_run c;
	size_t i;

	ls = open_run(&c, 1);
	w = cs_writer_new(stdout, cs_run_out_format(NULL), 5, propose_cols);
	cs_writer_begin(w);
	for (i = 0; i < ls->ntypes; i++)
		if ((opt.list == NULL || strcmp(opt.list,
		    ls->types[i].name) == 0) && cs_list_propose(c.st,
		    &ls->types[i], cs_opt.as_of_str, propose_row, w, &err) != 0)
			cs_run_fatal(&c, &err);
	cs_writer_close(w, NULL);
	cs_lists_free(ls);
	return cs_run_close(&c);
}

static int
cmd_measures(void)
{
	static const char *const cols[] = { "code", "title", "en", "dept",
	    "basis", "lists" };
	const struct cs_ltype *lt = NULL;
	struct cs_writer *w;
	struct cs_lists *ls;
	struct cs_run c;
	struct cs_buf b;
	const char *v[6];
	size_t i;

	ls = open_run(&c, 0);
	if (opt.list != NULL)
		lt = cs_lists_type(ls, opt.list);
	w = cs_writer_new(stdout, cs_run_out_format(NULL), 6, cols);
	cs_writer_begin(w);
	cs_buf_init(&b);
	for (i = 0; i < ls->nmeasures; i++) {
		const struct cs_measure *m = &ls->measures[i];

		if (opt.dept != NULL && strcmp(opt.dept, m->dept) != 0)
			continue;
		if (lt != NULL && !cs_ltype_has_measure(lt, m->code))
			continue;
		cs_lists_of_measure(ls, m->code, &b);
		v[0] = m->code;
		v[1] = m->title;
		v[2] = m->en;
		v[3] = m->dept;
		v[4] = m->basis;
		v[5] = b.s;
		cs_writer_row(w, v, NULL);
	}
	cs_buf_release(&b);
	cs_writer_close(w, NULL);
	cs_lists_free(ls);
	return cs_run_close(&c);
}

/* The state of a screening run. */
struct checker {
	struct cs_run *c;
	struct cs_screen s;
	struct cs_passthru pt;		/* input columns, then ours */
	struct cs_buf out;		/* lines path: output not yet written */
	long ucol, ncol;		/* the uscc and name columns, or -1 */
	long rows;
	long listed;
};

/* Write what the lines path has buffered, before the writer writes. */
static void
check_flush(struct checker *k)
{
	fwrite(k->out.s, 1, k->out.len, stdout);
	cs_buf_reset(&k->out);
}

/* Start the output for header h (CSV: its header line goes out now). */
static void
check_begin(struct checker *k, const struct cs_header *h)
{
	check_flush(k);
	cs_passthru_begin(&k->pt, h);
	k->ucol = cs_header_find(h, "uscc");
	k->ncol = cs_header_find(h, "name");
}

/*
 * Screen one counterparty and count it: 0 with *h and *match, or -1 when
 * its USCC is invalid (the row is rejected).
 */
static int
judge(struct checker *k, const struct cs_row *row, const char *u, size_t ul,
    const char *nm, size_t nl, const struct cs_hit **h, const char **match)
{
	char m[512];

	if (cs_screen_judge(&k->s, &k->c->ru->uscc, u, ul, nm, nl, h, match,
	    m, sizeof(m)) != 0) {
		cs_run_reject(k->c, row, m);
		return -1;
	}
	k->rows++;
	k->listed += *h != NULL;
	return 0;
}

/* Screen a split row and write it through the writer. */
static void
check_row(struct checker *k, const struct cs_row *row)
{
	const char *u = cs_row_get(row, k->ucol);
	const char *nm = cs_row_get(row, k->ncol);
	const char *v[CS_SCREEN_NCOLS], *match;
	const struct cs_hit *h;

	if (judge(k, row, u, u != NULL ? strlen(u) : 0, nm, nm != NULL ?
	    strlen(nm) : 0, &h, &match) != 0)
		return;
	check_flush(k);
	cs_screen_values(h, match, v);
	cs_passthru_row(&k->pt, row, v);
}

/* The general path: any inputs, through the stream readers. */
static void
check_rows(struct checker *k)
{
	struct cs_run *c = k->c;
	struct cs_item *it;

	cs_run_inputs(c, NULL, NULL, 0, NULL, 1);
	while (cs_run_next(c, &it)) {
		if (k->pt.format == CS_FMT_AUTO) {
			k->pt.format = cs_run_out_format(c);
			check_begin(k, it->row.hdr);
		}
		if (it->row.hdr->n != k->pt.nhdr) {
			/* NDJSON keys new to the stream. */
			k->ucol = cs_header_find(it->row.hdr, "uscc");
			k->ncol = cs_header_find(it->row.hdr, "name");
		}
		check_row(k, &it->row);
	}
}

/*
 * The lines path: CSV files read line by line.  A record that is one
 * line without quotes (most) is copied to the output as it is, with the
 * new columns after it, which is what the writer would write; the others
 * are split and written through the writer.
 */
static void
check_lines(struct checker *k)
{
	struct cs_run *c = k->c;
	struct cs_csv_lines *l;
	const struct cs_header *first;
	const struct cs_hit *h;
	struct cs_csv_rec rec;
	struct cs_error err;
	struct cs_row row;
	const char *match, *u, *nm;
	char m[512];
	size_t ul = 0, nl = 0;
	int r, raw_ok = 0;

	c->format = CS_FMT_CSV;
	l = cs_csv_lines_new(opt.in.v, opt.in.n, cs_opt.encoding,
	    c->ru->aliases);
	first = cs_csv_lines_header(l);
	while ((r = cs_csv_lines_next(l, &rec, &err)) != CS_LINES_END) {
		if (r < 0)
			cs_run_fatal(c, &err);
		if (r == CS_LINES_NOFILE) {
			cs_warn_err(&err);
			cs_run_status(c, err.code);
			continue;
		}
		if (r == CS_LINES_HEADER) {
			cs_rejects_header(c->rj, first, CS_FMT_CSV);
			k->pt.format = cs_run_out_format(c);
			check_begin(k, first);
			/* Raw lines pass when ours are all new CSV columns. */
			raw_ok = k->pt.nout == first->n + CS_SCREEN_NCOLS &&
			    k->pt.format == CS_FMT_CSV;
			continue;
		}
		cs_progress_tick(&c->pr);
		if (rec.quoted || !raw_ok ||
		    cs_csv_count_commas(rec.s, rec.n) + 1 != first->n) {
			if (cs_csv_lines_row(l, &rec, &row, m, sizeof(m)) != 0)
				cs_run_reject(c, &row, m);
			else
				check_row(k, &row);
			continue;
		}
		/* One line, no quotes, as many fields as the header. */
		u = cs_csv_field_at(rec.s, rec.n, k->ucol, &ul);
		nm = cs_csv_field_at(rec.s, rec.n, k->ncol, &nl);
		if (cs_screen_judge(&k->s, &c->ru->uscc, u, ul, nm, nl, &h,
		    &match, m, sizeof(m)) != 0) {
			/* The rejects file gets the row's fields. */
			cs_csv_lines_row(l, &rec, &row, NULL, 0);
			cs_run_reject(c, &row, m);
			continue;
		}
		k->rows++;
		k->listed += h != NULL;
		cs_buf_add(&k->out, rec.s, rec.n);
		cs_screen_add_csv(&k->out, h, match);
		if (k->out.len >= 1 << 16)
			check_flush(k);
	}
	check_flush(k);
	cs_csv_lines_free(l);
}

static int
cmd_check(void)
{
	struct checker k;
	struct cs_lists *ls;
	struct cs_error err;
	struct cs_run c;

	memset(&k, 0, sizeof(k));
	ls = open_run(&c, 1);
	k.c = &c;
	cs_buf_init(&k.out);
	cs_passthru_init(&k.pt, cs_screen_colnames, CS_SCREEN_NCOLS,
	    CS_FMT_AUTO);
	if (cs_screen_load(&k.s, c.st, ls, cs_opt.as_of_str, opt.dept,
	    &err) != 0)
		cs_run_fatal(&c, &err);
	cs_progress_start(&c.pr, "rows");
	if (cs_csv_lines_usable(opt.in.v, opt.in.n, cs_opt.from))
		check_lines(&k);
	else
		check_rows(&k);
	cs_progress_end(&c.pr);
	if (k.pt.format == CS_FMT_AUTO) {
		/* Nothing read: the new columns alone. */
		k.pt.format = cs_run_out_format(&c);
		cs_passthru_begin(&k.pt, c.hdr);
	}
	if (cs_passthru_release(&k.pt, &err) != 0) {
		cs_warn_err(&err);
		cs_run_status(&c, err.code);
	}
	if (!cs_opt.quiet)
		cs_warn("checked %ld, listed %ld, rejected %ld", k.rows,
		    k.listed, c.n.rejected);
	if (k.listed > 0)
		cs_run_status(&c, CS_EX_FOUND);
	cs_buf_release(&k.out);
	cs_screen_release(&k.s);
	cs_lists_free(ls);
	return cs_run_close(&c);
}

static const struct argp_option list_option[] = {
	{ "list", OPT_LIST, "LIST", 0, "only the list type LIST (serious, key, "
	  "ban)", 0 },
	{ 0 }
};

static const struct argp_option add_options[] = {
	{ "unmasked", OPT_UNMASKED, NULL, 0,
	  "print ID numbers whole (recorded in the ledger)", 0 },
	{ "set", OPT_SET, "COLUMN=VALUE", 0,
	  "use VALUE where the input has no COLUMN (repeatable)", 0 },
	{ "batch", OPT_BATCH, "N", 0, "rows per transaction (default 50000)",
	  0 },
	{ 0 }
};

static const struct argp_option step_options[] = {
	{ "set", OPT_SET, "COLUMN=VALUE", 0,
	  "use VALUE where the input has no COLUMN (repeatable)", 0 },
	{ "batch", OPT_BATCH, "N", 0, "rows per transaction (default 50000)",
	  0 },
	{ "unmasked", OPT_UNMASKED, NULL, 0,
	  "print ID numbers whole (recorded in the ledger)", 0 },
	{ 0 }
};

static const struct argp_option ls_options[] = {
	{ "list", OPT_LIST, "LIST", 0, "only entries of list type LIST", 0 },
	{ "state", OPT_STATE, "STATE", 0,
	  "only entries in STATE on --as-of (noticed, objected, dismissed, "
	  "listed, removed, withdrawn)", 0 },
	{ "unmasked", OPT_UNMASKED, NULL, 0,
	  "print ID numbers whole (recorded in the ledger)", 0 },
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
	  "it: uscc, name, list, basis, reason.\vExamples:\n"
	  "  cs-blacklist propose --list=serious --as-of=2026-09-30 > p.csv\n"
	  "  cs-blacklist propose --list=serious | cs-blacklist add\n\n"
	  "Review the candidates before giving them to add.  Exit status: "
	  "see cs(7).", list_option, cmd_propose },
	{ "add", "[FILE...]",
	  "Notify proposals (uscc, list, basis; name, reason, noticed_on, "
	  "persons): they become noticed entries; prints the notice data."
	  "\vExamples:\n"
	  "  cs-blacklist add --as-of=2026-09-30 proposals.csv > letters.csv\n"
	  "  cs-blacklist propose --list=serious | cs-blacklist add\n\n"
	  "The objection deadline counts working days of the calendar.  "
	  "Exit status: see cs(7).", add_options, cmd_add },
	{ "object", "[FILE...]",
	  "Record objections: entry_id, reason, filed_on (default --as-of)."
	  "\vExamples:\n"
	  "  cs-blacklist object objections.csv\n"
	  "  printf 'entry_id,reason\\n12,paid in full\\n' | cs-blacklist "
	  "object\n\n"
	  "Objections after the deadline are refused.  Exit status: see "
	  "cs(7).", step_options, cmd_object },
	{ "review", "[FILE...]",
	  "Answer objections: entry_id, outcome (upheld or dismissed), "
	  "reason, reviewed_on.\vExamples:\n"
	  "  cs-blacklist review answers.csv\n"
	  "  printf 'entry_id,outcome,reason\\n12,dismissed,not paid\\n' | "
	  "cs-blacklist review\n\n"
	  "An upheld objection withdraws the entry.  Exit status: see cs(7).",
	  step_options, cmd_review },
	{ "decide", "[FILE...]",
	  "Decide listings: entry_id, reason, effective_on (default "
	  "--as-of), term (ban list: P5Y or permanent); prints the decision "
	  "(ls columns, reasons, measures, early_removal_from, remedies)."
	  "\vExamples:\n"
	  "  cs-blacklist decide decisions.csv\n"
	  "  cs-blacklist ls --state=noticed | cs-blacklist decide --set "
	  "reason='basis confirmed'\n\n"
	  "Refused before the objection deadline has passed or while an "
	  "objection is open.  Exit status: see cs(7).", step_options,
	  cmd_decide },
	{ "remove", "[FILE...]",
	  "Remove listed entries: entry_id, removal (early or error), reason, "
	  "removed_on.\vExamples:\n"
	  "  cs-blacklist remove removals.csv\n"
	  "  printf 'entry_id,removal,reason\\n12,early,rectified\\n' | "
	  "cs-blacklist remove\n\n"
	  "Early removal is refused before the list's minimum.  Exit status: "
	  "see cs(7).", step_options, cmd_remove },
	{ "withdraw", "[FILE...]",
	  "Withdraw entries not yet decided: entry_id, reason, withdrawn_on."
	  "\vExamples:\n"
	  "  cs-blacklist withdraw withdrawals.csv\n"
	  "  printf 'entry_id,reason\\n12,wrong entity\\n' | cs-blacklist "
	  "withdraw\n\n"
	  "Exit status: see cs(7).", step_options, cmd_withdraw },
	{ "expire", "",
	  "Remove the listings whose term ended before --as-of; prints what "
	  "it removed.\vExamples:\n"
	  "  cs-blacklist expire\n"
	  "  cs-blacklist expire --as-of=2029-10-20 --to=ndjson\n\n"
	  "Meant for cron; running it twice changes nothing.  Exit status: "
	  "see cs(7).", list_option, cmd_expire },
	{ "ls", "",
	  "List entries with their state on --as-of (also past dates)."
	  "\vExamples:\n"
	  "  cs-blacklist ls --state=listed\n"
	  "  cs-blacklist ls --as-of=2026-10-01 --list=serious\n\n"
	  "ID numbers are masked unless --unmasked.  Exit status: see cs(7).",
	  ls_options, cmd_ls },
	{ "check", "[FILE...]",
	  "Screen a stream with a uscc or a name column: appends listed, "
	  "lists, measures, listed_until, match.\vExamples:\n"
	  "  cs-blacklist check --dept=procurement bidders.csv\n"
	  "  cs-blacklist check -q applicants.csv >/dev/null || echo "
	  "'listed applicant'\n\n"
	  "Exit status: 0 when no row is listed, 1 when one is (or a row was "
	  "rejected); see cs(7).", check_options, cmd_check },
	{ "measures", "",
	  "Print the joint measures catalogue: code, title, en, dept, basis, "
	  "lists.\vExamples:\n"
	  "  cs-blacklist measures --dept=tax\n"
	  "  cs-blacklist measures --list=key --to=ndjson\n\n"
	  "Exit status: see cs(7).", measures_options, cmd_measures },
	{ NULL, NULL, NULL, NULL, NULL }
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
	opt.batch = 50000;
	cmd = cs_command_parse(argc, argv, commands, top_doc, parse_opt,
	    chosen, name);
	rc = cmd->run();
	free(opt.in.v);
	free(opt.sets);
	return cs_finish(rc);
}
