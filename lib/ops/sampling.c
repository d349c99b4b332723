/*
 * The store's side of building a frame: the sets of entities left out
 * and the saved classes.
 */
#include <stddef.h>

#include "domain/calendar.h"
#include "ops/sampling.h"

/* Fill set with the USCCs of an iterator, then free it. */
static int
uscc_set(struct cs_store_iter *it, struct cs_strmap *set,
    struct cs_error *err)
{
	char uscc[19];
	int r;

	while ((r = cs_store_next_uscc(it, uscc, err)) == 1)
		cs_strmap_put(set, uscc, NULL);
	cs_store_iter_free(it);
	return r < 0 ? -1 : 0;
}

int
cs_frame_exclusions(struct cs_store *st, const struct cs_plan *plan,
    int as_of, struct cs_strmap *recent, struct cs_strmap *gone,
    char cut[11], struct cs_error *err)
{
	struct cs_store_iter *it;
	char day[11];

	cut[0] = '\0';
	cs_date_format(as_of, day);
	if (plan->has_skip) {
		cs_date_format(cs_plan_skip_cut(plan, as_of), cut);
		if (cs_store_iter_drawn(st, cut, day, &it, err) != 0 ||
		    uscc_set(it, recent, err) != 0)
			return -1;
	}
	if (cs_store_iter_status(st, "deregistered", &it, err) != 0)
		return -1;
	return uscc_set(it, gone, err);
}

int
cs_frame_saved(struct cs_store *st, struct cs_frame *f, const char *as_of,
    void (*skip)(void *ctx, const struct cs_class *k), void *ctx,
    struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_class k;
	long cls;
	int r;

	if (cs_store_iter_classes(st, NULL, as_of, &it, err) != 0)
		return -1;
	while ((r = cs_store_next_class(it, &k, err)) == 1) {
		cls = cs_plan_class(f->plan, k.cls);
		if (cls < 0)
			skip(ctx, &k);
		else
			cs_frame_add(f, k.uscc, (int)cls, NULL, k.seq);
	}
	cs_store_iter_free(it);
	return r < 0 ? -1 : 0;
}

void
cs_frame_dup(const struct cs_frame *f, size_t dup,
    const struct cs_frame_entry **later,
    const struct cs_frame_entry **earlier)
{
	*later = &f->e[dup];
	*earlier = &f->e[dup - 1];
	if ((*later)->line < (*earlier)->line) {
		*earlier = &f->e[dup];
		*later = &f->e[dup - 1];
	}
}

void
cs_frame_counts(const struct cs_frame *f, struct cs_buf *b)
{
	size_t i;

	for (i = 0; i < f->plan->nclasses; i++)
		cs_buf_addf(b, "%s%s %ld", i ? ", " : "", f->plan->classes[i],
		    f->count[i]);
}
