/*
 * Age from a resident identity number (GB 11643: 18 characters, the
 * birth date in characters 7-14) on a day: DESIGN.md 5.3 never
 * publishes a record about a minor.  Pure; the age of majority comes
 * from share/cs/publish.json (cs_disclose_adult_age).
 */
#ifndef CS_DOMAIN_MINOR_H
#define CS_DOMAIN_MINOR_H

#include <stddef.h>

/*
 * The birth day (days since 1970-01-01) of the resident ID number id (n
 * bytes): 0 with *birth, or -1 when it is not one (not 18 characters, not
 * 17 digits and a check character, an impossible date, a wrong check
 * character).
 */
int cs_resident_birth(const char *id, size_t n, int *birth);

/*
 * Whole years of a person born on birth, on day (days); negative before
 * the birth.  Counted as the Civil Code counts periods: a year is
 * completed at the end of the birthday, so the age is one more from the
 * day after it (born 2008-06-02: 17 on 2026-06-02, 18 on 2026-06-03; born
 * on February 29: 18 from March 1).
 */
int cs_age_on(int birth, int day);

/*
 * 1 when id is a resident ID number whose holder is under adult_age on
 * day, 0 otherwise: a malformed number tells no age and is not judged a
 * minor, nor is anyone when adult_age is 0.
 */
int cs_minor_on(const char *id, size_t n, int day, int adult_age);

#endif
