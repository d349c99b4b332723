/*
 * Base of libcs: error records, the growable buffer, JSON string escaping
 * and UTF-8 validation.  (The allocation wrappers, which report and exit,
 * live in cli.c with the other code that talks to the user.)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

int
cs_error_vset(struct cs_error *err, int code, const char *file, long line,
    const char *fmt, va_list ap)
{
	if (err == NULL)
		return -1;
	err->code = code;
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	err->line = line;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	return -1;
}

int
cs_error_set(struct cs_error *err, int code, const char *file, long line,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cs_error_vset(err, code, file, line, fmt, ap);
	va_end(ap);
	return -1;
}

void
cs_buf_init(struct cs_buf *b)
{
	b->cap = 64;
	b->s = cs_xmalloc(b->cap);
	b->s[0] = '\0';
	b->len = 0;
}

void
cs_buf_release(struct cs_buf *b)
{
	if (b == NULL)
		return;
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void
cs_buf_reset(struct cs_buf *b)
{
	b->len = 0;
	b->s[0] = '\0';
}

void
cs_buf_grow(struct cs_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	while (b->cap < need)
		b->cap *= 2;
	b->s = cs_xrealloc(b->s, b->cap);
}

void
cs_buf_add(struct cs_buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap)
		cs_buf_grow(b, n);
	if (n > 0)		/* p may be NULL then, which memcpy may not get */
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
cs_buf_adds(struct cs_buf *b, const char *s)
{
	cs_buf_add(b, s, strlen(s));
}

