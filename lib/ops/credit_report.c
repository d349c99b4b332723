/*
 * Building the credit report of an entity (see credit_report.h): each
 * section of report.json from its source, records judged and masked as
 * a release judges and masks them, then numbered and sealed.
 */
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "ops/credit_report.h"
#include "ops/repairs.h"
#include "ops/reports.h"
#include "ops/scores.h"

/* A report being built. */
struct build {
	const struct cs_credit_in *in;
	const char *uscc;
	int as_of;
	char as_of_str[11];
	struct cs_fields f;		/* a record */
	struct cs_fields ent;		/* the register entry */
	json_t *explain;		/* cs-score --explain of the entity */
	json_t *score;			/* {score, class, ...} */
};

/* s, or JSON null when s is NULL or empty. */
static json_t *
jstr(const char *s)
{
	return s != NULL && *s != '\0' ? json_string(s) : json_null();
}

/*
 * v of column name, masked as a release masks it: an ID number column of
 * masking.json keeps the pattern's first and last characters.
 */
static json_t *
masked(const struct cs_rules *ru, const char *name, const char *v)
{
	char buf[128];
	size_t n;

	if (v == NULL || *v == '\0')
		return json_null();
	n = strlen(v);
	if (!cs_mask_column(&ru->mask, name))
		return json_string(v);
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	return json_string(cs_mask_id(&ru->mask, v, n, buf));
}

/* A section's JSON: no, key, title, en and items (stolen). */
static json_t *
section_json(const struct cs_report_rules *rr, size_t i, json_t *items)
{
	const struct cs_rsection *s = &rr->s[i];

	return json_pack("{s:I,s:s,s:s,s:s,s:o}", "no", (json_int_t)(i + 1),
	    "key", s->key, "title", s->title, "en", s->en, "items", items);
}

/*
 * The register entry of the entity into b->ent: 1, 0 when the store has
 * none, -1 with err.
 */
static int
entity(struct build *b, struct cs_error *err)
{
	long regseq;

	cs_fields_init(&b->ent, &cs_entity_schema);
	return cs_store_entity(b->in->st, b->uscc, &b->ent, &regseq, err);
}

static json_t *
entity_items(struct build *b, const struct cs_rsection *s)
{
	json_t *o = json_object();
	const char *v;
	size_t i;
	int c;

	for (i = 0; i < s->ncols; i++) {
		c = cs_schema_find(&cs_entity_schema, s->col[i]);
		v = c >= 0 ? b->ent.v[c] : NULL;
		if (v != NULL && (strcmp(s->col[i], "kind") == 0 ||
		    strcmp(s->col[i], "status") == 0))
			v = cs_report_term(b->in->rr, v);
		json_object_set_new(o, s->col[i], masked(b->in->ru, s->col[i],
		    v));
	}
	return json_pack("[o]", o);
}

/* Does record f (meta m, publicity pi) belong in section s? */
static int
takes(const struct build *b, const struct cs_rsection *s,
    const struct cs_recmeta *m, const struct cs_pubinfo *pi, int decided)
{
	const struct cs_fields *f = &b->f;
	const char *v;
	size_t i;
	int c, until;

	for (i = 0; i < s->ntypes; i++)
		if (strcmp(f->v[R_TYPE], s->types[i]) == 0)
			break;
	if (i == s->ntypes)
		return 0;
	for (i = 0; i < s->nwhere; i++) {
		c = cs_schema_find(&cs_record_schema, s->where[2 * i]);
		v = c >= 0 ? f->v[c] : NULL;
		if (v == NULL || strcmp(v, s->where[2 * i + 1]) != 0)
			return 0;
	}
	if (s->filter == CS_RFLT_PUBLISHED)
		return pi->published && !cs_disclose_minor(b->in->dc,
		    &b->in->ru->cat.resident_id_types, f, decided);
	if (m->revoked || decided < 0 || decided > b->as_of)
		return 0;
	v = f->v[R_VALID_UNTIL];
	if (s->filter == CS_RFLT_IN_FORCE && v != NULL && *v != '\0' &&
	    cs_date_parse(v, strlen(v), &until) == 0 && until < b->as_of)
		return 0;
	return 1;
}

