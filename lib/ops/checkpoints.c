/*
 * Checkpoints: keys found, read and made; a checkpoint signed from the
 * store's tree; verify holding the store to checkpoints; proofs made from
 * the store and checked from their own text.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/merkle.h"
#include "ops/checkpoints.h"

/* Files of keys, checkpoints and proofs are small: at most 1 MiB. */
enum { FILE_MAX = 1 << 20 };

/* The whole file at path into b.  0, or -1 with err (66, 65). */
static int
slurp(const char *path, const char *what, struct cs_buf *b,
    struct cs_error *err)
{
	char chunk[8192];
	size_t n;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL)
		return cs_error_set(err, CS_EX_NOINPUT, NULL, errno == ENOENT ?
		    -1 : 0, "cannot read %s '%s': %s", what, path,
		    strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		cs_buf_add(b, chunk, n);
		if (b->len > FILE_MAX) {
			fclose(fp);
			return cs_error_set(err, CS_EX_DATAERR, path, 0, "not "
			    "a %s: bigger than 1 MiB", what);
		}
	}
	if (ferror(fp)) {
		cs_error_set(err, CS_EX_IOERR, NULL, 0, "cannot read %s '%s': "
		    "%s", what, path, strerror(errno));
		fclose(fp);
		return -1;
	}
	fclose(fp);
	return 0;
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL && s[1] != '\0' ? s + 1 : path;
}

void
cs_checkpoint_origin(const char *db, char *out, size_t n)
{
	cs_key_name(base_name(db), out, n);
}

void
cs_keyref_init(struct cs_keyref *ref, const char *opt, const char *env,
    const char *db)
{
	memset(ref, 0, sizeof(*ref));
	if (opt != NULL) {
		cs_fmt(ref->path, sizeof(ref->path), "%s", opt);
	} else if (env != NULL && *env != '\0') {
		cs_fmt(ref->path, sizeof(ref->path), "%s", env);
	} else {
		cs_fmt(ref->path, sizeof(ref->path), "%s.key", db);
		ref->own = 1;
	}
	cs_checkpoint_origin(db, ref->name, sizeof(ref->name));
}

/* Write b to a new file at path with mode; never over another file. */
static int
write_new(const char *path, int mode, const struct cs_buf *b, int replace,
    struct cs_error *err)
{
	int fd, e;

	if (replace)
		unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    mode);
	if (fd < 0) {
		e = errno;
		if (e == EEXIST)
			return cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "key "
			    "'%s' exists; remove it first to make a new one",
			    path);
		return cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "cannot "
		    "create '%s': %s", path, strerror(e));
	}
	if (write(fd, b->s, b->len) != (ssize_t)b->len || fsync(fd) != 0) {
		e = errno;
		close(fd);
		unlink(path);
		return cs_error_set(err, CS_EX_IOERR, NULL, 0, "cannot write "
		    "'%s': %s", path, strerror(e));
	}
	if (close(fd) != 0) {
		e = errno;
		unlink(path);
		return cs_error_set(err, CS_EX_IOERR, NULL, 0, "cannot write "
		    "'%s': %s", path, strerror(e));
	}
	return 0;
}

int
cs_key_make(const struct cs_keyref *ref, struct cs_key *k,
    struct cs_error *err)
{
	struct cs_buf b;
	char pub[4200];
	int rc;

	if (cs_key_new(k, ref->name, err) != 0)
		return -1;
	cs_buf_init(&b);
	cs_key_format(k, 1, &b);
	rc = write_new(ref->path, 0600, &b, 0, err);
	if (rc == 0) {
		cs_buf_reset(&b);
		cs_key_format(k, 0, &b);
		cs_fmt(pub, sizeof(pub), "%s.pub", ref->path);
		rc = write_new(pub, 0644, &b, 1, err);
		if (rc != 0)
			unlink(ref->path);
	}
	cs_buf_release(&b);
	return rc;
}

int
cs_key_load(const char *path, int need_seed, struct cs_key *k,
    struct cs_error *err)
{
	struct cs_buf b;
	int rc;

	cs_buf_init(&b);
	rc = slurp(path, "key", &b, err);
	if (rc == 0 && cs_key_parse(k, b.s, b.len, err) != 0) {
		/* The message of the parser, with the file. */
		char msg[sizeof(err->msg)];

		cs_fmt(msg, sizeof(msg), "%s", err->msg);
		cs_error_set(err, CS_EX_DATAERR, path, 0, "%s", msg);
		rc = -1;
	}
	if (rc == 0 && need_seed && !k->has_seed)
		rc = cs_error_set(err, CS_EX_DATAERR, path, 0, "a public key "
		    "cannot sign: give the private key ('PRIVATE+KEY+...')");
	cs_buf_release(&b);
	return rc;
}

