/*
 * Unit tests of lib/core/note and the Ed25519 of lib/core/hash: RFC 8032
 * test 1, the key and signed note of Go's sumdb/note tests, base64,
 * checkpoints signed, read back and changed, proof files, and the
 * messages of bad input with their lines.
 */
#include <string.h>

#include "cs.h"
#include "unit.h"

static const char vkey[] =
	"PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
static const char skey[] =
	"PRIVATE+KEY+PeterNeumann+c74f20a3+"
	"AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
static const char text[] =
	"If you think cryptography is the answer to your problem,\n"
	"then you don't know what your problem is.\n";
static const char sig_b64[] =
	"x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKv"
	"qfqdngotpRZb6KE6RyyBwJnAM=";

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

static void
ed25519(void)
{
	unsigned char seed[32], pub[32], sig[64], want[64], seed2[32], pub2[32];
	char h[129];

	unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
	    seed);
	CHECK(cs_ed25519_public(seed, pub) == 0, "a public key from a seed");
	cs_hex(pub, 32, h);
	CHECK_STR(h, "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f"
	    "707511a", "RFC 8032 test 1: the public key");
	CHECK(cs_ed25519_sign(seed, "", 0, sig) == 0, "signing");
	unhex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901"
	    "555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a"
	    "100b", want);
	CHECK(memcmp(sig, want, 64) == 0, "RFC 8032 test 1: the signature");
	CHECK(cs_ed25519_verify(pub, "", 0, sig), "the signature holds");
	CHECK(!cs_ed25519_verify(pub, "x", 1, sig),
	    "not for another message");
	CHECK(cs_ed25519_keygen(seed2, pub2) == 0 && memcmp(seed, seed2,
	    32) != 0, "a new key is random");
	CHECK(cs_ed25519_sign(seed2, "m", 1, sig) == 0 &&
	    cs_ed25519_verify(pub2, "m", 1, sig) &&
	    !cs_ed25519_verify(pub, "m", 1, sig), "and signs for its own");
}

static void
base64(void)
{
	struct cs_buf b;
	unsigned char out[8];

	cs_buf_init(&b);
	cs_base64_encode((const unsigned char *)"foobar", 6, &b);
	cs_buf_addc(&b, ' ');
	cs_base64_encode((const unsigned char *)"fooba", 5, &b);
	cs_buf_addc(&b, ' ');
	cs_base64_encode((const unsigned char *)"foob", 4, &b);
	CHECK_STR(b.s, "Zm9vYmFy Zm9vYmE= Zm9vYg==", "base64 (RFC 4648)");
	CHECK(cs_base64_decode("Zm9vYg==", 8, out, sizeof(out)) == 4 &&
	    memcmp(out, "foob", 4) == 0, "decoded with padding");
	CHECK(cs_base64_decode("Zm9vYg=", 7, out, sizeof(out)) == -1 &&
	    cs_base64_decode("Zm9vYh==", 8, out, sizeof(out)) == -1 &&
	    cs_base64_decode("Zm=vYg==", 8, out, sizeof(out)) == -1 &&
	    cs_base64_decode("Zm9v Yg=", 8, out, sizeof(out)) == -1 &&
	    cs_base64_decode("Zm9vYmFy", 8, out, 5) == -1,
	    "short, unpadded, non-canonical, spaced or too long: refused");
	cs_buf_release(&b);
}

