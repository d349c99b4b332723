/*
 * The store file: created at mode 0600 or migrated (schema in PRAGMA
 * user_version, the derived tables added per version), opened, closed;
 * its pragmas, transactions and bulk loads.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/internal.h"

/* "cs" and 1: marks a file as a cs store (PRAGMA application_id). */
enum { APP_ID = 0x63730001 };

/*
 * Derived tables; '@' stands for the schema ("main" or "shadow").  since
 * is the schema version that added the statement: migrating a store of
 * version v runs the statements with since > v.
 */
static const struct {
	int since;
	const char *sql;
} derived_ddl[] = {
	{ 1,
	    "CREATE TABLE @.entities ("
	    " uscc TEXT PRIMARY KEY,"
	    " name TEXT, kind TEXT, region TEXT, industry TEXT,"
	    " legal_rep TEXT, legal_rep_id TEXT, registered_on TEXT,"
	    " status TEXT,"
	    " seq INTEGER,"			/* last register event */
	    " first_seq INTEGER NOT NULL"
	    ") WITHOUT ROWID" },
	{ 1,
	    "CREATE TABLE @.records ("
	    " rid INTEGER PRIMARY KEY,"	/* seq of the add event */
	    " id TEXT NOT NULL UNIQUE,"
	    " uscc TEXT NOT NULL,"
	    " type TEXT NOT NULL,"
	    " severity TEXT,"
	    " decided_on TEXT NOT NULL,"
	    " valid_until TEXT, due_on TEXT, ref TEXT, domain TEXT,"
	    " certified TEXT, dishonest_debtor TEXT,"
	    " status TEXT NOT NULL,"	/* active, revoked */
	    " seq INTEGER NOT NULL"		/* event of the current version */
	    ")" },
	{ 1,
	    "CREATE INDEX @.records_uscc ON records(uscc, decided_on)" },
	{ 1,
	    "CREATE INDEX @.records_ref ON records(ref) WHERE ref IS NOT NULL" },
	{ 1,
	    "CREATE TABLE @.objections ("
	    " objection_id INTEGER PRIMARY KEY," /* seq of the object event */
	    " id TEXT NOT NULL, uscc TEXT NOT NULL,"
	    " filed_on TEXT NOT NULL, answer_by TEXT NOT NULL,"
	    " state TEXT NOT NULL, outcome TEXT, resolved_on TEXT,"
	    " seq INTEGER NOT NULL"
	    ")" },
	{ 1,
	    "CREATE INDEX @.objections_id ON objections(id)" },
	{ 1,
	    "CREATE TABLE @.history ("
	    " id TEXT NOT NULL, seq INTEGER NOT NULL, action TEXT NOT NULL,"
	    " PRIMARY KEY (id, seq)"
	    ") WITHOUT ROWID" },
	{ 1,
	    "CREATE TABLE @.extra_columns ("
	    " name TEXT PRIMARY KEY, first_seq INTEGER NOT NULL"
	    ") WITHOUT ROWID" },
	/* 2: what cs-score reads of records, and the classes it saves */
	{ 2,
	    "ALTER TABLE @.records ADD COLUMN authority_uscc TEXT" },
	{ 2,
	    "ALTER TABLE @.records ADD COLUMN violation_type TEXT" },
	{ 2,
	    /* Fill them for the records of a schema 1 store. */
	    "UPDATE @.records SET"
	    " authority_uscc = (SELECT json_extract("
	    "  cs_body(l.body, l.subject), CASE l.action"
	    "  WHEN 'add' THEN '$.authority_uscc'"
	    "  ELSE '$.record.authority_uscc' END)"
	    "  FROM ledger l WHERE l.seq = records.seq),"
	    " violation_type = (SELECT json_extract("
	    "  cs_body(l.body, l.subject), CASE l.action"
	    "  WHEN 'add' THEN '$.violation_type'"
	    "  ELSE '$.record.violation_type' END)"
	    "  FROM ledger l WHERE l.seq = records.seq)" },
	{ 2,
	    "CREATE TABLE @.classes ("
	    " uscc TEXT NOT NULL, as_of TEXT NOT NULL, class TEXT NOT NULL,"
	    " score TEXT, model TEXT, reason TEXT,"
	    " seq INTEGER NOT NULL,"
	    " PRIMARY KEY (uscc, seq)"
	    ") WITHOUT ROWID" },
	/* 2: the draws cs-sample records, and the targets of each */
	{ 2,
	    "CREATE TABLE @.draws ("
	    " draw_id TEXT PRIMARY KEY,"	/* plan:period */
	    " plan TEXT NOT NULL, period TEXT NOT NULL, seed TEXT NOT NULL,"
	    " frame_hash TEXT NOT NULL, inspectors_hash TEXT,"
	    " conflicts_hash TEXT,"
	    " escalations TEXT NOT NULL,"	/* "2,3": tickets added per round */
	    " drawn_on TEXT NOT NULL, targets INTEGER NOT NULL,"
	    " seq INTEGER NOT NULL"		/* last draw event */
	    ") WITHOUT ROWID" },
	{ 2,
	    "CREATE TABLE @.draw_picks ("
	    " draw_id TEXT NOT NULL, uscc TEXT NOT NULL, class TEXT NOT NULL,"
	    " rank INTEGER NOT NULL, round INTEGER NOT NULL,"
	    " ticket TEXT NOT NULL, inspectors TEXT, unassigned TEXT,"
	    " drawn_on TEXT NOT NULL, seq INTEGER NOT NULL,"
	    " PRIMARY KEY (draw_id, uscc)"
	    ") WITHOUT ROWID" },
	{ 2,
	    "CREATE INDEX @.draw_picks_on ON draw_picks(drawn_on, uscc)" },
	/* 2: the list entries of cs-blacklist, their steps and bases */
	{ 2,
	    "CREATE TABLE @.list_entries ("
	    " entry_id INTEGER PRIMARY KEY,"	/* seq of the notice event */
	    " uscc TEXT NOT NULL, list TEXT NOT NULL, name TEXT,"
	    " state TEXT NOT NULL,"
	    " noticed_on TEXT NOT NULL, deadline TEXT NOT NULL,"
	    " objected_on TEXT, listed_on TEXT,"
	    " until TEXT,"			/* last day listed; NULL: permanent */
	    " ended_on TEXT, end_reason TEXT,"
	    " last_on TEXT NOT NULL,"		/* day of the last step */
	    " seq INTEGER NOT NULL"		/* its event */
	    ")" },
	{ 2,
	    "CREATE INDEX @.list_entries_uscc ON list_entries(uscc, list)" },
	{ 2,
	    "CREATE TABLE @.list_steps ("
	    " entry_id INTEGER NOT NULL, seq INTEGER NOT NULL,"
	    " step TEXT NOT NULL, state TEXT NOT NULL, on_date TEXT NOT NULL,"
	    " PRIMARY KEY (entry_id, seq)"
	    ") WITHOUT ROWID" },
	{ 2,
	    "CREATE TABLE @.list_basis ("
	    " record_id TEXT NOT NULL, entry_id INTEGER NOT NULL,"
	    " PRIMARY KEY (record_id, entry_id)"
	    ") WITHOUT ROWID" },
	{ 2,
	    "CREATE INDEX @.list_basis_entry ON list_basis(entry_id)" },
	/* 3: the repair applications of cs-repair and their steps */
	{ 3,
	    "CREATE TABLE @.repairs ("
	    " application_id INTEGER PRIMARY KEY," /* seq of the apply event */
	    " uscc TEXT NOT NULL, target TEXT NOT NULL,"
	    " kind TEXT NOT NULL,"		/* record, entry */
	    " state TEXT NOT NULL,"
	    " filed_on TEXT NOT NULL, accept_by TEXT NOT NULL,"
	    " accepted_on TEXT, decide_by TEXT,"
	    " extended INTEGER NOT NULL,"
	    " decided_on TEXT,"		/* granted or refused on */
	    " effective_on TEXT,"		/* granted: the effects from */
	    " revoked_on TEXT, bar_until TEXT,"
	    " reason TEXT,"			/* of the last step */
	    " last_on TEXT NOT NULL,"
	    " seq INTEGER NOT NULL"
	    ")" },
	{ 3,
	    "CREATE INDEX @.repairs_target ON repairs(target, kind)" },
	{ 3,
	    "CREATE TABLE @.repair_steps ("
	    " application_id INTEGER NOT NULL, seq INTEGER NOT NULL,"
	    " step TEXT NOT NULL, state TEXT NOT NULL, on_date TEXT NOT NULL,"
	    " PRIMARY KEY (application_id, seq)"
	    ") WITHOUT ROWID" },
	/* 4: the releases of cs-publish, and when each record was first
	 * published and withdrawn */
	{ 4,
	    "CREATE TABLE @.releases ("
	    " release_id TEXT PRIMARY KEY, as_of TEXT NOT NULL,"
	    " manifest_sha256 TEXT NOT NULL, previous TEXT,"
	    " cut_seq INTEGER NOT NULL,"	/* the ledger size it was cut at */
	    " seq INTEGER NOT NULL"		/* its release event */
	    ") WITHOUT ROWID" },
	{ 4,
	    "CREATE TABLE @.published ("
	    " id TEXT PRIMARY KEY,"		/* a record first published ... */
	    " release_id TEXT NOT NULL, as_of TEXT NOT NULL,"	/* ... here */
	    " seq INTEGER NOT NULL"
	    ") WITHOUT ROWID" },
	{ 4,
	    "CREATE TABLE @.withdrawals ("
	    " id TEXT PRIMARY KEY,"		/* a record withdrawn ... */
	    " release_id TEXT NOT NULL, as_of TEXT NOT NULL,"	/* ... here */
	    " seq INTEGER NOT NULL"
	    ") WITHOUT ROWID" },
	/*
	 * 5: the rule of severity.json that derived a record's severity
	 * (none before: no earlier cs derived one), and the records
	 * reclassify looks at.
	 */
	{ 5,
	    "ALTER TABLE @.records ADD COLUMN severity_rule TEXT" },
	{ 5,
	    "CREATE INDEX @.records_severity_rule ON records(severity_rule)"
	    " WHERE severity_rule IS NOT NULL" },
	/*
	 * 6: the penalty category, which publicity and repair judge every
	 * penalty by (read from the ledger body before).
	 */
	{ 6,
	    "ALTER TABLE @.records ADD COLUMN penalty_category TEXT" },
	{ 6,
	    /* Fill it for the records of an older store. */
	    "UPDATE @.records SET"
	    " penalty_category = (SELECT json_extract("
	    "  cs_body(l.body, l.subject), CASE l.action"
	    "  WHEN 'add' THEN '$.penalty_category'"
	    "  ELSE '$.record.penalty_category' END)"
	    "  FROM ledger l WHERE l.seq = records.seq)" },
	/*
	 * 7: the records of a type by id: cs-publish walks each published
	 * type in id order, without a sort and without the rows of other
	 * types.  For the release only: the other queries that filter by
	 * type write it +type, which keeps them on the plans they had.
	 */
	{ 7,
	    "CREATE INDEX @.records_type ON records(type, id)" },
};

