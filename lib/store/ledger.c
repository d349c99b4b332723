/*
 * The ledger: the canonical JSON of an event, the hash chain (its head,
 * appending an event) and reading events back.  An event's hash is the
 * SHA-256 of its canonical JSON without the hash, prev_hash inside.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/hash.h"
#include "store/internal.h"
#include "store/packed.h"

static const struct store_stmt ledger_insert = { S_LEDGER_INSERT,
	"INSERT INTO ledger (seq, at, operator, tool, action, subject, body,"
	" prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)" };
static const struct store_stmt ledger_head = { S_LEDGER_HEAD,
	"SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1" };
static const struct store_stmt event_get = { S_EVENT,
	"SELECT seq, at, operator, tool, action, subject,"
	" cs_body(body, subject) FROM ledger WHERE seq = ?1" };

static const struct store_stmt word_find = { S_WORD_FIND,
	"SELECT k FROM ledger_words WHERE word = ?1" };
static const struct store_stmt word_add = { S_WORD_ADD,
	"INSERT INTO ledger_words (word) VALUES (?1)" };
static const struct store_stmt word_get = { S_WORD_GET,
	"SELECT word FROM ledger_words WHERE k = ?1" };

/*
 * Two caches of words, direct-mapped (a word that falls on another's slot
 * replaces it, and is looked up in the table when asked again): numbers
 * by the hash of the word, for the writer, and words by number, for the
 * readers.  Bounded, whatever the number of words.
 */
enum { WORD_SLOTS = 1 << 15 };

/* FNV-1a of n bytes. */
static uint64_t
word_hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

/* Keep word s (n bytes, hash h) of number k in slot w. */
static void
word_keep(struct store_word *w, long k, uint64_t h, const char *s, size_t n)
{
	char *c = cs_xmalloc(n + 1);

	memcpy(c, s, n);
	c[n] = '\0';
	free(w->s);
	w->s = c;
	w->n = n;
	w->h = h;
	w->k = k;
}

