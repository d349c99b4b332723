/*
 * Unit tests of the CSV and NDJSON readers and the writers: quoting,
 * CRLF, BOM, embedded newlines with the line a record starts on, strict
 * mode errors, aliases, GB18030 transcoding, invalid UTF-8; the JSON
 * types of NDJSON output, headers that lack columns.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cs.h"
#include "unit.h"

static char path[64];
static int slurp_delim;			/* --delimiter of slurp, 0: ',' */

/* Read everything as "line:f1|f2;" strings, or "ERR line: msg". */
static const char *
slurp(const char *data, const char *encoding, int format,
    const struct cs_aliases *al)
{
	static struct cs_buf out;
	struct cs_read_opts o = { format, encoding, al, slurp_delim };
	struct cs_reader *r;
	struct cs_row *row;
	struct cs_error err;
	const struct cs_header *h;
	size_t i;
	int rc;

	unit_buf(&out);
	unit_put(path, data, strlen(data));
	if (cs_reader_open(&r, path, &o, &err) != 0) {
		cs_buf_addf(&out, "ERR %ld: %s", err.line, err.msg);
		return out.s;
	}
	while ((rc = cs_reader_next(r, &row, &err)) == 1) {
		cs_buf_addf(&out, "%ld:", row->line);
		if (row->bad) {
			cs_buf_addf(&out, "BAD %s;", row->bad);
			continue;
		}
		for (i = 0; i < row->n; i++)
			cs_buf_addf(&out, "%s%s", i ? "|" : "", row->val[i] ?
			    row->val[i] : "(null)");
		cs_buf_addc(&out, ';');
	}
	if (rc < 0)
		cs_buf_addf(&out, "ERR %ld: %s", err.line, err.msg);
	h = cs_reader_header(r);
	cs_buf_adds(&out, " H:");
	for (i = 0; i < h->n; i++)
		cs_buf_addf(&out, "%s%s", i ? "|" : "", h->name[i]);
	cs_reader_close(r);
	return out.s;
}

/* The JSON types of the typed writer checks: a whole, b decimal, c bool. */
static int
abc_types(const char *column)
{
	return column[0] == 'a' ? CS_JT_INT : column[0] == 'b' ?
	    CS_JT_DECIMAL : column[0] == 'c' ? CS_JT_BOOL : CS_JT_TEXT;
}

/* Rows of every kind of value, written with style s. */
static const char *
write_typed(int format, const struct cs_write_style *s)
{
	static char buf[512];
	const char *names[] = { "a", "b", "c", "d" };
	const char *r1[] = { "12", "1200.50", "true", "x" };
	const char *r2[] = { "", NULL, "no", "" };
	const char *r3[] = { "007", "1e3", "maybe", "-1" };
	const char *r4[] = { "-3", "-0.10", "yes", NULL };
	struct cs_writer *w;
	FILE *fp = fmemopen(buf, sizeof(buf), "w");

	cs_writer_style(s);
	w = cs_writer_new(fp, format, 4, names);
	cs_writer_row(w, r1, NULL);
	cs_writer_row(w, r2, NULL);
	cs_writer_row(w, r3, NULL);
	cs_writer_row(w, r4, NULL);
	cs_writer_close(w, NULL);
	fclose(fp);
	cs_writer_style(&(struct cs_write_style){ 0, NULL });
	return buf;
}

static const char *
write_rows(int format)
{
	static char buf[512];
	const char *names[] = { "a", "b", "c" };
	const char *r1[] = { "plain", "with,comma", "with \"quote\"" };
	const char *r2[] = { "multi\nline", "", NULL };
	struct cs_writer *w;
	FILE *fp = fmemopen(buf, sizeof(buf), "w");

	w = cs_writer_new(fp, format, 3, names);
	cs_writer_row(w, r1, NULL);
	cs_writer_row(w, r2, NULL);
	cs_writer_close(w, NULL);
	fclose(fp);
	return buf;
}

