/*
 * Reading inputs into items, in batches of slots that circulate between
 * the reading thread and the command through two pipes: "empty" batches
 * go to the reader, "full" ones come back in input order.  Without a
 * thread the command fills a batch itself when it needs one.  The hooks
 * of the command run where the reading does.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/hash.h"
#include "core/pipe.h"
#include "io/ingest.h"
#include "io/input.h"

enum {
	SLOTS = 128,			/* items per batch */
	BATCHES = 4			/* batches in circulation */
};

struct slot {
	struct cs_item it;
	const struct cs_header *hdr;	/* snapshot the row was read under */
	const char *file;
	long line;
	struct cs_buf data;		/* the values, each NUL-terminated */
	long *off;			/* offset of each value, -1 when absent */
	size_t *len;
	char **val;			/* pointers, built when handed out */
	size_t nval;
	size_t cap;
	long rawoff;			/* NDJSON line in data, or -1 */
	size_t rawlen;
};

struct batch {
	size_t n;
	struct slot s[SLOTS];
};

struct cs_ingest {
	struct cs_ingest_opts o;
	pthread_t tid;
	int threaded;
	int joined;			/* the reading thread has ended */
	struct cs_pipe *full;
	struct cs_pipe *empty;
	struct batch *batches[BATCHES];
	struct batch *cur;		/* the command's batch */
	size_t pos;
	/* the reader's state */
	int next_path;
	struct cs_reader *r;
	const char *name;		/* of the current input (in names) */
	int format;			/* of the first input, or -1 */
	const char *first;
	struct cs_header *first_hdr;
	struct cs_header *snap;		/* snapshot of the current header */
	struct cs_header **snaps;	/* every snapshot, freed at the end */
	size_t nsnaps;
	char **names;
	size_t nnames;
	int pending_header;		/* a HEADER item is due */
	long long before;		/* bytes of the inputs read before */
	long long size;			/* of all inputs, or -1 */
	int done;
	volatile int stop;
};

static struct cs_header *
snapshot(struct cs_ingest *ing, const struct cs_header *h)
{
	struct cs_header *s = cs_xcalloc(1, sizeof(*s));
	size_t i;

	cs_header_init(s);
	for (i = 0; i < h->n; i++)
		cs_header_add(s, h->orig[i], h->name[i]);
	ing->snaps = cs_xreallocarray(ing->snaps, ing->nsnaps + 1,
	    sizeof(*ing->snaps));
	ing->snaps[ing->nsnaps++] = s;
	return s;
}

static const char *
keep_name(struct cs_ingest *ing, const char *name)
{
	ing->names = cs_xreallocarray(ing->names, ing->nnames + 1,
	    sizeof(char *));
	ing->names[ing->nnames] = cs_xstrdup(name);
	return ing->names[ing->nnames++];
}

static void
slot_reset(struct slot *s, int kind)
{
	s->it.kind = kind;
	s->it.msg[0] = '\0';
	s->it.mark = 0;
	s->hdr = NULL;
	s->file = NULL;
	s->line = 0;
	s->nval = 0;
	s->rawoff = -1;
	s->rawlen = 0;
	cs_buf_reset(&s->data);
}

/* Copy the row as given into the slot. */
static void
slot_copy_row(struct slot *s, const struct cs_row *row)
{
	size_t i;

	if (row->n > s->cap) {
		s->cap = row->n;
		s->off = cs_xreallocarray(s->off, s->cap, sizeof(long));
		s->len = cs_xreallocarray(s->len, s->cap, sizeof(size_t));
		s->val = cs_xreallocarray(s->val, s->cap, sizeof(char *));
	}
	s->nval = row->n;
	for (i = 0; i < row->n; i++) {
		if (row->val[i] == NULL) {
			s->off[i] = -1;
			s->len[i] = 0;
			continue;
		}
		s->off[i] = (long)s->data.len;
		s->len[i] = row->len[i];
		cs_buf_add(&s->data, row->val[i], row->len[i]);
		cs_buf_addc(&s->data, '\0');
	}
	if (row->raw != NULL) {
		s->rawoff = (long)s->data.len;
		s->rawlen = row->rawlen;
		cs_buf_add(&s->data, row->raw, row->rawlen);
		cs_buf_addc(&s->data, '\0');
	}
	s->line = row->line;
}

