/*
 * Publicity regimes: which regime judges a penalty, and from when it may
 * be repaired.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/publicity.h"

void
cs_publicity_release(struct cs_publicity *pb)
{
	size_t i, k;

	for (i = 0; i < pb->n; i++) {
		for (k = 0; k < pb->r[i].nsev; k++)
			free(pb->r[i].sev[k].key);
		for (k = 0; k < pb->r[i].ndom; k++)
			free(pb->r[i].dom[k].key);
		free(pb->r[i].sev);
		free(pb->r[i].dom);
		free(pb->r[i].id);
	}
	free(pb->r);
	memset(pb, 0, sizeof(*pb));
}

int
cs_publicity_repair_from(const struct cs_publicity *pb, int day,
    const char *severity, const char *domain, int *from,
    const char **regime)
{
	const struct cs_publicity_rule *rule = NULL;
	const struct cs_regime *r;
	size_t i, k;

	for (i = 0; i < pb->n; i++) {
		r = &pb->r[i];
		if (day < r->from || day > r->until)
			continue;
		for (k = 0; severity != NULL && k < r->nsev; k++)
			if (strcmp(r->sev[k].key, severity) == 0)
				rule = &r->sev[k];
		if (rule == NULL)
			return 0;
		for (k = 0; domain != NULL && k < r->ndom; k++)
			if (strcmp(r->dom[k].key, domain) == 0)
				rule = &r->dom[k];
		*from = day;
		if (rule->has_min)
			cs_period_end(day, &rule->min, NULL, from);
		*regime = r->id;
		return 1;
	}
	return 0;
}
