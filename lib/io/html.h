/*
 * HTML for the pages people read (credit reports, the monthly summary):
 * escaping of text and attribute values, numbers for SVG coordinates, and
 * the skeleton of one self-contained page (inline CSS, no script, no
 * network).  Output goes to a cs_buf; the callers write it.
 */
#ifndef CS_IO_HTML_H
#define CS_IO_HTML_H

#include <stddef.h>

#include "core/util.h"

/*
 * s[0..n) escaped for a text node or a double- or single-quoted attribute
 * value: & < > " ' as character references, every other byte as given
 * (the caller passes valid UTF-8).
 */
void cs_html_escn(struct cs_buf *b, const char *s, size_t n);
void cs_html_esc(struct cs_buf *b, const char *s);

/* printf-style, then escaped as cs_html_esc does. */
void cs_html_escf(struct cs_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * v for an SVG coordinate or a CSS length: at most two decimals, no
 * trailing zeros, no exponent, "." as the decimal point whatever the
 * locale, "0" for -0, for values that are not finite and for magnitudes above
 * 1e13 (no coordinate of a page comes near).
 */
void cs_html_num(struct cs_buf *b, double v);

/*
 * The start of a page up to and including <body>: the doctype, <html
 * lang>, UTF-8, the viewport, the escaped title and css inside <style>
 * (taken as given: it is the project's own stylesheet, not data).
 */
void cs_html_open(struct cs_buf *b, const char *lang, const char *title,
    const char *css);

/* "</body>\n</html>\n". */
void cs_html_close(struct cs_buf *b);

#endif
