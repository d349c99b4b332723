/*
 * Cutting a release: the published files written from the store, the
 * delta against the previous release read back from both directories,
 * the checkpoint of the ledger at the cut, SHA256SUMS and the manifest
 * (last); and the directory made, synced and renamed into place.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/hash.h"
#include "core/hfile.h"
#include "ops/checkpoints.h"
#include "ops/entries.h"
#include "ops/release.h"
#include "ops/reports.h"
#include "rules/lists.h"

static const char *const withdrawn_cols[] = {
	"id", "file", "uscc", "name", "doc_no", "authority", "decided_on",
	"withdrawn_on", "reason"
};
static const char *const ended_cols[] = {
	"id", "file", "uscc", "name", "doc_no", "authority", "decided_on",
	"publicity_until", "rule"
};
static const char *const repairs_cols[] = {
	"id", "uscc", "name", "doc_no", "authority", "decided_on",
	"repaired_on", "publicity_until", "basis"
};

/* The files of a release but its manifest, in the manifest's order. */
static const char *const release_files[] = {
	"checkpoint", "consistency", "delta.ndjson", "ended.csv",
	"inspections.csv", "licences.csv", "lists.csv", "penalties.csv",
	"repairs.csv", "withdrawn.csv", "SHA256SUMS"
};
enum { NFILES = sizeof(release_files) / sizeof(release_files[0]) };

/*
 * A repair of a record granted by cs-repair (its latest application of
 * the record, as of the release's cut).
 */
struct rep {
	char id[65];
	long app;			/* application_id */
	int from;			/* the first day it is repaired */
	int resumed;			/* the day it was revoked, or -1 */
};

/* A release being built. */
struct build {
	const struct cs_release_in *in;
	const char *dir;
	struct cs_writer *wd, *en;	/* withdrawn.csv, ended.csv */
	FILE *wdf, *enf;
	struct cs_buf published;	/* ids, for the event: the members */
	struct cs_buf withdrawn;	/* of its arrays, canonical JSON */
	json_t *counts;
	FILE *deltaf;			/* delta.ndjson, written in file order */
	struct cs_buf *delta;		/* lines of one small file, sorted */
	size_t ndelta, capdelta;
	int stream;			/* delta lines go straight to deltaf */
	struct cs_buf line;		/* such a line */
	long adds, mods, dels;
	struct cs_fields f, g;		/* a row; a row gone (gone()) */
	struct rep *rep;		/* granted repairs of records, by id */
	size_t nrep;
	struct {
		const char *name;
		long rows;
	} known[2];			/* rows of the files written here */
	struct {
		struct cs_hfile h;	/* hashed as written */
		int done;		/* written, synced and closed */
	} files[NFILES];		/* by release_files */
	char path[PATH_MAX];
};

static int gone(struct build *b, const char *file, const char *id,
    struct cs_error *err);
static int hash_file(const char *path, char hex[65], long *bytes,
    long *lines, struct cs_error *err);
static void delta_line(struct build *b, const char *op, const char *file,
    const char *id, const char *why);

/* An id to the members of an array of the event body. */
static void
id_add(struct cs_buf *ids, const char *id)
{
	if (ids->len > 0)
		cs_buf_addc(ids, ',');
	cs_buf_add_json_str(ids, id, strlen(id));
}

static int
ioerr(struct cs_error *err, const char *path, const char *what)
{
	return cs_error_set(err, errno == ENOSPC || errno == EIO ?
	    CS_EX_IOERR : CS_EX_CANTCREAT, NULL, 0, "cannot %s '%s': %s", what,
	    path, strerror(errno));
}

static const char *
in_dir(struct build *b, const char *name)
{
	cs_fmt(b->path, sizeof(b->path), "%s/%s", b->dir, name);
	return b->path;
}

/* The index of name in release_files, or -1. */
static int
file_index(const char *name)
{
	int i;

	for (i = 0; i < NFILES; i++)
		if (strcmp(release_files[i], name) == 0)
			return i;
	return -1;
}

/*
 * Create the file name of the release: a file of release_files is
 * hashed as it is written, for the manifest.
 */
static FILE *
create(struct build *b, const char *name, struct cs_error *err)
{
	int i = file_index(name);
	FILE *fp = i >= 0 ? cs_hfile_create(in_dir(b, name),
	    &b->files[i].h) : fopen(in_dir(b, name), "wx");

	if (fp == NULL)
		ioerr(err, b->path, "create");
	return fp;
}

/* Flush, sync and close fp, the file name of the release. */
static int
finish(struct build *b, FILE *fp, const char *name, struct cs_error *err)
{
	int i = file_index(name), bad;

	if (i >= 0) {
		bad = cs_hfile_close(fp, &b->files[i].h) != 0;
		b->files[i].done = !bad;
	} else {
		bad = fflush(fp) != 0 || fsync(fileno(fp)) != 0;
		if (fclose(fp) != 0)
			bad = 1;
	}
	if (bad)
		return ioerr(err, in_dir(b, name), "write");
	return 0;
}

enum { COL_UNTIL = -2, COL_SEQ = -3 };

/* The column of the record schema behind col, once per file. */
static int
column_of(const char *col)
{
	if (strcmp(col, "publicity_until") == 0)
		return COL_UNTIL;
	if (strcmp(col, "seq") == 0)
		return COL_SEQ;
	return cs_schema_find(&cs_record_schema, col);
}

/* The value of column c (column_of) of a published record row. */
static const char *
value(struct build *b, int c, const struct cs_pubinfo *pi,
    const struct cs_recmeta *m, char until[11], char seq[32])
{
	if (c == COL_UNTIL) {
		if (pi->windowed && pi->last >= 0)
			cs_date_format(pi->last, until);
		else
			cs_fmt(until, 11, "%s", "2099-12-31");
		return until;
	}
	if (c == COL_SEQ) {
		cs_fmt(seq, 32, "%ld", m->seq);
		return seq;
	}
	return c >= 0 ? b->f.v[c] : NULL;
}

static int
rep_cmp(const void *a, const void *b)
{
	const struct rep *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c != 0 ? c : (x->app > y->app) - (x->app < y->app);
}

/*
 * The granted repairs of records, read once: a repairs table is small
 * beside the records, and a lookup per published row would cost more.
 * An application whose last step is after the cut is left out (its
 * state at the cut is not in the table; a release is cut at the head).
 */
