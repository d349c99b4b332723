/*
 * Unit tests of lib/mask: ID numbers keep their first 6 and last 4
 * characters; short values are masked whole.
 */
#include <string.h>

#include "cs.h"
#include "unit.h"

static const char *
mask(const char *s)
{
	static char buf[64];

	return cs_mask_id(s, strlen(s), buf);
}

int
main(void)
{
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
	/* Found by tests/fuzz/ids: bytes masked cut a character in two. */
	CHECK_STR(mask("一二三四五六七八九十甲乙"), "一二三四五六**九十甲乙",
	    "characters, not bytes, are kept and masked");
	CHECK_STR(mask("身份证号码未知道"), "********",
	    "8 Chinese characters: all, one '*' each");
	CHECK_STR(mask("110105一九四九1231002X"), "110105********002X",
	    "a mixed value: 18 characters");
	return UNIT_DONE();
}
