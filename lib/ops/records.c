/*
 * Operations on the records of the store, with the checks the rules ask
 * for before each ledger event.  Every refusal is worded for the row's
 * reject message; nothing here prints.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/calendar.h"
#include "ops/list_actions.h"
#include "ops/records.h"

/* The hooks' context: the binding belongs to the reading thread. */
struct rec_reader {
	struct cs_rec_read o;
	struct cs_binding b;
};

static void *
item_new(void *ctx)
{
	struct rec_reader *rd = ctx;
	struct cs_rec_item *ri = cs_xcalloc(1, sizeof(*ri));

	cs_fields_init(&ri->f, rd->o.sc);
	cs_buf_init(&ri->body);
	cs_prepacked_init(&ri->pp);
	return ri;
}

static void
item_free(void *ctx, void *data)
{
	struct cs_rec_item *ri = data;

	(void)ctx;
	if (ri == NULL)
		return;
	cs_fields_release(&ri->f);
	cs_buf_release(&ri->body);
	cs_prepacked_release(&ri->pp);
	free(ri);
}

/* A CSV header must name the columns every row needs (or --set them). */
static int
reader_open(void *ctx, const char *name, int format,
    const struct cs_header *h, struct cs_error *err)
{
	struct rec_reader *rd = ctx;
	const struct cs_schema *sc = rd->o.sc;
	const char *miss[CS_MAXCOLS + 1];
	char msg[1024];
	size_t i, n = 0;

	rd->b.hdr_n = (size_t)-1;	/* a new header: bind again */
	if (format != CS_FMT_CSV || h->n == 0)
		return 0;
	cs_binding_bind(&rd->b, h);
	for (i = 0; i < rd->o.nneed && n < CS_MAXCOLS; i++)
		if (!cs_binding_has(&rd->b, rd->o.need[i]))
			miss[n++] = sc->cols[rd->o.need[i]].name;
	miss[n] = NULL;
	/* All that are missing, in one message; the run stops here (65). */
	if (n > 0 && cs_header_lacks(h, miss, NULL, 0, 1, msg,
	    sizeof(msg)) > 0)
		return cs_error_set(err, CS_EX_DATAERR, name, 1, "%s", msg);
	return 0;
}

/*
 * A feed's own end of publicity (公示截止期) is kept as given; when the
 * rules give another day, the row says so in a warning (after any other).
 */
static void
check_end(const struct cs_publicity *pub, const struct cs_fields *f,
    char *msg, size_t msgsz)
{
	char warn[512];
	size_t n;

	if (cs_publicity_end_differs(pub, f, warn, sizeof(warn)) != 1)
		return;
	n = strlen(msg);
	cs_fmt(msg + n, msgsz - n, "%s%s", n > 0 ? "; " : "", warn);
}

int
cs_rec_derive_severity(const struct cs_severity *sv, struct cs_fields *f,
    char *msg, size_t msgsz)
{
	const struct cs_sevrule *rule;
	struct cs_sevrec r;
	const char *d = f->v[R_DECIDED_ON];
	char why[512];

	if (sv == NULL || f->v[R_SEVERITY] != NULL ||
	    !cs_severity_applies(sv, f->v[R_TYPE], f->vlen[R_TYPE]) ||
	    d == NULL || cs_date_parse(d, strlen(d), &r.decided) != 0)
		return 0;
	r.type = f->v[R_TYPE];
	r.penalty_category = f->v[R_PENALTY_CATEGORY];
	r.fine_10k_yuan = f->v[R_FINE_10K_YUAN];
	r.party_category = f->v[R_PARTY_CATEGORY];
	r.domain = f->v[R_DOMAIN];
	r.authority_uscc = f->v[R_AUTHORITY_USCC];
	r.fine_elsewhere = cs_fields_fine_elsewhere(sv, f);
	if (!cs_severity_derive(sv, &r, &rule, why, sizeof(why))) {
		cs_fmt(msg, msgsz, "severity is empty and cannot be derived: "
		    "%s", why);
		return -1;
	}
	cs_fields_put(f, R_SEVERITY, rule->severity, strlen(rule->severity));
	cs_fields_put(f, R_SEVERITY_RULE, rule->id, strlen(rule->id));
	return 1;
}