int
main(void)
{
	struct cs_aliases *al = cs_aliases_new();

	unit_tmp(path, sizeof(path), "in.csv");
	cs_aliases_add(al, "统一社会信用代码", "uscc");
	cs_aliases_add(al, "罚款金额（万元）", "fine_10k_yuan");
	cs_aliases_add(al, "CF_WSH", "doc_no");
	CHECK_STR(slurp("a,b\n1,2\n", NULL, 0, NULL), "2:1|2; H:a|b",
	    "plain CSV");
	CHECK_STR(slurp("a,b\r\n1,2\r\n3,4", NULL, 0, NULL),
	    "2:1|2;3:3|4; H:a|b", "CRLF and a last line without newline");
	CHECK_STR(slurp("\xef\xbb\xbf" "a,b\n1,2\n", NULL, 0, NULL),
	    "2:1|2; H:a|b", "BOM dropped");
	CHECK_STR(slurp("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n", NULL, 0, NULL),
	    "2:x,y|say \"hi\"; H:a|b", "quoted comma and quotes");
	CHECK_STR(slurp("a,b\n\"line1\nline2\",z\n3,4\n", NULL, 0, NULL),
	    "2:line1\nline2|z;4:3|4; H:a|b",
	    "embedded newline: the next record starts on line 4");
	CHECK_STR(slurp("a,b\n  1 , 2\n", NULL, 0, NULL), "2:  1 | 2; H:a|b",
	    "spaces kept as given");
	CHECK_STR(slurp("a,b\n1,2,3\n4\n", NULL, 0, NULL),
	    "2:BAD row has 3 fields, the header has 2;3:BAD row has 1 field, "
	    "the header has 2; H:a|b", "wrong field counts are bad rows");
	CHECK_STR(slurp("a,b\n1,\"2\n3,4\n", NULL, 0, NULL),
	    "ERR 2: quote never closed in the record that starts here H:a|b",
	    "unterminated quote is fatal with the start line");
	CHECK_STR(slurp("a,b\n1,x\"y\n", NULL, 0, NULL),
	    "ERR 2: malformed CSV: a quote inside an unquoted field or text "
	    "after a closing quote H:a|b", "stray quote is fatal");
	CHECK_STR(slurp("a,b\n1,\xff\n", NULL, 0, NULL),
	    "ERR 2: invalid UTF-8 at byte 3 of the line (is it GB18030? try "
	    "--encoding=gb18030) H:a|b", "invalid UTF-8 names line and byte");
	{
		static const char nul[] = "a,b\n1,x\0y\n";
		struct cs_read_opts o = { 0, NULL, NULL, 0 };
		struct cs_reader *r;
		struct cs_row *row;
		struct cs_error err;

		unit_put(path, nul, sizeof(nul) - 1);
		CHECK(cs_reader_open(&r, path, &o, &err) == 0 &&
		    cs_reader_next(r, &row, &err) == -1 && err.line == 2 &&
		    strcmp(err.msg, "NUL byte at byte 4 of the line: this is "
		    "not a text file") == 0, "a NUL byte stops the stream");
		cs_reader_close(r);
	}
	CHECK_STR(slurp("a,\n1,2\n", NULL, 0, NULL),
	    "ERR 1: header field 2 is empty: every column needs a name",
	    "empty header field");
	CHECK_STR(slurp("a,a\n1,2\n", NULL, 0, NULL),
	    "ERR 1: column 'a' appears twice in the header", "duplicate column");
	CHECK_STR(slurp("uscc,统一社会信用代码\n1,2\n", NULL, 0, al),
	    "ERR 1: columns 'uscc' and '统一社会信用代码' both mean 'uscc'",
	    "alias clash");
	CHECK_STR(slurp("统一社会信用代码,罚款金额(万元),cf_wsh,Other\n1,2,3,4\n",
	    NULL, 0, al), "2:1|2|3|4; H:uscc|fine_10k_yuan|doc_no|Other",
	    "aliases: Chinese, half-width brackets, code in lower case");
	CHECK_STR(slurp("", NULL, 0, NULL), " H:", "empty input");
	/* GB18030: 统一 = CD B3 D2 BB */
	CHECK_STR(slurp("name\n\xcd\xb3\xd2\xbb\n", "gb18030", 0, NULL),
	    "2:统一; H:name", "GB18030 transcoded");
	CHECK_STR(slurp("name\n\xcd\xb3\xd2\n", "gb18030", 0, NULL),
	    "ERR 2: a byte sequence not valid in the input encoding",
	    "bad GB18030 names the line");
	CHECK_STR(slurp("{\"a\":\"1\",\"b\":2}\n\n{\"b\":true,\"c\":null}\n",
	    NULL, 0, NULL), "1:1|2;3:(null)|true|(null); H:a|b|c",
	    "NDJSON: numbers, booleans, null, blank lines, new keys");
	CHECK_STR(slurp("{\"a\":1.5,\"b\":0.1}\n", NULL, 0, NULL),
	    "1:1.5|0.1; H:a|b", "NDJSON reals");
	CHECK_STR(slurp("{\"a\": 1200.50, \"b\":\"1\",\"c\":-0.10,\"d\":1e3,"
	    "\"e\":0}\n", NULL, 0, NULL), "1:1200.50|1|-0.10|1000|0; "
	    "H:a|b|c|d|e", "NDJSON numbers keep their digits (issue 16)");
	CHECK_STR(slurp("{\"a\":{\"x\":1}}\n{\"a\":1,\"a\":2}\n[1]\n{bad\n",
	    NULL, 0, NULL), "1:BAD key 'a' holds a nested object;2:BAD invalid "
	    "JSON at column 10: duplicate object key near '\"a\"';3:BAD the "
	    "line is not a JSON object;4:BAD invalid JSON at column 4: string "
	    "or '}' expected near 'bad'; H:", "NDJSON bad lines");
	CHECK_STR(slurp("{\"a\":\"1\",\"\":\"2\"}\n", NULL, 0, NULL),
	    "1:BAD a key is empty: every field needs a name; H:",
	    "NDJSON empty key");
	CHECK_STR(slurp("a\tb c\n1\\t2\t\"q\" \\\\n\r\n\n\\x\t\n", NULL,
	    CS_FMT_TSV, NULL), "2:1\t2|\"q\" \\n;4:\\x|; H:a|b c",
	    "TSV: tabs split, quotes are data, escapes (issue 16)");
	slurp_delim = ';';
	CHECK_STR(slurp("a;b\n\"x;y\";z,w\n", NULL, 0, NULL),
	    "2:x;y|z,w; H:a|b", "CSV with ';' as the delimiter (issue 16)");
	slurp_delim = 0;
	CHECK_STR(slurp("a,b\r1,2\r3,4\r", NULL, 0, NULL),
	    "2:1|2;3:3|4; H:a|b", "CR-only line ends count lines");
	CHECK_STR(slurp("a,b\r\n1,2\r\n\r\n3,4", NULL, 0, NULL),
	    "2:1|2;4:3|4; H:a|b", "CRLF with a blank line");
	CHECK_STR(slurp("{\"uscc\":\"1\",\"统一社会信用代码\":\"2\"}\n", NULL, 0,
	    al), "1:BAD keys 'uscc' and '统一社会信用代码' both mean 'uscc'; "
	    "H:uscc", "NDJSON alias clash");
	CHECK_STR(slurp("  {\"a\":\"x\"}\n", NULL, 0, NULL), "1:x; H:a",
	    "auto-detect NDJSON after spaces");
	CHECK_STR(write_rows(CS_FMT_CSV), "a,b,c\nplain,\"with,comma\","
	    "\"with \"\"quote\"\"\"\n\"multi\nline\",,\n", "CSV writer quoting");
	CHECK_STR(write_rows(CS_FMT_NDJSON), "{\"a\":\"plain\",\"b\":\"with,"
	    "comma\",\"c\":\"with \\\"quote\\\"\"}\n{\"a\":\"multi\\nline\"}\n",
	    "NDJSON writer");
	CHECK_STR(write_typed(CS_FMT_NDJSON, &(struct cs_write_style){ 0,
	    abc_types }), "{\"a\":12,\"b\":1200.50,\"c\":true,\"d\":\"x\"}\n"
	    "{\"a\":null,\"b\":null,\"c\":false}\n"
	    "{\"a\":\"007\",\"b\":\"1e3\",\"c\":\"maybe\",\"d\":\"-1\"}\n"
	    "{\"a\":-3,\"b\":-0.10,\"c\":true}\n",
	    "NDJSON writer: typed columns as JSON types, null for empty "
	    "(issue 16)");
	CHECK_STR(write_typed(CS_FMT_CSV, &(struct cs_write_style){ 0,
	    abc_types }), "a,b,c,d\n12,1200.50,true,x\n,,no,\n007,1e3,maybe,-1\n"
	    "-3,-0.10,yes,\n", "CSV writer: types change nothing");
	CHECK_STR(write_typed(CS_FMT_CSV, &(struct cs_write_style){ 1,
	    NULL }), "12,1200.50,true,x\n,,no,\n007,1e3,maybe,-1\n-3,-0.10,"
	    "yes,\n", "CSV writer: no_header (issue 16)");
	{
		static const char *const need[] = { "uscc", "type",
		    "decided_on", NULL };
		static const char *const sets[] = { "type=penalty" };
		struct cs_header h;
		char msg[512];

		cs_header_init(&h);
		cs_header_add(&h, "uscc", "uscc");
		cs_header_add(&h, "Typ", "Typ");
		cs_header_add(&h, "decided", "decided");
		cs_header_add(&h, "note", "note");
		CHECK(cs_header_lacks(&h, need, NULL, 0, 0, msg,
		    sizeof(msg)) == 2, "two columns missing (issue 16)");
		CHECK_STR(msg, "no columns 'type' and 'decided_on' in the "
		    "header ('Typ' may be 'type', 'decided' may be "
		    "'decided_on')", "the header message names both and "
		    "their near columns");
		CHECK(cs_header_lacks(&h, need, sets, 1, 1, msg,
		    sizeof(msg)) == 1, "--set gives a column");
		CHECK_STR(msg, "no column 'decided_on' in the header "
		    "('decided' may be 'decided_on'): add it, or give --set "
		    "decided_on=VALUE", "one missing, with --set");
		CHECK(cs_header_lacks(&h, need + 3, NULL, 0, 0, msg,
		    sizeof(msg)) == 0, "nothing needed, nothing missing");
		cs_header_release(&h);
	}
	CHECK(cs_nearness("objections", "objection") >= 0 &&
	    cs_nearness("rejects", "rejcts") == 1 &&
	    cs_nearness("entry_id", "id") >= 0 &&
	    cs_nearness("class", "klass") == 1 &&
	    cs_nearness("export", "verify") < 0 &&
	    cs_nearness("id", "ab") < 0, "cs_nearness (issue 16)");
	unlink(path);
	cs_aliases_free(al);
	/* cs_utf8_valid: every form, and where the first bad byte is. */
	{
		static const struct {
			const char *s;
			int ok;
			size_t bad;
		} u[] = {
			{ "plain ASCII, longer than eight bytes", 1, 0 },
			{ "\xe5\x8c\x97\xe4\xba\xac", 1, 0 },	/* 北京 */
			{ "\xc3\xa9", 1, 0 },
			{ "\xef\xbf\xbf", 1, 0 },		/* U+FFFF */
			{ "\xf0\x9f\x98\x80", 1, 0 },	/* U+1F600 */
			{ "\xe0\xa0\x80", 1, 0 },		/* U+0800 */
			{ "ab\xe0\x9f\xbf", 0, 2 },		/* overlong */
			{ "ab\xed\xa0\x80", 0, 2 },		/* surrogate */
			{ "\xed\x9f\xbf", 1, 0 },		/* U+D7FF */
			{ "abc\xe5\x8c", 0, 3 },		/* cut short */
			{ "\xe5\x8c\x41", 0, 0 },		/* bad continuation */
			{ "\xc0\x80", 0, 0 },			/* overlong NUL */
			{ "\xf4\x90\x80\x80", 0, 0 },	/* past U+10FFFF */
			{ "x\x80", 0, 1 },			/* lone continuation */
		};
		size_t k, bad;

		for (k = 0; k < sizeof(u) / sizeof(u[0]); k++) {
			bad = 0;
			CHECK(cs_utf8_valid(u[k].s, strlen(u[k].s), &bad) ==
			    u[k].ok && (u[k].ok || bad == u[k].bad),
			    "cs_utf8_valid");
		}
	}
	return UNIT_DONE();
}
