/*
 * Operations on list entries: each row is checked (list, USCC, basis,
 * persons, dates, the state machine of domain/lists.c) before its one ledger
 * event.  Refusals are worded for the row's reject message.
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/mask.h"
#include "ops/list_actions.h"
#include "ops/records.h"
#include "ops/removal.h"
#include "rules/list_rules.h"

const char *const cs_list_person_cols[CS_LP_N] = {
	"legal_rep", "legal_rep_id", "principal", "principal_id"
};

void
cs_listops_init(struct cs_listops *o, struct cs_store *st,
    const struct cs_rules *ru, const struct cs_lists *ls, int as_of)
{
	memset(o, 0, sizeof(*o));
	o->st = st;
	o->ru = ru;
	o->ls = ls;
	o->as_of = as_of;
	cs_fields_init(&o->f, &cs_record_schema);
	cs_buf_init(&o->b);
	cs_buf_init(&o->reasons);
}

void
cs_listops_release(struct cs_listops *o)
{
	if (o == NULL)
		return;
	cs_fields_release(&o->f);
	cs_buf_release(&o->b);
	cs_buf_release(&o->reasons);
}

static int
refuse(struct cs_listops *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
refuse(struct cs_listops *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(o->msg, sizeof(o->msg), fmt, ap);
	va_end(ap);
	return CS_REFUSED;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Split a basis list into sorted, distinct ids (new array of new strings). */
static size_t
split_basis(const char *s, char ***out)
{
	size_t n = 0, k, i, j;
	char **v = NULL;

	while (*s != '\0') {
		s += strspn(s, "; ,\t");
		k = strcspn(s, "; ,\t");
		if (k == 0)
			break;
		v = cs_xreallocarray(v, n + 1, sizeof(char *));
		v[n++] = cs_xstrndup(s, k);
		s += k;
	}
	if (n > 1)
		qsort(v, n, sizeof(char *), cmpstr);
	for (i = j = 0; i < n; i++) {
		if (j > 0 && strcmp(v[j - 1], v[i]) == 0)
			free(v[i]);
		else
			v[j++] = v[i];
	}
	*out = v;
	return j;
}