/*
 * Derive the severity of a record row: CS_MARK_DERIVED, 0 (nothing to
 * derive), or CS_MARK_UNDERIVABLE with the reject message in why and a
 * stand-in severity in the row, so that the checks can still name any
 * other fault of the row first.
 */
static int
underivable(struct rec_reader *rd, struct cs_rec_item *ri, char *why,
    size_t whysz)
{
	const struct cs_vocab *sev = &rd->o.cat->severities;
	int r = cs_rec_derive_severity(rd->o.sev, &ri->f, why, whysz);

	if (r >= 0)
		return r > 0 ? CS_MARK_DERIVED : 0;
	if (sev->nvalues > 0)
		cs_fields_put(&ri->f, R_SEVERITY, sev->values[0],
		    strlen(sev->values[0]));
	return CS_MARK_UNDERIVABLE;
}

/* Say after msg why no severity was derived: no severity.json. */
static void
absent(char *msg, size_t msgsz)
{
	size_t n = strlen(msg);

	cs_fmt(msg + n, msgsz - n, " (severity.json is absent from the rules "
	    "directory, so none is derived)");
}

/* Check a row against the schema; fills the item. */
static void
reader_prepare(void *ctx, const struct cs_row *row, struct cs_item *it)
{
	struct rec_reader *rd = ctx;
	struct cs_rec_item *ri = it->data;
	char warn[512], id[17], why[600];
	const char *subject;
	int r;

	ri->pp.state = -1;
	cs_binding_bind(&rd->b, row->hdr);
	cs_fields_from_row(&ri->f, &rd->b, row);
	if (rd->o.sc == &cs_record_schema &&
	    cs_fields_fine_yuan(&ri->f, it->msg, sizeof(it->msg)) < 0) {
		it->kind = CS_ITEM_REJECT;
		return;
	}
	if (rd->o.sc == &cs_record_schema)
		it->mark = underivable(rd, ri, why, sizeof(why));
	r = cs_fields_check(rd->o.cat, &ri->f, rd->o.co, it->msg,
	    sizeof(it->msg), warn, sizeof(warn));
	if (r < 0 || it->mark == CS_MARK_UNDERIVABLE) {
		/* Another fault of the row is said first. */
		if (r < 0)
			it->mark = 0;
		else
			cs_fmt(it->msg, sizeof(it->msg), "%s", why);
		if (r < 0 && rd->o.sev != NULL && !rd->o.sev->loaded &&
		    strstr(it->msg, "requires column 'severity'") != NULL)
			absent(it->msg, sizeof(it->msg));
		it->kind = CS_ITEM_REJECT;
		return;
	}
	it->kind = CS_ITEM_ROW;
	it->msg[0] = '\0';
	if (r > 0)
		cs_fmt(it->msg, sizeof(it->msg), "%s", warn);
	if (rd->o.sc == &cs_record_schema && rd->o.pub != NULL)
		check_end(rd->o.pub, &ri->f, it->msg, sizeof(it->msg));
	if (rd->o.sc == &cs_record_schema &&
	    cs_severity_implausible(rd->o.sev, ri->f.v[R_FINE_10K_YUAN], warn,
	    sizeof(warn))) {
		r = (int)strlen(it->msg);
		cs_fmt(it->msg + r, sizeof(it->msg) - (size_t)r, "%s%s",
		    r > 0 ? "; " : "", warn);
	}
	if (rd->o.sc == &cs_record_schema && ri->f.v[R_ID] == NULL) {
		cs_record_derive_id(&ri->f, id);
		cs_fields_put(&ri->f, R_ID, id, 16);
	}
	cs_buf_reset(&ri->body);
	cs_fields_json(&ri->f, &ri->body, -1);
	/* The packing the store would do, but its words, done here. */
	subject = ri->f.v[rd->o.sc == &cs_record_schema ? R_USCC : E_USCC];
	if (subject != NULL)
		cs_body_prepack(&ri->pp, subject, &ri->f, ri->body.s,
		    ri->body.len);
}

