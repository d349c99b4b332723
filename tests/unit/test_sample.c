/*
 * Unit tests of lib/sample: the two known answers of DESIGN.md section
 * 5.5, ticket order as fractions, rate arithmetic at its edges, the
 * bounded heap (order independence, stability), inspector assignment, the
 * state of a drawn target and the plan's hash and class limit.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cs.h"
#include "unit.h"

static const char *
u(const char *x)
{
	static char out[CS_TICKET_STRLEN];
	struct cs_ticket t;

	cs_ticket_of(x, strlen(x), &t);
	cs_ticket_format(&t, out);
	return out;
}

static long
count(const char *rate, long n)
{
	struct cs_rate r;

	if (cs_rate_parse(rate, &r) != 0)
		return -99;
	return cs_rate_count(&r, n);
}

/* The picks of a heap of cap over ids, joined by spaces. */
static const char *
draw(struct cs_sampler *s, const char *const *ids, size_t n, size_t cap)
{
	static char out[512];
	struct cs_heap h;
	struct cs_ticket t;
	size_t i, len = 0;

	cs_heap_init(&h, cap);
	for (i = 0; i < n; i++) {
		cs_sampler_ticket(s, ids[i], strlen(ids[i]), &t);
		cs_heap_offer(&h, &t, ids[i], cs_xstrdup(ids[i]),
		    strlen(ids[i]));
	}
	cs_heap_sort(&h);
	out[0] = '\0';
	for (i = 0; i < h.n; i++)
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s",
		    i ? " " : "", h.a[i].data);
	cs_heap_release(&h);
	return out;
}

static void
test_tickets(void)
{
	struct cs_sampler *s = cs_sampler_new("01382438112797316654", 20);
	struct cs_ticket t, a, b;
	unsigned char h[32];
	char out[CS_TICKET_STRLEN];

	CHECK_STR(u("abc"), "0.56998071861792858926477341561059638840106636224"
	    "182943832566300809078486324348", "u(abc), the known answer");
	cs_sampler_ticket(s, "AB-130", 6, &t);
	cs_ticket_format(&t, out);
	CHECK_STR(out, "0.262997141228380084165075442975466635997153955251"
	    "54425586041245287750224561854", "ticket(AB-130) with seed "
	    "01382438112797316654, the known answer");
	CHECK(strlen(cs_sampler_seed_hash(s)) == 64, "h(seed) is hex");
	cs_sampler_free(s);

	/* A small integer is padded to 64 digits before it is reversed. */
	memset(h, 0, sizeof(h));
	h[31] = 12;
	cs_ticket_from_digest(h, &t);
	cs_ticket_format(&t, out);
	CHECK(strlen(out) == 66, "a small hash is written with 64 digits");
	CHECK(strncmp(out, "0.21000", 7) == 0, "12 reversed is 0.21...");
	memset(h, 0, sizeof(h));
	cs_ticket_from_digest(h, &t);
	cs_ticket_format(&t, out);
	CHECK(strlen(out) == 66 && strspn(out + 2, "0") == 64,
	    "a zero hash is 0.000...");
	memset(h, 0xff, sizeof(h));
	cs_ticket_from_digest(h, &t);
	cs_ticket_format(&t, out);
	CHECK_STR(out, "0.53993692131970048575493046504656648996235870978680"
	    "0589075324591613732980297511", "2^256-1 reversed, 78 digits");

	/* The head is the first 9 digits of the full ticket. */
	{
		int i, same = 1;
		char x[16];

		for (i = 0; i < 2000; i++) {
			snprintf(x, sizeof(x), "%d", i);
			cs_sha256(x, strlen(x), h);
			cs_ticket_from_digest(h, &t);
			if (cs_ticket_head(h) != t.head ||
			    (uint32_t)strtoul(((char[10]){ t.d[0], t.d[1],
			    t.d[2], t.d[3], t.d[4], t.d[5], t.d[6], t.d[7],
			    t.d[8], 0 }), NULL, 10) != t.head)
				same = 0;
		}
		CHECK(same, "cs_ticket_head gives the first 9 digits");
		memset(h, 0xff, 32);
		cs_ticket_from_digest(h, &t);
		CHECK(cs_ticket_head(h) == t.head, "the head of 2^256-1");
		memset(h, 0, 32);
		h[31] = 7;
		cs_ticket_from_digest(h, &t);
		CHECK(cs_ticket_head(h) == t.head && t.head == 700000000,
		    "the head of 7");
	}
	/* Fractions, not integers: 0.3 > 0.21 though 3 < 12. */
	memset(h, 0, sizeof(h));
	h[31] = 3;
	cs_ticket_from_digest(h, &a);
	h[31] = 12;
	cs_ticket_from_digest(h, &b);
	CHECK(cs_ticket_cmp(&a, &b) > 0, "tickets compare as fractions");
	/* 10 and 100 give 0.01 and 0.001: not equal though both pad. */
	h[31] = 10;
	cs_ticket_from_digest(h, &a);
	h[31] = 100;
	cs_ticket_from_digest(h, &b);
	CHECK(cs_ticket_cmp(&a, &b) > 0, "0.01 > 0.001");
}

