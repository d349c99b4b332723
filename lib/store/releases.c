/*
 * The release event of cs-publish and the release_ids events before it
 * (applied by release_apply.c to the tables releases, published and
 * withdrawals, again in verify's replay)
 * and the look-ups of release, due and lateness.
 */
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

static const struct store_stmt rel_last = { S_RELEASE_LAST,
	"SELECT release_id, as_of, manifest_sha256, previous, cut_seq, seq"
	" FROM releases ORDER BY as_of DESC, seq DESC LIMIT 1" };
static const struct store_stmt rel_get = { S_RELEASE_GET,
	"SELECT release_id, as_of, manifest_sha256, previous, cut_seq, seq"
	" FROM releases WHERE release_id = ?1" };
static const struct store_stmt pub_get = { S_PUBLISHED_GET,
	"SELECT as_of, release_id FROM published WHERE id = ?1" };
static const struct store_stmt wd_get = { S_WITHDRAWN_GET,
	"SELECT as_of, release_id FROM withdrawals WHERE id = ?1" };

int
cs_store_add_release(struct cs_store *st, const char *release_id,
    const char *body, size_t blen, long *seq, struct cs_error *err)
{
	if (store_append_apply(st, "release", release_id, body, blen, seq,
	    err) != 0)
		return -1;
	return 1;
}

int
cs_store_add_release_ids(struct cs_store *st, const char *release_id,
    const char *body, size_t blen, struct cs_error *err)
{
	long seq;

	return store_append_apply(st, "release_ids", release_id, body, blen,
	    &seq, err);
}

static int
release_row(struct cs_store *st, sqlite3_stmt *s, struct cs_release *r,
    struct cs_error *err)
{
	int rc = store_row(st, s, err, "read the releases");

	if (rc != 1)
		return rc;
	store_copy_col(s, 0, r->release_id, sizeof(r->release_id));
	store_copy_col(s, 1, r->as_of, sizeof(r->as_of));
	store_copy_col(s, 2, r->manifest_sha256, sizeof(r->manifest_sha256));
	store_copy_col(s, 3, r->previous, sizeof(r->previous));
	r->cut_seq = sqlite3_column_int64(s, 4);
	r->seq = sqlite3_column_int64(s, 5);
	sqlite3_reset(s);
	return 1;
}

int
cs_store_last_release(struct cs_store *st, struct cs_release *r,
    struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &rel_last, err);

	if (s == NULL)
		return -1;
	return release_row(st, s, r, err);
}

int
cs_store_release(struct cs_store *st, const char *release_id,
    struct cs_release *r, struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &rel_get, err);

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, release_id);
	return release_row(st, s, r, err);
}

int
cs_store_published(struct cs_store *st, const char *id, int withdrawn,
    char as_of[11], char *rel, struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, withdrawn ? &wd_get :
	    &pub_get, err);
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, id);
	rc = store_row(st, s, err, "read the published rows");
	if (rc != 1)
		return rc;
	store_copy_col(s, 0, as_of, 11);
	if (rel != NULL)
		store_copy_col(s, 1, rel, 64);
	sqlite3_reset(s);
	return 1;
}

/* The id of the row, as it is in the statement. */
static int
read_pub_id(struct cs_store_iter *it, void *row, struct cs_error *err)
{
	(void)err;
	*(const char **)row = store_col(it->q, 0);
	return 1;
}

static const struct store_query pub_ids_query = {
	"SELECT id FROM published ORDER BY id", "read the published rows",
	read_pub_id
};

int
cs_store_iter_published(struct cs_store *st, struct cs_store_iter **it,
    struct cs_error *err)
{
	return store_iter_open(st, &pub_ids_query, NULL, NULL, 0, it, err);
}

int
cs_store_next_published(struct cs_store_iter *it, const char **id,
    struct cs_error *err)
{
	return store_iter_next(it, id, err);
}
