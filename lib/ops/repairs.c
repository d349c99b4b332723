/*
 * Credit repair applications: filing, the steps of handling (accept,
 * return, decide, revoke, withdraw), each checked by the state machine
 * before its one ledger event, the effects of a grant and of its
 * revocation, and the applications as rows.
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "ops/records.h"
#include "ops/repairs.h"

void
cs_repairops_init(struct cs_repairops *o, struct cs_store *st,
    const struct cs_rules *ru, const struct cs_repair_rules *rr,
    const struct cs_lists *ls, int as_of)
{
	memset(o, 0, sizeof(*o));
	o->st = st;
	o->ru = ru;
	o->rr = rr;
	o->ls = ls;
	o->as_of = as_of;
	cs_listops_init(&o->lo, st, ru, ls, as_of);
	cs_fields_init(&o->f, &cs_record_schema);
	cs_buf_init(&o->b);
	o->extra = json_object();
}

void
cs_repairops_release(struct cs_repairops *o)
{
	if (o == NULL)
		return;
	cs_listops_release(&o->lo);
	cs_fields_release(&o->f);
	cs_buf_release(&o->b);
	json_decref(o->extra);
	o->extra = NULL;
}

static int
refuse(struct cs_repairops *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
refuse(struct cs_repairops *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(o->msg, sizeof(o->msg), fmt, ap);
	va_end(ap);
	return CS_REFUSED;
}

/* The columns apply and the steps read themselves. */
static const char *const owned[] = {
	"uscc", "target", "filed_on", "commitment", "evidence", NULL
};

void
cs_repair_in_from_row(struct cs_repairops *o, struct cs_repair_in *in,
    const struct cs_row *row, const char *day_col, int extra,
    const char *const *sets, size_t nsets)
{
	const struct cs_header *h = row->hdr;
	const char *v;
	size_t i, k;

	memset(in, 0, sizeof(*in));
	/* cs_row_trimmed keeps seven values: read in two rounds. */
	in->uscc = cs_row_trimmed(row, "uscc", sets, nsets);
	in->target = cs_row_trimmed(row, "target", sets, nsets);
	in->commitment = cs_row_trimmed(row, "commitment", sets, nsets);
	in->evidence = cs_row_trimmed(row, "evidence", sets, nsets);
	in->on = cs_row_trimmed(row, day_col, sets, nsets);
	if (!extra) {
		in->application_id = cs_row_trimmed(row, "application_id",
		    sets, nsets);
		in->outcome = cs_row_trimmed(row, "outcome", sets, nsets);
		in->reason = cs_row_trimmed(row, "reason", sets, nsets);
		in->missing = cs_row_trimmed(row, "missing", sets, nsets);
		return;
	}
	json_object_clear(o->extra);
	for (i = 0; h != NULL && i < h->n && i < row->n; i++) {
		for (k = 0; owned[k] != NULL; k++)
			if (strcmp(owned[k], h->name[i]) == 0)
				break;
		v = row->val[i];
		if (owned[k] != NULL || v == NULL || v[0] == '\0')
			continue;
		json_object_set_new(o->extra, h->name[i], json_stringn(v,
		    row->len != NULL ? row->len[i] : strlen(v)));
	}
}

static int
date_of(const char *s)
{
	int d;

	if (s == NULL || s[0] == '\0' || cs_date_parse(s, strlen(s), &d) != 0)
		return -1;
	return d;
}

/* The state machine's view of application r. */
static void
rapp_of(const struct cs_rrow *r, struct cs_rapp *a)
{
	memset(a, 0, sizeof(*a));
	a->id = r->application_id;
	a->state = cs_rstate_parse(r->state);
	a->filed_on = date_of(r->filed_on);
	a->accept_by = date_of(r->accept_by);
	a->decide_by = date_of(r->decide_by);
	a->extended = r->extended > 0;
	a->granted_on = r->effective_on[0] != '\0' ?
	    date_of(r->effective_on) - 1 : -1;
	a->last_on = date_of(r->last_on);
}

