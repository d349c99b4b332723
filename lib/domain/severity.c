/*
 * Severity from the decision: the first rule of severity.json in force
 * on the decision date that matches the record gives its severity.  Each
 * condition of a rule matches, fails, or cannot be decided for want of a
 * value; a rule that cannot be decided stops the search, so a severity
 * is never guessed.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"
#include "domain/severity.h"

static void
strlist_release(struct cs_strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void
cs_severity_release(struct cs_severity *sv)
{
	struct cs_sevrule *r;
	size_t i, k;

	for (i = 0; i < sv->n; i++) {
		r = &sv->r[i];
		free(r->id);
		free(r->severity);
		free(r->source);
		strlist_release(&r->any);
		strlist_release(&r->only);
		strlist_release(&r->domains);
		strlist_release(&r->regions);
		for (k = 0; k < r->nfine; k++)
			free(r->fine[k].party);
		free(r->fine);
	}
	free(sv->r);
	strlist_release(&sv->types);
	strlist_release(&sv->fine_categories);
	strlist_release(&sv->fine_hints);
	cs_vocab_release(&sv->parties);
	memset(sv, 0, sizeof(*sv));
}

/* 1 when the n bytes at s are one of l (ASCII case ignored). */
static int
in_list(const struct cs_strlist *l, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strlen(l->v[i]) == n && strncasecmp(l->v[i], s, n) == 0)
			return 1;
	return 0;
}

int
cs_severity_applies(const struct cs_severity *sv, const char *type,
    size_t n)
{
	return type != NULL && in_list(&sv->types, type, n);
}

/*
 * A non-negative decimal with at most maxdec decimals, scaled by
 * 10^scale (scale >= maxdec): 0 with *out, or -1.  More decimals than
 * maxdec are cut, which never moves a value across a whole threshold.
 */
static int
decimal_scaled(const char *s, int maxdec, int scale, long long *out)
{
	long long v = 0;
	int dec = -1, d = 0;

	if (s == NULL || *s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s == '.' && dec < 0) {
			dec = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || v > LLONG_MAX / 100)
			return -1;
		if (dec >= 0 && dec >= maxdec) {
			dec++;
			continue;
		}
		v = v * 10 + (*s - '0');
		d++;
		if (dec >= 0)
			dec++;
	}
	if (d == 0)
		return -1;
	for (dec = dec < 0 ? 0 : dec > maxdec ? maxdec : dec; dec < scale;
	    dec++)
		v *= 10;
	*out = v;
	return 0;
}

int
cs_yuan_fen(const char *s, long long *fen)
{
	const char *dot = s != NULL ? strchr(s, '.') : NULL;

	if (dot != NULL && strlen(dot + 1) > 2)
		return -1;
	return decimal_scaled(s, 2, 2, fen);
}

int
cs_fine_10k_scaled(const char *s, long long *out)
{
	return decimal_scaled(s, 6, 6, out);
}

int
cs_decimal_shift(const char *s, int shift, char *out, size_t outsz)
{
	char dig[96];
	size_t n, i, point = 0, end;
	int seen = 0;

	if (s == NULL || shift < 0 || shift > 16)
		return -1;
	memset(dig, '0', (size_t)shift);
	n = (size_t)shift;
	for (; *s != '\0'; s++) {
		if (*s == '.' && !seen && n > (size_t)shift) {
			seen = 1;
			point = n - (size_t)shift;
			continue;
		}
		if (*s < '0' || *s > '9' || n + 1 >= sizeof(dig))
			return -1;
		dig[n++] = *s;
	}
	if (n == (size_t)shift || (seen && point + (size_t)shift == n))
		return -1;
	if (!seen)
		point = n - (size_t)shift;
	/*
	 * With shift zeros in front, the point moved shift places to the
	 * left falls where it stood in s: dig[0..point) is the integer part.
	 */
	for (i = 0; i + 1 < point && dig[i] == '0'; i++)
		;
	for (end = n; end > point && dig[end - 1] == '0'; end--)
		;
	if (point - i + (end > point ? end - point + 1 : 0) + 1 > outsz)
		return -1;
	memcpy(out, dig + i, point - i);
	n = point - i;
	if (end > point) {
		out[n++] = '.';
		memcpy(out + n, dig + point, end - point);
		n += end - point;
	}
	out[n] = '\0';
	return 0;
}

