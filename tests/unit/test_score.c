/*
 * Unit tests of lib/model, lib/score and lib/classify: points in tenths,
 * rounding of a decayed value, windows, caps, reasons and their order,
 * signals, the determination, the industry model chosen by prefix, the
 * class thresholds and the class of an entity with a ceiling.
 */
#include <string.h>

#include "cs.h"
#include "unit.h"

/* A record of type with severity (or NULL) decided on date. */
static struct cs_srec
rec(const char *id, const char *type, const char *sev, const char *date)
{
	struct cs_srec r;

	memset(&r, 0, sizeof(r));
	r.id = id;
	r.type = type;
	r.severity = sev;
	r.decided = day(date);
	r.valid_until = -1;
	r.due = -1;
	return r;
}

static const char *
reasons(const struct cs_score *s, const struct cs_model *m)
{
	static struct cs_buf b;

	cs_score_reasons(s, m, unit_buf(&b));
	return b.s;
}

int
main(void)
{
	struct cs_models *ms;
	const struct cs_model *m;
	struct cs_error err;
	struct cs_score s;
	struct cs_srec r[16];
	struct cs_buf b;
	char out[24];
	long t;
	size_t k;
	int i;

	CHECK(cs_points_parse("-30", &t) == 0 && t == -300, "points -30");
	CHECK(cs_points_parse("+2.5", &t) == 0 && t == 25, "points +2.5");
	CHECK(cs_points_parse("0.1", &t) == 0 && t == 1, "points 0.1");
	CHECK(cs_points_parse("2.55", &t) != 0, "two decimals refused");
	CHECK(cs_points_parse("", &t) != 0 && cs_points_parse("-", &t) != 0 &&
	    cs_points_parse("1.", &t) != 0 && cs_points_parse(".5", &t) != 0,
	    "malformed points refused");
	cs_points_format(-75, 1, out);
	CHECK_STR(out, "-7.5", "format -7.5");
	cs_points_format(10, 1, out);
	CHECK_STR(out, "+1.0", "format +1.0 with plus");
	cs_points_format(0, 1, out);
	CHECK_STR(out, "0.0", "format 0.0 has no sign");
	cs_points_format(1000, 0, out);
	CHECK_STR(out, "100.0", "format 100.0");

	if (cs_models_load(&ms, CS_SRC_RULES, NULL, &err) != 0)
		unit_bail("load models", err.msg);
	CHECK_STR(cs_models_pick(ms, "C1431")->id, "food", "C14 is food");
	CHECK_STR(cs_models_pick(ms, "C3435")->id, "special-equipment",
	    "the longest prefix wins");
	CHECK_STR(cs_models_pick(ms, "E4710")->id, "construction",
	    "a section letter matches");
	CHECK_STR(cs_models_pick(ms, "I6513")->id, "public-credit",
	    "other industries get the base model");
	CHECK_STR(cs_models_pick(ms, NULL)->id, "public-credit",
	    "no industry gets the base model");
	m = cs_models_find(ms, "food");
	CHECK(m != NULL && strcmp(m->rules[0].code, "FOOD_SERIOUS") == 0,
	    "industry rules come first");
	for (k = 0; m != NULL && k < m->nrules; k++)
		if (strcmp(m->rules[k].code, "COMPLAINT") == 0)
			break;
	CHECK(m != NULL && k < m->nrules && m->rules[k].points == -20,
	    "an industry rule replaces the base rule of its code");

	m = ms->base;
	cs_score_init(&s);
	/* The decay: 100% in year 1, 50% in 2, 25% in 3; window P3Y. */
	r[0] = rec("a", "penalty", "serious", "2023-11-28");
	/* Civil Code: the decision day is not counted, a year ends 11-28. */
	cs_score_run(&s, m, r, 1, day("2024-11-28"), day("2024-11-28"), -1);
	CHECK(s.score == 700 && s.c[0].percent == 100 && s.c[0].step == 0,
	    "first year counts whole through its last day");
	cs_score_run(&s, m, r, 1, day("2024-11-29"), day("2024-11-29"), -1);
	CHECK(s.score == 850 && s.c[0].step == 1, "second year from the day "
	    "after");
	cs_score_run(&s, m, r, 1, day("2026-11-28"), day("2026-11-28"), -1);
	CHECK(s.score == 925 && s.c[0].until == day("2026-11-29"),
	    "last day of the window counts a quarter");
	cs_score_run(&s, m, r, 1, day("2026-11-29"), day("2026-11-29"), -1);
	CHECK(s.score == 1000 && s.nc == 0, "the day after the window does "
	    "not count");
	/* Rounding half away from zero, to a tenth. */
	{
		struct cs_models *rm;

		if (cs_models_load(&rm, NULL, CS_SRC_RULES
		    "/../../tests/fixtures/score/rounding.json", &err) != 0)
			unit_bail("load rounding.json", err.msg);
		r[0] = rec("m", "complaint", NULL, "2026-01-01");
		r[1] = rec("p", "honor", NULL, "2026-01-01");
		cs_score_run(&s, rm->base, r, 2, day("2026-06-01"),
		    day("2026-06-01"), -1);
		CHECK(s.c[0].points == -3 && s.c[1].points == 1 &&
		    s.score == 498, "-2.5 tenths is -3, +0.5 tenths is +1");
		cs_models_free(rm);
	}
	/* Caps: 12 complaints are -10, the cap. */
	for (i = 0; i < 12; i++)
		r[i] = rec("c", "complaint", NULL, "2026-11-01");
	cs_score_run(&s, m, r, 12, day("2026-11-27"), day("2026-11-27"), -1);
	CHECK(s.score == 900 && s.rules[6].cap_hit && s.rules[6].n == 12 &&
	    strcmp(m->rules[6].code, "COMPLAINT") == 0,
	    "complaints stop at their cap");
	/* Reasons: most negative first, ties by code, at most 4. */
	r[0] = rec("p", "penalty", "general", "2026-06-01");
	r[1] = rec("i1", "interview", NULL, "2026-03-01");
	r[2] = rec("i2", "interview", NULL, "2026-04-01");
	r[3] = rec("c", "complaint", NULL, "2026-07-01");
	r[4] = rec("k", "commitment_kept", NULL, "2026-06-01");
	r[5] = rec("v", "voluntary", NULL, "2026-02-01");
	r[5].certified = 1;
	r[6] = rec("h", "honor", NULL, "2026-05-01");
	cs_score_run(&s, m, r, 7, day("2026-11-27"), day("2026-11-27"), -1);
	CHECK(s.score == 840, "100-10-10-1+1+1+3 = 84.0");
	CHECK_STR(reasons(&s, m),
	    "INTERVIEW:-10.0;PEN_GENERAL:-10.0;COMPLAINT:-1.0;COMMIT_KEPT:+1.0",
	    "reasons are ordered and cut at 4");
	r[0].disputed = 1;
	cs_score_run(&s, m, r, 7, day("2026-11-27"), day("2026-11-27"), -1);
	CHECK_STR(reasons(&s, m), "INTERVIEW:-10.0;PEN_GENERAL(disputed):"
	    "-10.0;COMPLAINT:-1.0;COMMIT_KEPT:+1.0", "a disputed reason");
	/* exclude and known. */
	cs_score_run(&s, m, r, 7, day("2026-11-27"), day("2026-11-27"), 0);
	CHECK(s.score == 940, "an excluded record does not count");
	cs_score_run(&s, m, r, 7, day("2026-11-27"), day("2026-04-15"), -1);
	CHECK(s.score == 910, "records after known do not count");
	/* The floor. */
	for (i = 0; i < 5; i++)
		r[i] = rec("s", "penalty", "serious", "2026-11-01");
	cs_score_run(&s, m, r, 5, day("2026-11-27"), day("2026-11-27"), -1);
	CHECK(s.score == 0, "the score stops at the floor");
	/* Determination: a debtor in force up to valid_until. */
	r[0] = rec("j", "judgment", NULL, "2026-06-01");
	r[0].debtor = 1;
	r[0].valid_until = day("2026-12-31");
	CHECK(cs_score_determine(m, r, 1, day("2026-12-31"), &k) == 1 && k == 0,
	    "a debtor in force fixes the class");
	CHECK(cs_score_determine(m, r, 1, day("2027-01-01"), &k) < 0,
	    "not the day after valid_until");
	r[0].debtor = 0;
	CHECK(cs_score_determine(m, r, 1, day("2026-12-31"), &k) < 0,
	    "a judgment that is not a debtor's does not");
	/* Signals: overdue until something refers to it. */
	r[0] = rec("cm", "commitment", NULL, "2026-05-01");
	r[0].due = day("2026-10-31");
	cs_score_run_signals(&s, m, r, 1, day("2026-10-31"));
	CHECK(s.signals == 0, "not overdue on the due date");
	cs_score_run_signals(&s, m, r, 1, day("2026-11-01"));
	cs_buf_init(&b);
	cs_score_signals(&s, m, 1, &b);
	CHECK_STR(b.s, "unknown_entity;overdue_commitment",
	    "overdue the day after");
	r[1] = rec("kept", "commitment_kept", NULL, "2026-11-05");
	r[1].ref = "cm";
	cs_score_run_signals(&s, m, r, 2, day("2026-11-04"));
	CHECK(s.signals != 0, "still overdue before it is kept");
	cs_score_run_signals(&s, m, r, 2, day("2026-11-05"));
	CHECK(s.signals == 0, "settled once kept");
	cs_buf_release(&b);
	cs_score_release(&s);

	/*
	 * lib/classify: a determination fixes the class; the key list's
	 * lets the score give C at best (issue 11).
	 */
	{
		struct cs_classes cl;

		if (cs_classes_load(&cl, CS_SRC_RULES, &err) != 0)
			unit_bail("load classes", err.msg);
		cs_buf_init(&b);
		r[0] = rec("list-entry:14", "listed", NULL, "2026-10-14");
		r[0].list = "key";
		r[0].entry = 1;
		r[0].valid_until = day("2027-10-13");
		CHECK(cs_classify_entity(&cl, m, r, 1, day("2026-11-27"), 950,
		    &b) == 'C', "at best C on the key list");
		CHECK_STR(b.s, "KEY_LIST: on the key-attention list: at best C "
		    "(list entry 14); score>=90.0", "the ceiling and the score");
		cs_buf_reset(&b);
		CHECK(cs_classify_entity(&cl, m, r, 1, day("2026-11-27"), 300,
		    &b) == 'D', "a worse score keeps its class");
		CHECK_STR(b.s, "score<40.0", "then only the threshold");
		cs_buf_reset(&b);
		CHECK(cs_classify_entity(&cl, m, r, 1, day("2026-10-13"), 950,
		    &b) == 'A', "not before the listing");
		cs_buf_reset(&b);
		CHECK(cs_classify_entity(&cl, m, r, 1, day("2027-10-14"), 950,
		    &b) == 'A', "not after the last day listed");
		r[1] = rec("j", "judgment", NULL, "2026-06-01");
		r[1].debtor = 1;
		cs_buf_reset(&b);
		CHECK(cs_classify_entity(&cl, m, r, 2, day("2026-11-27"), 950,
		    &b) == 'D', "a fixed class wins over a ceiling");
		CHECK_STR(b.s, "DEBTOR: dishonest judgment debtor in force "
		    "(record j)", "the fixed class's reason");
		CHECK(cs_score_determine(m, r, 1, day("2026-11-27"), &k) < 0,
		    "a ceiling fixes no class");
		cs_buf_release(&b);
		cs_classes_release(&cl);
	}
	cs_models_free(ms);

	/* lib/classify: the thresholds of classes.json, exactly. */
	{
		struct cs_classes cl;
		static const struct {
			long score;
			char cls;
			const char *why;
		} t[] = {
			{ 1000, 'A', "score>=90.0" }, { 900, 'A', "score>=90.0" },
			{ 899, 'B', "70.0<=score<90.0" },
			{ 700, 'B', "70.0<=score<90.0" },
			{ 699, 'C', "40.0<=score<70.0" },
			{ 400, 'C', "40.0<=score<70.0" },
			{ 399, 'D', "score<40.0" }, { 0, 'D', "score<40.0" },
		};
		size_t i, c;

		if (cs_classes_load(&cl, CS_SRC_RULES, &err) != 0)
			unit_bail("load classes", err.msg);
		cs_buf_init(&b);
		for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
			cs_buf_reset(&b);
			c = cs_classify_score(&cl, t[i].score, &b);
			CHECK(cl.c[c].cls[0] == t[i].cls, "class of a score");
			CHECK_STR(b.s, t[i].why, "threshold of a score");
		}
		CHECK_STR(cs_classify_change(&cl, 'C', 'B'), "up",
		    "C to B is up");
		CHECK_STR(cs_classify_change(&cl, 'A', 'D'), "down",
		    "A to D is down");
		CHECK_STR(cs_classify_change(&cl, 'B', 'B'), "same",
		    "B to B is the same");
		CHECK(cs_classify_rank(&cl, 'E') == -1, "no class E");
		cs_buf_release(&b);
		cs_classes_release(&cl);
	}
	return UNIT_DONE();
}
