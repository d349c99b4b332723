/*
 * cs-publish report and verify-report (see report_cmd.h): the rules a
 * report needs loaded once, the ledger head it is cut at, the reports
 * written where -o says, and a report recomputed at its ledger seq (the
 * store replayed aside when it has moved on) and at the head.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/driver.h"
#include "cli/messages.h"
#include "cli/options.h"
#include "cli/report_cmd.h"
#include "cli/run.h"
#include "core/hash.h"
#include "core/tmpfile.h"
#include "io/stream.h"
#include "ops/credit_report.h"
#include "ops/release.h"
#include "rules/list_rules.h"
#include "rules/models.h"
#include "rules/publish_rules.h"
#include "rules/repair_rules.h"
#include "store/store_merkle.h"

const char cs_report_doc[] =
	"The public credit information report of each entity on --as-of, "
	"in the sections of the national standard: a page (html) or a "
	"canonical JSON line each.\v"
	"Examples:\n"
	"  cs-publish report --as-of=2026-11-26 91350100M000100Y43 > r.html\n"
	"  cs-publish report --format=json < bidders.csv | jq -r "
	".report_no\n\n"
	"Without USCC operands the uscc column of the input (CSV or "
	"NDJSON on stdin) names the entities.  Each report carries its "
	"number (from the entity, --as-of and the ledger head), the "
	"ledger seq it was cut at and the SHA-256 of its canonical JSON; "
	"ID numbers are masked as releases mask them.  Several HTML "
	"reports need -o DIR.  An invalid USCC or one not in the store "
	"is named on stderr and the others are written (exit 1).  Exit "
	"status: see cs(7).";

const char cs_verify_report_doc[] =
	"Check a report (its HTML page or JSON line) against the store: "
	"genuine for its ledger seq, and still current.\v"
	"Examples:\n"
	"  cs-publish verify-report report-91350100M000100Y43.html\n"
	"  cs-publish verify-report -q r.json || echo 'ask for a new "
	"report'\n\n"
	"The report is recomputed from the store as it was at its ledger "
	"seq (replayed aside when the store has moved on) and compared "
	"field by field, and a page byte for byte; then recomputed from "
	"the store as it is now, for the same as-of date.  Exit status: "
	"0 genuine and current; 65 genuine, but the store now gives "
	"another report (ask for a new one), or a report of another form "
	"version, made by another cs (ask for a new one); 1 altered or not "
	"a report of this store, naming the first field that differs; see "
	"cs(7).";

/* A run of report or verify-report: the store and every rule loaded. */
struct rep {
	struct cs_run c;
	struct cs_credit_in in;
	struct cs_report_rules rr;
	struct cs_disclose dc;
	struct cs_models *ms;
	struct cs_classes cl;
	struct cs_lists *ls;
	struct cs_repair_rules *rp;
	const struct cs_report_cmd *o;
	int dir;			/* html: -o is a directory */
	FILE *out;			/* json: -o FILE's temporary file */
	long written;
};

static void
rep_open(struct rep *x, char *const *inputs, int ninputs)
{
	struct cs_run_opts o = { .com = &cs_opt, .tool = "cs-publish",
	    .need_store = 1, .inputs = inputs, .ninputs = ninputs };
	struct cs_tree_head th;
	struct cs_error err;
	char msg[512];
	int r;

	cs_run_open(&x->c, &o);
	if (cs_report_rules_load(&x->rr, x->c.ru->dir, &err) != 0 ||
	    cs_disclose_load(&x->dc, x->c.ru->dir, &err) != 0 ||
	    cs_models_load(&x->ms, x->c.ru->dir, NULL, &err) != 0 ||
	    cs_classes_load(&x->cl, x->c.ru->dir, &err) != 0 ||
	    cs_lists_load(&x->ls, x->c.ru, &err) != 0 ||
	    cs_repair_rules_load(&x->rp, x->c.ru, &err) != 0)
		cs_run_fatal(&x->c, &err);
	/* The head the reports are cut at. */
	r = cs_store_tree(x->c.st, &th, msg, sizeof(msg), &err);
	if (r != 0) {
		if (r > 0)
			cs_error_set(&err, CS_EX_FOUND, NULL, 0, "%s: no report "
			    "is made; run 'cs-record verify'", msg);
		cs_run_fatal(&x->c, &err);
	}
	x->in = (struct cs_credit_in){ .st = x->c.st, .ru = x->c.ru,
	    .rr = &x->rr, .dc = &x->dc, .ms = x->ms, .cl = &x->cl,
	    .ls = x->ls, .rp = x->rp, .seq = th.size };
	cs_hex(th.head, 32, x->in.head);
}

