/*
 * Messages on stderr and the checked exit of every binary: the only
 * place, with the allocators' out-of-memory exit, where cs ends a
 * process on purpose.
 */
#include <errno.h>
#include <error.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/messages.h"
#include "cli/progress.h"
#include "core/hash.h"

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

/*
 * "prog: message" on stderr, then ": strerror(*e)" when e is not NULL,
 * and a newline; stdout is flushed first so that the two keep their
 * order, and a progress line on the terminal is cleared.
 */
static void
vwarn(const int *e, const char *fmt, va_list ap)
{
	fflush(stdout);
	cs_progress_clear();
	fprintf(stderr, "%s: ", program_invocation_name);
	vfprintf(stderr, fmt, ap);
	if (e != NULL)
		fprintf(stderr, ": %s\n", strerror(*e));
	else
		fputc('\n', stderr);
}

void
cs_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(NULL, fmt, ap);
	va_end(ap);
}

void
cs_warn_errno(const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	va_start(ap, fmt);
	vwarn(&e, fmt, ap);
	va_end(ap);
}

void
cs_die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(NULL, fmt, ap);
	va_end(ap);
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
