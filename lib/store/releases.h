/*
 * Releases of cs-publish in the store: the release event (its manifest
 * hash, the ledger size it was cut at, the records it published first
 * and those it withdrew) and the tables it derives: releases, published
 * (the first release that carried a record) and withdrawals.
 */
#ifndef CS_STORE_RELEASES_H
#define CS_STORE_RELEASES_H

#include "core/util.h"
#include "store/db.h"

/* A release as the store knows it. */
struct cs_release {
	char release_id[64];
	char as_of[11];
	char manifest_sha256[65];
	char previous[64];		/* "" for the first */
	long cut_seq;			/* ledger size at the cut */
	long seq;			/* its release event */
};

/*
 * Append a "release_ids" event with body (canonical JSON: release_id,
 * as_of, part, published and withdrawn, arrays of record ids: a part of
 * the ids of a release, parts numbered from 1) and apply it.  Inside the
 * transaction of the release, before cs_store_add_release.  0, or -1
 * with err (65: a part out of order).
 */
int cs_store_add_release_ids(struct cs_store *st, const char *release_id,
    const char *body, size_t blen, struct cs_error *err);
/*
 * Append a "release" event with body (canonical JSON: release_id, as_of,
 * manifest_sha256, previous, cut_seq, id_parts and ids_sha256; see cs(7))
 * and apply it: its id_parts release_ids events must come just before
 * it.  Inside a transaction.  1 with *seq, or -1 with err (65: the parts
 * before it are not those it names).
 */
int cs_store_add_release(struct cs_store *st, const char *release_id,
    const char *body, size_t blen, long *seq, struct cs_error *err);
/* The last release (by as_of): 1 with *r, 0 when none, -1 with err. */
int cs_store_last_release(struct cs_store *st, struct cs_release *r,
    struct cs_error *err);
/* The release release_id: 1 with *r, 0 when none, -1 with err. */
int cs_store_release(struct cs_store *st, const char *release_id,
    struct cs_release *r, struct cs_error *err);
/*
 * When record id was first published (withdrawn: when it was withdrawn):
 * 1 with the release's as_of in as_of (and its id in rel, 64 bytes, may
 * be NULL), 0 when never, -1 with err.
 */
int cs_store_published(struct cs_store *st, const char *id, int withdrawn,
    char as_of[11], char *rel, struct cs_error *err);
/*
 * The ids ever published, by id (bytes, the order of the records by_id),
 * to merge in step with the records rather than look each one up.
 * cs_store_next_published: 1 with *id (valid until the next call), 0 at
 * the end, -1 with err.
 */
int cs_store_iter_published(struct cs_store *st, struct cs_store_iter **it,
    struct cs_error *err);
int cs_store_next_published(struct cs_store_iter *it, const char **id,
    struct cs_error *err);

#endif
