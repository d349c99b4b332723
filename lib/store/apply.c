/*
 * Applying an event to the derived tables: a table from the event's
 * action to the function that writes its rows, in the store ("main") as
 * it is appended, or in verify's replay ("shadow").  The bulk paths of
 * add and entity call their functions directly, without the JSON.
 */
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

static const struct store_stmt rec_insert = { S_REC_INSERT,
	"INSERT INTO @.records (rid, id, uscc, type, severity, decided_on,"
	" valid_until, due_on, ref, domain, certified, dishonest_debtor,"
	" authority_uscc, violation_type, severity_rule, penalty_category,"
	" status, seq)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	" ?14, ?15, ?16, 'active', ?1) ON CONFLICT (id) DO NOTHING" };
static const struct store_stmt rec_update = { S_REC_UPDATE,
	"UPDATE @.records SET uscc = ?3, type = ?4, severity = ?5,"
	" decided_on = ?6, valid_until = ?7, due_on = ?8, ref = ?9,"
	" domain = ?10, certified = ?11, dishonest_debtor = ?12,"
	" authority_uscc = ?13, violation_type = ?14, severity_rule = ?15,"
	" penalty_category = ?16, seq = ?1 WHERE id = ?2" };
static const struct store_stmt rec_revoke = { S_REC_REVOKE,
	"UPDATE @.records SET status = 'revoked' WHERE id = ?1" };
static const struct store_stmt ent_seen = { S_ENT_SEEN,
	"INSERT INTO @.entities (uscc, name, first_seq) VALUES (?1, ?2, ?3)"
	" ON CONFLICT (uscc) DO UPDATE SET name = excluded.name"
	" WHERE entities.name IS NULL AND excluded.name IS NOT NULL" };
static const struct store_stmt ent_register = { S_ENT_REGISTER,
	"INSERT INTO @.entities (uscc, name, kind, region, industry,"
	" legal_rep, legal_rep_id, registered_on, status, seq, first_seq)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)"
	" ON CONFLICT (uscc) DO UPDATE SET name = excluded.name,"
	" kind = excluded.kind, region = excluded.region,"
	" industry = excluded.industry, legal_rep = excluded.legal_rep,"
	" legal_rep_id = excluded.legal_rep_id,"
	" registered_on = excluded.registered_on, status = excluded.status,"
	" seq = excluded.seq" };
static const struct store_stmt extra_insert = { S_EXTRA,
	"INSERT INTO @.extra_columns (name, first_seq) VALUES (?1, ?2)"
	" ON CONFLICT (name) DO NOTHING" };
static const struct store_stmt obj_insert = { S_OBJ_INSERT,
	"INSERT INTO @.objections (objection_id, id, uscc, filed_on,"
	" answer_by, state, seq) VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?1)" };
static const struct store_stmt obj_resolve = { S_OBJ_RESOLVE,
	"UPDATE @.objections SET state = 'resolved', outcome = ?2,"
	" resolved_on = ?3, seq = ?4 WHERE objection_id = ?1" };
static const struct store_stmt hist_insert = { S_HIST,
	"INSERT INTO @.history (id, seq, action) VALUES (?1, ?2, ?3)" };
static const struct store_stmt class_insert = { S_CLASS_INSERT,
	"INSERT INTO @.classes (uscc, as_of, class, score, model, reason, seq)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)" };
static const struct store_stmt draw_upsert = { S_DRAW_UPSERT,
	"INSERT INTO @.draws (draw_id, plan, period, seed, frame_hash,"
	" inspectors_hash, conflicts_hash, escalations, drawn_on, targets, seq)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
	" ON CONFLICT (draw_id) DO UPDATE SET escalations = excluded.escalations,"
	" targets = draws.targets + excluded.targets, seq = excluded.seq" };
static const struct store_stmt pick_insert = { S_PICK_INSERT,
	"INSERT INTO @.draw_picks (draw_id, uscc, class, rank, round, ticket,"
	" inspectors, unassigned, drawn_on, seq)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)" };
static const struct store_stmt list_notice = { S_LIST_NOTICE,
	"INSERT INTO @.list_entries (entry_id, uscc, list, name, state,"
	" noticed_on, deadline, last_on, seq)"
	" VALUES (?1, ?2, ?3, ?4, 'noticed', ?5, ?6, ?5, ?1)" };
