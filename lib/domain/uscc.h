/*
 * Identifiers: the Unified Social Credit Code (GB 32100-2015) with its
 * embedded organisation code (GB 11714), and resident identity numbers
 * (GB 11643, ISO 7064 MOD 11-2).  Pure: tables come from share/cs/uscc.json.
 */
#ifndef CS_DOMAIN_USCC_H
#define CS_DOMAIN_USCC_H

#include <stddef.h>

#include "domain/mask.h"

/* The 31 characters of GB 32100 (no I, O, Z, S, V), in value order. */
extern const char cs_uscc_alphabet[32];

/* Tables of share/cs/uscc.json. */
struct cs_uscc_rules {
	unsigned char pair[31][31];	/* [authority][type]: 1 when known */
	int have_pairs;			/* 0: no table, no warnings */
	char pilot_region[16][7];	/* region prefixes of pilot codes */
	int npilot_region;
	char pilot_org[9];		/* positions 9.. of pilot codes, "M000" */
	const struct cs_mask *mask;	/* masks ID numbers in messages;
					 * borrowed, NULL: masked whole */
};

enum cs_uscc_result {
	CS_USCC_BAD = -1,		/* rejected; msg says why */
	CS_USCC_OK = 0,
	CS_USCC_WARN = 1,		/* accepted; msg is a warning */
	CS_USCC_PILOT = 2		/* an early pilot code; msg says so */
};

/*
 * Check a USCC.  The input (n bytes of UTF-8) is normalised: upper case,
 * full-width forms folded, spaces and hyphens dropped; the 18 characters
 * go to out (19 bytes).  label names the column in messages ("uscc",
 * "authority_uscc").  Returns an enum cs_uscc_result; msg (at least 256
 * bytes) gets the reason for BAD, the warning for WARN, the explanation
 * for PILOT.  A code refused that looks like a resident ID number (17
 * digits with a birth date at positions 7-14, then a digit or X) is
 * named so, masked by rules->mask: "uscc '110105********0022' looks like
 * a resident ID number, not a USCC".  rules may be NULL (no pair
 * warnings, default pilot pattern, such a number masked whole).
 */
int cs_uscc_check(const struct cs_uscc_rules *rules, const char *label,
    const char *in, size_t n, char out[19], char *msg, size_t msgsz);

/* The mod-31 check character for the first 17 characters of s, or 0. */
char cs_uscc_check_char(const char *s);
/*
 * 1 when the 18 bytes at p, as written, are a USCC that cs_uscc_check
 * accepts (OK or WARN): the fast test for canonical frames; ask
 * cs_uscc_check for the message when it is 0.
 */
int cs_uscc_valid18(const char *p);
/* The GB 11714 check character for the 8-character body s, or 0. */
char cs_orgcode_check_char(const char *s);

/*
 * Check a resident identity number: 17 digits with a real birth date at
 * positions 7-14, then the ISO 7064 MOD 11-2 check (0-9 or X).  out gets
 * the normalised 18 characters.  Returns 0, or -1 with the reason in msg.
 */
int cs_resident_id_check(const char *label, const char *in, size_t n,
    char out[19], char *msg, size_t msgsz);
/*
 * The same, for messages that may be logged or published: the number in
 * msg is masked by m (cs_mask_id; shipped: first 6 and last 4 characters
 * kept) and an impossible birth date is not quoted.
 */
int cs_resident_id_check_masked(const struct cs_mask *m, const char *label,
    const char *in, size_t n, char out[19], char *msg, size_t msgsz);
/* The check character for the first 17 digits of s. */
char cs_resident_id_check_char(const char *s);

#endif
