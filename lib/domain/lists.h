/*
 * Lists of seriously dishonest entities (DESIGN.md 5.4): the list types
 * and joint measures of share/cs/lists.json and measures.json, the
 * lifecycle of a list entry as a pure state machine with its deadlines,
 * the criteria a basis record must meet, and the normalised names that
 * screening compares.  Pure: lib/rules/list_rules.c loads the list types and
 * measures.
 */
#ifndef CS_DOMAIN_LISTS_H
#define CS_DOMAIN_LISTS_H

#include <stddef.h>

#include "core/util.h"
#include "domain/calendar.h"
#include "domain/mask.h"
#include "domain/record.h"

/* States of an entry.  PROPOSED is the entry before it is stored. */
enum cs_lstate {
	CS_LS_PROPOSED,
	CS_LS_NOTICED,			/* notified, objection period running */
	CS_LS_OBJECTED,			/* an objection waits for its review */
	CS_LS_DISMISSED,		/* the objection was dismissed */
	CS_LS_LISTED,			/* decided: on the list */
	CS_LS_REMOVED,			/* off the list (expired, early, ...) */
	CS_LS_WITHDRAWN,		/* never listed: withdrawn */
	CS_LS_NSTATES
};

/* Steps (ledger actions list_<name>). */
enum cs_lstep {
	CS_LSTEP_NOTICE,
	CS_LSTEP_OBJECT,
	CS_LSTEP_UPHOLD,		/* review: objection upheld */
	CS_LSTEP_DISMISS,		/* review: objection dismissed */
	CS_LSTEP_DECIDE,
	CS_LSTEP_REMOVE,
	CS_LSTEP_WITHDRAW,
	CS_LSTEP_REINSTATE,		/* a repair revoked: listed again */
	CS_LSTEP_NSTEPS
};

/* Why an entry ends (removed or withdrawn). */
enum cs_lend {
	CS_LEND_NONE,
	CS_LEND_EXPIRED,		/* the term ended */
	CS_LEND_EARLY,			/* early removal, after the minimum */
	CS_LEND_BASIS_REVOKED,		/* no basis record is left */
	CS_LEND_ERROR,			/* listed (or noticed) in error */
	CS_LEND_UPHELD,			/* withdrawn: the objection was upheld */
	CS_LEND_REPAIRED,		/* a granted credit repair (cs-repair) */
	CS_LEND_NENDS
};

/* "noticed", ...; NULL when out of range. */
const char *cs_lstate_name(int state);
/* The state named s, or -1. */
int cs_lstate_parse(const char *s);
/* "notice", "object", "uphold", ... (the ledger action is "list_" + it). */
const char *cs_lstep_name(int step);
int cs_lstep_parse(const char *s);
const char *cs_lend_name(int end);
int cs_lend_parse(const char *s);

/*
 * The state after step from state, or -1 when the step is not allowed
 * there.  Steps: notice proposed->noticed; object noticed->objected;
 * uphold objected->withdrawn; dismiss objected->dismissed; decide
 * noticed|dismissed->listed; remove listed->removed; withdraw
 * noticed|objected|dismissed->withdrawn; reinstate removed->listed (a
 * repair revoked; the caller checks the removal was a repair).
 */
int cs_list_next(int state, int step);

/* How long a record is a basis after its decision. */
enum cs_lwin {
	CS_LWIN_NONE,			/* for ever */
	CS_LWIN_PERIOD,			/* within a period of its decision */
	CS_LWIN_IN_FORCE		/* up to its valid_until, inclusive */
};

/* A criterion: record columns and the values each may have. */
struct cs_lcrit {
	char *reason;			/* "serious administrative penalty" */
	size_t n;
	int *col;			/* enum cs_rcol */
	char ***vals;			/* per column: NULL-terminated values */
	int win;			/* enum cs_lwin */
	struct cs_period within;	/* CS_LWIN_PERIOD */
	char win_text[16];		/* "P1Y", "in_force" or "" */
};

