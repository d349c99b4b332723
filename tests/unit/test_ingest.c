/*
 * Unit tests of lib/io/ingest: the inputs read in order on a second
 * thread (and without one), the hooks of the command run per input and
 * per row with a payload per item, rejects made by a hook, a header that
 * an open hook refuses, and the context freed with the ingest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cs.h"
#include "unit.h"

struct ctx {
	int opened;
	int prepared;
	int freed;
	int payloads;
	const char *need;		/* a column the open hook asks for */
};

static void *
data_new(void *p)
{
	struct ctx *c = p;

	c->payloads++;
	return cs_xcalloc(1, sizeof(long));
}

static void
data_free(void *p, void *data)
{
	struct ctx *c = p;

	c->payloads--;
	free(data);
}

static int
open_input(void *p, const char *name, int format, const struct cs_header *h,
    struct cs_error *err)
{
	struct ctx *c = p;

	c->opened++;
	if (format == CS_FMT_CSV && c->need != NULL &&
	    cs_header_find(h, c->need) < 0)
		return cs_error_set(err, CS_EX_DATAERR, name, 1, "no column "
		    "'%s'", c->need);
	return 0;
}

/* The payload gets the value of column "v" times 10; "bad" is rejected. */
static void
prepare(void *p, const struct cs_row *row, struct cs_item *it)
{
	struct ctx *c = p;
	const char *v = cs_row_get(row, cs_header_find(row->hdr, "v"));

	c->prepared++;
	if (v == NULL || strcmp(v, "bad") == 0) {
		it->kind = CS_ITEM_REJECT;
		snprintf(it->msg, sizeof(it->msg), "v '%s' is bad",
		    v ? v : "");
		return;
	}
	*(long *)it->data = strtol(v, NULL, 10) * 10;
}

static void
ctx_free(void *p)
{
	struct ctx *c = p;

	c->freed++;
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	fputs(text, fp);
	fclose(fp);
}

/* Read paths with the hooks; the items as text into b. */
static void
run(char *const *paths, int n, int threaded, struct ctx *c, struct cs_buf *b)
{
	struct cs_ingest_opts o = { 0 };
	struct cs_ingest *ing;
	struct cs_item *it;

	o.paths = paths;
	o.npaths = n;
	o.ro.format = CS_FMT_AUTO;
	o.threaded = threaded;
	o.hooks.ctx = c;
	o.hooks.data_new = data_new;
	o.hooks.data_free = data_free;
	o.hooks.open = open_input;
	o.hooks.prepare = prepare;
	o.hooks.ctx_free = ctx_free;
	ing = cs_ingest_start(&o);
	cs_buf_reset(b);
	while (cs_ingest_next(ing, &it) == 1) {
		switch (it->kind) {
		case CS_ITEM_HEADER:
			cs_buf_addf(b, "header %zu;", it->row.hdr->n);
			break;
		case CS_ITEM_ROW:
			cs_buf_addf(b, "row %ld %ld;", it->row.line,
			    *(long *)it->data);
			break;
		case CS_ITEM_REJECT:
			cs_buf_addf(b, "reject %ld %s (%s);", it->row.line,
			    it->msg, it->row.bad == it->msg ? "bad" : "-");
			break;
		case CS_ITEM_MESSAGE:
			cs_buf_addf(b, "message;");
			break;
		case CS_ITEM_FATAL:
			cs_buf_addf(b, "fatal %s;", it->err.msg);
			break;
		}
	}
	cs_ingest_free(ing);
}

int
main(void)
{
	char a[64], b[64], missing[64];
	struct cs_buf out;
	struct ctx c;
	int threaded;

	snprintf(a, sizeof(a), "/tmp/cs-unit-ingest-a-%d.csv", (int)getpid());
	snprintf(b, sizeof(b), "/tmp/cs-unit-ingest-b-%d.csv", (int)getpid());
	snprintf(missing, sizeof(missing), "/tmp/cs-unit-ingest-none-%d",
	    (int)getpid());
	write_file(a, "v,w\n1,x\nbad,y\n3,z\n");
	write_file(b, "v,w\n4,x\n1,2,3\n");
	cs_buf_init(&out);
	for (threaded = 0; threaded <= 1; threaded++) {
		char *const paths[] = { a, missing, b };

		memset(&c, 0, sizeof(c));
		run(paths, 3, threaded, &c, &out);
		CHECK_STR(out.s, "header 2;row 2 10;reject 3 v 'bad' is bad "
		    "(bad);row 4 30;message;row 2 40;reject 3 row has 3 "
		    "fields, the header has 2 (bad);", threaded ?
		    "items in order, on a thread" : "items in order");
		CHECK(c.opened == 2 && c.prepared == 4, "hooks per input "
		    "and per row read well");
		CHECK(c.freed == 1 && c.payloads == 0, "payloads and context "
		    "freed");
		memset(&c, 0, sizeof(c));
		c.need = "u";
		run(paths, 3, threaded, &c, &out);
		CHECK(strcmp(out.s, "fatal no column 'u';") == 0 &&
		    c.prepared == 0, "an input the open hook refuses is fatal");
	}
	cs_buf_release(&out);
	unlink(a);
	unlink(b);
	return UNIT_DONE();
}
