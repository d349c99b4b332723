/*
 * HTML escaping and the page skeleton of the reports (see html.h).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "io/html.h"

void
cs_html_escn(struct cs_buf *b, const char *s, size_t n)
{
	size_t i, run = 0;

	cs_buf_grow(b, n);
	for (i = 0; i < n; i++) {
		const char *ent;

		switch (s[i]) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		case '\'': ent = "&#39;"; break;
		default: continue;
		}
		cs_buf_add(b, s + run, i - run);
		cs_buf_adds(b, ent);
		run = i + 1;
	}
	cs_buf_add(b, s + run, n - run);
}

void
cs_html_esc(struct cs_buf *b, const char *s)
{
	cs_html_escn(b, s, strlen(s));
}

void
cs_html_escf(struct cs_buf *b, const char *fmt, ...)
{
	struct cs_buf t;
	va_list ap;
	int n;

	cs_buf_init(&t);
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n > 0) {
		cs_buf_grow(&t, (size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(t.s, (size_t)n + 1, fmt, ap);
		va_end(ap);
		cs_html_escn(b, t.s, (size_t)n);
	}
	cs_buf_release(&t);
}

void
cs_html_num(struct cs_buf *b, double v)
{
	long long c;
	int neg;

	if (!isfinite(v) || v > 1e13 || v < -1e13)
		v = 0;
	c = (long long)(v * 100 + (v < 0 ? -0.5 : 0.5));
	neg = c < 0;
	if (neg)
		c = -c;
	if (c == 0) {
		cs_buf_addc(b, '0');
		return;
	}
	cs_buf_addf(b, "%s%lld", neg ? "-" : "", c / 100);
	if (c % 100 != 0) {
		if (c % 10 == 0)
			cs_buf_addf(b, ".%lld", (c % 100) / 10);
		else
			cs_buf_addf(b, ".%02lld", c % 100);
	}
}

void
cs_html_open(struct cs_buf *b, const char *lang, const char *title,
    const char *css)
{
	cs_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"");
	cs_html_esc(b, lang);
	cs_buf_adds(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>");
	cs_html_esc(b, title);
	cs_buf_adds(b, "</title>\n<style>\n");
	cs_buf_adds(b, css);
	if (css[0] != '\0' && css[strlen(css) - 1] != '\n')
		cs_buf_addc(b, '\n');
	cs_buf_adds(b, "</style>\n</head>\n<body>\n");
}

void
cs_html_close(struct cs_buf *b)
{
	cs_buf_adds(b, "</body>\n</html>\n");
}
