/*
 * Unit tests of store/packed: a body packs only when its packed form
 * gives the very same bytes back (escapes, the subject, dates, words,
 * the extra object, names outside the table), and a damaged packed body
 * is refused rather than read as something else.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "store/packed.h"
#include "unit.h"

/* A store's words, in memory: numbers 1..n. */
static char words[16][64];
static size_t nwords;

static long
number(void *ctx, const char *key, const char *s, size_t n)
{
	size_t i;

	(void)ctx;
	if (strcmp(key, "authority") != 0 && strcmp(key, "type") != 0)
		return -1;
	for (i = 0; i < nwords; i++)
		if (strlen(words[i]) == n && memcmp(words[i], s, n) == 0)
			return (long)i + 1;
	assert(nwords < 16 && n < 64);
	memcpy(words[nwords], s, n);
	words[nwords][n] = '\0';
	return (long)++nwords;
}

static const char *
word(void *ctx, long k, size_t *n)
{
	(void)ctx;
	if (k < 1 || (size_t)k > nwords)
		return NULL;
	*n = strlen(words[k - 1]);
	return words[k - 1];
}

static const struct store_words w = { number, word, NULL };

/* json packs (want 0) or not (want 1); when it does, it comes back. */
static size_t
packs(const char *subject, const char *json, int want)
{
	struct cs_buf out, tmp, back;
	size_t n;
	int cuts = 0;
	char what[160];

	cs_buf_init(&out);
	cs_buf_init(&tmp);
	cs_buf_init(&back);
	snprintf(what, sizeof(what), "%s %s", want ? "kept as text:" :
	    "packs:", json);
	CHECK(store_body_pack(&out, subject, json, strlen(json), &tmp,
	    &w) == want, what);
	n = out.len;
	if (want == 0) {
		snprintf(what, sizeof(what), "comes back whole: %s", json);
		CHECK(store_body_unpack(&back, subject,
		    (const unsigned char *)out.s, out.len, &w) == 0 &&
		    back.len == strlen(json) &&
		    memcmp(back.s, json, back.len) == 0, what);
		/* Every cut of it is refused or gives other bytes. */
		while (out.len-- > 1) {
			cs_buf_reset(&back);
			if (store_body_unpack(&back, subject,
			    (const unsigned char *)out.s, out.len, &w) == 0 &&
			    back.len == strlen(json) &&
			    memcmp(back.s, json, back.len) == 0)
				cuts++;
		}
		snprintf(what, sizeof(what), "no cut of it reads back: %s",
		    json);
		CHECK(cuts == 0, what);
	}
	cs_buf_release(&out);
	cs_buf_release(&tmp);
	cs_buf_release(&back);
	return n;
}

int
main(void)
{
	static const char rec[] = "{\"authority\":\"福州市市场监督管理局\","
	    "\"decided_on\":\"2026-10-05\",\"doc_no\":\"榕市监〔2026〕1号\","
	    "\"id\":\"f61d0c89a6501810\",\"type\":\"penalty\","
	    "\"uscc\":\"91350100M000100Y43\"}";
	struct cs_buf b;
	size_t n;

	/* A record: much smaller, the subject and the words not spelt. */
	n = packs("91350100M000100Y43", rec, 0);
	CHECK(n < strlen(rec) / 2, "a record packs to less than half");
	CHECK(nwords == 2, "its authority and type become words");
	/* Again: the same words. */
	CHECK(packs("91350100M000100Y43", rec, 0) == n && nwords == 2,
	    "packed again: the same words, the same size");
	/* Another subject: the uscc is spelt. */
	CHECK(packs("other", rec, 0) > n, "another subject: the uscc spelt");
	packs("s", "{}", 0);
	packs("s", "{\"extra\":{}}", 0);
	packs("s", "{\"a\":\"1\",\"extra\":{\"区\":\"x\\\"y\\\\z\\n\\u0001\","
	    "\"type\":\"penalty\"},\"zz\":\"\"}", 0);
	/* Dates: kept as days only when they are real ones. */
	packs("s", "{\"decided_on\":\"1900-01-01\",\"due_on\":\"2026-02-29\","
	    "\"valid_from\":\"1899-12-31\",\"valid_until\":\"9999-12-31\"}", 0);
	/* Another spelling of the same JSON, or another shape: kept. */
	packs("s", "{\"a\": \"1\"}", 1);
	packs("s", "{\"a\":\"\\u00e9\"}", 1);
	packs("s", "{\"a\":\"\\/\"}", 1);
	packs("s", "{\"a\":1}", 1);
	packs("s", "{\"a\":[\"1\"]}", 1);
	packs("s", "{\"a\":{\"b\":{}}}", 1);
	packs("s", "{\"a\":\"1\"} ", 1);
	packs("s", "[]", 1);
	/* Not a packed body, or a word the store does not have. */
	cs_buf_init(&b);
	CHECK(store_body_unpack(&b, "s", (const unsigned char *)"{}", 2,
	    &w) == -1, "JSON text is no packed body");
	CHECK(store_body_unpack(&b, "s", (const unsigned char *)"\x01\x26"
	    "\x7e", 3, &w) == -1, "a damaged packed body is refused");
	CHECK(store_body_unpack(&b, "s", (const unsigned char *)"\x01\xff",
	    2, &w) == -1, "a word the store does not have is refused");
	cs_buf_release(&b);
	return UNIT_DONE();
}
