/*
 * Identifiers, dates and periods (lib/domain): USCC (GB 32100 with the
 * GB 11714 gate), resident ID numbers (GB 11643), dates, ISO 8601
 * periods and working days on the official calendar of share/cs.  What
 * is accepted comes out normalised and is accepted again as it is; the
 * fast USCC test agrees with the full one; messages about UTF-8 text are
 * UTF-8, and a masked message never shows the birth date it hides.
 */
#include "fuzz.h"

static struct cs_rules *rules;

static void
load_rules(void)
{
	struct cs_error err;

	if (rules == NULL)
		FUZZ_CHECK(cs_rules_load(&rules, CS_SRC_RULES, &err) == 0,
		    "%s", err.msg);
}

static int
is_utf8(const char *s, size_t n)
{
	size_t bad;

	return memchr(s, '\0', n) == NULL && cs_utf8_valid(s, n, &bad);
}

static void
uscc(const struct cs_uscc_rules *ur, const char *in, size_t n, int utf8)
{
	char out[19], again[19], msg[256], msg2[256];
	int r, r2;

	msg[0] = '\0';
	r = cs_uscc_check(ur, "uscc", in, n, out, msg, sizeof(msg));
	FUZZ_CHECK(r >= CS_USCC_BAD && r <= CS_USCC_PILOT, "result %d", r);
	FUZZ_CHECK(r == CS_USCC_OK || msg[0] != '\0', "no message for %d", r);
	if (utf8)
		FUZZ_CHECK(is_utf8(msg, strlen(msg)), "message '%s' is not "
		    "UTF-8", msg);
	if (n == 18)
		FUZZ_CHECK(cs_uscc_valid18(in) == ((r == CS_USCC_OK ||
		    r == CS_USCC_WARN) && memcmp(out, in, 18) == 0),
		    "cs_uscc_valid18 says %d, cs_uscc_check %d (%s)",
		    cs_uscc_valid18(in), r, msg);
	if (r == CS_USCC_BAD)
		return;
	FUZZ_CHECK(strlen(out) == 18 && strspn(out, cs_uscc_alphabet) == 18,
	    "'%s' accepted", out);
	r2 = cs_uscc_check(ur, "uscc", out, 18, again, msg2, sizeof(msg2));
	FUZZ_CHECK(r2 == r && memcmp(again, out, 19) == 0, "'%s' gave %d, "
	    "then %d", out, r, r2);
	FUZZ_CHECK(cs_uscc_valid18(out) == (r != CS_USCC_PILOT), "'%s'",
	    out);
}

/* The shipped pattern of masking.json: first 6 and last 4 kept. */
static const struct cs_mask shipped = { 6, 4, '*', NULL, 0 };

static void
resident_id(const char *in, size_t n, int utf8)
{
	char out[19], out2[19], msg[256], mmsg[256];
	int r, rm;

	msg[0] = mmsg[0] = '\0';
	r = cs_resident_id_check("person_id", in, n, out, msg, sizeof(msg));
	rm = cs_resident_id_check_masked(&shipped, "person_id", in, n, out2,
	    mmsg, sizeof(mmsg));
	FUZZ_CHECK(r == rm, "%d, masked %d", r, rm);
	if (r != 0) {
		FUZZ_CHECK(msg[0] != '\0' && mmsg[0] != '\0', "no message");
		if (utf8)
			FUZZ_CHECK(is_utf8(mmsg, strlen(mmsg)) &&
			    is_utf8(msg, strlen(msg)), "message '%s' is "
			    "not UTF-8", mmsg);
		/* A number as written: its birth date never shows masked. */
		if (n == 18 && strspn(in, "0123456789X") >= 18)
			FUZZ_CHECK(memmem(mmsg, strlen(mmsg), in + 6, 8) ==
			    NULL, "'%s' shows '%.8s'", mmsg, in + 6);
		return;
	}
	FUZZ_CHECK(memcmp(out, out2, 19) == 0, "'%s', masked '%s'", out,
	    out2);
	FUZZ_CHECK(strlen(out) == 18 && strspn(out, "0123456789") >= 17 &&
	    cs_resident_id_check_char(out) == out[17], "'%s' accepted", out);
	FUZZ_CHECK(cs_resident_id_check("person_id", out, 18, out2, msg,
	    sizeof(msg)) == 0 && memcmp(out, out2, 19) == 0, "'%s' then %s",
	    out, msg);
}

static void
date(const char *in, size_t n)
{
	char s[11];
	int days, again, y, m, d, r;
	struct cs_error err;

	if (cs_date_parse(in, n, &days) != 0)
		return;
	cs_date_format(days, s);
	FUZZ_CHECK(strlen(s) == 10 && cs_date_parse(s, 10, &again) == 0 &&
	    again == days, "'%.*s' is %d, written '%s'", (int)n, in, days, s);
	cs_civil_from_days(days, &y, &m, &d);
	FUZZ_CHECK(y >= 1000 && y <= 9999 && cs_days_from_civil(y, m, d) ==
	    days, "%d: %d-%d-%d", days, y, m, d);
	FUZZ_CHECK(cs_weekday(days) >= 0 && cs_weekday(days) <= 6, "%d",
	    days);
	/* Working days on the official calendar, for short counts. */
	r = cs_calendar_add_working(&rules->cal, days, (int)(n % 40), &again,
	    &err);
	if (r == 0 && n % 40 > 0)
		FUZZ_CHECK(again > days &&
		    cs_calendar_is_working(&rules->cal, again) == 1,
		    "%s + %zu working days = %d", s, n % 40, again);
	else if (r != 0)
		FUZZ_CHECK(err.code == CS_EX_DATAERR &&
		    strncmp(err.msg, "no calendar for ", 16) == 0, "%s",
		    err.msg);
}

static void
period(const char *in, size_t n)
{
	int from[4];
	struct cs_period p;
	size_t i;
	int to;

	/* The first and last days of dates, and two ends of months. */
	from[0] = cs_days_from_civil(1000, 1, 1);
	from[1] = cs_days_from_civil(2024, 2, 29);
	from[2] = cs_days_from_civil(2025, 1, 31);
	from[3] = cs_days_from_civil(9999, 12, 31);
	if (memchr(in, '\0', n) == NULL && cs_period_parse(in, &p) == 0) {
		FUZZ_CHECK(p.years >= 0 && p.months >= 0 && p.days >= 0,
		    "'%s': %d %d %d", in, p.years, p.months, p.days);
		for (i = 0; i < sizeof(from) / sizeof(from[0]); i++) {
			to = cs_period_add(from[i], &p);
			FUZZ_CHECK(to >= from[i], "'%s' from %d goes back to "
			    "%d", in, from[i], to);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The functions take n bytes; the checks here want a string. */
	char *in = cs_xmalloc(size + 1);
	int utf8;

	memcpy(in, data, size);
	in[size] = '\0';
	utf8 = is_utf8(in, size);
	load_rules();
	uscc(NULL, in, size, utf8);
	uscc(&rules->uscc, in, size, utf8);
	resident_id(in, size, utf8);
	date(in, size);
	period(in, size);
	free(in);
	return 0;
}
