/*
 * CSV: the four readers of lib/io -- libcsv records (io/csv.c), the fast
 * splitter (io/csvsplit.c), cs_reader rows and cs_csv_lines rows -- read
 * any bytes alike: the same fields, lines and errors word for word, as
 * tests/unit/test_csv_vectors.c asserts on its vectors.  A record written
 * back with cs_csv_add_field splits into the same fields.
 */
#include "fuzz.h"

/* A field with CR, LF, '|' and '\' escaped, so records compare exactly. */
static void
add_field(struct cs_buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\r')
			cs_buf_adds(b, "\\r");
		else if (s[i] == '\n')
			cs_buf_adds(b, "\\n");
		else if (s[i] == '\0')
			cs_buf_adds(b, "\\0");
		else if (s[i] == '|' || s[i] == '\\') {
			cs_buf_addc(b, '\\');
			cs_buf_addc(b, s[i]);
		} else
			cs_buf_addc(b, s[i]);
	}
}

static void
add_record(struct cs_buf *b, long line, char *const *v, const size_t *len,
    size_t n)
{
	size_t i;

	cs_buf_addf(b, "%ld:", line);
	for (i = 0; i < n; i++) {
		if (i > 0)
			cs_buf_addc(b, '|');
		add_field(b, v[i], len[i]);
	}
	cs_buf_addc(b, ';');
}

static void
add_error(struct cs_buf *b, const struct cs_error *err)
{
	cs_buf_addf(b, "ERR %d %ld: %s", err->code, err->line, err->msg);
}

static void
add_header(struct cs_buf *b, const struct cs_header *h)
{
	size_t i;

	cs_buf_adds(b, "H:");
	for (i = 0; i < h->n; i++) {
		if (i > 0)
			cs_buf_addc(b, '|');
		add_field(b, h->name[i], strlen(h->name[i]));
	}
	cs_buf_adds(b, ";");
}

/*
 * Write the record back with minimal quoting and split it again: the
 * same fields.
 */
static void
round_trip(char *const *v, const size_t *len, size_t n)
{
	static struct cs_csv_fields f;
	static int init;
	struct cs_buf line;
	size_t i;
	int r;

	if (!init) {
		cs_csv_fields_init(&f);
		init = 1;
	}
	cs_buf_init(&line);
	for (i = 0; i < n; i++) {
		if (i > 0)
			cs_buf_addc(&line, ',');
		cs_csv_add_field(&line, v[i], len[i]);
	}
	r = cs_csv_split(line.s, line.len, &f);
	FUZZ_CHECK(r > 0 && (size_t)r == n && f.n == n,
	    "'%s' split into %d fields, written from %zu", line.s, r, n);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(f.len[i] == len[i] &&
		    memcmp(f.val[i], v[i], len[i]) == 0,
		    "field %zu of '%s' changed", i, line.s);
	cs_buf_release(&line);
}

static void
by_libcsv(const char *path, struct cs_buf *out)
{
	struct cs_csv_parser *p = cs_csv_parser_new();
	struct cs_input *in;
	struct cs_error err;
	char **f;
	size_t *fl, nf;
	long line;
	int r;

	FUZZ_CHECK(cs_input_open(&in, path, NULL, &err) == 0, "%s", err.msg);
	while ((r = cs_csv_parser_next(p, in, &f, &fl, &nf, &line,
	    &err)) == 1) {
		add_record(out, line, f, fl, nf);
		round_trip(f, fl, nf);
	}
	if (r < 0)
		add_error(out, &err);
	cs_input_close(in);
	cs_csv_parser_free(p);
}

static void
by_split(const char *path, struct cs_buf *out)
{
	struct cs_csv_fields f;
	struct cs_buf rec;
	struct cs_input *in;
	struct cs_error err;
	const char *s;
	size_t len;
	long line;
	int r, quoted;

	cs_csv_fields_init(&f);
	cs_buf_init(&rec);
	FUZZ_CHECK(cs_input_open(&in, path, NULL, &err) == 0, "%s", err.msg);
	while ((r = cs_csv_next_record(in, &rec, &f, &s, &len, &quoted, &line,
	    &err)) == 1) {
		if (!quoted)
			FUZZ_CHECK(cs_csv_split(s, len, &f) > 0,
			    "a record without quotes did not split");
		add_record(out, line, f.val, f.len, f.n);
	}
	if (r < 0)
		add_error(out, &err);
	cs_input_close(in);
	cs_csv_fields_release(&f);
	cs_buf_release(&rec);
}

static void
by_reader(const char *path, struct cs_buf *out)
{
	struct cs_read_opts o = { CS_FMT_CSV, NULL, NULL, 0 };
	struct cs_reader *r;
	struct cs_row *row;
	struct cs_error err;
	int k;

	if (cs_reader_open(&r, path, &o, &err) != 0) {
		add_error(out, &err);
		return;
	}
	/* An empty input has no header, which cs_csv_lines does not show. */
	if (cs_reader_header(r)->n > 0)
		add_header(out, cs_reader_header(r));
	while ((k = cs_reader_next(r, &row, &err)) == 1) {
		if (row->bad != NULL)
			cs_buf_addf(out, "%ld:BAD %s;", row->line, row->bad);
		else
			add_record(out, row->line, row->val, row->len, row->n);
	}
	if (k < 0)
		add_error(out, &err);
	cs_reader_close(r);
}

static void
by_lines(const char *path, struct cs_buf *out)
{
	struct cs_csv_lines *l;
	struct cs_csv_rec rec;
	struct cs_error err;
	struct cs_row row;
	char why[128];
	char *paths[1];
	int r;

	paths[0] = (char *)path;
	l = cs_csv_lines_new(paths, 1, NULL, NULL);
	while ((r = cs_csv_lines_next(l, &rec, &err)) != CS_LINES_END) {
		if (r < 0 || r == CS_LINES_NOFILE) {
			add_error(out, &err);
			break;
		}
		if (r == CS_LINES_HEADER)
			add_header(out, cs_csv_lines_header(l));
		else if (cs_csv_lines_row(l, &rec, &row, why,
		    sizeof(why)) != 0)
			cs_buf_addf(out, "%ld:BAD %s;", row.line, why);
		else
			add_record(out, row.line, row.val, row.len, row.n);
	}
	cs_csv_lines_free(l);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size);
	struct cs_buf a, b;

	cs_buf_init(&a);
	cs_buf_init(&b);
	by_libcsv(path, &a);
	by_split(path, &b);
	FUZZ_CHECK(strcmp(a.s, b.s) == 0, "records:\nlibcsv:   %s\nsplitter: "
	    "%s", a.s, b.s);
	cs_buf_reset(&a);
	cs_buf_reset(&b);
	by_reader(path, &a);
	by_lines(path, &b);
	FUZZ_CHECK(strcmp(a.s, b.s) == 0, "rows:\ncs_reader:    %s\n"
	    "cs_csv_lines: %s", a.s, b.s);
	cs_buf_release(&a);
	cs_buf_release(&b);
	return 0;
}
