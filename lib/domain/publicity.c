/*
 * Publicity of decisions: which regime judges a record, whether it is
 * published on a day and why, its window, and from when it may be
 * repaired (or why never).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/publicity.h"
#include "domain/record.h"

static void
strlist_release(struct cs_strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static void
rules_free(struct cs_publicity_rule *r, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		free(r[k].key);
	free(r);
}

void
cs_publicity_release(struct cs_publicity *pb)
{
	struct cs_regime *g;
	size_t i, k;

	for (i = 0; i < pb->n; i++) {
		g = &pb->r[i];
		rules_free(g->sev, g->nsev);
		rules_free(g->dom, g->ndom);
		for (k = 0; k < g->nnr; k++) {
			strlist_release(&g->nr[k].domains);
			strlist_release(&g->nr[k].severities);
			strlist_release(&g->nr[k].categories);
			strlist_release(&g->nr[k].violations);
		}
		free(g->nr);
		free(g->nr_why);
		free(g->title);
		free(g->id);
	}
	free(pb->r);
	strlist_release(&pb->types);
	free(pb->how);
	strlist_release(&pb->warning_only);
	memset(pb, 0, sizeof(*pb));
}

const char *
cs_pubstate_code(int state)
{
	static const char *const code[] = {
		[CS_PUB_IN_WINDOW] = "in_window",
		[CS_PUB_ENDED] = "ended",
		[CS_PUB_NOT_YET] = "not_yet_decided",
		[CS_PUB_REVOKED] = "revoked",
		[CS_PUB_TYPE] = "type_not_published",
		[CS_PUB_WARNING_ONLY] = "warning_only",
		[CS_PUB_SEVERITY] = "severity_not_published",
		[CS_PUB_NO_RULE] = "no_regime",
		[CS_PUB_REPAIRED] = "repaired"
	};

	if (state < 0 || (size_t)state >= sizeof(code) / sizeof(code[0]))
		return "";
	return code[state];
}

/*
 * The bytes of a separator of category lists at p ("；", "、", ";", ",",
 * "，", "/"), or 0.  Spaces are not separators: "written warning" is one
 * category.
 */
static size_t
sep_len(const char *p)
{
	static const char *const seps[] = { ";", ",", "/", "\xef\xbc\x9b",
	    "\xef\xbc\x8c", "\xe3\x80\x81", NULL };
	size_t i, k;

	for (i = 0; seps[i] != NULL; i++) {
		k = strlen(seps[i]);
		if (strncmp(p, seps[i], k) == 0)
			return k;
	}
	return 0;
}