static const struct store_stmt list_basis = { S_LIST_BASIS,
	"INSERT INTO @.list_basis (record_id, entry_id) VALUES (?1, ?2)"
	" ON CONFLICT DO NOTHING" };
static const struct store_stmt list_step = { S_LIST_STEP,
	"INSERT INTO @.list_steps (entry_id, seq, step, state, on_date)"
	" VALUES (?1, ?2, ?3, ?4, ?5)" };
static const struct store_stmt list_update = { S_LIST_UPDATE,
	"UPDATE @.list_entries SET state = ?2, last_on = ?3, seq = ?4,"
	" objected_on = coalesce(?5, objected_on),"
	" listed_on = coalesce(?6, listed_on),"
	" until = CASE WHEN ?6 IS NULL THEN until ELSE ?7 END,"
	" ended_on = coalesce(?8, ended_on),"
	" end_reason = coalesce(?9, end_reason) WHERE entry_id = ?1" };
static const struct store_stmt list_reinstate = { S_LIST_REINSTATE,
	"UPDATE @.list_entries SET state = 'listed', last_on = ?2, seq = ?3,"
	" ended_on = NULL, end_reason = NULL WHERE entry_id = ?1" };
static const struct store_stmt repair_insert = { S_REPAIR_INSERT,
	"INSERT INTO @.repairs (application_id, uscc, target, kind, state,"
	" filed_on, accept_by, extended, last_on, seq)"
	" VALUES (?1, ?2, ?3, ?4, 'filed', ?5, ?6, 0, ?5, ?1)" };
static const struct store_stmt repair_update = { S_REPAIR_UPDATE,
	"UPDATE @.repairs SET state = ?2, last_on = ?3, seq = ?4,"
	" accepted_on = coalesce(?5, accepted_on),"
	" decide_by = coalesce(?6, decide_by),"
	" extended = extended + ?7,"
	" decided_on = coalesce(?8, decided_on),"
	" effective_on = coalesce(?9, effective_on),"
	" revoked_on = coalesce(?10, revoked_on),"
	" bar_until = coalesce(?11, bar_until),"
	" reason = ?12 WHERE application_id = ?1" };
static const struct store_stmt repair_step = { S_REPAIR_STEP,
	"INSERT INTO @.repair_steps (application_id, seq, step, state, on_date)"
	" VALUES (?1, ?2, ?3, ?4, ?5)" };

enum { NAMED_SLOTS = 1 << 18 };

static size_t
named_slot(const char *uscc)
{
	return (size_t)(cs_hash_str(uscc) & (NAMED_SLOTS - 1));
}

/*
 * Derived state shared by add, correct and resolve: the entity named by
 * the record (registered with its name on first sight) and the extra
 * columns.  Once an entity row has a name, every later "seen" upsert of
 * it changes nothing, so a small direct-mapped cache of such USCCs skips
 * those statements (forgotten on rollback).
 */
static int
entity_seen(struct cs_store *st, int sh, long seq, const struct cs_fields *f,
    struct cs_error *err)
{
	sqlite3_stmt *s;
	size_t i, k = named_slot(f->v[R_USCC]);
	int added;

	if (st->named[sh] == NULL)
		st->named[sh] = cs_xcalloc(NAMED_SLOTS, sizeof(*st->named[sh]));
	if (strcmp(st->named[sh][k], f->v[R_USCC]) != 0) {
		s = store_prep(st, sh, &ent_seen, err);
		if (s == NULL)
			return -1;
		store_bind_text(s, 1, f->v[R_USCC]);
		store_bind_text(s, 2, f->v[R_NAME]);
		sqlite3_bind_int64(s, 3, seq);
		if (store_run(st, s, err, "register the entity") != 0)
			return -1;
		if (f->v[R_NAME] != NULL)
			memcpy(st->named[sh][k], f->v[R_USCC], 19);
	}
	for (i = 0; i < f->nx; i++) {
		cs_strmap_put(&st->extra_seen[sh], f->xname[i], &added);
		if (!added)
			continue;
		s = store_prep(st, sh, &extra_insert, err);
		if (s == NULL)
			return -1;
		store_bind_text(s, 1, f->xname[i]);
		sqlite3_bind_int64(s, 2, seq);
		if (store_run(st, s, err, "record the extra column") != 0)
			return -1;
	}
	return 0;
}

