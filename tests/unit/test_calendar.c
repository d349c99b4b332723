/*
 * Unit tests of lib/calendar: dates, periods with end-of-month clamping,
 * and the working-day known answers of the official calendar.
 */
#include <string.h>

#include "cs.h"
#include "unit.h"

static const char *
plus_wd(const struct cs_calendar *cal, const char *s, int n)
{
	static struct cs_error err;
	int out;

	if (cs_calendar_add_working(cal, day(s), n, &out, &err) != 0)
		return err.msg;
	return date(out);
}

static const char *
plus(const char *s, const char *p)
{
	struct cs_period per;

	if (cs_period_parse(p, &per) != 0)
		return "bad period";
	return date(cs_period_add(day(s), &per));
}

/* The day of a step on column col, or the message refusing it. */
static const char *
step(const char *s, const char *as_of)
{
	static char msg[128];
	int d;

	if (cs_date_step("filed_on", s, day(as_of), &d, msg, sizeof(msg)) != 0)
		return msg;
	return date(d);
}

/* "LAST AFTER" of a period from s, counted as the Civil Code counts. */
static const char *
end(const char *s, const char *p)
{
	static char out[32];
	struct cs_period per;
	int last, after;

	if (cs_period_parse(p, &per) != 0)
		return "bad period";
	cs_period_end(day(s), &per, &last, &after);
	memcpy(out, date(last), 10);
	out[10] = ' ';
	memcpy(out + 11, date(after), 11);
	return out;
}

