/*
 * Readers and writers of CSV and NDJSON rows, and the rejects sink.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/tmpfile.h"
#include "io/csv.h"
#include "io/input.h"
#include "io/ndjson.h"
#include "io/stream.h"

struct cs_reader {
	struct cs_input *in;
	int format;
	const struct cs_aliases *aliases;
	struct cs_header hdr;
	struct cs_row row;
	struct cs_csv_parser *csv;
	struct cs_ndjson_obj obj;
	struct cs_strmap keys;		/* NDJSON key -> header column */
	char **val;
	size_t *len;
	size_t capv;
	long *seen;			/* NDJSON: which key set each column */
	long *kcol;			/* NDJSON: the column of each key */
	size_t capk;
	int lines;			/* NDJSON: lines that were not blank */
	char bad[1024];
};

/* The canonical name of a column as given. */
static const char *
canonical(const struct cs_reader *r, const char *orig)
{
	const char *c = cs_aliases_lookup(r->aliases, orig);

	return c ? c : orig;
}

static void
grow_values(struct cs_reader *r, size_t n)
{
	if (n <= r->capv)
		return;
	while (r->capv < n)
		r->capv = r->capv ? r->capv * 2 : 32;
	r->val = cs_xreallocarray(r->val, r->capv, sizeof(char *));
	r->len = cs_xreallocarray(r->len, r->capv, sizeof(size_t));
	r->seen = cs_xreallocarray(r->seen, r->capv, sizeof(long));
}

int
cs_format_parse(const char *s)
{
	if (strcmp(s, "csv") == 0)
		return CS_FMT_CSV;
	if (strcmp(s, "ndjson") == 0 || strcmp(s, "jsonl") == 0)
		return CS_FMT_NDJSON;
	if (strcmp(s, "tsv") == 0)
		return CS_FMT_TSV;
	return -1;
}

int
cs_header_from_fields(struct cs_header *h, const struct cs_aliases *a,
    char *const *f, const size_t *fl, size_t n, const char *file, long line,
    struct cs_error *err)
{
	const char *name;
	size_t i;
	long j;

	for (i = 0; i < n; i++) {
		if (fl[i] == 0 || strspn(f[i], " \t") == fl[i])
			return cs_error_set(err, CS_EX_DATAERR, file, line,
			    "header field %zu is empty: every column needs a "
			    "name", i + 1);
		name = cs_aliases_lookup(a, f[i]);
		if (name == NULL)
			name = f[i];
		j = cs_header_find(h, name);
		if (j >= 0) {
			if (strcmp(h->orig[j], f[i]) == 0)
				return cs_error_set(err, CS_EX_DATAERR, file,
				    line, "column '%s' appears twice in the "
				    "header", f[i]);
			return cs_error_set(err, CS_EX_DATAERR, file, line,
			    "columns '%s' and '%s' both mean '%s'", h->orig[j],
			    f[i], name);
		}
		cs_header_add(h, f[i], name);
	}
	return 0;
}

static int
read_csv_header(struct cs_reader *r, struct cs_error *err)
{
	char **f;
	size_t *fl, n;
	long line;
	int rc;

	rc = cs_csv_parser_next(r->csv, r->in, &f, &fl, &n, &line, err);
	if (rc <= 0)
		return rc;
	if (cs_header_from_fields(&r->hdr, r->aliases, f, fl, n,
	    cs_input_name(r->in), line, err) != 0)
		return -1;
	return 1;
}

int
cs_reader_open(struct cs_reader **rp, const char *path,
    const struct cs_read_opts *o, struct cs_error *err)
{
	struct cs_reader *r;
	int c;

	*rp = NULL;
	r = cs_xcalloc(1, sizeof(*r));
	if (cs_input_open(&r->in, path, o->encoding, err) != 0) {
		free(r);
		return -1;
	}
	r->aliases = o->aliases;
	cs_header_init(&r->hdr);
	cs_ndjson_obj_init(&r->obj);
	r->format = o->format;
	if (r->format == CS_FMT_AUTO) {
		c = cs_input_peek(r->in);
		r->format = c == '{' ? CS_FMT_NDJSON : CS_FMT_CSV;
		if (c == '[') {
			cs_error_set(err, CS_EX_DATAERR, cs_input_name(r->in), 1,
			    "the input is a JSON array; give NDJSON, one "
			    "object per line (jq -c '.[]' makes it)");
			cs_reader_close(r);
			return -1;
		}
	}
	r->row.hdr = &r->hdr;
	r->row.file = cs_input_name(r->in);
	if (r->format == CS_FMT_CSV || r->format == CS_FMT_TSV) {
		r->csv = cs_csv_parser_new();
		cs_csv_parser_dialect(r->csv, o->delim, r->format ==
		    CS_FMT_TSV);
		r->format = CS_FMT_CSV;
		if (read_csv_header(r, err) < 0) {
			cs_reader_close(r);
			return -1;
		}
	}
	*rp = r;
	return 0;
}

