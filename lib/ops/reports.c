/*
 * Reports built from the store: an entity's credit file (its register
 * data, its records in decision order with what happened to each, its
 * commitments) as one JSON document; the rows of the listings (export,
 * objections, commitments, draws, targets).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/draws.h"
#include "ops/reports.h"

json_t *
cs_fields_object(const struct cs_fields *f)
{
	json_t *o = json_object(), *x;
	size_t i;

	for (i = 0; i < f->sc->n; i++)
		if (f->v[i] != NULL)
			json_object_set_new(o, f->sc->cols[i].name,
			    json_string(f->v[i]));
	if (f->nx > 0) {
		x = json_object();
		for (i = 0; i < f->nx; i++)
			json_object_set_new(x, f->xname[i],
			    json_string(f->xval[i]));
		json_object_set_new(o, "extra", x);
	}
	return o;
}

/* What the changed columns were before: {column: old value or null}. */
static json_t *
was_of(const json_t *prev, const json_t *changes)
{
	json_t *was = json_object(), *v, *old, *xv, *we;
	const json_t *pe = json_object_get(prev, "extra");
	const char *k, *xk;

	json_object_foreach((json_t *)changes, k, v) {
		if (strcmp(k, "extra") == 0 && json_is_object(v)) {
			we = json_object();
			json_object_foreach(v, xk, xv) {
				old = pe ? json_object_get(pe, xk) : NULL;
				json_object_set(we, xk, old ? old : json_null());
			}
			json_object_set_new(was, "extra", we);
			continue;
		}
		old = json_object_get(prev, k);
		json_object_set(was, k, old ? old : json_null());
	}
	return was;
}

/*
 * The events after its add (event rid) that touched record id, as JSON
 * objects; a correction shows its "changes" and what they "was".
 */
static json_t *
history(struct cs_store *st, const char *id, long rid, struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_event ev;
	json_t *a, *e, *body, *v, *prev = NULL, *rec;
	const char *k;
	int r;

	r = cs_store_event(st, rid, &ev, err);
	if (r < 0)
		return NULL;
	if (r == 1)
		prev = json_loads(ev.body, 0, NULL);
	if (cs_store_iter_history(st, id, &it, err) != 0) {
		json_decref(prev);
		return NULL;
	}
	a = json_array();
	while ((r = cs_store_next_event(it, &ev, err)) == 1) {
		e = json_object();
		json_object_set_new(e, "seq", json_integer(ev.seq));
		json_object_set_new(e, "action", json_string(ev.action));
		json_object_set_new(e, "at", json_string(ev.at));
		json_object_set_new(e, "operator", json_string(ev.operator));
		body = json_loads(ev.body, 0, NULL);
		json_object_foreach(body, k, v) {
			/* The full new version is in the record itself. */
			if (strcmp(k, "record") == 0 || strcmp(k, "id") == 0 ||
			    strcmp(k, "uscc") == 0)
				continue;
			json_object_set(e, k, v);
		}
		if (strcmp(ev.action, "object") == 0)
			json_object_set_new(e, "objection_id",
			    json_integer(ev.seq));
		rec = json_object_get(body, "record");
		if (rec != NULL && json_is_object(json_object_get(body,
		    "changes"))) {
			if (prev != NULL)
				json_object_set_new(e, "was", was_of(prev,
				    json_object_get(body, "changes")));
			json_decref(prev);
			prev = json_incref(rec);
		}
		json_decref(body);
		json_array_append_new(a, e);
	}
	cs_store_iter_free(it);
	json_decref(prev);
	if (r < 0) {
		json_decref(a);
		return NULL;
	}
	return a;
}

json_t *
cs_json_day(int day)
{
	char b[11];

	if (day < 0)
		return json_null();
	cs_date_format(day, b);
	return json_string(b);
}

