/*
 * Signed notes, keys, checkpoints and proof files: base64, the key
 * texts of the note format, and line-by-line readers that name the line
 * of any fault.  Every line of a note ends with a newline and holds no
 * other control character.
 */
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/merkle.h"
#include "core/note.h"

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* The sign that starts a signature line: U+2014 and a space. */
static const char dash[] = "\xe2\x80\x94 ";

static const char tlog_proof[] = "c2sp.org/tlog-proof@v1";
static const char cons_proof[] = "cs-consistency-proof@v1";

void
cs_base64_encode(const unsigned char *p, size_t n, struct cs_buf *b)
{
	size_t i;
	unsigned long v;

	for (i = 0; i + 2 < n; i += 3) {
		v = (unsigned long)p[i] << 16 | (unsigned long)p[i + 1] << 8 |
		    p[i + 2];
		cs_buf_addc(b, b64[v >> 18 & 63]);
		cs_buf_addc(b, b64[v >> 12 & 63]);
		cs_buf_addc(b, b64[v >> 6 & 63]);
		cs_buf_addc(b, b64[v & 63]);
	}
	if (i < n) {
		v = (unsigned long)p[i] << 16;
		if (i + 1 < n)
			v |= (unsigned long)p[i + 1] << 8;
		cs_buf_addc(b, b64[v >> 18 & 63]);
		cs_buf_addc(b, b64[v >> 12 & 63]);
		cs_buf_addc(b, i + 1 < n ? b64[v >> 6 & 63] : '=');
		cs_buf_addc(b, '=');
	}
}

static int
b64_value(int c)
{
	const char *p;

	if (c == '\0')
		return -1;
	p = strchr(b64, c);
	return p != NULL ? (int)(p - b64) : -1;
}

long
cs_base64_decode(const char *s, size_t n, unsigned char *out, size_t cap)
{
	size_t i, len = 0, pad = 0;
	unsigned long v;
	int k, d;

	if (n % 4 != 0)
		return -1;
	for (i = 0; i < n; i += 4) {
		v = 0;
		for (k = 0; k < 4; k++) {
			if (s[i + k] == '=' && i + 4 == n && k >= 2 &&
			    (k == 3 || s[i + 3] == '=')) {
				pad++;
				d = 0;
			} else if (pad > 0 || (d = b64_value(s[i + k])) < 0) {
				return -1;
			}
			v = v << 6 | (unsigned long)d;
		}
		if (len + 3 - pad > cap)
			return -1;
		out[len++] = (unsigned char)(v >> 16);
		if (pad < 2)
			out[len++] = (unsigned char)(v >> 8);
		if (pad < 1)
			out[len++] = (unsigned char)v;
		/* Bits the padding leaves out must be zero (one spelling). */
		if ((pad == 1 && (v & 0xff) != 0) ||
		    (pad == 2 && (v & 0xffff) != 0))
			return -1;
	}
	return (long)len;
}

/* A name of the note format: no spaces, '+' or control characters. */
static int
name_ok(const char *s, size_t n)
{
	size_t i, bad;

	if (n == 0 || !cs_utf8_valid(s, n, &bad))
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == '+' || s[i] == 0x7f)
			return 0;
	return 1;
}

void
cs_key_name(const char *s, char *out, size_t n)
{
	size_t i, bad;

	cs_fmt(out, n, "%s", *s != '\0' ? s : "cs");
	if (!cs_utf8_valid(out, strlen(out), &bad))
		out[bad] = '\0';
	for (i = 0; out[i] != '\0'; i++)
		if ((unsigned char)out[i] <= ' ' || out[i] == '+' ||
		    out[i] == 0x7f)
			out[i] = '_';
	if (out[0] == '\0')
		cs_fmt(out, n, "cs");
}

