/*
 * The credit report as a page (see credit_report.h): a title block with
 * the report number, one numbered section per report.json section
 * (a table with a header row repeated on every printed page, or the
 * "none" line), a footer with the SHA-256, and the report's canonical
 * JSON in a hidden <pre> for verify-report.  No script, no network.
 * And the way back: the report read from either form, and the first
 * place two reports differ.
 */
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "domain/calendar.h"
#include "io/html.h"
#include "ops/credit_report.h"

static const char PRE_OPEN[] = "<pre hidden id=\"cs-report\">";
static const char PRE_CLOSE[] = "</pre>";

/* A value of the report as the page shows it. */
static void
cell(struct cs_buf *b, const json_t *v)
{
	if (json_is_string(v) && json_string_length(v) > 0)
		cs_html_esc(b, json_string_value(v));
	else if (json_is_integer(v))
		cs_buf_addf(b, "%lld", (long long)json_integer_value(v));
	else
		cs_buf_adds(b, "—");
}

static void
meta_row(struct cs_buf *b, const struct cs_report_rules *rr,
    const char *key, const json_t *v, const char *cls)
{
	cs_buf_adds(b, "<tr><th>");
	cs_html_esc(b, cs_report_label(rr, key));
	cs_buf_addf(b, "</th><td class=\"%s\">", cls);
	cell(b, v);
	cs_buf_adds(b, "</td></tr>\n");
}

/* The section of rr named key, or NULL. */
static const struct cs_rsection *
rsection(const struct cs_report_rules *rr, const char *key)
{
	size_t i;

	for (i = 0; key != NULL && i < rr->n; i++)
		if (strcmp(rr->s[i].key, key) == 0)
			return &rr->s[i];
	return NULL;
}

/* One object as a two-column table: label, value. */
static void
kv_table(struct cs_buf *b, const struct cs_rsection *s, const json_t *o)
{
	size_t i;

	cs_buf_adds(b, "<table class=\"kv\">\n");
	for (i = 0; i < s->ncols; i++) {
		cs_buf_adds(b, "<tr><th>");
		cs_html_esc(b, s->label[i]);
		cs_buf_adds(b, "</th><td>");
		cell(b, json_object_get(o, s->col[i]));
		cs_buf_adds(b, "</td></tr>\n");
	}
	cs_buf_adds(b, "</table>\n");
}

