/*
 * The options every binary shares: the common argp child of DESIGN.md
 * section 3 (parsed into cs_opt, which only cmd/ reads: lib code gets the
 * values it needs handed to it), FILE operands, whole-number and date
 * values, and tools with commands (cs-record add, cs-sample draw).
 */
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/messages.h"
#include "cli/options.h"
#include "domain/calendar.h"
#include "domain/schema.h"
#include "domain/uscc.h"
#include "io/stream.h"
#include "store/db.h"

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
	OPT_PROGRESS,
	OPT_WAIT,
	OPT_CACHE_MIB,
	OPT_DELIMITER
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
	  "input format: csv, tsv or ndjson (default: auto; gzip is read "
	  "whatever the format)", 100 },
	{ "delimiter", OPT_DELIMITER, "CHAR", 0,
	  "the field delimiter of CSV input: one character, or tab "
	  "(default: ,)", 100 },
	{ "to", OPT_TO, "FORMAT", 0,
	  "output format: csv or ndjson (default: the input's)", 100 },
	{ "no-header", 'H', NULL, 0,
	  "CSV output without its header row (to append to a file)", 100 },
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
	  "show a progress line on stderr (default: when it is a terminal "
	  "and stdout is not a pipe)",
	  100 },
	{ "wait", OPT_WAIT, "SECONDS", 0,
	  "wait that long for a store another process writes to, then exit "
	  "75 (default: $CS_WAIT, else 60)", 100 },
	{ "cache-mib", OPT_CACHE_MIB, "MIB", 0,
	  "the store's page cache in MiB, 1 to 65536 (default: "
	  "$CS_CACHE_MIB, else 64)", 100 },
	{ NULL, 'h', NULL, 0, "the same as --help", -1 },
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

/*
 * Seconds such as "60" or "0.5" (at most a day) in milliseconds, or -1.
 * No strtod: the decimal point is always '.'.
 */
static long
seconds_ms(const char *s)
{
	long ms = 0, scale = 1000;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9' && ms <= 86400000L)
		ms = ms * 10 + (*p++ - '0') * 1000;
	if (*p == '.' && p[1] != '\0')
		for (p++; *p >= '0' && *p <= '9'; p++)
			if ((scale /= 10) > 0)
				ms += (*p - '0') * scale;
	return *p != '\0' || ms > 86400000L ? -1 : ms;
}

/*
 * The wait for a busy store: --wait, else $CS_WAIT, else the older
 * $CS_BUSY_TIMEOUT in milliseconds, else 60 seconds.
 */
static long
wait_default(struct argp_state *state)
{
	const char *e = getenv("CS_WAIT");
	char *end;
	long ms;

	if (e != NULL && *e != '\0') {
		ms = seconds_ms(e);
		if (ms < 0)
			cs_argp_error(state, "invalid CS_WAIT '%s': expected "
			    "seconds, such as 60 or 0.5", e);
		return ms;
	}
	e = getenv("CS_BUSY_TIMEOUT");
	if (e != NULL && *e != '\0') {
		ms = strtol(e, &end, 10);
		if (*end == '\0' && ms >= 0)
			return ms;
	}
	return 60000;
}

/* A page cache in MiB: 1 to 65536, else -1. */
static long
cache_mib(const char *s)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtol(s, &end, 10);
	return *end != '\0' || v < 1 || v > 65536 ? -1 : v;
}

/*
 * Of the tools of a pipeline, only the last (whose stdout is not a pipe)
 * shows its progress line unless told to: one line, not one per tool.
 */
static int
stdout_is_pipe(void)
{
	struct stat st;

	return fstat(1, &st) == 0 && (S_ISFIFO(st.st_mode) ||
	    S_ISSOCK(st.st_mode));
}

static unsigned uses_of(int key);

/* The keys of the common options given that not every command takes. */
static int given[32];
static size_t ngiven;

