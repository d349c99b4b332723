/*
 * Loading a sampling plan: every message names the file and the key at
 * fault, as the rules loader does, and a plan the rules forbid (fewer
 * than two inspectors per target) is refused here, once for every tool.
 */
#include <jansson.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "domain/record.h"
#include "rules/plans.h"

static int
bad(struct cs_error *err, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
bad(struct cs_error *err, const char *file, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cs_error_vset(err, CS_EX_UNAVAILABLE, file, 0, fmt, ap);
	va_end(ap);
	return -1;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A whole number from 0 to max under key, or -1 (reported). */
static long
whole(const json_t *v, long max, const char *file, const char *key,
    struct cs_error *err)
{
	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) > max) {
		bad(err, file, "%s: expected a whole number from 0 to %ld", key,
		    max);
		return -1;
	}
	return (long)json_integer_value(v);
}

static int
load_class(struct cs_plan *p, size_t i, const json_t *c, const char *file,
    struct cs_error *err)
{
	struct cs_quota *q = &p->quota[i];
	const json_t *rate = json_object_get(c, "rate");
	const json_t *count = json_object_get(c, "count");
	const json_t *min = json_object_get(c, "min");
	const char *k;
	char key[160];
	json_t *v;

	if (!json_is_object(c))
		return bad(err, file, "classes.%s: expected an object with rate "
		    "(and min) or count", p->classes[i]);
	json_object_foreach((json_t *)c, k, v) {
		if (strcmp(k, "rate") != 0 && strcmp(k, "count") != 0 &&
		    strcmp(k, "min") != 0)
			return bad(err, file, "classes.%s.%s: unknown key (use "
			    "rate, min or count)", p->classes[i], k);
	}
	if ((rate == NULL) == (count == NULL))
		return bad(err, file, "classes.%s: give either rate or count",
		    p->classes[i]);
	if (count != NULL) {
		if (min != NULL)
			return bad(err, file, "classes.%s.min: only with a rate",
			    p->classes[i]);
		snprintf(key, sizeof(key), "classes.%s.count", p->classes[i]);
		q->fixed = 1;
		q->count = whole(count, 100000000, file, key, err);
		return q->count < 0 ? -1 : 0;
	}
	if (!json_is_string(rate) || cs_rate_parse(json_string_value(rate),
	    &q->rate) != 0)
		return bad(err, file, "classes.%s.rate: expected a decimal from "
		    "\"0\" to \"1\" as a string, like \"0.015\"",
		    p->classes[i]);
	if (min != NULL) {
		snprintf(key, sizeof(key), "classes.%s.min", p->classes[i]);
		q->min = whole(min, 100000000, file, key, err);
		if (q->min < 0)
			return -1;
	}
	return 0;
}