static int
load_repairs(struct build *b, struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_rrow r;
	size_t cap = 0;
	int rc;

	if (cs_store_iter_repairs(b->in->st, NULL, NULL, &it, err) != 0)
		return -1;
	while ((rc = cs_store_next_repair(it, &r, err)) == 1) {
		struct rep *p;

		if (strcmp(r.kind, "record") != 0 || r.effective_on[0] ==
		    '\0' || r.seq > b->in->cut)
			continue;
		if (b->nrep == cap) {
			cap = cap ? cap * 2 : 16;
			b->rep = cs_xrealloc(b->rep, cap * sizeof(*b->rep));
		}
		p = &b->rep[b->nrep];
		cs_fmt(p->id, sizeof(p->id), "%s", r.target);
		p->app = r.application_id;
		p->resumed = -1;
		if (cs_date_parse(r.effective_on, strlen(r.effective_on),
		    &p->from) != 0 || (r.revoked_on[0] != '\0' &&
		    cs_date_parse(r.revoked_on, strlen(r.revoked_on),
		    &p->resumed) != 0))
			continue;
		b->nrep++;
	}
	cs_store_iter_free(it);
	if (rc < 0)
		return -1;
	if (b->nrep > 0)
		qsort(b->rep, b->nrep, sizeof(*b->rep), rep_cmp);
	return 0;
}

/* The latest granted repair of record id, or NULL. */
static const struct rep *
rep_of(const struct build *b, const char *id)
{
	size_t lo = 0, hi = b->nrep;
	const struct rep *hit = NULL;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(b->rep[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < b->nrep && strcmp(b->rep[lo].id, id) == 0; lo++)
		hit = &b->rep[lo];
	return hit;
}

/* Tell the publicity of record id (in pr) its repair, if any. */
static const struct rep *
with_repair(const struct build *b, const char *id, struct cs_pubrec *pr)
{
	const struct rep *p = rep_of(b, id);

	if (p != NULL) {
		pr->repaired = 1;
		pr->repaired_from = p->from;
		pr->resumed_on = p->resumed;
	}
	return p;
}

/*
 * repairs.csv: the records whose publicity a repair ended and that are
 * repaired on as_of (a revoked repair is not), by id; repaired_on is
 * the grant day, the last day of publicity.
 */
static int
write_repairs(struct build *b, struct cs_error *err)
{
	FILE *fp = create(b, "repairs.csv", err);
	struct cs_writer *w;
	struct cs_recinfo ri;
	const char *v[9];
	char on[11], basis[48];
	size_t i;
	int r;

	if (fp == NULL)
		return -1;
	w = cs_writer_new(fp, CS_FMT_CSV, 9, repairs_cols);
	cs_writer_begin(w);
	for (i = 0; i < b->nrep; i++) {
		const struct rep *p = &b->rep[i];

		if (i + 1 < b->nrep && strcmp(p->id, p[1].id) == 0)
			continue;	/* an older application */
		if (b->in->as_of < p->from || (p->resumed >= 0 &&
		    b->in->as_of >= p->resumed))
			continue;
		r = cs_store_record_info(b->in->st, p->id, &ri, err);
		if (r < 0 || (r == 1 && cs_store_record_version(b->in->st,
		    ri.seq, &b->g, err) != 0)) {
			cs_writer_close(w, NULL);
			fclose(fp);
			return -1;
		}
		if (r == 0)
			continue;
		cs_date_format(p->from - 1, on);
		cs_fmt(basis, sizeof(basis), "repair application %ld",
		    p->app);
		v[0] = p->id;
		v[1] = b->g.v[R_USCC];
		v[2] = b->g.v[R_NAME];
		v[3] = b->g.v[R_DOC_NO];
		v[4] = b->g.v[R_AUTHORITY];
		v[5] = b->g.v[R_DECIDED_ON];
		v[6] = on;
		v[7] = on;
		v[8] = basis;
		cs_writer_row(w, v, NULL);
	}
	if (cs_writer_close(w, err) != 0) {
		fclose(fp);
		return -1;
	}
	return finish(b, fp, "repairs.csv", err);
}

/*
 * The key (the first keycols values, '/' between them) and the SHA-256
 * of a row of n values (each followed by 0x1f): what the delta compares.
 * A NULL value is empty.
 */
static void
row_digest(char *const *val, const size_t *len, size_t n, int keycols,
    struct cs_buf *key, struct cs_buf *all, unsigned char h[32])
{
	size_t i, l;

	cs_buf_reset(key);
	cs_buf_reset(all);
	for (i = 0; i < n; i++) {
		l = val[i] == NULL ? 0 : len != NULL ? len[i] : strlen(val[i]);
		if (i < (size_t)keycols) {
			if (i > 0)
				cs_buf_addc(key, '/');
			cs_buf_add(key, val[i], l);
		}
		cs_buf_add(all, val[i], l);
		cs_buf_addc(all, '\x1f');
	}
	cs_buf_addc(key, '\0');
	cs_sha256(all->s, all->len, h);
}

/*
 * The previous release's rows of a file, read in step with the new ones:
 * both are sorted by key, so the delta is one merge and nothing of the
 * previous release is held in memory.
 */
struct oldrows {
	struct cs_reader *r;
	const char *path;
	int more;			/* a row is in key and h */
	struct cs_buf key, last, all;
	unsigned char h[32];
};

static int
old_next(struct oldrows *o, struct cs_error *err)
{
	struct cs_row *row;
	int rc;

	o->more = 0;
	if (o->r == NULL)
		return 0;
	cs_buf_reset(&o->last);
	if (o->key.len > 0)
		cs_buf_add(&o->last, o->key.s, o->key.len);
	rc = cs_reader_next(o->r, &row, err);
	if (rc <= 0)
		return rc;
	row_digest(row->val, row->len, row->n, 1, &o->key, &o->all, o->h);
	if (o->last.len > 0 && strcmp(o->last.s, o->key.s) >= 0)
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "%s: row '%s' "
		    "is not after '%s': the rows of a release are sorted by "
		    "id", o->path, o->key.s, o->last.s);
	o->more = 1;
	return 1;
}

