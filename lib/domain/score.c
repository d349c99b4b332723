/*
 * Scoring one entity.  All arithmetic is in tenths of a point with
 * integers: a decayed value is rounded half away from zero to a tenth.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/score.h"

void
cs_srecs_init(struct cs_srecs *rs)
{
	memset(rs, 0, sizeof(*rs));
	cs_buf_init(&rs->pool);
}

void
cs_srecs_release(struct cs_srecs *rs)
{
	cs_buf_release(&rs->pool);
	free(rs->r);
	free(rs->off);
	memset(rs, 0, sizeof(*rs));
}

void
cs_srecs_clear(struct cs_srecs *rs)
{
	rs->n = 0;
	rs->sealed = 0;
	cs_buf_reset(&rs->pool);
}

static size_t
pool_add(struct cs_buf *pool, const char *s)
{
	size_t at = pool->len;

	if (s == NULL)
		return (size_t)-1;
	cs_buf_add(pool, s, strlen(s) + 1);
	return at;
}

static int
day_of(const char *s)
{
	int d;

	if (s == NULL || cs_date_parse(s, strlen(s), &d) != 0)
		return -1;
	return d;
}

void
cs_srecs_add(struct cs_srecs *rs, const struct cs_srec_in *in)
{
	const char *s[8] = { in->id, in->type, in->severity, in->domain,
	    in->ref, in->violation_type, in->authority_uscc, in->list };
	struct cs_srec *r;
	size_t i;

	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 64;
		rs->r = cs_xreallocarray(rs->r, rs->cap, sizeof(*rs->r));
		rs->off = cs_xreallocarray(rs->off, rs->cap, sizeof(*rs->off));
	}
	r = &rs->r[rs->n];
	memset(r, 0, sizeof(*r));
	for (i = 0; i < 8; i++)
		rs->off[rs->n][i] = pool_add(&rs->pool, s[i]);
	r->decided = day_of(in->decided_on);
	r->valid_until = day_of(in->valid_until);
	r->due = day_of(in->due_on);
	r->certified = in->certified != NULL &&
	    strcmp(in->certified, "true") == 0;
	r->debtor = in->dishonest_debtor != NULL &&
	    strcmp(in->dishonest_debtor, "true") == 0;
	r->disputed = in->disputed != 0;
	r->entry = in->entry != 0;
	rs->n++;
	rs->sealed = 0;
}

void
cs_srecs_add_entry(struct cs_srecs *rs, const char *uscc, long entry_id,
    const char *list, const char *listed_on, const char *until)
{
	struct cs_srec_in in;
	char id[40];

	memset(&in, 0, sizeof(in));
	cs_fmt(id, sizeof(id), "list-entry:%ld", entry_id);
	in.uscc = uscc;
	in.id = id;
	in.type = "listed";
	in.list = list;
	in.decided_on = listed_on;
	in.valid_until = until != NULL && *until != '\0' ? until : NULL;
	in.entry = 1;
	cs_srecs_add(rs, &in);
}

void
cs_srecs_seal(struct cs_srecs *rs)
{
	const char **f[8];
	size_t i, k;

	for (i = 0; i < rs->n && !rs->sealed; i++) {
		f[0] = &rs->r[i].id;
		f[1] = &rs->r[i].type;
		f[2] = &rs->r[i].severity;
		f[3] = &rs->r[i].domain;
		f[4] = &rs->r[i].ref;
		f[5] = &rs->r[i].violation;
		f[6] = &rs->r[i].authority_uscc;
		f[7] = &rs->r[i].list;
		for (k = 0; k < 8; k++)
			*f[k] = rs->off[i][k] == (size_t)-1 ? NULL :
			    rs->pool.s + rs->off[i][k];
	}
	rs->sealed = 1;
}

void
cs_score_init(struct cs_score *s)
{
	memset(s, 0, sizeof(*s));
}

void
cs_score_release(struct cs_score *s)
{
	free(s->rules);
	free(s->c);
	memset(s, 0, sizeof(*s));
}

static int
match(const struct cs_match *m, const struct cs_srec *r)
{
	if (strcmp(m->type, r->type) != 0)
		return 0;
	if (m->severity != NULL && (r->severity == NULL ||
	    strcmp(m->severity, r->severity) != 0))
		return 0;
	if (m->domain != NULL && (r->domain == NULL ||
	    strcmp(m->domain, r->domain) != 0))
		return 0;
	if (m->certified >= 0 && m->certified != r->certified)
		return 0;
	if (m->debtor >= 0 && m->debtor != r->debtor)
		return 0;
	if (m->list != NULL && (r->list == NULL ||
	    strcmp(m->list, r->list) != 0))
		return 0;
	return 1;
}

/* The first day r no longer counts under window w, or -1: never ends. */
static int
window_end(const struct cs_window *w, const struct cs_srec *r)
{
	int after;

	switch (w->kind) {
	case CS_WIN_PERIOD:
		/* It counts through the period's last day (Civil Code). */
		cs_period_end(r->decided, &w->p, NULL, &after);
		return after;
	case CS_WIN_IN_FORCE:
		return r->valid_until < 0 ? -1 : r->valid_until + 1;
	default:
		return -1;
	}
}