void
store_apply_forget(struct cs_store *st, int sh)
{
	cs_strmap_clear(&st->extra_seen[sh]);
	free(st->named[sh]);
	st->named[sh] = NULL;
	store_release_parts_forget(st, sh);
}

static void
bind_record(sqlite3_stmt *s, long seq, const struct cs_fields *f)
{
	static const int col[] = { R_ID, R_USCC, R_TYPE, R_SEVERITY,
	    R_DECIDED_ON, R_VALID_UNTIL, R_DUE_ON, R_REF, R_DOMAIN,
	    R_CERTIFIED, R_DISHONEST_DEBTOR, R_AUTHORITY_USCC,
	    R_VIOLATION_TYPE, R_SEVERITY_RULE, R_PENALTY_CATEGORY };
	size_t i;

	sqlite3_bind_int64(s, 1, seq);
	for (i = 0; i < sizeof(col) / sizeof(col[0]); i++)
		store_bind_text(s, (int)i + 2, f->v[col[i]]);
}

int
store_apply_add(struct cs_store *st, int sh, long seq,
    const struct cs_fields *f, struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, sh, &rec_insert, err);

	if (s == NULL)
		return -1;
	bind_record(s, seq, f);
	if (store_run(st, s, err, "insert the record") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)
		return 0;
	if (entity_seen(st, sh, seq, f, err) != 0)
		return -1;
	return 1;
}

static int
history(struct cs_store *st, int sh, const char *id, long seq,
    const char *action, struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, sh, &hist_insert, err);

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, id);
	sqlite3_bind_int64(s, 2, seq);
	store_bind_text(s, 3, action);
	return store_run(st, s, err, "record the history");
}

/* Record id gets the version f, held by event seq. */
static int
version(struct cs_store *st, int sh, long seq, const char *id,
    const struct cs_fields *f, struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, sh, &rec_update, err);

	if (s == NULL)
		return -1;
	bind_record(s, seq, f);
	store_bind_text(s, 2, id);
	if (store_run(st, s, err, "update the record") != 0)
		return -1;
	return entity_seen(st, sh, seq, f, err);
}

int
store_apply_entity(struct cs_store *st, int sh, long seq,
    const struct cs_fields *ef, struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, sh, &ent_register, err);
	int i;

	if (s == NULL)
		return -1;
	for (i = 0; i < E_NCOLS; i++)
		store_bind_text(s, i + 1, ef->v[i]);
	sqlite3_bind_int64(s, 10, seq);
	return store_run(st, s, err, "register the entity");
}

/*
 * The appliers of the action table.  Each writes the rows of one event
 * (body j, scratch fields f) and returns 0, 1 when the body has not the
 * shape of its action, or -1 with err.
 */

/* init, migrate, unmask (a disclosure): no derived state. */
static int
apply_none(struct cs_store *st, int sh, long seq, const char *action,
    const json_t *j, struct cs_fields *f, struct cs_error *err)
{
	(void)st, (void)sh, (void)seq, (void)action, (void)j, (void)f;
	(void)err;
	return 0;
}

static int
apply_add(struct cs_store *st, int sh, long seq, const char *action,
    const json_t *j, struct cs_fields *f, struct cs_error *err)
{
	int rc;

	(void)action;
	f->sc = &cs_record_schema;
	if (cs_fields_from_json(f, j) != 0 || f->v[R_ID] == NULL)
		return 1;
	rc = store_apply_add(st, sh, seq, f, err);
	if (rc == 0)
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "ledger seq "
		    "%ld adds record '%s', which an earlier event added", seq,
		    f->v[R_ID]);
	return rc < 0 ? -1 : 0;
}

static int
apply_correct(struct cs_store *st, int sh, long seq, const char *action,
    const json_t *j, struct cs_fields *f, struct cs_error *err)
{
	const char *id = store_jstr(j, "id");

	(void)action;
	f->sc = &cs_record_schema;
	if (id == NULL || cs_fields_from_json(f,
	    json_object_get(j, "record")) != 0)
		return 1;
	if (version(st, sh, seq, id, f, err) != 0)
		return -1;
	return history(st, sh, id, seq, "correct", err);
}

static int
apply_entity(struct cs_store *st, int sh, long seq, const char *action,
    const json_t *j, struct cs_fields *f, struct cs_error *err)
{
	(void)action;
	f->sc = &cs_entity_schema;
	if (cs_fields_from_json(f, j) != 0)
		return 1;
	return store_apply_entity(st, sh, seq, f, err);
}