/* The repair status of a published record, as report.json words it. */
static const char *
repair_status(const struct build *b, const struct cs_pubinfo *pi)
{
	const struct cs_report_rules *rr = b->in->rr;

	struct cs_rrow r;
	struct cs_error err;
	int day;

	if (pi->never_repairable)
		return cs_report_label(rr, "repair_never");
	if (pi->repair_from < 0)
		return NULL;
	/* An application filed by the report's date: under review, or refused. */
	if (cs_store_repair_last(b->in->st, b->f.v[R_ID], "record", &r,
	    &err) == 1 && cs_date_parse(r.filed_on, strlen(r.filed_on),
	    &day) == 0 && day <= b->as_of) {
		if (r.decided_on[0] == '\0' || cs_date_parse(r.decided_on,
		    strlen(r.decided_on), &day) != 0 || day > b->as_of)
			return cs_report_label(rr, "repair_pending");
		if (strcmp(r.state, "refused") == 0)
			return cs_report_label(rr, "repair_refused");
	}
	return cs_report_label(rr, b->as_of >= pi->repair_from ?
	    "repair_open" : "repair_later");
}

static json_t *
record_item(const struct build *b, const struct cs_rsection *s,
    const struct cs_recmeta *m, const struct cs_pubinfo *pi)
{
	const struct cs_rules *ru = b->in->ru;
	const struct cs_rtype *t;
	json_t *o = json_object(), *v;
	const char *k;
	size_t i;
	int c;

	for (i = 0; i < s->ncols; i++) {
		k = s->col[i];
		if (strcmp(k, "type_title") == 0) {
			t = cs_rules_type(ru, b->f.v[R_TYPE],
			    strlen(b->f.v[R_TYPE]));
			v = jstr(t != NULL ? t->title : b->f.v[R_TYPE]);
		} else if (strcmp(k, "publicity_until") == 0) {
			v = pi->windowed ? cs_json_day(pi->last) : json_null();
		} else if (strcmp(k, "repair_from") == 0) {
			v = cs_json_day(pi->never_repairable ? -1 : pi->repair_from);
		} else if (strcmp(k, "repair_status") == 0) {
			v = jstr(repair_status(b, pi));
		} else if (strcmp(k, "objection") == 0) {
			v = m->disputed ? json_string(cs_report_label(b->in->rr,
			    "under_objection")) : json_null();
		} else {
			c = cs_schema_find(&cs_record_schema, k);
			v = masked(ru, k, c >= 0 ? b->f.v[c] : NULL);
		}
		json_object_set_new(o, k, v);
	}
	return o;
}

static json_t *
record_items(struct build *b, const struct cs_rsection *s,
    struct cs_error *err)
{
	struct cs_record_filter flt = { .uscc = b->uscc, .revoked = 1,
	    .by_decision = 1 };
	struct cs_store_iter *it;
	struct cs_pubinfo pi;
	struct cs_pubrec pr;
	struct cs_recmeta m;
	json_t *items;
	int r;

	flt.types = (const char *const *)s->types;
	flt.ntypes = s->ntypes;
	if (cs_store_iter_records(b->in->st, &flt, &it, err) != 0)
		return NULL;
	items = json_array();
	while ((r = cs_store_next_record(it, &b->f, &m, err)) == 1) {
		cs_pubrec_of_record(&pr, &b->f, &m);
		cs_publicity_judge_quiet(&b->in->ru->pub, &pr, b->as_of, &pi);
		if (takes(b, s, &m, &pi, pr.decided))
			json_array_append_new(items, record_item(b, s, &m,
			    &pi));
	}
	cs_store_iter_free(it);
	if (r < 0) {
		json_decref(items);
		return NULL;
	}
	return items;
}

