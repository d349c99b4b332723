/*
 * Inside lib/store: the store handle, the cached statements, the error
 * mapping and the table-driven iterator that the files of lib/store
 * share.  Included only by the .c files of lib/store; the rest of cs
 * sees the public headers (store/store.h).  Calls between the files run
 * one way, lowest first: sql.c, access.c, ledger.c, apply.c, db.c,
 * store_merkle.c, verify.c, and the files per concern (store_records.c
 * before objections.c, store_lists.c, store_draws.c, store_classes.c)
 * on top.
 */
#ifndef CS_STORE_INTERNAL_H
#define CS_STORE_INTERNAL_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/util.h"
#include "domain/record.h"
#include "store/store.h"

/* The schemas a statement runs in: the store, and verify's replay. */
enum { SH_MAIN, SH_SHADOW, SH_COUNT };

/*
 * Slots of the statement cache (struct cs_store.stmt).  A statement is
 * prepared on first use, once per schema it runs in, and finalized when
 * the store is closed (or, for the shadow schema, when verify ends).
 */
enum store_stmt_id {
	/* apply.c: the derived tables, in either schema */
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
	S_LIST_NOTICE,
	S_LIST_BASIS,
	S_LIST_STEP,
	S_LIST_UPDATE,
	S_LIST_REINSTATE,
	S_REPAIR_INSERT,
	S_REPAIR_UPDATE,
	S_REPAIR_STEP,
	S_RELEASE_INSERT,
	S_PUBLISHED_INSERT,
	S_WITHDRAWN_INSERT,
	S_PUBLISHED_INSERT_N,
	S_WITHDRAWN_INSERT_N,
	/* ledger.c */
	S_LEDGER_INSERT,
	S_WORD_FIND,
	S_WORD_ADD,
	S_WORD_GET,
	S_LEDGER_HEAD,
	S_EVENT,
	/* db.c */
	S_REC_ANY,
	/* store_merkle.c */
	S_NODE_GET,
	S_NODE_PUT,
	S_NODE_END,
	S_LEAF_RANGE,
	/* store_records.c, objections.c, store_classes.c, store_lists.c */
	S_REC_INFO,
	S_FIRST_REF,
	S_ENTITY,
	S_EXTRA_LIST,
	S_OBJ_GET,
	S_CLASS_SAME,
	S_LIST_GET,
	S_LIST_OPEN,
	S_LISTED,
	S_REPAIR_GET,
	S_REPAIR_OPEN,
	S_REPAIR_OF_RECORD,
	S_REPAIR_BAR,
	S_REPAIR_COMPLETION,
	S_ENTRY_AUTHORITY,
	S_REPAIR_PENALTY,
	S_REPAIR_SCAN_JOINS,
	S_RELEASE_LAST,
	S_RELEASE_GET,
	S_PUBLISHED_GET,
	S_WITHDRAWN_GET,
	S_COUNT
};

/* A cached statement: its slot and its SQL ('@' stands for the schema). */
struct store_stmt {
	enum store_stmt_id id;
	const char *sql;
};

/*
 * The parts of the ids of a release read so far (release_ids events,
 * release_apply.c), until its release event checks them.
 */
struct store_idparts {
	char release_id[64];
	long parts;			/* the last part read */
	struct cs_sha256_ctx *h;	/* over their ids, or NULL: none */
};

/* A word of ledger_words (see ledger.c, word_number and word_of). */
struct store_word {
	long k;				/* its number, 0: none */
	uint64_t h;			/* the hash of its bytes */
	char *s;
	size_t n;
};

