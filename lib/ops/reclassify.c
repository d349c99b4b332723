/*
 * Reclassify the derived severities of the store by severity.json as it
 * is now: each change one correction event with its reason.
 */
#include <stdlib.h>
#include <string.h>

#include "ops/list_actions.h"
#include "ops/reclassify.h"

/* The seqs of the versions to look at: derived, active, decided by as_of. */
static int
collect(struct cs_store *st, const char *as_of, long **seqs, size_t *n,
    struct cs_error *err)
{
	struct cs_record_filter flt = { 0 };
	struct cs_store_iter *it;
	struct cs_recmeta m;
	struct cs_fields f;
	int r;

	*seqs = NULL;
	*n = 0;
	flt.decided_to = as_of;
	flt.by_decision = 1;
	flt.derived = 1;
	if (cs_store_iter_records(st, &flt, &it, err) != 0)
		return -1;
	cs_fields_init(&f, &cs_record_schema);
	while ((r = cs_store_next_record(it, &f, &m, err)) == 1) {
		*seqs = cs_xreallocarray(*seqs, *n + 1, sizeof(long));
		(*seqs)[(*n)++] = m.seq;
	}
	cs_fields_release(&f);
	cs_store_iter_free(it);
	return r < 0 ? -1 : 0;
}

/*
 * Look at the version of seq: ops->tmp the stored one, ops->nf the one
 * the rules give now.  1 changed, 0 unchanged, 2 underivable (why), -1.
 */
static int
look(struct cs_recops *ops, long seq, char *why, size_t whysz,
    struct cs_error *err)
{
	char *p;
	int r;

	if (cs_store_record_version(ops->st, seq, &ops->tmp, err) != 0 ||
	    cs_store_record_version(ops->st, seq, &ops->nf, err) != 0)
		return -1;
	cs_fields_put(&ops->nf, R_SEVERITY, NULL, 0);
	cs_fields_put(&ops->nf, R_SEVERITY_RULE, NULL, 0);
	r = cs_rec_derive_severity(&ops->ru->sev, &ops->nf, why, whysz);
	if (r < 0) {
		/* The reason alone, without the words of a row's reject. */
		p = strstr(why, ": ");
		if (p != NULL)
			memmove(why, p + 2, strlen(p + 2) + 1);
		return 2;
	}
	if (r == 0) {
		cs_fmt(why, whysz, "severity.json derives no severity of type "
		    "'%s' any more", ops->tmp.v[R_TYPE]);
		return 2;
	}
	return cs_fields_diff(&ops->tmp, &ops->nf, &ops->changes) > 0;
}

int
cs_rec_reclassify_ready(const struct cs_recops *ops, struct cs_error *err)
{
	if (ops->ru->sev.loaded)
		return 0;
	return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "the rules "
	    "directory '%s' has no severity.json: there are no rules to "
	    "derive severities by", ops->ru->dir);
}

int
cs_rec_reclassify(struct cs_recops *ops, const char *as_of, int dry_run,
    int (*each)(void *ctx, const struct cs_reclass_row *r,
    struct cs_error *err), void *ctx, struct cs_reclass_counts *n,
    struct cs_error *err)
{
	struct cs_reclass_row row;
	char why[600], reason[512];
	long *seqs, seq;
	size_t i, k;
	int r, renamed = 0, rc = -1;

	memset(n, 0, sizeof(*n));
	if (cs_rec_reclassify_ready(ops, err) != 0)
		return -1;
	if (collect(ops->st, as_of, &seqs, &k, err) != 0)
		return -1;
	for (i = 0; i < k; i++) {
		r = look(ops, seqs[i], why, sizeof(why), err);
		if (r < 0)
			goto out;
		if (r == 0) {
			n->unchanged++;
			continue;
		}
		memset(&row, 0, sizeof(row));
		renamed = 0;
		row.id = ops->tmp.v[R_ID];
		row.uscc = ops->tmp.v[R_USCC];
		row.doc_no = ops->tmp.v[R_DOC_NO];
		row.authority = ops->tmp.v[R_AUTHORITY];
		row.decided_on = ops->tmp.v[R_DECIDED_ON];
		row.severity_was = ops->tmp.v[R_SEVERITY];
		row.rule_was = ops->tmp.v[R_SEVERITY_RULE];
		if (r == 2) {
			n->underivable++;
			row.why = why;
		} else {
			row.severity = ops->nf.v[R_SEVERITY];
			row.rule = ops->nf.v[R_SEVERITY_RULE];
			renamed = strcmp(row.severity, row.severity_was) == 0;
			if (renamed)
				n->renamed++;
			else
				n->changed++;
		}
		if (r == 1 && !dry_run) {
			if (renamed)
				cs_fmt(reason, sizeof(reason), "severity rule "
				    "renamed by severity.json: %s by rule '%s' "
				    "before, the same by rule '%s' now",
				    row.severity_was, row.rule_was, row.rule);
			else
				cs_fmt(reason, sizeof(reason), "severity "
				    "reclassified by severity.json: %s by rule "
				    "'%s' before, %s by rule '%s' now",
				    row.severity_was, row.rule_was,
				    row.severity, row.rule);
			if (cs_store_correct(ops->st, row.id, &ops->nf,
			    ops->changes.s, reason, &seq, err) != 0 ||
			    (!renamed && cs_lists_basis_changed(ops->st,
			    ops->ru, &ops->lists, row.id, ops->co->as_of,
			    err) < 0))
				goto out;
		}
		if (each != NULL && each(ctx, &row, err) != 0)
			goto out;
	}
	rc = 0;
out:
	free(seqs);
	return rc;
}
