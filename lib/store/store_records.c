/*
 * Records and entities: adding a record (the bulk path: the records row
 * first, then its event), correcting it, registering an entity, looking
 * them up, and the listings of records, commitments, scoring rows and
 * entities.  A record's columns come from the event of its version.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/calendar.h"
#include "store/internal.h"
#include "store/packed.h"

static const struct store_stmt rec_info = { S_REC_INFO,
	"SELECT rid, seq, type, uscc, status, (SELECT objection_id FROM"
	" objections o WHERE o.id = r.id AND o.state = 'open'"
	" ORDER BY objection_id LIMIT 1), decided_on FROM records r"
	" WHERE id = ?1" };
static const struct store_stmt entity_get = { S_ENTITY,
	"SELECT uscc, name, kind, region, industry, legal_rep, legal_rep_id,"
	" registered_on, status, seq FROM entities WHERE uscc = ?1" };
static const struct store_stmt extra_list = { S_EXTRA_LIST,
	"SELECT name FROM extra_columns ORDER BY first_seq, name" };

int
cs_store_record_info(struct cs_store *st, const char *id,
    struct cs_recinfo *ri, struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &rec_info, err);
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, id);
	rc = store_row(st, s, err, "look up the record");
	if (rc != 1)
		return rc;
	ri->rid = sqlite3_column_int64(s, 0);
	ri->seq = sqlite3_column_int64(s, 1);
	store_copy_col(s, 2, ri->type, sizeof(ri->type));
	store_copy_col(s, 3, ri->uscc, sizeof(ri->uscc));
	ri->revoked = strcmp(store_col(s, 4), "revoked") == 0;
	ri->objection = sqlite3_column_int64(s, 5);
	store_copy_col(s, 6, ri->decided_on, sizeof(ri->decided_on));
	sqlite3_reset(s);
	return 1;
}

/*
 * The first active record of one of types that refers to ref.  Its
 * statement depends on the number of types only, so it is prepared once
 * for a run (a bulk add asks for each record that settles another) and
 * again when another list of types asks.
 */
int
cs_store_first_ref(struct cs_store *st, const char *ref,
    const char *const *types, size_t ntypes, const char *except_id,
    struct cs_recinfo *ri, char id[65], struct cs_error *err)
{
	sqlite3_stmt **s = &st->stmt[SH_MAIN][S_FIRST_REF];
	size_t i;
	int rc;

	if (*s != NULL && st->first_ref_n != ntypes) {
		sqlite3_finalize(*s);
		*s = NULL;
	}
	if (*s == NULL) {
		struct cs_buf sql;

		cs_buf_init(&sql);
		cs_buf_adds(&sql, "SELECT id FROM records WHERE ref = ?1 AND"
		    " status = 'active' AND id <> ?2 AND type IN (");
		for (i = 0; i < ntypes; i++)
			cs_buf_addf(&sql, "%s?%zu", i ? ", " : "", i + 3);
		cs_buf_adds(&sql, ") ORDER BY decided_on, rid LIMIT 1");
		rc = sqlite3_prepare_v3(st->db, sql.s, (int)sql.len,
		    SQLITE_PREPARE_PERSISTENT, s, NULL);
		cs_buf_release(&sql);
		if (rc != SQLITE_OK) {
			*s = NULL;
			return store_dberr(st, err, "prepare a query");
		}
		st->first_ref_n = ntypes;
	}
	store_bind_text(*s, 1, ref);
	store_bind_text(*s, 2, except_id ? except_id : "");
	for (i = 0; i < ntypes; i++)
		store_bind_text(*s, (int)i + 3, types[i]);
	rc = store_row(st, *s, err, "look up the references");
	if (rc != 1)
		return rc;
	store_copy_col(*s, 0, id, 65);
	sqlite3_reset(*s);
	return cs_store_record_info(st, id, ri, err);
}

/* Load into f the record of an event body (action's shape): 0 or -1. */
static int
record_of_body(struct cs_store *st, long seq, const char *action,
    const char *body, struct cs_fields *f, struct cs_error *err)
{
	json_t *j;
	int rc;

	f->sc = &cs_record_schema;
	/* An add's body is flat: read without jansson when it can be. */
	if (strcmp(action, "add") == 0 && store_fields_from_flat(f, body, &st->bk,
	    &st->bv) == 0)
		return 0;
	j = json_loads(body, 0, NULL);
	rc = j ? cs_fields_from_json(f, store_body_record(action, j)) : -1;
	json_decref(j);
	if (rc != 0)
		return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "store "
		    "'%s': ledger seq %ld does not hold a record; run "
		    "'cs-record verify'", st->path, seq);
	return 0;
}

