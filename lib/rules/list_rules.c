/*
 * Loading share/cs/lists.json and measures.json into struct cs_lists; every
 * message names the file and the key at fault, like rules.c.
 */
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "rules/list_rules.h"
#include "rules/rules.h"

#define bad(...) cs_rules_error(__VA_ARGS__)

static json_t *
load(const char *dir, const char *file, const char *key, json_t **part,
    struct cs_error *err)
{
	json_t *j = cs_rules_json(dir, file, err);

	if (j == NULL)
		return NULL;
	*part = json_object_get(j, key);
	if (!json_is_object(*part) || json_object_size(*part) == 0) {
		bad(err, dir, file, "%s: expected a non-empty object", key);
		json_decref(j);
		return NULL;
	}
	return j;
}

/* A string member (copied), or NULL with err when required and absent. */
static int
str(const json_t *o, const char *k, int required, char **out,
    const char *dir, const char *file, const char *where,
    struct cs_error *err)
{
	const json_t *v = json_object_get(o, k);

	*out = NULL;
	if (v == NULL || json_is_null(v)) {
		if (required)
			return bad(err, dir, file, "%s.%s: missing", where, k);
		return 0;
	}
	if (!json_is_string(v))
		return bad(err, dir, file, "%s.%s: expected a string", where,
		    k);
	*out = cs_xstrdup(json_string_value(v));
	return 0;
}

/* A criterion's window: a period or "in_force". */
static int
load_window(struct cs_lcrit *c, const json_t *v)
{
	const char *s = json_string_value(v);

	if (s == NULL || strlen(s) >= sizeof(c->win_text))
		return -1;
	cs_fmt(c->win_text, sizeof(c->win_text), "%s", s);
	if (strcmp(s, "in_force") == 0) {
		c->win = CS_LWIN_IN_FORCE;
		return 0;
	}
	c->win = CS_LWIN_PERIOD;
	return cs_period_parse(s, &c->within);
}

/* The conditions of early removal besides the wait. */
static int
load_requires(struct cs_ltype *t, const json_t *a, const char *dir,
    const char *where, struct cs_error *err)
{
	static const char file[] = "lists.json";
	const char *s;
	size_t i;

	if (a == NULL)
		return 0;
	if (!json_is_array(a))
		return bad(err, dir, file, "%s.early_removal_requires: expected "
		    "an array of conditions", where);
	if (json_array_size(a) > 0 && !t->has_early)
		return bad(err, dir, file, "%s.early_removal_requires: the list "
		    "allows no early removal (early_removal_after is null)",
		    where);
	for (i = 0; i < json_array_size(a); i++) {
		s = json_string_value(json_array_get(a, i));
		if (s != NULL && strcmp(s, "no_new_penalty") == 0)
			t->early_requires |= CS_LREQ_NO_NEW_PENALTY;
		else if (s != NULL && strcmp(s, "obligations_performed") == 0)
			t->early_requires |= CS_LREQ_OBLIGATIONS;
		else
			return bad(err, dir, file, "%s.early_removal_requires[%zu]"
			    ": expected \"no_new_penalty\" or "
			    "\"obligations_performed\"", where, i);
	}
	return 0;
}

static int
load_criterion(struct cs_lcrit *c, const json_t *o, const char *dir,
    const char *where, struct cs_error *err)
{
	static const char file[] = "lists.json";
	const char *k;
	json_t *v, *x;
	size_t i, m;

	if (!json_is_object(o))
		return bad(err, dir, file, "%s: expected an object", where);
	if (str(o, "reason", 1, &c->reason, dir, file, where, err) != 0)
		return -1;
	c->col = cs_xcalloc(json_object_size(o), sizeof(int));
	c->vals = cs_xcalloc(json_object_size(o), sizeof(char **));
	json_object_foreach((json_t *)o, k, v) {
		if (strcmp(k, "reason") == 0)
			continue;
		if (strcmp(k, "window") == 0) {
			if (load_window(c, v) != 0)
				return bad(err, dir, file, "%s.window: expected "
				    "a period such as \"P1Y\" or \"in_force\"",
				    where);
			continue;
		}
		c->col[c->n] = cs_schema_find(&cs_record_schema, k);
		if (c->col[c->n] < 0)
			return bad(err, dir, file, "%s.%s: not a record column",
			    where, k);
		m = json_is_array(v) ? json_array_size(v) : 1;
		c->vals[c->n] = cs_xcalloc(m + 1, sizeof(char *));
		c->n++;
		for (i = 0; i < m; i++) {
			x = json_is_array(v) ? json_array_get(v, i) : v;
			if (!json_is_string(x))
				return bad(err, dir, file, "%s.%s: expected a "
				    "string or an array of strings", where, k);
			c->vals[c->n - 1][i] = cs_xstrdup(json_string_value(x));
		}
	}
	if (c->n == 0)
		return bad(err, dir, file, "%s: names no record column", where);
	return 0;
}