/*
 * 7: the bodies of "add" and "entity" events are written packed (a BLOB,
 * store/packed.h) where they pack exactly, and read through the SQL
 * function cs_body; the bodies an older cs wrote stay JSON text, which
 * cs_body gives as they are.  The words of packed bodies are part of
 * the ledger, not derived: nothing rebuilds them.
 */
static const char words_ddl[] =
	"CREATE TABLE IF NOT EXISTS ledger_words ("
	" k INTEGER PRIMARY KEY,"
	" word TEXT NOT NULL UNIQUE"
	")";

static const char ledger_ddl[] =
	"CREATE TABLE ledger ("
	" seq INTEGER PRIMARY KEY,"
	" at TEXT NOT NULL,"
	" operator TEXT NOT NULL,"
	" tool TEXT NOT NULL,"
	" action TEXT NOT NULL,"
	" subject TEXT NOT NULL,"
	" body TEXT NOT NULL,"
	" prev_hash BLOB NOT NULL,"
	" hash BLOB NOT NULL"
	")";

/*
 * The indexes of records a bulk load drops and builds again at its end
 * (a sort each, instead of an insert at a random place per row).
 */
static const char records_index[] =
	"CREATE INDEX IF NOT EXISTS @.records_uscc ON records(uscc, decided_on);"
	"CREATE INDEX IF NOT EXISTS @.records_type ON records(type, id)";