void
cs_reader_close(struct cs_reader *r)
{
	if (r == NULL)
		return;
	cs_input_close(r->in);
	cs_csv_parser_free(r->csv);
	cs_ndjson_obj_release(&r->obj);
	cs_strmap_release(&r->keys);
	cs_header_release(&r->hdr);
	free(r->val);
	free(r->len);
	free(r->seen);
	free(r->kcol);
	free(r);
}

const struct cs_header *
cs_reader_header(const struct cs_reader *r)
{
	return &r->hdr;
}

int
cs_reader_format(const struct cs_reader *r)
{
	return r->format;
}

const char *
cs_reader_name(const struct cs_reader *r)
{
	return cs_input_name(r->in);
}

long long
cs_reader_offset(const struct cs_reader *r)
{
	return cs_input_offset(r->in);
}

static int
next_csv(struct cs_reader *r, struct cs_error *err)
{
	char **f;
	size_t *fl, n;
	long line;
	int rc;

	rc = cs_csv_parser_next(r->csv, r->in, &f, &fl, &n, &line, err);
	if (rc <= 0)
		return rc;
	r->row.val = f;
	r->row.len = fl;
	r->row.n = n;
	r->row.line = line;
	r->row.bad = NULL;
	r->row.raw = NULL;
	r->row.rawlen = 0;
	if (n != r->hdr.n) {
		snprintf(r->bad, sizeof(r->bad), "row has %zu field%s, the "
		    "header has %zu", n, n == 1 ? "" : "s", r->hdr.n);
		r->row.bad = r->bad;
	}
	return 1;
}

/*
 * Is the first line of an NDJSON stream (s, n bytes) the start of a JSON
 * document spread over lines (pretty-printed, or an array)?  Then the
 * stream is not NDJSON: one message, not one per line.
 */
static int
not_ndjson(struct cs_reader *r, const char *s, size_t n, int rc,
    struct cs_error *err)
{
	while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
		n--;
	while (n > 0 && strchr(" \t", *s) != NULL) {
		s++;
		n--;
	}
	if (n > 0 && *s == '[')
		return cs_error_set(err, CS_EX_DATAERR, cs_input_name(r->in),
		    cs_input_lineno(r->in), "the input is a JSON array; give "
		    "NDJSON, one object per line (jq -c '.[]' makes it)");
	if (rc < 0 && n > 0 && *s == '{' && (n == 1 ||
	    strstr(r->bad, "end of file") != NULL))
		return cs_error_set(err, CS_EX_DATAERR, cs_input_name(r->in),
		    cs_input_lineno(r->in), "not NDJSON: one object per line; "
		    "try jq -c");
	return 0;
}

