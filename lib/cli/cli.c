/*
 * Common options, messages, progress and the checked exit of every binary.
 */
#include <errno.h>
#include <error.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/run.h"
#include "core/hash.h"
#include "domain/calendar.h"
#include "io/stream.h"

struct cs_common cs_opt;

static void
print_version(FILE *fp, struct argp_state *state)
{
	(void)state;
	fprintf(fp, "%s (cs) %s\n", program_invocation_short_name, CS_VERSION);
}

void (*argp_program_version_hook)(FILE *, struct argp_state *) =
    print_version;

enum {
	OPT_RULES = 0x100,
	OPT_AS_OF,
	OPT_FROM,
	OPT_TO,
	OPT_ENCODING,
	OPT_REJECTS,
	OPT_STRICT,
	OPT_OPERATOR,
	OPT_PROGRESS
};

static const struct argp_option common_options[] = {
	{ NULL, 0, NULL, 0, "Common options:", 100 },
	{ "db", 'd', "PATH", 0,
	  "the store (default: $CS_DB, else ./credit.db)", 100 },
	{ "rules", OPT_RULES, "DIR", 0,
	  "rules directory (default: $CS_RULES, else the build tree's or "
	  "the installed share/cs)", 100 },
	{ "as-of", OPT_AS_OF, "DATE", 0,
	  "the day the rules are applied on (default: today)", 100 },
	{ "from", OPT_FROM, "FORMAT", 0,
	  "input format: csv or ndjson (default: auto)", 100 },
	{ "to", OPT_TO, "FORMAT", 0,
	  "output format: csv or ndjson (default: the input's)", 100 },
	{ "encoding", OPT_ENCODING, "ENC", 0,
	  "input encoding: utf-8, gb18030 or gbk (default: utf-8)", 100 },
	{ "rejects", OPT_REJECTS, "FILE", 0,
	  "copy rejected rows, with _line and _error, to FILE", 100 },
	{ "strict", OPT_STRICT, NULL, 0,
	  "make the first rejected row fatal (exit 65, nothing stored)", 100 },
	{ "operator", OPT_OPERATOR, "NAME", 0,
	  "who is acting, recorded in the ledger (default: $USER)", 100 },
	{ "quiet", 'q', NULL, 0, "no summary on stderr", 100 },
	{ "progress", OPT_PROGRESS, NULL, 0,
	  "show a progress line on stderr (default: when it is a terminal)",
	  100 },
	{ NULL, 'h', NULL, OPTION_HIDDEN, "give this help list", -1 },
	{ 0 }
};

static const char *
default_operator(void)
{
	const char *u = getenv("USER");
	struct passwd *pw;

	if (u != NULL && *u != '\0')
		return u;
	pw = getpwuid(getuid());
	if (pw != NULL && pw->pw_name != NULL)
		return pw->pw_name;
	return "unknown";
}

static int
today(void)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	return cs_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
}

