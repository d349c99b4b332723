/*
 * Signed notes (C2SP signed-note, the format of Go's sumdb/note) with
 * Ed25519 keys, checkpoints (C2SP tlog-checkpoint: origin, tree size,
 * root) and proofs that travel with their checkpoints: inclusion proofs
 * (C2SP tlog-proof) and consistency proofs in the same style.  Text in,
 * text out; the only checks of signatures and hashes are the ones asked
 * for (cs_checkpoint_signed, core/merkle.h).
 */
#ifndef CS_CORE_NOTE_H
#define CS_CORE_NOTE_H

#include <stddef.h>
#include <stdint.h>

#include "core/util.h"

/* Standard base64 with padding, appended to b. */
void cs_base64_encode(const unsigned char *p, size_t n, struct cs_buf *b);
/*
 * Decode the n characters at s (standard alphabet, padded, nothing
 * else) into out (room for cap bytes): the length, or -1.
 */
long cs_base64_decode(const char *s, size_t n, unsigned char *out,
    size_t cap);

/*
 * An Ed25519 key of the note format.  A verifier key is the text
 * "<name>+<hash>+<keydata>", a signer key "PRIVATE+KEY+" and the same
 * with the private key: hash is 8 hex digits of the first 4 bytes of
 * SHA-256(name || "\n" || 0x01 || public key), keydata the base64 of
 * 0x01 (Ed25519) and the 32 bytes of the key.
 */
struct cs_key {
	char name[128];
	uint32_t id;			/* the key hash */
	unsigned char pub[32];
	unsigned char seed[32];		/* the private key, when has_seed */
	int has_seed;
};

/*
 * A name for a key or an origin from any string (a file name): spaces,
 * '+' and control characters become '_'; an empty one becomes "cs".
 * Written to out (n bytes).
 */
void cs_key_name(const char *s, char *out, size_t n);
/* A new key called name (a name of cs_key_name).  0, or -1 with err. */
int cs_key_new(struct cs_key *k, const char *name, struct cs_error *err);
/*
 * Read a signer or verifier key from its text (n bytes; one line, an end
 * of line after it is fine).  0, or -1 with err (65, message only).
 */
int cs_key_parse(struct cs_key *k, const char *text, size_t n,
    struct cs_error *err);
/* The signer (private set, has_seed needed) or verifier key line to b. */
void cs_key_format(const struct cs_key *k, int private, struct cs_buf *b);

/* A signature line of a note: "— <name> <base64 of id and signature>". */
struct cs_note_sig {
	char name[128];
	uint32_t id;
	unsigned char sig[64];
	int ed25519;			/* 4 + 64 bytes: a signature we can check */
};

/* A checkpoint: a signed note whose text is origin, size and root. */
struct cs_checkpoint {
	char origin[256];
	long size;
	unsigned char root[32];
	char *note;			/* the whole signed note as read (new) */
	size_t notelen;
	size_t textlen;			/* the signed text: note[0..textlen) */
	struct cs_note_sig *sigs;	/* new */
	size_t nsigs;
};

/*
 * The signed note of the checkpoint (origin, size, root), signed by k
 * (which needs its seed), appended to b.  0, or -1 with err (70).
 */
int cs_checkpoint_sign(const char *origin, long size,
    const unsigned char root[32], const struct cs_key *k, struct cs_buf *b,
    struct cs_error *err);
/*
 * Read a checkpoint from the n bytes at data.  It ends at the end of data
 * or at the empty line after its signatures; *used gets the bytes it
 * took (the empty line not included).  file names it in messages and its
 * first line is line 1 + line0.  Returns 0 with cp filled (release it),
 * or -1 with err (65, file:line) and nothing to release.
 */
int cs_checkpoint_parse(struct cs_checkpoint *cp, const char *data, size_t n,
    const char *file, long line0, size_t *used, struct cs_error *err);
void cs_checkpoint_release(struct cs_checkpoint *cp);
/*
 * The signature of k on cp: 1 when cp carries one (k's name and hash)
 * and it holds, 0 when it carries none, -1 when one does not hold.
 */
int cs_checkpoint_signed(const struct cs_checkpoint *cp,
    const struct cs_key *k);

/* What a proof file proves. */
enum cs_proof_kind {
	CS_PROOF_INCLUSION,		/* c2sp.org/tlog-proof@v1 */
	CS_PROOF_CONSISTENCY		/* cs-consistency-proof@v1 */
};

/*
 * A proof with its checkpoints.  Inclusion: the leaf at index (its data,
 * the event hash, in extra) is in the tree of cp[0].  Consistency: the
 * tree of cp[0] is the start of the tree of cp[1].
 */
struct cs_proof {
	int kind;			/* enum cs_proof_kind */
	long index;
	unsigned char extra[32];	/* the leaf's data, when has_extra */
	int has_extra;
	unsigned char (*hashes)[32];	/* new */
	size_t nhashes;
	struct cs_checkpoint cp[2];
	int ncp;
};

/*
 * Read a proof file (n bytes at data, named file in messages).  0 with p
 * filled (cs_proof_release), or -1 with err (65, file:line).
 */
int cs_proof_parse(struct cs_proof *p, const char *data, size_t n,
    const char *file, struct cs_error *err);
void cs_proof_release(struct cs_proof *p);
/*
 * Write a proof file to b: p's kind, index, extra and hashes, then the
 * notes of its checkpoints as they were read.
 */
void cs_proof_format(const struct cs_proof *p, struct cs_buf *b);

#endif