static int
next_ndjson(struct cs_reader *r, struct cs_error *err)
{
	const char *s;
	size_t n, i;
	long *slot;
	int rc;

	for (;;) {
		rc = cs_input_line(r->in, &s, &n, err);
		if (rc <= 0)
			return rc;
		rc = cs_ndjson_parse(s, n, &r->obj, r->bad, sizeof(r->bad));
		if (rc != 0 && r->lines++ == 0 && not_ndjson(r, s, n, rc,
		    err) != 0)
			return -1;
		if (rc != 0)
			break;
	}
	r->row.line = cs_input_lineno(r->in);
	r->row.raw = s;
	r->row.rawlen = n > 0 && s[n - 1] == '\n' ? n - 1 : n;
	r->row.bad = NULL;
	if (rc < 0) {
		r->row.bad = r->bad;
		r->row.n = 0;
		return 1;
	}
	if (r->obj.n > r->capk) {
		r->capk = r->obj.n * 2;
		r->kcol = cs_xreallocarray(r->kcol, r->capk, sizeof(long));
	}
	for (i = 0; i < r->obj.n; i++) {
		slot = cs_strmap_put(&r->keys, r->obj.key[i], NULL);
		if (*slot < 0) {
			const char *name = canonical(r, r->obj.key[i]);

			*slot = cs_header_find(&r->hdr, name);
			if (*slot < 0)
				*slot = (long)cs_header_add(&r->hdr,
				    r->obj.key[i], name);
		}
		r->kcol[i] = *slot;
	}
	grow_values(r, r->hdr.n);
	for (i = 0; i < r->hdr.n; i++) {
		r->val[i] = NULL;
		r->len[i] = 0;
		r->seen[i] = -1;
	}
	for (i = 0; i < r->obj.n; i++) {
		long j = r->kcol[i];

		if (r->seen[j] >= 0 && !r->row.bad) {
			snprintf(r->bad, sizeof(r->bad), "keys '%s' and '%s' "
			    "both mean '%s'", r->obj.key[r->seen[j]],
			    r->obj.key[i], r->hdr.name[j]);
			r->row.bad = r->bad;
		}
		r->seen[j] = (long)i;
		r->val[j] = (char *)r->obj.val[i];
		r->len[j] = r->obj.vlen[i];
	}
	r->row.val = r->val;
	r->row.len = r->len;
	r->row.n = r->hdr.n;
	return 1;
}

int
cs_reader_next(struct cs_reader *r, struct cs_row **row,
    struct cs_error *err)
{
	int rc;

	rc = r->format == CS_FMT_CSV ? next_csv(r, err) : next_ndjson(r, err);
	if (rc == 1)
		*row = &r->row;
	return rc;
}

struct cs_writer {
	FILE *fp;
	int format;
	size_t n;
	char **names;
	unsigned char *type;		/* enum cs_jtype of each column */
	int no_header;
	int begun;
	struct cs_buf line;
};

static struct cs_write_style style;

void
cs_writer_style(const struct cs_write_style *s)
{
	style = *s;
}

struct cs_writer *
cs_writer_new(FILE *fp, int format, size_t n, const char *const *names)
{
	struct cs_writer *w = cs_xcalloc(1, sizeof(*w));
	size_t i;

	w->fp = fp;
	w->format = format == CS_FMT_NDJSON ? CS_FMT_NDJSON : CS_FMT_CSV;
	w->n = n;
	w->no_header = style.no_header;
	w->names = cs_xcalloc(n ? n : 1, sizeof(char *));
	w->type = cs_xcalloc(n ? n : 1, 1);
	for (i = 0; i < n; i++) {
		w->names[i] = cs_xstrdup(names[i]);
		if (style.jtype != NULL)
			w->type[i] = (unsigned char)style.jtype(names[i]);
	}
	cs_buf_init(&w->line);
	return w;
}

/*
 * The errno of the first failed write to stdout: stdio may drop the
 * buffer then, and a later fflush fails without setting errno, which
 * other calls may have changed meanwhile.
 */
static int stdout_errno;
static int stdout_reported;	/* a writer's close passed it up */

static void
out_failed(FILE *fp)
{
	if (fp == stdout && stdout_errno == 0)
		stdout_errno = errno != 0 ? errno : EIO;
}

void
cs_writer_begin(struct cs_writer *w)
{
	size_t i;

	if (w->begun)
		return;
	w->begun = 1;
	if (w->format != CS_FMT_CSV || w->no_header)
		return;
	cs_buf_reset(&w->line);
	for (i = 0; i < w->n; i++) {
		if (i > 0)
			cs_buf_addc(&w->line, ',');
		cs_csv_add_field(&w->line, w->names[i], strlen(w->names[i]));
	}
	cs_buf_addc(&w->line, '\n');
	if (fwrite(w->line.s, 1, w->line.len, w->fp) != w->line.len)
		out_failed(w->fp);
}

