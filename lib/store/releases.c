/*
 * The release event of cs-publish and the tables it derives (releases,
 * published, withdrawals), written as it is appended and again by
 * verify's replay; and the look-ups of due and lateness.
 */
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

static const struct store_stmt rel_insert = { S_RELEASE_INSERT,
	"INSERT INTO @.releases (release_id, as_of, manifest_sha256, previous,"
	" cut_seq, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6)" };
static const struct store_stmt pub_insert = { S_PUBLISHED_INSERT,
	"INSERT INTO @.published (id, release_id, as_of, seq)"
	" VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO NOTHING" };
static const struct store_stmt wd_insert = { S_WITHDRAWN_INSERT,
	"INSERT INTO @.withdrawals (id, release_id, as_of, seq)"
	" VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO NOTHING" };
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

/* Insert each id of the array a with stmt. */
static int
ids_insert(struct cs_store *st, int sh, const struct store_stmt *def,
    const json_t *a, const char *rel, const char *as_of, long seq,
    struct cs_error *err)
{
	sqlite3_stmt *s;
	const json_t *v;
	size_t i;

	json_array_foreach(a, i, v) {
		s = store_prep(st, sh, def, err);
		if (s == NULL)
			return -1;
		store_bind_text(s, 1, json_string_value(v));
		store_bind_text(s, 2, rel);
		store_bind_text(s, 3, as_of);
		sqlite3_bind_int64(s, 4, seq);
		if (store_run(st, s, err, "record a published row") != 0)
			return -1;
	}
	return 0;
}

static int
strings(const json_t *a)
{
	const json_t *v;
	size_t i;

	if (!json_is_array(a))
		return 0;
	json_array_foreach(a, i, v)
		if (!json_is_string(v))
			return 0;
	return 1;
}

int
store_apply_release(struct cs_store *st, int sh, long seq, const char *action,
    const json_t *j, struct cs_fields *f, struct cs_error *err)
{
	const char *rel = store_jstr(j, "release_id");
	const char *as_of = store_jstr(j, "as_of");
	const json_t *cut = json_object_get(j, "cut_seq");
	const json_t *pub = json_object_get(j, "published");
	const json_t *wd = json_object_get(j, "withdrawn");
	sqlite3_stmt *s;

	(void)action, (void)f;
	if (rel == NULL || as_of == NULL || !json_is_integer(cut) ||
	    store_jstr(j, "manifest_sha256") == NULL || !strings(pub) ||
	    !strings(wd))
		return 1;
	s = store_prep(st, sh, &rel_insert, err);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, rel);
	store_bind_text(s, 2, as_of);
	store_bind_text(s, 3, store_jstr(j, "manifest_sha256"));
	store_bind_text(s, 4, store_jstr(j, "previous"));
	sqlite3_bind_int64(s, 5, (long)json_integer_value(cut));
	sqlite3_bind_int64(s, 6, seq);
	if (store_run(st, s, err, "record the release") != 0)
		return -1;
	if (ids_insert(st, sh, &pub_insert, pub, rel, as_of, seq, err) != 0 ||
	    ids_insert(st, sh, &wd_insert, wd, rel, as_of, seq, err) != 0)
		return -1;
	return 0;
}

int
cs_store_add_release(struct cs_store *st, const char *release_id,
    const char *body, size_t blen, long *seq, struct cs_error *err)
{
	if (store_append_apply(st, "release", release_id, body, blen, seq,
	    err) != 0)
		return -1;
	return 1;
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
