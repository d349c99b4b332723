/*
 * The frame of a draw: the entities and their classes, sorted by USCC,
 * those left out marked (drawn recently, deregistered), and the canonical
 * bytes whose SHA-256 a bureau publishes before the seed exists.
 */
#ifndef CS_OPS_FRAMES_H
#define CS_OPS_FRAMES_H

#include <stdio.h>

#include "core/util.h"
#include "rules/plans.h"

struct cs_frame_entry {
	char uscc[19];
	int cls;			/* index into plan->classes */
	int file;			/* index into files, -1: a saved class */
	long line;			/* of the row, or the ledger seq */
	int keep;
};

struct cs_frame {
	const struct cs_plan *plan;	/* borrowed */
	struct cs_frame_entry *e;
	size_t n, cap;
	char **files;			/* the inputs rows came from */
	size_t nfiles;
	long *count;			/* entities kept, per class */
	long kept, recent, gone;	/* kept; left out, and why */
};

void cs_frame_init(struct cs_frame *f, const struct cs_plan *plan);
void cs_frame_release(struct cs_frame *f);
/* Add an entity; file NULL for a saved class (line: its ledger seq). */
void cs_frame_add(struct cs_frame *f, const char *uscc, int cls,
    const char *file, long line);
/*
 * Sort by USCC.  Returns 0, or 1 with *dup the index of an entity that
 * is there twice (e[*dup - 1] is the other).
 */
int cs_frame_sort(struct cs_frame *f, size_t *dup);
/*
 * Keep the entities not in gone (deregistered) nor in recent (drawn
 * within skip_recent) unless their class is exempt; count what is kept.
 */
void cs_frame_select(struct cs_frame *f, const struct cs_strmap *recent,
    const struct cs_strmap *gone);
/*
 * Write the canonical frame (the kept entities: "uscc,class", LF) to fp,
 * its SHA-256 into hex.  Returns 0, or -1 when a write failed.
 */
int cs_frame_write(const struct cs_frame *f, FILE *fp, char hex[65]);

/*
 * Publish the frame as path and its "HEX  NAME" line as path.sha256
 * (sha256sum -c checks it), each never seen half written: 0 with hex, or
 * -1 with err.
 */
int cs_frame_publish(const struct cs_frame *f, const char *path,
    char hex[65], struct cs_error *err);

#endif
