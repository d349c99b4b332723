/*
 * Line source over read(2), with gzip inflated through zlib, iconv(3)
 * transcoding and UTF-8 checks.  The bytes of the file pass three
 * stages: the source (read(2), and inflate when the file starts with the
 * gzip magic), the decoder (iconv, or none) and the line buffer.
 */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "io/input.h"

/*
 * Bytes read at a time.  The fuzz build (tests/fuzz) makes it small, so
 * that inputs of a few bytes cross the seams of reading: a BOM, a CRLF or
 * a GB18030 sequence cut by a read, a line longer than the buffer.
 */
#ifndef CS_INPUT_CHUNK
#define CS_INPUT_CHUNK (1 << 16)
#endif
enum { CHUNK = CS_INPUT_CHUNK };

struct cs_input {
	int fd;
	long long nread;		/* bytes read from fd */
	unsigned char *src;		/* read but not handed on (or inflated) */
	size_t srcbeg;
	size_t srclen;
	int sniffed;			/* the gzip magic was looked for */
	int src_eof;			/* fd is at its end */
	z_stream *z;			/* gzip: the inflater, or NULL */
	int zend;			/* a gzip member has ended */
	char *name;
	char *buf;			/* decoded UTF-8 */
	size_t cap;
	size_t beg;			/* start of unread data */
	size_t end;
	int eof;			/* nothing more to decode */
	iconv_t cd;			/* (iconv_t)-1 when not transcoding */
	char *raw;			/* bytes read but not decoded yet */
	size_t rawlen;
	int raw_eof;
	int started;			/* BOM handled */
	long line;
	int failed;			/* a read error happened */
	struct cs_error fail;
};

int
cs_input_open(struct cs_input **ip, const char *path, const char *encoding,
    struct cs_error *err)
{
	struct cs_input *in;
	struct stat st;
	int fd;

	*ip = NULL;
	if (path == NULL || strcmp(path, "-") == 0) {
		fd = 0;
		path = "<stdin>";
	} else {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return cs_error_set(err, CS_EX_NOINPUT, path, 0, "%s",
			    strerror(errno));
		if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			close(fd);
			return cs_error_set(err, CS_EX_NOINPUT, path, 0, "%s",
			    strerror(EISDIR));
		}
	}
	in = cs_xcalloc(1, sizeof(*in));
	in->fd = fd;
	in->src = cs_xmalloc(CHUNK);
	in->name = cs_xstrdup(path);
	in->cap = 4 * CHUNK;
	in->buf = cs_xmalloc(in->cap);
	in->cd = (iconv_t)-1;
	if (encoding != NULL) {
		in->cd = iconv_open("UTF-8", encoding);
		if (in->cd == (iconv_t)-1) {
			cs_input_close(in);
			return cs_error_set(err, CS_EX_DATAERR, NULL, 0,
			    "unknown encoding '%s'", encoding);
		}
		in->raw = cs_xmalloc(CHUNK);
	}
	*ip = in;
	return 0;
}

void
cs_input_close(struct cs_input *in)
{
	if (in == NULL)
		return;
	if (in->fd > 0)
		close(in->fd);
	if (in->cd != (iconv_t)-1)
		iconv_close(in->cd);
	if (in->z != NULL) {
		inflateEnd(in->z);
		free(in->z);
	}
	free(in->src);
	free(in->raw);
	free(in->buf);
	free(in->name);
	free(in);
}

const char *
cs_input_name(const struct cs_input *in)
{
	return in->name;
}

long
cs_input_lineno(const struct cs_input *in)
{
	return in->line;
}

static ssize_t
xread(int fd, void *p, size_t n)
{
	ssize_t r;

	do
		r = read(fd, p, n);
	while (r < 0 && errno == EINTR);
	return r;
}