struct cs_store {
	sqlite3 *db;
	char *path;
	const char *operator;
	const char *tool;
	sqlite3_stmt *stmt[SH_COUNT][S_COUNT];
	long last_seq;			/* head of the chain in this transaction */
	unsigned char last_hash[32];
	int in_tx;
	struct cs_buf ev;		/* event JSON being hashed */
	struct cs_buf tmp;		/* event bodies being written */
	struct cs_buf bk, bv;		/* keys and values of bodies read */
	struct cs_buf pk, pks;		/* a body packed, and its check */
	struct store_word *wnum;	/* words by hash: their numbers */
	struct store_word *wcache;	/* words by number: their bytes */
	char at[32];
	time_t at_time;
	struct cs_strmap extra_seen[SH_COUNT];	/* extra columns recorded */
	char (*named[SH_COUNT])[19];	/* see apply.c, entity_seen */
	struct store_idparts idparts[SH_COUNT];
	int bulk;			/* secondary indexes dropped for a bulk load */
	int indexed;			/* records_index known to exist */
	int lockfd;			/* the store file, for flock; or -1 */
	int readonly;			/* opened read-only (see access.c) */
	int ro_errno;			/* why it cannot be written */
	int want_write;			/* in BEGIN IMMEDIATE */
	int queued;			/* holds a shared flock: waits to write */
	long busy_since;		/* ms, when the wait began */
	long commits;			/* transactions committed */
	int verifying;			/* in cs_store_verify */
	int tree_cache;			/* merkle_nodes is known to exist */
	long tree_covered;		/* events it covers, -1: not read */
	int cache_kib;			/* page cache now */
	int write_kib;			/* page cache of a writer */
	size_t first_ref_n;		/* S_FIRST_REF types, store_records.c */
};

/*
 * An iterator is one query described by a struct store_query: its SQL
 * (or SQL built by the opener), what it reads (for messages) and a row
 * reader.  store_iter_next steps and hands each row to the reader; the
 * public cs_store_next_* functions are that call and nothing else.
 */
struct cs_store_iter;

struct store_query {
	const char *sql;		/* NULL: the opener builds it */
	const char *what;		/* "read the draws": error messages */
	/*
	 * Fill row from the current row of it->q: 1 to hand it out, 0 to
	 * skip it, -1 with err.
	 */
	int (*read)(struct cs_store_iter *it, void *row,
	    struct cs_error *err);
};

struct cs_store_iter {
	struct cs_store *st;
	sqlite3_stmt *q;
	const struct store_query *def;
	json_t *body;			/* parsed body of the last row */
	char as_of[11];			/* commitments, list entries: the day */
	char state[16];			/* list entries: only this state */
};

/* sql.c: statements, errors, the iterator. */

/* Map the last SQLite failure to an exit status and a message; -1. */
int store_dberr(struct cs_store *st, struct cs_error *err, const char *what);
/* The statement def in schema sh, prepared on first use (borrowed). */
sqlite3_stmt *store_prep(struct cs_store *st, int sh,
    const struct store_stmt *def, struct cs_error *err);
/*
 * Reset every cached statement, so that none holds a read snapshot: a
 * writer whose snapshot is older than another's commit cannot begin
 * (SQLITE_BUSY at once, without waiting).  Rows borrowed from them end.
 */
void store_reset_all(struct cs_store *st);
/* Finalize the cached statements of schema sh. */
void store_unprep(struct cs_store *st, int sh);
/* Step a statement that returns no rows, then reset it: 0, or -1. */
int store_run(struct cs_store *st, sqlite3_stmt *s, struct cs_error *err,
    const char *what);
/*
 * Step a cached statement for one row: 1 with the row (the caller resets
 * the statement when it has read it), 0 when there is none, -1 with err
 * (reset in both cases).
 */
int store_row(struct cs_store *st, sqlite3_stmt *s, struct cs_error *err,
    const char *what);
/* Run SQL without values (pragmas, DDL, transactions): 0, or -1. */
int store_exec(struct cs_store *st, const char *sql, struct cs_error *err);
/* Run a template with '@' replaced by the name of schema sh. */
int store_exec_in(struct cs_store *st, int sh, const char *tmpl,
    struct cs_error *err);
/*
 * Open an iterator over def (sql when def->sql is NULL) with the nargs
 * strings of args bound, copied, to ?1..?nargs (NULL binds NULL).  An
 * integer parameter the opener binds itself on (*it)->q.  Returns 0 with
 * *it new (cs_store_iter_free), or -1 with err and *it NULL.
 */
int store_iter_open(struct cs_store *st, const struct store_query *def,
    const char *sql, const char *const *args, int nargs,
    struct cs_store_iter **it, struct cs_error *err);
