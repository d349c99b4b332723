/*
 * Reading share/cs/severity.json.  Every message names the file and the
 * key, e.g. "share/cs/severity.json: rules[2].fine_at_least.legal_person:
 * expected an amount of yuan such as 100000 or "2.5"".
 */
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "domain/record.h"
#include "rules/getters.h"
#include "rules/rules.h"
#include "rules/severity_rules.h"

/* Where the reader is: severity.json, the catalogue, the error. */
struct where {
	struct cs_rfile f;
	const struct cs_catalog *cat;
};

#define bad(w, ...) cs_rget_bad(&(w)->f, __VA_ARGS__)

/* Unknown keys of o are errors: a misspelt rule must not pass silently. */
static int
known_keys(const struct where *w, const json_t *o, const char *at,
    const char *const *keys)
{
	char list[512];
	const char *k;
	json_t *v;
	size_t i, n;

	json_object_foreach((json_t *)o, k, v) {
		for (i = 0; keys[i] != NULL && strcmp(keys[i], k) != 0; i++)
			;
		if (keys[i] != NULL)
			continue;
		for (i = 0, n = 0, list[0] = '\0'; keys[i] != NULL; i++) {
			cs_fmt(list + n, sizeof(list) - n, "%s%s", i ? ", " :
			    "", keys[i]);
			n += strlen(list + n);
		}
		return bad(w, "%s: unknown key '%s' (known: %s)", at, k, list);
	}
	return 0;
}

/* party_categories: {"legal_person": ["法人及非法人组织", ...], ...} */
static int
get_parties(const struct where *w, const json_t *o, struct cs_severity *sv)
{
	const char *k;
	json_t *a, *x;
	size_t i;

	if (!json_is_object(o) || json_object_size(o) == 0)
		return bad(w, "party_categories: expected an object such as "
		    "{\"legal_person\": [\"法人及非法人组织\"]}");
	json_object_foreach((json_t *)o, k, a) {
		cs_vocab_add(&sv->parties, k, k);
		if (!json_is_array(a))
			return bad(w, "party_categories.%s: expected an array "
			    "of spellings", k);
		json_array_foreach(a, i, x) {
			if (!json_is_string(x) || json_string_length(x) == 0)
				return bad(w, "party_categories.%s[%zu]: "
				    "expected a non-empty string", k, i);
			cs_vocab_add(&sv->parties, k, json_string_value(x));
		}
	}
	return 0;
}

/*
 * implausible_fine_10k_yuan: the fine_10k_yuan at which add warns that
 * yuan were given in the 万元 column (optional).
 */
static int
get_implausible(const struct where *w, const json_t *v,
    struct cs_severity *sv)
{
	const char *s;

	if (v == NULL)
		return 0;
	if (json_is_integer(v) && json_integer_value(v) > 0)
		cs_fmt(sv->implausible_text, sizeof(sv->implausible_text),
		    "%lld", (long long)json_integer_value(v));
	else if ((s = json_string_value(v)) != NULL)
		cs_fmt(sv->implausible_text, sizeof(sv->implausible_text),
		    "%s", s);
	if (cs_fine_10k_scaled(sv->implausible_text, &sv->implausible) != 0 ||
	    sv->implausible <= 0)
		return bad(w, "implausible_fine_10k_yuan: expected a positive "
		    "amount of 10,000 yuan such as 100000");
	return 0;
}

/* {"legal_person": 100000, ...}: thresholds of province ("" for all). */
static int
get_fines(const struct where *w, const struct cs_severity *sv,
    const json_t *o, const char *at, const char *province,
    struct cs_sevrule *r)
{
	const char *k, *s;
	char num[64];
	json_t *v;
	struct cs_fine_threshold *t;

