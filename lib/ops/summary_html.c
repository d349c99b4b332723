/*
 * The page of the monthly supervision report, drawn from the figures of
 * cs_summary_build alone: a header with the key figures, then each chart
 * of summary.json in its order, an SVG drawn by io/svg.c and the table
 * of its numbers (caption, scoped headers) below it.
 */
#include <stdlib.h>
#include <string.h>

#include "io/html.h"
#include "io/svg.h"
#include "ops/summary.h"

/* What a section is drawn with. */
struct page {
	const json_t *j;
	const struct cs_summary_rules *sr;
	struct cs_buf *b;
	struct cs_buf desc;
};

static const char *
L(const struct page *p, const char *key)
{
	return cs_summary_label(p->sr, key);
}

static long
n_of(const json_t *o, const char *key)
{
	return (long)json_integer_value(json_object_get(o, key));
}

static const char *
s_of(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

/* <table> with its caption and the column headers keys[0..n). */
static void
table_open(struct page *p, const char *caption, const char *const *keys,
    size_t n)
{
	size_t i;

	cs_buf_adds(p->b, "<table>\n<caption>");
	cs_html_esc(p->b, caption);
	cs_buf_adds(p->b, "</caption>\n<thead><tr>");
	for (i = 0; i < n; i++) {
		cs_buf_adds(p->b, "<th scope=\"col\">");
		cs_html_esc(p->b, L(p, keys[i]));
		cs_buf_adds(p->b, "</th>");
	}
	cs_buf_adds(p->b, "</tr></thead>\n<tbody>\n");
}

/* One row: th (scope row) for the first nhead texts, then the numbers. */
static void
table_row(struct page *p, const char *const *heads, size_t nhead,
    const long *v, size_t n, const char *tr_class)
{
	size_t i;

	if (tr_class != NULL)
		cs_buf_addf(p->b, "<tr class=\"%s\">", tr_class);
	else
		cs_buf_adds(p->b, "<tr>");
	for (i = 0; i < nhead; i++) {
		cs_buf_adds(p->b, i == 0 ? "<th scope=\"row\">" : "<td>");
		cs_html_esc(p->b, heads[i][0] != '\0' ? heads[i] : "\xe2\x80\x94");
		cs_buf_adds(p->b, i == 0 ? "</th>" : "</td>");
	}
	for (i = 0; i < n; i++)
		cs_buf_addf(p->b, "<td class=\"n\">%ld</td>", v[i]);
	cs_buf_adds(p->b, "</tr>\n");
}

/* The row that says there is nothing, across ncols columns. */
static void
table_none(struct page *p, size_t ncols)
{
	cs_buf_addf(p->b, "<tr><td class=\"none\" colspan=\"%zu\">", ncols);
	cs_html_esc(p->b, L(p, "no_data"));
	cs_buf_adds(p->b, "</td></tr>\n");
}

static void
table_close(struct page *p)
{
	cs_buf_adds(p->b, "</tbody>\n</table>\n");
}

/* The value of column k of an "others" row summed from its parts. */
static void
derive(const char *const *keys, size_t nk, long *v)
{
	size_t k, on = nk, dec = nk;

	for (k = 0; k < nk; k++) {
		if (strcmp(keys[k], "on_time") == 0)
			on = k;
		if (strcmp(keys[k], "decisions") == 0)
			dec = k;
	}
	for (k = 0; k < nk; k++)
		if (strcmp(keys[k], "on_time_percent") == 0 && on < nk &&
		    dec < nk)
			v[k] = v[dec] > 0 ? v[on] * 100 / v[dec] : 0;
}

/*
 * The rows of a (up to max_bars; the rest summed as "others", a
 * maximum kept as one) as bars of the first nbar of keys[0..nk), then a
 * table of the same rows with every column of keys: the label is the
 * member lk, after the member tk when given.
 */
static void
bars(struct page *p, const char *id, const char *title, const json_t *a,
    const char *lk, const char *tk, const char *const *keys, size_t nk,
    size_t nbar, int stacked)
{
	size_t n = json_array_size(a), m = n, i, k, s;
	const char **labels, *series[6], *h[1];
	struct cs_buf *names;
	const json_t *e;
	long *v, *bv, x;

	if (m > (size_t)p->sr->max_bars)
		m = (size_t)p->sr->max_bars;
	labels = cs_xcalloc(m + 1, sizeof(*labels));
	names = cs_xcalloc(m + 1, sizeof(*names));
	v = cs_xcalloc((m + 1) * nk, sizeof(*v));
	bv = cs_xcalloc((m + 1) * nbar, sizeof(*bv));
	for (i = 0; i < n; i++) {
		e = json_array_get(a, i);
		k = i < m - (n > m) ? i : m - 1;
		if (k == i) {
			cs_buf_init(&names[k]);
			if (tk != NULL && s_of(e, tk)[0] != '\0')
				cs_buf_addf(&names[k], "%s %s", s_of(e, tk),
				    s_of(e, lk));
			else
				cs_buf_adds(&names[k], s_of(e, lk)[0] != '\0' ?
				    s_of(e, lk) : "\xe2\x80\x94");
			labels[k] = names[k].s;
		} else if (labels[k] != L(p, "others")) {
			cs_buf_release(&names[k]);
			labels[k] = L(p, "others");
		}
		for (s = 0; s < nk; s++) {
			x = n_of(e, keys[s]);
			if (strstr(keys[s], "max") == NULL)
				v[k * nk + s] += x;
			else if (x > v[k * nk + s])
				v[k * nk + s] = x;
		}
	}
	for (i = 0; i < m; i++) {
		derive(keys, nk, v + i * nk);
		memcpy(bv + i * nbar, v + i * nk, nbar * sizeof(*v));
	}
	for (i = 0; i < nbar && i < 6; i++)
		series[i] = L(p, keys[i]);
	cs_buf_reset(&p->desc);
	cs_buf_addf(&p->desc, "%s: ", title);
	for (i = 0; i < m; i++)
		for (k = 0; k < nbar; k++)
			cs_buf_addf(&p->desc, "%s%s%s%s %ld", i + k > 0 ? "; " :
			    "", labels[i], nbar > 1 ? " " : "", nbar > 1 ?
			    series[k] : "", bv[i * nbar + k]);
	cs_svg_bars(p->b, &(struct cs_svg_bars){ .id = id, .title = title,
	    .desc = p->desc.s, .empty = L(p, "no_data"), .n = m,
	    .labels = labels, .nseries = nbar, .series = series, .v = bv,
	    .stacked = stacked });
	cs_buf_adds(p->b, "<table>\n<caption>");
	cs_html_esc(p->b, title);
	cs_buf_adds(p->b, "</caption>\n<thead><tr><th scope=\"col\">");
	cs_html_esc(p->b, L(p, lk));
	cs_buf_adds(p->b, "</th>");
	for (k = 0; k < nk; k++) {
		cs_buf_adds(p->b, "<th scope=\"col\">");
		cs_html_esc(p->b, L(p, keys[k]));
		cs_buf_adds(p->b, "</th>");
	}
	cs_buf_adds(p->b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < m; i++) {
		h[0] = labels[i];
		table_row(p, h, 1, v + i * nk, nk, NULL);
	}
	if (m == 0)
		table_none(p, nk + 1);
	for (i = 0; i < m; i++)
		if (labels[i] != L(p, "others"))
			cs_buf_release(&names[i]);
	free(names);
	free(labels);
	free(v);
	free(bv);
}

static void
sec_records(struct page *p, const char *title)
{
	static const char *const vk[] = { "records" };
	const json_t *r = json_object_get(p->j, "records");
	const char *h[1];
	long v;

	bars(p, "c-records-type", title, json_object_get(r, "by_type"),
	    "type", "title", vk, 1, 1, 0);
	h[0] = L(p, "entities_registered");
	v = n_of(r, "entities_registered");
	table_row(p, h, 1, &v, 1, "total");
	table_close(p);
	bars(p, "c-records-authority", L(p, "authority"),
	    json_object_get(r, "by_authority"), "authority", NULL, vk, 1, 1,
	    0);
	table_close(p);
}

static void
sec_disclosure(struct page *p, const char *title)
{
	static const char *const vk[] = { "on_time", "late", "unpublished",
	    "decisions", "late_max_working_days", "on_time_percent" };
	const json_t *d = json_object_get(p->j, "disclosure");
	const json_t *t = json_object_get(d, "total");
	const char *h[1];
	long v[4];

	bars(p, "c-disclosure", title, json_object_get(d, "authorities"),
	    "authority", NULL, vk, 6, 3, 1);
	if (n_of(t, "decisions") > 0) {
		h[0] = L(p, "total");
		v[0] = n_of(t, "on_time");
		v[1] = n_of(t, "late");
		v[2] = n_of(t, "unpublished");
		v[3] = n_of(t, "decisions");
		table_row(p, h, 1, v, 4, "total");
	}
	table_close(p);
}

static void
sec_classes(struct page *p, const char *title)
{
	static const char *const vk[] = { "previous", "entities" };

	bars(p, "c-classes", title, json_object_get(json_object_get(p->j,
	    "classes"), "distribution"), "title", "class", vk, 2, 2, 0);
	table_close(p);
}
static void
sec_movements(struct page *p, const char *title)
{
	static const char *const cols[] = { "from", "to", "entities" };
	const json_t *c = json_object_get(p->j, "classes"), *e, *d;
	size_t nc, r, k, i;
	const char **rows, **cls, *h[2];
	long *v, n;

	d = json_object_get(c, "distribution");
	nc = json_array_size(d);
	rows = cs_xcalloc(nc + 1, sizeof(*rows));
	cls = cs_xcalloc(nc + 1, sizeof(*cls));
	v = cs_xcalloc((nc + 1) * (nc + 1), sizeof(*v));
	rows[0] = L(p, "new");
	for (k = 0; k < nc; k++)
		cls[k] = rows[k + 1] = s_of(json_array_get(d, k), "class");
	json_array_foreach(json_object_get(c, "movements"), i, e) {
		for (r = 0; r <= nc; r++)
			if (strcmp(r == 0 ? "new" : rows[r], s_of(e, "from")) ==
			    0)
				break;
		for (k = 0; k < nc; k++)
			if (strcmp(cls[k], s_of(e, "to")) == 0)
				break;
		if (r <= nc && k < nc)
			v[r * nc + k] = n_of(e, "entities");
	}
	cs_buf_reset(&p->desc);
	cs_buf_addf(&p->desc, "%s: %ld", title, n_of(c, "changed"));
	cs_svg_matrix(p->b, &(struct cs_svg_matrix){ .id = "c-movements",
	    .title = title, .desc = p->desc.s, .empty = L(p, "no_data"),
	    .row_title = L(p, "from"), .col_title = L(p, "to"),
	    .nr = nc + 1, .nc = nc, .rows = rows, .cols = cls, .v = v });
	table_open(p, title, cols, 3);
	json_array_foreach(json_object_get(c, "movements"), i, e) {
		h[0] = strcmp(s_of(e, "from"), "new") == 0 ? L(p, "new") :
		    s_of(e, "from");
		h[1] = s_of(e, "to");
		n = n_of(e, "entities");
		table_row(p, h, 2, &n, 1, strcmp(h[0], h[1]) == 0 ? "same" :
		    NULL);
	}
	if (i == 0)
		table_none(p, 3);
	table_close(p);
	free(rows);
	free(cls);
	free(v);
}

static void
sec_inspections(struct page *p, const char *title)
{
	static const char *const vk[] = { "done", "open", "drawn" };
	static const char *const rk[] = { "targets" };
	const json_t *in = json_object_get(p->j, "inspections");

	bars(p, "c-inspections", title, json_object_get(in, "draws"),
	    "draw_id", NULL, vk, 3, 2, 1);
	table_close(p);
	bars(p, "c-results", L(p, "result"), json_object_get(in, "results"),
	    "result", NULL, rk, 1, 1, 0);
	table_close(p);
}

static void
sec_lists(struct page *p, const char *title)
{
	static const char *const vk[] = { "noticed", "listed", "removed",
	    "listed_at_end" };

	bars(p, "c-lists", title, json_object_get(p->j, "lists"), "list",
	    NULL, vk, 4, 3, 0);
	table_close(p);
}

static void
sec_repairs(struct page *p, const char *title)
{
	static const char *const keys[] = { "filed", "granted", "refused",
	    "overdue" };
	static const char *const vk[] = { "count" };
	const json_t *r = json_object_get(p->j, "repairs");
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < 4; i++)
		json_array_append_new(a, json_pack("{s:s,s:I}", "action",
		    L(p, keys[i]), "count", (json_int_t)n_of(r, keys[i])));
	bars(p, "c-repairs", title, a, "action", NULL, vk, 1, 1, 0);
	json_decref(a);
	table_close(p);
}

