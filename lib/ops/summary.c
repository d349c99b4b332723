/*
 * The figures of the monthly supervision report, gathered from the store
 * by the modules that own them (lateness of disclosure.c, the repair
 * tally of repairs.c, the signals of the scoring models) into one JSON
 * document, from which the page is drawn.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/calendar.h"
#include "domain/sample.h"
#include "ops/release.h"
#include "ops/repairs.h"
#include "ops/scores.h"
#include "ops/summary.h"

int
cs_summary_month_parse(const char *s, int *year, int *month)
{
	size_t i;

	if (s == NULL || strlen(s) != 7 || s[4] != '-')
		return -1;
	for (i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return -1;
	*year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	*month = (s[5] - '0') * 10 + (s[6] - '0');
	return *year >= 1000 && *month >= 1 && *month <= 12 ? 0 : -1;
}

/* The span of days reported: from, to, and the end of the month before. */
struct span {
	int from, to, prev;
	char from_s[11], to_s[11], prev_s[11];
};

/* o[key] += n, o an object of integers. */
static void
bump(json_t *o, const char *key, long n)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL)
		json_object_set_new(o, key, json_integer(n));
	else
		json_integer_set(v, json_integer_value(v) + n);
}

/* [{kname: key, vname: n}] of an object of integers, by key. */
static json_t *
pairs(const json_t *o, const char *kname, const char *vname)
{
	json_t *a = json_array();
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)o, key, v)
		json_array_append_new(a, json_pack("{s:s,s:I}", kname, key,
		    vname, json_integer_value(v)));
	return a;
}

static int
by_count(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	json_int_t m = json_integer_value(json_object_get(x, "records"));
	json_int_t n = json_integer_value(json_object_get(y, "records"));

	if (m != n)
		return m > n ? -1 : 1;
	x = json_object_get(x, "type") != NULL ? json_object_get(x, "type") :
	    json_object_get(x, "authority");
	y = json_object_get(y, "type") != NULL ? json_object_get(y, "type") :
	    json_object_get(y, "authority");
	return strcmp(json_string_value(x), json_string_value(y));
}

/* The array a sorted by cmp. */
static json_t *
sorted(json_t *a, int (*cmp)(const void *, const void *))
{
	size_t n = json_array_size(a), i;
	json_t **v = cs_xcalloc(n + 1, sizeof(*v)), *out = json_array();

	for (i = 0; i < n; i++)
		v[i] = json_array_get(a, i);
	qsort(v, n, sizeof(*v), cmp);
	for (i = 0; i < n; i++)
		json_array_append(out, v[i]);
	free(v);
	json_decref(a);
	return out;
}

/* types (an object of counts) as [{type, title, records}]: new. */
static json_t *
titled(const struct cs_rules *ru, const json_t *types)
{
	const struct cs_rtype *t;
	json_t *a = pairs(types, "type", "records"), *e;
	size_t i;

	json_array_foreach(a, i, e) {
		t = cs_rules_type(ru, json_string_value(json_object_get(e,
		    "type")), json_string_length(json_object_get(e, "type")));
		json_object_set_new(e, "title", json_string(t != NULL &&
		    t->title != NULL ? t->title : ""));
	}
	return sorted(a, by_count);
}

/* Records ingested: add and correct events by recorded day. */
static json_t *
records(const struct cs_summary_in *in, const struct span *sp,
    struct cs_error *err)
{
	json_t *rows = json_array(), *types = json_object();
	json_t *auths = json_object(), *out = NULL;
	struct cs_store_iter *it;
	struct cs_ingested g;
	long added = 0, corrected = 0, entities = 0;
	const char *type, *auth;
	int r;

