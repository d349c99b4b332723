/*
 * Reading share/cs/report.json: the title, numbering and labels of the
 * credit report and its sections (see report_rules.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rules/report_rules.h"
#include "rules/rules.h"

static const char FILE_NAME[] = "report.json";

static const char *const sources[] = {
	[CS_RSRC_ENTITY] = "entity", [CS_RSRC_RECORDS] = "records",
	[CS_RSRC_COMMITMENTS] = "commitments", [CS_RSRC_LISTS] = "lists",
	[CS_RSRC_EVALUATION] = "evaluation",
	[CS_RSRC_SUGGESTIONS] = "suggestions"
};
static const char *const filters[] = {
	[CS_RFLT_ALL] = "all", [CS_RFLT_PUBLISHED] = "published",
	[CS_RFLT_IN_FORCE] = "in_force"
};

/* A non-empty string member of o, copied into *out: 0, or -1 with err. */
static int
text(const json_t *o, const char *key, char **out, const char *dir,
    const char *where, struct cs_error *err)
{
	const json_t *v = json_object_get(o, key);

	if (!json_is_string(v) || json_string_length(v) == 0)
		return cs_rules_error(err, dir, FILE_NAME, "%s%s: expected a "
		    "non-empty string", where, key);
	*out = cs_xstrdup(json_string_value(v));
	return 0;
}

/* An array of strings a into *v, *n: 0, or -1 with err. */
static int
strings(const json_t *a, char ***v, size_t *n, const char *dir,
    const char *what, struct cs_error *err)
{
	const json_t *e;
	size_t i;

	if (!json_is_array(a) || json_array_size(a) == 0)
		return cs_rules_error(err, dir, FILE_NAME, "%s: expected an "
		    "array of strings", what);
	*v = cs_xcalloc(json_array_size(a) + 1, sizeof(char *));
	json_array_foreach(a, i, e) {
		if (!json_is_string(e) || json_string_length(e) == 0)
			return cs_rules_error(err, dir, FILE_NAME, "%s[%zu]: "
			    "expected a non-empty string", what, i);
		(*v)[i] = cs_xstrdup(json_string_value(e));
		(*n)++;
	}
	return 0;
}

/* An object of strings o into parallel arrays: 0, or -1 with err. */
static int
pairs(const json_t *o, char ***k, char ***v, size_t *n, const char *dir,
    const char *what, struct cs_error *err)
{
	const char *key;
	json_t *e;

	if (!json_is_object(o))
		return cs_rules_error(err, dir, FILE_NAME, "%s: expected an "
		    "object of strings", what);
	*k = cs_xcalloc(json_object_size(o) + 1, sizeof(char *));
	*v = cs_xcalloc(json_object_size(o) + 1, sizeof(char *));
	json_object_foreach((json_t *)o, key, e) {
		if (!json_is_string(e))
			return cs_rules_error(err, dir, FILE_NAME, "%s.%s: "
			    "expected a string", what, key);
		(*k)[*n] = cs_xstrdup(key);
		(*v)[*n] = cs_xstrdup(json_string_value(e));
		(*n)++;
	}
	return 0;
}

static int
name_of(const json_t *v, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; json_is_string(v) && i < n; i++)
		if (strcmp(json_string_value(v), names[i]) == 0)
			return (int)i;
	return -1;
}

static int
section(struct cs_rsection *s, const json_t *o, size_t i, const char *dir,
    struct cs_error *err)
{
	const json_t *cols, *c, *w;
	char where[48], what[64];
	size_t k;
	int r;

	cs_fmt(where, sizeof(where), "sections[%zu].", i);
	if (!json_is_object(o))
		return cs_rules_error(err, dir, FILE_NAME, "sections[%zu]: "
		    "expected an object", i);
	if (text(o, "key", &s->key, dir, where, err) != 0 ||
	    text(o, "title", &s->title, dir, where, err) != 0 ||
	    text(o, "en", &s->en, dir, where, err) != 0)
		return -1;
	r = name_of(json_object_get(o, "source"), sources,
	    sizeof(sources) / sizeof(sources[0]));
	if (r < 0)
		return cs_rules_error(err, dir, FILE_NAME, "%ssource: expected "
		    "entity, records, commitments, lists, evaluation or "
		    "suggestions", where);
	s->source = r;
	if (s->source == CS_RSRC_RECORDS) {
		cs_fmt(what, sizeof(what), "%stypes", where);
		if (strings(json_object_get(o, "types"), &s->types, &s->ntypes,
		    dir, what, err) != 0)
			return -1;
		r = json_object_get(o, "filter") == NULL ? CS_RFLT_ALL :
		    name_of(json_object_get(o, "filter"), filters, 3);
		if (r < 0)
			return cs_rules_error(err, dir, FILE_NAME, "%sfilter: "
			    "expected all, published or in_force", where);
		s->filter = r;
		w = json_object_get(o, "where");
		if (w != NULL) {
			char **k2 = NULL, **v2 = NULL;
			size_t n2 = 0, j;

			cs_fmt(what, sizeof(what), "%swhere", where);
			r = pairs(w, &k2, &v2, &n2, dir, what, err);
			s->where = cs_xcalloc(2 * n2 + 1, sizeof(char *));
			for (j = 0; j < n2; j++) {
				s->where[2 * j] = k2[j];
				s->where[2 * j + 1] = v2[j];
			}
			s->nwhere = n2;
			/* Taken over when whole; freed here when not. */
			for (j = n2; k2 != NULL && k2[j] != NULL; j++)
				free(k2[j]);
			free(k2);
			free(v2);
			if (r != 0)
				return -1;
		}
	}
	cols = json_object_get(o, "columns");
	if (!json_is_array(cols) || json_array_size(cols) == 0)
		return cs_rules_error(err, dir, FILE_NAME, "%scolumns: expected "
		    "an array of [column, label]", where);
	s->col = cs_xcalloc(json_array_size(cols), sizeof(char *));
	s->label = cs_xcalloc(json_array_size(cols), sizeof(char *));
	json_array_foreach(cols, k, c) {
		if (json_array_size(c) != 2 ||
		    !json_is_string(json_array_get(c, 0)) ||
		    !json_is_string(json_array_get(c, 1)) ||
		    json_string_length(json_array_get(c, 0)) == 0)
			return cs_rules_error(err, dir, FILE_NAME, "%scolumns"
			    "[%zu]: expected [column, label]", where, k);
		s->col[k] = cs_xstrdup(json_string_value(json_array_get(c,
		    0)));
		s->label[k] = cs_xstrdup(json_string_value(json_array_get(c,
		    1)));
		s->ncols++;
	}
	return 0;
}