	if (!json_is_object(o) || json_object_size(o) == 0)
		return bad(w, "%s: expected an object of party category: "
		    "amount of yuan", at);
	json_object_foreach((json_t *)o, k, v) {
		if (cs_vocab_lookup(&sv->parties, k, strlen(k)) == NULL ||
		    strcmp(cs_vocab_lookup(&sv->parties, k, strlen(k)),
		    k) != 0)
			return bad(w, "%s.%s: not a party category of "
			    "party_categories", at, k);
		if (json_is_integer(v) && json_integer_value(v) >= 0)
			cs_fmt(num, sizeof(num), "%lld",
			    (long long)json_integer_value(v));
		else if ((s = json_string_value(v)) != NULL)
			cs_fmt(num, sizeof(num), "%s", s);
		else
			num[0] = '\0';
		r->fine = cs_xreallocarray(r->fine, r->nfine + 1,
		    sizeof(*r->fine));
		t = &r->fine[r->nfine++];
		memset(t, 0, sizeof(*t));
		t->party = cs_xstrdup(k);
		cs_fmt(t->province, sizeof(t->province), "%s", province);
		if (cs_yuan_fen(num, &t->fen) != 0)
			return bad(w, "%s.%s: expected an amount of yuan such "
			    "as 100000 or \"2.5\"", at, k);
	}
	return 0;
}

/* fine_at_least and fine_at_least_by_province of rule r. */
static int
get_fine_rule(const struct where *w, const struct cs_severity *sv,
    const json_t *o, const char *at, struct cs_sevrule *r)
{
	const json_t *all = json_object_get(o, "fine_at_least");
	const json_t *byp = json_object_get(o, "fine_at_least_by_province");
	char key[256];
	const char *k;
	json_t *v;

	if (all == NULL && byp == NULL)
		return 0;
	if (all == NULL)
		return bad(w, "%s.fine_at_least_by_province: needs "
		    "fine_at_least, the thresholds elsewhere", at);
	cs_fmt(key, sizeof(key), "%s.fine_at_least", at);
	if (get_fines(w, sv, all, key, "", r) != 0)
		return -1;
	if (byp == NULL)
		return 0;
	if (!json_is_object(byp))
		return bad(w, "%s.fine_at_least_by_province: expected an object "
		    "such as {\"44\": {\"legal_person\": 200000}}", at);
	json_object_foreach((json_t *)byp, k, v) {
		cs_fmt(key, sizeof(key), "%s.fine_at_least_by_province.%s", at,
		    k);
		if (strlen(k) != 2 || strspn(k, "0123456789") != 2)
			return bad(w, "%s: expected a province: the first two "
			    "digits of a region code", key);
		if (get_fines(w, sv, v, key, k, r) != 0)
			return -1;
	}
	return 0;
}

