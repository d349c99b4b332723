/*
 * NDJSON lines through json_loadb with JSON_REJECT_DUPLICATES.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/ndjson.h"

void
cs_ndjson_obj_init(struct cs_ndjson_obj *o)
{
	memset(o, 0, sizeof(*o));
	cs_buf_init(&o->data);
}

void
cs_ndjson_obj_release(struct cs_ndjson_obj *o)
{
	if (o == NULL)
		return;
	free(o->key);
	free(o->val);
	free(o->vlen);
	free(o->koff);
	free(o->voff);
	cs_buf_release(&o->data);
	memset(o, 0, sizeof(*o));
}

static void
push(struct cs_ndjson_obj *o, const char *k, const char *v, size_t vn)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 32;
		o->key = cs_xreallocarray(o->key, o->cap, sizeof(char *));
		o->val = cs_xreallocarray(o->val, o->cap, sizeof(char *));
		o->vlen = cs_xreallocarray(o->vlen, o->cap, sizeof(size_t));
		o->koff = cs_xreallocarray(o->koff, o->cap, sizeof(size_t));
		o->voff = cs_xreallocarray(o->voff, o->cap, sizeof(size_t));
	}
	o->koff[o->n] = o->data.len;
	cs_buf_add(&o->data, k, strlen(k) + 1);
	if (v != NULL) {
		o->voff[o->n] = o->data.len;
		cs_buf_add(&o->data, v, vn);
		cs_buf_addc(&o->data, '\0');
	} else {
		o->voff[o->n] = (size_t)-1;
	}
	o->vlen[o->n] = v ? vn : 0;
	o->n++;
}

/* Shortest of %.15g, %.16g, %.17g that reads back as the same double. */
static void
format_real(double d, char *out, size_t n)
{
	int prec;

	for (prec = 15; prec <= 17; prec++) {
		snprintf(out, n, "%.*g", prec, d);
		if (strtod(out, NULL) == d)
			return;
	}
}

int
cs_ndjson_parse(const char *line, size_t len, struct cs_ndjson_obj *o,
    char *msg, size_t msgsz)
{
	json_error_t je;
	json_t *root, *v;
	const char *k;
	char num[64];
	size_t i;
	int rc = 1;

	o->n = 0;
	cs_buf_reset(&o->data);
	for (i = 0; i < len; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r' &&
		    line[i] != '\n')
			break;
	if (i == len)
		return 0;
	root = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je);
	if (root == NULL) {
		snprintf(msg, msgsz, "invalid JSON at column %d: %s",
		    je.column, je.text);
		return -1;
	}
	if (!json_is_object(root)) {
		snprintf(msg, msgsz, "the line is not a JSON object");
		json_decref(root);
		return -1;
	}
	json_object_foreach(root, k, v) {
		if (*k == '\0') {
			snprintf(msg, msgsz, "a key is empty: every field needs "
			    "a name");
			rc = -1;
			goto out;
		}
		switch (json_typeof(v)) {
		case JSON_STRING:
			push(o, k, json_string_value(v), json_string_length(v));
			break;
		case JSON_INTEGER:
			snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
			    json_integer_value(v));
			push(o, k, num, strlen(num));
			break;
		case JSON_REAL:
			format_real(json_real_value(v), num, sizeof(num));
			push(o, k, num, strlen(num));
			break;
		case JSON_TRUE:
			push(o, k, "true", 4);
			break;
		case JSON_FALSE:
			push(o, k, "false", 5);
			break;
		case JSON_NULL:
			push(o, k, NULL, 0);
			break;
		default:
			snprintf(msg, msgsz, "key '%s' holds a nested %s", k,
			    json_is_object(v) ? "object" : "array");
			rc = -1;
			goto out;
		}
	}
	for (i = 0; i < o->n; i++) {
		o->key[i] = o->data.s + o->koff[i];
		o->val[i] = o->voff[i] == (size_t)-1 ? NULL :
		    o->data.s + o->voff[i];
	}
out:
	json_decref(root);
	return rc;
}

void
cs_ndjson_add_pair(struct cs_buf *b, int first, const char *key,
    const char *val, size_t vlen)
{
	if (!first)
		cs_buf_addc(b, ',');
	cs_buf_add_json_str(b, key, strlen(key));
	cs_buf_addc(b, ':');
	cs_buf_add_json_str(b, val, vlen);
}
