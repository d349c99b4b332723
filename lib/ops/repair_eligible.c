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

json_t *
cs_repair_app_body(struct cs_store *st, long id, struct cs_error *err)
{
	static const char *const keys[] = { "commitment", "evidence" };
	struct cs_event ev;
	json_t *j, *c, *v;
	long seq;
	size_t k;

	if (cs_store_event(st, id, &ev, err) != 1)
		return NULL;
	j = json_loads(ev.body, 0, NULL);
	if (j == NULL || cs_store_repair_completion(st, id, &seq, err) != 1 ||
	    cs_store_event(st, seq, &ev, err) != 1)
		return j;
	c = json_loads(ev.body, 0, NULL);
	for (k = 0; k < 2; k++) {
		v = json_object_get(c, keys[k]);
		if (json_is_string(v))
			json_object_set(j, keys[k], v);
	}
	json_decref(c);
	return j;
}

/* Commitment and evidence of application app (0: target's latest). */
static void
app_facts(struct cs_repairops *o, const char *target, const char *kind,
    long app, int *commitment, int *evidence, char *ev, size_t evsz,
    struct cs_error *err)
{
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
	j = cs_repair_app_body(o->st, app, err);
	if (j == NULL)
		return;
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

/* The day of date s, -1 when none. */
static int
day_of(const char *s)
{
	int d;

	if (s == NULL || cs_date_parse(s, strlen(s), &d) != 0)
		return -1;
	return d;
}

/*
 * The penalty p as the publicity rules see it (r borrows p's strings),
 * with its repair, as cs_pubrec_of_fields and cs_pubrec_repair fill it.
 */
static void
pubrec_of_rpen(struct cs_pubrec *r, const struct cs_rpen *p)
{
	memset(r, 0, sizeof(*r));
	r->type = p->type;
	r->severity = p->severity;
	r->domain = p->domain;
	r->penalty_category = p->penalty_category;
	r->violation_type = p->violation_type;
	r->decided = day_of(p->decided_on);
	/* 2099-12-31 means long-term (DESIGN.md 4). */
	r->valid_until = p->valid_until != NULL &&
	    strcmp(p->valid_until, "2099-12-31") == 0 ? -1 :
	    day_of(p->valid_until);
	r->revoked = p->revoked;
	r->repaired = p->effective_on != NULL;
	r->repaired_from = day_of(p->effective_on);
	r->resumed_on = day_of(p->revoked_on);
}

/*
 * What the judgement of a penalty takes from its entity's other rows:
 * whether a later penalty of the same violation type was decided by the
 * day (-1: look it up), and whether the entity is on the serious list
 * on the day (-1: look it up once, then kept).
 */
struct pen_ctx {
	int new_penalty;
	int listed;
};

/* The facts of penalty p (r, judged on day into pi) on day. */
static int
penalty_facts(struct cs_repairops *o, const struct cs_rpen *p,
    const struct cs_pubrec *r, const struct cs_pubinfo *pi, int day,
    long app, struct pen_ctx *cx, struct cs_repair_judgement *j,
    struct cs_rfacts *rf, struct cs_error *err)
{
	struct cs_listed l;
	char ev[512];
	int c, e, n;

