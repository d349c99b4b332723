/*
 * NDJSON: any line given to cs_ndjson_parse is an object, blank or bad
 * with a reason; an object written back with cs_ndjson_add_pair parses
 * into the same fields.  The whole input read as an NDJSON stream by
 * cs_reader gives rows whose values are those of its header, and only
 * valid UTF-8.
 */
#include "fuzz.h"
#include "io/ndjson.h"

/* Write the non-null fields of o as one line and parse it again. */
static void
round_trip(const struct cs_ndjson_obj *o)
{
	struct cs_ndjson_obj back;
	struct cs_buf line;
	char msg[256];
	size_t i, j;
	int first = 1, r;

	cs_buf_init(&line);
	cs_buf_addc(&line, '{');
	for (i = 0; i < o->n; i++) {
		if (o->val[i] == NULL)
			continue;
		cs_ndjson_add_pair(&line, first, o->key[i], o->val[i],
		    o->vlen[i]);
		first = 0;
	}
	cs_buf_addc(&line, '}');
	cs_ndjson_obj_init(&back);
	r = cs_ndjson_parse(line.s, line.len, &back, msg, sizeof(msg));
	FUZZ_CHECK(r == 1, "'%s' written does not parse: %s", line.s,
	    r < 0 ? msg : "blank");
	for (i = 0, j = 0; i < o->n; i++) {
		if (o->val[i] == NULL)
			continue;
		FUZZ_CHECK(j < back.n, "'%s' lost fields", line.s);
		FUZZ_CHECK(strcmp(back.key[j], o->key[i]) == 0,
		    "key %zu of '%s' changed", j, line.s);
		FUZZ_CHECK(back.vlen[j] == o->vlen[i] &&
		    memcmp(back.val[j], o->val[i], o->vlen[i]) == 0,
		    "value %zu of '%s' changed", j, line.s);
		j++;
	}
	FUZZ_CHECK(j == back.n, "'%s' gained fields", line.s);
	cs_ndjson_obj_release(&back);
	cs_buf_release(&line);
}

/* Each line of the input alone. */
static void
by_line(const uint8_t *data, size_t size)
{
	struct cs_ndjson_obj o;
	const char *p = (const char *)data, *e = p + size, *nl;
	char msg[256];
	int r;

	cs_ndjson_obj_init(&o);
	while (p < e) {
		nl = memchr(p, '\n', (size_t)(e - p));
		if (nl == NULL)
			nl = e;
		msg[0] = '\0';
		r = cs_ndjson_parse(p, (size_t)(nl - p), &o, msg, sizeof(msg));
		FUZZ_CHECK(r >= -1 && r <= 1, "cs_ndjson_parse gave %d", r);
		if (r == 1)
			round_trip(&o);
		else if (r < 0)
			FUZZ_CHECK(msg[0] != '\0', "a bad line, no reason");
		p = nl + 1;
	}
	cs_ndjson_obj_release(&o);
}

/* The input as a stream. */
static void
by_reader(const char *path)
{
	struct cs_read_opts ro = { CS_FMT_NDJSON, NULL, NULL, 0 };
	struct cs_reader *r;
	struct cs_row *row;
	struct cs_error err;
	size_t i, bad;
	long prev = 0;
	int k;

	if (cs_reader_open(&r, path, &ro, &err) != 0) {
		FUZZ_CHECK(err.code == CS_EX_DATAERR, "open: %d %s", err.code,
		    err.msg);
		return;
	}
	while ((k = cs_reader_next(r, &row, &err)) == 1) {
		FUZZ_CHECK(row->line > prev, "line %ld after %ld", row->line,
		    prev);
		prev = row->line;
		if (row->bad != NULL)
			continue;
		FUZZ_CHECK(row->n <= row->hdr->n, "%zu values, %zu columns",
		    row->n, row->hdr->n);
		for (i = 0; i < row->n; i++)
			if (row->val[i] != NULL)
				FUZZ_CHECK(cs_utf8_valid(row->val[i],
				    row->len[i], &bad), "line %ld: value %zu "
				    "is not UTF-8", row->line, i);
	}
	FUZZ_CHECK(k == 0 || err.code == CS_EX_DATAERR, "%d %s", err.code,
	    err.msg);
	cs_reader_close(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	by_line(data, size);
	by_reader(fuzz_file(data, size));
	return 0;
}