static int
counts(const struct cs_window *w, const struct cs_srec *r, int as_of)
{
	int end = window_end(w, r);

	return r->decided <= as_of && (end < 0 || as_of < end);
}

/* tenths * percent / 100, rounded half away from zero. */
static long
scale(long tenths, int percent)
{
	long q = tenths * percent;

	return q < 0 ? -((-q + 50) / 100) : (q + 50) / 100;
}

void
cs_score_run(struct cs_score *s, const struct cs_model *m,
    const struct cs_srec *r, size_t n, int as_of, int known, long exclude)
{
	const struct cs_rule *ru;
	struct cs_rule_total *t;
	struct cs_counted *c;
	long sum = 0;
	size_t i, k;
	int after;

	if (s->nrules_cap < m->nrules + 1) {
		free(s->rules);
		s->rules = cs_xcalloc(m->nrules + 1, sizeof(*s->rules));
		s->nrules_cap = m->nrules + 1;
	}
	memset(s->rules, 0, m->nrules * sizeof(*s->rules));
	s->nc = 0;
	for (i = 0; i < n; i++) {
		if ((long)i == exclude || r[i].decided > known)
			continue;
		for (k = 0; k < m->nrules && !match(&m->rules[k].m, &r[i]); k++)
			;
		if (k == m->nrules || !counts(&m->rules[k].w, &r[i], as_of))
			continue;
		ru = &m->rules[k];
		if (s->nc == s->capc) {
			s->capc = s->capc ? s->capc * 2 : 16;
			s->c = cs_xreallocarray(s->c, s->capc, sizeof(*s->c));
		}
		c = &s->c[s->nc++];
		c->rec = i;
		c->rule = k;
		c->until = window_end(&ru->w, &r[i]);
		c->step = -1;
		c->percent = 100;
		if (ru->ndecay > 0) {
			/* A step lasts through its period's last day. */
			for (c->step = 0; (size_t)c->step + 1 < ru->ndecay;
			    c->step++) {
				cs_period_end(r[i].decided,
				    &ru->decay[c->step].until, NULL, &after);
				if (as_of < after)
					break;
			}
			c->percent = ru->decay[c->step].percent;
		}
		c->points = scale(ru->points, c->percent);
		t = &s->rules[k];
		t->total += c->points;
		t->n++;
		t->disputed |= r[i].disputed;
	}
	for (k = 0; k < m->nrules; k++) {
		t = &s->rules[k];
		ru = &m->rules[k];
		if (ru->has_cap && ((ru->cap < 0 && t->total < ru->cap) ||
		    (ru->cap > 0 && t->total > ru->cap))) {
			t->total = ru->cap;
			t->cap_hit = 1;
		}
		sum += t->total;
	}
	sum += m->base;
	s->score = sum < m->floor ? m->floor : sum > m->ceiling ? m->ceiling :
	    sum;
	s->signals = 0;
}

/* For sorting reasons: rule indices by total, then code. */
struct reason {
	long total;
	const char *code;
	size_t k;
};

static int
reason_cmp(const void *a, const void *b)
{
	const struct reason *x = a, *y = b;

	if (x->total != y->total)
		return x->total < y->total ? -1 : 1;
	return strcmp(x->code, y->code);
}

void
cs_score_reasons(const struct cs_score *s, const struct cs_model *m,
    struct cs_buf *b)
{
	struct reason *v = cs_xcalloc(m->nrules + 1, sizeof(*v));
	size_t i, n = 0;
	char pts[24];

	for (i = 0; i < m->nrules; i++)
		if (s->rules[i].total != 0) {
			v[n].total = s->rules[i].total;
			v[n].code = m->rules[i].code;
			v[n++].k = i;
		}
	qsort(v, n, sizeof(*v), reason_cmp);
	for (i = 0; i < n && i < 4; i++) {
		if (i > 0)
			cs_buf_addc(b, ';');
		cs_buf_adds(b, v[i].code);
		if (s->rules[v[i].k].disputed)
			cs_buf_adds(b, "(disputed)");
		cs_points_format(v[i].total, 1, pts);
		cs_buf_addc(b, ':');
		cs_buf_adds(b, pts);
	}
	free(v);
}

