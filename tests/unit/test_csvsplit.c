/*
 * Unit tests of lib/io/csvsplit: fields, quotes, doubled quotes, line
 * breaks inside quotes (an open record), and what strict RFC 4180
 * refuses; records without quotes; lines of byte ranges of a file.
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

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

/* The lines of [off, off + len) of a file of data, joined with '|'. */
static const char *
lines(const char *data, off_t off, off_t len)
{
	static char out[256];
	char path[64];
	struct cs_csv_range r;
	const char *s;
	size_t n, at = 0;
	int fd, k;

	snprintf(path, sizeof(path), "/tmp/cs-unit-range-%d", (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (write(fd, data, strlen(data)) < 0)
		return "write failed";
	unlink(path);
	cs_csv_range_init(&r, fd, off, len);
	out[0] = '\0';
	while ((k = cs_csv_range_line(&r, &s, &n)) == 1)
		at += (size_t)snprintf(out + at, sizeof(out) - at, "%.*s|",
		    (int)n, s);
	snprintf(out + at, sizeof(out) - at, "%s(%ld)", k == 0 ? "end" :
	    "unended", r.line);
	cs_csv_range_release(&r);
	close(fd);
	return out;
}

static void
range_tests(void)
{
	char path[64];
	int fd;

	CHECK_STR(lines("uscc,class\nx,A\n\ny,B\r\n", 0, -1),
	    "uscc,class|x,A||y,B\r|end(4)", "lines to the end; CR kept");
	CHECK_STR(lines("uscc,class\nx,A\ny,B\n", 11, 4), "x,A|end(1)",
	    "a byte range");
	CHECK_STR(lines("uscc,class\nx,A\ny,B\n", 15, -1), "y,B|end(1)",
	    "the rest from an offset");
	CHECK_STR(lines("a\nb", 0, -1), "a|unended(1)",
	    "a last line without LF");
	CHECK_STR(lines("", 0, -1), "end(0)", "nothing");
	snprintf(path, sizeof(path), "/tmp/cs-unit-cut-%d", (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (write(fd, "aaaa\nbbbb\ncccc\n", 15) == 15) {
		CHECK(cs_csv_range_cut(fd, 0, 15) == 10, "cut after the LF "
		    "past the middle");
		CHECK(cs_csv_range_cut(fd, 10, 15) == -1, "no cut in the last "
		    "line");
		CHECK(cs_csv_range_cut(fd, 0, 12) == 10, "cut in a range");
		CHECK(cs_csv_range_cut(fd, 0, 10) == -1, "no cut when the LF "
		    "ends the range");
	}
	unlink(path);
	close(fd);
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
	{
		const char *r = "913601025489061073,A", *v[3];
		size_t len[3];

		CHECK(cs_csv_split_plain(r, strlen(r), v, len, 2) == 2 &&
		    v[0] == r && len[0] == 18 && v[1] == r + 19 &&
		    len[1] == 1, "two fields of two");
		CHECK(cs_csv_split_plain("a,b,c", 5, v, len, 2) == 3 &&
		    len[0] == 1 && len[1] == 1, "more fields than asked");
		CHECK(cs_csv_split_plain("a,b,", 4, v, len, 3) == 3 &&
		    len[2] == 0 && v[2] == v[1] + 2, "a trailing empty field");
		CHECK(cs_csv_split_plain("", 0, v, len, 3) == 1 && len[0] == 0,
		    "an empty record is one empty field");
	}
	range_tests();
	cs_csv_fields_release(&f);
	return UNIT_DONE();
}
