/*
 * Verifying a store: the hash chain recomputed, every event replayed into
 * fresh derived tables, and those compared with the store's.
 */
#ifndef CS_STORE_VERIFY_H
#define CS_STORE_VERIFY_H

#include "core/util.h"
#include "store/db.h"

/* The outcome of cs_store_verify. */
struct cs_verify {
	long events;
	char head[65];			/* hash of the last event, hex */
	long bad_seq;			/* first bad event, 0 when clean */
	char msg[1024];			/* what differs */
};

/*
 * Recompute the hash chain and replay every event into fresh derived
 * tables, then compare them with the store's.  progress (NULL: none) is
 * called with ctx after each event read, n the events so far.  Returns 0
 * when clean, 1 when something differs (v->bad_seq and v->msg say what),
 * -1 with err.
 */
int cs_store_verify(struct cs_store *st, struct cs_verify *v,
    void (*progress)(void *ctx, long n), void *ctx, struct cs_error *err);

#endif
