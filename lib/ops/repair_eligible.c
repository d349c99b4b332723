/*
 * Eligibility for credit repair, read from the store: a penalty's
 * publicity (its regime, minimum, never-repaired rules) and the
 * conditions of repair.json, or a list entry's early removal; the
 * eligible rows of entities and the repair notices of new decisions.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/removal.h"
#include "ops/repairs.h"

int
cs_pubrec_repair(struct cs_store *st, const char *id, struct cs_pubrec *r,
    struct cs_error *err)
{
	int rc = cs_store_record_repair(st, id, &r->repaired_from,
	    &r->resumed_on, err);

	if (rc < 0)
		return -1;
	r->repaired = rc == 1;
	return 0;
}

/* Commitment and evidence of application app (0: target's latest). */
static void
app_facts(struct cs_repairops *o, const char *target, const char *kind,
    long app, int *commitment, int *evidence, char *ev, size_t evsz,
    struct cs_error *err)
{
	struct cs_event e;
	struct cs_rrow r;
	json_t *j;
	const char *s;

	*commitment = *evidence = 0;
	ev[0] = '\0';
	if (app == 0) {
		if (cs_store_repair_last(o->st, target, kind, &r, err) != 1)
			return;
		app = r.application_id;
	}
	if (cs_store_event(o->st, app, &e, err) != 1)
		return;
	j = json_loads(e.body, 0, NULL);
	s = json_string_value(json_object_get(j, "commitment"));
	*commitment = s != NULL && s[0] != '\0' && strcmp(s, "no") != 0;
	s = json_string_value(json_object_get(j, "evidence"));
	if (s != NULL && s[0] != '\0') {
		*evidence = 1;
		cs_fmt(ev, evsz, "%s", s);
	}
	json_decref(j);
}

/*
 * A penalty of uscc for the same violation type (any, when v is NULL)
 * decided after from up to day, other than id: 1, 0, -1.
 */
static int
new_penalty(struct cs_repairops *o, const char *uscc, const char *id,
    const char *v, int from, int day, struct cs_error *err)
{
	static const char *const types[] = { "penalty" };
	struct cs_record_filter flt = { 0 };
	struct cs_store_iter *it;
	struct cs_recmeta m;
	struct cs_fields f;
	char a[11], b[11];
	int r, found = 0;

	cs_date_format(from + 1, a);
	cs_date_format(day, b);
	flt.types = types;
	flt.ntypes = 1;
	flt.uscc = uscc;
	flt.decided_from = a;
	flt.decided_to = b;
	flt.by_decision = 1;
	if (cs_store_iter_records(o->st, &flt, &it, err) != 0)
		return -1;
	cs_fields_init(&f, &cs_record_schema);
	while (!found && (r = cs_store_next_record(it, &f, &m, err)) == 1)
		found = strcmp(f.v[R_ID], id) != 0 && (v == NULL ||
		    (f.v[R_VIOLATION_TYPE] != NULL &&
		    strcmp(f.v[R_VIOLATION_TYPE], v) == 0));
	cs_fields_release(&f);
	cs_store_iter_free(it);
	return found ? 1 : r < 0 ? -1 : 0;
}

/* Is the date s on or before day? */
static int
date_ok(const char *s, int day)
{
	int d;

	return cs_date_parse(s, strlen(s), &d) == 0 && d <= day;
}

/* The facts of record target (fields in o->f) on day. */
static int
record_facts(struct cs_repairops *o, const char *uscc, const char *target,
    const struct cs_recinfo *ri, int day, long app,
    struct cs_repair_judgement *j, struct cs_rfacts *rf,
    struct cs_pubinfo *pi, struct cs_error *err)
{
	static const char *const perf[] = { "obligation_performed" };
	struct cs_recinfo pr;
	struct cs_pubrec r;
	struct cs_listed l;
	char id[65], ev[512];
	int c, e, n;