static void
free_strs(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/*
 * Check basis record id for an entry of lt for uscc noticed on day (a
 * criterion met, its window holding on day): 0 with the criterion's
 * reason added to o->reasons, CS_REFUSED, -1.
 */
static int
check_basis(struct cs_listops *o, const struct cs_ltype *lt,
    const char *uscc, int day, const char *id, struct cs_error *err)
{
	const struct cs_lcrit *c;
	struct cs_recinfo ri;
	char d[11], why[512];
	int r;

	if (!cs_id_valid(id, strlen(id)))
		return refuse(o, "basis '%s' is not a record id", id);
	r = cs_store_record_info(o->st, id, &ri, err);
	if (r < 0)
		return -1;
	if (r == 0)
		return refuse(o, "basis record '%s' is not in the store", id);
	if (ri.revoked)
		return refuse(o, "basis record '%s' is revoked", id);
	if (strcmp(ri.uscc, uscc) != 0)
		return refuse(o, "basis record '%s' is about '%s', not '%s'", id,
		    ri.uscc, uscc);
	cs_date_format(day, d);
	if (strcmp(ri.decided_on, d) > 0)
		return refuse(o, "basis record '%s' was decided on %s, after "
		    "the notice (%s)", id, ri.decided_on, d);
	if (cs_store_record_version(o->st, ri.seq, &o->f, err) != 0)
		return -1;
	r = cs_list_qualify(lt, &o->f, day, &c, why, sizeof(why));
	if (r < 0)
		return refuse(o, "basis record '%s' (%s%s%s) meets no criterion "
		    "of the %s list", id, ri.type, o->f.v[R_SEVERITY] ? ", " :
		    "", o->f.v[R_SEVERITY] ? o->f.v[R_SEVERITY] : "",
		    lt->name);
	if (r == 0)
		return refuse(o, "basis record '%s' (%s%s%s) %s", id, ri.type,
		    o->f.v[R_SEVERITY] ? ", " : "", o->f.v[R_SEVERITY] ?
		    o->f.v[R_SEVERITY] : "", why);
	if (strstr(o->reasons.s, c->reason) == NULL) {
		if (o->reasons.len > 0)
			cs_buf_adds(&o->reasons, "; ");
		cs_buf_adds(&o->reasons, c->reason);
	}
	return 0;
}

/* The persons of n, checked: ids normalised into ids[]; 0, CS_REFUSED. */
static int
check_persons(struct cs_listops *o, const struct cs_list_notice *n,
    char ids[2][19])
{
	char m[512];
	int k;

	for (k = 0; k < 2; k++) {
		const char *name = n->person[2 * k];
		const char *id = n->person[2 * k + 1];

		ids[k][0] = '\0';
		if (id == NULL)
			continue;
		if (name == NULL)
			return refuse(o, "%s is given without %s",
			    cs_list_person_cols[2 * k + 1],
			    cs_list_person_cols[2 * k]);
		/* The refusal is logged: the number in it is masked. */
		if (cs_resident_id_check_masked(&o->ru->mask,
		    cs_list_person_cols[2 * k + 1], id, strlen(id), ids[k], m,
		    sizeof(m)) != 0)
			return refuse(o, "%s", m);
	}
	return 0;
}

int
cs_list_add(struct cs_listops *o, const struct cs_list_notice *n,
    long *entry_id, struct cs_error *err)
{
	const struct cs_ltype *lt;
	struct cs_list_notice nn;
	struct cs_fields ef;
	struct cs_lrow e;
	struct cs_error cal;
	char uscc[19], m[512], ids[2][19], d[11], dl[11], **basis = NULL;
	char **have = NULL, rid[19];
	const char *name;
	size_t nb = 0, nh = 0, i, j;
	long regseq;
	int r, day, deadline, k, first;

	cs_buf_reset(&o->reasons);
	if (n->list == NULL)
		return refuse(o, "required column 'list' is empty");
	lt = cs_lists_type(o->ls, n->list);
	if (lt == NULL)
		return refuse(o, "list '%s' is not a list type of lists.json",
		    n->list);
	if (n->uscc == NULL)
		return refuse(o, "required column 'uscc' is empty");
	if (cs_uscc_check(&o->ru->uscc, "uscc", n->uscc, strlen(n->uscc),
	    uscc, m, sizeof(m)) == CS_USCC_BAD)
		return refuse(o, "%s", m);
	if (cs_date_step("noticed_on", n->noticed_on, o->as_of, &day, o->msg,
	    sizeof(o->msg)) != 0)
		return CS_REFUSED;
	if (n->basis == NULL)
		return refuse(o, "required column 'basis' is empty: a listing "
		    "needs the records it rests on");
	/*
	 * The register gives the name and the legal representative when
	 * the row does not (an ID number only when it is a resident ID).
	 */
	nn = *n;
	cs_fields_init(&ef, &cs_entity_schema);
	r = cs_store_entity(o->st, uscc, &ef, &regseq, err);
	if (r < 0)
		goto out;
	if (r == 1 && nn.name == NULL)
		nn.name = ef.v[E_NAME];
	if (r == 1 && nn.person[CS_LP_REP] == NULL &&
	    nn.person[CS_LP_REP_ID] == NULL && ef.v[E_LEGAL_REP] != NULL) {
		nn.person[CS_LP_REP] = ef.v[E_LEGAL_REP];
		if (ef.v[E_LEGAL_REP_ID] != NULL && cs_resident_id_check(
		    "legal_rep_id", ef.v[E_LEGAL_REP_ID],
		    strlen(ef.v[E_LEGAL_REP_ID]), rid, m, sizeof(m)) == 0)
			nn.person[CS_LP_REP_ID] = ef.v[E_LEGAL_REP_ID];
	}
	name = nn.name;
	n = &nn;
	r = check_persons(o, n, ids);
	if (r != 0)
		goto out;
	nb = split_basis(n->basis, &basis);
	for (i = 0, r = 0; i < nb && r == 0; i++)
		r = check_basis(o, lt, uscc, day, basis[i], err);
	if (r != 0)
		goto out;
	r = cs_store_lentry_open(o->st, uscc, lt->name, entry_id, err);
	if (r < 0)
		goto out;
	if (r == 1) {
		r = cs_store_lbasis(o->st, *entry_id, NULL, &have, &nh, err);
		if (r < 0)
			goto out;
		for (i = 0, j = 0; i < nb && j < nh; j++)
			if (strcmp(basis[i], have[j]) == 0)
				i++;
		if (i == nb) {
			r = CS_UNCHANGED;
			goto out;
		}
		if (cs_store_lentry(o->st, *entry_id, &e, err) != 1) {
			r = -1;
			goto out;
		}
		r = refuse(o, "'%s' already has entry %ld on the %s list (%s): "
		    "end it before a new notice", uscc, *entry_id, lt->name,
		    e.state);
		goto out;
	}
	if (cs_list_deadline(&o->ru->cal, lt, day, &deadline, &cal) != 0) {
		cs_date_format(day, d);
		r = refuse(o, "cannot count the objection period from %s: %s",
		    d, cal.msg);
		goto out;
	}
	cs_date_format(day, d);
	cs_date_format(deadline, dl);
	/* The canonical JSON of the notice: keys in order. */
	{
		struct cs_buf *b = &o->reasons, body;
		char *reasons = n->reasons ? cs_xstrdup(n->reasons) :
		    cs_xstrdup(b->s);
		char *nm = name ? cs_xstrdup(name) : NULL;

		cs_buf_init(&body);
		cs_buf_adds(&body, "{\"basis\":[");
		for (i = 0; i < nb; i++) {
			if (i > 0)
				cs_buf_addc(&body, ',');
			cs_buf_add_json_str(&body, basis[i], strlen(basis[i]));
		}
		cs_buf_addc(&body, ']');
		cs_buf_add_json_kv(&body, 0, "deadline", dl);
		cs_buf_add_json_kv(&body, 0, "list", lt->name);
		if (nm != NULL)
			cs_buf_add_json_kv(&body, 0, "name", nm);
		cs_buf_add_json_kv(&body, 0, "noticed_on", d);
		for (k = 0, first = 1; k < 2; k++) {
			const char *pn = n->person[2 * k];

			if (pn == NULL)
				continue;
			cs_buf_adds(&body, first ? ",\"persons\":[" : ",");
			first = 0;
			cs_buf_addc(&body, '{');
			if (ids[k][0] != '\0') {
				cs_buf_add_json_kv(&body, 1, "id", ids[k]);
				cs_buf_add_json_kv(&body, 0, "name", pn);
			} else {
				cs_buf_add_json_kv(&body, 1, "name", pn);
			}
			cs_buf_add_json_kv(&body, 0, "role", k == 0 ?
			    "legal_rep" : "principal");
			cs_buf_addc(&body, '}');
		}
		if (!first)
			cs_buf_addc(&body, ']');
		cs_buf_add_json_kv(&body, 0, "reasons", reasons);
		cs_buf_add_json_kv(&body, 0, "uscc", uscc);
		cs_buf_addc(&body, '}');
		r = cs_store_list_event(o->st, "notice", uscc, body.s, body.len,
		    entry_id, err);
		cs_buf_release(&body);
		free(reasons);
		free(nm);
		r = r != 0 ? -1 : CS_ADDED;
	}
out:
	cs_fields_release(&ef);
	free_strs(basis, nb);
	free_strs(have, nh);
	return r;
}

/* The lifecycle facts of row e as domain/lists.c wants them. */
static void
lentry_of(const struct cs_lrow *e, struct cs_lentry *le)
{
	memset(le, 0, sizeof(*le));
	le->id = e->entry_id;
	le->state = cs_lstate_parse(e->state);
	cs_date_parse(e->noticed_on, strlen(e->noticed_on), &le->noticed_on);
	cs_date_parse(e->deadline, strlen(e->deadline), &le->deadline);
	if (cs_date_parse(e->objected_on, strlen(e->objected_on),
	    &le->objected_on) != 0)
		le->objected_on = -1;
	if (cs_date_parse(e->listed_on, strlen(e->listed_on),
	    &le->listed_on) != 0)
		le->listed_on = -1;
	if (cs_date_parse(e->until, strlen(e->until), &le->until) != 0)
		le->until = -1;
	cs_date_parse(e->last_on, strlen(e->last_on), &le->last_on);
}

/*
 * Judge and write one step on entry e: 0 with the event written,
 * CS_REFUSED, -1.  reason is the text, end the removal kind.
 */
static int
step(struct cs_listops *o, const struct cs_lrow *e, struct cs_lrequest *rq,
    const char *reason, const char *term, struct cs_error *err)
{
	const struct cs_ltype *lt = cs_lists_type(o->ls, e->list);
	struct cs_lentry le;
	char on[11], until[11];
	long seq;

	if (lt == NULL)
		return refuse(o, "entry %ld is on list '%s', which lists.json "
		    "does not define", e->entry_id, e->list);
	lentry_of(e, &le);
	if (cs_list_step(lt, &le, rq, o->msg, sizeof(o->msg)) < 0)
		return CS_REFUSED;
	cs_date_format(rq->on, on);
	cs_buf_reset(&o->b);
	cs_buf_addc(&o->b, '{');
	if (rq->end != CS_LEND_NONE && rq->step != CS_LSTEP_UPHOLD) {
		cs_buf_add_json_kv(&o->b, 1, "end",
		    cs_lend_name(rq->end));
		cs_buf_addc(&o->b, ',');
	}
	cs_buf_addf(&o->b, "\"entry_id\":%ld", e->entry_id);
	if (rq->early != NULL && rq->early->evidence != NULL)
		cs_buf_add_json_kv(&o->b, 0, "evidence",
		    rq->early->evidence);
	cs_buf_add_json_kv(&o->b, 0, "on", on);
	cs_buf_add_json_kv(&o->b, 0, "reason", reason);
	if (rq->step == CS_LSTEP_DECIDE) {
		cs_buf_add_json_kv(&o->b, 0, "term", term);
		if (le.until >= 0)
			cs_date_format(le.until, until);
		cs_buf_add_json_kv(&o->b, 0, "until", le.until >= 0 ?
		    until : NULL);
	}
	cs_buf_addc(&o->b, '}');
	if (cs_store_list_event(o->st, cs_lstep_name(rq->step), e->uscc,
	    o->b.s, o->b.len, &seq, err) != 0)
		return -1;
	return 0;
}

/*
 * Is step rq what moved entry e last, on the same day and for the same
 * end (and, for a decision, with the same term)?  CS_UNCHANGED when so
 * (a re-run), 0 when the state machine must judge it, -1 with err.
 */
static int
same_step(struct cs_listops *o, const struct cs_lrow *e,
    const struct cs_lrequest *rq, const char *term, struct cs_error *err)
{
	struct cs_event ev;
	const char *was;
	char on[11];
	json_t *j;
	int same;

	cs_date_format(rq->on, on);
	if (strcmp(e->last_on, on) != 0)
		return 0;
	if (strcmp(e->end_reason, rq->end == CS_LEND_NONE ? "" :
	    cs_lend_name(rq->end)) != 0)
		return 0;
	if (cs_store_event(o->st, e->seq, &ev, err) != 1)
		return -1;
	if (strncmp(ev.action, "list_", 5) != 0 ||
	    strcmp(ev.action + 5, cs_lstep_name(rq->step)) != 0)
		return 0;
	if (rq->step != CS_LSTEP_DECIDE)
		return CS_UNCHANGED;
	j = json_loads(ev.body, 0, NULL);
	was = json_string_value(json_object_get(j, "term"));
	same = strcmp(was ? was : "", term ? term : "") == 0;
	json_decref(j);
	return same ? CS_UNCHANGED : 0;
}

int
cs_list_act(struct cs_listops *o, int stp, const struct cs_list_act *a,
    long *entry_id, struct cs_error *err)
{
	struct cs_removal_facts rf = { 0 };
	struct cs_lrequest rq = { 0 };
	struct cs_lrow e;
	const char *term = NULL;
	int r;

	if (a->entry_id == NULL)
		return refuse(o, "required column 'entry_id' is empty");
	*entry_id = strtol(a->entry_id, NULL, 10);
	if (*entry_id <= 0 || strspn(a->entry_id, "0123456789") !=
	    strlen(a->entry_id))
		return refuse(o, "entry_id '%s' is not an entry number",
		    a->entry_id);
	r = cs_store_lentry(o->st, *entry_id, &e, err);
	if (r < 0)
		return -1;
	if (r == 0)
		return refuse(o, "no list entry %ld in the store", *entry_id);
	rq.step = stp;
	if (cs_date_step(stp == CS_LSTEP_OBJECT ? "filed_on" : stp ==
	    CS_LSTEP_DECIDE ? "effective_on" : stp == CS_LSTEP_REMOVE ?
	    "removed_on" : stp == CS_LSTEP_WITHDRAW ? "withdrawn_on" :
	    "reviewed_on", a->on, o->as_of, &rq.on, o->msg,
	    sizeof(o->msg)) != 0)
		return CS_REFUSED;
	if (stp == CS_LSTEP_DISMISS || stp == CS_LSTEP_UPHOLD) {
		if (a->outcome == NULL)
			return refuse(o, "required column 'outcome' is empty: "
			    "upheld or dismissed");
		if (strcmp(a->outcome, "upheld") == 0)
			rq.step = CS_LSTEP_UPHOLD;
		else if (strcmp(a->outcome, "dismissed") == 0)
			rq.step = CS_LSTEP_DISMISS;
		else
			return refuse(o, "outcome '%s' is not upheld or "
			    "dismissed", a->outcome);
	}
	if (rq.step == CS_LSTEP_UPHOLD)
		rq.end = CS_LEND_UPHELD;
	if (rq.step == CS_LSTEP_WITHDRAW)
		rq.end = CS_LEND_ERROR;
	if (rq.step == CS_LSTEP_REMOVE) {
		if (a->removal == NULL)
			return refuse(o, "required column 'removal' is empty: "
			    "early or error");
		rq.end = cs_lend_parse(a->removal);
		if (rq.end != CS_LEND_EARLY && rq.end != CS_LEND_ERROR)
			return refuse(o, "removal '%s' is not early or error",
			    a->removal);
	}
	r = same_step(o, &e, &rq, a->term, err);
	if (r != 0)
		return r;
	if (a->reason == NULL)
		return refuse(o, "required column 'reason' is empty: say why");
	if (rq.step == CS_LSTEP_DECIDE) {
		const struct cs_ltype *lt = cs_lists_type(o->ls, e.list);

		term = a->term;
		if (term != NULL && strcmp(term, "permanent") == 0) {
			rq.permanent = 1;
		} else if (term != NULL) {
			if (cs_period_parse(term, &rq.term) != 0)
				return refuse(o, "term '%s' is not a period such "
				    "as P5Y, nor permanent", term);
			rq.term_kind = CS_LTERM_DECISION;
		}
		if (term == NULL && lt != NULL &&
		    lt->term_kind == CS_LTERM_FIXED)
			term = "";
	}
	if (rq.step == CS_LSTEP_REMOVE && rq.end == CS_LEND_EARLY &&
	    e.listed_on[0] != '\0') {
		/* What the list's conditions of early removal look at. */
		if (cs_removal_facts_load(&rf, o->st, o->ls, e.entry_id, e.uscc,
		    e.listed_on, rq.on, a->evidence, err) != 0)
			return -1;
		rq.early = &rf.r;
	}
	r = step(o, &e, &rq, a->reason, term, err);
	cs_removal_facts_release(&rf);
	if (r != 0)
		return r;
	return CS_ADDED;
}

int
cs_list_repair(struct cs_listops *o, long entry_id, int day,
    const char *reason, const char *evidence, int reinstate,
    struct cs_error *err)
{
	struct cs_removal_facts rf = { 0 };
	struct cs_lrequest rq = { 0 };
	struct cs_lentry le;
	struct cs_lrow e;
	int r;

	r = cs_store_lentry(o->st, entry_id, &e, err);
	if (r <= 0)
		return r < 0 ? -1 : refuse(o, "no list entry %ld", entry_id);
	rq.on = day;
	if (reinstate) {
		lentry_of(&e, &le);
		if (strcmp(e.state, "removed") != 0 ||
		    strcmp(e.end_reason, "repaired") != 0 ||
		    cs_list_term_over(&le, day))
			return 0;
		rq.step = CS_LSTEP_REINSTATE;
		return step(o, &e, &rq, reason, NULL, err);
	}
	rq.step = CS_LSTEP_REMOVE;
	rq.end = CS_LEND_REPAIRED;
	if (e.listed_on[0] != '\0') {
		if (cs_removal_facts_load(&rf, o->st, o->ls, e.entry_id, e.uscc,
		    e.listed_on, day, evidence, err) != 0)
			return -1;
		rq.early = &rf.r;
	}
	r = step(o, &e, &rq, reason, NULL, err);
	cs_removal_facts_release(&rf);
	return r;
}

int
cs_list_expire(struct cs_listops *o, long entry_id, struct cs_error *err)
{
	struct cs_lrequest rq = { 0 };
	struct cs_lrow e;
	char why[64];
	int r, until;

	r = cs_store_lentry(o->st, entry_id, &e, err);
	if (r <= 0)
		return r < 0 ? -1 : refuse(o, "no list entry %ld", entry_id);
	if (cs_date_parse(e.until, strlen(e.until), &until) != 0)
		return refuse(o, "entry %ld is permanent", entry_id);
	rq.step = CS_LSTEP_REMOVE;
	rq.end = CS_LEND_EXPIRED;
	rq.on = until + 1;
	cs_fmt(why, sizeof(why), "the term ended on %s", e.until);
	r = step(o, &e, &rq, why, NULL, err);
	return r != 0 ? r : CS_ADDED;
}

/* Does basis record id still hold entry e of type lt?  1, 0, -1. */
static int
still_holds(struct cs_store *st, const struct cs_ltype *lt,
    const struct cs_lrow *e, const char *id, struct cs_fields *f,
    struct cs_error *err)
{
	struct cs_recinfo ri;
	int r = cs_store_record_info(st, id, &ri, err);

	if (r <= 0)
		return r;
	if (ri.revoked || strcmp(ri.uscc, e->uscc) != 0)
		return 0;
	if (cs_store_record_version(st, ri.seq, f, err) != 0)
		return -1;
	return cs_list_match(lt, f) != NULL;
}

int
cs_lists_basis_changed(struct cs_store *st, const struct cs_rules *ru,
    struct cs_lists **ls, const char *record_id, int day,
    struct cs_error *err)
{
	struct cs_listops o;
	struct cs_lrequest rq;
	struct cs_lentry le;
	struct cs_lrow e;
	const struct cs_ltype *lt;
	char **basis = NULL, why[256];
	size_t nb = 0, n, i, k;
	long *ids;
	int r = 0, ended = 0, held;

	if (cs_store_lentries_of_basis(st, record_id, &ids, &n, err) != 0)
		return -1;
	if (n == 0)
		return 0;
	if (*ls == NULL && cs_lists_load(ls, ru, err) != 0) {
		free(ids);
		return -1;
	}
	cs_listops_init(&o, st, ru, *ls, day);
	for (i = 0; i < n && r >= 0; i++) {
		r = cs_store_lentry(st, ids[i], &e, err);
		if (r <= 0)
			break;
		lt = cs_lists_type(*ls, e.list);
		if (lt == NULL)
			continue;	/* a list type no longer defined */
		r = cs_store_lbasis(st, ids[i], NULL, &basis, &nb, err);
		for (k = 0, held = 0; r >= 0 && k < nb && !held; k++) {
			r = still_holds(st, lt, &e, basis[k], &o.f, err);
			held = r == 1;
		}
		free_strs(basis, nb);
		basis = NULL;
		if (r < 0 || held)
			continue;
		/* The entry was read before the lookups; read it again. */
		if ((r = cs_store_lentry(st, ids[i], &e, err)) <= 0)
			break;
		memset(&rq, 0, sizeof(rq));
		rq.step = strcmp(e.state, "listed") == 0 ? CS_LSTEP_REMOVE :
		    CS_LSTEP_WITHDRAW;
		rq.end = CS_LEND_BASIS_REVOKED;
		rq.on = day;
		cs_date_parse(e.last_on, 10, &held);
		if (rq.on < held)
			rq.on = held;
		/* A listing whose term ended is over already: nothing to do. */
		lentry_of(&e, &le);
		if (cs_list_term_over(&le, rq.on))
			continue;
		cs_fmt(why, sizeof(why), "basis record '%s' was revoked or "
		    "corrected", record_id);
		r = step(&o, &e, &rq, why, NULL, err);
		if (r == CS_REFUSED)
			r = cs_error_set(err, CS_EX_SOFTWARE, NULL, 0, "cannot "
			    "end list entry %ld: %s", ids[i], o.msg);
		if (r == 0)
			ended++;
	}
	cs_listops_release(&o);
	free(ids);
	return r < 0 ? -1 : ended;
}
/* Candidates of one entity: the basis records met and their reasons. */
struct cand {
	char uscc[19];
	char *name;
	struct cs_buf basis;
	struct cs_buf reason;
	struct cs_buf why;		/* per basis: why it qualifies */
};

static int
cand_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cand *)a)->uscc,
	    ((const struct cand *)b)->uscc);
}

