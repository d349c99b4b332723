/*
 * The listings of cs-blacklist that read the store or the rules: entries
 * by id or by query (with the unmask event recorded first), and the
 * measures catalogue.
 */
#include <stdlib.h>
#include <string.h>

#include "ops/entries.h"

const char *const cs_proposal_cols[CS_PROPOSAL_NCOLS] = {
	"uscc", "name", "list", "basis", "reason", "qualifies"
};

const char *const cs_measure_cols[CS_MEASURE_NCOLS] = {
	"code", "title", "en", "dept", "basis", "lists"
};

int
cs_entries_write(struct cs_store *st, const long *ids, size_t n,
    int unmasked, const struct cs_lists *ls, int decision,
    struct cs_writer *w, struct cs_error *err)
{
	struct cs_list_notice_info no = { .mask = ls->mask };
	struct cs_lentry_row row = { 0 };
	struct cs_event ev;
	struct cs_lrow e;
	size_t i;
	char *body;
	int rc = -1;

	for (i = 0; i < n; i++) {
		if (cs_store_event(st, ids[i], &ev, err) != 1)
			goto out;
		body = cs_xstrdup(ev.body);
		if (cs_store_lentry(st, ids[i], &e, err) != 1) {
			free(body);
			goto out;
		}
		e.body = body;
		cs_lentry_row(&row, &e, &no, unmasked, decision ?
		    cs_lists_type(ls, e.list) : NULL);
		cs_writer_row(w, row.v, NULL);
		free(body);
	}
	rc = 0;
out:
	cs_list_notice_info_release(&no);
	cs_buf_release(&row.measures);
	return rc;
}

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* Is id among ids[0..n) (ascending)? */
static int
bsearch_long(const long *ids, size_t n, long id)
{
	return n > 0 && bsearch(&id, ids, n, sizeof(long), cmp_long) != NULL;
}

int
cs_entries_list(struct cs_store *st, const struct cs_entries_query *q,
    struct cs_writer *w, struct cs_error *err)
{
	struct cs_list_notice_info no = { .mask = q->lists->mask };
	struct cs_lentry_row row = { 0 };
	struct cs_store_iter *it;
	struct cs_lrow e;
	long *ids = NULL;
	size_t n = 0;
	int r = 0, pass, rc = -1;

	for (pass = q->unmasked ? 0 : 1; pass < 2; pass++) {
		if (pass == 1) {
			if (q->unmasked && cs_list_record_unmask(st, ids, n,
			    q->as_of, q->command, err) != 0)
				goto out;
			cs_writer_begin(w);
		}
		if (cs_store_iter_lentries(st, q->list, q->state, q->as_of,
		    &it, err) != 0)
			goto out;
		while ((r = cs_store_next_lentry(it, &e, err)) == 1) {
			if (pass == 0) {
				ids = cs_xreallocarray(ids, n + 1,
				    sizeof(long));
				ids[n++] = e.entry_id;
				continue;
			}
			cs_lentry_row(&row, &e, &no, q->unmasked &&
			    bsearch_long(ids, n, e.entry_id), NULL);
			cs_writer_row(w, row.v, NULL);
		}
		cs_store_iter_free(it);
		if (r < 0)
			goto out;
	}
	rc = 0;
out:
	cs_list_notice_info_release(&no);
	cs_buf_release(&row.measures);
	free(ids);
	return rc;
}

void
cs_measures_write(const struct cs_lists *ls, const char *list,
    const char *dept, struct cs_writer *w)
{
	const struct cs_ltype *lt = NULL;
	const char *v[CS_MEASURE_NCOLS];
	struct cs_buf b;
	size_t i;

	if (list != NULL)
		lt = cs_lists_type(ls, list);
	cs_buf_init(&b);
	for (i = 0; i < ls->nmeasures; i++) {
		const struct cs_measure *m = &ls->measures[i];

		if (dept != NULL && strcmp(dept, m->dept) != 0)
			continue;
		if (lt != NULL && !cs_ltype_has_measure(lt, m->code))
			continue;
		cs_lists_of_measure(ls, m->code, &b);
		v[0] = m->code;
		v[1] = m->title;
		v[2] = m->en;
		v[3] = m->dept;
		v[4] = m->basis;
		v[5] = b.s;
		cs_writer_row(w, v, NULL);
	}
	cs_buf_release(&b);
}

void
cs_notice_from_row(struct cs_list_notice *n, const struct cs_row *row,
    const char *const *sets, size_t nsets)
{
	int i;

	memset(n, 0, sizeof(*n));
	n->uscc = cs_row_trimmed(row, "uscc", sets, nsets);
	n->name = cs_row_trimmed(row, "name", sets, nsets);
	n->list = cs_row_trimmed(row, "list", sets, nsets);
	n->basis = cs_row_trimmed(row, "basis", sets, nsets);
	n->reasons = cs_row_trimmed(row, "reasons", sets, nsets);
	if (n->reasons == NULL)
		n->reasons = cs_row_trimmed(row, "reason", sets, nsets);
	n->noticed_on = cs_row_trimmed(row, "noticed_on", sets, nsets);
	for (i = 0; i < CS_LP_N; i++)
		n->person[i] = cs_row_trimmed(row, cs_list_person_cols[i],
		    sets, nsets);
}

void
cs_act_from_row(struct cs_list_act *a, const struct cs_row *row,
    const char *day_col, const char *const *sets, size_t nsets)
{
	memset(a, 0, sizeof(*a));
	a->entry_id = cs_row_trimmed(row, "entry_id", sets, nsets);
	a->on = cs_row_trimmed(row, day_col, sets, nsets);
	a->reason = cs_row_trimmed(row, "reason", sets, nsets);
	a->outcome = cs_row_trimmed(row, "outcome", sets, nsets);
	a->removal = cs_row_trimmed(row, "removal", sets, nsets);
	a->term = cs_row_trimmed(row, "term", sets, nsets);
	a->evidence = cs_row_trimmed(row, "evidence", sets, nsets);
}

int
cs_notices_write(struct cs_store *st, const struct cs_lists *ls,
    const long *ids, size_t n, int unmasked, struct cs_writer *w,
    struct cs_error *err)
{
	struct cs_lnotice_row row = { 0 };
	size_t i;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		rc = cs_lnotice_row(&row, st, ls, ids[i], unmasked, err);
		if (rc == 0)
			cs_writer_row(w, row.v, NULL);
	}
	cs_lnotice_row_release(&row);
	return rc;
}

/* Write one candidate of cs_list_propose. */
static void
proposal_row(void *ctx, const char *const v[CS_PROPOSAL_NCOLS])
{
	cs_writer_row(ctx, v, NULL);
}

int
cs_proposals_write(struct cs_store *st, const struct cs_lists *ls,
    const char *list, const char *as_of, struct cs_writer *w,
    struct cs_error *err)
{
	size_t i;

	for (i = 0; i < ls->ntypes; i++)
		if ((list == NULL || strcmp(list, ls->types[i].name) == 0) &&
		    cs_list_propose(st, &ls->types[i], as_of, proposal_row, w,
		    err) != 0)
			return -1;
	return 0;
}
