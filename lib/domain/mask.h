/*
 * Masking of personal data for output and publication (DESIGN.md 5.3):
 * identity numbers keep their first 6 and last 4 characters.  Pure.
 */
#ifndef CS_DOMAIN_MASK_H
#define CS_DOMAIN_MASK_H

#include <stddef.h>

/*
 * Mask the identity number s (n bytes of UTF-8) into out (at least n + 1
 * bytes): every character but the first 6 and the last 4 becomes one
 * '*'; a value of 10 characters or fewer is masked whole, so nothing of
 * a short number shows.  Characters are never cut, so UTF-8 stays
 * UTF-8.  Returns out.
 */
char *cs_mask_id(const char *s, size_t n, char *out);

#endif
