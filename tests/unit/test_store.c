/*
 * Unit tests of lib/store's own machinery: the table-driven iterators
 * (their SQL, bound values and row readers), a class saved once per
 * change, and the progress callback that verify calls per event.
 */
#include <string.h>

#include "cs.h"
#include "unit.h"
#include "unit_store.h"

static struct cs_store *st;
static struct cs_error err;

/* Register the entity uscc with name and status. */
static void
entity(const char *uscc, const char *name, const char *status)
{
	struct cs_fields ef;
	struct cs_buf b;
	long seq;

	cs_fields_init(&ef, &cs_entity_schema);
	cs_buf_init(&b);
	cs_fields_put(&ef, E_USCC, uscc, strlen(uscc));
	cs_fields_put(&ef, E_NAME, name, strlen(name));
	cs_fields_put(&ef, E_STATUS, status, strlen(status));
	cs_fields_json(&ef, &b, -1);
	if (cs_store_add_entity(st, &ef, b.s, b.len, NULL, &seq, &err) != 0)
		printf("# entity %s: %s\n", uscc, err.msg);
	cs_buf_release(&b);
	cs_fields_release(&ef);
}

static long ticks, last_n;

static void
tick(void *ctx, long n)
{
	(*(long *)ctx)++;
	last_n = n;
}

int
main(void)
{
	char db[64];
	struct cs_store_iter *it;
	struct cs_entrow e;
	struct cs_class c;
	struct cs_verify v;
	struct cs_buf got;
	char uscc[19];
	long seq;

	st = unit_store_new(db, &err);
	if (st == NULL)
		return 1;
	cs_buf_init(&got);
	cs_store_begin(st, &err);
	entity("913601025489061073", "南昌", "active");
	entity("912101028085956841", "沈阳", "revoked");
	entity("91350100M000100Y43", "福州", "active");
	memset(&c, 0, sizeof(c));
	snprintf(c.uscc, sizeof(c.uscc), "913601025489061073");
	snprintf(c.as_of, sizeof(c.as_of), "2026-01-31");
	snprintf(c.cls, sizeof(c.cls), "B");
	c.score = "82";
	CHECK(cs_store_save_class(st, &c, &seq, &err) == 1, "a class is saved");
	CHECK(cs_store_save_class(st, &c, &seq, &err) == 0,
	    "the same class again is not");
	c.cls[0] = 'C';
	CHECK(cs_store_save_class(st, &c, &seq, &err) == 1,
	    "a changed class is saved");
	CHECK(cs_store_commit(st, &err) == 0, "commit");

	if (cs_store_iter_entities(st, &it, &err) == 0) {
		while (cs_store_next_entity(it, &e, &err) == 1)
			cs_buf_addf(&got, "%s:%s:%s;", e.uscc, e.name, e.status);
		cs_store_iter_free(it);
	}
	CHECK_STR(got.s, "912101028085956841:沈阳:revoked;"
	    "91350100M000100Y43:福州:active;913601025489061073:南昌:active;",
	    "entities by USCC");
	cs_buf_reset(&got);
	if (cs_store_iter_status(st, "active", &it, &err) == 0) {
		while (cs_store_next_uscc(it, uscc, &err) == 1)
			cs_buf_addf(&got, "%s;", uscc);
		cs_store_iter_free(it);
	}
	CHECK_STR(got.s, "91350100M000100Y43;913601025489061073;",
	    "entities of a status, bound value");
	cs_buf_reset(&got);
	if (cs_store_iter_classes(st, NULL, "2026-12-31", &it, &err) == 0) {
		while (cs_store_next_class(it, &c, &err) == 1)
			cs_buf_addf(&got, "%s:%s:%s:%s;", c.uscc, c.as_of,
			    c.cls, c.score);
		cs_store_iter_free(it);
	}
	CHECK_STR(got.s, "913601025489061073:2026-01-31:C:82;",
	    "the last class of each entity");
	cs_buf_reset(&got);
	if (cs_store_iter_classes(st, "913601025489061073", NULL, &it,
	    &err) == 0) {
		while (cs_store_next_class(it, &c, &err) == 1)
			cs_buf_addf(&got, "%s;", c.cls);
		cs_store_iter_free(it);
	}
	CHECK_STR(got.s, "B;C;", "the classes of one entity");
	cs_store_iter_free(NULL);

	CHECK(cs_store_verify(st, &v, tick, &ticks, &err) == 0,
	    "verify replays entities and classes");
	CHECK(v.events == 6, "init, three entities and two classes");
	CHECK(ticks == v.events && last_n == v.events,
	    "progress is called once per event with the count so far");
	cs_buf_release(&got);
	unit_store_remove(st, db);
	return UNIT_DONE();
}
