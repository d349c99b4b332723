/*
 * Unit tests of lib/store/store_merkle.c: the ledger's tree head made from the
 * events, then again from the cache and the new events only; the root of
 * any aligned range of leaves from the cache and the events, and proofs
 * made from them that check.
 */
#include <string.h>

#include "cs.h"
#include "unit.h"
#include "unit_store.h"

static struct cs_store *st;
static struct cs_error err;
static unsigned char leaves[1200][32];

/* n more events: entities registered. */
static void
events(int from, int n)
{
	struct cs_fields ef;
	struct cs_buf b;
	char uscc[19];
	long seq;
	int i;

	cs_store_begin(st, &err);
	for (i = from; i < from + n; i++) {
		cs_fields_init(&ef, &cs_entity_schema);
		cs_buf_init(&b);
		snprintf(uscc, sizeof(uscc), "9111%014d", i);
		cs_fields_put(&ef, E_USCC, uscc, 18);
		cs_fields_put(&ef, E_NAME, "x", 1);
		cs_fields_json(&ef, &b, -1);
		if (cs_store_add_entity(st, &ef, b.s, b.len, NULL, &seq, &err) != 0)
			printf("# entity %d: %s\n", i, err.msg);
		cs_buf_release(&b);
		cs_fields_release(&ef);
	}
	cs_store_commit(st, &err);
}

/* The leaves of the first n events, from their hashes. */
static void
read_leaves(long n)
{
	unsigned char h[32];
	long s;

	for (s = 1; s <= n; s++) {
		cs_store_event_hash(st, s, h, &err);
		cs_merkle_leaf(h, 32, leaves[s - 1]);
	}
}

/* MTH(D[lo:hi]) of the leaves, one by one. */
static void
mth(long lo, long hi, unsigned char out[32])
{
	struct cs_merkle_range r;
	long i;

	cs_merkle_range_init(&r);
	for (i = lo; i < hi; i++)
		cs_merkle_range_push(&r, leaves[i], NULL, NULL);
	cs_merkle_range_root(&r, out);
}

/* Every aligned range up to n leaves, from the store and by hand. */
static long
ranges_wrong(long n)
{
	unsigned char a[32], b[32];
	long lo, w, bad = 0;

	for (w = 1; w <= n; w <<= 1)
		for (lo = 0; lo < n; lo += w) {
			long hi = lo + w > n ? n : lo + w;

			if (cs_store_subtree(st, lo, hi, a, &err) != 0) {
				bad++;
				continue;
			}
			mth(lo, hi, b);
			bad += memcmp(a, b, 32) != 0;
		}
	return bad;
}

int
main(void)
{
	unsigned char root[32], proof[CS_MERKLE_PROOF_MAX][32];
	struct cs_tree_head th;
	char db[64], msg[256];
	long m, bad = 0;
	size_t len;

	st = unit_store_new(db, &err);
	if (st == NULL)
		return 1;
	events(0, 699);
	CHECK(cs_store_tree(st, &th, msg, sizeof(msg), &err) == 0 &&
	    th.size == 700 && th.read == 700 - 512,
	    "the commits kept the subtrees: the first head reads 188 events");
	read_leaves(1100);
	mth(0, 700, root);
	CHECK(memcmp(th.root, root, 32) == 0, "its root is that of the leaves");
	CHECK(ranges_wrong(700) == 0, "every aligned range, cache or not");
	CHECK(cs_store_subtree(st, 0, 701, root, &err) == -1 &&
	    err.code == CS_EX_DATAERR && strcmp(err.msg, "the ledger has 700 "
	    "events, not 701") == 0, "no range beyond the ledger");

	events(699, 400);
	CHECK(cs_store_tree(st, &th, msg, sizeof(msg), &err) == 0 &&
	    th.size == 1100 && th.read == 1100 - 1024,
	    "the next head reads only what the cache does not cover");
	read_leaves(1100);
	mth(0, 1100, root);
	CHECK(memcmp(th.root, root, 32) == 0, "and has the root of the leaves");
	CHECK(ranges_wrong(1100) == 0, "every aligned range of 1100 leaves");
	for (m = 0; m < 1100; m += 37) {
		if (cs_merkle_inclusion_proof(m, 1100, cs_store_subtree, st,
		    proof, &len, &err) != 0 || !cs_merkle_inclusion_check(m,
		    1100, leaves[m], (const unsigned char (*)[32])proof, len,
		    root))
			bad++;
		mth(0, m + 1, th.root);
		if (cs_merkle_consistency_proof(m + 1, 1100, cs_store_subtree,
		    st, proof, &len, &err) != 0 ||
		    !cs_merkle_consistency_check(m + 1, 1100, th.root, root,
		    (const unsigned char (*)[32])proof, len))
			bad++;
	}
	CHECK(bad == 0, "proofs from the store check against the root");
	CHECK(cs_store_tree(st, &th, msg, sizeof(msg), &err) == 0 &&
	    th.read == 1100 - 1024, "a third head: still 1024 events cached");
	unit_store_remove(st, db);
	return UNIT_DONE();
}