static error_t
parse_common(int key, char *arg, struct argp_state *state)
{
	static int progress_set, wait_set;
	static long cache = -1;
	static const char *as_of_arg;
	const char *e;

	if (uses_of(key) != 0 && ngiven < sizeof(given) / sizeof(given[0]))
		given[ngiven++] = key;
	switch (key) {
	case ARGP_KEY_INIT:
		memset(&cs_opt, 0, sizeof(cs_opt));
		ngiven = 0;
		progress_set = 0;
		wait_set = 0;
		cache = -1;
		as_of_arg = NULL;
		break;
	case 'd':
		if (*arg == '\0')
			cs_argp_error(state, "invalid --db ''");
		cs_opt.db = arg;
		break;
	case OPT_RULES:
		cs_opt.rules = arg;
		break;
	case OPT_AS_OF:
		as_of_arg = arg;
		if (cs_date_parse(arg, strlen(arg), &cs_opt.as_of) != 0)
			cs_argp_error(state, "invalid --as-of '%s': not a date "
			    "(YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)", arg);
		break;
	case OPT_FROM:
		cs_opt.from = cs_format_parse(arg);
		if (cs_opt.from < 0)
			cs_argp_error(state, "invalid --from '%s': use csv, tsv "
			    "or ndjson", arg);
		break;
	case OPT_TO:
		cs_opt.to = cs_format_parse(arg);
		if (cs_opt.to < 0 || cs_opt.to == CS_FMT_TSV)
			cs_argp_error(state, "invalid --to '%s': use csv or "
			    "ndjson", arg);
		break;
	case OPT_DELIMITER:
		cs_opt.delim = strcmp(arg, "tab") == 0 ||
		    strcmp(arg, "\\t") == 0 ? '\t' : (unsigned char)arg[0];
		if ((arg[0] == '\0' || (arg[1] != '\0' && cs_opt.delim !=
		    '\t') || cs_opt.delim >= 0x80 || strchr("\"\r\n",
		    cs_opt.delim) != NULL))
			cs_argp_error(state, "invalid --delimiter '%s': give one "
			    "ASCII character other than a quote, or tab", arg);
		break;
	case 'H':
		cs_opt.no_header = 1;
		break;
	case OPT_ENCODING:
		if (strcasecmp(arg, "utf-8") == 0 ||
		    strcasecmp(arg, "utf8") == 0)
			cs_opt.encoding = NULL;
		else if (strcasecmp(arg, "gb18030") == 0 ||
		    strcasecmp(arg, "gbk") == 0)
			cs_opt.encoding = arg;
		else
			cs_argp_error(state, "invalid --encoding '%s': use utf-8, "
			    "gb18030 or gbk", arg);
		break;
	case OPT_REJECTS:
		if (*arg == '\0')
			cs_argp_error(state, "invalid --rejects ''");
		cs_opt.rejects = arg;
		break;
	case OPT_STRICT:
		cs_opt.strict = 1;
		break;
	case OPT_OPERATOR:
		if (*arg == '\0')
			cs_argp_error(state, "invalid --operator ''");
		cs_opt.operator = arg;
		break;
	case 'q':
		cs_opt.quiet = 1;
		break;
	case OPT_PROGRESS:
		cs_opt.progress = 1;
		progress_set = 1;
		break;
	case OPT_WAIT:
		cs_opt.wait_ms = seconds_ms(arg);
		if (cs_opt.wait_ms < 0)
			cs_argp_error(state, "invalid --wait '%s': expected "
			    "seconds, such as 60 or 0.5", arg);
		wait_set = 1;
		break;
	case OPT_CACHE_MIB:
		cache = cache_mib(arg);
		if (cache < 0)
			argp_error(state, "invalid --cache-mib '%s': expected "
			    "MiB from 1 to 65536, such as 64", arg);
		break;
	case 'h':
		argp_state_help(state, stdout, ARGP_HELP_STD_HELP);
		break;
	case ARGP_KEY_END:
		if (cs_opt.delim != 0 && (cs_opt.from == CS_FMT_NDJSON ||
		    cs_opt.from == CS_FMT_TSV))
			cs_argp_error(state, "--delimiter is for CSV input: leave "
			    "out --from=%s", cs_opt.from == CS_FMT_TSV ? "tsv" :
			    "ndjson");
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
			cs_opt.progress = !cs_opt.quiet && isatty(2) &&
			    !stdout_is_pipe();
		/* NDJSON out: columns of a known type as JSON types. */
		cs_writer_style(&(struct cs_write_style){ cs_opt.no_header,
		    cs_column_jtype });
		if (!wait_set)
			cs_opt.wait_ms = wait_default(state);
		cs_store_set_wait(cs_opt.wait_ms);
		e = getenv("CS_CACHE_MIB");
		if (cache < 0 && e != NULL && *e != '\0' &&
		    (cache = cache_mib(e)) < 0)
			argp_error(state, "invalid CS_CACHE_MIB '%s': expected "
			    "MiB from 1 to 65536, such as 64", e);
		cs_store_set_cache_mib(cache > 0 ? (int)cache :
		    CS_STORE_CACHE_MIB, cache > 0);
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

/* The enum cs_uses bit of a common option, 0 for those every one takes. */
static unsigned
uses_of(int key)
{
	switch (key) {
	case OPT_FROM:
	case OPT_ENCODING:
	case OPT_DELIMITER:
		return CS_USES_IN;
	case OPT_REJECTS:
	case OPT_STRICT:
		return CS_USES_REJECTS;
	case OPT_TO:
		return CS_USES_TO;
	case 'H':
		return CS_USES_NO_HEADER;
	case OPT_PROGRESS:
		return CS_USES_PROGRESS;
	default:
		return 0;
	}
}

const char *
cs_common_given(unsigned uses)
{
	size_t i, j;

	for (i = 0; i < ngiven; i++) {
		if ((uses_of(given[i]) & uses) == 0)
			continue;
		for (j = 0; common_options[j].name != NULL ||
		    common_options[j].key || common_options[j].doc != NULL; j++)
			if (common_options[j].key == given[i] &&
			    common_options[j].name != NULL)
				return common_options[j].name;
	}
	return NULL;
}

const struct argp_child *
cs_common_children_for(unsigned uses)
{
	static struct argp_option some[sizeof(common_options) /
	    sizeof(common_options[0])];
	static struct argp argp;
	static struct argp_child kids[2];
	size_t i, n = 0;

	for (i = 0; common_options[i].name != NULL || common_options[i].key ||
	    common_options[i].doc != NULL; i++)
		if ((uses_of(common_options[i].key) & ~uses) == 0)
			some[n++] = common_options[i];
	memset(&some[n], 0, sizeof(some[n]));
	argp = cs_common_argp;
	argp.options = some;
	kids[0] = cs_common_children[0];
	kids[0].argp = &argp;
	return kids;
}

void
cs_args_push(struct argp_state *state, char *arg, struct cs_args *a)
{
	if (strcmp(arg, "-") == 0 && a->stdin_seen++)
		cs_argp_error(state, "'-' (standard input) is given twice");
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
		cs_argp_error(state, "invalid %s '%s': expected a whole number "
		    "from %ld to %ld", name, arg, min, max);
	return v;
}

void
cs_opt_date(struct argp_state *state, const char *name, const char *arg,
    char out[11])
{
	int d;

	if (cs_date_parse(arg, strlen(arg), &d) != 0)
		cs_argp_error(state, "invalid %s '%s': not a date", name, arg);
	cs_date_format(d, out);
}

void
cs_opt_uscc(struct argp_state *state, const char *name, const char *arg,
    char out[19])
{
	char msg[256];

	if (cs_uscc_check(NULL, name, arg, strlen(arg), out, msg,
	    sizeof(msg)) == CS_USCC_BAD)
		cs_argp_error(state, "invalid %s", msg);
}

int
cs_common_takes_value(const char *a)
{
	static const char *const longs[] = { "--db", "--rules", "--as-of",
	    "--from", "--to", "--encoding", "--rejects", "--operator", "--wait",
	    "--delimiter", NULL };
	const char *const *l;

	if (strcmp(a, "-d") == 0)
		return 1;
	for (l = longs; *l != NULL; l++)
		if (strcmp(a, *l) == 0)
			return 1;
	return 0;
}

int
cs_operand_at(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			i += cs_common_takes_value(argv[i]);
			continue;
		}
		return i;
	}
	return 0;
}

