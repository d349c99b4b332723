/*
 * A command run: rules loaded, store opened, rejects sink, inputs read
 * (checked on a second thread), rejected rows copied, the exit status
 * kept, batches committed.  The silent core returns errors; the talking
 * side at the end reports them and exits.  Options come in c->o.com.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/run.h"
#include "cli/shared.h"
#include "io/input.h"
#include "ops/records.h"

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
pilot_listed(void *p, const char *uscc)
{
	struct cs_run *c = p;

	return c->npilots > 0 && bsearch(&uscc, c->pilots, c->npilots,
	    sizeof(char *), cmpstr) != NULL;
}

static int
load_pilots(struct cs_run *c, struct cs_error *err)
{
	FILE *fp = fopen(c->o.pilot_list, "r");
	char *line = NULL, *p;
	size_t cap = 0, n;

	if (fp == NULL)
		return cs_error_set(err, CS_EX_NOINPUT, c->o.pilot_list, 0,
		    "%s", strerror(errno));
	while (getline(&line, &cap, fp) > 0) {
		p = line + strspn(line, " \t");
		n = strcspn(p, " \t\r\n#,");
		if (n == 0)
			continue;
		c->pilots = cs_xreallocarray(c->pilots, c->npilots + 1,
		    sizeof(char *));
		c->pilots[c->npilots++] = cs_xstrndup(p, n);
	}
	free(line);
	fclose(fp);
	if (c->npilots > 1)
		qsort(c->pilots, c->npilots, sizeof(char *), cmpstr);
	c->co.pilot_listed = pilot_listed;
	c->co.pilot_ctx = c;
	return 0;
}

/* The absolute form of path, whose last part need not exist yet. */
static void
canonical_path(const char *path, char *out, size_t n)
{
	char dir[4096], *slash, *real;
	const char *base;

	cs_fmt(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash == NULL) {
		base = path;
		cs_fmt(dir, sizeof(dir), ".");
	} else {
		*slash = '\0';
		base = path + (slash - dir) + 1;
		if (dir[0] == '\0')
			cs_fmt(dir, sizeof(dir), "/");
	}
	real = realpath(dir, NULL);
	cs_fmt(out, n, "%s/%s", real ? real : dir, base);
	free(real);
}

/* 1 when paths a and b name one file (existing or not). */
static int
same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	char ca[8192], cb[8192];

	if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	canonical_path(a, ca, sizeof(ca));
	canonical_path(b, cb, sizeof(cb));
	return strcmp(ca, cb) == 0;
}

/*
 * --rejects is truncated when the run starts: it must not be an input or
 * the store.
 */
static int
check_rejects_path(const struct cs_run *c, struct cs_error *err)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char path[4096];
	size_t k;
	int i;

	if (c->o.com->rejects == NULL)
		return 0;
	for (i = 0; i < c->o.ninputs; i++)
		if (same_file(c->o.com->rejects, c->o.inputs[i]))
			return cs_error_set(err, CS_EX_USAGE, NULL, 0, "--rejects "
			    "'%s' is also an input; give another file",
			    c->o.com->rejects);
	for (k = 0; k < sizeof(suffix) / sizeof(suffix[0]); k++) {
		cs_fmt(path, sizeof(path), "%s%s", c->o.com->db, suffix[k]);
		if (same_file(c->o.com->rejects, path))
			return cs_error_set(err, CS_EX_USAGE, NULL, 0, "--rejects "
			    "'%s' is the store; give another file",
			    c->o.com->rejects);
	}
	return 0;
}

int
cs_run_init(struct cs_run *c, const struct cs_run_opts *o,
    struct cs_error *err)
{
	char *dir = cs_rules_dir(o->com->rules);
	int rc;

