/*
 * Loading share/cs: every message names the file and the key at fault,
 * so a rules editor knows what to fix.
 */
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/record.h"
#include "io/stream.h"
#include "rules/publicity_rules.h"
#include "rules/rules.h"
#include "rules/severity_rules.h"

static int
file_exists(const char *dir, const char *name)
{
	char path[PATH_MAX];

	cs_fmt(path, sizeof(path), "%s/%s", dir, name);
	return access(path, R_OK) == 0;
}

char *
cs_rules_dir(const char *opt)
{
	char exe[PATH_MAX], path[PATH_MAX], *slash;
	const char *env = getenv("CS_RULES");
	ssize_t n;
	size_t bl = strlen(CS_BUILD_DIR);

	if (opt != NULL)
		return cs_xstrdup(opt);
	if (env != NULL && *env != '\0')
		return cs_xstrdup(env);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if (strncmp(exe, CS_BUILD_DIR, bl) == 0 && exe[bl] == '/' &&
		    file_exists(CS_SRC_RULES, "catalog.json"))
			return cs_xstrdup(CS_SRC_RULES);
		slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			cs_fmt(path, sizeof(path), "%s/../share/cs", exe);
			if (file_exists(path, "catalog.json")) {
				char *real = realpath(path, NULL);

				if (real != NULL) {
					char *r = cs_xstrdup(real);

					free(real);
					return r;
				}
				return cs_xstrdup(path);
			}
		}
	}
	return cs_xstrdup(CS_DATADIR);
}

const struct cs_rtype *
cs_rules_type(const struct cs_rules *ru, const char *name, size_t n)
{
	return cs_catalog_type(&ru->cat, name, n);
}

/* Errors while loading: "DIR/FILE: KEY: message". */
int
cs_rules_error(struct cs_error *err, const char *dir, const char *file,
    const char *fmt, ...)
{
	char path[PATH_MAX];
	va_list ap;

	cs_fmt(path, sizeof(path), "%s/%s", dir, file);
	va_start(ap, fmt);
	cs_error_vset(err, CS_EX_UNAVAILABLE, path, 0, fmt, ap);
	va_end(ap);
	return -1;
}

#define bad(...) cs_rules_error(__VA_ARGS__)

json_t *
cs_rules_json(const char *dir, const char *file, struct cs_error *err)
{
	char path[PATH_MAX];
	json_error_t je;
	json_t *j;

	cs_fmt(path, sizeof(path), "%s/%s", dir, file);
	j = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (j == NULL) {
		if (access(path, R_OK) != 0)
			bad(err, dir, file, "cannot read the rules file (is "
			    "--rules or $CS_RULES right?)");
		else
			bad(err, dir, file, "line %d, column %d: %s", je.line,
			    je.column, je.text);
		return NULL;
	}
	if (!json_is_object(j)) {
		bad(err, dir, file, "the top level is not an object");
		json_decref(j);
		return NULL;
	}
	return j;
}

#define load_json(...) cs_rules_json(__VA_ARGS__)

static int
column_bits(const json_t *arr, unsigned long long *bits, const char *dir,
    const char *file, const char *key, struct cs_error *err)
{
	size_t i;
	json_t *v;
	int c;

	if (!json_is_array(arr))
		return bad(err, dir, file, "%s: expected an array of column "
		    "names", key);
	json_array_foreach(arr, i, v) {
		if (!json_is_string(v))
			return bad(err, dir, file, "%s[%zu]: expected a "
			    "string", key, i);
		c = cs_schema_find(&cs_record_schema, json_string_value(v));
		if (c < 0)
			return bad(err, dir, file, "%s[%zu]: unknown column "
			    "'%s'", key, i, json_string_value(v));
		*bits |= 1ULL << c;
	}
	return 0;
}

static char *
opt_string(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_string(v) ? cs_xstrdup(json_string_value(v)) : NULL;
}

