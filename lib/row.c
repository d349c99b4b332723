/*
 * Headers, rows and the alias table (an open-addressing hash map).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "row.h"
#include "util.h"

void
cs_header_init(struct cs_header *h)
{
	memset(h, 0, sizeof(*h));
}

void
cs_header_release(struct cs_header *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->n; i++) {
		free(h->name[i]);
		free(h->orig[i]);
	}
	free(h->name);
	free(h->orig);
	memset(h, 0, sizeof(*h));
}

size_t
cs_header_add(struct cs_header *h, const char *orig, const char *name)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 16;
		h->name = cs_xreallocarray(h->name, h->cap, sizeof(char *));
		h->orig = cs_xreallocarray(h->orig, h->cap, sizeof(char *));
	}
	h->orig[h->n] = cs_xstrdup(orig);
	h->name[h->n] = cs_xstrdup(name);
	return h->n++;
}

long
cs_header_find(const struct cs_header *h, const char *name)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		if (strcmp(h->name[i], name) == 0)
			return (long)i;
	return -1;
}

const char *
cs_row_get(const struct cs_row *r, long i)
{
	if (i < 0 || (size_t)i >= r->n)
		return NULL;
	return r->val[i];
}

struct cs_aliases {
	size_t cap;			/* power of two */
	size_t n;
	char **key;
	char **val;
};

static uint64_t
fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s != '\0') {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return h;
}

struct cs_aliases *
cs_aliases_new(void)
{
	struct cs_aliases *a = cs_xcalloc(1, sizeof(*a));

	a->cap = 256;
	a->key = cs_xcalloc(a->cap, sizeof(char *));
	a->val = cs_xcalloc(a->cap, sizeof(char *));
	return a;
}

void
cs_aliases_free(struct cs_aliases *a)
{
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; i < a->cap; i++) {
		free(a->key[i]);
		free(a->val[i]);
	}
	free(a->key);
	free(a->val);
	free(a);
}

static size_t
slot(const struct cs_aliases *a, const char *key)
{
	size_t i = (size_t)fnv1a(key) & (a->cap - 1);

	while (a->key[i] != NULL && strcmp(a->key[i], key) != 0)
		i = (i + 1) & (a->cap - 1);
	return i;
}

static void
rehash(struct cs_aliases *a)
{
	struct cs_aliases old = *a;
	size_t i, j;

	a->cap *= 2;
	a->key = cs_xcalloc(a->cap, sizeof(char *));
	a->val = cs_xcalloc(a->cap, sizeof(char *));
	for (i = 0; i < old.cap; i++) {
		if (old.key[i] == NULL)
			continue;
		j = slot(a, old.key[i]);
		a->key[j] = old.key[i];
		a->val[j] = old.val[i];
	}
	free(old.key);
	free(old.val);
}

int
cs_aliases_add(struct cs_aliases *a, const char *alias, const char *column)
{
	char *k = cs_column_normalise(alias);
	size_t i;

	if ((a->n + 1) * 2 > a->cap)
		rehash(a);
	i = slot(a, k);
	if (a->key[i] != NULL) {
		int same = strcmp(a->val[i], column) == 0;

		free(k);
		return same ? 0 : -1;
	}
	a->key[i] = k;
	a->val[i] = cs_xstrdup(column);
	a->n++;
	return 0;
}

const char *
cs_aliases_lookup(const struct cs_aliases *a, const char *name)
{
	char *k;
	size_t i;

	if (a == NULL)
		return NULL;
	k = cs_column_normalise(name);
	i = slot(a, k);
	free(k);
	return a->key[i] ? a->val[i] : NULL;
}

static int
is_space_at(const unsigned char *p, size_t n, size_t *w)
{
	if (n >= 1 && (p[0] == ' ' || p[0] == '\t' || p[0] == '\r' ||
	    p[0] == '\n')) {
		*w = 1;
		return 1;
	}
	if (n >= 3 && p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80) {
		*w = 3;
		return 1;
	}
	return 0;
}

char *
cs_column_normalise(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, w;
	struct cs_buf b;

	while (i < n && is_space_at(p + i, n - i, &w))
		i += w;
	while (n > i) {
		/* Trim from the end: ASCII space or a trailing U+3000. */
		if (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r' ||
		    p[n - 1] == '\n')
			n--;
		else if (n - i >= 3 && p[n - 3] == 0xe3 && p[n - 2] == 0x80 &&
		    p[n - 1] == 0x80)
			n -= 3;
		else
			break;
	}
	cs_buf_init(&b);
	while (i < n) {
		unsigned c = p[i];

		if (c == 0xef && i + 2 < n && (p[i + 1] == 0xbc ||
		    p[i + 1] == 0xbd)) {
			unsigned cp = 0xf000 + ((p[i + 1] & 0x3fu) << 6) +
			    (p[i + 2] & 0x3fu);

			if (cp >= 0xff01 && cp <= 0xff5e) {
				c = cp - 0xff01 + 0x21;
				if (c >= 'A' && c <= 'Z')
					c += 32;
				cs_buf_addc(&b, (int)c);
				i += 3;
				continue;
			}
		}
		if (c >= 'A' && c <= 'Z')
			c += 32;
		cs_buf_addc(&b, (int)c);
		i++;
	}
	return cs_buf_detach(&b);
}