void
cs_pubrec_of_record(struct cs_pubrec *pr, const struct cs_fields *f,
    const struct cs_recmeta *m)
{
	cs_pubrec_of_fields(pr, f, m->revoked);
	pr->repaired = m->repair != 0;
	pr->repaired_from = m->repaired_from;
	pr->resumed_on = m->resumed_on;
}

/*
 * The publicity of record f (revoked or not) on as_of into o: published,
 * publicity_until, repair_from, and the "publicity" object saying why.
 */
static void
publicity_of(json_t *o, const struct cs_publicity *pb,
    const struct cs_fields *f, const struct cs_recmeta *m, int as_of)
{
	struct cs_pubinfo pi;
	struct cs_pubrec pr;
	json_t *p = json_object();
	char warn[512], d1[11], d2[11];

	cs_pubrec_of_record(&pr, f, m);
	cs_publicity_judge(pb, &pr, as_of, &pi);
	if (pi.state == CS_PUB_REPAIRED) {
		cs_date_format(pi.repaired_on, d1);
		cs_date_format(pr.repaired_from, d2);
		cs_fmt(pi.why, sizeof(pi.why), "repaired on %s (application "
		    "%ld): not published from %s", d1, m->repair, d2);
	}
	json_object_set_new(o, "published", json_boolean(pi.published));
	json_object_set_new(o, "publicity_until", pi.windowed ?
	    cs_json_day(pi.last) : json_null());
	json_object_set_new(o, "repair_from", cs_json_day(pi.repair_from));
	json_object_set_new(p, "state", json_string(cs_pubstate_code(
	    pi.state)));
	json_object_set_new(p, "why", json_string(pi.why));
	json_object_set_new(p, "regime", pi.regime != NULL ?
	    json_string(pi.regime) : json_null());
	json_object_set_new(p, "window_start", pi.windowed ?
	    cs_json_day(pi.start) : json_null());
	json_object_set_new(p, "never_repairable", pi.never_repairable ?
	    json_string(pi.never_why) : json_null());
	if (cs_publicity_end_differs(pb, f, warn, sizeof(warn)) == 1)
		json_object_set_new(p, "warning", json_string(warn));
	json_object_set_new(o, "publicity", p);
}

static json_t *
records(struct cs_store *st, const struct cs_publicity *pb, const char *uscc,
    int as_of, struct cs_error *err)
{
	struct cs_record_filter flt = { 0 };
	struct cs_store_iter *it;
	struct cs_recmeta m;
	struct cs_fields f;
	json_t *a, *o, *h;
	int r;

	flt.uscc = uscc;
	flt.revoked = 1;
	flt.by_decision = 1;
	if (cs_store_iter_records(st, &flt, &it, err) != 0)
		return NULL;
	a = json_array();
	cs_fields_init(&f, &cs_record_schema);
	while ((r = cs_store_next_record(it, &f, &m, err)) == 1) {
		o = cs_fields_object(&f);
		json_object_set_new(o, "status", json_string(m.revoked ?
		    "revoked" : "active"));
		json_object_set_new(o, "disputed", json_boolean(m.disputed));
		json_object_set_new(o, "seq", json_integer(m.seq));
		publicity_of(o, pb, &f, &m, as_of);
		json_array_append_new(a, o);
		h = history(st, f.v[R_ID], m.rid, err);
		if (h == NULL) {
			r = -1;
			break;
		}
		json_object_set_new(o, "history", h);
	}
	cs_fields_release(&f);
	cs_store_iter_free(it);
	if (r < 0) {
		json_decref(a);
		return NULL;
	}
	return a;
}