void
cs_writer_row(struct cs_writer *w, const char *const *vals,
    const size_t *lens)
{
	size_t i, len;
	int first = 1;

	cs_writer_begin(w);
	cs_buf_reset(&w->line);
	if (w->format == CS_FMT_CSV) {
		for (i = 0; i < w->n; i++) {
			if (i > 0)
				cs_buf_addc(&w->line, ',');
			if (vals[i] == NULL)
				continue;
			len = lens ? lens[i] : strlen(vals[i]);
			cs_csv_add_field(&w->line, vals[i], len);
		}
		cs_buf_addc(&w->line, '\n');
	} else {
		cs_buf_addc(&w->line, '{');
		for (i = 0; i < w->n; i++) {
			len = vals[i] == NULL ? 0 : lens ? lens[i] :
			    strlen(vals[i]);
			if (cs_ndjson_add_typed(&w->line, first, w->names[i],
			    vals[i], len, w->type[i]))
				first = 0;
		}
		cs_buf_adds(&w->line, "}\n");
	}
	if (fwrite(w->line.s, 1, w->line.len, w->fp) != w->line.len)
		out_failed(w->fp);
}

int
cs_stdout_errno(void)
{
	return stdout_errno;
}

int
cs_stdout_reported(void)
{
	return stdout_reported;
}

int
cs_writer_close(struct cs_writer *w, struct cs_error *err)
{
	size_t i;
	int rc = 0;

	if (w == NULL)
		return 0;
	/* The stream is the caller's: flushed, so a write error shows now. */
	if (fflush(w->fp) != 0 || ferror(w->fp)) {
		out_failed(w->fp);
		if (w->fp != stdout)
			rc = cs_error_set(err, CS_EX_IOERR, NULL, 0, "write "
			    "error: %s", strerror(errno));
		else
			rc = cs_error_set(err, CS_EX_IOERR, NULL, 0, "write "
			    "error on stdout: %s", strerror(stdout_errno));
		if (w->fp == stdout && err != NULL)
			stdout_reported = 1;
	}
	for (i = 0; i < w->n; i++)
		free(w->names[i]);
	free(w->names);
	free(w->type);
	cs_buf_release(&w->line);
	free(w);
	return rc;
}

struct cs_rejects {
	char *path;
	FILE *fp;
	struct cs_writer *w;
	int format;
	size_t ncols;			/* input columns, without _line/_error */
	const char **vals;
	size_t capv;
};

int
cs_rejects_open(struct cs_rejects **rp, const char *path,
    struct cs_error *err)
{
	struct cs_rejects *rj = cs_xcalloc(1, sizeof(*rj));
	struct stat sb;
	int fd;

	*rp = rj;
	if (path == NULL)
		return 0;
	rj->path = cs_xstrdup(path);
	/*
	 * Rejected rows may hold whole ID numbers: the file is made 0600,
	 * and a link is refused, not followed (its target would be
	 * truncated).
	 */
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd < 0 && errno == ELOOP && lstat(path, &sb) == 0 &&
	    S_ISLNK(sb.st_mode))
		cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "--rejects '%s' is "
		    "a symbolic link; give another file", path);
	else if (fd < 0)
		cs_error_set(err, CS_EX_CANTCREAT, path, 0, "%s",
		    strerror(errno));
	else if ((rj->fp = fdopen(fd, "w")) == NULL) {
		cs_error_set(err, CS_EX_CANTCREAT, path, 0, "%s",
		    strerror(errno));
		close(fd);
	}
	if (rj->fp == NULL) {
		free(rj->path);
		free(rj);
		*rp = NULL;
		return -1;
	}
	return 0;
}

void
cs_rejects_header(struct cs_rejects *rj, const struct cs_header *h,
    int format)
{
	const char **names;
	size_t i;

	if (rj->fp == NULL || rj->w != NULL)
		return;
	rj->format = format;
	if (format == CS_FMT_NDJSON) {
		/* Keys vary by line: the writer is used line by line below. */
		rj->w = cs_writer_new(rj->fp, CS_FMT_NDJSON, 0, NULL);
		return;
	}
	rj->ncols = h->n;
	names = cs_xcalloc(h->n + 2, sizeof(char *));
	for (i = 0; i < h->n; i++)
		names[i] = h->orig[i];
	names[h->n] = "_line";
	names[h->n + 1] = "_error";
	rj->w = cs_writer_new(rj->fp, CS_FMT_CSV, h->n + 2, names);
	rj->w->no_header = 0;	/* a file of its own: always a header */
	free(names);
}