/*
 * What target names for uscc: "record" (an active record of uscc) or
 * "entry" (a list entry of uscc, by its number); NULL with o->msg.
 */
static const char *
target_kind(struct cs_repairops *o, const char *uscc, const char *target,
    struct cs_error *err, int *fail)
{
	struct cs_recinfo ri;
	struct cs_lrow e;
	char *end;
	long id;
	int r;

	*fail = 0;
	r = cs_store_record_info(o->st, target, &ri, err);
	if (r < 0) {
		*fail = 1;
		return NULL;
	}
	if (r == 1 && strcmp(ri.uscc, uscc) == 0) {
		if (ri.revoked) {
			refuse(o, "record '%s' is revoked: nothing to repair",
			    target);
			return NULL;
		}
		return "record";
	}
	id = strtol(target, &end, 10);
	if (*end == '\0' && id > 0) {
		r = cs_store_lentry(o->st, id, &e, err);
		if (r < 0) {
			*fail = 1;
			return NULL;
		}
		if (r == 1 && strcmp(e.uscc, uscc) == 0)
			return "entry";
	}
	refuse(o, "target '%s' is no record and no list entry of '%s'",
	    target, uscc);
	return NULL;
}

int
cs_repair_apply(struct cs_repairops *o, const struct cs_repair_in *in,
    long *id, struct cs_error *err)
{
	const struct cs_repair_deadlines *dl;
	struct cs_rrequest rq = { CS_RSTEP_APPLY, 0 };
	struct cs_rapp a = { 0 };
	struct cs_rrow r;
	const char *kind;
	char uscc[19], m[512], d[11], by[11];
	int day, bar, fail;
	json_t *j;

	if (in->uscc == NULL)
		return refuse(o, "required column 'uscc' is empty");
	if (cs_uscc_check(&o->ru->uscc, "uscc", in->uscc, strlen(in->uscc),
	    uscc, m, sizeof(m)) == CS_USCC_BAD)
		return refuse(o, "%s", m);
	if (in->target == NULL)
		return refuse(o, "required column 'target' is empty: a record "
		    "id or a list entry id");
	if (cs_date_step("filed_on", in->on, o->as_of, &day, o->msg,
	    sizeof(o->msg)) != 0)
		return CS_REFUSED;
	rq.on = day;
	kind = target_kind(o, uscc, in->target, err, &fail);
	if (kind == NULL)
		return fail ? -1 : CS_REFUSED;
	fail = cs_store_repair_last(o->st, in->target, kind, &r, err);
	if (fail < 0)
		return -1;
	cs_date_format(day, d);
	if (fail == 1 && (strcmp(r.state, "filed") == 0 ||
	    strcmp(r.state, "returned") == 0 ||
	    strcmp(r.state, "accepted") == 0)) {
		*id = r.application_id;
		if (strcmp(r.filed_on, d) == 0)
			return CS_UNCHANGED;
		return refuse(o, "target '%s' has an open application %ld "
		    "(%s, filed on %s)", in->target, r.application_id,
		    r.state, r.filed_on);
	}
	if (cs_store_repair_bar(o->st, in->target, kind, &bar, err) < 0)
		return -1;
	if (bar >= day) {
		cs_date_format(bar, by);
		return refuse(o, "a repair of '%s' was revoked: no new "
		    "application through %s", in->target, by);
	}
	dl = cs_repair_deadlines_at(o->rr, day);
	if (dl == NULL)
		return refuse(o, "repair.json has no deadlines in force on %s",
		    d);
	if (cs_repair_step(dl, &o->ru->cal, &a, &rq, o->msg,
	    sizeof(o->msg)) < 0)
		return CS_REFUSED;
	cs_date_format(a.accept_by, by);
	j = json_pack("{s:s,s:s*,s:s*,s:O,s:s,s:s,s:s,s:s}", "accept_by", by,
	    "commitment", in->commitment, "evidence", in->evidence, "extra",
	    o->extra, "filed_on", d, "kind", kind, "target", in->target,
	    "uscc", uscc);
	cs_buf_reset(&o->b);
	cs_canon_json(j, &o->b);
	json_decref(j);
	if (cs_store_repair_event(o->st, "apply", uscc, o->b.s, o->b.len, id,
	    err) != 0)
		return -1;
	return CS_ADDED;
}

