/*
 * Credit repair: the states of an application and the steps between
 * them, the handling deadlines in working days, and eligibility judged
 * from gathered facts.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/repair.h"

static const char *const state_names[CS_RS_NSTATES] = {
	"", "filed", "returned", "accepted", "granted", "refused", "revoked",
	"withdrawn"
};

static const char *const step_names[CS_RSTEP_NSTEPS] = {
	"apply", "accept", "return", "extend", "grant", "refuse", "revoke",
	"withdraw"
};

static const char *const cond_names[CS_RC_NCONDS] = {
	"obligations", "commitment", "no_new_penalty", "not_listed",
	"list_early"
};

const char *
cs_rstate_name(int state)
{
	return state >= 0 && state < CS_RS_NSTATES ? state_names[state] : NULL;
}

int
cs_rstate_parse(const char *s)
{
	int i;

	for (i = 1; s != NULL && i < CS_RS_NSTATES; i++)
		if (strcmp(state_names[i], s) == 0)
			return i;
	return -1;
}

const char *
cs_rstep_name(int step)
{
	return step >= 0 && step < CS_RSTEP_NSTEPS ? step_names[step] : NULL;
}

int
cs_rstep_parse(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < CS_RSTEP_NSTEPS; i++)
		if (strcmp(step_names[i], s) == 0)
			return i;
	return -1;
}

const char *
cs_rcond_name(unsigned bit)
{
	int i;

	for (i = 0; i < CS_RC_NCONDS; i++)
		if (bit == 1u << i)
			return cond_names[i];
	return NULL;
}

unsigned
cs_rcond_parse(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < CS_RC_NCONDS; i++)
		if (strcmp(cond_names[i], s) == 0)
			return 1u << i;
	return 0;
}

void
cs_rcond_list(unsigned mask, struct cs_buf *b)
{
	int i, first = 1;

	for (i = 0; i < CS_RC_NCONDS; i++) {
		if (!(mask & (1u << i)))
			continue;
		if (!first)
			cs_buf_addc(b, ';');
		cs_buf_adds(b, cond_names[i]);
		first = 0;
	}
}

int
cs_repair_next(int state, int step)
{
	switch (step) {
	case CS_RSTEP_APPLY:
		return state == CS_RS_NONE ? CS_RS_FILED : -1;
	case CS_RSTEP_ACCEPT:
		return state == CS_RS_FILED || state == CS_RS_RETURNED ?
		    CS_RS_ACCEPTED : -1;
	case CS_RSTEP_RETURN:
		return state == CS_RS_FILED ? CS_RS_RETURNED : -1;
	case CS_RSTEP_EXTEND:
		return state == CS_RS_ACCEPTED ? CS_RS_ACCEPTED : -1;
	case CS_RSTEP_GRANT:
		return state == CS_RS_ACCEPTED ? CS_RS_GRANTED : -1;
	case CS_RSTEP_REFUSE:
		return state == CS_RS_ACCEPTED ? CS_RS_REFUSED : -1;
	case CS_RSTEP_REVOKE:
		return state == CS_RS_GRANTED ? CS_RS_REVOKED : -1;
	case CS_RSTEP_WITHDRAW:
		return state == CS_RS_FILED || state == CS_RS_RETURNED ||
		    state == CS_RS_ACCEPTED ? CS_RS_WITHDRAWN : -1;
	}
	return -1;
}

static int refuse(char *msg, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
refuse(char *msg, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, n, fmt, ap);
	va_end(ap);
	return -1;
}

/* The n-th working day after start into *out; -1 with msg. */
static int
working(const struct cs_calendar *cal, int start, int n, int *out,
    char *msg, size_t msgsz)
{
	struct cs_error err;

	if (cs_calendar_add_working(cal, start, n, out, &err) != 0)
		return refuse(msg, msgsz, "cannot count the deadline: %s",
		    err.msg);
	return 0;
}

int
cs_repair_step(const struct cs_repair_deadlines *dl,
    const struct cs_calendar *cal, struct cs_rapp *a,
    const struct cs_rrequest *rq, char *msg, size_t msgsz)
{
	int next = cs_repair_next(a->state, rq->step);
	char d1[11], d2[11];

	cs_date_format(rq->on, d1);
	if (next < 0) {
		if (a->state == CS_RS_NONE)
			return refuse(msg, msgsz, "no application to %s",
			    cs_rstep_name(rq->step));
		return refuse(msg, msgsz, "application %ld is %s: it cannot "
		    "be %s", a->id, cs_rstate_name(a->state),
		    rq->step == CS_RSTEP_APPLY ? "filed again" :
		    rq->step == CS_RSTEP_ACCEPT ? "accepted" :
		    rq->step == CS_RSTEP_RETURN ? "returned" :
		    rq->step == CS_RSTEP_EXTEND ? "extended" :
		    rq->step == CS_RSTEP_GRANT ? "granted" :
		    rq->step == CS_RSTEP_REFUSE ? "refused" :
		    rq->step == CS_RSTEP_REVOKE ? "revoked" : "withdrawn");
	}
	if (a->state != CS_RS_NONE && rq->on < a->last_on) {
		cs_date_format(a->last_on, d2);
		return refuse(msg, msgsz, "application %ld: %s is before its "
		    "last step (%s)", a->id, d1, d2);
	}
	switch (rq->step) {
	case CS_RSTEP_APPLY:
		a->filed_on = rq->on;
		a->decide_by = -1;
		a->extended = 0;
		a->granted_on = -1;
		if (working(cal, rq->on, dl->accept_days, &a->accept_by, msg,
		    msgsz) != 0)
			return -1;
		break;
	case CS_RSTEP_ACCEPT:
		if (working(cal, rq->on, dl->decide_days, &a->decide_by, msg,
		    msgsz) != 0)
			return -1;
		break;
	case CS_RSTEP_EXTEND:
		if (a->extended)
			return refuse(msg, msgsz, "application %ld: the "
			    "decision deadline was extended once already",
			    a->id);
		if (working(cal, a->decide_by, dl->extend_days,
		    &a->decide_by, msg, msgsz) != 0)
			return -1;
		a->extended = 1;
		break;
	case CS_RSTEP_GRANT:
		a->granted_on = rq->on;
		break;
	case CS_RSTEP_REVOKE:
		if (rq->on <= a->granted_on) {
			cs_date_format(a->granted_on, d2);
			return refuse(msg, msgsz, "application %ld was granted "
			    "on %s: revoke it on a later day", a->id, d2);
		}
		break;
	default:
		break;
	}
	a->state = next;
	a->last_on = rq->on;
	return next;
}