static int
load_type(struct cs_lists *l, struct cs_ltype *t, const char *name,
    const json_t *o, const char *dir, struct cs_error *err)
{
	static const char file[] = "lists.json";
	char where[128], *term = NULL, *early = NULL;
	const json_t *a, *v;
	size_t i;
	int rc = -1;

	cs_fmt(where, sizeof(where), "lists.%s", name);
	t->name = cs_xstrdup(name);
	if (!json_is_object(o))
		return bad(err, dir, file, "%s: expected an object", where);
	if (str(o, "title", 1, &t->title, dir, file, where, err) ||
	    str(o, "en", 1, &t->en, dir, file, where, err) ||
	    str(o, "basis", 1, &t->basis, dir, file, where, err) ||
	    str(o, "rights", 1, &t->rights, dir, file, where, err) ||
	    str(o, "remedies", 1, &t->remedies, dir, file, where, err) ||
	    str(o, "term", 1, &term, dir, file, where, err) ||
	    str(o, "early_removal_after", 0, &early, dir, file, where, err))
		goto out;
	v = json_object_get(o, "objection_working_days");
	if (!json_is_integer(v) || json_integer_value(v) < 1 ||
	    json_integer_value(v) > 365) {
		bad(err, dir, file, "%s.objection_working_days: expected a "
		    "whole number of working days (1-365)", where);
		goto out;
	}
	t->objection_days = (int)json_integer_value(v);
	if (strcmp(term, "decision") == 0) {
		t->term_kind = CS_LTERM_DECISION;
	} else if (cs_period_parse(term, &t->term) != 0) {
		bad(err, dir, file, "%s.term: '%s' is not a period such as "
		    "P3Y, nor \"decision\"", where, term);
		goto out;
	}
	if (early != NULL && cs_period_parse(early, &t->early) != 0) {
		bad(err, dir, file, "%s.early_removal_after: '%s' is not a "
		    "period such as P1Y", where, early);
		goto out;
	}
	t->has_early = early != NULL;
	if (load_requires(t, json_object_get(o, "early_removal_requires"), dir,
	    where, err) != 0)
		goto out;
	a = json_object_get(o, "criteria");
	if (!json_is_array(a) || json_array_size(a) == 0) {
		bad(err, dir, file, "%s.criteria: expected a non-empty array",
		    where);
		goto out;
	}
	t->crit = cs_xcalloc(json_array_size(a), sizeof(*t->crit));
	for (i = 0; i < json_array_size(a); i++) {
		char w[160];

		t->ncrit = i + 1;
		cs_fmt(w, sizeof(w), "%s.criteria[%zu]", where, i);
		if (load_criterion(&t->crit[i], json_array_get(a, i), dir, w,
		    err) != 0)
			goto out;
	}
	a = json_object_get(o, "measures");
	if (!json_is_array(a)) {
		bad(err, dir, file, "%s.measures: expected an array of codes",
		    where);
		goto out;
	}
	t->measures = cs_xcalloc(json_array_size(a) + 1, sizeof(char *));
	for (i = 0; i < json_array_size(a); i++) {
		v = json_array_get(a, i);
		if (!json_is_string(v) || cs_lists_measure(l,
		    json_string_value(v)) == NULL) {
			bad(err, dir, file, "%s.measures[%zu]: not a code of "
			    "measures.json", where, i);
			goto out;
		}
		t->measures[t->nmeasures++] = cs_xstrdup(json_string_value(v));
	}
	rc = 0;
out:
	free(term);
	free(early);
	return rc;
}

int
cs_lists_load(struct cs_lists **lp, const struct cs_rules *ru,
    struct cs_error *err)
{
	static const char mfile[] = "measures.json";
	struct cs_lists *l = cs_xcalloc(1, sizeof(*l));
	const char *dir = ru->dir;
	json_t *root = NULL, *part, *v;
	const char *k;
	char where[128];
	size_t i = 0;

	*lp = NULL;
	root = load(dir, mfile, "measures", &part, err);
	if (root == NULL)
		goto fail;
	l->measures = cs_xcalloc(json_object_size(part), sizeof(*l->measures));
	json_object_foreach(part, k, v) {
		struct cs_measure *m = &l->measures[l->nmeasures++];

		m->code = cs_xstrdup(k);
		cs_fmt(where, sizeof(where), "measures.%s", k);
		if (!json_is_object(v)) {
			bad(err, dir, mfile, "%s: expected an object", where);
			goto fail;
		}
		if (str(v, "title", 1, &m->title, dir, mfile, where, err) ||
		    str(v, "en", 1, &m->en, dir, mfile, where, err) ||
		    str(v, "dept", 1, &m->dept, dir, mfile, where, err) ||
		    str(v, "basis", 1, &m->basis, dir, mfile, where, err))
			goto fail;
	}
	json_decref(root);
	root = load(dir, "lists.json", "lists", &part, err);
	if (root == NULL)
		goto fail;
	/* The order of severities that early removal compares. */
	v = json_object_get(root, "severity_order");
	if (v != NULL && !json_is_array(v)) {
		bad(err, dir, "lists.json", "severity_order: expected an array "
		    "of severities, the lightest first");
		goto fail;
	}
	l->severities = cs_xcalloc(json_array_size(v) + 1, sizeof(char *));
	for (i = 0; i < json_array_size(v); i++) {
		if (!json_is_string(json_array_get(v, i))) {
			bad(err, dir, "lists.json", "severity_order[%zu]: "
			    "expected a string", i);
			goto fail;
		}
		l->severities[l->nseverities++] = cs_xstrdup(
		    json_string_value(json_array_get(v, i)));
	}
	i = 0;
	l->types = cs_xcalloc(json_object_size(part), sizeof(*l->types));
	json_object_foreach(part, k, v) {
		l->ntypes = ++i;
		if (load_type(l, &l->types[i - 1], k, v, dir, err) != 0)
			goto fail;
	}
	json_decref(root);
	l->mask = &ru->mask;
	*lp = l;
	return 0;
fail:
	json_decref(root);
	cs_lists_free(l);
	return -1;
}
