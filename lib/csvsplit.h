/*
 * Splitting one CSV record held in memory (RFC 4180, the strict reading
 * of csvio.c), for the streaming fast path of screening: most records are
 * one line without quotes and are never copied; the others come here.
 */
#ifndef CS_CSVSPLIT_H
#define CS_CSVSPLIT_H

#include <stddef.h>

#include "util.h"

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

#endif