static int
old_open(struct build *b, const char *name, struct oldrows *o,
    struct cs_error *err)
{
	struct cs_read_opts ro = { .format = CS_FMT_CSV };
	char path[PATH_MAX];

	memset(o, 0, sizeof(*o));
	cs_buf_init(&o->key);
	cs_buf_init(&o->last);
	cs_buf_init(&o->all);
	if (b->in->prev == NULL)
		return 0;
	cs_fmt(path, sizeof(path), "%s/%s", b->in->prev_dir, name);
	if (access(path, F_OK) != 0)
		return 0;
	if (cs_reader_open(&o->r, path, &ro, err) != 0)
		return -1;
	o->path = cs_reader_name(o->r);
	return old_next(o, err) < 0 ? -1 : 0;
}

static void
old_close(struct oldrows *o)
{
	if (o->r != NULL)
		cs_reader_close(o->r);
	cs_buf_release(&o->key);
	cs_buf_release(&o->last);
	cs_buf_release(&o->all);
}

/* The rows of the previous release before key (all: NULL) are gone. */
static int
old_until(struct build *b, struct oldrows *o, const char *file,
    const char *key, struct cs_error *err)
{
	while (o->more && (key == NULL || strcmp(o->key.s, key) < 0))
		if (gone(b, file, o->key.s, err) != 0 || old_next(o, err) < 0)
			return -1;
	return 0;
}

/* The new row key of hash h against the previous release's. */
static int
old_match(struct build *b, struct oldrows *o, const char *file,
    const char *key, const unsigned char h[32], struct cs_error *err)
{
	if (old_until(b, o, file, key, err) != 0)
		return -1;
	if (!o->more || strcmp(o->key.s, key) != 0) {
		delta_line(b, "ADD", file, key, "new in this release");
		return 0;
	}
	if (memcmp(o->h, h, 32) != 0)
		delta_line(b, "MOD", file, key, "the row changed");
	return old_next(o, err) < 0 ? -1 : 0;
}

/*
 * The ids published before, read in step with the records (both by id):
 * one merge instead of a look-up per row.
 */
struct pubscan {
	struct cs_store_iter *it;
	const char *id;			/* the current one, when more */
	int more;
};

/* Was id published before?  1 or 0, -1 with err. */
static int
pub_before(struct pubscan *p, const char *id, struct cs_error *err)
{
	while (p->more == 1 && strcmp(p->id, id) < 0)
		p->more = cs_store_next_published(p->it, &p->id, err);
	if (p->more < 0)
		return -1;
	return p->more == 1 && strcmp(p->id, id) == 0;
}

/*
 * licences.csv or penalties.csv: the records of type published on as_of,
 * by id, and their delta against the previous release, merged in step.
 */
static int
write_records(struct build *b, const struct cs_pubfile *pf, const char *type,
    struct cs_error *err)
{
	const struct cs_release_in *in = b->in;
	const char *types[1] = { type };
	struct cs_record_filter flt = { .types = types, .ntypes = 1,
	    .by_id = 1 };
	const char **names = cs_xcalloc(pf->n, sizeof(char *));
	char **v = cs_xcalloc(pf->n, sizeof(char *));
	int *col = cs_xcalloc(pf->n, sizeof(int));
	char *mask = cs_xcalloc(pf->n, 1);
	char (*mbuf)[64] = cs_xcalloc(pf->n, sizeof(*mbuf));
	struct cs_store_iter *it = NULL;
	struct pubscan ps = { 0 };
	struct cs_writer *w;
	struct cs_pubinfo pi;
	struct cs_pubrec pr;
	struct cs_recmeta m;
	struct oldrows o;
	struct cs_buf key, all;
	unsigned char h[32];
	char until[11], seq[32];
	long rows = 0;
	size_t i;
	FILE *fp;
	int r = -1;

	cs_buf_init(&key);
	cs_buf_init(&all);
	if (old_open(b, pf->name, &o, err) != 0)
		goto out;
	fp = create(b, pf->name, err);
	if (fp == NULL)
		goto out;
	for (i = 0; i < pf->n; i++) {
		names[i] = cs_pubfile_header(pf, i, in->style);
		col[i] = column_of(pf->col[i]);
		mask[i] = cs_mask_column(&in->ru->mask, pf->col[i]) != 0;
	}
	w = cs_writer_new(fp, CS_FMT_CSV, pf->n, names);
	cs_writer_begin(w);
	if (cs_store_iter_records(in->st, &flt, &it, err) != 0 ||
	    cs_store_iter_published(in->st, &ps.it, err) != 0 ||
	    (ps.more = cs_store_next_published(ps.it, &ps.id, err)) < 0) {
		cs_store_iter_free(it);
		cs_writer_close(w, NULL);
		fclose(fp);
		goto out;
	}
	b->stream = 1;
	while ((r = cs_store_next_record(it, &b->f, &m, err)) == 1) {
		if (m.rid > in->cut || m.seq > in->cut)
			continue;
		cs_pubrec_of_fields(&pr, &b->f, m.revoked);
		with_repair(b, b->f.v[R_ID], &pr);
		cs_publicity_judge(&in->ru->pub, &pr, in->as_of, &pi);
		if (!pi.published)
			continue;
		for (i = 0; i < pf->n; i++) {
			v[i] = (char *)value(b, col[i], &pi, &m, until, seq);
			if (v[i] != NULL && mask[i] && strlen(v[i]) <
			    sizeof(mbuf[i]))
				v[i] = (char *)cs_mask_id(&in->ru->mask, v[i],
				    strlen(v[i]), mbuf[i]);
		}
		cs_writer_row(w, (const char **)v, NULL);
		rows++;
		if (o.r != NULL) {
			row_digest(v, NULL, pf->n, 1, &key, &all, h);
		} else {
			/* Nothing to compare with: only the key is needed. */
			cs_buf_reset(&key);
			if (v[0] != NULL)
				cs_buf_adds(&key, v[0]);
		}
		r = old_match(b, &o, pf->name, key.s, h, err);
		if (r == 0)
			r = pub_before(&ps, b->f.v[R_ID], err);
		if (r < 0)
			break;
		if (r == 0)
			id_add(&b->published, b->f.v[R_ID]);
	}
	if (r == 0)
		r = old_until(b, &o, pf->name, NULL, err);
	b->stream = 0;
	cs_store_iter_free(it);
	cs_store_iter_free(ps.it);
	ps.it = NULL;
	if (cs_writer_close(w, r == 0 ? err : NULL) != 0)
		r = -1;
	if (r < 0) {
		fclose(fp);
		goto out;
	}
	b->known[strcmp(type, "license") == 0 ? 0 : 1].name = pf->name;
	b->known[strcmp(type, "license") == 0 ? 0 : 1].rows = rows;
	r = finish(b, fp, pf->name, err);
out:
	cs_store_iter_free(ps.it);
	old_close(&o);
	cs_buf_release(&key);
	cs_buf_release(&all);
	free(names);
	free(v);
	free(col);
	free(mask);
	free(mbuf);
	return r < 0 ? -1 : 0;
}

