/*
 * Checkpoints, proofs and keys (lib/core/note.c): the signed notes and
 * proof files verify --checkpoint and --proof read from outside.  What
 * is refused is refused with exit 65 and a message that names the file;
 * a checkpoint that is read reads back the same from the note it kept;
 * a proof that is read is written and read again to the same proof and
 * the same bytes; checking the signature of anything read is 1, 0 or
 * -1 and never a crash.
 */
#include "fuzz.h"

static struct cs_key key;
static int have_key;

/* The signer of the seeds (tests/fixtures/checkpoint/signer.key). */
static const char signer[] =
    "PRIVATE+KEY+credit.db+d77485ff+"
    "AZgMsDYq0wIXvN5Y6cu8JeP1O1Uk35akCJmvTTRjLUGj";

static void
load_key(void)
{
	struct cs_error err;

	if (have_key)
		return;
	FUZZ_CHECK(cs_key_parse(&key, signer, strlen(signer), &err) == 0,
	    "%s", err.msg);
	have_key = 1;
}

static void
refused(const struct cs_error *err, const char *what)
{
	FUZZ_CHECK(err->code == CS_EX_DATAERR, "%s refused with exit %d: %s",
	    what, err->code, err->msg);
	FUZZ_CHECK(err->msg[0] != '\0', "%s refused without a message", what);
}

static void
checkpoint(const char *data, size_t n)
{
	struct cs_checkpoint cp, again;
	struct cs_error err;
	size_t used = 0, used2 = 0;
	int s;

	if (cs_checkpoint_parse(&cp, data, n, "cp", 0, &used, &err) != 0) {
		refused(&err, "checkpoint");
		return;
	}
	FUZZ_CHECK(used <= n, "used %zu of %zu bytes", used, n);
	FUZZ_CHECK(cp.textlen <= cp.notelen, "text %zu of a note of %zu",
	    cp.textlen, cp.notelen);
	FUZZ_CHECK(cp.size >= 0, "tree size %ld", cp.size);
	FUZZ_CHECK(cs_checkpoint_parse(&again, cp.note, cp.notelen, "cp", 0,
	    &used2, &err) == 0, "the note it kept is refused: %s", err.msg);
	FUZZ_CHECK(strcmp(cp.origin, again.origin) == 0 &&
	    cp.size == again.size && memcmp(cp.root, again.root, 32) == 0 &&
	    cp.nsigs == again.nsigs, "the note it kept reads as another "
	    "checkpoint");
	s = cs_checkpoint_signed(&cp, &key);
	FUZZ_CHECK(s >= -1 && s <= 1, "signed says %d", s);
	cs_checkpoint_release(&again);
	cs_checkpoint_release(&cp);
}

static void
proof(const char *data, size_t n)
{
	struct cs_proof p, q;
	struct cs_error err;
	struct cs_buf a, b;
	int k;

	if (cs_proof_parse(&p, data, n, "proof", &err) != 0) {
		refused(&err, "proof");
		return;
	}
	FUZZ_CHECK(p.ncp >= 1 && p.ncp <= 2, "%d checkpoints", p.ncp);
	cs_buf_init(&a);
	cs_buf_init(&b);
	cs_proof_format(&p, &a);
	FUZZ_CHECK(cs_proof_parse(&q, a.s, a.len, "proof", &err) == 0,
	    "the proof it wrote is refused: %s", err.msg);
	FUZZ_CHECK(p.kind == q.kind && p.index == q.index &&
	    p.has_extra == q.has_extra && p.nhashes == q.nhashes &&
	    p.ncp == q.ncp && (p.nhashes == 0 || memcmp(p.hashes, q.hashes,
	    p.nhashes * 32) == 0), "the proof it wrote reads as another");
	for (k = 0; k < p.ncp; k++)
		FUZZ_CHECK(p.cp[k].size == q.cp[k].size &&
		    memcmp(p.cp[k].root, q.cp[k].root, 32) == 0,
		    "checkpoint %d reads back as another", k + 1);
	cs_proof_format(&q, &b);
	FUZZ_CHECK(a.len == b.len && memcmp(a.s, b.s, a.len) == 0,
	    "written twice, two texts");
	cs_buf_release(&a);
	cs_buf_release(&b);
	cs_proof_release(&q);
	cs_proof_release(&p);
}

static void
keytext(const char *data, size_t n)
{
	struct cs_key k;
	struct cs_error err;

	if (cs_key_parse(&k, data, n, &err) != 0)
		refused(&err, "key");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	load_key();
	checkpoint((const char *)data, size);
	proof((const char *)data, size);
	keytext((const char *)data, size);
	return 0;
}
