/*
 * Loading the scoring models and the class thresholds.
 * Every message names the file and the key, e.g.
 * "share/cs/models/public-credit.json: rules[3].points: ...".
 */
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rules/getters.h"
#include "rules/models.h"
#include "rules/rules.h"

/* Everything the loaders allocate for a model set, freed at once. */
struct pool {
	void **p;
	size_t n;
};

static void *
keep(struct pool *pl, void *p)
{
	pl->p = cs_xreallocarray(pl->p, pl->n + 1, sizeof(*pl->p));
	pl->p[pl->n++] = p;
	return p;
}

static char *
keep_str(struct pool *pl, const char *s)
{
	return s == NULL ? NULL : keep(pl, cs_xstrdup(s));
}

/* Where a loader is: the file and the key, for messages. */
struct where {
	struct cs_rfile f;
	struct pool *pl;
};

#define BAD(w, ...) cs_rget_bad(&(w)->f, __VA_ARGS__)

/* A points value: a string as cs_points_parse reads, or an integer. */
static int
get_points(const struct where *w, const json_t *o, const char *key,
    const char *at, long *v)
{
	const json_t *j = json_object_get(o, key);

	if (json_is_integer(j) && json_integer_value(j) > -100000000 &&
	    json_integer_value(j) < 100000000) {
		*v = (long)json_integer_value(j) * 10;
		return 0;
	}
	if (json_is_string(j) && cs_points_parse(json_string_value(j), v) == 0)
		return 0;
	return BAD(w, "%s.%s: expected points such as \"-30\" or \"2.5\" "
	    "(at most one decimal)", at, key);
}

static int
get_int(const struct where *w, const json_t *o, const char *key,
    const char *at, int lo, int hi, int *v)
{
	const json_t *j = json_object_get(o, key);

	if (!json_is_integer(j) || json_integer_value(j) < lo ||
	    json_integer_value(j) > hi)
		return BAD(w, "%s.%s: expected a whole number from %d to %d",
		    at, key, lo, hi);
	*v = (int)json_integer_value(j);
	return 0;
}

static int
get_str(const struct where *w, const json_t *o, const char *key,
    const char *at, int required, char **v)
{
	const json_t *j = json_object_get(o, key);

	*v = NULL;
	if (j == NULL && !required)
		return 0;
	if (!json_is_string(j) || json_string_length(j) == 0)
		return BAD(w, "%s.%s: expected a non-empty string", at, key);
	*v = keep_str(w->pl, json_string_value(j));
	return 0;
}

static int
get_window(const struct where *w, const json_t *o, const char *at,
    struct cs_window *win)
{
	const json_t *j = json_object_get(o, "window");
	char key[256];

	memset(win, 0, sizeof(*win));
	if (j == NULL || json_is_null(j))
		return 0;
	cs_fmt(key, sizeof(key), "%s.window", at);
	if (json_is_string(j) && strcmp(json_string_value(j),
	    "in_force") == 0) {
		win->kind = CS_WIN_IN_FORCE;
		cs_fmt(win->text, sizeof(win->text), "in_force");
		return 0;
	}
	win->kind = CS_WIN_PERIOD;
	return cs_rget_period(&w->f, json_string_value(j), key, &win->p,
	    win->text);
}

static int
get_bool(const struct where *w, const json_t *o, const char *key,
    const char *at, int *v)
{
	const json_t *j = json_object_get(o, key);
	const char *s = json_string_value(j);

	*v = -1;
	if (j == NULL)
		return 0;
	if (json_is_boolean(j))
		*v = json_is_true(j);
	else if (s != NULL && strcmp(s, "true") == 0)
		*v = 1;
	else if (s != NULL && strcmp(s, "false") == 0)
		*v = 0;
	else
		return BAD(w, "%s.%s: expected true or false", at, key);
	return 0;
}

static int
get_match(const struct where *w, const json_t *o, const char *at,
    struct cs_match *m)
{
	static const char *const keys[] = { "type", "severity", "domain",
	    "certified", "dishonest_debtor", "list", NULL };
	const json_t *j = json_object_get(o, "match");
	const char *k;
	json_t *v;
	char key[256];
	size_t i;

