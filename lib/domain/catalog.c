/*
 * The record catalogue: value lists matched without regard to ASCII case,
 * and the record types by name.
 */
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "domain/catalog.h"

/* Lower-case ASCII copy. */
static char *
lower(const char *s, size_t n)
{
	char *p = cs_xstrndup(s, n);
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] >= 'A' && p[i] <= 'Z')
			p[i] = (char)(p[i] + 32);
	return p;
}

void
cs_vocab_add(struct cs_vocab *v, const char *value, const char *spelling)
{
	size_t i;

	for (i = 0; i < v->nvalues; i++)
		if (strcmp(v->values[i], value) == 0)
			break;
	if (i == v->nvalues) {
		v->values = cs_xreallocarray(v->values, v->nvalues + 1,
		    sizeof(char *));
		v->values[v->nvalues++] = cs_xstrdup(value);
	}
	v->spelling = cs_xreallocarray(v->spelling, v->n + 1, sizeof(char *));
	v->value = cs_xreallocarray(v->value, v->n + 1, sizeof(char *));
	v->spelling[v->n] = lower(spelling, strlen(spelling));
	v->value[v->n] = v->values[i];
	v->n++;
}

void
cs_vocab_release(struct cs_vocab *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		free(v->spelling[i]);
	for (i = 0; i < v->nvalues; i++)
		free(v->values[i]);
	free(v->spelling);
	free(v->value);
	free(v->values);
	memset(v, 0, sizeof(*v));
}

const char *
cs_vocab_lookup(const struct cs_vocab *v, const char *s, size_t n)
{
	char buf[128];
	size_t i;

	if (n >= sizeof(buf))
		return NULL;
	for (i = 0; i < n; i++)
		buf[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	buf[n] = '\0';
	for (i = 0; i < v->n; i++)
		if (strcmp(v->spelling[i], buf) == 0)
			return v->value[i];
	return NULL;
}

char *
cs_vocab_list(const struct cs_vocab *v)
{
	struct cs_buf b;
	size_t i;

	cs_buf_init(&b);
	for (i = 0; i < v->nvalues; i++) {
		if (i > 0)
			cs_buf_adds(&b, ", ");
		cs_buf_adds(&b, v->values[i]);
	}
	return cs_buf_detach(&b);
}

const struct cs_rtype *
cs_catalog_type(const struct cs_catalog *cat, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < cat->ntypes; i++)
		if (strlen(cat->types[i].name) == n &&
		    memcmp(cat->types[i].name, name, n) == 0)
			return &cat->types[i];
	return NULL;
}

void
cs_catalog_release(struct cs_catalog *cat)
{
	size_t i;

	if (cat == NULL)
		return;
	for (i = 0; i < cat->ntypes; i++) {
		free(cat->types[i].name);
		free(cat->types[i].title);
		free(cat->types[i].en);
		free(cat->types[i].ref_type);
		free(cat->types[i].settled_by);
	}
	free(cat->types);
	cs_vocab_release(&cat->severities);
	cs_vocab_release(&cat->booleans);
	cs_vocab_release(&cat->domains);
	cs_vocab_release(&cat->entity_kinds);
	cs_vocab_release(&cat->entity_statuses);
	cs_vocab_release(&cat->resident_id_types);
	memset(cat, 0, sizeof(*cat));
}