	j->kind = "record";
	cs_fmt(j->regime, sizeof(j->regime), "%s", pi->regime ? pi->regime :
	    "");
	j->last = pi->last;
	if (pi->state == CS_PUB_SEVERITY) {
		/* e.g. a minor penalty of the 2026 regime, unless published */
		rf->ended_why = "not published: nothing to repair";
		return 0;
	}
	rf->repair_from = pi->repair_from;
	if (pi->never_repairable)
		rf->never_why = pi->never_why;
	else if (!pi->windowed || pi->regime == NULL)
		rf->ended_why = pi->why;
	else if (pi->state != CS_PUB_IN_WINDOW)
		rf->ended_why = pi->why;
	rf->required = cs_repair_required(o->rr, pi->regime, p->domain);
	if (app == 0)
		app = p->app;
	if (app != 0)
		app_facts(o, p->id, "record", app, &c, &e, ev, sizeof(ev),
		    err);
	else
		c = e = 0;
	if (c)
		rf->met |= CS_RC_COMMITMENT;
	if (e || (p->performed_on != NULL && date_ok(p->performed_on, day)))
		rf->met |= CS_RC_OBLIGATIONS;
	/*
	 * No minimum (a published minor penalty of the 2026 regime):
	 * repairable as soon as the obligations are performed.
	 */
	n = day_of(p->performed_on);
	if (rf->repair_from >= 0 && rf->repair_from == r->decided &&
	    n > rf->repair_from && n <= day)
		rf->repair_from = n;
	if (rf->required & CS_RC_NO_NEW_PENALTY) {
		n = cx->new_penalty;
		if (n < 0)
			n = new_penalty(o, p->uscc, p->id, p->violation_type,
			    r->decided, day, err);
		if (n < 0)
			return -1;
		if (n == 0)
			rf->met |= CS_RC_NO_NEW_PENALTY;
	}
	if (rf->required & CS_RC_NOT_LISTED) {
		char d[11];

		if (cx->listed < 0) {
			cs_date_format(day, d);
			cx->listed = cs_store_listed(o->st, p->uscc, "serious",
			    d, &l, err);
			if (cx->listed < 0)
				return -1;
		}
		if (cx->listed == 0)
			rf->met |= CS_RC_NOT_LISTED;
	}
	rf->barred_until = day_of(p->bar_until);
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

/* Start a judgement: j->missing ready, nothing found yet. */
static void
judgement_start(struct cs_repair_judgement *j, struct cs_rfacts *rf)
{
	if (j->missing.s == NULL)
		cs_buf_init(&j->missing);
	cs_buf_reset(&j->missing);
	j->regime[0] = '\0';
	memset(rf, 0, sizeof(*rf));
	rf->repair_from = -1;
	rf->barred_until = -1;
}

/* Judge what rf holds on day into j. */
static void
judgement_end(struct cs_repair_judgement *j, struct cs_rfacts *rf, int day)
{
	j->required = rf->required;
	cs_repair_judge(rf, day, &j->e);
	cs_rcond_list(j->e.missing, &j->missing);
}

int
cs_repair_judge_target(struct cs_repairops *o, const char *uscc,
    const char *target, int day, long app, struct cs_repair_judgement *j,
    struct cs_error *err)
{
	struct pen_ctx cx = { -1, -1 };
	struct cs_rfacts rf;
	struct cs_pubrec pr;
	struct cs_pubinfo pi;
	struct cs_rpen p;
	struct cs_lrow e;
	char why[512], *end;
	long id;
	int r;

