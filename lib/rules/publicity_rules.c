/*
 * Reading share/cs/publicity.json.  Every message names the file and the
 * key, e.g. "share/cs/publicity.json: regimes[1].severities.general.
 * maximum: expected a period such as "P1Y" or "P3M"".
 */
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "rules/getters.h"
#include "rules/publicity_rules.h"

/* Where the reader is: publicity.json and the error to fill. */
struct where {
	struct cs_rfile f;
};

#define BAD(w, ...) cs_rget_bad(&(w)->f, __VA_ARGS__)

/* Unknown keys of o are errors: a misspelt rule must not pass silently. */
static int
known_keys(const struct where *w, const json_t *o, const char *at,
    const char *const *keys, const char *list)
{
	const char *k;
	json_t *v;
	size_t i;

	json_object_foreach((json_t *)o, k, v) {
		for (i = 0; keys[i] != NULL && strcmp(keys[i], k) != 0; i++)
			;
		if (keys[i] == NULL)
			return BAD(w, "%s: unknown key '%s' (known: %s)", at, k,
			    list);
	}
	return 0;
}

/* The severities (need_max) or domains of a regime. */
static int
get_rules(const struct where *w, const json_t *o, const char *at,
    int severities, struct cs_publicity_rule **out, size_t *n)
{
	static const char *const keys[] = { "minimum", "maximum", "published",
	    NULL };
	struct cs_publicity_rule *r;
	json_t *v, *min, *pub;
	const char *k;
	char key[256];

	*out = NULL;
	*n = 0;
	if (o == NULL && !severities)
		return 0;
	if (!json_is_object(o))
		return BAD(w, "%s: expected an object", at);
	*out = cs_xcalloc(json_object_size(o) + 1, sizeof(**out));
	json_object_foreach((json_t *)o, k, v) {
		r = &(*out)[(*n)++];
		r->key = cs_xstrdup(k);
		r->published = 1;
		cs_fmt(key, sizeof(key), "%s.%s", at, k);
		if (!json_is_object(v))
			return BAD(w, "%s: expected an object", key);
		if (known_keys(w, v, key, keys, severities ? "minimum, "
		    "maximum, published" : "minimum") != 0)
			return -1;
		if (!severities && (json_object_get(v, "maximum") != NULL ||
		    json_object_get(v, "published") != NULL))
			return BAD(w, "%s: a domain sets only a minimum", key);
		cs_fmt(key, sizeof(key), "%s.%s.minimum", at, k);
		min = json_object_get(v, "minimum");
		if (min == NULL && !severities)
			return BAD(w, "%s: missing", key);
		if (min != NULL && !json_is_null(min)) {
			if (cs_rget_period(&w->f, json_string_value(min),
			    key, &r->min, r->min_text) != 0)
				return -1;
			r->has_min = 1;
		}
		if (!severities)
			continue;
		cs_fmt(key, sizeof(key), "%s.%s.maximum", at, k);
		if (cs_rget_period(&w->f, json_string_value(
		    json_object_get(v, "maximum")), key, &r->max,
		    r->max_text) != 0)
			return -1;
		r->has_max = 1;
		pub = json_object_get(v, "published");
		if (pub != NULL && !json_is_boolean(pub)) {
			cs_fmt(key, sizeof(key), "%s.%s.published", at, k);
			return BAD(w, "%s: expected true or false", key);
		}
		if (pub != NULL)
			r->published = json_is_true(pub);
	}
	return 0;
}

/* never_repaired: {why, maximum, when: [{domains, ...}, ...]}. */
static int
get_never(const struct where *w, const json_t *o, const char *at,
    struct cs_regime *g)
{
	static const char *const keys[] = { "why", "maximum", "when", NULL };
	static const char *const ckeys[] = { "domains", "severities",
	    "penalty_categories", "violation_types", NULL };
	const json_t *when, *why;
	struct cs_pubmatch *m;
	char key[256];
	json_t *c;
	size_t i;

	if (o == NULL)
		return 0;
	cs_fmt(key, sizeof(key), "%s.never_repaired", at);
	if (!json_is_object(o))
		return BAD(w, "%s: expected an object", key);
	if (known_keys(w, o, key, keys, "why, maximum, when") != 0)
		return -1;
	why = json_object_get(o, "why");
	if (!json_is_string(why) || json_string_length(why) == 0)
		return BAD(w, "%s.why: expected a non-empty string", key);
	g->nr_why = cs_xstrdup(json_string_value(why));
	if (json_object_get(o, "maximum") != NULL) {
		char mk[300];

		cs_fmt(mk, sizeof(mk), "%s.maximum", key);
		if (cs_rget_period(&w->f, json_string_value(
		    json_object_get(o, "maximum")), mk, &g->nr_max,
		    g->nr_max_text) != 0)
			return -1;
		g->nr_has_max = 1;
	}
	when = json_object_get(o, "when");
	if (!json_is_array(when) || json_array_size(when) == 0)
		return BAD(w, "%s.when: expected an array of conditions", key);
	g->nr = cs_xcalloc(json_array_size(when), sizeof(*g->nr));
	json_array_foreach(when, i, c) {
		char ck[300];

		cs_fmt(ck, sizeof(ck), "%s.when[%zu]", key, i);
		m = &g->nr[g->nnr++];
		if (!json_is_object(c) || json_object_size(c) == 0)
			return BAD(w, "%s: expected an object such as "
			    "{\"domains\": [...], \"penalty_categories\": "
			    "[...]}", ck);
		if (known_keys(w, c, ck, ckeys, "domains, severities, "
		    "penalty_categories, violation_types") != 0 ||
		    cs_rget_strlist(&w->f, c, "domains", ck, 0,
		    &m->domains) != 0 ||
		    cs_rget_strlist(&w->f, c, "severities", ck, 0,
		    &m->severities) != 0 ||
		    cs_rget_strlist(&w->f, c, "penalty_categories", ck, 0,
		    &m->categories) != 0 ||
		    cs_rget_strlist(&w->f, c, "violation_types", ck, 0,
		    &m->violations) != 0)
			return -1;
	}
	return 0;
}

