/*
 * The delta of a release against the previous one: the rows of each
 * file read back from both directories as key and row digest, merged
 * (the records files in step as they are written, the small files after
 * it), and delta.ndjson's lines; a row gone is judged, and a record
 * gone goes to withdrawn.csv or ended.csv with why.  Also the granted
 * repairs, by which both a published record and a gone one are judged.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/hash.h"
#include "ops/release_internal.h"

/*
 * A published (or withdrawn) id, for the release's events: to a file
 * rather than memory, as a first release publishes every record.  A
 * write error shows in ferror, checked when the file is read back.
 */
void
cs_release_id_add(struct build *b, int withdrawn, const char *id)
{
	fwrite(id, 1, strlen(id) + 1, b->ids[withdrawn]);
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
int
cs_release_load_repairs(struct build *b, struct cs_error *err)
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
const struct rep *
cs_release_with_repair(const struct build *b, const char *id,
    struct cs_pubrec *pr)
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
 * The key (the first keycols values, '/' between them) and the SHA-256
 * of a row of n values (each followed by 0x1f): what the delta compares.
 * A NULL value is empty.
 */
void
cs_release_row_digest(char *const *val, const size_t *len, size_t n,
    int keycols, struct cs_buf *key, struct cs_buf *all, unsigned char h[32])
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
	int minor, r, records = strcmp(file, "licences.csv") == 0 ||
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
	rp = cs_release_with_repair(b, id, &pr);
	cs_publicity_judge(&b->in->ru->pub, &pr, b->in->as_of, &pi);
	v[0] = id;
	v[1] = file;
	v[2] = b->g.v[R_USCC];
	v[3] = b->g.v[R_NAME];
	v[4] = b->g.v[R_DOC_NO];
	v[5] = b->g.v[R_AUTHORITY];
	v[6] = b->g.v[R_DECIDED_ON];
	/* About a minor, published before the rule: withdrawn. */
	minor = pi.published && cs_disclose_minor(b->in->dc,
	    &b->in->ru->cat.resident_id_types, &b->g, pr.decided);
	if (!minor && pi.state == CS_PUB_REPAIRED) {
		/* A repair ended the window: its last day, the grant's. */
		cs_date_format(pi.repaired_on, until);
		cs_fmt(rule, sizeof(rule), "credit repair granted on %s "
		    "(repair application %ld)", until, rp->app);
		v[7] = until;
		v[8] = rule;
		cs_writer_row(b->en, v, NULL);
		cs_fmt(why, sizeof(why), "ended: %s", rule);
	} else if (!minor && pi.state == CS_PUB_ENDED) {
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
		} else if (minor) {
			cs_date_format(b->in->as_of, day);
			cs_fmt(why, sizeof(why), "the party is under %d on the "
			    "decision day: records about minors are never "
			    "published", cs_disclose_adult_age(b->in->dc,
			    pr.decided));
		} else {
			cs_date_format(b->in->as_of, day);
			cs_fmt(why, sizeof(why), "%s", pi.why);
		}
		v[7] = day;
		v[8] = why;
		cs_writer_row(b->wd, v, NULL);
		cs_release_id_add(b, 1, id);
		memmove(why + 11, why, strlen(why) + 1 > sizeof(why) - 11 ?
		    sizeof(why) - 12 : strlen(why) + 1);
		memcpy(why, "withdrawn: ", 11);
		why[sizeof(why) - 1] = '\0';
	}
	delta_line(b, "DEL", file, id, why);
	return 0;
}

/*
 * The next record of the previous file into r: its fields in o->v and
 * o->len.  1, 0 at the end, -1 with err.  A record without quotes (most)
 * is split in place; one with quotes was split by cs_csv_next_record.
 */
static int
old_record(struct oldrows *o, size_t *nf, struct cs_error *err)
{
	const char *s;
	size_t n, i;
	int quoted, rc;
	long line;

	rc = cs_csv_next_record(o->r, &o->rec, &o->f, &s, &n, &quoted, &line,
	    err);
	if (rc <= 0)
		return rc;
	if (quoted) {
		*nf = o->f.n;
		if (*nf > o->cap) {
			o->cap = *nf;
			o->v = cs_xreallocarray(o->v, o->cap, sizeof(*o->v));
			o->len = cs_xreallocarray(o->len, o->cap,
			    sizeof(*o->len));
		}
		for (i = 0; i < *nf; i++) {
			o->v[i] = o->f.val[i];
			o->len[i] = o->f.len[i];
		}
		return 1;
	}
	for (;;) {
		*nf = cs_csv_split_plain(s, n, o->v, o->len, o->cap);
		if (*nf <= o->cap)
			return 1;
		o->cap = o->cap ? 2 * o->cap : 32;
		o->v = cs_xreallocarray(o->v, o->cap, sizeof(*o->v));
		o->len = cs_xreallocarray(o->len, o->cap, sizeof(*o->len));
	}
}