/* What an early removal needs besides the wait (bits). */
enum {
	CS_LREQ_NO_NEW_PENALTY = 1 << 0, /* none as heavy as the basis since */
	CS_LREQ_OBLIGATIONS = 1 << 1	/* the basis's obligations performed */
};

/* A list type of lists.json. */
struct cs_ltype {
	char *name;			/* "serious" */
	char *title;
	char *en;
	char *basis;
	struct cs_lcrit *crit;
	size_t ncrit;
	int objection_days;		/* working days after the notice */
	int term_kind;			/* enum cs_lterm */
	struct cs_period term;		/* CS_LTERM_FIXED */
	int has_early;			/* early removal possible */
	struct cs_period early;		/* ... this long after listing */
	unsigned early_requires;	/* ... and then CS_LREQ_* */
	char *rights;			/* with {days} and {deadline} */
	char *remedies;			/* told with the decision */
	char **measures;		/* codes of measures.json */
	size_t nmeasures;
};

enum cs_lterm {
	CS_LTERM_FIXED,			/* the list's own term */
	CS_LTERM_DECISION		/* each decision gives one */
};

struct cs_measure {
	char *code;
	char *title;
	char *en;
	char *dept;
	char *basis;
};

struct cs_lists {
	struct cs_ltype *types;
	size_t ntypes;
	struct cs_measure *measures;
	size_t nmeasures;
	char **severities;		/* from the lightest to the heaviest */
	size_t nseverities;
	const struct cs_mask *mask;	/* ID numbers of persons; borrowed */
};

/* Free a list set (of cs_lists_load, rules/list_rules.h); accepts NULL. */
void cs_lists_free(struct cs_lists *l);
/* The list type or measure named s; borrowed; NULL when unknown. */
const struct cs_ltype *cs_lists_type(const struct cs_lists *l,
    const char *s);
const struct cs_measure *cs_lists_measure(const struct cs_lists *l,
    const char *code);
/* 1 when some measure is applied by department dept. */
int cs_lists_has_dept(const struct cs_lists *l, const char *dept);

/*
 * The first criterion of lt that record f meets, or NULL (borrowed).
 * A value matches when it equals one of the criterion's values.
 */
const struct cs_lcrit *cs_list_match(const struct cs_ltype *lt,
    const struct cs_fields *f);
/*
 * Judge record f (decided by day) as a basis of lt on day: the first
 * criterion it meets whose window holds on day.  Returns 1 with *c and
 * why it qualifies in msg ("decided on 2026-03-02, within P1Y (through
 * 2027-03-02)", "in force (valid until 2099-12-31)", "in force (no end
 * date)", "decided on 2026-03-02"); 0 when it meets criteria but the
 * window of none holds, with *c the first it meets and why not in msg,
 * naming the rule ("was decided on 2025-03-02: the serious list takes a
 * serious administrative penalty within P1Y of its decision (through
 * 2026-03-02), not on 2026-09-30"); -1 with *c NULL when it meets none.
 */
int cs_list_qualify(const struct cs_ltype *lt, const struct cs_fields *f,
    int day, const struct cs_lcrit **c, char *msg, size_t msgsz);

/* A record as the conditions of early removal see it (borrowed). */
struct cs_lfact {
	const char *id;
	const char *severity;		/* NULL: none */
	int decided;			/* day of the decision */
	int performed;			/* a basis: an obligation_performed
					 * record refers to it */
};

/* What the conditions of an early removal are judged on. */
struct cs_lremoval {
	const struct cs_lfact *basis;	/* the entry's basis records */
	size_t nbasis;
	const struct cs_lfact *penalties; /* the entity's active penalties
					 * decided since the listing */
	size_t npenalties;
	const char *evidence;		/* the removal's evidence, or NULL */
	const char *const *severities;	/* lightest first (lists.json) */
	size_t nseverities;
};


