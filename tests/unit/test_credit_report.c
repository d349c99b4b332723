/*
 * Unit tests of lib/ops/credit_html.c and lib/rules/report_rules.c: a report
 * read back from its page and from its JSON line, files that are no
 * report, the first place two reports differ, the seal, the rules.
 */
#include <string.h>

#include "cs.h"
#include "unit.h"

static json_t *
doc_of(const char *s)
{
	return json_loads(s, 0, NULL);
}

int
main(void)
{
	struct cs_report_rules rr;
	struct cs_error err;
	struct cs_buf b, p;
	json_t *a, *c, *r;
	char why[256], hex[65];
	int html;

	cs_buf_init(&b);
	cs_buf_init(&p);
	CHECK(cs_report_rules_load(&rr, CS_SRC_RULES, &err) == 0,
	    "report.json and report.css load");
	CHECK(rr.n == 9 && strcmp(rr.s[0].key, "register") == 0 &&
	    strcmp(rr.s[8].key, "suggestions") == 0, "nine sections in order");
	CHECK_STR(cs_report_term(&rr, "kept"), "已履约", "a term");
	CHECK_STR(cs_report_term(&rr, "nosuch"), "nosuch",
	    "a code without a term is itself");
	a = doc_of("{\"uscc\":\"913601025489061073\",\"as_of\":\"2026-11-30\","
	    "\"ledger_seq\":3,\"report_no\":\"CSR-1\",\"name\":\"甲<&>'\\\"\","
	    "\"sections\":[{\"no\":1,\"key\":\"lists\",\"title\":\"名单\","
	    "\"en\":\"Lists\",\"items\":[]}]}");
	CHECK(cs_credit_seal(a, hex) == 0, "a report seals");
	json_object_set_new(a, "sha256", json_string(hex));
	cs_credit_html(a, &rr, rr.css, &b);
	CHECK(strstr(b.s, "<p class=\"none\">无</p>") != NULL,
	    "an empty section says none");
	CHECK(strstr(b.s, "<script") == NULL, "no script");
	r = cs_credit_read(b.s, b.len, &html, why, sizeof(why));
	CHECK(r != NULL && html == 1 && json_equal(r, a),
	    "the page gives its report back, escapes undone");
	json_decref(r);
	cs_canon_json(a, &p);
	cs_buf_adds(&p, "\n\n");
	r = cs_credit_read(p.s, p.len, &html, why, sizeof(why));
	CHECK(r != NULL && html == 0 && json_equal(r, a),
	    "a JSON line with trailing blank lines");
	json_decref(r);
	cs_buf_adds(&p, "{}\n");
	CHECK(cs_credit_read(p.s, p.len, &html, why, sizeof(why)) == NULL,
	    "two lines are refused");
	CHECK_STR(why, "holds more than one report: give one line of the "
	    "NDJSON", "... saying why");
	CHECK(cs_credit_read("<pre hidden id=\"cs-report\">&bogus;</pre>", 39,
	    &html, why, sizeof(why)) == NULL, "an unknown reference");
	CHECK(cs_credit_read("{\"uscc\":1}", 10, &html, why, sizeof(why)) ==
	    NULL, "JSON that is no report");
	CHECK_STR(why, "is not a credit report: it lacks uscc, as_of, "
	    "ledger_seq or sha256; give a page or JSON line that 'cs-publish "
	    "report' wrote", "... saying what it lacks");
	c = json_deep_copy(a);
	cs_buf_reset(&p);
	CHECK(cs_json_first_diff(a, c, &p) == 0 && p.len == 0,
	    "a copy does not differ");
	json_object_set_new(json_array_get(json_object_get(c, "sections"), 0),
	    "title", json_string("x"));
	json_object_set_new(c, "zz", json_true());
	CHECK(cs_json_first_diff(a, c, &p) == 1, "an edit differs");
	CHECK_STR(p.s, "sections[0].title", "the first place, in key order");
	json_array_append_new(json_object_get(c, "sections"), json_null());
	json_object_set_new(json_array_get(json_object_get(c, "sections"), 0),
	    "title", json_string("名单"));
	cs_buf_reset(&p);
	CHECK(cs_json_first_diff(a, c, &p) == 1, "an array grown differs");
	CHECK_STR(p.s, "sections[1]", "at its new element");
	json_decref(a);
	json_decref(c);
	cs_report_rules_release(&rr);
	cs_report_rules_release(NULL);
	CHECK(cs_report_rules_load(&rr, "/nonexistent", &err) == -1 &&
	    err.code == CS_EX_UNAVAILABLE, "no rules: 69");
	cs_buf_release(&b);
	cs_buf_release(&p);
	return UNIT_DONE();
}