int
cs_list_propose(struct cs_store *st, const struct cs_ltype *lt,
    const char *as_of, void (*fn)(void *ctx, const char *const v[6]),
    void *ctx, struct cs_error *err)
{
	struct cs_record_filter flt = { 0 };
	struct cs_store_iter *it;
	struct cs_strmap used, at;
	struct cs_fields f, ef;
	struct cs_recmeta m;
	const struct cs_lcrit *cr;
	struct cand *cv = NULL;
	char **basis, why[512];
	size_t nb, i, n = 0;
	long *slot, open, regseq;
	int r, added, day;

	if (cs_date_parse(as_of, strlen(as_of), &day) != 0)
		return cs_error_set(err, CS_EX_SOFTWARE, NULL, 0, "as_of '%s' "
		    "is not a date", as_of);
	cs_strmap_init(&used);
	cs_strmap_init(&at);
	if (cs_store_lbasis(st, 0, lt->name, &basis, &nb, err) != 0)
		return -1;
	for (i = 0; i < nb; i++) {
		cs_strmap_put(&used, basis[i], NULL);
		free(basis[i]);
	}
	free(basis);
	flt.decided_to = as_of;
	flt.by_decision = 1;
	cs_fields_init(&f, &cs_record_schema);
	if (cs_store_iter_records(st, &flt, &it, err) != 0) {
		r = -1;
		goto out;
	}
	while ((r = cs_store_next_record(it, &f, &m, err)) == 1) {
		if (cs_list_qualify(lt, &f, day, &cr, why, sizeof(why)) != 1 ||
		    cs_strmap_get(&used, f.v[R_ID]) != NULL)
			continue;
		slot = cs_strmap_put(&at, f.v[R_USCC], &added);
		if (added) {
			cv = cs_xreallocarray(cv, n + 1, sizeof(*cv));
			memset(&cv[n], 0, sizeof(cv[n]));
			snprintf(cv[n].uscc, sizeof(cv[n].uscc), "%s",
			    f.v[R_USCC]);
			cv[n].name = f.v[R_NAME] ? cs_xstrdup(f.v[R_NAME]) :
			    NULL;
			cs_buf_init(&cv[n].basis);
			cs_buf_init(&cv[n].reason);
			cs_buf_init(&cv[n].why);
			*slot = (long)n++;
		}
		if (cv[*slot].basis.len > 0) {
			cs_buf_addc(&cv[*slot].basis, ';');
			cs_buf_adds(&cv[*slot].why, "; ");
		}
		cs_buf_adds(&cv[*slot].basis, f.v[R_ID]);
		cs_buf_addf(&cv[*slot].why, "%s: %s", f.v[R_ID], why);
		if (strstr(cv[*slot].reason.s, cr->reason) == NULL) {
			if (cv[*slot].reason.len > 0)
				cs_buf_adds(&cv[*slot].reason, "; ");
			cs_buf_adds(&cv[*slot].reason, cr->reason);
		}
	}
	cs_store_iter_free(it);
	/* No candidate: cv is NULL, which qsort may not be given. */
	if (r == 0 && n > 1)
		qsort(cv, n, sizeof(*cv), cand_cmp);
	cs_fields_init(&ef, &cs_entity_schema);
	for (i = 0; i < n; i++) {
		const char *v[6];

		if (r == 0)
			r = cs_store_lentry_open(st, cv[i].uscc, lt->name, &open,
			    err);
		if (r == 0 && cs_store_entity(st, cv[i].uscc, &ef, &regseq,
		    err) < 0)
			r = -1;
		if (r == 0) {
			v[0] = cv[i].uscc;
			v[1] = ef.v[E_NAME] != NULL && regseq > 0 ?
			    ef.v[E_NAME] : cv[i].name;
			v[2] = lt->name;
			v[3] = cv[i].basis.s;
			v[4] = cv[i].reason.s;
			v[5] = cv[i].why.s;
			fn(ctx, v);
			cs_fields_clear(&ef);
		}
		if (r == 1)
			r = 0;		/* on the list already: not proposed */
		free(cv[i].name);
		cs_buf_release(&cv[i].basis);
		cs_buf_release(&cv[i].reason);
		cs_buf_release(&cv[i].why);
	}
	free(cv);
	cs_fields_release(&ef);
out:
	cs_fields_release(&f);
	cs_strmap_release(&used);
	cs_strmap_release(&at);
	return r < 0 ? -1 : 0;
}

