/*
 * The SQLite store.  Every change is a ledger event (seq, at, operator,
 * tool, action, subject, body, prev_hash, hash) whose hash is the SHA-256
 * of the canonical JSON of the event without the hash; the derived tables
 * are updated in the same transaction by apply_*(), the same functions
 * verify replays into a shadow copy.
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/hash.h"
#include "domain/calendar.h"
#include "store/store.h"

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
	    " authority_uscc = (SELECT json_extract(l.body, CASE l.action"
	    "  WHEN 'add' THEN '$.authority_uscc'"
	    "  ELSE '$.record.authority_uscc' END)"
	    "  FROM ledger l WHERE l.seq = records.seq),"
	    " violation_type = (SELECT json_extract(l.body, CASE l.action"
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
};

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

enum stmt_id {
	/* apply: prepared per schema */
	S_REC_INSERT,
	S_REC_UPDATE,
	S_REC_REVOKE,
	S_ENT_SEEN,
	S_ENT_REGISTER,
	S_EXTRA,
	S_OBJ_INSERT,
	S_OBJ_RESOLVE,
	S_HIST,
	S_CLASS_INSERT,
	S_DRAW_UPSERT,
	S_PICK_INSERT,
	/* queries: main only */
	S_LEDGER_INSERT,
	S_LEDGER_HEAD,
	S_EVENT,
	S_REC_INFO,
	S_ENTITY,
	S_OBJ_GET,
	S_EXTRA_LIST,
	S_REC_ANY,
	S_CLASS_SAME,
	/* list entries (cs-blacklist): apply, then queries */
	S_LIST_NOTICE,
	S_LIST_BASIS,
	S_LIST_STEP,
	S_LIST_UPDATE,
	S_LIST_GET,
	S_LIST_OPEN,
	S_LISTED,
	S_COUNT
};

static const char *const stmt_sql[S_COUNT] = {
	[S_REC_INSERT] =
	"INSERT INTO @.records (rid, id, uscc, type, severity, decided_on,"
	" valid_until, due_on, ref, domain, certified, dishonest_debtor,"
	" authority_uscc, violation_type, status, seq)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	" ?14, 'active', ?1) ON CONFLICT (id) DO NOTHING",
	[S_REC_UPDATE] =
	"UPDATE @.records SET uscc = ?3, type = ?4, severity = ?5,"
	" decided_on = ?6, valid_until = ?7, due_on = ?8, ref = ?9,"
	" domain = ?10, certified = ?11, dishonest_debtor = ?12,"
	" authority_uscc = ?13, violation_type = ?14, seq = ?1 WHERE id = ?2",
	[S_REC_REVOKE] =
	"UPDATE @.records SET status = 'revoked' WHERE id = ?1",
	[S_ENT_SEEN] =
	"INSERT INTO @.entities (uscc, name, first_seq) VALUES (?1, ?2, ?3)"
	" ON CONFLICT (uscc) DO UPDATE SET name = excluded.name"
	" WHERE entities.name IS NULL AND excluded.name IS NOT NULL",
	[S_ENT_REGISTER] =
	"INSERT INTO @.entities (uscc, name, kind, region, industry,"
	" legal_rep, legal_rep_id, registered_on, status, seq, first_seq)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)"
	" ON CONFLICT (uscc) DO UPDATE SET name = excluded.name,"
	" kind = excluded.kind, region = excluded.region,"
	" industry = excluded.industry, legal_rep = excluded.legal_rep,"
	" legal_rep_id = excluded.legal_rep_id,"
	" registered_on = excluded.registered_on, status = excluded.status,"
	" seq = excluded.seq",
	[S_EXTRA] =
	"INSERT INTO @.extra_columns (name, first_seq) VALUES (?1, ?2)"
	" ON CONFLICT (name) DO NOTHING",
	[S_OBJ_INSERT] =
	"INSERT INTO @.objections (objection_id, id, uscc, filed_on,"
	" answer_by, state, seq) VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?1)",
	[S_OBJ_RESOLVE] =
	"UPDATE @.objections SET state = 'resolved', outcome = ?2,"
	" resolved_on = ?3, seq = ?4 WHERE objection_id = ?1",
	[S_HIST] =
	"INSERT INTO @.history (id, seq, action) VALUES (?1, ?2, ?3)",
	[S_CLASS_INSERT] =
	"INSERT INTO @.classes (uscc, as_of, class, score, model, reason, seq)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[S_DRAW_UPSERT] =
	"INSERT INTO @.draws (draw_id, plan, period, seed, frame_hash,"
	" inspectors_hash, conflicts_hash, escalations, drawn_on, targets, seq)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
	" ON CONFLICT (draw_id) DO UPDATE SET escalations = excluded.escalations,"
	" targets = draws.targets + excluded.targets, seq = excluded.seq",
	[S_PICK_INSERT] =
	"INSERT INTO @.draw_picks (draw_id, uscc, class, rank, round, ticket,"
	" inspectors, unassigned, drawn_on, seq)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	[S_LEDGER_INSERT] =
	"INSERT INTO ledger (seq, at, operator, tool, action, subject, body,"
	" prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[S_LEDGER_HEAD] =
	"SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1",
	[S_EVENT] =
	"SELECT seq, at, operator, tool, action, subject, body FROM ledger"
	" WHERE seq = ?1",
	[S_REC_INFO] =
	"SELECT rid, seq, type, uscc, status, (SELECT objection_id FROM"
	" objections o WHERE o.id = r.id AND o.state = 'open'"
	" ORDER BY objection_id LIMIT 1), decided_on FROM records r"
	" WHERE id = ?1",
	[S_ENTITY] =
	"SELECT uscc, name, kind, region, industry, legal_rep, legal_rep_id,"
	" registered_on, status, seq FROM entities WHERE uscc = ?1",
	[S_OBJ_GET] =
	"SELECT objection_id, id, uscc, filed_on, answer_by, state, outcome,"
	" resolved_on, seq FROM objections WHERE objection_id = ?1",
	[S_EXTRA_LIST] =
	"SELECT name FROM extra_columns ORDER BY first_seq, name",
	[S_REC_ANY] =
	"SELECT EXISTS (SELECT 1 FROM records)",
	[S_CLASS_SAME] =
	"SELECT class IS ?3 AND score IS ?4 AND model IS ?5 AND reason IS ?6"
	" FROM classes WHERE uscc = ?1 AND as_of = ?2"
	" ORDER BY seq DESC LIMIT 1",
	[S_LIST_NOTICE] =
	"INSERT INTO @.list_entries (entry_id, uscc, list, name, state,"
	" noticed_on, deadline, last_on, seq)"
	" VALUES (?1, ?2, ?3, ?4, 'noticed', ?5, ?6, ?5, ?1)",
	[S_LIST_BASIS] =
	"INSERT INTO @.list_basis (record_id, entry_id) VALUES (?1, ?2)"
	" ON CONFLICT DO NOTHING",
	[S_LIST_STEP] =
	"INSERT INTO @.list_steps (entry_id, seq, step, state, on_date)"
	" VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_LIST_UPDATE] =
	"UPDATE @.list_entries SET state = ?2, last_on = ?3, seq = ?4,"
	" objected_on = coalesce(?5, objected_on),"
	" listed_on = coalesce(?6, listed_on),"
	" until = CASE WHEN ?6 IS NULL THEN until ELSE ?7 END,"
	" ended_on = coalesce(?8, ended_on),"
	" end_reason = coalesce(?9, end_reason) WHERE entry_id = ?1",
	[S_LIST_GET] =
	"SELECT entry_id, uscc, list, state, noticed_on, deadline,"
	" objected_on, listed_on, until, ended_on, end_reason, last_on, seq,"
	" name FROM list_entries WHERE entry_id = ?1",
	[S_LIST_OPEN] =
	"SELECT entry_id FROM list_entries WHERE uscc = ?1 AND list = ?2"
	" AND state IN ('noticed', 'objected', 'dismissed', 'listed')"
	" ORDER BY entry_id LIMIT 1",
	[S_LISTED] =
	"SELECT e.entry_id, e.uscc, e.list, e.listed_on, e.until"
	" FROM list_entries e WHERE e.uscc = ?1 AND (?2 IS NULL OR e.list = ?2)"
	" AND e.listed_on <= ?3 AND (e.until IS NULL OR e.until >= ?3)"
	" AND CASE WHEN e.last_on <= ?3 THEN e.state ELSE"
	" (SELECT t.state FROM list_steps t WHERE t.entry_id = e.entry_id"
	" AND t.on_date <= ?3 ORDER BY t.seq DESC LIMIT 1) END = 'listed'"
	" ORDER BY e.listed_on, e.entry_id LIMIT 1",
};

struct cs_store {
	sqlite3 *db;
	char *path;
	const char *operator;
	const char *tool;
	sqlite3_stmt *stmt[2][S_COUNT];
	long last_seq;			/* head of the chain in this transaction */
	unsigned char last_hash[32];
	int in_tx;
	struct cs_buf ev;		/* event JSON being hashed */
	struct cs_buf tmp;
	char at[32];
	time_t at_time;
	struct cs_strmap extra_seen[2];	/* extra column names recorded */
	char (*named[2])[19];		/* see apply_entity_seen */
	int bulk;			/* secondary index dropped for a bulk load */
	int indexed;			/* records_uscc known to exist */
};

struct cs_store_iter {
	struct cs_store *st;
	sqlite3_stmt *q;
	int kind;
	json_t *body;			/* parsed body of the last row */
	char as_of[11];			/* commitments: the day of their state */
	char state[16];			/* list entries: only this state */
};

static const char *const schema_name[2] = { "main", "shadow" };

/* Map an SQLite failure to an exit status and a message. */
static int
dberr(struct cs_store *st, struct cs_error *err, const char *what)
{
	int rc = sqlite3_errcode(st->db), code;

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return cs_error_set(err, CS_EX_TEMPFAIL, NULL, 0, "store '%s' "
		    "is busy: another process holds it; retry later",
		    st->path);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
	case SQLITE_CANTOPEN:
		code = CS_EX_UNAVAILABLE;
		break;
	case SQLITE_IOERR:
	case SQLITE_FULL:
		code = CS_EX_IOERR;
		break;
	default:
		code = CS_EX_SOFTWARE;
	}
	return cs_error_set(err, code, NULL, 0, "store '%s': %s: %s",
	    st->path, what, sqlite3_errmsg(st->db));
}

static sqlite3_stmt *
prep(struct cs_store *st, int sh, enum stmt_id id, struct cs_error *err)
{
	struct cs_buf sql;
	const char *p;

	if (st->stmt[sh][id] != NULL)
		return st->stmt[sh][id];
	cs_buf_init(&sql);
	for (p = stmt_sql[id]; *p != '\0'; p++) {
		if (*p == '@')
			cs_buf_adds(&sql, schema_name[sh]);
		else
			cs_buf_addc(&sql, *p);
	}
	if (sqlite3_prepare_v3(st->db, sql.s, (int)sql.len,
	    SQLITE_PREPARE_PERSISTENT, &st->stmt[sh][id], NULL) != SQLITE_OK) {
		dberr(st, err, "prepare");
		st->stmt[sh][id] = NULL;
	}
	cs_buf_release(&sql);
	return st->stmt[sh][id];
}

/* Step a statement that returns no rows, then reset it. */
static int
run(struct cs_store *st, sqlite3_stmt *s, struct cs_error *err,
    const char *what)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE) {
		dberr(st, err, what);
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		return -1;
	}
	sqlite3_reset(s);
	return 0;
}

static int
exec(struct cs_store *st, const char *sql, struct cs_error *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return dberr(st, err, sql);
	return 0;
}

/* Run a template with '@' replaced by the schema name. */
static int
exec_in(struct cs_store *st, int sh, const char *tmpl, struct cs_error *err)
{
	struct cs_buf sql;
	const char *p;
	int rc;

	cs_buf_init(&sql);
	for (p = tmpl; *p != '\0'; p++) {
		if (*p == '@')
			cs_buf_adds(&sql, schema_name[sh]);
		else
			cs_buf_addc(&sql, *p);
	}
	rc = exec(st, sql.s, err);
	cs_buf_release(&sql);
	return rc;
}