static int
write_lists(struct build *b, struct cs_error *err)
{
	struct cs_entries_query q = { 0 };
	struct cs_lists *ls = NULL;
	struct cs_writer *w;
	char day[11];
	FILE *fp;
	int r;

	if (cs_lists_load(&ls, b->in->ru, err) != 0)
		return -1;
	fp = create(b, "lists.csv", err);
	if (fp == NULL) {
		cs_lists_free(ls);
		return -1;
	}
	cs_date_format(b->in->as_of, day);
	q.state = "listed";
	q.as_of = day;
	q.lists = ls;
	w = cs_writer_new(fp, CS_FMT_CSV, CS_LENTRY_NCOLS, cs_lentry_cols);
	r = cs_entries_list(b->in->st, &q, w, err);
	if (cs_writer_close(w, r == 0 ? err : NULL) != 0)
		r = -1;
	cs_lists_free(ls);
	if (r != 0) {
		fclose(fp);
		return -1;
	}
	return finish(b, fp, "lists.csv", err);
}

static int
write_inspections(struct build *b, struct cs_error *err)
{
	struct cs_writer *w;
	long open, invalid;
	int found, r;
	FILE *fp;

	fp = create(b, "inspections.csv", err);
	if (fp == NULL)
		return -1;
	w = cs_writer_new(fp, CS_FMT_CSV, CS_TARGET_NCOLS, cs_target_cols);
	cs_writer_begin(w);
	r = cs_targets_list(b->in->st, NULL, 0, w, &open, &invalid, &found,
	    err);
	if (cs_writer_close(w, r == 0 ? err : NULL) != 0)
		r = -1;
	if (r != 0) {
		fclose(fp);
		return -1;
	}
	return finish(b, fp, "inspections.csv", err);
}

/* The rows of a CSV file of a release: key -> hash of the row. */
struct rowset {
	struct cs_strmap ix;		/* key -> index */
	char **keys;
	unsigned char (*h)[32];
	char *seen;
	size_t n, cap;
};

static void
rowset_release(struct rowset *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->keys[i]);
	free(s->keys);
	free(s->h);
	free(s->seen);
	cs_strmap_release(&s->ix);
}

/*
 * Read path (a CSV file of a release) row by row: fn(ctx, key, hash) for
 * each.  A missing file is empty when may_lack.  0, or -1 with err.
 */
static int
each_row(const char *path, int keycols, int may_lack,
    int (*fn)(void *ctx, const char *key, const unsigned char h[32],
    struct cs_error *err), void *ctx, struct cs_error *err)
{
	struct cs_read_opts o = { .format = CS_FMT_CSV };
	struct cs_reader *r;
	struct cs_row *row;
	struct cs_buf key, all;
	unsigned char h[32];
	int rc;

	if (may_lack && access(path, F_OK) != 0)
		return 0;
	if (cs_reader_open(&r, path, &o, err) != 0)
		return -1;
	cs_buf_init(&key);
	cs_buf_init(&all);
	while ((rc = cs_reader_next(r, &row, err)) == 1) {
		row_digest(row->val, row->len, row->n, keycols, &key, &all, h);
		if (fn(ctx, key.s, h, err) != 0) {
			rc = -1;
			break;
		}
	}
	cs_buf_release(&key);
	cs_buf_release(&all);
	cs_reader_close(r);
	return rc < 0 ? -1 : 0;
}

static int
old_row(void *ctx, const char *key, const unsigned char h[32],
    struct cs_error *err)
{
	struct rowset *s = ctx;
	int added;

	(void)err;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->keys = cs_xreallocarray(s->keys, s->cap, sizeof(char *));
		s->h = cs_xreallocarray(s->h, s->cap, 32);
		s->seen = cs_xrealloc(s->seen, s->cap);
	}
	*cs_strmap_put(&s->ix, key, &added) = (long)s->n;
	s->keys[s->n] = cs_xstrdup(key);
	memcpy(s->h[s->n], h, 32);
	s->seen[s->n] = 0;
	s->n++;
	return 0;
}

/* One line of the delta: {"file","id","op","why"} (canonical order). */
static void
delta_line(struct build *b, const char *op, const char *file,
    const char *id, const char *why)
{
	struct cs_buf *l;

	if (b->stream) {
		l = &b->line;
		cs_buf_reset(l);
	} else {
		if (b->ndelta == b->capdelta) {
			b->capdelta = b->capdelta ? 2 * b->capdelta : 256;
			b->delta = cs_xreallocarray(b->delta, b->capdelta,
			    sizeof(*b->delta));
		}
		l = &b->delta[b->ndelta++];
		cs_buf_init(l);
	}
	cs_buf_adds(l, "{\"file\":");
	cs_buf_add_json_str(l, file, strlen(file));
	cs_buf_adds(l, ",\"id\":");
	cs_buf_add_json_str(l, id, strlen(id));
	cs_buf_adds(l, ",\"op\":\"");
	cs_buf_adds(l, op);
	cs_buf_adds(l, "\",\"why\":");
	cs_buf_add_json_str(l, why, strlen(why));
	cs_buf_adds(l, "}\n");
	if (b->stream)
		fwrite(l->s, 1, l->len, b->deltaf);
	if (*op == 'A')
		b->adds++;
	else if (*op == 'M')
		b->mods++;
	else
		b->dels++;
}

struct newrows {
	struct build *b;
	struct rowset *old;
	const char *file;
};

static int
new_row(void *ctx, const char *key, const unsigned char h[32],
    struct cs_error *err)
{
	struct newrows *x = ctx;
	long *i = cs_strmap_get(&x->old->ix, key);

