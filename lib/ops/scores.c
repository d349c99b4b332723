/*
 * Scoring entities of the store: gathering an entity's records and list
 * entries, scoring it, and the explanation of its score as JSON (here,
 * not in domain/, which builds no JSON).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "domain/calendar.h"
#include "ops/repairs.h"
#include "ops/scores.h"

static json_t *
jpoints(long tenths, int plus)
{
	char b[24];

	cs_points_format(tenths, plus, b);
	return json_string(b);
}

static json_t *
jdate(int day)
{
	char b[11];

	if (day < 0)
		return json_null();
	cs_date_format(day, b);
	return json_string(b);
}

/* The publicity of record id among rp[0..nrp), or NULL. */
static const struct cs_pubinfo *
pub_of(const struct cs_recpub *rp, size_t nrp, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < nrp; i++)
		if (strcmp(rp[i].id, id) == 0)
			return &rp[i].pi;
	return NULL;
}

/* What to fix for one counted record. */
static void
explain_fix(json_t *o, const struct cs_counted *c, const struct cs_model *m,
    const struct cs_srec *r, size_t n, int as_of,
    const struct cs_recpub *rp, size_t nrp)
{
	const struct cs_pubinfo *pi = pub_of(rp, nrp, r[c->rec].id);
	struct cs_score t;
	json_t *rep;
	int from;

	cs_score_init(&t);
	json_object_set_new(o, "counts_until", jdate(c->until));
	if (c->until >= 0) {
		cs_score_run(&t, m, r, n, c->until, as_of, -1);
		json_object_set_new(o, "score_after", jpoints(t.score, 0));
	} else {
		json_object_set_new(o, "score_after", json_null());
	}
	/* Repair ends the publicity of a penalty the regimes publish. */
	rep = json_null();
	if (pi != NULL && c->points < 0 && pi->windowed &&
	    pi->regime != NULL) {
		rep = json_object();
		json_object_set_new(rep, "from", jdate(pi->repair_from));
		json_object_set_new(rep, "regime", json_string(pi->regime));
		if (pi->never_repairable) {
			json_object_set_new(rep, "never_repairable",
			    json_string(pi->never_why));
			json_object_set_new(rep, "score_if_repaired",
			    json_null());
		} else {
			from = pi->repair_from < as_of ? as_of :
			    pi->repair_from;
			cs_score_run(&t, m, r, n, from, as_of, (long)c->rec);
			json_object_set_new(rep, "score_if_repaired",
			    jpoints(t.score, 0));
		}
	}
	json_object_set_new(o, "repair", rep);
	cs_score_release(&t);
}

/*
 * What to fix, whether it moves the score or not: every record in its
 * publicity window on as_of (a general penalty of 2025-01-10 is published
 * through 2028-01-10 under regime 2023-05, long after its year in the
 * score), in decision order, with the rule it counts in if it does;
 * and every record a credit repair took out of it ("repaired_on").
 */
static json_t *
to_fix(const struct cs_score *s, const struct cs_model *m,
    const struct cs_srec *r, const struct cs_recpub *rp, size_t nrp)
{
	const struct cs_pubinfo *pi;
	json_t *a = json_array(), *x;
	size_t i, k;

	for (i = 0; i < nrp; i++) {
		pi = &rp[i].pi;
		if (!pi->published && pi->state != CS_PUB_REPAIRED)
			continue;
		for (k = 0; k < s->nc && strcmp(r[s->c[k].rec].id,
		    rp[i].id) != 0; k++)
			;
		x = json_object();
		json_object_set_new(x, "id", json_string(rp[i].id));
		json_object_set_new(x, "type", json_string(rp[i].type));
		json_object_set_new(x, "severity", rp[i].severity[0] != '\0' ?
		    json_string(rp[i].severity) : json_null());
		json_object_set_new(x, "decided_on", jdate(pi->start));
		json_object_set_new(x, "regime", pi->regime != NULL ?
		    json_string(pi->regime) : json_null());
		json_object_set_new(x, "publicity_until", jdate(pi->last));
		json_object_set_new(x, "repair_from", jdate(pi->repair_from));
		json_object_set_new(x, "never_repairable",
		    pi->never_repairable ? json_string(pi->never_why) :
		    json_null());
		json_object_set_new(x, "why", json_string(pi->why));
		if (pi->state == CS_PUB_REPAIRED)
			json_object_set_new(x, "repaired_on",
			    jdate(pi->repaired_on));
		json_object_set_new(x, "counts", json_boolean(k < s->nc));
		json_object_set_new(x, "rule", k < s->nc ?
		    json_string(m->rules[s->c[k].rule].code) : json_null());
		json_object_set_new(x, "points", k < s->nc ?
		    jpoints(s->c[k].points, 1) : json_null());
		json_array_append_new(a, x);
	}
	return a;
}