	memset(c, 0, sizeof(*c));
	c->o = *o;
	if (c->o.batch <= 0)
		c->o.batch = 100000;
	rc = check_rejects_path(c, err) != 0 ||
	    cs_rules_load(&c->ru, dir, err) != 0;
	free(dir);
	if (rc)
		return -1;
	c->co.as_of = c->o.com->as_of;
	c->co.allow_pilot = c->o.allow_pilot;
	if (c->o.pilot_list != NULL && load_pilots(c, err) != 0)
		return -1;
	if (c->o.need_store) {
		if (cs_store_open(&c->st, c->o.com->db, err) != 0 ||
		    (c->o.writes && cs_store_writable(c->st, err) != 0))
			return -1;
		cs_store_set_actor(c->st, c->o.com->operator, c->o.tool);
	}
	return cs_rejects_open(&c->rj, c->o.com->rejects, err);
}

int
cs_run_release(struct cs_run *c, struct cs_error *err)
{
	size_t i;
	int rc;

	cs_ingest_free(c->ing);
	c->ing = NULL;
	rc = cs_rejects_close(c->rj, err);
	c->rj = NULL;
	cs_store_close(c->st);
	c->st = NULL;
	cs_rules_free(c->ru);
	c->ru = NULL;
	for (i = 0; i < c->npilots; i++)
		free(c->pilots[i]);
	free(c->pilots);
	c->pilots = NULL;
	return rc;
}

void
cs_run_status(struct cs_run *c, int code)
{
	if (code == CS_EX_OK)
		return;
	if (c->rc == CS_EX_OK || c->rc == CS_EX_FOUND ||
	    (c->rc == CS_EX_NOINPUT && code != CS_EX_FOUND))
		c->rc = code;
}

int
cs_run_abandon(struct cs_run *c, struct cs_error *err)
{
	int rc;

	cs_ingest_stop(c->ing);
	if (c->st != NULL)
		cs_store_rollback(c->st);
	rc = cs_rejects_close(c->rj, err);
	c->rj = NULL;
	cs_store_close(c->st);
	c->st = NULL;
	return rc;
}

int
cs_run_copy_reject(struct cs_run *c, const struct cs_row *row,
    const char *msg)
{
	cs_rejects_add(c->rj, row, msg);
	cs_run_status(c, CS_EX_FOUND);
	return c->o.com->strict;
}

void
cs_run_inputs(struct cs_run *c, const struct cs_schema *sc, const int *need,
    size_t nneed, const char *const *reserved, int threaded)
{
	struct cs_ingest_opts o = { 0 };

	o.paths = c->o.inputs;
	o.npaths = c->o.ninputs;
	o.ro.format = c->o.com->from;
	o.ro.encoding = c->o.com->encoding;
	o.ro.delim = c->o.com->delim;
	o.ro.aliases = c->ru->aliases;
	if (sc != NULL) {
		struct cs_rec_read rr = { sc, &c->ru->cat, &c->co,
		    c->ru->aliases, c->o.sets, c->o.nsets, reserved, need,
		    nneed, &c->ru->pub, &c->ru->sev };
		struct cs_error err;

		/* A bad --set is said once, not once per row. */
		if (cs_rec_check_sets(&rr, &err) != 0)
			cs_run_fatal(c, &err);
		cs_rec_read_hooks(&o.hooks, &rr);
	}
	o.threaded = threaded;
	c->ing = cs_ingest_start(&o);
	cs_progress_size(&c->pr, cs_ingest_size(c->ing));
}

void
cs_run_progress(struct cs_run *c, const char *what)
{
	cs_progress_start(&c->pr, what, c->o.com->progress);
	cs_progress_size(&c->pr, cs_inputs_size(c->o.inputs, c->o.ninputs));
}

/*
 * CS_TEST_KILL_AT=N: after N rows, die by SIGKILL as a crash would (for
 * the crash-safety test; see cs(7)).
 */
static void
test_kill(const struct cs_run *c)
{
	static long at = -1;
	const char *e;

	if (at < 0) {
		e = getenv("CS_TEST_KILL_AT");
		at = e != NULL ? strtol(e, NULL, 10) : 0;
	}
	if (at > 0 && c->kill_rows >= at)
		raise(SIGKILL);
}

