/*
 * Headers, rows and the alias table (an open-addressing hash map).
 */
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "io/row.h"

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

/* Is there a "name=value" for name among sets? */
static int
set_has(const char *const *sets, size_t nsets, const char *name)
{
	size_t i, k = strlen(name);

	for (i = 0; i < nsets; i++)
		if (strncmp(sets[i], name, k) == 0 && sets[i][k] == '=')
			return 1;
	return 0;
}

/* Is name one of need? */
static int
needed(const char *const *need, const char *name)
{
	for (; *need != NULL; need++)
		if (strcmp(*need, name) == 0)
			return 1;
	return 0;
}

size_t
cs_header_lacks(const struct cs_header *h, const char *const *need,
    const char *const *sets, size_t nsets, int with_set, char *msg,
    size_t n)
{
	const char *miss[32];
	long near[32];
	char *used;
	struct cs_buf b;
	size_t nm = 0, i, j, nh = 0;
	int r, best;

	for (i = 0; need[i] != NULL && nm < 32; i++)
		if (cs_header_find(h, need[i]) < 0 &&
		    !set_has(sets, nsets, need[i]))
			miss[nm++] = need[i];
	if (nm == 0)
		return 0;
	/* A column of the header is offered for one missing column only. */
	used = cs_xcalloc(h->n + 1, 1);
	for (i = 0; i < nm; i++) {
		near[i] = -1;
		best = 1000;
		for (j = 0; j < h->n; j++) {
			if (used[j] || needed(need, h->name[j]))
				continue;
			r = cs_nearness(miss[i], h->orig[j]);
			if (r >= 0 && r < best) {
				best = r;
				near[i] = (long)j;
			}
		}
		if (near[i] >= 0) {
			used[near[i]] = 1;
			nh++;
		}
	}
	free(used);
	cs_buf_init(&b);
	cs_buf_addf(&b, "no column%s ", nm > 1 ? "s" : "");
	for (i = 0; i < nm; i++)
		cs_buf_addf(&b, "%s'%s'", i == 0 ? "" : i + 1 < nm ? ", " :
		    " and ", miss[i]);
	cs_buf_adds(&b, " in the header");
	for (i = 0, j = 0; i < nm; i++) {
		if (near[i] < 0)
			continue;
		j++;
		cs_buf_addf(&b, "%s'%s' may be '%s'%s", j == 1 ? " (" : ", ",
		    h->orig[near[i]], miss[i], j == nh ? ")" : "");
	}
	if (with_set && nm == 1)
		cs_buf_addf(&b, ": add it, or give --set %s=VALUE", miss[0]);
	else if (with_set)
		cs_buf_adds(&b, ": add them, or give --set COLUMN=VALUE");
	cs_fmt(msg, n, "%s", b.s);
	cs_buf_release(&b);
	return nm;
}

const char *
cs_row_get(const struct cs_row *r, long i)
{
	if (i < 0 || (size_t)i >= r->n)
		return NULL;
	return r->val[i];
}

struct cs_aliases {
	struct cs_strmap map;		/* normalised alias -> index in col */
	char **col;			/* canonical column of each alias */
	size_t n;
};

struct cs_aliases *
cs_aliases_new(void)
{
	struct cs_aliases *a = cs_xcalloc(1, sizeof(*a));

	cs_strmap_init(&a->map);
	return a;
}

void
cs_aliases_free(struct cs_aliases *a)
{
	size_t i;

	if (a == NULL)
		return;
	cs_strmap_release(&a->map);
	for (i = 0; i < a->n; i++)
		free(a->col[i]);
	free(a->col);
	free(a);
}

int
cs_aliases_add(struct cs_aliases *a, const char *alias, const char *column)
{
	char *k = cs_column_normalise(alias);
	long *v;
	int added;

	v = cs_strmap_put(&a->map, k, &added);
	free(k);
	if (!added)
		return strcmp(a->col[*v], column) == 0 ? 0 : -1;
	a->col = cs_xreallocarray(a->col, a->n + 1, sizeof(char *));
	a->col[a->n] = cs_xstrdup(column);
	*v = (long)a->n++;
	return 0;
}

const char *
cs_aliases_lookup(const struct cs_aliases *a, const char *name)
{
	char *k;
	long *v;

	if (a == NULL)
		return NULL;
	k = cs_column_normalise(name);
	v = cs_strmap_get(&a->map, k);
	free(k);
	return v != NULL ? a->col[*v] : NULL;
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

const char *
cs_row_trimmed(const struct cs_row *r, const char *name,
    const char *const *sets, size_t nsets)
{
	static struct cs_buf ring[8];
	static int next;
	const char *v = cs_row_get(r, cs_header_find(r->hdr, name));
	struct cs_buf *b;
	size_t len = 0, i, k = strlen(name);

	if (v != NULL) {
		v += strspn(v, " \t");
		len = strlen(v);
		while (len > 0 && strchr(" \t\r\n", v[len - 1]) != NULL)
			len--;
	}
	for (i = 0; len == 0 && i < nsets; i++)
		if (strncmp(sets[i], name, k) == 0 && sets[i][k] == '=' &&
		    sets[i][k + 1] != '\0') {
			v = sets[i] + k + 1;
			len = strlen(v);
		}
	if (len == 0)
		return NULL;
	b = &ring[next];
	next = (next + 1) % 8;
	if (b->s == NULL)
		cs_buf_init(b);
	cs_buf_reset(b);
	cs_buf_add(b, v, len);
	return b->s;
}