	memset(m, 0, sizeof(*m));
	cs_fmt(key, sizeof(key), "%s.match", at);
	if (!json_is_object(j))
		return BAD(w, "%s: expected an object such as {\"type\": "
		    "\"penalty\"}", key);
	json_object_foreach((json_t *)j, k, v) {
		for (i = 0; keys[i] != NULL && strcmp(keys[i], k) != 0; i++)
			;
		if (keys[i] == NULL)
			return BAD(w, "%s: unknown key '%s' (known: type, "
			    "severity, domain, certified, dishonest_debtor, "
			    "list)", key, k);
	}
	if (get_str(w, j, "type", key, 1, &m->type) != 0 ||
	    get_str(w, j, "severity", key, 0, &m->severity) != 0 ||
	    get_str(w, j, "domain", key, 0, &m->domain) != 0 ||
	    get_str(w, j, "list", key, 0, &m->list) != 0 ||
	    get_bool(w, j, "certified", key, &m->certified) != 0 ||
	    get_bool(w, j, "dishonest_debtor", key, &m->debtor) != 0)
		return -1;
	return 0;
}

static int
get_decay(const struct where *w, const json_t *arr, const char *at,
    struct cs_decay **out, size_t *n)
{
	char key[256];
	size_t i;
	json_t *v;
	int last = 101;

	*out = NULL;
	*n = 0;
	if (!json_is_array(arr) || json_array_size(arr) == 0)
		return BAD(w, "%s: expected \"none\" or an array of {\"until\","
		    " \"percent\"} steps", at);
	*out = keep(w->pl, cs_xcalloc(json_array_size(arr), sizeof(**out)));
	json_array_foreach(arr, i, v) {
		cs_fmt(key, sizeof(key), "%s[%zu]", at, i);
		if (cs_rget_period(&w->f, json_string_value(json_object_get(v,
		    "until")), key, &(*out)[i].until, (*out)[i].text) != 0 ||
		    get_int(w, v, "percent", key, 0, 100,
		    &(*out)[i].percent) != 0)
			return -1;
		if ((*out)[i].percent > last)
			return BAD(w, "%s.percent: a later step may not count "
			    "more than an earlier one", key);
		last = (*out)[i].percent;
	}
	*n = json_array_size(arr);
	return 0;
}

static int
get_rule(const struct where *w, const json_t *o, const char *at,
    const struct cs_model *m, struct cs_rule *r)
{
	const json_t *d = json_object_get(o, "decay");
	char key[256];

	memset(r, 0, sizeof(*r));
	if (get_str(w, o, "code", at, 1, &r->code) != 0 ||
	    get_str(w, o, "why", at, 1, &r->why) != 0 ||
	    get_match(w, o, at, &r->m) != 0 ||
	    get_points(w, o, "points", at, &r->points) != 0 ||
	    get_window(w, o, at, &r->w) != 0)
		return -1;
	if (json_object_get(o, "cap") != NULL) {
		if (get_points(w, o, "cap", at, &r->cap) != 0)
			return -1;
		if ((r->cap < 0) != (r->points < 0) || r->cap == 0)
			return BAD(w, "%s.cap: must have the sign of points",
			    at);
		r->has_cap = 1;
	}
	r->decay = m->decay;
	r->ndecay = m->ndecay;
	if (json_is_string(d) && strcmp(json_string_value(d), "none") == 0) {
		r->decay = NULL;
		r->ndecay = 0;
	} else if (d != NULL) {
		cs_fmt(key, sizeof(key), "%s.decay", at);
		if (get_decay(w, d, key, &r->own, &r->ndecay) != 0)
			return -1;
		r->decay = r->own;
	}
	return 0;
}

static int
get_rules(const struct where *w, const json_t *arr, const char *name,
    const struct cs_model *m, struct cs_rule **out, size_t *n)
{
	char key[64];
	size_t i, j;
	json_t *v;

	*n = 0;
	*out = NULL;
	if (!json_is_array(arr))
		return BAD(w, "%s: expected an array of rules", name);
	*out = cs_xcalloc(json_array_size(arr) + 1, sizeof(**out));
	json_array_foreach(arr, i, v) {
		cs_fmt(key, sizeof(key), "%s[%zu]", name, i);
		if (get_rule(w, v, key, m, &(*out)[i]) != 0)
			return -1;
		*n = i + 1;
		for (j = 0; j < i; j++)
			if (strcmp((*out)[j].code, (*out)[i].code) == 0)
				return BAD(w, "%s.code: '%s' is used twice",
				    key, (*out)[i].code);
	}
	return 0;
}

