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
};

/* 1 with *ev, 0 when there is no such event, -1 with err. */
int cs_store_event(struct cs_store *st, long seq, struct cs_event *ev,
    struct cs_error *err);

/* Events other than the add that touched record id, in order. */
int cs_store_iter_history(struct cs_store *st, const char *id,
    struct cs_store_iter **it, struct cs_error *err);
int cs_store_next_event(struct cs_store_iter *it, struct cs_event *ev,
    struct cs_error *err);

#endif
