/*
 * Verifying a store: SQLite's integrity check, the hash chain and the
 * Merkle tree recomputed, every event replayed into fresh derived
 * tables, and those compared with the store's.
 */
#ifndef CS_STORE_VERIFY_H
#define CS_STORE_VERIFY_H

#include "core/util.h"
#include "store/db.h"

/* The outcome of cs_store_verify. */
struct cs_verify {
	long events;
	long chained;			/* events whose hash and link hold */
	int complete;			/* every event was read and chained */
	char head[65];			/* hash of the last of those, hex */
	unsigned char root[32];		/* the tree of those */
	long bad_seq;			/* first bad event, 0 when clean */
	int damaged;			/* SQLite's integrity check failed */
	char msg[1024];			/* what differs */
};

/* What cs_store_verify_with is asked besides. */
struct cs_verify_opts {
	/* Called with ctx after each event read, n the events so far. */
	void (*progress)(void *ctx, long n);
	void *ctx;
	/*
	 * The roots of the ledger's tree at these sizes: roots[i] is filled
	 * when sizes[i] <= the events chained.
	 */
	const long *sizes;
	size_t nsizes;
	unsigned char (*roots)[32];
};

/*
 * Run SQLite's integrity check, recompute the hash chain and the Merkle
 * tree of the event hashes, replay every event into fresh derived
 * tables, then compare them with the store's, and merkle_nodes with the
 * tree.  Returns 0 when clean, 1 when something differs (v->bad_seq and
 * v->msg say what; v->damaged when the file itself is damaged), -1 with
 * err.
 */
int cs_store_verify_with(struct cs_store *st, struct cs_verify *v,
    const struct cs_verify_opts *o, struct cs_error *err);
/* The same with only a progress callback (NULL: none). */
int cs_store_verify(struct cs_store *st, struct cs_verify *v,
    void (*progress)(void *ctx, long n), void *ctx, struct cs_error *err);

#endif
