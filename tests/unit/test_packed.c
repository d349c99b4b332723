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
	if ((strcmp(key, "authority") != 0 && strcmp(key, "type") != 0) ||
	    n >= 64)
		return -1;
	for (i = 0; i < nwords; i++)
		if (strlen(words[i]) == n && memcmp(words[i], s, n) == 0)
			return (long)i + 1;
	assert(nwords < 16);
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

/* The words numbered so far, in order, as one string. */
static void
words_now(char *out, size_t n)
{
	size_t i, k = 0;

	out[0] = '\0';
	for (i = 0; i < nwords && k < n; i++)
		k += (size_t)snprintf(out + k, n - k, "%s|", words[i]);
}

/*
 * f packed from its fields is what its JSON packs to, byte for byte, with
 * the same words numbered in the same order (each from an empty store),
 * and the same return, want; json, when not NULL, is given instead of
 * f's own JSON (then the words may differ).  The same again packed ahead
 * (cs_body_prepack, store_body_pack_ahead); returns the state of that.
 */
static int
same_from_fields(const char *subject, const struct cs_fields *f,
    const char *json, int want, const char *what)
{
	struct cs_buf j, a, b, c, tmp;
	struct cs_prepacked pp;
	char wa[1024], wb[1024], wc[1024], msg[200];
	int ra, rb, rc, state;

	cs_buf_init(&j);
	cs_buf_init(&a);
	cs_buf_init(&b);
	cs_buf_init(&c);
	cs_buf_init(&tmp);
	cs_prepacked_init(&pp);
	if (json != NULL)
		cs_buf_adds(&j, json);
	else
		cs_fields_json(f, &j, -1);
	nwords = 0;
	ra = store_body_pack(&a, subject, j.s, j.len, &tmp, &w);
	words_now(wa, sizeof(wa));
	nwords = 0;
	cs_buf_adds(&b, "stale");
	rb = store_body_pack_fields(&b, subject, f, j.s, j.len, &tmp, &w);
	words_now(wb, sizeof(wb));
	/* Packed ahead, without words, then finished with them. */
	nwords = 0;
	cs_body_prepack(&pp, subject, f, j.s, j.len);
	state = pp.state;
	snprintf(msg, sizeof(msg), "packed ahead, no word numbered: %s",
	    what);
	CHECK(nwords == 0, msg);
	rc = store_body_pack_ahead(&c, &pp, subject, f, j.s, j.len, &tmp, &w);
	words_now(wc, sizeof(wc));
	snprintf(msg, sizeof(msg), "packed ahead, the same as from fields: %s",
	    what);
	CHECK(rc == rb && strcmp(wb, wc) == 0 && (rc != 0 || (b.len == c.len &&
	    memcmp(b.s, c.s, b.len) == 0)), msg);
	snprintf(msg, sizeof(msg), "from fields, %s: %s", want ? "kept as "
	    "text" : "packs", what);
	CHECK(ra == want && rb == want, msg);
	/* Not f's JSON: f's words may be numbered before it is seen. */
	snprintf(msg, sizeof(msg), "from fields, the same words: %s", what);
	if (json == NULL)
		CHECK(strcmp(wa, wb) == 0, msg);
	if (want == 0) {
		snprintf(msg, sizeof(msg), "from fields, the same bytes: %s",
		    what);
		CHECK(a.len == b.len && memcmp(a.s, b.s, a.len) == 0, msg);
	}
	cs_buf_release(&j);
	cs_buf_release(&a);
	cs_buf_release(&b);
	cs_buf_release(&c);
	cs_buf_release(&tmp);
	cs_prepacked_release(&pp);
	return state;
}

/* Packed ahead for one subject, given another: packed in full. */
static void
other_subject(const struct cs_fields *f)
{
	struct cs_buf j, a, b, tmp;
	struct cs_prepacked pp;

	cs_buf_init(&j);
	cs_buf_init(&a);
	cs_buf_init(&b);
	cs_buf_init(&tmp);
	cs_prepacked_init(&pp);
	cs_fields_json(f, &j, -1);
	cs_body_prepack(&pp, f->v[R_USCC], f, j.s, j.len);
	CHECK(store_body_pack_fields(&a, "other", f, j.s, j.len, &tmp,
	    &w) == 0 && store_body_pack_ahead(&b, &pp, "other", f, j.s, j.len,
	    &tmp, &w) == 0 && a.len == b.len && memcmp(a.s, b.s, a.len) == 0,
	    "packed ahead for another subject: packed in full for this one");
	cs_buf_release(&j);
	cs_buf_release(&a);
	cs_buf_release(&b);
	cs_buf_release(&tmp);
	cs_prepacked_release(&pp);
}

