/*
 * The screening table: entries active on a day by USCC and by name, in
 * two open-addressing tables of (hash, hit) pairs behind a small bloom
 * filter, so that a lookup of a USCC that is not listed (most of them)
 * rarely leaves the cache.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"
#include "ops/screening.h"

/* FNV-1a, then the murmur3 finaliser: every bit of the key mixed in. */
static uint64_t
hash(const char *s)
{
	uint64_t h = cs_hash_str(s);

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h ? h : 1;
}

/* The slot of key in table t: its own, or the empty one it would take. */
static size_t
slot(const struct cs_screen *s, const struct cs_screen_slot *t,
    const char *key, uint64_t h)
{
	size_t i = (size_t)(h >> s->shift), mask = s->cap - 1;

	while (t[i].h != 0 && (t[i].h != h ||
	    strcmp(s->hits[t[i].hit].key, key) != 0))
		i = (i + 1) & mask;
	return i;
}

/* The bloom word of h and its two bits (a blocked bloom filter). */
static uint64_t *
bloom_word(const struct cs_screen *s, uint64_t h, uint64_t *bits)
{
	*bits = 1ULL << (h & 63) | 1ULL << (h >> 6 & 63);
	return &s->bloom[(h >> 12) & s->bmask];
}

static const struct cs_hit *
find(const struct cs_screen *s, const struct cs_screen_slot *t,
    const char *key)
{
	uint64_t h, bits;
	size_t i;

	if (s->cap == 0)
		return NULL;
	h = hash(key);
	if ((*bloom_word(s, h, &bits) & bits) != bits)
		return NULL;
	i = slot(s, t, key, h);
	return t[i].h != 0 ? &s->hits[t[i].hit] : NULL;
}

static void
add(struct cs_screen *s, struct cs_screen_slot *t, const char *key,
    const struct cs_listed *l, size_t type)
{
	uint64_t h = hash(key);
	size_t i = slot(s, t, key, h);
	struct cs_hit *hit;
	uint64_t bits, *w = bloom_word(s, h, &bits);

	*w |= bits;
	if (t[i].h == 0) {
		t[i].h = h;
		t[i].hit = (long)s->nhits;
		hit = &s->hits[s->nhits++];
		memset(hit, 0, sizeof(*hit));
		hit->key = cs_xstrdup(key);
	}
	hit = &s->hits[t[i].hit];
	hit->lists |= 1ULL << type;
	/* With a department, until is that of its lists only. */
	if (!(s->dept_lists & 1ULL << type))
		return;
	if (l->until[0] == '\0')
		snprintf(hit->until, sizeof(hit->until), "permanent");
	else if (strcmp(hit->until, "permanent") != 0 &&
	    strcmp(l->until, hit->until) > 0)
		memcpy(hit->until, l->until, 11);
}

/*
 * The lists and measures columns of hit, in the order of the rules; the
 * few distinct sets of lists are worked out once each.
 */
static void
columns(struct cs_screen *s, struct cs_hit *hit, const struct cs_lists *ls,
    const char *dept, struct cs_buf *b)
{
	struct cs_screen_cols *sc;
	size_t t, j, k;
	int applies;

	for (j = 0; j < s->ncols; j++)
		if (s->cols[j].lists == hit->lists)
			break;
	if (j < s->ncols) {
		hit->lists_s = s->cols[j].lists_s;
		hit->measures_s = s->cols[j].measures_s;
		return;
	}
	s->cols = cs_xreallocarray(s->cols, s->ncols + 1, sizeof(*s->cols));
	sc = &s->cols[s->ncols++];
	sc->lists = hit->lists;
	cs_buf_reset(b);
	for (t = 0; t < ls->ntypes && t < 64; t++)
		if (hit->lists & s->dept_lists & 1ULL << t) {
			if (b->len > 0)
				cs_buf_addc(b, ';');
			cs_buf_adds(b, ls->types[t].name);
		}
	sc->lists_s = cs_xstrdup(b->s);
	cs_buf_reset(b);
	for (j = 0; j < ls->nmeasures; j++) {
		const struct cs_measure *m = &ls->measures[j];

		if (dept != NULL && strcmp(dept, m->dept) != 0)
			continue;
		applies = 0;
		for (t = 0; t < ls->ntypes && t < 64 && !applies; t++)
			for (k = 0; (hit->lists & 1ULL << t) &&
			    k < ls->types[t].nmeasures; k++)
				if (strcmp(ls->types[t].measures[k],
				    m->code) == 0)
					applies = 1;
		if (!applies)
			continue;
		if (b->len > 0)
			cs_buf_addc(b, ';');
		cs_buf_adds(b, m->code);
	}
	sc->measures_s = cs_xstrdup(b->s);
	hit->lists_s = sc->lists_s;
	hit->measures_s = sc->measures_s;
}