static json_t *
commitments(struct cs_store *st, const char *uscc, const char *as_of,
    struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_commitment cm;
	json_t *a, *o;
	int r;

	if (cs_store_iter_commitments(st, uscc, as_of, &it, err) != 0)
		return NULL;
	a = json_array();
	while ((r = cs_store_next_commitment(it, &cm, err)) == 1) {
		o = json_object();
		json_object_set_new(o, "id", json_string(cm.id));
		json_object_set_new(o, "committed_on",
		    json_string(cm.decided_on));
		json_object_set_new(o, "due_on", json_string(cm.due_on));
		json_object_set_new(o, "state", json_string(cm.state));
		if (cm.settled_by[0] != '\0') {
			json_object_set_new(o, "settled_by",
			    json_string(cm.settled_by));
			json_object_set_new(o, "settled_on",
			    json_string(cm.settled_on));
		}
		json_array_append_new(a, o);
	}
	cs_store_iter_free(it);
	if (r < 0) {
		json_decref(a);
		return NULL;
	}
	return a;
}

int
cs_report_credit_file(struct cs_store *st, const struct cs_rules *ru,
    const char *uscc, const char *as_of, const struct cs_disclosure *dc,
    json_t **out,
    struct cs_error *err)
{
	struct cs_fields ef;
	json_t *doc, *part;
	long regseq;
	int r, day;

	*out = NULL;
	if (cs_date_parse(as_of, strlen(as_of), &day) != 0)
		return cs_error_set(err, CS_EX_SOFTWARE, NULL, 0, "as_of '%s' "
		    "is not a date", as_of);
	cs_fields_init(&ef, &cs_entity_schema);
	r = cs_store_entity(st, uscc, &ef, &regseq, err);
	if (r <= 0) {
		cs_fields_release(&ef);
		return r;
	}
	doc = json_object();
	json_object_set_new(doc, "entity", cs_fields_object(&ef));
	cs_fields_release(&ef);
	json_object_set_new(doc, "as_of", json_string(as_of));
	part = records(st, &ru->pub, uscc, day, err);
	if (part == NULL)
		goto fail;
	json_object_set_new(doc, "records", part);
	part = commitments(st, uscc, as_of, err);
	if (part == NULL)
		goto fail;
	json_object_set_new(doc, "commitments", part);
	/* Whole only once the ledger says who saw what. */
	if (!dc->unmasked)
		cs_json_mask(doc, dc->mask);
	else if (cs_unmask_credit_file(st, doc, uscc, dc, err) != 0)
		goto fail;
	*out = doc;
	return 1;
fail:
	json_decref(doc);
	return -1;
}

int
cs_export_init(struct cs_export *x, struct cs_store *st, struct cs_error *err)
{
	size_t i;

	memset(x, 0, sizeof(*x));
	if (cs_store_extra_columns(st, &x->extra, &x->nextra, err) != 0)
		return -1;
	x->ncols = R_NCOLS + x->nextra + CS_EXPORT_OWN;
	x->names = cs_xcalloc(x->ncols, sizeof(char *));
	x->v = cs_xcalloc(x->ncols, sizeof(char *));
	for (i = 0; i < R_NCOLS; i++)
		x->names[i] = cs_record_schema.cols[i].name;
	for (i = 0; i < x->nextra; i++)
		x->names[R_NCOLS + i] = x->extra[i];
	x->names[x->ncols - 6] = "seq";
	x->names[x->ncols - 5] = "disputed";
	x->names[x->ncols - 4] = "published";
	x->names[x->ncols - 3] = "publicity_until";
	x->names[x->ncols - 2] = "repair_from";
	x->names[x->ncols - 1] = "publicity_end_differs";
	return 0;
}

