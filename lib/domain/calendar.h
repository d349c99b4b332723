/*
 * Civil dates as day numbers, ISO 8601 periods counted as the Civil Code
 * counts them (start day not counted, end-of-month clamping), and working
 * days from an official calendar of days off and adjusted working days.
 * Pure: the calendar is filled by the rules loader.
 */
#ifndef CS_DOMAIN_CALENDAR_H
#define CS_DOMAIN_CALENDAR_H

#include <stddef.h>

#include "core/util.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (no range check). */
int cs_days_from_civil(int y, int m, int d);
void cs_civil_from_days(int days, int *y, int *m, int *d);
/* 0 = Monday ... 6 = Sunday. */
int cs_weekday(int days);

/*
 * Parse YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD (years 1000-9999) into days;
 * returns 0, or -1 when the text is not one of the forms or the date does
 * not exist (2025-02-30).
 */
int cs_date_parse(const char *s, size_t n, int *days);
/* Write YYYY-MM-DD and a NUL into out[11]. */
void cs_date_format(int days, char out[11]);
/*
 * The day of a step taken on column col: s, or as_of when s is NULL, and
 * never after as_of.  Returns 0 with *day, or -1 with *day unspecified
 * and msg saying what is wrong ("filed_on '2025-13-01' is not a valid
 * date ...", "... is after the --as-of date ..."), for the caller to
 * refuse the row with.
 */
int cs_date_step(const char *col, const char *s, int as_of, int *day,
    char *msg, size_t msgsz);

/* A calendar period: PnYnMnWnD (weeks are stored as 7 days). */
struct cs_period {
	int years;
	int months;
	int days;
};

/* Parse "P3M", "P1Y", "P1Y6M", "P30D", "P2W"; returns 0 or -1. */
int cs_period_parse(const char *s, struct cs_period *p);
/*
 * date + period: years and months first, the day clamped to the end of
 * the month (2025-01-31 + P1M = 2025-02-28), then days.  This is the
 * calendar shift, not the end of a period: a period's days are counted
 * with cs_period_end.
 */
int cs_period_add(int days, const struct cs_period *p);
/*
 * The end of a period that starts on start, counted as the Civil Code
 * counts it (arts. 201-202): the start day itself is not counted; a
 * period of years or months ends on the day of the end month that
 * corresponds to the start day, or on that month's last day when it has
 * no such day; a period of days ends that many days after the start.
 * *last is the period's last day and *after the day after it, the first
 * day on which the period has run out (either pointer may be NULL).
 * 2025-01-10 + P3M: last 2025-04-10, after 2025-04-11;
 * 2023-11-30 + P3M: last 2024-02-29, after 2024-03-01.
 * Every caller that asks "until when" or "from when" uses this.
 */
void cs_period_end(int start, const struct cs_period *p, int *last,
    int *after);

/*
 * Official working-day calendar.  Covered years are those that have at
 * least one entry; dates in other years have no answer.
 */
struct cs_calendar {
	int first_year;			/* covered range, inclusive */
	int last_year;
	unsigned char *covered;		/* per year in range: 1 if covered */
	unsigned char *kind;		/* per day in range: 0 normal, 1 off, 2 work */
	int first_day;			/* day number of first_year-01-01 */
	int ndays;
	char *file;			/* where the entries come from, named
					   in "no calendar" (owned; or NULL) */
};

void cs_calendar_init(struct cs_calendar *cal);
void cs_calendar_release(struct cs_calendar *cal);
/*
 * Declare a day an official day off (work = 0) or an adjusted working day
 * (work = 1); the day's year becomes covered.  Returns 0, or -1 when the
 * year is outside 1900-2199.
 */
int cs_calendar_set(struct cs_calendar *cal, int day, int work);
/* 1 when the year has calendar data. */
int cs_calendar_covers(const struct cs_calendar *cal, int year);
/* 1 working day, 0 not, -1 when the day's year is not covered. */
int cs_calendar_is_working(const struct cs_calendar *cal, int day);
/*
 * The n-th working day after start (start not counted; Civil Code art.
 * 201).  Returns 0 with *out set, or -1 with "no calendar for YEAR" in err
 * (code 65) when the count runs through a year the calendar lacks; with
 * cal->file set, the message goes on to say that the year's days go into
 * that file, and in what form.
 */
int cs_calendar_add_working(const struct cs_calendar *cal, int start, int n,
    int *out, struct cs_error *err);
/* Working days in a covered year, or -1. */
int cs_calendar_working_in_year(const struct cs_calendar *cal, int year);

#endif