json_t *
cs_score_explain(const struct cs_score *s, const struct cs_model *m,
    const struct cs_srec *r, size_t n, int as_of,
    const struct cs_recpub *rp, size_t nrp)
{
	json_t *doc = json_object(), *rules = json_array(), *o, *recs, *x;
	const struct cs_rule *ru;
	size_t k, i;

	json_object_set_new(doc, "base", jpoints(m->base, 0));
	json_object_set_new(doc, "floor", jpoints(m->floor, 0));
	json_object_set_new(doc, "ceiling", jpoints(m->ceiling, 0));
	for (k = 0; k < m->nrules; k++) {
		ru = &m->rules[k];
		o = json_object();
		json_object_set_new(o, "code", json_string(ru->code));
		json_object_set_new(o, "why", json_string(ru->why));
		json_object_set_new(o, "points", jpoints(ru->points, 1));
		json_object_set_new(o, "window", json_string(ru->w.kind ==
		    CS_WIN_NONE ? "none" : ru->w.text));
		json_object_set_new(o, "cap", ru->has_cap ?
		    jpoints(ru->cap, 1) : json_null());
		json_object_set_new(o, "cap_hit",
		    json_boolean(s->rules[k].cap_hit));
		json_object_set_new(o, "total", jpoints(s->rules[k].total, 1));
		recs = json_array();
		for (i = 0; i < s->nc; i++) {
			if (s->c[i].rule != k)
				continue;
			x = json_object();
			json_object_set_new(x, "id",
			    json_string(r[s->c[i].rec].id));
			json_object_set_new(x, "decided_on",
			    jdate(r[s->c[i].rec].decided));
			json_object_set_new(x, "disputed",
			    json_boolean(r[s->c[i].rec].disputed));
			json_object_set_new(x, "decay_step", s->c[i].step < 0 ?
			    json_null() : json_integer(s->c[i].step + 1));
			json_object_set_new(x, "percent",
			    json_integer(s->c[i].percent));
			json_object_set_new(x, "points",
			    jpoints(s->c[i].points, 1));
			explain_fix(x, &s->c[i], m, r, n, as_of, rp, nrp);
			json_array_append_new(recs, x);
		}
		json_object_set_new(o, "records", recs);
		json_array_append_new(rules, o);
	}
	json_object_set_new(doc, "rules", rules);
	json_object_set_new(doc, "to_fix", to_fix(s, m, r, rp, nrp));
	return doc;
}


void
cs_scoring_init(struct cs_scoring *s, struct cs_store *st,
    const struct cs_models *ms, const struct cs_publicity *pb, int as_of)
{
	memset(s, 0, sizeof(*s));
	s->st = st;
	s->ms = ms;
	s->pb = pb;
	s->as_of = as_of;
	cs_date_format(as_of, s->as_of_str);
	s->lists = cs_models_lists(ms, &s->nlists);
	cs_score_init(&s->sc);
	cs_buf_init(&s->name);
	cs_buf_init(&s->industry);
	cs_srecs_init(&s->rs);
	cs_buf_init(&s->reasons);
	cs_buf_init(&s->signals);
	cs_buf_init(&s->line);
}

void
cs_scoring_release(struct cs_scoring *s)
{
	cs_score_release(&s->sc);
	cs_buf_release(&s->name);
	cs_buf_release(&s->industry);
	cs_srecs_release(&s->rs);
	cs_buf_release(&s->reasons);
	cs_buf_release(&s->signals);
	cs_buf_release(&s->line);
	free(s->lists);
	s->lists = NULL;
	free(s->rp);
	s->rp = NULL;
	s->nrp = s->caprp = 0;
}

