/*
 * Pinning the ledger from outside (cs-record keygen, checkpoint, prove,
 * verify --checkpoint and --proof): the store's signing key, signed
 * checkpoints of the ledger's Merkle tree, a verify that holds the store
 * to its checkpoints, inclusion and consistency proofs made from the
 * store and checked without it.  Messages say what is wrong; nothing is
 * printed here.
 */
#ifndef CS_OPS_CHECKPOINTS_H
#define CS_OPS_CHECKPOINTS_H

#include "core/note.h"
#include "store/store.h"

/* Where a key is, and whether it is the store's own (made on first use). */
struct cs_keyref {
	char path[4096];
	int own;			/* "<store>.key": neither --key nor $CS_KEY */
	char name[128];			/* of a key made here: the store's name */
};

/*
 * The signing key of the store db: opt (--key), else env ($CS_KEY), else
 * the store's own, "<db>.key".  Fills ref.
 */
void cs_keyref_init(struct cs_keyref *ref, const char *opt, const char *env,
    const char *db);

/*
 * Make a new key at ref->path (mode 0600, never over an existing file)
 * and its public key at ref->path + ".pub" (0644), named ref->name.
 * Returns 0 with k, or -1 with err (73).
 */
int cs_key_make(const struct cs_keyref *ref, struct cs_key *k,
    struct cs_error *err);
/*
 * Read the key at path (a signer key when need_seed).  0 with k, or -1
 * with err: 66 when it cannot be read (ENOENT kept in err->line as -1),
 * 65 when it is not a key or not the private one asked for.
 */
int cs_key_load(const char *path, int need_seed, struct cs_key *k,
    struct cs_error *err);
/*
 * The key to sign with: ref's; the store's own is made when it does not
 * exist (*made = 1).  0, or -1 with err.
 */
int cs_key_signer(const struct cs_keyref *ref, struct cs_key *k, int *made,
    struct cs_error *err);
/*
 * The key to check signatures with: the file pubkey (a verifier or a
 * signer key), else ref's key or, when that cannot be read, its ".pub".
 * path gets the file used (n bytes).  0, or -1 with err.
 */
int cs_key_verifier(const char *pubkey, const struct cs_keyref *ref,
    struct cs_key *k, char *path, size_t n, struct cs_error *err);

/* The origin of the store db's checkpoints: its file name, as a name. */
void cs_checkpoint_origin(const char *db, char *out, size_t n);

/*
 * Sign a checkpoint of the ledger of st now (origin, with k) into b; th
 * gets the tree.  0; 1 when the ledger is broken (msg, n bytes: nothing
 * is signed); -1 with err.
 */
int cs_checkpoint_make(struct cs_store *st, const char *origin,
    const struct cs_key *k, struct cs_buf *b, struct cs_tree_head *th,
    char *msg, size_t n, struct cs_error *err);

/* Read a checkpoint file: 0 with cp (release it), or -1 (66, 65). */
int cs_checkpoint_load(const char *path, struct cs_checkpoint *cp,
    struct cs_error *err);

/* How a checkpoint fares against the store. */
enum cs_held {
	CS_HELD_MATCHES,		/* signed, and the ledger has its tree */
	CS_HELD_UNSIGNED,		/* no signature by the key */
	CS_HELD_BAD_SIGNATURE,		/* a signature by the key fails */
	CS_HELD_CUT,			/* the ledger has fewer events */
	CS_HELD_DIFFERS,		/* the ledger's tree of its size differs */
	CS_HELD_UNCHECKED,		/* the chain breaks before its size */
	CS_HELD_OTHER_STORE		/* of another origin, and not this tree */
};

/* A checkpoint to hold the store to, and how it fares. */
struct cs_held_to {
	const char *path;		/* borrowed */
	struct cs_checkpoint cp;	/* read by cs_checkpoint_load */
	int state;			/* enum cs_held */
	long bad_seq;			/* the first event it blames, or 0 */
	long bad_to;			/* the last, when it cannot tell which */
	char msg[768];
};

/*
 * Verify st (cs_store_verify_with; progress may be NULL) and hold it to
 * the n checkpoints of h, signed by k.  origin is the store's (from
 * cs_checkpoint_origin): a checkpoint of another origin whose tree the
 * ledger does not have is said to be of another store, not a change.
 * A checkpoint of the same origin whose tree differs blames events
 * bad_seq to bad_to: one or more of them, which it cannot tell.  Returns
 * 0 when the store and
 * every checkpoint hold, 1 when something does not (v and each h say
 * what), -1 with err.
 */
int cs_checkpoints_verify(struct cs_store *st, struct cs_held_to *h, size_t n,
    const struct cs_key *k, const char *origin, void (*progress)(void *ctx, long n), void *ctx,
    struct cs_verify *v, struct cs_error *err);

/*
 * The proof that the event seq of st is in the tree of checkpoint cp
 * (seq > 0), or that the tree of cp is the start of the tree of cp2 (seq
 * 0), written to b.  0; 1 when a checkpoint does not match the store
 * (msg); -1 with err (65: seq not in the tree).
 */
int cs_prove(struct cs_store *st, long seq, const struct cs_checkpoint *cp,
    const struct cs_checkpoint *cp2, struct cs_buf *b, char *msg, size_t n,
    struct cs_error *err);

/*
 * Check the proof p with key k, without a store: 0 when it holds (msg
 * says what it proves), 1 when it does not (msg says why).
 */
int cs_proof_check(const struct cs_proof *p, const struct cs_key *k,
    char *msg, size_t n);

/* Read a proof file: 0 with p (cs_proof_release), or -1 (66, 65). */
int cs_proof_load(const char *path, struct cs_proof *p,
    struct cs_error *err);

#endif
