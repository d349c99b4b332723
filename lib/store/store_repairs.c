/*
 * Repair applications of cs-repair: appending their events, looking
 * applications up (by id, by target), the latest repair of a record, and
 * the applications in order.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/calendar.h"
#include "store/internal.h"

/* What the return of application p listed as missing (from its event). */
#define MISSING "(SELECT json_extract(cs_body(l.body, l.subject)," \
	" '$.missing')" \
	" FROM repair_steps t JOIN ledger l ON l.seq = t.seq" \
	" WHERE t.application_id = p.application_id AND t.step = 'return'" \
	" ORDER BY t.seq DESC LIMIT 1)"
#define RCOLS "application_id, uscc, target, kind, state, filed_on," \
	" accept_by, accepted_on, decide_by, extended, decided_on," \
	" effective_on, revoked_on, bar_until, last_on, seq, reason, " MISSING

static const struct store_stmt repair_get = { S_REPAIR_GET,
	"SELECT " RCOLS " FROM repairs p WHERE application_id = ?1" };
static const struct store_stmt repair_last = { S_REPAIR_OPEN,
	"SELECT " RCOLS " FROM repairs p WHERE target = ?1 AND kind = ?2"
	" ORDER BY application_id DESC LIMIT 1" };
static const struct store_stmt repair_of_record = { S_REPAIR_OF_RECORD,
	"SELECT effective_on, revoked_on FROM repairs WHERE target = ?1"
	" AND kind = 'record' AND effective_on IS NOT NULL"
	" ORDER BY application_id DESC LIMIT 1" };
static const struct store_stmt repair_completion = { S_REPAIR_COMPLETION,
	"SELECT max(seq) FROM repair_steps WHERE application_id = ?1"
	" AND step = 'accept'" };
static const struct store_stmt repair_bar = { S_REPAIR_BAR,
	"SELECT max(bar_until) FROM repairs WHERE target = ?1 AND kind = ?2"
	" AND bar_until IS NOT NULL" };

int
cs_store_repair_event(struct cs_store *st, const char *step,
    const char *subject, const char *body, size_t blen, long *seq,
    struct cs_error *err)
{
	char action[32];

	cs_fmt(action, sizeof(action), "repair_%s", step);
	return store_append_apply(st, action, subject, body, blen, seq, err);
}

static void
read_rrow(sqlite3_stmt *s, struct cs_rrow *r)
{
	r->application_id = sqlite3_column_int64(s, 0);
	store_copy_col(s, 1, r->uscc, sizeof(r->uscc));
	store_copy_col(s, 2, r->target, sizeof(r->target));
	store_copy_col(s, 3, r->kind, sizeof(r->kind));
	store_copy_col(s, 4, r->state, sizeof(r->state));
	store_copy_col(s, 5, r->filed_on, sizeof(r->filed_on));
	store_copy_col(s, 6, r->accept_by, sizeof(r->accept_by));
	store_copy_col(s, 7, r->accepted_on, sizeof(r->accepted_on));
	store_copy_col(s, 8, r->decide_by, sizeof(r->decide_by));
	r->extended = sqlite3_column_int(s, 9);
	store_copy_col(s, 10, r->decided_on, sizeof(r->decided_on));
	store_copy_col(s, 11, r->effective_on, sizeof(r->effective_on));
	store_copy_col(s, 12, r->revoked_on, sizeof(r->revoked_on));
	store_copy_col(s, 13, r->bar_until, sizeof(r->bar_until));
	store_copy_col(s, 14, r->last_on, sizeof(r->last_on));
	r->seq = sqlite3_column_int64(s, 15);
	r->reason = store_col(s, 16);
	r->missing = store_col(s, 17);
}

int
cs_store_repair_completion(struct cs_store *st, long id, long *seq,
    struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &repair_completion, err);
	int rc;

	*seq = 0;
	if (s == NULL)
		return -1;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, id);
	rc = store_row(st, s, err, "look up the acceptance of an application");
	if (rc == 1 && sqlite3_column_type(s, 0) != SQLITE_NULL)
		*seq = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc < 0 ? -1 : *seq != 0;
}

int
cs_store_repair(struct cs_store *st, long id, struct cs_rrow *r,
    struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &repair_get, err);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, id);
	rc = store_row(st, s, err, "look up the repair application");
	/* The reason stays valid until the next call (no reset). */
	if (rc == 1)
		read_rrow(s, r);
	return rc;
}

