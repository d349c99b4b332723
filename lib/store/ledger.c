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

static const struct store_stmt ledger_insert = { S_LEDGER_INSERT,
	"INSERT INTO ledger (seq, at, operator, tool, action, subject, body,"
	" prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)" };
static const struct store_stmt ledger_head = { S_LEDGER_HEAD,
	"SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1" };
static const struct store_stmt event_get = { S_EVENT,
	"SELECT seq, at, operator, tool, action, subject, body FROM ledger"
	" WHERE seq = ?1" };

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
    const char *body, size_t blen, long *seqp, struct cs_error *err)
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
	" l.subject, l.body FROM history h JOIN ledger l ON l.seq = h.seq"
	" WHERE h.id = ?1 ORDER BY h.seq",
	"read the ledger", read_event_row
};

int
cs_store_iter_history(struct cs_store *st, const char *id,
    struct cs_store_iter **it, struct cs_error *err)
{
	return store_iter_open(st, &history_query, NULL, &id, 1, it, err);
}

int
cs_store_next_event(struct cs_store_iter *it, struct cs_event *ev,
    struct cs_error *err)
{
	return store_iter_next(it, ev, err);
}
