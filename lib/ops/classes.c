/*
 * Classifying one scored row at a time: the checks of its columns, the
 * direct determinations of its model against the facts of the store, the
 * thresholds otherwise, the change against an earlier output, and the
 * class saved in the ledger.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/calendar.h"
#include "domain/classify.h"
#include "domain/uscc.h"
#include "ops/classes.h"

const char *const cs_class_cols[CS_CLASS_NCOLS] = {
	"uscc", "as_of", "class", "score", "model", "class_reason", "seq"
};

int
cs_classing_init(struct cs_classing *k, struct cs_store *st,
    const struct cs_models *ms, const struct cs_classes *cl, int as_of,
    struct cs_error *err)
{
	memset(k, 0, sizeof(*k));
	k->st = st;
	k->ms = ms;
	k->cl = cl;
	k->as_of = as_of;
	cs_buf_init(&k->reason);
	cs_strmap_init(&k->prev);
	/*
	 * The facts are read once, in order, with a sort: a small cache
	 * bounds the sort's memory, so it does not grow with the store.
	 */
	if (cs_store_scan(st, err) != 0)
		return -1;
	cs_facts_init(&k->f, st, ms);
	return 0;
}

void
cs_classing_release(struct cs_classing *k)
{
	cs_buf_release(&k->reason);
	if (k->f.st != NULL)
		cs_facts_release(&k->f);
	cs_strmap_release(&k->prev);
}

int
cs_classing_previous(struct cs_classing *k, const char *path,
    const struct cs_aliases *aliases, struct cs_error *err)
{
	struct cs_read_opts ro = { 0 };
	struct cs_reader *r;
	struct cs_row *row;
	const char *u, *cl;
	long cu, cc, *slot;
	int n;

	k->has_prev = 1;
	ro.aliases = aliases;
	if (cs_reader_open(&r, path, &ro, err) != 0)
		return -1;
	while ((n = cs_reader_next(r, &row, err)) == 1) {
		cu = cs_header_find(row->hdr, "uscc");
		cc = cs_header_find(row->hdr, "class");
		if (cu < 0 || cc < 0) {
			cs_error_set(err, CS_EX_DATAERR, row->file, row->line,
			    "--previous needs the columns uscc and class (an "
			    "output of cs-classify)");
			cs_reader_close(r);
			return -1;
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
	return n < 0 ? -1 : 0;
}

/* Refuse the row: 1 with k->msg. */
static int
refuse(struct cs_classing *k, const char *fmt, const char *arg)
{
	cs_fmt(k->msg, sizeof(k->msg), fmt, arg);
	return 1;
}

int
cs_classing_row(struct cs_classing *k, const struct cs_uscc_rules *ur,
    const struct cs_row *row, struct cs_error *err)
{
	const char *u, *sc, *mid, *asof;
	char day[11];
	long *pv;

	u = cs_row_get(row, cs_header_find(row->hdr, "uscc"));
	sc = cs_row_get(row, cs_header_find(row->hdr, "score"));
	mid = cs_row_get(row, cs_header_find(row->hdr, "model"));
	asof = cs_row_get(row, cs_header_find(row->hdr, "as_of"));
	k->m = k->ms->base;
	k->day = k->as_of;
	if (u == NULL || *u == '\0')
		return refuse(k, "%s", "required column 'uscc' is empty");
	if (cs_uscc_check(ur, "uscc", u, strlen(u), k->uscc, k->msg,
	    sizeof(k->msg)) == CS_USCC_BAD)
		return 1;
	if (sc == NULL || *sc == '\0')
		return refuse(k, "%s", "required column 'score' is empty");
	if (cs_points_parse(sc, &k->score) != 0)
		return refuse(k, "score '%s' is not a number with at most one "
		    "decimal", sc);
	if (asof != NULL && *asof != '\0' &&
	    cs_date_parse(asof, strlen(asof), &k->day) != 0)
		return refuse(k, "as_of '%s' is not a date", asof);
	if (!k->ms->forced && mid != NULL && *mid != '\0') {
		k->m = cs_models_find(k->ms, mid);
		if (k->m == NULL)
			return refuse(k, "model '%s' is not one of "
			    "share/cs/models: give its file with --model", mid);
	}
	if (k->score < k->m->floor || k->score > k->m->ceiling) {
		char lo[24], hi[24];

		cs_points_format(k->m->floor, 0, lo);
		cs_points_format(k->m->ceiling, 0, hi);
		cs_fmt(k->msg, sizeof(k->msg), "score '%s' is outside %s to "
		    "%s, the range of model '%s'", sc, lo, hi, k->m->id);
		return 1;
	}
	cs_buf_reset(&k->reason);
	cs_date_format(k->day, day);
	if (cs_facts_of(&k->f, k->uscc, day, err) != 0)
		return -1;
	k->cls[0] = cs_classify_entity(k->cl, k->m, k->f.rs.r, k->f.rs.n,
	    k->day, k->score, &k->reason);
	k->cls[1] = '\0';
	k->prev_cls[0] = '\0';
	k->change = NULL;
	if (k->has_prev) {
		pv = cs_strmap_get(&k->prev, k->uscc);
		if (pv == NULL) {
			k->change = "new";
		} else {
			k->prev_cls[0] = (char)*pv;
			k->prev_cls[1] = '\0';
			k->change = cs_classify_change(k->cl, k->prev_cls[0],
			    k->cls[0]);
		}
	}
	k->per_class[cs_classify_rank(k->cl, k->cls[0]) & 7]++;
	return 0;
}

int
cs_classing_save(struct cs_classing *k, struct cs_error *err)
{
	struct cs_class c = { 0 };
	char sbuf[24];
	long seq;

	memcpy(c.uscc, k->uscc, sizeof(c.uscc));
	cs_date_format(k->day, c.as_of);
	c.cls[0] = k->cls[0];
	cs_points_format(k->score, 0, sbuf);
	c.score = sbuf;
	c.model = k->m->id;
	c.reason = k->reason.s;
	return cs_store_save_class(k->st, &c, &seq, err);
}

int
cs_classes_history(struct cs_store *st, const char *uscc,
    struct cs_writer *w, struct cs_error *err)
{
	struct cs_store_iter *it;
	const char *v[CS_CLASS_NCOLS];
	struct cs_class c;
	char seq[24];
	int r;

	if (cs_store_iter_classes(st, uscc, NULL, &it, err) != 0)
		return -1;
	while ((r = cs_store_next_class(it, &c, err)) == 1) {
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
	return r < 0 ? -1 : 0;
}