static int
get_regime(const struct where *w, const json_t *v, const char *at,
    struct cs_regime *g)
{
	static const char *const keys[] = { "id", "title", "from", "until",
	    "severities", "domains", "never_repaired", NULL };
	const char *s;

	g->from = INT_MIN;
	g->until = INT_MAX;
	if (!json_is_object(v))
		return BAD(w, "%s: expected an object", at);
	if (known_keys(w, v, at, keys, "id, title, from, until, severities, "
	    "domains, never_repaired") != 0)
		return -1;
	s = json_string_value(json_object_get(v, "id"));
	if (s == NULL || *s == '\0')
		return BAD(w, "%s.id: expected a non-empty string", at);
	g->id = cs_xstrdup(s);
	s = json_string_value(json_object_get(v, "title"));
	g->title = s != NULL ? cs_xstrdup(s) : NULL;
	if (cs_rget_date(&w->f, v, "from", at, "2023-05-01", &g->from) != 0 ||
	    cs_rget_date(&w->f, v, "until", at, "2023-05-01", &g->until) != 0)
		return -1;
	if (g->until < g->from)
		return BAD(w, "%s.until: before its from", at);
	{
		char key[256];

		cs_fmt(key, sizeof(key), "%s.severities", at);
		if (get_rules(w, json_object_get(v, "severities"), key, 1,
		    &g->sev, &g->nsev) != 0)
			return -1;
		cs_fmt(key, sizeof(key), "%s.domains", at);
		if (get_rules(w, json_object_get(v, "domains"), key, 0,
		    &g->dom, &g->ndom) != 0)
			return -1;
	}
	return get_never(w, json_object_get(v, "never_repaired"), at, g);
}

/* published_types: {"penalty": "regime", "license": "in_force"}. */
static int
get_types(const struct where *w, const json_t *o, struct cs_publicity *pb)
{
	const char *k, *s;
	json_t *v;

	if (!json_is_object(o) || json_object_size(o) == 0)
		return BAD(w, "published_types: expected an object such as "
		    "{\"penalty\": \"regime\"}");
	pb->types.v = cs_xcalloc(json_object_size(o), sizeof(char *));
	pb->how = cs_xcalloc(json_object_size(o), sizeof(int));
	json_object_foreach((json_t *)o, k, v) {
		s = json_string_value(v);
		if (s != NULL && strcmp(s, "regime") == 0)
			pb->how[pb->types.n] = CS_PUBHOW_REGIME;
		else if (s != NULL && strcmp(s, "in_force") == 0)
			pb->how[pb->types.n] = CS_PUBHOW_IN_FORCE;
		else
			return BAD(w, "published_types.%s: expected \"regime\" "
			    "or \"in_force\"", k);
		pb->types.v[pb->types.n++] = cs_xstrdup(k);
	}
	return 0;
}

int
cs_publicity_parse(struct cs_publicity *pb, const json_t *j, const char *dir,
    struct cs_error *err)
{
	static const char *const keys[] = { "doc", "published_types",
	    "warning_only", "regimes", NULL };
	struct where w = { { dir, "publicity.json", err } };
	json_t *arr, *v;
	char at[64];
	size_t i, k;
	int rc = -1;

	memset(pb, 0, sizeof(*pb));
	if (known_keys(&w, j, "publicity.json", keys, "doc, published_types, "
	    "warning_only, regimes") != 0 ||
	    get_types(&w, json_object_get(j, "published_types"), pb) != 0 ||
	    cs_rget_strlist(&w.f, j, "warning_only", "", 0,
	    &pb->warning_only) != 0)
		goto out;
	arr = json_object_get(j, "regimes");
	if (!json_is_array(arr) || json_array_size(arr) == 0) {
		BAD(&w, "regimes: expected an array");
		goto out;
	}
	pb->r = cs_xcalloc(json_array_size(arr), sizeof(*pb->r));
	json_array_foreach(arr, i, v) {
		cs_fmt(at, sizeof(at), "regimes[%zu]", i);
		pb->n = i + 1;
		if (get_regime(&w, v, at, &pb->r[i]) != 0)
			goto out;
		/* One regime per decision day: they may not overlap. */
		for (k = 0; k < i; k++)
			if (pb->r[i].from <= pb->r[k].until &&
			    pb->r[k].from <= pb->r[i].until) {
				BAD(&w, "%s: overlaps regimes[%zu] ('%s')", at,
				    k, pb->r[k].id);
				goto out;
			}
	}
	rc = 0;
out:
	if (rc != 0)
		cs_publicity_release(pb);
	return rc;
}
