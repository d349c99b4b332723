/*
 * CSV files as one stream under one header, line by line (csvlines.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csvlines.h"
#include "io/input.h"
#include "io/stream.h"

struct cs_csv_lines {
	char *const *paths;
	int npaths;
	int next;			/* the next input to open */
	const char *encoding;
	const struct cs_aliases *aliases;
	struct cs_input *in;		/* the input being read, or NULL */
	struct cs_header first;
	const char *firstname;		/* the input the header came from */
	int have_first;
	struct cs_csv_fields f;
	struct cs_buf rec;
	long long before;		/* bytes of the inputs read before */
};

int
cs_csv_lines_usable(char *const *paths, int n, int from, int delim)
{
	int k;

	if (delim != 0 && delim != ',')
		return 0;
	if (from != CS_FMT_AUTO)
		return from == CS_FMT_CSV;
	if (n == 0)
		return 0;
	for (k = 0; k < n; k++)
		if (strcmp(paths[k], "-") == 0 ||
		    cs_input_looks_ndjson(paths[k]))
			return 0;
	return 1;
}

struct cs_csv_lines *
cs_csv_lines_new(char *const *paths, int n, const char *encoding,
    const struct cs_aliases *a)
{
	struct cs_csv_lines *l = cs_xcalloc(1, sizeof(*l));

	l->paths = paths;
	l->npaths = n;
	l->encoding = encoding;
	l->aliases = a;
	cs_header_init(&l->first);
	cs_csv_fields_init(&l->f);
	cs_buf_init(&l->rec);
	return l;
}

void
cs_csv_lines_free(struct cs_csv_lines *l)
{
	if (l == NULL)
		return;
	cs_input_close(l->in);
	cs_header_release(&l->first);
	cs_csv_fields_release(&l->f);
	cs_buf_release(&l->rec);
	free(l);
}

const struct cs_header *
cs_csv_lines_header(const struct cs_csv_lines *l)
{
	return &l->first;
}

/*
 * The header of the input just opened: CS_LINES_HEADER for the first,
 * 0 when it is empty or a later one that matches, -1 with err.
 */
static int
header(struct cs_csv_lines *l, struct cs_error *err)
{
	struct cs_header hdr;
	const char *s;
	size_t n, i;
	long line;
	int quoted, r;

	r = cs_csv_next_record(l->in, &l->rec, &l->f, &s, &n, &quoted, &line,
	    err);
	if (r <= 0) {
		if (r == 0) {
			cs_input_close(l->in);
			l->in = NULL;
		}
		return r;
	}
	if (!quoted && cs_csv_split(s, n, &l->f) < 0)
		return cs_error_set(err, CS_EX_DATAERR, cs_input_name(l->in),
		    line, "the header is not valid CSV");
	cs_header_init(&hdr);
	if (cs_header_from_fields(&hdr, l->aliases, l->f.val, l->f.len,
	    l->f.n, cs_input_name(l->in), line, err) != 0) {
		cs_header_release(&hdr);
		return -1;
	}
	if (!l->have_first) {
		for (i = 0; i < hdr.n; i++)
			cs_header_add(&l->first, hdr.orig[i], hdr.name[i]);
		l->have_first = 1;
		l->firstname = l->npaths ? l->paths[l->next - 1] : "<stdin>";
		cs_header_release(&hdr);
		return CS_LINES_HEADER;
	}
	for (i = 0; i < hdr.n && hdr.n == l->first.n; i++)
		if (strcmp(hdr.orig[i], l->first.orig[i]) != 0)
			break;
	r = hdr.n == l->first.n && i == hdr.n;
	cs_header_release(&hdr);
	if (!r)
		return cs_error_set(err, CS_EX_DATAERR, cs_input_name(l->in),
		    1, "the header differs from the header of '%s': give "
		    "files with one header, or run once per file",
		    l->firstname);
	return 0;
}

int
cs_csv_lines_next(struct cs_csv_lines *l, struct cs_csv_rec *rec,
    struct cs_error *err)
{
	int r;

	for (;;) {
		if (l->in == NULL) {
			if (l->next >= (l->npaths ? l->npaths : 1))
				return CS_LINES_END;
			l->next++;
			if (cs_input_open(&l->in, l->npaths ?
			    l->paths[l->next - 1] : NULL, l->encoding,
			    err) != 0) {
				l->in = NULL;
				return CS_LINES_NOFILE;
			}
			r = header(l, err);
			if (r != 0)
				return r;
			continue;
		}
		r = cs_csv_next_record(l->in, &l->rec, &l->f, &rec->s, &rec->n,
		    &rec->quoted, &rec->line, err);
		if (r < 0)
			return -1;
		if (r == 1) {
			rec->file = cs_input_name(l->in);
			rec->at = l->before + cs_input_offset(l->in);
			return CS_LINES_RECORD;
		}
		l->before += cs_input_offset(l->in);
		cs_input_close(l->in);
		l->in = NULL;
	}
}

int
cs_csv_lines_row(struct cs_csv_lines *l, const struct cs_csv_rec *rec,
    struct cs_row *row, char *why, size_t n)
{
	if (!rec->quoted)
		cs_csv_split(rec->s, rec->n, &l->f);
	memset(row, 0, sizeof(*row));
	row->hdr = &l->first;
	row->file = rec->file;
	row->line = rec->line;
	row->n = l->f.n;
	row->val = l->f.val;
	row->len = l->f.len;
	if (l->f.n == l->first.n)
		return 0;
	snprintf(why, n, "row has %zu field%s, the header has %zu", l->f.n,
	    l->f.n == 1 ? "" : "s", l->first.n);
	return -1;
}