int
main(void)
{
	struct cs_rules *ru;
	struct cs_error err;
	int v;

	CHECK(cs_date_parse("2025-02-28", 10, &v) == 0, "2025-02-28 parses");
	CHECK(cs_date_parse("2025-02-30", 10, &v) == -1, "2025-02-30 rejected");
	CHECK(cs_date_parse("2024-02-29", 10, &v) == 0, "leap day 2024");
	CHECK(cs_date_parse("2100-02-29", 10, &v) == -1, "no leap day 2100");
	CHECK(cs_date_parse("2000-02-29", 10, &v) == 0, "leap day 2000");
	CHECK(cs_date_parse("2025/03/01", 10, &v) == 0 &&
	    strcmp(date(v), "2025-03-01") == 0, "YYYY/MM/DD");
	CHECK(cs_date_parse("20250301", 8, &v) == 0 &&
	    strcmp(date(v), "2025-03-01") == 0, "YYYYMMDD");
	CHECK(cs_date_parse("2025-03/01", 10, &v) == -1, "mixed separators");
	CHECK(cs_date_parse("2025-3-1", 8, &v) == -1, "unpadded rejected");
	CHECK(cs_date_parse("25-03-01", 8, &v) == -1, "two-digit year");
	CHECK(cs_date_parse("2025-13-01", 10, &v) == -1, "month 13");
	CHECK(cs_date_parse("2025-00-10", 10, &v) == -1, "month 0");
	CHECK(day("1970-01-01") == 0, "epoch is day 0");
	CHECK_STR(step(NULL, "2026-03-10"), "2026-03-10",
	    "a step without a day is taken on --as-of");
	CHECK_STR(step("20260309", "2026-03-10"), "2026-03-09",
	    "a step's own day, in any date form");
	CHECK_STR(step("2026-03-10", "2026-03-10"), "2026-03-10",
	    "a step on --as-of itself");
	CHECK_STR(step("2026/03/11", "2026-03-10"), "filed_on '2026-03-11' is "
	    "after the --as-of date 2026-03-10",
	    "a step after --as-of is refused, its day written YYYY-MM-DD");
	CHECK_STR(step("2026-02-30", "2026-03-10"), "filed_on '2026-02-30' is "
	    "not a valid date (YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)",
	    "a step on no date is refused as given");
	CHECK(cs_weekday(day("2026-11-26")) == 3, "2026-11-26 is a Thursday");
	CHECK_STR(plus("2025-01-31", "P1M"), "2025-02-28", "end of month clamp");
	CHECK_STR(plus("2024-01-31", "P1M"), "2024-02-29", "clamp in leap year");
	{
		struct cs_period back = { 0, -1, 0 }, year = { -1, 0, 0 },
		    many = { 0, -14, 0 };

		CHECK_STR(date(cs_period_add(day("2026-01-15"), &back)),
		    "2025-12-15", "one month back crosses the year");
		CHECK_STR(date(cs_period_add(day("2026-03-31"), &back)),
		    "2026-02-28", "one month back clamps");
		CHECK_STR(date(cs_period_add(day("2024-02-29"), &year)),
		    "2023-02-28", "a year back from a leap day");
		CHECK_STR(date(cs_period_add(day("2026-02-10"), &many)),
		    "2024-12-10", "fourteen months back");
	}
	CHECK_STR(plus("2024-02-29", "P1Y"), "2025-02-28", "P1Y from leap day");
	CHECK_STR(plus("2025-11-30", "P3M"), "2026-02-28", "P3M across years");
	CHECK_STR(plus("2025-05-31", "P3Y"), "2028-05-31", "P3Y");
	CHECK_STR(plus("2025-12-31", "P1Y6M"), "2027-06-30", "P1Y6M");
	CHECK_STR(plus("2025-12-25", "P10D"), "2026-01-04", "P10D");
	CHECK_STR(plus("2025-12-25", "P2W"), "2026-01-08", "P2W");
	/* Civil Code arts. 201-202: the start day is not counted. */
	CHECK_STR(end("2025-01-10", "P3M"), "2025-04-10 2025-04-11",
	    "decided 2025-01-10, P3M: repair from 2025-04-11");
	CHECK_STR(end("2025-10-13", "P3Y"), "2028-10-13 2028-10-14",
	    "listed 2025-10-13, P3Y: through 2028-10-13, off 2028-10-14");
	CHECK_STR(end("2023-11-30", "P3M"), "2024-02-29 2024-03-01",
	    "2023-11-30 + P3M ends on Feb 29");
	CHECK_STR(end("2024-11-30", "P3M"), "2025-02-28 2025-03-01",
	    "2024-11-30 + P3M ends on Feb 28");
	CHECK_STR(end("2024-02-29", "P1Y"), "2025-02-28 2025-03-01",
	    "a year from Feb 29 ends on Feb 28");
	CHECK_STR(end("2024-02-29", "P4Y"), "2028-02-29 2028-03-01",
	    "four years from Feb 29 end on Feb 29");
	CHECK_STR(end("2024-02-28", "P1Y"), "2025-02-28 2025-03-01",
	    "a year from Feb 28");
	CHECK_STR(end("2025-01-31", "P1M"), "2025-02-28 2025-03-01",
	    "a month from Jan 31 ends with February");
	CHECK_STR(end("2025-08-31", "P1M"), "2025-09-30 2025-10-01",
	    "a month from Aug 31 ends with September");
	CHECK_STR(end("2025-03-31", "P6M"), "2025-09-30 2025-10-01",
	    "P6M from a month end");
	CHECK_STR(end("2025-12-31", "P1Y"), "2026-12-31 2027-01-01",
	    "a year from Dec 31 ends on Dec 31");
	CHECK_STR(end("2025-12-31", "P1D"), "2026-01-01 2026-01-02",
	    "one day: the next day is the last");
	CHECK_STR(end("2025-02-27", "P2D"), "2025-03-01 2025-03-02",
	    "days run across the month end");
	CHECK_STR(plus("2025-01-01", "P"), "bad period", "empty period");
	CHECK_STR(plus("2025-01-01", "P1M1Y"), "bad period", "order enforced");
	CHECK_STR(plus("2025-01-01", "3M"), "bad period", "P required");
	if (cs_rules_load(&ru, CS_SRC_RULES, &err) != 0)
		unit_bail("load rules", err.msg);
	CHECK_STR(plus_wd(&ru->cal, "2025-09-26", 7), "2025-10-13",
	    "2025-09-26 + 7 working days");
	CHECK_STR(plus_wd(&ru->cal, "2025-12-31", 7), "2026-01-12",
	    "2025-12-31 + 7 working days");
	CHECK_STR(plus_wd(&ru->cal, "2026-02-12", 7), "2026-02-28",
	    "2026-02-12 + 7 working days");
	CHECK_STR(plus_wd(&ru->cal, "2026-04-30", 20), "2026-06-01",
	    "2026-04-30 + 20 working days");
	CHECK_STR(plus_wd(&ru->cal, "2026-09-30", 5), "2026-10-13",
	    "2026-09-30 + 5 working days");
	CHECK_STR(plus_wd(&ru->cal, "2026-12-28", 7), "no calendar for 2027: "
	    "add the official days off and adjusted working days of 2027 to '"
	    CS_SRC_RULES "/calendar/cn.csv' as date,kind,note rows (kind "
	    "'off' or 'work'; see cs(7))",
	    "a count into 2027 names the missing year and the file to extend");
	CHECK_STR(plus_wd(&ru->cal, "2024-12-30", 1), "no calendar for 2024: "
	    "add the official days off and adjusted working days of 2024 to '"
	    CS_SRC_RULES "/calendar/cn.csv' as date,kind,note rows (kind "
	    "'off' or 'work'; see cs(7))", "a start in 2024 names 2024");
	{
		/* A calendar that was not read from a file names none. */
		struct cs_calendar bare;

		cs_calendar_init(&bare);
		cs_calendar_set(&bare, day("2025-01-01"), 0);
		CHECK_STR(plus_wd(&bare, "2025-12-30", 1), "2025-12-31",
		    "a bare calendar counts its year");
		CHECK_STR(plus_wd(&bare, "2025-12-31", 1),
		    "no calendar for 2026", "a bare calendar names no file");
		cs_calendar_release(&bare);
	}
	CHECK(cs_calendar_working_in_year(&ru->cal, 2025) == 248,
	    "248 working days in 2025");
	CHECK(cs_calendar_working_in_year(&ru->cal, 2026) == 248,
	    "248 working days in 2026");
	CHECK(cs_calendar_is_working(&ru->cal, day("2026-10-10")) == 1,
	    "adjusted working Saturday 2026-10-10");
	CHECK(cs_calendar_is_working(&ru->cal, day("2026-10-05")) == 0,
	    "holiday Monday 2026-10-05");
	CHECK(cs_calendar_is_working(&ru->cal, day("2027-01-04")) == -1,
	    "2027 not covered");
	cs_rules_free(ru);
	return UNIT_DONE();
}
