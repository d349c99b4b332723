/*
 * The rules of scoring and classifying as data: the scoring models
 * (share/cs/models/) and the class thresholds (classes.json) loaded into
 * the types of domain/model.h and domain/classify.h, with messages that
 * name the file and the key at fault (the publicity regimes:
 * rules/publicity_rules.h).
 */
#ifndef CS_RULES_MODELS_H
#define CS_RULES_MODELS_H

#include "core/util.h"
#include "domain/classify.h"
#include "domain/model.h"

/*
 * Load DIR/models/public-credit.json and DIR/models/industry.json, or
 * with file (--model) only that model.  Returns 0 with *mp new
 * (cs_models_free), or -1 with err (69) naming the file and key.
 */
int cs_models_load(struct cs_models **mp, const char *dir, const char *file,
    struct cs_error *err);
/* Free a model set of cs_models_load; accepts NULL. */
void cs_models_free(struct cs_models *ms);

/*
 * Load DIR/classes.json into cl (cs_classes_release).  Returns 0, or -1
 * with err (69) naming the file and key.
 */
int cs_classes_load(struct cs_classes *cl, const char *dir,
    struct cs_error *err);

#endif
