/*
 * Unit tests of the fast readers of flat JSON: cs_json_str_decode
 * (core/util), which both use; store/body, whose flat reader of ledger
 * bodies gives the fields jansson and cs_fields_from_json give and
 * leaves to them what it does not read (an escaped NUL, a nested value,
 * a number); and io/ndjson, whose line scanner gives the strings jansson
 * gives.
 */
#include <jansson.h>
#include <stdint.h>
#include <string.h>

#include "io/ndjson.h"
#include "store/body.h"
#include "unit.h"

/* The decoded JSON string at s (its opening quote) of n bytes, or NULL. */
static const char *
dec(const char *s, size_t n, size_t *end)
{
	static struct cs_buf b;

	if (b.s == NULL)
		cs_buf_init(&b);
	cs_buf_reset(&b);
	*end = 0;
	if (cs_json_str_decode(s, n, end, &b) != 0)
		return NULL;
	CHECK_THAT(strlen(b.s) == b.len);
	return b.s;
}

/* Decoded the same with n = strlen(s) and n = SIZE_MAX, ending at end. */
static void
dec_is(const char *s, const char *want, size_t end)
{
	size_t e1, e2;
	const char *g;

	g = dec(s, strlen(s), &e1);
	CHECK_THAT(g != NULL && strcmp(g, want) == 0 && e1 == end);
	g = dec(s, SIZE_MAX, &e2);
	CHECK_THAT(g != NULL && strcmp(g, want) == 0 && e2 == end);
}

/* Left to jansson with either length. */
static void
dec_left(const char *s)
{
	size_t e;

	CHECK_THAT(dec(s, strlen(s), &e) == NULL);
	CHECK_THAT(dec(s, SIZE_MAX, &e) == NULL);
}

/* The NDJSON line {"id":<v>} gives the string jansson reads in v. */
static void
nd_same(const char *v)
{
	struct cs_ndjson_obj o;
	struct cs_buf line;
	json_t *j;
	char msg[256];

	cs_buf_init(&line);
	cs_buf_addf(&line, "{\"id\":%s}", v);
	j = json_loads(v, JSON_DECODE_ANY, NULL);
	cs_ndjson_obj_init(&o);
	if (j == NULL) {
		CHECK_THAT(cs_ndjson_parse(line.s, line.len, &o, msg,
		    sizeof(msg)) == -1);
	} else {
		CHECK_THAT(cs_ndjson_parse(line.s, line.len, &o, msg,
		    sizeof(msg)) == 1);
		CHECK_THAT(o.n == 1 && strcmp(o.key[0], "id") == 0);
		CHECK_THAT(o.vlen[0] == json_string_length(j) &&
		    memcmp(o.val[0], json_string_value(j), o.vlen[0]) == 0);
	}
	json_decref(j);
	cs_ndjson_obj_release(&o);
	cs_buf_release(&line);
}

/* The flat reader with buffers kept between calls, as the store does. */
static int
flat(struct cs_fields *f, const char *s)
{
	static struct cs_buf k, v;
	static int ready;

	if (!ready) {
		cs_buf_init(&k);
		cs_buf_init(&v);
		ready = 1;
	}
	return store_fields_from_flat(f, s, &k, &v);
}

/* Both readers agree on s: same columns, same extra columns. */
static void
same(const char *s)
{
	struct cs_fields a, b;
	json_t *j = json_loads(s, 0, NULL);
	size_t i;

	cs_fields_init(&a, &cs_record_schema);
	cs_fields_init(&b, &cs_record_schema);
	CHECK_THAT(j != NULL);
	CHECK_THAT(flat(&a, s) == 0);
	CHECK_THAT(cs_fields_from_json(&b, j) == 0);
	for (i = 0; i < cs_record_schema.n; i++)
		CHECK_THAT((a.v[i] == NULL && b.v[i] == NULL) ||
		    (a.v[i] != NULL && b.v[i] != NULL &&
		    strcmp(a.v[i], b.v[i]) == 0));
	CHECK_THAT(a.nx == b.nx);
	for (i = 0; i < a.nx; i++)
		CHECK_THAT(strcmp(a.xname[i], b.xname[i]) == 0 &&
		    strcmp(a.xval[i], b.xval[i]) == 0);
	json_decref(j);
	cs_fields_release(&a);
	cs_fields_release(&b);
}

static void
left(const char *s)
{
	struct cs_fields a;

	cs_fields_init(&a, &cs_record_schema);
	CHECK_THAT(flat(&a, s) == -1);
	cs_fields_release(&a);
}

int
main(void)
{
	static const char *const strs[] = {
		"\"\"", "\"plain\"", "\"福州甲公司\"",
		"\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"",
		"\"\\u00e9\\u4e2d\\ud83d\\ude00\\u0041\"",
		"\"\\u0000\"", "\"\\ude00\"", "\"\\ud83d\"",
		"\"\\ud83d\\u0041\"", "\"\\u12\"", "\"\\x\"", "\"a\tb\"",
		"\"abc", "\"\xff\"",
	};
	size_t i, e;

	dec_is("\"\"", "", 2);
	dec_is("\"ab\",\"c\"", "ab", 4);
	dec_is("\"a\\\"b\\\\c\\/d\\n\\t\"", "a\"b\\c/d\n\t", 16);
	dec_is("\"\\u00e9\\u4e2d\\ud83d\\ude00\"",
	    "\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80", 26);
	dec_is("\"\\u00E9\"", "\xc3\xa9", 8);
	dec_left("\"\\u0000\"");	/* an escaped NUL */
	dec_left("\"\\ude00\"");	/* a lone low surrogate */
	dec_left("\"\\ud83d\"");	/* a high one without its pair */
	dec_left("\"\\ud83d\\u0041\"");
	dec_left("\"\\u12\"");
	dec_left("\"\\x\"");
	dec_left("\"a\tb\"");		/* a control byte */
	dec_left("\"abc");		/* no closing quote */
	dec_left("\"abc\\");
	dec_left("\"\\u00e");
	dec_left("\"\\ud83d\\ude0");
	/* The end of s ends the string as its NUL would. */
	CHECK_THAT(dec("\"abc\"", 4, &e) == NULL);
	CHECK_THAT(dec("\"\\u00e9\"", 7, &e) == NULL);
	/* Bytes that are not UTF-8 are the caller's to check. */
	CHECK_THAT(dec("\"\xff\"", 3, &e) != NULL && e == 3);
	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		nd_same(strs[i]);
	same("{}");
	same("{\"id\":\"P1\",\"name\":\"福州甲公司\",\"uscc\":"
	    "\"91350100M000100Y43\"}");
	same("{\"content\":\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\u4e2d\\ud83d\\ude00\","
	    "\"id\":\"x\"}");
	same(" { \"id\" : \"x\" , \"extra\" : { \"备注\" : \"y\" , \"z\":\"\" } } ");
	same("{\"id\":\"a\",\"id\":\"b\"}");
	/* Out of schema order, extras first: the column hint misses. */
	same("{\"extra\":{\"乙\":\"2\",\"甲\":\"1\"},\"uscc\":\"u\","
	    "\"name\":\"n\",\"id\":\"P1\",\"type\":\"penalty\"}");
	left("{\"id\":\"a\\u0000b\"}");
	left("{\"id\":1}");
	left("{\"record\":{\"id\":\"x\"}}");
	left("{\"nosuchcolumn\":\"x\"}");
	left("{\"id\":\"x\"} trailing");
	left("{\"id\":\"x\"");
	left("{\"id\":\"\\ude00\"}");
	left("[]");
	return UNIT_DONE();
}