/*
 * A CSV header without columns every row needs stops the run at once
 * with one message (NDJSON has no header: a missing key is an empty
 * value, which the row's handler rejects).  1 when it turned it into a
 * FATAL item.
 */
static int
lacks_columns(struct cs_run *c, struct cs_item *it)
{
	const struct cs_header *h = it->row.hdr;

	if (c->need_cols == NULL || it->format != CS_FMT_CSV || h->n == 0 ||
	    cs_header_lacks(h, c->need_cols, c->o.sets, c->o.nsets,
	    c->with_set, it->msg, sizeof(it->msg)) == 0)
		return 0;
	it->kind = CS_ITEM_FATAL;
	cs_error_set(&it->err, CS_EX_DATAERR, it->row.file, 1, "%s", it->msg);
	return 1;
}

int
cs_run_item(struct cs_run *c, struct cs_item **itp)
{
	struct cs_item *it;

	for (;;) {
		test_kill(c);
		if (cs_ingest_next(c->ing, &it) != 1)
			return 0;
		if (it->kind != CS_ITEM_HEADER)
			break;
		c->format = it->format;
		c->hdr = it->row.hdr;
		cs_rejects_header(c->rj, it->row.hdr, it->format);
		if (lacks_columns(c, it))
			break;
	}
	if (it->kind == CS_ITEM_ROW || it->kind == CS_ITEM_REJECT)
		c->kill_rows++;
	*itp = it;
	return 1;
}

int
cs_run_tx_begin(struct cs_run *c, struct cs_error *err)
{
	return cs_store_begin(c->st, err);
}

int
cs_run_tx_row(struct cs_run *c, struct cs_error *err)
{
	if (c->o.com->strict || ++c->inbatch < c->o.batch)
		return 0;
	return cs_run_tx_commit(c, err) != 0 ? -1 :
	    cs_store_begin(c->st, err);
}

int
cs_run_tx_commit(struct cs_run *c, struct cs_error *err)
{
	if (c->receipt != NULL && c->receipt(c->receipt_ctx, err) != 0)
		return -1;
	if (cs_stdout_flush(err) != 0) {
		c->out_failed = 1;
		return -1;
	}
	if (cs_store_commit(c->st, err) != 0)
		return -1;
	c->committed = c->n.added + c->n.updated;
	c->handled = c->committed + c->n.unchanged;
	c->inbatch = 0;
	return 0;
}

const struct cs_disclosure *
cs_run_disclosure(struct cs_run *c, const char *command)
{
	c->dc.mask = &c->ru->mask;
	c->dc.unmasked = cs_shared.unmasked;
	c->dc.as_of = c->o.com->as_of_str;
	c->dc.command = command;
	return &c->dc;
}

int
cs_run_out_format(const struct cs_run *c)
{
	if (c->o.com->to != CS_FMT_AUTO)
		return c->o.com->to;
	return c->format != CS_FMT_AUTO ? c->format : CS_FMT_CSV;
}

/* The talking side. */

void
cs_run_open(struct cs_run *c, const struct cs_run_opts *o)
{
	struct cs_error err;

	if (cs_run_init(c, o, &err) != 0)
		cs_die_err(&err);
}

int
cs_run_close(struct cs_run *c)
{
	struct cs_error err;

	if (cs_run_release(c, &err) != 0) {
		cs_warn_err(&err);
		cs_run_status(c, CS_EX_IOERR);
	}
	return c->rc;
}

void
cs_run_leave(struct cs_run *c, int code)
{
	struct cs_error err;

	if (cs_run_abandon(c, &err) != 0)
		cs_warn_err(&err);
	fflush(stdout);
	exit(code);
}

void
cs_run_reject(struct cs_run *c, const struct cs_row *row, const char *msg)
{
	c->n.rejected++;
	cs_warn("%s:%ld: %s", row->file, row->line, msg);
	if (cs_run_copy_reject(c, row, msg)) {
		if (c->o.writes)
			cs_warn("--strict: stopped at the first rejected row; "
			    "nothing of this run was stored");
		else
			cs_warn("--strict: stopped at the first rejected row");
		cs_run_leave(c, CS_EX_DATAERR);
	}
}

