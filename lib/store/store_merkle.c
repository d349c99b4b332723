/*
 * The ledger's Merkle tree: its head, made incrementally from the cached
 * subtrees of merkle_nodes; the root of any range of leaves, for proofs;
 * and the check of the cache against the subtrees verify recomputes.
 */
#include <stdlib.h>
#include <string.h>

#include "core/merkle.h"
#include "store/internal.h"

static const char nodes_ddl[] =
	"CREATE TABLE IF NOT EXISTS merkle_nodes ("
	" level INTEGER NOT NULL,"	/* the subtree has 2^level leaves */
	" idx INTEGER NOT NULL,"	/* its first leaf is idx << level */
	" hash BLOB NOT NULL,"
	" PRIMARY KEY (level, idx)"
	") WITHOUT ROWID";

static const struct store_stmt node_get = { S_NODE_GET,
	"SELECT hash FROM merkle_nodes WHERE level = ?1 AND idx = ?2" };
static const struct store_stmt node_put = { S_NODE_PUT,
	"INSERT INTO merkle_nodes (level, idx, hash) VALUES (?1, ?2, ?3)"
	" ON CONFLICT (level, idx) DO NOTHING" };
static const struct store_stmt node_end = { S_NODE_END,
	"SELECT max(idx) FROM merkle_nodes WHERE level = 8" };
static const struct store_stmt leaf_range = { S_LEAF_RANGE,
	"SELECT hash, prev_hash FROM ledger WHERE seq > ?1 AND seq <= ?2"
	" ORDER BY seq" };

/* Subtrees completed while reading leaves, to be cached. */
struct pending {
	struct store_node *v;
	size_t n;
};

static void
keep_node(void *ctx, int level, long index, const unsigned char h[32])
{
	struct pending *p = ctx;

	if (level < CS_TREE_CACHE_LEVEL)
		return;
	p->v = cs_xreallocarray(p->v, p->n + 1, sizeof(*p->v));
	p->v[p->n].level = level;
	p->v[p->n].idx = index;
	memcpy(p->v[p->n].h, h, 32);
	p->n++;
}

/* Is there a merkle_nodes table?  1, 0, or -1 with err. */
static int
has_cache(struct cs_store *st, struct cs_error *err)
{
	sqlite3_stmt *q;
	int rc;

	if (st->tree_cache)
		return 1;
	if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM sqlite_master WHERE "
	    "type = 'table' AND name = 'merkle_nodes'", -1, &q, NULL) !=
	    SQLITE_OK)
		return store_dberr(st, err, "read the schema");
	rc = store_row(st, q, err, "read the schema");
	sqlite3_finalize(q);
	if (rc == 1)
		st->tree_cache = 1;
	return rc;
}

/* How many leaves the cache covers (a multiple of 256): 0, or -1. */
static int
cached_leaves(struct cs_store *st, long *n, struct cs_error *err)
{
	sqlite3_stmt *s;
	int rc;

	*n = 0;
	rc = has_cache(st, err);
	if (rc <= 0)
		return rc;
	s = store_prep(st, SH_MAIN, &node_end, err);
	if (s == NULL)
		return -1;
	rc = store_row(st, s, err, "read merkle_nodes");
	if (rc < 0)
		return -1;
	if (rc == 1 && sqlite3_column_type(s, 0) != SQLITE_NULL)
		*n = (sqlite3_column_int64(s, 0) + 1) << CS_TREE_CACHE_LEVEL;
	sqlite3_reset(s);
	return 0;
}

/* A cached subtree: 1 with out, 0 when it is not there, -1 with err. */
static int
node(struct cs_store *st, int level, long idx, unsigned char out[32],
    struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &node_get, err);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int(s, 1, level);
	sqlite3_bind_int64(s, 2, idx);
	rc = store_row(st, s, err, "read merkle_nodes");
	if (rc == 1) {
		if (sqlite3_column_bytes(s, 0) == 32)
			memcpy(out, sqlite3_column_blob(s, 0), 32);
		else
			rc = 0;
		sqlite3_reset(s);
	}
	return rc;
}

