/*
 * Unit tests of lib/domain/repair: every state x step pair of the state
 * machine, the deadlines in working days (3 to accept, 10 to decide, one
 * extension), revocation after the grant, overdue, and the judgement of
 * eligibility (minimum, bar, never, missing conditions).
 */
#include <string.h>

#include "cs.h"
#include "unit.h"

int
main(void)
{
	static const int next[CS_RS_NSTATES][CS_RSTEP_NSTEPS] = {
		/* apply, accept, return, extend, grant, refuse, revoke,
		 * withdraw */
		[CS_RS_NONE] = { CS_RS_FILED, -1, -1, -1, -1, -1, -1, -1 },
		[CS_RS_FILED] = { -1, CS_RS_ACCEPTED, CS_RS_RETURNED, -1, -1,
		    -1, -1, CS_RS_WITHDRAWN },
		[CS_RS_RETURNED] = { -1, CS_RS_ACCEPTED, -1, -1, -1, -1, -1,
		    CS_RS_WITHDRAWN },
		[CS_RS_ACCEPTED] = { -1, -1, -1, CS_RS_ACCEPTED, CS_RS_GRANTED,
		    CS_RS_REFUSED, -1, CS_RS_WITHDRAWN },
		[CS_RS_GRANTED] = { -1, -1, -1, -1, -1, -1, CS_RS_REVOKED, -1 },
		[CS_RS_REFUSED] = { -1, -1, -1, -1, -1, -1, -1, -1 },
		[CS_RS_REVOKED] = { -1, -1, -1, -1, -1, -1, -1, -1 },
		[CS_RS_WITHDRAWN] = { -1, -1, -1, -1, -1, -1, -1, -1 },
	};
	struct cs_repair_deadlines dl = { 0 };
	struct cs_rfacts f;
	struct cs_religible e;
	struct cs_rrequest rq;
	struct cs_rapp a;
	struct cs_rules *ru;
	struct cs_repair_rules *rr;
	struct cs_error err;
	struct cs_buf b;
	char what[128], msg[256], d[11];
	int s, t;

	for (s = 0; s < CS_RS_NSTATES; s++)
		for (t = 0; t < CS_RSTEP_NSTEPS; t++) {
			snprintf(what, sizeof(what), "%s + %s -> %s",
			    s ? cs_rstate_name(s) : "none", cs_rstep_name(t),
			    next[s][t] < 0 ? "refused" :
			    cs_rstate_name(next[s][t]));
			CHECK(cs_repair_next(s, t) == next[s][t], what);
		}
	CHECK(cs_rstate_parse("granted") == CS_RS_GRANTED, "parse a state");
	CHECK(cs_rstate_parse("") == -1, "none has no name");
	CHECK(cs_rstep_parse("revoke") == CS_RSTEP_REVOKE, "parse a step");
	CHECK(cs_rcond_parse("not_listed") == CS_RC_NOT_LISTED,
	    "parse a condition");
	cs_buf_init(&b);
	cs_rcond_list(CS_RC_OBLIGATIONS | CS_RC_LIST_EARLY, &b);
	CHECK_STR(b.s, "obligations;list_early", "conditions as text");
	cs_buf_release(&b);

	if (cs_rules_load(&ru, CS_SRC_RULES, &err) != 0 ||
	    cs_repair_rules_load(&rr, ru, &err) != 0) {
		printf("# %s\n", err.msg);
		return 1;
	}
	dl = *cs_repair_deadlines_at(rr, day("2026-07-22"));
	CHECK(dl.accept_days == 3 && dl.decide_days == 10, "deadlines");
	CHECK(cs_repair_required(rr, "2026-04", "food") ==
	    (CS_RC_OBLIGATIONS | CS_RC_COMMITMENT | CS_RC_NO_NEW_PENALTY |
	    CS_RC_NOT_LISTED), "SAMR domains add conditions");
	CHECK(cs_repair_required(rr, "2026-04", "construction") ==
	    (CS_RC_OBLIGATIONS | CS_RC_COMMITMENT), "other domains do not");
	CHECK(cs_repair_required(rr, "nope", NULL) == 0, "unknown regime");

	/* Filed Wed 2026-09-30: 3 working days after, over the holiday. */
	memset(&a, 0, sizeof(a));
	a.id = 1;
	rq.step = CS_RSTEP_APPLY;
	rq.on = day("2026-09-30");
	CHECK(cs_repair_step(&dl, &ru->cal, &a, &rq, msg, sizeof(msg)) ==
	    CS_RS_FILED, "apply");
	cs_date_format(a.accept_by, d);
	CHECK_STR(d, "2026-10-10", "accept_by skips the October holiday "
	    "and counts the adjusted working Saturday");
	CHECK(cs_repair_overdue(&a, day("2026-10-11")), "overdue to accept");
	CHECK(!cs_repair_overdue(&a, day("2026-10-10")), "not yet overdue");
	a.state = CS_RS_RETURNED;
	CHECK(!cs_repair_overdue(&a, day("2026-12-31")), "returned: waiting "
	    "for the applicant, never overdue");
	a.state = CS_RS_FILED;
	rq.step = CS_RSTEP_ACCEPT;
	rq.on = day("2026-09-29");
	CHECK(cs_repair_step(&dl, &ru->cal, &a, &rq, msg, sizeof(msg)) < 0,
	    "a step before the last one is refused");
	CHECK_STR(msg, "application 1: 2026-09-29 is before its last step "
	    "(2026-09-30)", "the message");
	rq.on = day("2026-10-09");
	CHECK(cs_repair_step(&dl, &ru->cal, &a, &rq, msg, sizeof(msg)) ==
	    CS_RS_ACCEPTED, "accept");
	cs_date_format(a.decide_by, d);
	CHECK_STR(d, "2026-10-22", "decide_by: 10 working days");
	rq.step = CS_RSTEP_EXTEND;
	CHECK(cs_repair_step(&dl, &ru->cal, &a, &rq, msg, sizeof(msg)) ==
	    CS_RS_ACCEPTED, "extend once");
	cs_date_format(a.decide_by, d);
	CHECK_STR(d, "2026-11-05", "the extension adds 10 working days");
	CHECK(cs_repair_step(&dl, &ru->cal, &a, &rq, msg, sizeof(msg)) < 0,
	    "extend twice");
	CHECK_STR(msg, "application 1: the decision deadline was extended "
	    "once already", "the message");
	rq.step = CS_RSTEP_GRANT;
	CHECK(cs_repair_step(&dl, &ru->cal, &a, &rq, msg, sizeof(msg)) ==
	    CS_RS_GRANTED, "grant");
	rq.step = CS_RSTEP_REVOKE;
	CHECK(cs_repair_step(&dl, &ru->cal, &a, &rq, msg, sizeof(msg)) < 0,
	    "revoke on the grant day");
	CHECK_STR(msg, "application 1 was granted on 2026-10-09: revoke it on "
	    "a later day", "the message");
	rq.step = CS_RSTEP_WITHDRAW;
	CHECK(cs_repair_step(&dl, &ru->cal, &a, &rq, msg, sizeof(msg)) < 0,
	    "withdraw a granted one");
	CHECK_STR(msg, "application 1 is granted: it cannot be withdrawn",
	    "the message");
	rq.step = CS_RSTEP_APPLY;
	rq.on = day("2027-01-04");
	memset(&a, 0, sizeof(a));
	CHECK(cs_repair_step(&dl, &ru->cal, &a, &rq, msg, sizeof(msg)) < 0,
	    "no calendar for 2027");

	memset(&f, 0, sizeof(f));
	f.repair_from = day("2026-07-21");
	f.barred_until = -1;
	f.required = CS_RC_OBLIGATIONS | CS_RC_COMMITMENT;
	f.met = CS_RC_OBLIGATIONS;
	cs_repair_judge(&f, day("2026-07-20"), &e);
	CHECK(!e.eligible && strcmp(e.why, "repair is possible from "
	    "2026-07-21") == 0, "before the minimum");
	cs_repair_judge(&f, day("2026-07-21"), &e);
	CHECK(!e.eligible && e.missing == CS_RC_COMMITMENT &&
	    strcmp(e.why, "missing commitment") == 0, "a condition missing");
	f.met |= CS_RC_COMMITMENT;
	cs_repair_judge(&f, day("2026-07-21"), &e);
	CHECK(e.eligible && e.why[0] == '\0', "eligible");
	f.barred_until = day("2026-12-31");
	cs_repair_judge(&f, day("2026-08-01"), &e);
	cs_date_format(e.from, d);
	CHECK(!e.eligible && strcmp(d, "2027-01-01") == 0, "barred");
	f.never_why = "licence revoked";
	cs_repair_judge(&f, day("2026-08-01"), &e);
	CHECK(!e.eligible && e.from == -1 && strcmp(e.why, "never "
	    "repairable: licence revoked") == 0, "never");
	cs_repair_rules_free(rr);
	cs_rules_free(ru);
	return UNIT_DONE();
}
