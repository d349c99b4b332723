/*
 * RFC 4180 record splitting in memory, as strict as libcsv in io/csv.c:
 * a quote inside an unquoted field, or text after a closing quote, is
 * malformed.  Values are unquoted into one buffer.  Records come from the
 * lines of a cs_input, or lines from a byte range of a file; most are one
 * line without quotes and are handed out without a copy.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/csvsplit.h"
#include "io/input.h"

void
cs_csv_fields_init(struct cs_csv_fields *f)
{
	memset(f, 0, sizeof(*f));
	cs_buf_init(&f->buf);
}

void
cs_csv_fields_release(struct cs_csv_fields *f)
{
	if (f == NULL)
		return;
	free(f->val);
	free(f->len);
	free(f->off);
	cs_buf_release(&f->buf);
}

static void
field_end(struct cs_csv_fields *f, size_t start)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 32;
		f->val = cs_xreallocarray(f->val, f->cap, sizeof(char *));
		f->len = cs_xreallocarray(f->len, f->cap, sizeof(size_t));
		f->off = cs_xreallocarray(f->off, f->cap, sizeof(size_t));
	}
	f->off[f->n] = start;
	f->len[f->n] = f->buf.len - start;
	f->n++;
	cs_buf_addc(&f->buf, '\0');
}

int
cs_csv_split(const char *s, size_t n, struct cs_csv_fields *f)
{
	size_t i = 0, start, k;

	f->n = 0;
	cs_buf_reset(&f->buf);
	for (;;) {
		start = f->buf.len;
		if (i < n && s[i] == '"') {
			/* A quoted field: up to the lone closing quote. */
			for (i++;; i++) {
				if (i >= n)
					return 0;
				if (s[i] != '"') {
					cs_buf_addc(&f->buf, s[i]);
					continue;
				}
				if (i + 1 < n && s[i + 1] == '"') {
					cs_buf_addc(&f->buf, '"');
					i++;
					continue;
				}
				i++;
				break;
			}
			if (i < n && s[i] != ',')
				return -1;
		} else {
			k = i;
			while (i < n && s[i] != ',') {
				if (s[i] == '"')
					return -1;
				i++;
			}
			cs_buf_add(&f->buf, s + k, i - k);
		}
		field_end(f, start);
		if (i >= n)
			break;
		i++;			/* the comma */
	}
	for (k = 0; k < f->n; k++)
		f->val[k] = f->buf.s + f->off[k];
	return (int)f->n;
}

/* The length of line l (n bytes) without its LF, CRLF or lone CR. */
static size_t
unended(const char *l, size_t n)
{
	if (n > 0 && l[n - 1] == '\n')
		n--;
	if (n > 0 && l[n - 1] == '\r')
		n--;
	return n;
}

int
cs_csv_next_record(struct cs_input *in, struct cs_buf *rec,
    struct cs_csv_fields *f, const char **s, size_t *n, int *quoted,
    long *line, struct cs_error *err)
{
	const char *l;
	size_t len, full;
	int r;

	do {
		r = cs_input_line(in, &l, &full, err);
		if (r <= 0)
			return r;
		len = unended(l, full);
	} while (len == 0);
	*line = cs_input_lineno(in);
	*quoted = memchr(l, '"', len) != NULL;
	if (!*quoted) {
		*s = l;
		*n = len;
		return 1;
	}
	/*
	 * Line breaks inside quotes are data, kept as they came (LF, CRLF
	 * or a lone CR): each line joins the record with its ending, which
	 * is dropped again from the record's last line.
	 */
	cs_buf_reset(rec);
	cs_buf_add(rec, l, full);
	for (;;) {
		len = unended(rec->s, rec->len);
		r = cs_csv_split(rec->s, len, f);
		if (r != 0)
			break;
		r = cs_input_line(in, &l, &full, err);
		if (r < 0)
			return -1;
		if (r == 0)
			return cs_error_set(err, CS_EX_DATAERR,
			    cs_input_name(in), *line, "quote never closed in "
			    "the record that starts here");
		cs_buf_add(rec, l, full);
	}
	if (r < 0)
		return cs_error_set(err, CS_EX_DATAERR, cs_input_name(in),
		    cs_input_lineno(in), "malformed CSV: a quote inside an "
		    "unquoted field or text after a closing quote");
	*s = rec->s;
	*n = len;
	return 1;
}