/*
 * Push the leaves of events lo + 1 to hi onto r, checking that they
 * follow each other (when prev is not NULL: the hash of event lo; it
 * gets that of hi).  0; 1 with msg when the chain is broken or short;
 * -1 with err.
 */
static int
push_leaves(struct cs_store *st, struct cs_merkle_range *r, long lo, long hi,
    unsigned char *prev, cs_merkle_done_fn done, void *ctx, char *msg,
    size_t n, struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &leaf_range, err);
	unsigned char leaf[32];
	long seq = lo;
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, lo);
	sqlite3_bind_int64(s, 2, hi);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const unsigned char *h = sqlite3_column_blob(s, 0);

		/*
		 * seq is the rowid: the rows come in seq order, and one
		 * missing shows as fewer rows than hi - lo (below).
		 */
		++seq;
		if (h == NULL || sqlite3_column_bytes(s, 0) != 32 ||
		    (prev != NULL && (sqlite3_column_bytes(s, 1) != 32 ||
		    memcmp(sqlite3_column_blob(s, 1), prev, 32) != 0))) {
			cs_fmt(msg, n, "ledger seq %ld: prev_hash does not "
			    "match the hash of seq %ld", seq, seq - 1);
			rc = 1;
			goto out;
		}
		if (prev != NULL)
			memcpy(prev, h, 32);
		cs_merkle_leaf(h, 32, leaf);
		cs_merkle_range_push(r, leaf, done, ctx);
	}
	if (rc != SQLITE_DONE) {
		store_dberr(st, err, "read the ledger");
		rc = -1;
		goto out;
	}
	rc = 0;
	if (seq < hi) {
		cs_fmt(msg, n, "the ledger has %ld events, not %ld", seq, hi);
		rc = 1;
	}
out:
	sqlite3_reset(s);
	return rc;
}

/*
 * The range of the first `cached` leaves from merkle_nodes: its perfect
 * subtrees, biggest first.  1 when they are all there, 0 when one is
 * missing, -1 with err.
 */
static int
range_from_cache(struct cs_store *st, long cached, struct cs_merkle_range *r,
    struct cs_error *err)
{
	unsigned char h[32];
	long at = 0;
	int k, rc;

	cs_merkle_range_init(r);
	for (k = CS_MERKLE_LEVELS - 2; k >= CS_TREE_CACHE_LEVEL; k--) {
		if (!(cached >> k & 1))
			continue;
		rc = node(st, k, at >> k, h, err);
		if (rc <= 0)
			return rc;
		cs_merkle_range_push_subtree(r, k, h, NULL, NULL);
		at += 1L << k;
	}
	return 1;
}

/* Add the pending subtrees to merkle_nodes. */
static int
put_nodes(struct cs_store *st, const struct pending *p, struct cs_error *err)
{
	sqlite3_stmt *s;
	size_t i;

	if (p->n == 0)
		return 0;
	if (!st->tree_cache) {
		if (store_exec(st, nodes_ddl, err) != 0)
			return -1;
		st->tree_cache = 1;
	}
	s = store_prep(st, SH_MAIN, &node_put, err);
	if (s == NULL)
		return -1;
	for (i = 0; i < p->n; i++) {
		sqlite3_bind_int(s, 1, p->v[i].level);
		sqlite3_bind_int64(s, 2, p->v[i].idx);
		sqlite3_bind_blob(s, 3, p->v[i].h, 32, SQLITE_STATIC);
		if (store_run(st, s, err, "write merkle_nodes") != 0)
			return -1;
	}
	return 0;
}

