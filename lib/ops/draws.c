/*
 * A draw of cs-sample: the frame file read twice with memory that grows
 * with the sample (the classes counted first, then a bounded heap per
 * class), canonical frames read line by line on two threads, inspectors
 * assigned in (round, ticket) order, rows handed out by class and rank.
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/hash.h"
#include "domain/uscc.h"
#include "io/csv.h"
#include "io/csvsplit.h"
#include "io/stream.h"
#include "ops/draws.h"

/* Hex SHA-256 of fd's bytes from where it stands (copied to copy_to). */
static int
hash_fd(int fd, int copy_to, char hex[65])
{
	struct cs_sha256_ctx *c = cs_sha256_new();
	unsigned char d[32], buf[65536];
	ssize_t r;

	for (;;) {
		r = read(fd, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		cs_sha256_update(c, buf, (size_t)r);
		if (copy_to >= 0 && write(copy_to, buf, (size_t)r) != r) {
			r = -1;
			break;
		}
	}
	cs_sha256_final(c, d);
	cs_hex(d, 32, hex);
	return r < 0 ? -1 : 0;
}

static int
hash_file(const char *path, char hex[65], struct cs_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0)
		return cs_error_set(err, CS_EX_NOINPUT, path, 0, "%s",
		    strerror(errno));
	rc = hash_fd(fd, -1, hex);
	if (rc != 0)
		cs_error_set(err, CS_EX_IOERR, path, 0, "%s", strerror(errno));
	close(fd);
	return rc;
}

/*
 * The frame is read twice: a file, or stdin, which is spooled to a
 * temporary file (moved onto descriptor 0) unless it is a regular file.
 */
static int
frame_open(struct cs_drawing *d, struct cs_error *err)
{
	const char *dir = getenv("TMPDIR");
	char tmpl[4096];
	struct stat sb;
	int fd;

	if (d->in.frame == NULL)
		d->in.frame = "-";
	d->name = strcmp(d->in.frame, "-") ? d->in.frame : "<stdin>";
	if (strcmp(d->in.frame, "-") != 0)
		return hash_file(d->in.frame, d->frame_hash, err);
	if (fstat(0, &sb) == 0 && S_ISREG(sb.st_mode)) {
		d->start = lseek(0, 0, SEEK_CUR);
		if (d->start < 0 || hash_fd(0, -1, d->frame_hash) != 0)
			return cs_error_set(err, CS_EX_IOERR, "<stdin>", 0, "%s",
			    strerror(errno));
		return 0;
	}
	cs_fmt(tmpl, sizeof(tmpl), "%s/cs-sample.XXXXXX", dir != NULL &&
	    *dir != '\0' ? dir : "/tmp");
	fd = mkstemp(tmpl);
	if (fd < 0)
		return cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "cannot spool "
		    "<stdin> to '%s': %s", tmpl, strerror(errno));
	unlink(tmpl);
	if (hash_fd(0, fd, d->frame_hash) != 0 || dup2(fd, 0) < 0) {
		cs_error_set(err, CS_EX_IOERR, NULL, 0, "cannot spool <stdin> "
		    "to '%s': %s", tmpl, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	d->start = 0;
	return 0;
}

static int
frame_reader(struct cs_drawing *d, struct cs_reader **r,
    struct cs_error *err)
{
	struct cs_read_opts ro = { d->in.from, d->in.encoding, d->ru->aliases };

	if (strcmp(d->in.frame, "-") == 0 && lseek(0, d->start, SEEK_SET) < 0)
		return cs_error_set(err, CS_EX_IOERR, "<stdin>", 0, "%s",
		    strerror(errno));
	return cs_reader_open(r, d->in.frame, &ro, err);
}

/* The trimmed value of column j of row, NUL-terminated into buf. */
static const char *
field(const struct cs_row *row, long j, char *buf, size_t n)
{
	const char *v = cs_row_get(row, j);
	size_t len;

	if (v == NULL)
		return "";
	v += strspn(v, " \t");
	len = strlen(v);
	while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '\t' ||
	    v[len - 1] == '\r'))
		len--;
	if (len >= n)
		len = n - 1;
	memcpy(buf, v, len);
	buf[len] = '\0';
	return buf;
}

int
cs_frame_row(const struct cs_row *row, const struct cs_rules *ru,
    const struct cs_plan *plan, char uscc[19], long *cls, char *msg,
    size_t msgsz)
{
	long ju = cs_header_find(row->hdr, "uscc");
	long jc = cs_header_find(row->hdr, "class");
	char buf[64], *list;
	const char *v;

	if (row->bad != NULL) {
		cs_fmt(msg, msgsz, "%s", row->bad);
		return -1;
	}
	if (ju < 0 || jc < 0) {
		cs_fmt(msg, msgsz, "no column '%s'", ju < 0 ? "uscc" : "class");
		return -1;
	}
	v = cs_row_get(row, ju);
	if (v == NULL) {
		cs_fmt(msg, msgsz, "no uscc");
		return -1;
	}
	/*
	 * Pilot codes stay out: they are accepted only where cs-record is
	 * told to, and a frame comes after that.
	 */
	switch (cs_uscc_check(&ru->uscc, "uscc", v, strlen(v), uscc, msg,
	    msgsz)) {
	case CS_USCC_BAD:
	case CS_USCC_PILOT:
		return -1;
	default:
		break;
	}
	v = field(row, jc, buf, sizeof(buf));
	*cls = cs_plan_class(plan, v);
	if (*cls < 0) {
		list = cs_plan_class_list(plan);
		cs_fmt(msg, msgsz, "class '%s' is not a class of plan '%s' (%s)",
		    v, plan->id, list);
		free(list);
		return -1;
	}
	return 0;
}