void
cs_list_notice_info_read(struct cs_list_notice_info *ni, const char *body,
    int unmasked)
{
	const json_t *a, *p;
	const char *role, *id;
	size_t i;
	int k;

	json_decref(ni->j);
	if (ni->basis.s == NULL)
		cs_buf_init(&ni->basis);
	cs_buf_reset(&ni->basis);
	memset(ni->person, 0, sizeof(ni->person));
	ni->shown = 0;
	ni->j = json_loads(body ? body : "{}", 0, NULL);
	a = json_object_get(ni->j, "basis");
	for (i = 0; i < json_array_size(a); i++) {
		if (i > 0)
			cs_buf_addc(&ni->basis, ';');
		cs_buf_adds(&ni->basis, json_string_value(json_array_get(a,
		    i)) ? json_string_value(json_array_get(a, i)) : "");
	}
	ni->reasons = json_string_value(json_object_get(ni->j, "reasons"));
	a = json_object_get(ni->j, "persons");
	for (i = 0; i < json_array_size(a); i++) {
		p = json_array_get(a, i);
		role = json_string_value(json_object_get(p, "role"));
		k = role && strcmp(role, "principal") == 0 ? 1 : 0;
		ni->person[2 * k] = json_string_value(json_object_get(p,
		    "name"));
		id = json_string_value(json_object_get(p, "id"));
		if (id == NULL || strlen(id) > 18)
			continue;
		if (unmasked) {
			ni->person[2 * k + 1] = id;
			ni->shown = 1;
		} else {
			ni->person[2 * k + 1] = cs_mask_id(ni->mask, id,
			    strlen(id), ni->masked[k]);
		}
	}
}

