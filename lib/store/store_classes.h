/*
 * The classes cs-classify saves: one "class" event per entity and day
 * whose class (or score, model, reason) changed.
 */
#ifndef CS_STORE_STORE_CLASSES_H
#define CS_STORE_STORE_CLASSES_H

#include "core/util.h"
#include "store/db.h"

/* A class saved by cs-classify. */
struct cs_class {
	char uscc[19];
	char as_of[11];
	char cls[2];			/* A, B, C or D */
	long seq;			/* its event */
	const char *score;		/* iterators: borrowed until the next */
	const char *model;		/* call; NULL when absent */
	const char *reason;
};

/*
 * Save c as a "class" event (inside a transaction).  Returns 1 with *seq,
 * 0 when the entity's last class saved for c->as_of is the same (nothing
 * is written), -1 with err.
 */
int cs_store_save_class(struct cs_store *st, const struct cs_class *c,
    long *seq, struct cs_error *err);
/*
 * With uscc: the classes saved for that entity in date order (as_of NULL,
 * or up to as_of).  Without: the last class of every entity on or before
 * as_of (NULL: the last saved), by uscc.
 */
int cs_store_iter_classes(struct cs_store *st, const char *uscc,
    const char *as_of, struct cs_store_iter **it, struct cs_error *err);
int cs_store_next_class(struct cs_store_iter *it, struct cs_class *c,
    struct cs_error *err);

#endif
