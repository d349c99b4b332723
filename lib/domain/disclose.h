/*
 * The disclosure run (DESIGN.md 5.3) as pure rules: the working-day
 * deadlines to publish and to withdraw a decision, by the rule in force
 * on its day; the working days between a decision and its first
 * release; and the columns of the published files in their three header
 * styles.  lib/rules/publish_rules.c loads them from share/cs/publish.json.
 */
#ifndef CS_DOMAIN_DISCLOSE_H
#define CS_DOMAIN_DISCLOSE_H

#include <stddef.h>

#include "core/util.h"
#include "domain/calendar.h"

/* Working days allowed, in force from a day. */
struct cs_deadline_rule {
	int from;			/* days */
	int publish;			/* after the decision */
	int withdraw;			/* after the revocation */
};

/* The age of majority, in force for decisions from a day. */
struct cs_minor_rule {
	int from;			/* days */
	int adult_age;			/* years; 0: no one is judged a minor */
};

/* Header styles of the published files (--headers). */
enum cs_header_style {
	CS_HDR_CN,			/* national double-publicity headers */
	CS_HDR_CODES,			/* their codes: CF_WSH, XK_WSH, ... */
	CS_HDR_CANONICAL		/* the canonical column names */
};

/* The columns of one published file. */
struct cs_pubfile {
	char *name;			/* "licences.csv" */
	size_t n;
	char **col;			/* canonical, cn and code names: */
	char **cn;			/* new strings, n of each */
	char **code;
};

struct cs_disclose {
	struct cs_deadline_rule *dl;	/* sorted by from */
	size_t ndl;
	int soon_days;			/* due: how far ahead by default */
	struct cs_minor_rule *mr;	/* minors: sorted by from */
	size_t nmr;
	struct cs_pubfile licences;
	struct cs_pubfile penalties;
};

void cs_disclose_release(struct cs_disclose *d);

/* Parse a --headers value: the style, or -1. */
int cs_header_style_parse(const char *s);

/* The age of majority for a decision of day: years, 0 when no rule. */
int cs_disclose_adult_age(const struct cs_disclose *d, int day);

struct cs_fields;
struct cs_vocab;

/*
 * Is the record f (record schema), decided on day decided, about a minor
 * (DESIGN.md 5.3: never published)?  1 when its person_id is a resident
 * ID number (person_id_type empty or one of resident, the catalog's
 * resident_id_types) whose holder is under the age of majority on the
 * decision day; 0 otherwise, a malformed number included.
 */
int cs_disclose_minor(const struct cs_disclose *d,
    const struct cs_vocab *resident, const struct cs_fields *f, int decided);

/* The rule in force on day, or NULL when none is. Borrowed. */
const struct cs_deadline_rule *cs_disclose_rule(const struct cs_disclose *d,
    int day);

/*
 * The last day to publish a decision of day (withdraw: to withdraw a
 * decision revoked on day): the n-th working day after it by the rule in
 * force on day.  0 with *out, or -1 with err (65: no rule, no calendar).
 */
int cs_disclose_deadline(const struct cs_disclose *d,
    const struct cs_calendar *cal, int day, int withdraw, int *out,
    struct cs_error *err);

/*
 * The working days after a up to and including b (0 when b <= a).  0
 * with *n, or -1 with err (65) when a year between lacks a calendar.
 */
int cs_working_days_between(const struct cs_calendar *cal, int a, int b,
    long *n, struct cs_error *err);

/* The header of column i of file f in style (enum cs_header_style). */
const char *cs_pubfile_header(const struct cs_pubfile *f, size_t i,
    int style);

#endif