static void
reader_free(void *ctx)
{
	struct rec_reader *rd = ctx;

	if (rd == NULL)
		return;
	cs_binding_release(&rd->b);
	free(rd);
}

void
cs_rec_read_hooks(struct cs_ingest_hooks *h, const struct cs_rec_read *o)
{
	struct rec_reader *rd = cs_xcalloc(1, sizeof(*rd));
	size_t i;

	rd->o = *o;
	cs_binding_init(&rd->b, o->sc);
	rd->b.reserved = o->reserved;
	for (i = 0; i < o->nsets; i++)
		cs_binding_set(&rd->b, o->aliases, o->sets[i]);
	memset(h, 0, sizeof(*h));
	h->ctx = rd;
	h->data_new = item_new;
	h->data_free = item_free;
	h->open = reader_open;
	h->prepare = reader_prepare;
	h->ctx_free = reader_free;
}

int
cs_rec_check_sets(const struct cs_rec_read *o, struct cs_error *err)
{
	const char *eq, *name;
	char col[128], msg[1024];
	size_t i, k;
	int c;

	for (i = 0; i < o->nsets; i++) {
		eq = strchr(o->sets[i], '=');
		k = eq != NULL ? (size_t)(eq - o->sets[i]) : 0;
		if (k == 0 || k >= sizeof(col) || eq[1] == '\0')
			continue;
		memcpy(col, o->sets[i], k);
		col[k] = '\0';
		name = cs_aliases_lookup(o->aliases, col);
		c = cs_schema_find(o->sc, name != NULL ? name : col);
		if (c >= 0 && cs_field_check_value(o->cat, o->sc, c, eq + 1,
		    o->co, msg, sizeof(msg)) != 0)
			return cs_error_set(err, CS_EX_USAGE, NULL, 0, "invalid "
			    "--set '%s': %s", o->sets[i], msg);
	}
	return 0;
}

void
cs_recops_init(struct cs_recops *ops, struct cs_store *st,
    const struct cs_rules *ru, const struct cs_check_opts *co)
{
	memset(ops, 0, sizeof(*ops));
	ops->st = st;
	ops->ru = ru;
	ops->co = co;
	cs_fields_init(&ops->tmp, &cs_record_schema);
	cs_fields_init(&ops->nf, &cs_record_schema);
	cs_buf_init(&ops->b);
	cs_buf_init(&ops->changes);
}

void
cs_recops_release(struct cs_recops *ops)
{
	if (ops == NULL)
		return;
	cs_fields_release(&ops->tmp);
	cs_fields_release(&ops->nf);
	cs_buf_release(&ops->b);
	cs_buf_release(&ops->changes);
	cs_lists_free(ops->lists);
}

static int
refuse(struct cs_recops *ops, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
refuse(struct cs_recops *ops, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ops->msg, sizeof(ops->msg), fmt, ap);
	va_end(ap);
	return CS_REFUSED;
}

/*
 * A record that settles another (commitment_kept, commitment_broken: a
 * type with a ref_type) must name an active record of that type of the
 * same entity, decided no later than itself, that nothing settled yet.
 * 0 when it does, CS_REFUSED, -1.
 */
static int
check_ref(struct cs_recops *ops, const struct cs_fields *f,
    struct cs_error *err)
{
	const struct cs_rtype *t = cs_rules_type(ops->ru, f->v[R_TYPE],
	    f->vlen[R_TYPE]), *target;
	struct cs_recinfo ri, si;
	char by[65];
	int r;