static const struct store_stmt rec_any = { S_REC_ANY,
	"SELECT EXISTS (SELECT 1 FROM records)" };

static int
pragma_int(struct cs_store *st, const char *sql, int *v, struct cs_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return store_dberr(st, err, "read the schema version");
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(s);
		return store_dberr(st, err, "read the schema version");
	}
	*v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return 0;
}

static void
db_free(struct cs_store *st)
{
	int sh;

	for (sh = 0; sh < SH_COUNT; sh++) {
		store_unprep(st, sh);
		cs_strmap_release(&st->extra_seen[sh]);
		free(st->named[sh]);
		store_release_parts_forget(st, sh);
	}
	if (st->db != NULL)
		sqlite3_close(st->db);
	/* After SQLite: closing the file drops its locks of this process. */
	if (st->lockfd >= 0)
		close(st->lockfd);
	cs_buf_release(&st->ev);
	cs_buf_release(&st->tmp);
	cs_buf_release(&st->bk);
	cs_buf_release(&st->bv);
	cs_buf_release(&st->pk);
	cs_buf_release(&st->pks);
	store_words_forget(st);
	free(st->path);
	free(st);
}

static struct cs_store *
db_new(void)
{
	struct cs_store *st = cs_xcalloc(1, sizeof(*st));

	cs_buf_init(&st->ev);
	cs_buf_init(&st->tmp);
	cs_buf_init(&st->bk);
	cs_buf_init(&st->bv);
	cs_buf_init(&st->pk);
	cs_buf_init(&st->pks);
	st->lockfd = -1;
	st->tree_covered = -1;
	st->operator = "unknown";
	st->tool = "cs";
	return st;
}

