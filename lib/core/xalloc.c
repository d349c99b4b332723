/*
 * The allocators of xalloc.h: they report and exit 70 when memory runs
 * out, so no caller has a failure path for it (git's wrapper.c, redis's
 * zmalloc.c).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "core/xalloc.h"

static void
oom(size_t n)
{
	fprintf(stderr, "%s: out of memory allocating %zu bytes\n",
	    program_invocation_short_name, n);
	exit(CS_EX_SOFTWARE);
}

void
cs_xfail(const char *what)
{
	fprintf(stderr, "%s: internal error: %s\n",
	    program_invocation_short_name, what);
	exit(CS_EX_SOFTWARE);
}

void *
cs_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
cs_xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		oom(nmemb * size);
	return p;
}

void *
cs_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom(n);
	return q;
}

void *
cs_xreallocarray(void *p, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size)
		oom(SIZE_MAX);
	return cs_xrealloc(p, nmemb * size);
}

char *
cs_xstrdup(const char *s)
{
	return cs_xstrndup(s, strlen(s));
}

char *
cs_xstrndup(const char *s, size_t n)
{
	char *p = cs_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