/* A list of values: ["a", "b"] */
static int
load_list(struct cs_vocab *v, const json_t *root, const char *key,
    const char *dir, const char *file, struct cs_error *err)
{
	const json_t *a = json_object_get(root, key);
	json_t *x;
	size_t i;

	if (!json_is_array(a) || json_array_size(a) == 0)
		return bad(err, dir, file, "%s: expected a non-empty array of "
		    "strings", key);
	json_array_foreach(a, i, x) {
		if (!json_is_string(x))
			return bad(err, dir, file, "%s[%zu]: expected a "
			    "string", key, i);
		cs_vocab_add(v, json_string_value(x), json_string_value(x));
	}
	return 0;
}

/* Values with spellings: {"minor": ["轻微"], ...} */
static int
load_spellings(struct cs_vocab *v, const json_t *root, const char *key,
    const char *dir, const char *file, struct cs_error *err)
{
	const json_t *o = json_object_get(root, key);
	const char *k;
	json_t *a, *x;
	size_t i;

	if (!json_is_object(o) || json_object_size(o) == 0)
		return bad(err, dir, file, "%s: expected an object of value: "
		    "[spellings]", key);
	json_object_foreach((json_t *)o, k, a) {
		cs_vocab_add(v, k, k);
		if (!json_is_array(a))
			return bad(err, dir, file, "%s.%s: expected an array "
			    "of strings", key, k);
		json_array_foreach(a, i, x) {
			if (!json_is_string(x))
				return bad(err, dir, file, "%s.%s[%zu]: "
				    "expected a string", key, k, i);
			cs_vocab_add(v, k, json_string_value(x));
		}
	}
	return 0;
}

static int
load_catalog(struct cs_catalog *cat, const char *dir, struct cs_error *err)
{
	static const char file[] = "catalog.json";
	json_t *root, *types, *t;
	const char *k;
	char key[128];
	size_t i;
	int rc = -1;

	root = load_json(dir, file, err);
	if (root == NULL)
		return -1;
	if (column_bits(json_object_get(root, "required"), &cat->required,
	    dir, file, "required", err) != 0)
		goto out;
	types = json_object_get(root, "types");
	if (!json_is_object(types) || json_object_size(types) == 0) {
		bad(err, dir, file, "types: expected an object of record "
		    "types");
		goto out;
	}
	cat->types = cs_xcalloc(json_object_size(types), sizeof(*cat->types));
	i = 0;
	json_object_foreach(types, k, t) {
		struct cs_rtype *rt = &cat->types[i++];

		cat->ntypes = i;
		rt->name = cs_xstrdup(k);
		if (!json_is_object(t)) {
			bad(err, dir, file, "types.%s: expected an object", k);
			goto out;
		}
		rt->title = opt_string(t, "title");
		rt->en = opt_string(t, "en");
		rt->ref_type = opt_string(t, "ref_type");
		snprintf(key, sizeof(key), "types.%s.requires", k);
		if (column_bits(json_object_get(t, "requires"), &rt->requires,
		    dir, file, key, err) != 0)
			goto out;
	}
	for (i = 0; i < cat->ntypes; i++) {
		struct cs_rtype *rt = &cat->types[i], *target;

		if (rt->ref_type == NULL)
			continue;
		target = (struct cs_rtype *)cs_catalog_type(cat, rt->ref_type,
		    strlen(rt->ref_type));
		if (target == NULL) {
			bad(err, dir, file, "types.%s.ref_type: unknown type "
			    "'%s'", rt->name, rt->ref_type);
			goto out;
		}
		target->settled_by = cs_xreallocarray(target->settled_by,
		    target->nsettled_by + 1, sizeof(char *));
		target->settled_by[target->nsettled_by++] = rt->name;
	}
	if (load_spellings(&cat->severities, root, "severities", dir, file,
	    err) || load_spellings(&cat->booleans, root, "booleans", dir, file,
	    err) || load_list(&cat->domains, root, "domains", dir, file, err) ||
	    load_list(&cat->entity_kinds, root, "entity_kinds", dir, file,
	    err) || load_list(&cat->entity_statuses, root, "entity_statuses",
	    dir, file, err) || load_list(&cat->resident_id_types, root,
	    "resident_id_types", dir, file, err))
		goto out;
	rc = 0;
out:
	json_decref(root);
	return rc;
}