static error_t
parse_common(int key, char *arg, struct argp_state *state)
{
	static int progress_set;
	static const char *as_of_arg;
	const char *e;

	switch (key) {
	case ARGP_KEY_INIT:
		memset(&cs_opt, 0, sizeof(cs_opt));
		progress_set = 0;
		as_of_arg = NULL;
		break;
	case 'd':
		if (*arg == '\0')
			argp_error(state, "invalid --db ''");
		cs_opt.db = arg;
		break;
	case OPT_RULES:
		cs_opt.rules = arg;
		break;
	case OPT_AS_OF:
		as_of_arg = arg;
		if (cs_date_parse(arg, strlen(arg), &cs_opt.as_of) != 0)
			argp_error(state, "invalid --as-of '%s': not a date "
			    "(YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)", arg);
		break;
	case OPT_FROM:
		cs_opt.from = cs_format_parse(arg);
		if (cs_opt.from < 0)
			argp_error(state, "invalid --from '%s': use csv or "
			    "ndjson", arg);
		break;
	case OPT_TO:
		cs_opt.to = cs_format_parse(arg);
		if (cs_opt.to < 0)
			argp_error(state, "invalid --to '%s': use csv or "
			    "ndjson", arg);
		break;
	case OPT_ENCODING:
		if (strcasecmp(arg, "utf-8") == 0 ||
		    strcasecmp(arg, "utf8") == 0)
			cs_opt.encoding = NULL;
		else if (strcasecmp(arg, "gb18030") == 0 ||
		    strcasecmp(arg, "gbk") == 0)
			cs_opt.encoding = arg;
		else
			argp_error(state, "invalid --encoding '%s': use utf-8, "
			    "gb18030 or gbk", arg);
		break;
	case OPT_REJECTS:
		if (*arg == '\0')
			argp_error(state, "invalid --rejects ''");
		cs_opt.rejects = arg;
		break;
	case OPT_STRICT:
		cs_opt.strict = 1;
		break;
	case OPT_OPERATOR:
		if (*arg == '\0')
			argp_error(state, "invalid --operator ''");
		cs_opt.operator = arg;
		break;
	case 'q':
		cs_opt.quiet = 1;
		break;
	case OPT_PROGRESS:
		cs_opt.progress = 1;
		progress_set = 1;
		break;
	case 'h':
		argp_state_help(state, stdout, ARGP_HELP_STD_HELP);
		break;
	case ARGP_KEY_SUCCESS:
		if (cs_opt.db == NULL) {
			e = getenv("CS_DB");
			cs_opt.db = (e != NULL && *e != '\0') ? e :
			    "./credit.db";
		}
		if (as_of_arg == NULL)
			cs_opt.as_of = today();
		cs_date_format(cs_opt.as_of, cs_opt.as_of_str);
		if (cs_opt.operator == NULL)
			cs_opt.operator = default_operator();
		if (!progress_set)
			cs_opt.progress = !cs_opt.quiet && isatty(2);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const struct argp cs_common_argp = {
	common_options, parse_common, NULL, NULL, NULL, NULL, NULL
};

const struct argp_child cs_common_children[] = {
	{ &cs_common_argp, 0, NULL, 100 },
	{ 0 }
};

void
cs_args_push(struct argp_state *state, char *arg, struct cs_args *a)
{
	if (strcmp(arg, "-") == 0 && a->stdin_seen++)
		argp_error(state, "'-' (standard input) is given twice");
	a->v = cs_xreallocarray(a->v, (size_t)a->n + 1, sizeof(char *));
	a->v[a->n++] = arg;
}

long
cs_opt_long(struct argp_state *state, const char *name, const char *arg,
    long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || errno != 0 || v < min || v > max)
		argp_error(state, "invalid %s '%s': expected a whole number "
		    "from %ld to %ld", name, arg, min, max);
	return v;
}

void
cs_opt_date(struct argp_state *state, const char *name, const char *arg,
    char out[11])
{
	int d;

	if (cs_date_parse(arg, strlen(arg), &d) != 0)
		argp_error(state, "invalid %s '%s': not a date", name, arg);
	cs_date_format(d, out);
}

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

const struct cs_command *
cs_command_parse(int argc, char **argv, const struct cs_command *cmds,
    const char *top_doc, argp_parser_t parse_opt,
    void (*chosen)(const struct cs_command *), char name[64])
{
	struct argp top = { NULL, parse_top, "COMMAND [ARG...]", top_doc,
	    cs_common_children, NULL, NULL };
	struct argp sub = { NULL, parse_opt, NULL, NULL, cs_common_children,
	    NULL, NULL };
	const struct cs_command *cmd = NULL;
	int i, at = 0;

	for (i = 1; i < argc && cmd == NULL; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (takes_value(argv[i])) {
			i++;		/* "-d x.db", "--rejects bad.csv" */
			continue;
		}
		for (cmd = cmds; cmd->name != NULL; cmd++)
			if (strcmp(cmd->name, argv[i]) == 0)
				break;
		if (cmd->name == NULL)
			cmd = NULL;
		else
			at = i;
	}
	if (cmd == NULL) {
		/* --help, --version, or a usage error: argp exits. */
		argp_parse(&top, argc, argv, 0, NULL, NULL);
		exit(cs_finish(CS_EX_USAGE));
	}
	/* Options may come before or after the command name. */
	memmove(argv + at, argv + at + 1, (size_t)(argc - at) * sizeof(char *));
	argc--;
	snprintf(name, 64, "%s %s", program_invocation_name, cmd->name);
	argv[0] = name;
	sub.options = cmd->options;
	sub.args_doc = cmd->args;
	sub.doc = cmd->doc;
	if (chosen != NULL)
		chosen(cmd);
	argp_parse(&sub, argc, argv, 0, NULL, NULL);
	return cmd;
}

void
cs_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s %s: ", program_invocation_name, cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry `%s %s --help' or `%s %s --usage' for more "
	    "information.\n", program_invocation_name, cmd,
	    program_invocation_name, cmd);
	exit(CS_EX_USAGE);
}

static int finished;

/*
 * Also for exits that do not pass through cs_finish, such as argp's after
 * --help: stdout that cannot be written is an error (74), not success.
 */
static void
check_stdout_at_exit(void)
{
	if (finished)
		return;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno == EPIPE) {
			signal(SIGPIPE, SIG_DFL);
			raise(SIGPIPE);
		}
		error(0, errno, "write error on stdout");
		_exit(CS_EX_IOERR);
	}
}

void
cs_init(int argc, char **argv)
{
	const char *slash;

	(void)argc;
	if (argv[0] != NULL) {
		slash = strrchr(argv[0], '/');
		program_invocation_name = (char *)(slash ? slash + 1 :
		    argv[0]);
	}
	/* Data goes to stdout in big writes; diagnostics stay unbuffered. */
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	atexit(check_stdout_at_exit);
}

