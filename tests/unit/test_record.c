/*
 * Unit tests of lib/domain/record and schema: differences written by hand
 * equal the canonical JSON of the same object built with jansson, a body
 * read back (store/body) gives the fields again, and checks by a
 * catalogue filled by hand, without share/cs.
 */
#include <jansson.h>
#include <string.h>

#include "cs.h"
#include "unit.h"

/* The difference as the canonical JSON of a jansson object. */
static void
diff_jansson(const struct cs_fields *old, const struct cs_fields *new,
    struct cs_buf *out)
{
	json_t *o = json_object(), *x = json_object();
	size_t i, j;

	for (i = 0; i < R_NCOLS; i++) {
		const char *a = old->v[i], *b = new->v[i];

		if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
			json_object_set_new(o, cs_record_schema.cols[i].name,
			    b ? json_string(b) : json_null());
	}
	for (i = 0; i < new->nx; i++) {
		for (j = 0; j < old->nx; j++)
			if (strcmp(old->xname[j], new->xname[i]) == 0)
				break;
		if (j == old->nx || strcmp(old->xval[j], new->xval[i]) != 0)
			json_object_set_new(x, new->xname[i],
			    json_string(new->xval[i]));
	}
	for (j = 0; j < old->nx; j++) {
		for (i = 0; i < new->nx; i++)
			if (strcmp(old->xname[j], new->xname[i]) == 0)
				break;
		if (i == new->nx)
			json_object_set_new(x, old->xname[j], json_null());
	}
	if (json_object_size(x) > 0)
		json_object_set_new(o, "extra", x);
	else
		json_decref(x);
	cs_buf_reset(out);
	cs_canon_json(o, out);
	json_decref(o);
}

static int
same_diff(const struct cs_fields *old, const struct cs_fields *new)
{
	struct cs_buf a, b;
	int same;

	cs_buf_init(&a);
	cs_buf_init(&b);
	cs_fields_diff(old, new, &a);
	diff_jansson(old, new, &b);
	same = strcmp(a.s, b.s) == 0;
	if (!same)
		printf("# got  %s\n# want %s\n", a.s, b.s);
	cs_buf_release(&a);
	cs_buf_release(&b);
	return same;
}

static void
put(struct cs_fields *f, int c, const char *s)
{
	cs_fields_put(f, c, s, s ? strlen(s) : 0);
}

static void
put_x(struct cs_fields *f, const char *name, const char *s)
{
	cs_fields_put_extra(f, name, s, s ? strlen(s) : 0);
}

static void
test_diff(void)
{
	struct cs_fields a, b;
	struct cs_buf d;

	cs_fields_init(&a, &cs_record_schema);
	cs_fields_init(&b, &cs_record_schema);
	cs_buf_init(&d);
	put(&a, R_ID, "r1");
	put(&a, R_USCC, "91350100M000100Y43");
	put(&a, R_TYPE, "penalty");
	put(&a, R_NOTE, "old \"note\"");
	put(&a, R_AMOUNT, "100");
	put_x(&a, "zz", "1");
	put_x(&a, "aa", "keep");
	put_x(&a, "gone", "x");
	put(&b, R_ID, "r1");
	put(&b, R_USCC, "91350100M000100Y43");
	put(&b, R_TYPE, "license");
	put(&b, R_NOTE, "new\nnote");
	put(&b, R_BASIS, "法");
	put_x(&b, "zz", "2");
	put_x(&b, "aa", "keep");
	put_x(&b, "Feed", "new");
	CHECK(cs_fields_diff(&a, &b, &d) == 7, "diff counts the changes");
	CHECK_STR(d.s, "{\"amount\":null,\"basis\":\"法\",\"extra\":{\"Feed\":"
	    "\"new\",\"gone\":null,\"zz\":\"2\"},\"note\":\"new\\nnote\","
	    "\"type\":\"license\"}", "diff: sorted keys, extra in place");
	CHECK(same_diff(&a, &b), "diff equals jansson's canonical JSON");
	CHECK(cs_fields_diff(&a, &a, &d) == 0 && strcmp(d.s, "{}") == 0,
	    "no difference: {}");
	CHECK(same_diff(&a, &a), "no difference as jansson writes it");
	put_x(&b, "zz", NULL);
	put_x(&b, "Feed", NULL);
	put_x(&b, "gone", "x");
	CHECK(same_diff(&a, &b), "no extra difference: no extra key");
	put(&b, R_VIOLATION_TYPE, "v");
	put(&b, R_AUTHORITY, "a");
	put(&b, R_PERSON_ID, "p");
	put(&b, R_SEVERITY, "serious");
	put_x(&b, "~tilde", "t");
	put_x(&b, "EXTRA", "e");
	CHECK(same_diff(&a, &b), "keys before and after extra");
	cs_fields_release(&a);
	cs_fields_release(&b);
	cs_buf_release(&d);
}