static int
load(struct cs_plan *p, const json_t *j, struct cs_error *err)
{
	static const char *const known[] = { "doc", "id", "title", "period",
	    "classes", "skip_recent", "skip_recent_except",
	    "inspectors_per_target", "distinct_units", NULL };
	const char *file = p->file, *k, *s;
	const json_t *v, *classes;
	struct cs_period per;
	size_t i, n;
	long m;

	json_object_foreach((json_t *)j, k, v) {
		for (i = 0; known[i] != NULL; i++)
			if (strcmp(k, known[i]) == 0)
				break;
		if (known[i] == NULL)
			return bad(err, file, "%s: unknown key", k);
	}
	s = json_string_value(json_object_get(j, "id"));
	if (s == NULL || !cs_id_valid(s, strlen(s)) || strchr(s, ':') != NULL)
		return bad(err, file, "id: expected 1 to 64 letters, digits, "
		    "'.', '_' or '-'");
	p->id = cs_xstrdup(s);
	s = json_string_value(json_object_get(j, "title"));
	p->title = cs_xstrdup(s != NULL ? s : p->id);
	s = json_string_value(json_object_get(j, "period"));
	m = 0;
	if (s != NULL && cs_period_parse(s, &per) == 0 && per.days == 0)
		m = per.years * 12L + per.months;
	if (m != 12 && m != 6 && m != 3 && m != 1)
		return bad(err, file, "period: expected P1Y, P6M, P3M or P1M");
	p->period = cs_xstrdup(s);
	p->period_months = (int)m;
	classes = json_object_get(j, "classes");
	if (!json_is_object(classes) || json_object_size(classes) == 0)
		return bad(err, file, "classes: expected an object of classes");
	n = json_object_size(classes);
	/* cs-sample keeps a class index in a byte. */
	if (n > CS_PLAN_MAX_CLASSES)
		return bad(err, file, "classes: %zu classes; a plan has at most "
		    "%d", n, CS_PLAN_MAX_CLASSES);
	p->classes = cs_xcalloc(n, sizeof(char *));
	p->quota = cs_xcalloc(n, sizeof(*p->quota));
	json_object_foreach((json_t *)classes, k, v) {
		if (*k == '\0' || strlen(k) > 16 || strpbrk(k, ",\"\n\r") !=
		    NULL)
			return bad(err, file, "classes: '%s' is not a class name",
			    k);
		p->classes[p->nclasses++] = cs_xstrdup(k);
	}
	qsort(p->classes, n, sizeof(char *), by_name);
	for (i = 0; i < n; i++)
		if (load_class(p, i, json_object_get(classes, p->classes[i]),
		    file, err) != 0)
			return -1;
	v = json_object_get(j, "skip_recent");
	if (v != NULL) {
		s = json_string_value(v);
		if (s == NULL || cs_period_parse(s, &p->skip) != 0)
			return bad(err, file, "skip_recent: expected a period "
			    "like P1Y or P6M");
		p->has_skip = 1;
		p->skip_text = cs_xstrdup(s);
	}
	v = json_object_get(j, "skip_recent_except");
	if (v != NULL && !json_is_array(v))
		return bad(err, file, "skip_recent_except: expected an array "
		    "of classes");
	if (v == NULL && cs_plan_class(p, "D") >= 0) {
		p->skip_except = cs_xcalloc(1, sizeof(char *));
		p->skip_except[p->nskip_except++] = cs_xstrdup("D");
	}
	for (i = 0; v != NULL && i < json_array_size(v); i++) {
		s = json_string_value(json_array_get(v, i));
		if (s == NULL || cs_plan_class(p, s) < 0)
			return bad(err, file, "skip_recent_except[%zu]: expected "
			    "one of the plan's classes", i);
		p->skip_except = cs_xreallocarray(p->skip_except,
		    p->nskip_except + 1, sizeof(char *));
		p->skip_except[p->nskip_except++] = cs_xstrdup(s);
	}
	v = json_object_get(j, "inspectors_per_target");
	p->per_target = 2;
	if (v != NULL) {
		if (!json_is_integer(v) || json_integer_value(v) > 100)
			return bad(err, file, "inspectors_per_target: expected a "
			    "whole number");
		if (json_integer_value(v) < 2)
			return bad(err, file, "inspectors_per_target: %lld is "
			    "fewer than the 2 inspectors per target the rules "
			    "require", (long long)json_integer_value(v));
		p->per_target = (int)json_integer_value(v);
	}
	v = json_object_get(j, "distinct_units");
	if (v != NULL && !json_is_boolean(v))
		return bad(err, file, "distinct_units: expected true or false");
	p->distinct_units = v == NULL || json_is_true(v);
	return 0;
}