void
cs_run_fatal(struct cs_run *c, const struct cs_error *err)
{
	cs_warn_err(err);
	if (c->out_failed && c->handled > 0)
		cs_warn("the %ld rows of earlier batches were stored, their "
		    "output written; nothing after them was stored",
		    c->handled);
	else if (c->out_failed)
		cs_warn("nothing of this run was stored");
	else if (c->committed > 0 && !c->o.com->strict)
		cs_warn("%ld rows of earlier batches were stored; after fixing "
		    "the input, run again: stored rows are skipped",
		    c->committed);
	cs_run_leave(c, err->code ? err->code : CS_EX_SOFTWARE);
}

/* The line of the input whose marks are counted, if it has any. */
static void
say_marks(struct cs_run *c)
{
	if (c->mark_file != NULL && !c->o.com->quiet &&
	    (c->marks[CS_MARK_DERIVED] > 0 ||
	    c->marks[CS_MARK_UNDERIVABLE] > 0))
		cs_warn("%s: severity derived %ld, not derivable %ld "
		    "(severity.json)", c->mark_file,
		    c->marks[CS_MARK_DERIVED], c->marks[CS_MARK_UNDERIVABLE]);
	memset(c->marks, 0, sizeof(c->marks));
	c->mark_file = NULL;
}

/* Count it's mark for its input: a derived row stored, or a reject. */
static void
count_mark(struct cs_run *c, const struct cs_item *it)
{
	if (c->mark_file != NULL && strcmp(c->mark_file, it->row.file) != 0)
		say_marks(c);
	c->mark_file = it->row.file;
	if ((it->kind == CS_ITEM_ROW && it->mark == CS_MARK_DERIVED) ||
	    (it->kind == CS_ITEM_REJECT && it->mark == CS_MARK_UNDERIVABLE))
		c->marks[it->mark]++;
}

int
cs_run_next(struct cs_run *c, struct cs_item **itp)
{
	struct cs_item *it;

	while (cs_run_item(c, &it) == 1) {
		if (it->kind == CS_ITEM_ROW || it->kind == CS_ITEM_REJECT)
			count_mark(c, it);
		switch (it->kind) {
		case CS_ITEM_MESSAGE:
			cs_warn_err(&it->err);
			cs_run_status(c, it->err.code);
			/* --strict: all the inputs, or nothing of them. */
			if (c->o.com->strict) {
				cs_warn("--strict: stopped at an input that "
				    "cannot be read%s", c->o.writes ? "; "
				    "nothing of this run was stored" : "");
				cs_run_leave(c, it->err.code);
			}
			continue;
		case CS_ITEM_FATAL:
			cs_run_fatal(c, &it->err);
		case CS_ITEM_REJECT:
			cs_progress_tick_at(&c->pr, it->at);
			cs_run_reject(c, &it->row, it->msg);
			continue;
		default:
			cs_progress_tick_at(&c->pr, it->at);
			*itp = it;
			return 1;
		}
	}
	say_marks(c);
	return 0;
}

void
cs_run_begin(struct cs_run *c)
{
	struct cs_error err;

	if (cs_run_tx_begin(c, &err) != 0)
		cs_run_fatal(c, &err);
}

void
cs_run_batch(struct cs_run *c)
{
	struct cs_error err;

	if (cs_run_tx_row(c, &err) != 0)
		cs_run_fatal(c, &err);
}

void
cs_run_commit(struct cs_run *c)
{
	struct cs_error err;

	if (cs_run_tx_commit(c, &err) != 0)
		cs_run_fatal(c, &err);
}

void
cs_run_stored_rows(struct cs_run *c, struct cs_writer *w)
{
	struct cs_error err;

	cs_writer_close(w, NULL);
	if (cs_stdout_flush(&err) == 0)
		return;
	cs_warn_err(&err);
	cs_warn("the rows were stored: the same command run again prints "
	    "them again");
	cs_run_status(c, CS_EX_IOERR);
}