	if (cs_store_iter_ingested(in->st, sp->from_s, sp->to_s, &it,
	    err) != 0)
		goto out;
	while ((r = cs_store_next_ingested(it, &g, err)) == 1) {
		if (strcmp(g.action, "entity") == 0) {
			entities += g.n;
			continue;
		}
		type = g.type != NULL ? g.type : "";
		auth = g.authority != NULL ? g.authority : "";
		if (strcmp(g.action, "add") == 0)
			added += g.n;
		else
			corrected += g.n;
		json_array_append_new(rows, json_pack("{s:s,s:s,s:s,s:I}",
		    "action", g.action, "type", type, "authority", auth,
		    "records", (json_int_t)g.n));
		bump(types, type, g.n);
		bump(auths, auth, g.n);
	}
	cs_store_iter_free(it);
	if (r < 0)
		goto out;
	out = json_pack("{s:o,s:o,s:o,s:I,s:I,s:I}", "rows", rows,
	    "by_type", titled(in->ru, types), "by_authority",
	    sorted(pairs(auths, "authority", "records"), by_count), "added",
	    (json_int_t)added, "corrected", (json_int_t)corrected,
	    "entities_registered", (json_int_t)entities);
	rows = NULL;
out:
	json_decref(rows);
	json_decref(types);
	json_decref(auths);
	return out;
}

/* Disclosure timeliness: lateness of the decisions of the month. */
static json_t *
disclosure(const struct cs_summary_in *in, const struct span *sp,
    struct cs_error *err)
{
	long t[4] = { 0, 0, 0, 0 }, nocal;
	struct cs_late *g;
	json_t *a, *row;
	size_t n, i;

	if (cs_lateness_count(in->st, in->ru, in->dc, sp->from, sp->to,
	    sp->to, &g, &n, &nocal, err) != 0)
		return NULL;
	a = json_array();
	for (i = 0; i < n; i++) {
		row = json_pack("{s:s,s:I,s:I,s:I,s:I,s:I}", "authority",
		    g[i].authority, "decisions", (json_int_t)g[i].decisions,
		    "on_time", (json_int_t)g[i].on_time, "late",
		    (json_int_t)g[i].late, "unpublished",
		    (json_int_t)g[i].unpublished, "on_time_percent",
		    (json_int_t)(g[i].on_time * 100 / g[i].decisions));
		if (g[i].late > 0)
			json_object_set_new(row, "late_max_working_days",
			    json_integer(g[i].worst));
		json_array_append_new(a, row);
		t[0] += g[i].decisions;
		t[1] += g[i].on_time;
		t[2] += g[i].late;
		t[3] += g[i].unpublished;
	}
	cs_late_free(g, n);
	return json_pack("{s:o,s:{s:I,s:I,s:I,s:I},s:I}", "authorities", a,
	    "total", "decisions", (json_int_t)t[0], "on_time",
	    (json_int_t)t[1], "late", (json_int_t)t[2], "unpublished",
	    (json_int_t)t[3], "left_out_no_calendar", (json_int_t)nocal);
}

/* The index of class c in the rules, or -1. */
static long
class_ix(const struct cs_classes *cl, const char *c)
{
	size_t i;

	for (i = 0; i < cl->n; i++)
		if (strcmp(cl->c[i].cls, c) == 0)
			return (long)i;
	return -1;
}

/* The last class of every entity on or before day, into a map uscc->ix. */
static int
classes_on(struct cs_store *st, const struct cs_classes *cl, const char *day,
    struct cs_strmap *m, struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_class c;
	int r, added;
	long ix;

	if (cs_store_iter_classes(st, NULL, day, &it, err) != 0)
		return -1;
	while ((r = cs_store_next_class(it, &c, err)) == 1)
		if ((ix = class_ix(cl, c.cls)) >= 0)
			*cs_strmap_put(m, c.uscc, &added) = ix;
	cs_store_iter_free(it);
	return r < 0 ? -1 : 0;
}


/* Classes at the end of the month and of the month before; movements. */
static json_t *
classes(const struct cs_summary_in *in, const struct span *sp,
    struct cs_error *err)
{
	const struct cs_classes *cl = in->cl;
	struct cs_strmap prev, now;
	size_t n = cl->n, i, k, slot;
	long *cnt = cs_xcalloc((n + 1) * n + 2 * n + 1, sizeof(long));
	long *before = cnt + (n + 1) * n, *after = before + n, *p, changed = 0;
	json_t *dist, *mv, *out = NULL;