static json_t *
commitment_items(struct build *b, const struct cs_rsection *s,
    struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_commitment cm;
	json_t *items, *o, *v;
	const char *k;
	size_t i;
	int r, day;

	if (cs_store_iter_commitments(b->in->st, b->uscc, b->as_of_str, &it,
	    err) != 0)
		return NULL;
	items = json_array();
	while ((r = cs_store_next_commitment(it, &cm, err)) == 1) {
		if (cs_date_parse(cm.decided_on, strlen(cm.decided_on),
		    &day) != 0 || day > b->as_of)
			continue;
		o = json_object();
		for (i = 0; i < s->ncols; i++) {
			k = s->col[i];
			if (strcmp(k, "id") == 0)
				v = jstr(cm.id);
			else if (strcmp(k, "content") == 0)
				v = jstr(cm.content);
			else if (strcmp(k, "committed_on") == 0)
				v = jstr(cm.decided_on);
			else if (strcmp(k, "due_on") == 0)
				v = jstr(cm.due_on);
			else if (strcmp(k, "state") == 0)
				v = jstr(cs_report_term(b->in->rr, cm.state));
			else if (strcmp(k, "settled_on") == 0)
				v = jstr(cm.settled_on);
			else
				v = json_null();
			json_object_set_new(o, k, v);
		}
		json_array_append_new(items, o);
	}
	cs_store_iter_free(it);
	if (r < 0) {
		json_decref(items);
		return NULL;
	}
	return items;
}

/* The title of list type name (lists.json), or the name. */
static const char *
list_title(const struct build *b, const char *name)
{
	const struct cs_ltype *t = cs_lists_type(b->in->ls, name);

	return t != NULL ? t->title : name;
}

static json_t *
list_items(struct build *b, const struct cs_rsection *s,
    struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_lrow e;
	json_t *items, *o, *v;
	char id[32];
	const char *k;
	size_t i;
	int r;

	if (cs_store_iter_lentries_of(b->in->st, b->uscc, NULL, "listed",
	    b->as_of_str, &it, err) != 0)
		return NULL;
	items = json_array();
	while ((r = cs_store_next_lentry(it, &e, err)) == 1) {
		o = json_object();
		cs_fmt(id, sizeof(id), "%ld", e.entry_id);
		for (i = 0; i < s->ncols; i++) {
			k = s->col[i];
			if (strcmp(k, "list_title") == 0)
				v = jstr(list_title(b, e.list));
			else if (strcmp(k, "list") == 0)
				v = jstr(e.list);
			else if (strcmp(k, "state") == 0)
				v = jstr(cs_report_term(b->in->rr, e.state));
			else if (strcmp(k, "noticed_on") == 0)
				v = jstr(e.noticed_on);
			else if (strcmp(k, "listed_on") == 0)
				v = jstr(e.listed_on);
			else if (strcmp(k, "until") == 0)
				v = jstr(e.until);
			else if (strcmp(k, "entry_id") == 0)
				v = json_string(id);
			else
				v = json_null();
			json_object_set_new(o, k, v);
		}
		json_array_append_new(items, o);
	}
	cs_store_iter_free(it);
	if (r < 0) {
		json_decref(items);
		return NULL;
	}
	return items;
}

/*
 * Score, explain and class the entity once: b->explain (the explain
 * document of cs-score) and b->score (the evaluation's values).
 */