void
cs_store_set_actor(struct cs_store *st, const char *operator,
    const char *tool)
{
	st->operator = operator;
	st->tool = tool;
}

int
store_create_derived(struct cs_store *st, int sh, int from,
    struct cs_error *err)
{
	size_t i;

	for (i = 0; i < sizeof(derived_ddl) / sizeof(derived_ddl[0]); i++)
		if (derived_ddl[i].since > from &&
		    store_exec_in(st, sh, derived_ddl[i].sql, err) != 0)
			return -1;
	return 0;
}

/*
 * A cs store whose version no binary can use (0 or less, which no cs
 * ever wrote) or this one cannot (a newer one).
 */
static int
version_error(const char *path, int version, struct cs_error *err)
{
	if (version == 0)
		return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "store "
		    "'%s' has no schema version: it is damaged; restore it "
		    "from a copy", path);
	if (version < 0)
		return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "store "
		    "'%s' has schema version %d, which no cs ever wrote: it is "
		    "damaged; restore it from a copy", path, version);
	return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "store '%s' has "
	    "schema %d, newer than this cs (schema %d): upgrade cs", path,
	    version, CS_STORE_SCHEMA);
}

/*
 * Does the store of version v hold a table or column a later version
 * adds?  Then its PRAGMA user_version was set back (by hand, or a copy
 * of the header): init would migrate it again and fail half-way.
 */
static int
check_later(struct cs_store *st, int version, struct cs_error *err)
{
	static const char col_sql[] = "SELECT 1 FROM pragma_table_info(?1) "
	    "WHERE name = ?2";
	static const char tab_sql[] = "SELECT 1 FROM sqlite_master WHERE "
	    "type = 'table' AND name = ?1";
	char table[64], column[64];
	const char *sql, *p;
	sqlite3_stmt *q;
	size_t i, n;
	int rc = 0;

	for (i = 0; rc == 0 && i < sizeof(derived_ddl) /
	    sizeof(derived_ddl[0]); i++) {
		sql = derived_ddl[i].sql;
		column[0] = '\0';
		if (derived_ddl[i].since <= version)
			continue;
		if (strncmp(sql, "CREATE TABLE @.", 15) == 0) {
			p = sql + 15;
		} else if (strncmp(sql, "ALTER TABLE @.", 14) == 0) {
			p = sql + 14;
			n = strcspn(p, " ");
			if (strncmp(p + n, " ADD COLUMN ", 12) != 0)
				continue;
			cs_fmt(column, sizeof(column), "%.*s",
			    (int)strcspn(p + n + 12, " "), p + n + 12);
		} else {
			continue;
		}
		n = strcspn(p, " (");
		cs_fmt(table, sizeof(table), "%.*s", (int)n, p);
		if (sqlite3_prepare_v2(st->db, column[0] ? col_sql : tab_sql,
		    -1, &q, NULL) != SQLITE_OK)
			return store_dberr(st, err, "read the schema");
		sqlite3_bind_text(q, 1, table, -1, SQLITE_STATIC);
		if (column[0])
			sqlite3_bind_text(q, 2, column, -1, SQLITE_STATIC);
		rc = store_row(st, q, err, "read the schema");
		sqlite3_finalize(q);
		if (rc == 1)
			rc = cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0,
			    "store '%s' has schema %d but holds %s '%s%s%s' "
			    "of schema %d: its schema version is wrong and "
			    "it is damaged; restore it from a copy", st->path,
			    version, column[0] ? "column" : "table", table,
			    column[0] ? "." : "", column,
			    derived_ddl[i].since);
	}
	return rc;
}

