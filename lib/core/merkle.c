/*
 * RFC 6962 Merkle trees: hashes, the compact range, proofs and their
 * checks.  The tree of n leaves splits at k, the largest power of two
 * below n: MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])).
 */
#include <string.h>

#include "core/hash.h"
#include "core/merkle.h"

void
cs_merkle_leaf(const void *data, size_t n, unsigned char out[32])
{
	static const unsigned char zero;
	unsigned char small[1 + 64];
	struct cs_sha256_ctx *c;

	if (n <= 64) {
		small[0] = 0x00;
		memcpy(small + 1, data, n);
		cs_sha256(small, n + 1, out);
		return;
	}
	c = cs_sha256_new();
	cs_sha256_update(c, &zero, 1);
	cs_sha256_update(c, data, n);
	cs_sha256_final(c, out);
}

void
cs_merkle_node(const unsigned char left[32], const unsigned char right[32],
    unsigned char out[32])
{
	unsigned char b[65];

	b[0] = 0x01;
	memcpy(b + 1, left, 32);
	memcpy(b + 33, right, 32);
	cs_sha256(b, sizeof(b), out);
}

void
cs_merkle_range_init(struct cs_merkle_range *r)
{
	r->size = 0;
}

/*
 * Put a subtree of level k after the first r->size leaves, merging it
 * with the equal ones before; the caller then adds 2^k to r->size.
 */
static void
range_add(struct cs_merkle_range *r, int k, const unsigned char h[32],
    cs_merkle_done_fn done, void *ctx)
{
	unsigned char carry[32];
	long s = r->size;

	memcpy(carry, h, 32);
	while (k < CS_MERKLE_LEVELS - 1 && (s >> k & 1)) {
		cs_merkle_node(r->h[k], carry, carry);
		k++;
		if (done != NULL)
			done(ctx, k, s >> k, carry);
	}
	memcpy(r->h[k], carry, 32);
}

void
cs_merkle_range_push(struct cs_merkle_range *r, const unsigned char leaf[32],
    cs_merkle_done_fn done, void *ctx)
{
	long s = r->size;

	range_add(r, 0, leaf, done, ctx);
	r->size = s + 1;
}

int
cs_merkle_range_push_subtree(struct cs_merkle_range *r, int level,
    const unsigned char h[32], cs_merkle_done_fn done, void *ctx)
{
	long s = r->size;

	if (level < 0 || level >= CS_MERKLE_LEVELS - 1 ||
	    (s & ((1L << level) - 1)) != 0)
		return -1;
	range_add(r, level, h, done, ctx);
	r->size = s + (1L << level);
	return 0;
}

void
cs_merkle_range_root(const struct cs_merkle_range *r, unsigned char out[32])
{
	int k, started = 0;

	if (r->size == 0) {
		cs_sha256("", 0, out);
		return;
	}
	/* Fold from the smallest subtree (the right edge) leftwards. */
	for (k = 0; k < CS_MERKLE_LEVELS; k++) {
		if (!(r->size >> k & 1))
			continue;
		if (!started) {
			memcpy(out, r->h[k], 32);
			started = 1;
		} else {
			cs_merkle_node(r->h[k], out, out);
		}
	}
}

/* The largest power of two below n (n > 1). */
static long
split(long n)
{
	long k = 1;

	while (k << 1 < n)
		k <<= 1;
	return k;
}

/* PATH(m, D[lo:lo+n]) appended to proof, deepest first. */
static int
path(long m, long lo, long n, cs_merkle_subtree_fn f, void *ctx,
    unsigned char proof[][32], size_t *len, struct cs_error *err)
{
	long k;

	if (n <= 1)
		return 0;
	k = split(n);
	if (m < k) {
		if (path(m, lo, k, f, ctx, proof, len, err) != 0)
			return -1;
		return f(ctx, lo + k, lo + n, proof[(*len)++], err);
	}
	if (path(m - k, lo + k, n - k, f, ctx, proof, len, err) != 0)
		return -1;
	return f(ctx, lo, lo + k, proof[(*len)++], err);
}

