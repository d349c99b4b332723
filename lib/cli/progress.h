/*
 * The progress line on stderr ("prog: 81920 rows, 40960 rows/s, 33%,
 * 0:04 left"): shown only once a run has worked for a second, redrawn
 * at most twice a second on a terminal, and ended by one final line with
 * a newline.  Of the tools of one pipeline, one draws at a time, so that
 * none overwrites another's line.  Shown only when the caller says so
 * (--progress).
 */
#ifndef CS_CLI_PROGRESS_H
#define CS_CLI_PROGRESS_H

struct cs_progress {
	long n;				/* rows so far */
	double t0;			/* start, seconds */
	double last;			/* last draw */
	const char *what;		/* "rows", "events"; borrowed */
	int on;				/* 1: the line is shown */
	int drawn;			/* 1: it was drawn at least once */
	long long at;			/* input bytes read so far, or -1 */
	long long size;			/* input bytes in all, or -1 */
};

/*
 * Start counting what (a static string, kept borrowed; NULL: "rows"); on
 * says whether the line is shown (the parsed --progress).  The input
 * size is unknown until cs_progress_size.  A struct never started counts
 * silently.
 */
void cs_progress_start(struct cs_progress *p, const char *what, int on);
/*
 * The size in bytes of what the run reads (-1: unknown, as for a pipe);
 * with cs_progress_tick_at, the line shows the percentage done and the
 * time left.
 */
void cs_progress_size(struct cs_progress *p, long long size);
/* Redraw the line when it is due (cs_progress_tick). */
void cs_progress_slow(struct cs_progress *p);
/*
 * The final line ("prog: 250000 rows in 0:06, 41666 rows/s"), when the
 * line is shown and the run took a second or more; nothing otherwise.
 */
void cs_progress_end(struct cs_progress *p);

/*
 * Before a message on stderr: a progress line being drawn on the
 * terminal (by this tool or another of the pipeline) is cleared, so that
 * the message starts a line of its own; the line is drawn again below it.
 */
void cs_progress_clear(void);

/*
 * cs_progress_tick for a lib function that reports its progress through
 * a callback (cs_store_verify): p is a struct cs_progress, n ignored.
 */
void cs_progress_callback(void *p, long n);

/* Count one row; looks at the clock every 256 rows. */
static inline void
cs_progress_tick(struct cs_progress *p)
{
	if ((++p->n & 255) == 0 && p->on)
		cs_progress_slow(p);
}

/* cs_progress_tick for a row that ends at input byte at. */
static inline void
cs_progress_tick_at(struct cs_progress *p, long long at)
{
	p->at = at;
	cs_progress_tick(p);
}

#endif