static int
get_rule(const struct where *w, const struct cs_severity *sv,
    const json_t *o, const char *at, struct cs_sevrule *r)
{
	static const char *const keys[] = { "id", "severity", "source", "from",
	    "until", "penalty_categories_any", "penalty_categories_only",
	    "domains", "authority_regions", "fine_at_least",
	    "fine_at_least_by_province", NULL };
	const char *s, *v;
	char key[256];
	size_t i;

	r->from = INT_MIN;
	r->until = INT_MAX;
	if (!json_is_object(o))
		return bad(w, "%s: expected an object", at);
	if (known_keys(w, o, at, keys) != 0)
		return -1;
	s = json_string_value(json_object_get(o, "id"));
	if (s == NULL || !cs_id_valid(s, strlen(s)))
		return bad(w, "%s.id: expected an id (letters, digits and "
		    "._:-)", at);
	r->id = cs_xstrdup(s);
	s = json_string_value(json_object_get(o, "severity"));
	v = s != NULL ? cs_vocab_lookup(&w->cat->severities, s, strlen(s)) :
	    NULL;
	if (v == NULL)
		return bad(w, "%s.severity: expected a severity of "
		    "catalog.json", at);
	r->severity = cs_xstrdup(v);
	s = json_string_value(json_object_get(o, "source"));
	if (s == NULL || *s == '\0')
		return bad(w, "%s.source: expected the standard the rule comes "
		    "from", at);
	r->source = cs_xstrdup(s);
	if (cs_rget_date(&w->f, o, "from", at, "2026-04-01", &r->from) != 0 ||
	    cs_rget_date(&w->f, o, "until", at, "2026-04-01", &r->until) != 0)
		return -1;
	if (r->until < r->from)
		return bad(w, "%s.until: before its from", at);
	if (cs_rget_strlist(&w->f, o, "penalty_categories_any", at, 0,
	    &r->any) != 0 ||
	    cs_rget_strlist(&w->f, o, "penalty_categories_only", at, 0,
	    &r->only) != 0 ||
	    cs_rget_strlist(&w->f, o, "domains", at, 0, &r->domains) != 0 ||
	    cs_rget_strlist(&w->f, o, "authority_regions", at, 0,
	    &r->regions) != 0)
		return -1;
	for (i = 0; i < r->domains.n; i++)
		if (cs_vocab_lookup(&w->cat->domains, r->domains.v[i],
		    strlen(r->domains.v[i])) == NULL)
			return bad(w, "%s.domains[%zu]: '%s' is not a domain "
			    "of catalog.json", at, i, r->domains.v[i]);
	for (i = 0; i < r->regions.n; i++) {
		s = r->regions.v[i];
		if (strlen(s) > 6 || strspn(s, "0123456789") != strlen(s)) {
			cs_fmt(key, sizeof(key), "%s.authority_regions[%zu]",
			    at, i);
			return bad(w, "%s: expected 1 to 6 digits of a region "
			    "code", key);
		}
	}
	return get_fine_rule(w, sv, o, at, r);
}

int
cs_severity_parse(struct cs_severity *sv, const json_t *j, const char *dir,
    const struct cs_catalog *cat, struct cs_error *err)
{
	static const char *const keys[] = { "doc", "types", "fine_categories",
	    "fine_column_hints", "party_categories",
	    "implausible_fine_10k_yuan", "rules", NULL };
	struct where w = { { dir, "severity.json", err }, cat };
	json_t *arr, *v;
	char at[64];
	size_t i, k;
	int rc = -1;

	memset(sv, 0, sizeof(*sv));
	if (known_keys(&w, j, "severity.json", keys) != 0 ||
	    cs_rget_strlist(&w.f, j, "types", "", 1, &sv->types) != 0 ||
	    cs_rget_strlist(&w.f, j, "fine_categories", "", 1,
	    &sv->fine_categories) != 0 ||
	    cs_rget_strlist(&w.f, j, "fine_column_hints", "", 0,
	    &sv->fine_hints) != 0 ||
	    get_parties(&w, json_object_get(j, "party_categories"), sv) != 0)
		goto out;
	if (get_implausible(&w, json_object_get(j,
	    "implausible_fine_10k_yuan"), sv) != 0)
		goto out;
	for (i = 0; i < sv->types.n; i++)
		if (cs_catalog_type(cat, sv->types.v[i],
		    strlen(sv->types.v[i])) == NULL) {
			bad(&w, "types[%zu]: '%s' is not a record type of "
			    "catalog.json", i, sv->types.v[i]);
			goto out;
		}
	arr = json_object_get(j, "rules");
	if (!json_is_array(arr) || json_array_size(arr) == 0) {
		bad(&w, "rules: expected an array of rules");
		goto out;
	}
	sv->r = cs_xcalloc(json_array_size(arr), sizeof(*sv->r));
	json_array_foreach(arr, i, v) {
		cs_fmt(at, sizeof(at), "rules[%zu]", i);
		sv->n = i + 1;
		if (get_rule(&w, sv, v, at, &sv->r[i]) != 0)
			goto out;
		for (k = 0; k < i; k++)
			if (strcmp(sv->r[k].id, sv->r[i].id) == 0) {
				bad(&w, "%s.id: '%s' is the id of rules[%zu] "
				    "too", at, sv->r[i].id, k);
				goto out;
			}
	}
	sv->loaded = 1;
	rc = 0;
out:
	if (rc != 0)
		cs_severity_release(sv);
	return rc;
}
