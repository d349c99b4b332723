/*
 * Verifiable sampling: tickets of the consistent sampler, rate
 * arithmetic, the bounded heap of a class and the assignment of
 * inspectors.  Pure: the seed, the ids and the inspectors come in as
 * values; nothing is read or printed here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "domain/sample.h"

/*
 * The 256-bit digest to decimal, written least significant digit first:
 * that is the reversed number u() reads as a fraction.  The digest is
 * divided by 10^9 again and again in 32-bit limbs (each step a 64-bit
 * division by a constant, which compilers turn into multiplications).
 */
void
cs_ticket_from_digest(const unsigned char h[32], struct cs_ticket *t)
{
	uint32_t limb[8];
	size_t i, top = 0, pos = 0, ndig;
	int j;

	for (i = 0; i < 8; i++)
		limb[i] = (uint32_t)h[4 * i] << 24 | (uint32_t)h[4 * i + 1] << 16 |
		    (uint32_t)h[4 * i + 2] << 8 | (uint32_t)h[4 * i + 3];
	while (top < 8 && limb[top] == 0)
		top++;
	memset(t->d, '0', sizeof(t->d));
	while (top < 8) {
		uint64_t rem = 0;
		uint32_t r;

		for (i = top; i < 8; i++) {
			uint64_t cur = rem << 32 | limb[i];

			limb[i] = (uint32_t)(cur / 1000000000u);
			rem = cur % 1000000000u;
		}
		while (top < 8 && limb[top] == 0)
			top++;
		r = (uint32_t)rem;
		for (j = 0; j < 9 && pos < CS_TICKET_DIGITS; j++) {
			t->d[pos++] = (char)('0' + r % 10);
			r /= 10;
		}
	}
	/* Digits of the integer: the reversed string without its padding. */
	ndig = pos;
	while (ndig > 0 && t->d[ndig - 1] == '0')
		ndig--;
	t->n = (unsigned char)(ndig < 64 ? 64 : ndig);
	t->head = 0;
	for (j = 0; j < 9; j++)
		t->head = t->head * 10 + (uint32_t)(t->d[j] - '0');
}

uint32_t
cs_ticket_head(const unsigned char h[32])
{
	/* 2^(32k) mod 10^9 for the limb k places from the right. */
	static const uint64_t pow32[8] = { 610249216, 34512896, 932542976,
	    768211456, 543950336, 709551616, 294967296, 1 };
	uint64_t lo = 0, hi = 0;
	uint32_t limb, m, head = 0;
	int i;

	/*
	 * N mod 10^9 as the sum of each limb times its power: four products
	 * of a 32-bit limb and a number below 10^9 add up below 2^64.
	 */
	for (i = 0; i < 8; i++) {
		limb = (uint32_t)h[4 * i] << 24 | (uint32_t)h[4 * i + 1] << 16 |
		    (uint32_t)h[4 * i + 2] << 8 | h[4 * i + 3];
		if (i < 4)
			hi += limb * pow32[i];
		else
			lo += limb * pow32[i];
	}
	m = (uint32_t)((hi % 1000000000u + lo % 1000000000u) % 1000000000u);
	for (i = 0; i < 9; i++) {
		head = head * 10 + m % 10;
		m /= 10;
	}
	return head;
}

void
cs_ticket_of(const char *x, size_t n, struct cs_ticket *t)
{
	unsigned char h[32];

	cs_sha256(x, n, h);
	cs_ticket_from_digest(h, t);
}

int
cs_ticket_cmp(const struct cs_ticket *a, const struct cs_ticket *b)
{
	if (a->head != b->head)
		return a->head < b->head ? -1 : 1;
	return memcmp(a->d + 9, b->d + 9, CS_TICKET_DIGITS - 9);
}

void
cs_ticket_format(const struct cs_ticket *t, char *out)
{
	out[0] = '0';
	out[1] = '.';
	memcpy(out + 2, t->d, t->n);
	out[2 + t->n] = '\0';
}

struct cs_sampler {
	char seed_hash[65];
	struct cs_sha256_prefix *px;
};

struct cs_sampler *
cs_sampler_new(const char *seed, size_t n)
{
	struct cs_sampler *s = cs_xmalloc(sizeof(*s));

	cs_sha256_hex(seed, n, s->seed_hash);
	s->px = cs_sha256_prefix_new(s->seed_hash, 64);
	return s;
}

void
cs_sampler_free(struct cs_sampler *s)
{
	if (s == NULL)
		return;
	cs_sha256_prefix_free(s->px);
	free(s);
}

const char *
cs_sampler_seed_hash(const struct cs_sampler *s)
{
	return s->seed_hash;
}

void
cs_sampler_ticket(struct cs_sampler *s, const char *id, size_t n,
    struct cs_ticket *t)
{
	unsigned char h[32];

	cs_sha256_prefix_digest(s->px, id, n, NULL, 0, h);
	cs_ticket_from_digest(h, t);
}

