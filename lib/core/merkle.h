/*
 * RFC 6962 Merkle trees (as RFC 9162 keeps them): leaf and node hashes,
 * a compact range that takes leaves one by one and gives the root of the
 * tree so far, inclusion and consistency proofs made from the hashes of
 * subtrees, and the checks of RFC 9162 sections 2.1.3.2 and 2.1.4.2.
 * The ledger's event hashes are the leaves of one such tree.
 */
#ifndef CS_CORE_MERKLE_H
#define CS_CORE_MERKLE_H

#include <stddef.h>

#include "core/util.h"

/* Levels of a tree: 2^62 leaves is more than a long counts anyway. */
enum { CS_MERKLE_LEVELS = 63, CS_MERKLE_PROOF_MAX = 2 * CS_MERKLE_LEVELS };

/* SHA-256(0x00 || data): the hash of a leaf. */
void cs_merkle_leaf(const void *data, size_t n, unsigned char out[32]);
/* SHA-256(0x01 || left || right): the hash of an inner node. */
void cs_merkle_node(const unsigned char left[32], const unsigned char right[32],
    unsigned char out[32]);

/*
 * The roots of the perfect subtrees that make up the first size leaves:
 * h[k] is the root of 2^k leaves when bit k of size is set.  The caller
 * embeds it; nothing to release.
 */
struct cs_merkle_range {
	long size;
	unsigned char h[CS_MERKLE_LEVELS][32];
};

/*
 * Told of each perfect subtree a push completes: its level (2^level
 * leaves, level >= 1), its index among the subtrees of that level (its
 * first leaf is index << level) and its hash.
 */
typedef void (*cs_merkle_done_fn)(void *ctx, int level, long index,
    const unsigned char h[32]);

void cs_merkle_range_init(struct cs_merkle_range *r);
/* Append the leaf whose hash is leaf (done may be NULL). */
void cs_merkle_range_push(struct cs_merkle_range *r,
    const unsigned char leaf[32], cs_merkle_done_fn done, void *ctx);
/*
 * Append a perfect subtree of 2^level leaves whose root is h; r->size
 * must be a multiple of 2^level.  Returns 0, or -1 when it is not.
 */
int cs_merkle_range_push_subtree(struct cs_merkle_range *r, int level,
    const unsigned char h[32], cs_merkle_done_fn done, void *ctx);
/* MTH of the leaves so far (SHA-256 of nothing for none). */
void cs_merkle_range_root(const struct cs_merkle_range *r,
    unsigned char out[32]);

/*
 * MTH(D[lo:hi]) of the tree's leaves, from whoever holds them: 0, or -1
 * with err.  The proofs below ask only for ranges whose lo is a multiple
 * of the smallest power of two >= hi - lo.
 */
typedef int (*cs_merkle_subtree_fn)(void *ctx, long lo, long hi,
    unsigned char out[32], struct cs_error *err);

/*
 * PATH(m, D[n]) of RFC 6962 2.1.1, leaf first: *len hashes (at most
 * CS_MERKLE_LEVELS) into proof.  0 <= m < n.  Returns 0, or -1 with err.
 */
int cs_merkle_inclusion_proof(long m, long n, cs_merkle_subtree_fn f,
    void *ctx, unsigned char proof[][32], size_t *len, struct cs_error *err);
/*
 * PROOF(m, D[n]) of RFC 6962 2.1.2: *len hashes (at most
 * CS_MERKLE_PROOF_MAX) into proof.  0 < m <= n.  Returns 0, or -1.
 */
int cs_merkle_consistency_proof(long m, long n, cs_merkle_subtree_fn f,
    void *ctx, unsigned char proof[][32], size_t *len, struct cs_error *err);

/*
 * 1 when proof (len hashes) leads from the leaf hash leaf at index m of
 * a tree of n leaves to root, else 0.
 */
int cs_merkle_inclusion_check(long m, long n, const unsigned char leaf[32],
    const unsigned char proof[][32], size_t len, const unsigned char root[32]);
/*
 * 1 when proof shows that the tree of m leaves whose root is root_m is
 * the start of the tree of n leaves whose root is root_n, else 0.
 */
int cs_merkle_consistency_check(long m, long n, const unsigned char root_m[32],
    const unsigned char root_n[32], const unsigned char proof[][32],
    size_t len);

#endif
