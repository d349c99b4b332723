/*
 * A computed draw as the commands see it: the round of a rank, the rows
 * in output order (written, or compared with a published sample), and
 * its release; and what the files that compute it share (a trimmed value,
 * kept strings, file hashes, the message of a frame that changed).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/hash.h"
#include "io/csvsplit.h"
#include "io/input.h"
#include "io/stream.h"
#include "ops/drawing_internal.h"

int
cs_drawing_hash_fd(int fd, int copy_to, char hex[65])
{
	struct cs_sha256_ctx *c = cs_sha256_new();
	unsigned char d[32], buf[65536];
	ssize_t r;

	for (;;) {
		r = read(fd, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		cs_sha256_update(c, buf, (size_t)r);
		if (copy_to >= 0 && write(copy_to, buf, (size_t)r) != r) {
			r = -1;
			break;
		}
	}
	cs_sha256_final(c, d);
	cs_hex(d, 32, hex);
	return r < 0 ? -1 : 0;
}

int
cs_drawing_gzip_at(int fd, off_t at)
{
	unsigned char m[2];

	return pread(fd, m, 2, at) == 2 && m[0] == 0x1f && m[1] == 0x8b;
}

int
cs_drawing_hash_inflated(const char *path, char hex[65],
    struct cs_error *err)
{
	struct cs_sha256_ctx *c = cs_sha256_new();
	struct cs_input *in;
	unsigned char d[32];
	const char *s;
	size_t n;
	int r;

	if (cs_input_open(&in, path, NULL, err) != 0) {
		cs_sha256_final(c, d);
		return -1;
	}
	while ((r = cs_input_line(in, &s, &n, err)) == 1)
		cs_sha256_update(c, s, n);
	cs_input_close(in);
	cs_sha256_final(c, d);
	cs_hex(d, 32, hex);
	return r < 0 ? -1 : 0;
}

int
cs_drawing_hash_file(const char *path, char hex[65], struct cs_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0)
		return cs_error_set(err, CS_EX_NOINPUT, path, 0, "%s",
		    strerror(errno));
	if (cs_drawing_gzip_at(fd, 0)) {
		close(fd);
		return cs_drawing_hash_inflated(path, hex, err);
	}
	rc = cs_drawing_hash_fd(fd, -1, hex);
	if (rc != 0)
		cs_error_set(err, CS_EX_IOERR, path, 0, "%s", strerror(errno));
	close(fd);
	return rc;
}

const char *
cs_drawing_field(const struct cs_row *row, long j, char *buf, size_t n)
{
	const char *v = cs_row_get(row, j);
	size_t len;

	if (v == NULL)
		return "";
	v += strspn(v, " \t");
	len = strlen(v);
	while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '\t' ||
	    v[len - 1] == '\r'))
		len--;
	if (len >= n)
		len = n - 1;
	memcpy(buf, v, len);
	buf[len] = '\0';
	return buf;
}

char *
cs_drawing_keep(struct cs_drawing *d, const char *s)
{
	d->strs = cs_xreallocarray(d->strs, d->nstrs + 1, sizeof(char *));
	d->strs[d->nstrs] = cs_xstrdup(s);
	return d->strs[d->nstrs++];
}

int
cs_drawing_changed(const struct cs_drawing *d, long line, struct cs_error *err)
{
	return cs_error_set(err, CS_EX_DATAERR, d->name, line, "the frame "
	    "changed while it was read");
}

int
cs_drawing_round(const struct cs_drawing *d, size_t cls, long r)
{
	long cum = d->base[cls];
	size_t j;

	if (r <= cum)
		return 1;
	for (j = 0; j < d->in.nesc; j++) {
		cum += d->in.esc[j];
		if (r <= cum)
			return (int)j + 2;
	}
	return (int)d->in.nesc + 1;
}

int
cs_drawing_rows(const struct cs_drawing *d, int (*emit)(void *ctx,
    const char *const *v, const size_t *len), void *ctx)
{
	const char **v = cs_xcalloc(d->ncols, sizeof(char *));
	size_t *len = cs_xcalloc(d->ncols, sizeof(size_t));
	size_t i, j, m, c, at = 0, k = (size_t)d->plan->per_target;
	char tk[CS_TICKET_STRLEN], rank[32], round[16];
	struct cs_csv_fields f;
	size_t col;
	int rc = 0;

	cs_csv_fields_init(&f);
	for (i = 0; i < d->plan->nclasses && rc == 0; i++) {
		for (j = 0; j < d->heap[i].n && rc == 0; j++, at++) {
			const struct cs_pick *p = &d->heap[i].a[j];

			c = 0;
			cs_ticket_format(&p->t, tk);
			snprintf(rank, sizeof(rank), "%zu", j + 1);
			snprintf(round, sizeof(round), "%d",
			    cs_drawing_round(d, i, (long)j + 1));
			v[c++] = p->uscc;
			v[c++] = d->plan->classes[i];
			v[c++] = tk;
			v[c++] = rank;
			if (d->in.nesc > 0)
				v[c++] = round;
			for (m = 0; m < c; m++)
				len[m] = strlen(v[m]);
			/* A canonical frame's picks carry no row. */
			if (p->data != NULL)
				cs_csv_split(p->data, p->len, &f);
			for (m = 0; m < d->npass; m++, c++) {
				col = (size_t)d->pass[m];
				v[c] = p->data != NULL && col < f.n ?
				    f.val[col] : "";
				len[c] = p->data != NULL && col < f.n ?
				    f.len[col] : 0;
			}
			if (d->in.inspectors != NULL) {
				for (m = 0; m < k; m++, c++) {
					v[c] = d->why[at] != NULL ? "" :
					    d->ins[d->chosen[at * k + m]].id;
					len[c] = strlen(v[c]);
				}
				v[c] = d->why[at] != NULL ? d->why[at] : "";
				len[c] = strlen(v[c]);
			}
			rc = emit(ctx, v, len);
		}
	}
	cs_csv_fields_release(&f);
	free(v);
	free(len);
	return rc;
}

