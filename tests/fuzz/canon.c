/*
 * Canonical JSON (lib/core/hash.c), the bytes the ledger hashes: for any
 * JSON value jansson reads, cs_canon_json refuses reals and nothing else,
 * writes JSON that reads back as the same value, and writes those bytes
 * again from it (one canonical form).  A ledger body (a JSON object of
 * record columns and "extra") read into a field set by
 * cs_fields_from_json and written by cs_fields_json is canonical JSON
 * too, and comes back byte for byte: the hash of an event can be
 * recomputed from what the store keeps.
 */
#include "fuzz.h"

/* 1 when v holds a real anywhere. */
static int
has_real(const json_t *v)
{
	const char *k;
	json_t *x;
	size_t i;

	switch (json_typeof(v)) {
	case JSON_REAL:
		return 1;
	case JSON_OBJECT:
		json_object_foreach((json_t *)v, k, x)
			if (has_real(x))
				return 1;
		return 0;
	case JSON_ARRAY:
		json_array_foreach(v, i, x)
			if (has_real(x))
				return 1;
		return 0;
	default:
		return 0;
	}
}

/* The canonical bytes of the n bytes of JSON at s, read back. */
static json_t *
canon_twice(const char *s, size_t n, struct cs_buf *out)
{
	struct cs_buf again;
	json_error_t je;
	json_t *v, *back;
	int r;

	v = json_loadb(s, n, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES |
	    JSON_ALLOW_NUL, &je);
	if (v == NULL)
		return NULL;
	r = cs_canon_json(v, out);
	FUZZ_CHECK(r == (has_real(v) ? -1 : 0), "cs_canon_json gave %d", r);
	if (r != 0) {
		json_decref(v);
		return NULL;
	}
	back = json_loadb(out->s, out->len, JSON_DECODE_ANY |
	    JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
	FUZZ_CHECK(back != NULL, "'%s' does not read back: %s", out->s,
	    je.text);
	FUZZ_CHECK(json_equal(v, back), "'%s' reads back as another value",
	    out->s);
	cs_buf_init(&again);
	FUZZ_CHECK(cs_canon_json(back, &again) == 0 && again.len == out->len &&
	    memcmp(again.s, out->s, out->len) == 0, "'%s' then '%s'", out->s,
	    again.s);
	cs_buf_release(&again);
	json_decref(back);
	return v;
}

/* A record body through a field set and back. */
static void
body(const json_t *v)
{
	struct cs_fields f;
	struct cs_buf a, b, c;
	json_error_t je;
	json_t *o;

	cs_fields_init(&f, &cs_record_schema);
	if (cs_fields_from_json(&f, v) != 0) {
		cs_fields_release(&f);
		return;
	}
	cs_buf_init(&a);
	cs_buf_init(&b);
	cs_buf_init(&c);
	cs_fields_json(&f, &a, -1);
	o = json_loadb(a.s, a.len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL,
	    &je);
	FUZZ_CHECK(o != NULL, "'%s' is not JSON: %s", a.s, je.text);
	FUZZ_CHECK(cs_canon_json(o, &b) == 0 && strcmp(a.s, b.s) == 0,
	    "cs_fields_json wrote '%s', canonical is '%s'", a.s, b.s);
	FUZZ_CHECK(cs_fields_from_json(&f, o) == 0, "'%s' is not a body",
	    a.s);
	cs_fields_json(&f, &c, -1);
	FUZZ_CHECK(strcmp(a.s, c.s) == 0, "'%s' came back as '%s'", a.s, c.s);
	json_decref(o);
	cs_buf_release(&a);
	cs_buf_release(&b);
	cs_buf_release(&c);
	cs_fields_release(&f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cs_buf out;
	json_t *v;

	cs_buf_init(&out);
	v = canon_twice((const char *)data, size, &out);
	if (v != NULL)
		body(v);
	json_decref(v);
	cs_buf_release(&out);
	return 0;
}
