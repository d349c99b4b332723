/*
 * The commit of a write transaction: the tree's cache brought up to the
 * ledger first (store_merkle.c), then COMMIT (db.c).
 */
#include "store/internal.h"

int
cs_store_commit(struct cs_store *st, struct cs_error *err)
{
	if (store_tree_extend(st, err) != 0) {
		cs_store_rollback(st);
		return -1;
	}
	return store_commit(st, err);
}
