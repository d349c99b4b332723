/*
 * Ledger bodies into field sets: the reverse of cs_fields_json.
 */
#include <jansson.h>
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

static int
hex4(const char *p, unsigned *u)
{
	int i;

	*u = 0;
	for (i = 0; i < 4; i++) {
		char c = p[i];

		*u <<= 4;
		if (c >= '0' && c <= '9')
			*u |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*u |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*u |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

/*
 * The JSON string at p (after its opening quote) decoded into b, with a
 * NUL after it: the end, after the closing quote, or NULL for what the
 * fast path leaves to jansson (an escaped NUL, a bad escape).
 */
const char *
store_json_string(const char *p, struct cs_buf *b)
{
	unsigned u, lo;
	const char *q;

	cs_buf_reset(b);
	for (;;) {
		for (q = p; *q != '"' && *q != '\\' && *q != '\0' &&
		    (unsigned char)*q >= 0x20; q++)
			;
		cs_buf_add(b, p, (size_t)(q - p));
		p = q;
		if (*p == '"')
			break;
		if (*p != '\\')
			return NULL;
		p++;
		switch (*p++) {
		case '"': cs_buf_addc(b, '"'); break;
		case '\\': cs_buf_addc(b, '\\'); break;
		case '/': cs_buf_addc(b, '/'); break;
		case 'b': cs_buf_addc(b, '\b'); break;
		case 'f': cs_buf_addc(b, '\f'); break;
		case 'n': cs_buf_addc(b, '\n'); break;
		case 'r': cs_buf_addc(b, '\r'); break;
		case 't': cs_buf_addc(b, '\t'); break;
		case 'u':
			if (hex4(p, &u) != 0 || u == 0)
				return NULL;
			p += 4;
			if (u >= 0xdc00 && u <= 0xdfff)
				return NULL;
			if (u >= 0xd800 && u <= 0xdbff) {
				if (p[0] != '\\' || p[1] != 'u' ||
				    hex4(p + 2, &lo) != 0 || lo < 0xdc00 ||
				    lo > 0xdfff)
					return NULL;
				p += 6;
				u = 0x10000 + ((u - 0xd800) << 10) +
				    (lo - 0xdc00);
			}
			if (u < 0x80) {
				cs_buf_addc(b, (char)u);
			} else if (u < 0x800) {
				cs_buf_addc(b, (char)(0xc0 | u >> 6));
				cs_buf_addc(b, (char)(0x80 | (u & 0x3f)));
			} else if (u < 0x10000) {
				cs_buf_addc(b, (char)(0xe0 | u >> 12));
				cs_buf_addc(b, (char)(0x80 | (u >> 6 & 0x3f)));
				cs_buf_addc(b, (char)(0x80 | (u & 0x3f)));
			} else {
				cs_buf_addc(b, (char)(0xf0 | u >> 18));
				cs_buf_addc(b, (char)(0x80 | (u >> 12 & 0x3f)));
				cs_buf_addc(b, (char)(0x80 | (u >> 6 & 0x3f)));
				cs_buf_addc(b, (char)(0x80 | (u & 0x3f)));
			}
			break;
		default:
			return NULL;
		}
	}
	cs_buf_addc(b, '\0');
	b->len--;
	return p + 1;
}

/*
 * One object of string members at p (after "{"): each to f's column, or
 * with extra to f's extra columns.  The end, or NULL as
 * store_json_string.
 */
static const char *
members(struct cs_fields *f, const char *p, int extra, struct cs_buf *k,
    struct cs_buf *v)
{
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
				cs_fields_put_extra(f, k->s, v->s, v->len);
			} else {
				c = cs_schema_find(f->sc, k->s);
				if (c < 0)
					return NULL;
				cs_fields_put(f, c, v->s, v->len);
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
store_fields_from_flat(struct cs_fields *f, const char *s)
{
	struct cs_buf k, v;
	const char *p = store_json_ws(s);

	cs_fields_clear(f);
	if (*p != '{')
		return -1;
	cs_buf_init(&k);
	cs_buf_init(&v);
	p = members(f, p + 1, 0, &k, &v);
	cs_buf_release(&k);
	cs_buf_release(&v);
	return p != NULL && *store_json_ws(p) == '\0' ? 0 : -1;
}