static int
get_dets(const struct where *w, const json_t *arr, struct cs_model *m)
{
	struct cs_determination *d;
	char key[64], *cls;
	size_t i;
	json_t *v;

	if (arr == NULL)
		return 0;
	if (!json_is_array(arr))
		return BAD(w, "determinations: expected an array");
	m->dets = cs_xcalloc(json_array_size(arr) + 1, sizeof(*m->dets));
	json_array_foreach(arr, i, v) {
		d = &m->dets[i];
		cs_fmt(key, sizeof(key), "determinations[%zu]", i);
		d->at_best = json_object_get(v, "at_best") != NULL;
		if (d->at_best == (json_object_get(v, "class") != NULL))
			return BAD(w, "%s: expected one of \"class\" (the class "
			    "it fixes) and \"at_best\" (the best class it "
			    "allows)", key);
		if (get_str(w, v, "code", key, 1, &d->code) != 0 ||
		    get_str(w, v, "why", key, 1, &d->why) != 0 ||
		    get_str(w, v, d->at_best ? "at_best" : "class", key, 1,
		    &cls) != 0 ||
		    get_match(w, v, key, &d->m) != 0 ||
		    get_window(w, v, key, &d->w) != 0)
			return -1;
		if (strlen(cls) != 1 || strchr("ABCD", cls[0]) == NULL)
			return BAD(w, "%s.%s: expected A, B, C or D", key,
			    d->at_best ? "at_best" : "class");
		d->cls[0] = cls[0];
		m->ndets = i + 1;
	}
	return 0;
}

static int
get_signals(const struct where *w, const json_t *arr, struct cs_model *m)
{
	static const char *const kinds[] = { "surge", "regions", "repeat",
	    "overdue", NULL };
	struct cs_signal *s;
	char key[64], *kind;
	size_t i;
	json_t *v;
	int k;

	if (arr == NULL)
		return 0;
	if (!json_is_array(arr))
		return BAD(w, "signals: expected an array");
	m->sigs = cs_xcalloc(json_array_size(arr) + 1, sizeof(*m->sigs));
	json_array_foreach(arr, i, v) {
		s = &m->sigs[i];
		cs_fmt(key, sizeof(key), "signals[%zu]", i);
		if (get_str(w, v, "code", key, 1, &s->code) != 0 ||
		    get_str(w, v, "why", key, 1, &s->why) != 0 ||
		    get_str(w, v, "kind", key, 1, &kind) != 0 ||
		    get_str(w, v, "type", key, 1, &s->type) != 0)
			return -1;
		for (k = 0; kinds[k] != NULL && strcmp(kinds[k], kind); k++)
			;
		if (kinds[k] == NULL)
			return BAD(w, "%s.kind: unknown kind '%s' (known: surge, "
			    "regions, repeat, overdue)", key, kind);
		s->kind = k;
		if (k == CS_SIG_SURGE && (get_int(w, v, "days", key, 1, 366,
		    &s->days) != 0 || get_int(w, v, "min", key, 1, 1000000,
		    &s->min) != 0 || get_int(w, v, "factor", key, 1, 1000,
		    &s->factor) != 0))
			return -1;
		if ((k == CS_SIG_REGIONS || k == CS_SIG_REPEAT) &&
		    (get_window(w, v, key, &s->w) != 0 || get_int(w, v, "min",
		    key, 2, 1000, &s->min) != 0))
			return -1;
		if ((k == CS_SIG_REGIONS || k == CS_SIG_REPEAT) &&
		    s->w.kind != CS_WIN_PERIOD)
			return BAD(w, "%s.window: expected a period such as "
			    "\"P1Y\"", key);
		if (k == CS_SIG_REGIONS && get_int(w, v, "region_digits", key,
		    2, 6, &s->region_digits) != 0)
			return -1;
		m->nsigs = i + 1;
	}
	return 0;
}

