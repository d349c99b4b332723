/*
 * Masking of personal data: identity numbers keep the region (first 6)
 * and the last 4 characters, as published credit files show them.
 */
#include <string.h>

#include "domain/mask.h"

char *
cs_mask_id(const char *s, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = n > 10 && (i < 6 || i >= n - 4) ? s[i] : '*';
	out[n] = '\0';
	return out;
}