	if (t->ref_type == NULL)
		return 0;
	r = cs_store_record_info(ops->st, f->v[R_REF], &ri, err);
	if (r < 0)
		return -1;
	if (r == 0 || strcmp(ri.type, t->ref_type) != 0 || ri.revoked)
		return refuse(ops, "ref '%s' is not %s %s in the store",
		    f->v[R_REF], r && ri.revoked ? "an active" : "a",
		    t->ref_type);
	if (strcmp(ri.uscc, f->v[R_USCC]) != 0)
		return refuse(ops, "ref '%s' is a %s of '%s', not of '%s'",
		    f->v[R_REF], t->ref_type, ri.uscc, f->v[R_USCC]);
	if (strcmp(f->v[R_DECIDED_ON], ri.decided_on) < 0)
		return refuse(ops, "decided_on '%s' is before %s '%s' was made "
		    "(%s)", f->v[R_DECIDED_ON], t->ref_type, f->v[R_REF],
		    ri.decided_on);
	target = cs_rules_type(ops->ru, t->ref_type, strlen(t->ref_type));
	r = cs_store_first_ref(ops->st, f->v[R_REF],
	    (const char *const *)target->settled_by, target->nsettled_by,
	    f->v[R_ID], &si, by, err);
	if (r < 0)
		return -1;
	if (r == 1)
		return refuse(ops, "ref '%s' is settled already: %s '%s' of %s",
		    f->v[R_REF], si.type, by, si.decided_on);
	return 0;
}

/* Is the version held by event seq the record body?  1, 0, -1. */
static int
same_version(struct cs_recops *ops, long seq, int is_add, const char *body,
    struct cs_error *err)
{
	struct cs_event ev;
	int r;

	if (is_add) {
		r = cs_store_event(ops->st, seq, &ev, err);
		return r < 0 ? -1 : r && strcmp(ev.body, body) == 0;
	}
	if (cs_store_record_version(ops->st, seq, &ops->tmp, err) != 0)
		return -1;
	cs_buf_reset(&ops->b);
	cs_fields_json(&ops->tmp, &ops->b, -1);
	return strcmp(ops->b.s, body) == 0;
}

/* A stored record has f's id: unchanged when it holds body, else refused. */
static int
known(struct cs_recops *ops, const struct cs_fields *f, const char *body,
    struct cs_error *err)
{
	struct cs_recinfo ri;
	int r;

	if (cs_store_record_info(ops->st, f->v[R_ID], &ri, err) != 1)
		return -1;
	r = same_version(ops, ri.rid, 1, body, err);
	if (r == 0 && ri.seq != ri.rid)
		r = same_version(ops, ri.seq, 0, body, err);
	if (r < 0)
		return -1;
	if (r == 1)
		return CS_UNCHANGED;
	return refuse(ops, "record '%s' already exists with other content "
	    "(seq %ld); change it with 'cs-record correct'", f->v[R_ID],
	    ri.seq);
}

int
cs_rec_add(struct cs_recops *ops, const struct cs_fields *f,
    const char *body, size_t blen, const struct cs_prepacked *pp,
    struct cs_error *err)
{
	struct cs_recinfo ri;
	long seq;
	int r;

	if (cs_rules_type(ops->ru, f->v[R_TYPE], f->vlen[R_TYPE])->ref_type !=
	    NULL) {
		/* Known first: a re-run must not meet "settled already". */
		r = cs_store_record_info(ops->st, f->v[R_ID], &ri, err);
		if (r < 0)
			return -1;
		if (r == 1)
			return known(ops, f, body, err);
		r = check_ref(ops, f, err);
		if (r != 0)
			return r;
	}
	r = cs_store_add_record(ops->st, f, body, blen, pp, &seq, err);
	if (r < 0)
		return -1;
	return r == 1 ? CS_ADDED : known(ops, f, body, err);
}

int
cs_rec_register(struct cs_recops *ops, const struct cs_fields *f,
    const char *body, size_t blen, const struct cs_prepacked *pp,
    struct cs_error *err)
{
	struct cs_fields ef;
	struct cs_event ev;
	long regseq = 0, seq;
	int r;

	cs_fields_init(&ef, &cs_entity_schema);
	r = cs_store_entity(ops->st, f->v[E_USCC], &ef, &regseq, err);
	cs_fields_release(&ef);
	if (r < 0)
		return -1;
	if (r == 1 && regseq > 0) {
		r = cs_store_event(ops->st, regseq, &ev, err);
		if (r < 0)
			return -1;
		if (r == 1 && strcmp(ev.body, body) == 0)
			return CS_UNCHANGED;
	}
	if (cs_store_add_entity(ops->st, f, body, blen, pp, &seq, err) != 0)
		return -1;
	return r == 1 && regseq > 0 ? CS_UPDATED : CS_ADDED;
}

