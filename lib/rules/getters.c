/*
 * The members of rules files read alike by several loaders (getters.h).
 */
#include <limits.h>
#include <stdarg.h>
#include <string.h>

#include "rules/getters.h"

int
cs_rget_bad(const struct cs_rfile *f, const char *fmt, ...)
{
	char path[PATH_MAX];
	va_list ap;

	cs_fmt(path, sizeof(path), "%s/%s", f->dir, f->file);
	va_start(ap, fmt);
	cs_error_vset(f->err, CS_EX_UNAVAILABLE, path, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int
cs_rget_period(const struct cs_rfile *f, const char *s, const char *at,
    struct cs_period *p, char text[16])
{
	if (s == NULL || strlen(s) >= 16 || cs_period_parse(s, p) != 0)
		return cs_rget_bad(f, "%s: expected a period such as \"P1Y\" "
		    "or \"P3M\"", at);
	cs_fmt(text, 16, "%s", s);
	return 0;
}

int
cs_rget_date(const struct cs_rfile *f, const json_t *o, const char *key,
    const char *at, const char *example, int *day)
{
	const json_t *j = json_object_get(o, key);
	const char *s = json_string_value(j);

	if (j == NULL)
		return 0;
	if (s == NULL || cs_date_parse(s, strlen(s), day) != 0)
		return cs_rget_bad(f, "%s.%s: expected a date such as \"%s\"",
		    at, key, example);
	return 0;
}

int
cs_rget_strlist(const struct cs_rfile *f, const json_t *o, const char *key,
    const char *at, int required, struct cs_strlist *l)
{
	const json_t *j = json_object_get(o, key);
	json_t *v;
	size_t i;

	memset(l, 0, sizeof(*l));
	if (j == NULL && !required)
		return 0;
	if (!json_is_array(j) || json_array_size(j) == 0)
		return cs_rget_bad(f, "%s%s%s: expected a non-empty array of "
		    "strings", at, *at != '\0' ? "." : "", key);
	l->v = cs_xcalloc(json_array_size(j), sizeof(char *));
	json_array_foreach(j, i, v) {
		if (!json_is_string(v) || json_string_length(v) == 0)
			return cs_rget_bad(f, "%s%s%s[%zu]: expected a "
			    "non-empty string", at, *at != '\0' ? "." : "",
			    key, i);
		l->v[l->n++] = cs_xstrdup(json_string_value(v));
	}
	return 0;
}
