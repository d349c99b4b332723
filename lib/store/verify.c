/*
 * Verify: recompute the hash chain event by event, replay every event
 * through apply into an empty copy of the derived tables (the "shadow"
 * schema, in memory), and compare each derived table of the store with
 * its replay, naming the first row and column that differ.
 */
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
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
	store_event_json(&st->ev, seq, store_col(q, 1), store_col(q, 2),
	    store_col(q, 3), action, store_col(q, 5), body,
	    (size_t)sqlite3_column_bytes(q, 6), prev);
	cs_sha256(st->ev.s, st->ev.len, h);
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

int
cs_store_verify(struct cs_store *st, struct cs_verify *v,
    void (*progress)(void *ctx, long n), void *ctx, struct cs_error *err)
{
	sqlite3_stmt *q = NULL;
	struct cs_fields f;
	unsigned char prev[32], h[32];
	size_t t;
	int rc = -1, r, chain_ok;

	memset(v, 0, sizeof(*v));
	memset(prev, 0, sizeof(prev));
	cs_fields_init(&f, &cs_record_schema);
	if (store_exec(st, "ATTACH DATABASE '' AS shadow", err) != 0)
		goto done;
	if (store_exec(st, "PRAGMA shadow.journal_mode = OFF;"
	    "PRAGMA shadow.synchronous = OFF", err) != 0 ||
	    store_create_derived(st, SH_SHADOW, 0, err) != 0)
		goto detach;
	if (store_exec(st, "BEGIN", err) != 0)
		goto detach;
	if (sqlite3_prepare_v2(st->db, "SELECT seq, at, operator, tool, action,"
	    " subject, body, prev_hash, hash FROM main.ledger ORDER BY seq",
	    -1, &q, NULL) != SQLITE_OK) {
		store_dberr(st, err, "read the ledger");
		goto rollback;
	}
	while ((r = sqlite3_step(q)) == SQLITE_ROW) {
		const char *action = store_col(q, 4), *body = store_col(q, 6);

		v->events++;
		if (progress != NULL)
			progress(ctx, v->events);
		if (check_link(st, q, action, body, v->events, prev, h, v) != 0)
			break;
		memcpy(prev, h, 32);
		if (store_apply_event(st, SH_SHADOW, v->events, action, body,
		    &f, err) != 0) {
			v->bad_seq = v->events;
			snprintf(v->msg, sizeof(v->msg), "%s", err->msg);
			break;
		}
	}
	if (v->bad_seq == 0 && r != SQLITE_DONE) {
		store_dberr(st, err, "read the ledger");
		goto rollback;
	}
	sqlite3_finalize(q);
	q = NULL;
	cs_hex(prev, 32, v->head);
	chain_ok = v->bad_seq == 0;
	/* Every table: the message names the earliest row that differs. */
	for (t = 0; chain_ok && t < sizeof(derived_tables) /
	    sizeof(derived_tables[0]); t++)
		if (compare_table(st, t, v, err) < 0)
			goto rollback;
	rc = v->bad_seq ? 1 : 0;
rollback:
	sqlite3_finalize(q);
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
detach:
	store_unprep(st, SH_SHADOW);
	store_apply_forget(st, SH_SHADOW);
	sqlite3_exec(st->db, "DETACH DATABASE shadow", NULL, NULL, NULL);
done:
	cs_fields_release(&f);
	return rc;
}