int
cs_finish(int rc)
{
	int bad = fflush(stdout) != 0 || ferror(stdout);
	int e = errno;

	finished = 1;
	cs_sha256_thread_done();
	if (fclose(stdout) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	if (!bad)
		return rc;
	if (e == EPIPE) {
		signal(SIGPIPE, SIG_DFL);
		raise(SIGPIPE);
	}
	error(0, e, "write error on stdout");
	return CS_EX_IOERR;
}

void
cs_warn(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", program_invocation_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
cs_warn_errno(const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	fflush(stdout);
	fprintf(stderr, "%s: ", program_invocation_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", strerror(e));
}

void
cs_die(int status, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", program_invocation_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(status);
}

void
cs_warn_err(const struct cs_error *err)
{
	if (err->file[0] != '\0' && err->line > 0)
		cs_warn("%s:%ld: %s", err->file, err->line, err->msg);
	else if (err->file[0] != '\0')
		cs_warn("%s: %s", err->file, err->msg);
	else
		cs_warn("%s", err->msg);
}

void
cs_die_err(const struct cs_error *err)
{
	cs_warn_err(err);
	exit(err->code ? err->code : CS_EX_SOFTWARE);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
cs_progress_start(struct cs_progress *p, const char *what)
{
	p->n = 0;
	p->t0 = p->last = now();
	p->what = what;
	p->shown = 0;
}

void
cs_progress_slow(struct cs_progress *p)
{
	double t = now();

	if (t - p->last < 0.5)
		return;
	p->last = t;
	p->shown = 1;
	fprintf(stderr, "\r%s: %ld %s, %.0f %s/s", program_invocation_name,
	    p->n, p->what, (double)p->n / (t - p->t0), p->what);
}

void
cs_progress_end(struct cs_progress *p)
{
	double t;

	if (!cs_opt.progress)
		return;
	t = now() - p->t0;
	fprintf(stderr, "\r%s: %ld %s, %.0f %s/s\n", program_invocation_name,
	    p->n, p->what, t > 0 ? (double)p->n / t : (double)p->n, p->what);
}

void
cs_run_open(struct cs_run *c, const struct cs_run_opts *o)
{
	struct cs_error err;

	if (cs_run_init(c, o, &err) != 0)
		cs_die_err(&err);
}

int
cs_run_close(struct cs_run *c)
{
	struct cs_error err;

	if (cs_run_release(c, &err) != 0) {
		cs_warn_err(&err);
		cs_run_status(c, CS_EX_IOERR);
	}
	return c->rc;
}

void
cs_run_leave(struct cs_run *c, int code)
{
	struct cs_error err;

	if (cs_run_abandon(c, &err) != 0)
		cs_warn_err(&err);
	fflush(stdout);
	exit(code);
}

void
cs_run_reject(struct cs_run *c, const struct cs_row *row, const char *msg)
{
	c->n.rejected++;
	cs_warn("%s:%ld: %s", row->file, row->line, msg);
	if (cs_run_copy_reject(c, row, msg)) {
		if (c->o.writes)
			cs_warn("--strict: stopped at the first rejected row; "
			    "nothing of this run was stored");
		else
			cs_warn("--strict: stopped at the first rejected row");
		cs_run_leave(c, CS_EX_DATAERR);
	}
}

void
cs_run_fatal(struct cs_run *c, const struct cs_error *err)
{
	cs_warn_err(err);
	if (c->committed > 0 && !cs_opt.strict)
		cs_warn("%ld rows of earlier batches were stored; after fixing "
		    "the input, run again: stored rows are skipped",
		    c->committed);
	cs_run_leave(c, err->code ? err->code : CS_EX_SOFTWARE);
}

int
cs_run_next(struct cs_run *c, struct cs_item **itp)
{
	struct cs_item *it;

	while (cs_run_item(c, &it) == 1) {
		switch (it->kind) {
		case CS_ITEM_MESSAGE:
			cs_warn_err(&it->err);
			cs_run_status(c, it->err.code);
			continue;
		case CS_ITEM_FATAL:
			cs_run_fatal(c, &it->err);
		case CS_ITEM_REJECT:
			cs_progress_tick(&c->pr);
			cs_run_reject(c, &it->row, it->msg);
			continue;
		default:
			cs_progress_tick(&c->pr);
			*itp = it;
			return 1;
		}
	}
	return 0;
}

void
cs_run_begin(struct cs_run *c)
{
	struct cs_error err;

	if (cs_run_tx_begin(c, &err) != 0)
		cs_run_fatal(c, &err);
}

void
cs_run_batch(struct cs_run *c)
{
	struct cs_error err;

	if (cs_run_tx_row(c, &err) != 0)
		cs_run_fatal(c, &err);
}

void
cs_run_commit(struct cs_run *c)
{
	struct cs_error err;

	if (cs_run_tx_commit(c, &err) != 0)
		cs_run_fatal(c, &err);
}
