/*
 * Unit tests of lib/domain/publicity with share/cs/publicity.json: the
 * regime by decision date, windows and repair days counted as the Civil
 * Code counts (month ends, Feb 29), warning-only and unpublished
 * penalties, specific serious violations never repaired, licences in
 * force, the state on a day and a feed's own end of publicity.
 */
#include <string.h>

#include "cs.h"
#include "unit.h"

static const struct cs_publicity *pb;
static struct cs_pubinfo pi;

/*
 * Judge r on day on into pi, and check that the quiet judgement agrees:
 * every field the same, why the same unless the record has a window
 * (then empty).
 */
static void
judged(const struct cs_pubrec *r, int on)
{
	struct cs_pubinfo q;

	cs_publicity_judge(pb, r, on, &pi);
	cs_publicity_judge_quiet(pb, r, on, &q);
	CHECK_STR(q.why, pi.windowed ? "" : pi.why, "quiet: why");
	CHECK(q.state == pi.state && q.published == pi.published &&
	    q.start == pi.start && q.last == pi.last &&
	    q.windowed == pi.windowed && q.repair_from == pi.repair_from &&
	    q.never_repairable == pi.never_repairable &&
	    q.regime == pi.regime && q.repaired_on == pi.repaired_on,
	    "quiet: the judgement as judged");
	CHECK_STR(q.never_why, pi.never_why, "quiet: never_why");
	CHECK_STR(q.max_text, pi.max_text, "quiet: max_text");
}

/* Judge a penalty of severity decided on d (with a domain, categories
 * and a violation type, each may be NULL) on day on; fills pi. */
static const struct cs_pubinfo *
pen(const char *severity, const char *d, const char *domain,
    const char *cat, const char *violation, const char *on)
{
	struct cs_pubrec r = { 0 };

	r.type = "penalty";
	r.severity = severity;
	r.decided = day(d);
	r.domain = domain;
	r.penalty_category = cat;
	r.violation_type = violation;
	r.valid_until = -1;
	judged(&r, day(on));
	return &pi;
}

/* "REGIME LAST REPAIR STATE" of pi; "-" for none. */
static const char *
sum(const struct cs_pubinfo *p)
{
	static char b[128];

	snprintf(b, sizeof(b), "%s %s %s %s", p->regime ? p->regime : "-",
	    p->windowed && p->last >= 0 ? date(p->last) : "-",
	    p->repair_from >= 0 ? date(p->repair_from) : "-",
	    cs_pubstate_code(p->state));
	return b;
}

