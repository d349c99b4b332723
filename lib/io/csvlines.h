/*
 * CSV files read line by line as one stream under the first file's
 * header (a later file must start with the same header): the streaming
 * fast path of screening.  A record is handed out as its bytes; it is
 * split into a row only when asked, or when it holds quotes.
 */
#ifndef CS_IO_CSVLINES_H
#define CS_IO_CSVLINES_H

#include "io/csvsplit.h"
#include "io/row.h"

struct cs_csv_lines;

/* What cs_csv_lines_next has read. */
enum {
	CS_LINES_END,			/* no more input */
	CS_LINES_NOFILE,		/* an input cannot be opened: err */
	CS_LINES_HEADER,		/* the first header, in cs_csv_lines_header */
	CS_LINES_RECORD			/* a record, in rec */
};

struct cs_csv_rec {
	const char *s;			/* its bytes, without the line ending */
	size_t n;
	int quoted;			/* it holds a quote (and is split) */
	long line;			/* where it starts */
	const char *file;		/* the input's display name */
	long long at;			/* input bytes read so far, over all
					   inputs (for the progress line) */
};

/*
 * May inputs (n paths, none: stdin) be read so?  When from (CS_FMT_*)
 * says CSV, or is auto and every input is a named file that does not
 * start with "{" (stdin cannot be looked at without reading it); and
 * the delimiter (0: none given) is a comma.
 */
int cs_csv_lines_usable(char *const *paths, int n, int from, int delim);

struct cs_csv_lines *cs_csv_lines_new(char *const *paths, int n,
    const char *encoding, const struct cs_aliases *a);
void cs_csv_lines_free(struct cs_csv_lines *l);

/*
 * The next thing read: CS_LINES_*, or -1 with err (65 for a broken
 * record or a later header that differs, or the input's own errors).
 * After CS_LINES_NOFILE the next call goes on with the next input.
 */
int cs_csv_lines_next(struct cs_csv_lines *l, struct cs_csv_rec *rec,
    struct cs_error *err);
/* The first header (empty before CS_LINES_HEADER). */
const struct cs_header *cs_csv_lines_header(const struct cs_csv_lines *l);
/*
 * The fields of the last record as a row (borrowed until the next call):
 * 0, or -1 with why[n] when it has another number of fields than the
 * header.
 */
int cs_csv_lines_row(struct cs_csv_lines *l, const struct cs_csv_rec *rec,
    struct cs_row *row, char *why, size_t n);

#endif