int
cs_store_record_version(struct cs_store *st, long seq, struct cs_fields *f,
    struct cs_error *err)
{
	struct cs_event ev;
	int rc;

	rc = cs_store_event(st, seq, &ev, err);
	if (rc <= 0)
		return rc < 0 ? -1 : cs_error_set(err, CS_EX_SOFTWARE, NULL, 0,
		    "store '%s': ledger seq %ld is missing", st->path, seq);
	return record_of_body(st, seq, ev.action, ev.body, f, err);
}

int
cs_store_add_record(struct cs_store *st, const struct cs_fields *f,
    const char *body, size_t blen, const struct cs_prepacked *pp, long *seq,
    struct cs_error *err)
{
	int rc;

	/*
	 * The records row first: its unique id tells in one step whether the
	 * record is new.  The event gets the seq reserved for it, in the
	 * same transaction.
	 */
	rc = store_apply_add(st, SH_MAIN, st->last_seq + 1, f, err);
	if (rc <= 0)
		return rc;
	if (store_append(st, "add", f->v[R_USCC], body, blen, f, pp, seq,
	    err) != 0)
		return -1;
	return 1;
}

void
store_version_body(struct cs_buf *b, const char *changes, const char *id)
{
	if (changes != NULL) {
		cs_buf_adds(b, "\"changes\":");
		cs_buf_adds(b, changes);
	}
	store_json_member(b, "id", id);
}

int
cs_store_correct(struct cs_store *st, const char *id,
    const struct cs_fields *newf, const char *changes, const char *reason,
    long *seq, struct cs_error *err)
{
	struct cs_buf *b = &st->tmp;

	cs_buf_reset(b);
	cs_buf_addc(b, '{');
	store_version_body(b, changes, id);
	store_json_member(b, "reason", reason);
	cs_buf_adds(b, ",\"record\":");
	cs_fields_json(newf, b, -1);
	cs_buf_addc(b, '}');
	return store_append_apply(st, "correct", newf->v[R_USCC], b->s, b->len,
	    seq, err);
}

int
cs_store_add_entity(struct cs_store *st, const struct cs_fields *ef,
    const char *body, size_t blen, const struct cs_prepacked *pp, long *seq,
    struct cs_error *err)
{
	if (store_append(st, "entity", ef->v[E_USCC], body, blen, ef, pp, seq,
	    err) != 0)
		return -1;
	return store_apply_entity(st, SH_MAIN, *seq, ef, err);
}

int
cs_store_entity(struct cs_store *st, const char *uscc, struct cs_fields *ef,
    long *regseq, struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &entity_get, err);
	struct cs_event ev;
	json_t *j;
	int rc, i;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, uscc);
	rc = store_row(st, s, err, "look up the entity");
	if (rc != 1)
		return rc;
	*regseq = sqlite3_column_int64(s, 9);
	ef->sc = &cs_entity_schema;
	cs_fields_clear(ef);
	for (i = 0; i < E_NCOLS; i++) {
		const char *v = store_col(s, i);

		if (v != NULL)
			cs_fields_put(ef, i, v, strlen(v));
	}
	sqlite3_reset(s);
	if (*regseq > 0) {
		/* The register event also holds the extra columns. */
		rc = cs_store_event(st, *regseq, &ev, err);
		if (rc < 0)
			return -1;
		j = rc ? json_loads(ev.body, 0, NULL) : NULL;
		if (j == NULL || cs_fields_from_json(ef, j) != 0) {
			json_decref(j);
			return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0,
			    "store '%s': ledger seq %ld does not hold an "
			    "entity; run 'cs-record verify'", st->path,
			    *regseq);
		}
		json_decref(j);
	}
	return 1;
}

/* What cs_store_next_record fills: the record and its metadata. */
struct record_row {
	struct cs_fields *f;
	struct cs_recmeta *m;
};

