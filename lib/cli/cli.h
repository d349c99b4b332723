/*
 * The command-line side shared by every binary: the common argp options of
 * DESIGN.md section 3, messages on stderr in the GNU format, the progress
 * line, and the checked exit (stdout flushed, SIGPIPE re-raised).
 */
#ifndef CS_CLI_CLI_H
#define CS_CLI_CLI_H

#include <argp.h>
#include <stdnoreturn.h>

#include "core/util.h"

/* The common options after parsing; defaults filled at ARGP_KEY_SUCCESS. */
struct cs_common {
	const char *db;			/* -d: $CS_DB, else ./credit.db */
	const char *rules;		/* --rules, or NULL: see cs_rules_dir() */
	int as_of;			/* --as-of in days since 1970-01-01 */
	char as_of_str[11];		/* the same as YYYY-MM-DD */
	int from;			/* enum cs_format */
	int to;				/* enum cs_format; AUTO = as the input */
	const char *encoding;		/* NULL = UTF-8 */
	const char *rejects;		/* file for rejected rows, or NULL */
	int strict;			/* first reject is fatal */
	const char *operator;		/* recorded in the ledger */
	int quiet;
	int progress;			/* 1 when the progress line is shown */
};

extern struct cs_common cs_opt;
extern const struct argp cs_common_argp;
/* The children of a command's argp: the common options. */
extern const struct argp_child cs_common_children[];

/* The FILE... operands of a filter. */
struct cs_args {
	char **v;			/* borrowed from argv; the array is new */
	int n;
	int stdin_seen;			/* "-" was given */
};

/* Add an operand (in ARGP_KEY_ARG); "-" twice is a usage error. */
void cs_args_push(struct argp_state *state, char *arg, struct cs_args *a);

/* The value of option name as a whole number in [min, max], or exit 64. */
long cs_opt_long(struct argp_state *state, const char *name, const char *arg,
    long min, long max);

/*
 * The value of option name as a date, written YYYY-MM-DD into out, or
 * exit 64.
 */
void cs_opt_date(struct argp_state *state, const char *name, const char *arg,
    char out[11]);

/* One command of a tool with commands (cs-record add, cs-sample draw). */
struct cs_command {
	const char *name;
	const char *args;		/* argp's args_doc: "", "USCC", "[FILE...]" */
	const char *doc;
	const struct argp_option *options;
	int (*run)(void);
};

/*
 * Parse argv of a tool with commands (cmds ends with a NULL name): the
 * command is the first operand that names one -- common options and
 * their values may come before it ("cs-record -d x.db add").  It is
 * taken out of argv, argv[0] becomes "prog command" (kept in name), and
 * the rest is parsed with parse_opt, the command's options and the
 * common ones; chosen (may be NULL) is called first.  Without a command,
 * top_doc serves --help and --version; anything else is a usage error
 * (exit 64).  Returns the command.
 */
const struct cs_command *cs_command_parse(int argc, char **argv,
    const struct cs_command *cmds, const char *top_doc,
    argp_parser_t parse_opt, void (*chosen)(const struct cs_command *),
    char name[64]);
/*
 * A usage error found after argp, in command cmd: the message and the
 * Try line argp gives, then exit 64.
 */
noreturn void cs_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Shorten the program name for messages and set up stdout. */
void cs_init(int argc, char **argv);

/*
 * Flush and close stdout; on EPIPE re-raise SIGPIPE, on another error
 * report it and return 74.  Returns rc otherwise.  Use as
 * "return cs_finish(rc);".
 */
int cs_finish(int rc);

/* "prog: message" on stderr (GNU format; no full stop). */
void cs_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same, with ": strerror(errno)" appended. */
void cs_warn_errno(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
/* cs_warn, then exit(status) after flushing stdout. */
noreturn void cs_die(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Report err as "prog: file:line: msg". */
void cs_warn_err(const struct cs_error *err);
/* cs_warn_err, then exit with err->code. */
noreturn void cs_die_err(const struct cs_error *err);

/* The one-line progress counter on stderr (only when cs_opt.progress). */
struct cs_progress {
	long n;				/* rows so far */
	double t0;			/* start, seconds */
	double last;			/* last print */
	const char *what;		/* "rows", "events" */
	int shown;
};

void cs_progress_start(struct cs_progress *p, const char *what);
void cs_progress_slow(struct cs_progress *p);
void cs_progress_end(struct cs_progress *p);

/* Count one row; prints at most twice a second. */
static inline void
cs_progress_tick(struct cs_progress *p)
{
	if ((++p->n & 4095) == 0 && cs_opt.progress)
		cs_progress_slow(p);
}

/*
 * The talking side of a command run (struct cs_run of run.h, whose silent
 * core returns errors): each reports on stderr and exits when the run
 * cannot go on.
 */
struct cs_run;
struct cs_run_opts;
struct cs_row;
struct cs_item;

/* cs_run_init, or report and exit. */
void cs_run_open(struct cs_run *c, const struct cs_run_opts *o);
/* Free everything; returns the exit status of the run (74 on a failed
 * rejects file, reported). */
int cs_run_close(struct cs_run *c);
/*
 * Reject a row: "prog: file:line: msg", counted in c->n.rejected, a copy
 * in the rejects file, exit status 1; with --strict, roll back and exit
 * 65.
 */
void cs_run_reject(struct cs_run *c, const struct cs_row *row,
    const char *msg);
/* Report err, say what earlier batches stored, roll back, exit. */
noreturn void cs_run_fatal(struct cs_run *c, const struct cs_error *err);
/* Roll back, close, exit with code. */
noreturn void cs_run_leave(struct cs_run *c, int code);
/*
 * The next row to handle: 1 with *it, 0 at the end.  Inputs that cannot
 * be opened (66), bad rows (counted) and fatal errors are dealt with, and
 * the progress line kept.
 */
int cs_run_next(struct cs_run *c, struct cs_item **it);
/* The transaction steps of run.h, exiting on failure. */
void cs_run_begin(struct cs_run *c);
void cs_run_batch(struct cs_run *c);
void cs_run_commit(struct cs_run *c);
#endif