int
cs_key_signer(const struct cs_keyref *ref, struct cs_key *k, int *made,
    struct cs_error *err)
{
	*made = 0;
	if (cs_key_load(ref->path, 1, k, err) == 0)
		return 0;
	if (!ref->own || err->line != -1) {
		err->line = err->line < 0 ? 0 : err->line;
		return -1;
	}
	if (cs_key_make(ref, k, err) != 0)
		return -1;
	*made = 1;
	return 0;
}

int
cs_key_verifier(const char *pubkey, const struct cs_keyref *ref,
    struct cs_key *k, char *path, size_t n, struct cs_error *err)
{
	char pub[4200];

	if (pubkey != NULL) {
		cs_fmt(path, n, "%s", pubkey);
		if (cs_key_load(pubkey, 0, k, err) == 0)
			return 0;
		err->line = err->line < 0 ? 0 : err->line;
		return -1;
	}
	cs_fmt(path, n, "%s", ref->path);
	if (cs_key_load(ref->path, 0, k, err) == 0)
		return 0;
	if (err->code != CS_EX_NOINPUT) {
		err->line = 0;
		return -1;
	}
	cs_fmt(pub, sizeof(pub), "%s.pub", ref->path);
	cs_fmt(path, n, "%s", pub);
	if (cs_key_load(pub, 0, k, err) == 0)
		return 0;
	if (err->code == CS_EX_NOINPUT)
		cs_error_set(err, CS_EX_NOINPUT, NULL, 0, "no key to check the "
		    "signatures with: neither '%s' nor '%s' can be read; give "
		    "--pubkey", ref->path, pub);
	err->line = 0;
	return -1;
}

int
cs_checkpoint_make(struct cs_store *st, const char *origin,
    const struct cs_key *k, struct cs_buf *b, struct cs_tree_head *th,
    char *msg, size_t n, struct cs_error *err)
{
	int rc = cs_store_tree(st, th, msg, n, err);

	if (rc != 0)
		return rc;
	return cs_checkpoint_sign(origin, th->size, th->root, k, b, err);
}

int
cs_checkpoint_load(const char *path, struct cs_checkpoint *cp,
    struct cs_error *err)
{
	struct cs_buf b;
	size_t used;
	int rc;

	cs_buf_init(&b);
	rc = slurp(path, "checkpoint", &b, err);
	if (rc == 0)
		rc = cs_checkpoint_parse(cp, b.s, b.len, path, 0, &used, err);
	if (rc == 0 && used != b.len) {
		cs_checkpoint_release(cp);
		rc = cs_error_set(err, CS_EX_DATAERR, path, 0, "more after the "
		    "signatures of the checkpoint");
	}
	if (rc != 0 && err->line < 0)
		err->line = 0;
	cs_buf_release(&b);
	return rc;
}

int
cs_proof_load(const char *path, struct cs_proof *p, struct cs_error *err)
{
	struct cs_buf b;
	int rc;

	cs_buf_init(&b);
	rc = slurp(path, "proof", &b, err);
	if (rc == 0)
		rc = cs_proof_parse(p, b.s, b.len, path, err);
	if (rc != 0 && err->line < 0)
		err->line = 0;
	cs_buf_release(&b);
	return rc;
}

/* "name+hash" of a key, for messages. */
static const char *
key_label(const struct cs_key *k)
{
	static char buf[160];

	cs_fmt(buf, sizeof(buf), "%s+%08lx", k->name, (unsigned long)k->id);
	return buf;
}

/* The signature of k on h's checkpoint: 0 when it holds, else 1 and h. */
static int
held_signature(struct cs_held_to *h, const struct cs_key *k)
{
	int r = cs_checkpoint_signed(&h->cp, k);

	if (r == 1)
		return 0;
	h->state = r == 0 ? CS_HELD_UNSIGNED : CS_HELD_BAD_SIGNATURE;
	if (r == 0)
		cs_fmt(h->msg, sizeof(h->msg), "checkpoint '%s' is not signed "
		    "by key '%s'", h->path, key_label(k));
	else
		cs_fmt(h->msg, sizeof(h->msg), "checkpoint '%s': the signature "
		    "of key '%s' does not hold: the checkpoint was changed",
		    h->path, key_label(k));
	return 1;
}

/*
 * The ledger against h's tree, after verify: v says how far the chain
 * holds, root is the ledger's root at h's size when it got there, lo the
 * biggest size of a checkpoint that matched (0: none).
 */