static int
apply_object(struct cs_store *st, int sh, long seq, const char *action,
    const json_t *j, struct cs_fields *f, struct cs_error *err)
{
	const char *id = store_jstr(j, "id");
	sqlite3_stmt *s;

	(void)action, (void)f;
	if (id == NULL || store_jstr(j, "uscc") == NULL ||
	    store_jstr(j, "filed_on") == NULL ||
	    store_jstr(j, "answer_by") == NULL)
		return 1;
	s = store_prep(st, sh, &obj_insert, err);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, seq);
	store_bind_text(s, 2, id);
	store_bind_text(s, 3, store_jstr(j, "uscc"));
	store_bind_text(s, 4, store_jstr(j, "filed_on"));
	store_bind_text(s, 5, store_jstr(j, "answer_by"));
	if (store_run(st, s, err, "insert the objection") != 0)
		return -1;
	return history(st, sh, id, seq, "object", err);
}

static int
apply_resolve(struct cs_store *st, int sh, long seq, const char *action,
    const json_t *j, struct cs_fields *f, struct cs_error *err)
{
	const json_t *oid = json_object_get(j, "objection_id");
	const json_t *rec = json_object_get(j, "record");
	const char *id = store_jstr(j, "id");
	sqlite3_stmt *s;

	(void)action;
	if (!json_is_integer(oid) || id == NULL ||
	    store_jstr(j, "outcome") == NULL)
		return 1;
	if (rec != NULL) {
		f->sc = &cs_record_schema;
		if (cs_fields_from_json(f, rec) != 0)
			return 1;
	}
	s = store_prep(st, sh, &obj_resolve, err);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, (long)json_integer_value(oid));
	store_bind_text(s, 2, store_jstr(j, "outcome"));
	store_bind_text(s, 3, store_jstr(j, "resolved_on"));
	sqlite3_bind_int64(s, 4, seq);
	if (store_run(st, s, err, "resolve the objection") != 0)
		return -1;
	if (json_is_true(json_object_get(j, "revoke"))) {
		s = store_prep(st, sh, &rec_revoke, err);
		if (s == NULL)
			return -1;
		store_bind_text(s, 1, id);
		if (store_run(st, s, err, "revoke the record") != 0)
			return -1;
	}
	if (rec != NULL && version(st, sh, seq, id, f, err) != 0)
		return -1;
	return history(st, sh, id, seq, "resolve", err);
}

static int
apply_class(struct cs_store *st, int sh, long seq, const char *action,
    const json_t *j, struct cs_fields *f, struct cs_error *err)
{
	sqlite3_stmt *s;

	(void)action, (void)f;
	if (store_jstr(j, "uscc") == NULL || store_jstr(j, "as_of") == NULL ||
	    store_jstr(j, "class") == NULL)
		return 1;
	s = store_prep(st, sh, &class_insert, err);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, store_jstr(j, "uscc"));
	store_bind_text(s, 2, store_jstr(j, "as_of"));
	store_bind_text(s, 3, store_jstr(j, "class"));
	store_bind_text(s, 4, store_jstr(j, "score"));
	store_bind_text(s, 5, store_jstr(j, "model"));
	store_bind_text(s, 6, store_jstr(j, "reason"));
	sqlite3_bind_int64(s, 7, seq);
	return store_run(st, s, err, "save a class");
}

/* Does a draw body have the fields the draw tables need? */
static int
draw_shaped(const json_t *j)
{
	const json_t *picks = json_object_get(j, "picks");
	const json_t *esc = json_object_get(j, "escalations");
	const json_t *p;
	size_t i;

	if (store_jstr(j, "draw_id") == NULL ||
	    store_jstr(j, "as_of") == NULL ||
	    store_jstr(j, "plan") == NULL || store_jstr(j, "period") == NULL ||
	    store_jstr(j, "seed") == NULL ||
	    store_jstr(j, "frame_hash") == NULL || !json_is_array(picks) ||
	    (esc != NULL && !json_is_array(esc)))
		return 0;
	json_array_foreach(picks, i, p)
		if (store_jstr(p, "uscc") == NULL ||
		    store_jstr(p, "class") == NULL ||
		    store_jstr(p, "ticket") == NULL ||
		    !json_is_integer(json_object_get(p, "rank")) ||
		    !json_is_integer(json_object_get(p, "round")))
			return 0;
	return 1;
}

