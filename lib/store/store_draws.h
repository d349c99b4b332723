/*
 * Draws of cs-sample ("double random, one open").  A draw is one "draw"
 * event per round, subject its draw id (plan:period); its body is the
 * canonical JSON cs-sample(1) describes: as_of, draw_id, plan, period,
 * seed, frame_hash, inspectors_hash, conflicts_hash, escalations (the
 * tickets added per class in each later round), round and the picks of
 * this round (uscc, class, ticket, rank, round, inspectors, unassigned).
 */
#ifndef CS_STORE_STORE_DRAWS_H
#define CS_STORE_STORE_DRAWS_H

#include <stddef.h>

#include "core/util.h"
#include "store/db.h"

/* Append a "draw" event (one round) and apply it. */
int cs_store_record_draw(struct cs_store *st, const char *draw_id,
    const char *body, size_t blen, long *seq, struct cs_error *err);

struct cs_draw {
	char draw_id[96];
	char plan[72];
	char period[16];
	char drawn_on[11];		/* the first round */
	long targets;
	long seq;			/* the last draw event */
	const char *seed;		/* iterators: borrowed until the next */
	const char *frame_hash;		/* call */
	const char *inspectors_hash;	/* NULL when none were given */
	const char *conflicts_hash;
	const char *escalations;	/* "" or "2,3" */
};

/* The draws (draw_id NULL: all), by draw id. */
int cs_store_iter_draws(struct cs_store *st, const char *draw_id,
    struct cs_store_iter **it, struct cs_error *err);
int cs_store_next_draw(struct cs_store_iter *it, struct cs_draw *d,
    struct cs_error *err);

/* A drawn target and its inspection result, if one was recorded. */
struct cs_target {
	char draw_id[96];
	char uscc[19];
	char cls[17];
	long rank;
	int round;
	char drawn_on[11];
	const char *ticket;		/* borrowed until the next call */
	const char *inspectors;		/* "i1 i2", or NULL */
	const char *unassigned;		/* why not, or NULL */
	const char *result;		/* NULL: open; else extra.result or "" */
	const char *result_id;		/* the inspection record */
	const char *decided_on;
};

/*
 * The targets of a draw (NULL: every draw) by draw id, class and rank,
 * each with the latest active "inspection" record whose ref is the draw
 * id.
 */
int cs_store_iter_targets(struct cs_store *st, const char *draw_id,
    struct cs_store_iter **it, struct cs_error *err);
int cs_store_next_target(struct cs_store_iter *it, struct cs_target *t,
    struct cs_error *err);
/* USCCs drawn on a day in (after, upto], each once. */
int cs_store_iter_drawn(struct cs_store *st, const char *after,
    const char *upto, struct cs_store_iter **it, struct cs_error *err);
/* USCCs of the entities whose register status is status, by USCC. */
int cs_store_iter_status(struct cs_store *st, const char *status,
    struct cs_store_iter **it, struct cs_error *err);
/* The next USCC of cs_store_iter_drawn or cs_store_iter_status. */
int cs_store_next_uscc(struct cs_store_iter *it, char uscc[19],
    struct cs_error *err);

#endif
