/*
 * Ledger bodies into field sets: the reverse of cs_fields_json.
 */
#include <jansson.h>
#include <stdint.h>
#include <string.h>

#include "store/body.h"

int
cs_fields_from_json(struct cs_fields *f, const void *obj)
{
	const json_t *o = obj;
	const char *k, *xk;
	json_t *v, *xv;
	int c;

	cs_fields_clear(f);
	if (!json_is_object(o))
		return -1;
	json_object_foreach((json_t *)o, k, v) {
		if (strcmp(k, "extra") == 0 && json_is_object(v)) {
			json_object_foreach(v, xk, xv) {
				if (!json_is_string(xv))
					return -1;
				cs_fields_put_extra(f, xk,
				    json_string_value(xv),
				    json_string_length(xv));
			}
			continue;
		}
		c = cs_schema_find(f->sc, k);
		if (c < 0 || !json_is_string(v))
			return -1;
		cs_fields_put(f, c, json_string_value(v),
		    json_string_length(v));
	}
	return 0;
}

/* Skip JSON white space. */
const char *
store_json_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/*
 * The JSON string at p (after its opening quote) decoded into b, with a
 * NUL after it: the end, after the closing quote, or NULL for what the
 * fast path leaves to jansson (an escaped NUL, a bad escape).  Bodies
 * are written by cs_fields_json from checked UTF-8, so unlike the NDJSON
 * scanner this does not check the bytes again.
 */
const char *
store_json_string(const char *p, struct cs_buf *b)
{
	size_t i = 0;

	cs_buf_reset(b);
	if (cs_json_str_decode(p - 1, SIZE_MAX, &i, b) != 0)
		return NULL;
	return p - 1 + i;
}

/*
 * One object of string members at p (after "{"): each to f's column, or
 * with extra to f's extra columns.  The end, or NULL as
 * store_json_string.  NDJSON lines have a scanner of their own
 * (io/ndjson.c scan_flat) on the same string decoder: a line holds
 * numbers, booleans and nulls but no nested object, and goes into
 * typed key-value pairs, not a field set; a body is read from
 * NUL-terminated text, one column lookup per member.
 */
static const char *
members(struct cs_fields *f, const char *p, int extra, struct cs_buf *k,
    struct cs_buf *v)
{
	size_t pos = 0;
	int c;

	p = store_json_ws(p);
	if (*p == '}')
		return p + 1;
	for (;;) {
		if (*p != '"' || (p = store_json_string(p + 1, k)) == NULL)
			return NULL;
		p = store_json_ws(p);
		if (*p++ != ':')
			return NULL;
		p = store_json_ws(p);
		if (!extra && *p == '{' && strcmp(k->s, "extra") == 0) {
			p = members(f, p + 1, 1, k, v);
			if (p == NULL)
				return NULL;
		} else {
			if (*p != '"' ||
			    (p = store_json_string(p + 1, v)) == NULL)
				return NULL;
			if (extra) {
				cs_fields_add_extra(f, k->s, v->s, v->len);
			} else {
				/* Bodies are in name order: the next first. */
				c = cs_schema_find_next(f->sc, k->s, &pos);
				if (c < 0)
					return NULL;
				cs_fields_add(f, c, v->s, v->len);
			}
		}
		p = store_json_ws(p);
		if (*p == '}')
			return p + 1;
		if (*p++ != ',')
			return NULL;
		p = store_json_ws(p);
	}
}

int
store_fields_from_flat(struct cs_fields *f, const char *s, struct cs_buf *k,
    struct cs_buf *v)
{
	const char *p = store_json_ws(s);

	cs_fields_clear(f);
	if (*p != '{')
		return -1;
	p = members(f, p + 1, 0, k, v);
	/* members adds without settling the pointers: once here. */
	cs_fields_settle(f);
	return p != NULL && *store_json_ws(p) == '\0' ? 0 : -1;
}