/* Start a new entity in s. */
static void
entity_reset(struct cs_scoring *s, const char *uscc, const char *name,
    const char *industry, int known)
{
	cs_fmt(s->uscc, sizeof(s->uscc), "%s", uscc);
	cs_buf_reset(&s->name);
	cs_buf_reset(&s->industry);
	if (name != NULL)
		cs_buf_adds(&s->name, name);
	if (industry != NULL)
		cs_buf_adds(&s->industry, industry);
	s->known = known;
	cs_srecs_clear(&s->rs);
}

int
cs_scoring_load(struct cs_scoring *s, const char *uscc, struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_srec_in rr;
	struct cs_fields ef;
	struct cs_listed l;
	long regseq;
	size_t i;
	int r;

	cs_fields_init(&ef, &cs_entity_schema);
	r = cs_store_entity(s->st, uscc, &ef, &regseq, err);
	if (r >= 0)
		entity_reset(s, uscc, ef.v[E_NAME], ef.v[E_INDUSTRY], r == 1);
	cs_fields_release(&ef);
	if (r < 0 || cs_store_iter_scoring(s->st, uscc, s->as_of_str, NULL,
	    0, &it, err) != 0)
		return -1;
	while ((r = cs_store_next_scoring(it, &rr, err)) == 1)
		cs_srecs_add(&s->rs, &rr);
	cs_store_iter_free(it);
	if (r < 0)
		return -1;
	for (i = 0; i < s->nlists; i++) {
		r = cs_store_listed(s->st, uscc, s->lists[i], s->as_of_str, &l,
		    err);
		if (r < 0)
			return -1;
		if (r == 1)
			cs_srecs_add_entry(&s->rs, uscc, l.entry_id, l.list,
			    l.listed_on, l.until);
	}
	return 0;
}

int
cs_scoring_all(struct cs_scoring *s, void (*fn)(void *ctx), void *ctx,
    struct cs_error *err)
{
	struct cs_store_iter *ei = NULL, *ri = NULL, *li = NULL;
	struct cs_srec_in rr;
	struct cs_entrow er;
	struct cs_listed l;
	int re = 0, rn = 0, ln = 0, cmp;

	if (cs_store_iter_entities(s->st, &ei, err) != 0 ||
	    cs_store_iter_scoring(s->st, NULL, s->as_of_str, NULL, 0, &ri,
	    err) != 0 ||
	    (s->nlists > 0 && cs_store_iter_listed(s->st, NULL,
	    s->as_of_str, &li, err) != 0)) {
		re = -1;
		goto out;
	}
	rn = cs_store_next_scoring(ri, &rr, err);
	if (li != NULL)
		ln = cs_store_next_listed(li, &l, err);
	while ((re = cs_store_next_entity(ei, &er, err)) == 1) {
		entity_reset(s, er.uscc, er.name, er.industry, 1);
		while (rn == 1 && (cmp = strcmp(rr.uscc, er.uscc)) <= 0) {
			if (cmp == 0)
				cs_srecs_add(&s->rs, &rr);
			rn = cs_store_next_scoring(ri, &rr, err);
		}
		while (ln == 1 && (cmp = strcmp(l.uscc, er.uscc)) <= 0) {
			if (cmp == 0)
				cs_srecs_add_entry(&s->rs, l.uscc,
				    l.entry_id, l.list, l.listed_on, l.until);
			ln = cs_store_next_listed(li, &l, err);
		}
		if (rn < 0 || ln < 0)
			break;
		fn(ctx);
	}
out:
	cs_store_iter_free(ei);
	cs_store_iter_free(ri);
	cs_store_iter_free(li);
	return re < 0 || rn < 0 || ln < 0 ? -1 : 0;
}

void
cs_scoring_run(struct cs_scoring *s)
{
	cs_srecs_seal(&s->rs);
	s->m = cs_models_pick(s->ms, s->industry.len > 0 ? s->industry.s :
	    NULL);
	cs_score_run(&s->sc, s->m, s->rs.r, s->rs.n, s->as_of, s->as_of, -1);
	cs_score_run_signals(&s->sc, s->m, s->rs.r, s->rs.n, s->as_of);
	cs_buf_reset(&s->reasons);
	cs_buf_reset(&s->signals);
	cs_score_reasons(&s->sc, s->m, &s->reasons);
	cs_score_signals(&s->sc, s->m, !s->known, &s->signals);
	cs_points_format(s->sc.score, 0, s->points);
}

