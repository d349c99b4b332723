/*
 * The two passes of a draw over a canonical frame -- what cs-sample frame
 * writes: "uscc,class", then lines of an 18-character USCC, a comma and a
 * class, LF -- read line by line from byte ranges by the fast splitter,
 * the two halves of a large frame on two threads: the general reader
 * costs more than the rest of a draw together.  A frame of any other
 * shape goes to the general reader (drawing_frame.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "domain/uscc.h"
#include "io/csvsplit.h"
#include "io/stream.h"
#include "ops/drawing_internal.h"

/* The class of a canonical line "USCC,CLASS", or -1 when it is not one. */
static long
canonical(const struct cs_plan *plan, const char *p, size_t n)
{
	const char *v[2];
	size_t len[2], i;

	/*
	 * A USCC is alphanumeric and a class holds no comma, quote or line
	 * break (cs_plan_load): a line that passes is these two fields to
	 * every CSV reader.
	 */
	if (cs_csv_split_plain(p, n, v, len, 2) != 2 || len[0] != 18)
		return -1;
	for (i = 0; i < 18; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'A' &&
		    p[i] <= 'Z')))
			return -1;
	if (len[1] == 1) {
		/* One-letter classes, the usual kind, without strlen. */
		for (i = 0; i < plan->nclasses; i++)
			if (plan->classes[i][0] == v[1][0] &&
			    plan->classes[i][1] == '\0')
				return (long)i;
		return -1;
	}
	for (i = 0; i < plan->nclasses; i++)
		if (strlen(plan->classes[i]) == len[1] &&
		    memcmp(plan->classes[i], v[1], len[1]) == 0)
			return (long)i;
	return -1;
}

/*
 * One pass over a range of a canonical frame, on its own thread when the
 * frame is split: the first pass checks and counts, the second offers
 * each entity to the heaps.  What a job finds is kept in the job; lines
 * are counted from the start of its range.
 */
struct fast_job {
	struct cs_drawing *d;
	int second;
	int fd;				/* the frame */
	off_t off, len;			/* the range; len -1: to the end */
	struct cs_sampler *s;		/* second pass: whose digests */
	struct cs_heap *heap;		/* second pass: the heaps it fills */
	const uint32_t *limit;		/* ... with heads below these, or NULL */
	long *n;			/* first pass: the counts */
	long lines;			/* lines of the range read */
	int rc;				/* 0; 1 not a canonical frame; -1 */
	int code;			/* with rc -1: exit status ... */
	long line;			/* ... line in the range (0: none) ... */
	char msg[600];			/* ... and message */
	char first[18], last[18];	/* first pass: USCCs at the ends */
	int have;
	char dup[19];			/* with rc -1: a USCC twice, or "" */
};

