/*
 * Between the files that compute a draw (drawing*.c), not for commands.
 * drawing.c is the lowest of them: the others call it, it calls none.
 */
#ifndef CS_OPS_DRAWING_INTERNAL_H
#define CS_OPS_DRAWING_INTERNAL_H

#include "ops/draws.h"

/* drawing.c */

/*
 * Hex SHA-256 of fd's bytes from where it stands, copied to copy_to
 * unless that is -1: 0, or -1 on a read or write error (errno).
 */
int cs_drawing_hash_fd(int fd, int copy_to, char hex[65]);
/*
 * Hex SHA-256 of the file at path (inflated when gzip): 0, or -1 with
 * err (66, 74).
 */
int cs_drawing_hash_file(const char *path, char hex[65], struct cs_error *err);
/* 1 when the bytes of fd from offset at start with the gzip magic. */
int cs_drawing_gzip_at(int fd, off_t at);
/*
 * The SHA-256 of the content of path ("-": stdin, from where it is),
 * inflated: a gzip file hashes as the file it holds.  0, or -1 with err.
 */
int cs_drawing_hash_inflated(const char *path, char hex[65],
    struct cs_error *err);
/*
 * The value of column j of row without spaces, tabs and CRs around it,
 * NUL-terminated into buf (n bytes, cut to fit); "" when it has none.
 * Returns buf, or "" (borrowed).
 */
const char *cs_drawing_field(const struct cs_row *row, long j, char *buf,
    size_t n);
/* A copy of s kept until cs_drawing_free: borrowed. */
char *cs_drawing_keep(struct cs_drawing *d, const char *s);
/* Set err to "the frame changed while it was read" (65); returns -1. */
int cs_drawing_changed(const struct cs_drawing *d, long line,
    struct cs_error *err);

/* drawing_fast.c */

/*
 * A pass over a canonical frame (cs_drawing_run's first or second):
 * 0; 1 when the frame is not canonical (in the first pass: before
 * anything was counted, so the general reader reads it then); or -1 with
 * err.
 */
int cs_drawing_fast_pass(struct cs_drawing *d, int second,
    struct cs_error *err);

/* drawing_inspectors.c */

/*
 * Read and hash the inspectors file and the conflicts file of d->in,
 * when given, into d.  Returns 0, or -1 with err (66, 74, 65 naming the
 * bad row).
 */
int cs_drawing_load_inspectors(struct cs_drawing *d, struct cs_error *err);
/*
 * Assign inspectors to the sorted picks in (round, ticket) order: d->chosen
 * and d->why filled (why[i] new when pick i has none), d->unassigned
 * counted.
 */
void cs_drawing_assign(struct cs_drawing *d);

#endif