static void
test_rates(void)
{
	struct cs_rate r;
	struct cs_quota q = { 0 };

	CHECK(count("0.015", 200) == 3, "0.015 of 200 is 3");
	CHECK(count("0.015", 199) == 3, "0.015 of 199 is 3 (2.985 up)");
	CHECK(count("0.015", 0) == 0, "0.015 of 0 is 0");
	CHECK(count("0.015", 1) == 1, "0.015 of 1 is 1");
	CHECK(count("1", 12345) == 12345, "rate 1 is all");
	CHECK(count("1.000", 7) == 7, "rate 1.000 is all");
	CHECK(count("0", 1000000) == 0, "rate 0 is none");
	CHECK(count("0.01", 100) == 1, "0.01 of 100 is exactly 1");
	CHECK(count("0.01", 101) == 2, "0.01 of 101 is 2");
	CHECK(count("0.1", 30) == 3, "0.1 of 30 is 3, no binary rounding");
	CHECK(count("0.3", 10) == 3, "0.3 of 10 is 3, no binary rounding");
	CHECK(count("0.000000000000000001", 1000000000000L) == 1,
	    "18 decimals of a large class");
	CHECK(count("0.999999999999999999", 4000000000000L) == 4000000000000L,
	    "no overflow with 18 decimals");
	CHECK(cs_rate_parse("1.5", &r) != 0, "1.5 is refused");
	CHECK(cs_rate_parse("2", &r) != 0, "2 is refused");
	CHECK(cs_rate_parse("-0.1", &r) != 0, "-0.1 is refused");
	CHECK(cs_rate_parse(".5", &r) != 0, ".5 is refused");
	CHECK(cs_rate_parse("0.", &r) != 0, "0. is refused");
	CHECK(cs_rate_parse("0.1x", &r) != 0, "0.1x is refused");
	CHECK(cs_rate_parse("", &r) != 0, "empty is refused");
	CHECK(cs_rate_parse("0.0000000000000000001", &r) != 0,
	    "19 decimals are refused");
	CHECK(cs_rate_parse("1.0001", &r) != 0, "1.0001 is refused");

	cs_rate_parse("0.01", &q.rate);
	q.min = 1;
	CHECK(cs_quota_count(&q, 0) == 0, "an empty class gives none");
	CHECK(cs_quota_count(&q, 5) == 1, "min 1 for a small class");
	CHECK(cs_quota_count(&q, 250) == 3, "1% of 250 is 3");
	q.min = 10;
	CHECK(cs_quota_count(&q, 4) == 4, "min never beyond the class");
	q.fixed = 1;
	q.count = 5;
	CHECK(cs_quota_count(&q, 100) == 5, "a fixed count");
	CHECK(cs_quota_count(&q, 3) == 3, "a fixed count never beyond the "
	    "class");
	CHECK(cs_quota_count(&q, 0) == 0, "a fixed count of an empty class");
}