static int
evaluate(struct build *b, struct cs_error *err)
{
	struct cs_scoring sg;
	struct cs_buf why;
	const struct cs_model *m;
	long rank;
	char cls[2];
	int rc = -1;

	cs_scoring_init(&sg, b->in->st, b->in->ms, &b->in->ru->pub, b->as_of);
	cs_buf_init(&why);
	if (cs_scoring_load(&sg, b->uscc, err) != 0)
		goto out;
	cs_scoring_run(&sg);
	if (cs_scoring_explain(&sg, err) != 0)
		goto out;
	b->explain = json_loadb(sg.line.s, sg.line.len, 0, NULL);
	if (b->explain == NULL) {
		cs_error_set(err, CS_EX_SOFTWARE, NULL, 0, "the explanation "
		    "of '%s' is not JSON", b->uscc);
		goto out;
	}
	m = sg.m;
	cls[0] = cs_classify_entity(b->in->cl, m, sg.rs.r, sg.rs.n,
	    b->as_of, sg.sc.score, &why);
	cls[1] = '\0';
	rank = cs_classify_rank(b->in->cl, cls[0]);
	b->score = json_object();
	json_object_set_new(b->score, "score", json_string(sg.points));
	json_object_set_new(b->score, "class", json_string(cls));
	json_object_set_new(b->score, "class_title", jstr(rank >= 0 ?
	    b->in->cl->c[rank].title : NULL));
	json_object_set_new(b->score, "model", jstr(m->title != NULL ?
	    m->title : m->id));
	json_object_set_new(b->score, "reasons", jstr(sg.reasons.s));
	json_object_set_new(b->score, "class_reason", jstr(why.s));
	rc = 0;
out:
	cs_buf_release(&why);
	cs_scoring_release(&sg);
	return rc;
}

static json_t *
evaluation_items(struct build *b, const struct cs_rsection *s)
{
	json_t *o = json_object(), *v;
	size_t i;

	for (i = 0; i < s->ncols; i++) {
		v = json_object_get(b->score, s->col[i]);
		json_object_set_new(o, s->col[i], v != NULL ? json_incref(v) :
		    json_null());
	}
	return json_pack("[o]", o);
}

/* "行政处罚 DOC_NO" for record id, or the id; into t. */
static int
item_name(struct build *b, const char *id, struct cs_buf *t,
    struct cs_error *err)
{
	struct cs_record_filter flt = { .uscc = b->uscc, .revoked = 1 };
	struct cs_store_iter *it;
	const struct cs_rtype *ty;
	struct cs_recmeta m;
	int r;

	cs_buf_reset(t);
	if (strncmp(id, "list-entry:", 11) == 0) {
		cs_buf_adds(t, id + 11);
		return 0;
	}
	if (cs_store_iter_records(b->in->st, &flt, &it, err) != 0)
		return -1;
	while ((r = cs_store_next_record(it, &b->f, &m, err)) == 1) {
		if (strcmp(b->f.v[R_ID], id) != 0)
			continue;
		ty = cs_rules_type(b->in->ru, b->f.v[R_TYPE],
		    strlen(b->f.v[R_TYPE]));
		cs_buf_adds(t, ty != NULL ? ty->title : b->f.v[R_TYPE]);
		if (b->f.v[R_DOC_NO] != NULL) {
			cs_buf_addc(t, ' ');
			cs_buf_adds(t, b->f.v[R_DOC_NO]);
		}
		break;
	}
	cs_store_iter_free(it);
	if (r < 0)
		return -1;
	if (t->len == 0)
		cs_buf_adds(t, id);
	return 0;
}

/* The missing conditions of codes ("a;b") in words, "、" between. */
static void
conditions(const struct cs_report_rules *rr, const char *codes,
    struct cs_buf *out)
{
	const char *p = codes, *e;
	char code[64];

	cs_buf_reset(out);
	while (p != NULL && *p != '\0') {
		e = strchr(p, ';');
		cs_fmt(code, sizeof(code), "%.*s", (int)(e != NULL ? e - p :
		    (long)strlen(p)), p);
		if (out->len > 0)
			cs_buf_adds(out, "、");
		cs_buf_adds(out, cs_report_term(rr, code));
		p = e != NULL ? e + 1 : NULL;
	}
}

/*
 * The last day a record counts: the day before counts_until of
 * cs-score --explain (the first day it no longer counts), as the report
 * gives every other end (a list entry's until, publicity_until) with the
 * day included; null when it counts for good.
 */
static json_t *
last_day(const json_t *until)
{
	const char *s = json_string_value(until);
	int d;

	if (s == NULL || cs_date_parse(s, strlen(s), &d) != 0)
		return json_null();
	return cs_json_day(d - 1);
}

/*
 * One suggestion: a record (or list entry) that lowers the score, what
 * it costs until when, and whether and from when cs-repair would grant a
 * repair of it, with the conditions still missing.
 */
