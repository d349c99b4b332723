/*
 * Determination facts, entity by entity, with two cursors over the store
 * (records, list entries) that move forward with ascending uscc and
 * point lookups for the rest.
 */
#include <stdlib.h>
#include <string.h>

#include "ops/facts.h"

void
cs_facts_init(struct cs_facts *f, struct cs_store *st,
    const struct cs_models *ms)
{
	const struct cs_model *m = ms->base;
	size_t i;

	memset(f, 0, sizeof(*f));
	f->st = st;
	cs_srecs_init(&f->rs);
	f->types = cs_xcalloc(m->ndets + 1, sizeof(*f->types));
	for (i = 0; i < m->ndets; i++)
		if (strcmp(m->dets[i].m.type, "listed") != 0)
			f->types[f->ntypes++] = m->dets[i].m.type;
	f->lists = cs_models_lists(ms, &f->nlists);
}

void
cs_facts_release(struct cs_facts *f)
{
	cs_store_iter_free(f->it);
	cs_store_iter_free(f->lit);
	cs_srecs_release(&f->rs);
	free(f->types);
	free(f->lists);
}

/*
 * The records of uscc that a granted repair does not hide on as_of (a
 * repaired record decides no direct class; a revoked repair counts again
 * from its revocation day), in step when it comes after the last one.
 */
static int
facts_records(struct cs_facts *f, const char *uscc, const char *as_of,
    struct cs_error *err)
{
	struct cs_store_iter *one;
	int r;

	cs_srecs_clear(&f->rs);
	if (f->ntypes == 0)
		return 0;
	if (f->it == NULL && f->it_on[0] == '\0')
		cs_fmt(f->it_on, sizeof(f->it_on), "%s", as_of);
	if (strcmp(uscc, f->merged) <= 0 || strcmp(as_of, f->it_on) != 0) {
		/* Out of order, or another day: ask for this one. */
		if (cs_store_iter_scoring(f->st, uscc, as_of, f->types,
		    f->ntypes, &one, err) != 0)
			return -1;
		while ((r = cs_store_next_scoring(one, &f->in, err)) == 1)
			cs_srecs_add(&f->rs, &f->in);
		cs_store_iter_free(one);
		return r < 0 ? -1 : 0;
	}
	cs_fmt(f->merged, sizeof(f->merged), "%s", uscc);
	if (f->it == NULL && cs_store_iter_scoring(f->st, NULL, f->it_on,
	    f->types, f->ntypes, &f->it, err) != 0)
		return -1;
	for (;;) {
		if (!f->have) {
			r = cs_store_next_scoring(f->it, &f->in, err);
			if (r < 0)
				return -1;
			if (r == 0)
				break;
			f->have = 1;
			cs_fmt(f->pending, sizeof(f->pending), "%s",
			    f->in.uscc);
		}
		if (strcmp(f->pending, uscc) > 0)
			break;
		if (strcmp(f->pending, uscc) == 0)
			cs_srecs_add(&f->rs, &f->in);
		f->have = 0;
	}
	return 0;
}

/* The list entries of uscc on as_of, in step as for the records. */
static int
facts_entries(struct cs_facts *f, const char *uscc, const char *as_of,
    struct cs_error *err)
{
	struct cs_listed l;
	size_t i;
	int r;

	if (f->nlists == 0)
		return 0;
	if (f->lit == NULL && f->lit_on[0] == '\0') {
		if (cs_store_iter_listed(f->st, NULL, as_of, &f->lit, err) != 0)
			return -1;
		cs_fmt(f->lit_on, sizeof(f->lit_on), "%s", as_of);
	}
	if (f->lit == NULL || strcmp(as_of, f->lit_on) != 0 ||
	    strcmp(uscc, f->lmerged) <= 0) {
		for (i = 0; i < f->nlists; i++) {
			r = cs_store_listed(f->st, uscc, f->lists[i], as_of, &l,
			    err);
			if (r < 0)
				return -1;
			if (r == 1)
				cs_srecs_add_entry(&f->rs, uscc, l.entry_id,
				    l.list, l.listed_on, l.until);
		}
		return 0;
	}
	cs_fmt(f->lmerged, sizeof(f->lmerged), "%s", uscc);
	for (;;) {
		if (!f->lhave) {
			r = cs_store_next_listed(f->lit, &f->l, err);
			if (r < 0)
				return -1;
			if (r == 0)
				break;
			f->lhave = 1;
		}
		if (strcmp(f->l.uscc, uscc) > 0)
			break;
		if (strcmp(f->l.uscc, uscc) == 0)
			cs_srecs_add_entry(&f->rs, uscc, f->l.entry_id,
			    f->l.list, f->l.listed_on, f->l.until);
		f->lhave = 0;
	}
	return 0;
}

int
cs_facts_of(struct cs_facts *f, const char *uscc, const char *as_of,
    struct cs_error *err)
{
	if (strcmp(uscc, f->cached) != 0 || strcmp(as_of, f->cached_on) != 0) {
		f->cached[0] = '\0';
		if (facts_records(f, uscc, as_of, err) != 0)
			return -1;
		cs_fmt(f->cached, sizeof(f->cached), "%s", uscc);
		cs_fmt(f->cached_on, sizeof(f->cached_on), "%s", as_of);
		f->nrec = f->rs.n;
	}
	f->rs.n = f->nrec;
	if (facts_entries(f, uscc, as_of, err) != 0)
		return -1;
	cs_srecs_seal(&f->rs);
	return 0;
}
