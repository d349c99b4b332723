/*
 * libcsv reads records; this file keeps their positions.  libcsv reports
 * none, so lines are fed one at a time and the line where the parser
 * leaves its "row not begun" state is where a record starts.  A line ends
 * at LF, CRLF or a lone CR (cs_input), the only places where a record can
 * end, so each line completes at most one record.
 */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"

enum { ROW_NOT_BEGUN = 0 };	/* libcsv's pstate between records */

struct cs_csv_parser {
	struct csv_parser p;
	struct cs_buf data;		/* field bytes, each followed by NUL */
	size_t *off;			/* start of each field in data */
	size_t *flen;
	size_t nf;
	size_t capf;
	int complete;			/* the fields make a whole record */
	long start;			/* line where the open record started */
	char **fields;			/* handed out */
	int done;
	int tsv;			/* tab-separated values, no quoting */
};

static int
keep_spaces(unsigned char c)
{
	(void)c;
	return 0;
}

struct cs_csv_parser *
cs_csv_parser_new(void)
{
	struct cs_csv_parser *p = cs_xcalloc(1, sizeof(*p));

	if (csv_init(&p->p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		cs_xfail("libcsv cannot start a parser");
	csv_set_space_func(&p->p, keep_spaces);
	csv_set_blk_size(&p->p, 4096);
	cs_buf_init(&p->data);
	return p;
}

void
cs_csv_parser_dialect(struct cs_csv_parser *p, int delim, int tsv)
{
	p->tsv = tsv;
	if (!tsv && delim != 0)
		csv_set_delim(&p->p, (unsigned char)delim);
}

void
cs_csv_parser_free(struct cs_csv_parser *p)
{
	if (p == NULL)
		return;
	csv_free(&p->p);
	cs_buf_release(&p->data);
	free(p->off);
	free(p->flen);
	free(p->fields);
	free(p);
}

static void
on_field(void *s, size_t n, void *ctx)
{
	struct cs_csv_parser *p = ctx;

	if (p->nf == p->capf) {
		p->capf = p->capf ? p->capf * 2 : 64;
		p->off = cs_xreallocarray(p->off, p->capf, sizeof(size_t));
		p->flen = cs_xreallocarray(p->flen, p->capf, sizeof(size_t));
		p->fields = cs_xreallocarray(p->fields, p->capf,
		    sizeof(char *));
	}
	p->off[p->nf] = p->data.len;
	p->flen[p->nf] = n;
	p->nf++;
	cs_buf_add(&p->data, s ? s : "", s ? n : 0);
	cs_buf_addc(&p->data, '\0');
}

static void
on_record(int c, void *ctx)
{
	struct cs_csv_parser *p = ctx;

	(void)c;
	p->complete = 1;
}

/*
 * A TSV line (n bytes, its line end dropped) as the fields of a record:
 * split at tabs, escapes decoded.
 */
static void
tsv_split(struct cs_csv_parser *p, const char *s, size_t n)
{
	struct cs_buf f;
	size_t i;

	cs_buf_init(&f);
	for (i = 0; i <= n; i++) {
		if (i == n || s[i] == '\t') {
			on_field(f.len > 0 ? f.s : NULL, f.len, p);
			cs_buf_reset(&f);
		} else if (s[i] == '\\' && i + 1 < n &&
		    strchr("tnr\\", s[i + 1]) != NULL) {
			i++;
			cs_buf_addc(&f, s[i] == 't' ? '\t' : s[i] == 'n' ?
			    '\n' : s[i] == 'r' ? '\r' : '\\');
		} else {
			cs_buf_addc(&f, s[i]);
		}
	}
	cs_buf_release(&f);
	p->complete = 1;
}

int
cs_csv_parser_next(struct cs_csv_parser *p, struct cs_input *in,
    char ***fields, size_t **lens, size_t *nfields, long *line,
    struct cs_error *err)
{
	const char *s;
	size_t n, i;
	int r;

	if (p->complete) {
		/* The record handed out last time goes. */
		p->complete = 0;
		p->nf = 0;
		cs_buf_reset(&p->data);
	}
	while (p->tsv && !p->complete) {
		r = cs_input_line(in, &s, &n, err);
		if (r <= 0)
			return r;
		while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
			n--;
		if (n == 0)
			continue;	/* blank lines, as in CSV */
		p->start = cs_input_lineno(in);
		tsv_split(p, s, n);
	}
	while (!p->complete) {
		if (p->done)
			return 0;
		r = cs_input_line(in, &s, &n, err);
		if (r < 0)
			return -1;
		if (r == 0) {
			p->done = 1;
			if (csv_fini(&p->p, on_field, on_record, p) != 0)
				return cs_error_set(err, CS_EX_DATAERR,
				    cs_input_name(in), p->start, "quote "
				    "never closed in the record that starts "
				    "here");
			continue;
		}
		if (p->p.pstate == ROW_NOT_BEGUN)
			p->start = cs_input_lineno(in);
		if (csv_parse(&p->p, s, n, on_field, on_record, p) != n)
			return cs_error_set(err, CS_EX_DATAERR,
			    cs_input_name(in), cs_input_lineno(in),
			    "malformed CSV: a quote inside an unquoted field "
			    "or text after a closing quote");
	}
	for (i = 0; i < p->nf; i++)
		p->fields[i] = p->data.s + p->off[i];
	*fields = p->fields;
	*lens = p->flen;
	*nfields = p->nf;
	*line = p->start;
	return 1;
}

void
cs_csv_add_field(struct cs_buf *b, const char *s, size_t n)
{
	size_t i, run;

	for (i = 0; i < n; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' ||
		    s[i] == '\n')
			break;
	if (i == n) {
		cs_buf_add(b, s, n);
		return;
	}
	cs_buf_addc(b, '"');
	run = 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '"') {
			cs_buf_add(b, s + run, i + 1 - run);
			cs_buf_addc(b, '"');
			run = i + 1;
		}
	}
	cs_buf_add(b, s + run, n - run);
	cs_buf_addc(b, '"');
}
