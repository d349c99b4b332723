/*
 * Unit tests of the release event in the store: its canonical body read
 * without jansson (escaped ids included), a body of another form read by
 * jansson to the same rows, a wrong shape refused, verify replaying both,
 * and the hash of an event whose long body is hashed in place.
 */
#include <string.h>

#include "cs.h"
#include "store/internal.h"
#include "unit.h"
#include "unit_store.h"

static struct cs_store *st;
static struct cs_error err;

/* Append the release event body; the return of cs_store_add_release. */
static int
release(const char *id, const char *body)
{
	long seq;

	return cs_store_add_release(st, id, body, strlen(body), &seq, &err);
}

/* "as_of/release" of id in published (or withdrawals), or "-". */
static const char *
published(const char *id, int withdrawn)
{
	static char out[80];
	char as_of[11], rel[64];
	int r = cs_store_published(st, id, withdrawn, as_of, rel, &err);

	if (r != 1)
		return "-";
	snprintf(out, sizeof(out), "%s/%s", as_of, rel);
	return out;
}

int
main(void)
{
	char db[64];
	unsigned char h1[32], h2[32], h3[32];
	struct cs_release r;
	struct cs_verify v;
	struct cs_buf body, ev;
	int i;

	st = unit_store_new(db, &err);
	if (st == NULL)
		return 1;
	cs_store_begin(st, &err);
	CHECK(release("2026-06-30", "{\"as_of\":\"2026-06-30\",\"cut_seq\":1,"
	    "\"manifest_sha256\":\"aa\",\"previous\":null,\"published\":"
	    "[\"L1\",\"P\\\"2\",\"P\\u00e93\"],\"release_id\":\"2026-06-30\","
	    "\"withdrawn\":[]}") == 1, "a canonical body is applied");
	CHECK_STR(published("L1", 0), "2026-06-30/2026-06-30",
	    "its first id is published");
	CHECK_STR(published("P\"2", 0), "2026-06-30/2026-06-30",
	    "an escaped quote is decoded");
	CHECK_STR(published("P\xc3\xa9" "3", 0), "2026-06-30/2026-06-30",
	    "a \\u escape is decoded");
	CHECK(cs_store_release(st, "2026-06-30", &r, &err) == 1 &&
	    r.cut_seq == 1 && strcmp(r.manifest_sha256, "aa") == 0 &&
	    r.previous[0] == '\0', "the releases row, previous null");

	CHECK(cs_store_commit(st, &err) == 0, "commit");
	/* Wrong shapes, rolled back. */
	cs_store_begin(st, &err);
	CHECK(release("2026-07-31", "{ \"withdrawn\" : [ \"L1\" ],\n"
	    "\"release_id\": \"2026-07-31\", \"published\": [\"P4\", 5],"
	    " \"previous\": \"2026-06-30\", \"manifest_sha256\": \"bb\","
	    " \"cut_seq\": 2, \"as_of\": \"2026-07-31\" }") < 0 &&
	    strstr(err.msg, "unexpected shape") != NULL,
	    "an id that is not a string is refused");
	CHECK(release("2026-08-31", "{\"as_of\":\"2026-08-31\",\"cut_seq\":3,"
	    "\"manifest_sha256\":\"cc\",\"previous\":null,\"published\":[],"
	    "\"release_id\":\"2026-08-31\"}") < 0 &&
	    strstr(err.msg, "unexpected shape") != NULL,
	    "a body without withdrawn is refused");
	CHECK_STR(published("P4", 0), "-", "nothing of them is kept");
	cs_store_rollback(st);
	cs_store_begin(st, &err);
	CHECK(release("2026-07-31", "{ \"withdrawn\" : [ \"L1\" ],\n"
	    "\"release_id\": \"2026-07-31\", \"published\": [\"P4\"],"
	    " \"previous\": \"2026-06-30\", \"manifest_sha256\": \"bb\","
	    " \"cut_seq\": 2, \"as_of\": \"2026-07-31\" }") == 1,
	    "a body with space and keys out of order is applied");
	CHECK_STR(published("P4", 0), "2026-07-31/2026-07-31",
	    "its id is published");
	CHECK_STR(published("L1", 1), "2026-07-31/2026-07-31",
	    "its withdrawn id is withdrawn");
	CHECK_STR(published("L1", 0), "2026-06-30/2026-06-30",
	    "the first release of an id stays");
	CHECK(cs_store_release(st, "2026-07-31", &r, &err) == 1 &&
	    strcmp(r.previous, "2026-06-30") == 0, "previous is kept");

	/* A long body: its event is hashed in place, the same bytes. */
	cs_buf_init(&body);
	cs_buf_adds(&body, "{\"as_of\":\"2026-09-30\",\"cut_seq\":4,"
	    "\"manifest_sha256\":\"dd\",\"previous\":\"2026-07-31\","
	    "\"published\":[");
	for (i = 0; i < 20000; i++)
		cs_buf_addf(&body, "%s\"X%d\"", i ? "," : "", i);
	cs_buf_adds(&body, "],\"release_id\":\"2026-09-30\",\"withdrawn\":[]}");
	CHECK(body.len > 65536, "the body is long");
	CHECK(release("2026-09-30", body.s) == 1, "a long body is applied");
	CHECK_STR(published("X19999", 0), "2026-09-30/2026-09-30",
	    "its last id is published");
	cs_buf_init(&ev);
	memset(h1, 7, sizeof(h1));
	store_event_json(&ev, 9, "2026-09-30T00:00:00Z", "op", "tool",
	    "release", "2026-09-30", body.s, body.len, h1);
	cs_sha256(ev.s, ev.len, h2);
	store_event_hash(&ev, 9, "2026-09-30T00:00:00Z", "op", "tool",
	    "release", "2026-09-30", body.s, body.len, h1, h3);
	CHECK(memcmp(h3, h2, 32) == 0, "hashed in place: the same hash");
	CHECK(cs_store_commit(st, &err) == 0, "commit");
	CHECK(cs_store_verify(st, &v, NULL, NULL, &err) == 0 &&
	    v.bad_seq == 0, "verify replays the releases to the same tables");
	cs_buf_release(&body);
	cs_buf_release(&ev);
	unit_store_remove(st, db);
	return UNIT_DONE();
}