static int
load_objections(struct cs_rules *ru, const char *dir, struct cs_error *err)
{
	json_t *root = load_json(dir, "objections.json", err);
	json_t *v;
	int rc = 0;

	if (root == NULL)
		return -1;
	v = json_object_get(root, "answer_working_days");
	if (!json_is_integer(v) || json_integer_value(v) < 1 ||
	    json_integer_value(v) > 365)
		rc = bad(err, dir, "objections.json", "answer_working_days: "
		    "expected a whole number of working days (1-365)");
	else
		ru->objection_days = (int)json_integer_value(v);
	json_decref(root);
	return rc;
}

static int
a31(const char *s)
{
	const char *p;

	if (strlen(s) != 1)
		return -1;
	p = strchr(cs_uscc_alphabet, s[0]);
	return p && *s ? (int)(p - cs_uscc_alphabet) : -1;
}

static int
load_uscc(struct cs_rules *ru, const char *dir, struct cs_error *err)
{
	static const char file[] = "uscc.json";
	json_t *root = load_json(dir, file, err), *auth, *a, *types, *t, *p;
	const char *k, *tk;
	size_t i;
	int rc = -1, ai, ti;

	if (root == NULL)
		return -1;
	auth = json_object_get(root, "authorities");
	if (!json_is_object(auth)) {
		bad(err, dir, file, "authorities: expected an object");
		goto out;
	}
	json_object_foreach(auth, k, a) {
		ai = a31(k);
		types = json_object_get(a, "types");
		if (ai < 0) {
			bad(err, dir, file, "authorities.%s: not a character of "
			    "the USCC alphabet", k);
			goto out;
		}
		if (!json_is_object(types)) {
			bad(err, dir, file, "authorities.%s.types: expected an "
			    "object", k);
			goto out;
		}
		json_object_foreach(types, tk, t) {
			ti = a31(tk);
			if (ti < 0) {
				bad(err, dir, file, "authorities.%s.types.%s: "
				    "not a character of the USCC alphabet", k,
				    tk);
				goto out;
			}
			ru->uscc.pair[ai][ti] = 1;
		}
	}
	ru->uscc.have_pairs = 1;
	p = json_object_get(root, "pilot");
	if (json_is_object(p)) {
		json_t *regions = json_object_get(p, "region_prefixes");
		const char *org = json_string_value(json_object_get(p,
		    "org_prefix"));

		json_array_foreach(regions, i, t) {
			if (!json_is_string(t) || json_string_length(t) > 6 ||
			    i >= 16) {
				bad(err, dir, file, "pilot.region_prefixes[%zu]: "
				    "expected up to 16 strings of at most 6 "
				    "digits", i);
				goto out;
			}
			snprintf(ru->uscc.pilot_region[i], 7, "%s",
			    json_string_value(t));
			ru->uscc.npilot_region = (int)i + 1;
		}
		if (org != NULL)
			snprintf(ru->uscc.pilot_org, sizeof(ru->uscc.pilot_org),
			    "%s", org);
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}

/* Read a small CSV rules file row by row. */
static int
load_csv(const char *dir, const char *file, const char *const *cols,
    size_t ncols, int (*fn)(void *, const char **, const char *, long,
    struct cs_error *), void *ctx, struct cs_error *err)
{
	char path[PATH_MAX];
	struct cs_read_opts o = { CS_FMT_CSV, NULL, NULL, 0 };
	struct cs_reader *r = NULL;
	struct cs_row *row;
	const char *v[8];
	long idx[8];
	size_t i;
	int rc = -1, n;

	cs_fmt(path, sizeof(path), "%s/%s", dir, file);
	if (cs_reader_open(&r, path, &o, err) != 0) {
		err->code = CS_EX_UNAVAILABLE;
		return -1;
	}
	for (i = 0; i < ncols; i++) {
		idx[i] = cs_header_find(cs_reader_header(r), cols[i]);
		if (idx[i] < 0) {
			bad(err, dir, file, "no column '%s' in the header",
			    cols[i]);
			goto out;
		}
	}
	while ((n = cs_reader_next(r, &row, err)) == 1) {
		if (row->bad != NULL) {
			cs_error_set(err, CS_EX_UNAVAILABLE, path, row->line,
			    "%s", row->bad);
			goto out;
		}
		for (i = 0; i < ncols; i++)
			v[i] = cs_row_get(row, idx[i]);
		if (fn(ctx, v, path, row->line, err) != 0)
			goto out;
	}
	if (n < 0) {
		err->code = CS_EX_UNAVAILABLE;
		goto out;
	}
	rc = 0;
out:
	cs_reader_close(r);
	return rc;
}

static int
alias_row(void *ctx, const char **v, const char *path, long line,
    struct cs_error *err)
{
	struct cs_rules *ru = ctx;
	const char *c = v[1];
	size_t i;

	for (i = 0; c[i] != '\0'; i++)
		if (!((c[i] >= 'a' && c[i] <= 'z') || (c[i] >= '0' &&
		    c[i] <= '9') || c[i] == '_'))
			break;
	if (i == 0 || c[i] != '\0')
		return cs_error_set(err, CS_EX_UNAVAILABLE, path, line,
		    "column '%s' is not a lower_snake_case name", c);
	if (cs_aliases_add(ru->aliases, v[0], c) != 0)
		return cs_error_set(err, CS_EX_UNAVAILABLE, path, line,
		    "alias '%s' already means another column", v[0]);
	return 0;
}

static int
calendar_row(void *ctx, const char **v, const char *path, long line,
    struct cs_error *err)
{
	struct cs_rules *ru = ctx;
	int day, work;

	if (cs_date_parse(v[0], strlen(v[0]), &day) != 0)
		return cs_error_set(err, CS_EX_UNAVAILABLE, path, line,
		    "date '%s' is not a valid date", v[0]);
	if (strcmp(v[1], "off") == 0)
		work = 0;
	else if (strcmp(v[1], "work") == 0)
		work = 1;
	else
		return cs_error_set(err, CS_EX_UNAVAILABLE, path, line,
		    "kind '%s' is neither 'off' nor 'work'", v[1]);
	if (work && cs_weekday(day) < 5)
		return cs_error_set(err, CS_EX_UNAVAILABLE, path, line,
		    "adjusted working day '%s' is not a weekend day", v[0]);
	if (cs_calendar_set(&ru->cal, day, work) != 0)
		return cs_error_set(err, CS_EX_UNAVAILABLE, path, line,
		    "date '%s' is outside 1900-2199", v[0]);
	return 0;
}

/*
 * masking.json: how ID numbers are masked and in which columns
 * (cs(7)); platforms differ, so the pattern is data.  A whole
 * number member from 0 to 18.
 */
static int
mask_count(const json_t *root, const char *key, int *out, const char *dir,
    struct cs_error *err)
{
	const json_t *v = json_object_get(root, key);

	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) > 18)
		return bad(err, dir, "masking.json", "%s: expected a whole "
		    "number of characters (0-18)", key);
	*out = (int)json_integer_value(v);
	return 0;
}

