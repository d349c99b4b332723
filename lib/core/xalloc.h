/*
 * The cs_x* allocators: allocation that cannot fail.  On failure they
 * report "prog: out of memory ..." and exit 70, as git's wrapper.c does;
 * with cs_xfail they are the only code of lib/ outside lib/cli that
 * prints or exits.
 */
#ifndef CS_CORE_XALLOC_H
#define CS_CORE_XALLOC_H

#include <stddef.h>
#include <stdnoreturn.h>

/* Each returns new memory (free(3) it); a size of 0 gives a valid block. */
void *cs_xmalloc(size_t n);
void *cs_xcalloc(size_t nmemb, size_t size);
/* Resize p (takes p; returns new memory in its place). */
void *cs_xrealloc(void *p, size_t n);
/* The same for nmemb elements of size, checked for overflow. */
void *cs_xreallocarray(void *p, size_t nmemb, size_t size);
/* Copies of s, and of its first n bytes with a NUL added: new memory. */
char *cs_xstrdup(const char *s);
char *cs_xstrndup(const char *s, size_t n);

/*
 * A library the toolkit stands on failed in a way that cannot happen in a
 * sound installation (libcrypto cannot hash, libcsv cannot start): report
 * what and exit 70, like the allocation wrappers.
 */
noreturn void cs_xfail(const char *what);

#endif
