/*
 * Scoring entities of the store (cs-score): an entity's records and list
 * entries gathered (one by USCC, or every entity in one merged pass), run
 * through its model, and the result as columns or as the explanation
 * (which rules, records, decay and caps gave the score, and what to fix:
 * every record in its publicity window, whether it counts or not).
 */
#ifndef CS_OPS_SCORES_H
#define CS_OPS_SCORES_H

#include <jansson.h>

#include "core/util.h"
#include "domain/model.h"
#include "domain/score.h"
#include "store/store.h"

/* The publicity of one record of an entity on the day scored. */
struct cs_recpub {
	char id[65];
	char type[64];
	char severity[32];		/* "" when none */
	struct cs_pubinfo pi;
};

/* A scoring run and the entity it holds. */
struct cs_scoring {
	struct cs_store *st;		/* borrowed */
	const struct cs_models *ms;	/* borrowed */
	const struct cs_publicity *pb;	/* borrowed, may be NULL */
	int as_of;			/* days */
	char as_of_str[11];
	const char **lists;		/* the lists the models look at */
	size_t nlists;
	struct cs_score sc;
	/* The entity (cs_scoring_load, or each of cs_scoring_all). */
	char uscc[19];
	struct cs_buf name;
	struct cs_buf industry;
	int known;			/* the store has it */
	struct cs_srecs rs;
	/* The result (cs_scoring_run). */
	const struct cs_model *m;	/* the model it was scored with */
	char points[24];		/* the score, "87.5" */
	struct cs_buf reasons;		/* "CODE:-10.0;..." */
	struct cs_buf signals;
	struct cs_buf line;		/* cs_scoring_explain's NDJSON line */
	struct cs_recpub *rp;		/* cs_scoring_explain's publicity */
	size_t nrp, caprp;
};

/*
 * Set up s to score entities of st with ms on as_of (days); ms and pb
 * (the publicity rules of the explanations, may be NULL) are borrowed.
 * cs_scoring_release frees it.
 */
void cs_scoring_init(struct cs_scoring *s, struct cs_store *st,
    const struct cs_models *ms, const struct cs_publicity *pb, int as_of);
void cs_scoring_release(struct cs_scoring *s);

/*
 * Load the entity uscc (valid, canonical) and its records and list
 * entries into s; s->known says whether the store has it.  Returns 0, or
 * -1 with err.
 */
int cs_scoring_load(struct cs_scoring *s, const char *uscc,
    struct cs_error *err);
/*
 * Every entity of the store in USCC order, loaded into s in one merged
 * pass over entities, records and list entries, and handed to fn (which
 * scores it).  Returns 0, or -1 with err.
 */
int cs_scoring_all(struct cs_scoring *s, void (*fn)(void *ctx), void *ctx,
    struct cs_error *err);

/* Score the loaded entity: s->m, s->points, s->reasons, s->signals. */
void cs_scoring_run(struct cs_scoring *s);
/*
 * The explanation of the scored entity as one NDJSON line (LF-ended) in
 * s->line (borrowed until the next call), its records' publicity read
 * from the store.  Returns 0, or -1 with err.
 */
int cs_scoring_explain(struct cs_scoring *s, struct cs_error *err);

/*
 * The explanation of s (run on as_of with known = as_of): every rule with
 * the records it counted, points, decay step, cap, and per record when it
 * stops counting and the score then, and for a published penalty from
 * when it could be repaired and the score then, or why it never may
 * ("repair"); then "to_fix": every record of rp[0..nrp) in its publicity
 * window on as_of, counted or not.  Returns new (json_decref).
 */
json_t *cs_score_explain(const struct cs_score *s, const struct cs_model *m,
    const struct cs_srec *r, size_t n, int as_of,
    const struct cs_recpub *rp, size_t nrp);

#endif