int
cs_store_repair_last(struct cs_store *st, const char *target,
    const char *kind, struct cs_rrow *r, struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &repair_last, err);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_reset(s);
	store_bind_text(s, 1, target);
	store_bind_text(s, 2, kind);
	rc = store_row(st, s, err, "look up the repair applications");
	if (rc == 1)
		read_rrow(s, r);
	return rc;
}

int
cs_store_record_repair(struct cs_store *st, const char *id, int *effective,
    int *resumed, struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &repair_of_record, err);
	const char *e, *v;
	int rc;

	*effective = *resumed = -1;
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, id);
	rc = store_row(st, s, err, "look up the repairs of a record");
	if (rc != 1)
		return rc;
	e = store_col(s, 0);
	v = store_col(s, 1);
	if (e != NULL)
		cs_date_parse(e, strlen(e), effective);
	if (v != NULL)
		cs_date_parse(v, strlen(v), resumed);
	sqlite3_reset(s);
	return 1;
}

/* Empty the date col (and then the date also) when later than as_of. */
static void
after(char *col, char *also, const char *as_of)
{
	if (col[0] != '\0' && strcmp(col, as_of) > 0) {
		col[0] = '\0';
		if (also != NULL)
			also[0] = '\0';
	}
}

/* An application as it stood on it->as_of (its state from its steps). */
static int
read_repair(struct cs_store_iter *it, void *row, struct cs_error *err)
{
	struct cs_rrow *r = row;
	const char *a = it->as_of;

	(void)err;
	read_rrow(it->q, r);
	if (a[0] == '\0')
		return 1;
	if (sqlite3_column_int64(it->q, 18) == r->seq)
		return 1;		/* no step after as_of */
	/* The last step by as_of: its state and day; its reason is gone. */
	r->seq = sqlite3_column_int64(it->q, 18);
	store_copy_col(it->q, 19, r->state, sizeof(r->state));
	store_copy_col(it->q, 20, r->last_on, sizeof(r->last_on));
	r->reason = NULL;
	/* Only a filed application can be returned: still filed, no return. */
	if (strcmp(r->state, "filed") == 0)
		r->missing = NULL;
	after(r->accepted_on, r->decide_by, a);
	after(r->decided_on, r->effective_on, a);
	after(r->revoked_on, r->bar_until, a);
	return 1;
}

/* The col of the last step of application p by ?2 (NULL: now). */
#define STEP_ON(col) "(SELECT t." col " FROM repair_steps t" \
	" WHERE t.application_id = p.application_id" \
	" AND (?2 IS NULL OR t.on_date <= ?2) ORDER BY t.seq DESC LIMIT 1)"
#define STATE_ON STEP_ON("state")

static const struct store_query repairs_query = {
	"SELECT " RCOLS ", " STEP_ON("seq") ", " STATE_ON ", "
	STEP_ON("on_date") " FROM repairs p"
	" WHERE (?2 IS NULL OR filed_on <= ?2)"
	" AND (?1 IS NULL OR " STATE_ON " = ?1) ORDER BY application_id",
	"read the repair applications", read_repair
};

int
cs_store_iter_repairs(struct cs_store *st, const char *state,
    const char *as_of, struct cs_store_iter **it, struct cs_error *err)
{
	const char *args[2] = { state, as_of };

	if (store_iter_open(st, &repairs_query, NULL, args, 2, it, err) != 0)
		return -1;
	snprintf((*it)->as_of, sizeof((*it)->as_of), "%s", as_of ? as_of : "");
	return 0;
}

int
cs_store_next_repair(struct cs_store_iter *it, struct cs_rrow *r,
    struct cs_error *err)
{
	return store_iter_next(it, r, err);
}

int
cs_store_repair_bar(struct cs_store *st, const char *target,
    const char *kind, int *bar_until, struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &repair_bar, err);
	const char *v;
	int rc;

	*bar_until = -1;
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, target);
	store_bind_text(s, 2, kind);
	rc = store_row(st, s, err, "look up the repair bars");
	if (rc != 1)
		return rc;
	v = store_col(s, 0);
	rc = v != NULL && cs_date_parse(v, strlen(v), bar_until) == 0;
	sqlite3_reset(s);
	return rc;
}

/*
 * A penalty and what its repair rests on (struct cs_rpen), in one row:
 * the repairs and the obligation_performed records are index probes of
 * the same statement, not queries of their own.
 */
#define RPEN_HEAD "SELECT r.id, r.uscc, r.severity, r.domain," \
	" r.violation_type, r.penalty_category," \
	" r.decided_on, r.valid_until, r.status = 'revoked',"