void
cs_list_notice_info_release(struct cs_list_notice_info *ni)
{
	if (ni == NULL)
		return;
	json_decref(ni->j);
	ni->j = NULL;
	if (ni->basis.s != NULL)
		cs_buf_release(&ni->basis);
}

int
cs_list_due_expiry(struct cs_store *st, const char *list, const char *as_of,
    long **ids, size_t *n, struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_lrow e;
	int r;

	*ids = NULL;
	*n = 0;
	if (cs_store_iter_lentries(st, list, "listed", NULL, &it, err) != 0)
		return -1;
	while ((r = cs_store_next_lentry(it, &e, err)) == 1)
		if (e.until[0] != '\0' && strcmp(e.until, as_of) < 0) {
			*ids = cs_xreallocarray(*ids, *n + 1, sizeof(long));
			(*ids)[(*n)++] = e.entry_id;
		}
	cs_store_iter_free(it);
	return r < 0 ? -1 : 0;
}

int
cs_list_record_unmask(struct cs_store *st, const long *ids, size_t n,
    const char *as_of, const char *command, struct cs_error *err)
{
	struct cs_list_notice_info no = { 0 };
	struct cs_event ev;
	struct cs_buf b;
	size_t i, shown = 0;
	int rc = -1;

	cs_buf_init(&b);
	cs_buf_adds(&b, "{\"as_of\":");
	cs_buf_add_json_str(&b, as_of, strlen(as_of));
	cs_buf_adds(&b, ",\"command\":");
	cs_buf_add_json_str(&b, command, strlen(command));
	cs_buf_adds(&b, ",\"entries\":[");
	for (i = 0; i < n; i++) {
		if (cs_store_event(st, ids[i], &ev, err) != 1)
			goto out;
		cs_list_notice_info_read(&no, ev.body, 1);
		if (no.shown)
			cs_buf_addf(&b, "%s%ld", shown++ ? "," : "", ids[i]);
	}
	cs_buf_adds(&b, "]}");
	rc = 0;
	if (shown > 0 && (cs_store_begin(st, err) != 0 ||
	    cs_store_unmask_event(st, "lists", b.s, b.len, err) != 0 ||
	    cs_store_commit(st, err) != 0)) {
		cs_store_rollback(st);
		rc = -1;
	}
out:
	cs_list_notice_info_release(&no);
	cs_buf_release(&b);
	return rc;
}

