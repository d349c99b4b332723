/*
 * cs-sample: publicly verifiable "double random, one open" draws.  frame
 * writes the canonical population (uscc,class) and its hash; draw takes
 * the lowest tickets per class and random inspectors for each target;
 * verify recomputes a draw; draws lists recorded draws and open targets.
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cs.h"

static struct opts {
	const char *plan;		/* --plan */
	const char *seed;		/* --seed, or the --seed-file bytes */
	size_t seedlen;
	char *seed_buf;
	const char *seed_file;
	const char *output;		/* frame -o */
	int saved;			/* frame --saved */
	const char *inspectors;
	const char *conflicts;
	int record;
	long *escalate;			/* --escalate, in order */
	size_t nescalate;
	const char *draw_id;		/* draws --draw */
	int targets;			/* draws --targets */
	int open_only;			/* draws --open */
	char **args;
	int nargs;
	int stdin_seen;
	const char *cmd;
} opt;

enum {
	OPT_PLAN = 0x300,
	OPT_SEED,
	OPT_SEED_FILE,
	OPT_SAVED,
	OPT_INSPECTORS,
	OPT_CONFLICTS,
	OPT_RECORD,
	OPT_ESCALATE,
	OPT_DRAW,
	OPT_TARGETS,
	OPT_OPEN
};

static const struct argp_child children[] = {
	{ &cs_common_argp, 0, NULL, 100 },
	{ 0 }
};

static noreturn void
usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A usage error found after argp: its message and Try line, exit 64. */
static noreturn void
usage_error(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s %s: ", program_invocation_name, opt.cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry `%s %s --help' or `%s %s --usage' for more "
	    "information.\n", program_invocation_name, opt.cmd,
	    program_invocation_name, opt.cmd);
	exit(CS_EX_USAGE);
}

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	char *end;
	long v;

	switch (key) {
	case OPT_PLAN:
		opt.plan = arg;
		break;
	case OPT_SEED:
		opt.seed = arg;
		opt.seedlen = strlen(arg);
		break;
	case OPT_SEED_FILE:
		opt.seed_file = arg;
		break;
	case 'o':
		opt.output = arg;
		break;
	case OPT_SAVED:
		opt.saved = 1;
		break;
	case OPT_INSPECTORS:
		opt.inspectors = arg;
		break;
	case OPT_CONFLICTS:
		opt.conflicts = arg;
		break;
	case OPT_RECORD:
		opt.record = 1;
		break;
	case OPT_ESCALATE:
		errno = 0;
		v = strtol(arg, &end, 10);
		if (*arg == '\0' || *end != '\0' || errno != 0 || v < 1 ||
		    v > 100000000)
			argp_error(state, "invalid --escalate '%s': expected a "
			    "whole number from 1 to 100000000", arg);
		opt.escalate = cs_xreallocarray(opt.escalate,
		    opt.nescalate + 1, sizeof(long));
		opt.escalate[opt.nescalate++] = v;
		break;
	case OPT_DRAW:
		if (!cs_id_valid(arg, strlen(arg)))
			argp_error(state, "invalid --draw '%s': not a draw id",
			    arg);
		opt.draw_id = arg;
		break;
	case OPT_TARGETS:
		opt.targets = 1;
		break;
	case OPT_OPEN:
		opt.open_only = 1;
		opt.targets = 1;
		break;
	case ARGP_KEY_ARG:
		if (strcmp(arg, "-") == 0 && opt.stdin_seen++)
			argp_error(state, "'-' (standard input) is given twice");
		opt.args = cs_xreallocarray(opt.args, (size_t)opt.nargs + 1,
		    sizeof(char *));
		opt.args[opt.nargs++] = arg;
		break;
	case ARGP_KEY_END:
		if (strcmp(opt.cmd, "draws") == 0 && opt.nargs > 0)
			argp_error(state, "takes no arguments (got '%s')",
			    opt.args[0]);
		if (strcmp(opt.cmd, "draw") == 0 && opt.nargs > 1)
			argp_error(state, "takes one FRAME (got '%s' too)",
			    opt.args[1]);
		if (strcmp(opt.cmd, "verify") == 0 && opt.nargs != 2)
			argp_error(state, "needs FRAME and SAMPLE");
		if (strcmp(opt.cmd, "frame") == 0 && opt.saved &&
		    opt.nargs > 0)
			argp_error(state, "--saved reads the store: no FILE "
			    "(got '%s')", opt.args[0]);
		if (strcmp(opt.cmd, "draws") != 0 && opt.plan == NULL)
			argp_error(state, "needs --plan");
		if ((strcmp(opt.cmd, "draw") == 0 ||
		    strcmp(opt.cmd, "verify") == 0) && opt.seed == NULL &&
		    opt.seed_file == NULL)
			argp_error(state, "needs --seed or --seed-file: there is "
			    "no draw without a published seed");
		if (opt.seed != NULL && opt.seed_file != NULL)
			argp_error(state, "--seed and --seed-file exclude each "
			    "other");
		if (opt.seed != NULL && opt.seedlen == 0)
			argp_error(state, "the seed is empty");
		if (opt.conflicts != NULL && opt.inspectors == NULL)
			argp_error(state, "--conflicts needs --inspectors");
		if (opt.record && opt.nescalate > 1)
			argp_error(state, "--record takes one --escalate (the "
			    "earlier rounds are in the store)");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* The seed of --seed-file: its bytes, one final newline dropped. */
static void
read_seed(void)
{
	struct cs_buf b;
	char chunk[4096];
	size_t n;
	FILE *fp;

	if (opt.seed_file == NULL)
		return;
	fp = fopen(opt.seed_file, "rb");
	if (fp == NULL)
		cs_die(CS_EX_NOINPUT, "%s: %s", opt.seed_file, strerror(errno));
	cs_buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		cs_buf_add(&b, chunk, n);
	if (ferror(fp))
		cs_die(CS_EX_IOERR, "%s: %s", opt.seed_file, strerror(errno));
	fclose(fp);
	if (b.len > 0 && b.s[b.len - 1] == '\n')
		b.s[--b.len] = '\0';
	if (b.len == 0)
		cs_die(CS_EX_DATAERR, "%s: the seed is empty", opt.seed_file);
	opt.seedlen = b.len;
	opt.seed_buf = cs_buf_detach(&b);
	opt.seed = opt.seed_buf;
}

static void
load_rules(struct cs_rules **ru)
{
	struct cs_error err;
	char *dir = cs_rules_dir(cs_opt.rules);
	int r = cs_rules_load(ru, dir, &err);

	free(dir);
	if (r != 0)
		cs_die_err(&err);
}

static struct cs_plan *
load_plan(const struct cs_rules *ru)
{
	struct cs_plan *p;
	struct cs_error err;

	if (cs_plan_load(&p, ru->dir, opt.plan, &err) != 0)
		cs_die_err(&err);
	return p;
}

/* Hex SHA-256 of fd's bytes from where it stands, into hex[65]. */
static int
hash_fd(int fd, int copy_to, char hex[65])
{
	struct cs_sha256_ctx *c = cs_sha256_new();
	unsigned char d[32], buf[65536];
	ssize_t r;

	for (;;) {
		r = read(fd, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		cs_sha256_update(c, buf, (size_t)r);
		if (copy_to >= 0 && write(copy_to, buf, (size_t)r) != r) {
			r = -1;
			break;
		}
	}
	cs_sha256_final(c, d);
	cs_hex(d, 32, hex);
	return r < 0 ? -1 : 0;
}

/* Hex SHA-256 of a file; exits 66 when it cannot be read. */
static void
hash_file(const char *path, char hex[65])
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		cs_die(CS_EX_NOINPUT, "%s: %s", path, strerror(errno));
	if (hash_fd(fd, -1, hex) != 0)
		cs_die(CS_EX_IOERR, "%s: %s", path, strerror(errno));
	close(fd);
}

/*
 * An input read twice (counts, then tickets): a file, or stdin, which is
 * spooled to a temporary file unless it is a regular file already.
 */
struct twice {
	const char *path;		/* as given; "-" for stdin */
	off_t start;			/* stdin: where its bytes begin */
	char hash[65];
};

static void
twice_open(struct twice *t, const char *path)
{
	char tmpl[4096];
	struct stat sb;
	int fd;

	t->path = path == NULL ? "-" : path;
	if (strcmp(t->path, "-") != 0) {
		hash_file(t->path, t->hash);
		return;
	}
	if (fstat(0, &sb) == 0 && S_ISREG(sb.st_mode)) {
		t->start = lseek(0, 0, SEEK_CUR);
		if (hash_fd(0, -1, t->hash) != 0)
			cs_die(CS_EX_IOERR, "<stdin>: %s", strerror(errno));
		return;
	}
	cs_fmt(tmpl, sizeof(tmpl), "%s/cs-sample.XXXXXX", getenv("TMPDIR") ?
	    getenv("TMPDIR") : "/tmp");
	fd = mkstemp(tmpl);
	if (fd < 0)
		cs_die(CS_EX_CANTCREAT, "cannot spool <stdin> to '%s': %s",
		    tmpl, strerror(errno));
	unlink(tmpl);
	if (hash_fd(0, fd, t->hash) != 0)
		cs_die(CS_EX_IOERR, "cannot spool <stdin> to '%s': %s", tmpl,
		    strerror(errno));
	if (dup2(fd, 0) < 0)
		cs_die(CS_EX_IOERR, "<stdin>: %s", strerror(errno));
	close(fd);
	t->start = 0;
}

static struct cs_reader *
twice_reader(struct twice *t, const struct cs_rules *ru)
{
	struct cs_read_opts ro = { cs_opt.from, cs_opt.encoding, ru->aliases };
	struct cs_reader *r;
	struct cs_error err;

	if (strcmp(t->path, "-") == 0 && lseek(0, t->start, SEEK_SET) < 0)
		cs_die(CS_EX_IOERR, "<stdin>: %s", strerror(errno));
	if (cs_reader_open(&r, t->path, &ro, &err) != 0)
		cs_die_err(&err);
	return r;
}

/* The trimmed value of column j of row, NUL-terminated into buf. */
static const char *
field(const struct cs_row *row, long j, char *buf, size_t n)
{
	const char *v = cs_row_get(row, j);
	size_t len;

	if (v == NULL)
		return "";
	v += strspn(v, " \t");
	len = strlen(v);
	while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '\t' ||
	    v[len - 1] == '\r'))
		len--;
	if (len >= n)
		len = n - 1;
	memcpy(buf, v, len);
	buf[len] = '\0';
	return buf;
}

