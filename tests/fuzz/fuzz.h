/*
 * What the libFuzzer targets of tests/fuzz share: the entry point, one
 * file in memory that holds the current input (the readers take paths),
 * and FUZZ_CHECK, which aborts (a crash libFuzzer saves the input of)
 * when a property does not hold.
 */
#ifndef CS_FUZZ_H
#define CS_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The property cond holds, or the input is a finding. */
#define FUZZ_CHECK(cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, "fuzz: %s:%d: %s: ", __FILE__, __LINE__, \
		    #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
		abort(); \
	} \
} while (0)

static char fuzz_path[64];
static int fuzz_fd = -1;

/*
 * The path of a file that holds the n bytes at data and nothing else:
 * one file in memory per process (memfd_create(2); a file on disk would
 * be written back by every truncation), opened again through /proc.
 */
static inline const char *
fuzz_file(const void *data, size_t n)
{
	if (fuzz_fd < 0) {
		fuzz_fd = memfd_create("cs-fuzz", MFD_CLOEXEC);
		FUZZ_CHECK(fuzz_fd >= 0, "memfd_create");
		snprintf(fuzz_path, sizeof(fuzz_path), "/proc/self/fd/%d",
		    fuzz_fd);
	}
	FUZZ_CHECK(ftruncate(fuzz_fd, 0) == 0, "ftruncate");
	FUZZ_CHECK(n == 0 || pwrite(fuzz_fd, data, n, 0) == (ssize_t)n,
	    "pwrite");
	return fuzz_path;
}

#endif