static int
read_record(struct cs_store_iter *it, void *row, struct cs_error *err)
{
	struct record_row *r = row;
	sqlite3_stmt *q = it->q;

	r->m->seq = sqlite3_column_int64(q, 0);
	r->m->rid = sqlite3_column_int64(q, 1);
	r->m->revoked = strcmp(store_col(q, 2), "revoked") == 0;
	r->m->disputed = sqlite3_column_int(q, 5);
	r->m->repair = sqlite3_column_int64(q, 6);
	r->m->repaired_from = r->m->resumed_on = -1;
	if (r->m->repair != 0) {
		const char *e = store_col(q, 7), *v = store_col(q, 8);

		if (e != NULL)
			cs_date_parse(e, strlen(e), &r->m->repaired_from);
		if (v != NULL)
			cs_date_parse(v, strlen(v), &r->m->resumed_on);
	}
	/* A packed body is read straight into the fields. */
	if (sqlite3_column_type(q, 4) == SQLITE_BLOB) {
		struct store_words w;

		store_words_of(it->st, &w);
		r->f->sc = &cs_record_schema;
		if (store_fields_from_packed(r->f, store_col(q, 9),
		    sqlite3_column_blob(q, 4),
		    (size_t)sqlite3_column_bytes(q, 4), &w) == 0)
			return 1;
		return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "store "
		    "'%s': ledger seq %ld does not hold a record; run "
		    "'cs-record verify'", it->st->path, r->m->seq);
	}
	if (record_of_body(it->st, r->m->seq, store_col(q, 3),
	    store_col(q, 4), r->f, err) != 0)
		return -1;
	return 1;
}

static const struct store_query records_query = {
	NULL, "read the records", read_record
};

int
cs_store_iter_records(struct cs_store *st, const struct cs_record_filter *flt,
    struct cs_store_iter **it, struct cs_error *err)
{
	const char **args = cs_xcalloc(flt->ntypes + 4, sizeof(*args));
	struct cs_buf sql;
	size_t i;
	int rc, n = 1;

	cs_buf_init(&sql);
	if (flt->bare)
		cs_buf_adds(&sql, "SELECT r.seq, r.rid, r.status, l.action,"
		    " l.body, 0, 0, NULL, NULL, l.subject"
		    " FROM records r"
		    " JOIN ledger l ON l.seq = r.seq WHERE r.seq > ?1");
	else
		cs_buf_adds(&sql, "SELECT r.seq, r.rid, r.status, l.action,"
		    " l.body,"
		    " EXISTS (SELECT 1 FROM objections o"
		    " WHERE o.id = r.id AND o.state = 'open'),"
		    " p.application_id, p.effective_on, p.revoked_on, l.subject"
		    " FROM records r JOIN ledger l ON l.seq = r.seq"
		    /* The latest granted repair, in the same pass. */
		    " LEFT JOIN repairs p ON p.application_id ="
		    " (SELECT max(g.application_id) FROM repairs g"
		    " WHERE g.target = r.id AND g.kind = 'record'"
		    " AND g.effective_on IS NOT NULL)"
		    " WHERE r.seq > ?1");
	if (!flt->revoked)
		cs_buf_adds(&sql, " AND r.status = 'active'");
	if (flt->derived)
		cs_buf_adds(&sql, " AND r.severity_rule IS NOT NULL");
	/* ?1 is since_seq, bound below; the strings follow from ?2. */
	if (flt->uscc != NULL) {
		args[n++] = flt->uscc;
		cs_buf_addf(&sql, " AND r.uscc = ?%d", n);
	}
	if (flt->decided_from != NULL) {
		args[n++] = flt->decided_from;
		cs_buf_addf(&sql, " AND r.decided_on >= ?%d", n);
	}
	if (flt->decided_to != NULL) {
		args[n++] = flt->decided_to;
		cs_buf_addf(&sql, " AND r.decided_on <= ?%d", n);
	}
	if (flt->ntypes > 0) {
		/* By id: the index of records by type (see db.c, schema 7). */
		cs_buf_adds(&sql, flt->by_id ? " AND r.type IN (" :
		    " AND +r.type IN (");
		for (i = 0; i < flt->ntypes; i++) {
			args[n++] = flt->types[i];
			cs_buf_addf(&sql, "%s?%d", i ? ", " : "", n);
		}
		cs_buf_addc(&sql, ')');
	}
	cs_buf_adds(&sql, flt->by_id ? " ORDER BY r.id" : flt->by_decision ?
	    " ORDER BY r.decided_on, r.rid" : " ORDER BY r.seq");
	rc = store_iter_open(st, &records_query, sql.s, args, n, it, err);
	cs_buf_release(&sql);
	free(args);
	if (rc != 0)
		return -1;
	sqlite3_bind_int64((*it)->q, 1, flt->since_seq);
	return 0;
}

