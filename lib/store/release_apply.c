/*
 * Applying the events of a release of cs-publish (for apply.c, again in
 * verify's replay): the release_ids events, each a part of the ids it
 * published and withdrew, and the release event after them, its
 * releases row, which checks that the parts before it are all there
 * (their number and the SHA-256 of their ids).  A release of an older
 * cs lists every id in its own body.  Bodies are read as canonical text,
 * without building JSON values.
 */
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "store/body.h"
#include "store/internal.h"

static const struct store_stmt rel_insert = { S_RELEASE_INSERT,
	"INSERT INTO @.releases (release_id, as_of, manifest_sha256, previous,"
	" cut_seq, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6)" };
static const struct store_stmt pub_insert = { S_PUBLISHED_INSERT,
	"INSERT INTO @.published (id, release_id, as_of, seq)"
	" VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO NOTHING" };
static const struct store_stmt wd_insert = { S_WITHDRAWN_INSERT,
	"INSERT INTO @.withdrawals (id, release_id, as_of, seq)"
	" VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO NOTHING" };
/* STORE_ID_BATCH ids at a time: ?1 to ?3 the release, ?4 on the ids. */
#define R(n) ",(?" #n ", ?1, ?2, ?3)"
#define IDS_N "(?4, ?1, ?2, ?3)" \
	R(5) R(6) R(7) R(8) R(9) R(10) R(11) R(12) R(13) R(14) R(15) \
	R(16) R(17) R(18) R(19) R(20) R(21) R(22) R(23) R(24) R(25) \
	R(26) R(27) R(28) R(29) R(30) R(31) R(32) R(33) R(34) R(35) \
	" ON CONFLICT (id) DO NOTHING"
static const struct store_stmt pub_insert_n = { S_PUBLISHED_INSERT_N,
	"INSERT INTO @.published (id, release_id, as_of, seq) VALUES " IDS_N };
static const struct store_stmt wd_insert_n = { S_WITHDRAWN_INSERT_N,
	"INSERT INTO @.withdrawals (id, release_id, as_of, seq) VALUES " IDS_N };
#undef R
int
store_release_row(struct cs_store *st, int sh, long seq, const char *rel,
    const char *as_of, const char *manifest, const char *previous, long cut,
    struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, sh, &rel_insert, err);

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, rel);
	store_bind_text(s, 2, as_of);
	store_bind_text(s, 3, manifest);
	store_bind_text(s, 4, previous);
	sqlite3_bind_int64(s, 5, cut);
	sqlite3_bind_int64(s, 6, seq);
	return store_run(st, s, err, "record the release");
}

int
store_release_id(struct cs_store *st, int sh, int withdrawn, const char *id,
    size_t len, const char *rel, const char *as_of, long seq,
    struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, sh, withdrawn ? &wd_insert :
	    &pub_insert, err);

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, id, (int)len, SQLITE_STATIC);
	store_bind_text(s, 2, rel);
	store_bind_text(s, 3, as_of);
	sqlite3_bind_int64(s, 4, seq);
	return store_run(st, s, err, "record a published row");
}

int
store_release_ids(struct cs_store *st, int sh, int withdrawn,
    const char *const *ids, const size_t *len, size_t n, const char *rel,
    const char *as_of, long seq, struct cs_error *err)
{
	sqlite3_stmt *s;
	size_t i;

	if (n < STORE_ID_BATCH) {
		for (i = 0; i < n; i++)
			if (store_release_id(st, sh, withdrawn, ids[i], len[i],
			    rel, as_of, seq, err) != 0)
				return -1;
		return 0;
	}
	s = store_prep(st, sh, withdrawn ? &wd_insert_n : &pub_insert_n, err);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, rel);
	store_bind_text(s, 2, as_of);
	sqlite3_bind_int64(s, 3, seq);
	for (i = 0; i < STORE_ID_BATCH; i++)
		sqlite3_bind_text(s, (int)i + 4, ids[i], (int)len[i],
		    SQLITE_STATIC);
	return store_run(st, s, err, "record the published rows");
}

/* The members of a release body as read by store_apply_release_text. */
enum { RB_AS_OF, RB_MANIFEST, RB_PREVIOUS, RB_RELEASE, RB_IDS_SHA, RB_NSTR };
enum { RB_CUT, RB_PART, RB_PARTS, RB_NNUM };

struct relbody {
	struct cs_buf str[RB_NSTR];	/* the strings, decoded */
	int has[RB_NSTR];		/* present (previous: may be null) */
	int prev_null;
	long num[RB_NNUM];		/* cut_seq, part, id_parts */
	int has_num[RB_NNUM];
	const char *ids[2];		/* published, withdrawn: after '[' */
};

/* Ids decoded and waiting to be inserted, STORE_ID_BATCH at a time. */
struct idbatch {
	struct cs_buf text;		/* the ids, each followed by a NUL */
	size_t off[STORE_ID_BATCH], len[STORE_ID_BATCH];
	size_t n;
};

