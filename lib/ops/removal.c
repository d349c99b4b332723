/*
 * The facts of an early removal, read from the store: the basis records
 * of the entry (by id, their current version), and two scans of the
 * entity's records (penalties since the listing, obligation_performed
 * records up to the day).
 */
#include <stdlib.h>
#include <string.h>

#include "ops/removal.h"

void
cs_removal_facts_release(struct cs_removal_facts *rf)
{
	size_t i;

	if (rf == NULL)
		return;
	for (i = 0; i < rf->nstrs; i++)
		free(rf->strs[i]);
	free(rf->strs);
	free(rf->basis);
	free(rf->penalties);
	memset(rf, 0, sizeof(*rf));
}

/* A copy of s kept with the facts (NULL stays NULL). */
static const char *
keep(struct cs_removal_facts *rf, const char *s)
{
	if (s == NULL)
		return NULL;
	rf->strs = cs_xreallocarray(rf->strs, rf->nstrs + 1, sizeof(char *));
	rf->strs[rf->nstrs] = cs_xstrdup(s);
	return rf->strs[rf->nstrs++];
}

/* The entity's active records of type decided from..to, through fn. */
static int
scan(struct cs_removal_facts *rf, struct cs_store *st, const char *uscc,
    const char *type, const char *from, const char *to, struct cs_fields *f,
    void (*fn)(struct cs_removal_facts *, const struct cs_fields *),
    struct cs_error *err)
{
	const char *const types[] = { type };
	struct cs_record_filter flt = { 0 };
	struct cs_store_iter *it;
	struct cs_recmeta m;
	int r;

	flt.types = types;
	flt.ntypes = 1;
	flt.uscc = uscc;
	flt.decided_from = from;
	flt.decided_to = to;
	flt.by_decision = 1;
	if (cs_store_iter_records(st, &flt, &it, err) != 0)
		return -1;
	while ((r = cs_store_next_record(it, f, &m, err)) == 1)
		fn(rf, f);
	cs_store_iter_free(it);
	return r < 0 ? -1 : 0;
}

static void
penalty(struct cs_removal_facts *rf, const struct cs_fields *f)
{
	struct cs_lfact *p;

	if (rf->r.npenalties == rf->capp) {
		rf->capp = rf->capp ? 2 * rf->capp : 8;
		rf->penalties = cs_xreallocarray(rf->penalties, rf->capp,
		    sizeof(*rf->penalties));
	}
	p = &rf->penalties[rf->r.npenalties++];
	memset(p, 0, sizeof(*p));
	p->id = keep(rf, f->v[R_ID]);
	p->severity = keep(rf, f->v[R_SEVERITY]);
	cs_date_parse(f->v[R_DECIDED_ON], strlen(f->v[R_DECIDED_ON]),
	    &p->decided);
	rf->r.penalties = rf->penalties;
}

static void
performed(struct cs_removal_facts *rf, const struct cs_fields *f)
{
	size_t i;

	for (i = 0; f->v[R_REF] != NULL && i < rf->r.nbasis; i++)
		if (strcmp(rf->basis[i].id, f->v[R_REF]) == 0)
			rf->basis[i].performed = 1;
}

int
cs_removal_facts_load(struct cs_removal_facts *rf, struct cs_store *st,
    const struct cs_lists *ls, long entry_id, const char *uscc,
    const char *listed_on, int day, const char *evidence,
    struct cs_error *err)
{
	struct cs_recinfo ri;
	struct cs_fields f;
	char **ids = NULL, to[11];
	size_t n = 0, i;
	int r, rc = -1;

	cs_removal_facts_release(rf);
	rf->r.evidence = evidence;
	rf->r.severities = (const char *const *)ls->severities;
	rf->r.nseverities = ls->nseverities;
	cs_date_format(day, to);
	cs_fields_init(&f, &cs_record_schema);
	if (cs_store_lbasis(st, entry_id, NULL, &ids, &n, err) != 0)
		goto out;
	rf->basis = cs_xcalloc(n + 1, sizeof(*rf->basis));
	rf->r.basis = rf->basis;
	for (i = 0; i < n; i++) {
		struct cs_lfact *b = &rf->basis[rf->r.nbasis++];

		b->id = keep(rf, ids[i]);
		b->decided = -1;
		r = cs_store_record_info(st, ids[i], &ri, err);
		if (r < 0)
			goto out;
		if (r == 0)
			continue;
		if (cs_store_record_version(st, ri.seq, &f, err) != 0)
			goto out;
		b->severity = keep(rf, f.v[R_SEVERITY]);
		cs_date_parse(ri.decided_on, strlen(ri.decided_on),
		    &b->decided);
	}
	if (scan(rf, st, uscc, "penalty", listed_on, to, &f, penalty,
	    err) != 0 || scan(rf, st, uscc, "obligation_performed", NULL, to,
	    &f, performed, err) != 0)
		goto out;
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	cs_fields_release(&f);
	return rc;
}
