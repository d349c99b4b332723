/*
 * The lifecycle of a list entry as a pure state machine: which step is
 * allowed in which state, on which days (objection deadline in working
 * days, the term, early removal and its conditions), the criteria of a
 * basis and their windows, and the name normalisation of screening; the
 * list types and measures by name.  No I/O.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/lists.h"

static const char *const state_names[CS_LS_NSTATES] = {
	"proposed", "noticed", "objected", "dismissed", "listed", "removed",
	"withdrawn"
};

static const char *const step_names[CS_LSTEP_NSTEPS] = {
	"notice", "object", "uphold", "dismiss", "decide", "remove",
	"withdraw", "reinstate"
};

static const char *const end_names[CS_LEND_NENDS] = {
	"", "expired", "early", "basis_revoked", "error", "upheld", "repaired"
};

/* What each step needs, for messages: "a noticed entry". */
#define NOTICED_OR_DISMISSED \
	"a noticed entry or one whose objection was dismissed"

static const char *const step_needs[CS_LSTEP_NSTEPS] = {
	"a proposed entry", "a noticed entry", "an objected entry",
	"an objected entry", NOTICED_OR_DISMISSED, "a listed entry",
	"an entry not yet decided", "a removed entry"
};

static const char *const step_verb[CS_LSTEP_NSTEPS] = {
	"notice", "objection", "review", "review", "decision", "removal",
	"withdrawal", "reinstatement"
};

const char *
cs_lstate_name(int state)
{
	return state >= 0 && state < CS_LS_NSTATES ? state_names[state] : NULL;
}

static int
find(const char *const *names, int n, const char *s)
{
	int i;

	for (i = 0; i < n; i++)
		if (s != NULL && strcmp(names[i], s) == 0)
			return i;
	return -1;
}

int
cs_lstate_parse(const char *s)
{
	return find(state_names, CS_LS_NSTATES, s);
}

const char *
cs_lstep_name(int step)
{
	return step >= 0 && step < CS_LSTEP_NSTEPS ? step_names[step] : NULL;
}

int
cs_lstep_parse(const char *s)
{
	return find(step_names, CS_LSTEP_NSTEPS, s);
}

const char *
cs_lend_name(int end)
{
	return end >= 0 && end < CS_LEND_NENDS ? end_names[end] : NULL;
}

int
cs_lend_parse(const char *s)
{
	int e = find(end_names, CS_LEND_NENDS, s);

	return e == CS_LEND_NONE ? -1 : e;
}

int
cs_list_next(int state, int step)
{
	switch (step) {
	case CS_LSTEP_NOTICE:
		return state == CS_LS_PROPOSED ? CS_LS_NOTICED : -1;
	case CS_LSTEP_OBJECT:
		return state == CS_LS_NOTICED ? CS_LS_OBJECTED : -1;
	case CS_LSTEP_UPHOLD:
		return state == CS_LS_OBJECTED ? CS_LS_WITHDRAWN : -1;
	case CS_LSTEP_DISMISS:
		return state == CS_LS_OBJECTED ? CS_LS_DISMISSED : -1;
	case CS_LSTEP_DECIDE:
		return state == CS_LS_NOTICED || state == CS_LS_DISMISSED ?
		    CS_LS_LISTED : -1;
	case CS_LSTEP_REMOVE:
		return state == CS_LS_LISTED ? CS_LS_REMOVED : -1;
	case CS_LSTEP_WITHDRAW:
		return state == CS_LS_NOTICED || state == CS_LS_OBJECTED ||
		    state == CS_LS_DISMISSED ? CS_LS_WITHDRAWN : -1;
	case CS_LSTEP_REINSTATE:
		return state == CS_LS_REMOVED ? CS_LS_LISTED : -1;
	}
	return -1;
}

