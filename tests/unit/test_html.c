/*
 * Unit tests of lib/io/html: escaping, SVG numbers, the page skeleton.
 */
#include <string.h>

#include "cs.h"
#include "unit.h"

int
main(void)
{
	struct cs_buf b;
	static const struct { double v; const char *want; } nums[] = {
		{ 0, "0" }, { -0.0, "0" }, { 1, "1" }, { 12.5, "12.5" },
		{ 3.14159, "3.14" }, { 2.005, "2.01" }, { -7.25, "-7.25" },
		{ 0.004, "0" }, { -0.004, "0" }, { 100.10, "100.1" },
		{ 1e12, "1000000000000" }, { 1.0 / 0.0, "0" },
	};
	size_t i;

	cs_buf_init(&b);
	cs_html_esc(&b, "a<b>&\"c'd\" 信用");
	CHECK_STR(b.s, "a&lt;b&gt;&amp;&quot;c&#39;d&quot; 信用",
	    "the five characters escaped, UTF-8 as given");
	cs_buf_reset(&b);
	cs_html_escn(&b, "<<x", 2);
	CHECK_STR(b.s, "&lt;&lt;", "escn stops at n");
	cs_buf_reset(&b);
	cs_html_escf(&b, "%d < %s", 3, "a&b");
	CHECK_STR(b.s, "3 &lt; a&amp;b", "escf formats, then escapes");
	cs_buf_reset(&b);
	cs_html_esc(&b, "");
	CHECK_STR(b.s, "", "the empty string");
	for (i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		char what[64];

		cs_buf_reset(&b);
		cs_html_num(&b, nums[i].v);
		snprintf(what, sizeof(what), "number %s", nums[i].want);
		CHECK_STR(b.s, nums[i].want, what);
	}
	cs_buf_reset(&b);
	cs_html_open(&b, "zh-CN", "Report <1>", "body{margin:0}");
	cs_html_close(&b);
	CHECK_STR(b.s, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n"
	    "<title>Report &lt;1&gt;</title>\n<style>\nbody{margin:0}\n"
	    "</style>\n</head>\n<body>\n</body>\n</html>\n",
	    "the page skeleton");
	cs_buf_release(&b);
	return UNIT_DONE();
}
