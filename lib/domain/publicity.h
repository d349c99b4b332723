/*
 * Publicity of decisions (DESIGN.md 5.3): the regimes of
 * share/cs/publicity.json, each in force from a date, and the judgement
 * of one record on one day: published or not and why, its window, from
 * when credit repair may end it, or why it never may.  Pure: lib/rules
 * loads the regimes; periods are counted by cs_period_end.
 */
#ifndef CS_DOMAIN_PUBLICITY_H
#define CS_DOMAIN_PUBLICITY_H

#include <stddef.h>

#include "domain/calendar.h"

/* The minimum and maximum publicity of a severity or a domain. */
struct cs_publicity_rule {
	char *key;			/* severity or domain */
	int has_min;			/* 0: repair possible at once */
	struct cs_period min;
	char min_text[16];
	int has_max;			/* severities: always */
	struct cs_period max;
	char max_text[16];
	int published;			/* 0: not published by default */
};

/* A list of strings (owned). */
struct cs_strlist {
	char **v;
	size_t n;
};

/*
 * A condition of never_repaired: every non-empty list must match the
 * record (domains and severities by value, penalty categories by one of
 * the record's categories, violation types by a part of its text).
 */
struct cs_pubmatch {
	struct cs_strlist domains;
	struct cs_strlist severities;
	struct cs_strlist categories;
	struct cs_strlist violations;
};

struct cs_regime {
	char *id;
	char *title;			/* may be NULL */
	int from, until;		/* days; INT_MIN, INT_MAX when open */
	struct cs_publicity_rule *sev;
	size_t nsev;
	struct cs_publicity_rule *dom;
	size_t ndom;
	/* never_repaired: any of nr matches (nnr 0: none). */
	struct cs_pubmatch *nr;
	size_t nnr;
	char *nr_why;
	int nr_has_max;
	struct cs_period nr_max;
	char nr_max_text[16];
};

/* How a published type's window is counted. */
enum cs_pubhow {
	CS_PUBHOW_REGIME = 1,		/* by the penalty regimes */
	CS_PUBHOW_IN_FORCE		/* while in force: through valid_until */
};

struct cs_publicity {
	struct cs_regime *r;
	size_t n;
	struct cs_strlist types;	/* the published record types ... */
	int *how;			/* ... and how (enum cs_pubhow) */
	struct cs_strlist warning_only;	/* categories of a warning-only penalty */
};

/*
 * The next category of a list of penalty categories from *s (";", ",",
 * "/", "；", "，", "、" separate them; spaces do not): its start with
 * *len (borrowed from *s), or NULL at the end.  Items are trimmed of
 * spaces; empty items are skipped.
 */
const char *cs_category_next(const char **s, size_t *len);

/* Free what pb holds and empty it. */
void cs_publicity_release(struct cs_publicity *pb);

/* A record as publicity sees it; strings borrowed, NULL when absent. */
struct cs_pubrec {
	const char *type;
	const char *severity;
	const char *domain;
	const char *penalty_category;	/* one or more, ";"-, "、"- or ","-separated */
	const char *violation_type;
	int decided;			/* days */
	int valid_until;		/* days, -1: none or long-term */
	int revoked;
	int repaired;			/* 1: a credit repair was granted ... */
	int repaired_from;		/* ... effective from this day ... */
	int resumed_on;			/* ... and revoked on this day, or -1 */
};

struct cs_fields;

/*
 * Fill r from the fields f of a record (record schema; r borrows its
 * strings): dates parsed, a valid_until of 2099-12-31 (long-term) or none
 * as -1, a record that is revoked as told, no repair (the caller sets
 * repaired, repaired_from and resumed_on from the store).
 */
void cs_pubrec_of_fields(struct cs_pubrec *r, const struct cs_fields *f,
    int revoked);

/* Whether a record is published on a day, and why (stable codes). */
enum cs_pubstate {
	CS_PUB_IN_WINDOW,		/* published */
	CS_PUB_ENDED,			/* the window's last day has passed */
	CS_PUB_NOT_YET,			/* decided after the day */
	CS_PUB_REVOKED,			/* withdrawn */
	CS_PUB_TYPE,			/* a type that is never published */
	CS_PUB_WARNING_ONLY,		/* a warning-only penalty */
	CS_PUB_SEVERITY,		/* the regime publishes no such severity */
	CS_PUB_NO_RULE,			/* no regime covers it */
	CS_PUB_REPAIRED			/* a credit repair ended it */
};

struct cs_pubinfo {
	int state;			/* enum cs_pubstate */
	int published;			/* state == CS_PUB_IN_WINDOW */
	char why[256];			/* the state in words */
	int start;			/* the window: the decision day ... */
	int last;			/* ... to its last day; -1: open */
	int windowed;			/* 0: no window (never published) */
	int repair_from;		/* first day repair may end it, or -1 */
	int never_repairable;
	char never_why[320];		/* why, when never_repairable */
	const char *regime;		/* borrowed id, or NULL */
	char max_text[16];		/* the maximum that gave last, or "" */
	int repaired_on;		/* the last day before a repair took
					   effect (the grant day), or -1 */
	int quiet_last;			/* severity not published: the last
					   day its maximum would give, or -1 */
};

/* The stable code of a state: "in_window", "warning_only", ... */
const char *cs_pubstate_code(int state);

/*
 * Judge record r on day: published or not and why, the window (start,
 * last), the repair-from day (the day after the minimum's last day: a
 * penalty decided 2025-01-10 with P3M is repairable from 2025-04-11; the
 * decision day itself when there is no minimum; -1 when nothing can be
 * repaired), whether it is never repairable and why, and the regime that
 * decided it (by the decision date).  Fills *out; the window and the
 * repair day do not depend on day, only the state does.  A granted
 * repair (r->repaired) ends the window on the day before it takes
 * effect (the grant day; repaired_on) and the record is CS_PUB_REPAIRED
 * from then on, until the day the repair was revoked (resumed_on), from
 * which the window runs to its maximum again.
 */
void cs_publicity_judge(const struct cs_publicity *pb,
    const struct cs_pubrec *r, int day, struct cs_pubinfo *out);

/*
 * The same judgement without the words of out->why when the record has
 * a window (in window, ended, not yet, revoked, repaired): out->why is
 * then empty, all else as cs_publicity_judge fills it (never_why too).
 * For a caller that judges many records and reads why of few; it judges
 * those again with cs_publicity_judge.
 */
void cs_publicity_judge_quiet(const struct cs_publicity *pb,
    const struct cs_pubrec *r, int day, struct cs_pubinfo *out);

/*
 * A feed's own end of publicity (公示截止期, the day feed) against the
 * rule: 0 when they agree, 1 with a warning in warn ("publicity_end
 * '2028-01-09' disagrees with the rules: ...").
 */
int cs_publicity_check_end(const struct cs_publicity *pb,
    const struct cs_pubrec *r, int feed, char *warn, size_t warnsz);

/*
 * The same for the fields f of a record (record schema): -1 when f has no
 * publicity_end (or no decision date) to check, else as
 * cs_publicity_check_end.  What add, correct, resolve, show and export
 * (publicity_end_differs) say of a feed's own end of publicity.
 */
int cs_publicity_end_differs(const struct cs_publicity *pb,
    const struct cs_fields *f, char *warn, size_t warnsz);

#endif