/* Is the newly opened input of the first input's format and header? */
static int
same_shape(struct cs_ingest *ing, const char *path, struct cs_error *err)
{
	const struct cs_header *h = cs_reader_header(ing->r);
	size_t k;

	if (cs_reader_format(ing->r) != ing->format)
		return cs_error_set(err, CS_EX_DATAERR, path, 0, "is %s but "
		    "'%s' is %s: give inputs of one format", ing->format ==
		    CS_FMT_CSV ? "NDJSON" : "CSV", ing->first, ing->format ==
		    CS_FMT_CSV ? "CSV" : "NDJSON");
	if (ing->format != CS_FMT_CSV || h->n == 0)
		return 0;
	for (k = 0; k < h->n && h->n == ing->first_hdr->n; k++)
		if (strcmp(h->orig[k], ing->first_hdr->orig[k]) != 0)
			break;
	if (h->n != ing->first_hdr->n || k < h->n)
		return cs_error_set(err, CS_EX_DATAERR, path, 1, "the header "
		    "differs from the header of '%s': give files with one "
		    "header, or run once per file", ing->first);
	return 0;
}

/* Open the next input; 1 when an item (message, fatal) was made. */
static int
open_next(struct cs_ingest *ing, struct slot *s)
{
	const char *path;
	struct cs_error *err = &s->it.err;
	const struct cs_ingest_hooks *hk = &ing->o.hooks;

	path = ing->o.npaths ? ing->o.paths[ing->next_path] : "-";
	ing->next_path++;
	if (cs_reader_open(&ing->r, path, &ing->o.ro, err) != 0) {
		ing->r = NULL;
		slot_reset(s, err->code == CS_EX_NOINPUT ? CS_ITEM_MESSAGE :
		    CS_ITEM_FATAL);
		return 1;
	}
	ing->name = keep_name(ing, cs_reader_name(ing->r));
	if (ing->format < 0) {
		ing->format = cs_reader_format(ing->r);
		ing->first = ing->name;
		ing->first_hdr = snapshot(ing, cs_reader_header(ing->r));
		ing->pending_header = 1;
	} else if (same_shape(ing, path, err) != 0) {
		slot_reset(s, CS_ITEM_FATAL);
		return 1;
	}
	ing->snap = NULL;
	if (hk->open != NULL && hk->open(hk->ctx, ing->name,
	    cs_reader_format(ing->r), cs_reader_header(ing->r), err) != 0) {
		slot_reset(s, CS_ITEM_FATAL);
		return 1;
	}
	return 0;
}

/* Make the next item in s; 0 when there are no more. */
static int
produce(struct cs_ingest *ing, struct slot *s)
{
	const struct cs_header *h;
	struct cs_row *row;
	int rc;

	for (;;) {
		if (ing->done || ing->stop)
			return 0;
		if (ing->r == NULL) {
			if (ing->next_path >= (ing->o.npaths ? ing->o.npaths :
			    1))
				return 0;
			if (open_next(ing, s)) {
				if (s->it.kind == CS_ITEM_FATAL)
					ing->done = 1;
				return 1;
			}
		}
		if (ing->pending_header) {
			ing->pending_header = 0;
			slot_reset(s, CS_ITEM_HEADER);
			s->hdr = ing->first_hdr;
			s->file = ing->first;
			s->it.format = ing->format;
			return 1;
		}
		slot_reset(s, CS_ITEM_ROW);
		rc = cs_reader_next(ing->r, &row, &s->it.err);
		if (rc < 0) {
			s->it.kind = CS_ITEM_FATAL;
			ing->done = 1;
			return 1;
		}
		if (rc == 0) {
			ing->before += cs_reader_offset(ing->r);
			cs_reader_close(ing->r);
			ing->r = NULL;
			continue;
		}
		h = cs_reader_header(ing->r);
		if (ing->snap == NULL || ing->snap->n != h->n)
			ing->snap = h == NULL ? NULL : snapshot(ing, h);
		slot_copy_row(s, row);
		s->hdr = ing->snap;
		s->file = ing->name;
		s->it.at = ing->before + cs_reader_offset(ing->r);
		if (row->bad != NULL) {
			s->it.kind = CS_ITEM_REJECT;
			cs_fmt(s->it.msg, sizeof(s->it.msg), "%s", row->bad);
		} else if (ing->o.hooks.prepare != NULL) {
			ing->o.hooks.prepare(ing->o.hooks.ctx, row, &s->it);
		}
		return 1;
	}
}

/* Fill a batch; returns 1 when the input is exhausted. */
static int
fill(struct cs_ingest *ing, struct batch *bt)
{
	bt->n = 0;
	while (bt->n < SLOTS) {
		if (!produce(ing, &bt->s[bt->n]))
			return 1;
		bt->n++;
	}
	return 0;
}

static void *
reader_main(void *arg)
{
	struct cs_ingest *ing = arg;
	struct batch *bt;
	int end = 0;

	while (!end && (bt = cs_pipe_get(ing->empty)) != NULL) {
		end = fill(ing, bt);
		if (cs_pipe_put(ing->full, bt) != 0)
			break;
	}
	cs_pipe_close(ing->full);
	return NULL;
}