static void
held_tree(struct cs_held_to *h, const struct cs_verify *v,
    const unsigned char root[32], long lo, const char *origin)
{
	long size = h->cp.size, whole = v->events;

	h->bad_to = 0;
	if (origin != NULL && strcmp(h->cp.origin, origin) != 0 &&
	    ((v->complete && size > whole) || (size <= v->chained &&
	    memcmp(root, h->cp.root, 32) != 0))) {
		h->state = CS_HELD_OTHER_STORE;
		h->bad_seq = 0;
		cs_fmt(h->msg, sizeof(h->msg), "checkpoint '%s' (tree size "
		    "%ld) is a checkpoint of another store (origin '%s', this "
		    "store is '%s')", h->path, size, h->cp.origin, origin);
	} else if (v->complete && size > whole) {
		h->state = CS_HELD_CUT;
		h->bad_seq = whole + 1;
		cs_fmt(h->msg, sizeof(h->msg), "checkpoint '%s' (tree size "
		    "%ld): the ledger has %ld events: the events from seq %ld "
		    "on were removed", h->path, size, whole, whole + 1);
	} else if (size > v->chained) {
		h->state = CS_HELD_UNCHECKED;
		cs_fmt(h->msg, sizeof(h->msg), "checkpoint '%s' (tree size "
		    "%ld) cannot be checked: the chain breaks at seq %ld",
		    h->path, size, v->chained + 1);
	} else if (memcmp(root, h->cp.root, 32) != 0) {
		h->state = CS_HELD_DIFFERS;
		h->bad_seq = lo + 1;
		h->bad_to = size;
		if (lo + 1 == size)
			cs_fmt(h->msg, sizeof(h->msg), "checkpoint '%s' (tree "
			    "size %ld): the ledger's first %ld events have "
			    "another root: event %ld was changed", h->path,
			    size, size, size);
		else
			cs_fmt(h->msg, sizeof(h->msg), "checkpoint '%s' (tree "
			    "size %ld): the ledger's first %ld events have "
			    "another root: some event of seq %ld to %ld was "
			    "changed (which, a checkpoint of fewer events can "
			    "tell)", h->path, size, size, lo + 1, size);
	} else {
		h->state = CS_HELD_MATCHES;
		cs_fmt(h->msg, sizeof(h->msg), "checkpoint '%s' (tree size "
		    "%ld) matches the ledger", h->path, size);
	}
}

int
cs_checkpoints_verify(struct cs_store *st, struct cs_held_to *h, size_t n,
    const struct cs_key *k, const char *origin,
    void (*progress)(void *ctx, long n), void *ctx, struct cs_verify *v,
    struct cs_error *err)
{
	struct cs_verify_opts o = { progress, ctx, NULL, n, NULL };
	long *sizes = cs_xcalloc(n ? n : 1, sizeof(long)), lo;
	unsigned char (*roots)[32] = cs_xcalloc(n ? n : 1, 32);
	size_t i, j;
	int rc, bad = 0;

	for (i = 0; i < n; i++)
		sizes[i] = h[i].cp.size;
	o.sizes = sizes;
	o.roots = roots;
	for (i = 0; i < n; i++) {
		h[i].state = CS_HELD_UNCHECKED;
		h[i].bad_seq = 0;
		h[i].bad_to = 0;
		cs_fmt(h[i].msg, sizeof(h[i].msg), "checkpoint '%s' was not "
		    "checked", h[i].path);
	}
	rc = cs_store_verify_with(st, v, &o, err);
	if (rc < 0 || v->damaged)
		goto out;
	/*
	 * A checkpoint that is not signed proves nothing; the trees of the
	 * others, and then a changed one placed after the biggest that
	 * matches.
	 */
	for (i = 0; i < n; i++)
		if (held_signature(&h[i], k) == 0)
			held_tree(&h[i], v, roots[i], 0, origin);
	for (i = 0; i < n; i++) {
		if (h[i].state != CS_HELD_DIFFERS)
			continue;
		lo = 0;
		for (j = 0; j < n; j++)
			if (h[j].state == CS_HELD_MATCHES &&
			    h[j].cp.size < h[i].cp.size && h[j].cp.size > lo)
				lo = h[j].cp.size;
		held_tree(&h[i], v, roots[i], lo, origin);
	}
	for (i = 0; i < n; i++)
		if (h[i].state != CS_HELD_MATCHES)
			bad = 1;
	rc = rc > 0 || bad ? 1 : 0;
out:
	free(sizes);
	free(roots);
	return rc;
}