/* Packing from fields: records and register rows of every shape. */
static void
from_fields(void)
{
	static const char uscc[] = "91350100M000100Y43";
	struct cs_fields f, e;
	char longname[300];
	size_t i;

	cs_fields_init(&f, &cs_record_schema);
	cs_fields_put(&f, R_ID, "f61d0c89a6501810", 16);
	cs_fields_put(&f, R_USCC, uscc, strlen(uscc));
	cs_fields_put(&f, R_TYPE, "penalty", 7);
	cs_fields_put(&f, R_AUTHORITY, "福州市市场监督管理局",
	    strlen("福州市市场监督管理局"));
	cs_fields_put(&f, R_DECIDED_ON, "2026-10-05", 10);
	cs_fields_put(&f, R_DOC_NO, "榕市监〔2026〕1号",
	    strlen("榕市监〔2026〕1号"));
	CHECK(same_from_fields(uscc, &f, NULL, 0, "a record") == 0,
	    "a record packs ahead");
	same_from_fields("other", &f, NULL, 0, "another subject");
	other_subject(&f);
	/* Every column, dates real and not, escapes, the subject again. */
	for (i = 0; i < R_NCOLS; i++)
		if (f.v[i] == NULL)
			cs_fields_put(&f, (int)i, "x\"y\\z\n\t\001é", 10);
	cs_fields_put(&f, R_AUTHORITY_USCC, uscc, strlen(uscc));
	cs_fields_put(&f, R_VALID_FROM, "1899-12-31", 10);
	cs_fields_put(&f, R_VALID_UNTIL, "9999-12-31", 10);
	cs_fields_put(&f, R_DUE_ON, "2026-02-29", 10);
	cs_fields_put(&f, R_PUBLICITY_END, "1900-01-01", 10);
	cs_fields_put(&f, R_AMOUNT, "1000.00", 7);
	same_from_fields(uscc, &f, NULL, 0, "every column");
	/* Extra columns, given out of order, named as columns are or not. */
	cs_fields_put_extra(&f, "zz", "1", 1);
	cs_fields_put_extra(&f, "区", "2026-01-01", 10);
	cs_fields_put_extra(&f, "type", "penalty", 7);
	cs_fields_put_extra(&f, "a", uscc, strlen(uscc));
	cs_fields_put_extra(&f, "a b", "\"q\"", 3);
	CHECK(same_from_fields(uscc, &f, NULL, 0, "extra columns") == 0,
	    "extra columns pack ahead");
	/* Values a word never is: empty columns, long ones. */
	cs_fields_put(&f, R_NOTE, "", 0);
	cs_fields_put(&f, R_TYPE, NULL, 0);
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	cs_fields_put(&f, R_AUTHORITY, longname, strlen(longname));
	CHECK(same_from_fields(uscc, &f, NULL, 0, "empty and long values") ==
	    0, "a value longer than a word packs ahead");
	/* A word the store does not take (this one: 64 bytes or more). */
	cs_fields_put(&f, R_AUTHORITY, longname, 100);
	CHECK(same_from_fields(uscc, &f, NULL, 0, "a word not taken") == 0,
	    "a word not taken packs ahead, then in full");
	cs_fields_put(&f, R_AUTHORITY, longname, strlen(longname));
	/* A name too long to spell in a packed body: kept as text. */
	cs_fields_put_extra(&f, longname, "v", 1);
	CHECK(same_from_fields(uscc, &f, NULL, 1, "an extra name too long") ==
	    -1, "an extra name too long does not pack ahead");
	cs_fields_put_extra(&f, longname, "", 0);
	same_from_fields(uscc, &f, NULL, 0, "that name gone");
	/* A NUL in a value: its JSON does not decode, kept as text. */
	cs_fields_put(&f, R_BASIS, "a\0b", 3);
	CHECK(same_from_fields(uscc, &f, NULL, 1, "a NUL in a value") == -1,
	    "a NUL in a value does not pack ahead");
	cs_fields_put(&f, R_BASIS, NULL, 0);
	cs_fields_put_extra(&f, "n", "a\0b", 3);
	same_from_fields(uscc, &f, NULL, 1, "a NUL in an extra value");
	cs_fields_put_extra(&f, "n", "", 0);
	/* JSON that is not f's: packed as that JSON is. */
	same_from_fields(uscc, &f, "{\"type\":\"penalty\",\"uscc\":"
	    "\"91350100M000100Y43\"}", 0, "other JSON than f's");
	same_from_fields(uscc, &f, "{\"a\":1}", 1, "other JSON, a number");
	cs_fields_release(&f);

	/* A register row: another schema. */
	cs_fields_init(&e, &cs_entity_schema);
	cs_fields_put(&e, E_USCC, uscc, strlen(uscc));
	cs_fields_put(&e, E_NAME, "福州某某有限公司", strlen("福州某某有限公司"));
	cs_fields_put(&e, E_REGISTERED_ON, "2001-02-03", 10);
	same_from_fields(uscc, &e, NULL, 0, "a register row");
	cs_fields_put_extra(&e, "extra", "x", 1);
	same_from_fields(uscc, &e, NULL, 0, "a register row with extra");
	cs_fields_release(&e);
	cs_fields_init(&e, &cs_record_schema);
	same_from_fields(uscc, &e, NULL, 0, "no column at all");
	cs_fields_release(&e);
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
	from_fields();
	return UNIT_DONE();
}