/* What an entry's lifecycle needs to judge the next step (day numbers). */
struct cs_lentry {
	long id;			/* entry_id */
	int state;			/* enum cs_lstate */
	int noticed_on;
	int deadline;			/* last day objections are accepted */
	int objected_on;		/* filing day of the open objection */
	int listed_on;			/* -1 before the decision */
	int until;			/* last day on the list; -1: permanent */
	int last_on;			/* day of the last step */
};

/* A step asked for: its day and, for remove, the kind of removal. */
struct cs_lrequest {
	int step;			/* enum cs_lstep */
	int on;				/* day of the step */
	int end;			/* remove, withdraw: enum cs_lend */
	int term_kind;			/* decide: CS_LTERM_FIXED, or ... */
	struct cs_period term;		/* ... a term given with the decision */
	int permanent;			/* ... or a permanent one */
	const struct cs_lremoval *early; /* an early removal: its facts */
};

/*
 * 1 when e is listed with a term that ended before day (day > until):
 * from until + 1 it is off the list by itself, expired, whether or not
 * cs-blacklist expire has recorded it; else 0.
 */
int cs_list_term_over(const struct cs_lentry *e, int day);

/*
 * Judge step rq on entry e of type lt.  Returns the new state with e
 * updated (listed_on and until for a decision), or -1 with the reason in
 * msg: a step the state does not allow (naming the state), a day before
 * the last step, an objection after the deadline, a decision before the
 * deadline has passed or while an objection is open, an early removal
 * before the list's minimum (naming the first possible day) or whose
 * conditions fail (cs_list_early_conditions on rq->early).
 */
int cs_list_step(const struct cs_ltype *lt, struct cs_lentry *e,
    const struct cs_lrequest *rq, char *msg, size_t msgsz);

/*
 * Judge the conditions lt->early_requires of an early removal of entry
 * e (listed) on day by the facts f: 0, or -1 with the first condition
 * that fails in msg: a penalty as heavy as the basis decided from the
 * listing day to day ("entry 14: early removal needs no new penalty of
 * the basis's severity (serious) or heavier since the listing on
 * 2026-10-14: record 'PC2' (serious) was decided on 2027-03-01"), or a
 * basis record no obligation_performed record refers to when f gives no
 * evidence.  The severity of the basis is its heaviest; without one,
 * the heaviest the list's criteria name; without that, any penalty
 * counts.
 */
int cs_list_early_conditions(const struct cs_ltype *lt,
    const struct cs_lentry *e, const struct cs_lremoval *f, int day,
    char *msg, size_t msgsz);

/*
 * The last day objections are accepted: the objection_days-th working day
 * after noticed_on.  0 with *out, or -1 with err ("no calendar for YEAR").
 */
int cs_list_deadline(const struct cs_calendar *cal, const struct cs_ltype *lt,
    int noticed_on, int *out, struct cs_error *err);

/*
 * The last day on the list of a term starting on listed_on, counted by
 * cs_period_end (listed 2025-10-13 for P3Y: through 2028-10-13).
 */
int cs_list_until(int listed_on, const struct cs_period *term);
/*
 * The first day early removal is possible for a listing of lt from
 * listed_on (the day after the wait's last day, cs_period_end), or -1
 * when lt allows none.
 */
int cs_list_early_from(const struct cs_ltype *lt, int listed_on);

/*
 * The rights text of lt with {days} and {deadline} filled in, appended
 * to b.
 */
void cs_list_rights(const struct cs_ltype *lt, const char *deadline,
    struct cs_buf *b);

/*
 * Normalise a name for screening into b (reset first): full-width ASCII
 * forms folded to ASCII (so "（" is "("), every space (ASCII, U+3000,
 * U+00A0) dropped, ASCII lower-cased.  Invalid UTF-8 bytes are kept.
 */
void cs_name_normalise(const char *s, size_t n, struct cs_buf *b);

/* Does list type lt carry measure code? */
int cs_ltype_has_measure(const struct cs_ltype *lt, const char *code);
/* The list types that carry measure code, ';'-separated, into b (reset). */
void cs_lists_of_measure(const struct cs_lists *ls, const char *code,
    struct cs_buf *b);

#endif