static int refuse(char *msg, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Does record f have a value of c for every column c names? */
static int
crit_met(const struct cs_lcrit *c, const struct cs_fields *f)
{
	size_t j;
	char **v;

	for (j = 0; j < c->n; j++) {
		const char *have = f->v[c->col[j]];

		if (have == NULL)
			return 0;
		for (v = c->vals[j]; *v != NULL; v++)
			if (strcmp(*v, have) == 0)
				break;
		if (*v == NULL)
			return 0;
	}
	return 1;
}

const struct cs_lcrit *
cs_list_match(const struct cs_ltype *lt, const struct cs_fields *f)
{
	size_t i;

	for (i = 0; i < lt->ncrit; i++)
		if (crit_met(&lt->crit[i], f))
			return &lt->crit[i];
	return NULL;
}

/* The day of date column c of f, or -1 when absent or not a date. */
static int
day_of_col(const struct cs_fields *f, int c)
{
	int day;

	if (f->v[c] == NULL || cs_date_parse(f->v[c], strlen(f->v[c]),
	    &day) != 0)
		return -1;
	return day;
}

/*
 * Does the window of c hold for record f on day?  1 or 0, with why (or
 * why not, naming the rule of list lt) in msg.
 */
static int
window_holds(const struct cs_ltype *lt, const struct cs_lcrit *c,
    const struct cs_fields *f, int day, char *msg, size_t msgsz)
{
	int decided = day_of_col(f, R_DECIDED_ON), last;
	char d1[11], d2[11], d3[11];

	cs_date_format(decided, d1);
	cs_date_format(day, d3);
	switch (c->win) {
	case CS_LWIN_PERIOD:
		last = cs_list_until(decided, &c->within);
		cs_date_format(last, d2);
		if (decided >= 0 && day <= last) {
			snprintf(msg, msgsz, "decided on %s, within %s "
			    "(through %s)", d1, c->win_text, d2);
			return 1;
		}
		snprintf(msg, msgsz, "was decided on %s: the %s list takes a "
		    "%s within %s of its decision (through %s), not on %s", d1,
		    lt->name, c->reason, c->win_text, d2, d3);
		return 0;
	case CS_LWIN_IN_FORCE:
		last = day_of_col(f, R_VALID_UNTIL);
		if (last < 0) {
			snprintf(msg, msgsz, "in force (no end date)");
			return 1;
		}
		cs_date_format(last, d2);
		if (day <= last) {
			snprintf(msg, msgsz, "in force (valid until %s)", d2);
			return 1;
		}
		snprintf(msg, msgsz, "is no longer in force (valid until %s): "
		    "the %s list takes a %s only while in force, not on %s", d2,
		    lt->name, c->reason, d3);
		return 0;
	default:
		snprintf(msg, msgsz, "decided on %s", d1);
		return 1;
	}
}

int
cs_list_qualify(const struct cs_ltype *lt, const struct cs_fields *f,
    int day, const struct cs_lcrit **c, char *msg, size_t msgsz)
{
	const struct cs_lcrit *first = NULL;
	size_t i;

	*c = NULL;
	for (i = 0; i < lt->ncrit; i++) {
		if (!crit_met(&lt->crit[i], f))
			continue;
		if (first == NULL)
			first = &lt->crit[i];
		if (window_holds(lt, &lt->crit[i], f, day, msg, msgsz)) {
			*c = &lt->crit[i];
			return 1;
		}
	}
	if (first == NULL)
		return -1;
	/* Why not: the window of the first criterion met. */
	window_holds(lt, first, f, day, msg, msgsz);
	*c = first;
	return 0;
}

/* The position of severity s among f's, lightest first, or -1. */
static long
sev_rank(const struct cs_lremoval *f, const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < f->nseverities; i++)
		if (strcmp(f->severities[i], s) == 0)
			return (long)i;
	return -1;
}

/* The heaviest severity of the basis, else of lt's criteria; -1. */
static long
basis_rank(const struct cs_ltype *lt, const struct cs_lremoval *f)
{
	long ref = -1, r;
	size_t i, j;
	char **v;

	for (i = 0; i < f->nbasis; i++)
		if ((r = sev_rank(f, f->basis[i].severity)) > ref)
			ref = r;
	for (i = 0; ref < 0 && i < lt->ncrit; i++)
		for (j = 0; j < lt->crit[i].n; j++)
			for (v = lt->crit[i].vals[j]; lt->crit[i].col[j] ==
			    R_SEVERITY && *v != NULL; v++)
				if ((r = sev_rank(f, *v)) > ref)
					ref = r;
	return ref;
}

