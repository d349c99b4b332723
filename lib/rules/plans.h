/*
 * Sampling plans as data (one JSON file each in share/cs/sampling): the rate or count of
 * every class, the period a draw covers, who is skipped because a recent
 * draw took them, and how many inspectors a target gets.
 */
#ifndef CS_RULES_PLANS_H
#define CS_RULES_PLANS_H

#include <stddef.h>

#include "core/util.h"
#include "domain/calendar.h"
#include "domain/sample.h"

/* The most classes a plan may have (a class index fits in a byte). */
#define CS_PLAN_MAX_CLASSES 255

struct cs_plan {
	char *file;			/* the file it was loaded from */
	char hash[65];			/* SHA-256 of its bytes, hex */
	char *id;			/* "general" */
	char *title;
	char *period;			/* "P1Y", "P6M", "P3M" or "P1M" */
	int period_months;		/* 12, 6, 3 or 1 */
	size_t nclasses;
	char **classes;			/* class names, sorted by bytes */
	struct cs_quota *quota;		/* per class */
	int has_skip;			/* skip_recent given */
	char *skip_text;		/* "P1Y" */
	struct cs_period skip;
	char **skip_except;		/* classes drawn however recent */
	size_t nskip_except;
	int per_target;			/* inspectors_per_target, >= 2 */
	int distinct_units;
};

/*
 * 1 when name can name a plan: a path (it holds a '/'), or a plain name
 * of letters, digits, '-' and '_' (the file sampling/NAME.json of the
 * rules); 0 otherwise (".", "..", "x.json", control characters, ...).
 */
int cs_plan_name_ok(const char *name);
/* What a --plan that is not cs_plan_name_ok is told. */
#define CS_PLAN_NAME_RULE "a plan name is letters, digits, '-' and '_'; " \
	"give a file as a path with a '/' (./FILE)"
/*
 * Load a plan: name is a path the user gave when it holds a '/', else a
 * plain name (cs_plan_name_ok), the file rules_dir/sampling/NAME.json.
 * Returns 0 with *pp new (cs_plan_free, which accepts NULL), or -1 with
 * err: 64 for a name that is neither, 69 naming the file and the key at
 * fault (more than CS_PLAN_MAX_CLASSES classes too).
 */
int cs_plan_load(struct cs_plan **pp, const char *rules_dir,
    const char *name, struct cs_error *err);
void cs_plan_free(struct cs_plan *p);

/* Index of class cls in p->classes, or -1. */
long cs_plan_class(const struct cs_plan *p, const char *cls);
/* 1 when entities of class cls drawn recently are left out. */
int cs_plan_skips(const struct cs_plan *p, const char *cls);
/*
 * The last day whose skip_recent period has run out by as_of (days): a
 * draw on a later day is recent.
 */
int cs_plan_skip_cut(const struct cs_plan *p, int as_of);
/* "A, B, C, D"; returns new memory. */
char *cs_plan_class_list(const struct cs_plan *p);
/*
 * The plan period holding day, as a label: "2026" (P1Y), "2026-H2"
 * (P6M), "2026-Q4" (P3M) or "2026-11" (P1M), into out[16].
 */
void cs_plan_period_label(const struct cs_plan *p, int day, char *out);

#endif