void
cs_export_row(struct cs_export *x, const struct cs_fields *f,
    const struct cs_recmeta *m, const struct cs_pubinfo *pi, int differs)
{
	size_t i, j;

	for (i = 0; i < R_NCOLS; i++)
		x->v[i] = f->v[i];
	for (i = 0; i < x->nextra; i++)
		x->v[R_NCOLS + i] = NULL;
	/* A record's extra columns, put under the export's names. */
	for (j = 0; j < f->nx; j++)
		for (i = 0; i < x->nextra; i++)
			if (strcmp(f->xname[j], x->extra[i]) == 0) {
				x->v[R_NCOLS + i] = f->xval[j];
				break;
			}
	snprintf(x->seq, sizeof(x->seq), "%ld", m->seq);
	x->v[x->ncols - 6] = x->seq;
	x->v[x->ncols - 5] = m->disputed ? "true" : "false";
	x->v[x->ncols - 4] = pi->published ? "true" : "false";
	x->until[0] = x->repair[0] = '\0';
	if (pi->windowed && pi->last >= 0)
		cs_date_format(pi->last, x->until);
	if (pi->repair_from >= 0)
		cs_date_format(pi->repair_from, x->repair);
	x->v[x->ncols - 3] = x->until;
	x->v[x->ncols - 2] = x->repair;
	x->v[x->ncols - 1] = differs < 0 ? "" : differs ? "true" : "false";
}

void
cs_export_release(struct cs_export *x)
{
	size_t i;

	for (i = 0; i < x->nextra; i++)
		free(x->extra[i]);
	free(x->extra);
	free(x->names);
	free(x->v);
	memset(x, 0, sizeof(*x));
}

const char *const cs_objection_cols[CS_OBJECTION_NCOLS] = {
	"objection_id", "id", "uscc", "filed_on", "answer_by", "state",
	"outcome", "resolved_on", "reason"
};

void
cs_objection_row(const struct cs_objection *o, const char *reason,
    char oid[32], const char *v[CS_OBJECTION_NCOLS])
{
	snprintf(oid, 32, "%ld", o->objection_id);
	v[0] = oid;
	v[1] = o->id;
	v[2] = o->uscc;
	v[3] = o->filed_on;
	v[4] = o->answer_by;
	v[5] = o->state;
	v[6] = o->outcome;
	v[7] = o->resolved_on;
	v[8] = reason != NULL ? reason : o->reason;
}

/*
 * What the listing computes starts with "_", so the rows can be given to
 * add as commitment_broken records without those columns being stored.
 */
const char *const cs_commitment_cols[CS_COMMITMENT_NCOLS] = {
	"ref", "uscc", "name", "content", "due_on", "_committed_on", "_state",
	"_settled_by", "_settled_on"
};

void
cs_commitment_row(const struct cs_commitment *c,
    const char *v[CS_COMMITMENT_NCOLS])
{
	v[0] = c->id;
	v[1] = c->uscc;
	v[2] = c->name;
	v[3] = c->content;
	v[4] = c->due_on;
	v[5] = c->decided_on;
	v[6] = c->state;
	v[7] = c->settled_by;
	v[8] = c->settled_on;
}

const char *const cs_draw_cols[CS_DRAW_NCOLS] = {
	"draw_id", "plan", "period", "drawn_on", "targets", "done", "open",
	"escalations", "seed", "frame_hash", "seq"
};

void
cs_draw_row(const struct cs_draw *d, long done, struct cs_draw_nums *n,
    const char *v[CS_DRAW_NCOLS])
{
	snprintf(n->targets, sizeof(n->targets), "%ld", d->targets);
	snprintf(n->done, sizeof(n->done), "%ld", done);
	snprintf(n->open, sizeof(n->open), "%ld", d->targets - done);
	snprintf(n->seq, sizeof(n->seq), "%ld", d->seq);
	v[0] = d->draw_id;
	v[1] = d->plan;
	v[2] = d->period;
	v[3] = d->drawn_on;
	v[4] = n->targets;
	v[5] = n->done;
	v[6] = n->open;
	v[7] = d->escalations;
	v[8] = d->seed;
	v[9] = d->frame_hash;
	v[10] = n->seq;
}

const char *const cs_target_cols[CS_TARGET_NCOLS] = {
	"draw_id", "uscc", "class", "rank", "round", "drawn_on", "inspectors",
	"unassigned", "state", "result", "result_id", "decided_on"
};

