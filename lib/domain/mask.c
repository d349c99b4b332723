/*
 * Masking of personal data: identity numbers keep the region (first 6)
 * and the last 4 characters, as published credit files show them.
 */
#include <string.h>

#include "domain/mask.h"

/* 1 when byte c starts a UTF-8 character (it does not continue one). */
static int
starts_char(char c)
{
	return ((unsigned char)c & 0xc0) != 0x80;
}

char *
cs_mask_id(const char *s, size_t n, char *out)
{
	size_t i, o = 0, chars = 0, k = 0;

	/*
	 * Characters, not bytes: a value typed in Chinese must not be cut
	 * inside a character, or the message that quotes it (and the
	 * rejects file it is copied to) is no longer UTF-8.
	 */
	for (i = 0; i < n; i++)
		chars += starts_char(s[i]);
	for (i = 0; i < n; i++) {
		if (starts_char(s[i]))
			k++;
		if (chars > 10 && (k <= 6 || k > chars - 4))
			out[o++] = s[i];
		else if (starts_char(s[i]))
			out[o++] = '*';
	}
	out[o] = '\0';
	return out;
}