	(void)err;
	if (i == NULL) {
		delta_line(x->b, "ADD", x->file, key, "new in this release");
		return 0;
	}
	x->old->seen[*i] = 1;
	if (memcmp(x->old->h[*i], h, 32) != 0)
		delta_line(x->b, "MOD", x->file, key, "the row changed");
	return 0;
}

/* The day and reason record id was revoked, from its history. */
static int
revocation(struct build *b, const char *id, char day[11], char *why,
    size_t n, struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_event ev;
	json_t *j;
	int r;

	cs_date_format(b->in->as_of, day);
	cs_fmt(why, n, "%s", "revoked");
	if (cs_store_iter_history(b->in->st, id, &it, err) != 0)
		return -1;
	while ((r = cs_store_next_event(it, &ev, err)) == 1) {
		if (ev.seq > b->in->cut)
			break;
		j = json_loads(ev.body, 0, NULL);
		if (j != NULL && json_is_true(json_object_get(j, "revoke"))) {
			if (json_is_string(json_object_get(j, "resolved_on")))
				cs_fmt(day, 11, "%s", json_string_value(
				    json_object_get(j, "resolved_on")));
			if (json_is_string(json_object_get(j, "reason")))
				cs_fmt(why, n, "revoked: %s", json_string_value(
				    json_object_get(j, "reason")));
		}
		json_decref(j);
	}
	cs_store_iter_free(it);
	return r < 0 ? -1 : 0;
}

/*
 * A row of the previous release that this one no longer carries: why,
 * and for a record in withdrawn.csv or ended.csv.
 */
static int
gone(struct build *b, const char *file, const char *id, struct cs_error *err)
{
	const char *v[9];
	const struct rep *rp;
	struct cs_recinfo ri;
	struct cs_pubinfo pi;
	struct cs_pubrec pr;
	char day[11], until[11], why[600], rule[160];
	int r, records = strcmp(file, "licences.csv") == 0 ||
	    strcmp(file, "penalties.csv") == 0;

	if (!records) {
		delta_line(b, "DEL", file, id, "no longer in force");
		return 0;
	}
	r = cs_store_record_info(b->in->st, id, &ri, err);
	if (r < 0)
		return -1;
	if (r == 0 || cs_store_record_version(b->in->st, ri.seq, &b->g,
	    err) != 0) {
		delta_line(b, "DEL", file, id, "no longer in the store");
		return r == 0 ? 0 : -1;
	}
	cs_pubrec_of_fields(&pr, &b->g, ri.revoked);
	rp = with_repair(b, id, &pr);
	cs_publicity_judge(&b->in->ru->pub, &pr, b->in->as_of, &pi);
	v[0] = id;
	v[1] = file;
	v[2] = b->g.v[R_USCC];
	v[3] = b->g.v[R_NAME];
	v[4] = b->g.v[R_DOC_NO];
	v[5] = b->g.v[R_AUTHORITY];
	v[6] = b->g.v[R_DECIDED_ON];
	if (pi.state == CS_PUB_REPAIRED) {
		/* A repair ended the window: its last day, the grant's. */
		cs_date_format(pi.repaired_on, until);
		cs_fmt(rule, sizeof(rule), "credit repair granted on %s "
		    "(repair application %ld)", until, rp->app);
		v[7] = until;
		v[8] = rule;
		cs_writer_row(b->en, v, NULL);
		cs_fmt(why, sizeof(why), "ended: %s", rule);
	} else if (pi.state == CS_PUB_ENDED) {
		cs_date_format(pi.last, until);
		if (pi.regime != NULL && pi.max_text[0] != '\0')
			cs_fmt(rule, sizeof(rule), "maximum %s of regime %s",
			    pi.max_text, pi.regime != NULL ? pi.regime : "");
		else
			cs_fmt(rule, sizeof(rule), "%s", "in force through valid_until");
		v[7] = until;
		v[8] = rule;
		cs_writer_row(b->en, v, NULL);
		cs_fmt(why, sizeof(why), "ended: %s", rule);
	} else {
		if (ri.revoked) {
			if (revocation(b, id, day, why, sizeof(why), err) != 0)
				return -1;
		} else {
			cs_date_format(b->in->as_of, day);
			cs_fmt(why, sizeof(why), "%s", pi.why);
		}
		v[7] = day;
		v[8] = why;
		cs_writer_row(b->wd, v, NULL);
		id_add(&b->withdrawn, id);
		memmove(why + 11, why, strlen(why) + 1 > sizeof(why) - 11 ?
		    sizeof(why) - 12 : strlen(why) + 1);
		memcpy(why, "withdrawn: ", 11);
		why[sizeof(why) - 1] = '\0';
	}
	delta_line(b, "DEL", file, id, why);
	return 0;
}

/* The delta of one file against the previous release. */
static int
delta_file(struct build *b, const char *name, int keycols,
    struct cs_error *err)
{
	struct rowset old = { 0 };
	struct newrows x = { b, &old, name };
	char prev[PATH_MAX], cur[PATH_MAX];
	size_t i;
	int rc = -1;

	cs_strmap_init(&old.ix);
	cs_fmt(cur, sizeof(cur), "%s/%s", b->dir, name);
	if (b->in->prev != NULL) {
		cs_fmt(prev, sizeof(prev), "%s/%s", b->in->prev_dir, name);
		if (each_row(prev, keycols, 1, old_row, &old, err) != 0)
			goto out;
	}
	if (each_row(cur, keycols, 0, new_row, &x, err) != 0)
		goto out;
	for (i = 0; i < old.n; i++)
		if (!old.seen[i] && gone(b, name, old.keys[i], err) != 0)
			goto out;
	rc = 0;
out:
	rowset_release(&old);
	return rc;
}

static int
delta_cmp(const void *a, const void *b)
{
	const struct cs_buf *x = a, *y = b;

	return strcmp(x->s, y->s);
}

/*
 * The lines of a small file's delta to delta.ndjson, sorted: they start
 * {"file":...,"id":..., so they are by id.
 */
static void
flush_delta(struct build *b)
{
	size_t i;

	for (i = 0; i < b->ndelta; i++)
		cs_buf_addc(&b->delta[i], '\0');
	qsort(b->delta, b->ndelta, sizeof(*b->delta), delta_cmp);
	for (i = 0; i < b->ndelta; i++) {
		fputs(b->delta[i].s, b->deltaf);
		cs_buf_release(&b->delta[i]);
	}
	b->ndelta = 0;
}