	if (cs_store_record_version(o->st, ri->seq, &o->f, err) != 0)
		return -1;
	cs_pubrec_of_fields(&r, &o->f, ri->revoked);
	if (cs_pubrec_repair(o->st, target, &r, err) != 0)
		return -1;
	cs_publicity_judge(&o->ru->pub, &r, day, pi);
	j->kind = "record";
	cs_fmt(j->regime, sizeof(j->regime), "%s", pi->regime ? pi->regime :
	    "");
	j->last = pi->last;
	rf->repair_from = pi->repair_from;
	if (pi->never_repairable)
		rf->never_why = pi->never_why;
	else if (!pi->windowed || pi->regime == NULL)
		rf->ended_why = pi->why;
	else if (pi->state != CS_PUB_IN_WINDOW)
		rf->ended_why = pi->why;
	rf->required = cs_repair_required(o->rr, pi->regime,
	    o->f.v[R_DOMAIN]);
	app_facts(o, target, "record", app, &c, &e, ev, sizeof(ev), err);
	if (c)
		rf->met |= CS_RC_COMMITMENT;
	n = cs_store_first_ref(o->st, target, perf, 1, NULL, &pr, id, err);
	if (n < 0)
		return -1;
	if (e || (n == 1 && date_ok(pr.decided_on, day)))
		rf->met |= CS_RC_OBLIGATIONS;
	if (rf->required & CS_RC_NO_NEW_PENALTY) {
		n = new_penalty(o, uscc, target, o->f.v[R_VIOLATION_TYPE],
		    r.decided, day, err);
		if (n < 0)
			return -1;
		if (n == 0)
			rf->met |= CS_RC_NO_NEW_PENALTY;
	}
	if (rf->required & CS_RC_NOT_LISTED) {
		char d[11];

		cs_date_format(day, d);
		n = cs_store_listed(o->st, uscc, "serious", d, &l, err);
		if (n < 0)
			return -1;
		if (n == 0)
			rf->met |= CS_RC_NOT_LISTED;
	}
	return 0;
}

/* The facts of list entry e on day. */
static int
entry_facts(struct cs_repairops *o, const struct cs_lrow *e, int day,
    long app, struct cs_repair_judgement *j, struct cs_rfacts *rf,
    char *why, size_t whysz, struct cs_error *err)
{
	const struct cs_ltype *lt = cs_lists_type(o->ls, e->list);
	struct cs_removal_facts rem = { 0 };
	struct cs_lentry le = { 0 };
	char ev[512], target[24];
	int c, ee, listed, until;

	j->kind = "entry";
	cs_fmt(j->regime, sizeof(j->regime), "list:%s", e->list);
	cs_fmt(target, sizeof(target), "%ld", e->entry_id);
	j->last = -1;
	if (cs_date_parse(e->until, strlen(e->until), &until) == 0)
		j->last = until;
	if (lt == NULL || !lt->has_early) {
		cs_fmt(why, whysz, "the %s list allows no early removal",
		    e->list);
		rf->never_why = why;
		return 0;
	}
	if (strcmp(e->state, "listed") != 0 || cs_date_parse(e->listed_on,
	    strlen(e->listed_on), &listed) != 0) {
		cs_fmt(why, whysz, "entry %ld is %s%s%s", e->entry_id, e->state,
		    e->end_reason[0] ? " (" : "", e->end_reason[0] ?
		    e->end_reason : "");
		if (e->end_reason[0])
			cs_fmt(why + strlen(why), whysz - strlen(why), ")");
		rf->ended_why = why;
		return 0;
	}
	if (j->last >= 0 && day > j->last) {
		cs_fmt(why, whysz, "entry %ld expired after %s", e->entry_id,
		    e->until);
		rf->ended_why = why;
	}
	rf->repair_from = cs_list_early_from(lt, listed);
	rf->required = o->rr->list_conds;
	app_facts(o, target, "entry", app, &c, &ee, ev, sizeof(ev), err);
	if (c)
		rf->met |= CS_RC_COMMITMENT;
	if (ee)
		rf->met |= CS_RC_OBLIGATIONS;
	if (cs_removal_facts_load(&rem, o->st, o->ls, e->entry_id, e->uscc,
	    e->listed_on, day, ee ? ev : NULL, err) != 0)
		return -1;
	le.id = e->entry_id;
	le.state = CS_LS_LISTED;
	le.listed_on = listed;
	le.until = j->last;
	if (lt->early_requires == 0 || cs_list_early_conditions(lt, &le,
	    &rem.r, day, why, whysz) == 0)
		rf->met |= CS_RC_LIST_EARLY;
	else
		rf->list_why = why;
	cs_removal_facts_release(&rem);
	return 0;
}

int
cs_repair_judge_target(struct cs_repairops *o, const char *uscc,
    const char *target, int day, long app, struct cs_repair_judgement *j,
    struct cs_error *err)
{
	struct cs_rfacts rf = { 0 };
	struct cs_recinfo ri;
	struct cs_pubinfo pi;
	struct cs_lrow e;
	char why[512], *end;
	long id;
	int r;