static json_t *
suggestion(struct build *b, struct cs_repairops *o,
    const struct cs_rsection *s, const json_t *rec, struct cs_error *err)
{
	const struct cs_report_rules *rr = b->in->rr;
	struct cs_repair_judgement j;
	const char *id = json_string_value(json_object_get(rec, "id"));
	const json_t *rep = json_object_get(rec, "repair");
	json_t *out = json_object(), *v;
	struct cs_buf name, need;
	const char *target = id, *k;
	size_t i;
	int r = 0;

	memset(&j, 0, sizeof(j));
	cs_buf_init(&name);
	cs_buf_init(&need);
	if (item_name(b, id, &name, err) != 0)
		goto fail;
	if (strncmp(id, "list-entry:", 11) == 0) {
		target = id + 11;
		cs_buf_reset(&name);
	}
	r = cs_repair_judge_target(o, b->uscc, target, b->as_of, 0, &j, err);
	if (r < 0)
		goto fail;
	if (strncmp(id, "list-entry:", 11) == 0) {
		struct cs_lrow e;

		if (cs_store_lentry(b->in->st, strtol(target, NULL, 10), &e,
		    err) < 0)
			goto fail;
		cs_buf_addf(&name, "%s（名单编号 %s）", list_title(b, e.list),
		    target);
	}
	if (r == 1 && j.e.from < 0)
		cs_buf_adds(&need, cs_report_label(rr, "repair_never"));
	else if (r == 1 && j.missing.len > 0)
		conditions(rr, j.missing.s, &need);
	else if (r == 1 && j.e.eligible)
		cs_buf_adds(&need, cs_report_label(rr, "repair_open"));
	for (i = 0; i < s->ncols; i++) {
		k = s->col[i];
		if (strcmp(k, "item") == 0)
			v = jstr(name.s);
		else if (strcmp(k, "repair_from") == 0)
			v = r == 1 ? cs_json_day(j.e.from) : json_null();
		else if (strcmp(k, "score_if_repaired") == 0)
			v = rep != NULL ? json_incref(json_object_get(rep,
			    "score_if_repaired")) : NULL;
		else if (strcmp(k, "needs") == 0)
			v = jstr(need.s);
		else if (strcmp(k, "counts_through") == 0)
			v = last_day(json_object_get(rec, "counts_until"));
		else
			v = json_incref(json_object_get(rec, k));
		json_object_set_new(out, k, v != NULL ? v : json_null());
	}
	cs_buf_release(&j.missing);
	cs_buf_release(&name);
	cs_buf_release(&need);
	return out;
fail:
	cs_buf_release(&j.missing);
	cs_buf_release(&name);
	cs_buf_release(&need);
	json_decref(out);
	return NULL;
}

static json_t *
suggestion_items(struct build *b, const struct cs_rsection *s,
    struct cs_error *err)
{
	const json_t *rules = json_object_get(b->explain, "rules"), *ru, *rec;
	struct cs_repairops o;
	json_t *items = json_array(), *it;
	const char *p;
	size_t i, k;

	cs_repairops_init(&o, b->in->st, b->in->ru, b->in->rp, b->in->ls,
	    b->as_of);
	json_array_foreach(rules, i, ru) {
		json_array_foreach(json_object_get(ru, "records"), k, rec) {
			p = json_string_value(json_object_get(rec, "points"));
			if (p == NULL || p[0] != '-')
				continue;
			it = suggestion(b, &o, s, rec, err);
			if (it == NULL) {
				json_decref(items);
				items = NULL;
				goto out;
			}
			json_array_append_new(items, it);
		}
	}
out:
	cs_repairops_release(&o);
	return items;
}

