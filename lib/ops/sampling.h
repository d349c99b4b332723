/*
 * What cs-sample frame reads from the store: the entities a frame leaves
 * out (drawn within the plan's skip_recent, deregistered) and the classes
 * cs-classify saved, as entities of a frame.
 */
#ifndef CS_OPS_SAMPLING_H
#define CS_OPS_SAMPLING_H

#include "ops/frames.h"
#include "rules/plans.h"
#include "store/store.h"

/*
 * Fill recent with the USCCs drawn after the plan's skip_recent cut (its
 * day into cut, "" when the plan has none) up to as_of, and gone with
 * the deregistered ones; the maps are the caller's, initialised.
 * Returns 0, or -1 with err.
 */
int cs_frame_exclusions(struct cs_store *st, const struct cs_plan *plan,
    int as_of, struct cs_strmap *recent, struct cs_strmap *gone,
    char cut[11], struct cs_error *err);

/*
 * Add to f the classes saved in the store as of as_of (YYYY-MM-DD); a
 * saved class that is not one of f's plan is left out and given to skip
 * (borrowed for the call) with ctx.  Returns 0, or -1 with err.
 */
int cs_frame_saved(struct cs_store *st, struct cs_frame *f,
    const char *as_of, void (*skip)(void *ctx, const struct cs_class *k),
    void *ctx, struct cs_error *err);

/*
 * The two entries of the entity cs_frame_sort found twice (at dup): the
 * one of the later line (as a reader finds it) in *later, the other in
 * *earlier; both borrowed from f.
 */
void cs_frame_dup(const struct cs_frame *f, size_t dup,
    const struct cs_frame_entry **later,
    const struct cs_frame_entry **earlier);

/* Append "A 12, B 30" (the entities kept per class) to b. */
void cs_frame_counts(const struct cs_frame *f, struct cs_buf *b);

#endif