#define RPEN_SELECT RPEN_HEAD " p.effective_on, p.revoked_on," \
	" (SELECT max(a.application_id) FROM repairs a" \
	"  WHERE a.target = r.id AND a.kind = 'record')," \
	" (SELECT max(b.bar_until) FROM repairs b" \
	"  WHERE b.target = r.id AND b.kind = 'record')," \
	" (SELECT min(k.decided_on) FROM records k WHERE k.ref = r.id" \
	"  AND +k.type = 'obligation_performed' AND k.status = 'active')," \
	" r.type" \
	" FROM records r" \
	" LEFT JOIN repairs p ON p.application_id =" \
	"  (SELECT max(g.application_id) FROM repairs g WHERE g.target = r.id" \
	"  AND g.kind = 'record' AND g.effective_on IS NOT NULL)"
/*
 * The same for a scan: the repairs of records and the obligations
 * performed are few, so they are read once each, grouped by target,
 * and joined, rather than looked up four times per penalty.  A store
 * with none of either (most penalties of most stores) is scanned
 * without that join: each costs a probe per penalty.
 */
#define RPEN_SCAN_REPAIRS " p.effective_on, p.revoked_on, a.app, a.bar,"
#define RPEN_SCAN_NO_REPAIRS " NULL, NULL, NULL, NULL,"
#define RPEN_SCAN_JOIN_REPAIRS \
	" LEFT JOIN (SELECT target, max(application_id) AS app," \
	"  max(bar_until) AS bar, max(CASE WHEN effective_on IS NOT NULL" \
	"  THEN application_id END) AS granted FROM repairs" \
	"  WHERE kind = 'record' GROUP BY target) a ON a.target = r.id" \
	" LEFT JOIN repairs p ON p.application_id = a.granted"
#define RPEN_SCAN_JOIN_PERFORMED \
	" LEFT JOIN (SELECT ref, min(decided_on) AS performed FROM records" \
	"  WHERE +type = 'obligation_performed' AND status = 'active'" \
	"  AND ref IS NOT NULL GROUP BY ref) k ON k.ref = r.id"

static const struct store_stmt repair_penalty = { S_REPAIR_PENALTY,
	RPEN_SELECT " WHERE r.id = ?1" };
/* Are there repairs of records, and obligations performed of records? */
static const struct store_stmt repair_scan_joins = { S_REPAIR_SCAN_JOINS,
	"SELECT EXISTS (SELECT 1 FROM repairs WHERE kind = 'record'),"
	" EXISTS (SELECT 1 FROM records WHERE ref IS NOT NULL"
	" AND +type = 'obligation_performed')" };

static void
read_rpen(sqlite3_stmt *s, struct cs_rpen *p)
{
	p->id = store_col(s, 0);
	p->uscc = store_col(s, 1);
	p->severity = store_col(s, 2);
	p->domain = store_col(s, 3);
	p->violation_type = store_col(s, 4);
	p->penalty_category = store_col(s, 5);
	p->decided_on = store_col(s, 6);
	p->valid_until = store_col(s, 7);
	p->revoked = sqlite3_column_int(s, 8);
	p->effective_on = store_col(s, 9);
	p->revoked_on = store_col(s, 10);
	p->app = sqlite3_column_int64(s, 11);
	p->bar_until = store_col(s, 12);
	p->performed_on = store_col(s, 13);
	p->type = store_col(s, 14);
}

int
cs_store_repair_penalty(struct cs_store *st, const char *id,
    struct cs_rpen *p, struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &repair_penalty, err);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_reset(s);
	store_bind_text(s, 1, id);
	rc = store_row(st, s, err, "look up the penalty");
	/* The strings stay valid until the next call (no reset). */
	if (rc == 1)
		read_rpen(s, p);
	return rc;
}

static int
read_penalty(struct cs_store_iter *it, void *row, struct cs_error *err)
{
	(void)err;
	read_rpen(it->q, row);
	return 1;
}

static const struct store_query penalties_query = {
	NULL, "read the penalties", read_penalty
};

/*
 * The scan of every penalty, joined only to what the store holds
 * (sql_out: the statement, in a buffer of the caller's).  Read apart
 * from the scan: a repair or an obligation added in between is not seen,
 * as if the scan had begun before it.
 */