/* The key hash of name and pub. */
static uint32_t
key_id(const char *name, const unsigned char pub[32])
{
	struct cs_buf b;
	unsigned char h[32];

	cs_buf_init(&b);
	cs_buf_adds(&b, name);
	cs_buf_add(&b, "\n\x01", 2);
	cs_buf_add(&b, pub, 32);
	cs_sha256(b.s, b.len, h);
	cs_buf_release(&b);
	return (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 |
	    (uint32_t)h[2] << 8 | h[3];
}

int
cs_key_new(struct cs_key *k, const char *name, struct cs_error *err)
{
	memset(k, 0, sizeof(*k));
	if (!name_ok(name, strlen(name)) || strlen(name) >= sizeof(k->name))
		return cs_error_set(err, CS_EX_SOFTWARE, NULL, 0, "'%s' cannot "
		    "name a key", name);
	cs_fmt(k->name, sizeof(k->name), "%s", name);
	if (cs_ed25519_keygen(k->seed, k->pub) != 0)
		return cs_error_set(err, CS_EX_SOFTWARE, NULL, 0, "libcrypto "
		    "cannot make an Ed25519 key");
	k->has_seed = 1;
	k->id = key_id(k->name, k->pub);
	return 0;
}

int
cs_key_parse(struct cs_key *k, const char *text, size_t n,
    struct cs_error *err)
{
	const char *f[3], *end;
	size_t len[3], nf = 0, i;
	unsigned char data[40];
	char hex[9];
	unsigned long id;
	int private;

	memset(k, 0, sizeof(*k));
	while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r' ||
	    text[n - 1] == ' '))
		n--;
	end = text + n;
	if (memchr(text, '\n', n) != NULL)
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "a key is "
		    "one line");
	/*
	 * name, hash and key data (which may hold '+' itself), after
	 * "PRIVATE+KEY+" for a signer.
	 */
	private = (size_t)(end - text) > 12 && memcmp(text, "PRIVATE+KEY+",
	    12) == 0;
	if (private)
		text += 12;
	while (nf < 3) {
		const char *p = nf < 2 ? memchr(text, '+',
		    (size_t)(end - text)) : NULL;

		f[nf] = text;
		len[nf] = p != NULL ? (size_t)(p - text) : (size_t)(end - text);
		nf++;
		if (p == NULL)
			break;
		text = p + 1;
	}
	if (nf != 3)
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "not a key "
		    "('NAME+HASH+KEYDATA' or 'PRIVATE+KEY+NAME+HASH+KEYDATA')");
	i = 0;
	if (!name_ok(f[i], len[i]) || len[i] >= sizeof(k->name))
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "the key has "
		    "a bad name");
	memcpy(k->name, f[i], len[i]);
	if (len[i + 1] != 8)
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "the key hash "
		    "is not 8 hex digits");
	memcpy(hex, f[i + 1], 8);
	hex[8] = '\0';
	id = strtoul(hex, NULL, 16);
	if (strspn(hex, "0123456789abcdefABCDEF") != 8)
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "the key hash "
		    "is not 8 hex digits");
	if (cs_base64_decode(f[i + 2], len[i + 2], data, sizeof(data)) != 33 ||
	    data[0] != 0x01)
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "the key data "
		    "is not an Ed25519 key");
	if (private) {
		memcpy(k->seed, data + 1, 32);
		k->has_seed = 1;
		if (cs_ed25519_public(k->seed, k->pub) != 0)
			return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "the "
			    "key data is not an Ed25519 key");
	} else {
		memcpy(k->pub, data + 1, 32);
	}
	k->id = key_id(k->name, k->pub);
	if (k->id != (uint32_t)id)
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "the key hash "
		    "does not match the key (it was changed)");
	return 0;
}

void
cs_key_format(const struct cs_key *k, int private, struct cs_buf *b)
{
	unsigned char data[33];

	data[0] = 0x01;
	memcpy(data + 1, private ? k->seed : k->pub, 32);
	if (private)
		cs_buf_adds(b, "PRIVATE+KEY+");
	cs_buf_addf(b, "%s+%08lx+", k->name, (unsigned long)k->id);
	cs_base64_encode(data, 33, b);
	cs_buf_addc(b, '\n');
}

int
cs_checkpoint_sign(const char *origin, long size, const unsigned char root[32],
    const struct cs_key *k, struct cs_buf *b, struct cs_error *err)
{
	unsigned char blob[68];
	size_t start = b->len;

	cs_buf_addf(b, "%s\n%ld\n", origin, size);
	cs_base64_encode(root, 32, b);
	cs_buf_addc(b, '\n');
	blob[0] = (unsigned char)(k->id >> 24);
	blob[1] = (unsigned char)(k->id >> 16);
	blob[2] = (unsigned char)(k->id >> 8);
	blob[3] = (unsigned char)k->id;
	if (!k->has_seed || cs_ed25519_sign(k->seed, b->s + start,
	    b->len - start, blob + 4) != 0)
		return cs_error_set(err, CS_EX_SOFTWARE, NULL, 0, "libcrypto "
		    "cannot sign with key '%s'", k->name);
	cs_buf_addc(b, '\n');
	cs_buf_adds(b, dash);
	cs_buf_adds(b, k->name);
	cs_buf_addc(b, ' ');
	cs_base64_encode(blob, sizeof(blob), b);
	cs_buf_addc(b, '\n');
	return 0;
}

