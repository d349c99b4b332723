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

	unit_buf(&b);
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
	CHECK(cs_csv_count_commas("", 0) == 0, "no commas in nothing");
	CHECK(cs_csv_count_commas("a,b,c", 5) == 2, "short: byte by byte");
	CHECK(cs_csv_count_commas(",,,,,,,,,,,,,,,,,", 17) == 17,
	    "all commas, across words");
	CHECK(cs_csv_count_commas("91350100M000100Y43,厦门,x,,1,2",
	    strlen("91350100M000100Y43,厦门,x,,1,2")) == 5,
	    "UTF-8 bytes are never commas");
	{
		const char *r = "913601025489061073,南昌,2026";
		const char *v;
		size_t len = 0;

		v = cs_csv_field_at(r, strlen(r), 0, &len);
		CHECK(v == r && len == 18, "field 0");
		v = cs_csv_field_at(r, strlen(r), 2, &len);
		CHECK(v != NULL && len == 4 && memcmp(v, "2026", 4) == 0,
		    "the last field");
		CHECK(cs_csv_field_at(r, strlen(r), 3, &len) == NULL,
		    "past the last field");
		CHECK(cs_csv_field_at(r, strlen(r), -1, &len) == NULL,
		    "no such column");
	}
	cs_csv_fields_release(&f);
	return UNIT_DONE();
}