static void
test_heap(void)
{
	static const char *const ids[] = { "a1", "a2", "a3", "a4", "a5", "a6",
	    "a7", "a8", "a9", "a10", "a11", "a12" };
	static const char *const rev[] = { "a12", "a11", "a10", "a9", "a8",
	    "a7", "a6", "a5", "a4", "a3", "a2", "a1" };
	const char *without[11];
	struct cs_sampler *s = cs_sampler_new("seed", 4);
	char all[512], three[512], four[512], drop[512];
	struct cs_heap h;
	struct cs_ticket t;
	size_t i, k;

	snprintf(all, sizeof(all), "%s", draw(s, ids, 12, 12));
	snprintf(three, sizeof(three), "%s", draw(s, ids, 12, 3));
	snprintf(four, sizeof(four), "%s", draw(s, ids, 12, 4));
	CHECK(strncmp(all, three, strlen(three)) == 0, "the 3 lowest are the "
	    "first 3 of the full order");
	CHECK(strncmp(four, three, strlen(three)) == 0, "a 4th pick keeps the "
	    "first 3 (escalation)");
	CHECK_STR(draw(s, rev, 12, 3), three, "input order does not matter");
	/* Remove the second pick: the others stay, the 4th fills in. */
	for (i = 0, k = 0; i < 12; i++) {
		char first[8];

		sscanf(three, "%*s %7s", first);
		if (strcmp(ids[i], first) != 0)
			without[k++] = ids[i];
	}
	snprintf(drop, sizeof(drop), "%s", draw(s, without, 11, 3));
	{
		char p1[8], p3[8], p4[8], q1[8], q2[8], q3[8];

		sscanf(four, "%7s %*s %7s %7s", p1, p3, p4);
		sscanf(drop, "%7s %7s %7s", q1, q2, q3);
		CHECK(strcmp(p1, q1) == 0 && strcmp(p3, q2) == 0 &&
		    strcmp(p4, q3) == 0, "removing a pick leaves the others in "
		    "place and the next ticket fills in");
	}
	CHECK_STR(draw(s, ids, 12, 0), "", "a heap of 0 keeps nothing");

	/* The same USCC twice is found when both copies are kept. */
	cs_heap_init(&h, 4);
	for (i = 0; i < 2; i++) {
		cs_sampler_ticket(s, "dup", 3, &t);
		cs_heap_offer(&h, &t, "dup", cs_xstrdup("x"), 1);
	}
	CHECK(cs_heap_sort(&h) != NULL && strcmp(cs_heap_sort(&h), "dup") == 0,
	    "a USCC kept twice is reported");
	cs_heap_release(&h);
	cs_sampler_free(s);
}

static void
test_assign(void)
{
	struct cs_inspector ins[] = {
		{ "i1", "u1", -1, 0 }, { "i2", "u1", -1, 0 },
		{ "i3", "u2", -1, 0 }, { "i4", "u2", 1, 0 },
	};
	struct cs_sampler *s = cs_sampler_new("seed", 4);
	struct cs_assigner a;
	struct cs_strmap conf;
	struct cs_buf key;
	const size_t *ord;
	size_t ch[2], first, i;
	char why[256];
	int r;

	cs_strmap_init(&conf);
	cs_buf_init(&key);
	cs_assigner_init(&a);
	a.s = s;
	a.ins = ins;
	a.nins = 4;
	a.conflicts = &conf;
	a.k = 2;
	ord = cs_assign_rank(&a, "T1");
	{
		struct cs_ticket t0, t1;

		cs_sampler_assign_ticket(s, "T1", ins[ord[0]].id, &t0);
		cs_sampler_assign_ticket(s, "T1", ins[ord[1]].id, &t1);
		CHECK(cs_ticket_cmp(&t0, &t1) < 0, "ranked lowest ticket first");
	}
	{
		char buf[128];
		struct cs_ticket t, w;

		snprintf(buf, sizeof(buf), "%sassign:T1:i1",
		    cs_sampler_seed_hash(s));
		cs_ticket_of(buf, strlen(buf), &t);
		cs_sampler_assign_ticket(s, "T1", "i1", &w);
		CHECK(cs_ticket_cmp(&t, &w) == 0, "assign ticket is u(h(seed) + "
		    "\"assign:\" + uscc + \":\" + id)");
	}
	first = ord[0];
	/* A conflict of the best ranked moves it out. */
	cs_conflict_key(&key, ins[first].id, "T1");
	cs_strmap_put(&conf, key.s, NULL);
	r = cs_assign(&a, "T1", ch, why, sizeof(why));
	CHECK(r == 0 && ch[0] != first && ch[1] != first,
	    "an inspector with a conflict is never assigned");
	CHECK(r == 0 && strcmp(ins[ch[0]].unit, ins[ch[1]].unit) == 0,
	    "without distinct_units the two may share a unit");
	for (i = 0; i < 4; i++)
		ins[i].used = 0;
	a.distinct_units = 1;
	r = cs_assign(&a, "T1", ch, why, sizeof(why));
	CHECK(r == 0 && strcmp(ins[ch[0]].unit, ins[ch[1]].unit) != 0,
	    "distinct_units: the second from another unit");
	/* Capacity: i4 takes one target only. */
	for (i = 0; i < 4; i++)
		ins[i].used = 0;
	ins[3].used = 1;
	cs_strmap_clear(&conf);
	r = cs_assign(&a, "T2", ch, why, sizeof(why));
	CHECK(r == 0 && ch[0] != 3 && ch[1] != 3,
	    "an inspector at capacity is skipped");
	CHECK(r == 0 && strcmp(ins[ch[0]].unit, ins[ch[1]].unit) != 0,
	    "distinct units with i3 left in u2");
	/*
	 * Only u1 left: distinct units are a rule, so the target gets
	 * nobody and nothing is used (issue 11).
	 */
	ins[2].capacity = 0;
	for (i = 0; i < 4; i++)
		ins[i].used = 0;
	ins[3].used = 1;
	r = cs_assign(&a, "T3", ch, why, sizeof(why));
	CHECK(r == -1, "never two inspectors of one unit");
	CHECK_STR(why, "the eligible inspectors are of only 1 unit (2 of "
	    "distinct units needed): 2 eligible, 0 with a conflict, 2 at "
	    "capacity", "the reason names the units");
	CHECK(ins[0].used == 0 && ins[1].used == 0,
	    "nothing is assigned when the units fail");
	a.distinct_units = 0;
	r = cs_assign(&a, "T3", ch, why, sizeof(why));
	CHECK(r == 0 && strcmp(ins[ch[0]].unit, "u1") == 0 &&
	    strcmp(ins[ch[1]].unit, "u1") == 0,
	    "without distinct_units one unit is enough");
	a.distinct_units = 1;
	/* Not enough: nothing is assigned, the reason says why. */
	ins[0].capacity = 0;
	for (i = 0; i < 4; i++)
		ins[i].used = 0;
	ins[3].used = 1;
	cs_conflict_key(&key, "i2", "T4");
	cs_strmap_put(&conf, key.s, NULL);
	r = cs_assign(&a, "T4", ch, why, sizeof(why));
	CHECK(r == -1, "unassignable");
	CHECK_STR(why, "only 0 eligible inspectors (2 needed): 1 with a "
	    "conflict, 3 at capacity", "the reason names the count");
	CHECK(ins[1].used == 0, "nothing is assigned when it fails");
	cs_strmap_release(&conf);
	cs_buf_release(&key);
	cs_assigner_release(&a);
	cs_sampler_free(s);
}

