/*
 * Masking of personal data: identity numbers keep the characters their
 * pattern shows (the region and the last digits, as published credit
 * files show them), counted in characters so UTF-8 stays whole.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/mask.h"

void
cs_mask_release(struct cs_mask *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->ncolumns; i++)
		free(m->columns[i]);
	free(m->columns);
	memset(m, 0, sizeof(*m));
}

/* The number of UTF-8 characters of the n bytes at s. */
static size_t
chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

char *
cs_mask_id(const struct cs_mask *m, const char *s, size_t n, char *out)
{
	size_t nc = chars(s, n), first, last, i, c = 0, o = 0, start;
	char fill = m != NULL ? m->fill : '*';

	first = m != NULL ? (size_t)m->keep_first : 0;
	last = m != NULL ? (size_t)m->keep_last : 0;
	if (nc <= first + last)
		first = last = 0;
	for (i = 0; i < n; i = start) {
		start = i + 1;
		while (start < n && ((unsigned char)s[start] & 0xc0) == 0x80)
			start++;
		if (c < first || (last > 0 && c >= nc - last)) {
			memcpy(out + o, s + i, start - i);
			o += start - i;
		} else {
			out[o++] = fill;
		}
		c++;
	}
	out[o] = '\0';
	return out;
}

int
cs_mask_column(const struct cs_mask *m, const char *name)
{
	size_t i;

	for (i = 0; m != NULL && i < m->ncolumns; i++)
		if (strcmp(m->columns[i], name) == 0)
			return 1;
	return 0;
}

int
cs_mask_is_masked(const struct cs_mask *m, const char *s, size_t n)
{
	return memchr(s, m != NULL ? m->fill : '*', n) != NULL;
}
