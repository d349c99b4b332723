/*
 * The streaming loop every row-reading command shares: rows from the
 * run's inputs, one handler call each, outcomes counted, rejects
 * reported, batches committed, the progress line and the summary.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/driver.h"

/* Keep id when the outcome is one r->keep asks for. */
static void
keep_id(struct cs_rows *r, int outcome, long id)
{
	if (!((outcome == CS_ADDED && (r->keep & CS_KEEP_ADDED)) ||
	    (outcome == CS_UNCHANGED && (r->keep & CS_KEEP_UNCHANGED))))
		return;
	r->ids = cs_xreallocarray(r->ids, r->nids + 1, sizeof(long));
	r->ids[r->nids++] = id;
}

/* The receipt of a batch: the ids kept since the last one. */
static int
receipt(void *ctx, struct cs_error *err)
{
	struct cs_rows *r = ctx;

	if (r->receipt(r->ctx, r->nids > r->nsent ? r->ids + r->nsent : NULL,
	    r->nids - r->nsent, err) != 0)
		return -1;
	r->nsent = r->nids;
	return 0;
}

void
cs_run_rows(struct cs_run *c, struct cs_rows *r)
{
	struct cs_error err;
	struct cs_item *it;
	struct cs_said said;
	/* A command that counts something else keeps its own line. */
	int own = r->what != NULL || c->pr.what == NULL;
	int out;

	r->ids = NULL;
	r->nids = 0;
	r->nsent = 0;
	if (r->receipt != NULL) {
		c->receipt = receipt;
		c->receipt_ctx = r;
	}
	if (own)
		cs_run_progress(c, r->what);
	c->need_cols = r->need_cols;
	c->with_set = r->with_set;
	if (r->tx != CS_ROWS_READ)
		cs_run_begin(c);
	if (r->begin != NULL && r->begin(r->ctx, &err) != 0)
		cs_run_fatal(c, &err);
	cs_run_inputs(c, r->sc, r->need, r->nneed, r->reserved, r->threaded);
	while (cs_run_next(c, &it)) {
		memset(&said, 0, sizeof(said));
		out = r->row(r->ctx, it, &said, &err);
		if (out < 0)
			cs_run_fatal(c, &err);
		if (out != CS_REFUSED && said.warn != NULL &&
		    said.warn[0] != '\0')
			cs_warn("%s:%ld: warning: %s", it->row.file,
			    it->row.line, said.warn);
		switch (out) {
		case CS_ADDED:
			c->n.added++;
			break;
		case CS_UPDATED:
			c->n.updated++;
			break;
		case CS_UNCHANGED:
			c->n.unchanged++;
			break;
		default:
			cs_run_reject(c, &it->row, said.why);
			break;
		}
		if (out != CS_REFUSED)
			keep_id(r, out, said.id);
		if (r->tx == CS_ROWS_BATCHED)
			cs_run_batch(c);
	}
	if (r->tx != CS_ROWS_READ)
		cs_run_commit(c);
	c->receipt = NULL;
	if (r->end != NULL && r->end(r->ctx, &err) != 0)
		cs_run_fatal(c, &err);
	if (own)
		cs_progress_end(&c->pr);
}

void
cs_run_lines(struct cs_run *c, struct cs_checker *k)
{
	struct cs_csv_lines *l;
	const struct cs_header *first;
	struct cs_csv_rec rec;
	struct cs_error err;
	struct cs_row row;
	char m[512];
	int r;

	c->format = CS_FMT_CSV;
	l = cs_csv_lines_new(c->o.inputs, c->o.ninputs, c->o.com->encoding,
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
			cs_checker_begin(k, first, cs_run_out_format(c));
			continue;
		}
		cs_progress_tick_at(&c->pr, rec.at);
		r = cs_checker_line(k, &rec, first->n);
		if (r == 0)
			continue;
		/* The rejects file gets the row's fields. */
		if (cs_csv_lines_row(l, &rec, &row, m, sizeof(m)) != 0)
			cs_run_reject(c, &row, m);
		else if (r < 0 || cs_checker_row(k, &row) != 0)
			cs_run_reject(c, &row, k->msg);
	}
	cs_csv_lines_free(l);
}

void
cs_run_summary(const struct cs_run *c, const char *verb, int updated)
{
	if (c->o.com->quiet)
		return;
	if (updated)
		cs_warn("%s %ld, updated %ld, unchanged %ld, rejected %ld",
		    verb, c->n.added, c->n.updated, c->n.unchanged,
		    c->n.rejected);
	else
		cs_warn("%s %ld, unchanged %ld, rejected %ld", verb,
		    c->n.added, c->n.unchanged, c->n.rejected);
}
