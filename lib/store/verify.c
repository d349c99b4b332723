/*
 * Verify: SQLite's integrity check first; then recompute the hash chain
 * event by event, with the Merkle tree of the event hashes, replay every
 * event through apply into an empty copy of the derived tables (the
 * "shadow" schema, in memory), and compare each derived table of the
 * store with its replay, naming the first row and column that differ.
 */
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/merkle.h"
#include "store/internal.h"

/* Derived tables, their key and the column verify reports as seq. */
static const struct {
	const char *table;
	const char *key;
	const char *order;
	const char *seq;
} derived_tables[] = {
	{ "records", "id", "rid", "seq" },
	{ "entities", "uscc", "first_seq", "first_seq" },
	{ "objections", "objection_id", "objection_id", "seq" },
	{ "history", "id || ':' || seq", "seq", "seq" },
	{ "extra_columns", "name", "first_seq", "first_seq" },
	{ "classes", "uscc || ':' || seq", "seq", "seq" },
	{ "draws", "draw_id", "seq", "seq" },
	{ "draw_picks", "draw_id || ':' || uscc", "seq", "seq" },
	{ "list_entries", "entry_id", "entry_id", "seq" },
	{ "list_steps", "entry_id || ':' || seq", "seq", "seq" },
	{ "list_basis", "record_id || ':' || entry_id", "entry_id",
	  "entry_id" },
	{ "repairs", "application_id", "application_id", "seq" },
	{ "repair_steps", "application_id || ':' || seq", "seq", "seq" },
	{ "releases", "release_id", "seq", "seq" },
	{ "published", "id", "seq", "seq" },
	{ "withdrawals", "id", "seq", "seq" },
};

