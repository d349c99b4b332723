/*
 * A loadable extension of the sqlite3 shell for make bench: the SQL
 * function cs_body(body, subject), the JSON of a ledger body, packed or
 * not, as cs's own connections have it (lib/store/packed.c does the
 * work).  With it the peer of a release, 'sqlite3 -csv', exports the
 * rows themselves rather than the packed bytes of schema 7.
 *
 *	sqlite3 -cmd '.load build/default/bench/csbody' STORE 'SELECT ...'
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include <stdlib.h>
#include <string.h>

#include "store/packed.h"

/*
 * The words of ledger_words by number, all read at the first packed
 * body (a statement kept open would keep the shell from closing).
 */
struct words {
	sqlite3 *db;
	int read;
	char **w;
	size_t *n;
	long cap;
};

static int
words_read(struct words *x)
{
	sqlite3_stmt *q;
	const unsigned char *s;
	long k, i, cap;

	x->read = 1;
	if (sqlite3_prepare_v2(x->db, "SELECT k, word FROM ledger_words",
	    -1, &q, NULL) != SQLITE_OK)
		return -1;
	while (sqlite3_step(q) == SQLITE_ROW) {
		k = (long)sqlite3_column_int64(q, 0);
		s = sqlite3_column_text(q, 1);
		if (k <= 0 || s == NULL)
			continue;
		if (k >= x->cap) {
			cap = k * 2 + 16;
			x->w = realloc(x->w, (size_t)cap * sizeof(*x->w));
			x->n = realloc(x->n, (size_t)cap * sizeof(*x->n));
			if (x->w == NULL || x->n == NULL)
				abort();
			for (i = x->cap; i < cap; i++)
				x->w[i] = NULL;
			x->cap = cap;
		}
		free(x->w[k]);
		x->n[k] = (size_t)sqlite3_column_bytes(q, 1);
		x->w[k] = strdup((const char *)s);
	}
	return sqlite3_finalize(q) == SQLITE_OK ? 0 : -1;
}

/* store_words.word: the word of number k. */
static const char *
word_of(void *ctx, long k, size_t *n)
{
	struct words *x = ctx;

	if (!x->read)
		words_read(x);
	if (k <= 0 || k >= x->cap || x->w[k] == NULL)
		return NULL;
	*n = x->n[k];
	return x->w[k];
}

/* Packing is not asked of a reader. */
static long
word_number(void *ctx, const char *key, const char *s, size_t n)
{
	(void)ctx;
	(void)key;
	(void)s;
	(void)n;
	return -1;
}

static void
sql_body(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store_words w = { word_number, word_of,
	    sqlite3_user_data(ctx) };
	const unsigned char *subject;
	struct cs_buf b;

	(void)argc;
	if (sqlite3_value_type(argv[0]) != SQLITE_BLOB) {
		sqlite3_result_value(ctx, argv[0]);
		return;
	}
	subject = sqlite3_value_text(argv[1]);
	cs_buf_init(&b);
	if (store_body_unpack(&b, subject != NULL ? (const char *)subject : "",
	    sqlite3_value_blob(argv[0]),
	    (size_t)sqlite3_value_bytes(argv[0]), &w) != 0) {
		cs_buf_release(&b);
		sqlite3_result_error(ctx, "cs_body: not a packed body", -1);
		return;
	}
	sqlite3_result_text(ctx, b.s, (int)b.len, free);
}

static void
words_free(void *p)
{
	struct words *x = p;
	long i;

	for (i = 0; i < x->cap; i++)
		free(x->w[i]);
	free(x->w);
	free(x->n);
	free(x);
}

__attribute__((visibility("default"))) int
sqlite3_csbody_init(sqlite3 *db, char **msg, const sqlite3_api_routines *api)
{
	struct words *x;

	SQLITE_EXTENSION_INIT2(api);
	(void)msg;
	x = calloc(1, sizeof(*x));
	if (x == NULL)
		return SQLITE_NOMEM;
	x->db = db;
	return sqlite3_create_function_v2(db, "cs_body", 2, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, x, sql_body, NULL, NULL, words_free);
}