/* The bytes of path into b (initialised here): 0, or -1 when unreadable. */
static int
slurp(const char *path, struct cs_buf *b)
{
	char chunk[4096];
	size_t n;
	FILE *fp;
	int rc = 0;

	cs_buf_init(b);
	fp = fopen(path, "rb");
	if (fp == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		cs_buf_add(b, chunk, n);
	if (ferror(fp))
		rc = -1;
	fclose(fp);
	return rc;
}

int
cs_plan_name_ok(const char *name)
{
	if (strchr(name, '/') != NULL)
		return 1;
	return name[0] != '\0' && strspn(name, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") == strlen(name);
}

int
cs_plan_load(struct cs_plan **pp, const char *rules_dir, const char *name,
    struct cs_error *err)
{
	struct cs_plan *p;
	struct cs_buf b;
	char path[PATH_MAX];
	json_error_t je;
	json_t *j;
	int rc = -1, readable;

	*pp = NULL;
	if (!cs_plan_name_ok(name))
		return cs_error_set(err, CS_EX_USAGE, NULL, 0, "invalid --plan "
		    "'%s': %s", name, CS_PLAN_NAME_RULE);
	p = cs_xcalloc(1, sizeof(*p));
	if (strchr(name, '/') != NULL)
		cs_fmt(path, sizeof(path), "%s", name);
	else
		cs_fmt(path, sizeof(path), "%s/sampling/%s.json", rules_dir,
		    name);
	p->file = cs_xstrdup(path);
	/* The bytes are read once: parsed, and hashed for the draw's event. */
	j = NULL;
	readable = slurp(path, &b) == 0;
	if (readable) {
		cs_sha256_hex(b.s, b.len, p->hash);
		j = json_loadb(b.s, b.len, JSON_REJECT_DUPLICATES, &je);
	}
	if (j == NULL) {
		if (!readable)
			bad(err, path, "cannot read the plan (is --plan right?)");
		else
			bad(err, path, "line %d, column %d: %s", je.line,
			    je.column, je.text);
	} else if (!json_is_object(j)) {
		bad(err, path, "the top level is not an object");
	} else {
		rc = load(p, j, err);
	}
	json_decref(j);
	cs_buf_release(&b);
	if (rc != 0)
		cs_plan_free(p);
	else
		*pp = p;
	return rc;
}

void
cs_plan_free(struct cs_plan *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->nclasses; i++)
		free(p->classes[i]);
	for (i = 0; i < p->nskip_except; i++)
		free(p->skip_except[i]);
	free(p->classes);
	free(p->quota);
	free(p->skip_except);
	free(p->skip_text);
	free(p->file);
	free(p->id);
	free(p->title);
	free(p->period);
	free(p);
}

long
cs_plan_class(const struct cs_plan *p, const char *cls)
{
	size_t i;

	for (i = 0; i < p->nclasses; i++)
		if (p->classes[i] != NULL && strcmp(p->classes[i], cls) == 0)
			return (long)i;
	return -1;
}

int
cs_plan_skips(const struct cs_plan *p, const char *cls)
{
	size_t i;

	if (!p->has_skip)
		return 0;
	for (i = 0; i < p->nskip_except; i++)
		if (strcmp(p->skip_except[i], cls) == 0)
			return 0;
	return 1;
}

char *
cs_plan_class_list(const struct cs_plan *p)
{
	struct cs_buf b;
	size_t i;

	cs_buf_init(&b);
	for (i = 0; i < p->nclasses; i++) {
		if (i > 0)
			cs_buf_adds(&b, ", ");
		cs_buf_adds(&b, p->classes[i]);
	}
	return cs_buf_detach(&b);
}

void
cs_plan_period_label(const struct cs_plan *p, int day, char *out)
{
	int y, m, d;

	cs_civil_from_days(day, &y, &m, &d);
	switch (p->period_months) {
	case 12:
		cs_fmt(out, 16, "%04d", y);
		break;
	case 6:
		cs_fmt(out, 16, "%04d-H%d", y, (m - 1) / 6 + 1);
		break;
	case 3:
		cs_fmt(out, 16, "%04d-Q%d", y, (m - 1) / 3 + 1);
		break;
	default:
		cs_fmt(out, 16, "%04d-%02d", y, m);
	}
}

int
cs_plan_skip_cut(const struct cs_plan *p, int as_of)
{
	/*
	 * Below the answer, then up to it: periods clamp at month ends.  A
	 * draw on day c is recent through the last day of its period (the
	 * Civil Code's count) and no longer once the day after has come.
	 */
	int c = as_of - (p->skip.years * 366 + p->skip.months * 31 +
	    p->skip.days) - 3;
	int after;

	for (;;) {
		cs_period_end(c + 1, &p->skip, NULL, &after);
		if (after > as_of)
			break;
		c++;
	}
	return c;
}
