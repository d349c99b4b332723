/*
 * GB 32100 / GB 11714 / GB 11643 identifier rules.
 */
#include <stdio.h>
#include <string.h>

#include "domain/calendar.h"
#include "domain/mask.h"
#include "domain/uscc.h"

const char cs_uscc_alphabet[32] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static const int uscc_weight[17] = {
	1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
};
static const int org_weight[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
static const int id_weight[17] = {
	7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
};

/* Value + 1 of each character of the alphabet; 0: not in it. */
static const unsigned char value31_table[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6,
	['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10, ['A'] = 11, ['B'] = 12,
	['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16, ['G'] = 17, ['H'] = 18,
	['J'] = 19, ['K'] = 20, ['L'] = 21, ['M'] = 22, ['N'] = 23, ['P'] = 24,
	['Q'] = 25, ['R'] = 26, ['T'] = 27, ['U'] = 28, ['W'] = 29, ['X'] = 30,
	['Y'] = 31,
};

static int
value31(char c)
{
	return value31_table[(unsigned char)c] - 1;
}

char
cs_uscc_check_char(const char *s)
{
	int i, v, sum = 0;

	for (i = 0; i < 17; i++) {
		v = value31(s[i]);
		if (v < 0)
			return 0;
		sum += v * uscc_weight[i];
	}
	return cs_uscc_alphabet[(31 - sum % 31) % 31];
}

int
cs_uscc_valid18(const char *p)
{
	int i;

	for (i = 2; i < 8; i++)
		if (p[i] < '0' || p[i] > '9')
			return 0;
	if (value31(p[17]) < 0)
		return 0;
	/* cs_uscc_check_char also refuses a character not in the alphabet. */
	return cs_uscc_check_char(p) == p[17] &&
	    cs_orgcode_check_char(p + 8) == p[16];
}

char
cs_orgcode_check_char(const char *s)
{
	int i, v, sum = 0, c;

	for (i = 0; i < 8; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			v = s[i] - '0';
		else if (s[i] >= 'A' && s[i] <= 'Z')
			v = s[i] - 'A' + 10;
		else
			return 0;
		sum += v * org_weight[i];
	}
	c = 11 - sum % 11;
	if (c == 10)
		return 'X';
	if (c == 11)
		return '0';
	return (char)('0' + c);
}

/*
 * Normalise into out (at most cap-1 bytes): fold full-width ASCII forms
 * (U+FF01..U+FF5E) and ASCII to upper case, drop spaces, tabs, U+3000 and
 * hyphens.  Returns the number of characters (code points) kept and
 * stores the byte length in *len.
 */
static size_t
normalise(const char *in, size_t n, char *out, size_t cap, size_t *len)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t i = 0, o = 0, chars = 0;

	/* Most codes are written as they should be: copy those at once. */
	while (i < n && ((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'A' &&
	    p[i] <= 'Z')))
		i++;
	if (i == n && n < cap) {
		memcpy(out, in, n);
		out[n] = '\0';
		*len = n;
		return n;
	}
	i = 0;
	while (i < n) {
		unsigned char c = p[i];
		size_t k = 1;
		unsigned cp = c;

		if (c >= 0xef && i + 2 < n && c == 0xef && (p[i + 1] == 0xbc ||
		    p[i + 1] == 0xbd)) {
			cp = 0xf000 + (((unsigned)p[i + 1] & 0x3f) << 6) +
			    (p[i + 2] & 0x3f);
			if (cp >= 0xff01 && cp <= 0xff5e) {
				c = (unsigned char)(cp - 0xff01 + 0x21);
				k = 3;
				cp = c;
			}
		}
		if (k == 1 && c == 0xe3 && i + 2 < n && p[i + 1] == 0x80 &&
		    p[i + 2] == 0x80) {
			i += 3;			/* U+3000 ideographic space */
			continue;
		}
		if (cp == ' ' || cp == '\t' || cp == '-') {
			i += k;
			continue;
		}
		if (cp >= 'a' && cp <= 'z')
			c = (unsigned char)(cp - 32);
		if (k == 1 && c >= 0x80) {
			/* Copy a whole multibyte character unchanged. */
			size_t m = 1;

			while (i + m < n && (p[i + m] & 0xc0) == 0x80)
				m++;
			if (o + m < cap) {
				memcpy(out + o, p + i, m);
				o += m;
			}
			i += m;
			chars++;
			continue;
		}
		if (o + 1 < cap)
			out[o++] = (char)c;
		i += k;
		chars++;
	}
	out[o] = '\0';
	*len = o;
	return chars;
}

/* The character at position pos (0-based, in code points) of s. */
static void
char_at(const char *s, size_t pos, char *out, size_t cap)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, m;

	while (pos > 0 && p[i] != '\0') {
		i++;
		while ((p[i] & 0xc0) == 0x80)
			i++;
		pos--;
	}
	m = 1;
	while (p[i + m] != '\0' && (p[i + m] & 0xc0) == 0x80)
		m++;
	if (m >= cap)
		m = cap - 1;
	memcpy(out, p + i, m);
	out[m] = '\0';
}

static int
is_pilot(const struct cs_uscc_rules *r, const char *u)
{
	int i;
	const char *org = r ? r->pilot_org : "M000";

	if (r == NULL)
		return strncmp(u + 2, "35", 2) == 0 &&
		    strncmp(u + 8, "M000", 4) == 0;
	if (*org == '\0' || strncmp(u + 8, org, strlen(org)) != 0)
		return 0;
	for (i = 0; i < r->npilot_region; i++)
		if (strncmp(u + 2, r->pilot_region[i],
		    strlen(r->pilot_region[i])) == 0)
			return 1;
	return 0;
}

/*
 * Does the normalised value s look like a resident ID number: 17 digits,
 * a birth date at positions 7-14, a digit or X last?  The check
 * character is not asked for: a mistyped one is a person's number too.
 */
static int
resident_like(const char *s)
{
	size_t i;
	int days;

	if (strlen(s) != 18)
		return 0;
	for (i = 0; i < 17; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return ((s[17] >= '0' && s[17] <= '9') || s[17] == 'X') &&
	    cs_date_parse(s + 6, 8, &days) == 0;
}

static int uscc_check(const struct cs_uscc_rules *r, const char *label,
    const char *norm, size_t len, size_t chars, char out[19], char *msg,
    size_t msgsz);

int
cs_uscc_check(const struct cs_uscc_rules *r, const char *label,
    const char *in, size_t n, char out[19], char *msg, size_t msgsz)
{
	char norm[128], shown[128];
	size_t len, chars;
	int rc;

	chars = normalise(in, n, norm, sizeof(norm), &len);
	rc = uscc_check(r, label, norm, len, chars, out, msg, msgsz);
	/* A person's number is never echoed whole (DESIGN.md 5.3). */
	if (rc == CS_USCC_BAD && resident_like(norm))
		snprintf(msg, msgsz, "%s '%s' looks like a resident ID number, "
		    "not a USCC", label, cs_mask_id(r != NULL ? r->mask : NULL,
		    norm, len, shown));
	return rc;
}

static int
uscc_check(const struct cs_uscc_rules *r, const char *label,
    const char *norm, size_t len, size_t chars, char out[19], char *msg,
    size_t msgsz)
{
	char ch[8], c;
	size_t i;
	int a, t;

	if (chars != 18 || len != 18) {
		/* Find the first non-alphabet character for a better message. */
		if (chars == 18) {
			for (i = 0; i < 18; i++) {
				char_at(norm, i, ch, sizeof(ch));
				if (strlen(ch) != 1 || value31(ch[0]) < 0)
					break;
			}
			snprintf(msg, msgsz, "%s '%s' has forbidden character "
			    "'%s' at position %zu", label, norm, ch, i + 1);
			return CS_USCC_BAD;
		}
		snprintf(msg, msgsz, "%s '%s' has %zu characters, expected "
		    "18", label, norm, chars);
		return CS_USCC_BAD;
	}
	for (i = 0; i < 18; i++) {
		if (value31(norm[i]) < 0) {
			snprintf(msg, msgsz, "%s '%s' has forbidden character "
			    "'%c' at position %zu", label, norm, norm[i], i + 1);
			return CS_USCC_BAD;
		}
	}
	for (i = 2; i < 8; i++) {
		if (norm[i] < '0' || norm[i] > '9') {
			snprintf(msg, msgsz, "%s '%s' has region code '%.6s' "
			    "at positions 3-8 that is not six digits", label,
			    norm, norm + 2);
			return CS_USCC_BAD;
		}
	}
	memcpy(out, norm, 19);
	c = cs_uscc_check_char(norm);
	if (c != norm[17]) {
		if (is_pilot(r, norm)) {
			snprintf(msg, msgsz, "%s '%s' is an early pilot code "
			    "that fails the check character rule (expected "
			    "'%c')", label, norm, c);
			return CS_USCC_PILOT;
		}
		snprintf(msg, msgsz, "%s '%s' has a wrong check character "
		    "(expected '%c')", label, norm, c);
		return CS_USCC_BAD;
	}
	c = cs_orgcode_check_char(norm + 8);
	if (c != norm[16]) {
		snprintf(msg, msgsz, "%s '%s' fails the organisation code "
		    "check at position 17 (expected '%c')", label, norm, c);
		return CS_USCC_BAD;
	}
	if (r != NULL && r->have_pairs) {
		a = value31(norm[0]);
		t = value31(norm[1]);
		if (!r->pair[a][t]) {
			snprintf(msg, msgsz, "%s '%s' has registration "
			    "authority and type '%.2s' not in the GB 32100 "
			    "tables", label, norm, norm);
			return CS_USCC_WARN;
		}
	}
	return CS_USCC_OK;
}

char
cs_resident_id_check_char(const char *s)
{
	int i, sum = 0, c;

	for (i = 0; i < 17; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		sum += (s[i] - '0') * id_weight[i];
	}
	c = (12 - sum % 11) % 11;
	return c == 10 ? 'X' : (char)('0' + c);
}

/*
 * Check resident ID in; masked: the number in msg keeps only its first 6
 * and last 4 characters, and an impossible birth date is not quoted.
 */
static int
resident_check(const struct cs_mask *m, const char *label, const char *in,
    size_t n, char out[19], char *msg, size_t msgsz, int masked)
{
	char norm[128], shown[128], c;
	size_t len, chars, i;
	int days;

	chars = normalise(in, n, norm, sizeof(norm), &len);
	if (masked)
		cs_mask_id(m, norm, strlen(norm), shown);
	else
		memcpy(shown, norm, sizeof(shown));
	if (chars != 18 || len != 18) {
		snprintf(msg, msgsz, "%s '%s' has %zu characters, expected "
		    "18", label, shown, chars);
		return -1;
	}
	for (i = 0; i < 17; i++) {
		if (norm[i] < '0' || norm[i] > '9') {
			snprintf(msg, msgsz, "%s '%s' has a non-digit at "
			    "position %zu", label, shown, i + 1);
			return -1;
		}
	}
	if (cs_date_parse(norm + 6, 8, &days) != 0) {
		if (masked)
			snprintf(msg, msgsz, "%s '%s' has an impossible birth "
			    "date", label, shown);
		else
			snprintf(msg, msgsz, "%s '%s' has an impossible birth "
			    "date '%.8s'", label, norm, norm + 6);
		return -1;
	}
	c = cs_resident_id_check_char(norm);
	if (c != norm[17]) {
		snprintf(msg, msgsz, "%s '%s' has a wrong check character "
		    "(expected '%c')", label, shown, c);
		return -1;
	}
	memcpy(out, norm, 19);
	return 0;
}

int
cs_resident_id_check(const char *label, const char *in, size_t n,
    char out[19], char *msg, size_t msgsz)
{
	return resident_check(NULL, label, in, n, out, msg, msgsz, 0);
}

int
cs_resident_id_check_masked(const struct cs_mask *m, const char *label,
    const char *in, size_t n, char out[19], char *msg, size_t msgsz)
{
	return resident_check(m, label, in, n, out, msg, msgsz, 1);
}
