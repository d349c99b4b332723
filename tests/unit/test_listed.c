/*
 * Unit tests of the list queries of lib/store that cs-score and
 * cs-classify use: cs_store_listed (1/0 by day, list, term, removal) and
 * the iterator over the entries active on a day, in USCC order.
 */
#include <string.h>

#include "cs.h"
#include "unit.h"
#include "unit_store.h"

static struct cs_store *st;
static struct cs_error err;

static long
event(const char *step, const char *uscc, const char *body)
{
	long seq = 0;

	if (cs_store_list_event(st, step, uscc, body, strlen(body), &seq,
	    &err) != 0)
		printf("# %s: %s\n", step, err.msg);
	return seq;
}

static int
listed(const char *uscc, const char *list, const char *day)
{
	struct cs_listed l;

	return cs_store_listed(st, uscc, list, day, &l, &err);
}

int
main(void)
{
	char db[64];
	struct cs_store_iter *it;
	struct cs_listed l;
	struct cs_verify v;
	struct cs_buf got;
	int r;
	long a, b;

	st = unit_store_new(db, &err);
	if (st == NULL)
		return 1;
	cs_store_begin(st, &err);
	a = event("notice", "913601025489061073", "{\"basis\":[\"PA1\"],"
	    "\"deadline\":\"2026-10-13\",\"list\":\"serious\",\"name\":\"南昌\","
	    "\"noticed_on\":\"2026-09-30\",\"reasons\":\"r\","
	    "\"uscc\":\"913601025489061073\"}");
	b = event("notice", "912101028085956841", "{\"basis\":[\"PC1\"],"
	    "\"deadline\":\"2026-10-13\",\"list\":\"ban\",\"name\":\"沈阳\","
	    "\"noticed_on\":\"2026-09-30\",\"reasons\":\"r\","
	    "\"uscc\":\"912101028085956841\"}");
	CHECK(a == 2 && b == 3, "entry ids are the seq of their notices");
	event("decide", "913601025489061073", "{\"entry_id\":2,"
	    "\"on\":\"2026-10-14\",\"reason\":\"x\",\"term\":\"\","
	    "\"until\":\"2029-10-13\"}");
	event("decide", "912101028085956841", "{\"entry_id\":3,"
	    "\"on\":\"2026-10-20\",\"reason\":\"x\",\"term\":\"permanent\","
	    "\"until\":null}");
	event("remove", "913601025489061073", "{\"end\":\"early\","
	    "\"entry_id\":2,\"on\":\"2027-10-14\",\"reason\":\"x\"}");
	CHECK(cs_store_commit(st, &err) == 0, "commit");

	CHECK(listed("913601025489061073", NULL, "2026-10-13") == 0,
	    "not listed before the decision");
	r = cs_store_listed(st, "913601025489061073", NULL, "2026-10-14", &l,
	    &err);
	CHECK(r == 1 && l.entry_id == 2 && strcmp(l.list, "serious") == 0 &&
	    strcmp(l.listed_on, "2026-10-14") == 0 &&
	    strcmp(l.until, "2029-10-13") == 0, "listed from its decision");
	CHECK(listed("913601025489061073", "serious", "2027-10-13") == 1,
	    "listed the day before its removal (a past day)");
	CHECK(listed("913601025489061073", "key", "2027-01-01") == 0,
	    "not on another list");
	CHECK(listed("913601025489061073", NULL, "2027-10-14") == 0,
	    "not listed from its removal");
	CHECK(listed("912101028085956841", "ban", "2099-12-31") == 1,
	    "a permanent ban has no end");
	CHECK(listed("91330106438440473M", NULL, "2027-01-01") == 0,
	    "an entity never listed");

	cs_buf_init(&got);
	if (cs_store_iter_listed(st, NULL, "2027-01-01", &it, &err) == 0) {
		while (cs_store_next_listed(it, &l, &err) == 1)
			cs_buf_addf(&got, "%s:%s:%s;", l.uscc, l.list,
			    l.name ? l.name : "");
		cs_store_iter_free(it);
	}
	CHECK_STR(got.s, "912101028085956841:ban:沈阳;"
	    "913601025489061073:serious:南昌;", "active on a day, by USCC");
	cs_buf_reset(&got);
	if (cs_store_iter_listed(st, "serious", "2028-01-01", &it,
	    &err) == 0) {
		while (cs_store_next_listed(it, &l, &err) == 1)
			cs_buf_addf(&got, "%s;", l.uscc);
		cs_store_iter_free(it);
	}
	CHECK_STR(got.s, "", "the removed entry is no longer active");
	cs_buf_release(&got);
	CHECK(cs_store_verify(st, &v, NULL, NULL, &err) == 0, "verify replays the "
	    "list events");
	unit_store_remove(st, db);
	return UNIT_DONE();
}