static int
rep_close(struct rep *x)
{
	cs_report_rules_release(&x->rr);
	cs_disclose_release(&x->dc);
	cs_models_free(x->ms);
	cs_classes_release(&x->cl);
	cs_lists_free(x->ls);
	cs_repair_rules_free(x->rp);
	return cs_run_close(&x->c);
}

/* Write b to path through a temporary file: 0, or -1 with err. */
static int
put_file(const char *path, const struct cs_buf *b, struct cs_error *err)
{
	char tmp[PATH_MAX];
	int fd = cs_tmpfile_create(path, tmp, sizeof(tmp), err);
	FILE *fp;

	if (fd < 0)
		return -1;
	fp = fdopen(fd, "w");
	if (fp == NULL || fwrite(b->s, 1, b->len, fp) != b->len ||
	    fclose(fp) != 0 || rename(tmp, path) != 0) {
		cs_tmpfile_discard(tmp);
		return cs_error_set(err, CS_EX_IOERR, NULL, 0, "cannot write "
		    "'%s': %s", path, strerror(errno));
	}
	cs_tmpfile_keep(tmp);
	return 0;
}

/* Out with report doc: a JSON line, or a page where -o says. */
static void
emit(struct rep *x, const json_t *doc, const char *uscc)
{
	struct cs_error err;
	struct cs_buf b;
	char path[PATH_MAX];

	cs_buf_init(&b);
	if (!x->o->html) {
		cs_canon_json(doc, &b);
		cs_buf_addc(&b, '\n');
		fwrite(b.s, 1, b.len, x->out != NULL ? x->out : stdout);
	} else {
		cs_credit_html(doc, &x->rr, x->rr.css, &b);
		if (x->dir) {
			cs_fmt(path, sizeof(path), "%s/report-%s.html",
			    x->o->output, uscc);
			if (put_file(path, &b, &err) != 0)
				cs_run_fatal(&x->c, &err);
		} else if (x->o->output != NULL) {
			if (put_file(x->o->output, &b, &err) != 0)
				cs_run_fatal(&x->c, &err);
		} else {
			fwrite(b.s, 1, b.len, stdout);
		}
	}
	x->written++;
	cs_buf_release(&b);
}

/*
 * The report of the USCC v: written, or the reason it is not in msg
 * (returns CS_REFUSED).  -1 with err is fatal.
 */
static int
one(struct rep *x, const char *v, char *msg, size_t n, struct cs_error *err)
{
	char uscc[19];
	json_t *doc;
	int r;

	r = cs_uscc_check(&x->c.ru->uscc, "uscc", v, strlen(v), uscc, msg, n);
	if (r == CS_USCC_BAD)
		return CS_REFUSED;
	r = cs_credit_report(&x->in, uscc, cs_opt.as_of, &doc, err);
	if (r < 0)
		return -1;
	if (r == 0) {
		cs_fmt(msg, n, "no entity '%s' in the store", uscc);
		return CS_REFUSED;
	}
	emit(x, doc, uscc);
	json_decref(doc);
	return CS_UNCHANGED;
}

