/*
 * List entries of cs-blacklist: appending their events (and the "unmask"
 * events of what a listing showed whole), looking entries up, their
 * state on a past day, their bases, and the entries active on a day.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/calendar.h"
#include "store/internal.h"

static const struct store_stmt list_get = { S_LIST_GET,
	"SELECT entry_id, uscc, list, state, noticed_on, deadline,"
	" objected_on, listed_on, until, ended_on, end_reason, last_on, seq,"
	" name FROM list_entries WHERE entry_id = ?1" };
static const struct store_stmt list_open = { S_LIST_OPEN,
	"SELECT entry_id FROM list_entries WHERE uscc = ?1 AND list = ?2"
	" AND state IN ('noticed', 'objected', 'dismissed', 'listed')"
	" ORDER BY entry_id LIMIT 1" };
static const struct store_stmt listed_get = { S_LISTED,
	"SELECT e.entry_id, e.uscc, e.list, e.listed_on, e.until"
	" FROM list_entries e WHERE e.uscc = ?1 AND (?2 IS NULL OR e.list = ?2)"
	" AND e.listed_on <= ?3 AND (e.until IS NULL OR e.until >= ?3)"
	" AND CASE WHEN e.last_on <= ?3 THEN e.state ELSE"
	" (SELECT t.state FROM list_steps t WHERE t.entry_id = e.entry_id"
	" AND t.on_date <= ?3 ORDER BY t.seq DESC LIMIT 1) END = 'listed'"
	" ORDER BY e.listed_on, e.entry_id LIMIT 1" };

int
cs_store_list_event(struct cs_store *st, const char *step,
    const char *subject, const char *body, size_t blen, long *seq,
    struct cs_error *err)
{
	char action[32];

	cs_fmt(action, sizeof(action), "list_%s", step);
	return store_append_apply(st, action, subject, body, blen, seq, err);
}

int
cs_store_unmask_event(struct cs_store *st, const char *subject,
    const char *body, size_t blen, struct cs_error *err)
{
	long seq;

	return store_append_apply(st, "unmask", subject, body, blen, &seq,
	    err);
}

/* The columns of list_get and of the entries query. */
static void
read_lrow(sqlite3_stmt *s, struct cs_lrow *e)
{
	e->entry_id = sqlite3_column_int64(s, 0);
	store_copy_col(s, 1, e->uscc, sizeof(e->uscc));
	store_copy_col(s, 2, e->list, sizeof(e->list));
	store_copy_col(s, 3, e->state, sizeof(e->state));
	store_copy_col(s, 4, e->noticed_on, sizeof(e->noticed_on));
	store_copy_col(s, 5, e->deadline, sizeof(e->deadline));
	store_copy_col(s, 6, e->objected_on, sizeof(e->objected_on));
	store_copy_col(s, 7, e->listed_on, sizeof(e->listed_on));
	store_copy_col(s, 8, e->until, sizeof(e->until));
	store_copy_col(s, 9, e->ended_on, sizeof(e->ended_on));
	store_copy_col(s, 10, e->end_reason, sizeof(e->end_reason));
	store_copy_col(s, 11, e->last_on, sizeof(e->last_on));
	e->seq = sqlite3_column_int64(s, 12);
	e->name = store_col(s, 13);
	e->body = NULL;
}

int
cs_store_lentry(struct cs_store *st, long entry_id, struct cs_lrow *e,
    struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &list_get, err);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, entry_id);
	rc = store_row(st, s, err, "look up the list entry");
	/* The name stays valid until the next call (no reset). */
	if (rc == 1)
		read_lrow(s, e);
	return rc;
}

int
cs_store_lentry_open(struct cs_store *st, const char *uscc,
    const char *list, long *entry_id, struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &list_open, err);
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, uscc);
	store_bind_text(s, 2, list);
	rc = store_row(st, s, err, "look up the list entries");
	if (rc == 1) {
		*entry_id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	return rc;
}

/* Empty a date column that is later than as_of. */
static void
after(char *col, const char *as_of)
{
	if (col[0] != '\0' && strcmp(col, as_of) > 0)
		col[0] = '\0';
}