	cs_strmap_init(&prev);
	cs_strmap_init(&now);
	if (classes_on(in->st, cl, sp->prev_s, &prev, err) != 0 ||
	    classes_on(in->st, cl, sp->to_s, &now, err) != 0)
		goto out;
	for (slot = 0; slot < prev.cap; slot++)
		if (prev.key[slot] != NULL)
			before[prev.val[slot]]++;
	for (slot = 0; slot < now.cap; slot++) {
		if (now.key[slot] == NULL)
			continue;
		after[now.val[slot]]++;
		p = cs_strmap_get(&prev, now.key[slot]);
		cnt[(p != NULL ? *p + 1 : 0) * (long)n + now.val[slot]]++;
		if (p == NULL || *p != now.val[slot])
			changed++;
	}
	dist = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(dist, json_pack("{s:s,s:s,s:I,s:I}",
		    "class", cl->c[i].cls, "title", cl->c[i].title != NULL ?
		    cl->c[i].title : "", "entities", (json_int_t)after[i],
		    "previous", (json_int_t)before[i]));
	mv = json_array();
	for (i = 0; i <= n; i++)
		for (k = 0; k < n; k++)
			if (cnt[i * n + k] > 0)
				json_array_append_new(mv, json_pack(
				    "{s:s,s:s,s:I}", "from", i == 0 ? "new" :
				    cl->c[i - 1].cls, "to", cl->c[k].cls,
				    "entities", (json_int_t)cnt[i * n + k]));
	out = json_pack("{s:o,s:o,s:I}", "distribution", dist, "movements",
	    mv, "changed", (json_int_t)changed);
out:
	free(cnt);
	cs_strmap_release(&prev);
	cs_strmap_release(&now);
	return out;
}

/* Targets of the draws of the month: done, open; the results. */
static json_t *
inspections(const struct cs_summary_in *in, const struct span *sp,
    struct cs_error *err)
{
	json_t *draws = json_array(), *results = json_object(), *out = NULL;
	struct cs_store_iter *it = NULL, *ti = NULL;
	struct cs_draw d;
	struct cs_target t;
	long c[3], tot[3] = { 0, 0, 0 };
	char (*ids)[96] = NULL;
	size_t nids = 0, i;
	const char *state;
	int r, day;

	/* The draw ids first: one statement open at a time. */
	if (cs_store_iter_draws(in->st, NULL, &it, err) != 0)
		goto out;
	while ((r = cs_store_next_draw(it, &d, err)) == 1) {
		ids = cs_xreallocarray(ids, nids + 1, sizeof(*ids));
		memcpy(ids[nids++], d.draw_id, sizeof(d.draw_id));
	}
	cs_store_iter_free(it);
	if (r < 0)
		goto out;
	for (i = 0; i < nids; i++) {
		c[0] = c[1] = c[2] = 0;
		if (cs_store_iter_targets(in->st, ids[i], &ti, err) != 0)
			goto out;
		while ((r = cs_store_next_target(ti, &t, err)) == 1) {
			if (cs_date_parse(t.drawn_on, strlen(t.drawn_on),
			    &day) != 0 || day < sp->from || day > sp->to)
				continue;
			state = cs_target_state(t.result);
			c[0]++;
			if (strcmp(state, "open") == 0) {
				c[2]++;
				continue;
			}
			if (strcmp(state, "done") == 0)
				c[1]++;
			bump(results, t.result[0] != '\0' ? t.result : "-", 1);
		}
		cs_store_iter_free(ti);
		if (r < 0)
			goto out;
		if (c[0] == 0)
			continue;
		json_array_append_new(draws, json_pack("{s:s,s:I,s:I,s:I}",
		    "draw_id", ids[i], "drawn", (json_int_t)c[0], "done",
		    (json_int_t)c[1], "open", (json_int_t)c[2]));
		tot[0] += c[0];
		tot[1] += c[1];
		tot[2] += c[2];
	}
	out = json_pack("{s:o,s:o,s:{s:I,s:I,s:I}}", "draws", draws,
	    "results", pairs(results, "result", "targets"), "total", "drawn",
	    (json_int_t)tot[0], "done", (json_int_t)tot[1], "open",
	    (json_int_t)tot[2]);
	draws = NULL;
out:
	free(ids);
	json_decref(draws);
	json_decref(results);
	return out;
}

