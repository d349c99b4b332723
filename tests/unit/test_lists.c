/*
 * Unit tests of lib/lists: every transition of the entry lifecycle (legal
 * and illegal), deadlines across holidays and adjusted working days,
 * decisions refused early, the term and its last day, early removal and
 * its conditions, criteria and their windows, the rights text and name
 * normalisation.
 */
#include <string.h>

#include "cs.h"
#include "unit.h"

static char msg[1024];

/* Step rq on a copy of e: the new state's name, or the refusal. */
static const char *
try(const struct cs_ltype *lt, struct cs_lentry *e, int step, const char *on,
    int end)
{
	struct cs_lrequest rq = { 0 };

	rq.step = step;
	rq.on = day(on);
	rq.end = end;
	if (cs_list_step(lt, e, &rq, msg, sizeof(msg)) < 0)
		return msg;
	return cs_lstate_name(e->state);
}

/* An early removal of a copy of e on day on, judged with facts rf. */
static const char *
try_early(const struct cs_ltype *lt, struct cs_lentry *e, const char *on,
    const struct cs_lremoval *rf)
{
	struct cs_lrequest rq = { 0 };

	rq.step = CS_LSTEP_REMOVE;
	rq.on = day(on);
	rq.end = CS_LEND_EARLY;
	rq.early = rf;
	if (cs_list_step(lt, e, &rq, msg, sizeof(msg)) < 0)
		return msg;
	return cs_lstate_name(e->state);
}

/* The conditions alone: "" when they hold, else the refusal. */
static const char *
conditions(const struct cs_ltype *lt, const struct cs_lentry *e,
    const char *on, const struct cs_lremoval *rf)
{
	if (cs_list_early_conditions(lt, e, rf, day(on), msg, sizeof(msg)) < 0)
		return msg;
	return "";
}

static const char *
norm(const char *s)
{
	static struct cs_buf b;

	cs_name_normalise(s, strlen(s), unit_buf(&b));
	return b.s;
}

static const char *
deadline(const struct cs_rules *ru, const struct cs_ltype *lt,
    const char *noticed)
{
	static struct cs_error err;
	int out;

	if (cs_list_deadline(&ru->cal, lt, day(noticed), &out, &err) != 0)
		return err.msg;
	return date(out);
}

