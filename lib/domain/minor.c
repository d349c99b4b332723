/*
 * Age from a resident identity number: see minor.h.
 */
#include "domain/calendar.h"
#include "domain/minor.h"
#include "domain/uscc.h"

int
cs_resident_birth(const char *id, size_t n, int *birth)
{
	char out[19], msg[8];

	if (n != 18 || cs_resident_id_check("id", id, n, out, msg,
	    sizeof(msg)) != 0)
		return -1;
	return cs_date_parse(out + 6, 8, birth);
}

int
cs_age_on(int birth, int day)
{
	int by, bm, bd, y, m, d, age;

	cs_civil_from_days(birth, &by, &bm, &bd);
	cs_civil_from_days(day, &y, &m, &d);
	age = y - by;
	/*
	 * As the Civil Code counts a period (arts. 201-202): the day of
	 * birth is not counted, so a year is completed at the end of the
	 * birthday, and on it the person is a year younger.  Born on
	 * February 29: in a common year the year ends with February 28
	 * (the month's last day), which the month-day comparison gives as
	 * it is.
	 */
	if (m < bm || (m == bm && d <= bd))
		age--;
	return age;
}

int
cs_minor_on(const char *id, size_t n, int day, int adult_age)
{
	int birth;

	if (adult_age <= 0 || id == NULL || cs_resident_birth(id, n,
	    &birth) != 0)
		return 0;
	return cs_age_on(birth, day) < adult_age;
}
