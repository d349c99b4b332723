/*
 * Publicity of penalty decisions (DESIGN.md 5.3): the regimes of
 * share/cs/publicity.json, each in force from a date, with the minimum
 * publicity per severity and domain before a penalty may be repaired.
 * Pure: lib/rules loads the regimes.
 */
#ifndef CS_DOMAIN_PUBLICITY_H
#define CS_DOMAIN_PUBLICITY_H

#include <stddef.h>

#include "domain/calendar.h"

/* The minimum publicity of a severity or a domain. */
struct cs_publicity_rule {
	char *key;			/* severity or domain */
	int has_min;			/* 0: repair possible at once */
	struct cs_period min;
	char min_text[16];
};

struct cs_regime {
	char *id;
	int from, until;		/* days; until INT_MAX when open */
	struct cs_publicity_rule *sev;
	size_t nsev;
	struct cs_publicity_rule *dom;
	size_t ndom;
};

struct cs_publicity {
	struct cs_regime *r;
	size_t n;
};

/* Free what pb holds and empty it. */
void cs_publicity_release(struct cs_publicity *pb);
/*
 * The first day a penalty decided on day with severity and domain (NULL
 * allowed) may be repaired, the day after the minimum's last day
 * (cs_period_end: decided 2025-01-10, P3M, from 2025-04-11): 1 with
 * *from and *regime (borrowed), 0 when no regime covers the day or the
 * severity.
 */
int cs_publicity_repair_from(const struct cs_publicity *pb, int day,
    const char *severity, const char *domain, int *from,
    const char **regime);

#endif