/* store_words.number: the number of s in ledger_words, added if new. */
static long
word_number(void *ctx, const char *key, const char *s, size_t n)
{
	struct cs_store *st = ctx;
	struct store_word *w;
	sqlite3_stmt *q;
	uint64_t h;
	long k = -1;
	int rc;

	(void)key;
	if (n == 0 || n > STORE_WORD_MAX || memchr(s, '\0', n) != NULL)
		return -1;
	if (st->wnum == NULL)
		st->wnum = cs_xcalloc(WORD_SLOTS, sizeof(*st->wnum));
	h = word_hash(s, n);
	w = &st->wnum[h & (WORD_SLOTS - 1)];
	if (w->k > 0 && w->h == h && w->n == n && memcmp(w->s, s, n) == 0)
		return w->k;
	/* Any failure here keeps the value in the body instead. */
	q = store_prep(st, SH_MAIN, &word_find, NULL);
	if (q == NULL)
		return -1;
	sqlite3_bind_text(q, 1, s, (int)n, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		k = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	if (rc == SQLITE_DONE) {
		q = store_prep(st, SH_MAIN, &word_add, NULL);
		if (q == NULL)
			return -1;
		sqlite3_bind_text(q, 1, s, (int)n, SQLITE_STATIC);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		if (rc != SQLITE_DONE)
			return -1;
		k = sqlite3_last_insert_rowid(st->db);
	}
	if (k <= 0)
		return -1;
	word_keep(w, k, h, s, n);
	return k;
}

/* store_words.word: the word of number k, from the cache or the table. */
static const char *
word_of(void *ctx, long k, size_t *n)
{
	struct cs_store *st = ctx;
	struct store_word *w;
	sqlite3_stmt *q;

	if (k <= 0)
		return NULL;
	if (st->wcache == NULL)
		st->wcache = cs_xcalloc(WORD_SLOTS, sizeof(*st->wcache));
	w = &st->wcache[k & (WORD_SLOTS - 1)];
	if (w->k != k) {
		q = store_prep(st, SH_MAIN, &word_get, NULL);
		if (q == NULL)
			return NULL;
		sqlite3_bind_int64(q, 1, k);
		if (sqlite3_step(q) != SQLITE_ROW) {
			sqlite3_reset(q);
			return NULL;
		}
		word_keep(w, k, 0, store_col(q, 0),
		    (size_t)sqlite3_column_bytes(q, 0));
		sqlite3_reset(q);
	}
	*n = w->n;
	return w->s;
}

void
store_words_of(struct cs_store *st, struct store_words *w)
{
	w->number = word_number;
	w->word = word_of;
	w->ctx = st;
}

/* Free a cache of words. */
static void
words_free(struct store_word **c)
{
	size_t i;

	if (*c == NULL)
		return;
	for (i = 0; i < WORD_SLOTS; i++)
		free((*c)[i].s);
	free(*c);
	*c = NULL;
}

void
store_words_forget(struct cs_store *st)
{
	words_free(&st->wnum);
	words_free(&st->wcache);
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

void
store_event_json(struct cs_buf *b, long seq, const char *at, const char *op,
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

/* Bodies at least this long are hashed where they are, not copied. */
enum { BODY_IN_PLACE = 1 << 16 };

void
store_event_hash(struct cs_buf *b, long seq, const char *at, const char *op,
    const char *tool, const char *action, const char *subject,
    const char *body, size_t blen, const unsigned char prev[32],
    unsigned char h[32])
{
	struct cs_sha256_ctx *c;
	size_t head;

	if (blen < BODY_IN_PLACE) {
		store_event_json(b, seq, at, op, tool, action, subject, body,
		    blen, prev);
		cs_sha256(b->s, b->len, h);
		return;
	}
	/* The same bytes with the body left out, hashed around it. */
	store_event_json(b, seq, at, op, tool, action, subject, "", 0, prev);
	head = (size_t)(strstr(b->s, ",\"body\":") - b->s) + 8;
	c = cs_sha256_new();
	cs_sha256_update(c, b->s, head);
	cs_sha256_update(c, body, blen);
	cs_sha256_update(c, b->s + head, b->len - head);
	cs_sha256_final(c, h);
}

int
store_load_head(struct cs_store *st, struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &ledger_head, err);
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
		return store_dberr(st, err, "read the ledger head");
	}
	sqlite3_reset(s);
	return 0;
}

int
store_append(struct cs_store *st, const char *action, const char *subject,
    const char *body, size_t blen, const struct cs_fields *f,
    const struct cs_prepacked *pp, long *seqp, struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &ledger_insert, err);
	unsigned char h[32];
	const char *at = event_time(st);
	long seq = st->last_seq + 1;

	if (s == NULL)
		return -1;
	store_event_hash(&st->ev, seq, at, st->operator, st->tool, action,
	    subject, body, blen, st->last_hash, h);
	sqlite3_bind_int64(s, 1, seq);
	sqlite3_bind_text(s, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, st->operator, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, st->tool, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, subject, -1, SQLITE_STATIC);
	/*
	 * The bodies of records and register rows, most of the ledger, are
	 * kept packed (packed.h); cs_body gives readers the JSON back.
	 */
	struct store_words w = { word_number, word_of, st };
	int packed = 1;

	if (strcmp(action, "add") == 0 || strcmp(action, "entity") == 0)
		packed = f != NULL ? store_body_pack_ahead(&st->pk, pp,
		    subject, f, body, blen, &st->pks, &w) :
		    store_body_pack(&st->pk, subject, body, blen, &st->pks,
		    &w);
	if (packed == 0)
		sqlite3_bind_blob(s, 7, st->pk.s, (int)st->pk.len,
		    SQLITE_STATIC);
	else
		sqlite3_bind_text(s, 7, body, (int)blen, SQLITE_STATIC);
	sqlite3_bind_blob(s, 8, st->last_hash, 32, SQLITE_STATIC);
	sqlite3_bind_blob(s, 9, h, 32, SQLITE_STATIC);
	if (store_run(st, s, err, "append to the ledger") != 0)
		return -1;
	st->last_seq = seq;
	memcpy(st->last_hash, h, 32);
	*seqp = seq;
	return 0;
}