/* The next row into row: 1, 0 at the end, -1 with err. */
int store_iter_next(struct cs_store_iter *it, void *row,
    struct cs_error *err);

/* access.c: the store file, read-only stores, waiting. */

/*
 * Open the SQLite database at path for st (st->path, st->lockfd,
 * st->db): the file probed first, so that a missing, unreadable, empty
 * (unless init) or foreign file is reported as what it is; read-only
 * when it cannot be written.  0, or -1 with err.
 */
int store_connect(struct cs_store *st, const char *path, int init,
    struct cs_error *err);
/*
 * BEGIN IMMEDIATE for a writer: 73 when the store is read-only; after
 * letting waiting writers in first when st has committed before.
 */
int store_begin_write(struct cs_store *st, struct cs_error *err);
/*
 * COMMIT, and nothing more (cs_store_commit, commit.c, first grows the
 * tree's cache): 0, or -1 with err, the transaction rolled back.
 */
int store_commit(struct cs_store *st, struct cs_error *err);

/* release_apply.c: applying a release event. */

/* The releases row of a release event. */
int store_release_row(struct cs_store *st, int sh, long seq, const char *rel,
    const char *as_of, const char *manifest, const char *previous, long cut,
    struct cs_error *err);
/*
 * A published (or, withdrawn set, withdrawn) id of the release rel;
 * store_release_ids: n of them (n at most STORE_ID_BATCH), ids[i] of
 * len[i] bytes.
 */
int store_release_id(struct cs_store *st, int sh, int withdrawn,
    const char *id, size_t len, const char *rel, const char *as_of, long seq,
    struct cs_error *err);
enum { STORE_ID_BATCH = 32 };
int store_release_ids(struct cs_store *st, int sh, int withdrawn,
    const char *const *ids, const size_t *len, size_t n, const char *rel,
    const char *as_of, long seq, struct cs_error *err);
/*
 * Apply the body (its text) of a release or release_ids event (action)
 * without building JSON values: 0, -1 with err, 1 when its shape is
 * wrong, 2 when it is not in the canonical form this reads (then parse
 * a release with jansson; a release_ids body is only ever canonical).
 */
int store_apply_release_text(struct cs_store *st, int sh, long seq,
    const char *action, const char *body, struct cs_error *err);
/* Forget the parts of ids of a release not applied yet (a rollback). */
void store_release_parts_forget(struct cs_store *st, int sh);

/* ledger.c: the hash chain. */

/* The canonical JSON of an event without its hash, into b. */
/*
 * Register the SQL functions of the store on st's connection (cs_body:
 * the JSON of a ledger body, packed or not).  An SQLite result code.
 */
int store_register_functions(struct cs_store *st);
struct store_words;
/* The words of st's ledger_words, for packing and unpacking bodies. */
void store_words_of(struct cs_store *st, struct store_words *w);
/* Forget the cached words of ledger_words (a transaction rolled back). */
void store_words_forget(struct cs_store *st);
void store_event_json(struct cs_buf *b, long seq, const char *at,
    const char *op, const char *tool, const char *action,
    const char *subject, const char *body, size_t blen,
    const unsigned char prev[32]);
/*
 * The SHA-256 of that JSON into h (b holds what it needs): a long body
 * is hashed where it is rather than copied into b.
 */
void store_event_hash(struct cs_buf *b, long seq, const char *at,
    const char *op, const char *tool, const char *action,
    const char *subject, const char *body, size_t blen,
    const unsigned char prev[32], unsigned char h[32]);
/* Read the head of the chain (seq and hash) into st. */
int store_load_head(struct cs_store *st, struct cs_error *err);
/*
 * Append one event to the ledger; *seqp gets its number.  f, when not
 * NULL, is the field set whose canonical JSON body is (an add or an
 * entity event): its body is packed from it, or from what pp (or NULL)
 * holds of it packed ahead (packed.h).
 */
int store_append(struct cs_store *st, const char *action, const char *subject,
    const char *body, size_t blen, const struct cs_fields *f,
    const struct cs_prepacked *pp, long *seqp, struct cs_error *err);
