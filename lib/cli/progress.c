/*
 * The progress line on stderr.  On a terminal it is redrawn in place
 * ("\r", the text, "erase to the end of the line"); elsewhere (a log
 * file) only the final line is written.  The tools of one pipeline share
 * the terminal: the first to draw takes a lock on it (flock(2) on the
 * terminal device, opened anew so that each process has its own lock) and
 * keeps it until its final line; the others wait for their turn, so each
 * tool's line is its own.  A message of any tool clears the line first.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "cli/progress.h"

static struct cs_progress *live;	/* the line on the terminal, or NULL */
static int lockfd = -1;			/* the terminal, for flock; -2: none */
static int owner;			/* this process holds the lock */

/*
 * Seconds on a monotonic clock.  CS_TEST_CLOCK=STEP makes a clock that
 * moves STEP seconds each time it is read (for the tests; see cs(7)).
 */
static double
now(void)
{
	static int fake = -1;
	static double step, t;
	struct timespec ts;
	const char *e;

	if (fake < 0) {
		e = getenv("CS_TEST_CLOCK");
		fake = e != NULL && *e != '\0';
		step = fake ? strtod(e, NULL) : 0;
	}
	if (fake)
		return t += step;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Is stderr a terminal that understands "erase to the end of line"? */
static int
terminal(void)
{
	static int tty = -1;
	const char *term;

	if (tty < 0) {
		term = getenv("TERM");
		tty = isatty(2) && term != NULL && *term != '\0' &&
		    strcmp(term, "dumb") != 0;
	}
	return tty;
}

/* May this process draw on the terminal now?  Takes the lock if free. */
static int
own_line(void)
{
	const char *name;

	if (owner)
		return 1;
	if (lockfd == -1) {
		name = ttyname(2);
		lockfd = name != NULL ? open(name, O_RDONLY | O_NOCTTY |
		    O_CLOEXEC) : -1;
		if (lockfd < 0)
			lockfd = -2;
	}
	/* A terminal that cannot be locked is drawn on all the same. */
	if (lockfd == -2 || flock(lockfd, LOCK_EX | LOCK_NB) == 0)
		owner = 1;
	return owner;
}

static void
release_line(void)
{
	if (owner && lockfd >= 0)
		flock(lockfd, LOCK_UN);
	owner = 0;
	live = NULL;
}

/* "0:42", "12:05", "1:02:03". */
static void
duration(double s, char *out, size_t n)
{
	long t = s < 0 ? 0 : (long)(s + 0.5);

	if (t >= 3600)
		snprintf(out, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60,
		    t % 60);
	else
		snprintf(out, n, "%ld:%02ld", t / 60, t % 60);
}

void
cs_progress_start(struct cs_progress *p, const char *what, int on)
{
	p->n = 0;
	p->on = on;
	p->t0 = p->last = now();
	p->what = what != NULL ? what : "rows";
	p->drawn = 0;
	p->at = -1;
	p->size = -1;
}

void
cs_progress_size(struct cs_progress *p, long long size)
{
	p->size = size;
}

void
cs_progress_slow(struct cs_progress *p)
{
	double t = now(), el = t - p->t0;
	char left[32];
	int pct;

	if (el < 1.0 || (p->drawn && live == p && t - p->last < 0.5))
		return;
	if (!terminal() || !own_line())
		return;
	p->last = t;
	p->drawn = 1;
	live = p;
	fprintf(stderr, "\r%s: %ld %s, %.0f %s/s", program_invocation_name,
	    p->n, p->what, (double)p->n / el, p->what);
	if (p->size > 0 && p->at > 0) {
		pct = p->at >= p->size ? 100 : (int)(p->at * 100 / p->size);
		duration(el * (double)(p->size - p->at) / (double)p->at, left,
		    sizeof(left));
		fprintf(stderr, ", %d%%, %s left", pct, left);
	}
	fputs("\033[K", stderr);
}

void
cs_progress_end(struct cs_progress *p)
{
	double el;
	char took[32];

	if (!p->on)
		return;
	el = now() - p->t0;
	if (el < 1.0 && !p->drawn)
		return;
	duration(el, took, sizeof(took));
	fprintf(stderr, "%s%s: %ld %s in %s, %.0f %s/s%s\n", terminal() ?
	    "\r" : "", program_invocation_name, p->n, p->what, took,
	    el > 0 ? (double)p->n / el : (double)p->n, p->what, terminal() ?
	    "\033[K" : "");
	if (live == p || owner)
		release_line();
	p->on = 0;
}

void
cs_progress_clear(void)
{
	if (!terminal())
		return;
	fputs("\r\033[K", stderr);
	/* The line is drawn again at the next look at the clock. */
	if (live != NULL)
		live->last = -1e9;
}

void
cs_progress_callback(void *p, long n)
{
	(void)n;
	cs_progress_tick(p);
}