	if (j->missing.s == NULL)
		cs_buf_init(&j->missing);
	cs_buf_reset(&j->missing);
	j->regime[0] = '\0';
	rf.repair_from = -1;
	rf.barred_until = -1;
	r = cs_store_record_info(o->st, target, &ri, err);
	if (r < 0)
		return -1;
	if (r == 1 && strcmp(ri.uscc, uscc) == 0) {
		if (record_facts(o, uscc, target, &ri, day, app, j, &rf, &pi,
		    err) != 0)
			return -1;
	} else {
		id = strtol(target, &end, 10);
		r = *end == '\0' && id > 0 ? cs_store_lentry(o->st, id, &e,
		    err) : 0;
		if (r < 0)
			return -1;
		if (r == 0 || strcmp(e.uscc, uscc) != 0) {
			cs_fmt(o->msg, sizeof(o->msg), "target '%s' is no "
			    "record and no list entry of '%s'", target, uscc);
			return 0;
		}
		if (entry_facts(o, &e, day, app, j, &rf, why, sizeof(why),
		    err) != 0)
			return -1;
	}
	if (cs_store_repair_bar(o->st, target, j->kind, &rf.barred_until,
	    err) < 0)
		return -1;
	j->required = rf.required;
	cs_repair_judge(&rf, day, &j->e);
	cs_rcond_list(j->e.missing, &j->missing);
	return 1;
}

const char *const cs_relig_cols[CS_RELIG_NCOLS] = {
	"uscc", "target", "kind", "regime", "eligible", "repair_from",
	"required", "missing", "why"
};

static int
write_judgement(struct cs_repairops *o, struct cs_writer *w,
    const char *uscc, const char *target, int day,
    struct cs_repair_judgement *j, struct cs_buf *req, struct cs_error *err)
{
	const char *v[CS_RELIG_NCOLS];
	char from[11];
	int r;

	r = cs_repair_judge_target(o, uscc, target, day, 0, j, err);
	if (r <= 0)
		return r;
	from[0] = '\0';
	if (j->e.from >= 0)
		cs_date_format(j->e.from, from);
	cs_buf_reset(req);
	cs_rcond_list(j->required, req);
	v[0] = uscc;
	v[1] = target;
	v[2] = j->kind;
	v[3] = j->regime;
	v[4] = j->e.eligible ? "yes" : "no";
	v[5] = from;
	v[6] = req->s;
	v[7] = j->missing.s;
	v[8] = j->e.why;
	cs_writer_row(w, v, NULL);
	return 0;
}

int
cs_repair_eligible_write(struct cs_repairops *o, const char *uscc, int day,
    struct cs_writer *w, struct cs_error *err)
{
	static const char *const types[] = { "penalty" };
	struct cs_repair_judgement j = { 0 };
	struct cs_record_filter flt = { 0 };
	struct cs_store_iter *it = NULL;
	struct cs_pubinfo pi;
	struct cs_pubrec pr;
	struct cs_recmeta m;
	struct cs_fields f;
	struct cs_buf req;
	struct cs_lrow e;
	char d[11], id[65], u[19], eid[24];
	int r, rc = -1;

	cs_date_format(day, d);
	cs_buf_init(&req);
	cs_fields_init(&f, &cs_record_schema);
	flt.types = types;
	flt.ntypes = 1;
	flt.uscc = uscc;
	flt.decided_to = d;
	flt.by_decision = 1;
	if (cs_store_iter_records(o->st, &flt, &it, err) != 0)
		goto out;
	while ((r = cs_store_next_record(it, &f, &m, err)) == 1) {
		/* Only what is published, or was until a repair. */
		cs_pubrec_of_fields(&pr, &f, m.revoked);
		if (cs_pubrec_repair(o->st, f.v[R_ID], &pr, err) != 0)
			goto out;
		cs_publicity_judge(&o->ru->pub, &pr, day, &pi);
		if (pi.state != CS_PUB_IN_WINDOW &&
		    pi.state != CS_PUB_REPAIRED)
			continue;
		cs_fmt(id, sizeof(id), "%s", f.v[R_ID]);
		cs_fmt(u, sizeof(u), "%s", f.v[R_USCC]);
		if (write_judgement(o, w, u, id, day, &j, &req, err) != 0)
			goto out;
	}
	cs_store_iter_free(it);
	it = NULL;
	if (r < 0 || cs_store_iter_lentries(o->st, NULL, "listed", d, &it,
	    err) != 0)
		goto out;
	while ((r = cs_store_next_lentry(it, &e, err)) == 1) {
		if (uscc != NULL && strcmp(e.uscc, uscc) != 0)
			continue;
		cs_fmt(eid, sizeof(eid), "%ld", e.entry_id);
		cs_fmt(u, sizeof(u), "%s", e.uscc);
		if (write_judgement(o, w, u, eid, day, &j, &req, err) != 0)
			goto out;
	}
	rc = r < 0 ? -1 : 0;
out:
	cs_store_iter_free(it);
	cs_fields_release(&f);
	cs_buf_release(&req);
	if (j.missing.s != NULL)
		cs_buf_release(&j.missing);
	return rc;
}