/*
 * Does the store hold every table of its version?  A store that says it
 * is of version v but lacks one was damaged (or made by hand): nothing
 * can migrate or read it.
 */
static int
check_tables(struct cs_store *st, int version, struct cs_error *err)
{
	sqlite3_stmt *q;
	const char *name;
	char table[64];
	size_t i, n;
	int rc = 0;

	if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM sqlite_master WHERE "
	    "type = 'table' AND name = ?1", -1, &q, NULL) != SQLITE_OK)
		return store_dberr(st, err, "read the schema");
	for (i = 0; rc == 0 && i <= sizeof(derived_ddl) /
	    sizeof(derived_ddl[0]); i++) {
		if (i == sizeof(derived_ddl) / sizeof(derived_ddl[0])) {
			name = "ledger";
		} else {
			if (derived_ddl[i].since > version || strncmp(
			    derived_ddl[i].sql, "CREATE TABLE @.", 15) != 0)
				continue;
			name = derived_ddl[i].sql + 15;
		}
		n = strcspn(name, " (");
		cs_fmt(table, sizeof(table), "%.*s", (int)n, name);
		sqlite3_bind_text(q, 1, table, -1, SQLITE_STATIC);
		rc = store_row(st, q, err, "read the schema");
		if (rc == 1) {
			sqlite3_reset(q);
			rc = 0;
		} else if (rc == 0) {
			rc = cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0,
			    "store '%s' has schema %d but no table '%s': it is "
			    "damaged; restore it from a copy", st->path,
			    version, table);
		}
	}
	sqlite3_finalize(q);
	return rc == 0 ? check_later(st, version, err) : rc;
}

/*
 * The version and application id of the store st opened, checked: a
 * foreign SQLite file, a version no cs wrote or a newer one, tables
 * missing for its version.  0 with *version, or -1 with err.  An empty
 * database (no tables, no id) is fine only for init.
 */
static int
read_version(struct cs_store *st, int init, int *version,
    struct cs_error *err)
{
	int app = 0, n = 0;

	*version = 0;
	if (pragma_int(st, "PRAGMA user_version", version, err) != 0 ||
	    pragma_int(st, "PRAGMA application_id", &app, err) != 0)
		return -1;
	if (app != APP_ID) {
		if (pragma_int(st, "SELECT count(*) FROM sqlite_master", &n,
		    err) != 0)
			return -1;
		if (n > 0 || *version != 0 || !init)
			return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0,
			    "'%s' is an SQLite database but not a cs store; "
			    "choose another --db", st->path);
		return 0;
	}
	if (*version <= 0 || *version > CS_STORE_SCHEMA)
		return version_error(st->path, *version, err);
	return check_tables(st, *version, err);
}

