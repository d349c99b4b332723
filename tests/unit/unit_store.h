/*
 * A store of its own for a C unit test: created in /tmp under a fresh
 * name, removed (with its WAL files) at the end.
 */
#ifndef CS_UNIT_STORE_H
#define CS_UNIT_STORE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cs.h"

/*
 * Create and open a new store; db (64 bytes) gets its path.  Returns the
 * open store, or NULL after a "not ok" line.
 */
static struct cs_store *
unit_store_new(char db[64], struct cs_error *err)
{
	struct cs_store *st;
	int from, fd;

	snprintf(db, 64, "/tmp/cs-test-store-XXXXXX");
	fd = mkstemp(db);
	if (fd < 0)
		return NULL;
	close(fd);
	unlink(db);
	if (cs_store_init(db, "tester", "test", &from, err) != 0 ||
	    cs_store_open(&st, db, err) != 0) {
		printf("not ok - store: %s\n", err->msg);
		return NULL;
	}
	return st;
}

/* Close st and remove the files of the store at db. */
static void
unit_store_remove(struct cs_store *st, const char *db)
{
	char aux[80];

	cs_store_close(st);
	unlink(db);
	snprintf(aux, sizeof(aux), "%s-wal", db);
	unlink(aux);
	snprintf(aux, sizeof(aux), "%s-shm", db);
	unlink(aux);
}

#endif
