/*
 * Draws in the store: the body of a round's ledger event, what the store
 * holds of a draw before a round is recorded, the recording in one
 * transaction (an escalation continues the same draw), and the state of
 * the drawn targets.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "ops/draws.h"

void
cs_drawing_body(const struct cs_drawing *d, const char *draw_id,
    const char *period, const char *as_of, int round, struct cs_buf *out)
{
	json_t *j = json_object(), *picks = json_array(), *esc = json_array();
	size_t i, jj, m, at = 0, k = (size_t)d->plan->per_target;
	char tk[CS_TICKET_STRLEN];

	for (i = 0; i < d->plan->nclasses; i++) {
		for (jj = 0; jj < d->heap[i].n; jj++, at++) {
			const struct cs_pick *p = &d->heap[i].a[jj];
			json_t *o, *ins;

			if (cs_drawing_round(d, i, (long)jj + 1) != round)
				continue;
			o = json_object();
			cs_ticket_format(&p->t, tk);
			json_object_set_new(o, "uscc", json_string(p->uscc));
			json_object_set_new(o, "class",
			    json_string(d->plan->classes[i]));
			json_object_set_new(o, "ticket", json_string(tk));
			json_object_set_new(o, "rank", json_integer((json_int_t)
			    jj + 1));
			json_object_set_new(o, "round", json_integer(round));
			if (d->in.inspectors != NULL && d->why[at] == NULL) {
				ins = json_array();
				for (m = 0; m < k; m++)
					json_array_append_new(ins, json_string(
					    d->ins[d->chosen[at * k + m]].id));
				json_object_set_new(o, "inspectors", ins);
			}
			if (d->why[at] != NULL)
				json_object_set_new(o, "unassigned",
				    json_string(d->why[at]));
			json_array_append_new(picks, o);
		}
	}
	for (i = 0; i < d->in.nesc; i++)
		json_array_append_new(esc, json_integer(d->in.esc[i]));
	json_object_set_new(j, "as_of", json_string(as_of));
	json_object_set_new(j, "draw_id", json_string(draw_id));
	json_object_set_new(j, "plan", json_string(d->plan->id));
	json_object_set_new(j, "plan_hash", json_string(d->plan->hash));
	json_object_set_new(j, "period", json_string(period));
	json_object_set_new(j, "seed", json_stringn(d->in.seed,
	    d->in.seedlen));
	json_object_set_new(j, "frame_hash", json_string(d->frame_hash));
	if (d->in.inspectors != NULL)
		json_object_set_new(j, "inspectors_hash",
		    json_string(d->ins_hash));
	if (d->in.conflicts != NULL)
		json_object_set_new(j, "conflicts_hash",
		    json_string(d->conf_hash));
	json_object_set_new(j, "escalations", esc);
	json_object_set_new(j, "round", json_integer(round));
	json_object_set_new(j, "picks", picks);
	cs_buf_reset(out);
	/* Only strings and integers: canonical JSON cannot fail here. */
	if (cs_canon_json(j, out) != 0)
		cs_xfail("canonical JSON of a draw");
	json_decref(j);
}

int
cs_draw_count_done(struct cs_store *st, const char *draw_id, long *done,
    struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_target t;
	int r;

	*done = 0;
	if (cs_store_iter_targets(st, draw_id, &it, err) != 0)
		return -1;
	while ((r = cs_store_next_target(it, &t, err)) == 1)
		if (strcmp(cs_target_state(t.result), "done") == 0)
			(*done)++;
	cs_store_iter_free(it);
	return r < 0 ? -1 : 0;
}

int
cs_draw_prior_read(struct cs_store *st, const char *draw_id, int escalating,
    struct cs_draw_prior *p, struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_draw rec;
	const char *e;
	char *end;
	int r;

	memset(p, 0, sizeof(*p));
	if (cs_store_iter_draws(st, draw_id, &it, err) != 0)
		return -1;
	r = cs_store_next_draw(it, &rec, err);
	if (r == 1 && !escalating)
		cs_error_set(err, CS_EX_DATAERR, NULL, 0, "draw '%s' is recorded "
		    "already (ledger seq %ld); --escalate=N adds tickets to it",
		    draw_id, rec.seq);
	else if (r == 0 && escalating)
		cs_error_set(err, CS_EX_DATAERR, NULL, 0, "no recorded draw '%s' "
		    "to escalate", draw_id);
	if (r == 1 && escalating) {
		p->recorded = 1;
		p->seq = rec.seq;
		p->seed = cs_xstrdup(rec.seed);
		p->frame_hash = cs_xstrdup(rec.frame_hash);
		p->inspectors_hash = rec.inspectors_hash != NULL ?
		    cs_xstrdup(rec.inspectors_hash) : NULL;
		p->conflicts_hash = rec.conflicts_hash != NULL ?
		    cs_xstrdup(rec.conflicts_hash) : NULL;
		for (e = rec.escalations; *e != '\0'; e = end) {
			p->esc = cs_xreallocarray(p->esc, p->nesc + 1,
			    sizeof(long));
			p->esc[p->nesc++] = strtol(e, &end, 10);
			if (*end == ',')
				end++;
			if (end == e)
				break;
		}
	}
	cs_store_iter_free(it);
	return r < 0 || (r == 1) != (escalating != 0) ? -1 : 0;
}