static void
bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

/* Bind a copy: for iterators that outlive the caller's strings. */
static void
bind_copy(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

static void
copy_col(sqlite3_stmt *s, int i, char *out, size_t n)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	snprintf(out, n, "%s", t ? (const char *)t : "");
}

static int
connect(struct cs_store *st, const char *path, int create,
    struct cs_error *err)
{
	const char *env = getenv("CS_BUSY_TIMEOUT");
	char *end;
	long ms = 5000;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	st->path = cs_xstrdup(path);
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		if (st->db == NULL)
			return cs_error_set(err, CS_EX_SOFTWARE, NULL, 0,
			    "out of memory opening the store");
		return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0,
		    "cannot open store '%s': %s", path,
		    sqlite3_errmsg(st->db));
	}
	if (env != NULL && *env != '\0') {
		ms = strtol(env, &end, 10);
		if (*end != '\0' || ms < 0)
			ms = 5000;
	}
	sqlite3_busy_timeout(st->db, (int)ms);
	sqlite3_extended_result_codes(st->db, 0);
	return exec(st, "PRAGMA foreign_keys = ON;"
	    "PRAGMA synchronous = NORMAL;"
	    "PRAGMA cache_size = -24576;"
	    "PRAGMA temp_store = FILE;"
	    "PRAGMA wal_autocheckpoint = 8192", err);
}

static int
pragma_int(struct cs_store *st, const char *sql, int *v, struct cs_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return dberr(st, err, "read the schema version");
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(s);
		return dberr(st, err, "read the schema version");
	}
	*v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return 0;
}

static void
store_free(struct cs_store *st)
{
	size_t i, j;

	for (i = 0; i < 2; i++)
		for (j = 0; j < S_COUNT; j++)
			sqlite3_finalize(st->stmt[i][j]);
	if (st->db != NULL)
		sqlite3_close(st->db);
	for (i = 0; i < 2; i++)
		cs_strmap_release(&st->extra_seen[i]);
	cs_buf_release(&st->ev);
	cs_buf_release(&st->tmp);
	free(st->named[0]);
	free(st->named[1]);
	free(st->path);
	free(st);
}

static struct cs_store *
store_new(void)
{
	struct cs_store *st = cs_xcalloc(1, sizeof(*st));

	cs_buf_init(&st->ev);
	cs_buf_init(&st->tmp);
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

/* The event timestamp: SOURCE_DATE_EPOCH when set, else now, UTC. */
static const char *
event_time(struct cs_store *st)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t = time(NULL);
	struct tm tm;
	char *end;

	if (sde != NULL && *sde != '\0') {
		long long v = strtoll(sde, &end, 10);

		if (*end == '\0' && v >= 0)
			t = (time_t)v;
	}
	if (t != st->at_time || st->at[0] == '\0') {
		st->at_time = t;
		gmtime_r(&t, &tm);
		strftime(st->at, sizeof(st->at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	}
	return st->at;
}

/* The canonical JSON of an event without its hash, into b. */
static void
event_json(struct cs_buf *b, long seq, const char *at, const char *op,
    const char *tool, const char *action, const char *subject,
    const char *body, size_t blen, const unsigned char prev[32])
{
	char hex[65];

	cs_hex(prev, 32, hex);
	cs_buf_reset(b);
	cs_buf_adds(b, "{\"action\":");
	cs_buf_add_json_str(b, action, strlen(action));
	cs_buf_adds(b, ",\"at\":");
	cs_buf_add_json_str(b, at, strlen(at));
	cs_buf_adds(b, ",\"body\":");
	cs_buf_add(b, body, blen);
	cs_buf_adds(b, ",\"operator\":");
	cs_buf_add_json_str(b, op, strlen(op));
	cs_buf_adds(b, ",\"prev_hash\":\"");
	cs_buf_adds(b, hex);
	cs_buf_addf(b, "\",\"seq\":%ld,\"subject\":", seq);
	cs_buf_add_json_str(b, subject, strlen(subject));
	cs_buf_adds(b, ",\"tool\":");
	cs_buf_add_json_str(b, tool, strlen(tool));
	cs_buf_addc(b, '}');
}

static int
load_head(struct cs_store *st, struct cs_error *err)
{
	sqlite3_stmt *s = prep(st, 0, S_LEDGER_HEAD, err);
	int rc;

	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		st->last_seq = sqlite3_column_int64(s, 0);
		if (sqlite3_column_bytes(s, 1) != 32) {
			sqlite3_reset(s);
			return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0,
			    "store '%s': the last ledger event has a damaged "
			    "hash; run 'cs-record verify'", st->path);
		}
		memcpy(st->last_hash, sqlite3_column_blob(s, 1), 32);
	} else if (rc == SQLITE_DONE) {
		st->last_seq = 0;
		memset(st->last_hash, 0, 32);
	} else {
		sqlite3_reset(s);
		return dberr(st, err, "read the ledger head");
	}
	sqlite3_reset(s);
	return 0;
}

/* Append one event to the ledger; *seqp gets its number. */
static int
append(struct cs_store *st, const char *action, const char *subject,
    const char *body, size_t blen, long *seqp, struct cs_error *err)
{
	sqlite3_stmt *s = prep(st, 0, S_LEDGER_INSERT, err);
	unsigned char h[32];
	const char *at = event_time(st);
	long seq = st->last_seq + 1;

	if (s == NULL)
		return -1;
	event_json(&st->ev, seq, at, st->operator, st->tool, action, subject,
	    body, blen, st->last_hash);
	cs_sha256(st->ev.s, st->ev.len, h);
	sqlite3_bind_int64(s, 1, seq);
	sqlite3_bind_text(s, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, st->operator, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, st->tool, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, body, (int)blen, SQLITE_STATIC);
	sqlite3_bind_blob(s, 8, st->last_hash, 32, SQLITE_STATIC);
	sqlite3_bind_blob(s, 9, h, 32, SQLITE_STATIC);
	if (run(st, s, err, "append to the ledger") != 0)
		return -1;
	st->last_seq = seq;
	memcpy(st->last_hash, h, 32);
	*seqp = seq;
	return 0;
}

enum { NAMED_SLOTS = 1 << 18 };

static size_t
named_slot(const char *uscc)
{
	return (size_t)(cs_hash_str(uscc) & (NAMED_SLOTS - 1));
}

/*
 * Derived state shared by add, correct and resolve: the entity named by
 * the record (registered with its name on first sight) and the extra
 * columns.  Once an entity row has a name, every later "seen" upsert of
 * it changes nothing, so a small direct-mapped cache of such USCCs skips
 * those statements (cleared on rollback).
 */
static int
apply_entity_seen(struct cs_store *st, int sh, long seq,
    const struct cs_fields *f, struct cs_error *err)
{
	sqlite3_stmt *s;
	size_t i, k = named_slot(f->v[R_USCC]);
	int added;

	if (st->named[sh] == NULL)
		st->named[sh] = cs_xcalloc(NAMED_SLOTS, sizeof(*st->named[sh]));
	if (strcmp(st->named[sh][k], f->v[R_USCC]) != 0) {
		s = prep(st, sh, S_ENT_SEEN, err);
		if (s == NULL)
			return -1;
		bind_text(s, 1, f->v[R_USCC]);
		bind_text(s, 2, f->v[R_NAME]);
		sqlite3_bind_int64(s, 3, seq);
		if (run(st, s, err, "register the entity") != 0)
			return -1;
		if (f->v[R_NAME] != NULL)
			memcpy(st->named[sh][k], f->v[R_USCC], 19);
	}
	for (i = 0; i < f->nx; i++) {
		cs_strmap_put(&st->extra_seen[sh], f->xname[i], &added);
		if (!added)
			continue;
		s = prep(st, sh, S_EXTRA, err);
		if (s == NULL)
			return -1;
		bind_text(s, 1, f->xname[i]);
		sqlite3_bind_int64(s, 2, seq);
		if (run(st, s, err, "record the extra column") != 0)
			return -1;
	}
	return 0;
}

static void
bind_record(sqlite3_stmt *s, long seq, const struct cs_fields *f)
{
	sqlite3_bind_int64(s, 1, seq);
	bind_text(s, 2, f->v[R_ID]);
	bind_text(s, 3, f->v[R_USCC]);
	bind_text(s, 4, f->v[R_TYPE]);
	bind_text(s, 5, f->v[R_SEVERITY]);
	bind_text(s, 6, f->v[R_DECIDED_ON]);
	bind_text(s, 7, f->v[R_VALID_UNTIL]);
	bind_text(s, 8, f->v[R_DUE_ON]);
	bind_text(s, 9, f->v[R_REF]);
	bind_text(s, 10, f->v[R_DOMAIN]);
	bind_text(s, 11, f->v[R_CERTIFIED]);
	bind_text(s, 12, f->v[R_DISHONEST_DEBTOR]);
	bind_text(s, 13, f->v[R_AUTHORITY_USCC]);
	bind_text(s, 14, f->v[R_VIOLATION_TYPE]);
}

/*
 * Insert a new record; 1 when inserted, 0 when the id exists already
 * (nothing is changed then), -1 on error.
 */
static int
apply_add(struct cs_store *st, int sh, long seq, const struct cs_fields *f,
    struct cs_error *err)
{
	sqlite3_stmt *s = prep(st, sh, S_REC_INSERT, err);

	if (s == NULL)
		return -1;
	bind_record(s, seq, f);
	if (run(st, s, err, "insert the record") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)
		return 0;
	if (apply_entity_seen(st, sh, seq, f, err) != 0)
		return -1;
	return 1;
}

static int
apply_history(struct cs_store *st, int sh, const char *id, long seq,
    const char *action, struct cs_error *err)
{
	sqlite3_stmt *s = prep(st, sh, S_HIST, err);

	if (s == NULL)
		return -1;
	bind_text(s, 1, id);
	sqlite3_bind_int64(s, 2, seq);
	bind_text(s, 3, action);
	return run(st, s, err, "record the history");
}

/* Record id gets the version f, held by event seq. */
static int
apply_version(struct cs_store *st, int sh, long seq, const char *id,
    const struct cs_fields *f, struct cs_error *err)
{
	sqlite3_stmt *s = prep(st, sh, S_REC_UPDATE, err);

	if (s == NULL)
		return -1;
	bind_record(s, seq, f);
	bind_text(s, 2, id);
	if (run(st, s, err, "update the record") != 0)
		return -1;
	return apply_entity_seen(st, sh, seq, f, err);
}

static int
apply_entity(struct cs_store *st, int sh, long seq,
    const struct cs_fields *ef, struct cs_error *err)
{
	sqlite3_stmt *s = prep(st, sh, S_ENT_REGISTER, err);
	int i;

	if (s == NULL)
		return -1;
	for (i = 0; i < E_NCOLS; i++)
		bind_text(s, i + 1, ef->v[i]);
	sqlite3_bind_int64(s, 10, seq);
	return run(st, s, err, "register the entity");
}

static int
apply_object(struct cs_store *st, int sh, long seq, const char *id,
    const char *uscc, const char *filed_on, const char *answer_by,
    struct cs_error *err)
{
	sqlite3_stmt *s = prep(st, sh, S_OBJ_INSERT, err);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, seq);
	bind_text(s, 2, id);
	bind_text(s, 3, uscc);
	bind_text(s, 4, filed_on);
	bind_text(s, 5, answer_by);
	if (run(st, s, err, "insert the objection") != 0)
		return -1;
	return apply_history(st, sh, id, seq, "object", err);
}