/* The state of a drawn target from its inspection result. */
static void
test_target_state(void)
{
	CHECK_STR(cs_target_state(NULL), "open", "no result: open");
	CHECK_STR(cs_target_state("pass"), "done", "pass: done");
	CHECK_STR(cs_target_state("issues"), "done", "issues: done");
	CHECK_STR(cs_target_state("fail"), "done", "fail: done");
	CHECK_STR(cs_target_state(""), "invalid", "empty result: invalid");
	CHECK_STR(cs_target_state("PASS"), "invalid", "PASS: invalid");
	CHECK_STR(cs_target_state("maybe"), "invalid", "maybe: invalid");
}

/* A plan file of n classes with rate 0.1 each; its loading, 0 or -1. */
static int
plan_of(size_t n, struct cs_plan **p, struct cs_error *err, char hex[65])
{
	char path[64];
	struct cs_buf b;
	size_t i;
	int rc;

	unit_tmp(path, sizeof(path), "plan.json");
	cs_buf_init(&b);
	cs_buf_adds(&b, "{\"id\":\"t\",\"period\":\"P1Y\",\"classes\":{");
	for (i = 0; i < n; i++)
		cs_buf_addf(&b, "%s\"c%03zu\":{\"rate\":\"0.1\"}", i ? "," : "",
		    i);
	cs_buf_adds(&b, "}}\n");
	cs_sha256_hex(b.s, b.len, hex);
	unit_put(path, b.s, b.len);
	cs_buf_release(&b);
	rc = cs_plan_load(p, "/nonexistent", path, err);
	unlink(path);
	return rc;
}

/* A plan's hash is the SHA-256 of its bytes; at most 255 classes. */
static void
test_plan(void)
{
	struct cs_plan *p = NULL;
	struct cs_error err;
	char hex[65];

	CHECK(plan_of(255, &p, &err, hex) == 0, "255 classes load");
	CHECK(p != NULL && p->nclasses == 255, "255 classes kept");
	CHECK_STR(p != NULL ? p->hash : NULL, hex, "plan hash: its bytes");
	cs_plan_free(p);
	p = NULL;
	CHECK(plan_of(256, &p, &err, hex) == -1 && p == NULL,
	    "256 classes are refused");
	CHECK(strstr(err.msg, "classes: 256 classes; a plan has at most 255")
	    != NULL, "the message names the key");
}

int
main(void)
{
	test_tickets();
	test_rates();
	test_heap();
	test_assign();
	test_target_state();
	test_plan();
	return UNIT_DONE();
}