/*
 * A draw event of cs-sample: the draw (created, or its escalations and
 * target count updated) and the targets this round added.
 */
static int
apply_draw(struct cs_store *st, int sh, long seq, const char *action,
    const json_t *j, struct cs_fields *f, struct cs_error *err)
{
	const json_t *picks = json_object_get(j, "picks");
	const json_t *esc = json_object_get(j, "escalations");
	const char *id = store_jstr(j, "draw_id"), *on = store_jstr(j, "as_of");
	sqlite3_stmt *s;
	struct cs_buf list;
	const json_t *p, *v;
	size_t i, k;

	(void)action, (void)f;
	if (!draw_shaped(j))
		return 1;
	s = store_prep(st, sh, &draw_upsert, err);
	if (s == NULL)
		return -1;
	cs_buf_init(&list);
	json_array_foreach(esc, k, v)
		cs_buf_addf(&list, "%s%lld", k ? "," : "",
		    (long long)json_integer_value(v));
	store_bind_text(s, 1, id);
	store_bind_text(s, 2, store_jstr(j, "plan"));
	store_bind_text(s, 3, store_jstr(j, "period"));
	store_bind_text(s, 4, store_jstr(j, "seed"));
	store_bind_text(s, 5, store_jstr(j, "frame_hash"));
	store_bind_text(s, 6, store_jstr(j, "inspectors_hash"));
	store_bind_text(s, 7, store_jstr(j, "conflicts_hash"));
	sqlite3_bind_text(s, 8, list.s, (int)list.len, SQLITE_TRANSIENT);
	store_bind_text(s, 9, on);
	sqlite3_bind_int64(s, 10, (sqlite3_int64)json_array_size(picks));
	sqlite3_bind_int64(s, 11, seq);
	cs_buf_release(&list);
	if (store_run(st, s, err, "record the draw") != 0)
		return -1;
	s = store_prep(st, sh, &pick_insert, err);
	if (s == NULL)
		return -1;
	json_array_foreach(picks, i, p) {
		const json_t *ins = json_object_get(p, "inspectors");

		cs_buf_init(&list);
		json_array_foreach(ins, k, v) {
			if (k > 0)
				cs_buf_addc(&list, ' ');
			if (json_is_string(v))
				cs_buf_adds(&list, json_string_value(v));
		}
		store_bind_text(s, 1, id);
		store_bind_text(s, 2, store_jstr(p, "uscc"));
		store_bind_text(s, 3, store_jstr(p, "class"));
		sqlite3_bind_int64(s, 4, json_integer_value(json_object_get(p,
		    "rank")));
		sqlite3_bind_int64(s, 5, json_integer_value(json_object_get(p,
		    "round")));
		store_bind_text(s, 6, store_jstr(p, "ticket"));
		if (list.len > 0)
			sqlite3_bind_text(s, 7, list.s, (int)list.len,
			    SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(s, 7);
		store_bind_text(s, 8, store_jstr(p, "unassigned"));
		store_bind_text(s, 9, on);
		sqlite3_bind_int64(s, 10, seq);
		cs_buf_release(&list);
		if (store_run(st, s, err, "record a drawn target") != 0)
			return -1;
	}
	return 0;
}

/* "list_notice": a new list entry (entry_id seq) with its bases. */
static int
list_notice_rows(struct cs_store *st, int sh, long seq, const json_t *j,
    struct cs_error *err)
{
	const json_t *basis = json_object_get(j, "basis");
	sqlite3_stmt *s;
	size_t i;

	if (store_jstr(j, "uscc") == NULL || store_jstr(j, "list") == NULL ||
	    store_jstr(j, "noticed_on") == NULL ||
	    store_jstr(j, "deadline") == NULL || !json_is_array(basis))
		return 1;
	s = store_prep(st, sh, &list_notice, err);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, seq);
	store_bind_text(s, 2, store_jstr(j, "uscc"));
	store_bind_text(s, 3, store_jstr(j, "list"));
	store_bind_text(s, 4, store_jstr(j, "name"));
	store_bind_text(s, 5, store_jstr(j, "noticed_on"));
	store_bind_text(s, 6, store_jstr(j, "deadline"));
	if (store_run(st, s, err, "insert the list entry") != 0)
		return -1;
	for (i = 0; i < json_array_size(basis); i++) {
		const char *r = json_string_value(json_array_get(basis, i));

		if (r == NULL)
			return 1;
		s = store_prep(st, sh, &list_basis, err);
		if (s == NULL)
			return -1;
		store_bind_text(s, 1, r);
		sqlite3_bind_int64(s, 2, seq);
		if (store_run(st, s, err, "record the basis") != 0)
			return -1;
	}
	return 0;
}

