/*
 * Unit tests of domain/disclose: the working-day deadlines to publish
 * and to withdraw, the working days between two days, header styles.
 */
#include <string.h>

#include "domain/disclose.h"
#include "unit.h"

int
main(void)
{
	struct cs_deadline_rule dl[2] = { { 0, 7, 3 }, { 0, 5, 2 } };
	struct cs_disclose dc = { .dl = dl, .ndl = 2 };
	struct cs_calendar cal;
	struct cs_error err;
	char b[11];
	long n;
	int out;

	dl[0].from = day("2000-01-01");
	dl[1].from = day("2030-01-01");
	cs_calendar_init(&cal);
	/* 2026: Oct 1-7 off, Oct 10 (Saturday) an adjusted working day. */
	for (out = day("2026-10-01"); out <= day("2026-10-07"); out++)
		CHECK_THAT(cs_calendar_set(&cal, out, 0) == 0);
	CHECK_THAT(cs_calendar_set(&cal, day("2026-10-10"), 1) == 0);
	/* Decided Monday 2026-10-12: 7 working days later, Wednesday 21. */
	CHECK_THAT(cs_disclose_deadline(&dc, &cal, day("2026-10-12"), 0, &out,
	    &err) == 0);
	cs_date_format(out, b);
	CHECK_THAT(strcmp(b, "2026-10-21") == 0);
	/* Revoked 2026-09-30: the holiday is skipped; 8, 9 and Sat 10. */
	CHECK_THAT(cs_disclose_deadline(&dc, &cal, day("2026-09-30"), 1, &out,
	    &err) == 0);
	cs_date_format(out, b);
	CHECK_THAT(strcmp(b, "2026-10-10") == 0);
	CHECK_THAT(cs_working_days_between(&cal, day("2026-10-12"),
	    day("2026-11-30"), &n, &err) == 0 && n == 35);
	CHECK_THAT(cs_working_days_between(&cal, day("2026-11-30"),
	    day("2026-11-30"), &n, &err) == 0 && n == 0);
	/* A year without a calendar is an error, never a guess. */
	CHECK_THAT(cs_disclose_deadline(&dc, &cal, day("2027-03-01"), 0, &out,
	    &err) == -1 && err.code == 65);
	/* No rule before the first one. */
	CHECK_THAT(cs_disclose_rule(&dc, day("1999-12-31")) == NULL);
	CHECK_THAT(cs_disclose_rule(&dc, day("2030-01-02")) == &dl[1]);
	CHECK_THAT(cs_header_style_parse("codes") == CS_HDR_CODES);
	CHECK_THAT(cs_header_style_parse("xx") == -1);
	cs_calendar_release(&cal);
	return UNIT_DONE();
}
