/*
 * The ledger as an RFC 6962 Merkle tree: leaf i is the hash of the event
 * of seq i + 1.  The roots of its perfect subtrees of 256 leaves and more
 * are kept in the table merkle_nodes (a cache of the ledger, grown by
 * each write that completes a subtree), so that a checkpoint reads only
 * the events the cache does not cover, and a proof a few hundred.
 */
#ifndef CS_STORE_STORE_MERKLE_H
#define CS_STORE_STORE_MERKLE_H

#include "core/merkle.h"
#include "core/util.h"
#include "store/db.h"

/* Subtrees of 2^8 leaves and up are kept in merkle_nodes. */
enum { CS_TREE_CACHE_LEVEL = 8 };

/* The tree of the whole ledger. */
struct cs_tree_head {
	long size;			/* events */
	unsigned char root[32];
	unsigned char head[32];		/* hash of the last event */
	long read;			/* events read to make it */
};

/*
 * The tree of the ledger now, from merkle_nodes and the events after
 * what it covers, whose links (prev_hash) are checked on the way; the
 * subtrees completed are added to merkle_nodes when the store can be
 * written (the table is made then if need be).  One snapshot of the
 * store.  Returns 0; 1 when the chain or the cache shows that events
 * were changed or removed (msg, n bytes, says what; run verify); -1
 * with err.
 */
int cs_store_tree(struct cs_store *st, struct cs_tree_head *th, char *msg,
    size_t n, struct cs_error *err);

/*
 * MTH(D[lo:hi]) of the ledger's leaves, from merkle_nodes where it
 * covers them and from the events elsewhere (a cs_merkle_subtree_fn:
 * ctx is the store).  0, or -1 with err (65 when the ledger has fewer
 * than hi events).
 */
int cs_store_subtree(void *ctx, long lo, long hi, unsigned char out[32],
    struct cs_error *err);

/* The hash of the event of seq: 1 with out, 0 when there is none, -1. */
int cs_store_event_hash(struct cs_store *st, long seq, unsigned char out[32],
    struct cs_error *err);

#endif
