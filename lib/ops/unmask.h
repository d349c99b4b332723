/*
 * Disclosure of ID numbers in what cs-record writes (DESIGN.md 5.3): by
 * default every column of masking.json is masked; --unmasked shows them
 * whole after an "unmask" event (who, when, which records) is committed,
 * before the first byte goes out.
 */
#ifndef CS_OPS_UNMASK_H
#define CS_OPS_UNMASK_H

#include <jansson.h>

#include "core/util.h"
#include "domain/mask.h"
#include "store/store.h"

/* How a listing shows ID numbers. */
struct cs_disclosure {
	const struct cs_mask *mask;	/* the pattern and its columns */
	int unmasked;			/* whole, recorded in the ledger */
	const char *as_of;		/* YYYY-MM-DD, recorded with it */
	const char *command;		/* "show", "export" */
};

/* Mask in place every string member of v (at any depth) named by m. */
void cs_json_mask(json_t *v, const struct cs_mask *m);
/* 1 when v (at any depth) has a non-empty string member named by m. */
int cs_json_shows(const json_t *v, const struct cs_mask *m);

/*
 * Before the credit file doc of uscc is written whole: commit an unmask
 * event (subject uscc; body as_of, command, the ids of the records that
 * show an ID number, and whether the register row does), or nothing when
 * none does.  Returns 0, or -1 with err.
 */
int cs_unmask_credit_file(struct cs_store *st, const json_t *doc,
    const char *uscc, const struct cs_disclosure *dc, struct cs_error *err);

/*
 * Before the records flt selects are exported whole: find those with a
 * value in a column of dc->mask (their ids into shown, initialised by the
 * caller) and commit an unmask event (subject "records"; body as_of,
 * command, the ids), or nothing when none has one.  Returns 0, or -1
 * with err.
 */
int cs_unmask_records(struct cs_store *st, const struct cs_record_filter *flt,
    const struct cs_disclosure *dc, struct cs_strmap *shown,
    struct cs_error *err);

/*
 * Append to the store an unmask event of subject with body, in its own
 * transaction.  Returns 0, or -1 with err.
 */
int cs_unmask_commit(struct cs_store *st, const char *subject,
    const struct cs_buf *body, struct cs_error *err);

#endif
