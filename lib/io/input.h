/*
 * Bytes in, lines out: an input file or stdin, inflated when it is gzip
 * (whatever its name), transcoded to UTF-8 through iconv(3) when asked,
 * the BOM dropped, each line checked to be valid UTF-8 and numbered.  The
 * CSV and NDJSON readers parse these lines.
 */
#ifndef CS_IO_INPUT_H
#define CS_IO_INPUT_H

#include <stddef.h>

#include "core/util.h"

struct cs_input;

/*
 * Open path ("-" or NULL: stdin) with encoding (NULL: UTF-8; "gb18030",
 * "gbk").  A file that starts with the gzip magic (1f 8b) is inflated;
 * corrupt or truncated gzip data is an error of the next read (65).
 * Returns 0 with *ip new (free with cs_input_close), or -1 with err: code
 * 66 when the file cannot be opened, 65 for an unknown encoding.
 */
int cs_input_open(struct cs_input **ip, const char *path,
    const char *encoding, struct cs_error *err);
void cs_input_close(struct cs_input *in);
/* "<stdin>" or the path as given; borrowed. */
const char *cs_input_name(const struct cs_input *in);

/*
 * The next line, including its "\n" when it has one.  Returns 1 with
 * *line (borrowed, valid until the next call) and *len, 0 at the end, -1
 * with err (65 for invalid UTF-8 or an undecodable byte, 74 for a read
 * error) on failure.
 */
int cs_input_line(struct cs_input *in, const char **line, size_t *len,
    struct cs_error *err);
/* Number of the line cs_input_line returned last (1-based). */
long cs_input_lineno(const struct cs_input *in);

/*
 * The first byte that is not a space, tab, CR or LF, without consuming
 * anything; -1 when the input holds nothing else (or on a read error,
 * which the next cs_input_line reports).
 */
int cs_input_peek(struct cs_input *in);
/*
 * Does the file at path look like NDJSON: is its first byte that is not
 * white space (after a BOM, inflated when gzip) "{"?  1 when it does; 0
 * when not, or when it cannot be read (that is reported when it is
 * opened).
 */
int cs_input_looks_ndjson(const char *path);

/*
 * How far the lines handed out reach into the file, in bytes of the file
 * as stored (compressed for gzip, where it is a little ahead): for the
 * progress line.
 */
long long cs_input_offset(const struct cs_input *in);
/*
 * The bytes of the inputs paths[0..n) (none: stdin) as stored, or -1 when
 * one is not a regular file (a pipe, a terminal): what cs_input_offset
 * counts towards.  Files that cannot be looked at count 0.
 */
long long cs_inputs_size(char *const *paths, int n);

#endif