int
store_tree_extend(struct cs_store *st, struct cs_error *err)
{
	struct pending p = { NULL, 0 };
	struct cs_merkle_range r;
	unsigned char prev[32];
	char msg[160];
	long cached, head;
	int rc;

	if (st->readonly || st->verifying)
		return 0;
	if (store_load_head(st, err) != 0)
		return -1;
	head = st->last_seq;
	if (st->tree_covered >= 0 && head - st->tree_covered <
	    1L << CS_TREE_CACHE_LEVEL)
		return 0;
	/* Another process may have grown it: read where it ends. */
	if (cached_leaves(st, &cached, err) != 0)
		return -1;
	st->tree_covered = cached;
	if (cached > head || head - cached < 1L << CS_TREE_CACHE_LEVEL)
		return 0;
	rc = cached > 0 ? range_from_cache(st, cached, &r, err) : 1;
	if (rc <= 0)
		return rc;	/* a subtree missing: checkpoint redoes it */
	if (cached == 0)
		cs_merkle_range_init(&r);
	memset(prev, 0, 32);
	if (cached > 0 && cs_store_event_hash(st, cached, prev, err) < 0)
		return -1;
	rc = push_leaves(st, &r, cached, head, prev, keep_node, &p, msg,
	    sizeof(msg), err);
	if (rc == 0 && put_nodes(st, &p, err) != 0)
		rc = -1;
	if (rc == 0)
		st->tree_covered = head >> CS_TREE_CACHE_LEVEL <<
		    CS_TREE_CACHE_LEVEL;
	free(p.v);
	return rc < 0 ? -1 : 0;
}

/* The tree head inside the read transaction of cs_store_tree. */
static int
tree_read(struct cs_store *st, struct cs_tree_head *th, struct pending *p,
    char *msg, size_t n, struct cs_error *err)
{
	struct cs_merkle_range r;
	long cached;
	int rc;

	if (cached_leaves(st, &cached, err) != 0 ||
	    store_load_head(st, err) != 0)
		return -1;
	th->size = st->last_seq;
	memset(th->head, 0, 32);
	if (cached > th->size) {
		cs_fmt(msg, n, "the ledger has %ld events, but an earlier "
		    "checkpoint saw %ld: events were removed from its end",
		    th->size, cached);
		return 1;
	}
	rc = cached > 0 ? range_from_cache(st, cached, &r, err) : 0;
	if (rc < 0)
		return -1;
	if (rc == 0) {
		cached = 0;
		cs_merkle_range_init(&r);
	} else if (cs_store_event_hash(st, cached, th->head, err) < 0) {
		return -1;
	}
	th->read = th->size - cached;
	rc = push_leaves(st, &r, cached, th->size, th->head, keep_node, p, msg,
	    n, err);
	if (rc != 0)
		return rc;
	cs_merkle_range_root(&r, th->root);
	return 0;
}

/*
 * Add the subtrees p completed to merkle_nodes, in a short write
 * transaction of their own (they hold for good: the events they cover
 * came before the snapshot).  The cache is only a cache: a store busy
 * past the wait keeps the checkpoint and loses nothing but the time the
 * next one takes.
 */
static int
tree_keep(struct cs_store *st, const struct pending *p, struct cs_error *err)
{
	int rc;

	if (st->readonly || p->n == 0)
		return 0;
	if (store_begin_write(st, err) != 0)
		return err->code == CS_EX_TEMPFAIL ? 0 : -1;
	st->in_tx = 1;
	rc = put_nodes(st, p, err);
	if (rc != 0) {
		cs_store_rollback(st);
		return -1;
	}
	return store_commit(st, err);
}

int
cs_store_tree(struct cs_store *st, struct cs_tree_head *th, char *msg,
    size_t n, struct cs_error *err)
{
	struct pending p = { NULL, 0 };
	int rc;

	memset(th, 0, sizeof(*th));
	/*
	 * The events are read once, in order: a big page cache would only
	 * cost the memory it takes (and the time to take it).  They are
	 * read in a snapshot, which keeps no writer waiting.
	 */
	if (store_exec(st, "PRAGMA cache_size = -2048", err) != 0 ||
	    store_exec(st, "BEGIN", err) != 0)
		return -1;
	st->in_tx = 1;
	rc = tree_read(st, th, &p, msg, n, err);
	if (rc != 0)
		cs_store_rollback(st);
	else if (store_commit(st, err) != 0 || tree_keep(st, &p, err) != 0)
		rc = -1;
	free(p.v);
	return rc;
}

