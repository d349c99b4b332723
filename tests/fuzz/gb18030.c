/*
 * GB18030 and GBK through iconv(3) (--encoding): whatever the bytes, the
 * lines handed out are UTF-8 without NUL, numbered one by one, or the
 * input is refused with 65.  Text that is valid UTF-8, written in
 * GB18030 (which covers all of Unicode) and read back with
 * --encoding=gb18030, gives the same lines as read directly; the CSV
 * and NDJSON readers get the same rows from both.  The fuzz build reads
 * 16 bytes at a time, so multi-byte sequences are cut by the reads.
 */
#include <errno.h>
#include <iconv.h>

#include "fuzz.h"

/* Every line of path read in encoding: "line:bytes;" ... "ERR ...". */
static void
lines(const char *path, const char *encoding, struct cs_buf *out)
{
	struct cs_input *in;
	struct cs_error err;
	const char *line;
	size_t len, bad;
	long n = 0;
	int r;

	FUZZ_CHECK(cs_input_open(&in, path, encoding, &err) == 0, "%s",
	    err.msg);
	while ((r = cs_input_line(in, &line, &len, &err)) == 1) {
		n++;
		FUZZ_CHECK(cs_input_lineno(in) == n, "line %ld numbered %ld",
		    n, cs_input_lineno(in));
		FUZZ_CHECK(len > 0, "an empty line %ld", n);
		FUZZ_CHECK(memchr(line, '\0', len) == NULL, "NUL in line %ld",
		    n);
		FUZZ_CHECK(cs_utf8_valid(line, len, &bad), "line %ld is not "
		    "UTF-8 at byte %zu", n, bad + 1);
		cs_buf_addf(out, "%ld:", n);
		cs_buf_add(out, line, len);
		cs_buf_addc(out, ';');
	}
	if (r < 0) {
		FUZZ_CHECK(err.code == CS_EX_DATAERR, "%d %s", err.code,
		    err.msg);
		cs_buf_addf(out, "ERR %ld", err.line);
	}
	cs_input_close(in);
}

/* Every row of path: "line:v1|v2;" ... "ERR ...". */
static void
rows(const char *path, const char *encoding, struct cs_buf *out)
{
	struct cs_read_opts ro = { CS_FMT_AUTO, encoding, NULL, 0 };
	struct cs_reader *r;
	struct cs_row *row;
	struct cs_error err;
	size_t i;
	int k;

	if (cs_reader_open(&r, path, &ro, &err) != 0) {
		cs_buf_addf(out, "ERR %d %ld: %s", err.code, err.line, err.msg);
		return;
	}
	while ((k = cs_reader_next(r, &row, &err)) == 1) {
		cs_buf_addf(out, "%ld:", row->line);
		if (row->bad != NULL)
			cs_buf_addf(out, "BAD %s", row->bad);
		else
			for (i = 0; i < row->n; i++) {
				if (i > 0)
					cs_buf_addc(out, '|');
				if (row->val[i] != NULL)
					cs_buf_add(out, row->val[i],
					    row->len[i]);
			}
		cs_buf_addc(out, ';');
	}
	if (k < 0)
		cs_buf_addf(out, "ERR %d %ld: %s", err.code, err.line, err.msg);
	cs_reader_close(r);
}

/* The n bytes of UTF-8 at s in GB18030 into b; -1 when iconv cannot. */
static int
to_gb18030(const char *s, size_t n, struct cs_buf *b)
{
	static iconv_t cd = (iconv_t)-1;
	char *src = (char *)s, *dst;
	size_t left = n, room;

	if (cd == (iconv_t)-1)
		cd = iconv_open("GB18030", "UTF-8");
	FUZZ_CHECK(cd != (iconv_t)-1, "iconv_open: %s", strerror(errno));
	iconv(cd, NULL, NULL, NULL, NULL);
	cs_buf_grow(b, 4 * n + 4);
	dst = b->s;
	room = b->cap - 1;
	if (iconv(cd, &src, &left, &dst, &room) == (size_t)-1)
		return -1;
	b->len = (size_t)(dst - b->s);
	b->s[b->len] = '\0';
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const enc[] = { "gb18030", "gbk", NULL };
	const char *path = fuzz_file(data, size);
	struct cs_buf a, b, gb;
	size_t bad;

	cs_buf_init(&a);
	lines(path, enc[size % 3], &a);
	cs_buf_reset(&a);
	rows(path, enc[size % 3], &a);
	if (size > 0 && memchr(data, '\0', size) == NULL &&
	    cs_utf8_valid((const char *)data, size, &bad)) {
		cs_buf_init(&b);
		cs_buf_init(&gb);
		FUZZ_CHECK(to_gb18030((const char *)data, size, &gb) == 0,
		    "UTF-8 that GB18030 cannot hold: %s", strerror(errno));
		cs_buf_reset(&a);
		lines(path, NULL, &a);
		lines(fuzz_file(gb.s, gb.len), "gb18030", &b);
		FUZZ_CHECK(strcmp(a.s, b.s) == 0, "lines:\nutf-8:   %s\n"
		    "gb18030: %s", a.s, b.s);
		cs_buf_reset(&a);
		cs_buf_reset(&b);
		rows(fuzz_file(data, size), NULL, &a);
		rows(fuzz_file(gb.s, gb.len), "gb18030", &b);
		FUZZ_CHECK(strcmp(a.s, b.s) == 0, "rows:\nutf-8:   %s\n"
		    "gb18030: %s", a.s, b.s);
		cs_buf_release(&gb);
		cs_buf_release(&b);
	}
	cs_buf_release(&a);
	return 0;
}
