/*
 * Scoring models as data: points in tenths, and the model that applies to
 * an industry.  lib/rules/models.c loads them.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/model.h"

int
cs_points_parse(const char *s, long *tenths)
{
	long v = 0;
	int neg = 0, digits = 0;

	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > 100000000)
			return -1;
		v = v * 10 + (*s - '0');
		digits++;
	}
	if (digits == 0)
		return -1;
	v *= 10;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return -1;
		v += *s++ - '0';
	}
	if (*s != '\0')
		return -1;
	*tenths = neg ? -v : v;
	return 0;
}

void
cs_points_format(long tenths, int plus, char out[24])
{
	unsigned long a = tenths < 0 ? (unsigned long)-tenths :
	    (unsigned long)tenths;

	cs_fmt(out, 24, "%s%lu.%lu", tenths < 0 ? "-" : plus && tenths > 0 ?
	    "+" : "", a / 10, a % 10);
}

const struct cs_model *
cs_models_pick(const struct cs_models *ms, const char *industry)
{
	size_t i, best = 0, len;
	long pick = -1;

	if (industry == NULL || ms->forced)
		return ms->base;
	for (i = 0; i < ms->nprefix; i++) {
		len = strlen(ms->prefix[i]);
		if (len > best && strncmp(industry, ms->prefix[i], len) == 0) {
			best = len;
			pick = (long)ms->which[i];
		}
	}
	return pick < 0 ? ms->base : ms->ind[pick];
}

static void
add_list(const char ***v, size_t *n, const char *list)
{
	size_t i;

	if (list == NULL)
		return;
	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i], list) == 0)
			return;
	*v = cs_xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = list;
}

const char **
cs_models_lists(const struct cs_models *ms, size_t *n)
{
	const struct cs_model *m;
	const char **v = NULL;
	size_t i, k;

	*n = 0;
	for (i = 0; i <= ms->nind; i++) {
		m = i == 0 ? ms->base : ms->ind[i - 1];
		for (k = 0; k < m->nrules; k++)
			add_list(&v, n, m->rules[k].m.list);
		for (k = 0; k < m->ndets; k++)
			add_list(&v, n, m->dets[k].m.list);
	}
	return v;
}

const struct cs_model *
cs_models_find(const struct cs_models *ms, const char *id)
{
	size_t i;

	if (strcmp(ms->base->id, id) == 0)
		return ms->base;
	for (i = 0; i < ms->nind; i++)
		if (strcmp(ms->ind[i]->id, id) == 0)
			return ms->ind[i];
	return NULL;
}