int
cs_severity_implausible(const struct cs_severity *sv, const char *fine,
    char *warn, size_t warnsz)
{
	long long v;

	if (sv == NULL || sv->implausible <= 0 || fine == NULL ||
	    decimal_scaled(fine, 6, 6, &v) != 0 || v < sv->implausible)
		return 0;
	cs_fmt(warn, warnsz, "fine_10k_yuan '%s' is %s or more (in 10,000 "
	    "yuan): it looks like yuan in the 万元 column", fine,
	    sv->implausible_text);
	return 1;
}

int
cs_fields_fine_yuan(struct cs_fields *f, char *msg, size_t msgsz)
{
	const char *y = NULL, *g = f->v[R_FINE_10K_YUAN];
	char tenk[100], given[100];
	size_t i;

	for (i = 0; i < f->nx; i++)
		if (strcmp(f->xname[i], "fine_yuan") == 0)
			y = f->xval[i];
	if (y == NULL)
		return 0;
	if (cs_decimal_shift(y, 4, tenk, sizeof(tenk)) != 0) {
		cs_fmt(msg, msgsz, "fine_yuan '%s' is not a decimal number of "
		    "yuan (digits with an optional '.' part)", y);
		return -1;
	}
	if (g != NULL && cs_decimal_shift(g, 0, given, sizeof(given)) == 0 &&
	    strcmp(given, tenk) != 0) {
		cs_fmt(msg, msgsz, "fine_yuan '%s' is %s in 10,000 yuan but "
		    "fine_10k_yuan is '%s': give one of them, or both the "
		    "same", y, tenk, g);
		return -1;
	}
	if (g == NULL)
		cs_fields_put(f, R_FINE_10K_YUAN, tenk, strlen(tenk));
	cs_fields_put_extra(f, "fine_yuan", "", 0);
	return 1;
}

/* Is s all ASCII letters? */
static int
ascii_word(const char *s)
{
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
			return 0;
	return 1;
}

const char *
cs_fields_fine_elsewhere(const struct cs_severity *sv,
    const struct cs_fields *f)
{
	const char *h;
	size_t i, k;

	for (i = 0; i < f->nx; i++)
		for (k = 0; k < sv->fine_hints.n; k++) {
			h = sv->fine_hints.v[k];
			if (ascii_word(h) ? strncasecmp(f->xname[i], h,
			    strlen(h)) == 0 : strstr(f->xname[i], h) != NULL)
				return f->xname[i];
		}
	return NULL;
}

/* The judgement of one rule: what it needs and lacks, or why not. */
struct judge {
	char lacks[256];		/* column names, ", "-separated */
	char why[512];			/* a reason other than a lack, or "" */
};

static int
lack(struct judge *j, const char *col)
{
	size_t n = strlen(j->lacks);

	if (strstr(j->lacks, col) == NULL)
		cs_fmt(j->lacks + n, sizeof(j->lacks) - n, "%s%s",
		    n > 0 ? "," : "", col);
	return -1;
}

/* 1 when any category of cat is in l, 0 when none, -1: no categories. */
static int
match_any(const struct cs_strlist *l, const char *cat, struct judge *j)
{
	const char *it;
	size_t n;

	if (cat == NULL)
		return lack(j, "penalty_category");
	while ((it = cs_category_next(&cat, &n)) != NULL)
		if (in_list(l, it, n))
			return 1;
	return 0;
}

/* 1 when every category of cat is in l (and there is one). */
static int
match_only(const struct cs_strlist *l, const char *cat, struct judge *j)
{
	const char *it;
	size_t n;
	int any = 0;

	if (cat == NULL)
		return lack(j, "penalty_category");
	while ((it = cs_category_next(&cat, &n)) != NULL) {
		if (!in_list(l, it, n))
			return 0;
		any = 1;
	}
	return any;
}

/* The six digits of the region of a USCC (normalised loosely), or 0. */
static int
region_of(const char *uscc, char out[7])
{
	char u[19];
	size_t n = 0;
	int i;

	if (uscc == NULL)
		return 0;
	for (; *uscc != '\0' && n < 19; uscc++)
		if (*uscc != ' ' && *uscc != '-')
			u[n++] = *uscc;
	if (n != 18 || *uscc != '\0')
		return 0;
	for (i = 0; i < 6; i++) {
		if (u[2 + i] < '0' || u[2 + i] > '9')
			return 0;
		out[i] = u[2 + i];
	}
	out[6] = '\0';
	return 1;
}