static int
old_next(struct oldrows *o, struct cs_error *err)
{
	size_t nf;
	int rc;

	o->more = 0;
	if (o->r == NULL)
		return 0;
	cs_buf_reset(&o->last);
	if (o->key.len > 0)
		cs_buf_add(&o->last, o->key.s, o->key.len);
	rc = old_record(o, &nf, err);
	if (rc <= 0)
		return rc;
	cs_release_row_digest((char *const *)o->v, o->len, nf, 1, &o->key,
	    &o->all, o->h);
	if (o->last.len > 0 && strcmp(o->last.s, o->key.s) >= 0)
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "%s: row '%s' "
		    "is not after '%s': the rows of a release are sorted by "
		    "id", o->path, o->key.s, o->last.s);
	o->more = 1;
	return 1;
}

int
cs_release_old_open(struct build *b, const char *name, struct oldrows *o,
    struct cs_error *err)
{
	char path[PATH_MAX];
	size_t nf;

	memset(o, 0, sizeof(*o));
	cs_buf_init(&o->key);
	cs_buf_init(&o->last);
	cs_buf_init(&o->all);
	cs_buf_init(&o->rec);
	cs_csv_fields_init(&o->f);
	if (b->in->prev == NULL)
		return 0;
	cs_fmt(path, sizeof(path), "%s/%s", b->in->prev_dir, name);
	if (access(path, F_OK) != 0)
		return 0;
	if (cs_input_open(&o->r, path, NULL, err) != 0)
		return -1;
	o->path = cs_input_name(o->r);
	/* The header first: not a row. */
	if (old_record(o, &nf, err) < 0)
		return -1;
	return old_next(o, err) < 0 ? -1 : 0;
}

void
cs_release_old_close(struct oldrows *o)
{
	if (o->r != NULL)
		cs_input_close(o->r);
	cs_buf_release(&o->key);
	cs_buf_release(&o->last);
	cs_buf_release(&o->all);
	cs_buf_release(&o->rec);
	cs_csv_fields_release(&o->f);
	free(o->v);
	free(o->len);
}

/* The rows of the previous release before key (all: NULL) are gone. */
int
cs_release_old_until(struct build *b, struct oldrows *o, const char *file,
    const char *key, struct cs_error *err)
{
	while (o->more && (key == NULL || strcmp(o->key.s, key) < 0))
		if (gone(b, file, o->key.s, err) != 0 || old_next(o, err) < 0)
			return -1;
	return 0;
}

/* The new row key of hash h against the previous release's. */
int
cs_release_old_match(struct build *b, struct oldrows *o, const char *file,
    const char *key, const unsigned char h[32], struct cs_error *err)
{
	if (cs_release_old_until(b, o, file, key, err) != 0)
		return -1;
	if (!o->more || strcmp(o->key.s, key) != 0) {
		delta_line(b, "ADD", file, key, "new in this release");
		return 0;
	}
	if (memcmp(o->h, h, 32) != 0)
		delta_line(b, "MOD", file, key, "the row changed");
	return old_next(o, err) < 0 ? -1 : 0;
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
		cs_release_row_digest(row->val, row->len, row->n, keycols, &key,
		    &all, h);
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
	/* b->delta is NULL when no line was kept: qsort may not get it. */
	if (b->ndelta > 0)
		qsort(b->delta, b->ndelta, sizeof(*b->delta), delta_cmp);
	for (i = 0; i < b->ndelta; i++) {
		fputs(b->delta[i].s, b->deltaf);
		cs_buf_release(&b->delta[i]);
	}
	b->ndelta = 0;
}

int
cs_release_small_delta(struct build *b, const char *name, int keycols,
    struct cs_error *err)
{
	if (delta_file(b, name, keycols, err) != 0)
		return -1;
	flush_delta(b);
	return 0;
}
