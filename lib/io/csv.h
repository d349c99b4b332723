/*
 * CSV on libcsv (strict mode): records from the lines of a cs_input with
 * the line each record starts on, and RFC 4180 minimal quoting for output.
 * The same parser reads CSV with another delimiter, and TSV.
 */
#ifndef CS_IO_CSV_H
#define CS_IO_CSV_H

#include <stddef.h>

#include "core/util.h"
#include "io/input.h"

struct cs_csv_parser;

struct cs_csv_parser *cs_csv_parser_new(void);
void cs_csv_parser_free(struct cs_csv_parser *p);
/*
 * Read fields separated by delim (an ASCII byte other than '"', CR or
 * LF; 0 keeps ','), quoted as RFC 4180 says; or, with tsv, tab-separated
 * values: one record per line, no quoting (a quote is data), and the
 * escapes \t, \n, \r and \\ decoded.  Before the first record.
 */
void cs_csv_parser_dialect(struct cs_csv_parser *p, int delim, int tsv);

/*
 * The next record.  Returns 1 with *fields and *lens (arrays of *nfields
 * NUL-terminated values, borrowed until the next call) and *line (where
 * the record starts); 0 at the end of input; -1 with err (65) for
 * malformed CSV or a quote never closed, or the input's own error.
 */
int cs_csv_parser_next(struct cs_csv_parser *p, struct cs_input *in,
    char ***fields, size_t **lens, size_t *nfields, long *line,
    struct cs_error *err);

/* Append s as one CSV field, quoted only when it holds , " CR or LF. */
void cs_csv_add_field(struct cs_buf *b, const char *s, size_t n);

#endif