int
cs_masking_load(struct cs_mask *m, const char *dir, struct cs_error *err)
{
	static const char file[] = "masking.json";
	json_t *root = cs_rules_json(dir, file, err), *a, *v;
	const char *fill;
	size_t i;
	int rc = -1;

	memset(m, 0, sizeof(*m));
	if (root == NULL)
		return -1;
	if (mask_count(root, "keep_first", &m->keep_first, dir, err) != 0 ||
	    mask_count(root, "keep_last", &m->keep_last, dir, err) != 0)
		goto out;
	fill = json_string_value(json_object_get(root, "fill"));
	if (fill == NULL || strlen(fill) != 1 || (unsigned char)*fill >= 0x80 ||
	    strchr("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvw"
	    "xyz", *fill) != NULL || *fill <= ' ') {
		bad(err, dir, file, "fill: expected one ASCII character that "
		    "is no letter, digit or space");
		goto out;
	}
	m->fill = *fill;
	a = json_object_get(root, "columns");
	if (!json_is_array(a) || json_array_size(a) == 0) {
		bad(err, dir, file, "columns: expected a non-empty array of "
		    "column names");
		goto out;
	}
	m->columns = cs_xcalloc(json_array_size(a), sizeof(char *));
	for (i = 0; i < json_array_size(a); i++) {
		v = json_array_get(a, i);
		if (!json_is_string(v) || json_string_length(v) == 0) {
			bad(err, dir, file, "columns[%zu]: expected a column "
			    "name", i);
			goto out;
		}
		m->columns[m->ncolumns++] = cs_xstrdup(json_string_value(v));
	}
	rc = 0;
out:
	json_decref(root);
	if (rc != 0)
		cs_mask_release(m);
	return rc;
}