/* A file of the release other than the records files, and its delta. */
static int
small_file(struct build *b, const char *name, int keycols,
    int (*write)(struct build *b, struct cs_error *err), struct cs_error *err)
{
	if (write(b, err) != 0 || delta_file(b, name, keycols, err) != 0)
		return -1;
	flush_delta(b);
	return 0;
}

/* The data rows of the CSV file path. */
static int
csv_rows(const char *path, long *rows, struct cs_error *err)
{
	struct cs_read_opts o = { .format = CS_FMT_CSV };
	struct cs_reader *r;
	struct cs_row *row;
	int rc;

	*rows = 0;
	if (cs_reader_open(&r, path, &o, err) != 0)
		return -1;
	while ((rc = cs_reader_next(r, &row, err)) == 1)
		(*rows)++;
	cs_reader_close(r);
	return rc < 0 ? -1 : 0;
}

/* The rows of a records file written here, or -1. */
static long
known_rows(const struct build *b, const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(b->known) / sizeof(b->known[0]); i++)
		if (b->known[i].name != NULL && strcmp(b->known[i].name,
		    name) == 0)
			return b->known[i].rows;
	return -1;
}

/*
 * The SHA-256 and size of the file path, and its rows: those of a file
 * written here were hashed and counted as it was written.
 */
static int
file_facts(const struct build *b, const char *path, const char *name,
    char hex[65], long *bytes, long *rows, struct cs_error *err)
{
	int i = file_index(name);
	size_t len = strlen(name);
	long known = known_rows(b, name);

	if (i < 0 || !b->files[i].done)
		return cs_release_file_facts(path, hex, bytes, rows, err);
	cs_hex(b->files[i].h.sha256, 32, hex);
	*bytes = b->files[i].h.bytes;
	*rows = -1;
	if (known >= 0)
		*rows = known;
	else if (len > 7 && strcmp(name + len - 7, ".ndjson") == 0)
		*rows = b->files[i].h.lines;
	else if (len > 4 && strcmp(name + len - 4, ".csv") == 0)
		return csv_rows(path, rows, err);
	return 0;
}

int
cs_release_file_facts(const char *path, char hex[65], long *bytes, long *rows,
    struct cs_error *err)
{
	size_t len = strlen(path);
	long lines = 0;

	if (hash_file(path, hex, bytes, &lines, err) != 0)
		return -1;
	*rows = -1;
	if (len > 7 && strcmp(path + len - 7, ".ndjson") == 0)
		*rows = lines;
	else if (len > 4 && strcmp(path + len - 4, ".csv") == 0)
		return csv_rows(path, rows, err);
	return 0;
}

/* The SHA-256 (hex), bytes and, when lines, the lines of the file path. */
static int
hash_file(const char *path, char hex[65], long *bytes, long *lines,
    struct cs_error *err)
{
	struct cs_sha256_ctx *c;
	unsigned char buf[65536], h[32];
	size_t n;
	FILE *fp = fopen(path, "rb");
	int i;

	if (fp == NULL)
		return cs_error_set(err, CS_EX_NOINPUT, NULL, 0, "cannot open "
		    "'%s': %s", path, strerror(errno));
	c = cs_sha256_new();
	*bytes = 0;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		cs_sha256_update(c, buf, n);
		*bytes += (long)n;
		if (lines != NULL)
			for (size_t k = 0; k < n; k++)
				*lines += buf[k] == '\n';
	}
	fclose(fp);
	cs_sha256_final(c, h);
	for (i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", h[i]);
	return 0;
}

/* The SHA-256 of a rules file, into o under name; "" when absent. */
static void
rule_hash(json_t *o, const char *dir, const char *name)
{
	char path[PATH_MAX], hex[65];
	struct cs_error e;
	long bytes, rows;

	cs_fmt(path, sizeof(path), "%s/%s", dir, name);
	if (cs_release_file_facts(path, hex, &bytes, &rows, &e) == 0)
		json_object_set_new(o, name, json_string(hex));
}


/* The checkpoint at the cut, and the proof that the previous one is its
 * start. */
