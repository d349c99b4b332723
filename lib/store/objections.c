/*
 * Objections to records: the "object" and "resolve" events, and reading
 * objections back.  An objection's id is the seq of its object event,
 * whose body also holds the reason given.
 */
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

static const struct store_stmt obj_get = { S_OBJ_GET,
	"SELECT objection_id, id, uscc, filed_on, answer_by, state, outcome,"
	" resolved_on, seq FROM objections WHERE objection_id = ?1" };

int
cs_store_object(struct cs_store *st, const char *id, const char *uscc,
    const char *filed_on, const char *answer_by, const char *reason,
    long *objection_id, struct cs_error *err)
{
	struct cs_buf *b = &st->tmp;

	cs_buf_reset(b);
	cs_buf_addc(b, '{');
	store_json_member(b, "answer_by", answer_by);
	store_json_member(b, "filed_on", filed_on);
	store_json_member(b, "id", id);
	store_json_member(b, "reason", reason);
	store_json_member(b, "uscc", uscc);
	cs_buf_addc(b, '}');
	return store_append_apply(st, "object", uscc, b->s, b->len,
	    objection_id, err);
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
	store_version_body(b, newf ? changes : NULL, id);
	cs_buf_addf(b, ",\"objection_id\":%ld", objection_id);
	store_json_member(b, "outcome", outcome);
	store_json_member(b, "reason", reason);
	if (newf != NULL) {
		cs_buf_adds(b, ",\"record\":");
		cs_fields_json(newf, b, -1);
	}
	store_json_member(b, "resolved_on", resolved_on);
	if (revoke)
		cs_buf_adds(b, ",\"revoke\":true");
	cs_buf_addc(b, '}');
	return store_append_apply(st, "resolve", newf ? newf->v[R_USCC] : uscc,
	    b->s, b->len, seq, err);
}

/* The columns of obj_get and of the objections query. */
static void
read_objection_cols(sqlite3_stmt *s, struct cs_objection *o)
{
	o->objection_id = sqlite3_column_int64(s, 0);
	store_copy_col(s, 1, o->id, sizeof(o->id));
	store_copy_col(s, 2, o->uscc, sizeof(o->uscc));
	store_copy_col(s, 3, o->filed_on, sizeof(o->filed_on));
	store_copy_col(s, 4, o->answer_by, sizeof(o->answer_by));
	store_copy_col(s, 5, o->state, sizeof(o->state));
	store_copy_col(s, 6, o->outcome, sizeof(o->outcome));
	store_copy_col(s, 7, o->resolved_on, sizeof(o->resolved_on));
	o->seq = sqlite3_column_int64(s, 8);
	o->reason = NULL;
}

int
cs_store_objection(struct cs_store *st, long objection_id,
    struct cs_objection *o, struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &obj_get, err);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, objection_id);
	rc = store_row(st, s, err, "look up the objection");
	if (rc == 1) {
		read_objection_cols(s, o);
		sqlite3_reset(s);
	}
	return rc;
}

/* The objection error of a ledger event that holds none. */
static int
not_an_objection(struct cs_store *st, long seq, struct cs_error *err)
{
	return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "store '%s': "
	    "ledger seq %ld does not hold an objection; run 'cs-record "
	    "verify'", st->path, seq);
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
	if (store_jstr(j, "reason") == NULL) {
		json_decref(j);
		return not_an_objection(st, objection_id, err);
	}
	*reason = cs_xstrdup(store_jstr(j, "reason"));
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

static int
read_objection(struct cs_store_iter *it, void *row, struct cs_error *err)
{
	struct cs_objection *o = row;

	read_objection_cols(it->q, o);
	/* The reason is in the object event, read in the same query. */
	json_decref(it->body);
	it->body = json_loads(store_col(it->q, 9), 0, NULL);
	o->reason = store_jstr(it->body, "reason");
	if (o->reason == NULL)
		return not_an_objection(it->st, o->objection_id, err);
	return 1;
}

static const struct store_query objections_query = {
	"SELECT o.objection_id, o.id, o.uscc, o.filed_on,"
	" o.answer_by, o.state, o.outcome, o.resolved_on, o.seq,"
	" cs_body(l.body, l.subject)"
	" FROM objections o JOIN ledger l ON l.seq = o.objection_id"
	" WHERE (?1 IS NULL OR o.state = ?1) AND (?2 IS NULL OR o.id = ?2)"
	" AND (?3 IS NULL OR (o.state = 'open' AND o.answer_by < ?3))"
	" ORDER BY o.objection_id",
	"read the objections", read_objection
};

int
cs_store_iter_objections(struct cs_store *st, const char *state,
    const char *id, int overdue, const char *as_of,
    struct cs_store_iter **it, struct cs_error *err)
{
	const char *args[] = { state, id, overdue ? as_of : NULL };

	return store_iter_open(st, &objections_query, NULL, args, 3, it, err);
}

int
cs_store_next_objection(struct cs_store_iter *it, struct cs_objection *o,
    struct cs_error *err)
{
	return store_iter_next(it, o, err);
}