static int
apply_resolve(struct cs_store *st, int sh, long seq, long objection_id,
    const char *id, const char *outcome, const char *resolved_on,
    int revoke, const struct cs_fields *newf, struct cs_error *err)
{
	sqlite3_stmt *s = prep(st, sh, S_OBJ_RESOLVE, err);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, objection_id);
	bind_text(s, 2, outcome);
	bind_text(s, 3, resolved_on);
	sqlite3_bind_int64(s, 4, seq);
	if (run(st, s, err, "resolve the objection") != 0)
		return -1;
	if (revoke) {
		s = prep(st, sh, S_REC_REVOKE, err);
		if (s == NULL)
			return -1;
		bind_text(s, 1, id);
		if (run(st, s, err, "revoke the record") != 0)
			return -1;
	}
	if (newf != NULL && apply_version(st, sh, seq, id, newf, err) != 0)
		return -1;
	return apply_history(st, sh, id, seq, "resolve", err);
}

static const char *jstr(const json_t *o, const char *key);

static int
apply_class(struct cs_store *st, int sh, long seq, const json_t *j,
    struct cs_error *err)
{
	sqlite3_stmt *s = prep(st, sh, S_CLASS_INSERT, err);

	if (s == NULL)
		return -1;
	bind_text(s, 1, jstr(j, "uscc"));
	bind_text(s, 2, jstr(j, "as_of"));
	bind_text(s, 3, jstr(j, "class"));
	bind_text(s, 4, jstr(j, "score"));
	bind_text(s, 5, jstr(j, "model"));
	bind_text(s, 6, jstr(j, "reason"));
	sqlite3_bind_int64(s, 7, seq);
	return run(st, s, err, "save a class");
}

/*
 * A draw event of cs-sample: the draw (created, or its escalations and
 * target count updated) and the targets this round added.  Returns 1
 * when the body has not the shape of a draw.
 */
static int
apply_draw(struct cs_store *st, int sh, long seq, const json_t *j,
    struct cs_error *err)
{
	const json_t *picks = json_object_get(j, "picks");
	const json_t *esc = json_object_get(j, "escalations");
	const char *id = jstr(j, "draw_id"), *on = jstr(j, "as_of");
	sqlite3_stmt *s;
	struct cs_buf list;
	const json_t *p, *v;
	size_t i, k;
	int rc;

	if (id == NULL || on == NULL || jstr(j, "plan") == NULL ||
	    jstr(j, "period") == NULL || jstr(j, "seed") == NULL ||
	    jstr(j, "frame_hash") == NULL || !json_is_array(picks) ||
	    (esc != NULL && !json_is_array(esc)))
		return 1;
	json_array_foreach(picks, i, p)
		if (jstr(p, "uscc") == NULL || jstr(p, "class") == NULL ||
		    jstr(p, "ticket") == NULL ||
		    !json_is_integer(json_object_get(p, "rank")) ||
		    !json_is_integer(json_object_get(p, "round")))
			return 1;
	s = prep(st, sh, S_DRAW_UPSERT, err);
	if (s == NULL)
		return -1;
	cs_buf_init(&list);
	json_array_foreach(esc, k, v)
		cs_buf_addf(&list, "%s%lld", k ? "," : "",
		    (long long)json_integer_value(v));
	bind_text(s, 1, id);
	bind_text(s, 2, jstr(j, "plan"));
	bind_text(s, 3, jstr(j, "period"));
	bind_text(s, 4, jstr(j, "seed"));
	bind_text(s, 5, jstr(j, "frame_hash"));
	bind_text(s, 6, jstr(j, "inspectors_hash"));
	bind_text(s, 7, jstr(j, "conflicts_hash"));
	sqlite3_bind_text(s, 8, list.s, (int)list.len, SQLITE_TRANSIENT);
	bind_text(s, 9, on);
	sqlite3_bind_int64(s, 10, (sqlite3_int64)json_array_size(picks));
	sqlite3_bind_int64(s, 11, seq);
	cs_buf_release(&list);
	if (run(st, s, err, "record the draw") != 0)
		return -1;
	s = prep(st, sh, S_PICK_INSERT, err);
	if (s == NULL)
		return -1;
	json_array_foreach(picks, i, p) {
		const json_t *ins = json_object_get(p, "inspectors");

		cs_buf_init(&list);
		json_array_foreach(ins, k, v) {
			if (k > 0)
				cs_buf_addc(&list, ' ');
			if (json_is_string(v))
				cs_buf_adds(&list, json_string_value(v));
		}
		bind_text(s, 1, id);
		bind_text(s, 2, jstr(p, "uscc"));
		bind_text(s, 3, jstr(p, "class"));
		sqlite3_bind_int64(s, 4, json_integer_value(json_object_get(p,
		    "rank")));
		sqlite3_bind_int64(s, 5, json_integer_value(json_object_get(p,
		    "round")));
		bind_text(s, 6, jstr(p, "ticket"));
		if (list.len > 0)
			sqlite3_bind_text(s, 7, list.s, (int)list.len,
			    SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(s, 7);
		bind_text(s, 8, jstr(p, "unassigned"));
		bind_text(s, 9, on);
		sqlite3_bind_int64(s, 10, seq);
		cs_buf_release(&list);
		rc = run(st, s, err, "record a drawn target");
		if (rc != 0)
			return -1;
	}
	return 0;
}

/*
 * A step of a list entry (cs-blacklist): "notice" creates the entry with
 * its bases; the others move it to the state of the table below.  The
 * body gives entry_id and the day "on", and for a decision "until"
 * (null: permanent), for a removal or withdrawal "end".  Returns 0, 1
 * when the body has another shape, -1 with err.
 */
static int
apply_list(struct cs_store *st, int sh, long seq, const char *step,
    const json_t *j, struct cs_error *err)
{
	static const struct {
		const char *step, *state;
	} next[] = {
		{ "object", "objected" }, { "uphold", "withdrawn" },
		{ "dismiss", "dismissed" }, { "decide", "listed" },
		{ "remove", "removed" }, { "withdraw", "withdrawn" },
	};
	const json_t *basis, *id = json_object_get(j, "entry_id");
	const char *on = jstr(j, "on"), *state = NULL, *end = NULL;
	sqlite3_stmt *s;
	long entry = seq;
	size_t i;

	if (strcmp(step, "notice") == 0) {
		basis = json_object_get(j, "basis");
		on = jstr(j, "noticed_on");
		if (jstr(j, "uscc") == NULL || jstr(j, "list") == NULL ||
		    on == NULL || jstr(j, "deadline") == NULL ||
		    !json_is_array(basis))
			return 1;
		state = "noticed";
		s = prep(st, sh, S_LIST_NOTICE, err);
		if (s == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, seq);
		bind_text(s, 2, jstr(j, "uscc"));
		bind_text(s, 3, jstr(j, "list"));
		bind_text(s, 4, jstr(j, "name"));
		bind_text(s, 5, on);
		bind_text(s, 6, jstr(j, "deadline"));
		if (run(st, s, err, "insert the list entry") != 0)
			return -1;
		for (i = 0; i < json_array_size(basis); i++) {
			const char *r = json_string_value(json_array_get(basis,
			    i));

			if (r == NULL)
				return 1;
			s = prep(st, sh, S_LIST_BASIS, err);
			if (s == NULL)
				return -1;
			bind_text(s, 1, r);
			sqlite3_bind_int64(s, 2, seq);
			if (run(st, s, err, "record the basis") != 0)
				return -1;
		}
	} else {
		for (i = 0; i < sizeof(next) / sizeof(next[0]); i++)
			if (strcmp(next[i].step, step) == 0)
				state = next[i].state;
		if (state == NULL)
			return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "ledger "
			    "seq %ld: unknown list step '%s'", seq, step);
		if (!json_is_integer(id) || on == NULL)
			return 1;
		entry = (long)json_integer_value(id);
		if (strcmp(step, "uphold") == 0)
			end = "upheld";
		else if (strcmp(step, "remove") == 0 ||
		    strcmp(step, "withdraw") == 0)
			end = jstr(j, "end");
		if ((strcmp(step, "remove") == 0 || strcmp(step,
		    "withdraw") == 0) && end == NULL)
			return 1;
		s = prep(st, sh, S_LIST_UPDATE, err);
		if (s == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, entry);
		bind_text(s, 2, state);
		bind_text(s, 3, on);
		sqlite3_bind_int64(s, 4, seq);
		bind_text(s, 5, strcmp(step, "object") == 0 ? on : NULL);
		bind_text(s, 6, strcmp(step, "decide") == 0 ? on : NULL);
		bind_text(s, 7, jstr(j, "until"));
		bind_text(s, 8, end != NULL ? on : NULL);
		bind_text(s, 9, end);
		if (run(st, s, err, "update the list entry") != 0)
			return -1;
		if (sqlite3_changes(st->db) != 1)
			return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "ledger "
			    "seq %ld: no list entry %ld", seq, entry);
	}
	s = prep(st, sh, S_LIST_STEP, err);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, entry);
	sqlite3_bind_int64(s, 2, seq);
	bind_text(s, 3, step);
	bind_text(s, 4, state);
	bind_text(s, 5, on);
	return run(st, s, err, "record the list step");
}

/* The record object of a body: the body of an add, else body.record. */
static const json_t *
body_record(const char *action, const json_t *body)
{
	if (strcmp(action, "add") == 0)
		return body;
	return json_object_get(body, "record");
}

static const char *
jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/*
 * Apply an event given as its ledger body: the replay path, and the path
 * of every event but the bulk "add".
 */
static int
apply_event(struct cs_store *st, int sh, long seq, const char *action,
    const char *body, struct cs_fields *f, struct cs_error *err)
{
	json_error_t je;
	json_t *j = json_loads(body, 0, &je);
	const json_t *rec;
	int rc = -1;

	if (j == NULL)
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "ledger seq "
		    "%ld: body is not JSON: %s", seq, je.text);
	if (strcmp(action, "init") == 0 || strcmp(action, "migrate") == 0) {
		rc = 0;
	} else if (strcmp(action, "add") == 0) {
		f->sc = &cs_record_schema;
		if (cs_fields_from_json(f, j) != 0 || f->v[R_ID] == NULL)
			goto shape;
		rc = apply_add(st, sh, seq, f, err);
		if (rc == 0)
			rc = cs_error_set(err, CS_EX_DATAERR, NULL, 0, "ledger seq "
			    "%ld adds record '%s', which an earlier event added",
			    seq, f->v[R_ID]);
		else if (rc == 1)
			rc = 0;
	} else if (strcmp(action, "correct") == 0) {
		f->sc = &cs_record_schema;
		rec = json_object_get(j, "record");
		if (jstr(j, "id") == NULL || cs_fields_from_json(f, rec) != 0)
			goto shape;
		rc = apply_version(st, sh, seq, jstr(j, "id"), f, err);
		if (rc == 0)
			rc = apply_history(st, sh, jstr(j, "id"), seq,
			    "correct", err);
	} else if (strcmp(action, "entity") == 0) {
		f->sc = &cs_entity_schema;
		if (cs_fields_from_json(f, j) != 0)
			goto shape;
		rc = apply_entity(st, sh, seq, f, err);
	} else if (strcmp(action, "object") == 0) {
		if (jstr(j, "id") == NULL || jstr(j, "uscc") == NULL ||
		    jstr(j, "filed_on") == NULL || jstr(j, "answer_by") == NULL)
			goto shape;
		rc = apply_object(st, sh, seq, jstr(j, "id"), jstr(j, "uscc"),
		    jstr(j, "filed_on"), jstr(j, "answer_by"), err);
	} else if (strcmp(action, "resolve") == 0) {
		json_t *oid = json_object_get(j, "objection_id");
		int revoke = json_is_true(json_object_get(j, "revoke"));
		struct cs_fields *nf = NULL;

		rec = json_object_get(j, "record");
		if (!json_is_integer(oid) || jstr(j, "id") == NULL ||
		    jstr(j, "outcome") == NULL)
			goto shape;
		if (rec != NULL) {
			f->sc = &cs_record_schema;
			if (cs_fields_from_json(f, rec) != 0)
				goto shape;
			nf = f;
		}
		rc = apply_resolve(st, sh, seq, (long)json_integer_value(oid),
		    jstr(j, "id"), jstr(j, "outcome"), jstr(j, "resolved_on"),
		    revoke, nf, err);
	} else if (strncmp(action, "list_", 5) == 0) {
		rc = apply_list(st, sh, seq, action + 5, j, err);
		if (rc == 1)
			goto shape;
	} else if (strcmp(action, "unmask") == 0) {
		rc = 0;			/* a disclosure: no derived state */
	} else if (strcmp(action, "class") == 0) {
		if (jstr(j, "uscc") == NULL || jstr(j, "as_of") == NULL ||
		    jstr(j, "class") == NULL)
			goto shape;
		rc = apply_class(st, sh, seq, j, err);
	} else if (strcmp(action, "draw") == 0) {
		rc = apply_draw(st, sh, seq, j, err);
		if (rc == 1)
			goto shape;
	} else {
		cs_error_set(err, CS_EX_DATAERR, NULL, 0, "ledger seq %ld: "
		    "unknown action '%s'", seq, action);
	}
	json_decref(j);
	return rc;