int
cs_store_subtree(void *ctx, long lo, long hi, unsigned char out[32],
    struct cs_error *err)
{
	struct cs_store *st = ctx;
	struct cs_merkle_range r;
	unsigned char h[32];
	char msg[128];
	long cached, pos = lo, end;
	int k, rc;

	if (cached_leaves(st, &cached, err) != 0)
		return -1;
	cs_merkle_range_init(&r);
	while (pos < hi) {
		/* The biggest cached subtree that starts at pos and fits. */
		for (k = CS_MERKLE_LEVELS - 2; k >= CS_TREE_CACHE_LEVEL; k--) {
			long w = 1L << k;

			if ((pos & (w - 1)) != 0 || ((pos - lo) & (w - 1)) != 0 ||
			    pos + w > hi || pos + w > cached)
				continue;
			rc = node(st, k, pos >> k, h, err);
			if (rc < 0)
				return -1;
			if (rc == 1)
				break;
		}
		if (k >= CS_TREE_CACHE_LEVEL) {
			cs_merkle_range_push_subtree(&r, k, h, NULL, NULL);
			pos += 1L << k;
			continue;
		}
		end = pos < cached ? ((pos >> CS_TREE_CACHE_LEVEL) + 1) <<
		    CS_TREE_CACHE_LEVEL : hi;
		if (end > hi)
			end = hi;
		rc = push_leaves(st, &r, pos, end, NULL, NULL, NULL, msg,
		    sizeof(msg), err);
		if (rc < 0)
			return -1;
		if (rc > 0)
			return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "%s",
			    msg);
		pos = end;
	}
	cs_merkle_range_root(&r, out);
	return 0;
}

int
cs_store_event_hash(struct cs_store *st, long seq, unsigned char out[32],
    struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &leaf_range, err);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, seq - 1);
	sqlite3_bind_int64(s, 2, seq);
	rc = store_row(st, s, err, "read the ledger");
	if (rc == 1) {
		if (sqlite3_column_bytes(s, 0) == 32)
			memcpy(out, sqlite3_column_blob(s, 0), 32);
		else
			memset(out, 0, 32);
		sqlite3_reset(s);
	}
	return rc;
}

static int
node_cmp(const void *a, const void *b)
{
	const struct store_node *x = a, *y = b;

	if (x->level != y->level)
		return x->level < y->level ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

int
store_tree_check(struct cs_store *st, struct store_node *v, size_t n,
    long *first, char *msg, size_t msgn, struct cs_error *err)
{
	struct store_node key, *hit;
	sqlite3_stmt *q;
	int rc;

	if ((rc = has_cache(st, err)) <= 0)
		return rc;
	/* v is NULL for an empty ledger; qsort and bsearch want none. */
	if (n > 0)
		qsort(v, n, sizeof(*v), node_cmp);
	if (sqlite3_prepare_v2(st->db, "SELECT level, idx, hash FROM "
	    "main.merkle_nodes ORDER BY idx << level, level", -1, &q, NULL) !=
	    SQLITE_OK)
		return store_dberr(st, err, "read merkle_nodes");
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		key.level = sqlite3_column_int(q, 0);
		key.idx = sqlite3_column_int64(q, 1);
		hit = n > 0 ? bsearch(&key, v, n, sizeof(*v), node_cmp) :
		    NULL;
		if (hit == NULL || sqlite3_column_bytes(q, 2) != 32 ||
		    memcmp(hit->h, sqlite3_column_blob(q, 2), 32) != 0) {
			cs_fmt(msg, msgn, "merkle_nodes row (level %d, index "
			    "%ld: events %ld to %ld) %s", key.level, key.idx,
			    (key.idx << key.level) + 1, (key.idx + 1) <<
			    key.level, hit == NULL ? "is not backed by the "
			    "ledger" : "differs from the ledger");
			*first = (key.idx << key.level) + 1;
			sqlite3_finalize(q);
			return 1;
		}
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_dberr(st, err, "read merkle_nodes");
	return 0;
}