/* The record id names, active: 0 with *ri, CS_REFUSED, -1. */
static int
target(struct cs_recops *ops, const char *id, struct cs_recinfo *ri,
    const char *what, struct cs_error *err)
{
	int r;

	if (id == NULL)
		return refuse(ops, "required column 'id' is empty");
	r = cs_store_record_info(ops->st, id, ri, err);
	if (r < 0)
		return -1;
	if (r == 0)
		return refuse(ops, "no record '%s' in the store", id);
	if (ri->revoked)
		return refuse(ops, "record '%s' is revoked and cannot be %s",
		    id, what);
	return 0;
}

/* Check the new version ops->nf like a new record: 0, CS_REFUSED. */
static int
check_version(struct cs_recops *ops)
{
	if (cs_fields_check(&ops->ru->cat, &ops->nf, ops->co, ops->msg,
	    sizeof(ops->msg), ops->warn, sizeof(ops->warn)) < 0)
		return CS_REFUSED;
	return 0;
}

/* 1 when the values of column c of a and b differ. */
static int
differs(const struct cs_fields *a, const struct cs_fields *b, int c)
{
	if (a->v[c] == NULL || b->v[c] == NULL)
		return a->v[c] != b->v[c];
	return strcmp(a->v[c], b->v[c]) != 0;
}

/*
 * A derived severity follows the change of ops->nf: a severity given
 * now wins (the rule goes); otherwise it is derived again from the
 * corrected columns.  0, or -1 with ops->msg when it cannot be.
 */
static int
follow(struct cs_recops *ops)
{
	char msg[600];

	if (ops->tmp.v[R_SEVERITY_RULE] == NULL ||
	    differs(&ops->tmp, &ops->nf, R_SEVERITY_RULE))
		return 0;
	if (ops->nf.v[R_SEVERITY] != NULL &&
	    differs(&ops->tmp, &ops->nf, R_SEVERITY)) {
		cs_fields_put(&ops->nf, R_SEVERITY_RULE, NULL, 0);
		return 0;
	}
	cs_fields_put(&ops->nf, R_SEVERITY, NULL, 0);
	cs_fields_put(&ops->nf, R_SEVERITY_RULE, NULL, 0);
	if (cs_rec_derive_severity(&ops->ru->sev, &ops->nf, msg,
	    sizeof(msg)) >= 0) {
		if (ops->nf.v[R_SEVERITY] == NULL) {
			cs_fields_put(&ops->nf, R_SEVERITY,
			    ops->tmp.v[R_SEVERITY], ops->tmp.vlen[R_SEVERITY]);
			cs_fields_put(&ops->nf, R_SEVERITY_RULE,
			    ops->tmp.v[R_SEVERITY_RULE],
			    ops->tmp.vlen[R_SEVERITY_RULE]);
		}
		return 0;
	}
	cs_fmt(ops->msg, sizeof(ops->msg), "%s; give the severity in the "
	    "correction", msg);
	return -1;
}

/* 1 when f has the extra column fine_yuan. */
static int
yuan_given(const struct cs_fields *f)
{
	size_t i;

	for (i = 0; i < f->nx; i++)
		if (strcmp(f->xname[i], "fine_yuan") == 0)
			return 1;
	return 0;
}

/*
 * ops->nf = the version of seq with the changes of in (a derived
 * severity following them); ops->tmp = seq.  The number of changed
 * columns, -1 with err, or -2 with ops->msg (refused).
 */
