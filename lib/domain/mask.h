/*
 * Masking of personal data for output and messages (DESIGN.md 5.3): an
 * ID number keeps the first and last characters its pattern says
 * (share/cs/masking.json, loaded by lib/rules; shipped: 6 and 4), the
 * columns that hold ID numbers are named by the same file.  Pure.
 */
#ifndef CS_DOMAIN_MASK_H
#define CS_DOMAIN_MASK_H

#include <stddef.h>

/* A masking pattern and the columns it applies to. */
struct cs_mask {
	int keep_first;			/* characters shown at the start */
	int keep_last;			/* ... and at the end */
	char fill;			/* an ASCII character for the others */
	char **columns;			/* record and register columns */
	size_t ncolumns;
};

/* Free what m holds and empty it; accepts NULL. */
void cs_mask_release(struct cs_mask *m);

/*
 * Mask the identity number s (n bytes of UTF-8) into out (at least
 * n + 1 bytes) by m: every character but the first keep_first and the
 * last keep_last becomes fill, one byte per character; a value of
 * keep_first + keep_last characters or fewer is masked whole, so nothing
 * of a short number shows.  m NULL (no pattern known) masks it whole
 * with '*'.  Returns out.
 */
char *cs_mask_id(const struct cs_mask *m, const char *s, size_t n,
    char *out);

/* 1 when column name is one of m's (m NULL: none). */
int cs_mask_column(const struct cs_mask *m, const char *name);

/*
 * 1 when the n bytes at s hold m's fill character (or '*' when m is
 * NULL): a value masked by some pattern, which no ID number is.
 */
int cs_mask_is_masked(const struct cs_mask *m, const char *s, size_t n);

#endif