shape:
	json_decref(j);
	return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "ledger seq %ld: "
	    "the body of this '%s' event has an unexpected shape", seq,
	    action);
}

/* Append an event and apply it through apply_event. */
static int
append_apply(struct cs_store *st, const char *action, const char *subject,
    const char *body, size_t blen, long *seqp, struct cs_error *err)
{
	struct cs_fields f;
	int rc;

	if (append(st, action, subject, body, blen, seqp, err) != 0)
		return -1;
	cs_fields_init(&f, &cs_record_schema);
	rc = apply_event(st, 0, *seqp, action, body, &f, err);
	cs_fields_release(&f);
	return rc;
}

/* Create the derived tables added after schema version from. */
static int
create_derived(struct cs_store *st, int sh, int from, struct cs_error *err)
{
	size_t i;

	for (i = 0; i < sizeof(derived_ddl) / sizeof(derived_ddl[0]); i++)
		if (derived_ddl[i].since > from &&
		    exec_in(st, sh, derived_ddl[i].sql, err) != 0)
			return -1;
	return 0;
}

int
cs_store_init(const char *path, const char *operator, const char *tool,
    int *from, struct cs_error *err)
{
	struct cs_store *st = store_new();
	struct stat sb;
	char body[64];
	long seq;
	int fd, version = 0, app = 0, rc = -1, fresh = 0;

	*from = 0;
	if (stat(path, &sb) != 0) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST) {
			cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "cannot "
			    "create store '%s': %s", path, strerror(errno));
			store_free(st);
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
	if (connect(st, path, 0, err) != 0) {
		if (err->code != CS_EX_TEMPFAIL && st->db != NULL)
			cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "'%s' is "
			    "not a cs store (%s); choose another --db", path,
			    sqlite3_errmsg(st->db));
		goto out;
	}
	st->operator = operator;
	st->tool = tool;
	if (pragma_int(st, "PRAGMA user_version", &version, err) != 0 ||
	    pragma_int(st, "PRAGMA application_id", &app, err) != 0)
		goto out;
	*from = version;
	if (version > CS_STORE_SCHEMA) {
		cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "store '%s' has "
		    "schema %d, newer than this cs (schema %d): upgrade cs",
		    path, version, CS_STORE_SCHEMA);
		goto out;
	}
	if (version == CS_STORE_SCHEMA) {
		rc = 0;
		goto out;
	}
	if (version == 0 && app == APP_ID) {
		cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "store '%s' has no "
		    "schema version: it is damaged; restore it from a copy",
		    path);
		goto out;
	}
	if (version == 0 && !fresh && app != APP_ID && sb.st_size > 0) {
		int n = 0;

		if (pragma_int(st, "SELECT count(*) FROM sqlite_master", &n,
		    err) != 0)
			goto out;
		if (n > 0) {
			cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "'%s' is "
			    "an SQLite database but not a cs store; choose "
			    "another --db", path);
			goto out;
		}
	}
	/* 8 KiB pages: fewer, fuller B-tree pages for ledger events. */
	if (fresh && exec(st, "PRAGMA page_size = 8192", err) != 0)
		goto out;
	if (exec(st, "PRAGMA journal_mode = WAL", err) != 0)
		goto out;
	if (exec(st, "BEGIN IMMEDIATE", err) != 0)
		goto out;
	st->in_tx = 1;
	/*
	 * A new store gets the whole schema and an "init" event; an older
	 * one the tables added since its version and a "migrate" event.
	 */
	if (version == 0 && exec(st, ledger_ddl, err) != 0)
		goto rollback;
	if (create_derived(st, 0, version, err) != 0 || load_head(st, err) != 0)
		goto rollback;
	if (version == 0)
		snprintf(body, sizeof(body), "{\"schema\":%d}",
		    CS_STORE_SCHEMA);
	else
		snprintf(body, sizeof(body), "{\"from\":%d,\"schema\":%d}",
		    version, CS_STORE_SCHEMA);
	if (append(st, version == 0 ? "init" : "migrate", "store", body,
	    strlen(body), &seq, err) != 0)
		goto rollback;
	snprintf(body, sizeof(body), "PRAGMA user_version = %d",
	    CS_STORE_SCHEMA);
	if (exec(st, body, err) != 0)
		goto rollback;
	snprintf(body, sizeof(body), "PRAGMA application_id = %d", APP_ID);
	if (exec(st, body, err) != 0)
		goto rollback;
	if (cs_store_commit(st, err) != 0)
		goto out;
	rc = 0;
	goto out;
rollback:
	cs_store_rollback(st);
out:
	store_free(st);
	return rc;
}

int
cs_store_open(struct cs_store **sp, const char *path, struct cs_error *err)
{
	struct cs_store *st;
	struct stat sb;
	int version = 0, app = 0;

	*sp = NULL;
	if (stat(path, &sb) != 0)
		return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "store "
		    "'%s' does not exist; create it with 'cs-record init'",
		    path);
	st = store_new();
	if (connect(st, path, 0, err) != 0) {
		if (err->code != CS_EX_TEMPFAIL && st->db != NULL)
			cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "'%s' is "
			    "not a cs store (%s)", path,
			    sqlite3_errmsg(st->db));
		goto fail;
	}
	if (pragma_int(st, "PRAGMA user_version", &version, err) != 0 ||
	    pragma_int(st, "PRAGMA application_id", &app, err) != 0) {
		if (err->code != CS_EX_TEMPFAIL)
			cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "'%s' is "
			    "not a cs store (%s)", path,
			    sqlite3_errmsg(st->db));
		goto fail;
	}
	if (app != APP_ID && sb.st_size == 0) {
		cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "store '%s' is "
		    "an empty file; create the store with 'cs-record init'",
		    path);
		goto fail;
	}
	if (app != APP_ID) {
		cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "'%s' is an SQLite "
		    "database but not a cs store; choose another --db", path);
		goto fail;
	}
	if (version == 0) {
		cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "store '%s' has no "
		    "schema version: it is damaged; restore it from a copy",
		    path);
		goto fail;
	}
	if (version < CS_STORE_SCHEMA) {
		cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "store '%s' has "
		    "schema %d, this cs needs %d: run 'cs-record init' to "
		    "migrate it", path, version, CS_STORE_SCHEMA);
		goto fail;
	}
	if (version > CS_STORE_SCHEMA) {
		cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "store '%s' has "
		    "schema %d, newer than this cs (schema %d): upgrade cs",
		    path, version, CS_STORE_SCHEMA);
		goto fail;
	}
	*sp = st;
	return 0;
fail:
	store_free(st);
	return -1;
}

void
cs_store_close(struct cs_store *st)
{
	if (st == NULL)
		return;
	if (st->in_tx)
		cs_store_rollback(st);
	store_free(st);
}

int
cs_store_begin(struct cs_store *st, struct cs_error *err)
{
	if (exec(st, "BEGIN IMMEDIATE", err) != 0)
		return -1;
	st->in_tx = 1;
	if (load_head(st, err) != 0) {
		cs_store_rollback(st);
		return -1;
	}
	/*
	 * A bulk load that died before its end left the records without
	 * their index by USCC: the next writer builds it again.
	 */
	if (!st->indexed && !st->bulk) {
		if (exec_in(st, 0, "CREATE INDEX IF NOT EXISTS @.records_uscc "
		    "ON records(uscc, decided_on)", err) != 0) {
			cs_store_rollback(st);
			return -1;
		}
		st->indexed = 1;
	}
	return 0;
}

int
cs_store_commit(struct cs_store *st, struct cs_error *err)
{
	if (exec(st, "COMMIT", err) != 0) {
		cs_store_rollback(st);
		return -1;
	}
	st->in_tx = 0;
	return 0;
}

void
cs_store_rollback(struct cs_store *st)
{
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = 0;
	/* Names cached during the lost transaction may not be stored. */
	cs_strmap_clear(&st->extra_seen[0]);
	if (st->named[0] != NULL)
		memset(st->named[0], 0, NAMED_SLOTS * sizeof(*st->named[0]));
}

int
cs_store_bulk_begin(struct cs_store *st, struct cs_error *err)
{
	sqlite3_stmt *s = prep(st, 0, S_REC_ANY, err);
	int any;

	if (s == NULL)
		return -1;
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return dberr(st, err, "count the records");
	}
	any = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	if (any)
		return 0;
	if (exec(st, "DROP INDEX IF EXISTS records_uscc", err) != 0)
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
	 * The index is built by a sort that may take as much memory as the
	 * page cache; a smaller cache for that time keeps the peak memory
	 * flat (the sort spills to temporary files instead).
	 */
	if (exec(st, "PRAGMA cache_size = -8192", err) != 0)
		return -1;
	rc = exec_in(st, 0, "CREATE INDEX IF NOT EXISTS @.records_uscc ON "
	    "records(uscc, decided_on)", err);
	st->indexed = rc == 0;
	if (exec(st, "PRAGMA cache_size = -24576", err) != 0)
		return -1;
	return rc;
}

int
cs_store_record_info(struct cs_store *st, const char *id,
    struct cs_recinfo *ri, struct cs_error *err)
{
	sqlite3_stmt *s = prep(st, 0, S_REC_INFO, err);
	int rc;

	if (s == NULL)
		return -1;
	bind_text(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		ri->rid = sqlite3_column_int64(s, 0);
		ri->seq = sqlite3_column_int64(s, 1);
		copy_col(s, 2, ri->type, sizeof(ri->type));
		copy_col(s, 3, ri->uscc, sizeof(ri->uscc));
		ri->revoked = strcmp((const char *)sqlite3_column_text(s, 4),
		    "revoked") == 0;
		ri->objection = sqlite3_column_int64(s, 5);
		copy_col(s, 6, ri->decided_on, sizeof(ri->decided_on));
		sqlite3_reset(s);
		return 1;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 0;
	return dberr(st, err, "look up the record");
}

/* The columns seq, at, operator, tool, action, subject, body (borrowed). */
static void
read_event(sqlite3_stmt *s, struct cs_event *ev)
{
	ev->seq = sqlite3_column_int64(s, 0);
	ev->at = (const char *)sqlite3_column_text(s, 1);
	ev->operator = (const char *)sqlite3_column_text(s, 2);
	ev->tool = (const char *)sqlite3_column_text(s, 3);
	ev->action = (const char *)sqlite3_column_text(s, 4);
	ev->subject = (const char *)sqlite3_column_text(s, 5);
	ev->body = (const char *)sqlite3_column_text(s, 6);
}

int
cs_store_event(struct cs_store *st, long seq, struct cs_event *ev,
    struct cs_error *err)
{
	sqlite3_stmt *s = prep(st, 0, S_EVENT, err);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, seq);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(s);
		return 0;
	}
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		return dberr(st, err, "read the ledger");
	}
	/* Borrowed until the statement is reset by the next call. */
	read_event(s, ev);
	return 1;
}

int
cs_store_record_version(struct cs_store *st, long seq, struct cs_fields *f,
    struct cs_error *err)
{
	struct cs_event ev;
	json_t *j;
	int rc;

