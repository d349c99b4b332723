/*
 * The one-line progress counter on stderr ("prog: 81920 rows, 40960
 * rows/s"), redrawn at most twice a second while a run reads, and ended
 * by a final line.  Shown only when the caller says so (--progress).
 */
#ifndef CS_CLI_PROGRESS_H
#define CS_CLI_PROGRESS_H

struct cs_progress {
	long n;				/* rows so far */
	double t0;			/* start, seconds */
	double last;			/* last print */
	const char *what;		/* "rows", "events"; borrowed */
	int on;				/* 1: the line is shown */
	int shown;			/* 1: it was printed at least once */
};

/*
 * Start counting what (a static string, kept borrowed); on says whether
 * the line is shown (the parsed --progress).  A struct never started
 * counts silently.
 */
void cs_progress_start(struct cs_progress *p, const char *what, int on);
/* Redraw the line when half a second has passed (cs_progress_tick). */
void cs_progress_slow(struct cs_progress *p);
/* The final line with the rate, when the line is shown. */
void cs_progress_end(struct cs_progress *p);

/*
 * cs_progress_tick for a lib function that reports its progress through
 * a callback (cs_store_verify): p is a struct cs_progress, n ignored.
 */
void cs_progress_callback(void *p, long n);

/* Count one row; looks at the clock every 4096 rows. */
static inline void
cs_progress_tick(struct cs_progress *p)
{
	if ((++p->n & 4095) == 0 && p->on)
		cs_progress_slow(p);
}

#endif