/*
 * An NDJSON reject is its line as read, parsed again (so the keys are as
 * given, in their order), with _line and _error; a line that is not a
 * flat JSON object goes out whole as _raw.
 */
static void
ndjson_reject(struct cs_rejects *rj, const struct cs_row *row,
    const char *msg, const char *line)
{
	struct cs_ndjson_obj o;
	struct cs_buf b;
	char why[256];
	size_t i;
	int first = 1;

	cs_buf_init(&b);
	cs_ndjson_obj_init(&o);
	cs_buf_addc(&b, '{');
	if (row->raw != NULL && cs_ndjson_parse(row->raw, row->rawlen, &o, why,
	    sizeof(why)) == 1) {
		/* The values as they were: numbers, booleans, strings. */
		for (i = 0; i < o.n; i++) {
			if (o.val[i] == NULL)
				continue;
			if (o.type[i] == CS_JT_TEXT)
				cs_ndjson_add_pair(&b, first, o.key[i],
				    o.val[i], o.vlen[i]);
			else
				cs_ndjson_add_typed(&b, first, o.key[i],
				    o.val[i], o.vlen[i], o.type[i]);
			first = 0;
		}
	} else if (row->raw != NULL) {
		cs_ndjson_add_pair(&b, 1, "_raw", row->raw, row->rawlen);
		first = 0;
	}
	cs_ndjson_add_typed(&b, first, "_line", line, strlen(line), CS_JT_INT);
	cs_ndjson_add_pair(&b, 0, "_error", msg, strlen(msg));
	cs_buf_adds(&b, "}\n");
	fwrite(b.s, 1, b.len, rj->fp);
	cs_ndjson_obj_release(&o);
	cs_buf_release(&b);
}

void
cs_rejects_add(struct cs_rejects *rj, const struct cs_row *row,
    const char *msg)
{
	char line[32];
	size_t i, n;

	if (rj->fp == NULL)
		return;
	if (rj->w == NULL)
		cs_rejects_header(rj, row->hdr, row->raw != NULL ?
		    CS_FMT_NDJSON : CS_FMT_CSV);
	snprintf(line, sizeof(line), "%ld", row->line);
	if (rj->format == CS_FMT_NDJSON) {
		ndjson_reject(rj, row, msg, line);
		return;
	}
	/*
	 * A row with too many fields keeps them all: nothing is lost, even
	 * if _line and _error then sit further right than the header says.
	 */
	n = row->n > rj->ncols ? row->n : rj->ncols;
	if (n + 2 > rj->capv) {
		rj->capv = n + 2;
		rj->vals = cs_xreallocarray(rj->vals, rj->capv,
		    sizeof(char *));
	}
	for (i = 0; i < n; i++)
		rj->vals[i] = i < row->n ? row->val[i] : NULL;
	if (n > rj->ncols) {
		struct cs_buf b;

		cs_writer_begin(rj->w);
		cs_buf_init(&b);
		for (i = 0; i < n; i++) {
			if (i > 0)
				cs_buf_addc(&b, ',');
			cs_csv_add_field(&b, rj->vals[i], row->len[i]);
		}
		cs_buf_addf(&b, ",%s,", line);
		cs_csv_add_field(&b, msg, strlen(msg));
		cs_buf_addc(&b, '\n');
		fwrite(b.s, 1, b.len, rj->fp);
		cs_buf_release(&b);
		return;
	}
	rj->vals[n] = line;
	rj->vals[n + 1] = msg;
	cs_writer_row(rj->w, rj->vals, NULL);
}

int
cs_rejects_close(struct cs_rejects *rj, struct cs_error *err)
{
	int rc = 0;

	if (rj == NULL)
		return 0;
	if (rj->fp != NULL) {
		if (rj->w != NULL && rj->format == CS_FMT_CSV)
			cs_writer_begin(rj->w);
		cs_writer_close(rj->w, NULL);
		if (fflush(rj->fp) != 0 || ferror(rj->fp))
			rc = cs_error_set(err, CS_EX_IOERR, rj->path, 0,
			    "write error: %s", strerror(errno));
		if (fclose(rj->fp) != 0 && rc == 0)
			rc = cs_error_set(err, CS_EX_IOERR, rj->path, 0,
			    "write error: %s", strerror(errno));
	}
	free(rj->vals);
	free(rj->path);
	free(rj);
	return rc;
}