/* Name the first column where two rows of a derived table differ. */
static int
row_diff(struct cs_store *st, const char *table, const char *key,
    const char *keyval, char *out, size_t n, struct cs_error *err)
{
	sqlite3_stmt *a = NULL, *b = NULL;
	struct cs_buf sql;
	int i, rc = -1, ra, rb;

	cs_buf_init(&sql);
	cs_buf_addf(&sql, "SELECT * FROM main.%s WHERE %s = ?1", table, key);
	if (sqlite3_prepare_v2(st->db, sql.s, -1, &a, NULL) != SQLITE_OK)
		goto fail;
	cs_buf_reset(&sql);
	cs_buf_addf(&sql, "SELECT * FROM shadow.%s WHERE %s = ?1", table, key);
	if (sqlite3_prepare_v2(st->db, sql.s, -1, &b, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(a, 1, keyval, -1, SQLITE_STATIC);
	sqlite3_bind_text(b, 1, keyval, -1, SQLITE_STATIC);
	ra = sqlite3_step(a);
	rb = sqlite3_step(b);
	if (ra == SQLITE_ROW && rb != SQLITE_ROW) {
		snprintf(out, n, "no event in the ledger backs it");
	} else if (ra != SQLITE_ROW && rb == SQLITE_ROW) {
		snprintf(out, n, "it is missing from the table");
	} else if (ra == SQLITE_ROW) {
		snprintf(out, n, "it differs from the ledger");
		for (i = 0; i < sqlite3_column_count(a); i++) {
			const char *va = store_col(a, i);
			const char *vb = store_col(b, i);
			const char *name = sqlite3_column_name(a, i);

			if ((va == NULL) == (vb == NULL) && (va == NULL ||
			    strcmp(va, vb) == 0))
				continue;
			/* A person's ID number is not echoed. */
			if (strcmp(name, "legal_rep_id") == 0)
				snprintf(out, n, "column '%s' differs from the "
				    "ledger (an ID number: not shown)", name);
			else
				snprintf(out, n, "column '%s' is %s%s%s in the "
				    "table, the ledger gives %s%s%s", name,
				    va ? "'" : "", va ? va : "NULL",
				    va ? "'" : "", vb ? "'" : "",
				    vb ? vb : "NULL", vb ? "'" : "");
			break;
		}
	}
	rc = 0;
	goto out;
fail:
	store_dberr(st, err, "compare the tables");
out:
	sqlite3_finalize(a);
	sqlite3_finalize(b);
	cs_buf_release(&sql);
	return rc;
}

/* Compare one derived table with its replayed shadow. */
static int
compare_table(struct cs_store *st, size_t t, struct cs_verify *v,
    struct cs_error *err)
{
	const char *table = derived_tables[t].table;
	const char *key = derived_tables[t].key;
	sqlite3_stmt *q = NULL;
	struct cs_buf sql;
	char keyval[256], diff[768];
	long seq = 0;
	int rc = -1, dir;

	cs_buf_init(&sql);
	for (dir = 0; dir < 2; dir++) {
		const char *x = dir ? "shadow" : "main";
		const char *y = dir ? "main" : "shadow";

		cs_buf_reset(&sql);
		cs_buf_addf(&sql, "SELECT %s, %s FROM (SELECT * FROM %s.%s "
		    "EXCEPT SELECT * FROM %s.%s) ORDER BY %s LIMIT 1", key,
		    derived_tables[t].seq, x, table, y, table,
		    derived_tables[t].order);
		if (sqlite3_prepare_v2(st->db, sql.s, -1, &q, NULL) !=
		    SQLITE_OK) {
			store_dberr(st, err, "compare the tables");
			goto out;
		}
		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW) {
			store_copy_col(q, 0, keyval, sizeof(keyval));
			seq = sqlite3_column_int64(q, 1);
			sqlite3_finalize(q);
			q = NULL;
			if (strcmp(table, "history") == 0) {
				/* The key is "id:seq"; compare on both. */
				snprintf(diff, sizeof(diff), "%s", dir ?
				    "it is missing from the table" :
				    "no event in the ledger backs it");
			} else if (row_diff(st, table, key, keyval, diff,
			    sizeof(diff), err) != 0) {
				rc = -1;
				goto out;
			}
			if (v->bad_seq == 0 || seq < v->bad_seq) {
				v->bad_seq = seq;
				cs_fmt(v->msg, sizeof(v->msg), "%s row '%s' "
				    "(ledger seq %ld): %s", table, keyval, seq,
				    diff);
			}
			rc = 1;
			goto out;
		}
		sqlite3_finalize(q);
		q = NULL;
		if (rc != SQLITE_DONE) {
			store_dberr(st, err, "compare the tables");
			rc = -1;
			goto out;
		}
	}
	rc = 0;
out:
	sqlite3_finalize(q);
	cs_buf_release(&sql);
	return rc;
}

/*
 * Does the event in the row of q (seq, at, operator, tool, action,
 * subject, body, prev_hash, hash) follow the event whose seq is expect - 1
 * and whose hash is prev?  0 with h its hash, or 1 with v->bad_seq and
 * v->msg.  action and body: its columns, read once.
 */
static int
check_link(struct cs_store *st, sqlite3_stmt *q, const char *action,
    const char *body, long expect, const unsigned char prev[32],
    unsigned char h[32], struct cs_verify *v)
{
	long seq = sqlite3_column_int64(q, 0);
	char hex1[65], hex2[65];

	if (seq != expect) {
		v->bad_seq = expect;
		snprintf(v->msg, sizeof(v->msg), "ledger seq %ld is missing "
		    "(the next event is seq %ld)", expect, seq);
		return 1;
	}
	if (sqlite3_column_bytes(q, 7) != 32 ||
	    memcmp(sqlite3_column_blob(q, 7), prev, 32) != 0) {
		v->bad_seq = seq;
		snprintf(v->msg, sizeof(v->msg), "ledger seq %ld: prev_hash "
		    "does not match the hash of seq %ld", seq, seq - 1);
		return 1;
	}
	store_event_hash(&st->ev, seq, store_col(q, 1), store_col(q, 2),
	    store_col(q, 3), action, store_col(q, 5), body,
	    (size_t)sqlite3_column_bytes(q, 6), prev, h);
	if (sqlite3_column_bytes(q, 8) == 32 &&
	    memcmp(sqlite3_column_blob(q, 8), h, 32) == 0)
		return 0;
	cs_hex(h, 32, hex1);
	if (sqlite3_column_bytes(q, 8) == 32)
		cs_hex(sqlite3_column_blob(q, 8), 32, hex2);
	else
		snprintf(hex2, sizeof(hex2), "(damaged)");
	v->bad_seq = seq;
	snprintf(v->msg, sizeof(v->msg), "ledger seq %ld: the hash does not "
	    "match the event (stored %.16s..., computed %.16s...): the event "
	    "was changed", seq, hex2, hex1);
	return 1;
}

/*
 * SQLite 3.40 reports "NULL value in T.C" for a NOT NULL column C of a
 * WITHOUT ROWID table T whose primary key is not its first columns
 * (classes) although no row holds a NULL: such a message is taken as a
 * problem only when a row of T has a NULL in C (typeof, which the
 * optimizer does not skip on a NOT NULL column).  Each column is asked
 * once (seen, n of them).
 */
struct null_seen {
	char name[128];
	int real;
};

static int
null_real(struct cs_store *st, const char *line, size_t len,
    struct null_seen *seen, size_t *n)
{
	static const char pre[] = "NULL value in ";
	static const char ident[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
	char name[128], sql[320];
	sqlite3_stmt *q;
	size_t i, t, c;
	int rc;

	if (len <= strlen(pre) || len - strlen(pre) >= sizeof(name) ||
	    strncmp(line, pre, strlen(pre)) != 0)
		return 1;
	cs_fmt(name, sizeof(name), "%.*s", (int)(len - strlen(pre)),
	    line + strlen(pre));
	t = strspn(name, ident);
	c = name[t] == '.' ? strspn(name + t + 1, ident) : 0;
	if (t == 0 || c == 0 || name[t + 1 + c] != '\0')
		return 1;
	for (i = 0; i < *n; i++)
		if (strcmp(seen[i].name, name) == 0)
			return seen[i].real;
	name[t] = '\0';
	cs_fmt(sql, sizeof(sql), "SELECT 1 FROM main.\"%s\" WHERE "
	    "typeof(\"%s\") = 'null' LIMIT 1", name, name + t + 1);
	name[t] = '.';
	rc = 1;
	if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) == SQLITE_OK) {
		rc = sqlite3_step(q) != SQLITE_DONE;
		sqlite3_finalize(q);
	}
	if (*n < 16) {
		cs_fmt(seen[*n].name, sizeof(seen[*n].name), "%s", name);
		seen[(*n)++].real = rc;
	}
	return rc;
}