/* Size the tables for n entries: at most half full. */
static void
grow(struct cs_screen *s, size_t n)
{
	size_t cap = 64;
	int bits = 6;

	while (cap < 2 * n) {
		cap *= 2;
		bits++;
	}
	s->cap = cap;
	s->shift = 64 - bits;
	s->by_uscc = cs_xcalloc(cap, sizeof(*s->by_uscc));
	s->by_name = cs_xcalloc(cap, sizeof(*s->by_name));
	/*
	 * 8 bits per key of either table (cap >= 2n, two keys per entry),
	 * two of them set per key in one word: about 5% false hits, in a
	 * filter small enough to stay in the cache.
	 */
	s->bmask = cap * 8 / 64 - 1;
	s->bloom = cs_xcalloc(cap * 8 / 64, sizeof(uint64_t));
}

/* The list types (bits) with a measure dept applies; all when NULL. */
static unsigned long long
lists_of_dept(const struct cs_lists *ls, const char *dept)
{
	const struct cs_measure *m;
	unsigned long long bits = 0;
	size_t t, k;

	for (t = 0; t < ls->ntypes && t < 64; t++)
		for (k = 0; k < ls->types[t].nmeasures; k++) {
			m = cs_lists_measure(ls, ls->types[t].measures[k]);
			if (dept == NULL || (m != NULL &&
			    strcmp(m->dept, dept) == 0))
				bits |= 1ULL << t;
		}
	return bits;
}

/* The list type of l (an index of ls->types), or -1. */
static int
type_of(const struct cs_lists *ls, const struct cs_listed *l)
{
	size_t t;

	for (t = 0; t < ls->ntypes && t < 64; t++)
		if (strcmp(ls->types[t].name, l->list) == 0)
			return (int)t;
	return -1;		/* a type no longer defined */
}

int
cs_screen_load(struct cs_screen *s, struct cs_store *st,
    const struct cs_lists *ls, const char *as_of, const char *dept,
    struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_listed l;
	size_t cap = 0, i;
	int r, t;

	memset(s, 0, sizeof(*s));
	cs_buf_init(&s->nb);
	s->ls = ls;
	s->dept = dept;
	s->dept_lists = lists_of_dept(ls, dept);
	/* Read first: the tables are sized once for what was read. */
	if (cs_store_iter_listed(st, NULL, as_of, &it, err) != 0)
		return -1;
	while ((r = cs_store_next_listed(it, &l, err)) == 1) {
		if (s->nentries == cap) {
			cap = cap ? cap * 2 : 1024;
			s->entries = cs_xreallocarray(s->entries, cap,
			    sizeof(*s->entries));
			s->names = cs_xreallocarray(s->names, cap,
			    sizeof(char *));
		}
		s->entries[s->nentries] = l;
		s->entries[s->nentries].name = NULL;	/* borrowed: gone */
		s->names[s->nentries++] = l.name ? cs_xstrdup(l.name) : NULL;
	}
	cs_store_iter_free(it);
	if (r < 0)
		return -1;
	grow(s, s->nentries);
	s->hits = cs_xcalloc(2 * s->nentries + 1, sizeof(*s->hits));
	for (i = 0; i < s->nentries; i++) {
		t = type_of(ls, &s->entries[i]);
		if (t >= 0)
			add(s, s->by_uscc, s->entries[i].uscc, &s->entries[i],
			    (size_t)t);
	}
	for (i = 0; i < s->nhits; i++)
		columns(s, &s->hits[i], ls, dept, &s->nb);
	return 0;
}