/* The step of a decision's outcome, or -1. */
static int
outcome_step(const char *s)
{
	if (s == NULL)
		return -1;
	if (strcmp(s, "granted") == 0)
		return CS_RSTEP_GRANT;
	if (strcmp(s, "refused") == 0)
		return CS_RSTEP_REFUSE;
	if (strcmp(s, "extended") == 0)
		return CS_RSTEP_EXTEND;
	return -1;
}

/* The state a step leads to. */
static int
leads_to(int step)
{
	switch (step) {
	case CS_RSTEP_ACCEPT:
	case CS_RSTEP_EXTEND:
		return CS_RS_ACCEPTED;
	case CS_RSTEP_RETURN:
		return CS_RS_RETURNED;
	case CS_RSTEP_GRANT:
		return CS_RS_GRANTED;
	case CS_RSTEP_REFUSE:
		return CS_RS_REFUSED;
	case CS_RSTEP_REVOKE:
		return CS_RS_REVOKED;
	case CS_RSTEP_WITHDRAW:
		return CS_RS_WITHDRAWN;
	}
	return -1;
}

/* The grant's effects: a list entry removed (or reinstated). */
static int
effects(struct cs_repairops *o, const struct cs_rrow *r, int day,
    const char *reason, const char *evidence, int reinstate,
    struct cs_error *err)
{
	int rc;

	if (strcmp(r->kind, "entry") != 0)
		return 0;	/* a record: publicity and score read repairs */
	rc = cs_list_repair(&o->lo, strtol(r->target, NULL, 10), day, reason,
	    evidence, reinstate, err);
	if (rc == CS_REFUSED)
		cs_fmt(o->msg, sizeof(o->msg), "%s", o->lo.msg);
	return rc;
}

