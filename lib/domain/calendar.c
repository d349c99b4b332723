/*
 * Civil dates (Howard Hinnant's days_from_civil), periods, working days.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/calendar.h"

int
cs_days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
cs_civil_from_days(int z, int *yp, int *mp, int *dp)
{
	int era, doe, yoe, y, doy, mp5, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp5 = (5 * doy + 2) / 153;
	d = doy - (153 * mp5 + 2) / 5 + 1;
	m = mp5 < 10 ? mp5 + 3 : mp5 - 9;
	*yp = y + (m <= 2);
	*mp = m;
	*dp = d;
}

int
cs_weekday(int days)
{
	/* 1970-01-01 was a Thursday (3). */
	int w = (days + 3) % 7;

	return w < 0 ? w + 7 : w;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int md[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	return m == 2 && leap(y) ? 29 : md[m - 1];
}

static int
digits(const char *s, size_t n, int *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

int
cs_date_parse(const char *s, size_t n, int *days)
{
	int y, m, d;

	if (n == 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4]) {
		if (digits(s, 4, &y) || digits(s + 5, 2, &m) ||
		    digits(s + 8, 2, &d))
			return -1;
	} else if (n == 8) {
		if (digits(s, 4, &y) || digits(s + 4, 2, &m) ||
		    digits(s + 6, 2, &d))
			return -1;
	} else {
		return -1;
	}
	if (y < 1000 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return -1;
	*days = cs_days_from_civil(y, m, d);
	return 0;
}

void
cs_date_format(int days, char out[11])
{
	int y, m, d;

	cs_civil_from_days(days, &y, &m, &d);
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

int
cs_date_step(const char *col, const char *s, int as_of, int *day,
    char *msg, size_t msgsz)
{
	char a[11], d[11];

	*day = as_of;
	if (s == NULL)
		return 0;
	if (cs_date_parse(s, strlen(s), day) != 0) {
		snprintf(msg, msgsz, "%s '%s' is not a valid date (YYYY-MM-DD, "
		    "YYYY/MM/DD or YYYYMMDD)", col, s);
		return -1;
	}
	if (*day > as_of) {
		cs_date_format(*day, d);
		cs_date_format(as_of, a);
		snprintf(msg, msgsz, "%s '%s' is after the --as-of date %s",
		    col, d, a);
		return -1;
	}
	return 0;
}

int
cs_period_parse(const char *s, struct cs_period *p)
{
	const char *q = s;
	int any = 0, last = 0;

	memset(p, 0, sizeof(*p));
	if (*q++ != 'P')
		return -1;
	while (*q != '\0') {
		long v = 0;
		int rank, ndig = 0;

		while (*q >= '0' && *q <= '9') {
			v = v * 10 + (*q++ - '0');
			if (v > 10000)
				return -1;
			ndig++;
		}
		if (ndig == 0)
			return -1;
		switch (*q++) {
		case 'Y': rank = 1; p->years = (int)v; break;
		case 'M': rank = 2; p->months = (int)v; break;
		case 'W': rank = 3; p->days += (int)v * 7; break;
		case 'D': rank = 4; p->days += (int)v; break;
		default: return -1;
		}
		/* Designators in order, each at most once. */
		if (rank <= last)
			return -1;
		last = rank;
		any = 1;
	}
	return any ? 0 : -1;
}

int
cs_period_add(int days, const struct cs_period *p)
{
	int y, m, d, md;

	cs_civil_from_days(days, &y, &m, &d);
	/* Months from 0, floored: a negative period goes back correctly. */
	m = m - 1 + p->months;
	y += p->years + (m >= 0 ? m / 12 : -((11 - m) / 12));
	m = (m % 12 + 12) % 12 + 1;
	md = month_days(y, m);
	if (d > md)
		d = md;
	return cs_days_from_civil(y, m, d) + p->days;
}

void
cs_period_end(int start, const struct cs_period *p, int *last, int *after)
{
	/*
	 * The corresponding day of the end month is the last day of the
	 * period (art. 202); the start day is not counted (art. 201), so
	 * nothing is taken off it.
	 */
	int end = cs_period_add(start, p);

	if (last != NULL)
		*last = end;
	if (after != NULL)
		*after = end + 1;
}

enum { CAL_MIN_YEAR = 1900, CAL_MAX_YEAR = 2199 };

void
cs_calendar_init(struct cs_calendar *cal)
{
	memset(cal, 0, sizeof(*cal));
	cal->first_year = CAL_MIN_YEAR;
	cal->last_year = CAL_MAX_YEAR;
	cal->first_day = cs_days_from_civil(CAL_MIN_YEAR, 1, 1);
	cal->ndays = cs_days_from_civil(CAL_MAX_YEAR + 1, 1, 1) -
	    cal->first_day;
	cal->covered = cs_xcalloc(CAL_MAX_YEAR - CAL_MIN_YEAR + 1, 1);
	cal->kind = cs_xcalloc((size_t)cal->ndays, 1);
}

void
cs_calendar_release(struct cs_calendar *cal)
{
	if (cal == NULL)
		return;
	free(cal->covered);
	free(cal->kind);
	free(cal->file);
	memset(cal, 0, sizeof(*cal));
}

int
cs_calendar_set(struct cs_calendar *cal, int day, int work)
{
	int y, m, d;

	cs_civil_from_days(day, &y, &m, &d);
	if (y < cal->first_year || y > cal->last_year)
		return -1;
	cal->covered[y - cal->first_year] = 1;
	cal->kind[day - cal->first_day] = work ? 2 : 1;
	return 0;
}

int
cs_calendar_covers(const struct cs_calendar *cal, int year)
{
	if (cal->covered == NULL || year < cal->first_year ||
	    year > cal->last_year)
		return 0;
	return cal->covered[year - cal->first_year];
}

static int
year_of(int day)
{
	int y, m, d;

	cs_civil_from_days(day, &y, &m, &d);
	return y;
}

int
cs_calendar_is_working(const struct cs_calendar *cal, int day)
{
	int k;

	if (!cs_calendar_covers(cal, year_of(day)))
		return -1;
	k = cal->kind[day - cal->first_day];
	if (k == 1)
		return 0;
	if (k == 2)
		return 1;
	return cs_weekday(day) < 5;
}

int
cs_calendar_add_working(const struct cs_calendar *cal, int start, int n,
    int *out, struct cs_error *err)
{
	int day = start, w, y;

	while (n > 0) {
		day++;
		w = cs_calendar_is_working(cal, day);
		if (w < 0 && cal->file == NULL)
			return cs_error_set(err, CS_EX_DATAERR, NULL, 0,
			    "no calendar for %d", year_of(day));
		if (w < 0) {
			/*
			 * The year's official schedule is published late in
			 * the year before: say where it goes (cs(7)).
			 */
			y = year_of(day);
			return cs_error_set(err, CS_EX_DATAERR, NULL, 0,
			    "no calendar for %d: add the official days off "
			    "and adjusted working days of %d to '%s' as "
			    "date,kind,note rows (kind 'off' or 'work'; see "
			    "cs(7))", y, y, cal->file);
		}
		n -= w;
	}
	*out = day;
	return 0;
}

int
cs_calendar_working_in_year(const struct cs_calendar *cal, int year)
{
	int day, end, n = 0;

	if (!cs_calendar_covers(cal, year))
		return -1;
	end = cs_days_from_civil(year + 1, 1, 1);
	for (day = cs_days_from_civil(year, 1, 1); day < end; day++)
		n += cs_calendar_is_working(cal, day);
	return n;
}
