/*
 * storefloor: the floor of the store's writes for `make bench`.  What a
 * cs-record add wrote into SOURCE is written again into TARGET the way a
 * bulk add writes it, with nothing parsed, checked or hashed; it prints
 * "SECONDS ROWS" of the writing alone.  With --minimal TARGET holds only
 * the ledger events and a unique table of record ids.  Like csvfloor with
 * csv.h, a bench program talks to its library directly: it is not lib/.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { BATCH = 50000, RCOLS = 13, LCOLS = 9 };

struct row {
	long seq;
	char *l[LCOLS - 1];	/* at .. hash (no seq); hashes are 32 bytes */
	char *r[RCOLS];		/* id .. violation_type */
	char *name;		/* entity name when this is its first record */
	int named;
	int packed;		/* the body is a BLOB (schema 7) */
	int blen;		/* its bytes */
};

static void
die(sqlite3 *db, const char *what)
{
	fprintf(stderr, "storefloor: %s: %s\n", what, sqlite3_errmsg(db));
	exit(70);
}

static char *
dup_col(sqlite3_stmt *s, int i)
{
	const void *v = sqlite3_column_blob(s, i);
	int n = sqlite3_column_bytes(s, i);
	char *p;

	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return NULL;
	p = malloc((size_t)n + 1);
	if (p == NULL) {
		fprintf(stderr, "storefloor: out of memory\n");
		exit(70);
	}
	memcpy(p, v, (size_t)n);
	p[n] = '\0';
	return p;
}

static void
exec(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(db, sql);
}

static sqlite3_stmt *
prep(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		die(db, sql);
	return s;
}

