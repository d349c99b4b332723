/*
 * Reading share/cs/summary.json, the presentation of the monthly
 * supervision report: titles, chart order and notes, labels.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "rules/summary_rules.h"

static const char FILE_NAME[] = "summary.json";

const char *const cs_summary_chart_ids[CS_SUMMARY_NCHART_IDS] = {
	"records", "disclosure", "classes", "movements", "inspections",
	"lists", "repairs", "signals"
};

/* A non-empty string member of o, copied into *out; 0, or -1. */
static int
text(const json_t *o, const char *key, char **out)
{
	const json_t *v = json_object_get(o, key);

	if (!json_is_string(v) || json_string_length(v) == 0 ||
	    strlen(json_string_value(v)) != json_string_length(v))
		return -1;
	*out = cs_xstrdup(json_string_value(v));
	return 0;
}

static int
known(const char *id)
{
	size_t i;

	for (i = 0; i < CS_SUMMARY_NCHART_IDS; i++)
		if (strcmp(id, cs_summary_chart_ids[i]) == 0)
			return 1;
	return 0;
}

static int
charts(struct cs_summary_rules *r, const json_t *a, const char *dir,
    struct cs_error *err)
{
	struct cs_summary_chart *c;
	const json_t *e;
	size_t i, k;

	if (!json_is_array(a) || json_array_size(a) == 0)
		return cs_rules_error(err, dir, FILE_NAME, "charts: expected an "
		    "array of {\"id\", \"title\", \"title_en\", \"note\"}");
	r->charts = cs_xcalloc(json_array_size(a), sizeof(*r->charts));
	json_array_foreach(a, i, e) {
		c = &r->charts[r->ncharts++];
		if (text(e, "id", &c->id) != 0 || text(e, "title",
		    &c->title) != 0 || text(e, "title_en", &c->title_en) != 0 ||
		    text(e, "note", &c->note) != 0)
			return cs_rules_error(err, dir, FILE_NAME, "charts[%zu]: "
			    "expected the strings id, title, title_en and note",
			    i);
		if (!known(c->id))
			return cs_rules_error(err, dir, FILE_NAME, "charts[%zu]"
			    ".id: unknown chart '%s'", i, c->id);
		for (k = 0; k < i; k++)
			if (strcmp(r->charts[k].id, c->id) == 0)
				return cs_rules_error(err, dir, FILE_NAME,
				    "charts[%zu].id: '%s' twice", i, c->id);
	}
	return 0;
}

static int
labels(struct cs_summary_rules *r, const json_t *o, const char *dir,
    struct cs_error *err)
{
	const char *key;
	const json_t *v;
	size_t n = json_object_size(o);

	if (!json_is_object(o))
		return cs_rules_error(err, dir, FILE_NAME, "labels: expected an "
		    "object of strings");
	r->keys = cs_xcalloc(n + 1, sizeof(char *));
	r->labels = cs_xcalloc(n + 1, sizeof(char *));
	json_object_foreach((json_t *)o, key, v) {
		if (!json_is_string(v) || strlen(json_string_value(v)) !=
		    json_string_length(v))
			return cs_rules_error(err, dir, FILE_NAME, "labels.%s: "
			    "expected a string", key);
		r->keys[r->nlabels] = cs_xstrdup(key);
		r->labels[r->nlabels++] = cs_xstrdup(json_string_value(v));
	}
	return 0;
}

/* DIR/summary.css whole into *out (new); 0, or -1 with err (69). */
static int
stylesheet(const char *dir, char **out, struct cs_error *err)
{
	struct cs_buf b;
	char path[4096], chunk[8192];
	size_t n;
	FILE *fp;
	int e;

	cs_fmt(path, sizeof(path), "%s/summary.css", dir);
	fp = fopen(path, "r");
	if (fp == NULL)
		return cs_rules_error(err, dir, "summary.css", "cannot open: %s",
		    strerror(errno));
	cs_buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		cs_buf_add(&b, chunk, n);
	e = ferror(fp) ? errno : 0;
	fclose(fp);
	if (e != 0 || memchr(b.s, '\0', b.len) != NULL) {
		cs_buf_release(&b);
		return cs_rules_error(err, dir, "summary.css", "%s", e != 0 ?
		    strerror(e) : "holds a NUL byte");
	}
	*out = cs_buf_detach(&b);
	return 0;
}

int
cs_summary_rules_load(struct cs_summary_rules *r, const char *dir,
    struct cs_error *err)
{
	json_t *j = cs_rules_json(dir, FILE_NAME, err);
	const json_t *mb;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	if (j == NULL)
		return -1;
	if (text(j, "title", &r->title) != 0 || text(j, "title_en",
	    &r->title_en) != 0) {
		cs_rules_error(err, dir, FILE_NAME, "title and title_en: "
		    "expected non-empty strings");
		goto out;
	}
	mb = json_object_get(j, "max_bars");
	if (!json_is_integer(mb) || json_integer_value(mb) < 2 ||
	    json_integer_value(mb) > 50) {
		cs_rules_error(err, dir, FILE_NAME, "max_bars: expected a "
		    "whole number from 2 to 50");
		goto out;
	}
	r->max_bars = (long)json_integer_value(mb);
	if (charts(r, json_object_get(j, "charts"), dir, err) != 0 ||
	    labels(r, json_object_get(j, "labels"), dir, err) != 0 ||
	    stylesheet(dir, &r->css, err) != 0)
		goto out;
	rc = 0;
out:
	json_decref(j);
	if (rc != 0)
		cs_summary_rules_release(r);
	return rc;
}

void
cs_summary_rules_release(struct cs_summary_rules *r)
{
	size_t i;

	if (r == NULL)
		return;
	free(r->title);
	free(r->title_en);
	for (i = 0; i < r->ncharts; i++) {
		free(r->charts[i].id);
		free(r->charts[i].title);
		free(r->charts[i].title_en);
		free(r->charts[i].note);
	}
	free(r->charts);
	for (i = 0; i < r->nlabels; i++) {
		free(r->keys[i]);
		free(r->labels[i]);
	}
	free(r->keys);
	free(r->labels);
	free(r->css);
	memset(r, 0, sizeof(*r));
}

const char *
cs_summary_label(const struct cs_summary_rules *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->nlabels; i++)
		if (strcmp(r->keys[i], key) == 0)
			return r->labels[i];
	return key;
}