static int
match_region(const struct cs_strlist *l, const char *uscc, struct judge *j)
{
	char region[7];
	size_t i;

	if (!region_of(uscc, region))
		return lack(j, "authority_uscc");
	for (i = 0; i < l->n; i++)
		if (strncmp(region, l->v[i], strlen(l->v[i])) == 0)
			return 1;
	return 0;
}

/* 1 when a category of cat is a fine; 0 when none; -1: no categories. */
static int
has_fine(const struct cs_severity *sv, const char *cat)
{
	const char *it;
	size_t n;

	if (cat == NULL)
		return -1;
	while ((it = cs_category_next(&cat, &n)) != NULL)
		if (in_list(&sv->fine_categories, it, n))
			return 1;
	return 0;
}

/* The threshold of party (canonical) for r: 1 with *fen, or -1. */
static int
threshold(const struct cs_sevrule *ru, const char *party,
    const struct cs_sevrec *r, long long *fen, struct judge *j)
{
	const struct cs_fine_threshold *def = NULL, *prov = NULL;
	char region[7];
	int by_province = 0, known;
	size_t i;

	known = region_of(r->authority_uscc, region);
	for (i = 0; i < ru->nfine; i++) {
		if (strcmp(ru->fine[i].party, party) != 0)
			continue;
		if (ru->fine[i].province[0] == '\0') {
			def = &ru->fine[i];
			continue;
		}
		by_province = 1;
		if (known && strncmp(region, ru->fine[i].province, 2) == 0)
			prov = &ru->fine[i];
	}
	/* Thresholds that differ by province need the authority's. */
	if (by_province && !known)
		return lack(j, "authority_uscc");
	if (prov == NULL)
		prov = def;
	if (prov == NULL) {
		cs_fmt(j->why, sizeof(j->why), "has no fine threshold for "
		    "party_category '%s'", r->party_category);
		return -1;
	}
	*fen = prov->fen;
	return 1;
}

/* 1 when spelling i of v is one of its canonical values. */
static int
is_key(const struct cs_vocab *v, size_t i)
{
	size_t k;

	for (k = 0; k < v->nvalues; k++)
		if (strcmp(v->spelling[i], v->values[k]) == 0)
			return 1;
	return 0;
}

/*
 * "does not know party_category 'x' (it knows a, b, c and N more
 * spellings in party_categories)": the first spelling of each category
 * as the file gives them, not the canonical keys.
 */
static void
unknown_party(const struct cs_vocab *v, const char *party, struct judge *j)
{
	size_t i, k, n, shown = 0, total = 0;

	cs_fmt(j->why, sizeof(j->why), "does not know party_category '%s' "
	    "(it knows ", party);
	for (i = 0; i < v->n; i++)
		total += !is_key(v, i);
	for (k = 0; k < v->nvalues; k++)
		for (i = 0; i < v->n; i++) {
			if (v->value[i] != v->values[k] || is_key(v, i))
				continue;
			n = strlen(j->why);
			cs_fmt(j->why + n, sizeof(j->why) - n, "%s%s",
			    shown > 0 ? ", " : "", v->spelling[i]);
			shown++;
			break;
		}
	n = strlen(j->why);
	if (total > shown)
		cs_fmt(j->why + n, sizeof(j->why) - n, " and %zu more "
		    "spellings in party_categories)", total - shown);
	else
		cs_fmt(j->why + n, sizeof(j->why) - n, " in "
		    "party_categories)");
}

