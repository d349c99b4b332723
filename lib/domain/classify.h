/*
 * Credit-risk classes from scores: the thresholds of classes.json (loaded
 * by lib/rules), the text that says which one applied, and how a class
 * moved.  Pure: the facts that fix a class directly are
 * cs_score_determine's (score.h).
 */
#ifndef CS_DOMAIN_CLASSIFY_H
#define CS_DOMAIN_CLASSIFY_H

#include <stddef.h>

#include "core/util.h"
#include "domain/score.h"

/* Class thresholds (classes.json), highest class first. */
struct cs_class_def {
	char cls[2];
	char *title;
	int has_min;
	long min;			/* tenths */
};

struct cs_classes {
	struct cs_class_def *c;
	size_t n;
};

/* Free what cl holds and empty it. */
void cs_classes_release(struct cs_classes *cl);

/*
 * The class of score (tenths) by cl: its index into cl->c, with the
 * threshold appended to b ("score>=90.0", "70.0<=score<90.0",
 * "score<40.0").
 */
size_t cs_classify_score(const struct cs_classes *cl, long score,
    struct cs_buf *b);
/* The position of class letter c in cl (0 is the best), or -1. */
long cs_classify_rank(const struct cs_classes *cl, char c);
/*
 * The class of an entity scored score (tenths) whose records (and list
 * entries) are r[0 .. n), by model m on as_of: the first determination
 * fixing a class that holds gives it; else the score's threshold, no
 * better than the worst ceiling of the "at best" determinations that
 * hold.  Returns the class letter, with class_reason appended to b:
 * "LISTED: on the list ... (list entry 27)", "KEY: on the key-attention
 * list: at best C (list entry 14); score>=90.0", or the threshold alone.
 */
char cs_classify_entity(const struct cs_classes *cl,
    const struct cs_model *m, const struct cs_srec *r, size_t n, int as_of,
    long score, struct cs_buf *b);
/*
 * How the class moved from prev to now: "up" (a better class), "down"
 * (a worse one: the risk rose) or "same".  Static strings.
 */
const char *cs_classify_change(const struct cs_classes *cl, char prev,
    char now);

#endif