int
cs_list_early_conditions(const struct cs_ltype *lt,
    const struct cs_lentry *e, const struct cs_lremoval *f, int day,
    char *msg, size_t msgsz)
{
	const struct cs_lfact *p;
	char d1[11], d2[11];
	size_t i, k;
	long ref;

	if (lt->early_requires & CS_LREQ_NO_NEW_PENALTY) {
		ref = basis_rank(lt, f);
		for (i = 0; i < f->npenalties; i++) {
			p = &f->penalties[i];
			if (p->decided < e->listed_on || p->decided > day)
				continue;
			for (k = 0; k < f->nbasis; k++)
				if (strcmp(f->basis[k].id, p->id) == 0)
					break;
			if (k < f->nbasis || (ref >= 0 &&
			    sev_rank(f, p->severity) < ref))
				continue;
			cs_date_format(e->listed_on, d1);
			cs_date_format(p->decided, d2);
			if (ref < 0)
				return refuse(msg, msgsz, "entry %ld: early "
				    "removal needs no new penalty since the "
				    "listing on %s: record '%s' was decided on "
				    "%s", e->id, d1, p->id, d2);
			return refuse(msg, msgsz, "entry %ld: early removal "
			    "needs no new penalty of the basis's severity (%s) "
			    "or heavier since the listing on %s: record '%s' "
			    "(%s) was decided on %s", e->id,
			    f->severities[ref], d1, p->id, p->severity, d2);
		}
	}
	if ((lt->early_requires & CS_LREQ_OBLIGATIONS) && f->evidence == NULL)
		for (i = 0; i < f->nbasis; i++)
			if (!f->basis[i].performed)
				return refuse(msg, msgsz, "entry %ld: early "
				    "removal needs the obligations of the basis "
				    "performed: no obligation_performed record "
				    "refers to basis record '%s' (record one, or "
				    "name the evidence in column 'evidence')",
				    e->id, f->basis[i].id);
	return 0;
}

int
cs_list_deadline(const struct cs_calendar *cal, const struct cs_ltype *lt,
    int noticed_on, int *out, struct cs_error *err)
{
	return cs_calendar_add_working(cal, noticed_on, lt->objection_days,
	    out, err);
}

int
cs_list_until(int listed_on, const struct cs_period *term)
{
	int last;

	/*
	 * The listing day is not counted: a term of three years from
	 * 2025-10-13 ends with 2028-10-13 (Civil Code arts. 201-202).
	 */
	cs_period_end(listed_on, term, &last, NULL);
	return last;
}

int
cs_list_early_from(const struct cs_ltype *lt, int listed_on)
{
	int after;

	/* The wait must have run out: P1Y from 2026-10-20 ends 2027-10-20. */
	if (!lt->has_early)
		return -1;
	cs_period_end(listed_on, &lt->early, NULL, &after);
	return after;
}

static int
refuse(char *msg, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, n, fmt, ap);
	va_end(ap);
	return -1;
}

int
cs_list_term_over(const struct cs_lentry *e, int day)
{
	return e->state == CS_LS_LISTED && e->until >= 0 && day > e->until;
}

