/*
 * Unit tests of store/body: the flat reader of ledger bodies gives the
 * fields jansson and cs_fields_from_json give, and leaves to them what
 * it does not read (an escaped NUL, a nested value, a number).
 */
#include <assert.h>
#include <jansson.h>
#include <string.h>

#include "store/body.h"

/* Both readers agree on s: same columns, same extra columns. */
static void
same(const char *s)
{
	struct cs_fields a, b;
	json_t *j = json_loads(s, 0, NULL);
	size_t i;

	cs_fields_init(&a, &cs_record_schema);
	cs_fields_init(&b, &cs_record_schema);
	assert(j != NULL);
	assert(store_fields_from_flat(&a, s) == 0);
	assert(cs_fields_from_json(&b, j) == 0);
	for (i = 0; i < cs_record_schema.n; i++)
		assert((a.v[i] == NULL && b.v[i] == NULL) ||
		    (a.v[i] != NULL && b.v[i] != NULL &&
		    strcmp(a.v[i], b.v[i]) == 0));
	assert(a.nx == b.nx);
	json_decref(j);
	cs_fields_release(&a);
	cs_fields_release(&b);
}

static void
left(const char *s)
{
	struct cs_fields a;

	cs_fields_init(&a, &cs_record_schema);
	assert(store_fields_from_flat(&a, s) == -1);
	cs_fields_release(&a);
}

int
main(void)
{
	same("{}");
	same("{\"id\":\"P1\",\"name\":\"福州甲公司\",\"uscc\":"
	    "\"91350100M000100Y43\"}");
	same("{\"content\":\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\u4e2d\\ud83d\\ude00\","
	    "\"id\":\"x\"}");
	same(" { \"id\" : \"x\" , \"extra\" : { \"备注\" : \"y\" , \"z\":\"\" } } ");
	same("{\"id\":\"a\",\"id\":\"b\"}");
	left("{\"id\":\"a\\u0000b\"}");
	left("{\"id\":1}");
	left("{\"record\":{\"id\":\"x\"}}");
	left("{\"nosuchcolumn\":\"x\"}");
	left("{\"id\":\"x\"} trailing");
	left("{\"id\":\"x\"");
	left("{\"id\":\"\\ude00\"}");
	left("[]");
	return 0;
}