static int
load_model(const struct where *w, const json_t *j, struct cs_model *m)
{
	const json_t *d = json_object_get(j, "decay");

	if (get_str(w, j, "id", "model", 1, &m->id) != 0 ||
	    get_str(w, j, "title", "model", 1, &m->title) != 0 ||
	    get_points(w, j, "base", "model", &m->base) != 0 ||
	    get_points(w, j, "floor", "model", &m->floor) != 0 ||
	    get_points(w, j, "ceiling", "model", &m->ceiling) != 0)
		return -1;
	if (m->floor > m->base || m->base > m->ceiling)
		return BAD(w, "model: expected floor <= base <= ceiling");
	if (d != NULL && get_decay(w, d, "decay", &m->decay, &m->ndecay) != 0)
		return -1;
	if (get_rules(w, json_object_get(j, "rules"), "rules", m, &m->rules,
	    &m->nrules) != 0 ||
	    get_dets(w, json_object_get(j, "determinations"), m) != 0 ||
	    get_signals(w, json_object_get(j, "signals"), m) != 0)
		return -1;
	return 0;
}

struct cs_models_priv {
	struct cs_models pub;
	struct pool pl;
	struct cs_model *own;		/* base, then industries */
	size_t nown;
};

static void
model_release(struct cs_model *m, int shared)
{
	free(m->rules);
	if (!shared) {
		free(m->dets);
		free(m->sigs);
	}
}

void
cs_models_free(struct cs_models *ms)
{
	struct cs_models_priv *p = (struct cs_models_priv *)ms;
	size_t i;

	if (ms == NULL)
		return;
	for (i = 0; i < p->nown; i++)
		model_release(&p->own[i], i > 0);
	for (i = 0; i < p->pl.n; i++)
		free(p->pl.p[i]);
	free(p->pl.p);
	free(p->own);
	free(ms->ind);
	free(ms->which);
	free(ms->prefix);
	free(p);
}

/* An industry model: its rules first, replacing base rules of its codes. */
static int
overlay(const struct where *w, const json_t *o, const char *at,
    const struct cs_model *base, struct cs_model *m)
{
	struct cs_rule *add;
	size_t nadd, i, j, k;
	char key[64];

	*m = *base;
	m->rules = NULL;
	if (get_str(w, o, "id", at, 1, &m->id) != 0 ||
	    get_str(w, o, "title", at, 1, &m->title) != 0)
		return -1;
	cs_fmt(key, sizeof(key), "%s.rules", at);
	if (get_rules(w, json_object_get(o, "rules"), key, base, &add,
	    &nadd) != 0) {
		free(add);
		return -1;
	}
	m->rules = cs_xcalloc(nadd + base->nrules + 1, sizeof(*m->rules));
	k = 0;
	for (i = 0; i < nadd; i++) {
		for (j = 0; j < base->nrules; j++)
			if (strcmp(base->rules[j].code, add[i].code) == 0)
				break;
		if (j == base->nrules)
			m->rules[k++] = add[i];
	}
	for (j = 0; j < base->nrules; j++) {
		m->rules[k] = base->rules[j];
		for (i = 0; i < nadd; i++)
			if (strcmp(base->rules[j].code, add[i].code) == 0)
				m->rules[k] = add[i];
		k++;
	}
	m->nrules = k;
	free(add);
	return 0;
}

static int
load_industries(struct cs_models_priv *p, const struct where *w,
    const json_t *j)
{
	struct cs_models *ms = &p->pub;
	const json_t *arr = json_object_get(j, "models"), *inds;
	size_t i, k, n;
	json_t *v, *s;
	char at[64];

	if (!json_is_array(arr))
		return BAD(w, "models: expected an array of industry models");
	n = json_array_size(arr);
	p->own = cs_xreallocarray(p->own, n + 1, sizeof(*p->own));
	ms->base = &p->own[0];
	ms->ind = cs_xcalloc(n + 1, sizeof(*ms->ind));
	json_array_foreach(arr, i, v) {
		cs_fmt(at, sizeof(at), "models[%zu]", i);
		if (overlay(w, v, at, ms->base, &p->own[i + 1]) != 0)
			return -1;
		p->nown = i + 2;
		for (k = 0; k < p->nown - 1; k++)
			if (strcmp(p->own[k].id, p->own[i + 1].id) == 0)
				return BAD(w, "%s.id: '%s' is used twice", at,
				    p->own[i + 1].id);
		inds = json_object_get(v, "industries");
		if (!json_is_array(inds) || json_array_size(inds) == 0)
			return BAD(w, "%s.industries: expected an array of "
			    "industry code prefixes such as \"C14\"", at);
		json_array_foreach(inds, k, s) {
			if (!json_is_string(s) || json_string_length(s) == 0)
				return BAD(w, "%s.industries[%zu]: expected a "
				    "string", at, k);
			ms->prefix = cs_xreallocarray(ms->prefix,
			    ms->nprefix + 1, sizeof(*ms->prefix));
			ms->which = cs_xreallocarray(ms->which,
			    ms->nprefix + 1, sizeof(*ms->which));
			ms->prefix[ms->nprefix] = keep_str(w->pl,
			    json_string_value(s));
			ms->which[ms->nprefix++] = i;
		}
	}
	for (i = 0; i < n; i++)
		ms->ind[i] = &p->own[i + 1];
	ms->nind = n;
	return 0;
}