/*
 * The USCC and class of a row: 0, or -1 with the reason in msg.  The USCC
 * is normalised into uscc[19]; the class must be one of the plan's.
 */
static int
row_entity(const struct cs_row *row, const struct cs_rules *ru,
    const struct cs_plan *plan, char uscc[19], long *cls, char *msg,
    size_t msgsz)
{
	long ju = cs_header_find(row->hdr, "uscc");
	long jc = cs_header_find(row->hdr, "class");
	char buf[64], *list;
	const char *v;

	if (row->bad != NULL) {
		cs_fmt(msg, msgsz, "%s", row->bad);
		return -1;
	}
	if (ju < 0 || jc < 0) {
		cs_fmt(msg, msgsz, "no column '%s'", ju < 0 ? "uscc" : "class");
		return -1;
	}
	v = cs_row_get(row, ju);
	if (v == NULL) {
		cs_fmt(msg, msgsz, "no uscc");
		return -1;
	}
	/* Pilot codes stay out: they are accepted only where cs-record is
	 * told to, and a frame comes after that. */
	switch (cs_uscc_check(&ru->uscc, "uscc", v, strlen(v), uscc, msg,
	    msgsz)) {
	case CS_USCC_BAD:
	case CS_USCC_PILOT:
		return -1;
	default:
		break;
	}
	v = field(row, jc, buf, sizeof(buf));
	*cls = cs_plan_class(plan, v);
	if (*cls < 0) {
		list = cs_plan_class_list(plan);
		cs_fmt(msg, msgsz, "class '%s' is not a class of plan '%s' (%s)",
		    v, plan->id, list);
		free(list);
		return -1;
	}
	return 0;
}

/* An entity of the frame. */
struct entry {
	char uscc[19];
	unsigned char cls;		/* index into plan->classes */
	int file;			/* index into the input names */
	long line;
};

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return strcmp(x->uscc, y->uscc);
}

/*
 * The last day whose skip_recent period has run out by as_of: a draw on a
 * later day is recent.  cs_period_add only adds, so step up to it.
 */
static int
skip_cut(const struct cs_plan *p, int as_of)
{
	int c = as_of - (p->skip.years * 366 + p->skip.months * 31 +
	    p->skip.days) - 2;

	while (cs_period_add(c + 1, &p->skip) <= as_of)
		c++;
	return c;
}

/* Fill set with the USCCs of an iterator, then free it. */
static void
uscc_set(struct cs_run *c, struct cs_store_iter *it, struct cs_strmap *set)
{
	struct cs_error err;
	char uscc[19];
	int r;

	while ((r = cs_store_next_uscc(it, uscc, &err)) == 1)
		cs_strmap_put(set, uscc, NULL);
	cs_store_iter_free(it);
	if (r < 0)
		cs_run_fatal(c, &err);
}

/* Write the frame to fp, hashing what is written. */
static int
write_frame(FILE *fp, const struct cs_plan *plan, const struct entry *e,
    size_t n, const unsigned char *keep, char hex[65])
{
	struct cs_sha256_ctx *h = cs_sha256_new();
	struct cs_buf b;
	unsigned char d[32];
	size_t i;
	int rc = 0;

	cs_buf_init(&b);
	cs_buf_adds(&b, "uscc,class\n");
	for (i = 0; i < n; i++) {
		if (!keep[i])
			continue;
		cs_buf_add(&b, e[i].uscc, 18);
		cs_buf_addc(&b, ',');
		cs_buf_adds(&b, plan->classes[e[i].cls]);
		cs_buf_addc(&b, '\n');
		if (b.len >= 65536 || i + 1 == n) {
			cs_sha256_update(h, b.s, b.len);
			if (fwrite(b.s, 1, b.len, fp) != b.len)
				rc = -1;
			cs_buf_reset(&b);
		}
	}
	if (b.len > 0) {
		cs_sha256_update(h, b.s, b.len);
		if (fwrite(b.s, 1, b.len, fp) != b.len)
			rc = -1;
	}
	cs_buf_release(&b);
	cs_sha256_final(h, d);
	cs_hex(d, 32, hex);
	return rc;
}

static void
frame_output(struct cs_run *c, const struct cs_plan *plan,
    const struct entry *e, size_t n, const unsigned char *keep, char hex[65])
{
	char path[4096];
	const char *base;
	FILE *fp;

	if (opt.output == NULL) {
		write_frame(stdout, plan, e, n, keep, hex);
		return;
	}
	fp = fopen(opt.output, "w");
	if (fp == NULL) {
		cs_warn("cannot create '%s': %s", opt.output, strerror(errno));
		cs_run_leave(c, CS_EX_CANTCREAT);
	}
	if (write_frame(fp, plan, e, n, keep, hex) != 0 || fclose(fp) != 0) {
		cs_warn("%s: %s", opt.output, strerror(errno));
		cs_run_leave(c, CS_EX_IOERR);
	}
	cs_fmt(path, sizeof(path), "%s.sha256", opt.output);
	base = strrchr(opt.output, '/');
	base = base != NULL ? base + 1 : opt.output;
	fp = fopen(path, "w");
	if (fp == NULL) {
		cs_warn("cannot create '%s': %s", path, strerror(errno));
		cs_run_leave(c, CS_EX_CANTCREAT);
	}
	fprintf(fp, "%s  %s\n", hex, base);
	if (fclose(fp) != 0) {
		cs_warn("%s: %s", path, strerror(errno));
		cs_run_leave(c, CS_EX_IOERR);
	}
}

/* The entities of the saved classes, as of --as-of. */
static void
frame_saved(struct cs_run *c, const struct cs_plan *plan, struct entry **e,
    size_t *n)
{
	struct cs_store_iter *it;
	struct cs_class k;
	struct cs_error err;
	char *list;
	long cls;
	int r;

	if (cs_store_iter_classes(c->st, NULL, cs_opt.as_of_str, &it, &err) != 0)
		cs_run_fatal(c, &err);
	while ((r = cs_store_next_class(it, &k, &err)) == 1) {
		cls = cs_plan_class(plan, k.cls);
		if (cls < 0) {
			list = cs_plan_class_list(plan);
			cs_warn("%s: saved class '%s' (ledger seq %ld) is not a "
			    "class of plan '%s' (%s); left out", k.uscc, k.cls,
			    k.seq, plan->id, list);
			free(list);
			c->n.rejected++;
			cs_run_status(c, CS_EX_FOUND);
			continue;
		}
		*e = cs_xreallocarray(*e, *n + 1, sizeof(**e));
		memcpy((*e)[*n].uscc, k.uscc, 19);
		(*e)[*n].cls = (unsigned char)cls;
		(*e)[*n].file = -1;
		(*e)[*n].line = k.seq;
		(*n)++;
	}
	cs_store_iter_free(it);
	if (r < 0)
		cs_run_fatal(c, &err);
}