/* The names table, built the first time a name is looked up. */
static void
name_table(struct cs_screen *s)
{
	size_t i, first = s->nhits;
	int t;

	s->named = 1;
	for (i = 0; i < s->nentries; i++) {
		t = type_of(s->ls, &s->entries[i]);
		if (t < 0 || s->names[i] == NULL)
			continue;
		cs_name_normalise(s->names[i], strlen(s->names[i]), &s->nb);
		if (s->nb.len > 0)
			add(s, s->by_name, s->nb.s, &s->entries[i], (size_t)t);
	}
	for (i = first; i < s->nhits; i++)
		columns(s, &s->hits[i], s->ls, s->dept, &s->nb);
}

void
cs_screen_release(struct cs_screen *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nhits; i++)
		free(s->hits[i].key);
	for (i = 0; i < s->ncols; i++) {
		free(s->cols[i].lists_s);
		free(s->cols[i].measures_s);
	}
	free(s->cols);
	free(s->hits);
	free(s->by_uscc);
	free(s->by_name);
	free(s->bloom);
	for (i = 0; i < s->nentries; i++)
		free(s->names[i]);
	free(s->names);
	free(s->entries);
	cs_buf_release(&s->nb);
	memset(s, 0, sizeof(*s));
}

const struct cs_hit *
cs_screen_uscc(const struct cs_screen *s, const char *uscc)
{
	return find(s, s->by_uscc, uscc);
}

const struct cs_hit *
cs_screen_name(struct cs_screen *s, const char *name, size_t n)
{
	if (!s->named)
		name_table(s);
	cs_name_normalise(name, n, &s->nb);
	if (s->nb.len == 0)
		return NULL;
	return find(s, s->by_name, s->nb.s);
}

const char *const cs_screen_colnames[CS_SCREEN_NCOLS] = {
	"listed", "lists", "measures", "listed_until", "match"
};

int
cs_screen_judge(struct cs_screen *s, const struct cs_uscc_rules *ur,
    const char *u, size_t ul, const char *nm, size_t nl,
    const struct cs_hit **h, const char **match, char *msg, size_t msgsz)
{
	char uscc[19];
	size_t i;

	*h = NULL;
	*match = "";
	for (i = 0; u != NULL && i < ul && (u[i] == ' ' || u[i] == '\t'); i++)
		;
	if (u != NULL && i < ul) {
		if (cs_uscc_check(ur, "uscc", u, ul, uscc, msg, msgsz) ==
		    CS_USCC_BAD)
			return -1;
		*h = cs_screen_uscc(s, uscc);
		*match = "uscc";
	} else if (nm != NULL && nl > 0) {
		*h = cs_screen_name(s, nm, nl);
		*match = "name";
	}
	return 0;
}

void
cs_screen_values(const struct cs_hit *h, const char *match,
    const char *v[CS_SCREEN_NCOLS])
{
	v[0] = h != NULL ? "yes" : "no";
	v[1] = h != NULL ? h->lists_s : "";
	v[2] = h != NULL ? h->measures_s : "";
	v[3] = h != NULL ? h->until : "";
	v[4] = h != NULL ? match : "";
}

void
cs_screen_add_csv(struct cs_buf *b, const struct cs_hit *h, const char *match)
{
	const char *v[CS_SCREEN_NCOLS];
	size_t i;

	cs_screen_values(h, match, v);
	for (i = 0; i < CS_SCREEN_NCOLS; i++) {
		cs_buf_addc(b, ',');
		cs_csv_add_field(b, v[i], strlen(v[i]));
	}
	cs_buf_addc(b, '\n');
}
