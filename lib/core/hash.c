/*
 * SHA-256 (OpenSSL EVP, which uses the CPU's SHA instructions), Ed25519
 * signatures and canonical JSON.
 */
/* SHA256_Init and friends without deprecation warnings (OpenSSL 3). */
#define OPENSSL_API_COMPAT 10101
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <openssl/rand.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"

/*
 * OpenSSL 3 looks the algorithm up on every EVP_sha256() digest: it is
 * fetched once for the incremental and prefix digests below.
 */
static EVP_MD *sha256_md;
static pthread_once_t sha256_once = PTHREAD_ONCE_INIT;

static void
fetch_sha256(void)
{
	sha256_md = EVP_MD_fetch(NULL, "SHA256", NULL);
}

/*
 * A digest of a few dozen bytes (an event, a Merkle leaf or node) is
 * made with the low-level SHA256_CTX on the stack: the same assembly
 * (and CPU SHA instructions) as EVP, but OpenSSL 3.0's
 * EVP_DigestInit_ex frees and allocates its provider context on every
 * call, which made a Merkle tree cost twice its hashing.
 */
void
cs_sha256(const void *p, size_t n, unsigned char out[32])
{
	SHA256_CTX c;

	if (!SHA256_Init(&c) || !SHA256_Update(&c, p, n) ||
	    !SHA256_Final(out, &c))
		cs_xfail("libcrypto cannot compute SHA-256");
}

void
cs_sha256_hex(const void *p, size_t n, char out[65])
{
	unsigned char d[32];

	cs_sha256(p, n, d);
	cs_hex(d, 32, out);
}

struct cs_sha256_ctx {
	EVP_MD_CTX *md;
};

struct cs_sha256_ctx *
cs_sha256_new(void)
{
	struct cs_sha256_ctx *c = cs_xmalloc(sizeof(*c));

	c->md = EVP_MD_CTX_new();
	pthread_once(&sha256_once, fetch_sha256);
	if (c->md == NULL || sha256_md == NULL ||
	    !EVP_DigestInit_ex(c->md, sha256_md, NULL))
		cs_xfail("libcrypto cannot compute SHA-256");
	return c;
}

void
cs_sha256_update(struct cs_sha256_ctx *c, const void *p, size_t n)
{
	if (!EVP_DigestUpdate(c->md, p, n))
		cs_xfail("libcrypto cannot compute SHA-256");
}

void
cs_sha256_final(struct cs_sha256_ctx *c, unsigned char out[32])
{
	unsigned int len = 32;

	if (!EVP_DigestFinal_ex(c->md, out, &len))
		cs_xfail("libcrypto cannot compute SHA-256");
	EVP_MD_CTX_free(c->md);
	free(c);
}

static int
keycmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
cs_canon_json(const json_t *v, struct cs_buf *b)
{
	const char **keys;
	const char *k;
	json_t *x;
	size_t i, n;
	int rc = 0;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		n = json_object_size(v);
		keys = cs_xcalloc(n ? n : 1, sizeof(*keys));
		i = 0;
		json_object_foreach((json_t *)v, k, x)
			keys[i++] = k;
		qsort(keys, n, sizeof(*keys), keycmp);
		cs_buf_addc(b, '{');
		for (i = 0; i < n && rc == 0; i++) {
			if (i > 0)
				cs_buf_addc(b, ',');
			cs_buf_add_json_str(b, keys[i], strlen(keys[i]));
			cs_buf_addc(b, ':');
			rc = cs_canon_json(json_object_get(v, keys[i]), b);
		}
		cs_buf_addc(b, '}');
		free(keys);
		return rc;
	case JSON_ARRAY:
		cs_buf_addc(b, '[');
		n = json_array_size(v);
		for (i = 0; i < n && rc == 0; i++) {
			if (i > 0)
				cs_buf_addc(b, ',');
			rc = cs_canon_json(json_array_get(v, i), b);
		}
		cs_buf_addc(b, ']');
		return rc;
	case JSON_STRING:
		cs_buf_add_json_str(b, json_string_value(v),
		    json_string_length(v));
		return 0;
	case JSON_INTEGER:
		cs_buf_addf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return 0;
	case JSON_TRUE:
		cs_buf_adds(b, "true");
		return 0;
	case JSON_FALSE:
		cs_buf_adds(b, "false");
		return 0;
	case JSON_NULL:
		cs_buf_adds(b, "null");
		return 0;
	case JSON_REAL:
	default:
		return -1;
	}
}

