/*
 * Unit tests of lib/hash and the JSON of lib/record: SHA-256 known
 * answers, canonical JSON, and record bodies that are canonical.
 */
#include <jansson.h>
#include <string.h>

#include "cs.h"
#include "unit.h"

static const char *
canon(const char *text)
{
	static struct cs_buf b;
	json_t *j = json_loads(text, 0, NULL);

	unit_buf(&b);
	if (j == NULL || cs_canon_json(j, &b) != 0) {
		cs_buf_reset(&b);
		cs_buf_adds(&b, "(error)");
	}
	json_decref(j);
	return b.s;
}

int
main(void)
{
	struct cs_fields f;
	struct cs_buf b;
	char hex[65], id[17];

	cs_sha256_hex("abc", 3, hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff"
	    "61f20015ad", "SHA-256 of abc");
	cs_sha256_hex("", 0, hex);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca4959"
	    "91b7852b855", "SHA-256 of the empty string");
	{
		struct cs_sha256_ctx *c = cs_sha256_new();
		unsigned char d[32];

		cs_sha256_update(c, "a", 1);
		cs_sha256_update(c, "bc", 2);
		cs_sha256_final(c, d);
		cs_hex(d, 32, hex);
		CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a"
		    "9cb410ff61f20015ad", "incremental SHA-256");
	}
	CHECK_STR(canon("{\"b\": 1, \"a\": [true, false, null], \"c\": {\"z\":"
	    " \"1\", \"y\": \"2\"}}"), "{\"a\":[true,false,null],\"b\":1,"
	    "\"c\":{\"y\":\"2\",\"z\":\"1\"}}", "keys sorted, no spaces");
	CHECK_STR(canon("{\"k\": \"a\\\"b\\\\c\\n\\u0001/é\"}"),
	    "{\"k\":\"a\\\"b\\\\c\\n\\u0001/é\"}", "minimal string escapes");
	CHECK_STR(canon("{\"é\": 1, \"z\": 2, \"Z\": 3}"),
	    "{\"Z\":3,\"z\":2,\"é\":1}", "keys sorted by UTF-8 bytes");
	CHECK_STR(canon("{\"x\": 1.5}"), "(error)", "reals are refused");
	CHECK_STR(canon("[]"), "[]", "empty array");

	/* A record body is canonical: equal to its re-canonicalised form. */
	cs_fields_init(&f, &cs_record_schema);
	cs_buf_init(&b);
	cs_fields_put(&f, R_USCC, "91350100M000100Y43", 18);
	cs_fields_put(&f, R_TYPE, "penalty", 7);
	cs_fields_put(&f, R_SEVERITY, "general", 7);
	cs_fields_put(&f, R_AUTHORITY, "厦门市市场监督管理局",
	    strlen("厦门市市场监督管理局"));
	cs_fields_put(&f, R_DOC_NO, "厦市监罚〔2025〕1号",
	    strlen("厦市监罚〔2025〕1号"));
	cs_fields_put(&f, R_DECIDED_ON, "2025-03-01", 10);
	cs_fields_put(&f, R_LEGAL_REP_ID, "11010519491231002X", 18);
	cs_fields_put(&f, R_FINE_10K_YUAN, "1.5", 3);
	cs_fields_put_extra(&f, "zz", "last", 4);
	cs_fields_put_extra(&f, "aa", "first", 5);
	cs_fields_put_extra(&f, "cf_sy", " fact ", 6);
	cs_fields_json(&f, &b, -1);
	CHECK_STR(b.s, canon(b.s), "record JSON is canonical");
	CHECK(strstr(b.s, "\"extra\":{\"aa\":\"first\",\"cf_sy\":\"fact\","
	    "\"zz\":\"last\"}") != NULL, "extra columns sorted and trimmed");
	cs_record_derive_id(&f, id);
	cs_sha256_hex("[\"penalty\",\"厦门市市场监督管理局\",\"厦市监罚〔2025〕"
	    "1号\",\"91350100M000100Y43\"]", strlen("[\"penalty\",\"厦门市市场"
	    "监督管理局\",\"厦市监罚〔2025〕1号\",\"91350100M000100Y43\"]"),
	    hex);
	hex[16] = '\0';
	CHECK_STR(id, hex, "derived id from type, authority, doc_no, uscc");
	cs_fields_put(&f, R_DOC_NO, NULL, 0);
	cs_fields_put_extra(&f, "zz", NULL, 0);
	cs_fields_put_extra(&f, "aa", NULL, 0);
	cs_fields_put_extra(&f, "cf_sy", NULL, 0);
	cs_buf_reset(&b);
	cs_fields_json(&f, &b, R_ID);
	cs_sha256_hex(b.s, b.len, hex);
	hex[16] = '\0';
	cs_fields_put_extra(&f, "feed_batch", "B2", 2);
	cs_record_derive_id(&f, id);
	CHECK_STR(id, hex, "derived id without doc_no ignores extra columns");
	hex[16] = '\0';
	cs_record_derive_id(&f, id);
	CHECK_STR(id, hex, "derived id without doc_no hashes the record");
	cs_fields_release(&f);
	cs_buf_release(&b);
	{
		struct cs_strmap m;
		char key[16];
		int added, i, ok = 1;

		cs_strmap_init(&m);
		CHECK(cs_strmap_get(&m, "a") == NULL, "empty map finds nothing");
		for (i = 0; i < 1000; i++) {
			snprintf(key, sizeof(key), "k%d", i);
			*cs_strmap_put(&m, key, &added) = i;
			ok = ok && added;
		}
		CHECK(ok && m.n == 1000, "1000 keys added across growth");
		*cs_strmap_put(&m, "k7", &added) += 1;
		CHECK(!added && *cs_strmap_get(&m, "k7") == 8 &&
		    *cs_strmap_get(&m, "k999") == 999 &&
		    cs_strmap_get(&m, "k1000") == NULL, "values kept, found");
		cs_strmap_clear(&m);
		CHECK(m.n == 0 && cs_strmap_get(&m, "k7") == NULL, "clear");
		cs_strmap_release(&m);
	}
	return UNIT_DONE();
}
