/*
 * The inspectors of a draw: the inspectors file and the declared
 * conflicts read (and hashed, for the ledger), and the plan's per_target
 * of them assigned to each pick in (round, ticket) order.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "domain/uscc.h"
#include "io/stream.h"
#include "ops/drawing_internal.h"

static int
bad_file(struct cs_error *err, const struct cs_row *row, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

static int
bad_file(struct cs_error *err, const struct cs_row *row, const char *fmt,
    ...)
{
	va_list ap;

	va_start(ap, fmt);
	cs_error_vset(err, CS_EX_DATAERR, row->file, row->line, fmt, ap);
	va_end(ap);
	return -1;
}

/* One inspector of the inspectors file. */
static int
add_inspector(struct cs_drawing *d, const struct cs_row *row,
    struct cs_strmap *seen, struct cs_error *err)
{
	static const char *const need[] = { "inspector_id", "unit",
	    "capacity" };
	char id[256], unit[256], cap[64], *end;
	long j[3], cap_v = -1;
	size_t i;

	for (i = 0; i < 3; i++) {
		j[i] = cs_header_find(row->hdr, need[i]);
		if (j[i] < 0)
			return cs_error_set(err, CS_EX_DATAERR, row->file, 0,
			    "no column '%s'", need[i]);
	}
	if (row->bad != NULL)
		return bad_file(err, row, "%s", row->bad);
	cs_drawing_field(row, j[0], id, sizeof(id));
	cs_drawing_field(row, j[1], unit, sizeof(unit));
	cs_drawing_field(row, j[2], cap, sizeof(cap));
	if (id[0] == '\0' || unit[0] == '\0')
		return bad_file(err, row, "empty %s", id[0] == '\0' ?
		    "inspector_id" : "unit");
	if (cs_strmap_get(seen, id) != NULL)
		return bad_file(err, row, "inspector '%s' is listed twice", id);
	cs_strmap_put(seen, id, NULL);
	if (cap[0] != '\0') {
		errno = 0;
		cap_v = strtol(cap, &end, 10);
		if (*end != '\0' || errno != 0 || cap_v < 0)
			return bad_file(err, row, "capacity '%s' is not a whole "
			    "number", cap);
	}
	d->ins = cs_xreallocarray(d->ins, d->nins + 1, sizeof(*d->ins));
	d->ins[d->nins].id = cs_drawing_keep(d, id);
	d->ins[d->nins].unit = cs_drawing_keep(d, unit);
	d->ins[d->nins].capacity = cap_v;
	d->ins[d->nins].used = 0;
	d->nins++;
	return 0;
}

/* One declared conflict of the conflicts file. */
static int
add_conflict(struct cs_drawing *d, const struct cs_row *row,
    const struct cs_strmap *seen, struct cs_buf *key, struct cs_error *err)
{
	long ji = cs_header_find(row->hdr, "inspector_id");
	long ju = cs_header_find(row->hdr, "uscc");
	char id[256], u[256], uscc[19], msg[512];

	if (ji < 0 || ju < 0)
		return cs_error_set(err, CS_EX_DATAERR, row->file, 0, "no "
		    "column '%s'", ji < 0 ? "inspector_id" : "uscc");
	if (row->bad != NULL)
		return bad_file(err, row, "%s", row->bad);
	cs_drawing_field(row, ji, id, sizeof(id));
	if (cs_strmap_get(seen, id) == NULL)
		return bad_file(err, row, "no inspector '%s' in %s", id,
		    d->in.inspectors);
	cs_drawing_field(row, ju, u, sizeof(u));
	if (cs_uscc_check(&d->ru->uscc, "uscc", u, strlen(u), uscc, msg,
	    sizeof(msg)) == CS_USCC_BAD)
		return bad_file(err, row, "%s", msg);
	cs_conflict_key(key, id, uscc);
	cs_strmap_put(&d->conflicts, key->s, NULL);
	return 0;
}

