/*
 * Charts as inline SVG for the pages people read: horizontal bars
 * (grouped or stacked, with an axis, labels and value labels) and a
 * matrix of counts shaded by size.  The colours are CSS classes (s0..s5
 * for series, h0..h4 for shades), so one stylesheet keeps one palette.
 * Every chart has role="img", a <title> and a <desc>; a chart with
 * nothing to show draws its "no data" text in a framed box.
 */
#ifndef CS_IO_SVG_H
#define CS_IO_SVG_H

#include <stddef.h>

#include "core/util.h"

/* The width of every chart, in CSS px (A4 less the page margins). */
enum { CS_SVG_WIDTH = 680 };

/* A bar chart; everything borrowed. */
struct cs_svg_bars {
	const char *id;			/* the id attribute */
	const char *title;		/* <title> */
	const char *desc;		/* <desc>: what the bars count */
	const char *empty;		/* the text when every value is 0 */
	size_t n;			/* bars (categories) */
	const char *const *labels;	/* n labels */
	size_t nseries;			/* values per bar, at most 6 */
	const char *const *series;	/* nseries names (a legend when > 1) */
	const long *v;			/* v[i * nseries + s], >= 0 */
	int stacked;			/* one bar of nseries parts */
};

/* Draw c as <svg>...</svg> into b. */
void cs_svg_bars(struct cs_buf *b, const struct cs_svg_bars *c);

/* A matrix of counts; everything borrowed. */
struct cs_svg_matrix {
	const char *id, *title, *desc, *empty;
	const char *row_title;		/* what the rows are */
	const char *col_title;		/* what the columns are */
	size_t nr, nc;
	const char *const *rows;	/* nr labels */
	const char *const *cols;	/* nc labels */
	const long *v;			/* v[r * nc + c], >= 0 */
};

/* Draw m as <svg>...</svg> into b. */
void cs_svg_matrix(struct cs_buf *b, const struct cs_svg_matrix *m);

#endif
