/*
 * The draws of cs-sample: recording a round as a "draw" event, and the
 * listings of draws, of drawn targets with their inspection results, and
 * of USCCs (drawn in a period, or of a register status) for the frames.
 */
#include <string.h>

#include "store/internal.h"

int
cs_store_record_draw(struct cs_store *st, const char *draw_id,
    const char *body, size_t blen, long *seq, struct cs_error *err)
{
	return store_append_apply(st, "draw", draw_id, body, blen, seq, err);
}

static int
read_draw(struct cs_store_iter *it, void *row, struct cs_error *err)
{
	struct cs_draw *d = row;
	sqlite3_stmt *q = it->q;

	(void)err;
	store_copy_col(q, 0, d->draw_id, sizeof(d->draw_id));
	store_copy_col(q, 1, d->plan, sizeof(d->plan));
	store_copy_col(q, 2, d->period, sizeof(d->period));
	store_copy_col(q, 3, d->drawn_on, sizeof(d->drawn_on));
	d->targets = sqlite3_column_int64(q, 4);
	d->seq = sqlite3_column_int64(q, 5);
	d->seed = store_col(q, 6);
	d->frame_hash = store_col(q, 7);
	d->inspectors_hash = store_col(q, 8);
	d->conflicts_hash = store_col(q, 9);
	d->escalations = store_col(q, 10);
	return 1;
}

static const struct store_query draws_query = {
	"SELECT draw_id, plan, period, drawn_on, targets, seq,"
	" seed, frame_hash, inspectors_hash, conflicts_hash, escalations"
	" FROM draws d WHERE ?1 IS NULL OR draw_id = ?1 ORDER BY draw_id",
	"read the draws", read_draw
};

int
cs_store_iter_draws(struct cs_store *st, const char *draw_id,
    struct cs_store_iter **it, struct cs_error *err)
{
	return store_iter_open(st, &draws_query, NULL, &draw_id, 1, it, err);
}

int
cs_store_next_draw(struct cs_store_iter *it, struct cs_draw *d,
    struct cs_error *err)
{
	return store_iter_next(it, d, err);
}

/* The result of t: the record version held by event rseq. */
static int
read_result(struct cs_store_iter *it, long rseq, struct cs_target *t,
    struct cs_error *err)
{
	const json_t *rec;
	struct cs_event ev;
	int rc;

	rc = cs_store_event(it->st, rseq, &ev, err);
	if (rc < 0)
		return -1;
	it->body = rc ? json_loads(ev.body, 0, NULL) : NULL;
	rec = it->body ? store_body_record(ev.action, it->body) : NULL;
	if (rec == NULL)
		return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "store "
		    "'%s': ledger seq %ld does not hold a record; run "
		    "'cs-record verify'", it->st->path, rseq);
	t->result_id = store_jstr(rec, "id");
	t->decided_on = store_jstr(rec, "decided_on");
	t->result = store_jstr(json_object_get(rec, "extra"), "result");
	if (t->result == NULL)
		t->result = "";
	return 1;
}

static int
read_target(struct cs_store_iter *it, void *row, struct cs_error *err)
{
	struct cs_target *t = row;
	sqlite3_stmt *q = it->q;

	store_copy_col(q, 0, t->draw_id, sizeof(t->draw_id));
	store_copy_col(q, 1, t->uscc, sizeof(t->uscc));
	store_copy_col(q, 2, t->cls, sizeof(t->cls));
	t->rank = sqlite3_column_int64(q, 3);
	t->round = sqlite3_column_int(q, 4);
	store_copy_col(q, 5, t->drawn_on, sizeof(t->drawn_on));
	t->ticket = store_col(q, 6);
	t->inspectors = store_col(q, 7);
	t->unassigned = store_col(q, 8);
	t->result = NULL;
	t->result_id = NULL;
	t->decided_on = NULL;
	json_decref(it->body);
	it->body = NULL;
	if (sqlite3_column_type(q, 9) == SQLITE_NULL)
		return 1;
	return read_result(it, sqlite3_column_int64(q, 9), t, err);
}

static const struct store_query targets_query = {
	"SELECT p.draw_id, p.uscc, p.class, p.rank, p.round,"
	" p.drawn_on, p.ticket, p.inspectors, p.unassigned,"
	" (SELECT r.seq FROM records r WHERE r.ref = p.draw_id AND"
	" r.uscc = p.uscc AND r.type = 'inspection' AND"
	" r.status = 'active' ORDER BY r.decided_on DESC, r.rid DESC"
	" LIMIT 1)"
	" FROM draw_picks p WHERE ?1 IS NULL OR p.draw_id = ?1"
	" ORDER BY p.draw_id, p.class, p.rank",
	"read the drawn targets", read_target
};

int
cs_store_iter_targets(struct cs_store *st, const char *draw_id,
    struct cs_store_iter **it, struct cs_error *err)
{
	return store_iter_open(st, &targets_query, NULL, &draw_id, 1, it, err);
}

int
cs_store_next_target(struct cs_store_iter *it, struct cs_target *t,
    struct cs_error *err)
{
	return store_iter_next(it, t, err);
}

static int
read_uscc(struct cs_store_iter *it, void *row, struct cs_error *err)
{
	(void)err;
	store_copy_col(it->q, 0, row, 19);
	return 1;
}

static const struct store_query drawn_query = {
	"SELECT DISTINCT uscc FROM draw_picks"
	" WHERE drawn_on > ?1 AND drawn_on <= ?2",
	"read the entities", read_uscc
};

static const struct store_query status_query = {
	"SELECT uscc FROM entities WHERE status = ?1 ORDER BY uscc",
	"read the entities", read_uscc
};

int
cs_store_iter_drawn(struct cs_store *st, const char *after, const char *upto,
    struct cs_store_iter **it, struct cs_error *err)
{
	const char *args[] = { after, upto };

	return store_iter_open(st, &drawn_query, NULL, args, 2, it, err);
}

int
cs_store_iter_status(struct cs_store *st, const char *status,
    struct cs_store_iter **it, struct cs_error *err)
{
	return store_iter_open(st, &status_query, NULL, &status, 1, it, err);
}

int
cs_store_next_uscc(struct cs_store_iter *it, char uscc[19],
    struct cs_error *err)
{
	return store_iter_next(it, uscc, err);
}