static void
keys(void)
{
	struct cs_key k, v, n;
	struct cs_error err;
	struct cs_buf b;
	unsigned char blob[68];

	CHECK(cs_key_parse(&v, vkey, strlen(vkey), &err) == 0 &&
	    !v.has_seed && v.id == 0xc74f20a3 &&
	    strcmp(v.name, "PeterNeumann") == 0, "Go's verifier key is read");
	CHECK(cs_key_parse(&k, skey, strlen(skey), &err) == 0 && k.has_seed &&
	    memcmp(k.pub, v.pub, 32) == 0 && k.id == v.id,
	    "Go's signer key is read and has that public key");
	cs_buf_init(&b);
	cs_key_format(&k, 1, &b);
	cs_key_format(&k, 0, &b);
	CHECK(strncmp(b.s, skey, strlen(skey)) == 0 &&
	    strcmp(b.s + strlen(skey), "\n" "PeterNeumann+c74f20a3+"
	    "ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW\n") == 0,
	    "keys are written as read");
	/* Ed25519 signs deterministically: Go's signature, byte for byte. */
	blob[0] = 0xc7;
	blob[1] = 0x4f;
	blob[2] = 0x20;
	blob[3] = 0xa3;
	cs_ed25519_sign(k.seed, text, strlen(text), blob + 4);
	cs_buf_reset(&b);
	cs_base64_encode(blob, 68, &b);
	CHECK_STR(b.s, sig_b64, "the signature of Go's note");
	CHECK(cs_key_parse(&n, "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiB"
	    "fsVkmqq/LDE4izWy10TW", 66, &err) == -1 && strcmp(err.msg,
	    "the key hash does not match the key (it was changed)") == 0,
	    "a changed key hash is caught");
	CHECK(cs_key_parse(&n, "PeterNeumann+c74f20a3", 21, &err) == -1 &&
	    strcmp(err.msg, "not a key ('NAME+HASH+KEYDATA' or "
	    "'PRIVATE+KEY+NAME+HASH+KEYDATA')") == 0, "a cut key is not a key");
	CHECK(cs_key_parse(&n, "Peter+c74f20a3+AQ==", 19, &err) == -1 &&
	    strcmp(err.msg, "the key data is not an Ed25519 key") == 0,
	    "short key data");
	CHECK(cs_key_parse(&n, "Peter+0x4f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/"
	    "LDE4izWy10TW", 58, &err) == -1 && strcmp(err.msg, "the key hash "
	    "is not 8 hex digits") == 0, "a key hash of other characters");
	CHECK(cs_key_new(&n, "credit.db", &err) == 0 && n.has_seed &&
	    strcmp(n.name, "credit.db") == 0, "a new key");
	cs_buf_reset(&b);
	cs_key_format(&n, 1, &b);
	CHECK(cs_key_parse(&v, b.s, b.len, &err) == 0 && v.id == n.id &&
	    memcmp(v.seed, n.seed, 32) == 0, "a new key is read back");
	{
		char name[32];

		cs_key_name("my store+1.db", name, sizeof(name));
		CHECK_STR(name, "my_store_1.db", "names lose spaces and '+'");
		cs_key_name("", name, sizeof(name));
		CHECK_STR(name, "cs", "an empty name becomes cs");
	}
	cs_buf_release(&b);
}

static void
checkpoints(void)
{
	struct cs_checkpoint cp, bad;
	struct cs_key k, other;
	struct cs_error err;
	struct cs_buf b;
	unsigned char root[32];
	size_t used;
	char *p;

	memset(root, 0xab, 32);
	cs_key_parse(&k, skey, strlen(skey), &err);
	cs_key_new(&other, "PeterNeumann", &err);
	cs_buf_init(&b);
	CHECK(cs_checkpoint_sign("credit.db", 25, root, &k, &b, &err) == 0,
	    "a checkpoint is signed");
	CHECK(strncmp(b.s, "credit.db\n25\nq6urq6urq6urq6urq6urq6urq6urq6ur"
	    "q6urq6urq6s=\n\n\xe2\x80\x94 PeterNeumann x08go", 76) == 0,
	    "as a signed note of origin, size and root");
	CHECK(cs_checkpoint_parse(&cp, b.s, b.len, "cp", 0, &used, &err) == 0 &&
	    used == b.len && cp.size == 25 && strcmp(cp.origin,
	    "credit.db") == 0 && memcmp(cp.root, root, 32) == 0 &&
	    cp.nsigs == 1 && cp.notelen == b.len && cp.textlen == 58,
	    "and read back");
	CHECK(cs_checkpoint_signed(&cp, &k) == 1, "its signature holds");
	CHECK(cs_checkpoint_signed(&cp, &other) == 0,
	    "another key of the same name did not sign it");
	cs_checkpoint_release(&cp);
	p = strstr(b.s, "\n25\n");
	p[2] = '6';
	CHECK(cs_checkpoint_parse(&cp, b.s, b.len, "cp", 0, &used, &err) == 0 &&
	    cs_checkpoint_signed(&cp, &k) == -1, "a changed size breaks it");
	cs_checkpoint_release(&cp);

	CHECK(cs_checkpoint_parse(&bad, "o\n007\n", 6, "cp", 0, &used,
	    &err) == -1 && err.line == 2 && strcmp(err.msg, "the tree size "
	    "'007' is not a whole number") == 0, "a size with zeros in front");
	CHECK(cs_checkpoint_parse(&bad, "o\n7\nAAAA\n", 9, "cp", 0, &used,
	    &err) == -1 && err.line == 3 && strcmp(err.msg, "the root is not "
	    "the base64 of a 32-byte hash") == 0, "a short root");
	CHECK(cs_checkpoint_parse(&bad, "o\n7\r\n", 5, "cp", 0, &used,
	    &err) == -1 && err.line == 2 && strcmp(err.msg, "control "
	    "character 0x0d in the line") == 0, "a CR");
	CHECK(cs_checkpoint_parse(&bad, "o\n7", 3, "cp", 0, &used,
	    &err) == -1 && err.line == 2 && strcmp(err.msg, "the last line "
	    "does not end with a newline") == 0, "no newline at the end");
	cs_buf_reset(&b);
	cs_buf_adds(&b, "o\n7\nq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s=\n\n");
	CHECK(cs_checkpoint_parse(&bad, b.s, b.len, "cp", 0, &used,
	    &err) == -1 && err.line == 5 && strcmp(err.file, "cp") == 0 &&
	    strcmp(err.msg, "the checkpoint is not signed") == 0,
	    "no signature");
	cs_buf_adds(&b, "- o x\n");
	CHECK(cs_checkpoint_parse(&bad, b.s, b.len, "cp", 0, &used,
	    &err) == -1 && err.line == 5 && strcmp(err.msg, "a signature line "
	    "('— NAME SIGNATURE') expected") == 0, "a hyphen for the dash");
	cs_buf_release(&b);
}

