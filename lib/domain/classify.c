/*
 * Classes from scores by the thresholds of classes.json, highest class
 * first: a score of at least a class's min, and below the class above,
 * gets it; the last class takes the rest.
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
