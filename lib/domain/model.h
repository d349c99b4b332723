/*
 * Scoring models as data: the base model and the industry models built on
 * it (share/cs/models/, loaded by lib/rules/models.c), their rules,
 * determinations and signals.  Points are kept in tenths, never as floats.
 */
#ifndef CS_DOMAIN_MODEL_H
#define CS_DOMAIN_MODEL_H

#include <stddef.h>

#include "core/util.h"
#include "domain/calendar.h"

/* What a rule, determination or signal matches in a record. */
struct cs_match {
	char *type;			/* record type, or NULL: any */
	char *severity;			/* NULL: any */
	char *domain;			/* NULL: any */
	int certified;			/* -1 any, 0 false, 1 true */
	int debtor;			/* dishonest_debtor: -1, 0, 1 */
	char *list;			/* type "listed": the list, or NULL */
};

enum cs_window_kind {
	CS_WIN_NONE,			/* counts from the decision on */
	CS_WIN_PERIOD,			/* counts until decided_on + period */
	CS_WIN_IN_FORCE			/* counts until valid_until (incl.) */
};

struct cs_window {
	int kind;
	struct cs_period p;
	char text[16];			/* "P3Y", "in_force", "" */
};

/* One step of a decay: records younger than until count percent. */
struct cs_decay {
	struct cs_period until;
	char text[16];
	int percent;
};

struct cs_rule {
	char *code;
	char *why;
	struct cs_match m;
	long points;			/* tenths, signed */
	struct cs_window w;
	int has_cap;
	long cap;			/* tenths, same sign as points */
	const struct cs_decay *decay;	/* borrowed: the model's or own */
	size_t ndecay;			/* 0: no decay (always 100%) */
	struct cs_decay *own;		/* a rule's own steps */
};

/*
 * A fact that fixes the class regardless of the score, or, at_best, one
 * that lets the score give no better class than cls.
 */
struct cs_determination {
	char *code;
	char *why;
	char cls[2];
	int at_best;			/* cls is a ceiling, not the class */
	struct cs_match m;
	struct cs_window w;
};

enum cs_signal_kind {
	CS_SIG_SURGE,			/* n in the last days > factor x average */
	CS_SIG_REGIONS,			/* authorities of min regions in window */
	CS_SIG_REPEAT,			/* one violation type min times in window */
	CS_SIG_OVERDUE			/* due_on passed, nothing refers to it */
};

struct cs_signal {
	char *code;
	char *why;
	int kind;
	char *type;			/* record type it looks at */
	struct cs_window w;
	int days;
	int min;
	int factor;
	int region_digits;
};

struct cs_model {
	char *id;
	char *title;
	long base, floor, ceiling;	/* tenths */
	struct cs_decay *decay;
	size_t ndecay;
	struct cs_rule *rules;
	size_t nrules;
	struct cs_determination *dets;
	size_t ndets;
	struct cs_signal *sigs;
	size_t nsigs;
};

/* The base model and the industry models built on it. */
struct cs_models {
	struct cs_model *base;
	struct cs_model **ind;		/* base rules with an industry's */
	size_t nind;
	char **prefix;			/* industry code prefixes ... */
	size_t *which;			/* ... and the index into ind */
	size_t nprefix;
	int forced;			/* --model: industries are ignored */
};

/* The model for an industry code (NULL or unknown: the base); borrowed. */
const struct cs_model *cs_models_pick(const struct cs_models *ms,
    const char *industry);
/*
 * The lists (of cs-blacklist) that the rules and determinations of the
 * models match: a new array of borrowed names, *n of them.
 */
const char **cs_models_lists(const struct cs_models *ms, size_t *n);
/* The model named id (base or industry), or NULL; borrowed. */
const struct cs_model *cs_models_find(const struct cs_models *ms,
    const char *id);

/*
 * Parse points: an optional sign, digits, at most one decimal ("-30",
 * "+1", "2.5").  Returns 0 with *tenths, or -1.
 */
int cs_points_parse(const char *s, long *tenths);
/* Format tenths as "-30.0" (sign "+" when plus and positive). */
void cs_points_format(long tenths, int plus, char out[24]);

#endif
