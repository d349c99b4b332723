/*
 * Building the canonical frame of cs-sample: collect, sort, check that
 * each entity is there once, leave out who must be, write and hash.
 */
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "io/stream.h"
#include "ops/frames.h"

void
cs_frame_init(struct cs_frame *f, const struct cs_plan *plan)
{
	memset(f, 0, sizeof(*f));
	f->plan = plan;
	f->count = cs_xcalloc(plan->nclasses + 1, sizeof(*f->count));
}

void
cs_frame_release(struct cs_frame *f)
{
	size_t i;

	for (i = 0; i < f->nfiles; i++)
		free(f->files[i]);
	free(f->files);
	free(f->e);
	free(f->count);
	memset(f, 0, sizeof(*f));
}

void
cs_frame_add(struct cs_frame *f, const char *uscc, int cls, const char *file,
    long line)
{
	struct cs_frame_entry *e;

	if (file != NULL && (f->nfiles == 0 ||
	    strcmp(f->files[f->nfiles - 1], file) != 0)) {
		f->files = cs_xreallocarray(f->files, f->nfiles + 1,
		    sizeof(*f->files));
		f->files[f->nfiles++] = cs_xstrdup(file);
	}
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 1024;
		f->e = cs_xreallocarray(f->e, f->cap, sizeof(*f->e));
	}
	e = &f->e[f->n++];
	memcpy(e->uscc, uscc, sizeof(e->uscc));
	e->uscc[18] = '\0';
	e->cls = cls;
	e->file = file != NULL ? (int)f->nfiles - 1 : -1;
	e->line = line;
	e->keep = 0;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct cs_frame_entry *x = a, *y = b;

	return strcmp(x->uscc, y->uscc);
}

int
cs_frame_sort(struct cs_frame *f, size_t *dup)
{
	size_t i;

	if (f->n > 0)
		qsort(f->e, f->n, sizeof(*f->e), entry_cmp);
	for (i = 1; i < f->n; i++)
		if (strcmp(f->e[i].uscc, f->e[i - 1].uscc) == 0) {
			*dup = i;
			return 1;
		}
	return 0;
}

void
cs_frame_select(struct cs_frame *f, const struct cs_strmap *recent,
    const struct cs_strmap *gone)
{
	struct cs_frame_entry *e;
	size_t i;

	for (i = 0; i < f->n; i++) {
		e = &f->e[i];
		e->keep = 0;
		if (cs_strmap_get(gone, e->uscc) != NULL) {
			f->gone++;
			continue;
		}
		if (cs_strmap_get(recent, e->uscc) != NULL &&
		    cs_plan_skips(f->plan, f->plan->classes[e->cls])) {
			f->recent++;
			continue;
		}
		e->keep = 1;
		f->kept++;
		f->count[e->cls]++;
	}
}

int
cs_frame_write(const struct cs_frame *f, FILE *fp, char hex[65])
{
	struct cs_sha256_ctx *h = cs_sha256_new();
	struct cs_buf b;
	unsigned char d[32];
	size_t i;
	int rc = 0;

	cs_buf_init(&b);
	cs_buf_adds(&b, "uscc,class\n");
	for (i = 0; i <= f->n; i++) {
		if (i < f->n && f->e[i].keep) {
			cs_buf_add(&b, f->e[i].uscc, 18);
			cs_buf_addc(&b, ',');
			cs_buf_adds(&b, f->plan->classes[f->e[i].cls]);
			cs_buf_addc(&b, '\n');
		}
		if (b.len > 0 && (b.len >= 65536 || i == f->n)) {
			cs_sha256_update(h, b.s, b.len);
			if (fwrite(b.s, 1, b.len, fp) != b.len)
				rc = -1;
			cs_buf_reset(&b);
		}
	}
	cs_buf_release(&b);
	cs_sha256_final(h, d);
	cs_hex(d, 32, hex);
	return rc;
}

int
cs_frame_publish(const struct cs_frame *f, const char *path, char hex[65],
    struct cs_error *err)
{
	char sum[4096], tmp[4200], tmpsum[4200];
	const char *base = strrchr(path, '/');
	FILE *fp, *fs;
	int r;

	base = base != NULL ? base + 1 : path;
	cs_fmt(sum, sizeof(sum), "%s.sha256", path);
	fp = cs_publish_open(path, tmp, sizeof(tmp), err);
	if (fp == NULL)
		return -1;
	fs = cs_publish_open(sum, tmpsum, sizeof(tmpsum), err);
	if (fs == NULL) {
		cs_publish_close(fp, 1, tmp, path, NULL);
		return -1;
	}
	/* Both are written before either takes its name. */
	r = cs_frame_write(f, fp, hex) != 0 || fflush(fp) != 0 || ferror(fp);
	if (r) {
		cs_publish_close(fp, 1, tmp, path, err);
		cs_publish_close(fs, 1, tmpsum, sum, NULL);
		return -1;
	}
	fprintf(fs, "%s  %s\n", hex, base);
	if (fflush(fs) != 0 || ferror(fs)) {
		cs_publish_close(fs, 1, tmpsum, sum, err);
		cs_publish_close(fp, 1, tmp, path, NULL);
		return -1;
	}
	if (cs_publish_close(fp, 0, tmp, path, err) != 0) {
		cs_publish_close(fs, 1, tmpsum, sum, NULL);
		return -1;
	}
	return cs_publish_close(fs, 0, tmpsum, sum, err);
}