int
cs_operand_is(int argc, char **argv, const char *word)
{
	int at = cs_operand_at(argc, argv);

	return at != 0 && strcmp(argv[at], word) == 0;
}

void
cs_command_take(int *argc, char **argv, int at, const char *command,
    char name[64])
{
	memmove(argv + at, argv + at + 1,
	    (size_t)(*argc - at) * sizeof(char *));
	(*argc)--;
	snprintf(name, 64, "%s %s", program_invocation_name, command);
	argv[0] = name;
}

static const struct cs_command *top_cmds;	/* for parse_top's hints */
static int top_after_dashdash;		/* the operand came after "--" */

static error_t
parse_top(int key, char *arg, struct argp_state *state)
{
	const struct cs_command *c;
	const char *names[64], *near;
	size_t n = 0;

	switch (key) {
	case ARGP_KEY_ARG:
		for (c = top_cmds; c != NULL && c->name != NULL && n < 64; c++)
			names[n++] = c->name;
		near = cs_nearest(names, n, arg);
		if (top_after_dashdash && near != NULL &&
		    strcmp(near, arg) == 0)
			cs_argp_error(state, "unknown command '%s' after '--' (a "
			    "command comes before it)", arg);
		if (near != NULL)
			cs_argp_error(state, "unknown command '%s'; did you mean "
			    "'%s'?", arg, near);
		cs_argp_error(state, "unknown command '%s'", arg);
		break;
	case ARGP_KEY_NO_ARGS:
		cs_argp_error(state, "no command given");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* The command named s, or NULL. */
static const struct cs_command *
find_command(const struct cs_command *cmds, const char *s)
{
	for (; cmds->name != NULL; cmds++)
		if (strcmp(cmds->name, s) == 0)
			return cmds;
	return NULL;
}

/*
 * The argp of every option of the tool (every command's, the shared
 * ones, all the common ones), for saying that an option does not apply.
 */
static const struct argp *
tool_argp(const struct cs_command *cmds)
{
	static struct argp each[32], all;
	static struct argp_child kids[96];
	size_t n = 0, k = 0, i;

	for (; cmds->name != NULL && k < 32 && n < 90; cmds++) {
		memset(&each[k], 0, sizeof(each[k]));
		each[k].options = cmds->options;
		kids[n++] = (struct argp_child){ &each[k++], 0, NULL, 0 };
		for (i = 0; cmds->children != NULL &&
		    cmds->children[i].argp != NULL && n < 90; i++)
			kids[n++] = cmds->children[i];
	}
	kids[n++] = cs_common_children[0];
	memset(&kids[n], 0, sizeof(kids[n]));
	memset(&all, 0, sizeof(all));
	all.children = kids;
	return &all;
}

/* Parse argv with the top argp (no command): argp exits. */
static noreturn void
parse_without_command(struct argp *top, int argc, char **argv)
{
	argp_parse(top, argc, argv, 0, NULL, NULL);
	exit(cs_finish(CS_EX_USAGE));
}

const struct cs_command *
cs_command_parse(int argc, char **argv, const struct cs_command *cmds,
    const char *top_doc, argp_parser_t parse_opt,
    void (*chosen)(const struct cs_command *), char name[64])
{
	struct argp top = { NULL, parse_top, "COMMAND [ARG...]", top_doc,
	    cs_common_children, NULL, NULL };
	static struct argp_child kids[16];
	static char help[] = "--help";
	struct argp sub = { NULL, parse_opt, NULL, NULL, kids, NULL, NULL };
	const struct cs_command *cmd = NULL;
	char *one[3] = { argv[0], NULL, NULL };
	int i, at = 0, n = 0;

	top_cmds = cmds;
	cs_argp_check(&top, NULL, NULL);
	/* The first operand is the command. */
	for (i = 1; i < argc && at == 0; i++) {
		if (strcmp(argv[i], "--") == 0) {
			if (i + 1 < argc) {
				top_after_dashdash = 1;
				one[1] = argv[i + 1];
				parse_without_command(&top, 2, one);
			}
			break;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			i += cs_common_takes_value(argv[i]);	/* -d x.db */
		else
			at = i;
	}
	if (at == 0)	/* --help, --version, or a usage error */
		parse_without_command(&top, argc, argv);
	cmd = find_command(cmds, argv[at]);
	if (cmd == NULL && strcmp(argv[at], "help") == 0) {
		/* "help COMMAND" is "COMMAND --help"; "help", --help. */
		one[1] = at + 1 < argc ? argv[at + 1] : help;
		cmd = at + 1 < argc ? find_command(cmds, argv[at + 1]) : NULL;
		if (cmd == NULL)
			parse_without_command(&top, 2, one);
		argv[at + 1] = help;
	}
	if (cmd == NULL) {
		one[1] = argv[at];
		parse_without_command(&top, 2, one);
	}
	/* Options may come before or after the command name. */
	cs_command_take(&argc, argv, at, cmd->name, name);
	/* The command's children, then the common options it takes. */
	for (i = 0; cmd->children != NULL && cmd->children[i].argp != NULL &&
	    n < 14; i++)
		kids[n++] = cmd->children[i];
	kids[n++] = cs_common_children_for(cmd->uses)[0];
	sub.options = cmd->options;
	sub.args_doc = cmd->args;
	sub.doc = cmd->doc;
	cs_argp_check(&sub, tool_argp(cmds), cmd->name);
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
	cs_vput_message(fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry `%s %s --help' or `%s %s --usage' for more "
	    "information.\n", program_invocation_name, cmd,
	    program_invocation_name, cmd);
	exit(CS_EX_USAGE);
}