int
cs_store_next_record(struct cs_store_iter *it, struct cs_fields *f,
    struct cs_recmeta *m, struct cs_error *err)
{
	struct record_row r = { f, m };

	return store_iter_next(it, &r, err);
}

static int
read_commitment(struct cs_store_iter *it, void *row, struct cs_error *err)
{
	struct cs_commitment *c = row;
	sqlite3_stmt *q = it->q;
	const json_t *rec;
	const char *kt;

	(void)err;
	store_copy_col(q, 0, c->id, sizeof(c->id));
	store_copy_col(q, 1, c->uscc, sizeof(c->uscc));
	store_copy_col(q, 2, c->decided_on, sizeof(c->decided_on));
	store_copy_col(q, 3, c->due_on, sizeof(c->due_on));
	c->seq = sqlite3_column_int64(q, 4);
	kt = store_col(q, 5);
	store_copy_col(q, 6, c->settled_by, sizeof(c->settled_by));
	store_copy_col(q, 7, c->settled_on, sizeof(c->settled_on));
	if (kt != NULL && strcmp(kt, "commitment_kept") == 0)
		snprintf(c->state, sizeof(c->state), "kept");
	else if (kt != NULL)
		snprintf(c->state, sizeof(c->state), "broken");
	else
		snprintf(c->state, sizeof(c->state), "%s",
		    strcmp(c->due_on, it->as_of) < 0 ? "overdue" : "open");
	/* Content and name from the version's event, in the same query. */
	json_decref(it->body);
	it->body = json_loads(store_col(q, 9), 0, NULL);
	rec = store_body_record(store_col(q, 8), it->body);
	c->content = json_string_value(json_object_get(rec, "content"));
	c->name = json_string_value(json_object_get(rec, "name"));
	if (c->name == NULL)
		c->name = store_col(q, 10);
	return 1;
}

/*
 * The first kept or broken record (by decision date) that refers to a
 * commitment settles it; a later one changes nothing.
 */
static const struct store_query commitments_query = {
	"SELECT c.id, c.uscc, c.decided_on, c.due_on, c.seq,"
	" k.type, k.id, k.decided_on, l.action,"
	" cs_body(l.body, l.subject), e.name"
	" FROM records c JOIN ledger l ON l.seq = c.seq"
	" LEFT JOIN entities e ON e.uscc = c.uscc"
	" LEFT JOIN records k ON k.rid = (SELECT k2.rid FROM records k2"
	" WHERE k2.ref = c.id AND k2.type IN (?3, ?4)"
	" AND k2.status = 'active' AND k2.decided_on <= ?2"
	" ORDER BY k2.decided_on, k2.rid LIMIT 1)"
	" WHERE +c.type = ?5 AND c.status = 'active'"
	" AND c.decided_on <= ?2 AND (?1 IS NULL OR c.uscc = ?1)"
	" ORDER BY c.uscc, c.decided_on, c.rid",
	"read the commitments", read_commitment
};

int
cs_store_iter_commitments(struct cs_store *st, const char *uscc,
    const char *as_of, struct cs_store_iter **it, struct cs_error *err)
{
	const char *args[] = { uscc, as_of, "commitment_kept",
	    "commitment_broken", "commitment" };

	if (store_iter_open(st, &commitments_query, NULL, args, 5, it,
	    err) != 0)
		return -1;
	snprintf((*it)->as_of, sizeof((*it)->as_of), "%s", as_of);
	return 0;
}

int
cs_store_next_commitment(struct cs_store_iter *it, struct cs_commitment *c,
    struct cs_error *err)
{
	return store_iter_next(it, c, err);
}