/* The entities of the input streams; bad rows are rejected. */
static void
frame_stream(struct cs_run *c, const struct cs_plan *plan, struct entry **e,
    size_t *n, char ***files, size_t *nfiles)
{
	struct cs_item *it;
	char msg[512], uscc[19];
	size_t cap = 0;
	long cls;

	cs_run_inputs(c, NULL, NULL, 0, NULL, 0);
	while (cs_run_next(c, &it)) {
		const struct cs_row *row = &it->row;

		if (c->format != CS_FMT_NDJSON &&
		    (cs_header_find(row->hdr, "uscc") < 0 ||
		    cs_header_find(row->hdr, "class") < 0)) {
			cs_warn("%s: the header has no column '%s'", row->file,
			    cs_header_find(row->hdr, "uscc") < 0 ? "uscc" :
			    "class");
			cs_run_leave(c, CS_EX_DATAERR);
		}
		if (row_entity(row, c->ru, plan, uscc, &cls, msg,
		    sizeof(msg)) != 0) {
			c->n.rejected++;
			cs_run_reject(c, row, msg);
			continue;
		}
		if (*nfiles == 0 || strcmp((*files)[*nfiles - 1], row->file)) {
			*files = cs_xreallocarray(*files, *nfiles + 1,
			    sizeof(char *));
			(*files)[(*nfiles)++] = cs_xstrdup(row->file);
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 1024;
			*e = cs_xreallocarray(*e, cap, sizeof(**e));
		}
		memcpy((*e)[*n].uscc, uscc, 19);
		(*e)[*n].cls = (unsigned char)cls;
		(*e)[*n].file = (int)*nfiles - 1;
		(*e)[*n].line = row->line;
		(*n)++;
	}
}

static int
cmd_frame(void)
{
	struct cs_run_opts o = { 0 };
	struct cs_store_iter *it;
	struct cs_strmap recent, gone;
	struct cs_error err;
	struct cs_plan *plan;
	long *cnt;
	struct entry *e = NULL;
	struct cs_buf sum;
	struct cs_run c;
	unsigned char *keep;
	char **files = NULL, hex[65], cut[11];
	size_t n = 0, nfiles = 0, i;
	long recent_n = 0, gone_n = 0, kept = 0;

	o.tool = "cs-sample";
	o.need_store = 1;
	o.inputs = opt.args;
	o.ninputs = opt.nargs;
	cs_run_open(&c, &o);
	plan = load_plan(c.ru);
	cs_strmap_init(&recent);
	cs_strmap_init(&gone);
	cut[0] = '\0';
	if (plan->has_skip) {
		cs_date_format(skip_cut(plan, cs_opt.as_of), cut);
		if (cs_store_iter_drawn(c.st, cut, cs_opt.as_of_str, &it,
		    &err) != 0)
			cs_run_fatal(&c, &err);
		uscc_set(&c, it, &recent);
	}
	if (cs_store_iter_status(c.st, "deregistered", &it, &err) != 0)
		cs_run_fatal(&c, &err);
	uscc_set(&c, it, &gone);
	if (opt.saved)
		frame_saved(&c, plan, &e, &n);
	else
		frame_stream(&c, plan, &e, &n, &files, &nfiles);
	if (n > 0)
		qsort(e, n, sizeof(*e), entry_cmp);
	for (i = 1; i < n; i++) {
		if (strcmp(e[i].uscc, e[i - 1].uscc) != 0)
			continue;
		if (e[i].file < 0)
			cs_warn("uscc '%s' has two saved classes", e[i].uscc);
		else
			cs_warn("%s:%ld: uscc '%s' is also at %s:%ld; a frame "
			    "holds an entity once", files[e[i].file],
			    e[i].line > e[i - 1].line ? e[i].line :
			    e[i - 1].line, e[i].uscc, files[e[i - 1].file],
			    e[i].line > e[i - 1].line ? e[i - 1].line :
			    e[i].line);
		cs_run_leave(&c, CS_EX_DATAERR);
	}
	keep = cs_xcalloc(n ? n : 1, 1);
	cnt = cs_xcalloc(plan->nclasses, sizeof(*cnt));
	for (i = 0; i < n; i++) {
		if (cs_strmap_get(&gone, e[i].uscc) != NULL) {
			gone_n++;
			continue;
		}
		if (cs_strmap_get(&recent, e[i].uscc) != NULL &&
		    cs_plan_skips(plan, plan->classes[e[i].cls])) {
			recent_n++;
			continue;
		}
		keep[i] = 1;
		kept++;
		cnt[e[i].cls]++;
	}
	frame_output(&c, plan, e, n, keep, hex);
	cs_warn("frame_hash %s", hex);
	if (!cs_opt.quiet) {
		cs_buf_init(&sum);
		for (i = 0; i < plan->nclasses; i++)
			cs_buf_addf(&sum, "%s%s %ld", i ? ", " : "",
			    plan->classes[i], cnt[i]);
		cs_warn("frame of %ld entities (%s); left out: %ld drawn after "
		    "%s, %ld deregistered, %ld rejected", kept, sum.s, recent_n,
		    plan->has_skip ? cut : "(no skip_recent)", gone_n,
		    c.n.rejected);
		cs_buf_release(&sum);
	}
	for (i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	free(cnt);
	free(keep);
	free(e);
	cs_strmap_release(&recent);
	cs_strmap_release(&gone);
	cs_plan_free(plan);
	return cs_run_close(&c);
}

/* Everything a draw is computed from, and what it gives. */
struct draw {
	struct cs_rules *ru;
	struct cs_plan *plan;
	struct cs_sampler *s;
	struct twice in;
	long *n;			/* entities per class */
	long *base;			/* the plan's count per class */
	long *want;			/* with the escalation rounds */
	struct cs_heap *heap;		/* per class */
	const long *esc;		/* tickets per class added per round */
	size_t nesc;
	int fmt;			/* of the input */
	struct cs_header hdr;		/* of the input */
	long *pass;			/* input columns passed through */
	size_t npass;
	const char **names;		/* output columns */
	size_t ncols;
	/* inspectors */
	struct cs_inspector *ins;
	size_t nins;
	char **strs;			/* strings of ins, owned */
	size_t nstrs;
	struct cs_strmap conflicts;
	char ins_hash[65];
	char conf_hash[65];
	size_t *chosen;			/* per pick, k each (class, rank order) */
	char **why;			/* per pick: NULL, or unassigned because */
	long total;
	long unassigned;
	int fast;			/* -1 untried, 1 canonical, 0 cs_reader */
};

/* A row's values, kept with a pick: per value a length (~0: absent). */
static char *
pack_row(const struct cs_row *row, size_t *len)
{
	struct cs_buf b;
	uint32_t l;
	size_t i;

	cs_buf_init(&b);
	for (i = 0; i < row->n; i++) {
		l = row->val[i] == NULL ? UINT32_MAX : (uint32_t)row->len[i];
		cs_buf_add(&b, &l, sizeof(l));
		if (row->val[i] != NULL)
			cs_buf_add(&b, row->val[i], row->len[i]);
	}
	*len = b.len;
	return cs_buf_detach(&b);
}

/* Value i of a packed row (borrowed, NUL-less: *n bytes), or NULL. */
static const char *
packed_value(const char *p, size_t len, size_t i, size_t *n)
{
	size_t at = 0, k;
	uint32_t l;

	for (k = 0; at + sizeof(l) <= len; k++) {
		memcpy(&l, p + at, sizeof(l));
		at += sizeof(l);
		if (k == i) {
			if (l == UINT32_MAX)
				return NULL;
			*n = l;
			return p + at;
		}
		if (l != UINT32_MAX)
			at += l;
	}
	return NULL;
}

/*
 * The canonical frame -- what frame writes: "uscc,class", then lines of
 * an 18-character USCC, a comma and a class, LF -- is read here without
 * the CSV machinery, which costs more than the rest of a draw together.
 * Anything else goes through cs_reader.
 */
struct scan {
	int fd;
	char *buf;
	size_t len;			/* bytes in buf */
	size_t pos;			/* next line */
	int eof;
	long line;			/* of the line handed out last */
};

enum { SCAN_BUF = 1 << 20 };

static int
scan_open(struct scan *sc, const struct twice *t)
{
	memset(sc, 0, sizeof(*sc));
	if (strcmp(t->path, "-") == 0) {
		if (lseek(0, t->start, SEEK_SET) < 0)
			return -1;
		sc->fd = dup(0);
	} else {
		sc->fd = open(t->path, O_RDONLY | O_CLOEXEC);
	}
	if (sc->fd < 0)
		return -1;
	sc->buf = cs_xmalloc(SCAN_BUF);
	return 0;
}

static void
scan_close(struct scan *sc)
{
	if (sc->fd >= 0)
		close(sc->fd);
	free(sc->buf);
}

/*
 * The next line without its LF: 1 with *p and *n, 0 at the end, -1 when
 * the last line has no LF or a line is longer than the buffer.
 */
static int
scan_line(struct scan *sc, const char **p, size_t *n)
{
	char *nl;
	ssize_t r;

	for (;;) {
		nl = memchr(sc->buf + sc->pos, '\n', sc->len - sc->pos);
		if (nl != NULL) {
			*p = sc->buf + sc->pos;
			*n = (size_t)(nl - *p);
			sc->pos += *n + 1;
			sc->line++;
			return 1;
		}
		if (sc->eof)
			return sc->pos == sc->len ? 0 : -1;
		memmove(sc->buf, sc->buf + sc->pos, sc->len - sc->pos);
		sc->len -= sc->pos;
		sc->pos = 0;
		if (sc->len == SCAN_BUF)
			return -1;
		r = read(sc->fd, sc->buf + sc->len, SCAN_BUF - sc->len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			cs_die(CS_EX_IOERR, "reading the frame: %s",
			    strerror(errno));
		if (r == 0)
			sc->eof = 1;
		sc->len += (size_t)r;
	}
}

/* The class of a canonical line "USCC,CLASS", or -1 when it is not one. */
static long
canonical(const struct cs_plan *plan, const char *p, size_t n)
{
	size_t i;

	if (n < 20 || p[18] != ',')
		return -1;
	for (i = 0; i < 18; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'A' &&
		    p[i] <= 'Z')))
			return -1;
	for (i = 0; i < plan->nclasses; i++)
		if (strlen(plan->classes[i]) == n - 19 &&
		    memcmp(plan->classes[i], p + 19, n - 19) == 0)
			return (long)i;
	return -1;
}