int
cs_repair_act(struct cs_repairops *o, int stp, const struct cs_repair_in *in,
    long *id, struct cs_error *err)
{
	const struct cs_repair_deadlines *dl;
	struct cs_repair_judgement j = { 0 };
	struct cs_rrequest rq;
	struct cs_rapp a;
	struct cs_rrow r;
	char d[11], eff[11], bar[11], *end;
	const char *evidence = NULL;
	json_t *body = NULL;
	int rc, last;

	if (in->application_id == NULL)
		return refuse(o, "required column 'application_id' is empty");
	*id = strtol(in->application_id, &end, 10);
	if (*id <= 0 || *end != '\0')
		return refuse(o, "application_id '%s' is not an application "
		    "number", in->application_id);
	rc = cs_store_repair(o->st, *id, &r, err);
	if (rc <= 0)
		return rc < 0 ? -1 : refuse(o, "no repair application %ld in "
		    "the store", *id);
	rq.step = stp;
	if (stp == CS_RSTEP_GRANT) {
		rq.step = outcome_step(in->outcome);
		if (rq.step < 0)
			return refuse(o, "outcome '%s' is not granted, refused "
			    "or extended", in->outcome ? in->outcome : "");
	}
	if (cs_date_step(stp == CS_RSTEP_ACCEPT ? "accepted_on" :
	    stp == CS_RSTEP_RETURN ? "returned_on" : stp == CS_RSTEP_GRANT ?
	    "decided_on" : stp == CS_RSTEP_REVOKE ? "revoked_on" :
	    "withdrawn_on", in->on, o->as_of, &rq.on, o->msg,
	    sizeof(o->msg)) != 0)
		return CS_REFUSED;
	cs_date_format(rq.on, d);
	rapp_of(&r, &a);
	/* The same step again on the same day: a re-run. */
	if (rq.step != CS_RSTEP_EXTEND && a.state == leads_to(rq.step) &&
	    strcmp(r.last_on, d) == 0)
		return CS_UNCHANGED;
	if (in->reason == NULL && rq.step != CS_RSTEP_ACCEPT &&
	    rq.step != CS_RSTEP_GRANT)
		return refuse(o, "required column 'reason' is empty: a %s "
		    "must say why", cs_rstep_name(rq.step));
	if (rq.step == CS_RSTEP_RETURN && in->missing == NULL)
		return refuse(o, "required column 'missing' is empty: a return "
		    "lists everything missing");
	dl = cs_repair_deadlines_at(o->rr, a.filed_on);
	if (dl == NULL)
		return refuse(o, "repair.json has no deadlines in force on %s",
		    r.filed_on);
	if (cs_repair_step(dl, &o->ru->cal, &a, &rq, o->msg,
	    sizeof(o->msg)) < 0)
		return CS_REFUSED;
	if (rq.step == CS_RSTEP_GRANT) {
		rc = cs_repair_judge_target(o, r.uscc, r.target, rq.on, *id,
		    &j, err);
		if (rc < 0) {
			cs_buf_release(&j.missing);
			return -1;
		}
		if (rc == 0 || !j.e.eligible) {
			if (rc == 1)
				cs_fmt(o->msg, sizeof(o->msg), "application %ld: "
				    "'%s' is not eligible on %s: %s", *id,
				    r.target, d, j.e.why);
			cs_buf_release(&j.missing);
			return CS_REFUSED;
		}
		cs_buf_release(&j.missing);
	}
	/* The body's keys in order (canonical JSON). */
	cs_buf_reset(&o->b);
	cs_buf_addf(&o->b, "{\"application_id\":%ld", *id);
	if (rq.step == CS_RSTEP_REVOKE) {
		cs_period_end(rq.on, &dl->bar, &last, NULL);
		cs_date_format(last, bar);
		cs_buf_add_json_kv(&o->b, 0, "bar_until", bar);
	}
	/* An acceptance may complete the application (after a return). */
	if (rq.step == CS_RSTEP_ACCEPT && in->commitment != NULL)
		cs_buf_add_json_kv(&o->b, 0, "commitment", in->commitment);
	if (a.decide_by >= 0 && (rq.step == CS_RSTEP_ACCEPT ||
	    rq.step == CS_RSTEP_EXTEND)) {
		cs_date_format(a.decide_by, bar);
		cs_buf_add_json_kv(&o->b, 0, "decide_by", bar);
	}
	if (rq.step == CS_RSTEP_GRANT) {
		cs_date_format(rq.on + 1, eff);
		cs_buf_add_json_kv(&o->b, 0, "effective_on", eff);
	}
	if (rq.step == CS_RSTEP_ACCEPT && in->evidence != NULL)
		cs_buf_add_json_kv(&o->b, 0, "evidence", in->evidence);
	if (rq.step == CS_RSTEP_RETURN)
		cs_buf_add_json_kv(&o->b, 0, "missing", in->missing);
	cs_buf_add_json_kv(&o->b, 0, "on", d);
	cs_buf_add_json_kv(&o->b, 0, "reason", in->reason);
	cs_buf_addc(&o->b, '}');
	if (rq.step == CS_RSTEP_GRANT || rq.step == CS_RSTEP_REVOKE) {
		body = cs_repair_app_body(o->st, *id, err);
		evidence = json_string_value(json_object_get(body, "evidence"));
		rc = effects(o, &r, rq.step == CS_RSTEP_GRANT ? rq.on + 1 :
		    rq.on, rq.step == CS_RSTEP_GRANT ? "credit repair "
		    "granted" : "credit repair revoked", evidence,
		    rq.step == CS_RSTEP_REVOKE, err);
		json_decref(body);
		if (rc != 0)
			return rc;
	}
	if (cs_store_repair_event(o->st, cs_rstep_name(rq.step), r.uscc,
	    o->b.s, o->b.len, &r.seq, err) != 0)
		return -1;
	return CS_ADDED;
}