struct cs_ingest *
cs_ingest_start(const struct cs_ingest_opts *o)
{
	struct cs_ingest *ing = cs_xcalloc(1, sizeof(*ing));
	size_t i, k;

	ing->o = *o;
	ing->format = -1;
	ing->size = cs_inputs_size(o->paths, o->npaths);
	for (k = 0; k < BATCHES; k++) {
		ing->batches[k] = cs_xcalloc(1, sizeof(struct batch));
		for (i = 0; i < SLOTS; i++) {
			struct slot *s = &ing->batches[k]->s[i];

			s->it.data = o->hooks.data_new != NULL ?
			    o->hooks.data_new(o->hooks.ctx) : NULL;
			cs_buf_init(&s->data);
		}
	}
	ing->threaded = o->threaded;
	if (ing->threaded) {
		ing->full = cs_pipe_new(BATCHES);
		ing->empty = cs_pipe_new(BATCHES);
		for (k = 0; k < BATCHES; k++)
			cs_pipe_put(ing->empty, ing->batches[k]);
		if (pthread_create(&ing->tid, NULL, reader_main, ing) != 0) {
			/* No thread: read on the caller's thread instead. */
			cs_pipe_free(ing->full);
			cs_pipe_free(ing->empty);
			ing->full = ing->empty = NULL;
			ing->threaded = 0;
		}
	}
	return ing;
}

/* Point the item's row at the slot's copy. */
static void
hand_out(struct slot *s)
{
	struct cs_row *row = &s->it.row;
	size_t i;

	for (i = 0; i < s->nval; i++)
		s->val[i] = s->off[i] < 0 ? NULL : s->data.s + s->off[i];
	memset(row, 0, sizeof(*row));
	row->hdr = s->hdr;
	row->n = s->nval;
	row->val = s->val;
	row->len = s->len;
	row->file = s->file;
	row->line = s->line;
	row->raw = s->rawoff < 0 ? NULL : s->data.s + s->rawoff;
	row->rawlen = s->rawlen;
	row->bad = s->it.kind == CS_ITEM_REJECT ? s->it.msg : NULL;
}

int
cs_ingest_next(struct cs_ingest *ing, struct cs_item **it)
{
	while (ing->cur == NULL || ing->pos >= ing->cur->n) {
		if (ing->threaded) {
			if (ing->cur != NULL)
				cs_pipe_put(ing->empty, ing->cur);
			ing->cur = cs_pipe_get(ing->full);
			if (ing->cur == NULL)
				return 0;
		} else {
			if (ing->cur != NULL && ing->cur->n < SLOTS)
				return 0;	/* the last batch was short */
			ing->cur = ing->batches[0];
			if (fill(ing, ing->cur) && ing->cur->n == 0)
				return 0;
		}
		ing->pos = 0;
	}
	hand_out(&ing->cur->s[ing->pos]);
	*it = &ing->cur->s[ing->pos++].it;
	return 1;
}

long long
cs_ingest_size(const struct cs_ingest *ing)
{
	return ing->size;
}

void
cs_ingest_stop(struct cs_ingest *ing)
{
	struct timespec until;

	if (ing == NULL)
		return;
	ing->stop = 1;
	if (!ing->threaded || ing->joined)
		return;
	cs_pipe_cancel(ing->full);
	cs_pipe_cancel(ing->empty);
	/*
	 * The reader stops at its next row; wait for it a little, unless it
	 * waits for input that does not come (a terminal, a quiet pipe).
	 */
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 2;
	if (pthread_timedjoin_np(ing->tid, NULL, &until) == 0)
		ing->joined = 1;
}

void
cs_ingest_free(struct cs_ingest *ing)
{
	size_t i, k;

	if (ing == NULL)
		return;
	if (ing->threaded) {
		cs_pipe_cancel(ing->full);
		cs_pipe_cancel(ing->empty);
		if (!ing->joined)
			pthread_join(ing->tid, NULL);
		cs_pipe_free(ing->full);
		cs_pipe_free(ing->empty);
	}
	for (k = 0; k < BATCHES; k++) {
		for (i = 0; i < SLOTS; i++) {
			struct slot *s = &ing->batches[k]->s[i];

			if (ing->o.hooks.data_free != NULL)
				ing->o.hooks.data_free(ing->o.hooks.ctx,
				    s->it.data);
			cs_buf_release(&s->data);
			free(s->off);
			free(s->len);
			free(s->val);
		}
		free(ing->batches[k]);
	}
	cs_reader_close(ing->r);
	if (ing->o.hooks.ctx_free != NULL)
		ing->o.hooks.ctx_free(ing->o.hooks.ctx);
	for (i = 0; i < ing->nsnaps; i++) {
		cs_header_release(ing->snaps[i]);
		free(ing->snaps[i]);
	}
	free(ing->snaps);
	for (i = 0; i < ing->nnames; i++)
		free(ing->names[i]);
	free(ing->names);
	free(ing);
}