int
cs_merkle_inclusion_proof(long m, long n, cs_merkle_subtree_fn f, void *ctx,
    unsigned char proof[][32], size_t *len, struct cs_error *err)
{
	*len = 0;
	if (m < 0 || m >= n)
		return cs_error_set(err, CS_EX_SOFTWARE, NULL, 0, "leaf %ld is "
		    "not in a tree of %ld", m, n);
	return path(m, 0, n, f, ctx, proof, len, err);
}

/* SUBPROOF(m, D[lo:lo+n], b) appended to proof. */
static int
subproof(long m, long lo, long n, int b, cs_merkle_subtree_fn f, void *ctx,
    unsigned char proof[][32], size_t *len, struct cs_error *err)
{
	long k;

	if (m == n)
		return b ? 0 : f(ctx, lo, lo + n, proof[(*len)++], err);
	k = split(n);
	if (m <= k) {
		if (subproof(m, lo, k, b, f, ctx, proof, len, err) != 0)
			return -1;
		return f(ctx, lo + k, lo + n, proof[(*len)++], err);
	}
	if (subproof(m - k, lo + k, n - k, 0, f, ctx, proof, len, err) != 0)
		return -1;
	return f(ctx, lo, lo + k, proof[(*len)++], err);
}

int
cs_merkle_consistency_proof(long m, long n, cs_merkle_subtree_fn f, void *ctx,
    unsigned char proof[][32], size_t *len, struct cs_error *err)
{
	*len = 0;
	if (m <= 0 || m > n)
		return cs_error_set(err, CS_EX_SOFTWARE, NULL, 0, "no "
		    "consistency proof from %ld to %ld", m, n);
	return subproof(m, 0, n, 1, f, ctx, proof, len, err);
}

int
cs_merkle_inclusion_check(long m, long n, const unsigned char leaf[32],
    const unsigned char proof[][32], size_t len, const unsigned char root[32])
{
	unsigned char r[32];
	unsigned long fn, sn;
	size_t i;

	if (m < 0 || m >= n)
		return 0;
	fn = (unsigned long)m;
	sn = (unsigned long)n - 1;
	memcpy(r, leaf, 32);
	for (i = 0; i < len; i++) {
		if (sn == 0)
			return 0;
		if ((fn & 1) || fn == sn) {
			cs_merkle_node(proof[i], r, r);
			while (!(fn & 1) && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else {
			cs_merkle_node(r, proof[i], r);
		}
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && memcmp(r, root, 32) == 0;
}

int
cs_merkle_consistency_check(long m, long n, const unsigned char root_m[32],
    const unsigned char root_n[32], const unsigned char proof[][32],
    size_t len)
{
	unsigned char fr[32], sr[32];
	unsigned long fn, sn;
	size_t i = 0;

	if (m <= 0 || m > n)
		return 0;
	if (m == n)
		return len == 0 && memcmp(root_m, root_n, 32) == 0;
	if (len == 0)
		return 0;
	fn = (unsigned long)m - 1;
	sn = (unsigned long)n - 1;
	/* A tree of 2^k leaves is a node of the bigger one: start there. */
	if ((m & (m - 1)) == 0) {
		memcpy(fr, root_m, 32);
	} else {
		memcpy(fr, proof[0], 32);
		i = 1;
	}
	memcpy(sr, fr, 32);
	while (fn & 1) {
		fn >>= 1;
		sn >>= 1;
	}
	for (; i < len; i++) {
		if (sn == 0)
			return 0;
		if ((fn & 1) || fn == sn) {
			cs_merkle_node(proof[i], fr, fr);
			cs_merkle_node(proof[i], sr, sr);
			while (!(fn & 1) && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else {
			cs_merkle_node(sr, proof[i], sr);
		}
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && memcmp(fr, root_m, 32) == 0 &&
	    memcmp(sr, root_n, 32) == 0;
}
