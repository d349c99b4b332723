/*
 * Shared vectors of the two CSV readers: each input is read by the
 * libcsv reader (io/csv.c over io/input.c, strict mode: the reference)
 * and by the fast splitter (io/csvsplit.c over the same lines), and at
 * the row level by cs_reader and by cs_csv_lines (cs-blacklist check).
 * They must give the same fields, lines and errors, word for word.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cs.h"
#include "unit.h"

static char path[] = "/tmp/cs-unit-vectors.XXXXXX";
static int fd = -1;

/* The file at path holds data and nothing else. */
static void
put(const char *data, size_t n)
{
	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, n, 0) != (ssize_t)n)
		perror(path);
}

/* A field, with CR, LF, '|' and '\' written so that every byte shows. */
static void
add_field(struct cs_buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\r')
			cs_buf_adds(b, "\\r");
		else if (s[i] == '\n')
			cs_buf_adds(b, "\\n");
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

/* Every record of data through libcsv: "line:f1|f2;" ... "ERR ...". */
static const char *
by_libcsv(const char *data, size_t n)
{
	static struct cs_buf out;
	struct cs_csv_parser *p = cs_csv_parser_new();
	struct cs_input *in;
	struct cs_error err;
	char **f;
	size_t *fl, nf;
	long line;
	int r;

	if (out.s == NULL)
		cs_buf_init(&out);
	cs_buf_reset(&out);
	put(data, n);
	if (cs_input_open(&in, path, NULL, &err) != 0)
		return "cannot open";
	while ((r = cs_csv_parser_next(p, in, &f, &fl, &nf, &line,
	    &err)) == 1)
		add_record(&out, line, f, fl, nf);
	if (r < 0)
		add_error(&out, &err);
	cs_input_close(in);
	cs_csv_parser_free(p);
	return out.s;
}

/* The same through the fast splitter. */
static const char *
by_split(const char *data, size_t n)
{
	static struct cs_buf out;
	struct cs_csv_fields f;
	struct cs_buf rec;
	struct cs_input *in;
	struct cs_error err;
	const char *s;
	size_t len;
	long line;
	int r, quoted;

	if (out.s == NULL)
		cs_buf_init(&out);
	cs_buf_reset(&out);
	cs_csv_fields_init(&f);
	cs_buf_init(&rec);
	put(data, n);
	if (cs_input_open(&in, path, NULL, &err) != 0)
		return "cannot open";
	while ((r = cs_csv_next_record(in, &rec, &f, &s, &len, &quoted, &line,
	    &err)) == 1) {
		if (!quoted && cs_csv_split(s, len, &f) <= 0) {
			cs_buf_adds(&out, "a line without quotes did not "
			    "split");
			break;
		}
		add_record(&out, line, f.val, f.len, f.n);
	}
	if (r < 0)
		add_error(&out, &err);
	cs_input_close(in);
	cs_csv_fields_release(&f);
	cs_buf_release(&rec);
	return out.s;
}

/* Rows under the header through cs_reader: "H:names;" "line:...;" ... */
static const char *
by_reader(const char *data, size_t n)
{
	static struct cs_buf out;
	struct cs_read_opts o = { CS_FMT_CSV, NULL, NULL, 0 };
	const struct cs_header *h;
	struct cs_reader *r;
	struct cs_row *row;
	struct cs_error err;
	size_t i;
	int k;

	if (out.s == NULL)
		cs_buf_init(&out);
	cs_buf_reset(&out);
	put(data, n);
	if (cs_reader_open(&r, path, &o, &err) != 0) {
		add_error(&out, &err);
		return out.s;
	}
	h = cs_reader_header(r);
	cs_buf_adds(&out, "H:");
	for (i = 0; i < h->n; i++)
		cs_buf_addf(&out, "%s%s", i ? "|" : "", h->name[i]);
	cs_buf_adds(&out, ";");
	while ((k = cs_reader_next(r, &row, &err)) == 1) {
		if (row->bad != NULL)
			cs_buf_addf(&out, "%ld:BAD %s;", row->line, row->bad);
		else
			add_record(&out, row->line, row->val, row->len, row->n);
	}
	if (k < 0)
		add_error(&out, &err);
	cs_reader_close(r);
	return out.s;
}

/* The same through cs_csv_lines, every record split into a row. */
static const char *
by_lines(const char *data, size_t n)
{
	static struct cs_buf out;
	struct cs_csv_lines *l;
	struct cs_csv_rec rec;
	const struct cs_header *h;
	struct cs_error err;
	struct cs_row row;
	char why[128];
	char *paths[1];
	size_t i;
	int r;

	if (out.s == NULL)
		cs_buf_init(&out);
	cs_buf_reset(&out);
	put(data, n);
	paths[0] = path;
	l = cs_csv_lines_new(paths, 1, NULL, NULL);
	while ((r = cs_csv_lines_next(l, &rec, &err)) != CS_LINES_END) {
		if (r < 0 || r == CS_LINES_NOFILE) {
			add_error(&out, &err);
			break;
		}
		if (r == CS_LINES_HEADER) {
			h = cs_csv_lines_header(l);
			cs_buf_adds(&out, "H:");
			for (i = 0; i < h->n; i++)
				cs_buf_addf(&out, "%s%s", i ? "|" : "",
				    h->name[i]);
			cs_buf_adds(&out, ";");
		} else if (cs_csv_lines_row(l, &rec, &row, why,
		    sizeof(why)) != 0)
			cs_buf_addf(&out, "%ld:BAD %s;", row.line, why);
		else
			add_record(&out, row.line, row.val, row.len, row.n);
	}
	cs_csv_lines_free(l);
	return out.s;
}

/*
 * The vectors: the input, what the records are (libcsv's reading, which
 * the splitter must give too), and what the rows under the first record
 * as header are.
 */
static const struct vec {
	const char *what;
	const char *in;
	size_t n;			/* 0: strlen(in) */
	const char *records;
	const char *rows;
} vecs[] = {
	{ "plain fields", "a,b\n1,2\n", 0,
	    "1:a|b;2:1|2;", "H:a|b;2:1|2;" },
	{ "no final line ending", "a,b\n1,2", 0,
	    "1:a|b;2:1|2;", "H:a|b;2:1|2;" },
	{ "quoted fields and a comma inside quotes", "a,b\n\"x,y\",\"z\"\n",
	    0, "1:a|b;2:x,y|z;", "H:a|b;2:x,y|z;" },
	{ "\"\" stands for one quote", "a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n", 0,
	    "1:a|b;2:say \"hi\"|\";", "H:a|b;2:say \"hi\"|\";" },
	{ "an empty quoted field", "a,b\n\"\",x\n", 0,
	    "1:a|b;2:|x;", "H:a|b;2:|x;" },
	{ "an LF inside quotes", "a,b\n\"l1\nl2\",z\n3,4\n", 0,
	    "1:a|b;2:l1\\nl2|z;4:3|4;", "H:a|b;2:l1\\nl2|z;4:3|4;" },
	{ "a CRLF inside quotes", "a,b\r\n\"l1\r\nl2\",z\r\n3,4\r\n", 0,
	    "1:a|b;2:l1\\r\\nl2|z;4:3|4;", "H:a|b;2:l1\\r\\nl2|z;4:3|4;" },
	{ "a lone CR inside quotes", "a,b\n\"l1\rl2\",z\n3,4\n", 0,
	    "1:a|b;2:l1\\rl2|z;4:3|4;", "H:a|b;2:l1\\rl2|z;4:3|4;" },
	{ "LF then CR inside quotes", "a,b\n\"l1\n\rl2\",z\n", 0,
	    "1:a|b;2:l1\\n\\rl2|z;", "H:a|b;2:l1\\n\\rl2|z;" },
	{ "blank lines inside quotes", "a,b\n\"l1\n\n\r\nl4\",z\n", 0,
	    "1:a|b;2:l1\\n\\n\\r\\nl4|z;", "H:a|b;2:l1\\n\\n\\r\\nl4|z;" },
	{ "a quoted field that ends a line", "a,b\nx,\"l1\nl2\"\ny,z\n", 0,
	    "1:a|b;2:x|l1\\nl2;4:y|z;", "H:a|b;2:x|l1\\nl2;4:y|z;" },
	{ "CRLF line ends", "a,b\r\n1,2\r\n\"3\",\"4\"\r\n", 0,
	    "1:a|b;2:1|2;3:3|4;", "H:a|b;2:1|2;3:3|4;" },
	{ "lone CR line ends", "a,b\r1,2\r3,4", 0,
	    "1:a|b;2:1|2;3:3|4;", "H:a|b;2:1|2;3:3|4;" },
	{ "a BOM", "\xef\xbb\xbf" "a,b\n1,2\n", 0,
	    "1:a|b;2:1|2;", "H:a|b;2:1|2;" },
	{ "a BOM before a quoted header", "\xef\xbb\xbf\"a\",b\n1,2\n", 0,
	    "1:a|b;2:1|2;", "H:a|b;2:1|2;" },
	{ "a BOM alone", "\xef\xbb\xbf", 0, "", NULL },
	{ "empty fields", "a,b,c\n,,\n\"\",,\"\"\n", 0,
	    "1:a|b|c;2:||;3:||;", "H:a|b|c;2:||;3:||;" },
	{ "a trailing empty field, with and without line end",
	    "a,b\n1,\n2,", 0, "1:a|b;2:1|;3:2|;", "H:a|b;2:1|;3:2|;" },
	{ "blank lines between records", "a,b\n\n1,2\r\n\r\n\n3,4\n\n", 0,
	    "1:a|b;3:1|2;6:3|4;", "H:a|b;3:1|2;6:3|4;" },
	{ "blank lines before the header", "\n\r\na,b\n1,2\n", 0,
	    "3:a|b;4:1|2;", "H:a|b;4:1|2;" },
	{ "spaces and tabs are data", "a,b\n 1 ,\t2\t\n  \n", 0,
	    "1:a|b;2: 1 |\t2\t;3:  ;", "H:a|b;2: 1 |\t2\t;3:BAD row has 1 "
	    "field, the header has 2;" },
	{ "ragged rows", "a,b\n1,2,3\n4\n5,6\n", 0,
	    "1:a|b;2:1|2|3;3:4;4:5|6;",
	    "H:a|b;2:BAD row has 3 fields, the header has 2;3:BAD row has 1 "
	    "field, the header has 2;4:5|6;" },
	{ "a ragged quoted row", "a,b\n\"1\n\",2,\"3\"\n", 0,
	    "1:a|b;2:1\\n|2|3;",
	    "H:a|b;2:BAD row has 3 fields, the header has 2;" },
	{ "UTF-8 text", "名称,代码\n厦门（集团）,\"91350100M000100Y43\"\n", 0,
	    "1:名称|代码;2:厦门（集团）|91350100M000100Y43;",
	    "H:名称|代码;2:厦门（集团）|91350100M000100Y43;" },
	{ "a quote inside an unquoted field", "a,b\n1,x\"y\n", 0,
	    "1:a|b;ERR 65 2: malformed CSV: a quote inside an unquoted field "
	    "or text after a closing quote",
	    "H:a|b;ERR 65 2: malformed CSV: a quote inside an unquoted field "
	    "or text after a closing quote" },
	{ "a quote ending an unquoted field", "a,b\n1,x\"\n", 0,
	    "1:a|b;ERR 65 2: malformed CSV: a quote inside an unquoted field "
	    "or text after a closing quote", NULL },
	{ "a space before a quote", "a,b\n1, \"x\"\n", 0,
	    "1:a|b;ERR 65 2: malformed CSV: a quote inside an unquoted field "
	    "or text after a closing quote", NULL },
	{ "text after a closing quote", "a,b\n\"x\"y,1\n", 0,
	    "1:a|b;ERR 65 2: malformed CSV: a quote inside an unquoted field "
	    "or text after a closing quote",
	    "H:a|b;ERR 65 2: malformed CSV: a quote inside an unquoted field "
	    "or text after a closing quote" },
	{ "a space after a closing quote", "a,b\n\"x\" ,1\n", 0,
	    "1:a|b;ERR 65 2: malformed CSV: a quote inside an unquoted field "
	    "or text after a closing quote", NULL },
	{ "text after a quote closed on a later line",
	    "a,b\n1,\"x\ny\"z\n", 0,
	    "1:a|b;ERR 65 3: malformed CSV: a quote inside an unquoted field "
	    "or text after a closing quote", NULL },
	{ "a malformed header", "a,b\"\n1,2\n", 0,
	    "ERR 65 1: malformed CSV: a quote inside an unquoted field or "
	    "text after a closing quote",
	    "ERR 65 1: malformed CSV: a quote inside an unquoted field or "
	    "text after a closing quote" },
	{ "a quote never closed", "a,b\n1,\"2\n3,4\n", 0,
	    "1:a|b;ERR 65 2: quote never closed in the record that starts "
	    "here", "H:a|b;ERR 65 2: quote never closed in the record that "
	    "starts here" },
	{ "a quote never closed after blank lines", "a,b\n\n\"x\n\n", 0,
	    "1:a|b;ERR 65 3: quote never closed in the record that starts "
	    "here", NULL },
	{ "a quote never closed, ending in CR", "a,b\n\"x\r", 0,
	    "1:a|b;ERR 65 2: quote never closed in the record that starts "
	    "here", NULL },
	{ "a lone quote", "\"", 0,
	    "ERR 65 1: quote never closed in the record that starts here",
	    "ERR 65 1: quote never closed in the record that starts here" },
	{ "invalid UTF-8", "a,b\n1,\xff\n", 0,
	    "1:a|b;ERR 65 2: invalid UTF-8 at byte 3 of the line (is it "
	    "GB18030? try --encoding=gb18030)",
	    "H:a|b;ERR 65 2: invalid UTF-8 at byte 3 of the line (is it "
	    "GB18030? try --encoding=gb18030)" },
	{ "invalid UTF-8 inside quotes", "a,b\n\"1\n\xc3\x28\",2\n", 0,
	    "1:a|b;ERR 65 3: invalid UTF-8 at byte 1 of the line (is it "
	    "GB18030? try --encoding=gb18030)", NULL },
	{ "a NUL byte", "a,b\n1,x\0y\n", 10,
	    "1:a|b;ERR 65 2: NUL byte at byte 4 of the line: this is not a "
	    "text file", NULL },
	{ "nothing", "", 0, "", NULL },
};

int
main(void)
{
	const struct vec *v;
	char what[256];
	size_t i, n;

	fd = mkstemp(path);
	if (fd < 0) {
		perror(path);
		return 1;
	}
	for (i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++) {
		v = &vecs[i];
		n = v->n ? v->n : strlen(v->in);
		snprintf(what, sizeof(what), "libcsv: %s", v->what);
		CHECK_STR(by_libcsv(v->in, n), v->records, what);
		snprintf(what, sizeof(what), "splitter: %s", v->what);
		CHECK_STR(by_split(v->in, n), v->records, what);
		if (v->rows == NULL)
			continue;
		snprintf(what, sizeof(what), "cs_reader: %s", v->what);
		CHECK_STR(by_reader(v->in, n), v->rows, what);
		snprintf(what, sizeof(what), "cs_csv_lines: %s", v->what);
		CHECK_STR(by_lines(v->in, n), v->rows, what);
	}
	close(fd);
	unlink(path);
	return UNIT_DONE();
}