static void
fast_job_fail(struct fast_job *j, int code, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
fast_job_fail(struct fast_job *j, int code, long line, const char *fmt, ...)
{
	va_list ap;

	j->rc = -1;
	j->code = code;
	j->line = line;
	va_start(ap, fmt);
	vsnprintf(j->msg, sizeof(j->msg), fmt, ap);
	va_end(ap);
}

static void *
fast_job_run(void *arg)
{
	struct fast_job *j = arg;
	const struct cs_plan *plan = j->d->plan;
	unsigned char dg[32];
	struct cs_ticket t;
	struct cs_csv_range sc;
	char uscc[19], msg[512];
	const char *p;
	uint32_t head;
	size_t n;
	long cls;
	int k, c;

	cs_csv_range_init(&sc, j->fd, j->off, j->len);
	while ((k = cs_csv_range_line(&sc, &p, &n)) == 1) {
		cls = canonical(plan, p, n);
		if (cls < 0 && !j->second) {
			j->rc = 1;	/* out of form: cs_reader reads it all */
			break;
		}
		if (cls < 0) {
			fast_job_fail(j, CS_EX_DATAERR, sc.line, "the frame "
			    "changed while it was read");
			break;
		}
		if (!j->second) {
			/*
			 * A canonical frame is sorted: an entity listed twice
			 * is on adjacent lines.  An unsorted one is read by
			 * cs_reader, which checks the picks only.
			 */
			c = j->have ? memcmp(p, j->last, 18) : 1;
			memcpy(uscc, p, 18);
			uscc[18] = '\0';
			if (c == 0) {
				fast_job_fail(j, CS_EX_DATAERR, sc.line, "twice");
				memcpy(j->dup, uscc, sizeof(j->dup));
				break;
			}
			if (c < 0) {
				j->rc = 1;
				break;
			}
			if (!j->have)
				memcpy(j->first, p, 18);
			memcpy(j->last, p, 18);
			j->have = 1;
			if (cs_uscc_valid18(p)) {
				j->n[cls]++;
				continue;
			}
			switch (cs_uscc_check(&j->d->ru->uscc, "uscc", p, 18,
			    uscc, msg, sizeof(msg))) {
			case CS_USCC_BAD:
			case CS_USCC_PILOT:
				fast_job_fail(j, CS_EX_DATAERR, sc.line, "%s: a "
				    "frame must be clean (see cs-sample frame)",
				    msg);
				break;
			default:
				j->n[cls]++;
				continue;
			}
			break;
		}
		cs_sampler_digest(j->s, p, 18, dg);
		head = cs_ticket_head(dg);
		if ((j->limit != NULL && head >= j->limit[cls]) ||
		    !cs_heap_wants_head(&j->heap[cls], head))
			continue;
		cs_ticket_from_digest(dg, &t);
		memcpy(uscc, p, 18);
		uscc[18] = '\0';
		cs_heap_offer(&j->heap[cls], &t, uscc, NULL, 0);
	}
	j->lines = sc.line;
	if (k == -2)
		fast_job_fail(j, CS_EX_IOERR, 0, "%s", strerror(errno));
	else if (k == -1 && !j->second)
		j->rc = 1;
	else if (k == -1)
		fast_job_fail(j, CS_EX_DATAERR, sc.line + 1, "the frame "
		    "changed while it was read");
	cs_csv_range_release(&sc);
	return NULL;
}

/*
 * The number of threads for a frame of size bytes: CS_DRAW_THREADS (1 or
 * 2) when set, else 2 from 4 MiB on.
 */
static int
fast_threads(off_t size)
{
	const char *e = getenv("CS_DRAW_THREADS");

	if (e != NULL && strcmp(e, "1") == 0)
		return 1;
	if (e != NULL && strcmp(e, "2") == 0)
		return 2;
	return size >= (off_t)4 << 20 ? 2 : 1;
}

/*
 * One pass over a canonical frame: 0, 1 before anything was counted when
 * the input is not one (cs_reader reads it then), or -1 with err.  A
 * large frame is read in two halves on two threads: counts add up, and
 * the heaps of the second half are offered to those of the first, which
 * keeps the same picks (the lowest tickets of the union are the lowest
 * of the two sets of lowest tickets).
 */
static int
fast_pass(struct cs_drawing *d, int second, const uint32_t *limit,
    struct cs_error *err)
{
	const struct cs_plan *plan = d->plan;
	struct fast_job job[2];
	struct cs_csv_range sc;
	struct stat sb;
	pthread_t th;
	const char *p;
	off_t body, end, mid = -1;
	size_t n, i, c;
	long base;
	int k, fd, nj = 1, threaded = 0;

	if (d->in.from == CS_FMT_NDJSON || d->in.from == CS_FMT_TSV ||
	    d->in.encoding != NULL || (d->in.delim != 0 && d->in.delim != ','))
		return 1;
	fd = strcmp(d->in.frame, "-") == 0 ? dup(0) : open(d->in.frame,
	    O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 1;
	cs_csv_range_init(&sc, fd, d->start, -1);
	k = cs_csv_range_line(&sc, &p, &n);
	k = k == 1 && n == 10 && memcmp(p, "uscc,class", 10) == 0 &&
	    fstat(fd, &sb) == 0;
	cs_csv_range_release(&sc);
	if (!k) {
		close(fd);
		return 1;
	}
	body = d->start + 11;
	end = sb.st_size;
	if (fast_threads(end - body) == 2)
		mid = cs_csv_range_cut(fd, body, end);
	memset(job, 0, sizeof(job));
	job[0].d = job[1].d = d;
	job[0].fd = job[1].fd = fd;
	job[0].second = job[1].second = second;
	job[0].off = body;
	job[0].len = mid < 0 ? -1 : mid - body;
	job[0].s = d->s;
	job[0].heap = d->heap;
	job[0].limit = job[1].limit = limit;
	job[0].n = d->n;
	if (mid >= 0) {
		nj = 2;
		job[1].off = mid;
		job[1].len = -1;
		job[1].n = cs_xcalloc(plan->nclasses + 1, sizeof(long));
		if (second) {
			job[1].s = cs_sampler_new(d->in.seed, d->in.seedlen);
			job[1].heap = cs_xcalloc(plan->nclasses + 1,
			    sizeof(*job[1].heap));
			for (c = 0; c < plan->nclasses; c++)
				cs_heap_init(&job[1].heap[c], d->heap[c].cap);
		}
		threaded = pthread_create(&th, NULL, fast_job_run,
		    &job[1]) == 0;
	}
	fast_job_run(&job[0]);
	if (nj == 2) {
		if (threaded)
			pthread_join(th, NULL);
		else
			fast_job_run(&job[1]);
	}
	/* The first half's finding comes first; then the second's. */
	k = 0;
	for (i = 0, base = 1; i < (size_t)nj && k == 0; i++) {
		if (job[i].rc == -1) {
			if (job[i].dup[0] != '\0') {
				cs_error_set(err, job[i].code, d->name,
				    base + job[i].line, "uscc '%s' is also at "
				    "line %ld; a frame lists each entity once",
				    job[i].dup, base + job[i].line - 1);
			} else {
				cs_error_set(err, job[i].code, d->name,
				    job[i].line > 0 ? base + job[i].line : 0,
				    "%s", job[i].msg);
			}
			k = -1;
		} else if (job[i].rc == 1) {
			k = 1;
		}
		base += job[i].lines;
	}
	if (k == 0 && nj == 2 && !second && job[0].have && job[1].have) {
		int cmp = memcmp(job[1].first, job[0].last, 18);
		char uscc[19];

		memcpy(uscc, job[1].first, 18);
		uscc[18] = '\0';
		if (cmp == 0) {
			cs_error_set(err, CS_EX_DATAERR, d->name, 2 +
			    job[0].lines, "uscc '%s' is also at line %ld; a "
			    "frame lists each entity once", uscc,
			    1 + job[0].lines);
			k = -1;
		} else if (cmp < 0) {
			k = 1;
		}
	}
	if (nj == 2) {
		for (c = 0; k == 0 && !second && c < plan->nclasses; c++)
			d->n[c] += job[1].n[c];
		for (c = 0; k == 0 && second && c < plan->nclasses; c++)
			for (i = 0; i < job[1].heap[c].n; i++)
				cs_heap_offer(&d->heap[c],
				    &job[1].heap[c].a[i].t,
				    job[1].heap[c].a[i].uscc, NULL, 0);
		if (second) {
			for (c = 0; c < plan->nclasses; c++)
				cs_heap_release(&job[1].heap[c]);
			free(job[1].heap);
			cs_sampler_free(job[1].s);
		}
		free(job[1].n);
	}
	close(fd);
	if (k == 1 && !second) {
		memset(d->n, 0, plan->nclasses * sizeof(long));
		return 1;
	}
	if (k == 1)
		return cs_drawing_changed(d, 0, err);
	if (k < 0)
		return -1;
	d->fmt = CS_FMT_CSV;
	if (second) {
		cs_header_add(&d->hdr, "uscc", "uscc");
		cs_header_add(&d->hdr, "class", "class");
	}
	return 0;
}

/*
 * The second pass over a canonical frame.  Of N entities of a class with k
 * picks, about 2k + 64 have tickets whose first 9 digits are below
 * (2k + 64) / N: only those are looked at.  Should fewer than k turn up
 * (the heap of a class is not full), the pass is run again without the
 * limits, so the picks are always the k lowest tickets.
 */
static int
fast_second(struct cs_drawing *d, struct cs_error *err)
{
	const struct cs_plan *plan = d->plan;
	uint32_t *limit = cs_xcalloc(plan->nclasses + 1, sizeof(*limit));
	uint64_t want;
	size_t c, cap;
	int k, short_ = 0;

	/* CS_TEST_DRAW_TIGHT: limits expecting k, so the rerun is tested. */
	int tight = getenv("CS_TEST_DRAW_TIGHT") != NULL;

	for (c = 0; c < plan->nclasses; c++) {
		cap = d->heap[c].cap;
		want = (uint64_t)(tight ? cap : 2 * cap + 64) * 1000000000u;
		limit[c] = d->n[c] <= 0 || want / (uint64_t)d->n[c] >=
		    1000000000u ? 1000000000u :
		    (uint32_t)(want / (uint64_t)d->n[c]);
	}
	k = fast_pass(d, 1, limit, err);
	for (c = 0; k == 0 && c < plan->nclasses; c++)
		short_ |= d->heap[c].n < d->heap[c].cap;
	free(limit);
	if (k != 0 || !short_)
		return k;
	for (c = 0; c < plan->nclasses; c++) {
		cap = d->heap[c].cap;
		cs_heap_release(&d->heap[c]);
		cs_heap_init(&d->heap[c], cap);
	}
	cs_header_release(&d->hdr);
	cs_header_init(&d->hdr);
	return fast_pass(d, 1, NULL, err);
}

int
cs_drawing_fast_pass(struct cs_drawing *d, int second, struct cs_error *err)
{
	return second ? fast_second(d, err) : fast_pass(d, 0, NULL, err);
}
