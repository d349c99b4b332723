/*
 * Messages on stderr and the checked exit of every binary: the only
 * place, with the allocators' out-of-memory exit, where cs ends a
 * process on purpose.
 */
#include <argp.h>
#include <errno.h>
#include <error.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/messages.h"
#include "io/stream.h"
#include "cli/progress.h"
#include "core/hash.h"
#include "core/tmpfile.h"

static int finished;
static int stdout_failed;		/* its write error is reported */

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
		int e = cs_stdout_errno() != 0 ? cs_stdout_errno() : errno;

		if (e == EPIPE) {
			signal(SIGPIPE, SIG_DFL);
			raise(SIGPIPE);
		}
		if (!stdout_failed && !cs_stdout_reported())
			error(0, e, "write error on stdout");
		_exit(CS_EX_IOERR);
	}
}

int
cs_stdout_flush(struct cs_error *err)
{
	/*
	 * errno is left as it is: once a flush failed, stdio may have
	 * dropped the buffer, and then only the errno of that failure
	 * (a writer's close) tells what went wrong.
	 */
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	if (errno == EPIPE) {
		cs_tmpfile_cleanup();
		signal(SIGPIPE, SIG_DFL);
		raise(SIGPIPE);
	}
	stdout_failed = 1;
	return cs_error_set(err, CS_EX_IOERR, NULL, 0, "write error on "
	    "stdout: %s", strerror(cs_stdout_errno() != 0 ?
	    cs_stdout_errno() : errno != 0 ? errno : EIO));
}

/*
 * A signal that ends the process first removes the temporary files of
 * outputs not yet in place, then ends it as it would have.
 */
static void
on_fatal_signal(int sig)
{
	cs_tmpfile_cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
catch_signals(void)
{
	static const int sigs[] = {
		SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGALRM, SIGXCPU,
		SIGVTALRM, SIGPROF, SIGUSR1, SIGUSR2
	};
	struct sigaction sa, old;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		/* A signal the caller ignores (nohup, a background job) stays so. */
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	}
	/*
	 * Past the file size limit a write fails with EFBIG and is reported
	 * (74) instead of the process dying without a word.
	 */
	signal(SIGXFSZ, SIG_IGN);
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
	/* Registered last, so run first: before a SIGPIPE re-raised above. */
	atexit(cs_tmpfile_cleanup);
	catch_signals();
}

int
cs_finish(int rc)
{
	int bad = fflush(stdout) != 0 || ferror(stdout);
	int e = errno;

	finished = 1;
	if (fclose(stdout) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	if (!bad)
		return rc;
	/* The errno of the write that failed, not of what came after it. */
	if (cs_stdout_errno() != 0)
		e = cs_stdout_errno();
	if (e == EPIPE) {
		signal(SIGPIPE, SIG_DFL);
		raise(SIGPIPE);
	}
	if (!stdout_failed && !cs_stdout_reported())
		error(0, e, "write error on stdout");
	return CS_EX_IOERR;
}

/*
 * Write s[0..n) with what could drive a terminal escaped as \xHH: the C0
 * controls (ESC, BEL, CR, ...), DEL, the C1 controls (U+0080 to U+009F,
 * OSC and CSI among them) and bytes that are not UTF-8.  Text of any
 * script passes as it is.
 */
static void
put_escaped(FILE *fp, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k, len;

	while (i < n) {
		len = p[i] < 0x80 ? 1 : p[i] >= 0xc2 && p[i] <= 0xdf ? 2 :
		    p[i] >= 0xe0 && p[i] <= 0xef ? 3 :
		    p[i] >= 0xf0 && p[i] <= 0xf4 ? 4 : 0;
		if (len == 1 && p[i] >= 0x20 && p[i] != 0x7f) {
			fputc(p[i++], fp);
			continue;
		}
		if (len > 1 && i + len <= n &&
		    cs_utf8_valid(s + i, len, NULL) &&
		    !(p[i] == 0xc2 && p[i + 1] < 0xa0)) {
			fwrite(p + i, 1, len, fp);
			i += len;
			continue;
		}
		/* A C1 control goes out as both of its bytes. */
		k = p[i] == 0xc2 && i + 1 < n && p[i + 1] >= 0x80 &&
		    p[i + 1] < 0xa0 ? 2 : 1;
		while (k-- > 0)
			fprintf(fp, "\\x%02x", p[i++]);
	}
}

static void
vput_message(FILE *fp, const char *fmt, va_list ap)
{
	char small[1024], *msg = small, *big = NULL;
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(small, sizeof(small), fmt, aq);
	va_end(aq);
	if (n < 0) {
		msg = (char *)fmt;
		n = (int)strlen(fmt);
	} else if ((size_t)n >= sizeof(small)) {
		msg = big = cs_xmalloc((size_t)n + 1);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
	}
	put_escaped(fp, msg, (size_t)n);
	free(big);
}

void
cs_vput_message(const char *fmt, va_list ap)
{
	vput_message(stderr, fmt, ap);
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
	flockfile(stderr);
	fprintf(stderr, "%s: ", program_invocation_name);
	cs_vput_message(fmt, ap);
	if (e != NULL)
		fprintf(stderr, ": %s\n", strerror(*e));
	else
		fputc('\n', stderr);
	funlockfile(stderr);
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

void
cs_argp_error(const struct argp_state *state, const char *fmt, ...)
{
	char *text = NULL;
	size_t len = 0;
	va_list ap;
	FILE *fp;

	/* The message, escaped as every other, then argp's own ending. */
	fp = open_memstream(&text, &len);
	if (fp == NULL)
		cs_xfail("out of memory");
	va_start(ap, fmt);
	vput_message(fp, fmt, ap);
	va_end(ap);
	if (fclose(fp) != 0)
		cs_xfail("out of memory");
	argp_error(state, "%s", text);
	free(text);
}

int
cs_has_control(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 &&
		    p[1] < 0xa0))
			return 1;
	return 0;
}