int
main(void)
{
	struct cs_rules *ru;
	struct cs_error err;
	struct cs_pubrec r = { 0 };
	char warn[512];

	if (cs_rules_load(&ru, CS_SRC_RULES, &err) != 0)
		unit_bail("load rules", err.msg);
	pb = &ru->pub;

	/* The dates: the decision day is not counted. */
	CHECK_STR(sum(pen("general", "2025-01-10", NULL, NULL, NULL,
	    "2026-06-01")), "2023-05 2028-01-10 2025-04-11 in_window",
	    "2025-01-10 general: repair from 2025-04-11, published through "
	    "2028-01-10");
	CHECK_STR(sum(pen("general", "2023-11-30", NULL, NULL, NULL,
	    "2026-11-30")), "2023-05 2026-11-30 2024-03-01 in_window",
	    "2023-11-30 + P3M ends 2024-02-29: repair from 2024-03-01");
	CHECK_STR(sum(pen("general", "2023-11-30", NULL, NULL, NULL,
	    "2026-12-01")), "2023-05 2026-11-30 2024-03-01 ended",
	    "the day after the window's last day it has ended");
	CHECK_STR(pi.why, "its publicity ended with 2026-11-30 (general "
	    "penalty: maximum P3Y under regime 2023-05)", "ended: why");
	CHECK_STR(sum(pen("serious", "2024-02-29", NULL, NULL, NULL,
	    "2024-02-29")), "2023-05 2027-02-28 2024-05-30 in_window",
	    "from Feb 29: P3Y ends Feb 28, P3M ends May 29");
	CHECK_STR(pi.why, "published from 2024-02-29 through 2027-02-28 "
	    "(serious penalty: maximum P3Y under regime 2023-05)",
	    "in window: why");
	CHECK_STR(sum(pen("serious", "2024-02-29", NULL, NULL, NULL,
	    "2024-02-28")), "2023-05 2027-02-28 2024-05-30 not_yet_decided",
	    "before the decision it is not published yet");
	CHECK_STR(sum(pen("general", "2024-01-31", "work_safety", NULL, NULL,
	    "2026-01-01")), "2023-05 2027-01-31 2025-02-01 in_window",
	    "work safety: a minimum of P1Y from 2024-01-31");

	/* Regimes by decision date. */
	CHECK_STR(sum(pen("general", "2023-04-30", NULL, NULL, NULL,
	    "2023-05-01")), "pre-2023-05 2024-04-30 2023-07-31 in_window",
	    "2023-04-30: the regime before 2023-05-01 (P3M, P1Y)");
	CHECK_STR(sum(pen("general", "2023-05-01", NULL, NULL, NULL,
	    "2023-05-01")), "2023-05 2026-05-01 2023-08-02 in_window",
	    "2023-05-01: Order 58 (P3M, P3Y)");
	CHECK_STR(sum(pen("general", "2026-03-31", NULL, NULL, NULL,
	    "2026-04-01")), "2023-05 2029-03-31 2026-07-01 in_window",
	    "2026-03-31: still Order 58; P3M from March 31 ends June 30");
	CHECK_STR(sum(pen("serious", "2026-04-01", NULL, NULL, NULL,
	    "2026-04-01")), "2026-04 2029-04-01 2027-04-02 in_window",
	    "2026-04-01: Order 36, serious P1Y before repair");
	CHECK_STR(sum(pen("general", "2026-11-30", NULL, NULL, NULL,
	    "2027-11-30")), "2026-04 2027-11-30 2027-03-01 in_window",
	    "2026-11-30 general: P3M ends 2027-02-28, P1Y with 2027-11-30");
	CHECK_STR(sum(pen("general", "2022-11-30", NULL, NULL, NULL,
	    "2023-01-01")), "pre-2023-05 2023-11-30 2023-03-01 in_window",
	    "before 2023-05: general P3M, P1Y");
	CHECK_STR(sum(pen("serious", "2022-08-31", NULL, NULL, NULL,
	    "2023-01-01")), "pre-2023-05 2025-08-31 2023-03-01 in_window",
	    "before 2023-05: serious P6M (Feb 28), P3Y");
	CHECK_STR(sum(pen("serious", "2010-06-01", NULL, NULL, NULL,
	    "2026-01-01")), "pre-2023-05 2013-06-01 2010-12-02 ended",
	    "an old decision still has a regime: no repair null");

	/* Specific serious violations: the full maximum, never repaired. */
	CHECK_STR(sum(pen("serious", "2022-06-01", "food",
	    "罚款；吊销许可证件", NULL, "2024-01-01")),
	    "pre-2023-05 2025-06-01 - in_window", "food, licence revoked: "
	    "never repaired");
	CHECK(pi.never_repairable && strcmp(pi.never_why, "a specific "
	    "serious violation (NDRC office document 527 of 2019): published "
	    "for the full maximum, never repaired (domain 'food', severity "
	    "'serious', penalty category '吊销许可证件')") == 0, "never "
	    "repairable: why names the domain, severity and category");
	CHECK_STR(sum(pen("serious", "2021-03-15", NULL, "罚款", "偷税",
	    "2024-03-15")), "pre-2023-05 2024-03-15 - in_window",
	    "tax evasion, serious: P3Y, never repaired");
	CHECK_STR(pi.why, "published from 2021-03-15 through 2024-03-15 "
	    "(serious penalty, never repaired: maximum P3Y under regime "
	    "pre-2023-05)", "never repaired: why");
	CHECK(pi.never_repairable && strcmp(pi.never_why, "a specific "
	    "serious violation (NDRC office document 527 of 2019): published "
	    "for the full maximum, never repaired (severity 'serious', "
	    "violation type '偷税')") == 0, "never repairable: why names "
	    "the severity and the violation type");
	/* Only serious penalties are specific serious (DESIGN 5.3). */
	CHECK_STR(sum(pen("general", "2021-03-15", NULL, "罚款", "偷税",
	    "2022-03-15")), "pre-2023-05 2022-03-15 2021-06-16 in_window",
	    "tax evasion, general: P1Y, repairable after P3M");
	CHECK(!pi.never_repairable, "tax evasion, general: repairable");
	CHECK_STR(sum(pen("general", "2022-06-01", "food", "吊销许可证件",
	    NULL, "2022-07-01")), "pre-2023-05 2023-06-01 2022-09-02 "
	    "in_window", "food, revoked, general: repairable");
	CHECK_STR(sum(pen("serious", "2022-06-01", "tax", "吊销许可证件",
	    NULL, "2024-01-01")), "pre-2023-05 2025-06-01 2022-12-02 "
	    "in_window", "a revocation outside the listed domains is "
	    "repairable");
	CHECK_STR(sum(pen("serious", "2024-06-01", "food", "吊销许可证件",
	    NULL, "2024-07-01")), "2023-05 2027-06-01 2024-09-02 in_window",
	    "Order 58 has no specific serious violations");

	/* Not published at all. */
	CHECK_STR(sum(pen("general", "2025-03-03", NULL, "警告", NULL,
	    "2025-04-01")), "- - - warning_only", "a warning-only penalty");
	CHECK_STR(pi.why, "a warning-only penalty is never published "
	    "(penalty_category '警告')", "warning-only: why");
	CHECK_STR(sum(pen("general", "2025-03-03", NULL, " 警告 、warning",
	    NULL, "2025-04-01")), "- - - warning_only",
	    "warnings in two spellings, spaces and 、");
	CHECK_STR(sum(pen("general", "2025-03-03", NULL, "警告；罚款", NULL,
	    "2025-04-01")), "2023-05 2028-03-03 2025-06-04 in_window",
	    "a warning and a fine is published");
	CHECK_STR(sum(pen("minor", "2026-05-05", NULL, NULL, NULL,
	    "2026-05-06")), "2026-04 - - severity_not_published",
	    "a minor penalty under Order 36");
	CHECK_STR(pi.why, "a minor penalty is not published under regime "
	    "2026-04", "minor: why");
	CHECK_STR(sum(pen("grave", "2026-05-05", NULL, NULL, NULL,
	    "2026-05-06")), "2026-04 - - no_regime", "an unknown severity");
	r.type = "complaint";
	r.decided = day("2026-01-01");
	r.valid_until = -1;
	judged(&r, day("2026-01-02"));
	CHECK_STR(sum(&pi), "- - - type_not_published", "complaints are not "
	    "published");
	CHECK_STR(pi.why, "records of type 'complaint' are not published",
	    "type: why");

	/* Licences: while in force. */
	r.type = "license";
	r.decided = day("2025-01-10");
	r.valid_until = day("2027-12-31");
	judged(&r, day("2027-12-31"));
	CHECK_STR(sum(&pi), "- 2027-12-31 - in_window", "a licence through "
	    "valid_until");
	judged(&r, day("2028-01-01"));
	CHECK_STR(sum(&pi), "- 2027-12-31 - ended", "and no longer after");
	r.valid_until = -1;
	judged(&r, day("2040-01-01"));
	CHECK(pi.published && pi.windowed && pi.last == -1, "a long-term "
	    "licence has no end");
	r.revoked = 1;
	judged(&r, day("2026-01-01"));
	CHECK_STR(cs_pubstate_code(pi.state), "revoked", "a revoked record "
	    "is withdrawn");

	/* A granted repair ends the window on the grant day. */
	memset(&r, 0, sizeof(r));
	r.type = "penalty";
	r.severity = "general";
	r.decided = day("2025-01-10");
	r.valid_until = -1;
	r.repaired = 1;
	r.repaired_from = day("2025-06-02");
	r.resumed_on = -1;
	judged(&r, day("2025-06-02"));
	CHECK_STR(cs_pubstate_code(pi.state), "repaired", "repaired: state");
	CHECK_STR(pi.why, "repaired on 2025-06-01: not published from "
	    "2025-06-02", "repaired: why");
	judged(&r, day("2025-06-01"));
	CHECK_STR(sum(&pi), "2023-05 2025-06-01 2025-04-11 in_window",
	    "published through the grant day");
	/* Revoked on 2025-09-01: repaired before it, the whole window after. */
	r.resumed_on = day("2025-09-01");
	judged(&r, day("2025-08-31"));
	CHECK_STR(sum(&pi), "2023-05 2025-06-01 2025-04-11 repaired",
	    "repaired until the revocation: the window ends on the grant day");
	judged(&r, day("2025-09-01"));
	CHECK_STR(sum(&pi), "2023-05 2028-01-10 2025-04-11 in_window",
	    "published again from the revocation day, its whole window");

	/* A feed's own end of publicity. */
	memset(&r, 0, sizeof(r));
	r.type = "penalty";
	r.severity = "serious";
	r.decided = day("2026-04-01");
	r.valid_until = -1;
	CHECK(cs_publicity_check_end(pb, &r, day("2029-04-01"), warn,
	    sizeof(warn)) == 0, "the feed agrees with the rules");
	CHECK(cs_publicity_check_end(pb, &r, day("2029-03-31"), warn,
	    sizeof(warn)) == 1 && strcmp(warn, "publicity_end '2029-03-31' "
	    "disagrees with the rules: publicity runs through 2029-04-01 "
	    "(maximum P3Y under regime 2026-04)") == 0, "one day short is "
	    "a warning");
	r.penalty_category = "警告";
	CHECK(cs_publicity_check_end(pb, &r, day("2026-07-01"), warn,
	    sizeof(warn)) == 1 && strcmp(warn, "publicity_end '2026-07-01' "
	    "is given, but by the rules a warning-only penalty is never "
	    "published (penalty_category '警告')") == 0, "an end for what is "
	    "never published");
	cs_rules_free(ru);
	return UNIT_DONE();
}
