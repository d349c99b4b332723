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
#include "domain/record.h"

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
	struct cs_strlist fine_hints;	/* parts of a column name that look
					   like a fine in another unit */
	struct cs_vocab parties;	/* party categories and their spellings */
	struct cs_sevrule *r;		/* in order: the first that matches wins */
	size_t n;
	long long implausible;		/* fine_10k_yuan at which to warn, in
					   fen (millionths); 0: never */
	char implausible_text[32];	/* the same as the file gives it */
	int loaded;			/* 0: no severity.json, nothing derived */
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
	const char *fine_elsewhere;	/* a column that looks like a fine in
					   another unit, named when the rules
					   need fine_10k_yuan; NULL: none */
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

/*
 * A decimal amount of 10,000 yuan in millionths, that is in fen (the
 * unit the fine rules compare): 0 with *out, or -1 when s is not a non-negative
 * decimal.  Decimals past the sixth are cut.
 */
int cs_fine_10k_scaled(const char *s, long long *out);

/*
 * The decimal s with its point moved shift places to the left, exactly
 * (no floating point) and without needless zeros: "150000" by 4 is "15",
 * "12345" is "1.2345", "0.5" is "0.00005"; by 0 it is s normalised
 * ("015.50" is "15.5").  0 with out, or -1 when s is not digits with an
 * optional '.' part or out is too small.
 */
int cs_decimal_shift(const char *s, int shift, char *out, size_t outsz);

/*
 * 1 with a warning in warn when fine (fine_10k_yuan) is at or above the
 * implausible amount of sv (yuan given in the 万元 column, most likely),
 * else 0.
 */
int cs_severity_implausible(const struct cs_severity *sv, const char *fine,
    char *warn, size_t warnsz);

/*
 * Fold the extra column fine_yuan (yuan: 罚款金额（元）) of f into
 * fine_10k_yuan, exactly, and drop it.  0 when f has none, 1 folded (a
 * fine_10k_yuan given too and the same amount is kept as given), -1 with
 * the reason in msg: not a decimal, or both given and they disagree.
 */
int cs_fields_fine_yuan(struct cs_fields *f, char *msg, size_t msgsz);

/*
 * The name (borrowed from f) of an extra column of f that looks like a
 * fine in another or an unknown unit (罚款金额 without its unit, fine in
 * thousands): one whose name holds one of sv's fine_hints (a hint of
 * ASCII letters matches the start of the name, in any case), or NULL.
 */
const char *cs_fields_fine_elsewhere(const struct cs_severity *sv,
    const struct cs_fields *f);

#endif
