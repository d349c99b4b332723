/*
 * Unit tests of lib/rules/plans: the cut of skip_recent (the last day a
 * draw on which is no longer recent) counted as the Civil Code counts a
 * period, at month ends and around Feb 29, and the same answer as a
 * search day by day over seven years.
 */
#include <string.h>

#include "cs.h"
#include "unit.h"

static struct cs_plan plan;

/* The cut of a plan skipping draws within skip, on as_of. */
static const char *
cut(const char *skip, const char *as_of)
{
	memset(&plan, 0, sizeof(plan));
	plan.has_skip = 1;
	if (cs_period_parse(skip, &plan.skip) != 0)
		unit_bail("parse", skip);
	return date(cs_plan_skip_cut(&plan, day(as_of)));
}

/*
 * For every as_of from 2023 to 2029: a draw on the cut has run out (the
 * day after its period's last day has come) and a draw on the day after
 * the cut has not.  Returns the first as_of that fails, or NULL.
 */
static const char *
boundary(const char *skip)
{
	int d, c, after;

	memset(&plan, 0, sizeof(plan));
	cs_period_parse(skip, &plan.skip);
	for (d = day("2023-01-01"); d <= day("2029-12-31"); d++) {
		c = cs_plan_skip_cut(&plan, d);
		cs_period_end(c, &plan.skip, NULL, &after);
		if (after > d)
			return date(d);
		cs_period_end(c + 1, &plan.skip, NULL, &after);
		if (after <= d)
			return date(d);
	}
	return NULL;
}

int
main(void)
{
	struct cs_plan *p;
	struct cs_error err;
	const char *bad;

	/*
	 * P1M on 2026-03-31: a draw on 02-28 was recent through 03-28; one
	 * on 03-01 is recent through 04-01.  A draw on 01-31 ran through
	 * 02-28 (the month's last day).
	 */
	CHECK_STR(cut("P1M", "2026-03-31"), "2026-02-28",
	    "P1M on 2026-03-31: cut 2026-02-28");
	CHECK_STR(cut("P1M", "2026-03-29"), "2026-02-28",
	    "P1M on 2026-03-29: a draw on 02-28 ran out with 03-28");
	CHECK_STR(cut("P1M", "2026-03-28"), "2026-02-27",
	    "P1M on 2026-03-28: a draw on 02-28 is recent its last day");
	CHECK_STR(cut("P1M", "2026-03-01"), "2026-01-31",
	    "P1M on 2026-03-01: a draw on 01-31 ran through 02-28");
	CHECK_STR(cut("P1M", "2026-02-28"), "2026-01-27",
	    "P1M on 2026-02-28: draws on 01-28 to 01-31 all end on 02-28");
	/* The same at the end of February, in a common and a leap year. */
	CHECK_STR(cut("P1M", "2025-02-28"), "2025-01-27",
	    "P1M on 2025-02-28: cut 2025-01-27");
	CHECK_STR(cut("P1M", "2024-02-28"), "2024-01-27",
	    "P1M on 2024-02-28: cut 2024-01-27");
	CHECK_STR(cut("P1M", "2024-02-29"), "2024-01-28",
	    "P1M on 2024-02-29: a draw on 01-29 ends on 02-29");
	CHECK_STR(cut("P1M", "2024-03-01"), "2024-01-31",
	    "P1M on 2024-03-01: a draw on 01-31 ran through 02-29");
	/* Years across Feb 29. */
	CHECK_STR(cut("P1Y", "2025-02-28"), "2024-02-27",
	    "P1Y on 2025-02-28: draws on 2024-02-28 and 02-29 end today");
	CHECK_STR(cut("P1Y", "2025-03-01"), "2024-02-29",
	    "P1Y on 2025-03-01: a draw on 2024-02-29 ran through 2025-02-28");
	CHECK_STR(cut("P1Y", "2028-02-29"), "2027-02-28",
	    "P1Y on 2028-02-29: a draw on 2027-02-28 ran through 2028-02-28");
	CHECK_STR(cut("P3M", "2024-05-31"), "2024-02-29",
	    "P3M on 2024-05-31: a draw on 2024-02-29 ran through 05-29");
	CHECK_STR(cut("P30D", "2026-03-31"), "2026-02-28",
	    "P30D on 2026-03-31: 30 days after 03-01 is 03-31");

	bad = boundary("P1M");
	CHECK_STR(bad ? bad : "none", "none", "P1M: the cut is the boundary "
	    "on every day of 2023-2029");
	bad = boundary("P3M");
	CHECK_STR(bad ? bad : "none", "none", "P3M: the cut is the boundary "
	    "on every day of 2023-2029");
	bad = boundary("P1Y");
	CHECK_STR(bad ? bad : "none", "none", "P1Y: the cut is the boundary "
	    "on every day of 2023-2029");
	bad = boundary("P1Y6M");
	CHECK_STR(bad ? bad : "none", "none", "P1Y6M: the cut is the boundary "
	    "on every day of 2023-2029");

	/* The shipped plan: skip_recent P1Y, from the data. */
	if (cs_plan_load(&p, CS_SRC_RULES, "general", &err) != 0)
		unit_bail("load plan general", err.msg);
	CHECK_STR(date(cs_plan_skip_cut(p, day("2026-03-31"))), "2025-03-30",
	    "general plan on 2026-03-31: a draw on 2025-03-31 is recent");
	cs_plan_free(p);
	return UNIT_DONE();
}