void
cs_target_row(const struct cs_target *t, const char *state,
    struct cs_target_nums *n, const char *v[CS_TARGET_NCOLS])
{
	snprintf(n->rank, sizeof(n->rank), "%ld", t->rank);
	snprintf(n->round, sizeof(n->round), "%d", t->round);
	v[0] = t->draw_id;
	v[1] = t->uscc;
	v[2] = t->cls;
	v[3] = n->rank;
	v[4] = n->round;
	v[5] = t->drawn_on;
	v[6] = t->inspectors;
	v[7] = t->unassigned;
	v[8] = state;
	v[9] = t->result;
	v[10] = t->result_id;
	v[11] = t->decided_on;
}

/* Write objection o; a single one is looked up for its reason. */
static int
objection_out(struct cs_store *st, const struct cs_objection *o,
    struct cs_writer *w, struct cs_error *err)
{
	const char *v[CS_OBJECTION_NCOLS];
	char oid[32], *reason = NULL;

	/* Listings carry the reason; a single objection is looked up. */
	if (o->reason == NULL && cs_store_objection_reason(st,
	    o->objection_id, &reason, err) != 0)
		return -1;
	cs_objection_row(o, reason, oid, v);
	cs_writer_row(w, v, NULL);
	free(reason);
	return 0;
}

int
cs_objections_write(struct cs_store *st, const long *ids, size_t n,
    struct cs_writer *w, struct cs_error *err)
{
	struct cs_objection o;
	size_t i;

	for (i = 0; i < n; i++)
		if (cs_store_objection(st, ids[i], &o, err) != 1 ||
		    objection_out(st, &o, w, err) != 0)
			return -1;
	return 0;
}

int
cs_objections_list(struct cs_store *st, const char *state, int overdue,
    const char *as_of, struct cs_writer *w, struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_objection o;
	int r;

	if (cs_store_iter_objections(st, state, NULL, overdue, as_of, &it,
	    err) != 0)
		return -1;
	while ((r = cs_store_next_objection(it, &o, err)) == 1)
		if (objection_out(st, &o, w, err) != 0) {
			r = -1;
			break;
		}
	cs_store_iter_free(it);
	return r < 0 ? -1 : 0;
}

int
cs_commitments_list(struct cs_store *st, const char *uscc,
    const char *as_of, const char *state, struct cs_writer *w,
    struct cs_error *err)
{
	const char *v[CS_COMMITMENT_NCOLS];
	struct cs_store_iter *it;
	struct cs_commitment cm;
	int r;

	if (cs_store_iter_commitments(st, uscc, as_of, &it, err) != 0)
		return -1;
	while ((r = cs_store_next_commitment(it, &cm, err)) == 1) {
		if (state != NULL && strcmp(state, cm.state) != 0)
			continue;
		cs_commitment_row(&cm, v);
		cs_writer_row(w, v, NULL);
	}
	cs_store_iter_free(it);
	return r < 0 ? -1 : 0;
}

/*
 * Mask the values of x's columns named by dc's mask, unless record id
 * is among shown; the masked values live in b.
 */
static void
export_mask(struct cs_export *x, const struct cs_disclosure *dc,
    const struct cs_strmap *shown, const char *id, struct cs_buf *b,
    size_t *at)
{
	size_t i, k = 0, len;

	if (dc->unmasked && cs_strmap_get(shown, id) != NULL)
		return;
	cs_buf_reset(b);
	for (i = 0; i < x->ncols; i++) {
		if (x->v[i] == NULL || !cs_mask_column(dc->mask, x->names[i]))
			continue;
		len = strlen(x->v[i]);
		at[i] = b->len;
		cs_buf_add(b, x->v[i], len + 1);
		cs_mask_id(dc->mask, x->v[i], len, b->s + at[i]);
		k++;
	}
	/* The buffer moved while it grew: point into it now. */
	for (i = 0; k > 0 && i < x->ncols; i++)
		if (x->v[i] != NULL && cs_mask_column(dc->mask, x->names[i]))
			x->v[i] = b->s + at[i];
}

