/*
 * Credit-risk classes from scores: the thresholds of classes.json, the
 * text that says which one applied, and how a class moved.  Pure: the
 * facts that fix a class directly are cs_score_determine's (score.h).
 */
#ifndef CS_DOMAIN_CLASSIFY_H
#define CS_DOMAIN_CLASSIFY_H

#include <stddef.h>

#include "core/util.h"
#include "domain/model.h"

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
 * How the class moved from prev to now: "up" (a better class), "down"
 * (a worse one: the risk rose) or "same".  Static strings.
 */
const char *cs_classify_change(const struct cs_classes *cl, char prev,
    char now);

#endif