	rc = cs_store_event(st, seq, &ev, err);
	if (rc <= 0)
		return rc < 0 ? -1 : cs_error_set(err, CS_EX_SOFTWARE, NULL, 0,
		    "store '%s': ledger seq %ld is missing", st->path, seq);
	j = json_loads(ev.body, 0, NULL);
	f->sc = &cs_record_schema;
	rc = j ? cs_fields_from_json(f, body_record(ev.action, j)) : -1;
	json_decref(j);
	if (rc != 0)
		return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "store "
		    "'%s': ledger seq %ld does not hold a record; run "
		    "'cs-record verify'", st->path, seq);
	return 0;
}

int
cs_store_add_record(struct cs_store *st, const struct cs_fields *f,
    const char *body, size_t blen, long *seq, struct cs_error *err)
{
	int rc;

	/*
	 * The records row first: its unique id tells in one step whether the
	 * record is new.  The event gets the seq reserved for it, in the
	 * same transaction.
	 */
	rc = apply_add(st, 0, st->last_seq + 1, f, err);
	if (rc <= 0)
		return rc;
	if (append(st, "add", f->v[R_USCC], body, blen, seq, err) != 0)
		return -1;
	return 1;
}

/* The start of correct and resolve bodies: "changes" (if any) and "id". */
static void
version_body(struct cs_buf *b, const char *changes, const char *id)
{
	if (changes != NULL) {
		cs_buf_adds(b, "\"changes\":");
		cs_buf_adds(b, changes);
		cs_buf_addc(b, ',');
	}
	cs_buf_adds(b, "\"id\":");
	cs_buf_add_json_str(b, id, strlen(id));
}

int
cs_store_correct(struct cs_store *st, const char *id,
    const struct cs_fields *newf, const char *changes, const char *reason,
    long *seq, struct cs_error *err)
{
	struct cs_buf *b = &st->tmp;

	cs_buf_reset(b);
	cs_buf_addc(b, '{');
	version_body(b, changes, id);
	cs_buf_adds(b, ",\"reason\":");
	cs_buf_add_json_str(b, reason, strlen(reason));
	cs_buf_adds(b, ",\"record\":");
	cs_fields_json(newf, b, -1);
	cs_buf_addc(b, '}');
	return append_apply(st, "correct", newf->v[R_USCC], b->s, b->len, seq,
	    err);
}

int
cs_store_object(struct cs_store *st, const char *id, const char *uscc,
    const char *filed_on, const char *answer_by, const char *reason,
    long *objection_id, struct cs_error *err)
{
	struct cs_buf *b = &st->tmp;

	cs_buf_reset(b);
	cs_buf_adds(b, "{\"answer_by\":");
	cs_buf_add_json_str(b, answer_by, strlen(answer_by));
	cs_buf_adds(b, ",\"filed_on\":");
	cs_buf_add_json_str(b, filed_on, strlen(filed_on));
	cs_buf_adds(b, ",\"id\":");
	cs_buf_add_json_str(b, id, strlen(id));
	cs_buf_adds(b, ",\"reason\":");
	cs_buf_add_json_str(b, reason, strlen(reason));
	cs_buf_adds(b, ",\"uscc\":");
	cs_buf_add_json_str(b, uscc, strlen(uscc));
	cs_buf_addc(b, '}');
	return append_apply(st, "object", uscc, b->s, b->len, objection_id,
	    err);
}

int
cs_store_resolve(struct cs_store *st, long objection_id, const char *id,
    const char *uscc, const char *outcome, const char *resolved_on,
    const char *reason, int revoke, const struct cs_fields *newf,
    const char *changes, long *seq, struct cs_error *err)
{
	struct cs_buf *b = &st->tmp;

	cs_buf_reset(b);
	cs_buf_addc(b, '{');
	version_body(b, newf ? changes : NULL, id);
	cs_buf_addf(b, ",\"objection_id\":%ld,\"outcome\":", objection_id);
	cs_buf_add_json_str(b, outcome, strlen(outcome));
	cs_buf_adds(b, ",\"reason\":");
	cs_buf_add_json_str(b, reason, strlen(reason));
	if (newf != NULL) {
		cs_buf_adds(b, ",\"record\":");
		cs_fields_json(newf, b, -1);
	}
	cs_buf_adds(b, ",\"resolved_on\":");
	cs_buf_add_json_str(b, resolved_on, strlen(resolved_on));
	if (revoke)
		cs_buf_adds(b, ",\"revoke\":true");
	cs_buf_addc(b, '}');
	return append_apply(st, "resolve", newf ? newf->v[R_USCC] : uscc,
	    b->s, b->len, seq, err);
}

int
cs_store_add_entity(struct cs_store *st, const struct cs_fields *ef,
    const char *body, size_t blen, long *seq, struct cs_error *err)
{
	if (append(st, "entity", ef->v[E_USCC], body, blen, seq, err) != 0)
		return -1;
	return apply_entity(st, 0, *seq, ef, err);
}

int
cs_store_entity(struct cs_store *st, const char *uscc, struct cs_fields *ef,
    long *regseq, struct cs_error *err)
{
	sqlite3_stmt *s = prep(st, 0, S_ENTITY, err);
	struct cs_event ev;
	json_t *j;
	int rc, i;

	if (s == NULL)
		return -1;
	bind_text(s, 1, uscc);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(s);
		return 0;
	}
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		return dberr(st, err, "look up the entity");
	}
	*regseq = sqlite3_column_int64(s, 9);
	ef->sc = &cs_entity_schema;
	cs_fields_clear(ef);
	for (i = 0; i < E_NCOLS; i++) {
		const char *v = (const char *)sqlite3_column_text(s, i);

		if (v != NULL)
			cs_fields_put(ef, i, v, strlen(v));
	}
	sqlite3_reset(s);
	if (*regseq > 0) {
		/* The register event also holds the extra columns. */
		rc = cs_store_event(st, *regseq, &ev, err);
		if (rc < 0)
			return -1;
		j = rc ? json_loads(ev.body, 0, NULL) : NULL;
		if (j == NULL || cs_fields_from_json(ef, j) != 0) {
			json_decref(j);
			return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0,
			    "store '%s': ledger seq %ld does not hold an "
			    "entity; run 'cs-record verify'", st->path,
			    *regseq);
		}
		json_decref(j);
	}
	return 1;
}

static void
read_objection(sqlite3_stmt *s, struct cs_objection *o)
{
	o->objection_id = sqlite3_column_int64(s, 0);
	copy_col(s, 1, o->id, sizeof(o->id));
	copy_col(s, 2, o->uscc, sizeof(o->uscc));
	copy_col(s, 3, o->filed_on, sizeof(o->filed_on));
	copy_col(s, 4, o->answer_by, sizeof(o->answer_by));
	copy_col(s, 5, o->state, sizeof(o->state));
	copy_col(s, 6, o->outcome, sizeof(o->outcome));
	copy_col(s, 7, o->resolved_on, sizeof(o->resolved_on));
	o->seq = sqlite3_column_int64(s, 8);
	o->reason = NULL;
}

int
cs_store_objection(struct cs_store *st, long objection_id,
    struct cs_objection *o, struct cs_error *err)
{
	sqlite3_stmt *s = prep(st, 0, S_OBJ_GET, err);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, objection_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		read_objection(s, o);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return dberr(st, err, "look up the objection");
}

static int
iter_new(struct cs_store *st, const char *sql, int kind,
    struct cs_store_iter **it, struct cs_error *err)
{
	struct cs_store_iter *i = cs_xcalloc(1, sizeof(*i));

	i->st = st;
	i->kind = kind;
	if (sqlite3_prepare_v2(st->db, sql, -1, &i->q, NULL) != SQLITE_OK) {
		free(i);
		*it = NULL;
		return dberr(st, err, "prepare a query");
	}
	*it = i;
	return 0;
}

/* Step an iterator: 1 with a row, 0 at the end, -1 with err. */
static int
iter_step(struct cs_store_iter *it, const char *what, struct cs_error *err)
{
	int rc = sqlite3_step(it->q);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return dberr(it->st, err, what);
}


void
cs_store_iter_free(struct cs_store_iter *it)
{
	if (it == NULL)
		return;
	sqlite3_finalize(it->q);
	json_decref(it->body);
	free(it);
}

enum { IT_RECORDS, IT_OBJECTIONS, IT_COMMITMENTS, IT_EVENTS, IT_CLASSES,
    IT_SCORING, IT_ENTITIES, IT_DRAWS, IT_LENTRIES, IT_LISTED };

int
cs_store_iter_records(struct cs_store *st, const struct cs_record_filter *flt,
    struct cs_store_iter **it, struct cs_error *err)
{
	struct cs_buf sql;
	size_t i;
	int rc, n = 1;

	cs_buf_init(&sql);
	cs_buf_adds(&sql, "SELECT r.seq, r.rid, r.status, l.action, l.body,"
	    " EXISTS (SELECT 1 FROM objections o WHERE o.id = r.id AND"
	    " o.state = 'open') FROM records r JOIN ledger l ON"
	    " l.seq = r.seq WHERE r.seq > ?1");
	if (!flt->revoked)
		cs_buf_adds(&sql, " AND r.status = 'active'");
	if (flt->uscc != NULL)
		cs_buf_addf(&sql, " AND r.uscc = ?%d", ++n);
	if (flt->decided_from != NULL)
		cs_buf_addf(&sql, " AND r.decided_on >= ?%d", ++n);
	if (flt->decided_to != NULL)
		cs_buf_addf(&sql, " AND r.decided_on <= ?%d", ++n);
	if (flt->ntypes > 0) {
		cs_buf_adds(&sql, " AND r.type IN (");
		for (i = 0; i < flt->ntypes; i++)
			cs_buf_addf(&sql, "%s?%d", i ? ", " : "", ++n);
		cs_buf_addc(&sql, ')');
	}
	cs_buf_adds(&sql, flt->by_decision ? " ORDER BY r.decided_on, r.rid" :
	    " ORDER BY r.seq");
	rc = iter_new(st, sql.s, IT_RECORDS, it, err);
	cs_buf_release(&sql);
	if (rc != 0)
		return -1;
	n = 1;
	sqlite3_bind_int64((*it)->q, 1, flt->since_seq);
	if (flt->uscc != NULL)
		bind_copy((*it)->q, ++n, flt->uscc);
	if (flt->decided_from != NULL)
		bind_copy((*it)->q, ++n, flt->decided_from);
	if (flt->decided_to != NULL)
		bind_copy((*it)->q, ++n, flt->decided_to);
	for (i = 0; i < flt->ntypes; i++)
		bind_copy((*it)->q, ++n, flt->types[i]);
	return 0;
}

int
cs_store_next_record(struct cs_store_iter *it, struct cs_fields *f,
    struct cs_recmeta *m, struct cs_error *err)
{
	int rc = iter_step(it, "read the records", err);
	const char *action, *body;
	json_t *j;

	if (rc != 1)
		return rc;
	m->seq = sqlite3_column_int64(it->q, 0);
	m->rid = sqlite3_column_int64(it->q, 1);
	m->revoked = strcmp((const char *)sqlite3_column_text(it->q, 2),
	    "revoked") == 0;
	action = (const char *)sqlite3_column_text(it->q, 3);
	body = (const char *)sqlite3_column_text(it->q, 4);
	m->disputed = sqlite3_column_int(it->q, 5);
	j = json_loads(body, 0, NULL);
	f->sc = &cs_record_schema;
	rc = j ? cs_fields_from_json(f, body_record(action, j)) : -1;
	json_decref(j);
	if (rc != 0)
		return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "store "
		    "'%s': ledger seq %ld does not hold a record; run "
		    "'cs-record verify'", it->st->path, m->seq);
	return 1;
}

int
cs_store_iter_objections(struct cs_store *st, const char *state,
    const char *id, int overdue, const char *as_of,
    struct cs_store_iter **it, struct cs_error *err)
{
	if (iter_new(st, "SELECT o.objection_id, o.id, o.uscc, o.filed_on,"
	    " o.answer_by, o.state, o.outcome, o.resolved_on, o.seq, l.body"
	    " FROM objections o JOIN ledger l ON l.seq = o.objection_id"
	    " WHERE (?1 IS NULL OR o.state = ?1) AND (?2 IS NULL OR o.id = ?2)"
	    " AND (?3 IS NULL OR (o.state = 'open' AND o.answer_by < ?3))"
	    " ORDER BY o.objection_id", IT_OBJECTIONS, it, err) != 0)
		return -1;
	bind_copy((*it)->q, 1, state);
	bind_copy((*it)->q, 2, id);
	bind_copy((*it)->q, 3, overdue ? as_of : NULL);
	return 0;
}

