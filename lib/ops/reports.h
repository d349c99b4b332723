/*
 * Reports built from the store for people to read: an entity's credit
 * file as one JSON document, and the listings of cs-record and cs-sample
 * (records exported, objections, commitments, draws, targets) written
 * row by row to a cs_writer.
 */
#ifndef CS_OPS_REPORTS_H
#define CS_OPS_REPORTS_H

#include <jansson.h>
#include <stdio.h>

#include "core/util.h"
#include "domain/record.h"
#include "io/stream.h"
#include "rules/rules.h"
#include "ops/unmask.h"
#include "store/store.h"

/*
 * The columns of f as a JSON object in schema order, extra columns in an
 * "extra" object.  Returns a new reference.
 */
json_t *cs_fields_object(const struct cs_fields *f);

/* Day number day as a "YYYY-MM-DD" string, or null when negative (no
 * date).  Returns a new reference. */
json_t *cs_json_day(int day);

/*
 * Record f with its metadata m as the publicity rules see it: revoked or
 * not, and its latest granted repair (read with the record, no lookup).
 */
void cs_pubrec_of_record(struct cs_pubrec *pr, const struct cs_fields *f,
    const struct cs_recmeta *m);

/*
 * The credit file of entity uscc: {"entity", "as_of", "records" (in
 * decision order, each with status, disputed, seq, its publicity on as_of
 * by the rules of ru (published, publicity_until, repair_from and the
 * "publicity" object: state, why, regime, window_start, never_repairable,
 * a warning when the feed's publicity_end disagrees) and its history of
 * corrections, objections and resolutions), "commitments" (with their
 * state on as_of)}, ID numbers masked as dc says, or whole after their
 * unmask event is committed (cs_unmask_credit_file).  Returns 1 with
 * *out new, 0 when the entity is not in the store, -1 with err.
 */
int cs_report_credit_file(struct cs_store *st, const struct cs_rules *ru,
    const char *uscc, const char *as_of, const struct cs_disclosure *dc,
    json_t **out,
    struct cs_error *err);

/*
 * The rows of cs-record export: the canonical columns, the extra columns
 * records carry (in order of first use), seq and disputed, then the
 * publicity window on the day asked: published, publicity_until and
 * repair_from; last publicity_end_differs: true when the record's own
 * publicity_end is not the last day the rules give, false when it is,
 * empty when it has none.
 */
struct cs_export {
	const char **names;		/* the columns, ncols of them */
	size_t ncols;
	char **extra;			/* the extra column names */
	size_t nextra;
	const char **v;			/* the values of the last row */
	char seq[32];
	char until[11];
	char repair[11];
};

enum { CS_EXPORT_OWN = 6 };		/* seq, disputed, the window, the
					   feed's end checked */

/* Set up x for the extra columns of st: 0, or -1 with err. */
int cs_export_init(struct cs_export *x, struct cs_store *st,
    struct cs_error *err);
/*
 * The values of the row of record f (version m) with its publicity pi and
 * differs (cs_publicity_end_differs: -1, 0 or 1) in x->v (borrowed).
 */
void cs_export_row(struct cs_export *x, const struct cs_fields *f,
    const struct cs_recmeta *m, const struct cs_pubinfo *pi, int differs);
void cs_export_release(struct cs_export *x);

/* The columns of an objection listing, and the values of o (reason: its
 * own, or o->reason). */
enum { CS_OBJECTION_NCOLS = 9 };
extern const char *const cs_objection_cols[CS_OBJECTION_NCOLS];
void cs_objection_row(const struct cs_objection *o, const char *reason,
    char oid[32], const char *v[CS_OBJECTION_NCOLS]);

/* The columns of the commitments listing, and the values of c. */
enum { CS_COMMITMENT_NCOLS = 9 };
extern const char *const cs_commitment_cols[CS_COMMITMENT_NCOLS];
void cs_commitment_row(const struct cs_commitment *c,
    const char *v[CS_COMMITMENT_NCOLS]);

/* The columns of the draws listing, and the values of d, done of whose
 * targets are done (numbers written into n). */
enum { CS_DRAW_NCOLS = 11 };
extern const char *const cs_draw_cols[CS_DRAW_NCOLS];
struct cs_draw_nums {
	char targets[32], done[32], open[32], seq[32];
};
void cs_draw_row(const struct cs_draw *d, long done, struct cs_draw_nums *n,
    const char *v[CS_DRAW_NCOLS]);

/* The columns of the targets listing, and the values of t in state. */
enum { CS_TARGET_NCOLS = 12 };
extern const char *const cs_target_cols[CS_TARGET_NCOLS];
struct cs_target_nums {
	char rank[32], round[16];
};
void cs_target_row(const struct cs_target *t, const char *state,
    struct cs_target_nums *n, const char *v[CS_TARGET_NCOLS]);

/*
 * Listings written to w (begun by the caller, closed by it); each
 * returns 0, or -1 with err.
 *
 * The objections ids, as stored now (after object filed them).
 */
int cs_objections_write(struct cs_store *st, const long *ids, size_t n,
    struct cs_writer *w, struct cs_error *err);
/*
 * The objections in state (NULL: any), only the overdue ones on as_of
 * (YYYY-MM-DD) when overdue.
 */
int cs_objections_list(struct cs_store *st, const char *state, int overdue,
    const char *as_of, struct cs_writer *w, struct cs_error *err);
/* The commitments of uscc (NULL: all) in state on as_of (NULL: any). */
int cs_commitments_list(struct cs_store *st, const char *uscc,
    const char *as_of, const char *state, struct cs_writer *w,
    struct cs_error *err);
/*
 * The records flt selects, in the export columns with their publicity on
 * as_of (days) by the rules of ru, to fp in format (writer made and
 * closed here), ID numbers masked as dc says, or whole for the records
 * whose unmask event a first pass committed (cs_unmask_records); tick
 * (may be NULL) is called with ctx once per record, for a progress line.
 */
int cs_records_export(struct cs_store *st, const struct cs_rules *ru,
    int as_of, const struct cs_record_filter *flt,
    const struct cs_disclosure *dc, FILE *fp, int format,
    void (*tick)(void *), void *ctx, struct cs_error *err);

/*
 * The recorded draws (draw_id, or NULL: all) to w (begun); *found says
 * whether there was one.  Returns 0, or -1 with err.
 */
int cs_draws_list(struct cs_store *st, const char *draw_id,
    struct cs_writer *w, int *found, struct cs_error *err);
/*
 * The targets of the draws (draw_id, or NULL: all) to w (begun), only
 * those without a result when open_only; counts the targets not done in
 * *open (zeroed here) and of them those with an invalid result in
 * *invalid, *found as cs_draws_list.  Returns 0, or -1 with err.
 */
int cs_targets_list(struct cs_store *st, const char *draw_id, int open_only,
    struct cs_writer *w, long *open, long *invalid, int *found,
    struct cs_error *err);

#endif
