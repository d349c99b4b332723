/*
 * Unit tests of lib/csvsplit: fields, quotes, doubled quotes, line breaks
 * inside quotes (an open record), and what strict RFC 4180 refuses.
 */
#include <string.h>

#include "cs.h"
#include "unit.h"

static struct cs_csv_fields f;

/* The fields joined with '|', or "open" / "malformed". */
static const char *
split(const char *s)
{
	static struct cs_buf b;
	int r = cs_csv_split(s, strlen(s), &f);
	size_t i;

	if (b.s == NULL)
		cs_buf_init(&b);
	cs_buf_reset(&b);
	if (r == 0)
		return "open";
	if (r < 0)
		return "malformed";
	for (i = 0; i < f.n; i++) {
		if (i > 0)
			cs_buf_addc(&b, '|');
		cs_buf_add(&b, f.val[i], f.len[i]);
	}
	return b.s;
}

int
main(void)
{
	cs_csv_fields_init(&f);
	CHECK_STR(split("a,b,c"), "a|b|c", "plain fields");
	CHECK(f.n == 3 && f.len[1] == 1, "three fields");
	CHECK_STR(split(""), "", "an empty record is one empty field");
	CHECK(f.n == 1, "one field");
	CHECK_STR(split("a,,"), "a||", "empty fields");
	CHECK(f.n == 3, "trailing empty field counts");
	CHECK_STR(split("\"a,b\",c"), "a,b|c", "comma inside quotes");
	CHECK_STR(split("\"say \"\"hi\"\"\",x"), "say \"hi\"|x",
	    "doubled quotes");
	CHECK_STR(split("\"\""), "", "empty quoted field");
	CHECK_STR(split("\"line one"), "open", "a quote still open");
	CHECK_STR(split("\"line one\nline two\",z"), "line one\nline two|z",
	    "a line break inside quotes");
	CHECK_STR(split("ab\"c"), "malformed", "a quote inside a field");
	CHECK_STR(split("\"ab\"c,d"), "malformed", "text after a quote");
	CHECK_STR(split(" \"ab\""), "malformed", "a space before a quote");
	CHECK_STR(split("（集团）, x "), "（集团）| x ", "bytes kept as given");
	cs_csv_fields_release(&f);
	return UNIT_DONE();
}