void
cs_sampler_digest(struct cs_sampler *s, const char *id, size_t n,
    unsigned char h[32])
{
	cs_sha256_prefix_digest(s->px, id, n, NULL, 0, h);
}

void
cs_sampler_assign_ticket(struct cs_sampler *s, const char *uscc,
    const char *inspector_id, struct cs_ticket *t)
{
	char head[64];
	unsigned char h[32];
	size_t n = strlen(uscc);

	/* "assign:" + uscc + ":"; a USCC is 18 bytes, longer ids are cut */
	if (n > sizeof(head) - 9)
		n = sizeof(head) - 9;
	memcpy(head, "assign:", 7);
	memcpy(head + 7, uscc, n);
	head[7 + n] = ':';
	cs_sha256_prefix_digest(s->px, head, 8 + n, inspector_id,
	    strlen(inspector_id), h);
	cs_ticket_from_digest(h, t);
}

int
cs_rate_parse(const char *s, struct cs_rate *r)
{
	const char *p = s;
	uint64_t num, den = 1;
	int k = 0;

	if (*p != '0' && *p != '1')
		return -1;
	num = (uint64_t)(*p++ - '0');
	if (*p == '.') {
		p++;
		if (*p == '\0')
			return -1;
		while (*p >= '0' && *p <= '9') {
			if (++k > 18)
				return -1;
			num = num * 10 + (uint64_t)(*p++ - '0');
			den *= 10;
		}
	}
	if (*p != '\0' || num > den)
		return -1;
	r->num = num;
	r->den = den;
	return 0;
}

long
cs_rate_count(const struct cs_rate *r, long n)
{
	unsigned __int128 x = (unsigned __int128)(uint64_t)n * r->num;

	return (long)((x + r->den - 1) / r->den);
}

long
cs_quota_count(const struct cs_quota *q, long n)
{
	long c;

	if (n <= 0)
		return 0;
	if (q->fixed) {
		c = q->count;
	} else {
		c = cs_rate_count(&q->rate, n);
		if (c < q->min)
			c = q->min;
	}
	return c > n ? n : c;
}

/* Order of candidates: ticket, then USCC (equal tickets mean equal ids). */
static int
pick_cmp(const struct cs_ticket *t, const char *uscc, const struct cs_pick *p)
{
	int c = cs_ticket_cmp(t, &p->t);

	return c != 0 ? c : strcmp(uscc, p->uscc);
}

void
cs_heap_init(struct cs_heap *h, size_t cap)
{
	h->cap = cap;
	h->n = 0;
	h->a = cap > 0 ? cs_xreallocarray(NULL, cap, sizeof(*h->a)) : NULL;
}

void
cs_heap_release(struct cs_heap *h)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		free(h->a[i].data);
	free(h->a);
	h->a = NULL;
	h->n = h->cap = 0;
}

int
cs_heap_wants(const struct cs_heap *h, const struct cs_ticket *t,
    const char *uscc)
{
	if (h->n < h->cap)
		return 1;
	return h->cap > 0 && pick_cmp(t, uscc, &h->a[0]) < 0;
}

static void
copy_uscc(char out[19], const char *uscc)
{
	size_t n = strnlen(uscc, 18);

	memcpy(out, uscc, n);
	out[n] = '\0';
}

int
cs_heap_wants_head(const struct cs_heap *h, uint32_t head)
{
	if (h->n < h->cap)
		return 1;
	return h->cap > 0 && head <= h->a[0].t.head;
}

static void
sift_down(struct cs_heap *h, size_t i)
{
	struct cs_pick x = h->a[i];
	size_t c;

	while ((c = 2 * i + 1) < h->n) {
		if (c + 1 < h->n && pick_cmp(&h->a[c + 1].t, h->a[c + 1].uscc,
		    &h->a[c]) > 0)
			c++;
		if (pick_cmp(&x.t, x.uscc, &h->a[c]) >= 0)
			break;
		h->a[i] = h->a[c];
		i = c;
	}
	h->a[i] = x;
}

int
cs_heap_offer(struct cs_heap *h, const struct cs_ticket *t,
    const char *uscc, char *data, size_t len)
{
	size_t i, p;

	if (!cs_heap_wants(h, t, uscc)) {
		free(data);
		return 0;
	}
	if (h->n == h->cap) {
		free(h->a[0].data);
		h->a[0].t = *t;
		copy_uscc(h->a[0].uscc, uscc);
		h->a[0].data = data;
		h->a[0].len = len;
		sift_down(h, 0);
		return 1;
	}
	i = h->n++;
	while (i > 0) {
		p = (i - 1) / 2;
		if (pick_cmp(t, uscc, &h->a[p]) <= 0)
			break;
		h->a[i] = h->a[p];
		i = p;
	}
	h->a[i].t = *t;
	copy_uscc(h->a[i].uscc, uscc);
	h->a[i].data = data;
	h->a[i].len = len;
	return 1;
}

static int
pick_sort_cmp(const void *a, const void *b)
{
	const struct cs_pick *x = a, *y = b;

	return pick_cmp(&x->t, x->uscc, y);
}