/* Does the ledger have cp's tree?  0; 1 with msg; -1 with err. */
static int
matches(struct cs_store *st, const struct cs_checkpoint *cp, char *msg,
    size_t n, struct cs_error *err)
{
	unsigned char root[32];

	if (cs_store_subtree(st, 0, cp->size, root, err) != 0) {
		if (err->code != CS_EX_DATAERR)
			return -1;
		cs_fmt(msg, n, "the checkpoint of tree size %ld does not "
		    "match the ledger: %s", cp->size, err->msg);
		return 1;
	}
	if (memcmp(root, cp->root, 32) == 0)
		return 0;
	cs_fmt(msg, n, "the checkpoint of tree size %ld does not match the "
	    "ledger, whose first %ld events have another root; run "
	    "'cs-record verify --checkpoint'", cp->size, cp->size);
	return 1;
}

int
cs_prove(struct cs_store *st, long seq, const struct cs_checkpoint *cp,
    const struct cs_checkpoint *cp2, struct cs_buf *b, char *msg, size_t n,
    struct cs_error *err)
{
	struct cs_proof p;
	unsigned char hashes[CS_MERKLE_PROOF_MAX][32];
	int rc;

	memset(&p, 0, sizeof(p));
	if (seq > 0 && seq > cp->size)
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "seq %ld is "
		    "not in the checkpoint's tree (size %ld)", seq, cp->size);
	if (cp2 != NULL && cp2->size < cp->size) {
		const struct cs_checkpoint *t = cp;

		cp = cp2;
		cp2 = t;
	}
	if (cp2 != NULL && strcmp(cp->origin, cp2->origin) != 0)
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "the "
		    "checkpoints are of two origins, '%s' and '%s'",
		    cp->origin, cp2->origin);
	if ((rc = matches(st, cp, msg, n, err)) != 0 ||
	    (cp2 != NULL && (rc = matches(st, cp2, msg, n, err)) != 0))
		return rc;
	p.hashes = hashes;
	p.cp[0] = *cp;
	p.ncp = 1;
	if (seq > 0) {
		p.kind = CS_PROOF_INCLUSION;
		p.index = seq - 1;
		p.has_extra = 1;
		if (cs_store_event_hash(st, seq, p.extra, err) < 0 ||
		    cs_merkle_inclusion_proof(seq - 1, cp->size,
		    cs_store_subtree, st, hashes, &p.nhashes, err) != 0)
			return -1;
	} else {
		p.kind = CS_PROOF_CONSISTENCY;
		p.cp[1] = *cp2;
		p.ncp = 2;
		if (cp->size < cp2->size && cs_merkle_consistency_proof(
		    cp->size, cp2->size, cs_store_subtree, st, hashes,
		    &p.nhashes, err) != 0)
			return -1;
	}
	cs_proof_format(&p, b);
	return 0;
}

int
cs_proof_check(const struct cs_proof *p, const struct cs_key *k, char *msg,
    size_t n)
{
	const struct cs_checkpoint *a = &p->cp[0], *z = &p->cp[p->ncp - 1];
	unsigned char leaf[32];
	char hex[65];
	int i, r;

	for (i = 0; i < p->ncp; i++) {
		r = cs_checkpoint_signed(&p->cp[i], k);
		if (r == 1)
			continue;
		cs_fmt(msg, n, r == 0 ? "the checkpoint of tree size %ld is "
		    "not signed by key '%s'" : "the checkpoint of tree size %ld:"
		    " the signature of key '%s' does not hold: it was changed",
		    p->cp[i].size, key_label(k));
		return 1;
	}
	if (p->kind == CS_PROOF_INCLUSION) {
		if (!p->has_extra) {
			cs_fmt(msg, n, "the proof has no event hash ('extra' "
			    "line)");
			return 1;
		}
		cs_hex(p->extra, 32, hex);
		cs_merkle_leaf(p->extra, 32, leaf);
		if (!cs_merkle_inclusion_check(p->index, a->size, leaf,
		    (const unsigned char (*)[32])p->hashes, p->nhashes,
		    a->root)) {
			cs_fmt(msg, n, "the proof does not lead from event seq "
			    "%ld (hash %s) to the root of the tree of %ld "
			    "events", p->index + 1, hex, a->size);
			return 1;
		}
		cs_fmt(msg, n, "event seq %ld (hash %s) is in the tree of %ld "
		    "events of '%s'", p->index + 1, hex, a->size, a->origin);
		return 0;
	}
	if (strcmp(a->origin, z->origin) != 0 || a->size > z->size ||
	    !cs_merkle_consistency_check(a->size, z->size, a->root, z->root,
	    (const unsigned char (*)[32])p->hashes, p->nhashes)) {
		cs_fmt(msg, n, "the proof does not show that the tree of %ld "
		    "events of '%s' is the start of the tree of %ld events of "
		    "'%s'", a->size, a->origin, z->size, z->origin);
		return 1;
	}
	cs_fmt(msg, n, "the tree of %ld events of '%s' is the start of the "
	    "tree of %ld events", a->size, a->origin, z->size);
	return 0;
}
