/*
 * Unit tests of the line-by-line reader of CSV files under one header:
 * the first header, records as bytes or split, a later file with the same
 * or another header, a file that cannot be opened, an empty file.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cs.h"
#include "unit.h"

static char dir[64];

static char *
put(const char *name, const char *data)
{
	char *p = malloc(128);

	snprintf(p, 128, "%s/%s", dir, name);
	unit_put(p, data, strlen(data));
	return p;
}

/* Everything read, as "H:cols;" "R line:raw;" "S line:f1|f2;" "N:file;"
 * "B line:why;" and "ERR msg". */
static const char *
slurp(char *const *paths, int n)
{
	static struct cs_buf out;
	struct cs_aliases *al = cs_aliases_new();
	struct cs_csv_lines *l = cs_csv_lines_new(paths, n, NULL, al);
	struct cs_csv_rec rec;
	struct cs_error err;
	struct cs_row row;
	char why[128];
	size_t i;
	int r;

	unit_buf(&out);
	while ((r = cs_csv_lines_next(l, &rec, &err)) != CS_LINES_END) {
		if (r < 0) {
			cs_buf_addf(&out, "ERR %s", err.msg);
			break;
		}
		if (r == CS_LINES_NOFILE) {
			cs_buf_addf(&out, "N;");
		} else if (r == CS_LINES_HEADER) {
			cs_buf_adds(&out, "H:");
			for (i = 0; i < cs_csv_lines_header(l)->n; i++)
				cs_buf_addf(&out, "%s%s", i ? "|" : "",
				    cs_csv_lines_header(l)->name[i]);
			cs_buf_adds(&out, ";");
		} else if (!rec.quoted && strchr(rec.s, 'r') != NULL) {
			/* Records with an "r" are taken as they are. */
			cs_buf_addf(&out, "R %ld:%.*s;", rec.line,
			    (int)rec.n, rec.s);
		} else if (cs_csv_lines_row(l, &rec, &row, why,
		    sizeof(why)) != 0) {
			cs_buf_addf(&out, "B %ld:%s;", row.line, why);
		} else {
			cs_buf_addf(&out, "S %ld:", row.line);
			for (i = 0; i < row.n; i++)
				cs_buf_addf(&out, "%s%s", i ? "|" : "",
				    row.val[i]);
			cs_buf_adds(&out, ";");
		}
	}
	cs_csv_lines_free(l);
	cs_aliases_free(al);
	return out.s;
}

int
main(void)
{
	char *p[4];

	unit_tmp(dir, sizeof(dir), "lines");
	mkdir(dir, 0700);
	p[0] = put("a.csv", "uscc,name\nx1,raw\n\"q,1\",b\nx2\n");
	p[1] = put("b.csv", "uscc,name\n\nx3,c\n");
	p[2] = put("c.csv", "uscc,nm\nx4,d\n");
	p[3] = put("e.csv", "");
	CHECK_STR(slurp(p, 1), "H:uscc|name;R 2:x1,raw;S 3:q,1|b;"
	    "B 4:row has 1 field, the header has 2;",
	    "one file: header, raw, split and short records");
	CHECK_STR(slurp(p, 2), "H:uscc|name;R 2:x1,raw;S 3:q,1|b;"
	    "B 4:row has 1 field, the header has 2;S 3:x3|c;",
	    "a second file with the same header goes on, blank lines skipped");
	{
		char *q[3] = { p[3], p[1], p[2] };

		const char *want = "H:uscc|name;S 3:x3|c;ERR the header "
		    "differs from the header of '";

		CHECK(strncmp(slurp(q, 3), want, strlen(want)) == 0, "an "
		    "empty file is skipped; another header stops the stream");
		CHECK(strstr(slurp(q, 3), "b.csv': give files with one "
		    "header, or run once per file") != NULL,
		    "the message names the first file");
	}
	{
		char missing[128];
		char *q[2];

		snprintf(missing, sizeof(missing), "%s/none.csv", dir);
		q[0] = missing;
		q[1] = p[1];
		CHECK_STR(slurp(q, 2), "N;H:uscc|name;S 3:x3|c;",
		    "a file that cannot be opened, then the next");
	}
	{
		char *q[2] = { p[0], (char *)"-" };

		CHECK(cs_csv_lines_usable(p, 2, CS_FMT_AUTO, 0), "named CSV "
		    "files are usable");
		CHECK(!cs_csv_lines_usable(q, 2, CS_FMT_AUTO, 0),
		    "stdin is not");
		CHECK(!cs_csv_lines_usable(p, 0, CS_FMT_AUTO, 0), "no file "
		    "(stdin) is not");
		CHECK(cs_csv_lines_usable(q, 2, CS_FMT_CSV, 0),
		    "--from=csv is");
		CHECK(!cs_csv_lines_usable(p, 2, CS_FMT_NDJSON, 0),
		    "--from=ndjson is not");
		CHECK(!cs_csv_lines_usable(p, 2, CS_FMT_TSV, 0),
		    "--from=tsv is not (issue 16)");
		CHECK(!cs_csv_lines_usable(p, 2, CS_FMT_AUTO, ';'),
		    "--delimiter=';' is not (issue 16)");
		CHECK(cs_csv_lines_usable(p, 2, CS_FMT_AUTO, ','),
		    "--delimiter=, is");
	}
	for (int i = 0; i < 4; i++) {
		unlink(p[i]);
		free(p[i]);
	}
	rmdir(dir);
	return UNIT_DONE();
}