const char *
cs_heap_sort(struct cs_heap *h)
{
	size_t i;

	if (h->n > 1)
		qsort(h->a, h->n, sizeof(*h->a), pick_sort_cmp);
	for (i = 1; i < h->n; i++)
		if (strcmp(h->a[i].uscc, h->a[i - 1].uscc) == 0)
			return h->a[i].uscc;
	return NULL;
}

void
cs_assigner_init(struct cs_assigner *a)
{
	memset(a, 0, sizeof(*a));
	cs_buf_init(&a->key);
	a->k = 2;
}

void
cs_assigner_release(struct cs_assigner *a)
{
	free(a->order);
	free(a->tk);
	cs_buf_release(&a->key);
	a->order = NULL;
	a->tk = NULL;
}

void
cs_conflict_key(struct cs_buf *b, const char *inspector_id, const char *uscc)
{
	cs_buf_reset(b);
	cs_buf_adds(b, inspector_id);
	cs_buf_addc(b, '\t');
	cs_buf_adds(b, uscc);
}

/* qsort has no context argument; the tickets being ranked. */
static const struct cs_ticket *rank_tk;
static const struct cs_inspector *rank_ins;

static int
rank_cmp(const void *x, const void *y)
{
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	int c = cs_ticket_cmp(&rank_tk[i], &rank_tk[j]);

	return c != 0 ? c : strcmp(rank_ins[i].id, rank_ins[j].id);
}

const size_t *
cs_assign_rank(struct cs_assigner *a, const char *uscc)
{
	size_t i;

	if (a->order == NULL && a->nins > 0) {
		a->order = cs_xreallocarray(NULL, a->nins, sizeof(size_t));
		a->tk = cs_xreallocarray(NULL, a->nins, sizeof(*a->tk));
	}
	for (i = 0; i < a->nins; i++) {
		a->order[i] = i;
		cs_sampler_assign_ticket(a->s, uscc, a->ins[i].id, &a->tk[i]);
	}
	rank_tk = a->tk;
	rank_ins = a->ins;
	if (a->nins > 1)
		qsort(a->order, a->nins, sizeof(size_t), rank_cmp);
	return a->order;
}

static int
conflicted(struct cs_assigner *a, const char *inspector_id, const char *uscc)
{
	if (a->conflicts == NULL || a->conflicts->n == 0)
		return 0;
	cs_conflict_key(&a->key, inspector_id, uscc);
	return cs_strmap_get(a->conflicts, a->key.s) != NULL;
}

int
cs_assign(struct cs_assigner *a, const char *uscc, size_t *chosen,
    char *why, size_t whysz)
{
	const size_t *ord = cs_assign_rank(a, uscc);
	long nconf = 0, nfull = 0, nok = 0;
	size_t i, m, got = 0;
	unsigned char *ok;
	int want;

	ok = cs_xcalloc(a->nins > 0 ? a->nins : 1, 1);
	for (i = 0; i < a->nins; i++) {
		const struct cs_inspector *in = &a->ins[ord[i]];

		if (conflicted(a, in->id, uscc))
			nconf++;
		else if (in->capacity >= 0 && in->used >= in->capacity)
			nfull++;
		else
			ok[i] = 1;
		nok += ok[i];
	}
	for (want = 0; want < a->k; want++) {
		size_t best = a->nins;

		for (i = 0; i < a->nins && best == a->nins; i++) {
			if (!ok[i])
				continue;
			/*
			 * Distinct units are a rule, not a preference: a
			 * second inspector of a unit taken already is never
			 * the answer.
			 */
			for (m = 0; a->distinct_units && m < got; m++)
				if (strcmp(a->ins[ord[i]].unit,
				    a->ins[chosen[m]].unit) == 0)
					break;
			if (!a->distinct_units || m == got)
				best = i;
		}
		if (best == a->nins)
			break;
		chosen[got++] = ord[best];
		ok[best] = 0;
	}
	free(ok);
	if (got < (size_t)a->k && nok >= a->k) {
		cs_fmt(why, whysz, "the eligible inspectors are of only %zu "
		    "unit%s (%d of distinct units needed): %ld eligible, %ld "
		    "with a conflict, %ld at capacity", got, got == 1 ? "" :
		    "s", a->k, nok, nconf, nfull);
		return -1;
	}
	if (got < (size_t)a->k) {
		cs_fmt(why, whysz, "only %zu eligible inspector%s (%d needed): "
		    "%ld with a conflict, %ld at capacity", got,
		    got == 1 ? "" : "s", a->k, nconf, nfull);
		return -1;
	}
	for (i = 0; i < got; i++)
		a->ins[chosen[i]].used++;
	return 0;
}

const char *
cs_target_state(const char *result)
{
	if (result == NULL)
		return "open";
	if (strcmp(result, "pass") == 0 || strcmp(result, "issues") == 0 ||
	    strcmp(result, "fail") == 0)
		return "done";
	return "invalid";
}
