/*
 * Unit tests of lib/mask: ID numbers keep the characters the pattern of
 * share/cs/masking.json shows (first 6 and last 4); short values are
 * masked whole; other patterns, UTF-8 and the detection of a masked
 * value (issue 11).
 */
#include <string.h>

#include "cs.h"
#include "unit.h"

static const struct cs_mask *pat;

static const char *
mask(const char *s)
{
	static char buf[64];

	return cs_mask_id(pat, s, strlen(s), buf);
}

int
main(void)
{
	struct cs_mask m, other = { 3, 2, '#', NULL, 0 };
	struct cs_error err;

	if (cs_masking_load(&m, CS_SRC_RULES, &err) != 0)
		unit_bail("load masking.json", err.msg);
	pat = &m;
	CHECK(m.keep_first == 6 && m.keep_last == 4 && m.fill == '*',
	    "shipped: first 6 and last 4, '*'");
	CHECK_STR(mask("110105194912310021"), "110105********0021",
	    "18-digit resident ID");
	CHECK_STR(mask("11010519491231002X"), "110105********002X",
	    "check character X kept");
	CHECK_STR(mask("110105491231002"), "110105*****1002",
	    "15-digit old ID: 6 and 4 kept");
	CHECK_STR(mask("12345678901"), "123456*8901", "11 characters");
	CHECK_STR(mask("1234567890"), "**********", "10 characters: all");
	CHECK_STR(mask("ABC"), "***", "short value: all");
	CHECK_STR(mask(""), "", "empty stays empty");
	CHECK_STR(mask("护照E1234567890"), "护照E123***7890",
	    "characters, not bytes: UTF-8 stays whole");
	/* Found by tests/fuzz/ids: bytes masked cut a character in two. */
	CHECK_STR(mask("一二三四五六七八九十甲乙"), "一二三四五六**九十甲乙",
	    "characters, not bytes, are kept and masked");
	CHECK_STR(mask("身份证号码未知道"), "********",
	    "8 Chinese characters: all, one '*' each");
	CHECK_STR(mask("110105一九四九1231002X"), "110105********002X",
	    "a mixed value: 18 characters");
	CHECK(cs_mask_column(&m, "person_id") &&
	    cs_mask_column(&m, "legal_rep_id") &&
	    !cs_mask_column(&m, "uscc"), "the columns of masking.json");
	CHECK(cs_mask_is_masked(&m, "110105********0021", 18) &&
	    !cs_mask_is_masked(&m, "110105194912310021", 18),
	    "a masked value is told from a whole one");
	pat = &other;
	CHECK_STR(mask("110105194912310021"), "110#############21",
	    "another pattern: first 3, last 2, '#'");
	CHECK(!cs_mask_column(&other, "person_id"), "no columns");
	pat = NULL;
	CHECK_STR(mask("110105194912310021"), "******************",
	    "no pattern known: masked whole");
	cs_mask_release(&m);
	CHECK(m.ncolumns == 0 && m.columns == NULL, "released");
	return UNIT_DONE();
}