int
cs_models_load(struct cs_models **mp, const char *dir, const char *file,
    struct cs_error *err)
{
	struct cs_models_priv *p = cs_xcalloc(1, sizeof(*p));
	struct where w = { { dir, "models/public-credit.json", err }, &p->pl };
	char *fdir = NULL;
	const char *slash;
	json_t *j = NULL;
	int rc = -1;

	*mp = NULL;
	p->own = cs_xcalloc(1, sizeof(*p->own));
	p->pub.base = &p->own[0];
	if (file != NULL) {
		slash = strrchr(file, '/');
		fdir = slash == NULL ? cs_xstrdup(".") :
		    cs_xstrndup(file, (size_t)(slash - file));
		w.f.dir = fdir;
		w.f.file = slash == NULL ? file : slash + 1;
		p->pub.forced = 1;
	}
	if (file != NULL && access(file, R_OK) != 0) {
		cs_error_set(err, CS_EX_NOINPUT, NULL, 0, "cannot read model "
		    "'%s': %s", file, strerror(errno));
		goto out;
	}
	j = cs_rules_json(w.f.dir, w.f.file, err);
	if (j == NULL)
		goto out;
	p->nown = 1;
	if (load_model(&w, j, &p->own[0]) != 0)
		goto out;
	if (file == NULL) {
		json_decref(j);
		w.f.file = "models/industry.json";
		j = cs_rules_json(dir, w.f.file, err);
		if (j == NULL || load_industries(p, &w, j) != 0)
			goto out;
	}
	*mp = &p->pub;
	rc = 0;
out:
	json_decref(j);
	free(fdir);
	if (rc != 0)
		cs_models_free(&p->pub);
	return rc;
}

int
cs_classes_load(struct cs_classes *cl, const char *dir, struct cs_error *err)
{
	struct pool pl = { 0 };
	struct where w = { { dir, "classes.json", err }, &pl };
	json_t *j = cs_rules_json(dir, w.f.file, err), *arr, *v;
	char at[64], *cls, *title;
	size_t i;
	int rc = -1;

	memset(cl, 0, sizeof(*cl));
	if (j == NULL)
		return -1;
	arr = json_object_get(j, "classes");
	if (!json_is_array(arr) || json_array_size(arr) < 2) {
		BAD(&w, "classes: expected an array of at least two classes");
		goto out;
	}
	cl->c = cs_xcalloc(json_array_size(arr), sizeof(*cl->c));
	json_array_foreach(arr, i, v) {
		cs_fmt(at, sizeof(at), "classes[%zu]", i);
		if (get_str(&w, v, "class", at, 1, &cls) != 0 ||
		    get_str(&w, v, "title", at, 1, &title) != 0)
			goto out;
		if (strlen(cls) != 1) {
			BAD(&w, "%s.class: expected one letter", at);
			goto out;
		}
		cl->c[i].cls[0] = cls[0];
		cl->c[i].title = cs_xstrdup(title);
		cl->n = i + 1;
		cl->c[i].has_min = json_object_get(v, "min") != NULL;
		if (i + 1 < json_array_size(arr) && !cl->c[i].has_min) {
			BAD(&w, "%s.min: only the last class may go without",
			    at);
			goto out;
		}
		if (cl->c[i].has_min && get_points(&w, v, "min", at,
		    &cl->c[i].min) != 0)
			goto out;
		if (i > 0 && cl->c[i].has_min && cl->c[i].min >=
		    cl->c[i - 1].min) {
			BAD(&w, "%s.min: expected less than the class above",
			    at);
			goto out;
		}
	}
	rc = 0;
out:
	for (i = 0; i < pl.n; i++)
		free(pl.p[i]);
	free(pl.p);
	json_decref(j);
	if (rc != 0)
		cs_classes_release(cl);
	return rc;
}