/*
 * One pass over a canonical frame.  Returns 0, or -1 before anything was
 * counted when the input is not a canonical frame (the caller reads it
 * with cs_reader instead).
 */
static int
fast_pass(struct draw *d, int second)
{
	const char *name = strcmp(d->in.path, "-") ? d->in.path : "<stdin>";
	unsigned char dg[32];
	struct cs_ticket t;
	struct scan sc;
	char uscc[19], msg[512];
	const char *p;
	size_t n;
	long cls;
	int k;

	if (cs_opt.from == CS_FMT_NDJSON || cs_opt.encoding != NULL ||
	    scan_open(&sc, &d->in) != 0)
		return -1;
	k = scan_line(&sc, &p, &n);
	if (k != 1 || n != 10 || memcmp(p, "uscc,class", 10) != 0) {
		scan_close(&sc);
		return -1;
	}
	while ((k = scan_line(&sc, &p, &n)) == 1) {
		cls = canonical(d->plan, p, n);
		if (cls < 0 && !second) {
			/* Out of form: cs_reader reads it all again. */
			memset(d->n, 0, d->plan->nclasses * sizeof(long));
			scan_close(&sc);
			return -1;
		}
		if (cls < 0)
			cs_die(CS_EX_DATAERR, "%s:%ld: the frame changed while it "
			    "was read", name, sc.line);
		if (!second) {
			switch (cs_uscc_check(&d->ru->uscc, "uscc", p, 18, uscc,
			    msg, sizeof(msg))) {
			case CS_USCC_BAD:
			case CS_USCC_PILOT:
				cs_die(CS_EX_DATAERR, "%s:%ld: %s: a frame must be "
				    "clean (see cs-sample frame)", name, sc.line,
				    msg);
			default:
				break;
			}
			d->n[cls]++;
			continue;
		}
		cs_sampler_digest(d->s, p, 18, dg);
		if (!cs_heap_wants_head(&d->heap[cls], cs_ticket_head(dg)))
			continue;
		cs_ticket_from_digest(dg, &t);
		memcpy(uscc, p, 18);
		uscc[18] = '\0';
		cs_heap_offer(&d->heap[cls], &t, uscc, NULL, 0);
	}
	scan_close(&sc);
	if (k < 0 && !second) {
		memset(d->n, 0, d->plan->nclasses * sizeof(long));
		return -1;
	}
	if (k < 0)
		cs_die(CS_EX_DATAERR, "%s:%ld: the frame changed while it was "
		    "read", name, sc.line + 1);
	d->fmt = CS_FMT_CSV;
	if (second) {
		cs_header_init(&d->hdr);
		cs_header_add(&d->hdr, "uscc", "uscc");
		cs_header_add(&d->hdr, "class", "class");
	}
	return 0;
}

/*
 * Read the frame: check every row and count the classes (second 0), or
 * offer each entity to its class's heap.  The second pass trusts what the
 * first checked: USCCs are taken as written (the first pass made sure they
 * are canonical), and most tickets are turned away by their first digits.
 */
static void
draw_pass(struct draw *d, int second)
{
	struct cs_reader *r;
	const struct cs_header *h;
	unsigned char dg[32];
	struct cs_ticket t;
	struct cs_row *row;
	struct cs_error err;
	char uscc[19], msg[512], buf[64], *data;
	size_t len, i;
	long cls, ju = -1, jc = -1;
	int k;

	if (d->fast != 0) {
		if (fast_pass(d, second) == 0) {
			d->fast = 1;
			return;
		}
		if (d->fast == 1)
			cs_die(CS_EX_DATAERR, "%s: the frame changed while it was "
			    "read", strcmp(d->in.path, "-") ? d->in.path :
			    "<stdin>");
	}
	d->fast = 0;
	r = twice_reader(&d->in, d->ru);
	while ((k = cs_reader_next(r, &row, &err)) == 1) {
		if (!second) {
			if (row_entity(row, d->ru, d->plan, uscc, &cls, msg,
			    sizeof(msg)) != 0)
				cs_die(CS_EX_DATAERR, "%s:%ld: %s: a frame must be "
				    "clean (see cs-sample frame)", row->file,
				    row->line, msg);
			ju = cs_header_find(row->hdr, "uscc");
			if (strcmp(cs_row_get(row, ju), uscc) != 0)
				cs_die(CS_EX_DATAERR, "%s:%ld: uscc '%s' is not "
				    "written as '%s': a frame holds canonical "
				    "USCCs (see cs-sample frame)", row->file,
				    row->line, cs_row_get(row, ju), uscc);
			d->n[cls]++;
			continue;
		}
		if (ju < 0 || d->fmt == CS_FMT_NDJSON) {
			ju = cs_header_find(row->hdr, "uscc");
			jc = cs_header_find(row->hdr, "class");
		}
		cls = cs_plan_class(d->plan, field(row, jc, buf, sizeof(buf)));
		if (cs_row_get(row, ju) == NULL || row->len[ju] != 18 || cls < 0)
			cs_die(CS_EX_DATAERR, "%s:%ld: the frame changed while it "
			    "was read", row->file, row->line);
		cs_sampler_digest(d->s, row->val[ju], 18, dg);
		if (!cs_heap_wants_head(&d->heap[cls], cs_ticket_head(dg)))
			continue;
		cs_ticket_from_digest(dg, &t);
		memcpy(uscc, row->val[ju], 18);
		uscc[18] = '\0';
		if (!cs_heap_wants(&d->heap[cls], &t, uscc))
			continue;
		data = pack_row(row, &len);
		cs_heap_offer(&d->heap[cls], &t, uscc, data, len);
	}
	if (k < 0)
		cs_die_err(&err);
	d->fmt = cs_reader_format(r);
	if (second) {
		h = cs_reader_header(r);
		cs_header_init(&d->hdr);
		for (i = 0; i < h->n; i++)
			cs_header_add(&d->hdr, h->orig[i], h->name[i]);
	}
	cs_reader_close(r);
}

/* Columns draw writes itself: not passed through from the input. */
static int
owned(const char *name)
{
	static const char *const own[] = { "uscc", "class", "ticket", "rank",
	    "round", "unassigned", NULL };
	size_t i;

	for (i = 0; own[i] != NULL; i++)
		if (strcmp(name, own[i]) == 0)
			return 1;
	return strncmp(name, "inspector_", 10) == 0 &&
	    strspn(name + 10, "0123456789") == strlen(name + 10) &&
	    name[10] != '\0';
}

/* The round of the pick of rank r (1-based) in class i. */
static int
pick_round(const struct draw *d, size_t i, long r)
{
	long cum = d->base[i];
	size_t j;

	if (r <= cum)
		return 1;
	for (j = 0; j < d->nesc; j++) {
		cum += d->esc[j];
		if (r <= cum)
			return (int)j + 2;
	}
	return (int)d->nesc + 1;
}