/* The report number: PREFIX-YYYYMMDD-XXXX-XXXX-XXXX. */
static void
number(const struct build *b, char *out, size_t n)
{
	json_t *k = json_pack("{s:s,s:s,s:I,s:s}", "as_of", b->as_of_str,
	    "ledger_head", b->in->head, "ledger_seq", (json_int_t)b->in->seq,
	    "uscc", b->uscc);
	struct cs_buf c;
	char hex[65];
	size_t i;

	cs_buf_init(&c);
	cs_canon_json(k, &c);
	cs_sha256_hex(c.s, c.len, hex);
	for (i = 0; i < 12; i++)
		if (hex[i] >= 'a' && hex[i] <= 'f')
			hex[i] = (char)(hex[i] - 'a' + 'A');
	cs_fmt(out, n, "%s-%.4s%.2s%.2s-%.4s-%.4s-%.4s", b->in->rr->prefix,
	    b->as_of_str, b->as_of_str + 5, b->as_of_str + 8, hex, hex + 4,
	    hex + 8);
	cs_buf_release(&c);
	json_decref(k);
}

int
cs_credit_seal(const json_t *doc, char hex[65])
{
	json_t *d = json_copy((json_t *)doc);
	struct cs_buf c;
	int r;

	json_object_del(d, "sha256");
	cs_buf_init(&c);
	r = cs_canon_json(d, &c);
	if (r == 0)
		cs_sha256_hex(c.s, c.len, hex);
	cs_buf_release(&c);
	json_decref(d);
	return r;
}

int
cs_credit_report(const struct cs_credit_in *in, const char *uscc,
    int as_of, json_t **out, struct cs_error *err)
{
	const struct cs_report_rules *rr = in->rr;
	struct build b = { .in = in, .uscc = uscc, .as_of = as_of };
	json_t *doc = json_object(), *secs = json_array(), *items = NULL;
	char no[64], hex[65];
	size_t i;
	int rc = -1;

	*out = NULL;
	cs_date_format(as_of, b.as_of_str);
	cs_fields_init(&b.f, &cs_record_schema);
	rc = entity(&b, err);
	if (rc <= 0)
		goto out;
	rc = -1;
	json_object_set_new(doc, "name", jstr(b.ent.v[cs_schema_find(
	    &cs_entity_schema, "name")]));
	for (i = 0; i < rr->n; i++) {
		const struct cs_rsection *s = &rr->s[i];

		if (s->source == CS_RSRC_ENTITY)
			items = entity_items(&b, s);
		else if (s->source == CS_RSRC_RECORDS)
			items = record_items(&b, s, err);
		else if (s->source == CS_RSRC_COMMITMENTS)
			items = commitment_items(&b, s, err);
		else if (s->source == CS_RSRC_LISTS)
			items = list_items(&b, s, err);
		else if (b.explain == NULL && evaluate(&b, err) != 0)
			items = NULL;
		else if (s->source == CS_RSRC_EVALUATION)
			items = evaluation_items(&b, s);
		else
			items = suggestion_items(&b, s, err);
		if (items == NULL)
			goto out;
		json_array_append_new(secs, section_json(rr, i, items));
	}
	number(&b, no, sizeof(no));
	json_object_set_new(doc, "kind", json_string("cs-credit-report"));
	json_object_set_new(doc, "version", json_integer(CS_CREDIT_VERSION));
	json_object_set_new(doc, "title", json_string(rr->title));
	json_object_set_new(doc, "report_no", json_string(no));
	json_object_set_new(doc, "uscc", json_string(uscc));
	json_object_set_new(doc, "as_of", json_string(b.as_of_str));
	json_object_set_new(doc, "ledger_seq", json_integer(in->seq));
	json_object_set_new(doc, "ledger_head", json_string(in->head));
	json_object_set_new(doc, "sections", secs);
	secs = NULL;
	if (cs_credit_seal(doc, hex) != 0) {
		cs_error_set(err, CS_EX_SOFTWARE, NULL, 0, "the report of "
		    "'%s' holds a real number", uscc);
		goto out;
	}
	json_object_set_new(doc, "sha256", json_string(hex));
	*out = doc;
	doc = NULL;
	rc = 1;
out:
	json_decref(secs);
	json_decref(doc);
	json_decref(b.explain);
	json_decref(b.score);
	cs_fields_release(&b.f);
	cs_fields_release(&b.ent);
	return rc;
}
