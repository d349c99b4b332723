/*
 * The statements of the store: SQLite failures mapped to exit statuses,
 * the cache of prepared statements (one per query and schema), and the
 * one iterator every listing of the store runs on: prepare, bind, step,
 * read a row through the query's reader, finalize.
 */
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

static const char *const schema_name[SH_COUNT] = { "main", "shadow" };

int
store_dberr(struct cs_store *st, struct cs_error *err, const char *what)
{
	int rc = sqlite3_errcode(st->db), code;

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return cs_error_set(err, CS_EX_TEMPFAIL, NULL, 0, "store '%s' "
		    "is busy: another process holds it; retry later",
		    st->path);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		/* Whatever was asked, the file is what is wrong. */
		return cs_error_set(err, CS_EX_UNAVAILABLE, NULL, 0, "store "
		    "'%s' is damaged (%s)%s", st->path, sqlite3_errmsg(st->db),
		    st->verifying ? "; restore it from a copy" :
		    ": run 'cs-record verify'");
	case SQLITE_READONLY:
		return cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "store "
		    "'%s' is read-only: %s", st->path, st->readonly ?
		    strerror(st->ro_errno) : sqlite3_errmsg(st->db));
	case SQLITE_CANTOPEN:
		code = CS_EX_UNAVAILABLE;
		break;
	case SQLITE_IOERR:
	case SQLITE_FULL:
		code = CS_EX_IOERR;
		break;
	default:
		code = CS_EX_SOFTWARE;
	}
	return cs_error_set(err, code, NULL, 0, "store '%s': %s: %s",
	    st->path, what, sqlite3_errmsg(st->db));
}

/* tmpl with '@' replaced by the name of schema sh, into sql. */
static void
in_schema(struct cs_buf *sql, int sh, const char *tmpl)
{
	const char *p;

	for (p = tmpl; *p != '\0'; p++) {
		if (*p == '@')
			cs_buf_adds(sql, schema_name[sh]);
		else
			cs_buf_addc(sql, *p);
	}
}

sqlite3_stmt *
store_prep(struct cs_store *st, int sh, const struct store_stmt *def,
    struct cs_error *err)
{
	sqlite3_stmt **s = &st->stmt[sh][def->id];
	struct cs_buf sql;

	if (*s != NULL)
		return *s;
	cs_buf_init(&sql);
	in_schema(&sql, sh, def->sql);
	if (sqlite3_prepare_v3(st->db, sql.s, (int)sql.len,
	    SQLITE_PREPARE_PERSISTENT, s, NULL) != SQLITE_OK) {
		store_dberr(st, err, "prepare");
		*s = NULL;
	}
	cs_buf_release(&sql);
	return *s;
}

void
store_reset_all(struct cs_store *st)
{
	int sh;
	size_t i;

	for (sh = 0; sh < SH_COUNT; sh++)
		for (i = 0; i < S_COUNT; i++)
			if (st->stmt[sh][i] != NULL)
				sqlite3_reset(st->stmt[sh][i]);
}

void
store_unprep(struct cs_store *st, int sh)
{
	size_t i;

	for (i = 0; i < S_COUNT; i++) {
		sqlite3_finalize(st->stmt[sh][i]);
		st->stmt[sh][i] = NULL;
	}
}

int
store_run(struct cs_store *st, sqlite3_stmt *s, struct cs_error *err,
    const char *what)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE) {
		store_dberr(st, err, what);
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		return -1;
	}
	sqlite3_reset(s);
	return 0;
}

int
store_row(struct cs_store *st, sqlite3_stmt *s, struct cs_error *err,
    const char *what)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		return 1;
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 0;
	return store_dberr(st, err, what);
}

int
store_exec(struct cs_store *st, const char *sql, struct cs_error *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_dberr(st, err, sql);
	return 0;
}

int
store_exec_in(struct cs_store *st, int sh, const char *tmpl,
    struct cs_error *err)
{
	struct cs_buf sql;
	int rc;

	cs_buf_init(&sql);
	in_schema(&sql, sh, tmpl);
	rc = store_exec(st, sql.s, err);
	cs_buf_release(&sql);
	return rc;
}

int
store_iter_open(struct cs_store *st, const struct store_query *def,
    const char *sql, const char *const *args, int nargs,
    struct cs_store_iter **it, struct cs_error *err)
{
	struct cs_store_iter *i = cs_xcalloc(1, sizeof(*i));
	int k;

	i->st = st;
	i->def = def;
	if (sqlite3_prepare_v2(st->db, def->sql != NULL ? def->sql : sql, -1,
	    &i->q, NULL) != SQLITE_OK) {
		free(i);
		*it = NULL;
		return store_dberr(st, err, "prepare a query");
	}
	for (k = 0; k < nargs; k++)
		store_bind_copy(i->q, k + 1, args[k]);
	*it = i;
	return 0;
}

int
store_iter_next(struct cs_store_iter *it, void *row, struct cs_error *err)
{
	int rc;

	do {
		rc = sqlite3_step(it->q);
		if (rc == SQLITE_DONE)
			return 0;
		if (rc != SQLITE_ROW)
			return store_dberr(it->st, err, it->def->what);
		rc = it->def->read(it, row, err);
	} while (rc == 0);
	return rc;
}

void
cs_store_iter_free(struct cs_store_iter *it)
{
	if (it == NULL)
		return;
	sqlite3_finalize(it->q);
	json_decref(it->body);
	free(it);
}