static int
write_checkpoint(struct build *b, json_t *ledger, struct cs_error *err)
{
	const struct cs_release_in *in = b->in;
	struct cs_checkpoint cp, pcp;
	unsigned char root[32], head[32];
	struct cs_buf cb, pb;
	char hex[65], msg[768], path[PATH_MAX];
	size_t used;
	FILE *fp = NULL;
	int i, r = -1;

	memset(&cp, 0, sizeof(cp));
	memset(&pcp, 0, sizeof(pcp));
	cs_buf_init(&cb);
	cs_buf_init(&pb);
	if (cs_store_subtree(in->st, 0, in->cut, root, err) != 0 ||
	    cs_store_event_hash(in->st, in->cut, head, err) < 0 ||
	    cs_checkpoint_sign(in->origin, in->cut, root, in->key, &cb,
	    err) != 0)
		goto out;
	for (i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", head[i]);
	json_object_set_new(ledger, "origin", json_string(in->origin));
	json_object_set_new(ledger, "seq", json_integer(in->cut));
	json_object_set_new(ledger, "head", json_string(hex));
	fp = create(b, "checkpoint", err);
	if (fp == NULL)
		goto out;
	fwrite(cb.s, 1, cb.len, fp);
	if (finish(b, fp, "checkpoint", err) != 0)
		goto out;
	if (in->prev != NULL) {
		cs_fmt(path, sizeof(path), "%s/checkpoint", in->prev_dir);
		if (cs_checkpoint_load(path, &pcp, err) != 0 ||
		    cs_checkpoint_parse(&cp, cb.s, cb.len, "checkpoint", 1,
		    &used, err) != 0)
			goto out;
		r = cs_prove(in->st, 0, &pcp, &cp, &pb, msg, sizeof(msg), err);
		if (r > 0)
			cs_error_set(err, CS_EX_DATAERR, NULL, 0, "%s: %s", path,
			    msg);
		if (r != 0) {
			r = -1;
			goto out;
		}
		fp = create(b, "consistency", err);
		if (fp == NULL)
			goto out;
		fwrite(pb.s, 1, pb.len, fp);
		if (finish(b, fp, "consistency", err) != 0)
			goto out;
	}
	r = 0;
out:
	cs_checkpoint_release(&cp);
	cs_checkpoint_release(&pcp);
	cs_buf_release(&cb);
	cs_buf_release(&pb);
	return r;
}

/* SHA256SUMS, the manifest (last) and the body of the release event. */
static int
write_manifest(struct build *b, json_t *ledger, struct cs_release_out *out,
    struct cs_error *err)
{
	const struct cs_release_in *in = b->in;
	json_t *m = json_object(), *files = json_object(), *rules, *f, *prev;
	struct cs_buf sums, mb, kb;
	char hex[65], day[11];
	long bytes, rows;
	size_t i;
	FILE *fp;
	int r = -1;

	cs_buf_init(&sums);
	cs_buf_init(&mb);
	cs_buf_init(&kb);
	cs_date_format(in->as_of, day);
	for (i = 0; i < NFILES; i++) {
		if (strcmp(release_files[i], "SHA256SUMS") == 0) {
			fp = create(b, "SHA256SUMS", err);
			if (fp == NULL)
				goto out;
			fwrite(sums.s, 1, sums.len, fp);
			if (finish(b, fp, "SHA256SUMS", err) != 0)
				goto out;
		}
		if (access(in_dir(b, release_files[i]), F_OK) != 0)
			continue;
		if (file_facts(b, in_dir(b, release_files[i]), release_files[i],
		    hex, &bytes, &rows, err) != 0)
			goto out;
		f = json_object();
		json_object_set_new(f, "sha256", json_string(hex));
		json_object_set_new(f, "bytes", json_integer(bytes));
		if (rows >= 0) {
			json_object_set_new(f, "rows", json_integer(rows));
			out->rows += strcmp(release_files[i], "delta.ndjson") ?
			    rows : 0;
		}
		json_object_set_new(files, release_files[i], f);
		if (strcmp(release_files[i], "SHA256SUMS") != 0)
			cs_buf_addf(&sums, "%s  %s\n", hex, release_files[i]);
	}
	json_object_set_new(m, "format", json_string("cs-release/1"));
	json_object_set_new(m, "release_id", json_string(day));
	json_object_set_new(m, "as_of", json_string(day));
	prev = json_null();
	if (in->prev != NULL) {
		prev = json_object();
		json_object_set_new(prev, "release_id",
		    json_string(in->prev->release_id));
		json_object_set_new(prev, "manifest_sha256",
		    json_string(in->prev->manifest_sha256));
	}
	json_object_set_new(m, "previous", prev);
	json_object_set_new(m, "files", files);
	json_object_set_new(b->counts, "delta_add", json_integer(b->adds));
	json_object_set_new(b->counts, "delta_mod", json_integer(b->mods));
	json_object_set_new(b->counts, "delta_del", json_integer(b->dels));
	json_object_set(m, "counts", b->counts);
	json_object_set(m, "ledger", ledger);
	rules = json_object();
	rule_hash(rules, in->ru->dir, "publicity.json");
	rule_hash(rules, in->ru->dir, "masking.json");
	rule_hash(rules, in->ru->dir, "publish.json");
	rule_hash(rules, in->ru->dir, "lists.json");
	rule_hash(rules, in->ru->dir, "calendar/cn.csv");
	json_object_set_new(m, "rules", rules);
	json_object_set_new(m, "headers", json_string(in->style == CS_HDR_CN ?
	    "cn" : in->style == CS_HDR_CODES ? "codes" : "canonical"));
	cs_key_format(in->key, 0, &kb);
	while (kb.len > 0 && kb.s[kb.len - 1] == '\n')
		kb.len--;
	cs_buf_addc(&kb, '\0');
	json_object_set_new(m, "checkpoint_key", json_string(kb.s));
	if (cs_canon_json(m, &mb) != 0) {
		cs_error_set(err, CS_EX_SOFTWARE, NULL, 0, "cannot write the "
		    "manifest");
		goto out;
	}
	cs_buf_addc(&mb, '\n');
	fp = create(b, "manifest.json", err);
	if (fp == NULL)
		goto out;
	fwrite(mb.s, 1, mb.len, fp);
	if (finish(b, fp, "manifest.json", err) != 0)
		goto out;
	cs_sha256_hex(mb.s, mb.len, out->manifest_sha256);
	r = 0;
out:
	json_decref(m);
	cs_buf_release(&sums);
	cs_buf_release(&mb);
	cs_buf_release(&kb);
	return r;
}

/*
 * The body of the release event, its canonical JSON written out (keys
 * sorted, as cs_canon_json): the ids of published, which may be many,
 * are not copied but moved up in their buffer behind the members before
 * them, and the buffer becomes the body.
 */
static void
event_body(struct build *b, struct cs_release_out *out)
{
	struct cs_buf head, *eb = &b->published;
	const struct cs_release *prev = b->in->prev;
	size_t n = eb->len;
	char day[11];

	cs_date_format(b->in->as_of, day);
	cs_buf_init(&head);
	cs_buf_addf(&head, "{\"as_of\":\"%s\",\"cut_seq\":%ld,"
	    "\"manifest_sha256\":", day, b->in->cut);
	cs_buf_add_json_str(&head, out->manifest_sha256,
	    strlen(out->manifest_sha256));
	cs_buf_adds(&head, ",\"previous\":");
	if (prev != NULL)
		cs_buf_add_json_str(&head, prev->release_id,
		    strlen(prev->release_id));
	else
		cs_buf_adds(&head, "null");
	cs_buf_adds(&head, ",\"published\":[");
	cs_buf_grow(eb, head.len);
	memmove(eb->s + head.len, eb->s, n);
	memcpy(eb->s, head.s, head.len);
	eb->len = head.len + n;
	cs_buf_addf(eb, "],\"release_id\":\"%s\",\"withdrawn\":[", day);
	cs_buf_add(eb, b->withdrawn.s, b->withdrawn.len);
	cs_buf_adds(eb, "]}");
	out->blen = eb->len;
	cs_buf_addc(eb, '\0');
	out->body = cs_buf_detach(eb);
	cs_buf_release(&head);
}

static void
count(struct build *b, const char *key, const char *file)
{
	long rows = known_rows(b, file);
	struct cs_error e;

	if (rows < 0 && csv_rows(in_dir(b, file), &rows, &e) != 0)
		rows = 0;
	json_object_set_new(b->counts, key, json_integer(rows));
}

int
cs_release_build(const struct cs_release_in *in, const char *dir,
    struct cs_release_out *out, struct cs_error *err)
{
	struct build b = { .in = in, .dir = dir };
	json_t *ledger = json_object();
	size_t i;
	int r = -1;

	memset(out, 0, sizeof(*out));
	cs_fields_init(&b.f, &cs_record_schema);
	cs_fields_init(&b.g, &cs_record_schema);
	cs_buf_init(&b.published);
	cs_buf_init(&b.withdrawn);
	cs_buf_init(&b.line);
	b.counts = json_object();
	if (load_repairs(&b, err) != 0)
		goto out;
	b.wdf = create(&b, "withdrawn.csv", err);
	if (b.wdf == NULL)
		goto out;
	b.enf = create(&b, "ended.csv", err);
	if (b.enf == NULL)
		goto out;
	b.deltaf = create(&b, "delta.ndjson", err);
	if (b.deltaf == NULL)
		goto out;
	b.wd = cs_writer_new(b.wdf, CS_FMT_CSV, 9, withdrawn_cols);
	b.en = cs_writer_new(b.enf, CS_FMT_CSV, 9, ended_cols);
	cs_writer_begin(b.wd);
	cs_writer_begin(b.en);
	/* In the order of the delta: by file name, each file by id. */
	if (small_file(&b, "inspections.csv", 2, write_inspections, err) !=
	    0 || write_records(&b, &in->dc->licences, "license", err) != 0 ||
	    small_file(&b, "lists.csv", 1, write_lists, err) != 0 ||
	    write_records(&b, &in->dc->penalties, "penalty", err) != 0 ||
	    small_file(&b, "repairs.csv", 1, write_repairs, err) != 0)
		goto out;
	r = finish(&b, b.deltaf, "delta.ndjson", err);
	b.deltaf = NULL;
	if (r != 0) {
		r = -1;
		goto out;
	}
	r = -1;
	if (cs_writer_close(b.wd, err) != 0 || cs_writer_close(b.en, err) !=
	    0) {
		b.wd = b.en = NULL;
		goto out;
	}
	b.wd = b.en = NULL;
	r = finish(&b, b.wdf, "withdrawn.csv", err);
	b.wdf = NULL;
	if (r == 0)
		r = finish(&b, b.enf, "ended.csv", err);
	b.enf = NULL;
	if (r != 0) {
		r = -1;
		goto out;
	}
	count(&b, "licences", "licences.csv");
	count(&b, "penalties", "penalties.csv");
	count(&b, "lists", "lists.csv");
	count(&b, "repairs", "repairs.csv");
	count(&b, "inspections", "inspections.csv");
	count(&b, "withdrawn", "withdrawn.csv");
	count(&b, "ended", "ended.csv");
	r = -1;
	if (write_checkpoint(&b, ledger, err) != 0 ||
	    write_manifest(&b, ledger, out, err) != 0)
		goto out;
	out->adds = b.adds;
	out->mods = b.mods;
	out->dels = b.dels;
	event_body(&b, out);
	r = 0;
out:
	cs_writer_close(b.wd, NULL);
	cs_writer_close(b.en, NULL);
	if (b.wdf != NULL)
		fclose(b.wdf);
	if (b.enf != NULL)
		fclose(b.enf);
	if (b.deltaf != NULL)
		fclose(b.deltaf);
	for (i = 0; i < b.ndelta; i++)
		cs_buf_release(&b.delta[i]);
	free(b.delta);
	cs_buf_release(&b.published);
	cs_buf_release(&b.withdrawn);
	cs_buf_release(&b.line);
	json_decref(b.counts);
	json_decref(ledger);
	cs_fields_release(&b.f);
	cs_fields_release(&b.g);
	free(b.rep);
	return r;
}

void
cs_release_out_free(struct cs_release_out *out)
{
	free(out->body);
	out->body = NULL;
}

int
cs_release_dir_make(const char *root, char *tmp, size_t n,
    struct cs_error *err)
{
	if (mkdir(root, 0777) != 0 && errno != EEXIST)
		return cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "cannot "
		    "create '%s': %s", root, strerror(errno));
	cs_fmt(tmp, n, "%s/.release-XXXXXX", root);
	if (mkdtemp(tmp) == NULL)
		return cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "cannot "
		    "create a directory in '%s': %s", root, strerror(errno));
	chmod(tmp, 0755 & ~0);
	return 0;
}