const char *const cs_rnotice_cols[CS_RNOTICE_NCOLS] = {
	"uscc", "name", "target", "kind", "decided_on", "authority",
	"regime", "repair_from", "publicity_until", "required",
	"never_repairable", "how", "seq"
};

/* One notice row. */
static void
notice_row(struct cs_writer *w, const char *const v[CS_RNOTICE_NCOLS])
{
	cs_writer_row(w, v, NULL);
}

int
cs_repair_notices_write(struct cs_repairops *o, long since_seq,
    struct cs_writer *w, struct cs_error *err)
{
	static const char *const types[] = { "penalty" };
	const struct cs_repair_deadlines *dl;
	struct cs_record_filter flt = { 0 };
	struct cs_store_iter *it;
	const struct cs_ltype *lt;
	const char *v[CS_RNOTICE_NCOLS];
	struct cs_pubinfo pi;
	struct cs_pubrec pr;
	struct cs_recmeta m;
	struct cs_fields f;
	struct cs_buf how, req;
	struct cs_lrow e;
	char from[11], last[11], seq[24], eid[24], listed[11];
	long *ids = NULL;
	size_t n = 0, i;
	int r, rc = -1, day;

	cs_buf_init(&how);
	cs_buf_init(&req);
	cs_fields_init(&f, &cs_record_schema);
	flt.types = types;
	flt.ntypes = 1;
	flt.since_seq = since_seq;
	if (cs_store_iter_records(o->st, &flt, &it, err) != 0)
		goto out;
	while ((r = cs_store_next_record(it, &f, &m, err)) == 1) {
		if (m.rid != m.seq)
			continue;	/* a correction: no new decision */
		cs_pubrec_of_fields(&pr, &f, m.revoked);
		cs_publicity_judge(&o->ru->pub, &pr, pr.decided, &pi);
		if (!pi.windowed || pi.regime == NULL)
			continue;	/* not published: nothing to repair */
		from[0] = last[0] = '\0';
		if (pi.repair_from >= 0)
			cs_date_format(pi.repair_from, from);
		if (pi.last >= 0)
			cs_date_format(pi.last, last);
		dl = cs_repair_deadlines_at(o->rr, o->as_of);
		cs_buf_reset(&how);
		cs_repair_how(o->rr, dl, &how);
		cs_buf_reset(&req);
		cs_rcond_list(cs_repair_required(o->rr, pi.regime,
		    f.v[R_DOMAIN]), &req);
		cs_fmt(seq, sizeof(seq), "%ld", m.seq);
		v[0] = f.v[R_USCC];
		v[1] = f.v[R_NAME];
		v[2] = f.v[R_ID];
		v[3] = "record";
		v[4] = f.v[R_DECIDED_ON];
		v[5] = f.v[R_AUTHORITY];
		v[6] = pi.regime;
		v[7] = pi.never_repairable ? "" : from;
		v[8] = last;
		v[9] = pi.never_repairable ? "" : req.s;
		v[10] = pi.never_repairable ? pi.never_why : "";
		v[11] = pi.never_repairable ? "" : how.s;
		v[12] = seq;
		notice_row(w, v);
	}
	cs_store_iter_free(it);
	if (r < 0 || cs_store_decided_since(o->st, since_seq, &ids, &n,
	    err) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		if (cs_store_lentry(o->st, ids[i], &e, err) != 1)
			goto out;
		lt = cs_lists_type(o->ls, e.list);
		from[0] = '\0';
		cs_fmt(listed, sizeof(listed), "%s", e.listed_on);
		if (lt != NULL && cs_date_parse(e.listed_on,
		    strlen(e.listed_on), &day) == 0 && lt->has_early)
			cs_date_format(cs_list_early_from(lt, day), from);
		dl = cs_repair_deadlines_at(o->rr, o->as_of);
		cs_buf_reset(&how);
		cs_repair_how(o->rr, dl, &how);
		cs_buf_reset(&req);
		cs_rcond_list(o->rr->list_conds, &req);
		cs_fmt(eid, sizeof(eid), "%ld", e.entry_id);
		cs_fmt(seq, sizeof(seq), "%ld", e.seq);
		cs_fmt(last, sizeof(last), "%s", e.until);
		v[0] = e.uscc;
		v[1] = e.name;
		v[2] = eid;
		v[3] = "entry";
		v[4] = listed;
		v[5] = NULL;
		v[6] = e.list;
		v[7] = from;
		v[8] = last;
		v[9] = from[0] ? req.s : "";
		v[10] = from[0] ? "" : "the list allows no early removal";
		v[11] = from[0] ? how.s : "";
		v[12] = seq;
		notice_row(w, v);
	}
	rc = 0;
out:
	free(ids);
	cs_fields_release(&f);
	cs_buf_release(&how);
	cs_buf_release(&req);
	return rc;
}