/* 1 when s[0..n) holds "</style" in any case: it would end the sheet. */
static int
ends_style(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 7 <= n; i++)
		if (s[i] == '<' && strncasecmp(s + i, "</style", 7) == 0)
			return 1;
	return 0;
}

/* DIR/report.css, whole, into *out: 0, or -1 with err (69). */
static int
stylesheet(char **out, const char *dir, struct cs_error *err)
{
	struct cs_buf b;
	char path[4096], chunk[4096];
	size_t n;
	FILE *fp;

	cs_fmt(path, sizeof(path), "%s/report.css", dir);
	fp = fopen(path, "r");
	if (fp == NULL)
		return cs_rules_error(err, dir, "report.css", "%s",
		    strerror(errno));
	cs_buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		cs_buf_add(&b, chunk, n);
	if (ferror(fp) || memchr(b.s, '\0', b.len) != NULL ||
	    ends_style(b.s, b.len)) {
		fclose(fp);
		cs_buf_release(&b);
		return cs_rules_error(err, dir, "report.css", "cannot be read "
		    "whole, or holds a NUL byte or '</style'");
	}
	fclose(fp);
	*out = b.s;
	return 0;
}

int
cs_report_rules_load(struct cs_report_rules *r, const char *dir,
    struct cs_error *err)
{
	json_t *j = cs_rules_json(dir, FILE_NAME, err);
	const json_t *a, *e;
	size_t i, k, nnum = 0;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	if (j == NULL)
		return -1;
	if (text(j, "title", &r->title, dir, "", err) != 0 ||
	    text(j, "title_en", &r->title_en, dir, "", err) != 0 ||
	    text(j, "subtitle", &r->subtitle, dir, "", err) != 0 ||
	    text(j, "number_prefix", &r->prefix, dir, "", err) != 0 ||
	    text(j, "none", &r->none, dir, "", err) != 0 ||
	    strings(json_object_get(j, "numbering"), &r->numbering, &nnum,
	    dir, "numbering", err) != 0 ||
	    pairs(json_object_get(j, "labels"), &r->lkey, &r->lval, &r->nl,
	    dir, "labels", err) != 0 ||
	    pairs(json_object_get(j, "terms"), &r->tkey, &r->tval, &r->nt,
	    dir, "terms", err) != 0)
		goto out;
	a = json_object_get(j, "sections");
	if (!json_is_array(a) || json_array_size(a) == 0) {
		cs_rules_error(err, dir, FILE_NAME, "sections: expected an "
		    "array of sections");
		goto out;
	}
	r->s = cs_xcalloc(json_array_size(a), sizeof(*r->s));
	json_array_foreach(a, i, e) {
		r->n++;
		if (section(&r->s[i], e, i, dir, err) != 0)
			goto out;
		for (k = 0; k < i; k++)
			if (strcmp(r->s[k].key, r->s[i].key) == 0) {
				cs_rules_error(err, dir, FILE_NAME, "sections"
				    "[%zu].key: '%s' again", i, r->s[i].key);
				goto out;
			}
	}
	if (stylesheet(&r->css, dir, err) != 0)
		goto out;
	if (nnum < r->n) {
		cs_rules_error(err, dir, FILE_NAME, "numbering: %zu numbers "
		    "for %zu sections", nnum, r->n);
		goto out;
	}
	rc = 0;
out:
	json_decref(j);
	if (rc != 0)
		cs_report_rules_release(r);
	return rc;
}

static void
free_strings(char **v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		free(v[i]);
	free(v);
}

void
cs_report_rules_release(struct cs_report_rules *r)
{
	size_t i, nnum = 0;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		struct cs_rsection *s = &r->s[i];

		free(s->key);
		free(s->title);
		free(s->en);
		free_strings(s->types, s->ntypes);
		free_strings(s->where, 2 * s->nwhere);
		free_strings(s->col, s->ncols);
		free_strings(s->label, s->ncols);
	}
	free(r->s);
	while (r->numbering != NULL && r->numbering[nnum] != NULL)
		nnum++;
	free_strings(r->numbering, nnum);
	free_strings(r->lkey, r->nl);
	free_strings(r->lval, r->nl);
	free_strings(r->tkey, r->nt);
	free_strings(r->tval, r->nt);
	free(r->title);
	free(r->title_en);
	free(r->subtitle);
	free(r->prefix);
	free(r->none);
	free(r->css);
	memset(r, 0, sizeof(*r));
}

const char *
cs_report_label(const struct cs_report_rules *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->nl; i++)
		if (strcmp(r->lkey[i], key) == 0)
			return r->lval[i];
	return key;
}

const char *
cs_report_term(const struct cs_report_rules *r, const char *code)
{
	size_t i;

	for (i = 0; i < r->nt; i++)
		if (strcmp(r->tkey[i], code) == 0)
			return r->tval[i];
	return code;
}
