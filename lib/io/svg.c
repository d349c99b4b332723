/*
 * Inline SVG charts: geometry in CSS px from the figures alone (no
 * clock, no locale), text escaped, colours left to the stylesheet.
 */
#include <string.h>

#include "io/html.h"
#include "io/svg.h"

enum {
	FONT = 12,			/* label text, px */
	LABEL_W = 190,			/* the column of bar labels */
	VALUE_W = 60,			/* room right of the longest bar */
	LEGEND_H = 24,
	AXIS_H = 22,
	EMPTY_H = 64
};

static void
num(struct cs_buf *b, double v)
{
	cs_html_num(b, v);
}

static void
attr_num(struct cs_buf *b, const char *name, double v)
{
	cs_buf_addf(b, " %s=\"", name);
	num(b, v);
	cs_buf_addc(b, '"');
}

/* The opening <svg> with its accessible name and description. */
static void
open_svg(struct cs_buf *b, const char *id, const char *title,
    const char *desc, double h)
{
	cs_buf_adds(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"");
	cs_html_esc(b, id);
	cs_buf_addf(b, "\" class=\"chart\" role=\"img\" aria-labelledby=\""
	    "%s-t %s-d\" width=\"%d\"", id, id, CS_SVG_WIDTH);
	attr_num(b, "height", h);
	cs_buf_addf(b, " viewBox=\"0 0 %d ", CS_SVG_WIDTH);
	num(b, h);
	cs_buf_addf(b, "\">\n<title id=\"%s-t\">", id);
	cs_html_esc(b, title);
	cs_buf_addf(b, "</title>\n<desc id=\"%s-d\">", id);
	cs_html_esc(b, desc);
	cs_buf_adds(b, "</desc>\n");
}

static void
text(struct cs_buf *b, double x, double y, const char *cls,
    const char *anchor, const char *s)
{
	cs_buf_adds(b, "<text");
	attr_num(b, "x", x);
	attr_num(b, "y", y);
	if (cls != NULL)
		cs_buf_addf(b, " class=\"%s\"", cls);
	if (anchor != NULL)
		cs_buf_addf(b, " text-anchor=\"%s\"", anchor);
	cs_buf_addc(b, '>');
	cs_html_esc(b, s);
	cs_buf_adds(b, "</text>\n");
}

static void
rect(struct cs_buf *b, double x, double y, double w, double h,
    const char *cls)
{
	cs_buf_adds(b, "<rect");
	attr_num(b, "x", x);
	attr_num(b, "y", y);
	attr_num(b, "width", w);
	attr_num(b, "height", h);
	cs_buf_addf(b, " class=\"%s\"/>\n", cls);
}

/* The framed box with the "no data" text. */
static void
empty(struct cs_buf *b, const char *id, const char *title, const char *desc,
    const char *msg)
{
	open_svg(b, id, title, desc, EMPTY_H);
	rect(b, 0.5, 0.5, CS_SVG_WIDTH - 1, EMPTY_H - 1, "frame");
	text(b, CS_SVG_WIDTH / 2.0, EMPTY_H / 2.0 + FONT / 2.0 - 1, "nodata",
	    "middle", msg);
	cs_buf_adds(b, "</svg>\n");
}

/*
 * The display width of UTF-8 s at FONT px, roughly: a CJK or other wide
 * character 1 em, anything else 0.6 em.
 */
static double
width_of(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	double w = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if ((p[i] & 0xc0) == 0x80)
			continue;
		w += p[i] >= 0xe1 ? FONT : FONT * 0.6;
	}
	return w;
}

/* s cut at a character boundary to fit max px, with an ellipsis. */
static void
fit(struct cs_buf *out, const char *s, double max)
{
	size_t n = strlen(s), k;

	cs_buf_reset(out);
	if (width_of(s, n) <= max) {
		cs_buf_adds(out, s);
		return;
	}
	for (k = n; k > 0 && (((unsigned char)s[k] & 0xc0) == 0x80 ||
	    width_of(s, k) + FONT > max); k--)
		;
	cs_buf_add(out, s, k);
	cs_buf_adds(out, "\xe2\x80\xa6");
}

/* A step of 1, 2 or 5 times a power of ten giving at most 5 ticks to max. */
static long
tick_step(long max)
{
	long p = 1, m[] = { 1, 2, 5 };
	int i;

	for (;;) {
		for (i = 0; i < 3; i++)
			if (max <= 5 * m[i] * p)
				return m[i] * p;
		p *= 10;
	}
}