/*
 * A row's values, kept with a pick: one CSV record, which the splitter
 * reads back when the pick is written (an absent value is written empty
 * either way).
 */
static char *
pack_row(const struct cs_row *row, size_t *len)
{
	struct cs_buf b;
	size_t i;

	cs_buf_init(&b);
	for (i = 0; i < row->n; i++) {
		if (i > 0)
			cs_buf_addc(&b, ',');
		if (row->val[i] != NULL)
			cs_csv_add_field(&b, row->val[i], row->len[i]);
	}
	*len = b.len;
	return cs_buf_detach(&b);
}

/*
 * The canonical frame -- what frame writes: "uscc,class", then lines of
 * an 18-character USCC, a comma and a class, LF -- is read by the lines
 * of byte ranges (two halves of a large frame on two threads), without
 * the CSV machinery, which costs more than the rest of a draw together.
 */

/* The class of a canonical line "USCC,CLASS", or -1 when it is not one. */
static long
canonical(const struct cs_plan *plan, const char *p, size_t n)
{
	const char *v[2];
	size_t len[2], i;

	/* A class holds no comma or quote (cs_plan_load). */
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

static int
changed(const struct cs_drawing *d, long line, struct cs_error *err)
{
	return cs_error_set(err, CS_EX_DATAERR, d->name, line, "the frame "
	    "changed while it was read");
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

	if (d->in.from == CS_FMT_NDJSON || d->in.encoding != NULL)
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
		return changed(d, 0, err);
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

/*
 * Read the frame: check every row and count the classes (second 0), or
 * offer each entity to its class's heap.  The second pass trusts what the
 * first checked: USCCs are taken as written (the first pass made sure they
 * are canonical), and most tickets are turned away by their first digits.
 */
static int
draw_pass(struct cs_drawing *d, int second, struct cs_error *err)
{
	struct cs_reader *r;
	const struct cs_header *h;
	unsigned char dg[32];
	struct cs_ticket t;
	struct cs_row *row;
	char uscc[19], msg[512], buf[64], *data;
	size_t len, i;
	long cls, ju = -1, jc = -1;
	int k;

	if (d->fast != 0) {
		k = second ? fast_second(d, err) : fast_pass(d, 0, NULL, err);
		if (k <= 0) {
			d->fast = 1;
			return k;
		}
		if (d->fast == 1)
			return changed(d, 0, err);
	}
	d->fast = 0;
	if (frame_reader(d, &r, err) != 0)
		return -1;
	while ((k = cs_reader_next(r, &row, err)) == 1) {
		if (!second) {
			if (cs_frame_row(row, d->ru, d->plan, uscc, &cls, msg,
			    sizeof(msg)) != 0) {
				cs_error_set(err, CS_EX_DATAERR, row->file,
				    row->line, "%s: a frame must be clean (see "
				    "cs-sample frame)", msg);
				k = -1;
				break;
			}
			ju = cs_header_find(row->hdr, "uscc");
			if (strcmp(cs_row_get(row, ju), uscc) != 0) {
				cs_error_set(err, CS_EX_DATAERR, row->file,
				    row->line, "uscc '%s' is not written as '%s': "
				    "a frame holds canonical USCCs (see cs-sample "
				    "frame)", cs_row_get(row, ju), uscc);
				k = -1;
				break;
			}
			d->n[cls]++;
			continue;
		}
		if (ju < 0 || d->fmt == CS_FMT_NDJSON) {
			ju = cs_header_find(row->hdr, "uscc");
			jc = cs_header_find(row->hdr, "class");
		}
		cls = cs_plan_class(d->plan, field(row, jc, buf, sizeof(buf)));
		if (cs_row_get(row, ju) == NULL || row->len[ju] != 18 ||
		    cls < 0) {
			changed(d, row->line, err);
			k = -1;
			break;
		}
		cs_sampler_digest(d->s, row->val[ju], 18, dg);
		if (!cs_heap_wants_head(&d->heap[cls], cs_ticket_head(dg)))
			continue;
		cs_ticket_from_digest(dg, &t);
		memcpy(uscc, row->val[ju], 18);
		uscc[18] = '\0';
		if (!cs_heap_wants(&d->heap[cls], &t, uscc))
			continue;
		data = pack_row(row, &len);
		cs_heap_offer(&d->heap[cls], &t, uscc, data, len);
	}
	d->fmt = cs_reader_format(r);
	if (k == 0 && second) {
		h = cs_reader_header(r);
		for (i = 0; i < h->n; i++)
			cs_header_add(&d->hdr, h->orig[i], h->name[i]);
	}
	cs_reader_close(r);
	return k < 0 ? -1 : 0;
}

/* Columns a draw writes itself: not passed through from the frame. */
static int
owned(const char *name)
{
	static const char *const own[] = { "uscc", "class", "ticket", "rank",
	    "round", "unassigned", NULL };
	size_t i;

	for (i = 0; own[i] != NULL; i++)
		if (strcmp(name, own[i]) == 0)
			return 1;
	return strncmp(name, "inspector_", 10) == 0 && name[10] != '\0' &&
	    strspn(name + 10, "0123456789") == strlen(name + 10);
}

int
cs_drawing_round(const struct cs_drawing *d, size_t cls, long r)
{
	long cum = d->base[cls];
	size_t j;

	if (r <= cum)
		return 1;
	for (j = 0; j < d->in.nesc; j++) {
		cum += d->in.esc[j];
		if (r <= cum)
			return (int)j + 2;
	}
	return (int)d->in.nesc + 1;
}

static int
bad_file(struct cs_error *err, const struct cs_row *row, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

static int
bad_file(struct cs_error *err, const struct cs_row *row, const char *fmt,
    ...)
{
	va_list ap;

	va_start(ap, fmt);
	cs_error_vset(err, CS_EX_DATAERR, row->file, row->line, fmt, ap);
	va_end(ap);
	return -1;
}

static char *
keep(struct cs_drawing *d, const char *s)
{
	d->strs = cs_xreallocarray(d->strs, d->nstrs + 1, sizeof(char *));
	d->strs[d->nstrs] = cs_xstrdup(s);
	return d->strs[d->nstrs++];
}

/* One inspector of the inspectors file. */
static int
add_inspector(struct cs_drawing *d, const struct cs_row *row,
    struct cs_strmap *seen, struct cs_error *err)
{
	static const char *const need[] = { "inspector_id", "unit",
	    "capacity" };
	char id[256], unit[256], cap[64], *end;
	long j[3], cap_v = -1;
	size_t i;

	for (i = 0; i < 3; i++) {
		j[i] = cs_header_find(row->hdr, need[i]);
		if (j[i] < 0)
			return cs_error_set(err, CS_EX_DATAERR, row->file, 0,
			    "no column '%s'", need[i]);
	}
	if (row->bad != NULL)
		return bad_file(err, row, "%s", row->bad);
	field(row, j[0], id, sizeof(id));
	field(row, j[1], unit, sizeof(unit));
	field(row, j[2], cap, sizeof(cap));
	if (id[0] == '\0' || unit[0] == '\0')
		return bad_file(err, row, "empty %s", id[0] == '\0' ?
		    "inspector_id" : "unit");
	if (cs_strmap_get(seen, id) != NULL)
		return bad_file(err, row, "inspector '%s' is listed twice", id);
	cs_strmap_put(seen, id, NULL);
	if (cap[0] != '\0') {
		errno = 0;
		cap_v = strtol(cap, &end, 10);
		if (*end != '\0' || errno != 0 || cap_v < 0)
			return bad_file(err, row, "capacity '%s' is not a whole "
			    "number", cap);
	}
	d->ins = cs_xreallocarray(d->ins, d->nins + 1, sizeof(*d->ins));
	d->ins[d->nins].id = keep(d, id);
	d->ins[d->nins].unit = keep(d, unit);
	d->ins[d->nins].capacity = cap_v;
	d->ins[d->nins].used = 0;
	d->nins++;
	return 0;
}

/* One declared conflict of the conflicts file. */
static int
add_conflict(struct cs_drawing *d, const struct cs_row *row,
    const struct cs_strmap *seen, struct cs_buf *key, struct cs_error *err)
{
	long ji = cs_header_find(row->hdr, "inspector_id");
	long ju = cs_header_find(row->hdr, "uscc");
	char id[256], u[256], uscc[19], msg[512];

	if (ji < 0 || ju < 0)
		return cs_error_set(err, CS_EX_DATAERR, row->file, 0, "no "
		    "column '%s'", ji < 0 ? "inspector_id" : "uscc");
	if (row->bad != NULL)
		return bad_file(err, row, "%s", row->bad);
	field(row, ji, id, sizeof(id));
	if (cs_strmap_get(seen, id) == NULL)
		return bad_file(err, row, "no inspector '%s' in %s", id,
		    d->in.inspectors);
	field(row, ju, u, sizeof(u));
	if (cs_uscc_check(&d->ru->uscc, "uscc", u, strlen(u), uscc, msg,
	    sizeof(msg)) == CS_USCC_BAD)
		return bad_file(err, row, "%s", msg);
	cs_conflict_key(key, id, uscc);
	cs_strmap_put(&d->conflicts, key->s, NULL);
	return 0;
}

/* Read a whole file with fn per row. */
static int
read_rows(struct cs_drawing *d, const char *path, int (*fn)(struct
    cs_drawing *, const struct cs_row *, void *, struct cs_error *),
    void *ctx, struct cs_error *err)
{
	struct cs_read_opts ro = { CS_FMT_AUTO, d->in.encoding, NULL };
	struct cs_reader *r;
	struct cs_row *row;
	int k;

	if (cs_reader_open(&r, path, &ro, err) != 0)
		return -1;
	while ((k = cs_reader_next(r, &row, err)) == 1)
		if (fn(d, row, ctx, err) != 0) {
			k = -1;
			break;
		}
	cs_reader_close(r);
	return k < 0 ? -1 : 0;
}

struct ins_ctx {
	struct cs_strmap seen;
	struct cs_buf key;
};

static int
ins_row(struct cs_drawing *d, const struct cs_row *row, void *ctx,
    struct cs_error *err)
{
	return add_inspector(d, row, &((struct ins_ctx *)ctx)->seen, err);
}

static int
conf_row(struct cs_drawing *d, const struct cs_row *row, void *ctx,
    struct cs_error *err)
{
	struct ins_ctx *c = ctx;

	return add_conflict(d, row, &c->seen, &c->key, err);
}

static int
load_inspectors(struct cs_drawing *d, struct cs_error *err)
{
	struct ins_ctx c;
	int rc = 0;

	if (d->in.inspectors == NULL)
		return 0;
	cs_strmap_init(&c.seen);
	cs_buf_init(&c.key);
	if (hash_file(d->in.inspectors, d->ins_hash, err) != 0 ||
	    read_rows(d, d->in.inspectors, ins_row, &c, err) != 0)
		rc = -1;
	if (rc == 0 && d->in.conflicts != NULL &&
	    (hash_file(d->in.conflicts, d->conf_hash, err) != 0 ||
	    read_rows(d, d->in.conflicts, conf_row, &c, err) != 0))
		rc = -1;
	cs_strmap_release(&c.seen);
	cs_buf_release(&c.key);
	return rc;
}

/* Picks in the order inspectors are assigned: round, then ticket. */
struct ref {
	size_t cls;
	size_t i;
	size_t at;			/* position in class, rank order */
	int round;
};

static const struct cs_drawing *ref_d;

static int
ref_cmp(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;
	const struct cs_pick *p = &ref_d->heap[x->cls].a[x->i];
	const struct cs_pick *q = &ref_d->heap[y->cls].a[y->i];
	int c;

	if (x->round != y->round)
		return x->round < y->round ? -1 : 1;
	c = cs_ticket_cmp(&p->t, &q->t);
	return c != 0 ? c : strcmp(p->uscc, q->uscc);
}

static void
assign(struct cs_drawing *d)
{
	struct cs_assigner a;
	struct ref *refs;
	char why[256];
	size_t i, j, at = 0, k = (size_t)d->plan->per_target;

	d->chosen = cs_xcalloc((size_t)d->total * k + 1, sizeof(size_t));
	d->why = cs_xcalloc((size_t)d->total + 1, sizeof(char *));
	if (d->in.inspectors == NULL)
		return;
	refs = cs_xcalloc((size_t)d->total + 1, sizeof(*refs));
	for (i = 0; i < d->plan->nclasses; i++)
		for (j = 0; j < d->heap[i].n; j++, at++) {
			refs[at].cls = i;
			refs[at].i = j;
			refs[at].at = at;
			refs[at].round = cs_drawing_round(d, i, (long)j + 1);
		}
	ref_d = d;
	qsort(refs, (size_t)d->total, sizeof(*refs), ref_cmp);
	cs_assigner_init(&a);
	a.s = d->s;
	a.ins = d->ins;
	a.nins = d->nins;
	a.conflicts = &d->conflicts;
	a.k = d->plan->per_target;
	a.distinct_units = d->plan->distinct_units;
	for (i = 0; i < (size_t)d->total; i++) {
		const struct cs_pick *p = &d->heap[refs[i].cls].a[refs[i].i];

		if (cs_assign(&a, p->uscc, d->chosen + refs[i].at * k, why,
		    sizeof(why)) != 0) {
			d->why[refs[i].at] = cs_xstrdup(why);
			d->unassigned++;
		}
	}
	cs_assigner_release(&a);
	free(refs);
}

/* The output columns: ours, the frame's others, the inspectors'. */
static void
columns(struct cs_drawing *d)
{
	char name[32];
	size_t i;

	d->names = cs_xcalloc(d->hdr.n + 6 + (size_t)d->plan->per_target,
	    sizeof(char *));
	d->pass = cs_xcalloc(d->hdr.n + 1, sizeof(long));
	d->names[d->ncols++] = "uscc";
	d->names[d->ncols++] = "class";
	d->names[d->ncols++] = "ticket";
	d->names[d->ncols++] = "rank";
	if (d->in.nesc > 0)
		d->names[d->ncols++] = "round";
	for (i = 0; i < d->hdr.n; i++)
		if (!owned(d->hdr.name[i])) {
			d->pass[d->npass++] = (long)i;
			d->names[d->ncols++] = d->hdr.name[i];
		}
	if (d->in.inspectors == NULL)
		return;
	for (i = 0; i < (size_t)d->plan->per_target; i++) {
		cs_fmt(name, sizeof(name), "inspector_%zu", i + 1);
		d->names[d->ncols++] = keep(d, name);
	}
	d->names[d->ncols++] = "unassigned";
}

int
cs_drawing_run(struct cs_drawing **dp, const struct cs_rules *ru,
    const struct cs_plan *plan, const struct cs_draw_in *in,
    struct cs_error *err)
{
	struct cs_drawing *d = cs_xcalloc(1, sizeof(*d));
	struct cs_strmap picked;
	const char *dup = NULL;
	size_t i, j, bad;
	long want;
	int added;

	*dp = d;
	d->in = *in;
	d->ru = ru;
	d->plan = plan;
	d->fast = -1;
	cs_header_init(&d->hdr);
	cs_strmap_init(&d->conflicts);
	d->s = cs_sampler_new(in->seed, in->seedlen);
	d->n = cs_xcalloc(plan->nclasses, sizeof(long));
	d->base = cs_xcalloc(plan->nclasses, sizeof(long));
	d->heap = cs_xcalloc(plan->nclasses, sizeof(*d->heap));
	/* The seed goes into the ledger as a JSON string: text, no NUL. */
	if (memchr(in->seed, '\0', in->seedlen) != NULL ||
	    !cs_utf8_valid(in->seed, in->seedlen, &bad))
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "the seed is "
		    "not UTF-8 text without NUL bytes");
	if (frame_open(d, err) != 0 || draw_pass(d, 0, err) != 0)
		return -1;
	for (i = 0; i < plan->nclasses; i++) {
		d->base[i] = cs_quota_count(&plan->quota[i], d->n[i]);
		want = d->base[i];
		for (j = 0; j < in->nesc; j++)
			want += in->esc[j];
		cs_heap_init(&d->heap[i], (size_t)(want > d->n[i] ? d->n[i] :
		    want));
	}
	if (draw_pass(d, 1, err) != 0)
		return -1;
	cs_strmap_init(&picked);
	for (i = 0; i < plan->nclasses && dup == NULL; i++) {
		dup = cs_heap_sort(&d->heap[i]);
		for (j = 0; j < d->heap[i].n && dup == NULL; j++) {
			added = 0;
			cs_strmap_put(&picked, d->heap[i].a[j].uscc, &added);
			if (!added)
				dup = d->heap[i].a[j].uscc;
		}
		d->total += (long)d->heap[i].n;
	}
	/* An unsorted frame is checked for entities twice among the picks. */
	if (dup != NULL)
		cs_error_set(err, CS_EX_DATAERR, d->name, 0, "uscc '%s' is in "
		    "the frame twice; a frame lists each entity once", dup);
	cs_strmap_release(&picked);
	if (dup != NULL)
		return -1;
	columns(d);
	if (load_inspectors(d, err) != 0)
		return -1;
	assign(d);
	return 0;
}

int
cs_drawing_rows(const struct cs_drawing *d, int (*emit)(void *ctx,
    const char *const *v, const size_t *len), void *ctx)
{
	const char **v = cs_xcalloc(d->ncols, sizeof(char *));
	size_t *len = cs_xcalloc(d->ncols, sizeof(size_t));
	size_t i, j, m, c, at = 0, k = (size_t)d->plan->per_target;
	char tk[CS_TICKET_STRLEN], rank[32], round[16];
	struct cs_csv_fields f;
	size_t col;
	int rc = 0;

	cs_csv_fields_init(&f);
	for (i = 0; i < d->plan->nclasses && rc == 0; i++) {
		for (j = 0; j < d->heap[i].n && rc == 0; j++, at++) {
			const struct cs_pick *p = &d->heap[i].a[j];

			c = 0;
			cs_ticket_format(&p->t, tk);
			snprintf(rank, sizeof(rank), "%zu", j + 1);
			snprintf(round, sizeof(round), "%d",
			    cs_drawing_round(d, i, (long)j + 1));
			v[c++] = p->uscc;
			v[c++] = d->plan->classes[i];
			v[c++] = tk;
			v[c++] = rank;
			if (d->in.nesc > 0)
				v[c++] = round;
			for (m = 0; m < c; m++)
				len[m] = strlen(v[m]);
			/* A canonical frame's picks carry no row. */
			if (p->data != NULL)
				cs_csv_split(p->data, p->len, &f);
			for (m = 0; m < d->npass; m++, c++) {
				col = (size_t)d->pass[m];
				v[c] = p->data != NULL && col < f.n ?
				    f.val[col] : "";
				len[c] = p->data != NULL && col < f.n ?
				    f.len[col] : 0;
			}
			if (d->in.inspectors != NULL) {
				for (m = 0; m < k; m++, c++) {
					v[c] = d->why[at] != NULL ? "" :
					    d->ins[d->chosen[at * k + m]].id;
					len[c] = strlen(v[c]);
				}
				v[c] = d->why[at] != NULL ? d->why[at] : "";
				len[c] = strlen(v[c]);
			}
			rc = emit(ctx, v, len);
		}
	}
	cs_csv_fields_release(&f);
	free(v);
	free(len);
	return rc;
}

void
cs_drawing_free(struct cs_drawing *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; d->heap != NULL && i < d->plan->nclasses; i++)
		cs_heap_release(&d->heap[i]);
	for (i = 0; d->why != NULL && i < (size_t)d->total; i++)
		free(d->why[i]);
	for (i = 0; i < d->nstrs; i++)
		free(d->strs[i]);
	free(d->strs);
	free(d->ins);
	free(d->why);
	free(d->chosen);
	free(d->heap);
	free(d->n);
	free(d->base);
	free(d->pass);
	free(d->names);
	cs_header_release(&d->hdr);
	cs_strmap_release(&d->conflicts);
	cs_sampler_free(d->s);
	free(d);
}

void
cs_drawing_body(const struct cs_drawing *d, const char *draw_id,
    const char *period, const char *as_of, int round, struct cs_buf *out)
{
	json_t *j = json_object(), *picks = json_array(), *esc = json_array();
	size_t i, jj, m, at = 0, k = (size_t)d->plan->per_target;
	char tk[CS_TICKET_STRLEN];

	for (i = 0; i < d->plan->nclasses; i++) {
		for (jj = 0; jj < d->heap[i].n; jj++, at++) {
			const struct cs_pick *p = &d->heap[i].a[jj];
			json_t *o, *ins;

			if (cs_drawing_round(d, i, (long)jj + 1) != round)
				continue;
			o = json_object();
			cs_ticket_format(&p->t, tk);
			json_object_set_new(o, "uscc", json_string(p->uscc));
			json_object_set_new(o, "class",
			    json_string(d->plan->classes[i]));
			json_object_set_new(o, "ticket", json_string(tk));
			json_object_set_new(o, "rank", json_integer((json_int_t)
			    jj + 1));
			json_object_set_new(o, "round", json_integer(round));
			if (d->in.inspectors != NULL && d->why[at] == NULL) {
				ins = json_array();
				for (m = 0; m < k; m++)
					json_array_append_new(ins, json_string(
					    d->ins[d->chosen[at * k + m]].id));
				json_object_set_new(o, "inspectors", ins);
			}
			if (d->why[at] != NULL)
				json_object_set_new(o, "unassigned",
				    json_string(d->why[at]));
			json_array_append_new(picks, o);
		}
	}
	for (i = 0; i < d->in.nesc; i++)
		json_array_append_new(esc, json_integer(d->in.esc[i]));
	json_object_set_new(j, "as_of", json_string(as_of));
	json_object_set_new(j, "draw_id", json_string(draw_id));
	json_object_set_new(j, "plan", json_string(d->plan->id));
	json_object_set_new(j, "plan_hash", json_string(d->plan->hash));
	json_object_set_new(j, "period", json_string(period));
	json_object_set_new(j, "seed", json_stringn(d->in.seed,
	    d->in.seedlen));
	json_object_set_new(j, "frame_hash", json_string(d->frame_hash));
	if (d->in.inspectors != NULL)
		json_object_set_new(j, "inspectors_hash",
		    json_string(d->ins_hash));
	if (d->in.conflicts != NULL)
		json_object_set_new(j, "conflicts_hash",
		    json_string(d->conf_hash));
	json_object_set_new(j, "escalations", esc);
	json_object_set_new(j, "round", json_integer(round));
	json_object_set_new(j, "picks", picks);
	cs_buf_reset(out);
	/* Only strings and integers: canonical JSON cannot fail here. */
	if (cs_canon_json(j, out) != 0)
		cs_xfail("canonical JSON of a draw");
	json_decref(j);
}


const char *
cs_target_state(const char *result)
{
	if (result == NULL)
		return "open";
	if (strcmp(result, "pass") == 0 || strcmp(result, "issues") == 0 ||
	    strcmp(result, "fail") == 0)
		return "done";
	return "invalid";
}

int
cs_draw_count_done(struct cs_store *st, const char *draw_id, long *done,
    struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_target t;
	int r;

	*done = 0;
	if (cs_store_iter_targets(st, draw_id, &it, err) != 0)
		return -1;
	while ((r = cs_store_next_target(it, &t, err)) == 1)
		if (strcmp(cs_target_state(t.result), "done") == 0)
			(*done)++;
	cs_store_iter_free(it);
	return r < 0 ? -1 : 0;
}

/* Comparing a draw with a published sample, row by row. */
struct cmp {
	struct cs_reader *r;
	const struct cs_drawing *d;
	long rows;
	char *diff;			/* the first difference, or "" */
	size_t n;
	struct cs_error *err;
	int broken;			/* the sample cannot be read: err */
};

static int
emit_compare(void *ctx, const char *const *v, const size_t *len)
{
	struct cmp *c = ctx;
	const char *name = cs_reader_name(c->r), *got;
	struct cs_row *row;
	size_t i;
	long j;
	int k;

	c->rows++;
	k = cs_reader_next(c->r, &row, c->err);
	if (k < 0) {
		c->broken = 1;
		return 1;
	}
	if (k == 0) {
		cs_fmt(c->diff, c->n, "%s: ends after %ld rows; the draw has "
		    "more, next '%s'", name, c->rows - 1, v[0]);
		return 1;
	}
	if (row->bad != NULL) {
		cs_fmt(c->diff, c->n, "%s:%ld: %s", row->file, row->line,
		    row->bad);
		return 1;
	}
	for (i = 0; i < c->d->ncols; i++) {
		j = cs_header_find(row->hdr, c->d->names[i]);
		if (j < 0) {
			cs_fmt(c->diff, c->n, "%s: no column '%s'", name,
			    c->d->names[i]);
			return 1;
		}
		got = cs_row_get(row, j);
		if (got == NULL)
			got = "";
		if (strlen(got) != len[i] || memcmp(got, v[i], len[i]) != 0) {
			cs_fmt(c->diff, c->n, "%s:%ld: column '%s' is '%s', the "
			    "draw gives '%.*s'", row->file, row->line,
			    c->d->names[i], got, (int)len[i], v[i]);
			return 1;
		}
	}
	return 0;
}

int
cs_drawing_verify(const struct cs_drawing *d, struct cs_reader *r,
    char *diff, size_t n, struct cs_error *err)
{
	struct cmp c = { r, d, 0, diff, n, err, 0 };
	const struct cs_header *h;
	struct cs_row *row;
	size_t i, m;
	int k;

	diff[0] = '\0';
	cs_drawing_rows(d, emit_compare, &c);
	if (c.broken)
		return -1;
	if (diff[0] == '\0') {
		k = cs_reader_next(r, &row, err);
		if (k < 0)
			return -1;
		if (k == 1)
			cs_fmt(diff, n, "%s:%ld: a row the draw does not have",
			    row->file, row->line);
	}
	h = cs_reader_header(r);
	for (i = 0; diff[0] == '\0' && i < h->n; i++) {
		for (m = 0; m < d->ncols; m++)
			if (strcmp(h->name[i], d->names[m]) == 0)
				break;
		if (m == d->ncols)
			cs_fmt(diff, n, "%s: column '%s' is not in the draw",
			    cs_reader_name(r), h->name[i]);
	}
	return diff[0] != '\0';
}

int
cs_seed_read(const char *path, char **seed, size_t *len,
    struct cs_error *err)
{
	struct cs_buf b;
	char chunk[4096];
	const char *nul;
	size_t n, bad;
	FILE *fp = fopen(path, "rb");

	*seed = NULL;
	*len = 0;
	if (fp == NULL)
		return cs_error_set(err, CS_EX_NOINPUT, path, 0, "%s",
		    strerror(errno));
	cs_buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		cs_buf_add(&b, chunk, n);
	if (ferror(fp)) {
		cs_error_set(err, CS_EX_IOERR, path, 0, "%s", strerror(errno));
		goto fail;
	}
	if (b.len > 0 && b.s[b.len - 1] == '\n')
		b.s[--b.len] = '\0';
	nul = b.len > 0 ? memchr(b.s, '\0', b.len) : NULL;
	if (b.len == 0)
		cs_error_set(err, CS_EX_DATAERR, path, 0, "the seed is empty");
	else if (nul != NULL)
		cs_error_set(err, CS_EX_DATAERR, path, 0, "the seed holds a NUL "
		    "byte at byte %zu (a seed is published text)",
		    (size_t)(nul - b.s) + 1);
	else if (!cs_utf8_valid(b.s, b.len, &bad))
		cs_error_set(err, CS_EX_DATAERR, path, 0, "the seed is not "
		    "UTF-8 at byte %zu (a seed is published text)", bad + 1);
	else {
		fclose(fp);
		*len = b.len;
		*seed = cs_buf_detach(&b);
		return 0;
	}
fail:
	fclose(fp);
	cs_buf_release(&b);
	return -1;
}

int
cs_draw_prior_read(struct cs_store *st, const char *draw_id, int escalating,
    struct cs_draw_prior *p, struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_draw rec;
	const char *e;
	char *end;
	int r;

	memset(p, 0, sizeof(*p));
	if (cs_store_iter_draws(st, draw_id, &it, err) != 0)
		return -1;
	r = cs_store_next_draw(it, &rec, err);
	if (r == 1 && !escalating)
		cs_error_set(err, CS_EX_DATAERR, NULL, 0, "draw '%s' is recorded "
		    "already (ledger seq %ld); --escalate=N adds tickets to it",
		    draw_id, rec.seq);
	else if (r == 0 && escalating)
		cs_error_set(err, CS_EX_DATAERR, NULL, 0, "no recorded draw '%s' "
		    "to escalate", draw_id);
	if (r == 1 && escalating) {
		p->recorded = 1;
		p->seq = rec.seq;
		p->seed = cs_xstrdup(rec.seed);
		p->frame_hash = cs_xstrdup(rec.frame_hash);
		p->inspectors_hash = rec.inspectors_hash != NULL ?
		    cs_xstrdup(rec.inspectors_hash) : NULL;
		p->conflicts_hash = rec.conflicts_hash != NULL ?
		    cs_xstrdup(rec.conflicts_hash) : NULL;
		for (e = rec.escalations; *e != '\0'; e = end) {
			p->esc = cs_xreallocarray(p->esc, p->nesc + 1,
			    sizeof(long));
			p->esc[p->nesc++] = strtol(e, &end, 10);
			if (*end == ',')
				end++;
			if (end == e)
				break;
		}
	}
	cs_store_iter_free(it);
	return r < 0 || (r == 1) != (escalating != 0) ? -1 : 0;
}

void
cs_draw_prior_release(struct cs_draw_prior *p)
{
	free(p->seed);
	free(p->frame_hash);
	free(p->inspectors_hash);
	free(p->conflicts_hash);
	free(p->esc);
	memset(p, 0, sizeof(*p));
}

/* Inside the transaction: is the draw as p read it (no other run since)? */
static int
still_same(struct cs_store *st, const char *draw_id,
    const struct cs_draw_prior *p, struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_draw now;
	int r;

	if (cs_store_iter_draws(st, draw_id, &it, err) != 0)
		return -1;
	r = cs_store_next_draw(it, &now, err);
	cs_store_iter_free(it);
	if (r < 0)
		return -1;
	if ((r == 1) != p->recorded || (r == 1 && now.seq != p->seq))
		return cs_error_set(err, CS_EX_TEMPFAIL, NULL, 0, "draw '%s' "
		    "was recorded by another run meanwhile; nothing was "
		    "recorded: run again", draw_id);
	return 0;
}

/*
 * Does d continue the recorded draw p: the same seed, frame, plan (the
 * plan_hash of its last event, when it has one), inspectors and
 * conflicts?  0, or -1 with err (65) naming what differs.
 */
static int
continues(const struct cs_drawing *d, const struct cs_draw_prior *p,
    struct cs_store *st, const char *draw_id, struct cs_error *err)
{
	struct cs_event ev = { 0 };
	const char *why = NULL, *ph;
	json_t *j;

	if (cs_store_event(st, p->seq, &ev, err) < 0)
		return -1;
	j = ev.body != NULL ? json_loads(ev.body, 0, NULL) : NULL;
	ph = json_string_value(json_object_get(j, "plan_hash"));
	if (ph != NULL && strcmp(ph, d->plan->hash) != 0) {
		json_decref(j);
		return cs_error_set(err, CS_EX_DATAERR, d->plan->file, 0, "the "
		    "plan differs from the one of recorded draw '%s' "
		    "(plan_hash): an escalation continues the same draw",
		    draw_id);
	}
	json_decref(j);
	if (strlen(p->seed) != d->in.seedlen ||
	    memcmp(p->seed, d->in.seed, d->in.seedlen) != 0)
		why = "seed";
	else if (strcmp(p->frame_hash, d->frame_hash) != 0)
		why = "frame (frame_hash)";
	else if ((p->inspectors_hash == NULL) != (d->in.inspectors == NULL) ||
	    (p->inspectors_hash != NULL &&
	    strcmp(p->inspectors_hash, d->ins_hash) != 0))
		why = "inspectors file";
	else if ((p->conflicts_hash == NULL) != (d->in.conflicts == NULL) ||
	    (p->conflicts_hash != NULL &&
	    strcmp(p->conflicts_hash, d->conf_hash) != 0))
		why = "conflicts file";
	if (why == NULL)
		return 0;
	return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "the %s differs from "
	    "the one of recorded draw '%s': an escalation continues the "
	    "same draw", why, draw_id);
}

int
cs_drawing_record(struct cs_store *st, const struct cs_drawing *d,
    const struct cs_draw_prior *p, const char *draw_id, const char *period,
    const char *as_of, int round, long *seq, struct cs_error *err)
{
	struct cs_buf body;
	int rc = -1;

	if (p->recorded && continues(d, p, st, draw_id, err) != 0)
		return -1;
	cs_buf_init(&body);
	cs_drawing_body(d, draw_id, period, as_of, round, &body);
	if (cs_store_begin(st, err) != 0)
		goto out;
	if (still_same(st, draw_id, p, err) != 0 ||
	    cs_store_record_draw(st, draw_id, body.s, body.len, seq,
	    err) != 0 || cs_store_commit(st, err) != 0) {
		cs_store_rollback(st);
		goto out;
	}
	rc = 0;
out:
	cs_buf_release(&body);
	return rc;
}