/* publicity.json, read here and parsed by rules/publicity_rules.c. */
static int
load_publicity(struct cs_rules *ru, const char *dir, struct cs_error *err)
{
	json_t *j = load_json(dir, "publicity.json", err);
	int rc;

	if (j == NULL)
		return -1;
	rc = cs_publicity_parse(&ru->pub, j, dir, err);
	json_decref(j);
	return rc;
}

/*
 * severity.json, read here and parsed by rules/severity_rules.c.  It is
 * optional: a rules directory from before it derives nothing (sev stays
 * empty, not loaded), and a row without a severity is refused as before.
 */
static int
load_severity(struct cs_rules *ru, const char *dir, struct cs_error *err)
{
	char path[PATH_MAX];
	json_t *j;
	int rc;

	cs_fmt(path, sizeof(path), "%s/severity.json", dir);
	if (access(path, F_OK) != 0 && errno == ENOENT)
		return 0;
	j = load_json(dir, "severity.json", err);
	if (j == NULL)
		return -1;
	rc = cs_severity_parse(&ru->sev, j, dir, &ru->cat, err);
	json_decref(j);
	return rc;
}

int
cs_rules_load(struct cs_rules **rp, const char *dir, struct cs_error *err)
{
	static const char *const alias_cols[] = { "alias", "column" };
	static const char *const cal_cols[] = { "date", "kind" };
	struct cs_rules *ru = cs_xcalloc(1, sizeof(*ru));
	char path[PATH_MAX];
	size_t i;

	*rp = NULL;
	ru->dir = cs_xstrdup(dir);
	ru->aliases = cs_aliases_new();
	cs_calendar_init(&ru->cal);
	for (i = 0; i < cs_record_schema.n; i++)
		cs_aliases_add(ru->aliases, cs_record_schema.cols[i].name,
		    cs_record_schema.cols[i].name);
	for (i = 0; i < cs_entity_schema.n; i++)
		cs_aliases_add(ru->aliases, cs_entity_schema.cols[i].name,
		    cs_entity_schema.cols[i].name);
	ru->cat.uscc = &ru->uscc;
	ru->uscc.mask = &ru->mask;
	if (load_catalog(&ru->cat, dir, err) != 0 ||
	    load_objections(ru, dir, err) != 0 ||
	    load_uscc(ru, dir, err) != 0 ||
	    cs_masking_load(&ru->mask, dir, err) != 0 ||
	    load_csv(dir, "aliases.csv", alias_cols, 2, alias_row, ru,
	    err) != 0 ||
	    load_csv(dir, "calendar/cn.csv", cal_cols, 2, calendar_row, ru,
	    err) != 0 ||
	    load_publicity(ru, dir, err) != 0 ||
	    load_severity(ru, dir, err) != 0) {
		cs_rules_free(ru);
		return -1;
	}
	cs_fmt(path, sizeof(path), "%s/calendar/cn.csv", dir);
	ru->cal.file = cs_xstrdup(path);
	*rp = ru;
	return 0;
}

void
cs_rules_free(struct cs_rules *ru)
{
	if (ru == NULL)
		return;
	cs_catalog_release(&ru->cat);
	cs_aliases_free(ru->aliases);
	cs_calendar_release(&ru->cal);
	cs_publicity_release(&ru->pub);
	cs_severity_release(&ru->sev);
	cs_mask_release(&ru->mask);
	free(ru->dir);
	free(ru);
}
