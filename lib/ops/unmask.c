/*
 * Masking what cs-record writes, and the unmask events of what it shows
 * whole: a walk over a JSON document for show, a first pass over the
 * records for export.
 */
#include <stdlib.h>
#include <string.h>

#include "ops/unmask.h"

void
cs_json_mask(json_t *v, const struct cs_mask *m)
{
	const char *k, *s;
	json_t *x;
	size_t i;
	char *out;

	if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			cs_json_mask(x, m);
		return;
	}
	if (!json_is_object(v))
		return;
	json_object_foreach(v, k, x) {
		if (!json_is_string(x) || !cs_mask_column(m, k)) {
			cs_json_mask(x, m);
			continue;
		}
		s = json_string_value(x);
		out = cs_xmalloc(strlen(s) + 1);
		cs_mask_id(m, s, strlen(s), out);
		json_string_set(x, out);
		free(out);
	}
}

int
cs_json_shows(const json_t *v, const struct cs_mask *m)
{
	const char *k;
	json_t *x;
	size_t i;

	if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			if (cs_json_shows(x, m))
				return 1;
		return 0;
	}
	if (!json_is_object(v))
		return 0;
	json_object_foreach((json_t *)v, k, x) {
		if (json_is_string(x) && cs_mask_column(m, k) &&
		    json_string_length(x) > 0)
			return 1;
		if (cs_json_shows(x, m))
			return 1;
	}
	return 0;
}

int
cs_unmask_commit(struct cs_store *st, const char *subject,
    const struct cs_buf *body, struct cs_error *err)
{
	if (cs_store_begin(st, err) != 0)
		return -1;
	if (cs_store_unmask_event(st, subject, body->s, body->len, err) != 0 ||
	    cs_store_commit(st, err) != 0) {
		cs_store_rollback(st);
		return -1;
	}
	return 0;
}

/* The start of an unmask body: {"as_of":...,"command":...,"records":[ */
static void
body_begin(struct cs_buf *b, const struct cs_disclosure *dc)
{
	cs_buf_adds(b, "{\"as_of\":");
	cs_buf_add_json_str(b, dc->as_of, strlen(dc->as_of));
	cs_buf_adds(b, ",\"command\":");
	cs_buf_add_json_str(b, dc->command, strlen(dc->command));
	cs_buf_adds(b, ",\"records\":[");
}

int
cs_unmask_credit_file(struct cs_store *st, const json_t *doc,
    const char *uscc, const struct cs_disclosure *dc, struct cs_error *err)
{
	const json_t *recs = json_object_get(doc, "records"), *r;
	int reg = cs_json_shows(json_object_get(doc, "entity"), dc->mask);
	const char *id;
	struct cs_buf b;
	size_t i, n = 0;
	int rc = 0;

	cs_buf_init(&b);
	body_begin(&b, dc);
	json_array_foreach(recs, i, r) {
		id = json_string_value(json_object_get(r, "id"));
		if (id == NULL || !cs_json_shows(r, dc->mask))
			continue;
		if (n++ > 0)
			cs_buf_addc(&b, ',');
		cs_buf_add_json_str(&b, id, strlen(id));
	}
	cs_buf_addf(&b, "],\"register\":%s}", reg ? "true" : "false");
	if (n > 0 || reg)
		rc = cs_unmask_commit(st, uscc, &b, err);
	cs_buf_release(&b);
	return rc;
}

/* Does record f have a value in a column of m? */
static int
shows(const struct cs_fields *f, const struct cs_mask *m)
{
	size_t i;

	for (i = 0; i < f->sc->n; i++)
		if (f->v[i] != NULL && cs_mask_column(m, f->sc->cols[i].name))
			return 1;
	for (i = 0; i < f->nx; i++)
		if (cs_mask_column(m, f->xname[i]))
			return 1;
	return 0;
}

int
cs_unmask_records(struct cs_store *st, const struct cs_record_filter *flt,
    const struct cs_disclosure *dc, struct cs_strmap *shown,
    struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_recmeta m;
	struct cs_fields f;
	struct cs_buf b;
	int r, added;

	cs_buf_init(&b);
	cs_fields_init(&f, &cs_record_schema);
	body_begin(&b, dc);
	if (cs_store_iter_records(st, flt, &it, err) != 0) {
		r = -1;
		goto out;
	}
	while ((r = cs_store_next_record(it, &f, &m, err)) == 1) {
		if (!shows(&f, dc->mask))
			continue;
		cs_strmap_put(shown, f.v[R_ID], &added);
		if (!added)
			continue;
		if (shown->n > 1)
			cs_buf_addc(&b, ',');
		cs_buf_add_json_str(&b, f.v[R_ID], f.vlen[R_ID]);
	}
	cs_store_iter_free(it);
	cs_buf_adds(&b, "]}");
	if (r == 0 && shown->n > 0)
		r = cs_unmask_commit(st, "records", &b, err);
out:
	cs_fields_release(&f);
	cs_buf_release(&b);
	return r < 0 ? -1 : 0;
}