int
cs_repair_overdue(const struct cs_rapp *a, int day)
{
	/* Returned: waiting for the applicant, not the authority. */
	if (a->state == CS_RS_FILED)
		return day > a->accept_by;
	if (a->state == CS_RS_ACCEPTED)
		return a->decide_by >= 0 && day > a->decide_by;
	return 0;
}

void
cs_repair_judge(const struct cs_rfacts *f, int day, struct cs_religible *out)
{
	struct cs_buf b;
	char d1[11], d2[11];

	memset(out, 0, sizeof(*out));
	out->from = f->repair_from;
	out->missing = f->required & ~f->met;
	/* Nothing to repair (not published, ended) says so before "never". */
	if (f->never_why != NULL || (f->repair_from < 0 &&
	    f->ended_why == NULL)) {
		out->from = -1;
		out->missing = 0;
		snprintf(out->why, sizeof(out->why), "never repairable: %s",
		    f->never_why != NULL ? f->never_why : "no rule allows it");
		return;
	}
	if (f->barred_until >= 0 && out->from >= 0 &&
	    out->from <= f->barred_until)
		out->from = f->barred_until + 1;
	if (f->ended_why != NULL) {
		if (out->from < 0)
			out->missing = 0;
		snprintf(out->why, sizeof(out->why), "%s", f->ended_why);
		return;
	}
	if (f->barred_until >= 0 && day <= f->barred_until) {
		cs_date_format(f->barred_until, d1);
		snprintf(out->why, sizeof(out->why), "a repair was revoked: no "
		    "new application through %s", d1);
		return;
	}
	if (day < out->from) {
		cs_date_format(out->from, d2);
		snprintf(out->why, sizeof(out->why), "repair is possible from "
		    "%s", d2);
		return;
	}
	if (out->missing != 0) {
		cs_buf_init(&b);
		cs_rcond_list(out->missing, &b);
		if ((out->missing & CS_RC_LIST_EARLY) && f->list_why != NULL)
			snprintf(out->why, sizeof(out->why), "missing %s (%s)",
			    b.s, f->list_why);
		else
			snprintf(out->why, sizeof(out->why), "missing %s", b.s);
		cs_buf_release(&b);
		return;
	}
	out->eligible = 1;
}

void
cs_repair_rules_free(struct cs_repair_rules *rr)
{
	size_t i, k, j;

	if (rr == NULL)
		return;
	for (i = 0; i < rr->nrg; i++) {
		for (k = 0; k < rr->rg[i].nx; k++) {
			struct cs_repair_extra *x = &rr->rg[i].x[k];

			for (j = 0; j < x->domains.n; j++)
				free(x->domains.v[j]);
			free(x->domains.v);
			free(x->why);
		}
		free(rr->rg[i].x);
		free(rr->rg[i].id);
	}
	free(rr->rg);
	free(rr->dl);
	free(rr->how);
	free(rr->how_list);
	free(rr);
}

const struct cs_repair_deadlines *
cs_repair_deadlines_at(const struct cs_repair_rules *rr, int day)
{
	const struct cs_repair_deadlines *d = NULL;
	size_t i;

	for (i = 0; i < rr->ndl; i++)
		if (rr->dl[i].from <= day)
			d = &rr->dl[i];
	return d;
}

unsigned
cs_repair_required(const struct cs_repair_rules *rr, const char *regime,
    const char *domain)
{
	const struct cs_repair_regime *g = NULL;
	unsigned c;
	size_t i, k;

	for (i = 0; regime != NULL && i < rr->nrg && g == NULL; i++)
		if (strcmp(rr->rg[i].id, regime) == 0)
			g = &rr->rg[i];
	if (g == NULL)
		return 0;
	c = g->conds;
	for (i = 0; domain != NULL && i < g->nx; i++)
		for (k = 0; k < g->x[i].domains.n; k++)
			if (strcmp(g->x[i].domains.v[k], domain) == 0)
				c |= g->x[i].conds;
	return c;
}

void
cs_repair_how(const struct cs_repair_rules *rr,
    const struct cs_repair_deadlines *dl, int list, struct cs_buf *b)
{
	const char *p = list && rr->how_list != NULL ? rr->how_list :
	    rr->how != NULL ? rr->how : "";

	while (*p != '\0') {
		if (strncmp(p, "{accept_days}", 13) == 0) {
			cs_buf_addf(b, "%d", dl != NULL ? dl->accept_days : 0);
			p += 13;
		} else if (strncmp(p, "{decide_days}", 13) == 0) {
			cs_buf_addf(b, "%d", dl != NULL ? dl->decide_days : 0);
			p += 13;
		} else {
			cs_buf_addc(b, *p++);
		}
	}
}