static void
bind(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

static void
step(sqlite3 *db, sqlite3_stmt *s, const char *what)
{
	if (sqlite3_step(s) != SQLITE_DONE)
		die(db, what);
	sqlite3_reset(s);
}

/* The add events of src joined with their records rows and entities. */
static struct row *
load(sqlite3 *src, size_t *np)
{
	sqlite3_stmt *s = prep(src, "SELECT l.seq, l.at, l.operator, l.tool,"
	    " l.action, l.subject, l.body, l.prev_hash, l.hash, r.id, r.uscc,"
	    " r.type, r.severity, r.decided_on, r.valid_until, r.due_on, r.ref,"
	    " r.domain, r.certified, r.dishonest_debtor, r.authority_uscc,"
	    " r.violation_type FROM ledger l JOIN records r ON r.rid = l.seq"
	    " WHERE l.action = 'add' ORDER BY l.seq");
	sqlite3_stmt *e = prep(src, "SELECT first_seq, name FROM entities"
	    " ORDER BY first_seq");
	struct row *rows = NULL;
	size_t n = 0, cap = 0, k = 0;
	int i, rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (sqlite3_column_bytes(s, 7) != 32 ||
		    sqlite3_column_bytes(s, 8) != 32) {
			fprintf(stderr, "storefloor: ledger seq %lld: a hash "
			    "is not 32 bytes\n", sqlite3_column_int64(s, 0));
			exit(65);
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			rows = realloc(rows, cap * sizeof(*rows));
			if (rows == NULL) {
				fprintf(stderr, "storefloor: out of memory\n");
				exit(70);
			}
		}
		memset(&rows[n], 0, sizeof(rows[n]));
		rows[n].seq = sqlite3_column_int64(s, 0);
		rows[n].packed = sqlite3_column_type(s, 6) == SQLITE_BLOB;
		rows[n].blen = sqlite3_column_bytes(s, 6);
		for (i = 0; i < LCOLS - 1; i++)
			rows[n].l[i] = dup_col(s, 1 + i);
		for (i = 0; i < RCOLS; i++)
			rows[n].r[i] = dup_col(s, LCOLS + i);
		n++;
	}
	if (rc != SQLITE_DONE)
		die(src, "read the ledger");
	sqlite3_finalize(s);
	while ((rc = sqlite3_step(e)) == SQLITE_ROW) {
		long seq = sqlite3_column_int64(e, 0);

		while (k < n && rows[k].seq < seq)
			k++;
		if (k < n && rows[k].seq == seq) {
			rows[k].named = 1;
			rows[k].name = dup_col(e, 1);
		}
	}
	if (rc != SQLITE_DONE)
		die(src, "read the entities");
	sqlite3_finalize(e);
	*np = n;
	return rows;
}

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	sqlite3 *src, *dst;
	sqlite3_stmt *rec, *ent, *led;
	struct row *rows;
	size_t n, i;
	double t0;
	int c, words = 0;
	int minimal = argc == 4 && strcmp(argv[1], "--minimal") == 0;

	if (argc != 3 + minimal) {
		fprintf(stderr, "usage: storefloor [--minimal] SOURCE "
		    "TARGET\n");
		return 64;
	}
	if (sqlite3_open_v2(argv[1 + minimal], &src, SQLITE_OPEN_READONLY,
	    NULL) != SQLITE_OK)
		die(src, argv[1 + minimal]);
	rows = load(src, &n);
	sqlite3_close(src);
	if (sqlite3_open_v2(argv[2 + minimal], &dst, SQLITE_OPEN_READWRITE |
	    (minimal ? SQLITE_OPEN_CREATE : 0), NULL) != SQLITE_OK)
		die(dst, argv[2 + minimal]);
	if (minimal)
		exec(dst, "PRAGMA page_size = 8192; PRAGMA journal_mode = WAL;"
		    " CREATE TABLE ledger (seq INTEGER PRIMARY KEY,"
		    " at TEXT NOT NULL, operator TEXT NOT NULL,"
		    " tool TEXT NOT NULL, action TEXT NOT NULL,"
		    " subject TEXT NOT NULL, body TEXT NOT NULL,"
		    " prev_hash BLOB NOT NULL, hash BLOB NOT NULL);"
		    " CREATE TABLE records (id TEXT PRIMARY KEY)"
		    " WITHOUT ROWID");
	/* The pragmas of lib/store.c and the start of a bulk add. */
	exec(dst, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;"
	    " PRAGMA cache_size = -24576; PRAGMA temp_store = FILE;"
	    " PRAGMA wal_autocheckpoint = 8192;"
	    " DROP INDEX IF EXISTS records_uscc;"
	    " DROP INDEX IF EXISTS records_type");
	rec = prep(dst, minimal ? "INSERT INTO records (id) VALUES (?2)" :
	    "INSERT INTO records (rid, id, uscc, type, severity,"
	    " decided_on, valid_until, due_on, ref, domain, certified,"
	    " dishonest_debtor, authority_uscc, violation_type, status, seq)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	    " ?14, 'active', ?1) ON CONFLICT (id) DO NOTHING");
	ent = minimal ? NULL : prep(dst, "INSERT INTO entities (uscc, name,"
	    " first_seq) VALUES (?1, ?2, ?3) ON CONFLICT (uscc) DO UPDATE SET"
	    " name = excluded.name WHERE entities.name IS NULL"
	    " AND excluded.name IS NOT NULL");
	led = prep(dst, "INSERT INTO ledger (seq, at, operator, tool, action,"
	    " subject, body, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
	    " ?7, ?8, ?9)");
	/* The words of packed bodies (schema 7), written before them. */
	if (!minimal) {
		sqlite3_stmt *a = prep(dst, "ATTACH DATABASE ?1 AS src");

		sqlite3_bind_text(a, 1, argv[1], -1, SQLITE_STATIC);
		step(dst, a, "attach the source");
		sqlite3_finalize(a);
		a = prep(dst, "SELECT 1 FROM src.sqlite_master"
		    " WHERE name = 'ledger_words'");
		words = sqlite3_step(a) == SQLITE_ROW;
		sqlite3_finalize(a);
	}
	t0 = now();
	exec(dst, "BEGIN IMMEDIATE");
	if (words)
		exec(dst, "INSERT INTO main.ledger_words SELECT * FROM"
		    " src.ledger_words");
	for (i = 0; i < n; i++) {
		struct row *r = &rows[i];

		sqlite3_bind_int64(rec, 1, r->seq);
		for (c = 0; c < (minimal ? 1 : RCOLS); c++)
			bind(rec, 2 + c, r->r[c]);
		step(dst, rec, "insert the record");
		if (r->named && !minimal) {
			bind(ent, 1, r->r[1]);
			bind(ent, 2, r->name);
			sqlite3_bind_int64(ent, 3, r->seq);
			step(dst, ent, "register the entity");
		}
		sqlite3_bind_int64(led, 1, r->seq);
		for (c = 0; c < 5; c++)
			bind(led, 2 + c, r->l[c]);
		if (r->packed)
			sqlite3_bind_blob(led, 7, r->l[5], r->blen,
			    SQLITE_STATIC);
		else
			bind(led, 7, r->l[5]);
		sqlite3_bind_blob(led, 8, r->l[6], 32, SQLITE_STATIC);
		sqlite3_bind_blob(led, 9, r->l[7], 32, SQLITE_STATIC);
		step(dst, led, "append to the ledger");
		if ((i + 1) % BATCH == 0)
			exec(dst, "COMMIT; BEGIN IMMEDIATE");
	}
	exec(dst, "COMMIT");
	if (!minimal)
		exec(dst, "PRAGMA cache_size = -8192; CREATE INDEX"
		    " records_uscc ON records(uscc, decided_on); CREATE INDEX"
		    " records_type ON records(type, id)");
	sqlite3_finalize(rec);
	sqlite3_finalize(ent);
	sqlite3_finalize(led);
	if (sqlite3_close(dst) != SQLITE_OK)
		die(dst, "close");
	printf("%.2f %zu\n", now() - t0, n);
	for (i = 0; i < n; i++) {
		for (c = 0; c < LCOLS - 1; c++)
			free(rows[i].l[c]);
		for (c = 0; c < RCOLS; c++)
			free(rows[i].r[c]);
		free(rows[i].name);
	}
	free(rows);
	return 0;
}