static int
change(struct cs_recops *ops, const struct cs_change_in *in, long seq,
    struct cs_error *err)
{
	if (cs_store_record_version(ops->st, seq, &ops->tmp, err) != 0 ||
	    cs_store_record_version(ops->st, seq, &ops->nf, err) != 0)
		return -1;
	cs_fields_apply(&ops->nf, in->b, in->row, in->clears, in->nclears);
	if (yuan_given(&ops->nf) && !cs_binding_has(in->b, R_FINE_10K_YUAN))
		/* The amount in yuan replaces the stored one. */
		cs_fields_put(&ops->nf, R_FINE_10K_YUAN, NULL, 0);
	if (cs_fields_fine_yuan(&ops->nf, ops->msg, sizeof(ops->msg)) < 0)
		return -2;
	if (follow(ops) != 0)
		return -2;
	return cs_fields_diff(&ops->tmp, &ops->nf, &ops->changes);
}

int
cs_rec_correct(struct cs_recops *ops, const struct cs_change_in *in,
    const char *id, const char *reason, struct cs_error *err)
{
	struct cs_recinfo ri;
	long seq;
	int r, n;

	ops->warn[0] = '\0';
	r = target(ops, id, &ri, "corrected", err);
	if (r != 0)
		return r;
	if (reason == NULL)
		return refuse(ops, "required column 'reason' is empty: say why "
		    "the record is corrected");
	n = change(ops, in, ri.seq, err);
	if (n == -2)
		return CS_REFUSED;
	if (n < 0)
		return -1;
	r = check_version(ops);
	if (r != 0)
		return r;
	if (n == 0)
		return CS_UNCHANGED;
	check_end(&ops->ru->pub, &ops->nf, ops->warn, sizeof(ops->warn));
	r = check_ref(ops, &ops->nf, err);
	if (r != 0)
		return r;
	if (cs_store_correct(ops->st, id, &ops->nf, ops->changes.s, reason,
	    &seq, err) != 0)
		return -1;
	if (cs_lists_basis_changed(ops->st, ops->ru, &ops->lists, id,
	    ops->co->as_of, err) < 0)
		return -1;
	return CS_ADDED;
}

/* A date column: 0 with *day, CS_REFUSED when it is not a date. */
static int
date_of(struct cs_recops *ops, const char *name, const char *s, int *day)
{
	if (cs_date_parse(s, strlen(s), day) != 0)
		return refuse(ops, "%s '%s' is not a valid date (YYYY-MM-DD, "
		    "YYYY/MM/DD or YYYYMMDD)", name, s);
	return 0;
}

int
cs_rec_object(struct cs_recops *ops, const char *id, const char *filed_on,
    const char *reason, long *objection_id, struct cs_error *err)
{
	struct cs_objection o;
	struct cs_recinfo ri;
	struct cs_error cal;
	char filed[11], answer[11];
	int r, day, due;

	r = target(ops, id, &ri, "objected to", err);
	if (r != 0)
		return r;
	if (filed_on == NULL)
		return refuse(ops, "required column 'filed_on' is empty");
	if (cs_date_step("filed_on", filed_on, ops->co->as_of, &day,
	    ops->msg, sizeof(ops->msg)) != 0)
		return CS_REFUSED;
	cs_date_format(day, filed);
	if (strcmp(filed, ri.decided_on) < 0)
		return refuse(ops, "filed_on '%s' is before the record was "
		    "decided (%s)", filed, ri.decided_on);
	if (reason == NULL)
		return refuse(ops, "required column 'reason' is empty: say what "
		    "the entity disputes");
	r = cs_store_objection_find(ops->st, id, filed, reason, objection_id,
	    err);
	if (r < 0)
		return -1;
	if (r == 1)
		return CS_UNCHANGED;
	if (ri.objection != 0) {
		if (cs_store_objection(ops->st, ri.objection, &o, err) < 0)
			return -1;
		return refuse(ops, "record '%s' is already disputed by objection "
		    "%ld (filed on %s); resolve that first", id, ri.objection,
		    o.filed_on);
	}
	if (cs_calendar_add_working(&ops->ru->cal, day,
	    ops->ru->objection_days, &due, &cal) != 0)
		return refuse(ops, "cannot count the answer period from %s: %s",
		    filed, cal.msg);
	cs_date_format(due, answer);
	if (cs_store_object(ops->st, id, ri.uscc, filed, answer, reason,
	    objection_id, err) != 0)
		return -1;
	return CS_ADDED;
}

