/*
 * SHA-256 and Ed25519 through libcrypto, and canonical JSON: sorted
 * keys (by UTF-8 bytes), no whitespace, minimal string escapes, integers
 * only.  The ledger hashes these bytes, so they must never change.
 */
#ifndef CS_CORE_HASH_H
#define CS_CORE_HASH_H

#include <jansson.h>
#include <stddef.h>

#include "core/util.h"

/* SHA-256 of n bytes into out[32]. */
void cs_sha256(const void *p, size_t n, unsigned char out[32]);
/* Lower-case hex SHA-256 into out[65]. */
void cs_sha256_hex(const void *p, size_t n, char out[65]);

/* Incremental SHA-256 (for file digests). */
struct cs_sha256_ctx;
struct cs_sha256_ctx *cs_sha256_new(void);
void cs_sha256_update(struct cs_sha256_ctx *c, const void *p, size_t n);
/* Writes the digest and frees c. */
void cs_sha256_final(struct cs_sha256_ctx *c, unsigned char out[32]);

/*
 * SHA-256 of prefix + tail for many tails, the prefix hashed once.
 * cs_sha256_prefix_new copies nothing it needs later and returns new
 * memory (cs_sha256_prefix_free, which accepts NULL).  The digest of
 * prefix + tail + tail2 (n2 may be 0) goes into out[32].
 */
struct cs_sha256_prefix;
struct cs_sha256_prefix *cs_sha256_prefix_new(const void *p, size_t n);
void cs_sha256_prefix_digest(struct cs_sha256_prefix *x, const void *tail,
    size_t n, const void *tail2, size_t n2, unsigned char out[32]);
void cs_sha256_prefix_free(struct cs_sha256_prefix *x);

/*
 * Append the canonical JSON of v to b.  Objects have their keys sorted by
 * bytes; reals are refused (the project keeps numbers as strings or
 * integers).  Returns 0, or -1 when v holds a real.
 */
int cs_canon_json(const json_t *v, struct cs_buf *b);

/*
 * Ed25519 (RFC 8032), one-shot EVP_DigestSign and EVP_DigestVerify.  A
 * private key is its 32-byte seed, a public key 32 bytes.
 *
 * cs_ed25519_keygen: a new seed from the system's random source and its
 * public key.  cs_ed25519_public: the public key of seed.  cs_ed25519_sign:
 * the 64-byte signature of n bytes at msg.  Each returns 0, or -1 when
 * libcrypto fails (no randomness, no Ed25519).
 */
int cs_ed25519_keygen(unsigned char seed[32], unsigned char pub[32]);
int cs_ed25519_public(const unsigned char seed[32], unsigned char pub[32]);
int cs_ed25519_sign(const unsigned char seed[32], const void *msg, size_t n,
    unsigned char sig[64]);
/* 1 when sig is pub's signature of the n bytes at msg, else 0. */
int cs_ed25519_verify(const unsigned char pub[32], const void *msg, size_t n,
    const unsigned char sig[64]);

#endif