static void
test_body(void)
{
	struct cs_fields f, g;
	struct cs_buf b, c;
	json_t *j;

	cs_fields_init(&f, &cs_record_schema);
	cs_fields_init(&g, &cs_record_schema);
	cs_buf_init(&b);
	cs_buf_init(&c);
	put(&f, R_ID, "r1");
	put(&f, R_USCC, "91350100M000100Y43");
	put(&f, R_DOC_NO, "厦市监罚〔2025〕1号");
	put_x(&f, "cf_sy", "fact");
	put_x(&f, "a", "b");
	cs_fields_json(&f, &b, -1);
	j = json_loads(b.s, 0, NULL);
	CHECK(cs_fields_from_json(&g, j) == 0, "a body reads back");
	cs_fields_json(&g, &c, -1);
	CHECK_STR(c.s, b.s, "the body read back writes the same JSON");
	CHECK(g.nx == 2 && g.v[R_NAME] == NULL, "extra columns, no others");
	json_decref(j);
	j = json_loads("{\"id\": \"r1\", \"nope\": \"x\"}", 0, NULL);
	CHECK(cs_fields_from_json(&g, j) == -1, "an unknown column is refused");
	json_decref(j);
	j = json_loads("{\"id\": 1}", 0, NULL);
	CHECK(cs_fields_from_json(&g, j) == -1, "a number is refused");
	json_decref(j);
	cs_fields_release(&f);
	cs_fields_release(&g);
	cs_buf_release(&b);
	cs_buf_release(&c);
}

static int
check(const struct cs_catalog *cat, struct cs_fields *f, char *msg)
{
	struct cs_check_opts o = { 0 };
	char warn[512];

	cs_date_parse("2025-12-31", 10, &o.as_of);
	return cs_fields_check(cat, f, &o, msg, 512, warn, sizeof(warn));
}

static void
test_check(void)
{
	struct cs_catalog cat = { 0 };
	struct cs_fields f;
	char msg[512];

	cat.types = cs_xcalloc(1, sizeof(*cat.types));
	cat.types[0].name = cs_xstrdup("penalty");
	cat.types[0].requires = 1ULL << R_SEVERITY;
	cat.ntypes = 1;
	cat.required = 1ULL << R_USCC | 1ULL << R_TYPE | 1ULL << R_DECIDED_ON;
	cs_vocab_add(&cat.severities, "serious", "serious");
	cs_vocab_add(&cat.severities, "serious", "严重");
	cs_vocab_add(&cat.severities, "general", "General");
	CHECK_STR(cs_vocab_lookup(&cat.severities, "GENERAL", 7), "general",
	    "a value list ignores ASCII case");
	CHECK(cs_catalog_type(&cat, "penaltyX", 7) == &cat.types[0],
	    "a type by the bytes given");
	cs_fields_init(&f, &cs_record_schema);
	put(&f, R_USCC, "91350100m000100y43");
	put(&f, R_TYPE, "penalty");
	put(&f, R_DECIDED_ON, "20250301");
	put(&f, R_SEVERITY, "严重");
	CHECK(check(&cat, &f, msg) == 0, "a record the catalogue allows");
	CHECK_STR(f.v[R_SEVERITY], "serious", "the canonical severity");
	CHECK_STR(f.v[R_DECIDED_ON], "2025-03-01", "the date normalised");
	CHECK_STR(f.v[R_USCC], "91350100M000100Y43", "the USCC normalised");
	put(&f, R_SEVERITY, NULL);
	CHECK(check(&cat, &f, msg) == -1, "a column the type requires");
	CHECK_STR(msg, "type 'penalty' requires column 'severity'",
	    "... is named");
	put(&f, R_SEVERITY, "minor");
	CHECK(check(&cat, &f, msg) == -1, "a value not in the list");
	CHECK_STR(msg, "severity 'minor' is not a severity: serious, general",
	    "... is named with the list");
	put(&f, R_TYPE, "license");
	CHECK(check(&cat, &f, msg) == -1, "an unknown type");
	CHECK_STR(msg, "unknown type 'license' (the types are in "
	    "catalog.json)", "... is named");
	cs_fields_release(&f);
	cs_catalog_release(&cat);
	CHECK(cat.ntypes == 0 && cat.severities.n == 0, "catalogue released");
}

int
main(void)
{
	test_diff();
	test_body();
	test_check();
	return UNIT_DONE();
}