/* A row of the uscc stream. */
static int
report_row(void *ctx, struct cs_item *it, struct cs_said *said,
    struct cs_error *err)
{
	static char msg[512];
	struct rep *x = ctx;
	const char *v = cs_row_get(&it->row, cs_header_find(it->row.hdr,
	    "uscc"));

	said->why = msg;
	if (v == NULL || *v == '\0') {
		said->why = "required column 'uscc' is empty";
		return CS_REFUSED;
	}
	return one(x, v, msg, sizeof(msg), err);
}

/* Make directory path and its missing parents, as mkdir -p: 0, or -1. */
static int
mkdir_p(const char *path)
{
	char p[PATH_MAX];
	size_t i;

	cs_fmt(p, sizeof(p), "%s", path);
	for (i = 1; p[i] != '\0'; i++) {
		if (p[i] != '/')
			continue;
		p[i] = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			return -1;
		p[i] = '/';
	}
	return mkdir(p, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

/* Where the pages go: -o a directory (made when missing), else a file. */
static int
html_dir(const struct cs_report_cmd *o)
{
	struct stat sb;

	if (o->output == NULL) {
		if (o->n != 1)
			cs_usage_error("report", "several reports as HTML need "
			    "a directory: give -o DIR");
		return 0;
	}
	if (stat(o->output, &sb) == 0) {
		/* Each page would replace the one before: one would be left. */
		if (!S_ISDIR(sb.st_mode) && o->n != 1)
			cs_usage_error("report", "several reports as HTML need "
			    "a directory, and '%s' is a file: give -o DIR",
			    o->output);
		return S_ISDIR(sb.st_mode);
	}
	if (o->n == 1)
		return 0;
	if (mkdir_p(o->output) != 0) {
		cs_warn("cannot create directory '%s': %s", o->output,
		    strerror(errno));
		exit(CS_EX_CANTCREAT);
	}
	return 1;
}

int
cs_report_main(const struct cs_report_cmd *o)
{
	static const char *const need[] = { "uscc", NULL };
	struct rep x;
	struct cs_error err;
	char msg[512], tmp[PATH_MAX];
	size_t i;
	int r;

	memset(&x, 0, sizeof(x));
	x.o = o;
	if (o->html)
		x.dir = html_dir(o);
	else if (o->output != NULL) {
		/* Whole or not at all: a temporary file renamed at the end. */
		x.out = cs_publish_open(o->output, tmp, sizeof(tmp), &err);
		if (x.out == NULL) {
			cs_warn("%s", err.msg);
			return CS_EX_CANTCREAT;
		}
	}
	rep_open(&x, NULL, 0);
	if (o->n == 0) {
		struct cs_rows rows = { .row = report_row, .ctx = &x,
		    .need_cols = need, .what = "reports" };

		cs_run_rows(&x.c, &rows);
	}
	for (i = 0; i < o->n; i++) {
		r = one(&x, o->uscc[i], msg, sizeof(msg), &err);
		if (r < 0)
			cs_run_fatal(&x.c, &err);
		if (r == CS_REFUSED) {
			cs_warn("%s", msg);
			cs_run_status(&x.c, CS_EX_FOUND);
		}
	}
	if (x.out != NULL && cs_publish_close(x.out, 0, tmp, o->output,
	    &err) != 0)
		cs_run_fatal(&x.c, &err);
	if (!cs_opt.quiet && (x.dir || o->n != 1))
		cs_warn("%ld report%s as of %s, ledger seq %ld%s%s",
		    x.written, x.written == 1 ? "" : "s", cs_opt.as_of_str,
		    x.in.seq, x.dir ? " in " : "", x.dir ? o->output : "");
	return rep_close(&x);
}

/* The whole of file into b: 0, or -1 (reported; exit 66). */
static int
slurp(const char *file, struct cs_buf *b)
{
	char chunk[65536];
	size_t n;
	FILE *fp = fopen(file, "r");

	if (fp == NULL) {
		cs_warn("cannot open '%s': %s", file, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		cs_buf_add(b, chunk, n);
	if (ferror(fp)) {
		cs_warn("cannot read '%s': %s", file, strerror(errno));
		fclose(fp);
		return -1;
	}
	fclose(fp);
	return 0;
}

/* v as the message shows it: compact JSON, cut at 60 bytes. */
static void
shown(const json_t *v, char *out, size_t n)
{
	char *s = v != NULL ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) :
	    NULL;

	cs_fmt(out, n, "%.60s%s", s != NULL ? s : "nothing",
	    s != NULL && strlen(s) > 60 ? "..." : "");
	free(s);
}

/* The value at path (as cs_json_first_diff writes it) in doc, or NULL. */
static const json_t *
at_path(const json_t *doc, const char *path)
{
	const json_t *v = doc;
	char key[256];
	size_t n;

	while (v != NULL && *path != '\0') {
		if (*path == '.')
			path++;
		if (*path == '[') {
			v = json_array_get(v, strtoul(path + 1, NULL, 10));
			path = strchr(path, ']') + 1;
			continue;
		}
		n = strcspn(path, ".[");
		cs_fmt(key, sizeof(key), "%.*s", (int)n, path);
		v = json_object_get(v, key);
		path += n;
	}
	return v;
}

/* The line of the first byte where a and b differ (1-based). */
static long
first_line(const struct cs_buf *a, const struct cs_buf *b)
{
	size_t i, n = a->len < b->len ? a->len : b->len;
	long line = 1;

	for (i = 0; i < n && a->s[i] == b->s[i]; i++)
		if (a->s[i] == '\n')
			line++;
	return line;
}

/* The report of doc's entity recomputed from st (cut at seq, head). */
static json_t *
recompute(struct rep *x, struct cs_store *st, long seq, const json_t *doc)
{
	struct cs_credit_in in = x->in;
	unsigned char h[32];
	struct cs_error err;
	json_t *out = NULL;
	int day, r;

	in.st = st;
	in.seq = seq;
	if (cs_store_event_hash(x->c.st, seq, h, &err) != 1)
		cs_run_fatal(&x->c, &err);
	cs_hex(h, 32, in.head);
	cs_date_parse(json_string_value(json_object_get(doc, "as_of")), 10,
	    &day);
	r = cs_credit_report(&in, json_string_value(json_object_get(doc,
	    "uscc")), day, &out, &err);
	if (r < 0)
		cs_run_fatal(&x->c, &err);
	return out;
}

int
cs_verify_report_main(const char *file)
{
	struct cs_store *then = NULL;
	struct cs_buf b, page, path;
	const char *t = getenv("TMPDIR");
	json_t *doc, *old = NULL, *now = NULL;
	char why[512], sdir[PATH_MAX] = "", spath[PATH_MAX], v1[80], v2[80];
	struct cs_error err;
	struct rep x;
	long seq;
	int html, day, rc = CS_EX_FOUND;

	cs_buf_init(&b);
	if (slurp(file, &b) != 0) {
		cs_buf_release(&b);
		return CS_EX_NOINPUT;
	}
	doc = cs_credit_read(b.s, b.len, &html, why, sizeof(why));
	if (doc == NULL) {
		cs_warn("%s: %s", file, why);
		cs_buf_release(&b);
		return CS_EX_FOUND;
	}
	if (json_integer_value(json_object_get(doc, "version")) !=
	    CS_CREDIT_VERSION) {
		cs_warn("%s: a report of form version %lld, made by another "
		    "cs (this one makes version %d): it cannot be recomputed "
		    "here; ask for a new report", file, (long long)
		    json_integer_value(json_object_get(doc, "version")),
		    CS_CREDIT_VERSION);
		json_decref(doc);
		cs_buf_release(&b);
		return CS_EX_DATAERR;
	}
	seq = (long)json_integer_value(json_object_get(doc, "ledger_seq"));
	cs_buf_init(&page);
	cs_buf_init(&path);
	memset(&x, 0, sizeof(x));
	rep_open(&x, NULL, 0);
	if (json_string_length(json_object_get(doc, "uscc")) != 18 ||
	    !cs_uscc_valid18(json_string_value(json_object_get(doc,
	    "uscc"))) || cs_date_parse(json_string_value(json_object_get(doc,
	    "as_of")), json_string_length(json_object_get(doc, "as_of")),
	    &day) != 0 || seq < 1 || seq > x.in.seq) {
		cs_warn("%s: not genuine: its uscc, as_of or ledger_seq (%ld) "
		    "is not one of this store (ledger seq 1 to %ld); verify it "
		    "with -d the store that made it", file, seq, x.in.seq);
		goto out;
	}
	/* The store as it was at the report's seq, replayed aside. */
	if (seq != x.in.seq) {
		if (cs_release_dir_make(t != NULL ? t : "/tmp", sdir,
		    sizeof(sdir), &err) != 0)
			cs_run_fatal(&x.c, &err);
		cs_fmt(spath, sizeof(spath), "%s/rewound.db", sdir);
		if (cs_store_rewind(x.c.st, seq, spath, &then, &err) != 0) {
			cs_release_dir_discard(sdir);
			cs_run_fatal(&x.c, &err);
		}
	}
	old = recompute(&x, then != NULL ? then : x.c.st, seq, doc);
	if (old == NULL) {
		cs_warn("%s: not genuine: the store has no entity '%s' at "
		    "ledger seq %ld", file, json_string_value(json_object_get(
		    doc, "uscc")), seq);
		goto out;
	}
	if (cs_json_first_diff(doc, old, &path)) {
		shown(at_path(doc, path.s), v1, sizeof(v1));
		shown(at_path(old, path.s), v2, sizeof(v2));
		cs_warn("%s: not genuine: %s differs (the report says %s, the "
		    "store at ledger seq %ld %s)", file, path.s, v1, seq, v2);
		goto out;
	}
	if (html) {
		cs_credit_html(old, &x.rr, x.rr.css, &page);
		if (page.len != b.len || memcmp(page.s, b.s, b.len) != 0) {
			cs_warn("%s: not genuine: the page differs from the "
			    "report it carries, from line %ld", file,
			    first_line(&b, &page));
			goto out;
		}
	}
	if (seq != x.in.seq) {
		now = recompute(&x, x.c.st, x.in.seq, doc);
		cs_buf_reset(&path);
		if (now == NULL || cs_json_first_diff(json_object_get(old,
		    "sections"), json_object_get(now, "sections"), &path) ||
		    !json_equal(json_object_get(old, "name"),
		    json_object_get(now, "name"))) {
			cs_warn("%s: genuine for ledger seq %ld, but not "
			    "current: the store, now at ledger seq %ld, gives "
			    "another report as of %s (sections%s differs); "
			    "ask for a new report",
			    file, seq, x.in.seq, json_string_value(
			    json_object_get(doc, "as_of")), path.s);
			rc = CS_REPORT_OUTDATED;
			goto out;
		}
	}
	rc = CS_EX_OK;
	if (!cs_opt.quiet)
		cs_warn("%s: genuine and current: report %s of %s as of %s, "
		    "ledger seq %ld%s", file, json_string_value(
		    json_object_get(doc, "report_no")), json_string_value(
		    json_object_get(doc, "uscc")), json_string_value(
		    json_object_get(doc, "as_of")), seq, seq != x.in.seq ?
		    " (the store has moved on; this entity's report is the "
		    "same)" : "");
out:
	cs_store_close(then);
	if (sdir[0] != '\0')
		cs_release_dir_discard(sdir);
	json_decref(doc);
	json_decref(old);
	json_decref(now);
	cs_buf_release(&b);
	cs_buf_release(&page);
	cs_buf_release(&path);
	cs_run_status(&x.c, rc);
	return rep_close(&x);
}