int
main(void)
{
	/* The whole table: expected next state of (state, step), -1 none. */
	static const int next[CS_LS_NSTATES][CS_LSTEP_NSTEPS] = {
		/* notice, object, uphold, dismiss, decide, remove, withdraw,
		 * reinstate */
		[CS_LS_PROPOSED] = { CS_LS_NOTICED, -1, -1, -1, -1, -1, -1,
		    -1 },
		[CS_LS_NOTICED] = { -1, CS_LS_OBJECTED, -1, -1, CS_LS_LISTED,
		    -1, CS_LS_WITHDRAWN, -1 },
		[CS_LS_OBJECTED] = { -1, -1, CS_LS_WITHDRAWN, CS_LS_DISMISSED,
		    -1, -1, CS_LS_WITHDRAWN, -1 },
		[CS_LS_DISMISSED] = { -1, -1, -1, -1, CS_LS_LISTED, -1,
		    CS_LS_WITHDRAWN, -1 },
		[CS_LS_LISTED] = { -1, -1, -1, -1, -1, CS_LS_REMOVED, -1, -1 },
		[CS_LS_REMOVED] = { -1, -1, -1, -1, -1, -1, -1, CS_LS_LISTED },
		[CS_LS_WITHDRAWN] = { -1, -1, -1, -1, -1, -1, -1, -1 },
	};
	struct cs_rules *ru;
	struct cs_lists *ls;
	struct cs_error err;
	const struct cs_ltype *serious, *key, *ban;
	struct cs_lentry e, base;
	struct cs_lrequest rq;
	struct cs_fields f;
	struct cs_buf b;
	char what[128];
	int s, t;

	for (s = 0; s < CS_LS_NSTATES; s++)
		for (t = 0; t < CS_LSTEP_NSTEPS; t++) {
			snprintf(what, sizeof(what), "%s + %s -> %s",
			    cs_lstate_name(s), cs_lstep_name(t),
			    next[s][t] < 0 ? "refused" :
			    cs_lstate_name(next[s][t]));
			CHECK(cs_list_next(s, t) == next[s][t], what);
		}
	CHECK(cs_lstate_parse("listed") == CS_LS_LISTED, "parse a state");
	CHECK(cs_lstate_parse("gone") == -1, "unknown state");
	CHECK(cs_lend_parse("basis_revoked") == CS_LEND_BASIS_REVOKED,
	    "parse an end");
	CHECK(cs_lend_parse("") == -1, "empty end is no end");

	if (cs_rules_load(&ru, CS_SRC_RULES, &err) != 0 ||
	    cs_lists_load(&ls, ru, &err) != 0)
		unit_bail("load rules", err.msg);
	serious = cs_lists_type(ls, "serious");
	key = cs_lists_type(ls, "key");
	ban = cs_lists_type(ls, "ban");
	CHECK(serious && key && ban, "three list types");
	CHECK(serious->objection_days == 5, "serious: 5 working days");
	CHECK(cs_lists_type(ls, "grey") == NULL, "unknown list");
	CHECK(cs_lists_has_dept(ls, "procurement") &&
	    !cs_lists_has_dept(ls, "zoo"), "departments of measures");

	/* Deadlines: the notice day is not counted; holidays are skipped. */
	CHECK_STR(deadline(ru, serious, "2026-09-30"), "2026-10-13",
	    "noticed 2026-09-30: objections until 2026-10-13 (National Day, "
	    "Saturday 10-10 worked)");
	CHECK_STR(deadline(ru, serious, "2026-02-09"), "2026-02-14",
	    "noticed 2026-02-09: adjusted working Saturday 02-14 counts");
	CHECK_STR(deadline(ru, serious, "2026-02-13"), "2026-02-27",
	    "noticed 2026-02-13: Spring Festival skipped");
	CHECK_STR(deadline(ru, serious, "2025-12-31"), "2026-01-08",
	    "across the new year (Jan 1-3 off, Sunday Jan 4 worked)");
	CHECK_STR(deadline(ru, serious, "2026-12-28"), "no calendar for 2027: "
	    "add the official days off and adjusted working days of 2027 to '"
	    CS_SRC_RULES "/calendar/cn.csv' as date,kind,note rows (kind "
	    "'off' or 'work'; see cs(7))", "a deadline in 2027 is an error");

	/* The procedure on the serious list. */
	memset(&base, 0, sizeof(base));
	base.id = 12;
	base.state = CS_LS_PROPOSED;
	e = base;
	CHECK_STR(try(serious, &e, CS_LSTEP_NOTICE, "2026-09-30", 0),
	    "noticed", "notice");
	e.deadline = day("2026-10-13");
	base = e;
	CHECK_STR(try(serious, &e, CS_LSTEP_DECIDE, "2026-10-13", 0),
	    "entry 12: objections are accepted until 2026-10-13; decide on "
	    "2026-10-14 or later", "a decision on the deadline is refused");
	CHECK_STR(try(serious, &e, CS_LSTEP_OBJECT, "2026-10-14", 0),
	    "entry 12: the objection period ended on 2026-10-13; an objection "
	    "filed on 2026-10-14 is too late", "a late objection is refused");
	CHECK_STR(try(serious, &e, CS_LSTEP_OBJECT, "2026-10-13", 0),
	    "objected", "an objection on the last day");
	CHECK_STR(try(serious, &e, CS_LSTEP_DECIDE, "2026-10-20", 0),
	    "entry 12 has an open objection (filed on 2026-10-13): review it "
	    "before deciding", "no decision while an objection is open");
	CHECK_STR(try(serious, &e, CS_LSTEP_DISMISS, "2026-10-12", 0),
	    "entry 12: review on 2026-10-12 is before its last step "
	    "(2026-10-13)", "a step before the last one is refused");
	CHECK_STR(try(serious, &e, CS_LSTEP_DISMISS, "2026-10-15", 0),
	    "dismissed", "objection dismissed");
	CHECK_STR(try(serious, &e, CS_LSTEP_OBJECT, "2026-10-15", 0),
	    "entry 12 is dismissed: an objection needs a noticed entry",
	    "one objection only");
	CHECK_STR(try(serious, &e, CS_LSTEP_DECIDE, "2026-10-20", 0),
	    "listed", "decided after the review");
	CHECK_STR(date(e.listed_on), "2026-10-20", "listed_on");
	CHECK_STR(date(e.until), "2029-10-20", "P3Y: the last day is "
	    "2029-10-20 (the listing day is not counted)");
	CHECK_STR(try(serious, &e, CS_LSTEP_DECIDE, "2026-10-21", 0),
	    "entry 12 is listed: a decision needs a noticed entry or one whose "
	    "objection was dismissed", "illegal step names the state");
	base = e;
	CHECK_STR(try(serious, &e, CS_LSTEP_REMOVE, "2027-10-20",
	    CS_LEND_EARLY), "entry 12: early removal is possible from "
	    "2027-10-21 (listed on 2026-10-20); not on 2027-10-20",
	    "early removal refused on the last day of P1Y");
	CHECK_STR(try(serious, &e, CS_LSTEP_REMOVE, "2027-10-21",
	    CS_LEND_EARLY), "entry 12: the conditions of early removal were "
	    "not looked up", "the serious list's conditions need their facts");
	/* The conditions of early removal (issue 11). */
	{
		static const char *const sevs[] = { "minor", "general",
		    "serious" };
		struct cs_lfact basis[2] = {
			{ "PB1", "serious", 0, 1 }, { "JB1", NULL, 0, 0 },
		};
		struct cs_lfact pen[3] = {
			{ "PB0", "serious", 0, 0 }, { "PG1", "general", 0, 0 },
			{ "PS2", "serious", 0, 0 },
		};
		struct cs_lremoval rf = { 0 };

		rf.basis = basis;
		rf.nbasis = 1;
		rf.penalties = pen;
		rf.npenalties = 2;
		rf.severities = sevs;
		rf.nseverities = 3;
		basis[0].decided = day("2026-04-10");
		basis[1].decided = day("2026-05-20");
		pen[0].decided = day("2026-10-19");
		pen[1].decided = day("2027-02-01");
		pen[2].decided = day("2027-10-21");
		CHECK_STR(try_early(serious, &e, "2027-10-21", &rf), "removed",
		    "a lighter penalty and one before the listing do not count");
		e = base;
		rf.npenalties = 3;
		CHECK_STR(try_early(serious, &e, "2027-10-21", &rf),
		    "entry 12: early removal needs no new penalty of the "
		    "basis's severity (serious) or heavier since the listing on "
		    "2026-10-20: record 'PS2' (serious) was decided on "
		    "2027-10-21", "a serious penalty up to the day counts");
		CHECK_STR(conditions(serious, &e, "2027-10-20", &rf), "",
		    "not one decided after the day");
		/* Without a basis severity, the list's: serious. */
		basis[0].severity = NULL;
		pen[2].severity = "general";
		CHECK_STR(conditions(serious, &e, "2027-10-21", &rf), "",
		    "the list's severity when the basis has none");
		/* The key list's criteria name general: it counts then. */
		CHECK_STR(conditions(key, &e, "2027-10-21", &rf), "",
		    "the key list requires nothing");
		{
			struct cs_ltype k2 = *key;

			k2.early_requires = CS_LREQ_NO_NEW_PENALTY;
			CHECK_STR(conditions(&k2, &e, "2027-10-21", &rf),
			    "entry 12: early removal needs no new penalty of "
			    "the basis's severity (general) or heavier since "
			    "the listing on 2026-10-20: record 'PG1' (general) "
			    "was decided on 2027-02-01", "the key list's "
			    "severity is general");
			rf.nseverities = 0;
			CHECK_STR(conditions(&k2, &e, "2027-10-21", &rf),
			    "entry 12: early removal needs no new penalty since "
			    "the listing on 2026-10-20: record 'PG1' was "
			    "decided on 2027-02-01", "without an order every "
			    "penalty counts");
			rf.nseverities = 3;
		}
		/* Obligations: each basis, or evidence for all. */
		rf.npenalties = 0;
		rf.nbasis = 2;
		CHECK_STR(conditions(serious, &e, "2027-10-21", &rf),
		    "entry 12: early removal needs the obligations of the basis "
		    "performed: no obligation_performed record refers to basis "
		    "record 'JB1' (record one, or name the evidence in column "
		    "'evidence')", "an obligation not performed");
		rf.evidence = "court certificate";
		CHECK_STR(conditions(serious, &e, "2027-10-21", &rf), "",
		    "evidence stands for the obligations");
		rf.evidence = NULL;
		basis[1].performed = 1;
		CHECK_STR(try_early(serious, &e, "2027-10-21", &rf), "removed",
		    "every obligation performed");
	}
	e = base;
	CHECK_STR(try(serious, &e, CS_LSTEP_REMOVE, "2029-10-20",
	    CS_LEND_EXPIRED), "entry 12: its term ends the day before",
	    "expiry on the last day is refused");
	CHECK_STR(try(serious, &e, CS_LSTEP_REMOVE, "2029-10-21",
	    CS_LEND_EXPIRED), "removed", "expiry the day after the term");
	CHECK_STR(date(cs_list_early_from(serious, day("2026-10-20"))),
	    "2027-10-21", "serious: early removal from P1Y after listing");
	CHECK(cs_list_early_from(key, day("2026-10-20")) == -1,
	    "key: no early removal");
	CHECK(strstr(serious->remedies, "reconsideration within 60 days") &&
	    strstr(key->remedies, "lawsuit within 6 months"),
	    "remedies from lists.json");
	/* After until the listing is over: only expiry is left (issue 5). */
	e = base;
	CHECK(!cs_list_term_over(&e, day("2029-10-20")) &&
	    cs_list_term_over(&e, day("2029-10-21")), "the term is over after "
	    "until");
	CHECK_STR(try(serious, &e, CS_LSTEP_REMOVE, "2029-10-20",
	    CS_LEND_ERROR), "removed", "removal as an error on the last day");
	e = base;
	CHECK_STR(try(serious, &e, CS_LSTEP_REMOVE, "2029-11-02",
	    CS_LEND_EARLY), "entry 12 expired on 2029-10-21 (its term ended "
	    "on 2029-10-20): no early removal on 2029-11-02; run "
	    "'cs-blacklist expire'", "no early removal after the term");
	CHECK_STR(try(serious, &e, CS_LSTEP_REMOVE, "2029-10-21",
	    CS_LEND_ERROR), "entry 12 expired on 2029-10-21 (its term ended "
	    "on 2029-10-20): no error removal on 2029-10-21; run "
	    "'cs-blacklist expire'", "no error removal after the term");
	CHECK_STR(try(serious, &e, CS_LSTEP_REMOVE, "2029-10-25",
	    CS_LEND_BASIS_REVOKED), "entry 12 expired on 2029-10-21 (its term "
	    "ended on 2029-10-20): no basis_revoked removal on 2029-10-25; run "
	    "'cs-blacklist expire'", "no basis_revoked removal after the term");
	e = base;
	CHECK_STR(try(serious, &e, CS_LSTEP_REMOVE, "2026-10-21",
	    CS_LEND_ERROR), "removed", "removal as an error at any time");
	CHECK_STR(try(serious, &e, CS_LSTEP_REMOVE, "2026-10-22",
	    CS_LEND_ERROR), "entry 12 is removed: a removal needs a listed "
	    "entry", "nothing after removal");

	/* Withdrawal and upheld objections. */
	memset(&e, 0, sizeof(e));
	e.id = 7;
	e.state = CS_LS_NOTICED;
	e.noticed_on = e.last_on = day("2026-09-30");
	e.deadline = day("2026-10-13");
	base = e;
	CHECK_STR(try(key, &e, CS_LSTEP_WITHDRAW, "2026-10-01", CS_LEND_ERROR),
	    "withdrawn", "noticed -> withdrawn");
	e = base;
	CHECK_STR(try(key, &e, CS_LSTEP_OBJECT, "2026-10-09", 0), "objected",
	    "key: objection");
	CHECK_STR(try(key, &e, CS_LSTEP_UPHOLD, "2026-10-12", CS_LEND_UPHELD),
	    "withdrawn", "upheld -> withdrawn");
	e = base;
	CHECK_STR(try(key, &e, CS_LSTEP_DECIDE, "2026-10-14", 0), "listed",
	    "key: decided");
	CHECK_STR(date(e.until), "2027-10-14", "key: P1Y");
	CHECK_STR(try(key, &e, CS_LSTEP_REMOVE, "2027-01-04", CS_LEND_EARLY),
	    "entry 7: the key list allows no early removal",
	    "key: no early removal");

	/* The ban list takes its term from the decision. */
	e = base;
	memset(&rq, 0, sizeof(rq));
	rq.step = CS_LSTEP_DECIDE;
	rq.on = day("2026-10-14");
	CHECK(cs_list_step(ban, &e, &rq, msg, sizeof(msg)) < 0 &&
	    strcmp(msg, "entry 7: the ban list takes its term from the "
	    "decision: give term (a period such as P5Y, or permanent)") == 0,
	    "ban: a decision needs a term");
	rq.term_kind = CS_LTERM_DECISION;
	cs_period_parse("P5Y", &rq.term);
	CHECK(cs_list_step(ban, &e, &rq, msg, sizeof(msg)) == CS_LS_LISTED &&
	    strcmp(date(e.until), "2031-10-14") == 0, "ban: P5Y");
	e = base;
	rq.term_kind = 0;
	rq.permanent = 1;
	CHECK(cs_list_step(ban, &e, &rq, msg, sizeof(msg)) == CS_LS_LISTED &&
	    e.until == -1, "ban: permanent");
	CHECK_STR(try(ban, &e, CS_LSTEP_REMOVE, "2040-01-01",
	    CS_LEND_EXPIRED), "entry 7: a permanent listing does not expire",
	    "a permanent listing never expires");
	e = base;
	CHECK(cs_list_step(serious, &e, &rq, msg, sizeof(msg)) < 0 &&
	    strcmp(msg, "entry 7: the serious list has a fixed term; leave "
	    "term empty") == 0, "serious: no term from the decision");

	/* Criteria. */
	cs_fields_init(&f, &cs_record_schema);
	cs_fields_put(&f, R_TYPE, "penalty", 7);
	cs_fields_put(&f, R_SEVERITY, "serious", 7);
	CHECK_STR(cs_list_match(serious, &f)->reason,
	    "serious administrative penalty", "a serious penalty");
	CHECK(cs_list_match(key, &f) == NULL, "not for the key list");
	cs_fields_put(&f, R_SEVERITY, "general", 7);
	CHECK(cs_list_match(serious, &f) == NULL, "a general penalty is not");
	CHECK_STR(cs_list_match(key, &f)->reason,
	    "general administrative penalty", "key: a general penalty");
	cs_fields_clear(&f);
	cs_fields_put(&f, R_TYPE, "judgment", 8);
	CHECK(cs_list_match(serious, &f) == NULL, "a judgment alone is not");
	cs_fields_put(&f, R_DISHONEST_DEBTOR, "true", 4);
	CHECK_STR(cs_list_match(serious, &f)->reason,
	    "dishonest judgment debtor", "a dishonest judgment debtor");

	/* Windows: in force, within a period (issue 11). */
	{
		const struct cs_lcrit *c;

		cs_fields_put(&f, R_DECIDED_ON, "2024-01-10", 10);
		CHECK(cs_list_qualify(serious, &f, day("2026-10-01"), &c, msg,
		    sizeof(msg)) == 1, "a judgment without valid_until");
		CHECK_STR(msg, "in force (no end date)", "why: no end date");
		cs_fields_put(&f, R_VALID_UNTIL, "2026-09-30", 10);
		CHECK(cs_list_qualify(serious, &f, day("2026-09-30"), &c, msg,
		    sizeof(msg)) == 1, "in force on valid_until");
		CHECK_STR(msg, "in force (valid until 2026-09-30)",
		    "why: valid until");
		CHECK(cs_list_qualify(serious, &f, day("2026-10-01"), &c, msg,
		    sizeof(msg)) == 0 && c == &serious->crit[1],
		    "not the day after");
		CHECK_STR(msg, "is no longer in force (valid until 2026-09-30): "
		    "the serious list takes a dishonest judgment debtor only "
		    "while in force, not on 2026-10-01", "why not: the rule");
		cs_fields_clear(&f);
		cs_fields_put(&f, R_TYPE, "penalty", 7);
		cs_fields_put(&f, R_SEVERITY, "serious", 7);
		cs_fields_put(&f, R_DECIDED_ON, "2019-05-10", 10);
		CHECK(cs_list_qualify(serious, &f, day("2019-06-01"), &c, msg,
		    sizeof(msg)) == 1, "a penalty within P1Y");
		CHECK_STR(msg, "decided on 2019-05-10, within P1Y (through "
		    "2020-05-10)", "why: within the window");
		CHECK(cs_list_qualify(serious, &f, day("2026-09-30"), &c, msg,
		    sizeof(msg)) == 0, "a 2019 penalty in 2026");
		CHECK_STR(msg, "was decided on 2019-05-10: the serious list takes "
		    "a serious administrative penalty within P1Y of its decision "
		    "(through 2020-05-10), not on 2026-09-30", "why not: the "
		    "window");
		CHECK(cs_list_qualify(key, &f, day("2019-06-01"), &c, msg,
		    sizeof(msg)) == -1 && c == NULL, "no criterion of key");
	}
	cs_fields_release(&f);

	/* Rights. */
	cs_buf_init(&b);
	cs_list_rights(key, "2026-10-13", &b);
	CHECK_STR(b.s, "you may object in writing within 5 working days of "
	    "this notice, until 2026-10-13; after a decision: administrative "
	    "reconsideration within 60 days, or a lawsuit within 6 months",
	    "rights filled in, with the remedies (issue 5)");
	cs_buf_release(&b);

	/* Names. */
	CHECK_STR(norm("北京某某（集团）有限公司"), "北京某某(集团)有限公司",
	    "full-width brackets");
	CHECK_STR(norm(" 北京 某某\xe3\x80\x80(集团)有限公司 "),
	    "北京某某(集团)有限公司", "spaces and U+3000 dropped");
	CHECK_STR(norm("ＡＢＣ　Trading Co.,Ltd"), "abctradingco.,ltd",
	    "full-width letters folded, case");
	CHECK_STR(norm("A\xc2\xa0" "B"), "ab", "no-break space dropped");
	CHECK_STR(norm("\xff" "x"), "\xff" "x", "invalid bytes kept");
	CHECK_STR(norm(""), "", "empty");

	cs_lists_free(ls);
	cs_rules_free(ru);
	return UNIT_DONE();
}
