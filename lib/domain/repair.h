/*
 * Credit repair (DESIGN.md 5.3, share/cs/repair.json): an application to
 * end the publicity of a penalty early or to leave a list early, as a
 * pure state machine with its deadlines in working days, and the
 * judgement of eligibility from facts the caller gathers.  Pure: no I/O,
 * no SQL, no JSON; lib/rules/repair_rules.c loads the rules.
 */
#ifndef CS_DOMAIN_REPAIR_H
#define CS_DOMAIN_REPAIR_H

#include <stddef.h>

#include "core/util.h"
#include "domain/calendar.h"
#include "domain/publicity.h"

/* States of an application.  NONE is the application before it is filed. */
enum cs_rstate {
	CS_RS_NONE,
	CS_RS_FILED,			/* filed, waiting for acceptance */
	CS_RS_RETURNED,			/* returned once as incomplete */
	CS_RS_ACCEPTED,			/* accepted, waiting for the decision */
	CS_RS_GRANTED,			/* repaired: the effects hold */
	CS_RS_REFUSED,			/* refused, with a reason */
	CS_RS_REVOKED,			/* a grant revoked: effects reversed */
	CS_RS_WITHDRAWN,		/* withdrawn by the applicant */
	CS_RS_NSTATES
};

/* Steps (ledger actions repair_<name>). */
enum cs_rstep {
	CS_RSTEP_APPLY,
	CS_RSTEP_ACCEPT,
	CS_RSTEP_RETURN,
	CS_RSTEP_EXTEND,		/* the decision deadline, once */
	CS_RSTEP_GRANT,
	CS_RSTEP_REFUSE,
	CS_RSTEP_REVOKE,
	CS_RSTEP_WITHDRAW,
	CS_RSTEP_NSTEPS
};

/* "filed", ...; NULL when out of range. */
const char *cs_rstate_name(int state);
/* The state named s, or -1 (NONE has no name). */
int cs_rstate_parse(const char *s);
/* "apply", "accept", ...: the ledger action is "repair_" + it. */
const char *cs_rstep_name(int step);
int cs_rstep_parse(const char *s);

/*
 * The state after step from state, or -1 when the step is not allowed
 * there: apply none->filed; accept filed|returned->accepted; return
 * filed->returned (so an application is returned once); extend
 * accepted->accepted; grant and refuse accepted->granted|refused;
 * revoke granted->revoked; withdraw filed|returned|accepted->withdrawn.
 */
int cs_repair_next(int state, int step);

/* The handling rules of a period (repair.json "deadlines"). */
struct cs_repair_deadlines {
	int from;			/* in force from (days; INT_MIN: always) */
	int accept_days;		/* working days after filing */
	int decide_days;		/* working days after acceptance */
	int extend_days;		/* working days an extension adds */
	struct cs_period bar;		/* no new application after a revocation */
	char bar_text[16];
};

/* An application as the state machine sees it (day numbers, -1: none). */
struct cs_rapp {
	long id;			/* application_id */
	int state;			/* enum cs_rstate */
	int filed_on;
	int accept_by;			/* last day to accept or return */
	int decide_by;			/* last day to decide; -1 before accept */
	int extended;			/* 1 once the deadline was extended */
	int granted_on;			/* the day of the grant */
	int last_on;			/* day of the last step */
};

/* A step asked for, with its day. */
struct cs_rrequest {
	int step;			/* enum cs_rstep */
	int on;
};

/*
 * Judge step rq on application a under deadlines dl with calendar cal.
 * Returns the new state with a updated (accept_by on apply, decide_by on
 * accept and extend, extended, granted_on, last_on), or -1 with the
 * reason in msg: a step the state does not allow (naming the state), a
 * day before the last step or before the filing, a second extension, a
 * revocation on the day of the grant, or a deadline that cannot be
 * counted (no calendar for the year).
 */
int cs_repair_step(const struct cs_repair_deadlines *dl,
    const struct cs_calendar *cal, struct cs_rapp *a,
    const struct cs_rrequest *rq, char *msg, size_t msgsz);