static int
emit_write(void *ctx, const char *const *v, const size_t *len)
{
	cs_writer_row(ctx, v, len);
	return 0;
}

void
cs_drawing_write(const struct cs_drawing *d, FILE *fp, int format)
{
	struct cs_writer *w;

	if (format == CS_FMT_AUTO)
		format = d->fmt == CS_FMT_NDJSON ? CS_FMT_NDJSON : CS_FMT_CSV;
	w = cs_writer_new(fp, format, d->ncols, d->names);
	cs_writer_begin(w);
	cs_drawing_rows(d, emit_write, w);
	cs_writer_close(w, NULL);
}

/* Comparing a draw with a published sample, row by row. */
struct cmp {
	struct cs_reader *r;
	const struct cs_drawing *d;
	long rows;
	char *diff;			/* the first difference, or "" */
	size_t n;
	struct cs_error *err;
	int broken;			/* the sample cannot be read: err */
};

static int
emit_compare(void *ctx, const char *const *v, const size_t *len)
{
	struct cmp *c = ctx;
	const char *name = cs_reader_name(c->r), *got;
	struct cs_row *row;
	size_t i;
	long j;
	int k;

	c->rows++;
	k = cs_reader_next(c->r, &row, c->err);
	if (k < 0) {
		c->broken = 1;
		return 1;
	}
	if (k == 0) {
		cs_fmt(c->diff, c->n, "%s: ends after %ld rows; the draw has "
		    "more, next '%s'", name, c->rows - 1, v[0]);
		return 1;
	}
	if (row->bad != NULL) {
		cs_fmt(c->diff, c->n, "%s:%ld: %s", row->file, row->line,
		    row->bad);
		return 1;
	}
	for (i = 0; i < c->d->ncols; i++) {
		j = cs_header_find(row->hdr, c->d->names[i]);
		if (j < 0) {
			cs_fmt(c->diff, c->n, "%s: no column '%s'", name,
			    c->d->names[i]);
			return 1;
		}
		got = cs_row_get(row, j);
		if (got == NULL)
			got = "";
		if (strlen(got) != len[i] || memcmp(got, v[i], len[i]) != 0) {
			cs_fmt(c->diff, c->n, "%s:%ld: column '%s' is '%s', the "
			    "draw gives '%.*s'", row->file, row->line,
			    c->d->names[i], got, (int)len[i], v[i]);
			return 1;
		}
	}
	return 0;
}

int
cs_drawing_verify(const struct cs_drawing *d, struct cs_reader *r,
    char *diff, size_t n, struct cs_error *err)
{
	struct cmp c = { r, d, 0, diff, n, err, 0 };
	const struct cs_header *h;
	struct cs_row *row;
	size_t i, m;
	long entities = 0;
	int k;

	diff[0] = '\0';
	/* Empty files verify nothing: say so rather than "verified". */
	for (i = 0; i < d->plan->nclasses; i++)
		entities += d->n[i];
	if (entities == 0)
		return cs_fmt(diff, n, "%s: the frame holds no entity: nothing "
		    "was drawn, nothing can be verified", d->name) != NULL;
	if (cs_reader_header(r)->n == 0 && cs_reader_format(r) == CS_FMT_CSV)
		return cs_fmt(diff, n, "%s: the sample is empty, without even "
		    "a header", cs_reader_name(r)) != NULL;
	cs_drawing_rows(d, emit_compare, &c);
	if (c.broken)
		return -1;
	if (diff[0] == '\0') {
		k = cs_reader_next(r, &row, err);
		if (k < 0)
			return -1;
		if (k == 1)
			cs_fmt(diff, n, "%s:%ld: a row the draw does not have",
			    row->file, row->line);
	}
	h = cs_reader_header(r);
	for (i = 0; diff[0] == '\0' && i < h->n; i++) {
		for (m = 0; m < d->ncols; m++)
			if (strcmp(h->name[i], d->names[m]) == 0)
				break;
		if (m == d->ncols)
			cs_fmt(diff, n, "%s: column '%s' is not in the draw",
			    cs_reader_name(r), h->name[i]);
	}
	return diff[0] != '\0';
}

void
cs_drawing_free(struct cs_drawing *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; d->heap != NULL && i < d->plan->nclasses; i++)
		cs_heap_release(&d->heap[i]);
	for (i = 0; d->why != NULL && i < (size_t)d->total; i++)
		free(d->why[i]);
	for (i = 0; i < d->nstrs; i++)
		free(d->strs[i]);
	free(d->strs);
	free(d->ins);
	free(d->why);
	free(d->chosen);
	free(d->heap);
	free(d->n);
	free(d->base);
	free(d->pass);
	free(d->names);
	cs_header_release(&d->hdr);
	cs_strmap_release(&d->conflicts);
	cs_sampler_free(d->s);
	free(d);
}