int
cs_list_step(const struct cs_ltype *lt, struct cs_lentry *e,
    const struct cs_lrequest *rq, char *msg, size_t msgsz)
{
	char d1[11], d2[11], d3[11];
	int next = cs_list_next(e->state, rq->step);

	if (rq->step < 0 || rq->step >= CS_LSTEP_NSTEPS)
		return refuse(msg, msgsz, "unknown step %d", rq->step);
	if (next < 0 && rq->step == CS_LSTEP_DECIDE &&
	    e->state == CS_LS_OBJECTED) {
		cs_date_format(e->objected_on, d1);
		return refuse(msg, msgsz, "entry %ld has an open objection "
		    "(filed on %s): review it before deciding", e->id, d1);
	}
	if (next < 0)
		return refuse(msg, msgsz, "entry %ld is %s: %s %s needs %s",
		    e->id, cs_lstate_name(e->state), rq->step ==
		    CS_LSTEP_OBJECT ? "an" : "a", step_verb[rq->step],
		    step_needs[rq->step]);
	cs_date_format(rq->on, d1);
	if (rq->step != CS_LSTEP_NOTICE && rq->on < e->last_on) {
		cs_date_format(e->last_on, d2);
		return refuse(msg, msgsz, "entry %ld: %s on %s is before its "
		    "last step (%s)", e->id, step_verb[rq->step], d1, d2);
	}
	switch (rq->step) {
	case CS_LSTEP_NOTICE:
		e->noticed_on = rq->on;
		e->listed_on = -1;
		e->until = -1;
		break;
	case CS_LSTEP_OBJECT:
		if (rq->on > e->deadline) {
			cs_date_format(e->deadline, d2);
			return refuse(msg, msgsz, "entry %ld: the objection "
			    "period ended on %s; an objection filed on %s is "
			    "too late", e->id, d2, d1);
		}
		e->objected_on = rq->on;
		break;
	case CS_LSTEP_DECIDE:
		if (rq->on <= e->deadline) {
			cs_date_format(e->deadline, d2);
			cs_date_format(e->deadline + 1, d3);
			return refuse(msg, msgsz, "entry %ld: objections are "
			    "accepted until %s; decide on %s or later", e->id,
			    d2, d3);
		}
		if (lt->term_kind == CS_LTERM_DECISION && !rq->permanent &&
		    rq->term_kind != CS_LTERM_DECISION)
			return refuse(msg, msgsz, "entry %ld: the %s list takes "
			    "its term from the decision: give term (a period "
			    "such as P5Y, or permanent)", e->id, lt->name);
		if (lt->term_kind == CS_LTERM_FIXED && (rq->permanent ||
		    rq->term_kind == CS_LTERM_DECISION))
			return refuse(msg, msgsz, "entry %ld: the %s list has a "
			    "fixed term; leave term empty", e->id, lt->name);
		e->listed_on = rq->on;
		e->until = rq->permanent ? -1 : cs_list_until(rq->on,
		    lt->term_kind == CS_LTERM_FIXED ? &lt->term : &rq->term);
		break;
	case CS_LSTEP_REMOVE:
		/*
		 * After until the listing is over by itself (ls shows it
		 * expired on the day after), whether or not expire ran: a
		 * removal of another kind would contradict that.
		 */
		if (rq->end != CS_LEND_EXPIRED && cs_list_term_over(e,
		    rq->on)) {
			cs_date_format(e->until + 1, d2);
			cs_date_format(e->until, d3);
			return refuse(msg, msgsz, "entry %ld expired on %s (its "
			    "term ended on %s): no %s removal on %s; run "
			    "'cs-blacklist expire'", e->id, d2, d3,
			    cs_lend_name(rq->end) ? cs_lend_name(rq->end) :
			    "", d1);
		}
		if (rq->end == CS_LEND_EARLY || rq->end == CS_LEND_REPAIRED) {
			int from;

			if (!lt->has_early)
				return refuse(msg, msgsz, "entry %ld: the %s "
				    "list allows no early removal", e->id,
				    lt->name);
			from = cs_list_early_from(lt, e->listed_on);
			if (rq->on < from) {
				cs_date_format(from, d2);
				cs_date_format(e->listed_on, d3);
				return refuse(msg, msgsz, "entry %ld: early "
				    "removal is possible from %s (listed on "
				    "%s); not on %s", e->id, d2, d3, d1);
			}
			if (lt->early_requires != 0 && rq->early == NULL)
				return refuse(msg, msgsz, "entry %ld: the "
				    "conditions of early removal were not "
				    "looked up", e->id);
			if (lt->early_requires != 0 &&
			    cs_list_early_conditions(lt, e, rq->early, rq->on,
			    msg, msgsz) != 0)
				return -1;
		} else if (rq->end == CS_LEND_EXPIRED) {
			if (e->until < 0 || rq->on != e->until + 1) {
				cs_date_format(e->until + 1, d2);
				return refuse(msg, msgsz, "entry %ld: %s", e->id,
				    e->until < 0 ? "a permanent listing does "
				    "not expire" : "its term ends the day "
				    "before");
			}
		} else if (rq->end != CS_LEND_ERROR &&
		    rq->end != CS_LEND_BASIS_REVOKED) {
			return refuse(msg, msgsz, "entry %ld: removal reason "
			    "'%s' is not early, error, expired or "
			    "basis_revoked", e->id, cs_lend_name(rq->end) ?
			    cs_lend_name(rq->end) : "");
		}
		if (rq->on < e->listed_on) {
			cs_date_format(e->listed_on, d2);
			return refuse(msg, msgsz, "entry %ld: removal on %s is "
			    "before it was listed (%s)", e->id, d1, d2);
		}
		break;
	case CS_LSTEP_WITHDRAW:
		if (rq->end != CS_LEND_ERROR &&
		    rq->end != CS_LEND_BASIS_REVOKED)
			return refuse(msg, msgsz, "entry %ld: a withdrawal is "
			    "for error or basis_revoked", e->id);
		break;
	default:
		break;
	}
	e->state = next;
	e->last_on = rq->on;
	return next;
}

void
cs_list_rights(const struct cs_ltype *lt, const char *deadline,
    struct cs_buf *b)
{
	const char *p = lt->rights ? lt->rights : "";