void
cs_release_dir_discard(const char *tmp)
{
	char path[PATH_MAX];
	struct dirent *e;
	DIR *d = opendir(tmp);

	if (d != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			cs_fmt(path, sizeof(path), "%s/%s", tmp, e->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(tmp);
}

static int
sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int
cs_release_dir_commit(const char *root, const char *tmp, const char *id,
    struct cs_error *err)
{
	char dst[PATH_MAX], link[PATH_MAX], ltmp[PATH_MAX];

	cs_fmt(dst, sizeof(dst), "%s/%s", root, id);
	if (sync_dir(tmp) != 0)
		return cs_error_set(err, CS_EX_IOERR, NULL, 0, "cannot sync "
		    "'%s': %s", tmp, strerror(errno));
	if (access(dst, F_OK) == 0)
		return cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "release "
		    "'%s' exists: a release is never written over", dst);
	if (rename(tmp, dst) != 0)
		return cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "cannot "
		    "rename '%s' to '%s': %s", tmp, dst, strerror(errno));
	cs_fmt(link, sizeof(link), "%s/latest", root);
	cs_fmt(ltmp, sizeof(ltmp), "%s/.latest.%ld", root, (long)getpid());
	unlink(ltmp);
	if (symlink(id, ltmp) != 0 || rename(ltmp, link) != 0) {
		unlink(ltmp);
		return cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "cannot "
		    "point '%s' at '%s': %s", link, id, strerror(errno));
	}
	if (sync_dir(root) != 0)
		return cs_error_set(err, CS_EX_IOERR, NULL, 0, "cannot sync "
		    "'%s': %s", root, strerror(errno));
	return 0;
}
