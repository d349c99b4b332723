/*
 * Unit tests of lib/core/merkle: the RFC 6962 test vectors (the roots of
 * the first 1 to 8 of its leaves, an inclusion and two consistency
 * proofs), then every proof of trees up to 70 leaves made and checked,
 * and changed proofs refused.
 */
#include <string.h>

#include "cs.h"
#include "unit.h"

static const char *const leaf_hex[8] = {
	"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
	"606162636465666768696a6b6c6d6e6f"
};

static const char *const root_hex[8] = {
	"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
	"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
	"aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
	"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
	"4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
	"76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
	"ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
	"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

enum { N = 70 };

/* The leaf hashes of the test trees. */
static unsigned char leaves[N][32];

static void
unhex(const char *s, unsigned char *out)
{
	size_t i;
	unsigned int v;

	for (i = 0; s[2 * i] != '\0'; i++) {
		sscanf(s + 2 * i, "%2x", &v);
		out[i] = (unsigned char)v;
	}
}

static const char *
hex(const unsigned char h[32])
{
	static char buf[4][65];
	static int k;

	k = (k + 1) % 4;
	cs_hex(h, 32, buf[k]);
	return buf[k];
}

/* MTH(D[lo:hi]) from the leaves, the straightforward recursive way. */
static void
mth(long lo, long hi, unsigned char out[32])
{
	unsigned char l[32], r[32];
	long k = 1;

	if (hi - lo == 1) {
		memcpy(out, leaves[lo], 32);
		return;
	}
	while (k << 1 < hi - lo)
		k <<= 1;
	mth(lo, lo + k, l);
	mth(lo + k, hi, r);
	cs_merkle_node(l, r, out);
}

static long asked_bad;

static int
subtree(void *ctx, long lo, long hi, unsigned char out[32],
    struct cs_error *err)
{
	long w = 1;

	(void)ctx;
	(void)err;
	while (w < hi - lo)
		w <<= 1;
	if (lo % w != 0)
		asked_bad++;
	mth(lo, hi, out);
	return 0;
}

/* Count the subtrees a push completes, checking each against mth. */
static long done_n, done_bad;

static void
done(void *ctx, int level, long index, const unsigned char h[32])
{
	unsigned char want[32];

	(void)ctx;
	done_n++;
	mth(index << level, (index + 1) << level, want);
	if (memcmp(want, h, 32) != 0)
		done_bad++;
}

static void
vectors(void)
{
	struct cs_merkle_range r;
	unsigned char data[16], root[32], want[32], proof[CS_MERKLE_PROOF_MAX][32];
	unsigned char p3[3][32], p2[2][32];
	struct cs_error err;
	size_t len;
	int i, ok = 1;

	cs_merkle_range_init(&r);
	cs_merkle_range_root(&r, root);
	CHECK_STR(hex(root), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca4"
	    "95991b7852b855", "the empty tree's root is SHA-256 of nothing");
	for (i = 0; i < 8; i++) {
		unhex(leaf_hex[i], data);
		cs_merkle_leaf(data, strlen(leaf_hex[i]) / 2, leaves[i]);
		cs_merkle_range_push(&r, leaves[i], NULL, NULL);
		cs_merkle_range_root(&r, root);
		if (strcmp(hex(root), root_hex[i]) != 0)
			ok = 0;
	}
	CHECK(ok, "the roots of the RFC 6962 test trees of 1 to 8 leaves");
	CHECK(r.size == 8, "a range counts its leaves");

	/* Inclusion of leaf 5 in the tree of 8. */
	unhex("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
	    p3[0]);
	unhex("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
	    p3[1]);
	unhex(root_hex[3], p3[2]);
	unhex(root_hex[7], want);
	CHECK(cs_merkle_inclusion_check(5, 8, leaves[5],
	    (const unsigned char (*)[32])p3, 3, want),
	    "the RFC 6962 inclusion proof of leaf 5 in 8 checks");
	CHECK(!cs_merkle_inclusion_check(4, 8, leaves[5],
	    (const unsigned char (*)[32])p3, 3, want),
	    "the same proof for leaf 4 does not");
	CHECK(cs_merkle_inclusion_proof(5, 8, subtree, NULL, proof, &len,
	    &err) == 0 && len == 3 && memcmp(proof, p3, sizeof(p3)) == 0,
	    "the inclusion proof of leaf 5 in 8 is made as RFC 6962 gives it");
	unhex(root_hex[1], p3[0]);
	unhex(root_hex[2], want);
	CHECK(cs_merkle_inclusion_check(2, 3, leaves[2],
	    (const unsigned char (*)[32])p3, 1, want),
	    "leaf 2 of 3 is proved by the root of the first 2");

	/* Consistency of 6 with 8 and of 2 with 5. */
	unhex("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
	    p3[0]);
	unhex("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
	    p3[1]);
	unhex(root_hex[3], p3[2]);
	unhex(root_hex[5], root);
	unhex(root_hex[7], want);
	CHECK(cs_merkle_consistency_check(6, 8, root, want,
	    (const unsigned char (*)[32])p3, 3),
	    "the RFC 6962 consistency proof of 6 and 8 checks");
	CHECK(cs_merkle_consistency_proof(6, 8, subtree, NULL, proof, &len,
	    &err) == 0 && len == 3 && memcmp(proof, p3, sizeof(p3)) == 0,
	    "the consistency proof of 6 and 8 is made as RFC 6962 gives it");
	unhex(root_hex[4], root);
	CHECK(!cs_merkle_consistency_check(6, 8, root, want,
	    (const unsigned char (*)[32])p3, 3),
	    "it does not check with the root of 5 leaves");
	unhex("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
	    p2[0]);
	unhex("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
	    p2[1]);
	unhex(root_hex[1], root);
	unhex(root_hex[4], want);
	CHECK(cs_merkle_consistency_check(2, 5, root, want,
	    (const unsigned char (*)[32])p2, 2),
	    "the RFC 6962 consistency proof of 2 and 5 checks");
	CHECK(cs_merkle_consistency_check(5, 5, want, want, NULL, 0) &&
	    !cs_merkle_consistency_check(5, 5, root, want, NULL, 0),
	    "a tree is consistent with itself only with its own root");
	CHECK(cs_merkle_inclusion_proof(8, 8, subtree, NULL, proof, &len,
	    &err) == -1 && cs_merkle_consistency_proof(0, 8, subtree, NULL,
	    proof, &len, &err) == -1, "no proof of a leaf or tree outside");
}

/* Every proof of trees up to N leaves, made, checked and changed. */
static void
exhaustive(void)
{
	unsigned char proof[CS_MERKLE_PROOF_MAX][32], rm[32], rn[32];
	struct cs_merkle_range r;
	struct cs_error err;
	long m, n, made = 0, bad = 0, forged = 0;
	unsigned char data[8];
	size_t len, i;

	for (i = 8; i < N; i++) {
		memset(data, 0, sizeof(data));
		data[0] = (unsigned char)i;
		cs_merkle_leaf(data, sizeof(data), leaves[i]);
	}
	for (n = 1; n <= N; n++) {
		mth(0, n, rn);
		for (m = 0; m < n; m++) {
			if (cs_merkle_inclusion_proof(m, n, subtree, NULL,
			    proof, &len, &err) != 0)
				bad++;
			made++;
			if (!cs_merkle_inclusion_check(m, n, leaves[m],
			    (const unsigned char (*)[32])proof, len, rn))
				bad++;
			/* A changed hash, a wrong index, a short proof. */
			for (i = 0; i < len; i++) {
				proof[i][7] ^= 1;
				forged += cs_merkle_inclusion_check(m, n,
				    leaves[m], (const unsigned char (*)[32])
				    proof, len, rn);
				proof[i][7] ^= 1;
			}
			if (n > 1)
				forged += cs_merkle_inclusion_check((m + 1) % n,
				    n, leaves[m], (const unsigned char (*)[32])
				    proof, len, rn);
			if (len > 0)
				forged += cs_merkle_inclusion_check(m, n,
				    leaves[m], (const unsigned char (*)[32])
				    proof, len - 1, rn);
		}
		for (m = 1; m <= n; m++) {
			mth(0, m, rm);
			if (cs_merkle_consistency_proof(m, n, subtree, NULL,
			    proof, &len, &err) != 0)
				bad++;
			made++;
			if (!cs_merkle_consistency_check(m, n, rm, rn,
			    (const unsigned char (*)[32])proof, len))
				bad++;
			for (i = 0; i < len; i++) {
				proof[i][0] ^= 0x80;
				forged += cs_merkle_consistency_check(m, n, rm,
				    rn, (const unsigned char (*)[32])proof,
				    len);
				proof[i][0] ^= 0x80;
			}
			if (m < n)
				forged += cs_merkle_consistency_check(m, n, rn,
				    rn, (const unsigned char (*)[32])proof,
				    len);
		}
	}
	CHECK(made == N * (N + 1) && bad == 0,
	    "every inclusion and consistency proof up to 70 leaves checks");
	CHECK(forged == 0, "no changed proof, index or root checks");
	CHECK(asked_bad == 0, "proofs ask only for aligned subtrees");

	/* Pushing leaves tells of every completed subtree. */
	cs_merkle_range_init(&r);
	for (i = 0; i < N; i++)
		cs_merkle_range_push(&r, leaves[i], done, NULL);
	CHECK(done_n == N - 3 && done_bad == 0,
	    "a range tells of each perfect subtree it completes");
	cs_merkle_range_root(&r, rm);
	mth(0, N, rn);
	CHECK(memcmp(rm, rn, 32) == 0, "the root of 70 leaves");
}

/* A range made of cached subtrees and leaves gives the same root. */
static void
subtrees(void)
{
	struct cs_merkle_range r;
	unsigned char h[32], a[32], b[32];
	long i;

	cs_merkle_range_init(&r);
	mth(0, 32, h);
	CHECK(cs_merkle_range_push_subtree(&r, 5, h, NULL, NULL) == 0,
	    "a subtree of 32 leaves starts a range");
	mth(32, 48, h);
	CHECK(cs_merkle_range_push_subtree(&r, 4, h, NULL, NULL) == 0,
	    "one of 16 follows it");
	CHECK(cs_merkle_range_push_subtree(&r, 5, h, NULL, NULL) == -1,
	    "one of 32 cannot start at leaf 48");
	for (i = 48; i < 53; i++)
		cs_merkle_range_push(&r, leaves[i], NULL, NULL);
	cs_merkle_range_root(&r, a);
	mth(0, 53, b);
	CHECK(r.size == 53 && memcmp(a, b, 32) == 0,
	    "the root of subtrees and leaves is that of the leaves");
}

int
main(void)
{
	vectors();
	exhaustive();
	subtrees();
	return UNIT_DONE();
}