	while (*p != '\0') {
		if (strncmp(p, "{days}", 6) == 0) {
			cs_buf_addf(b, "%d", lt->objection_days);
			p += 6;
		} else if (strncmp(p, "{deadline}", 10) == 0) {
			cs_buf_adds(b, deadline);
			p += 10;
		} else {
			cs_buf_addc(b, *p++);
		}
	}
}

void
cs_name_normalise(const char *s, size_t n, struct cs_buf *b)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	unsigned cp;

	cs_buf_reset(b);
	while (i < n) {
		unsigned char c = p[i];

		if (c < 0x80) {
			i++;
			if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
				continue;
			cs_buf_addc(b, c >= 'A' && c <= 'Z' ? c + 32 : c);
			continue;
		}
		if ((c & 0xe0) == 0xc0 && i + 1 < n) {
			cp = (c & 0x1fu) << 6 | (p[i + 1] & 0x3fu);
			if (cp == 0xa0) {	/* no-break space */
				i += 2;
				continue;
			}
			cs_buf_add(b, p + i, 2);
			i += 2;
			continue;
		}
		if ((c & 0xf0) == 0xe0 && i + 2 < n) {
			cp = (c & 0x0fu) << 12 | (p[i + 1] & 0x3fu) << 6 |
			    (p[i + 2] & 0x3fu);
			if (cp == 0x3000) {	/* ideographic space */
				i += 3;
				continue;
			}
			if (cp >= 0xff01 && cp <= 0xff5e) {
				/* Full-width ASCII forms: U+FF01 is '!'. */
				c = (unsigned char)(cp - 0xfee0);
				cs_buf_addc(b, c >= 'A' && c <= 'Z' ? c + 32 :
				    c);
				i += 3;
				continue;
			}
			cs_buf_add(b, p + i, 3);
			i += 3;
			continue;
		}
		cs_buf_addc(b, c);
		i++;
	}
}

int
cs_ltype_has_measure(const struct cs_ltype *lt, const char *code)
{
	size_t k;

	for (k = 0; k < lt->nmeasures; k++)
		if (strcmp(lt->measures[k], code) == 0)
			return 1;
	return 0;
}

void
cs_lists_of_measure(const struct cs_lists *ls, const char *code,
    struct cs_buf *b)
{
	size_t t;

	cs_buf_reset(b);
	for (t = 0; t < ls->ntypes; t++)
		if (cs_ltype_has_measure(&ls->types[t], code)) {
			if (b->len > 0)
				cs_buf_addc(b, ';');
			cs_buf_adds(b, ls->types[t].name);
		}
}

void
cs_lists_free(struct cs_lists *l)
{
	size_t i, j;
	char **v;

	if (l == NULL)
		return;
	for (i = 0; i < l->ntypes; i++) {
		struct cs_ltype *t = &l->types[i];

		for (j = 0; j < t->ncrit; j++) {
			size_t c;

			for (c = 0; c < t->crit[j].n; c++) {
				for (v = t->crit[j].vals[c]; *v != NULL; v++)
					free(*v);
				free(t->crit[j].vals[c]);
			}
			free(t->crit[j].reason);
			free(t->crit[j].col);
			free(t->crit[j].vals);
		}
		free(t->crit);
		for (j = 0; j < t->nmeasures; j++)
			free(t->measures[j]);
		free(t->measures);
		free(t->name);
		free(t->title);
		free(t->en);
		free(t->basis);
		free(t->rights);
		free(t->remedies);
	}
	free(l->types);
	for (i = 0; i < l->nmeasures; i++) {
		free(l->measures[i].code);
		free(l->measures[i].title);
		free(l->measures[i].en);
		free(l->measures[i].dept);
		free(l->measures[i].basis);
	}
	free(l->measures);
	for (i = 0; i < l->nseverities; i++)
		free(l->severities[i]);
	free(l->severities);
	free(l);
}

const struct cs_ltype *
cs_lists_type(const struct cs_lists *l, const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < l->ntypes; i++)
		if (strcmp(l->types[i].name, s) == 0)
			return &l->types[i];
	return NULL;
}

const struct cs_measure *
cs_lists_measure(const struct cs_lists *l, const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < l->nmeasures; i++)
		if (strcmp(l->measures[i].code, code) == 0)
			return &l->measures[i];
	return NULL;
}

int
cs_lists_has_dept(const struct cs_lists *l, const char *dept)
{
	size_t i;

	for (i = 0; i < l->nmeasures; i++)
		if (strcmp(l->measures[i].dept, dept) == 0)
			return 1;
	return 0;
}