/* An entry as it stood on it->as_of, if only of it->state. */
static int
read_lentry(struct cs_store_iter *it, void *row, struct cs_error *err)
{
	struct cs_lrow *e = row;
	const char *a = it->as_of;
	int day;

	(void)err;
	read_lrow(it->q, e);
	e->body = store_col(it->q, 14);
	if (a[0] != '\0') {
		after(e->objected_on, a);
		after(e->listed_on, a);
		if (e->listed_on[0] == '\0')
			e->until[0] = '\0';
		after(e->ended_on, a);
		if (e->ended_on[0] == '\0')
			e->end_reason[0] = '\0';
		/* The term ends by itself, with or without expire. */
		if (strcmp(e->state, "listed") == 0 && e->until[0] != '\0' &&
		    strcmp(e->until, a) < 0 &&
		    cs_date_parse(e->until, 10, &day) == 0) {
			snprintf(e->state, sizeof(e->state), "removed");
			cs_date_format(day + 1, e->ended_on);
			snprintf(e->end_reason, sizeof(e->end_reason),
			    "expired");
		}
	}
	return it->state[0] == '\0' || strcmp(it->state, e->state) == 0;
}

/* The entries and their state on ?2; the query adds its WHERE. */
#define LENTRIES_SELECT \
	"SELECT e.entry_id, e.uscc, e.list," \
	" (SELECT t.state FROM list_steps t WHERE t.entry_id = e.entry_id" \
	" AND (?2 IS NULL OR t.on_date <= ?2) ORDER BY t.seq DESC LIMIT 1)," \
	" e.noticed_on, e.deadline, e.objected_on, e.listed_on, e.until," \
	" e.ended_on, e.end_reason, e.last_on, e.seq, e.name," \
	" cs_body(l.body, l.subject)" \
	" FROM list_entries e JOIN ledger l ON l.seq = e.entry_id"

static const struct store_query lentries_query = {
	LENTRIES_SELECT
	" WHERE (?1 IS NULL OR e.list = ?1)"
	" AND (?2 IS NULL OR e.noticed_on <= ?2) ORDER BY e.entry_id",
	"read the list entries", read_lentry
};

/* One entity's, by the index list_entries_uscc. */
static const struct store_query lentries_of_query = {
	LENTRIES_SELECT
	" WHERE e.uscc = ?3 AND (?1 IS NULL OR e.list = ?1)"
	" AND (?2 IS NULL OR e.noticed_on <= ?2) ORDER BY e.entry_id",
	"read the list entries", read_lentry
};

int
cs_store_iter_lentries(struct cs_store *st, const char *list,
    const char *state, const char *as_of, struct cs_store_iter **it,
    struct cs_error *err)
{
	return cs_store_iter_lentries_of(st, NULL, list, state, as_of, it,
	    err);
}

int
cs_store_iter_lentries_of(struct cs_store *st, const char *uscc,
    const char *list, const char *state, const char *as_of,
    struct cs_store_iter **it, struct cs_error *err)
{
	const char *args[] = { list, as_of, uscc };

	if (store_iter_open(st, uscc != NULL ? &lentries_of_query :
	    &lentries_query, NULL, args, uscc != NULL ? 3 : 2, it, err) != 0)
		return -1;
	snprintf((*it)->as_of, sizeof((*it)->as_of), "%s", as_of ? as_of : "");
	snprintf((*it)->state, sizeof((*it)->state), "%s", state ? state : "");
	return 0;
}

int
cs_store_next_lentry(struct cs_store_iter *it, struct cs_lrow *e,
    struct cs_error *err)
{
	return store_iter_next(it, e, err);
}

/* Column 0 as a borrowed string (row: const char **). */
static int
read_text(struct cs_store_iter *it, void *row, struct cs_error *err)
{
	(void)err;
	*(const char **)row = store_col(it->q, 0);
	return 1;
}

/* Column 0 as a number (row: long *). */
static int
read_long(struct cs_store_iter *it, void *row, struct cs_error *err)
{
	(void)err;
	*(long *)row = sqlite3_column_int64(it->q, 0);
	return 1;
}

static const struct store_query basis_of_query = {
	"SELECT record_id FROM list_basis WHERE entry_id = ?1"
	" ORDER BY record_id",
	"read the bases", read_text
};

static const struct store_query basis_on_query = {
	"SELECT DISTINCT b.record_id FROM list_basis b JOIN list_entries e"
	" ON e.entry_id = b.entry_id WHERE e.list = ?2 ORDER BY 1",
	"read the bases", read_text
};