static void
grid_table(struct cs_buf *b, const struct cs_rsection *s, const json_t *a)
{
	const json_t *o;
	size_t i, k;

	cs_buf_adds(b, "<table class=\"grid\">\n<thead><tr><th class=\"n\">"
	    "序号</th>");
	for (i = 0; i < s->ncols; i++) {
		cs_buf_adds(b, "<th>");
		cs_html_esc(b, s->label[i]);
		cs_buf_adds(b, "</th>");
	}
	cs_buf_adds(b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(a, k, o) {
		cs_buf_addf(b, "<tr><td class=\"n\">%zu</td>", k + 1);
		for (i = 0; i < s->ncols; i++) {
			const json_t *v = json_object_get(o, s->col[i]);
			int day;

			/* A date is never broken across lines. */
			cs_buf_adds(b, json_string_length(v) == 10 &&
			    cs_date_parse(json_string_value(v), 10, &day) ==
			    0 ? "<td class=\"d\">" : "<td>");
			cell(b, v);
			cs_buf_adds(b, "</td>");
		}
		cs_buf_adds(b, "</tr>\n");
	}
	cs_buf_adds(b, "</tbody>\n</table>\n");
}

static void
section_html(struct cs_buf *b, const struct cs_report_rules *rr,
    const json_t *sec, size_t i)
{
	const char *key = json_string_value(json_object_get(sec, "key"));
	const struct cs_rsection *s = rsection(rr, key);
	const json_t *items = json_object_get(sec, "items");

	cs_buf_adds(b, "<section id=\"s-");
	cs_html_esc(b, key != NULL ? key : "");
	cs_buf_adds(b, "\">\n<h2><span class=\"no\">");
	cs_html_esc(b, rr->numbering[i < rr->n ? i : rr->n - 1]);
	cs_buf_adds(b, "、</span>");
	cell(b, json_object_get(sec, "title"));
	cs_buf_adds(b, " <span class=\"en\">");
	cell(b, json_object_get(sec, "en"));
	cs_buf_adds(b, "</span></h2>\n");
	if (s == NULL || json_array_size(items) == 0) {
		cs_buf_adds(b, "<p class=\"none\">");
		cs_html_esc(b, rr->none);
		cs_buf_adds(b, "</p>\n");
	} else if (s->source == CS_RSRC_ENTITY ||
	    s->source == CS_RSRC_EVALUATION) {
		kv_table(b, s, json_array_get(items, 0));
	} else {
		grid_table(b, s, items);
	}
	cs_buf_adds(b, "</section>\n");
}

void
cs_credit_html(const json_t *doc, const struct cs_report_rules *rr,
    const char *css, struct cs_buf *b)
{
	const json_t *secs = json_object_get(doc, "sections"), *sec;
	struct cs_buf t;
	size_t i;

	cs_buf_init(&t);
	cs_buf_addf(&t, "%s %s", rr->title, json_string_value(
	    json_object_get(doc, "report_no")));
	cs_html_open(b, "zh-CN", t.s, css);
	cs_buf_adds(b, "<main class=\"report\">\n<header class=\"masthead\">"
	    "\n<h1>");
	cs_html_esc(b, rr->title);
	cs_buf_adds(b, "</h1>\n<p class=\"subtitle\">");
	cs_html_esc(b, rr->subtitle);
	cs_buf_adds(b, "</p>\n<p class=\"title-en\">");
	cs_html_esc(b, rr->title_en);
	cs_buf_adds(b, "</p>\n<table class=\"meta\">\n");
	meta_row(b, rr, "report_no", json_object_get(doc, "report_no"),
	    "report-no");
	meta_row(b, rr, "name", json_object_get(doc, "name"), "name");
	meta_row(b, rr, "uscc", json_object_get(doc, "uscc"), "uscc");
	meta_row(b, rr, "as_of", json_object_get(doc, "as_of"), "as-of");
	meta_row(b, rr, "ledger_seq", json_object_get(doc, "ledger_seq"),
	    "seq");
	cs_buf_adds(b, "</table>\n</header>\n");
	json_array_foreach(secs, i, sec)
		section_html(b, rr, sec, i);
	cs_buf_adds(b, "<footer class=\"seal\">\n<p><span class=\"label\">");
	cs_html_esc(b, cs_report_label(rr, "sha256"));
	cs_buf_adds(b, "</span> <code class=\"sha256\">");
	cell(b, json_object_get(doc, "sha256"));
	cs_buf_adds(b, "</code></p>\n<p class=\"note\">");
	cs_html_esc(b, cs_report_label(rr, "note"));
	cs_buf_adds(b, "</p>\n</footer>\n");
	/* What verify-report reads: the report, not to be shown. */
	cs_buf_reset(&t);
	cs_canon_json(doc, &t);
	cs_buf_adds(b, PRE_OPEN);
	cs_html_escn(b, t.s, t.len);
	cs_buf_adds(b, PRE_CLOSE);
	cs_buf_adds(b, "\n</main>\n");
	cs_html_close(b);
	cs_buf_release(&t);
}

/* Undo cs_html_esc on s[0..n) into b; -1 on an unknown reference. */
static int
unescape(const char *s, size_t n, struct cs_buf *b)
{
	static const struct {
		const char *ref;
		char c;
	} refs[] = { { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
	    { "&quot;", '"' }, { "&#39;", '\'' } };
	size_t i, k, l;

	for (i = 0; i < n; i++) {
		if (s[i] != '&') {
			cs_buf_addc(b, s[i]);
			continue;
		}
		for (k = 0; k < 5; k++) {
			l = strlen(refs[k].ref);
			if (n - i >= l && memcmp(s + i, refs[k].ref, l) == 0)
				break;
		}
		if (k == 5)
			return -1;
		cs_buf_addc(b, refs[k].c);
		i += l - 1;
	}
	return 0;
}

json_t *
cs_credit_read(const char *s, size_t n, int *html, char *why, size_t nwhy)
{
	const char *p, *q, *e = s + n;
	json_error_t je;
	struct cs_buf b;
	json_t *doc = NULL;

	*html = 0;
	for (p = s; p < e && strchr(" \t\r\n", *p) != NULL; p++)
		;
	cs_buf_init(&b);
	if (p < e && *p == '{') {
		q = memchr(p, '\n', (size_t)(e - p));
		if (q != NULL)
			for (const char *r = q; r < e; r++)
				if (strchr(" \t\r\n", *r) == NULL) {
					cs_fmt(why, nwhy, "holds more than one "
					    "report: give one line of the "
					    "NDJSON");
					goto out;
				}
		cs_buf_add(&b, p, (size_t)((q != NULL ? q : e) - p));
	} else {
		*html = 1;
		p = memmem(s, n, PRE_OPEN, sizeof(PRE_OPEN) - 1);
		q = p != NULL ? memmem(p, (size_t)(e - p), PRE_CLOSE,
		    sizeof(PRE_CLOSE) - 1) : NULL;
		if (q == NULL) {
			cs_fmt(why, nwhy, "is not a credit report: no JSON "
			    "line and no %s ... %s (a page cut short lacks "
			    "it); give a whole page or JSON line that "
			    "'cs-publish report' wrote", PRE_OPEN, PRE_CLOSE);
			goto out;
		}
		p += sizeof(PRE_OPEN) - 1;
		if (unescape(p, (size_t)(q - p), &b) != 0) {
			cs_fmt(why, nwhy, "its report data holds an unknown "
			    "character reference");
			goto out;
		}
	}
	doc = json_loadb(b.s != NULL ? b.s : "", b.len, JSON_REJECT_DUPLICATES,
	    &je);
	if (doc == NULL)
		cs_fmt(why, nwhy, "its report data is not JSON (%s): give "
		    "the whole file 'cs-publish report' wrote", je.text);
	else if (!json_is_object(doc) || !json_is_string(json_object_get(doc,
	    "uscc")) || !json_is_string(json_object_get(doc, "as_of")) ||
	    !json_is_integer(json_object_get(doc, "ledger_seq")) ||
	    !json_is_string(json_object_get(doc, "sha256"))) {
		cs_fmt(why, nwhy, "is not a credit report: it lacks uscc, "
		    "as_of, ledger_seq or sha256; give a page or JSON line "
		    "that 'cs-publish report' wrote");
		json_decref(doc);
		doc = NULL;
	}
out:
	cs_buf_release(&b);
	return doc;
}

static int
keycmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
cs_json_first_diff(const json_t *a, const json_t *b, struct cs_buf *path)
{
	size_t i, n, len = path->len;
	const char **keys;
	const char *k;
	json_t *v;
	int r = 0;

	if (json_is_object(a) && json_is_object(b)) {
		/* Every key of either, in byte order: a stable first. */
		keys = cs_xcalloc(json_object_size(a) + json_object_size(b) +
		    1, sizeof(char *));
		n = 0;
		json_object_foreach((json_t *)a, k, v)
			keys[n++] = k;
		json_object_foreach((json_t *)b, k, v)
			if (json_object_get(a, k) == NULL)
				keys[n++] = k;
		qsort(keys, n, sizeof(char *), keycmp);
		for (i = 0; i < n && r == 0; i++) {
			if (path->len > 0)
				cs_buf_addc(path, '.');
			cs_buf_adds(path, keys[i]);
			r = cs_json_first_diff(json_object_get(a, keys[i]),
			    json_object_get(b, keys[i]), path);
			if (r == 0) {
				path->len = len;
				if (path->s != NULL)
					path->s[len] = '\0';
			}
		}
		free(keys);
		return r;
	}
	if (json_is_array(a) && json_is_array(b)) {
		n = json_array_size(a) > json_array_size(b) ?
		    json_array_size(a) : json_array_size(b);
		for (i = 0; i < n && r == 0; i++) {
			cs_buf_addf(path, "[%zu]", i);
			r = cs_json_first_diff(json_array_get(a, i),
			    json_array_get(b, i), path);
			if (r == 0) {
				path->len = len;
				if (path->s != NULL)
					path->s[len] = '\0';
			}
		}
		return r;
	}
	if (a == NULL || b == NULL)
		return a != b;
	return !json_equal((json_t *)a, (json_t *)b);
}