void
store_read_event(sqlite3_stmt *s, struct cs_event *ev)
{
	ev->seq = sqlite3_column_int64(s, 0);
	ev->at = store_col(s, 1);
	ev->operator = store_col(s, 2);
	ev->tool = store_col(s, 3);
	ev->action = store_col(s, 4);
	ev->subject = store_col(s, 5);
	ev->body = store_col(s, 6);
	ev->prev_hash = NULL;
	if (sqlite3_column_count(s) > 7 && sqlite3_column_bytes(s, 7) == 32)
		ev->prev_hash = sqlite3_column_blob(s, 7);
}

int
cs_store_event(struct cs_store *st, long seq, struct cs_event *ev,
    struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &event_get, err);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, seq);
	rc = store_row(st, s, err, "read the ledger");
	/* Borrowed until the statement is reset by the next call. */
	if (rc == 1)
		store_read_event(s, ev);
	return rc;
}

static int
read_event_row(struct cs_store_iter *it, void *row, struct cs_error *err)
{
	(void)err;
	store_read_event(it->q, row);
	return 1;
}

static const struct store_query history_query = {
	"SELECT l.seq, l.at, l.operator, l.tool, l.action,"
	" l.subject, cs_body(l.body, l.subject) FROM history h"
	" JOIN ledger l ON l.seq = h.seq WHERE h.id = ?1 ORDER BY h.seq",
	"read the ledger", read_event_row
};

int
cs_store_iter_history(struct cs_store *st, const char *id,
    struct cs_store_iter **it, struct cs_error *err)
{
	return store_iter_open(st, &history_query, NULL, &id, 1, it, err);
}

static const struct store_query events_query = {
	"SELECT seq, at, operator, tool, action, subject,"
	" cs_body(body, subject), prev_hash FROM ledger ORDER BY seq",
	"read the ledger", read_event_row
};

int
cs_store_iter_events(struct cs_store *st, struct cs_store_iter **it,
    struct cs_error *err)
{
	return store_iter_open(st, &events_query, NULL, NULL, 0, it, err);
}

void
cs_store_event_json(const struct cs_event *ev, struct cs_buf *b)
{
	static const unsigned char zero[32];

	store_event_json(b, ev->seq, ev->at, ev->operator, ev->tool,
	    ev->action, ev->subject, ev->body, strlen(ev->body),
	    ev->prev_hash != NULL ? ev->prev_hash : zero);
}

int
cs_store_next_event(struct cs_store_iter *it, struct cs_event *ev,
    struct cs_error *err)
{
	return store_iter_next(it, ev, err);
}

/*
 * The SQL function cs_body(body, subject): the JSON of a ledger body,
 * packed or not.  A body that does not unpack is given as it is stored,
 * so that verify reports the link it breaks.
 */
static void
sql_body(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store_words w = { word_number, word_of,
	    sqlite3_user_data(ctx) };
	const unsigned char *subject;
	struct cs_buf b;

	(void)argc;
	if (sqlite3_value_type(argv[0]) != SQLITE_BLOB) {
		sqlite3_result_value(ctx, argv[0]);
		return;
	}
	subject = sqlite3_value_text(argv[1]);
	cs_buf_init(&b);
	if (store_body_unpack(&b, subject != NULL ? (const char *)subject : "",
	    sqlite3_value_blob(argv[0]),
	    (size_t)sqlite3_value_bytes(argv[0]), &w) != 0) {
		cs_buf_release(&b);
		sqlite3_result_value(ctx, argv[0]);
		return;
	}
	sqlite3_result_text(ctx, b.s, (int)b.len, free);
}

int
store_register_functions(struct cs_store *st)
{
	return sqlite3_create_function(st->db, "cs_body", 2, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, st, sql_body, NULL, NULL);
}