const char *const *
cs_list_need(int step)
{
	static const char *const notice[] = { "uscc", "list", "basis", NULL };
	static const char *const act[] = { "entry_id", "reason", NULL };
	static const char *const review[] = { "entry_id", "outcome", "reason",
	    NULL };
	static const char *const removal[] = { "entry_id", "removal", "reason",
	    NULL };

	if (step < 0)
		return notice;
	return step == CS_LSTEP_DISMISS || step == CS_LSTEP_UPHOLD ? review :
	    step == CS_LSTEP_REMOVE ? removal : act;
}

const char *const cs_lentry_cols[CS_LDECISION_NCOLS] = {
	"entry_id", "uscc", "name", "list", "state", "noticed_on",
	"objection_deadline", "objected_on", "listed_on", "until", "ended_on",
	"end_reason", "basis", "legal_rep", "legal_rep_id", "principal",
	"principal_id", "reasons", "measures", "early_removal_from",
	"remedies"
};

void
cs_lentry_row(struct cs_lentry_row *r, const struct cs_lrow *e,
    struct cs_list_notice_info *n, int unmasked, const struct cs_ltype *lt)
{
	size_t k;
	int day;

	if (r->measures.s == NULL)
		cs_buf_init(&r->measures);
	cs_list_notice_info_read(n, e->body, unmasked);
	snprintf(r->id, sizeof(r->id), "%ld", e->entry_id);
	r->v[0] = r->id;
	r->v[1] = e->uscc;
	r->v[2] = e->name;
	r->v[3] = e->list;
	r->v[4] = e->state;
	r->v[5] = e->noticed_on;
	r->v[6] = e->deadline;
	r->v[7] = e->objected_on;
	r->v[8] = e->listed_on;
	r->v[9] = e->until[0] == '\0' && e->listed_on[0] != '\0' ?
	    "permanent" : e->until;
	r->v[10] = e->ended_on;
	r->v[11] = e->end_reason;
	r->v[12] = n->basis.s;
	for (k = 0; k < CS_LP_N; k++)
		r->v[13 + k] = n->person[k];
	if (lt == NULL)
		return;
	cs_buf_reset(&r->measures);
	for (k = 0; k < lt->nmeasures; k++) {
		if (k > 0)
			cs_buf_addc(&r->measures, ';');
		cs_buf_adds(&r->measures, lt->measures[k]);
	}
	r->early[0] = '\0';
	if (cs_date_parse(e->listed_on, strlen(e->listed_on), &day) == 0 &&
	    (day = cs_list_early_from(lt, day)) >= 0)
		cs_date_format(day, r->early);
	r->v[CS_LENTRY_NCOLS] = n->reasons;
	r->v[CS_LENTRY_NCOLS + 1] = r->measures.s;
	r->v[CS_LENTRY_NCOLS + 2] = r->early;
	r->v[CS_LENTRY_NCOLS + 3] = lt->remedies;
}