	judgement_start(j, &rf);
	r = cs_store_repair_penalty(o->st, target, &p, err);
	if (r < 0)
		return -1;
	if (r == 1 && strcmp(p.uscc, uscc) == 0) {
		pubrec_of_rpen(&pr, &p);
		cs_publicity_judge(&o->ru->pub, &pr, day, &pi);
		if (penalty_facts(o, &p, &pr, &pi, day, app, &cx, j, &rf,
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
		if (cs_store_repair_bar(o->st, target, j->kind,
		    &rf.barred_until, err) < 0)
			return -1;
	}
	judgement_end(j, &rf, day);
	return 1;
}

const char *const cs_relig_cols[CS_RELIG_NCOLS] = {
	"uscc", "target", "kind", "regime", "eligible", "repair_from",
	"required", "missing", "why"
};

/* Write the judgement j of target of uscc on day. */
static void
write_judgement(struct cs_writer *w, const char *uscc, const char *target,
    const struct cs_repair_judgement *j, struct cs_buf *req)
{
	const char *v[CS_RELIG_NCOLS];
	char from[11];

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
}

/*
 * The penalties of one entity, held while its rows are read (the strings
 * of each in one arena, reused from entity to entity: no allocation per
 * record once the largest entity has been seen).
 */
enum { HP_ID, HP_USCC, HP_SEVERITY, HP_DOMAIN, HP_VIOLATION, HP_CATEGORY,
	HP_DECIDED, HP_VALID, HP_EFFECTIVE, HP_RESUMED, HP_BAR, HP_PERFORMED,
	HP_TYPE, HP_N };

struct held {
	long off[HP_N];			/* into the arena; -1: NULL */
	int revoked;
	long app;
};

struct entity_pens {
	struct cs_buf arena;
	struct held *v;
	size_t n, cap;
};

/* Keep a copy of p (same uscc as the ones held). */
static void
hold(struct entity_pens *ep, const struct cs_rpen *p)
{
	const char *s[HP_N] = { p->id, p->uscc, p->severity, p->domain,
	    p->violation_type, p->penalty_category, p->decided_on,
	    p->valid_until, p->effective_on, p->revoked_on, p->bar_until,
	    p->performed_on, p->type };
	struct held *h;
	int k;

	if (ep->n == ep->cap) {
		ep->cap = ep->cap ? 2 * ep->cap : 16;
		ep->v = cs_xreallocarray(ep->v, ep->cap, sizeof(*ep->v));
	}
	h = &ep->v[ep->n++];
	for (k = 0; k < HP_N; k++) {
		h->off[k] = -1;
		if (s[k] == NULL)
			continue;
		h->off[k] = (long)ep->arena.len;
		cs_buf_add(&ep->arena, s[k], strlen(s[k]) + 1);
	}
	h->revoked = p->revoked;
	h->app = p->app;
}

/* The held penalty i as a struct cs_rpen (borrowing the arena). */
static void
held_rpen(const struct entity_pens *ep, size_t i, struct cs_rpen *p)
{
	const struct held *h = &ep->v[i];
	const char *s[HP_N];
	int k;

	for (k = 0; k < HP_N; k++)
		s[k] = h->off[k] < 0 ? NULL : ep->arena.s + h->off[k];
	p->id = s[HP_ID];
	p->uscc = s[HP_USCC];
	p->severity = s[HP_SEVERITY];
	p->domain = s[HP_DOMAIN];
	p->violation_type = s[HP_VIOLATION];
	p->penalty_category = s[HP_CATEGORY];
	p->decided_on = s[HP_DECIDED];
	p->valid_until = s[HP_VALID];
	p->effective_on = s[HP_EFFECTIVE];
	p->revoked_on = s[HP_RESUMED];
	p->bar_until = s[HP_BAR];
	p->performed_on = s[HP_PERFORMED];
	p->type = s[HP_TYPE];
	p->revoked = h->revoked;
	p->app = h->app;
}

/*
 * Was a penalty of the entity of the same violation type as held penalty
 * i (any, when it has none) decided after it?  The held ones are the
 * entity's active penalties up to the day, so this is new_penalty's
 * question answered from memory.
 */
static int
later_penalty(const struct entity_pens *ep, size_t i)
{
	const char *d = ep->arena.s + ep->v[i].off[HP_DECIDED];
	long vi = ep->v[i].off[HP_VIOLATION], vk;
	size_t k;

	for (k = 0; k < ep->n; k++) {
		if (k == i || strcmp(ep->arena.s + ep->v[k].off[HP_DECIDED],
		    d) <= 0)
			continue;
		vk = ep->v[k].off[HP_VIOLATION];
		if (vi < 0 || (vk >= 0 && strcmp(ep->arena.s + vi,
		    ep->arena.s + vk) == 0))
			return 1;
	}
	return 0;
}

/* Judge and write the held penalties that are (or were until a repair)
 * published on day, then forget them. */
static int
flush_entity(struct cs_repairops *o, struct entity_pens *ep, int day,
    struct cs_writer *w, struct cs_repair_judgement *j, struct cs_buf *req,
    struct cs_error *err)
{
	struct pen_ctx cx = { -1, -1 };
	struct cs_pubinfo pi;
	struct cs_pubrec pr;
	struct cs_rfacts rf;
	struct cs_rpen p;
	size_t i;

	for (i = 0; i < ep->n; i++) {
		held_rpen(ep, i, &p);
		pubrec_of_rpen(&pr, &p);
		/* Its why in words only when penalty_facts reads it. */
		cs_publicity_judge_quiet(&o->ru->pub, &pr, day, &pi);
		/* Not published, within what its maximum would be: said so. */
		if (pi.state == CS_PUB_SEVERITY && pi.quiet_last >= day) {
			judgement_start(j, &rf);
			if (penalty_facts(o, &p, &pr, &pi, day, 0, &cx, j, &rf,
			    err) != 0)
				return -1;
			judgement_end(j, &rf, day);
			write_judgement(w, p.uscc, p.id, j, req);
			continue;
		}
		if (pi.state != CS_PUB_IN_WINDOW &&
		    pi.state != CS_PUB_REPAIRED)
			continue;
		if (pi.state != CS_PUB_IN_WINDOW || pi.regime == NULL)
			cs_publicity_judge(&o->ru->pub, &pr, day, &pi);
		judgement_start(j, &rf);
		cx.new_penalty = later_penalty(ep, i);
		if (penalty_facts(o, &p, &pr, &pi, day, 0, &cx, j, &rf,
		    err) != 0)
			return -1;
		judgement_end(j, &rf, day);
		write_judgement(w, p.uscc, p.id, j, req);
	}
	ep->n = 0;
	cs_buf_reset(&ep->arena);
	return 0;
}

int
cs_repair_eligible_write(struct cs_repairops *o, const char *uscc, int day,
    struct cs_writer *w, struct cs_error *err)
{
	struct cs_repair_judgement j = { 0 };
	struct entity_pens ep = { 0 };
	struct cs_store_iter *it = NULL;
	struct cs_rpen p;
	struct cs_buf req;
	struct cs_lrow e;
	char d[11], u[19], eid[24];
	int r, rc = -1;

	cs_date_format(day, d);
	cs_buf_init(&req);
	cs_buf_init(&ep.arena);
	/*
	 * One ordered pass: the penalties of an entity are held until the
	 * next entity's first one, then judged together.  A pass over the
	 * whole store reads each page once: a small cache (unless the user
	 * chose one) keeps its memory flat in the store's size.
	 */
	if (uscc == NULL && cs_store_scan(o->st, err) != 0)
		goto out;
	if (cs_store_iter_repair_penalties(o->st, uscc, d, &it, err) != 0)
		goto out;
	while ((r = cs_store_next_repair_penalty(it, &p, err)) == 1) {
		if (ep.n > 0 && strcmp(ep.arena.s + ep.v[0].off[HP_USCC],
		    p.uscc) != 0 && flush_entity(o, &ep, day, w, &j, &req,
		    err) != 0)
			goto out;
		hold(&ep, &p);
	}
	if (r < 0 || flush_entity(o, &ep, day, w, &j, &req, err) != 0)
		goto out;
	cs_store_iter_free(it);
	it = NULL;
	if (cs_store_iter_lentries_of(o->st, uscc, NULL, "listed", d, &it,
	    err) != 0)
		goto out;
	while ((r = cs_store_next_lentry(it, &e, err)) == 1) {
		cs_fmt(eid, sizeof(eid), "%ld", e.entry_id);
		cs_fmt(u, sizeof(u), "%s", e.uscc);
		r = cs_repair_judge_target(o, u, eid, day, 0, &j, err);
		if (r < 0)
			goto out;
		if (r == 1)
			write_judgement(w, u, eid, &j, &req);
	}
	rc = r < 0 ? -1 : 0;
out:
	cs_store_iter_free(it);
	cs_buf_release(&req);
	cs_buf_release(&ep.arena);
	free(ep.v);
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
	struct cs_fields ef;
	char auth[256];
	long *ids = NULL, *seqs = NULL, regseq;
	size_t n = 0, i;
	int r, rc = -1, day;

	cs_buf_init(&how);
	cs_buf_init(&req);
	cs_fields_init(&f, &cs_record_schema);
	cs_fields_init(&ef, &cs_entity_schema);
	flt.types = types;
	flt.ntypes = 1;
	flt.since_seq = since_seq;
	if (cs_store_iter_records(o->st, &flt, &it, err) != 0)
		goto out;
	while ((r = cs_store_next_record(it, &f, &m, err)) == 1) {
		if (m.rid != m.seq)
			continue;	/* a correction: no new decision */
		cs_pubrec_of_fields(&pr, &f, m.revoked);
		cs_publicity_judge_quiet(&o->ru->pub, &pr, pr.decided, &pi);
		if (!pi.windowed || pi.regime == NULL)
			continue;	/* not published: nothing to repair */
		from[0] = last[0] = '\0';
		if (pi.repair_from >= 0)
			cs_date_format(pi.repair_from, from);
		if (pi.last >= 0)
			cs_date_format(pi.last, last);
		dl = cs_repair_deadlines_at(o->rr, o->as_of);
		cs_buf_reset(&how);
		cs_repair_how(o->rr, dl, 0, &how);
		cs_buf_reset(&req);
		cs_rcond_list(cs_repair_required(o->rr, pi.regime,
		    f.v[R_DOMAIN]), &req);
		cs_fmt(seq, sizeof(seq), "%ld", m.seq);
		v[0] = f.v[R_USCC];
		v[1] = f.v[R_NAME];
		/* The record gives no name: the register's. */
		if ((v[1] == NULL || v[1][0] == '\0') && cs_store_entity(o->st,
		    f.v[R_USCC], &ef, &regseq, err) == 1)
			v[1] = ef.v[E_NAME];
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
	if (r < 0 || cs_store_decided_since(o->st, since_seq, &ids, &seqs, &n,
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
		cs_repair_how(o->rr, dl, 1, &how);
		cs_buf_reset(&req);
		cs_rcond_list(o->rr->list_conds, &req);
		cs_fmt(eid, sizeof(eid), "%ld", e.entry_id);
		/* The listing decision's event, whatever came after it. */
		cs_fmt(seq, sizeof(seq), "%ld", seqs[i]);
		if (cs_store_entry_authority(o->st, e.entry_id, auth,
		    sizeof(auth), err) < 0)
			goto out;
		cs_fmt(last, sizeof(last), "%s", e.until);
		v[0] = e.uscc;
		v[1] = e.name;
		v[2] = eid;
		v[3] = "entry";
		v[4] = listed;
		v[5] = auth;
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
	free(seqs);
	cs_fields_release(&f);
	cs_fields_release(&ef);
	cs_buf_release(&how);
	cs_buf_release(&req);
	return rc;
}