void
cs_buf_addf(struct cs_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->len) {
		cs_buf_grow(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void
cs_buf_add_json_str(struct cs_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0;

	cs_buf_grow(b, n + 2);
	cs_buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char u[7];

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		cs_buf_add(b, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			u[0] = '\\'; u[1] = 'u'; u[2] = '0'; u[3] = '0';
			u[4] = hex[c >> 4]; u[5] = hex[c & 15]; u[6] = '\0';
			esc = u;
		}
		cs_buf_adds(b, esc);
	}
	cs_buf_add(b, s + run, n - run);
	cs_buf_addc(b, '"');
}

void
cs_buf_add_json_kv(struct cs_buf *b, int first, const char *k,
    const char *v)
{
	if (!first)
		cs_buf_addc(b, ',');
	cs_buf_add_json_str(b, k, strlen(k));
	cs_buf_addc(b, ':');
	if (v == NULL)
		cs_buf_adds(b, "null");
	else
		cs_buf_add_json_str(b, v, strlen(v));
}

static int
hex4(const char *s, unsigned *v)
{
	int k;

	*v = 0;
	for (k = 0; k < 4; k++) {
		char c = s[k];

		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

/*
 * Every read past s[j] is guarded by j < n or by a test of the byte
 * before it, so that n = SIZE_MAX stops at a NUL (hex4 stops at the
 * first byte that is not a hex digit).
 */
int
cs_json_str_decode(const char *s, size_t n, size_t *i, struct cs_buf *b)
{
	size_t j = *i + 1, run;
	unsigned u, lo;
	char e[4];
	size_t elen;

	for (;;) {
		for (run = j; j < n && s[j] != '"' && s[j] != '\\' &&
		    (unsigned char)s[j] >= 0x20; j++)
			;
		cs_buf_add(b, s + run, j - run);
		if (j >= n || (unsigned char)s[j] < 0x20)
			return -1;
		if (s[j] == '"')
			break;
		if (j + 1 >= n)
			return -1;
		switch (s[j + 1]) {
		case '"': case '\\': case '/':
			cs_buf_addc(b, s[j + 1]);
			break;
		case 'b': cs_buf_addc(b, '\b'); break;
		case 'f': cs_buf_addc(b, '\f'); break;
		case 'n': cs_buf_addc(b, '\n'); break;
		case 'r': cs_buf_addc(b, '\r'); break;
		case 't': cs_buf_addc(b, '\t'); break;
		case 'u':
			if (j + 6 > n || hex4(s + j + 2, &u) != 0 || u == 0 ||
			    (u >= 0xdc00 && u <= 0xdfff))
				return -1;
			if (u >= 0xd800 && u <= 0xdbff) {
				if (j + 12 > n || s[j + 6] != '\\' ||
				    s[j + 7] != 'u' || hex4(s + j + 8, &lo) != 0 ||
				    lo < 0xdc00 || lo > 0xdfff)
					return -1;
				u = 0x10000 + ((u - 0xd800) << 10) +
				    (lo - 0xdc00);
				j += 6;
			}
			if (u < 0x80) {
				e[0] = (char)u;
				elen = 1;
			} else if (u < 0x800) {
				e[0] = (char)(0xc0 | (u >> 6));
				e[1] = (char)(0x80 | (u & 0x3f));
				elen = 2;
			} else if (u < 0x10000) {
				e[0] = (char)(0xe0 | (u >> 12));
				e[1] = (char)(0x80 | ((u >> 6) & 0x3f));
				e[2] = (char)(0x80 | (u & 0x3f));
				elen = 3;
			} else {
				e[0] = (char)(0xf0 | (u >> 18));
				e[1] = (char)(0x80 | ((u >> 12) & 0x3f));
				e[2] = (char)(0x80 | ((u >> 6) & 0x3f));
				e[3] = (char)(0x80 | (u & 0x3f));
				elen = 4;
			}
			cs_buf_add(b, e, elen);
			j += 4;
			break;
		default:
			return -1;
		}
		j += 2;
	}
	*i = j + 1;
	return 0;
}

char *
cs_buf_detach(struct cs_buf *b)
{
	char *s = b->s;

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

char *
cs_fmt(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return buf;
}

uint64_t
cs_hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s != '\0') {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return h;
}

void
cs_strmap_init(struct cs_strmap *m)
{
	memset(m, 0, sizeof(*m));
}

void
cs_strmap_clear(struct cs_strmap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++) {
		free(m->key[i]);
		m->key[i] = NULL;
	}
	m->n = 0;
}

void
cs_strmap_release(struct cs_strmap *m)
{
	if (m == NULL)
		return;
	cs_strmap_clear(m);
	free(m->key);
	free(m->val);
	memset(m, 0, sizeof(*m));
}

/* The slot of key, or of the empty place where it would go. */
static size_t
strmap_slot(const struct cs_strmap *m, const char *key)
{
	size_t i = (size_t)cs_hash_str(key) & (m->cap - 1);

	while (m->key[i] != NULL && strcmp(m->key[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

long *
cs_strmap_get(const struct cs_strmap *m, const char *key)
{
	size_t i;

	if (m->cap == 0)
		return NULL;
	i = strmap_slot(m, key);
	return m->key[i] != NULL ? &m->val[i] : NULL;
}

long *
cs_strmap_put(struct cs_strmap *m, const char *key, int *added)
{
	size_t i, j;

	if ((m->n + 1) * 2 > m->cap) {
		struct cs_strmap old = *m;

		m->cap = m->cap ? m->cap * 2 : 64;
		m->key = cs_xcalloc(m->cap, sizeof(char *));
		m->val = cs_xcalloc(m->cap, sizeof(long));
		for (i = 0; i < old.cap; i++) {
			if (old.key[i] == NULL)
				continue;
			j = strmap_slot(m, old.key[i]);
			m->key[j] = old.key[i];
			m->val[j] = old.val[i];
		}
		free(old.key);
		free(old.val);
	}
	i = strmap_slot(m, key);
	if (added != NULL)
		*added = m->key[i] == NULL;
	if (m->key[i] == NULL) {
		m->key[i] = cs_xstrdup(key);
		m->val[i] = -1;
		m->n++;
	}
	return &m->val[i];
}

void
cs_hex(const unsigned char *p, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = hex[p[i] >> 4];
		out[2 * i + 1] = hex[p[i] & 15];
	}
	out[2 * n] = '\0';
}

int
cs_utf8_valid(const char *s, size_t n, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		unsigned char c = p[i];
		size_t k, len;
		uint32_t cp;

		if (c < 0x80) {
			/* Fast path: eight ASCII bytes at a time. */
			while (i + 8 <= n) {
				uint64_t w;

				memcpy(&w, p + i, 8);
				if (w & 0x8080808080808080ULL)
					break;
				i += 8;
			}
			while (i < n && p[i] < 0x80)
				i++;
			continue;
		}
		/*
		 * Fast path: a three-byte form whose lead byte allows every
		 * continuation (not E0: overlong; not ED: surrogates) -- the
		 * Chinese text of names and titles.
		 */
		if (c >= 0xe1 && c != 0xed && c <= 0xef && i + 3 <= n &&
		    (p[i + 1] & 0xc0) == 0x80 && (p[i + 2] & 0xc0) == 0x80) {
			i += 3;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			cp = c & 0x07;
		} else {
			goto invalid;
		}
		if (i + len > n)
			goto invalid;
		for (k = 1; k < len; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				goto invalid;
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		/* Overlong forms, surrogates and code points past U+10FFFF. */
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			goto invalid;
		i += len;
	}
	return 1;
invalid:
	if (bad != NULL)
		*bad = i;
	return 0;
}

/* Fold a name for cs_nearness: ASCII lower case, '-' and ' ' as '_'. */
static void
fold_name(const char *s, char *out, size_t n)
{
	size_t i;

	for (i = 0; s[i] != '\0' && i + 1 < n; i++)
		out[i] = s[i] == '-' || s[i] == ' ' ? '_' : s[i] >= 'A' &&
		    s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
	out[i] = '\0';
}

/* The optimal string alignment distance of a and b (bytes). */
static int
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	int d[64][64], c;

	if (la >= 64 || lb >= 64)
		return 99;
	for (i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < c)
				c = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < c)
				c = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < c)
				c = d[i - 2][j - 2] + 1;
			d[i][j] = c;
		}
	return d[la][lb];
}

int
cs_nearness(const char *want, const char *have)
{
	char w[64], h[64];
	const char *last;
	size_t lw, lh;
	int d, max;

	fold_name(want, w, sizeof(w));
	fold_name(have, h, sizeof(h));
	lw = strlen(w);
	lh = strlen(h);
	if (lw == 0 || lh == 0)
		return -1;
	d = edit_distance(w, h);
	max = lw <= 4 ? 1 : lw <= 8 ? 2 : 3;
	if (d <= max)
		return d;
	/* "decided" for "decided_on", "objection" for "objections". */
	if ((lh >= 3 && lh < lw && strncmp(w, h, lh) == 0) ||
	    (lw >= 3 && lw < lh && strncmp(w, h, lw) == 0))
		return 10;
	/* "id" for "entry_id". */
	last = strrchr(w, '_');
	if (last != NULL && strcmp(last + 1, h) == 0)
		return 11;
	return -1;
}