/*
 * A later step of entry_id: it moves to state on the day "on"; a
 * decision sets "until" (null: permanent), an end (uphold, removal,
 * withdrawal) its reason.
 */
static int
list_step_rows(struct cs_store *st, int sh, long seq, const char *step,
    const char *state, const json_t *j, struct cs_error *err)
{
	const json_t *id = json_object_get(j, "entry_id");
	const char *on = store_jstr(j, "on"), *end = NULL;
	int ends = strcmp(step, "remove") == 0 || strcmp(step, "withdraw") == 0;
	sqlite3_stmt *s;
	long entry;

	if (!json_is_integer(id) || on == NULL)
		return 1;
	entry = (long)json_integer_value(id);
	if (strcmp(step, "uphold") == 0)
		end = "upheld";
	else if (ends)
		end = store_jstr(j, "end");
	if (ends && end == NULL)
		return 1;
	if (strcmp(step, "reinstate") == 0) {
		/* A repair revoked: listed again, the end forgotten. */
		s = store_prep(st, sh, &list_reinstate, err);
		if (s == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, entry);
		store_bind_text(s, 2, on);
		sqlite3_bind_int64(s, 3, seq);
		if (store_run(st, s, err, "reinstate the list entry") != 0)
			return -1;
		return sqlite3_changes(st->db) == 1 ? 0 : cs_error_set(err,
		    CS_EX_DATAERR, NULL, 0, "ledger seq %ld: no list entry "
		    "%ld", seq, entry);
	}
	s = store_prep(st, sh, &list_update, err);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, entry);
	store_bind_text(s, 2, state);
	store_bind_text(s, 3, on);
	sqlite3_bind_int64(s, 4, seq);
	store_bind_text(s, 5, strcmp(step, "object") == 0 ? on : NULL);
	store_bind_text(s, 6, strcmp(step, "decide") == 0 ? on : NULL);
	store_bind_text(s, 7, store_jstr(j, "until"));
	store_bind_text(s, 8, end != NULL ? on : NULL);
	store_bind_text(s, 9, end);
	if (store_run(st, s, err, "update the list entry") != 0)
		return -1;
	if (sqlite3_changes(st->db) != 1)
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "ledger "
		    "seq %ld: no list entry %ld", seq, entry);
	return 0;
}

/* A step of a procedure and the state it leads to. */
struct step_state {
	const char *step, *state;
};

/*
 * The state step leads to in table t (n entries), or NULL: an unknown
 * step, which the caller reports with its procedure's name.
 */
static const char *
state_after(const struct step_state *t, size_t n, const char *step)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(t[i].step, step) == 0)
			return t[i].state;
	return NULL;
}

/*
 * A step of a list entry (cs-blacklist), action "list_<step>": "notice"
 * creates the entry with its bases; the others move it to the state of
 * the table below.  Every step is kept in list_steps.
 */
static int
apply_list(struct cs_store *st, int sh, long seq, const char *action,
    const json_t *j, struct cs_fields *f, struct cs_error *err)
{
	static const struct step_state next[] = {
		{ "notice", "noticed" },
		{ "object", "objected" }, { "uphold", "withdrawn" },
		{ "dismiss", "dismissed" }, { "decide", "listed" },
		{ "remove", "removed" }, { "withdraw", "withdrawn" },
		{ "reinstate", "listed" },
	};
	const char *step = action + strlen("list_"), *state, *on;
	const json_t *id;
	sqlite3_stmt *s;
	int rc;

	(void)f;
	state = state_after(next, sizeof(next) / sizeof(next[0]), step);
	if (state == NULL)
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "ledger "
		    "seq %ld: unknown list step '%s'", seq, step);
	if (strcmp(step, "notice") == 0) {
		rc = list_notice_rows(st, sh, seq, j, err);
		on = store_jstr(j, "noticed_on");
		id = NULL;
	} else {
		rc = list_step_rows(st, sh, seq, step, state, j, err);
		on = store_jstr(j, "on");
		id = json_object_get(j, "entry_id");
	}
	if (rc != 0)
		return rc;
	s = store_prep(st, sh, &list_step, err);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id != NULL ? (long)json_integer_value(id) :
	    seq);
	sqlite3_bind_int64(s, 2, seq);
	store_bind_text(s, 3, step);
	store_bind_text(s, 4, state);
	store_bind_text(s, 5, on);
	return store_run(st, s, err, "record the list step");
}