/* A reader of the lines of a note or proof: where it is, for messages. */
struct lines {
	const char *data;
	size_t n;
	size_t pos;
	const char *file;
	long line;			/* of the last line read */
	const char *s;			/* that line, without its newline */
	size_t len;
	struct cs_error *err;
};

/*
 * The next line into l->s and l->len: 1, or 0 at the end, or -1 with
 * l->err when it does not end with a newline or holds a control
 * character or bad UTF-8.
 */
static int
next_line(struct lines *l)
{
	const char *nl;
	size_t i, bad;

	if (l->pos >= l->n)
		return 0;
	l->line++;
	l->s = l->data + l->pos;
	nl = memchr(l->s, '\n', l->n - l->pos);
	if (nl == NULL)
		return cs_error_set(l->err, CS_EX_DATAERR, l->file, l->line,
		    "the last line does not end with a newline");
	l->len = (size_t)(nl - l->s);
	l->pos += l->len + 1;
	for (i = 0; i < l->len; i++)
		if ((unsigned char)l->s[i] < ' ' || l->s[i] == 0x7f)
			return cs_error_set(l->err, CS_EX_DATAERR, l->file,
			    l->line, "control character 0x%02x in the line",
			    (unsigned char)l->s[i]);
	if (!cs_utf8_valid(l->s, l->len, &bad))
		return cs_error_set(l->err, CS_EX_DATAERR, l->file, l->line,
		    "the line is not UTF-8");
	return 1;
}

/* A line that must be there: 1, or -1 with "expected what". */
static int
need_line(struct lines *l, const char *what)
{
	int r = next_line(l);

	if (r == 0) {
		l->line++;
		return cs_error_set(l->err, CS_EX_DATAERR, l->file, l->line,
		    "%s expected, the file ends", what);
	}
	return r;
}