/* Where the ids of an array go: inserted, and hashed when h. */
struct idsink {
	struct cs_store *st;
	int sh;
	int withdrawn;
	long seq;
	const struct relbody *rb;
	struct idbatch x;
	struct cs_sha256_ctx *h;	/* borrowed, or NULL */
	struct cs_error *err;
};

static int
batch_flush(struct idsink *k)
{
	const char *ids[STORE_ID_BATCH];
	struct idbatch *x = &k->x;
	size_t i, n = x->n;
	int rc;

	for (i = 0; i < n; i++)
		ids[i] = x->text.s + x->off[i];
	rc = store_release_ids(k->st, k->sh, k->withdrawn, ids, x->len, n,
	    k->rb->str[RB_RELEASE].s, k->rb->str[RB_AS_OF].s, k->seq, k->err);
	x->n = 0;
	cs_buf_reset(&x->text);
	return rc;
}

/*
 * The array of strings at p (after '['), each decoded into id; with k,
 * each inserted (in batches) and hashed.  The end, after ']', or NULL
 * when it is not an array of strings the fast path reads.  *rc is -1
 * when an insert failed.
 */
static const char *
ids_walk(const char *p, struct cs_buf *id, struct idsink *k, int *rc)
{
	struct idbatch *x = k != NULL ? &k->x : NULL;

	p = store_json_ws(p);
	if (*p == ']')
		goto end;
	for (;;) {
		if (*p != '"' || (p = store_json_string(p + 1, id)) == NULL)
			return NULL;
		if (k != NULL && k->h != NULL) {
			cs_sha256_update(k->h, k->withdrawn ? "w" : "p", 1);
			cs_sha256_update(k->h, id->s, id->len + 1);
		}
		if (x != NULL) {
			x->off[x->n] = x->text.len;
			x->len[x->n++] = id->len;
			cs_buf_add(&x->text, id->s, id->len + 1);
			if (x->n == STORE_ID_BATCH && batch_flush(k) != 0) {
				*rc = -1;
				return NULL;
			}
		}
		p = store_json_ws(p);
		if (*p == ']')
			goto end;
		if (*p++ != ',')
			return NULL;
		p = store_json_ws(p);
	}
end:
	if (x != NULL && x->n > 0 && batch_flush(k) != 0) {
		*rc = -1;
		return NULL;
	}
	return p + 1;
}

/* The member key's value at p into rb: the end, or NULL (not read). */
static const char *
member(const char *key, const char *p, struct relbody *rb, struct cs_buf *tmp)
{
	static const char *const names[RB_NSTR] = { "as_of",
	    "manifest_sha256", "previous", "release_id", "ids_sha256" };
	static const char *const nums[RB_NNUM] = { "cut_seq", "part",
	    "id_parts" };
	char *end;
	int i, rc = 0;

	if (strcmp(key, "published") == 0 || strcmp(key, "withdrawn") == 0) {
		i = key[0] == 'w';
		if (*p != '[' || rb->ids[i] != NULL)
			return NULL;
		rb->ids[i] = p + 1;
		return ids_walk(p + 1, tmp, NULL, &rc);
	}
	for (i = 0; i < RB_NNUM && strcmp(key, nums[i]) != 0; i++)
		;
	if (i < RB_NNUM) {
		if (rb->has_num[i] || (*p != '-' && (*p < '0' || *p > '9')))
			return NULL;
		rb->num[i] = strtol(p, &end, 10);
		rb->has_num[i] = 1;
		return *end == '.' || *end == 'e' || *end == 'E' ? NULL : end;
	}
	for (i = 0; i < RB_NSTR && strcmp(key, names[i]) != 0; i++)
		;
	if (i == RB_NSTR)
		return NULL;
	if (rb->has[i])
		return NULL;
	rb->has[i] = 1;
	if (i == RB_PREVIOUS && strncmp(p, "null", 4) == 0) {
		rb->prev_null = 1;
		return p + 4;
	}
	return *p == '"' ? store_json_string(p + 1, &rb->str[i]) : NULL;
}

/* Read body into rb: 0, or 2 when the fast path does not read it. */
static int
relbody_read(const char *body, struct relbody *rb, struct cs_buf *key)
{
	const char *p = store_json_ws(body);

	if (*p++ != '{')
		return 2;
	p = store_json_ws(p);
	if (*p == '}')
		return *store_json_ws(p + 1) == '\0' ? 0 : 2;
	for (;;) {
		if (*p != '"' || (p = store_json_string(p + 1, key)) == NULL)
			return 2;
		p = store_json_ws(p);
		if (*p++ != ':')
			return 2;
		p = member(key->s, store_json_ws(p), rb, key);
		if (p == NULL)
			return 2;
		p = store_json_ws(p);
		if (*p == '}')
			return *store_json_ws(p + 1) == '\0' ? 0 : 2;
		if (*p++ != ',')
			return 2;
		p = store_json_ws(p);
	}
}

/* Forget the parts of ids read so far (of a release not yet applied). */
void
store_release_parts_forget(struct cs_store *st, int sh)
{
	struct store_idparts *q = &st->idparts[sh];

	if (q->h != NULL) {
		unsigned char d[32];

		cs_sha256_final(q->h, d);
	}
	memset(q, 0, sizeof(*q));
}