/* Is r settled on as_of: does an earlier record refer to it? */
static int
settled(const struct cs_srec *r, size_t n, size_t i, int as_of)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (k != i && r[k].ref != NULL && r[k].decided <= as_of &&
		    strcmp(r[k].ref, r[i].id) == 0)
			return 1;
	return 0;
}

/* Region of an authority: digits of its USCC after the first two. */
static int
region_seen(char (*seen)[8], size_t *nseen, const char *au, int digits)
{
	size_t k;

	if (au == NULL || strlen(au) < (size_t)(2 + digits))
		return 0;
	for (k = 0; k < *nseen; k++)
		if (strncmp(seen[k], au + 2, (size_t)digits) == 0)
			return 0;
	memcpy(seen[*nseen], au + 2, (size_t)digits);
	seen[(*nseen)++][digits] = '\0';
	return 1;
}

static int
signal_on(const struct cs_signal *g, const struct cs_srec *r, size_t n,
    int as_of)
{
	size_t i, k, cnt, nseen = 0;
	long recent = 0, prior = 0;
	char (*seen)[8];
	int start, on = 0;
	struct cs_period back = { -1, 0, 0 };

	switch (g->kind) {
	case CS_SIG_SURGE:
		start = as_of - g->days;	/* recent: start < d <= as_of */
		for (i = 0; i < n; i++) {
			if (strcmp(r[i].type, g->type) != 0 ||
			    r[i].decided > as_of)
				continue;
			if (r[i].decided > start)
				recent++;
			/*
			 * The year that ends with start (a calendar shift
			 * back, not the end of a period counted forward).
			 */
			else if (r[i].decided > cs_period_add(start, &back))
				prior++;
		}
		return recent >= g->min && recent * 12 > (long)g->factor *
		    prior;
	case CS_SIG_REGIONS:
		seen = cs_xcalloc(n + 1, sizeof(*seen));
		for (i = 0; i < n; i++)
			if (strcmp(r[i].type, g->type) == 0 &&
			    counts(&g->w, &r[i], as_of))
				region_seen(seen, &nseen, r[i].authority_uscc,
				    g->region_digits);
		free(seen);
		return nseen >= (size_t)g->min;
	case CS_SIG_REPEAT:
		for (i = 0; i < n && !on; i++) {
			if (strcmp(r[i].type, g->type) != 0 ||
			    r[i].violation == NULL ||
			    !counts(&g->w, &r[i], as_of))
				continue;
			for (cnt = 0, k = 0; k < n; k++)
				if (strcmp(r[k].type, g->type) == 0 &&
				    r[k].violation != NULL &&
				    strcmp(r[k].violation, r[i].violation) ==
				    0 && counts(&g->w, &r[k], as_of))
					cnt++;
			on = cnt >= (size_t)g->min;
		}
		return on;
	default:
		for (i = 0; i < n; i++)
			if (strcmp(r[i].type, g->type) == 0 && r[i].due >= 0 &&
			    r[i].decided <= as_of && r[i].due < as_of &&
			    !settled(r, n, i, as_of))
				return 1;
		return 0;
	}
}

void
cs_score_signals(const struct cs_score *s, const struct cs_model *m,
    int unknown, struct cs_buf *b)
{
	size_t i;
	int first = 1;

	if (unknown) {
		cs_buf_adds(b, "unknown_entity");
		first = 0;
	}
	for (i = 0; i < m->nsigs && i < 64; i++)
		if (s->signals & (1ULL << i)) {
			if (!first)
				cs_buf_addc(b, ';');
			cs_buf_adds(b, m->sigs[i].code);
			first = 0;
		}
}

void
cs_score_run_signals(struct cs_score *s, const struct cs_model *m,
    const struct cs_srec *r, size_t n, int as_of)
{
	size_t i;

	s->signals = 0;
	for (i = 0; i < m->nsigs && i < 64; i++)
		if (signal_on(&m->sigs[i], r, n, as_of))
			s->signals |= 1ULL << i;
}

int
cs_score_det_holds(const struct cs_determination *d, const struct cs_srec *r,
    size_t n, int as_of, size_t *rec)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (match(&d->m, &r[i]) && counts(&d->w, &r[i], as_of)) {
			*rec = i;
			return 1;
		}
	return 0;
}

long
cs_score_determine(const struct cs_model *m, const struct cs_srec *r,
    size_t n, int as_of, size_t *rec)
{
	size_t d;

	for (d = 0; d < m->ndets; d++)
		if (!m->dets[d].at_best && cs_score_det_holds(&m->dets[d], r,
		    n, as_of, rec))
			return (long)d;
	return -1;
}