int
cs_store_init(const char *path, const char *operator, const char *tool,
    int *from, struct cs_error *err)
{
	struct cs_store *st = db_new();
	struct stat sb;
	char body[64];
	long seq;
	int fd, version = 0, rc = -1, fresh = 0;

	*from = 0;
	if (stat(path, &sb) != 0) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST) {
			cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "cannot "
			    "create store '%s': %s", path, strerror(errno));
			db_free(st);
			return -1;
		}
		if (fd >= 0)
			close(fd);
		fresh = 1;
	}
	if (!fresh && sb.st_size == 0 && chmod(path, 0600) != 0) {
		cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "cannot make '%s' "
		    "private (mode 0600): %s", path, strerror(errno));
		goto out;
	}
	if (store_connect(st, path, 1, err) != 0)
		goto out;
	st->operator = operator;
	st->tool = tool;
	if (read_version(st, 1, &version, err) != 0)
		goto out;
	*from = version;
	if (version == CS_STORE_SCHEMA) {
		rc = 0;
		goto out;
	}
	if (cs_store_writable(st, err) != 0)
		goto out;
	/* 8 KiB pages: fewer, fuller B-tree pages for ledger events. */
	if (version == 0 && store_exec(st, "PRAGMA page_size = 8192",
	    err) != 0)
		goto out;
	if (store_exec(st, "PRAGMA journal_mode = WAL", err) != 0)
		goto out;
	if (store_begin_write(st, err) != 0)
		goto out;
	st->in_tx = 1;
	/*
	 * A new store gets the whole schema and an "init" event; an older
	 * one the tables added since its version and a "migrate" event.
	 */
	if (version == 0 && store_exec(st, ledger_ddl, err) != 0)
		goto rollback;
	if (version < 7 && store_exec(st, words_ddl, err) != 0)
		goto rollback;
	if (store_create_derived(st, SH_MAIN, version, err) != 0 ||
	    store_load_head(st, err) != 0)
		goto rollback;
	if (version == 0)
		snprintf(body, sizeof(body), "{\"schema\":%d}",
		    CS_STORE_SCHEMA);
	else
		snprintf(body, sizeof(body), "{\"from\":%d,\"schema\":%d}",
		    version, CS_STORE_SCHEMA);
	if (store_append(st, version == 0 ? "init" : "migrate", "store", body,
	    strlen(body), NULL, NULL, &seq, err) != 0)
		goto rollback;
	snprintf(body, sizeof(body), "PRAGMA user_version = %d",
	    CS_STORE_SCHEMA);
	if (store_exec(st, body, err) != 0)
		goto rollback;
	snprintf(body, sizeof(body), "PRAGMA application_id = %d", APP_ID);
	if (store_exec(st, body, err) != 0)
		goto rollback;
	if (store_commit(st, err) != 0)
		goto out;
	rc = 0;
	goto out;
rollback:
	cs_store_rollback(st);
out:
	db_free(st);
	return rc;
}

int
cs_store_open(struct cs_store **sp, const char *path, struct cs_error *err)
{
	struct cs_store *st = db_new();
	int version = 0;

	*sp = NULL;
	if (store_connect(st, path, 0, err) != 0 ||
	    read_version(st, 0, &version, err) != 0)
		goto fail;
	if (version < CS_STORE_SCHEMA) {
		cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "store '%s' has "
		    "schema %d, this cs needs %d: run 'cs-record init' to "
		    "migrate it", path, version, CS_STORE_SCHEMA);
		goto fail;
	}
	*sp = st;
	return 0;
fail:
	db_free(st);
	return -1;
}

void
cs_store_close(struct cs_store *st)
{
	if (st == NULL)
		return;
	if (st->in_tx)
		cs_store_rollback(st);
	db_free(st);
}

int
cs_store_begin(struct cs_store *st, struct cs_error *err)
{
	if (st->cache_kib != st->write_kib) {
		st->cache_kib = st->write_kib;
		if (cs_store_set_cache(st, st->cache_kib, err) != 0)
			return -1;
	}
	if (store_begin_write(st, err) != 0)
		return -1;
	st->in_tx = 1;
	if (store_load_head(st, err) != 0) {
		cs_store_rollback(st);
		return -1;
	}
	/*
	 * A bulk load that died before its end left the records without
	 * their indexes: the next writer builds them again.
	 */
	if (!st->indexed && !st->bulk) {
		if (store_exec_in(st, SH_MAIN, records_index, err) != 0) {
			cs_store_rollback(st);
			return -1;
		}
		st->indexed = 1;
	}
	return 0;
}

int
store_commit(struct cs_store *st, struct cs_error *err)
{
	if (store_exec(st, "COMMIT", err) != 0) {
		cs_store_rollback(st);
		return -1;
	}
	st->in_tx = 0;
	st->commits++;
	return 0;
}

void
cs_store_rollback(struct cs_store *st)
{
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = 0;
	/* merkle_nodes may have been made, or grown, in what was undone. */
	st->tree_cache = 0;
	st->tree_covered = -1;
	/* Names cached during the lost transaction may not be stored. */
	store_apply_forget(st, SH_MAIN);
	store_words_forget(st);
}

int
cs_store_bulk_begin(struct cs_store *st, struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &rec_any, err);
	int any;

	if (s == NULL)
		return -1;
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return store_dberr(st, err, "count the records");
	}
	any = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	if (any)
		return 0;
	if (store_exec(st, "DROP INDEX IF EXISTS records_uscc;"
	    "DROP INDEX IF EXISTS records_type", err) != 0)
		return -1;
	st->bulk = 1;
	st->indexed = 0;
	return 0;
}