static int
match_fine(const struct cs_severity *sv, const struct cs_sevrule *ru,
    const struct cs_sevrec *r, struct judge *j)
{
	const char *party;
	long long fen, limit = 0;
	int f;

	/*
	 * A record none of whose categories is a fine has no fine, whatever
	 * amount it carries (an amount confiscated, a column filled in by
	 * habit): only a fine is measured against the threshold.
	 */
	f = has_fine(sv, r->penalty_category);
	if (f == 0)
		return 0;
	if (f < 0) {
		lack(j, "penalty_category");
		if (r->fine_10k_yuan == NULL)
			lack(j, "fine_10k_yuan");
		return -1;
	}
	if (r->fine_10k_yuan == NULL)
		return lack(j, "fine_10k_yuan");
	/* 10,000 yuan with up to 6 decimals: fen (0.01 yuan). */
	if (decimal_scaled(r->fine_10k_yuan, 6, 6, &fen) != 0) {
		cs_fmt(j->why, sizeof(j->why), "cannot read fine_10k_yuan "
		    "'%s' as a number", r->fine_10k_yuan);
		return -1;
	}
	if (r->party_category == NULL)
		return lack(j, "party_category");
	party = cs_vocab_lookup(&sv->parties, r->party_category,
	    strlen(r->party_category));
	if (party == NULL) {
		unknown_party(&sv->parties, r->party_category, j);
		return -1;
	}
	if (threshold(ru, party, r, &limit, j) < 0)
		return -1;
	return fen >= limit;
}

/* 1, 0, or -1 (cannot be decided: j says why) for rule ru and r. */
static int
rule_matches(const struct cs_severity *sv, const struct cs_sevrule *ru,
    const struct cs_sevrec *r, struct judge *j)
{
	int m[5], i, unknown = 0;

	m[0] = ru->any.n > 0 ? match_any(&ru->any, r->penalty_category, j) : 1;
	m[1] = ru->only.n > 0 ? match_only(&ru->only, r->penalty_category,
	    j) : 1;
	m[2] = ru->domains.n == 0 ? 1 : r->domain == NULL ? lack(j,
	    "domain") : in_list(&ru->domains, r->domain, strlen(r->domain));
	m[3] = ru->regions.n > 0 ? match_region(&ru->regions,
	    r->authority_uscc, j) : 1;
	m[4] = ru->nfine > 0 ? match_fine(sv, ru, r, j) : 1;
	for (i = 0; i < 5; i++) {
		if (m[i] == 0)
			return 0;
		if (m[i] < 0)
			unknown = 1;
	}
	return unknown ? -1 : 1;
}

/* "a, b and c" of the ","-separated names in s, into out. */
static void
words(const char *s, char *out, size_t outsz)
{
	const char *p, *last = strrchr(s, ',');
	size_t n = 0;

	out[0] = '\0';
	for (p = s; *p != '\0' && n + 6 < outsz; p++) {
		if (*p != ',') {
			out[n++] = *p;
			continue;
		}
		cs_fmt(out + n, outsz - n, "%s", p == last ? " and " : ", ");
		n += strlen(out + n);
	}
	out[n < outsz ? n : outsz - 1] = '\0';
}

/* Say that column name looks like a fine in another unit, after why. */
static void
fine_hint(char *why, size_t whysz, const char *name)
{
	size_t n = strlen(why);

	cs_fmt(why + n, whysz - n, "; column '%s' looks like a fine in "
	    "another or an unknown unit: give it as 罚款金额（元） (fine_yuan) "
	    "or 罚款金额（万元） (fine_10k_yuan)", name);
}

int
cs_severity_derive(const struct cs_severity *sv, const struct cs_sevrec *r,
    const struct cs_sevrule **rule, char *why, size_t whysz)
{
	struct judge j;
	char names[300];
	size_t i;
	int m, any = 0;

	*rule = NULL;
	for (i = 0; i < sv->n; i++) {
		if (r->decided < sv->r[i].from || r->decided > sv->r[i].until)
			continue;
		any = 1;
		memset(&j, 0, sizeof(j));
		m = rule_matches(sv, &sv->r[i], r, &j);
		if (m == 1) {
			*rule = &sv->r[i];
			return 1;
		}
		if (m == 0)
			continue;
		if (j.lacks[0] != '\0') {
			words(j.lacks, names, sizeof(names));
			cs_fmt(why, whysz, "rule '%s' of severity.json needs "
			    "%s", sv->r[i].id, names);
			if (r->fine_elsewhere != NULL &&
			    strstr(j.lacks, "fine_10k_yuan") != NULL)
				fine_hint(why, whysz, r->fine_elsewhere);
		} else {
			cs_fmt(why, whysz, "rule '%s' of severity.json %s",
			    sv->r[i].id, j.why);
		}
		return 0;
	}
	cs_fmt(why, whysz, any ? "no rule of severity.json matches" :
	    "no rule of severity.json is in force on the decision date");
	return 0;
}