static void
load_inspectors(struct draw *d)
{
	struct cs_read_opts ro = { CS_FMT_AUTO, cs_opt.encoding, NULL };
	static const char *const need[] = { "inspector_id", "unit",
	    "capacity" };
	struct cs_strmap seen;
	struct cs_reader *r;
	struct cs_row *row;
	struct cs_error err;
	char id[256], unit[256], cap[64], uscc[19], msg[512], *end;
	long j[3], cap_v;
	size_t i;
	int k;

	cs_strmap_init(&d->conflicts);
	if (opt.inspectors == NULL)
		return;
	hash_file(opt.inspectors, d->ins_hash);
	if (cs_reader_open(&r, opt.inspectors, &ro, &err) != 0)
		cs_die_err(&err);
	cs_strmap_init(&seen);
	while ((k = cs_reader_next(r, &row, &err)) == 1) {
		for (i = 0; i < 3; i++) {
			j[i] = cs_header_find(row->hdr, need[i]);
			if (j[i] < 0)
				cs_die(CS_EX_DATAERR, "%s: no column '%s'",
				    opt.inspectors, need[i]);
		}
		if (row->bad != NULL)
			cs_die(CS_EX_DATAERR, "%s:%ld: %s", row->file, row->line,
			    row->bad);
		field(row, j[0], id, sizeof(id));
		field(row, j[1], unit, sizeof(unit));
		field(row, j[2], cap, sizeof(cap));
		if (id[0] == '\0' || unit[0] == '\0')
			cs_die(CS_EX_DATAERR, "%s:%ld: empty %s", row->file,
			    row->line, id[0] == '\0' ? "inspector_id" : "unit");
		if (cs_strmap_get(&seen, id) != NULL)
			cs_die(CS_EX_DATAERR, "%s:%ld: inspector '%s' is listed "
			    "twice", row->file, row->line, id);
		cs_strmap_put(&seen, id, NULL);
		cap_v = -1;
		if (cap[0] != '\0') {
			errno = 0;
			cap_v = strtol(cap, &end, 10);
			if (*end != '\0' || errno != 0 || cap_v < 0)
				cs_die(CS_EX_DATAERR, "%s:%ld: capacity '%s' is not "
				    "a whole number", row->file, row->line, cap);
		}
		d->ins = cs_xreallocarray(d->ins, d->nins + 1, sizeof(*d->ins));
		d->strs = cs_xreallocarray(d->strs, d->nstrs + 2,
		    sizeof(char *));
		d->strs[d->nstrs++] = cs_xstrdup(id);
		d->strs[d->nstrs++] = cs_xstrdup(unit);
		d->ins[d->nins].id = d->strs[d->nstrs - 2];
		d->ins[d->nins].unit = d->strs[d->nstrs - 1];
		d->ins[d->nins].capacity = cap_v;
		d->ins[d->nins].used = 0;
		d->nins++;
	}
	if (k < 0)
		cs_die_err(&err);
	cs_reader_close(r);
	if (opt.conflicts != NULL) {
		struct cs_buf key;

		hash_file(opt.conflicts, d->conf_hash);
		if (cs_reader_open(&r, opt.conflicts, &ro, &err) != 0)
			cs_die_err(&err);
		cs_buf_init(&key);
		while ((k = cs_reader_next(r, &row, &err)) == 1) {
			j[0] = cs_header_find(row->hdr, "inspector_id");
			j[1] = cs_header_find(row->hdr, "uscc");
			if (j[0] < 0 || j[1] < 0)
				cs_die(CS_EX_DATAERR, "%s: no column '%s'",
				    opt.conflicts, j[0] < 0 ? "inspector_id" :
				    "uscc");
			if (row->bad != NULL)
				cs_die(CS_EX_DATAERR, "%s:%ld: %s", row->file,
				    row->line, row->bad);
			field(row, j[0], id, sizeof(id));
			if (cs_strmap_get(&seen, id) == NULL)
				cs_die(CS_EX_DATAERR, "%s:%ld: no inspector '%s' "
				    "in %s", row->file, row->line, id,
				    opt.inspectors);
			field(row, j[1], unit, sizeof(unit));
			if (cs_uscc_check(&d->ru->uscc, "uscc", unit,
			    strlen(unit), uscc, msg, sizeof(msg)) == CS_USCC_BAD)
				cs_die(CS_EX_DATAERR, "%s:%ld: %s", row->file,
				    row->line, msg);
			cs_conflict_key(&key, id, uscc);
			cs_strmap_put(&d->conflicts, key.s, NULL);
		}
		if (k < 0)
			cs_die_err(&err);
		cs_buf_release(&key);
		cs_reader_close(r);
	}
	cs_strmap_release(&seen);
}

/* Picks in the order inspectors are assigned: round, then ticket. */
struct ref {
	size_t cls;
	size_t i;
	size_t at;			/* position in class, rank order */
	int round;
};

static const struct draw *ref_d;

static int
ref_cmp(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;
	const struct cs_pick *p = &ref_d->heap[x->cls].a[x->i];
	const struct cs_pick *q = &ref_d->heap[y->cls].a[y->i];
	int c;

	if (x->round != y->round)
		return x->round < y->round ? -1 : 1;
	c = cs_ticket_cmp(&p->t, &q->t);
	return c != 0 ? c : strcmp(p->uscc, q->uscc);
}

static void
assign(struct draw *d)
{
	struct cs_assigner a;
	struct ref *refs;
	char why[256];
	size_t i, j, at = 0, k = (size_t)d->plan->per_target;

	d->chosen = cs_xcalloc(d->total * k + 1, sizeof(size_t));
	d->why = cs_xcalloc(d->total + 1, sizeof(char *));
	if (opt.inspectors == NULL)
		return;
	refs = cs_xcalloc(d->total + 1, sizeof(*refs));
	for (i = 0; i < d->plan->nclasses; i++)
		for (j = 0; j < d->heap[i].n; j++, at++) {
			refs[at].cls = i;
			refs[at].i = j;
			refs[at].at = at;
			refs[at].round = pick_round(d, i, (long)j + 1);
		}
	ref_d = d;
	qsort(refs, (size_t)d->total, sizeof(*refs), ref_cmp);
	cs_assigner_init(&a);
	a.s = d->s;
	a.ins = d->ins;
	a.nins = d->nins;
	a.conflicts = &d->conflicts;
	a.k = d->plan->per_target;
	a.distinct_units = d->plan->distinct_units;
	for (i = 0; i < (size_t)d->total; i++) {
		const struct cs_pick *p = &d->heap[refs[i].cls].a[refs[i].i];

		if (cs_assign(&a, p->uscc, d->chosen + refs[i].at * k, why,
		    sizeof(why)) != 0) {
			d->why[refs[i].at] = cs_xstrdup(why);
			d->unassigned++;
		}
	}
	cs_assigner_release(&a);
	free(refs);
}

/* Compute the draw of d->in; the caller has set esc. */
static void
compute(struct draw *d)
{
	size_t i, j;

	d->s = cs_sampler_new(opt.seed, opt.seedlen);
	d->fast = -1;
	d->n = cs_xcalloc(d->plan->nclasses, sizeof(long));
	d->base = cs_xcalloc(d->plan->nclasses, sizeof(long));
	d->want = cs_xcalloc(d->plan->nclasses, sizeof(long));
	d->heap = cs_xcalloc(d->plan->nclasses, sizeof(*d->heap));
	draw_pass(d, 0);
	for (i = 0; i < d->plan->nclasses; i++) {
		d->base[i] = cs_quota_count(&d->plan->quota[i], d->n[i]);
		d->want[i] = d->base[i];
		for (j = 0; j < d->nesc; j++)
			d->want[i] += d->esc[j];
		if (d->want[i] > d->n[i])
			d->want[i] = d->n[i];
		cs_heap_init(&d->heap[i], (size_t)d->want[i]);
	}
	draw_pass(d, 1);
	for (i = 0; i < d->plan->nclasses; i++) {
		const char *dup = cs_heap_sort(&d->heap[i]);

		if (dup != NULL)
			cs_die(CS_EX_DATAERR, "%s: uscc '%s' is in the frame "
			    "twice", strcmp(d->in.path, "-") ? d->in.path :
			    "<stdin>", dup);
		d->total += (long)d->heap[i].n;
	}
	d->names = cs_xcalloc(d->hdr.n + 8 + (size_t)d->plan->per_target,
	    sizeof(char *));
	d->pass = cs_xcalloc(d->hdr.n + 1, sizeof(long));
	d->names[d->ncols++] = "uscc";
	d->names[d->ncols++] = "class";
	d->names[d->ncols++] = "ticket";
	d->names[d->ncols++] = "rank";
	if (d->nesc > 0)
		d->names[d->ncols++] = "round";
	for (i = 0; i < d->hdr.n; i++)
		if (!owned(d->hdr.name[i])) {
			d->pass[d->npass++] = (long)i;
			d->names[d->ncols++] = d->hdr.name[i];
		}
	load_inspectors(d);
	if (opt.inspectors != NULL) {
		static char ibuf[16][16];

		for (i = 0; i < (size_t)d->plan->per_target && i < 16; i++) {
			cs_fmt(ibuf[i], sizeof(ibuf[i]), "inspector_%zu", i + 1);
			d->names[d->ncols++] = ibuf[i];
		}
		d->names[d->ncols++] = "unassigned";
	}
	assign(d);
}