static void
proofs(void)
{
	struct cs_proof p, q;
	struct cs_key k;
	struct cs_error err;
	struct cs_buf b, c;
	unsigned char root[32];

	cs_key_parse(&k, skey, strlen(skey), &err);
	memset(root, 7, 32);
	cs_buf_init(&b);
	cs_buf_init(&c);
	memset(&p, 0, sizeof(p));
	p.kind = CS_PROOF_INCLUSION;
	p.index = 4;
	p.has_extra = 1;
	memset(p.extra, 1, 32);
	p.nhashes = 2;
	p.hashes = cs_xcalloc(2, 32);
	cs_checkpoint_sign("credit.db", 5, root, &k, &b, &err);
	p.cp[0].note = b.s;
	p.cp[0].notelen = b.len;
	p.ncp = 1;
	cs_proof_format(&p, &c);
	CHECK(strncmp(c.s, "c2sp.org/tlog-proof@v1\nextra AQEBAQEBAQEBAQEBAQ"
	    "EBAQEBAQEBAQEBAQEBAQEBAQE=\nindex 4\nAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	    "AAAAAAAAAAAAAAAA=\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
	    "\ncredit.db\n5\n", 181) == 0, "an inclusion proof is written");
	CHECK(cs_proof_parse(&q, c.s, c.len, "p", &err) == 0 &&
	    q.kind == CS_PROOF_INCLUSION && q.index == 4 && q.has_extra &&
	    q.nhashes == 2 && q.ncp == 1 && q.cp[0].size == 5 &&
	    cs_checkpoint_signed(&q.cp[0], &k) == 1, "and read back");
	cs_proof_release(&q);
	free(p.hashes);

	/* A consistency proof carries two checkpoints. */
	memset(&p, 0, sizeof(p));
	p.kind = CS_PROOF_CONSISTENCY;
	p.cp[0].note = b.s;
	p.cp[0].notelen = b.len;
	p.cp[1] = p.cp[0];
	p.ncp = 2;
	p.nhashes = 1;
	p.hashes = cs_xcalloc(1, 32);
	cs_buf_reset(&c);
	cs_proof_format(&p, &c);
	CHECK(cs_proof_parse(&q, c.s, c.len, "p", &err) == 0 &&
	    q.kind == CS_PROOF_CONSISTENCY && q.ncp == 2 && q.nhashes == 1,
	    "a consistency proof is written and read back");
	cs_proof_release(&q);
	cs_buf_addc(&c, '\n');
	CHECK(cs_proof_parse(&q, c.s, c.len, "p", &err) == -1 &&
	    err.line == 15 && strcmp(err.msg, "more after the last "
	    "checkpoint") == 0, "nothing may follow it");
	free(p.hashes);
	CHECK(cs_proof_parse(&q, "hello\n", 6, "p", &err) == -1 &&
	    err.line == 1 && strcmp(err.msg, "not a proof (the first line is "
	    "neither 'c2sp.org/tlog-proof@v1' nor 'cs-consistency-proof@v1')")
	    == 0, "a file that is no proof");
	CHECK(cs_proof_parse(&q, "c2sp.org/tlog-proof@v1\nindex x\n", 31, "p",
	    &err) == -1 && err.line == 2 && strcmp(err.msg, "'index N' "
	    "expected") == 0, "a bad index");
	CHECK(cs_proof_parse(&q, "c2sp.org/tlog-proof@v1\nindex 1\nabc\n", 35,
	    "p", &err) == -1 && err.line == 3 && strcmp(err.msg, "the line "
	    "is not the base64 of a 32-byte hash") == 0, "a bad hash");
	CHECK(cs_proof_parse(&q, "c2sp.org/tlog-proof@v1\nindex 1\n", 31, "p",
	    &err) == -1 && err.line == 3 && strcmp(err.msg, "an empty line "
	    "before the checkpoint expected, the file ends") == 0,
	    "a proof cut short");
	cs_buf_release(&b);
	cs_buf_release(&c);
}

int
main(void)
{
	ed25519();
	base64();
	keys();
	checkpoints();
	proofs();
	return UNIT_DONE();
}