/*
 * A step of a repair application (cs-repair), action "repair_<step>":
 * "apply" creates the application; the others move it to the state of
 * the table below, with the columns their body gives.  Every step is
 * kept in repair_steps.
 */
static int
apply_repair(struct cs_store *st, int sh, long seq, const char *action,
    const json_t *j, struct cs_fields *f, struct cs_error *err)
{
	static const struct step_state next[] = {
		{ "apply", "filed" }, { "accept", "accepted" },
		{ "return", "returned" }, { "extend", "accepted" },
		{ "grant", "granted" }, { "refuse", "refused" },
		{ "revoke", "revoked" }, { "withdraw", "withdrawn" },
	};
	const char *step = action + strlen("repair_"), *state, *on;
	const json_t *id = json_object_get(j, "application_id");
	int apply = strcmp(step, "apply") == 0;
	sqlite3_stmt *s;
	long app;

	(void)f;
	state = state_after(next, sizeof(next) / sizeof(next[0]), step);
	if (state == NULL)
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "ledger "
		    "seq %ld: unknown repair step '%s'", seq, step);
	on = store_jstr(j, apply ? "filed_on" : "on");
	if (on == NULL)
		return 1;
	if (apply) {
		if (store_jstr(j, "uscc") == NULL ||
		    store_jstr(j, "target") == NULL ||
		    store_jstr(j, "kind") == NULL ||
		    store_jstr(j, "accept_by") == NULL)
			return 1;
		app = seq;
		s = store_prep(st, sh, &repair_insert, err);
		if (s == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, seq);
		store_bind_text(s, 2, store_jstr(j, "uscc"));
		store_bind_text(s, 3, store_jstr(j, "target"));
		store_bind_text(s, 4, store_jstr(j, "kind"));
		store_bind_text(s, 5, on);
		store_bind_text(s, 6, store_jstr(j, "accept_by"));
	} else {
		if (!json_is_integer(id))
			return 1;
		app = (long)json_integer_value(id);
		s = store_prep(st, sh, &repair_update, err);
		if (s == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, app);
		store_bind_text(s, 2, state);
		store_bind_text(s, 3, on);
		sqlite3_bind_int64(s, 4, seq);
		store_bind_text(s, 5, strcmp(step, "accept") == 0 ? on : NULL);
		store_bind_text(s, 6, store_jstr(j, "decide_by"));
		sqlite3_bind_int(s, 7, strcmp(step, "extend") == 0);
		store_bind_text(s, 8, strcmp(step, "grant") == 0 ||
		    strcmp(step, "refuse") == 0 ? on : NULL);
		store_bind_text(s, 9, store_jstr(j, "effective_on"));
		store_bind_text(s, 10, strcmp(step, "revoke") == 0 ? on : NULL);
		store_bind_text(s, 11, store_jstr(j, "bar_until"));
		store_bind_text(s, 12, store_jstr(j, "reason"));
	}
	if (store_run(st, s, err, "record the repair application") != 0)
		return -1;
	if (!apply && sqlite3_changes(st->db) != 1)
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "ledger "
		    "seq %ld: no repair application %ld", seq, app);
	s = store_prep(st, sh, &repair_step, err);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, app);
	sqlite3_bind_int64(s, 2, seq);
	store_bind_text(s, 3, step);
	store_bind_text(s, 4, state);
	store_bind_text(s, 5, on);
	return store_run(st, s, err, "record the repair step");
}

/* Insert each id of the array a: published or withdrawn. */
static int
ids_insert(struct cs_store *st, int sh, int withdrawn, const json_t *a,
    const char *rel, const char *as_of, long seq, struct cs_error *err)
{
	const json_t *v;
	size_t i;

	json_array_foreach(a, i, v)
		if (store_release_id(st, sh, withdrawn, json_string_value(v),
		    json_string_length(v), rel, as_of, seq, err) != 0)
			return -1;
	return 0;
}

