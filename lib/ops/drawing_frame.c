/*
 * A draw of cs-sample computed from a frame file, read twice with memory
 * that grows with the sample: the classes counted first, then a bounded
 * heap per class keeps the lowest tickets.  A canonical frame is read by
 * drawing_fast.c, any other by the general reader; then the inspectors
 * are assigned (drawing_inspectors.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "domain/uscc.h"
#include "io/csv.h"
#include "io/stream.h"
#include "ops/drawing_internal.h"

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
		return cs_drawing_hash_file(d->in.frame, d->frame_hash, err);
	if (fstat(0, &sb) == 0 && S_ISREG(sb.st_mode)) {
		d->start = lseek(0, 0, SEEK_CUR);
		if (d->start >= 0 && cs_drawing_gzip_at(0, d->start))
			return cs_drawing_hash_inflated("-", d->frame_hash, err);
		if (d->start < 0 || cs_drawing_hash_fd(0, -1, d->frame_hash) != 0)
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
	if (cs_drawing_hash_fd(0, fd, d->frame_hash) != 0 || dup2(fd, 0) < 0) {
		cs_error_set(err, CS_EX_IOERR, NULL, 0, "cannot spool <stdin> "
		    "to '%s': %s", tmpl, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	d->start = 0;
	/* A gzip frame hashes as the frame it holds. */
	if (!cs_drawing_gzip_at(0, 0))
		return 0;
	if (lseek(0, 0, SEEK_SET) < 0)
		return cs_error_set(err, CS_EX_IOERR, "<stdin>", 0, "%s",
		    strerror(errno));
	return cs_drawing_hash_inflated("-", d->frame_hash, err);
}

static int
frame_reader(struct cs_drawing *d, struct cs_reader **r,
    struct cs_error *err)
{
	struct cs_read_opts ro = { d->in.from, d->in.encoding, d->ru->aliases,
	    d->in.delim };

	if (strcmp(d->in.frame, "-") == 0 && lseek(0, d->start, SEEK_SET) < 0)
		return cs_error_set(err, CS_EX_IOERR, "<stdin>", 0, "%s",
		    strerror(errno));
	return cs_reader_open(r, d->in.frame, &ro, err);
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
	v = cs_drawing_field(row, jc, buf, sizeof(buf));
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
		k = cs_drawing_fast_pass(d, second, err);
		if (k <= 0) {
			d->fast = 1;
			return k;
		}
		if (d->fast == 1)
			return cs_drawing_changed(d, 0, err);
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
		cls = cs_plan_class(d->plan, cs_drawing_field(row, jc, buf, sizeof(buf)));
		if (cs_row_get(row, ju) == NULL || row->len[ju] != 18 ||
		    cls < 0) {
			cs_drawing_changed(d, row->line, err);
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
		d->names[d->ncols++] = cs_drawing_keep(d, name);
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
	if (cs_drawing_load_inspectors(d, err) != 0)
		return -1;
	cs_drawing_assign(d);
	return 0;
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