int
cs_store_bulk_end(struct cs_store *st, struct cs_error *err)
{
	int rc;

	if (!st->bulk)
		return 0;
	st->bulk = 0;
	/*
	 * Each index is built by a sort that may take as much memory as the
	 * page cache; a smaller cache for that time keeps the peak memory
	 * flat (the sort spills to temporary files instead).
	 */
	if (store_exec(st, "PRAGMA cache_size = -8192", err) != 0)
		return -1;
	rc = store_exec_in(st, SH_MAIN, records_index, err);
	st->indexed = rc == 0;
	if (cs_store_set_cache(st, st->cache_kib, err) != 0)
		return -1;
	return rc;
}


/*
 * The rewound copy: a new store file at path holding the events of st up
 * to seq upto, byte for byte (so the same hashes and tree), and the
 * derived tables replayed from them through apply, as verify replays
 * them.  No journal and no syncs: the copy is thrown away.
 */
int
cs_store_rewind(struct cs_store *st, long upto, const char *path,
    struct cs_store **out, struct cs_error *err)
{
	struct cs_store *rw = db_new();
	struct cs_fields f;
	sqlite3_stmt *q = NULL;
	int fd, rc = -1, r;

	*out = NULL;
	cs_fields_init(&f, &cs_record_schema);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "cannot create "
		    "'%s': %s", path, strerror(errno));
		goto out;
	}
	close(fd);
	if (store_connect(rw, path, 1, err) != 0 ||
	    store_exec(rw, "PRAGMA page_size = 8192;"
	    "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", err) != 0 ||
	    store_exec(rw, "BEGIN", err) != 0)
		goto out;
	rw->in_tx = 1;
	if (store_exec(rw, ledger_ddl, err) != 0 ||
	    store_exec(rw, words_ddl, err) != 0 ||
	    store_create_derived(rw, SH_MAIN, 0, err) != 0)
		goto out;
	if (sqlite3_prepare_v2(rw->db, "ATTACH DATABASE ?1 AS src", -1, &q,
	    NULL) != SQLITE_OK)
		goto dberr;
	sqlite3_bind_text(q, 1, st->path, -1, SQLITE_STATIC);
	r = sqlite3_step(q);
	sqlite3_finalize(q);
	q = NULL;
	if (r != SQLITE_DONE)
		goto dberr;
	if (sqlite3_exec(rw->db, "INSERT INTO main.ledger_words SELECT * FROM "
	    "src.ledger_words", NULL, NULL, NULL) != SQLITE_OK)
		goto dberr;
	if (sqlite3_prepare_v2(rw->db, "INSERT INTO main.ledger SELECT * FROM "
	    "src.ledger WHERE seq <= ?1 ORDER BY seq", -1, &q, NULL) !=
	    SQLITE_OK)
		goto dberr;
	sqlite3_bind_int64(q, 1, upto);
	r = sqlite3_step(q);
	sqlite3_finalize(q);
	q = NULL;
	if (r != SQLITE_DONE)
		goto dberr;
	if (sqlite3_prepare_v2(rw->db, "SELECT seq, action, "
	    "cs_body(body, subject) FROM main.ledger ORDER BY seq", -1, &q, NULL) != SQLITE_OK)
		goto dberr;
	while ((r = sqlite3_step(q)) == SQLITE_ROW)
		if (store_apply_event(rw, SH_MAIN, sqlite3_column_int64(q, 0),
		    store_col(q, 1), store_col(q, 2), &f, err) != 0)
			goto out;
	if (r != SQLITE_DONE)
		goto dberr;
	sqlite3_finalize(q);
	q = NULL;
	if (store_load_head(rw, err) != 0 || store_commit(rw, err) != 0)
		goto out;
	if (sqlite3_exec(rw->db, "DETACH DATABASE src", NULL, NULL, NULL) !=
	    SQLITE_OK)
		goto dberr;
	*out = rw;
	rw = NULL;
	rc = 0;
	goto out;
dberr:
	store_dberr(rw, err, "rewind a copy of the store");
out:
	sqlite3_finalize(q);
	cs_fields_release(&f);
	if (rw != NULL)
		cs_store_close(rw);
	return rc;
}
