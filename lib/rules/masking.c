/*
 * Loading share/cs/masking.json: how ID numbers are masked and in which
 * columns (DESIGN.md 5.3).  Platforms differ, so the pattern is data.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

#define bad(...) cs_rules_error(__VA_ARGS__)

/* A whole number member from 0 to 18. */
static int
count(const json_t *root, const char *key, int *out, const char *dir,
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
	if (count(root, "keep_first", &m->keep_first, dir, err) != 0 ||
	    count(root, "keep_last", &m->keep_last, dir, err) != 0)
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
