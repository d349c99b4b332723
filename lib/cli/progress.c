/*
 * The progress line on stderr: a counter with the rate, redrawn with a
 * carriage return and ended with a newline.
 */
#include <errno.h>
#include <stdio.h>
#include <time.h>

#include "cli/progress.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
cs_progress_start(struct cs_progress *p, const char *what, int on)
{
	p->n = 0;
	p->on = on;
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

	if (!p->on)
		return;
	t = now() - p->t0;
	fprintf(stderr, "\r%s: %ld %s, %.0f %s/s\n", program_invocation_name,
	    p->n, p->what, t > 0 ? (double)p->n / t : (double)p->n, p->what);
}

void
cs_progress_callback(void *p, long n)
{
	(void)n;
	cs_progress_tick(p);
}
