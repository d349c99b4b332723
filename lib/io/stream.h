/*
 * Format-agnostic streams: a reader that detects CSV or NDJSON, maps
 * header aliases to canonical columns and hands out rows with file:line;
 * a writer for CSV or NDJSON; and the rejects sink.
 */
#ifndef CS_IO_STREAM_H
#define CS_IO_STREAM_H

#include <stdio.h>

#include "core/util.h"
#include "io/row.h"

/* The formats of a stream (--from, --to). */
enum cs_format {
	CS_FMT_AUTO = 0,			/* --from: sniff; --to: as the input */
	CS_FMT_CSV,
	CS_FMT_NDJSON,
	CS_FMT_TSV			/* --from only: read as CSV rows are */
};

/*
 * Parse a format name for --from/--to ("csv", "ndjson" or "jsonl",
 * "tsv"); returns the enum value or -1.
 */
int cs_format_parse(const char *s);

struct cs_read_opts {
	int format;			/* enum cs_format; AUTO sniffs the input */
	const char *encoding;		/* NULL: UTF-8 */
	const struct cs_aliases *aliases; /* NULL: names as given */
	int delim;			/* CSV field delimiter; 0: ',' */
};

struct cs_reader;

/*
 * Add the CSV header fields f[0..n) (lengths fl) to h, aliases mapped to
 * their columns.  Returns 0, or -1 with err (65, at file:line) for an
 * empty field or two fields meaning the same column.
 */
int cs_header_from_fields(struct cs_header *h, const struct cs_aliases *a,
    char *const *f, const size_t *fl, size_t n, const char *file, long line,
    struct cs_error *err);

/*
 * Open path ("-" or NULL: stdin).  Auto-detection: the first byte that is
 * not white space is "{" for NDJSON, else CSV.  TSV is read into rows as
 * CSV is, and the reader's format is then CSV.  For CSV the header row is
 * read here: an empty field or two columns meaning the same canonical
 * column are fatal (65).  An empty input is a valid empty CSV stream.
 * Returns 0 with *rp new (cs_reader_close), or -1 with err (66, 65, 74).
 */
int cs_reader_open(struct cs_reader **rp, const char *path,
    const struct cs_read_opts *o, struct cs_error *err);
void cs_reader_close(struct cs_reader *r);

/*
 * The next row: 1 with *row borrowed until the next call (row->bad set
 * when the row cannot be used: wrong field count, bad JSON line), 0 at
 * the end, -1 with err when the stream is broken (65) or unreadable (74).
 */
int cs_reader_next(struct cs_reader *r, struct cs_row **row,
    struct cs_error *err);

/* The header (grows while an NDJSON stream introduces new keys). */
const struct cs_header *cs_reader_header(const struct cs_reader *r);
int cs_reader_format(const struct cs_reader *r);
const char *cs_reader_name(const struct cs_reader *r);
/* How far the rows read reach into the file (cs_input_offset). */
long long cs_reader_offset(const struct cs_reader *r);

struct cs_writer;

/*
 * How the writers of the data on stdout write, set once by lib/cli from
 * the options (the rejects file keeps its header and the types of its
 * lines as read).
 */
struct cs_write_style {
	int no_header;			/* CSV without its header row */
	/* The JSON type (enum cs_jtype) of a column, or NULL: strings. */
	int (*jtype)(const char *column);
};

/* Set the style of the writers made from now on (s is copied). */
void cs_writer_style(const struct cs_write_style *s);

/*
 * A writer of rows with the given column names (copied) to fp, which the
 * writer does not close.  For CSV the header goes out with the first row
 * or at cs_writer_begin (unless the style says no_header).  NDJSON writes
 * a column of a known type (cs_write_style.jtype) as a JSON number or
 * boolean, null when empty; it omits the other empty and NULL values.
 */
struct cs_writer *cs_writer_new(FILE *fp, int format, size_t n,
    const char *const *names);
/*
 * Publishing a file so that it is never seen half written: cs_publish_open
 * creates a temporary file beside path with mkstemp(3) (cs_tmpfile_create:
 * its name in tmp[n]; removed at exit or on a caught signal unless
 * published); cs_publish_close flushes, syncs, closes and renames it onto
 * path, or removes it when failed is set (a write the caller made failed,
 * errno telling why) or a write failed.  A link planted at path is
 * replaced, never followed.  Open: NULL with err (73); close: 0, or -1
 * with err (74 a write error, 73 the rename).
 */
FILE *cs_publish_open(const char *path, char *tmp, size_t n,
    struct cs_error *err);
int cs_publish_close(FILE *fp, int failed, const char *tmp, const char *path,
    struct cs_error *err);
/* Write the CSV header now if it has not gone out yet. */
void cs_writer_begin(struct cs_writer *w);
/* One row of n values (lens may be NULL: strlen). */
void cs_writer_row(struct cs_writer *w, const char *const *vals,
    const size_t *lens);
/*
 * Flush the stream (which stays open) and free w.  Returns 0, or -1 with
 * err (74) when a write failed.  Accepts NULL.
 */
int cs_writer_close(struct cs_writer *w, struct cs_error *err);
/*
 * The errno of the first write to stdout that failed through a writer,
 * or 0: what a later flush of stdout reports.
 */
int cs_stdout_errno(void);
/* 1 when a writer's close passed a write error on stdout up to its caller. */
int cs_stdout_reported(void);

/*
 * Writing what a filter reads plus the columns it owns: the input's
 * columns in order under their own names, an owned column taking the
 * place of an input column of the same canonical name, the other owned
 * columns appended.  NDJSON inputs may add keys as they go; the output
 * follows.
 */
struct cs_passthru {
	const char *const *own;		/* owned column names (borrowed) */
	size_t nown;
	int format;
	const struct cs_header *hdr;	/* the one the writer was made for */
	size_t nhdr;
	long *slot;			/* output index of each owned column */
	const char **names;
	const char **vals;
	size_t nout;
	struct cs_writer *w;
};

void cs_passthru_init(struct cs_passthru *p, const char *const *own,
    size_t nown, int format);
/*
 * Write the header for h now (an input without rows still gets one).
 * h may be NULL: the owned columns only.
 */
void cs_passthru_begin(struct cs_passthru *p, const struct cs_header *h);
/* Write row with the owned values ownv[0..nown) (NULL: empty). */
void cs_passthru_row(struct cs_passthru *p, const struct cs_row *row,
    const char *const *ownv);
/* Flush and free; -1 with err (74) on a write error. */
int cs_passthru_release(struct cs_passthru *p, struct cs_error *err);

struct cs_rejects;

/*
 * The rejects sink.  path NULL: nothing is copied.  The file is created (empty)
 * at once so a stale one is never mistaken for this run's, with mode 0600
 * (rows may hold ID numbers); a symbolic link is refused, not followed.
 * Returns -1 with err (73) when it cannot be.
 */
int cs_rejects_open(struct cs_rejects **rp, const char *path,
    struct cs_error *err);
/*
 * Copy row with _line and _error appended.  CSV: the values under the
 * input's own column names.  NDJSON: the line as read (row->raw), its
 * keys as given; a line that is not a flat object goes out as _raw.  The
 * first row fixes the format and header of the file.
 */
void cs_rejects_add(struct cs_rejects *rj, const struct cs_row *row,
    const char *msg);
/* Set the header and format now so an empty sink still gets a header. */
void cs_rejects_header(struct cs_rejects *rj, const struct cs_header *h,
    int format);
/* Close and free; -1 with err (74) on a write error.  Accepts NULL. */
int cs_rejects_close(struct cs_rejects *rj, struct cs_error *err);

#endif