const char *const cs_lnotice_cols[CS_LNOTICE_NCOLS] = {
	"entry_id", "uscc", "name", "list", "reasons", "basis", "rights",
	"objection_deadline", "legal_rep", "legal_rep_id", "principal",
	"principal_id"
};

int
cs_lnotice_row(struct cs_lnotice_row *r, struct cs_store *st,
    const struct cs_lists *ls, long entry_id, int unmasked,
    struct cs_error *err)
{
	struct cs_event ev;
	size_t k;

	if (r->rights.s == NULL)
		cs_buf_init(&r->rights);
	if (cs_store_lentry(st, entry_id, &r->e, err) != 1 ||
	    cs_store_event(st, entry_id, &ev, err) != 1)
		return -1;
	r->n.mask = ls->mask;
	cs_list_notice_info_read(&r->n, ev.body, unmasked);
	snprintf(r->id, sizeof(r->id), "%ld", entry_id);
	cs_buf_reset(&r->rights);
	cs_list_rights(cs_lists_type(ls, r->e.list), r->e.deadline,
	    &r->rights);
	r->v[0] = r->id;
	r->v[1] = r->e.uscc;
	r->v[2] = r->e.name;
	r->v[3] = r->e.list;
	r->v[4] = r->n.reasons;
	r->v[5] = r->n.basis.s;
	r->v[6] = r->rights.s;
	r->v[7] = r->e.deadline;
	for (k = 0; k < CS_LP_N; k++)
		r->v[8 + k] = r->n.person[k];
	return 0;
}

void
cs_lnotice_row_release(struct cs_lnotice_row *r)
{
	cs_list_notice_info_release(&r->n);
	cs_buf_release(&r->rights);
}