int
cs_records_export(struct cs_store *st, const struct cs_rules *ru,
    int as_of, const struct cs_record_filter *flt,
    const struct cs_disclosure *dc, FILE *fp, int format,
    void (*tick)(void *), void *ctx, struct cs_error *err)
{
	struct cs_store_iter *it = NULL;
	struct cs_writer *w = NULL;
	struct cs_pubinfo pi;
	struct cs_pubrec pr;
	struct cs_strmap shown;
	struct cs_recmeta m;
	struct cs_export x;
	struct cs_fields f;
	struct cs_buf mb;
	size_t *at = NULL;
	char msg[512];
	int r = -1;

	cs_strmap_init(&shown);
	cs_buf_init(&mb);
	cs_fields_init(&f, &cs_record_schema);
	if (cs_export_init(&x, st, err) != 0)
		goto fail;
	/* Unmasked: the event first, before any byte of output. */
	if (dc->unmasked && cs_unmask_records(st, flt, dc, &shown, err) != 0)
		goto out;
	at = cs_xcalloc(x.ncols, sizeof(size_t));
	w = cs_writer_new(fp, format, x.ncols, x.names);
	cs_writer_begin(w);
	if (cs_store_iter_records(st, flt, &it, err) != 0)
		goto out;
	while ((r = cs_store_next_record(it, &f, &m, err)) == 1) {
		if (tick != NULL)
			tick(ctx);
		cs_pubrec_of_record(&pr, &f, &m);
		cs_publicity_judge(&ru->pub, &pr, as_of, &pi);
		cs_export_row(&x, &f, &m, &pi, cs_publicity_end_differs(
		    &ru->pub, &f, msg, sizeof(msg)));
		export_mask(&x, dc, &shown, f.v[R_ID], &mb, at);
		cs_writer_row(w, x.v, NULL);
	}
	cs_store_iter_free(it);
out:
	if (w != NULL)
		cs_writer_close(w, NULL);
	cs_export_release(&x);
fail:
	free(at);
	cs_fields_release(&f);
	cs_buf_release(&mb);
	cs_strmap_release(&shown);
	return r < 0 ? -1 : 0;
}

int
cs_draws_list(struct cs_store *st, const char *draw_id, struct cs_writer *w,
    int *found, struct cs_error *err)
{
	const char *v[CS_DRAW_NCOLS];
	struct cs_store_iter *it;
	struct cs_draw_nums n;
	struct cs_draw d;
	long done;
	int r;

	*found = 0;
	if (cs_store_iter_draws(st, draw_id, &it, err) != 0)
		return -1;
	while ((r = cs_store_next_draw(it, &d, err)) == 1) {
		*found = 1;
		if (cs_draw_count_done(st, d.draw_id, &done, err) != 0) {
			r = -1;
			break;
		}
		cs_draw_row(&d, done, &n, v);
		cs_writer_row(w, v, NULL);
	}
	cs_store_iter_free(it);
	return r < 0 ? -1 : 0;
}

int
cs_targets_list(struct cs_store *st, const char *draw_id, int open_only,
    struct cs_writer *w, long *open, long *invalid, int *found,
    struct cs_error *err)
{
	const char *v[CS_TARGET_NCOLS], *state;
	struct cs_store_iter *it;
	struct cs_target_nums n;
	struct cs_target t;
	int r;

	*found = 0;
	*open = *invalid = 0;
	if (cs_store_iter_targets(st, draw_id, &it, err) != 0)
		return -1;
	while ((r = cs_store_next_target(it, &t, err)) == 1) {
		*found = 1;
		state = cs_target_state(t.result);
		if (strcmp(state, "done") != 0)
			(*open)++;
		if (strcmp(state, "invalid") == 0)
			(*invalid)++;
		if (open_only && strcmp(state, "done") == 0)
			continue;
		cs_target_row(&t, state, &n, v);
		cs_writer_row(w, v, NULL);
	}
	cs_store_iter_free(it);
	return r < 0 ? -1 : 0;
}
