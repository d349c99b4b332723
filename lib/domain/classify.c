/*
 * Classes from scores by the thresholds of classes.json, highest class
 * first: a score of at least a class's min, and below the class above,
 * gets it; the last class takes the rest.  The determinations of the
 * model fix a class, or keep the score from giving a better one.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/classify.h"
#include "domain/model.h"

void
cs_classes_release(struct cs_classes *cl)
{
	size_t i;

	for (i = 0; i < cl->n; i++)
		free(cl->c[i].title);
	free(cl->c);
	memset(cl, 0, sizeof(*cl));
}

size_t
cs_classify_score(const struct cs_classes *cl, long score, struct cs_buf *b)
{
	char lo[24], hi[24];
	size_t i;

	for (i = 0; i + 1 < cl->n && score < cl->c[i].min; i++)
		;
	if (i > 0)
		cs_points_format(cl->c[i - 1].min, 0, hi);
	if (cl->c[i].has_min)
		cs_points_format(cl->c[i].min, 0, lo);
	if (i == 0)
		cs_buf_addf(b, "score>=%s", lo);
	else if (!cl->c[i].has_min)
		cs_buf_addf(b, "score<%s", hi);
	else
		cs_buf_addf(b, "%s<=score<%s", lo, hi);
	return i;
}

long
cs_classify_rank(const struct cs_classes *cl, char c)
{
	size_t i;

	for (i = 0; i < cl->n; i++)
		if (cl->c[i].cls[0] == c)
			return (long)i;
	return -1;
}

const char *
cs_classify_change(const struct cs_classes *cl, char prev, char now)
{
	long r0 = cs_classify_rank(cl, prev), r1 = cs_classify_rank(cl, now);

	return r0 == r1 ? "same" : r1 < r0 ? "up" : "down";
}

/* "(list entry 14)" or "(record 3f1f9a471cd8bef6)" of record r. */
static void
which(const struct cs_srec *r, struct cs_buf *b)
{
	const char *colon = strchr(r->id, ':');

	cs_buf_addf(b, " (%s %s)", r->entry ? "list entry" : "record",
	    r->entry && colon != NULL ? colon + 1 : r->id);
}

char
cs_classify_entity(const struct cs_classes *cl, const struct cs_model *m,
    const struct cs_srec *r, size_t n, int as_of, long score,
    struct cs_buf *b)
{
	const struct cs_determination *d, *cap = NULL;
	size_t k, rec, caprec = 0;
	long det, got, rank;
	struct cs_buf t;

	det = cs_score_determine(m, r, n, as_of, &rec);
	if (det >= 0) {
		d = &m->dets[det];
		cs_buf_addf(b, "%s: %s", d->code, d->why);
		which(&r[rec], b);
		return d->cls[0];
	}
	cs_buf_init(&t);
	got = (long)cs_classify_score(cl, score, &t);
	for (k = 0; k < m->ndets; k++) {
		d = &m->dets[k];
		rank = cs_classify_rank(cl, d->cls[0]);
		if (!d->at_best || rank <= got ||
		    !cs_score_det_holds(d, r, n, as_of, &rec))
			continue;
		got = rank;
		cap = d;
		caprec = rec;
	}
	if (cap != NULL) {
		cs_buf_addf(b, "%s: %s: at best %s", cap->code, cap->why,
		    cap->cls);
		which(&r[caprec], b);
		cs_buf_adds(b, "; ");
	}
	cs_buf_add(b, t.s, t.len);
	cs_buf_release(&t);
	return cl->c[got].cls[0];
}