static void
sec_signals(struct page *p, const char *title)
{
	static const char *const vk[] = { "raised", "in_force" };

	bars(p, "c-signals", title, json_object_get(p->j, "signals"), "code",
	    NULL, vk, 2, 2, 0);
	table_close(p);
}

/* The key figures under the title. */
static void
key_figures(struct page *p)
{
	const json_t *j = p->j, *r = json_object_get(j, "records");
	const json_t *t = json_object_get(json_object_get(j, "disclosure"),
	    "total");
	struct { const char *key; long v; } k[] = {
		{ "records", n_of(r, "added") + n_of(r, "corrected") },
		{ "decisions", n_of(t, "decisions") },
		{ "on_time", n_of(t, "on_time") },
		{ "drawn", n_of(json_object_get(json_object_get(j,
		    "inspections"), "total"), "drawn") },
		{ "filed", n_of(json_object_get(j, "repairs"), "filed") },
	};
	size_t i;

	cs_buf_adds(p->b, "<dl class=\"kpi\">\n");
	for (i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
		cs_buf_adds(p->b, "<div><dt>");
		cs_html_esc(p->b, L(p, k[i].key));
		cs_buf_addf(p->b, "</dt><dd>%ld</dd></div>\n", k[i].v);
	}
	cs_buf_adds(p->b, "</dl>\n");
}

