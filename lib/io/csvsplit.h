/*
 * The fast CSV splitter: records read line by line and split in memory
 * (RFC 4180, the strict reading of io/csv.c, with which it shares the
 * vectors of tests/unit/test_csv_vectors.c), for the hot paths: most
 * records are one line without quotes and are never copied or split.
 * Screening reads a cs_input so; a draw reads byte ranges of a frame.
 */
#ifndef CS_IO_CSVSPLIT_H
#define CS_IO_CSVSPLIT_H

#include <stddef.h>
#include <sys/types.h>

#include "core/util.h"

/* The fields of a record; embed, cs_csv_fields_init/_release. */
struct cs_csv_fields {
	size_t n;			/* fields */
	size_t cap;
	char **val;			/* NUL-terminated, into buf */
	size_t *len;
	size_t *off;
	struct cs_buf buf;		/* the unquoted values */
};

void cs_csv_fields_init(struct cs_csv_fields *f);
void cs_csv_fields_release(struct cs_csv_fields *f);

/*
 * Split the record s (n bytes, one or more physical lines, without the
 * final line ending) into f: fields are separated by commas; a field that
 * starts with a quote ends at a lone quote, "" stands for one quote, and
 * commas and line breaks inside it are data.  Returns the number of
 * fields (at least 1), 0 when a quote is still open at the end (the
 * record goes on: append "\n" and the next line, and split again), or -1
 * when a quote appears inside an unquoted field or text follows a closing
 * quote.  f->val point into f->buf until the next split.
 */
int cs_csv_split(const char *s, size_t n, struct cs_csv_fields *f);

struct cs_input;

/*
 * The next record of in: its bytes without the line ending in *s, *n
 * (borrowed until the next call) and the line it starts on.  *quoted
 * when it holds a quote: then it was split into f, and it is whole
 * (quoted line breaks are kept as they came, LF, CRLF or CR, in rec).
 * Blank lines are skipped, as the CSV reader skips them.  Returns 1, 0
 * at the end, -1 with err: 65 for a quote never closed or malformed
 * quoting, or the input's own errors.
 */
int cs_csv_next_record(struct cs_input *in, struct cs_buf *rec,
    struct cs_csv_fields *f, const char **s, size_t *n, int *quoted,
    long *line, struct cs_error *err);
/* The number of commas in s (n bytes). */
size_t cs_csv_count_commas(const char *s, size_t n);
/*
 * Field i (0-based) of a record without quotes: a pointer into s with
 * *len, or NULL when i < 0 or the record has fewer fields.
 */
const char *cs_csv_field_at(const char *s, size_t n, long i, size_t *len);
/*
 * The fields of a record without quotes (n bytes at s), at most max:
 * v[i] (pointers into s) and len[i].  Returns the number of fields, or
 * max + 1 when there are more (those are not looked at).
 */
size_t cs_csv_split_plain(const char *s, size_t n, const char **v,
    size_t *len, size_t max);

/*
 * The lines of a byte range of a file, read with pread(2), so that two
 * ranges of one descriptor are read at once on two threads without
 * meeting: the fast path of a draw over a canonical frame, which holds
 * no quotes (a line is a record; anything else goes to the general
 * reader).  Lines end at LF; a CR before it stays in the line.  Embed;
 * cs_csv_range_init / _release.
 */
struct cs_csv_range {
	int fd;				/* borrowed */
	char *buf;
	size_t len;			/* bytes in buf */
	size_t pos;			/* where the next line starts */
	off_t at;			/* file offset of the next read */
	off_t left;			/* bytes of the range not read; -1: all */
	int eof;
	long line;			/* of the line handed out last, from 1 */
};

/* Read the len bytes (-1: all) of fd from offset off. */
void cs_csv_range_init(struct cs_csv_range *r, int fd, off_t off, off_t len);
void cs_csv_range_release(struct cs_csv_range *r);
/*
 * The next line, without its LF: 1 with *s (borrowed until the next
 * call) and *n; 0 at the end of the range; -1 when the last line has no
 * LF or a line is longer than 1 MiB; -2 on a read error (errno).
 */
int cs_csv_range_line(struct cs_csv_range *r, const char **s, size_t *n);
/*
 * Where the range [from, end) of fd may be cut in two: just after the
 * first LF at or past its middle (in the 4 KiB from there), or -1 to
 * keep it whole (no such LF, or it ends the range, or a read error).
 */
off_t cs_csv_range_cut(int fd, off_t from, off_t end);

#endif