int
cs_store_next_objection(struct cs_store_iter *it, struct cs_objection *o,
    struct cs_error *err)
{
	int rc = iter_step(it, "read the objections", err);

	if (rc != 1)
		return rc;
	read_objection(it->q, o);
	/* The reason is in the object event, read in the same query. */
	json_decref(it->body);
	it->body = json_loads((const char *)sqlite3_column_text(it->q, 9), 0,
	    NULL);
	o->reason = json_string_value(json_object_get(it->body, "reason"));
	if (o->reason == NULL)
		return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "store "
		    "'%s': ledger seq %ld does not hold an objection; run "
		    "'cs-record verify'", it->st->path, o->objection_id);
	return 1;
}

int
cs_store_iter_commitments(struct cs_store *st, const char *uscc,
    const char *as_of, struct cs_store_iter **it, struct cs_error *err)
{
	/*
	 * The first kept or broken record (by decision date) that refers to
	 * a commitment settles it; a later one changes nothing.
	 */
	if (iter_new(st, "SELECT c.id, c.uscc, c.decided_on, c.due_on, c.seq,"
	    " k.type, k.id, k.decided_on, l.action, l.body, e.name"
	    " FROM records c JOIN ledger l ON l.seq = c.seq"
	    " LEFT JOIN entities e ON e.uscc = c.uscc"
	    " LEFT JOIN records k ON k.rid = (SELECT k2.rid FROM records k2"
	    " WHERE k2.ref = c.id AND k2.type IN (?3, ?4)"
	    " AND k2.status = 'active' AND k2.decided_on <= ?2"
	    " ORDER BY k2.decided_on, k2.rid LIMIT 1)"
	    " WHERE c.type = ?5 AND c.status = 'active'"
	    " AND c.decided_on <= ?2 AND (?1 IS NULL OR c.uscc = ?1)"
	    " ORDER BY c.uscc, c.decided_on, c.rid", IT_COMMITMENTS, it,
	    err) != 0)
		return -1;
	bind_copy((*it)->q, 1, uscc);
	bind_copy((*it)->q, 2, as_of);
	snprintf((*it)->as_of, sizeof((*it)->as_of), "%s", as_of);
	bind_text((*it)->q, 3, "commitment_kept");
	bind_text((*it)->q, 4, "commitment_broken");
	bind_text((*it)->q, 5, "commitment");
	return 0;
}

int
cs_store_next_commitment(struct cs_store_iter *it, struct cs_commitment *c,
    struct cs_error *err)
{
	int rc = iter_step(it, "read the commitments", err);
	const json_t *rec;
	const char *kt;

	if (rc != 1)
		return rc;
	copy_col(it->q, 0, c->id, sizeof(c->id));
	copy_col(it->q, 1, c->uscc, sizeof(c->uscc));
	copy_col(it->q, 2, c->decided_on, sizeof(c->decided_on));
	copy_col(it->q, 3, c->due_on, sizeof(c->due_on));
	c->seq = sqlite3_column_int64(it->q, 4);
	kt = (const char *)sqlite3_column_text(it->q, 5);
	copy_col(it->q, 6, c->settled_by, sizeof(c->settled_by));
	copy_col(it->q, 7, c->settled_on, sizeof(c->settled_on));
	if (kt != NULL && strcmp(kt, "commitment_kept") == 0)
		snprintf(c->state, sizeof(c->state), "kept");
	else if (kt != NULL)
		snprintf(c->state, sizeof(c->state), "broken");
	else
		snprintf(c->state, sizeof(c->state), "%s",
		    strcmp(c->due_on, it->as_of) < 0 ? "overdue" : "open");
	/* Content and name from the version's event, in the same query. */
	json_decref(it->body);
	it->body = json_loads((const char *)sqlite3_column_text(it->q, 9), 0,
	    NULL);
	rec = body_record((const char *)sqlite3_column_text(it->q, 8),
	    it->body);
	c->content = json_string_value(json_object_get(rec, "content"));
	c->name = json_string_value(json_object_get(rec, "name"));
	if (c->name == NULL)
		c->name = (const char *)sqlite3_column_text(it->q, 10);
	return 1;
}

int
cs_store_iter_history(struct cs_store *st, const char *id,
    struct cs_store_iter **it, struct cs_error *err)
{
	if (iter_new(st, "SELECT l.seq, l.at, l.operator, l.tool, l.action,"
	    " l.subject, l.body FROM history h JOIN ledger l ON l.seq = h.seq"
	    " WHERE h.id = ?1 ORDER BY h.seq", IT_EVENTS, it, err) != 0)
		return -1;
	sqlite3_bind_text((*it)->q, 1, id, -1, SQLITE_TRANSIENT);
	return 0;
}

int
cs_store_next_event(struct cs_store_iter *it, struct cs_event *ev,
    struct cs_error *err)
{
	int rc = iter_step(it, "read the ledger", err);

	if (rc == 1)
		read_event(it->q, ev);
	return rc;
}

int
cs_store_save_class(struct cs_store *st, const struct cs_class *c, long *seq,
    struct cs_error *err)
{
	sqlite3_stmt *s = prep(st, 0, S_CLASS_SAME, err);
	struct cs_buf *b = &st->tmp;
	int rc;

	if (s == NULL)
		return -1;
	bind_text(s, 1, c->uscc);
	bind_text(s, 2, c->as_of);
	bind_text(s, 3, c->cls);
	bind_text(s, 4, c->score);
	bind_text(s, 5, c->model);
	bind_text(s, 6, c->reason);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && sqlite3_column_int(s, 0) == 1) {
		sqlite3_reset(s);
		return 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dberr(st, err, "look up a saved class");
	cs_buf_reset(b);
	cs_buf_adds(b, "{\"as_of\":");
	cs_buf_add_json_str(b, c->as_of, strlen(c->as_of));
	cs_buf_adds(b, ",\"class\":");
	cs_buf_add_json_str(b, c->cls, strlen(c->cls));
	if (c->model != NULL) {
		cs_buf_adds(b, ",\"model\":");
		cs_buf_add_json_str(b, c->model, strlen(c->model));
	}
	if (c->reason != NULL) {
		cs_buf_adds(b, ",\"reason\":");
		cs_buf_add_json_str(b, c->reason, strlen(c->reason));
	}
	if (c->score != NULL) {
		cs_buf_adds(b, ",\"score\":");
		cs_buf_add_json_str(b, c->score, strlen(c->score));
	}
	cs_buf_adds(b, ",\"uscc\":");
	cs_buf_add_json_str(b, c->uscc, strlen(c->uscc));
	cs_buf_addc(b, '}');
	if (append_apply(st, "class", c->uscc, b->s, b->len, seq, err) != 0)
		return -1;
	return 1;
}

int
cs_store_iter_classes(struct cs_store *st, const char *uscc,
    const char *as_of, struct cs_store_iter **it, struct cs_error *err)
{
	const char *sql = uscc != NULL ?
	    "SELECT uscc, as_of, class, score, model, reason, seq"
	    " FROM classes WHERE uscc = ?1 AND (?2 IS NULL OR as_of <= ?2)"
	    " ORDER BY as_of, seq" :
	    "SELECT c.uscc, c.as_of, c.class, c.score, c.model, c.reason,"
	    " c.seq FROM classes c WHERE c.seq = (SELECT d.seq FROM classes d"
	    " WHERE d.uscc = c.uscc AND (?2 IS NULL OR d.as_of <= ?2)"
	    " ORDER BY d.as_of DESC, d.seq DESC LIMIT 1) ORDER BY c.uscc";

	if (iter_new(st, sql, IT_CLASSES, it, err) != 0)
		return -1;
	bind_copy((*it)->q, 1, uscc);
	bind_copy((*it)->q, 2, as_of);
	return 0;
}

int
cs_store_next_class(struct cs_store_iter *it, struct cs_class *c,
    struct cs_error *err)
{
	int rc = iter_step(it, "read the saved classes", err);

	if (rc != 1)
		return rc;
	copy_col(it->q, 0, c->uscc, sizeof(c->uscc));
	copy_col(it->q, 1, c->as_of, sizeof(c->as_of));
	copy_col(it->q, 2, c->cls, sizeof(c->cls));
	c->score = (const char *)sqlite3_column_text(it->q, 3);
	c->model = (const char *)sqlite3_column_text(it->q, 4);
	c->reason = (const char *)sqlite3_column_text(it->q, 5);
	c->seq = sqlite3_column_int64(it->q, 6);
	return 1;
}

int
cs_store_iter_scoring(struct cs_store *st, const char *uscc,
    const char *const *types, size_t ntypes, struct cs_store_iter **it,
    struct cs_error *err)
{
	struct cs_buf sql;
	size_t i;
	int rc;

	cs_buf_init(&sql);
	cs_buf_adds(&sql, "SELECT uscc, id, type, severity, decided_on,"
	    " valid_until, due_on, ref, domain, certified, dishonest_debtor,"
	    " authority_uscc, violation_type, id IN (SELECT id FROM objections"
	    " WHERE state = 'open') FROM records WHERE status = 'active'");
	if (uscc != NULL)
		cs_buf_adds(&sql, " AND uscc = ?1");
	for (i = 0; i < ntypes; i++)
		cs_buf_addf(&sql, "%s?%zu", i == 0 ? " AND type IN (" : ", ",
		    i + 2);
	/*
	 * A few types: scan the table and sort what matches, rather than
	 * walk the uscc index and fetch every row to look at its type.
	 */
	cs_buf_adds(&sql, ntypes > 0 ? ") ORDER BY +uscc, decided_on, rid" :
	    " ORDER BY uscc, decided_on, rid");
	rc = iter_new(st, sql.s, IT_SCORING, it, err);
	cs_buf_release(&sql);
	if (rc != 0)
		return rc;
	bind_copy((*it)->q, 1, uscc);
	for (i = 0; i < ntypes; i++)
		bind_copy((*it)->q, (int)i + 2, types[i]);
	return 0;
}

int
cs_store_next_scoring(struct cs_store_iter *it, struct cs_srec_in *r,
    struct cs_error *err)
{
	int rc = iter_step(it, "read the records", err);
	const char **v[] = { &r->uscc, &r->id, &r->type, &r->severity,
	    &r->decided_on, &r->valid_until, &r->due_on, &r->ref, &r->domain,
	    &r->certified, &r->dishonest_debtor, &r->authority_uscc,
	    &r->violation_type };
	size_t i;

	if (rc != 1)
		return rc;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		*v[i] = (const char *)sqlite3_column_text(it->q, (int)i);
	r->disputed = sqlite3_column_int(it->q, 13);
	r->list = NULL;
	r->entry = 0;
	return 1;
}

int
cs_store_set_cache(struct cs_store *st, int kib, struct cs_error *err)
{
	char sql[64];

	cs_fmt(sql, sizeof(sql), "PRAGMA cache_size = -%d", kib);
	return exec(st, sql, err);
}

int
cs_store_iter_entities(struct cs_store *st, struct cs_store_iter **it,
    struct cs_error *err)
{
	return iter_new(st, "SELECT uscc, name, industry, status FROM entities"
	    " ORDER BY uscc", IT_ENTITIES, it, err);
}

int
cs_store_next_entity(struct cs_store_iter *it, struct cs_entrow *e,
    struct cs_error *err)
{
	int rc = iter_step(it, "read the entities", err);

	if (rc != 1)
		return rc;
	e->uscc = (const char *)sqlite3_column_text(it->q, 0);
	e->name = (const char *)sqlite3_column_text(it->q, 1);
	e->industry = (const char *)sqlite3_column_text(it->q, 2);
	e->status = (const char *)sqlite3_column_text(it->q, 3);
	return 1;
}