/* The line number of the first undecoded byte, for iconv errors. */
static long
decode_line(const struct cs_input *in)
{
	long n = in->line + 1;
	const char *p = in->buf + in->beg, *e = in->buf + in->end;

	while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* Read more of fd into src (which must have room); 0, or -1 with err. */
static int
src_more(struct cs_input *in, struct cs_error *err)
{
	ssize_t r;

	if (in->srcbeg > 0) {
		memmove(in->src, in->src + in->srcbeg, in->srclen - in->srcbeg);
		in->srclen -= in->srcbeg;
		in->srcbeg = 0;
	}
	r = xread(in->fd, in->src + in->srclen, CHUNK - in->srclen);
	if (r < 0)
		return cs_error_set(err, CS_EX_IOERR, in->name, 0,
		    "read error: %s", strerror(errno));
	if (r == 0)
		in->src_eof = 1;
	in->srclen += (size_t)r;
	in->nread += r;
	return 0;
}

/* Start inflating: the file begins with the gzip magic. */
static int
gzip_start(struct cs_input *in, struct cs_error *err)
{
	in->z = cs_xcalloc(1, sizeof(*in->z));
	if (inflateInit2(in->z, 16 + MAX_WBITS) != Z_OK)
		return cs_error_set(err, CS_EX_SOFTWARE, in->name, 0,
		    "zlib cannot start inflating");
	return 0;
}

/*
 * Up to n bytes of the file's content into dst: as read, or inflated
 * when it is gzip (members one after another, as gzip(1) reads them).
 * Returns the bytes given, 0 at the end, -1 with err.
 */
static ssize_t
src_read(struct cs_input *in, char *dst, size_t n, struct cs_error *err)
{
	size_t k;
	int zr;

	if (!in->sniffed) {
		in->sniffed = 1;
		while (in->srclen < 2 && !in->src_eof)
			if (src_more(in, err) != 0)
				return -1;
		if (in->srclen >= 2 && in->src[0] == 0x1f && in->src[1] == 0x8b &&
		    gzip_start(in, err) != 0)
			return -1;
	}
	if (in->z == NULL) {
		if (in->srcbeg < in->srclen) {
			k = in->srclen - in->srcbeg;
			k = k < n ? k : n;
			memcpy(dst, in->src + in->srcbeg, k);
			in->srcbeg += k;
			return (ssize_t)k;
		}
		k = 0;
		if (!in->src_eof) {
			ssize_t r = xread(in->fd, dst, n);

			if (r < 0)
				return cs_error_set(err, CS_EX_IOERR, in->name,
				    0, "read error: %s", strerror(errno));
			if (r == 0)
				in->src_eof = 1;
			in->nread += r;
			k = (size_t)r;
		}
		return (ssize_t)k;
	}
	for (;;) {
		if (in->srcbeg == in->srclen && !in->src_eof &&
		    src_more(in, err) != 0)
			return -1;
		if (in->srcbeg == in->srclen && in->src_eof) {
			if (in->zend)
				return 0;
			return cs_error_set(err, CS_EX_DATAERR, in->name, 0,
			    "truncated gzip data: the file ends inside a "
			    "compressed stream");
		}
		if (in->zend) {
			/* Another member follows. */
			if (inflateReset(in->z) != Z_OK)
				return cs_error_set(err, CS_EX_SOFTWARE,
				    in->name, 0, "zlib cannot go on");
			in->zend = 0;
		}
		in->z->next_in = in->src + in->srcbeg;
		in->z->avail_in = (uInt)(in->srclen - in->srcbeg);
		in->z->next_out = (unsigned char *)dst;
		in->z->avail_out = (uInt)n;
		zr = inflate(in->z, Z_NO_FLUSH);
		in->srcbeg = in->srclen - in->z->avail_in;
		if (zr == Z_STREAM_END)
			in->zend = 1;
		else if (zr != Z_OK && zr != Z_BUF_ERROR)
			return cs_error_set(err, CS_EX_DATAERR, in->name, 0,
			    "corrupt gzip data: %s", in->z->msg != NULL ?
			    in->z->msg : "cannot inflate");
		if (n - in->z->avail_out > 0)
			return (ssize_t)(n - in->z->avail_out);
	}
}

/* Append decoded bytes after end; returns bytes added, 0 at EOF, -1. */
static ssize_t
fill(struct cs_input *in, struct cs_error *err)
{
	ssize_t r;
	char *src, *dst;
	size_t srcleft, dstleft, before;

	if (in->cd == (iconv_t)-1) {
		r = src_read(in, in->buf + in->end, in->cap - in->end, err);
		if (r < 0)
			return -1;
		in->end += (size_t)r;
		return r;
	}
	for (;;) {
		if (!in->raw_eof && in->rawlen < CHUNK) {
			r = src_read(in, in->raw + in->rawlen,
			    CHUNK - in->rawlen, err);
			if (r < 0)
				return -1;
			if (r == 0)
				in->raw_eof = 1;
			in->rawlen += (size_t)r;
		}
		if (in->rawlen == 0)
			return 0;
		src = in->raw;
		srcleft = in->rawlen;
		dst = in->buf + in->end;
		dstleft = in->cap - in->end;
		before = dstleft;
		if (iconv(in->cd, &src, &srcleft, &dst, &dstleft) ==
		    (size_t)-1) {
			if (errno == EILSEQ || (errno == EINVAL &&
			    in->raw_eof)) {
				in->end += before - dstleft;
				return cs_error_set(err, CS_EX_DATAERR,
				    in->name, decode_line(in), "%s byte "
				    "sequence not valid in the input "
				    "encoding", errno == EILSEQ ? "a" :
				    "a truncated");
			}
			/* EINVAL: incomplete at the end; E2BIG: out full. */
		}
		memmove(in->raw, src, srcleft);
		in->rawlen = srcleft;
		in->end += before - dstleft;
		if (before - dstleft > 0)
			return (ssize_t)(before - dstleft);
		if (dstleft == 0)
			return 0;	/* cannot happen: caller grows first */
	}
}

/* Make sure more data is buffered; returns 1, 0 at EOF, -1. */
static int
more(struct cs_input *in, struct cs_error *err)
{
	ssize_t r;

	if (in->eof)
		return 0;
	if (in->beg > 0) {
		memmove(in->buf, in->buf + in->beg, in->end - in->beg);
		in->end -= in->beg;
		in->beg = 0;
	}
	if (in->cap - in->end < CHUNK) {
		in->cap *= 2;
		in->buf = cs_xrealloc(in->buf, in->cap);
	}
	r = fill(in, err);
	if (r < 0) {
		in->failed = 1;
		in->fail = *err;
		return -1;
	}
	if (r == 0) {
		in->eof = 1;
		return 0;
	}
	if (!in->started && in->end - in->beg >= 3) {
		in->started = 1;
		if (memcmp(in->buf + in->beg, "\xef\xbb\xbf", 3) == 0)
			in->beg += 3;
	}
	return 1;
}

/*
 * The length of the first line of p[0..n), terminator included: LF, CRLF
 * or a lone CR (old Mac files).  0 when no line is complete yet; at the
 * end of input (eof) the rest is a line.
 */
static size_t
line_length(const char *p, size_t n, int eof)
{
	const char *lf = memchr(p, '\n', n), *cr;
	size_t upto = lf ? (size_t)(lf - p) : n;

	cr = memchr(p, '\r', upto);
	if (cr != NULL) {
		size_t at = (size_t)(cr - p);

		if (at + 1 < n)
			return p[at + 1] == '\n' ? at + 2 : at + 1;
		return eof ? at + 1 : 0;
	}
	if (lf != NULL)
		return upto + 1;
	return eof ? n : 0;
}

int
cs_input_line(struct cs_input *in, const char **line, size_t *len,
    struct cs_error *err)
{
	const char *nul;
	size_t n, bad;
	int r;

	if (in->failed) {
		*err = in->fail;
		return -1;
	}
	for (;;) {
		n = line_length(in->buf + in->beg, in->end - in->beg, in->eof);
		if (n > 0 || in->eof)
			break;
		r = more(in, err);
		if (r < 0)
			return -1;
		if (r == 0 && !in->started && in->end - in->beg < 3) {
			in->started = 1;
			if (in->end - in->beg == 3 && memcmp(in->buf + in->beg,
			    "\xef\xbb\xbf", 3) == 0)
				in->beg += 3;
		}
	}
	if (n == 0)
		return 0;
	if (!in->started) {
		/* Short files: the BOM check in more() needs three bytes. */
		in->started = 1;
		if (n >= 3 && memcmp(in->buf + in->beg, "\xef\xbb\xbf", 3) ==
		    0) {
			in->beg += 3;
			n -= 3;
		}
	}
	*line = in->buf + in->beg;
	*len = n;
	in->beg += n;
	in->line++;
	nul = memchr(*line, '\0', n);
	if (nul != NULL)
		return cs_error_set(err, CS_EX_DATAERR, in->name, in->line,
		    "NUL byte at byte %zu of the line: this is not a text file",
		    (size_t)(nul - *line) + 1);
	if (!cs_utf8_valid(*line, n, &bad))
		return cs_error_set(err, CS_EX_DATAERR, in->name, in->line,
		    "invalid UTF-8 at byte %zu of the line (is it GB18030? "
		    "try --encoding=gb18030)", bad + 1);
	return 1;
}

int
cs_input_peek(struct cs_input *in)
{
	struct cs_error err;
	size_t i;
	int r;

	for (i = in->beg;; i++) {
		if (i == in->end) {
			size_t off = i - in->beg;

			r = more(in, &err);
			if (r <= 0)
				return -1;
			i = in->beg + off;
		}
		if (in->buf[i] != ' ' && in->buf[i] != '\t' &&
		    in->buf[i] != '\r' && in->buf[i] != '\n')
			return (unsigned char)in->buf[i];
	}
}

int
cs_input_looks_ndjson(const char *path)
{
	struct cs_input *in;
	struct cs_error err;
	int c;

	if (cs_input_open(&in, path, NULL, &err) != 0)
		return 0;
	c = cs_input_peek(in);
	cs_input_close(in);
	return c == '{';
}

long long
cs_input_offset(const struct cs_input *in)
{
	long long at = in->nread - (long long)(in->srclen - in->srcbeg);

	/* Inflated bytes not read yet cannot be told in file bytes. */
	if (in->z == NULL)
		at -= (long long)in->rawlen + (long long)(in->end - in->beg);
	return at < 0 ? 0 : at;
}

long long
cs_inputs_size(char *const *paths, int n)
{
	struct stat st;
	long long size = 0;
	int k, r;

	for (k = 0; k < (n > 0 ? n : 1); k++) {
		if (n == 0 || strcmp(paths[k], "-") == 0)
			r = fstat(0, &st);
		else
			r = stat(paths[k], &st);
		if (r != 0)
			continue;	/* reported when it is opened */
		if (!S_ISREG(st.st_mode))
			return -1;
		size += (long long)st.st_size;
	}
	return size;
}
