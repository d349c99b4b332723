/*
 * The ledger as the monthly report counts it: ingest events by their
 * recorded day (the first ten bytes of "at", YYYY-MM-DD in UTC), and
 * the head of the chain the report was made from.
 */
#include "store/internal.h"

static int
read_ingested(struct cs_store_iter *it, void *row, struct cs_error *err)
{
	struct cs_ingested *g = row;

	(void)err;
	g->action = store_col(it->q, 0);
	g->type = store_col(it->q, 1);
	g->authority = store_col(it->q, 2);
	g->n = sqlite3_column_int64(it->q, 3);
	return 1;
}

/*
 * A correction carries the record under "record"; a register row has no
 * type.  "at" sorts as text, so the span is a range scan of strings.
 */
static const struct store_query ingested_query = {
	"SELECT action,"
	" CASE action WHEN 'add'"
	"  THEN json_extract(cs_body(body, subject), '$.type')"
	"  WHEN 'correct' THEN json_extract(body, '$.record.type') END,"
	" CASE action WHEN 'add' THEN json_extract(cs_body(body, subject),"
	"  '$.authority')"
	"  WHEN 'correct' THEN json_extract(body, '$.record.authority') END,"
	" count(*) FROM ledger"
	" WHERE tool = 'cs-record' AND action IN ('add', 'correct', 'entity')"
	" AND substr(at, 1, 10) BETWEEN ?1 AND ?2"
	" GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
	"count the ingested records", read_ingested
};

int
cs_store_iter_ingested(struct cs_store *st, const char *from, const char *to,
    struct cs_store_iter **it, struct cs_error *err)
{
	const char *args[] = { from, to };

	return store_iter_open(st, &ingested_query, NULL, args, 2, it, err);
}

int
cs_store_next_ingested(struct cs_store_iter *it, struct cs_ingested *g,
    struct cs_error *err)
{
	return store_iter_next(it, g, err);
}

static int
read_seq(struct cs_store_iter *it, void *row, struct cs_error *err)
{
	(void)err;
	*(long *)row = sqlite3_column_int64(it->q, 0);
	return 1;
}

static const struct store_query head_query = {
	"SELECT coalesce(max(seq), 0) FROM ledger",
	"read the head of the ledger", read_seq
};

int
cs_store_head_seq(struct cs_store *st, long *seq, struct cs_error *err)
{
	struct cs_store_iter *it;
	int r;

	*seq = 0;
	if (store_iter_open(st, &head_query, NULL, NULL, 0, &it, err) != 0)
		return -1;
	r = store_iter_next(it, seq, err);
	cs_store_iter_free(it);
	return r < 0 ? -1 : 0;
}