int
cs_store_extra_columns(struct cs_store *st, char ***names, size_t *n,
    struct cs_error *err)
{
	sqlite3_stmt *s = prep(st, 0, S_EXTRA_LIST, err);
	int rc;

	*names = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*names = cs_xreallocarray(*names, *n + 1, sizeof(char *));
		(*names)[(*n)++] = cs_xstrdup((const char *)
		    sqlite3_column_text(s, 0));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return dberr(st, err, "read the extra columns");
	return 0;
}

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
			const char *va = (const char *)sqlite3_column_text(a, i);
			const char *vb = (const char *)sqlite3_column_text(b, i);

			if ((va == NULL) != (vb == NULL) || (va != NULL &&
			    strcmp(va, vb) != 0)) {
				snprintf(out, n, "column '%s' is %s%s%s in the "
				    "table, the ledger gives %s%s%s",
				    sqlite3_column_name(a, i), va ? "'" : "",
				    va ? va : "NULL", va ? "'" : "",
				    vb ? "'" : "", vb ? vb : "NULL",
				    vb ? "'" : "");
				break;
			}
		}
	}
	rc = 0;
	goto out;
fail:
	dberr(st, err, "compare the tables");
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
			dberr(st, err, "compare the tables");
			goto out;
		}
		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW) {
			copy_col(q, 0, keyval, sizeof(keyval));
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
			dberr(st, err, "compare the tables");
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

int
cs_store_verify(struct cs_store *st, struct cs_verify *v,
    struct cs_progress *pr, struct cs_error *err)
{
	sqlite3_stmt *q = NULL;
	struct cs_fields f;
	unsigned char prev[32], h[32];
	char hex1[65], hex2[65];
	long expect = 1;
	size_t t;
	int rc = -1, r;

	memset(v, 0, sizeof(*v));
	memset(prev, 0, sizeof(prev));
	cs_fields_init(&f, &cs_record_schema);
	if (exec(st, "ATTACH DATABASE '' AS shadow", err) != 0)
		goto done;
	if (exec(st, "PRAGMA shadow.journal_mode = OFF;"
	    "PRAGMA shadow.synchronous = OFF", err) != 0 ||
	    create_derived(st, 1, 0, err) != 0)
		goto detach;
	if (exec(st, "BEGIN", err) != 0)
		goto detach;
	if (sqlite3_prepare_v2(st->db, "SELECT seq, at, operator, tool, action,"
	    " subject, body, prev_hash, hash FROM main.ledger ORDER BY seq",
	    -1, &q, NULL) != SQLITE_OK) {
		dberr(st, err, "read the ledger");
		goto rollback;
	}
	while ((r = sqlite3_step(q)) == SQLITE_ROW) {
		long seq = sqlite3_column_int64(q, 0);
		const char *body = (const char *)sqlite3_column_text(q, 6);
		const char *action = (const char *)sqlite3_column_text(q, 4);
		int blen = sqlite3_column_bytes(q, 6);

		v->events++;
		if (pr != NULL)
			cs_progress_tick(pr);
		if (seq != expect) {
			v->bad_seq = expect;
			snprintf(v->msg, sizeof(v->msg), "ledger seq %ld is "
			    "missing (the next event is seq %ld)", expect, seq);
			break;
		}
		expect++;
		if (sqlite3_column_bytes(q, 7) != 32 ||
		    memcmp(sqlite3_column_blob(q, 7), prev, 32) != 0) {
			v->bad_seq = seq;
			snprintf(v->msg, sizeof(v->msg), "ledger seq %ld: "
			    "prev_hash does not match the hash of seq %ld",
			    seq, seq - 1);
			break;
		}
		event_json(&st->ev, seq, (const char *)sqlite3_column_text(q,
		    1), (const char *)sqlite3_column_text(q, 2),
		    (const char *)sqlite3_column_text(q, 3), action,
		    (const char *)sqlite3_column_text(q, 5), body,
		    (size_t)blen, prev);
		cs_sha256(st->ev.s, st->ev.len, h);
		if (sqlite3_column_bytes(q, 8) != 32 ||
		    memcmp(sqlite3_column_blob(q, 8), h, 32) != 0) {
			cs_hex(h, 32, hex1);
			if (sqlite3_column_bytes(q, 8) == 32)
				cs_hex(sqlite3_column_blob(q, 8), 32, hex2);
			else
				snprintf(hex2, sizeof(hex2), "(damaged)");
			v->bad_seq = seq;
			snprintf(v->msg, sizeof(v->msg), "ledger seq %ld: the "
			    "hash does not match the event (stored %.16s..., "
			    "computed %.16s...): the event was changed", seq,
			    hex2, hex1);
			break;
		}
		memcpy(prev, h, 32);
		if (apply_event(st, 1, seq, action, body, &f, err) != 0) {
			v->bad_seq = seq;
			snprintf(v->msg, sizeof(v->msg), "%s", err->msg);
			break;
		}
	}
	if (v->bad_seq == 0 && r != SQLITE_DONE) {
		dberr(st, err, "read the ledger");
		goto rollback;
	}
	sqlite3_finalize(q);
	q = NULL;
	cs_hex(prev, 32, v->head);
	if (v->bad_seq == 0) {
		for (t = 0; t < sizeof(derived_tables) /
		    sizeof(derived_tables[0]); t++) {
			r = compare_table(st, t, v, err);
			if (r < 0)
				goto rollback;
		}
	}
	rc = v->bad_seq ? 1 : 0;
rollback:
	sqlite3_finalize(q);
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
detach:
	for (t = 0; t < S_COUNT; t++) {
		sqlite3_finalize(st->stmt[1][t]);
		st->stmt[1][t] = NULL;
	}
	cs_strmap_clear(&st->extra_seen[1]);
	free(st->named[1]);
	st->named[1] = NULL;
	sqlite3_exec(st->db, "DETACH DATABASE shadow", NULL, NULL, NULL);
done:
	cs_fields_release(&f);
	return rc;
}

int
cs_store_objection_reason(struct cs_store *st, long objection_id,
    char **reason, struct cs_error *err)
{
	struct cs_event ev;
	json_t *j;
	int r;

	*reason = NULL;
	r = cs_store_event(st, objection_id, &ev, err);
	if (r < 0)
		return -1;
	j = r ? json_loads(ev.body, 0, NULL) : NULL;
	if (j == NULL || json_string_value(json_object_get(j, "reason")) ==
	    NULL) {
		json_decref(j);
		return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "store "
		    "'%s': ledger seq %ld does not hold an objection; run "
		    "'cs-record verify'", st->path, objection_id);
	}
	*reason = cs_xstrdup(json_string_value(json_object_get(j, "reason")));
	json_decref(j);
	return 0;
}

int
cs_store_objection_find(struct cs_store *st, const char *id,
    const char *filed_on, const char *reason, long *objection_id,
    struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_objection o;
	char *r;
	int k, found = 0;

	if (cs_store_iter_objections(st, NULL, id, 0, NULL, &it, err) != 0)
		return -1;
	while (!found && (k = cs_store_next_objection(it, &o, err)) == 1) {
		if (strcmp(o.filed_on, filed_on) != 0)
			continue;
		if (cs_store_objection_reason(st, o.objection_id, &r,
		    err) != 0) {
			k = -1;
			break;
		}
		if (strcmp(r, reason) == 0) {
			found = 1;
			*objection_id = o.objection_id;
		}
		free(r);
	}
	cs_store_iter_free(it);
	return k < 0 ? -1 : found;
}

int
cs_store_first_ref(struct cs_store *st, const char *ref,
    const char *const *types, size_t ntypes, const char *except_id,
    struct cs_recinfo *ri, char id[65], struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_buf sql;
	size_t i;
	int rc;

	cs_buf_init(&sql);
	cs_buf_adds(&sql, "SELECT id FROM records WHERE ref = ?1 AND"
	    " status = 'active' AND id <> ?2 AND type IN (");
	for (i = 0; i < ntypes; i++)
		cs_buf_addf(&sql, "%s?%zu", i ? ", " : "", i + 3);
	cs_buf_adds(&sql, ") ORDER BY decided_on, rid LIMIT 1");
	rc = iter_new(st, sql.s, IT_RECORDS, &it, err);
	cs_buf_release(&sql);
	if (rc != 0)
		return -1;
	bind_copy(it->q, 1, ref);
	bind_copy(it->q, 2, except_id ? except_id : "");
	for (i = 0; i < ntypes; i++)
		bind_copy(it->q, (int)i + 3, types[i]);
	rc = iter_step(it, "look up the references", err);
	if (rc == 1) {
		copy_col(it->q, 0, id, 65);
		cs_store_iter_free(it);
		return cs_store_record_info(st, id, ri, err);
	}
	cs_store_iter_free(it);
	return rc;
}

/* The draws of cs-sample. */

int
cs_store_record_draw(struct cs_store *st, const char *draw_id,
    const char *body, size_t blen, long *seq, struct cs_error *err)
{
	return append_apply(st, "draw", draw_id, body, blen, seq, err);
}

int
cs_store_iter_draws(struct cs_store *st, const char *draw_id,
    struct cs_store_iter **it, struct cs_error *err)
{
	if (iter_new(st, "SELECT draw_id, plan, period, drawn_on, targets, seq,"
	    " seed, frame_hash, inspectors_hash, conflicts_hash, escalations"
	    " FROM draws d WHERE ?1 IS NULL OR draw_id = ?1 ORDER BY draw_id",
	    IT_DRAWS, it, err) != 0)
		return -1;
	bind_copy((*it)->q, 1, draw_id);
	return 0;
}

int
cs_store_next_draw(struct cs_store_iter *it, struct cs_draw *d,
    struct cs_error *err)
{
	int rc = iter_step(it, "read the draws", err);

	if (rc != 1)
		return rc;
	copy_col(it->q, 0, d->draw_id, sizeof(d->draw_id));
	copy_col(it->q, 1, d->plan, sizeof(d->plan));
	copy_col(it->q, 2, d->period, sizeof(d->period));
	copy_col(it->q, 3, d->drawn_on, sizeof(d->drawn_on));
	d->targets = sqlite3_column_int64(it->q, 4);
	d->seq = sqlite3_column_int64(it->q, 5);
	d->seed = (const char *)sqlite3_column_text(it->q, 6);
	d->frame_hash = (const char *)sqlite3_column_text(it->q, 7);
	d->inspectors_hash = (const char *)sqlite3_column_text(it->q, 8);
	d->conflicts_hash = (const char *)sqlite3_column_text(it->q, 9);
	d->escalations = (const char *)sqlite3_column_text(it->q, 10);
	return 1;
}

int
cs_store_iter_targets(struct cs_store *st, const char *draw_id,
    struct cs_store_iter **it, struct cs_error *err)
{
	if (iter_new(st, "SELECT p.draw_id, p.uscc, p.class, p.rank, p.round,"
	    " p.drawn_on, p.ticket, p.inspectors, p.unassigned,"
	    " (SELECT r.seq FROM records r WHERE r.ref = p.draw_id AND"
	    " r.uscc = p.uscc AND r.type = 'inspection' AND"
	    " r.status = 'active' ORDER BY r.decided_on DESC, r.rid DESC"
	    " LIMIT 1)"
	    " FROM draw_picks p WHERE ?1 IS NULL OR p.draw_id = ?1"
	    " ORDER BY p.draw_id, p.class, p.rank", IT_DRAWS, it, err) != 0)
		return -1;
	bind_copy((*it)->q, 1, draw_id);
	return 0;
}

int
cs_store_next_target(struct cs_store_iter *it, struct cs_target *t,
    struct cs_error *err)
{
	const json_t *rec;
	struct cs_event ev;
	long rseq;
	int rc = iter_step(it, "read the drawn targets", err);

