/*
 * The classes of cs-classify: saving one as a "class" event unless the
 * entity's last class for that day says the same, and reading them back.
 */
#include <string.h>

#include "store/internal.h"

static const struct store_stmt class_same = { S_CLASS_SAME,
	"SELECT class IS ?3 AND score IS ?4 AND model IS ?5 AND reason IS ?6"
	" FROM classes WHERE uscc = ?1 AND as_of = ?2"
	" ORDER BY seq DESC LIMIT 1" };

int
cs_store_save_class(struct cs_store *st, const struct cs_class *c, long *seq,
    struct cs_error *err)
{
	sqlite3_stmt *s = store_prep(st, SH_MAIN, &class_same, err);
	struct cs_buf *b = &st->tmp;
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, c->uscc);
	store_bind_text(s, 2, c->as_of);
	store_bind_text(s, 3, c->cls);
	store_bind_text(s, 4, c->score);
	store_bind_text(s, 5, c->model);
	store_bind_text(s, 6, c->reason);
	rc = store_row(st, s, err, "look up a saved class");
	if (rc < 0)
		return -1;
	if (rc == 1) {
		rc = sqlite3_column_int(s, 0);
		sqlite3_reset(s);
		if (rc == 1)
			return 0;
	}
	cs_buf_reset(b);
	cs_buf_addc(b, '{');
	store_json_member(b, "as_of", c->as_of);
	store_json_member(b, "class", c->cls);
	store_json_member(b, "model", c->model);
	store_json_member(b, "reason", c->reason);
	store_json_member(b, "score", c->score);
	store_json_member(b, "uscc", c->uscc);
	cs_buf_addc(b, '}');
	if (store_append_apply(st, "class", c->uscc, b->s, b->len, seq,
	    err) != 0)
		return -1;
	return 1;
}

static int
read_class(struct cs_store_iter *it, void *row, struct cs_error *err)
{
	struct cs_class *c = row;

	(void)err;
	store_copy_col(it->q, 0, c->uscc, sizeof(c->uscc));
	store_copy_col(it->q, 1, c->as_of, sizeof(c->as_of));
	store_copy_col(it->q, 2, c->cls, sizeof(c->cls));
	c->score = store_col(it->q, 3);
	c->model = store_col(it->q, 4);
	c->reason = store_col(it->q, 5);
	c->seq = sqlite3_column_int64(it->q, 6);
	return 1;
}

static const struct store_query classes_of_query = {
	"SELECT uscc, as_of, class, score, model, reason, seq"
	" FROM classes WHERE uscc = ?1 AND (?2 IS NULL OR as_of <= ?2)"
	" ORDER BY as_of, seq",
	"read the saved classes", read_class
};

static const struct store_query classes_last_query = {
	"SELECT c.uscc, c.as_of, c.class, c.score, c.model, c.reason,"
	" c.seq FROM classes c WHERE c.seq = (SELECT d.seq FROM classes d"
	" WHERE d.uscc = c.uscc AND (?2 IS NULL OR d.as_of <= ?2)"
	" ORDER BY d.as_of DESC, d.seq DESC LIMIT 1) ORDER BY c.uscc",
	"read the saved classes", read_class
};

int
cs_store_iter_classes(struct cs_store *st, const char *uscc,
    const char *as_of, struct cs_store_iter **it, struct cs_error *err)
{
	const char *args[] = { uscc, as_of };

	return store_iter_open(st, uscc != NULL ? &classes_of_query :
	    &classes_last_query, NULL, args, 2, it, err);
}

int
cs_store_next_class(struct cs_store_iter *it, struct cs_class *c,
    struct cs_error *err)
{
	return store_iter_next(it, c, err);
}