/* Spaces (ASCII and U+3000) at p: their bytes, or 0. */
static size_t
space_len(const char *p)
{
	if (*p == ' ' || *p == '\t')
		return 1;
	if (strncmp(p, "\xe3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

const char *
cs_category_next(const char **s, size_t *len)
{
	const char *p = *s, *start, *end;
	size_t k;

	for (;;) {
		while ((k = sep_len(p)) > 0 || (k = space_len(p)) > 0)
			p += k;
		if (*p == '\0') {
			*s = p;
			return NULL;
		}
		start = p;
		while (*p != '\0' && sep_len(p) == 0)
			p++;
		end = p;
		while (end > start && (end[-1] == ' ' || end[-1] == '\t' ||
		    (end - start >= 3 && strncmp(end - 3, "\xe3\x80\x80",
		    3) == 0)))
			end -= end[-1] == ' ' || end[-1] == '\t' ? 1 : 3;
		if (end > start) {
			*s = p;
			*len = (size_t)(end - start);
			return start;
		}
	}
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

/* 1 when every category of cat is a warning (and there is one). */
static int
warning_only(const struct cs_publicity *pb, const char *cat)
{
	const char *it;
	size_t n;
	int any = 0;

	if (cat == NULL || pb->warning_only.n == 0)
		return 0;
	while ((it = cs_category_next(&cat, &n)) != NULL) {
		if (!in_list(&pb->warning_only, it, n))
			return 0;
		any = 1;
	}
	return any;
}

/* The first category of cat in l, copied into out; 1, or 0: none. */
static int
category_in(const struct cs_strlist *l, const char *cat, char *out,
    size_t outsz)
{
	const char *it;
	size_t n;

	if (cat == NULL)
		return 0;
	while ((it = cs_category_next(&cat, &n)) != NULL)
		if (in_list(l, it, n)) {
			snprintf(out, outsz, "%.*s", (int)n, it);
			return 1;
		}
	return 0;
}

/* 1 when text contains one of l (ASCII case ignored). */
static int
contains_any(const struct cs_strlist *l, const char *text)
{
	size_t i;

	if (text == NULL)
		return 0;
	for (i = 0; i < l->n; i++)
		if (strcasestr(text, l->v[i]) != NULL)
			return 1;
	return 0;
}

/*
 * Does condition m hold for r?  1 with what matched, in words, in what
 * ("domain 'food', penalty category '吊销许可证件'").
 */
static int
pubmatch(const struct cs_pubmatch *m, const struct cs_pubrec *r,
    char *what, size_t whatsz)
{
	char cat[128];
	size_t k = 0;

	what[0] = '\0';
	if (m->domains.n > 0 && (r->domain == NULL ||
	    !in_list(&m->domains, r->domain, strlen(r->domain))))
		return 0;
	if (m->severities.n > 0 && (r->severity == NULL ||
	    !in_list(&m->severities, r->severity, strlen(r->severity))))
		return 0;
	if (m->categories.n > 0 && !category_in(&m->categories,
	    r->penalty_category, cat, sizeof(cat)))
		return 0;
	if (m->violations.n > 0 && !contains_any(&m->violations,
	    r->violation_type))
		return 0;
	if (m->domains.n > 0)
		k += (size_t)snprintf(what + k, whatsz - k, "domain '%s'",
		    r->domain);
	if (m->severities.n > 0 && k < whatsz)
		k += (size_t)snprintf(what + k, whatsz - k, "%sseverity '%s'",
		    k > 0 ? ", " : "", r->severity);
	if (m->categories.n > 0 && k < whatsz)
		k += (size_t)snprintf(what + k, whatsz - k,
		    "%spenalty category '%s'", k > 0 ? ", " : "", cat);
	if (m->violations.n > 0 && k < whatsz)
		snprintf(what + k, whatsz - k, "%sviolation type '%s'",
		    k > 0 ? ", " : "", r->violation_type);
	return 1;
}

static const struct cs_publicity_rule *
rule_for(const struct cs_publicity_rule *v, size_t n, const char *key)
{
	size_t k;

	for (k = 0; key != NULL && k < n; k++)
		if (strcmp(v[k].key, key) == 0)
			return &v[k];
	return NULL;
}

/* How type is published (enum cs_pubhow), or 0: never. */
static int
type_how(const struct cs_publicity *pb, const char *type)
{
	size_t i;

	for (i = 0; type != NULL && i < pb->types.n; i++)
		if (strcmp(pb->types.v[i], type) == 0)
			return pb->how[i];
	return 0;
}

/* The state of a windowed record on day. */
static void
window_state(const struct cs_pubrec *r, int day, struct cs_pubinfo *out)
{
	if (r->revoked) {
		out->state = CS_PUB_REVOKED;
	} else if (day < r->decided) {
		out->state = CS_PUB_NOT_YET;
	} else if (out->last >= 0 && day > out->last) {
		out->state = CS_PUB_ENDED;
	} else {
		out->state = CS_PUB_IN_WINDOW;
		out->published = 1;
	}
}

/* The why of window_state's out on day; what: the rule, in words. */
static void
window_why(const struct cs_pubrec *r, int day, struct cs_pubinfo *out,
    const char *what)
{
	char d1[11], d2[11];

	cs_date_format(r->decided, d1);
	cs_date_format(day, d2);
	switch (out->state) {
	case CS_PUB_REVOKED:
		snprintf(out->why, sizeof(out->why), "revoked: withdrawn "
		    "from publicity");
		break;
	case CS_PUB_NOT_YET:
		snprintf(out->why, sizeof(out->why), "decided on %s, after "
		    "%s", d1, d2);
		break;
	case CS_PUB_ENDED:
		cs_date_format(out->last, d2);
		snprintf(out->why, sizeof(out->why), "its publicity ended "
		    "with %s (%s)", d2, what);
		break;
	default:
		if (out->last >= 0) {
			cs_date_format(out->last, d2);
			snprintf(out->why, sizeof(out->why), "published from "
			    "%s through %s (%s)", d1, d2, what);
		} else {
			snprintf(out->why, sizeof(out->why), "published from "
			    "%s (%s)", d1, what);
		}
	}
}

/*
 * A granted repair: the window ends on the grant day (the day before it
 * took effect) while it holds, and the record is "repaired" from then
 * until the revocation day, if any.
 */
static void
repaired(const struct cs_pubrec *r, int day, struct cs_pubinfo *out,
    int why)
{
	char d1[11], d2[11];

	out->repaired_on = r->repaired_from - 1;
	/* Until a revocation, the window ends on the grant day. */
	if ((r->resumed_on < 0 || day < r->resumed_on) && (out->last < 0 ||
	    out->repaired_on < out->last))
		out->last = out->repaired_on;
	if (r->revoked || day < r->repaired_from ||
	    (r->resumed_on >= 0 && day >= r->resumed_on) ||
	    out->state != CS_PUB_IN_WINDOW)
		return;
	out->state = CS_PUB_REPAIRED;
	out->published = 0;
	if (!why)
		return;
	cs_date_format(out->repaired_on, d1);
	cs_date_format(r->repaired_from, d2);
	snprintf(out->why, sizeof(out->why), "repaired on %s: not published "
	    "from %s", d1, d2);
}

/*
 * cs_publicity_judge, with out->why in words when why is 1, left empty
 * for the windowed states when 0 (the others are rare and cheap).
 */
static void
judge(const struct cs_publicity *pb, const struct cs_pubrec *r, int day,
    struct cs_pubinfo *out, int why)
{
	const struct cs_publicity_rule *sev, *dom, *min;
	const struct cs_period *max;
	const struct cs_regime *g = NULL;
	char what[200], matched[200], d1[11];
	size_t i;
	int how, nr = 0;

	memset(out, 0, sizeof(*out));
	out->start = r->decided;
	out->last = -1;
	out->repair_from = -1;
	out->repaired_on = -1;
	out->quiet_last = -1;
	how = type_how(pb, r->type);
	if (how == 0) {
		out->state = CS_PUB_TYPE;
		snprintf(out->why, sizeof(out->why), "records of type '%s' are "
		    "not published", r->type != NULL ? r->type : "");
		return;
	}
	if (how == CS_PUBHOW_IN_FORCE) {
		out->windowed = 1;
		out->last = r->valid_until;
		snprintf(out->max_text, sizeof(out->max_text), "in_force");
		window_state(r, day, out);
		if (why)
			window_why(r, day, out, r->valid_until < 0 ?
			    "while in force, long-term" : "while in force");
		return;
	}
	if (warning_only(pb, r->penalty_category)) {
		out->state = CS_PUB_WARNING_ONLY;
		snprintf(out->why, sizeof(out->why), "a warning-only penalty "
		    "is never published (penalty_category '%s')",
		    r->penalty_category);
		return;
	}
	for (i = 0; i < pb->n && g == NULL; i++)
		if (r->decided >= pb->r[i].from && r->decided <= pb->r[i].until)
			g = &pb->r[i];
	if (g == NULL) {
		cs_date_format(r->decided, d1);
		out->state = CS_PUB_NO_RULE;
		snprintf(out->why, sizeof(out->why), "no publicity regime "
		    "covers a decision of %s", d1);
		return;
	}
	out->regime = g->id;
	sev = rule_for(g->sev, g->nsev, r->severity);
	if (sev == NULL) {
		out->state = CS_PUB_NO_RULE;
		if (r->severity == NULL)
			snprintf(out->why, sizeof(out->why), "a penalty "
			    "without a severity: regime %s cannot judge it",
			    g->id);
		else
			snprintf(out->why, sizeof(out->why), "regime %s has no "
			    "rule for severity '%s'", g->id, r->severity);
		return;
	}
	if (!sev->published) {
		out->state = CS_PUB_SEVERITY;
		snprintf(out->why, sizeof(out->why), "a %s penalty is not "
		    "published under regime %s", sev->key, g->id);
		cs_period_end(r->decided, &sev->max, &out->quiet_last, NULL);
		return;
	}
	for (i = 0; i < g->nnr && !nr; i++)
		nr = pubmatch(&g->nr[i], r, matched, sizeof(matched));
	out->windowed = 1;
	max = nr && g->nr_has_max ? &g->nr_max : &sev->max;
	snprintf(out->max_text, sizeof(out->max_text), "%s",
	    nr && g->nr_has_max ? g->nr_max_text : sev->max_text);
	cs_period_end(r->decided, max, &out->last, NULL);
	if (nr) {
		out->never_repairable = 1;
		snprintf(out->never_why, sizeof(out->never_why), "%s (%s)",
		    g->nr_why != NULL ? g->nr_why : "never repaired", matched);
	} else {
		dom = rule_for(g->dom, g->ndom, r->domain);
		min = dom != NULL ? dom : sev;
		out->repair_from = r->decided;
		if (min->has_min)
			cs_period_end(r->decided, &min->min, NULL,
			    &out->repair_from);
	}
	window_state(r, day, out);
	if (why) {
		snprintf(what, sizeof(what), "%s penalty%s: maximum %s under "
		    "regime %s", sev->key, nr ? ", never repaired" : "",
		    out->max_text, g->id);
		window_why(r, day, out, what);
	}
	if (r->repaired && !nr)
		repaired(r, day, out, why);
}

void
cs_publicity_judge(const struct cs_publicity *pb, const struct cs_pubrec *r,
    int day, struct cs_pubinfo *out)
{
	judge(pb, r, day, out, 1);
}

void
cs_publicity_judge_quiet(const struct cs_publicity *pb,
    const struct cs_pubrec *r, int day, struct cs_pubinfo *out)
{
	judge(pb, r, day, out, 0);
}

int
cs_publicity_check_end(const struct cs_publicity *pb,
    const struct cs_pubrec *r, int feed, char *warn, size_t warnsz)
{
	struct cs_pubinfo pi;
	char d1[11], d2[11];

	cs_publicity_judge(pb, r, r->decided, &pi);
	cs_date_format(feed, d1);
	if (!pi.windowed) {
		snprintf(warn, warnsz, "publicity_end '%s' is given, but by "
		    "the rules %s", d1, pi.why);
		return 1;
	}
	if (pi.last == feed)
		return 0;
	if (pi.last < 0) {
		snprintf(warn, warnsz, "publicity_end '%s' disagrees with the "
		    "rules: published while in force, long-term", d1);
		return 1;
	}
	cs_date_format(pi.last, d2);
	if (pi.regime != NULL)
		snprintf(warn, warnsz, "publicity_end '%s' disagrees with the "
		    "rules: publicity runs through %s (maximum %s under "
		    "regime %s)", d1, d2, pi.max_text, pi.regime);
	else
		snprintf(warn, warnsz, "publicity_end '%s' disagrees with the "
		    "rules: publicity runs through %s (while in force)", d1,
		    d2);
	return 1;
}

static int
day_of(const char *s)
{
	int d;

	if (s == NULL || cs_date_parse(s, strlen(s), &d) != 0)
		return -1;
	return d;
}

int
cs_publicity_end_differs(const struct cs_publicity *pb,
    const struct cs_fields *f, char *warn, size_t warnsz)
{
	struct cs_pubrec pr;
	int feed = day_of(f->v[R_PUBLICITY_END]);

	if (feed < 0)
		return -1;
	/* Revocation ends publicity early; it does not move the rule's end. */
	cs_pubrec_of_fields(&pr, f, 0);
	if (pr.decided < 0)
		return -1;
	return cs_publicity_check_end(pb, &pr, feed, warn, warnsz);
}

void
cs_pubrec_of_fields(struct cs_pubrec *r, const struct cs_fields *f,
    int revoked)
{
	const char *vu = f->v[R_VALID_UNTIL];

	memset(r, 0, sizeof(*r));
	r->type = f->v[R_TYPE];
	r->severity = f->v[R_SEVERITY];
	r->domain = f->v[R_DOMAIN];
	r->penalty_category = f->v[R_PENALTY_CATEGORY];
	r->violation_type = f->v[R_VIOLATION_TYPE];
	r->decided = day_of(f->v[R_DECIDED_ON]);
	/* 2099-12-31 means long-term (DESIGN.md 4). */
	r->valid_until = vu != NULL && strcmp(vu, "2099-12-31") == 0 ? -1 :
	    day_of(vu);
	r->revoked = revoked;
	r->repaired_from = r->resumed_on = -1;
}
