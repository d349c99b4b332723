/*
 * The public credit evaluation of one entity: its records and a model
 * give a score in tenths of a point, the reasons, the early-warning
 * signals and the direct determination that fixes a class (the full
 * explanation is built in ops/scores.c).  Pure: no I/O, no SQL, no JSON;
 * integers only.
 */
#ifndef CS_DOMAIN_SCORE_H
#define CS_DOMAIN_SCORE_H

#include <stddef.h>

#include "core/util.h"
#include "domain/model.h"
#include "domain/publicity.h"

/* A record as the scorer sees it; strings borrowed from the caller. */
struct cs_srec {
	const char *id;
	const char *type;
	const char *severity;		/* NULL when absent */
	const char *domain;
	const char *ref;
	const char *violation;		/* violation_type */
	const char *authority_uscc;
	const char *list;		/* type "listed": its list */
	int decided;			/* days since 1970-01-01 */
	int valid_until;		/* -1: none */
	int due;			/* -1: none */
	signed char certified;		/* 1 true, 0 false or absent */
	signed char debtor;		/* dishonest_debtor, the same */
	unsigned char disputed;		/* an objection is open */
	unsigned char entry;		/* a list entry, not a record */
};

/* A record as text, as the store gives it; strings borrowed. */
struct cs_srec_in {
	const char *uscc, *id, *type, *severity, *decided_on, *valid_until;
	const char *due_on, *ref, *domain, *certified, *dishonest_debtor;
	const char *authority_uscc, *violation_type;
	const char *list;		/* a list entry: its list, else NULL */
	int disputed;			/* an objection to it is open */
	int entry;			/* a list entry (type "listed") */
};

/* The records of one entity, owning their strings. */
struct cs_srecs {
	struct cs_srec *r;
	size_t n, cap;
	size_t (*off)[8];		/* pool offsets of the strings of r */
	struct cs_buf pool;
	int sealed;
};

void cs_srecs_init(struct cs_srecs *rs);
void cs_srecs_release(struct cs_srecs *rs);
void cs_srecs_clear(struct cs_srecs *rs);
/* Add a copy of in (dates parsed; a bad or absent date is -1). */
void cs_srecs_add(struct cs_srecs *rs, const struct cs_srec_in *in);
/*
 * Add a list entry as a record of type "listed": its id "list-entry:N",
 * decided on listed_on, in force to until ("" permanent).
 */
void cs_srecs_add_entry(struct cs_srecs *rs, const char *uscc, long entry_id,
    const char *list, const char *listed_on, const char *until);
/* Point the records' strings into the pool: call before reading rs->r. */
void cs_srecs_seal(struct cs_srecs *rs);

/* How one record counted. */
struct cs_counted {
	size_t rec;			/* index into the records */
	size_t rule;			/* index into the model's rules */
	int step;			/* decay step (0-based), -1: no decay */
	int percent;
	long points;			/* tenths after the decay */
	int until;			/* first day it no longer counts, -1 */
};

struct cs_rule_total {
	long total;			/* tenths, after the cap */
	int cap_hit;
	int disputed;			/* a counted record is disputed */
	size_t n;			/* records counted */
};

struct cs_score {
	long score;			/* tenths, clamped to floor..ceiling */
	struct cs_rule_total *rules;	/* one per model rule */
	size_t nrules_cap;
	struct cs_counted *c;
	size_t nc, capc;
	unsigned long long signals;	/* bit i: the model's signal i */
};

void cs_score_init(struct cs_score *s);
void cs_score_release(struct cs_score *s);

/*
 * Score records r[0..n) with model m on day as_of.  Records decided after
 * known (normally as_of; later when projecting a future date) are left
 * out, and so is r[exclude] (-1: none).  Each record counts in the first
 * rule that matches it, while its window lasts, with the decay step of
 * its age; a rule's total stops at its cap.
 */
void cs_score_run(struct cs_score *s, const struct cs_model *m,
    const struct cs_srec *r, size_t n, int as_of, int known, long exclude);

/*
 * The early-warning signals of m on as_of (records decided up to as_of)
 * into s->signals.
 */
void cs_score_run_signals(struct cs_score *s, const struct cs_model *m,
    const struct cs_srec *r, size_t n, int as_of);

/*
 * Up to 4 reasons "CODE:-30.0;CODE(disputed):-4.0;CODE:+1.0": the rules
 * that moved the score, most negative first, ties by code.  Appended to b.
 */
void cs_score_reasons(const struct cs_score *s, const struct cs_model *m,
    struct cs_buf *b);
/* The signal codes ";"-separated in model order ("unknown_entity" first
 * when unknown), appended to b. */
void cs_score_signals(const struct cs_score *s, const struct cs_model *m,
    int unknown, struct cs_buf *b);

/*
 * The first of m's determinations fixing a class that a record in force
 * on as_of meets: its index with *rec the record's, or -1.
 */
long cs_score_determine(const struct cs_model *m, const struct cs_srec *r,
    size_t n, int as_of, size_t *rec);
/*
 * Does a record in force on as_of meet determination d?  1 with *rec its
 * index (the first), else 0.
 */
int cs_score_det_holds(const struct cs_determination *d,
    const struct cs_srec *r, size_t n, int as_of, size_t *rec);

#endif
