/*
 * Unit tests of lib/domain/severity with share/cs/severity.json and with
 * rules of their own: each default rule, fine thresholds on both sides
 * and exactly at them, thresholds by province, domains, authority
 * regions, effective dates, what is missing when a rule cannot be
 * decided, and the loader's messages.
 */
#include <string.h>

#include "cs.h"
#include "unit.h"

static char why[512];

/* "SEVERITY RULE", or "- WHY" when none is derived. */
static const char *
derive(const struct cs_severity *sv, const char *cat, const char *fine,
    const char *party, const char *domain, const char *auth,
    const char *decided)
{
	static char out[640];
	const struct cs_sevrule *rule;
	struct cs_sevrec r = { 0 };

	r.type = "penalty";
	r.penalty_category = cat;
	r.fine_10k_yuan = fine;
	r.party_category = party;
	r.domain = domain;
	r.authority_uscc = auth;
	r.decided = day(decided);
	if (cs_severity_derive(sv, &r, &rule, why, sizeof(why)))
		snprintf(out, sizeof(out), "%s %s", rule->severity, rule->id);
	else
		snprintf(out, sizeof(out), "- %s", why);
	return out;
}

#define D(cat, fine, party) derive(sv, cat, fine, party, NULL, \
    "1135020000360001XU", "2026-03-05")

/* Parse text as severity.json against the catalogue of ru. */
static int
parse(const struct cs_rules *ru, const char *text, struct cs_severity *sv,
    struct cs_error *err)
{
	json_error_t je;
	json_t *j = json_loads(text, 0, &je);
	int rc;

	if (j == NULL)
		unit_bail("test JSON", je.text);
	rc = cs_severity_parse(sv, j, "R", &ru->cat, err);
	json_decref(j);
	return rc;
}

static const char own[] =
	"{\"types\": [\"penalty\"], \"fine_categories\": [\"罚款\"],"
	" \"party_categories\": {\"legal_person\": [\"法人及非法人组织\"],"
	"  \"natural_person\": [\"自然人\"]},"
	" \"rules\": ["
	"  {\"id\": \"food\", \"severity\": \"serious\", \"source\": \"s\","
	"   \"domains\": [\"food\"], \"penalty_categories_any\": [\"没收违法所得\"]},"
	"  {\"id\": \"shanghai\", \"severity\": \"serious\", \"source\": \"s\","
	"   \"authority_regions\": [\"31\"], \"penalty_categories_any\": [\"责令改正\"]},"
	"  {\"id\": \"fine-old\", \"severity\": \"serious\", \"source\": \"s\","
	"   \"until\": \"2026-03-31\","
	"   \"fine_at_least\": {\"legal_person\": 100000, \"natural_person\": \"10000\"},"
	"   \"fine_at_least_by_province\": {\"44\": {\"legal_person\": 200000}}},"
	"  {\"id\": \"fine-new\", \"severity\": \"general\", \"source\": \"s\","
	"   \"from\": \"2026-04-01\","
	"   \"fine_at_least\": {\"legal_person\": \"50000.5\"}},"
	"  {\"id\": \"rest\", \"severity\": \"minor\", \"source\": \"s\","
	"   \"from\": \"2020-01-01\"}]}";

