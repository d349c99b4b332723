/*
 * A minimal TAP producer for the C unit tests of lib/: each CHECK prints
 * "ok N - what" or "not ok N - what" with the place that failed.  Below
 * it, the small helpers several tests share, static inline so that a test
 * links only what it calls.
 */
#ifndef CS_UNIT_H
#define CS_UNIT_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cs.h"

static int unit_n, unit_failed;

#define CHECK(cond, what) do { \
	unit_n++; \
	if (cond) { \
		printf("ok %d - %s\n", unit_n, what); \
	} else { \
		unit_failed++; \
		printf("not ok %d - %s (%s:%d: %s)\n", unit_n, what, \
		    __FILE__, __LINE__, #cond); \
	} \
} while (0)

#define CHECK_STR(got, want, what) do { \
	const char *g_ = (got), *w_ = (want); \
	unit_n++; \
	if (g_ != NULL && strcmp(g_, w_) == 0) { \
		printf("ok %d - %s\n", unit_n, what); \
	} else { \
		unit_failed++; \
		printf("not ok %d - %s (%s:%d: got '%s', want '%s')\n", \
		    unit_n, what, __FILE__, __LINE__, g_ ? g_ : "(null)", \
		    w_); \
	} \
} while (0)

/* A check named by its own text. */
#define CHECK_THAT(cond) CHECK(cond, #cond)

#define UNIT_DONE() (printf("1..%d\n", unit_n), unit_failed != 0)

/* A step the checks need failed: a "not ok" line saying why, and exit 1. */
static inline _Noreturn void
unit_bail(const char *what, const char *why)
{
	printf("not ok - %s: %s\n", what, why);
	exit(1);
}

/* The day number of a date such as "2026-10-13", or -1. */
static inline int
day(const char *s)
{
	int v = -1;

	cs_date_parse(s, strlen(s), &v);
	return v;
}

/* Day number days as YYYY-MM-DD, in the next of four static buffers (a
 * CHECK may compare up to four). */
static inline const char *
date(int days)
{
	static char buf[4][11];
	static int k;

	k = (k + 1) % 4;
	cs_date_format(days, buf[k]);
	return buf[k];
}

/* The static buffer b emptied for the next answer (made on first use). */
static inline struct cs_buf *
unit_buf(struct cs_buf *b)
{
	if (b->s == NULL)
		cs_buf_init(b);
	cs_buf_reset(b);
	return b;
}

/* "/tmp/cs-unit-PID-name" in path[n]: a file of this test run's own. */
static inline char *
unit_tmp(char *path, size_t n, const char *name)
{
	snprintf(path, n, "/tmp/cs-unit-%d-%s", (int)getpid(), name);
	return path;
}

/* The file path holding the n bytes of data, or a bail-out. */
static inline void
unit_put(const char *path, const void *data, size_t n)
{
	FILE *fp = fopen(path, "wb");

	if (fp == NULL || fwrite(data, 1, n, fp) != n || fclose(fp) != 0)
		unit_bail(path, strerror(errno));
}

#endif