void
cs_svg_bars(struct cs_buf *b, const struct cs_svg_bars *c)
{
	double top = c->nseries > 1 ? LEGEND_H : 4, row, barh, scale, x, y;
	double plot = CS_SVG_WIDTH - LABEL_W - VALUE_W, lx, w;
	long max = 0, sum, step, t;
	struct cs_buf lab;
	char nbuf[24];
	size_t i, s;

	for (i = 0; i < c->n; i++) {
		sum = 0;
		for (s = 0; s < c->nseries; s++) {
			if (c->stacked)
				sum += c->v[i * c->nseries + s];
			else if (c->v[i * c->nseries + s] > sum)
				sum = c->v[i * c->nseries + s];
		}
		if (sum > max)
			max = sum;
	}
	if (max == 0) {
		empty(b, c->id, c->title, c->desc, c->empty);
		return;
	}
	step = tick_step(max);
	max = (max + step - 1) / step * step;
	scale = plot / (double)max;
	barh = c->stacked || c->nseries == 1 ? 18 : 12;
	row = c->stacked ? 26 : barh * (double)c->nseries + 10;
	open_svg(b, c->id, c->title, c->desc, top + row * (double)c->n +
	    AXIS_H);
	cs_buf_init(&lab);
	/* The legend: a swatch and the name of each series. */
	for (s = 0, lx = LABEL_W; c->nseries > 1 && s < c->nseries; s++) {
		cs_fmt(nbuf, sizeof(nbuf), "s%zu", s);
		rect(b, lx, 6, 11, 11, nbuf);
		text(b, lx + 15, 16, "legend", NULL, c->series[s]);
		lx += 15 + width_of(c->series[s], strlen(c->series[s])) + 18;
	}
	/* The grid lines and the axis with its ticks. */
	for (t = 0; t <= max; t += step) {
		x = LABEL_W + (double)t * scale;
		cs_buf_adds(b, "<line");
		attr_num(b, "x1", x);
		attr_num(b, "y1", top);
		attr_num(b, "x2", x);
		attr_num(b, "y2", top + row * (double)c->n);
		cs_buf_addf(b, " class=\"%s\"/>\n", t == 0 ? "axis" : "grid");
		cs_fmt(nbuf, sizeof(nbuf), "%ld", t);
		text(b, x, top + row * (double)c->n + 15, "tick", "middle",
		    nbuf);
	}
	for (i = 0; i < c->n; i++) {
		y = top + row * (double)i;
		fit(&lab, c->labels[i], LABEL_W - 10);
		text(b, LABEL_W - 6, y + row / 2 + FONT / 2.0 - 2, "label",
		    "end", lab.s);
		x = LABEL_W;
		sum = 0;
		for (s = 0; s < c->nseries; s++) {
			long v = c->v[i * c->nseries + s];
			double by = c->stacked || c->nseries == 1 ?
			    y + (row - barh) / 2 : y + 5 + barh * (double)s;

			cs_fmt(nbuf, sizeof(nbuf), "s%zu", s);
			w = (double)v * scale;
			if (!c->stacked)
				x = LABEL_W;
			if (v > 0)
				rect(b, x, by, w, barh - 1, nbuf);
			cs_fmt(nbuf, sizeof(nbuf), "%ld", v);
			/* A part's count inside it, when it fits. */
			if (c->stacked && v > 0 && w >= width_of(nbuf,
			    strlen(nbuf)) + 6)
				text(b, x + w / 2, by + barh / 2 + 4, "inbar",
				    "middle", nbuf);
			if (!c->stacked)
				text(b, x + w + 4, by + barh - 3, "value", NULL,
				    nbuf);
			x += c->stacked ? w : 0;
			sum += v;
		}
		if (c->stacked) {
			cs_fmt(nbuf, sizeof(nbuf), "%ld", sum);
			text(b, x + 4, y + row / 2 + 4, "value", NULL, nbuf);
		}
	}
	cs_buf_release(&lab);
	cs_buf_adds(b, "</svg>\n");
}

void
cs_svg_matrix(struct cs_buf *b, const struct cs_svg_matrix *m)
{
	double cw = 64, ch = 30, left = 150, top = 44, x, y;
	long max = 0;
	size_t r, c;
	char nbuf[24], cls[8];

	for (r = 0; r < m->nr * m->nc; r++)
		if (m->v[r] > max)
			max = m->v[r];
	if (max == 0) {
		empty(b, m->id, m->title, m->desc, m->empty);
		return;
	}
	open_svg(b, m->id, m->title, m->desc, top + ch * (double)m->nr + 8);
	text(b, left + cw * (double)m->nc / 2, 14, "legend", "middle",
	    m->col_title);
	text(b, left - 8, 14, "legend", "end", m->row_title);
	for (c = 0; c < m->nc; c++)
		text(b, left + cw * ((double)c + 0.5), top - 8, "label",
		    "middle", m->cols[c]);
	for (r = 0; r < m->nr; r++) {
		y = top + ch * (double)r;
		text(b, left - 8, y + ch / 2 + 4, "label", "end", m->rows[r]);
		for (c = 0; c < m->nc; c++) {
			long v = m->v[r * m->nc + c];

			x = left + cw * (double)c;
			/* Five shades: 0, then quarters of the largest. */
			cs_fmt(cls, sizeof(cls), "h%ld", v == 0 ? 0L :
			    1 + (v * 4 - 1) / max);
			rect(b, x + 1, y + 1, cw - 2, ch - 2, cls);
			cs_fmt(nbuf, sizeof(nbuf), "%ld", v);
			text(b, x + cw / 2, y + ch / 2 + 4, v * 4 > max * 2 ?
			    "inbar" : "cell", "middle", nbuf);
		}
	}
	cs_buf_adds(b, "</svg>\n");
}