/* Is the problem of len bytes at p in b, the problems said so far? */
static int
said(const struct cs_buf *b, const char *p, size_t len)
{
	const char *s;

	for (s = b->s; s != NULL && *s != '\0'; ) {
		size_t n = strcspn(s, ";");

		if (n == len && memcmp(s, p, len) == 0)
			return 1;
		s += n;
		s += *s == ';' ? 2 : 0;
	}
	return 0;
}

/*
 * The problems of one row of integrity_check (lines; the header of the
 * schema left out, each problem once) added to b, "; " between them, at
 * most three; *n counts them.
 */
static void
add_problems(struct cs_store *st, struct cs_buf *b, const char *row, int *n,
    struct null_seen *seen, size_t *nseen)
{
	size_t len;

	while (*row != '\0') {
		len = strcspn(row, "\n");
		if (len > 0 && strncmp(row, "*** in database", 15) != 0 &&
		    null_real(st, row, len, seen, nseen) &&
		    !said(b, row, len)) {
			if (*n < 3)
				cs_buf_addf(b, "%s%.*s", *n > 0 ? "; " : "",
				    (int)len, row);
			++*n;
		}
		row += len + (row[len] == '\n');
	}
}

/*
 * SQLite's own check of the file (pages, B-trees, indexes): 0 when it
 * finds nothing, 1 with v->msg, -1 with err.  No limit on what it
 * reports: false ones (see null_real) must not hide a real one.
 */
static int
integrity(struct cs_store *st, struct cs_verify *v, struct cs_error *err)
{
	struct null_seen seen[16];
	size_t nseen = 0;
	sqlite3_stmt *q;
	struct cs_buf b;
	int rc, n = 0;

	if (sqlite3_prepare_v2(st->db, "PRAGMA main.integrity_check("
	    "2147483647)", -1, &q, NULL) != SQLITE_OK)
		return store_dberr(st, err, "check its integrity");
	cs_buf_init(&b);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *row = store_col(q, 0);

		if (row != NULL && strcmp(row, "ok") != 0)
			add_problems(st, &b, row, &n, seen, &nseen);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		cs_buf_release(&b);
		return store_dberr(st, err, "check its integrity");
	}
	if (n == 0) {
		cs_buf_release(&b);
		return 0;
	}
	v->damaged = 1;
	cs_fmt(v->msg, sizeof(v->msg), "SQLite's integrity check of the store "
	    "file fails: %s%s", b.s, n > 3 ? "; and more" : "");
	cs_buf_release(&b);
	return 1;
}

/* The subtrees of the tree verify makes, for the check of the cache. */
struct tree {
	struct cs_merkle_range r;
	struct store_node *v;
	size_t n;
};

static void
tree_node(void *ctx, int level, long index, const unsigned char h[32])
{
	struct tree *t = ctx;

	if (level < CS_TREE_CACHE_LEVEL)
		return;
	t->v = cs_xreallocarray(t->v, t->n + 1, sizeof(*t->v));
	t->v[t->n].level = level;
	t->v[t->n].idx = index;
	memcpy(t->v[t->n].h, h, 32);
	t->n++;
}