int
cs_store_lbasis(struct cs_store *st, long entry_id, const char *list,
    char ***ids, size_t *n, struct cs_error *err)
{
	const char *args[] = { NULL, list }, *id;
	struct cs_store_iter *it;
	int rc;

	*ids = NULL;
	*n = 0;
	if (entry_id > 0)
		rc = store_iter_open(st, &basis_of_query, NULL, NULL, 0, &it,
		    err);
	else
		rc = store_iter_open(st, &basis_on_query, NULL, args, 2, &it,
		    err);
	if (rc != 0)
		return -1;
	if (entry_id > 0)
		sqlite3_bind_int64(it->q, 1, entry_id);
	while ((rc = store_iter_next(it, &id, err)) == 1) {
		*ids = cs_xreallocarray(*ids, *n + 1, sizeof(char *));
		(*ids)[(*n)++] = cs_xstrdup(id);
	}
	cs_store_iter_free(it);
	return rc;
}

static const struct store_query entries_of_basis_query = {
	"SELECT e.entry_id FROM list_basis b JOIN"
	" list_entries e ON e.entry_id = b.entry_id WHERE b.record_id = ?1"
	" AND e.state IN ('noticed', 'objected', 'dismissed', 'listed')"
	" ORDER BY e.entry_id",
	"read the bases", read_long
};

int
cs_store_lentries_of_basis(struct cs_store *st, const char *record_id,
    long **ids, size_t *n, struct cs_error *err)
{
	struct cs_store_iter *it;
	long id;
	int rc;

	*ids = NULL;
	*n = 0;
	if (store_iter_open(st, &entries_of_basis_query, NULL, &record_id, 1,
	    &it, err) != 0)
		return -1;
	while ((rc = store_iter_next(it, &id, err)) == 1) {
		*ids = cs_xreallocarray(*ids, *n + 1, sizeof(long));
		(*ids)[(*n)++] = id;
	}
	cs_store_iter_free(it);
	return rc;
}

/* The columns of listed_get and of the listed query. */
static void
read_listed_cols(sqlite3_stmt *s, struct cs_listed *l)
{
	l->entry_id = sqlite3_column_int64(s, 0);
	store_copy_col(s, 1, l->uscc, sizeof(l->uscc));
	store_copy_col(s, 2, l->list, sizeof(l->list));
	store_copy_col(s, 3, l->listed_on, sizeof(l->listed_on));
	store_copy_col(s, 4, l->until, sizeof(l->until));
	l->name = NULL;
}

int
cs_store_listed(struct cs_store *st, const char *uscc, const char *list,
    const char *as_of, struct cs_listed *l, struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &listed_get, err);
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, uscc);
	store_bind_text(s, 2, list);
	store_bind_text(s, 3, as_of);
	rc = store_row(st, s, err, "look up the lists");
	if (rc == 1) {
		read_listed_cols(s, l);
		sqlite3_reset(s);
	}
	return rc;
}

static int
read_listed(struct cs_store_iter *it, void *row, struct cs_error *err)
{
	struct cs_listed *l = row;

	(void)err;
	read_listed_cols(it->q, l);
	l->name = store_col(it->q, 5);
	return 1;
}

static const struct store_query listed_query = {
	"SELECT e.entry_id, e.uscc, e.list, e.listed_on,"
	" e.until, e.name FROM list_entries e"
	" WHERE (?1 IS NULL OR e.list = ?1)"
	" AND e.listed_on <= ?2 AND (e.until IS NULL OR e.until >= ?2)"
	/* The state now is the state on ?2 when no step came later. */
	" AND CASE WHEN e.last_on <= ?2 THEN e.state ELSE"
	" (SELECT t.state FROM list_steps t WHERE t.entry_id = e.entry_id"
	" AND t.on_date <= ?2 ORDER BY t.seq DESC LIMIT 1) END = 'listed'"
	" ORDER BY e.uscc, e.list, e.entry_id",
	"read the lists", read_listed
};

int
cs_store_iter_listed(struct cs_store *st, const char *list,
    const char *as_of, struct cs_store_iter **it, struct cs_error *err)
{
	const char *args[] = { list, as_of };

	return store_iter_open(st, &listed_query, NULL, args, 2, it, err);
}

int
cs_store_next_listed(struct cs_store_iter *it, struct cs_listed *l,
    struct cs_error *err)
{
	return store_iter_next(it, l, err);
}