/* Is day s (YYYY-MM-DD or "") within the span? */
static int
within(const char *s, const struct span *sp)
{
	int d;

	return s[0] != '\0' && cs_date_parse(s, strlen(s), &d) == 0 &&
	    d >= sp->from && d <= sp->to;
}

/* Per list: noticed, listed, removed in the month; listed at its end. */
static json_t *
lists(const struct cs_summary_in *in, const struct span *sp,
    struct cs_error *err)
{
	static const char *const what[] = { "noticed", "listed", "removed",
	    "listed_at_end" };
	json_t *per = json_object(), *o, *a, *out = NULL;
	struct cs_store_iter *it;
	struct cs_lrow e;
	const char *key;
	size_t k;
	int r;

	if (cs_store_iter_lentries(in->st, NULL, NULL, sp->to_s, &it,
	    err) != 0)
		goto out;
	while ((r = cs_store_next_lentry(it, &e, err)) == 1) {
		o = json_object_get(per, e.list);
		if (o == NULL) {
			o = json_object();
			for (k = 0; k < 4; k++)
				json_object_set_new(o, what[k],
				    json_integer(0));
			json_object_set_new(per, e.list, o);
		}
		if (within(e.noticed_on, sp))
			bump(o, "noticed", 1);
		if (within(e.listed_on, sp))
			bump(o, "listed", 1);
		if (e.listed_on[0] != '\0' && within(e.ended_on, sp))
			bump(o, "removed", 1);
		if (strcmp(e.state, "listed") == 0)
			bump(o, "listed_at_end", 1);
	}
	cs_store_iter_free(it);
	if (r < 0)
		goto out;
	a = json_array();
	json_object_foreach(per, key, o) {
		json_object_set_new(o, "list", json_string(key));
		json_array_append(a, o);
	}
	out = a;
out:
	json_decref(per);
	return out;
}

static json_t *
repairs(const struct cs_summary_in *in, const struct span *sp,
    struct cs_error *err)
{
	struct cs_repair_tally t;

	if (cs_repairs_tally(in->st, sp->from, sp->to, &t, err) != 0)
		return NULL;
	return json_pack("{s:I,s:I,s:I,s:I}", "filed", (json_int_t)t.filed,
	    "granted", (json_int_t)t.granted, "refused",
	    (json_int_t)t.refused, "overdue", (json_int_t)t.overdue);
}

/* The signals of every entity on one day: uscc -> index into sig. */
struct sigpass {
	struct cs_scoring *s;
	struct cs_strmap *m;
	char ***sig;
	size_t *n;
};

static void
keep_signals(void *ctx)
{
	struct sigpass *p = ctx;
	int added;

	cs_scoring_run(p->s);
	if (p->s->signals.len == 0)
		return;
	*p->sig = cs_xreallocarray(*p->sig, *p->n + 1, sizeof(char *));
	(*p->sig)[*p->n] = cs_xstrdup(p->s->signals.s);
	*cs_strmap_put(p->m, p->s->uscc, &added) = (long)(*p->n)++;
}

static int
signals_on(const struct cs_summary_in *in, int day, struct cs_strmap *m,
    char ***sig, size_t *n, struct cs_error *err)
{
	struct cs_scoring s;
	struct sigpass p = { &s, m, sig, n };
	int r;

	cs_scoring_init(&s, in->st, in->ms, &in->ru->pub, day);
	r = cs_scoring_all(&s, keep_signals, &p, err);
	cs_scoring_release(&s);
	return r;
}

/* Does the ";"-separated list l hold code? */
static int
has_code(const char *l, const char *code)
{
	size_t n = strlen(code);
	const char *p;

	for (p = l; (p = strstr(p, code)) != NULL; p += n)
		if ((p == l || p[-1] == ';') && (p[n] == '\0' || p[n] == ';'))
			return 1;
	return 0;
}

