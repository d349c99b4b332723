/*
 * Unit tests of lib/ops/sampling: the two lines of an entity a frame
 * holds twice are named later first, and the kept entities are counted
 * per class as the frame summary says them.
 */
#include <string.h>

#include "cs.h"
#include "unit.h"

int
main(void)
{
	char *classes[] = { "A", "B" };
	const struct cs_frame_entry *later, *earlier;
	struct cs_plan plan;
	struct cs_strmap none;
	struct cs_frame f;
	struct cs_buf b;
	size_t dup;

	memset(&plan, 0, sizeof(plan));
	plan.id = "test";
	plan.nclasses = 2;
	plan.classes = classes;
	cs_strmap_init(&none);
	cs_buf_init(&b);

	cs_frame_init(&f, &plan);
	cs_frame_add(&f, "91350100M000100Y43", 0, "a.csv", 7);
	cs_frame_add(&f, "911100007109311097", 1, "a.csv", 3);
	cs_frame_add(&f, "91350100M000100Y43", 1, "a.csv", 2);
	CHECK(cs_frame_sort(&f, &dup) == 1, "an entity twice is found");
	cs_frame_dup(&f, dup, &later, &earlier);
	CHECK(later->line == 7 && earlier->line == 2,
	    "the later line is named first");
	cs_frame_release(&f);

	cs_frame_init(&f, &plan);
	cs_frame_add(&f, "91350100M000100Y43", 0, "a.csv", 1);
	cs_frame_add(&f, "911100007109311097", 1, "a.csv", 2);
	cs_frame_add(&f, "91110000600037341L", 0, "a.csv", 3);
	CHECK(cs_frame_sort(&f, &dup) == 0, "no entity twice");
	cs_frame_select(&f, &none, &none);
	cs_frame_counts(&f, &b);
	CHECK_STR(b.s, "A 2, B 1", "counts per class, in plan order");
	cs_frame_release(&f);

	cs_buf_release(&b);
	cs_strmap_release(&none);
	return UNIT_DONE();
}