void
cs_draw_prior_release(struct cs_draw_prior *p)
{
	free(p->seed);
	free(p->frame_hash);
	free(p->inspectors_hash);
	free(p->conflicts_hash);
	free(p->esc);
	memset(p, 0, sizeof(*p));
}

/* Inside the transaction: is the draw as p read it (no other run since)? */
static int
still_same(struct cs_store *st, const char *draw_id,
    const struct cs_draw_prior *p, struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_draw now;
	int r;

	if (cs_store_iter_draws(st, draw_id, &it, err) != 0)
		return -1;
	r = cs_store_next_draw(it, &now, err);
	cs_store_iter_free(it);
	if (r < 0)
		return -1;
	if ((r == 1) != p->recorded || (r == 1 && now.seq != p->seq))
		return cs_error_set(err, CS_EX_TEMPFAIL, NULL, 0, "draw '%s' "
		    "was recorded by another run meanwhile; nothing was "
		    "recorded: run again", draw_id);
	return 0;
}

/*
 * Does d continue the recorded draw p: the same seed, frame, plan (the
 * plan_hash of its last event, when it has one), inspectors and
 * conflicts?  0, or -1 with err (65) naming what differs.
 */
static int
continues(const struct cs_drawing *d, const struct cs_draw_prior *p,
    struct cs_store *st, const char *draw_id, struct cs_error *err)
{
	struct cs_event ev = { 0 };
	const char *why = NULL, *ph;
	json_t *j;

	if (cs_store_event(st, p->seq, &ev, err) < 0)
		return -1;
	j = ev.body != NULL ? json_loads(ev.body, 0, NULL) : NULL;
	ph = json_string_value(json_object_get(j, "plan_hash"));
	if (ph != NULL && strcmp(ph, d->plan->hash) != 0) {
		json_decref(j);
		return cs_error_set(err, CS_EX_DATAERR, d->plan->file, 0, "the "
		    "plan differs from the one of recorded draw '%s' "
		    "(plan_hash): an escalation continues the same draw",
		    draw_id);
	}
	json_decref(j);
	if (strlen(p->seed) != d->in.seedlen ||
	    memcmp(p->seed, d->in.seed, d->in.seedlen) != 0)
		why = "seed";
	else if (strcmp(p->frame_hash, d->frame_hash) != 0)
		why = "frame (frame_hash)";
	else if ((p->inspectors_hash == NULL) != (d->in.inspectors == NULL) ||
	    (p->inspectors_hash != NULL &&
	    strcmp(p->inspectors_hash, d->ins_hash) != 0))
		why = "inspectors file";
	else if ((p->conflicts_hash == NULL) != (d->in.conflicts == NULL) ||
	    (p->conflicts_hash != NULL &&
	    strcmp(p->conflicts_hash, d->conf_hash) != 0))
		why = "conflicts file";
	if (why == NULL)
		return 0;
	return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "the %s differs from "
	    "the one of recorded draw '%s': an escalation continues the "
	    "same draw", why, draw_id);
}

int
cs_drawing_record(struct cs_store *st, const struct cs_drawing *d,
    const struct cs_draw_prior *p, const char *draw_id, const char *period,
    const char *as_of, int round, int (*receipt)(void *ctx,
    struct cs_error *err), void *ctx, long *seq, struct cs_error *err)
{
	struct cs_buf body;
	size_t i;
	long entities = 0;
	int rc = -1;

	for (i = 0; i < d->plan->nclasses; i++)
		entities += d->n[i];
	if (entities == 0)
		return cs_error_set(err, CS_EX_DATAERR, d->name, 0, "the frame "
		    "holds no entity: a draw of nothing is not recorded");
	if (p->recorded && continues(d, p, st, draw_id, err) != 0)
		return -1;
	cs_buf_init(&body);
	cs_drawing_body(d, draw_id, period, as_of, round, &body);
	if (cs_store_begin(st, err) != 0)
		goto out;
	if (still_same(st, draw_id, p, err) != 0 ||
	    cs_store_record_draw(st, draw_id, body.s, body.len, seq,
	    err) != 0 || (receipt != NULL && receipt(ctx, err) != 0) ||
	    cs_store_commit(st, err) != 0) {
		cs_store_rollback(st);
		goto out;
	}
	rc = 0;
out:
	cs_buf_release(&body);
	return rc;
}