void
cs_passthru_init(struct cs_passthru *p, const char *const *own, size_t nown,
    int format)
{
	memset(p, 0, sizeof(*p));
	p->own = own;
	p->nown = nown;
	p->format = format;
}

/* (Re)build the output columns for h. */
static void
passthru_layout(struct cs_passthru *p, const struct cs_header *h)
{
	size_t i, k, nin = h != NULL ? h->n : 0;

	if (p->w != NULL && p->hdr == h && p->nhdr == nin)
		return;
	if (p->w != NULL)
		cs_writer_close(p->w, NULL);
	p->hdr = h;
	p->nhdr = nin;
	p->names = cs_xreallocarray(p->names, nin + p->nown + 1,
	    sizeof(*p->names));
	p->vals = cs_xreallocarray(p->vals, nin + p->nown + 1,
	    sizeof(*p->vals));
	p->slot = cs_xreallocarray(p->slot, p->nown + 1, sizeof(*p->slot));
	for (i = 0; i < nin; i++)
		p->names[i] = h->orig[i];
	p->nout = nin;
	for (k = 0; k < p->nown; k++) {
		p->slot[k] = -1;
		for (i = 0; i < nin && p->slot[k] < 0; i++)
			if (strcmp(h->name[i], p->own[k]) == 0)
				p->slot[k] = (long)i;
		if (p->slot[k] < 0) {
			p->slot[k] = (long)p->nout;
			p->names[p->nout++] = p->own[k];
		}
	}
	p->w = cs_writer_new(stdout, p->format, p->nout, p->names);
	/* An input column's type goes by its canonical name (aliases). */
	for (i = 0; i < nin && style.jtype != NULL; i++)
		p->w->type[i] = (unsigned char)style.jtype(h->name[i]);
}

void
cs_passthru_begin(struct cs_passthru *p, const struct cs_header *h)
{
	passthru_layout(p, h);
	cs_writer_begin(p->w);
}

void
cs_passthru_row(struct cs_passthru *p, const struct cs_row *row,
    const char *const *ownv)
{
	size_t i;

	passthru_layout(p, row->hdr);
	for (i = 0; i < p->nhdr; i++)
		p->vals[i] = cs_row_get(row, (long)i);
	for (i = 0; i < p->nown; i++)
		p->vals[p->slot[i]] = ownv[i];
	cs_writer_row(p->w, p->vals, NULL);
}

int
cs_passthru_release(struct cs_passthru *p, struct cs_error *err)
{
	int rc = cs_writer_close(p->w, err);

	free(p->names);
	free(p->vals);
	free(p->slot);
	memset(p, 0, sizeof(*p));
	return rc;
}

FILE *
cs_publish_open(const char *path, char *tmp, size_t n, struct cs_error *err)
{
	FILE *fp;
	int fd = cs_tmpfile_create(path, tmp, n, err);

	if (fd < 0)
		return NULL;
	fp = fdopen(fd, "w");
	if (fp == NULL) {
		cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "cannot create "
		    "'%s': %s", path, strerror(errno));
		close(fd);
		cs_tmpfile_discard(tmp);
	}
	return fp;
}

int
cs_publish_close(FILE *fp, int failed, const char *tmp, const char *path,
    struct cs_error *err)
{
	int e = failed ? (errno != 0 ? errno : EIO) : 0;

	/* On the disk before its name: a crash leaves the old file or this. */
	if (e == 0 && (fflush(fp) != 0 || ferror(fp) ||
	    fsync(fileno(fp)) != 0))
		e = errno != 0 ? errno : EIO;
	if (fclose(fp) != 0 && e == 0)
		e = errno;
	if (e != 0) {
		cs_tmpfile_discard(tmp);
		return cs_error_set(err, CS_EX_IOERR, NULL, 0, "write error on "
		    "'%s': %s", path, strerror(e));
	}
	if (rename(tmp, path) != 0) {
		e = errno;
		cs_tmpfile_discard(tmp);
		return cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "cannot "
		    "create '%s': %s", path, strerror(e));
	}
	cs_tmpfile_keep(tmp);
	return 0;
}