/* The objection a resolve row names: 0 with *o, CS_REFUSED, -1. */
static int
objection_of(struct cs_recops *ops, const char *s, struct cs_objection *o,
    struct cs_error *err)
{
	long oid = s ? strtol(s, NULL, 10) : 0;
	int r;

	if (s == NULL || oid <= 0 || strspn(s, "0123456789") != strlen(s))
		return refuse(ops, "objection_id '%s' is not an objection "
		    "number", s ? s : "");
	r = cs_store_objection(ops->st, oid, o, err);
	if (r < 0)
		return -1;
	if (r == 0)
		return refuse(ops, "no objection %ld in the store", oid);
	return 0;
}

int
cs_rec_resolve(struct cs_recops *ops, const struct cs_change_in *in,
    const char *objection_id, const char *outcome, const char *reason,
    const char *resolved_on, const char *revoke, struct cs_error *err)
{
	struct cs_objection o;
	struct cs_recinfo ri;
	const char *t;
	char ron[11], as_of[11];
	long seq;
	int r, day, rv = 0, n, upheld;

	ops->warn[0] = '\0';
	r = objection_of(ops, objection_id, &o, err);
	if (r != 0)
		return r;
	if (outcome == NULL)
		return refuse(ops, "required column 'outcome' is empty: upheld "
		    "or dismissed");
	upheld = strcmp(outcome, "upheld") == 0;
	if (!upheld && strcmp(outcome, "dismissed") != 0)
		return refuse(ops, "outcome '%s' is not upheld or dismissed",
		    outcome);
	if (strcmp(o.state, "resolved") == 0) {
		if (strcmp(o.outcome, outcome) == 0)
			return CS_UNCHANGED;
		return refuse(ops, "objection %ld was already resolved (%s on "
		    "%s)", o.objection_id, o.outcome, o.resolved_on);
	}
	if (reason == NULL)
		return refuse(ops, "required column 'reason' is empty: give the "
		    "answer to the objection");
	day = ops->co->as_of;
	if (resolved_on != NULL && (r = date_of(ops, "resolved_on",
	    resolved_on, &day)) != 0)
		return r;
	cs_date_format(day, ron);
	cs_date_format(ops->co->as_of, as_of);
	if (day > ops->co->as_of || strcmp(ron, o.filed_on) < 0)
		return refuse(ops, "resolved_on '%s' is not between the filing "
		    "date %s and the --as-of date %s", ron, o.filed_on, as_of);
	if (revoke != NULL) {
		t = cs_vocab_lookup(&ops->ru->cat.booleans, revoke,
		    strlen(revoke));
		if (t == NULL)
			return refuse(ops, "revoke '%s' is not a boolean",
			    revoke);
		rv = strcmp(t, "true") == 0;
	}
	if (cs_store_record_info(ops->st, o.id, &ri, err) != 1)
		return -1;
	n = change(ops, in, ri.seq, err);
	if (n == -2)
		return CS_REFUSED;
	if (n < 0)
		return -1;
	if (!upheld && (rv || n > 0))
		return refuse(ops, "a dismissed objection changes nothing: drop "
		    "revoke and the record columns");
	if (upheld && rv && n > 0)
		return refuse(ops, "an upheld objection either revokes the "
		    "record or corrects it, not both");
	if (upheld && !rv && n == 0)
		return refuse(ops, "an upheld objection needs revoke=true or the "
		    "corrected columns");
	if (n > 0 && (r = check_version(ops)) != 0)
		return r;
	if (n > 0)
		check_end(&ops->ru->pub, &ops->nf, ops->warn,
		    sizeof(ops->warn));
	if (cs_store_resolve(ops->st, o.objection_id, o.id, o.uscc, outcome,
	    ron, reason, rv, n > 0 ? &ops->nf : NULL, ops->changes.s, &seq,
	    err) != 0)
		return -1;
	if (upheld && cs_lists_basis_changed(ops->st, ops->ru, &ops->lists,
	    o.id, day, err) < 0)
		return -1;
	return CS_ADDED;
}