/*
 * A release_ids event: part rb->num[RB_PART] of the ids of its release,
 * which must follow the part before it (or be part 1).
 */
static int
apply_part(struct cs_store *st, int sh, long seq, struct relbody *rb,
    struct idsink *k, struct cs_buf *key, struct cs_error *err)
{
	struct store_idparts *q = &st->idparts[sh];
	const char *rel = rb->str[RB_RELEASE].s;
	long part = rb->num[RB_PART];
	int same = q->h != NULL && strcmp(q->release_id, rel) == 0;
	int i, rc = 0;

	if (part != (same ? q->parts + 1 : 1))
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "ledger seq "
		    "%ld: part %ld of the ids of release '%s' is out of order "
		    "(expected part %ld)", seq, part, rel,
		    same ? q->parts + 1 : 1L);
	if (part == 1) {
		store_release_parts_forget(st, sh);
		cs_fmt(q->release_id, sizeof(q->release_id), "%s", rel);
		q->h = cs_sha256_new();
	}
	q->parts = part;
	k->h = q->h;
	for (i = 0; i < 2 && rc == 0; i++) {
		k->withdrawn = i;
		ids_walk(rb->ids[i], key, k, &rc);
	}
	return rc;
}

/*
 * The release event of the parts form: are the parts before it (if it
 * has any) those it names?  0, or -1 with err.
 */
static int
check_parts(struct cs_store *st, int sh, long seq, const struct relbody *rb,
    struct cs_error *err)
{
	struct store_idparts *q = &st->idparts[sh];
	const char *rel = rb->str[RB_RELEASE].s;
	long parts = q->h != NULL && strcmp(q->release_id, rel) == 0 ?
	    q->parts : 0;
	unsigned char d[32];
	char hex[65];

	if (parts > 0) {
		cs_sha256_final(q->h, d);
		q->h = NULL;
	} else {
		cs_sha256("", 0, d);
	}
	store_release_parts_forget(st, sh);
	cs_hex(d, 32, hex);
	if (parts == rb->num[RB_PARTS] &&
	    strcmp(hex, rb->str[RB_IDS_SHA].s) == 0)
		return 0;
	return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "ledger seq %ld: "
	    "release '%s' names %ld parts of ids with SHA-256 %.16s, the "
	    "release_ids events before it hold %ld with %.16s", seq, rel,
	    rb->num[RB_PARTS], rb->str[RB_IDS_SHA].s, parts, hex);
}

int
store_apply_release_text(struct cs_store *st, int sh, long seq,
    const char *action, const char *body, struct cs_error *err)
{
	struct relbody rb;
	struct idsink k = { st, sh, 0, seq, &rb, { .n = 0 }, NULL, err };
	struct cs_buf key;
	int i, rc, parts = strcmp(action, "release_ids") == 0;

	memset(&rb, 0, sizeof(rb));
	for (i = 0; i < RB_NSTR; i++)
		cs_buf_init(&rb.str[i]);
	cs_buf_init(&key);
	cs_buf_init(&k.x.text);
	rc = relbody_read(body, &rb, &key);
	/* A part: its release, as_of, number and both arrays, no more. */
	if (rc != 2 && parts && (!rb.has[RB_RELEASE] || !rb.has[RB_AS_OF] ||
	    !rb.has_num[RB_PART] || rb.ids[0] == NULL || rb.ids[1] == NULL ||
	    rb.has[RB_MANIFEST] || rb.has_num[RB_CUT]))
		rc = 1;
	if (rc == 0 && parts) {
		rc = apply_part(st, sh, seq, &rb, &k, &key, err);
		goto out;
	}
	/* A release: the ids in its body (older cs) or in parts before it. */
	if (rc == 0 && (!rb.has[RB_RELEASE] || !rb.has[RB_AS_OF] ||
	    !rb.has[RB_MANIFEST] || !rb.has_num[RB_CUT] ||
	    rb.has_num[RB_PART] || (rb.has_num[RB_PARTS] ?
	    !rb.has[RB_IDS_SHA] || rb.ids[0] != NULL || rb.ids[1] != NULL :
	    rb.has[RB_IDS_SHA] || rb.ids[0] == NULL || rb.ids[1] == NULL)))
		rc = 1;
	if (rc == 0 && rb.has_num[RB_PARTS])
		rc = check_parts(st, sh, seq, &rb, err);
	if (rc == 0)
		rc = store_release_row(st, sh, seq, rb.str[RB_RELEASE].s,
		    rb.str[RB_AS_OF].s, rb.str[RB_MANIFEST].s,
		    rb.has[RB_PREVIOUS] && !rb.prev_null ?
		    rb.str[RB_PREVIOUS].s : NULL, rb.num[RB_CUT], err);
	for (i = 0; i < 2 && rc == 0 && rb.ids[i] != NULL; i++) {
		k.withdrawn = i;
		ids_walk(rb.ids[i], &key, &k, &rc);
	}
out:
	for (i = 0; i < RB_NSTR; i++)
		cs_buf_release(&rb.str[i]);
	cs_buf_release(&key);
	cs_buf_release(&k.x.text);
	return rc;
}
