/*
 * NDJSON lines: the common line (a flat object of strings, plain
 * numbers, booleans and nulls) by a scanner of its own, every other line
 * through json_loadb with JSON_REJECT_DUPLICATES, which also words every
 * error.  The scanner accepts only what jansson accepts and yields the
 * same fields; anything else it hands to jansson.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/ndjson.h"
#include "io/row.h"

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
	free(o->type);
	free(o->koff);
	free(o->voff);
	cs_buf_release(&o->data);
	memset(o, 0, sizeof(*o));
}

static void
grow(struct cs_ndjson_obj *o)
{
	if (o->n < o->cap)
		return;
	o->cap = o->cap ? o->cap * 2 : 32;
	o->key = cs_xreallocarray(o->key, o->cap, sizeof(char *));
	o->val = cs_xreallocarray(o->val, o->cap, sizeof(char *));
	o->vlen = cs_xreallocarray(o->vlen, o->cap, sizeof(size_t));
	o->type = cs_xreallocarray(o->type, o->cap, 1);
	o->koff = cs_xreallocarray(o->koff, o->cap, sizeof(size_t));
	o->voff = cs_xreallocarray(o->voff, o->cap, sizeof(size_t));
}

static void
push(struct cs_ndjson_obj *o, const char *k, const char *v, size_t vn,
    int type)
{
	grow(o);
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
	o->type[o->n] = (unsigned char)type;
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

/* Is s (n bytes) a plain decimal: -?(0|[1-9][0-9]*)(.[0-9]+)? */
static int
plain_number(const char *s, size_t n, int frac)
{
	size_t i = 0, d;

	if (i < n && s[i] == '-')
		i++;
	for (d = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		d++;
	if (d == 0 || (d > 1 && s[i - d] == '0'))
		return 0;
	if (i < n && s[i] == '.' && frac) {
		for (i++, d = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			d++;
		if (d == 0)
			return 0;
	}
	return i == n;
}

/* Past the JSON string that starts at s[i] (a quote). */
static size_t
skip_string(const char *s, size_t n, size_t i)
{
	for (i++; i < n && s[i] != '"'; i++)
		if (s[i] == '\\')
			i++;
	return i + 1;
}

/*
 * Where the value of each member of the flat object on line s (which
 * jansson has read well) starts and ends, in the members' order, so that
 * a number keeps the digits it was written with (1500.00 stays
 * "1500.00", not the double's "1500").  Returns the number of members,
 * at most max.
 */
static size_t
value_spans(const char *s, size_t n, size_t *beg, size_t *end, size_t max)
{
	size_t i = 0, m = 0;

	while (i < n && s[i] != '{')
		i++;
	for (i++; i < n && m < max;) {
		while (i < n && strchr(" \t\r\n,", s[i]) != NULL)
			i++;
		if (i >= n || s[i] != '"')
			break;
		i = skip_string(s, n, i);
		while (i < n && s[i] != ':')
			i++;
		for (i++; i < n && strchr(" \t\r\n", s[i]) != NULL; i++)
			;
		beg[m] = i;
		if (i < n && s[i] == '"')
			i = skip_string(s, n, i);
		else
			while (i < n && strchr(" \t\r\n,}", s[i]) == NULL)
				i++;
		end[m++] = i;
	}
	return m;
}

static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * The JSON string at s[*i] (a quote) decoded onto b with a NUL, *i past
 * it: 0, or -1 for what the scanner leaves to jansson (a control byte,
 * a bad escape, \u0000, a lone surrogate, bytes that are not UTF-8: the
 * input is checked here, as jansson checks it).
 */
static int
scan_string(const char *s, size_t n, size_t *i, struct cs_buf *b)
{
	size_t from = b->len, bad;

	if (cs_json_str_decode(s, n, i, b) != 0 ||
	    !cs_utf8_valid(b->s + from, b->len - from, &bad))
		return -1;
	cs_buf_addc(b, '\0');
	return 0;
}

/*
 * The common line without jansson: 1 with o filled, or 0 to hand the
 * line to jansson (o is then filled again from the start).  Ledger
 * bodies have a walker of their own (store/body.c members) on the same
 * string decoder: a body holds only strings and one nested "extra"
 * object and goes into a field set by schema column, while a line here
 * holds numbers (kept as written), booleans and nulls, and a duplicate
 * key must be refused as jansson refuses it.
 */
static int
scan_flat(const char *s, size_t n, struct cs_ndjson_obj *o)
{
	size_t i = 0, k, v, a;
	int type;

	while (i < n && is_ws(s[i]))
		i++;
	if (i >= n || s[i++] != '{')
		return 0;
	while (i < n && is_ws(s[i]))
		i++;
	if (i < n && s[i] == '}')
		goto end;
	for (;;) {
		if (i >= n || s[i] != '"')
			return 0;
		grow(o);
		o->koff[o->n] = k = o->data.len;
		if (scan_string(s, n, &i, &o->data) != 0 ||
		    o->data.len == k + 1)	/* empty key: jansson says so */
			return 0;
		while (i < n && is_ws(s[i]))
			i++;
		if (i >= n || s[i++] != ':')
			return 0;
		while (i < n && is_ws(s[i]))
			i++;
		if (i >= n)
			return 0;
		v = o->data.len;
		if (s[i] == '"') {
			if (scan_string(s, n, &i, &o->data) != 0)
				return 0;
			type = CS_JT_TEXT;
		} else if (s[i] == 't' && n - i >= 4 &&
		    memcmp(s + i, "true", 4) == 0) {
			cs_buf_add(&o->data, "true", 5);
			i += 4;
			type = CS_JT_BOOL;
		} else if (s[i] == 'f' && n - i >= 5 &&
		    memcmp(s + i, "false", 5) == 0) {
			cs_buf_add(&o->data, "false", 6);
			i += 5;
			type = CS_JT_BOOL;
		} else if (s[i] == 'n' && n - i >= 4 &&
		    memcmp(s + i, "null", 4) == 0) {
			v = (size_t)-1;
			i += 4;
			type = CS_JT_TEXT;
		} else {
			for (a = i; i < n && (s[i] == '-' || s[i] == '.' ||
			    (s[i] >= '0' && s[i] <= '9')); i++)
				;
			/* Digits jansson holds exactly: at most 18. */
			if (i - a > 18 || !plain_number(s + a, i - a, 1))
				return 0;
			type = memchr(s + a, '.', i - a) != NULL ?
			    CS_JT_DECIMAL : CS_JT_INT;
			cs_buf_add(&o->data, s + a, i - a);
			cs_buf_addc(&o->data, '\0');
		}
		o->voff[o->n] = v;
		o->vlen[o->n] = v == (size_t)-1 ? 0 : o->data.len - v - 1;
		o->type[o->n] = (unsigned char)type;
		o->n++;
		while (i < n && is_ws(s[i]))
			i++;
		if (i < n && s[i] == ',') {
			i++;
			while (i < n && is_ws(s[i]))
				i++;
			continue;
		}
		if (i < n && s[i] == '}')
			break;
		return 0;
	}
end:
	for (i++; i < n; i++)
		if (!is_ws(s[i]))
			return 0;
	/* A duplicate key: jansson words the error. */
	for (k = 0; k < o->n; k++)
		for (a = k + 1; a < o->n; a++)
			if (strcmp(o->data.s + o->koff[k],
			    o->data.s + o->koff[a]) == 0)
				return 0;
	return 1;
}

int
cs_ndjson_parse(const char *line, size_t len, struct cs_ndjson_obj *o,
    char *msg, size_t msgsz)
{
	json_error_t je;
	json_t *root, *v;
	const char *k;
	char num[64];
	size_t i, m = 0, nm = 0, beg[256], end[256];
	int rc = 1;

	o->n = 0;
	cs_buf_reset(&o->data);
	for (i = 0; i < len; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r' &&
		    line[i] != '\n')
			break;
	if (i == len)
		return 0;
	if (scan_flat(line, len, o) == 1)
		goto fill;
	o->n = 0;
	cs_buf_reset(&o->data);
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
		if ((json_is_integer(v) || json_is_real(v)) && nm == 0)
			nm = value_spans(line, len, beg, end, 256);
		if (*k == '\0') {
			snprintf(msg, msgsz, "a key is empty: every field needs "
			    "a name");
			rc = -1;
			goto out;
		}
		switch (json_typeof(v)) {
		case JSON_STRING:
			push(o, k, json_string_value(v), json_string_length(v),
			    CS_JT_TEXT);
			break;
		case JSON_INTEGER:
		case JSON_REAL:
			if (m < nm && nm == json_object_size(root) &&
			    plain_number(line + beg[m], end[m] - beg[m], 1)) {
				push(o, k, line + beg[m], end[m] - beg[m],
				    json_is_integer(v) ? CS_JT_INT :
				    CS_JT_DECIMAL);
				break;
			}
			if (json_is_integer(v))
				snprintf(num, sizeof(num), "%"
				    JSON_INTEGER_FORMAT, json_integer_value(v));
			else
				format_real(json_real_value(v), num,
				    sizeof(num));
			push(o, k, num, strlen(num), json_is_integer(v) ?
			    CS_JT_INT : CS_JT_DECIMAL);
			break;
		case JSON_TRUE:
			push(o, k, "true", 4, CS_JT_BOOL);
			break;
		case JSON_FALSE:
			push(o, k, "false", 5, CS_JT_BOOL);
			break;
		case JSON_NULL:
			push(o, k, NULL, 0, CS_JT_TEXT);
			break;
		default:
			snprintf(msg, msgsz, "key '%s' holds a nested %s", k,
			    json_is_object(v) ? "object" : "array");
			rc = -1;
			goto out;
		}
		m++;
	}
	json_decref(root);
fill:
	for (i = 0; i < o->n; i++) {
		o->key[i] = o->data.s + o->koff[i];
		o->val[i] = o->voff[i] == (size_t)-1 ? NULL :
		    o->data.s + o->voff[i];
	}
	return 1;
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

int
cs_ndjson_add_typed(struct cs_buf *b, int first, const char *key,
    const char *val, size_t vlen, int type)
{
	const char *lit = NULL;
	size_t n = 0;

	if (val == NULL || vlen == 0) {
		if (type == CS_JT_TEXT)
			return 0;
		lit = "null";
		n = 4;
	} else if (type == CS_JT_BOOL) {
		if ((vlen == 4 && memcmp(val, "true", 4) == 0) ||
		    (vlen == 3 && memcmp(val, "yes", 3) == 0))
			lit = "true";
		else if ((vlen == 5 && memcmp(val, "false", 5) == 0) ||
		    (vlen == 2 && memcmp(val, "no", 2) == 0))
			lit = "false";
		n = lit != NULL ? strlen(lit) : 0;
	} else if ((type == CS_JT_INT && vlen <= 18 &&
	    plain_number(val, vlen, 0)) || (type == CS_JT_DECIMAL &&
	    plain_number(val, vlen, 1))) {
		lit = val;
		n = vlen;
	}
	if (lit == NULL) {
		cs_ndjson_add_pair(b, first, key, val, vlen);
		return 1;
	}
	if (!first)
		cs_buf_addc(b, ',');
	cs_buf_add_json_str(b, key, strlen(key));
	cs_buf_addc(b, ':');
	cs_buf_add(b, lit, n);
	return 1;
}