/*
 * The publicity on s->as_of of the entity's records of the published
 * types, from the store (the scoring rows lack what it needs: penalty
 * categories), into s->rp.
 */
static int
load_publicity(struct cs_scoring *s, struct cs_error *err)
{
	struct cs_record_filter flt = { 0 };
	struct cs_store_iter *it;
	struct cs_recmeta meta;
	struct cs_recpub *p;
	struct cs_pubrec pr;
	struct cs_fields f;
	int r;

	s->nrp = 0;
	if (s->pb == NULL || s->pb->types.n == 0)
		return 0;
	flt.uscc = s->uscc;
	flt.by_decision = 1;
	flt.types = (const char *const *)s->pb->types.v;
	flt.ntypes = s->pb->types.n;
	if (cs_store_iter_records(s->st, &flt, &it, err) != 0)
		return -1;
	cs_fields_init(&f, &cs_record_schema);
	while ((r = cs_store_next_record(it, &f, &meta, err)) == 1) {
		if (s->nrp == s->caprp) {
			s->caprp = s->caprp ? s->caprp * 2 : 16;
			s->rp = cs_xreallocarray(s->rp, s->caprp,
			    sizeof(*s->rp));
		}
		p = &s->rp[s->nrp++];
		cs_fmt(p->id, sizeof(p->id), "%s", f.v[R_ID]);
		cs_fmt(p->type, sizeof(p->type), "%s", f.v[R_TYPE]);
		cs_fmt(p->severity, sizeof(p->severity), "%s",
		    f.v[R_SEVERITY] != NULL ? f.v[R_SEVERITY] : "");
		cs_pubrec_of_fields(&pr, &f, meta.revoked);
		if (cs_pubrec_repair(s->st, p->id, &pr, err) != 0) {
			r = -1;
			break;
		}
		cs_publicity_judge(s->pb, &pr, s->as_of, &p->pi);
	}
	cs_fields_release(&f);
	cs_store_iter_free(it);
	return r < 0 ? -1 : 0;
}

int
cs_scoring_explain(struct cs_scoring *s, struct cs_error *err)
{
	const struct cs_model *m = s->m;
	json_t *doc, *sig, *det;
	size_t i, rec;
	long d;

	if (load_publicity(s, err) != 0)
		return -1;
	doc = cs_score_explain(&s->sc, m, s->rs.r, s->rs.n, s->as_of, s->rp,
	    s->nrp);
	sig = json_array();

	json_object_set_new(doc, "uscc", json_string(s->uscc));
	json_object_set_new(doc, "name", s->name.len > 0 ?
	    json_string(s->name.s) : json_null());
	json_object_set_new(doc, "model", json_string(m->id));
	json_object_set_new(doc, "as_of", json_string(s->as_of_str));
	json_object_set_new(doc, "score", json_string(s->points));
	json_object_set_new(doc, "reasons", json_string(s->reasons.s));
	if (!s->known)
		json_array_append_new(sig, json_pack("{s:s,s:s}", "code",
		    "unknown_entity", "why", "the store has no entity with "
		    "this code"));
	for (i = 0; i < m->nsigs && i < 64; i++)
		if (s->sc.signals & (1ULL << i))
			json_array_append_new(sig, json_pack("{s:s,s:s}",
			    "code", m->sigs[i].code, "why", m->sigs[i].why));
	json_object_set_new(doc, "signals", sig);
	d = cs_score_determine(m, s->rs.r, s->rs.n, s->as_of, &rec);
	det = d < 0 ? json_null() : json_pack("{s:s,s:s,s:s,s:s}", "code",
	    m->dets[d].code, "class", m->dets[d].cls, "why", m->dets[d].why,
	    "record", s->rs.r[rec].id);
	json_object_set_new(doc, "determination", det);
	cs_buf_reset(&s->line);
	cs_canon_json(doc, &s->line);
	cs_buf_addc(&s->line, '\n');
	json_decref(doc);
	return 0;
}