/*
 * A digest of prefix + tail for many tails: the context that has taken the
 * prefix is kept and copied for each tail (sampling tickets hash the same
 * 64-byte h(seed) before every id).
 */
struct cs_sha256_prefix {
	EVP_MD_CTX *base;
	EVP_MD_CTX *work;
};

struct cs_sha256_prefix *
cs_sha256_prefix_new(const void *p, size_t n)
{
	struct cs_sha256_prefix *x = cs_xmalloc(sizeof(*x));

	pthread_once(&sha256_once, fetch_sha256);
	x->base = EVP_MD_CTX_new();
	x->work = EVP_MD_CTX_new();
	if (x->base == NULL || x->work == NULL || sha256_md == NULL ||
	    !EVP_DigestInit_ex(x->base, sha256_md, NULL) ||
	    !EVP_DigestUpdate(x->base, p, n))
		cs_xfail("libcrypto cannot compute SHA-256");
	return x;
}

void
cs_sha256_prefix_digest(struct cs_sha256_prefix *x, const void *tail,
    size_t n, const void *tail2, size_t n2, unsigned char out[32])
{
	unsigned int len = 32;

	if (!EVP_MD_CTX_copy_ex(x->work, x->base) ||
	    !EVP_DigestUpdate(x->work, tail, n) ||
	    (n2 > 0 && !EVP_DigestUpdate(x->work, tail2, n2)) ||
	    !EVP_DigestFinal_ex(x->work, out, &len))
		cs_xfail("libcrypto cannot compute SHA-256");
}

void
cs_sha256_prefix_free(struct cs_sha256_prefix *x)
{
	if (x == NULL)
		return;
	EVP_MD_CTX_free(x->base);
	EVP_MD_CTX_free(x->work);
	free(x);
}

/*
 * Ed25519: keys made from raw bytes for each call (signing a checkpoint
 * is rare; nothing is worth caching), one-shot digest sign and verify as
 * Ed25519 wants (no separate digest).
 */
int
cs_ed25519_keygen(unsigned char seed[32], unsigned char pub[32])
{
	if (RAND_priv_bytes(seed, 32) != 1)
		return -1;
	return cs_ed25519_public(seed, pub);
}

int
cs_ed25519_public(const unsigned char seed[32], unsigned char pub[32])
{
	EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL,
	    seed, 32);
	size_t n = 32;
	int rc = -1;

	if (k != NULL && EVP_PKEY_get_raw_public_key(k, pub, &n) == 1 &&
	    n == 32)
		rc = 0;
	EVP_PKEY_free(k);
	return rc;
}

int
cs_ed25519_sign(const unsigned char seed[32], const void *msg, size_t n,
    unsigned char sig[64])
{
	EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL,
	    seed, 32);
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	size_t len = 64;
	int rc = -1;

	if (k != NULL && c != NULL &&
	    EVP_DigestSignInit(c, NULL, NULL, NULL, k) == 1 &&
	    EVP_DigestSign(c, sig, &len, msg, n) == 1 && len == 64)
		rc = 0;
	EVP_MD_CTX_free(c);
	EVP_PKEY_free(k);
	return rc;
}

int
cs_ed25519_verify(const unsigned char pub[32], const void *msg, size_t n,
    const unsigned char sig[64])
{
	EVP_PKEY *k = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL,
	    pub, 32);
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	int ok = 0;

	if (k != NULL && c != NULL &&
	    EVP_DigestVerifyInit(c, NULL, NULL, NULL, k) == 1)
		ok = EVP_DigestVerify(c, sig, 64, msg, n) == 1;
	EVP_MD_CTX_free(c);
	EVP_PKEY_free(k);
	return ok;
}