/* Eight bytes at a time, by the exact test for a zero byte. */
size_t
cs_csv_count_commas(const char *s, size_t n)
{
	const uint64_t lo = 0x7f7f7f7f7f7f7f7fULL, commas = 0x2c2c2c2c2c2c2c2cULL;
	uint64_t w, y;
	size_t i = 0, k = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		w ^= commas;
		y = ~(((w & lo) + lo) | w | lo) >> 7;	/* 1 per comma byte */
		k += (size_t)((y * 0x0101010101010101ULL) >> 56);
	}
	for (; i < n; i++)
		k += s[i] == ',';
	return k;
}

const char *
cs_csv_field_at(const char *s, size_t n, long i, size_t *len)
{
	const char *p = s, *end = s + n, *c;

	if (i < 0)
		return NULL;
	while (i-- > 0) {
		c = memchr(p, ',', (size_t)(end - p));
		if (c == NULL)
			return NULL;
		p = c + 1;
	}
	c = memchr(p, ',', (size_t)(end - p));
	*len = (size_t)((c ? c : end) - p);
	return p;
}

size_t
cs_csv_split_plain(const char *s, size_t n, const char **v, size_t *len,
    size_t max)
{
	const char *p = s, *end = s + n, *c;
	size_t k;

	for (k = 0; k < max; k++) {
		c = memchr(p, ',', (size_t)(end - p));
		v[k] = p;
		len[k] = (size_t)((c ? c : end) - p);
		if (c == NULL)
			return k + 1;
		p = c + 1;
	}
	return max + 1;
}

enum { RANGE_BUF = 1 << 20 };

void
cs_csv_range_init(struct cs_csv_range *r, int fd, off_t off, off_t len)
{
	memset(r, 0, sizeof(*r));
	r->fd = fd;
	r->at = off;
	r->left = len;
	r->buf = cs_xmalloc(RANGE_BUF);
}

void
cs_csv_range_release(struct cs_csv_range *r)
{
	if (r == NULL)
		return;
	free(r->buf);
	r->buf = NULL;
}

int
cs_csv_range_line(struct cs_csv_range *r, const char **s, size_t *n)
{
	size_t want;
	char *nl;
	ssize_t k;

	for (;;) {
		nl = memchr(r->buf + r->pos, '\n', r->len - r->pos);
		if (nl != NULL) {
			*s = r->buf + r->pos;
			*n = (size_t)(nl - *s);
			r->pos += *n + 1;
			r->line++;
			return 1;
		}
		if (r->eof)
			return r->pos == r->len ? 0 : -1;
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
		if (r->len == RANGE_BUF)
			return -1;
		want = RANGE_BUF - r->len;
		if (r->left >= 0 && (off_t)want > r->left)
			want = (size_t)r->left;
		k = want == 0 ? 0 : pread(r->fd, r->buf + r->len, want, r->at);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -2;
		if (k == 0)
			r->eof = 1;
		r->len += (size_t)k;
		r->at += k;
		if (r->left >= 0)
			r->left -= k;
	}
}

off_t
cs_csv_range_cut(int fd, off_t from, off_t end)
{
	char buf[4096];
	off_t mid = from + (end - from) / 2;
	ssize_t k;
	char *nl;

	k = pread(fd, buf, sizeof(buf), mid);
	nl = k > 0 ? memchr(buf, '\n', (size_t)k) : NULL;
	if (nl == NULL || mid + (nl - buf) + 1 >= end)
		return -1;
	return mid + (nl - buf) + 1;
}