static int
scan_sql(struct cs_store *st, struct cs_buf *sql, struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &repair_scan_joins, err);
	int rc, repairs, performed;

	if (s == NULL)
		return -1;
	rc = store_row(st, s, err, "read the penalties");
	if (rc != 1)
		return -1;
	repairs = sqlite3_column_int(s, 0);
	performed = sqlite3_column_int(s, 1);
	sqlite3_reset(s);
	cs_buf_adds(sql, RPEN_HEAD);
	cs_buf_adds(sql, repairs ? RPEN_SCAN_REPAIRS : RPEN_SCAN_NO_REPAIRS);
	cs_buf_adds(sql, performed ? " k.performed," : " NULL,");
	cs_buf_adds(sql, " r.type FROM records r");
	if (repairs)
		cs_buf_adds(sql, RPEN_SCAN_JOIN_REPAIRS);
	if (performed)
		cs_buf_adds(sql, RPEN_SCAN_JOIN_PERFORMED);
	/* Ordered as the records_uscc index is (rid is its rowid). */
	cs_buf_adds(sql, " WHERE +r.type = 'penalty' AND r.status = 'active'"
	    " AND r.decided_on <= ?1 ORDER BY r.uscc, r.decided_on, r.rid");
	return 0;
}

int
cs_store_iter_repair_penalties(struct cs_store *st, const char *uscc,
    const char *as_of, struct cs_store_iter **it, struct cs_error *err)
{
	const char *args[2] = { as_of, uscc };
	struct cs_buf sql;
	int rc;

	if (uscc != NULL)
		return store_iter_open(st, &penalties_query, RPEN_SELECT
		    " WHERE r.type = 'penalty' AND r.status = 'active'"
		    " AND r.decided_on <= ?1 AND r.uscc = ?2"
		    " ORDER BY r.uscc, r.decided_on, r.rid", args, 2, it,
		    err);
	cs_buf_init(&sql);
	rc = scan_sql(st, &sql, err);
	if (rc == 0)
		rc = store_iter_open(st, &penalties_query, sql.s, args, 1, it,
		    err);
	else
		*it = NULL;
	cs_buf_release(&sql);
	return rc;
}

int
cs_store_next_repair_penalty(struct cs_store_iter *it, struct cs_rpen *p,
    struct cs_error *err)
{
	return store_iter_next(it, p, err);
}

/* An entry decided and the event of its decision. */
static int
read_decided(struct cs_store_iter *it, void *row, struct cs_error *err)
{
	(void)err;
	((long *)row)[0] = sqlite3_column_int64(it->q, 0);
	((long *)row)[1] = sqlite3_column_int64(it->q, 1);
	return 1;
}

static const struct store_query decided_query = {
	"SELECT entry_id, seq FROM list_steps WHERE step = 'decide'"
	" AND seq > CAST(?1 AS INTEGER) ORDER BY seq",
	"read the list decisions", read_decided
};

/* The authority of the latest decided basis record of an entry. */
static const struct store_stmt entry_authority = { S_ENTRY_AUTHORITY,
	"SELECT a FROM (SELECT json_extract(cs_body(l.body, l.subject),"
	" CASE l.action"
	" WHEN 'add' THEN '$.authority' ELSE '$.record.authority' END) AS a,"
	" r.decided_on AS d, r.id AS id FROM list_basis b"
	" JOIN records r ON r.id = b.record_id JOIN ledger l ON l.seq = r.seq"
	" WHERE b.entry_id = ?1) WHERE a IS NOT NULL AND a <> ''"
	" ORDER BY d DESC, id LIMIT 1" };

int
cs_store_entry_authority(struct cs_store *st, long entry_id, char *out,
    size_t n, struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &entry_authority, err);
	int rc;

	out[0] = '\0';
	if (s == NULL)
		return -1;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, entry_id);
	rc = store_row(st, s, err, "look up the authority of a listing");
	if (rc == 1)
		store_copy_col(s, 0, out, n);
	sqlite3_reset(s);
	return rc;
}

int
cs_store_decided_since(struct cs_store *st, long since, long **ids,
    long **seqs, size_t *n, struct cs_error *err)
{
	struct cs_store_iter *it;
	const char *args[1];
	char b[24];
	long id[2];
	int r;

	*ids = *seqs = NULL;
	*n = 0;
	cs_fmt(b, sizeof(b), "%ld", since);
	args[0] = b;
	if (store_iter_open(st, &decided_query, NULL, args, 1, &it, err) != 0)
		return -1;
	while ((r = store_iter_next(it, id, err)) == 1) {
		*ids = cs_xreallocarray(*ids, *n + 1, sizeof(long));
		*seqs = cs_xreallocarray(*seqs, *n + 1, sizeof(long));
		(*ids)[*n] = id[0];
		(*seqs)[(*n)++] = id[1];
	}
	cs_store_iter_free(it);
	return r < 0 ? -1 : 0;
}