/* A whole number without leading zeros (or "0"): 0 with *v, or -1. */
static int
decimal(const char *s, size_t n, long *v)
{
	size_t i;

	*v = 0;
	if (n == 0 || n > 18 || (n > 1 && s[0] == '0'))
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

/* A hash of a line: base64 of 32 bytes.  0, or -1 with "what ...". */
static int
hash_line(struct lines *l, const char *s, size_t n, const char *what,
    unsigned char out[32])
{
	if (cs_base64_decode(s, n, out, 32) != 32)
		return cs_error_set(l->err, CS_EX_DATAERR, l->file, l->line,
		    "%s is not the base64 of a 32-byte hash", what);
	return 0;
}

/* A signature line "— name base64", into cp->sigs. */
static int
sig_line(struct lines *l, struct cs_checkpoint *cp)
{
	const char *s = l->s + strlen(dash), *sp;
	size_t n = l->len - strlen(dash);
	unsigned char blob[128];
	struct cs_note_sig *g;
	long len;

	sp = memchr(s, ' ', n);
	if (sp == NULL || !name_ok(s, (size_t)(sp - s)) ||
	    (size_t)(sp - s) >= sizeof(g->name))
		return cs_error_set(l->err, CS_EX_DATAERR, l->file, l->line,
		    "a signature line is '— NAME SIGNATURE'");
	len = cs_base64_decode(sp + 1, n - (size_t)(sp - s) - 1, blob,
	    sizeof(blob));
	if (len < 5)
		return cs_error_set(l->err, CS_EX_DATAERR, l->file, l->line,
		    "the signature is not base64 of a key hash and a "
		    "signature");
	if (cp->nsigs >= 100)
		return cs_error_set(l->err, CS_EX_DATAERR, l->file, l->line,
		    "more than 100 signatures");
	cp->sigs = cs_xreallocarray(cp->sigs, cp->nsigs + 1, sizeof(*g));
	g = &cp->sigs[cp->nsigs++];
	memset(g, 0, sizeof(*g));
	memcpy(g->name, s, (size_t)(sp - s));
	g->id = (uint32_t)blob[0] << 24 | (uint32_t)blob[1] << 16 |
	    (uint32_t)blob[2] << 8 | blob[3];
	if (len == 68) {
		memcpy(g->sig, blob + 4, 64);
		g->ed25519 = 1;
	}
	return 0;
}

static int
is_sig(const struct lines *l)
{
	return l->len > strlen(dash) && memcmp(l->s, dash, strlen(dash)) == 0;
}

/* The checkpoint at l->pos: its text, the empty line, its signatures. */
static int
read_checkpoint(struct lines *l, struct cs_checkpoint *cp)
{
	size_t start = l->pos, before;
	long line_before;
	int r;

	memset(cp, 0, sizeof(*cp));
	if (need_line(l, "the origin") < 0)
		return -1;
	if (l->len == 0 || l->len >= sizeof(cp->origin))
		return cs_error_set(l->err, CS_EX_DATAERR, l->file, l->line,
		    "the origin (line 1 of a checkpoint) is empty or too "
		    "long");
	memcpy(cp->origin, l->s, l->len);
	if (need_line(l, "the tree size") < 0)
		return -1;
	if (decimal(l->s, l->len, &cp->size) != 0)
		return cs_error_set(l->err, CS_EX_DATAERR, l->file, l->line,
		    "the tree size '%.*s' is not a whole number",
		    (int)(l->len > 40 ? 40 : l->len), l->s);
	if (need_line(l, "the root hash") < 0 ||
	    hash_line(l, l->s, l->len, "the root", cp->root) != 0)
		return -1;
	/* Extension lines, up to the empty line. */
	do {
		if (need_line(l, "an empty line before the signatures") < 0)
			return -1;
		if (is_sig(l))
			return cs_error_set(l->err, CS_EX_DATAERR, l->file,
			    l->line, "an empty line must come before the "
			    "signatures");
	} while (l->len > 0);
	cp->textlen = l->pos - 1 - start;
	for (;;) {
		before = l->pos;
		line_before = l->line;
		r = next_line(l);
		if (r < 0)
			goto fail;
		if (r == 0 || l->len == 0) {
			/* The empty line after the signatures is not taken. */
			l->pos = before;
			l->line = line_before;
			break;
		}
		if (!is_sig(l)) {
			cs_error_set(l->err, CS_EX_DATAERR, l->file, l->line,
			    "a signature line ('— NAME SIGNATURE') expected");
			goto fail;
		}
		if (sig_line(l, cp) != 0)
			goto fail;
	}
	if (cp->nsigs == 0) {
		cs_error_set(l->err, CS_EX_DATAERR, l->file, l->line + 1,
		    "the checkpoint is not signed");
		goto fail;
	}
	cp->notelen = l->pos - start;
	cp->note = cs_xstrndup(l->data + start, cp->notelen);
	return 0;
fail:
	free(cp->sigs);
	memset(cp, 0, sizeof(*cp));
	return -1;
}

int
cs_checkpoint_parse(struct cs_checkpoint *cp, const char *data, size_t n,
    const char *file, long line0, size_t *used, struct cs_error *err)
{
	struct lines l = { data, n, 0, file, line0, NULL, 0, err };

	if (read_checkpoint(&l, cp) != 0)
		return -1;
	*used = l.pos;
	return 0;
}

void
cs_checkpoint_release(struct cs_checkpoint *cp)
{
	if (cp == NULL)
		return;
	free(cp->note);
	free(cp->sigs);
	memset(cp, 0, sizeof(*cp));
}

int
cs_checkpoint_signed(const struct cs_checkpoint *cp, const struct cs_key *k)
{
	size_t i;

	for (i = 0; i < cp->nsigs; i++) {
		const struct cs_note_sig *g = &cp->sigs[i];

		if (!g->ed25519 || g->id != k->id ||
		    strcmp(g->name, k->name) != 0)
			continue;
		return cs_ed25519_verify(k->pub, cp->note, cp->textlen,
		    g->sig) ? 1 : -1;
	}
	return 0;
}

/* The hash lines of a proof, up to the empty line. */
static int
read_hashes(struct lines *l, struct cs_proof *p)
{
	for (;;) {
		if (need_line(l, "an empty line before the checkpoint") < 0)
			return -1;
		if (l->len == 0)
			return 0;
		if (p->nhashes >= CS_MERKLE_PROOF_MAX)
			return cs_error_set(l->err, CS_EX_DATAERR, l->file,
			    l->line, "more than %d hashes", CS_MERKLE_PROOF_MAX);
		p->hashes = cs_xreallocarray(p->hashes, p->nhashes + 1, 32);
		if (hash_line(l, l->s, l->len, "the line",
		    p->hashes[p->nhashes++]) != 0)
			return -1;
	}
}

/* The inclusion proof's "extra" and "index" lines. */
static int
read_index(struct lines *l, struct cs_proof *p)
{
	if (need_line(l, "'index N'") < 0)
		return -1;
	if (l->len > 6 && memcmp(l->s, "extra ", 6) == 0) {
		if (hash_line(l, l->s + 6, l->len - 6, "extra (the event "
		    "hash)", p->extra) != 0)
			return -1;
		p->has_extra = 1;
		if (need_line(l, "'index N'") < 0)
			return -1;
	}
	if (l->len < 6 || memcmp(l->s, "index ", 6) != 0 ||
	    decimal(l->s + 6, l->len - 6, &p->index) != 0)
		return cs_error_set(l->err, CS_EX_DATAERR, l->file, l->line,
		    "'index N' expected");
	return 0;
}

int
cs_proof_parse(struct cs_proof *p, const char *data, size_t n,
    const char *file, struct cs_error *err)
{
	struct lines l = { data, n, 0, file, 0, NULL, 0, err };
	int k;

	memset(p, 0, sizeof(*p));
	if (need_line(&l, "a proof") < 0)
		goto fail;
	if (l.len == strlen(tlog_proof) && memcmp(l.s, tlog_proof,
	    l.len) == 0) {
		p->kind = CS_PROOF_INCLUSION;
		if (read_index(&l, p) != 0)
			goto fail;
	} else if (l.len == strlen(cons_proof) && memcmp(l.s, cons_proof,
	    l.len) == 0) {
		p->kind = CS_PROOF_CONSISTENCY;
	} else {
		cs_error_set(err, CS_EX_DATAERR, file, 1, "not a proof (the "
		    "first line is neither '%s' nor '%s')", tlog_proof,
		    cons_proof);
		goto fail;
	}
	if (read_hashes(&l, p) != 0)
		goto fail;
	for (k = 0; k < (p->kind == CS_PROOF_INCLUSION ? 1 : 2); k++) {
		if (k == 1 && (need_line(&l, "the second checkpoint") < 0 ||
		    l.len != 0)) {
			if (l.len != 0)
				cs_error_set(err, CS_EX_DATAERR, file, l.line,
				    "an empty line expected between the "
				    "checkpoints");
			goto fail;
		}
		if (read_checkpoint(&l, &p->cp[k]) != 0)
			goto fail;
		p->ncp++;
	}
	if (l.pos < n) {
		cs_error_set(err, CS_EX_DATAERR, file, l.line + 1, "more "
		    "after the last checkpoint");
		goto fail;
	}
	return 0;
fail:
	cs_proof_release(p);
	return -1;
}

void
cs_proof_release(struct cs_proof *p)
{
	int k;

	if (p == NULL)
		return;
	for (k = 0; k < p->ncp; k++)
		cs_checkpoint_release(&p->cp[k]);
	free(p->hashes);
	memset(p, 0, sizeof(*p));
}

void
cs_proof_format(const struct cs_proof *p, struct cs_buf *b)
{
	size_t i;
	int k;

	if (p->kind == CS_PROOF_INCLUSION) {
		cs_buf_adds(b, tlog_proof);
		cs_buf_addc(b, '\n');
		if (p->has_extra) {
			cs_buf_adds(b, "extra ");
			cs_base64_encode(p->extra, 32, b);
			cs_buf_addc(b, '\n');
		}
		cs_buf_addf(b, "index %ld\n", p->index);
	} else {
		cs_buf_adds(b, cons_proof);
		cs_buf_addc(b, '\n');
	}
	for (i = 0; i < p->nhashes; i++) {
		cs_base64_encode(p->hashes[i], 32, b);
		cs_buf_addc(b, '\n');
	}
	for (k = 0; k < p->ncp; k++) {
		cs_buf_addc(b, '\n');
		cs_buf_add(b, p->cp[k].note, p->cp[k].notelen);
	}
}