	if (rc != 1)
		return rc;
	copy_col(it->q, 0, t->draw_id, sizeof(t->draw_id));
	copy_col(it->q, 1, t->uscc, sizeof(t->uscc));
	copy_col(it->q, 2, t->cls, sizeof(t->cls));
	t->rank = sqlite3_column_int64(it->q, 3);
	t->round = sqlite3_column_int(it->q, 4);
	copy_col(it->q, 5, t->drawn_on, sizeof(t->drawn_on));
	t->ticket = (const char *)sqlite3_column_text(it->q, 6);
	t->inspectors = (const char *)sqlite3_column_text(it->q, 7);
	t->unassigned = (const char *)sqlite3_column_text(it->q, 8);
	t->result = NULL;
	t->result_id = NULL;
	t->decided_on = NULL;
	json_decref(it->body);
	it->body = NULL;
	if (sqlite3_column_type(it->q, 9) == SQLITE_NULL)
		return 1;
	rseq = sqlite3_column_int64(it->q, 9);
	rc = cs_store_event(it->st, rseq, &ev, err);
	if (rc < 0)
		return -1;
	it->body = rc ? json_loads(ev.body, 0, NULL) : NULL;
	rec = it->body ? body_record(ev.action, it->body) : NULL;
	if (rec == NULL)
		return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "store '%s': "
		    "ledger seq %ld does not hold a record; run 'cs-record "
		    "verify'", it->st->path, rseq);
	t->result_id = jstr(rec, "id");
	t->decided_on = jstr(rec, "decided_on");
	t->result = jstr(json_object_get(rec, "extra"), "result");
	if (t->result == NULL)
		t->result = "";
	return 1;
}

int
cs_store_iter_drawn(struct cs_store *st, const char *after, const char *upto,
    struct cs_store_iter **it, struct cs_error *err)
{
	if (iter_new(st, "SELECT DISTINCT uscc FROM draw_picks"
	    " WHERE drawn_on > ?1 AND drawn_on <= ?2", IT_DRAWS, it,
	    err) != 0)
		return -1;
	bind_copy((*it)->q, 1, after);
	bind_copy((*it)->q, 2, upto);
	return 0;
}

int
cs_store_iter_status(struct cs_store *st, const char *status,
    struct cs_store_iter **it, struct cs_error *err)
{
	if (iter_new(st, "SELECT uscc FROM entities WHERE status = ?1"
	    " ORDER BY uscc", IT_DRAWS, it, err) != 0)
		return -1;
	bind_copy((*it)->q, 1, status);
	return 0;
}

int
cs_store_next_uscc(struct cs_store_iter *it, char uscc[19],
    struct cs_error *err)
{
	int rc = iter_step(it, "read the entities", err);

	if (rc == 1)
		copy_col(it->q, 0, uscc, 19);
	return rc;
}

/* List entries of cs-blacklist. */

int
cs_store_list_event(struct cs_store *st, const char *step,
    const char *subject, const char *body, size_t blen, long *seq,
    struct cs_error *err)
{
	char action[32];

	cs_fmt(action, sizeof(action), "list_%s", step);
	return append_apply(st, action, subject, body, blen, seq, err);
}

int
cs_store_unmask_event(struct cs_store *st, const char *body, size_t blen,
    struct cs_error *err)
{
	long seq;

	return append_apply(st, "unmask", "lists", body, blen, &seq, err);
}

/* The columns of S_LIST_GET and of the entries iterator, from i0. */
static void
read_lrow(sqlite3_stmt *s, struct cs_lrow *e)
{
	e->entry_id = sqlite3_column_int64(s, 0);
	copy_col(s, 1, e->uscc, sizeof(e->uscc));
	copy_col(s, 2, e->list, sizeof(e->list));
	copy_col(s, 3, e->state, sizeof(e->state));
	copy_col(s, 4, e->noticed_on, sizeof(e->noticed_on));
	copy_col(s, 5, e->deadline, sizeof(e->deadline));
	copy_col(s, 6, e->objected_on, sizeof(e->objected_on));
	copy_col(s, 7, e->listed_on, sizeof(e->listed_on));
	copy_col(s, 8, e->until, sizeof(e->until));
	copy_col(s, 9, e->ended_on, sizeof(e->ended_on));
	copy_col(s, 10, e->end_reason, sizeof(e->end_reason));
	copy_col(s, 11, e->last_on, sizeof(e->last_on));
	e->seq = sqlite3_column_int64(s, 12);
	e->name = (const char *)sqlite3_column_text(s, 13);
	e->body = NULL;
}

int
cs_store_lentry(struct cs_store *st, long entry_id, struct cs_lrow *e,
    struct cs_error *err)
{
	sqlite3_stmt *s = prep(st, 0, S_LIST_GET, err);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, entry_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		/* The name stays valid until the next call (no reset). */
		read_lrow(s, e);
		return 1;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 0;
	return dberr(st, err, "look up the list entry");
}

int
cs_store_lentry_open(struct cs_store *st, const char *uscc,
    const char *list, long *entry_id, struct cs_error *err)
{
	sqlite3_stmt *s = prep(st, 0, S_LIST_OPEN, err);
	int rc;

	if (s == NULL)
		return -1;
	bind_text(s, 1, uscc);
	bind_text(s, 2, list);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*entry_id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return dberr(st, err, "look up the list entries");
}

int
cs_store_iter_lentries(struct cs_store *st, const char *list,
    const char *state, const char *as_of, struct cs_store_iter **it,
    struct cs_error *err)
{
	if (iter_new(st, "SELECT e.entry_id, e.uscc, e.list,"
	    " (SELECT t.state FROM list_steps t WHERE t.entry_id = e.entry_id"
	    " AND (?2 IS NULL OR t.on_date <= ?2) ORDER BY t.seq DESC LIMIT 1),"
	    " e.noticed_on, e.deadline, e.objected_on, e.listed_on, e.until,"
	    " e.ended_on, e.end_reason, e.last_on, e.seq, e.name, l.body"
	    " FROM list_entries e JOIN ledger l ON l.seq = e.entry_id"
	    " WHERE (?1 IS NULL OR e.list = ?1)"
	    " AND (?2 IS NULL OR e.noticed_on <= ?2) ORDER BY e.entry_id",
	    IT_LENTRIES, it, err) != 0)
		return -1;
	bind_copy((*it)->q, 1, list);
	bind_copy((*it)->q, 2, as_of);
	snprintf((*it)->as_of, sizeof((*it)->as_of), "%s", as_of ? as_of : "");
	snprintf((*it)->state, sizeof((*it)->state), "%s", state ? state : "");
	return 0;
}

/* Empty a date column that is later than as_of. */
static void
after(char *col, const char *as_of)
{
	if (col[0] != '\0' && strcmp(col, as_of) > 0)
		col[0] = '\0';
}

int
cs_store_next_lentry(struct cs_store_iter *it, struct cs_lrow *e,
    struct cs_error *err)
{
	const char *a = it->as_of;
	int rc, day;

	for (;;) {
		rc = iter_step(it, "read the list entries", err);
		if (rc != 1)
			return rc;
		read_lrow(it->q, e);
		e->body = (const char *)sqlite3_column_text(it->q, 14);
		if (a[0] != '\0') {
			after(e->objected_on, a);
			after(e->listed_on, a);
			if (e->listed_on[0] == '\0')
				e->until[0] = '\0';
			after(e->ended_on, a);
			if (e->ended_on[0] == '\0')
				e->end_reason[0] = '\0';
			/* The term ends by itself, with or without expire. */
			if (strcmp(e->state, "listed") == 0 &&
			    e->until[0] != '\0' && strcmp(e->until, a) < 0 &&
			    cs_date_parse(e->until, 10, &day) == 0) {
				snprintf(e->state, sizeof(e->state), "removed");
				cs_date_format(day + 1, e->ended_on);
				snprintf(e->end_reason, sizeof(e->end_reason),
				    "expired");
			}
		}
		if (it->state[0] == '\0' || strcmp(it->state, e->state) == 0)
			return 1;
	}
}

int
cs_store_lbasis(struct cs_store *st, long entry_id, const char *list,
    char ***ids, size_t *n, struct cs_error *err)
{
	struct cs_store_iter *it;
	int rc;

	*ids = NULL;
	*n = 0;
	if (iter_new(st, entry_id > 0 ?
	    "SELECT record_id FROM list_basis WHERE entry_id = ?1"
	    " ORDER BY record_id" :
	    "SELECT DISTINCT b.record_id FROM list_basis b JOIN list_entries e"
	    " ON e.entry_id = b.entry_id WHERE e.list = ?2 ORDER BY 1",
	    IT_LENTRIES, &it, err) != 0)
		return -1;
	if (entry_id > 0)
		sqlite3_bind_int64(it->q, 1, entry_id);
	else
		bind_copy(it->q, 2, list);
	while ((rc = iter_step(it, "read the bases", err)) == 1) {
		*ids = cs_xreallocarray(*ids, *n + 1, sizeof(char *));
		(*ids)[(*n)++] = cs_xstrdup((const char *)
		    sqlite3_column_text(it->q, 0));
	}
	cs_store_iter_free(it);
	return rc;
}

int
cs_store_lentries_of_basis(struct cs_store *st, const char *record_id,
    long **ids, size_t *n, struct cs_error *err)
{
	struct cs_store_iter *it;
	int rc;

	*ids = NULL;
	*n = 0;
	if (iter_new(st, "SELECT e.entry_id FROM list_basis b JOIN"
	    " list_entries e ON e.entry_id = b.entry_id WHERE b.record_id = ?1"
	    " AND e.state IN ('noticed', 'objected', 'dismissed', 'listed')"
	    " ORDER BY e.entry_id", IT_LENTRIES, &it, err) != 0)
		return -1;
	bind_copy(it->q, 1, record_id);
	while ((rc = iter_step(it, "read the bases", err)) == 1) {
		*ids = cs_xreallocarray(*ids, *n + 1, sizeof(long));
		(*ids)[(*n)++] = sqlite3_column_int64(it->q, 0);
	}
	cs_store_iter_free(it);
	return rc;
}

static void
read_listed(sqlite3_stmt *s, struct cs_listed *l)
{
	l->entry_id = sqlite3_column_int64(s, 0);
	copy_col(s, 1, l->uscc, sizeof(l->uscc));
	copy_col(s, 2, l->list, sizeof(l->list));
	copy_col(s, 3, l->listed_on, sizeof(l->listed_on));
	copy_col(s, 4, l->until, sizeof(l->until));
	l->name = NULL;
}

int
cs_store_listed(struct cs_store *st, const char *uscc, const char *list,
    const char *as_of, struct cs_listed *l, struct cs_error *err)
{
	sqlite3_stmt *s = prep(st, 0, S_LISTED, err);
	int rc;

	if (s == NULL)
		return -1;
	bind_text(s, 1, uscc);
	bind_text(s, 2, list);
	bind_text(s, 3, as_of);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		read_listed(s, l);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return dberr(st, err, "look up the lists");
}

int
cs_store_iter_listed(struct cs_store *st, const char *list,
    const char *as_of, struct cs_store_iter **it, struct cs_error *err)
{
	if (iter_new(st, "SELECT e.entry_id, e.uscc, e.list, e.listed_on,"
	    " e.until, e.name FROM list_entries e"
	    " WHERE (?1 IS NULL OR e.list = ?1)"
	    " AND e.listed_on <= ?2 AND (e.until IS NULL OR e.until >= ?2)"
	    /* The state now is the state on ?2 when no step came later. */
	    " AND CASE WHEN e.last_on <= ?2 THEN e.state ELSE"
	    " (SELECT t.state FROM list_steps t WHERE t.entry_id = e.entry_id"
	    " AND t.on_date <= ?2 ORDER BY t.seq DESC LIMIT 1) END = 'listed'"
	    " ORDER BY e.uscc, e.list, e.entry_id", IT_LISTED, it,
	    err) != 0)
		return -1;
	bind_copy((*it)->q, 1, list);
	bind_copy((*it)->q, 2, as_of);
	return 0;
}

int
cs_store_next_listed(struct cs_store_iter *it, struct cs_listed *l,
    struct cs_error *err)
{
	int rc = iter_step(it, "read the lists", err);

	if (rc != 1)
		return rc;
	read_listed(it->q, l);
	l->name = (const char *)sqlite3_column_text(it->q, 5);
	return 1;
}
