/*
 * Unit tests of lib/uscc: GB 32100 check characters, the GB 11714 gate,
 * pilot codes, messages, and GB 11643 resident ID numbers.
 */
#include <string.h>

#include "cs.h"
#include "unit.h"

static int
check(const struct cs_uscc_rules *r, const char *s, char *out, char *msg)
{
	return cs_uscc_check(r, "uscc", s, strlen(s), out, msg, 512);
}

int
main(void)
{
	struct cs_rules *ru;
	struct cs_error err;
	char out[19], msg[512];

	if (cs_rules_load(&ru, CS_SRC_RULES, &err) != 0)
		unit_bail("load rules", err.msg);
	CHECK(cs_uscc_check_char("91350100M000100Y4") == '3',
	    "check character of 91350100M000100Y43");
	CHECK(check(&ru->uscc, "91350100M000100Y43", out, msg) == CS_USCC_OK,
	    "91350100M000100Y43 is valid");
	CHECK(check(&ru->uscc, "91110000600037341N", out, msg) == CS_USCC_BAD,
	    "91110000600037341N is rejected");
	CHECK_STR(msg, "uscc '91110000600037341N' has a wrong check character "
	    "(expected 'L')", "wrong check character names the expected one");
	CHECK(check(&ru->uscc, "91110000600037341L", out, msg) == CS_USCC_OK,
	    "91110000600037341L is valid");
	CHECK(check(&ru->uscc, " 9111-0000-6000 37341l ", out, msg) ==
	    CS_USCC_OK, "spaces, hyphens and lower case are normalised");
	CHECK_STR(out, "91110000600037341L", "normalised form");
	CHECK(check(&ru->uscc, "９１１１００００６０００３７３４１Ｌ", out,
	    msg) == CS_USCC_OK, "full-width characters are folded");
	CHECK(check(&ru->uscc, "9111000060003734", out, msg) == CS_USCC_BAD,
	    "short code rejected");
	CHECK_STR(msg, "uscc '9111000060003734' has 16 characters, expected 18",
	    "length message");
	CHECK(check(&ru->uscc, "91I10000600037341L", out, msg) == CS_USCC_BAD,
	    "forbidden I rejected");
	CHECK_STR(msg, "uscc '91I10000600037341L' has forbidden character 'I' "
	    "at position 3", "forbidden character message");
	CHECK(check(&ru->uscc, "911100006000373S1L", out, msg) == CS_USCC_BAD,
	    "forbidden S rejected");
	CHECK_STR(msg, "uscc '911100006000373S1L' has forbidden character 'S' "
	    "at position 16", "forbidden S at 16");
	CHECK(check(&ru->uscc, "91110000600037中41L", out, msg) == CS_USCC_BAD,
	    "a Chinese character is forbidden");
	CHECK_STR(msg, "uscc '91110000600037中41L' has forbidden character "
	    "'中' at position 15", "forbidden multibyte character message");
	CHECK(check(&ru->uscc, "91A1000060003734XX", out, msg) == CS_USCC_BAD,
	    "region with a letter rejected");
	CHECK_STR(msg, "uscc '91A1000060003734XX' has region code 'A10000' at "
	    "positions 3-8 that is not six digits", "region message");
	/* A resident ID number that passes mod 31 by chance. */
	CHECK(cs_uscc_check_char("110105199003070439") == '9',
	    "resident ID 110105199003070439 passes mod 31");
	CHECK(check(&ru->uscc, "110105199003070439", out, msg) == CS_USCC_BAD,
	    "resident ID rejected by the organisation code check");
	/* Named as such, masked by masking.json (issue 11). */
	CHECK_STR(msg, "uscc '110105********0439' looks like a resident ID "
	    "number, not a USCC", "a resident ID is not echoed whole");
	CHECK(check(&ru->uscc, "11010519491231002x", out, msg) == CS_USCC_BAD,
	    "a resident ID with X");
	CHECK_STR(msg, "uscc '110105********002X' looks like a resident ID "
	    "number, not a USCC", "X, normalised and masked");
	CHECK(check(&ru->uscc, "110105194912310022", out, msg) == CS_USCC_BAD,
	    "a mistyped resident ID");
	CHECK_STR(msg, "uscc '110105********0022' looks like a resident ID "
	    "number, not a USCC", "its check character is not asked for");
	CHECK(check(NULL, "110105199003070439", out, msg) == CS_USCC_BAD,
	    "without rules");
	CHECK_STR(msg, "uscc '******************' looks like a resident ID "
	    "number, not a USCC", "without a pattern it is masked whole");
	CHECK(check(&ru->uscc, "913601025489061074", out, msg) == CS_USCC_BAD,
	    "digits without a birth date at 7-14");
	CHECK_STR(msg, "uscc '913601025489061074' has a wrong check character "
	    "(expected '3')", "a USCC of digits is quoted as it is");
	CHECK(cs_orgcode_check_char("60003734") == '1',
	    "GB 11714 check of 60003734");
	CHECK(cs_orgcode_check_char("M000100Y") == '4',
	    "GB 11714 check with a letter");
	/* Pilot codes. */
	CHECK(check(&ru->uscc, "91350200M0000001XA", out, msg) ==
	    CS_USCC_PILOT, "pilot code recognised");
	CHECK_STR(msg, "uscc '91350200M0000001XA' is an early pilot code that "
	    "fails the check character rule (expected '0')", "pilot message");
	CHECK(check(&ru->uscc, "91110200M0000001XA", out, msg) == CS_USCC_BAD,
	    "M000 outside the pilot regions is a plain wrong check");
	/* Unknown authority/type pair: a warning. */
	CHECK(check(&ru->uscc, "9411000060003734", out, msg) == CS_USCC_BAD,
	    "short still rejected");
	{
		char u[19] = "9A1100006000373410";

		u[17] = cs_uscc_check_char(u);
		CHECK(check(&ru->uscc, u, out, msg) == CS_USCC_WARN,
		    "unknown pair 9A is a warning");
		CHECK(strstr(msg, "has registration authority and type '9A' "
		    "not in the GB 32100 tables") != NULL, "pair warning text");
	}
	/* GB 11643 */
	CHECK(cs_resident_id_check_char("11010519491231002") == 'X',
	    "ISO 7064 check gives X");
	CHECK(cs_resident_id_check("person_id", "11010519491231002x", 18, out,
	    msg, sizeof(msg)) == 0, "resident ID with lower-case x");
	CHECK_STR(out, "11010519491231002X", "resident ID normalised");
	CHECK(cs_resident_id_check("person_id", "110105194912310021", 18, out,
	    msg, sizeof(msg)) == -1, "wrong resident ID check");
	CHECK_STR(msg, "person_id '110105194912310021' has a wrong check "
	    "character (expected 'X')", "resident ID message");
	CHECK(cs_resident_id_check("person_id", "110105194902300021", 18, out,
	    msg, sizeof(msg)) == -1, "impossible birth date");
	CHECK_STR(msg, "person_id '110105194902300021' has an impossible birth "
	    "date '19490230'", "birth date message");
	/* Masked for messages of cs-blacklist (issue 5). */
	CHECK(cs_resident_id_check_masked(&ru->mask, "legal_rep_id",
	    "110105194912310022", 18, out, msg, sizeof(msg)) == -1,
	    "masked: wrong check");
	CHECK_STR(msg, "legal_rep_id '110105********0022' has a wrong check "
	    "character (expected 'X')", "masked: check message");
	CHECK(cs_resident_id_check_masked(&ru->mask, "legal_rep_id",
	    "110105194902300021", 18, out, msg, sizeof(msg)) == -1,
	    "masked: birth date");
	CHECK_STR(msg, "legal_rep_id '110105********0021' has an impossible "
	    "birth date", "masked: birth date message");
	CHECK(cs_resident_id_check_masked(&ru->mask, "legal_rep_id",
	    "11010519491231", 14, out, msg, sizeof(msg)) == -1,
	    "masked: too short");
	CHECK_STR(msg, "legal_rep_id '110105****1231' has 14 characters, "
	    "expected 18", "masked: length message");
	CHECK(cs_resident_id_check_masked(&ru->mask, "legal_rep_id",
	    "1101051949123A002X", 18, out, msg, sizeof(msg)) == -1,
	    "masked: non-digit");
	CHECK_STR(msg, "legal_rep_id '110105********002X' has a non-digit at "
	    "position 14", "masked: non-digit message");
	CHECK(cs_resident_id_check_masked(&ru->mask, "legal_rep_id",
	    "11010519491231002x", 18, out, msg, sizeof(msg)) == 0 &&
	    strcmp(out, "11010519491231002X") == 0,
	    "masked: a good number passes");
	cs_rules_free(ru);
	/* cs_uscc_valid18: the fast test agrees with cs_uscc_check. */
	{
		static const char *const codes[] = {
			"91350100M000100Y43", "91110000600037341N",
			"91110000600037341L", "110105199003070439",
			"913501A0M000100Y43", "91350100m000100Y43",
			"91350100M000100Y4I", "913601025489061073",
			"91350100M000100Y4O",
		};
		char out[19], m[256];
		size_t k;
		int r;

		for (k = 0; k < sizeof(codes) / sizeof(codes[0]); k++) {
			r = cs_uscc_check(NULL, "uscc", codes[k], 18, out, m,
			    sizeof(m));
			CHECK(cs_uscc_valid18(codes[k]) == ((r == CS_USCC_OK ||
			    r == CS_USCC_WARN) && memcmp(out, codes[k], 18) ==
			    0), "cs_uscc_valid18 agrees with cs_uscc_check");
		}
	}
	return UNIT_DONE();
}