static int
strings(const json_t *a)
{
	const json_t *v;
	size_t i;

	if (!json_is_array(a))
		return 0;
	json_array_foreach(a, i, v)
		if (!json_is_string(v))
			return 0;
	return 1;
}

/* A release body of another shape than the canonical (release.c). */
static int
apply_release(struct cs_store *st, int sh, long seq, const char *action,
    const json_t *j, struct cs_fields *f, struct cs_error *err)
{
	const char *rel = store_jstr(j, "release_id");
	const char *as_of = store_jstr(j, "as_of");
	const json_t *cut = json_object_get(j, "cut_seq");
	const json_t *pub = json_object_get(j, "published");
	const json_t *wd = json_object_get(j, "withdrawn");

	(void)action, (void)f;
	if (rel == NULL || as_of == NULL || !json_is_integer(cut) ||
	    store_jstr(j, "manifest_sha256") == NULL || !strings(pub) ||
	    !strings(wd))
		return 1;
	if (store_release_row(st, sh, seq, rel, as_of,
	    store_jstr(j, "manifest_sha256"), store_jstr(j, "previous"),
	    (long)json_integer_value(cut), err) != 0 ||
	    ids_insert(st, sh, 0, pub, rel, as_of, seq, err) != 0 ||
	    ids_insert(st, sh, 1, wd, rel, as_of, seq, err) != 0)
		return -1;
	return 0;
}

/* Actions and their appliers; prefix: every action that starts so. */
static const struct {
	const char *action;
	int prefix;
	int (*apply)(struct cs_store *st, int sh, long seq,
	    const char *action, const json_t *j, struct cs_fields *f,
	    struct cs_error *err);
} appliers[] = {
	{ "init", 0, apply_none },
	{ "migrate", 0, apply_none },
	{ "add", 0, apply_add },
	{ "correct", 0, apply_correct },
	{ "entity", 0, apply_entity },
	{ "object", 0, apply_object },
	{ "resolve", 0, apply_resolve },
	{ "list_", 1, apply_list },
	{ "unmask", 0, apply_none },
	{ "class", 0, apply_class },
	{ "draw", 0, apply_draw },
	{ "repair_", 1, apply_repair },
	{ "release", 0, apply_release },
};

int
store_apply_event(struct cs_store *st, int sh, long seq, const char *action,
    const char *body, struct cs_fields *f, struct cs_error *err)
{
	json_error_t je;
	json_t *j;
	size_t i;
	int rc;

	/* The ids of a release, which may be many: read without jansson. */
	if (strcmp(action, "release") == 0 ||
	    strcmp(action, "release_ids") == 0) {
		rc = store_apply_release_text(st, sh, seq, action, body, err);
		if (rc == 1 || (rc == 2 && action[7] != '\0'))
			return cs_error_set(err, CS_EX_DATAERR, NULL, 0,
			    "ledger seq %ld: the body of this '%s' event has "
			    "an unexpected shape", seq, action);
		if (rc != 2)
			return rc;
	}
	j = json_loads(body, 0, &je);
	if (j == NULL)
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "ledger seq "
		    "%ld: body is not JSON: %s", seq, je.text);
	for (i = 0; i < sizeof(appliers) / sizeof(appliers[0]); i++)
		if (appliers[i].prefix ? strncmp(action, appliers[i].action,
		    strlen(appliers[i].action)) == 0 :
		    strcmp(action, appliers[i].action) == 0)
			break;
	if (i == sizeof(appliers) / sizeof(appliers[0])) {
		json_decref(j);
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "ledger seq "
		    "%ld: unknown action '%s'", seq, action);
	}
	rc = appliers[i].apply(st, sh, seq, action, j, f, err);
	json_decref(j);
	if (rc == 1)
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "ledger seq "
		    "%ld: the body of this '%s' event has an unexpected shape",
		    seq, action);
	return rc;
}

int
store_append_apply(struct cs_store *st, const char *action,
    const char *subject, const char *body, size_t blen, long *seqp,
    struct cs_error *err)
{
	struct cs_fields f;
	int rc;

	if (store_append(st, action, subject, body, blen, NULL, NULL, seqp,
	    err) != 0)
		return -1;
	cs_fields_init(&f, &cs_record_schema);
	rc = store_apply_event(st, SH_MAIN, *seqp, action, body, &f, err);
	cs_fields_release(&f);
	return rc;
}
