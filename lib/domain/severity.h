/*
 * Severity derived from the decision itself (share/cs/severity.json): an
 * ordered list of rules, each in force between two dates, each matching
 * penalty categories, a fine against the threshold of the party's
 * category (per province where it differs), the domain or the
 * authority's region, and giving a severity with its source.  Pure:
 * lib/rules loads the rules; this judges one record.
 */
#ifndef CS_DOMAIN_SEVERITY_H
#define CS_DOMAIN_SEVERITY_H

#include <stddef.h>

#include "domain/catalog.h"
#include "domain/publicity.h"

/* A fine threshold of a party category, in fen (0.01 yuan). */
struct cs_fine_threshold {
	char *party;			/* canonical party category */
	char province[3];		/* "" for every province, else "44" */
	long long fen;
};

struct cs_sevrule {
	char *id;
	char *severity;			/* canonical severity */
	char *source;			/* the standard it comes from */
	int from, until;		/* days; INT_MIN, INT_MAX when open */
	struct cs_strlist any;		/* penalty_categories_any */
	struct cs_strlist only;		/* penalty_categories_only */
	struct cs_strlist domains;
	struct cs_strlist regions;	/* prefixes of the authority's region */
	struct cs_fine_threshold *fine;	/* fine_at_least (nfine 0: none) */
	size_t nfine;
};

struct cs_severity {
	struct cs_strlist types;	/* record types whose severity is derived */
	struct cs_strlist fine_categories; /* categories that are a fine */
	struct cs_vocab parties;	/* party categories and their spellings */
	struct cs_sevrule *r;		/* in order: the first that matches wins */
	size_t n;
};

/* Free what sv holds and empty it. */
void cs_severity_release(struct cs_severity *sv);

/* A record as the rules see it; strings borrowed, NULL when absent. */
struct cs_sevrec {
	const char *type;
	const char *penalty_category;
	const char *fine_10k_yuan;	/* a decimal number of 10,000 yuan */
	const char *party_category;
	const char *domain;
	const char *authority_uscc;	/* its region: positions 3-8 */
	int decided;			/* days */
};

/* 1 when records of type (n bytes) get a derived severity. */
int cs_severity_applies(const struct cs_severity *sv, const char *type,
    size_t n);

/*
 * Derive the severity of r by the first rule in force on r->decided that
 * matches it.  A rule that cannot be decided because r lacks a value it
 * needs stops the search (a later rule must not win by default): 0 with
 * the reason in why ("rule 'large-fine' needs fine_10k_yuan and
 * party_category").  Returns 1 with *rule (borrowed from sv), or 0 with
 * why (also when no rule matches).
 */
int cs_severity_derive(const struct cs_severity *sv,
    const struct cs_sevrec *r, const struct cs_sevrule **rule, char *why,
    size_t whysz);

/*
 * A decimal amount of yuan ("100000", "2.5") in fen: 0 with *fen, -1
 * when it is not a non-negative decimal with at most 2 decimals.
 */
int cs_yuan_fen(const char *s, long long *fen);

#endif