/* Read a whole file with fn per row. */
static int
read_rows(struct cs_drawing *d, const char *path, int (*fn)(struct
    cs_drawing *, const struct cs_row *, void *, struct cs_error *),
    void *ctx, struct cs_error *err)
{
	struct cs_read_opts ro = { CS_FMT_AUTO, d->in.encoding, NULL, 0 };
	struct cs_reader *r;
	struct cs_row *row;
	int k;

	if (cs_reader_open(&r, path, &ro, err) != 0)
		return -1;
	while ((k = cs_reader_next(r, &row, err)) == 1)
		if (fn(d, row, ctx, err) != 0) {
			k = -1;
			break;
		}
	cs_reader_close(r);
	return k < 0 ? -1 : 0;
}

struct ins_ctx {
	struct cs_strmap seen;
	struct cs_buf key;
};

static int
ins_row(struct cs_drawing *d, const struct cs_row *row, void *ctx,
    struct cs_error *err)
{
	return add_inspector(d, row, &((struct ins_ctx *)ctx)->seen, err);
}

static int
conf_row(struct cs_drawing *d, const struct cs_row *row, void *ctx,
    struct cs_error *err)
{
	struct ins_ctx *c = ctx;

	return add_conflict(d, row, &c->seen, &c->key, err);
}

int
cs_drawing_load_inspectors(struct cs_drawing *d, struct cs_error *err)
{
	struct ins_ctx c;
	int rc = 0;

	if (d->in.inspectors == NULL)
		return 0;
	cs_strmap_init(&c.seen);
	cs_buf_init(&c.key);
	if (cs_drawing_hash_file(d->in.inspectors, d->ins_hash, err) != 0 ||
	    read_rows(d, d->in.inspectors, ins_row, &c, err) != 0)
		rc = -1;
	if (rc == 0 && d->in.conflicts != NULL &&
	    (cs_drawing_hash_file(d->in.conflicts, d->conf_hash, err) != 0 ||
	    read_rows(d, d->in.conflicts, conf_row, &c, err) != 0))
		rc = -1;
	cs_strmap_release(&c.seen);
	cs_buf_release(&c.key);
	return rc;
}

/* Picks in the order inspectors are assigned: round, then ticket. */
struct ref {
	size_t cls;
	size_t i;
	size_t at;			/* position in class, rank order */
	int round;
};

static const struct cs_drawing *ref_d;

static int
ref_cmp(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;
	const struct cs_pick *p = &ref_d->heap[x->cls].a[x->i];
	const struct cs_pick *q = &ref_d->heap[y->cls].a[y->i];
	int c;

	if (x->round != y->round)
		return x->round < y->round ? -1 : 1;
	c = cs_ticket_cmp(&p->t, &q->t);
	return c != 0 ? c : strcmp(p->uscc, q->uscc);
}

void
cs_drawing_assign(struct cs_drawing *d)
{
	struct cs_assigner a;
	struct ref *refs;
	char why[256];
	size_t i, j, at = 0, k = (size_t)d->plan->per_target;

	d->chosen = cs_xcalloc((size_t)d->total * k + 1, sizeof(size_t));
	d->why = cs_xcalloc((size_t)d->total + 1, sizeof(char *));
	if (d->in.inspectors == NULL)
		return;
	refs = cs_xcalloc((size_t)d->total + 1, sizeof(*refs));
	for (i = 0; i < d->plan->nclasses; i++)
		for (j = 0; j < d->heap[i].n; j++, at++) {
			refs[at].cls = i;
			refs[at].i = j;
			refs[at].at = at;
			refs[at].round = cs_drawing_round(d, i, (long)j + 1);
		}
	ref_d = d;
	qsort(refs, (size_t)d->total, sizeof(*refs), ref_cmp);
	cs_assigner_init(&a);
	a.s = d->s;
	a.ins = d->ins;
	a.nins = d->nins;
	a.conflicts = &d->conflicts;
	a.k = d->plan->per_target;
	a.distinct_units = d->plan->distinct_units;
	for (i = 0; i < (size_t)d->total; i++) {
		const struct cs_pick *p = &d->heap[refs[i].cls].a[refs[i].i];

		if (cs_assign(&a, p->uscc, d->chosen + refs[i].at * k, why,
		    sizeof(why)) != 0) {
			d->why[refs[i].at] = cs_xstrdup(why);
			d->unassigned++;
		}
	}
	cs_assigner_release(&a);
	free(refs);
}
