/*
 * The ledger: every change is one event (seq, at, operator, tool, action,
 * subject, body, prev_hash, hash) whose hash is the SHA-256 of the
 * canonical JSON of the event without its hash.  Reading events back.
 */
#ifndef CS_STORE_LEDGER_H
#define CS_STORE_LEDGER_H

#include "core/util.h"
#include "store/db.h"

/* One ledger event; strings borrowed until the next call on st. */
struct cs_event {
	long seq;
	const char *at;
	const char *operator;
	const char *tool;
	const char *action;
	const char *subject;
	const char *body;
	const unsigned char *prev_hash;	/* 32 bytes; NULL: not read */
};

/* 1 with *ev, 0 when there is no such event, -1 with err. */
int cs_store_event(struct cs_store *st, long seq, struct cs_event *ev,
    struct cs_error *err);

/* Events other than the add that touched record id, in order. */
int cs_store_iter_history(struct cs_store *st, const char *id,
    struct cs_store_iter **it, struct cs_error *err);
/*
 * Iterate over the whole ledger in order, each event with its prev_hash
 * (cs_store_next_event; free with cs_store_iter_free).  0, or -1 with err.
 */
int cs_store_iter_events(struct cs_store *st, struct cs_store_iter **it,
    struct cs_error *err);
/*
 * The canonical JSON of event ev (read with its prev_hash) into b (reset
 * first): the bytes its hash is the SHA-256 of.
 */
void cs_store_event_json(const struct cs_event *ev, struct cs_buf *b);
int cs_store_next_event(struct cs_store_iter *it, struct cs_event *ev,
    struct cs_error *err);

#endif