int
main(void)
{
	struct cs_severity mine, bad;
	const struct cs_severity *sv;
	struct cs_rules *ru;
	struct cs_error err;
	long long fen;

	if (cs_rules_load(&ru, CS_SRC_RULES, &err) != 0)
		unit_bail("load rules", err.msg);
	sv = &ru->sev;

	CHECK(cs_severity_applies(sv, "penalty", 7), "penalties are derived");
	CHECK(!cs_severity_applies(sv, "license", 7), "licences are not");

	/* Each default rule. */
	CHECK_STR(D("吊销许可证件", NULL, NULL), "serious revocation-or-closure",
	    "licence revocation is serious");
	CHECK_STR(D("罚款、责令停产停业", "1", "自然人"),
	    "serious revocation-or-closure", "suspension among others");
	CHECK_STR(D("警告", NULL, NULL), "minor warning-only",
	    "a warning only is minor");
	CHECK_STR(D("警告；通报批评", NULL, NULL), "minor warning-only",
	    "a warning and public criticism only");
	CHECK_STR(D("警告,罚款", "0.2", "法人及非法人组织"), "general general",
	    "a warning with a small fine is general");
	CHECK_STR(D("没收违法所得", NULL, NULL), "general general",
	    "no fine category: no fine needed");
	CHECK_STR(D("没收违法所得", "20", "法人及非法人组织"), "general general",
	    "an amount without a fine category is no fine");
	CHECK_STR(D("没收违法所得；罚款", "20", "法人及非法人组织"),
	    "serious large-fine", "an amount with a fine category is one");
	CHECK_STR(D("没收违法所得", "20", "其他"), "general general",
	    "no fine: the party category is not needed");

	/* Thresholds on both sides and exactly at them (yuan). */
	CHECK_STR(D("罚款", "10", "法人及非法人组织"), "serious large-fine",
	    "legal person at 100,000 yuan");
	CHECK_STR(D("罚款", "9.9999", "法人及非法人组织"), "general general",
	    "legal person at 99,999 yuan");
	CHECK_STR(D("罚款", "10.0001", "法人"), "serious large-fine",
	    "legal person above, another spelling");
	CHECK_STR(D("罚款", "5", "个体工商户"), "serious large-fine",
	    "individual business at 50,000 yuan");
	CHECK_STR(D("罚款", "4.99999", "个体工商户"), "general general",
	    "individual business below");
	CHECK_STR(D("罚款", "1", "自然人"), "serious large-fine",
	    "natural person at 10,000 yuan");
	CHECK_STR(D("罚款", "0.999999", "自然人"), "general general",
	    "natural person a fen below");
	CHECK_STR(D("罚款", "0.99999999", "自然人"), "general general",
	    "decimals past the fen are cut");

	/* What is missing is named; nothing is guessed. */
	CHECK_STR(D(NULL, "1", "自然人"), "- rule 'revocation-or-closure' of "
	    "severity.json needs penalty_category", "no categories");
	CHECK_STR(D("罚款", NULL, "自然人"), "- rule 'large-fine' of "
	    "severity.json needs fine_10k_yuan", "a fine without its amount");
	CHECK_STR(D("罚款", "3", NULL), "- rule 'large-fine' of severity.json "
	    "needs party_category", "a fine without the party's category");
	CHECK_STR(D("罚款", "3", "其他"), "- rule 'large-fine' of severity.json "
	    "does not know party_category '其他' (it knows 法人及非法人组织, "
	    "个体工商户, 自然人 and 11 more spellings in party_categories)",
	    "an unknown party category, the spellings named");
	CHECK_STR(D("罚款", "10", "法人及其他组织"), "serious large-fine",
	    "an older spelling of legal persons");
	CHECK_STR(D("罚款", "10", "其他组织"), "serious large-fine",
	    "other organisations are legal persons' category");
	CHECK_STR(D("罚款", "5", "个体户"), "serious large-fine",
	    "individual businesses, short");
	CHECK_STR(D("罚款", "1", "个人"), "serious large-fine",
	    "a natural person, as an individual");
	CHECK_STR(D("罚款", "0.5", "个人"), "general general",
	    "an individual below the threshold");
	CHECK_STR(D("罚款", "3万", "自然人"), "- rule 'large-fine' of "
	    "severity.json cannot read fine_10k_yuan '3万' as a number",
	    "a fine that is no number");

	{
		const struct cs_sevrule *rule;
		struct cs_sevrec r = { 0 };

		r.type = "penalty";
		r.penalty_category = "罚款";
		r.party_category = "法人";
		r.decided = day("2026-03-05");
		r.fine_elsewhere = "罚款金额";
		CHECK(!cs_severity_derive(sv, &r, &rule, why, sizeof(why)),
		    "a fine in an unknown unit is no fine_10k_yuan");
		CHECK_STR(why, "rule 'large-fine' of severity.json needs "
		    "fine_10k_yuan; column '罚款金额' looks like a fine in "
		    "another or an unknown unit: give it as 罚款金额（元） "
		    "(fine_yuan) or 罚款金额（万元） (fine_10k_yuan)",
		    "the column is named");
	}

	/* Yuan into 10,000 yuan: the point moved, exactly. */
	{
		static const char *const v[][2] = { { "150000", "15" },
		    { "12345", "1.2345" }, { "12345.67", "1.234567" },
		    { "0.5", "0.00005" }, { "100", "0.01" }, { "0", "0" },
		    { "00100000.00", "10" }, { "1000000000", "100000" } };
		char out[64];
		size_t i;

		for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
			CHECK(cs_decimal_shift(v[i][0], 4, out,
			    sizeof(out)) == 0, "yuan is a decimal");
			CHECK_STR(out, v[i][1], "yuan in 10,000 yuan");
		}
		CHECK(cs_decimal_shift("015.50", 0, out, sizeof(out)) == 0,
		    "normalised");
		CHECK_STR(out, "15.5", "no needless zeros");
		CHECK(cs_decimal_shift("1,000", 4, out, sizeof(out)) != 0,
		    "no thousands separators");
		CHECK(cs_decimal_shift("5.", 4, out, sizeof(out)) != 0,
		    "no bare point");
		CHECK(cs_decimal_shift(".5", 4, out, sizeof(out)) != 0,
		    "no leading point");
		CHECK(cs_decimal_shift("", 4, out, sizeof(out)) != 0,
		    "not empty");
		CHECK(cs_decimal_shift("123456", 4, out, 3) != 0,
		    "too small a buffer");
	}
	CHECK(cs_severity_implausible(sv, "100000", why, sizeof(why)) == 1,
	    "10亿 yuan is implausible");
	CHECK_STR(why, "fine_10k_yuan '100000' is 100000 or more (in 10,000 "
	    "yuan): it looks like yuan in the 万元 column", "the warning");
	CHECK(cs_severity_implausible(sv, "99999.99", why, sizeof(why)) == 0,
	    "just below is plausible");

	/* Rules of their own: dates, provinces, domains, regions. */
	if (parse(ru, own, &mine, &err) != 0)
		unit_bail("parse own rules", err.msg);
	sv = &mine;
	CHECK_STR(derive(sv, "没收违法所得", NULL, NULL, "food", NULL,
	    "2026-03-05"), "serious food", "a domain rule matches");
	CHECK_STR(derive(sv, "没收违法所得", NULL, NULL, "drug", NULL,
	    "2026-03-05"), "minor rest", "another domain does not");
	CHECK_STR(derive(sv, "没收违法所得", NULL, NULL, NULL, NULL,
	    "2026-03-05"), "- rule 'food' of severity.json needs domain",
	    "a domain rule needs the domain");
	CHECK_STR(derive(sv, "责令改正", NULL, NULL, "drug",
	    "11310000000000000X", "2026-03-05"), "serious shanghai",
	    "an authority region rule matches by prefix");
	CHECK_STR(derive(sv, "责令改正", NULL, NULL, "drug", NULL,
	    "2026-03-05"), "- rule 'shanghai' of severity.json needs "
	    "authority_uscc", "a region rule needs the authority");
	CHECK_STR(derive(sv, "罚款", "15", "法人及非法人组织", "drug",
	    "11440300MB2C12345X", "2026-03-31"), "minor rest",
	    "Guangdong's own threshold: 150,000 is below 200,000");
	CHECK_STR(derive(sv, "罚款", "20", "法人及非法人组织", "drug",
	    "11440300MB2C12345X", "2026-03-31"), "serious fine-old",
	    "Guangdong's own threshold: at 200,000");
	CHECK_STR(derive(sv, "罚款", "15", "法人及非法人组织", "drug",
	    "11350200MB2C12345X", "2026-03-31"), "serious fine-old",
	    "elsewhere 150,000 is above 100,000");
	CHECK_STR(derive(sv, "罚款", "15", "法人及非法人组织", "drug", NULL,
	    "2026-03-31"), "- rule 'fine-old' of severity.json needs "
	    "authority_uscc", "thresholds by province need the authority");
	CHECK_STR(derive(sv, "罚款", "1", "自然人", "drug", NULL, "2026-03-31"),
	    "serious fine-old", "a category the same everywhere does not");
	CHECK_STR(derive(sv, "罚款", "5.00005", "法人及非法人组织", "drug",
	    NULL, "2026-04-01"), "general fine-new",
	    "the rule from 2026-04-01, exactly at 50,000.50 yuan");
	CHECK_STR(derive(sv, "罚款", "5.00004", "法人及非法人组织", "drug",
	    NULL, "2026-04-01"), "minor rest", "a fen below it");
	CHECK_STR(derive(sv, "罚款", "1", "自然人", "drug", NULL,
	    "2026-04-01"), "- rule 'fine-new' of severity.json has no fine "
	    "threshold for party_category '自然人'", "no threshold for the category");
	CHECK_STR(derive(sv, "警告", NULL, NULL, "drug", NULL, "2019-12-31"),
	    "- no rule of severity.json matches", "no rule matches");
	cs_severity_release(&mine);

	/* The loader names the key at fault. */
	CHECK(parse(ru, "{\"types\": [\"penalty\"], \"fine_categories\": "
	    "[\"x\"], \"party_categories\": {\"p\": []}, \"rules\": [{\"id\": "
	    "\"a\", \"severity\": \"grave\", \"source\": \"s\"}]}", &bad,
	    &err) != 0, "an unknown severity is refused");
	CHECK_STR(err.msg, "rules[0].severity: expected a severity of "
	    "catalog.json", "... with its key");
	CHECK(parse(ru, "{\"types\": [\"penalty\"], \"fine_categories\": "
	    "[\"x\"], \"party_categories\": {\"p\": []}, \"rules\": [{\"id\": "
	    "\"a\", \"severity\": \"minor\", \"source\": \"s\", "
	    "\"fine_at_least\": {\"q\": 1}}]}", &bad, &err) != 0,
	    "a threshold of an unknown party category is refused");
	CHECK_STR(err.msg, "rules[0].fine_at_least.q: not a party category "
	    "of party_categories", "... with its key");
	CHECK(parse(ru, "{\"types\": [\"penalty\"], \"fine_categories\": "
	    "[\"x\"], \"party_categories\": {\"p\": []}, \"rules\": [{\"id\": "
	    "\"a\", \"severity\": \"minor\", \"source\": \"s\", "
	    "\"fine_at_least\": {\"p\": \"1.005\"}}]}", &bad, &err) != 0,
	    "an amount below the fen is refused");
	CHECK(parse(ru, "{\"types\": [\"penalty\"], \"fine_categories\": "
	    "[\"x\"], \"party_categories\": {\"p\": []}, \"rules\": [{\"id\": "
	    "\"a\", \"severity\": \"minor\"}]}", &bad, &err) != 0,
	    "a rule without a source is refused");
	CHECK_STR(err.msg, "rules[0].source: expected the standard the rule "
	    "comes from", "... with its key");
	CHECK(parse(ru, "{\"types\": [\"penalty\"], \"fine_categories\": "
	    "[\"x\"], \"party_categories\": {\"p\": []}, \"rules\": [{\"id\": "
	    "\"a\", \"severity\": \"minor\", \"source\": \"s\", \"domain\": "
	    "[\"food\"]}]}", &bad, &err) != 0, "a misspelt key is refused");
	CHECK(strstr(err.msg, "rules[0]: unknown key 'domain'") == err.msg,
	    "... and named");

	CHECK(cs_yuan_fen("100000", &fen) == 0 && fen == 10000000,
	    "100000 yuan in fen");
	CHECK(cs_yuan_fen("2.5", &fen) == 0 && fen == 250, "2.5 yuan in fen");
	CHECK(cs_yuan_fen("-1", &fen) != 0 && cs_yuan_fen("", &fen) != 0 &&
	    cs_yuan_fen(".", &fen) != 0, "no amount");

	cs_rules_free(ru);
	return UNIT_DONE();
}