const char *const *
cs_repair_need(int step)
{
	static const char *const apply[] = { "uscc", "target", NULL };
	static const char *const act[] = { "application_id", NULL };
	static const char *const decide[] = { "application_id", "outcome",
	    NULL };
	static const char *const ret[] = { "application_id", "missing",
	    "reason", NULL };

	if (step < 0)
		return apply;
	return step == CS_RSTEP_GRANT ? decide : step == CS_RSTEP_RETURN ?
	    ret : act;
}

const char *const cs_rapp_cols[CS_RAPP_NCOLS] = {
	"application_id", "uscc", "target", "kind", "state", "filed_on",
	"accept_by", "accepted_on", "decide_by", "extended", "decided_on",
	"effective_on", "revoked_on", "bar_until", "last_on", "overdue",
	"reason", "missing"
};

static void
write_app(struct cs_writer *w, const struct cs_rrow *r, int as_of)
{
	const char *v[CS_RAPP_NCOLS];
	struct cs_rapp a;
	char id[24];

	rapp_of(r, &a);
	cs_fmt(id, sizeof(id), "%ld", r->application_id);
	v[0] = id;
	v[1] = r->uscc;
	v[2] = r->target;
	v[3] = r->kind;
	v[4] = r->state;
	v[5] = r->filed_on;
	v[6] = r->accept_by;
	v[7] = r->accepted_on;
	v[8] = r->decide_by;
	v[9] = r->extended ? "yes" : "no";
	v[10] = r->decided_on;
	v[11] = r->effective_on;
	v[12] = r->revoked_on;
	v[13] = r->bar_until;
	v[14] = r->last_on;
	v[15] = cs_repair_overdue(&a, as_of) ? "yes" : "no";
	v[16] = r->reason;
	v[17] = r->missing;
	cs_writer_row(w, v, NULL);
}

int
cs_repairs_write(struct cs_store *st, const long *ids, size_t n,
    const char *state, int overdue, int as_of, struct cs_writer *w,
    struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_rrow r;
	struct cs_rapp a;
	char d[11];
	size_t i;
	int rc;

	if (ids != NULL) {
		for (i = 0; i < n; i++) {
			if (cs_store_repair(st, ids[i], &r, err) != 1)
				return -1;
			write_app(w, &r, as_of);
		}
		return 0;
	}
	cs_date_format(as_of, d);
	if (cs_store_iter_repairs(st, state, d, &it, err) != 0)
		return -1;
	while ((rc = cs_store_next_repair(it, &r, err)) == 1) {
		rapp_of(&r, &a);
		if (!overdue || cs_repair_overdue(&a, as_of))
			write_app(w, &r, as_of);
	}
	cs_store_iter_free(it);
	return rc < 0 ? -1 : 0;
}

int
cs_repairs_tally(struct cs_store *st, int from, int to,
    struct cs_repair_tally *t, struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_rrow r;
	struct cs_rapp a;
	char d[11];
	int rc, decided;

	memset(t, 0, sizeof(*t));
	cs_date_format(to, d);
	if (cs_store_iter_repairs(st, NULL, d, &it, err) != 0)
		return -1;
	while ((rc = cs_store_next_repair(it, &r, err)) == 1) {
		rapp_of(&r, &a);
		if (a.filed_on >= from)
			t->filed++;
		if (a.granted_on >= from && a.granted_on <= to)
			t->granted++;
		decided = date_of(r.decided_on);
		if (a.state == CS_RS_REFUSED && decided >= from &&
		    decided <= to)
			t->refused++;
		if (cs_repair_overdue(&a, to))
			t->overdue++;
	}
	cs_store_iter_free(it);
	return rc < 0 ? -1 : 0;
}