/*
 * Is application a past a deadline on day with no step since?  1 when
 * filed or returned after accept_by, or accepted after decide_by; else 0.
 */
int cs_repair_overdue(const struct cs_rapp *a, int day);

/* Conditions of a repair (bits; repair.json names them). */
enum {
	CS_RC_OBLIGATIONS = 1 << 0,	/* obligations of the decision performed */
	CS_RC_COMMITMENT = 1 << 1,	/* a public credit commitment made */
	CS_RC_NO_NEW_PENALTY = 1 << 2,	/* none for the same violation type since */
	CS_RC_NOT_LISTED = 1 << 3,	/* not on the serious list */
	CS_RC_LIST_EARLY = 1 << 4,	/* a list's own early-removal conditions */
	CS_RC_NCONDS = 5
};

/* "obligations", "commitment", ...; NULL when not one condition bit. */
const char *cs_rcond_name(unsigned bit);
/* The bit named s, or 0. */
unsigned cs_rcond_parse(const char *s);

/* What eligibility is judged on (days; -1: none). */
struct cs_rfacts {
	int repair_from;		/* first day the rules allow, -1: never */
	const char *never_why;		/* never repairable: why (or NULL) */
	const char *ended_why;		/* nothing to repair: why (or NULL) */
	unsigned required;		/* CS_RC_* the regime asks */
	unsigned met;			/* CS_RC_* that hold */
	const char *list_why;		/* CS_RC_LIST_EARLY failing: why */
	int barred_until;		/* last day of a bar after a revocation */
};

/* The judgement. */
struct cs_religible {
	int eligible;			/* 1 on the day asked */
	int from;			/* first possible day, -1: never */
	unsigned missing;		/* CS_RC_* required and not met */
	char why[512];			/* in words: what holds it back, or "" */
};

/*
 * Judge f on day into out: eligible when the day is on or after
 * repair_from and after barred_until, nothing is "ended" or "never", and
 * every required condition is met; from is the later of repair_from and
 * the day after barred_until.  why names the first thing that fails.
 */
void cs_repair_judge(const struct cs_rfacts *f, int day,
    struct cs_religible *out);

/* The names of the bits of mask, ";"-separated, appended to b. */
void cs_rcond_list(unsigned mask, struct cs_buf *b);

/* Extra conditions for the penalties of some domains. */
struct cs_repair_extra {
	struct cs_strlist domains;
	unsigned conds;			/* CS_RC_* */
	char *why;
};

/* The conditions of a publicity regime (by its id in publicity.json). */
struct cs_repair_regime {
	char *id;
	unsigned conds;
	struct cs_repair_extra *x;
	size_t nx;
};

/* share/cs/repair.json (cs_repair_rules_load, rules/repair_rules.h). */
struct cs_repair_rules {
	struct cs_repair_deadlines *dl;	/* by from, ascending */
	size_t ndl;
	struct cs_repair_regime *rg;
	size_t nrg;
	unsigned list_conds;		/* a repair of a list entry */
	char *how;			/* the notice text, {accept_days} ... */
	char *how_list;			/* ... of a list entry; NULL: how */
};

/* Free rr and what it holds; accepts NULL. */
void cs_repair_rules_free(struct cs_repair_rules *rr);
/* The deadlines in force on day (borrowed), or NULL when none is. */
const struct cs_repair_deadlines *cs_repair_deadlines_at(
    const struct cs_repair_rules *rr, int day);
/*
 * The conditions a penalty judged by regime (an id) of domain (may be
 * NULL) needs; 0 when the regime has none.
 */
unsigned cs_repair_required(const struct cs_repair_rules *rr,
    const char *regime, const char *domain);
/*
 * rr->how (list: rr->how_list, when given) with {accept_days} and
 * {decide_days} of dl filled in, into b.
 */
void cs_repair_how(const struct cs_repair_rules *rr,
    const struct cs_repair_deadlines *dl, int list, struct cs_buf *b);

#endif