/* Count code of list l (new in it when not in prev) into o. */
static void
count_codes(json_t *o, const char *l, const char *prev)
{
	char code[128];
	size_t n;
	json_t *c;

	for (; *l != '\0'; l += n + (l[n] == ';')) {
		n = strcspn(l, ";");
		cs_fmt(code, sizeof(code), "%.*s", (int)n, l);
		c = json_object_get(o, code);
		if (c == NULL) {
			c = json_pack("{s:s,s:s,s:I,s:I}", "code", code, "why",
			    "", "raised", (json_int_t)0, "in_force",
			    (json_int_t)0);
			json_object_set_new(o, code, c);
		}
		bump(c, "in_force", 1);
		if (prev == NULL || !has_code(prev, code))
			bump(c, "raised", 1);
	}
}

/* Early-warning signals raised in the month and in force at its end. */
static json_t *
signals(const struct cs_summary_in *in, const struct span *sp,
    struct cs_error *err)
{
	const struct cs_model *base = in->ms->base;
	struct cs_strmap pm, nm;
	char **ps = NULL, **ns = NULL;
	size_t np = 0, nn = 0, i, slot;
	json_t *codes = json_object(), *a = NULL, *c;
	const char *key;
	long *p;

	cs_strmap_init(&pm);
	cs_strmap_init(&nm);
	/* The base model's signals in its order, zero or not. */
	for (i = 0; i < base->nsigs; i++)
		json_object_set_new(codes, base->sigs[i].code, json_pack(
		    "{s:s,s:s,s:I,s:I}", "code", base->sigs[i].code, "why",
		    base->sigs[i].why != NULL ? base->sigs[i].why : "",
		    "raised", (json_int_t)0, "in_force", (json_int_t)0));
	if (signals_on(in, sp->prev, &pm, &ps, &np, err) != 0 ||
	    signals_on(in, sp->to, &nm, &ns, &nn, err) != 0)
		goto out;
	for (slot = 0; slot < nm.cap; slot++) {
		if (nm.key[slot] == NULL)
			continue;
		p = cs_strmap_get(&pm, nm.key[slot]);
		count_codes(codes, ns[nm.val[slot]], p != NULL ? ps[*p] :
		    NULL);
	}
	a = json_array();
	for (i = 0; i < base->nsigs; i++)
		json_array_append(a, json_object_get(codes,
		    base->sigs[i].code));
	json_object_foreach(codes, key, c) {
		for (i = 0; i < base->nsigs; i++)
			if (strcmp(base->sigs[i].code, key) == 0)
				break;
		if (i == base->nsigs)
			json_array_append(a, c);
	}
out:
	for (i = 0; i < np; i++)
		free(ps[i]);
	for (i = 0; i < nn; i++)
		free(ns[i]);
	free(ps);
	free(ns);
	cs_strmap_release(&pm);
	cs_strmap_release(&nm);
	json_decref(codes);
	return a;
}

json_t *
cs_summary_build(const struct cs_summary_in *in, struct cs_error *err)
{
	static json_t *(*const part[])(const struct cs_summary_in *,
	    const struct span *, struct cs_error *) = { records, disclosure,
	    classes, inspections, lists, repairs, signals };
	static const char *const name[] = { "records", "disclosure",
	    "classes", "inspections", "lists", "repairs", "signals" };
	struct span sp;
	json_t *j, *v;
	char month[8];
	long seq;
	size_t i;

	sp.from = cs_days_from_civil(in->year, in->month, 1);
	sp.to = (in->month == 12 ? cs_days_from_civil(in->year + 1, 1, 1) :
	    cs_days_from_civil(in->year, in->month + 1, 1)) - 1;
	sp.prev = sp.from - 1;
	cs_date_format(sp.from, sp.from_s);
	cs_date_format(sp.to, sp.to_s);
	cs_date_format(sp.prev, sp.prev_s);
	if (cs_store_head_seq(in->st, &seq, err) != 0)
		return NULL;
	cs_fmt(month, sizeof(month), "%04d-%02d", in->year, in->month);
	j = json_pack("{s:s,s:s,s:s,s:s,s:I}", "month", month, "from",
	    sp.from_s, "to", sp.to_s, "previous_end", sp.prev_s,
	    "ledger_seq", (json_int_t)seq);
	for (i = 0; i < sizeof(part) / sizeof(part[0]); i++) {
		v = part[i](in, &sp, err);
		if (v == NULL) {
			json_decref(j);
			return NULL;
		}
		json_object_set_new(j, name[i], v);
	}
	return j;
}