/* Hand every output row, by class and rank, to emit. */
static void
emit_rows(struct draw *d, void (*emit)(void *, const char *const *,
    const size_t *), void *ctx)
{
	const char **v = cs_xcalloc(d->ncols, sizeof(char *));
	size_t *len = cs_xcalloc(d->ncols, sizeof(size_t));
	size_t i, j, m, at = 0, k = (size_t)d->plan->per_target;
	char tk[CS_TICKET_STRLEN], rank[32], round[16];

	for (i = 0; i < d->plan->nclasses; i++) {
		for (j = 0; j < d->heap[i].n; j++, at++) {
			const struct cs_pick *p = &d->heap[i].a[j];
			size_t c = 0;

			cs_ticket_format(&p->t, tk);
			snprintf(rank, sizeof(rank), "%zu", j + 1);
			snprintf(round, sizeof(round), "%d",
			    pick_round(d, i, (long)j + 1));
			v[c] = p->uscc;
			len[c++] = 18;
			v[c] = d->plan->classes[i];
			len[c++] = strlen(d->plan->classes[i]);
			v[c] = tk;
			len[c++] = strlen(tk);
			v[c] = rank;
			len[c++] = strlen(rank);
			if (d->nesc > 0) {
				v[c] = round;
				len[c++] = strlen(round);
			}
			for (m = 0; m < d->npass; m++) {
				v[c] = packed_value(p->data, p->len,
				    (size_t)d->pass[m], &len[c]);
				if (v[c] == NULL) {
					v[c] = "";
					len[c] = 0;
				}
				c++;
			}
			if (opt.inspectors != NULL) {
				for (m = 0; m < k; m++) {
					v[c] = d->why[at] != NULL ? "" :
					    d->ins[d->chosen[at * k + m]].id;
					len[c] = strlen(v[c]);
					c++;
				}
				v[c] = d->why[at] != NULL ? d->why[at] : "";
				len[c] = strlen(v[c]);
				c++;
			}
			emit(ctx, v, len);
		}
	}
	free(v);
	free(len);
}

static void
draw_free(struct draw *d)
{
	size_t i;

	for (i = 0; d->heap != NULL && i < d->plan->nclasses; i++)
		cs_heap_release(&d->heap[i]);
	for (i = 0; i < (size_t)d->total && d->why != NULL; i++)
		free(d->why[i]);
	for (i = 0; i < d->nstrs; i++)
		free(d->strs[i]);
	free(d->strs);
	free(d->ins);
	free(d->why);
	free(d->chosen);
	free(d->heap);
	free(d->n);
	free(d->base);
	free(d->want);
	free(d->pass);
	free(d->names);
	cs_header_release(&d->hdr);
	cs_strmap_release(&d->conflicts);
	cs_sampler_free(d->s);
	cs_plan_free(d->plan);
}

static void
emit_write(void *ctx, const char *const *v, const size_t *len)
{
	cs_writer_row(ctx, v, len);
}

/* The canonical JSON body of a draw event for round (its picks only). */
static void
draw_body(struct draw *d, const char *draw_id, const char *period,
    int round, struct cs_buf *out)
{
	json_t *j = json_object(), *picks = json_array(), *esc = json_array();
	size_t i, m, at = 0, k = (size_t)d->plan->per_target;
	char tk[CS_TICKET_STRLEN];

	for (i = 0; i < d->plan->nclasses; i++) {
		size_t jj;

		for (jj = 0; jj < d->heap[i].n; jj++, at++) {
			const struct cs_pick *p = &d->heap[i].a[jj];
			json_t *o, *ins;

			if (pick_round(d, i, (long)jj + 1) != round)
				continue;
			o = json_object();
			cs_ticket_format(&p->t, tk);
			json_object_set_new(o, "uscc", json_string(p->uscc));
			json_object_set_new(o, "class",
			    json_string(d->plan->classes[i]));
			json_object_set_new(o, "ticket", json_string(tk));
			json_object_set_new(o, "rank", json_integer((json_int_t)
			    jj + 1));
			json_object_set_new(o, "round", json_integer(round));
			if (opt.inspectors != NULL && d->why[at] == NULL) {
				ins = json_array();
				for (m = 0; m < k; m++)
					json_array_append_new(ins, json_string(
					    d->ins[d->chosen[at * k + m]].id));
				json_object_set_new(o, "inspectors", ins);
			}
			if (d->why[at] != NULL)
				json_object_set_new(o, "unassigned",
				    json_string(d->why[at]));
			json_array_append_new(picks, o);
		}
	}
	for (i = 0; i < d->nesc; i++)
		json_array_append_new(esc, json_integer(d->esc[i]));
	json_object_set_new(j, "as_of", json_string(cs_opt.as_of_str));
	json_object_set_new(j, "draw_id", json_string(draw_id));
	json_object_set_new(j, "plan", json_string(d->plan->id));
	json_object_set_new(j, "period", json_string(period));
	json_object_set_new(j, "seed", json_stringn(opt.seed, opt.seedlen));
	json_object_set_new(j, "frame_hash", json_string(d->in.hash));
	if (opt.inspectors != NULL)
		json_object_set_new(j, "inspectors_hash",
		    json_string(d->ins_hash));
	if (opt.conflicts != NULL)
		json_object_set_new(j, "conflicts_hash",
		    json_string(d->conf_hash));
	json_object_set_new(j, "escalations", esc);
	json_object_set_new(j, "round", json_integer(round));
	json_object_set_new(j, "picks", picks);
	cs_buf_reset(out);
	if (cs_canon_json(j, out) != 0)
		cs_die(CS_EX_SOFTWARE, "cannot write the draw event");
	json_decref(j);
}

/* Does a recorded draw match this one where an escalation needs it? */
static const char *
mismatch(const struct draw *d, const struct cs_draw *rec)
{
	if (strlen(rec->seed) != opt.seedlen ||
	    memcmp(rec->seed, opt.seed, opt.seedlen) != 0)
		return "seed";
	if (strcmp(rec->frame_hash, d->in.hash) != 0)
		return "frame (frame_hash)";
	if ((rec->inspectors_hash == NULL) != (opt.inspectors == NULL) ||
	    (rec->inspectors_hash != NULL &&
	    strcmp(rec->inspectors_hash, d->ins_hash) != 0))
		return "inspectors file";
	if ((rec->conflicts_hash == NULL) != (opt.conflicts == NULL) ||
	    (rec->conflicts_hash != NULL &&
	    strcmp(rec->conflicts_hash, d->conf_hash) != 0))
		return "conflicts file";
	return NULL;
}

static void
report(struct draw *d)
{
	struct cs_buf b;
	size_t i, j, at = 0;

	for (i = 0; i < d->plan->nclasses; i++)
		for (j = 0; j < d->heap[i].n; j++, at++)
			if (d->why != NULL && d->why[at] != NULL)
				cs_warn("target '%s' (class %s, rank %zu) is "
				    "unassigned: %s", d->heap[i].a[j].uscc,
				    d->plan->classes[i], j + 1, d->why[at]);
	if (cs_opt.quiet)
		return;
	cs_buf_init(&b);
	for (i = 0; i < d->plan->nclasses; i++)
		cs_buf_addf(&b, "%s%s %zu of %ld", i ? ", " : "",
		    d->plan->classes[i], d->heap[i].n, d->n[i]);
	cs_warn("drew %ld targets (%s); frame_hash %s", d->total, b.s,
	    d->in.hash);
	cs_buf_release(&b);
}

static int
cmd_draw(void)
{
	struct cs_store_iter *it = NULL;
	struct cs_store *st = NULL;
	struct cs_writer *w;
	struct cs_error err;
	struct cs_draw rec;
	struct draw d = { 0 };
	struct cs_buf body;
	char period[16], draw_id[96];
	long *esc = NULL, seq;
	const char *why;
	size_t nesc = 0, i;
	int r, round = 1, rc = CS_EX_OK;

	load_rules(&d.ru);
	d.plan = load_plan(d.ru);
	cs_plan_period_label(d.plan, cs_opt.as_of, period);
	cs_fmt(draw_id, sizeof(draw_id), "%s:%s", d.plan->id, period);
	twice_open(&d.in, opt.nargs ? opt.args[0] : NULL);
	if (opt.record) {
		if (cs_store_open(&st, cs_opt.db, &err) != 0)
			cs_die_err(&err);
		cs_store_set_actor(st, cs_opt.operator, "cs-sample");
		if (cs_store_iter_draws(st, draw_id, &it, &err) != 0)
			cs_die_err(&err);
		r = cs_store_next_draw(it, &rec, &err);
		if (r < 0)
			cs_die_err(&err);
		if (r == 1 && opt.nescalate == 0)
			cs_die(CS_EX_DATAERR, "draw '%s' is recorded already "
			    "(ledger seq %ld); --escalate=N adds tickets to it",
			    draw_id, rec.seq);
		if (r == 0 && opt.nescalate > 0)
			cs_die(CS_EX_DATAERR, "no recorded draw '%s' to "
			    "escalate", draw_id);
		if (r == 1) {
			const char *p = rec.escalations;

			while (*p != '\0') {
				esc = cs_xreallocarray(esc, nesc + 1,
				    sizeof(long));
				esc[nesc++] = strtol(p, (char **)&p, 10);
				if (*p == ',')
					p++;
			}
		}
	}
	for (i = 0; i < opt.nescalate; i++) {
		esc = cs_xreallocarray(esc, nesc + 1, sizeof(long));
		esc[nesc++] = opt.escalate[i];
	}
	round = (int)nesc + 1;
	d.esc = esc;
	d.nesc = nesc;
	compute(&d);
	if (opt.record && round > 1 && (why = mismatch(&d, &rec)) != NULL)
		cs_die(CS_EX_DATAERR, "the %s differs from the one of recorded "
		    "draw '%s': an escalation continues the same draw", why,
		    draw_id);
	cs_store_iter_free(it);
	w = cs_writer_new(stdout, cs_opt.to != CS_FMT_AUTO ? cs_opt.to :
	    d.fmt == CS_FMT_NDJSON ? CS_FMT_NDJSON : CS_FMT_CSV, d.ncols,
	    d.names);
	cs_writer_begin(w);
	emit_rows(&d, emit_write, w);
	if (cs_writer_close(w, &err) != 0)
		cs_die_err(&err);
	report(&d);
	if (d.unassigned > 0)
		rc = CS_EX_FOUND;
	if (opt.record) {
		cs_buf_init(&body);
		draw_body(&d, draw_id, period, round, &body);
		if (cs_store_begin(st, &err) != 0 ||
		    cs_store_record_draw(st, draw_id, body.s, body.len, &seq,
		    &err) != 0 || cs_store_commit(st, &err) != 0) {
			cs_store_rollback(st);
			cs_die_err(&err);
		}
		if (!cs_opt.quiet)
			cs_warn("recorded draw '%s' round %d (ledger seq %ld)",
			    draw_id, round, seq);
		cs_buf_release(&body);
		cs_store_close(st);
	}
	free(esc);
	cs_rules_free(d.ru);
	draw_free(&d);
	return rc;
}

