/*
 * List entries of cs-blacklist (DESIGN.md 5.4).  An entry is created by
 * a "list_notice" event (its entry_id is that event's seq) and moved by
 * list_object, list_uphold, list_dismiss, list_decide, list_remove and
 * list_withdraw events; list_steps keeps every step with its day, so
 * the state on any past day can be answered.  Dates are YYYY-MM-DD.
 */
#ifndef CS_STORE_STORE_LISTS_H
#define CS_STORE_STORE_LISTS_H

#include <stddef.h>

#include "core/util.h"
#include "store/db.h"

struct cs_lrow {
	long entry_id;
	char uscc[19];
	char list[32];			/* "serious", "key", "ban" */
	char state[16];			/* current, or on the day asked */
	char noticed_on[11];
	char deadline[11];		/* last day objections are accepted */
	char objected_on[11];		/* "" when none */
	char listed_on[11];		/* "" before a decision */
	char until[11];			/* last day listed; "" permanent/none */
	char ended_on[11];		/* removed or withdrawn on, or "" */
	char end_reason[16];		/* expired, early, basis_revoked, error,
					   upheld, repaired, or "" */
	char last_on[11];		/* day of the last step */
	long seq;			/* its last event */
	const char *name;		/* borrowed until the next call; may */
	const char *body;		/* be NULL; body: the notice event */
};

/*
 * Append the list event "list_<step>" with the canonical JSON body and
 * apply it (inside a transaction); subject is the entity's USCC.  *seq
 * gets the event number (for a notice: the new entry_id).
 */
int cs_store_list_event(struct cs_store *st, const char *step,
    const char *subject, const char *body, size_t blen, long *seq,
    struct cs_error *err);
/*
 * Append an "unmask" event about subject ("lists", "records" or a USCC;
 * body: canonical JSON of what was shown).
 */
int cs_store_unmask_event(struct cs_store *st, const char *subject,
    const char *body, size_t blen, struct cs_error *err);
/* Entry entry_id as it is now: 1 with *e, 0 when there is none, -1. */
int cs_store_lentry(struct cs_store *st, long entry_id, struct cs_lrow *e,
    struct cs_error *err);
/*
 * The entry of uscc on list that is not over (noticed, objected,
 * dismissed or listed): 1 with *entry_id, 0 when there is none, -1.
 */
int cs_store_lentry_open(struct cs_store *st, const char *uscc,
    const char *list, long *entry_id, struct cs_error *err);

/*
 * Entries (of list, or all when NULL) in entry_id order with their state
 * on as_of (NULL: now): entries noticed after as_of are left out, and
 * the columns of later steps are empty.  A listing whose term ended
 * before as_of shows as removed (expired) on the day after its "until",
 * whether or not 'cs-blacklist expire' has run.  state NULL: all.
 */
int cs_store_iter_lentries(struct cs_store *st, const char *list,
    const char *state, const char *as_of, struct cs_store_iter **it,
    struct cs_error *err);
/* The same, of entity uscc only (NULL: of all), found by its index. */
int cs_store_iter_lentries_of(struct cs_store *st, const char *uscc,
    const char *list, const char *state, const char *as_of,
    struct cs_store_iter **it, struct cs_error *err);
int cs_store_next_lentry(struct cs_store_iter *it, struct cs_lrow *e,
    struct cs_error *err);
/*
 * The basis record ids of entry_id (new array of new strings, sorted;
 * free each and the array), or, with entry_id 0 and list, every record
 * id that is or was the basis of an entry on list.
 */
int cs_store_lbasis(struct cs_store *st, long entry_id, const char *list,
    char ***ids, size_t *n, struct cs_error *err);
/*
 * The entries not over (noticed, objected, dismissed, listed) that have
 * record_id among their bases: a new array of entry ids.
 */
int cs_store_lentries_of_basis(struct cs_store *st, const char *record_id,
    long **ids, size_t *n, struct cs_error *err);

/* An entry active on a day: for cs-score, cs-classify and screening. */
struct cs_listed {
	long entry_id;
	char uscc[19];
	char list[32];
	char listed_on[11];
	char until[11];			/* last day listed; "" permanent */
	const char *name;		/* iterators: borrowed until the next */
};

/*
 * Is uscc on list (NULL: any list) on as_of: decided on or before as_of,
 * its term not ended (as_of <= until), not removed by then?  1 with *l
 * (the earliest such entry; l->name NULL), 0 when not, -1 with err.
 */
int cs_store_listed(struct cs_store *st, const char *uscc, const char *list,
    const char *as_of, struct cs_listed *l, struct cs_error *err);
/*
 * Every entry active on as_of (of list, or all when NULL), in uscc order
 * (then list, entry_id); one read of the store.
 */
int cs_store_iter_listed(struct cs_store *st, const char *list,
    const char *as_of, struct cs_store_iter **it, struct cs_error *err);
int cs_store_next_listed(struct cs_store_iter *it, struct cs_listed *l,
    struct cs_error *err);

#endif
