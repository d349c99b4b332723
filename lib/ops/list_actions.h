/*
 * What can be done to list entries (DESIGN.md 5.4), each step checked by
 * the state machine of domain/lists.h against the store before its ledger
 * event: notice (add), object, review, decide, remove, withdraw, expire,
 * and the removal of entries whose basis falls.  Silent: a refused row
 * gets its reason in o->msg, an error comes back in err.
 */
#ifndef CS_OPS_LIST_ACTIONS_H
#define CS_OPS_LIST_ACTIONS_H

#include "core/util.h"
#include "domain/lists.h"
#include "rules/rules.h"
#include "store/store.h"

/* The scratch of the operations; embed, cs_listops_init/_release. */
struct cs_listops {
	struct cs_store *st;
	const struct cs_rules *ru;	/* calendar and USCC tables */
	const struct cs_lists *ls;
	int as_of;			/* day number of --as-of */
	struct cs_fields f;		/* a basis record */
	struct cs_buf b;		/* an event body */
	struct cs_buf reasons;
	char msg[1024];			/* CS_REFUSED: why */
};

/* Persons an entry names (columns of add, in this order). */
enum { CS_LP_REP, CS_LP_REP_ID, CS_LP_PRINCIPAL, CS_LP_PRINCIPAL_ID,
	CS_LP_N };
extern const char *const cs_list_person_cols[CS_LP_N];

/* A row of add: the proposal to notify (values borrowed, NULL absent). */
struct cs_list_notice {
	const char *uscc;
	const char *name;
	const char *list;
	const char *basis;		/* record ids separated by ';' or spaces */
	const char *reasons;		/* NULL: those of the criteria met */
	const char *noticed_on;		/* NULL: --as-of */
	const char *person[CS_LP_N];
};

/* A row of object, review, decide, remove or withdraw. */
struct cs_list_act {
	const char *entry_id;
	const char *on;			/* the day of the step; NULL: --as-of */
	const char *reason;		/* required */
	const char *outcome;		/* review: upheld or dismissed */
	const char *removal;		/* remove: early or error */
	const char *term;		/* decide on a "decision" list: P5Y, permanent */
	const char *evidence;		/* remove early: of the obligations */
};

/* What the notice event of an entry holds, ready for output. */
struct cs_list_notice_info {
	void *j;			/* the parsed body (json_t) */
	struct cs_buf basis;		/* record ids, ';' */
	const char *reasons;		/* borrowed from j */
	const char *person[CS_LP_N];	/* name, ID number (masked unless */
	char masked[2][19];		/* unmasked), as cs_list_person_cols */
	int shown;			/* an ID number is given unmasked */
	const struct cs_mask *mask;	/* the pattern; set by the owner */
};

/*
 * Read the body of a list_notice event into ni (zeroed the first time,
 * its mask set; reused from call to call; cs_list_notice_info_release at
 * the end).  ID numbers are masked by ni->mask unless unmasked.
 */
void cs_list_notice_info_read(struct cs_list_notice_info *ni,
    const char *body, int unmasked);
void cs_list_notice_info_release(struct cs_list_notice_info *ni);

void cs_listops_init(struct cs_listops *o, struct cs_store *st,
    const struct cs_rules *ru, const struct cs_lists *ls, int as_of);
void cs_listops_release(struct cs_listops *o);

/*
 * Notify a proposal: checks the list, the USCC, the day, every basis
 * record (in the store, active, of this entity, decided by then and
 * meeting a criterion of the list whose window holds on the day of the
 * notice, cs_list_qualify) and the ID numbers of persons
 * (GB 11643), and counts the objection deadline.  Returns CS_ADDED with
 * *entry_id, CS_UNCHANGED (the entity has an entry on the list that is
 * not over and holds these bases; *entry_id is it), CS_REFUSED, or -1.
 */
int cs_list_add(struct cs_listops *o, const struct cs_list_notice *n,
    long *entry_id, struct cs_error *err);
/*
 * One step of step (CS_LSTEP_OBJECT, a review: CS_LSTEP_DISMISS for
 * either outcome, CS_LSTEP_DECIDE, CS_LSTEP_REMOVE, CS_LSTEP_WITHDRAW) on
 * the entry a row names.  An early removal is judged with the facts of
 * cs_removal_facts_load (ops/removal.h); its evidence goes into the
 * event.  CS_UNCHANGED only when the same step (same
 * kind, day, removal kind or review outcome, and for a decision the same
 * term) is the entry's last one: a re-run.  Any other step, even one
 * leading to the state the entry is in, goes to the state machine,
 * which refuses it naming the state.
 */
int cs_list_act(struct cs_listops *o, int step, const struct cs_list_act *a,
    long *entry_id, struct cs_error *err);
