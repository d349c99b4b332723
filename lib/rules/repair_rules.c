/*
 * Loading share/cs/repair.json into struct cs_repair_rules; every message
 * names the file and the key at fault, like rules.c.
 */
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "rules/repair_rules.h"

static const char file[] = "repair.json";

/* An array of condition names into *out; 0, or -1 with err. */
static int
conds(const json_t *a, unsigned *out, const char *dir, const char *where,
    struct cs_error *err)
{
	unsigned c;
	size_t i;

	*out = 0;
	if (!json_is_array(a))
		return cs_rules_error(err, dir, file, "%s: expected an array "
		    "of conditions", where);
	for (i = 0; i < json_array_size(a); i++) {
		c = cs_rcond_parse(json_string_value(json_array_get(a, i)));
		if (c == 0)
			return cs_rules_error(err, dir, file, "%s[%zu]: not a "
			    "condition (obligations, commitment, "
			    "no_new_penalty, not_listed, list_early)", where,
			    i);
		*out |= c;
	}
	return 0;
}

/* A number of working days, 0..366. */
static int
days(const json_t *o, const char *k, int *out, const char *dir,
    const char *where, struct cs_error *err)
{
	const json_t *v = json_object_get(o, k);

	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) > 366)
		return cs_rules_error(err, dir, file, "%s.%s: expected a number "
		    "of working days", where, k);
	*out = (int)json_integer_value(v);
	return 0;
}

static int
load_deadlines(struct cs_repair_rules *rr, const json_t *a, const char *dir,
    struct cs_error *err)
{
	struct cs_repair_deadlines *d;
	const json_t *o;
	const char *s;
	char where[64];
	size_t i;

	if (!json_is_array(a) || json_array_size(a) == 0)
		return cs_rules_error(err, dir, file, "deadlines: expected a "
		    "non-empty array");
	rr->dl = cs_xcalloc(json_array_size(a), sizeof(*rr->dl));
	json_array_foreach(a, i, o) {
		d = &rr->dl[rr->ndl++];
		cs_fmt(where, sizeof(where), "deadlines[%zu]", i);
		d->from = INT_MIN;
		s = json_string_value(json_object_get(o, "from"));
		if (i > 0 && (s == NULL || cs_date_parse(s, strlen(s),
		    &d->from) != 0 || d->from <= rr->dl[i - 1].from))
			return cs_rules_error(err, dir, file, "%s.from: expected "
			    "a date after the one before", where);
		if (days(o, "accept_days", &d->accept_days, dir, where,
		    err) != 0 || days(o, "decide_days", &d->decide_days, dir,
		    where, err) != 0 || days(o, "extend_days", &d->extend_days,
		    dir, where, err) != 0)
			return -1;
		s = json_string_value(json_object_get(o, "bar_after_revoke"));
		if (s == NULL || strlen(s) >= sizeof(d->bar_text) ||
		    cs_period_parse(s, &d->bar) != 0)
			return cs_rules_error(err, dir, file, "%s.bar_after_"
			    "revoke: expected a period such as P1Y", where);
		cs_fmt(d->bar_text, sizeof(d->bar_text), "%s", s);
	}
	return 0;
}

static int
load_regime(struct cs_repair_regime *g, const char *id, const json_t *o,
    const char *dir, struct cs_error *err)
{
	const json_t *xs = json_object_get(o, "extra"), *x, *ds;
	char where[128];
	size_t i, k;

	g->id = cs_xstrdup(id);
	cs_fmt(where, sizeof(where), "regimes.%s.conditions", id);
	if (conds(json_object_get(o, "conditions"), &g->conds, dir, where,
	    err) != 0)
		return -1;
	if (xs == NULL)
		return 0;
	if (!json_is_array(xs))
		return cs_rules_error(err, dir, file, "regimes.%s.extra: "
		    "expected an array", id);
	g->x = cs_xcalloc(json_array_size(xs), sizeof(*g->x));
	json_array_foreach(xs, i, x) {
		struct cs_repair_extra *e = &g->x[g->nx++];

		cs_fmt(where, sizeof(where), "regimes.%s.extra[%zu]", id, i);
		ds = json_object_get(x, "domains");
		if (!json_is_array(ds))
			return cs_rules_error(err, dir, file, "%s.domains: "
			    "expected an array of domains", where);
		e->domains.v = cs_xcalloc(json_array_size(ds) + 1,
		    sizeof(char *));
		for (k = 0; k < json_array_size(ds); k++) {
			const char *s = json_string_value(json_array_get(ds,
			    k));

			if (s == NULL)
				return cs_rules_error(err, dir, file,
				    "%s.domains[%zu]: expected a string",
				    where, k);
			e->domains.v[e->domains.n++] = cs_xstrdup(s);
		}
		if (json_string_value(json_object_get(x, "why")) != NULL)
			e->why = cs_xstrdup(json_string_value(
			    json_object_get(x, "why")));
		cs_fmt(where, sizeof(where), "regimes.%s.extra[%zu].conditions",
		    id, i);
		if (conds(json_object_get(x, "conditions"), &e->conds, dir,
		    where, err) != 0)
			return -1;
	}
	return 0;
}

int
cs_repair_rules_load(struct cs_repair_rules **rp, const struct cs_rules *ru,
    struct cs_error *err)
{
	struct cs_repair_rules *rr = cs_xcalloc(1, sizeof(*rr));
	const char *dir = ru->dir, *k;
	json_t *root, *rg, *v;

	*rp = NULL;
	root = cs_rules_json(dir, file, err);
	if (root == NULL)
		goto fail;
	if (load_deadlines(rr, json_object_get(root, "deadlines"), dir,
	    err) != 0)
		goto fail;
	rg = json_object_get(root, "regimes");
	if (!json_is_object(rg))
		goto bad_regimes;
	rr->rg = cs_xcalloc(json_object_size(rg) + 1, sizeof(*rr->rg));
	json_object_foreach(rg, k, v) {
		if (!json_is_object(v))
			goto bad_regimes;
		if (load_regime(&rr->rg[rr->nrg++], k, v, dir, err) != 0)
			goto fail;
	}
	v = json_object_get(root, "lists");
	if (conds(json_object_get(v, "conditions"), &rr->list_conds, dir,
	    "lists.conditions", err) != 0)
		goto fail;
	v = json_object_get(root, "how");
	if (!json_is_string(v)) {
		cs_rules_error(err, dir, file, "how: expected the text of the "
		    "repair notice");
		goto fail;
	}
	rr->how = cs_xstrdup(json_string_value(v));
	v = json_object_get(json_object_get(root, "lists"), "how");
	if (v != NULL && !json_is_string(v)) {
		cs_rules_error(err, dir, file, "lists.how: expected the text "
		    "of the repair notice of a list entry");
		goto fail;
	}
	if (v != NULL)
		rr->how_list = cs_xstrdup(json_string_value(v));
	json_decref(root);
	*rp = rr;
	return 0;
bad_regimes:
	cs_rules_error(err, dir, file, "regimes: expected an object of "
	    "regimes, each an object");
fail:
	json_decref(root);
	cs_repair_rules_free(rr);
	return -1;
}