/* Comparing the draw with a published sample, row by row. */
struct cmp {
	struct cs_reader *r;
	const char *name;
	const char *const *names;
	size_t ncols;
	long rows;
	char diff[1024];		/* the first difference, or "" */
};

static void
emit_compare(void *ctx, const char *const *v, const size_t *len)
{
	struct cmp *c = ctx;
	struct cs_error err;
	struct cs_row *row;
	const char *got;
	size_t i;
	int k;

	if (c->diff[0] != '\0')
		return;
	c->rows++;
	k = cs_reader_next(c->r, &row, &err);
	if (k < 0)
		cs_die_err(&err);
	if (k == 0) {
		cs_fmt(c->diff, sizeof(c->diff), "%s: ends after %ld rows; the "
		    "draw has more, next '%s'", c->name, c->rows - 1, v[0]);
		return;
	}
	if (row->bad != NULL) {
		cs_fmt(c->diff, sizeof(c->diff), "%s:%ld: %s", row->file,
		    row->line, row->bad);
		return;
	}
	for (i = 0; i < c->ncols; i++) {
		long j = cs_header_find(row->hdr, c->names[i]);

		got = cs_row_get(row, j);
		if (got == NULL)
			got = "";
		if (j < 0 && row->hdr->n > 0 && c->rows == 1) {
			cs_fmt(c->diff, sizeof(c->diff), "%s: no column '%s'",
			    c->name, c->names[i]);
			return;
		}
		if (strlen(got) != len[i] || memcmp(got, v[i], len[i]) != 0) {
			cs_fmt(c->diff, sizeof(c->diff), "%s:%ld: column '%s' is "
			    "'%s', the draw gives '%.*s'", row->file, row->line,
			    c->names[i], got, (int)len[i], v[i]);
			return;
		}
	}
}

static int
cmd_verify(void)
{
	struct cs_read_opts ro = { CS_FMT_AUTO, cs_opt.encoding, NULL };
	struct draw d = { 0 };
	struct cs_error err;
	struct cs_row *row;
	struct cmp c = { 0 };
	size_t i;
	int k;

	load_rules(&d.ru);
	d.plan = load_plan(d.ru);
	if (strcmp(opt.args[1], "-") == 0 && strcmp(opt.args[0], "-") == 0)
		usage_error("FRAME and SAMPLE cannot both be stdin");
	twice_open(&d.in, opt.args[0]);
	d.esc = opt.escalate;
	d.nesc = opt.nescalate;
	compute(&d);
	ro.aliases = d.ru->aliases;
	if (cs_reader_open(&c.r, opt.args[1], &ro, &err) != 0)
		cs_die_err(&err);
	c.name = cs_reader_name(c.r);
	c.names = d.names;
	c.ncols = d.ncols;
	emit_rows(&d, emit_compare, &c);
	if (c.diff[0] == '\0') {
		k = cs_reader_next(c.r, &row, &err);
		if (k < 0)
			cs_die_err(&err);
		if (k == 1)
			cs_fmt(c.diff, sizeof(c.diff), "%s:%ld: a row the draw "
			    "does not have", row->file, row->line);
	}
	if (c.diff[0] == '\0') {
		const struct cs_header *h = cs_reader_header(c.r);

		for (i = 0; i < h->n; i++) {
			size_t m;

			for (m = 0; m < d.ncols; m++)
				if (strcmp(h->name[i], d.names[m]) == 0)
					break;
			if (m == d.ncols) {
				cs_fmt(c.diff, sizeof(c.diff), "%s: column '%s' "
				    "is not in the draw", c.name, h->name[i]);
				break;
			}
		}
	}
	if (c.diff[0] != '\0') {
		cs_warn("%s", c.diff);
		cs_warn("the sample does not verify against frame_hash %s",
		    d.in.hash);
	} else if (!cs_opt.quiet) {
		cs_warn("verified: %s is the draw of %s (frame_hash %s, %ld "
		    "targets)", c.name, strcmp(d.in.path, "-") ? d.in.path :
		    "<stdin>", d.in.hash, d.total);
	}
	cs_reader_close(c.r);
	cs_rules_free(d.ru);
	draw_free(&d);
	return c.diff[0] != '\0' ? CS_EX_FOUND : CS_EX_OK;
}

static const char *const draw_cols[] = {
	"draw_id", "plan", "period", "drawn_on", "targets", "done", "open",
	"escalations", "seed", "frame_hash", "seq"
};

static const char *const target_cols[] = {
	"draw_id", "uscc", "class", "rank", "round", "drawn_on", "inspectors",
	"unassigned", "state", "result", "result_id", "decided_on"
};

static int
list_draws(struct cs_run *c, struct cs_writer *w)
{
	struct cs_store_iter *it;
	struct cs_error err;
	struct cs_draw d;
	char n[3][32], seq[32];
	const char *v[11];
	int r, found = 0;

	if (cs_store_iter_draws(c->st, opt.draw_id, &it, &err) != 0)
		cs_run_fatal(c, &err);
	while ((r = cs_store_next_draw(it, &d, &err)) == 1) {
		found = 1;
		snprintf(n[0], sizeof(n[0]), "%ld", d.targets);
		snprintf(n[1], sizeof(n[1]), "%ld", d.done);
		snprintf(n[2], sizeof(n[2]), "%ld", d.targets - d.done);
		snprintf(seq, sizeof(seq), "%ld", d.seq);
		v[0] = d.draw_id;
		v[1] = d.plan;
		v[2] = d.period;
		v[3] = d.drawn_on;
		v[4] = n[0];
		v[5] = n[1];
		v[6] = n[2];
		v[7] = d.escalations;
		v[8] = d.seed;
		v[9] = d.frame_hash;
		v[10] = seq;
		cs_writer_row(w, v, NULL);
	}
	cs_store_iter_free(it);
	if (r < 0)
		cs_run_fatal(c, &err);
	return found;
}

static int
list_targets(struct cs_run *c, struct cs_writer *w, long *open)
{
	struct cs_store_iter *it;
	struct cs_error err;
	struct cs_target t;
	char rank[32], round[16];
	const char *v[12];
	int r, found = 0;

	if (cs_store_iter_targets(c->st, opt.draw_id, &it, &err) != 0)
		cs_run_fatal(c, &err);
	while ((r = cs_store_next_target(it, &t, &err)) == 1) {
		found = 1;
		if (t.result == NULL)
			(*open)++;
		if (opt.open_only && t.result != NULL)
			continue;
		snprintf(rank, sizeof(rank), "%ld", t.rank);
		snprintf(round, sizeof(round), "%d", t.round);
		v[0] = t.draw_id;
		v[1] = t.uscc;
		v[2] = t.cls;
		v[3] = rank;
		v[4] = round;
		v[5] = t.drawn_on;
		v[6] = t.inspectors;
		v[7] = t.unassigned;
		v[8] = t.result == NULL ? "open" : "done";
		v[9] = t.result;
		v[10] = t.result_id;
		v[11] = t.decided_on;
		cs_writer_row(w, v, NULL);
	}
	cs_store_iter_free(it);
	if (r < 0)
		cs_run_fatal(c, &err);
	return found;
}