/*
 * The columns every row of step needs (-1: of a notice, cs_list_add), a
 * NULL-terminated static array: a CSV header without one of them (and
 * no --set for it) stops the run.
 */
const char *const *cs_list_need(int step);
/*
 * The list side of a credit repair of entry entry_id (cs-repair): with
 * reinstate 0, remove it on day with end "repaired", judged as an early
 * removal (the list's minimum and conditions, evidence in the event);
 * with reinstate 1 (the repair revoked), list it again on day when it
 * was removed as repaired and its term is not over (else nothing is
 * done, 0).  Returns 0 with the event written, CS_REFUSED (o->msg), -1.
 */
int cs_list_repair(struct cs_listops *o, long entry_id, int day,
    const char *reason, const char *evidence, int reinstate,
    struct cs_error *err);
/* Remove listed entry entry_id whose term ended before --as-of. */
int cs_list_expire(struct cs_listops *o, long entry_id, struct cs_error *err);
/*
 * The entries of list (NULL: all) listed now whose term ended before
 * as_of (YYYY-MM-DD): a new array of *n entry ids.  0, or -1 with err.
 */
int cs_list_due_expiry(struct cs_store *st, const char *list,
    const char *as_of, long **ids, size_t *n, struct cs_error *err);
/*
 * Before entries ids are shown with ID numbers whole: record an "unmask"
 * event (as_of, the command, the entries whose notice names an ID
 * number) in its own transaction, so a reader that stops early cannot
 * leave it unrecorded.  Nothing when none names one.  0, or -1 with err.
 */
int cs_list_record_unmask(struct cs_store *st, const long *ids, size_t n,
    const char *as_of, const char *command, struct cs_error *err);

/* The notice data of an entry, for letters: the columns of add. */
enum { CS_LNOTICE_NCOLS = 12 };
extern const char *const cs_lnotice_cols[CS_LNOTICE_NCOLS];

struct cs_lnotice_row {
	const char *v[CS_LNOTICE_NCOLS];
	char id[32];
	struct cs_lrow e;
	struct cs_buf rights;
	struct cs_list_notice_info n;
};

/*
 * Fill r with the notice data of entry entry_id (ID numbers masked unless
 * unmasked; r zeroed the first time, cs_lnotice_row_release at the end).
 * Returns 0, or -1 with err.
 */
int cs_lnotice_row(struct cs_lnotice_row *r, struct cs_store *st,
    const struct cs_lists *ls, long entry_id, int unmasked,
    struct cs_error *err);
void cs_lnotice_row_release(struct cs_lnotice_row *r);

/* The columns of an entry (ls), then those a decision adds. */
enum { CS_LENTRY_NCOLS = 17, CS_LDECISION_NCOLS = 21 };
extern const char *const cs_lentry_cols[CS_LDECISION_NCOLS];

/* The values of an entry's row, with the strings they point into. */
struct cs_lentry_row {
	const char *v[CS_LDECISION_NCOLS];
	char id[32];
	char early[11];
	struct cs_buf measures;
};

/*
 * Fill r for entry e whose notice n holds (read here, masked by n->mask
 * unless unmasked); with lt, the columns of a decision of that list type
 * too.
 * r->measures is initialised the first time (r zeroed); release it with
 * cs_buf_release.
 */
void cs_lentry_row(struct cs_lentry_row *r, const struct cs_lrow *e,
    struct cs_list_notice_info *n, int unmasked, const struct cs_ltype *lt);

/*
 * The candidates for list lt on as_of: entities with active records
 * decided by then that meet a criterion of lt within its window on as_of
 * (cs_list_qualify) and are not the basis of an entry of lt, less those
 * with an entry on lt that is not over.  fn gets each, in USCC order, as
 * { uscc, name (the register's, else the records'), list, basis (record
 * ids in decision order, ';'), reason, qualifies ("PA1: decided on
 * 2026-03-02, within P1Y (through 2027-03-02)", per basis, "; ") }.
 * Returns 0, or -1 with err.
 */
int cs_list_propose(struct cs_store *st, const struct cs_ltype *lt,
    const char *as_of, void (*fn)(void *ctx, const char *const v[6]),
    void *ctx, struct cs_error *err);

/*
 * After record_id was revoked or corrected on day: every entry not over
 * that has it as a basis and is left without a basis record that is
 * active, of its entity and meets a criterion is removed (listed) or
 * withdrawn (before a decision) with reason basis_revoked; a listing
 * whose term ended before day is left as it is (it is over already,
 * expired, and cs-blacklist expire records that).  *ls is
 * loaded from the rules directory of ru when first needed (the caller
 * frees it with cs_lists_free).  Returns the number of entries ended,
 * or -1 with err.
 */
int cs_lists_basis_changed(struct cs_store *st, const struct cs_rules *ru,
    struct cs_lists **ls, const char *record_id, int day,
    struct cs_error *err);

#endif