/* The leaf of hash h onto t, and the roots o asks for at this size. */
static void
tree_leaf(struct tree *t, const unsigned char h[32],
    const struct cs_verify_opts *o)
{
	unsigned char leaf[32];
	size_t i;

	cs_merkle_leaf(h, 32, leaf);
	cs_merkle_range_push(&t->r, leaf, tree_node, t);
	for (i = 0; i < o->nsizes; i++)
		if (o->sizes[i] == t->r.size)
			cs_merkle_range_root(&t->r, o->roots[i]);
}

/* The replay, with the shadow schema attached and a transaction open. */
static int
replay(struct cs_store *st, struct cs_verify *v, const struct cs_verify_opts *o,
    struct tree *t, struct cs_error *err)
{
	sqlite3_stmt *q = NULL;
	struct cs_fields f;
	unsigned char prev[32], h[32];
	size_t i;
	int r, rc = -1;

	memset(prev, 0, sizeof(prev));
	cs_fields_init(&f, &cs_record_schema);
	if (sqlite3_prepare_v2(st->db, "SELECT seq, at, operator, tool, action,"
	    " subject, cs_body(body, subject), prev_hash, hash FROM main.ledger"
	    " ORDER BY seq",
	    -1, &q, NULL) != SQLITE_OK) {
		store_dberr(st, err, "read the ledger");
		goto out;
	}
	while ((r = sqlite3_step(q)) == SQLITE_ROW) {
		const char *action = store_col(q, 4), *body = store_col(q, 6);

		v->events++;
		if (o->progress != NULL)
			o->progress(o->ctx, v->events);
		if (check_link(st, q, action, body, v->events, prev, h, v) != 0)
			break;
		memcpy(prev, h, 32);
		v->chained++;
		tree_leaf(t, h, o);
		if (store_apply_event(st, SH_SHADOW, v->events, action, body,
		    &f, err) != 0) {
			v->bad_seq = v->events;
			snprintf(v->msg, sizeof(v->msg), "%s", err->msg);
			break;
		}
	}
	if (v->bad_seq == 0 && r != SQLITE_DONE) {
		store_dberr(st, err, "read the ledger");
		goto out;
	}
	v->complete = r == SQLITE_DONE && v->chained == v->events;
	cs_hex(prev, 32, v->head);
	cs_merkle_range_root(&t->r, v->root);
	/* Every table: the message names the earliest row that differs. */
	for (i = 0; v->bad_seq == 0 && i < sizeof(derived_tables) /
	    sizeof(derived_tables[0]); i++)
		if (compare_table(st, i, v, err) < 0)
			goto out;
	if (v->bad_seq == 0) {
		r = store_tree_check(st, t->v, t->n, &v->bad_seq, v->msg,
		    sizeof(v->msg), err);
		if (r < 0)
			goto out;
	}
	rc = v->bad_seq ? 1 : 0;
out:
	sqlite3_finalize(q);
	cs_fields_release(&f);
	return rc;
}

int
cs_store_verify_with(struct cs_store *st, struct cs_verify *v,
    const struct cs_verify_opts *o, struct cs_error *err)
{
	struct tree t;
	int rc = -1;

	memset(v, 0, sizeof(*v));
	memset(&t, 0, sizeof(t));
	cs_merkle_range_init(&t.r);
	st->verifying = 1;
	rc = integrity(st, v, err);
	if (rc != 0)
		goto done;
	rc = -1;
	if (store_exec(st, "ATTACH DATABASE '' AS shadow", err) != 0)
		goto done;
	if (store_exec(st, "PRAGMA shadow.journal_mode = OFF;"
	    "PRAGMA shadow.synchronous = OFF", err) != 0 ||
	    store_create_derived(st, SH_SHADOW, 0, err) != 0)
		goto detach;
	if (store_exec(st, "BEGIN", err) != 0)
		goto detach;
	rc = replay(st, v, o, &t, err);
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
detach:
	store_unprep(st, SH_SHADOW);
	store_apply_forget(st, SH_SHADOW);
	sqlite3_exec(st->db, "DETACH DATABASE shadow", NULL, NULL, NULL);
done:
	st->verifying = 0;
	free(t.v);
	return rc;
}

int
cs_store_verify(struct cs_store *st, struct cs_verify *v,
    void (*progress)(void *ctx, long n), void *ctx, struct cs_error *err)
{
	struct cs_verify_opts o = { progress, ctx, NULL, 0, NULL };

	return cs_store_verify_with(st, v, &o, err);
}