static int
cmd_draws(void)
{
	struct cs_run_opts o = { 0 };
	struct cs_writer *w;
	struct cs_run c;
	long open = 0;
	int found;

	o.tool = "cs-sample";
	o.need_store = 1;
	cs_run_open(&c, &o);
	w = cs_writer_new(stdout, cs_opt.to == CS_FMT_NDJSON ? CS_FMT_NDJSON :
	    CS_FMT_CSV, opt.targets ? 12 : 11, opt.targets ? target_cols :
	    draw_cols);
	cs_writer_begin(w);
	found = opt.targets ? list_targets(&c, w, &open) : list_draws(&c, w);
	cs_writer_close(w, NULL);
	if (opt.draw_id != NULL && !found) {
		cs_warn("no draw '%s' in the store", opt.draw_id);
		cs_run_status(&c, CS_EX_FOUND);
	} else if (opt.targets && !cs_opt.quiet) {
		cs_warn("%ld targets open", open);
	}
	return cs_run_close(&c);
}

struct command {
	const char *name;
	const char *args;
	const char *doc;
	const struct argp_option *options;
	int (*run)(void);
};

static const struct argp_option frame_options[] = {
	{ "plan", OPT_PLAN, "PLAN", 0,
	  "the sampling plan: a name in share/cs/sampling or a file", 0 },
	{ "output", 'o', "FRAME", 0,
	  "write the frame to FRAME and its hash to FRAME.sha256", 0 },
	{ "saved", OPT_SAVED, NULL, 0,
	  "read the classes cs-classify saved in the store (as of --as-of)",
	  0 },
	{ 0 }
};

static const struct argp_option draw_options[] = {
	{ "plan", OPT_PLAN, "PLAN", 0,
	  "the sampling plan: a name in share/cs/sampling or a file", 0 },
	{ "seed", OPT_SEED, "SEED", 0, "the published seed, byte for byte", 0 },
	{ "seed-file", OPT_SEED_FILE, "FILE", 0,
	  "read the seed from FILE (a final newline is dropped)", 0 },
	{ "inspectors", OPT_INSPECTORS, "FILE", 0,
	  "draw inspectors: inspector_id, name, unit, region, capacity", 0 },
	{ "conflicts", OPT_CONFLICTS, "FILE", 0,
	  "declared conflicts: inspector_id, uscc, reason", 0 },
	{ "record", OPT_RECORD, NULL, 0,
	  "store the draw as a ledger event (one per plan and period)", 0 },
	{ "escalate", OPT_ESCALATE, "N", 0,
	  "take the next N tickets per class, keeping the earlier picks", 0 },
	{ 0 }
};

static const struct argp_option verify_options[] = {
	{ "plan", OPT_PLAN, "PLAN", 0,
	  "the sampling plan: a name in share/cs/sampling or a file", 0 },
	{ "seed", OPT_SEED, "SEED", 0, "the published seed, byte for byte", 0 },
	{ "seed-file", OPT_SEED_FILE, "FILE", 0,
	  "read the seed from FILE (a final newline is dropped)", 0 },
	{ "inspectors", OPT_INSPECTORS, "FILE", 0,
	  "recompute the inspectors too: the file the draw used", 0 },
	{ "conflicts", OPT_CONFLICTS, "FILE", 0,
	  "the conflicts file the draw used", 0 },
	{ "escalate", OPT_ESCALATE, "N", 0,
	  "an escalation round of N tickets per class (repeat per round)", 0 },
	{ 0 }
};

static const struct argp_option draws_options[] = {
	{ "draw", OPT_DRAW, "ID", 0, "only the draw ID (plan:period)", 0 },
	{ "targets", OPT_TARGETS, NULL, 0,
	  "one row per target with its inspection result, not per draw", 0 },
	{ "open", OPT_OPEN, NULL, 0,
	  "only targets without an inspection result (implies --targets)",
	  0 },
	{ 0 }
};

static const struct command commands[] = {
	{ "frame", "[FILE...]",
	  "Write the canonical frame (uscc,class) of a classified stream and "
	  "print its SHA-256.\vExamples:\n"
	  "  cs-classify --as-of=2026-11-27 scores.csv |\n"
	  "    cs-sample frame --plan=general -o frame.csv\n"
	  "  cs-sample frame --plan=general --saved --as-of=2026-11-27 "
	  "-o frame.csv\n\n"
	  "Entities drawn within the plan's skip_recent period (except the "
	  "classes it names) and deregistered entities are left out.  "
	  "Publish the hash before the seed exists.  Exit status: see cs(7).",
	  frame_options, cmd_frame },
	{ "draw", "[FRAME]",
	  "Draw the targets of a frame: the lowest tickets of each class."
	  "\vExamples:\n"
	  "  cs-sample draw --plan=general --seed=4812093377 frame.csv\n"
	  "  cs-sample draw --plan=general --seed-file=dice.txt "
	  "--inspectors=staff.csv\n"
	  "    --conflicts=ties.csv --record frame.csv > sample.csv\n\n"
	  "ticket(uscc) = u(h(seed) + uscc), DESIGN and cs-sample(1) spell it "
	  "out.  Exit status: 1 when a target cannot get its inspectors; "
	  "see cs(7).", draw_options, cmd_draw },
	{ "verify", "FRAME SAMPLE",
	  "Recompute a draw and compare it with a published sample."
	  "\vExamples:\n"
	  "  cs-sample verify --plan=general --seed=4812093377 frame.csv "
	  "sample.csv\n"
	  "  cs-sample verify --plan=general --seed-file=dice.txt "
	  "--inspectors=staff.csv\n"
	  "    --conflicts=ties.csv frame.csv sample.csv\n\n"
	  "Exit status: 0 identical, 1 naming the first difference; see "
	  "cs(7).", verify_options, cmd_verify },
	{ "draws", "",
	  "List recorded draws, or their targets and inspection results."
	  "\vExamples:\n"
	  "  cs-sample draws\n"
	  "  cs-sample draws --open --draw=general:2026\n\n"
	  "A target's result is the latest inspection record whose ref is the "
	  "draw id.  Exit status: see cs(7).", draws_options, cmd_draws },
	{ NULL, NULL, NULL, NULL, NULL }
};

static const char top_doc[] =
	"Publicly verifiable \"double random, one open\" draws of inspection "
	"targets and inspectors.\v"
	"Commands:\n"
	"  frame    the canonical frame of a classified stream, and its hash\n"
	"  draw     the targets (and inspectors) of a frame for a seed\n"
	"  verify   recompute a draw and compare it with a sample\n"
	"  draws    recorded draws and which targets are still open\n\n"
	"Examples:\n"
	"  cs-sample frame --plan=general --saved -o frame.csv\n"
	"  cs-sample draw --plan=general --seed-file=dice.txt --record "
	"frame.csv\n\n"
	"'cs-sample COMMAND --help' describes a command.  "
	"Exit status: see cs(7).";

/* Does argv element a, a common option, take the next one as its value? */
static int
takes_value(const char *a)
{
	static const char *const longs[] = { "--db", "--rules", "--as-of",
	    "--from", "--to", "--encoding", "--rejects", "--operator", NULL };
	const char *const *l;

	if (strcmp(a, "-d") == 0)
		return 1;
	for (l = longs; *l != NULL; l++)
		if (strcmp(a, *l) == 0)
			return 1;
	return 0;
}

static error_t
parse_top(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case ARGP_KEY_ARG:
		argp_error(state, "unknown command '%s'", arg);
		break;
	case ARGP_KEY_NO_ARGS:
		argp_error(state, "no command given");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	const struct command *cmd = NULL;
	struct argp top = { NULL, parse_top, "COMMAND [ARG...]", top_doc,
	    children, NULL, NULL };
	struct argp sub = { NULL, parse_opt, NULL, NULL, children, NULL,
	    NULL };
	char name[64];
	int i, at = 0, rc;

	cs_init(argc, argv);
	for (i = 1; i < argc && cmd == NULL; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (takes_value(argv[i])) {
			i++;
			continue;
		}
		for (cmd = commands; cmd->name != NULL; cmd++)
			if (strcmp(cmd->name, argv[i]) == 0)
				break;
		if (cmd->name == NULL)
			cmd = NULL;
		else
			at = i;
	}
	if (cmd == NULL) {
		argp_parse(&top, argc, argv, 0, NULL, NULL);
		return cs_finish(CS_EX_USAGE);
	}
	memmove(argv + at, argv + at + 1, (size_t)(argc - at) * sizeof(char *));
	argc--;
	snprintf(name, sizeof(name), "%s %s", program_invocation_name,
	    cmd->name);
	argv[0] = name;
	sub.options = cmd->options;
	sub.args_doc = cmd->args;
	sub.doc = cmd->doc;
	opt.cmd = cmd->name;
	argp_parse(&sub, argc, argv, 0, NULL, NULL);
	read_seed();
	rc = cmd->run();
	free(opt.args);
	free(opt.escalate);
	free(opt.seed_buf);
	return cs_finish(rc);
}
