/*
 * What a binary says and how it ends: messages on stderr in the GNU
 * format ("prog: file:line: msg"), and the checked exit (stdout flushed
 * and closed, SIGPIPE re-raised on EPIPE, 74 on another write error).
 */
#ifndef CS_CLI_MESSAGES_H
#define CS_CLI_MESSAGES_H

#include <stdarg.h>
#include <stdnoreturn.h>

#include "core/util.h"

/*
 * Shorten the program name for messages (argv[0] without its directory),
 * give stdout a big buffer and check it at any exit; remove temporary
 * output files (core/tmpfile.h) at any exit and on the signals that end
 * a process, and ignore SIGXFSZ so that a write past the file size limit
 * fails with EFBIG.  Call first in main.
 */
void cs_init(int argc, char **argv);

/*
 * Flush and close stdout; on EPIPE re-raise SIGPIPE, on another error
 * report it and return 74.  Returns rc otherwise.  Use as
 * "return cs_finish(rc);".
 */
int cs_finish(int rc);

/*
 * Flush stdout now, so that what a run printed is out before it commits:
 * 0, or -1 with err (74, "write error on stdout: ..."; the exit does not
 * say it again).  On EPIPE the process ends by SIGPIPE, as at the exit.
 */
int cs_stdout_flush(struct cs_error *err);

/*
 * "prog: message" on stderr (GNU format; no full stop).  Control
 * characters in the message (ESC, BEL, the C1 controls) and bytes that
 * are not UTF-8 are written as \xHH: messages quote the input.
 */
void cs_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * The message of fmt and ap alone on stderr, escaped as cs_warn escapes
 * it: for messages of another shape (usage errors).
 */
void cs_vput_message(const char *fmt, va_list ap);
/* The same, with ": strerror(errno)" appended. */
void cs_warn_errno(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
/* cs_warn, then exit(status) after flushing stdout. */
noreturn void cs_die(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Report err as "prog: file:line: msg" (file and line when set). */
void cs_warn_err(const struct cs_error *err);
/*
 * argp_error(state, fmt, ...) with the message escaped as cs_warn's
 * (control characters of arguments as \xHH): "prog: message", argp's
 * "Try --help" line, exit 64.
 */
struct argp_state;
void cs_argp_error(const struct argp_state *state,
    const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* 1 when s holds a C0 or C1 control character or DEL. */
int cs_has_control(const char *s);
/* cs_warn_err, then exit with err->code (70 when it is 0). */
noreturn void cs_die_err(const struct cs_error *err);

#endif