void
cs_summary_html(const json_t *j, const struct cs_summary_rules *sr,
    const char *css, struct cs_buf *b)
{
	static const char *const num[] = { "一", "二", "三", "四", "五", "六",
	    "七", "八", "九", "十" };
	static void (*const draw[CS_SUMMARY_NCHART_IDS])(struct page *,
	    const char *) = { sec_records, sec_disclosure, sec_classes,
	    sec_movements, sec_inspections, sec_lists, sec_repairs,
	    sec_signals };
	struct page p = { j, sr, b, { 0 } };
	const struct cs_summary_chart *c;
	struct cs_buf title;
	const char *month = s_of(j, "month");
	size_t i, k;

	cs_buf_init(&p.desc);
	cs_buf_init(&title);
	cs_buf_addf(&title, "%s %.4s年%s月", sr->title, month,
	    month[5] == '0' ? month + 6 : month + 5);
	cs_html_open(b, "zh-CN", title.s, css);
	cs_buf_adds(b, "<header>\n<h1>");
	cs_html_esc(b, title.s);
	cs_buf_adds(b, "</h1>\n<p class=\"en\">");
	cs_html_esc(b, sr->title_en);
	cs_buf_adds(b, ", ");
	cs_html_esc(b, month);
	cs_buf_adds(b, "</p>\n<p class=\"meta\">");
	cs_html_escf(b, "%s \xe2\x80\x93 %s \xc2\xb7 ledger seq %ld",
	    s_of(j, "from"), s_of(j, "to"), n_of(j, "ledger_seq"));
	cs_buf_adds(b, "</p>\n");
	key_figures(&p);
	cs_buf_adds(b, "</header>\n");
	for (i = 0; i < sr->ncharts; i++) {
		c = &sr->charts[i];
		for (k = 0; k < CS_SUMMARY_NCHART_IDS; k++)
			if (strcmp(c->id, cs_summary_chart_ids[k]) == 0)
				break;
		cs_buf_addf(b, "<section id=\"%s\">\n<h2>", c->id);
		cs_html_escf(b, "%s、%s", i < 10 ? num[i] : "", c->title);
		cs_buf_adds(b, " <span class=\"en\">");
		cs_html_esc(b, c->title_en);
		cs_buf_adds(b, "</span></h2>\n<p class=\"note\">");
		cs_html_esc(b, c->note);
		cs_buf_adds(b, "</p>\n<div class=\"figure\">\n");
		draw[k](&p, c->title);
		cs_buf_adds(b, "</div>\n</section>\n");
	}
	cs_buf_adds(b, "<footer>");
	cs_html_escf(b, "cs-publish summary --month=%s \xc2\xb7 the figures: "
	    "--format=json", month);
	cs_buf_adds(b, "</footer>\n");
	cs_html_close(b);
	cs_buf_release(&p.desc);
	cs_buf_release(&title);
}