/* The columns seq, at, operator, tool, action, subject, body (borrowed). */
void store_read_event(sqlite3_stmt *s, struct cs_event *ev);

/* apply.c: the derived tables. */

/*
 * Apply an event given as its ledger body to the derived tables of
 * schema sh (f: scratch fields).  The replay path of verify, and the path
 * of every event but the bulk "add" and "entity".
 */
int store_apply_event(struct cs_store *st, int sh, long seq,
    const char *action, const char *body, struct cs_fields *f,
    struct cs_error *err);
/* Append an event and apply it through store_apply_event. */
int store_append_apply(struct cs_store *st, const char *action,
    const char *subject, const char *body, size_t blen, long *seqp,
    struct cs_error *err);
/*
 * Insert a new record; 1 when inserted, 0 when the id exists already
 * (nothing is changed then), -1 on error.
 */
int store_apply_add(struct cs_store *st, int sh, long seq,
    const struct cs_fields *f, struct cs_error *err);
/* Register the entity ef (an "entity" event). */
int store_apply_entity(struct cs_store *st, int sh, long seq,
    const struct cs_fields *ef, struct cs_error *err);
/* Forget what apply remembers of schema sh (after a rollback). */
void store_apply_forget(struct cs_store *st, int sh);

/* store_records.c */

/*
 * The start of correct and resolve bodies, into b: "changes" (when not
 * NULL) and "id".
 */
void store_version_body(struct cs_buf *b, const char *changes,
    const char *id);

/* store_merkle.c: the cache of the ledger's Merkle tree. */

/* A perfect subtree of the ledger's tree: 2^level leaves from idx << level. */
struct store_node {
	int level;
	long idx;
	unsigned char h[32];
};

/*
 * Compare merkle_nodes with the n subtrees v that verify recomputed (v
 * gets sorted): 0 when every cached one is among them and equal, 1 with
 * msg (msgn bytes) naming the first that is not and *first its first
 * event, -1 with err.
 */
int store_tree_check(struct cs_store *st, struct store_node *v, size_t n,
    long *first, char *msg, size_t msgn, struct cs_error *err);
/*
 * In the write transaction about to commit: add to merkle_nodes the
 * subtrees of 2^CS_TREE_CACHE_LEVEL events and up that the events since
 * the cache ends complete, so that the tree keeps up with the ledger as
 * it grows (a checkpoint, a release or a proof then reads a few hundred
 * events, not the ledger).  Nothing when fewer events are uncovered, and
 * nothing, for checkpoint and verify to report, when the chain or the
 * cache is not as it should be.  0, or -1 with err.
 */
int store_tree_extend(struct cs_store *st, struct cs_error *err);

/* db.c: the schema. */

/* Create the derived tables added after schema version from. */
int store_create_derived(struct cs_store *st, int sh, int from,
    struct cs_error *err);

static inline void
store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

/* Bind a copy: for iterators that outlive the caller's strings. */
static inline void
store_bind_copy(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

/* Column i as text into out (n bytes; "" for NULL). */
static inline void
store_copy_col(sqlite3_stmt *s, int i, char *out, size_t n)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	snprintf(out, n, "%s", t ? (const char *)t : "");
}

static inline const char *
store_col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

static inline const char *
store_jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/*
 * Append "key":"value" (value as a JSON string) to the JSON object being
 * written in b, after a comma unless it is the first member; nothing
 * when value is NULL.  Event bodies are canonical: keys in byte order.
 */
static inline void
store_json_member(struct cs_buf *b, const char *key, const char *value)
{
	if (value == NULL)
		return;
	if (b->len > 0 && b->s[b->len - 1] != '{')
		cs_buf_addc(b, ',');
	cs_buf_addc(b, '"');
	cs_buf_adds(b, key);
	cs_buf_adds(b, "\":");
	cs_buf_add_json_str(b, value, strlen(value));
}

/* The record object of a body: the body of an add, else body.record. */
static inline const json_t *
store_body_record(const char *action, const json_t *body)
{
	if (strcmp(action, "add") == 0)
		return body;
	return json_object_get(body, "record");
}

#endif
