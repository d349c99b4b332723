/*
 * Reading share/cs/publish.json: deadlines by date, due_soon_days, the
 * age of majority by date (minors), and the columns of licences.csv and penalties.csv.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/publish_rules.h"
#include "rules/rules.h"

static const char FILE_NAME[] = "publish.json";

static int
whole(const json_t *v, int max)
{
	return json_is_integer(v) && json_integer_value(v) >= 0 &&
	    json_integer_value(v) <= max;
}

static int
deadlines(struct cs_disclose *d, const json_t *a, const char *dir,
    struct cs_error *err)
{
	const json_t *e, *from;
	size_t i;

	if (!json_is_array(a) || json_array_size(a) == 0)
		return cs_rules_error(err, dir, FILE_NAME, "deadlines: expected "
		    "an array of {\"from\", \"publish\", \"withdraw\"}");
	d->dl = cs_xcalloc(json_array_size(a), sizeof(*d->dl));
	json_array_foreach(a, i, e) {
		from = json_object_get(e, "from");
		if (!json_is_string(from) || cs_date_parse(
		    json_string_value(from), json_string_length(from),
		    &d->dl[i].from) != 0)
			return cs_rules_error(err, dir, FILE_NAME, "deadlines[%zu]"
			    ".from: expected a date", i);
		if (i > 0 && d->dl[i].from <= d->dl[i - 1].from)
			return cs_rules_error(err, dir, FILE_NAME, "deadlines[%zu]"
			    ".from: not after the one before", i);
		if (!whole(json_object_get(e, "publish"), 366) ||
		    !whole(json_object_get(e, "withdraw"), 366))
			return cs_rules_error(err, dir, FILE_NAME, "deadlines[%zu]:"
			    " publish and withdraw must be whole numbers of "
			    "working days", i);
		d->dl[i].publish = (int)json_integer_value(json_object_get(e,
		    "publish"));
		d->dl[i].withdraw = (int)json_integer_value(json_object_get(e,
		    "withdraw"));
		d->ndl++;
	}
	return 0;
}

/* minors: [{"from", "adult_age"}], sorted by from. */
static int
minors(struct cs_disclose *d, const json_t *a, const char *dir,
    struct cs_error *err)
{
	const json_t *e, *from, *age;
	size_t i;

	if (!json_is_array(a) || json_array_size(a) == 0)
		return cs_rules_error(err, dir, FILE_NAME, "minors: expected "
		    "an array of {\"from\", \"adult_age\"}");
	d->mr = cs_xcalloc(json_array_size(a) + 1, sizeof(*d->mr));
	json_array_foreach(a, i, e) {
		from = json_object_get(e, "from");
		age = json_object_get(e, "adult_age");
		if (!json_is_string(from) || cs_date_parse(
		    json_string_value(from), json_string_length(from),
		    &d->mr[i].from) != 0)
			return cs_rules_error(err, dir, FILE_NAME, "minors[%zu]"
			    ".from: expected a date", i);
		if (i > 0 && d->mr[i].from <= d->mr[i - 1].from)
			return cs_rules_error(err, dir, FILE_NAME, "minors[%zu]"
			    ".from: not after the one before", i);
		if (!whole(age, 150))
			return cs_rules_error(err, dir, FILE_NAME, "minors[%zu]"
			    ".adult_age: expected a whole number of years", i);
		d->mr[i].adult_age = (int)json_integer_value(age);
		d->nmr++;
	}
	return 0;
}

static int
columns(struct cs_pubfile *f, const json_t *files, const char *name,
    const char *dir, struct cs_error *err)
{
	const json_t *a = json_object_get(files, name), *c;
	size_t i, k;

	if (!json_is_array(a) || json_array_size(a) == 0)
		return cs_rules_error(err, dir, FILE_NAME, "files.%s: expected "
		    "an array of [column, header, code]", name);
	f->name = cs_xstrdup(name);
	f->col = cs_xcalloc(json_array_size(a), sizeof(char *));
	f->cn = cs_xcalloc(json_array_size(a), sizeof(char *));
	f->code = cs_xcalloc(json_array_size(a), sizeof(char *));
	json_array_foreach(a, i, c) {
		if (json_array_size(c) != 3)
			return cs_rules_error(err, dir, FILE_NAME, "files.%s[%zu]:"
			    " expected [column, header, code]", name, i);
		for (k = 0; k < 3; k++)
			if (!json_is_string(json_array_get(c, k)))
				return cs_rules_error(err, dir, FILE_NAME,
				    "files.%s[%zu]: expected three strings",
				    name, i);
		f->col[i] = cs_xstrdup(json_string_value(json_array_get(c, 0)));
		f->cn[i] = cs_xstrdup(json_string_value(json_array_get(c, 1)));
		f->code[i] = cs_xstrdup(json_string_value(json_array_get(c, 2)));
		f->n++;
	}
	if (strcmp(f->col[0], "id") != 0)
		return cs_rules_error(err, dir, FILE_NAME, "files.%s: the first "
		    "column must be id", name);
	return 0;
}

int
cs_disclose_load(struct cs_disclose *d, const char *dir,
    struct cs_error *err)
{
	json_t *j = cs_rules_json(dir, FILE_NAME, err);
	const json_t *soon, *files;
	int rc = -1;

	memset(d, 0, sizeof(*d));
	if (j == NULL)
		return -1;
	soon = json_object_get(j, "due_soon_days");
	files = json_object_get(j, "files");
	if (deadlines(d, json_object_get(j, "deadlines"), dir, err) != 0 ||
	    minors(d, json_object_get(j, "minors"), dir, err) != 0)
		goto out;
	if (!whole(soon, 3660)) {
		cs_rules_error(err, dir, FILE_NAME, "due_soon_days: expected a "
		    "whole number of days");
		goto out;
	}
	d->soon_days = (int)json_integer_value(soon);
	if (columns(&d->licences, files, "licences.csv", dir, err) != 0 ||
	    columns(&d->penalties, files, "penalties.csv", dir, err) != 0)
		goto out;
	rc = 0;
out:
	json_decref(j);
	if (rc != 0)
		cs_disclose_release(d);
	return rc;
}
