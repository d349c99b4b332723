/*
 * The options every binary shares: the common argp child (DESIGN.md
 * section 3), FILE operands, whole-number and date option values, and
 * the parsing of tools with commands.  argp writes the common values to
 * cs_opt; only cmd/ reads it and hands lib what a run needs.
 */
#ifndef CS_CLI_OPTIONS_H
#define CS_CLI_OPTIONS_H

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
	int delim;			/* --delimiter of CSV input; 0: ',' */
	int no_header;			/* -H: CSV output without its header */
	const char *encoding;		/* NULL = UTF-8 */
	const char *rejects;		/* file for rejected rows, or NULL */
	int strict;			/* first reject is fatal */
	const char *operator;		/* recorded in the ledger */
	int quiet;
	int progress;			/* 1 when the progress line is shown */
	long wait_ms;			/* --wait for a busy store */
};

/* Written by cs_common_argp; read by cmd/ only. */
extern struct cs_common cs_opt;
extern const struct argp cs_common_argp;
/* The children of a command's argp: the common options. */
extern const struct argp_child cs_common_children[];

/*
 * Which common options a command takes besides -d, --rules, --as-of,
 * --operator, -q and the help: the others are refused (64) and not in
 * its --help.
 */
enum cs_uses {
	CS_USES_IN = 1 << 0,		/* --from, --encoding, --delimiter */
	CS_USES_REJECTS = 1 << 1,	/* --rejects, --strict */
	CS_USES_TO = 1 << 2,		/* --to */
	CS_USES_NO_HEADER = 1 << 3,	/* -H, --no-header */
	CS_USES_PROGRESS = 1 << 4,	/* --progress */
	/* Writes a stream of rows. */
	CS_USES_OUT = CS_USES_TO | CS_USES_NO_HEADER,
	/* Reads rows: their format, the rejects, the progress line. */
	CS_USES_ROWS = CS_USES_IN | CS_USES_REJECTS | CS_USES_PROGRESS,
	/* Reads rows and writes rows. */
	CS_USES_FILTER = CS_USES_ROWS | CS_USES_OUT,
	CS_USES_ALL = 0x1f
};

/*
 * The common options that uses names, as the children of an argp (a
 * static array, made again at each call).
 */
const struct argp_child *cs_common_children_for(unsigned uses);
/* Does argv element a, a common option, take the next one as its value? */
int cs_common_takes_value(const char *a);

/* The FILE... operands of a filter. */
struct cs_args {
	char **v;			/* borrowed from argv; the array is new */
	int n;
	int stdin_seen;			/* "-" was given */
};

/*
 * Add operand arg (in ARGP_KEY_ARG) to a (the array grows; the caller
 * frees a->v); "-" twice is a usage error (exit 64).
 */
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

/*
 * The value of option name (or operand: "USCC") as a USCC, its canonical
 * 18 characters written to out, or exit 64 ("invalid " and the reason).
 */
void cs_opt_uscc(struct argp_state *state, const char *name,
    const char *arg, char out[19]);

/* One command of a tool with commands (cs-record add, cs-sample draw). */
struct cs_command {
	const char *name;
	const char *args;		/* args_doc: "", "USCC", "[FILE...]" */
	const char *doc;
	const struct argp_option *options;
	int (*run)(void);
	const struct argp_child *children; /* shared options (cli/shared.h)
					   before the common ones, or NULL */
	unsigned uses;			/* enum cs_uses: common options */
};

/*
 * Parse argv of a tool with commands (cmds ends with a NULL name): the
 * first operand is the command -- common options and their values may
 * come before it ("cs-record -d x.db add"); "help COMMAND" is "COMMAND
 * --help".  It is taken out of argv, argv[0] becomes "prog command"
 * (kept in name), and the rest is parsed with parse_opt, the command's
 * options, its children and the common options it uses; chosen (may be
 * NULL) is called first.  An option of another command is refused as not
 * applying to this one, and an unknown command or option is told the
 * nearest one there is.  Without a command, top_doc serves --help and
 * --version; anything else is a usage error (exit 64).  Returns the
 * command (borrowed from cmds).
 */
const struct cs_command *cs_command_parse(int argc, char **argv,
    const struct cs_command *cmds, const char *top_doc,
    argp_parser_t parse_opt, void (*chosen)(const struct cs_command *),
    char name[64]);
/*
 * Have argp look at the options of argv before it parses them (its
 * parser is wrapped), to say what it cannot: that an option of tool (the
 * argp of the whole tool, or NULL) does not apply to the command which
 * ("option '--rejects' does not apply to verify"), and which option an
 * unknown one may be ("unrecognized option '--rejcts'; did you mean
 * '--rejects'?").  Such lines exit 64 as argp's usage errors do.
 */
void cs_argp_check(struct argp *argp, const struct argp *tool,
    const char *which);
/*
 * The long name (without "--") of the first common option of uses (enum
 * cs_uses) given on the command line, or NULL: for refusing the options
 * that do not apply to a mode of a tool (cs-score --all reads no rows,
 * so "option '--rejects' does not apply to --all").  Valid from the
 * parsing of the options on.
 */
const char *cs_common_given(unsigned uses);
/*
 * The index of the first operand of argv (options and the values of the
 * common options skipped), or 0 when there is none before "--".
 */
int cs_operand_at(int argc, char **argv);
/* Is the first operand of argv (options skipped) word? */
int cs_operand_is(int argc, char **argv, const char *word);
/*
 * Take the command argv[at] out of argv (*argc shrinks by one) and make
 * argv[0] "prog command", in name: argp then says "cs-classify history:
 * ..." and "Try `cs-classify history --help'", as for any command.
 */
void cs_command_take(int *argc, char **argv, int at, const char *command,
    char name[64]);
/*
 * Of names[0..n) (NULL entries skipped), the one nearest to given
 * (cs_nearness), or NULL when none is near.
 */
const char *cs_nearest(const char *const *names, size_t n,
    const char *given);

/*
 * A usage error found after argp, in command cmd: the message and the
 * Try line argp gives, then exit 64.
 */
noreturn void cs_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
