/*
 * Unit tests of domain/minor and cs_disclose_minor: the age from a
 * resident ID number on a day (the day before, of and after the 18th birthday,
 * February 29 births), and what is not judged a minor (a malformed
 * number, another document, no rule).
 */
#include "domain/disclose.h"
#include "domain/minor.h"
#include "domain/record.h"
#include "domain/uscc.h"
#include "unit.h"

/* A resident ID number born on birth (YYYYMMDD), with its check character. */
static const char *
rid(const char *birth, char out[19])
{
	snprintf(out, 19, "110105%s12", birth);
	out[16] = '3';
	out[17] = cs_resident_id_check_char(out);
	out[18] = '\0';
	return out;
}

static int
minor(const char *id, const char *on)
{
	return cs_minor_on(id, strlen(id), day(on), 18);
}

int
main(void)
{
	struct cs_minor_rule mr[2] = { { 0, 18 }, { 0, 16 } };
	struct cs_disclose dc = { .mr = mr, .nmr = 2 };
	struct cs_fields f;
	char id[19], bad[19];
	int b;

	rid("20080602", id);
	CHECK(cs_resident_birth(id, 18, &b) == 0 && b == day("2008-06-02"),
	    "the birth date is characters 7-14");
	CHECK(cs_age_on(day("2008-06-02"), day("2026-06-01")) == 17,
	    "17 the day before the 18th birthday");
	CHECK(cs_age_on(day("2008-06-02"), day("2026-06-02")) == 17,
	    "17 on the 18th birthday (the Civil Code does not count the "
	    "day of birth)");
	CHECK(cs_age_on(day("2008-06-02"), day("2026-06-03")) == 18,
	    "18 the day after the 18th birthday");
	CHECK(cs_age_on(day("2008-06-02"), day("2008-06-01")) == -1,
	    "negative before the birth");
	CHECK(minor(id, "2026-06-01") == 1, "a minor the day before");
	CHECK(minor(id, "2026-06-02") == 1, "a minor on the birthday");
	CHECK(minor(id, "2026-06-03") == 0, "of age the day after");
	CHECK(minor(id, "2008-06-02") == 1, "a minor on the day of birth");

	/* Born on February 29: the birthday is March 1 in a common year. */
	rid("20080229", id);
	CHECK(cs_age_on(day("2008-02-29"), day("2026-02-28")) == 17,
	    "Feb 29 birth: 17 on Feb 28 of a common year");
	CHECK(cs_age_on(day("2008-02-29"), day("2026-03-01")) == 18,
	    "Feb 29 birth: 18 on Mar 1 of a common year");
	CHECK(cs_age_on(day("2008-02-29"), day("2012-02-29")) == 3 &&
	    cs_age_on(day("2008-02-29"), day("2012-03-01")) == 4,
	    "Feb 29 birth: a year older on Mar 1 of a leap year too");
	CHECK(minor(id, "2026-02-28") == 1 && minor(id, "2026-03-01") == 0,
	    "Feb 29 birth: a minor through Feb 28, of age on Mar 1");

	/* Malformed or not a resident ID: no age, not judged a minor. */
	rid("20080602", id);
	memcpy(bad, id, sizeof(bad));
	bad[17] = bad[17] == '0' ? '1' : '0';
	CHECK(minor(bad, "2026-01-01") == 0, "a wrong check character");
	CHECK(minor("11010520080602123", "2026-01-01") == 0, "17 characters");
	CHECK(minor("110105200802301234", "2026-01-01") == 0,
	    "an impossible birth date");
	CHECK(minor("E12345678", "2026-01-01") == 0, "a passport number");
	CHECK(minor("", "2026-01-01") == 0, "no number");
	CHECK(cs_minor_on(id, 18, day("2026-01-01"), 0) == 0,
	    "an adult age of 0 judges no one");

	/* A record: person_id with person_id_type empty, or another type. */
	cs_fields_init(&f, &cs_record_schema);
	mr[0].from = day("2000-01-01");
	mr[1].from = day("2030-01-01");
	CHECK(cs_disclose_adult_age(&dc, day("1999-12-31")) == 0 &&
	    cs_disclose_adult_age(&dc, day("2026-01-01")) == 18 &&
	    cs_disclose_adult_age(&dc, day("2030-01-01")) == 16,
	    "the adult age in force on the decision day");
	CHECK(cs_disclose_minor(&dc, NULL, &f, day("2026-01-01")) == 0,
	    "no person_id: not a minor");
	cs_fields_put(&f, R_PERSON_ID, id, 18);
	CHECK(cs_disclose_minor(&dc, NULL, &f, day("2026-01-01")) == 1,
	    "person_id of a 17-year-old, no type: a minor");
	CHECK(cs_disclose_minor(&dc, NULL, &f, day("2026-06-02")) == 1,
	    "decided on the 18th birthday: a minor");
	CHECK(cs_disclose_minor(&dc, NULL, &f, day("2026-06-03")) == 0,
	    "decided the day after: not a minor");
	cs_fields_put(&f, R_PERSON_ID_TYPE, "护照", strlen("护照"));
	CHECK(cs_disclose_minor(&dc, NULL, &f, day("2026-01-01")) == 0,
	    "another document type: not judged");
	cs_fields_release(&f);
	return UNIT_DONE();
}