static int
read_scoring(struct cs_store_iter *it, void *row, struct cs_error *err)
{
	struct cs_srec_in *r = row;
	sqlite3_stmt *q = it->q;

	(void)err;
	r->uscc = store_col(q, 0);
	r->id = store_col(q, 1);
	r->type = store_col(q, 2);
	r->severity = store_col(q, 3);
	r->decided_on = store_col(q, 4);
	r->valid_until = store_col(q, 5);
	r->due_on = store_col(q, 6);
	r->ref = store_col(q, 7);
	r->domain = store_col(q, 8);
	r->certified = store_col(q, 9);
	r->dishonest_debtor = store_col(q, 10);
	r->authority_uscc = store_col(q, 11);
	r->violation_type = store_col(q, 12);
	r->disputed = sqlite3_column_int(q, 13);
	r->list = NULL;
	r->entry = 0;
	return 1;
}

static const struct store_query scoring_query = {
	NULL, "read the records", read_scoring
};

int
cs_store_iter_scoring(struct cs_store *st, const char *uscc,
    const char *as_of, const char *const *types, size_t ntypes,
    struct cs_store_iter **it, struct cs_error *err)
{
	const char **args = cs_xcalloc(ntypes + 2, sizeof(*args));
	struct cs_buf sql;
	size_t i;
	int rc;

	cs_buf_init(&sql);
	cs_buf_adds(&sql, "SELECT uscc, id, type, severity, decided_on,"
	    " valid_until, due_on, ref, domain, certified, dishonest_debtor,"
	    " authority_uscc, violation_type, id IN (SELECT id FROM objections"
	    " WHERE state = 'open') FROM records WHERE status = 'active'");
	if (uscc != NULL)
		cs_buf_adds(&sql, " AND uscc = ?1");
	args[0] = uscc;
	for (i = 0; i < ntypes; i++) {
		args[i + 1] = types[i];
		cs_buf_addf(&sql, "%s?%zu", i == 0 ? " AND +type IN (" : ", ",
		    i + 2);
	}
	if (ntypes > 0)
		cs_buf_addc(&sql, ')');
	args[ntypes + 1] = as_of;
	if (as_of != NULL)
		cs_buf_addf(&sql, " AND NOT EXISTS (SELECT 1 FROM repairs p"
		    " WHERE p.target = records.id AND p.kind = 'record'"
		    " AND p.effective_on <= ?%zu AND (p.revoked_on IS NULL"
		    " OR p.revoked_on > ?%zu))", ntypes + 2, ntypes + 2);
	/*
	 * A few types: scan the table and sort what matches, rather than
	 * walk the uscc index and fetch every row to look at its type.
	 */
	cs_buf_adds(&sql, ntypes > 0 ? " ORDER BY +uscc, decided_on, rid" :
	    " ORDER BY uscc, decided_on, rid");
	rc = store_iter_open(st, &scoring_query, sql.s, args, (int)ntypes + 2,
	    it, err);
	cs_buf_release(&sql);
	free(args);
	return rc;
}

int
cs_store_next_scoring(struct cs_store_iter *it, struct cs_srec_in *r,
    struct cs_error *err)
{
	return store_iter_next(it, r, err);
}

static int
read_entity(struct cs_store_iter *it, void *row, struct cs_error *err)
{
	struct cs_entrow *e = row;

	(void)err;
	e->uscc = store_col(it->q, 0);
	e->name = store_col(it->q, 1);
	e->industry = store_col(it->q, 2);
	e->status = store_col(it->q, 3);
	return 1;
}

static const struct store_query entities_query = {
	"SELECT uscc, name, industry, status FROM entities ORDER BY uscc",
	"read the entities", read_entity
};

int
cs_store_iter_entities(struct cs_store *st, struct cs_store_iter **it,
    struct cs_error *err)
{
	return store_iter_open(st, &entities_query, NULL, NULL, 0, it, err);
}

int
cs_store_next_entity(struct cs_store_iter *it, struct cs_entrow *e,
    struct cs_error *err)
{
	return store_iter_next(it, e, err);
}

int
cs_store_extra_columns(struct cs_store *st, char ***names, size_t *n,
    struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &extra_list, err);
	int rc;

	*names = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*names = cs_xreallocarray(*names, *n + 1, sizeof(char *));
		(*names)[(*n)++] = cs_xstrdup(store_col(s, 0));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_dberr(st, err, "read the extra columns");
	return 0;
}
