/*
 * A minimal TAP producer for the C unit tests of lib/: each CHECK prints
 * "ok N - what" or "not ok N - what" with the place that failed.
 */
#ifndef CS_UNIT_H
#define CS_UNIT_H

#include <stdio.h>
#include <string.h>

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

#define UNIT_DONE() (printf("1..%d\n", unit_n), unit_failed != 0)

#endif
